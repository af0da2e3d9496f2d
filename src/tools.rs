//! The tools: work that only some calls need and that needs no network — verifying a
//! backup's bytes, the server's cron rules and a schedule's next runs. The services
//! reach them through [`Tools`], so where they run is the client's choice: in-process
//! for Rust apps ([`InProcess`], feature `tools`, on by default), or wherever an app's
//! own [`Tools`] runs them ([`crate::Client::set_tools`]).

use std::future::Future;
use std::pin::Pin;

use js_sys::Uint8Array;
use wasm_bindgen::JsValue;
use web_sys::{AbortSignal, ReadableStream};

use crate::core::progress::ProgressFn;
use crate::core::settings::ScheduleCheck;
use crate::core::verify::Verifier;
use crate::core::verify::VerifyReport;
use crate::error::Error;
use crate::transport::stream::{for_each_view, PIECE};

/// A tool's answer, later.
pub type ToolFuture<T> = Pin<Box<dyn Future<Output = Result<T, Error>>>>;

/// A byte stream to verify.
pub struct VerifyInput {
    pub stream: ReadableStream,
    /// Its length in bytes, 0 when unknown.
    pub total: u64,
    /// Ends the read (the result is then the signal's reason).
    pub signal: Option<AbortSignal>,
    /// A read that gets no byte for this long fails (see [`for_each_view`]): the
    /// request's timeout, for a server's body.
    pub idle_ms: Option<u32>,
    /// `(loaded, total)` in bytes, at most once per MiB and at the end.
    pub on_progress: Option<ProgressFn>,
}

/// Progress is reported at most once per this many bytes (and at the end).
pub const PROGRESS_STEP: u64 = 1024 * 1024;

/// Reads `input.stream` to its end, handing `feed` each piece (a view of at most
/// [`PIECE`] bytes) and reporting progress at most once per [`PROGRESS_STEP`] and at
/// the end; `feed` answers `false` to stop early. [`verify_stream`] runs it, and so can
/// a [`Tools`] that runs the verifier elsewhere. `Err` is the stream's own error: a dropped connection, or the
/// signal's reason when it aborts.
pub async fn feed_stream(
    input: VerifyInput,
    mut feed: impl FnMut(&Uint8Array) -> bool,
) -> Result<(), JsValue> {
    let VerifyInput {
        stream,
        total,
        signal,
        idle_ms,
        on_progress,
    } = input;
    let (mut loaded, mut reported) = (0u64, 0u64);
    let report = |loaded: u64| {
        if let Some(f) = &on_progress {
            f(loaded, if loaded > total { 0 } else { total });
        }
    };
    report(0);
    for_each_view(&stream, signal.as_ref(), idle_ms, |piece| {
        let more = feed(piece);
        loaded += u64::from(piece.length());
        if loaded - reported >= PROGRESS_STEP {
            reported = loaded;
            report(loaded);
        }
        more
    })
    .await?;
    if reported != loaded {
        report(loaded);
    }
    Ok(())
}

/// Reads a byte stream to its end through the verifier in this module (what
/// [`InProcess`] runs): each piece is copied into one reused buffer.
pub async fn verify_stream(input: VerifyInput) -> Result<VerifyReport, JsValue> {
    let mut verifier = Verifier::new();
    let mut buf = vec![0u8; PIECE as usize];
    feed_stream(input, |view| {
        let piece = &mut buf[..view.length() as usize];
        view.copy_to(piece);
        verifier.feed(piece);
        !verifier.stopped()
    })
    .await?;
    Ok(verifier.finish())
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
        Box::pin(async move { verify_stream(input).await.map_err(StreamError::Read) })
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
