//! The exports of the npm package's tools module (feature `tool-exports`): the streaming
//! verifier and the schedule check, for the tools module that crates/core builds. Every
//! export is synchronous: it runs no futures and holds no callbacks; the caller feeds
//! bytes and plain data, and reads JSON text.

use crate::core::settings::check_and_plan;
use crate::core::verify::Verifier;
use wasm_bindgen::prelude::*;

/// The streaming verifier, fed by the core piece by piece: the core reads the stream and
/// hands each piece (at most 64 KiB) to [`StreamVerifier::feed`]. Every export of this
/// module is synchronous: it runs no futures and holds no callbacks.
#[wasm_bindgen]
pub struct StreamVerifier(Verifier);

#[wasm_bindgen]
impl StreamVerifier {
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> StreamVerifier {
        StreamVerifier(Verifier::new())
    }

    /// The next bytes of the archive.
    pub fn feed(&mut self, piece: &[u8]) {
        self.0.feed(piece);
    }

    /// True once a problem hides where the rest of the archive is: more bytes are not
    /// needed.
    pub fn stopped(&self) -> bool {
        self.0.stopped()
    }

    /// The report as JSON text (the verifier is freed).
    pub fn finish(self) -> String {
        self.0.finish().to_json().to_text()
    }
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
