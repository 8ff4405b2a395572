// Exchange through the UI: an Excel register of the kind units keep today is mapped,
// checked (every row with what it becomes or why not) and imported once the rows it
// cannot take are agreed to be skipped; then the records leave as a signed bundle,
// and the bundle's dry run shows who signed it and what it would do.
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { after, before, describe } from "node:test";
import { appTest, launchApp } from "./app.mjs";
import { sel, ui } from "./ui.mjs";

const HEAD = { name: "赵处长", passphrase: "head passphrase 1" };
const BUNDLE = process.env.QINQING_AUTOMATION_SAVE_QQB;

describe("exchange", () => {
  let app;
  const session = () => app?.session;

  before(async () => {
    if (BUNDLE && existsSync(BUNDLE)) rmSync(BUNDLE);
    app = await launchApp();
  });

  after(async () => {
    await app?.session.end();
  });

  const { find, click, text, shot, fill, core, openArea, pick, setUpBureau, gone } = ui(session);

  appTest("an Excel register is mapped, checked row by row and imported", session, async () => {
    await setUpBureau(HEAD);
    const info = await core("session_get", {});
    // The register's 填报人 is in the directory.
    await core("official_save", {
      id: null,
      version: null,
      value: {
        name: "王建国", staffNo: "S011", departmentId: info.user.profile.departmentId, position: "科员",
        role: "staff", travelTier: "other", enforcementPowers: false, active: true,
      },
    });
    await session().execute("location.reload()");
    await find(sel("session-user"), 20000);
    await openArea("settings");
    await click(sel("sheet-import"));
    await find(sel("sheet-公务活动登记"), 20000);
    await pick("sheet-department", "招商服务处");
    await click(sel("sheet-check"));
    await find(sel("sheet-report"), 20000);
    const report = await text(sel("sheet-report"));
    assert.match(report, /可导入 9 行/);
    assert.match(report, /无法导入 12 行/);
    assert.match(report, /出行须有目的地/);
    await shot("sheet-import-check");
    assert.equal(await session().execute(`return document.querySelector('[data-testid="sheet-apply"]').disabled`), true);
    await click(sel("sheet-skip"));
    await click(sel("sheet-apply"));
    await gone(sel("sheet-report"), 20000);
    const listed = await core("record_list", { filter: { from: "2026-10-01", to: "2026-10-31" }, limit: 100 });
    assert.equal(listed.items.length, 9);
  });

  appTest("the records leave as a signed bundle whose dry run names the signer", session, async () => {
    await click(sel("exchange-export"));
    await fill(sel("passphrase-input"), HEAD.passphrase);
    await click(sel("passphrase-ok"));
    await session().waitFor("the bundle written", async () => existsSync(BUNDLE), 20000);
    assert.ok(readFileSync(BUNDLE).subarray(0, 17).toString() === "QINQING-BUNDLE 5\n");
    await click(sel("exchange-import"));
    await find(sel("exchange-report"), 20000);
    const report = await text(sel("exchange-report"));
    assert.match(report, /赵处长/);
    assert.match(report, /相同 9 条/);
    // In words a clerk reads: no raw certificate names, no UTC times with a "Z".
    assert.doesNotMatch(report, /CN=|OU=|\bO=/);
    assert.doesNotMatch(report, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    assert.doesNotMatch(report, /\d{2}:\d{2}(:\d{2})?(\.\d+)?Z\b/);
    await shot("bundle-dry-run");
  });
});
