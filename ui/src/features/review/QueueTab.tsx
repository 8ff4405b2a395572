import { useMemo, useState } from "react";
import { App, Button, Empty, Space, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { CheckOutlined, RollbackOutlined } from "@ant-design/icons";
import type { RecordFilter } from "../../api/bindings/RecordFilter";
import type { StoredRecord } from "../../api/bindings/StoredRecord";
import { fmt, useMessages } from "../../i18n";
import { formatFen } from "../common/money";
import { useDirectoryMap } from "../directory/api";
import { DepartmentPicker } from "../directory/pickers";
import { NO_FILTER, useRecordPage } from "../records/api";
import { FindingBadge } from "../common/FindingBadge";
import { RecordDetail } from "../records/RecordDetail";
import { RecordForm } from "../records/RecordForm";
import { counterpartIdsOf, kindLabelOf, officialIdsOf, summaryOf } from "../records/summary";
import { useMay } from "../session/api";
import { useRecordReview } from "../workflow/api";
import { PassphraseModal } from "../common/PassphraseModal";

/** The most a queue shows (and one review request takes). */
const QUEUE_LIMIT = 500;

type Step = "approve" | "return";

/** True when a key press is typing into a text field (a checkbox is no text field). */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.tagName === "INPUT") return (el as HTMLInputElement).type !== "checkbox";
  return el.tagName === "TEXTAREA" || el.isContentEditable;
}

/**
 * A department's records awaiting review, to approve or return in bulk (signed with
 * the passphrase). With the queue focused: ↑/↓ move, Space selects, A approves,
 * R returns, Enter opens the record.
 */
export function QueueTab({ departmentId: own }: { departmentId: string }) {
  const m = useMessages();
  const { message } = App.useApp();
  const [departmentId, setDepartmentId] = useState(own);
  const filter = useMemo<RecordFilter>(() => ({ ...NO_FILTER, status: "submitted", departmentId }), [departmentId]);
  const page = useRecordPage(filter, { after: null, page: null }, QUEUE_LIMIT);
  const officials = useDirectoryMap("official");
  const counterparts = useDirectoryMap("counterpart");
  const review = useRecordReview();
  const mayApprove = useMay("approveRecord");
  const mayReturn = useMay("returnRecord");
  const [chosen, setChosen] = useState<string[]>([]);
  const [focus, setFocus] = useState(0);
  // The step asked for, with the records (and versions) chosen when it was asked.
  const [step, setStep] = useState<{ step: Step; items: { id: string; version: number }[] } | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [editing, setEditing] = useState<StoredRecord | null>(null);

  const items = useMemo(() => page.data?.items ?? [], [page.data]);
  // What was chosen and is still in the queue (approved ones leave it).
  const selected = items.filter((r) => chosen.includes(r.id));
  const focused = Math.min(focus, Math.max(0, items.length - 1));

  const toggle = (id: string) => setChosen((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  const may = (s: Step) => (s === "approve" ? mayApprove : mayReturn);
  const start = (s: Step) => {
    if (may(s) && selected.length > 0) setStep({ step: s, items: selected.map((r) => ({ id: r.id, version: r.version })) });
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (step !== null || opened !== null || editing !== null || typing(event.target) || items.length === 0) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        setFocus(Math.min(items.length - 1, focused + 1));
        break;
      case "ArrowUp":
        event.preventDefault();
        setFocus(Math.max(0, focused - 1));
        break;
      case " ":
        // A focused checkbox toggles itself.
        if ((event.target as HTMLElement).tagName === "INPUT") return;
        event.preventDefault();
        toggle(items[focused]!.id);
        break;
      case "a":
      case "A":
        event.preventDefault();
        start("approve");
        break;
      case "r":
      case "R":
        event.preventDefault();
        start("return");
        break;
      case "Enter":
        event.preventDefault();
        setOpened(items[focused]!.id);
        break;
    }
  };

  const names = (ids: string[]) => ids.map((id) => officials.get(id)?.name ?? m.common.unknown).join("、");
  const columns: ColumnsType<StoredRecord> = [
    { key: "date", title: m.list.date, dataIndex: "date", width: 110 },
    { key: "kind", title: m.list.kind, width: 100, render: (_, r) => kindLabelOf(r.body, m) },
    { key: "summary", title: m.list.summary, ellipsis: true, render: (_, r) => summaryOf(r.body, m) },
    { key: "officials", title: m.list.officials, ellipsis: true, width: 160, render: (_, r) => names(officialIdsOf(r.body)) },
    {
      key: "counterparts",
      title: m.list.counterparts,
      ellipsis: true,
      width: 200,
      render: (_, r) =>
        counterpartIdsOf(r.body)
          .map((id) => counterparts.get(id)?.name ?? m.common.unknown)
          .join("、"),
    },
    { key: "amount", title: m.list.amount, align: "right", width: 120, render: (_, r) => formatFen(r.amount) },
    {
      key: "findings",
      title: m.list.findings,
      width: 150,
      render: (_, _record, index) => <FindingBadge counts={page.data?.findings[index]} />,
    },
  ];

  return (
    <div data-testid="review-queue">
      <Space wrap style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }}>
        <Space wrap>
          <div style={{ width: 200 }}>
            <DepartmentPicker
              data-testid="queue-department"
              allowClear={false}
              value={departmentId}
              onChange={(value) => {
                if (typeof value !== "string") return;
                setDepartmentId(value);
                setChosen([]);
                setFocus(0);
              }}
            />
          </div>
          {mayApprove && (
            <Button type="primary" icon={<CheckOutlined />} disabled={selected.length === 0} onClick={() => start("approve")} data-testid="queue-approve">
              {m.review.transition.approve}
            </Button>
          )}
          {mayReturn && (
            <Button danger icon={<RollbackOutlined />} disabled={selected.length === 0} onClick={() => start("return")} data-testid="queue-return">
              {m.review.transition.return}
            </Button>
          )}
          <Typography.Text type="secondary" data-testid="queue-selected">
            {fmt(m.review.selected, { count: selected.length })}
          </Typography.Text>
        </Space>
        <Typography.Text type="secondary" data-testid="queue-hint">
          {m.review.queueHint}
        </Typography.Text>
      </Space>
      <div tabIndex={0} onKeyDown={onKeyDown} data-testid="queue-keys" style={{ outline: "none" }}>
        <Table<StoredRecord>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={items}
          loading={page.isFetching}
          pagination={false}
          rowSelection={{ selectedRowKeys: selected.map((r) => r.id), onChange: (keys) => setChosen(keys as string[]) }}
          locale={{ emptyText: <Empty data-testid="queue-empty" description={m.review.queueEmpty} /> }}
          onRow={(record, index) =>
            ({
              "data-testid": "queue-row",
              "data-record-id": record.id,
              "data-focused": index === focused ? "true" : undefined,
              style: { cursor: "pointer", background: index === focused ? "var(--ant-color-primary-bg, #fff1f0)" : undefined },
              onClick: () => setFocus(index ?? 0),
              onDoubleClick: () => setOpened(record.id),
            }) as React.HTMLAttributes<HTMLElement>
          }
        />
      </div>
      {page.data?.next && (
        <Typography.Text type="secondary">{fmt(m.review.more, { count: QUEUE_LIMIT })}</Typography.Text>
      )}
      <PassphraseModal
        open={step !== null}
        title={step ? fmt(m.review.passphraseTitle, { action: m.review.transition[step.step], count: step.items.length }) : ""}
        comment={step?.step === "return" ? "return" : "optional"}
        onSign={async ({ passphrase, comment }) => {
          const { step: action, items } = step!;
          const outcome = await review.mutateAsync({ action, items, comment, passphrase });
          message.success(fmt(m.review.done, { action: m.review.transition[action], count: outcome.changed.length }));
          setChosen([]);
        }}
        onClose={() => setStep(null)}
      />
      <RecordDetail id={opened} onClose={() => setOpened(null)} onEdit={(record) => setEditing(record)} />
      <RecordForm open={editing !== null} kind="meal" editing={editing} onClose={() => setEditing(null)} />
    </div>
  );
}
