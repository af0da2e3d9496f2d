//! Backup storage: where backups go, the secret that never comes back, a wrong bucket,
//! refused credentials, and the S3 server stopped in the middle of an upload.

use js_sys::JSON;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::js::*;
use crate::support::*;

/// The S3 settings scripts/test.sh stored, with another bucket and secret.
fn s3_input(bucket: &str, secret: &str) -> JsValue {
    obj(&[(
        "s3",
        obj(&[
            ("bucket", bucket.into()),
            ("region", "us-east-1".into()),
            ("endpoint", S3_URL.into()),
            ("accessKey", "test".into()),
            ("secret", secret.into()),
            ("forcePathStyle", JsValue::TRUE),
        ]),
    )])
}

/// Every text a value shows: its JSON, `String(v)`, and an error's message and stack.
fn shown(v: &JsValue) -> String {
    let mut all = JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    all.push_str(&String::from(js_sys::Object::from(v.clone()).to_string()));
    for field in ["message", "stack", "response"] {
        let f = get(v, field);
        all.push_str(
            &JSON::stringify(&f)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default(),
        );
    }
    all
}

#[wasm_bindgen_test]
async fn a_wrong_bucket_fails_the_test_readably_and_the_secret_never_comes_back() {
    let c = superuser_client().await;
    until_idle(&c).await;
    let secret = format!("secret-{}", unique());
    let bucket = format!("no-such-bucket-{}", unique());
    let stored = ok(c.backups().set_storage(s3_input(&bucket, &secret), None)).await;
    let read = ok(c.backups().get_storage(None)).await;
    let all = ok(c.settings().get_all(None)).await;
    let e = err(c.backups().test_storage(None)).await;
    let official = err(c.settings().test_s3(arg("backups"), None)).await;
    let listed = err(c.backups().get_full_list(None)).await;
    // Back to the right bucket (with the stored secret) before any assertion, so that a
    // failure here leaves the server usable.
    ok(c.backups().set_storage(s3_input("backups", S3_SECRET), None)).await;

    assert_eq!(get(&stored, "local"), JsValue::FALSE);
    assert_eq!(get_str(&get(&stored, "s3"), "bucket"), bucket);
    let s3 = get(&read, "s3");
    assert_eq!(
        (
            get_str(&s3, "bucket"),
            get_str(&s3, "region"),
            get_str(&s3, "endpoint"),
            get_str(&s3, "accessKey")
        ),
        (bucket.clone(), "us-east-1".into(), S3_URL.into(), "test".into())
    );
    assert_eq!(get(&s3, "forcePathStyle"), JsValue::TRUE);
    assert!(
        !shown(&read).contains("secret"),
        "no secret field: {}",
        shown(&read)
    );
    assert!(!shown(&all).contains(&secret));

    assert_error(
        &e,
        400,
        &format!("The S3 bucket \"{bucket}\" does not exist (NoSuchBucket)."),
    );
    // The server's own words, and the kind, under `response.data.s3`.
    let detail = get(&get(&get(&e, "response"), "data"), "s3");
    assert_eq!(get_str(&detail, "code"), "s3_no_such_bucket");
    let server = get_str(&detail, "message");
    assert!(
        server.starts_with("Failed to test the S3 filesystem. Raw error:") && server.contains("NoSuchBucket"),
        "{server}"
    );
    // The official call keeps the server's message (each has its own request id).
    let official = get_str(&official, "message");
    assert!(
        official.starts_with("Failed to test the S3 filesystem. Raw error:")
            && official.contains(&format!("<BucketName>{bucket}</BucketName>")),
        "{official}"
    );
    // Every call on a missing bucket is the server's 400.
    assert_eq!(get_f64(&listed, "status"), 400.0);
    assert!(get_str(&listed, "message").starts_with("Failed to retrieve backup items. Raw error:"));
    for shown_text in [shown(&e), official, shown(&listed)] {
        assert!(!shown_text.contains(&secret));
    }

    // Back to local storage, then to S3 again with the stored secret.
    let local = ok(c.backups().set_storage(obj(&[("local", JsValue::TRUE)]), None)).await;
    let e = err(c.backups().test_storage(None)).await;
    ok(c.backups().set_storage(s3_input("backups", S3_SECRET), None)).await;
    assert_eq!(
        JSON::stringify(&local).unwrap().as_string().unwrap(),
        r#"{"local":true}"#
    );
    assert_error(&e, 400, "S3 storage is not enabled for backups.");
    assert_eq!(
        get_str(&get(&get(&get(&e, "response"), "data"), "s3"), "code"),
        "s3_not_enabled"
    );
    assert_eq!(ok(c.backups().test_storage(None)).await, JsValue::TRUE);
    ok(c.backups().get_full_list(None)).await;
}

async fn control(action: &str) {
    let (status, body) = raw("POST", &format!("{S3_CONTROL_URL}/{action}"), None, None).await;
    let expected = if action == "stop" { "stopped" } else { "running" };
    assert_eq!(
        (status, String::from_utf8(body).unwrap().as_str()),
        (200, expected)
    );
}

#[wasm_bindgen_test]
async fn the_s3_server_stopped_mid_upload_is_a_clear_error_and_nothing_is_listed() {
    let c = superuser_client().await;
    until_idle(&c).await;
    let name = format!("mid_upload_{}.zip", unique());
    let file = zip_file(&name, &[("data.db", 96 << 20)]);
    // At the first progress report (the upload has started), stop the S3 server.
    let stop_url = format!("{S3_CONTROL_URL}/stop");
    let fired = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = fired.clone();
    let on_progress = Closure::<dyn FnMut(JsValue)>::new(move |_p: JsValue| {
        if !flag.replace(true) {
            let init = web_sys::RequestInit::new();
            init.set_method("POST");
            let _ = web_sys::window()
                .unwrap()
                .fetch_with_str_and_init(&stop_url, &init);
        }
    });
    let e = err(c.backups().upload(
        file.into(),
        opts(&[
            ("onProgress", on_progress.as_ref().clone()),
            ("verify", JsValue::FALSE),
        ]),
    ))
    .await;
    let (_, state) = raw("GET", S3_CONTROL_URL, None, None).await;
    let e_stopped = err(c.backups().test_storage(None)).await;
    // Started again before any assertion, so that a failure here leaves S3 running.
    control("start").await;
    assert!(fired.get(), "the upload reported progress");
    assert_eq!(String::from_utf8(state).unwrap(), "stopped");
    let refused = s3_refused();
    assert_error(
        &e,
        400,
        &format!("The server could not store the backup: {refused}"),
    );
    // The server's own words (the list that showed why), and the kind.
    let detail = get(&get(&get(&e, "response"), "data"), "s3");
    assert_eq!(get_str(&detail, "code"), "s3_connection_refused");
    let server = get_str(&detail, "message");
    assert!(server.contains("connect: connection refused"), "{server}");
    assert_error(&e_stopped, 400, &refused);
    let detail = get(&get(&get(&e_stopped, "response"), "data"), "s3");
    assert_eq!(get_str(&detail, "code"), "s3_connection_refused");

    assert!(!keys(&c).await.contains(&name), "no partial backup is listed");
    assert_eq!(ok(c.backups().test_storage(None)).await, JsValue::TRUE);
    // The server writes to S3 again (its first write after the restart may meet a
    // connection of the stopped server: a few tries).
    let mut stored = None;
    for _ in 0..5 {
        if let Ok(k) = wasm_bindgen_futures::JsFuture::from(c.backups().create(None, None)).await {
            stored = k.as_string();
            break;
        }
        sleep(200).await;
    }
    let stored = stored.expect("a backup is stored once S3 is back");
    ok(c.backups().delete(stored.into(), None)).await;
    drop(on_progress);
}

#[wasm_bindgen_test]
async fn a_create_while_the_s3_server_is_stopped_is_a_clear_error_and_nothing_is_listed() {
    let c = superuser_client().await;
    until_idle(&c).await;
    let name = format!("s3_down_{}.zip", unique());
    control("stop").await;
    // The server answers "the name exists"; the list it is then asked for says why.
    let e = err(c.backups().create(arg(name.as_str()), None)).await;
    let (_, state) = raw("GET", S3_CONTROL_URL, None, None).await;
    // Started again before any assertion, so that a failure here leaves S3 running.
    control("start").await;
    assert_eq!(String::from_utf8(state).unwrap(), "stopped");
    let refused = s3_refused();
    assert_error(
        &e,
        400,
        &format!("The server could not store the backup: {refused}"),
    );
    assert_eq!(get_str(&e, "url"), format!("{PB_S3_URL}/api/backups"));
    let detail = get(&get(&get(&e, "response"), "data"), "s3");
    assert_eq!(get_str(&detail, "code"), "s3_connection_refused");
    let server = get_str(&detail, "message");
    assert!(server.contains("connect: connection refused"), "{server}");

    assert!(!keys(&c).await.contains(&name), "no backup is listed");
    // The server writes to S3 again (its first write after the restart may meet a
    // connection of the stopped server: a few tries), under the same name.
    let mut stored = None;
    for _ in 0..5 {
        if let Ok(k) =
            wasm_bindgen_futures::JsFuture::from(c.backups().create(arg(name.as_str()), None)).await
        {
            stored = k.as_string();
            break;
        }
        sleep(200).await;
    }
    assert_eq!(stored.as_deref(), Some(name.as_str()), "stored once S3 is back");
    ok(c.backups().delete(name.as_str().into(), None)).await;
}

#[wasm_bindgen_test]
async fn refused_credentials_fail_the_test_readably() {
    let c = superuser_client().await;
    until_idle(&c).await;
    // The S3 server now checks keys as S3 does; it knows none, so it refuses ours.
    let (status, _) = raw("POST", &format!("{S3_CONTROL_URL}/check-keys"), None, None).await;
    let e = err(c.backups().test_storage(None)).await;
    let (back, _) = raw("POST", &format!("{S3_CONTROL_URL}/any-keys"), None, None).await;
    assert_eq!((status, back), (200, 200));
    assert_error(
        &e,
        400,
        "The S3 access key or secret was refused (InvalidAccessKeyId).",
    );
    let detail = get(&get(&get(&e, "response"), "data"), "s3");
    assert_eq!(get_str(&detail, "code"), "s3_bad_credentials");
    assert!(get_str(&detail, "message").contains("403 InvalidAccessKeyId"));
    assert!(!shown(&e).contains(S3_SECRET));
    assert_eq!(ok(c.backups().test_storage(None)).await, JsValue::TRUE);
}

/// The sentence a refused connection to the stopped S3 server is put in.
fn s3_refused() -> String {
    let port = S3_URL.trim_start_matches("http://");
    format!(
        "The S3 endpoint refused the connection ({port}): is the S3 server running and the endpoint right?"
    )
}
