import { useState } from "react";
import { App, Alert, Button, Card, Descriptions, Space, Typography } from "antd";
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CertificateFormat } from "../../api/bindings/CertificateFormat";
import { CoreError } from "../../api/client";
import { usePlatform } from "../../api/platform";
import { fmt, useMessages } from "../../i18n";
import { QueryState } from "../common/QueryState";
import { PassphraseModal } from "../common/PassphraseModal";
import { P12ImportModal } from "./ProfileModals";
import { useMay } from "../session/api";
import { caKey, useRootCreate, useRootExport, useRootImport, useRootStatus } from "./api";


/**
 * Settings → the bureau's root certificate: what it is, whether this person has its
 * key open (to issue certificates), exporting it for superiors and inspectors who
 * verify registers without this app, and creating it for a database made before it.
 */
export function RootSection() {
  const m = useMessages();
  const t = m.bureauRoot;
  const saveRoot = useRootExport();
  const createRoot = useRootCreate();
  const importRoot = useRootImport();
  const platform = usePlatform();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const administer = useMay("manageProfiles");
  const status = useRootStatus();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const exportRoot = useMutation({
    mutationFn: async (format: CertificateFormat) => {
      const path = await platform.saveFile(`${t.fileName}.${format}`);
      return path ? saveRoot({ path, format }) : null;
    },
    onSuccess: (done) => done && message.success(fmt(t.exported, { path: done.path })),
    onError: (e) => message.error(e instanceof CoreError ? e.message : String(e)),
  });

  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t.title}
        </Space>
      }
      data-testid="root-section"
    >
      <Typography.Paragraph type="secondary">{t.hint}</Typography.Paragraph>
      <QueryState query={status}>
        {(data) =>
          data.root ? (
            <>
              <Descriptions column={1} size="small" bordered style={{ marginBottom: 12 }}>
                <Descriptions.Item label={t.subject}>{data.root.subject}</Descriptions.Item>
                <Descriptions.Item label={t.fingerprint}>
                  <Typography.Text code copyable style={{ wordBreak: "break-all" }} data-testid="root-fingerprint">
                    {data.root.fingerprint}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t.created}>{data.root.createdAt.slice(0, 10)}</Descriptions.Item>
                <Descriptions.Item label={t.keyOpen}>{data.open ? t.open : t.closed}</Descriptions.Item>
              </Descriptions>
              <Space wrap>
                <Button
                  type="primary"
                  loading={exportRoot.isPending}
                  onClick={() => exportRoot.mutate("pem")}
                  data-testid="root-export-pem"
                >
                  {t.exportPem}
                </Button>
                <Button loading={exportRoot.isPending} onClick={() => exportRoot.mutate("der")} data-testid="root-export-der">
                  {t.exportDer}
                </Button>
                {administer && (
                  <Button onClick={() => setImporting(true)} data-testid="root-import">
                    {t.import}
                  </Button>
                )}
              </Space>
            </>
          ) : (
            <>
              <Alert type="warning" showIcon title={t.none} style={{ marginBottom: 12 }} />
              {administer && (
                <Space wrap>
                  <Button type="primary" onClick={() => setCreating(true)} data-testid="root-create">
                    {t.create}
                  </Button>
                  <Button onClick={() => setImporting(true)} data-testid="root-import">
                    {t.import}
                  </Button>
                </Space>
              )}
            </>
          )
        }
      </QueryState>
      <PassphraseModal
        open={creating}
        title={t.create}
        description={t.createHint}
        onClose={() => setCreating(false)}
        onSign={async ({ passphrase }) => {
          const created = await createRoot({ passphrase });
          queryClient.setQueryData(caKey, created);
          message.success(t.createdDone);
        }}
      />
      <P12ImportModal
        open={importing}
        title={t.import}
        hint={t.importHint}
        testId="root-import"
        onImport={async (values) => {
          const imported = await importRoot(values);
          queryClient.setQueryData(caKey, imported);
          message.success(t.importDone);
        }}
        onClose={() => setImporting(false)}
      />
    </Card>
  );
}
