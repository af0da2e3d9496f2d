//! `backups.create`: the name checked (or made) before any request, then one POST —
//! tried again, when asked, while the server is busy with another backup or restore; a
//! failure of the server's storage explained in words ([`super::stored`]).

use super::stored::Refusal;
use super::{Answer, Env, Exchange, Output, Plan, Step};
use crate::core::json::Json;
use crate::core::names::{generate_name, validate_name};
use crate::core::retry::{is_busy, is_create_collision, Backoff, MAX_COLLISION_RETRIES};
use crate::error::Error;

/// The plan of a create. Resolves with the backup's key (its name).
#[derive(Debug)]
pub struct Create {
    name: String,
    retry_if_busy: Option<Backoff>,
    attempt: u32,
    waited_ms: u32,
    collisions: u32,
    /// Why the server refused it, when the list must tell whether its storage failed.
    refusal: Refusal,
}

impl Create {
    /// A create of `name`; with no name (or an empty one), a unique valid name is made
    /// here from `env`: the server's own automatic name has one-second resolution, and a
    /// second backup in the same second would replace the first. With `retry_if_busy`,
    /// a busy server is waited out within the policy's bound.
    pub fn new(name: Option<&str>, retry_if_busy: Option<Backoff>, env: Env) -> Self {
        let name = match name {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => generate_name(env.now_ms, (env.random * 4_294_967_296.0) as u32),
        };
        Create {
            name,
            retry_if_busy,
            attempt: 0,
            waited_ms: 0,
            collisions: 0,
            refusal: Refusal::default(),
        }
    }

    fn request(&self) -> Exchange {
        let body = Json::object([("name", Json::str(&self.name))]).to_text();
        Exchange::json("POST", "/api/backups", body)
    }
}

impl Output for Create {
    type Value = String;
    fn output(self) -> Result<String, Error> {
        Ok(self.name)
    }
}

impl Plan for Create {
    /// A name the server would refuse is refused here, before any request, with the
    /// server's status (400) and answer (`data.name.code`), and a message that says why.
    fn start(&mut self, _env: Env) -> Step {
        match validate_name(&self.name) {
            Ok(()) => Step::Send(self.request()),
            Err(e) => {
                let refused = Error::validation("name", e.code, e.message, e.params);
                Step::Done(Err(refused.with_message(e.reason)))
            }
        }
    }

    fn answered(&mut self, outcome: Result<Answer, Error>, env: Env) -> Step {
        if let Some(step) = self.refusal.listed(&outcome) {
            return step;
        }
        let e = match outcome {
            Ok(_) => return Step::Done(Ok(())),
            Err(e) => e,
        };
        let Some(backoff) = &self.retry_if_busy else {
            return self.refusal.failed(e, "name");
        };
        let collided = is_create_collision(e.status, &e.message);
        if !(is_busy(e.status, &e.message) || collided && self.collisions < MAX_COLLISION_RETRIES) {
            return self.refusal.failed(e, "name");
        }
        let Some(delay) = backoff.delay(self.attempt, self.waited_ms, env.random) else {
            return Step::Done(Err(e));
        };
        self.collisions += u32::from(collided);
        self.attempt += 1;
        self.waited_ms = self.waited_ms.saturating_add(delay);
        Step::Wait(delay)
    }

    fn resumed(&mut self, _env: Env) -> Step {
        Step::Send(self.request())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calls::Scope;
    use crate::error::ErrorKind;

    const ENV: Env = Env {
        now_ms: 1_764_000_000_000.0,
        clock_ms: 0.0,
        random: 0.5,
        dropped_at: None,
        signed_in: true,
    };

    fn answer() -> Result<Answer, Error> {
        Ok(Answer {
            status: 204,
            text: String::new(),
            date: None,
        })
    }

    fn refused(message: &str) -> Result<Answer, Error> {
        Err(Error::from_response(
            400,
            "/api/backups",
            &format!(r#"{{"status":400,"message":"{message}","data":{{}}}}"#),
        ))
    }

    const BUSY: &str = "Try again later - another backup/restore process has already been started.";

    /// Shaped as the server's answer to a create whose name exists, which is also its
    /// answer to one it could not store while S3 is out of reach.
    const EXISTS: &str = r#"{"status":400,"message":"An error occurred while validating the submitted data.","data":{"name":{"code":"validation_backup_name_exists","message":"exists"}}}"#;
    /// Shaped as the list's answer while S3 is out of reach.
    const LIST_FAILED: &str = r#"{"status":400,"message":"Failed to retrieve backup items. Raw error: \noperation error S3: ListObjectsV2, https response error StatusCode: 0, RequestID: , HostID: , request send failed, Get \"http://127.0.0.1:8098/backups?list-type=2\": dial tcp 127.0.0.1:8098: connect: connection refused","data":{}}"#;

    fn body(status: u16, text: &str) -> Result<Answer, Error> {
        Err(Error::from_response(status, "http://x/api/backups", text))
    }

    #[test]
    fn a_named_create_is_one_post_of_the_name() {
        let mut plan = Create::new(Some("a.zip"), None, ENV);
        let Step::Send(request) = plan.start(ENV) else {
            panic!("no request")
        };
        assert_eq!(
            request,
            Exchange::json("POST", "/api/backups", r#"{"name":"a.zip"}"#.into())
        );
        assert!(matches!(plan.answered(answer(), ENV), Step::Done(Ok(()))));
        assert_eq!(plan.output().unwrap(), "a.zip");
    }

    #[test]
    fn without_a_name_a_valid_unique_one_is_made() {
        let (mut a, mut b) = (
            Create::new(None, None, ENV),
            Create::new(Some(""), None, Env { random: 0.25, ..ENV }),
        );
        let (Step::Send(ra), Step::Send(rb)) = (a.start(ENV), b.start(ENV)) else {
            panic!("no request")
        };
        assert_ne!(ra.body, rb.body);
        assert!(matches!(a.answered(answer(), ENV), Step::Done(Ok(()))));
        let key = a.output().unwrap();
        assert!(validate_name(&key).is_ok() && key.ends_with(".zip"), "{key}");
    }

    #[test]
    fn a_name_the_server_refuses_is_refused_before_any_request_saying_why() {
        let mut plan = Create::new(Some("@test"), None, ENV);
        let Step::Done(Err(e)) = plan.start(ENV) else {
            panic!("a request was asked for")
        };
        assert_eq!(
            (e.kind, e.status, e.field_code("name")),
            (ErrorKind::Response, 400, Some("validation_match_invalid"))
        );
        assert_eq!(
            e.message,
            r#"The backup name is refused: a name has only lowercase letters (a-z), digits, "_" and "-", and ends in ".zip"."#
        );
        // The server's answer to the same name, as it words it.
        assert_eq!(
            e.response.to_text(),
            r#"{"status":400,"message":"An error occurred while validating the submitted data.","data":{"name":{"code":"validation_match_invalid","message":"Must be in a valid format."}}}"#
        );
        // The driver names the URL the request would have gone to.
        assert_eq!(e.url, "");
    }

    #[test]
    fn a_create_the_server_could_not_store_says_why_and_a_name_that_exists_stays_so() {
        for retry in [None, Some(Backoff::default())] {
            // S3 out of reach: "the name exists", then the list that shows why.
            let mut plan = Create::new(Some("a.zip"), retry.clone(), ENV);
            plan.start(ENV);
            let Step::Send(list) = plan.answered(body(400, EXISTS), ENV) else {
                panic!("the list was not asked for")
            };
            assert_eq!(
                (list.method, list.path.as_str(), list.scope),
                ("GET", "/api/backups", Scope::Quiet)
            );
            let Step::Done(Err(e)) = plan.answered(body(400, LIST_FAILED), ENV) else {
                panic!("not ended")
            };
            let refused = "The S3 endpoint refused the connection (127.0.0.1:8098): is the S3 server running and the endpoint right?";
            assert_eq!(
                (e.status, e.message.as_str(), e.url.as_str()),
                (
                    400,
                    ["The server could not store the backup: ", refused]
                        .concat()
                        .as_str(),
                    "http://x/api/backups"
                )
            );
            assert_eq!(
                e.response["data"]["s3"]["code"].as_str(),
                Some("s3_connection_refused")
            );
            assert_eq!(e.response["message"].as_str(), Some(e.message.as_str()));

            // A name that really exists: the list answers, the server's error stays.
            let mut plan = Create::new(Some("a.zip"), retry, ENV);
            plan.start(ENV);
            assert!(matches!(plan.answered(body(400, EXISTS), ENV), Step::Send(_)));
            let listed = Ok(Answer {
                status: 200,
                text: "[]".into(),
                date: None,
            });
            let Step::Done(Err(e)) = plan.answered(listed, ENV) else {
                panic!("not ended")
            };
            assert_eq!(
                (e.field_code("name"), e.message.as_str()),
                (
                    Some("validation_backup_name_exists"),
                    "An error occurred while validating the submitted data."
                )
            );
        }
    }

    #[test]
    fn busy_fails_at_once_unless_retrying() {
        let mut plan = Create::new(Some("a.zip"), None, ENV);
        plan.start(ENV);
        let Step::Done(Err(e)) = plan.answered(refused(BUSY), ENV) else {
            panic!("retried")
        };
        assert_eq!((e.status, e.message.as_str()), (400, BUSY));
    }

    #[test]
    fn retrying_waits_out_busy_with_growing_delays_within_the_bound() {
        let backoff = Backoff {
            initial_ms: 100,
            max_delay_ms: 400,
            max_total_ms: 1_000,
        };
        let mut plan = Create::new(Some("a.zip"), Some(backoff), ENV);
        plan.start(ENV);
        let mut waits = Vec::new();
        loop {
            match plan.answered(refused(BUSY), Env { random: 0.0, ..ENV }) {
                Step::Wait(ms) => {
                    waits.push(ms);
                    assert!(matches!(plan.resumed(ENV), Step::Send(_)));
                }
                Step::Done(Err(e)) => {
                    assert_eq!(e.message, BUSY);
                    break;
                }
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(waits, [100, 200, 400, 300]);
        // A later success ends it with the key.
        let mut plan = Create::new(Some("b.zip"), Some(Backoff::default()), ENV);
        plan.start(ENV);
        assert!(matches!(plan.answered(refused(BUSY), ENV), Step::Wait(_)));
        plan.resumed(ENV);
        assert!(matches!(plan.answered(answer(), ENV), Step::Done(Ok(()))));
        assert_eq!(plan.output().unwrap(), "b.zip");
    }

    #[test]
    fn collisions_are_retried_a_bounded_number_of_times_and_other_errors_never() {
        let mut plan = Create::new(Some("a.zip"), Some(Backoff::default()), ENV);
        plan.start(ENV);
        let mut retries = 0;
        while let Step::Wait(_) = plan.answered(refused("Failed to create backup."), ENV) {
            retries += 1;
            plan.resumed(ENV);
        }
        assert_eq!(retries, MAX_COLLISION_RETRIES);

        let mut plan = Create::new(Some("a.zip"), Some(Backoff::default()), ENV);
        plan.start(ENV);
        assert!(matches!(
            plan.answered(refused("Something else."), ENV),
            Step::Done(Err(_))
        ));
    }
}
