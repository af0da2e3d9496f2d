//! The shapes of the server's answers.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One backup file as `GET /api/backups` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupFileInfo {
    /// The file name, used as the key in every other backup call.
    pub key: String,
    /// Size in bytes.
    pub size: u64,
    /// Last modification, as the server writes it (`2026-11-28 05:59:21.176Z`).
    pub modified: String,
}

/// The answer of `GET /api/health`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HealthCheckResponse {
    /// 200 when healthy.
    pub code: u16,
    /// `"API is healthy."`
    pub message: String,
    /// Empty for anonymous callers; superusers get `canBackup` and more.
    #[serde(default)]
    pub data: HealthData,
}

/// The `data` of a health answer. Fields are present only for superusers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HealthData {
    /// False while a backup or restore is running.
    #[serde(rename = "canBackup", skip_serializing_if = "Option::is_none", default)]
    pub can_backup: Option<bool>,
    /// The caller's IP as the server sees it.
    #[serde(rename = "realIP", skip_serializing_if = "Option::is_none", default)]
    pub real_ip: Option<String>,
    /// A proxy header the server noticed but does not trust.
    #[serde(
        rename = "possibleProxyHeader",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub possible_proxy_header: Option<String>,
    /// BosBase only: whether backups must go to S3.
    #[serde(rename = "requireS3", skip_serializing_if = "Option::is_none", default)]
    pub require_s3: Option<bool>,
}

/// The answer of `auth-with-password`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthResponse {
    /// The auth token, sent as `Authorization` on later calls.
    pub token: String,
    /// The authenticated record as the server sent it.
    pub record: Value,
}

/// The answer of `POST /api/files/token`.
#[derive(Debug, Clone, Deserialize)]
pub struct FileTokenResponse {
    /// A short-lived (about 3 minutes) token for protected files and backup downloads.
    pub token: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_servers_answers() {
        let list: Vec<BackupFileInfo> =
            serde_json::from_str(r#"[{"key":"a.zip","size":1234,"modified":"2026-11-28 05:59:21.176Z"}]"#)
                .unwrap();
        assert_eq!(list[0].key, "a.zip");
        assert_eq!(list[0].size, 1234);

        let h: HealthCheckResponse = serde_json::from_str(
            r#"{"code":200,"message":"API is healthy.","data":{"canBackup":true,"realIP":"127.0.0.1","possibleProxyHeader":""}}"#,
        )
        .unwrap();
        assert_eq!(h.data.can_backup, Some(true));
        let anon: HealthCheckResponse =
            serde_json::from_str(r#"{"code":200,"message":"API is healthy.","data":{}}"#).unwrap();
        assert_eq!(anon.data, HealthData::default());
        assert_eq!(serde_json::to_string(&anon.data).unwrap(), "{}");
    }
}
