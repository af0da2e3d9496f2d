// The built package (pkg/) in a page, in each engine the browser tiers run
// (Chromium, Firefox, WebKit through WebDriver; WebKit needs DISPLAY): tests/npm/page/
// served with the package beside it, against the server of PB_URL.

import assert from "node:assert/strict";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { Builder } from "../e2e/node_modules/selenium-webdriver/index.js";
import { startBrowser } from "../e2e/lib/engines.js";
import { serveStatic } from "../packaging/shared/static-server.mjs";
import { PB_URL } from "./support.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = mkdtempSync(path.join(tmpdir(), "npm-page-"));
cpSync(path.join(here, "page"), root, { recursive: true });
cpSync(path.join(here, "../../pkg"), path.join(root, "pkg"), { recursive: true });
const PORT = Number(process.env.NPM_PAGE_PORT || 8087);

for (const engine of ["chromium", "firefox", "webkit"]) {
  test(`in ${engine}: sign in, create, download with progress, verify twice, a waited restore`, async () => {
    const served = [];
    const server = await serveStatic({ root, port: PORT, onServe: (s) => served.push(s) });
    const browser = await startBrowser(engine, { Builder });
    try {
      await browser.driver.get(`http://127.0.0.1:${PORT}/?pb=${encodeURIComponent(PB_URL)}`);
      let text = "running";
      for (let i = 0; i < 300 && text === "running"; i++) {
        await new Promise((r) => setTimeout(r, 200));
        text = await browser.driver.executeScript("return document.getElementById('status').textContent");
      }
      const report = JSON.parse(text);
      assert.equal(report.ok, true, `${browser.version}: ${text}`);
      const wasm = served.filter((s) => s.path.endsWith(".wasm")).map((s) => s.path);
      assert.deepEqual(wasm.sort(), ["/pkg/tools/bosbase_backups_tools_bg.wasm", "/pkg/web/bosbase_backups_bg.wasm"], "each module fetched once");
    } finally {
      await browser.stop();
      await server.close();
    }
  });
}
