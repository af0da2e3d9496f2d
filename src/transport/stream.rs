//! Reading a byte stream (a download's body, `Blob.stream()`) piece by piece: each
//! chunk the browser hands over is copied into wasm memory in pieces of at most
//! [`PIECE`] bytes, all into one reused buffer, so wasm memory does not grow with the
//! stream's length.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, ReadableStream, ReadableStreamByobReader, ReadableStreamDefaultReader};

/// The most bytes copied into wasm memory at a time.
pub const PIECE: u32 = 64 * 1024;

/// How much a byte stream reads at a time, into one buffer that each read hands back.
const READ: u32 = 1024 * 1024;

/// Reads `stream` to its end, handing each piece to `sink`; `sink` answers `false` to
/// stop early (the stream is then cancelled). A byte stream (a download's body and
/// `Blob.stream()` in current browsers) is read into one reused buffer, so the JS heap
/// holds no chunk per read either. When `signal` aborts, the read in progress ends and
/// `Err` carries the signal's reason; a stream that fails gives its error.
pub async fn for_each_piece(
    stream: &ReadableStream,
    signal: Option<&AbortSignal>,
    mut sink: impl FnMut(&[u8]) -> bool,
) -> Result<(), JsValue> {
    let (reader, mut buffer): (Reader, _) = match ReadableStreamByobReader::new(stream) {
        Ok(r) => (Reader::Byob(r), Some(js_sys::ArrayBuffer::new(READ))),
        Err(_) => (Reader::Default(stream.get_reader().unchecked_into()), None),
    };
    let _cancel = signal.map(|s| CancelOnAbort::new(s, reader.cancel_fn()));
    // `{min}`: a read resolves once the buffer is full (or the stream ends) rather than
    // with each network packet, so there are a few hundred reads per 100 MiB instead of
    // thousands. Browsers that do not know the option read as before.
    let fill = js_sys::Object::new();
    Reflect::set(&fill, &"min".into(), &JsValue::from(READ))?;
    let mut buf = vec![0u8; PIECE as usize];
    loop {
        if let Some(s) = signal.filter(|s| s.aborted()) {
            reader.cancel();
            return Err(s.reason());
        }
        let step = match (&reader, &buffer) {
            (Reader::Byob(r), Some(b)) => JsFuture::from(read_full(r, &Uint8Array::new(b), &fill)?).await?,
            (Reader::Default(r), _) => JsFuture::from(r.read()).await?,
            (Reader::Byob(_), None) => {
                reader.cancel();
                return Err(js_sys::TypeError::new("the stream did not hand its buffer back").into());
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
                reader.cancel();
                return Err(
                    js_sys::TypeError::new("the stream gave a chunk that is not a Uint8Array").into(),
                );
            }
        };
        let mut at = 0;
        while at < chunk.length() {
            let end = chunk.length().min(at + PIECE);
            let piece = &mut buf[..(end - at) as usize];
            chunk.subarray(at, end).copy_to(piece);
            if !sink(piece) {
                reader.cancel();
                return Ok(());
            }
            at = end;
        }
        if done {
            return Ok(());
        }
    }
}

/// `reader.read(view, options)`, which web-sys does not bind.
fn read_full(
    reader: &ReadableStreamByobReader,
    view: &Uint8Array,
    options: &js_sys::Object,
) -> Result<js_sys::Promise, JsValue> {
    let read: js_sys::Function = Reflect::get(reader, &"read".into())?.dyn_into()?;
    Ok(read.call2(reader, view, options)?.unchecked_into())
}

/// A byte stream's reader (reads into the caller's buffer) or a plain one.
enum Reader {
    Byob(ReadableStreamByobReader),
    Default(ReadableStreamDefaultReader),
}

impl Reader {
    fn cancel(&self) {
        let _ = match self {
            Reader::Byob(r) => r.cancel(),
            Reader::Default(r) => r.cancel(),
        };
    }

    fn cancel_fn(&self) -> Box<dyn Fn()> {
        match self {
            Reader::Byob(r) => {
                let r = r.clone();
                Box::new(move || drop(r.cancel()))
            }
            Reader::Default(r) => {
                let r = r.clone();
                Box::new(move || drop(r.cancel()))
            }
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
    fn new(signal: &AbortSignal, cancel: Box<dyn Fn()>) -> Self {
        let listener = Closure::<dyn FnMut()>::new(cancel);
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
