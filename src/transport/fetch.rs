//! One HTTP request through `fetch` (the global one or the caller's).

use js_sys::{Array, Function, JsString, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortSignal, Blob, BlobPropertyBag, FormData, Headers, ReadableStreamByobReader,
    ReadableStreamDefaultReader, RequestInit, Response,
};

#[wasm_bindgen]
extern "C" {
    /// `globalThis.fetch`: present in windows, workers and Node 18+.
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(input: &str, init: &RequestInit) -> Result<Promise, JsValue>;

    /// `JSON.parse` of a JS string, which stays on the JS side.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    pub fn parse_json(text: &JsString) -> Result<JsValue, JsValue>;
}

/// What a request sends.
#[derive(Clone)]
pub enum Body {
    /// Nothing.
    Empty,
    /// A JSON text, sent as `application/json`.
    Json(String),
    /// A multipart form. Files in it stay JS handles: they are never copied into wasm
    /// memory, the browser streams them.
    Form(FormData),
    /// Any other body `fetch` takes (`Blob`, `URLSearchParams` …), sent as is.
    Raw(JsValue),
}

/// A request ready to go.
pub struct HttpRequest<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub headers: &'a [(String, String)],
    pub body: Body,
    pub signal: &'a AbortSignal,
    pub fetch: Option<&'a Function>,
    /// More `RequestInit` fields (`credentials`, `cache`, `mode` …) for `fetch`.
    pub init: Option<&'a js_sys::Object>,
}

/// An answer with its body read: as text, or (for downloads) as a `Blob` that stays
/// in JS memory. The text stays a JS string until Rust needs it, so that an answer
/// the JS engine parses itself is never copied through wasm memory.
pub struct HttpResponse {
    /// The `Response` where `fetch` gave one (not for `XMLHttpRequest` uploads).
    pub raw: Option<Response>,
    pub status: u16,
    pub text: JsString,
    pub blob: Option<Blob>,
    /// Set when the answer cannot be used, with the reason: the body ended before the
    /// length the server announced, or the request was redirected to another origin.
    pub unusable: Option<String>,
}

impl HttpResponse {
    /// The body as Rust text.
    pub fn body(&self) -> String {
        self.text.as_string().unwrap_or_default()
    }

    /// A response header, where the answer came through `fetch` and the browser lets
    /// this page read it (cross-origin, only the CORS-safelisted ones and those the
    /// server lists in `Access-Control-Expose-Headers`).
    pub fn header(&self, name: &str) -> Option<String> {
        self.raw.as_ref()?.headers().get(name).ok().flatten()
    }
}

/// Starts `req` at once (the request is on its way when this returns) and gives the
/// promise of its `Response`. `Err` carries what JS threw synchronously.
pub fn start(req: HttpRequest<'_>) -> Result<Promise, JsValue> {
    let (init, _) = prepare(&req)?;
    call(req.fetch, req.url, &init)
}

/// Starts `req` at once and gives the future of its answer with its body read as text. A
/// request carrying the session or a body follows a redirect by hand, only to the
/// same origin and at most [`MAX_REDIRECTS`] times: the runtime would re-send them
/// wherever the server points, another origin included. Any other redirect of it
/// is an unusable answer ([`REDIRECT_REFUSED`]).
pub fn send(
    req: HttpRequest<'_>,
) -> Result<impl std::future::Future<Output = Result<HttpResponse, JsValue>> + 'static, JsValue> {
    let (init, by_hand) = prepare(&req)?;
    let first = call(req.fetch, req.url, &init)?;
    let (fetch, mut url) = (req.fetch.cloned(), req.url.to_owned());
    Ok(async move {
        let mut response = answer(first).await?;
        let mut hops = 0;
        while is_redirect(&response) {
            let to = match by_hand && hops < MAX_REDIRECTS {
                true => redirect_target(&response, &url, &init, fetch.as_ref()).await?,
                false => None,
            };
            match to {
                Some(to) if origin(&to).is_some_and(|o| Some(o) == origin(&url)) => url = to,
                _ => return Ok(refused(response)),
            }
            response = answer(call(fetch.as_ref(), &url, &init)?).await?;
            hops += 1;
        }
        read_text(response).await
    })
}

/// How many redirects of a request carrying the session or a body are followed.
pub const MAX_REDIRECTS: u32 = 5;

/// The `RequestInit` of `req`, and whether its redirects are to be followed by hand
/// (it carries the session or a body, and the caller set no `redirect` of its own).
fn prepare(req: &HttpRequest<'_>) -> Result<(RequestInit, bool), JsValue> {
    let headers = Headers::new()?;
    for (name, value) in req.headers {
        headers.append(name, value)?;
    }
    let init = RequestInit::new();
    if let Some(extra) = req.init {
        js_sys::Object::assign(&init, extra);
    }
    init.set_method(req.method);
    init.set_signal(Some(req.signal));
    let carries = !matches!(req.body, Body::Empty)
        || req
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("authorization"));
    let by_hand = carries && Reflect::get(&init, &"redirect".into()).map_or(true, |r| r.is_undefined());
    if by_hand {
        Reflect::set(&init, &"redirect".into(), &"manual".into())?;
    }
    match &req.body {
        Body::Empty => {}
        Body::Json(text) => {
            if !headers.has("content-type")? {
                headers.set("content-type", "application/json")?;
            }
            init.set_body(&JsValue::from_str(text));
        }
        Body::Form(form) => init.set_body(form),
        Body::Raw(body) => init.set_body(body),
    }
    init.set_headers(&headers);
    Ok((init, by_hand))
}

/// Calls the caller's `fetch`, or the global one.
fn call(fetch: Option<&Function>, url: &str, init: &RequestInit) -> Result<Promise, JsValue> {
    match fetch {
        Some(f) => Ok(Promise::resolve(&f.call2(
            &JsValue::UNDEFINED,
            &url.into(),
            init,
        )?)),
        None => global_fetch(url, init),
    }
}

/// The `Response` a started request resolves to.
async fn answer(response: Promise) -> Result<Response, JsValue> {
    JsFuture::from(response)
        .await?
        .dyn_into()
        .map_err(|_| js_sys::TypeError::new("fetch did not resolve to a Response").into())
}

/// True for an answer that redirects: opaque in browsers, a 3xx status where the
/// runtime shows it (Node). Only a request sent with `redirect: "manual"` gets one.
fn is_redirect(response: &Response) -> bool {
    Reflect::get(response, &"type".into())
        .ok()
        .and_then(|t| t.as_string())
        .as_deref()
        == Some("opaqueredirect")
        || matches!(response.status(), 301 | 302 | 303 | 307 | 308)
}

/// Where the redirect `response` to `url` points: its `Location` where the runtime
/// shows it, else where `url` leads when asked again with nothing of the request's (no
/// headers, no body) and redirects followed: browsers hide an opaque redirect's
/// `Location`. `None` when that cannot be learned.
async fn redirect_target(
    response: &Response,
    url: &str,
    init: &RequestInit,
    fetch: Option<&Function>,
) -> Result<Option<String>, JsValue> {
    if let Some(location) = response.headers().get("location")? {
        return Ok(web_sys::Url::new_with_base(&location, url).ok().map(|u| u.href()));
    }
    let probe = RequestInit::new();
    js_sys::Object::assign(&probe, init);
    for key in ["headers", "body", "redirect"] {
        Reflect::delete_property(&probe, &key.into())?;
    }
    probe.set_method("HEAD");
    // A probe that fails (a redirect loop) learns nothing; a cancelled one cancels.
    let probe = match answer(call(fetch, url, &probe)?).await {
        Ok(probe) => probe,
        Err(e) if aborted(init) => return Err(e),
        Err(_) => return Ok(None),
    };
    Ok(Some(probe.url()).filter(|to| !to.is_empty() && to != url))
}

/// True when the signal of `init` has fired.
fn aborted(init: &RequestInit) -> bool {
    Reflect::get(init, &"signal".into())
        .ok()
        .and_then(|s| s.dyn_into::<AbortSignal>().ok())
        .is_some_and(|s| s.aborted())
}

/// The origin of the absolute URL `url`, as the URL parser gives it (`https://h:443`
/// and `https://h` are one origin, an IDN host is in its ASCII form).
pub fn origin(url: &str) -> Option<String> {
    web_sys::Url::new(url).ok().map(|u| u.origin())
}

/// The unusable answer of a redirect that is not followed.
fn refused(response: Response) -> HttpResponse {
    HttpResponse {
        status: 0,
        text: JsString::default(),
        blob: None,
        unusable: Some(REDIRECT_REFUSED.into()),
        raw: Some(response),
    }
}

/// Reads the body of `response` as text.
async fn read_text(response: Response) -> Result<HttpResponse, JsValue> {
    let text = JsFuture::from(response.text()?).await?;
    Ok(HttpResponse {
        status: response.status(),
        text: text.dyn_into().unwrap_or_default(),
        blob: None,
        unusable: None,
        raw: Some(response),
    })
}

/// Waits for the answer of a started download and leaves a 2xx body unread, for the
/// caller to stream from `raw` (its announced length, if the browser shows it, in
/// `content-length`); any other answer is read as text.
pub async fn read_head(response: Promise) -> Result<HttpResponse, JsValue> {
    let response = answer(response).await?;
    let status = response.status();
    let text = if (200..300).contains(&status) {
        JsString::default()
    } else {
        JsFuture::from(response.text()?)
            .await?
            .dyn_into()
            .unwrap_or_default()
    };
    Ok(HttpResponse {
        status,
        text,
        blob: None,
        unusable: None,
        raw: Some(response),
    })
}

/// Why an answer that redirects a request carrying the session or a body is refused.
pub const REDIRECT_REFUSED: &str =
    "The server answered with a redirect that is not followed: a request that carries \
     the session or a body follows one only to the same origin, at most 5 times. Set the \
     client's base URL to the address the server redirects to.";

/// Waits for the answer of a started download and reads a 2xx body into a `Blob`:
/// with `on_progress` or `renew`, chunk by chunk (the chunks stay JS `Uint8Array`s),
/// calling `on_progress(loaded, total)` after each (`total` from `Content-Length`, 0
/// when unknown or when the body is encoded) and `renew` (the request's timeout starts
/// again: a body that keeps moving is never cut) after the head and each chunk;
/// without either, through the browser's own `Response.blob()`. A body shorter than `Content-Length` is reported as incomplete,
/// unless it has a `Content-Encoding` (then the length is of the encoded bytes). Any
/// other answer is read as text.
pub async fn read_to_blob(
    response: Promise,
    on_progress: Option<Box<dyn Fn(f64, f64)>>,
    renew: Option<std::rc::Rc<dyn Fn()>>,
) -> Result<HttpResponse, JsValue> {
    let response = answer(response).await?;
    if let Some(renew) = &renew {
        renew();
    }
    let status = response.status();
    if !(200..300).contains(&status) {
        let text = JsFuture::from(response.text()?).await?;
        return Ok(HttpResponse {
            status,
            text: text.dyn_into().unwrap_or_default(),
            blob: None,
            unusable: None,
            raw: Some(response),
        });
    }
    let headers = response.headers();
    // `Content-Length` counts the bytes on the wire; with a `Content-Encoding` (a
    // compressing proxy) the body the browser hands over is decoded and has another
    // length, so the length says nothing about it. The header is hidden from
    // cross-origin JS unless exposed, so a body longer than announced is taken as
    // encoded too: it cannot have ended early.
    let encoded = headers
        .get("content-encoding")?
        .is_some_and(|e| !e.trim().is_empty() && !e.trim().eq_ignore_ascii_case("identity"));
    let announced = headers
        .get("content-length")?
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(0) as f64;
    let total = if encoded { 0.0 } else { announced };
    let content_type = headers.get("content-type")?.unwrap_or_default();
    let (blob, loaded) = match (on_progress, renew) {
        // Without progress or a timeout the browser fills the Blob itself: the fastest
        // path, and the bytes never pass through JS or wasm.
        (None, None) => {
            let blob: Blob = JsFuture::from(response.blob()?).await?.unchecked_into();
            let size = blob.size();
            (blob, size)
        }
        (report, renew) => {
            // Past the announced length the total is unknown (0), as for an encoded body.
            let report = move |n: f64| {
                if let Some(renew) = &renew {
                    renew();
                }
                if let Some(report) = &report {
                    report(n, if n > total { 0.0 } else { total });
                }
            };
            report(0.0);
            let parts = Array::new();
            let loaded = match response.body() {
                None => 0.0,
                Some(body) => match ReadableStreamByobReader::new(&body) {
                    Ok(reader) => read_into_one_buffer(&reader, &parts, &report).await?,
                    Err(_) => read_chunks(&body, &parts, &report).await?,
                },
            };
            let bag = BlobPropertyBag::new();
            bag.set_type(&content_type);
            (Blob::new_with_blob_sequence_and_options(&parts, &bag)?, loaded)
        }
    };
    // Byte counts as integers: formatting an f64 would pull float printing into the module.
    let unusable = (total > 0.0 && loaded < total).then(|| {
        format!(
            "The download ended early: {} of {} bytes arrived.",
            loaded as u64, total as u64
        )
    });
    Ok(HttpResponse {
        status,
        text: JsString::default(),
        blob: Some(blob),
        unusable,
        raw: Some(response),
    })
}

/// How much of a progress download the JS heap holds at most: the bytes go into a Blob
/// (which the browser keeps in its own storage) every this many bytes.
const PART: u32 = 4 * 1024 * 1024;

/// Reads a byte stream into Blobs appended to `parts`, calling `loaded(bytes so far)`
/// after each read. Every read fills the same buffer (the stream hands it back), so no
/// memory is allocated per chunk. Returns the byte count.
async fn read_into_one_buffer(
    reader: &ReadableStreamByobReader,
    parts: &Array,
    loaded: &dyn Fn(f64),
) -> Result<f64, JsValue> {
    let mut buffer = js_sys::ArrayBuffer::new(PART);
    let (mut filled, mut total) = (0u32, 0.0);
    loop {
        let free = Uint8Array::new_with_byte_offset_and_length(&buffer, filled, PART - filled);
        let step = JsFuture::from(reader.read_with_array_buffer_view(&free)).await?;
        let done = Reflect::get(&step, &"done".into())?.is_truthy();
        let value = Reflect::get(&step, &"value".into())?;
        if let Some(view) = value.dyn_ref::<Uint8Array>() {
            // The buffer came back (the one passed was transferred).
            buffer = view.buffer();
            filled += view.byte_length();
            total += f64::from(view.byte_length());
            if view.byte_length() > 0 {
                loaded(total);
            }
        }
        if filled > 0 && (filled == PART || done) {
            let bytes = Uint8Array::new_with_byte_offset_and_length(&buffer, 0, filled);
            parts.push(Blob::new_with_u8_array_sequence(&Array::of1(&bytes))?.as_ref());
            filled = 0;
        }
        if done {
            return Ok(total);
        }
    }
}

/// [`read_into_one_buffer`] for a stream that is not a byte stream (it hands out chunks
/// of its own): the chunks go into a Blob every [`PART`] bytes.
async fn read_chunks(
    body: &web_sys::ReadableStream,
    parts: &Array,
    loaded: &dyn Fn(f64),
) -> Result<f64, JsValue> {
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let chunks = Array::new();
    let (mut total, mut pending) = (0.0, 0u32);
    loop {
        let step = JsFuture::from(reader.read()).await?;
        let done = Reflect::get(&step, &"done".into())?.is_truthy();
        if !done {
            let chunk: Uint8Array = Reflect::get(&step, &"value".into())?.unchecked_into();
            total += f64::from(chunk.byte_length());
            pending = pending.saturating_add(chunk.byte_length());
            chunks.push(&chunk);
            loaded(total);
        }
        if pending >= PART || (done && chunks.length() > 0) {
            parts.push(Blob::new_with_u8_array_sequence(&chunks)?.as_ref());
            chunks.set_length(0);
            pending = 0;
        }
        if done {
            return Ok(total);
        }
    }
}
