// A small W3C WebDriver client over fetch: enough to drive the app through
// tauri-driver and WebKitWebDriver without pulling in a test framework.

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class WebDriverError extends Error {}

/** An element id as a script argument (`execute(script, [asArg(element)])`). */
export const asArg = (element) => ({ [ELEMENT]: element });

async function request(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebDriverError(`${method} ${path}: HTTP ${response.status}: ${text.slice(0, 300)}`);
  }
  // W3C WebDriver signals errors by HTTP status; a script's own result may well
  // contain an "error" key.
  if (!response.ok) {
    const v = json.value ?? {};
    throw new WebDriverError(`${method} ${path}: ${v.error ?? response.status}: ${v.message ?? text.slice(0, 300)}`);
  }
  return json.value;
}

export class Session {
  static async start(base, capabilities) {
    const value = await request(base, "POST", "/session", {
      capabilities: { alwaysMatch: capabilities },
    });
    return new Session(base, value.sessionId);
  }

  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  async find(css) {
    const value = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return value[ELEMENT];
  }

  async findXPath(xpath) {
    const value = await this.cmd("POST", "/element", { using: "xpath", value: xpath });
    return value[ELEMENT];
  }

  async findAll(css) {
    const values = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return values.map((v) => v[ELEMENT]);
  }

  /**
   * The first element matching `css` that is rendered (has a box and is not
   * visibility:hidden), or null. Antd keeps closed modals (forceRender) and visited
   * tabs in the DOM, hidden, so a plain `find` may return an element no user can see.
   */
  async findShown(css) {
    const value = await this.execute(
      `const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
       return [...document.querySelectorAll(arguments[0])].find(shown) ?? null;`,
      [css],
    );
    return value ? value[ELEMENT] : null;
  }

  /** Every rendered element matching `css`. */
  async findAllShown(css) {
    const values = await this.execute(
      `const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
       return [...document.querySelectorAll(arguments[0])].filter(shown);`,
      [css],
    );
    return values.map((v) => v[ELEMENT]);
  }

  click(element) {
    return this.cmd("POST", `/element/${element}/click`, {});
  }

  text(element) {
    return this.cmd("GET", `/element/${element}/text`);
  }

  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  executeAsync(script, args = []) {
    return this.cmd("POST", "/execute/async", { script, args });
  }

  async screenshotPng() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }

  async end() {
    await request(this.base, "DELETE", `/session/${this.id}`);
  }

  /** Polls `probe` until it returns a truthy value; the last error explains a timeout. */
  async waitFor(what, probe, timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
      try {
        const value = await probe();
        if (value) return value;
      } catch (error) {
        last = error;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new WebDriverError(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
  }

  /** Text of the first element matching `css`, once it exists. */
  waitForText(css, timeoutMs) {
    return this.waitFor(`text of ${css}`, async () => this.text(await this.find(css)), timeoutMs);
  }
}
