//! Errors as JS sees them: every failed call rejects with a `ClientResponseError`
//! carrying the official SDK's fields; a wrong argument is a `TypeError`.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use super::convert::{set, to_js};
use crate::error::Error;

#[wasm_bindgen(module = "/src/js/client_response_error.js")]
extern "C" {
    #[wasm_bindgen(js_name = ClientResponseError)]
    type JsClientResponseError;

    #[wasm_bindgen(constructor, js_class = "ClientResponseError")]
    fn new(fields: &js_sys::Object) -> JsClientResponseError;
}

/// A `TypeError` with `message`, for an argument of the wrong kind.
pub fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// The JS error for `e`, as the official SDK would build it: a cancelled request gets
/// its default message and no URL; an answer's error keeps `{url, status, data}` as
/// `originalError`.
pub fn to_js_error(e: Error) -> JsValue {
    if e.invalid_argument {
        return type_error(&e.message);
    }
    let fields = js_sys::Object::new();
    let response = to_js(&e.response);
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
    if !e.is_abort {
        set(&fields, "message", &JsValue::from_str(&e.message));
        set(&fields, "url", &JsValue::from_str(&e.url));
    }
    set(&fields, "status", &JsValue::from(e.status));
    set(&fields, "response", &response);
    set(&fields, "isAbort", &JsValue::from_bool(e.is_abort));
    set(&fields, "originalError", &original);
    JsClientResponseError::new(&fields).into()
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
