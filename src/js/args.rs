//! Reading JS arguments into Rust values, refusing wrong types with a clear error
//! rather than trapping, and writing Rust values back as plain JS objects.

use js_sys::{Array, Date, Function, Object, Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use crate::error::Error;
use crate::options::{RequestKey, RequestOptions};

fn describe(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if Array::is_array(v) {
        "an array".into()
    } else {
        v.js_typeof().as_string().unwrap_or_else(|| "unknown".into())
    }
}

/// A required string argument.
pub fn string(v: &JsValue, what: &str) -> Result<String, Error> {
    v.as_string()
        .ok_or_else(|| Error::invalid_argument(format!("{what} must be a string, got {}.", describe(v))))
}

/// An optional string argument (`undefined` and `null` give `None`).
pub fn opt_string(v: &JsValue, what: &str) -> Result<Option<String>, Error> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    string(v, what).map(Some)
}

/// A property of an options object, `None` when absent or `undefined`.
pub fn prop(obj: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(obj, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined())
}

/// An options object: `undefined`/`null` or a non-array object.
pub fn options_object(v: &JsValue, what: &str) -> Result<Option<JsValue>, Error> {
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else if v.is_object() && !Array::is_array(v) && !v.is_function() {
        Ok(Some(v.clone()))
    } else {
        Err(Error::invalid_argument(format!(
            "{what} must be an object, got {}.",
            describe(v)
        )))
    }
}

/// `Object.entries` of an object argument.
fn entries(v: &JsValue, what: &str) -> Result<Vec<(String, JsValue)>, Error> {
    let Some(obj) = options_object(v, what)? else {
        return Ok(Vec::new());
    };
    let obj: Object = obj.unchecked_into();
    let mut out = Vec::new();
    for entry in Object::entries(&obj).iter() {
        let pair: Array = entry.unchecked_into();
        out.push((pair.get(0).as_string().unwrap_or_default(), pair.get(1)));
    }
    Ok(out)
}

/// One query value as text: dates as ISO strings, objects as JSON.
fn query_value(v: &JsValue) -> Option<String> {
    if let Some(s) = v.as_string() {
        Some(s)
    } else if let Some(b) = v.as_bool() {
        Some(b.to_string())
    } else if let Some(n) = v.as_f64() {
        js_sys::Number::from(n)
            .to_string_with_radix(10)
            .ok()
            .map(String::from)
    } else if let Some(d) = v.dyn_ref::<Date>() {
        Some(String::from(d.to_iso_string()))
    } else if v.is_object() {
        JSON::stringify(v).ok().map(String::from)
    } else {
        None
    }
}

/// A `query` object: `{k: v}` with arrays repeating the key, `null`/`undefined` left out.
pub fn query(v: &JsValue) -> Result<Vec<(String, String)>, Error> {
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

/// Per-call options (`SendOptions`).
pub fn request_options(v: &JsValue) -> Result<RequestOptions, Error> {
    let Some(obj) = options_object(v, "options")? else {
        return Ok(RequestOptions::default());
    };
    let mut opts = RequestOptions::default();
    if let Some(q) = prop(&obj, "query") {
        opts.query = query(&q)?;
    }
    if let Some(h) = prop(&obj, "headers") {
        for (name, value) in entries(&h, "options.headers")? {
            let value = string(&value, &format!("options.headers[\"{name}\"]"))?;
            opts.headers.push((name, value));
        }
    }
    if let Some(s) = prop(&obj, "signal") {
        if !s.is_null() {
            let signal = s.dyn_into::<AbortSignal>().map_err(|v| {
                Error::invalid_argument(format!(
                    "options.signal must be an AbortSignal, got {}.",
                    describe(&v)
                ))
            })?;
            opts.signal = Some(signal);
        }
    }
    match Reflect::get(&obj, &JsValue::from_str("requestKey")) {
        Ok(k) if k.is_null() => opts.request_key = RequestKey::None,
        Ok(k) if k.is_undefined() => {}
        Ok(k) => opts.request_key = RequestKey::Custom(string(&k, "options.requestKey")?),
        Err(_) => {}
    }
    if let Some(t) = prop(&obj, "timeout").filter(|t| !t.is_null()) {
        let ms = t
            .as_f64()
            .filter(|ms| ms.is_finite() && *ms > 0.0)
            .ok_or_else(|| {
                Error::invalid_argument("options.timeout must be a positive number of milliseconds.")
            })?;
        opts.timeout_ms = Some(ms.min(f64::from(u32::MAX)) as u32);
    }
    if prop(&obj, "$autoCancel").and_then(|v| v.as_bool()) == Some(false) {
        opts.request_key = RequestKey::None;
    }
    if let Some(f) = prop(&obj, "fetch") {
        if !f.is_null() {
            let f = f.dyn_into::<Function>().map_err(|v| {
                Error::invalid_argument(format!("options.fetch must be a function, got {}.", describe(&v)))
            })?;
            opts.fetch = Some(f);
        }
    }
    Ok(opts)
}

/// A Rust value as a plain JS object (maps as objects, numbers as numbers).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Error> {
    let unreadable = || Error::invalid_argument("A value could not be converted for JavaScript.");
    let text = serde_json::to_string(value).map_err(|_| unreadable())?;
    JSON::parse(&text).map_err(|_| unreadable())
}

/// A JS value as JSON (`null` for `undefined` or a value JSON cannot hold).
pub fn to_json(v: &JsValue) -> serde_json::Value {
    if v.is_undefined() {
        return serde_json::Value::Null;
    }
    JSON::stringify(v)
        .ok()
        .and_then(|s| serde_json::from_str(&String::from(s)).ok())
        .unwrap_or(serde_json::Value::Null)
}

/// `retryIfBusy` of `CreateOptions`: `true`, or `{maxWaitMs}`.
pub fn retry_if_busy(options: &JsValue) -> Result<Option<crate::core::retry::Backoff>, Error> {
    let Some(obj) = options_object(options, "options")? else {
        return Ok(None);
    };
    let Some(v) = prop(&obj, "retryIfBusy") else {
        return Ok(None);
    };
    let mut backoff = crate::core::retry::Backoff::default();
    if let Some(enabled) = v.as_bool() {
        return Ok(enabled.then_some(backoff));
    }
    let policy = options_object(&v, "options.retryIfBusy")?;
    if let Some(ms) = policy.as_ref().and_then(|p| prop(p, "maxWaitMs")) {
        let ms = ms
            .as_f64()
            .filter(|m| m.is_finite() && *m >= 0.0)
            .ok_or_else(|| {
                Error::invalid_argument("options.retryIfBusy.maxWaitMs must be a number of milliseconds.")
            })?;
        backoff.max_total_ms = ms.min(f64::from(u32::MAX)) as u32;
    }
    Ok(Some(backoff))
}

/// `onProgress` of `UploadOptions`, as a Rust callback that calls it with
/// `{loaded, total}` (a callback that throws is ignored).
pub fn on_progress(options: &JsValue) -> Result<Option<crate::services::ProgressFn>, Error> {
    let Some(obj) = options_object(options, "options")? else {
        return Ok(None);
    };
    let Some(f) = prop(&obj, "onProgress").filter(|f| !f.is_null()) else {
        return Ok(None);
    };
    let f: Function = f.dyn_into().map_err(|v| {
        Error::invalid_argument(format!(
            "options.onProgress must be a function, got {}.",
            describe(&v)
        ))
    })?;
    Ok(Some(std::rc::Rc::new(move |loaded: u64, total: u64| {
        let report = Object::new();
        let _ = Reflect::set(&report, &"loaded".into(), &JsValue::from(loaded as f64));
        let _ = Reflect::set(&report, &"total".into(), &JsValue::from(total as f64));
        let _ = f.call1(&JsValue::UNDEFINED, &report);
    })))
}

/// `wait`, `timeoutMs` and `onStatus` of `RestoreOptions`; `None` without `wait: true`.
pub fn restore_wait(options: &JsValue) -> Result<Option<crate::services::RestoreWait>, Error> {
    let Some(obj) = options_object(options, "options")? else {
        return Ok(None);
    };
    if !prop(&obj, "wait").is_some_and(|w| w.is_truthy()) {
        return Ok(None);
    }
    let mut wait = crate::services::RestoreWait::default();
    if let Some(ms) = prop(&obj, "timeoutMs") {
        let ms = ms
            .as_f64()
            .filter(|m| m.is_finite() && *m > 0.0)
            .ok_or_else(|| Error::invalid_argument("options.timeoutMs must be a positive number."))?;
        wait.timeout_ms = ms.min(f64::from(u32::MAX)) as u32;
    }
    if let Some(f) = prop(&obj, "onStatus").filter(|f| !f.is_null()) {
        let f: Function = f.dyn_into().map_err(|v| {
            Error::invalid_argument(format!(
                "options.onStatus must be a function, got {}.",
                describe(&v)
            ))
        })?;
        wait.on_status = Some(std::rc::Rc::new(move |phase: &str| {
            let _ = f.call1(&JsValue::UNDEFINED, &JsValue::from_str(phase));
        }));
    }
    Ok(Some(wait))
}

/// A parsed `PruneOptions`: the policy, the key filter, and `dryRun`.
pub type PruneArgs = (crate::PrunePolicy, std::rc::Rc<dyn Fn(&str) -> bool>, bool);

/// `keep`, `olderThan`, `match` and `dryRun` of `PruneOptions`.
pub fn prune(options: &JsValue) -> Result<PruneArgs, Error> {
    let obj = options_object(options, "options")?.unwrap_or_else(|| Object::new().into());
    let mut policy = crate::PrunePolicy::default();
    if let Some(k) = prop(&obj, "keep") {
        let k = k
            .as_f64()
            .filter(|k| k.is_finite() && *k >= 0.0 && k.fract() == 0.0)
            .ok_or_else(|| Error::invalid_argument("options.keep must be a whole number ≥ 0."))?;
        policy.keep = Some(k.min(1e9) as usize);
    }
    if let Some(t) = prop(&obj, "olderThan") {
        let cutoff = if let Some(d) = t.dyn_ref::<Date>() {
            Some(d.get_time())
        } else {
            t.as_f64().filter(|ms| *ms >= 0.0).map(|age| Date::now() - age)
        };
        let cutoff = cutoff.filter(|c| c.is_finite()).ok_or_else(|| {
            Error::invalid_argument("options.olderThan must be a Date or an age in milliseconds.")
        })?;
        policy.older_than_ms = Some(cutoff);
    }
    let matches: std::rc::Rc<dyn Fn(&str) -> bool> = match prop(&obj, "match").filter(|m| !m.is_null()) {
        None => std::rc::Rc::new(|_: &str| true),
        Some(m) => {
            if let Some(prefix) = m.as_string() {
                std::rc::Rc::new(move |k: &str| k.starts_with(&prefix))
            } else if let Some(re) = m.dyn_ref::<js_sys::RegExp>() {
                let re = re.clone();
                std::rc::Rc::new(move |k: &str| {
                    re.set_last_index(0);
                    re.test(k)
                })
            } else {
                return Err(Error::invalid_argument(
                    "options.match must be a string (key prefix) or a RegExp.",
                ));
            }
        }
    };
    let dry_run = prop(&obj, "dryRun").is_some_and(|d| d.is_truthy());
    Ok((policy, matches, dry_run))
}

/// A boolean option, `default` when absent.
pub fn flag(options: &JsValue, name: &str, default: bool) -> Result<bool, Error> {
    let Some(obj) = options_object(options, "options")? else {
        return Ok(default);
    };
    match prop(&obj, name) {
        None => Ok(default),
        Some(v) => v
            .as_bool()
            .ok_or_else(|| Error::invalid_argument(format!("options.{name} must be a boolean."))),
    }
}

/// An [`Inspection`](crate::Inspection) as the `ZipInspection` object.
pub fn inspection(i: &crate::Inspection) -> Result<JsValue, Error> {
    let (entries, zip64, total, error) = match &i.verdict {
        Ok(s) => (&s.entries[..], s.zip64, s.total_uncompressed, None),
        Err(e) => (
            &[][..],
            false,
            0,
            Some(serde_json::json!({ "code": e.code(), "message": e.message() })),
        ),
    };
    let entries: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            serde_json::json!({
                "name": e.name, "size": e.uncompressed_size as f64, "compressedSize": e.compressed_size as f64,
                "method": e.method, "isDir": e.is_dir,
            })
        })
        .collect();
    to_js(&serde_json::json!({
        "size": i.size as f64, "valid": i.verdict.is_ok(), "isBackup": i.is_backup(), "zip64": zip64,
        "entries": entries, "totalUncompressed": total as f64, "error": error,
    }))
}
