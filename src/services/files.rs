//! `client.files()`: short-lived file tokens.

use crate::client::Client;
use crate::core::models::FileTokenResponse;
use crate::error::Error;
use crate::options::RequestOptions;
use crate::transport::fetch::Body;

/// File tokens, for protected files and backup downloads.
#[derive(Clone)]
pub struct FileService {
    client: Client,
}

impl FileService {
    pub(crate) fn new(client: Client) -> Self {
        FileService { client }
    }

    /// A file token for the signed-in user, valid about 3 minutes.
    pub async fn get_token(&self, options: &RequestOptions) -> Result<String, Error> {
        let r: FileTokenResponse = self.client.send_json("POST", "/api/files/token", options, Body::Empty).await?;
        Ok(r.token)
    }
}
