#!/usr/bin/env bash
# The demo: builds the npm package (installing what is missing), starts a real
# PocketBase seeded with a few backups, and serves the example page of www/ from it,
# with the built package under ./pkg/. Ctrl-C (or SIGTERM) stops the server.
#
#   DEMO_PORT=8090            port on 127.0.0.1
#   DEMO_EXIT_AFTER_START=1   stop and exit 0 right after start (smoke test)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
port=${DEMO_PORT:-8090}
public=$root/target/demo-public
server=$root/target/demo-server
api=http://127.0.0.1:$port

log() { echo "demo: $*"; }

# Checked before the build too, so a busy port fails fast (pb_start checks it again).
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "demo: port $port is already in use; choose another with DEMO_PORT=..." >&2
  exit 1
fi

scripts/build.sh

log "staging www/ and pkg/ in target/demo-public/"
rm -rf "$public" && mkdir -p "$public"
cp -R www/. "$public/"
cp -R pkg "$public/pkg"

# shellcheck source=lib/pocketbase.sh
source scripts/lib/pocketbase.sh
stopping() {
  if [ ${#PB_PIDS[@]} -gt 0 ]; then
    log "stopping PocketBase"
    pb_stop_all
  fi
}
trap stopping EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "starting PocketBase on $api"
# pb_hooks/ sends the page's Content-Security-Policy.
pb_start "$server" "$port" --publicDir="$public" --hooksDir="$root/pb_hooks"

token=$(curl -fsS -X POST "$api/api/collections/_superusers/auth-with-password" \
  -H 'Content-Type: application/json' \
  -d "{\"identity\":\"$PB_ADMIN_EMAIL\",\"password\":\"$PB_ADMIN_PASSWORD\"}" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
for name in demo_first.zip demo_second.zip demo_third.zip; do
  log "creating backup $name"
  curl -fsS -o /dev/null -X POST "$api/api/backups" \
    -H "Authorization: $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\"}"
  sleep 1 # distinct modification times, so the page's newest-first order shows
done

# The page and the package must be what the server serves.
for path in / /app.js /pkg/index.js /pkg/web/bosbase_backups.js /pkg/web/bosbase_backups_bg.wasm; do
  curl -fsS -o /dev/null "$api$path" || {
    echo "demo: the server does not serve $path" >&2
    exit 1
  }
done
# And the page comes with its Content-Security-Policy.
headers=$(curl -fsS -D - -o /dev/null "$api/")
grep -qi "^content-security-policy: default-src 'self'" <<<"$headers" || {
  echo "demo: the page is served without its Content-Security-Policy (pb_hooks/)" >&2
  exit 1
}

cat <<EOF

  Backups demo:  $api/
  Sign in with:  $PB_ADMIN_EMAIL / $PB_ADMIN_PASSWORD
  (PocketBase dashboard: $api/_/  ·  server data and log: target/demo-server/)

EOF

if [ "${DEMO_EXIT_AFTER_START:-}" = 1 ]; then
  exit 0
fi
log "press Ctrl-C to stop"
status=0
wait "${PB_PIDS[0]}" || status=$?
echo "demo: PocketBase exited on its own (status $status); log: target/demo-server/server.log" >&2
PB_PIDS=()
exit 1
