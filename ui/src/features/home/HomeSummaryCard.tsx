import { Card, Col, Empty, List, Row, Space, Statistic, Tag, Typography } from "antd";
import type { HomeSummary } from "../../api/bindings/HomeSummary";
import type { KindCounts } from "../../api/bindings/KindCounts";
import { fmt, useMessages } from "../../i18n";
import type { Messages } from "../../i18n/messages";
import { QueryState } from "../common/QueryState";
import { useDirectoryMap } from "../directory/api";
import { Chart } from "./Chart";
import { useHomeSummary } from "./api";

const KINDS: (keyof KindCounts)[] = ["trips", "meals", "gifts", "contacts"];


function chartOption(summary: HomeSummary, m: Messages) {
  return {
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 24 },
    xAxis: { type: "category", data: summary.perMonth.map((p) => p.month) },
    yAxis: { type: "value", minInterval: 1 },
    series: KINDS.map((kind) => ({
      name: m.nav[kind],
      type: "bar",
      stack: "records",
      data: summary.perMonth.map((p) => p.counts[kind]),
    })),
  };
}

/** This month at a glance, from the core's `home_summary`: counts, findings, gifts awaiting a disposition, 12 months. */
export function HomeSummaryCard() {
  const m = useMessages();
  const summary = useHomeSummary();
  const officials = useDirectoryMap("official");
  return (
    <QueryState query={summary}>
      {(s) => (
        <>
          <Card title={fmt(m.home.thisMonth, { month: s.month })} data-testid="home-month">
            <Row gutter={16}>
              {KINDS.map((kind) => (
                <Col span={6} key={kind}>
                  <Statistic title={m.nav[kind]} value={s.records[kind]} suffix={m.home.records} data-testid={`home-count-${kind}`} />
                </Col>
              ))}
            </Row>
          </Card>
          <Row gutter={16}>
            <Col span={12}>
              <Card title={m.home.findingsCount} data-testid="home-findings">
                <Space size="large">
                <Statistic title={m.severity.violation} value={s.findings.violations} data-testid="home-violations" />
                <Statistic title={m.severity.warning} value={s.findings.warnings} />
                <Statistic title={m.severity.note} value={s.findings.notes} />
                </Space>
              </Card>
            </Col>
            <Col span={12}>
              <Card title={m.home.pendingGifts} data-testid="home-pending-gifts">
                {s.pendingGifts.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.home.noPendingGifts} />
                ) : (
                  <List
                    size="small"
                    dataSource={s.pendingGifts}
                    renderItem={(g) => (
                      <List.Item key={g.recordId}>
                        <Typography.Text>{g.item}</Typography.Text>
                        <Typography.Text type="secondary">{officials.get(g.officialId)?.name}</Typography.Text>
                        <Tag color={g.daysLeft < 0 ? "red" : g.daysLeft <= 7 ? "orange" : "default"}>
                          {g.daysLeft < 0
                            ? fmt(m.home.overdue, { days: -g.daysLeft })
                            : fmt(m.home.daysLeft, { days: g.daysLeft })}
                        </Tag>
                      </List.Item>
                    )}
                  />
                )}
              </Card>
            </Col>
          </Row>
          <Card title={m.home.perMonth}>
            <Chart option={chartOption(s, m)} testId="home-chart" />
          </Card>
        </>
      )}
    </QueryState>
  );
}
