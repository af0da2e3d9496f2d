//! The API's services, as in the official SDKs: `backups`, `crons`, `files`, `health`,
//! `settings` and the
//! auth part of `collection(name)`.

mod backups;
mod crons;
mod files;
mod health;
mod records;
mod settings;

#[allow(deprecated)]
pub use backups::RestoreOutcome;
pub use backups::{
    BackupService, Inspection, KeyFilter, ProgressFn, PruneFailure, PruneReport, PruneRequest, RestoreReport,
    RestoreWait, StatusFn, UploadOptions, UploadSource, VerifySource, BUSY_GRACE_MS, NEXT_RUNS,
    SCHEDULED_RUN_TIMEOUT_MS,
};
pub use crons::{CronService, AUTO_BACKUP_JOB};
pub use files::FileService;
pub use health::HealthService;
pub use records::RecordService;
pub use settings::SettingsService;
