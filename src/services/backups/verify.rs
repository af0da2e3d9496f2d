//! A test restore without restoring: the whole backup is read once, from the server
//! (through a file token) or from a local file, and checked entry by entry by
//! [`crate::core::verify`], a bounded piece at a time, wherever the client's
//! [`Tools`](crate::tools::Tools) run.

use std::future::Future;

use wasm_bindgen::JsValue;
use web_sys::{Blob, ReadableStream};

use super::super::run::{run_for_file, Hooks};
use super::{BackupService, ProgressFn};
use crate::calls::{ByToken, Purpose};
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

impl BackupService {
    /// Reads a whole backup once and checks it as a restore would read it: every
    /// entry inflated and its CRC-32 compared, `data.db` (and `auxiliary.db`) an SQLite
    /// database of a plausible size, the central directory matching the entries, no
    /// zip bomb. Resolves with a report for any bytes (`problems` says what is wrong);
    /// fails only when the file cannot be read (403/404 from the server, a dropped
    /// connection, an aborted `signal`). `on_progress(loaded, total)` in bytes of the
    /// zip (`total` 0 when the server's length is not shown). Only pieces of 64 KiB at a
    /// time enter wasm memory, whatever the backup's size.
    pub fn verify(
        &self,
        source: VerifySource,
        options: &RequestOptions,
        on_progress: Option<ProgressFn>,
    ) -> impl Future<Output = Result<VerifyReport, Error>> {
        // By key, the file-token request starts now, like every other call's request.
        let started = match source {
            VerifySource::Key(key) => {
                let path = url::backup_path(&key).unwrap_or_default();
                let plan = ByToken::new(&key, Purpose::Stream);
                Ok((
                    self.client.build_url(&path),
                    run_for_file(&self.client, options, &path, Hooks::default(), plan),
                ))
            }
            VerifySource::Blob(blob) => Err(blob),
        };
        let (client, options) = (self.client.clone(), options.clone());
        async move {
            let (stream, total, url) = match started {
                Err(blob) => (blob.stream(), blob.size() as u64, String::new()),
                Ok((url, fetched)) => {
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
                    (stream, total, url)
                }
            };
            let signal = options.signal.clone();
            let input = VerifyInput {
                stream,
                total,
                signal: signal.clone(),
                on_progress,
            };
            match client.tools()?.verify(input).await {
                Ok(report) => Ok(report),
                Err(StreamError::Tools(e)) => Err(e),
                Err(StreamError::Read(e)) if signal.is_some_and(|s| s.aborted()) => {
                    Err(Error::aborted(&url, Some(e)))
                }
                Err(StreamError::Read(e)) => Err(Error::network(&url, e)),
            }
        }
    }
}

/// A stream with no bytes (an answer without a body).
fn empty_stream() -> Result<ReadableStream, JsValue> {
    Ok(Blob::new()?.stream())
}
