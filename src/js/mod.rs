//! The JavaScript facade: `#[wasm_bindgen]` wrappers that convert JS values, call the
//! Rust API, and convert back. No logic of its own.

mod auth_store;
mod backups;
mod client;
mod convert;
mod error;
mod hooks;
mod options;
mod promise;
mod records;
mod schedule;
mod services;
mod settings;
mod tools;
mod types;
mod verify;
mod zip;

pub use auth_store::{BaseAuthStore, LocalAuthStore};
pub use client::Client;
pub use error::is_client_response_error;
pub use services::{JsBackupService, JsCronService, JsFileService, JsHealthService, JsRecordService};
pub use settings::JsSettingsService;
pub use tools::{set_tools_loader, ModuleTools};
