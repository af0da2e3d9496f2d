//! `inspect` and verified uploads: verdicts from the central directory alone.

use bosbase_backups::js::Client;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::js_helpers::*;
use crate::support::*;

async fn inspect(c: &Client, file: &web_sys::Blob) -> JsValue {
    ok(c.backups().inspect(file.clone().into())).await
}

fn entry_names(report: &JsValue) -> Vec<String> {
    js_sys::Array::from(&get(report, "entries"))
        .iter()
        .map(|e| get_str(&e, "name"))
        .collect()
}

fn error_code(report: &JsValue) -> String {
    get_str(&get(report, "error"), "code")
}

/// The bytes of a real backup made by the server.
async fn real_backup(c: &Client) -> Vec<u8> {
    let key = ok(c.backups().create(None, None)).await.as_string().unwrap();
    let blob: web_sys::Blob = ok(c.backups().download(key.as_str().into(), None))
        .await
        .unchecked_into();
    let buf = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .unwrap();
    ok(c.backups().delete(key.into(), None)).await;
    js_sys::Uint8Array::new(&buf).to_vec()
}

#[wasm_bindgen_test]
async fn a_real_backup_passes_and_broken_files_get_clear_verdicts() {
    let c = superuser_client().await;
    let bytes = real_backup(&c).await;

    let report = inspect(&c, &blob(&bytes)).await;
    assert_eq!(get(&report, "valid"), JsValue::TRUE);
    assert_eq!(get(&report, "isBackup"), JsValue::TRUE);
    assert_eq!(get(&report, "error"), JsValue::NULL);
    assert_eq!(get_f64(&report, "size") as usize, bytes.len());
    let names = entry_names(&report);
    assert!(
        names.contains(&"data.db".to_string()) && names.contains(&"auxiliary.db".to_string()),
        "{names:?}"
    );

    for cut in [bytes.len() - 1, bytes.len() - 30, bytes.len() / 2] {
        let report = inspect(&c, &blob(&bytes[..cut])).await;
        assert_eq!(get(&report, "valid"), JsValue::FALSE, "cut at {cut}");
        assert_eq!(get(&report, "isBackup"), JsValue::FALSE);
        assert!(
            ["zip_truncated", "zip_corrupt", "zip_not_zip"].contains(&error_code(&report).as_str()),
            "{cut}"
        );
    }
    let junk: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert_eq!(error_code(&inspect(&c, &blob(&junk)).await), "zip_not_zip");
    assert_eq!(
        error_code(&inspect(&c, &blob(b"just some text, not a zip")).await),
        "zip_not_zip"
    );
    let empty = inspect(&c, &blob(b"")).await;
    assert_eq!(error_code(&empty), "zip_empty");
    assert!(!get_str(&get(&empty, "error"), "message").is_empty());

    let zip64 = inspect(&c, &zip64_blob(&[("data.db", 3000), ("auxiliary.db", 10)])).await;
    assert_eq!(get(&zip64, "zip64"), JsValue::TRUE);
    assert_eq!(get(&zip64, "isBackup"), JsValue::TRUE);
    assert_eq!(get_f64(&zip64, "totalUncompressed"), 3010.0);

    let no_db = inspect(&c, &zip_blob(&[("auxiliary.db", 10), ("sub/data.db", 5)])).await;
    assert_eq!(get(&no_db, "valid"), JsValue::TRUE);
    assert_eq!(get(&no_db, "isBackup"), JsValue::FALSE);

    let e = err(c.backups().inspect(JsValue::from_str("file.zip"))).await;
    assert_type_error(&e, "inspect needs a File or Blob.");
}

#[wasm_bindgen_test]
async fn inspecting_a_256_mib_file_reads_only_the_directory() {
    let c = superuser_client().await;
    let big = zip_blob(&[("data.db", 1 << 28), ("auxiliary.db", 1 << 20)]);
    let before = wasm_memory_bytes();
    let started = js_sys::Date::now();
    let report = inspect(&c, &big).await;
    let took = js_sys::Date::now() - started;
    assert_eq!(get(&report, "isBackup"), JsValue::TRUE);
    assert_eq!(
        get_f64(&report, "totalUncompressed"),
        f64::from((1u32 << 28) + (1 << 20))
    );
    assert!(
        wasm_memory_bytes() - before < f64::from(1u32 << 20),
        "wasm memory grew by less than 1 MiB"
    );
    assert!(took < 2_000.0, "no full read of 256 MiB: {took} ms");
}

#[wasm_bindgen_test]
async fn upload_verifies_before_sending_a_byte() {
    let c = superuser_client().await;
    let u = unique();

    let text = format!("text_{u}.zip");
    let e = err(c
        .backups()
        .upload(file(b"this is not a zip file", &text).into(), None))
    .await;
    assert_eq!(get_f64(&e, "status"), 400.0);
    assert_eq!(get_str(&e, "url"), "", "refused before any request");
    assert_eq!(field_code(&e, "file"), "zip_not_zip");

    let no_db = format!("no_db_{u}.zip");
    let e = err(c
        .backups()
        .upload(zip_file(&no_db, &[("auxiliary.db", 10)]).into(), None))
    .await;
    assert_eq!(get_str(&e, "url"), "");
    assert_eq!(field_code(&e, "file"), "backup_missing_data_db");
    let all = keys(&c).await;
    assert!(!all.contains(&text) && !all.contains(&no_db));

    // verify: false leaves the verdict to the server.
    let e = err(c.backups().upload(
        file(b"this is not a zip file", &text).into(),
        opts(&[("verify", JsValue::FALSE)]),
    ))
    .await;
    assert_eq!(field_code(&e, "file"), "validation_invalid_mime_type");
    assert!(get_str(&e, "url").ends_with("/api/backups/upload"));
    let key = ok(c.backups().upload(
        zip_file(&no_db, &[("auxiliary.db", 10)]).into(),
        opts(&[("verify", JsValue::FALSE)]),
    ))
    .await;
    assert_eq!(key.as_string().unwrap(), no_db);
    ok(c.backups().delete(no_db.into(), None)).await;
}
