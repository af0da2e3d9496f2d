//! The typed Rust API, as a Leptos/Yew/Dioxus app calls it.

use std::rc::Rc;

use bosbase_backups::{
    AuthStore, Client, ClientOptions, RequestKey, RequestOptions, UploadSource, VerifySource,
};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

async fn signed_in() -> Client {
    let store = AuthStore::memory();
    let c = Client::with_auth(PB_URL, Rc::new(store.clone()));
    let auth = c
        .collection("_superusers")
        .auth_with_password(ADMIN_EMAIL, ADMIN_PASSWORD, &RequestOptions::new())
        .await
        .unwrap();
    assert_eq!(auth.record["email"].as_str(), Some(ADMIN_EMAIL));
    assert!(store.is_superuser());
    assert_eq!(c.auth().token(), store.token());
    c
}

#[wasm_bindgen_test]
async fn every_backup_call_through_the_rust_api() {
    let c = signed_in().await;
    let opts = RequestOptions::new();
    let backups = c.backups();

    let health = c.health().check(&opts).await.unwrap();
    assert_eq!(health.code, 200);
    assert_eq!(health.data.can_backup, Some(true));

    let name = format!("rust_{}.zip", unique());
    assert_eq!(backups.create(Some(&name), &opts).await.unwrap(), name);
    let info = backups
        .get_full_list(&opts)
        .await
        .unwrap()
        .into_iter()
        .find(|b| b.key == name)
        .expect("listed");

    let token = c.files().get_token(&opts).await.unwrap();
    let url = backups.get_download_url(&token, &name, &[]).unwrap();
    assert_eq!(url, format!("{PB_URL}/api/backups/{name}?token={token}"));
    let (status, bytes) = raw("GET", &url, None, None).await;
    assert_eq!(status, 200);
    assert_eq!(bytes.len() as u64, info.size);

    let copy = format!("rust copy {}.zip", unique());
    let key = backups
        .upload(UploadSource::Blob(file(&bytes, &copy).into()), &opts)
        .await
        .unwrap();
    assert_eq!(key, copy);
    // Stored byte for byte: downloaded again through the Rust API.
    let back = backups.download(&copy, &opts, None).await.unwrap();
    let back = js_sys::Uint8Array::new(
        &wasm_bindgen_futures::JsFuture::from(back.array_buffer())
            .await
            .unwrap(),
    );
    assert!(back.to_vec() == bytes, "the copy's bytes differ");
    let e = backups
        .upload(UploadSource::Blob(file(&bytes, &copy).into()), &opts)
        .await
        .unwrap_err();
    assert_eq!(e.status, 400);
    assert_eq!(e.field_code("file"), Some("validation_backup_name_exists"));

    let e = backups.create(Some("Bad Name.zip"), &opts).await.unwrap_err();
    assert_eq!(e.field_code("name"), Some("validation_match_invalid"));
    // Refused before any request, as the JS API: why, and where it would have gone.
    assert_eq!(
        (e.status, e.url.as_str(), e.message.as_str()),
        (
            400,
            format!("{PB_URL}/api/backups").as_str(),
            r#"The backup name is refused: a name has only lowercase letters (a-z), digits, "_" and "-", and ends in ".zip"."#
        )
    );

    let e = backups.restore("missing.zip", &opts).await.unwrap_err();
    assert_eq!(
        (e.status, e.message.as_str()),
        (400, "Missing or invalid backup file.")
    );

    for k in [&name, &copy] {
        backups.delete(k, &opts).await.unwrap();
    }
    let left = backups.get_full_list(&opts).await.unwrap();
    assert!(!left.iter().any(|b| b.key == name || b.key == copy));
    let e = backups.delete(&name, &opts).await.unwrap_err();
    assert_eq!(e.status, 400);
}

#[wasm_bindgen_test]
async fn rust_errors_and_cancellation() {
    let c = Client::with_options(
        PB_URL,
        ClientOptions {
            persist_auth: false,
            ..Default::default()
        },
    );
    let e = c
        .backups()
        .get_full_list(&RequestOptions::new())
        .await
        .unwrap_err();
    assert_eq!((e.status, e.message.as_str()), (401, MSG_401));
    assert!(!e.is_abort());
    assert_eq!(e.to_string(), MSG_401);

    let ctl = web_sys::AbortController::new().unwrap();
    ctl.abort();
    let health = c.health();
    let e = health
        .check(&RequestOptions::new().signal(ctl.signal()))
        .await
        .unwrap_err();
    assert!(e.is_abort());
    assert_eq!(e.status, 0);

    let opts = RequestOptions::new().request_key(RequestKey::Custom("k".into()));
    let (first, second) = futures_join(health.check(&opts), health.check(&opts)).await;
    assert!(first.unwrap_err().is_abort());
    assert_eq!(second.unwrap().code, 200);
}

/// Polls two futures together (enough for tests; avoids a futures dependency).
async fn futures_join<A: std::future::Future, B: std::future::Future>(a: A, b: B) -> (A::Output, B::Output) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(|cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        if ra.is_some() && rb.is_some() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    (ra.unwrap(), rb.unwrap())
}

#[wasm_bindgen_test]
async fn rust_answers_of_the_wrong_shape_are_errors() {
    let opts = RequestOptions::new();
    for (mode, detail) in [("notjson", "not JSON"), ("wrongjson", "not the expected shape")] {
        let c = Client::with_options(
            &format!("{FAULT_URL}/{mode}"),
            ClientOptions {
                persist_auth: false,
                ..Default::default()
            },
        );
        let e = c.backups().get_full_list(&opts).await.unwrap_err();
        assert_eq!(e.status, 200);
        assert!(
            e.message.starts_with("The server's answer could not be read: ") && e.message.contains(detail),
            "{mode}: {}",
            e.message
        );
    }
}

#[wasm_bindgen_test]
async fn rust_prune_reports_what_it_deleted_and_what_it_did_not() {
    let c = signed_in().await;
    let opts = RequestOptions::new();
    let backups = c.backups();
    let prefix = format!("rust_prune_{}_", unique());
    let made: Vec<String> = (1..=3).map(|i| format!("{prefix}{i}.zip")).collect();
    for name in &made {
        backups.create(Some(name), &opts).await.unwrap();
        sleep(20).await;
    }
    let mine: bosbase_backups::KeyFilter = {
        let prefix = prefix.clone();
        Rc::new(move |k: &str| k.starts_with(&prefix))
    };
    let request = |only: Option<Vec<String>>, dry_run: bool| bosbase_backups::PruneRequest {
        policy: bosbase_backups::PrunePolicy {
            max_age_ms: Some(0.0),
            ..Default::default()
        },
        matches: Some(mine.clone()),
        only,
        dry_run,
    };
    // By age without `keep`: everything but the newest.
    let preview = backups.prune(request(None, true), &opts).await.unwrap();
    assert_eq!(preview.selected, made[..2]);
    assert!(preview.deleted.is_empty() && preview.failed.is_empty());
    // This page is cross-origin: the browser hides `Date`, the client's clock is used.
    assert!(!preview.server_clock);
    assert!((preview.now_ms - js_sys::Date::now()).abs() < 60_000.0);

    backups.delete(&made[0], &opts).await.unwrap();
    let report = backups
        .prune(request(Some(preview.selected.clone()), false), &opts)
        .await
        .unwrap();
    assert_eq!(report.deleted, made[1..2]);
    assert_eq!(report.failed.len(), 1);
    assert_eq!(report.failed[0].key, made[0]);
    assert_eq!(report.failed[0].error.status, 0);
    assert_eq!(
        report.failed[0].error.message,
        "The backup is no longer on the server."
    );
    backups.delete(&made[2], &opts).await.unwrap();
}

#[wasm_bindgen_test]
async fn rust_timeouts_longer_than_a_timer_holds_do_not_fire_at_once() {
    // The fault server's `slow` mode answers an empty list after 5 s.
    let c = Client::new(&format!("{FAULT_URL}/slow"));
    let started = js_sys::Date::now();
    let list = c
        .backups()
        .get_full_list(&RequestOptions::new().timeout(u32::MAX))
        .await
        .unwrap();
    assert!(list.is_empty());
    assert!(js_sys::Date::now() - started >= 4_500.0);
}

#[wasm_bindgen_test]
async fn rust_requests_follow_a_redirect_within_the_origin_only() {
    let token = signed_in().await.auth().token();
    let opts = RequestOptions::new();
    let at = |mode: &str| {
        let store = AuthStore::memory();
        store.save(&token, bosbase_backups::core::json::Json::Null);
        Client::with_auth(&format!("{FAULT_URL}/{mode}"), Rc::new(store))
    };
    // `moved` answers with a 307 to the same path under `echo`, on its own origin.
    let moved = at("moved");
    let list = moved.backups().get_full_list(&opts).await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].key, format!("auth:{token}"));
    let run = unique();
    let key = moved
        .backups()
        .upload(
            UploadSource::Blob(zip_file("rust moved.zip", &[("data.db", 64 << 10)]).into()),
            &RequestOptions::new().query("run", run.as_str()),
        )
        .await
        .unwrap();
    assert_eq!(key, "rust moved.zip");
    let (status, seen) = raw_json("GET", &format!("{FAULT_URL}/seen/{run}"), None, None).await;
    assert_eq!(status, 200);
    assert_eq!(
        js_sys::JSON::stringify(&seen).unwrap(),
        format!(r#"{{"posts":1,"auth":["{token}"]}}"#)
    );

    // To another origin (`redirect`: localhost), or round and round (`circle`): refused,
    // and the upload reaches no one.
    for mode in ["redirect", "circle"] {
        let e = at(mode).backups().get_full_list(&opts).await.unwrap_err();
        assert_eq!(e.status, 0, "{mode}");
        assert!(
            e.message
                .starts_with("The server answered with a redirect that is not followed"),
            "{mode}: {}",
            e.message
        );
    }
    let run = unique();
    let e = at("redirect")
        .backups()
        .upload(
            UploadSource::Blob(zip_file("rust away.zip", &[("data.db", 64 << 10)]).into()),
            &RequestOptions::new().query("run", run.as_str()),
        )
        .await
        .unwrap_err();
    assert_eq!(e.status, 0);
    let (_, seen) = raw_json("GET", &format!("{FAULT_URL}/seen/{run}"), None, None).await;
    assert_eq!(
        js_sys::JSON::stringify(&seen).unwrap(),
        r#"{"posts":0,"auth":[]}"#
    );
}

#[wasm_bindgen_test]
async fn rust_a_files_body_that_stalls_meets_the_timeout_and_one_that_moves_does_not() {
    let at = |mode: &str| {
        Client::with_options(
            &format!("{FAULT_URL}/{mode}"),
            ClientOptions {
                persist_auth: false,
                ..Default::default()
            },
        )
    };
    let opts = RequestOptions::new().timeout(300);
    // `trickle`: a sound backup in 8 pieces 100 ms apart, 700 ms in all.
    let whole = at("trickle")
        .backups()
        .download("a.zip", &opts, None)
        .await
        .unwrap();
    assert!(whole.size() > 200.0, "{}", whole.size());
    let report = at("trickle")
        .backups()
        .verify(VerifySource::Key("a.zip".into()), &opts, None)
        .await
        .unwrap();
    assert!(report.ok(), "{:?}", report.problems);
    assert_eq!(report.bytes as f64, whole.size());
    // `stall`: the first piece, then nothing.
    let e = at("stall")
        .backups()
        .download("a.zip", &opts, None)
        .await
        .unwrap_err();
    assert_eq!(
        (e.status, e.message.as_str()),
        (0, "The request timed out after 300 ms.")
    );
    let e = at("stall")
        .backups()
        .verify(VerifySource::Key("a.zip".into()), &opts, None)
        .await
        .unwrap_err();
    assert_eq!(
        (e.status, e.message.as_str()),
        (0, "The request timed out after 300 ms.")
    );
}

#[wasm_bindgen_test]
async fn rust_the_timeout_bounds_a_waited_restores_wait() {
    let c = signed_in().await;
    let started = js_sys::Date::now();
    // No restore is under way: the wait runs to its limit, the call's 500 ms timeout
    // rather than the wait's default 60 s.
    let e = c
        .backups()
        .watch_restore(&RequestOptions::new().timeout(500), Default::default())
        .await
        .unwrap_err();
    assert_eq!((e.status, e.code()), (0, Some("restore_in_progress")));
    let took = js_sys::Date::now() - started;
    assert!(took < 10_000.0, "{took} ms");
}
