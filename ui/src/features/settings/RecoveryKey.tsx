import { useState } from "react";
import { Alert, App, Button, Card, Checkbox, Modal, Popconfirm, Space, Typography } from "antd";
import { PrinterOutlined, SafetyOutlined } from "@ant-design/icons";
import type { RecoveryKeyIssued } from "../../api/bindings/RecoveryKeyIssued";
import { CoreError } from "../../api/client";
import { useMessages } from "../../i18n";
import { useMay } from "../session/api";
import { useAppInfo } from "../app/api";
import { useIssueRecoveryKey } from "./api";

/**
 * The recovery key, shown this once as a sheet to print (the print stylesheet prints
 * only the sheet). Closing needs the person to say it is kept: it cannot be shown
 * again.
 */
export function RecoveryKeyModal({ issued, onClose }: { issued: RecoveryKeyIssued | null; onClose: () => void }) {
  const m = useMessages();
  const [kept, setKept] = useState(false);
  return (
    <Modal
      open={issued !== null}
      title={m.encryption.sheetTitle}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      width={640}
      onCancel={onClose}
      footer={
        <Space>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="recovery-print">
            {m.encryption.print}
          </Button>
          <Button
            type="primary"
            disabled={!kept}
            data-testid="recovery-done"
            onClick={() => {
              setKept(false);
              onClose();
            }}
          >
            {m.encryption.close}
          </Button>
        </Space>
      }
    >
      {issued && (
        <div className="recovery-sheet" data-testid="recovery-sheet">
          <Typography.Title level={4} className="print-only">
            {m.encryption.sheetTitle}
          </Typography.Title>
          <Typography.Paragraph>{m.encryption.sheetIntro}</Typography.Paragraph>
          <Typography.Paragraph
            code
            copyable={false}
            data-testid="recovery-key"
            style={{ fontSize: 22, letterSpacing: 2, textAlign: "center", padding: "12px 0" }}
          >
            {issued.recoveryKey}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            {m.encryption.sheetDatabase}: {issued.databasePath}
            <br />
            {m.encryption.sheetIssued}: {issued.issuedAt}
          </Typography.Paragraph>
        </div>
      )}
      <Checkbox checked={kept} onChange={(e) => setKept(e.target.checked)} data-testid="recovery-kept">
        {m.encryption.kept}
      </Checkbox>
    </Modal>
  );
}

/** How the database is protected, and (administrators) the recovery key issued again. */
export function EncryptionSection() {
  const m = useMessages();
  const { message } = App.useApp();
  const info = useAppInfo();
  const may = useMay("manageProfiles");
  const issue = useIssueRecoveryKey();
  const [issued, setIssued] = useState<RecoveryKeyIssued | null>(null);
  const protection = info.data?.protection ?? null;
  if (protection === null) return null;
  const run = () =>
    issue
      .mutateAsync()
      .then(setIssued)
      .catch((e) => message.error(e instanceof CoreError ? e.message : String(e)));
  return (
    <Card title={m.encryption.title} data-testid="encryption-section">
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Alert
          type={protection === "protected" ? "success" : "warning"}
          showIcon
          icon={<SafetyOutlined />}
          data-testid="encryption-state"
          data-protection={protection}
          title={m.encryption[protection]}
        />
        {protection === "protected" && may && (
          <>
            <Typography.Paragraph type="secondary" data-testid="recovery-state">
              {info.data?.recoveryKeyIssued ? m.encryption.recoveryIssued : m.encryption.noRecovery}
            </Typography.Paragraph>
            {info.data?.recoveryKeyIssued ? (
              <Popconfirm title={m.encryption.reissueConfirm} onConfirm={() => void run()}>
                <Button loading={issue.isPending} data-testid="recovery-issue">
                  {m.encryption.reissue}
                </Button>
              </Popconfirm>
            ) : (
              <Button type="primary" loading={issue.isPending} onClick={() => void run()} data-testid="recovery-issue">
                {m.encryption.issue}
              </Button>
            )}
          </>
        )}
      </Space>
      <RecoveryKeyModal issued={issued} onClose={() => setIssued(null)} />
    </Card>
  );
}
