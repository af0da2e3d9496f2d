// Serves a page as static files and loads it in one engine through WebDriver
// (selenium-webdriver; chromium, firefox or webkit, started by engines.mjs), where it
// runs flow.js against a real server. Prints one JSON line, the page's report plus how
// the wasm arrived, and exits 0 only when the page says {ok: true} and the wasm arrived
// as expected. The counterpart of browser.mjs for engines that Playwright cannot drive
// here; WebKit needs DISPLAY (an X server, e.g. Xvfb).
//
//   node shared/engine-page.mjs ENGINE ROOT PORT PB_URL TAG [options]
//     --page PATH         the page to load (default: the root, index.html)
//     --expect fetched    the .wasm file is served and nothing inlined is requested
//     --expect inline     no .wasm file is served (the inlined module is used)
//     --wasm-type TYPE    the Content-Type of .wasm files (application/wasm)
// How the wasm arrived is what the server served (WebDriver classic has no network
// log). The page must log no console warning or error and throw nothing: a prelude
// script, loaded before the page's own, records them (no hook runs earlier).
import { Builder } from "selenium-webdriver";
import { ENGINES, startBrowser } from "./engines.mjs";
import { serveStatic } from "./static-server.mjs";

const [engine, root, port, pbUrl, tag, ...rest] = process.argv.slice(2);
const options = { page: "", expect: undefined, "wasm-type": "application/wasm" };
for (let i = 0; i < rest.length; i += 2) options[rest[i].replace(/^--/, "")] = rest[i + 1];
if (!ENGINES.includes(engine) || !root || !port || !pbUrl || !tag) {
  console.error(`usage: node engine-page.mjs ${ENGINES.join("|")} ROOT PORT PB_URL TAG [--page P] [--expect fetched|inline] [--wasm-type T]`);
  process.exit(2);
}

const PRELUDE = `
window.__complaints = [];
for (const level of ["warn", "error"]) {
  const original = console[level];
  console[level] = (...args) => {
    window.__complaints.push(level + ": " + args.map(String).join(" "));
    original.apply(console, args);
  };
}
addEventListener("error", (e) => window.__complaints.push("error: " + e.message));
addEventListener("unhandledrejection", (e) => window.__complaints.push("unhandled rejection: " + e.reason));
`;

const served = []; // every answer of the static server
let server;
let browser;
let code = 1;
for (const [signal, exitCode] of [["SIGINT", 130], ["SIGTERM", 143]]) {
  process.on(signal, () => {
    Promise.allSettled([browser?.stop(), server?.close()]).then(() => process.exit(exitCode));
  });
}
try {
  server = await serveStatic({
    root, port, wasmType: options["wasm-type"], prelude: PRELUDE, onServe: (answer) => served.push(answer),
  });
  browser = await startBrowser(engine, { Builder });
  const { driver } = browser;
  const url = `http://127.0.0.1:${port}/${options.page}?pb=${encodeURIComponent(pbUrl)}&tag=${encodeURIComponent(tag)}`;
  await driver.get(url);
  let text = "running…";
  for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
    text = await driver.executeScript("return document.getElementById('status')?.textContent ?? ''");
    const complaints = await driver.executeScript("return window.__complaints ?? []");
    // A module that fails to load never reports: stop at the page's first error.
    if (text !== "running…" || complaints.some((c) => c.startsWith("error: "))) break;
  }
  let report;
  try {
    report = JSON.parse(text);
  } catch {
    report = { ok: false, error: `the page shows "${text}"` };
  }
  const complaints = await driver.executeScript("return window.__complaints ?? []");
  const wasmServed = served.filter((s) => s.path.endsWith(".wasm"));
  const fetched = wasmServed.some((s) => s.status === 200 && s.head.equals(Buffer.from([0, 0x61, 0x73, 0x6d])));
  const inlineRequests = served.filter((s) => /wasm-inline/.test(s.path)).map((s) => s.path);
  report.engine = browser.version;
  report.wasm = fetched ? "fetched" : "inline";
  report.wasmResponses = wasmServed.map(({ path, status, type }) => ({ path, status, type }));
  report.inlineRequests = inlineRequests;
  const problems = [];
  if (options.expect === "fetched") {
    if (!fetched) problems.push("the .wasm file was not fetched");
    if (inlineRequests.length) problems.push("the inlined module was loaded too");
  } else if (options.expect === "inline" && fetched) {
    problems.push("a .wasm file was fetched");
  }
  if (complaints.length) problems.push(`console: ${complaints.join(" | ")}`);
  if (problems.length) report.problems = problems;
  console.log(JSON.stringify(report));
  code = report.ok === true && !problems.length ? 0 : 1;
} catch (e) {
  console.error(e);
  console.log(JSON.stringify({ ok: false, error: String(e?.stack ?? e) }));
} finally {
  await browser?.stop();
  await server?.close();
}
process.exit(code);
