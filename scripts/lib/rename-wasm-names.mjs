// Makes wasm-bindgen's glue match a .wasm whose import and export names wasm-opt
// shortened (`--minify-imports-and-exports-and-modules`, which prints the renaming as
// JSON). wasm-bindgen names each import after the browser function it wraps plus a
// hash ("__wbg_fetch_509096533071c657") and each export after the Rust item
// ("backupservice_getFullList"): some 270 names the module and the glue both carry.
//
//   node scripts/lib/rename-wasm-names.mjs NAMES.json MODULE.wasm GLUE.js GLUE.d.ts
//
// Rewrites GLUE.js (the imports object's keys and module name, every `wasm.<export>`)
// in place. The memory keeps its name, which `init()` hands out (`InitOutput`): the
// module's export of it is named "memory" again, and GLUE.d.ts declares only that
// field of InitOutput (the others are the module's internals, now without their
// names). Fails when a name the renaming lists is not found where expected, or an old
// name is left: a wasm-bindgen whose glue reads names some other way must not ship a
// module that cannot link.
import { readFileSync, writeFileSync } from "node:fs";

const [namesFile, wasmFile, glueFile, dtsFile] = process.argv.slice(2);
if (!dtsFile) {
  console.error("usage: rename-wasm-names.mjs NAMES.json MODULE.wasm GLUE.js GLUE.d.ts");
  process.exit(2);
}
const names = JSON.parse(readFileSync(namesFile, "utf8"));
const memory = names.exports.find(([from]) => from === "memory");
if (!memory) fail("no memory export in the renaming");
const wasm = renameExport(readFileSync(wasmFile), memory[1], "memory");
names.exports = names.exports.filter(([from]) => from !== "memory");
const modules = new Set(WebAssembly.Module.imports(new WebAssembly.Module(wasm)).map((i) => i.module));
const oldModules = new Set(names.imports.map(([module]) => module));
if (modules.size !== 1 || oldModules.size !== 1) {
  fail(`expected one import module before and after, got ${[...oldModules]} and ${[...modules]}`);
}
const [oldModule] = oldModules;
const [newModule] = modules;

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const identifier = (s) => /^[A-Za-z_$][\w$]*$/.test(s);
let glue = readFileSync(glueFile, "utf8");
let dts = readFileSync(dtsFile, "utf8");

// One replacement of `pattern` per occurrence; fails when there is none.
function replace(text, pattern, to, what) {
  let count = 0;
  const out = text.replace(pattern, () => {
    count += 1;
    return to;
  });
  if (count === 0) fail(`${what} not found`);
  return out;
}

// The imports object: `__wbg_fetch_…: function(…)` keys, and the module it stands for.
for (const [, from, to] of names.imports) {
  glue = replace(glue, new RegExp(`(?<=^\\s*)${escape(from)}(?=: )`, "gm"), JSON.stringify(to), `import ${from}`);
}
glue = replace(glue, new RegExp(`${escape(JSON.stringify(oldModule))}(?=: import0\\b)`, "g"), JSON.stringify(newModule), `module ${oldModule}`);

// The exports: `wasm.name` in the glue. An export the glue never names (the runtime's
// own, e.g. `__instance_terminated`) needs nothing.
for (const [from, to] of names.exports) {
  if (!glue.includes(from)) continue;
  const access = identifier(to) ? `wasm.${to}` : `wasm[${JSON.stringify(to)}]`;
  glue = replace(glue, new RegExp(`\\bwasm\\.${escape(from)}(?![\\w$])`, "g"), access, `export ${from}`);
}
dts = replace(dts, /export interface InitOutput \{[^}]*\}/, "export interface InitOutput {\n    readonly memory: WebAssembly.Memory;\n}", "InitOutput");

// Nothing old left behind.
for (const [, from] of names.imports) if (glue.includes(from)) fail(`import ${from} still in the glue`);
for (const [from] of names.exports) {
  const read = new RegExp(`\\bwasm(\\.${escape(from)}(?![\\w$])|\\[["'\`]${escape(from)}["'\`]\\])`);
  if (read.test(glue)) fail(`export ${from} still read by the glue`);
}

writeFileSync(wasmFile, wasm);
writeFileSync(glueFile, glue);
writeFileSync(dtsFile, dts);
console.error(`rename-wasm-names: ${names.imports.length} imports and ${names.exports.length} exports renamed`);

// The module with its export `from` named `to`: the export section rebuilt.
function renameExport(bytes, from, to) {
  let pos = 8;
  const leb = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[pos++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  const encode = (n) => {
    const out = [];
    do {
      let byte = n & 0x7f;
      n = Math.floor(n / 128);
      if (n) byte |= 0x80;
      out.push(byte);
    } while (n);
    return Buffer.from(out);
  };
  while (pos < bytes.length) {
    const start = pos;
    const id = bytes[pos++];
    const size = leb();
    const end = pos + size;
    if (id !== 7) {
      pos = end;
      continue;
    }
    const parts = [];
    let renamed = 0;
    const count = leb();
    for (let i = 0; i < count; i++) {
      const length = leb();
      let name = bytes.subarray(pos, pos + length).toString("utf8");
      pos += length;
      const kindStart = pos;
      pos += 1;
      leb();
      if (name === from) {
        name = to;
        renamed += 1;
      }
      const nameBytes = Buffer.from(name, "utf8");
      parts.push(encode(nameBytes.length), nameBytes, bytes.subarray(kindStart, pos));
    }
    if (pos !== end || renamed !== 1) fail(`export ${from}: ${renamed} found in a section of ${count}`);
    const payload = Buffer.concat([encode(count), ...parts]);
    return Buffer.concat([bytes.subarray(0, start), Buffer.from([7]), encode(payload.length), payload, bytes.subarray(end)]);
  }
  return fail("no export section");
}

function fail(message) {
  console.error(`rename-wasm-names: ${message}`);
  process.exit(1);
}
