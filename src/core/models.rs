//! The shapes of the server's answers.

use crate::core::json::Json;

/// One backup file as `GET /api/backups` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupFileInfo {
    /// The file name, used as the key in every other backup call.
    pub key: String,
    /// Size in bytes.
    pub size: u64,
    /// Last modification, as the server writes it (`2026-11-28 05:59:21.176Z`).
    pub modified: String,
}

/// One cron job as `GET /api/crons` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct CronJob {
    /// The job's id; the scheduled backup is `__pbAutoBackup__`.
    pub id: String,
    /// Its cron expression, e.g. `0 0 * * *`.
    pub expression: String,
}

/// The answer of `GET /api/health`.
#[derive(Debug, Clone, PartialEq)]
pub struct HealthCheckResponse {
    /// 200 when healthy.
    pub code: u16,
    /// `"API is healthy."`
    pub message: String,
    /// Empty for anonymous callers; superusers get `canBackup` and more.
    pub data: HealthData,
}

/// The `data` of a health answer. Fields are present only for superusers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HealthData {
    /// False while a backup or restore is running.
    pub can_backup: Option<bool>,
    /// The caller's IP as the server sees it.
    pub real_ip: Option<String>,
    /// A proxy header the server noticed but does not trust.
    pub possible_proxy_header: Option<String>,
    /// BosBase only: whether backups must go to S3.
    pub require_s3: Option<bool>,
}

/// The answer of every sign-in (`auth-with-password`, `auth-with-otp`, `auth-refresh`).
#[derive(Debug, Clone, PartialEq)]
pub struct AuthResponse {
    /// The auth token, sent as `Authorization` on later calls.
    pub token: String,
    /// The authenticated record as the server sent it.
    pub record: Json,
    /// Extra data some sign-ins carry (OAuth2's provider tokens and profile), as sent.
    pub meta: Option<Json>,
}

/// The answer of `request-otp`.
#[derive(Debug, Clone, PartialEq)]
pub struct OtpResponse {
    /// The id to send with the mailed code to `auth-with-otp`. The server answers with
    /// one even for an address it does not know, and then sends no mail.
    pub otp_id: String,
}

/// The answer of `POST /api/files/token`.
#[derive(Debug, Clone)]
pub struct FileTokenResponse {
    /// A short-lived (about 3 minutes) token for protected files and backup downloads.
    pub token: String,
}

/// Reads an answer from parsed JSON, `None` when it has another shape (the SDK
/// reports a wrong shape as one error).
pub trait FromJson: Sized {
    fn from_json(v: &Json) -> Option<Self>;
}

fn string(v: &Json, field: &str) -> Option<String> {
    v.get(field)?.as_str().map(str::to_string)
}

fn opt_string(v: &Json, field: &str) -> Option<Option<String>> {
    match v.get(field) {
        None | Some(Json::Null) => Some(None),
        Some(s) => s.as_str().map(|s| Some(s.to_string())),
    }
}

fn opt_bool(v: &Json, field: &str) -> Option<Option<bool>> {
    match v.get(field) {
        None | Some(Json::Null) => Some(None),
        Some(b) => b.as_bool().map(Some),
    }
}

impl FromJson for BackupFileInfo {
    fn from_json(v: &Json) -> Option<Self> {
        Some(BackupFileInfo {
            key: string(v, "key")?,
            size: v.get("size")?.as_u64()?,
            modified: string(v, "modified")?,
        })
    }
}

impl FromJson for CronJob {
    fn from_json(v: &Json) -> Option<Self> {
        Some(CronJob {
            id: string(v, "id")?,
            expression: string(v, "expression")?,
        })
    }
}

/// Any JSON, as it came (an answer passed on whole, such as the settings).
impl FromJson for Json {
    fn from_json(v: &Json) -> Option<Self> {
        Some(v.clone())
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Json) -> Option<Self> {
        v.as_array()?.iter().map(T::from_json).collect()
    }
}

impl FromJson for HealthCheckResponse {
    fn from_json(v: &Json) -> Option<Self> {
        let data = match v.get("data") {
            None | Some(Json::Null) => HealthData::default(),
            Some(d) if d.is_object() => HealthData {
                can_backup: opt_bool(d, "canBackup")?,
                real_ip: opt_string(d, "realIP")?,
                possible_proxy_header: opt_string(d, "possibleProxyHeader")?,
                require_s3: opt_bool(d, "requireS3")?,
            },
            Some(_) => return None,
        };
        Some(HealthCheckResponse {
            code: u16::try_from(v.get("code")?.as_u64()?).ok()?,
            message: string(v, "message")?,
            data,
        })
    }
}

impl FromJson for AuthResponse {
    fn from_json(v: &Json) -> Option<Self> {
        let meta = match v.get("meta") {
            None | Some(Json::Null) => None,
            Some(m @ Json::Object(_)) => Some(m.clone()),
            Some(_) => return None,
        };
        Some(AuthResponse {
            token: string(v, "token")?,
            record: v.get("record")?.clone(),
            meta,
        })
    }
}

impl FromJson for OtpResponse {
    fn from_json(v: &Json) -> Option<Self> {
        Some(OtpResponse {
            otp_id: string(v, "otpId")?,
        })
    }
}

impl FromJson for FileTokenResponse {
    fn from_json(v: &Json) -> Option<Self> {
        Some(FileTokenResponse {
            token: string(v, "token")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: FromJson>(text: &str) -> Option<T> {
        T::from_json(&Json::parse(text).unwrap())
    }

    #[test]
    fn reads_the_servers_answers() {
        let list: Vec<BackupFileInfo> =
            read(r#"[{"key":"a.zip","size":1234,"modified":"2026-11-28 05:59:21.176Z"}]"#).unwrap();
        assert_eq!(
            list,
            [BackupFileInfo {
                key: "a.zip".into(),
                size: 1234,
                modified: "2026-11-28 05:59:21.176Z".into()
            }]
        );
        assert_eq!(read::<Vec<BackupFileInfo>>("[]"), Some(vec![]));

        let h: HealthCheckResponse = read(
            r#"{"code":200,"message":"API is healthy.","data":{"canBackup":true,"realIP":"127.0.0.1","possibleProxyHeader":""}}"#,
        )
        .unwrap();
        assert_eq!(h.data.can_backup, Some(true));
        assert_eq!(h.data.real_ip.as_deref(), Some("127.0.0.1"));
        let anon: HealthCheckResponse =
            read(r#"{"code":200,"message":"API is healthy.","data":{}}"#).unwrap();
        assert_eq!(anon.data, HealthData::default());

        let auth: AuthResponse = read(r#"{"token":"t","record":{"email":"a@b.c"}}"#).unwrap();
        assert_eq!(
            (auth.token.as_str(), &auth.record["email"]),
            ("t", &Json::str("a@b.c"))
        );
        assert_eq!(auth.meta, None);
        let token: FileTokenResponse = read(r#"{"token":"f"}"#).unwrap();
        assert_eq!(token.token, "f");
        let crons: Vec<CronJob> = read(r#"[{"id":"__pbAutoBackup__","expression":"0 0 * * *"}]"#).unwrap();
        assert_eq!(crons[0].id, "__pbAutoBackup__");
        assert_eq!(crons[0].expression, "0 0 * * *");
        assert!(read::<Vec<CronJob>>(r#"[{"id":"x"}]"#).is_none());
    }

    #[test]
    fn auth_meta_is_kept_when_sent() {
        let auth: AuthResponse =
            read(r#"{"token":"t","record":{"id":"r"},"meta":{"accessToken":"a","isNew":true}}"#).unwrap();
        let meta = auth.meta.as_ref().unwrap();
        assert_eq!(
            (&meta["accessToken"], &meta["isNew"]),
            (&Json::str("a"), &Json::Bool(true))
        );
        let null_meta: AuthResponse = read(r#"{"token":"t","record":{},"meta":null}"#).unwrap();
        assert_eq!(null_meta.meta, None);
    }

    #[test]
    fn reads_the_otp_answer() {
        let otp: OtpResponse = read(r#"{"otpId":"6hqx4qutj2t0ox9"}"#).unwrap();
        assert_eq!(otp.otp_id, "6hqx4qutj2t0ox9");
    }

    #[test]
    fn answers_of_another_shape_are_none() {
        for text in [
            r#"{"items":[]}"#,
            r#"[{"key":"a.zip","size":-1,"modified":""}]"#,
            r#"[{"key":"a.zip","size":1.5,"modified":""}]"#,
            r#"[{"key":1,"size":1,"modified":""}]"#,
            r#"[{"key":"a.zip","modified":""}]"#,
            r#"[{"key":"a.zip","size":1,"modified":""}, 3]"#,
        ] {
            assert_eq!(read::<Vec<BackupFileInfo>>(text), None, "{text}");
        }
        for text in [
            r#"{"code":70000,"message":"","data":{}}"#,
            r#"{"code":200,"message":"","data":[]}"#,
            r#"{"code":200,"message":"","data":{"canBackup":"yes"}}"#,
            r#"{"code":"200","message":""}"#,
        ] {
            assert_eq!(read::<HealthCheckResponse>(text), None, "{text}");
        }
        assert!(read::<AuthResponse>(r#"{"token":"t"}"#).is_none());
        assert!(read::<AuthResponse>(r#"{"token":"t","record":{},"meta":"x"}"#).is_none());
        assert!(read::<AuthResponse>(r#"{"token":"t","record":{},"meta":[]}"#).is_none());
        for text in [r#"{}"#, r#"{"otpId":7}"#, r#"{"otpId":null}"#, r#"["otpId"]"#] {
            assert_eq!(read::<OtpResponse>(text), None, "{text}");
        }
        assert!(read::<FileTokenResponse>(r#"{"token":null}"#).is_none());
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    /// Any JSON value, with the answers' field names likely to appear.
    fn json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            ".{0,12}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            let key = prop_oneof![
                Just("key".to_string()),
                Just("size".to_string()),
                Just("modified".to_string()),
                Just("code".to_string()),
                Just("message".to_string()),
                Just("data".to_string()),
                Just("canBackup".to_string()),
                Just("token".to_string()),
                Just("record".to_string()),
                Just("meta".to_string()),
                Just("otpId".to_string()),
                ".{0,6}",
            ];
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::from),
                prop::collection::btree_map(key, inner, 0..8)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_json_is_read_or_refused_never_a_panic(v in json()) {
            let v = Json::parse(&v.to_string()).expect("serde_json's text is JSON");
            if let Some(list) = Vec::<BackupFileInfo>::from_json(&v) {
                prop_assert_eq!(list.len(), v.as_array().map_or(0, <[Json]>::len));
            }
            let _ = HealthCheckResponse::from_json(&v);
            if let Some(auth) = AuthResponse::from_json(&v) {
                prop_assert!(auth.meta.as_ref().is_none_or(Json::is_object));
            }
            let _ = OtpResponse::from_json(&v);
            let _ = FileTokenResponse::from_json(&v);
            let _ = Vec::<CronJob>::from_json(&v);
        }
    }
}
