//! `pb.collection(name)`: signing in.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::convert::{string, to_js};
use super::options::request;
use super::promise::promise;
use crate::core::json::Json;
use crate::services::RecordService;

/// The records of one auth collection (`_superusers` for backups). Its TypeScript
/// declaration, generic over the record type as the official one is, is in `types.rs`.
#[wasm_bindgen(js_name = RecordService, skip_typescript)]
pub struct JsRecordService {
    service: RecordService,
}

impl JsRecordService {
    pub(crate) fn new(service: RecordService) -> Self {
        JsRecordService { service }
    }
}

#[wasm_bindgen(js_class = RecordService, skip_typescript)]
impl JsRecordService {
    /// Signs in with e-mail and password; the session is saved in `pb.authStore`.
    /// Extra options become query parameters, as in the official SDK (e.g. `mfaId`).
    ///
    /// @example
    /// ```js
    /// await pb.collection("_superusers").authWithPassword("admin@example.com", "password123");
    /// ```
    /// @throws {ClientResponseError} 400 "Failed to authenticate." for wrong credentials;
    /// 401 with `response.data.mfaId` when a second factor is required.
    #[wasm_bindgen(js_name = authWithPassword, unchecked_return_type = "Promise<RecordAuthResponse>")]
    pub fn auth_with_password(
        &self,
        #[wasm_bindgen(js_name = usernameOrEmail, unchecked_param_type = "string")] identity: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] password: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RecordOptions")] options: Option<JsValue>,
    ) -> Promise {
        promise((|| {
            let identity = string(&identity, "usernameOrEmail")?;
            let password = string(&password, "password")?;
            let sent = self.service.auth_with_password(
                &identity,
                &password,
                &request(&options.unwrap_or_default(), &[])?,
            );
            Ok(async move {
                let auth = sent.await?;
                Ok(to_js(&Json::object([
                    ("token", Json::str(&auth.token)),
                    ("record", auth.record),
                ])))
            })
        })())
    }
}
