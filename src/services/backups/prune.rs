//! Rotation: deleting what a retention policy selects.

use std::future::Future;
use std::rc::Rc;

use super::BackupService;
use crate::core::prune::{parse_modified, select, PrunePolicy};
use crate::error::Error;
use crate::options::{RequestKey, RequestOptions};
use crate::transport::runtime;

/// While the server is busy, backups modified this recently (ms) may still be being
/// written, and prune leaves them alone.
pub const BUSY_GRACE_MS: f64 = 5.0 * 60.0 * 1000.0;

impl BackupService {
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
}
