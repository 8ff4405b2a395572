import { useState } from "react";
import { Alert, Tabs } from "antd";
import { useMessages } from "../../i18n";
import { useSessionUser } from "../session/api";
import { MonthOverviewTab } from "./MonthOverviewTab";
import { QueueTab } from "./QueueTab";

/** 审核: the department's queue of submitted records, and its month at a glance. */
export function ReviewPage() {
  const m = useMessages();
  const user = useSessionUser();
  const [tab, setTab] = useState("queue");
  if (!user) {
    return (
      <div data-testid="area-review">
        <Alert type="info" showIcon title={m.review.signInFirst} data-testid="review-sign-in-first" />
      </div>
    );
  }
  const departmentId = user.profile.departmentId;
  return (
    <div data-testid="area-review">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: "queue",
            label: <span data-testid="tab-queue">{m.review.queue}</span>,
            children: <QueueTab departmentId={departmentId} />,
          },
          {
            key: "overview",
            label: <span data-testid="tab-overview">{m.review.overview}</span>,
            children: <MonthOverviewTab departmentId={departmentId} />,
          },
        ]}
      />
    </div>
  );
}
