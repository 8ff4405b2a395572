import { useState } from "react";
import { Button, Select, Space, Tooltip } from "antd";
import type { DefaultOptionType } from "antd/es/select";
import { PlusOutlined } from "@ant-design/icons";
import { useMessages } from "../../i18n";
import type { Action } from "../../api/bindings/Action";
import { useMay } from "../session/api";
import { useDirectory, type DirectoryKind, type DirectoryTypes } from "./api";
import { EntryModal } from "./EntryModal";

type Value = string | string[] | null | undefined;

interface PickerProps {
  value?: Value;
  onChange?: (value: Value) => void;
  /** Several entries (officials present, accompanying enterprises) or one. */
  multiple?: boolean;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  "data-testid"?: string;
  "aria-invalid"?: boolean | "true" | "false";
}

interface Option extends DefaultOptionType {
  value: string;
  label: string;
  search: string;
}

/** Case-insensitive substring match on everything the option is known by. */
export function matchesOption(input: string, option: { search?: string } | undefined): boolean {
  return (option?.search ?? "").includes(input.trim().toLowerCase());
}

function describe<K extends DirectoryKind>(kind: K, value: DirectoryTypes[K]): { label: string; search: string } {
  switch (kind) {
    case "official": {
      const o = value as DirectoryTypes["official"];
      return { label: o.staffNo ? `${o.name}（${o.staffNo}）` : o.name, search: `${o.name} ${o.staffNo} ${o.position}` };
    }
    case "counterpart": {
      const c = value as DirectoryTypes["counterpart"];
      return { label: c.name, search: `${c.name} ${c.creditCode ?? ""}` };
    }
    case "city": {
      const c = value as DirectoryTypes["city"];
      return { label: `${c.name}（${c.province}）`, search: `${c.province} ${c.name}` };
    }
    default: {
      const d = value as DirectoryTypes["department"];
      return { label: d.name, search: d.name };
    }
  }
}

function isActive(value: unknown): boolean {
  return (value as { active?: boolean }).active !== false;
}

/**
 * A select over one directory list that searches as you type. Inactive entries are
 * offered only when already chosen (an older record may name one).
 */
function DirectoryPicker<K extends DirectoryKind>({
  kind,
  multiple,
  value,
  onChange,
  only,
  ...rest
}: PickerProps & { kind: K; only?: (value: DirectoryTypes[K]) => boolean }) {
  const m = useMessages();
  const query = useDirectory(kind);
  const chosen = new Set(Array.isArray(value) ? value : value ? [value] : []);
  const options: Option[] = (query.data ?? [])
    .filter((entry) => chosen.has(entry.id) || (isActive(entry.value) && (only?.(entry.value) ?? true)))
    .map((entry) => {
      const { label, search } = describe(kind, entry.value);
      const inactive = !isActive(entry.value);
      return {
        value: entry.id,
        label: inactive ? `${label} · ${m.picker.inactive}` : label,
        search: search.toLowerCase(),
      };
    });
  return (
    <Select<Value, Option>
      {...rest}
      mode={multiple ? "multiple" : undefined}
      value={value ?? (multiple ? [] : null)}
      onChange={(next) => onChange?.(next ?? null)}
      options={options}
      loading={query.isPending}
      placeholder={rest.placeholder ?? m.picker.searchHint}
      allowClear={rest.allowClear ?? true}
      showSearch={{ filterOption: (input, option) => matchesOption(input, option) }}
      style={{ width: "100%", minWidth: 160 }}
    />
  );
}

export function OfficialPicker(props: PickerProps) {
  return <DirectoryPicker kind="official" {...props} />;
}

/** Officials whose role is 分管领导. */
export function LeaderPicker(props: PickerProps) {
  return <DirectoryPicker kind="official" only={(o) => o.role === "leaderInCharge"} {...props} />;
}

export function DepartmentPicker(props: PickerProps) {
  return <DirectoryPicker kind="department" {...props} />;
}

/** Cities, with a button that adds a missing one in place for whoever keeps the directory. */
export function CityPicker(props: PickerProps & { addable?: boolean }) {
  const m = useMessages();
  return <AddablePicker kind="city" may="manageDirectory" label={m.picker.addCity} {...props} />;
}

/** Enterprises and associations, with a button that adds a missing one in place. */
export function CounterpartPicker(props: PickerProps & { addable?: boolean }) {
  const m = useMessages();
  return <AddablePicker kind="counterpart" may="addCounterpart" label={m.picker.addCounterpart} {...props} />;
}

/** A picker with a button beside it that adds a missing entry in place and picks it. */
function AddablePicker(
  props: PickerProps & { kind: "counterpart" | "city"; may: Action; label: string; addable?: boolean },
) {
  const { addable = true, kind, may, label, ...rest } = props;
  const [adding, setAdding] = useState(false);
  const mayAdd = useMay(may);
  const testId = rest["data-testid"] ?? `${kind}-picker`;
  if (!addable || !mayAdd) return <DirectoryPicker kind={kind} {...rest} />;
  return (
    <>
      <Space.Compact style={{ width: "100%" }}>
        <DirectoryPicker kind={kind} {...rest} />
        <Tooltip title={label}>
          <Button icon={<PlusOutlined />} aria-label={label} data-testid={`${testId}-add`} onClick={() => setAdding(true)} disabled={rest.disabled} />
        </Tooltip>
      </Space.Compact>
      <EntryModal
        kind={kind}
        entry={null}
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={(saved) => {
          if (rest.multiple) {
            const current = Array.isArray(rest.value) ? rest.value : [];
            rest.onChange?.([...current, saved.id]);
          } else rest.onChange?.(saved.id);
        }}
      />
    </>
  );
}
