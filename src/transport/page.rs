//! The page the SDK runs in: handing a URL to the browser's own download.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlIFrameElement;

/// Starts the browser's download of `url`: the browser streams it to disk, nothing is
/// held in memory. The URL must answer with `Content-Disposition: attachment` (backup
/// downloads do), so a hidden frame downloads it and the page itself never navigates.
/// Needs a page (`document`).
pub fn trigger_download(url: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| js_sys::Error::new("Saving a file needs a page with a document."))?;
    let frame: HtmlIFrameElement = document.create_element("iframe")?.dyn_into()?;
    frame.set_src(url);
    frame.set_attribute("aria-hidden", "true")?;
    frame.style().set_property("display", "none")?;
    let body = document
        .body()
        .ok_or_else(|| js_sys::Error::new("The page has no body."))?;
    body.append_child(&frame)?;
    Ok(())
}
