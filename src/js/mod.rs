//! The JavaScript facade: `#[wasm_bindgen]` wrappers that convert JS values, call the
//! Rust API, and convert back. No logic of its own.

mod args;
mod auth_store;
mod client;
mod error;
mod services;
mod types;

pub use auth_store::JsAuthStore;
pub use client::JsClient;
pub use error::is_client_response_error;
pub use services::{JsBackupService, JsFileService, JsHealthService, JsRecordService};
pub use types::{
    ClientOptionsArg, CreateOptionsArg, DownloadOptionsArg, OptStringArg, PruneOptionsArg, QueryArg,
    RecordArg, RestoreOptionsArg, SendOptionsArg, UploadOptionsArg,
};
