//! `pb.collection(name)`: signing in.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::convert::{string, to_js};
use super::options::request;
use super::promise::promise;
use crate::core::json::Json;
use crate::core::models::AuthResponse;
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

/// The methods are documented in their TypeScript declaration (`types.rs`).
#[wasm_bindgen(js_class = RecordService)]
impl JsRecordService {
    /// Signs in with e-mail and password.
    #[wasm_bindgen(js_name = authWithPassword)]
    pub fn auth_with_password(
        &self,
        #[wasm_bindgen(js_name = usernameOrEmail)] identity: JsValue,
        password: JsValue,
        options: Option<JsValue>,
    ) -> Promise {
        promise((|| {
            let identity = string(&identity, "usernameOrEmail")?;
            let password = string(&password, "password")?;
            let options = request(&options.unwrap_or_default(), &[])?;
            Ok(auth_response(
                self.service.auth_with_password(&identity, &password, &options),
            ))
        })())
    }

    /// Signs in with the id from `requestOTP` and the code the server mailed.
    #[wasm_bindgen(js_name = authWithOTP)]
    pub fn auth_with_otp(
        &self,
        #[wasm_bindgen(js_name = otpId)] otp_id: JsValue,
        password: JsValue,
        options: Option<JsValue>,
    ) -> Promise {
        promise((|| {
            let otp_id = string(&otp_id, "otpId")?;
            let password = string(&password, "password")?;
            let options = request(&options.unwrap_or_default(), &[])?;
            Ok(auth_response(
                self.service.auth_with_otp(&otp_id, &password, &options),
            ))
        })())
    }

    /// Asks the server to mail a one-time password.
    #[wasm_bindgen(js_name = requestOTP)]
    pub fn request_otp(&self, email: JsValue, options: Option<JsValue>) -> Promise {
        promise((|| {
            let email = string(&email, "email")?;
            let sent = self
                .service
                .request_otp(&email, &request(&options.unwrap_or_default(), &[])?);
            Ok(async move {
                let otp = sent.await?;
                Ok(to_js(&Json::object([("otpId", Json::str(&otp.otp_id))])))
            })
        })())
    }

    /// Exchanges the stored token for a new one.
    #[wasm_bindgen(js_name = authRefresh)]
    pub fn auth_refresh(&self, options: Option<JsValue>) -> Promise {
        promise(
            request(&options.unwrap_or_default(), &[]).map(|o| auth_response(self.service.auth_refresh(&o))),
        )
    }
}

/// A sign-in's answer as `RecordAuthResponse` (`meta` only when the server sent one).
async fn auth_response(
    sent: impl std::future::Future<Output = Result<AuthResponse, crate::Error>>,
) -> Result<JsValue, crate::Error> {
    let auth = sent.await?;
    let mut answer = Json::object([("token", Json::str(&auth.token)), ("record", auth.record)]);
    if let Some(meta) = auth.meta {
        answer.set("meta", meta);
    }
    Ok(to_js(&answer))
}
