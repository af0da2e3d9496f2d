// The explorer's memory budget: exploring a backup whose data.db is ≥ 256 MiB (opening
// it, listing its collections and paging its records) grows the explorer module's wasm
// memory by < 32 MiB and the JS heap by < 64 MiB. The built package (pkg/) in a page in
// headless Chromium (playwright-core of tests/e2e, Debian's /usr/bin/chromium, with
// --enable-precise-memory-info), against a PocketBase of this test's own (its data.db
// grown to 256 MiB would slow every other test of a shared one) that serves the page.
//
//   EXPLORE_BUDGET_PORT  the server's port (default: a free one)

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "../e2e/node_modules/playwright-core/index.mjs";
import { EMAIL, PASSWORD, buildExploreFixture, largeDatabase, makeBackup, superuserToken } from "../support/explore-fixture.mjs";

const MiB = 2 ** 20;
const BUDGET = { wasm: 32 * MiB, heap: 64 * MiB };
const DB_BYTES = 256 * MiB;
const PAGES = 20;
const PER_PAGE = 100;
const BULK = 5000;

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, "../..");
const PB_BIN = process.env.PB_BIN || path.join(ROOT, ".venv-pb/bin/pocketbase");

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** A PocketBase of its own serving `publicDir`, its files under `dir`: its URL and how to stop it. */
async function startServer(dir, publicDir) {
  const port = Number(process.env.EXPLORE_BUDGET_PORT) || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  if (await fetch(`${url}/api/health`).then(() => true, () => false)) throw new Error(`port ${port} is already in use`);
  const data = path.join(dir, "pb_data");
  execFileSync(PB_BIN, ["superuser", "upsert", EMAIL, PASSWORD, `--dir=${data}`], { stdio: "ignore" });
  const child = spawn(PB_BIN, ["serve", `--http=127.0.0.1:${port}`, `--dir=${data}`, "--automigrate=false", `--publicDir=${publicDir}`],
    { cwd: dir, stdio: "ignore" });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  for (let i = 0; i < 200; i++) {
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return { url, stop };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new Error(`PocketBase on port ${port} did not start`);
}

test("explore of a backup whose data.db is ≥ 256 MiB: open + collections + 20 pages within the memory budget (wasm < 32 MiB, JS heap < 64 MiB)", { timeout: 240_000 }, async (t) => {
  // In RAM when there is a tmpfs: the server writes 256 MiB and its backup.
  const base = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
  const dir = mkdtempSync(path.join(base, "explore-budget-"));
  // Undone last first: the browser, the server, its files.
  const undo = [() => rmSync(dir, { recursive: true, force: true })];
  try {
    await measure(t, dir, undo);
  } finally {
    for (const f of undo.reverse()) await f();
  }
});

async function measure(t, dir, undo) {
  const publicDir = path.join(dir, "public");
  mkdirSync(publicDir);
  cpSync(path.join(here, "page/explore-budget.html"), path.join(publicDir, "index.html"));
  cpSync(path.join(ROOT, "pkg"), path.join(publicDir, "pkg"), { recursive: true });
  const server = await startServer(dir, publicDir);
  undo.push(server.stop);

  // Chromium first: in its first seconds it may refuse to read a Blob of hundreds of MiB
  // while it works out its blob storage's limits (bench/page/harness.js, prepareZip).
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    timeout: 120_000,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
      "--enable-precise-memory-info", "--js-flags=--expose-gc",
    ],
  });
  undo.push(() => browser.close());

  const started = performance.now();
  const token = await superuserToken(server.url);
  const suffix = Math.random().toString(36).slice(2, 8);
  const fixture = await buildExploreFixture(server.url, token, { suffix, bulk: BULK });
  const large = await largeDatabase(server.url, token, { bytes: DB_BYTES, suffix });
  const key = `budget_${suffix}.zip`;
  const backup = await makeBackup(server.url, token, key);
  const prepared = performance.now() - started;

  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => window.budget, null, { timeout: 60_000 });
  const bulk = fixture.names.bulk;
  const got = await page.evaluate((o) => window.budget.run(o), { key, collection: bulk, total: BULK, pages: PAGES, perPage: PER_PAGE });
  assert.deepEqual(problems, []);

  const figures = `data.db ${got.database} B, zip ${backup.size} B; the explorer's wasm memory ${got.before.wasm} B → peak ${got.peak.wasm} B `
    + `(+${got.wasmGrowth} B; ${got.loaded} B once loaded), JS heap ${got.before.heap} B → peak ${got.peak.heap} B (+${got.heapGrowth} B; `
    + `peak until x.collections +${got.opened.heap - got.before.heap} B; after a gc() at the end +${got.retained.heap - got.before.heap} B); `
    + `server prepared in ${(prepared / 1000).toFixed(1)} s`;
  t.diagnostic(figures);
  // What was explored is what the budget is about: data.db ≥ 256 MiB, every record counted,
  // 20 full pages read.
  assert.ok(got.database >= DB_BYTES, `data.db is ${got.database} B, under 256 MiB`);
  const counts = Object.fromEntries(got.collections);
  assert.equal(counts[large.name], large.records);
  assert.equal(counts[bulk], BULK);
  assert.equal(got.read.length, PAGES);
  for (const [n, items, total] of got.read) {
    assert.equal(total, BULK);
    assert.equal(items, Math.min(PER_PAGE, BULK - (n - 1) * PER_PAGE), `page ${n}`);
  }
  assert.ok(got.wasmGrowth < BUDGET.wasm, `the explorer's wasm memory grew by ${got.wasmGrowth} B, budget < 32 MiB (${figures})`);
  assert.ok(got.heapGrowth < BUDGET.heap, `the JS heap grew by ${got.heapGrowth} B, budget < 64 MiB (${figures})`);
}
