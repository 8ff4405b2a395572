import { useState } from "react";
import { DatePicker, Empty, Space, Table, Typography } from "antd";
import dayjs from "dayjs";
import type { MonthOverviewRow } from "../../api/bindings/MonthOverviewRow";
import { fmt, useMessages } from "../../i18n";
import { QueryState } from "../common/QueryState";
import { DepartmentPicker } from "../directory/pickers";
import { useMonthOverview } from "../workflow/api";
import { AttestButton } from "./AttestButton";
import { SignatureView, StandingTag } from "../workflow/tags";
import { bureauToday } from "../common/time";

/** A department's month: who has registered, who declared nothing to register, who said nothing. */
export function MonthOverviewTab({ departmentId: own }: { departmentId: string }) {
  const m = useMessages();
  const [month, setMonth] = useState(() => dayjs(bureauToday()).startOf("month"));
  const [departmentId, setDepartmentId] = useState(own);
  const monthText = month.format("YYYY-MM");
  const overview = useMonthOverview(departmentId, monthText);
  return (
    <div data-testid="month-overview">
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={month}
          onChange={(value) => value && setMonth(value.startOf("month"))}
          aria-label={m.review.month}
          data-testid="overview-month"
        />
        <div style={{ width: 200 }}>
          <DepartmentPicker
            data-testid="overview-department"
            allowClear={false}
            value={departmentId}
            onChange={(value) => typeof value === "string" && setDepartmentId(value)}
          />
        </div>
      </Space>
      <QueryState query={overview}>
        {(data) => (
          <>
            <Typography.Paragraph data-testid="overview-open-dispositions">
              {fmt(m.review.openDispositions, { count: data.openDispositions })}
            </Typography.Paragraph>
            <Table<MonthOverviewRow>
              size="small"
              rowKey="officialId"
              pagination={false}
              dataSource={data.officials}
              locale={{ emptyText: <Empty description={m.review.overviewEmpty} /> }}
              onRow={(row) => ({ "data-testid": `overview-row-${row.officialId}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { key: "name", title: m.review.name, dataIndex: "name" },
                {
                  key: "standing",
                  title: m.review.standingLabel,
                  render: (_, row) => <StandingTag standing={row.standing} testId={`standing-${row.officialId}`} />,
                },
                { key: "drafts", title: m.review.status.draft, dataIndex: "drafts", align: "right" },
                { key: "submitted", title: m.review.status.submitted, dataIndex: "submitted", align: "right" },
                { key: "approved", title: m.review.status.approved, dataIndex: "approved", align: "right" },
                { key: "returned", title: m.review.status.returned, dataIndex: "returned", align: "right" },
                {
                  key: "declaration",
                  title: m.review.declaration,
                  render: (_, row) => row.declaration && <SignatureView check={row.declaration} />,
                },
                {
                  key: "actions",
                  title: m.review.actions,
                  render: (_, row) => (
                    <AttestButton
                      row={row}
                      month={data.month}
                      testIds={{ attest: `attest-${row.officialId}`, withdraw: `attest-withdraw-${row.officialId}` }}
                    />
                  ),
                },
              ]}
            />
          </>
        )}
      </QueryState>
    </div>
  );
}
