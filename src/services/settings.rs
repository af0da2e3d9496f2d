//! `client.settings()`: the server's settings, as the official SDK's `SettingsService`
//! has them (`getAll`, `update`, `testS3`). The backup settings have a typed layer in
//! [`BackupService`](crate::services::BackupService) (schedule and storage).

use std::future::Future;

use wasm_bindgen::JsValue;

use crate::client::Body;
use crate::client::Client;
use crate::core::json::Json;
use crate::core::models::FromJson;
use crate::error::Error;
use crate::options::RequestOptions;

const PATH: &str = "/api/settings";
const TEST_S3_PATH: &str = "/api/settings/test/s3";

/// The settings (superusers only).
#[derive(Clone)]
pub struct SettingsService {
    client: Client,
}

impl SettingsService {
    pub(crate) fn new(client: Client) -> Self {
        SettingsService { client }
    }

    /// Every setting, read as a `T` (e.g.
    /// [`BackupSettings`](crate::core::settings::BackupSettings)).
    pub fn get_all<T: FromJson>(&self, options: &RequestOptions) -> impl Future<Output = Result<T, Error>> {
        self.client.request("GET", PATH, options).json()
    }

    /// [`SettingsService::get_all`] as a JS object parsed by the JS engine.
    pub fn get_all_js(&self, options: &RequestOptions) -> impl Future<Output = Result<JsValue, Error>> {
        self.client
            .request("GET", PATH, options)
            .json_js(JsValue::is_object)
    }

    /// Changes the settings named in `body` (the others keep their values) and reads
    /// the whole settings back as a `T`.
    pub fn update<T: FromJson>(
        &self,
        body: &Json,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<T, Error>> {
        self.client
            .request("PATCH", PATH, options)
            .body(Body::Json(body.to_text()))
            .json()
    }

    /// [`SettingsService::update`] with any body (JSON text, a `FormData` …), the
    /// answer as a JS object parsed by the JS engine.
    pub fn update_js(
        &self,
        body: Body,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<JsValue, Error>> {
        self.client
            .request("PATCH", PATH, options)
            .body(body)
            .json_js(JsValue::is_object)
    }

    /// Tests the S3 connection of a filesystem (`"storage"` or `"backups"`): the
    /// server writes and deletes a test file. The server's error (400) says why not.
    pub fn test_s3(
        &self,
        filesystem: &str,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<(), Error>> {
        let body = Json::object([("filesystem", Json::str(filesystem))]).to_text();
        let sent = self
            .client
            .request("POST", TEST_S3_PATH, options)
            .body(Body::Json(body))
            .send();
        async move { sent.await.map(drop) }
    }
}
