// Review through the UI only, with real profiles and passphrases: the head sets the
// bureau up and becomes its administrator, adds an official's profile; the official
// registers a meal and submits it; the head returns it with a comment; the official
// fixes it and resubmits; the head approves it from the queue with the keyboard;
// the record's history shows the whole cycle with its signature; an inspector sees
// the record and has no enabled control that changes it.
import assert from "node:assert/strict";
import { after, before, describe } from "node:test";
import { appTest, launchApp } from "./app.mjs";
import { KEY, sel, ui } from "./ui.mjs";

const HEAD = { name: "赵处长", passphrase: "head passphrase 1" };
const OFFICIAL = { name: "李明", passphrase: "official passphrase 1" };
const INSPECTOR = { name: "孙纪检", passphrase: "inspector passphrase 1" };

describe("review", () => {
  let app;
  const session = () => app?.session;

  before(async () => {
    app = await launchApp();
  });

  after(async () => {
    await app?.session.end();
  });

  const { still, find, click, keys, text, shot, press, fill, pick, gone, core, rows, openRow, openArea, saveForm, signIn, signOut, confirm, setUpBureau } =
    ui(session);

  /** Picks the option of a searchable Select by typing part of its label and Enter. */
  const choose = (testId, label) => pick(testId, label);

  async function statusIs(status) {
    await session().waitFor(`the record to be ${status}`, async () =>
      session().execute(
        `const el = [...document.querySelectorAll('[data-testid="review-status"]')].find((e) => e.offsetParent !== null);
         return el ? el.getAttribute("data-status") === arguments[0] : false;`,
        [status],
      ),
    );
  }

  async function openOnlyMeal() {
    await openArea("meals");
    await session().waitFor("the meal", async () => (await rows()).length === 1);
    await openRow(0);
  }

  appTest("the head sets up the bureau and becomes its administrator", session, async () => {
    await setUpBureau(HEAD);
    assert.match(await text(sel("session-user")), new RegExp(HEAD.name));
    const info = await core("session_get", {});
    assert.equal(info.user.profile.role, "departmentHead");
    assert.equal(info.user.profile.administrator, true);
  });

  appTest("the administrator gives an official a profile", session, async () => {
    const department = (await core("department_list", { includeInactive: false }))[0].id;
    const official = (name, staffNo, role) =>
      core("official_save", {
        id: null,
        version: null,
        value: { name, staffNo, departmentId: department, position: "科员", role, travelTier: "other", enforcementPowers: false, active: true },
      });
    await official(OFFICIAL.name, "S001", "staff");
    const inspector = await official(INSPECTOR.name, "I001", "inspector");
    await core("counterpart_save", {
      id: null,
      version: null,
      value: {
        name: "沈北新材料有限公司", kind: "enterprise", creditCode: null, creditCodeConfirmed: false,
        creditStatus: "normal", canteenRate: 1500, address: "", contact: "", active: true,
      },
    });
    // The inspector's profile is made directly; the official's through the screen.
    await core("profile_create", { officialId: inspector.id, administrator: false, passphrase: INSPECTOR.passphrase });
    // Set up behind the window's back: let it read the directory afresh (the core
    // keeps who is signed in).
    await session().execute("location.reload()");
    await find(sel("session-user"), 20000);

    await openArea("settings");
    await find(sel("profiles-section"));
    await click(sel("profile-add"));
    await choose("profile-official", OFFICIAL.name);
    await fill(sel("profile-passphrase"), OFFICIAL.passphrase);
    await fill(sel("profile-passphrase2"), OFFICIAL.passphrase);
    await click(sel("profile-save"));
    await gone(sel("profile-passphrase"));
    await session().waitFor("the new profile in the list", async () => (await text(sel("profiles-section"))).includes(OFFICIAL.name));
    await shot("profiles");
    const profiles = await core("profile_list", {});
    assert.equal(profiles.length, 3);
    assert.ok(profiles.every((p) => p.keys.length === 1 && p.keys[0].revokedFrom === null));
  });

  appTest("the official registers a meal and submits it with the passphrase", session, async () => {
    await signOut();
    await shot("sign-in");
    await signIn(OFFICIAL);
    await openArea("meals");
    await click(sel("record-new"));
    await find(sel("record-form-meal"));
    await pick("field-counterpartId", "沈北");
    await fill(sel("field-place"), "沈北新材料职工食堂");
    await fill(sel("field-amountPaid"), "15");
    await fill(sel("field-receiptNo"), "SY-0001");
    await saveForm("meal");
    await openOnlyMeal();
    await statusIs("draft");
    await click(sel("review-submit"));
    await confirm(OFFICIAL.passphrase);
    await statusIs("submitted");
  });

  appTest("the head returns it with a comment", session, async () => {
    await press(KEY.escape);
    await signOut();
    await signIn(HEAD);
    // A meal the head starts and leaves unsaved is kept as the head's draft…
    await openArea("meals");
    await click(sel("record-new"));
    await find(sel("record-form-meal"));
    await fill(sel("field-place"), "处长未保存的草稿");
    await click(sel("form-close"));
    await gone(sel("record-form-meal"));
    await click(sel("record-new"));
    await find(sel("draft-found"));
    await click(sel("form-close"));
    await gone(sel("record-form-meal"));
    await openArea("review");
    await find(sel("queue-row"));
    await shot("review-queue");
    await click(`${sel("queue-row")} input[type="checkbox"]`);
    await click(sel("queue-return"));
    await confirm(HEAD.passphrase, "请补充收据编号");
    await session().waitFor("the queue to empty", async () => (await session().findAllShown(sel("queue-row"))).length === 0);
  });

  appTest("the official reads the comment, fixes the record and resubmits", session, async () => {
    await signOut();
    await signIn(OFFICIAL);
    // …and is neither offered to the next person on this computer nor kept past the
    // head's sign-out.
    await openArea("meals");
    await click(sel("record-new"));
    await find(sel("record-form-meal"));
    await still();
    assert.equal(await session().findShown(sel("draft-found")), null, "no one else's draft");
    assert.doesNotMatch(await session().execute("return JSON.stringify(window.localStorage)"), /处长未保存的草稿/);
    await click(sel("form-close"));
    await gone(sel("record-form-meal"));
    await openOnlyMeal();
    await statusIs("returned");
    assert.match(await text(sel("review-comment")), /请补充收据编号/);
    await shot("record-returned");
    await click(sel("detail-edit"));
    await find(sel("record-form-meal"));
    await fill(sel("field-receiptNo"), "SY-0002");
    await saveForm("meal");
    await find(sel("record-detail"));
    await statusIs("returned");
    await click(sel("review-submit"));
    await confirm(OFFICIAL.passphrase);
    await statusIs("submitted");
  });

  appTest("the head approves it from the queue with the keyboard", session, async () => {
    await press(KEY.escape);
    await signOut();
    await signIn(HEAD);
    await openArea("review");
    await find(sel("queue-row"));
    // The queue takes the keyboard once focused (as Tab would focus it); the first
    // row is the focused one: Space selects it and A approves the selection.
    await session().execute(`document.querySelector('[data-testid="queue-keys"]').focus();`);
    await press(KEY.space);
    await press("a");
    await confirm(HEAD.passphrase);
    await session().waitFor("the queue to empty", async () => (await session().findAllShown(sel("queue-row"))).length === 0);
  });

  appTest("the record's history shows the whole cycle, signed", session, async () => {
    await openOnlyMeal();
    await statusIs("approved");
    assert.match(await text(sel("review-signature")), new RegExp(HEAD.name));
    const history = await text(sel("history"));
    for (const step of ["提交", "退回", "请补充收据编号", "审核通过", OFFICIAL.name, HEAD.name]) {
      assert.ok(history.includes(step), `the history mentions ${step}: ${history}`);
    }
    await shot("record-approved-history");
    const [record] = (await core("record_list", { filter: { kind: "meal" } })).items;
    const steps = (await core("record_history", { id: record.id })).map((v) => `${v.entity}:${v.action}`);
    assert.deepEqual(steps, ["record:create", "review:submit", "review:return", "record:update", "review:submit", "review:approve"]);
  });

  appTest("the head declares a silent month: his own with a confirmation before its last working day, a colleague's only with a reason", session, async () => {
    await press(KEY.escape);
    await openArea("review");
    await click(sel("tab-overview"));
    await find(sel("month-overview"));
    const me = (await core("session_get", {})).user.profile.officialId;
    const officials = await core("official_list", { includeInactive: false });
    const colleague = officials.find((o) => o.value.name === OFFICIAL.name).id;
    const standing = (id) => session().execute(
      `return document.querySelector('[data-testid="standing-${id}"]')?.getAttribute("data-standing") ?? null`,
    );

    // His own month (this one): no reason is asked of him; before the month's last
    // working day the core asks for a confirmation, which names that day.
    await session().waitFor("the head's month silent", async () => (await standing(me)) === "silent");
    await click(sel(`attest-${me}`));
    await find(sel("passphrase-modal"));
    assert.equal((await session().findAllShown(sel("review-comment-input"))).length, 0, "no reason for one's own month");
    await fill(sel("passphrase-input"), HEAD.passphrase);
    await click(sel("passphrase-ok"));
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    // No month's last working day falls before its 25th (a holiday ending a month
    // starts after it), so up to the 24th the confirmation must come.
    if (Number(today.slice(8)) <= 24) {
      const asked = await find(".ant-modal-confirm");
      const said = await session().text(asked);
      const day = said.match(/本月最后一个工作日是 (\d{4}-\d{2}-\d{2})/)?.[1];
      assert.ok(day && day > today, `the confirmation names a later last working day: ${said}`);
      assert.equal(await standing(me), "silent", "nothing is declared before the confirmation");
      await shot("attest-early-confirmation");
      await click(sel("attest-early-ok"));
    }
    await session().waitFor("the head's month declared", async () => (await standing(me)) === "declaredNil", 30000);

    // Last month, for a colleague: a reason is required, and signed with it.
    const lastMonth = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1)).toISOString().slice(0, 7);
    await click(`${sel("overview-month")} input, input${sel("overview-month")}`);
    // In January, last month is in the year before: the panel goes back a year first.
    if (lastMonth.slice(0, 4) !== today.slice(0, 4)) await click(".ant-picker-dropdown .ant-picker-header-super-prev-btn");
    await click(`.ant-picker-dropdown td[title="${lastMonth}"]`);
    await session().waitFor(`the colleague's ${lastMonth} silent`, async () => (await standing(colleague)) === "silent");
    await click(sel(`attest-${colleague}`));
    await find(sel("review-comment-input"));
    await fill(sel("passphrase-input"), HEAD.passphrase);
    await click(sel("passphrase-ok"));
    await session().waitFor("the reason asked for", async () =>
      (await session().execute(
        `const item = document.querySelector('[data-testid="review-comment-input"]')?.closest(".ant-form-item");
         return item?.querySelector(".ant-form-item-explain-error")?.textContent ?? "";`,
      )) !== "",
    );
    assert.equal(await standing(colleague), "silent", "refused without a reason: nothing declared");
    await fill(sel("review-comment-input"), "李明出差在外，委托处长代为声明");
    await fill(sel("passphrase-input"), HEAD.passphrase);
    await click(sel("passphrase-ok"));
    await gone(sel("passphrase-input"), 30000);
    await session().waitFor("the colleague's month declared", async () => (await standing(colleague)) === "declaredNil");
    const row = (await core("month_overview", { departmentId: officials.find((o) => o.id === colleague).value.departmentId, month: lastMonth }))
      .officials.find((o) => o.officialId === colleague);
    // Signed by the head (the reason is part of what he signed: tests/integration/review.rs).
    assert.equal(row.declaration.status, "valid");
    assert.match(row.declaration.signer ?? "", new RegExp(HEAD.name));
    await shot("attest-on-behalf");
  });

  appTest("an inspector sees the record and has no enabled control that changes it", session, async () => {
    await press(KEY.escape);
    await signOut();
    await signIn(INSPECTOR);
    await openOnlyMeal();
    await statusIs("approved");
    for (const control of [
      "detail-edit", "detail-cancel", "review-submit", "review-withdraw", "review-approve", "review-return",
      "attachment-add", "attachment-remove",
    ]) {
      assert.equal((await session().findAllShown(sel(control))).length, 0, `${control} is not offered`);
    }
    // Whatever buttons the detail shows are for reading (preview, download, close).
    const enabled = await session().execute(
      `const detail = [...document.querySelectorAll('[data-testid="record-detail"]')].find((e) => e.offsetParent !== null);
       return [...detail.querySelectorAll("button, input, textarea")]
         .filter((b) => b.offsetParent !== null && !b.disabled)
         .map((b) => b.getAttribute("data-testid") ?? b.getAttribute("aria-label") ?? b.textContent.trim());`,
    );
    const reading = /^(attachment-(preview|download|preview-open)|detail-print|close|Close|关闭)$/;
    assert.deepEqual(enabled.filter((name) => !reading.test(name ?? "")), [], `enabled controls: ${enabled.join(", ")}`);
    await shot("inspector-record");
    // The core refuses the inspector as well, whatever the window shows.
    const [record] = (await core("record_list", { filter: { kind: "meal" } })).items;
    const refused = await session().executeAsync(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke("call", { command: "record_cancel", request: { id: arguments[0], version: arguments[1], reason: "核查" } })
         .then(() => done(null), (error) => done(error));`,
      [record.id, record.version],
    );
    assert.equal(refused?.code, "forbidden");
  });
});
