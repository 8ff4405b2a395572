import { useState } from "react";
import { Alert, App, Button, Popconfirm, Space, Tag, type ButtonProps } from "antd";
import { CheckOutlined, RollbackOutlined, SendOutlined, UndoOutlined } from "@ant-design/icons";
import type { ReviewAction } from "../../api/bindings/ReviewAction";
import type { ReviewView } from "../../api/bindings/ReviewView";
import type { StoredRecord } from "../../api/bindings/StoredRecord";
import { CoreError } from "../../api/client";
import { fmt, useMessages } from "../../i18n";
import { useRecordReview } from "../workflow/api";
import { PassphraseModal, type CommentKind } from "../common/PassphraseModal";
import { ReviewStatusTag, SignatureView } from "../workflow/tags";

type Signed = Exclude<ReviewAction, "withdraw">;

const COMMENT: Record<Signed, CommentKind> = { submit: "none", approve: "optional", return: "return" };
const ICONS: Record<ReviewAction, React.ReactNode> = {
  submit: <SendOutlined />,
  withdraw: <UndoOutlined />,
  approve: <CheckOutlined />,
  return: <RollbackOutlined />,
};

/**
 * A record's review: its status, lock, the last comment and signature, and the
 * steps the core says the person signed in may take now (no other is offered).
 */
export function ReviewPanel({ record, review }: { record: StoredRecord; review: ReviewView }) {
  const m = useMessages();
  const { message } = App.useApp();
  const act = useRecordReview();
  const [signing, setSigning] = useState<Signed | null>(null);
  const allowed = new Set<string>(review.allowed);

  const run = async (action: ReviewAction, passphrase: string, comment: string) => {
    await act.mutateAsync({ action, items: [{ id: record.id, version: record.version }], comment, passphrase });
    message.success(fmt(m.review.done, { action: m.review.transition[action], count: 1 }));
  };

  const signButton = (action: Signed, extra: ButtonProps = {}) =>
    allowed.has(action) && (
      <Button key={action} icon={ICONS[action]} onClick={() => setSigning(action)} data-testid={`review-${action}`} {...extra}>
        {m.review.transition[action]}
      </Button>
    );

  return (
    <div data-testid="review-panel" style={{ marginBottom: 12 }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <ReviewStatusTag status={review.status} testId="review-status" />
        {review.locked && <Tag color="purple" data-testid="review-locked">{m.review.locked}</Tag>}
        {review.amended && <Tag color="magenta" data-testid="review-amended">{m.review.amended}</Tag>}
        {review.signature && <SignatureView check={review.signature} testId="review-signature" />}
      </Space>
      {review.status === "returned" && review.comment && (
        <Alert
          type="warning"
          showIcon
          data-testid="review-comment"
          title={fmt(m.review.returnedComment, { comment: review.comment })}
          style={{ marginBottom: 8 }}
        />
      )}
      <Space wrap>
        {signButton("submit", { type: "primary" })}
        {allowed.has("withdraw") && (
          <Popconfirm
            title={m.review.withdrawConfirm}
            okText={m.common.ok}
            cancelText={m.common.cancel}
            okButtonProps={{ "data-testid": "review-withdraw-confirm" } as ButtonProps}
            onConfirm={() =>
              run("withdraw", "", "").catch((e) => message.error(e instanceof CoreError ? e.message : String(e)))
            }
          >
            <Button icon={ICONS.withdraw} loading={act.isPending && act.variables?.action === "withdraw"} data-testid="review-withdraw">
              {m.review.transition.withdraw}
            </Button>
          </Popconfirm>
        )}
        {signButton("approve", { type: "primary" })}
        {signButton("return", { danger: true })}
      </Space>
      <PassphraseModal
        open={signing !== null}
        title={signing ? fmt(m.review.passphraseTitle, { action: m.review.transition[signing], count: 1 }) : ""}
        comment={signing ? COMMENT[signing] : "none"}
        onSign={({ passphrase, comment }) => run(signing!, passphrase, comment)}
        onClose={() => setSigning(null)}
      />
    </div>
  );
}
