// Debian's Chromium driven by playwright-core, and helpers that act and look as a
// user of the Backup Manager page would.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { EMAIL, PASSWORD, SHOTS } from "./env.js";

export const WIDE = { width: 1280, height: 900 };
export const NARROW = { width: 390, height: 844 };

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    timeout: 120_000,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ],
  });
}

// The Content-Security-Policy that pb_hooks/ sends with the page.
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; "
  + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// A fresh context (no stored session) with a page on `url`. Page errors, console errors
// and Content-Security-Policy violations are collected in `page.problems`; the page's
// own CSP header (as the server sent it) is in `page.csp`.
export async function openPage(browser, url, { viewport = WIDE, expectErrors = false } = {}) {
  const context = await browser.newContext({
    viewport,
    acceptDownloads: true,
    locale: "en-GB",
    timezoneId: "Asia/Kolkata",
  });
  context.setDefaultTimeout(60_000);
  return openTab(context, url, { expectErrors });
}

// Another tab of the same context (same localStorage, its own sessionStorage) on `url`.
export async function openTab(context, url, { expectErrors = false } = {}) {
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (err) => page.problems.push(`pageerror: ${err.message}`));
  if (!expectErrors) {
    page.on("console", (msg) => {
      // Failed requests are expected in some tests (e.g. a 400 for a wrong password).
      if (msg.type() === "error" && !/Failed to load resource|net::ERR_/.test(msg.text())) {
        page.problems.push(`console: ${msg.text()}`);
      }
    });
  }
  // Every violation, whether or not console errors are expected.
  await page.exposeFunction("__cspViolation", (v) => page.problems.push(`csp: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const response = await page.goto(url);
  page.csp = response.headers()["content-security-policy"] ?? "";
  if (page.csp !== CSP) page.problems.push(`the page came without its CSP (got "${page.csp}")`);
  await waitForStatus(page, /Sign in|backups? on/);
  return page;
}

export async function statusOf(page) {
  return page.evaluate(() => {
    const el = document.getElementById("status");
    return { text: el.textContent, kind: el.dataset.kind || "" };
  });
}

// Waits until the aria-live status line matches `re` (and has `kind`, if given).
export async function waitForStatus(page, re, { kind = "", timeout = 60_000 } = {}) {
  try {
    await page.waitForFunction(([source, flags, want]) => {
      const el = document.getElementById("status");
      return new RegExp(source, flags).test(el.textContent) && (!want || el.dataset.kind === want);
    }, [re.source, re.flags, kind], { timeout });
  } catch (err) {
    const now = await statusOf(page).catch(() => ({ text: "?", kind: "?" }));
    throw new Error(`status never matched ${re}${kind ? ` (${kind})` : ""}; it shows [${now.kind}] "${now.text}"`);
  }
  return (await statusOf(page)).text;
}

export async function signIn(page, { email = EMAIL, password = PASSWORD, remember = false } = {}) {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Remember me on this device").setChecked(remember);
  await page.getByRole("button", { name: "Sign in" }).click();
}

// Signs in and waits for the list.
export async function signInAndList(page, options) {
  await signIn(page, options);
  await waitForStatus(page, /backups? on /);
  await page.locator("#manager").waitFor();
}

// The keys in the table, top to bottom.
export function tableKeys(page) {
  return page.locator("#backups tbody tr[data-key]").evaluateAll((rows) => rows.map((r) => r.dataset.key));
}

// The row of one backup (as a locator).
export function row(page, key) {
  return page.locator(`#backups tbody tr[data-key="${key}"]`);
}

// Records every value the <progress> element `selector` takes (its `value`
// attribute changes), in window.__progress[name].
export async function recordProgress(page, selector, name) {
  await page.evaluate(([sel, key]) => {
    window.__progress ??= {};
    const log = (window.__progress[key] = []);
    const bar = document.querySelector(sel);
    new MutationObserver(() => log.push({ value: bar.value, max: bar.max }))
      .observe(bar, { attributes: true, attributeFilter: ["value", "max"] });
  }, [selector, name]);
}

export function progressLog(page, name) {
  return page.evaluate((key) => window.__progress?.[key] ?? [], name);
}

// A screenshot at the page's current width, under test-output/screenshots/.
// The whole page, or only the viewport with `fullPage: false` (e.g. for a modal
// dialog, whose backdrop covers the viewport only).
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(SHOTS, { recursive: true });
  const { width } = page.viewportSize();
  const file = path.join(SHOTS, `${name}-${width}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

// The same page at both widths.
export async function screenshots(page, name, options) {
  const before = page.viewportSize();
  for (const size of [WIDE, NARROW]) {
    await page.setViewportSize(size);
    await screenshot(page, name, options);
  }
  await page.setViewportSize(before);
}

// Builds a File in the page and drops it on the drop zone, as a drag from the desktop.
export async function dropFile(page, target, { name, bytes, type = "application/zip" }) {
  const transfer = await page.evaluateHandle(([fileName, b64, mime]) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], fileName, { type: mime }));
    return dt;
  }, [name, Buffer.from(bytes).toString("base64"), type]);
  const zone = page.locator(target);
  await zone.dispatchEvent("dragenter", { dataTransfer: transfer });
  await zone.dispatchEvent("dragover", { dataTransfer: transfer });
  const highlighted = await zone.evaluate((el) => el.classList.contains("dragging"));
  await zone.dispatchEvent("drop", { dataTransfer: transfer });
  await transfer.dispose();
  return { highlighted };
}
