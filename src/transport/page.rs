//! The page the SDK runs in: handing a URL to the browser's own download.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlIFrameElement;

/// How long the frame of a download stays in the page. Browsers fire no event when a
/// frame's navigation turns into a download, and removing the frame before the answer
/// has arrived cancels it; the URL was just probed, so the answer normally comes within
/// milliseconds, and this leaves a wide margin.
pub const FRAME_LIFETIME_MS: u32 = 30_000;

/// Starts the browser's download of `url`: the browser streams it to disk, nothing is
/// held in memory. The URL must answer with `Content-Disposition: attachment` (backup
/// downloads do), so a hidden frame downloads it and the page itself never navigates
/// (navigating the page, even to a download, makes Firefox abort the page's pending
/// requests). The frame is sent to the URL through its own `location`, so no attribute
/// in the page ever holds the URL's token, and it is removed after
/// [`FRAME_LIFETIME_MS`]: nothing is left behind. Needs a page (`document`).
pub fn trigger_download(url: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| js_sys::Error::new("Saving a file needs a page with a document."))?;
    let frame: HtmlIFrameElement = document.create_element("iframe")?.dyn_into()?;
    frame.set_attribute("aria-hidden", "true")?;
    frame.style().set_property("display", "none")?;
    let body = document
        .body()
        .ok_or_else(|| js_sys::Error::new("The page has no body."))?;
    body.append_child(&frame)?;
    let navigated = frame
        .content_window()
        .ok_or_else(|| js_sys::Error::new("The download frame has no window."))
        .and_then(|w| w.location().replace(url).map_err(Into::into));
    if let Err(e) = navigated {
        frame.remove();
        return Err(e.into());
    }
    wasm_bindgen_futures::spawn_local(async move {
        super::runtime::sleep(FRAME_LIFETIME_MS).await;
        frame.remove();
    });
    Ok(())
}
