// The UI helpers every end-to-end test file uses over its WebDriver session: wait
// for antd's motions to end, find what a user can see, click it as a user would,
// type, pick from the directory pickers, read rows, call the core for checks.
import assert from "node:assert/strict";
import { saveScreenshot } from "./app.mjs";
import { asArg } from "./webdriver.mjs";

export const KEY = { enter: "\uE007", escape: "\uE00C", ctrl: "\uE009", nul: "\uE000", backspace: "\uE003", space: "\uE00D", down: "\uE015", up: "\uE013" };

export const sel = (testId) => `[data-testid="${testId}"]`;

/** The form item around a field, and its error message (antd's explain line). */
const fieldErrorXPath = (testId) =>
  `//*[@data-testid="${testId}"]/ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-form-item ")][1]` +
  `//*[contains(@class, "ant-form-item-explain-error")]`;

/** Helpers bound to the session `session()` returns (it may change between tests). */
export function ui(session) {

  /**
   * Antd opens and closes modals, drawers, dropdowns and toasts with CSS motions
   * (rc-motion adds "…-appear", "…-enter", "…-leave" classes while one runs); a click
   * during one lands on the wrong thing or on the mask. Returns what is still moving
   * on screen. A hidden element's motion never ends (no transitionend without a box),
   * and a button's wave or loading icon covers nothing: both are left out.
   */
  const MOVING = `const phase = /-(appear|enter|leave)(-(prepare|start|active))?$/;
    const decoration = /^(wave-motion|ant-btn-loading-icon-motion)/;
    return [...document.querySelectorAll('[class*="-appear"], [class*="-enter"], [class*="-leave"]')]
      .filter((el) => el.getClientRects().length > 0)
      .flatMap((el) => [...el.classList].filter((c) => phase.test(c) && !decoration.test(c)));`;
  async function still(timeout = 10000) {
    let moving = [];
    await session().waitFor(
      "the window to stop moving",
      async () => {
        moving = await session().execute(MOVING);
        return moving.length === 0;
      },
      timeout,
    ).catch((error) => {
      error.message += ` (still moving: ${moving.join(" ")})`;
      throw error;
    });
  }

  /** The first element matching `css` that a user can see, once there is one and nothing moves. */
  async function find(css, timeout) {
    const element = await session().waitFor(`${css} to be shown`, () => session().findShown(css), timeout);
    await still();
    return element;
  }

  /**
   * Clicks what `css` finds once it is shown and still, scrolled to the middle of its
   * view first as a user would look at it: WebDriver itself scrolls an element only
   * to the bottom edge, where the form's sticky save bar covers it. A toast fading
   * out over it may still intercept the click for a moment: that is retried, briefly.
   */
  async function click(css, timeout = 5000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        const element = await find(css);
        await session().execute(`arguments[0].scrollIntoView({ block: "center", inline: "nearest" });`, [asArg(element)]);
        return await session().click(element);
      } catch (error) {
        if (!/click intercepted|not interactable|stale element/.test(error.message) || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  }
  const keys = async (element, text) => session().cmd("POST", `/element/${element}/value`, { text });
  /**
   * What a shown element says: its innerText (rendered text, whitespace folded).
   * WebKitWebDriver's own element text drops what antd lays out with an ellipsis:
   * table cells, select tags.
   */
  const text = async (css) =>
    session().execute(`return arguments[0].innerText.replace(/\\s+/g, " ").trim();`, [asArg(await find(css))]);

  /**
   * Saves a screenshot once nothing moves and the window has painted what the DOM
   * holds (under Xvfb WebKit paints a few frames a second: a screenshot taken right
   * after typing showed half the text).
   */
  async function shot(name) {
    await still();
    await session().executeAsync(
      `const done = arguments[arguments.length - 1];
       requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));`,
    );
    await saveScreenshot(session(), name);
  }

  /** Presses keys wherever the focus is (W3C actions), e.g. press(KEY.ctrl, "n"). */
  async function press(...chord) {
    const down = chord.map((value) => ({ type: "keyDown", value }));
    const up = [...chord].reverse().map((value) => ({ type: "keyUp", value }));
    await session().cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: [...down, ...up] }] });
    await session().cmd("DELETE", "/actions");
  }

  /** The error message shown under a field, once it has faded in (text is "" while it is transparent). */
  async function fieldError(testId) {
    return session().waitFor(`the error on ${testId}`, async () => session().text(await session().findXPath(fieldErrorXPath(testId))));
  }

  /** Replaces what a field holds (select all, delete, type), as a user would. */
  async function fill(css, value) {
    await click(css);
    const element = await find(css);
    await keys(element, `${KEY.ctrl}a${KEY.nul}${KEY.backspace}`);
    if (value !== "") await keys(element, value);
  }

  /** Types a date into a date picker (its input) and takes it with Enter. */
  async function fillDate(testId, iso) {
    const css = `${sel(testId)} input, input${sel(testId)}`;
    await fill(css, iso);
    await keys(await find(css), KEY.enter);
    await session().waitFor(`${testId} to say ${iso}`, async () =>
      (await session().execute("return arguments[0].value", [asArg(await find(css))])) === iso,
    );
  }

  /** Whether a field shows an error message now. */
  async function hasFieldError(testId) {
    return (await session().execute(
      `const r = document.evaluate(arguments[0], document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
       return !!r && r.textContent.trim() !== "";`,
      [fieldErrorXPath(testId)],
    ));
  }

  /** Types into a directory picker's search box and takes the first match. */
  async function pick(testId, query) {
    const css = `${sel(testId)} input`;
    await click(css);
    await keys(await find(css), query);
    await session().waitFor(`an option for ${query}`, async () =>
      session().execute(
        `return [...document.querySelectorAll(".ant-select-item-option")].some((o) => o.offsetParent !== null && o.textContent.includes(arguments[0]))`,
        [query],
      ),
    );
    await keys(await find(css), KEY.enter);
  }

  /** Waits until no element matching `css` is shown any more (closed modals may stay in the DOM, hidden). */
  async function gone(css, timeout = 10000) {
    await session().waitFor(`${css} to close`, async () => (await session().findAllShown(css)).length === 0, timeout);
    await still();
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
    return session().findAllShown("[data-record-row]");
  }

  /**
   * What each shown row says, cell by cell (" | " between cells). Text content: the
   * summary cell is clipped with an ellipsis (a user reads the rest in its tooltip),
   * and WebKitWebDriver's element text leaves such cells out altogether.
   */
  async function rowTexts() {
    return session().execute(
      `const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
       return [...document.querySelectorAll("[data-record-row]")].filter(shown)
         .map((r) => [...r.cells].map((c) => c.textContent.replace(/\\s+/g, " ").trim()).join(" | "));`,
    );
  }

  /**
   * Opens a row's detail by clicking its date cell: WebKitWebDriver refuses to click
   * a <tr> itself ("element not interactable"), a user clicks a cell anyway.
   */
  async function openRow(index) {
    const row = (await rows())[index];
    assert.ok(row, `no row ${index}`);
    const cell = await session().cmd("POST", `/element/${row}/element`, { using: "css selector", value: "td" });
    await session().click(Object.values(cell)[0]);
    await find(sel("record-detail"));
  }

  async function openArea(key) {
    await click(sel(`nav-${key}`));
    await find(sel(`area-${key}`));
  }

  /** Esc closes the detail drawer, wherever the focus is. */
  async function closeDetail() {
    await press(KEY.escape);
    await gone(sel("record-detail"));
  }

  async function saveForm(kind) {
    await click(sel("form-save"));
    await gone(sel(`record-form-${kind}`));
  }

  /**
   * The first-run screen: the bureau 沈阳市某局, its department 招商服务处, and `head`
   * ({ name, passphrase }, staff no. H001) as its head and first administrator.
   */
  async function setUpBureau(head) {
    await find(sel("first-run"), 20000);
    await fill(sel("setup-bureau"), "沈阳市某局");
    await fill(sel("setup-department"), "招商服务处");
    await fill(sel("setup-name"), head.name);
    await fill(sel("setup-staffNo"), "H001");
    await fill(sel("setup-position"), "处长");
    await fill(sel("setup-passphrase"), head.passphrase);
    await fill(sel("setup-passphrase2"), head.passphrase);
    await click(sel("setup-submit"));
    await keepRecoveryKey();
    await find(sel("home-month"), 20000);
  }

  /**
   * The recovery key the first administrator is shown once: read, "kept", closed.
   * Returns it (8 groups of 4 base32 characters).
   */
  async function keepRecoveryKey() {
    await find(sel("recovery-key"), 20000);
    const key = (await text(sel("recovery-key"))).trim();
    await click(sel("recovery-kept"));
    await click(sel("recovery-done"));
    await gone(sel("recovery-sheet"));
    return key;
  }

  /** Signs `person` ({ name, passphrase }) in on the sign-in screen. */
  async function signIn(person) {
    await find(sel("signin-passphrase"), 20000);
    await pick("signin-profile", person.name);
    await fill(sel("signin-passphrase"), person.passphrase);
    await click(sel("signin-submit"));
    await session().waitFor(`${person.name} signed in`, async () =>
      (await session().findAllShown(sel("session-user"))).length > 0 && (await text(sel("session-user"))).includes(person.name),
    );
  }

  async function signOut() {
    await click(sel("sign-out"));
    await find(sel("signin-passphrase"), 20000);
  }

  /** Confirms a committing action with the passphrase (and a comment when given). */
  async function confirm(passphrase, comment) {
    await find(sel("passphrase-modal"));
    if (comment !== undefined) await fill(sel("review-comment-input"), comment);
    await fill(sel("passphrase-input"), passphrase);
    await click(sel("passphrase-ok"));
    await gone(sel("passphrase-input"), 30000);
  }

  return {
    still, find, click, keys, text, shot, press, fieldError, fill, pick, gone, core, ALL, count, rows, rowTexts,
    openRow, openArea, closeDetail, saveForm, setUpBureau, keepRecoveryKey, signIn, signOut, confirm, fillDate, hasFieldError,
  };
}
