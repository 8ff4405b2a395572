import { Empty, Tag, Timeline, Typography } from "antd";
import { ArrowRightOutlined } from "@ant-design/icons";
import { fmt, useMessages } from "../../i18n";
import { QueryState } from "../common/QueryState";
import { useRecordHistory } from "./api";
import { useDirectoryMap } from "../directory/api";
import { actionLabel, actorLabel, fieldLabel, timelineOf, valueLabel, type Names, type TimelineEntry } from "./history";
import { bureauTime } from "../common/time";

function Entry({ entry, index, names }: { entry: TimelineEntry; index: number; names: Names }) {
  const m = useMessages();
  const v = entry.version;
  const changes = entry.changes ?? [];
  return (
    <div data-testid={`history-entry-${index}`} data-action={v.action} data-entity={v.entity} className="history-entry">
      {entry.review ? (
        <Tag color="blue" style={{ marginInlineEnd: 6 }}>{actionLabel(v, m)}</Tag>
      ) : (
        <Typography.Text strong>{actionLabel(v, m)}</Typography.Text>
      )}
      {" · "}
      <Typography.Text>{actorLabel(v.actorName || v.actor, m)}</Typography.Text>
      {" · "}
      <Typography.Text type="secondary">{bureauTime(v.at, true)}</Typography.Text>
      {entry.comment && (
        <div data-testid="history-comment">
          <Typography.Text type="secondary">{fmt(m.review.comment, { comment: entry.comment })}</Typography.Text>
        </div>
      )}
      {entry.changes !== null && changes.length === 0 && (
        <div>
          <Typography.Text type="secondary">{m.detail.noChange}</Typography.Text>
        </div>
      )}
      {changes.length > 0 && (
        <ul style={{ margin: "4px 0 0", paddingInlineStart: 20 }}>
          {changes.map((c) => (
            <li key={c.path}>
              <Typography.Text strong>{fieldLabel(c.path, m)}</Typography.Text>{" "}
              <Typography.Text delete type="secondary">
                {valueLabel(c.path, c.before, m, names)}
              </Typography.Text>
              <ArrowRightOutlined style={{ marginInline: 6, fontSize: 11 }} />
              <Typography.Text>{valueLabel(c.path, c.after, m, names)}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Every version of a record from the audit log, oldest first, with what each changed,
 * and the review steps between them (who submitted, approved or returned it, and why).
 */
export function History({ id }: { id: string }) {
  const m = useMessages();
  const history = useRecordHistory(id);
  const officials = useDirectoryMap("official");
  const counterparts = useDirectoryMap("counterpart");
  const cities = useDirectoryMap("city");
  const departments = useDirectoryMap("department");
  const names: Names = {
    official: (id) => officials.get(id)?.name,
    counterpart: (id) => counterparts.get(id)?.name,
    city: (id) => cities.get(id)?.name,
    department: (id) => departments.get(id)?.name,
  };
  return (
    <QueryState query={history}>
      {(versions) =>
        versions.length === 0 ? (
          <Empty description={m.detail.historyEmpty} />
        ) : (
          <Timeline
            data-testid="history"
            items={timelineOf(versions).map((entry, i) => ({
              key: entry.version.seq,
              color: entry.review ? "blue" : undefined,
              content: <Entry entry={entry} index={i} names={names} />,
            }))}
          />
        )
      }
    </QueryState>
  );
}
