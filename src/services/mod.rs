//! The API's services, as in the official SDKs: `backups`, `crons`, `files`, `health`,
//! `settings` and the
//! auth part of `collection(name)`.

mod backups;
mod crons;
mod files;
mod health;
mod records;
mod run;
mod settings;

#[allow(deprecated)]
pub use backups::RestoreOutcome;
pub use backups::{
    BackupExplorer, BackupService, CollectionComparison, CollectionKind, CompareStatus, Comparison,
    ExploreOptions, ExploreSource, ExploredCollection, ExploredField, FieldChanges, Inspection, KeyFilter,
    ProgressFn, PruneFailure, PruneReport, PruneRequest, RecordCounts, RecordIds, RecordsPage, RecordsQuery,
    RecoverOptions, RecoverProgressFn, RecoveryFailure, RecoveryReport, RestoreReport, RestoreWait, StatusFn,
    UploadOptions, UploadSource, VerifySource, BUSY_GRACE_MS, NEXT_RUNS, SCHEDULED_RUN_TIMEOUT_MS,
    VERIFY_READINGS,
};
pub use crons::{CronService, AUTO_BACKUP_JOB};
pub use files::FileService;
pub use health::HealthService;
pub use records::RecordService;
pub use settings::SettingsService;

use crate::client::Client;

/// The services of a client, as the official SDKs reach them (`pb.backups`, …).
impl Client {
    /// The Backups API.
    pub fn backups(&self) -> BackupService {
        BackupService::new(self.clone())
    }

    /// The cron jobs (the scheduled backup is `__pbAutoBackup__`).
    pub fn crons(&self) -> CronService {
        CronService::new(self.clone())
    }

    /// The server's settings (superusers only).
    pub fn settings(&self) -> SettingsService {
        SettingsService::new(self.clone())
    }

    /// File tokens.
    pub fn files(&self) -> FileService {
        FileService::new(self.clone())
    }

    /// The health check.
    pub fn health(&self) -> HealthService {
        HealthService::new(self.clone())
    }

    /// Auth of a collection's records, e.g. `collection("_superusers")`.
    pub fn collection(&self, name: &str) -> RecordService {
        RecordService::new(self.clone(), name)
    }
}
