//! The constructors of the core module's calls (feature `core-calls`): every request of
//! the drop-in contract, the transfers and the restores.

use bosbase_backups::calls::{self, ByToken, Create, Env, Output, Plan, Purpose, Restore, SignIn, Upload};
use bosbase_backups::core::json::Json;
use bosbase_backups::core::models::FromJson;
use bosbase_backups::core::progress::ProgressTracker;
use bosbase_backups::core::restore::{DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, TIMEOUT_RULE};
use bosbase_backups::core::url;
use bosbase_backups::{Backoff, Error};
use wasm_bindgen::prelude::*;

use crate::{millis, typed, Call, Driven};

/// A plan whose result is the server's answer as it came (what the official SDK
/// resolves with): the plan reads it, to refuse an answer of the wrong shape, and the
/// JS resolves with its own parse of the same answer (after `afterSend`), so the
/// result here is `null`.
struct Raw<P>(P);

impl<P: Plan + Output> Driven for Raw<P> {
    fn plan(&mut self) -> &mut dyn Plan {
        &mut self.0
    }
    fn result(self: Box<Self>) -> Result<Json, Error> {
        self.0.output().map(|_| Json::Null)
    }
}

/// An answer handed over as it came, checked only to be a JSON object (what the
/// official SDK's callers get, whatever `fields` or `afterSend` made of it).
struct AnyObject;

impl FromJson for AnyObject {
    fn from_json(json: &Json) -> Option<Self> {
        matches!(json, Json::Object(_)).then_some(AnyObject)
    }
}

/// An answer handed over as it came, any JSON (what the official SDK resolves with).
struct AnyJson;

impl FromJson for AnyJson {
    fn from_json(_: &Json) -> Option<Self> {
        Some(AnyJson)
    }
}

fn raw<P: Plan + Output + 'static>(plan: P) -> Call {
    Call {
        driven: Box::new(Raw(plan)),
        env: Env::default(),
        failure: None,
        progress: None,
    }
}

/// The calls of the core module: every request of the drop-in contract, transfers and
/// restores.
#[wasm_bindgen]
impl Call {
    /// `GET /api/backups`: the server's list (an array of anything: `fields` may have
    /// left out any member).
    pub fn list() -> Call {
        raw(calls::single::list::<Json>())
    }

    pub fn delete(key: &str) -> Call {
        typed(calls::single::delete(key))
    }

    /// A restore requested, not waited for.
    pub fn restore(key: &str) -> Call {
        typed(calls::single::restore(key))
    }

    #[wasm_bindgen(js_name = fileToken)]
    pub fn file_token() -> Call {
        typed(calls::single::file_token())
    }

    pub fn health() -> Call {
        raw(calls::single::health::<AnyObject>())
    }

    pub fn crons() -> Call {
        raw(calls::single::crons::<Json>())
    }

    #[wasm_bindgen(js_name = runCron)]
    pub fn run_cron(job_id: &str) -> Call {
        typed(calls::single::run_cron(job_id))
    }

    /// Every setting (`GET /api/settings`), as the server sends them.
    pub fn settings() -> Call {
        raw(calls::single::settings::<AnyObject>())
    }

    /// `PATCH /api/settings` with `body` (JSON text), resolving with the settings.
    #[wasm_bindgen(js_name = updateSettings)]
    pub fn update_settings(body: &str) -> Call {
        match Json::parse(body) {
            Some(body) => raw(calls::single::update_settings::<AnyObject>(&body)),
            None => refused(Error::invalid_argument("The settings must be JSON.")),
        }
    }

    #[wasm_bindgen(js_name = testS3)]
    pub fn test_s3(filesystem: &str) -> Call {
        typed(calls::single::test_s3(filesystem))
    }

    /// `request-otp`, resolving with the server's answer as it came (any JSON).
    #[wasm_bindgen(js_name = requestOtp)]
    pub fn request_otp(collection: &str, email: &str) -> Call {
        raw(calls::single::request_otp::<AnyJson>(collection, email))
    }

    /// A sign-in at `collection`'s route `action` (`auth-with-password`…) with `body`
    /// (JSON text): the session is handed over by a `signIn` step.
    #[wasm_bindgen(js_name = signIn)]
    pub fn sign_in(collection: &str, action: &str, body: Option<String>) -> Call {
        raw(SignIn::new(
            collection,
            action,
            body.as_deref().and_then(Json::parse),
        ))
    }

    /// `backups.create`, named or not; with `retry`, a busy server is waited out, at
    /// most `max_wait_ms` in all (else the default back-off's bound).
    pub fn create(
        name: Option<String>,
        now_ms: f64,
        random: f64,
        retry: bool,
        max_wait_ms: Option<f64>,
    ) -> Call {
        let retry = retry.then(|| {
            let backoff = Backoff::default();
            Backoff {
                max_total_ms: max_wait_ms.map_or(backoff.max_total_ms, |ms| {
                    ms.clamp(0.0, f64::from(u32::MAX)) as u32
                }),
                ..backoff
            }
        });
        let env = Env {
            now_ms,
            random,
            ..Env::default()
        };
        typed(Create::new(name.as_deref(), retry, env))
    }

    /// A restore that waits for the server's restart, at most `timeout_ms` (the default
    /// wait when undefined) from `clock_ms` (`performance.now()`); `url` is the
    /// restore's absolute URL (the one errors name).
    #[wasm_bindgen(js_name = restoreAndWait)]
    pub fn restore_and_wait(key: &str, url: String, timeout_ms: Option<f64>, clock_ms: f64) -> Call {
        let env = Env {
            clock_ms,
            ..Env::default()
        };
        let path = url::restore_path(key).map_err(|e| Error::invalid_argument(e.message()));
        match path.and_then(|path| Ok((path, restore_timeout(timeout_ms)?))) {
            Ok((path, timeout_ms)) => typed(Restore::new(path, url, timeout_ms, env)),
            Err(e) => refused(e),
        }
    }

    /// The wait alone, for a restore already requested; `url` is the health check's.
    #[wasm_bindgen(js_name = watchRestore)]
    pub fn watch_restore(url: String, timeout_ms: Option<f64>, clock_ms: f64) -> Call {
        let env = Env {
            clock_ms,
            ..Env::default()
        };
        match restore_timeout(timeout_ms) {
            Ok(timeout_ms) => typed(Restore::watch(url, timeout_ms, env)),
            Err(e) => refused(e),
        }
    }

    /// A backup's file through a file token: `purpose` is `"download"`, `"save"` or
    /// `"stream"`. Resolves with the token used.
    #[wasm_bindgen(js_name = byToken)]
    pub fn by_token(key: &str, purpose: &str) -> Call {
        let purpose = match purpose {
            "save" => Purpose::Save,
            "stream" => Purpose::Stream,
            _ => Purpose::Download,
        };
        typed(ByToken::new(key, purpose))
    }

    /// An upload of a file named `file_name` (the tools' `checkUpload` checks it first).
    pub fn upload(file_name: &str) -> Call {
        typed(Upload::new(file_name))
    }

    /// An upload's progress as the caller hears it: bytes of its file of `size` bytes,
    /// from 0 to `size`, never backwards, whatever the transport reports (`loaded` of
    /// `total` request bytes, multipart overhead included; `total` 0 when unknown).
    /// `done`: the server has stored the file, the report of `size`. Returns the bytes
    /// to report, or -1 when there is nothing new to say.
    pub fn progress(&mut self, size: f64, loaded: f64, total: f64, done: bool) -> f64 {
        let tracker = self
            .progress
            .get_or_insert_with(|| ProgressTracker::new(size.max(0.0) as u64));
        let report = if done {
            tracker.finish()
        } else {
            tracker.update(loaded, total)
        };
        report.map_or(-1.0, |bytes| bytes as f64)
    }
}

/// The path of a backup's file on the server (`/api/backups/<key>`, the key one
/// segment), as `{"value": path}`, or `{"error": …}` for a key no URL can address.
#[wasm_bindgen(js_name = backupPath)]
pub fn backup_path(key: &str) -> String {
    let path = url::backup_path(key).map_err(|e| Error::invalid_argument(e.message()));
    crate::wire::result(path.map(Json::String))
}

/// A call refused before any request: it ends with `e` at its start.
fn refused(e: Error) -> Call {
    typed(calls::Single::<()>::new(Err(e), |_| Ok(())))
}

/// The wait of a restore: the default when none is given, else a number of
/// milliseconds from 1 to [`MAX_TIMEOUT_MS`].
fn restore_timeout(ms: Option<f64>) -> Result<u32, Error> {
    match ms {
        None => Ok(DEFAULT_TIMEOUT_MS),
        Some(ms) if (1.0..=f64::from(MAX_TIMEOUT_MS)).contains(&ms) => Ok(millis(ms)),
        Some(_) => Err(Error::invalid_argument(TIMEOUT_RULE)),
    }
}
