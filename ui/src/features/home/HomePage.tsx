import { Card, Descriptions, Space, Typography } from "antd";
import { useMessages } from "../../i18n";
import { QueryState } from "../common/QueryState";
import { useDirectory } from "../directory/api";
import { MyMonthCard } from "../review/MyMonthCard";
import { useAppInfo } from "../app/api";
import { FirstRun } from "../setup/FirstRun";
import { HomeSummaryCard } from "./HomeSummaryCard";

export function HomePage() {
  const m = useMessages();
  const info = useAppInfo();
  const departments = useDirectory("department");
  const empty = departments.isSuccess && departments.data.length === 0;
  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }} data-testid="area-home">
      {empty ? (
        <FirstRun />
      ) : (
        <Card>
          <Typography.Title level={3}>{m.home.welcome}</Typography.Title>
          <Typography.Paragraph>{m.home.intro}</Typography.Paragraph>
        </Card>
      )}
      {departments.isSuccess && !empty && <MyMonthCard />}
      {departments.isSuccess && !empty && <HomeSummaryCard />}
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
