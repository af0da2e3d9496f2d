//! `verify`: a real backup passes, by key and as a file; broken ones each get their
//! own code, entry and byte count; memory stays flat.

use crate::support::package::Client;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::js::*;
use crate::support::zip_writer::*;
use crate::support::*;

async fn verify(c: &Client, source: JsValue) -> JsValue {
    ok(c.backups().verify(source, None)).await
}

/// `[(entry, code)]` of a report.
fn problems(report: &JsValue) -> Vec<(String, String)> {
    js_sys::Array::from(&get(report, "problems"))
        .iter()
        .map(|p| (get_str(&p, "entry"), get_str(&p, "code")))
        .collect()
}

fn one(entry: &str, code: &str) -> Vec<(String, String)> {
    vec![(entry.to_string(), code.to_string())]
}

fn le32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

/// Where the first entry's (data.db's) deflated data starts.
fn first_data(bytes: &[u8]) -> usize {
    30 + usize::from(u16::from_le_bytes([bytes[26], bytes[27]]))
        + usize::from(u16::from_le_bytes([bytes[28], bytes[29]]))
}

#[wasm_bindgen_test]
async fn a_real_backup_passes_by_key_and_as_a_file() {
    let c = superuser_client().await;
    let (key, bytes) = real_backup(&c).await;
    // The server's zip: deflated entries whose sizes follow their data.
    assert_eq!(&bytes[..4], b"PK\x03\x04");
    assert_eq!(bytes[6] & 0x08, 0x08, "data descriptor flag");

    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let record = seen.clone();
    let on_progress = wasm_bindgen::closure::Closure::<dyn Fn(JsValue)>::new(move |p: JsValue| {
        record
            .borrow_mut()
            .push((get_f64(&p, "loaded"), get_f64(&p, "total")));
    });
    let options = opts(&[("onProgress", on_progress.as_ref().clone())]);
    let by_key = ok(c.backups().verify(key.as_str().into(), options)).await;
    assert_eq!(problems(&by_key), vec![]);
    assert_eq!(get(&by_key, "ok"), JsValue::TRUE);
    assert_eq!(get_f64(&by_key, "entries"), 3.0);
    assert_eq!(get_f64(&by_key, "storageFiles"), 0.0);
    assert_eq!(get_f64(&by_key, "bytes") as usize, bytes.len());
    assert!(get_f64(&by_key, "inflatedBytes") > bytes.len() as f64);
    let seen = seen.borrow().clone();
    assert_eq!(seen.first(), Some(&(0.0, bytes.len() as f64)));
    assert_eq!(seen.last(), Some(&(bytes.len() as f64, bytes.len() as f64)));

    let as_file = verify(&c, blob(&bytes).into()).await;
    assert_eq!(
        js_sys::JSON::stringify(&as_file).unwrap(),
        js_sys::JSON::stringify(&by_key).unwrap()
    );
    // Through a caller's `fetch` whose bodies are plain streams of chunks (no byte
    // stream, so no reading into one buffer): the same report.
    let chunked = js_sys::Function::new_with_args(
        "url, init",
        "return fetch(url, init).then((r) => { const reader = r.body.getReader(); \
         const body = new ReadableStream({ async pull(c) { const { done, value } = await reader.read(); \
         if (done) c.close(); else c.enqueue(value); } }); \
         return new Response(body, { status: r.status, headers: r.headers }); });",
    );
    let through = ok(c
        .backups()
        .verify(key.as_str().into(), opts(&[("fetch", chunked.into())])))
    .await;
    assert_eq!(
        js_sys::JSON::stringify(&through).unwrap(),
        js_sys::JSON::stringify(&by_key).unwrap()
    );
    ok(c.backups().delete(key.into(), None)).await;
}

#[wasm_bindgen_test]
async fn broken_backups_each_get_their_own_code() {
    let c = superuser_client().await;
    let (key, bytes) = real_backup(&c).await;
    ok(c.backups().delete(key.into(), None)).await;
    let at = first_data(&bytes);
    let inspection = ok(c.backups().inspect(blob(&bytes).into())).await;
    let data_db = js_sys::Array::from(&get(&inspection, "entries")).get(0);
    assert_eq!(get_str(&data_db, "name"), "data.db");
    let compressed = get_f64(&data_db, "compressedSize") as usize;

    let check = |bytes: Vec<u8>| async move {
        let r = verify(&superuser_client().await, blob(&bytes).into()).await;
        assert_eq!(get(&r, "ok"), JsValue::FALSE);
        assert_eq!(
            get_f64(&r, "bytes") as usize,
            bytes.len(),
            "every byte given is read or the rest skipped"
        );
        r
    };

    // A flipped byte in data.db's deflated data (its first block header: a reserved type).
    let mut flipped = bytes.clone();
    flipped[at] |= 0b110;
    let r = verify(&c, blob(&flipped).into()).await;
    assert_eq!(problems(&r), one("data.db", "entry_bad_deflate"));
    assert_eq!(get_f64(&r, "entries"), 1.0);

    // Cut inside types.d.ts, the third entry (its data, some 200 KB deflated, starts
    // after its name in its local header, the name's first place in the file).
    let types = bytes.windows(10).position(|w| w == b"types.d.ts").unwrap();
    let r = check(bytes[..types + 1000].to_vec()).await;
    assert_eq!(problems(&r), one("types.d.ts", "zip_truncated"));
    assert_eq!(get_f64(&r, "entries"), 3.0);
    // Cut inside the central directory.
    let r = check(bytes[..bytes.len() - 30].to_vec()).await;
    assert_eq!(problems(&r), one("", "zip_truncated"));

    // A wrong CRC in data.db's data descriptor (signature, then the CRC).
    let mut wrong = bytes.clone();
    assert_eq!(le32(&wrong, at + compressed), 0x0807_4b50);
    wrong[at + compressed + 4] ^= 0xFF;
    let r = check(wrong).await;
    assert_eq!(
        problems(&r),
        vec![
            ("data.db".to_string(), "entry_crc_mismatch".to_string()),
            (String::new(), "zip_directory_mismatch".to_string()),
        ]
    );

    // Encrypted (flag bit 0): its end cannot be found, reading stops there.
    let mut encrypted = bytes.clone();
    encrypted[6] |= 1;
    let r = verify(&c, blob(&encrypted).into()).await;
    assert_eq!(problems(&r), one("data.db", "entry_encrypted"));
    assert_eq!(get_f64(&r, "entries"), 1.0);

    // An unsupported compression method (12, bzip2).
    let mut bzip = bytes.clone();
    bzip[8] = 12;
    let r = verify(&c, blob(&bzip).into()).await;
    assert_eq!(problems(&r), one("data.db", "entry_unsupported_method"));

    // Not a zip at all (an error page saved as the backup).
    let r = check(b"<html>403 Forbidden</html>".to_vec()).await;
    assert_eq!(problems(&r), one("", "zip_not_zip"));
    assert_eq!(get_f64(&r, "entries"), 0.0);
    let r = verify(&c, blob(&[]).into()).await;
    assert_eq!(problems(&r), one("", "zip_empty"));
}

#[wasm_bindgen_test]
async fn crafted_archives_bombs_and_databases() {
    let c = superuser_client().await;
    let c = &c;
    let run = |files: Vec<ZipFile>| async move { verify(c, blob(&write_zip(&files).bytes).into()).await };

    let sound = run(backup(&[
        ("storage/pbc_1/abc/photo.png", &[9u8; 5000]),
        ("storage/pbc_1/abc/", b""),
    ]))
    .await;
    assert_eq!(problems(&sound), vec![]);
    assert_eq!(
        (get_f64(&sound, "entries"), get_f64(&sound, "storageFiles")),
        (5.0, 1.0)
    );
    assert_eq!(
        get_f64(&sound, "inflatedBytes"),
        (4096 * 15 + 25 * 200 + 5000) as f64
    );

    let mut files = backup(&[]);
    files.insert(1, ZipFile::deflated("storage/bomb.bin", &vec![0u8; 16 << 20]));
    let bomb = run(files).await;
    assert_eq!(problems(&bomb), one("storage/bomb.bin", "entry_zip_bomb"));
    // Stopped early, not after inflating all of it.
    assert!(get_f64(&bomb, "inflatedBytes") < f64::from(16u32 << 20));

    let mut files = backup(&[]);
    files[0] = ZipFile::deflated("data.db", b"just some text, not a database".repeat(20).as_slice());
    assert_eq!(problems(&run(files).await), one("data.db", "sqlite_not_database"));

    let mut files = backup(&[]);
    let mut db = sqlite_image(4096, 4);
    db[16..18].copy_from_slice(&1000u16.to_be_bytes());
    files[1] = ZipFile::deflated("auxiliary.db", &db);
    assert_eq!(
        problems(&run(files).await),
        one("auxiliary.db", "sqlite_bad_page_size")
    );

    let mut files = backup(&[]);
    let mut db = sqlite_image(4096, 4);
    db.truncate(4096 * 3);
    files[0] = ZipFile::deflated("data.db", &db);
    assert_eq!(
        problems(&run(files).await),
        one("data.db", "sqlite_size_mismatch")
    );

    let files = vec![ZipFile::deflated("notes.txt", b"no database here")];
    assert_eq!(
        problems(&run(files).await),
        one("data.db", "backup_missing_data_db")
    );

    let mut files = backup(&[]);
    files[2].zip64 = true;
    files[1] = ZipFile::stored("auxiliary.db", &sqlite_image(1024, 2));
    assert_eq!(problems(&run(files).await), vec![]);
}

#[wasm_bindgen_test]
async fn a_broken_backup_on_the_server_and_failures() {
    let c = superuser_client().await;
    let (key, bytes) = real_backup(&c).await;
    ok(c.backups().delete(key.into(), None)).await;
    let mut flipped = bytes.clone();
    flipped[first_data(&bytes)] |= 0b110;
    let name = format!("broken_{}.zip", unique());
    ok(c.backups()
        .upload(file(&flipped, &name).into(), opts(&[("verify", JsValue::FALSE)])))
    .await;
    let r = verify(&c, name.as_str().into()).await;
    assert_eq!(problems(&r), one("data.db", "entry_bad_deflate"));
    ok(c.backups().delete(name.into(), None)).await;

    let e = err(c
        .backups()
        .verify(format!("missing_{}.zip", unique()).into(), None))
    .await;
    assert_error(&e, 404, "The requested resource wasn't found.");
    let e = err(c.backups().verify(JsValue::from(42), None)).await;
    assert_type_error(&e, "verify needs a backup key");
    let lone = js_sys::JsString::from_char_code(&[0x6B, 0xD800]);
    let e = err(c.backups().verify(lone.into(), None)).await;
    assert_type_error(&e, "key must be valid Unicode: it holds a lone surrogate");

    // Aborted while reading a large local file: a stored 12 MiB entry, aborted from
    // onProgress once 1 MiB was read.
    let controller = web_sys::AbortController::new().unwrap();
    let mut local = b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec();
    local.extend_from_slice(&(12u32 << 20).to_le_bytes());
    local.extend_from_slice(&(12u32 << 20).to_le_bytes());
    local.extend_from_slice(&7u16.to_le_bytes());
    local.extend_from_slice(&0u16.to_le_bytes());
    local.extend_from_slice(b"big.bin");
    let big = blob(&vec![0u8; 4 << 20]);
    let big_zip =
        web_sys::Blob::new_with_blob_sequence(&js_sys::Array::of4(&blob(&local), &big, &big, &big)).unwrap();
    let seen = std::rc::Rc::new(std::cell::Cell::new(0.0));
    let (stop, last) = (controller.clone(), seen.clone());
    let on_progress = wasm_bindgen::closure::Closure::<dyn Fn(JsValue)>::new(move |p: JsValue| {
        last.set(get_f64(&p, "loaded"));
        if get_f64(&p, "loaded") >= 1_048_576.0 {
            stop.abort();
        }
    });
    let pending = c.backups().verify(
        big_zip.clone().into(),
        opts(&[
            ("signal", controller.signal().into()),
            ("onProgress", on_progress.as_ref().clone()),
        ]),
    );
    let e = err(pending).await;
    assert_eq!(get(&e, "isAbort"), JsValue::TRUE);
    assert!(
        seen.get() >= 1_048_576.0 && seen.get() < big_zip.size(),
        "{}",
        seen.get()
    );
}

/// A 64 MiB stored `data.db` assembled from Blob parts in JS: verifying it grows wasm
/// memory by less than 1 MiB.
#[wasm_bindgen_test]
async fn memory_stays_flat() {
    let c = superuser_client().await;
    const MIB: usize = 1 << 20;
    // Only 2 MiB are made in wasm memory (a copy of the whole file would need 64).
    let mut first = sqlite_image(4096, 512);
    first[28..32].copy_from_slice(&((64 * MIB / 4096) as u32).to_be_bytes());
    let (head, filler) = (first[..MIB].to_vec(), first[MIB..].to_vec());
    let (table, mut crc) = (
        bosbase_backups::core::crc32::Crc32Table::new(),
        bosbase_backups::core::crc32::Crc32::new(),
    );
    table.update(&mut crc, &head);
    for _ in 1..64 {
        table.update(&mut crc, &filler);
    }
    let size = (64 * MIB) as u32;
    let mut local = Vec::new();
    local.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
    local.extend_from_slice(&crc.value().to_le_bytes());
    local.extend_from_slice(&size.to_le_bytes());
    local.extend_from_slice(&size.to_le_bytes());
    local.extend_from_slice(&7u16.to_le_bytes());
    local.extend_from_slice(&0u16.to_le_bytes());
    local.extend_from_slice(b"data.db");
    let mut central = Vec::new();
    central.extend_from_slice(b"PK\x01\x02\x14\x03\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
    central.extend_from_slice(&crc.value().to_le_bytes());
    central.extend_from_slice(&size.to_le_bytes());
    central.extend_from_slice(&size.to_le_bytes());
    central.extend_from_slice(&7u16.to_le_bytes());
    // Extra and comment lengths, disk, internal attributes; the external ones (a file of
    // mode 0644, as the server writes); the local header at offset 0.
    central.extend_from_slice(&[0; 8]);
    central.extend_from_slice(&(0o100_644u32 << 16).to_le_bytes());
    central.extend_from_slice(&[0; 4]);
    central.extend_from_slice(b"data.db");
    let cd_offset = (local.len() + 64 * MIB) as u32;
    let mut end = b"PK\x05\x06\0\0\0\0\x01\x00\x01\x00".to_vec();
    end.extend_from_slice(&(central.len() as u32).to_le_bytes());
    end.extend_from_slice(&cd_offset.to_le_bytes());
    end.extend_from_slice(&0u16.to_le_bytes());
    let parts = js_sys::Array::new();
    parts.push(&blob(&local));
    parts.push(&blob(&head));
    let filler_blob = blob(&filler);
    for _ in 1..64 {
        parts.push(&filler_blob);
    }
    parts.push(&blob(&central));
    parts.push(&blob(&end));
    let zip = web_sys::Blob::new_with_blob_sequence(&parts).unwrap();
    drop((first, head, filler));

    // A first run allocates the verifier's fixed buffers.
    verify(&c, blob(&write_zip(&backup(&[])).bytes).into()).await;
    // The bytes pass through the core's module (the stream) and are read in the tools'.
    let (before, tools_before) = (wasm_memory_bytes(), tools_memory_bytes().await);
    let r = verify(&c, zip.clone().into()).await;
    let grown = wasm_memory_bytes() - before;
    let tools_grown = tools_memory_bytes().await - tools_before;
    assert_eq!(problems(&r), vec![]);
    assert_eq!(get_f64(&r, "bytes"), zip.size());
    assert_eq!(get_f64(&r, "inflatedBytes"), (64 * MIB) as f64);
    assert!(
        grown < 1_048_576.0,
        "the core's wasm memory grew by {grown} bytes"
    );
    assert!(tools_before > 0.0);
    assert!(
        tools_grown < 1_048_576.0,
        "the tools' wasm memory grew by {tools_grown} bytes"
    );
}

/// The typed Rust API: by key with progress, from a Blob, and a missing key.
#[wasm_bindgen_test]
async fn the_rust_api_verifies_by_key_and_from_a_blob() {
    use bosbase_backups::{ProgressFn, RequestOptions, VerifySource};
    use std::{cell::RefCell, rc::Rc};

    let c = rust_superuser(PB_URL).await;
    let opts = RequestOptions::new();
    let backups = c.backups();
    let key = backups.create(None, &opts).await.unwrap();
    let size = backups
        .get_full_list(&opts)
        .await
        .unwrap()
        .into_iter()
        .find(|b| b.key == key)
        .unwrap()
        .size;

    let seen = Rc::new(RefCell::new(Vec::new()));
    let record = seen.clone();
    let progress: ProgressFn = Rc::new(move |loaded, total| record.borrow_mut().push((loaded, total)));
    let report = backups
        .verify(VerifySource::Key(key.clone()), &opts, Some(progress))
        .await
        .unwrap();
    assert_eq!(report.problems, vec![]);
    assert!(report.ok());
    assert_eq!((report.entries, report.bytes, report.storage_files), (3, size, 0));
    assert_eq!(seen.borrow().last(), Some(&(size, size)));

    let blob = backups.download(&key, &opts, None).await.unwrap();
    let again = backups
        .verify(VerifySource::Blob(blob), &opts, None)
        .await
        .unwrap();
    assert_eq!(again, report);

    let e = backups
        .verify(
            VerifySource::Key(format!("missing_{}.zip", unique())),
            &opts,
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(e.status, 404);
    backups.delete(&key, &opts).await.unwrap();
}

/// The Rust API's readings again: tools whose first verify reports a sound backup
/// damaged (as WebKit's JavaScriptCore did, RELIABILITY.md "Verify"): the second
/// reading is the answer, progress never goes backwards; a damaged backup is read
/// `VERIFY_READINGS` (3) times.
#[wasm_bindgen_test]
async fn the_rust_api_confirms_a_report_of_damage_by_reading_again() {
    use bosbase_backups::core::verify::Code;
    use bosbase_backups::tools::{InProcess, StreamError, ToolFuture, Tools, VerifyInput};
    use bosbase_backups::{Problem, ProgressFn, RequestOptions, VerifyReport, VerifySource};
    use std::{cell::Cell, cell::RefCell, future::Future, pin::Pin, rc::Rc};

    /// In-process tools that count their verifies and spoil the report of the first.
    struct SpoilFirst(Rc<Cell<u32>>);
    impl Tools for SpoilFirst {
        fn verify(
            &self,
            input: VerifyInput,
        ) -> Pin<Box<dyn Future<Output = Result<VerifyReport, StreamError>>>> {
            let n = self.0.get() + 1;
            self.0.set(n);
            let run = InProcess.verify(input);
            Box::pin(async move {
                let mut report = run.await?;
                if n == 1 {
                    report.problems.push(Problem {
                        entry: "data.db".into(),
                        code: Code::CrcMismatch,
                        message: "Its data does not match its checksum.".into(),
                    });
                }
                Ok(report)
            })
        }
        fn schedule(
            &self,
            cron: &str,
            max_keep: Option<i64>,
            now_ms: f64,
            count: usize,
        ) -> ToolFuture<bosbase_backups::core::settings::ScheduleCheck> {
            InProcess.schedule(cron, max_keep, now_ms, count)
        }
    }

    let c = rust_superuser(PB_URL).await;
    let opts = RequestOptions::new();
    let backups = c.backups();
    let key = backups.create(None, &opts).await.unwrap();
    let verifies = Rc::new(Cell::new(0));
    c.set_tools(Rc::new(SpoilFirst(verifies.clone())));

    let seen = Rc::new(RefCell::new(Vec::new()));
    let record = seen.clone();
    let progress: ProgressFn = Rc::new(move |loaded, _| record.borrow_mut().push(loaded));
    let report = backups
        .verify(VerifySource::Key(key.clone()), &opts, Some(progress))
        .await
        .unwrap();
    assert_eq!(report.problems, vec![]);
    assert_eq!(verifies.get(), 2, "read a second time");
    let seen = seen.borrow().clone();
    assert_eq!(seen.first(), Some(&0));
    assert_eq!(seen.last(), Some(&report.bytes));
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "progress only moves forward: {seen:?}"
    );

    // A damaged backup: data.db's first deflate block header turned to the reserved type.
    let mut bytes = write_zip(&backup(&[])).bytes;
    let at = first_data(&bytes);
    bytes[at] |= 0b110;
    let damaged = backups
        .verify(VerifySource::Blob(blob(&bytes)), &opts, None)
        .await
        .unwrap();
    assert_eq!(bosbase_backups::VERIFY_READINGS, 3);
    assert_eq!(verifies.get(), 5, "a damaged backup is read three times");
    assert_eq!(
        damaged
            .problems
            .iter()
            .map(|p| (p.entry.as_str(), p.code.as_str()))
            .collect::<Vec<_>>(),
        vec![("data.db", "entry_bad_deflate")]
    );
    backups.delete(&key, &opts).await.unwrap();
}

/// A real backup holding an uploaded file: the file and the `.attrs` file the server
/// keeps beside it are verified; one storage file is counted.
#[wasm_bindgen_test]
async fn a_real_backup_with_an_uploaded_file() {
    let c = superuser_client().await;
    let token = superuser_token(PB_URL).await;
    let name = format!("verify_docs_{}", unique());
    create_file_collection(&token, &name, "file", 1_000_000).await;
    let form = web_sys::FormData::new().unwrap();
    form.append_with_blob_and_filename("file", &blob(b"hello storage\n"), "hello.txt")
        .unwrap();
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&form);
    let headers = web_sys::Headers::new().unwrap();
    headers.set("Authorization", &token).unwrap();
    init.set_headers(&headers);
    let url = format!("{PB_URL}/api/collections/{name}/records");
    let resp: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(web_sys::window().unwrap().fetch_with_str_and_init(&url, &init))
            .await
            .unwrap()
            .unchecked_into();
    assert_eq!(resp.status(), 200);

    let key = ok(c.backups().create(None, None)).await.as_string().unwrap();
    let report = verify(&c, key.as_str().into()).await;
    assert_eq!(problems(&report), vec![]);
    // data.db, auxiliary.db, the file, its .attrs, types.d.ts.
    assert_eq!(get_f64(&report, "entries"), 5.0);
    assert_eq!(get_f64(&report, "storageFiles"), 1.0);

    ok(c.backups().delete(key.into(), None)).await;
    let (status, _) = raw(
        "DELETE",
        &format!("{PB_URL}/api/collections/{name}"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, 204);
}
