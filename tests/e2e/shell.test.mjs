import assert from "node:assert/strict";
import { after, before, describe } from "node:test";
import { appTest, launchApp, saveScreenshot } from "./app.mjs";

const AREAS = {
  home: ["首页", "Home"],
  trips: ["出行", "Trips"],
  meals: ["用餐", "Meals"],
  gifts: ["礼品", "Gifts"],
  contacts: ["交往", "Contacts"],
  registers: ["登记簿", "Registers"],
  directory: ["名录", "Directory"],
  settings: ["设置", "Settings"],
  about: ["关于", "About"],
};

describe("the app window", () => {
  let app;
  const session = () => app?.session;

  before(async () => {
    app = await launchApp();
  });

  after(async () => {
    await app?.session.end();
  });

  appTest("opens in Chinese", session, async () => {
    const s = session();
    assert.equal(await s.waitForText('[data-testid="app-title"]'), "亲清政商交往登记");
    for (const [key, [zh]] of Object.entries(AREAS)) {
      assert.equal(await s.text(await s.find(`[data-testid="nav-${key}"]`)), zh);
    }
    const lang = await s.execute("return document.documentElement.lang");
    assert.equal(lang, "zh-CN");
    await s.waitFor("the database path on the home page", () => s.find('[data-testid="home-database"]'));
    await saveScreenshot(s, "home");
  });

  appTest("app_info round-trips through IPC", session, async () => {
    const s = session();
    const info = await s.executeAsync(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke("call", { command: "app_info", request: {} })
         .then((value) => done({ value }), (error) => done({ error }));`,
    );
    assert.equal(info.error, undefined, JSON.stringify(info.error));
    assert.equal(info.value.databasePath, app.database);
    assert.ok(Number.isInteger(info.value.schemaVersion) && info.value.schemaVersion > 0);
    assert.match(info.value.appVersion, /^\d+\.\d+\.\d+/);

    const refused = await s.executeAsync(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke("call", { command: "nope", request: {} })
         .then((value) => done({ value }), (error) => done({ error }));`,
    );
    assert.equal(refused.value, undefined);
    assert.equal(refused.error.code, "unknownCommand");
    assert.match(refused.error.message, /nope/);
  });

  appTest("navigation reaches every area", session, async () => {
    const s = session();
    for (const [key, [zh]] of Object.entries(AREAS)) {
      await s.click(await s.find(`[data-testid="nav-${key}"]`));
      await s.waitFor(`area ${key}`, () => s.find(`[data-testid="area-${key}"]`));
      assert.equal(await s.waitForText('[data-testid="page-title"]'), zh);
    }
    const about = await s.waitForText('[data-testid="about-database-path"]');
    assert.equal(about, app.database);
  });

  appTest("switching to English changes the labels, and it is saved", session, async () => {
    const s = session();
    await s.click(await s.findXPath('//*[@data-testid="language-switch"]//*[normalize-space(text())="English"]'));
    await s.waitFor("English navigation", async () =>
      (await s.text(await s.find('[data-testid="nav-trips"]'))) === "Trips",
    );
    for (const [key, [, en]] of Object.entries(AREAS)) {
      assert.equal(await s.text(await s.find(`[data-testid="nav-${key}"]`)), en);
    }
    assert.equal(await s.text(await s.find('[data-testid="app-title"]')), "Qinqing Register");
    const saved = await s.executeAsync(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke("call", { command: "app_info", request: {} }).then(done, done);`,
    );
    assert.equal(saved.language, "en");
    await saveScreenshot(s, "home-en");
  });
});
