import { useEffect, useState, type RefObject } from "react";
import { Button, DatePicker, Input, Select, Space, Switch, Typography, type InputRef } from "antd";
import dayjs from "dayjs";
import type { RecordFilter } from "../../api/bindings/RecordFilter";
import type { ReviewStatus } from "../../api/bindings/ReviewStatus";
import type { Severity } from "../../api/bindings/Severity";
import { fmt, useMessages } from "../../i18n";
import { ISO_DATE } from "../common/DateField";
import { CounterpartPicker, DepartmentPicker, OfficialPicker } from "../directory/pickers";

/** Filters of a record list: dates, official, enterprise, department, cancelled ones, and a search box. */
export function RecordFilters({
  filter,
  onChange,
  searchRef,
}: {
  filter: RecordFilter;
  onChange: (filter: RecordFilter) => void;
  searchRef: RefObject<InputRef | null>;
}) {
  const m = useMessages();
  const [text, setText] = useState(filter.text ?? "");
  // The search runs once typing pauses, not on every keystroke.
  useEffect(() => {
    const trimmed = text.trim() === "" ? null : text.trim();
    if (trimmed === filter.text) return;
    const timer = window.setTimeout(() => onChange({ ...filter, text: trimmed }), 300);
    return () => window.clearTimeout(timer);
  }, [text, filter, onChange]);

  const set = (patch: Partial<RecordFilter>) => onChange({ ...filter, ...patch });
  const filtered =
    filter.from || filter.to || filter.officialId || filter.counterpartId || filter.departmentId || filter.includeCancelled || filter.text || filter.finding || filter.status;
  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid="record-filters">
      <Input.Search
        ref={searchRef}
        allowClear
        data-testid="record-search"
        placeholder={m.list.search}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onSearch={(value) => set({ text: value.trim() === "" ? null : value.trim() })}
        style={{ width: 320 }}
      />
      <DatePicker.RangePicker
        data-testid="filter-dates"
        aria-label={m.list.dateRange}
        format={ISO_DATE}
        value={[filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]}
        onChange={(range) =>
          set({ from: range?.[0]?.format(ISO_DATE) ?? null, to: range?.[1]?.format(ISO_DATE) ?? null })
        }
        allowEmpty={[true, true]}
      />
      <div style={{ width: 180 }}>
        <OfficialPicker
          data-testid="filter-official"
          placeholder={m.list.official}
          value={filter.officialId}
          onChange={(value) => set({ officialId: (value as string | null) ?? null })}
        />
      </div>
      <div style={{ width: 220 }}>
        <CounterpartPicker
          addable={false}
          data-testid="filter-counterpart"
          placeholder={m.list.counterpart}
          value={filter.counterpartId}
          onChange={(value) => set({ counterpartId: (value as string | null) ?? null })}
        />
      </div>
      <div style={{ width: 160 }}>
        <DepartmentPicker
          data-testid="filter-department"
          placeholder={m.list.department}
          value={filter.departmentId}
          onChange={(value) => set({ departmentId: (value as string | null) ?? null })}
        />
      </div>
      <Select<Severity>
        data-testid="filter-finding"
        allowClear
        style={{ width: 160 }}
        placeholder={m.list.finding}
        value={filter.finding ?? undefined}
        onChange={(finding) => set({ finding: finding ?? null })}
        options={(["violation", "warning", "note"] as const).map((severity) => ({
          value: severity,
          label: fmt(m.list.hasFinding, { severity: m.severity[severity] }),
        }))}
      />
      <Select<ReviewStatus>
        data-testid="filter-status"
        allowClear
        style={{ width: 140 }}
        placeholder={m.list.filterStatus}
        value={filter.status ?? undefined}
        onChange={(status) => set({ status: status ?? null })}
        options={(["draft", "submitted", "approved", "returned"] as const).map((status) => ({
          value: status,
          label: m.review.status[status],
        }))}
      />
      <Space>
        <Switch
          data-testid="filter-cancelled"
          checked={filter.includeCancelled}
          onChange={(includeCancelled) => set({ includeCancelled })}
        />
        <Typography.Text>{m.list.includeCancelled}</Typography.Text>
      </Space>
      {filtered && (
        <Button
          type="link"
          data-testid="filter-clear"
          onClick={() => {
            setText("");
            onChange({ ...filter, from: null, to: null, officialId: null, counterpartId: null, departmentId: null, includeCancelled: false, text: null, finding: null, status: null });
          }}
        >
          {m.list.clearFilters}
        </Button>
      )}
    </Space>
  );
}
