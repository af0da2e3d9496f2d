#!/usr/bin/env bash
# Browser tests of the Backup Manager page (www/): Playwright (playwright-core) drives
# Debian's Chromium through every action of the page against real PocketBase servers
# that the tests start themselves (ports 8101–8103), each serving a staged copy of
# www/ + pkg/ as scripts/demo.sh does. Screenshots at 1280 and 390 px wide go to
# test-output/screenshots/.
#
# Assumes scripts/setup.sh has run (Chromium, PocketBase in .venv-pb/); installs the
# test's own npm packages, builds pkg/ if it is missing, and ends with the line
# "e2e: N passed; M failed". Exits non-zero on any failure. Leaves nothing running.
#
#   E2E_ONLY=restore   run only tests/e2e/restore.test.js (any file name part)
set -uo pipefail
cd "$(dirname "$0")/.."
out=test-output/e2e
log=$out/e2e.log
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

if [ ! -d tests/e2e/node_modules/playwright-core ] ||
   [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
  say "npm ci (tests/e2e/)"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error) || { result 0 1; exit 1; }
fi

rm -rf "$out" test-output/screenshots
mkdir -p "$out"

files=()
for f in tests/e2e/*.test.js; do
  [[ -z "${E2E_ONLY:-}" || "$f" == *"$E2E_ONLY"* ]] && files+=("${f#tests/e2e/}")
done

# The runner in a process group of its own (so that cleanup can stop all of it), one
# test file at a time (each starts its own Chromium and server), TAP output.
exec {tee_fd}> >(tee "$log")
tee_pid=$!
(cd tests/e2e && exec setsid node --test --test-concurrency=1 --test-reporter=tap --test-timeout=600000 "${files[@]}") \
  >&"$tee_fd" 2>&1 &
runner=$!
wait "$runner"
rc=$?
runner=""
exec {tee_fd}>&-
wait "$tee_pid" 2>/dev/null

passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)
failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)
cancelled=$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$log" | tail -1)
passed=${passed:-0}
failed=$(( ${failed:-0} + ${cancelled:-0} ))
# A runner that failed without counting a failed test (a crash) counts once.
if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
result "$passed" "$failed"
