import { useState } from "react";
import { App, Button, Empty, Input, Space, Switch, Table, Tabs, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { PlusOutlined } from "@ant-design/icons";
import type { Versioned } from "../../api/bindings/Versioned";
import { CoreError } from "../../api/client";
import { fmt, useMessages } from "../../i18n";
import type { Messages } from "../../i18n/messages";
import { formatFen } from "../common/money";
import { useMay } from "../session/api";
import { useDirectory, useDirectoryMap, useSaveDirectory, type DirectoryKind, type DirectoryTypes } from "./api";
import { EntryModal } from "./EntryModal";

const STATUS_COLORS = { red: "red", normal: "default", black: "black" } as const;

function useColumns<K extends DirectoryKind>(kind: K, m: Messages): ColumnsType<Versioned<DirectoryTypes[K]>> {
  const departments = useDirectoryMap("department");
  type Row = Versioned<DirectoryTypes[K]>;
  const v = <T,>(row: Row) => row.value as unknown as T;
  switch (kind) {
    case "department":
      return [{ key: "name", title: m.directory.name, render: (_, r) => v<DirectoryTypes["department"]>(r).name }];
    case "city":
      return [
        { key: "province", title: m.directory.province, render: (_, r) => v<DirectoryTypes["city"]>(r).province },
        { key: "name", title: m.directory.city, render: (_, r) => v<DirectoryTypes["city"]>(r).name },
      ];
    case "official":
      return [
        { key: "name", title: m.directory.officialName, render: (_, r) => v<DirectoryTypes["official"]>(r).name },
        { key: "staffNo", title: m.directory.staffNo, render: (_, r) => v<DirectoryTypes["official"]>(r).staffNo },
        {
          key: "department",
          title: m.directory.department,
          render: (_, r) => departments.get(v<DirectoryTypes["official"]>(r).departmentId)?.name ?? m.common.unknown,
        },
        { key: "position", title: m.directory.position, render: (_, r) => v<DirectoryTypes["official"]>(r).position },
        { key: "role", title: m.directory.role, render: (_, r) => m.role[v<DirectoryTypes["official"]>(r).role] },
        {
          key: "enforcement",
          title: m.directory.enforcementPowers,
          render: (_, r) => (v<DirectoryTypes["official"]>(r).enforcementPowers ? m.form.yes : m.form.no),
        },
      ];
    default:
      return [
        { key: "name", title: m.directory.name, render: (_, r) => v<DirectoryTypes["counterpart"]>(r).name },
        { key: "kind", title: m.directory.kind, render: (_, r) => m.counterpartKind[v<DirectoryTypes["counterpart"]>(r).kind] },
        {
          key: "creditCode",
          title: m.directory.creditCode,
          render: (_, r) => <Typography.Text code>{v<DirectoryTypes["counterpart"]>(r).creditCode ?? ""}</Typography.Text>,
        },
        {
          key: "status",
          title: m.directory.creditStatus,
          render: (_, r) => {
            const status = v<DirectoryTypes["counterpart"]>(r).creditStatus;
            return <Tag color={STATUS_COLORS[status]}>{m.creditStatus[status]}</Tag>;
          },
        },
        {
          key: "canteen",
          title: m.directory.canteen,
          render: (_, r) => {
            const rate = v<DirectoryTypes["counterpart"]>(r).canteenRate;
            return rate === null ? m.directory.noCanteen : formatFen(rate);
          },
        },
      ];
  }
}

/**
 * Whether an entry mentions what is typed in the list's search box: any of its texts
 * (name, staff number, credit code, province, address…), ignoring case and spaces.
 */
function mentions(value: object, typed: string): boolean {
  const wanted = typed.replace(/\s+/g, "").toLowerCase();
  if (wanted === "") return true;
  // Ids (departmentId…) are no words anyone types.
  return Object.entries(value).some(
    ([key, v]) => !key.endsWith("Id") && typeof v === "string" && v.replace(/\s+/g, "").toLowerCase().includes(wanted),
  );
}

/** One directory list: search it, add and edit in a modal, deactivate instead of delete. */
function DirectoryTab<K extends DirectoryKind>({ kind }: { kind: K }) {
  const m = useMessages();
  const { message } = App.useApp();
  const query = useDirectory(kind);
  const save = useSaveDirectory(kind);
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState<Versioned<DirectoryTypes[K]> | null>(null);
  const [open, setOpen] = useState(false);
  const columns = useColumns(kind, m);
  // Enterprises are added while registering; the rest of the directory is the administrator's.
  const mayEdit = useMay(kind === "counterpart" ? "addCounterpart" : "manageDirectory");
  const hasActive = kind !== "city";
  const active = (r: Versioned<DirectoryTypes[K]>) => (r.value as { active?: boolean }).active !== false;
  const [text, setText] = useState("");
  const rows = (query.data ?? []).filter((r) => (showInactive || active(r)) && mentions(r.value, text));

  const toggle = async (row: Versioned<DirectoryTypes[K]>) => {
    try {
      await save.mutateAsync({ id: row.id, version: row.version, value: { ...row.value, active: !active(row) } });
    } catch (error) {
      message.error(error instanceof CoreError ? error.message : String(error));
    }
  };

  return (
    <div data-testid={`directory-${kind}`}>
      <Space style={{ marginBottom: 12 }}>
        {mayEdit && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid={`directory-${kind}-add`}
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
          >
            {m.directory.add}
          </Button>
        )}
        <Input.Search
          allowClear
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={m.directory.search}
          aria-label={m.directory.search}
          data-testid={`directory-${kind}-search`}
          style={{ width: 260 }}
        />
        {hasActive && (
          <Space>
            <Switch checked={showInactive} onChange={setShowInactive} data-testid={`directory-${kind}-inactive`} />
            <Typography.Text>{m.directory.showInactive}</Typography.Text>
          </Space>
        )}
      </Space>
      <Table<Versioned<DirectoryTypes[K]>>
        rowKey="id"
        size="small"
        loading={query.isPending}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: <Empty description={text.trim() ? fmt(m.directory.emptySearch, { text: text.trim() }) : m.directory.empty} /> }}
        onRow={(r) => ({ "data-testid": `directory-row-${r.id}`, style: { opacity: active(r) ? 1 : 0.5 } }) as object}
        columns={[
          ...columns,
          ...(hasActive
            ? [
                {
                  key: "active",
                  title: m.list.status,
                  render: (_: unknown, r: Versioned<DirectoryTypes[K]>) =>
                    active(r) ? <Tag color="green">{m.directory.active}</Tag> : <Tag>{m.directory.inactive}</Tag>,
                },
              ]
            : []),
          ...(mayEdit
            ? [
                {
                  key: "actions",
                  title: m.directory.actions,
                  render: (_: unknown, r: Versioned<DirectoryTypes[K]>) => (
                    <Space>
                      <Button
                        size="small"
                        data-testid="directory-edit"
                        onClick={() => {
                          setEditing(r);
                          setOpen(true);
                        }}
                      >
                        {m.directory.edit}
                      </Button>
                      {hasActive && (
                        <Button size="small" danger={active(r)} data-testid="directory-toggle" onClick={() => void toggle(r)}>
                          {active(r) ? m.directory.deactivate : m.directory.activate}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <EntryModal kind={kind} entry={editing} open={open} onClose={() => setOpen(false)} />
    </div>
  );
}

export function DirectoryPage() {
  const m = useMessages();
  const [tab, setTab] = useState<DirectoryKind>("official");
  return (
    <div data-testid="area-directory">
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as DirectoryKind)}
        items={[
          { key: "department", label: <span data-testid="tab-department">{m.directory.departments}</span>, children: <DirectoryTab kind="department" /> },
          { key: "official", label: <span data-testid="tab-official">{m.directory.officials}</span>, children: <DirectoryTab kind="official" /> },
          { key: "counterpart", label: <span data-testid="tab-counterpart">{m.directory.counterparts}</span>, children: <DirectoryTab kind="counterpart" /> },
          { key: "city", label: <span data-testid="tab-city">{m.directory.cities}</span>, children: <DirectoryTab kind="city" /> },
        ]}
      />
    </div>
  );
}
