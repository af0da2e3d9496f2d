//! Reading a byte stream (a download's body, `Blob.stream()`) piece by piece: each
//! chunk the browser hands over is copied into wasm memory in pieces of at most
//! [`PIECE`] bytes, all into one reused buffer, so wasm memory does not grow with the
//! stream's length.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, ReadableStream, ReadableStreamDefaultReader};

/// The most bytes copied into wasm memory at a time.
pub const PIECE: u32 = 64 * 1024;

/// Reads `stream` to its end, handing each piece to `sink`; `sink` answers `false` to
/// stop early (the stream is then cancelled). When `signal` aborts, the read in
/// progress ends and `Err` carries the signal's reason; a stream that fails gives its
/// error.
pub async fn for_each_piece(
    stream: &ReadableStream,
    signal: Option<&AbortSignal>,
    mut sink: impl FnMut(&[u8]) -> bool,
) -> Result<(), JsValue> {
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let _cancel = signal.map(|s| CancelOnAbort::new(s, &reader));
    let mut buf = vec![0u8; PIECE as usize];
    loop {
        if let Some(s) = signal.filter(|s| s.aborted()) {
            let _ = reader.cancel();
            return Err(s.reason());
        }
        let step = JsFuture::from(reader.read()).await?;
        if let Some(s) = signal.filter(|s| s.aborted()) {
            return Err(s.reason());
        }
        if Reflect::get(&step, &"done".into())?.is_truthy() {
            return Ok(());
        }
        let chunk: Uint8Array = Reflect::get(&step, &"value".into())?
            .dyn_into()
            .map_err(|_| js_sys::TypeError::new("the stream gave a chunk that is not a Uint8Array"))?;
        let mut at = 0;
        while at < chunk.length() {
            let end = chunk.length().min(at + PIECE);
            let piece = &mut buf[..(end - at) as usize];
            chunk.subarray(at, end).copy_to(piece);
            if !sink(piece) {
                let _ = reader.cancel();
                return Ok(());
            }
            at = end;
        }
    }
}

/// Cancels a reader when a signal aborts (a pending read then ends), for as long as it
/// lives.
struct CancelOnAbort {
    signal: AbortSignal,
    listener: Closure<dyn FnMut()>,
}

impl CancelOnAbort {
    fn new(signal: &AbortSignal, reader: &ReadableStreamDefaultReader) -> Self {
        let reader = reader.clone();
        let listener = Closure::<dyn FnMut()>::new(move || {
            let _ = reader.cancel();
        });
        let _ = signal.add_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
        CancelOnAbort {
            signal: signal.clone(),
            listener,
        }
    }
}

impl Drop for CancelOnAbort {
    fn drop(&mut self) {
        let _ = self
            .signal
            .remove_event_listener_with_callback("abort", self.listener.as_ref().unchecked_ref());
    }
}
