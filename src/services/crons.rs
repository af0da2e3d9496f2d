//! `client.crons()`: the server's cron jobs, among them the scheduled backup.

use std::future::Future;

use super::run::{run, Hooks};
use crate::calls::single;
use crate::client::{Client, Request};
use crate::core::models::CronJob;
use crate::error::Error;
use crate::options::RequestOptions;

/// The id of the cron job that makes the scheduled backups (when `backups.cron` is set).
pub use crate::calls::AUTO_BACKUP_JOB;

/// The cron jobs (superusers only).
#[derive(Clone)]
pub struct CronService {
    client: Client,
}

impl CronService {
    pub(crate) fn new(client: Client) -> Self {
        CronService { client }
    }

    /// Every registered cron job.
    pub fn get_full_list(
        &self,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<Vec<CronJob>, Error>> {
        run(
            &self.client,
            options,
            "/api/crons",
            Hooks::default(),
            single::crons(),
        )
    }

    /// The request of [`CronService::get_full_list`], to be read another way.
    pub fn full_list_request<'a>(&'a self, options: &'a RequestOptions) -> Request<'a> {
        self.client.request("GET", "/api/crons", options)
    }

    /// Runs a job now; resolves once the server has run it.
    pub fn run(&self, job_id: &str, options: &RequestOptions) -> impl Future<Output = Result<(), Error>> {
        run(
            &self.client,
            options,
            "/api/crons",
            Hooks::default(),
            single::run_cron(job_id),
        )
    }
}
