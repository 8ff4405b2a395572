// Starts the real app for one test file, with a fresh database, and saves a
// screenshot when a test fails.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Session } from "./webdriver.mjs";

const driverUrl = process.env.E2E_WEBDRIVER_URL;
const application = process.env.E2E_APP;
export const artifacts = process.env.E2E_ARTIFACTS ?? "target/e2e-artifacts";

export async function launchApp() {
  if (!driverUrl || !application) {
    throw new Error("run the end-to-end tests through tests/e2e/harness.mjs (make e2e)");
  }
  const dir = mkdtempSync(join(tmpdir(), "qinqing-e2e-"));
  const database = join(dir, "e2e.sqlite3");
  const session = await Session.start(driverUrl, {
    browserName: "wry",
    // --automation: file dialogs answer with QINQING_AUTOMATION_PICK (set by the
    // harness) instead of opening a native dialog no WebDriver can drive.
    // WebKitWebDriver does not pass it on its own.
    "tauri:options": { application, args: ["--db", database, "--automation"] },
  });
  try {
    await session.waitFor("the app frame", () => session.find('[data-testid="nav"]'), 30000);
  } catch (error) {
    const file = await saveScreenshot(session, "FAILED-launch").catch(() => "none");
    const page = await session
      .execute("return location.href + ' :: ' + document.documentElement.outerHTML.slice(0, 500)")
      .catch((e) => String(e));
    await session.end().catch(() => {});
    error.message += `\n(screenshot: ${file}; page: ${page})`;
    throw error;
  }
  return { session, database };
}

export async function saveScreenshot(session, name) {
  mkdirSync(artifacts, { recursive: true });
  const file = join(artifacts, `${name.replace(/[^\w.-]+/g, "_")}.png`);
  writeFileSync(file, await session.screenshotPng());
  return file;
}

/** A test that leaves a screenshot of the window behind when it fails. */
export function appTest(name, getSession, body) {
  test(name, async () => {
    try {
      await body();
    } catch (error) {
      const session = getSession();
      if (session) {
        try {
          const file = await saveScreenshot(session, `FAILED-${name}`);
          error.message += `\n(screenshot: ${file})`;
        } catch {
          // The window may be gone; the original failure matters more.
        }
      }
      throw error;
    }
  });
}
