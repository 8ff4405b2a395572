import { Result, Typography } from "antd";
import { ToolOutlined } from "@ant-design/icons";
import { useMessages } from "../../i18n";
import type { PlannedArea } from "../shell/areas";

/** An area whose feature is not built yet says so plainly; it shows no sample data. */
export function AreaPlaceholder({ area }: { area: PlannedArea }) {
  const m = useMessages();
  return (
    <Result
      data-testid={`area-${area}`}
      icon={<ToolOutlined />}
      title={m.area.notBuilt}
      subTitle={m.area.notBuiltHint}
      extra={<Typography.Paragraph style={{ maxWidth: 640, margin: "0 auto" }}>{m.area[area]}</Typography.Paragraph>}
    />
  );
}
