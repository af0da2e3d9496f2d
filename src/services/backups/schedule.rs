//! The backup settings as typed calls: the schedule (checked here with the server's
//! rules before sending, next runs computed by the tools), the storage (local or S3,
//! the secret write-only), the S3 test with a readable verdict, and running the
//! scheduled backup now. Their flows are [`crate::calls`]' plans.

use std::future::Future;

use super::super::run::{run, Hooks};
use super::BackupService;
use crate::calls::{set_storage, storage, RunScheduledNow, Schedule, TestStorage};
pub use crate::calls::{NEXT_RUNS, SCHEDULED_RUN_TIMEOUT_MS};
use crate::core::settings::{BackupSchedule, BackupStorage, S3Settings};
use crate::error::Error;
use crate::options::RequestOptions;

impl BackupService {
    /// The schedule of automatic backups and its next [`NEXT_RUNS`] runs (UTC minutes
    /// after the client's clock).
    pub fn get_schedule(
        &self,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<BackupSchedule, Error>> {
        run(&self.client, options, SETTINGS, Hooks::default(), Schedule::get())
    }

    /// Sets the schedule (`cron` empty turns automatic backups off) and how many
    /// automatic backups the server keeps (`None` keeps the stored number). Values the server would refuse are refused
    /// here, before any request, with its status, message and
    /// `data.backups.<field>.code` (`validation_invalid_cron` …).
    pub fn set_schedule(
        &self,
        cron: &str,
        max_keep: Option<i64>,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<BackupSchedule, Error>> {
        run(
            &self.client,
            options,
            SETTINGS,
            Hooks::default(),
            Schedule::set(cron, max_keep),
        )
    }

    /// Where backups are stored (S3 without its secret, which the server never sends).
    pub fn get_storage(
        &self,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<BackupStorage, Error>> {
        run(&self.client, options, SETTINGS, Hooks::default(), storage())
    }

    /// Stores backups on S3 (`Some`) or on the server's disk (`None`; the S3 settings
    /// are kept, switched off). The secret is sent, never read back. Resolves with the
    /// storage as the server now has it.
    pub fn set_storage(
        &self,
        s3: Option<&S3Settings>,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<BackupStorage, Error>> {
        run(&self.client, options, SETTINGS, Hooks::default(), set_storage(s3))
    }

    /// Tests the S3 storage of backups: the server writes and deletes a test file. A
    /// failure (400) keeps the server's status, with a readable message (`NoSuchBucket`,
    /// connection refused, refused credentials, S3 off) as `message` and
    /// `response.message`, and the server's own text in `response.data.s3`
    /// (`{code, message}`).
    pub fn test_storage(&self, options: &RequestOptions) -> impl Future<Output = Result<(), Error>> {
        run(
            &self.client,
            options,
            "/api/settings/test/s3",
            Hooks::default(),
            TestStorage,
        )
    }

    /// Runs the scheduled backup now (the cron job `__pbAutoBackup__`, which exists
    /// while a schedule is set) and resolves with the new backup's key
    /// (`@auto_pb_backup_…`) once the server lists it; the server then deletes the
    /// oldest automatic backups beyond the schedule's `maxKeep`. Two runs within the
    /// same second make one backup (the server names them by the second).
    pub fn run_scheduled_now(&self, options: &RequestOptions) -> impl Future<Output = Result<String, Error>> {
        run(
            &self.client,
            options,
            "/api/backups",
            Hooks::default(),
            RunScheduledNow::default(),
        )
    }
}

const SETTINGS: &str = crate::calls::SETTINGS_PATH;
