import { useState } from "react";
import { Alert, Form, Input, Modal, Select, Typography } from "antd";
import type { SignInChoice } from "../../api/bindings/SignInChoice";
import { CoreError } from "../../api/client";
import { useMessages } from "../../i18n";
import { applyCoreError } from "../common/fieldPath";
import { useRecover } from "./api";
import { sameAs } from "../common/sameAs";
import { profileLabel } from "./SignIn";

interface RecoverValues {
  recoveryKey: string;
  profileId: string | undefined;
  newPassphrase: string;
  newPassphrase2: string;
}

/**
 * Every administrator forgot their passphrase: the printed recovery key gives one of
 * them a new one (and signs them in). The core checks the key; a wrong one changes
 * nothing.
 */
export function RecoverModal({ open, profiles, onClose }: { open: boolean; profiles: SignInChoice[]; onClose: () => void }) {
  const m = useMessages();
  const [form] = Form.useForm<RecoverValues>();
  const recover = useRecover();
  const [error, setError] = useState<string | null>(null);
  const administrators = profiles.filter((p) => p.administrator);

  const submit = async (values: RecoverValues) => {
    setError(null);
    try {
      await recover.mutateAsync({
        recoveryKey: values.recoveryKey ?? "",
        profileId: values.profileId ?? "",
        newPassphrase: values.newPassphrase ?? "",
      });
      form.resetFields();
      onClose();
    } catch (e) {
      if (!applyCoreError(form, e)) setError(e instanceof CoreError ? e.message : String(e));
    }
  };

  return (
    <Modal
      open={open}
      title={m.encryption.recoverTitle}
      okText={m.encryption.recover}
      confirmLoading={recover.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
      data-testid="recover-modal"
    >
      <Typography.Paragraph type="secondary">{m.encryption.recoverIntro}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="recover-error" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ profileId: administrators.length === 1 ? administrators[0]!.id : undefined }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="recoveryKey" label={m.encryption.recoveryKey}>
          <Input data-testid="recover-key" autoComplete="off" spellCheck={false} style={{ fontFamily: "monospace" }} />
        </Form.Item>
        <Form.Item name="profileId" label={m.encryption.administrator}>
          <Select
            data-testid="recover-profile"
            options={administrators.map((p) => ({ value: p.id, label: profileLabel(p) }))}
          />
        </Form.Item>
        <Form.Item name="newPassphrase" label={m.encryption.newPassphrase} extra={m.setup.passphraseMinimum}>
          <Input.Password data-testid="recover-passphrase" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="newPassphrase2"
          label={m.setup.passphrase2}
          dependencies={["newPassphrase"]}
          rules={[sameAs("newPassphrase", m.setup.mismatch)]}
        >
          <Input.Password data-testid="recover-passphrase2" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
