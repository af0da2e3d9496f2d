//! The SDK in a real browser against a real PocketBase: the JS facade (what npm users
//! call) and the typed Rust API (what Rust frontends call).
#![cfg(all(target_arch = "wasm32", feature = "js"))]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "../support/mod.rs"]
mod support;

mod js_auth;
mod js_backups;
mod js_busy;
mod js_cancel;
mod js_concurrency;
mod js_download;
mod js_errors;
mod js_faults;
mod js_helpers;
mod js_inspect;
mod js_parity;
mod js_progress;
mod js_prune;
mod js_tokens;
mod js_tools;
mod js_verify;
mod rust_api;
