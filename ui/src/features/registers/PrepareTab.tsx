import { useState } from "react";
import { Alert, App, Button, DatePicker, Descriptions, List, Space, Tag, Typography } from "antd";
import { EyeOutlined, FileTextOutlined, PrinterOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import type { RegisterIssued } from "../../api/bindings/RegisterIssued";
import { CoreError } from "../../api/client";
import { usePlatform } from "../../api/platform";
import { fmt, useMessages } from "../../i18n";
import { useLanguage } from "../app/LanguageProvider";
import { formatFen } from "../common/money";
import { QueryState } from "../common/QueryState";
import { DepartmentPicker } from "../directory/pickers";
import { PassphraseModal } from "../common/PassphraseModal";
import { useMay } from "../session/api";
import { suggestedName, useIssuedRegisters, useRegisterPdf, useRegisterPreview, useSaveDraft, useSignRegister } from "./api";
import { PdfPreview } from "./PdfPreview";
import { bureauTime, bureauToday } from "../common/time";

/** Last month: the register a head signs at the start of a month. */
function lastMonth() {
  return dayjs(bureauToday()).startOf("month").subtract(1, "month");
}

/**
 * A department's month as its register would state it: totals, findings, what still
 * blocks signing, a preview of the PDF, a draft to save, and signing (the head, with
 * the passphrase; the signed PDF is saved where they choose).
 */
export function PrepareTab({ departmentId: own }: { departmentId: string }) {
  const m = useMessages();
  const r = m.registers;
  const { lang } = useLanguage();
  const { message } = App.useApp();
  const platform = usePlatform();
  const [month, setMonth] = useState(lastMonth);
  const [departmentId, setDepartmentId] = useState(own);
  const [previewing, setPreviewing] = useState(false);
  const [signPath, setSignPath] = useState<string | null>(null);
  const [signed, setSigned] = useState<RegisterIssued | null>(null);
  const monthText = month.format("YYYY-MM");
  const preview = useRegisterPreview(departmentId, monthText);
  const issued = useIssuedRegisters();
  const saveDraft = useSaveDraft();
  const sign = useSignRegister();
  const maySign = useMay("signRegister");
  const already = issued.data?.find((i) => i.departmentId === departmentId && i.month === monthText) ?? null;
  // A signed month previews the register as signed, not a draft made now.
  const pdf = useRegisterPdf(previewing ? (already ? { registerId: already.id } : { departmentId, month: monthText }) : null);

  const fail = (e: unknown) => message.error(e instanceof CoreError ? e.message : String(e));

  return (
    <div data-testid="register-prepare">
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={month}
          onChange={(value) => {
            if (value) setMonth(value.startOf("month"));
            setSigned(null);
          }}
          aria-label={r.month}
          data-testid="register-month"
        />
        <div style={{ width: 200 }}>
          <DepartmentPicker
            data-testid="register-department"
            allowClear={false}
            value={departmentId}
            onChange={(value) => {
              if (typeof value === "string") setDepartmentId(value);
              setSigned(null);
            }}
          />
        </div>
      </Space>
      <QueryState query={preview}>
        {(data) => {
          const department = data.register.department;
          const blocked = data.register.blockers.length > 0;
          return (
            <>
              <Descriptions size="small" column={1} bordered style={{ marginBottom: 12, maxWidth: 900 }}>
                <Descriptions.Item label={`${department} ${data.register.month}`}>
                  <span data-testid="register-summary">
                    {data.nil
                      ? r.nil
                      : fmt(r.summary, {
                          count: data.register.entries.length,
                          amount: formatFen(data.register.total),
                          findings: data.register.findings.length,
                        })}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={already ? r.manifestSigned : r.manifest}>
                  <Typography.Text code style={{ wordBreak: "break-all" }} data-testid="register-manifest">
                    {already ? already.manifestSha256 : data.manifestSha256}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
              {already ? (
                <Alert
                  type="success"
                  showIcon
                  data-testid="register-already-issued"
                  title={fmt(r.alreadyIssued, { name: already.signedBy, time: bureauTime(already.signedAt) })}
                  style={{ marginBottom: 12 }}
                />
              ) : blocked ? (
                <Alert
                  type="warning"
                  showIcon
                  data-testid="register-blockers"
                  title={fmt(r.blockers, { count: data.register.blockers.length })}
                  description={
                    <List
                      size="small"
                      dataSource={data.register.blockers}
                      renderItem={(b) => (
                        <List.Item data-testid={`blocker-${b.recordId}`}>
                          {b.date} {b.summary} <Tag>{m.review.status[b.status]}</Tag>
                        </List.Item>
                      )}
                    />
                  }
                  style={{ marginBottom: 12 }}
                />
              ) : (
                <Alert
                  type="info"
                  showIcon
                  data-testid="register-ready"
                  title={data.nil ? r.readyNil : r.ready}
                  style={{ marginBottom: 12 }}
                />
              )}
              {!already && data.register.unchecked.length > 0 && (
                <Alert
                  type="info"
                  showIcon
                  data-testid="register-unchecked"
                  title={r.uncheckedRules}
                  description={
                    <List
                      size="small"
                      dataSource={data.register.unchecked}
                      renderItem={(note) => <List.Item>{lang === "en" ? note.en : note.zh}</List.Item>}
                    />
                  }
                  style={{ marginBottom: 12 }}
                />
              )}
              {signed && (
                <Alert
                  type="success"
                  showIcon
                  data-testid="register-signed"
                  title={fmt(r.signed, { path: signed.path ?? "" })}
                  action={
                    <Button icon={<PrinterOutlined />} onClick={() => signed.path && void platform.openPath(signed.path).catch(fail)} data-testid="register-open">
                      {r.open}
                    </Button>
                  }
                  style={{ marginBottom: 12 }}
                />
              )}
              <Space wrap style={{ marginBottom: 12 }}>
                <Button icon={<EyeOutlined />} onClick={() => setPreviewing((p) => !p)} data-testid="register-preview-toggle">
                  {previewing ? r.hidePreview : r.preview}
                </Button>
                {already === null && (
                  <Button
                    icon={<FileTextOutlined />}
                    loading={saveDraft.isPending}
                    data-testid="register-save-draft"
                    onClick={async () => {
                      const path = await platform.saveFile(suggestedName(department, monthText, "草稿"));
                      if (!path) return;
                      saveDraft.mutate(
                        { departmentId, month: monthText, path },
                        { onSuccess: (d) => message.success(fmt(r.draftSaved, { path: d.path })), onError: fail },
                      );
                    }}
                  >
                    {r.saveDraft}
                  </Button>
                )}
                <Button
                  type="primary"
                  icon={<SafetyCertificateOutlined />}
                  disabled={!maySign || blocked || already !== null}
                  title={maySign ? undefined : r.mayNotSign}
                  data-testid="register-sign"
                  onClick={async () => {
                    const path = await platform.saveFile(suggestedName(department, monthText, "登记簿"));
                    if (path) setSignPath(path);
                  }}
                >
                  {r.sign}
                </Button>
              </Space>
              <PassphraseModal
                open={signPath !== null}
                title={fmt(r.signTitle, { department, month: monthText })}
                description={<Typography.Paragraph>{fmt(r.signHint, { path: signPath ?? "" })}</Typography.Paragraph>}
                onClose={() => setSignPath(null)}
                onSign={async ({ passphrase }) => {
                  const done = await sign.mutateAsync({ departmentId, month: monthText, passphrase, path: signPath ?? "" });
                  setSigned(done);
                }}
              />
            </>
          );
        }}
      </QueryState>
      {previewing && (
        <QueryState query={pdf}>{(data) => <PdfPreview base64={data.base64} testId="register-pdf" draft={data.draft} />}</QueryState>
      )}
    </div>
  );
}
