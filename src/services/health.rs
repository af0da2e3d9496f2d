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

    /// [`HealthService::check`] as the answer's JSON parsed by the JS engine (any
    /// object: with `fields`, only the fields asked for).
    pub fn check_js(
        &self,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<wasm_bindgen::JsValue, Error>> {
        self.client
            .send_json_js("GET", "/api/health", options, wasm_bindgen::JsValue::is_object)
    }
}
