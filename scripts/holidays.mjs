// Regenerates assets/standards/holidays.json, the statutory-holiday calendar the core
// ships (二(二)3 watches inspections in the days before a holiday), from the npm
// package `chinese-days` (MIT; the State Council's yearly holiday notices). Holiday
// days only; the adjusted working days (调休) do not matter to the rules.
//
//   node scripts/holidays.mjs          write the file
//   node scripts/holidays.mjs --check  fail when the committed file is stale
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "ui", "package.json"));
const packageJson = require("chinese-days/package.json");
const data = require("chinese-days/dist/chinese-days.json");

const days = Object.entries(data.holidays)
  .map(([date, value]) => {
    const [nameEn, name] = value.split(",");
    return { date, name, nameEn };
  })
  .sort((a, b) => a.date.localeCompare(b.date));

const calendar = {
  source: `chinese-days ${packageJson.version} (MIT)：国务院办公厅历年部分节假日安排的通知`,
  days,
};
// One day per line: small, and a new year's notice reads as a clean diff.
const text =
  `{"source":${JSON.stringify(calendar.source)},"days":[\n` +
  days.map((day) => JSON.stringify(day)).join(",\n") +
  "\n]}\n";
const target = join(root, "assets", "standards", "holidays.json");

if (process.argv.includes("--check")) {
  const committed = readFileSync(target, "utf8");
  if (committed !== text) {
    console.error("assets/standards/holidays.json is stale: run make holidays");
    process.exit(1);
  }
  console.log(`holidays: ${days.length} days up to date`);
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}: ${days.length} days`);
}
