import { Alert, Descriptions, Table, Tag, Typography } from "antd";
import type { LaterChange } from "../../api/bindings/LaterChange";
import type { RecordDifference } from "../../api/bindings/RecordDifference";
import type { RegisterVerification } from "../../api/bindings/RegisterVerification";
import type { SignatureReport } from "../../api/bindings/SignatureReport";
import type { Verdict } from "../../api/bindings/Verdict";
import { fmt, useMessages } from "../../i18n";
import { bureauTime } from "../common/time";

const VERDICT_TYPE: Record<Verdict, "success" | "warning" | "error" | "info"> = {
  intact: "success",
  unsigned: "info",
  tampered: "error",
  unknownSigner: "warning",
  recordsChanged: "warning",
  noManifest: "warning",
  changedAfter: "error",
  wrongSigner: "error",
  notIssuedHere: "warning",
  historyRewritten: "error",
};

/** What a later revision changed, in words. */
function laterChangeText(change: LaterChange, words: ReturnType<typeof useMessages>["registers"]["laterChange"]) {
  return "object" in change ? fmt(words[change.kind], { object: change.object }) : words[change.kind];
}

/** What verifying a register found: the verdict, each signature, each record that differs. */
export function VerificationView({ result }: { result: RegisterVerification }) {
  const m = useMessages();
  const r = m.registers;
  return (
    <div data-testid="verification">
      <Alert
        type={VERDICT_TYPE[result.verdict]}
        showIcon
        data-testid="verification-verdict"
        data-verdict={result.verdict}
        title={r.verdict[result.verdict]}
        description={
          result.entitledSigners.length > 0 ? (
            <span data-testid="verification-entitled">
              {fmt(r.entitled, { names: result.entitledSigners.join(m.common.listSeparator) })}
            </span>
          ) : undefined
        }
        style={{ marginBottom: 12 }}
      />
      {result.issuedBy && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="verification-issued-by"
          title={fmt(r.issuedBy, { database: result.issuedBy })}
        />
      )}
      {result.unchecked.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="verification-unchecked"
          title={result.unchecked.map((u) => r.unchecked[u]).join(m.common.listSeparator)}
        />
      )}
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={r.department}>{result.department ?? m.common.unknown}</Descriptions.Item>
        <Descriptions.Item label={r.month}>{result.month ?? m.common.unknown}</Descriptions.Item>
        <Descriptions.Item label={r.registerNo}>{result.registerId ?? m.common.unknown}</Descriptions.Item>
        <Descriptions.Item label={r.manifest}>
          <Typography.Text code style={{ wordBreak: "break-all" }}>
            {result.manifestSha256 ?? m.common.unknown}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{r.signatures}</Typography.Title>
      <Table<SignatureReport>
        size="small"
        rowKey={(s) => `${s.signedAt}-${s.signer}`}
        pagination={false}
        dataSource={result.signatures}
        onRow={(_, i) => ({ "data-testid": `signature-row-${i}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: "reason",
            title: r.reason,
            // The place a signature takes, in words; what the signer wrote when it is
            // not what that place says (a wrong field or reason is the finding).
            render: (_, s) => (s.slot && s.authority !== "wrongField" ? r.slotLabel[s.slot] : s.reason),
          },
          {
            key: "signer",
            title: r.signer,
            render: (_, s) => (
              <>
                {s.knownAs ?? s.signer}
                {s.holderRole && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fmt(r.holderRole, { role: m.role[s.holderRole] })}
                    </Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          {
            key: "signedAt",
            title: r.signedAt,
            render: (_, s) => (
              <>
                {bureauTime(s.signedAt, true)}
                {s.recordedAt && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fmt(r.recordedAt, { at: bureauTime(s.recordedAt ?? "", true) })}
                    </Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          {
            key: "state",
            title: r.state,
            render: (_, s) => (
              <>
                <Tag color={s.valid ? "green" : "red"} data-testid="signature-state">
                  {s.valid ? r.valid : r.invalid}
                </Tag>
                {s.problem && <Typography.Text type="danger">{r.problem[s.problem]}</Typography.Text>}
                {s.laterChange && (
                  <Typography.Text type="danger" data-testid="signature-later-change">
                    {" "}
                    {laterChangeText(s.laterChange, r.laterChange)}
                  </Typography.Text>
                )}
                {s.valid && (
                  <Typography.Text type="secondary">{s.coversWhole ? r.coversWhole : r.coversRevision}</Typography.Text>
                )}
                {s.authority && (
                  <div>
                    <Typography.Text type="danger" data-testid="signature-authority">
                      {r.authority[s.authority]}
                    </Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          {
            key: "certificate",
            title: r.certificate,
            render: (_, s) => (
              <>
                {!s.knownAs && <Tag color="orange">{r.unknownCertificate}</Tag>}
                {s.fromBureauRoot === false && (
                  <Tag color="orange" data-testid="signature-not-from-root">
                    {r.notFromRoot}
                  </Tag>
                )}
                {s.revoked && <Tag color="red">{r.revoked}</Tag>}
                <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: "break-all" }}>
                  {s.subject} {s.fingerprint}
                </Typography.Text>
              </>
            ),
          },
        ]}
      />
      {result.differences.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {r.differences}
          </Typography.Title>
          <Table<RecordDifference>
            size="small"
            rowKey="recordId"
            pagination={false}
            dataSource={result.differences}
            onRow={(d) => ({ "data-testid": `difference-${d.change}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { key: "record", title: r.record, dataIndex: "recordId" },
              {
                key: "change",
                title: r.state,
                render: (_, d) => <Tag color={d.change === "late" ? "blue" : "orange"}>{r.change[d.change]}</Tag>,
              },
              {
                key: "carriedBy",
                title: "",
                render: (_, d) =>
                  d.carriedBy ? (
                    <span data-testid="difference-carried-by">{fmt(r.carriedBy, { month: d.carriedBy.month })}</span>
                  ) : null,
              },
              {
                key: "versions",
                title: "",
                render: (_, d) =>
                  d.signedVersion !== null && d.currentVersion !== null
                    ? fmt(r.versions, { signed: d.signedVersion, current: d.currentVersion })
                    : null,
              },
            ]}
          />
        </>
      )}
    </div>
  );
}
