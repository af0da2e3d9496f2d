//! `client.files()`: short-lived file tokens.

use std::future::Future;

use super::run::{run, Hooks};
use crate::calls::single;
use crate::client::Client;
use crate::error::Error;
use crate::options::RequestOptions;

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
    pub fn get_token(&self, options: &RequestOptions) -> impl Future<Output = Result<String, Error>> {
        run(
            &self.client,
            options,
            "/api/files/token",
            Hooks::default(),
            single::file_token(),
        )
    }
}
