//! Failures without a server answer, wrong arguments, keys that try to leave their
//! route, and the per-call `query`, `headers` and `fetch` options.

use crate::support::package::Client;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::js::*;
use crate::support::*;

#[wasm_bindgen_test]
async fn an_unreachable_server_gives_status_0_with_the_original_error() {
    let c = client_of("http://127.0.0.1:9").await;
    let e = err(c.health().check(None)).await;
    assert!(crate::support::package::is_client_response_error(e.clone()));
    assert_eq!(get_f64(&e, "status"), 0.0);
    assert_eq!(get(&e, "isAbort"), JsValue::FALSE);
    assert_eq!(get_str(&e, "url"), "http://127.0.0.1:9/api/health");
    assert!(get_str(&e, "message").starts_with("The connection to the server failed"));
    assert!(get(&e, "originalError").is_instance_of::<js_sys::Error>());
    assert!(!crate::support::package::is_client_response_error(
        JsValue::from_str("x")
    ));
    assert!(!crate::support::package::is_client_response_error(
        js_sys::Error::new("x").into()
    ));
}

/// A wrong argument type is a `TypeError` (thrown by sync methods, a rejection of
/// async ones), never a `ClientResponseError`, whose status 0 means "no answer".
#[wasm_bindgen_test]
async fn wrong_argument_types_are_type_errors_and_the_client_keeps_working() {
    let c = superuser_client().await;
    let cases: Vec<(js_sys::Promise, &str)> = vec![
        (
            c.backups().delete(JsValue::from(42), None),
            "key must be a string, got number.",
        ),
        (
            c.backups().restore(JsValue::NULL, None),
            "key must be a string, got null.",
        ),
        (
            c.backups().create(arg(js_sys::Object::new()), None),
            "basename must be a string, got object.",
        ),
        (
            c.backups().get_full_list(Some(JsValue::from(1))),
            "options must be an object, got number.",
        ),
        (
            c.backups().get_full_list(opts(&[("signal", "no".into())])),
            "options.signal must be an AbortSignal, got string.",
        ),
        (
            c.backups()
                .get_full_list(opts(&[("requestKey", JsValue::from(3))])),
            "options.requestKey must be a string, got number.",
        ),
        (
            c.backups()
                .get_full_list(opts(&[("headers", obj(&[("X-A", JsValue::from(1))]))])),
            "options.headers[\"X-A\"] must be a string, got number.",
        ),
        (
            c.backups().upload(JsValue::from("x"), None),
            "upload needs {file: File | Blob}",
        ),
        (
            c.backups().inspect(JsValue::NULL),
            "inspect needs a File or Blob.",
        ),
        (
            c.collection("_superusers".into()).unwrap().auth_with_password(
                JsValue::UNDEFINED,
                "x".into(),
                None,
            ),
            "usernameOrEmail must be a string, got undefined.",
        ),
        (
            c.crons().run(JsValue::from(1), None),
            "jobId must be a string, got number.",
        ),
    ];
    for (p, message) in cases {
        let e = err(p).await;
        assert_type_error(&e, message);
        assert!(!crate::support::package::is_client_response_error(e.clone()));
    }
    assert_type_error(
        &c.collection(JsValue::from(1)).err().unwrap(),
        "idOrName must be a string",
    );
    assert_type_error(
        &Client::new(arg(1), None, None).err().unwrap(),
        "baseURL must be a string",
    );
    assert_type_error(
        &Client::new(None, Some(JsValue::from("store")), None)
            .err()
            .unwrap(),
        "authStore must be an auth store",
    );
    assert_type_error(
        &c.backups()
            .get_download_url(JsValue::NULL, "k".into(), None)
            .unwrap_err(),
        "token must be a string, got null.",
    );
    // A key no URL can address is refused before sending, as a TypeError too.
    let token = c.auth_store().token();
    assert_type_error(
        &c.backups()
            .get_download_url(token.into(), "..".into(), None)
            .unwrap_err(),
        "cannot be addressed in a URL",
    );
    ok(c.backups().get_full_list(None)).await;
}

#[wasm_bindgen_test]
async fn keys_that_no_url_can_address_are_refused_before_sending() {
    let c = superuser_client().await;
    for key in ["", ".", ".."] {
        let e = err(c.backups().delete(key.into(), None)).await;
        assert_type_error(
            &e,
            if key.is_empty() {
                "must not be empty"
            } else {
                "cannot be addressed"
            },
        );
        assert!(c
            .backups()
            .get_download_url("t".into(), key.into(), None)
            .is_err());
    }
}

#[wasm_bindgen_test]
async fn hostile_keys_stay_on_the_backups_route() {
    let c = superuser_client().await;
    let before = keys(&c).await;
    for key in [
        "../collections/users",
        "a/../../x",
        "x.zip?token=abc",
        "x.zip#frag",
        "%2e%2e",
    ] {
        let e = err(c.backups().delete(key.into(), no_cancel())).await;
        assert_eq!(get_f64(&e, "status"), 400.0, "{key}");
        assert!(
            get_str(&e, "message").starts_with("Invalid or already deleted backup file."),
            "{key}"
        );
        let e = err(c.backups().restore(key.into(), no_cancel())).await;
        assert_error(&e, 400, "Missing or invalid backup file.");
        assert!(get_str(&e, "url").starts_with(&format!("{PB_URL}/api/backups/")));
    }
    // The users collection is still there and the backups are unchanged.
    let token = c.auth_store().token();
    let (status, _) = raw(
        "GET",
        &format!("{PB_URL}/api/collections/users"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(keys(&c).await, before);
}

#[wasm_bindgen_test]
async fn query_headers_and_a_custom_fetch_are_used() {
    let c = superuser_client().await;
    let calls = js_sys::Array::new();
    let fetch = js_sys::Function::new_with_args(
        "url, init",
        "const headers = new Headers(init.headers);
         this.push([url, headers.get('authorization'), headers.get('x-extra')]); return fetch(url, init);",
    )
    .bind0(&calls);
    let query = obj(&[
        ("a", js_sys::Array::of2(&"1".into(), &JsValue::from(2)).into()),
        ("b", JsValue::NULL),
        ("c", "x y".into()),
    ]);
    let headers = obj(&[("X-Extra", "yes".into())]);
    let h = ok(c.health().check(opts(&[
        ("query", query),
        ("headers", headers),
        ("fetch", fetch.into()),
    ])))
    .await;
    assert_eq!(get_f64(&h, "code"), 200.0);
    assert_eq!(calls.length(), 1);
    let call = js_sys::Array::from(&calls.get(0));
    assert_eq!(
        call.get(0).as_string().unwrap(),
        format!("{PB_URL}/api/health?a=1&a=2&c=x%20y")
    );
    assert_eq!(call.get(1).as_string().unwrap(), c.auth_store().token());
    assert_eq!(call.get(2).as_string().unwrap(), "yes");

    // An Authorization header given per call replaces the stored token.
    let bad = obj(&[("Authorization", "not-a-token".into())]);
    let e = err(c.backups().get_full_list(opts(&[("headers", bad)]))).await;
    assert_error(&e, 401, MSG_401);
}

#[wasm_bindgen_test]
async fn a_relative_base_resolves_against_the_page() {
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    let c = client_of("/").await;
    assert_eq!(c.base_url(), "/", "kept as given, as in the official SDK");
    assert_eq!(
        c.build_url("/api/health".into()).unwrap(),
        format!("{origin}/api/health")
    );
    let d = client_of(&format!("{PB_URL}/")).await;
    assert_eq!(
        d.build_url("api/health".into()).unwrap(),
        format!("{PB_URL}/api/health")
    );
}

#[wasm_bindgen_test]
async fn keys_with_a_lone_surrogate_are_refused_not_replaced() {
    let c = superuser_client().await;
    // A backup whose key holds U+FFFD, the character a lone surrogate turns into.
    let stem = format!("sur_{}_", unique());
    let stored = format!("{stem}\u{FFFD}.zip");
    let key = ok(c
        .backups()
        .upload(zip_file(&stored, &[("data.db", 64)]).into(), None))
    .await;
    assert_eq!(key.as_string().unwrap(), stored);
    // The same key with a lone high surrogate instead: a string Rust cannot hold.
    let lone = js_sys::Function::new_with_args("s", "return s + '\\uD800.zip';")
        .call1(&JsValue::NULL, &stem.as_str().into())
        .unwrap();
    assert!(!lone.dyn_ref::<js_sys::JsString>().unwrap().is_valid_utf16());
    let message = "key must be valid Unicode: it holds a lone surrogate";
    assert_type_error(&err(c.backups().delete(lone.clone(), None)).await, message);
    assert_type_error(&err(c.backups().restore(lone.clone(), None)).await, message);
    assert_type_error(&err(c.backups().download(lone.clone(), None)).await, message);
    assert_type_error(&err(c.backups().save(lone.clone(), None)).await, message);
    let token = ok(c.files().get_token(None)).await;
    assert_type_error(
        &c.backups()
            .get_download_url(token, lone.clone(), None)
            .unwrap_err(),
        message,
    );
    assert_type_error(
        &err(c.backups().create(Some(lone.clone()), None)).await,
        "basename must be valid Unicode",
    );
    // Nothing was deleted in its place.
    assert!(keys(&c).await.contains(&stored));
    ok(c.backups().delete(stored.as_str().into(), None)).await;
}
