// Serves a page and loads it in headless Chromium (Debian's /usr/bin/chromium through
// playwright-core), where it runs flow.js against a real server. Prints one JSON line,
// the page's report plus how the wasm arrived, and exits 0 only when the page says
// {ok: true} and the wasm arrived as expected.
//
//   node shared/browser.mjs MODE ROOT PORT PB_URL TAG [options]
//     MODE  static        ROOT served as files by static-server.mjs
//           vite-dev      `vite` dev server of the project in ROOT
//           vite-preview  `vite preview` of the built folder ROOT
//     --page PATH         the page to load (default: the root, index.html)
//     --expect fetched    the .wasm file is fetched and nothing inlined is loaded
//     --expect inline     no .wasm file comes back (the inlined module is used)
//   Either way the console must show no warning or error (but a 404 when inlined).
//     --wasm-type TYPE    (static) the Content-Type of .wasm files (application/wasm)
import path from "node:path";
import { chromium } from "playwright-core";
import { serveStatic } from "./static-server.mjs";

const [mode, root, port, pbUrl, tag, ...rest] = process.argv.slice(2);
const options = { page: "", expect: undefined, "wasm-type": "application/wasm" };
for (let i = 0; i < rest.length; i += 2) options[rest[i].replace(/^--/, "")] = rest[i + 1];
if (!["static", "vite-dev", "vite-preview"].includes(mode) || !root || !port || !pbUrl || !tag) {
  console.error("usage: node browser.mjs static|vite-dev|vite-preview ROOT PORT PB_URL TAG [--page P] [--expect fetched|inline] [--wasm-type T]");
  process.exit(2);
}

async function startServer() {
  if (mode === "static") return serveStatic({ root, port, wasmType: options["wasm-type"] });
  const vite = await import("vite");
  const net = { host: "127.0.0.1", port: Number(port), strictPort: true };
  if (mode === "vite-preview") {
    const dist = path.resolve(root);
    const server = await vite.preview({
      root: path.dirname(dist), configFile: false, logLevel: "warn", build: { outDir: path.basename(dist) }, preview: net,
    });
    return { close: () => server.close() };
  }
  const server = await vite.createServer({ root, logLevel: "warn", server: { ...net, hmr: false } });
  await server.listen();
  return { close: () => server.close() };
}

const args = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
];
let server;
let browser;
let code = 1;
// Ctrl-C / TERM: close Chromium and the server, then exit 130 / 143.
for (const [signal, exitCode] of [["SIGINT", 130], ["SIGTERM", 143]]) {
  process.on(signal, () => {
    Promise.allSettled([browser?.close(), server?.close()]).then(() => process.exit(exitCode));
  });
}
try {
  server = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args, timeout: 30_000, handleSIGINT: false, handleSIGTERM: false,
  });
  const page = await browser.newPage();
  let complaints = []; // console warnings and errors
  const wasmResponses = []; // {url, status, type, wasm: body starts with "\0asm"}
  const inlineRequests = [];
  page.on("console", (m) => {
    console.error(`[console.${m.type()}] ${m.text()}`);
    if (m.type() === "warning" || m.type() === "error") complaints.push(m.text());
  });
  page.on("pageerror", (e) => {
    console.error(`[page error] ${e.stack ?? e}`);
  });
  page.on("requestfailed", (r) => console.error(`[request failed] ${r.url()} ${r.failure()?.errorText}`));
  page.on("request", (r) => {
    if (/wasm-inline/.test(new URL(r.url()).pathname)) inlineRequests.push(r.url());
  });
  const pending = [];
  page.on("response", (r) => {
    if (!new URL(r.url()).pathname.endsWith(".wasm")) return;
    pending.push(r.body().then(
      (b) => b,
      () => Buffer.alloc(0),
    ).then((body) => wasmResponses.push({
      url: r.url(), status: r.status(), type: r.headers()["content-type"] ?? "",
      wasm: body.subarray(0, 4).equals(Buffer.from([0, 0x61, 0x73, 0x6d])),
    })));
  });

  // A module that fails to load never reports: stop at the page's first error instead.
  const failed = new Promise((_, reject) => page.on("pageerror", reject));
  const url = `http://127.0.0.1:${port}/${options.page}?pb=${encodeURIComponent(pbUrl)}&tag=${encodeURIComponent(tag)}`;
  await page.goto(url);
  const done = page.waitForFunction(() => document.getElementById("status")?.textContent !== "running…", null, {
    timeout: 60_000,
  });
  await Promise.race([done, failed]);
  await Promise.all(pending);
  const report = JSON.parse((await page.locator("#status").textContent()) ?? "{}");

  const fetched = wasmResponses.some((r) => r.status === 200 && r.wasm);
  report.wasm = fetched ? "fetched" : "inline";
  report.wasmResponses = wasmResponses;
  report.inlineRequests = inlineRequests;
  const problems = [];
  if (options.expect === "fetched") {
    if (!fetched) problems.push("the .wasm file was not fetched");
    if (inlineRequests.length) problems.push("the inlined module was loaded too");
  } else if (options.expect === "inline") {
    if (fetched) problems.push("a .wasm file was fetched");
    // The browser's own line for a .wasm that is not there (an esbuild bundle) is expected.
    complaints = complaints.filter((c) => !/^Failed to load resource: .* 404 /.test(c));
  }
  if (complaints.length) problems.push(`console: ${complaints.join(" | ")}`);
  if (problems.length) report.problems = problems;
  console.log(JSON.stringify(report));
  code = report.ok === true && !problems.length ? 0 : 1;
} catch (e) {
  console.error(e);
  console.log(JSON.stringify({ ok: false, error: String(e?.stack ?? e) }));
} finally {
  await browser?.close();
  await server?.close();
}
process.exit(code);
