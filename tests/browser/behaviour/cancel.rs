//! Cancelling: the caller's signal, auto-cancellation of duplicates, and the
//! client's cancel methods.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::AbortController;

use crate::support::js::*;
use crate::support::*;

fn assert_abort(e: &JsValue) {
    assert_eq!(get_str(e, "name"), "ClientResponseError 0");
    assert_eq!(get(e, "isAbort"), JsValue::TRUE, "{:?}", get(e, "message"));
    assert_eq!(get_f64(e, "status"), 0.0);
}

#[wasm_bindgen_test]
async fn an_aborted_signal_cancels_before_and_during_the_call() {
    let c = superuser_client().await;
    let before = AbortController::new().unwrap();
    before.abort();
    let e = err(c
        .backups()
        .get_full_list(opts(&[("signal", before.signal().into())])))
    .await;
    assert_abort(&e);

    let during = AbortController::new().unwrap();
    let p = c
        .backups()
        .get_full_list(opts(&[("signal", during.signal().into())]));
    during.abort();
    assert_abort(&err(p).await);

    // The client still works afterwards.
    ok(c.backups().get_full_list(None)).await;
}

#[wasm_bindgen_test]
async fn a_signal_aborts_a_create_and_nothing_is_left_behind_unless_the_server_finished() {
    let c = superuser_client().await;
    let name = format!("aborted_{}.zip", unique());
    let ctl = AbortController::new().unwrap();
    let p = c
        .backups()
        .create(arg(name.as_str()), opts(&[("signal", ctl.signal().into())]));
    ctl.abort();
    assert_abort(&err(p).await);
    // The abort reached the browser before the request left, or the server goes on
    // and finishes it: once it is idle, the key list is consistent and can be cleaned.
    until_idle(&c).await;
    if keys(&c).await.contains(&name) {
        ok(c.backups().delete(name.into(), None)).await;
    }
}

#[wasm_bindgen_test]
async fn a_duplicate_pending_request_is_auto_cancelled() {
    let c = superuser_client().await;
    let first = JsFuture::from(c.backups().get_full_list(None));
    let second = JsFuture::from(c.backups().get_full_list(None));
    assert_abort(&first.await.unwrap_err());
    assert!(second.await.is_ok());

    // Same custom key: cancelled; different keys or `requestKey: null`: both complete.
    let a = JsFuture::from(c.backups().get_full_list(opts(&[("requestKey", "k".into())])));
    let b = JsFuture::from(c.health().check(opts(&[("requestKey", "k".into())])));
    assert_abort(&a.await.unwrap_err());
    assert!(b.await.is_ok());

    let a = JsFuture::from(c.backups().get_full_list(no_cancel()));
    let b = JsFuture::from(c.backups().get_full_list(no_cancel()));
    assert!(a.await.is_ok() && b.await.is_ok());

    c.auto_cancellation(JsValue::FALSE);
    let a = JsFuture::from(c.backups().get_full_list(None));
    let b = JsFuture::from(c.backups().get_full_list(None));
    assert!(a.await.is_ok() && b.await.is_ok());
}

#[wasm_bindgen_test]
async fn cancel_request_and_cancel_all_requests() {
    let c = superuser_client().await;
    let p = JsFuture::from(c.backups().get_full_list(opts(&[("requestKey", "mine".into())])));
    c.cancel_request("mine".into());
    assert_abort(&p.await.unwrap_err());

    let a = JsFuture::from(c.backups().get_full_list(None));
    let b = JsFuture::from(c.health().check(None));
    c.cancel_all_requests();
    assert_abort(&a.await.unwrap_err());
    assert_abort(&b.await.unwrap_err());

    // Default key is method + path.
    let p = JsFuture::from(c.backups().get_full_list(None));
    c.cancel_request("GET/api/backups".into());
    assert_abort(&p.await.unwrap_err());
    ok(c.backups().get_full_list(None)).await;
}
