//! Sign-in, the auth store, the health check, and the 401/403 answers.

use crate::support::package::{Client, LocalAuthStore};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::js::*;
use crate::support::*;

#[wasm_bindgen_test]
async fn health_answers_anonymous_and_superuser_callers() {
    let anon = client_of(PB_URL).await;
    let h = ok(anon.health().check(None)).await;
    assert_eq!(get_f64(&h, "code"), 200.0);
    assert_eq!(get_str(&h, "message"), "API is healthy.");
    assert!(get(&get(&h, "data"), "canBackup").is_undefined());

    let su = superuser_client().await;
    let h = ok(su.health().check(None)).await;
    assert_eq!(get(&get(&h, "data"), "canBackup"), JsValue::TRUE);
}

#[wasm_bindgen_test]
async fn wrong_password_rejects_with_the_servers_message() {
    let c = client_of(PB_URL).await;
    let records = c.collection("_superusers".into()).unwrap();
    let e = err(records.auth_with_password(ADMIN_EMAIL.into(), "wrong-password".into(), None)).await;
    assert_error(&e, 400, "Failed to authenticate.");
    assert_eq!(get(&e, "isAbort"), JsValue::FALSE);
    assert_eq!(get_f64(&get(&e, "response"), "status"), 400.0);
    assert_eq!(
        get_str(&e, "url"),
        format!("{PB_URL}/api/collections/_superusers/auth-with-password")
    );
    assert_eq!(c.auth_store().token(), "");
}

#[wasm_bindgen_test]
async fn superuser_login_fills_the_auth_store() {
    let c = client_of(PB_URL).await;
    let store = c.auth_store();
    assert!(!store.is_valid());
    assert!(!store.is_superuser());
    assert_eq!(store.record(), JsValue::NULL);

    let res = ok(c.collection("_superusers".into()).unwrap().auth_with_password(
        ADMIN_EMAIL.into(),
        ADMIN_PASSWORD.into(),
        None,
    ))
    .await;
    let token = get_str(&res, "token");
    assert_eq!(token.split('.').count(), 3);
    assert_eq!(get_str(&get(&res, "record"), "email"), ADMIN_EMAIL);
    assert_eq!(store.token(), token);
    assert!(store.is_valid());
    assert!(store.is_superuser());
    assert_eq!(get_str(&store.record(), "collectionName"), "_superusers");

    store.clear();
    assert_eq!(store.token(), "");
    assert!(!store.is_valid());
    let e = err(c.backups().get_full_list(None)).await;
    assert_error(&e, 401, MSG_401);
}

#[wasm_bindgen_test]
async fn session_persists_in_local_storage_and_clears_completely() {
    crate::support::package::ready().await;
    let key = format!("test_auth_{}", unique());
    let store =
        || -> Option<JsValue> { Some(LocalAuthStore::new(Some(key.as_str().into())).unwrap().into()) };
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();

    let first = Client::new(arg(PB_URL), store(), None).unwrap();
    ok(first
        .collection("_superusers".into())
        .unwrap()
        .auth_with_password(ADMIN_EMAIL.into(), ADMIN_PASSWORD.into(), None))
    .await;
    let saved = storage.get_item(&key).unwrap().expect("session stored");
    assert!(saved.contains(&first.auth_store().token()));

    // A new client (as after a reload) starts signed in.
    let second = Client::new(arg(PB_URL), store(), None).unwrap();
    assert_eq!(second.auth_store().token(), first.auth_store().token());
    assert!(second.auth_store().is_superuser());
    ok(second.backups().get_full_list(None)).await;

    second.auth_store().clear();
    assert_eq!(storage.get_item(&key).unwrap(), None);
    let third = Client::new(arg(PB_URL), store(), None).unwrap();
    assert_eq!(third.auth_store().token(), "");
}

/// An app that switches from the official SDK keeps its session: same key
/// (`pocketbase_auth`), same stored JSON, read both ways.
#[wasm_bindgen_test]
async fn the_default_store_shares_the_official_sdks_key_and_format() {
    crate::support::package::ready().await;
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let token = superuser_client().await.auth_store().token();
    // What the official LocalAuthStore writes: {"token", "record"} (older: "model").
    let record = r#"{"id":"r1","collectionName":"_superusers","email":"a@b.c"}"#;
    storage
        .set_item(
            "pocketbase_auth",
            &format!(r#"{{"token":"{token}","model":{record}}}"#),
        )
        .unwrap();
    let c = Client::new(arg(PB_URL), None, None).unwrap();
    // A LocalAuthStore, which extends BaseAuthStore.
    let class_of = |v: &JsValue| get_str(&get(v, "constructor"), "name");
    let proto = js_sys::Object::get_prototype_of(&c.auth_store());
    assert_eq!(class_of(&proto), "LocalAuthStore");
    assert_eq!(
        class_of(&js_sys::Object::get_prototype_of(&proto)),
        "BaseAuthStore"
    );
    assert_eq!(c.auth_store().token(), token);
    assert_eq!(get_str(&c.auth_store().record(), "email"), "a@b.c");
    assert_eq!(get_str(&get(&c.auth_store(), "model"), "id"), "r1");
    ok(c.backups().get_full_list(None)).await;

    c.auth_store()
        .save("t2".into(), Some(obj(&[("id", "r2".into())])));
    let saved = storage.get_item("pocketbase_auth").unwrap().unwrap();
    assert_eq!(saved, r#"{"token":"t2","record":{"id":"r2"}}"#);
    c.auth_store().clear();
    assert_eq!(storage.get_item("pocketbase_auth").unwrap(), None);
}

/// Another tab's sign-in and sign-out reach this tab's store and its listeners (the
/// `storage` event, dispatched here as the browser does for other tabs' writes).
#[wasm_bindgen_test]
async fn sign_in_and_out_in_another_tab_reach_the_listeners() {
    crate::support::package::ready().await;
    let key = format!("test_tabs_{}", unique());
    let store: JsValue = LocalAuthStore::new(Some(key.as_str().into())).unwrap().into();
    let seen = js_sys::Array::new();
    let cb = js_sys::Function::new_with_args("token", "this.push(token)").bind0(&seen);
    store.on_change(cb.into(), false);
    let window = web_sys::window().unwrap();
    let other_tab = |value: Option<&str>| {
        let init = web_sys::StorageEventInit::new();
        init.set_key(Some(&key));
        init.set_new_value(value);
        let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
        window.dispatch_event(&event).unwrap();
    };
    other_tab(Some(r#"{"token":"from-tab-2","record":{"id":"r9"}}"#));
    assert_eq!(store.token(), "from-tab-2");
    assert_eq!(get_str(&store.record(), "id"), "r9");
    other_tab(None);
    assert_eq!(store.token(), "");
    assert_eq!(store.record(), JsValue::NULL);
    assert_eq!(
        seen.to_vec(),
        vec![JsValue::from("from-tab-2"), JsValue::from("")]
    );
}

#[wasm_bindgen_test]
async fn on_change_reports_saves_and_clears_until_unsubscribed() {
    let c = client_of(PB_URL).await;
    let store = c.auth_store();
    let seen = js_sys::Array::new();
    let cb = js_sys::Function::new_with_args("token, record", "this.push([token, record])").bind0(&seen);
    let unsubscribe: js_sys::Function = store.on_change(cb.into(), true).unchecked_into();
    assert_eq!(seen.length(), 1, "fireImmediately");

    let record = obj(&[("id", "r1".into()), ("collectionName", "users".into())]);
    store.save("tok".into(), Some(record));
    assert_eq!(seen.length(), 2);
    let last = js_sys::Array::from(&seen.get(1));
    assert_eq!(last.get(0).as_string().unwrap(), "tok");
    assert_eq!(get_str(&last.get(1), "id"), "r1");

    store.clear();
    assert_eq!(seen.length(), 3);
    assert_eq!(js_sys::Array::from(&seen.get(2)).get(1), JsValue::NULL);

    unsubscribe.call0(&JsValue::NULL).unwrap();
    unsubscribe
        .call0(&JsValue::NULL)
        .expect("a second unsubscribe is harmless");
    store.save("tok2".into(), None);
    assert_eq!(seen.length(), 3);
    let on_change: js_sys::Function = get(&store, "onChange").unchecked_into();
    let e = on_change.call1(&store, &JsValue::from(5)).unwrap_err();
    assert_type_error(&e, "callback must be a function");
}

#[wasm_bindgen_test]
async fn anonymous_calls_get_401() {
    let c = client_of(PB_URL).await;
    assert_error(&err(c.backups().get_full_list(None)).await, 401, MSG_401);
    assert_error(&err(c.backups().create(arg("x.zip"), None)).await, 401, MSG_401);
    assert_error(&err(c.backups().delete("x.zip".into(), None)).await, 401, MSG_401);
    assert_error(
        &err(c.backups().restore("x.zip".into(), None)).await,
        401,
        MSG_401,
    );
    assert_error(&err(c.files().get_token(None)).await, 401, MSG_401);
}

#[wasm_bindgen_test]
async fn non_superusers_get_403() {
    let email = create_regular_user(PB_URL).await;
    let c = client_of(PB_URL).await;
    ok(c.collection("users".into()).unwrap().auth_with_password(
        email.as_str().into(),
        ADMIN_PASSWORD.into(),
        None,
    ))
    .await;
    assert!(c.auth_store().is_valid());
    assert!(!c.auth_store().is_superuser());
    assert_error(&err(c.backups().get_full_list(None)).await, 403, MSG_403);
    assert_error(&err(c.backups().create(arg("x.zip"), None)).await, 403, MSG_403);
    assert_error(&err(c.backups().delete("x.zip".into(), None)).await, 403, MSG_403);
    assert_error(
        &err(c.backups().restore("x.zip".into(), None)).await,
        403,
        MSG_403,
    );

    // A regular user's file token does not open backups either.
    let su = superuser_client().await;
    let key = ok(su.backups().create(None, None)).await.as_string().unwrap();
    let token = ok(c.files().get_token(None)).await.as_string().unwrap();
    let url = c
        .backups()
        .get_download_url(token.into(), key.as_str().into(), None)
        .unwrap();
    let (status, _) = raw("GET", &url, None, None).await;
    assert_eq!(status, 403);
    ok(su.backups().delete(key.into(), None)).await;
}
