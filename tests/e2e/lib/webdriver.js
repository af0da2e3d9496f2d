// One tab of a WebDriver session (selenium-webdriver) and the helpers that act and look
// as a user of the Backup Manager page would; the sessions come from ./engines.js.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Builder, By } from "selenium-webdriver";
import { WIDE, startBrowser as start } from "./engines.js";
import { SHOTS, sleep, waitUntil } from "./env.js";

export { ENGINES, WIDE } from "./engines.js";
export const NARROW = { width: 390, height: 844 };

export function startBrowser(engine, options) {
  return start(engine, { Builder, ...options });
}

// One tab (WebDriver window handle) of a session, with the helpers the flows use.
export class Tab {
  constructor(browser, handle) {
    this.browser = browser;
    this.driver = browser.driver;
    this.handle = handle;
    this.loaded = false;
    this.earlier = []; // problems recorded on pages this tab has left
  }

  async focus() {
    await this.driver.switchTo().window(this.handle);
  }

  // Runs `fn(...args)` in the page and returns its result; a promise is awaited.
  async js(fn, ...args) {
    await this.focus();
    const result = await this.driver.executeAsyncScript(`
      const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${fn}).apply(null, Array.from(arguments).slice(0, -1)))
        .then((value) => done({ value }), (e) => done({ error: String(e && e.stack || e) }));
    `, ...args);
    if (result?.error) throw new Error(`in the page: ${result.error}`);
    return result?.value;
  }

  async waitFor(what, fn, args = [], { timeout = 60_000 } = {}) {
    return waitUntil(what, () => this.js(fn, ...args), { timeout, every: 100 });
  }

  // Loads `url` and starts recording what goes wrong in the page: script errors,
  // unhandled rejections, Content-Security-Policy violations (from load on; WebDriver
  // classic has no hook before the page's own scripts). What the previous page of this
  // tab recorded is kept.
  async goto(url) {
    if (this.loaded) this.earlier.push(...(await this.pageProblems()));
    await this.focus();
    await this.driver.get(url);
    await this.js(() => {
      window.__problems = [];
      addEventListener("error", (e) => __problems.push(`error: ${e.message}`));
      addEventListener("unhandledrejection", (e) => __problems.push(`unhandled rejection: ${e.reason}`));
      document.addEventListener("securitypolicyviolation", (e) => {
        __problems.push(`csp: ${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"}`);
      });
    });
    this.loaded = true;
  }

  pageProblems() {
    return this.js(() => window.__problems ?? ["the page was reloaded: nothing recorded"]);
  }

  // Everything recorded in this tab, on every page it showed.
  async problems() {
    return [...this.earlier, ...(await this.pageProblems())];
  }

  async reload() {
    const url = await this.js(() => location.href);
    await this.goto(url);
  }

  async el(css) {
    await this.focus();
    return this.driver.findElement(By.css(css));
  }

  // A button as a user names it: its text, or its aria-label.
  async button(name, within = "") {
    await this.focus();
    const all = await this.driver.findElements(By.css(`${within} button`));
    for (const b of all) {
      const label = (await b.getAttribute("aria-label")) || (await b.getText()).trim();
      if (label === name && await b.isDisplayed()) return b;
    }
    throw new Error(`no visible button "${name}"${within ? ` in ${within}` : ""}`);
  }

  async click(name, within) {
    await (await this.button(name, within)).click();
  }

  // A control found by the text of its <label>.
  async field(labelText) {
    await this.focus();
    const el = await this.driver.executeScript((text) => [...document.querySelectorAll("label")]
      .find((l) => l.textContent.trim().replace(/\s+/g, " ").startsWith(text))?.control ?? null, labelText);
    if (!el) throw new Error(`no control labelled "${labelText}"`);
    return el;
  }

  async fill(labelText, value) {
    const el = await this.field(labelText);
    await el.clear();
    if (value !== "") await el.sendKeys(value);
  }

  text(css) {
    return this.js((sel) => document.querySelector(sel)?.textContent ?? null, css);
  }

  visible(css) {
    return this.js((sel) => {
      const el = document.querySelector(sel);
      return Boolean(el) && !el.closest("[hidden]") && el.getClientRects().length > 0;
    }, css);
  }

  status() {
    return this.js(() => {
      const el = document.getElementById("status");
      return { text: el.textContent, kind: el.dataset.kind || "" };
    });
  }

  // Waits until the status line matches `re` (and has `kind`, if given).
  async waitForStatus(re, { kind = "", timeout = 60_000 } = {}) {
    try {
      await this.waitFor(`status ${re}`, (source, flags, want) => {
        const el = document.getElementById("status");
        return new RegExp(source, flags).test(el.textContent) && (!want || el.dataset.kind === want);
      }, [re.source, re.flags, kind], { timeout });
    } catch {
      const now = await this.status().catch(() => ({ text: "?", kind: "?" }));
      throw new Error(`status never matched ${re}${kind ? ` (${kind})` : ""}; it shows [${now.kind}] "${now.text}"`);
    }
    return (await this.status()).text;
  }

  tableKeys() {
    return this.js(() => [...document.querySelectorAll("#backups tbody tr[data-key]")].map((r) => r.dataset.key));
  }

  // Resizes the window so that the page's viewport is `size` (the window's frame
  // differs between engines).
  async setViewport({ width, height }) {
    await this.focus();
    const win = this.driver.manage().window();
    await win.setRect({ width, height });
    const [w, h] = await this.js(() => [innerWidth, innerHeight]);
    const rect = await win.getRect();
    await win.setRect({ width: rect.width + width - w, height: rect.height + height - h });
    await sleep(100);
  }

  // A screenshot of the viewport at `size`, named by the width the page really got:
  // test-output/screenshots/ENGINE/NAME-WIDTH.png. A window has a least width of its
  // own (Firefox's is 500 px, MiniBrowser's 447): narrower asks get that.
  async screenshot(name, size = WIDE) {
    await this.setViewport(size);
    const width = await this.js(() => innerWidth);
    const dir = path.join(SHOTS, this.browser.engine);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}-${width}.png`);
    writeFileSync(file, Buffer.from(await this.driver.takeScreenshot(), "base64"));
    return file;
  }

  async screenshots(name) {
    for (const size of [NARROW, WIDE]) await this.screenshot(name, size);
  }

  // Records every value the <progress> `selector` takes, in window.__progress[name].
  recordProgress(selector, name) {
    return this.js((sel, key) => {
      window.__progress ??= {};
      const log = (window.__progress[key] = []);
      const bar = document.querySelector(sel);
      new MutationObserver(() => log.push({ value: bar.value, max: bar.max }))
        .observe(bar, { attributes: true, attributeFilter: ["value", "max"] });
    }, selector, name);
  }

  progressLog(name) {
    return this.js((key) => window.__progress?.[key] ?? [], name);
  }
}

// The first tab of a session, on `url`.
export async function firstTab(browser, url) {
  const tab = new Tab(browser, await browser.driver.getWindowHandle());
  await tab.setViewport(WIDE);
  await tab.goto(url);
  return tab;
}

// Another tab of the same session (same localStorage, its own sessionStorage).
export async function newTab(browser, url) {
  await browser.driver.switchTo().newWindow("tab");
  const tab = new Tab(browser, await browser.driver.getWindowHandle());
  await tab.goto(url);
  return tab;
}
