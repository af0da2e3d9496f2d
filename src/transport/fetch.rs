//! One HTTP request through `fetch` (the global one or the caller's).

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, FormData, Headers, RequestInit, Response};

#[wasm_bindgen]
extern "C" {
    /// `globalThis.fetch`: present in windows, workers and Node 18+.
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(input: &str, init: &RequestInit) -> Result<Promise, JsValue>;
}

/// What a request sends.
pub enum Body {
    /// Nothing.
    Empty,
    /// A JSON text, sent as `application/json`.
    Json(String),
    /// A multipart form. Files in it stay JS handles: they are never copied into wasm
    /// memory, the browser streams them.
    Form(FormData),
}

/// A request ready to go.
pub struct HttpRequest<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub headers: &'a [(String, String)],
    pub body: Body,
    pub signal: &'a AbortSignal,
    pub fetch: Option<&'a Function>,
}

/// An answer with its body read as text.
pub struct HttpResponse {
    pub status: u16,
    pub body: String,
}

/// Starts `req` at once (the request is on its way when this returns) and gives the
/// promise of its `Response`. `Err` carries what JS threw synchronously.
pub fn start(req: HttpRequest<'_>) -> Result<Promise, JsValue> {
    let headers = Headers::new()?;
    for (name, value) in req.headers {
        headers.append(name, value)?;
    }
    let init = RequestInit::new();
    init.set_method(req.method);
    init.set_signal(Some(req.signal));
    match &req.body {
        Body::Empty => {}
        Body::Json(text) => {
            if !headers.has("content-type")? {
                headers.set("content-type", "application/json")?;
            }
            init.set_body(&JsValue::from_str(text));
        }
        Body::Form(form) => init.set_body(form),
    }
    init.set_headers(&headers);
    match req.fetch {
        Some(f) => Ok(Promise::resolve(&f.call2(
            &JsValue::UNDEFINED,
            &req.url.into(),
            &init,
        )?)),
        None => global_fetch(req.url, &init),
    }
}

/// Waits for the answer of a started request and reads its body as text. `Err`
/// carries what JS threw: a `TypeError` for a network failure, an `AbortError` for a
/// cancelled request, or the caller's `fetch` failing.
pub async fn read(response: Promise) -> Result<HttpResponse, JsValue> {
    let response: Response = JsFuture::from(response)
        .await?
        .dyn_into()
        .map_err(|_| js_sys::TypeError::new("fetch did not resolve to a Response"))?;
    let text = JsFuture::from(response.text()?).await?;
    Ok(HttpResponse {
        status: response.status(),
        body: text.as_string().unwrap_or_default(),
    })
}
