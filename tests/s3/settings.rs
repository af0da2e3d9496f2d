//! `pb.settings` as the official SDK has it, and the schedule checked before sending
//! with the server's codes and messages.

use js_sys::{Array, Date, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::js::*;
use crate::support::*;

const SAVE_FAILED: &str = "An error occurred while saving the new settings.";

#[wasm_bindgen_test]
async fn get_all_update_and_test_s3_as_the_official_sdk() {
    let c = superuser_client().await;
    let all = ok(c.settings().get_all(None)).await;
    let s3 = get(&get(&all, "backups"), "s3");
    assert_eq!(get(&s3, "enabled"), JsValue::TRUE);
    assert_eq!(get_str(&s3, "endpoint"), S3_URL);
    assert!(
        get(&s3, "secret").is_undefined(),
        "the server never sends the secret"
    );

    let before = get_f64(&get(&all, "logs"), "maxDays");
    let changed = ok(c
        .settings()
        .update(arg(obj(&[("logs", obj(&[("maxDays", 6.into())]))])), None))
    .await;
    assert_eq!(get_f64(&get(&changed, "logs"), "maxDays"), 6.0);
    let again = ok(c.settings().get_all(None)).await;
    assert_eq!(get_f64(&get(&again, "logs"), "maxDays"), 6.0);
    ok(c.settings()
        .update(arg(obj(&[("logs", obj(&[("maxDays", before.into())]))])), None))
    .await;

    assert_eq!(
        ok(c.settings().test_s3(arg("backups"), None)).await,
        JsValue::TRUE
    );
    // The default filesystem is "storage", which is not on S3 here.
    let e = err(c.settings().test_s3(None, None)).await;
    assert_error(
        &e,
        400,
        "Failed to test the S3 filesystem. Raw error: \nS3 storage filesystem is not enabled.",
    );
    let e = err(c.settings().test_s3(arg("nope"), None)).await;
    assert_error(&e, 400, "Failed to test the S3 filesystem.");
    assert_eq!(field_code(&e, "filesystem"), "validation_in_invalid");

    // Anonymous: the server's 401.
    let anon = client_of(PB_S3_URL).await;
    assert_error(&err(anon.settings().get_all(None)).await, 401, MSG_401);
}

/// The server's verdict on a schedule, asked directly (no SDK), for values it refuses:
/// `data.backups` of its 400.
async fn server_refusal(token: &str, cron: &str, keep: i64) -> JsValue {
    let body = JSON::stringify(&obj(&[(
        "backups",
        obj(&[("cron", cron.into()), ("cronMaxKeep", (keep as f64).into())]),
    )]))
    .unwrap()
    .as_string()
    .unwrap();
    let (status, v) = raw_json(
        "PATCH",
        &format!("{PB_S3_URL}/api/settings"),
        Some(token),
        Some(&body),
    )
    .await;
    assert_eq!(status, 400, "{cron:?} {keep}: the server accepted it");
    assert_eq!(get_str(&v, "message"), SAVE_FAILED);
    get(&get(&v, "data"), "backups")
}

#[wasm_bindgen_test]
async fn set_schedule_refuses_before_sending_what_the_server_refuses_with_its_codes() {
    let c = superuser_client().await;
    let token = c.auth_store().token();
    let cases: &[(&str, i64)] = &[
        ("0 0 * * 7", 3),
        ("@every 5m", 3),
        ("@DAILY", 3),
        ("0  0 * * *", 3),
        ("0 0 * * * *", 3),
        ("*/60 * * * *", 3),
        ("5/2 * * * *", 3),
        ("5-1 * * * *", 3),
        ("JAN * * * *", 3),
        ("1,,2 * * * *", 3),
        ("99999999999999999999 * * * *", 3),
        ("1-2-3 * * * *", 3),
        ("*/2/3 * * * *", 3),
        ("0 0 * * *", 0),
        ("", -1),
        ("0 0 * * *", -2),
        ("nonsense", 0),
    ];
    for &(cron, keep) in cases {
        let server = server_refusal(&token, cron, keep).await;
        let e = err(c.backups().set_schedule(
            obj(&[("cron", cron.into()), ("maxKeep", (keep as f64).into())]),
            None,
        ))
        .await;
        assert_error(&e, 400, SAVE_FAILED);
        // Refused before any request: the URL it would have gone to.
        assert_eq!(
            get_str(&e, "url"),
            format!("{PB_S3_URL}/api/settings"),
            "{cron:?}"
        );
        let ours = get(&get(&get(&e, "response"), "data"), "backups");
        assert_eq!(
            JSON::stringify(&ours).unwrap().as_string(),
            JSON::stringify(&server).unwrap().as_string(),
            "{cron:?} {keep}"
        );
    }
    let e = err(c
        .backups()
        .set_schedule(obj(&[("cron", "0 0 * * 7".into())]), None))
    .await;
    assert_eq!(
        get_str(
            &get(&get(&get(&get(&e, "response"), "data"), "backups"), "cron"),
            "code"
        ),
        "validation_invalid_cron"
    );
    assert_type_error(
        &err(c
            .backups()
            .set_schedule(obj(&[("cron", "@daily".into()), ("maxKeep", 1.5.into())]), None))
        .await,
        "maxKeep",
    );
    assert_type_error(
        &err(c.backups().set_schedule(obj(&[("cron", 5.into())]), None)).await,
        "cron",
    );
}

fn dates(v: &JsValue) -> Vec<f64> {
    Array::from(v)
        .iter()
        .map(|d| d.dyn_into::<Date>().expect("a Date").get_time())
        .collect()
}

#[wasm_bindgen_test]
async fn a_schedule_is_stored_with_its_next_runs_in_utc_and_turned_off() {
    let c = superuser_client().await;
    let set = ok(c
        .backups()
        .set_schedule(obj(&[("cron", "@daily".into()), ("maxKeep", 4.into())]), None))
    .await;
    assert_eq!(
        (get_str(&set, "cron"), get_f64(&set, "maxKeep")),
        ("@daily".into(), 4.0)
    );
    let got = ok(c.backups().get_schedule(None)).await;
    assert_eq!(
        (get_str(&got, "cron"), get_f64(&got, "maxKeep")),
        ("@daily".into(), 4.0)
    );
    let runs = dates(&get(&got, "nextRuns"));
    let day = 86_400_000.0;
    let next_midnight = (Date::now() / day).floor() * day + day;
    assert_eq!(
        runs,
        [next_midnight, next_midnight + day, next_midnight + 2.0 * day]
    );
    let all = ok(c.settings().get_all(None)).await;
    assert_eq!(get_str(&get(&all, "backups"), "cron"), "@daily");
    let crons = ok(c.crons().get_full_list(None)).await;
    assert!(Array::from(&crons)
        .iter()
        .any(|j| get_str(&j, "id") == "__pbAutoBackup__"));

    let hourly = ok(c
        .backups()
        .set_schedule(obj(&[("cron", "15 */6 * * 1-5".into())]), None))
    .await;
    assert_eq!(
        get_f64(&hourly, "maxKeep"),
        4.0,
        "left out, the stored number stays"
    );
    for t in dates(&get(&hourly, "nextRuns")) {
        let d = Date::new(&t.into());
        assert_eq!((d.get_utc_minutes(), d.get_utc_hours() % 6), (15, 0));
        assert!((1..=5).contains(&d.get_utc_day()));
    }

    let off = ok(c.backups().set_schedule(obj(&[("cron", "".into())]), None)).await;
    assert_eq!(get_str(&off, "cron"), "");
    assert_eq!(Array::from(&get(&off, "nextRuns")).length(), 0);
    let crons = ok(c.crons().get_full_list(None)).await;
    assert!(!Array::from(&crons)
        .iter()
        .any(|j| get_str(&j, "id") == "__pbAutoBackup__"));
}

#[wasm_bindgen_test]
async fn s3_settings_the_server_refuses_come_back_with_its_codes() {
    let c = superuser_client().await;
    let s3 = |pairs: &[(&str, JsValue)]| obj(&[("s3", obj(pairs))]);
    let code = |e: &JsValue, field: &str| {
        get_str(
            &get(
                &get(&get(&get(&get(e, "response"), "data"), "backups"), "s3"),
                field,
            ),
            "code",
        )
    };
    let e = err(c.backups().set_storage(s3(&[("secret", "".into())]), None)).await;
    assert_error(&e, 400, SAVE_FAILED);
    for field in ["bucket", "region", "endpoint", "accessKey", "secret"] {
        assert_eq!(code(&e, field), "validation_required", "{field}");
    }
    let e = err(c.backups().set_storage(
        s3(&[
            ("bucket", "backups".into()),
            ("region", "us-east-1".into()),
            ("endpoint", "not a url".into()),
            ("accessKey", "test".into()),
        ]),
        None,
    ))
    .await;
    assert_eq!(code(&e, "endpoint"), "validation_is_url");
    // Nothing changed.
    let storage = ok(c.backups().get_storage(None)).await;
    assert_eq!(get_str(&get(&storage, "s3"), "endpoint"), S3_URL);
    assert_type_error(&err(c.backups().set_storage(obj(&[]), None)).await, "setStorage");
    assert_type_error(
        &err(c
            .backups()
            .set_storage(obj(&[("local", JsValue::TRUE), ("s3", obj(&[]))]), None))
        .await,
        "setStorage",
    );
}
