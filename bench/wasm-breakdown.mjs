// What the .wasm is made of: reads a module that still has its "name" section
// (scripts/bench.sh builds one exactly like pkg/, minus the stripping), sizes every
// function body and data segment, and groups them by origin (core::fmt, the float
// formatting and parsing, serde_json, wasm-bindgen glue, our own modules, …).
//
//   node bench/wasm-breakdown.mjs NAMED.wasm [--top N]
// or import { analyze, renderBreakdown } from "./wasm-breakdown.mjs".
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

export function analyze(buf) {
let pos = 8;
function leb() {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(byte & 0x80)) return result;
  }
}
function name() {
  const len = leb();
  const s = buf.toString("utf8", pos, pos + len);
  pos += len;
  return s;
}

const SECTION = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount", "tag"];
const sections = [];
let importedFuncs = 0;
const bodies = []; // { index, size }
const segments = []; // { index, size }
const funcNames = new Map();
const dataNames = new Map();

while (pos < buf.length) {
  const id = buf[pos++];
  const size = leb();
  const start = pos;
  const end = start + size;
  let label = SECTION[id] || `section ${id}`;
  if (id === 0) {
    const n = name();
    label = `custom "${n}"`;
    if (n === "name") {
      while (pos < end) {
        const sub = buf[pos++];
        const subSize = leb();
        const subEnd = pos + subSize;
        if (sub === 1 || sub === 9) {
          const map = sub === 1 ? funcNames : dataNames;
          const count = leb();
          for (let i = 0; i < count; i++) {
            const idx = leb();
            map.set(idx, name());
          }
        }
        pos = subEnd;
      }
    }
  } else if (id === 2) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      name();
      name();
      const kind = buf[pos++];
      if (kind === 0) { leb(); importedFuncs++; }
      else if (kind === 1) { pos++; const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 3) { pos++; pos++; }
      else if (kind === 4) { pos++; leb(); }
    }
  } else if (id === 10) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      const bodySize = leb();
      bodies.push({ index: importedFuncs + i, size: bodySize + lebLen(bodySize), start: pos, end: pos + bodySize });
      pos += bodySize;
    }
  } else if (id === 11) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      const segStart = pos;
      const flags = leb();
      if (flags === 2) leb();
      if (flags !== 1) skipConstExpr();
      const len = leb();
      pos += len;
      segments.push({ index: i, size: pos - segStart, bytes: len, start: segStart, end: pos });
    }
  }
  sections.push({ id, label, size: end - start });
  pos = end;
}

function lebLen(n) {
  let l = 1;
  while (n >= 128) { n = Math.floor(n / 128); l++; }
  return l;
}
function skipConstExpr() {
  for (;;) {
    const op = buf[pos++];
    if (op === 0x0b) return;
    if (op === 0x41 || op === 0x42 || op === 0x23) leb();
    else throw new Error(`unexpected opcode 0x${op.toString(16)} in a data offset`);
  }
}

// Origin of a function, from its (demangled) name. First match wins.
const RULES = [
  [/float|flt2dec|dec2flt|grisu|dragon|bignum|Big32x40|f64 as core[^>]*::(fmt::(Display|Debug|LowerExp)|str::traits::FromStr)|f32 as core/i, "core: float formatting and parsing (fmt::float, flt2dec, dec2flt)"],
  [/serde_wasm_bindgen/, "serde_wasm_bindgen"],
  [/serde_json|zmij|itoa|ryu/, "serde_json (incl. its number formatting: zmij, itoa)"],
  [/serde(_core|_derive)?(\[[0-9a-f]+\])?::|__FieldVisitor|__Visitor|Deserialize|Serialize/, "serde (derived impls and serde core)"],
  [/core(\[[0-9a-f]+\])?::fmt|fmt::Write|fmt::Display|fmt::Debug|as core(\[[0-9a-f]+\])?::fmt/, "core::fmt (formatting machinery, Display/Debug impls)"],
  [/dlmalloc|__rdl_|__rust_(alloc|dealloc|realloc)/, "dlmalloc (allocator)"],
  [/btree/, "alloc BTreeMap (serde_json::Map of Value objects)"],
  [/escape_debug|unicode|printable/, "core::fmt (formatting machinery, Display/Debug impls)"],
  [/js_sys(\[[0-9a-f]+\])?::futures|wasm_bindgen_futures/, "wasm-bindgen-futures: future_to_promise/spawn_local (our async bodies are inlined here)"],
  [/externref shim|multivalue shim|__wbindgen|__wbg_|wasm_bindgen(\[[0-9a-f]+\])?::|closure.*invoke|^__externref|convert::closures/, "wasm-bindgen glue (export shims, closures, externref table)"],
  [/js_sys|web_sys/, "js-sys / web-sys bindings"],
  [/bosbase_backups_core(\[[0-9a-f]+\])?::/, "ours: the module's calls and their wire (crates/core)"],
  [/bosbase_backups(\[[0-9a-f]+\])?::core::zip/, "ours: core::zip (central-directory reader)"],
  [/bosbase_backups(\[[0-9a-f]+\])?::core::/, "ours: core (url, names, tokens, prune, restore, …)"],
  [/bosbase_backups(\[[0-9a-f]+\])?::calls::/, "ours: calls (each call's plan: src/calls)"],
  [/bosbase_backups(\[[0-9a-f]+\])?::services::/, "ours: services (backups, files, health, records) and the plans' driver"],
  [/bosbase_backups(\[[0-9a-f]+\])?::(client|transport|auth_store|error|options)/, "ours: client, transport, auth store, errors"],
  [/bosbase_backups/, "ours: other"],
  [/^[a-z]+_[A-Za-z_]+$/, "ours: exported functions (bodies inlined into the export)"],
  [/hashbrown|HashMap|RandomState|siphash|sip::/i, "hashbrown / HashMap (SipHash)"],
  [/slice::sort|sort::|merge_sort|quicksort|insertion_sort|heapsort/, "core: slice sorting"],
  [/^(<)?(core|alloc|std)(\[[0-9a-f]+\])?::|<(core|alloc|std)(\[[0-9a-f]+\])?::/, "core / alloc / std (other)"],
];
const classify = (n) => (RULES.find(([re]) => re.test(n)) || [null, "other / unnamed"])[1];

const groups = new Map();
const groupBytes = new Map(); // the raw bytes of each group, for a gzip estimate
const add = (group, bytes, raw = null) => {
  groups.set(group, (groups.get(group) || 0) + bytes);
  if (raw) (groupBytes.get(group) || groupBytes.set(group, []).get(group)).push(raw);
};
const functions = bodies.map((b) => {
  const n = funcNames.get(b.index) || `func[${b.index}]`;
  const group = classify(n);
  add(group, b.size, buf.subarray(b.start, b.end));
  return { name: n, size: b.size, group };
}).sort((a, b) => b.size - a.size);

const DATA = "data segments (string constants, panic locations, tables)";
for (const seg of segments) add(DATA, seg.size, buf.subarray(seg.start, seg.end));
const codeSection = sections.find((s) => s.id === 10);
const codeOverhead = codeSection.size - bodies.reduce((s, b) => s + b.size, 0);
const other = sections.filter((s) => s.id !== 10 && s.id !== 11 && s.id !== 0);
for (const s of other) add(`section: ${s.label}`, s.size + 1 + lebLen(s.size));
add("section headers (code, data)", codeOverhead + 2 + lebLen(codeSection.size) + 4);

const customBytes = sections.filter((s) => s.id === 0).reduce((t, s) => t + s.size + 1 + lebLen(s.size), 0);
const stripped = buf.length - customBytes;
const total = [...groups.values()].reduce((a, b) => a + b, 0);

const gzipOf = (g) => (groupBytes.has(g) ? zlib.gzipSync(Buffer.concat(groupBytes.get(g)), { level: 9 }).length : null);
// The data segments' printable text: messages, names, and the source paths of panic
// locations.
const text = segments.map((g) => buf.toString("latin1", g.start, g.end)).join("\0");
const runs = text.match(/[\x20-\x7e]{6,}/g) || [];
const paths = text.match(/\/[\x21-\x7e]*?\.rs/g) || [];
return {
  bytes: buf.length,
  dataBytes: segments.reduce((n, g) => n + g.size, 0),
  dataTextBytes: runs.reduce((n, r) => n + r.length, 0),
  dataPathBytes: paths.reduce((n, r) => n + r.length, 0),
  dataPaths: paths.length,
  stripped,
  accounted: total,
  functions: bodies.length,
  importedFunctions: importedFuncs,
  dataSegments: segments.length,
  groups: [...groups.entries()].sort((a, b) => b[1] - a[1]).map(([origin, bytes]) => ({ origin, bytes, gzipAlone: gzipOf(origin) })),
  top: functions.slice(0, 40),
};
}

// Markdown tables of an analyze() result.
export function renderBreakdown(a, top = 15) {
  const pct = (n) => `${((n / a.stripped) * 100).toFixed(1)}%`;
  const lines = [
    "| origin | bytes | share | gzip -9 of the group alone* |",
    "|---|---|---|---|",
    ...a.groups.map((g) => `| ${g.origin} | ${g.bytes} | ${pct(g.bytes)} | ${g.gzipAlone ?? ""} |`),
    "",
    "*each group's bytes concatenated and compressed on their own: a guide to its weight in",
    "the gzip size, not additive.",
    "",
    `Largest functions (of ${a.functions}; names after wasm-opt's inlining):`,
    "",
    "| bytes | function | origin |",
    "|---|---|---|",
    ...a.top.slice(0, top).map((f) => `| ${f.size} | \`${f.name.replace(/\|/g, "\\|").slice(0, 120)}\` | ${f.group} |`),
  ];
  return lines.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) throw new Error("usage: node bench/wasm-breakdown.mjs NAMED.wasm [--top N]");
  const top = Number(process.argv[process.argv.indexOf("--top") + 1]) || 30;
  const a = analyze(readFileSync(file));
  console.log(`${file}: ${a.bytes} B, ${a.stripped} B without custom sections; ${a.functions} function bodies (+${a.importedFunctions} imported)`);
  console.log(`data: ${a.dataBytes} B, of which printable text ${a.dataTextBytes} B (${a.dataPaths} source paths, ${a.dataPathBytes} B)\n`);
  console.log(renderBreakdown(a, top));
}
