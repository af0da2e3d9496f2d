//! `new PocketBase(baseURL, authStore, lang)`: the client as the official JS SDK shapes
//! it, on the Rust [`Client`].

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;

use super::auth_store::{JsAuth, LocalAuthStore};
use super::convert::{body_of, opt_string, prop, string, wrong};
use super::hooks::JsHooks;
use super::options;
use super::promise::spawn;
use super::services::{JsBackupService, JsCronService, JsFileService, JsHealthService, JsRecordService};
use super::tools::ModuleTools;
use crate::client::parse_json;
use crate::client::Client as RustClient;

/// A client of one BosBase or PocketBase server: the official JS SDK's `Client` for
/// everything backups need.
///
/// @example
/// ```js
/// import PocketBase from "bosbase-backups";
/// const pb = new PocketBase("http://127.0.0.1:8090");
/// await pb.collection("_superusers").authWithPassword("admin@example.com", "password123");
/// const backups = await pb.backups.getFullList();
/// ```
#[wasm_bindgen]
pub struct Client {
    client: RustClient,
    auth_store: Rc<RefCell<JsValue>>,
    hooks: Rc<JsHooks>,
}

impl Client {
    fn auth_store_of(store: JsValue) -> Result<JsValue, JsValue> {
        if store.is_undefined() || store.is_null() {
            return Ok(LocalAuthStore::new(None)?.into());
        }
        if !store.is_object() || prop(&store, "save").is_none_or(|f| !f.is_function()) {
            return Err(wrong("authStore", "an auth store (e.g. a BaseAuthStore)", &store));
        }
        Ok(store)
    }

    fn hook(&self, hook: &RefCell<Option<Function>>, f: JsValue, what: &str) -> Result<(), JsValue> {
        *hook.borrow_mut() = match f {
            f if f.is_undefined() || f.is_null() => None,
            f => Some(f.dyn_into().map_err(|v| wrong(what, "a function", &v))?),
        };
        Ok(())
    }
}

#[wasm_bindgen]
impl Client {
    /// A client of the server at `baseURL` (relative URLs such as the default `"/"`
    /// are resolved against the page's address). Without `authStore`, the session is
    /// kept in `localStorage` (a `LocalAuthStore`); `lang` is sent as
    /// `Accept-Language`.
    ///
    /// @throws {TypeError} when an argument has the wrong type.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = baseURL, unchecked_optional_param_type = "string")] base_url: Option<
            JsValue,
        >,
        #[wasm_bindgen(js_name = authStore, unchecked_optional_param_type = "BaseAuthStore | null")]
        auth_store: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] lang: Option<JsValue>,
    ) -> Result<Client, JsValue> {
        let base_url = opt_string(&base_url.unwrap_or_default(), "baseURL")?;
        let lang = opt_string(&lang.unwrap_or_default(), "lang")?;
        let auth_store = Self::auth_store_of(auth_store.unwrap_or_default())?;
        let client = RustClient::with_auth(
            base_url.as_deref().unwrap_or("/"),
            Rc::new(JsAuth(auth_store.clone())),
        );
        if let Some(lang) = lang {
            client.set_lang(&lang);
        }
        let hooks = Rc::new(JsHooks::default());
        client.set_hooks(Some(hooks.clone()));
        client.set_tools(Rc::new(ModuleTools));
        Ok(Client {
            client,
            auth_store: Rc::new(RefCell::new(auth_store)),
            hooks,
        })
    }

    /// The server's base URL, as given.
    #[wasm_bindgen(getter = baseURL)]
    pub fn base_url(&self) -> String {
        self.client.base_url()
    }

    /// Points the client at another server.
    #[wasm_bindgen(setter = baseURL)]
    pub fn set_base_url(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
    ) -> Result<(), JsValue> {
        self.client.set_base_url(&string(&url, "baseURL")?);
        Ok(())
    }

    /// Same as `baseURL` (older name).
    #[wasm_bindgen(getter = baseUrl)]
    pub fn base_url_alias(&self) -> String {
        self.base_url()
    }

    /// Same as `baseURL` (older name).
    #[wasm_bindgen(setter = baseUrl)]
    pub fn set_base_url_alias(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
    ) -> Result<(), JsValue> {
        self.set_base_url(url)
    }

    /// The `Accept-Language` sent with every request (default `"en-US"`).
    #[wasm_bindgen(getter)]
    pub fn lang(&self) -> String {
        self.client.lang()
    }

    /// Sets the `Accept-Language` sent with every request.
    #[wasm_bindgen(setter)]
    pub fn set_lang(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] lang: JsValue,
    ) -> Result<(), JsValue> {
        self.client.set_lang(&string(&lang, "lang")?);
        Ok(())
    }

    /// The signed-in session.
    #[wasm_bindgen(getter = authStore, unchecked_return_type = "BaseAuthStore")]
    pub fn auth_store(&self) -> JsValue {
        self.auth_store.borrow().clone()
    }

    /// Replaces the session store.
    #[wasm_bindgen(setter = authStore)]
    pub fn set_auth_store(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BaseAuthStore")] store: JsValue,
    ) -> Result<(), JsValue> {
        let store = Self::auth_store_of(store)?;
        self.client.set_auth(Rc::new(JsAuth(store.clone())));
        *self.auth_store.borrow_mut() = store;
        Ok(())
    }

    /// Called with `(url, options)` before every request; may return
    /// `{url, options}` (or a promise of it) to change the URL or `options.headers`.
    #[wasm_bindgen(getter = beforeSend, unchecked_return_type = "BeforeSendHook | undefined")]
    pub fn before_send(&self) -> JsValue {
        self.hooks
            .before
            .borrow()
            .clone()
            .map(JsValue::from)
            .unwrap_or_default()
    }

    /// Sets (or, with `undefined`, removes) the `beforeSend` hook.
    #[wasm_bindgen(setter = beforeSend)]
    pub fn set_before_send(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BeforeSendHook | undefined")] f: JsValue,
    ) -> Result<(), JsValue> {
        self.hook(&self.hooks.before, f, "beforeSend")
    }

    /// Called with `(response, data, options)` after every answer (errors too); what it
    /// returns (or resolves to) replaces `data`.
    #[wasm_bindgen(getter = afterSend, unchecked_return_type = "AfterSendHook | undefined")]
    pub fn after_send(&self) -> JsValue {
        self.hooks
            .after
            .borrow()
            .clone()
            .map(JsValue::from)
            .unwrap_or_default()
    }

    /// Sets (or, with `undefined`, removes) the `afterSend` hook.
    #[wasm_bindgen(setter = afterSend)]
    pub fn set_after_send(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AfterSendHook | undefined")] f: JsValue,
    ) -> Result<(), JsValue> {
        self.hook(&self.hooks.after, f, "afterSend")
    }

    /// The Backups API.
    #[wasm_bindgen(getter)]
    pub fn backups(&self) -> JsBackupService {
        JsBackupService::new(self.client.backups())
    }

    /// The cron jobs (the scheduled backup is `__pbAutoBackup__`).
    #[wasm_bindgen(getter)]
    pub fn crons(&self) -> JsCronService {
        JsCronService::new(self.client.crons())
    }

    /// The server's settings (`getAll`, `update`, `testS3`).
    #[wasm_bindgen(getter)]
    pub fn settings(&self) -> super::settings::JsSettingsService {
        super::settings::JsSettingsService::new(self.client.settings())
    }

    /// File tokens (`getToken`), needed for backup downloads.
    #[wasm_bindgen(getter)]
    pub fn files(&self) -> JsFileService {
        JsFileService::new(self.client.files())
    }

    /// The health check.
    #[wasm_bindgen(getter)]
    pub fn health(&self) -> JsHealthService {
        JsHealthService::new(self.client.health())
    }

    /// The records of an auth collection, for signing in. (Its TypeScript declaration,
    /// generic over the record type as the official one is, is in `types.rs`.)
    #[wasm_bindgen(skip_typescript)]
    pub fn collection(
        &self,
        #[wasm_bindgen(js_name = idOrName, unchecked_param_type = "string")] name: JsValue,
    ) -> Result<JsRecordService, JsValue> {
        Ok(JsRecordService::new(
            self.client.collection(&string(&name, "idOrName")?),
        ))
    }

    /// The absolute URL of an API path.
    ///
    /// @throws {TypeError} when `path` is not a string.
    #[wasm_bindgen(js_name = buildURL)]
    pub fn build_url(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
    ) -> Result<String, JsValue> {
        Ok(self.client.build_url(&string(&path, "path")?))
    }

    /// Same as `buildURL` (older name).
    #[wasm_bindgen(js_name = buildUrl)]
    pub fn build_url_alias(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
    ) -> Result<String, JsValue> {
        self.build_url(path)
    }

    /// Sends any API request with the client's session, hooks and cancellation, and
    /// resolves with the parsed JSON answer (`{}` when it has none). (Its TypeScript
    /// declaration, generic as the official one is, is in `types.rs`.)
    #[wasm_bindgen(skip_typescript)]
    pub fn send(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SendOptions")] options: Option<JsValue>,
    ) -> Promise {
        let started = (|| {
            let path = string(&path, "path")?;
            let options = options.unwrap_or_default();
            let request = options::request(&options, &[])?;
            let method = match prop(&options, "method") {
                Some(m) => string(&m, "options.method")?.to_ascii_uppercase(),
                None => "GET".into(),
            };
            let body = body_of(prop(&options, "body"));
            Ok(self.client.request(&method, &path, &request).body(body).send())
        })();
        match started {
            Err(e) => Promise::reject(&e),
            Ok(sent) => spawn(Box::pin(async move {
                let resp = sent.await?;
                Ok(parse_json(&resp.text)
                    .ok()
                    .filter(|v| !v.is_undefined())
                    .unwrap_or_else(|| js_sys::Object::new().into()))
            })),
        }
    }

    /// Turns auto-cancellation of duplicate pending requests on or off (on by default).
    #[wasm_bindgen(js_name = autoCancellation)]
    pub fn auto_cancellation(
        &self,
        #[wasm_bindgen(unchecked_param_type = "boolean")] enable: JsValue,
    ) -> Client {
        self.client.auto_cancellation(enable.is_truthy());
        self.same()
    }

    /// Cancels the pending request with this `requestKey`; it rejects with `isAbort`.
    #[wasm_bindgen(js_name = cancelRequest)]
    pub fn cancel_request(
        &self,
        #[wasm_bindgen(js_name = requestKey, unchecked_param_type = "string")] request_key: JsValue,
    ) -> Client {
        if let Some(key) = request_key.as_string() {
            self.client.cancel_request(&key);
        }
        self.same()
    }

    /// Cancels every pending request.
    #[wasm_bindgen(js_name = cancelAllRequests)]
    pub fn cancel_all_requests(&self) -> Client {
        self.client.cancel_all_requests();
        self.same()
    }
}

impl Client {
    /// Another handle of this client (same server, session, hooks and requests).
    fn same(&self) -> Client {
        Client {
            client: self.client.clone(),
            auth_store: self.auth_store.clone(),
            hooks: self.hooks.clone(),
        }
    }
}
