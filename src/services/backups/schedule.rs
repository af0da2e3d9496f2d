//! The backup settings as typed calls: the schedule (checked here with the server's
//! rules before sending, next runs computed here), the storage (local or S3, the secret
//! write-only), the S3 test with a readable verdict, and running the scheduled backup
//! now.

use std::future::Future;

use super::BackupService;
use crate::core::models::BackupFileInfo;
use crate::core::settings::{
    new_auto_backup, readable_s3_body, schedule_body, storage_body, BackupSchedule, BackupSettings,
    BackupStorage, S3Settings,
};
use crate::error::Error;
use crate::options::{RequestKey, RequestOptions};
use crate::services::AUTO_BACKUP_JOB;
use crate::transport::runtime;

/// How many next runs a schedule reports.
pub const NEXT_RUNS: usize = 3;
/// How long [`BackupService::run_scheduled_now`] waits for the backup to be listed.
pub const SCHEDULED_RUN_TIMEOUT_MS: u32 = 300_000;

fn quiet(options: &RequestOptions) -> RequestOptions {
    RequestOptions {
        request_key: RequestKey::None,
        ..options.clone()
    }
}

impl BackupService {
    /// The schedule of automatic backups and its next [`NEXT_RUNS`] runs (UTC minutes
    /// after the client's clock).
    pub fn get_schedule(
        &self,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<BackupSchedule, Error>> {
        let sent = self.client.settings().get_all::<BackupSettings>(options);
        let client = self.client.clone();
        async move {
            let settings = sent.await?;
            let check = client
                .tools()?
                .schedule(&settings.cron, None, runtime::now_ms(), NEXT_RUNS);
            Ok(settings.schedule(check.await?.next_runs))
        }
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
        let (client, cron, options) = (self.client.clone(), cron.to_string(), options.clone());
        async move {
            let tools = client.tools()?;
            let refused = tools.schedule(&cron, max_keep, 0.0, 0).await?.refused;
            if !refused.is_empty() {
                return Err(Error::settings_refused(&refused));
            }
            let settings = client
                .settings()
                .update::<BackupSettings>(&schedule_body(&cron, max_keep), &options)
                .await?;
            let check = tools.schedule(&settings.cron, None, runtime::now_ms(), NEXT_RUNS);
            Ok(settings.schedule(check.await?.next_runs))
        }
    }

    /// Where backups are stored (S3 without its secret, which the server never sends).
    pub fn get_storage(
        &self,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<BackupStorage, Error>> {
        let sent = self.client.settings().get_all::<BackupSettings>(options);
        async move { Ok(sent.await?.storage()) }
    }

    /// Stores backups on S3 (`Some`) or on the server's disk (`None`; the S3 settings
    /// are kept, switched off). The secret is sent, never read back. Resolves with the
    /// storage as the server now has it.
    pub fn set_storage(
        &self,
        s3: Option<&S3Settings>,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<BackupStorage, Error>> {
        let sent = self
            .client
            .settings()
            .update::<BackupSettings>(&storage_body(s3), options);
        async move { Ok(sent.await?.storage()) }
    }

    /// Tests the S3 storage of backups: the server writes and deletes a test file. A
    /// failure (400) keeps the server's status, with a readable message (`NoSuchBucket`,
    /// connection refused, refused credentials, S3 off) as `message` and
    /// `response.message`, and the server's own text in `response.data.s3`
    /// (`{code, message}`).
    pub fn test_storage(&self, options: &RequestOptions) -> impl Future<Output = Result<(), Error>> {
        let sent = self.client.settings().test_s3("backups", options);
        async move {
            sent.await.map_err(|mut e| {
                if e.status == 400 {
                    (e.response, e.message) = readable_s3_body(&e.response, "");
                }
                e
            })
        }
    }

    /// Runs the scheduled backup now (the cron job `__pbAutoBackup__`, which exists
    /// while a schedule is set) and resolves with the new backup's key
    /// (`@auto_pb_backup_…`) once the server lists it; the server then deletes the
    /// oldest automatic backups beyond the schedule's `maxKeep`. Two runs within the
    /// same second make one backup (the server names them by the second).
    pub fn run_scheduled_now(&self, options: &RequestOptions) -> impl Future<Output = Result<String, Error>> {
        let (backups, options) = (self.clone(), quiet(options));
        async move {
            let before: Vec<BackupFileInfo> = backups.get_full_list(&options).await?;
            backups.client.crons().run(AUTO_BACKUP_JOB, &options).await?;
            let started = runtime::now_ms();
            let mut delay = 100;
            loop {
                let after = backups.get_full_list(&options).await?;
                if let Some(key) = new_auto_backup(&before, &after) {
                    return Ok(key);
                }
                if runtime::now_ms() - started > f64::from(SCHEDULED_RUN_TIMEOUT_MS) {
                    return Err(Error::client(
                        &backups.client.build_url("/api/backups"),
                        "The scheduled backup ran but no new backup was listed within 300 s (see the server's log).",
                    ));
                }
                runtime::sleep_unless_aborted(delay, options.signal.as_ref()).await;
                if options.signal.as_ref().is_some_and(|s| s.aborted()) {
                    return Err(Error::aborted(&backups.client.build_url("/api/backups"), None));
                }
                delay = (delay * 2).min(1_000);
            }
        }
    }
}
