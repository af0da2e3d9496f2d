//! A request as plain data, so the JS driver and a Rust driver send the same requests.

use crate::core::url;

/// The HTTP method of a [`Request`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Patch,
}

impl Method {
    /// The method's name as HTTP spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
        }
    }
}

/// A request without its body: method, path (segments already encoded) and query pairs
/// (not yet encoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: Method,
    pub path: String,
    pub query: Vec<(String, String)>,
}

impl Request {
    /// A GET of `path` with `query`.
    pub fn get(path: String, query: Vec<(String, String)>) -> Request {
        Request {
            method: Method::Get,
            path,
            query,
        }
    }

    /// The path and, when there are pairs, `?` and the encoded query.
    pub fn path_and_query(&self) -> String {
        url::with_query(&self.path, &self.query)
    }
}

/// A query pair from two string slices.
pub(crate) fn pair(k: &str, v: &str) -> (String, String) {
    (k.to_string(), v.to_string())
}
