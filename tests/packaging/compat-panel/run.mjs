// Serves a built copy of the panel and runs it in headless Chromium (Debian's
// /usr/bin/chromium through playwright-core) against a server. Prints the page's report
// as one JSON line, {ok, steps[, error], console, pageErrors}, and exits 0 only when the
// panel finished and the page threw nothing. Console lines are reported, not judged:
// the browser logs every 4xx the panel asks for.
//
//   node run.mjs ROOT PORT PB_URL
import { readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { chromium } from "playwright-core";

const [root, port, pbUrl] = process.argv.slice(2);
if (!root || !port || !pbUrl) {
  console.error("usage: node run.mjs ROOT PORT PB_URL");
  process.exit(2);
}

const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".wasm": "application/wasm" };
const base = path.resolve(root);
const server = createServer((req, res) => {
  let file = path.join(base, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
  if (!file.startsWith(base)) file = base;
  try {
    if (statSync(file).isDirectory()) file = path.join(file, "index.html");
    res.writeHead(200, { "Content-Type": types[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
  }
});
await new Promise((resolve, reject) => {
  server.once("error", reject);
  server.listen(Number(port), "127.0.0.1", resolve);
});

let browser;
let code = 1;
for (const [signal, exitCode] of [["SIGINT", 130], ["SIGTERM", 143]]) {
  process.on(signal, () => {
    Promise.allSettled([browser?.close(), new Promise((r) => server.close(r))]).then(() => process.exit(exitCode));
  });
}
const consoleLines = [];
const pageErrors = [];
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ],
    timeout: 30_000, handleSIGINT: false, handleSIGTERM: false,
  });
  const page = await browser.newPage();
  page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => pageErrors.push(String(e?.stack ?? e)));
  await page.goto(`http://127.0.0.1:${port}/?pb=${encodeURIComponent(pbUrl)}`);
  // The restore and the restart it waits for take most of this.
  await page.waitForFunction(() => document.getElementById("status")?.textContent !== "running…", null, {
    timeout: 150_000,
  });
  const report = JSON.parse((await page.locator("#status").textContent()) ?? "{}");
  console.log(JSON.stringify({ ...report, console: consoleLines, pageErrors }));
  code = report.ok === true && pageErrors.length === 0 ? 0 : 1;
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e?.stack ?? e), console: consoleLines, pageErrors }));
} finally {
  await browser?.close();
  await new Promise((r) => server.close(r));
}
process.exit(code);
