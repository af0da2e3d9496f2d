//! Rotation: deleting what a retention policy selects, by the server's clock, and
//! reporting every key it was meant to delete and did not.

use std::future::Future;

use super::super::run::{run, Hooks};
use super::BackupService;
use crate::calls::Prune;
pub use crate::calls::{KeyFilter, PruneFailure, PruneReport, PruneRequest};
use crate::error::Error;
use crate::options::RequestOptions;

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
        let hooks = Hooks {
            filter: request.matches.clone(),
            ..Hooks::default()
        };
        let plan = Prune::new(request, self.client.build_url(""));
        run(&self.client, options, "/api/backups", hooks, plan)
    }
}
