//! Moving backup files: upload (with progress), download to a `Blob`, and save
//! through the browser's own download.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Blob, File, FormData};

use super::BackupService;
use crate::client::{Body, HttpResponse};
use crate::core::names::uploaded_key;
use crate::core::progress::ProgressTracker;
use crate::core::url;
use crate::error::Error;
use crate::options::{RequestKey, RequestOptions};
use crate::transport::page::trigger_download;

/// What `upload` sends.
pub enum UploadSource {
    /// A `File` (stored under its name) or a `Blob` (stored as `blob`).
    Blob(Blob),
    /// A form whose `file` field holds the file.
    Form(FormData),
}

pub use crate::core::progress::ProgressFn;

/// What [`BackupService::upload_with`] does beyond a plain upload.
#[derive(Clone)]
pub struct UploadOptions {
    /// Progress reports; uploads then go through `XMLHttpRequest`.
    pub on_progress: Option<ProgressFn>,
    /// Inspect the file first and refuse, before sending a byte, one that is not a
    /// zip or has no `data.db` (default true).
    pub verify: bool,
}

impl Default for UploadOptions {
    fn default() -> Self {
        UploadOptions {
            on_progress: None,
            verify: true,
        }
    }
}

impl BackupService {
    /// Uploads a backup zip and returns the key it is stored under. The file is handed
    /// to the browser as a handle and streamed from there: it never enters wasm memory.
    pub fn upload(
        &self,
        source: UploadSource,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<String, Error>> {
        self.upload_with(source, options, UploadOptions::default())
    }

    /// [`BackupService::upload`] with options:
    /// - `verify` (default): the zip's central directory is read first, and a file that
    ///   is not a zip, or has no `data.db`, is refused before a byte is sent (status
    ///   400, `response.data.file.code`);
    /// - `on_progress(loaded, total)` in bytes of the file: first `(0, size)`, then as
    ///   bytes leave (through `XMLHttpRequest`), never backwards, and `(size, size)` once
    ///   the server has stored it.
    pub fn upload_with(
        &self,
        source: UploadSource,
        options: &RequestOptions,
        upload: UploadOptions,
    ) -> impl Future<Output = Result<String, Error>> {
        let prepared = upload_form(source);
        // Without verification the request starts now, like every other call.
        let early = match (&prepared, upload.verify) {
            (Ok(p), false) => Some(self.start_upload(p, options, upload.on_progress.clone())),
            _ => None,
        };
        let (backups, options) = (self.clone(), options.clone());
        async move {
            let prepared = prepared?;
            let (sent, progress) = match early {
                Some(started) => started,
                None => {
                    if let Some(e) = backups.inspect(&prepared.file).await?.upload_error() {
                        return Err(e);
                    }
                    if options.signal.as_ref().is_some_and(|s| s.aborted()) {
                        return Err(Error::aborted(&backups.client.build_url(UPLOAD_PATH), None));
                    }
                    backups.start_upload(&prepared, &options, upload.on_progress)
                }
            };
            if let Err(e) = sent.await {
                // Boxed: the rare path stays out of the upload's state machine.
                let explained: std::pin::Pin<Box<dyn Future<Output = Error>>> =
                    Box::pin(backups.explain_storage_failure(e, "file", &options));
                return Err(explained.await);
            }
            if let Some(progress) = progress {
                progress.finish();
            }
            Ok(uploaded_key(&prepared.file_name))
        }
    }

    fn start_upload(
        &self,
        prepared: &PreparedUpload,
        options: &RequestOptions,
        on_progress: Option<ProgressFn>,
    ) -> (SentFuture, Option<Progress>) {
        let form = prepared.form.clone();
        let Some(report) = on_progress else {
            return (
                Box::pin(
                    self.client
                        .request("POST", UPLOAD_PATH, options)
                        .body(Body::Form(form))
                        .send(),
                ),
                None,
            );
        };
        let progress = Progress {
            tracker: Rc::new(RefCell::new(ProgressTracker::new(prepared.file.size() as u64))),
            report,
        };
        let on_raw = {
            let progress = progress.clone();
            move |loaded: f64, total: f64| progress.update(loaded, total)
        };
        let sent = self
            .client
            .request("POST", UPLOAD_PATH, options)
            .form_with_progress(form, Box::new(on_raw));
        progress.start();
        (sent, Some(progress))
    }

    /// Downloads a backup into a `Blob`, with a file token fetched here. The body is
    /// streamed chunk by chunk (`on_progress(loaded, total)` after each); a 403 or 404
    /// is an [`Error`] with the server's status and message, never a "file" holding the
    /// error text; a body shorter than announced is an error too.
    pub fn download(
        &self,
        key: &str,
        options: &RequestOptions,
        on_progress: Option<ProgressFn>,
    ) -> impl Future<Output = Result<Blob, Error>> {
        let started = self.start_with_token(key, options);
        let (client, options) = (self.client.clone(), options.clone());
        async move {
            let (path, token) = started?;
            let token = token.await?;
            let report = on_progress
                .map(|f| Box::new(move |l: f64, t: f64| f(l as u64, t as u64)) as Box<dyn Fn(f64, f64)>);
            let resp = client
                .request("GET", &path, &with_token(&options, token))
                .blob(Vec::new(), report)
                .await?;
            resp.blob
                .ok_or_else(|| Error::unexpected_body(resp.status, &client.build_url(&path), "no body"))
        }
    }

    /// Hands a backup to the browser's own download (streamed to disk, no `Blob` in
    /// memory) after checking, with a 1-byte range request, that the URL really serves
    /// the file. Returns the URL handed over. A 403/404 is an [`Error`] and nothing is
    /// downloaded.
    pub fn save(&self, key: &str, options: &RequestOptions) -> impl Future<Output = Result<String, Error>> {
        let started = self.start_with_token(key, options);
        let (backups, options, key) = (self.clone(), options.clone(), key.to_string());
        async move {
            let (path, token) = started?;
            let token = token.await?;
            let probe = vec![("Range".to_string(), "bytes=0-0".to_string())];
            backups
                .client
                .request("GET", &path, &with_token(&options, token.clone()))
                .blob(probe, None)
                .await?;
            let url = backups.get_download_url(&token, &key, &[])?;
            trigger_download(&url).map_err(|e| Error::network(&url, e))?;
            Ok(url)
        }
    }

    /// The path of `key` and the file-token request for it, started now.
    pub(super) fn start_with_token(
        &self,
        key: &str,
        options: &RequestOptions,
    ) -> Result<(String, impl Future<Output = Result<String, Error>>), Error> {
        let path = url::backup_path(key).map_err(|e| Error::invalid_argument(e.message()))?;
        // The token call is never auto-cancelled, and never cancels the caller's calls.
        let token_options = RequestOptions {
            request_key: RequestKey::None,
            signal: options.signal.clone(),
            fetch: options.fetch.clone(),
            ..RequestOptions::default()
        };
        Ok((path, self.client.files().get_token(&token_options)))
    }
}

/// `options` with the file token as the first query parameter.
pub(super) fn with_token(options: &RequestOptions, token: String) -> RequestOptions {
    let mut options = options.clone();
    options.query.insert(0, ("token".to_string(), token));
    options
}

const UPLOAD_PATH: &str = "/api/backups/upload";

/// An upload ready to send: the multipart form, the file in it, and its name.
struct PreparedUpload {
    form: FormData,
    file: Blob,
    file_name: String,
}

fn upload_form(source: UploadSource) -> Result<PreparedUpload, Error> {
    match source {
        UploadSource::Blob(file) => {
            let file_name = file
                .dyn_ref::<File>()
                .map_or_else(|| "blob".to_string(), File::name);
            let form = FormData::new().map_err(|e| Error::network("", e))?;
            form.append_with_blob_and_filename("file", &file, &file_name)
                .map_err(|e| Error::network("", e))?;
            Ok(PreparedUpload {
                form,
                file,
                file_name,
            })
        }
        UploadSource::Form(form) => {
            let file = form.get("file").dyn_into::<File>().map_err(|_| {
                Error::invalid_argument("The form has no \"file\" field holding a File or Blob.")
            })?;
            Ok(PreparedUpload {
                form,
                file_name: file.name(),
                file: file.into(),
            })
        }
    }
}

/// Progress of one upload: raw transport events in, file-byte reports out.
#[derive(Clone)]
struct Progress {
    tracker: Rc<RefCell<ProgressTracker>>,
    report: ProgressFn,
}

impl Progress {
    fn emit(&self, step: impl FnOnce(&mut ProgressTracker) -> Option<u64>) {
        let (bytes, total) = {
            let mut tracker = self.tracker.borrow_mut();
            (step(&mut tracker), tracker.total())
        };
        // Called with no borrow held: the callback may do anything.
        if let Some(bytes) = bytes {
            (self.report)(bytes, total);
        }
    }

    fn start(&self) {
        self.emit(ProgressTracker::start);
    }

    fn update(&self, loaded: f64, total: f64) {
        self.emit(|t| t.update(loaded, total));
    }

    fn finish(&self) {
        self.emit(ProgressTracker::finish);
    }
}

type SentFuture = Pin<Box<dyn Future<Output = Result<HttpResponse, Error>>>>;
