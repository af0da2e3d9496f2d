#!/usr/bin/env bash
# Browser tests of the Backup Manager page (www/) against real PocketBase servers that
# the tests start themselves, each serving a staged copy of www/ + pkg/ as
# scripts/demo.sh does:
#   chromium  Playwright (playwright-core) drives Debian's Chromium through every action
#             of the page (tests/e2e/*.test.js, ports 8101–8103), and the flows below
#   every engine (chromium, firefox, webkit): the main flows through WebDriver
#             (selenium-webdriver; tests/e2e/engines/flows.test.js, port 8104), WebKit
#             as WebKitGTK's MiniBrowser under an Xvfb of this script's own
# Screenshots at 1280 and 390 px wide go to test-output/screenshots/ (Playwright) and
# test-output/screenshots/ENGINE/ (WebDriver).
#
# Assumes scripts/setup.sh has run (Chromium, PocketBase in .venv-pb/); installs the
# test's own npm packages, builds pkg/ if it is missing, prints "e2e ENGINE: N passed;
# M failed" per engine and ends with the line "e2e: N passed; M failed" (all engines).
# Exits non-zero on any failure. Leaves nothing running.
#
#   E2E_ONLY=restore   run only tests/e2e/restore.test.js (any file name part)
#   E2E_ENGINES=webkit run only these engines (default: chromium firefox webkit)
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/xvfb.sh
out=test-output/e2e
runner=""
tee_pid=""

say() { echo "e2e: $*"; }

# Stops what a run left behind: the test runner's whole process group (node, its test
# processes, Chromium, PocketBase), then any server whose pid a test wrote down.
cleanup() {
  if [ -n "$runner" ] && kill -0 "$runner" 2>/dev/null; then
    kill -TERM -- "-$runner" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$runner" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$runner" 2>/dev/null
  fi
  local f pid
  for f in "$out"/pids/*; do
    [ -e "$f" ] || continue
    pid=${f##*/}
    # Only a PocketBase, in case the pid was reused since.
    if grep -q pocketbase "/proc/$pid/cmdline" 2>/dev/null; then
      kill "$pid" 2>/dev/null
    fi
    rm -f "$f"
  done
  xvfb_stop
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

result() {
  echo "e2e: $1 passed; $2 failed"
  [ "$2" = 0 ] && [ "$1" != 0 ]
}

[ -x .venv-pb/bin/pocketbase ] || { say "PocketBase is missing: run scripts/setup.sh first"; result 0 1; exit 1; }
[ -x /usr/bin/chromium ] || { say "/usr/bin/chromium is missing: run scripts/setup.sh first"; result 0 1; exit 1; }

if [ ! -f pkg/web/bosbase_backups.js ]; then
  say "pkg/ is not built; building it"
  SKIP_SETUP=1 scripts/build.sh || { result 0 1; exit 1; }
fi

if [ ! -d tests/e2e/node_modules/playwright-core ] || [ ! -d tests/e2e/node_modules/selenium-webdriver ] ||
   [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
  say "npm ci (tests/e2e/)"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error) || { result 0 1; exit 1; }
fi

rm -rf "$out" test-output/screenshots
mkdir -p "$out"

engines=(${E2E_ENGINES:-chromium firefox webkit})

# run_tap NAME FILE...: runs the test files with node's runner in a process group of
# its own (so that cleanup can stop all of it), one file at a time (each starts its own
# browser and server), TAP output in $out/NAME.log; sets `passed` and `failed`. A
# skipped or todo test counts as failed (none is meant to be), and so does a runner
# that failed without counting a failed test (a crash).
run_tap() {
  local name=$1 log=$out/$1.log rc skipped todo cancelled
  shift
  exec {tee_fd}> >(tee "$log")
  tee_pid=$!
  (cd tests/e2e && exec setsid node --test --test-concurrency=1 --test-reporter=tap --test-timeout=600000 "$@") \
    >&"$tee_fd" 2>&1 &
  runner=$!
  wait "$runner"
  rc=$?
  runner=""
  exec {tee_fd}>&-
  wait "$tee_pid" 2>/dev/null
  last() { sed -n "s/^# $1 \([0-9]*\)$/\1/p" "$log" | tail -1; }
  passed=$(last pass) failed=$(last fail) cancelled=$(last cancelled) skipped=$(last skipped) todo=$(last todo)
  passed=${passed:-0}
  failed=$(( ${failed:-0} + ${cancelled:-0} + ${skipped:-0} + ${todo:-0} ))
  if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
}

total_passed=0 total_failed=0
for engine in "${engines[@]}"; do
  # Chromium also runs the Playwright files; every engine runs the WebDriver flows.
  files=()
  candidates=(engines/flows.test.js)
  if [ "$engine" = chromium ]; then candidates=(tests/e2e/*.test.js "${candidates[@]}"); fi
  for f in "${candidates[@]}"; do
    f=${f#tests/e2e/}
    [[ -z "${E2E_ONLY:-}" || "$f" == *"$E2E_ONLY"* ]] && files+=("$f")
  done
  [ ${#files[@]} -gt 0 ] || continue
  say "$engine: ${files[*]}"
  if [ "$engine" = webkit ]; then
    # WebKitWebDriver's MiniBrowser needs an X display.
    xvfb_start || { echo "e2e $engine: 0 passed; 1 failed"; total_failed=$((total_failed + 1)); continue; }
  fi
  E2E_ENGINE=$engine run_tap "$engine" "${files[@]}"
  [ "$engine" = webkit ] && xvfb_stop
  echo "e2e $engine: $passed passed; $failed failed"
  total_passed=$((total_passed + passed)) total_failed=$((total_failed + failed))
done
result "$total_passed" "$total_failed"
