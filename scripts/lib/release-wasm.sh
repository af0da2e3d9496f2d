# The release build of the modules that ship: source this file, then
# `release_wasm CARGO_ARGS...` builds what the arguments select under
# target/wasm32-unknown-unknown/release/ (or under $CARGO_TARGET_DIR):
#   release_wasm -p bosbase-backups --no-default-features --features js   (the core)
#   release_wasm -p bosbase-backups-tools                                 (the tools)
#
# Beyond the release profile in Cargo.toml, the standard library is rebuilt with the
# module so that a panic is a bare trap: with `panic = "abort"` alone, std's panic
# handler and the source locations and formatting it carries are still compiled in
# (about 8 KB of the gzip'd module). The behaviour is the same: a panic aborts the
# instance either way, and the code has no panic paths of its own (clippy denies
# them). These flags are unstable, so the stable toolchain is told to accept them
# (RUSTC_BOOTSTRAP); the rebuilt std needs the rust-src component (scripts/setup.sh).
# std's `optimize_for_size` feature picks its smaller implementations (e.g. of sorting):
# 4.5 KB of the raw module, 2 KB gzip'd.
release_wasm() {
  RUSTC_BOOTSTRAP=1 \
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none" \
    cargo build --release --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort \
    -Zbuild-std-features=optimize_for_size "$@"
}
