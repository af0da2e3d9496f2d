//! `client.authStore`.

use wasm_bindgen::prelude::*;

use super::args;
use super::error::to_js_error;
use super::types::RecordArg;
use crate::auth_store::AuthStore;

/// The signed-in session: token and record, persisted in `localStorage` unless the
/// client was made with `persistAuth: false`.
#[wasm_bindgen(js_name = AuthStore)]
pub struct JsAuthStore {
    store: AuthStore,
}

impl JsAuthStore {
    pub(crate) fn new(store: AuthStore) -> Self {
        JsAuthStore { store }
    }
}

#[wasm_bindgen(js_class = AuthStore)]
impl JsAuthStore {
    /// The token, `""` when signed out.
    #[wasm_bindgen(getter)]
    pub fn token(&self) -> String {
        self.store.token()
    }

    /// The signed-in record, `null` when signed out.
    #[wasm_bindgen(getter, unchecked_return_type = "AuthRecord | null")]
    pub fn record(&self) -> JsValue {
        args::to_js(&self.store.record()).unwrap_or(JsValue::NULL)
    }

    /// True when there is a token and it has not expired.
    #[wasm_bindgen(getter = isValid)]
    pub fn is_valid(&self) -> bool {
        self.store.is_valid()
    }

    /// True when the session is a superuser's.
    #[wasm_bindgen(getter = isSuperuser)]
    pub fn is_superuser(&self) -> bool {
        self.store.is_superuser()
    }

    /// Stores a session (as `authWithPassword` does).
    ///
    /// @throws {ClientResponseError} when `token` is not a string.
    pub fn save(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        record: Option<RecordArg>,
    ) -> Result<(), JsValue> {
        let token = args::string(&token, "token").map_err(to_js_error)?;
        self.store.save(
            &token,
            args::to_json(&record.map(JsValue::from).unwrap_or(JsValue::NULL)),
        );
        Ok(())
    }

    /// Forgets the session, in memory and in `localStorage`.
    pub fn clear(&self) {
        self.store.clear();
    }

    /// Calls `callback(token, record)` after every change; with `fireImmediately`, also
    /// now. Returns a function that unsubscribes. A callback that throws does not stop
    /// the others.
    ///
    /// @throws {ClientResponseError} when `callback` is not a function.
    #[wasm_bindgen(js_name = onChange, unchecked_return_type = "() => void")]
    pub fn on_change(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AuthChangeListener")] callback: JsValue,
        #[wasm_bindgen(js_name = fireImmediately)] fire_immediately: Option<bool>,
    ) -> Result<JsValue, JsValue> {
        let callback: js_sys::Function = callback
            .dyn_into()
            .map_err(|_| to_js_error(crate::Error::invalid_argument("onChange needs a function.")))?;
        let call = move |token: &str, record: &serde_json::Value| {
            let record = args::to_js(record).unwrap_or(JsValue::NULL);
            let _ = callback.call2(&JsValue::NULL, &JsValue::from_str(token), &record);
        };
        if fire_immediately == Some(true) {
            call(&self.store.token(), &self.store.record());
        }
        let id = self.store.on_change(call);
        let store = self.store.clone();
        Ok(Closure::once_into_js(move || store.remove_listener(id)))
    }
}
