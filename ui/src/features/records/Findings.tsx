import { Alert, Empty, List, Space, Tag, Typography } from "antd";
import type { Finding } from "../../api/bindings/Finding";
import type { Severity } from "../../api/bindings/Severity";
import { useLanguage } from "../app/LanguageProvider";
import { fmt, useMessages } from "../../i18n";

const COLORS: Record<Severity, string> = { violation: "red", warning: "orange", note: "blue" };
const TYPES: Record<Severity, "error" | "warning" | "info"> = { violation: "error", warning: "warning", note: "info" };

/**
 * A record's compliance findings as the core judged them: severity, the clause it
 * rests on and the message in the UI's language. Nothing here decides anything.
 */
export function Findings({ findings }: { findings?: Finding[] | null }) {
  const m = useMessages();
  const { lang } = useLanguage();
  if (!findings || findings.length === 0)
    return <Empty data-testid="findings-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.detail.findingsEmpty} />;
  return (
    <List
      data-testid="findings"
      dataSource={findings}
      renderItem={(f, i) => (
        <List.Item key={`${f.rule}-${i}`} data-testid={`finding-${i}`}>
          <Alert
            style={{ width: "100%" }}
            type={TYPES[f.severity]}
            showIcon
            title={
              <Space wrap>
                <Tag color={COLORS[f.severity]}>{m.severity[f.severity]}</Tag>
                <Typography.Text>{lang === "en" ? f.message.en : f.message.zh}</Typography.Text>
              </Space>
            }
            description={
              <Typography.Text type="secondary">
                {fmt(m.detail.clause, { clause: f.citation.clause, version: f.citation.version })}
              </Typography.Text>
            }
          />
        </List.Item>
      )}
    />
  );
}
