import { useState } from "react";
import { Alert, Tabs } from "antd";
import { useMessages } from "../../i18n";
import { useSessionUser } from "../session/api";
import { IssuedTab } from "./IssuedTab";
import { PrepareTab } from "./PrepareTab";
import { VerifyTab } from "./VerifyTab";

/** 登记簿: a department's monthly register to preview and sign, the registers issued, and verification. */
export function RegistersPage() {
  const m = useMessages();
  const user = useSessionUser();
  const [tab, setTab] = useState("prepare");
  if (!user) {
    return (
      <div data-testid="area-registers">
        <Alert type="info" showIcon title={m.review.signInFirst} data-testid="registers-sign-in-first" />
      </div>
    );
  }
  return (
    <div data-testid="area-registers">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: "prepare",
            label: <span data-testid="tab-register-prepare">{m.registers.prepare}</span>,
            children: <PrepareTab departmentId={user.profile.departmentId} />,
          },
          {
            key: "issued",
            label: <span data-testid="tab-register-issued">{m.registers.issued}</span>,
            children: <IssuedTab />,
          },
          {
            key: "verify",
            label: <span data-testid="tab-register-verify">{m.registers.verify}</span>,
            children: <VerifyTab />,
          },
        ]}
      />
    </div>
  );
}
