//! The Rust API's driver of the plans ([`crate::calls`]): each request a plan asks for
//! goes through the client's request builder with the caller's options, each wait
//! through the runtime's timer, the realtime connection through
//! [`ConnectionWatch`], reads of the call's file through `Blob.slice`, and the
//! caller's `signal` ends the call between steps.

use std::future::Future;
use std::pin::Pin;

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{Blob, FormData};

use crate::calls::{Answer, Env, Exchange, KeyFilter, Output, Payload, Plan, Read, Scope, Step};
use crate::client::{Body, Client, HttpResponse};
use crate::core::progress::{ProgressFn, ProgressTracker};
use crate::core::prune::parse_http_date;
use crate::error::Error;
use crate::options::{RequestKey, RequestOptions};
use crate::transport::blob::read_range;
use crate::transport::runtime;
use crate::transport::watch::ConnectionWatch;

use super::StatusFn;

/// What a call hands the driver besides its options.
#[derive(Default)]
pub(crate) struct Hooks {
    /// Hears the plan's statuses.
    pub on_status: Option<StatusFn>,
    /// `(loaded, total)` of a file's download ([`Read::Blob`]).
    pub on_progress: Option<Box<dyn Fn(f64, f64)>>,
    /// The call's file, which [`Step::Read`] reads.
    pub file: Option<Blob>,
    /// The multipart form holding the call's file, which [`Payload::File`] sends.
    pub form: Option<FormData>,
    /// `(loaded, total)` in bytes of the file, as an upload ([`Payload::File`]) sends
    /// it: `(0, size)` first, never backwards, `(size, size)` once stored.
    pub on_upload: Option<ProgressFn>,
    /// The caller's filter on keys, which [`Step::Filter`] applies.
    pub filter: Option<KeyFilter>,
}

/// A request on its way: the answer for the plan, and the response itself for a
/// file's download.
type Sent = Pin<Box<dyn Future<Output = Result<(Answer, HttpResponse), Error>>>>;

/// Runs `plan` to its end and gives its output; `path` is the one errors of the call
/// name. Its first request is sent before this returns.
pub(crate) fn run<P>(
    client: &Client,
    options: &RequestOptions,
    path: &str,
    hooks: Hooks,
    plan: P,
) -> impl Future<Output = Result<P::Value, Error>>
where
    P: Plan + Output + 'static,
{
    let driven = run_for_file(client, options, path, hooks, plan);
    async move { Ok(driven.await?.0) }
}

/// [`run`], with the response of the plan's last file request ([`Read::Blob`] or
/// [`Read::Head`]), where there was one.
pub(crate) fn run_for_file<P>(
    client: &Client,
    options: &RequestOptions,
    path: &str,
    hooks: Hooks,
    mut plan: P,
) -> impl Future<Output = Result<(P::Value, Option<HttpResponse>), Error>>
where
    P: Plan + Output + 'static,
{
    let mut driver = Driver {
        client: client.clone(),
        options: options.clone(),
        url: client.build_url(path),
        last: String::new(),
        hooks,
        connection: None,
        file: None,
        upload: None,
    };
    let first = plan.start(driver.env());
    let in_flight = match &first {
        Step::Send(exchange) => Some(driver.send(exchange)),
        _ => None,
    };
    async move {
        driver.drive(first, in_flight, &mut plan).await?;
        Ok((plan.output()?, driver.file))
    }
}

struct Driver {
    client: Client,
    options: RequestOptions,
    /// The call's URL, which an abort between steps names, and a call refused before
    /// any request as the server would refuse it.
    url: String,
    /// The last request's URL, which an error the plan makes names.
    last: String,
    hooks: Hooks,
    connection: Option<ConnectionWatch>,
    file: Option<HttpResponse>,
    /// The progress of the upload under way.
    upload: Option<Progress>,
}

impl Driver {
    fn env(&self) -> Env {
        Env {
            now_ms: runtime::now_ms(),
            clock_ms: runtime::clock_ms(),
            random: runtime::random(),
            dropped_at: self.connection.as_ref().and_then(ConnectionWatch::take_drop),
            signed_in: !self.client.auth().token().is_empty(),
        }
    }

    fn aborted(&self) -> bool {
        self.options.signal.as_ref().is_some_and(|s| s.aborted())
    }

    /// Waits `ms`, less once the caller aborts or the realtime connection drops: the
    /// plan then checks the server while it is still away (a restart's gap can be
    /// shorter than the wait).
    async fn pause(&self, ms: u32) {
        let signal = self.options.signal.as_ref();
        let Some(connection) = &self.connection else {
            return runtime::sleep_unless_aborted(ms, signal).await;
        };
        let end = runtime::clock_ms() + f64::from(ms);
        while !connection.dropped() && !self.aborted() {
            let left = end - runtime::clock_ms();
            if left <= 0.0 {
                break;
            }
            runtime::sleep_unless_aborted(left.min(10.0).ceil() as u32, signal).await;
        }
    }

    /// Sends `exchange` now, as every call's first request is sent when the call is
    /// made.
    fn send(&mut self, exchange: &Exchange) -> Sent {
        let caller = &self.options;
        // The caller's timeout bounds every request of the call, the plan's own too.
        let timeout_ms = match (caller.timeout_ms, exchange.timeout_ms) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let mut options = match exchange.scope {
            Scope::Own => RequestOptions {
                request_key: RequestKey::None,
                signal: caller.signal.clone(),
                fetch: caller.fetch.clone(),
                timeout_ms,
                ..RequestOptions::default()
            },
            scope => RequestOptions {
                timeout_ms,
                request_key: match scope {
                    Scope::Quiet => RequestKey::None,
                    _ => caller.request_key.clone(),
                },
                ..caller.clone()
            },
        };
        options.query.splice(0..0, exchange.query.iter().cloned());
        options.headers.extend(exchange.headers.iter().cloned());
        let client = self.client.clone();
        let request = client.request(exchange.method, &exchange.path, &options);
        let sent: Pin<Box<dyn Future<Output = Result<HttpResponse, Error>>>> =
            match (&exchange.body, exchange.read) {
                (Payload::File, _) => self.send_file(request),
                (Payload::Json(text), _) => Box::pin(request.body(Body::Json(text.clone())).send()),
                (Payload::Empty, Read::Text) => Box::pin(request.send()),
                (Payload::Empty, Read::Blob) => {
                    Box::pin(request.blob(Vec::new(), self.hooks.on_progress.take()))
                }
                (Payload::Empty, Read::Head) => Box::pin(request.head()),
            };
        let read = exchange.read;
        Box::pin(async move {
            let response = sent.await?;
            let text = if read == Read::Text {
                response.body()
            } else {
                String::new()
            };
            let answer = Answer {
                status: response.status,
                text,
                date: response.header("date").and_then(|d| parse_http_date(&d)),
            };
            Ok((answer, response))
        })
    }

    /// Sends the call's form: through `XMLHttpRequest` with progress when the caller
    /// wants it, else as any other body.
    fn send_file(
        &mut self,
        request: crate::client::Request<'_>,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, Error>>>> {
        let Some(form) = self.hooks.form.clone() else {
            return Box::pin(async { Err(Error::client("", "The call has no file to send.")) });
        };
        let Some(report) = self.hooks.on_upload.take() else {
            return Box::pin(request.body(Body::Form(form)).send());
        };
        let size = self.hooks.file.as_ref().map_or(0, |f| f.size() as u64);
        let progress = Progress {
            tracker: Rc::new(RefCell::new(ProgressTracker::new(size))),
            report,
        };
        let on_raw = {
            let progress = progress.clone();
            move |loaded: f64, total: f64| progress.update(loaded, total)
        };
        let sent = request.form_with_progress(form, Box::new(on_raw));
        progress.start();
        self.upload = Some(progress);
        sent
    }

    /// Performs every step after the first, in one loop for every plan.
    async fn drive(
        &mut self,
        first: Step,
        mut in_flight: Option<Sent>,
        plan: &mut dyn Plan,
    ) -> Result<(), Error> {
        let mut step = first;
        loop {
            while let Some(status) = plan.take_status() {
                if let Some(f) = &self.hooks.on_status {
                    f(status);
                }
            }
            step = match step {
                Step::Done(outcome) => return outcome.map_err(|e| self.named(e)),
                Step::Send(exchange) => {
                    let sent = match in_flight.take() {
                        Some(sent) => sent,
                        None => self.send(&exchange),
                    };
                    let outcome = match sent.await {
                        Ok((answer, response)) => {
                            if exchange.read != Read::Text {
                                self.file = Some(response);
                            }
                            if let Some(progress) = self.upload.take() {
                                progress.finish();
                            }
                            Ok(answer)
                        }
                        Err(e) => Err(e),
                    };
                    self.last = self.client.build_url(&exchange.path);
                    plan.answered(outcome, self.env())
                }
                Step::Wait(ms) => {
                    self.pause(ms).await;
                    if self.aborted() {
                        return Err(Error::aborted(&self.url, None));
                    }
                    plan.resumed(self.env())
                }
                Step::Connect(ms) => {
                    let realtime = self.client.build_url("/api/realtime");
                    self.connection =
                        ConnectionWatch::open(&realtime, ms, self.options.signal.as_ref()).await;
                    if self.aborted() {
                        return Err(Error::aborted(&self.url, None));
                    }
                    plan.connected(self.connection.is_some(), self.env())
                }
                Step::SignIn { token, record } => {
                    self.client.auth().save(&token, &record);
                    plan.resumed(self.env())
                }
                Step::Filter(mut keys) => {
                    if let Some(keep) = &self.hooks.filter {
                        keys.retain(|k| keep(k));
                    }
                    plan.filtered(keys, self.env())
                }
                Step::SignOut => {
                    self.client.auth().clear();
                    plan.resumed(self.env())
                }
                Step::Schedule {
                    cron,
                    max_keep,
                    count,
                } => {
                    let check = match self.client.tools() {
                        Ok(tools) => tools.schedule(&cron, max_keep, runtime::now_ms(), count).await,
                        Err(e) => Err(e),
                    };
                    plan.scheduled(check, self.env())
                }
                Step::Read(start, end) => {
                    let bytes = match &self.hooks.file {
                        Some(file) => read_range(file, start, end).await.map_err(|e| {
                            let why = runtime::error_message(&e).unwrap_or_else(|| "unknown error".into());
                            Error::client("", format!("The file could not be read: {why}"))
                        }),
                        None => Err(Error::client("", "The call has no file to read.")),
                    };
                    if self.aborted() {
                        return Err(Error::aborted(&self.url, None));
                    }
                    let env = self.env();
                    match bytes {
                        Ok(bytes) => plan.read(Ok(&bytes), env),
                        Err(e) => plan.read(Err(e), env),
                    }
                }
            };
        }
    }

    /// An error a plan made names no URL: the last request's, or, refused before any,
    /// the call's ([`crate::calls::named`]).
    fn named(&self, e: Error) -> Error {
        crate::calls::named(e, &self.last, &self.url)
    }
}

/// Progress of one upload: raw transport events in, file-byte reports out.
#[derive(Clone)]
struct Progress {
    tracker: Rc<RefCell<ProgressTracker>>,
    report: ProgressFn,
}

impl Progress {
    fn emit(&self, step: impl FnOnce(&mut ProgressTracker) -> Option<u64>) {
        let (bytes, total) = {
            let mut tracker = self.tracker.borrow_mut();
            (step(&mut tracker), tracker.total())
        };
        // Called with no borrow held: the callback may do anything.
        if let Some(bytes) = bytes {
            (self.report)(bytes, total);
        }
    }

    fn start(&self) {
        self.emit(ProgressTracker::start);
    }

    fn update(&self, loaded: f64, total: f64) {
        self.emit(|t| t.update(loaded, total));
    }

    fn finish(&self) {
        self.emit(ProgressTracker::finish);
    }
}
