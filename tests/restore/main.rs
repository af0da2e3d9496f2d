//! Restore against a server of its own: a restore replaces all of the server's data.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "../support/mod.rs"]
mod support;

use crate::support::package::Client;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use support::js::{client_of, obj};
use support::*;

/// What the tests read on `client.authStore`.
trait Store {
    fn token(&self) -> String;
    fn is_valid(&self) -> bool;
}

impl Store for JsValue {
    fn token(&self) -> String {
        get_str(self, "token")
    }
    fn is_valid(&self) -> bool {
        get(self, "isValid").as_bool().unwrap()
    }
}

async fn signed_in(email: &str, password: &str) -> Client {
    let c = client_of(PB_RESTORE_URL).await;
    let records = c.collection("_superusers".into()).unwrap();
    ok(records.auth_with_password(email.into(), password.into(), None)).await;
    c
}

/// `restore(key, {wait: true, ...extra})`, recording the phases reported.
async fn restore_waiting(
    c: &Client,
    key: &str,
    extra: &[(&str, JsValue)],
) -> (Result<JsValue, JsValue>, Vec<String>) {
    let phases = js_sys::Array::new();
    let on_status = js_sys::Function::new_with_args("s", "this.push(s)").bind0(&phases);
    let mut pairs = vec![("wait", JsValue::TRUE), ("onStatus", on_status.into())];
    pairs.extend(extra.iter().cloned());
    let p = c
        .backups()
        .restore(key.into(), Some(obj(&pairs).unchecked_into()));
    let outcome = wasm_bindgen_futures::JsFuture::from(p).await;
    (outcome, phases.iter().map(|p| p.as_string().unwrap()).collect())
}

/// Uploads a zip without data.db and returns its key: the server accepts a restore of
/// it, answers 204, and does nothing.
async fn upload_backup_without_data(c: &Client) -> String {
    let name = format!("no_db_{}.zip", unique());
    let file = zip_file(&name, &[("auxiliary.db", 64), ("types.d.ts", 16)]);
    ok(c.backups().upload(
        file.into(),
        Some(obj(&[("verify", JsValue::FALSE)]).unchecked_into()),
    ))
    .await;
    name
}

async fn record_titles(token: &str, collection: &str) -> Vec<String> {
    let url = format!("{PB_RESTORE_URL}/api/collections/{collection}/records?perPage=100");
    let (status, body) = raw_json("GET", &url, Some(token), None).await;
    assert_eq!(status, 200);
    let mut titles: Vec<String> = js_sys::Array::from(&get(&body, "items"))
        .iter()
        .map(|r| get_str(&r, "title"))
        .collect();
    titles.sort();
    titles
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

async fn add_collection(token: &str, name: &str) {
    let schema = format!(r#"{{"name":"{name}","type":"base","fields":[{{"name":"title","type":"text"}}]}}"#);
    let (status, _) = raw_json(
        "POST",
        &format!("{PB_RESTORE_URL}/api/collections"),
        Some(token),
        Some(&schema),
    )
    .await;
    assert_eq!(status, 200);
}

#[wasm_bindgen_test]
async fn restore_waits_for_the_restart_and_the_data_is_reverted() {
    let c = signed_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let token = c.auth_store().token();

    // A collection with one record, then the backup, then a second record and a
    // second collection made after it.
    let collection = format!("notes_{}", unique());
    add_collection(&token, &collection).await;
    add_record(&token, &collection, "before").await;
    let key = ok(c.backups().create(None, None)).await.as_string().unwrap();
    add_record(&token, &collection, "after").await;
    let later = format!("later_{}", unique());
    add_collection(&token, &later).await;
    assert_eq!(record_titles(&token, &collection).await, ["after", "before"]);

    let (outcome, phases) = restore_waiting(&c, &key, &[("timeoutMs", 20_000.into())]).await;
    let result = outcome.expect("restore completes");
    assert_eq!(phases, ["requested", "restarting", "back"]);
    assert_eq!(get(&result, "waited"), JsValue::TRUE);
    assert_eq!(get(&result, "authCleared"), JsValue::FALSE);

    // Resolved only once the server answers on the restored data: no polling needed.
    assert_eq!(record_titles(&token, &collection).await, ["before"]);
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

#[wasm_bindgen_test]
async fn a_restore_without_waiting_resolves_at_once() {
    let c = signed_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let key = ok(c.backups().create(None, None)).await.as_string().unwrap();
    let result = ok(c.backups().restore(key.as_str().into(), None)).await;
    assert_eq!(
        result,
        JsValue::TRUE,
        "resolves with true, as the official SDK does"
    );
    // The restart comes about a second later; let it pass before the next test.
    sleep(2_500).await;
    let mut back = false;
    for _ in 0..50 {
        if wasm_bindgen_futures::JsFuture::from(c.backups().get_full_list(None))
            .await
            .is_ok()
        {
            back = true;
            break;
        }
        sleep(100).await;
    }
    assert!(back, "the server answers again after its restart");
    ok(c.backups().delete(key.into(), None)).await;
}

/// The wait ended `took` ms after it began: at its `timeout_ms`, at most `slack_ms` later.
fn assert_gave_up_at(took: f64, timeout_ms: u32, slack_ms: u32) {
    let (from, to) = (f64::from(timeout_ms), f64::from(timeout_ms + slack_ms));
    assert!((from..to).contains(&took), "gave up at the timeout: {took} ms");
}

/// Asserts the error of a wait that ran out: status 0, not an abort, the message and
/// `response.code` saying the restore may still be in progress, no `response.data`.
fn assert_maybe_in_progress(e: &JsValue, timeout_ms: u32) {
    assert_eq!(get_str(e, "name"), "ClientResponseError 0");
    assert_eq!(get_f64(e, "status"), 0.0);
    assert_eq!(get(e, "isAbort"), JsValue::FALSE);
    let message = get_str(e, "message");
    assert!(
        message.starts_with(&format!(
            "The restore was not confirmed within {timeout_ms} ms and may still be in progress: "
        )),
        "{message}"
    );
    assert!(
        message.ends_with("Call backups.watchRestore() to keep waiting."),
        "{message}"
    );
    let response = get(e, "response");
    assert_eq!(get_str(&response, "code"), "restore_in_progress");
    assert_eq!(get_str(&response, "message"), message);
    assert!(get(&response, "data").is_undefined());
}

/// `watchRestore(options)`, recording the phases reported, and how long it took.
async fn watch_restore(
    c: &Client,
    extra: &[(&str, JsValue)],
) -> (Result<JsValue, JsValue>, Vec<String>, f64) {
    let phases = js_sys::Array::new();
    let on_status = js_sys::Function::new_with_args("s", "this.push(s)").bind0(&phases);
    let mut pairs = vec![("onStatus", on_status.into())];
    pairs.extend(extra.iter().cloned());
    let started = js_sys::Date::now();
    let p = c.backups().watch_restore(Some(obj(&pairs)));
    let outcome = wasm_bindgen_futures::JsFuture::from(p).await;
    let took = js_sys::Date::now() - started;
    (
        outcome,
        phases.iter().map(|p| p.as_string().unwrap()).collect(),
        took,
    )
}

#[wasm_bindgen_test]
async fn a_restore_that_never_restarts_rejects_in_time_as_maybe_in_progress_and_can_be_watched() {
    let c = signed_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let name = upload_backup_without_data(&c).await;

    let started = js_sys::Date::now();
    let (outcome, phases) = restore_waiting(&c, &name, &[("timeoutMs", 4_000.into())]).await;
    let took = js_sys::Date::now() - started;
    let e = outcome.expect_err("no restart, no success");
    assert_maybe_in_progress(&e, 4_000);
    assert_gave_up_at(took, 4_000, 600);
    assert_eq!(phases, ["requested"]);

    // Watching on: still no restart, the same error within its own limit.
    let (outcome, phases, took) = watch_restore(&c, &[("timeoutMs", 1_500.into())]).await;
    assert_maybe_in_progress(&outcome.expect_err("still no restart"), 1_500);
    assert_gave_up_at(took, 1_500, 600);
    assert_eq!(phases, ["requested"]);

    // Nothing changed: the same session still works.
    ok(c.backups().delete(name.into(), None)).await;
}

#[wasm_bindgen_test]
async fn absurd_wait_limits_are_type_errors() {
    let c = signed_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let absurd = [
        JsValue::from(0),
        JsValue::from(-1),
        JsValue::from(f64::NAN),
        JsValue::from(f64::INFINITY),
        JsValue::from(86_400_001),
        JsValue::from(1e12),
        JsValue::from_str("5000"),
    ];
    for ms in absurd {
        let options = obj(&[("timeoutMs", ms.clone())]);
        let e = err(c.backups().watch_restore(Some(options))).await;
        assert!(
            e.is_instance_of::<js_sys::TypeError>(),
            "watchRestore {ms:?}: {e:?}"
        );
        assert_eq!(
            get_str(&e, "message"),
            "options.timeoutMs must be a number of milliseconds from 1 to 86400000 (24 h)."
        );
        let options = obj(&[("wait", JsValue::TRUE), ("timeoutMs", ms.clone())]);
        let e = err(c
            .backups()
            .restore("none.zip".into(), Some(options.unchecked_into())))
        .await;
        assert!(e.is_instance_of::<js_sys::TypeError>(), "restore {ms:?}: {e:?}");
        assert_eq!(
            get_str(&e, "message"),
            "options.timeoutMs must be a number of milliseconds from 1 to 86400000 (24 h)."
        );
    }
    // 24 h itself is allowed; an abort ends the wait at once.
    let ctl = web_sys::AbortController::new().unwrap();
    ctl.abort();
    let options = obj(&[("timeoutMs", 86_400_000.into()), ("signal", ctl.signal().into())]);
    let e = err(c.backups().watch_restore(Some(options))).await;
    assert_eq!(get(&e, "isAbort"), JsValue::TRUE);
}

/// A client of the fault server in `mode` (tests/fault_server.py).
async fn fault_client(mode: &str) -> Client {
    client_of(&format!("{FAULT_URL}/{mode}")).await
}

#[wasm_bindgen_test]
async fn a_dropped_connection_while_the_server_still_restores_is_not_the_restart() {
    // The server holds its backup lock throughout and closes the realtime connection
    // after 1.5 s (and again after each reconnection), as it does with an idle one.
    let c = fault_client("restoring").await;
    let started = js_sys::Date::now();
    let (outcome, phases) = restore_waiting(&c, "big.zip", &[("timeoutMs", 4_000.into())]).await;
    let took = js_sys::Date::now() - started;
    assert_maybe_in_progress(&outcome.expect_err("the server never restarted"), 4_000);
    assert_gave_up_at(took, 4_000, 600);
    assert_eq!(phases, ["requested"]);
}

#[wasm_bindgen_test]
async fn a_health_check_that_never_answers_does_not_stretch_the_wait() {
    // The server accepts the restore, refuses the realtime connection, and then never
    // answers a health check.
    let c = fault_client("hanging").await;
    let started = js_sys::Date::now();
    let (outcome, phases) = restore_waiting(&c, "big.zip", &[("timeoutMs", 1_500.into())]).await;
    let took = js_sys::Date::now() - started;
    assert_maybe_in_progress(&outcome.expect_err("no answer, no success"), 1_500);
    assert_gave_up_at(took, 1_500, 500);
    assert_eq!(phases, ["requested"]);

    let (outcome, phases, took) = watch_restore(&c, &[("timeoutMs", 1_000.into())]).await;
    assert_maybe_in_progress(&outcome.expect_err("no answer, no success"), 1_000);
    assert_gave_up_at(took, 1_000, 500);
    assert_eq!(phases, ["requested"]);
}

/// A signal that a timer aborts `ms` from now, and the time it did.
fn abort_after(ms: i32) -> (web_sys::AbortSignal, std::rc::Rc<std::cell::Cell<f64>>) {
    let ctl = web_sys::AbortController::new().unwrap();
    let aborted_at = std::rc::Rc::new(std::cell::Cell::new(0.0));
    let abort = {
        let (ctl, at) = (ctl.clone(), aborted_at.clone());
        wasm_bindgen::closure::Closure::once_into_js(move || {
            at.set(js_sys::Date::now());
            ctl.abort();
        })
    };
    web_sys::window()
        .unwrap()
        .set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), ms)
        .unwrap();
    (ctl.signal(), aborted_at)
}

#[wasm_bindgen_test]
async fn aborting_while_the_server_stops_answering_rejects_at_once() {
    let c = fault_client("hanging").await;
    let (signal, aborted_at) = abort_after(500);
    let (outcome, phases) = restore_waiting(
        &c,
        "big.zip",
        &[("timeoutMs", 30_000.into()), ("signal", signal.into())],
    )
    .await;
    let latency = js_sys::Date::now() - aborted_at.get();
    let e = outcome.expect_err("an aborted wait rejects");
    assert_eq!(get(&e, "isAbort"), JsValue::TRUE);
    assert_eq!(get_f64(&e, "status"), 0.0);
    assert!(latency < 200.0, "rejected {latency} ms after the abort");
    assert_eq!(phases, ["requested"]);

    let (signal, aborted_at) = abort_after(300);
    let (outcome, _, _) = watch_restore(&c, &[("timeoutMs", 30_000.into()), ("signal", signal.into())]).await;
    let latency = js_sys::Date::now() - aborted_at.get();
    assert_eq!(get(&outcome.expect_err("aborted"), "isAbort"), JsValue::TRUE);
    assert!(latency < 200.0, "rejected {latency} ms after the abort");

    // The realtime connection never opens either: the abort ends the wait for it.
    let c = fault_client("silent").await;
    let (signal, aborted_at) = abort_after(500);
    let (outcome, phases) = restore_waiting(
        &c,
        "big.zip",
        &[("timeoutMs", 30_000.into()), ("signal", signal.into())],
    )
    .await;
    let latency = js_sys::Date::now() - aborted_at.get();
    assert_eq!(get(&outcome.expect_err("aborted"), "isAbort"), JsValue::TRUE);
    assert!(latency < 200.0, "rejected {latency} ms after the abort");
    assert!(phases.is_empty(), "aborted before the request: {phases:?}");
}

#[wasm_bindgen_test]
async fn a_realtime_connection_that_never_opens_leaves_time_for_the_restore() {
    // Neither the realtime connection nor a health check ever answers: the wait for
    // the connection takes a quarter of the time, the restore is still requested,
    // and the whole call ends at its limit.
    let c = fault_client("silent").await;
    let started = js_sys::Date::now();
    let (outcome, phases) = restore_waiting(&c, "big.zip", &[("timeoutMs", 2_000.into())]).await;
    let took = js_sys::Date::now() - started;
    assert_maybe_in_progress(&outcome.expect_err("no answer, no success"), 2_000);
    assert_gave_up_at(took, 2_000, 500);
    assert_eq!(phases, ["requested"], "the restore was requested");
}

#[wasm_bindgen_test]
async fn a_session_the_restored_data_refuses_is_cleared_with_a_signal() {
    let admin = signed_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let key = ok(admin.backups().create(None, None)).await.as_string().unwrap();

    // A second superuser, made after the backup.
    let email = format!("su_{}@example.com", unique());
    let body = format!(
        r#"{{"email":"{email}","password":"{ADMIN_PASSWORD}","passwordConfirm":"{ADMIN_PASSWORD}"}}"#
    );
    let url = format!("{PB_RESTORE_URL}/api/collections/_superusers/records");
    let (status, _) = raw_json("POST", &url, Some(&admin.auth_store().token()), Some(&body)).await;
    assert_eq!(status, 200);
    let newcomer = signed_in(&email, ADMIN_PASSWORD).await;

    let (outcome, phases) = restore_waiting(&newcomer, &key, &[]).await;
    let result = outcome.expect("restore completes");
    assert_eq!(get(&result, "authCleared"), JsValue::TRUE);
    assert_eq!(phases, ["requested", "restarting", "back", "signed-out"]);
    assert_eq!(newcomer.auth_store().token(), "");
    assert!(!newcomer.auth_store().is_valid());

    // The original superuser is in the backup and still works.
    ok(admin.backups().delete(key.into(), None)).await;
}

#[wasm_bindgen_test]
async fn aborting_a_waited_restore_rejects_at_once_and_the_client_works_on() {
    let c = signed_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    // The server never restarts for it, so the wait would last its timeout.
    let name = upload_backup_without_data(&c).await;

    // Aborted half a second into the wait, by a timer that notes when.
    let ctl = web_sys::AbortController::new().unwrap();
    let aborted_at = std::rc::Rc::new(std::cell::Cell::new(0.0));
    let abort = {
        let (ctl, at) = (ctl.clone(), aborted_at.clone());
        wasm_bindgen::closure::Closure::once_into_js(move || {
            at.set(js_sys::Date::now());
            ctl.abort();
        })
    };
    web_sys::window()
        .unwrap()
        .set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), 500)
        .unwrap();
    let (outcome, phases) = restore_waiting(
        &c,
        &name,
        &[("timeoutMs", 30_000.into()), ("signal", ctl.signal().into())],
    )
    .await;
    let latency = js_sys::Date::now() - aborted_at.get();
    let e = outcome.expect_err("an aborted wait rejects");
    assert_eq!(get_str(&e, "name"), "ClientResponseError 0");
    assert_eq!(get(&e, "isAbort"), JsValue::TRUE);
    assert_eq!(get_f64(&e, "status"), 0.0);
    assert!(latency < 1_000.0, "rejected {latency} ms after the abort");
    assert_eq!(phases, ["requested"]);

    ok(c.backups().delete(name.into(), None)).await;
}
