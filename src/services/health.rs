//! `client.health()`: the server's health check.

use std::future::Future;

use crate::client::Client;
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
        self.client.request("GET", "/api/health", options).json()
    }

    /// [`HealthService::check`] as the answer's JSON parsed by the JS engine (any
    /// object: with `fields`, only the fields asked for).
    pub fn check_js(
        &self,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<wasm_bindgen::JsValue, Error>> {
        self.client
            .request("GET", "/api/health", options)
            .json_js(wasm_bindgen::JsValue::is_object)
    }
}
