//! The Rust API's driver of the plans ([`crate::calls`]): each request a plan asks for
//! goes through the client's request builder with the caller's options, each wait
//! through the runtime's timer, the realtime connection through
//! [`ConnectionWatch`], and the caller's `signal` ends the call between steps.

use std::future::Future;
use std::pin::Pin;

use crate::calls::{Answer, Env, Exchange, Output, Payload, Plan, Step};
use crate::client::{Body, Client};
use crate::error::Error;
use crate::options::{RequestKey, RequestOptions};
use crate::transport::runtime;
use crate::transport::watch::ConnectionWatch;

use super::StatusFn;

type Sent = Pin<Box<dyn Future<Output = Result<Answer, Error>>>>;

fn env(client: &Client, connection: Option<&ConnectionWatch>) -> Env {
    Env {
        now_ms: runtime::now_ms(),
        random: runtime::random(),
        dropped_at: connection.and_then(ConnectionWatch::take_drop),
        signed_in: !client.auth().token().is_empty(),
    }
}

/// Sends `exchange` now, as every call's first request is sent when the call is made.
fn send(client: &Client, options: &RequestOptions, exchange: &Exchange) -> Sent {
    let own;
    let options = match (exchange.probe, exchange.timeout_ms) {
        (false, None) => options,
        (false, Some(ms)) => {
            own = RequestOptions {
                timeout_ms: Some(options.timeout_ms.map_or(ms, |t| t.min(ms))),
                ..options.clone()
            };
            &own
        }
        (true, timeout_ms) => {
            own = RequestOptions {
                request_key: RequestKey::None,
                signal: options.signal.clone(),
                timeout_ms,
                ..RequestOptions::default()
            };
            &own
        }
    };
    let request = client.request(exchange.method, &exchange.path, options);
    let request = match &exchange.body {
        Payload::Empty => request,
        Payload::Json(text) => request.body(Body::Json(text.clone())),
    };
    let sent = request.send();
    Box::pin(async move {
        let response = sent.await?;
        Ok(Answer {
            status: response.status,
            text: response.body(),
        })
    })
}

/// Runs `plan` to its end and gives its output; `path` is the one errors of the call
/// name, `on_status` hears the plan's statuses. Its first request is sent before this
/// returns.
pub(crate) fn run<P>(
    client: &Client,
    options: &RequestOptions,
    path: &str,
    on_status: Option<StatusFn>,
    mut plan: P,
) -> impl Future<Output = Result<P::Value, Error>>
where
    P: Plan + Output + 'static,
{
    let first = plan.start(env(client, None));
    let in_flight = match &first {
        Step::Send(exchange) => Some(send(client, options, exchange)),
        _ => None,
    };
    let (client, options, url) = (client.clone(), options.clone(), client.build_url(path));
    async move {
        drive(&client, &options, &url, on_status, first, in_flight, &mut plan).await?;
        Ok(plan.output())
    }
}

/// The one loop that performs every plan's steps after the first.
async fn drive(
    client: &Client,
    options: &RequestOptions,
    url: &str,
    on_status: Option<StatusFn>,
    first: Step,
    mut in_flight: Option<Sent>,
    plan: &mut dyn Plan,
) -> Result<(), Error> {
    let mut connection: Option<ConnectionWatch> = None;
    let mut step = first;
    loop {
        while let Some(status) = plan.take_status() {
            if let Some(f) = &on_status {
                f(status);
            }
        }
        let aborted = || options.signal.as_ref().is_some_and(|s| s.aborted());
        step = match step {
            Step::Done(outcome) => return outcome,
            Step::Send(exchange) => {
                let sent = in_flight
                    .take()
                    .unwrap_or_else(|| send(client, options, &exchange));
                let outcome = sent.await;
                plan.answered(outcome, env(client, connection.as_ref()))
            }
            Step::Wait(ms) => {
                runtime::sleep_unless_aborted(ms, options.signal.as_ref()).await;
                if aborted() {
                    return Err(Error::aborted(url, None));
                }
                plan.resumed(env(client, connection.as_ref()))
            }
            Step::Connect(ms) => {
                let realtime = client.build_url("/api/realtime");
                connection = ConnectionWatch::open(&realtime, ms, options.signal.as_ref()).await;
                if aborted() {
                    return Err(Error::aborted(url, None));
                }
                plan.connected(connection.is_some(), env(client, connection.as_ref()))
            }
            Step::SignOut => {
                client.auth().clear();
                plan.resumed(env(client, connection.as_ref()))
            }
        };
    }
}
