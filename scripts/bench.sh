#!/usr/bin/env bash
# Benchmarks the SDK against the official PocketBase JS SDK in headless Chromium, against
# a real PocketBase on 127.0.0.1:8121, and writes BENCHMARKS.md and
# bench/results/latest.json (every sample). See bench/run.mjs for what is measured.
#
# Installs what it needs (scripts/setup.sh when PocketBase or Chromium is missing;
# npm ci in bench/), builds pkg/ if it is missing, and leaves nothing running.
#
#   BENCH_ONLY=upload,download  only these measurements (startup, calls, parallel,
#                  canned, upload, download, verify, explore): bench/results/partial.json
#   BENCH_QUICK=1  a short trial run (16 MiB files, few rounds): bench/results/quick.*,
#                  BENCHMARKS.md untouched
#   BENCH_PORT     the server's port (8121–8129; default 8121)
#   BENCH_BREAKDOWN=0  skip the size breakdown (a release build of the working tree
#                  into test-output/bench-target, names kept, to show what the .wasm
#                  is made of)
#   BENCH_DISK=1   keep the server's data and temporary files on disk (default: a
#                  folder in the /dev/shm tmpfs, removed at the end, so that disk
#                  write-back does not blur the 512 MiB transfers)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-8121}
out=test-output/bench

say() { echo "bench: $*" >&2; }

if [ ! -x .venv-pb/bin/pocketbase ] || [ ! -x /usr/bin/chromium ]; then
  say "PocketBase or Chromium missing: running scripts/setup.sh"
  scripts/setup.sh
fi
if [ ! -f pkg/index.js ] || [ ! -f pkg/wasm-inline.js ] || [ ! -f pkg/web/bosbase_backups.js ] || [ ! -f pkg/tools/index.js ] || [ ! -f pkg/explorer/index.js ]; then
  say "pkg/ is not built; building it"
  SKIP_SETUP=1 scripts/build.sh
fi
if [ ! -d bench/node_modules/playwright-core ] || [ ! -d bench/node_modules/pocketbase ] ||
   [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  say "npm ci (bench/)"
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi

# Stage the page and both SDKs in a public folder of our own: others may rebuild pkg/
# at any time (build.sh replaces it as a whole under a lock), so copy under that lock.
# Ours is the package's default entry as users load it: index.js (the core's glue in
# it; it fetches web/bosbase_backups_bg.wasm beside it, or imports wasm-inline.js when
# it cannot), the tools module it imports on the first verify (tools/) and the explorer
# module it imports on the first explore (explorer/), in the package's own layout, and
# nothing else (a request for another file would fail).
public=$out/public
rm -rf "$out" && mkdir -p "$public/ours/web" "$public/ours/tools" "$public/ours/explorer" "$public/official"
(
  flock 9
  cp -p pkg/index.js pkg/wasm-inline.js "$public/ours/"
  cp -p pkg/web/bosbase_backups_bg.wasm "$public/ours/web/"
  cp -p pkg/tools/index.js pkg/tools/wasm-inline.js pkg/tools/bosbase_backups_tools_bg.wasm "$public/ours/tools/"
  cp -p pkg/explorer/index.js pkg/explorer/wasm-inline.js pkg/explorer/bosbase_backups_explorer_bg.wasm "$public/ours/explorer/"
  cp pkg/package.json "$public/ours/package.json"
) 9>"${TMPDIR:-/tmp}/bosbase-backups-build.lock"
cp bench/node_modules/pocketbase/dist/pocketbase.es.mjs "$public/official/"
cp bench/page/* "$public/"
cp tests/support/zip-writer.mjs "$public/"

# What the .wasm is made of: the same build as scripts/build.sh (cargo, wasm-bindgen,
# wasm-opt -Oz, import and export names shortened) of the working tree, with the
# function names kept. Done before the
# measurements so that it does not compete with them for the 2 cores; a failure here
# (e.g. someone's half-finished edit) only leaves the breakdown out.
named=""
if [ "${BENCH_BREAKDOWN:-1}" = 1 ] && [ -x tools/node_modules/.bin/wasm-opt ] && command -v wasm-bindgen >/dev/null; then
  say "size breakdown: release build of the working tree (test-output/bench-target)"
  source scripts/lib/release-wasm.sh
  if CARGO_TARGET_DIR=test-output/bench-target release_wasm -q -p bosbase-backups-core --no-default-features --features core-calls &&
     wasm-bindgen test-output/bench-target/wasm32-unknown-unknown/release/bosbase_backups_core.wasm \
       --keep-debug --target web --out-dir "$out/named" --out-name bosbase_backups &&
     tools/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
       --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
       --minify-imports-and-exports-and-modules \
       --debuginfo --strip-producers "$out/named/bosbase_backups_bg.wasm" -o "$out/named.wasm" >/dev/null; then
    named=$PWD/$out/named.wasm
  else
    say "size breakdown: the build failed; BENCHMARKS.md goes without it"
  fi
fi

# The server's files: on a tmpfs unless BENCH_DISK=1 (or there is no /dev/shm).
if [ "${BENCH_DISK:-}" != 1 ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
  data=$(mktemp -d /dev/shm/bosbase-bench.XXXXXX)
  data_kind=tmpfs
else
  data=$PWD/$out/server
  data_kind=disk
fi
mkdir -p "$data/tmp"

cleanup() {
  pb_stop_all
  if [ "$data_kind" = tmpfs ]; then rm -rf "$data"; fi
}
# shellcheck source=lib/pocketbase.sh
source scripts/lib/pocketbase.sh
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# TMPDIR: where the server spools the multipart upload before storing it.
TMPDIR=$data/tmp pb_start "$data/pb" "$port" --publicDir="$PWD/$public"
say "PocketBase $("$PB_BIN" --version | sed 's/.* //') on 127.0.0.1:$port"

BENCH_URL="http://127.0.0.1:$port" BENCH_PUBLIC="$PWD/$public" BENCH_PB_BIN="$PB_BIN" BENCH_SERVER_DATA=$data_kind \
  BENCH_NAMED_WASM=$named \
  node bench/run.mjs
