//! The backup explorer through the typed Rust API: a collection with records and a file
//! backed up, then changed; the backup's collections and records read, compared with the
//! live server, and the deleted records recovered with their file.

use std::cell::RefCell;
use std::rc::Rc;

use bosbase_backups::client::Body;
use bosbase_backups::core::json::Json;
use bosbase_backups::services::{
    CollectionKind, CompareStatus, ExploreOptions, ExploreSource, ExploredField, ProgressFn, RecordCounts,
    RecordIds, RecordsQuery, RecoverOptions, RecoverProgressFn,
};
use bosbase_backups::{Client, RequestOptions};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const FILE_TEXT: &[u8] = b"hello from the explorer's fixture";

/// A record id (15 characters of `[a-z0-9]`) made of `tag` and `suffix`.
fn record_id(tag: &str, suffix: &str) -> String {
    let mut id = [tag, suffix, "000000000000000"].concat();
    id.truncate(15);
    id
}

async fn send(c: &Client, method: &str, path: &str, body: Body) -> Json {
    let opts = RequestOptions::new();
    let response = c
        .request(method, path, &opts)
        .body(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{method} {path}: {e:?}"));
    Json::parse(&response.body()).unwrap_or_default()
}

async fn create_record(c: &Client, collection: &str, json: String, file: Option<(&[u8], &str)>) -> Json {
    let path = format!("/api/collections/{collection}/records");
    let body = match file {
        None => Body::Json(json),
        Some((bytes, name)) => {
            let form = web_sys::FormData::new().unwrap();
            form.append_with_str("@jsonPayload", &json).unwrap();
            form.append_with_blob_and_filename("doc", &blob(bytes), name)
                .unwrap();
            Body::Form(form)
        }
    };
    send(c, "POST", &path, body).await
}

/// JSON as `serde_json` reads it: compared whatever the order of members.
fn value(j: &Json) -> serde_json::Value {
    serde_json::from_str(&j.to_text()).unwrap()
}

#[wasm_bindgen_test]
async fn a_backup_explored_compared_and_its_deleted_records_recovered() {
    let c = rust_superuser(PB_URL).await;
    let opts = RequestOptions::new();
    let suffix = unique();
    let name = format!("ex_{suffix}");
    let schema = format!(
        r#"{{"name":"{name}","type":"base","fields":[{{"name":"title","type":"text"}},{{"name":"n","type":"number"}},{{"name":"doc","type":"file","maxSelect":1,"maxSize":1000000}}]}}"#
    );
    send(&c, "POST", "/api/collections", Body::Json(schema)).await;
    let ids: Vec<String> = ["a", "b", "c", "d"]
        .iter()
        .map(|t| record_id(t, &suffix))
        .collect();
    let record = |i: usize, title: &str| format!(r#"{{"id":"{}","title":"{title}","n":{}}}"#, ids[i], i + 1);
    let first = create_record(&c, &name, record(0, "one"), Some((FILE_TEXT, "note.txt"))).await;
    let stored_file = first["doc"].as_str().unwrap().to_string();
    assert!(
        stored_file.starts_with("note_") && stored_file.ends_with(".txt"),
        "{stored_file}"
    );
    for (i, title) in [(1, "two"), (2, "three"), (3, "four")] {
        create_record(&c, &name, record(i, title), None).await;
    }
    let records_path = format!("/api/collections/{name}/records");
    let live_d = send(&c, "GET", &format!("{records_path}/{}", ids[3]), Body::Empty).await;

    let key = format!("ex_{suffix}.zip");
    assert_eq!(c.backups().create(Some(&key), &opts).await.unwrap(), key);

    // After the backup: a and b deleted, c changed, e created.
    send(&c, "DELETE", &format!("{records_path}/{}", ids[0]), Body::Empty).await;
    send(&c, "DELETE", &format!("{records_path}/{}", ids[1]), Body::Empty).await;
    send(
        &c,
        "PATCH",
        &format!("{records_path}/{}", ids[2]),
        Body::Json(r#"{"title":"THREE"}"#.into()),
    )
    .await;
    let new_id = record_id("e", &suffix);
    create_record(
        &c,
        &name,
        format!(r#"{{"id":"{new_id}","title":"five","n":5}}"#),
        None,
    )
    .await;

    // Opened by key: downloaded, then its database inflated, with progress.
    let heard = Rc::new(RefCell::new(Vec::new()));
    let options = ExploreOptions {
        on_progress: Some(Rc::new({
            let heard = heard.clone();
            move |loaded: u64, total: u64| heard.borrow_mut().push((loaded, total))
        }) as ProgressFn),
        ..ExploreOptions::default()
    };
    let x = c
        .backups()
        .explore(ExploreSource::Key(key.clone()), options)
        .await
        .unwrap();
    let heard = heard.borrow().clone();
    let (loaded, total) = *heard.last().unwrap();
    assert!(total > 0 && loaded == total, "{heard:?}");
    // The database file: data.db inflated (its WAL after it, if the backup has one).
    let zip = c.backups().download(&key, &opts, None).await.unwrap();
    let entries = c.backups().inspect(&zip).await.unwrap().verdict.unwrap().entries;
    let inflated: u64 = entries
        .iter()
        .filter(|e| e.name == "data.db" || e.name == "data.db-wal")
        .map(|e| e.uncompressed_size)
        .sum();
    let db = x.database();
    assert_eq!(db.size() as u64, inflated);
    assert_eq!(
        &bytes_of(&db.slice_with_i32_and_i32(0, 16).unwrap()).await,
        b"SQLite format 3\0"
    );

    let collections = x.collections();
    let ours = collections.iter().find(|k| k.name == name).unwrap();
    assert_eq!(
        (&ours.kind, ours.system, ours.records),
        (&CollectionKind::Base, false, Some(4))
    );
    let field = |n: &str, k: &str| ExploredField {
        name: n.into(),
        kind: k.into(),
    };
    for f in [
        field("id", "text"),
        field("title", "text"),
        field("n", "number"),
        field("doc", "file"),
    ] {
        assert!(ours.fields.contains(&f), "{f:?} in {:?}", ours.fields);
    }
    let superusers = collections.iter().find(|k| k.name == "_superusers").unwrap();
    assert_eq!(
        (&superusers.kind, superusers.system),
        (&CollectionKind::Auth, true)
    );

    // Records as the backup holds them, in the records API's shape.
    let page = x
        .records(
            &name,
            RecordsQuery {
                page: 1,
                per_page: 3,
                ids: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (page.page, page.per_page, page.total_items, page.total_pages),
        (1, 3, 4, 2)
    );
    let got: Vec<(&str, &str)> = page
        .items
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["title"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        vec![
            (ids[0].as_str(), "one"),
            (ids[1].as_str(), "two"),
            (ids[2].as_str(), "three")
        ]
    );
    assert_eq!(page.items[0]["doc"].as_str(), Some(stored_file.as_str()));
    let picked = x
        .records(
            &name,
            RecordsQuery {
                ids: Some(vec![ids[3].clone()]),
                ..RecordsQuery::default()
            },
        )
        .await
        .unwrap();
    assert_eq!((picked.total_items, picked.items.len()), (1, 1));
    // The backup's record d and the live one (not changed since) read the same.
    assert_eq!(value(&picked.items[0]), value(&live_d));
    let e = x
        .records("no_such_collection", RecordsQuery::default())
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some("explore_unknown_collection"));

    // Compared with the live server: exact counts and ids.
    let diff = x.compare(&opts).await.unwrap();
    let entry = diff.collection(&name).unwrap();
    assert_eq!(entry.status, CompareStatus::Changed);
    assert_eq!(entry.fields, Default::default());
    assert_eq!(
        entry.records,
        Some(RecordCounts {
            backup: 4,
            live: 3,
            only_in_backup: 2,
            only_live: 1,
            changed: 1,
        })
    );
    let mut entry_ids = entry.ids.clone().unwrap();
    entry_ids.only_in_backup.sort();
    assert_eq!(
        entry_ids,
        RecordIds {
            only_in_backup: vec![ids[0].clone(), ids[1].clone()],
            only_live: vec![new_id.clone()],
            changed: vec![ids[2].clone()],
        }
    );

    // The deleted records recovered, with the file's bytes; progress heard.
    let progress = Rc::new(RefCell::new(Vec::new()));
    let recover = |on_progress: bool, overwrite: bool| RecoverOptions {
        overwrite,
        on_progress: on_progress.then(|| {
            let progress = progress.clone();
            Rc::new(move |done: usize, total: usize| progress.borrow_mut().push((done, total)))
                as RecoverProgressFn
        }),
        ..RecoverOptions::default()
    };
    let deleted = entry_ids.only_in_backup.clone();
    let report = x.recover(&name, &deleted, recover(true, false)).await.unwrap();
    let mut created = report.created.clone();
    created.sort();
    assert_eq!(created, deleted);
    assert_eq!((report.updated.len(), report.failed.len()), (0, 0));
    assert_eq!(progress.borrow().last(), Some(&(2, 2)));
    let a = send(&c, "GET", &format!("{records_path}/{}", ids[0]), Body::Empty).await;
    assert_eq!((a["title"].as_str(), a["n"].as_u64()), (Some("one"), Some(1)));
    let live_file = a["doc"].as_str().unwrap().to_string();
    // The server names an uploaded file anew; the report says how.
    assert_ne!(live_file, stored_file);
    assert_eq!(report.files.len(), 1);
    assert_eq!(report.files[&ids[0]][&stored_file], live_file);
    assert_eq!(
        report.notes,
        vec![
            "Uploaded files got new names from the server (see files: old name → new name per record)."
                .to_string()
        ]
    );
    let token = c.files().get_token(&opts).await.unwrap();
    let url = format!("{PB_URL}/api/files/{name}/{}/{live_file}?token={token}", ids[0]);
    assert_eq!(raw("GET", &url, None, None).await, (200, FILE_TEXT.to_vec()));
    let b = send(&c, "GET", &format!("{records_path}/{}", ids[1]), Body::Empty).await;
    assert_eq!((b["title"].as_str(), b["doc"].as_str()), (Some("two"), Some("")));

    // A record that exists live fails without overwrite, and is replaced with it.
    let changed = vec![ids[2].clone()];
    let again = x.recover(&name, &changed, recover(false, false)).await.unwrap();
    assert_eq!((again.created.len(), again.updated.len()), (0, 0));
    assert_eq!(again.failed.len(), 1);
    assert_eq!(again.failed[0].id, ids[2]);
    assert!(
        again.failed[0].error.contains("overwrite"),
        "{}",
        again.failed[0].error
    );
    let over = x.recover(&name, &changed, recover(false, true)).await.unwrap();
    assert_eq!((over.updated, over.failed.len()), (changed.clone(), 0));
    let c_live = send(&c, "GET", &format!("{records_path}/{}", ids[2]), Body::Empty).await;
    assert_eq!(c_live["title"].as_str(), Some("three"));
    let e = x
        .recover(&name, &["zzzzzzzzzzzzzzz".to_string()], RecoverOptions::default())
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some("explore_unknown_records"));

    // An aborted call ends with an abort error, and gives its turn to the next call.
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let aborted = RequestOptions {
        signal: Some(controller.signal()),
        ..RequestOptions::new()
    };
    let e = x.compare(&aborted).await.unwrap_err();
    assert!(e.is_abort(), "{e:?}");

    // Calls made together run one after the other.
    let y = x.clone();
    let (one, two) = both(
        x.records(&name, RecordsQuery::default()),
        y.records(
            &name,
            RecordsQuery {
                page: 2,
                per_page: 2,
                ids: None,
            },
        ),
    )
    .await;
    assert_eq!(one.unwrap().items.len(), 4);
    assert_eq!(two.unwrap().items[1]["id"].as_str(), Some(ids[3].as_str()));

    x.close();
    let e = y.records(&name, RecordsQuery::default()).await.unwrap_err();
    assert_eq!(e.message, "The explorer is closed.");

    c.backups().delete(&key, &opts).await.unwrap();
    send(&c, "DELETE", &format!("/api/collections/{name}"), Body::Empty).await;
}

#[wasm_bindgen_test]
async fn what_is_not_a_backup_is_refused_with_its_code() {
    let c = rust_superuser(PB_URL).await;
    let junk = c
        .backups()
        .explore(
            ExploreSource::Blob(blob(b"not a zip at all")),
            ExploreOptions::default(),
        )
        .await
        .err()
        .unwrap();
    assert_eq!((junk.status, junk.code()), (0, Some("zip_not_zip")));
    let missing = c
        .backups()
        .explore(
            ExploreSource::Key(format!("missing_{}.zip", unique())),
            ExploreOptions::default(),
        )
        .await
        .err()
        .unwrap();
    assert_eq!(missing.status, 404);
}

/// The bytes of a Blob.
async fn bytes_of(blob: &web_sys::Blob) -> Vec<u8> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .unwrap();
    js_sys::Uint8Array::new(&buffer).to_vec()
}

/// Runs of bytes written into a Blob come out in order, across its 4 MiB parts.
#[wasm_bindgen_test]
async fn a_blob_written_in_runs_across_parts() {
    use bosbase_backups::transport::blob::{BlobWriter, PART};
    let total = 2 * PART as usize + 12_345;
    let byte = |i: usize| (i % 251) as u8;
    let mut writer = BlobWriter::default();
    let mut at = 0;
    while at < total {
        let n = 100_003.min(total - at);
        let run: Vec<u8> = (at..at + n).map(byte).collect();
        writer.write(&run).unwrap();
        at += n;
    }
    writer.write(&[]).unwrap();
    let written = bytes_of(&writer.finish().unwrap()).await;
    assert_eq!(written.len(), total);
    assert!(
        written.iter().enumerate().all(|(i, b)| *b == byte(i)),
        "the bytes differ"
    );
    let empty = BlobWriter::default().finish().unwrap();
    assert_eq!(empty.size(), 0.0);
}

/// Both futures polled together until both are done.
async fn both<A: std::future::Future, B: std::future::Future>(a: A, b: B) -> (A::Output, B::Output) {
    let (mut a, mut b) = (Box::pin(a), Box::pin(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(|cx| {
        if ra.is_none() {
            if let std::task::Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let std::task::Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        if ra.is_some() && rb.is_some() {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    (ra.unwrap(), rb.unwrap())
}
