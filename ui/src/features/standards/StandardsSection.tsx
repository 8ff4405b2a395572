import { useState } from "react";
import { App, Button, type ButtonProps, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import type { Standard } from "../../api/bindings/Standard";
import type { StandardKey } from "../../api/bindings/StandardKey";
import type { Versioned } from "../../api/bindings/Versioned";
import { CoreError } from "../../api/client";
import { useDirectory } from "../directory/api";
import { useRuleCatalogue, useSaveStandard, useStandards } from "./api";
import { fmt, useMessages } from "../../i18n";
import { QueryState } from "../common/QueryState";
import { ISO_DATE, TYPED_DATES } from "../common/DateField";
import { useLanguage } from "../app/LanguageProvider";
import { formatFen } from "../common/money";
import { SeverityTag } from "../common/FindingBadge";
import { useMay } from "../session/api";
import { TEXT_LIMITS } from "../../api/bindings/limits";

interface StandardForm {
  key: StandardKey;
  tier: Standard["tier"];
  cityId: string | null;
  effectiveFrom: dayjs.Dayjs;
  value: number;
  source: string;
}

/** Settings → Standards: the effective-dated figures the rules use, the rule list and the holiday source. */
export function StandardsSection() {
  const m = useMessages();
  const { lang } = useLanguage();
  const { message } = App.useApp();
  const standards = useStandards();
  const catalogue = useRuleCatalogue();
  // Every city, withdrawn ones too: a standard may name any.
  const cities = useDirectory("city");
  // The modal adds a standard (null) or edits a saved one.
  const [editing, setEditing] = useState<Versioned<Standard> | null | undefined>(undefined);
  const adding = editing !== undefined;
  const setAdding = (open: boolean) => setEditing(open ? null : undefined);
  const manage = useMay("manageStandards");
  const [form] = Form.useForm<StandardForm>();
  const chosenKey = Form.useWatch("key", form);

  const save = useSaveStandard(() => message.success(m.standards.saved));

  const info = (key: StandardKey) => catalogue.data?.standards.find((s) => s.key === key);
  const label = (key: StandardKey) => {
    const found = info(key);
    return found ? (lang === "en" ? found.labelEn : found.label) : key;
  };
  const showValue = (row: Standard) => {
    const unit = info(row.key)?.unit;
    if (unit === "fen") return formatFen(row.value);
    const one = row.value === 1;
    const word = unit === "months" ? (one ? m.standards.month : m.standards.months) : one ? m.standards.day : m.standards.days;
    return `${row.value} ${word}`;
  };
  const cityName = (id: string | null) => {
    if (!id) return m.standards.everywhere;
    const city = cities.data?.find((c) => c.id === id);
    return city ? `${city.value.province} ${city.value.name}` : id;
  };

  const submit = async () => {
    const values = await form.validateFields();
    const unit = info(values.key)?.unit;
    const value: Standard = {
      key: values.key,
      tier: values.tier ?? null,
      cityId: values.cityId ?? null,
      effectiveFrom: values.effectiveFrom.format("YYYY-MM-DD"),
      value: unit === "fen" ? Math.round(values.value * 100) : values.value,
      source: values.source ?? "",
      active: true,
    };
    try {
      await save.mutateAsync({ id: editing?.id ?? null, version: editing?.version ?? null, value: { ...value, active: editing?.value.active ?? true } });
      setAdding(false);
      form.resetFields();
    } catch (error) {
      if (error instanceof CoreError && error.field && error.field[0] === "value") {
        const name = String(error.field[1] ?? "value") as keyof StandardForm;
        form.setFields([{ name, errors: [error.fieldMessage] }]);
      } else if (error instanceof Error) {
        message.error(error.message);
      }
    }
  };

  const edit = (row: Versioned<Standard>) => {
    const unit = info(row.value.key)?.unit;
    form.setFieldsValue({
      key: row.value.key,
      tier: row.value.tier,
      cityId: row.value.cityId,
      effectiveFrom: dayjs(row.value.effectiveFrom, ISO_DATE),
      value: unit === "fen" ? row.value.value / 100 : row.value.value,
      source: row.value.source,
    });
    setEditing(row);
  };

  const withdraw = (row: Versioned<Standard>) =>
    save.mutate({ id: row.id, version: row.version, value: { ...row.value, active: !row.value.active } });

  return (
    <Card title={m.standards.title} data-testid="standards">
      <Typography.Paragraph type="secondary">{m.standards.hint}</Typography.Paragraph>
      {manage && (
        <Button type="primary" onClick={() => setAdding(true)} data-testid="standard-add">
          {m.standards.add}
        </Button>
      )}
      <QueryState query={standards}>
        {(rows) => (
          <Table<Versioned<Standard>>
            size="small"
            rowKey="id"
            style={{ marginTop: 12 }}
            dataSource={rows}
            pagination={false}
            columns={[
              { title: m.standards.key, render: (_, row) => label(row.value.key) },
              { title: m.standards.scope, render: (_, row) => `${cityName(row.value.cityId)}${row.value.tier ? ` · ${m.standards.tiers[row.value.tier]}` : ""}` },
              { title: m.standards.effectiveFrom, render: (_, row) => row.value.effectiveFrom },
              { title: m.standards.value, render: (_, row) => showValue(row.value) },
              { title: m.standards.source, render: (_, row) => row.value.source },
              {
                title: m.standards.inForce,
                render: (_, row) => (
                  <Switch size="small" checked={row.value.active} disabled={!manage} onChange={() => withdraw(row)} aria-label={m.standards.inForce} />
                ),
              },
              ...(manage
                ? [
                    {
                      title: "",
                      key: "edit",
                      render: (_: unknown, row: Versioned<Standard>) => (
                        <Button size="small" onClick={() => edit(row)} data-testid={`standard-edit-${row.id}`}>
                          {m.standards.edit}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryState>
      <Modal
        open={adding}
        title={editing ? m.standards.editTitle : m.standards.add}
        onOk={() => void submit()}
        onCancel={() => {
          setAdding(false);
          form.resetFields();
        }}
        forceRender confirmLoading={save.isPending} okText={m.standards.save} okButtonProps={{ "data-testid": "standard-save" } as ButtonProps}>
        <Form form={form} layout="vertical" initialValues={{ effectiveFrom: dayjs(), tier: null, cityId: null }}>
          <Form.Item name="key" label={m.standards.key} rules={[{ required: true, message: m.standards.required }]}>
            <Select data-testid="standard-key" options={catalogue.data?.standards.map((s) => ({ value: s.key, label: label(s.key) })) ?? []} />
          </Form.Item>
          {chosenKey && info(chosenKey)?.byTier && (
            <Form.Item name="tier" label={m.standards.tier}>
              <Select allowClear options={(["minister", "directorGeneral", "other"] as const).map((t) => ({ value: t, label: m.standards.tiers[t] }))} />
            </Form.Item>
          )}
          {chosenKey && info(chosenKey)?.byCity && (
            <Form.Item name="cityId" label={m.standards.city}>
              <Select allowClear showSearch optionFilterProp="label" options={cities.data?.map((c) => ({ value: c.id, label: `${c.value.province} ${c.value.name}` })) ?? []} />
            </Form.Item>
          )}
          <Form.Item name="effectiveFrom" label={m.standards.effectiveFrom} rules={[{ required: true, message: m.standards.required }]}>
            <DatePicker format={TYPED_DATES} data-testid="standard-effectiveFrom" />
          </Form.Item>
          <Form.Item name="value" label={chosenKey && info(chosenKey)?.unit === "fen" ? m.standards.valueYuan : m.standards.value} rules={[{ required: true, message: m.standards.required }]}>
            <InputNumber data-testid="standard-value" precision={chosenKey && info(chosenKey)?.unit === "fen" ? 2 : 0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="source" label={m.standards.source} rules={[{ required: true, message: m.standards.required }]}>
            <Input data-testid="standard-source" placeholder={m.standards.sourceHint} maxLength={TEXT_LIMITS.standard.source} showCount />
          </Form.Item>
        </Form>
      </Modal>
      <QueryState query={catalogue}>
        {(data) => (
          <Space direction="vertical" style={{ width: "100%", marginTop: 16 }}>
            <Typography.Title level={5}>{m.standards.rules}</Typography.Title>
            <Typography.Text type="secondary">{fmt(m.standards.document, { title: data.document.title, version: data.document.version })}</Typography.Text>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={data.rules}
              columns={[
                { title: m.standards.rule, render: (_, rule) => (lang === "en" ? rule.title.en : rule.title.zh) },
                { title: m.standards.clause, render: (_, rule) => <Tag>{rule.citation.clause}</Tag> },
                { title: m.standards.level, render: (_, rule) => <SeverityTag severity={rule.severity} /> },
                { title: m.standards.when, render: (_, rule) => (lang === "en" ? rule.when.en : rule.when.zh) },
              ]}
            />
            <Typography.Text type="secondary">{fmt(m.standards.holidaySource, { source: data.holidaySource })}</Typography.Text>
          </Space>
        )}
      </QueryState>
    </Card>
  );
}
