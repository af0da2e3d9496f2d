//! `client.collection(name)`: sign-in of a collection's records (password, one-time
//! password, refresh) and the two steps of multi-factor authentication.

use std::future::Future;

use super::run::{run, Hooks};
use crate::calls::{single, SignIn};
use crate::client::Client;
use crate::core::json::Json;
use crate::core::models::{AuthResponse, OtpResponse};
use crate::core::url;
use crate::error::Error;
use crate::options::RequestOptions;

/// The records of one auth collection (`_superusers` for backups).
///
/// With MFA on for the collection, the first successful method fails with a 401
/// whose [`Error::mfa_id`] is set; the second method completes the sign-in when its
/// options carry that id ([`RequestOptions::mfa_id`]):
///
/// ```no_run
/// # async fn run(client: bosbase_backups::Client, code_from_mail: &str) -> Result<(), bosbase_backups::Error> {
/// use bosbase_backups::RequestOptions;
/// let admins = client.collection("_superusers");
/// let opts = RequestOptions::new();
/// let Err(e) = admins.auth_with_password("admin@example.com", "password123", &opts).await else {
///     return Ok(()); // no MFA: signed in
/// };
/// let Some(mfa_id) = e.mfa_id() else { return Err(e) };
/// let otp = admins.request_otp("admin@example.com", &opts).await?;
/// admins
///     .auth_with_otp(&otp.otp_id, code_from_mail, &RequestOptions::new().mfa_id(mfa_id))
///     .await?;
/// # Ok(()) }
/// ```
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
    ///
    /// Errors: 400 `"Failed to authenticate."` for wrong credentials; 401 with
    /// [`Error::mfa_id`] when the collection wants a second method.
    pub fn auth_with_password(
        &self,
        identity: &str,
        password: &str,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<AuthResponse, Error>> {
        let body = Json::object([
            ("identity", Json::str(identity)),
            ("password", Json::str(password)),
        ]);
        self.authenticate("auth-with-password", Some(body), options)
    }

    /// Signs in with the id from [`RecordService::request_otp`] and the code the server
    /// mailed, and saves the session in the client's auth store.
    ///
    /// Errors: 400 `"Invalid or expired OTP."` for a wrong code, an unknown or used id;
    /// 429 `"Too many attempts, please try again later with a new OTP."` after five
    /// tries for one record within three minutes; 403 when the collection has OTP
    /// off; 401 with [`Error::mfa_id`] when the collection wants a second method.
    pub fn auth_with_otp(
        &self,
        otp_id: &str,
        password: &str,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<AuthResponse, Error>> {
        let body = Json::object([("otpId", Json::str(otp_id)), ("password", Json::str(password))]);
        self.authenticate("auth-with-otp", Some(body), options)
    }

    /// Asks the server to mail a one-time password to `email`. The answer's `otp_id`
    /// goes with the code to [`RecordService::auth_with_otp`]; an unknown address gets
    /// an id too, and no mail.
    ///
    /// Errors: 400 with `response.data.email.code` for a missing or malformed address;
    /// 403 when the collection has OTP off.
    pub fn request_otp(
        &self,
        email: &str,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<OtpResponse, Error>> {
        let path = url::collection_path(&self.collection, "request-otp");
        run(
            &self.client,
            options,
            &path,
            Hooks::default(),
            single::request_otp(&self.collection, email),
        )
    }

    /// Exchanges the stored token for a new one (and the record as it is now), and
    /// saves both in the client's auth store.
    ///
    /// Errors: 401 without a valid token; 403 for a token of another collection.
    pub fn auth_refresh(
        &self,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<AuthResponse, Error>> {
        self.authenticate("auth-refresh", None, options)
    }

    /// POSTs to a sign-in route and saves the answer's session.
    fn authenticate(
        &self,
        action: &str,
        body: Option<Json>,
        options: &RequestOptions,
    ) -> impl Future<Output = Result<AuthResponse, Error>> {
        let path = url::collection_path(&self.collection, action);
        let plan = SignIn::new(&self.collection, action, body);
        run(&self.client, options, &path, Hooks::default(), plan)
    }
}
