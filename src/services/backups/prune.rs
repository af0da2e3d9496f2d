//! Rotation: deleting what a retention policy selects, by the server's clock, and
//! reporting every key it was meant to delete and did not.

use std::future::Future;
use std::rc::Rc;

use super::BackupService;
use crate::core::models::BackupFileInfo;
use crate::core::prune::{plan, PlanInput, PrunePolicy};
use crate::core::url;
use crate::error::Error;
use crate::options::{RequestKey, RequestOptions};
use crate::transport::runtime;

/// A filter on backup keys.
pub type KeyFilter = Rc<dyn Fn(&str) -> bool>;

/// What to prune.
#[derive(Clone, Default)]
pub struct PruneRequest {
    /// The retention policy.
    pub policy: PrunePolicy,
    /// Only keys for which this is true take part (all when `None`).
    pub matches: Option<KeyFilter>,
    /// Delete nothing outside these keys: pass a dry run's `selected` to delete exactly
    /// what was previewed. A key of it that the policy no longer selects, or that is
    /// gone, is reported in [`PruneReport::failed`].
    pub only: Option<Vec<String>>,
    /// Select, and delete nothing.
    pub dry_run: bool,
}

/// A key a prune meant to delete and did not.
#[derive(Debug, Clone)]
pub struct PruneFailure {
    pub key: String,
    /// The server's answer to the delete, or (status 0) why it was not sent.
    pub error: Error,
}

/// What a prune did.
#[derive(Debug, Clone, Default)]
pub struct PruneReport {
    /// The keys the policy selected (within `only`), oldest first: with `dry_run`,
    /// what it would delete.
    pub selected: Vec<String>,
    /// The keys deleted, oldest first.
    pub deleted: Vec<String>,
    /// The keys selected or named in `only` that were not deleted.
    pub failed: Vec<PruneFailure>,
    /// The now that ages were counted back from (ms since 1970).
    pub now_ms: f64,
    /// True when `now_ms` is the server's `Date` header; false when the browser hid
    /// it (a cross-origin server without `Access-Control-Expose-Headers: Date`) and
    /// the client's clock was used.
    pub server_clock: bool,
}

impl BackupService {
    /// Deletes what a retention policy selects among the backups and reports what it
    /// deleted and what it failed to delete; `Err` only when nothing could be decided
    /// (the list or the health check failed, or the policy says nothing).
    ///
    /// Ages are counted back from the server's clock where the browser shows its
    /// `Date` header. A policy by age without `keep` keeps the newest backup. While
    /// the server reports a backup or restore in progress, backups modified in the
    /// last [`BUSY_GRACE_MS`](crate::core::prune::BUSY_GRACE_MS) are left alone.
    pub fn prune(
        &self,
        request: PruneRequest,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<PruneReport, Error>> {
        let (backups, options) = (self.clone(), options.clone());
        async move {
            let quiet = RequestOptions {
                request_key: RequestKey::None,
                ..options
            };
            let (list, date) = backups
                .client
                .request("GET", "/api/backups", &quiet)
                .json_dated::<Vec<BackupFileInfo>>()
                .await?;
            let health = backups.client.health().check(&quiet).await?;
            let all = |_: &str| true;
            let matches: &dyn Fn(&str) -> bool = match &request.matches {
                Some(m) => &**m,
                None => &all,
            };
            let now_ms = date.unwrap_or_else(runtime::now_ms);
            let chosen = plan(&PlanInput {
                backups: &list,
                policy: &request.policy,
                matches,
                now_ms,
                busy: health.data.can_backup == Some(false),
                only: request.only.as_deref(),
            })
            .map_err(|e| Error::invalid_argument(e.0))?;
            let mut report = PruneReport {
                selected: chosen.delete,
                now_ms,
                server_clock: date.is_some(),
                ..PruneReport::default()
            };
            let refused = chosen.refused.into_iter().map(|(key, why)| {
                let url = url::backup_path(&key)
                    .map(|p| backups.client.build_url(&p))
                    .unwrap_or_default();
                PruneFailure {
                    error: Error::client(&url, why.message()),
                    key,
                }
            });
            report.failed.extend(refused);
            if request.dry_run {
                return Ok(report);
            }
            // Every key is tried (once the caller's signal aborts, each fails at once
            // with the abort, unsent).
            for key in &report.selected {
                match backups.delete(key, &quiet).await {
                    Ok(()) => report.deleted.push(key.clone()),
                    Err(error) => report.failed.push(PruneFailure {
                        key: key.clone(),
                        error,
                    }),
                }
            }
            Ok(report)
        }
    }
}
