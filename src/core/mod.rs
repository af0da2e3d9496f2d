//! Pure logic: no browser APIs, no I/O. Everything here is tested by a native
//! `cargo test` in milliseconds.

pub mod crc32;
pub mod cron;
pub mod error_body;
pub mod explore;
pub mod json;
pub mod models;
pub mod names;
pub mod progress;
pub mod prune;
pub mod restore;
pub mod retry;
pub mod settings;
pub mod sqlite;
pub mod text;
pub mod token;
pub mod url;
pub mod verify;
pub mod zip;
