//! `client.settings()`: the server's settings, as the official SDK's `SettingsService`
//! has them (`getAll`, `update`, `testS3`). The backup settings have a typed layer in
//! [`BackupService`](crate::services::BackupService) (schedule and storage).

use std::future::Future;

use super::run::{run, Hooks};
use crate::calls::{single, SETTINGS_PATH as PATH, TEST_S3_PATH};
use crate::client::{Client, Request};
use crate::core::json::Json;
use crate::core::models::FromJson;
use crate::error::Error;
use crate::options::RequestOptions;

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
    pub fn get_all<T: FromJson + 'static>(
        &self,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<T, Error>> {
        run(
            &self.client,
            options,
            PATH,
            Hooks::default(),
            single::settings::<T>(),
        )
    }

    /// The request of [`SettingsService::get_all`], to be read another way.
    pub fn get_all_request<'a>(&'a self, options: &'a RequestOptions) -> Request<'a> {
        self.client.request("GET", PATH, options)
    }

    /// Changes the settings named in `body` (the others keep their values) and reads
    /// the whole settings back as a `T`.
    pub fn update<T: FromJson + 'static>(
        &self,
        body: &Json,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<T, Error>> {
        run(
            &self.client,
            options,
            PATH,
            Hooks::default(),
            single::update_settings::<T>(body),
        )
    }

    /// The request of [`SettingsService::update`], for any body (JSON text, a
    /// `FormData` …) and to be read another way.
    pub fn update_request<'a>(&'a self, options: &'a RequestOptions) -> Request<'a> {
        self.client.request("PATCH", PATH, options)
    }

    /// Tests the S3 connection of a filesystem (`"storage"` or `"backups"`): the
    /// server writes and deletes a test file. The server's error (400) says why not.
    pub fn test_s3(
        &self,
        filesystem: &str,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<(), Error>> {
        run(
            &self.client,
            options,
            TEST_S3_PATH,
            Hooks::default(),
            single::test_s3(filesystem),
        )
    }
}
