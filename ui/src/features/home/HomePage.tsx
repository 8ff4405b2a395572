import { Card, Descriptions, Space, Typography } from "antd";
import { useMessages } from "../../i18n";
import { QueryState } from "../common/QueryState";
import { useAppInfo } from "../settings/api";

export function HomePage() {
  const m = useMessages();
  const info = useAppInfo();
  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }} data-testid="area-home">
      <Card>
        <Typography.Title level={3}>{m.home.welcome}</Typography.Title>
        <Typography.Paragraph>{m.home.intro}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{m.home.status}</Typography.Paragraph>
      </Card>
      <Card>
        <QueryState query={info}>
          {(data) => (
            <Descriptions column={1} size="small">
              <Descriptions.Item label={m.home.database}>
                <Typography.Text code data-testid="home-database">{data.databasePath}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={m.home.schema}>{data.schemaVersion}</Descriptions.Item>
            </Descriptions>
          )}
        </QueryState>
      </Card>
    </Space>
  );
}
