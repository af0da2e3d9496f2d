// The in-page half of the benchmark (bench/run.mjs drives it through Playwright).
// Both SDKs are loaded side by side in this one page, served same-origin by
// PocketBase; every measurement is a function of `window.bench` that times itself
// with performance.now() and returns plain numbers.
//
//   "ours"     this repo's package by its default entry, as users load it (pkg/index.js,
//              which loads its own .wasm, with pkg/web beside it, staged as ./ours/)
//   "official" the npm package `pocketbase` (dist/pocketbase.es.mjs, staged as ./official/)
//   "raw"      the physical floor: the same HTTP request(s) with fetch and no SDK
import PocketBase, { BaseAuthStore, init } from "./ours/index.js";
import OfficialPocketBase, { BaseAuthStore as OfficialBaseAuthStore } from "./official/pocketbase.es.mjs";
import { crc32, sqliteFirstPage, writeZip } from "./zip-writer.mjs";

const origin = location.origin;
const MiB = 1024 * 1024;

let wasm = null; // ours' wasm exports (what `init()` returns): `memory` is its linear memory
let toolsWasm = null; // the tools module's exports, once a verify has loaded it
let explorerWasm = null; // the explorer module's exports, once an explore has loaded it
let ours = null;
let official = null;
let token = ""; // the superuser token, for the raw requests
let bigZip = null; // the generated backup zip (a Blob)

// Ours' wasm memory: the core's, and the tools' and the explorer's once loaded (verify
// reads the bytes in the tools', explore its database pages in the explorer's).
const explorerBytes = () => (explorerWasm ? explorerWasm.memory.buffer.byteLength : 0);
const wasmBytes = () => wasm.memory.buffer.byteLength + (toolsWasm ? toolsWasm.memory.buffer.byteLength : 0) + explorerBytes();
// Precise with --enable-precise-memory-info (bench/run.mjs launches Chromium so).
const heapBytes = () => performance.memory.usedJSHeapSize;
const collect = () => (typeof gc === "function" ? gc() : undefined);

async function check(res, want) {
  if (res.status !== want) throw new Error(`${res.url}: HTTP ${res.status}, expected ${want}: ${await res.text()}`);
  return res;
}

// Which of ours' files the page has fetched so far: the entry must have fetched its
// .wasm, not fallen back to the inlined copy (that is neither what the shipped size
// counts nor what a server that serves the .wasm sends).
function oursLoaded() {
  const paths = performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname);
  return { wasm: paths.includes("/ours/web/bosbase_backups_bg.wasm"), inline: paths.includes("/ours/wasm-inline.js") };
}

async function setup(email, password) {
  // The entry has loaded its wasm on import; init() again returns the same exports.
  wasm = await init();
  if (!(wasm?.memory instanceof WebAssembly.Memory)) throw new Error("init() did not return the wasm exports");
  // Each SDK with its own in-memory store: the default stores of both keep the
  // session in localStorage under the same key ("pocketbase_auth").
  ours = new PocketBase(origin, new BaseAuthStore());
  official = new OfficialPocketBase(origin, new OfficialBaseAuthStore());
  await ours.collection("_superusers").authWithPassword(email, password);
  await official.collection("_superusers").authWithPassword(email, password);
  token = ours.authStore.token;
  if (!token || !official.authStore.token) throw new Error("sign-in failed");
  if (localStorage.getItem("pocketbase_auth") !== null) throw new Error("a session was stored in localStorage");
  return { wasmMemory: wasmBytes(), loaded: oursLoaded() };
}

// One getFullList of each kind; resolves with the list.
const list = {
  ours: (opts) => ours.backups.getFullList(opts),
  official: (opts) => official.backups.getFullList(opts),
  raw: () => fetch(`${origin}/api/backups`, { headers: { Authorization: token } })
    .then((r) => check(r, 200)).then((r) => r.json()),
};

// `n` sequential getFullList calls; resolves with the total ms.
async function listSequential(which, n, expect) {
  const call = list[which];
  let last = null;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) last = await call();
  const ms = performance.now() - t0;
  if (last.length !== expect) throw new Error(`${which}: ${last.length} backups listed, expected ${expect}`);
  return ms;
}

// `n` getFullList calls at once (requestKey: null on both SDKs); ms until all resolved.
async function listParallel(which, n, expect) {
  const call = list[which];
  const t0 = performance.now();
  const all = await Promise.all(Array.from({ length: n }, () => call({ requestKey: null })));
  const ms = performance.now() - t0;
  for (const l of all) if (l.length !== expect) throw new Error(`${which}: ${l.length} backups listed, expected ${expect}`);
  return ms;
}

// The same getFullList with the server's answer canned: a `fetch` option (both SDKs
// take one) that resolves at once with a Response of the real 200-backup list, so
// what is timed is the SDK's own work per call (request building, response parsing,
// result objects), with no network and no server.
let cannedBody = "";
const cannedFetch = () => Promise.resolve(new Response(cannedBody, {
  status: 200, headers: { "content-type": "application/json" },
}));
const canned = {
  ours: () => ours.backups.getFullList({ fetch: cannedFetch }),
  official: () => official.backups.getFullList({ fetch: cannedFetch }),
  raw: () => cannedFetch().then((r) => r.json()),
};

async function prepareCanned() {
  cannedBody = await (await check(await fetch(`${origin}/api/backups`, { headers: { Authorization: token } }), 200)).text();
  return cannedBody.length;
}

async function listCanned(which, n, expect) {
  const call = canned[which];
  let last = null;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) last = await call();
  const ms = performance.now() - t0;
  if (last.length !== expect) throw new Error(`${which}: ${last.length} backups listed, expected ${expect}`);
  return ms;
}

// --- The generated backup: a zip with one stored entry data.db of `dataMiB` MiB,
// built from one 1 MiB chunk repeated (the Blob references the same bytes), with a
// correct CRC-32, so that it is a real backup and our verification passes.
let zipParts = null; // [chunk, crc] of the last makeZip, so a rebuild skips the CRC

function makeZip(dataMiB) {
  if (!zipParts || zipParts.mib !== dataMiB) {
    const chunk = new Uint8Array(MiB);
    let x = 0x9e3779b9;
    for (let i = 0; i < chunk.length; i++) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5; // xorshift: no long runs of one byte
      chunk[i] = x & 0xff;
    }
    let crc = 0;
    for (let i = 0; i < dataMiB; i++) crc = crc32(chunk, crc);
    zipParts = { mib: dataMiB, chunk, crc };
  }
  const { chunk, crc } = zipParts;
  const entry = { name: "data.db", parts: Array(dataMiB).fill(chunk), size: dataMiB * MiB, crc, method: 0 };
  return new Blob(writeZip([entry]).parts, { type: "application/zip" });
}

// Chromium (156) fails a Blob too big for its default blob-storage limits while it
// has not yet worked out the real ones, in the first seconds after launch: every
// read of such a Blob rejects with NotReadableError, and the same Blob built a few
// seconds later reads fine. So: build, read the central directory as our
// verification will (also a check that it is a backup), and if that read fails,
// drop the Blob and build it again 2 s later.
async function prepareZip(dataMiB) {
  const t0 = performance.now();
  let attempts = 0;
  for (;;) {
    attempts++;
    bigZip = makeZip(dataMiB);
    try {
      const report = await ours.backups.inspect(bigZip);
      if (!report.isBackup) throw new Error(`generated zip is not a backup: ${JSON.stringify(report.error)}`);
      await bigZip.slice(0, 64).arrayBuffer();
      break;
    } catch (err) {
      if (attempts >= 15 || !/could not be read/i.test(String(err.message ?? err))) throw err;
      bigZip = null;
      collect();
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  return { size: bigZip.size, ms: performance.now() - t0, attempts };
}

// Samples the JS heap and the wasm memory every few ms while a transfer runs.
function monitor() {
  collect();
  const m = { heapBefore: heapBytes(), wasmBefore: wasmBytes(), explorerBefore: explorerBytes() };
  m.heapPeak = m.heapBefore;
  m.wasmPeak = m.wasmBefore;
  m.explorerPeak = m.explorerBefore;
  const sample = () => {
    m.heapPeak = Math.max(m.heapPeak, heapBytes());
    m.wasmPeak = Math.max(m.wasmPeak, wasmBytes());
    m.explorerPeak = Math.max(m.explorerPeak, explorerBytes());
  };
  const timer = setInterval(sample, 5);
  return () => {
    sample();
    clearInterval(timer);
    m.heapAfter = heapBytes();
    m.wasmAfter = wasmBytes();
    m.heapGrowth = m.heapPeak - m.heapBefore;
    m.wasmGrowth = m.wasmPeak - m.wasmBefore;
    m.explorerGrowth = m.explorerPeak - m.explorerBefore;
    return m;
  };
}

const upload = {
  ours: (file) => ours.backups.upload(file, { verify: false }),
  oursVerify: (file) => ours.backups.upload(file), // verify: true is the default
  // With progress reports the upload goes through XMLHttpRequest (fetch cannot report them).
  oursProgress: (file) => ours.backups.upload(file, { verify: false, onProgress: () => {} }),
  official: (file) => official.backups.upload({ file }),
  raw: async (file) => {
    const form = new FormData();
    form.append("file", file);
    await check(await fetch(`${origin}/api/backups/upload`, {
      method: "POST", headers: { Authorization: token }, body: form,
    }), 204);
  },
};

// Uploads the generated zip under `name`; ms until the server's 204, and memory.
async function uploadOnce(which, name) {
  const file = new File([bigZip], name, { type: "application/zip" });
  const stop = monitor();
  const t0 = performance.now();
  await upload[which](file);
  const ms = performance.now() - t0;
  return { ms, ...stop() };
}

const download = {
  ours: (key) => ours.backups.download(key),
  // With progress reports the body is read chunk by chunk.
  oursProgress: (key) => ours.backups.download(key, { onProgress: () => {} }),
  official: async (key) => {
    const fileToken = await official.files.getToken();
    const res = await fetch(official.backups.getDownloadURL(fileToken, key));
    return (await check(res, 200)).blob();
  },
  raw: async (key) => {
    const res = await check(await fetch(`${origin}/api/files/token`, {
      method: "POST", headers: { Authorization: token },
    }), 200);
    const fileToken = (await res.json()).token;
    return (await check(await fetch(`${origin}/api/backups/${encodeURIComponent(key)}?token=${fileToken}`), 200)).blob();
  },
  // The floor of any download that reports progress and keeps the bytes out of the JS
  // heap, in plain JS: the body read by a BYOB reader into one reused 4 MiB buffer,
  // moved into a Blob whenever it is full (what ours does from wasm), plus a count.
  rawProgress: async (key) => {
    const res = await check(await fetch(`${origin}/api/files/token`, {
      method: "POST", headers: { Authorization: token },
    }), 200);
    const fileToken = (await res.json()).token;
    const body = await check(await fetch(`${origin}/api/backups/${encodeURIComponent(key)}?token=${fileToken}`), 200);
    const reader = body.body.getReader({ mode: "byob" });
    const PART = 4 << 20;
    const parts = [];
    let buffer = new ArrayBuffer(PART);
    let filled = 0;
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read(new Uint8Array(buffer, filled, PART - filled));
      if (value) {
        buffer = value.buffer;
        filled += value.byteLength;
        loaded += value.byteLength;
      }
      if (filled > 0 && (filled === PART || done)) {
        parts.push(new Blob([new Uint8Array(buffer, 0, filled)]));
        filled = 0;
      }
      if (done) return new Blob(parts, { type: body.headers.get("content-type") ?? "" });
    }
  },
};

// Downloads `key` into a Blob (a file token included); ms until the Blob is there.
async function downloadOnce(which, key, expectSize) {
  const stop = monitor();
  const t0 = performance.now();
  let blob = await download[which](key);
  const ms = performance.now() - t0;
  const mem = stop();
  if (blob.size !== expectSize) throw new Error(`${which}: downloaded ${blob.size} bytes, expected ${expectSize}`);
  blob = null;
  collect();
  return { ms, ...mem };
}

async function remove(key) {
  await check(await fetch(`${origin}/api/backups/${encodeURIComponent(key)}`, {
    method: "DELETE", headers: { Authorization: token },
  }), 204);
}

// --- verify: a deflated backup as the server writes it (data.db deflated, its CRC and
// sizes in a data descriptor after the data), compressed once in the page with
// CompressionStream. The pages hold a mix of random bytes and letters, which deflate
// shrinks only a little, so that the zip is about as large as data.db.
let verifyZip = null; // { blob, dataStart, dataEnd, inflated }

function pageChunk(seed) {
  const chunk = new Uint8Array(MiB);
  const letters = new TextEncoder().encode("abcdefghijklmnop");
  let x = seed;
  for (let i = 0; i < chunk.length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    chunk[i] = x & 0x100 ? x & 0xff : letters[(x >>> 9) & 15];
  }
  return chunk;
}

async function prepareVerifyZip(dataMiB) {
  const t0 = performance.now();
  const chunk = pageChunk(0x2545f491);
  const first = sqliteFirstPage(chunk, dataMiB * 256);
  let crc = crc32(first);
  for (let i = 1; i < dataMiB; i++) crc = crc32(chunk, crc);

  const cs = new CompressionStream("deflate-raw");
  const parts = [];
  const reading = (async () => {
    const reader = cs.readable.getReader();
    let n = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return n;
      parts.push(value);
      n += value.length;
    }
  })();
  const writer = cs.writable.getWriter();
  await writer.write(first);
  for (let i = 1; i < dataMiB; i++) await writer.write(chunk);
  await writer.close();
  await reading;
  const size = dataMiB * MiB;
  const entry = { name: "data.db", parts, size, crc, method: 8, descriptor: true };
  const { parts: zip, data } = writeZip([entry]);
  const blob = new Blob(zip, { type: "application/zip" });
  const { start: dataStart, end: dataEnd } = data[0];
  parts.length = 0;
  verifyZip = { blob, dataStart, dataEnd, inflated: size };
  collect();
  return { size: blob.size, inflated: size, ms: performance.now() - t0 };
}

async function uploadVerifyZip(key) {
  // The tools module loaded first (a verify of a few bytes), so that the verify rows'
  // memory counts both modules from before their first sample.
  await ours.backups.verify(new Blob(["not a zip"]));
  // Its initSync, once the module is loaded, hands out its exports.
  toolsWasm = (await import("./ours/tools/index.js")).initSync();
  const form = new FormData();
  form.append("file", new File([verifyZip.blob], key, { type: "application/zip" }));
  await check(await fetch(`${origin}/api/backups/upload`, {
    method: "POST", headers: { Authorization: token }, body: form,
  }), 204);
}

const verifyVariants = {
  // By key: a file token, then the download streamed through the verifier.
  ours: (key) => ours.backups.verify(key),
  // The same file from a local Blob (Blob.stream()).
  oursBlob: () => ours.backups.verify(verifyZip.blob),
  // A plain download of the same file to a Blob, for comparison.
  download: (key) => ours.backups.download(key),
  // The browser's own inflate of data.db's deflate stream from the local Blob, drained
  // in JS, no CRC: the floor of a DecompressionStream design.
  inflateFloor: async () => {
    const { blob, dataStart, dataEnd } = verifyZip;
    const reader = blob.slice(dataStart, dataEnd).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
    let n = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return n;
      n += value.length;
    }
  },
};

// One verify-row sample; ms, MiB/s of the zip (inflated bytes for the floor), memory.
async function verifyOnce(which, key) {
  const stop = monitor();
  const t0 = performance.now();
  const out = await verifyVariants[which](key);
  const ms = performance.now() - t0;
  const mem = stop();
  const size = verifyZip.blob.size;
  if (which === "ours" || which === "oursBlob") {
    if (!out.ok || out.bytes !== size || out.inflatedBytes !== verifyZip.inflated) {
      throw new Error(`${which}: verify reported ${JSON.stringify(out)}`);
    }
  } else if (which === "download" && out.size !== size) {
    throw new Error(`download: ${out.size} bytes, expected ${size}`);
  } else if (which === "inflateFloor" && out !== verifyZip.inflated) {
    throw new Error(`inflateFloor: ${out} bytes, expected ${verifyZip.inflated}`);
  }
  collect();
  return { ms, mibps: size / MiB / (ms / 1000), ...mem };
}

// --- explore: a backup of a server whose data.db bench/run.mjs grew (a collection of
// large records, and the explore fixture's collection of small ones).

// Loads the explorer module (an explore of a few bytes, refused as not a zip) so that
// the explore rows' memory counts from after its instantiation; its memory then.
async function loadExplorer() {
  const refused = await ours.backups.explore(new Blob(["not a zip"])).catch((e) => e);
  if (refused?.response?.code !== "zip_not_zip") throw new Error(`explore of a non-zip: ${refused}`);
  // Its initSync, once the module is loaded, hands out its exports.
  explorerWasm = (await import("./ours/explorer/index.js")).initSync();
  if (!(explorerWasm?.memory instanceof WebAssembly.Memory)) throw new Error("the explorer's exports have no memory");
  return explorerBytes();
}

// `want`: { key, size (the zip's bytes), collections: { name: records } } to check.
function checkCollections(collections, want) {
  const byName = Object.fromEntries(collections.map((c) => [c.name, c.records]));
  for (const [name, n] of Object.entries(want.collections)) {
    if (byName[name] !== n) throw new Error(`explore: ${name} has ${byName[name]} records in the backup, expected ${n}`);
  }
}

// One sample of the explore-vs-download row: `explore(key)` until `x.collections`
// (the download, data.db inflated into a Blob, the schema read), or a plain
// `download(key)` of the same backup to a Blob.
async function exploreOnce(which, want) {
  const stop = monitor();
  const t0 = performance.now();
  if (which === "ours") {
    const x = await ours.backups.explore(want.key);
    const collections = x.collections;
    const ms = performance.now() - t0;
    const mem = stop();
    checkCollections(collections, want);
    const dbBytes = x.database.size;
    x.close();
    collect();
    return { ms, dbBytes, ...mem };
  }
  let blob = await ours.backups.download(want.key);
  const ms = performance.now() - t0;
  const mem = stop();
  if (blob.size !== want.size) throw new Error(`download: ${blob.size} bytes, expected ${want.size}`);
  blob = null;
  collect();
  return { ms, ...mem };
}

// A random page number of a collection of `total` records, `perPage` a page.
const randomPage = (total, perPage) => 1 + Math.floor(Math.random() * Math.ceil(total / perPage));

// The memory row's sample (in a fresh page, after loadExplorer): open, collections, then
// `pages` random pages of `perPage` records of `collection` (`total` of them in the backup).
async function exploreMemory(want, collection, total, pages, perPage) {
  const stop = monitor();
  const t0 = performance.now();
  const x = await ours.backups.explore(want.key);
  const collections = x.collections;
  const openMs = performance.now() - t0;
  for (let i = 0; i < pages; i++) {
    const page = randomPage(total, perPage);
    const got = await x.records(collection, { page, perPage });
    if (got.items.length !== Math.min(perPage, total - (page - 1) * perPage)) {
      throw new Error(`records: page ${page} of ${collection} has ${got.items.length} items`);
    }
  }
  const ms = performance.now() - t0;
  const mem = stop();
  checkCollections(collections, want);
  x.close();
  collect();
  return { ms, openMs, ...mem, explorerAfter: explorerBytes() };
}

let explorer = null; // the backup opened for the records and recover rows

async function exploreOpen(key) {
  explorer = await ours.backups.explore(key);
  return explorer.collections.length;
}

// `n` random pages of `perPage` records, one after another: ours from the opened
// backup, official the same collection's pages from the live server (`getList`).
async function recordsOnce(which, collection, total, n, perPage) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const page = randomPage(total, perPage);
    const got = which === "ours"
      ? await explorer.records(collection, { page, perPage })
      : await official.collection(collection).getList(page, perPage);
    if (got.items.length !== Math.min(perPage, total - (page - 1) * perPage)) {
      throw new Error(`${which}: page ${page} of ${collection} has ${got.items.length} items`);
    }
  }
  const ms = performance.now() - t0;
  return { ms, pages: n, pagesPerSecond: n / (ms / 1000) };
}

let recoverBodies = null; // the records to recover as the backup holds them, for the official creates

async function prepareRecover(collection, ids) {
  const got = await explorer.records(collection, { ids, perPage: ids.length });
  if (got.items.length !== ids.length) throw new Error(`records by id: ${got.items.length} of ${ids.length}`);
  recoverBodies = got.items.map(({ collectionId, collectionName, created, updated, ...body }) => body);
  return recoverBodies.length;
}

// The records `ids` (deleted from the live server after the backup) created again: ours
// by `recover` from the opened backup, official by one `create` per record of the same
// values (the floor of any recovery through the records API, one request per record).
async function recoverOnce(which, collection, ids) {
  const t0 = performance.now();
  if (which === "ours") {
    const out = await explorer.recover(collection, ids);
    const ms = performance.now() - t0;
    if (out.created.length !== ids.length || out.failed.length) {
      throw new Error(`recover: ${out.created.length} created, ${out.failed.length} failed: ${out.failed[0]?.error}`);
    }
    return { ms, perRecordMs: ms / ids.length };
  }
  for (const body of recoverBodies) await official.collection(collection).create(body);
  const ms = performance.now() - t0;
  return { ms, perRecordMs: ms / ids.length };
}

function exploreClose() {
  explorer?.close();
  explorer = null;
  recoverBodies = null;
}

window.bench = {
  setup, listSequential, listParallel, prepareCanned, listCanned, prepareZip, uploadOnce, downloadOnce, remove,
  prepareVerifyZip, uploadVerifyZip, verifyOnce,
  loadExplorer, exploreOnce, exploreMemory, exploreOpen, recordsOnce, prepareRecover, recoverOnce, exploreClose,
  wasmMemory: () => wasmBytes(),
  explorerMemory: () => explorerBytes(),
};
document.getElementById("state").textContent = "ready";
