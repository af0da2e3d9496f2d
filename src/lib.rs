//! Browser SDK for the Backups API of BosBase and PocketBase servers, in Rust and
//! WebAssembly.
//!
//! - [`core`]: pure logic (URLs, names, error bodies, tokens), no browser APIs.
//! - [`calls`]: each call's flow as a plan (what to send next, given what came back),
//!   no I/O: the services perform them, and the npm package's JS (crates/core).
//! - [`transport`]: the only code that touches `fetch`, storage and the JS runtime.
//! - [`Client`] and [`services`]: the typed Rust API, for Leptos, Yew or Dioxus apps.
//! - [`tools`]: where verify and the cron rules run.
//!
//! ```no_run
//! # async fn run() -> Result<(), bosbase_backups::Error> {
//! use bosbase_backups::{Client, RequestOptions};
//! let client = Client::new("http://127.0.0.1:8090");
//! let opts = RequestOptions::new();
//! client.collection("_superusers").auth_with_password("admin@example.com", "password123", &opts).await?;
//! let key = client.backups().create(None, &opts).await?;
//! for b in client.backups().get_full_list(&opts).await? {
//!     println!("{} {} bytes", b.key, b.size);
//! }
//! client.backups().delete(&key, &opts).await?;
//! # Ok(()) }
//! ```

// A panic would poison the wasm instance for the whole page: errors are values here.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod auth_store;
pub mod calls;
pub mod client;
pub mod core;
pub mod error;
pub mod options;
pub mod services;
pub mod tools;
pub mod transport;

#[cfg(feature = "tool-exports")]
pub mod tool_exports;

pub use auth_store::{AuthBackend, AuthStore};
pub use client::{Client, ClientOptions, Outgoing, Request, SendHooks};
pub use core::models::{AuthResponse, BackupFileInfo, CronJob, HealthCheckResponse, HealthData, OtpResponse};
pub use core::prune::PrunePolicy;
pub use core::retry::Backoff;
pub use core::settings::{BackupSchedule, BackupSettings, BackupStorage, S3Settings, S3Storage};
pub use core::verify::{Problem, VerifyReport};
pub use core::zip::{ZipEntry, ZipError, ZipSummary};
pub use error::{Error, ErrorKind};
pub use options::{RequestKey, RequestOptions};
#[allow(deprecated)]
pub use services::RestoreOutcome;
pub use services::{
    BackupExplorer, ExploreOptions, ExploreSource, Inspection, KeyFilter, ProgressFn, PruneFailure,
    PruneReport, PruneRequest, RecordsQuery, RecoverOptions, RestoreReport, RestoreWait, UploadOptions,
    UploadSource, VerifySource, VERIFY_READINGS,
};
