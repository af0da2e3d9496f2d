//! `client.backups`, `client.files`, `client.health`, `client.collection(name)`.
//!
//! Each async method reads its arguments and sends its request before it returns (so
//! `cancelRequest` works at once, as in the official SDK); a wrong argument gives a
//! rejected promise like any other failure, never a throw or a trap.

use std::future::Future;
use std::pin::Pin;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use web_sys::{Blob, FormData};

use super::args;
use super::error::to_js_error;
use super::types::{
    CreateOptionsArg, DownloadOptionsArg, OptStringArg, PruneOptionsArg, QueryArg, RestoreOptionsArg,
    SendOptionsArg, UploadOptionsArg,
};
use crate::error::Error;
use crate::services::{
    BackupService, FileService, HealthService, RecordService, UploadOptions, UploadSource,
};

/// The promise of a started call, or a rejected promise when it could not start.
fn promise<F>(started: Result<F, Error>) -> Promise
where
    F: Future<Output = Result<JsValue, Error>> + 'static,
{
    match started {
        Ok(fut) => spawn(Box::pin(fut)),
        Err(e) => Promise::reject(&to_js_error(e)),
    }
}

/// One non-generic `future_to_promise` for every method (instead of one copy each).
fn spawn(fut: Pin<Box<dyn Future<Output = Result<JsValue, Error>>>>) -> Promise {
    future_to_promise(async move { fut.await.map_err(to_js_error) })
}

/// `(waited, authCleared)` of a restore.
type Restored = Pin<Box<dyn Future<Output = Result<(bool, bool), Error>>>>;

fn send_options(v: Option<SendOptionsArg>) -> Result<crate::RequestOptions, Error> {
    args::request_options(&v.map(JsValue::from).unwrap_or(JsValue::UNDEFINED))
}

fn upload_source(body: &JsValue) -> Result<UploadSource, Error> {
    if let Some(form) = body.dyn_ref::<FormData>() {
        return Ok(UploadSource::Form(form.clone()));
    }
    if let Some(blob) = body.dyn_ref::<Blob>() {
        return Ok(UploadSource::Blob(blob.clone()));
    }
    if body.is_object() {
        if let Some(blob) = args::prop(body, "file").and_then(|f| f.dyn_into::<Blob>().ok()) {
            return Ok(UploadSource::Blob(blob));
        }
    }
    Err(Error::invalid_argument(
        "upload needs a File or Blob, an object {file: File}, or a FormData with a \"file\" field.",
    ))
}

/// The Backups API. Every call needs a superuser session (see
/// `client.collection("_superusers").authWithPassword`).
#[wasm_bindgen(js_name = BackupService)]
pub struct JsBackupService {
    service: BackupService,
}

impl JsBackupService {
    pub(crate) fn new(service: BackupService) -> Self {
        JsBackupService { service }
    }
}

#[wasm_bindgen(js_class = BackupService)]
impl JsBackupService {
    /// Lists every backup, sorted by key.
    ///
    /// @example
    /// ```js
    /// for (const b of await client.backups.getFullList()) console.log(b.key, b.size, b.modified);
    /// ```
    /// @throws {ClientResponseError} 401 without a session, 403 for a non-superuser.
    #[wasm_bindgen(js_name = getFullList, unchecked_return_type = "Promise<BackupFileInfo[]>")]
    pub fn get_full_list(&self, options: Option<SendOptionsArg>) -> Promise {
        promise(send_options(options).map(|o| self.service.get_full_list_js(&o)))
    }

    /// Creates a backup and resolves with its key. Without a name (or with `""`), a
    /// unique valid name is generated, so two creates in the same second never collide.
    /// An invalid name is refused before any request, with the server's status and code.
    ///
    /// @example
    /// ```js
    /// const key = await client.backups.create("before_upgrade.zip");
    /// const auto = await client.backups.create();
    /// const waited = await client.backups.create(null, { retryIfBusy: true });
    /// ```
    /// @throws {ClientResponseError} 400 with `response.data.name.code`
    /// (`validation_match_invalid`, `validation_length_out_of_range`,
    /// `validation_backup_name_exists`), or "Try again later" while another
    /// backup/restore runs (unless `retryIfBusy`).
    #[wasm_bindgen(unchecked_return_type = "Promise<string>")]
    pub fn create(&self, name: Option<OptStringArg>, options: Option<CreateOptionsArg>) -> Promise {
        promise((|| {
            let name = args::opt_string(&name.map(JsValue::from).unwrap_or(JsValue::UNDEFINED), "name")?;
            let options = options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
            let retry = args::retry_if_busy(&options)?;
            let sent = self
                .service
                .create_with(name.as_deref(), &args::request_options(&options)?, retry);
            Ok(async move { sent.await.map(JsValue::from) })
        })())
    }

    /// Uploads a backup zip and resolves with the key it is stored under (the file's
    /// own name). The file is streamed by the browser; it is never copied into wasm
    /// memory.
    ///
    /// @example
    /// ```js
    /// const key = await client.backups.upload(input.files[0], {
    ///   onProgress: ({ loaded, total }) => (bar.value = loaded / total),
    ///   signal: controller.signal,
    /// });
    /// ```
    /// @throws {ClientResponseError} 400 with `response.data.file.code` for a non-zip or
    /// an existing name.
    #[wasm_bindgen(unchecked_return_type = "Promise<string>")]
    pub fn upload(
        &self,
        #[wasm_bindgen(unchecked_param_type = "UploadBody")] body: JsValue,
        options: Option<UploadOptionsArg>,
    ) -> Promise {
        promise((|| {
            let source = upload_source(&body)?;
            let options = options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
            let upload = UploadOptions {
                on_progress: args::on_progress(&options)?,
                verify: args::flag(&options, "verify", true)?,
            };
            let sent = self
                .service
                .upload_with(source, &args::request_options(&options)?, upload);
            Ok(async move { sent.await.map(JsValue::from) })
        })())
    }

    /// The absolute download URL of a backup, for a file token from
    /// `client.files.getToken()`. The URL carries only that short-lived token.
    ///
    /// @example
    /// ```js
    /// const token = await client.files.getToken();
    /// location.href = client.backups.getDownloadURL(token, "before_upgrade.zip");
    /// ```
    /// @throws {ClientResponseError} when an argument is not a string, or for the keys
    /// `""`, `"."` and `".."`, which no URL can address.
    #[wasm_bindgen(js_name = getDownloadURL)]
    pub fn get_download_url(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        query: Option<QueryArg>,
    ) -> Result<String, JsValue> {
        let url = (|| {
            let token = args::string(&token, "token")?;
            let key = args::string(&key, "key")?;
            let query = args::query(&query.map(JsValue::from).unwrap_or(JsValue::UNDEFINED))?;
            self.service.get_download_url(&token, &key, &query)
        })();
        url.map_err(to_js_error)
    }

    /// Same as `getDownloadURL` (older spelling).
    #[wasm_bindgen(js_name = getDownloadUrl)]
    pub fn get_download_url_alias(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        query: Option<QueryArg>,
    ) -> Result<String, JsValue> {
        self.get_download_url(token, key, query)
    }

    /// Deletes the backups a retention policy selects and resolves with their keys,
    /// oldest first (with `dryRun`, what it would delete). It never deletes a backup
    /// being written.
    ///
    /// @example
    /// ```js
    /// // Keep the 7 newest nightly backups, and none older than 30 days.
    /// const deleted = await client.backups.prune({
    ///   match: "nightly_", keep: 7, olderThan: 30 * 24 * 3600 * 1000,
    /// });
    /// ```
    /// @throws {ClientResponseError} status 0 for a policy with neither `keep` nor
    /// `olderThan`.
    #[wasm_bindgen(unchecked_return_type = "Promise<string[]>")]
    pub fn prune(&self, options: Option<PruneOptionsArg>) -> Promise {
        promise((|| {
            let options = options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
            let (policy, matches, dry_run) = args::prune(&options)?;
            let sent = self
                .service
                .prune(policy, matches, dry_run, &args::request_options(&options)?);
            Ok(async move { args::to_js(&sent.await?) })
        })())
    }

    /// Reads only a zip's central directory (a few `Blob.slice` reads, whatever the
    /// file's size) and reports its entries and whether it looks like a backup of this
    /// server (`data.db` at its root). Resolves with a verdict for any bytes.
    ///
    /// @example
    /// ```js
    /// const report = await client.backups.inspect(input.files[0]);
    /// if (!report.isBackup) alert(report.error?.message ?? "No data.db in this zip.");
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Promise<ZipInspection>")]
    pub fn inspect(&self, #[wasm_bindgen(unchecked_param_type = "Blob")] file: JsValue) -> Promise {
        promise((|| {
            let file: Blob = file
                .dyn_into()
                .map_err(|_| Error::invalid_argument("inspect needs a File or Blob."))?;
            let service = self.service.clone();
            Ok(async move { args::inspection(&service.inspect(&file).await?) })
        })())
    }

    /// Downloads a backup into a `Blob` (it gets a file token itself), streaming it
    /// with progress. A 403 or 404 rejects with the server's status and message
    /// instead of resolving with the error text as "data".
    ///
    /// @example
    /// ```js
    /// const blob = await client.backups.download("before_upgrade.zip", {
    ///   onProgress: ({ loaded, total }) => (bar.value = loaded / total),
    /// });
    /// ```
    /// @throws {ClientResponseError} 403 / 404 from the server; status 0 when the
    /// connection drops or the body ends early.
    #[wasm_bindgen(unchecked_return_type = "Promise<Blob>")]
    pub fn download(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        options: Option<DownloadOptionsArg>,
    ) -> Promise {
        promise((|| {
            let key = args::string(&key, "key")?;
            let options = options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
            let on_progress = args::on_progress(&options)?;
            let sent = self
                .service
                .download(&key, &args::request_options(&options)?, on_progress);
            Ok(async move { sent.await.map(JsValue::from) })
        })())
    }

    /// Hands a backup to the browser's own download (streamed to disk, no `Blob` in
    /// memory), after a 1-byte range request has shown that the URL really serves the
    /// file. Resolves with the URL handed over.
    ///
    /// @throws {ClientResponseError} 403 / 404 from the server; then nothing is
    /// downloaded.
    #[wasm_bindgen(unchecked_return_type = "Promise<string>")]
    pub fn save(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        options: Option<SendOptionsArg>,
    ) -> Promise {
        promise((|| {
            let key = args::string(&key, "key")?;
            let sent = self.service.save(&key, &send_options(options)?);
            Ok(async move { sent.await.map(JsValue::from) })
        })())
    }

    /// Deletes a backup.
    ///
    /// @throws {ClientResponseError} 400 when the key does not exist.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        options: Option<SendOptionsArg>,
    ) -> Promise {
        promise((|| {
            let key = args::string(&key, "key")?;
            let sent = self.service.delete(&key, &send_options(options)?);
            Ok(async move { sent.await.map(|()| JsValue::UNDEFINED) })
        })())
    }

    /// Restores a backup. By default resolves as soon as the server accepts (it
    /// replaces its data and restarts about a second later); with `wait: true`,
    /// resolves only once the server answers again on the restored data, reporting
    /// phases to `onStatus`, and rejects if the restart does not come within
    /// `timeoutMs` (as for a backup without `data.db`, which the server silently
    /// ignores).
    ///
    /// @example
    /// ```js
    /// const { authCleared } = await client.backups.restore("before_upgrade.zip", {
    ///   wait: true,
    ///   onStatus: (s) => (statusLine.textContent = s),
    /// });
    /// ```
    /// @throws {ClientResponseError} 400 "Missing or invalid backup file." for an unknown
    /// key; status 0 when the restart does not happen in time.
    #[wasm_bindgen(unchecked_return_type = "Promise<RestoreResult>")]
    pub fn restore(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        options: Option<RestoreOptionsArg>,
    ) -> Promise {
        promise((|| {
            let key = args::string(&key, "key")?;
            let options = options.map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
            let wait = args::restore_wait(&options)?;
            let request = args::request_options(&options)?;
            let outcome: Restored = match wait {
                Some(wait) => {
                    let sent = self.service.restore_and_wait(&key, &request, wait);
                    Box::pin(async move { sent.await.map(|o| (true, o.auth_cleared)) })
                }
                None => {
                    let sent = self.service.restore(&key, &request);
                    Box::pin(async move { sent.await.map(|()| (false, false)) })
                }
            };
            Ok(async move {
                let (waited, auth_cleared) = outcome.await?;
                let result = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&result, &"waited".into(), &JsValue::from_bool(waited));
                let _ =
                    js_sys::Reflect::set(&result, &"authCleared".into(), &JsValue::from_bool(auth_cleared));
                Ok(result.into())
            })
        })())
    }
}

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
    pub fn get_token(&self, options: Option<SendOptionsArg>) -> Promise {
        promise(send_options(options).map(|o| {
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
    pub fn check(&self, options: Option<SendOptionsArg>) -> Promise {
        promise(send_options(options).map(|o| {
            let sent = self.service.check(&o);
            async move { args::to_js(&sent.await?) }
        }))
    }
}

/// The records of one auth collection.
#[wasm_bindgen(js_name = RecordService)]
pub struct JsRecordService {
    service: RecordService,
}

impl JsRecordService {
    pub(crate) fn new(service: RecordService) -> Self {
        JsRecordService { service }
    }
}

#[wasm_bindgen(js_class = RecordService)]
impl JsRecordService {
    /// Signs in with e-mail and password; the session is saved in `client.authStore`.
    ///
    /// @example
    /// ```js
    /// await client.collection("_superusers").authWithPassword("admin@example.com", "password123");
    /// ```
    /// @throws {ClientResponseError} 400 "Failed to authenticate." for wrong credentials.
    #[wasm_bindgen(js_name = authWithPassword, unchecked_return_type = "Promise<AuthResponse>")]
    pub fn auth_with_password(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] identity: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] password: JsValue,
        options: Option<SendOptionsArg>,
    ) -> Promise {
        promise((|| {
            let identity = args::string(&identity, "identity")?;
            let password = args::string(&password, "password")?;
            let sent = self
                .service
                .auth_with_password(&identity, &password, &send_options(options)?);
            Ok(async move { args::to_js(&sent.await?) })
        })())
    }
}
