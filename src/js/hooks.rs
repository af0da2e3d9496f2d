//! `client.beforeSend` and `client.afterSend`, with the official SDK's semantics,
//! as the client's [`SendHooks`].

use std::cell::RefCell;

use js_sys::{Array, Function, JsString, Object, Promise, JSON};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use super::convert::{body_of, entries, prop, set};
use super::options::query as query_pairs;
use crate::client::{parse_json, Body, HttpResponse};
use crate::client::{HookFuture, Outgoing, SendHooks};

/// The two hooks as the JS client holds them (each `None` when unset).
#[derive(Default)]
pub struct JsHooks {
    pub before: RefCell<Option<Function>>,
    pub after: RefCell<Option<Function>>,
}

/// What the hooks see as `options` (with the headers as a plain object).
fn options_of(request: &Outgoing) -> Object {
    let headers = Object::new();
    for (name, value) in &request.headers {
        set(&headers, name, &JsValue::from_str(value));
    }
    let options = Object::new();
    set(&options, "method", &JsValue::from_str(&request.method));
    set(&options, "headers", &headers);
    options
}

impl SendHooks for JsHooks {
    fn before_send(&self, request: &Outgoing, signal: &AbortSignal) -> Option<HookFuture<Outgoing>> {
        let hook = self.before.borrow().clone()?;
        let options = options_of(request);
        set(&options, "signal", signal);
        let query = Object::new();
        for (k, v) in &request.query {
            let value = JsValue::from_str(v);
            let merged = match prop(&query, k) {
                None => value,
                Some(prev) if Array::is_array(&prev) => Array::from(&prev).concat(&Array::of1(&value)).into(),
                Some(prev) => Array::of2(&prev, &value).into(),
            };
            set(&query, k, &merged);
        }
        set(&options, "query", &query);
        match &request.body {
            Body::Empty => {}
            Body::Json(text) => set(
                &options,
                "body",
                &parse_json(&JsString::from(text.as_str())).unwrap_or_default(),
            ),
            Body::Form(form) => set(&options, "body", form),
            Body::Raw(body) => set(&options, "body", body),
        }
        let called = hook.call2(&JsValue::UNDEFINED, &JsValue::from_str(&request.url), &options);
        let mut request = request.clone();
        Some(Box::pin(async move {
            let result = JsFuture::from(Promise::resolve(&called?)).await?;
            // `{url, options}`, or (the older form) the options themselves; the hook may
            // also have changed `options` in place and returned nothing.
            let (url, new_options) = (prop(&result, "url"), prop(&result, "options"));
            let options = if url.is_some() || new_options.is_some() {
                new_options.unwrap_or(options.into())
            } else if result.is_object() && Object::keys(&result.clone().into()).length() > 0 {
                result
            } else {
                options.into()
            };
            if let Some(url) = url.and_then(|u| u.as_string()).filter(|u| !u.is_empty()) {
                request.url = url;
            }
            if let Some(method) = prop(&options, "method").and_then(|m| m.as_string()) {
                request.method = method;
            }
            request.headers = entries(&prop(&options, "headers").unwrap_or_default(), "options.headers")?
                .into_iter()
                .filter_map(|(name, value)| Some((name, value.as_string()?)))
                .collect();
            request.query = query_pairs(&prop(&options, "query").unwrap_or_default())?;
            request.body = body_of(prop(&options, "body"));
            Ok(request)
        }))
    }

    fn after_send(&self, request: &Outgoing, response: &HttpResponse) -> Option<HookFuture<JsString>> {
        let hook = self.after.borrow().clone()?;
        // As in the official SDK: the parsed JSON body, `{}` when there is none.
        let data = parse_json(&response.text)
            .ok()
            .filter(|d| !d.is_undefined())
            .unwrap_or_else(|| Object::new().into());
        let raw = match &response.raw {
            Some(r) => Ok(AsRef::<JsValue>::as_ref(r).clone()),
            None => synthetic_response(response),
        };
        let called = raw.and_then(|raw| hook.call3(&JsValue::UNDEFINED, &raw, &data, &options_of(request)));
        Some(Box::pin(async move {
            let data = JsFuture::from(Promise::resolve(&called?)).await?;
            Ok(JSON::stringify(&data).unwrap_or_default())
        }))
    }
}

/// A `Response` for an answer that came through `XMLHttpRequest`.
fn synthetic_response(response: &HttpResponse) -> Result<JsValue, JsValue> {
    let init = web_sys::ResponseInit::new();
    init.set_status(response.status);
    let body = response
        .text
        .as_string()
        .filter(|t| !t.is_empty() && !matches!(response.status, 204 | 205 | 304));
    web_sys::Response::new_with_opt_str_and_init(body.as_deref(), &init).map(JsValue::from)
}
