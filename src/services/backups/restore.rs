//! Restoring: at once, or waiting for the server's restart.

use std::future::Future;
use std::rc::Rc;

use super::BackupService;
use crate::core::restore::{RestorePhase, RestoreWatch};
use crate::core::url;
use crate::error::Error;
use crate::options::{RequestKey, RequestOptions};
use crate::transport::fetch::Body;
use crate::transport::runtime;
use crate::transport::watch::ConnectionWatch;

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

impl BackupService {
    /// Starts restoring a backup. The server answers at once, then replaces its data
    /// and restarts about a second later.
    pub fn restore(&self, key: &str, options: &RequestOptions) -> impl Future<Output = Result<(), Error>> {
        let sent = url::restore_path(key)
            .map_err(|e| Error::invalid_argument(e.message()))
            .map(|path| self.client.send("POST", &path, options, Body::Empty));
        async move { sent?.await.map(drop) }
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
                runtime::sleep_unless_aborted(watch.poll_interval_ms(), options.signal.as_ref()).await;
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
            if !client.auth().token().is_empty() {
                if let Err(e) = client.send("GET", "/api/backups", &quiet, Body::Empty).await {
                    if e.status == 401 {
                        client.auth().clear();
                        auth_cleared = true;
                        status("signed-out");
                    }
                }
            }
            Ok(RestoreOutcome { auth_cleared })
        }
    }
}
