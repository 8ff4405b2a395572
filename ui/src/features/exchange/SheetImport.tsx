import { useState } from "react";
import { Alert, App, Button, Card, Checkbox, Form, InputNumber, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { FileExcelOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Columns } from "../../api/bindings/Columns";
import type { Layout } from "../../api/bindings/Layout";
import type { SheetImportReport } from "../../api/bindings/SheetImportReport";
import type { SheetInspection } from "../../api/bindings/SheetInspection";
import type { SheetMapping } from "../../api/bindings/SheetMapping";
import type { SheetRow } from "../../api/bindings/SheetRow";
import { CoreError } from "../../api/client";
import { usePlatform } from "../../api/platform";
import { fmt, useMessages } from "../../i18n";
import { formatFen } from "../common/money";
import { DepartmentPicker, OfficialPicker } from "../directory/pickers";
import { useSheetImport, useSheetInspect } from "./api";

type Field = keyof Columns;
const REGISTER_FIELDS: Field[] = ["date", "category", "counterpart", "purpose", "amount", "payment", "receipt", "destination", "note"];
const GIFT_FIELDS: Field[] = ["date", "official", "counterpart", "item", "quantity", "value", "disposition", "voucher"];
const OUTCOME_COLOURS: Record<SheetRow["outcome"], string> = { imported: "green", accepted: "green", skipped: "default", rejected: "red" };

/** A column letter as Excel shows it (0 → A, 26 → AA). */
function letter(index: number): string {
  let out = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/**
 * Importing an Excel register: the file's sheets with the mapping their headers
 * suggest, corrected by the person; a check that lists every row with what it
 * becomes or why it cannot; then the import of the rows that can be taken, all in one.
 */
export function SheetImport() {
  const m = useMessages();
  const s = m.sheetImport;
  const inspectSheets = useSheetInspect();
  const importSheets = useSheetImport();
  const platform = usePlatform();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<{ path: string; inspection: SheetInspection } | null>(null);
  const [mappings, setMappings] = useState<SheetMapping[]>([]);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [report, setReport] = useState<SheetImportReport | null>(null);
  const [skip, setSkip] = useState(false);
  const fail = (e: unknown) => message.error(e instanceof CoreError ? e.message : String(e));
  const close = () => {
    setFile(null);
    setReport(null);
    setSkip(false);
  };

  const inspect = useMutation({
    mutationFn: (path: string) => inspectSheets({ path }),
    onSuccess: (inspection, path) => {
      setFile({ path, inspection });
      setMappings(inspection.sheets.map((sheet) => sheet.suggested));
    },
    onError: fail,
  });
  const run = useMutation({
    mutationFn: (dryRun: boolean) =>
      importSheets({ path: file!.path, departmentId: departmentId!, sheets: mappings, dryRun, skipRejected: skip }),
    onSuccess: async (done) => {
      if (done.dryRun) {
        setReport(done);
        return;
      }
      close();
      message.success(fmt(s.imported, { rows: done.accepted, added: done.counterpartsAdded }));
      await queryClient.invalidateQueries();
    },
    onError: fail,
  });
  const update = (i: number, patch: Partial<SheetMapping>) => {
    setMappings(mappings.map((mapping, j) => (j === i ? { ...mapping, ...patch } : mapping)));
    setReport(null);
  };

  return (
    <>
      <Button
        icon={<FileExcelOutlined />}
        loading={inspect.isPending}
        data-testid="sheet-import"
        onClick={async () => {
          const path = await platform.pickFile("spreadsheet");
          if (path) inspect.mutate(path);
        }}
      >
        {s.button}
      </Button>
      <Modal
        open={file !== null}
        width={1000}
        title={s.title}
        onCancel={close}
        destroyOnHidden
        footer={
          <Space>
            <Button onClick={close}>{m.common.cancel}</Button>
            <Button
              loading={run.isPending && report === null}
              disabled={!departmentId}
              onClick={() => run.mutate(true)}
              data-testid="sheet-check"
            >
              {s.check}
            </Button>
            <Button
              type="primary"
              loading={run.isPending && report !== null}
              disabled={!report || report.accepted === 0 || (report.rejected > 0 && !skip)}
              onClick={() => run.mutate(false)}
              data-testid="sheet-apply"
            >
              {report ? fmt(s.apply, { rows: report.accepted }) : fmt(s.apply, { rows: 0 })}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{s.hint}</Typography.Paragraph>
        <Form layout="inline" style={{ marginBottom: 12 }}>
          <Form.Item label={s.department} required>
            <div style={{ width: 220 }}>
              <DepartmentPicker
                data-testid="sheet-department"
                value={departmentId}
                onChange={(value) => {
                  setDepartmentId((value as string | null) ?? null);
                  setReport(null);
                }}
              />
            </div>
          </Form.Item>
        </Form>
        {file?.inspection.sheets.map((sheet, i) => {
          const mapping = mappings[i]!;
          const fields = mapping.layout === "gifts" ? GIFT_FIELDS : REGISTER_FIELDS;
          const width = Math.max(1, ...sheet.rows.map((r) => r.length));
          const columnOptions = Array.from({ length: width }, (_, c) => ({
            value: c,
            label: `${letter(c)} ${sheet.rows[mapping.headerRow - 1]?.[c] ?? ""}`.trim(),
          }));
          return (
            <Card key={sheet.name} size="small" title={fmt(s.sheet, { name: sheet.name, rows: sheet.rowCount })} style={{ marginBottom: 12 }} data-testid={`sheet-${sheet.name}`}>
              <Space wrap style={{ marginBottom: 8 }}>
                <span>{s.layout}</span>
                <Select<Layout>
                  style={{ width: 160 }}
                  value={mapping.layout}
                  onChange={(layout) => update(i, { layout })}
                  options={(["register", "gifts", "ignore"] as Layout[]).map((l) => ({ value: l, label: s.layouts[l] }))}
                />
                <span>{s.headerRow}</span>
                <InputNumber min={1} max={sheet.rowCount} value={mapping.headerRow} onChange={(v) => typeof v === "number" && update(i, { headerRow: v })} />
                {mapping.layout === "register" && (
                  <>
                    <span>{s.official}</span>
                    <div style={{ width: 180 }}>
                      <OfficialPicker value={mapping.officialId} onChange={(v) => update(i, { officialId: (v as string | null) ?? null })} />
                    </div>
                  </>
                )}
              </Space>
              {mapping.layout !== "ignore" && (
                <Space wrap>
                  {fields.map((field) => (
                    <Space key={field} size={4}>
                      <span>{s.fields[field]}</span>
                      <Select<number>
                        allowClear
                        style={{ width: 150 }}
                        placeholder={s.none}
                        value={mapping.columns[field] ?? undefined}
                        onChange={(c) => update(i, { columns: { ...mapping.columns, [field]: c ?? null } })}
                        options={columnOptions}
                        data-testid={`sheet-${sheet.name}-${field}`}
                      />
                    </Space>
                  ))}
                </Space>
              )}
            </Card>
          );
        })}
        {report && (
          <div data-testid="sheet-report">
            <Typography.Paragraph strong>
              {fmt(s.summary, { accepted: report.accepted, skipped: report.skipped, rejected: report.rejected, added: report.counterpartsAdded })}
            </Typography.Paragraph>
            {report.rejected > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 8 }}
                title={
                  <Checkbox checked={skip} onChange={(e) => setSkip(e.target.checked)} data-testid="sheet-skip">
                    {fmt(s.skip, { rows: report.rejected })}
                  </Checkbox>
                }
              />
            )}
            <Table<SheetRow>
              size="small"
              rowKey={(row) => `${row.sheet}-${row.row}`}
              dataSource={report.rows}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { key: "where", title: s.row, render: (_, row) => `${row.sheet} ${row.row}` },
                { key: "outcome", title: s.outcome, render: (_, row) => <Tag color={OUTCOME_COLOURS[row.outcome]}>{s.outcomes[row.outcome]}</Tag> },
                { key: "kind", title: m.exchange.kind, render: (_, row) => (row.kind ? m.kind[row.kind] : "") },
                { key: "date", title: m.exchange.date, dataIndex: "date" },
                { key: "amount", title: m.exchange.amount, render: (_, row) => (row.amountFen ? formatFen(row.amountFen) : "") },
                { key: "reason", title: s.reason, dataIndex: "reason" },
              ]}
            />
          </div>
        )}
      </Modal>
    </>
  );
}
