//! A restore that waits for the server's restart (`backups.restore(key, {wait: true})`),
//! or the wait alone for a restore already requested (`backups.watchRestore`): the
//! realtime connection opened first, then the request, then health checks until
//! [`RestoreWatch`] sees the new process, then one check of the session against the
//! restored data. Everything within the time allowed.

use super::{Answer, Env, Exchange, Output, Plan, Scope, Step};
use crate::core::json::Json;
use crate::core::models::FromJson;
use crate::core::models::HealthCheckResponse;
use crate::core::restore::{Probe, RestorePhase, RestoreWatch, CONNECT_TIMEOUT_MS, PROBE_TIMEOUT_MS};
use crate::error::Error;

/// Where the plan is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stage {
    Connecting,
    Requesting,
    /// A health check started at this time is out.
    Checking(f64),
    Pausing,
    /// The check of the session is out.
    CheckingSession,
    SigningOut,
}

/// The plan of a waited restore. Resolves with whether the session was cleared because
/// the restored data refused it.
#[derive(Debug)]
pub struct Restore {
    /// The restore request's path, or `None` to wait for one already requested.
    path: Option<String>,
    /// The URL errors name.
    url: String,
    watch: RestoreWatch,
    stage: Stage,
    statuses: Vec<&'static str>,
    auth_cleared: bool,
}

impl Restore {
    /// Requests the restore at `path` (`url` is its absolute URL) and waits, at most
    /// `timeout_ms` in all, for the server to come back.
    pub fn new(path: String, url: String, timeout_ms: u32, env: Env) -> Self {
        Restore {
            path: Some(path),
            ..Restore::watch(url, timeout_ms, env)
        }
    }

    /// Waits, at most `timeout_ms`, for a restore already requested (`url`, of the
    /// health check, is the one errors name).
    pub fn watch(url: String, timeout_ms: u32, env: Env) -> Self {
        Restore {
            path: None,
            url,
            watch: RestoreWatch::new(env.clock_ms, timeout_ms, false),
            stage: Stage::Connecting,
            statuses: Vec::new(),
            auth_cleared: false,
        }
    }

    fn report(&mut self, phases: &[RestorePhase]) {
        self.statuses.extend(phases.iter().map(|p| p.name()));
    }

    fn note_drop(&mut self, env: Env) {
        if let Some(at) = env.dropped_at {
            let entered = self.watch.connection_dropped(at);
            self.report(entered);
        }
    }

    fn timed_out(&self) -> Step {
        Step::Done(Err(Error::restore_in_progress(
            &self.url,
            self.watch.timeout().message(),
        )))
    }

    /// The next health check, unless the time is up.
    fn check(&mut self, env: Env) -> Step {
        if self.watch.check_time(env.clock_ms).is_err() {
            return self.timed_out();
        }
        self.note_drop(env);
        let limit = self.watch.remaining_ms(env.clock_ms).min(PROBE_TIMEOUT_MS);
        self.stage = Stage::Checking(env.clock_ms);
        Step::Send(probe("/api/health", limit))
    }

    /// The server is back: the session is checked against the restored data, if there
    /// is one and time left.
    fn check_session(&mut self, env: Env) -> Step {
        let left = self.watch.remaining_ms(env.clock_ms).min(PROBE_TIMEOUT_MS);
        if !env.signed_in || left == 0 {
            return Step::Done(Ok(()));
        }
        self.stage = Stage::CheckingSession;
        Step::Send(probe("/api/backups", left))
    }

    fn probed(&mut self, started_ms: f64, outcome: Result<Answer, Error>, env: Env) -> Step {
        let limit = f64::from(self.watch.remaining_ms(started_ms).min(PROBE_TIMEOUT_MS));
        let probe = match outcome {
            // Only the server's own answers count: its health JSON, or an error body of
            // its own (`status` as the answer's). A proxy's or a CDN's page for a server
            // it cannot reach (502–504, 520–526, 530, a rate limit's 429, a 200
            // holding a maintenance page) counts as no answer.
            Ok(answer) => {
                let health = Json::parse(&answer.text).and_then(|j| HealthCheckResponse::from_json(&j));
                match health {
                    Some(h) if h.data.can_backup == Some(false) => Probe::Busy,
                    Some(_) => Probe::Idle,
                    None => Probe::NoAnswer,
                }
            }
            Err(e) if e.is_abort() => return Step::Done(Err(Error::aborted(&self.url, e.original_error))),
            Err(e) if e.status == 0 && env.clock_ms - started_ms >= limit => Probe::Slow,
            Err(e) if e.response.get("status").and_then(Json::as_u64) == Some(e.status.into()) => Probe::Idle,
            Err(_) => Probe::NoAnswer,
        };
        self.note_drop(env);
        let entered = self.watch.probed(started_ms, probe);
        self.report(entered);
        if self.watch.phase() == RestorePhase::Back {
            return self.check_session(env);
        }
        self.stage = Stage::Pausing;
        let left = self.watch.remaining_ms(env.clock_ms);
        Step::Wait(self.watch.poll_interval_ms(env.clock_ms).min(left))
    }
}

/// A check of the plan's own, within `limit_ms`.
fn probe(path: &str, limit_ms: u32) -> Exchange {
    Exchange {
        timeout_ms: Some(limit_ms.max(1)),
        scope: Scope::Own,
        ..Exchange::new("GET", path)
    }
}

impl Output for Restore {
    /// Whether the session was cleared.
    type Value = bool;
    fn output(self) -> Result<bool, Error> {
        Ok(self.auth_cleared)
    }
}

impl Plan for Restore {
    /// Listens for the restart before asking for it, within a quarter of the time, so
    /// that a connection that never opens leaves time for the rest.
    fn start(&mut self, env: Env) -> Step {
        self.stage = Stage::Connecting;
        Step::Connect((self.watch.remaining_ms(env.clock_ms) / 4).min(CONNECT_TIMEOUT_MS))
    }

    fn connected(&mut self, open: bool, env: Env) -> Step {
        self.watch.set_connected(open);
        let Some(path) = self.path.clone() else {
            let phase = self.watch.phase();
            self.report(&[phase]);
            return self.check(env);
        };
        self.stage = Stage::Requesting;
        let left = self.watch.remaining_ms(env.clock_ms).max(1);
        Step::Send(Exchange {
            timeout_ms: Some(left),
            ..Exchange::new("POST", path)
        })
    }

    fn answered(&mut self, outcome: Result<Answer, Error>, env: Env) -> Step {
        match self.stage {
            Stage::Requesting => match outcome {
                Ok(_) => {
                    self.watch.accepted(env.clock_ms);
                    let phase = self.watch.phase();
                    self.report(&[phase]);
                    self.check(env)
                }
                // No answer before the wait ran out: the server may have accepted it.
                Err(e) if e.status == 0 && !e.is_abort() && self.watch.remaining_ms(env.clock_ms) == 0 => {
                    self.timed_out()
                }
                Err(e) => Step::Done(Err(e)),
            },
            Stage::Checking(started_ms) => self.probed(started_ms, outcome, env),
            Stage::CheckingSession => match outcome {
                Err(e) if e.is_abort() => Step::Done(Err(Error::aborted(&self.url, e.original_error))),
                Err(e) if e.status == 401 => {
                    self.stage = Stage::SigningOut;
                    Step::SignOut
                }
                _ => Step::Done(Ok(())),
            },
            _ => Step::Done(Ok(())),
        }
    }

    fn resumed(&mut self, env: Env) -> Step {
        if self.stage == Stage::SigningOut {
            self.auth_cleared = true;
            self.statuses.push("signed-out");
            return Step::Done(Ok(()));
        }
        self.check(env)
    }

    fn take_status(&mut self) -> Option<&'static str> {
        (!self.statuses.is_empty()).then(|| self.statuses.remove(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calls::ok;

    const T0: f64 = 1_764_000_000_000.0;

    /// `ms` into the wait on the clock of deadlines; the wall clock was moved an hour
    /// back and stays there: no test below may depend on it.
    fn at(ms: f64) -> Env {
        Env {
            now_ms: T0 - 3_600_000.0,
            clock_ms: T0 + ms,
            random: 0.5,
            dropped_at: None,
            signed_in: true,
        }
    }

    const BUSY: &str = r#"{"code":200,"message":"API is healthy.","data":{"canBackup":false}}"#;
    const IDLE: &str = r#"{"code":200,"message":"API is healthy.","data":{"canBackup":true}}"#;

    fn statuses(plan: &mut Restore) -> Vec<&'static str> {
        std::iter::from_fn(|| plan.take_status()).collect()
    }

    fn no_answer() -> Result<Answer, Error> {
        Err(Error {
            kind: crate::error::ErrorKind::Network,
            status: 0,
            url: "http://x/api/health".into(),
            message: "The connection to the server failed.".into(),
            response: Json::Object(Vec::new()),
            original_error: None,
        })
    }

    #[test]
    fn a_restore_connects_requests_checks_until_back_then_checks_the_session() {
        let mut plan = Restore::new(
            "/api/backups/a.zip/restore".into(),
            "http://x/api/backups/a.zip/restore".into(),
            60_000,
            at(0.0),
        );
        assert!(matches!(plan.start(at(0.0)), Step::Connect(3_000)));
        let Step::Send(request) = plan.connected(true, at(10.0)) else {
            panic!()
        };
        assert_eq!(
            (request.method, request.path.as_str(), request.scope),
            ("POST", "/api/backups/a.zip/restore", Scope::Caller)
        );
        assert_eq!(request.timeout_ms, Some(59_990));
        let Step::Send(check) = plan.answered(ok(""), at(20.0)) else {
            panic!()
        };
        assert_eq!(
            (check.path.as_str(), check.scope, check.timeout_ms),
            ("/api/health", Scope::Own, Some(3_000))
        );
        assert_eq!(statuses(&mut plan), ["requested"]);
        // The lock is held while the server restores.
        assert!(matches!(plan.answered(ok(BUSY), at(30.0)), Step::Wait(100)));
        assert!(matches!(plan.resumed(at(130.0)), Step::Send(_)));
        // The connection drops (the restart), a check gets no answer, then one finds the lock free.
        let dropped = Env {
            dropped_at: Some(T0 + 1_010.0),
            ..at(1_020.0)
        };
        assert!(matches!(plan.answered(ok(BUSY), dropped), Step::Wait(_)));
        assert!(matches!(plan.resumed(at(1_070.0)), Step::Send(_)));
        assert!(matches!(plan.answered(no_answer(), at(1_080.0)), Step::Wait(50)));
        assert_eq!(statuses(&mut plan), ["restarting"]);
        assert!(matches!(plan.resumed(at(1_130.0)), Step::Send(_)));
        let Step::Send(session) = plan.answered(ok(IDLE), at(1_140.0)) else {
            panic!()
        };
        assert_eq!(
            (session.path.as_str(), session.scope),
            ("/api/backups", Scope::Own)
        );
        assert_eq!(statuses(&mut plan), ["back"]);
        // The restored data does not know the session.
        let refused = Err(Error::from_response(401, "http://x/api/backups", "{}"));
        assert!(matches!(plan.answered(refused, at(1_150.0)), Step::SignOut));
        assert!(matches!(plan.resumed(at(1_151.0)), Step::Done(Ok(()))));
        assert_eq!(statuses(&mut plan), ["signed-out"]);
        assert!(plan.output().unwrap());
    }

    #[test]
    fn time_running_out_is_restore_in_progress_and_a_refused_request_is_its_error() {
        let mut plan = Restore::new("/p".into(), "http://x/p".into(), 1_000, at(0.0));
        assert!(matches!(plan.start(at(0.0)), Step::Connect(250)));
        plan.connected(false, at(0.0));
        plan.answered(ok(""), at(10.0));
        assert!(matches!(plan.answered(ok(BUSY), at(20.0)), Step::Wait(100)));
        let Step::Done(Err(e)) = plan.resumed(at(1_000.0)) else {
            panic!()
        };
        assert_eq!((e.status, e.code()), (0, Some("restore_in_progress")));
        assert_eq!(e.url, "http://x/p");

        let mut plan = Restore::new("/p".into(), "http://x/p".into(), 1_000, at(0.0));
        plan.start(at(0.0));
        plan.connected(true, at(0.0));
        let busy = Err(Error::from_response(
            400,
            "http://x/p",
            r#"{"message":"Try again later."}"#,
        ));
        let Step::Done(Err(e)) = plan.answered(busy, at(5.0)) else {
            panic!()
        };
        assert_eq!(e.status, 400);
    }

    #[test]
    fn only_the_servers_own_answers_count_as_it_being_back() {
        let error = |status: u16, body: &str| Err(Error::from_response(status, "http://x/api/health", body));
        for (answer, back) in [
            // What a CDN or a proxy answers while the origin is down, or rate-limits.
            (error(521, "<html>Web server is down</html>"), false),
            (error(530, "error code: 1016"), false),
            (error(429, "<html>Too many requests</html>"), false),
            (error(502, ""), false),
            (ok("<html>Down for maintenance</html>"), false),
            // The server's own answers.
            (
                error(404, r#"{"status":404,"message":"Not found.","data":{}}"#),
                true,
            ),
            (
                error(429, r#"{"status":429,"message":"Too Many Requests.","data":{}}"#),
                true,
            ),
            (ok(IDLE), true),
        ] {
            let label = format!("{answer:?}");
            let mut plan = Restore::watch("http://x/api/health".into(), 10_000, at(0.0));
            plan.start(at(0.0));
            plan.connected(false, at(0.0));
            // The server went away first (a check without an answer), then this answer.
            assert!(matches!(plan.answered(no_answer(), at(10.0)), Step::Wait(_)));
            plan.resumed(at(60.0));
            let signed_out = Env {
                signed_in: false,
                ..at(70.0)
            };
            let step = plan.answered(answer, signed_out);
            assert_eq!(matches!(step, Step::Done(Ok(()))), back, "{label}");
            assert_eq!(statuses(&mut plan).contains(&"back"), back, "{label}");
        }
    }

    #[test]
    fn without_a_session_or_for_a_watch_nothing_more_is_sent() {
        let mut plan = Restore::watch("http://x/api/health".into(), 10_000, at(0.0));
        plan.start(at(0.0));
        // No connection (Node): a check that gets no answer stands in for the drop.
        let Step::Send(check) = plan.connected(false, at(0.0)) else {
            panic!()
        };
        assert_eq!(check.path, "/api/health");
        assert_eq!(statuses(&mut plan), ["requested"]);
        assert!(matches!(plan.answered(no_answer(), at(10.0)), Step::Wait(_)));
        plan.resumed(at(60.0));
        let signed_out = Env {
            signed_in: false,
            ..at(70.0)
        };
        assert!(matches!(plan.answered(ok(IDLE), signed_out), Step::Done(Ok(()))));
        assert_eq!(statuses(&mut plan), ["restarting", "back"]);
        assert!(!plan.output().unwrap());
    }
}
