//! The official JS SDK's contract for what a backup panel touches: the client's
//! properties and hooks, `send()`, the option rules, the error's fields, `crons`, and
//! the results of `delete` and `restore`.

use crate::support::package::{BaseAuthStore, Client};
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::js::*;
use crate::support::*;

/// A `fetch` that records `[url, init]` of every call in `calls` and then fetches.
fn recording_fetch(calls: &Array) -> JsValue {
    Function::new_with_args(
        "calls, url, init",
        "calls.push([url, init]); return fetch(url, init);",
    )
    .bind1(&JsValue::NULL, calls)
    .into()
}

/// The URL and a header of the `n`th recorded call.
fn recorded(calls: &Array, n: u32, header: &str) -> (String, Option<String>) {
    let call = Array::from(&calls.get(n));
    // A plain object (as the official SDK passes them) or a `Headers`: read as one.
    let headers: web_sys::Headers = Function::new_with_args("h", "return new Headers(h);")
        .call1(&JsValue::NULL, &get(&call.get(1), "headers"))
        .unwrap()
        .unchecked_into();
    (call.get(0).as_string().unwrap(), headers.get(header).unwrap())
}

fn call_method(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = get(target, name).unchecked_into();
    f.apply(target, &args.iter().collect())
}

#[wasm_bindgen_test]
async fn lang_is_sent_as_accept_language_unless_a_call_sets_its_own() {
    crate::support::package::ready().await;
    let c = Client::new(arg(PB_URL), Some(BaseAuthStore::new().into()), arg("de-DE")).unwrap();
    assert_eq!(c.lang(), "de-DE");
    let calls = Array::new();
    ok(c.health().check(opts(&[("fetch", recording_fetch(&calls))]))).await;
    assert_eq!(recorded(&calls, 0, "accept-language").1.as_deref(), Some("de-DE"));

    c.set_lang("fr".into()).unwrap();
    let own = obj(&[("Accept-Language", "it".into())]);
    ok(c.health()
        .check(opts(&[("fetch", recording_fetch(&calls)), ("headers", own)])))
    .await;
    ok(c.health().check(opts(&[
        ("fetch", recording_fetch(&calls)),
        ("requestKey", JsValue::NULL),
    ])))
    .await;
    assert_eq!(recorded(&calls, 1, "accept-language").1.as_deref(), Some("it"));
    assert_eq!(recorded(&calls, 2, "accept-language").1.as_deref(), Some("fr"));
    assert_eq!(client_of(PB_URL).await.lang(), "en-US");
}

#[wasm_bindgen_test]
async fn base_url_is_writable_under_both_names() {
    let c = client_of("http://127.0.0.1:9").await;
    assert_eq!(c.base_url_alias(), "http://127.0.0.1:9");
    c.set_base_url_alias(PB_URL.into()).unwrap();
    assert_eq!(c.base_url(), PB_URL);
    assert_eq!(get_f64(&ok(c.health().check(None)).await, "code"), 200.0);
    c.set_base_url("http://127.0.0.1:9".into()).unwrap();
    assert_eq!(get_f64(&err(c.health().check(None)).await, "status"), 0.0);
    assert_type_error(
        &c.set_base_url(JsValue::from(3)).unwrap_err(),
        "baseURL must be a string",
    );
}

#[wasm_bindgen_test]
async fn before_send_can_rewrite_the_url_and_headers_even_asynchronously() {
    // The client points nowhere; the hook sends every request to the real server and
    // signs it with the superuser's token.
    let token = superuser_client().await.auth_store().token();
    let c = client_of("http://127.0.0.1:9").await;
    let seen = Array::new();
    let hook = Function::new_with_args(
        "seen, base, token, url, options",
        "seen.push([url, options.method, JSON.stringify(options.query), options.signal instanceof AbortSignal]);
         const headers = { ...options.headers, Authorization: token, 'X-Hook': '1' };
         const query = { ...options.query, fields: 'key,size' };
         return Promise.resolve({ url: url.replace('http://127.0.0.1:9', base), options: { ...options, headers, query } });",
    )
    .bind3(&JsValue::NULL, &seen, &PB_URL.into(), &token.as_str().into());
    c.set_before_send(hook.clone().into()).unwrap();
    assert_eq!(c.before_send(), JsValue::from(hook));
    let list = Array::from(&ok(c.backups().get_full_list(opts(&[("fields", "key".into())]))).await);
    // As in the official SDK: the URL without the query, which is in `options.query`
    // and appended (as the hook left it) after the hook.
    let first = Array::from(&seen.get(0));
    assert_eq!(
        first.get(0).as_string().unwrap(),
        "http://127.0.0.1:9/api/backups"
    );
    assert_eq!(first.get(2).as_string().unwrap(), r#"{"fields":"key"}"#);
    assert_eq!(first.get(3), JsValue::TRUE, "options.signal");
    for b in list.iter() {
        assert_eq!(
            Object::keys(b.unchecked_ref::<Object>()).length(),
            2,
            "fields=key,size reached the server"
        );
    }
    assert_eq!(first.get(1).as_string().unwrap(), "GET");

    // The older form: the options themselves; and a hook that only changes them in place.
    let legacy = Function::new_with_args(
        "token, url, options",
        "return { ...options, headers: { ...options.headers, Authorization: token } };",
    )
    .bind1(&JsValue::NULL, &token.as_str().into());
    c.set_base_url(PB_URL.into()).unwrap();
    c.set_before_send(legacy.into()).unwrap();
    ok(c.backups().get_full_list(None)).await;
    let in_place = Function::new_with_args("token, url, options", "options.headers.Authorization = token;")
        .bind1(&JsValue::NULL, &token.as_str().into());
    c.set_before_send(in_place.into()).unwrap();
    ok(c.backups().get_full_list(None)).await;

    c.set_before_send(JsValue::UNDEFINED).unwrap();
    assert!(c.before_send().is_undefined());
    assert_error(&err(c.backups().get_full_list(None)).await, 401, MSG_401);
    assert_type_error(
        &c.set_before_send(JsValue::from(1)).unwrap_err(),
        "beforeSend must be a function",
    );
}

#[wasm_bindgen_test]
async fn after_send_sees_every_answer_and_replaces_its_data() {
    let c = superuser_client().await;
    let seen = Array::new();
    let hook = Function::new_with_args(
        "seen, response, data, options",
        "seen.push([response.status, response instanceof Response, options.method]);
         if (response.status >= 400) return { ...data, message: 'Changed: ' + data.message };
         return Array.isArray(data) ? data.concat([{ key: 'added.zip', size: 1, modified: '' }]) : data;",
    )
    .bind1(&JsValue::NULL, &seen);
    c.set_after_send(hook.into()).unwrap();
    let list = Array::from(&ok(c.backups().get_full_list(None)).await);
    assert_eq!(get_str(&list.get(list.length() - 1), "key"), "added.zip");
    let e = err(c.backups().delete("missing_for_after_send.zip".into(), None)).await;
    assert_eq!(get_f64(&e, "status"), 400.0);
    assert!(get_str(&e, "message").starts_with("Changed: Invalid or already deleted backup file."));
    let first = Array::from(&seen.get(0));
    assert_eq!(first.get(0), JsValue::from(200));
    assert_eq!(first.get(1), JsValue::TRUE);
    assert_eq!(first.get(2).as_string().unwrap(), "GET");
    assert_eq!(Array::from(&seen.get(1)).get(0), JsValue::from(400));
    assert_eq!(Array::from(&seen.get(1)).get(2).as_string().unwrap(), "DELETE");

    // An upload through XMLHttpRequest gets a Response too.
    let name = format!("after_send_{}.zip", unique());
    let progress = Function::new_no_args("");
    let key = ok(c.backups().upload(
        zip_file(&name, &[("data.db", 1024)]).into(),
        opts(&[("onProgress", progress.into())]),
    ))
    .await;
    assert_eq!(key.as_string().unwrap(), name);
    let last = Array::from(&seen.get(seen.length() - 1));
    assert_eq!(last.get(0), JsValue::from(204));
    assert_eq!(last.get(1), JsValue::TRUE);
    c.set_after_send(JsValue::NULL).unwrap();
    assert_eq!(
        ok(c.backups().delete(name.as_str().into(), None)).await,
        JsValue::TRUE
    );
}

#[wasm_bindgen_test]
async fn unknown_options_become_query_parameters() {
    let c = superuser_client().await;
    let calls = Array::new();
    let params = obj(&[("a", "params".into()), ("b", "params".into())]);
    let query = obj(&[
        ("b", "query".into()),
        ("c", "query".into()),
        ("$autoCancel", JsValue::FALSE),
    ]);
    let list = ok(c.backups().get_full_list(opts(&[
        ("fetch", recording_fetch(&calls)),
        ("params", params),
        ("query", query),
        ("c", "top".into()),
        ("fields", "key".into()),
        ("cache", "no-store".into()),
    ])))
    .await;
    let (url, _) = recorded(&calls, 0, "x");
    assert_eq!(
        url,
        format!("{PB_URL}/api/backups?a=params&b=query&c=top&fields=key")
    );
    let init = Array::from(&calls.get(0)).get(1);
    assert_eq!(
        get_str(&init, "cache"),
        "no-store",
        "RequestInit fields reach fetch"
    );
    // The server honoured `fields`: only keys.
    for b in Array::from(&list).iter() {
        assert_eq!(
            Object::keys(b.unchecked_ref::<Object>()).to_vec(),
            vec![JsValue::from("key")]
        );
    }
}

#[wasm_bindgen_test]
async fn cancel_key_and_auto_cancel_keep_their_official_meaning() {
    let c = superuser_client().await;
    // `$cancelKey` names the request: a second call with the same key cancels the first.
    let first = c.backups().get_full_list(opts(&[("$cancelKey", "k1".into())]));
    let second = c.health().check(opts(&[("$cancelKey", "k1".into())]));
    let e = err(first).await;
    assert_eq!(get(&e, "isAbort"), JsValue::TRUE);
    ok(second).await;
    // `$autoCancel: false` opts out: two identical calls both finish.
    let a = c
        .backups()
        .get_full_list(opts(&[("$autoCancel", JsValue::FALSE)]));
    let b = c
        .backups()
        .get_full_list(opts(&[("$autoCancel", JsValue::FALSE)]));
    ok(a).await;
    ok(b).await;
    // The client's cancel methods return a client of the same session.
    let again = c
        .auto_cancellation(JsValue::TRUE)
        .cancel_all_requests()
        .cancel_request("x".into());
    assert_eq!(again.auth_store(), c.auth_store());
    ok(again.backups().get_full_list(None)).await;
}

#[wasm_bindgen_test]
async fn send_reaches_any_route_with_the_session() {
    let c = superuser_client().await;
    let list = ok(c.send("/api/backups".into(), opts(&[("method", "GET".into())]))).await;
    assert!(Array::is_array(&list));
    let health = ok(c.send("/api/health".into(), None)).await;
    assert_eq!(get_str(&health, "message"), "API is healthy.");
    // A JSON body from an object; a 204 resolves with `{}`.
    let name = format!("send_{}.zip", unique());
    let made = ok(c.send(
        "/api/backups".into(),
        opts(&[
            ("method", "POST".into()),
            ("body", obj(&[("name", name.as_str().into())])),
        ]),
    ))
    .await;
    assert_eq!(Object::keys(made.unchecked_ref::<Object>()).length(), 0);
    assert!(keys(&c).await.contains(&name));
    let e = err(c.send(
        "/api/backups".into(),
        opts(&[
            ("method", "POST".into()),
            ("body", obj(&[("name", name.as_str().into())])),
        ]),
    ))
    .await;
    assert_eq!(get_f64(&e, "status"), 400.0);
    assert_eq!(field_code(&e, "name"), "validation_backup_name_exists");
    ok(c.send(
        format!("/api/backups/{name}").into(),
        opts(&[("method", "DELETE".into())]),
    ))
    .await;
    assert_type_error(
        &err(c.send(JsValue::from(1), None)).await,
        "path must be a string",
    );
}

#[wasm_bindgen_test]
async fn the_error_has_the_official_fields_and_messages() {
    let c = superuser_client().await;
    let e = err(c.backups().delete("missing_official.zip".into(), None)).await;
    assert_eq!(get_str(&e, "name"), "ClientResponseError 400");
    assert_eq!(get(&e, "data"), get(&e, "response"), "data is the response");
    let json = call_method(&e, "toJSON", &[]).unwrap();
    assert_eq!(get_f64(&json, "status"), 400.0);
    assert_eq!(get(&json, "response"), get(&e, "response"));
    assert_eq!(
        get_str(&json, "url"),
        format!("{PB_URL}/api/backups/missing_official.zip")
    );
    let text = js_sys::JSON::stringify(&e).unwrap().as_string().unwrap();
    assert!(text.contains("\"status\":400"), "{text}");

    // Built by hand, as apps and tests do with the official class.
    let class = get(&Object::get_prototype_of(&e).into(), "constructor");
    let make = |fields: JsValue| {
        Reflect::construct(class.unchecked_ref::<Function>(), &Array::of1(&fields)).unwrap()
    };
    let made = make(obj(&[
        ("status", 404.into()),
        ("data", obj(&[("message", "Gone.".into())])),
    ]));
    assert_eq!(get_str(&made, "name"), "ClientResponseError 404");
    assert_eq!(get_str(&made, "message"), "Gone.");
    let aborted = make(obj(&[("isAbort", JsValue::TRUE)]));
    assert!(get_str(&aborted, "message").starts_with("The request was aborted (most likely autocancelled"));
    let plain = make(JsValue::UNDEFINED);
    assert_eq!(get_str(&plain, "message"), "Something went wrong.");
    assert_eq!(get_f64(&plain, "status"), 0.0);
    let wrapped = make(js_sys::Error::new("boom").into());
    assert!(get(&wrapped, "originalError").is_instance_of::<js_sys::Error>());
    assert_eq!(get(&wrapped, "cause"), get(&wrapped, "originalError"));
}

#[wasm_bindgen_test]
async fn delete_resolves_true_and_the_auth_store_can_be_replaced() {
    let c = superuser_client().await;
    let key = ok(c.backups().create(arg(""), None)).await;
    assert!(
        key.as_string().is_some_and(|k| !k.is_empty()),
        "a non-empty key, truthy like true"
    );
    assert_eq!(ok(c.backups().delete(key, None)).await, JsValue::TRUE);

    let signed_out: JsValue = BaseAuthStore::new().into();
    c.set_auth_store(signed_out.clone()).unwrap();
    assert_eq!(c.auth_store(), signed_out);
    assert_error(&err(c.backups().get_full_list(None)).await, 401, MSG_401);
    // A store of the app's own: any object with token, save and clear.
    let custom = Function::new_no_args(
        "const s = { token: '', saved: 0, save(t) { this.token = t; this.saved++; }, clear() { this.token = ''; } }; return s;",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    c.set_auth_store(custom.clone()).unwrap();
    ok(c.collection("_superusers".into()).unwrap().auth_with_password(
        ADMIN_EMAIL.into(),
        ADMIN_PASSWORD.into(),
        None,
    ))
    .await;
    assert_eq!(
        get_f64(&custom, "saved"),
        1.0,
        "the client saved through the store's own save()"
    );
    ok(c.backups().get_full_list(None)).await;
}

#[wasm_bindgen_test]
async fn crons_list_and_run_the_scheduled_backup() {
    let c = superuser_client().await;
    let jobs = Array::from(&ok(c.crons().get_full_list(None)).await);
    let ids: Vec<String> = jobs.iter().map(|j| get_str(&j, "id")).collect();
    assert!(ids.contains(&"__pbDBOptimize__".to_string()), "{ids:?}");
    assert!(jobs.iter().all(|j| !get_str(&j, "expression").is_empty()));
    let e = err(c.crons().run("no_such_job".into(), None)).await;
    assert_error(&e, 404, "Missing or invalid cron job.");

    // With a schedule, the scheduled backup is the job `__pbAutoBackup__`.
    let patch = |cron: &str| {
        let backups = obj(&[("cron", cron.into()), ("cronMaxKeep", 3.into())]);
        opts(&[("method", "PATCH".into()), ("body", obj(&[("backups", backups)]))])
    };
    ok(c.send("/api/settings".into(), patch("0 3 * * *"))).await;
    let jobs = Array::from(&ok(c.crons().get_full_list(None)).await);
    let auto = jobs
        .iter()
        .find(|j| get_str(j, "id") == "__pbAutoBackup__")
        .expect("listed");
    assert_eq!(get_str(&auto, "expression"), "0 3 * * *");
    let before = keys(&c).await;
    assert_eq!(
        ok(c.crons().run("__pbAutoBackup__".into(), None)).await,
        JsValue::TRUE
    );
    // The job runs in the background: wait (bounded) until its backup is listed and
    // the server is idle again.
    let mut made = Vec::new();
    for _ in 0..100 {
        until_idle(&c).await;
        made = keys(&c)
            .await
            .into_iter()
            .filter(|k| !before.contains(k))
            .collect();
        if !made.is_empty() {
            break;
        }
        sleep(100).await;
    }
    ok(c.send("/api/settings".into(), patch(""))).await;
    let jobs = Array::from(&ok(c.crons().get_full_list(None)).await);
    assert!(
        jobs.iter().all(|j| get_str(&j, "id") != "__pbAutoBackup__"),
        "gone without a schedule"
    );
    assert_eq!(made.len(), 1, "{made:?}");
    assert!(made[0].starts_with("@auto_pb_backup_"), "{made:?}");
    assert_eq!(
        ok(c.backups().delete(made[0].as_str().into(), None)).await,
        JsValue::TRUE
    );
}
