import { useMemo, useState } from "react";
import { Alert, Checkbox, Descriptions, Modal, Select, Table, Tag, Typography } from "antd";
import type { ImportLine } from "../../api/bindings/ImportLine";
import type { ImportReport } from "../../api/bindings/ImportReport";
import type { Resolution } from "../../api/bindings/Resolution";
import { fmt, useMessages } from "../../i18n";
import { formatFen } from "../common/money";
import { useMay } from "../session/api";
import { bureauTime } from "../common/time";
import { readableSubject } from "../common/subject";

const RESOLUTIONS: Resolution[] = ["keepMine", "takeTheirs", "keepBoth"];
const COLOURS: Record<ImportLine["outcome"], string> = {
  new: "green",
  unchanged: "default",
  conflict: "orange",
  keptMine: "default",
  tookTheirs: "blue",
  amendment: "purple",
  keptBoth: "cyan",
  invalid: "red",
};

/**
 * The dry run of an import: who signed the bundle, what it would do, each record's
 * outcome, and a choice for every record that differs from the one here. Importing
 * is possible only when nothing is invalid and every difference has a choice — the
 * core refuses otherwise anyway.
 */
export function BundleReport({
  report,
  applying,
  onApply,
  onCancel,
}: {
  report: ImportReport;
  applying: boolean;
  onApply: (resolutions: Record<string, Resolution>, trustFingerprint: string | null) => void;
  onCancel: () => void;
}) {
  const m = useMessages();
  const x = m.exchange;
  const [choices, setChoices] = useState<Record<string, Resolution>>({});
  const [trusted, setTrusted] = useState(false);
  const mayTrust = useMay("manageProfiles");
  const conflicts = useMemo(() => report.records.filter((l) => l.outcome === "conflict"), [report]);
  const c = report.counts;
  const unresolved = conflicts.filter((l) => !choices[l.id]).length;
  const blocked = report.alreadyImported || c.invalid > 0 || unresolved > 0 || (!report.signerKnown && !trusted);
  return (
    <Modal
      open
      width={900}
      title={x.reportTitle}
      okText={applying ? x.importing : x.apply}
      okButtonProps={{ disabled: blocked, loading: applying, "data-testid": "exchange-apply" } as never}
      cancelText={m.common.cancel}
      onOk={() => onApply(choices, report.signerKnown ? null : report.fingerprintToCompare)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <div data-testid="exchange-report">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={x.signer}>{readableSubject(report.signerSubject)}</Descriptions.Item>
          <Descriptions.Item label={x.fingerprint}>
            <Typography.Text code>{report.signerFingerprint}</Typography.Text>
          </Descriptions.Item>
          {report.rootSubject !== null && (
            <>
              <Descriptions.Item label={x.root}>{readableSubject(report.rootSubject)}</Descriptions.Item>
              <Descriptions.Item label={x.rootFingerprint}>
                <Typography.Text code data-testid="exchange-root-fingerprint">
                  {report.fingerprintToCompare}
                </Typography.Text>
              </Descriptions.Item>
            </>
          )}
          <Descriptions.Item label={x.exporter}>{report.exporterName}</Descriptions.Item>
          <Descriptions.Item label={x.exportedAt}>{bureauTime(report.exportedAt, true)}</Descriptions.Item>
          {report.machine && <Descriptions.Item label={x.machine}>{report.machine}</Descriptions.Item>}
          <Descriptions.Item label={x.history}>
            <span data-testid="exchange-witness">{x.witness[report.witness]}</span>
          </Descriptions.Item>
        </Descriptions>
        {!report.signerKnown && !report.alreadyImported && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="exchange-unknown-signer"
            title={report.rootSubject !== null ? x.unknownRoot : x.unknownSigner}
            description={
              mayTrust ? (
                <Checkbox checked={trusted} onChange={(e) => setTrusted(e.target.checked)} data-testid="exchange-trust">
                  {report.rootSubject !== null ? x.trustRoot : x.trust}
                </Checkbox>
              ) : (
                x.trustAdministrator
              )
            }
          />
        )}
        {report.alreadyImported ? (
          <Alert type="info" showIcon title={x.alreadyImported} />
        ) : (
          <>
            <Typography.Paragraph data-testid="exchange-summary">
              {report.purpose === "directory" && `${fmt(x.directorySummary, { updated: c.directoryUpdated, certificates: c.certificatesAdded })} `}
              {fmt(x.summary, {
                new: c.new,
                unchanged: c.unchanged,
                conflicts: c.conflicts,
                invalid: c.invalid,
                added: c.directoryAdded,
                matched: c.directoryMatched,
              })}
            </Typography.Paragraph>
            {c.invalid > 0 && <Alert type="error" showIcon title={x.invalidHint} style={{ marginBottom: 12 }} />}
            {conflicts.length > 0 && c.invalid === 0 && (
              <Alert type="warning" showIcon title={x.conflictHint} style={{ marginBottom: 12 }} />
            )}
            <Table<ImportLine>
              size="small"
              rowKey="id"
              dataSource={report.records}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              onRow={(row) => ({ "data-testid": `exchange-line-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { key: "date", title: x.date, dataIndex: "date" },
                { key: "kind", title: x.kind, render: (_, row) => m.kind[row.kind] },
                { key: "amount", title: x.amount, render: (_, row) => formatFen(row.amountFen) },
                {
                  key: "outcome",
                  title: x.outcome,
                  render: (_, row) => (
                    <>
                      <Tag color={COLOURS[row.outcome]}>{x.outcomes[row.outcome]}</Tag>
                      {row.locked && <Tag>{x.locked}</Tag>}
                      {row.problem && <Typography.Text type="danger">{row.problem}</Typography.Text>}
                    </>
                  ),
                },
                {
                  key: "choice",
                  title: "",
                  render: (_, row) =>
                    row.outcome === "conflict" && (
                      <Select<Resolution>
                        style={{ width: 160 }}
                        placeholder={x.choose}
                        value={choices[row.id]}
                        data-testid={`exchange-choice-${row.id}`}
                        onChange={(value) => setChoices({ ...choices, [row.id]: value })}
                        options={RESOLUTIONS.map((r) => ({ value: r, label: x.resolutions[r] }))}
                      />
                    ),
                },
              ]}
            />
          </>
        )}
      </div>
    </Modal>
  );
}
