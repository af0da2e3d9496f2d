//! The error every call returns: the Rust form of the JS `ClientResponseError`.

use crate::core::json::Json;
use crate::core::text;
use crate::core::url::redact_tokens;
use wasm_bindgen::JsValue;

use crate::core::error_body::{fallback_message, field_code, mfa_id, parse_error_body};

/// What kind of failure an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The server answered with an error status (`status` is it), or the call was
    /// refused before sending with the answer the server gives for the same mistake
    /// (a name it refuses, a cron expression it refuses: status 400).
    Response,
    /// No answer: the request could not be sent or the connection failed.
    Network,
    /// Cancelled: the caller's signal, auto-cancellation, `cancel_request`.
    Aborted,
    /// No answer within the `timeout` the caller set.
    TimedOut,
    /// Refused before sending because an argument was wrong (JS gets a `TypeError`).
    InvalidArgument,
    /// A failure the client saw itself: an answer it cannot use, a restore whose restart
    /// was not seen in time, a tools module that did not load.
    Client,
}

/// A failed call: the server answered with an error, or no answer came.
#[derive(Debug, Clone)]
pub struct Error {
    /// What kind of failure this is.
    pub kind: ErrorKind,
    /// The HTTP status, or 0 when there was no answer (network failure, abort, a call
    /// refused before sending).
    pub status: u16,
    /// The URL of the request (empty when none was made), with the value of any
    /// `token=` parameter replaced by `[redacted]`: a download's file token must not
    /// reach error reporters.
    pub url: String,
    /// The server's message where it gave one, else a sentence saying what happened;
    /// `token=` values in it are redacted as in `url`.
    pub message: String,
    /// The server's error body `{status, message, data}` as received; `{}` without one.
    pub response: Json,
    /// The JS error behind a failure without an answer (a `TypeError` from `fetch`,
    /// an `AbortError` …).
    pub original_error: Option<JsValue>,
}

impl Error {
    fn new(kind: ErrorKind, status: u16, url: &str, message: String) -> Self {
        Error {
            kind,
            status,
            url: redact_tokens(url),
            message: redact_tokens(&message),
            response: Json::Object(Vec::new()),
            original_error: None,
        }
    }

    /// True when the request was cancelled (the JS error's `isAbort`).
    pub fn is_abort(&self) -> bool {
        self.kind == ErrorKind::Aborted
    }

    /// An error answer from the server.
    pub fn from_response(status: u16, url: &str, body: &str) -> Self {
        let parsed = parse_error_body(status, body);
        Error {
            response: parsed.response,
            ..Error::new(ErrorKind::Response, status, url, parsed.message)
        }
    }

    /// No answer: the request could not be sent or the connection failed.
    pub fn network(url: &str, original: JsValue) -> Self {
        let detail = crate::transport::runtime::error_message(&original);
        Error {
            original_error: Some(original),
            ..Error::no_answer(url, detail.as_deref())
        }
    }

    /// [`Error::network`] from what the JS error said (`detail`, its message), without
    /// the error itself.
    pub fn no_answer(url: &str, detail: Option<&str>) -> Self {
        let mut message = fallback_message(0);
        if let Some(d) = detail {
            message = [message.trim_end_matches('.'), " (", d, ")"].concat();
        }
        Error::new(ErrorKind::Network, 0, url, message)
    }

    /// The request was cancelled.
    pub fn aborted(url: &str, original: Option<JsValue>) -> Self {
        Error {
            original_error: original,
            ..Error::new(ErrorKind::Aborted, 0, url, "The request was aborted.".into())
        }
    }

    /// No answer within the `timeout` the caller set.
    pub fn timed_out(url: &str, ms: u32) -> Self {
        Error::new(
            ErrorKind::TimedOut,
            0,
            url,
            ["The request timed out after ", &text::uint(u64::from(ms)), " ms."].concat(),
        )
    }

    /// The call was refused before any request, e.g. an argument of the wrong kind.
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidArgument, 0, "", message.into())
    }

    /// A field refused before sending, shaped exactly like the server's answer for the
    /// same mistake: status 400, `response` as the server sends it (its message, and
    /// `data.<field>` `{code, message[, params]}`), and the field's `message` as the
    /// error's own, which says why (see [`Error::with_message`]). The driver that
    /// performs the call sets `url` to where the request would have gone.
    pub fn validation(field: &str, code: &str, message: &str, params: Option<(usize, usize)>) -> Self {
        let mut detail = Json::object([("code", Json::str(code)), ("message", Json::str(message))]);
        if let Some((min, max)) = params {
            let n = |v: usize| Json::uint(v as u64);
            detail.set("params", Json::object([("min", n(min)), ("max", n(max))]));
        }
        let summary = "An error occurred while validating the submitted data.";
        let mut data = Json::Object(Vec::new());
        data.set(field, detail);
        Error {
            response: Json::object([
                ("status", Json::uint(400)),
                ("message", Json::str(summary)),
                ("data", data),
            ]),
            ..Error::new(ErrorKind::Response, 400, "", message.into())
        }
    }

    /// This error with `message` as its own (`response` is left as it is), e.g. a
    /// sentence that says more than the server's words for a field.
    pub fn with_message(self, message: &str) -> Self {
        Error {
            message: redact_tokens(message),
            ..self
        }
    }

    /// Backup settings refused before sending, shaped exactly like the server's answer
    /// to `PATCH /api/settings` with the same values: status 400, the server's message,
    /// and `response.data.backups.<field>` `{code, message[, params]}` for each field.
    pub fn settings_refused(errors: &[crate::core::settings::FieldError]) -> Self {
        let mut backups = Json::Object(Vec::new());
        for e in errors {
            let mut detail = Json::object([("code", Json::str(e.code)), ("message", Json::str(&e.message))]);
            if let Some(t) = e.threshold {
                detail.set("params", Json::object([("threshold", Json::uint(t))]));
            }
            backups.set(e.field, detail);
        }
        let summary = crate::core::settings::SETTINGS_REFUSED;
        Error {
            response: Json::object([
                ("status", Json::uint(400)),
                ("message", Json::str(summary)),
                ("data", Json::object([("backups", backups)])),
            ]),
            ..Error::new(ErrorKind::Response, 400, "", summary.into())
        }
    }

    /// A failure the client saw itself after the server had answered (e.g. a restore
    /// whose restart never came).
    pub fn client(url: &str, message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Client, 0, url, message.into())
    }

    /// A waited restore whose restart was not seen in time: it may still be in
    /// progress. Status 0, `response` is `{code: "restore_in_progress", message}`
    /// ([`RESTORE_IN_PROGRESS`](crate::core::restore::RESTORE_IN_PROGRESS)).
    pub fn restore_in_progress(url: &str, message: String) -> Self {
        Error {
            response: Json::object([
                ("code", Json::str(crate::core::restore::RESTORE_IN_PROGRESS)),
                ("message", Json::str(&message)),
            ]),
            ..Error::new(ErrorKind::Client, 0, url, message)
        }
    }

    /// What the client was given and cannot use (a backup that is not one, a damaged
    /// database): status 0, `response` is `{code, message}`.
    pub fn unreadable(code: &str, message: &str) -> Self {
        Error {
            response: Json::object([("code", Json::str(code)), ("message", Json::str(message))]),
            ..Error::new(ErrorKind::Client, 0, "", message.into())
        }
    }

    /// `response.code` of an error the client made itself, e.g.
    /// [`RESTORE_IN_PROGRESS`](crate::core::restore::RESTORE_IN_PROGRESS) (server
    /// answers carry none).
    pub fn code(&self) -> Option<&str> {
        self.response.get("code").and_then(Json::as_str)
    }

    /// True for the error of a waited restore that may still be in progress (see
    /// [`BackupService::watch_restore`](crate::services::BackupService::watch_restore)).
    pub fn is_restore_in_progress(&self) -> bool {
        self.status == 0 && self.code() == Some(crate::core::restore::RESTORE_IN_PROGRESS)
    }

    /// A 2xx answer whose body is not what the API documents.
    pub fn unexpected_body(status: u16, url: &str, detail: &str) -> Self {
        Error::new(
            ErrorKind::Client,
            status,
            url,
            ["The server's answer could not be read: ", detail, "."].concat(),
        )
    }

    /// `response.data.<field>.code`: the server's code for a field's validation error,
    /// e.g. `"validation_backup_name_exists"` for `"name"`.
    pub fn field_code(&self, field: &str) -> Option<&str> {
        field_code(&self.response, field)
    }

    /// `response.mfaId` of a 401 MFA challenge: the first method succeeded on a
    /// collection with MFA on, and the second method's call must carry this id
    /// ([`RequestOptions::mfa_id`](crate::RequestOptions::mfa_id)).
    pub fn mfa_id(&self) -> Option<&str> {
        mfa_id(&self.response)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_constructor_says_its_kind() {
        let kinds = [
            (
                Error::from_response(404, "u", r#"{"status":404,"message":"x","data":{}}"#),
                ErrorKind::Response,
                404,
            ),
            (Error::aborted("u", None), ErrorKind::Aborted, 0),
            (Error::timed_out("u", 5), ErrorKind::TimedOut, 0),
            (Error::invalid_argument("bad"), ErrorKind::InvalidArgument, 0),
            (
                Error::validation("name", "c", "m", None),
                ErrorKind::Response,
                400,
            ),
            (Error::client("u", "m"), ErrorKind::Client, 0),
            (Error::restore_in_progress("u", "m".into()), ErrorKind::Client, 0),
        ];
        for (e, kind, status) in kinds {
            assert_eq!((e.kind, e.status), (kind, status), "{e:?}");
            assert_eq!(e.is_abort(), kind == ErrorKind::Aborted);
        }
        assert!(Error::restore_in_progress("u", "m".into()).is_restore_in_progress());
        // Refused before sending: the server's answer in `response`, the reason as the
        // error's message (the field's, or one given).
        let refused = Error::validation("file", "zip_not_zip", "Not a zip.", None);
        assert_eq!(refused.message, "Not a zip.");
        assert_eq!(
            refused.response.to_text(),
            r#"{"status":400,"message":"An error occurred while validating the submitted data.","data":{"file":{"code":"zip_not_zip","message":"Not a zip."}}}"#
        );
        let named = Error::validation("name", "c", "m", None).with_message("x?token=abc");
        assert_eq!(named.message, "x?token=[redacted]");
        assert_eq!(named.response["data"]["name"]["message"].as_str(), Some("m"));
        assert_eq!(
            Error::timed_out("u", 250).message,
            "The request timed out after 250 ms."
        );
    }
}
