// Registering and finding records through the UI only: the first-run screen, the
// directory, one record of every kind, search and filters, an amendment in the
// history, a cancellation with a reason, the core's validation messages on their
// fields, and the language switch. Screenshots of every form and list are saved.
import assert from "node:assert/strict";
import { after, before, describe } from "node:test";
import { appTest, launchApp, saveScreenshot } from "./app.mjs";

const KEY = { enter: "\uE007", escape: "\uE00C", ctrl: "\uE009", nul: "\uE000", backspace: "\uE003" };

const ENTERPRISE = "沈北新材料有限公司";
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A credit code with the right GB 32100-2015 check character (invented, not a real firm). */
function creditCode(first17) {
  const sum = [...first17].reduce((acc, ch, i) => acc + ALPHABET.indexOf(ch) * WEIGHTS[i], 0);
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
}

const sel = (testId) => `[data-testid="${testId}"]`;

/** The form item around a field, and its error message (antd's explain line). */
const fieldErrorXPath = (testId) =>
  `//*[@data-testid="${testId}"]/ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-form-item ")][1]` +
  `//*[contains(@class, "ant-form-item-explain-error")]`;

describe("records", () => {
  let app;
  const session = () => app?.session;

  before(async () => {
    app = await launchApp();
  });

  after(async () => {
    await app?.session.end();
  });

  // --- helpers over the WebDriver session -------------------------------------------

  const find = (css, timeout) => session().waitFor(css, () => session().find(css), timeout);
  const click = async (css) => session().click(await find(css));
  const keys = async (element, text) => session().cmd("POST", `/element/${element}/value`, { text });
  const text = async (css) => session().text(await find(css));

  /** Presses keys wherever the focus is (W3C actions), e.g. press(KEY.ctrl, "n"). */
  async function press(...chord) {
    const down = chord.map((value) => ({ type: "keyDown", value }));
    const up = [...chord].reverse().map((value) => ({ type: "keyUp", value }));
    await session().cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: [...down, ...up] }] });
    await session().cmd("DELETE", "/actions");
  }

  /** Replaces what a field holds (select all, delete, type), as a user would. */
  async function fill(css, value) {
    const element = await find(css);
    await session().click(element);
    await keys(element, `${KEY.ctrl}a${KEY.nul}${KEY.backspace}`);
    if (value !== "") await keys(element, value);
  }

  /** Types into a directory picker's search box and takes the first match. */
  async function pick(testId, query) {
    const input = await find(`${sel(testId)} input`);
    await session().click(input);
    await keys(input, query);
    await session().waitFor(`an option for ${query}`, async () =>
      session().execute(
        `return [...document.querySelectorAll(".ant-select-item-option")].some((o) => o.offsetParent !== null && o.textContent.includes(arguments[0]))`,
        [query],
      ),
    );
    await keys(input, KEY.enter);
  }

  async function gone(css, timeout = 10000) {
    await session().waitFor(`${css} to close`, async () => (await session().findAll(css)).length === 0, timeout);
  }

  async function core(command, request) {
    const answer = await session().executeAsync(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke("call", { command: arguments[0], request: arguments[1] })
         .then((value) => done({ value }), (error) => done({ error }));`,
      [command, request],
    );
    assert.equal(answer.error, undefined, JSON.stringify(answer.error));
    return answer.value;
  }

  const ALL = {
    kind: null,
    departmentId: null,
    officialId: null,
    counterpartId: null,
    from: null,
    to: null,
    includeCancelled: true,
    text: null,
    finding: null,
    asOf: null,
  };
  const count = async (kind = null) => (await core("record_totals", { filter: { ...ALL, kind } })).count;

  async function rows() {
    return session().findAll("[data-record-row]");
  }

  async function rowTexts() {
    return Promise.all((await rows()).map((r) => session().text(r)));
  }

  async function openArea(key) {
    await click(sel(`nav-${key}`));
    await find(sel(`area-${key}`));
  }

  async function saveForm(kind) {
    await click(sel("form-save"));
    await gone(sel(`record-form-${kind}`));
  }

  // --- the tests --------------------------------------------------------------------

  appTest("sets up the bureau, a department and me on the first-run screen", session, async () => {
    await find(sel("first-run"), 20000);
    await saveScreenshot(session(), "first-run");
    await fill(sel("setup-bureau"), "沈阳市某局");
    await fill(sel("setup-department"), "招商服务处");
    await fill(sel("setup-name"), "王明");
    await fill(sel("setup-staffNo"), "E2E001");
    await fill(sel("setup-position"), "科长");
    await click(sel("setup-submit"));
    await find(sel("home-month"), 20000);
    await gone(sel("first-run"));
    assert.equal((await core("profile_get", {})).officialId !== null, true);
    assert.equal((await core("bureau_get", {})).name, "沈阳市某局");
  });

  appTest("a bad credit code is refused next to its field, and nothing is saved", session, async () => {
    await openArea("directory");
    await click(sel("tab-counterpart"));
    await click(sel("directory-counterpart-add"));
    await find(sel("entry-modal-counterpart"));
    await fill(sel("entry-name"), ENTERPRISE);
    await fill(sel("entry-creditCode"), "91210100MA0QXY3");
    await click(sel("entry-save"));
    const error = await session().waitFor("the credit-code error", () =>
      session().findXPath(fieldErrorXPath("entry-creditCode")),
    );
    assert.match(await session().text(error), /统一社会信用代码/);
    assert.equal((await core("counterpart_list", { includeInactive: true })).length, 0);
    await saveScreenshot(session(), "directory-credit-code-error");

    await fill(sel("entry-creditCode"), creditCode("91210100MA0QXY312"));
    await click(sel("entry-save"));
    await gone(`${sel("entry-modal-counterpart")} input`);
    await session().waitFor("the enterprise in the directory", async () =>
      (await text(sel("directory-counterpart"))).includes(ENTERPRISE),
    );
    await saveScreenshot(session(), "directory-counterparts");
  });

  appTest("registers a meal; a negative amount is refused next to its field first", session, async () => {
    await openArea("meals");
    await find(sel("record-empty"));
    await saveScreenshot(session(), "meal-list-empty");
    await click(sel("record-new"));
    await find(sel("record-form-meal"));
    await pick("field-counterpartId", "沈北");
    await fill(sel("field-place"), "沈北新材料职工食堂");
    await fill(sel("field-amountPaid"), "-15");
    await click(sel("form-save"));
    const error = await session().waitFor("the amount error", () => session().findXPath(fieldErrorXPath("field-amountPaid")));
    assert.ok((await session().text(error)).length > 0);
    assert.equal(await count("meal"), 0, "nothing is saved");
    await saveScreenshot(session(), "meal-form-error");

    await fill(sel("field-amountPaid"), "15");
    await saveScreenshot(session(), "meal-form");
    await saveForm("meal");
    await session().waitFor("the meal in the list", async () => (await rows()).length === 1);
    assert.match((await rowTexts())[0], /沈北新材料职工食堂/);
    assert.match((await rowTexts())[0], /¥15\.00/);
    await saveScreenshot(session(), "meal-list");
  });

  appTest("registers a trip with expense lines added and removed in place", session, async () => {
    await openArea("trips");
    await click(sel("record-new"));
    await find(sel("record-form-trip"));
    await fill(sel("field-purpose"), "赴深圳招商推介");
    await fill(sel("field-destination"), "深圳市南山区");
    await click(sel("expense-add"));
    await click(sel("expense-add"));
    await click(sel("expense-add"));
    await fill(sel("field-expenses-0-amount"), "553");
    await fill(sel("field-expenses-1-amount"), "999");
    await fill(sel("field-expenses-2-amount"), "80");
    await click(sel("expense-1-remove"));
    await session().waitFor("two lines", async () => (await session().findAll(sel("expense-2"))).length === 0);
    await saveScreenshot(session(), "trip-form");
    await saveForm("trip");
    await session().waitFor("the trip in the list", async () => (await rows()).length === 1);
    assert.match((await rowTexts())[0], /¥633\.00/);
    await saveScreenshot(session(), "trip-list");
  });

  appTest("registers a received gift and a given gift", session, async () => {
    await openArea("gifts");
    await click(sel("record-new"));
    await find(sel("record-form-giftReceived"));
    await fill(sel("field-giverName"), "李经理");
    await fill(sel("field-item"), "茶叶两盒");
    await fill(sel("field-estimatedValue"), "300");
    await saveScreenshot(session(), "gift-received-form");
    await saveForm("giftReceived");

    await click(sel("record-new"));
    await click(sel("form-kind-giftGiven"));
    await find(sel("record-form-giftGiven"));
    await fill(sel("field-recipient"), "来访企业代表团");
    await fill(sel("field-occasion"), "签约仪式");
    await fill(sel("field-item"), "沈阳故宫纪念册");
    await fill(sel("field-value"), "120");
    await fill(sel("field-funding"), "办公经费");
    await saveScreenshot(session(), "gift-given-form");
    await saveForm("giftGiven");
    await session().waitFor("two gifts", async () => (await rows()).length === 2);
    await saveScreenshot(session(), "gift-list");
  });

  appTest("registers a contact", session, async () => {
    await openArea("contacts");
    await click(sel("record-new"));
    await find(sel("record-form-contact"));
    // The enterprise used last is already chosen; the official is me.
    await session().waitFor("the default enterprise", async () => (await text(sel("field-counterpartIds"))).includes(ENTERPRISE));
    await fill(sel("field-purpose"), "走访了解企业用地需求");
    await fill(sel("field-outcome"), "协调规划部门现场办公");
    await saveScreenshot(session(), "contact-form");
    await saveForm("contact");
    await session().waitFor("the contact in the list", async () => (await rows()).length === 1);
    await saveScreenshot(session(), "contact-list");
    assert.equal(await count(), 5);
  });

  appTest("finds a record by search and by filter", session, async () => {
    await openArea("records");
    await session().waitFor("five records", async () => (await rows()).length === 5);
    await saveScreenshot(session(), "timeline");
    // "/" focuses the search box.
    await click(sel("page-number"));
    await press("/");
    const search = await find(`${sel("record-search")} input, input${sel("record-search")}`);
    await keys(search, "茶叶");
    await session().waitFor("one search result", async () => (await rows()).length === 1);
    assert.match((await rowTexts())[0], /茶叶两盒/);
    await fill(`${sel("record-search")} input, input${sel("record-search")}`, "");
    await session().waitFor("all again", async () => (await rows()).length === 5);

    await pick("filter-official", "王明");
    await session().waitFor("my records", async () => (await rows()).length === 5);
    assert.match(await text(sel("record-totals")), /5/);
    await click(sel("filter-clear"));
  });

  appTest("amends a meal with a reason and sees the change in its history", session, async () => {
    await openArea("meals");
    await session().waitFor("the meal", async () => (await rows()).length === 1);
    await session().click((await rows())[0]);
    await find(sel("record-detail"));
    await saveScreenshot(session(), "meal-detail");
    await click(sel("detail-edit"));
    await find(sel("record-form-meal"));
    await fill(sel("field-place"), "沈北新材料职工食堂二楼");
    await click(sel("form-save"));
    // The reason is required before the core is even asked.
    await session().waitFor("the reason error", () => session().findXPath(fieldErrorXPath("field-reason")));
    await fill(sel("field-reason"), "地点写得不完整");
    await saveForm("meal");
    await session().waitFor("the amended place", async () => (await text(sel("detail-body"))).includes("二楼"));
    const entry = await find(sel("history-entry-1"));
    assert.match(await session().text(entry), /二楼/);
    await saveScreenshot(session(), "meal-history");
  });

  appTest("cancels the meal with a reason; it leaves the list unless cancelled ones are shown", session, async () => {
    await click(sel("detail-cancel"));
    await click(sel("cancel-confirm"));
    await session().waitFor("the reason error", () => session().findXPath(fieldErrorXPath("cancel-reason")));
    await fill(sel("cancel-reason"), "重复登记");
    await click(sel("cancel-confirm"));
    await session().waitFor("cancelled", async () => (await text(sel("detail-cancelled"))).includes("重复登记"));
    await saveScreenshot(session(), "meal-cancelled");
    await press(KEY.escape);
    // Esc closes the drawer when the focus is in it; otherwise its close button does.
    await gone(sel("record-detail"), 3000).catch(async () => {
      const closers = await session().findAll(".ant-drawer-open .ant-drawer-close");
      await session().click(closers.at(-1));
      await gone(sel("record-detail"));
    });
    await session().waitFor("the list without it", async () => (await rows()).length === 0);
    await click(sel("filter-cancelled"));
    await session().waitFor("the cancelled meal", async () => (await rows()).length === 1);
    assert.match((await rowTexts())[0], /已作废/);
    await click(sel("filter-cancelled"));
  });

  appTest("Ctrl+N opens a new record and Esc closes it", session, async () => {
    await openArea("contacts");
    await click(sel("page-number"));
    await press(KEY.ctrl, "n");
    await find(sel("field-purpose"));
    await press(KEY.escape);
    await gone(sel("record-form-contact"));
  });

  appTest("switches to English; lists and forms follow", session, async () => {
    await session().click(
      await session().findXPath('//*[@data-testid="language-switch"]//*[normalize-space(text())="English"]'),
    );
    await session().waitFor("English", async () => (await text(sel("nav-meals"))) === "Meals");
    await openArea("trips");
    assert.equal(await text(sel("record-new")), "Register");
    assert.match(await text(sel("record-totals")), /1 records/);
    await saveScreenshot(session(), "trip-list-en");
    await click(sel("record-new"));
    await find(sel("record-form-trip"));
    await saveScreenshot(session(), "trip-form-en");
    await click(sel("form-close"));
  });
});
