import { useState } from "react";
import { Alert, Button, Descriptions, Divider, Drawer, Space, Table, Tag, Typography } from "antd";
import { EditOutlined, StopOutlined, UndoOutlined } from "@ant-design/icons";
import type { OfficialSettlement } from "../../api/bindings/OfficialSettlement";
import type { StoredRecord } from "../../api/bindings/StoredRecord";
import { fmt, useMessages } from "../../i18n";
import { QueryState } from "../common/QueryState";
import { formatFen } from "../common/money";
import { useDirectoryMap } from "../directory/api";
import { useReview } from "../workflow/api";
import { useRecord, useRecordFindings } from "./api";
import { Attachments } from "./Attachments";
import { BodyView } from "./BodyView";
import { CancelModal } from "./CancelModal";
import { Findings } from "./Findings";
import { History } from "./History";
import { ReviewPanel } from "./ReviewPanel";
import { kindLabelOf } from "./summary";
import { bureauTime } from "../common/time";
import { actorLabel } from "./history";
import { PrintRecordButton } from "./PrintRecordButton";

function Settlement({ settlement }: { settlement: OfficialSettlement[] }) {
  const m = useMessages();
  if (settlement.length === 0) return null;
  return (
    <Table
      data-testid="settlement"
      size="small"
      pagination={false}
      style={{ marginTop: 12 }}
      dataSource={settlement.flatMap((s) => s.lines.map((l, i) => ({ ...l, name: s.name, key: `${s.officialId}-${i}` })))}
      columns={[
        { key: "name", title: m.trip.official, dataIndex: "name" },
        { key: "category", title: m.trip.category, render: (_, l) => m.expenseCategory[l.category] },
        { key: "standard", title: m.detail.standard, render: (_, l) => (l.standard === null ? "" : formatFen(l.standard)) },
        { key: "basis", title: m.detail.basis, dataIndex: "basis" },
        { key: "paid", title: m.detail.paid, render: (_, l) => formatFen(l.paidByUnit + l.paidByOfficial + l.paidByEnterprise) },
        { key: "difference", title: m.detail.difference, render: (_, l) => (l.difference === null ? "" : formatFen(l.difference)) },
      ]}
    />
  );
}

function FindingsSection({ id }: { id: string }) {
  const findings = useRecordFindings(id);
  // An older core without findings shows the empty state rather than an error.
  return (
    <>
      <Findings findings={findings.data?.findings ?? null} />
      {findings.data && <Settlement settlement={findings.data.settlement} />}
    </>
  );
}

function Content({ record, onEdit }: { record: StoredRecord; onEdit: () => void }) {
  const m = useMessages();
  const departments = useDirectoryMap("department");
  const [cancelling, setCancelling] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const review = useReview(record.id);
  // Only what the core says the person signed in may do now is offered.
  const allowed = new Set<string>(review.data?.allowed ?? []);
  return (
    <div data-testid="record-detail" data-record-id={record.id}>
      <Space style={{ marginBottom: 12 }} wrap>
        <Tag color="blue" data-testid="detail-kind">{kindLabelOf(record.body, m)}</Tag>
        {record.cancelled ? (
          <Tag data-testid="detail-status">{m.list.cancelled}</Tag>
        ) : (
          <Tag color="green" data-testid="detail-status">{m.list.valid}</Tag>
        )}
        <PrintRecordButton id={record.id} />
        {allowed.has("edit") && (
          <Button icon={<EditOutlined />} onClick={onEdit} data-testid="detail-edit">
            {m.detail.edit}
          </Button>
        )}
        {allowed.has("cancel") && (
          <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)} data-testid="detail-cancel">
            {m.detail.cancel}
          </Button>
        )}
        {allowed.has("restore") && (
          <Button icon={<UndoOutlined />} onClick={() => setRestoring(true)} data-testid="detail-restore">
            {m.detail.restore}
          </Button>
        )}
      </Space>
      {review.data && <ReviewPanel record={record} review={review.data} />}
      {record.cancelled && (
        <Alert
          type="warning"
          showIcon
          data-testid="detail-cancelled"
          title={fmt(m.detail.cancelledBecause, { reason: record.note })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 12 }}
        items={[
          { key: "department", label: m.detail.department, children: departments.get(record.departmentId)?.name ?? m.common.unknown },
          { key: "date", label: m.list.date, children: record.date },
          { key: "amount", label: m.detail.amount, children: formatFen(record.amount) },
          { key: "version", label: m.detail.version, children: record.version },
          { key: "enteredBy", label: m.detail.enteredBy, children: actorLabel(record.enteredByName || record.enteredBy, m) },
          { key: "enteredAt", label: m.detail.enteredAt, children: bureauTime(record.enteredAt) },
          ...(record.note && !record.cancelled ? [{ key: "note", label: m.detail.note, children: record.note, span: 2 }] : []),
        ]}
      />
      <Typography.Title level={5}>{m.detail.fields}</Typography.Title>
      <BodyView body={record.body} />
      <Divider />
      <Typography.Title level={5}>{m.detail.findings}</Typography.Title>
      <FindingsSection id={record.id} />
      <Divider />
      <Typography.Title level={5}>{m.detail.attachments}</Typography.Title>
      <Attachments recordId={record.id} readOnly={!allowed.has("edit")} />
      <Divider />
      <Typography.Title level={5}>{m.detail.history}</Typography.Title>
      <History id={record.id} />
      <CancelModal record={record} open={cancelling} onClose={() => setCancelling(false)} />
      <CancelModal record={record} open={restoring} onClose={() => setRestoring(false)} restoring />
    </div>
  );
}

/** A record, all of it, in a drawer: fields, findings, attachments, history; amend or cancel. */
export function RecordDetail({
  id,
  onClose,
  onEdit,
}: {
  id: string | null;
  onClose: () => void;
  onEdit: (record: StoredRecord) => void;
}) {
  const m = useMessages();
  const record = useRecord(id);
  return (
    <Drawer open={id !== null} onClose={onClose} title={m.detail.title} size={820} destroyOnHidden>
      {id !== null && (
        <QueryState query={record}>{(data) => <Content record={data} onEdit={() => onEdit(data)} />}</QueryState>
      )}
    </Drawer>
  );
}
