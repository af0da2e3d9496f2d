//! `new Client(baseURL, options?)`.

use wasm_bindgen::prelude::*;

use super::args;
use super::auth_store::JsAuthStore;
use super::error::to_js_error;
use super::services::{JsBackupService, JsFileService, JsHealthService, JsRecordService};
use super::types::{ClientOptionsArg, OptStringArg};
use crate::client::{Client, ClientOptions};

/// A client of one BosBase or PocketBase server.
///
/// @example
/// ```js
/// const client = new Client("http://127.0.0.1:8090");
/// await client.collection("_superusers").authWithPassword("admin@example.com", "password123");
/// const backups = await client.backups.getFullList();
/// ```
#[wasm_bindgen(js_name = Client)]
pub struct JsClient {
    client: Client,
}

#[wasm_bindgen(js_class = Client)]
impl JsClient {
    /// Creates a client. A relative `baseURL` (`"/"`, the default) is resolved against
    /// the page's address.
    ///
    /// @throws {ClientResponseError} when an argument has the wrong type.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = baseURL)] base_url: Option<OptStringArg>,
        options: Option<ClientOptionsArg>,
    ) -> Result<JsClient, JsValue> {
        let base_url = base_url.map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
        let base_url = args::opt_string(&base_url, "baseURL").map_err(to_js_error)?;
        let mut opts = ClientOptions::default();
        if let Some(o) = args::options_object(&options.into(), "options").map_err(to_js_error)? {
            if let Some(p) = args::prop(&o, "persistAuth") {
                opts.persist_auth = p.as_bool().ok_or_else(|| {
                    to_js_error(crate::Error::invalid_argument(
                        "options.persistAuth must be a boolean.",
                    ))
                })?;
            }
            if let Some(k) = args::prop(&o, "authStorageKey") {
                opts.auth_storage_key = args::string(&k, "options.authStorageKey").map_err(to_js_error)?;
            }
        }
        Ok(JsClient {
            client: Client::with_options(base_url.as_deref().unwrap_or("/"), opts),
        })
    }

    /// The server's base URL, resolved to an absolute URL where there is a page.
    #[wasm_bindgen(getter = baseURL)]
    pub fn base_url(&self) -> String {
        self.client.base_url().to_string()
    }

    /// The signed-in session.
    #[wasm_bindgen(getter = authStore)]
    pub fn auth_store(&self) -> JsAuthStore {
        JsAuthStore::new(self.client.auth_store().clone())
    }

    /// The Backups API.
    #[wasm_bindgen(getter)]
    pub fn backups(&self) -> JsBackupService {
        JsBackupService::new(self.client.backups())
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

    /// The records of an auth collection, for `authWithPassword`.
    ///
    /// @throws {ClientResponseError} when `name` is not a string.
    pub fn collection(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    ) -> Result<JsRecordService, JsValue> {
        let name = args::string(&name, "collection name").map_err(to_js_error)?;
        Ok(JsRecordService::new(self.client.collection(&name)))
    }

    /// The absolute URL of an API path.
    #[wasm_bindgen(js_name = buildURL)]
    pub fn build_url(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
    ) -> Result<String, JsValue> {
        let path = args::string(&path, "path").map_err(to_js_error)?;
        Ok(self.client.build_url(&path))
    }

    /// Turns auto-cancellation of duplicate pending requests on or off (on by default).
    #[wasm_bindgen(js_name = autoCancellation)]
    pub fn auto_cancellation(&self, #[wasm_bindgen(unchecked_param_type = "boolean")] enable: JsValue) {
        self.client.auto_cancellation(enable.is_truthy());
    }

    /// Cancels the pending request with this `requestKey`; it rejects with `isAbort`.
    #[wasm_bindgen(js_name = cancelRequest)]
    pub fn cancel_request(
        &self,
        #[wasm_bindgen(js_name = requestKey, unchecked_param_type = "string")] request_key: JsValue,
    ) {
        if let Some(key) = request_key.as_string() {
            self.client.cancel_request(&key);
        }
    }

    /// Cancels every pending request.
    #[wasm_bindgen(js_name = cancelAllRequests)]
    pub fn cancel_all_requests(&self) {
        self.client.cancel_all_requests();
    }
}
