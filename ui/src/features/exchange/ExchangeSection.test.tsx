import { screen, waitFor, within } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ErrorPayload } from "../../api/bindings/ErrorPayload";
import type { ImportLine } from "../../api/bindings/ImportLine";
import type { ImportReport } from "../../api/bindings/ImportReport";
import type { Platform } from "../../api/platform";
import { seededCore } from "../../test/fakeCore";
import { fakePlatform } from "../../test/fakePlatform";
import { addProfile } from "../../test/fakeSession";
import { renderWithCore } from "../../test/renderWithCore";
import { ExchangeSection } from "./ExchangeSection";
import { CORE_ERRORS } from "../../api/bindings/coreWords";

const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

const line = (id: string, outcome: ImportLine["outcome"], problem: string | null = null): ImportLine => ({
  id,
  kind: "meal",
  date: "2026-03-18",
  amountFen: 1500,
  version: 2,
  versionHere: outcome === "new" ? null : 2,
  locked: false,
  outcome,
  problem,
});

function report(lines: ImportLine[]): ImportReport {
  const count = (o: ImportLine["outcome"]) => lines.filter((l) => l.outcome === o).length;
  return {
    bundleId: "b-1",
    signerSubject: "CN=李明,SERIALNUMBER=A-02,C=CN",
    signerFingerprint: "ab".repeat(32),
    signerKnown: true,
    fingerprintToCompare: "ab".repeat(32),
    rootSubject: null,
    witness: "extends",
    purpose: "records",
    exportedAt: "2026-03-20T10:00:00.000Z",
    exporterName: "李明",
    machine: "LAPTOP-7",
    sourceChain: { seq: 31, hash: "cd".repeat(32) },
    dryRun: true,
    alreadyImported: false,
    counts: {
      new: count("new"),
      unchanged: count("unchanged"),
      conflicts: count("conflict"),
      keptMine: 0,
      tookTheirs: 0,
      amendments: 0,
      keptBoth: 0,
      invalid: count("invalid"),
      directoryAdded: 0,
      directoryMatched: 1,
      directoryUpdated: 0,
      certificatesAdded: 0,
      filesAdded: 0,
    },
    records: lines,
  };
}

/** The core's bundle commands: a dry run returns `dryRun`; a passphrase other than the right one is refused. */
function exchangePlatform(dryRun: ImportReport, administrator = false) {
  const core = seededCore();
  addProfile(core, "off-li", { passphrase: "correct horse", role: administrator ? "administrator" : "clerk", administrator, signedIn: true });
  const fake = fakePlatform({ core, pickedFile: "/media/usb/march.qqb" });
  const platform: Platform = {
    ...fake.platform,
    async call(command, request) {
      if (command === "bundle_export" || command === "bundle_import") {
        fake.calls.push({ command, request });
        if (command === "bundle_export") {
          if ((request as { passphrase: string }).passphrase !== "correct horse") {
            const refusal: ErrorPayload = { code: "unauthenticated", message: CORE_ERRORS.wrongPassphrase };
            throw refusal;
          }
          return { id: "b-1", path: "/media/usb/x.qqb", records: 3, files: 1, bytes: 4096, payloadSha256: "ef".repeat(32), sealedTo: "ab".repeat(32) };
        }
        const r = request as { dryRun: boolean };
        return r.dryRun ? dryRun : { ...dryRun, dryRun: false, counts: { ...dryRun.counts, new: 1, tookTheirs: 1 } };
      }
      return fake.platform.call(command, request);
    },
  };
  return { ...fake, platform };
}

const requests = (fake: { calls: { command: string; request: unknown }[] }, command: string) =>
  fake.calls.filter((c) => c.command === command).map((c) => c.request);

describe("exchange section", { timeout: 60_000 }, () => {
  it("exports what is not yet exported, signed with the passphrase; a wrong one is said beside the field", async () => {
    const fake = exchangePlatform(report([]));
    renderWithCore(<ExchangeSection />, fake.platform);
    await userEvent.click(await screen.findByTestId("exchange-export", {}, { timeout: 8000 }));
    await userEvent.type(await screen.findByTestId("passphrase-input"), "wrong horse");
    await userEvent.click(screen.getByTestId("passphrase-ok"));
    expect(await screen.findByText(CORE_ERRORS.wrongPassphrase)).toBeInTheDocument();
    await userEvent.clear(screen.getByTestId("passphrase-input"));
    await userEvent.type(screen.getByTestId("passphrase-input"), "correct horse");
    await userEvent.click(screen.getByTestId("passphrase-ok"));
    expect(await screen.findByText(/已导出 3 条登记、1 个附件/)).toBeInTheDocument();
    const sent = requests(fake, "bundle_export").at(-1) as { selection: unknown; path: string };
    expect(sent.selection).toEqual({ from: null, to: null, kinds: [], notYetExported: true });
    expect(sent.path).toMatch(/^\/home\/user\/交换包-.*\.qqb$/);
  });

  it("imports only after the dry run, with a choice for every record that differs", async () => {
    const fake = exchangePlatform(report([line("r-new", "new"), line("r-diff", "conflict")]));
    renderWithCore(<ExchangeSection />, fake.platform);
    await userEvent.click(await screen.findByTestId("exchange-import", {}, { timeout: 8000 }));
    const shown = await screen.findByTestId("exchange-report");
    expect(shown).toHaveTextContent("李明");
    expect(within(shown).getByTestId("exchange-summary")).toHaveTextContent("新增 1 条，相同 0 条，内容不同 1 条");
    expect(within(shown).getByTestId("exchange-witness")).toHaveTextContent("延续此前所见的审计日志");
    expect(requests(fake, "bundle_import")).toEqual([{ path: "/media/usb/march.qqb", dryRun: true, resolutions: {}, trustFingerprint: null }]);
    const apply = screen.getByTestId("exchange-apply");
    expect(apply).toBeDisabled();
    const choice = within(screen.getByTestId("exchange-line-r-diff")).getByRole("combobox");
    await userEvent.click(choice);
    await userEvent.click(await screen.findByText("采用对方"));
    await waitFor(() => expect(screen.getByTestId("exchange-apply")).toBeEnabled());
    await userEvent.click(screen.getByTestId("exchange-apply"));
    await waitFor(() =>
      expect(requests(fake, "bundle_import").at(-1)).toEqual({
        path: "/media/usb/march.qqb",
        dryRun: false,
        resolutions: { "r-diff": "takeTheirs" },
        trustFingerprint: null,
      }),
    );
    expect(await screen.findByText(/已导入：新增 1 条，采用对方 1 条/)).toBeInTheDocument();
  });

  it("a bundle with an invalid record cannot be imported and says why", async () => {
    const fake = exchangePlatform(report([line("r-bad", "invalid", "body.meal.amountPaid：金额不能为负数")]));
    renderWithCore(<ExchangeSection />, fake.platform);
    await userEvent.click(await screen.findByTestId("exchange-import", {}, { timeout: 8000 }));
    expect(await screen.findByText(/金额不能为负数/)).toBeInTheDocument();
    expect(screen.getByText(/整个交换包不能导入/)).toBeInTheDocument();
    expect(screen.getByTestId("exchange-apply")).toBeDisabled();
  });

  it("an unknown signer is imported only after an administrator compares the fingerprint", async () => {
    const fake = exchangePlatform({ ...report([line("r-new", "new")]), signerKnown: false });
    renderWithCore(<ExchangeSection />, fake.platform);
    await userEvent.click(await screen.findByTestId("exchange-import", {}, { timeout: 8000 }));
    const warning = await screen.findByTestId("exchange-unknown-signer");
    expect(warning).toHaveTextContent("本机不认识此交换包的签名人");
    // A clerk who does not administer cannot accept it.
    expect(within(warning).queryByTestId("exchange-trust")).not.toBeInTheDocument();
    expect(screen.getByTestId("exchange-apply")).toBeDisabled();
  });

  it("a directory bundle from a root not yet accepted shows the root's fingerprint, and accepting sends that fingerprint", async () => {
    const root = "9f".repeat(32);
    const fake = exchangePlatform(
      {
        ...report([]),
        purpose: "directory",
        signerKnown: false,
        fingerprintToCompare: root,
        rootSubject: "CN=沈阳市示范区投资促进局 根证书,O=沈阳市示范区投资促进局,C=CN",
      },
      true,
    );
    renderWithCore(<ExchangeSection />, fake.platform);
    await userEvent.click(await screen.findByTestId("exchange-import", {}, { timeout: 8000 }));
    const warning = await screen.findByTestId("exchange-unknown-signer");
    expect(warning).toHaveTextContent("尚未认可的本局根证书");
    expect(screen.getByTestId("exchange-root-fingerprint")).toHaveTextContent(root);
    expect(screen.getByTestId("exchange-apply")).toBeDisabled();
    await userEvent.click(within(warning).getByTestId("exchange-trust"));
    await waitFor(() => expect(screen.getByTestId("exchange-apply")).toBeEnabled());
    await userEvent.click(screen.getByTestId("exchange-apply"));
    await waitFor(() =>
      expect(requests(fake, "bundle_import").at(-1)).toEqual({
        path: "/media/usb/march.qqb",
        dryRun: false,
        resolutions: {},
        trustFingerprint: root,
      }),
    );
  });
});
