// BENCHMARKS.md from the results of bench/run.mjs.
import { renderBreakdown } from "./wasm-breakdown.mjs";

const nf = new Intl.NumberFormat("en-US");
const B = (n) => `${nf.format(n)} B`;
const KB = (n) => `${(n / 1000).toFixed(1)} KB`;
const bytesKB = (n) => `${B(n)} (${KB(n)})`;
const MiBs = (n) => {
  const a = Math.abs(n);
  if (a >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (a >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n} B`;
};
const mem = (n) => (Math.abs(n) < 1024 ? B(Math.round(n)) : `${MiBs(n)} (${nf.format(Math.round(n))} B)`);
const ms = (n) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
const sec = (n) => `${(n / 1000).toFixed(2)} s`;
const ratio = (r) => r.toFixed(2);
// The median ratio and, when known, the range of the per-round ratios.
const ratioR = (r, range) => (range ? `${r.toFixed(2)} (rounds ${range[0].toFixed(2)}–${range[1].toFixed(2)})` : ratio(r));
const met = (ok) => (ok ? "**met**" : "**missed**");

// The targets: shipped size (gzip, the default entry) ≤ 40,000 B, stretch: the official
// SDK's; start-up ≤ 1.5 × the official's; calls, uploads and concurrency ≤ 1.05 × the
// official's; a download with onProgress ≤ 1.25 × the raw floor's time (fetch → blob())
// with a JS heap growth under 16 MiB.
const TARGET = {
  sizeGzip: 40_000,
  startup: 1.5,
  calls: 1.05,
  upload: 1.05,
  parallel: 1.05,
  downloadProgressVsRaw: 1.25,
  downloadProgressHeap: 16 * (1 << 20),
  verifyWasm: 1 << 20,
  verifyHeap: 16 * (1 << 20),
  // Exploring a backup whose data.db is ≥ 256 MiB (open, collections, pages of records).
  exploreWasm: 32 * (1 << 20),
  exploreHeap: 64 * (1 << 20),
};

// The explorer's rows: open until `x.collections` next to a plain download of the same
// backup, the memory of open + collections + pages against its budget, records() pages
// per second next to the live server's, and recover next to the official SDK's creates.
export function exploreRows(r, x = summarizeExplore(r)) {
  const m = r.meta.explore;
  const MiB = (n) => (n / (1 << 20)).toFixed(0);
  const perSec = (bytes, msv) => `${(bytes / (1 << 20) / (msv / 1000)).toFixed(0)} MiB/s`;
  const pps = (v) => `${x.recordsPagesPerSecond[v].toFixed(1)} pages/s (${ms(x.recordsMs[v] / r.records[v][0].pages)} a page)`;
  const perRecord = (v) => `${sec(x.recoverMs[v])} (${(x.recoverMs[v] / m.recover).toFixed(2)} ms/record)`;
  const n = r.exploreMemory.length;
  return [
    [`Explore a ${MiB(m.zipBytes)} MiB backup of a server whose data.db is ${MiB(m.dbBytes)} MiB (${m.large.records} records of ${MiB(m.large.valueBytes)} MiB of random base64, and the explore fixture): \`explore(key)\` until \`x.collections\` (file token, the download, data.db inflated into a Blob, its schema and counts read; the official SDK has no explore)`,
      `${sec(x.exploreMs.ours)} (${perSec(m.dbBytes, x.exploreMs.ours)} of data.db)`, "— (no explore)",
      `${ratioR(x.exploreMs.ours / x.exploreMs.download, x.exploreRatioRange)} ÷ a plain \`download\` of the same backup`, "—", "—",
      `${sec(x.exploreMs.download)} (${perSec(m.zipBytes, x.exploreMs.download)}) (our \`download(key)\` to a Blob)`],
    [`Memory on explore: open + \`x.collections\` + ${m.memoryPages} random pages of ${m.perPage} records (a fresh page per sample, the explorer's module loaded before: ${mem(x.explorerLoaded)}): the explorer module's wasm linear memory growth / JS heap growth, peak − before (largest of ${n} sample${n > 1 ? "s" : ""})`,
      `${mem(x.memoryExplorerGrowthMax)} / ${mem(x.memoryHeapGrowthMax)} (heap median ${mem(x.memoryHeapGrowthMedian)}; ${sec(x.memoryMs)} a sample)`,
      "—", "—", `< ${TARGET.exploreWasm >> 20} MiB / < ${TARGET.exploreHeap >> 20} MiB`,
      met(x.memoryExplorerGrowthMax < TARGET.exploreWasm && x.memoryHeapGrowthMax < TARGET.exploreHeap), "—"],
    [`\`records()\` of the opened backup: ${r.records.ours[0].pages} random pages of ${m.perPage} of a ${nf.format(m.bulk)}-record collection, one after another`,
      pps("ours"), "— (no explore)", `${ratio(x.recordsMs.ours / x.recordsMs.official)} ÷ the live server's pages (time)`, "—", "—",
      `${pps("official")} (official \`getList(page, ${m.perPage})\` of the same collection on the live server)`],
    [`\`recover\` of ${nf.format(m.recover)} records deleted after the backup (the server's batch API off, as by default: one multipart create per record, after the checks of which exist)`,
      perRecord("ours"), "— (no recover)", `${ratioR(x.recoverMs.ours / x.recoverMs.official, x.recoverRatioRange)} ÷ the official's creates`, "—", "—",
      `${perRecord("official")} (${nf.format(m.recover)} official \`create\` calls of the same records, one after another)`],
  ];
}

// How the explorer's rows were measured (a bullet of the Method section).
export function exploreMethod(r) {
  const m = r.meta.explore;
  return `- **Explore**: the server's data.db grown past ${m.dbMiB} MiB by ${m.large.records} records of ${(m.large.valueBytes / (1 << 20)).toFixed(0)} MiB
  of random base64 (through the batch API, turned off again after: the server's default),
  next to the explore fixture (\`tests/support/explore-fixture.mjs\`: collections of every
  kind, one of ${nf.format(m.bulk)} small records), then one backup (${nf.format(m.zipBytes)} B). ${nf.format(m.recover)} records of the
  small-record collection, spread over it, are deleted after the backup. The explorer's
  module is loaded first (an explore of a few bytes, refused) so that its memory counts
  from its instantiation (${mem(m.explorerAfterLoad)}). Explore: \`explore(key)\` until
  \`x.collections\` returns, each sample's collections and counts checked, alternated
  with our \`download(key)\` of the same backup (${r.explore.ours.length} rounds, 1.5 s of quiet before each).
  Memory: a fresh page per sample, \`gc()\`, then the explorer module's
  \`memory.buffer.byteLength\` (its \`initSync()\` called again returns its exports) and
  \`performance.memory.usedJSHeapSize\` sampled every 5 ms over open + \`x.collections\` +
  ${m.memoryPages} random pages of ${m.perPage}; growth = peak − before. \`records()\`: the backup opened
  once, then random pages one after another, alternated with the official SDK's
  \`getList\` of the live collection (one warm-up round). Recover: \`x.recover(collection,
  ids)\` of the ${nf.format(m.recover)} deleted records (each result checked: all created, none failed),
  alternated with ${nf.format(m.recover)} sequential \`create\` calls of the official SDK with the same
  values; the records are deleted again after each sample.
`;
}

// The explorer's rows of the spread table.
export function exploreSpread(r) {
  return [
    ...spread("explore until collections", r.explore, undefined, sec),
    ...spread("explore memory: the explorer's wasm growth", { ours: r.exploreMemory }, (x) => x.explorerGrowth, MiBs),
    ...spread("explore memory: JS heap growth", { ours: r.exploreMemory }, (x) => x.heapGrowth, MiBs),
    ...spread("records(): pages/s", r.records, (x) => x.pagesPerSecond, (v) => v.toFixed(1)),
    ...spread("recover", r.recover, undefined, sec),
  ];
}

function spread(title, samples, f, fmt) {
  return Object.entries(samples).map(([k, xs]) => {
    const st = stats(xs, f);
    return `| ${title} | ${k} | ${st.n} | ${fmt(st.min)} | ${fmt(st.median)} | ${fmt(st.max)} |`;
  });
}

// The verify rows: by key next to a plain download of the same file, from a local Blob
// next to the browser's own inflate, and the memory either way.
function verifyRows(r, s, sec) {
  const z = r.meta.verifyZip;
  const vmib = (z.size / (1 << 20)).toFixed(0);
  const rate = (k) => `${sec(s.verifyMs[k])} (${s.verifyMiBps[k].toFixed(0)} MiB/s)`;
  const wasmOk = s.verifyWasmGrowthAll < TARGET.verifyWasm && s.verifyWasmGrowthPerSample < TARGET.verifyWasm;
  return [
    [`Verify a ${vmib} MiB backup by key (data.db ${(z.inflated / (1 << 20)).toFixed(0)} MiB deflated, its sizes after the data as the server writes them; file token, the download streamed through the verifier: every byte inflated and CRC-checked in wasm; the official SDK has no verify)`,
      rate("ours"), "— (no verify)", `${ratio(s.verifyMs.ours / s.verifyMs.download)} ÷ a plain \`download\` of the same file`, "—", "—",
      `${rate("download")} (our \`download\` to a Blob)`],
    [`Verify the same ${vmib} MiB backup from a local Blob (\`Blob.stream()\`)`,
      rate("oursBlob"), "—", `${ratio(s.verifyMs.oursBlob / s.verifyMs.inflateFloor)} ÷ the browser's inflate alone`, "—", "—",
      `${rate("inflateFloor")} (\`DecompressionStream("deflate-raw")\` of data.db, drained in JS, no CRC)`],
    ["Memory on verify: wasm linear memory growth (over all verifies; per sample max) / JS heap growth, peak − before (median by key; largest sample)",
      `${mem(s.verifyWasmGrowthAll)}; per sample ≤ ${mem(s.verifyWasmGrowthPerSample)} / ${mem(s.verifyHeapGrowth.ours)} (largest ${mem(s.verifyHeapGrowthMax)})`,
      "—", "—", `< ${TARGET.verifyWasm >> 20} MiB / < ${TARGET.verifyHeap >> 20} MiB`,
      met(wasmOk && s.verifyHeapGrowthMax < TARGET.verifyHeap), `— / ${mem(s.verifyHeapGrowth.download)} (download)`],
  ];
}

/** The explorer's figures: medians, and the memory samples' largest. */
export function summarizeExplore(r) {
  const median = (xs) => stats(xs, (x) => x).median;
  const ms = (xs) => median(xs.map((s) => s.ms));
  const mem = r.exploreMemory;
  return {
    exploreMs: { ours: ms(r.explore.ours), download: ms(r.explore.download) },
    exploreRatioRange: (() => {
      const rs = r.explore.ours.map((x, i) => x.ms / r.explore.download[i].ms);
      return [Math.min(...rs), Math.max(...rs)];
    })(),
    memoryExplorerGrowthMax: Math.max(...mem.map((s) => s.explorerGrowth)),
    memoryWasmGrowthMax: Math.max(...mem.map((s) => s.wasmGrowth)),
    memoryHeapGrowthMax: Math.max(...mem.map((s) => s.heapGrowth)),
    memoryHeapGrowthMedian: median(mem.map((s) => s.heapGrowth)),
    memoryMs: median(mem.map((s) => s.ms)),
    memoryOpenMs: median(mem.map((s) => s.openMs)),
    explorerLoaded: median(mem.map((s) => s.explorerLoaded)),
    explorerAfter: Math.max(...mem.map((s) => s.explorerAfter)),
    recordsPagesPerSecond: { ours: median(r.records.ours.map((s) => s.pagesPerSecond)), official: median(r.records.official.map((s) => s.pagesPerSecond)) },
    recordsMs: { ours: ms(r.records.ours), official: ms(r.records.official) },
    recoverMs: { ours: ms(r.recover.ours), official: ms(r.recover.official) },
    recoverRatioRange: (() => {
      const rs = r.recover.ours.map((x, i) => x.ms / r.recover.official[i].ms);
      return [Math.min(...rs), Math.max(...rs)];
    })(),
  };
}

function stats(xs, f = (s) => (typeof s === "number" ? s : s.ms)) {
  const v = xs.map(f).sort((a, b) => a - b);
  const m = v.length >> 1;
  return { min: v[0], median: v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2, max: v.at(-1), n: v.length };
}

export function renderMarkdown(r) {
  const s = r.summary;
  const rr = s.roundRatioRange || {};
  const cfg = r.config;
  const size = r.size;
  const o = size.ours;
  const off = size.official.total;
  const xfer = r.meta.transferBytes;
  const mib = (xfer / (1 << 20)).toFixed(0);
  const mbps = (msv) => `${((xfer / (1 << 20)) / (msv / 1000)).toFixed(0)} MiB/s`;
  const perCanned = (total) => `${(total / cfg.cannedCalls * 1000).toFixed(0)} µs/call`;
  const perCall = (total) => `${ms(total)} (${(total / cfg.calls * 1000).toFixed(0)} µs/call)`;

  const sizeCells = (k) => `${bytesKB(o.total[k])} = \`index.js\` (with the glue) ${B(o.entry[k])} + wasm ${B(o.wasm[k])}`;
  const t = o.tools;
  const toolsCells = (k) => `${bytesKB(t.total[k])} = \`tools/index.js\` (with its glue) ${B(t.entry[k])} + wasm ${B(t.wasm[k])}`;
  const rows = [
    ["Shipped size, gzip -9: the default entry, what the import loads before the first call (`index.js`, which carries the core's glue, + `web/bosbase_backups_bg.wasm`) vs `dist/pocketbase.es.mjs`",
      sizeCells("gzip"), bytesKB(off.gzip), ratio(s.ratio.sizeGzip),
      `≤ ${B(TARGET.sizeGzip)} (stretch: ≤ ${B(off.gzip)}, the official's)`,
      `${met(o.total.gzip <= TARGET.sizeGzip)} (stretch: ${met(o.total.gzip <= off.gzip)})`, "—"],
    ["Shipped size, brotli (q11, node zlib)", sizeCells("brotli"), bytesKB(off.brotli), ratio(s.ratio.sizeBrotli), "—", "—", "—"],
    ["Shipped size, uncompressed (for reference)", sizeCells("raw"), bytesKB(off.raw), ratio(o.total.raw / off.raw), "—", "—", "—"],
    ["The tools module, gzip -9, loaded on the first `verify`, `getSchedule` or `setSchedule` (`tools/index.js`, with its glue, + `tools/bosbase_backups_tools_bg.wasm`); the official SDK has none of these calls",
      toolsCells("gzip"), "—", "—", "its own row", "—", "—"],
    ...(s.toolsFirstUseMs !== undefined ? [[
      "First use of the tools: the first `verify` of a 9-byte Blob after the import (the tools module imported, its `.wasm` fetched and instantiated, then the verify; fresh context per sample)",
      `${ms(s.toolsFirstUseMs)} (the second verify: ${ms(s.toolsSecondUseMs)})`, "—", "—", "—", "—", "—"]] : []),
    ["Start-up, cold: `import()` until `new PocketBase(url)` returned (ours: the default entry, whose import fetches and instantiates the `.wasm`; fresh context per sample)",
      `${ms(s.startupMs.ours)} (import with instantiation ${ms(s.startupImportMs.ours)} + \`new\` ${ms(s.startupInitMs.ours)})`,
      ms(s.startupMs.official), ratioR(s.ratio.startup, rr.startup), `≤ ${TARGET.startup}`, met(s.ratio.startup <= TARGET.startup),
      `${ms(s.startupMs.floor)} (import of an empty module)`],
    [`Call overhead: ${cfg.calls} sequential \`getFullList\`, ${cfg.backups} backups on the server`,
      perCall(s.callsTotalMs.ours), perCall(s.callsTotalMs.official), ratioR(s.ratio.calls, rr.calls), `≤ ${TARGET.calls}`,
      met(s.ratio.calls <= TARGET.calls), perCall(s.callsTotalMs.raw)],
    [`Upload ${mib} MiB zip until the 204, \`verify: false\``,
      `${sec(s.uploadMs.ours)} (${mbps(s.uploadMs.ours)})`, `${sec(s.uploadMs.official)} (${mbps(s.uploadMs.official)})`,
      ratioR(s.ratio.upload, rr.upload), `≤ ${TARGET.upload}`, met(s.ratio.upload <= TARGET.upload), `${sec(s.uploadMs.raw)} (fetch + FormData)`],
    [`Upload ${mib} MiB zip, \`verify: true\` (our default: reads the central directory first)`,
      `${sec(s.uploadMs.oursVerify)} (${mbps(s.uploadMs.oursVerify)})`, sec(s.uploadMs.official),
      ratioR(s.ratio.uploadVerify, rr.uploadVerify), `≤ ${TARGET.upload}`, met(s.ratio.uploadVerify <= TARGET.upload), sec(s.uploadMs.raw)],
    [`Upload ${mib} MiB zip with \`onProgress\` (ours then uses XMLHttpRequest; the official SDK has no upload progress)`,
      `${sec(s.uploadMs.oursProgress)} (${mbps(s.uploadMs.oursProgress)})`, sec(s.uploadMs.official),
      ratioR(s.ratio.uploadProgress, rr.uploadProgress), "—", "—", sec(s.uploadMs.raw)],
    ["Memory on upload: wasm linear memory growth (over all uploads; per sample max)",
      `${mem(s.uploadWasmGrowthAll)}; per sample ≤ ${mem(s.uploadWasmGrowthPerSample)}`, "— (no wasm)", "—", "—", "—", "—"],
    ["Memory on upload: JS heap growth, peak − before (median; ours with `verify: true`)",
      `${mem(s.uploadHeapGrowth.ours)} (verify: ${mem(s.uploadHeapGrowth.oursVerify)})`, mem(s.uploadHeapGrowth.official),
      "—", "—", "—", mem(s.uploadHeapGrowth.raw)],
    [`Download ${mib} MiB to a \`Blob\` (file token included)`,
      `${sec(s.downloadMs.ours)} (${mbps(s.downloadMs.ours)})`, `${sec(s.downloadMs.official)} (${mbps(s.downloadMs.official)})`,
      ratioR(s.ratio.download, rr.download), "—", "—", `${sec(s.downloadMs.raw)} (fetch → blob())`],
    [`Download ${mib} MiB with \`onProgress\` (ours then reads the body into one reused buffer, moved into a Blob every 4 MiB; the official SDK has no download progress)`,
      `${sec(s.downloadMs.oursProgress)} (${mbps(s.downloadMs.oursProgress)})`, sec(s.downloadMs.official),
      `${ratioR(s.ratio.downloadProgressVsRaw, rr.downloadProgressVsRaw)} ÷ the raw floor; ${ratio(s.ratio.downloadProgress)} ÷ official`,
      `≤ ${TARGET.downloadProgressVsRaw} × the raw floor`, met(s.ratio.downloadProgressVsRaw <= TARGET.downloadProgressVsRaw),
      `${sec(s.downloadMs.raw)} (fetch → blob())`],
    [`Download ${mib} MiB with progress in plain JS, the same way (a BYOB reader into one reused 4 MiB buffer, a Blob per 4 MiB): what any progress costs that keeps the bytes out of the JS heap`,
      `ours with \`onProgress\` ÷ this: ${ratioR(s.ratio.downloadProgressVsRawProgress, rr.downloadProgressVsRawProgress)}`, "—",
      `${ratioR(s.ratio.rawProgressVsRaw, rr.rawProgressVsRaw)} ÷ the raw floor`, "—", "—",
      `${sec(s.downloadMs.rawProgress)} (${mbps(s.downloadMs.rawProgress)}); JS heap ${mem(s.downloadHeapGrowth.rawProgress)}`],
    ["Memory on download: wasm linear memory growth (over all downloads) / JS heap growth, peak − before (median)",
      `${mem(s.downloadWasmGrowthAll)} / ${mem(s.downloadHeapGrowth.ours)}`, `— / ${mem(s.downloadHeapGrowth.official)}`,
      "—", "—", "—", `— / ${mem(s.downloadHeapGrowth.raw)}`],
    ["Memory on download with `onProgress`: JS heap growth, peak − before (median; largest sample)",
      `${mem(s.downloadHeapGrowth.oursProgress)} (largest ${mem(s.downloadProgressHeapGrowthMax)})`, "— (no download progress)",
      "—", `< ${TARGET.downloadProgressHeap >> 20} MiB`, met(s.downloadHeapGrowth.oursProgress < TARGET.downloadProgressHeap), "—"],
    ...(s.verifyMs ? verifyRows(r, s, sec) : []),
    ...(r.explore ? exploreRows(r, s.explore) : []),
    [`Concurrency: ${cfg.parallel} parallel \`getFullList\` (\`requestKey: null\`), until all resolved`,
      ms(s.parallelMs.ours), ms(s.parallelMs.official), ratioR(s.ratio.parallel, rr.parallel), `≤ ${TARGET.parallel}`,
      met(s.ratio.parallel <= TARGET.parallel), ms(s.parallelMs.raw)],
    [`Diagnostic: the SDK's own work per \`getFullList\` (${cfg.cannedCalls} calls on a canned ${cfg.backups}-backup answer, no network)`,
      perCanned(s.cannedTotalMs.ours), perCanned(s.cannedTotalMs.official), ratioR(s.ratio.canned, rr.canned), "—", "—",
      `${perCanned(s.cannedTotalMs.raw)} (\`res.json()\`)`],
  ];

  const table = [
    "| measurement | ours (median) | official (median) | ratio ours / official (median; per-round range) | target | | physical floor: raw fetch, no SDK |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((cells) => `| ${cells.join(" | ")} |`),
  ].join("\n");

  const spread = (title, samples, f, fmt) => Object.entries(samples).map(([k, xs]) => {
    const st = stats(xs, f);
    return `| ${title} | ${k} | ${st.n} | ${fmt(st.min)} | ${fmt(st.median)} | ${fmt(st.max)} |`;
  });
  const spreadRows = [
    ...spread("start-up", r.startup, undefined, ms),
    ...(r.toolsFirstUse ? spread("tools: first verify", { ours: r.toolsFirstUse }, undefined, ms) : []),
    ...spread(`${cfg.calls} sequential getFullList`, r.calls, undefined, ms),
    ...spread(`${cfg.parallel} parallel getFullList`, r.parallel, undefined, ms),
    ...spread(`${cfg.cannedCalls} getFullList, canned answer`, r.canned, undefined, ms),
    ...spread(`upload ${mib} MiB`, r.upload, undefined, sec),
    ...spread("upload: JS heap growth", r.upload, (x) => x.heapGrowth, MiBs),
    ...spread(`download ${mib} MiB`, r.download, undefined, sec),
    ...spread("download: JS heap growth", r.download, (x) => x.heapGrowth, MiBs),
    ...(r.verify ? spread("verify", r.verify, undefined, sec) : []),
    ...(r.verify ? spread("verify: JS heap growth", r.verify, (x) => x.heapGrowth, MiBs) : []),
    ...(r.explore ? exploreSpread(r) : []),
  ];

  const resultsFile = r.meta.quick ? "quick.json" : "latest.json";
  const m = r.meta.machine;
  const v = r.meta.versions;
  const upBefore = r.uploadWasm.before;

  return `# Benchmarks

bosbase-backups (this repo, Rust → wasm) against the official PocketBase JS SDK, in one
headless Chromium page against a real PocketBase on loopback. Generated by
\`scripts/bench.sh\`${r.meta.quick ? " (`BENCH_QUICK=1`: a short trial, small files and few rounds)" : ""} on ${r.meta.date.slice(0, 10)} (${r.meta.durationSeconds} s); every sample is in
[\`bench/results/${resultsFile}\`](bench/results/${resultsFile}). Re-run with \`scripts/bench.sh\`.

${table}

Ratios are medians of ours divided by medians of the official SDK's (for the download
with \`onProgress\`, whose target is set against the raw floor, also by the floor's); below 1
is better for ours. "rounds" is the range of the same ratio within each round (the two
ran in the same round, seconds apart): where it straddles the target, the verdict is
within this machine's noise and may flip from run to run. The server's own work (~${(s.callsTotalMs.raw / cfg.calls).toFixed(1)} ms
per list) and the ${mib} MiB transfers (even with the server's files in RAM) vary by ±10%
between samples; the raw floor, which does strictly less, is sometimes slower than both
SDKs. Sizes: KB = 1000 B; the three files the default entry loads are compressed
separately and added up, as a server would send them.

## Machine and versions

| | |
|---|---|
| date | ${r.meta.date} |
| machine | ${m.nproc} cores (\`nproc\`), ${m.cpuModel}, ${(m.ramBytes / 2 ** 30).toFixed(1)} GiB RAM, ${m.os}, ${m.kernel} |
| load average (1, 5, 15 min) | at the start ${m.loadAverageAtStart.map((x) => x.toFixed(2)).join(", ")}; at the end ${m.loadAverageAtEnd.map((x) => x.toFixed(2)).join(", ")} (the end includes the benchmark's own Chromium and server; more than that at the start means something else shared the 2 cores) |
| browser | ${v.chromium} (Debian), headless, driven by playwright-core ${v.playwrightCore} |
| server | PocketBase ${v.pocketbaseServer.replace(/^pocketbase version /, "")} on 127.0.0.1 (serving the page too, same origin) |
| ours | ${v.ours}, the default entry \`pkg/index.js\` with \`pkg/web\` (wasm-bindgen --target web, wasm-opt -Oz, import and export names shortened); ${v.wasmBindgen} |
| official | ${v.official}, \`dist/pocketbase.es.mjs\` |
| node | ${v.node} |

## Method

- **One page, both SDKs.** The page (\`bench/page/\`) is served by PocketBase's
  \`--publicDir\` with the package's default entry staged as \`ours/\` (\`pkg/index.js\`,
  \`pkg/wasm-inline.js\`, the core's \`.wasm\` under \`web/\`, and the tools module under
  \`tools/\`, in the package's layout, nothing else) and
  \`dist/pocketbase.es.mjs\` as \`official/\`. It imports both as users do
  (\`import PocketBase, { BaseAuthStore, init } from "./ours/index.js"\`: the entry loads
  its \`.wasm\` itself), gives each client its own in-memory \`BaseAuthStore\` (the default
  stores of both would share the \`pocketbase_auth\` key of \`localStorage\`), signs both
  in as the superuser, and exposes the measurements, each timed in the page with
  \`performance.now()\`. It checks that ours fetched its \`.wasm\` and did not fall back to
  \`wasm-inline.js\`.
- **Alternation.** Every measurement runs in rounds of one sample of each variant
  (ours, official, the raw floor, and ours' other modes), the order rotating from round to
  round (A B C, B C A, C A B, …) so that none always goes first: ${cfg.callRounds} rounds of
  ${cfg.calls} sequential calls, ${cfg.parallelRounds} rounds of ${cfg.parallel} parallel calls and ${cfg.cannedRounds} of the canned-answer
  diagnostic (each plus one unrecorded warm-up round), ${cfg.startupRounds} rounds of start-up, and
  exactly ${cfg.transferRounds} rounds of the ${mib} MiB transfers, with 1.5 s of quiet before each transfer
  sample. Medians are reported.
- **Shipped size**: \`gzip -9\` and brotli at quality 11 (node's zlib) of each file the
  default entry loads, compressed separately and added up: \`index.js\` (the core's glue
  bundled in) and the \`web/bosbase_backups_bg.wasm\` it fetches; against
  \`pocketbase.es.mjs\`. The tools module (\`tools/\`: verify, the cron
  rules), which the first call that needs it imports, is measured the same way in its
  own row. Not counted: \`wasm-inline.js\` (the \`.wasm\` as
  base64, ${B(o.inlineFallback.gzip)} gzip), which the entry imports only when it cannot fetch the \`.wasm\`.
- **Start-up**: a new browser context (empty HTTP and code caches) and page per sample,
  on a blank page of the same origin; timed from before \`import()\` until
  \`new PocketBase(url)\` returned. Ours: \`import("/ours/index.js")\`, whose top-level
  \`await\` fetches and instantiates the \`.wasm\` (streaming), then \`new m.default(url)\`;
  its cell splits the time into the import (instantiation included) and the constructor.
  Every sample of ours is checked to have fetched the \`.wasm\` and not
  \`wasm-inline.js\`. Official: \`import()\` of \`pocketbase.es.mjs\`, then \`new m.default(url)\`.
  Floor: \`import()\` of an empty module.
- **Call overhead**: ${cfg.calls} sequential \`client.backups.getFullList()\` with ${cfg.backups} backups on
  the server (seeded by uploading one small backup zip under ${cfg.backups} names), total time;
  every list is checked to hold ${cfg.backups} entries. Floor: \`fetch("/api/backups")\` +
  \`res.json()\`.
- **Concurrency**: ${cfg.parallel} \`getFullList({requestKey: null})\` started at once, time until
  \`Promise.all\` resolves (Chromium keeps 6 HTTP/1.1 connections per host).
- **SDK work per call** (a diagnostic, no target): the same \`getFullList\` with a
  \`fetch\` option (both SDKs take one) that resolves at once with a \`Response\` of the
  real ${cfg.backups}-backup list (${nf.format(r.meta.cannedBodyChars)} characters of JSON), ${cfg.cannedCalls} sequential calls
  per sample: request building, response parsing and result objects, without the
  server's ~${(r.summary.callsTotalMs.raw / cfg.calls).toFixed(1)} ms per list that dominates the call-overhead row. Floor: \`res.json()\`.
- **Upload**: a ${mib} MiB backup zip (\`${nf.format(xfer)}\` bytes: one stored entry \`data.db\`
  built in the page from a 1 MiB chunk repeated, with its real CRC-32, so our
  verification passes) wrapped in a new \`File\` per sample; ours
  \`backups.upload(file, {verify: false})\` and with the default \`verify: true\`,
  official \`backups.upload({file})\`, floor \`fetch\` of a \`FormData\`; also ours with an
  \`onProgress\` callback (then through \`XMLHttpRequest\`); timed until the
  server's 204. Each upload is deleted right after its sample. ${r.meta.serverData === "tmpfs"
    ? `The server's data folder\n  and its temporary files are on a tmpfs (\`/dev/shm\`) so that disk write-back does not\n  add seconds of noise to ${cfg.transferRounds} samples (\`BENCH_DISK=1\` puts them on disk).`
    : "The server's data folder and its temporary files are on disk (`BENCH_DISK=1`)."}
- **Memory on upload and download**: before each sample \`gc()\` (\`--js-flags=--expose-gc\`),
  then \`performance.memory.usedJSHeapSize\` (\`--enable-precise-memory-info\`) and ours'
  \`WebAssembly.Memory\` (\`(await init()).memory.buffer.byteLength\`: \`init()\` called
  again returns the exports of the module the entry loaded) are sampled every 5 ms during
  the transfer; growth = peak − before. wasm memory never shrinks, so its growth is also
  given across all uploads together and all downloads together: ${mem(r.meta.wasmMemoryAfterInit)} after the
  entry's import and sign-in, ${mem(upBefore)} before the first upload (after one \`inspect\` of
  the zip), ${mem(r.uploadWasm.after)} after the last upload, ${mem(r.downloadWasm.after)} after the last download.
- **Download**: the ${mib} MiB zip (uploaded once for this, before the upload samples: it
  also warms the upload path) into a \`Blob\`, size checked; ours
  \`backups.download(key)\` (and with an \`onProgress\` callback), official
  \`files.getToken()\` + \`fetch(getDownloadURL(token, key))\` + \`blob()\`, floor the same
  two requests with plain \`fetch\` (\`fetch\` → \`blob()\`). The targets of the download with
  \`onProgress\` are set against that floor: at most 1.25 × its time, and a JS heap growth
  under 16 MiB.
${r.explore ? exploreMethod(r) : ""}
${timelineSection(r)}${breakdownSection(r)}## Spread of the samples

| measurement | variant | n | min | median | max |
|---|---|---|---|---|---|
${spreadRows.join("\n")}
`;
}

function timelineSection(r) {
  const tl = r.summary.startupTimeline;
  if (!tl || !Object.keys(tl).length) return "";
  const rows = Object.entries(tl).sort((a, b) => a[1].start - b[1].start)
    .map(([f, x]) => `| \`${f}\` | ${ms(x.start)} | ${ms(x.end)} |`);
  const s = r.summary;
  return `## Start-up, request by request

When each of ours' requests started and ended in the cold start-up samples, in ms after
\`import()\` began (medians of ${r.startup.ours.length} samples, Resource Timing): \`index.js\`
(the entry with the core's glue in it: one module, no second round of module requests),
then the \`.wasm\`, which the entry's code requests as soon as it runs, compiled while
it streams in. The import
resolved at ${ms(s.startupImportMs.ours)} (instantiation included) and \`new PocketBase\` took ${ms(s.startupInitMs.ours)}.

| request | start | end |
|---|---|---|
${rows.join("\n")}

`;
}

function breakdownSection(r) {
  const a = r.size.breakdown;
  if (!a) return "";
  const same = Math.abs(a.stripped - a.shippedBytes);
  return `## What the .wasm is made of

The same build as \`scripts/build.sh\` (release, LTO, \`opt-level = "z"\`, std rebuilt for size and so that a panic is a bare trap,
wasm-bindgen, \`wasm-opt -Oz\` with the import and export names shortened) of the working tree, with the function names kept: ${B(a.stripped)} without
its name section, against ${B(a.shippedBytes)} shipped${same > 2048 ? " (pkg/ was built from another state of the tree)" : ""}.
Every function body and data segment is sized and grouped by the crate or module its
name comes from (\`node bench/wasm-breakdown.mjs FILE\` prints it for any named module).
The data segments hold ${B(a.dataTextBytes)} of printable text (messages, field names, and
${a.dataPaths} source paths of panic locations, ${B(a.dataPathBytes)}); the rest are binary tables and
constants. The entry \`index.js\` (${B(r.size.ours.entry.raw)}, ${B(r.size.ours.entry.gzip)} gzip) is the package's classes (\`src/npm/\`: the
official SDK's option rules, and the performing of each call's steps) bundled with wasm-bindgen's glue
(one shim per imported function, ${a.importedFunctions}) and minified by esbuild (\`package.js\` gives the
classes their names back), and the entry's own code, which fetches the \`.wasm\`, falls back
to \`wasm-inline.js\`, and says how to import the tools.

${renderBreakdown(a, 15)}

`;
}
