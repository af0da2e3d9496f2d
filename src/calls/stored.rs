//! A write of a backup (`create`, `upload`) refused by a server whose storage fails.
//! With its backups on S3 out of reach, the server answers the write with "the name
//! exists" (`validation_backup_name_exists`), its own misleading words, or with a 400
//! holding its raw error ("… Raw error: …"); the list of backups then fails with the
//! raw error that says why. Both plans put that in words.

use super::{Answer, Exchange, Scope, Step};
use crate::core::settings::readable_s3_body;
use crate::core::text::find;
use crate::error::Error;

/// How a storage failure's message starts.
pub const STORAGE_FAILED: &str = "The server could not store the backup: ";

/// What the plan of a write keeps while the list tells why it was refused.
#[derive(Debug, Default)]
pub(crate) struct Refusal(Option<Error>);

impl Refusal {
    /// The step after the write failed with `e`, whose `field` holds the backup's name:
    /// a storage failure put in words; "the name exists" checked against the list (a
    /// name that really exists stays that error); any other error as it is.
    pub(crate) fn failed(&mut self, e: Error, field: &str) -> Step {
        if is_raw(&e) {
            return Step::Done(Err(explained(e, None)));
        }
        if e.status == 400 && e.field_code(field) == Some("validation_backup_name_exists") {
            self.0 = Some(e);
            return Step::Send(Exchange {
                scope: Scope::Quiet,
                ..Exchange::new("GET", "/api/backups")
            });
        }
        Step::Done(Err(e))
    }

    /// When the list was asked for, the step after its `outcome`: the write's error, put
    /// in words when the list failed with the storage's raw error.
    pub(crate) fn listed(&mut self, outcome: &Result<Answer, Error>) -> Option<Step> {
        let e = self.0.take()?;
        Some(Step::Done(Err(match outcome {
            Err(listed) if is_raw(listed) => explained(e, Some(listed)),
            _ => e,
        })))
    }
}

/// A storage failure the server reports with its raw error (a 400 whose message holds
/// "Raw error:"), e.g. an S3 bucket it cannot write to.
fn is_raw(e: &Error) -> bool {
    e.status == 400
        && e.response
            .get("message")
            .and_then(|m| m.as_str())
            .is_some_and(|m| find(m, "Raw error:").is_some())
}

/// `e`, with the message and response of the raw storage error (`raw`'s, else its own)
/// put in words.
fn explained(e: Error, raw: Option<&Error>) -> Error {
    let (response, message) = readable_s3_body(&raw.unwrap_or(&e).response, STORAGE_FAILED);
    Error {
        response,
        message,
        ..e
    }
}
