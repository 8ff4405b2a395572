// The record form's responsiveness in the real window: from the click on 登记 to the
// meal form painted with the cursor in its first field (open), and from the click on
// 保存 to the form closed and the list's count showing the new meal (save: the core's
// validation, rules, write and audit, and the list refreshed), timed inside the page.
// A benchmark, not a test: it prints figures. Run through the harness, on the release
// build:   make bench-form        (BENCH_DB=… to use a database of your own, a copy:
// the benchmark adds meals to it; otherwise a fresh one with BENCH_RECORDS demo records)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { saveScreenshot } from "./app.mjs";
import { clickUntil, summary, waitFor } from "./bench.mjs";
import { sel, ui } from "./ui.mjs";
import { Session } from "./webdriver.mjs";

const runs = Number(process.env.BENCH_RUNS ?? 11);
let database = process.env.BENCH_DB;
let scratch = null;
if (!database) {
  scratch = mkdtempSync(join(tmpdir(), "qinqing-bench-form-"));
  database = join(scratch, "bench.sqlite3");
  const records = process.env.BENCH_RECORDS ?? "100000";
  const t0 = performance.now();
  execFileSync(process.env.E2E_APP, ["--db", database, "demo", "--records", records], { stdio: "ignore" });
  console.log(`a fresh database with ${records} demo records (${((performance.now() - t0) / 1000).toFixed(1)} s to make)`);
}

const session = await Session.start(process.env.E2E_WEBDRIVER_URL, {
  browserName: "wry",
  "tauri:options": { application: process.env.E2E_APP, args: ["--db", database] },
});
const { click, find, fill, gone, pick, core, still } = ui(() => session);

const FORM_READY = `
  const form = document.querySelector('[data-testid="record-form-meal"]');
  return !!form && document.activeElement?.getAttribute("data-testid") === "field-place";`;

try {
  await waitFor("the app frame", async () => (await session.findAll('[data-testid="nav"]')).length > 0);
  const enterprise = (await core("counterpart_list", { includeInactive: false })).find((c) => c.value.canteenRate !== null);
  if (!enterprise) throw new Error("the database has no enterprise with a canteen");
  // Nobody is signed in to a demo database, so the form names no official by itself.
  const [official] = await core("official_list", { includeInactive: false });
  const { count } = await core("record_totals", { filter: {} });
  console.log(`database: ${database}; records: ${count}; meals at ${enterprise.value.name}'s canteen`);
  await click(sel("nav-meals"));
  await find(sel("area-meals"), 60000);
  await waitFor("the meal list", async () => (await session.findAllShown("[data-record-row]")).length > 0);

  const open = [];
  const save = [];
  for (let i = 0; i < runs; i++) {
    await still();
    open.push(await session.executeAsync(clickUntil(FORM_READY), [sel("record-new")]));
    await still();
    await pick("field-counterpartId", enterprise.value.name);
    await pick("field-officialIds", official.value.name);
    await fill(sel("field-place"), `职工食堂 ${i + 1}`);
    await fill(sel("field-amountPaid"), "15");
    await fill(sel("field-receiptNo"), `B-${i + 1}`);
    const before = await session.execute(`return document.querySelector('[data-testid="record-totals"]').textContent`);
    const saved = `
      const form = document.querySelector('[data-testid="record-form-meal"]');
      const totals = document.querySelector('[data-testid="record-totals"]')?.textContent;
      return (!form || form.getClientRects().length === 0) && totals !== undefined && totals !== ${JSON.stringify(before)};`;
    save.push(await session.executeAsync(clickUntil(saved), [sel("form-save")]));
    await gone(sel("record-form-meal"));
  }
  // The first open after start-up runs code the engine has not compiled yet.
  console.log(`open the meal form, first time after start-up: ${open[0].toFixed(0)} ms`);
  summary("open the meal form again, click to the cursor in its first field", open.slice(1));
  summary("save a meal, click to the form closed and the list counting it", save);
} catch (error) {
  const shot = await saveScreenshot(session, "FAILED-bench-form").catch(() => "none");
  error.message += ` (screenshot: ${shot})`;
  throw error;
} finally {
  await session.end();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
