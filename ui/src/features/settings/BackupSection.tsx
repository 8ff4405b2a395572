import { useState } from "react";
import { Alert, App, Button, Card, Checkbox, Empty, Input, InputNumber, Modal, Space, Table, Tag, Typography } from "antd";
import { CloudDownloadOutlined, FolderOpenOutlined, HistoryOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { BackupFile } from "../../api/bindings/BackupFile";
import type { RestoreReport } from "../../api/bindings/RestoreReport";
import { CoreError } from "../../api/client";
import { usePlatform } from "../../api/platform";
import { fmt, useMessages } from "../../i18n";
import { QueryState } from "../common/QueryState";
import { useMay } from "../session/api";
import { bureauTime } from "../common/time";
import { backupsKey, useBackupCreate, useBackupRestore, useBackupRetentionSave, useBackups } from "./api";


/** What opens a backup under another database key (see `backup_restore`). */
interface BackupKey {
  passphrase: string | null;
  recoveryKey: string | null;
}
const NO_KEY: BackupKey = { passphrase: null, recoveryKey: null };

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Settings → Backup and restore: a backup now, the backups kept (the daily automatic
 * ones by the retention), and restoring one — checked first, confirmed with what it
 * holds, the current database kept as a backup before it is replaced.
 */
export function BackupSection() {
  const m = useMessages();
  const b = m.backup;
  const createBackup = useBackupCreate();
  const saveBackupRetention = useBackupRetentionSave();
  const restoreBackup = useBackupRestore();
  const platform = usePlatform();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const administer = useMay("manageProfiles");
  // A backup holds every profile's key: the core lets administrators and heads make one.
  const mayBackUp = useMay("backupDatabase");
  const list = useBackups();
  const [retention, setRetention] = useState<number | null>(null);
  const [checking, setChecking] = useState<{ path: string; report: RestoreReport; key: BackupKey } | null>(null);
  // A backup under another database key asks for a passphrase in it or its recovery key.
  const [asking, setAsking] = useState<{ path: string; error: string | null } | null>(null);
  const [given, setGiven] = useState<BackupKey>(NO_KEY);
  const [confirmLoss, setConfirmLoss] = useState(false);
  const fail = (e: unknown) => message.error(e instanceof CoreError ? e.message : String(e));

  const create = useMutation({
    mutationFn: () => createBackup({}),
    onSuccess: (made) => {
      message.success(fmt(b.made, { path: made.path }));
      return queryClient.invalidateQueries({ queryKey: backupsKey });
    },
    onError: fail,
  });
  const saveRetention = useMutation({
    mutationFn: (value: number) => saveBackupRetention({ retention: value }),
    onSuccess: (saved) => {
      queryClient.setQueryData(backupsKey, saved);
      message.success(m.settings.saved);
    },
    onError: fail,
  });
  const check = useMutation({
    mutationFn: ({ path, key }: { path: string; key: BackupKey }) =>
      restoreBackup({ path, dryRun: true, confirmLoss: false, ...key }),
    onSuccess: (report, { path, key }) => {
      setConfirmLoss(false);
      setAsking(null);
      setChecking({ path, report, key });
    },
    onError: (e, { path, key }) => {
      if (e instanceof CoreError && e.code === "unauthenticated") {
        // Asked again with what was wrong, once something was given.
        setAsking({ path, error: key === NO_KEY ? null : e.message });
      } else fail(e);
    },
  });
  const restore = useMutation({
    mutationFn: ({ path, key }: { path: string; key: BackupKey }) =>
      restoreBackup({ path, dryRun: false, confirmLoss, ...key }),
    onSuccess: async (report) => {
      setChecking(null);
      message.success(fmt(b.restored, { kept: report.keptAs ?? "" }));
      // Everything may read differently now.
      await queryClient.invalidateQueries();
    },
    onError: fail,
  });

  return (
    <Card title={b.title} data-testid="backup-section">
      <QueryState query={list}>
        {(data) => (
          <>
            <Typography.Paragraph type="secondary">{fmt(b.hint, { folder: data.folder, retention: data.retention })}</Typography.Paragraph>
            <Space wrap style={{ marginBottom: 12 }}>
              {mayBackUp ? (
                <Button
                  type="primary"
                  icon={<CloudDownloadOutlined />}
                  loading={create.isPending}
                  onClick={() => create.mutate()}
                  data-testid="backup-now"
                >
                  {b.now}
                </Button>
              ) : (
                <Typography.Text type="secondary" data-testid="backup-not-yours">
                  {b.onlyAdministrators}
                </Typography.Text>
              )}
              {administer && (
                <>
                  <Button
                    icon={<FolderOpenOutlined />}
                    loading={check.isPending}
                    data-testid="backup-restore-file"
                    onClick={async () => {
                      const path = await platform.pickFile("backup");
                      if (path) check.mutate({ path, key: NO_KEY });
                    }}
                  >
                    {b.restoreFile}
                  </Button>
                  <span>{b.retention}</span>
                  <InputNumber
                    min={1}
                    max={365}
                    value={retention ?? data.retention}
                    onChange={(v) => setRetention(typeof v === "number" ? v : null)}
                    data-testid="backup-retention"
                  />
                  <Button
                    onClick={() => retention !== null && saveRetention.mutate(retention)}
                    disabled={retention === null || retention === data.retention}
                    data-testid="backup-retention-save"
                  >
                    {m.common.ok}
                  </Button>
                </>
              )}
            </Space>
            <Table<BackupFile>
              size="small"
              rowKey="path"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={data.backups}
              locale={{ emptyText: <Empty description={b.empty} /> }}
              onRow={(row) => ({ "data-testid": `backup-row-${row.name}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { key: "name", title: b.name, dataIndex: "name" },
                { key: "size", title: b.size, render: (_, row) => size(row.bytes) },
                {
                  key: "kind",
                  title: "",
                  render: (_, row) => (
                    <Space size={4}>
                      {row.automatic && <Tag>{b.automatic}</Tag>}
                      {row.unencrypted && (
                        <Tag color="error" title={b.unencryptedHint} data-testid="backup-unencrypted">
                          {b.unencrypted}
                        </Tag>
                      )}
                    </Space>
                  ),
                },
                {
                  key: "actions",
                  title: "",
                  render: (_, row) =>
                    administer && (
                      <Button size="small" icon={<HistoryOutlined />} onClick={() => check.mutate({ path: row.path, key: NO_KEY })} data-testid="backup-restore">
                        {b.restore}
                      </Button>
                    ),
                },
              ]}
            />
          </>
        )}
      </QueryState>
      <Modal
        open={checking !== null}
        title={b.confirmTitle}
        okText={b.restore}
        okButtonProps={
          {
            danger: true,
            loading: restore.isPending,
            disabled: (checking?.report.lost.length ?? 0) > 0 && !confirmLoss,
            "data-testid": "backup-restore-confirm",
          } as never
        }
        cancelText={m.common.cancel}
        onOk={() => checking && restore.mutate({ path: checking.path, key: checking.key })}
        onCancel={() => setChecking(null)}
        destroyOnHidden
      >
        {checking && (
          <div data-testid="backup-check">
            <Typography.Paragraph>{checking.path}</Typography.Paragraph>
            <Typography.Paragraph>
              {fmt(b.holds, {
                records: checking.report.summary.records,
                audit: checking.report.summary.auditRows,
                schema: checking.report.summary.schemaVersion,
              })}
            </Typography.Paragraph>
            <Typography.Paragraph type="warning">{b.confirmHint}</Typography.Paragraph>
            {checking.report.lost.length > 0 && (
              <Alert
                type="error"
                showIcon
                data-testid="backup-lost"
                title={fmt(b.lost, { count: checking.report.lost.length })}
                description={
                  <>
                    <ul style={{ margin: "4px 0", paddingLeft: 20 }}>
                      {checking.report.lost.map((l) => (
                        <li key={l.checkpoint.seq}>
                          {fmt(l.rewritten ? b.lostRewritten : b.lostOlder, {
                            seq: l.checkpoint.seq,
                            who: l.checkpoint.signedBy,
                            at: bureauTime(l.checkpoint.signedAt),
                          })}
                        </li>
                      ))}
                    </ul>
                    <Checkbox
                      checked={confirmLoss}
                      onChange={(e) => setConfirmLoss(e.target.checked)}
                      data-testid="backup-confirm-loss"
                    >
                      {b.confirmLoss}
                    </Checkbox>
                  </>
                }
              />
            )}
          </div>
        )}
      </Modal>
      <Modal
        open={asking !== null}
        title={b.restore}
        okText={m.common.ok}
        cancelText={m.common.cancel}
        confirmLoading={check.isPending}
        onOk={() => asking && check.mutate({ path: asking.path, key: given })}
        onCancel={() => {
          setAsking(null);
          setGiven(NO_KEY);
        }}
        destroyOnHidden
      >
        <div data-testid="backup-key">
          <Typography.Paragraph>{m.encryption.backupKeyHint}</Typography.Paragraph>
          {asking?.error && <Alert type="error" showIcon title={asking.error} style={{ marginBottom: 12 }} />}
          <Space orientation="vertical" style={{ width: "100%" }}>
            <span>{m.encryption.backupPassphrase}</span>
            <Input.Password
              data-testid="backup-key-passphrase"
              onChange={(e) => setGiven({ passphrase: e.target.value || null, recoveryKey: given.recoveryKey })}
            />
            <span>{m.encryption.recoveryKey}</span>
            <Input
              data-testid="backup-key-recovery"
              style={{ fontFamily: "monospace" }}
              onChange={(e) => setGiven({ passphrase: given.passphrase, recoveryKey: e.target.value || null })}
            />
          </Space>
        </div>
      </Modal>
    </Card>
  );
}
