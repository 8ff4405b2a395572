import { useState, type ReactNode } from "react";
import { Alert, Form, Input, Modal, Typography, type ButtonProps } from "antd";
import { CoreError } from "../../api/client";
import { useMessages } from "../../i18n";
import { applyCoreError } from "./fieldPath";
import { TEXT_LIMITS } from "../../api/bindings/limits";

export interface Signed {
  passphrase: string;
  comment: string;
}

/**
 * Whether the step takes a comment: none, an optional one (approve), one for the
 * official (return) or why someone declares for another official (onBehalf).
 */
export type CommentKind = "none" | "optional" | "return" | "onBehalf";

const COMMENT_LABEL = { optional: "commentApprove", return: "commentReturn", onBehalf: "onBehalfReason" } as const;
/** What the core calls the comment in its refusals, so that they show on the field. */
const COMMENT_FIELD = { optional: "comment", return: "comment", onBehalf: "onBehalfReason" } as const;

/**
 * Asks for the passphrase that signs a step (submit, approve, return, a month's
 * declaration), with a comment where the step takes one. The core checks both: a
 * wrong passphrase or a missing comment comes back on its field, and the modal stays
 * open; anything else is shown above the form.
 */
export function PassphraseModal({
  open,
  title,
  description,
  comment = "none",
  onSign,
  onClose,
}: {
  open: boolean;
  title: string;
  description?: ReactNode;
  comment?: CommentKind;
  /** Runs the step; resolves when done (the modal then closes), rejects with the core's refusal. */
  onSign: (signed: Signed) => Promise<unknown>;
  onClose: () => void;
}) {
  const m = useMessages();
  const [form] = Form.useForm<Signed>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Nothing typed here outlives the modal (the form's values would, across openings).
  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  const submit = async () => {
    if (busy) return;
    setError(null);
    const values = form.getFieldsValue(true) as Partial<Signed>;
    setBusy(true);
    try {
      await onSign({ passphrase: values.passphrase ?? "", comment: (values.comment ?? "").trim() });
      close();
    } catch (e) {
      if (comment !== "none" && e instanceof CoreError && e.field?.length === 1 && e.field[0] === COMMENT_FIELD[comment]) {
        form.setFields([
          { name: "passphrase", errors: [] },
          { name: "comment", errors: [e.fieldMessage] },
        ]);
      } else if (!applyCoreError(form, e, "passphrase")) {
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
      okButtonProps={{ "data-testid": "passphrase-ok" } as ButtonProps}
      destroyOnHidden
    >
      <div data-testid="passphrase-modal">
        {description}
        <Typography.Paragraph type="secondary">{m.review.passphraseHint}</Typography.Paragraph>
        {error && <Alert type="error" showIcon data-testid="passphrase-error" title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" initialValues={{ passphrase: "", comment: "" }}>
          {comment !== "none" && (
            <Form.Item name="comment" label={m.review[COMMENT_LABEL[comment]]} required={comment !== "optional"}>
              <Input.TextArea
                data-testid="review-comment-input"
                autoSize={{ minRows: 2 }}
                autoFocus={comment !== "optional"}
                maxLength={comment === "onBehalf" ? TEXT_LIMITS.attestation.onBehalfReason : TEXT_LIMITS.review.comment}
                showCount
              />
            </Form.Item>
          )}
          <Form.Item name="passphrase" label={m.review.passphrase}>
            <Input.Password
              data-testid="passphrase-input"
              autoComplete="current-password"
              autoFocus={comment === "none" || comment === "optional"}
              onPressEnter={() => void submit()}
            />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
