//! `inspect` and verified uploads: verdicts from the central directory alone.

use crate::support::package::Client;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::js::*;
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

#[wasm_bindgen_test]
async fn a_real_backup_passes_and_broken_files_get_clear_verdicts() {
    let c = superuser_client().await;
    let (key, bytes) = real_backup(&c).await;
    ok(c.backups().delete(key.into(), None)).await;

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
    // Refused before any request: the URL it would have gone to, and why.
    assert_eq!(get_str(&e, "url"), format!("{PB_URL}/api/backups/upload"));
    assert_eq!(
        get_str(&e, "message"),
        "This file is not a zip archive: it has no end-of-central-directory record at its end."
    );
    assert_eq!(field_code(&e, "file"), "zip_not_zip");

    let no_db = format!("no_db_{u}.zip");
    let e = err(c
        .backups()
        .upload(zip_file(&no_db, &[("auxiliary.db", 10)]).into(), None))
    .await;
    assert_eq!(get_str(&e, "url"), format!("{PB_URL}/api/backups/upload"));
    assert_eq!(
        get_str(&e, "message"),
        "The zip has no data.db, so it is not a backup of this server: restoring it would do nothing."
    );
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

/// A Blob of `size` bytes: a central directory of one real entry (`data.db`) at 0, then
/// zeros, then an end record claiming `entries` entries in a directory of `cd_size`
/// bytes at 0.
fn forged_directory(size: u32, entries: u16, cd_size: u32) -> web_sys::Blob {
    let mut head = Vec::new();
    head.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
    head.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    head.extend_from_slice(&[0; 12]); // crc, sizes
    head.extend_from_slice(&7u16.to_le_bytes());
    head.extend_from_slice(&[0; 16]); // extra, comment, disk, attrs, offset
    head.extend_from_slice(b"data.db");
    let mut end = Vec::new();
    end.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    end.extend_from_slice(&[0; 4]);
    end.extend_from_slice(&entries.to_le_bytes());
    end.extend_from_slice(&entries.to_le_bytes());
    end.extend_from_slice(&cd_size.to_le_bytes());
    end.extend_from_slice(&0u32.to_le_bytes());
    end.extend_from_slice(&0u16.to_le_bytes());
    let zeros = js_sys::Uint8Array::new_with_length(1 << 20);
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(head.as_slice()));
    let mut left = size - head.len() as u32 - end.len() as u32;
    while left > 0 {
        let n = left.min(1 << 20);
        parts.push(&zeros.subarray(0, n));
        left -= n;
    }
    parts.push(&js_sys::Uint8Array::from(end.as_slice()));
    web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap()
}

#[wasm_bindgen_test]
async fn a_forged_huge_central_directory_is_refused_without_reading_it_into_memory() {
    let c = client_of(PB_URL).await;
    const MIB: u32 = 1 << 20;
    let cases = [
        // As large as the limit: refused at its first bad entry, after one piece.
        (256 * MIB + 22, u16::MAX, 256 * MIB, "zip_corrupt"),
        // Larger than the limit.
        (257 * MIB + 22, u16::MAX, 256 * MIB + 1, "zip_directory_too_large"),
        // Larger than 3 entries can ever be.
        (64 * MIB + 22, 3, 64 * MIB, "zip_corrupt"),
    ];
    for (size, entries, cd_size, code) in cases {
        let forged = forged_directory(size, entries, cd_size);
        assert_eq!(forged.size(), f64::from(size));
        let before = wasm_memory_bytes();
        let report = inspect(&c, &forged).await;
        let grew = wasm_memory_bytes() - before;
        assert_eq!(error_code(&report), code, "{cd_size}");
        assert_eq!(get(&report, "isBackup"), JsValue::FALSE);
        assert!(
            grew < f64::from(MIB),
            "wasm memory grew by {grew} bytes for {cd_size}"
        );
    }
}
