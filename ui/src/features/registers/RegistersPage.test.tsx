import { screen, waitFor, within } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ErrorPayload } from "../../api/bindings/ErrorPayload";
import type { IssuedRegisterView } from "../../api/bindings/IssuedRegisterView";
import type { Platform } from "../../api/platform";
import type { RegisterPreview } from "../../api/bindings/RegisterPreview";
import type { RegisterVerification } from "../../api/bindings/RegisterVerification";
import { seededCore } from "../../test/fakeCore";
import { fakePlatform } from "../../test/fakePlatform";
import { addProfile } from "../../test/fakeSession";
import { renderWithCore } from "../../test/renderWithCore";
import { zhCN } from "../../i18n/zh-CN";
import { RegistersPage } from "./RegistersPage";
import { CORE_ERRORS } from "../../api/bindings/coreWords";

const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

function preview(blockers: RegisterPreview["register"]["blockers"]): RegisterPreview {
  return {
    nil: false,
    manifestSha256: "ab".repeat(32),
    register: {
      bureau: "沈阳市某局",
      departmentId: "dep-a",
      department: "招商服务处",
      month: "2025-02",
      first: "2025-02-01",
      last: "2025-02-28",
      asOf: "2025-03-01",
      sections: [],
      findings: [],
      unchecked: [{ zh: "未设置“礼节性礼品限额”，无法检查“赠送礼品超出限额”；请管理员在“设置 → 合规标准”中设置", en: "ceremonial gift cap not set" }],
      attestations: [],
      total: 4500,
      totals: {
        trips: 0,
        tripsEnterprisePaid: 0,
        mealsPaid: 4500,
        giftsKept: 0,
        giftsPaidFor: 0,
        giftsSurrendered: 0,
        giftsDeclinedOrReturned: 0,
        giftsGiven: 0,
        grand: 4500,
      },
      blockers,
      entries: [{ recordId: "m1", version: 1, imageSha256: "cd".repeat(32), section: "meals" }],
      auditHead: { seq: 3, hash: "ef".repeat(32) },
    },
  };
}

const issued: IssuedRegisterView = {
  id: "reg-1",
  departmentId: "dep-a",
  department: "招商服务处",
  month: "2025-02",
  // What was signed: the month's records have changed since (its preview's hash differs).
  manifestSha256: "99".repeat(32),
  pdfSha256: "12".repeat(32),
  signedBy: "李红（001）",
  signedAt: "2025-03-01T02:00:00Z",
  qrText: `qinqing-register:reg-1:${"99".repeat(32)}`,
};

/**
 * The fake platform, answering the register commands the way the core does: the
 * preview as given, signing once (then the register is listed), verification by
 * QR text refusing a malformed one on its field.
 */
function registersPlatform(
  role: "departmentHead" | "staff",
  blockers: RegisterPreview["register"]["blockers"] = [],
  nil = false,
) {
  const core = seededCore();
  addProfile(core, "off-li", { passphrase: "correct horse", role, signedIn: true });
  const fake = fakePlatform({ core, savedFile: "/home/user/招商服务处-2025-02-登记簿.pdf" });
  const list: IssuedRegisterView[] = [];
  const platform: Platform = {
    ...fake.platform,
    async call(command, request) {
      if (command === "register_preview") return { ...preview(blockers), nil };
      if (command === "register_list") return list;
      if (command === "register_sign") {
        fake.calls.push({ command, request });
        const r = request as { passphrase: string; path: string; month: string };
        if (r.passphrase !== "correct horse") {
          const refusal: ErrorPayload = { code: "unauthenticated", message: CORE_ERRORS.wrongPassphrase };
          throw refusal;
        }
        const register = { ...issued, month: r.month };
        list.push(register);
        return { register, path: r.path, bytes: 98000 };
      }
      if (command === "register_verify") {
        const r = request as { qrText?: string };
        if (!r.qrText?.startsWith("qinqing-register:")) {
          const refusal: ErrorPayload = {
            code: "validation",
            message: "qrText：格式不正确",
            field: ["qrText"],
            problem: "格式不正确",
          };
          throw refusal;
        }
        const result: RegisterVerification = {
          verdict: "recordsChanged",
          department: "招商服务处",
          month: "2025-02",
          manifestSha256: "ab".repeat(32),
          registerId: "reg-1",
          pages: 2,
          signatures: [
            {
              reason: "签署 sign",
              signer: "李红（001）",
              signedAt: "2025-03-01T02:00:00+00:00",
              valid: true,
              coversWhole: true,
              knownAs: "李红（001）",
              revoked: false,
            },
          ],
          entitledSigners: [],
          unchecked: [],
          differences: [
            { recordId: "m1", change: "changed", signedVersion: 1, currentVersion: 2 },
            {
              recordId: "m2",
              change: "late",
              signedVersion: null,
              currentVersion: 1,
              carriedBy: { registerId: "reg-2", month: "2025-03" },
            },
          ],
        };
        return result;
      }
      return fake.platform.call(command, request);
    },
  };
  return { ...fake, platform };
}

describe("registers page", { timeout: 60_000 }, () => {
  it("lists what blocks signing and keeps the sign button disabled", async () => {
    const fake = registersPlatform("departmentHead", [
      { recordId: "m9", date: "2025-02-03", summary: "一号食堂 用餐", status: "submitted" },
    ]);
    renderWithCore(<RegistersPage />, fake.platform);
    const blockers = await screen.findByTestId("register-blockers", {}, { timeout: 8000 });
    expect(blockers).toHaveTextContent("尚有 1 条登记未审核通过");
    expect(within(blockers).getByTestId("blocker-m9")).toHaveTextContent("一号食堂 用餐");
    expect(screen.getByTestId("register-sign")).toBeDisabled();
    // What the rules could not check is said here, apart from what is printed.
    const unchecked = screen.getByTestId("register-unchecked");
    expect(unchecked).toHaveTextContent(zhCN.registers.uncheckedRules);
    expect(unchecked).toHaveTextContent("礼节性礼品限额");
  });

  it("a month with nothing registered says so, not that every record is approved", async () => {
    const fake = registersPlatform("departmentHead", [], true);
    renderWithCore(<RegistersPage />, fake.platform);
    const ready = await screen.findByTestId("register-ready", {}, { timeout: 8000 });
    expect(ready).toHaveTextContent(zhCN.registers.readyNil);
    expect(ready).not.toHaveTextContent(zhCN.registers.ready);
  });

  it("an official who is not a head cannot sign", async () => {
    const fake = registersPlatform("staff");
    renderWithCore(<RegistersPage />, fake.platform);
    await screen.findByTestId("register-ready", {}, { timeout: 8000 });
    expect(screen.getByTestId("register-sign")).toBeDisabled();
  });

  it("the head chooses where to save, signs with the passphrase, and opens the signed PDF", async () => {
    const fake = registersPlatform("departmentHead");
    renderWithCore(<RegistersPage />, fake.platform);
    await screen.findByTestId("register-ready", {}, { timeout: 8000 });
    expect(screen.getByTestId("register-summary")).toHaveTextContent("登记 1 条，合计 ¥45.00");
    await userEvent.click(screen.getByTestId("register-sign"));
    const modal = await screen.findByTestId("passphrase-modal");
    expect(modal).toHaveTextContent("/home/user/招商服务处-2025-02-登记簿.pdf");
    // A wrong passphrase is refused on its field; the modal stays open.
    await userEvent.type(within(modal).getByTestId("passphrase-input"), "wrong");
    await userEvent.click(screen.getByTestId("passphrase-ok"));
    await waitFor(() => expect(modal).toHaveTextContent("口令不正确"));
    await userEvent.clear(within(modal).getByTestId("passphrase-input"));
    await userEvent.type(within(modal).getByTestId("passphrase-input"), "correct horse");
    await userEvent.click(screen.getByTestId("passphrase-ok"));
    const signed = await screen.findByTestId("register-signed");
    expect(signed).toHaveTextContent("登记簿已签署");
    const signCalls = fake.calls.filter((c) => c.command === "register_sign");
    expect(signCalls.at(-1)!.request).toEqual({
      departmentId: "dep-a",
      month: expect.stringMatching(/^\d{4}-\d{2}$/),
      passphrase: "correct horse",
      path: "/home/user/招商服务处-2025-02-登记簿.pdf",
    });
    await userEvent.click(screen.getByTestId("register-open"));
    expect(fake.state.opened).toEqual(["/home/user/招商服务处-2025-02-登记簿.pdf"]);
    // Now issued: the month says so, shows the manifest as signed (not the draft's),
    // and neither signing nor a draft is offered.
    await screen.findByTestId("register-already-issued");
    expect(screen.getByTestId("register-sign")).toBeDisabled();
    expect(screen.getByTestId("register-manifest")).toHaveTextContent("99".repeat(32));
    expect(screen.getByText(zhCN.registers.manifestSigned)).toBeInTheDocument();
    expect(screen.queryByTestId("register-save-draft")).toBeNull();
  });

  it("verifies by QR text: a malformed text is refused on its field, a good one shows each difference and where a late record went", async () => {
    const fake = registersPlatform("departmentHead");
    renderWithCore(<RegistersPage />, fake.platform);
    await userEvent.click(await screen.findByTestId("tab-register-verify"));
    await userEvent.type(screen.getByTestId("verify-qr-input"), "not a register");
    await userEvent.click(screen.getByTestId("verify-qr"));
    expect(await screen.findByText("格式不正确")).toBeInTheDocument();
    await userEvent.clear(screen.getByTestId("verify-qr-input"));
    await userEvent.type(screen.getByTestId("verify-qr-input"), issued.qrText);
    await userEvent.click(screen.getByTestId("verify-qr"));
    const verdict = await screen.findByTestId("verification-verdict");
    expect(verdict).toHaveTextContent(zhCN.registers.verdict.recordsChanged);
    expect(screen.getByTestId("difference-changed")).toHaveTextContent("签署时第 1 版，现为第 2 版");
    // A record registered late names the later register that carries it.
    expect(screen.getByTestId("difference-late")).toHaveTextContent("签署后补登");
    expect(screen.getByTestId("difference-late")).toHaveTextContent("已列入 2025-03 登记簿");
    expect(screen.getByTestId("signature-row-0")).toHaveTextContent(zhCN.registers.valid);
  });
});
