//! Restore against a server of its own: a restore replaces all of the server's data.
#![cfg(all(target_arch = "wasm32", feature = "js"))]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "../support/mod.rs"]
mod support;

use bosbase_backups::js::{ClientOptionsArg, JsClient};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use support::*;

async fn record_titles(token: &str, collection: &str) -> Option<Vec<String>> {
    let url = format!("{PB_RESTORE_URL}/api/collections/{collection}/records?perPage=100");
    let (status, body) = try_raw("GET", &url, Some(token), None).await.ok()?;
    if status != 200 {
        return None;
    }
    let body = js_sys::JSON::parse(&String::from_utf8(body).ok()?).ok()?;
    let items = js_sys::Array::from(&get(&body, "items"));
    let mut titles: Vec<String> = items.iter().map(|r| get_str(&r, "title")).collect();
    titles.sort();
    Some(titles)
}

async fn add_record(token: &str, collection: &str, title: &str) {
    let url = format!("{PB_RESTORE_URL}/api/collections/{collection}/records");
    let (status, _) = raw_json(
        "POST",
        &url,
        Some(token),
        Some(&format!(r#"{{"title":"{title}"}}"#)),
    )
    .await;
    assert_eq!(status, 200);
}

#[wasm_bindgen_test]
async fn restore_reverts_the_data_to_the_backup() {
    let options: ClientOptionsArg = js_sys::Object::new().unchecked_into();
    js_sys::Reflect::set(&options, &"persistAuth".into(), &JsValue::FALSE).unwrap();
    let c = JsClient::new(
        Some(JsValue::from(PB_RESTORE_URL).unchecked_into()),
        Some(options),
    )
    .unwrap();
    ok(c.collection("_superusers".into()).unwrap().auth_with_password(
        ADMIN_EMAIL.into(),
        ADMIN_PASSWORD.into(),
        None,
    ))
    .await;
    let token = c.auth_store().token();

    // A collection with one record, then the backup, then a second record and a
    // second collection made after it.
    let collection = format!("notes_{}", unique());
    let schema =
        format!(r#"{{"name":"{collection}","type":"base","fields":[{{"name":"title","type":"text"}}]}}"#);
    let (status, _) = raw_json(
        "POST",
        &format!("{PB_RESTORE_URL}/api/collections"),
        Some(&token),
        Some(&schema),
    )
    .await;
    assert_eq!(status, 200);
    add_record(&token, &collection, "before").await;
    let key = ok(c.backups().create(None, None)).await.as_string().unwrap();
    add_record(&token, &collection, "after").await;
    let later = format!("later_{}", unique());
    let schema = format!(r#"{{"name":"{later}","type":"base"}}"#);
    let (status, _) = raw_json(
        "POST",
        &format!("{PB_RESTORE_URL}/api/collections"),
        Some(&token),
        Some(&schema),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        record_titles(&token, &collection).await.unwrap(),
        ["after", "before"]
    );

    ok(c.backups().restore(key.as_str().into(), None)).await;

    // The server restarts about a second later; wait (bounded) for the reverted data.
    let mut reverted = None;
    for _ in 0..60 {
        sleep(250).await;
        if let Some(titles) = record_titles(&token, &collection).await {
            if titles == ["before"] {
                reverted = Some(titles);
                break;
            }
        }
    }
    assert_eq!(reverted.expect("data reverted within 15 s"), ["before"]);
    let (status, _) = raw(
        "GET",
        &format!("{PB_RESTORE_URL}/api/collections/{later}"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, 404, "the collection made after the backup is gone");

    // The superuser is in the backup, so the session still works; the backup is kept.
    let listed = ok(c.backups().get_full_list(None)).await;
    assert!(js_sys::Array::from(&listed)
        .iter()
        .any(|b| get_str(&b, "key") == key));
    ok(c.backups().delete(key.into(), None)).await;
}
