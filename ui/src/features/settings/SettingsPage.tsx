import { Card, Descriptions, Space, Typography } from "antd";
import { useMessages } from "../../i18n";
import { QueryState } from "../common/QueryState";
import { LanguageSwitch } from "../shell/LanguageSwitch";
import { useAppInfo } from "../app/api";
import { HolidaySection } from "../standards/HolidaySection";
import { StandardsSection } from "../standards/StandardsSection";
import { useSession } from "../session/api";
import { BureauSettings, ProfileSettings } from "./ProfileSettings";
import { BackupSection } from "./BackupSection";
import { ExchangeSection } from "../exchange/ExchangeSection";
import { ProfilesSection } from "./ProfilesSection";
import { RootSection } from "./RootSection";
import { EncryptionSection } from "./RecoveryKey";

export function SettingsPage() {
  const m = useMessages();
  const info = useAppInfo();
  // Signed in, the person is who they signed in as: no machine user to choose.
  const signedIn = !!useSession().data?.user;
  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }} data-testid="area-settings">
      {!signedIn && <ProfileSettings />}
      <ProfilesSection />
      <RootSection />
      <EncryptionSection />
      <BureauSettings />
      <Card title={m.language.label}>
        <Typography.Paragraph type="secondary">{m.settings.languageHint}</Typography.Paragraph>
        <LanguageSwitch />
      </Card>
      <StandardsSection />
      <HolidaySection />
      <BackupSection />
      <ExchangeSection />
      <Card title={m.settings.dataLocation}>
        <Typography.Paragraph type="secondary">{m.settings.dataLocationHint}</Typography.Paragraph>
        <QueryState query={info}>
          {(data) => (
            <Descriptions column={1} size="small">
              <Descriptions.Item label={m.about.dataDir}>
                <Typography.Text code copyable>{data.dataDir}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={m.about.databasePath}>
                <Typography.Text code copyable>{data.databasePath}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          )}
        </QueryState>
      </Card>
    </Space>
  );
}
