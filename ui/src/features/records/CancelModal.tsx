import { useState } from "react";
import { App, Form, Input, Modal, Typography, type ButtonProps } from "antd";
import type { StoredRecord } from "../../api/bindings/StoredRecord";
import { CoreError } from "../../api/client";
import { useMessages } from "../../i18n";
import { useCancelRecord } from "./api";
import { applyCoreError } from "./fieldPath";

/** Cancels a record with a reason; the core refuses an empty one and keeps the modal open. */
export function CancelModal({ record, open, onClose }: { record: StoredRecord; open: boolean; onClose: () => void }) {
  const m = useMessages();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelRecord();
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    try {
      await cancel.mutateAsync({ id: record.id, version: record.version, reason: form.getFieldValue("reason") ?? "" });
      message.success(m.detail.cancelled);
      form.resetFields();
      onClose();
    } catch (error) {
      if (!applyCoreError(form, error)) message.error(error instanceof CoreError ? error.message : String(error));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={m.detail.cancelTitle}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={m.detail.cancel}
      cancelText={m.common.cancel}
      okButtonProps={{ danger: true, "data-testid": "cancel-confirm" } as ButtonProps}
      confirmLoading={submitting}
    >
      <Typography.Paragraph type="secondary">{m.detail.cancelHint}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={m.detail.cancelReason} rules={[{ required: true, whitespace: true, message: m.form.required }]}>
          <Input.TextArea data-testid="cancel-reason" autoSize={{ minRows: 2 }} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
