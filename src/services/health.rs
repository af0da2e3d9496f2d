//! `client.health()`: the server's health check.

use std::future::Future;

use crate::client::Client;
use crate::core::models::HealthCheckResponse;
use crate::error::Error;
use crate::options::RequestOptions;
use crate::transport::fetch::Body;

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
        self.client.send_json("GET", "/api/health", options, Body::Empty)
    }
}
