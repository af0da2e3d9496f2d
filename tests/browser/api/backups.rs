//! List, create, upload, delete and restore through the JS facade.

use futures_util_free::join_all;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::js::*;
use crate::support::*;

/// Minimal `join_all` for promises: waits for every one, keeping each outcome.
mod futures_util_free {
    use wasm_bindgen::JsValue;
    use wasm_bindgen_futures::JsFuture;

    pub async fn join_all(futures: Vec<JsFuture>) -> Vec<Result<JsValue, JsValue>> {
        let mut out = Vec::new();
        for f in futures {
            out.push(f.await);
        }
        out
    }
}

#[wasm_bindgen_test]
async fn create_with_a_name_lists_it_and_refuses_a_duplicate() {
    let c = superuser_client().await;
    let name = format!("named_{}.zip", unique());
    let key = ok(c.backups().create(arg(name.as_str()), None)).await;
    assert_eq!(key.as_string().unwrap(), name);

    let list = js_sys::Array::from(&ok(c.backups().get_full_list(None)).await);
    let info = list.iter().find(|b| get_str(b, "key") == name).expect("listed");
    assert!(get_f64(&info, "size") > 0.0);
    let modified = get_str(&info, "modified");
    assert_eq!(modified.len(), "2026-11-28 05:59:21.176Z".len(), "{modified}");
    assert_eq!(&modified[10..11], " ");

    let e = err(c.backups().create(arg(name.as_str()), None)).await;
    assert_eq!(get_f64(&e, "status"), 400.0);
    assert_eq!(field_code(&e, "name"), "validation_backup_name_exists");

    ok(c.backups().delete(name.as_str().into(), None)).await;
    assert!(!keys(&c).await.contains(&name));
}

/// The server's verdict on a name, asked directly (no SDK): `None` when it accepts.
async fn server_verdict(token: &str, name: &str) -> Option<String> {
    let body = js_sys::JSON::stringify(&obj(&[("name", name.into())]))
        .unwrap()
        .as_string()
        .unwrap();
    let (status, v) = raw_json("POST", &format!("{PB_URL}/api/backups"), Some(token), Some(&body)).await;
    if status == 204 {
        let (status, _) = raw(
            "DELETE",
            &format!("{PB_URL}/api/backups/{name}"),
            Some(token),
            None,
        )
        .await;
        assert_eq!(status, 204);
        return None;
    }
    assert_eq!(status, 400, "{name}");
    Some(get_str(&get(&get(&v, "data"), "name"), "code"))
}

#[wasm_bindgen_test]
async fn names_are_checked_before_sending_with_the_servers_verdict() {
    let c = superuser_client().await;
    let token = c.auth_store().token();
    let u = unique();
    let names = [
        format!("ok_{u}.zip"),
        format!("ok-{u}_2.zip"),
        format!("{}{u}.zip", "a".repeat(150 - 4 - u.len())),
        format!("{}{u}.zip", "a".repeat(151 - 4 - u.len())),
        format!("Upper_{u}.zip"),
        format!("with space {u}.zip"),
        format!("no_extension_{u}"),
        format!("dots.{u}.zip"),
        format!("ünï_{u}.zip"),
        format!("{u}.ZIP"),
        format!(" {u}.zip"),
        format!("slash/{u}.zip"),
        ".zip".to_string(),
        "ü".repeat(151),
    ];
    for name in &names {
        let server = server_verdict(&token, name).await;
        match err_or_ok(c.backups().create(arg(name.as_str()), no_cancel())).await {
            Ok(key) => {
                assert_eq!(server, None, "{name}: client accepted what the server refuses");
                assert_eq!(key.as_string().unwrap(), *name);
                ok(c.backups().delete(name.as_str().into(), None)).await;
            }
            Err(e) => {
                assert_eq!(get_f64(&e, "status"), 400.0, "{name}");
                // Refused before any request: the URL it would have gone to, and why.
                assert_eq!(get_str(&e, "url"), format!("{PB_URL}/api/backups"), "{name}");
                assert!(get_str(&e, "message").starts_with("The backup name "), "{name}");
                assert_eq!(Some(field_code(&e, "name")), server, "{name}");
            }
        }
    }
}

async fn err_or_ok(p: js_sys::Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(p).await
}

#[wasm_bindgen_test]
async fn busy_is_not_a_failure_with_retry_if_busy() {
    let c = superuser_client().await;
    let options = || opts(&[("requestKey", JsValue::NULL), ("retryIfBusy", JsValue::TRUE)]);
    let pending: Vec<JsFuture> = (0..6)
        .map(|_| JsFuture::from(c.backups().create(None, options())))
        .collect();
    let mut created = Vec::new();
    for outcome in join_all(pending).await {
        created.push(outcome.expect("every create succeeds").as_string().unwrap());
    }
    let mut distinct = created.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 6, "{created:?}");
    let all = keys(&c).await;
    for k in &created {
        assert!(all.contains(k), "{k}");
        ok(c.backups().delete(k.as_str().into(), None)).await;
    }
}

#[wasm_bindgen_test]
async fn auto_named_creates_in_the_same_second_do_not_overwrite() {
    let c = superuser_client().await;
    let a = ok(c.backups().create(None, None)).await.as_string().unwrap();
    let b = ok(c.backups().create(arg(""), None)).await.as_string().unwrap();
    assert_ne!(a, b);
    let all = keys(&c).await;
    assert!(all.contains(&a) && all.contains(&b), "{all:?}");
    for k in [a, b] {
        ok(c.backups().delete(k.into(), None)).await;
    }
}

#[wasm_bindgen_test]
async fn concurrent_creates_get_busy_from_the_server() {
    let c = superuser_client().await;
    let names: Vec<String> = (0..6).map(|i| format!("busy_{i}_{}.zip", unique())).collect();
    let pending: Vec<JsFuture> = names
        .iter()
        .map(|n| JsFuture::from(c.backups().create(arg(n.as_str()), no_cancel())))
        .collect();
    let outcomes = join_all(pending).await;
    let created: Vec<&String> = names
        .iter()
        .zip(&outcomes)
        .filter(|(_, o)| o.is_ok())
        .map(|(n, _)| n)
        .collect();
    let refused: Vec<&JsValue> = outcomes.iter().filter_map(|o| o.as_ref().err()).collect();
    assert!(!created.is_empty(), "at least one create succeeds");
    assert!(!refused.is_empty(), "at least one create is refused");
    // The server refuses an overlapping create as busy, or, when two overlap inside its
    // own lock window, with its generic failure: both are 400 and nothing else is.
    for e in &refused {
        let message = get_str(e, "message");
        let expected = if message == MSG_CREATE_FAILED {
            MSG_CREATE_FAILED
        } else {
            MSG_BUSY
        };
        assert_error(e, 400, expected);
    }
    let all = keys(&c).await;
    for n in &created {
        assert!(all.contains(n));
        ok(c.backups().delete(n.as_str().into(), None)).await;
    }
}

#[wasm_bindgen_test]
async fn delete_of_a_missing_key_is_a_400() {
    let c = superuser_client().await;
    let missing = format!("missing_{}.zip", unique());
    if ON_S3 {
        // S3 deletes are idempotent: the server answers 204.
        assert_eq!(ok(c.backups().delete(missing.into(), None)).await, JsValue::TRUE);
        return;
    }
    let e = err(c.backups().delete(missing.into(), None)).await;
    assert_eq!(get_f64(&e, "status"), 400.0);
    assert!(get_str(&e, "message").starts_with("Invalid or already deleted backup file."));
}

#[wasm_bindgen_test]
async fn restore_of_a_missing_key_is_a_400() {
    let c = superuser_client().await;
    let e = err(c
        .backups()
        .restore(format!("missing_{}.zip", unique()).into(), None))
    .await;
    assert_error(&e, 400, "Missing or invalid backup file.");
}

/// The bytes of a fresh server backup, fetched through the download URL.
async fn backup_bytes(c: &crate::support::package::Client) -> Vec<u8> {
    let key = ok(c.backups().create(None, None)).await.as_string().unwrap();
    let token = ok(c.files().get_token(None)).await.as_string().unwrap();
    let url = c
        .backups()
        .get_download_url(token.into(), key.as_str().into(), None)
        .unwrap();
    let (status, bytes) = raw("GET", &url, None, None).await;
    assert_eq!(status, 200);
    ok(c.backups().delete(key.into(), None)).await;
    bytes
}

async fn download(c: &crate::support::package::Client, key: &str) -> (u16, Vec<u8>) {
    let token = ok(c.files().get_token(None)).await.as_string().unwrap();
    let url = c
        .backups()
        .get_download_url(token.into(), key.into(), None)
        .unwrap();
    raw("GET", &url, None, None).await
}

#[wasm_bindgen_test]
async fn upload_keeps_arbitrary_names_and_bytes() {
    let c = superuser_client().await;
    let zip = backup_bytes(&c).await;
    assert_eq!(&zip[..4], b"PK\x03\x04");
    let u = unique();
    let names = [
        format!("my file {u}.zip"),
        format!("ünï_{u}.zip"),
        format!("Upper.Case..{u}.zip"),
        format!("..{u}.zip"),
        format!("q?x#y%z&{u}.zip"),
    ];
    for name in &names {
        if ON_S3 && name.contains('%') {
            let e = err(c.backups().upload(file(&zip, name).into(), no_cancel())).await;
            assert_eq!(field_code(&e, "file"), "validation_backup_name_exists", "{name}");
            continue;
        }
        let key = ok(c.backups().upload(file(&zip, name).into(), no_cancel())).await;
        assert_eq!(key.as_string().unwrap(), *name);
        let listed = js_sys::Array::from(&ok(c.backups().get_full_list(None)).await);
        let info = listed
            .iter()
            .find(|b| get_str(b, "key") == *name)
            .expect("listed under its own name");
        assert_eq!(get_f64(&info, "size") as usize, zip.len());
        let (status, bytes) = download(&c, name).await;
        assert_eq!(status, 200, "{name}");
        assert_eq!(bytes, zip, "{name}");
        ok(c.backups().delete(name.as_str().into(), None)).await;
    }
    let all = keys(&c).await;
    assert!(names.iter().all(|n| !all.contains(n)));
}

#[wasm_bindgen_test]
async fn upload_takes_an_object_a_form_and_strips_directories() {
    let c = superuser_client().await;
    let zip = backup_bytes(&c).await;
    let u = unique();

    let as_object = obj(&[("file", file(&zip, &format!("obj_{u}.zip")).into())]);
    assert_eq!(
        ok(c.backups().upload(as_object, None)).await.as_string().unwrap(),
        format!("obj_{u}.zip")
    );

    let form = web_sys::FormData::new().unwrap();
    form.append_with_blob_and_filename("file", &blob(&zip), &format!("form_{u}.zip"))
        .unwrap();
    assert_eq!(
        ok(c.backups().upload(form.into(), None))
            .await
            .as_string()
            .unwrap(),
        format!("form_{u}.zip")
    );

    let key = ok(c
        .backups()
        .upload(file(&zip, &format!("../dir_{u}.zip")).into(), None))
    .await;
    assert_eq!(key.as_string().unwrap(), format!("dir_{u}.zip"));

    let all = keys(&c).await;
    for k in [
        format!("obj_{u}.zip"),
        format!("form_{u}.zip"),
        format!("dir_{u}.zip"),
    ] {
        assert!(all.contains(&k), "{k}");
        assert_stored_as_sent(&c, &k, &blob(&zip)).await;
        ok(c.backups().delete(k.into(), None)).await;
    }
}

#[wasm_bindgen_test]
async fn upload_refuses_a_duplicate_and_a_non_zip() {
    let c = superuser_client().await;
    let zip = backup_bytes(&c).await;
    let name = format!("dup_{}.zip", unique());
    ok(c.backups().upload(file(&zip, &name).into(), None)).await;
    let e = err(c.backups().upload(file(&zip, &name).into(), None)).await;
    assert_eq!(get_f64(&e, "status"), 400.0);
    assert_eq!(field_code(&e, "file"), "validation_backup_name_exists");
    ok(c.backups().delete(name.into(), None)).await;

    // The server's own check, with the client's turned off (the client's is tested
    // in js_inspect).
    let fake = format!("fake_{}.zip", unique());
    let unverified = || opts(&[("verify", JsValue::FALSE)]);
    let e = err(c
        .backups()
        .upload(file(b"this is not a zip file", &fake).into(), unverified()))
    .await;
    assert_eq!(get_f64(&e, "status"), 400.0);
    assert_eq!(field_code(&e, "file"), "validation_invalid_mime_type");
    assert!(!keys(&c).await.contains(&fake));

    let e = err(c.backups().upload(JsValue::from_str("backup.zip"), None)).await;
    assert_type_error(&e, "upload needs {file: File | Blob}, a File or Blob");
}
