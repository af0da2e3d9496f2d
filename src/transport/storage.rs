//! `localStorage`, where the runtime has one and lets us use it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Storage;

fn local_storage() -> Option<Storage> {
    // Reading `localStorage` throws in sandboxed frames and some private modes.
    super::runtime::global("localStorage")?.dyn_into::<Storage>().ok()
}

/// True when values can be kept across reloads.
pub fn available() -> bool {
    local_storage().is_some()
}

/// The stored value, if any.
pub fn load(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Stores a value; a full or refused storage is ignored (the value stays in memory).
pub fn save(key: &str, value: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(key, value);
    }
}

/// Removes a value.
pub fn remove(key: &str) {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(key);
    }
}

/// A `storage` event listener; removed when dropped.
pub struct Watch {
    target: web_sys::EventTarget,
    listener: Closure<dyn FnMut(JsValue)>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback("storage", self.listener.as_ref().unchecked_ref());
    }
}

/// Calls `changed(new value)` whenever another tab of the same origin sets or removes
/// `key` (the `storage` event, which never fires for the tab's own writes). `None`
/// where there are no such events (Node, workers).
pub fn watch(key: &str, changed: impl Fn(Option<String>) + 'static) -> Option<Watch> {
    let target: web_sys::EventTarget = super::runtime::global("addEventListener")
        .and(super::runtime::global("window"))?
        .dyn_into()
        .ok()?;
    let key = key.to_string();
    let listener = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let field = |name: &str| js_sys::Reflect::get(&event, &JsValue::from_str(name)).ok();
        // `key` is null when another tab cleared the whole storage.
        let event_key = field("key").and_then(|k| k.as_string());
        if event_key.is_none() || event_key.as_deref() == Some(key.as_str()) {
            changed(field("newValue").and_then(|v| v.as_string()));
        }
    });
    target
        .add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref())
        .ok()?;
    Some(Watch { target, listener })
}
