import { useQuery } from "@tanstack/react-query";
import { Card, Descriptions, Space, Table, Typography } from "antd";
import { usePlatform } from "../../api/platform";
import { useMessages } from "../../i18n";
import { QueryState } from "../common/QueryState";
import { useAppInfo } from "../app/api";
import licences from "./third-party-licences.json";

interface Licence {
  ecosystem: string;
  name: string;
  version: string;
  licence: string;
}

const LICENCES: Licence[] = licences;

export function AboutPage() {
  const m = useMessages();
  const info = useAppInfo();
  const platform = usePlatform();
  const tauri = useQuery({ queryKey: ["tauri_version"], queryFn: () => platform.tauriVersion() });

  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }} data-testid="area-about">
      <Card title={m.about.versions}>
        <QueryState query={info}>
          {(data) => (
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={m.about.appVersion}>
                <span data-testid="about-app-version">{data.appVersion}</span>
              </Descriptions.Item>
              <Descriptions.Item label={m.about.tauriVersion}>{tauri.data ?? m.about.unknown}</Descriptions.Item>
              <Descriptions.Item label={m.about.sqliteVersion}>{data.sqliteVersion}</Descriptions.Item>
              <Descriptions.Item label={m.about.schemaVersion}>
                <span data-testid="about-schema-version">{data.schemaVersion}</span>
              </Descriptions.Item>
              <Descriptions.Item label={m.about.dataDir}>{data.dataDir}</Descriptions.Item>
              <Descriptions.Item label={m.about.databasePath}>
                <span data-testid="about-database-path">{data.databasePath}</span>
              </Descriptions.Item>
            </Descriptions>
          )}
        </QueryState>
        <Typography.Paragraph style={{ marginTop: 16 }}>{m.about.ownLicence}</Typography.Paragraph>
      </Card>
      <Card title={m.about.licences}>
        <Typography.Paragraph type="secondary">{m.about.licencesHint}</Typography.Paragraph>
        <Table<Licence>
          size="small"
          rowKey={(row) => `${row.ecosystem}:${row.name}@${row.version}`}
          dataSource={LICENCES}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: m.about.ecosystem, dataIndex: "ecosystem", width: 100 },
            { title: m.about.name, dataIndex: "name" },
            { title: m.about.version, dataIndex: "version", width: 140 },
            { title: m.about.licence, dataIndex: "licence" },
          ]}
        />
      </Card>
    </Space>
  );
}
