//! The API's services, as in the official SDKs: `backups`, `files`, `health` and the
//! auth part of `collection(name)`.

mod backups;
mod files;
mod health;
mod records;

pub use backups::{
    BackupService, Inspection, ProgressFn, RestoreOutcome, RestoreWait, StatusFn, UploadOptions,
    UploadSource, BUSY_GRACE_MS,
};
pub use files::FileService;
pub use health::HealthService;
pub use records::RecordService;
