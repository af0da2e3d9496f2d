//! The scheduled backup run now: it resolves with the new automatic key, the server
//! prunes the oldest automatic backups beyond `maxKeep` and never a manual one, and
//! automatic keys (`@auto_pb_backup_…`) work in every call.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::js::*;
use crate::support::*;

const AUTO: &str = "@auto_pb_backup_";

async fn automatic(c: &crate::support::package::Client) -> Vec<String> {
    let mut keys: Vec<String> = keys(c)
        .await
        .into_iter()
        .filter(|k| k.starts_with(AUTO))
        .collect();
    keys.sort();
    keys
}

#[wasm_bindgen_test]
async fn run_scheduled_now_keeps_max_keep_automatic_backups_and_every_manual_one() {
    let c = superuser_client().await;
    until_idle(&c).await;
    ok(c.backups().set_schedule(obj(&[("cron", "".into())]), None)).await;
    let e = err(c.backups().run_scheduled_now(None)).await;
    assert_error(&e, 404, "Missing or invalid cron job.");

    // Automatic backups of earlier runs go first (delete takes their keys too).
    for key in automatic(&c).await {
        ok(c.backups().delete(key.as_str().into(), None)).await;
    }
    let manual = format!("manual_{}.zip", unique());
    ok(c.backups().create(arg(manual.as_str()), None)).await;
    // Yearly: it does not fire by itself during the test.
    ok(c.backups()
        .set_schedule(obj(&[("cron", "0 0 1 1 *".into()), ("maxKeep", 2.into())]), None))
    .await;

    let mut made = Vec::new();
    for i in 0..3 {
        if i > 0 {
            // The server names automatic backups by the second.
            sleep(1_100).await;
        }
        let key = ok(c.backups().run_scheduled_now(None)).await.as_string().unwrap();
        assert!(key.starts_with(AUTO) && key.ends_with(".zip"), "{key}");
        assert!(
            keys(&c).await.contains(&key),
            "{key} is listed when the call resolves"
        );
        made.push(key);
        until_idle(&c).await;
    }
    assert!(made[0] < made[1] && made[1] < made[2], "{made:?}");
    // The server prunes after each run: the two newest stay.
    let started = js_sys::Date::now();
    while automatic(&c).await != made[1..] && js_sys::Date::now() - started < 10_000.0 {
        sleep(100).await;
    }
    assert_eq!(automatic(&c).await, made[1..]);
    assert!(
        keys(&c).await.contains(&manual),
        "a manual backup is never pruned"
    );

    // Automatic keys in every call.
    let newest = made[2].as_str();
    let blob: web_sys::Blob = ok(c.backups().download(newest.into(), None))
        .await
        .unchecked_into();
    let listed = js_sys::Array::from(&ok(c.backups().get_full_list(None)).await)
        .iter()
        .find(|b| get_str(b, "key") == newest)
        .unwrap();
    assert_eq!(blob.size(), get_f64(&listed, "size"));
    let inspected = ok(c.backups().inspect(blob.into())).await;
    assert_eq!(get(&inspected, "isBackup"), JsValue::TRUE);
    let token = ok(c.files().get_token(None)).await.as_string().unwrap();
    let url = c
        .backups()
        .get_download_url(token.into(), newest.into(), None)
        .unwrap();
    assert!(url.contains("/api/backups/%40auto_pb_backup_"), "{url}");
    assert_eq!(raw("GET", &url, None, None).await.0, 200);
    let report = ok(c.backups().restore(
        newest.into(),
        opts(&[("wait", JsValue::TRUE), ("timeoutMs", 60_000.into())]),
    ))
    .await;
    assert_eq!(get(&report, "waited"), JsValue::TRUE);
    let pruned = ok(c
        .backups()
        .prune(opts(&[("match", AUTO.into()), ("keep", 1.into())])))
    .await;
    assert_eq!(
        js_sys::Array::from(&pruned)
            .iter()
            .map(|k| k.as_string().unwrap())
            .collect::<Vec<_>>(),
        [made[1].clone()]
    );
    assert_eq!(ok(c.backups().delete(newest.into(), None)).await, JsValue::TRUE);
    assert_eq!(automatic(&c).await, Vec::<String>::new());

    ok(c.backups().set_schedule(obj(&[("cron", "".into())]), None)).await;
    ok(c.backups().delete(manual.as_str().into(), None)).await;
}
