// Writes src/features/about/third-party-licences.json: every Rust crate linked into the
// desktop app and every npm package bundled into the UI, with its declared licence.
// `node scripts/licences.mjs --check` fails when the committed file is stale.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ui = dirname(dirname(fileURLToPath(import.meta.url)));
const root = dirname(ui);
const out = join(ui, "src/features/about/third-party-licences.json");

function rustCrates() {
  const host = /host: (\S+)/.exec(execFileSync("rustc", ["-vV"], { encoding: "utf8" }))[1];
  const meta = JSON.parse(
    execFileSync(
      "cargo",
      ["metadata", "--format-version", "1", "--locked", "--filter-platform", host],
      { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
    ),
  );
  const packages = new Map(meta.packages.map((p) => [p.id, p]));
  const nodes = new Map(meta.resolve.nodes.map((n) => [n.id, n]));
  // Only what is linked into the app: normal dependencies, not build or dev ones —
  // except the `*-src` crates a build script compiles into the app (SQLCipher,
  // OpenSSL), whose C code is linked in as much as any crate.
  const seen = new Set();
  const stack = [meta.resolve.root];
  while (stack.length) {
    const id = stack.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    for (const dep of nodes.get(id)?.deps ?? []) {
      if (dep.dep_kinds.some((k) => k.kind === null)) stack.push(dep.pkg);
      else if (dep.dep_kinds.some((k) => k.kind === "build") && packages.get(dep.pkg)?.name.endsWith("-src")) {
        seen.add(dep.pkg);
      }
    }
  }
  seen.delete(meta.resolve.root);
  return [...seen].map((id) => {
    const p = packages.get(id);
    return { ecosystem: "Rust", name: p.name, version: p.version, licence: p.license ?? "" };
  });
}

function npmPackages() {
  const lock = JSON.parse(readFileSync(join(ui, "package-lock.json"), "utf8"));
  return Object.entries(lock.packages)
    .filter(([path, p]) => path.startsWith("node_modules/") && !p.dev && !p.devOptional)
    .map(([path, p]) => ({
      ecosystem: "npm",
      name: path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length),
      version: p.version,
      licence: p.license ?? "",
    }));
}

/** What the app ships that no package manager links: the register's font and the holiday data. */
function shippedAssets() {
  return [
    { ecosystem: "Asset", name: "Noto Serif SC (assets/fonts, from @expo-google-fonts/noto-serif-sc)", version: "0.4.3", licence: "OFL-1.1" },
    { ecosystem: "Asset", name: "holiday calendar (assets/standards, from chinese-days)", version: "1.5.7", licence: "MIT" },
  ];
}

function dedupe(rows) {
  const map = new Map(rows.map((r) => [`${r.ecosystem}:${r.name}@${r.version}`, r]));
  return [...map.values()].sort(
    (a, b) => a.ecosystem.localeCompare(b.ecosystem) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
}

const rows = dedupe([...rustCrates(), ...npmPackages(), ...shippedAssets()]);
const text = JSON.stringify(rows, null, 1) + "\n";
if (process.argv.includes("--check")) {
  const committed = readFileSync(out, "utf8");
  if (committed !== text) {
    console.error("third-party-licences.json is stale: run `make licences` and commit it");
    process.exit(1);
  }
  console.log(`licences: ${rows.length} packages listed, file current`);
} else {
  writeFileSync(out, text);
  console.log(`licences: wrote ${rows.length} packages`);
}
