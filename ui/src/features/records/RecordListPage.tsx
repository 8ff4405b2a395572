import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { App, Button, Card, Empty, InputNumber, Select, Space, Table, Tag, Typography, type InputRef } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { SorterResult, SortOrder } from "antd/es/table/interface";
import { PlusOutlined } from "@ant-design/icons";
import type { RecordFilter } from "../../api/bindings/RecordFilter";
import type { RecordKind } from "../../api/bindings/RecordKind";
import type { RecordOrder } from "../../api/bindings/RecordOrder";
import type { SearchMatch } from "../../api/bindings/SearchMatch";
import type { StoredRecord } from "../../api/bindings/StoredRecord";
import { fmt, useMessages } from "../../i18n";
import { formatFen } from "../common/money";
import { QueryState } from "../common/QueryState";
import { ReviewStatusTag } from "../workflow/tags";
import { useDirectoryMap } from "../directory/api";
import { NO_FILTER, PAGE_SIZES, usePageSize, useRecordPage, useRecordTotals, type PageSize } from "./api";
import type { FormKind } from "./formValues";
import { FindingBadge } from "../common/FindingBadge";
import { RecordDetail } from "./RecordDetail";
import { ExportButton } from "./ExportButton";
import { RecordFilters } from "./RecordFilters";
import { RecordForm } from "./RecordForm";
import { counterpartIdsOf, kindLabelOf, officialIdsOf, summaryOf } from "./summary";
import { usePaging } from "./usePaging";

const EMPTY: Record<RecordKind, "emptyTrip" | "emptyMeal" | "emptyGift" | "emptyContact"> = {
  trip: "emptyTrip",
  meal: "emptyMeal",
  gift: "emptyGift",
  contact: "emptyContact",
};

/** A sortable column of the list: its sort state is the filter's order. */
function sortable(column: "date" | "amount", order: RecordOrder) {
  const [by, way] = order.startsWith("date") ? ["date", order.slice(4)] : ["amount", order.slice(6)];
  return {
    sorter: true,
    // Descending first, and no unsorted state: a list always has an order.
    sortDirections: ["descend", "ascend", "descend"] as SortOrder[],
    sortOrder: by === column ? ((way === "Desc" ? "descend" : "ascend") as SortOrder) : null,
    onHeaderCell: () => ({ "data-testid": `column-${column}` }) as React.HTMLAttributes<HTMLElement>,
  };
}

/** The order a table's sorter asks for; back to newest first when it asks for none. */
function orderOf(sorter: SorterResult<StoredRecord> | undefined): RecordOrder {
  if (!sorter?.order) return "dateDesc";
  const way = sorter.order === "ascend" ? "Asc" : "Desc";
  return sorter.columnKey === "amount" ? `amount${way}` : `date${way}`;
}

/** The summary of a row, and in a search the words it matched, marked. */
function SummaryCell({ summary, found }: { summary: string; found: SearchMatch | null }) {
  const m = useMessages();
  if (!found) return <span title={summary}>{summary}</span>;
  const label = (m.list.matchedIn as Record<string, string>)[found.field] ?? found.field;
  return (
    <div>
      <div title={summary}>{summary}</div>
      <Typography.Text type="secondary" data-testid="search-match" style={{ fontSize: 12 }}>
        {fmt(m.list.matchedField, { field: label })}
        {found.before}
        <mark>{found.matched}</mark>
        {found.after}
      </Typography.Text>
    </div>
  );
}

/** True when a key press is typing into a field (so "/" and shortcuts stay characters). */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.isContentEditable);
}

/**
 * A list of records, one kind or all (the timeline): filters and search go to the
 * core, which pages by cursor; totals of the filtered set come from the core too.
 * Ctrl+N registers a new record, "/" focuses the search box.
 */
export function RecordListPage({ kind, area, newKinds }: { kind: RecordKind | null; area: string; newKinds: FormKind[] }) {
  const m = useMessages();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<RecordFilter>({ ...NO_FILTER, kind });
  const [pageSize, setPageSize] = usePageSize();
  const paging = usePaging(filter, pageSize);
  const page = useRecordPage(filter, paging.request, pageSize);
  const totals = useRecordTotals(filter);
  const officials = useDirectoryMap("official");
  const counterparts = useDirectoryMap("counterpart");
  const searchRef = useRef<InputRef>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<StoredRecord | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [jumpTo, setJumpTo] = useState<number | null>(null);
  const canCreate = newKinds.length > 0;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "n" && canCreate) {
        event.preventDefault();
        if (!formOpen) {
          setEditing(null);
          setFormOpen(true);
        }
      } else if (event.key === "/" && !typing(event.target) && !formOpen && selected === null) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [canCreate, formOpen, selected]);

  // Built once per page of data (and language, directory): a Table whose columns keep
  // their identity does not re-render its rows when only the totals or paging change.
  const pageData = page.data;
  const order = filter.order;
  const columns = useMemo<ColumnsType<StoredRecord>>(() => {
    const names = (ids: string[], map: Map<string, { name: string }>) =>
      ids.map((id) => map.get(id)?.name ?? m.common.unknown).join("、");
    return [
      { key: "date", title: m.list.date, dataIndex: "date", width: 104, ...sortable("date", order) },
      ...(kind === null || kind === "gift"
        ? [{ key: "kind", title: m.list.kind, width: 84, render: (_: unknown, r: StoredRecord) => kindLabelOf(r.body, m) }]
        : []),
      {
        key: "summary",
        title: m.list.summary,
        ellipsis: true,
        render: (_, r, index) => <SummaryCell summary={summaryOf(r.body, m)} found={pageData?.matches?.[index] ?? null} />,
      },
      { key: "officials", title: m.list.officials, ellipsis: true, width: 96, render: (_, r) => names(officialIdsOf(r.body), officials) },
      { key: "counterparts", title: m.list.counterparts, ellipsis: true, width: 150, render: (_, r) => names(counterpartIdsOf(r.body), counterparts) },
      { key: "amount", title: m.list.amount, align: "right", width: 112, render: (_, r) => formatFen(r.amount), ...sortable("amount", order) },
      {
        key: "status",
        title: m.list.status,
        width: 72,
        render: (_, r) => (r.cancelled ? <Tag color="default">{m.list.cancelled}</Tag> : <Tag color="green">{m.list.valid}</Tag>),
      },
      {
        key: "review",
        title: m.list.reviewStatus,
        width: 84,
        render: (_, _record, index) => <ReviewStatusTag status={pageData?.reviews?.[index]} testId="row-status" />,
      },
      {
        key: "findings",
        title: m.list.findings,
        width: 120,
        render: (_, _record, index) => <FindingBadge counts={pageData?.findings[index]} />,
      },
    ];
  }, [m, kind, officials, counterparts, pageData, order]);

  const rowProps = useCallback(
    (record: StoredRecord) =>
      ({
        "data-testid": `record-row-${record.id}`,
        "data-record-row": "",
        tabIndex: 0,
        style: { cursor: "pointer", opacity: record.cancelled ? 0.6 : 1 },
        onClick: () => setSelected(record.id),
        onKeyDown: (event: React.KeyboardEvent) => {
          if (event.key === "Enter") setSelected(record.id);
        },
      }) as React.HTMLAttributes<HTMLElement>,
    [],
  );

  const pageCount = totals.data ? Math.max(1, Math.ceil(totals.data.count / pageSize)) : null;
  const hasNext = !!page.data?.next;
  const filtered =
    JSON.stringify({ ...filter, kind: null, order: null }) !== JSON.stringify({ ...NO_FILTER, kind: null, order: null });
  const emptyText = filtered ? m.list.emptyFiltered : kind ? m.list[EMPTY[kind]] : m.list.emptyAll;
  const locale = useMemo(() => ({ emptyText: <Empty data-testid="record-empty" description={emptyText} /> }), [emptyText]);

  // Each page tells where the next one starts: "next" then continues by cursor.
  const loadedNext = page.data && !page.isPlaceholderData ? page.data.next : null;
  useEffect(() => {
    if (loadedNext) paging.learn(paging.index, loadedNext);
  }, [loadedNext, paging]);

  const jump = (target: number) => {
    if (pageCount !== null && target > pageCount) {
      message.warning(fmt(m.list.jumpBeyond, { pages: pageCount }));
      return;
    }
    paging.go(target - 1);
  };

  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-testid={`area-${area}`}>
      <Card size="small">
        <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
          <Typography.Text strong data-testid="record-totals">
            {totals.data
              ? fmt(m.list.totals, { count: totals.data.count.toLocaleString(), amount: formatFen(totals.data.amount) })
              : m.common.loading}
          </Typography.Text>
          <Space>
          <ExportButton filter={filter} />
          {canCreate && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="record-new"
              title={m.list.newHint}
              onClick={() => {
                setEditing(null);
                setFormOpen(true);
              }}
            >
              {m.list.new}
            </Button>
          )}
          </Space>
        </Space>
      </Card>
      <RecordFilters filter={filter} onChange={setFilter} searchRef={searchRef} />
      {/* The table appears with its first page (a spinner until then, the error and a
          retry if it fails), rather than empty first and filled a moment later: one
          render of the table instead of two. Later pages replace the rows in place. */}
      <QueryState query={page}>
        {(data) => (
          <Table<StoredRecord>
            data-testid="record-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={data.items}
            // A spinner while other rows (another page, another filter) are on their
            // way; a list shown again from memory refreshes quietly instead.
            loading={page.isFetching && page.isPlaceholderData}
            pagination={false}
            locale={locale}
            onRow={rowProps}
            // The summary keeps room to read (about 200 px) however narrow the window:
            // the other columns are fixed, and the table scrolls before it squeezes.
            scroll={{ x: 1000 }}
            onChange={(_pagination, _filters, sorter) => {
              const next = orderOf(Array.isArray(sorter) ? sorter[0] : sorter);
              if (next !== filter.order) setFilter({ ...filter, order: next });
            }}
          />
        )}
      </QueryState>
      <Space style={{ width: "100%", justifyContent: "flex-end" }} wrap data-testid="record-paging">
        <Button disabled={paging.index === 0} onClick={() => paging.go(paging.index - 1)} data-testid="page-previous">
          {m.list.previous}
        </Button>
        <Typography.Text data-testid="page-number">
          {fmt(m.list.page, { page: paging.index + 1 })}
          {pageCount !== null && ` / ${pageCount}`}
        </Typography.Text>
        <Button
          disabled={!hasNext}
          onClick={() => {
            const next = page.data?.next;
            if (!next) return;
            paging.learn(paging.index, next);
            paging.go(paging.index + 1);
          }}
          data-testid="page-next"
        >
          {m.list.next}
        </Button>
        <InputNumber
          min={1}
          max={pageCount ?? undefined}
          precision={0}
          placeholder={m.list.jump}
          value={jumpTo}
          onChange={(value) => setJumpTo(value)}
          onPressEnter={() => jumpTo && jump(jumpTo)}
          data-testid="page-jump"
          style={{ width: 120 }}
        />
        <Button disabled={!jumpTo} onClick={() => jumpTo && jump(jumpTo)} data-testid="page-go">
          {m.list.go}
        </Button>
        <Select<PageSize>
          data-testid="page-size"
          aria-label={fmt(m.list.perPage, { size: pageSize })}
          value={pageSize}
          onChange={setPageSize}
          options={PAGE_SIZES.map((size) => ({ value: size, label: fmt(m.list.perPage, { size }) }))}
          style={{ width: 130 }}
        />
      </Space>
      <RecordForm
        open={formOpen}
        kind={newKinds[0] ?? "meal"}
        kindChoices={newKinds}
        editing={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(record) => {
          if (editing) setSelected(record.id);
        }}
      />
      <RecordDetail
        id={selected}
        onClose={() => setSelected(null)}
        onEdit={(record) => {
          setEditing(record);
          setFormOpen(true);
        }}
      />
    </Space>
  );
}
