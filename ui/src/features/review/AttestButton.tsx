import { useState } from "react";
import { App, Button } from "antd";
import { FileDoneOutlined, UndoOutlined } from "@ant-design/icons";
import type { MonthOverviewRow } from "../../api/bindings/MonthOverviewRow";
import { fmt, useMessages } from "../../i18n";
import { useMay } from "../session/api";
import { useAttestMonth } from "./api";
import { PassphraseModal } from "./PassphraseModal";

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
  const [open, setOpen] = useState(false);
  const nil = row.standing === "silent";
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
        onSign={async ({ passphrase }) => {
          await attest.mutateAsync({ officialId: row.officialId, month, nil, passphrase });
          message.success(nil ? m.review.attestDone : m.review.attestWithdrawn);
        }}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
