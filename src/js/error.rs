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

/// The JS error for `e`.
pub fn to_js_error(e: Error) -> JsValue {
    if e.invalid_argument {
        return type_error(&e.message);
    }
    let fields = js_sys::Object::new();
    set(&fields, "message", &JsValue::from_str(&e.message));
    set(&fields, "url", &JsValue::from_str(&e.url));
    set(&fields, "status", &JsValue::from(e.status));
    set(&fields, "response", &to_js(&e.response));
    set(&fields, "isAbort", &JsValue::from_bool(e.is_abort));
    set(
        &fields,
        "originalError",
        &e.original_error.unwrap_or(JsValue::NULL),
    );
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
