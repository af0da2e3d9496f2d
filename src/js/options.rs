//! Option bags. Every call takes the official SDK's `SendOptions` with its rules
//! (unknown keys become query parameters, `params` and `query` merge, `$autoCancel` /
//! `$cancelKey`, `RequestInit` fields passed to `fetch`); some calls add options of
//! their own, read here too.

use std::rc::Rc;

use js_sys::{Array, Date, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use super::convert::type_error;
use super::convert::{entries, function, millis, number, object, prop, set, string, valid_millis, wrong};
use crate::options::{RequestKey, RequestOptions};

/// Keys of `SendOptions` that are never query parameters.
const SEND_KEYS: &[&str] = &[
    "requestKey",
    "$cancelKey",
    "$autoCancel",
    "fetch",
    "headers",
    "body",
    "query",
    "params",
    "signal",
    "method",
    "window",
    "timeout",
];

/// `RequestInit` fields handed to `fetch` as given.
const INIT_KEYS: &[&str] = &[
    "cache",
    "credentials",
    "integrity",
    "keepalive",
    "mode",
    "redirect",
    "referrer",
    "referrerPolicy",
    "priority",
];

/// The options of a call: `own` names the keys that call reads itself (they are
/// neither query parameters nor errors).
pub fn request(options: &JsValue, own: &[&str]) -> Result<RequestOptions, JsValue> {
    let mut opts = RequestOptions::default();
    let Some(obj) = object(options, "options")? else {
        return Ok(opts);
    };
    // Precedence as in the official SDK: unknown keys over `query` over `params`.
    let merged = Object::new();
    for name in ["params", "query"] {
        if let Some(q) = object(&prop(&obj, name).unwrap_or_default(), &format!("options.{name}"))? {
            Object::assign(&merged, &q);
        }
    }
    let init = Object::new();
    for (key, value) in entries(&obj, "options")? {
        if INIT_KEYS.contains(&key.as_str()) {
            set(&init, &key, &value);
        } else if !SEND_KEYS.contains(&key.as_str()) && !own.contains(&key.as_str()) {
            set(&merged, &key, &value);
        }
    }
    if Object::keys(&init).length() > 0 {
        opts.init = Some(init);
    }

    let special = |name: &str| {
        let v = prop(&obj, name).or_else(|| prop(&merged, name));
        let _ = Reflect::delete_property(&merged, &JsValue::from_str(name));
        v
    };
    let (auto_cancel, cancel_key) = (special("$autoCancel"), special("$cancelKey"));
    opts.request_key = match Reflect::get(&obj, &JsValue::from_str("requestKey")) {
        Ok(k) if k.is_null() => RequestKey::None,
        Ok(k) if !k.is_undefined() => RequestKey::Custom(string(&k, "options.requestKey")?),
        _ if auto_cancel.as_ref().and_then(JsValue::as_bool) == Some(false) => RequestKey::None,
        _ => match cancel_key.and_then(|k| k.as_string()).filter(|k| !k.is_empty()) {
            Some(k) => RequestKey::Custom(k),
            None => RequestKey::Auto,
        },
    };
    opts.query = query(&merged)?;

    if let Some(h) = prop(&obj, "headers") {
        for (name, value) in entries(&h, "options.headers")? {
            let value = string(&value, &format!("options.headers[\"{name}\"]"))?;
            opts.headers.push((name, value));
        }
    }
    if let Some(s) = prop(&obj, "signal").filter(|s| !s.is_null()) {
        opts.signal = Some(
            s.dyn_into::<AbortSignal>()
                .map_err(|v| wrong("options.signal", "an AbortSignal", &v))?,
        );
    }
    let timeout = number(
        &obj,
        "timeout",
        valid_millis,
        "options.timeout must be a number of milliseconds, at least 1.",
    )?;
    opts.timeout_ms = timeout.map(millis);
    opts.fetch = function(&obj, "fetch", "options.fetch")?;
    Ok(opts)
}

/// One query value as text (dates as the server writes them, objects as JSON);
/// `None` for `null` and `undefined`, which are left out.
fn query_value(v: &JsValue) -> Option<String> {
    if let Some(s) = v.as_string() {
        Some(s)
    } else if let Some(d) = v.dyn_ref::<Date>() {
        Some(String::from(d.to_iso_string()).replacen('T', " ", 1))
    } else if v.is_object() {
        js_sys::JSON::stringify(v).ok().map(String::from)
    } else if let Some(b) = v.as_bool() {
        Some(if b { "true" } else { "false" }.into())
    } else {
        let n = v.as_f64()?;
        js_sys::Number::from(n)
            .to_string_with_radix(10)
            .ok()
            .map(String::from)
    }
}

/// A `query` object: `{k: v}` with arrays repeating the key.
pub fn query(v: &JsValue) -> Result<Vec<(String, String)>, JsValue> {
    let mut out = Vec::new();
    for (k, v) in entries(v, "query")? {
        if Array::is_array(&v) {
            for item in Array::from(&v).iter() {
                out.extend(query_value(&item).map(|s| (k.clone(), s)));
            }
        } else {
            out.extend(query_value(&v).map(|s| (k.clone(), s)));
        }
    }
    Ok(out)
}

/// `retryIfBusy` of `CreateOptions`: `true`, or `{maxWaitMs}`.
pub fn retry_if_busy(options: &JsValue) -> Result<Option<crate::core::retry::Backoff>, JsValue> {
    let Some(v) = prop(options, "retryIfBusy") else {
        return Ok(None);
    };
    let mut backoff = crate::core::retry::Backoff::default();
    if let Some(enabled) = v.as_bool() {
        return Ok(enabled.then_some(backoff));
    }
    let policy = object(&v, "options.retryIfBusy")?
        .map(JsValue::from)
        .unwrap_or_default();
    let valid = |ms: f64| ms.is_finite() && ms >= 0.0;
    if let Some(ms) = number(
        &policy,
        "maxWaitMs",
        valid,
        "options.retryIfBusy.maxWaitMs must be a number of milliseconds.",
    )? {
        backoff.max_total_ms = ms.min(f64::from(u32::MAX)) as u32;
    }
    Ok(Some(backoff))
}

/// `onProgress`, as a Rust callback that calls it with `{loaded, total}` (a callback
/// that throws is ignored).
pub fn on_progress(options: &JsValue) -> Result<Option<crate::services::ProgressFn>, JsValue> {
    let Some(f) = function(options, "onProgress", "options.onProgress")? else {
        return Ok(None);
    };
    Ok(Some(Rc::new(move |loaded: u64, total: u64| {
        let report = Object::new();
        set(&report, "loaded", &JsValue::from(loaded as f64));
        set(&report, "total", &JsValue::from(total as f64));
        let _ = f.call1(&JsValue::UNDEFINED, &report);
    })))
}

/// `wait`, `timeoutMs` and `onStatus` of `RestoreOptions`; `None` without `wait: true`.
pub fn restore_wait(options: &JsValue) -> Result<Option<crate::services::RestoreWait>, JsValue> {
    if !prop(options, "wait").is_some_and(|w| w.is_truthy()) {
        return Ok(None);
    }
    watch_restore(options).map(Some)
}

/// `timeoutMs` (a positive number of milliseconds, at most 24 h) and `onStatus` of a
/// waited restore or `watchRestore`.
pub fn watch_restore(options: &JsValue) -> Result<crate::services::RestoreWait, JsValue> {
    use crate::core::restore::{MAX_TIMEOUT_MS, TIMEOUT_RULE};
    let mut wait = crate::services::RestoreWait::default();
    let valid = |ms: f64| valid_millis(ms) && ms <= f64::from(MAX_TIMEOUT_MS);
    if let Some(ms) = number(options, "timeoutMs", valid, TIMEOUT_RULE)? {
        wait.timeout_ms = millis(ms);
    }
    if let Some(f) = function(options, "onStatus", "options.onStatus")? {
        wait.on_status = Some(Rc::new(move |phase: &str| {
            let _ = f.call1(&JsValue::UNDEFINED, &JsValue::from_str(phase));
        }));
    }
    Ok(wait)
}

/// `keep`, `olderThan`, `match`, `only` and `dryRun` of `PruneOptions`.
pub fn prune(options: &JsValue) -> Result<crate::PruneRequest, JsValue> {
    let mut req = crate::PruneRequest::default();
    let whole = |k: f64| k.is_finite() && k >= 0.0 && k.fract() == 0.0;
    if let Some(k) = number(options, "keep", whole, "options.keep must be a whole number ≥ 0.")? {
        req.policy.keep = Some(k.min(1e9) as usize);
    }
    if let Some(t) = prop(options, "olderThan") {
        let refused = || type_error("options.olderThan must be a Date or an age in milliseconds.");
        match t.dyn_ref::<Date>() {
            Some(d) => req.policy.older_than_ms = Some(d.get_time()).filter(|c| c.is_finite()),
            None => req.policy.max_age_ms = t.as_f64().filter(|ms| *ms >= 0.0 && ms.is_finite()),
        }
        if req.policy.older_than_ms.is_none() && req.policy.max_age_ms.is_none() {
            return Err(refused());
        }
    }
    req.matches = match prop(options, "match").filter(|m| !m.is_null()) {
        None => None,
        Some(m) => match (m.as_string(), m.dyn_into::<js_sys::RegExp>()) {
            (Some(prefix), _) => Some(Rc::new(move |k: &str| k.starts_with(&prefix))),
            (None, Ok(re)) => Some(Rc::new(move |k: &str| {
                re.set_last_index(0);
                re.test(k)
            })),
            (None, Err(m)) => return Err(wrong("options.match", "a string (key prefix) or a RegExp", &m)),
        },
    };
    if let Some(only) = prop(options, "only").filter(|o| !o.is_null()) {
        let keys = only
            .dyn_ref::<Array>()
            .map(|a| a.iter().map(|k| k.as_string()).collect::<Option<Vec<_>>>())
            .and_then(|k| k)
            .ok_or_else(|| wrong("options.only", "an array of keys", &only))?;
        req.only = Some(keys);
    }
    req.dry_run = prop(options, "dryRun").is_some_and(|d| d.is_truthy());
    Ok(req)
}

/// A boolean option, `default` when absent.
pub fn flag(options: &JsValue, name: &str, default: bool) -> Result<bool, JsValue> {
    match prop(options, name) {
        None => Ok(default),
        Some(v) => v
            .as_bool()
            .ok_or_else(|| wrong(&format!("options.{name}"), "a boolean", &v)),
    }
}
