//! Every call as a plan: what to send next, given what came back. No I/O here — a plan
//! only decides. A driver performs what it asks for: the Rust API's
//! ([`crate::services`], with the client's request builder), and the npm package's.
//! So each call's flow (its requests in order, its retries, its waits) is written once,
//! whoever performs it, and is tested natively step by step.
//!
//! A driver calls [`Plan::start`] once, then, until the plan is [`Step::Done`]: sends
//! what [`Step::Send`] asks and hands the outcome to [`Plan::answered`], or waits what
//! [`Step::Wait`] asks and calls [`Plan::resumed`]. A call's `signal` is the driver's
//! business: an abort ends the call there, whatever the plan would do next. Once done,
//! [`Output::output`] gives what the call resolves with. The steps carry no type of the
//! call's, so one driver runs every plan.

mod by_token;
mod create;
pub mod explore;
mod inspect;
mod prune;
mod restore;
mod settings;
pub mod single;
mod stored;
mod upload;

pub use by_token::{ByToken, Purpose, TOKEN_PATH};
pub use create::Create;
pub use inspect::{Inspect, Inspection};
pub use prune::{KeyFilter, Prune, PruneFailure, PruneReport, PruneRequest};
pub use restore::Restore;
pub use settings::{
    set_storage, storage, RunScheduledNow, Schedule, TestStorage, AUTO_BACKUP_JOB, NEXT_RUNS,
    SCHEDULED_RUN_TIMEOUT_MS, SETTINGS_PATH, TEST_S3_PATH,
};
pub use single::{SignIn, Single};
pub use upload::{CheckUpload, Upload, UPLOAD_PATH};

use crate::core::json::Json;
use crate::core::models::FromJson;
use crate::core::settings::ScheduleCheck;
use crate::core::url::redact_tokens;
use crate::error::{Error, ErrorKind};

/// What a plan asks for next.
#[derive(Debug)]
pub enum Step {
    /// Send this request; then [`Plan::answered`].
    Send(Exchange),
    /// Wait this many milliseconds; then [`Plan::resumed`].
    Wait(u32),
    /// Open the server's realtime connection (its drop shows a restart), waiting at
    /// most this many milliseconds for it to open; then [`Plan::connected`]. The driver
    /// keeps it open until the plan is done and passes each drop in [`Env::dropped_at`].
    Connect(u32),
    /// Keep this session (a sign-in's token and record) in the client's auth store;
    /// then [`Plan::resumed`].
    SignIn { token: String, record: Json },
    /// Clear the client's session; then [`Plan::resumed`].
    SignOut,
    /// Read bytes `start..end` of the call's file; then [`Plan::read`].
    Read(u64, u64),
    /// Ask the tools to check a schedule with the server's rules and work out its next
    /// `count` runs from now; then [`Plan::scheduled`].
    Schedule {
        cron: String,
        max_keep: Option<i64>,
        count: usize,
    },
    /// Ask the caller's filter (a prune's `match`) which of these keys it keeps; then
    /// [`Plan::filtered`].
    Filter(Vec<String>),
    /// The call is over: [`Output::output`] has its result, or it failed.
    Done(Result<(), Error>),
}

/// A request, as a plan asks for it. The driver adds what every request of the client
/// carries (its base URL, the caller's query and headers, `Accept-Language`, the
/// session's `Authorization`) and applies the caller's options (`signal`, `timeout`,
/// auto-cancellation, hooks, a custom `fetch`).
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    /// `GET`, `POST` …
    pub method: &'static str,
    /// The path on the server (`/api/backups`), encoded.
    pub path: String,
    /// What is sent.
    pub body: Payload,
    /// Query pairs put before the caller's (a download's file token).
    pub query: Vec<(String, String)>,
    /// Headers added to the caller's (a `Range`).
    pub headers: Vec<(String, String)>,
    /// How the answer is read.
    pub read: Read,
    /// Give up after this many milliseconds (or the caller's `timeout`, if shorter).
    pub timeout_ms: Option<u32>,
    /// Whose request it is.
    pub scope: Scope,
}

/// Whose request an [`Exchange`] is, which says what of the caller's options it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The call's own request: all of the caller's options.
    Caller,
    /// One of several requests of the call (a prune's deletes): the caller's options,
    /// but never auto-cancelled and never cancelling the caller's calls.
    Quiet,
    /// A request the plan makes for itself (a file token, a health check while waiting):
    /// only the caller's `signal`, `fetch` and timeout, and never auto-cancelled.
    Own,
}

impl Exchange {
    /// A request with no body.
    pub fn new(method: &'static str, path: impl Into<String>) -> Self {
        Exchange {
            method,
            path: path.into(),
            body: Payload::Empty,
            query: Vec::new(),
            headers: Vec::new(),
            read: Read::Text,
            timeout_ms: None,
            scope: Scope::Caller,
        }
    }

    /// A request with a JSON body.
    pub fn json(method: &'static str, path: impl Into<String>, body: String) -> Self {
        Exchange {
            body: Payload::Json(body),
            ..Exchange::new(method, path)
        }
    }
}

/// What a request sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    Empty,
    /// A JSON text, sent as `application/json`.
    Json(String),
    /// The call's file, as the `file` field of a multipart form (with the call's
    /// upload progress).
    File,
}

/// How an answer is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// Its text, for the plan.
    Text,
    /// A file's download: the body streamed into a `Blob` the plan never sees (the
    /// call's result), with the call's progress; sent without the session's
    /// `Authorization` (the URL carries a file token).
    Blob,
    /// As [`Read::Blob`], the body left unread for the caller to stream.
    Head,
}

/// A 2xx answer, as a plan reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub status: u16,
    /// The body's text.
    pub text: String,
    /// The `Date` header (the server's clock, ms since 1970), where the browser shows
    /// it.
    pub date: Option<f64>,
}

/// The JSON answer as a `T`. An error a plan makes names no URL: the driver names the
/// one of the request.
pub fn read_json<T: FromJson>(answer: &Answer) -> Result<T, Error> {
    let json =
        Json::parse(&answer.text).ok_or_else(|| Error::unexpected_body(answer.status, "", "not JSON"))?;
    T::from_json(&json).ok_or_else(|| Error::unexpected_body(answer.status, "", "not the expected shape"))
}

/// What the driver hands a plan besides an answer: the clock, a random number in
/// `[0, 1)` and what it saw of the client and the connection, so that plans stay
/// deterministic under test.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Env {
    /// Milliseconds since 1970: the wall clock, for what is dated (a backup's name,
    /// its age).
    pub now_ms: f64,
    /// Milliseconds on a clock that never goes back (`performance.now()`): for
    /// deadlines, which moving the wall clock must not stretch or cut.
    pub clock_ms: f64,
    pub random: f64,
    /// When the realtime connection of [`Step::Connect`] dropped, if it did since the
    /// last step, on the clock of `clock_ms`.
    pub dropped_at: Option<f64>,
    /// The client holds a session.
    pub signed_in: bool,
}

/// A call's flow. See the module's documentation for how a driver runs one.
pub trait Plan {
    /// The first step.
    fn start(&mut self, env: Env) -> Step;
    /// The outcome of the request of the last [`Step::Send`]: a 2xx answer, or the
    /// error that came instead (an error status, no answer, an abort, a timeout).
    fn answered(&mut self, outcome: Result<Answer, Error>, env: Env) -> Step;
    /// The wait of the last [`Step::Wait`] is over, or the driver did what the last
    /// [`Step::SignIn`] or [`Step::SignOut`] asked. A plan that asks for neither ends.
    fn resumed(&mut self, env: Env) -> Step {
        let _ = env;
        Step::Done(Ok(()))
    }
    /// The bytes of the last [`Step::Read`], or why the file could not be read.
    fn read(&mut self, bytes: Result<&[u8], Error>, env: Env) -> Step {
        let _ = bytes;
        self.resumed(env)
    }
    /// What the tools found for the last [`Step::Schedule`].
    fn scheduled(&mut self, check: Result<ScheduleCheck, Error>, env: Env) -> Step {
        let _ = check;
        self.resumed(env)
    }
    /// The keys of the last [`Step::Filter`] that the caller's filter keeps.
    fn filtered(&mut self, kept: Vec<String>, env: Env) -> Step {
        let _ = kept;
        self.resumed(env)
    }
    /// Whether the connection of the last [`Step::Connect`] opened.
    fn connected(&mut self, open: bool, env: Env) -> Step {
        let _ = open;
        self.resumed(env)
    }
    /// The next status to report to the caller (`onStatus`), oldest first; the driver
    /// asks after every step.
    fn take_status(&mut self) -> Option<&'static str> {
        None
    }
}

/// The URL of an error a plan ended with, which names none (a plan knows paths, not the
/// base URL): the last request's, `last` (`""` before any), or, for a call refused
/// before any request as the server would refuse it (an [`ErrorKind::Response`]: a
/// name, a file, a schedule), `call`, the URL that request would have gone to. An
/// argument refused ([`ErrorKind::InvalidArgument`]) or a failure of the client's own
/// before any request names none. Both drivers apply it: the Rust API's and the npm
/// package's (src/npm/perform.js).
pub fn named(mut e: Error, last: &str, call: &str) -> Error {
    if e.url.is_empty() && e.kind != ErrorKind::InvalidArgument {
        if !last.is_empty() {
            e.url = redact_tokens(last);
        } else if e.kind == ErrorKind::Response {
            e.url = redact_tokens(call);
        }
    }
    e
}

/// The error of a plan asked for its output before it ended well: a driver's mistake.
pub fn unfinished() -> Error {
    Error::client("", "The call ended without its result.")
}

/// What a finished plan resolves with.
pub trait Output {
    type Value;
    /// The result, once the plan has ended with `Step::Done(Ok(()))`.
    fn output(self) -> Result<Self::Value, Error>;
}

/// A 200 answer with this body, for the plans' tests.
#[cfg(test)]
fn ok(text: &str) -> Result<Answer, Error> {
    Ok(Answer {
        status: 200,
        text: text.into(),
        date: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_names_the_last_request_or_where_a_refused_one_would_have_gone() {
        let call = "http://x/api/backups";
        let refused = || Error::validation("name", "validation_match_invalid", "m", None);
        // Refused before any request, as the server would refuse it.
        assert_eq!(named(refused(), "", call).url, call);
        // After a request: that request's URL (a plan's error names none).
        let unread = Error::unexpected_body(200, "", "not JSON");
        assert_eq!(
            named(unread, "http://x/api/health", call).url,
            "http://x/api/health"
        );
        // Its own URL stays; a token in one is redacted.
        let answered = Error::from_response(400, "http://x/api/backups/a.zip", "{}");
        assert_eq!(
            named(answered, "http://x/y", call).url,
            "http://x/api/backups/a.zip"
        );
        assert_eq!(
            named(Error::client("", "m"), "http://x/f?token=t", call).url,
            "http://x/f?token=[redacted]"
        );
        // Before any request: a wrong argument, or a failure of the client's own, names none.
        assert_eq!(named(Error::invalid_argument("bad"), "", call).url, "");
        assert_eq!(named(Error::client("", "no tools"), "", call).url, "");
        assert_eq!(named(Error::invalid_argument("bad"), "http://x/y", call).url, "");
    }
}
