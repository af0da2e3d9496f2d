//! `BaseAuthStore` (memory) and `LocalAuthStore` (`localStorage`, the official key and
//! format), and the adapter through which the client uses any JS auth store.

use js_sys::Function;
use wasm_bindgen::prelude::*;

use super::convert::{prop, string, to_js, to_json, wrong};
use crate::auth_store::{AuthBackend, AuthStore, DEFAULT_STORAGE_KEY};
use crate::core::json::Json;
use crate::core::token::jwt_payload;

/// The signed-in session, kept in memory. Subclass it, or use `LocalAuthStore`, to
/// keep it elsewhere.
#[wasm_bindgen]
pub struct BaseAuthStore {
    store: AuthStore,
}

#[wasm_bindgen]
impl BaseAuthStore {
    /// A store kept in memory only.
    #[wasm_bindgen(constructor)]
    pub fn new() -> BaseAuthStore {
        BaseAuthStore {
            store: AuthStore::memory(),
        }
    }

    /// The token, `""` when signed out.
    #[wasm_bindgen(getter)]
    pub fn token(&self) -> String {
        self.store.token()
    }

    /// The signed-in record, `null` when signed out.
    #[wasm_bindgen(getter, unchecked_return_type = "AuthRecord")]
    pub fn record(&self) -> JsValue {
        to_js(&self.store.record())
    }

    /// Same as `record` (older name).
    #[wasm_bindgen(getter, unchecked_return_type = "AuthRecord")]
    pub fn model(&self) -> JsValue {
        self.record()
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

    /// Same as `isSuperuser` (older name).
    #[wasm_bindgen(getter = isAdmin)]
    pub fn is_admin(&self) -> bool {
        self.store.is_superuser()
    }

    /// True when the session is an auth record's that is not a superuser.
    #[wasm_bindgen(getter = isAuthRecord)]
    pub fn is_auth_record(&self) -> bool {
        let auth = jwt_payload(&self.store.token())
            .is_some_and(|p| p.get("type").and_then(Json::as_str) == Some("auth"));
        auth && !self.store.is_superuser()
    }

    /// Stores a session (as the sign-in calls do) and tells the `onChange` listeners.
    ///
    /// @throws {TypeError} when `token` is not a string.
    pub fn save(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "AuthRecord")] record: Option<JsValue>,
    ) -> Result<(), JsValue> {
        let token = if token.is_undefined() || token.is_null() {
            String::new()
        } else {
            string(&token, "token")?
        };
        self.store.save(&token, to_json(&record.unwrap_or(JsValue::NULL)));
        Ok(())
    }

    /// Forgets the session and tells the `onChange` listeners.
    pub fn clear(&self) {
        self.store.clear();
    }

    /// Calls `callback(token, record)` after every change (a sign-in, a sign-out, or
    /// one made in another tab for a `LocalAuthStore`); with `fireImmediately`, also
    /// now. Returns a function that unsubscribes (calling it again does nothing).
    ///
    /// @throws {TypeError} when `callback` is not a function.
    #[wasm_bindgen(js_name = onChange, unchecked_return_type = "() => void")]
    pub fn on_change(
        &self,
        #[wasm_bindgen(unchecked_param_type = "OnStoreChangeFunc")] callback: JsValue,
        #[wasm_bindgen(js_name = fireImmediately)] fire_immediately: Option<bool>,
    ) -> Result<JsValue, JsValue> {
        let callback: Function = callback
            .dyn_into()
            .map_err(|v| wrong("callback", "a function", &v))?;
        let call = move |token: &str, record: &Json| {
            let _ = callback.call2(&JsValue::NULL, &JsValue::from_str(token), &to_js(record));
        };
        if fire_immediately == Some(true) {
            call(&self.store.token(), &self.store.record());
        }
        let id = self.store.on_change(call);
        let store = self.store.clone();
        Ok(Closure::<dyn FnMut()>::new(move || store.remove_listener(id)).into_js_value())
    }
}

impl Default for BaseAuthStore {
    fn default() -> Self {
        Self::new()
    }
}

/// The session in `localStorage` under `storageKey` (default `"pocketbase_auth"`, the
/// official SDK's key and format, so an app that switches SDKs keeps its session),
/// following sign-ins and sign-outs of other tabs. In memory where there is no
/// `localStorage`.
#[wasm_bindgen(extends = BaseAuthStore)]
pub struct LocalAuthStore {}

#[wasm_bindgen]
impl LocalAuthStore {
    /// @throws {TypeError} when `storageKey` is not a string.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = storageKey, unchecked_optional_param_type = "string")] storage_key: Option<
            JsValue,
        >,
    ) -> Result<LocalAuthStore, JsValue> {
        let key = match storage_key.filter(|k| !k.is_undefined()) {
            Some(k) => string(&k, "storageKey")?,
            None => DEFAULT_STORAGE_KEY.to_string(),
        };
        Ok(LocalAuthStore {
            parent: BaseAuthStore {
                store: AuthStore::persisted(&key),
            }
            .into(),
        })
    }
}

/// Any JS auth store (ours, a subclass, or an object with `token`, `save` and
/// `clear`) as the client's session: read and called through JS, so overridden
/// methods are honoured.
pub struct JsAuth(pub JsValue);

impl JsAuth {
    fn call(&self, name: &str, args: &[JsValue]) {
        if let Some(f) = prop(&self.0, name).and_then(|f| f.dyn_into::<Function>().ok()) {
            let _ = f.apply(&self.0, &args.iter().collect());
        }
    }
}

impl AuthBackend for JsAuth {
    fn token(&self) -> String {
        prop(&self.0, "token")
            .and_then(|t| t.as_string())
            .unwrap_or_default()
    }
    fn save(&self, token: &str, record: &Json) {
        self.call("save", &[JsValue::from_str(token), to_js(record)]);
    }
    fn clear(&self) {
        self.call("clear", &[]);
    }
}
