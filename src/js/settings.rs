//! `pb.settings`: the official SDK's `SettingsService` (`getAll`, `update`, `testS3`).

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::convert::{body_of, opt_string};
use super::options::request;
use super::promise::promise;
use crate::services::SettingsService;

/// The server's settings (superusers only).
#[wasm_bindgen(js_name = SettingsService)]
pub struct JsSettingsService {
    service: SettingsService,
}

impl JsSettingsService {
    pub(crate) fn new(service: SettingsService) -> Self {
        JsSettingsService { service }
    }
}

#[wasm_bindgen(js_class = SettingsService)]
impl JsSettingsService {
    /// Every setting of the server.
    ///
    /// @example
    /// ```js
    /// const { backups } = await pb.settings.getAll();
    /// ```
    /// @throws {ClientResponseError} 401 without a session, 403 for a non-superuser.
    #[wasm_bindgen(js_name = getAll, unchecked_return_type = "Promise<SettingsObject>")]
    pub fn get_all(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CommonOptions")] options: Option<JsValue>,
    ) -> Promise {
        promise(
            request(&options.unwrap_or_default(), &[])
                .map(|o| self.service.get_all_request(&o).json_js(JsValue::is_object)),
        )
    }

    /// Changes the settings named in `bodyParams` (an object sent as JSON, or a
    /// `FormData`) and resolves with all the settings.
    ///
    /// @example
    /// ```js
    /// await pb.settings.update({ backups: { cron: "0 3 * * *", cronMaxKeep: 7 } });
    /// ```
    /// @throws {ClientResponseError} 400 with `response.data.<group>.<field>.code` for a
    /// value the server refuses.
    #[wasm_bindgen(unchecked_return_type = "Promise<SettingsObject>")]
    pub fn update(
        &self,
        #[wasm_bindgen(js_name = bodyParams, unchecked_optional_param_type = "SettingsObject | FormData")]
        body: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CommonOptions")] options: Option<JsValue>,
    ) -> Promise {
        let body = body
            .filter(|b| !b.is_undefined())
            .unwrap_or_else(|| js_sys::Object::new().into());
        promise(request(&options.unwrap_or_default(), &[]).map(|o| {
            self.service
                .update_request(&o)
                .body(body_of(Some(body)))
                .json_js(JsValue::is_object)
        }))
    }

    /// Tests the S3 connection of `filesystem` (`"storage"`, the default, or
    /// `"backups"`); resolves with `true`.
    ///
    /// @throws {ClientResponseError} 400 with the S3 error in the message (for backups,
    /// `pb.backups.testStorage()` makes it readable).
    #[wasm_bindgen(js_name = testS3, unchecked_return_type = "Promise<boolean>")]
    pub fn test_s3(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] filesystem: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CommonOptions")] options: Option<JsValue>,
    ) -> Promise {
        promise((|| {
            let filesystem = opt_string(&filesystem.unwrap_or_default(), "filesystem")?;
            let sent = self.service.test_s3(
                filesystem.as_deref().unwrap_or("storage"),
                &request(&options.unwrap_or_default(), &[])?,
            );
            Ok(async move { sent.await.map(|()| JsValue::TRUE) })
        })())
    }
}
