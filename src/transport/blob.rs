//! Reading small ranges of a `Blob`/`File` without reading the rest.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

/// The bytes `[start, end)` of `blob`. Only that range is read (and copied into wasm
/// memory); the rest of a multi-GB file is never touched.
pub async fn read_range(blob: &Blob, start: u64, end: u64) -> Result<Vec<u8>, JsValue> {
    let slice = blob.slice_with_f64_and_f64(start as f64, end as f64)?;
    let buffer = JsFuture::from(slice.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Bytes of a [`BlobWriter`] gathered before they become one part of its Blob.
pub const PART: u32 = 4 * 1024 * 1024;

/// Bytes written a run at a time into a `Blob`, which the browser keeps (on disk when
/// it likes): runs are copied into one reused JS buffer of [`PART`] bytes, which
/// becomes a part of the Blob each time it is full; wasm memory holds only the run.
pub struct BlobWriter {
    parts: js_sys::Array,
    buffer: Option<js_sys::Uint8Array>,
    filled: u32,
}

impl Default for BlobWriter {
    fn default() -> Self {
        BlobWriter {
            parts: js_sys::Array::new(),
            buffer: None,
            filled: 0,
        }
    }
}

impl BlobWriter {
    /// Appends `run`.
    pub fn write(&mut self, mut run: &[u8]) -> Result<(), JsValue> {
        while !run.is_empty() {
            let buffer = self
                .buffer
                .get_or_insert_with(|| js_sys::Uint8Array::new_with_length(PART));
            let n = (run.len() as u64).min(u64::from(PART - self.filled)) as u32;
            buffer
                .subarray(self.filled, self.filled + n)
                .copy_from(&run[..n as usize]);
            self.filled += n;
            run = &run[n as usize..];
            if self.filled == PART {
                self.flush()?;
            }
        }
        Ok(())
    }

    /// The buffer's bytes as a part: the Blob copies them, so the buffer is reused.
    fn flush(&mut self) -> Result<(), JsValue> {
        if let Some(buffer) = self.buffer.as_ref().filter(|_| self.filled > 0) {
            let part =
                Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&buffer.subarray(0, self.filled)))?;
            self.parts.push(&part);
            self.filled = 0;
        }
        Ok(())
    }

    /// The Blob of every byte written.
    pub fn finish(mut self) -> Result<Blob, JsValue> {
        self.flush()?;
        Blob::new_with_blob_sequence(&self.parts)
    }
}

/// One Blob of `a`'s bytes then `b`'s (neither copied into wasm memory).
pub fn concat(a: &Blob, b: &Blob) -> Result<Blob, JsValue> {
    Blob::new_with_blob_sequence(&js_sys::Array::of2(a, b))
}

/// An empty Blob.
pub fn empty() -> Result<Blob, JsValue> {
    Blob::new()
}

/// A multipart form: `@jsonPayload` holds `json`, then each file as its part `(name,
/// blob, file name)`, as the records API takes a record with files.
pub fn json_form(json: &str, files: &[(String, Blob, String)]) -> Result<web_sys::FormData, JsValue> {
    let form = web_sys::FormData::new()?;
    form.append_with_str("@jsonPayload", json)?;
    for (part, blob, name) in files {
        form.append_with_blob_and_filename(part, blob, name)?;
    }
    Ok(form)
}
