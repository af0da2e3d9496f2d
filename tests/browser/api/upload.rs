//! Upload progress and cancelling an upload midway.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::AbortController;

use crate::support::js::*;
use crate::support::*;

const SIZE: usize = 64 << 20;

fn recorder(seen: Rc<RefCell<Vec<(f64, f64)>>>, then: impl Fn(f64, f64) + 'static) -> JsValue {
    Closure::<dyn Fn(JsValue)>::new(move |p: JsValue| {
        let (loaded, total) = (get_f64(&p, "loaded"), get_f64(&p, "total"));
        seen.borrow_mut().push((loaded, total));
        then(loaded, total);
    })
    .into_js_value()
}

#[wasm_bindgen_test]
async fn a_64_mib_upload_reports_monotonic_progress_ending_at_total() {
    let c = superuser_client().await;
    let name = format!("progress_{}.zip", unique());
    let file = zip_file(&name, &[("data.db", SIZE), ("auxiliary.db", 1024)]);
    let size = file.size();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let on_progress = recorder(seen.clone(), |_, _| {});

    let key = ok(c
        .backups()
        .upload(file.clone().into(), opts(&[("onProgress", on_progress)])))
    .await;
    assert_eq!(key.as_string().unwrap(), name);

    let seen = seen.borrow().clone();
    assert!(seen.len() >= 3, "start, at least one step between, end: {seen:?}");
    assert_eq!(seen[0], (0.0, size));
    assert_eq!(*seen.last().unwrap(), (size, size));
    assert!(
        seen.windows(2).all(|w| w[0].0 < w[1].0),
        "strictly increasing: {seen:?}"
    );
    assert!(seen.iter().all(|&(_, total)| total == size));
    assert!(seen[1..seen.len() - 1].iter().all(|&(l, _)| l > 0.0 && l < size));

    let listed = js_sys::Array::from(&ok(c.backups().get_full_list(None)).await);
    let info = listed.iter().find(|b| get_str(b, "key") == name).expect("stored");
    assert_eq!(get_f64(&info, "size"), size);
    assert_stored_as_sent(&c, &name, &file).await;
    ok(c.backups().delete(name.into(), None)).await;
}

#[wasm_bindgen_test]
async fn aborting_an_upload_midway_leaves_no_backup() {
    let c = superuser_client().await;
    let name = format!("aborted_upload_{}.zip", unique());
    let file = zip_file(&name, &[("data.db", SIZE)]);
    let size = file.size();
    let ctl = AbortController::new().unwrap();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let aborter = ctl.clone();
    let on_progress = recorder(seen.clone(), move |loaded, total| {
        if loaded > 0.0 && loaded < total {
            aborter.abort();
        }
    });

    let e = err(c.backups().upload(
        file.into(),
        opts(&[("onProgress", on_progress), ("signal", ctl.signal().into())]),
    ))
    .await;
    assert_eq!(get(&e, "isAbort"), JsValue::TRUE, "{:?}", get(&e, "message"));
    assert_eq!(get_f64(&e, "status"), 0.0);
    let last = seen.borrow().last().copied().unwrap();
    assert!(last.0 > 0.0 && last.0 < size, "stopped midway: {last:?}");

    // The server drops the partial upload.
    sleep(300).await;
    assert!(!keys(&c).await.contains(&name));
    // And the client still works.
    let again = JsFuture::from(c.health().check(None)).await;
    assert!(again.is_ok());
}
