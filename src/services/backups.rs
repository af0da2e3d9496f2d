//! `client.backups()`: list, create, upload, download URL, delete, restore.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use serde_json::json;
use wasm_bindgen::JsCast;
use web_sys::{Blob, File, FormData};

use crate::client::Client;
use crate::core::models::BackupFileInfo;
use crate::core::names::{generate_name, uploaded_key, validate_name};
use crate::core::progress::ProgressTracker;
use crate::core::prune::{parse_modified, select, PrunePolicy};
use crate::core::restore::{RestorePhase, RestoreWatch};
use crate::core::retry::{is_busy, Backoff};
use crate::core::url;
use crate::error::Error;
use crate::options::{RequestKey, RequestOptions};
use crate::transport::fetch::Body;
use crate::transport::page::trigger_download;
use crate::transport::runtime;
use crate::transport::watch::ConnectionWatch;

/// What `upload` sends.
pub enum UploadSource {
    /// A `File` (stored under its name) or a `Blob` (stored as `blob`).
    Blob(Blob),
    /// A form whose `file` field holds the file.
    Form(FormData),
}

/// The Backups API. Every call needs a superuser session, except the download URL,
/// which carries a file token instead.
///
/// Each method sends its request when called (as the JS SDK does, so that it can be
/// cancelled at once) and returns a future of the answer; dropping that future
/// cancels the request.
#[derive(Clone)]
pub struct BackupService {
    client: Client,
}

impl BackupService {
    pub(crate) fn new(client: Client) -> Self {
        BackupService { client }
    }

    /// Every backup on the server, sorted by key.
    pub fn get_full_list(
        &self,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<Vec<BackupFileInfo>, Error>> {
        self.client.send_json("GET", "/api/backups", options, Body::Empty)
    }

    /// Creates a backup and returns its key. With no name (or an empty one), a unique
    /// valid name is generated here: the server's own automatic name has one-second
    /// resolution and a second backup in the same second would replace the first.
    /// A name the server would refuse is refused here, before any request, with the
    /// server's status (400) and `data.name.code`.
    pub fn create(
        &self,
        name: Option<&str>,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<String, Error>> {
        self.create_with(name, options, None)
    }

    /// [`BackupService::create`] that, with `retry_if_busy`, waits (with back-off,
    /// within the policy's bound) while another backup or restore runs instead of
    /// failing with "Try again later".
    pub fn create_with(
        &self,
        name: Option<&str>,
        options: &RequestOptions,
        retry_if_busy: Option<Backoff>,
    ) -> impl Future<Output = Result<String, Error>> {
        let name = match name {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => generate_name(runtime::now_ms(), runtime::random_u32()),
        };
        let checked =
            validate_name(&name).map_err(|e| Error::validation("name", e.code, e.message, e.params));
        let body = json!({ "name": name }).to_string();
        // The first attempt starts now; retries start after their back-off.
        let first = checked.map(|()| {
            self.client
                .send("POST", "/api/backups", options, Body::Json(body.clone()))
        });
        let (client, options) = (self.client.clone(), options.clone());
        async move {
            let mut outcome = first?.await;
            let Some(backoff) = retry_if_busy else {
                return outcome.map(|_| name);
            };
            let (mut attempt, mut waited) = (0u32, 0u32);
            while let Err(e) = &outcome {
                if !is_busy(e.status, &e.message) {
                    break;
                }
                let Some(delay) = backoff.delay(attempt, waited, js_sys::Math::random()) else {
                    break;
                };
                runtime::sleep(delay).await;
                if options.signal.as_ref().is_some_and(|s| s.aborted()) {
                    return Err(Error::aborted(&client.build_url("/api/backups"), None));
                }
                (attempt, waited) = (attempt + 1, waited.saturating_add(delay));
                outcome = client
                    .send("POST", "/api/backups", &options, Body::Json(body.clone()))
                    .await;
            }
            outcome.map(|_| name)
        }
    }

    /// Uploads a backup zip and returns the key it is stored under. The file is handed
    /// to the browser as a handle and streamed from there: it never enters wasm memory.
    pub fn upload(
        &self,
        source: UploadSource,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<String, Error>> {
        self.upload_with(source, options, UploadOptions::default())
    }

    /// [`BackupService::upload`] with progress reports: `on_progress(loaded, total)` in
    /// bytes of the file, first `(0, size)`, then as bytes leave (through
    /// `XMLHttpRequest`), never backwards, and `(size, size)` once the server has
    /// stored it.
    pub fn upload_with(
        &self,
        source: UploadSource,
        options: &RequestOptions,
        upload: UploadOptions,
    ) -> impl Future<Output = Result<String, Error>> {
        let started = upload_form(source).map(|(form, file_name, file)| {
            let key = uploaded_key(&file_name);
            let path = "/api/backups/upload";
            let Some(report) = upload.on_progress else {
                return (
                    Box::pin(self.client.send("POST", path, options, Body::Form(form))) as SentFuture,
                    key,
                    None,
                );
            };
            let tracker = Rc::new(RefCell::new(ProgressTracker::new(file.size() as u64)));
            let on_raw = {
                let (tracker, report) = (tracker.clone(), report.clone());
                move |loaded: f64, total: f64| {
                    let update = tracker.borrow_mut().update(loaded, total);
                    let total = tracker.borrow().total();
                    if let Some(bytes) = update {
                        report(bytes, total);
                    }
                }
            };
            let sent = self
                .client
                .send_form_with_progress(path, options, form, Box::new(on_raw));
            let first = tracker.borrow_mut().start();
            if let Some(bytes) = first {
                report(bytes, tracker.borrow().total());
            }
            (sent, key, Some((tracker, report)))
        });
        async move {
            let (sent, key, progress) = started?;
            sent.await?;
            if let Some((tracker, report)) = progress {
                let last = tracker.borrow_mut().finish();
                let total = tracker.borrow().total();
                if let Some(bytes) = last {
                    report(bytes, total);
                }
            }
            Ok(key)
        }
    }

    /// The absolute URL that downloads `key` with a file token from
    /// [`FileService::get_token`](crate::services::FileService::get_token). Extra query
    /// pairs are appended after the token.
    pub fn get_download_url(
        &self,
        token: &str,
        key: &str,
        query: &[(String, String)],
    ) -> Result<String, Error> {
        let path = url::backup_path(key).map_err(|e| Error::invalid_argument(e.message()))?;
        let mut pairs = vec![("token".to_string(), token.to_string())];
        pairs.extend_from_slice(query);
        Ok(url::with_query(&self.client.build_url(&path), &pairs))
    }

    /// Restores a backup and waits until the server runs on the restored data: the
    /// server answers at once, restarts about a second later, then answers again.
    /// Phases are reported to `wait.on_status` (`requested`, `restarting`, `back`, and
    /// `signed-out` when the stored session is no longer accepted, which then clears
    /// it). Fails if the restart does not happen within `wait.timeout_ms` — as with a
    /// backup without `data.db`, which the server accepts and then silently ignores.
    pub fn restore_and_wait(
        &self,
        key: &str,
        options: &RequestOptions,
        wait: RestoreWait,
    ) -> impl Future<Output = Result<RestoreOutcome, Error>> {
        let path = url::restore_path(key).map_err(|e| Error::invalid_argument(e.message()));
        let (client, options) = (self.client.clone(), options.clone());
        async move {
            let path = path?;
            let status = |phase: &str| {
                if let Some(f) = &wait.on_status {
                    f(phase);
                }
            };
            let aborted = || options.signal.as_ref().is_some_and(|s| s.aborted());
            let quiet = RequestOptions {
                request_key: RequestKey::None,
                ..RequestOptions::default()
            };

            // Listen for the restart before asking for it.
            let connection = ConnectionWatch::open(&client.build_url("/api/realtime"), 3_000).await;
            client.send("POST", &path, &options, Body::Empty).await?;
            let mut watch = RestoreWatch::new(runtime::now_ms(), wait.timeout_ms);
            status(watch.phase().name());

            while watch.phase() != RestorePhase::Back {
                runtime::sleep(watch.poll_interval_ms()).await;
                if aborted() {
                    return Err(Error::aborted(&client.build_url(&path), None));
                }
                watch
                    .check_time(runtime::now_ms())
                    .map_err(|e| Error::client(&client.build_url(&path), e.message()))?;
                let changed = match watch.phase() {
                    RestorePhase::Requested => {
                        let went_away = match &connection {
                            Some(c) => c.lost(),
                            // Without a realtime connection: a refused connection or a
                            // busy lock shows the restart.
                            None => match client.health().check(&quiet).await {
                                Ok(h) => h.data.can_backup == Some(false),
                                Err(e) => e.status == 0,
                            },
                        };
                        if went_away {
                            watch.server_went_away()
                        } else {
                            None
                        }
                    }
                    _ => match client.health().check(&quiet).await {
                        Ok(_) => watch.server_answered(),
                        Err(_) => None,
                    },
                };
                if let Some(phase) = changed {
                    status(phase.name());
                }
            }
            drop(connection);

            // The restored data may not hold the signed-in user any more.
            let mut auth_cleared = false;
            if !client.auth_store().token().is_empty() {
                if let Err(e) = client.send("GET", "/api/backups", &quiet, Body::Empty).await {
                    if e.status == 401 {
                        client.auth_store().clear();
                        auth_cleared = true;
                        status("signed-out");
                    }
                }
            }
            Ok(RestoreOutcome { auth_cleared })
        }
    }

    /// Deletes what a retention policy selects among the backups whose key `matches`
    /// and returns the deleted keys, oldest first (with `dry_run`, the keys it would
    /// delete, deleting nothing). It never deletes a backup being written: while the
    /// server reports a backup or restore in progress, backups modified in the last
    /// [`BUSY_GRACE_MS`] are left alone, and a key the server refuses to delete is
    /// skipped.
    pub fn prune(
        &self,
        policy: PrunePolicy,
        matches: Rc<dyn Fn(&str) -> bool>,
        dry_run: bool,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<Vec<String>, Error>> {
        let (backups, options) = (self.clone(), options.clone());
        async move {
            let quiet = RequestOptions {
                request_key: RequestKey::None,
                ..options.clone()
            };
            let list = backups.get_full_list(&quiet).await?;
            let health = backups.client.health().check(&quiet).await?;
            let busy_since =
                (health.data.can_backup == Some(false)).then(|| runtime::now_ms() - BUSY_GRACE_MS);
            let mut chosen = select(&list, &policy, &*matches).map_err(|e| Error::invalid_argument(e.0))?;
            if let Some(since) = busy_since {
                let recent = |key: &str| {
                    list.iter()
                        .any(|b| b.key == key && parse_modified(&b.modified).is_none_or(|t| t >= since))
                };
                chosen.retain(|k| !recent(k));
            }
            if dry_run {
                return Ok(chosen);
            }
            let mut deleted = Vec::new();
            for key in chosen {
                match backups.delete(&key, &quiet).await {
                    Ok(()) => deleted.push(key),
                    // Being written, or already gone: not ours to delete now.
                    Err(e) if e.status == 400 => {}
                    Err(e) => return Err(e),
                }
            }
            Ok(deleted)
        }
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
                .send_download(&path, &with_token(&options, token), Vec::new(), report)
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
                .send_download(&path, &with_token(&options, token.clone()), probe, None)
                .await?;
            let url = backups.get_download_url(&token, &key, &[])?;
            trigger_download(&url).map_err(|e| Error::network(&url, e))?;
            Ok(url)
        }
    }

    /// The path of `key` and the file-token request for it, started now.
    fn start_with_token(
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

    /// Deletes a backup. A missing key is a 400 from the server.
    pub fn delete(&self, key: &str, options: &RequestOptions) -> impl Future<Output = Result<(), Error>> {
        let sent = url::backup_path(key)
            .map_err(|e| Error::invalid_argument(e.message()))
            .map(|path| self.client.send("DELETE", &path, options, Body::Empty));
        async move { sent?.await.map(drop) }
    }

    /// Starts restoring a backup. The server answers at once, then replaces its data
    /// and restarts about a second later.
    pub fn restore(&self, key: &str, options: &RequestOptions) -> impl Future<Output = Result<(), Error>> {
        let sent = url::restore_path(key)
            .map_err(|e| Error::invalid_argument(e.message()))
            .map(|path| self.client.send("POST", &path, options, Body::Empty));
        async move { sent?.await.map(drop) }
    }
}

/// The multipart form for an upload and the file name it sends.
/// While the server is busy, backups modified this recently (ms) may still be being
/// written, and prune leaves them alone.
pub const BUSY_GRACE_MS: f64 = 5.0 * 60.0 * 1000.0;

/// Called with each phase's name during a waited restore.
pub type StatusFn = Rc<dyn Fn(&str)>;

/// How [`BackupService::restore_and_wait`] waits.
#[derive(Clone)]
pub struct RestoreWait {
    /// Give up after this many milliseconds in all (default 60 000).
    pub timeout_ms: u32,
    /// Called with each phase's name.
    pub on_status: Option<StatusFn>,
}

impl Default for RestoreWait {
    fn default() -> Self {
        RestoreWait {
            timeout_ms: 60_000,
            on_status: None,
        }
    }
}

/// What a waited restore found afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreOutcome {
    /// The stored session was refused by the restored data and has been cleared.
    pub auth_cleared: bool,
}

/// `options` with the file token as the first query parameter.
fn with_token(options: &RequestOptions, token: String) -> RequestOptions {
    let mut options = options.clone();
    options.query.insert(0, ("token".to_string(), token));
    options
}

/// The multipart form for an upload, the file name it sends, and the file.
fn upload_form(source: UploadSource) -> Result<(FormData, String, Blob), Error> {
    match source {
        UploadSource::Blob(blob) => {
            let name = blob
                .dyn_ref::<File>()
                .map_or_else(|| "blob".to_string(), File::name);
            let form = FormData::new().map_err(|e| Error::network("", e))?;
            form.append_with_blob_and_filename("file", &blob, &name)
                .map_err(|e| Error::network("", e))?;
            Ok((form, name, blob))
        }
        UploadSource::Form(form) => {
            let file = form.get("file").dyn_into::<File>().map_err(|_| {
                Error::invalid_argument("The form has no \"file\" field holding a File or Blob.")
            })?;
            Ok((form, file.name(), file.into()))
        }
    }
}

type SentFuture = Pin<Box<dyn Future<Output = Result<crate::transport::fetch::HttpResponse, Error>>>>;

/// Called with `(loaded, total)` bytes of the file during an upload.
pub type ProgressFn = Rc<dyn Fn(u64, u64)>;

/// What [`BackupService::upload_with`] does beyond a plain upload.
#[derive(Clone, Default)]
pub struct UploadOptions {
    /// Progress reports; uploads then go through `XMLHttpRequest`.
    pub on_progress: Option<ProgressFn>,
}
