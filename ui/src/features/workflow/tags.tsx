import { Space, Tag, Typography } from "antd";
import type { MonthStanding } from "../../api/bindings/MonthStanding";
import type { ReviewStatus } from "../../api/bindings/ReviewStatus";
import type { SignatureCheck } from "../../api/bindings/SignatureCheck";
import type { SignatureStatus } from "../../api/bindings/SignatureStatus";
import { fmt, useMessages } from "../../i18n";
import { bureauTime } from "../common/time";

const STATUS_COLORS: Record<ReviewStatus, string> = {
  draft: "default",
  submitted: "processing",
  approved: "success",
  returned: "warning",
};

/** A record's review status (草稿 / 待审核 / 已审核 / 已退回). */
export function ReviewStatusTag({ status, testId }: { status: ReviewStatus | undefined; testId?: string }) {
  const m = useMessages();
  if (!status) return null;
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId} data-status={status}>
      {m.review.status[status]}
    </Tag>
  );
}

const STANDING_COLORS: Record<MonthStanding, string> = {
  registered: "green",
  incomplete: "orange",
  declaredNil: "blue",
  silent: "red",
};

/** Where an official stands for a month. */
export function StandingTag({ standing, testId }: { standing: MonthStanding; testId?: string }) {
  const m = useMessages();
  return (
    <Tag color={STANDING_COLORS[standing]} data-testid={testId} data-standing={standing}>
      {m.review.standing[standing]}
    </Tag>
  );
}

const SIGNATURE_COLORS: Record<SignatureStatus, string> = {
  valid: "green",
  invalid: "red",
  unknownKey: "orange",
  revoked: "volcano",
};

/** A signature as the core checked it: who, when, and whether it holds. */
export function SignatureView({ check, testId }: { check: SignatureCheck; testId?: string }) {
  const m = useMessages();
  return (
    <Space size={4} wrap data-testid={testId} data-status={check.status}>
      <Tag color={SIGNATURE_COLORS[check.status]}>{m.review.signatureStatus[check.status]}</Tag>
      <Typography.Text type="secondary" title={check.keyFingerprint}>
        {fmt(m.review.signedBy, {
          signer: check.signer ?? m.review.unknownSigner,
          time: bureauTime(check.signedAt),
        })}
      </Typography.Text>
    </Space>
  );
}
