import { useState } from "react";
import { App, Button, Card, DatePicker, Form, Input, Modal, Radio, Table, Tag, Typography, type ButtonProps } from "antd";
import dayjs from "dayjs";
import type { CalendarDay } from "../../api/bindings/CalendarDay";
import type { Versioned } from "../../api/bindings/Versioned";
import { CoreError } from "../../api/client";
import { useHolidays, useSaveHoliday } from "./api";
import { useMessages } from "../../i18n";
import { QueryState } from "../common/QueryState";
import { useMay } from "../session/api";
import { TEXT_LIMITS } from "../../api/bindings/limits";

interface DayForm {
  date: dayjs.Dayjs;
  name: string;
  holiday: boolean;
}

/**
 * Corrections to the shipped holiday calendar (二(二)3 watches inspections in the days
 * before a holiday): a local holiday added, or a shipped day taken out. Audited.
 */
export function HolidaySection() {
  const m = useMessages();
  const { message } = App.useApp();
  const days = useHolidays();
  const [editing, setEditing] = useState<Versioned<CalendarDay> | "new" | null>(null);
  const [form] = Form.useForm<DayForm>();
  const save = useSaveHoliday(() => message.success(m.holidays.saved));

  const open = (row: Versioned<CalendarDay> | "new") => {
    setEditing(row);
    form.setFieldsValue(
      row === "new"
        ? { date: dayjs(), name: "", holiday: true }
        : { date: dayjs(row.value.date), name: row.value.name, holiday: row.value.holiday },
    );
  };

  const submit = async () => {
    const values = await form.validateFields();
    const existing = editing !== "new" && editing !== null ? editing : null;
    try {
      await save.mutateAsync({
        id: existing?.id ?? null,
        version: existing?.version ?? null,
        value: { date: values.date.format("YYYY-MM-DD"), name: values.name, holiday: values.holiday },
      });
      setEditing(null);
    } catch (error) {
      if (error instanceof CoreError && error.field?.[0] === "value" && error.field[1]) {
        form.setFields([{ name: String(error.field[1]) as keyof DayForm, errors: [error.fieldMessage] }]);
      } else if (error instanceof Error) {
        message.error(error.message);
      }
    }
  };

  const manage = useMay("manageStandards");
  return (
    <Card title={m.holidays.title} data-testid="holidays">
      <Typography.Paragraph type="secondary">{m.holidays.hint}</Typography.Paragraph>
      {manage && (
        <Button onClick={() => open("new")} data-testid="holiday-add">
          {m.holidays.add}
        </Button>
      )}
      <QueryState query={days}>
        {(rows) => (
          <Table<Versioned<CalendarDay>>
            size="small"
            rowKey="id"
            style={{ marginTop: 12 }}
            pagination={false}
            dataSource={rows}
            locale={{ emptyText: m.holidays.empty }}
            onRow={(row) => (manage ? { onClick: () => open(row), style: { cursor: "pointer" } } : {})}
            columns={[
              { title: m.holidays.date, render: (_, row) => row.value.date },
              { title: m.holidays.name, render: (_, row) => row.value.name },
              {
                title: m.holidays.kind,
                render: (_, row) =>
                  row.value.holiday ? <Tag color="red">{m.holidays.added}</Tag> : <Tag>{m.holidays.removed}</Tag>,
              },
            ]}
          />
        )}
      </QueryState>
      <Modal
        open={editing !== null}
        title={m.holidays.add}
        onOk={() => void submit()}
        onCancel={() => setEditing(null)}
        confirmLoading={save.isPending}
        okText={m.standards.save}
        okButtonProps={{ "data-testid": "holiday-save" } as ButtonProps}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="date" label={m.holidays.date} rules={[{ required: true, message: m.standards.required }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="name" label={m.holidays.name} rules={[{ required: true, message: m.standards.required }]}>
            <Input data-testid="holiday-name" maxLength={TEXT_LIMITS.holiday.name} showCount />
          </Form.Item>
          <Form.Item name="holiday" label={m.holidays.kind}>
            <Radio.Group
              options={[
                { value: true, label: m.holidays.added },
                { value: false, label: m.holidays.removed },
              ]}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
