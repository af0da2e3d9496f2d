# The release build of the modules that ship: source this file, then
# `release_wasm CARGO_ARGS...` builds what the arguments select under
# target/wasm32-unknown-unknown/release/ (or under $CARGO_TARGET_DIR):
#   release_wasm -p bosbase-backups-core --no-default-features --features core-calls   (the core)
#   release_wasm -p bosbase-backups-core --no-default-features --features tool-calls   (the tools)
# and sets RELEASE_WASM_KIND to "size" or "stable" (which build was made).
#
# The size build: beyond the release profile in Cargo.toml, the standard library is
# rebuilt with the module so that a panic is a bare trap: with `panic = "abort"` alone,
# std's panic handler and the source locations and formatting it carries are still
# compiled in. The behaviour is the same: a panic aborts the instance either way, and
# the code has no panic paths of its own (clippy denies them). These flags are unstable,
# so the stable toolchain is told to accept them (RUSTC_BOOTSTRAP); the rebuilt std
# needs the rust-src component (scripts/setup.sh). std's `optimize_for_size` feature
# picks its smaller implementations (e.g. of sorting). README "Dependencies" has what
# each step saves.
#
# Unstable flags can change with any compiler: they were measured on SIZE_BUILD_RUSTC,
# the compiler of this project's machines. With another compiler the size build is
# still tried; when it fails, or with STABLE_BUILD=1, the module is built with the
# release profile alone (stable Rust, no flags), which works on any toolchain and is
# larger (scripts/build.sh checks it against its own budget).
SIZE_BUILD_RUSTC=1.95.0

release_wasm() {
  local rustc
  rustc=$(rustc --version)
  if [ "${STABLE_BUILD:-}" != 1 ]; then
    if [[ "$rustc" != "rustc $SIZE_BUILD_RUSTC "* ]]; then
      echo "release-wasm: $rustc, not $SIZE_BUILD_RUSTC: trying the size build's unstable flags anyway" >&2
    fi
    if RUSTC_BOOTSTRAP=1 \
      RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none" \
      cargo build --release --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort \
      -Zbuild-std-features=optimize_for_size "$@"; then
      RELEASE_WASM_KIND=size
      return 0
    fi
    echo "release-wasm: the size build failed with $rustc; building with stable flags only (a larger module)" >&2
  fi
  cargo build --release --target wasm32-unknown-unknown "$@" || return 1
  RELEASE_WASM_KIND=stable
}
