//! `backups.upload`: the file checked first ([`CheckUpload`]: its central directory
//! read through [`Inspect`]) unless the caller says not to, then sent as a multipart
//! form ([`Upload`]); a failure of the server's storage explained in words
//! ([`super::stored`]). Two plans, so that a module that sends uploads need not hold
//! the zip reader.

use super::stored::Refusal;
use super::{Answer, Env, Exchange, Inspect, Output, Payload, Plan, Step};
use crate::core::names::uploaded_key;
use crate::error::Error;

/// The path uploads go to.
pub const UPLOAD_PATH: &str = "/api/backups/upload";

/// The check before an upload, of a file of `size` bytes: resolves when it is a zip
/// holding a `data.db`; else fails as the server would refuse it (status 400,
/// `response.data.file.code`), before a byte is sent.
#[derive(Debug)]
pub struct CheckUpload(Inspect);

impl CheckUpload {
    pub fn new(size: u64) -> Self {
        CheckUpload(Inspect::new(size))
    }
}

impl Output for CheckUpload {
    type Value = ();
    fn output(self) -> Result<(), Error> {
        match self.0.output()?.upload_error() {
            None => Ok(()),
            Some(e) => Err(e),
        }
    }
}

impl Plan for CheckUpload {
    fn start(&mut self, env: Env) -> Step {
        self.0.start(env)
    }
    fn answered(&mut self, outcome: Result<Answer, Error>, env: Env) -> Step {
        self.0.answered(outcome, env)
    }
    fn read(&mut self, bytes: Result<&[u8], Error>, env: Env) -> Step {
        self.0.read(bytes, env)
    }
}

/// The plan of an upload of a file named `file_name`. Resolves with the key it is
/// stored under.
#[derive(Debug)]
pub struct Upload {
    file_name: String,
    /// Why the server refused it, when the list must tell whether its storage failed.
    refusal: Refusal,
}

impl Upload {
    pub fn new(file_name: &str) -> Self {
        Upload {
            file_name: file_name.to_string(),
            refusal: Refusal::default(),
        }
    }
}

impl Output for Upload {
    type Value = String;
    fn output(self) -> Result<String, Error> {
        Ok(uploaded_key(&self.file_name))
    }
}

impl Plan for Upload {
    fn start(&mut self, _env: Env) -> Step {
        Step::Send(Exchange {
            body: Payload::File,
            ..Exchange::new("POST", UPLOAD_PATH)
        })
    }

    fn answered(&mut self, outcome: Result<Answer, Error>, _env: Env) -> Step {
        if let Some(step) = self.refusal.listed(&outcome) {
            return step;
        }
        match outcome {
            Ok(_) => Step::Done(Ok(())),
            Err(e) => self.refusal.failed(e, "file"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calls::stored::STORAGE_FAILED;
    use crate::calls::Scope;
    use bosbase_backups_test_zip::{write_archive, Archive, ZipFile};

    fn refused(body: &str) -> Result<Answer, Error> {
        Err(Error::from_response(400, "", body))
    }

    const RAW: &str = r#"{"status":400,"message":"Failed to upload. Raw error: \nNoSuchBucket: The specified bucket does not exist","data":{}}"#;
    const EXISTS: &str = r#"{"status":400,"message":"x","data":{"file":{"code":"validation_backup_name_exists","message":"exists"}}}"#;

    /// Runs a check over `bytes`, answering each read, to its end.
    fn check(bytes: &[u8]) -> Result<(), Error> {
        let mut plan = CheckUpload::new(bytes.len() as u64);
        let mut step = plan.start(Env::default());
        while let Step::Read(start, end) = step {
            let piece = bytes.get(start as usize..end as usize).unwrap_or_default();
            step = plan.read(Ok(piece), Env::default());
        }
        match step {
            Step::Done(Ok(())) => plan.output(),
            Step::Done(Err(e)) => Err(e),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_backup_passes_its_check_then_is_sent_and_stored_under_its_name() {
        let bytes = write_archive(&Archive {
            entries: vec![ZipFile::stored("data.db", b"x")],
            ..Default::default()
        })
        .bytes;
        assert!(check(&bytes).is_ok());
        let mut plan = Upload::new("My Backup.zip");
        let Step::Send(upload) = plan.start(Env::default()) else {
            panic!()
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
    fn a_file_that_is_not_a_backup_fails_its_check_as_the_server_would_refuse_it() {
        let e = check(b"hello").unwrap_err();
        assert_eq!((e.status, e.field_code("file")), (400, Some("zip_not_zip")));
        // The message says why; `response` is shaped as the server's answer.
        let not_zip = "This file is not a zip archive: it has no end-of-central-directory record at its end.";
        assert_eq!(e.message, not_zip);
        assert_eq!(
            e.response["message"].as_str(),
            Some("An error occurred while validating the submitted data.")
        );
        assert_eq!(e.response["data"]["file"]["message"].as_str(), Some(not_zip));
        assert_eq!(check(b"").unwrap_err().message, "The file is empty.");
        let no_db = write_archive(&Archive {
            entries: vec![ZipFile::stored("notes.txt", b"x")],
            ..Default::default()
        })
        .bytes;
        let e = check(&no_db).unwrap_err();
        assert_eq!(
            (e.status, e.field_code("file")),
            (400, Some("backup_missing_data_db"))
        );
        assert_eq!(
            e.message,
            "The zip has no data.db, so it is not a backup of this server: restoring it would do nothing."
        );
    }

    #[test]
    fn storage_failures_are_put_in_words() {
        let mut plan = Upload::new("x.zip");
        plan.start(Env::default());
        let Step::Done(Err(e)) = plan.answered(refused(RAW), Env::default()) else {
            panic!()
        };
        assert!(e.message.starts_with(STORAGE_FAILED), "{}", e.message);

        // "The name exists" from a failing storage: the list's raw error explains it.
        let mut plan = Upload::new("x.zip");
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
        let mut plan = Upload::new("x.zip");
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
