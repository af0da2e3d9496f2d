//! The tools: work that only some calls need and that needs no network — verifying a
//! backup's bytes, the server's cron rules and a schedule's next runs. The services
//! reach them through [`Tools`], so where they run is the client's choice: in-process
//! for Rust apps ([`InProcess`], feature `tools`, on by default), or in the npm
//! package's second wasm module, loaded on the first call that needs it (the JS
//! facade's port). Both run the same Rust code; only bytes, streams and plain data
//! cross.

use std::future::Future;
use std::pin::Pin;

use wasm_bindgen::JsValue;
use web_sys::{AbortSignal, ReadableStream};

use crate::core::settings::ScheduleCheck;
use crate::core::verify::VerifyReport;
use crate::error::Error;
use crate::services::ProgressFn;

/// A tool's answer, later.
pub type ToolFuture<T> = Pin<Box<dyn Future<Output = Result<T, Error>>>>;

/// A byte stream to verify.
pub struct VerifyInput {
    pub stream: ReadableStream,
    /// Its length in bytes, 0 when unknown.
    pub total: u64,
    /// Ends the read (the result is then the signal's reason).
    pub signal: Option<AbortSignal>,
    /// `(loaded, total)` in bytes, at most once per MiB and at the end.
    pub on_progress: Option<ProgressFn>,
}

/// Where the tools run.
pub trait Tools {
    /// Reads `input.stream` to its end through the verifier; [`StreamError`] says whether
    /// the stream failed or the tools could not run.
    fn verify(&self, input: VerifyInput) -> Pin<Box<dyn Future<Output = Result<VerifyReport, StreamError>>>>;

    /// [`check_and_plan`](crate::core::settings::check_and_plan): a schedule checked
    /// with the server's rules, and its next `count` runs after `now_ms`.
    fn schedule(
        &self,
        cron: &str,
        max_keep: Option<i64>,
        now_ms: f64,
        count: usize,
    ) -> ToolFuture<ScheduleCheck>;
}

/// Why a stream could not be read to its end.
pub enum StreamError {
    /// The stream's own error: a dropped connection, or the signal's reason.
    Read(JsValue),
    /// The tools could not run (their module did not load).
    Tools(Error),
}

/// The tools run in the caller's module (the default for Rust apps).
#[cfg(feature = "tools")]
pub struct InProcess;

#[cfg(feature = "tools")]
impl Tools for InProcess {
    fn verify(&self, input: VerifyInput) -> Pin<Box<dyn Future<Output = Result<VerifyReport, StreamError>>>> {
        Box::pin(async move {
            crate::services::verify_stream(input)
                .await
                .map_err(StreamError::Read)
        })
    }

    fn schedule(
        &self,
        cron: &str,
        max_keep: Option<i64>,
        now_ms: f64,
        count: usize,
    ) -> ToolFuture<ScheduleCheck> {
        let check = crate::core::settings::check_and_plan(cron, max_keep, now_ms, count);
        Box::pin(async move { Ok(check) })
    }
}
