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
//! [`Plan::output`] gives what the call resolves with. The steps carry no type of the
//! call's, so one driver runs every plan.

mod create;
mod restore;

pub use create::Create;
pub use restore::Restore;

use crate::error::Error;

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
    /// Clear the client's session; then [`Plan::resumed`].
    SignOut,
    /// The call is over: [`Plan::output`] has its result, or it failed.
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
    /// Give up after this many milliseconds (or the caller's `timeout`, if shorter).
    pub timeout_ms: Option<u32>,
    /// A check of the plan's own (a health check while waiting): sent with the caller's
    /// `signal` only, never auto-cancelled and never cancelling the caller's calls.
    pub probe: bool,
}

impl Exchange {
    /// A request with no body.
    pub fn new(method: &'static str, path: impl Into<String>) -> Self {
        Exchange {
            method,
            path: path.into(),
            body: Payload::Empty,
            timeout_ms: None,
            probe: false,
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
}

/// A 2xx answer, as a plan reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub status: u16,
    /// The body's text.
    pub text: String,
}

/// What the driver hands a plan besides an answer: the clock, a random number in
/// `[0, 1)` and what it saw of the client and the connection, so that plans stay
/// deterministic under test.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Env {
    /// Milliseconds since 1970.
    pub now_ms: f64,
    pub random: f64,
    /// When the realtime connection of [`Step::Connect`] dropped, if it did since the
    /// last step.
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
    /// [`Step::SignOut`] asked.
    fn resumed(&mut self, env: Env) -> Step;
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

/// What a finished plan resolves with.
pub trait Output {
    type Value;
    /// The result, once the plan has ended with `Step::Done(Ok(()))`.
    fn output(self) -> Self::Value;
}
