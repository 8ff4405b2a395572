import { Card, Space, Typography } from "antd";
import { fmt, useMessages } from "../../i18n";
import { QueryState } from "../common/QueryState";
import { useSessionUser } from "../session/api";
import { useMonthOverview } from "../workflow/api";
import { AttestButton } from "./AttestButton";
import { SignatureView, StandingTag } from "../workflow/tags";
import { bureauMonth } from "../common/time";

/** 我的本月: where the person signed in stands this month, and the nil declaration when nothing is registered. */
export function MyMonthCard() {
  const m = useMessages();
  const user = useSessionUser();
  const month = bureauMonth();
  const overview = useMonthOverview(user?.profile.departmentId ?? null, month);
  if (!user) return null;
  return (
    <Card title={fmt(m.review.myMonth, { month })} data-testid="home-my-month" size="small">
      <QueryState query={overview}>
        {(data) => {
          const row = data.officials.find((o) => o.officialId === user.profile.officialId);
          if (!row) return <Typography.Text type="secondary">{m.review.myMonthMissing}</Typography.Text>;
          return (
            <Space wrap>
              <StandingTag standing={row.standing} testId="home-standing" />
              <Typography.Text type="secondary">
                {(["draft", "submitted", "approved", "returned"] as const)
                  .map((s) => `${m.review.status[s]} ${{ draft: row.drafts, submitted: row.submitted, approved: row.approved, returned: row.returned }[s]}`)
                  .join(" · ")}
              </Typography.Text>
              {row.declaration && <SignatureView check={row.declaration} />}
              <AttestButton row={row} month={data.month} testIds={{ attest: "home-attest", withdraw: "home-attest-withdraw" }} />
            </Space>
          );
        }}
      </QueryState>
    </Card>
  );
}
