//! Errors as JS sees them: every failed call rejects with a `ClientResponseError`
//! carrying the official SDK's fields; a wrong argument is a `TypeError`.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use super::convert::{set, to_js, type_error};
use crate::error::{Error, ErrorKind};

#[wasm_bindgen(module = "/src/js/client_response_error.js")]
extern "C" {
    #[wasm_bindgen(js_name = ClientResponseError)]
    type JsClientResponseError;

    #[wasm_bindgen(constructor, js_class = "ClientResponseError")]
    fn new(fields: &js_sys::Object) -> JsClientResponseError;
}

/// The JS error for `e`, as the official SDK would build it: a cancelled request gets
/// its default message and no URL; an answer's error keeps `{url, status, data}` as
/// `originalError`.
pub fn to_js_error(e: Error) -> JsValue {
    if e.kind == ErrorKind::InvalidArgument {
        return type_error(&e.message);
    }
    let fields = js_sys::Object::new();
    let response = to_js(&e.response);
    let is_abort = e.is_abort();
    let original = match e.original_error {
        Some(original) => original,
        None if e.status > 0 => {
            let answer = js_sys::Object::new();
            set(&answer, "url", &JsValue::from_str(&e.url));
            set(&answer, "status", &JsValue::from(e.status));
            set(&answer, "data", &response);
            answer.into()
        }
        None => JsValue::NULL,
    };
    if !is_abort {
        set(&fields, "message", &JsValue::from_str(&e.message));
        set(&fields, "url", &JsValue::from_str(&e.url));
    }
    set(&fields, "status", &JsValue::from(e.status));
    set(&fields, "response", &response);
    set(&fields, "isAbort", &JsValue::from_bool(is_abort));
    set(&fields, "originalError", &original);
    JsClientResponseError::new(&fields).into()
}

/// The rejection of a prune that did not delete every key it meant to: the first
/// failure's `ClientResponseError` (its status, url and response) with a message
/// naming each key not deleted, `deleted` (the keys that were) and `failed`
/// (`{key, error}` for each that was not).
#[inline(never)] // one copy, out of the prune's state machine
pub fn prune_error(report: crate::PruneReport) -> JsValue {
    let message = report.failure_summary();
    let failed = js_sys::Array::new();
    let mut first = JsValue::UNDEFINED;
    for f in report.failed {
        let item = js_sys::Object::new();
        set(&item, "key", &JsValue::from_str(&f.key));
        let error = to_js_error(f.error);
        set(&item, "error", &error);
        if first.is_undefined() {
            first = error;
        }
        failed.push(&item);
    }
    // A copy of the first failure's error (status, url, response), with its own message.
    let fields = js_sys::Object::new();
    for name in ["url", "status", "response", "isAbort", "originalError"] {
        set(
            &fields,
            name,
            &Reflect::get(&first, &JsValue::from_str(name)).unwrap_or_default(),
        );
    }
    set(&fields, "message", &JsValue::from_str(&message));
    let error: js_sys::Object = JsClientResponseError::new(&fields).unchecked_into();
    set(&error, "message", &JsValue::from_str(&message));
    let deleted = js_sys::Array::from_iter(report.deleted.iter().map(|k| JsValue::from_str(k)));
    set(&error, "deleted", &deleted);
    set(&error, "failed", &failed);
    error.into()
}

/// True when `e` is an error thrown or rejected by this SDK: an instance of
/// `ClientResponseError`, or an error of the same shape from another copy of the
/// package (where `instanceof` cannot tell).
///
/// @example
/// ```js
/// try { await pb.backups.delete("missing.zip"); }
/// catch (e) { if (isClientResponseError(e)) console.log(e.status, e.response.message); }
/// ```
#[wasm_bindgen(js_name = isClientResponseError, unchecked_return_type = "e is ClientResponseError")]
pub fn is_client_response_error(#[wasm_bindgen(unchecked_param_type = "unknown")] e: JsValue) -> bool {
    let field = |name: &str| Reflect::get(&e, &JsValue::from_str(name)).ok();
    e.is_instance_of::<js_sys::Error>()
        && field("name")
            .and_then(|n| n.as_string())
            .is_some_and(|n| n.starts_with("ClientResponseError"))
        && field("status").is_some_and(|s| s.as_f64().is_some())
}
