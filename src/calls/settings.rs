//! The backup settings as calls: the schedule (checked with the server's rules before
//! sending, its next runs worked out by the tools: [`Step::Schedule`]), the storage
//! (local or S3, the secret write-only), the S3 test with a readable verdict, and
//! running the scheduled backup now.

use super::{read_json, unfinished, Answer, Env, Exchange, Output, Plan, Scope, Single, Step};
use crate::core::json::Json;
use crate::core::models::BackupFileInfo;
use crate::core::settings::{
    new_auto_backup, readable_s3_body, schedule_body, storage_body, BackupSchedule, BackupSettings,
    BackupStorage, S3Settings, ScheduleCheck,
};
use crate::error::Error;

/// The settings' path.
pub const SETTINGS_PATH: &str = "/api/settings";
/// The path of the S3 test.
pub const TEST_S3_PATH: &str = "/api/settings/test/s3";
/// How many next runs a schedule reports.
pub const NEXT_RUNS: usize = 3;
/// How long [`RunScheduledNow`] waits for the backup to be listed.
pub const SCHEDULED_RUN_TIMEOUT_MS: u32 = 300_000;
/// The cron job of the scheduled backup.
pub const AUTO_BACKUP_JOB: &str = "__pbAutoBackup__";

/// `getSchedule` and `setSchedule`: resolves with the schedule and its next
/// [`NEXT_RUNS`] runs (UTC minutes after the client's clock).
#[derive(Debug)]
pub struct Schedule {
    /// What `setSchedule` sets: the cron expression (empty turns automatic backups off)
    /// and how many automatic backups the server keeps (`None` keeps the stored number).
    set: Option<(String, Option<i64>)>,
    settings: Option<BackupSettings>,
    next_runs: Vec<f64>,
}

impl Schedule {
    /// The schedule as the server has it.
    pub fn get() -> Self {
        Schedule {
            set: None,
            settings: None,
            next_runs: Vec::new(),
        }
    }

    /// Sets the schedule. Values the server would refuse are refused before any
    /// request, with its status, message and `data.backups.<field>.code`.
    pub fn set(cron: &str, max_keep: Option<i64>) -> Self {
        Schedule {
            set: Some((cron.to_string(), max_keep)),
            ..Schedule::get()
        }
    }
}

impl Output for Schedule {
    type Value = BackupSchedule;
    fn output(self) -> Result<BackupSchedule, Error> {
        let next_runs = self.next_runs;
        self.settings
            .map(|s| s.schedule(next_runs))
            .ok_or_else(unfinished)
    }
}

impl Plan for Schedule {
    fn start(&mut self, _env: Env) -> Step {
        match &self.set {
            Some((cron, max_keep)) => Step::Schedule {
                cron: cron.clone(),
                max_keep: *max_keep,
                count: 0,
            },
            None => Step::Send(Exchange::new("GET", SETTINGS_PATH)),
        }
    }

    fn scheduled(&mut self, check: Result<ScheduleCheck, Error>, _env: Env) -> Step {
        let check = match check {
            Ok(check) => check,
            Err(e) => return Step::Done(Err(e)),
        };
        if self.settings.is_some() {
            self.next_runs = check.next_runs;
            return Step::Done(Ok(()));
        }
        if !check.refused.is_empty() {
            return Step::Done(Err(Error::settings_refused(&check.refused)));
        }
        let Some((cron, max_keep)) = self.set.take() else {
            return Step::Done(Ok(()));
        };
        Step::Send(Exchange::json(
            "PATCH",
            SETTINGS_PATH,
            schedule_body(&cron, max_keep).to_text(),
        ))
    }

    fn answered(&mut self, outcome: Result<Answer, Error>, _env: Env) -> Step {
        let settings = match outcome.and_then(|a| read_json::<BackupSettings>(&a)) {
            Ok(settings) => settings,
            Err(e) => return Step::Done(Err(e)),
        };
        let cron = settings.cron.clone();
        self.settings = Some(settings);
        Step::Schedule {
            cron,
            max_keep: None,
            count: NEXT_RUNS,
        }
    }
}

/// `getStorage`: where backups are stored (S3 without its secret, which the server
/// never sends).
pub fn storage() -> Single<BackupStorage> {
    Single::new(Ok(Exchange::new("GET", SETTINGS_PATH)), storage_of)
}

/// `setStorage`: stores backups on S3 (`Some`) or on the server's disk (`None`; the S3
/// settings are kept, switched off). The secret is sent, never read back. Resolves with
/// the storage as the server now has it.
pub fn set_storage(s3: Option<&S3Settings>) -> Single<BackupStorage> {
    let body = storage_body(s3).to_text();
    Single::new(Ok(Exchange::json("PATCH", SETTINGS_PATH, body)), storage_of)
}

fn storage_of(answer: &Answer) -> Result<BackupStorage, Error> {
    read_json::<BackupSettings>(answer).map(|settings| settings.storage())
}

/// `testStorage`: the server writes and deletes a test file on the S3 storage of
/// backups. A failure (400) keeps the server's status, with a readable message
/// (`NoSuchBucket`, connection refused, refused credentials, S3 off) as `message` and
/// `response.message`, and the server's own text in `response.data.s3`.
#[derive(Debug, Default)]
pub struct TestStorage;

impl Output for TestStorage {
    type Value = ();
    fn output(self) -> Result<(), Error> {
        Ok(())
    }
}

impl Plan for TestStorage {
    fn start(&mut self, _env: Env) -> Step {
        let body = Json::object([("filesystem", Json::str("backups"))]).to_text();
        Step::Send(Exchange::json("POST", TEST_S3_PATH, body))
    }

    fn answered(&mut self, outcome: Result<Answer, Error>, _env: Env) -> Step {
        Step::Done(outcome.map(drop).map_err(|mut e| {
            if e.status == 400 {
                (e.response, e.message) = readable_s3_body(&e.response, "");
            }
            e
        }))
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Run {
    ListingBefore,
    Running,
    /// Listing after the run, which started at this time, the next pause this long.
    Listing {
        started_ms: f64,
        delay_ms: u32,
    },
}

/// `runScheduledNow`: runs the scheduled backup now (the cron job
/// [`AUTO_BACKUP_JOB`], which exists while a schedule is set) and resolves with the
/// new backup's key (`@auto_pb_backup_…`) once the server lists it. Two runs within
/// the same second make one backup (the server names them by the second).
#[derive(Debug)]
pub struct RunScheduledNow {
    stage: Run,
    before: Vec<BackupFileInfo>,
    key: String,
}

impl Default for RunScheduledNow {
    fn default() -> Self {
        RunScheduledNow {
            stage: Run::ListingBefore,
            before: Vec::new(),
            key: String::new(),
        }
    }
}

/// The requests of a scheduled run are several: none is auto-cancelled.
fn quiet(method: &'static str, path: &str) -> Step {
    Step::Send(Exchange {
        scope: Scope::Quiet,
        ..Exchange::new(method, path)
    })
}

impl Output for RunScheduledNow {
    type Value = String;
    fn output(self) -> Result<String, Error> {
        Ok(self.key)
    }
}

impl Plan for RunScheduledNow {
    fn start(&mut self, _env: Env) -> Step {
        self.stage = Run::ListingBefore;
        quiet("GET", "/api/backups")
    }

    fn answered(&mut self, outcome: Result<Answer, Error>, env: Env) -> Step {
        let answer = match outcome {
            Ok(answer) => answer,
            Err(e) => return Step::Done(Err(e)),
        };
        match self.stage {
            Run::ListingBefore => {
                match read_json(&answer) {
                    Ok(list) => self.before = list,
                    Err(e) => return Step::Done(Err(e)),
                }
                self.stage = Run::Running;
                quiet("POST", &["/api/crons/", AUTO_BACKUP_JOB].concat())
            }
            Run::Running => {
                self.stage = Run::Listing {
                    started_ms: env.now_ms,
                    delay_ms: 100,
                };
                quiet("GET", "/api/backups")
            }
            Run::Listing { started_ms, delay_ms } => {
                let after: Vec<BackupFileInfo> = match read_json(&answer) {
                    Ok(list) => list,
                    Err(e) => return Step::Done(Err(e)),
                };
                if let Some(key) = new_auto_backup(&self.before, &after) {
                    self.key = key;
                    return Step::Done(Ok(()));
                }
                if env.now_ms - started_ms > f64::from(SCHEDULED_RUN_TIMEOUT_MS) {
                    return Step::Done(Err(Error::client(
                        "",
                        "The scheduled backup ran but no new backup was listed within 300 s (see the server's log).",
                    )));
                }
                self.stage = Run::Listing {
                    started_ms,
                    delay_ms: (delay_ms * 2).min(1_000),
                };
                Step::Wait(delay_ms)
            }
        }
    }

    fn resumed(&mut self, _env: Env) -> Step {
        quiet("GET", "/api/backups")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calls::ok;

    const SETTINGS: &str = r#"{"backups":{"cron":"0 3 * * *","cronMaxKeep":5,"s3":{"enabled":false,"bucket":"","region":"","endpoint":"","accessKey":"","forcePathStyle":false}}}"#;

    #[test]
    fn a_schedule_is_read_then_its_next_runs_worked_out() {
        let mut plan = Schedule::get();
        let Step::Send(get) = plan.start(Env::default()) else {
            panic!()
        };
        assert_eq!((get.method, get.path.as_str()), ("GET", SETTINGS_PATH));
        let Step::Schedule {
            cron,
            max_keep,
            count,
        } = plan.answered(ok(SETTINGS), Env::default())
        else {
            panic!()
        };
        assert_eq!((cron.as_str(), max_keep, count), ("0 3 * * *", None, NEXT_RUNS));
        let check = ScheduleCheck {
            refused: Vec::new(),
            next_runs: vec![1.0, 2.0, 3.0],
        };
        assert!(matches!(
            plan.scheduled(Ok(check), Env::default()),
            Step::Done(Ok(()))
        ));
        let schedule = plan.output().unwrap();
        assert_eq!(
            (schedule.cron.as_str(), schedule.next_runs.len()),
            ("0 3 * * *", 3)
        );
    }

    #[test]
    fn a_schedule_is_checked_before_it_is_sent() {
        let mut plan = Schedule::set("not a cron", Some(3));
        let Step::Schedule { count: 0, .. } = plan.start(Env::default()) else {
            panic!()
        };
        let refused = crate::core::settings::check_and_plan("not a cron", Some(3), 0.0, 0);
        let Step::Done(Err(e)) = plan.scheduled(Ok(refused), Env::default()) else {
            panic!()
        };
        assert_eq!(e.status, 400);

        let mut plan = Schedule::set("0 3 * * *", Some(3));
        plan.start(Env::default());
        let Step::Send(patch) = plan.scheduled(Ok(ScheduleCheck::default()), Env::default()) else {
            panic!()
        };
        assert_eq!((patch.method, patch.path.as_str()), ("PATCH", SETTINGS_PATH));
        assert!(matches!(
            plan.answered(ok(SETTINGS), Env::default()),
            Step::Schedule { .. }
        ));
    }

    #[test]
    fn a_scheduled_run_lists_runs_and_lists_again_until_the_new_backup_shows() {
        let mut plan = RunScheduledNow::default();
        let Step::Send(before) = plan.start(Env::default()) else {
            panic!()
        };
        assert_eq!(
            (before.path.as_str(), before.scope),
            ("/api/backups", Scope::Quiet)
        );
        let Step::Send(run) = plan.answered(ok("[]"), Env::default()) else {
            panic!()
        };
        assert_eq!(
            (run.method, run.path.as_str()),
            ("POST", "/api/crons/__pbAutoBackup__")
        );
        assert!(matches!(plan.answered(ok(""), Env::default()), Step::Send(_)));
        assert!(matches!(plan.answered(ok("[]"), Env::default()), Step::Wait(100)));
        assert!(matches!(plan.resumed(Env::default()), Step::Send(_)));
        assert!(matches!(plan.answered(ok("[]"), Env::default()), Step::Wait(200)));
        plan.resumed(Env::default());
        let listed =
            r#"[{"key":"@auto_pb_backup_x_20261206.zip","size":9,"modified":"2026-12-06 00:00:00.000Z"}]"#;
        assert!(matches!(
            plan.answered(ok(listed), Env::default()),
            Step::Done(Ok(()))
        ));
        assert_eq!(plan.output().unwrap(), "@auto_pb_backup_x_20261206.zip");

        let mut late = RunScheduledNow::default();
        late.start(Env::default());
        late.answered(ok("[]"), Env::default());
        late.answered(ok(""), Env::default());
        let after = Env {
            now_ms: f64::from(SCHEDULED_RUN_TIMEOUT_MS) + 1.0,
            ..Env::default()
        };
        assert!(matches!(late.answered(ok("[]"), after), Step::Done(Err(_))));
    }

    #[test]
    fn a_failed_s3_test_is_put_in_words() {
        let mut plan = TestStorage;
        let Step::Send(test) = plan.start(Env::default()) else {
            panic!()
        };
        assert_eq!(test.path, TEST_S3_PATH);
        let failed = Err(Error::from_response(
            400,
            "",
            r#"{"status":400,"message":"Failed to test the S3 filesystem. Raw error: \nNoSuchBucket: The specified bucket does not exist","data":{}}"#,
        ));
        let Step::Done(Err(e)) = plan.answered(failed, Env::default()) else {
            panic!()
        };
        let s3 = e.response.get("data").and_then(|d| d.get("s3"));
        let code = s3.and_then(|s| s.get("code")).and_then(Json::as_str);
        assert_eq!((e.status, code), (400, Some("s3_no_such_bucket")));
        assert!(!e.message.contains("Raw error"), "{}", e.message);
    }
}
