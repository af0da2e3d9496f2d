//! The npm package's second wasm module: the tools that only some calls need, loaded on
//! the first of them (`backups.verify`, `getSchedule`, `setSchedule`). It never talks to
//! the network: the core module hands it a byte stream or plain data, and it answers
//! with JSON text that the core reads back into the Rust API's types. Each export runs
//! the same code that a Rust app runs in-process (`bosbase_backups::tools::InProcess`).
//!
//! Rust apps do not need this crate: `bosbase-backups` with its default `tools` feature
//! runs the same tools in its own module.

// A panic would poison the module for the whole page: errors are values here.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::rc::Rc;

use bosbase_backups::core::settings::check_and_plan;
use bosbase_backups::tools::{verify_stream, VerifyInput};
use js_sys::Function;
use wasm_bindgen::prelude::*;
use web_sys::{AbortSignal, ReadableStream};

/// Verifies the backup in `stream` (`total` bytes, 0 when unknown) and resolves with the
/// report as JSON text; rejects with the stream's error (a dropped connection, the
/// signal's reason). `on_progress(loaded, total)` at most once per MiB and at the end.
#[wasm_bindgen]
pub async fn verify(
    stream: ReadableStream,
    total: f64,
    signal: Option<AbortSignal>,
    on_progress: Option<Function>,
) -> Result<String, JsValue> {
    let on_progress = on_progress.map(|f| {
        Rc::new(move |loaded: u64, total: u64| {
            // A throwing callback does not stop the read: progress is advisory.
            let _ = f.call2(
                &JsValue::UNDEFINED,
                &(loaded as f64).into(),
                &(total as f64).into(),
            );
        }) as Rc<dyn Fn(u64, u64)>
    });
    let input = VerifyInput {
        stream,
        total: total as u64,
        signal,
        on_progress,
    };
    Ok(verify_stream(input).await?.to_json().to_text())
}

/// Checks a schedule with the server's rules (`max_keep` undefined: the stored number
/// stays) and works out its next `count` runs after `now_ms`: `{refused, nextRuns}` as
/// JSON text.
#[wasm_bindgen]
pub fn schedule(cron: String, max_keep: Option<f64>, now_ms: f64, count: u32) -> String {
    check_and_plan(&cron, max_keep.map(|k| k as i64), now_ms, count as usize)
        .to_json()
        .to_text()
}
