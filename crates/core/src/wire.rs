//! What crosses between the plans and the package's JS, which performs them: each step
//! as JSON text, an error as the fields of the JS `ClientResponseError`, a call's
//! result in the shape the JS API gives it, and a failed request back as an [`Error`].
//! Pure: tested natively.

use bosbase_backups::calls::{Exchange, Inspection, Payload, PruneReport, Read, Scope, Step};
use bosbase_backups::core::json::Json;
use bosbase_backups::{BackupSchedule, BackupStorage, Error, ErrorKind};

/// A step as JSON text: an object with one member named for the step.
///
/// ```text
/// {"send": {"method", "path", "body": null | {"json": TEXT} | "file", "query": [[k, v]],
///           "headers": [[k, v]], "read": "text" | "blob" | "head",
///           "timeoutMs": MS | null, "scope": "caller" | "quiet" | "own"}}
/// {"wait": MS}  {"connect": MS}  {"signIn": {"token", "record"}}  {"signOut": true}
/// {"read": [START, END]}  {"schedule": {"cron", "maxKeep": N | null, "count"}}
/// {"filter": [KEY…]}  {"done": null}  {"done": ERROR}
/// ```
pub fn step(step: Step) -> String {
    let (name, value) = match step {
        Step::Send(exchange) => ("send", send(exchange)),
        Step::Wait(ms) => ("wait", Json::uint(u64::from(ms))),
        Step::Connect(ms) => ("connect", Json::uint(u64::from(ms))),
        Step::SignIn { token, record } => (
            "signIn",
            Json::object([("token", Json::String(token)), ("record", record)]),
        ),
        Step::SignOut => ("signOut", Json::Bool(true)),
        Step::Read(start, end) => ("read", Json::Array(vec![Json::uint(start), Json::uint(end)])),
        Step::Schedule {
            cron,
            max_keep,
            count,
        } => (
            "schedule",
            Json::object([
                ("cron", Json::String(cron)),
                ("maxKeep", max_keep.map_or(Json::Null, int)),
                ("count", Json::uint(count as u64)),
            ]),
        ),
        Step::Filter(keys) => (
            "filter",
            Json::Array(keys.into_iter().map(Json::String).collect()),
        ),
        Step::Done(Ok(())) => ("done", Json::Null),
        Step::Done(Err(e)) => ("done", error(&e)),
    };
    Json::Object(vec![(name.to_string(), value)]).to_text()
}

fn send(x: Exchange) -> Json {
    let pairs = |v: Vec<(String, String)>| {
        Json::Array(
            v.into_iter()
                .map(|(k, v)| Json::Array(vec![Json::String(k), Json::String(v)]))
                .collect(),
        )
    };
    Json::object([
        ("method", Json::str(x.method)),
        ("path", Json::String(x.path)),
        (
            "body",
            match x.body {
                Payload::Empty => Json::Null,
                Payload::Json(text) => Json::object([("json", Json::String(text))]),
                Payload::File => Json::str("file"),
            },
        ),
        ("query", pairs(x.query)),
        ("headers", pairs(x.headers)),
        (
            "read",
            Json::str(match x.read {
                Read::Text => "text",
                Read::Blob => "blob",
                Read::Head => "head",
            }),
        ),
        (
            "timeoutMs",
            x.timeout_ms.map_or(Json::Null, |ms| Json::uint(u64::from(ms))),
        ),
        (
            "scope",
            Json::str(match x.scope {
                Scope::Caller => "caller",
                Scope::Quiet => "quiet",
                Scope::Own => "own",
            }),
        ),
    ])
}

/// A whole number, negative too.
fn int(n: i64) -> Json {
    let digits = bosbase_backups::core::text::uint(n.unsigned_abs());
    Json::Number(if n < 0 { ["-", &digits].concat() } else { digits })
}

/// Milliseconds since 1970 (whole, as every time the plans hand out is).
fn ms(t: f64) -> Json {
    Json::uint(if t > 0.0 { t as u64 } else { 0 })
}

/// An error as the JS `ClientResponseError` holds it: `{kind, status, url, message,
/// response}`; `kind` is `"response"`, `"network"`, `"aborted"`, `"timedOut"`,
/// `"invalidArgument"` (a `TypeError` in JS) or `"client"`.
pub fn error(e: &Error) -> Json {
    let kind = match e.kind {
        ErrorKind::Response => "response",
        ErrorKind::Network => "network",
        ErrorKind::Aborted => "aborted",
        ErrorKind::TimedOut => "timedOut",
        ErrorKind::InvalidArgument => "invalidArgument",
        ErrorKind::Client => "client",
    };
    Json::object([
        ("kind", Json::str(kind)),
        ("status", Json::uint(u64::from(e.status))),
        ("url", Json::str(&e.url)),
        ("message", Json::str(&e.message)),
        ("response", e.response.clone()),
    ])
}

/// What the JS saw instead of a 2xx answer, as the plans read it: `kind` as in
/// [`error`] (`"response"`: an error status, whose body is `text`; `"network"`: no
/// answer, `text` what the JS error said; `"aborted"`; `"unusable"`: an answer that
/// came but cannot be used, a download that ended early, `text` saying why;
/// `"timedOut"` after `text` ms).
pub fn failure(kind: &str, status: u16, url: &str, text: &str) -> Error {
    match kind {
        "response" => Error::from_response(status, url, text),
        "aborted" => Error::aborted(url, None),
        "timedOut" => Error::timed_out(url, text.parse().unwrap_or(0)),
        "unusable" => Error::client(url, text),
        _ => Error::no_answer(url, Some(text).filter(|t| !t.is_empty())),
    }
}

/// A call's result as the JS API gives it, as JSON.
pub trait ToWire {
    fn to_wire(self) -> Json;
}

impl ToWire for String {
    fn to_wire(self) -> Json {
        Json::String(self)
    }
}

/// The calls that resolve with `true` in the JS API.
impl ToWire for () {
    fn to_wire(self) -> Json {
        Json::Bool(true)
    }
}

/// A waited restore: the JS API's `RestoreReport`, `{waited: true, authCleared}`.
impl ToWire for bool {
    fn to_wire(self) -> Json {
        bosbase_backups::RestoreReport { auth_cleared: self }.to_json()
    }
}

impl ToWire for Inspection {
    fn to_wire(self) -> Json {
        self.to_json()
    }
}

/// `{selected, deleted, failed: [{key, error}], now, serverClock, summary}`: `summary`
/// names each key not deleted (the message of the error a prune then rejects with).
impl ToWire for PruneReport {
    fn to_wire(self) -> Json {
        let summary = self.failure_summary();
        let keys = |v: Vec<String>| Json::Array(v.into_iter().map(Json::String).collect());
        let failed = self
            .failed
            .iter()
            .map(|f| Json::object([("key", Json::str(&f.key)), ("error", error(&f.error))]))
            .collect();
        Json::object([
            ("selected", keys(self.selected)),
            ("deleted", keys(self.deleted)),
            ("failed", Json::Array(failed)),
            ("now", ms(self.now_ms)),
            ("serverClock", Json::Bool(self.server_clock)),
            ("summary", Json::String(summary)),
        ])
    }
}

/// `{cron, maxKeep, nextRuns: [ms…]}` (the JS makes the runs `Date`s).
impl ToWire for BackupSchedule {
    fn to_wire(self) -> Json {
        Json::object([
            ("cron", Json::String(self.cron)),
            ("maxKeep", int(self.max_keep)),
            (
                "nextRuns",
                Json::Array(self.next_runs.into_iter().map(ms).collect()),
            ),
        ])
    }
}

/// `{local: true}` or `{local: false, s3: {bucket, region, endpoint, accessKey,
/// forcePathStyle}}`: never the secret, which the server does not send back.
impl ToWire for BackupStorage {
    fn to_wire(self) -> Json {
        match self {
            BackupStorage::Local => Json::object([("local", Json::Bool(true))]),
            BackupStorage::S3(s3) => Json::object([
                ("local", Json::Bool(false)),
                (
                    "s3",
                    Json::object([
                        ("bucket", Json::String(s3.bucket)),
                        ("region", Json::String(s3.region)),
                        ("endpoint", Json::String(s3.endpoint)),
                        ("accessKey", Json::String(s3.access_key)),
                        ("forcePathStyle", Json::Bool(s3.force_path_style)),
                    ]),
                ),
            ]),
        }
    }
}

/// A call's end as JSON text: `{"value": …}` or `{"error": …}`.
pub fn result(outcome: Result<Json, Error>) -> String {
    match outcome {
        Ok(value) => Json::object([("value", value)]),
        Err(e) => Json::object([("error", error(&e))]),
    }
    .to_text()
}

#[cfg(test)]
mod tests {
    use super::*;
    use bosbase_backups::calls::PruneFailure;

    fn parsed(text: &str) -> Json {
        Json::parse(text).expect("JSON")
    }

    #[test]
    fn a_request_crosses_with_every_field() {
        let exchange = Exchange {
            query: vec![("token".into(), "t\"1".into())],
            headers: vec![("Range".into(), "bytes=0-0".into())],
            read: Read::Head,
            timeout_ms: Some(3_000),
            scope: Scope::Own,
            ..Exchange::json("POST", "/api/backups", r#"{"name":"a.zip"}"#.into())
        };
        let v = parsed(&step(Step::Send(exchange)));
        let send = &v["send"];
        assert_eq!(send["method"].as_str(), Some("POST"));
        assert_eq!(send["path"].as_str(), Some("/api/backups"));
        assert_eq!(send["body"]["json"].as_str(), Some(r#"{"name":"a.zip"}"#));
        assert_eq!(
            send["query"].as_array().unwrap()[0].as_array().unwrap()[1].as_str(),
            Some("t\"1")
        );
        assert_eq!(
            send["headers"].as_array().unwrap()[0].as_array().unwrap()[0].as_str(),
            Some("Range")
        );
        assert_eq!(
            (send["read"].as_str(), send["scope"].as_str()),
            (Some("head"), Some("own"))
        );
        assert_eq!(send["timeoutMs"].as_u64(), Some(3_000));
        let file = parsed(&step(Step::Send(Exchange {
            body: Payload::File,
            ..Exchange::new("POST", "/api/backups/upload")
        })));
        assert_eq!(file["send"]["body"].as_str(), Some("file"));
        assert!(file["send"]["timeoutMs"].is_null());
    }

    #[test]
    fn every_other_step_has_its_own_name() {
        let cases = [
            (Step::Wait(100), r#"{"wait":100}"#),
            (Step::Connect(3_000), r#"{"connect":3000}"#),
            (Step::SignOut, r#"{"signOut":true}"#),
            (Step::Read(0, 100), r#"{"read":[0,100]}"#),
            (Step::Filter(vec!["a.zip".into()]), r#"{"filter":["a.zip"]}"#),
            (Step::Done(Ok(())), r#"{"done":null}"#),
            (
                Step::Schedule {
                    cron: "@daily".into(),
                    max_keep: Some(-1),
                    count: 3,
                },
                r#"{"schedule":{"cron":"@daily","maxKeep":-1,"count":3}}"#,
            ),
            (
                Step::SignIn {
                    token: "tk".into(),
                    record: Json::object([("id", Json::str("r1"))]),
                },
                r#"{"signIn":{"token":"tk","record":{"id":"r1"}}}"#,
            ),
        ];
        for (s, want) in cases {
            assert_eq!(step(s), want);
        }
    }

    #[test]
    fn errors_cross_with_the_fields_of_client_response_error() {
        let e = Error::from_response(
            400,
            "http://x/api/backups",
            r#"{"message":"Bad.","data":{"name":{"code":"c"}}}"#,
        );
        let v = parsed(&step(Step::Done(Err(e))));
        let done = &v["done"];
        assert_eq!(
            (done["kind"].as_str(), done["status"].as_u64()),
            (Some("response"), Some(400))
        );
        assert_eq!(done["url"].as_str(), Some("http://x/api/backups"));
        assert_eq!(done["message"].as_str(), Some("Bad."));
        assert_eq!(done["response"]["data"]["name"]["code"].as_str(), Some("c"));
        let refused = Error::invalid_argument("key must be a string");
        assert_eq!(error(&refused)["kind"].as_str(), Some("invalidArgument"));
    }

    #[test]
    fn failures_read_back_as_the_rust_api_makes_them() {
        let answer = failure("response", 404, "http://x/a", r#"{"message":"Not found."}"#);
        assert_eq!(
            (answer.kind, answer.status, answer.message.as_str()),
            (ErrorKind::Response, 404, "Not found.")
        );
        let dropped = failure("network", 0, "http://x/a", "Failed to fetch");
        assert_eq!(dropped.kind, ErrorKind::Network);
        assert!(
            dropped.message.ends_with("(Failed to fetch)"),
            "{}",
            dropped.message
        );
        assert_eq!(failure("aborted", 0, "http://x/a", "").kind, ErrorKind::Aborted);
        let late = failure("timedOut", 0, "http://x/a?token=s", "300");
        assert_eq!(late.kind, ErrorKind::TimedOut);
        assert_eq!(late.message, "The request timed out after 300 ms.");
        assert_eq!(late.url, "http://x/a?token=[redacted]");
    }

    #[test]
    fn results_cross_in_the_js_apis_shapes() {
        assert_eq!(result(Ok("a.zip".to_string().to_wire())), r#"{"value":"a.zip"}"#);
        assert_eq!(result(Ok(().to_wire())), r#"{"value":true}"#);
        assert_eq!(
            result(Ok(true.to_wire())),
            r#"{"value":{"waited":true,"authCleared":true}}"#
        );
        let report = PruneReport {
            selected: vec!["a.zip".into(), "b.zip".into()],
            deleted: vec!["a.zip".into()],
            failed: vec![PruneFailure {
                key: "b.zip".into(),
                error: Error::from_response(400, "http://x/api/backups/b.zip", "{}"),
            }],
            now_ms: 1_764_000_000_000.0,
            server_clock: true,
        };
        let v = report.to_wire();
        assert_eq!(v["deleted"].as_array().unwrap().len(), 1);
        assert_eq!(
            v["failed"].as_array().unwrap()[0]["error"]["status"].as_u64(),
            Some(400)
        );
        assert_eq!(
            (v["now"].as_u64(), v["serverClock"].as_bool()),
            (Some(1_764_000_000_000), Some(true))
        );
        let schedule = BackupSchedule {
            cron: "0 3 * * *".into(),
            max_keep: 7,
            next_runs: vec![1_764_000_000_000.0],
        };
        assert_eq!(
            schedule.to_wire().to_text(),
            r#"{"cron":"0 3 * * *","maxKeep":7,"nextRuns":[1764000000000]}"#
        );
        assert_eq!(BackupStorage::Local.to_wire().to_text(), r#"{"local":true}"#);
        let err = result(Err(Error::aborted("http://x", None)));
        assert_eq!(parsed(&err)["error"]["kind"].as_str(), Some("aborted"));
    }
}
