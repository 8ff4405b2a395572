import { useCallback, useEffect, useRef, useState, type ComponentType } from "react";
import { Alert, App, Button, Drawer, Form, Input, Segmented, Space, Typography } from "antd";
import type { StoredRecord } from "../../api/bindings/StoredRecord";
import { CoreError } from "../../api/client";
import { fmt, useMessages } from "../../i18n";
import { ContactFields } from "./kinds/ContactFields";
import { today } from "../common/DateField";
import { useDirectory, useMe } from "../directory/api";
import { DepartmentPicker } from "../directory/pickers";
import { GivenGiftFields, ReceivedGiftFields } from "./kinds/GiftFields";
import { MealFields } from "./kinds/MealFields";
import { useReview } from "../workflow/api";
import { useDraftOwner } from "../session/api";
import { TripFields } from "./kinds/TripFields";
import { useSaveRecord } from "./api";
import { clearDraft, lastCounterpart, loadDraft, rememberCounterpart, saveDraft, type Draft } from "../common/drafts";
import { applyCoreError } from "../common/fieldPath";
import { useRequired } from "../common/FormBits";
import { fromBody, initialValues, toBody, type Defaults, type FormKind, type FormValues } from "./formValues";
import { bureauTime } from "../common/time";
import { TEXT_LIMITS } from "../../api/bindings/limits";

export const FIELDS: Record<FormKind, ComponentType> = {
  trip: TripFields,
  meal: MealFields,
  giftReceived: ReceivedGiftFields,
  giftGiven: GivenGiftFields,
  contact: ContactFields,
};

/** The defaults a new record starts from: today, me, my department, the enterprise I used last. */
function useDefaults(): Defaults & { ready: boolean } {
  const me = useMe();
  const departments = useDirectory("department");
  const counterparts = useDirectory("counterpart");
  const firstDepartment = departments.data?.find((d) => d.value.active)?.id ?? null;
  const last = lastCounterpart(useDraftOwner());
  const lastIsActive = counterparts.data?.some((c) => c.id === last && c.value.active) ?? false;
  return {
    date: today(),
    departmentId: me.departmentId ?? firstDepartment,
    officialId: me.officialId,
    counterpartId: lastIsActive ? last : null,
    ready: me.ready && !departments.isPending && !counterparts.isPending,
  };
}

function counterpartsOf(values: FormValues): string[] {
  const v = values as { counterpartId?: string | null; counterpartIds?: string[] };
  return [...(v.counterpartIds ?? []), ...(v.counterpartId ? [v.counterpartId] : [])];
}

export interface RecordFormProps {
  open: boolean;
  /** The kind of a new record; ignored when amending. */
  kind: FormKind;
  /** Kinds the user may switch between while creating (gifts: received or given). */
  kindChoices?: FormKind[];
  /** The record to amend; null to register a new one. */
  editing?: StoredRecord | null;
  onClose: () => void;
  onSaved?: (record: StoredRecord) => void;
}

/**
 * The form of every record kind, in a drawer: Ctrl+S saves, Esc closes. A new
 * record's values are kept as a draft until saved or discarded; an amendment carries
 * a reason, which a record in a signed register must give. The core validates; its
 * refusal appears on the field it names.
 */
export function RecordForm({ open, kind: newKind, kindChoices, editing = null, onClose, onSaved }: RecordFormProps) {
  const m = useMessages();
  const defaults = useDefaults();
  const [createKind, setCreateKind] = useState<FormKind>(newKind);
  // Each opening (and each "save and new") starts a fresh session of the form.
  const [session, setSession] = useState(0);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setCreateKind(newKind);
      setSession((n) => n + 1);
    }
  }
  const kind = editing ? fromBody(editing.body, editing.departmentId).kind : createKind;
  const title = fmt(editing ? m.form.editTitle : m.form.createTitle, { kind: m.kind[kind] });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={<span data-testid="record-form-title">{title}</span>}
      size={760}
      destroyOnHidden
      extra={<Typography.Text type="secondary">{m.form.shortcuts}</Typography.Text>}
    >
      {open && defaults.ready && (
        <FormSession
          key={`${session}-${kind}-${editing?.id ?? ""}`}
          kind={kind}
          kindChoices={editing ? undefined : kindChoices}
          onKindChange={setCreateKind}
          editing={editing}
          defaults={defaults}
          onClose={onClose}
          onSaved={onSaved}
          onNew={() => setSession((n) => n + 1)}
        />
      )}
    </Drawer>
  );
}

function FormSession({
  kind,
  kindChoices,
  onKindChange,
  editing,
  defaults,
  onClose,
  onSaved,
  onNew,
}: {
  kind: FormKind;
  kindChoices: FormKind[] | undefined;
  onKindChange: (kind: FormKind) => void;
  editing: StoredRecord | null;
  defaults: Defaults;
  onClose: () => void;
  onSaved?: (record: StoredRecord) => void;
  onNew: () => void;
}) {
  const m = useMessages();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveRecord();
  const required = useRequired();
  const [initial] = useState<FormValues>(() =>
    editing ? { ...fromBody(editing.body, editing.departmentId).values, reason: "" } : initialValues(kind, defaults),
  );
  const owner = useDraftOwner();
  const [draft, setDraft] = useState<Draft<FormValues> | null>(() => (editing ? null : loadDraft<FormValues>(owner, kind)));
  const [formError, setFormError] = useState<string | null>(null);
  const Fields = FIELDS[kind];
  const saveAndNew = useRef(false);
  // A record in a signed register changes only as an amendment with a reason.
  const locked = useReview(editing?.id ?? null).data?.locked ?? false;

  const submit = useCallback(async () => {
    setFormError(null);
    let values: FormValues;
    try {
      await form.validateFields();
      values = form.getFieldsValue(true) as FormValues;
    } catch {
      return;
    }
    try {
      const record = await save.mutateAsync({
        id: editing?.id ?? null,
        version: editing?.version ?? null,
        departmentId: values.departmentId ?? "",
        body: toBody(kind, values),
        reason: values.reason ?? "",
      });
      counterpartsOf(values)
        .slice(0, 1)
        .forEach((id) => rememberCounterpart(owner, id));
      message.success(m.form.saved);
      if (!editing) clearDraft(owner, kind);
      onSaved?.(record);
      if (saveAndNew.current && !editing) onNew();
      else onClose();
    } catch (error) {
      if (error instanceof CoreError && error.code === "locked" && editing) {
        form.setFields([{ name: "reason", errors: [error.message] }]);
      } else if (!applyCoreError(form, error)) setFormError(error instanceof CoreError ? error.message : String(error));
    } finally {
      saveAndNew.current = false;
    }
  }, [form, save, editing, kind, message, m, onSaved, onClose, onNew, owner]);

  // Ctrl+S saves wherever the focus is while the form is open.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        void submit();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [submit]);

  return (
    <div data-testid={`record-form-${kind}`}>
      {kindChoices && kindChoices.length > 1 && (
        <Segmented<FormKind>
          data-testid="form-kind"
          value={kind}
          onChange={onKindChange}
          options={kindChoices.map((k) => ({ value: k, label: <span data-testid={`form-kind-${k}`}>{m.kind[k]}</span> }))}
          style={{ marginBottom: 16 }}
        />
      )}
      {draft && (
        <Alert
          type="info"
          showIcon
          data-testid="draft-found"
          style={{ marginBottom: 16 }}
          title={fmt(m.form.draftFound, { time: bureauTime(draft.savedAt) })}
          action={
            <Space>
              <Button
                size="small"
                type="primary"
                data-testid="draft-restore"
                onClick={() => {
                  form.setFieldsValue({ ...initial, ...draft.values });
                  setDraft(null);
                }}
              >
                {m.form.restore}
              </Button>
              <Button
                size="small"
                data-testid="draft-discard"
                onClick={() => {
                  clearDraft(owner, kind);
                  setDraft(null);
                }}
              >
                {m.form.discard}
              </Button>
            </Space>
          }
        />
      )}
      {formError && (
        <Alert
          type="error"
          showIcon
          data-testid="form-error"
          title={m.form.saveFailed}
          description={formError}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={() => {
          if (!editing) saveDraft(owner, kind, form.getFieldsValue(true) as FormValues);
        }}
      >
        <Form.Item name="departmentId" label={m.form.department} rules={required}>
          <DepartmentPicker data-testid="field-departmentId" allowClear={false} />
        </Form.Item>
        <Fields />
        {editing && locked && (
          <Alert type="warning" showIcon data-testid="form-locked" title={m.form.lockedHint} style={{ marginBottom: 16 }} />
        )}
        {editing && (
          <Form.Item
            name="reason"
            label={locked ? m.form.amendReasonLocked : m.form.amendReason}
            extra={m.form.amendReasonHint}
            // The core needs a reason only for a record in a signed register (and says so).
            rules={locked ? required : []}
          >
            <Input.TextArea data-testid="field-reason" autoSize={{ minRows: 2 }} maxLength={TEXT_LIMITS.record.reason} showCount />
          </Form.Item>
        )}
      </Form>
      <div
        style={{
          position: "sticky",
          bottom: -24,
          background: "var(--ant-color-bg-elevated, #fff)",
          padding: "12px 0",
          borderTop: "1px solid rgba(0,0,0,0.06)",
        }}
      >
        <Space>
          <Button type="primary" loading={save.isPending} onClick={() => void submit()} data-testid="form-save">
            {m.form.save}
          </Button>
          {!editing && (
            <Button
              onClick={() => {
                saveAndNew.current = true;
                void submit();
              }}
              data-testid="form-save-new"
            >
              {m.form.saveAndNew}
            </Button>
          )}
          <Button onClick={onClose} data-testid="form-close">
            {m.form.close}
          </Button>
        </Space>
      </div>
    </div>
  );
}
