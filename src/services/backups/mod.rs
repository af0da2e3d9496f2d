//! `client.backups()`: the Backups API, one file per concern — this one lists,
//! creates and deletes; the others move files, restore, prune, inspect, verify and
//! explore.

mod explore;
mod inspect;
mod prune;
mod restore;
mod schedule;
mod transfer;
mod verify;

use std::future::Future;

use super::run::{run, Hooks};
use crate::calls::{single, Create, Env};
use crate::client::{Client, Request};
use crate::core::models::BackupFileInfo;
use crate::core::retry::Backoff;
use crate::core::url;
use crate::error::Error;
use crate::options::RequestOptions;
use crate::transport::runtime;

pub use crate::calls::Inspection;
pub use crate::core::prune::BUSY_GRACE_MS;
pub use explore::{
    BackupExplorer, CollectionComparison, CollectionKind, CompareStatus, Comparison, ExploreOptions,
    ExploreSource, ExploredCollection, ExploredField, FieldChanges, RecordCounts, RecordIds, RecordsPage,
    RecordsQuery, RecoverOptions, RecoverProgressFn, RecoveryFailure, RecoveryReport,
};
pub use prune::{KeyFilter, PruneFailure, PruneReport, PruneRequest};
#[allow(deprecated)]
pub use restore::RestoreOutcome;
pub use restore::{RestoreReport, RestoreWait, StatusFn};
pub use schedule::{NEXT_RUNS, SCHEDULED_RUN_TIMEOUT_MS};
pub use transfer::{ProgressFn, UploadOptions, UploadSource};
pub use verify::{VerifySource, VERIFY_READINGS};

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
        run(
            &self.client,
            options,
            "/api/backups",
            Hooks::default(),
            single::list(),
        )
    }

    /// The request of [`BackupService::get_full_list`], to be read another way (e.g.
    /// [`Request::json_js`](crate::client::Request::json_js): the JS engine parses the
    /// list, which never enters wasm memory).
    pub fn full_list_request<'a>(&'a self, options: &'a RequestOptions) -> Request<'a> {
        self.client.request("GET", "/api/backups", options)
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
        let env = Env {
            now_ms: runtime::now_ms(),
            random: runtime::random(),
            ..Env::default()
        };
        let plan = Create::new(name, retry_if_busy, env);
        run(&self.client, options, "/api/backups", Hooks::default(), plan)
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

    /// Deletes a backup. A missing key is a 400 from the server.
    pub fn delete(&self, key: &str, options: &RequestOptions) -> impl Future<Output = Result<(), Error>> {
        run(
            &self.client,
            options,
            "/api/backups",
            Hooks::default(),
            single::delete(key),
        )
    }
}
