import { Space, Tag } from "antd";
import type { FindingCounts } from "../../api/bindings/FindingCounts";
import type { Severity } from "../../api/bindings/Severity";
import { fmt, useMessages } from "../../i18n";

export const SEVERITY_COLORS: Record<Severity, string> = { violation: "red", warning: "orange", note: "blue" };

export function SeverityTag({ severity }: { severity: Severity }) {
  const m = useMessages();
  return <Tag color={SEVERITY_COLORS[severity]}>{m.severity[severity]}</Tag>;
}

/** A list row's findings at a glance (as the core counted them); nothing when there are none. */
export function FindingBadge({ counts }: { counts: FindingCounts | undefined }) {
  const m = useMessages();
  if (!counts) return null;
  const shown = (
    [
      ["violation", counts.violations],
      ["warning", counts.warnings],
      ["note", counts.notes],
    ] as [Severity, number][]
  ).filter(([, n]) => n > 0);
  if (shown.length === 0) return null;
  return (
    <Space size={2} data-testid="finding-badge">
      {shown.map(([severity, n]) => (
        <Tag key={severity} color={SEVERITY_COLORS[severity]} data-testid={`finding-badge-${severity}`}>
          {fmt(m.list.findingCount, { severity: m.severity[severity], count: n })}
        </Tag>
      ))}
    </Space>
  );
}
