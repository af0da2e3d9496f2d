// Serves a built dist folder with `vite preview` and loads it in headless Chromium
// (Debian's /usr/bin/chromium through playwright-core). Prints the page's JSON report
// (see src/flow.js) on stdout and exits 0 only when it says {ok: true}.
//
//   node browser-test.mjs DIST_DIR PREVIEW_PORT PB_URL [PAGE (default index.html)]
import { chromium } from "playwright-core";
import { preview } from "vite";

const [outDir, port, pbUrl, pagePath = ""] = process.argv.slice(2);
if (!outDir || !port || !pbUrl) {
  console.error("usage: node browser-test.mjs DIST_DIR PREVIEW_PORT PB_URL [PAGE]");
  process.exit(2);
}
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const args = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
];

const server = await preview({
  configFile: false,
  logLevel: "warn",
  build: { outDir },
  preview: { host: "127.0.0.1", port: Number(port), strictPort: true },
});
let browser;
let code = 1;
// Ctrl-C / TERM: close Chromium and the server, then exit 130 / 143.
for (const [signal, exitCode] of [["SIGINT", 130], ["SIGTERM", 143]]) {
  process.on(signal, () => {
    Promise.allSettled([browser?.close(), server.close()]).then(() => process.exit(exitCode));
  });
}
try {
  browser = await chromium.launch({
    executablePath, args, timeout: 30_000, handleSIGINT: false, handleSIGTERM: false,
  });
  const page = await browser.newPage();
  page.on("console", (m) => console.error(`[console.${m.type()}] ${m.text()}`));
  page.on("pageerror", (e) => console.error(`[page error] ${e.stack ?? e}`));
  page.on("requestfailed", (r) => console.error(`[request failed] ${r.url()} ${r.failure()?.errorText}`));
  await page.goto(`http://127.0.0.1:${port}/${pagePath}?pb=${encodeURIComponent(pbUrl)}`);
  const status = page.locator("#status");
  await page.waitForFunction(() => document.getElementById("status")?.textContent !== "running…", null, {
    timeout: 30_000,
  });
  const text = await status.textContent();
  console.log(text);
  code = JSON.parse(text ?? "{}").ok === true ? 0 : 1;
} catch (e) {
  console.error(e);
} finally {
  await browser?.close();
  await server.close();
}
process.exit(code);
