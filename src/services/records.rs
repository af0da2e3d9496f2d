//! `client.collection(name)`: password auth of a collection's records.

use std::future::Future;

use crate::client::Client;
use crate::core::json::Json;
use crate::core::models::AuthResponse;
use crate::core::url;
use crate::error::Error;
use crate::options::RequestOptions;
use crate::transport::fetch::Body;

/// The records of one auth collection (`_superusers` for backups).
#[derive(Clone)]
pub struct RecordService {
    client: Client,
    collection: String,
}

impl RecordService {
    pub(crate) fn new(client: Client, collection: &str) -> Self {
        RecordService {
            client,
            collection: collection.to_string(),
        }
    }

    /// Signs in with identity (e-mail) and password and saves the session in the
    /// client's auth store.
    pub fn auth_with_password(
        &self,
        identity: &str,
        password: &str,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<AuthResponse, Error>> {
        let path = url::collection_path(&self.collection, "auth-with-password");
        let body = Json::object([
            ("identity", Json::str(identity)),
            ("password", Json::str(password)),
        ])
        .to_text();
        let sent = self
            .client
            .send_json::<AuthResponse>("POST", &path, options, Body::Json(body));
        let client = self.client.clone();
        async move {
            let auth = sent.await?;
            client.auth().save(&auth.token, &auth.record);
            Ok(auth)
        }
    }
}
