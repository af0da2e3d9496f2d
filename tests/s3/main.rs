//! The SDK against a PocketBase whose backups are on a real S3 server (moto's, from
//! tests/s3_server.py): the browser suite's backup flows a second time (list, create,
//! upload, download, delete, prune, and a restore here), and the settings calls —
//! schedule, storage, the S3 test, the scheduled backup — with the server's codes,
//! a wrong bucket, and the S3 server stopped in the middle of an upload.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// The shared helpers, with every server address pointed at the S3-backed PocketBase.
mod support;

// The browser suite's backup flows, unchanged, against the S3-backed server.
#[path = "../browser/api/backups.rs"]
mod backups;
#[path = "../browser/api/download.rs"]
mod download;
#[path = "../browser/api/prune.rs"]
mod prune;

mod restore;
mod rust_api;
mod scheduled;
mod settings;
mod storage;
