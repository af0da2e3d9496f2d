//! `client.health()`: the server's health check.

use std::future::Future;

use super::run::{run, Hooks};
use crate::calls::single;
use crate::client::{Client, Request};
use crate::core::models::HealthCheckResponse;
use crate::error::Error;
use crate::options::RequestOptions;

/// The health check.
#[derive(Clone)]
pub struct HealthService {
    client: Client,
}

impl HealthService {
    pub(crate) fn new(client: Client) -> Self {
        HealthService { client }
    }

    /// `GET /api/health`. Superusers also get `data.can_backup`.
    pub fn check(
        &self,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<HealthCheckResponse, Error>> {
        run(
            &self.client,
            options,
            "/api/health",
            Hooks::default(),
            single::health(),
        )
    }

    /// The request of [`HealthService::check`], to be read another way (with `fields`,
    /// the answer holds only the fields asked for).
    pub fn check_request<'a>(&'a self, options: &'a RequestOptions) -> Request<'a> {
        self.client.request("GET", "/api/health", options)
    }
}
