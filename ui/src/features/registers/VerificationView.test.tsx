import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { RegisterVerification } from "../../api/bindings/RegisterVerification";
import { fakePlatform } from "../../test/fakePlatform";
import { renderWithCore } from "../../test/renderWithCore";
import { zhCN } from "../../i18n/zh-CN";
import { VerificationView } from "./VerificationView";

const headSignature: RegisterVerification["signatures"][number] = {
  reason: "签署 sign",
  signer: "赵处长（A-04）",
  signedAt: "2026-03-15T09:30:00+00:00",
  recordedAt: "2026-03-15T09:30:00+00:00",
  valid: true,
  coversWhole: false,
  knownAs: "赵处长（A-04）",
  holderRole: "departmentHead",
  revoked: false,
  slot: "sign",
};

/** A register whose countersignature a staff member made under the leader's name. */
const forged: RegisterVerification = {
  verdict: "wrongSigner",
  department: "招商服务处",
  month: "2026-03",
  manifestSha256: "ab".repeat(32),
  registerId: "reg-1",
  pages: 2,
  signatures: [
    headSignature,
    {
      reason: "会签 countersign",
      signer: "钱局长（A-05）",
      signedAt: "2026-03-15T09:30:00+00:00",
      valid: true,
      coversWhole: true,
      knownAs: "李明（A-02）",
      holderRole: "staff",
      revoked: false,
      slot: "countersign",
      authority: "nameMismatch",
    },
  ],
  entitledSigners: ["钱局长（A-05）"],
  unchecked: [],
  differences: [],
};

describe("verification view", () => {
  it("names who really signed, why they had no authority, and who should have", async () => {
    renderWithCore(<VerificationView result={forged} />, fakePlatform().platform);
    const verdict = await screen.findByTestId("verification-verdict");
    expect(verdict).toHaveAttribute("data-verdict", "wrongSigner");
    expect(verdict).toHaveTextContent(zhCN.registers.verdict.wrongSigner);
    expect(screen.getByTestId("verification-entitled")).toHaveTextContent("应由：钱局长（A-05）");
    const second = screen.getByTestId("signature-row-1");
    expect(second).toHaveTextContent("李明（A-02）");
    expect(second).toHaveTextContent("签署时职务：科员");
    expect(within(second).getByTestId("signature-authority")).toHaveTextContent(
      zhCN.registers.authority.nameMismatch,
    );
    expect(screen.getByTestId("signature-row-0")).toHaveTextContent("签发库记录的签署时间");
    // Places in words, not the signature's own "签署 sign".
    expect(screen.getByTestId("signature-row-0")).not.toHaveTextContent("签署 sign");
    expect(screen.getByTestId("signature-row-1")).toHaveTextContent(zhCN.registers.slotLabel.countersign);
    expect(screen.getByTestId("signature-row-1")).not.toHaveTextContent("countersign");
    expect(screen.queryByTestId("verification-issued-by")).toBeNull();
  });

  it("names the database that issued a register known here through its bundles", async () => {
    const witnessed: RegisterVerification = {
      ...forged,
      verdict: "intact",
      entitledSigners: [],
      signatures: [headSignature],
      issuedBy: "019cf0d4-bdc0-7004-bd8c-095e0464cc9a",
      unchecked: ["records"],
    };
    renderWithCore(<VerificationView result={witnessed} />, fakePlatform().platform);
    expect(await screen.findByTestId("verification-issued-by")).toHaveTextContent(
      "由数据库 019cf0d4-bdc0-7004-bd8c-095e0464cc9a 签发，本库经其交换包得知",
    );
    expect(screen.getByTestId("verification-unchecked")).toHaveTextContent(zhCN.registers.unchecked.records);
  });

  it("says what was added after the head signed", async () => {
    const painted: RegisterVerification = {
      ...forged,
      verdict: "changedAfter",
      entitledSigners: [],
      signatures: [
        {
          ...headSignature,
          valid: false,
          problem: "changedAfter",
          laterChange: { kind: "objectAdded", object: 41 },
        },
      ],
    };
    renderWithCore(<VerificationView result={painted} />, fakePlatform().platform);
    expect(await screen.findByTestId("signature-later-change")).toHaveTextContent("第 41 号");
    expect(screen.queryByTestId("verification-entitled")).toBeNull();
  });
});
