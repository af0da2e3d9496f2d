//! The calls of one request: the request as the API defines it, its answer read into
//! the call's result — list, delete, restore without waiting, a file token, the health
//! check, the cron jobs, the settings, and the sign-ins (whose session the driver then
//! keeps: [`Step::SignIn`]).

use super::{read_json, unfinished, Answer, Env, Exchange, Output, Plan, Step};
use crate::core::json::Json;
use crate::core::models::FromJson;
use crate::core::models::{AuthResponse, FileTokenResponse};
use crate::core::url;
use crate::error::Error;

/// A call of one request whose 2xx answer `read` turns into the result.
pub struct Single<T> {
    request: Option<Result<Exchange, Error>>,
    read: fn(&Answer) -> Result<T, Error>,
    value: Option<T>,
}

impl<T> Single<T> {
    /// The call of `request`, or, for a request that cannot be made (a key with no
    /// URL), its error, before anything is sent.
    pub fn new(request: Result<Exchange, Error>, read: fn(&Answer) -> Result<T, Error>) -> Self {
        Single {
            request: Some(request),
            read,
            value: None,
        }
    }
}

/// The answer has no body worth reading.
fn nothing(_: &Answer) -> Result<(), Error> {
    Ok(())
}

/// The request of a key's path, or the key's error.
fn keyed(method: &'static str, path: Result<String, url::KeyError>) -> Result<Exchange, Error> {
    path.map(|p| Exchange::new(method, p))
        .map_err(|e| Error::invalid_argument(e.message()))
}

/// `GET /api/backups`: every backup, as the server lists them, each read as a `T`
/// (a [`BackupFileInfo`](crate::core::models::BackupFileInfo); any JSON value where the answer is handed over as it came).
pub fn list<T: FromJson>() -> Single<Vec<T>> {
    Single::new(Ok(Exchange::new("GET", "/api/backups")), read_json)
}

/// Deletes a backup (a missing key is a 400 from the server).
pub fn delete(key: &str) -> Single<()> {
    Single::new(keyed("DELETE", url::backup_path(key)), nothing)
}

/// Asks for a restore and resolves at once, as the server answers.
pub fn restore(key: &str) -> Single<()> {
    Single::new(keyed("POST", url::restore_path(key)), nothing)
}

/// A file token for the signed-in user, valid about 3 minutes.
pub fn file_token() -> Single<String> {
    fn token(answer: &Answer) -> Result<String, Error> {
        read_json::<FileTokenResponse>(answer).map(|t| t.token)
    }
    Single::new(Ok(Exchange::new("POST", super::by_token::TOKEN_PATH)), token)
}

/// `GET /api/health`, read as a `T` (a [`HealthCheckResponse`](crate::core::models::HealthCheckResponse)).
pub fn health<T: FromJson>() -> Single<T> {
    Single::new(Ok(Exchange::new("GET", "/api/health")), read_json)
}

/// Every registered cron job, each read as a `T` (a [`CronJob`](crate::core::models::CronJob)).
pub fn crons<T: FromJson>() -> Single<Vec<T>> {
    Single::new(Ok(Exchange::new("GET", "/api/crons")), read_json)
}

/// Runs a cron job now; resolves once the server has run it.
pub fn run_cron(job_id: &str) -> Single<()> {
    let path = ["/api/crons/", &url::encode_component(job_id)].concat();
    Single::new(Ok(Exchange::new("POST", path)), nothing)
}

/// Every setting, read as a `T`.
pub fn settings<T: FromJson>() -> Single<T> {
    Single::new(Ok(Exchange::new("GET", super::SETTINGS_PATH)), read_json::<T>)
}

/// Changes the settings in `body` and reads the whole settings back as a `T`.
pub fn update_settings<T: FromJson>(body: &Json) -> Single<T> {
    Single::new(
        Ok(Exchange::json("PATCH", super::SETTINGS_PATH, body.to_text())),
        read_json::<T>,
    )
}

/// Tests the S3 connection of a filesystem (`"storage"` or `"backups"`).
pub fn test_s3(filesystem: &str) -> Single<()> {
    let body = Json::object([("filesystem", Json::str(filesystem))]).to_text();
    Single::new(Ok(Exchange::json("POST", super::TEST_S3_PATH, body)), nothing)
}

/// Asks the server to mail a one-time password to `email`; the answer read as a `T`
/// (an [`OtpResponse`](crate::core::models::OtpResponse)).
pub fn request_otp<T: FromJson>(collection: &str, email: &str) -> Single<T> {
    let body = Json::object([("email", Json::str(email))]).to_text();
    let path = url::collection_path(collection, "request-otp");
    Single::new(Ok(Exchange::json("POST", path, body)), read_json)
}

impl<T> Output for Single<T> {
    type Value = T;
    fn output(self) -> Result<T, Error> {
        self.value.ok_or_else(unfinished)
    }
}

impl<T> Plan for Single<T> {
    fn start(&mut self, _env: Env) -> Step {
        match self.request.take() {
            Some(Ok(request)) => Step::Send(request),
            Some(Err(e)) => Step::Done(Err(e)),
            None => Step::Done(Err(unfinished())),
        }
    }

    fn answered(&mut self, outcome: Result<Answer, Error>, _env: Env) -> Step {
        match outcome.and_then(|answer| (self.read)(&answer)) {
            Ok(value) => {
                self.value = Some(value);
                Step::Done(Ok(()))
            }
            Err(e) => Step::Done(Err(e)),
        }
    }
}

/// A sign-in (`auth-with-password`, `auth-with-otp`, `auth-refresh`): the answer's
/// session is handed to the driver to keep ([`Step::SignIn`]) before the call
/// resolves with it.
#[derive(Debug)]
pub struct SignIn {
    request: Option<Exchange>,
    auth: Option<AuthResponse>,
}

impl SignIn {
    /// POSTs `body` to the sign-in route `action` of `collection`.
    pub fn new(collection: &str, action: &str, body: Option<Json>) -> Self {
        let path = url::collection_path(collection, action);
        let request = match body {
            Some(body) => Exchange::json("POST", path, body.to_text()),
            None => Exchange::new("POST", path),
        };
        SignIn {
            request: Some(request),
            auth: None,
        }
    }
}

impl Output for SignIn {
    type Value = AuthResponse;
    fn output(self) -> Result<AuthResponse, Error> {
        self.auth.ok_or_else(unfinished)
    }
}

impl Plan for SignIn {
    fn start(&mut self, _env: Env) -> Step {
        match self.request.take() {
            Some(request) => Step::Send(request),
            None => Step::Done(Err(unfinished())),
        }
    }

    fn answered(&mut self, outcome: Result<Answer, Error>, _env: Env) -> Step {
        match outcome.and_then(|answer| read_json::<AuthResponse>(&answer)) {
            Ok(auth) => {
                let step = Step::SignIn {
                    token: auth.token.clone(),
                    record: auth.record.clone(),
                };
                self.auth = Some(auth);
                step
            }
            Err(e) => Step::Done(Err(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calls::ok;

    #[test]
    fn each_request_is_the_apis_and_its_answer_is_read() {
        let mut plan = list::<crate::core::models::BackupFileInfo>();
        let Step::Send(request) = plan.start(Env::default()) else {
            panic!()
        };
        assert_eq!((request.method, request.path.as_str()), ("GET", "/api/backups"));
        plan.answered(ok(r#"[{"key":"a.zip","size":3,"modified":"m"}]"#), Env::default());
        assert_eq!(plan.output().unwrap()[0].size, 3);

        let mut plan = run_cron("__pb Auto__");
        let Step::Send(request) = plan.start(Env::default()) else {
            panic!()
        };
        assert_eq!(request.path, "/api/crons/__pb%20Auto__");

        let mut plan = file_token();
        plan.start(Env::default());
        plan.answered(ok(r#"{"token":"t1"}"#), Env::default());
        assert_eq!(plan.output().unwrap(), "t1");
    }

    #[test]
    fn a_key_with_no_url_sends_nothing_and_a_wrong_answer_is_an_error() {
        let mut plan = delete("..");
        let Step::Done(Err(e)) = plan.start(Env::default()) else {
            panic!()
        };
        assert_eq!(e.kind, crate::error::ErrorKind::InvalidArgument);

        let mut plan = health::<crate::core::models::HealthCheckResponse>();
        plan.start(Env::default());
        let Step::Done(Err(e)) = plan.answered(ok("<html>"), Env::default()) else {
            panic!()
        };
        assert_eq!(e.message, "The server's answer could not be read: not JSON.");
        assert!(plan.output().is_err());
    }

    #[test]
    fn a_sign_in_hands_its_session_to_the_driver_before_it_resolves() {
        let body = Json::object([("identity", Json::str("a@b.c")), ("password", Json::str("p"))]);
        let mut plan = SignIn::new("_superusers", "auth-with-password", Some(body));
        let Step::Send(request) = plan.start(Env::default()) else {
            panic!()
        };
        assert_eq!(request.path, "/api/collections/_superusers/auth-with-password");
        let answer = ok(r#"{"token":"t2","record":{"id":"r1"}}"#);
        let Step::SignIn { token, record } = plan.answered(answer, Env::default()) else {
            panic!()
        };
        assert_eq!(
            (token.as_str(), record.get("id").and_then(Json::as_str)),
            ("t2", Some("r1"))
        );
        assert!(matches!(plan.resumed(Env::default()), Step::Done(Ok(()))));
        assert_eq!(plan.output().unwrap().token, "t2");
    }
}
