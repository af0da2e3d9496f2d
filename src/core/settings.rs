//! The backup settings the server validates (`backups.cron`, `backups.cronMaxKeep`),
//! checked here with its rules and codes before anything is sent, and the server's S3
//! error messages made readable.

use crate::core::cron::{Schedule, INVALID_CRON};

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
pub fn check_schedule(cron: &str, max_keep: i64) -> Vec<FieldError> {
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
    let has = |s: &str| server_message.contains(s);
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

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len]).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(cron: &str, keep: i64) -> Vec<(&'static str, &'static str)> {
        check_schedule(cron, keep)
            .iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn schedule_rules_are_the_servers() {
        assert_eq!(codes("0 0 * * *", 3), []);
        assert_eq!(codes("", 0), []);
        assert_eq!(codes("", 3), []);
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
        assert_eq!(check_schedule("", -1)[0].threshold, Some(1));
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
}
