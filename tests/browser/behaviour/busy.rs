//! While the server holds its backup lock: aborting a create that waits it out, and
//! prune leaving recent backups alone.
//!
//! A create of the test server's small data takes ~15 ms, too short to act inside. A
//! `SlowBackups` stores a 32 MB text file in a collection of its own, which every
//! backup then zips, so that a create holds the lock for a few hundred milliseconds.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{AbortController, Blob, FormData, RequestInit, Response};

use crate::support::js::*;
use crate::support::*;

/// A collection holding one large, compressible file, so backups take time to write.
struct SlowBackups {
    token: String,
    collection: String,
}

impl SlowBackups {
    async fn install() -> SlowBackups {
        let token = superuser_token(PB_URL).await;
        let collection = format!("bulk_{}", unique());
        create_file_collection(&token, &collection, "doc", 100_000_000).await;

        // 1 MiB of pseudo-random words repeated 32 times: deflate finds no repeats within
        // its 32 KiB window, so zipping it costs real work.
        let mut words = Vec::with_capacity(1 << 20);
        let mut seed = 0x2545_f491_u32;
        while words.len() < 1 << 20 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let len = 2 + (seed >> 16) % 8;
            words.extend((0..len).map(|i| b'a' + ((seed >> (i * 3)) % 26) as u8));
            words.push(b' ');
        }
        let chunk = Uint8Array::from(&words[..]);
        let parts = Array::new();
        for _ in 0..32 {
            parts.push(&chunk);
        }
        let doc = Blob::new_with_u8_array_sequence(&parts).unwrap();
        let form = FormData::new().unwrap();
        form.append_with_blob_and_filename("doc", &doc, "doc.txt")
            .unwrap();
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_body(&form);
        let headers = web_sys::Headers::new().unwrap();
        headers.set("Authorization", &token).unwrap();
        init.set_headers(&headers);
        let url = format!("{PB_URL}/api/collections/{collection}/records");
        let resp: Response = JsFuture::from(web_sys::window().unwrap().fetch_with_str_and_init(&url, &init))
            .await
            .unwrap()
            .into();
        assert_eq!(resp.status(), 200);
        SlowBackups { token, collection }
    }

    /// True while a backup or restore runs (`canBackup: false` in the health check).
    async fn busy(&self) -> bool {
        let (status, health) =
            raw_json("GET", &format!("{PB_URL}/api/health"), Some(&self.token), None).await;
        assert_eq!(status, 200);
        get(&get(&health, "data"), "canBackup") == JsValue::FALSE
    }

    /// Starts a create of `name` and returns it once the server reports itself busy, or
    /// `None` if the create finished first (it is then deleted). Polls back to back: a
    /// browser may stretch short timers of a page in the background to a second.
    async fn hold_lock(&self, c: &crate::support::package::Client, name: &str) -> Option<JsFuture> {
        let mut holder = Some(JsFuture::from(c.backups().create(arg(name), no_cancel())));
        for _ in 0..200 {
            if self.busy().await {
                return holder;
            }
        }
        if let Some(h) = holder.take() {
            h.await.unwrap();
        }
        ok(c.backups().delete(name.into(), None)).await;
        None
    }

    async fn remove(self) {
        let url = format!("{PB_URL}/api/collections/{}", self.collection);
        let (status, _) = raw("DELETE", &url, Some(&self.token), None).await;
        assert_eq!(status, 204);
    }
}

#[wasm_bindgen_test]
async fn aborting_a_create_that_waits_out_a_busy_server_stops_it_for_good() {
    let c = superuser_client().await;
    let slow = SlowBackups::install().await;
    let (holder, waiter) = (
        format!("holder_{}.zip", unique()),
        format!("waiter_{}.zip", unique()),
    );
    let mut tried = 0;
    let lock = loop {
        tried += 1;
        match slow.hold_lock(&c, &holder).await {
            Some(lock) => break lock,
            None => assert!(tried < 5, "the server never reported itself busy"),
        }
    };
    let ctl = AbortController::new().unwrap();
    let waiting = c.backups().create(
        arg(waiter.as_str()),
        opts(&[
            ("requestKey", JsValue::NULL),
            ("retryIfBusy", obj(&[("maxWaitMs", 60_000.into())])),
            ("signal", ctl.signal().into()),
        ]),
    );
    // Its first attempt is refused as busy within a few ms (a few round trips here
    // cover it, where a short timer might be stretched); it then waits 100–150 ms before
    // the next, and the abort ends that wait at once.
    for _ in 0..5 {
        assert!(slow.busy().await, "the lock outlasts the first attempt");
    }
    let aborted_at = js_sys::Date::now();
    ctl.abort();
    let e = err(waiting).await;
    let latency = js_sys::Date::now() - aborted_at;
    assert!(latency < 60.0, "the abort took {latency} ms to end the back-off");
    assert_eq!(get_str(&e, "name"), "ClientResponseError 0");
    assert_eq!(get(&e, "isAbort"), JsValue::TRUE);
    assert_eq!(get_f64(&e, "status"), 0.0);

    lock.await.unwrap();
    // Well past the back-off it was in: no further attempt was made.
    sleep(500).await;
    let all = keys(&c).await;
    assert!(all.contains(&holder));
    assert!(!all.contains(&waiter), "an aborted create was sent again");
    ok(c.backups().delete(holder.into(), None)).await;
    slow.remove().await;
}

#[wasm_bindgen_test]
async fn prune_leaves_recent_backups_alone_while_the_server_is_busy() {
    let c = superuser_client().await;
    let prefix = format!("guarded_{}_", unique());
    let made: Vec<String> = (1..=2).map(|i| format!("{prefix}{i}.zip")).collect();
    for name in &made {
        ok(c.backups().create(arg(name.as_str()), None)).await;
        sleep(20).await;
    }
    let policy = |dry_run: bool| {
        opts(&[
            ("keep", 0.into()),
            ("match", prefix.as_str().into()),
            ("dryRun", dry_run.into()),
        ])
    };

    let slow = SlowBackups::install().await;
    let mut seen_busy = false;
    for attempt in 0..5 {
        let holder = format!("holder_{attempt}_{}.zip", unique());
        let Some(lock) = slow.hold_lock(&c, &holder).await else {
            continue;
        };
        let dry = ok(c.backups().prune(policy(true))).await;
        let real = ok(c.backups().prune(policy(false))).await;
        // Busy before and after both prunes: busy while they looked, as one create
        // holds the lock for one unbroken stretch.
        let busy_throughout = slow.busy().await;
        lock.await.unwrap();
        ok(c.backups().delete(holder.into(), None)).await;
        if busy_throughout {
            assert_eq!(Array::from(&dry).length(), 0, "a dry run while busy selects none");
            assert_eq!(Array::from(&real).length(), 0, "a prune while busy deletes none");
            seen_busy = true;
            break;
        }
    }
    slow.remove().await;
    assert!(seen_busy, "the server was never busy for the length of a prune");
    let all = keys(&c).await;
    assert!(
        made.iter().all(|k| all.contains(k)),
        "nothing was deleted while busy"
    );

    // Idle again, the same policy deletes both, oldest first.
    let deleted: Vec<String> = Array::from(&ok(c.backups().prune(policy(false))).await)
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect();
    assert_eq!(deleted, made);
    let left = keys(&c).await;
    assert!(made.iter().all(|k| !left.contains(k)));
}
