import { useState, type ReactNode } from "react";
import { Alert, App, Checkbox, Form, Input, Modal, Select, Typography, type ButtonProps } from "antd";
import type { ProfileView } from "../../api/bindings/ProfileView";
import { CoreError } from "../../api/client";
import { fmt, useMessages } from "../../i18n";
import { useDirectory, useDirectoryMap } from "../directory/api";
import { applyCoreError } from "../common/fieldPath";
import { usePlatform } from "../../api/platform";
import { useChangePassphrase, useCreateProfile, useImportKey, useUpdateProfile } from "../session/api";
import { sameAs } from "../common/sameAs";
import { profileLabel } from "../session/SignIn";
import { TEXT_LIMITS } from "../../api/bindings/limits";

/**
 * A modal form whose request the core checks: its refusal lands on the field it
 * names; a wrong passphrase (no field) on `passphraseField`; anything else above.
 */
function CoreFormModal<T extends object>({
  open,
  title,
  hint,
  okTestId,
  danger,
  passphraseField,
  initialValues,
  onSubmit,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  hint?: string;
  okTestId: string;
  danger?: boolean;
  passphraseField?: string;
  initialValues?: Partial<T>;
  onSubmit: (values: T) => Promise<unknown>;
  onClose: () => void;
  children: ReactNode;
}) {
  const m = useMessages();
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Nothing typed here outlives the modal (the form's values would, across openings).
  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };
  const submit = async () => {
    setError(null);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await onSubmit(form.getFieldsValue(true) as T);
      close();
    } catch (e) {
      if (!applyCoreError(form, e, passphraseField)) {
        setError(e instanceof CoreError ? e.message : String(e));
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={close}
      onOk={() => void submit()}
      okText={m.common.ok}
      cancelText={m.common.cancel}
      confirmLoading={busy}
      okButtonProps={{ danger, "data-testid": okTestId } as ButtonProps}
      destroyOnHidden
    >
      {hint && <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon title={error} data-testid="profile-error" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}

/** A new passphrase and its confirmation, named as the core's request names it. */
function NewPassphrase({ name, label, label2, testId }: { name: string; label: string; label2: string; testId: string }) {
  const m = useMessages();
  return (
    <>
      <Form.Item name={name} label={label}>
        <Input.Password data-testid={testId} autoComplete="new-password" />
      </Form.Item>
      <Form.Item name={`${name}2`} label={label2} dependencies={[name]} rules={[sameAs(name, m.profiles.mismatch)]}>
        <Input.Password data-testid={`${testId}2`} autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

interface AddValues {
  officialId: string | undefined;
  administrator: boolean;
  passphrase: string;
}

/** A profile for an active official who has none yet, with their first passphrase. */
export function AddProfileModal({ open, profiles, onClose }: { open: boolean; profiles: ProfileView[]; onClose: () => void }) {
  const m = useMessages();
  const { message } = App.useApp();
  const officials = useDirectory("official");
  const departments = useDirectoryMap("department");
  const create = useCreateProfile();
  const taken = new Set(profiles.map((p) => p.officialId));
  const choices = (officials.data ?? []).filter((o) => o.value.active && !taken.has(o.id));
  return (
    <CoreFormModal<AddValues>
      open={open}
      title={m.profiles.add}
      hint={m.profiles.hint}
      okTestId="profile-save"
      // Whoever is first administers (the core insists); a preset, not a rule.
      initialValues={{ administrator: profiles.length === 0 }}
      onSubmit={async (values) => {
        const created = await create.mutateAsync({
          officialId: values.officialId ?? "",
          administrator: values.administrator ?? false,
          passphrase: values.passphrase ?? "",
        });
        message.success(fmt(m.profiles.created, { name: profileLabel(created) }));
      }}
      onClose={onClose}
    >
      <>
        <Form.Item name="officialId" label={m.profiles.official} rules={[{ required: true, message: m.form.required }]}>
          <Select
            data-testid="profile-official"
            showSearch={{ optionFilterProp: "label" }}
            loading={officials.isPending}
            options={choices.map((o) => ({
              value: o.id,
              label: `${profileLabel(o.value)} · ${departments.get(o.value.departmentId)?.name ?? m.common.unknown} · ${m.role[o.value.role]}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="administrator" valuePropName="checked">
          <Checkbox data-testid="profile-admin">{m.profiles.administrator}</Checkbox>
        </Form.Item>
        <NewPassphrase name="passphrase" label={m.profiles.passphrase} label2={m.profiles.passphrase2} testId="profile-passphrase" />
      </>
    </CoreFormModal>
  );
}

/** A forgotten passphrase: a new one and a new key; the old key is revoked with the reason. */
export function ResetModal({ profile, onClose }: { profile: ProfileView | null; onClose: () => void }) {
  const m = useMessages();
  const { message } = App.useApp();
  const update = useUpdateProfile();
  return (
    <CoreFormModal<{ newPassphrase: string; reason: string }>
      open={profile !== null}
      title={profile ? fmt(m.profiles.resetTitle, { name: profileLabel(profile) }) : ""}
      hint={m.profiles.resetHint}
      okTestId="reset-save"
      onSubmit={async (values) => {
        await update.mutateAsync({
          id: profile!.id,
          version: profile!.version,
          administrator: profile!.administrator,
          active: profile!.active,
          newPassphrase: values.newPassphrase ?? "",
          reason: values.reason ?? "",
        });
        message.success(m.profiles.saved);
      }}
      onClose={onClose}
    >
      <>
        <NewPassphrase name="newPassphrase" label={m.profiles.newPassphrase} label2={m.profiles.newPassphrase2} testId="reset-passphrase" />
        <Form.Item name="reason" label={m.profiles.reason}>
          <Input.TextArea data-testid="reset-reason" autoSize={{ minRows: 2 }} maxLength={TEXT_LIMITS.profile.reason} showCount />
        </Form.Item>
      </>
    </CoreFormModal>
  );
}

/** Deactivates a profile (its key revoked from now), with the reason. */
export function DeactivateModal({ profile, onClose }: { profile: ProfileView | null; onClose: () => void }) {
  const m = useMessages();
  const { message } = App.useApp();
  const update = useUpdateProfile();
  return (
    <CoreFormModal<{ reason: string }>
      open={profile !== null}
      title={profile ? fmt(m.profiles.deactivateTitle, { name: profileLabel(profile) }) : ""}
      hint={m.profiles.deactivateHint}
      okTestId="deactivate-save"
      danger
      onSubmit={async (values) => {
        await update.mutateAsync({
          id: profile!.id,
          version: profile!.version,
          administrator: profile!.administrator,
          active: false,
          newPassphrase: null,
          reason: values.reason ?? "",
        });
        message.success(m.profiles.saved);
      }}
      onClose={onClose}
    >
      <Form.Item name="reason" label={m.profiles.reason}>
        <Input.TextArea data-testid="deactivate-reason" autoSize={{ minRows: 2 }} maxLength={TEXT_LIMITS.profile.reason} showCount />
      </Form.Item>
    </CoreFormModal>
  );
}

/** One's own passphrase: the current one proves it is them; the key stays, encrypted anew. */
export function ChangePassphraseModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const m = useMessages();
  const { message } = App.useApp();
  const change = useChangePassphrase();
  return (
    <CoreFormModal<{ current: string; new: string }>
      open={open}
      title={m.profiles.change}
      hint={m.profiles.changeHint}
      okTestId="passphrase-save"
      passphraseField="current"
      onSubmit={async (values) => {
        await change.mutateAsync({ current: values.current ?? "", new: values.new ?? "" });
        message.success(m.profiles.saved);
      }}
      onClose={onClose}
    >
      <>
        <Form.Item name="current" label={m.profiles.current}>
          <Input.Password data-testid="passphrase-current" autoComplete="current-password" />
        </Form.Item>
        <NewPassphrase name="new" label={m.profiles.newPassphrase} label2={m.profiles.newPassphrase2} testId="passphrase-new" />
      </>
    </CoreFormModal>
  );
}

/** What a .p12 import asks for: the file, its password, and one's own passphrase. */
export interface P12Import {
  path: string;
  p12Password: string;
  passphrase: string;
}

/**
 * Takes a .p12 (ECDSA P-256) chosen in the system dialog: the core reads the file,
 * and its refusals land on the field they name.
 */
export function P12ImportModal({
  open,
  title,
  hint,
  testId,
  onImport,
  onClose,
}: {
  open: boolean;
  title: string;
  hint: string;
  /** Prefix of the fields' test ids. */
  testId: string;
  onImport: (values: P12Import) => Promise<unknown>;
  onClose: () => void;
}) {
  const m = useMessages();
  const platform = usePlatform();
  const [path, setPath] = useState<string | null>(null);
  const close = () => {
    setPath(null);
    onClose();
  };
  return (
    <CoreFormModal<P12Import>
      open={open}
      title={title}
      hint={hint}
      okTestId={`${testId}-save`}
      passphraseField="passphrase"
      onSubmit={(values) =>
        onImport({ path: path ?? "", p12Password: values.p12Password ?? "", passphrase: values.passphrase ?? "" })
      }
      onClose={close}
    >
      <>
        {/* Named "path" so the core's refusal of the file shows here; the value is the picked path. */}
        <Form.Item name="path" label={m.profiles.importFile} getValueProps={() => ({ value: path ?? "" })}>
          <Input
            readOnly
            placeholder={m.profiles.importChoose}
            data-testid={`${testId}-path`}
            onClick={() => void platform.pickFile("certificate").then((picked) => picked && setPath(picked))}
          />
        </Form.Item>
        <Form.Item name="p12Password" label={m.profiles.importPassword}>
          <Input.Password data-testid={`${testId}-password`} autoComplete="off" />
        </Form.Item>
        <Form.Item name="passphrase" label={m.profiles.current}>
          <Input.Password data-testid={`${testId}-passphrase`} autoComplete="current-password" />
        </Form.Item>
      </>
    </CoreFormModal>
  );
}

/**
 * Replaces one's own key with the one a bureau CA issued (.p12, ECDSA P-256); the old
 * key is revoked from now and what it signed still verifies.
 */
export function ImportKeyModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const m = useMessages();
  const { message } = App.useApp();
  const importKey = useImportKey();
  return (
    <P12ImportModal
      open={open}
      title={m.profiles.importKey}
      hint={m.profiles.importKeyHint}
      testId="key-import"
      onImport={async (values) => {
        await importKey.mutateAsync(values);
        message.success(m.profiles.saved);
      }}
      onClose={onClose}
    />
  );
}
