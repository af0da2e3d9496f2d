//! The backup settings the server validates (`backups.cron`, `backups.cronMaxKeep`),
//! checked here with its rules and codes before anything is sent, and the server's S3
//! error messages made readable.

use crate::core::cron::{Schedule, INVALID_CRON};
use crate::core::json::Json;
use crate::core::models::{BackupFileInfo, FromJson};
use crate::core::text::find;

/// One refused field, shaped as the server reports it under `data.backups.<field>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// `cron` or `cronMaxKeep`.
    pub field: &'static str,
    pub code: &'static str,
    pub message: String,
    /// `params.threshold` of a minimum.
    pub threshold: Option<u64>,
}

/// The server's top-level message for settings it refuses.
pub const SETTINGS_REFUSED: &str = "An error occurred while saving the new settings.";

/// Checks a schedule as the server does: `cron` empty (off) or valid; `cronMaxKeep`
/// required (not 0) while `cron` is set, and never below 1 otherwise (0 is "unset").
/// Every refused field is reported, as the server does.
/// `max_keep: None` leaves the stored value (the server then checks that one).
pub fn check_schedule(cron: &str, max_keep: Option<i64>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if !cron.is_empty() {
        if let Err(e) = Schedule::parse(cron) {
            errors.push(FieldError {
                field: "cron",
                code: INVALID_CRON,
                message: e.message,
                threshold: None,
            });
        }
    }
    let Some(max_keep) = max_keep else {
        return errors;
    };
    if max_keep == 0 && !cron.is_empty() {
        errors.push(FieldError {
            field: "cronMaxKeep",
            code: "validation_required",
            message: "Cannot be blank.".into(),
            threshold: None,
        });
    } else if max_keep < 0 {
        errors.push(FieldError {
            field: "cronMaxKeep",
            code: "validation_min_greater_equal_than_required",
            message: "Must be no less than 1.".into(),
            threshold: Some(1),
        });
    }
    errors
}

/// A schedule checked with the server's rules ([`check_schedule`]) and, when `cron` is
/// valid and set, its next runs (ms since 1970, UTC minutes): what the tools work out for
/// `getSchedule` and `setSchedule`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScheduleCheck {
    pub refused: Vec<FieldError>,
    pub next_runs: Vec<f64>,
}

/// Checks `cron` and `max_keep` as [`check_schedule`] does and works out the next
/// `count` runs after `now_ms`.
pub fn check_and_plan(cron: &str, max_keep: Option<i64>, now_ms: f64, count: usize) -> ScheduleCheck {
    let next_runs = match Schedule::parse(cron) {
        Ok(s) if !cron.is_empty() => s.next_runs(now_ms, count),
        _ => Vec::new(),
    };
    ScheduleCheck {
        refused: check_schedule(cron, max_keep),
        next_runs,
    }
}

/// The fields and codes a [`FieldError`] can name, to read one back from JSON.
const FIELD_WORDS: [&str; 5] = [
    "cron",
    "cronMaxKeep",
    INVALID_CRON,
    "validation_required",
    "validation_min_greater_equal_than_required",
];

impl ScheduleCheck {
    /// As JSON (what crosses from the tools module): `{refused: [{field, code, message,
    /// threshold?}], nextRuns: [ms]}`.
    pub fn to_json(&self) -> Json {
        let refused = self.refused.iter().map(|e| {
            let mut o = Json::object([
                ("field", Json::str(e.field)),
                ("code", Json::str(e.code)),
                ("message", Json::str(&e.message)),
            ]);
            if let Some(t) = e.threshold {
                o.set("threshold", Json::uint(t));
            }
            o
        });
        // Next runs are whole minutes after 1970: integers.
        let runs = self.next_runs.iter().map(|&ms| Json::uint(ms as u64));
        Json::object([
            ("refused", Json::Array(refused.collect())),
            ("nextRuns", Json::Array(runs.collect())),
        ])
    }
}

impl FromJson for ScheduleCheck {
    fn from_json(v: &Json) -> Option<Self> {
        let word = |o: &Json, f: &str| {
            let s = o.get(f)?.as_str()?;
            FIELD_WORDS.into_iter().find(|w| *w == s)
        };
        let refused = v.get("refused")?.as_array()?.iter().map(|e| {
            Some(FieldError {
                field: word(e, "field")?,
                code: word(e, "code")?,
                message: e.get("message")?.as_str()?.to_string(),
                threshold: e.get("threshold").and_then(Json::as_u64),
            })
        });
        let runs = v
            .get("nextRuns")?
            .as_array()?
            .iter()
            .map(|n| n.as_u64().map(|ms| ms as f64));
        Some(ScheduleCheck {
            refused: refused.collect::<Option<_>>()?,
            next_runs: runs.collect::<Option<_>>()?,
        })
    }
}

/// What kind of S3 failure a server message reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum S3Problem {
    NotEnabled,
    NoSuchBucket,
    ConnectionRefused,
    BadCredentials,
    AccessDenied,
    Other,
}

/// A readable sentence for the server's answer to a failed S3 test (its message
/// carries the S3 error and the raw XML), and the kind of failure. The server's text
/// never holds the secret; nothing else is added.
pub fn readable_s3_error(server_message: &str) -> (S3Problem, String) {
    let has = |s: &str| find(server_message, s).is_some();
    let (problem, sentence) = if has("filesystem is not enabled") {
        (
            S3Problem::NotEnabled,
            "S3 storage is not enabled for backups.".to_string(),
        )
    } else if has("NoSuchBucket") {
        let bucket = between(server_message, "<BucketName>", "</BucketName>");
        let named = bucket.map_or(String::new(), |b| ["\"", b, "\" "].concat());
        (
            S3Problem::NoSuchBucket,
            ["The S3 bucket ", &named, "does not exist (NoSuchBucket)."].concat(),
        )
    } else if has("connection refused") {
        let target = between(server_message, "dial tcp ", ": connect");
        let target = target.map_or(String::new(), |t| [" (", t, ")"].concat());
        (
            S3Problem::ConnectionRefused,
            [
                "The S3 endpoint refused the connection",
                &target,
                ": is the S3 server running and the endpoint right?",
            ]
            .concat(),
        )
    } else if has("InvalidAccessKeyId") || has("SignatureDoesNotMatch") || has("InvalidToken") {
        let code = ["InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken"]
            .into_iter()
            .find(|c| has(c))
            .unwrap_or("InvalidAccessKeyId");
        (
            S3Problem::BadCredentials,
            ["The S3 access key or secret was refused (", code, ")."].concat(),
        )
    } else if has("AccessDenied") {
        (
            S3Problem::AccessDenied,
            "The S3 credentials are not allowed to write to the bucket (AccessDenied).".to_string(),
        )
    } else {
        (S3Problem::Other, server_message.to_string())
    };
    (problem, sentence)
}

impl S3Problem {
    /// The code in `response.data.s3.code` of a readable S3 error.
    pub fn code(self) -> &'static str {
        match self {
            S3Problem::NotEnabled => "s3_not_enabled",
            S3Problem::NoSuchBucket => "s3_no_such_bucket",
            S3Problem::ConnectionRefused => "s3_connection_refused",
            S3Problem::BadCredentials => "s3_bad_credentials",
            S3Problem::AccessDenied => "s3_access_denied",
            S3Problem::Other => "s3_error",
        }
    }
}

/// The server's error body for an S3 failure, made readable: `message` is a sentence
/// (after `prefix`), and `data.s3` is `{code, message}`: the kind of failure and the
/// server's own message. Also gives the sentence.
pub fn readable_s3_body(body: &Json, prefix: &str) -> (Json, String) {
    let server = body
        .get("message")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_string();
    let (problem, sentence) = readable_s3_error(&server);
    let message = [prefix, &sentence].concat();
    let mut out = body.clone();
    if !out.is_object() {
        out = Json::Object(Vec::new());
    }
    out.set("message", Json::str(&message));
    let mut data = out
        .get("data")
        .filter(|d| d.is_object())
        .cloned()
        .unwrap_or(Json::Object(Vec::new()));
    data.set(
        "s3",
        Json::object([
            ("code", Json::str(problem.code())),
            ("message", Json::str(&server)),
        ]),
    );
    out.set("data", data);
    (out, message)
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = find(text, start)? + start.len();
    let len = find(&text[from..], end)?;
    Some(&text[from..from + len]).filter(|s| !s.is_empty())
}

/// The backup schedule as the server holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupSchedule {
    /// The cron expression; empty when scheduled backups are off.
    pub cron: String,
    /// How many automatic backups the server keeps (it deletes the oldest beyond).
    pub max_keep: i64,
    /// The next runs (ms since 1970, UTC minutes), empty when off or never due.
    pub next_runs: Vec<f64>,
}

/// The S3 storage of backups as the server shows it: everything but the secret,
/// which the server never sends back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct S3Storage {
    pub bucket: String,
    pub region: String,
    pub endpoint: String,
    pub access_key: String,
    pub force_path_style: bool,
}

/// Where the server keeps backups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupStorage {
    /// Its own disk (`pb_data/backups`).
    Local,
    /// An S3 bucket.
    S3(S3Storage),
}

/// S3 settings to store. The secret is write-only: it is sent once, never read back,
/// and `Debug` does not show it.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct S3Settings {
    pub bucket: String,
    pub region: String,
    pub endpoint: String,
    pub access_key: String,
    /// `None` keeps the secret the server holds.
    pub secret: Option<String>,
    pub force_path_style: bool,
}

impl std::fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Settings")
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("access_key", &self.access_key)
            .field("secret", &self.secret.as_ref().map(|_| "[write-only]"))
            .field("force_path_style", &self.force_path_style)
            .finish()
    }
}

/// The `backups` part of `PATCH /api/settings` that switches storage.
pub fn storage_body(choice: Option<&S3Settings>) -> Json {
    let s3 = match choice {
        None => Json::object([("enabled", Json::Bool(false))]),
        Some(s) => {
            let mut s3 = Json::object([
                ("enabled", Json::Bool(true)),
                ("bucket", Json::str(&s.bucket)),
                ("region", Json::str(&s.region)),
                ("endpoint", Json::str(&s.endpoint)),
                ("accessKey", Json::str(&s.access_key)),
                ("forcePathStyle", Json::Bool(s.force_path_style)),
            ]);
            if let Some(secret) = &s.secret {
                s3.set("secret", Json::str(secret));
            }
            s3
        }
    };
    Json::object([("backups", Json::object([("s3", s3)]))])
}

/// The `backups` part of `PATCH /api/settings` that sets the schedule.
/// (`max_keep: None` leaves the stored value.)
pub fn schedule_body(cron: &str, max_keep: Option<i64>) -> Json {
    let mut backups = Json::object([("cron", Json::str(cron))]);
    if let Some(keep) = max_keep {
        let keep = if keep < 0 {
            Json::Number(["-", &crate::core::text::uint(keep.unsigned_abs())].concat())
        } else {
            Json::uint(keep as u64)
        };
        backups.set("cronMaxKeep", keep);
    }
    Json::object([("backups", backups)])
}

/// The `backups` object of the settings as the server sends them.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupSettings {
    pub cron: String,
    pub max_keep: i64,
    pub s3_enabled: bool,
    pub s3: S3Storage,
}

impl BackupSettings {
    /// The schedule, with its next runs (worked out by [`check_and_plan`]).
    pub fn schedule(&self, next_runs: Vec<f64>) -> BackupSchedule {
        BackupSchedule {
            cron: self.cron.clone(),
            max_keep: self.max_keep,
            next_runs,
        }
    }

    /// Where backups go.
    pub fn storage(&self) -> BackupStorage {
        if self.s3_enabled {
            BackupStorage::S3(self.s3.clone())
        } else {
            BackupStorage::Local
        }
    }
}

impl FromJson for BackupSettings {
    fn from_json(v: &Json) -> Option<Self> {
        let b = v.get("backups")?;
        let s3 = b.get("s3")?;
        let text = |o: &Json, f: &str| o.get(f).and_then(Json::as_str).map(str::to_string);
        let keep = b.get("cronMaxKeep")?;
        let max_keep = match keep {
            Json::Number(t) if t.starts_with('-') => {
                -i64::try_from(Json::Number(t[1..].into()).as_u64()?).ok()?
            }
            n => i64::try_from(n.as_u64()?).ok()?,
        };
        Some(BackupSettings {
            cron: text(b, "cron")?,
            max_keep,
            s3_enabled: s3.get("enabled")?.as_bool()?,
            s3: S3Storage {
                bucket: text(s3, "bucket")?,
                region: text(s3, "region")?,
                endpoint: text(s3, "endpoint")?,
                access_key: text(s3, "accessKey")?,
                force_path_style: s3.get("forcePathStyle").and_then(Json::as_bool).unwrap_or(false),
            },
        })
    }
}

/// How the keys of the server's automatic (scheduled) backups start.
pub const AUTO_BACKUP_PREFIX: &str = "@auto_pb_backup_";

/// The automatic backup that `after` lists and `before` did not, or whose file changed
/// (a run in the same second as the last one rewrites its key); the newest key first.
/// The file the server is still writing (`….zip.<random>.tmp`, listed too) is not one.
pub fn new_auto_backup(before: &[BackupFileInfo], after: &[BackupFileInfo]) -> Option<String> {
    after
        .iter()
        .filter(|b| b.key.starts_with(AUTO_BACKUP_PREFIX) && b.key.ends_with(".zip"))
        .filter(|b| !before.iter().any(|old| old == *b))
        .map(|b| &b.key)
        .max()
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(cron: &str, keep: i64) -> Vec<(&'static str, &'static str)> {
        check_schedule(cron, Some(keep))
            .iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn schedule_rules_are_the_servers() {
        assert_eq!(codes("0 0 * * *", 3), []);
        assert_eq!(codes("", 0), []);
        assert_eq!(codes("", 3), []);
        assert!(check_schedule("0 0 * * *", None).is_empty());
        assert_eq!(check_schedule("bad", None)[0].code, INVALID_CRON);
        assert_eq!(codes("0 0 * * *", 0), [("cronMaxKeep", "validation_required")]);
        assert_eq!(
            codes("0 0 * * *", -1),
            [("cronMaxKeep", "validation_min_greater_equal_than_required")]
        );
        assert_eq!(
            codes("", -5),
            [("cronMaxKeep", "validation_min_greater_equal_than_required")]
        );
        assert_eq!(
            codes("x", 0),
            [("cron", INVALID_CRON), ("cronMaxKeep", "validation_required")]
        );
        assert_eq!(check_schedule("", Some(-1))[0].threshold, Some(1));
    }

    #[test]
    fn s3_messages_are_made_readable() {
        let no_bucket = "Failed to test the S3 filesystem. Raw error: \nfailed to upload a test file: [key: pb_settings_test_NM6pr/test.txt] 404 NoSuchBucket: The specified bucket does not exist\n(RAW: <?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>nosuchbucket</BucketName><RequestId>x</RequestId></Error>)\nresource not found.";
        assert_eq!(
            readable_s3_error(no_bucket),
            (
                S3Problem::NoSuchBucket,
                "The S3 bucket \"nosuchbucket\" does not exist (NoSuchBucket).".into()
            )
        );
        let refused = "Failed to test the S3 filesystem. Raw error: \nfailed to upload a test file: [key: pb_settings_test_DcvGA/test.txt] Put \"http://127.0.0.1:8149/backups/pb_settings_test_DcvGA/test.txt\": dial tcp 127.0.0.1:8149: connect: connection refused.";
        assert_eq!(
            readable_s3_error(refused),
            (
                S3Problem::ConnectionRefused,
                "The S3 endpoint refused the connection (127.0.0.1:8149): is the S3 server running and the endpoint right?".into()
            )
        );
        let off = "Failed to test the S3 filesystem. Raw error: \nS3 storage filesystem is not enabled.";
        assert_eq!(readable_s3_error(off).0, S3Problem::NotEnabled);
        let keys = "Failed to test the S3 filesystem. Raw error: 403 InvalidAccessKeyId: The AWS Access Key Id you provided does not exist in our records.";
        assert_eq!(
            readable_s3_error(keys),
            (
                S3Problem::BadCredentials,
                "The S3 access key or secret was refused (InvalidAccessKeyId).".into()
            )
        );
        let sig = "… 403 SignatureDoesNotMatch: The request signature we calculated does not match …";
        assert_eq!(readable_s3_error(sig).0, S3Problem::BadCredentials);
        assert_eq!(
            readable_s3_error("… 403 AccessDenied …").0,
            S3Problem::AccessDenied
        );
        assert_eq!(readable_s3_error("odd"), (S3Problem::Other, "odd".into()));
    }

    #[test]
    fn s3_bodies_keep_the_servers_text_under_data_s3() {
        let body =
            Json::parse(r#"{"status":400,"message":"Failed. Raw error: 404 NoSuchBucket: x","data":{}}"#)
                .unwrap();
        let (out, message) = readable_s3_body(&body, "Could not: ");
        assert_eq!(message, "Could not: The S3 bucket does not exist (NoSuchBucket).");
        assert_eq!(
            out.to_text(),
            r#"{"status":400,"message":"Could not: The S3 bucket does not exist (NoSuchBucket).","data":{"s3":{"code":"s3_no_such_bucket","message":"Failed. Raw error: 404 NoSuchBucket: x"}}}"#
        );
        let (odd, _) = readable_s3_body(&Json::Null, "");
        assert_eq!(odd["data"]["s3"]["code"], Json::str("s3_error"));
    }

    const SETTINGS: &str = r#"{"meta":{"appName":"Acme"},"backups":{"cron":"0 3 * * *","cronMaxKeep":2,"s3":{"enabled":true,"bucket":"b","region":"r","endpoint":"http://127.0.0.1:9","accessKey":"k","forcePathStyle":true}}}"#;

    #[test]
    fn reads_the_backup_settings() {
        let s = BackupSettings::from_json(&Json::parse(SETTINGS).unwrap()).unwrap();
        assert_eq!(
            (s.cron.as_str(), s.max_keep, s.s3_enabled),
            ("0 3 * * *", 2, true)
        );
        let BackupStorage::S3(s3) = s.storage() else {
            panic!("S3")
        };
        assert_eq!(
            (s3.bucket.as_str(), s3.access_key.as_str(), s3.force_path_style),
            ("b", "k", true)
        );
        // 2026-11-30 14:10:30 UTC → 2026-12-01 03:00 and 2026-12-02 03:00.
        let runs = check_and_plan(&s.cron, None, 1_796_047_830_000.0, 2).next_runs;
        assert_eq!(runs, [1_796_094_000_000.0, 1_796_180_400_000.0]);
        assert_eq!(s.schedule(runs.clone()).next_runs, runs);
        let off = r#"{"backups":{"cron":"","cronMaxKeep":0,"s3":{"enabled":false,"bucket":"","region":"","endpoint":"","accessKey":"","forcePathStyle":false}}}"#;
        let off = BackupSettings::from_json(&Json::parse(off).unwrap()).unwrap();
        assert_eq!(off.storage(), BackupStorage::Local);
        assert!(check_and_plan(&off.cron, None, 0.0, 3).next_runs.is_empty());
        assert!(BackupSettings::from_json(&Json::parse(r#"{"backups":{}}"#).unwrap()).is_none());
    }

    #[test]
    fn a_schedule_check_crosses_as_json_unchanged() {
        for (cron, keep) in [
            ("0 3 * * *", Some(2)),
            ("61 * * * *", Some(0)),
            ("", Some(-1)),
            ("@daily", None),
        ] {
            let check = check_and_plan(cron, keep, 1_796_047_830_000.0, 3);
            let back = ScheduleCheck::from_json(&Json::parse(&check.to_json().to_text()).unwrap());
            assert_eq!(back.as_ref(), Some(&check), "{cron:?} {keep:?}");
        }
        let refused = check_and_plan("61 * * * *", Some(-1), 0.0, 3).refused;
        assert_eq!(
            refused.iter().map(|e| (e.field, e.code)).collect::<Vec<_>>(),
            [
                ("cron", INVALID_CRON),
                ("cronMaxKeep", "validation_min_greater_equal_than_required")
            ]
        );
        assert!(ScheduleCheck::from_json(
            &Json::parse(r#"{"refused":[{"field":"x","code":"y","message":""}],"nextRuns":[]}"#).unwrap()
        )
        .is_none());
    }

    #[test]
    fn a_new_automatic_backup_is_told_apart() {
        let b = |key: &str, modified: &str| BackupFileInfo {
            key: key.into(),
            size: 1,
            modified: modified.into(),
        };
        let before = [
            b("manual.zip", "1"),
            b("@auto_pb_backup_acme_20261130141627.zip", "1"),
        ];
        assert_eq!(new_auto_backup(&before, &before), None);
        let mut after = before.to_vec();
        after.push(b("other_new.zip", "2"));
        assert_eq!(new_auto_backup(&before, &after), None);
        // The server's file of a run still being written is listed, and is not the backup.
        after.push(b(
            "@auto_pb_backup_acme_20261130141700.zip.18eed1fc3e1cb4ae.tmp",
            "2",
        ));
        assert_eq!(new_auto_backup(&before, &after), None);
        after.push(b("@auto_pb_backup_acme_20261130141700.zip", "2"));
        assert_eq!(
            new_auto_backup(&before, &after).as_deref(),
            Some("@auto_pb_backup_acme_20261130141700.zip")
        );
        // The same second's key, written again.
        let rewritten = [
            b("manual.zip", "1"),
            b("@auto_pb_backup_acme_20261130141627.zip", "2"),
        ];
        assert_eq!(
            new_auto_backup(&before, &rewritten).as_deref(),
            Some("@auto_pb_backup_acme_20261130141627.zip")
        );
    }

    #[test]
    fn bodies_carry_the_secret_only_when_given_and_debug_never_shows_it() {
        let mut s3 = S3Settings {
            bucket: "b".into(),
            secret: Some("s3cr3t".into()),
            ..S3Settings::default()
        };
        assert!(storage_body(Some(&s3)).to_text().contains(r#""secret":"s3cr3t""#));
        assert!(!format!("{s3:?}").contains("s3cr3t"));
        s3.secret = None;
        assert!(!storage_body(Some(&s3)).to_text().contains("secret"));
        assert_eq!(
            storage_body(None).to_text(),
            r#"{"backups":{"s3":{"enabled":false}}}"#
        );
        assert_eq!(
            schedule_body("", Some(-3)).to_text(),
            r#"{"backups":{"cron":"","cronMaxKeep":-3}}"#
        );
        assert_eq!(
            schedule_body("@daily", Some(7)).to_text(),
            r#"{"backups":{"cron":"@daily","cronMaxKeep":7}}"#
        );
        assert_eq!(
            schedule_body("@daily", None).to_text(),
            r#"{"backups":{"cron":"@daily"}}"#
        );
    }
}
