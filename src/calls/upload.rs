//! `backups.upload`: the file checked first (its central directory read through
//! [`Inspect`]) unless the caller says not to, then sent as a multipart form; a failure
//! of the server's storage explained in words.

use super::{Answer, Env, Exchange, Inspect, Output, Payload, Plan, Scope, Step};
use crate::core::names::uploaded_key;
use crate::core::settings::readable_s3_body;
use crate::error::Error;

/// The path uploads go to.
pub const UPLOAD_PATH: &str = "/api/backups/upload";

/// How a storage failure's message starts.
const STORAGE_FAILED: &str = "The server could not store the backup: ";

#[derive(Debug)]
enum Stage {
    Inspecting(Inspect),
    Uploading,
    /// The upload was refused as a name that exists; the list tells whether the storage
    /// itself failed.
    Explaining(Error),
}

/// The plan of an upload of a file named `file_name`. Resolves with the key it is
/// stored under.
#[derive(Debug)]
pub struct Upload {
    file_name: String,
    stage: Stage,
}

impl Upload {
    /// With `verify`, a file that is not a zip, or has no `data.db`, is refused before
    /// a byte is sent (status 400, `response.data.file.code`).
    pub fn new(file_name: &str, size: u64, verify: bool) -> Self {
        Upload {
            file_name: file_name.to_string(),
            stage: if verify {
                Stage::Inspecting(Inspect::new(size))
            } else {
                Stage::Uploading
            },
        }
    }

    fn upload(&mut self) -> Step {
        self.stage = Stage::Uploading;
        Step::Send(Exchange {
            body: Payload::File,
            ..Exchange::new("POST", UPLOAD_PATH)
        })
    }

    /// The inspection's next step; once it is over, the upload or the refusal.
    fn inspected(&mut self, step: Step) -> Step {
        match step {
            Step::Done(Ok(())) => {}
            other => return other,
        }
        let Stage::Inspecting(inspect) = std::mem::replace(&mut self.stage, Stage::Uploading) else {
            return Step::Done(Ok(()));
        };
        match inspect.output().map(|found| found.upload_error()) {
            Ok(None) => self.upload(),
            Ok(Some(e)) | Err(e) => Step::Done(Err(e)),
        }
    }
}

/// A storage failure the server reports with its raw error (a 400 whose message holds
/// "Raw error:"), e.g. an S3 bucket it cannot write to.
fn is_raw(e: &Error) -> bool {
    e.status == 400
        && e.response
            .get("message")
            .and_then(|m| m.as_str())
            .is_some_and(|m| m.contains("Raw error:"))
}

/// `e`, with the message and response of `source`'s raw storage error put in words.
fn explained(e: Error, source: &Error) -> Error {
    let (response, message) = readable_s3_body(&source.response, STORAGE_FAILED);
    Error {
        response,
        message,
        ..e
    }
}

impl Output for Upload {
    type Value = String;
    fn output(self) -> Result<String, Error> {
        Ok(uploaded_key(&self.file_name))
    }
}

impl Plan for Upload {
    fn start(&mut self, env: Env) -> Step {
        match &mut self.stage {
            Stage::Inspecting(inspect) => {
                let step = inspect.start(env);
                self.inspected(step)
            }
            _ => self.upload(),
        }
    }

    fn read(&mut self, bytes: Result<&[u8], Error>, env: Env) -> Step {
        match &mut self.stage {
            Stage::Inspecting(inspect) => {
                let step = inspect.read(bytes, env);
                self.inspected(step)
            }
            _ => Step::Done(Ok(())),
        }
    }

    fn answered(&mut self, outcome: Result<Answer, Error>, _env: Env) -> Step {
        match std::mem::replace(&mut self.stage, Stage::Uploading) {
            Stage::Uploading => match outcome {
                Ok(_) => Step::Done(Ok(())),
                Err(e) if is_raw(&e) => {
                    let readable = explained(e.clone(), &e);
                    Step::Done(Err(readable))
                }
                // On S3, a write that failed can come back as "the name exists": the
                // list shows whether the storage itself is failing.
                Err(e)
                    if e.status == 400 && e.field_code("file") == Some("validation_backup_name_exists") =>
                {
                    self.stage = Stage::Explaining(e);
                    Step::Send(Exchange {
                        scope: Scope::Quiet,
                        ..Exchange::new("GET", "/api/backups")
                    })
                }
                Err(e) => Step::Done(Err(e)),
            },
            Stage::Explaining(e) => match outcome {
                Err(listed) if is_raw(&listed) => Step::Done(Err(explained(e, &listed))),
                _ => Step::Done(Err(e)),
            },
            Stage::Inspecting(inspect) => {
                self.stage = Stage::Inspecting(inspect);
                Step::Done(Ok(()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bosbase_backups_test_zip::{write_archive, Archive, ZipFile};

    fn refused(body: &str) -> Result<Answer, Error> {
        Err(Error::from_response(400, "", body))
    }

    const RAW: &str = r#"{"status":400,"message":"Failed to upload. Raw error: \nNoSuchBucket: The specified bucket does not exist","data":{}}"#;
    const EXISTS: &str = r#"{"status":400,"message":"x","data":{"file":{"code":"validation_backup_name_exists","message":"exists"}}}"#;

    #[test]
    fn a_checked_backup_is_read_then_sent_and_stored_under_its_name() {
        let bytes = write_archive(&Archive {
            entries: vec![ZipFile::stored("data.db", b"x")],
            ..Default::default()
        })
        .bytes;
        let mut plan = Upload::new("My Backup.zip", bytes.len() as u64, true);
        let mut step = plan.start(Env::default());
        while let Step::Read(start, end) = step {
            step = plan.read(Ok(&bytes[start as usize..end as usize]), Env::default());
        }
        let Step::Send(upload) = step else {
            panic!("{step:?}")
        };
        assert_eq!(
            (upload.method, upload.path.as_str(), upload.body),
            ("POST", UPLOAD_PATH, Payload::File)
        );
        let stored = Ok(Answer {
            status: 204,
            text: String::new(),
            date: None,
        });
        assert!(matches!(
            plan.answered(stored, Env::default()),
            Step::Done(Ok(()))
        ));
        assert_eq!(plan.output().unwrap(), uploaded_key("My Backup.zip"));
    }

    #[test]
    fn a_file_that_is_not_a_backup_is_refused_before_sending_and_unchecked_it_is_sent_at_once() {
        let mut plan = Upload::new("x.zip", 5, true);
        let Step::Read(0, 5) = plan.start(Env::default()) else {
            panic!()
        };
        let Step::Done(Err(e)) = plan.read(Ok(b"hello"), Env::default()) else {
            panic!()
        };
        assert_eq!((e.status, e.field_code("file")), (400, Some("zip_not_zip")));

        let mut plan = Upload::new("x.zip", 5, false);
        assert!(matches!(plan.start(Env::default()), Step::Send(_)));
    }

    #[test]
    fn storage_failures_are_put_in_words() {
        let mut plan = Upload::new("x.zip", 5, false);
        plan.start(Env::default());
        let Step::Done(Err(e)) = plan.answered(refused(RAW), Env::default()) else {
            panic!()
        };
        assert!(e.message.starts_with(STORAGE_FAILED), "{}", e.message);

        // "The name exists" from a failing storage: the list's raw error explains it.
        let mut plan = Upload::new("x.zip", 5, false);
        plan.start(Env::default());
        let Step::Send(list) = plan.answered(refused(EXISTS), Env::default()) else {
            panic!()
        };
        assert_eq!((list.path.as_str(), list.scope), ("/api/backups", Scope::Quiet));
        let Step::Done(Err(e)) = plan.answered(refused(RAW), Env::default()) else {
            panic!()
        };
        assert!(e.message.starts_with(STORAGE_FAILED), "{}", e.message);
        assert_eq!(e.status, 400);

        // A name that really exists stays that error.
        let mut plan = Upload::new("x.zip", 5, false);
        plan.start(Env::default());
        plan.answered(refused(EXISTS), Env::default());
        let listed = Ok(Answer {
            status: 200,
            text: "[]".into(),
            date: None,
        });
        let Step::Done(Err(e)) = plan.answered(listed, Env::default()) else {
            panic!()
        };
        assert_eq!(e.field_code("file"), Some("validation_backup_name_exists"));
    }
}
