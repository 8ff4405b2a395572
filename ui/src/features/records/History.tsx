import { Empty, Timeline, Typography } from "antd";
import { ArrowRightOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useMessages } from "../../i18n";
import type { Messages } from "../../i18n/messages";
import { QueryState } from "../common/QueryState";
import { useRecordHistory } from "./api";
import { changesBetween, fieldLabel } from "./history";

function actionLabel(action: string, m: Messages): string {
  const known = m.detail.actions as Record<string, string>;
  const key = Object.keys(known).find((k) => action.toLowerCase().includes(k));
  return key ? known[key]! : action;
}

/** Every version of a record from the audit log, oldest first, with what each changed. */
export function History({ id }: { id: string }) {
  const m = useMessages();
  const history = useRecordHistory(id);
  return (
    <QueryState query={history}>
      {(versions) =>
        versions.length === 0 ? (
          <Empty description={m.detail.historyEmpty} />
        ) : (
          <Timeline
            data-testid="history"
            items={versions.map((v, i) => {
              const changes = i === 0 ? [] : changesBetween(versions[i - 1]!.after, v.after);
              return {
                key: v.seq,
                children: (
                  <div data-testid={`history-entry-${i}`} data-action={v.action} className="history-entry">
                    <Typography.Text strong>{actionLabel(v.action, m)}</Typography.Text>
                    {" · "}
                    <Typography.Text>{v.actor}</Typography.Text>
                    {" · "}
                    <Typography.Text type="secondary">{dayjs(v.at).format("YYYY-MM-DD HH:mm:ss")}</Typography.Text>
                    {i > 0 && changes.length === 0 && (
                      <div>
                        <Typography.Text type="secondary">{m.detail.noChange}</Typography.Text>
                      </div>
                    )}
                    {changes.length > 0 && (
                      <ul style={{ margin: "4px 0 0", paddingInlineStart: 20 }}>
                        {changes.map((c) => (
                          <li key={c.path}>
                            <Typography.Text strong title={c.path}>
                              {fieldLabel(c.path, m)}
                            </Typography.Text>{" "}
                            <Typography.Text delete type="secondary">{c.before ?? ""}</Typography.Text>
                            <ArrowRightOutlined style={{ marginInline: 6, fontSize: 11 }} />
                            <Typography.Text>{c.after ?? ""}</Typography.Text>
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                ),
              };
            })}
          />
        )
      }
    </QueryState>
  );
}
