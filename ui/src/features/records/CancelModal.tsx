import { useState } from "react";
import { App, Form, Input, Modal, Typography, type ButtonProps } from "antd";
import type { StoredRecord } from "../../api/bindings/StoredRecord";
import { CoreError } from "../../api/client";
import { useMessages } from "../../i18n";
import { useCancelRecord } from "./api";
import { applyCoreError } from "../common/fieldPath";
import { TEXT_LIMITS } from "../../api/bindings/limits";

/**
 * Cancels a record with a reason, or restores a cancelled one with a reason; the core
 * refuses an empty one and keeps the modal open.
 */
export function CancelModal({
  record,
  open,
  onClose,
  restoring = false,
}: {
  record: StoredRecord;
  open: boolean;
  onClose: () => void;
  restoring?: boolean;
}) {
  const m = useMessages();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelRecord(restoring ? "record_restore" : "record_cancel");
  const words = restoring
    ? { title: m.detail.restoreTitle, ok: m.detail.restore, hint: m.detail.restoreHint, reason: m.detail.restoreReason, done: m.detail.restored }
    : { title: m.detail.cancelTitle, ok: m.detail.cancel, hint: m.detail.cancelHint, reason: m.detail.cancelReason, done: m.detail.cancelled };
  const prefix = restoring ? "restore" : "cancel";
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
      message.success(words.done);
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
      title={words.title}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={words.ok}
      cancelText={m.common.cancel}
      okButtonProps={{ danger: !restoring, "data-testid": `${prefix}-confirm` } as ButtonProps}
      confirmLoading={submitting}
    >
      <Typography.Paragraph type="secondary">{words.hint}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={words.reason} rules={[{ required: true, whitespace: true, message: m.form.required }]}>
          <Input.TextArea data-testid={`${prefix}-reason`} autoSize={{ minRows: 2 }} autoFocus maxLength={TEXT_LIMITS.record.reason} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
