//! `ClientResponseError`: every failure reaches JS as a real `Error` with the fields
//! of the official SDK's error.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use crate::error::Error;

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// Builds the JS error for `e`.
pub fn to_js_error(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    err.set_name("ClientResponseError");
    let response = super::args::to_js(&e.response).unwrap_or_else(|_| js_sys::Object::new().into());
    let original = e.original_error.clone().unwrap_or(JsValue::NULL);
    let v: JsValue = err.into();
    set(&v, "status", &JsValue::from(e.status));
    set(&v, "url", &JsValue::from_str(&e.url));
    set(&v, "response", &response);
    set(&v, "isAbort", &JsValue::from_bool(e.is_abort));
    set(&v, "originalError", &original);
    if e.original_error.is_some() {
        set(&v, "cause", &original);
    }
    v
}

/// True when `e` is an error thrown or rejected by this SDK.
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
