// Registering and finding records through the UI only: the first-run screen, the
// directory, one record of every kind, search and filters, an amendment in the
// history, a cancellation with a reason, the core's validation messages on their
// fields, and the language switch. Screenshots of every form and list are saved.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe } from "node:test";
import { appTest, artifacts, launchApp } from "./app.mjs";
import { KEY, sel, ui } from "./ui.mjs";
import { asArg } from "./webdriver.mjs";

const ENTERPRISE = "沈北新材料有限公司";
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A credit code with the right GB 32100-2015 check character (invented, not a real firm). */
function creditCode(first17) {
  const sum = [...first17].reduce((acc, ch, i) => acc + ALPHABET.indexOf(ch) * WEIGHTS[i], 0);
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
}

/** A PDF's text as poppler reads it, spaces between characters taken out. */
function pdfText(file) {
  const out = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout.replace(/ +/g, "");
}

describe("records", () => {
  let app;
  const session = () => app?.session;

  before(async () => {
    app = await launchApp();
  });

  after(async () => {
    await app?.session.end();
  });

  const { still, find, click, keys, text, shot, press, fieldError, fill, pick, gone, core, ALL, count, rows, rowTexts, openRow, openArea, closeDetail, saveForm, fillDate, hasFieldError, keepRecoveryKey } = ui(session);

  // --- the tests --------------------------------------------------------------------

  appTest("sets up the bureau, a department and me on the first-run screen", session, async () => {
    await find(sel("first-run"), 20000);
    await shot("first-run");
    // An empty submit: each required field says so in words; nothing reaches the core.
    await click(sel("setup-submit"));
    assert.equal(await fieldError("setup-bureau"), "此项必填");
    assert.equal(await fieldError("setup-passphrase"), "此项必填");
    assert.doesNotMatch(await text(sel("first-run")), /missing field|bureau_save/);
    assert.equal((await core("bureau_get", {})).name ?? null, null);
    await shot("first-run-errors");
    await fill(sel("setup-bureau"), "沈阳市某局");
    await fill(sel("setup-department"), "招商服务处");
    await fill(sel("setup-name"), "王明");
    await fill(sel("setup-staffNo"), "E2E001");
    await fill(sel("setup-position"), "科长");
    await fill(sel("setup-passphrase"), "e2e passphrase");
    await fill(sel("setup-passphrase2"), "e2e passphrase");
    await click(sel("setup-submit"));
    // The database is now protected by the administrator's passphrase; the recovery
    // key is shown once, to be printed.
    await find(sel("recovery-key"), 20000);
    await shot("recovery-key");
    const recovery = await keepRecoveryKey();
    assert.match(recovery, /^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/);
    await find(sel("home-month"), 20000);
    await gone(sel("first-run"));
    // What was entered is not readable in the database or its WAL; the key file names
    // only who signs in (as a sign-in screen does), nothing else.
    const readable = (suffix, secrets) => {
      const file = app.database + suffix;
      if (!existsSync(file)) return;
      const bytes = readFileSync(file);
      for (const secret of secrets) {
        assert.equal(bytes.includes(Buffer.from(secret, "utf8")), false, `${secret} is readable in ${file}`);
      }
    };
    assert.ok(existsSync(app.database + ".keys"), "the key file is beside the database");
    readable("", ["沈阳市某局", "招商服务处", "E2E001", "SQLite format 3"]);
    readable("-wal", ["沈阳市某局", "招商服务处", "E2E001"]);
    readable(".keys", ["沈阳市某局", "SQLite format 3"]);
    assert.equal((await core("app_info", {})).protection, "protected");
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
    assert.match(await fieldError("entry-creditCode"), /^不是有效的统一社会信用代码/);
    assert.equal((await core("counterpart_list", { includeInactive: true })).length, 0);
    await shot("directory-credit-code-error");

    await fill(sel("entry-creditCode"), creditCode("91210100MA0QXY312"));
    await click(sel("entry-save"));
    await gone(`${sel("entry-modal-counterpart")} input`);
    await session().waitFor("the enterprise in the directory", async () =>
      (await text(sel("directory-counterpart"))).includes(ENTERPRISE),
    );
    await shot("directory-counterparts");
  });

  appTest("registers a meal; a negative amount is refused next to its field first", session, async () => {
    await openArea("meals");
    await find(sel("record-empty"));
    await shot("meal-list-empty");
    await click(sel("record-new"));
    await find(sel("record-form-meal"));
    await pick("field-counterpartId", "沈北");
    await fill(sel("field-amountPaid"), "-15");
    await fillDate("field-date", "2099-01-01");
    await click(sel("form-save"));
    // Every problem at once, each beside its field, in words (no internal path):
    // the place left empty, the negative amount, a date no registration can mean.
    assert.equal(await fieldError("field-amountPaid"), "金额不能为负数");
    assert.equal(await fieldError("field-place"), "此项必填");
    assert.match(await fieldError("field-date"), /^不能晚于 \d{4}-\d{2}-\d{2}（今天之后 90 天）/);
    assert.equal(await count("meal"), 0, "nothing is saved");
    await shot("meal-form-error");
    // Corrected, the place's and the date's messages go with the next refusal.
    await fill(sel("field-place"), "沈北新材料职工食堂");
    await fillDate("field-date", new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10));
    await click(sel("form-save"));
    await session().waitFor("only the amount still refused", async () => !(await hasFieldError("field-place")) && !(await hasFieldError("field-date")));
    assert.equal(await fieldError("field-amountPaid"), "金额不能为负数");

    await fill(sel("field-amountPaid"), "15");
    // A canteen fee that was paid has a receipt (the core asks for it).
    await fill(sel("field-receiptNo"), "SY-2025-0001");
    await shot("meal-form");
    await saveForm("meal");
    await session().waitFor("the meal in the list", async () => (await rows()).length === 1);
    assert.match((await rowTexts())[0], /沈北新材料职工食堂/);
    assert.match((await rowTexts())[0], /¥15\.00/);
    assert.equal((await session().findAllShown(sel("finding-badge-violation"))).length, 0, "a paid canteen meal breaks no rule");
    await shot("meal-list");
  });

  appTest("an unpaid canteen meal is flagged under 二(一)6, in its detail, its row and the findings filter", session, async () => {
    await click(sel("record-new"));
    await find(sel("record-form-meal"));
    await click(sel("field-mode-canteenMeal"));
    await pick("field-counterpartId", "沈北");
    await fill(sel("field-place"), "沈北新材料二号食堂");
    await fill(sel("field-amountPaid"), "0");
    await saveForm("meal");
    await session().waitFor("two meals", async () => (await rows()).length === 2);
    const unpaid = async () => {
      const texts = await rowTexts();
      const index = texts.findIndex((t) => t.includes("二号食堂"));
      assert.notEqual(index, -1, texts.join(" | "));
      return (await rows())[index];
    };
    await session().waitFor("the violation badge on the unpaid meal's row", async () => {
      const row = await unpaid();
      const badges = await session().cmd("POST", `/element/${row}/elements`, {
        using: "css selector",
        value: sel("finding-badge-violation"),
      });
      return badges.length === 1;
    });
    assert.equal((await session().findAllShown(sel("finding-badge-violation"))).length, 1, "only the unpaid meal is flagged");

    // The findings filter narrows the list to it.
    await click(`${sel("filter-finding")}`);
    await session().waitFor("the findings options", async () =>
      session().execute(
        `return [...document.querySelectorAll(".ant-select-item-option")].filter((o) => o.offsetParent !== null).length === 3`,
      ),
    );
    await keys(await find(`${sel("filter-finding")} input`), KEY.enter);
    await session().waitFor("only the unpaid meal", async () => {
      const texts = await rowTexts();
      return texts.length === 1 && texts[0].includes("二号食堂");
    });
    assert.match(await text(sel("record-totals")), /共 1 条/);
    await shot("meal-list-violations");

    // Its detail cites the clause.
    await openRow(0);
    const finding = await session().waitFor("the finding", async () => session().text(await session().findShown(sel("finding-0"))));
    assert.match(finding, /违规/);
    assert.match(finding, /二\(一\)6/);
    assert.match(finding, /实付 ¥0\.00/);

    // An attachment, picked through the (automated) file dialog, listed and previewed.
    await click(sel("attachment-add"));
    const listed = await session().waitFor("the attachment in the list", () =>
      session().findShown(`${sel("attachments")} .ant-list-item[data-testid^="attachment-"]`),
    );
    assert.match(await session().text(listed), /receipt\.png/);
    await click(sel("attachment-preview-open"));
    await session().waitFor("the image in the preview", async () =>
      session().execute(
        `const img = document.querySelector('[data-testid="attachment-preview"] img');
         return !!img && img.complete && img.naturalWidth > 0 && img.src.startsWith("data:image/png;base64,");`,
      ),
    );
    await shot("attachment-preview");
    await click(`.ant-modal-wrap:has(${sel("attachment-preview")}) .ant-modal-close`);
    await gone(sel("attachment-preview"));
    await closeDetail();

    await click(`${sel("filter-finding")} .ant-select-clear`);
    await session().waitFor("both meals again", async () => (await rows()).length === 2);
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
    await shot("trip-form");
    await saveForm("trip");
    await session().waitFor("the trip in the list", async () => (await rows()).length === 1);
    assert.match((await rowTexts())[0], /¥633\.00/);
    await shot("trip-list");
  });

  appTest("registers a received gift and a given gift", session, async () => {
    await openArea("gifts");
    await click(sel("record-new"));
    await find(sel("record-form-giftReceived"));
    await fill(sel("field-giverName"), "李经理");
    await fill(sel("field-item"), "茶叶两盒");
    // Each text field counts towards the length the core takes.
    assert.match(
      await session().execute(`return document.querySelector('[data-testid="field-item"]').closest(".ant-form-item").textContent`),
      /4 \/ 100/,
    );
    // A value no gift has (a slip of a few zeros) is refused with the reason, and nothing saved.
    await fill(sel("field-estimatedValue"), "999999999999");
    await click(sel("form-save"));
    assert.match(await fieldError("field-estimatedValue"), /^金额不能超过 ¥100,000,000\.00：更大的数应是录入有误/);
    assert.equal(await count("gift"), 0);
    await fill(sel("field-estimatedValue"), "300");
    await shot("gift-received-form");
    await saveForm("giftReceived");

    await click(sel("record-new"));
    await click(sel("form-kind-giftGiven"));
    await find(sel("record-form-giftGiven"));
    await fill(sel("field-recipient"), "来访企业代表团");
    await fill(sel("field-occasion"), "签约仪式");
    await fill(sel("field-item"), "沈阳故宫纪念册");
    await fill(sel("field-value"), "120");
    await fill(sel("field-funding"), "办公经费");
    await shot("gift-given-form");
    await saveForm("giftGiven");
    await session().waitFor("two gifts", async () => (await rows()).length === 2);
    await shot("gift-list");
  });

  appTest("registers a contact", session, async () => {
    await openArea("contacts");
    await click(sel("record-new"));
    await find(sel("record-form-contact"));
    // The enterprise used last is already chosen; the official is me.
    await session().waitFor("the default enterprise", async () => (await text(sel("field-counterpartIds"))).includes(ENTERPRISE));
    await fill(sel("field-purpose"), "走访了解企业用地需求");
    await fill(sel("field-outcome"), "协调规划部门现场办公");
    await shot("contact-form");
    await saveForm("contact");
    await session().waitFor("the contact in the list", async () => (await rows()).length === 1);
    await shot("contact-list");
    assert.equal(await count(), 6);
  });

  appTest("finds a record by search and by filter", session, async () => {
    await openArea("records");
    await session().waitFor("six records", async () => (await rows()).length === 6);
    await shot("timeline");
    // "/" focuses the search box.
    await click(sel("page-number"));
    await press("/");
    const search = await find(`${sel("record-search")} input, input${sel("record-search")}`);
    await keys(search, "茶叶");
    await session().waitFor("one search result", async () => (await rows()).length === 1);
    assert.match((await rowTexts())[0], /茶叶两盒/);
    // The row says where it matched, the matched words marked.
    assert.equal(await text(`${sel("search-match")} mark`), "茶叶");
    assert.match(await text(sel("search-match")), /^物品：.*茶叶/);
    await fill(`${sel("record-search")} input, input${sel("record-search")}`, "");
    await session().waitFor("all again", async () => (await rows()).length === 6);

    // Newest first; a click on 金额 sorts largest first, another smallest first.
    const dates = async () => (await rowTexts()).map((t) => t.match(/\d{4}-\d{2}-\d{2}/)?.[0]);
    const amounts = async () =>
      (await rowTexts()).map((t) => Number((t.match(/¥([\d,]+\.\d{2})/)?.[1] ?? "0").replace(/,/g, "")));
    const newestFirst = [...(await dates())].sort().reverse();
    assert.deepEqual(await dates(), newestFirst);
    await click(sel("column-amount"));
    await session().waitFor("largest first", async () => {
      const shown = await amounts();
      return JSON.stringify(shown) === JSON.stringify([...shown].sort((a, b) => b - a)) && shown[0] > shown.at(-1);
    });
    await shot("search-sorted");
    await click(sel("column-amount"));
    await session().waitFor("smallest first", async () => {
      const shown = await amounts();
      return JSON.stringify(shown) === JSON.stringify([...shown].sort((a, b) => a - b)) && shown[0] < shown.at(-1);
    });
    await click(sel("column-date"));
    await session().waitFor("newest first again", async () => JSON.stringify(await dates()) === JSON.stringify(newestFirst));

    await pick("filter-official", "王明");
    await session().waitFor("my records", async () => (await rows()).length === 6);
    assert.match(await text(sel("record-totals")), /共 6 条/);
    await click(sel("filter-clear"));
  });

  appTest("amends a meal with a reason and sees the change in its history", session, async () => {
    await openArea("meals");
    await session().waitFor("the meals", async () => (await rows()).length === 2);
    const paid = (await rowTexts()).findIndex((t) => t.includes("职工食堂"));
    await openRow(paid);
    await shot("meal-detail");
    await click(sel("detail-edit"));
    await find(sel("record-form-meal"));
    await fill(sel("field-place"), "沈北新材料职工食堂二楼");
    await fill(sel("field-amountPaid"), "30");
    // A reason is kept with the new version (required only once a signed register
    // has locked the record: see review.test.mjs and tests/review.rs).
    await fill(sel("field-reason"), "地点写得不完整");
    await saveForm("meal");
    await session().waitFor("the amended place", async () => (await text(sel("detail-body"))).includes("二楼"));
    const entry = await session().text(await find(sel("history-entry-1")));
    assert.match(entry, /二楼/);
    // Changed fields are named as the form names them, not by their stored path.
    assert.match(entry, /地点/);
    assert.doesNotMatch(entry, /body\.meal/);
    // Amounts in yuan as the detail view shows them, never the stored fen.
    assert.match(entry, /¥15\.00/);
    assert.match(entry, /¥30\.00/);
    assert.doesNotMatch(entry, /\b(1500|3000)\b/);
    const titled = await session().execute("return document.querySelectorAll('[data-testid=history-entry-1] [title]').length");
    assert.equal(titled, 0, "no stored path on hover");
    await session().execute(`arguments[0].scrollIntoView({ block: "center" });`, [asArg(await find(sel("history-entry-1")))]);
    await shot("meal-history");
  });

  appTest("cancels the meal with a reason; it leaves the list unless cancelled ones are shown", session, async () => {
    await click(sel("detail-cancel"));
    await click(sel("cancel-confirm"));
    await fieldError("cancel-reason");
    await fill(sel("cancel-reason"), "重复登记");
    await click(sel("cancel-confirm"));
    await session().waitFor("cancelled", async () => (await text(sel("detail-cancelled"))).includes("重复登记"));
    await shot("meal-cancelled");
    await closeDetail();
    await session().waitFor("the list without it", async () => (await rows()).length === 1);
    assert.doesNotMatch((await rowTexts())[0], /职工食堂/);
    await click(sel("filter-cancelled"));
    await session().waitFor("the cancelled meal", async () => (await rows()).length === 2);
    const cancelled = (await rowTexts()).filter((t) => t.includes("职工食堂二楼"));
    assert.equal(cancelled.length, 1);
    assert.match(cancelled[0], /已作废/);

    // A cancelled record offers only a restore, with a reason; restored, it is valid
    // and listed again, the restoration in its history. (Cancelled again afterwards,
    // as the tests after this one expect.)
    await openRow((await rowTexts()).findIndex((t) => t.includes("职工食堂二楼")));
    await find(sel("detail-restore"));
    assert.equal(await session().findShown(sel("review-submit")), null, "no 提交审核 on a cancelled record");
    assert.equal(await session().findShown(sel("detail-edit")), null);
    await click(sel("detail-restore"));
    await click(sel("restore-confirm"));
    await fieldError("restore-reason");
    await fill(sel("restore-reason"), "并非重复，误作废");
    await click(sel("restore-confirm"));
    await gone(sel("detail-cancelled"));
    assert.match(await text(sel("detail-status")), /有效/);
    await session().waitFor("the restoration in the history", async () => (await text(sel("record-detail"))).includes("恢复"));
    await shot("meal-restored");
    await click(sel("detail-cancel"));
    await fill(sel("cancel-reason"), "重复登记");
    await click(sel("cancel-confirm"));
    await session().waitFor("cancelled again", async () => (await text(sel("detail-cancelled"))).includes("重复登记"));
    await closeDetail();
    await click(sel("filter-cancelled"));
  });

  appTest("prints a record whole and the filtered list, each a PDF read back with poppler", session, async () => {
    await openArea("meals");
    await session().waitFor("the unpaid meal", async () => (await rowTexts()).some((t) => t.includes("二号食堂")));
    await openRow((await rowTexts()).findIndex((t) => t.includes("二号食堂")));
    // The save dialog answers the harness's PDF path under automation.
    const saved = join(artifacts, "saved-register.pdf");
    rmSync(saved, { force: true });
    await click(sel("detail-print"));
    await session().waitFor("the record's sheet written", async () => existsSync(saved));
    const sheet = pdfText(saved);
    for (const expected of ["就餐登记记录单", "沈阳市某局", "企业食堂工作餐", "沈北新材料二号食堂", ENTERPRISE, "二(一)6", "receipt.png", "登记", "王明", "打印人：王明"]) {
      assert.ok(sheet.includes(expected), `${expected} in the printed record:\n${sheet}`);
    }
    await closeDetail();

    rmSync(saved, { force: true });
    await click(sel("record-export"));
    await click(sel("export-pdf"));
    await session().waitFor("the list written", async () => existsSync(saved));
    const list = pdfText(saved);
    assert.match(list, /沈阳市某局政商交往登记记录/);
    // What the list shows: the valid meal, not the cancelled one.
    assert.match(list, /共1条，有效1条/);
    assert.ok(list.includes("二号食堂") && !list.includes("职工食堂二楼"), list);
  });

  appTest("a canteen meal takes at most 25 keystrokes when the enterprise and its canteen rate are known", session, async () => {
    // The enterprise runs a canteen at ¥15.00 a head: the directory is told so.
    await openArea("directory");
    await click(sel("tab-counterpart"));
    await click(`${sel("directory-counterpart")} ${sel("directory-edit")}`);
    await find(sel("entry-modal-counterpart"));
    await click(sel("entry-hasCanteen"));
    await fill(sel("entry-canteenRate"), "15");
    await click(sel("entry-save"));
    await gone(`${sel("entry-modal-counterpart")} input`);
    const [enterprise] = await core("counterpart_list", { includeInactive: false });
    assert.equal(enterprise.value.canteenRate, 1500);
    await openArea("meals");
    const before = await count("meal");
    await click(sel("page-number"));
    await still();
    // Every key is counted as pressed; Chinese is counted as typed with a pinyin input
    // method (食堂: s-h-i-t-a-n-g and a space to pick), though WebDriver sends the characters.
    let strokes = 0;
    const stroke = async (...chord) => {
      strokes += chord.length;
      await press(...chord);
    };
    const type = async (text, typedAs = text) => {
      strokes += typedAs.length;
      for (const ch of text) await press(ch);
    };
    const focused = () => session().execute(`return document.activeElement?.closest("[data-testid]")?.getAttribute("data-testid") ?? document.activeElement?.getAttribute("data-testid") ?? null`);
    await stroke(KEY.ctrl, "n");
    await find(sel("record-form-meal"));
    await session().waitFor("the place focused", async () => (await focused()) === "field-place");
    await type("食堂", "shitang ");
    // Tab past what is already right (me as the official, the canteen rate as the
    // standard) to the amount paid; every Tab is counted.
    const tabTo = async (testId) => {
      for (let i = 0; i < 8 && (await focused()) !== testId; i++) await stroke("\uE004");
      assert.equal(await focused(), testId);
    };
    await tabTo("field-amountPaid");
    assert.equal(await session().execute(`return document.querySelector('[data-testid="field-perPersonStandard"] input, input[data-testid="field-perPersonStandard"]').value`), "15.00");
    await type("15");
    await tabTo("field-receiptNo");
    await type("R1");
    await stroke(KEY.ctrl, "s");
    await gone(sel("record-form-meal"));
    assert.ok(strokes <= 25, `${strokes} keystrokes`);
    assert.equal(await count("meal"), before + 1);
    const saved = (await core("record_list", { filter: { ...ALL, kind: "meal", includeCancelled: false } })).items.find((r) => r.body.meal.receiptNo === "R1");
    assert.equal(saved.body.meal.place, "食堂");
    assert.equal(saved.body.meal.perPersonStandard, 1500);
    assert.equal(saved.body.meal.amountPaid, 1500);
    assert.equal(saved.body.meal.mode, "canteenMeal");
    assert.equal(saved.body.meal.counterpartId, enterprise.id);
    const findings = await core("record_findings", { id: saved.id });
    assert.deepEqual(findings.findings.filter((f) => f.severity === "violation"), [], "paid at the canteen's rate: no violation");
    console.log(`# a canteen meal in ${strokes} keystrokes`);
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
    let said;
    await session()
      .waitFor("English", async () => (said = await text(sel("nav-meals"))) === "Meals")
      .catch((error) => {
        error.message += ` (the Meals entry says ${JSON.stringify(said)})`;
        throw error;
        throw error;
      });
    await openArea("trips");
    assert.equal(await text(sel("record-new")), "Register");
    assert.match(await text(sel("record-totals")), /^Records: 1 · /);
    await shot("trip-list-en");
    await click(sel("record-new"));
    await find(sel("record-form-trip"));
    await shot("trip-form-en");
    await click(sel("form-close"));
  });
});
