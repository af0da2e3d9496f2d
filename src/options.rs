//! Per-call options, shared by every service method.

use web_sys::AbortSignal;

/// How a call takes part in auto-cancellation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum RequestKey {
    /// The key is the method and path (`"GET/api/backups"`): a second identical call
    /// cancels the first while auto-cancellation is on.
    #[default]
    Auto,
    /// A key of the caller's: a new call with the same key cancels the pending one.
    Custom(String),
    /// Never auto-cancelled.
    None,
}

/// Options every call accepts.
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    /// Query parameters appended to the URL, in order.
    pub query: Vec<(String, String)>,
    /// Extra headers. An `Authorization` given here replaces the stored token.
    pub headers: Vec<(String, String)>,
    /// Cancels the call when aborted.
    pub signal: Option<AbortSignal>,
    /// The auto-cancellation key.
    pub request_key: RequestKey,
    /// A `fetch`-compatible function used instead of the global `fetch`.
    pub fetch: Option<js_sys::Function>,
    /// Give up (and cancel the request) after this many milliseconds.
    pub timeout_ms: Option<u32>,
    /// More `RequestInit` fields for `fetch` (`credentials`, `cache`, `mode` …).
    pub init: Option<js_sys::Object>,
}

impl RequestOptions {
    /// Options with nothing set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a query parameter.
    pub fn query(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((key.into(), value.into()));
        self
    }

    /// Sends the `mfaId` of an MFA challenge ([`Error::mfa_id`](crate::Error::mfa_id))
    /// with the second sign-in method, as the `mfaId` query parameter (where the
    /// official SDK puts it, and which the server reads before the body).
    pub fn mfa_id(self, id: impl Into<String>) -> Self {
        self.query("mfaId", id)
    }

    /// Adds a header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Cancels the call when `signal` aborts.
    pub fn signal(mut self, signal: AbortSignal) -> Self {
        self.signal = Some(signal);
        self
    }

    /// The longest the call waits for the server, in milliseconds: for each of its
    /// requests until the answer (hooks and a file token's request included), between
    /// two pieces of a file's body (a download or a verify that keeps moving is never
    /// cut), and for a waited restore's whole wait when that is shorter than its own
    /// limit. At most 2^31 − 1, the longest a timer holds: a longer timeout is that
    /// long, never "at once".
    pub fn timeout(mut self, ms: u32) -> Self {
        self.timeout_ms = Some(ms);
        self
    }

    /// Sets the auto-cancellation key.
    pub fn request_key(mut self, key: RequestKey) -> Self {
        self.request_key = key;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::url::with_query;

    #[test]
    fn mfa_id_is_a_query_parameter() {
        let opts = RequestOptions::new()
            .query("expand", "x")
            .mfa_id("7uwueezy81vs6d6");
        assert_eq!(
            opts.query,
            [
                ("expand".to_string(), "x".to_string()),
                ("mfaId".to_string(), "7uwueezy81vs6d6".to_string())
            ]
        );
        assert_eq!(
            with_query("http://h/api/collections/_superusers/auth-with-otp", &opts.query),
            "http://h/api/collections/_superusers/auth-with-otp?expand=x&mfaId=7uwueezy81vs6d6"
        );
    }
}
