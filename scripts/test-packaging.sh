#!/usr/bin/env bash
# The npm package proven from the outside: `npm pack`s pkg/ (building it first when it
# is missing) and installs the tarball, as a user would, into the fixtures of
# tests/packaging/ (each copied to a temp folder; `npm ci` of its pinned lock, then
# `npm install --no-save` of the tarball), against a real PocketBase server:
#   vite-app   — `vite build` (Vite 7, no plugins) of a page using `bosbase-backups/web`;
#                the built dist/, served by `vite preview` and loaded in headless
#                Chromium (playwright-core + /usr/bin/chromium), signs in as a
#                superuser, lists and creates a backup; the server must then hold it.
#                the "." entry the same way.
#   ts-project — `tsc --noEmit --strict` of a file calling every public method and
#                option, importing `bosbase-backups`, under moduleResolution bundler,
#                node16 and nodenext.
#   node-esm   — Node ESM: init() with the .wasm bytes of the installed package, sign
#                in, list, create, download, inspect, upload; the server must hold them;
#                and the ./bundler entry, its .wasm imported as a module.
# Prints `packaging: N passed; M failed` and exits non-zero on any failure.
# SKIP_SETUP=1 skips scripts/setup.sh; KEEP_TMP=1 keeps the temp folder (logs, servers).
set -uo pipefail
cd "$(dirname "$0")/.."
[ "${SKIP_SETUP:-}" = 1 ] || scripts/setup.sh || exit 1
# build.sh's lock: pkg/ is looked at only when no build is replacing it.
build_lock=${TMPDIR:-/tmp}/bosbase-backups-build.lock
if ! flock "$build_lock" test -f pkg/package.json; then
  SKIP_SETUP=1 scripts/build.sh || { echo "packaging: 0 passed; 1 failed"; exit 1; }
fi

PB_PORT=8111 PREVIEW_PORT=8112 PREVIEW_DEFAULT_PORT=8113
pb_url=http://127.0.0.1:$PB_PORT
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bosbase-packaging.XXXXXX")
logs=$tmp/logs
mkdir -p "$logs"
source scripts/lib/pocketbase.sh
cleanup() {
  pb_stop_all
  if [ "${KEEP_TMP:-}" = 1 ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pass=0 fail=0
# check NAME CMD...: runs CMD with its output in a log, printed only on failure.
check() {
  local name=$1 log
  shift
  log="$logs/$(echo "$name" | tr -c 'a-zA-Z0-9_\n' '_').log"
  local rc=0
  "$@" >"$log" 2>&1 || rc=$?
  # A child that stopped on Ctrl-C / TERM (often exiting 130/143 itself, which bash
  # then does not treat as an interrupt): stop here; the EXIT trap cleans up.
  if [ "$rc" = 130 ] || [ "$rc" = 143 ]; then echo "interrupted - $name"; exit "$rc"; fi
  if [ "$rc" = 0 ]; then
    echo "ok - $name"; pass=$((pass + 1))
  else
    echo "FAILED - $name"; fail=$((fail + 1))
    sed 's/^/    /' "$log" | tail -40
  fi
}
skip() { echo "FAILED - $1 (not run: $2)"; fail=$((fail + 1)); }

# Pack under the lock too, so a concurrent build never hands us half a pkg/.
tarball=$tmp/$(flock "$build_lock" \
  npm pack ./pkg --pack-destination "$tmp" --silent --loglevel=error | tail -1)
if [ ! -f "$tarball" ]; then
  echo "npm pack failed"; echo "packaging: 0 passed; 1 failed"; exit 1
fi
echo "packed $(basename "$tarball") ($(wc -c <"$tarball") B)"
mkdir -p "$tmp/unpacked" && tar -xzf "$tarball" -C "$tmp/unpacked"

npm_quiet=(--ignore-scripts --no-audit --no-fund --loglevel=error)
# install_fixture FIXTURE: a copy of tests/packaging/FIXTURE in $tmp with its locked
# dependencies and the tarball.
install_fixture() {
  local dir=$tmp/$1
  mkdir -p "$dir"
  tar -C "tests/packaging/$1" --exclude=node_modules --exclude='dist*' -cf - . | tar -C "$dir" -xf -
  (cd "$dir" && npm ci "${npm_quiet[@]}" && npm install --no-save "${npm_quiet[@]}" "$tarball") || return 1
  # What got installed is the tarball's package, not something else of that name.
  cmp "$dir/node_modules/bosbase-backups/web/bosbase_backups_bg.wasm" "$tmp/unpacked/package/web/bosbase_backups_bg.wasm"
}

superuser_token() {
  curl -sf -X POST "$pb_url/api/collections/_superusers/auth-with-password" \
    -H 'Content-Type: application/json' \
    -d "{\"identity\":\"$PB_ADMIN_EMAIL\",\"password\":\"$PB_ADMIN_PASSWORD\"}" |
    sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
# server_has KEY...: each backup is a non-empty file in the server's data and is listed
# by its API (asked with curl, not the SDK).
server_has() {
  local key list
  list=$(curl -sf "$pb_url/api/backups" -H "Authorization: $(superuser_token)") || return 1
  for key in "$@"; do
    [ -n "$key" ] || { echo "no key"; return 1; }
    [ -s "$tmp/pb/pb_data/backups/$key" ] || { echo "$key: no file in pb_data/backups"; return 1; }
    grep -qF "\"key\":\"$key\"" <<<"$list" || { echo "$key: not in GET /api/backups: $list"; return 1; }
  done
}
# json_field FILE FIELD: a field of the JSON line FILE ends with (arrays space-separated).
json_field() {
  node -e 'const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n");
    const v = JSON.parse(lines[lines.length - 1])[process.argv[2]];
    console.log(Array.isArray(v) ? v.join(" ") : v ?? "")' "$1" "$2"
}

pb_start "$tmp/pb" "$PB_PORT" || { echo "packaging: 0 passed; 1 failed"; exit 1; }

# --- (a) Vite 7 app in Chromium
echo "=== vite-app"
vite=$tmp/vite-app
check "vite-app: npm ci + install the tarball" install_fixture vite-app
if [ -d "$vite/node_modules/bosbase-backups" ]; then
  check "vite-app: vite build with bosbase-backups/web, no plugins" \
    bash -c "cd '$vite' && ./node_modules/.bin/vite build"
  if [ -f "$vite/dist/index.html" ]; then
    page_ok() {
      local rc=0
      (cd "$vite" && timeout --foreground 120 node browser-test.mjs dist "$PREVIEW_PORT" "$pb_url" >"$tmp/vite-result.json") || {
        rc=$?; cat "$tmp/vite-result.json"; return "$rc"; }
      cat "$tmp/vite-result.json"
      server_has "$(json_field "$tmp/vite-result.json" key)"
    }
    check "vite-app: in Chromium the page signs in, lists, creates; the server holds the backup" page_ok
  else
    skip "vite-app: the page in Chromium" "no build"
  fi
  # The "." entry (what `import … from "bosbase-backups"` gets) must build and run in
  # Vite 7 without plugins too.
  default_entry() {
    local rc=0
    (cd "$vite" && ENTRY=default ./node_modules/.bin/vite build) || return
    (cd "$vite" && timeout --foreground 120 node browser-test.mjs dist-default "$PREVIEW_DEFAULT_PORT" "$pb_url" default.html \
      >"$tmp/vite-default.json") || { rc=$?; cat "$tmp/vite-default.json"; return "$rc"; }
    cat "$tmp/vite-default.json"
    server_has "$(json_field "$tmp/vite-default.json" key)"
  }
  check "vite-app: the \".\" entry builds without plugins and runs in Chromium" default_entry
fi

# --- (b) TypeScript
echo "=== ts-project"
ts=$tmp/ts-project
check "ts-project: npm ci + install the tarball" install_fixture ts-project
if [ -d "$ts/node_modules/bosbase-backups" ]; then
  for variant in bundler:tsconfig.json node16:tsconfig.node16.json nodenext:tsconfig.nodenext.json; do
    check "ts-project: tsc --noEmit --strict, moduleResolution ${variant%%:*}" \
      bash -c "cd '$ts' && ./node_modules/.bin/tsc -p ${variant#*:}"
  done
fi

# --- (c) Node ESM
echo "=== node-esm"
node_dir=$tmp/node-esm
check "node-esm: npm ci + install the tarball" install_fixture node-esm
if [ -d "$node_dir/node_modules/bosbase-backups" ]; then
  node_ok() {
    local rc=0
    (cd "$node_dir" && timeout --foreground 120 node main.mjs "$pb_url" >"$tmp/node-result.json") || {
      rc=$?; cat "$tmp/node-result.json"; return "$rc"; }
    cat "$tmp/node-result.json"
    # shellcheck disable=SC2046
    server_has $(json_field "$tmp/node-result.json" keys)
  }
  check "node-esm: $(node --version) signs in, lists, creates, downloads, uploads; the server holds them" node_ok
  bundler_ok() {
    (cd "$node_dir" && timeout --foreground 60 node --no-warnings --experimental-wasm-modules bundler-entry.mjs)
  }
  check "node-esm: the ./bundler entry loads its .wasm as a module and rejects with ClientResponseError" bundler_ok
fi

echo "packaging: $pass passed; $fail failed"
[ "$fail" = 0 ]
