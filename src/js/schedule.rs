//! `pb.backups`: the schedule, the storage and the scheduled backup (in an `impl` of
//! its own beside the other backup calls).

use js_sys::{Array, Date, Object};
use wasm_bindgen::prelude::*;

use super::backups::JsBackupService;
use super::convert::type_error;
use super::convert::{object, opt_string, prop, set, string};
use super::options::request;
use super::promise::promise;
use crate::core::settings::{BackupSchedule, BackupStorage, S3Settings};

fn schedule(s: &BackupSchedule) -> JsValue {
    let out = Object::new();
    set(&out, "cron", &JsValue::from_str(&s.cron));
    set(&out, "maxKeep", &JsValue::from(s.max_keep as f64));
    let runs = Array::from_iter(
        s.next_runs
            .iter()
            .map(|ms| JsValue::from(Date::new(&JsValue::from(*ms)))),
    );
    set(&out, "nextRuns", &runs);
    out.into()
}

fn storage(s: &BackupStorage) -> JsValue {
    let out = Object::new();
    match s {
        BackupStorage::Local => set(&out, "local", &JsValue::TRUE),
        BackupStorage::S3(s3) => {
            set(&out, "local", &JsValue::FALSE);
            let o = Object::new();
            set(&o, "bucket", &JsValue::from_str(&s3.bucket));
            set(&o, "region", &JsValue::from_str(&s3.region));
            set(&o, "endpoint", &JsValue::from_str(&s3.endpoint));
            set(&o, "accessKey", &JsValue::from_str(&s3.access_key));
            set(&o, "forcePathStyle", &JsValue::from_bool(s3.force_path_style));
            set(&out, "s3", &o);
        }
    }
    out.into()
}

/// `{cron, maxKeep}` of `setSchedule`.
fn schedule_arg(v: &JsValue) -> Result<(String, Option<i64>), JsValue> {
    let obj = object(v, "schedule")?.ok_or_else(|| type_error("setSchedule needs {cron, maxKeep}."))?;
    let cron = string(&prop(&obj, "cron").unwrap_or_default(), "schedule.cron")?;
    let max_keep = match prop(&obj, "maxKeep") {
        None => None,
        Some(n) => Some(
            n.as_f64()
                .filter(|n| n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0)
                .ok_or_else(|| type_error("schedule.maxKeep must be an integer."))? as i64,
        ),
    };
    Ok((cron, max_keep))
}

/// An optional string field of `storage.s3` (`""` when absent).
#[inline(never)]
fn text(s3: &JsValue, name: &str) -> Result<String, JsValue> {
    let what = ["storage.s3.", name].concat();
    Ok(opt_string(&prop(s3, name).unwrap_or_default(), &what)?.unwrap_or_default())
}

/// `{s3: {...}}` or `{local: true}` of `setStorage`: `None` for local.
fn storage_arg(v: &JsValue) -> Result<Option<S3Settings>, JsValue> {
    const USAGE: &str = "setStorage needs {s3: {bucket, region, endpoint, accessKey, secret, forcePathStyle}} or {local: true}.";
    let obj = object(v, "storage")?.ok_or_else(|| type_error(USAGE))?;
    let local = prop(&obj, "local").is_some_and(|l| l.is_truthy());
    match (local, prop(&obj, "s3").filter(|s| !s.is_null())) {
        (true, None) => Ok(None),
        (false, Some(s3)) => {
            let s3 = object(&s3, "storage.s3")?.map(JsValue::from).unwrap_or_default();
            Ok(Some(S3Settings {
                bucket: text(&s3, "bucket")?,
                region: text(&s3, "region")?,
                endpoint: text(&s3, "endpoint")?,
                access_key: text(&s3, "accessKey")?,
                secret: opt_string(&prop(&s3, "secret").unwrap_or_default(), "storage.s3.secret")?,
                force_path_style: prop(&s3, "forcePathStyle").is_some_and(|f| f.is_truthy()),
            }))
        }
        _ => Err(type_error(USAGE)),
    }
}

#[wasm_bindgen(js_class = BackupService)]
impl JsBackupService {
    /// The schedule of automatic backups: its cron expression (`""` when off), how many
    /// automatic backups the server keeps, and the next 3 runs (the server runs them in
    /// UTC).
    ///
    /// @example
    /// ```js
    /// const { cron, maxKeep, nextRuns } = await pb.backups.getSchedule();
    /// console.log(nextRuns.map((d) => d.toLocaleString()));
    /// ```
    /// @throws {ClientResponseError} 401 without a session, 403 for a non-superuser.
    #[wasm_bindgen(js_name = getSchedule, unchecked_return_type = "Promise<BackupSchedule>")]
    pub fn get_schedule(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CommonOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        promise(request(&options.unwrap_or_default(), &[]).map(|o| {
            let sent = self.service.get_schedule(&o);
            async move { Ok(schedule(&sent.await?)) }
        }))
    }

    /// Sets the schedule of automatic backups (`cron: ""` turns them off) and how many
    /// the server keeps (`maxKeep`; left out, the stored number stays). The expression
    /// is checked here with the server's rules (5 fields or a macro such as `@daily`)
    /// before anything is sent. Resolves with the new schedule.
    ///
    /// @example
    /// ```js
    /// await pb.backups.setSchedule({ cron: "0 3 * * *", maxKeep: 7 });
    /// await pb.backups.setSchedule({ cron: "" }); // off
    /// ```
    /// @throws {ClientResponseError} 400 "An error occurred while saving the new
    /// settings." with `response.data.backups.cron.code === "validation_invalid_cron"`
    /// (and the server's message), or `response.data.backups.cronMaxKeep.code`
    /// (`validation_required` when 0 with a schedule, or
    /// `validation_min_greater_equal_than_required`); refused before sending.
    /// @throws {TypeError} when `cron` is not a string or `maxKeep` not an integer.
    #[wasm_bindgen(js_name = setSchedule, unchecked_return_type = "Promise<BackupSchedule>")]
    pub fn set_schedule(
        &self,
        #[wasm_bindgen(js_name = schedule, unchecked_param_type = "ScheduleInput")] schedule_input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommonOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        promise((|| {
            let (cron, max_keep) = schedule_arg(&schedule_input)?;
            let sent =
                self.service
                    .set_schedule(&cron, max_keep, &request(&options.unwrap_or_default(), &[])?);
            Ok(async move { Ok(schedule(&sent.await?)) })
        })())
    }

    /// Where backups are stored: `{local: true}`, or `{local: false, s3: {...}}` without
    /// the secret (the server never sends it back).
    ///
    /// @throws {ClientResponseError} 401 without a session, 403 for a non-superuser.
    #[wasm_bindgen(js_name = getStorage, unchecked_return_type = "Promise<BackupStorage>")]
    pub fn get_storage(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CommonOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        promise(request(&options.unwrap_or_default(), &[]).map(|o| {
            let sent = self.service.get_storage(&o);
            async move { Ok(storage(&sent.await?)) }
        }))
    }

    /// Stores new backups on S3 (`{s3: {bucket, region, endpoint, accessKey, secret,
    /// forcePathStyle}}`; without `secret` the stored one stays) or on the server's disk
    /// (`{local: true}`; the S3 settings are kept, switched off). The secret is sent
    /// once and never read back. Resolves with the storage as the server now has it.
    ///
    /// @example
    /// ```js
    /// await pb.backups.setStorage({ s3: { bucket: "backups", region: "us-east-1",
    ///   endpoint: "https://s3.example.com", accessKey: "AKIA…", secret, forcePathStyle: true } });
    /// await pb.backups.testStorage();
    /// ```
    /// @throws {ClientResponseError} 400 with `response.data.backups.s3.<field>.code`
    /// (`validation_required`, `validation_is_url`).
    /// @throws {TypeError} for anything but `{s3: {...}}` or `{local: true}`.
    #[wasm_bindgen(js_name = setStorage, unchecked_return_type = "Promise<BackupStorage>")]
    pub fn set_storage(
        &self,
        #[wasm_bindgen(js_name = storage, unchecked_param_type = "BackupStorageInput")]
        storage_input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommonOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        promise((|| {
            let s3 = storage_arg(&storage_input)?;
            let sent = self
                .service
                .set_storage(s3.as_ref(), &request(&options.unwrap_or_default(), &[])?);
            Ok(async move { Ok(storage(&sent.await?)) })
        })())
    }

    /// Tests the S3 storage of backups (the server writes and deletes a test file);
    /// resolves with `true`.
    ///
    /// @throws {ClientResponseError} 400 with a readable message: the bucket does not
    /// exist (`NoSuchBucket`), the endpoint refused the connection, the credentials
    /// were refused, or S3 is not enabled (`response` is the server's answer).
    #[wasm_bindgen(js_name = testStorage, unchecked_return_type = "Promise<boolean>")]
    pub fn test_storage(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CommonOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        promise(request(&options.unwrap_or_default(), &[]).map(|o| {
            let sent = self.service.test_storage(&o);
            async move { sent.await.map(|()| JsValue::TRUE) }
        }))
    }

    /// Runs the scheduled backup now (the cron job `__pbAutoBackup__`) and resolves with
    /// its key (`@auto_pb_backup_…`) once the server lists it; the server then deletes
    /// the oldest automatic backups beyond `maxKeep` (never a manual one). Two runs in
    /// the same second make one backup: the server names them by the second.
    ///
    /// @example
    /// ```js
    /// const key = await pb.backups.runScheduledNow();
    /// ```
    /// @throws {ClientResponseError} 404 "Missing or invalid cron job." when no schedule
    /// is set; status 0 when no new backup was listed within 5 minutes.
    #[wasm_bindgen(js_name = runScheduledNow, unchecked_return_type = "Promise<string>")]
    pub fn run_scheduled_now(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SendOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        promise(request(&options.unwrap_or_default(), &[]).map(|o| {
            let sent = self.service.run_scheduled_now(&o);
            async move { sent.await.map(JsValue::from) }
        }))
    }
}
