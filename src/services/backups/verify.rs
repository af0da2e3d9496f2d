//! A test restore without restoring: the whole backup is read, from the server
//! (through a file token) or from a local file, and checked entry by entry by
//! [`crate::core::verify`], a bounded piece at a time, wherever the client's
//! [`Tools`](crate::tools::Tools) run.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::{Blob, ReadableStream};

use super::super::run::{run_for_file, Hooks};
use super::{BackupService, ProgressFn};
use crate::calls::{ByToken, Output, Purpose};
use crate::client::HttpResponse;
use crate::core::url;
use crate::core::verify::VerifyReport;
use crate::error::Error;
use crate::options::RequestOptions;
use crate::tools::{StreamError, VerifyInput};

/// What [`BackupService::verify`] reads.
pub enum VerifySource {
    /// A backup on the server, by key.
    Key(String),
    /// A local `File` or `Blob` (read through `Blob.stream()`).
    Blob(Blob),
}

/// How many times at most `verify` reads a backup that it does not find sound.
pub const VERIFY_READINGS: u32 = 3;

impl BackupService {
    /// Reads a whole backup and checks it as a restore would read it: every entry
    /// inflated and its CRC-32 compared, `data.db` (and `auxiliary.db`) an SQLite
    /// database of a plausible size, the central directory matching the entries, no
    /// zip bomb. Resolves with a report for any bytes (`problems` says what is wrong);
    /// fails only when the file cannot be read (403/404 from the server, a dropped
    /// connection, an aborted `signal`). A sound backup is read once; a reading that
    /// finds damage is followed by another, up to [`VERIFY_READINGS`] in all, and the
    /// last one's outcome is the call's: WebKit's JavaScriptCore now and then runs the
    /// verifier wrongly while it moves that code to its optimizing tier, twice in a row
    /// at times (RELIABILITY.md "Verify"). `on_progress(loaded, total)`
    /// in bytes of the zip (`total` 0 when the server's length is not shown), never
    /// backwards. Only pieces of 64 KiB at a time enter wasm memory, whatever the
    /// backup's size.
    pub fn verify(
        &self,
        source: VerifySource,
        options: &RequestOptions,
        on_progress: Option<ProgressFn>,
    ) -> impl Future<Output = Result<VerifyReport, Error>> {
        // By key, the file-token request starts now, like every other call's request.
        let first = self.open(&source, options);
        let (service, options) = (self.clone(), options.clone());
        let on_progress = on_progress.map(forward_only);
        async move {
            let (mut opened, mut reading) = (first, 1);
            loop {
                let report = service.read(opened, &options, on_progress.clone()).await?;
                if report.ok() || reading == VERIFY_READINGS {
                    return Ok(report);
                }
                opened = service.open(&source, &options);
                reading += 1;
            }
        }
    }

    /// Begins one reading of `source`: the Blob itself, or the file's request, started now.
    fn open(&self, source: &VerifySource, options: &RequestOptions) -> Opened {
        match source {
            VerifySource::Key(key) => {
                let path = url::backup_path(key).unwrap_or_default();
                let plan = ByToken::new(key, Purpose::Stream);
                Opened::Key(
                    self.client.build_url(&path),
                    Box::pin(run_for_file(&self.client, options, &path, Hooks::default(), plan)),
                )
            }
            VerifySource::Blob(blob) => Opened::Blob(blob.clone()),
        }
    }

    /// Reads one opening to its end through the client's tools.
    async fn read(
        &self,
        opened: Opened,
        options: &RequestOptions,
        on_progress: Option<ProgressFn>,
    ) -> Result<VerifyReport, Error> {
        let (stream, total, url, idle_ms) = match opened {
            Opened::Blob(blob) => (blob.stream(), blob.size() as u64, String::new(), None),
            Opened::Key(url, fetched) => {
                let (_, file) = fetched.await?;
                let resp = file.ok_or_else(|| Error::unexpected_body(0, &url, "no body"))?;
                let total = resp
                    .header("content-length")
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .unwrap_or(0);
                let body = resp.raw.as_ref().and_then(web_sys::Response::body);
                let stream = match body {
                    Some(s) => s,
                    None => empty_stream().map_err(|e| Error::network(&url, e))?,
                };
                // The server's body that stalls for the request's timeout fails it.
                (stream, total, url, options.timeout_ms)
            }
        };
        let signal = options.signal.clone();
        let input = VerifyInput {
            stream,
            total,
            signal: signal.clone(),
            idle_ms,
            on_progress,
        };
        match self.client.tools()?.verify(input).await {
            Ok(report) => Ok(report),
            Err(StreamError::Tools(e)) => Err(e),
            Err(StreamError::Read(e)) if signal.is_some_and(|s| s.aborted()) => {
                Err(Error::aborted(&url, Some(e)))
            }
            Err(StreamError::Read(e)) if idle_ms.is_some() && stalled(&e) => {
                Err(Error::timed_out(&url, idle_ms.unwrap_or_default()))
            }
            Err(StreamError::Read(e)) => Err(Error::network(&url, e)),
        }
    }
}

/// A reading of a backup, begun: a local Blob, or the server's answer to the file's
/// request (its URL, for errors).
enum Opened {
    Blob(Blob),
    Key(String, Pin<Box<dyn Future<Output = Result<FileAnswer, Error>>>>),
}

type FileAnswer = (<ByToken as Output>::Value, Option<HttpResponse>);

/// `f` called only with more bytes than it was last given: a reading again is reported
/// past where the last one stopped.
fn forward_only(f: ProgressFn) -> ProgressFn {
    let shown = Cell::new(None::<u64>);
    Rc::new(move |loaded, total| {
        if shown.get().is_none_or(|s| loaded > s) {
            shown.set(Some(loaded));
            f(loaded, total);
        }
    })
}

/// A stream with no bytes (an answer without a body).
fn empty_stream() -> Result<ReadableStream, JsValue> {
    Ok(Blob::new()?.stream())
}

/// True for the error of a body that stalled ([`crate::transport::stream::stalled`]).
fn stalled(e: &wasm_bindgen::JsValue) -> bool {
    js_sys::Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .as_deref()
        == Some("TimeoutError")
}
