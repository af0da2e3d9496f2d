//! What the JS runtime offers that the core needs as plain values: time, randomness,
//! the page's address.

use wasm_bindgen::{JsCast, JsValue};

/// Milliseconds since 1970, as `Date.now()`.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Milliseconds on a clock that never goes back (`performance.now()`; `Date.now()`
/// where a runtime has no `performance`): for deadlines, which moving the wall clock
/// must not stretch or cut.
pub fn clock_ms() -> f64 {
    global("performance")
        .and_then(|p| {
            let now = js_sys::Reflect::get(&p, &JsValue::from_str("now")).ok()?;
            now.dyn_into::<js_sys::Function>().ok()?.call0(&p).ok()?.as_f64()
        })
        .unwrap_or_else(now_ms)
}

/// A random number in `[0, 1)` (`Math.random`), for jittered back-off.
pub fn random() -> f64 {
    js_sys::Math::random()
}

/// A random 32-bit number (`Math.random`; enough to tell apart names made in the same
/// millisecond).
pub fn random_u32() -> u32 {
    (random() * 4_294_967_296.0) as u32
}

/// The `message` of a JS error (or of any object that has one), when it is a non-empty
/// string.
pub fn error_message(v: &JsValue) -> Option<String> {
    let m = js_sys::Reflect::get(v, &JsValue::from_str("message")).ok()?;
    m.as_string().filter(|s| !s.is_empty())
}

/// A property of `globalThis`, or `None` when it is missing or reading it throws.
pub fn global(name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Resolves a relative URL (`"/"`, `"../pb"`) against the page's address. Where there
/// is no page (Node), or the result is not a valid URL, returns `url` unchanged.
pub fn resolve_against_page(url: &str) -> String {
    let href = global("location")
        .and_then(|loc| js_sys::Reflect::get(&loc, &JsValue::from_str("href")).ok())
        .and_then(|h| h.as_string());
    match href.and_then(|base| web_sys::Url::new_with_base(url, &base).ok()) {
        Some(resolved) => resolved.href(),
        None => url.to_string(),
    }
}

/// The longest delay `setTimeout` keeps: browsers and Node store it as a signed 32-bit
/// number, and a longer one wraps to "at once".
pub const MAX_TIMER_MS: u32 = 2_147_483_647;

/// `ms` as `setTimeout` can take it: at most [`MAX_TIMER_MS`] (a longer wait is that
/// long, in practice forever, instead of firing at once).
fn timer_ms(ms: u32) -> JsValue {
    JsValue::from(ms.min(MAX_TIMER_MS))
}

/// Resolves after `ms` milliseconds (`setTimeout`, present in windows, workers and
/// Node); waits longer than [`MAX_TIMER_MS`] are that long.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let set_timeout = global("setTimeout").and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let scheduled = set_timeout
            .map(|f| f.call2(&JsValue::UNDEFINED, &resolve, &timer_ms(ms)).is_ok())
            .unwrap_or(false);
        if !scheduled {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves after `ms` milliseconds, or as soon as `signal` aborts (at once if it
/// already has); the caller then checks `signal.aborted()`.
pub async fn sleep_unless_aborted(ms: u32, signal: Option<&web_sys::AbortSignal>) {
    let Some(signal) = signal else {
        return sleep(ms).await;
    };
    if signal.aborted() {
        return;
    }
    let mut wake: Option<js_sys::Function> = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| wake = Some(resolve));
    let Some(wake) = wake else {
        return;
    };
    let _ = signal.add_event_listener_with_callback("abort", &wake);
    let timer = Timer::start(ms, {
        let wake = wake.clone();
        move || {
            let _ = wake.call0(&JsValue::UNDEFINED);
        }
    });
    if timer.is_none() {
        let _ = wake.call0(&JsValue::UNDEFINED);
    }
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    let _ = signal.remove_event_listener_with_callback("abort", &wake);
}

/// A `setTimeout` that is cleared when dropped.
pub struct Timer {
    id: JsValue,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Timer {
    /// Calls `f` once after `ms` milliseconds (at most [`MAX_TIMER_MS`]) unless dropped
    /// first. `None` where the runtime has no `setTimeout`.
    pub fn start(ms: u32, f: impl FnOnce() + 'static) -> Option<Timer> {
        let set_timeout = global("setTimeout")?.dyn_into::<js_sys::Function>().ok()?;
        let mut f = Some(f);
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            if let Some(f) = f.take() {
                f();
            }
        });
        let id = set_timeout
            .call2(&JsValue::UNDEFINED, callback.as_ref(), &timer_ms(ms))
            .ok()?;
        Some(Timer {
            id,
            _callback: callback,
        })
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(clear) = global("clearTimeout").and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
            let _ = clear.call1(&JsValue::UNDEFINED, &self.id);
        }
    }
}

/// `n` random bytes from `crypto.getRandomValues` (in pieces of 64 KiB, its limit per
/// call); `None` where the runtime has no `crypto`.
pub fn random_bytes(n: usize) -> Option<Vec<u8>> {
    let crypto = global("crypto")?;
    let get = js_sys::Reflect::get(&crypto, &JsValue::from_str("getRandomValues"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let array = js_sys::Uint8Array::new_with_length(u32::try_from(n).ok()?);
    let mut at = 0;
    while at < n {
        let end = (at + 65536).min(n);
        get.call1(&crypto, &array.subarray(at as u32, end as u32)).ok()?;
        at = end;
    }
    Some(array.to_vec())
}
