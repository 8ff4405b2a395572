import { screen, waitFor, within } from "@testing-library/react";
import userEventLib from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { BackupList } from "../../api/bindings/BackupList";
import type { ErrorPayload } from "../../api/bindings/ErrorPayload";
import type { OfficialRole } from "../../api/bindings/OfficialRole";
import type { Platform } from "../../api/platform";
import type { RestoreReport } from "../../api/bindings/RestoreReport";
import { seededCore } from "../../test/fakeCore";
import { fakePlatform } from "../../test/fakePlatform";
import { addProfile } from "../../test/fakeSession";
import { renderWithCore } from "../../test/renderWithCore";
import { BackupSection } from "./BackupSection";

const userEvent = userEventLib.setup({ pointerEventsCheck: 0 });

const list: BackupList = {
  folder: "/data/backups",
  retention: 14,
  backups: [
    { path: "/data/backups/q-auto-20260301-080000.sqlite3", name: "q-auto-20260301-080000.sqlite3", bytes: 204800, automatic: true, unencrypted: false },
    { path: "/data/backups/q-manual-20260201-080000.sqlite3", name: "q-manual-20260201-080000.sqlite3", bytes: 204800, automatic: false, unencrypted: true },
  ],
};

/** The core's backup commands: a dry run says what the file holds, a restore keeps the replaced database. */
function backupPlatform(administrator: boolean, pickedFile = "/home/user/bad.sqlite3", role: OfficialRole = "departmentHead") {
  const core = seededCore();
  addProfile(core, "off-li", { passphrase: "correct horse", role, administrator, signedIn: true });
  const fake = fakePlatform({ core, pickedFile });
  const platform: Platform = {
    ...fake.platform,
    async call(command, request) {
      if (command === "backup_list") return list;
      if (command === "backup_restore") {
        fake.calls.push({ command, request });
        const r = request as { path: string; dryRun: boolean };
        if (r.path.endsWith("bad.sqlite3")) {
          const refusal: ErrorPayload = { code: "validation", message: "path：不是本程序的数据库文件，无法恢复", field: ["path"] };
          throw refusal;
        }
        const report: RestoreReport = {
          summary: { schemaVersion: 7, records: 120, auditRows: 300, auditHead: { seq: 300, hash: "ab".repeat(32) } },
          keptAs: r.dryRun ? undefined : "/data/backups/q-before-restore-20260302-090000.sqlite3",
          restored: !r.dryRun,
          lost: r.path.endsWith("older.sqlite3")
            ? [
                {
                  checkpoint: { seq: 280, act: "signRegister", signedBy: "赵处长（A-04）", signedAt: "2026-03-02T01:00:00Z" },
                  rewritten: false,
                },
              ]
            : [],
        };
        return report;
      }
      return fake.platform.call(command, request);
    },
  };
  return { ...fake, platform };
}

describe("backup section", { timeout: 60_000 }, () => {
  it("flags the one backup left unencrypted, with why it matters", async () => {
    renderWithCore(<BackupSection />, backupPlatform(true).platform);
    const plain = await screen.findByTestId("backup-row-q-manual-20260201-080000.sqlite3", {}, { timeout: 8000 });
    expect(within(plain).getByTestId("backup-unencrypted")).toHaveTextContent("未加密");
    expect(within(plain).getByTestId("backup-unencrypted")).toHaveAttribute("title", expect.stringContaining("任何拿到该文件的人都能读取"));
    const encrypted = screen.getByTestId("backup-row-q-auto-20260301-080000.sqlite3");
    expect(within(encrypted).queryByTestId("backup-unencrypted")).toBeNull();
  });


  it("restores a backup only after showing what it holds and a confirmation", async () => {
    const fake = backupPlatform(true);
    renderWithCore(<BackupSection />, fake.platform);
    const row = await screen.findByTestId("backup-row-q-auto-20260301-080000.sqlite3", {}, { timeout: 8000 });
    await userEvent.click(within(row).getByTestId("backup-restore"));
    const check = await screen.findByTestId("backup-check");
    expect(check).toHaveTextContent("登记 120 条，审计记录 300 条");
    expect(fake.calls.filter((c) => c.command === "backup_restore").map((c) => c.request)).toEqual([
      { path: list.backups[0]!.path, dryRun: true, confirmLoss: false, passphrase: null, recoveryKey: null },
    ]);
    await userEvent.click(screen.getByTestId("backup-restore-confirm"));
    await waitFor(() =>
      expect(fake.calls.filter((c) => c.command === "backup_restore").at(-1)!.request).toEqual({ path: list.backups[0]!.path, dryRun: false, confirmLoss: false, passphrase: null, recoveryKey: null }),
    );
    expect(await screen.findByText(/q-before-restore-20260302-090000/)).toBeInTheDocument();
  });

  it("a backup that loses signed acts lists them and restores only once the loss is confirmed", async () => {
    const fake = backupPlatform(true, "/home/user/older.sqlite3");
    renderWithCore(<BackupSection />, fake.platform);
    await userEvent.click(await screen.findByTestId("backup-restore-file", {}, { timeout: 8000 }));
    const lost = await screen.findByTestId("backup-lost");
    expect(lost).toHaveTextContent("第 280 条：赵处长（A-04）");
    expect(screen.getByTestId("backup-restore-confirm")).toBeDisabled();
    await userEvent.click(screen.getByTestId("backup-confirm-loss"));
    await userEvent.click(screen.getByTestId("backup-restore-confirm"));
    await waitFor(() =>
      expect(fake.calls.filter((c) => c.command === "backup_restore").at(-1)!.request).toEqual({
        path: "/home/user/older.sqlite3",
        dryRun: false,
        confirmLoss: true,
        passphrase: null,
        recoveryKey: null,
      }),
    );
  });

  it("a file that is no backup is refused before anything is asked", async () => {
    const fake = backupPlatform(true);
    renderWithCore(<BackupSection />, fake.platform);
    await userEvent.click(await screen.findByTestId("backup-restore-file", {}, { timeout: 8000 }));
    expect(await screen.findByText(/不是本程序的数据库文件/)).toBeInTheDocument();
    expect(screen.queryByTestId("backup-check")).not.toBeInTheDocument();
  });

  it("someone who does not administer backs up but restores nothing", async () => {
    const fake = backupPlatform(false);
    renderWithCore(<BackupSection />, fake.platform);
    await screen.findByTestId("backup-now", {}, { timeout: 8000 });
    expect(screen.queryByTestId("backup-restore")).not.toBeInTheDocument();
    expect(screen.queryByTestId("backup-restore-file")).not.toBeInTheDocument();
  });

  it("staff are told that backing up is for administrators and heads, and are offered no button", async () => {
    const fake = backupPlatform(false, "/home/user/bad.sqlite3", "staff");
    renderWithCore(<BackupSection />, fake.platform);
    expect(await screen.findByTestId("backup-not-yours", {}, { timeout: 8000 })).toHaveTextContent("只有管理员和处室负责人可以手动备份");
    expect(screen.queryByTestId("backup-now")).not.toBeInTheDocument();
  });
});
