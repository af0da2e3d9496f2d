//! What reads a backup's file from the server: a file token first (a short-lived
//! token that the download URL carries instead of the session), then the file —
//! downloaded (`backups.download`), probed for one byte before the browser's own
//! download takes over (`backups.save`), or streamed to the verifier (`backups.verify`).

use super::{read_json, Answer, Env, Exchange, Output, Plan, Read, Scope, Step};
use crate::core::models::FileTokenResponse;
use crate::core::url;
use crate::error::Error;

/// What is done with the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Downloaded into a `Blob`, with progress.
    Download,
    /// Only its first byte, to be sure the URL serves it before handing the URL over.
    Save,
    /// Its body left for the caller to stream.
    Stream,
}

/// The plan. Resolves with the file token used (a saved file's URL carries it).
#[derive(Debug)]
pub struct ByToken {
    key: String,
    purpose: Purpose,
    /// The file's path, once the key is known to have one.
    path: String,
    token: String,
}

/// The path of the token request.
pub const TOKEN_PATH: &str = "/api/files/token";

impl ByToken {
    pub fn new(key: &str, purpose: Purpose) -> Self {
        ByToken {
            key: key.to_string(),
            purpose,
            path: String::new(),
            token: String::new(),
        }
    }
}

impl Output for ByToken {
    type Value = String;
    fn output(self) -> Result<String, Error> {
        Ok(self.token)
    }
}

impl Plan for ByToken {
    /// A key the server would not route is refused before any request. The token
    /// request is the plan's own: never auto-cancelled, and it never cancels the
    /// caller's calls.
    fn start(&mut self, _env: Env) -> Step {
        match url::backup_path(&self.key) {
            Ok(path) => self.path = path,
            Err(e) => return Step::Done(Err(Error::invalid_argument(e.message()))),
        }
        Step::Send(Exchange {
            scope: Scope::Own,
            ..Exchange::new("POST", TOKEN_PATH)
        })
    }

    fn answered(&mut self, outcome: Result<Answer, Error>, _env: Env) -> Step {
        let answer = match outcome {
            Ok(answer) => answer,
            Err(e) => return Step::Done(Err(e)),
        };
        if !self.token.is_empty() {
            return Step::Done(Ok(()));
        }
        match read_json::<FileTokenResponse>(&answer) {
            Ok(t) => self.token = t.token,
            Err(e) => return Step::Done(Err(e)),
        }
        let mut file = Exchange {
            query: vec![("token".to_string(), self.token.clone())],
            read: Read::Blob,
            ..Exchange::new("GET", self.path.clone())
        };
        match self.purpose {
            Purpose::Download => {}
            Purpose::Save => file.headers = vec![("Range".to_string(), "bytes=0-0".to_string())],
            Purpose::Stream => file.read = Read::Head,
        }
        Step::Send(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calls::ok;

    #[test]
    fn a_token_then_the_file_with_the_token_and_no_session() {
        for (purpose, read, headers) in [
            (Purpose::Download, Read::Blob, vec![]),
            (
                Purpose::Save,
                Read::Blob,
                vec![("Range".to_string(), "bytes=0-0".to_string())],
            ),
            (Purpose::Stream, Read::Head, vec![]),
        ] {
            let mut plan = ByToken::new("a b.zip", purpose);
            let Step::Send(token) = plan.start(Env::default()) else {
                panic!()
            };
            assert_eq!(
                (token.method, token.path.as_str(), token.scope),
                ("POST", TOKEN_PATH, Scope::Own)
            );
            let Step::Send(file) = plan.answered(ok(r#"{"token":"t0"}"#), Env::default()) else {
                panic!()
            };
            assert_eq!(
                (file.method, file.path.as_str()),
                ("GET", "/api/backups/a%20b.zip")
            );
            assert_eq!(file.query, [("token".to_string(), "t0".to_string())]);
            assert_eq!((file.read, file.headers), (read, headers));
            assert!(matches!(
                plan.answered(ok(""), Env::default()),
                Step::Done(Ok(()))
            ));
            assert_eq!(plan.output().unwrap(), "t0");
        }
    }

    #[test]
    fn a_bad_key_sends_nothing_and_errors_end_it() {
        let mut plan = ByToken::new("..", Purpose::Download);
        let Step::Done(Err(e)) = plan.start(Env::default()) else {
            panic!()
        };
        assert_eq!(e.kind, crate::error::ErrorKind::InvalidArgument);

        let mut plan = ByToken::new("a.zip", Purpose::Download);
        plan.start(Env::default());
        let Step::Done(Err(e)) = plan.answered(ok("{}"), Env::default()) else {
            panic!()
        };
        assert_eq!(
            e.message,
            "The server's answer could not be read: not the expected shape."
        );
        let mut plan = ByToken::new("a.zip", Purpose::Download);
        plan.start(Env::default());
        plan.answered(ok(r#"{"token":"t"}"#), Env::default());
        let missing = Err(Error::from_response(
            404,
            "",
            r#"{"message":"The requested resource wasn't found."}"#,
        ));
        let Step::Done(Err(e)) = plan.answered(missing, Env::default()) else {
            panic!()
        };
        assert_eq!(e.status, 404);
    }
}
