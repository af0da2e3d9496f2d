//! The schedule and storage calls through the typed Rust API.

use bosbase_backups::{BackupSettings, BackupStorage, RequestOptions, S3Settings};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
async fn schedule_and_storage_through_the_rust_api() {
    let c = rust_superuser(PB_S3_URL).await;
    let opts = RequestOptions::new();
    let backups = c.backups();

    let e = backups
        .set_schedule("0 0 * * 7", Some(0), &opts)
        .await
        .unwrap_err();
    // Refused before sending: the URL is where the request would have gone.
    assert_eq!((e.status, e.url), (400, format!("{PB_S3_URL}/api/settings")));
    let data = &e.response["data"]["backups"];
    assert_eq!(data["cron"]["code"].as_str(), Some("validation_invalid_cron"));
    assert_eq!(data["cronMaxKeep"]["code"].as_str(), Some("validation_required"));

    let set = backups.set_schedule("30 2 * * *", Some(5), &opts).await.unwrap();
    assert_eq!(
        (set.cron.as_str(), set.max_keep, set.next_runs.len()),
        ("30 2 * * *", 5, 3)
    );
    for ms in &set.next_runs {
        assert_eq!(*ms as i64 % 86_400_000, (2 * 60 + 30) * 60_000, "02:30 UTC");
    }
    let settings: BackupSettings = c.settings().get_all(&opts).await.unwrap();
    assert_eq!((settings.cron.as_str(), settings.max_keep), ("30 2 * * *", 5));
    let off = backups.set_schedule("", None, &opts).await.unwrap();
    assert!(off.cron.is_empty() && off.next_runs.is_empty());

    let BackupStorage::S3(s3) = backups.get_storage(&opts).await.unwrap() else {
        panic!("the server's backups are on S3");
    };
    assert_eq!((s3.bucket.as_str(), s3.endpoint.as_str()), ("backups", S3_URL));
    let again = S3Settings {
        bucket: s3.bucket,
        region: s3.region,
        endpoint: s3.endpoint,
        access_key: s3.access_key,
        secret: None,
        force_path_style: s3.force_path_style,
    };
    assert!(!format!("{again:?}").contains(S3_SECRET));
    assert!(matches!(
        backups.set_storage(Some(&again), &opts).await.unwrap(),
        BackupStorage::S3(_)
    ));
    backups.test_storage(&opts).await.unwrap();
    c.settings().test_s3("backups", &opts).await.unwrap();
}
