#!/usr/bin/env bash
# Checks what ships in pkg/: the files the package.json names exist and the public
# TypeScript has no `any`. (How the types check in a user's project, tsc --strict over
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
# The public part of a .d.ts: everything before the raw wasm exports (InitOutput …).
no_public_any() {
  local f bad=0
  for f in pkg/web/bosbase_backups.d.ts pkg/bundler/bosbase_backups.d.ts; do
    if sed '/^export type InitInput/,$d' "$f" | grep -vE '^\s*(\*|/\*\*|//)' | grep -v '// as in the official SDK$' | grep -nE '\bany\b'; then
      echo "$f: \`any\` on the public surface" >&2; bad=1
    fi
  done
  return $bad
}

check "package.json names only files that exist" files_exist
check "no \`any\` in the public .d.ts" no_public_any
echo "package: $pass passed; $fail failed"
[ "$fail" = 0 ]
