//! The client: base URL, session, language, auto-cancellation, request hooks, where the
//! tools run, and the one request builder ([`Client::request`]) that every service call
//! goes through.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{AbortSignal, FormData};

use crate::auth_store::{AuthBackend, AuthStore, DEFAULT_STORAGE_KEY};
use crate::core::json::Json;
use crate::core::models::FromJson;
use crate::core::prune::parse_http_date;
use crate::core::url;
use crate::error::Error;
use crate::options::{RequestKey, RequestOptions};
use crate::tools::Tools;
use crate::transport::abort::{unless_aborted, Controller, SignalLink};
use crate::transport::fetch::{self, HttpRequest};
// What a request sends and what its answer is, for callers of `Client::request` (and
// `JSON.parse` of an answer's text, kept on the JS side).
pub use crate::transport::fetch::{parse_json, Body, HttpResponse};
use crate::transport::runtime::{self, Timer};
use crate::transport::xhr;

/// The `localStorage` key of the persisted session (the official SDKs' key).
pub const DEFAULT_AUTH_STORAGE_KEY: &str = DEFAULT_STORAGE_KEY;

/// The `Accept-Language` sent unless a call sets its own.
pub const DEFAULT_LANG: &str = "en-US";

/// Why a JSON answer could not be read when it parsed but has other fields or types.
const WRONG_SHAPE: &str = "not the expected shape";

/// How a [`Client`] is set up.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Keep the session in `localStorage` (default true).
    pub persist_auth: bool,
    /// The `localStorage` key (default [`DEFAULT_AUTH_STORAGE_KEY`]).
    pub auth_storage_key: String,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            persist_auth: true,
            auth_storage_key: DEFAULT_AUTH_STORAGE_KEY.into(),
        }
    }
}

/// A request as it is about to leave, for [`SendHooks::before_send`].
#[derive(Clone)]
pub struct Outgoing {
    /// `GET`, `POST` …
    pub method: String,
    /// The absolute URL, without the query below.
    pub url: String,
    /// The query parameters, appended to `url` when the request leaves.
    pub query: Vec<(String, String)>,
    /// Every header that will be sent.
    pub headers: Vec<(String, String)>,
    /// What is sent.
    pub body: Body,
}

impl Outgoing {
    /// The URL with the query.
    pub fn full_url(&self) -> String {
        url::with_query(&self.url, &self.query)
    }
}

/// A hook's answer, later.
pub type HookFuture<T> = Pin<Box<dyn Future<Output = Result<T, JsValue>>>>;

/// Hooks around every request (as the JS API's `beforeSend` and `afterSend`). Each
/// returns `None` when it has nothing to do, so that a client without hooks sends
/// every request synchronously.
pub trait SendHooks {
    /// May change the URL, query, method, headers and body of a request before it
    /// leaves.
    fn before_send(&self, request: &Outgoing, signal: &AbortSignal) -> Option<HookFuture<Outgoing>>;
    /// May replace the body text of an answer (success or error) before it is read.
    fn after_send(&self, request: &Outgoing, response: &HttpResponse)
        -> Option<HookFuture<js_sys::JsString>>;
}

/// A client of one server. Cheap to clone: clones share the session and the pending
/// requests.
#[derive(Clone)]
pub struct Client {
    inner: Rc<Inner>,
}

struct Inner {
    base_url: RefCell<String>,
    lang: RefCell<String>,
    auth: RefCell<Rc<dyn AuthBackend>>,
    hooks: RefCell<Option<Rc<dyn SendHooks>>>,
    tools: RefCell<Option<Rc<dyn Tools>>>,
    auto_cancel: Cell<bool>,
    /// The requests that take part in auto-cancellation: key, id, controller. A few
    /// at a time, so a list (a hash map would add its hasher to the module).
    pending: RefCell<Vec<(String, u32, Controller)>>,
    next_request: Cell<u32>,
}

impl Client {
    /// A client of the server at `base_url` with the session kept in `localStorage`.
    /// A relative `base_url` (`"/"`) is resolved against the page's address.
    pub fn new(base_url: &str) -> Self {
        Self::with_options(base_url, ClientOptions::default())
    }

    /// A client with explicit options.
    pub fn with_options(base_url: &str, options: ClientOptions) -> Self {
        let store = if options.persist_auth {
            AuthStore::persisted(&options.auth_storage_key)
        } else {
            AuthStore::memory()
        };
        Self::with_auth(base_url, Rc::new(store))
    }

    /// A client whose session lives in `auth` (an [`AuthStore`] or a store of your own).
    pub fn with_auth(base_url: &str, auth: Rc<dyn AuthBackend>) -> Self {
        Client {
            inner: Rc::new(Inner {
                base_url: RefCell::new(base_url.to_string()),
                lang: RefCell::new(DEFAULT_LANG.to_string()),
                auth: RefCell::new(auth),
                hooks: RefCell::new(None),
                tools: RefCell::new(None),
                auto_cancel: Cell::new(true),
                pending: RefCell::new(Vec::new()),
                next_request: Cell::new(1),
            }),
        }
    }

    /// The base URL as given (relative ones are resolved when a URL is built).
    pub fn base_url(&self) -> String {
        self.inner.base_url.borrow().clone()
    }

    /// Points the client at another server.
    pub fn set_base_url(&self, base_url: &str) {
        *self.inner.base_url.borrow_mut() = base_url.to_string();
    }

    /// The `Accept-Language` sent with every request.
    pub fn lang(&self) -> String {
        self.inner.lang.borrow().clone()
    }

    /// Sets the `Accept-Language` sent with every request.
    pub fn set_lang(&self, lang: &str) {
        *self.inner.lang.borrow_mut() = lang.to_string();
    }

    /// The session store.
    pub fn auth(&self) -> Rc<dyn AuthBackend> {
        self.inner.auth.borrow().clone()
    }

    /// Replaces the session store.
    pub fn set_auth(&self, auth: Rc<dyn AuthBackend>) {
        *self.inner.auth.borrow_mut() = auth;
    }

    /// Installs hooks around every request (`None` removes them).
    pub fn set_hooks(&self, hooks: Option<Rc<dyn SendHooks>>) {
        *self.inner.hooks.borrow_mut() = hooks;
    }

    /// Runs the tools (verify, the cron rules) where `tools` says, instead of in-process.
    pub fn set_tools(&self, tools: Rc<dyn Tools>) {
        *self.inner.tools.borrow_mut() = Some(tools);
    }

    /// Where the tools run: those set with [`Client::set_tools`], else in-process.
    pub fn tools(&self) -> Result<Rc<dyn Tools>, Error> {
        if let Some(t) = self.inner.tools.borrow().as_ref() {
            return Ok(t.clone());
        }
        #[cfg(feature = "tools")]
        return Ok(Rc::new(crate::tools::InProcess));
        #[cfg(not(feature = "tools"))]
        Err(Error::client(
            "",
            "This build of bosbase-backups has no tools: enable the `tools` feature or call `Client::set_tools`.",
        ))
    }

    /// `base_url` joined with `path` (`path` may carry a query); a relative base URL
    /// is resolved against the page's address where there is a page.
    pub fn build_url(&self, path: &str) -> String {
        let base = self.inner.base_url.borrow();
        if url::has_scheme(&base) {
            url::join(&base, path)
        } else {
            url::join(&runtime::resolve_against_page(&base), path)
        }
    }

    /// Turns auto-cancellation of duplicate pending requests on or off (on by default).
    pub fn auto_cancellation(&self, enable: bool) {
        self.inner.auto_cancel.set(enable);
    }

    /// Cancels the pending request with this key, if any.
    pub fn cancel_request(&self, key: &str) {
        let removed = self.take_pending(|k, _| k == key);
        if let Some(controller) = removed {
            controller.abort();
        }
    }

    /// Cancels every pending request.
    pub fn cancel_all_requests(&self) {
        let all: Vec<_> = self.inner.pending.borrow_mut().drain(..).collect();
        for (_, _, controller) in all {
            controller.abort();
        }
    }

    /// A request to `path` of this server, with the caller's options: say what it sends
    /// ([`Request::body`]) and end it in how its answer is read — [`Request::send`],
    /// [`Request::json`], [`Request::json_dated`], [`Request::json_js`],
    /// [`Request::blob`], [`Request::head`] or [`Request::form_with_progress`]. Each
    /// ending sends the request at once (it is registered for auto-cancellation when
    /// the call returns) and gives the future of its 2xx answer; any other outcome is
    /// an [`Error`]. Dropping the future cancels the request.
    pub fn request<'a>(&'a self, method: &'a str, path: &'a str, options: &'a RequestOptions) -> Request<'a> {
        Request {
            client: self,
            method,
            path,
            options,
            body: Body::Empty,
        }
    }

    /// The synchronous half of `send`: everything up to handing the request to `fetch`,
    /// so that a request is registered for cancellation the moment the call returns
    /// (with a `before_send` hook, it leaves once the hook has answered).
    fn start(
        &self,
        method: &str,
        path: &str,
        options: &RequestOptions,
        auth: bool,
        body: Body,
        dispatch: impl FnOnce(Outgoing, &AbortSignal, Renew) -> Result<ResponseFuture, JsValue> + 'static,
    ) -> Result<Pending, Error> {
        let base = self.build_url(path);
        let url = url::with_query(&base, &options.query);
        if let Some(user) = &options.signal {
            if user.aborted() {
                return Err(Error::aborted(&url, Some(user.reason())));
            }
        }
        let controller = Controller::new().map_err(|e| Error::network(&url, e))?;
        let link = options.signal.as_ref().map(|s| controller.follow(s));
        let timeout = options.timeout_ms.map(|ms| Deadline::start(ms, &controller));
        let key = match (&options.request_key, self.inner.auto_cancel.get()) {
            (RequestKey::None, _) | (_, false) => None,
            (RequestKey::Auto, true) => Some(format!("{method}{path}")),
            (RequestKey::Custom(k), true) => Some(k.clone()),
        };

        let mut headers = options.headers.clone();
        let has = |headers: &[(String, String)], name: &str| {
            headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
        };
        if !has(&headers, "accept-language") {
            headers.push(("Accept-Language".into(), self.lang()));
        }
        let token = if auth { self.auth().token() } else { String::new() };
        if !token.is_empty() && !has(&headers, "authorization") {
            headers.push(("Authorization".into(), token));
        }
        let request = Outgoing {
            method: method.to_string(),
            url: base,
            query: options.query.clone(),
            headers,
            body,
        };
        // No live file token reaches a hook: neither the token's request (its answer
        // holds one) nor a file's (its URL does).
        let hooks = match auth && path != crate::calls::TOKEN_PATH {
            true => self.inner.hooks.borrow().clone(),
            false => None,
        };
        let signal = controller.signal();
        // A file's body renews the timeout with each piece that arrives.
        let renew: Renew = timeout
            .clone()
            .map(|d| Rc::new(move || d.renew()) as Rc<dyn Fn()>);
        let response: ResponseFuture = match hooks.as_ref().and_then(|h| h.before_send(&request, &signal)) {
            None => dispatch(request.clone(), &signal, renew).map_err(|e| Error::network(&url, e))?,
            Some(hook) => {
                let signal = signal.clone();
                Box::pin(async move {
                    let changed = hook.await?;
                    dispatch(changed, &signal, renew)?.await
                })
            }
        };
        let id = self.register(key.as_deref(), &controller);
        Ok(Pending {
            client: self.clone(),
            url,
            key,
            id,
            controller,
            _link: link,
            timeout,
            response,
            after: hooks.map(|h| (h, request)),
            done: false,
        })
    }

    fn register(&self, key: Option<&str>, controller: &Controller) -> u32 {
        let id = self.inner.next_request.get();
        self.inner.next_request.set(id.wrapping_add(1));
        if let Some(key) = key {
            let previous = self.take_pending(|k, _| k == key);
            self.inner
                .pending
                .borrow_mut()
                .push((key.to_string(), id, controller.clone()));
            if let Some(old) = previous {
                old.abort();
            }
        }
        id
    }

    fn unregister(&self, key: Option<&str>, id: u32) {
        if let Some(key) = key {
            self.take_pending(|k, i| k == key && i == id);
        }
    }

    /// Removes the pending request that `matches(key, id)` and gives its controller.
    fn take_pending(&self, matches: impl Fn(&str, u32) -> bool) -> Option<Controller> {
        let mut pending = self.inner.pending.borrow_mut();
        let at = pending.iter().position(|(k, i, _)| matches(k, *i))?;
        Some(pending.swap_remove(at).2)
    }
}

/// A JSON answer read: the value, the `Date` header (ms since 1970), the URL, the status.
type JsonAnswer = (Json, Option<f64>, String, u16);

/// A request being built: see [`Client::request`].
pub struct Request<'a> {
    client: &'a Client,
    method: &'a str,
    path: &'a str,
    options: &'a RequestOptions,
    body: Body,
}

impl Request<'_> {
    /// What the request sends (nothing by default).
    pub fn body(mut self, body: Body) -> Self {
        self.body = body;
        self
    }

    /// The 2xx answer as it came.
    pub fn send(self) -> impl Future<Output = Result<HttpResponse, Error>> + 'static {
        let (fetch, init) = (self.options.fetch.clone(), self.options.init.clone());
        let pending = self.start(true, move |req, signal, _| {
            let response = fetch::send(HttpRequest {
                method: &req.method,
                url: &req.full_url(),
                headers: &req.headers,
                body: req.body,
                signal,
                fetch: fetch.as_ref(),
                init: init.as_ref(),
            })?;
            Ok(Box::pin(response))
        });
        async move { pending?.finish().await }
    }

    /// The JSON answer as a `T`.
    pub fn json<T: FromJson>(self) -> impl Future<Output = Result<T, Error>> + 'static {
        let answer = self.json_value(false);
        async move {
            let (json, _, url, status) = answer.await?;
            T::from_json(&json).ok_or_else(|| Error::unexpected_body(status, &url, WRONG_SHAPE))
        }
    }

    /// [`Request::json`] and the answer's `Date` header (the server's clock, ms since
    /// 1970) where the browser shows it.
    pub fn json_dated<T: FromJson>(self) -> impl Future<Output = Result<(T, Option<f64>), Error>> + 'static {
        let answer = self.json_value(true);
        async move {
            let (json, date, url, status) = answer.await?;
            let value =
                T::from_json(&json).ok_or_else(|| Error::unexpected_body(status, &url, WRONG_SHAPE))?;
            Ok((value, date))
        }
    }

    /// The JSON answer, its `Date` (when `dated`), the URL and the status: one copy of
    /// the reading for every answer type.
    fn json_value(self, dated: bool) -> Pin<Box<dyn Future<Output = Result<JsonAnswer, Error>>>> {
        let url = self.client.build_url(self.path);
        let sent = self.send();
        Box::pin(async move {
            let resp = sent.await?;
            let date = if dated {
                resp.header("date").and_then(|d| parse_http_date(&d))
            } else {
                None
            };
            let json = Json::parse(&resp.body())
                .ok_or_else(|| Error::unexpected_body(resp.status, &url, "not JSON"))?;
            Ok((json, date, url, resp.status))
        })
    }

    /// The JSON answer parsed by the JS engine's `JSON.parse` (the text is never copied
    /// into wasm memory) into plain JS values, which must pass `accept`: what a JS
    /// caller gets as is.
    pub fn json_js(
        self,
        accept: fn(&JsValue) -> bool,
    ) -> impl Future<Output = Result<JsValue, Error>> + 'static {
        let url = self.client.build_url(self.path);
        let sent = self.send();
        async move {
            let resp = sent.await?;
            match fetch::parse_json(&resp.text) {
                Ok(v) if accept(&v) => Ok(v),
                Ok(_) => Err(Error::unexpected_body(resp.status, &url, WRONG_SHAPE)),
                Err(_) => Err(Error::unexpected_body(resp.status, &url, "not JSON")),
            }
        }
    }

    /// A GET whose 2xx body is streamed into a `Blob` (see [`fetch::read_to_blob`]),
    /// without the `Authorization` header (download URLs carry their own file token)
    /// and with `extra_headers`.
    pub fn blob(
        self,
        extra_headers: Vec<(String, String)>,
        on_progress: Option<Box<dyn Fn(f64, f64)>>,
    ) -> impl Future<Output = Result<HttpResponse, Error>> + 'static {
        let read: ReadBody =
            Box::new(move |response, renew| Box::pin(fetch::read_to_blob(response, on_progress, renew)));
        self.get_without_auth(extra_headers, read)
    }

    /// [`Request::blob`] whose 2xx body is left unread, to be streamed from the
    /// answer's `raw` `Response` (see [`fetch::read_head`]).
    pub fn head(self) -> impl Future<Output = Result<HttpResponse, Error>> + 'static {
        let read: ReadBody = Box::new(|response, _| Box::pin(fetch::read_head(response)));
        self.get_without_auth(Vec::new(), read)
    }

    /// A GET without the `Authorization` header, its answer read by `read`.
    fn get_without_auth(
        self,
        extra_headers: Vec<(String, String)>,
        read: ReadBody,
    ) -> impl Future<Output = Result<HttpResponse, Error>> + 'static {
        let (fetch, init) = (self.options.fetch.clone(), self.options.init.clone());
        let pending = self.start(false, move |req, signal, renew| {
            let url = req.full_url();
            let mut all = req.headers;
            all.extend(extra_headers);
            let response = fetch::start(HttpRequest {
                method: "GET",
                url: &url,
                headers: &all,
                body: Body::Empty,
                signal,
                fetch: fetch.as_ref(),
                init: init.as_ref(),
            })?;
            Ok(read(response, renew))
        });
        async move { pending?.finish().await }
    }

    /// Sends `form` as a multipart POST through `XMLHttpRequest`, reporting request
    /// bytes sent to `on_progress(loaded, total)`. Where there is no `XMLHttpRequest`
    /// (Node), it goes through `fetch` with no progress in between.
    pub fn form_with_progress(
        self,
        form: FormData,
        on_progress: Box<dyn Fn(f64, f64)>,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, Error>>>> {
        if !xhr::available() {
            return Box::pin(self.body(Body::Form(form)).send());
        }
        let pending = self
            .body(Body::Form(form.clone()))
            .start(true, move |req, signal, _| {
                let url = req.full_url();
                // The form a `before_send` hook may have put in its place.
                let form = match req.body {
                    Body::Form(f) => f,
                    _ => form,
                };
                Ok(Box::pin(xhr::start(
                    &url,
                    &req.headers,
                    &form,
                    signal,
                    on_progress,
                )?))
            });
        Box::pin(async move { pending?.finish().await })
    }

    fn start(
        self,
        auth: bool,
        dispatch: impl FnOnce(Outgoing, &AbortSignal, Renew) -> Result<ResponseFuture, JsValue> + 'static,
    ) -> Result<Pending, Error> {
        let Request {
            client,
            method,
            path,
            options,
            body,
        } = self;
        client.start(method, path, options, auth, body, dispatch)
    }
}

/// The answer of a dispatched request, whichever API carries it.
type ResponseFuture = Pin<Box<dyn Future<Output = Result<HttpResponse, JsValue>>>>;

/// How a GET's answer is read: into a `Blob`, or its head only.
type ReadBody = Box<dyn FnOnce(js_sys::Promise, Renew) -> ResponseFuture>;

/// Renews a request's timeout (see [`Deadline`]), where it has one.
type Renew = Option<Rc<dyn Fn()>>;

/// A request's timeout: it fires once `ms` pass without a renewal (a file's body renews
/// it with each piece), and firing marks it and cancels the request. A long transfer
/// that keeps moving is never cut; one that stalls is.
struct Deadline {
    ms: u32,
    fired: Rc<Cell<bool>>,
    controller: Controller,
    timer: RefCell<Option<Timer>>,
}

impl Deadline {
    fn start(ms: u32, controller: &Controller) -> Rc<Deadline> {
        let deadline = Rc::new(Deadline {
            ms,
            fired: Rc::new(Cell::new(false)),
            controller: controller.clone(),
            timer: RefCell::new(None),
        });
        deadline.renew();
        deadline
    }

    /// Starts the `ms` again from now.
    fn renew(&self) {
        let (fired, controller) = (self.fired.clone(), self.controller.clone());
        *self.timer.borrow_mut() = Timer::start(self.ms, move || {
            fired.set(true);
            controller.abort();
        });
    }
}

/// A request handed to `fetch`. Unregisters itself from auto-cancellation when done,
/// and aborts the request if dropped before its answer was read.
struct Pending {
    client: Client,
    url: String,
    key: Option<String>,
    id: u32,
    controller: Controller,
    _link: Option<SignalLink>,
    timeout: Option<Rc<Deadline>>,
    response: ResponseFuture,
    /// The hooks and the request, for `after_send`.
    after: Option<(Rc<dyn SendHooks>, Outgoing)>,
    done: bool,
}

impl Pending {
    async fn finish(mut self) -> Result<HttpResponse, Error> {
        // Every wait is bounded by the request's signal (its timeout, its
        // cancellation), the hooks' and a caller's `fetch`'s included.
        let signal = self.controller.signal();
        let mut result = unless_aborted(&mut self.response, &signal).await;
        if let (Ok(resp), Some((hooks, request))) = (&mut result, &self.after) {
            if resp.blob.is_none() {
                if let Some(hook) = hooks.after_send(request, resp) {
                    match unless_aborted(hook, &signal).await {
                        Ok(text) => resp.text = text,
                        Err(e) => result = Err(e),
                    }
                }
            }
        }
        self.done = true;
        let aborted = self.controller.aborted();
        let timed_out = self.timeout.as_ref().filter(|d| d.fired.get()).map(|d| d.ms);
        match (result, timed_out) {
            (
                Ok(HttpResponse {
                    unusable: Some(message),
                    ..
                }),
                _,
            ) => Err(Error::client(&self.url, message)),
            (Ok(resp), _) if (200..300).contains(&resp.status) => Ok(resp),
            (Ok(resp), _) => Err(Error::from_response(resp.status, &self.url, &resp.body())),
            (Err(_), Some(ms)) => Err(Error::timed_out(&self.url, ms)),
            (Err(e), None) if aborted => Err(Error::aborted(&self.url, Some(e))),
            (Err(e), None) => Err(Error::network(&self.url, e)),
        }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.done {
            self.controller.abort();
        }
        self.client.unregister(self.key.as_deref(), self.id);
    }
}
