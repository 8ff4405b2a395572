import { useState } from "react";
import { Button, Card, Empty, Space, Table, Tag, Typography } from "antd";
import { KeyOutlined, PlusOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import type { KeyView } from "../../api/bindings/KeyView";
import type { ProfileView } from "../../api/bindings/ProfileView";
import { fmt, useMessages } from "../../i18n";
import { QueryState } from "../common/QueryState";
import { useMay, useProfiles, useSessionUser } from "../session/api";
import { AddProfileModal, ChangePassphraseModal, DeactivateModal, ImportKeyModal, ResetModal } from "./ProfileModals";
import { bureauTime } from "../common/time";

const when = (at: string | null) => (at ? bureauTime(at) : "");

/** A profile's keys, newest first: the current one and those revoked (what they signed still verifies). */
function Keys({ keys }: { keys: KeyView[] }) {
  const m = useMessages();
  return (
    <Table<KeyView>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={keys}
      columns={[
        { key: "fingerprint", title: m.profiles.key, render: (_, k) => <Typography.Text code copyable={{ text: k.fingerprint }}>{k.fingerprint.slice(0, 16)}</Typography.Text> },
        { key: "subject", title: m.profiles.subject, dataIndex: "subject" },
        { key: "createdAt", title: m.profiles.createdAt, render: (_, k) => when(k.createdAt) },
        {
          key: "revokedFrom",
          title: m.profiles.revokedFrom,
          render: (_, k) => (k.revokedFrom ? when(k.revokedFrom) : <Tag color="green">{m.profiles.keyValid}</Tag>),
        },
        { key: "revokedReason", title: m.profiles.revokedReason, dataIndex: "revokedReason" },
      ]}
    />
  );
}

/**
 * Settings → Users and keys: every profile with its keys. An administrator (as the
 * core says: `manageProfiles`) adds profiles, resets forgotten passphrases and
 * deactivates; everyone signed in changes their own passphrase.
 */
export function ProfilesSection() {
  const m = useMessages();
  const profiles = useProfiles();
  const user = useSessionUser();
  const manage = useMay("manageProfiles");
  const [adding, setAdding] = useState(false);
  const [changing, setChanging] = useState(false);
  const [importing, setImporting] = useState(false);
  const [resetting, setResetting] = useState<ProfileView | null>(null);
  const [deactivating, setDeactivating] = useState<ProfileView | null>(null);

  return (
    <Card title={m.profiles.title} data-testid="profiles-section">
      <Typography.Paragraph type="secondary">{m.profiles.hint}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="profile-add">
            {m.profiles.add}
          </Button>
        )}
        {user && (
          <Button icon={<KeyOutlined />} onClick={() => setChanging(true)} data-testid="passphrase-change">
            {m.profiles.change}
          </Button>
        )}
        {user && (
          <Button icon={<SafetyCertificateOutlined />} onClick={() => setImporting(true)} data-testid="key-import">
            {m.profiles.importKey}
          </Button>
        )}
      </Space>
      <QueryState query={profiles}>
        {(rows) => (
          <>
            <Table<ProfileView>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={rows}
              locale={{ emptyText: <Empty description={m.profiles.empty} /> }}
              expandable={{ expandedRowRender: (p) => <Keys keys={p.keys} /> }}
              onRow={(p) => ({ "data-testid": `profile-row-${p.id}`, style: { opacity: p.active ? 1 : 0.5 } }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { key: "name", title: m.profiles.name, dataIndex: "name" },
                { key: "staffNo", title: m.profiles.staffNo, dataIndex: "staffNo" },
                { key: "department", title: m.profiles.department, dataIndex: "departmentName" },
                { key: "role", title: m.profiles.role, render: (_, p) => m.role[p.role] },
                { key: "admin", title: m.profiles.admin, render: (_, p) => (p.administrator ? m.form.yes : m.form.no) },
                {
                  key: "status",
                  title: m.profiles.status,
                  render: (_, p) => (p.active ? <Tag color="green">{m.profiles.active}</Tag> : <Tag>{m.profiles.inactive}</Tag>),
                },
                {
                  key: "key",
                  title: m.profiles.key,
                  render: (_, p) => {
                    const current = p.keys.find((k) => k.revokedFrom === null);
                    const revoked = p.keys.length - (current ? 1 : 0);
                    return (
                      <Space size={4}>
                        {current ? (
                          <Typography.Text code title={current.fingerprint}>{current.fingerprint.slice(0, 16)}</Typography.Text>
                        ) : (
                          <Typography.Text type="secondary">{m.profiles.noKey}</Typography.Text>
                        )}
                        {revoked > 0 && <Tag>{fmt(m.profiles.revokedKeys, { count: revoked })}</Tag>}
                      </Space>
                    );
                  },
                },
                ...(manage
                  ? [
                      {
                        key: "actions",
                        title: m.profiles.actions,
                        render: (_: unknown, p: ProfileView) =>
                          p.active && (
                            <Space>
                              <Button size="small" onClick={() => setResetting(p)} data-testid={`profile-reset-${p.id}`}>
                                {m.profiles.reset}
                              </Button>
                              <Button size="small" danger onClick={() => setDeactivating(p)} data-testid={`profile-deactivate-${p.id}`}>
                                {m.profiles.deactivate}
                              </Button>
                            </Space>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
            <AddProfileModal open={adding} profiles={rows} onClose={() => setAdding(false)} />
          </>
        )}
      </QueryState>
      <ResetModal profile={resetting} onClose={() => setResetting(null)} />
      <DeactivateModal profile={deactivating} onClose={() => setDeactivating(null)} />
      <ChangePassphraseModal open={changing} onClose={() => setChanging(false)} />
      <ImportKeyModal open={importing} onClose={() => setImporting(false)} />
    </Card>
  );
}
