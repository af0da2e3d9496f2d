//! Reading JS arguments into Rust values — a wrong kind is a `TypeError`, never a
//! trap — and writing Rust values back as plain JS objects.

use js_sys::{Array, Function, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

use crate::client::Body;
use crate::core::json::Json;

/// How a value is named in an error message: `null`, `an array`, or its `typeof`.
/// A `TypeError` with `message`, for an argument of the wrong kind.
pub fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

pub fn describe(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if Array::is_array(v) {
        "an array".into()
    } else {
        v.js_typeof().as_string().unwrap_or_else(|| "unknown".into())
    }
}

/// The `TypeError` for `what` not being `expected`.
pub fn wrong(what: &str, expected: &str, got: &JsValue) -> JsValue {
    type_error(&format!("{what} must be {expected}, got {}.", describe(got)))
}

/// A required string argument. A string with a lone surrogate (half of a UTF-16 pair)
/// is a `TypeError`: read into Rust it would silently become U+FFFD, and name another
/// thing than the caller's (a key `"a\uD800"` would address the backup `"a\uFFFD"`).
pub fn string(v: &JsValue, what: &str) -> Result<String, JsValue> {
    let s = v
        .dyn_ref::<js_sys::JsString>()
        .ok_or_else(|| wrong(what, "a string", v))?;
    if !s.is_valid_utf16() {
        return Err(type_error(&format!(
            "{what} must be valid Unicode: it holds a lone surrogate (half of a UTF-16 pair)."
        )));
    }
    Ok(String::from(s))
}

/// An optional string argument (`undefined` and `null` give `None`).
pub fn opt_string(v: &JsValue, what: &str) -> Result<Option<String>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    string(v, what).map(Some)
}

/// A property, `None` when absent or `undefined`.
pub fn prop(obj: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(obj, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined())
}

/// Sets a property of a plain object.
pub fn set(obj: &Object, name: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(name), value);
}

/// An options object: `undefined`/`null` give `None`, anything but a plain
/// (non-array, non-function) object is a `TypeError`.
pub fn object(v: &JsValue, what: &str) -> Result<Option<Object>, JsValue> {
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else if v.is_object() && !Array::is_array(v) && !v.is_function() {
        Ok(Some(v.clone().unchecked_into()))
    } else {
        Err(wrong(what, "an object", v))
    }
}

/// The own enumerable `[key, value]` pairs of an object argument.
pub fn entries(v: &JsValue, what: &str) -> Result<Vec<(String, JsValue)>, JsValue> {
    let Some(obj) = object(v, what)? else {
        return Ok(Vec::new());
    };
    Ok(Object::entries(&obj)
        .iter()
        .map(|entry| {
            let pair: Array = entry.unchecked_into();
            (pair.get(0).as_string().unwrap_or_default(), pair.get(1))
        })
        .collect())
}

/// An optional function property (`null` counts as absent).
pub fn function(obj: &JsValue, name: &str, what: &str) -> Result<Option<Function>, JsValue> {
    match prop(obj, name).filter(|v| !v.is_null()) {
        None => Ok(None),
        Some(f) => f.dyn_into().map(Some).map_err(|v| wrong(what, "a function", &v)),
    }
}

/// An optional number property that passes `valid`.
pub fn number(
    obj: &JsValue,
    name: &str,
    valid: fn(f64) -> bool,
    message: &str,
) -> Result<Option<f64>, JsValue> {
    match prop(obj, name).filter(|v| !v.is_null()) {
        None => Ok(None),
        Some(n) => n
            .as_f64()
            .filter(|n| valid(*n))
            .map(Some)
            .ok_or_else(|| type_error(message)),
    }
}

/// True for a duration a timer can take: a number of milliseconds, at least 1 (a
/// fraction of a millisecond would fire at once). Longer ones than a timer holds are
/// valid; [`millis`] shortens them.
pub fn valid_millis(ms: f64) -> bool {
    !ms.is_nan() && ms >= 1.0
}

/// Milliseconds as a timer takes them: at least 1, at most 2^31 − 1 (longer ones
/// would wrap to "at once" in `setTimeout`; they are, in practice, forever).
pub fn millis(ms: f64) -> u32 {
    ms.clamp(1.0, 2_147_483_647.0) as u32
}

/// A request body as `options.body` gives it: a `FormData` or a `Blob` as is, a string
/// as JSON text, any other object as its JSON.
pub fn body_of(body: Option<JsValue>) -> Body {
    match body.filter(|b| !b.is_null()) {
        None => Body::Empty,
        Some(b) if b.is_instance_of::<web_sys::FormData>() => Body::Form(b.unchecked_into()),
        Some(b) if b.is_string() => Body::Json(b.as_string().unwrap_or_default()),
        Some(b) if b.is_object() && !b.is_instance_of::<web_sys::Blob>() => {
            Body::Json(JSON::stringify(&b).map(String::from).unwrap_or_default())
        }
        Some(b) => Body::Raw(b),
    }
}

/// A JSON value as a plain JS object (parsed by the JS engine).
pub fn to_js(value: &Json) -> JsValue {
    JSON::parse(&value.to_text()).unwrap_or(JsValue::NULL)
}

/// A JS value as JSON (`null` for `undefined` or a value JSON cannot hold).
pub fn to_json(v: &JsValue) -> Json {
    if v.is_undefined() {
        return Json::Null;
    }
    JSON::stringify(v)
        .ok()
        .and_then(|s| Json::parse(&String::from(s)))
        .unwrap_or_default()
}
