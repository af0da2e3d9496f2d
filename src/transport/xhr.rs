//! An upload through `XMLHttpRequest`, the one browser API that reports request-body
//! progress (`fetch` cannot). The form's files stay JS handles the browser streams.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use js_sys::{Function, JsString, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, FormData, ProgressEvent, XmlHttpRequest};

use super::fetch::{origin, HttpResponse};

/// True where `XMLHttpRequest` exists (browsers and workers; not Node).
pub fn available() -> bool {
    super::runtime::global("XMLHttpRequest").is_some()
}

/// Starts a POST of `form` at once; `on_progress(loaded, total)` is called with the
/// request bytes sent. Aborting `signal` aborts the upload. The returned future keeps
/// the event handlers alive until the request ends.
pub fn start(
    url: &str,
    headers: &[(String, String)],
    form: &FormData,
    signal: &AbortSignal,
    on_progress: Box<dyn Fn(f64, f64)>,
) -> Result<impl Future<Output = Result<HttpResponse, JsValue>>, JsValue> {
    let xhr = XmlHttpRequest::new()?;
    xhr.open_with_async("POST", url, true)?;
    for (name, value) in headers {
        xhr.set_request_header(name, value)?;
    }

    let progress = Closure::<dyn Fn(ProgressEvent)>::new(move |e: ProgressEvent| {
        on_progress(e.loaded(), if e.length_computable() { e.total() } else { 0.0 });
    });
    xhr.upload()?
        .set_onprogress(Some(progress.as_ref().unchecked_ref()));

    // Settled once by load, error, abort or timeout.
    let settle: Rc<RefCell<Option<(Function, Function)>>> = Rc::new(RefCell::new(None));
    let done = Promise::new(&mut |resolve, reject| *settle.borrow_mut() = Some((resolve, reject)));
    let on_load = {
        let settle = settle.clone();
        Closure::<dyn Fn()>::new(move || {
            if let Some((resolve, _)) = settle.borrow_mut().take() {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        })
    };
    let on_fail = {
        let settle = settle.clone();
        Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
            if let Some((_, reject)) = settle.borrow_mut().take() {
                let kind = js_sys::Reflect::get(&event, &"type".into())
                    .ok()
                    .and_then(|t| t.as_string());
                let message = match kind.as_deref() {
                    Some("abort") => "The upload was aborted.",
                    Some("timeout") => "The upload timed out.",
                    _ => "The upload failed (network error).",
                };
                let _ = reject.call1(&JsValue::UNDEFINED, &js_sys::Error::new(message));
            }
        })
    };
    xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
    xhr.set_onerror(Some(on_fail.as_ref().unchecked_ref()));
    xhr.set_onabort(Some(on_fail.as_ref().unchecked_ref()));
    xhr.set_ontimeout(Some(on_fail.as_ref().unchecked_ref()));

    let on_abort = {
        let xhr = xhr.clone();
        Closure::<dyn Fn()>::new(move || {
            let _ = xhr.abort();
        })
    };
    signal.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref())?;
    xhr.send_with_opt_form_data(Some(form))?;

    let (signal, url) = (signal.clone(), url.to_string());
    Ok(async move {
        let result = JsFuture::from(done).await;
        let _ = signal.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        xhr.upload()?.set_onprogress(None);
        drop((progress, on_load, on_fail));
        result?;
        // XMLHttpRequest always follows redirects and cannot be told not to; browsers
        // drop the Authorization header on the way to another origin, but the answer
        // from there is not this server's and is refused.
        let answered = xhr.response_url();
        let redirected = !answered.is_empty() && origin(&answered) != origin(&url);
        if redirected {
            return Ok(HttpResponse {
                status: 0,
                text: JsString::default(),
                blob: None,
                unusable: Some(REDIRECTED_ELSEWHERE.into()),
                raw: None,
            });
        }
        Ok(HttpResponse {
            status: xhr.status()?,
            text: xhr.response_text()?.unwrap_or_default().into(),
            blob: None,
            unusable: None,
            raw: None,
        })
    })
}

/// Why an upload answered from another origin than the one it was sent to is refused.
const REDIRECTED_ELSEWHERE: &str =
    "The server redirected the upload to another origin; the answer from there is \
     not this server's: set the client's base URL to the address the server redirects to.";
