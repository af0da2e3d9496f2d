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
