//! The backup explorer's module ([`bosbase_backups::calls::explore`]) for the
//! package's JS (src/npm/explorer/explore.js): what it asks for crosses as JSON text, the
//! bytes it is handed and gives out as byte arrays.
//!
//! ```text
//! {"read": [START, END]}      bytes of the backup              → read(bytes)
//! {"inflate": [START, END]}   inflate that part of the backup  → inflate(piece, last)…, inflated()
//! {"file": [START, END]}      the same, a record's file for the next request
//! {"database": [START, END]}  bytes of the database file       → database(start, bytes)
//! {"send": {"method", "path", "body": null | {"json": TEXT} | {"form": TEXT, "files": [[PART, NAME]…]},
//!           "errors": BOOL}}   a request (its error answer too when `errors`) → answered(status, text)
//! {"ready": null}             open
//! {"done": VALUE}             the call's result
//! {"error": ERROR}            failed (the fields of `ClientResponseError`)
//! ```

use bosbase_backups::calls::explore::{Ask, Body, Explorer as Session};
use bosbase_backups::core::explore::recover::RecoverOptions;
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
        Ok(Ask::Inflate {
            start,
            end,
            file: false,
        }) => ("inflate", pair(start, end)),
        Ok(Ask::Inflate {
            start,
            end,
            file: true,
        }) => ("file", pair(start, end)),
        Ok(Ask::Database(a, b)) => ("database", pair(a, b)),
        Ok(Ask::Send(o)) => {
            let body = match o.body {
                Body::Empty => Json::Null,
                Body::Json(text) => Json::object([("json", Json::String(text))]),
                Body::Form { json, files } => {
                    let files = files
                        .into_iter()
                        .map(|(part, name)| Json::Array(vec![Json::String(part), Json::String(name)]))
                        .collect();
                    Json::object([("form", Json::String(json)), ("files", Json::Array(files))])
                }
            };
            (
                "send",
                Json::object([
                    ("method", Json::str(o.method)),
                    ("path", Json::String(o.path)),
                    ("body", body),
                    ("errors", Json::Bool(o.errors)),
                ]),
            )
        }
        Ok(Ask::Ready) => ("ready", Json::Null),
        Ok(Ask::Done(value)) => ("done", value),
        Ok(Ask::File(_)) => (
            "error",
            wire::error(&Error::client(
                "",
                "The explorer asked for a file it did not locate.",
            )),
        ),
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

    /// `x.collections` as JSON text, once open.
    pub fn collections(&self) -> String {
        self.session.collections().to_text()
    }

    /// How many pages a `data.db-wal` in the backup held (read over the database's);
    /// undefined without one.
    #[wasm_bindgen(js_name = walPages)]
    pub fn wal_pages(&self) -> Option<u32> {
        self.session.wal_pages().map(|n| n as u32)
    }

    /// Starts `records()`; `ids` undefined for all.
    pub fn records(&mut self, name: &str, page: f64, per_page: f64, ids: Option<Vec<String>>) -> String {
        ask(self.session.records(name, page as u64, per_page as u64, ids))
    }

    /// Starts `compare()`.
    pub fn compare(&mut self) -> String {
        ask(self.session.compare())
    }

    /// Starts `recover()`; `random`: 24 random bytes per id.
    pub fn recover(
        &mut self,
        name: &str,
        ids: Vec<String>,
        files: bool,
        overwrite: bool,
        random: Vec<u8>,
    ) -> String {
        ask(self
            .session
            .recover(name, &ids, RecoverOptions { files, overwrite }, random))
    }

    /// A recovery's progress: `[records answered, records it sends]`.
    pub fn recovered(&self) -> Vec<u32> {
        let (done, total) = self.session.recovered();
        vec![done as u32, total as u32]
    }

    /// The answer to the last `send` ask: its status and body text.
    pub fn answered(&mut self, status: u16, text: &str) -> String {
        ask(self.session.answered(status, text))
    }
}
