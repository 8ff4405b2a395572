import { useState } from "react";
import { App, Button, Card, Descriptions, Form, Input, Space, Typography } from "antd";
import { CoreError } from "../../api/client";
import { useMessages } from "../../i18n";
import { useDirectory, useDirectoryMap, useProfile, useSaveProfile } from "../directory/api";
import { OfficialPicker } from "../directory/pickers";
import { useMay } from "../session/api";
import { useBureau, useSaveBureau } from "../app/api";

/** The bureau's name, the 填报单位 on every register. */
export function BureauSettings() {
  const m = useMessages();
  const { message } = App.useApp();
  const bureau = useBureau();
  const save = useSaveBureau();
  const [name, setName] = useState<string | null>(null);
  const manage = useMay("manageDirectory");
  const shown = name ?? bureau.data?.name ?? "";
  return (
    <Card title={m.settings.bureau} data-testid="settings-bureau">
      <Form layout="vertical">
        <Form.Item
          label={m.settings.bureauName}
          validateStatus={save.error ? "error" : undefined}
          help={save.error instanceof CoreError ? save.error.message : undefined}
        >
          <Space.Compact style={{ width: "100%", maxWidth: 560 }}>
            <Input data-testid="settings-bureau-name" value={shown} readOnly={!manage} onChange={(e) => setName(e.target.value)} />
            {manage && (
              <Button
                type="primary"
                loading={save.isPending}
                data-testid="settings-bureau-save"
                onClick={() =>
                  save.mutateAsync(shown).then(
                    () => message.success(m.settings.saved),
                    () => {},
                  )
                }
              >
                {m.form.save}
              </Button>
            )}
          </Space.Compact>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** Who uses this machine: new records name them and their department by default. */
export function ProfileSettings() {
  const m = useMessages();
  const { message } = App.useApp();
  const profile = useProfile();
  const save = useSaveProfile();
  const officials = useDirectory("official");
  const departments = useDirectoryMap("department");
  const me = officials.data?.find((o) => o.id === profile.data?.officialId);
  return (
    <Card title={m.settings.profile} data-testid="settings-profile">
      <Typography.Paragraph type="secondary">{m.settings.profileHint}</Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 560 }}>
        <Form.Item
          label={m.settings.profileOfficial}
          validateStatus={save.error ? "error" : undefined}
          help={save.error instanceof CoreError ? save.error.message : undefined}
        >
          <OfficialPicker
            data-testid="settings-profile-official"
            value={profile.data?.officialId ?? null}
            onChange={(value) =>
              save.mutateAsync({ officialId: (value as string | null) ?? null }).then(
                () => message.success(m.settings.saved),
                () => {},
              )
            }
          />
        </Form.Item>
      </Form>
      {me && (
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={m.settings.profileDepartment}>
            {departments.get(me.value.departmentId)?.name ?? m.common.unknown}
          </Descriptions.Item>
          <Descriptions.Item label={m.settings.profileRole}>{m.role[me.value.role]}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
