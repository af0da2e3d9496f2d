//! Moving backup files: upload (with progress), download to a `Blob`, and save
//! through the browser's own download.

use std::future::Future;
use std::pin::Pin;

use wasm_bindgen::JsCast;
use web_sys::{Blob, File, FormData};

use super::super::run::{run, run_for_file, Hooks};
use super::BackupService;
use crate::calls::{ByToken, CheckUpload, Purpose, Upload, UPLOAD_PATH};
use crate::core::url;
use crate::error::Error;
use crate::options::RequestOptions;
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
        let (client, opts, on_upload) = (self.client.clone(), options.clone(), upload.on_progress);
        let send = move |prepared: PreparedUpload| {
            let hooks = Hooks {
                file: Some(prepared.file),
                form: Some(prepared.form),
                on_upload,
                ..Hooks::default()
            };
            run(
                &client,
                &opts,
                UPLOAD_PATH,
                hooks,
                Upload::new(&prepared.file_name),
            )
        };
        // Checked first when asked; else the request starts now, like every other call.
        let call: Pin<Box<dyn Future<Output = Result<String, Error>>>> = match upload_form(source) {
            Err(e) => Box::pin(async move { Err(e) }),
            Ok(prepared) if !upload.verify => Box::pin(send(prepared)),
            Ok(prepared) => {
                let hooks = Hooks {
                    file: Some(prepared.file.clone()),
                    ..Hooks::default()
                };
                let plan = CheckUpload::new(prepared.file.size() as u64);
                let check = run(&self.client, options, UPLOAD_PATH, hooks, plan);
                Box::pin(async move {
                    check.await?;
                    send(prepared).await
                })
            }
        };
        call
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
        let hooks = Hooks {
            on_progress: on_progress
                .map(|f| Box::new(move |l: f64, t: f64| f(l as u64, t as u64)) as Box<dyn Fn(f64, f64)>),
            ..Hooks::default()
        };
        let path = url::backup_path(key).unwrap_or_default();
        let fetched = run_for_file(
            &self.client,
            options,
            &path,
            hooks,
            ByToken::new(key, Purpose::Download),
        );
        let url = self.client.build_url(&path);
        async move {
            let (_, file) = fetched.await?;
            let blob = file.map(|response| (response.status, response.blob));
            match blob {
                Some((_, Some(blob))) => Ok(blob),
                Some((status, None)) => Err(Error::unexpected_body(status, &url, "no body")),
                None => Err(Error::unexpected_body(0, &url, "no body")),
            }
        }
    }

    /// Hands a backup to the browser's own download (streamed to disk, no `Blob` in
    /// memory) after checking, with a 1-byte range request, that the URL really serves
    /// the file. Returns the URL handed over. A 403/404 is an [`Error`] and nothing is
    /// downloaded.
    pub fn save(&self, key: &str, options: &RequestOptions) -> impl Future<Output = Result<String, Error>> {
        let path = url::backup_path(key).unwrap_or_default();
        let probed = run(
            &self.client,
            options,
            &path,
            Hooks::default(),
            ByToken::new(key, Purpose::Save),
        );
        let (backups, key) = (self.clone(), key.to_string());
        async move {
            let token = probed.await?;
            let url = backups.get_download_url(&token, &key, &[])?;
            trigger_download(&url).map_err(|e| Error::network(&url, e))?;
            Ok(url)
        }
    }
}

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
