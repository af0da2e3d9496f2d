//! The backup explorer of the tools module ([`bosbase_backups::calls::explore`]) for the
//! package's JS (src/npm/tools/explore.js): what it asks for crosses as JSON text, the
//! bytes it is handed and gives out as byte arrays.
//!
//! ```text
//! {"read": [START, END]}      bytes of the backup              → read(bytes)
//! {"inflate": [START, END]}   inflate that part of the backup  → inflate(piece, last)…, inflated()
//! {"database": [START, END]}  bytes of the database file       → database(start, bytes)
//! {"ready": null}             open
//! {"error": ERROR}            failed (the fields of `ClientResponseError`)
//! ```

use bosbase_backups::calls::explore::{Ask, Explorer as Session};
use bosbase_backups::core::json::Json;
use bosbase_backups::Error;
use wasm_bindgen::prelude::*;

use crate::wire;

/// A backup being explored.
#[wasm_bindgen]
pub struct Explorer {
    session: Session,
    /// Why the last `inflate` gave out nothing more, if it failed.
    failure: Option<Error>,
}

fn ask(result: Result<Ask, Error>) -> String {
    let pair = |a: u64, b: u64| Json::Array(vec![Json::uint(a), Json::uint(b)]);
    let (name, value) = match result {
        Ok(Ask::Read(a, b)) => ("read", pair(a, b)),
        Ok(Ask::Inflate { start, end }) => ("inflate", pair(start, end)),
        Ok(Ask::Database(a, b)) => ("database", pair(a, b)),
        Ok(Ask::Ready) => ("ready", Json::Null),
        Err(e) => ("error", wire::error(&e)),
    };
    Json::Object(vec![(name.to_string(), value)]).to_text()
}

#[wasm_bindgen]
impl Explorer {
    /// Explores a backup of `size` bytes.
    #[wasm_bindgen(constructor)]
    pub fn new(size: f64) -> Explorer {
        Explorer {
            session: Session::new(size as u64),
            failure: None,
        }
    }

    /// The first ask.
    pub fn start(&mut self) -> String {
        ask(self.session.start())
    }

    /// The bytes of the last `read` ask.
    pub fn read(&mut self, bytes: &[u8]) -> String {
        ask(self.session.read(bytes))
    }

    /// The next piece of the entry being inflated, `last` with its last piece; gives out
    /// the next run of its bytes (empty once all are out: then `inflated`).
    pub fn inflate(&mut self, piece: &[u8], last: bool) -> Vec<u8> {
        if self.failure.is_some() {
            return Vec::new();
        }
        self.session.inflate(piece, last).unwrap_or_else(|e| {
            self.failure = Some(e);
            Vec::new()
        })
    }

    /// The entry is all out (or failed): the next ask.
    pub fn inflated(&mut self) -> String {
        match self.failure.take() {
            Some(e) => ask(Err(e)),
            None => ask(self.session.inflated()),
        }
    }

    /// The bytes of the database file from `start`, as asked.
    pub fn database(&mut self, start: f64, bytes: &[u8]) -> String {
        ask(self.session.database(start as u64, bytes))
    }
}
