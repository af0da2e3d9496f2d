# Starting and stopping real PocketBase servers for the tests and the demo.
# Source this file; it needs scripts/setup.sh to have run.

PB_BIN=${PB_BIN:-$PWD/.venv-pb/bin/pocketbase}
PB_ADMIN_EMAIL=admin@example.com
PB_ADMIN_PASSWORD=password123
PB_PIDS=()

# pb_start DIR PORT [extra serve args...]: a fresh server with its own data folder and
# the superuser above; returns once /api/health answers.
pb_start() {
  local dir=$1 port=$2
  shift 2
  if curl -s -o /dev/null "http://127.0.0.1:$port/api/health"; then
    echo "port $port is already in use" >&2
    return 1
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  "$PB_BIN" superuser upsert "$PB_ADMIN_EMAIL" "$PB_ADMIN_PASSWORD" --dir="$dir/pb_data" >/dev/null
  # Its own working folder, so nothing (e.g. pb_migrations) is written elsewhere.
  (cd "$dir" && exec "$PB_BIN" serve --http="127.0.0.1:$port" --dir="$dir/pb_data" --automigrate=false "$@" \
    >"$dir/server.log" 2>&1) &
  PB_PIDS+=($!)
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/api/health" && return 0
    sleep 0.1
  done
  echo "PocketBase on port $port did not start; log:" >&2
  cat "$dir/server.log" >&2
  return 1
}

# pb_stop_all: stops every server started by pb_start.
pb_stop_all() {
  local pid
  for pid in "${PB_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PB_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  PB_PIDS=()
}

# s3_start S3_PORT CONTROL_PORT LOG: the S3 server of the S3 tests (tests/s3_server.py,
# moto's server in .venv-pb) with the bucket "backups"; returns once it answers.
s3_start() {
  local port=$1 control=$2 log=$3
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "port $port is already in use" >&2
    return 1
  fi
  "$PWD/.venv-pb/bin/python" tests/s3_server.py "$port" "$control" >"$log" 2>&1 &
  PB_PIDS+=($!)
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$control/" && curl -s -o /dev/null -X PUT "http://127.0.0.1:$port/backups" && return 0
    sleep 0.1
  done
  echo "the S3 server on port $port did not start; log:" >&2
  cat "$log" >&2
  return 1
}

# pb_use_s3 PORT S3_URL: points the backups of the PocketBase on PORT at the bucket
# "backups" of the S3 server at S3_URL.
pb_use_s3() {
  local base="http://127.0.0.1:$1" token
  token=$(curl -s -X POST "$base/api/collections/_superusers/auth-with-password" -H 'Content-Type: application/json' \
    -d "{\"identity\":\"$PB_ADMIN_EMAIL\",\"password\":\"$PB_ADMIN_PASSWORD\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  curl -sf -o /dev/null -X PATCH "$base/api/settings" -H "Authorization: $token" -H 'Content-Type: application/json' \
    -d "{\"backups\":{\"s3\":{\"enabled\":true,\"bucket\":\"backups\",\"region\":\"us-east-1\",\"endpoint\":\"$2\",\"accessKey\":\"test\",\"secret\":\"test-secret\",\"forcePathStyle\":true}}}"
}
