#!/usr/bin/env bash
# Checks what ships in pkg/: the files the package.json names exist, its exports map is
# sound, the entries share one glue module and export the same names, the public
# TypeScript has no `any`, and the READMEs' examples compile against it. (How the types check in a user's project, tsc --strict over
# every public method and option, is tests/packaging/ts-project.)
set -uo pipefail
cd "$(dirname "$0")/.."
pass=0 fail=0
check() {
  local name=$1; shift
  if "$@"; then echo "ok - $name"; pass=$((pass + 1)); else echo "FAILED - $name"; fail=$((fail + 1)); fi
}

files_exist() {
  node -e '
    const p = require("./pkg/package.json"); const fs = require("fs");
    const missing = p.files.filter(f => !fs.existsSync("pkg/" + f));
    if (missing.length) { console.error("missing:", missing); process.exit(1); }'
}
# Every entry of the exports map: "types" first, each target a shipped file, and each
# JS entry listed in sideEffects (they instantiate the wasm on import; a bundler that
# took them for pure would skip them and hand out an unloaded class).
exports_sound() {
  node -e '
    const p = require("./pkg/package.json"); const fs = require("fs");
    const bad = [];
    const shipped = (f) => p.files.some((w) => f === "./" + w || (w.endsWith("/") && f.startsWith("./" + w)));
    for (const [entry, target] of Object.entries(p.exports)) {
      const conditions = typeof target === "string" ? { default: target } : target;
      if (typeof target !== "string" && Object.keys(target)[0] !== "types") bad.push(entry + ": types is not first");
      for (const [condition, file] of Object.entries(conditions)) {
        if (!fs.existsSync("pkg/" + file)) bad.push(`${entry} ${condition}: ${file} missing`);
        if (!shipped(file) && file !== "./package.json") bad.push(`${entry} ${condition}: ${file} not in files`);
        if (file.endsWith(".js") && condition !== "types" && !p.sideEffects.includes(file)) bad.push(`${entry}: ${file} not in sideEffects`);
      }
    }
    if (bad.length) { console.error(bad.join("\n")); process.exit(1); }'
}
# One glue per module: node.js and inline.js import the web glue and no other module
# defining the classes, so `instanceof` holds across them; index.js carries the same glue
# bundled (one request fewer at start-up) and exports exactly its names, plus `init`.
# The tools' entries likewise (tools/index.js without the glue's `default`, with the
# JS of the tools' backup calls as `backups`).
one_glue() {
  local f bad=0
  for f in pkg/node.js pkg/inline.js; do
    grep -q 'from "./web/bosbase_backups.js"' "$f" || { echo "$f does not import the web glue" >&2; bad=1; }
    if grep -qE '\bclass\b' "$f"; then echo "$f defines a class of its own" >&2; bad=1; fi
  done
  for f in pkg/tools/node.js pkg/tools/inline.js; do
    grep -q 'from "./bosbase_backups_tools.js"' "$f" || { echo "$f does not import the tools glue" >&2; bad=1; }
  done
  for f in pkg/explorer/node.js pkg/explorer/inline.js; do
    grep -q 'from "./bosbase_backups_explorer.js"' "$f" || { echo "$f does not import the explorer's glue" >&2; bad=1; }
  done
  node -e '
    const fs = require("fs");
    // The names a module exports, from its last `export { a as b, … }`.
    const names = (f) => {
      const m = [...fs.readFileSync(f, "utf8").matchAll(/export\s*\{([^}]*)\}/g)].pop();
      return new Set(m[1].split(",").map((x) => x.trim().split(/\s+as\s+/).pop()).filter(Boolean));
    };
    let bad = false;
    // [entry, its glue, names it adds, names it leaves out]
    for (const [entry, glue, extra, left] of [
      ["pkg/index.js", "pkg/web/bosbase_backups.js", ["init"], []],
      ["pkg/tools/index.js", "pkg/tools/bosbase_backups_tools.js", ["backups"], ["default"]],
      ["pkg/explorer/index.js", "pkg/explorer/bosbase_backups_explorer.js", ["explorer"], ["default"]],
    ]) {
      if (/^\s*import\b[^(]*from\s*"\.\/(web|bosbase_backups_tools|bosbase_backups_explorer)/m.test(fs.readFileSync(entry, "utf8"))) {
        console.error(`${entry} imports its glue instead of carrying it`); bad = true;
      }
      const want = [...names(glue), ...extra].filter((n) => !left.includes(n)).sort().join(" ");
      const got = [...names(entry)].sort().join(" ");
      if (want !== got) { console.error(`${entry} exports ${got}\n  its glue: ${want}`); bad = true; }
    }
    process.exit(bad ? 1 : 0);' || bad=1
  return $bad
}
# The tools are not loaded at start: the default entry imports them only dynamically,
# and the core's glue not at all.
tools_on_first_use() {
  local bad=0
  grep -qE '^import[^(]*(tools|explorer)/' pkg/index.js pkg/node.js pkg/inline.js && { echo "an entry imports the tools or the explorer statically" >&2; bad=1; }
  grep -q 'import("./tools/index.js")' pkg/index.js || { echo "index.js does not import the tools on first use" >&2; bad=1; }
  grep -q 'import("./explorer/index.js")' pkg/index.js || { echo "index.js does not import the explorer on first use" >&2; bad=1; }
  grep -qE 'bosbase_backups_(tools|explorer)' pkg/web/bosbase_backups.js && { echo "the core's glue names the tools or the explorer module" >&2; bad=1; }
  return $bad
}
# What every entry exports (index.js, node.js, inline.js: each imported in Node), and
# that an error class the core defines is the one the tools module throws: a prune whose
# delete is refused (the answers from a custom `fetch`) rejects with the entry's
# `PruneError`, a `ClientResponseError`.
entries_export() {
  node --input-type=module -e '
    const want = ["BackupService", "BaseAuthStore", "Client", "ClientResponseError", "CronService", "FileService",
      "HealthService", "LocalAuthStore", "PruneError", "RecordService", "SettingsService", "__setToolsLoader", "__useNode",
      "default", "init", "initSync", "isClientResponseError", "isPruneError"].join(" ");
    const answers = {
      "GET /api/backups": [200, [{ key: "a.zip", size: 1, modified: "2026-01-01 00:00:00.000Z" }]],
      "GET /api/health": [200, { code: 200, message: "", data: { canBackup: true } }],
      "DELETE /api/backups/a.zip": [400, { status: 400, message: "Missing.", data: {} }],
    };
    const fetch = async (url, init) => {
      const [status, body] = answers[`${init.method} ${new URL(url).pathname}`];
      return { status, url, json: async () => body };
    };
    let bad = false;
    for (const entry of ["index.js", "node.js", "inline.js"]) {
      const m = await import(`./pkg/${entry}`);
      const got = Object.keys(m).sort().join(" ");
      if (got !== want) { console.error(`pkg/${entry} exports ${got}\n  expected ${want}`); bad = true; }
      const e = await new m.default("http://127.0.0.1:9").backups.prune({ keep: 0, fetch }).catch((e) => e);
      const seen = [e instanceof m.PruneError, e instanceof m.ClientResponseError, m.isPruneError(e), e?.status, e?.deleted, e?.failed?.[0]?.key];
      if (JSON.stringify(seen) !== JSON.stringify([true, true, true, 400, [], "a.zip"])) {
        console.error(`pkg/${entry}: a prune that failed rejected with ${e?.stack ?? e} (${JSON.stringify(seen)})`); bad = true;
      }
    }
    process.exit(bad ? 1 : 0);'
}
# The command line (the package's bin): bin names cli/main.js, which starts with its
# shebang and is executable; every file of pkg/cli/ is in files; its help runs.
cli_shipped() {
  node -e '
    const p = require("./pkg/package.json"); const fs = require("fs");
    const bad = [];
    if (p.bin?.["bosbase-backups"] !== "./cli/main.js") bad.push("bin does not name ./cli/main.js");
    if (!fs.readFileSync("pkg/cli/main.js", "utf8").startsWith("#!/usr/bin/env node\n")) bad.push("cli/main.js has no shebang");
    if (!(fs.statSync("pkg/cli/main.js").mode & 0o111)) bad.push("cli/main.js is not executable");
    for (const f of fs.readdirSync("pkg/cli")) if (!p.files.includes("cli/" + f)) bad.push(`cli/${f} not in files`);
    if (bad.length) { console.error(bad.join("\n")); process.exit(1); }' &&
    node pkg/cli/main.js --help >/dev/null
}
# Every JS and TS example of README.md and pkg-template/README.md compiles under
# `tsc --strict` against the built package (tests/examples/check.mjs, with the
# TypeScript its lock pins: the version tests/packaging/ pins).
readme_examples() {
  if [ ! -d tests/examples/node_modules/typescript ] ||
     [ tests/examples/package-lock.json -nt tests/examples/node_modules/.package-lock.json ]; then
    (cd tests/examples && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || return 1
  fi
  node tests/examples/check.mjs
}
# The public part of a .d.ts: everything before the raw wasm exports (InitOutput …).
# `any` stands only where the official SDK's declarations have it, so that code typed
# against them compiles: the lines marked so.
no_public_any() {
  local f bad=0
  for f in pkg/web/bosbase_backups.d.ts pkg/index.d.ts pkg/inline.d.ts; do
    if sed '/^export type InitInput/,$d' "$f" | grep -vE '^\s*(\*|/\*\*|//)' | grep -v '// as in the official SDK$' | grep -nE '\bany\b'; then
      echo "$f: \`any\` on the public surface" >&2; bad=1
    fi
  done
  return $bad
}

check "package.json names only files that exist" files_exist
check "exports map: types first, targets shipped, JS entries in sideEffects" exports_sound
check "one glue per module: shared by the entries, carried by the default entries with the same exports" one_glue
check "the tools and the explorer are imported on first use, not at start" tools_on_first_use
check "every entry exports the same names; the tools module rejects with the core's PruneError" entries_export
check "no \`any\` in the public .d.ts" no_public_any
check "the command line: bin, shebang, files, --help" cli_shipped
check "every JS/TS example of the READMEs compiles (tsc --strict, against pkg/)" readme_examples
echo "package: $pass passed; $fail failed"
[ "$fail" = 0 ]
