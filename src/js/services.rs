//! `pb.files`, `pb.health` and `pb.crons`.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::convert::string;
use super::options::request;
use super::promise::promise;
use crate::services::{CronService, FileService, HealthService};

pub use super::backups::JsBackupService;
pub use super::records::JsRecordService;

/// File tokens.
#[wasm_bindgen(js_name = FileService)]
pub struct JsFileService {
    service: FileService,
}

impl JsFileService {
    pub(crate) fn new(service: FileService) -> Self {
        JsFileService { service }
    }
}

#[wasm_bindgen(js_class = FileService)]
impl JsFileService {
    /// A short-lived (about 3 minutes) file token, e.g. for `backups.getDownloadURL`.
    ///
    /// @throws {ClientResponseError} 401 without a session.
    #[wasm_bindgen(js_name = getToken, unchecked_return_type = "Promise<string>")]
    pub fn get_token(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CommonOptions")] options: Option<JsValue>,
    ) -> Promise {
        promise(request(&options.unwrap_or_default(), &[]).map(|o| {
            let sent = self.service.get_token(&o);
            async move { sent.await.map(JsValue::from) }
        }))
    }
}

/// The health check.
#[wasm_bindgen(js_name = HealthService)]
pub struct JsHealthService {
    service: HealthService,
}

impl JsHealthService {
    pub(crate) fn new(service: HealthService) -> Self {
        JsHealthService { service }
    }
}

#[wasm_bindgen(js_class = HealthService)]
impl JsHealthService {
    /// `GET /api/health`; superusers also see `data.canBackup`.
    #[wasm_bindgen(unchecked_return_type = "Promise<HealthCheckResponse>")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CommonOptions")] options: Option<JsValue>,
    ) -> Promise {
        promise(
            request(&options.unwrap_or_default(), &[])
                .map(|o| self.service.check_request(&o).json_js(JsValue::is_object)),
        )
    }
}

/// The server's cron jobs (superusers only).
#[wasm_bindgen(js_name = CronService)]
pub struct JsCronService {
    service: CronService,
}

impl JsCronService {
    pub(crate) fn new(service: CronService) -> Self {
        JsCronService { service }
    }
}

#[wasm_bindgen(js_class = CronService)]
impl JsCronService {
    /// Every cron job; the scheduled backup is `__pbAutoBackup__` while
    /// `backups.cron` is set.
    #[wasm_bindgen(js_name = getFullList, unchecked_return_type = "Promise<Array<CronJob>>")]
    pub fn get_full_list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CommonOptions")] options: Option<JsValue>,
    ) -> Promise {
        promise(request(&options.unwrap_or_default(), &[]).map(|o| {
            self.service
                .full_list_request(&o)
                .json_js(js_sys::Array::is_array)
        }))
    }

    /// Runs a cron job now; resolves with `true`.
    ///
    /// @throws {ClientResponseError} 404 for an unknown job.
    #[wasm_bindgen(unchecked_return_type = "Promise<boolean>")]
    pub fn run(
        &self,
        #[wasm_bindgen(js_name = jobId, unchecked_param_type = "string")] job_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommonOptions")] options: Option<JsValue>,
    ) -> Promise {
        promise((|| {
            let job_id = string(&job_id, "jobId")?;
            let sent = self
                .service
                .run(&job_id, &request(&options.unwrap_or_default(), &[])?);
            Ok(async move { sent.await.map(|()| JsValue::TRUE) })
        })())
    }
}
