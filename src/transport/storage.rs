//! `localStorage`, where the runtime has one and lets us use it.

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
