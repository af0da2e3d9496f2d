//! Reading a byte stream (a download's body, `Blob.stream()`) piece by piece: each
//! chunk the browser hands over is cut into views of at most [`PIECE`] bytes, which the
//! caller copies into wasm memory one at a time, so wasm memory does not grow with the
//! stream's length.

use js_sys::{Function, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, ReadableStream, ReadableStreamByobReader};

use super::abort::{unless_aborted, Controller};
use super::runtime::Timer;

/// The most bytes copied into wasm memory at a time.
pub const PIECE: u32 = 64 * 1024;

/// How much a byte stream reads at a time, into one buffer that each read hands back.
const READ: u32 = 1024 * 1024;

/// Reads `stream` to its end, handing `sink` each piece as a view of at most [`PIECE`]
/// bytes on the JS side (nothing is copied into this module's memory); `sink` answers
/// `false` to stop early (the stream is then cancelled). A byte stream (a download's
/// body and `Blob.stream()` in current browsers) is read into one reused buffer, so the
/// JS heap holds no chunk per read either; another stream is read chunk by chunk. When
/// `signal` aborts, the read in progress ends and `Err` carries the signal's reason; a
/// stream that fails gives its error. With `idle_ms`, a read that gets no byte for that
/// long cancels the stream and fails with a "TimeoutError" ([`stalled`]): a body that
/// stalls; one that keeps moving is never cut.
pub async fn for_each_view(
    stream: &ReadableStream,
    signal: Option<&AbortSignal>,
    idle_ms: Option<u32>,
    mut sink: impl FnMut(&Uint8Array) -> bool,
) -> Result<(), JsValue> {
    let (reader, mut buffer): (Object, _) = match ReadableStreamByobReader::new(stream) {
        Ok(r) => (r.into(), Some(js_sys::ArrayBuffer::new(READ))),
        Err(_) => (stream.get_reader(), None),
    };
    let read: Function = Reflect::get(&reader, &"read".into())?.dyn_into()?;
    let _cancel = signal.map(|s| CancelOnAbort::new(s, &reader));
    // `{min}`: a read resolves once the buffer is full (or the stream ends) rather than
    // with each network packet, so there are a few hundred reads per 100 MiB instead of
    // thousands. Browsers that do not know the option read as before. Not where a read
    // must end within `idle_ms`: a slow body that moves would not fill it in time.
    let fill = Object::new();
    if idle_ms.is_none() {
        Reflect::set(&fill, &"min".into(), &JsValue::from(READ))?;
    }
    loop {
        if let Some(s) = signal.filter(|s| s.aborted()) {
            cancel(&reader);
            return Err(s.reason());
        }
        let next = match &buffer {
            Some(b) => read.call2(&reader, &Uint8Array::new(b), &fill)?,
            None => read.call0(&reader)?,
        };
        let read = JsFuture::from(js_sys::Promise::resolve(&next));
        let step = match idle_ms {
            None => read.await?,
            Some(ms) => {
                let idle = Controller::new()?;
                let _timer = Timer::start(ms, {
                    let idle = idle.clone();
                    move || idle.abort()
                });
                match unless_aborted(read, &idle.signal()).await {
                    Ok(step) => step,
                    Err(_) if idle.aborted() => {
                        cancel(&reader);
                        return Err(stalled(ms));
                    }
                    Err(e) => return Err(e),
                }
            }
        };
        if let Some(s) = signal.filter(|s| s.aborted()) {
            return Err(s.reason());
        }
        let done = Reflect::get(&step, &"done".into())?.is_truthy();
        let value = Reflect::get(&step, &"value".into())?;
        let chunk = value.dyn_ref::<Uint8Array>();
        if buffer.is_some() {
            // The buffer passed was transferred; the view comes back on it.
            buffer = chunk.map(|v| v.buffer().unchecked_into());
        }
        // With `{min}` the last bytes may come with `done` itself.
        let chunk = match chunk {
            Some(c) => c,
            None if done => return Ok(()),
            None => {
                cancel(&reader);
                return Err(
                    js_sys::TypeError::new("the stream gave a chunk that is not a Uint8Array").into(),
                );
            }
        };
        let mut at = 0;
        while at < chunk.length() {
            let end = chunk.length().min(at + PIECE);
            if !sink(&chunk.subarray(at, end)) {
                cancel(&reader);
                return Ok(());
            }
            at = end;
        }
        if done {
            return Ok(());
        }
    }
}

/// The error of a body from which no byte came for `ms`: a "TimeoutError".
pub fn stalled(ms: u32) -> JsValue {
    let e = js_sys::Error::new(&["No byte of the answer arrived for ", &ms.to_string(), " ms."].concat());
    e.set_name("TimeoutError");
    e.into()
}

/// `reader.cancel()`, for either kind of reader; its promise is not awaited.
fn cancel(reader: &Object) {
    if let Some(f) = Reflect::get(reader, &"cancel".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
    {
        let _ = f.call0(reader);
    }
}

/// Cancels a reader when a signal aborts (a pending read then ends), for as long as it
/// lives.
struct CancelOnAbort {
    signal: AbortSignal,
    listener: Closure<dyn FnMut()>,
}

impl CancelOnAbort {
    fn new(signal: &AbortSignal, reader: &Object) -> Self {
        let reader = reader.clone();
        let listener = Closure::<dyn FnMut()>::new(move || cancel(&reader));
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
