//! Rotation with `prune` against real backups with distinct times.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::js_helpers::*;
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
        sleep(20).await;
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
