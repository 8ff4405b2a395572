// The monthly register through the UI, with real profiles, keys and PDFs: the head
// sees last month's register blocked by records not yet approved (a meal, and a trip to
// a city a fresh install ships, with no lodging standard set: the administrator's note
// is shown to the head and kept out of the signed PDF); once the leader in charge
// approves them, the head previews the PDF (drawn by pdf.js in the window), signs
// it with the passphrase and saves it; the leader countersigns it from the list of
// issued registers; the saved file verifies as intact with both signatures in the
// Verify screen and in poppler's pdfsig; a malformed QR text is refused on its field.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe } from "node:test";
import { appTest, launchApp } from "./app.mjs";
import { sel, ui } from "./ui.mjs";

const HEAD = { name: "赵处长", passphrase: "head passphrase 1" };
const LEADER = { name: "钱局长", passphrase: "leader passphrase 1" };
const SAVED = process.env.QINQING_AUTOMATION_SAVE;
const ROOT_PEM = process.env.QINQING_AUTOMATION_SAVE_PEM;

/** Last month as YYYY-MM (the register a head signs), by this machine's calendar. */
function lastMonth() {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
}

describe("registers", () => {
  let app;
  const session = () => app?.session;
  let record;
  let trip;

  before(async () => {
    if (SAVED && existsSync(SAVED)) rmSync(SAVED);
    app = await launchApp();
  });

  after(async () => {
    await app?.session.end();
  });

  const { find, click, text, shot, fill, core, openArea, signIn, signOut, confirm, fieldError, setUpBureau } =
    ui(session);

  appTest("the head sets up the bureau; a meal and a trip to a shipped city of last month await the leader's approval", session, async () => {
    await setUpBureau(HEAD);
    const info = await core("session_get", {});
    const department = info.user.profile.departmentId;
    const leader = await core("official_save", {
      id: null,
      version: null,
      value: {
        name: LEADER.name, staffNo: "L001", departmentId: department, position: "副局长",
        role: "leaderInCharge", travelTier: "other", enforcementPowers: false, active: true,
      },
    });
    await core("profile_create", { officialId: leader.id, administrator: false, passphrase: LEADER.passphrase });
    const enterprise = await core("counterpart_save", {
      id: null,
      version: null,
      value: {
        name: "沈北新材料有限公司", kind: "enterprise", creditCode: null, creditCodeConfirmed: false,
        creditStatus: "normal", canteenRate: 1500, address: "", contact: "", active: true,
      },
    });
    // The head's own canteen meal: the leader in charge approves a head's records.
    record = await core("record_create", {
      departmentId: department,
      body: {
        meal: {
          date: `${lastMonth()}-10`, mode: "canteenMeal", counterpartId: enterprise.id, place: "企业职工食堂",
          officialIds: [info.user.profile.officialId], enterpriseDiners: 1, perPersonStandard: 1500,
          amountPaid: 1500, receiptNo: "SC-1", cigarettes: false, premiumLiquor: false, otherAlcohol: false,
        },
      },
    });
    // A trip of his to 大连市: the city ships with a fresh install (337 prefecture-level
    // cities), but no lodging standard is set yet, which is the administrator's note.
    const dalian = (await core("city_list", { includeInactive: false })).find((c) => c.value.name === "大连市");
    assert.equal(dalian?.value.province, "辽宁省");
    trip = await core("record_create", {
      departmentId: department,
      body: {
        trip: {
          startDate: `${lastMonth()}-12`, endDate: `${lastMonth()}-13`, purpose: "大连港口企业对接", destinationCityId: dalian.id,
          destination: "大连市中山区", participantIds: [info.user.profile.officialId], counterpartIds: [enterprise.id],
          expenses: [{ officialId: info.user.profile.officialId, category: "lodging", date: `${lastMonth()}-12`, nights: 1, amount: 42000, payer: "unit", receiptNo: "ZS-1" }],
        },
      },
    });
    await core("record_review", {
      action: "submit", items: [{ id: record.id, version: record.version }, { id: trip.id, version: trip.version }], comment: "", passphrase: HEAD.passphrase,
    });
    await session().execute("location.reload()");
    await find(sel("session-user"), 20000);

    await openArea("registers");
    await find(sel("register-blockers"), 20000);
    assert.match(await text(sel("register-blockers")), /2/);
    assert.equal(await session().execute(`return document.querySelector('[data-testid="register-sign"]').disabled`), true);
    await shot("register-blocked");
  });

  appTest("the leader in charge approves them", session, async () => {
    await signOut();
    await signIn(LEADER);
    await core("record_review", {
      action: "approve", items: [{ id: record.id, version: record.version }, { id: trip.id, version: trip.version }], comment: "", passphrase: LEADER.passphrase,
    });
    await signOut();
    await signIn(HEAD);
  });

  appTest("the head previews the register and signs it with the passphrase", session, async () => {
    await openArea("registers");
    await find(sel("register-ready"), 20000);
    // The missing lodging standard is said to the preparer, apart from the register.
    assert.match(await text(sel("register-unchecked")), /未设置“住宿费/);
    await click(sel("register-preview-toggle"));
    // pdf.js draws each page on a canvas: the preview shows the real PDF.
    await session().waitFor(
      "the first page drawn",
      async () => session().execute(`return document.querySelectorAll('[data-testid="register-pdf-page"]').length > 0`),
      30000,
    );
    const pages = Number((await text(sel("register-pdf-pages"))).match(/\d+/)[0]);
    assert.ok(pages >= 1);
    await session().waitFor(
      "every page drawn",
      async () => session().execute(`return document.querySelectorAll('[data-testid="register-pdf-page"][data-drawn="true"]').length === arguments[0]`, [pages]),
      30000,
    );
    await session().execute(`document.querySelector('[data-testid="register-pdf-page"]').scrollIntoView({ block: "start" })`);
    await shot("register-preview");
    await click(sel("register-sign"));
    await confirm(HEAD.passphrase);
    await find(sel("register-signed"), 30000);
    assert.ok(existsSync(SAVED), `the signed register was saved to ${SAVED}`);
    await find(sel("register-already-issued"));
    // After signing the screen shows the register as signed: its manifest, the signed
    // PDF in the preview (not a draft made now), and no draft to save.
    const [signedRegister] = await core("register_list", {});
    assert.equal(await text(sel("register-manifest")), signedRegister.manifestSha256);
    await session().waitFor(
      "the signed PDF in the preview",
      async () => session().execute(`return document.querySelector('[data-testid="register-pdf"]')?.dataset.draft === "false"`),
      30000,
    );
    assert.equal(
      await session().execute(`const b = document.querySelector('[data-testid="register-save-draft"]'); return b === null || b.offsetParent === null`),
      true,
    );
    await shot("register-signed");
    // The window opens (for printing) only what the app saved in this run.
    const openPath = (path) =>
      session().executeAsync(
        `const done = arguments[arguments.length - 1];
         window.__TAURI_INTERNALS__.invoke("open_path", { path: arguments[0] })
           .then(() => done({ ok: true }), (error) => done({ error }));`,
        [path],
      );
    assert.deepEqual(await openPath(SAVED), { ok: true });
    const refused = await openPath("/etc/passwd");
    assert.match(refused.error?.message ?? "", /不是本程序此次保存的文件/, JSON.stringify(refused));
    const review = await core("review_get", { id: record.id });
    assert.equal(review.locked, true);
    // The signed register lists the trip but not the administrator's note.
    const printed = execFileSync("pdftotext", ["-layout", SAVED, "-"], { encoding: "utf8" }).replace(/ +/g, "");
    assert.ok(printed.includes("大连港口企业对接"), printed);
    assert.ok(!printed.includes("未设置") && !printed.includes("标准未设置"), printed);
  });

  appTest("the leader countersigns it from the issued registers", session, async () => {
    await signOut();
    await signIn(LEADER);
    await openArea("registers");
    await click(sel("tab-register-issued"));
    await click(sel("issued-countersign"));
    await confirm(LEADER.passphrase);
    await find(sel("issued-countersigned"), 30000);
    assert.match(await text(sel("issued-countersigned")), new RegExp(LEADER.name));
    await shot("register-issued");
    const report = execFileSync("pdfsig", [SAVED], { encoding: "utf8" });
    assert.equal(report.match(/Signature is Valid/g)?.length, 2, report);
  });

  appTest("the saved file verifies as intact; a malformed QR text is refused on its field", session, async () => {
    await click(sel("tab-register-verify"));
    await click(sel("verify-choose-file"));
    await find(sel("verification-verdict"), 30000);
    assert.equal(await session().execute(`return document.querySelector('[data-testid="verification-verdict"]').dataset.verdict`), "intact");
    assert.equal((await session().findAllShown(sel("signature-state"))).length, 2);
    await shot("register-verified");
    await fill(sel("verify-qr-input"), "not a register");
    await click(sel("verify-qr"));
    assert.match(await fieldError("verify-qr-input"), /qinqing-register/);
  });

  appTest("the bureau root exports from Settings and verifies the register with no database", session, async () => {
    if (ROOT_PEM && existsSync(ROOT_PEM)) rmSync(ROOT_PEM);
    await openArea("settings");
    const fingerprint = await text(sel("root-fingerprint"));
    assert.match(fingerprint, /^[0-9a-f]{64}$/);
    await click(sel("root-export-pem"));
    await waitForFile(ROOT_PEM);
    assert.match(readFileSync(ROOT_PEM, "utf8"), /^-----BEGIN CERTIFICATE-----/);
    await shot("settings-root");
    // A superior's machine: the app's command line, the root certificate, no database.
    const empty = mkdtempSync(join(tmpdir(), "qinqing-superior-"));
    const out = execFileSync(
      process.env.E2E_APP,
      ["--db", join(empty, "none.sqlite3"), "verify", "--trust-root", ROOT_PEM, "--json", SAVED],
      { encoding: "utf8" },
    );
    const report = JSON.parse(out);
    assert.equal(report.verdict, "intact", out);
    assert.equal(report.signatures.length, 2);
    assert.ok(!existsSync(join(empty, "none.sqlite3")), "no database was made");
    rmSync(empty, { recursive: true, force: true });
  });
});

/** Waits until the app has written `path` (the save dialog's automated answer). */
async function waitForFile(path, ms = 15000) {
  const until = Date.now() + ms;
  while (!existsSync(path)) {
    if (Date.now() > until) throw new Error(`${path} was not written`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
