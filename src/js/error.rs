//! `ClientResponseError`: every failure reaches JS as a real `Error` with the fields
//! of the official SDK's error.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use crate::error::Error;

#[wasm_bindgen(module = "/src/js/client_response_error.js")]
extern "C" {
    #[wasm_bindgen(js_name = ClientResponseError)]
    type JsClientResponseError;

    #[wasm_bindgen(constructor, js_class = "ClientResponseError")]
    fn new(fields: &js_sys::Object) -> JsClientResponseError;
}

/// Builds the JS error for `e`.
pub fn to_js_error(e: Error) -> JsValue {
    let response = super::args::to_js(&e.response).unwrap_or_else(|_| js_sys::Object::new().into());
    let fields = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        let _ = Reflect::set(&fields, &JsValue::from_str(key), value);
    };
    set("message", &JsValue::from_str(&e.message));
    set("url", &JsValue::from_str(&e.url));
    set("status", &JsValue::from(e.status));
    set("response", &response);
    set("isAbort", &JsValue::from_bool(e.is_abort));
    set("originalError", &e.original_error.unwrap_or(JsValue::NULL));
    JsClientResponseError::new(&fields).into()
}

/// True when `e` is an error thrown or rejected by this SDK: an instance of
/// `ClientResponseError`, or an error of the same shape from another copy of the
/// package (where `instanceof` cannot tell).
///
/// @example
/// ```js
/// try { await client.backups.delete("missing.zip"); }
/// catch (e) { if (isClientResponseError(e)) console.log(e.status, e.response.message); }
/// ```
#[wasm_bindgen(js_name = isClientResponseError, unchecked_return_type = "e is ClientResponseError")]
pub fn is_client_response_error(#[wasm_bindgen(unchecked_param_type = "unknown")] e: JsValue) -> bool {
    e.is_instance_of::<js_sys::Error>()
        && Reflect::get(&e, &JsValue::from_str("name"))
            .ok()
            .and_then(|n| n.as_string())
            .as_deref()
            == Some("ClientResponseError")
        && Reflect::get(&e, &JsValue::from_str("status"))
            .ok()
            .is_some_and(|s| s.as_f64().is_some())
}
