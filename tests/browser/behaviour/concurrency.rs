//! Many calls at once on one client, with the session changing underneath: every call
//! settles as documented, and none fails with a wasm "recursive use" error.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::js::*;
use crate::support::*;

#[wasm_bindgen_test]
async fn fifty_parallel_calls_all_complete_without_auto_cancellation() {
    let c = superuser_client().await;
    let expected = keys(&c).await;
    let pending: Vec<JsFuture> = (0..50)
        .map(|_| JsFuture::from(c.backups().get_full_list(no_cancel())))
        .collect();
    for p in pending {
        let list = p.await.expect("every call completes");
        let got: Vec<String> = js_sys::Array::from(&list)
            .iter()
            .map(|b| get_str(&b, "key"))
            .collect();
        assert_eq!(got, expected);
    }
}

#[wasm_bindgen_test]
async fn fifty_identical_calls_leave_only_the_last_with_auto_cancellation() {
    let c = superuser_client().await;
    let pending: Vec<JsFuture> = (0..50)
        .map(|_| JsFuture::from(c.backups().get_full_list(None)))
        .collect();
    let mut outcomes = Vec::new();
    for p in pending {
        outcomes.push(p.await);
    }
    let (last, earlier) = outcomes.split_last().unwrap();
    assert!(last.is_ok());
    for e in earlier {
        let e = e.as_ref().expect_err("auto-cancelled");
        assert_eq!(get(e, "isAbort"), JsValue::TRUE);
    }
}

#[wasm_bindgen_test]
async fn auth_changes_interleaved_with_pending_calls() {
    let c = superuser_client().await;
    let store = c.auth_store();
    let token = store.token();
    let record = store.record();
    // A listener that itself calls the client while the store is changing.
    let health = c.health();
    let reentrant = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        let _ = health.check(no_cancel());
    })
    .into_js_value();
    let _unsubscribe = store.on_change(reentrant, false);

    let mut pending = Vec::new();
    for i in 0..30 {
        pending.push(JsFuture::from(c.backups().get_full_list(no_cancel())));
        match i % 3 {
            0 => store.clear(),
            1 => store.save(token.as_str().into(), Some(record.clone())),
            _ => {}
        }
    }
    let (mut fine, mut refused) = (0, 0);
    for p in pending {
        match p.await {
            Ok(_) => fine += 1,
            Err(e) => {
                // Sent while signed out: the server's 401, nothing else.
                assert_error(&e, 401, MSG_401);
                refused += 1;
            }
        }
    }
    assert_eq!(fine + refused, 30);
    assert_eq!(refused, 10, "the calls sent right after clear()");
    store.save(token.into(), Some(record));
    ok(c.backups().get_full_list(None)).await;
}
