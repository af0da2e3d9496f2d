//! Restoring: at once, or waiting for the server's restart.

use std::future::Future;
use std::rc::Rc;

use super::BackupService;
use web_sys::AbortSignal;

use crate::client::Client;
use crate::core::json::Json;
use crate::core::restore::{
    Probe, RestorePhase, RestoreWatch, CONNECT_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, PROBE_TIMEOUT_MS,
};
use crate::core::url;
use crate::error::Error;
use crate::options::{RequestKey, RequestOptions};
use crate::transport::runtime;
use crate::transport::watch::ConnectionWatch;

/// Called with each phase's name during a waited restore.
pub type StatusFn = Rc<dyn Fn(&str)>;

/// How [`BackupService::restore_and_wait`] waits.
#[derive(Clone)]
pub struct RestoreWait {
    /// Give up after this many milliseconds in all (default 60 000, at most
    /// [`MAX_TIMEOUT_MS`](crate::core::restore::MAX_TIMEOUT_MS)).
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
        let sent = url::restore_path(key)
            .map_err(|e| Error::invalid_argument(e.message()))
            .map(|path| self.client.request("POST", &path, options).send());
        async move { sent?.await.map(drop) }
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
        let (client, options) = (self.client.clone(), options.clone());
        async move {
            let path = path?;
            let url = client.build_url(&path);
            let mut watch = RestoreWatch::new(runtime::now_ms(), wait.timeout_ms, false);
            // Listen for the restart before asking for it.
            let connection = connect(&client, &watch, options.signal.as_ref()).await;
            watch.set_connected(connection.is_some());
            abort_check(&options, &url)?;

            let left = watch.remaining_ms(runtime::now_ms());
            let mut request = options.clone();
            request.timeout_ms = Some(options.timeout_ms.map_or(left, |t| t.min(left)).max(1));
            if let Err(e) = client.request("POST", &path, &request).send().await {
                // No answer before the wait ran out: the server may have accepted it.
                if e.status == 0 && !e.is_abort() && watch.remaining_ms(runtime::now_ms()) == 0 {
                    return Err(Error::restore_in_progress(&url, watch.timeout().message()));
                }
                return Err(e);
            }
            watch.accepted(runtime::now_ms());
            follow(client, options, url, watch, connection, wait.on_status).await
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
        let (client, options) = (self.client.clone(), options.clone());
        async move {
            let url = client.build_url("/api/health");
            let mut watch = RestoreWatch::new(runtime::now_ms(), wait.timeout_ms, false);
            let connection = connect(&client, &watch, options.signal.as_ref()).await;
            watch.set_connected(connection.is_some());
            abort_check(&options, &url)?;
            follow(client, options, url, watch, connection, wait.on_status).await
        }
    }
}

/// Opens the realtime connection within a quarter of the time left, so that a
/// connection that never opens leaves time for the rest.
async fn connect(
    client: &Client,
    watch: &RestoreWatch,
    signal: Option<&AbortSignal>,
) -> Option<ConnectionWatch> {
    let left = (watch.remaining_ms(runtime::now_ms()) / 4).min(CONNECT_TIMEOUT_MS);
    ConnectionWatch::open(&client.build_url("/api/realtime"), left, signal).await
}

fn abort_check(options: &RequestOptions, url: &str) -> Result<(), Error> {
    if options.signal.as_ref().is_some_and(|s| s.aborted()) {
        return Err(Error::aborted(url, None));
    }
    Ok(())
}

/// Follows the restore from its acceptance to the server's return, then checks the
/// session against the restored data.
async fn follow(
    client: Client,
    options: RequestOptions,
    url: String,
    mut watch: RestoreWatch,
    connection: Option<ConnectionWatch>,
    on_status: Option<StatusFn>,
) -> Result<RestoreReport, Error> {
    let report = |name: &str| {
        if let Some(f) = &on_status {
            f(name);
        }
    };
    let status = |phases: &[RestorePhase]| phases.iter().for_each(|p| report(p.name()));
    status(&[watch.phase()]);
    let timed_out = |watch: &RestoreWatch| Error::restore_in_progress(&url, watch.timeout().message());
    let probe_options = |limit: u32| RequestOptions {
        request_key: RequestKey::None,
        signal: options.signal.clone(),
        timeout_ms: Some(limit.max(1)),
        ..RequestOptions::default()
    };
    let health = client.health();
    loop {
        abort_check(&options, &url)?;
        watch
            .check_time(runtime::now_ms())
            .map_err(|_| timed_out(&watch))?;
        if let Some(at) = connection.as_ref().and_then(ConnectionWatch::take_drop) {
            status(watch.connection_dropped(at));
        }

        let limit = watch.remaining_ms(runtime::now_ms()).min(PROBE_TIMEOUT_MS);
        let started = runtime::now_ms();
        let answer = health.check(&probe_options(limit)).await;
        let probe = match answer {
            Ok(h) if h.data.can_backup == Some(false) => Probe::Busy,
            Ok(_) => Probe::Idle,
            Err(e) if e.is_abort() => return Err(Error::aborted(&url, e.original_error)),
            Err(e) if e.status == 0 && runtime::now_ms() - started >= f64::from(limit) => Probe::Slow,
            // A proxy's answer for a server it cannot reach counts as none.
            Err(e) if e.status == 0 || matches!(e.status, 502..=504) => Probe::NoAnswer,
            Err(_) => Probe::Idle,
        };
        if let Some(at) = connection.as_ref().and_then(ConnectionWatch::take_drop) {
            status(watch.connection_dropped(at));
        }
        status(watch.probed(started, probe));
        if watch.phase() == RestorePhase::Back {
            break;
        }
        let left = watch.remaining_ms(runtime::now_ms());
        runtime::sleep_unless_aborted(
            watch.poll_interval_ms(runtime::now_ms()).min(left),
            options.signal.as_ref(),
        )
        .await;
    }
    drop(connection);

    // The restored data may not hold the signed-in user any more.
    let mut auth_cleared = false;
    let left = watch.remaining_ms(runtime::now_ms()).min(PROBE_TIMEOUT_MS);
    if !client.auth().token().is_empty() && left > 0 {
        match client
            .request("GET", "/api/backups", &probe_options(left))
            .send()
            .await
        {
            Err(e) if e.is_abort() => return Err(Error::aborted(&url, e.original_error)),
            Err(e) if e.status == 401 => {
                client.auth().clear();
                auth_cleared = true;
                report("signed-out");
            }
            _ => {}
        }
    }
    Ok(RestoreReport { auth_cleared })
}
