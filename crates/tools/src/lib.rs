//! The npm package's second wasm module: the tools that only some calls need, loaded on
//! the first of them (`backups.verify`, `getSchedule`, `setSchedule`). It never talks to
//! the network and runs no futures: the core reads the backup's stream and feeds its
//! bytes to the verifier here, or hands over plain data, and it answers with JSON text
//! that the core reads back into the Rust API's types. Its exports
//! (`bosbase_backups::tool_exports`: `StreamVerifier`, `schedule`) run the same code
//! that a Rust app runs in-process (`bosbase_backups::tools::InProcess`).
//!
//! Rust apps do not need this crate: `bosbase-backups` with its default `tools` feature
//! runs the same tools in its own module.

pub use bosbase_backups::tool_exports::{schedule, StreamVerifier};
