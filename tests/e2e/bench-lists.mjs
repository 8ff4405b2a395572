// List responsiveness on a large database: from the click to the rendered rows, for
// opening the trip list and for jumping to page 1,000 of it, measured inside the page
// (performance.now() around the click, until the rows of the new page are painted).
// A benchmark, not a test: it prints figures. Run through the harness:
//   BENCH_DB=/path/1m.sqlite3 make bench-lists
// where the database comes from `qinqing --db … demo --records 1000000` (or the
// `cargo bench --bench records` run with QINQING_BENCH_DB).
import { clickUntil, summary, waitFor } from "./bench.mjs";
import { Session } from "./webdriver.mjs";

const database = process.env.BENCH_DB;
const runs = Number(process.env.BENCH_RUNS ?? 11);
if (!database) throw new Error("set BENCH_DB to a (large) demo database");

const session = await Session.start(process.env.E2E_WEBDRIVER_URL, {
  browserName: "wry",
  "tauri:options": { application: process.env.E2E_APP, args: ["--db", database] },
});

const ROWS_READY = `
  const area = document.querySelector('[data-testid="area-trips"]');
  if (!area) return false;
  const rows = area.querySelectorAll('[data-record-row]');
  return rows.length > 0 && !area.querySelector('.ant-spin-spinning');`;

try {
  await waitFor("the app frame", async () => (await session.findAll('[data-testid="nav"]')).length > 0);
  const total = await session.executeAsync(
    `const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke("call", { command: "record_totals", request: { filter: { kind: "trip" } } })
       .then((t) => done(t.count), (e) => done(String(e.message ?? e)));`,
  );
  console.log(`database: ${database}; trips: ${total}`);

  const open = [];
  for (let i = 0; i < runs; i++) {
    // From the home page once it has settled (its month summary shown, nothing
    // loading), as when a person turns to the list: the home page's own loading is
    // not part of opening the list.
    await session.click(await session.find('[data-testid="nav-home"]'));
    await waitFor("home", () =>
      session.execute(`return !!document.querySelector('[data-testid="home-month"]')
        && !document.querySelector('[data-testid="area-trips"]')
        && !document.querySelector('.ant-spin-spinning')`),
    );
    await new Promise((r) => setTimeout(r, 500));
    open.push(await session.executeAsync(clickUntil(ROWS_READY), ['[data-testid="nav-trips"]']));
  }
  // The first open after start-up runs code the engine has not yet compiled and has
  // nothing in memory; the later ones show the page as it is opened through a day.
  console.log(`open the trip list, first time after start-up: ${open[0].toFixed(0)} ms`);
  summary("open the trip list again, click to rows", open.slice(1));

  const jump = [];
  for (let i = 0; i < runs; i++) {
    // Alternate between two deep pages so every jump changes the rows.
    const target = i % 2 === 0 ? 1000 : 999;
    // Type the page number the way React sees typing (WebDriver's keys do not reach
    // antd's InputNumber under WebKitWebDriver), then wait for the button to take it.
    await session.execute(
      `const input = document.querySelector('[data-testid="page-jump"] input, input[data-testid="page-jump"]');
       Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(input, arguments[0]);
       input.dispatchEvent(new Event("input", { bubbles: true }));`,
      [String(target)],
    );
    const firstRow = await session.execute(`return document.querySelector('[data-testid="area-trips"] [data-record-row]')?.getAttribute('data-testid')`);
    const ready = `
      const area = document.querySelector('[data-testid="area-trips"]');
      const rows = area.querySelectorAll('[data-record-row]');
      const page = document.querySelector('[data-testid="page-number"]').textContent;
      return rows.length > 0 && !area.querySelector('.ant-spin-spinning')
        && rows[0].getAttribute('data-testid') !== ${JSON.stringify(firstRow)}
        && page.includes(${JSON.stringify(String(target))});`;
    jump.push(await session.executeAsync(clickUntil(ready), ['[data-testid="page-go"]']));
  }
  summary("jump to page 1,000 of the trip list, click to rows", jump);
} finally {
  await session.end();
}
