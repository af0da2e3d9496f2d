// The benchmark driver (run through scripts/bench.sh, which stages the page, starts
// PocketBase and passes the environment below). It opens one headless Chromium page
// with both SDKs loaded, runs every measurement for both SDKs alternately, and
// writes bench/results/latest.json (every sample) and BENCHMARKS.md.
//
// Environment:
//   BENCH_URL     the PocketBase serving the staged page (e.g. http://127.0.0.1:8121)
//   BENCH_PUBLIC  the staged public folder (ours/: the package's default entry index.js,
//                 wasm-inline.js and web/; official/; the page)
//   BENCH_PB_BIN  the PocketBase binary (for its version)
//   BENCH_SERVER_DATA  "tmpfs" or "disk": where the server keeps its files (for the report)
//   BENCH_NAMED_WASM   optional: the same .wasm with its function names, for the size breakdown
//   BENCH_ONLY=upload,download  only these measurements (startup, calls, parallel,
//                 canned, upload, download, verify, explore): bench/results/partial.json,
//                 no BENCHMARKS.md
//   --report      no measuring: BENCHMARKS.md again from bench/results/latest.json
//   BENCH_QUICK=1 a short run to try the harness (small files, few rounds); writes
//                 bench/results/quick.json and no BENCHMARKS.md
import { buildExploreFixture, largeDatabase, makeBackup, superuserToken } from "../tests/support/explore-fixture.mjs";
import { storedEntry, writeZip } from "../tests/support/zip-writer.mjs";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { chromium } from "playwright-core";
import { renderMarkdown, summarizeExplore } from "./report.mjs";
import { analyze } from "./wasm-breakdown.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");
const URL_ = process.env.BENCH_URL;
const PUBLIC = process.env.BENCH_PUBLIC;
const PB_BIN = process.env.BENCH_PB_BIN;
const QUICK = process.env.BENCH_QUICK === "1";
const EMAIL = "admin@example.com";
const PASSWORD = "password123";

const CONFIG = QUICK
  ? { backups: 200, startupRounds: 3, callRounds: 2, calls: 50, parallelRounds: 3, parallel: 50, cannedRounds: 2, cannedCalls: 200, transferRounds: 2, transferMiB: 16,
    explore: { dbMiB: 32, bulk: 2000, rounds: 2, memorySamples: 1, memoryPages: 20, perPage: 100, recordsRounds: 2, recordsPages: 20, recover: 100, recoverRounds: 1 } }
  : { backups: 200, startupRounds: 25, callRounds: 9, calls: 500, parallelRounds: 21, parallel: 50, cannedRounds: 9, cannedCalls: 2000, transferRounds: 5, transferMiB: 512,
    explore: { dbMiB: 256, bulk: 10000, rounds: 5, memorySamples: 3, memoryPages: 20, perPage: 100, recordsRounds: 5, recordsPages: 50, recover: 1000, recoverRounds: 3 } };

// Quiet time before each big transfer, so that the server's and the browser's
// clean-up of the previous one (freeing 512 MiB, GC) does not land in the next.
const SETTLE = 1500;
// BENCH_ONLY=upload,download: run only these (a trial; writes results/partial.json).
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",")) : null;
const want = (m) => !ONLY || ONLY.has(m);

const log = (...a) => console.error("bench:", ...a);

// --- shipped size -----------------------------------------------------------

function sizes(file) {
  const buf = readFileSync(file);
  const gzip = execFileSync("gzip", ["-9", "-c", file], { maxBuffer: 64 << 20 }).length;
  const brotli = zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;
  return { raw: buf.length, gzip, brotli };
}

const sum = (...parts) =>
  Object.fromEntries(["raw", "gzip", "brotli"].map((k) => [k, parts.reduce((n, p) => n + p[k], 0)]));

// Ours: what the default entry loads on its normal path, each file compressed on its
// own (as a server sends them) and added up: index.js (which carries the core's glue)
// and the .wasm it fetches. wasm-inline.js (the .wasm as base64, imported only when the
// fetch fails) is measured but not counted. The tools module, imported by the first
// verify (or schedule call), is its own row: tools/index.js (with its glue) and its
// .wasm.
const OURS_FILES = { entry: "index.js", wasm: "web/bosbase_backups_bg.wasm" };
const TOOLS_FILES = { entry: "tools/index.js", wasm: "tools/bosbase_backups_tools_bg.wasm" };

function measureSize() {
  const of = (files) => Object.fromEntries(Object.entries(files).map(([k, f]) => [k, sizes(path.join(PUBLIC, "ours", f))]));
  const ours = of(OURS_FILES);
  ours.files = OURS_FILES;
  ours.total = sum(ours.entry, ours.wasm);
  ours.inlineFallback = sizes(path.join(PUBLIC, "ours", "wasm-inline.js"));
  ours.tools = of(TOOLS_FILES);
  ours.tools.files = TOOLS_FILES;
  ours.tools.total = sum(ours.tools.entry, ours.tools.wasm);
  const official = sizes(path.join(PUBLIC, "official", "pocketbase.es.mjs"));
  return { ours, official: { "pocketbase.es.mjs": official, total: official } };
}

// --- helpers ------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Runs `fn(which, round)` once for every variant per round, `rounds` times: A B C,
// then B C A, then C A B, … (the order rotates so that no variant always goes first
// or always follows the same one); `warmup` extra rounds first, not recorded;
// `settle` ms of quiet before each sample. Returns { variant: [samples] }.
async function alternate(name, variants, rounds, fn, { warmup = 0, settle = 0 } = {}) {
  const samples = Object.fromEntries(variants.map((v) => [v, []]));
  for (let r = -warmup; r < rounds; r++) {
    const k = (r + warmup) % variants.length;
    for (const v of [...variants.slice(k), ...variants.slice(0, k)]) {
      if (settle) await sleep(settle);
      const s = await fn(v, r);
      if (r >= 0) samples[v].push(s);
    }
    log(`${name}: round ${r < 0 ? "warm-up" : r + 1}/${rounds}`,
      variants.map((v) => `${v} ${fmtSample(samples[v].at(-1))}`).join(", "));
  }
  return samples;
}

const fmtSample = (s) => (s === undefined ? "-" : typeof s === "number" ? s.toFixed(2) : s.ms.toFixed(1));

function sh(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

function machine() {
  const cpu = (readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m) || [])[1] || os.cpus()[0]?.model;
  return {
    nproc: Number(sh("nproc", [])) || os.cpus().length,
    cpuModel: cpu?.trim() || "unknown",
    ramBytes: os.totalmem(),
    loadAverageAtStart: os.loadavg(),
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    os: (sh("sh", ["-c", ". /etc/os-release && echo $PRETTY_NAME"]) || "unknown"),
  };
}

// --- the server, from Node ------------------------------------------------------

async function api(pathname, init = {}, token = "") {
  const res = await fetch(`${URL_}${pathname}`, {
    ...init,
    headers: { ...(init.headers || {}), ...(token ? { Authorization: token } : {}) },
  });
  if (!res.ok) throw new Error(`${pathname}: HTTP ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

// `n` backups, by uploading one small real backup zip under n names.
async function seedBackups(n) {
  const { token } = await api("/api/collections/_superusers/auth-with-password", {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ identity: EMAIL, password: PASSWORD }),
  });
  const existing = await api("/api/backups", {}, token);
  if (existing.length) throw new Error(`the server already has ${existing.length} backups`);
  const zip = smallZip();
  for (let i = 0; i < n; i++) {
    const form = new FormData();
    form.append("file", new Blob([zip], { type: "application/zip" }), `bench_${String(i).padStart(3, "0")}.zip`);
    await api("/api/backups/upload", { method: "POST", body: form }, token);
  }
  const listed = await api("/api/backups", {}, token);
  if (listed.length !== n) throw new Error(`seeded ${listed.length} backups, expected ${n}`);
}

// A stored-entry zip holding a 1 KiB data.db.
function smallZip() {
  return Buffer.concat(writeZip([storedEntry("data.db", new Uint8Array(1024).fill(7))]).parts);
}

// --- main -------------------------------------------------------------------------

async function main() {
  if (!URL_ || !PUBLIC) throw new Error("run me through scripts/bench.sh");
  const started = Date.now();
  const results = { meta: {}, config: CONFIG, size: null, startup: null, calls: null, parallel: null, canned: null, upload: null, download: null };

  const pkgVersion = JSON.parse(readFileSync(path.join(PUBLIC, "ours", "package.json"), "utf8")).version;
  const readVersion = (p) => JSON.parse(readFileSync(path.join(HERE, "node_modules", p, "package.json"), "utf8")).version;
  results.meta = {
    date: new Date().toISOString(),
    quick: QUICK,
    serverData: process.env.BENCH_SERVER_DATA || "disk",
    machine: machine(),
    versions: {
      ours: `bosbase-backups ${pkgVersion}, pkg/ built ${statSync(path.join(PUBLIC, "ours", OURS_FILES.wasm)).mtime.toISOString().replace(/\.\d+Z$/, "Z")} (repo at git ${sh("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"]) || "?"})`,
      official: `pocketbase (npm) ${readVersion("pocketbase")}`,
      pocketbaseServer: sh(PB_BIN, ["--version"]) || "unknown",
      chromium: "",
      playwrightCore: readVersion("playwright-core"),
      node: process.version,
      wasmBindgen: sh("wasm-bindgen", ["--version"]),
    },
  };

  log("shipped size");
  results.size = measureSize();
  if (process.env.BENCH_NAMED_WASM) {
    const named = readFileSync(process.env.BENCH_NAMED_WASM);
    results.size.breakdown = analyze(named);
    // Built from the working tree now; pkg/ may come from an earlier state of it.
    results.size.breakdown.shippedBytes = results.size.ours.wasm.raw;
  }

  log(`seeding ${CONFIG.backups} backups`);
  await seedBackups(CONFIG.backups);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    timeout: 120_000,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
      // Byte-exact performance.memory, and gc() to settle the heap before a sample.
      "--enable-precise-memory-info", "--js-flags=--expose-gc",
    ],
  });
  try {
    results.meta.versions.chromium = `Chromium ${browser.version()}`;

    // Start-up: a fresh context (no HTTP or code cache) and page per sample. Ours is
    // the default entry, whose import fetches and instantiates the .wasm (top-level
    // await), so `importMs` includes that and `initMs` is the constructor alone.
    if (want("startup")) log("start-up (cold, fresh context per sample)");
    if (want("startup")) results.startup = await alternate("start-up", ["ours", "official", "floor"], CONFIG.startupRounds, async (which) => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${URL_}/blank.html`);
        return await page.evaluate(async (w) => {
          const t0 = performance.now();
          let imported;
          if (w === "ours") {
            const m = await import("/ours/index.js");
            imported = performance.now();
            new m.default(location.origin);
          } else if (w === "official") {
            const m = await import("/official/pocketbase.es.mjs");
            imported = performance.now();
            new m.default(location.origin);
          } else {
            await import("/empty.js");
            imported = performance.now();
          }
          const t1 = performance.now();
          const resources = performance.getEntriesByType("resource");
          const paths = resources.map((e) => new URL(e.name).pathname);
          // When each of ours' requests started and ended (ms after the import began).
          const timeline = Object.fromEntries(resources.filter((e) => new URL(e.name).pathname.startsWith("/ours/"))
            .map((e) => [new URL(e.name).pathname.slice("/ours/".length), { start: e.startTime - t0, end: e.responseEnd - t0 }]));
          return {
            ms: t1 - t0, importMs: imported - t0, initMs: t1 - imported,
            ...(w === "ours" && {
              wasmFetched: paths.includes("/ours/web/bosbase_backups_bg.wasm"), inline: paths.includes("/ours/wasm-inline.js"),
              tools: paths.some((p) => p.startsWith("/ours/tools/")), timeline,
            }),
          };
        }, which);
      } finally {
        await context.close();
      }
    });
    if (results.startup) {
      const off = results.startup.ours.filter((s) => !s.wasmFetched || s.inline || s.tools);
      if (off.length) throw new Error(`start-up: ${off.length} sample(s) of ours did not fetch the .wasm (or imported wasm-inline.js, or the tools)`);
    }

    // The first verify: the tools module imported and instantiated, then a verify of a
    // 9-byte Blob (no request); the second verify, the same without the import. A fresh
    // context per sample, after ours' import and `new PocketBase`.
    if (want("startup")) log("tools: first use (cold, fresh context per sample)");
    if (want("startup")) results.toolsFirstUse = (await alternate("tools first use", ["ours"], CONFIG.startupRounds, async () => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${URL_}/blank.html`);
        return await page.evaluate(async () => {
          const m = await import("/ours/index.js");
          const pb = new m.default(location.origin);
          const t0 = performance.now();
          const first = await pb.backups.verify(new Blob(["not a zip"]));
          const t1 = performance.now();
          const second = await pb.backups.verify(new Blob(["not a zip"]));
          const t2 = performance.now();
          if (first.problems[0]?.code !== "zip_not_zip" || second.problems[0]?.code !== "zip_not_zip") {
            throw new Error(`verify: ${JSON.stringify([first, second])}`);
          }
          const paths = performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname);
          return { ms: t1 - t0, secondMs: t2 - t1, toolsFetched: paths.includes("/ours/tools/bosbase_backups_tools_bg.wasm") };
        });
      } finally {
        await context.close();
      }
    })).ours;
    if (results.toolsFirstUse?.some((s) => !s.toolsFetched)) throw new Error("tools: a first verify did not fetch the tools' .wasm");

    // Everything else in ONE page with both SDKs loaded.
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`${URL_}/index.html`);
    await page.waitForFunction(() => window.bench, null, { timeout: 60_000 });
    const setup = await page.evaluate(([e, p]) => window.bench.setup(e, p), [EMAIL, PASSWORD]);
    log("page ready; wasm memory after init", setup.wasmMemory);
    results.meta.wasmMemoryAfterInit = setup.wasmMemory;
    results.meta.oursLoaded = setup.loaded;
    if (!setup.loaded.wasm || setup.loaded.inline) {
      throw new Error(`ours did not load its .wasm by fetch as the size counts it: ${JSON.stringify(setup.loaded)}`);
    }

    const SDKS = ["ours", "official", "raw"];
    if (want("calls")) log(`call overhead: ${CONFIG.calls} sequential getFullList, ${CONFIG.backups} backups`);
    if (want("calls")) results.calls = await alternate("calls", SDKS, CONFIG.callRounds,
      (w) => page.evaluate(([w, n, b]) => window.bench.listSequential(w, n, b), [w, CONFIG.calls, CONFIG.backups]),
      { warmup: 1 });

    if (want("parallel")) log(`concurrency: ${CONFIG.parallel} parallel getFullList`);
    if (want("parallel")) results.parallel = await alternate("parallel", SDKS, CONFIG.parallelRounds,
      (w) => page.evaluate(([w, n, b]) => window.bench.listParallel(w, n, b), [w, CONFIG.parallel, CONFIG.backups]),
      { warmup: 1 });

    if (want("canned")) {
      const cannedChars = await page.evaluate(() => window.bench.prepareCanned());
      log(`SDK work per call: ${CONFIG.cannedCalls} getFullList on a canned answer (${cannedChars} chars)`);
      results.meta.cannedBodyChars = cannedChars;
      results.canned = await alternate("canned", SDKS, CONFIG.cannedRounds,
        (w) => page.evaluate(([w, n, b]) => window.bench.listCanned(w, n, b), [w, CONFIG.cannedCalls, CONFIG.backups]),
        { warmup: 1 });
    }

    log(`generating the ${CONFIG.transferMiB} MiB backup zip in the page`);
    const zip = await page.evaluate((mib) => window.bench.prepareZip(mib), CONFIG.transferMiB);
    log(`zip: ${zip.size} bytes in ${zip.ms.toFixed(0)} ms (${zip.attempts} build${zip.attempts > 1 ? "s" : ""})`);
    results.meta.transferBytes = zip.size;

    // The file the downloads read, uploaded first: it also warms the upload path
    // (the first upload of a page is slower for whichever SDK runs it).
    const dlKey = "bench_download.zip";
    if (want("upload") || want("download")) {
      const warm = await page.evaluate((k) => window.bench.uploadOnce("raw", k), dlKey);
      log(`uploaded ${dlKey} for the downloads (warm-up, not recorded): ${warm.ms.toFixed(0)} ms`);
    }

    const wasmBeforeUploads = await page.evaluate(() => window.bench.wasmMemory());
    if (want("upload")) log("upload");
    if (want("upload")) results.upload = await alternate("upload", ["ours", "official", "oursVerify", "oursProgress", "raw"], CONFIG.transferRounds, async (w, r) => {
      const key = `bench_upload_${w}_${r}.zip`;
      const s = await page.evaluate(([w, k]) => window.bench.uploadOnce(w, k), [w, key]);
      await page.evaluate((k) => window.bench.remove(k), key); // keep the disk free
      return s;
    }, { settle: SETTLE });
    const wasmAfterUploads = await page.evaluate(() => window.bench.wasmMemory());
    results.uploadWasm = { before: wasmBeforeUploads, after: wasmAfterUploads, growth: wasmAfterUploads - wasmBeforeUploads };

    if (want("download")) log("download");
    const wasmBeforeDownloads = await page.evaluate(() => window.bench.wasmMemory());
    if (want("download")) results.download = await alternate("download", ["ours", "official", "oursProgress", "rawProgress", "raw"], CONFIG.transferRounds,
      (w) => page.evaluate(([w, k, size]) => window.bench.downloadOnce(w, k, size), [w, dlKey, zip.size]),
      { settle: SETTLE });
    const wasmAfterDownloads = await page.evaluate(() => window.bench.wasmMemory());
    results.downloadWasm = { before: wasmBeforeDownloads, after: wasmAfterDownloads, growth: wasmAfterDownloads - wasmBeforeDownloads };
    if (want("upload") || want("download")) await page.evaluate((k) => window.bench.remove(k), dlKey);

    // Verify: a deflated backup (data.db 6/5 of the transfer size, deflated to a little
    // more than the transfer size) verified by key and from a local Blob, next to a plain
    // download of the same file and the browser's own inflate of it.
    if (want("verify")) {
      const dataMiB = Math.ceil((CONFIG.transferMiB * 6) / 5);
      log(`generating a deflated backup (data.db ${dataMiB} MiB) for verify`);
      const vz = await page.evaluate((mib) => window.bench.prepareVerifyZip(mib), dataMiB);
      log(`verify zip: ${vz.size} bytes (${vz.inflated} inflated) in ${vz.ms.toFixed(0)} ms`);
      results.meta.verifyZip = vz;
      const vKey = "bench_verify.zip";
      await page.evaluate((k) => window.bench.uploadVerifyZip(k), vKey);
      const before = await page.evaluate(() => window.bench.wasmMemory());
      log("verify");
      results.verify = await alternate("verify", ["ours", "download", "oursBlob", "inflateFloor"], CONFIG.transferRounds,
        (w) => page.evaluate(([w, k]) => window.bench.verifyOnce(w, k), [w, vKey]),
        { settle: SETTLE });
      const after = await page.evaluate(() => window.bench.wasmMemory());
      results.verifyWasm = { before, after, growth: after - before };
      await page.evaluate((k) => window.bench.remove(k), vKey);
    }

    if (want("explore")) {
      const { samples, meta } = await exploreBench(browser, page);
      Object.assign(results, samples);
      results.meta.explore = meta;
    }

    if (problems.length) throw new Error(`page errors: ${problems.join("; ")}`);
    await context.close();
  } finally {
    await browser.close();
  }

  results.meta.durationSeconds = Math.round((Date.now() - started) / 1000);
  results.meta.machine.loadAverageAtEnd = os.loadavg();
  const outDir = path.join(HERE, "results");
  mkdirSync(outDir, { recursive: true });
  if (ONLY) {
    writeFileSync(path.join(outDir, "partial.json"), `${JSON.stringify(results, null, 1)}\n`);
    log("BENCH_ONLY: wrote bench/results/partial.json (BENCHMARKS.md untouched)");
    return;
  }
  results.summary = summarize(results);

  const jsonFile = path.join(outDir, QUICK ? "quick.json" : "latest.json");
  writeFileSync(jsonFile, `${JSON.stringify(results, null, 1)}\n`);
  log(`wrote ${path.relative(ROOT, jsonFile)}`);
  const md = renderMarkdown(results);
  if (QUICK) {
    writeFileSync(path.join(outDir, "quick.md"), md);
    log("quick run: wrote bench/results/quick.md (BENCHMARKS.md untouched)");
  } else {
    writeFileSync(path.join(ROOT, "BENCHMARKS.md"), md);
    log("wrote BENCHMARKS.md");
  }
  process.stdout.write(md);
}

// --- explore ------------------------------------------------------------------------

/** Deletes the records `ids` of `collection` on the server, 8 requests at a time. */
async function deleteRecords(token, collection, ids) {
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      await api(`/api/collections/${collection}/records/${id}`, { method: "DELETE" }, token);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** A new page of its own (fresh context), set up as the main one: the page and its context. */
async function freshPage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(e.message));
  await page.goto(`${URL_}/index.html`);
  await page.waitForFunction(() => window.bench, null, { timeout: 60_000 });
  await page.evaluate(([e, p]) => window.bench.setup(e, p), [EMAIL, PASSWORD]);
  return { context, page };
}

// The explorer: the server's data.db grown past CONFIG.explore.dbMiB (a collection of
// 1 MiB records of random base64, so that the backup's zip is not much smaller than the
// database: 99 % of it, measured) next to the explore fixture (tests/support/), with its
// collection of `bulk` small records; one backup of it. Then, in this order:
//   explore vs download  `explore(key)` until `x.collections`, against a plain
//                        `download(key)` of the same backup, alternated
//   memory               in a fresh page per sample, the explorer module loaded first:
//                        open + collections + `memoryPages` random pages of `perPage`
//   records              `recordsPages` random pages of `perPage` of the bulk collection,
//                        against the official SDK's `getList` of the live collection
//   recover              `recover` records deleted after the backup (the server's batch
//                        API off, as by default), against one official `create` per record
async function exploreBench(browser, page) {
  const cfg = CONFIG.explore;
  const token = await superuserToken(URL_);
  const meta = { dbMiB: cfg.dbMiB, bulk: cfg.bulk, perPage: cfg.perPage, memoryPages: cfg.memoryPages, recover: cfg.recover };
  log(`explore: the fixture (${cfg.bulk} small records) and ${cfg.dbMiB} MiB of large records`);
  const fixture = await buildExploreFixture(URL_, token, { suffix: "bench", bulk: cfg.bulk });
  meta.fixtureMs = fixture.timings.totalMs;
  const large = await largeDatabase(URL_, token, { bytes: cfg.dbMiB * 2 ** 20, suffix: "bench", compressible: false });
  meta.large = { name: large.name, records: large.records, valueBytes: large.valueBytes, ms: large.ms };
  const bulk = fixture.names.bulk;
  const key = "bench_explore.zip";
  const t0 = performance.now();
  const made = await makeBackup(URL_, token, key);
  meta.backupMs = Math.round(performance.now() - t0);
  meta.zipBytes = made.size;
  log(`explore: backup ${key} of ${made.size} bytes (fixture ${meta.fixtureMs} ms, large records ${large.ms} ms, backup ${meta.backupMs} ms)`);
  // Records of the bulk collection deleted after the backup, spread over it: what the
  // recover rows bring back (and delete again after each sample).
  const all = fixture.ids[bulk];
  const step = Math.floor(all.length / cfg.recover);
  const ids = Array.from({ length: cfg.recover }, (_, i) => all[i * step]);
  await deleteRecords(token, bulk, ids);
  meta.batchEnabled = (await api("/api/settings", {}, token)).batch?.enabled ?? false;
  if (meta.batchEnabled) throw new Error("the server's batch API is on; the recover rows measure it off (the default)");
  const want = { key, size: made.size, collections: { [bulk]: cfg.bulk, [large.name]: large.records } };
  const samples = {};

  meta.explorerAfterLoad = await page.evaluate(() => window.bench.loadExplorer());
  log("explore: explore(key) until x.collections vs download(key)");
  samples.explore = await alternate("explore", ["ours", "download"], cfg.rounds,
    (w) => page.evaluate(([w, want]) => window.bench.exploreOnce(w, want), [w, want]),
    { settle: SETTLE });
  meta.dbBytes = samples.explore.ours[0].dbBytes;
  meta.explorerAfterRounds = await page.evaluate(() => window.bench.explorerMemory());

  log(`explore: memory, open + collections + ${cfg.memoryPages} pages (fresh page per sample)`);
  samples.exploreMemory = [];
  for (let i = 0; i < cfg.memorySamples; i++) {
    const fresh = await freshPage(browser);
    try {
      const loaded = await fresh.page.evaluate(() => window.bench.loadExplorer());
      await sleep(SETTLE);
      const s = await fresh.page.evaluate(([want, c, n, pages, per]) => window.bench.exploreMemory(want, c, n, pages, per),
        [want, bulk, cfg.bulk, cfg.memoryPages, cfg.perPage]);
      if (fresh.page.problems.length) throw new Error(`page errors: ${fresh.page.problems.join("; ")}`);
      samples.exploreMemory.push({ explorerLoaded: loaded, ...s });
      log(`explore memory ${i + 1}/${cfg.memorySamples}: explorer wasm +${s.explorerGrowth} B, JS heap +${s.heapGrowth} B, ${s.ms.toFixed(0)} ms`);
    } finally {
      await fresh.context.close();
    }
  }

  log(`explore: records(), ${cfg.recordsPages} random pages of ${cfg.perPage}`);
  await page.evaluate((k) => window.bench.exploreOpen(k), key);
  samples.records = await alternate("records", ["ours", "official"], cfg.recordsRounds,
    (w) => page.evaluate(([w, c, n, pages, per]) => window.bench.recordsOnce(w, c, n, pages, per),
      [w, bulk, w === "ours" ? cfg.bulk : cfg.bulk - cfg.recover, cfg.recordsPages, cfg.perPage]),
    { warmup: 1 });

  log(`explore: recover ${cfg.recover} records`);
  await page.evaluate(([c, ids]) => window.bench.prepareRecover(c, ids), [bulk, ids]);
  samples.recover = await alternate("recover", ["ours", "official"], cfg.recoverRounds, async (w) => {
    const s = await page.evaluate(([w, c, ids]) => window.bench.recoverOnce(w, c, ids), [w, bulk, ids]);
    await deleteRecords(token, bulk, ids);
    return s;
  }, { settle: SETTLE });
  await page.evaluate(() => window.bench.exploreClose());
  return { samples, meta };
}

// Medians of every measurement, and the ratios ours / official.
function summarize(r) {
  const ms = (xs) => median(xs.map((s) => (typeof s === "number" ? s : s.ms)));
  const field = (xs, f) => median(xs.map((s) => s[f]));
  const of = (samples, f = null) => Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, f ? field(xs, f) : ms(xs)]));
  const out = {
    startupMs: of(r.startup),
    startupImportMs: of(r.startup, "importMs"),
    startupInitMs: of(r.startup, "initMs"),
    ...(r.toolsFirstUse && {
      toolsFirstUseMs: median(r.toolsFirstUse.map((x) => x.ms)),
      toolsSecondUseMs: median(r.toolsFirstUse.map((x) => x.secondMs)),
    }),
    // The median start and end of each of ours' requests at start-up.
    startupTimeline: Object.fromEntries(Object.keys(r.startup.ours[0]?.timeline ?? {}).map((f) => [f, {
      start: median(r.startup.ours.map((x) => x.timeline?.[f]?.start ?? NaN)),
      end: median(r.startup.ours.map((x) => x.timeline?.[f]?.end ?? NaN)),
    }])),
    callsTotalMs: of(r.calls),
    parallelMs: of(r.parallel),
    cannedTotalMs: of(r.canned),
    uploadMs: of(r.upload),
    uploadHeapGrowth: of(r.upload, "heapGrowth"),
    uploadWasmGrowthPerSample: Math.max(...[...r.upload.ours, ...r.upload.oursVerify, ...r.upload.oursProgress].map((s) => s.wasmGrowth)),
    uploadWasmGrowthAll: r.uploadWasm.growth,
    downloadMs: of(r.download),
    downloadHeapGrowth: of(r.download, "heapGrowth"),
    downloadProgressHeapGrowthMax: Math.max(...r.download.oursProgress.map((s) => s.heapGrowth)),
    downloadWasmGrowthPerSample: Math.max(...[...r.download.ours, ...r.download.oursProgress].map((s) => s.wasmGrowth)),
    downloadWasmGrowthAll: r.downloadWasm.growth,
  };
  if (r.verify) {
    out.verifyMs = of(r.verify);
    out.verifyMiBps = of(r.verify, "mibps");
    out.verifyHeapGrowth = of(r.verify, "heapGrowth");
    out.verifyHeapGrowthMax = Math.max(...[...r.verify.ours, ...r.verify.oursBlob].map((s) => s.heapGrowth));
    out.verifyWasmGrowthPerSample = Math.max(...[...r.verify.ours, ...r.verify.oursBlob].map((s) => s.wasmGrowth));
    out.verifyWasmGrowthAll = r.verifyWasm.growth;
  }
  if (r.explore) out.explore = summarizeExplore(r);
  // Ours / official (or / the raw floor) within each round (the two ran next to each
  // other): min and max.
  const ms1 = (x) => (typeof x === "number" ? x : x.ms);
  const perRound = (samples, v = "ours", base = "official") => {
    const rs = samples[v].map((x, i) => ms1(x) / ms1(samples[base][i]));
    return [Math.min(...rs), Math.max(...rs)];
  };
  out.roundRatioRange = {
    startup: perRound(r.startup),
    calls: perRound(r.calls),
    parallel: perRound(r.parallel),
    canned: perRound(r.canned),
    upload: perRound(r.upload),
    uploadVerify: perRound(r.upload, "oursVerify"),
    uploadProgress: perRound(r.upload, "oursProgress"),
    download: perRound(r.download),
    downloadProgress: perRound(r.download, "oursProgress"),
    downloadProgressVsRaw: perRound(r.download, "oursProgress", "raw"),
    rawProgressVsRaw: perRound(r.download, "rawProgress", "raw"),
    downloadProgressVsRawProgress: perRound(r.download, "oursProgress", "rawProgress"),
  };
  out.ratio = {
    sizeGzip: r.size.ours.total.gzip / r.size.official.total.gzip,
    sizeBrotli: r.size.ours.total.brotli / r.size.official.total.brotli,
    startup: out.startupMs.ours / out.startupMs.official,
    calls: out.callsTotalMs.ours / out.callsTotalMs.official,
    parallel: out.parallelMs.ours / out.parallelMs.official,
    canned: out.cannedTotalMs.ours / out.cannedTotalMs.official,
    upload: out.uploadMs.ours / out.uploadMs.official,
    uploadVerify: out.uploadMs.oursVerify / out.uploadMs.official,
    uploadProgress: out.uploadMs.oursProgress / out.uploadMs.official,
    downloadProgress: out.downloadMs.oursProgress / out.downloadMs.official,
    downloadProgressVsRaw: out.downloadMs.oursProgress / out.downloadMs.raw,
    rawProgressVsRaw: out.downloadMs.rawProgress / out.downloadMs.raw,
    downloadProgressVsRawProgress: out.downloadMs.oursProgress / out.downloadMs.rawProgress,
    download: out.downloadMs.ours / out.downloadMs.official,
  };
  return out;
}

// `node bench/run.mjs --report`: BENCHMARKS.md again from bench/results/latest.json
// (after a change to the report; no measuring).
function reportOnly() {
  const file = path.join(HERE, "results", "latest.json");
  const results = JSON.parse(readFileSync(file, "utf8"));
  if (!results.size?.ours?.entry) {
    throw new Error(`${path.relative(ROOT, file)} measured the web glue, not the default entry: run scripts/bench.sh`);
  }
  results.summary = summarize(results);
  writeFileSync(file, `${JSON.stringify(results, null, 1)}\n`);
  writeFileSync(path.join(ROOT, "BENCHMARKS.md"), renderMarkdown(results));
  log("wrote BENCHMARKS.md from bench/results/latest.json");
}

if (process.argv.includes("--report")) {
  try {
    reportOnly();
  } catch (err) {
    console.error("bench: FAILED:", err.message);
    process.exit(1);
  }
} else main().catch((err) => {
  console.error("bench: FAILED:", err.stack || err);
  process.exit(1);
});
