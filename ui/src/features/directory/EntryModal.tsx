import { useEffect } from "react";
import { Alert, App, Checkbox, Form, Input, Modal, Select, Switch, type ButtonProps } from "antd";
import type { Versioned } from "../../api/bindings/Versioned";
import { CoreError } from "../../api/client";
import { useMessages } from "../../i18n";
import type { Messages } from "../../i18n/messages";
import { AmountInput } from "../common/AmountInput";
import { applyCoreError } from "../common/fieldPath";
import { useSaveDirectory, type DirectoryKind, type DirectoryTypes } from "./api";
import { DepartmentPicker, LeaderPicker } from "./pickers";
import { TEXT_LIMITS } from "../../api/bindings/limits";

const ROLES = ["staff", "clerk", "departmentHead", "leaderInCharge", "inspector", "administrator"] as const;
const TIERS = ["minister", "directorGeneral", "other"] as const;
const STATUSES = ["red", "normal", "black"] as const;
const KINDS = ["enterprise", "association"] as const;

/** A new entry's values (what the form starts from). */
export function blankEntry<K extends DirectoryKind>(kind: K, departmentId: string | null = null): DirectoryTypes[K] {
  const blanks: DirectoryTypes = {
    department: { name: "", active: true },
    official: {
      name: "",
      staffNo: "",
      departmentId: departmentId ?? "",
      position: "",
      role: "staff",
      travelTier: "other",
      enforcementPowers: false,
      active: true,
    },
    counterpart: {
      name: "",
      kind: "enterprise",
      creditCode: null,
      creditCodeConfirmed: false,
      creditStatus: "normal",
      canteenRate: null,
      address: "",
      contact: "",
      active: true,
    },
    city: { province: "", name: "" },
  };
  return blanks[kind];
}

function titleOf(m: Messages, kind: DirectoryKind, editing: boolean) {
  const what = { department: m.directory.departments, official: m.directory.officials, counterpart: m.directory.counterparts, city: m.directory.cities }[kind];
  return `${editing ? m.directory.edit : m.directory.add} · ${what}`;
}

function Fields({ kind }: { kind: DirectoryKind }) {
  const m = useMessages();
  const form = Form.useFormInstance();
  const hasCanteen = Form.useWatch("hasCanteen", form) as boolean | undefined;
  const t = (key: string) => `entry-${key}`;
  switch (kind) {
    case "department":
      return (
        <>
          <Form.Item name="name" label={m.directory.name}>
            <Input data-testid={t("name")} autoFocus maxLength={TEXT_LIMITS.department.name} showCount />
          </Form.Item>
          <Form.Item name="leaderInChargeId" label={m.directory.leaderInCharge} extra={m.directory.leaderInChargeHint}>
            <LeaderPicker data-testid={t("leader")} />
          </Form.Item>
        </>
      );
    case "city":
      return (
        <>
          <Form.Item name="province" label={m.directory.province}>
            <Input data-testid={t("province")} autoFocus maxLength={TEXT_LIMITS.city.province} showCount />
          </Form.Item>
          <Form.Item name="name" label={m.directory.city}>
            <Input data-testid={t("name")} maxLength={TEXT_LIMITS.city.name} showCount />
          </Form.Item>
        </>
      );
    case "official":
      return (
        <>
          <Form.Item name="name" label={m.directory.officialName}>
            <Input data-testid={t("name")} autoFocus maxLength={TEXT_LIMITS.official.name} showCount />
          </Form.Item>
          <Form.Item name="staffNo" label={m.directory.staffNo}>
            <Input data-testid={t("staffNo")} maxLength={TEXT_LIMITS.official.staffNo} showCount />
          </Form.Item>
          <Form.Item name="departmentId" label={m.directory.department} rules={[{ required: true, message: m.form.required }]}>
            <DepartmentPicker data-testid={t("department")} />
          </Form.Item>
          <Form.Item name="position" label={m.directory.position}>
            <Input data-testid={t("position")} maxLength={TEXT_LIMITS.official.position} showCount />
          </Form.Item>
          <Form.Item name="role" label={m.directory.role}>
            <Select data-testid={t("role")} options={ROLES.map((r) => ({ value: r, label: m.role[r] }))} />
          </Form.Item>
          <Form.Item name="travelTier" label={m.directory.travelTier}>
            <Select options={TIERS.map((r) => ({ value: r, label: m.travelTier[r] }))} />
          </Form.Item>
          <Form.Item name="enforcementPowers" valuePropName="checked">
            <Checkbox>{m.directory.enforcementPowers}</Checkbox>
          </Form.Item>
        </>
      );
    case "counterpart":
      return (
        <>
          <Form.Item name="name" label={m.directory.name}>
            <Input data-testid={t("name")} autoFocus maxLength={TEXT_LIMITS.counterpart.name} showCount />
          </Form.Item>
          <Form.Item name="kind" label={m.directory.kind}>
            <Select options={KINDS.map((k) => ({ value: k, label: m.counterpartKind[k] }))} />
          </Form.Item>
          <Form.Item name="creditCode" label={m.directory.creditCode}>
            <Input data-testid={t("creditCode")} maxLength={18} style={{ textTransform: "uppercase" }} />
          </Form.Item>
          <Form.Item name="creditCodeConfirmed" valuePropName="checked">
            <Checkbox data-testid={t("creditCodeConfirmed")}>{m.directory.creditCodeConfirmed}</Checkbox>
          </Form.Item>
          <Form.Item name="creditStatus" label={m.directory.creditStatus}>
            <Select data-testid={t("creditStatus")} options={STATUSES.map((s) => ({ value: s, label: m.creditStatus[s] }))} />
          </Form.Item>
          <Form.Item name="hasCanteen" valuePropName="checked" label={m.directory.hasCanteen}>
            <Switch data-testid={t("hasCanteen")} />
          </Form.Item>
          {hasCanteen && (
            <Form.Item name="canteenRate" label={m.directory.canteenRate} extra={m.form.amountHint}>
              <AmountInput data-testid={t("canteenRate")} />
            </Form.Item>
          )}
          <Form.Item name="address" label={m.directory.address}>
            <Input data-testid={t("address")} maxLength={TEXT_LIMITS.counterpart.address} showCount />
          </Form.Item>
          <Form.Item name="contact" label={m.directory.contactPerson}>
            <Input data-testid={t("contact")} maxLength={TEXT_LIMITS.counterpart.contact} showCount />
          </Form.Item>
        </>
      );
  }
}

/**
 * Creates or edits a directory entry. The core checks it (a credit code's form and
 * check character, a unique staff number) and the modal stays open showing its
 * message on the field until it is accepted.
 */
export function EntryModal<K extends DirectoryKind>({
  kind,
  entry,
  initial,
  open,
  onClose,
  onSaved,
}: {
  kind: K;
  /** The entry to edit; null to create one. */
  entry: Versioned<DirectoryTypes[K]> | null;
  /** A new entry's starting values (e.g. the name typed into a picker). */
  initial?: Partial<DirectoryTypes[K]>;
  open: boolean;
  onClose: () => void;
  onSaved?: (saved: Versioned<DirectoryTypes[K]>) => void;
}) {
  const m = useMessages();
  const [form] = Form.useForm();
  const save = useSaveDirectory(kind);
  const { message } = App.useApp();

  useEffect(() => {
    if (!open) return;
    const value = { ...blankEntry(kind), ...initial, ...entry?.value } as DirectoryTypes[K];
    form.resetFields();
    form.setFieldsValue({ ...value, hasCanteen: "canteenRate" in value && value.canteenRate !== null });
    save.reset();
    // Only when the modal opens: the form owns the values after that.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async () => {
    const values = form.getFieldsValue(true) as DirectoryTypes[K] & { hasCanteen?: boolean };
    const { hasCanteen, ...rest } = values;
    const value = { ...blankEntry(kind), ...entry?.value, ...rest } as DirectoryTypes[K];
    if (kind === "department") {
      const d = value as DirectoryTypes["department"];
      if (!d.leaderInChargeId) delete d.leaderInChargeId;
    }
    if (kind === "counterpart") {
      const c = value as DirectoryTypes["counterpart"];
      c.canteenRate = hasCanteen ? c.canteenRate : null;
      c.creditCode = c.creditCode?.trim() ? c.creditCode.trim().toUpperCase() : null;
    }
    try {
      const saved = await save.mutateAsync({ id: entry?.id ?? null, version: entry?.version ?? null, value });
      message.success(m.form.saved);
      onSaved?.(saved);
      onClose();
    } catch (error) {
      if (!applyCoreError(form, error)) message.error(error instanceof CoreError ? error.message : String(error));
    }
  };

  const unplaced = save.error instanceof CoreError && !save.error.field ? save.error.message : null;
  return (
    <Modal
      open={open}
      title={titleOf(m, kind, entry !== null)}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(submit, () => {})}
      okText={m.form.save}
      cancelText={m.common.cancel}
      confirmLoading={save.isPending}
      okButtonProps={{ "data-testid": "entry-save" } as ButtonProps}
    >
      <div data-testid={`entry-modal-${kind}`}>
        {unplaced && <Alert type="error" showIcon title={unplaced} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={() => void submit()}>
          <Fields kind={kind} />
        </Form>
      </div>
    </Modal>
  );
}
