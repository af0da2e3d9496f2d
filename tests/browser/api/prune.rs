//! Rotation with `prune` against real backups with distinct times.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::js::*;
use crate::support::*;

fn strings(v: JsValue) -> Vec<String> {
    js_sys::Array::from(&v)
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn prune_keeps_the_newest_and_deletes_the_oldest_first() {
    let c = superuser_client().await;
    let prefix = format!("prune_{}_", unique());
    let mut made = Vec::new();
    for i in 1..=5 {
        let name = format!("{prefix}{i}.zip");
        ok(c.backups().create(arg(name.as_str()), None)).await;
        made.push(name);
        sleep(APART_MS).await;
    }
    // An unrelated backup that no policy below may touch.
    let bystander = ok(c.backups().create(None, None)).await.as_string().unwrap();

    let dry = ok(c.backups().prune(opts(&[
        ("keep", 3.into()),
        ("match", prefix.as_str().into()),
        ("dryRun", JsValue::TRUE),
    ])))
    .await;
    assert_eq!(strings(dry), made[..2]);
    let all = keys(&c).await;
    assert!(made.iter().all(|k| all.contains(k)), "a dry run deletes nothing");

    let deleted = ok(c
        .backups()
        .prune(opts(&[("keep", 3.into()), ("match", prefix.as_str().into())])))
    .await;
    assert_eq!(strings(deleted), made[..2]);
    let left = keys(&c).await;
    assert!(!left.contains(&made[0]) && !left.contains(&made[1]));
    assert!(made[2..].iter().all(|k| left.contains(k)));

    // olderThan a Date: everything modified before the newest one, RegExp match.
    let listed = js_sys::Array::from(&ok(c.backups().get_full_list(None)).await);
    let newest = listed.iter().find(|b| get_str(b, "key") == made[4]).unwrap();
    let cutoff = js_sys::Date::new(&get_str(&newest, "modified").replace(' ', "T").into());
    let re = js_sys::RegExp::new(&format!("^{prefix}"), "");
    let deleted = ok(c
        .backups()
        .prune(opts(&[("olderThan", cutoff.into()), ("match", re.into())])))
    .await;
    assert_eq!(strings(deleted), made[2..4]);
    let left = keys(&c).await;
    assert!(left.contains(&made[4]) && left.contains(&bystander));
    assert!(!left.contains(&made[2]) && !left.contains(&made[3]));

    // olderThan as an age: nothing of ours is a day old.
    let deleted = ok(c.backups().prune(opts(&[
        ("olderThan", 86_400_000.into()),
        ("match", prefix.as_str().into()),
    ])))
    .await;
    assert!(strings(deleted).is_empty());

    // A policy that says nothing is refused rather than deleting everything.
    let e = err(c.backups().prune(opts(&[("match", prefix.as_str().into())]))).await;
    assert_type_error(&e, "A prune policy needs `keep`, `olderThan`, or both.");
    assert!(keys(&c).await.contains(&made[4]));

    for k in [&made[4], &bystander] {
        ok(c.backups().delete(k.as_str().into(), None)).await;
    }
}

/// Creates `n` backups named `{prefix}{i}.zip`, oldest first, with distinct times.
async fn make(
    c: &crate::support::package::Client,
    prefix: &str,
    range: std::ops::RangeInclusive<u32>,
) -> Vec<String> {
    let mut made = Vec::new();
    for i in range {
        let name = format!("{prefix}{i}.zip");
        ok(c.backups().create(arg(name.as_str()), None)).await;
        made.push(name);
        sleep(APART_MS).await;
    }
    made
}

fn key_list(keys: &[String]) -> JsValue {
    js_sys::Array::from_iter(keys.iter().map(|k| JsValue::from_str(k))).into()
}

#[wasm_bindgen_test]
async fn prune_with_only_deletes_exactly_the_preview_when_a_backup_arrives_in_between() {
    let c = superuser_client().await;
    let prefix = format!("between_{}_", unique());
    let made = make(&c, &prefix, 1..=4).await;
    let policy = |extra: &[(&str, JsValue)]| {
        let mut pairs = vec![("keep", JsValue::from(2)), ("match", prefix.as_str().into())];
        pairs.extend(extra.iter().cloned());
        opts(&pairs)
    };
    let preview = strings(ok(c.backups().prune(policy(&[("dryRun", JsValue::TRUE)]))).await);
    assert_eq!(preview, made[..2]);

    // A scheduled backup lands before the user confirms: the policy alone would now
    // also delete made[2].
    let late = make(&c, &prefix, 5..=5).await;
    let again = strings(ok(c.backups().prune(policy(&[("dryRun", JsValue::TRUE)]))).await);
    assert_eq!(again, made[..3], "the policy now selects one more");

    let deleted = strings(ok(c.backups().prune(policy(&[("only", key_list(&preview))]))).await);
    assert_eq!(deleted, preview, "exactly the preview");
    let left = keys(&c).await;
    assert!(made[..2].iter().all(|k| !left.contains(k)));
    assert!(left.contains(&made[2]), "not previewed, not deleted");
    assert!(left.contains(&made[3]) && left.contains(&late[0]));

    // `only` must be a list of keys.
    let e = err(c.backups().prune(policy(&[("only", "x.zip".into())]))).await;
    assert_type_error(&e, "options.only");
    for k in [&made[2], &made[3], &late[0]] {
        ok(c.backups().delete(k.as_str().into(), None)).await;
    }
}

#[wasm_bindgen_test]
async fn prune_rejects_with_what_it_deleted_and_what_it_did_not() {
    let c = superuser_client().await;
    let prefix = format!("partial_{}_", unique());
    let made = make(&c, &prefix, 1..=3).await;
    let preview = strings(
        ok(c.backups().prune(opts(&[
            ("keep", 0.into()),
            ("match", prefix.as_str().into()),
            ("dryRun", JsValue::TRUE),
        ])))
        .await,
    );
    assert_eq!(preview, made);

    // Someone else deletes made[1] before the prune lists, and made[2] between the
    // prune's list and its delete (a `fetch` that deletes it first).
    ok(c.backups().delete(made[1].as_str().into(), None)).await;
    let racer = js_sys::Function::new_with_args(
        "url, init",
        &format!(
            "return (async () => {{
               if (init.method === 'DELETE' && url.endsWith('/{}')) await fetch(url, init);
               return fetch(url, init);
             }})();",
            made[2]
        ),
    );
    let e = err(c.backups().prune(opts(&[
        ("keep", 0.into()),
        ("match", prefix.as_str().into()),
        ("only", key_list(&preview)),
        ("fetch", racer.into()),
    ])))
    .await;
    assert!(e.is_instance_of::<js_sys::Error>());
    let failed = js_sys::Array::from(&get(&e, "failed"));
    if ON_S3 {
        // Deleting a key that is gone succeeds on S3: only the one gone before the
        // list fails.
        assert_eq!(strings(get(&e, "deleted")), [made[0].clone(), made[2].clone()]);
        assert_eq!(failed.length(), 1);
        assert_eq!(get_str(&failed.get(0), "key"), made[1]);
        assert_error(
            &get(&failed.get(0), "error"),
            0,
            "The backup is no longer on the server.",
        );
        assert!(get_str(&e, "message").starts_with(&format!(
            "Pruning deleted 2 of 3 backups; not deleted: {} (The backup is no longer on the server)",
            made[1]
        )));
        assert!(keys(&c).await.iter().all(|k| !made.contains(k)));
        return;
    }
    assert_eq!(strings(get(&e, "deleted")), made[..1]);
    assert_eq!(failed.length(), 2);
    let (gone, raced) = (failed.get(0), failed.get(1));
    assert_eq!(get_str(&gone, "key"), made[1]);
    assert_error(&get(&gone, "error"), 0, "The backup is no longer on the server.");
    assert_eq!(get_str(&raced, "key"), made[2]);
    let raced_error = get(&raced, "error");
    assert_eq!(get_f64(&raced_error, "status"), 400.0);
    assert!(get_str(&raced_error, "message").starts_with("Invalid or already deleted backup file."));
    // The rejection itself: the first failure's status, a message naming both keys.
    assert_eq!(get_str(&e, "name"), "ClientResponseError 0");
    let message = get_str(&e, "message");
    assert!(
        message.starts_with(&format!(
            "Pruning deleted 1 of 3 backups; not deleted: {} (The backup is no longer on the server), {} (Invalid or already deleted backup file",
            made[1], made[2]
        )),
        "{message}"
    );
    let left = keys(&c).await;
    assert!(made.iter().all(|k| !left.contains(k)));
}

#[wasm_bindgen_test]
async fn prune_by_age_counts_from_the_servers_clock_and_keeps_the_newest() {
    let c = superuser_client().await;
    let prefix = format!("clock_{}_", unique());
    let made = make(&c, &prefix, 1..=3).await;
    const WEEK: f64 = 7.0 * 86_400_000.0;
    // The client's clock runs 30 days ahead; `new Date()` still reads the real one.
    let date = js_sys::global().unchecked_into::<js_sys::Object>();
    let date_class = get(&date, "Date");
    let real_now = get(&date_class, "now");
    let ahead = js_sys::Function::new_no_args("return new Date().getTime() + 30 * 86400000;");
    js_sys::Reflect::set(&date_class, &"now".into(), &ahead).unwrap();
    // A server whose `Date` header the page can read (as the page served by the server
    // itself can; this test page is cross-origin, so a `fetch` adds it).
    let dated = js_sys::Function::new_with_args(
        "url, init",
        "return fetch(url, init).then(async (r) => {
           const headers = new Headers(r.headers);
           headers.set('date', new Date().toUTCString());
           const body = [204, 205, 304].includes(r.status) ? null : await r.text();
           return new Response(body, { status: r.status, headers });
         });",
    );
    let prune = |extra: &[(&str, JsValue)]| {
        let mut pairs = vec![
            ("olderThan", JsValue::from(WEEK)),
            ("match", prefix.as_str().into()),
        ];
        pairs.extend(extra.iter().cloned());
        c.backups().prune(opts(&pairs))
    };
    let by_server = JsFuture::from(prune(&[("fetch", dated.clone().into())])).await;
    // Where the browser hides `Date`, the client's clock is all there is: still, an
    // age policy keeps the newest unless `keep: 0` says otherwise.
    let by_client = JsFuture::from(prune(&[("dryRun", JsValue::TRUE)])).await;
    let all = JsFuture::from(prune(&[("dryRun", JsValue::TRUE), ("keep", 0.into())])).await;
    js_sys::Reflect::set(&date_class, &"now".into(), &real_now).unwrap();

    assert!(
        strings(by_server.unwrap()).is_empty(),
        "nothing is a week old by the server's clock"
    );
    assert!(keys(&c).await.iter().filter(|k| k.starts_with(&prefix)).count() == 3);
    assert_eq!(strings(by_client.unwrap()), made[..2], "the newest stays");
    assert_eq!(strings(all.unwrap()), made);
    for k in &made {
        ok(c.backups().delete(k.as_str().into(), None)).await;
    }
}
