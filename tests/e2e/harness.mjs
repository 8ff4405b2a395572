// Runs the end-to-end suite against the real app: starts Xvfb and tauri-driver
// (which starts WebKitWebDriver), runs every *.test.mjs here with node's test runner,
// and always stops what it started, by process group, also on failure or Ctrl+C.
//
//   node tests/e2e/harness.mjs <path to the app binary>
//   node tests/e2e/harness.mjs <path to the app binary> --bench   (launch-time figures)
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, connect } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { homedir, tmpdir } from "node:os";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const app = resolve(process.argv[2] ?? join(root, "target/debug/qinqing"));
// `--bench` runs bench-launch.mjs; `--bench=lists` runs bench-lists.mjs, `--bench=form`
// bench-form.mjs.
const benchArg = process.argv.find((a) => a === "--bench" || a.startsWith("--bench="));
const bench = benchArg ? (benchArg.split("=")[1] ?? "launch") : null;
const artifacts = join(root, "target/e2e-artifacts");
const started = [];
const cleanups = [];

function fail(message) {
  console.error(`e2e: ${message}`);
  process.exitCode = 1;
}

function which(name, fallbacks = []) {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return fallbacks.find((f) => existsSync(f));
}

function freePort() {
  return new Promise((ok, ko) => {
    const server = createServer();
    server.unref();
    server.on("error", ko);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

function freeDisplay() {
  for (let n = 90; n < 200; n++) {
    if (!existsSync(`/tmp/.X11-unix/X${n}`) && !existsSync(`/tmp/.X${n}-lock`)) return n;
  }
  throw new Error("no free X display number between :90 and :199");
}

function start(name, command, args, env) {
  // detached: its own process group, so stopping it also stops its children
  // (tauri-driver → WebKitWebDriver → the app → WebKit's helper processes).
  const child = spawn(command, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const log = [];
  const keep = (chunk) => {
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  started.push({ name, child, log });
  return child;
}

async function waitUntil(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function portOpen(port) {
  return new Promise((ok) => {
    const socket = connect(port, "127.0.0.1");
    socket.on("connect", () => {
      socket.destroy();
      ok(true);
    });
    socket.on("error", () => ok(false));
  });
}

async function stopAll() {
  for (const { name, child } of started.reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      continue;
    }
    const gone = await Promise.race([
      new Promise((ok) => child.once("exit", () => ok(true))),
      new Promise((ok) => setTimeout(() => ok(false), 3000)),
    ]);
    if (!gone) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
      console.error(`e2e: ${name} did not stop on SIGTERM; killed`);
    }
  }
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    void stopAll().then(() => process.exit(130));
  });
}

async function main() {
  if (!existsSync(app)) return fail(`no app binary at ${app}; build it with \`make e2e-app\``);
  const xvfb = which("Xvfb");
  const driver = which("tauri-driver", [
    join(process.env.CARGO_HOME ?? join(homedir(), ".cargo"), "bin/tauri-driver"),
    join(homedir(), ".cargo/bin/tauri-driver"),
  ]);
  if (!xvfb) return fail("Xvfb is missing (apt-get install xvfb); `make setup` installs it");
  if (!driver) return fail("tauri-driver is missing; `make setup` installs it");
  if (!which("WebKitWebDriver")) return fail("WebKitWebDriver is missing (apt-get install webkit2gtk-driver)");
  // Screenshots from an earlier run would be mistaken for this one's.
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });

  const display = freeDisplay();
  start("Xvfb", xvfb, [`:${display}`, "-screen", "0", "1366x900x24", "-nolisten", "tcp"], process.env);
  await waitUntil("Xvfb", async () => existsSync(`/tmp/.X11-unix/X${display}`), 10000);

  const port = await freePort();
  const nativePort = await freePort();
  // The app must not touch the real user's data: every session passes --db, and the
  // XDG directories (WebKit's caches and storage) point into a throwaway folder.
  const xdg = mkdtempSync(join(tmpdir(), "qinqing-e2e-xdg-"));
  cleanups.push(() => rmSync(xdg, { recursive: true, force: true }));
  const env = {
    ...process.env,
    DISPLAY: `:${display}`,
    WAYLAND_DISPLAY: "",
    GDK_BACKEND: "x11",
    XDG_DATA_HOME: join(xdg, "data"),
    XDG_CONFIG_HOME: join(xdg, "config"),
    XDG_CACHE_HOME: join(xdg, "cache"),
    // The native file dialog cannot be driven: under automation the app "picks" this.
    QINQING_AUTOMATION_PICK: join(here, "..", "fixtures", "receipt.png"),
    // …and the save dialog answers this path (picking a register to verify, too).
    QINQING_AUTOMATION_SAVE: join(artifacts, "saved-register.pdf"),
    // A bundle is saved to (and picked from) its own file; a spreadsheet to import is the sample register.
    QINQING_AUTOMATION_SAVE_QQB: join(artifacts, "saved-bundle.qqb"),
    // The bureau's root certificate, exported from Settings.
    QINQING_AUTOMATION_SAVE_PEM: join(artifacts, "saved-root.pem"),
    QINQING_AUTOMATION_PICK_XLSX: join(here, "..", "fixtures", "legacy-register.xlsx"),
  };
  start("tauri-driver", driver, ["--port", String(port), "--native-port", String(nativePort)], env);
  await waitUntil("tauri-driver", () => portOpen(port), 15000);

  const tests = readdirSync(here)
    .filter((f) => f.endsWith(".test.mjs"))
    // E2E_ONLY=review runs only the files whose name contains it (while working on one).
    .filter((f) => !process.env.E2E_ONLY || f.includes(process.env.E2E_ONLY))
    .sort()
    .map((f) => join(here, f));
  const args = bench
    ? [join(here, `bench-${bench}.mjs`)]
    : ["--test", "--test-concurrency=1", "--test-reporter=spec", ...tests];
  const result = spawnSync(
    process.execPath,
    args,
    {
      stdio: "inherit",
      env: {
        ...env,
        E2E_WEBDRIVER_URL: `http://127.0.0.1:${port}`,
        E2E_APP: app,
        E2E_ARTIFACTS: artifacts,
      },
    },
  );
  if (result.status !== 0) {
    for (const { name, log } of started) {
      const tail = log.join("").split("\n").slice(-15).join("\n");
      if (tail.trim()) console.error(`--- last lines of ${name} ---\n${tail}`);
    }
    fail(`tests failed (screenshots in ${artifacts})`);
  }
}

try {
  await main();
} catch (error) {
  fail(error.stack ?? String(error));
} finally {
  await stopAll();
  for (const cleanup of cleanups) cleanup();
}
