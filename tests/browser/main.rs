//! The SDK in a real browser against a real PocketBase: the built npm package (what npm
//! users import, through `support::package`) and the typed Rust API (what Rust
//! frontends call).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "../support/mod.rs"]
mod support;

/// Each call of the JS facade, by API area, against a real server.
mod api {
    pub mod auth;
    pub mod backups;
    pub mod download;
    pub mod explore;
    pub mod inspect;
    pub mod parity;
    pub mod prune;
    pub mod tools;
    pub mod upload;
    pub mod verify;
}
/// What holds across calls: a busy server, cancellation, concurrency.
mod behaviour {
    pub mod busy;
    pub mod cancel;
    pub mod concurrency;
}
/// Faults and hostile inputs: wrong arguments and keys, servers that misbehave, token
/// leaks.
mod hostile {
    pub mod errors;
    pub mod faults;
    pub mod tokens;
}
/// The typed Rust API.
mod rust_api;
