//! `pb.backups`: the official SDK's calls, and the ones it never had (progress,
//! verification, downloads that cannot lie, restores that wait, prune).

use wasm_bindgen::prelude::*;
use web_sys::{Blob, FormData};

use super::convert::type_error;
use super::convert::{opt_string, prop, string, to_js};
use super::error::prune_error;
use super::options::{self, request};
use super::promise::promise;
use super::zip::inspection;
use crate::services::{BackupService, UploadOptions, UploadSource};

/// The Backups API. Every call needs a superuser session (see
/// `pb.collection("_superusers").authWithPassword`).
#[wasm_bindgen(js_name = BackupService)]
pub struct JsBackupService {
    pub(super) service: BackupService,
}

impl JsBackupService {
    pub(crate) fn new(service: BackupService) -> Self {
        JsBackupService { service }
    }

    /// The Rust service, for the facade's other files.
    pub(crate) fn service(&self) -> &BackupService {
        &self.service
    }
}

fn upload_source(body: &JsValue) -> Result<UploadSource, JsValue> {
    if let Some(form) = body.dyn_ref::<FormData>() {
        return Ok(UploadSource::Form(form.clone()));
    }
    if let Some(blob) = body.dyn_ref::<Blob>() {
        return Ok(UploadSource::Blob(blob.clone()));
    }
    if let Some(blob) = prop(body, "file").and_then(|f| f.dyn_into::<Blob>().ok()) {
        return Ok(UploadSource::Blob(blob));
    }
    Err(type_error(
        "upload needs {file: File | Blob}, a File or Blob, or a FormData with a \"file\" field.",
    ))
}

#[wasm_bindgen(js_class = BackupService)]
impl JsBackupService {
    /// Lists every backup, sorted by key.
    ///
    /// @example
    /// ```js
    /// for (const b of await pb.backups.getFullList()) console.log(b.key, b.size, b.modified);
    /// ```
    /// @throws {ClientResponseError} 401 without a session, 403 for a non-superuser.
    #[wasm_bindgen(js_name = getFullList, unchecked_return_type = "Promise<Array<BackupFileInfo>>")]
    pub fn get_full_list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CommonOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        promise(request(&options.unwrap_or_default(), &[]).map(|o| {
            self.service
                .full_list_request(&o)
                .json_js(js_sys::Array::is_array)
        }))
    }

    /// Creates a backup and resolves with its key (the official SDK resolves with
    /// `true`; a key is truthy too). Without a name (or with `""`), a unique valid name
    /// is generated, so two creates in the same second never collide. An invalid name
    /// is refused before any request, with the server's status and code.
    ///
    /// @example
    /// ```js
    /// const key = await pb.backups.create("before_upgrade.zip");
    /// const auto = await pb.backups.create("");
    /// const waited = await pb.backups.create("", { retryIfBusy: true });
    /// ```
    /// @throws {ClientResponseError} 400 with `response.data.name.code`
    /// (`validation_match_invalid`, `validation_length_out_of_range`,
    /// `validation_backup_name_exists`), or "Try again later" while another
    /// backup/restore runs (unless `retryIfBusy`).
    #[wasm_bindgen(unchecked_return_type = "Promise<string>")]
    pub fn create(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] basename: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CreateOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        promise((|| {
            let name = opt_string(&basename.unwrap_or_default(), "basename")?;
            let options = options.unwrap_or_default();
            let request = request(&options, &["retryIfBusy"])?;
            let sent = self
                .service
                .create_with(name.as_deref(), &request, options::retry_if_busy(&options)?);
            Ok(async move { sent.await.map(JsValue::from) })
        })())
    }

    /// Uploads a backup zip and resolves with the key it is stored under (the file's
    /// own name; the official SDK resolves with `true`). The file is streamed by the
    /// browser, never copied into wasm memory.
    ///
    /// @example
    /// ```js
    /// const key = await pb.backups.upload({ file: input.files[0] }, {
    ///   onProgress: ({ loaded, total }) => (bar.value = loaded / total),
    ///   signal: controller.signal,
    /// });
    /// ```
    /// @throws {ClientResponseError} 400 with `response.data.file.code` for a non-zip or
    /// an existing name (with `verify`, a file without `data.db` is refused before
    /// sending).
    #[wasm_bindgen(unchecked_return_type = "Promise<string>")]
    pub fn upload(
        &self,
        #[wasm_bindgen(js_name = bodyParams, unchecked_param_type = "UploadBody")] body: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "UploadOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        promise((|| {
            let source = upload_source(&body)?;
            let options = options.unwrap_or_default();
            let request = request(&options, &["onProgress", "verify"])?;
            let upload = UploadOptions {
                on_progress: options::on_progress(&options)?,
                verify: options::flag(&options, "verify", true)?,
            };
            let sent = self.service.upload_with(source, &request, upload);
            Ok(async move { sent.await.map(JsValue::from) })
        })())
    }

    /// The absolute download URL of a backup, for a file token from
    /// `pb.files.getToken()`. The URL carries only that short-lived token.
    ///
    /// @example
    /// ```js
    /// const token = await pb.files.getToken();
    /// location.href = pb.backups.getDownloadURL(token, "before_upgrade.zip");
    /// ```
    /// @throws {TypeError} when an argument is not a string, or for the keys `""`,
    /// `"."` and `".."`, which no URL can address.
    #[wasm_bindgen(js_name = getDownloadURL)]
    pub fn get_download_url(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Record<string, QueryValue>")] query: Option<JsValue>,
    ) -> Result<String, JsValue> {
        let token = string(&token, "token")?;
        let key = string(&key, "key")?;
        let query = options::query(&query.unwrap_or_default())?;
        self.service
            .get_download_url(&token, &key, &query)
            .map_err(super::error::to_js_error)
    }

    /// Same as `getDownloadURL` (older name).
    #[wasm_bindgen(js_name = getDownloadUrl)]
    pub fn get_download_url_alias(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Record<string, QueryValue>")] query: Option<JsValue>,
    ) -> Result<String, JsValue> {
        self.get_download_url(token, key, query)
    }

    /// Deletes the backups a retention policy selects and resolves with their keys,
    /// oldest first (with `dryRun`, what it would delete). Ages count back from the
    /// server's clock (its `Date` header where the browser shows it: same origin, or
    /// `Access-Control-Expose-Headers: Date`; else the client's). A policy by age
    /// without `keep` keeps the newest backup (`keep: 0` allows deleting it). It
    /// never deletes a backup being written. Pass a dry run's keys as `only` to delete
    /// nothing that was not previewed.
    ///
    /// @example
    /// ```js
    /// // Keep the 7 newest nightly backups, and none older than 30 days.
    /// const policy = { match: "nightly_", keep: 7, olderThan: 30 * 24 * 3600 * 1000 };
    /// const preview = await pb.backups.prune({ ...policy, dryRun: true });
    /// const deleted = await pb.backups.prune({ ...policy, only: preview });
    /// ```
    /// @throws {TypeError} for a policy with neither `keep` nor `olderThan`.
    /// @throws {PruneError} when a key it meant to delete (selected, or named in
    /// `only`) was not deleted: `e.deleted` lists what was, `e.failed` each key
    /// that was not with its error (a 400 for a key deleted by someone else meanwhile).
    #[wasm_bindgen(unchecked_return_type = "Promise<string[]>")]
    pub fn prune(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "PruneOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        promise((|| {
            let options = options.unwrap_or_default();
            let request = request(&options, &["keep", "olderThan", "match", "only", "dryRun"])?;
            let prune = options::prune(&options)?;
            let dry_run = prune.dry_run;
            let sent = self.service.prune(prune, &request);
            Ok(async move {
                let report = sent.await?;
                let keys =
                    |keys: &[String]| js_sys::Array::from_iter(keys.iter().map(|k| JsValue::from_str(k)));
                Ok(if dry_run {
                    keys(&report.selected).into()
                } else if report.failed.is_empty() {
                    keys(&report.deleted).into()
                } else {
                    // Resolving with a rejected promise rejects the call's promise with
                    // the same error (and keeps one shared `spawn` for every method).
                    js_sys::Promise::reject(&prune_error(report)).into()
                })
            })
        })())
    }

    /// Reads only a zip's central directory (a few `Blob.slice` reads, whatever the
    /// file's size) and reports its entries and whether it looks like a backup of this
    /// server (`data.db` at its root). Resolves with a verdict for any bytes.
    ///
    /// @example
    /// ```js
    /// const report = await pb.backups.inspect(input.files[0]);
    /// if (!report.isBackup) alert(report.error?.message ?? "No data.db in this zip.");
    /// ```
    /// @throws {TypeError} when `file` is not a `Blob`.
    #[wasm_bindgen(unchecked_return_type = "Promise<ZipInspection>")]
    pub fn inspect(&self, #[wasm_bindgen(unchecked_param_type = "Blob")] file: JsValue) -> js_sys::Promise {
        promise((|| {
            let file: Blob = file
                .dyn_into()
                .map_err(|_| type_error("inspect needs a File or Blob."))?;
            let service = self.service.clone();
            Ok(async move { Ok(inspection(&service.inspect(&file).await?)) })
        })())
    }

    /// Downloads a backup into a `Blob` (it gets a file token itself), streaming it
    /// with progress. A 403 or 404 rejects with the server's status and message
    /// instead of resolving with the error text as "data".
    ///
    /// @example
    /// ```js
    /// const blob = await pb.backups.download("before_upgrade.zip", {
    ///   onProgress: ({ loaded, total }) => (bar.value = loaded / total),
    /// });
    /// ```
    /// @throws {ClientResponseError} 403 / 404 from the server; status 0 when the
    /// connection drops or the body ends early.
    #[wasm_bindgen(unchecked_return_type = "Promise<Blob>")]
    pub fn download(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DownloadOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        promise((|| {
            let key = string(&key, "key")?;
            let options = options.unwrap_or_default();
            let request = request(&options, &["onProgress"])?;
            let sent = self
                .service
                .download(&key, &request, options::on_progress(&options)?);
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
        #[wasm_bindgen(unchecked_optional_param_type = "SendOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        promise((|| {
            let key = string(&key, "key")?;
            let sent = self
                .service
                .save(&key, &request(&options.unwrap_or_default(), &[])?);
            Ok(async move { sent.await.map(JsValue::from) })
        })())
    }

    /// Deletes a backup; resolves with `true`.
    ///
    /// @throws {ClientResponseError} 400 when the key does not exist.
    #[wasm_bindgen(unchecked_return_type = "Promise<boolean>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommonOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        promise((|| {
            let key = string(&key, "key")?;
            let sent = self
                .service
                .delete(&key, &request(&options.unwrap_or_default(), &[])?);
            Ok(async move { sent.await.map(|()| JsValue::TRUE) })
        })())
    }

    /// Restores a backup; with `wait: true`, resolves once the server has restarted on
    /// the restored data. (Its TypeScript declaration, one overload per result, and its
    /// documentation are in `types.rs`.)
    #[wasm_bindgen(skip_typescript)]
    pub fn restore(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RestoreOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        let started: Result<std::pin::Pin<Box<dyn std::future::Future<Output = _>>>, JsValue> = (|| {
            let key = string(&key, "key")?;
            let options = options.unwrap_or_default();
            let request = request(&options, &["wait", "timeoutMs", "onStatus"])?;
            Ok(match options::restore_wait(&options)? {
                Some(wait) => {
                    let sent = self.service.restore_and_wait(&key, &request, wait);
                    Box::pin(async move { Ok(restore_report(&sent.await?)) })
                        as std::pin::Pin<Box<dyn std::future::Future<Output = _>>>
                }
                None => {
                    let sent = self.service.restore(&key, &request);
                    Box::pin(async move { sent.await.map(|()| JsValue::TRUE) })
                }
            })
        })();
        promise(started)
    }

    /// Keeps waiting for a restore already requested, e.g. after a waited `restore`
    /// rejected with `response.code === "restore_in_progress"`: resolves with a
    /// `RestoreReport` once the server's process has restarted and answers again,
    /// reporting phases to `onStatus`, and rejects the same way as a waited restore when
    /// no restart comes within `timeoutMs` (as when the restore is already over or never
    /// happens) or `signal` aborts.
    ///
    /// @example
    /// ```js
    /// try {
    ///   await pb.backups.restore(key, { wait: true, timeoutMs: 120_000 });
    /// } catch (e) {
    ///   if (e.response?.code !== "restore_in_progress") throw e;
    ///   await pb.backups.watchRestore({ timeoutMs: 30 * 60_000 });
    /// }
    /// ```
    /// @throws {ClientResponseError} status 0 with `response.code ===
    /// "restore_in_progress"` when no restart was seen in time.
    /// @throws {TypeError} for a `timeoutMs` that is not a positive number of
    /// milliseconds up to 24 h.
    #[wasm_bindgen(js_name = watchRestore, unchecked_return_type = "Promise<RestoreReport>")]
    pub fn watch_restore(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "WatchRestoreOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        promise((|| {
            let options = options.unwrap_or_default();
            let request = request(&options, &["timeoutMs", "onStatus"])?;
            let sent = self
                .service
                .watch_restore(&request, options::watch_restore(&options)?);
            Ok(async move { Ok(restore_report(&sent.await?)) })
        })())
    }
}

// The waited restore's TypeScript, beside its converter (the keys are
// RestoreReport::to_json's: tests/typescript.rs holds them to each other).
#[wasm_bindgen(typescript_custom_section)]
const TS_RESTORE_REPORT: &'static str = r#"
/** What a waited `backups.restore` found. */
export interface RestoreReport {
  /** Always true: the call waited for the server's restart. */
  waited: true;
  /** True when the restored data refused the stored session and it was cleared. */
  authCleared: boolean;
}
"#;

/// The `RestoreReport` of `report`.
fn restore_report(report: &crate::services::RestoreReport) -> JsValue {
    to_js(&report.to_json())
}
