import { useState } from "react";
import { App, Button, type ButtonProps } from "antd";
import { CoreError } from "../../api/client";
import { FileDoneOutlined, UndoOutlined } from "@ant-design/icons";
import type { MonthOverviewRow } from "../../api/bindings/MonthOverviewRow";
import { fmt, useMessages } from "../../i18n";
import { useMay, useSessionUser } from "../session/api";
import { useAttestMonth } from "../workflow/api";
import { PassphraseModal } from "../common/PassphraseModal";

/**
 * 声明本月无登记事项 for a silent month, or its withdrawal for a declared one, signed
 * with the passphrase. Offered only to someone the core lets attest; whether this
 * official and month may be declared is the core's to say (its refusal is shown).
 */
export function AttestButton({
  row,
  month,
  testIds,
}: {
  row: MonthOverviewRow;
  month: string;
  testIds: { attest: string; withdraw: string };
}) {
  const m = useMessages();
  const { message } = App.useApp();
  const may = useMay("attestMonth");
  const attest = useAttestMonth();
  const { modal } = App.useApp();
  const me = useSessionUser()?.profile.officialId;
  const [open, setOpen] = useState(false);
  const nil = row.standing === "silent";
  // Declaring for a colleague is done with a reason, which the signature covers.
  const onBehalf = nil && me !== undefined && me !== row.officialId;
  if (!may || (row.standing !== "silent" && row.standing !== "declaredNil")) return null;
  return (
    <>
      <Button
        size="small"
        type={nil ? "primary" : "default"}
        icon={nil ? <FileDoneOutlined /> : <UndoOutlined />}
        onClick={() => setOpen(true)}
        data-testid={nil ? testIds.attest : testIds.withdraw}
      >
        {nil ? m.review.attest : m.review.attestWithdraw}
      </Button>
      <PassphraseModal
        open={open}
        title={fmt(nil ? m.review.attestTitle : m.review.attestWithdrawTitle, { name: row.name, month })}
        comment={onBehalf ? "onBehalf" : "none"}
        onSign={async ({ passphrase, comment }) => {
          const send = (earlyConfirmed: boolean) =>
            attest.mutateAsync({ officialId: row.officialId, month, nil, passphrase, onBehalfReason: onBehalf ? comment : "", earlyConfirmed });
          try {
            await send(false);
          } catch (error) {
            // Before the month's last working day the core asks for a confirmation.
            if (!(error instanceof CoreError) || error.field?.[0] !== "earlyConfirmed") throw error;
            const confirmed = await modal.confirm({
              title: m.review.attestEarlyTitle,
              content: error.fieldMessage,
              okText: m.review.attestEarlyOk,
              cancelText: m.common.cancel,
              okButtonProps: { "data-testid": "attest-early-ok" } as ButtonProps,
            });
            if (!confirmed) return;
            await send(true);
          }
          message.success(nil ? m.review.attestDone : m.review.attestWithdrawn);
        }}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
