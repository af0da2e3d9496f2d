//! Restoring: at once, or waiting for the server's restart.

use std::future::Future;
use std::rc::Rc;

use super::BackupService;

use super::super::run::{run, Hooks};
use crate::calls::{single, Env, Restore};
use crate::core::json::Json;
use crate::core::restore::DEFAULT_TIMEOUT_MS;
use crate::core::url;
use crate::error::Error;
use crate::options::RequestOptions;
use crate::transport::runtime;

/// Called with each phase's name during a waited restore.
pub type StatusFn = Rc<dyn Fn(&str)>;

/// How [`BackupService::restore_and_wait`] waits.
#[derive(Clone)]
pub struct RestoreWait {
    /// Give up after this many milliseconds in all (default 60 000, at most
    /// [`MAX_TIMEOUT_MS`](crate::core::restore::MAX_TIMEOUT_MS); the call's
    /// [`RequestOptions::timeout`] when that is shorter).
    pub timeout_ms: u32,
    /// Called with each phase's name.
    pub on_status: Option<StatusFn>,
}

impl Default for RestoreWait {
    fn default() -> Self {
        RestoreWait {
            timeout_ms: DEFAULT_TIMEOUT_MS,
            on_status: None,
        }
    }
}

/// What a waited restore found afterwards (the JS API's `RestoreReport`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreReport {
    /// The stored session was refused by the restored data and has been cleared.
    pub auth_cleared: bool,
}

impl RestoreReport {
    /// As JSON: `{waited: true, authCleared}`, the `RestoreReport` object of the JS API.
    pub fn to_json(&self) -> Json {
        Json::object([
            ("waited", Json::Bool(true)),
            ("authCleared", Json::Bool(self.auth_cleared)),
        ])
    }
}

/// The former name of [`RestoreReport`].
#[deprecated(note = "renamed RestoreReport, the name the JS API has always used")]
pub type RestoreOutcome = RestoreReport;

impl BackupService {
    /// Starts restoring a backup. The server answers at once, then replaces its data
    /// and restarts about a second later.
    pub fn restore(&self, key: &str, options: &RequestOptions) -> impl Future<Output = Result<(), Error>> {
        run(
            &self.client,
            options,
            "/api/backups",
            Hooks::default(),
            single::restore(key),
        )
    }

    /// Restores a backup and waits until the server's process has restarted and answers
    /// on the restored data. The server answers at once, starts a second later, holds its
    /// backup lock while it downloads and extracts the backup (minutes for a large one),
    /// then restarts. Phases are reported to `wait.on_status` (`requested`,
    /// `restarting`, `back`, and `signed-out` when the stored session is no longer
    /// accepted, which then clears it).
    ///
    /// Everything, the request included, happens within `wait.timeout_ms` and stops at
    /// once when `options.signal` aborts. When the time runs out the restore may still
    /// be in progress (or, for a backup without `data.db`, never happen): the error
    /// then has status 0 and [`Error::is_restore_in_progress`]; keep waiting with
    /// [`BackupService::watch_restore`].
    pub fn restore_and_wait(
        &self,
        key: &str,
        options: &RequestOptions,
        wait: RestoreWait,
    ) -> impl Future<Output = Result<RestoreReport, Error>> {
        let path = url::restore_path(key).map_err(|e| Error::invalid_argument(e.message()));
        let started = path.map(|path| {
            let plan = Restore::new(
                path.clone(),
                self.client.build_url(&path),
                wait_ms(&wait, options),
                now(),
            );
            let hooks = Hooks {
                on_status: wait.on_status,
                ..Hooks::default()
            };
            run(&self.client, options, &path, hooks, plan)
        });
        async move {
            let auth_cleared = started?.await?;
            Ok(RestoreReport { auth_cleared })
        }
    }

    /// Keeps waiting for a restore already requested (e.g. after
    /// [`BackupService::restore_and_wait`] ran out of time), exactly as that waits: it
    /// resolves once the server's process has restarted and answers again, and fails
    /// the same way when `wait.timeout_ms` passes without a restart (as it will when the
    /// restore is over or never happens) or `options.signal` aborts.
    pub fn watch_restore(
        &self,
        options: &RequestOptions,
        wait: RestoreWait,
    ) -> impl Future<Output = Result<RestoreReport, Error>> {
        let plan = Restore::watch(self.client.build_url(HEALTH_PATH), wait_ms(&wait, options), now());
        let hooks = Hooks {
            on_status: wait.on_status,
            ..Hooks::default()
        };
        let waited = run(&self.client, options, HEALTH_PATH, hooks, plan);
        async move {
            let auth_cleared = waited.await?;
            Ok(RestoreReport { auth_cleared })
        }
    }
}

const HEALTH_PATH: &str = "/api/health";

/// How long a restore is waited for: `wait.timeout_ms`, or the call's timeout when that
/// is shorter (the timeout bounds the whole call, its wait included).
fn wait_ms(wait: &RestoreWait, options: &RequestOptions) -> u32 {
    options
        .timeout_ms
        .map_or(wait.timeout_ms, |ms| ms.min(wait.timeout_ms))
}

fn now() -> Env {
    Env {
        now_ms: runtime::now_ms(),
        clock_ms: runtime::clock_ms(),
        ..Env::default()
    }
}
