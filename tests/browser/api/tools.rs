//! The tools module (verify, the cron rules): imported on the first call that needs it,
//! once for concurrent first calls, again after a load that failed; a load that fails is
//! a clear error and loses nothing.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::js::*;
use crate::support::zip_writer::*;
use crate::support::*;

/// A loader that counts its calls (in `globalThis[counter]`) and then does `body`.
/// Asserts that a verify found nothing wrong, showing the report when it did.
fn assert_sound(report: &JsValue) {
    let shown = js_sys::JSON::stringify(report)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    assert_eq!(get(report, "ok"), JsValue::TRUE, "{shown}");
}

fn counting_loader(counter: &str, body: &str) -> Function {
    Function::new_no_args(&format!(
        "globalThis[{counter:?}] = (globalThis[{counter:?}] ?? 0) + 1; {body}"
    ))
}

fn calls(counter: &str) -> f64 {
    Reflect::get(&js_sys::global(), &counter.into())
        .unwrap()
        .as_f64()
        .unwrap_or(0.0)
}

#[wasm_bindgen_test]
async fn concurrent_first_calls_share_one_load_and_later_calls_none() {
    let c = superuser_client().await;
    let counter = format!("toolsLoads_{}", unique());
    crate::support::package::set_tools_loader(&counting_loader(
        &counter,
        &format!("return import({TOOLS_MODULE_URL:?});"),
    ));
    let zip = write_zip(&backup(&[])).bytes;
    let first = [
        c.backups().verify(blob(&zip).into(), None),
        c.backups().verify(blob(&zip).into(), None),
        c.backups().get_schedule(None),
    ];
    assert_eq!(calls(&counter), 0.0, "nothing is loaded before the calls run");
    for p in first {
        ok(p).await;
    }
    assert_eq!(calls(&counter), 1.0, "three concurrent first calls, one load");
    let report = ok(c.backups().verify(blob(&zip).into(), None)).await;
    assert_sound(&report);
    assert_eq!(calls(&counter), 1.0, "a later call loads nothing");
    use_tools_module();
}

#[wasm_bindgen_test]
async fn a_load_that_fails_is_a_clear_error_and_the_next_call_loads_again() {
    let c = superuser_client().await;
    let counter = format!("toolsLoads_{}", unique());
    crate::support::package::set_tools_loader(&counting_loader(
        &counter,
        "throw new TypeError('Failed to fetch dynamically imported module');",
    ));
    let zip = write_zip(&backup(&[])).bytes;
    let e = err(c.backups().verify(blob(&zip).into(), None)).await;
    assert_error(
        &e,
        0,
        "bosbase-backups could not load its tools module (Failed to fetch dynamically imported module).",
    );
    assert_eq!(get(&e, "isAbort"), JsValue::FALSE);
    let e = err(c.backups().get_schedule(None)).await;
    assert_eq!(get_f64(&e, "status"), 0.0);
    assert_eq!(
        calls(&counter),
        2.0,
        "a failed load is not kept: each call tries again"
    );
    // The schedule was not changed by a refused call: nothing was sent.
    let cron = obj(&[("cron", "0 4 * * *".into())]);
    let e = err(c.backups().set_schedule(cron.clone(), None)).await;
    assert_eq!(get_f64(&e, "status"), 0.0);

    use_tools_module();
    let report = ok(c.backups().verify(blob(&zip).into(), None)).await;
    assert_sound(&report);
    let schedule = ok(c.backups().get_schedule(None)).await;
    assert_ne!(get_str(&schedule, "cron"), "0 4 * * *");
}

#[wasm_bindgen_test]
async fn without_a_loader_the_error_says_how_to_import_the_package() {
    let c = superuser_client().await;
    // A loader that is not a function stands for none at all.
    crate::support::package::set_tools_loader(JsValue::UNDEFINED.unchecked_ref());
    let e = err(c
        .backups()
        .verify(blob(&write_zip(&backup(&[])).bytes).into(), None))
    .await;
    assert_error(
        &e,
        0,
        "bosbase-backups could not load its tools module (no loader for the tools module: import bosbase-backups through one of its entries).",
    );
    use_tools_module();
}

/// A loader of the tools module whose verifiers are the real one extended by `body` (a
/// class body; `this.n` is the verifier's number, counted in `globalThis[counter]`).
fn verifier_loader(counter: &str, body: &str) -> Function {
    Function::new_no_args(&format!(
        "return import({TOOLS_MODULE_URL:?}).then((m) => {{ \
           class StreamVerifier extends m.StreamVerifier {{ \
             constructor() {{ super(); this.n = globalThis[{counter:?}] = (globalThis[{counter:?}] ?? 0) + 1; }} \
             {body} }} \
           return {{ ...m, StreamVerifier }}; }});"
    ))
}

#[wasm_bindgen_test]
async fn a_reading_that_fails_inside_the_tools_module_is_read_again() {
    let c = superuser_client().await;
    let (key, bytes) = real_backup(&c).await;
    let counter = format!("verifiers_{}", unique());
    // The first verifier traps as WebKit's did (RELIABILITY.md "Verify").
    crate::support::package::set_tools_loader(&verifier_loader(
        &counter,
        "feed(piece) { if (this.n === 1) throw new WebAssembly.RuntimeError('Out of bounds memory access'); \
         return super.feed(piece); }",
    ));
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let record = seen.clone();
    let on_progress = wasm_bindgen::closure::Closure::<dyn Fn(JsValue)>::new(move |p: JsValue| {
        record.borrow_mut().push(get_f64(&p, "loaded"));
    });
    let options = opts(&[("onProgress", on_progress.as_ref().clone())]);
    let report = ok(c.backups().verify(key.as_str().into(), options)).await;
    assert_sound(&report);
    assert_eq!(get_f64(&report, "bytes") as usize, bytes.len());
    assert_eq!(calls(&counter), 2.0, "the backup was read a second time");
    let seen = seen.borrow().clone();
    assert_eq!(seen.first(), Some(&0.0));
    assert_eq!(seen.last(), Some(&(bytes.len() as f64)));
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "progress only moves forward: {seen:?}"
    );

    // A module that fails every time: the third failure is the call's.
    let counter = format!("verifiers_{}", unique());
    crate::support::package::set_tools_loader(&verifier_loader(
        &counter,
        "feed() { throw new WebAssembly.RuntimeError('Out of bounds memory access'); }",
    ));
    let e = err(c.backups().verify(blob(&bytes).into(), None)).await;
    assert_error(
        &e,
        0,
        "The tools module failed while verifying (Out of bounds memory access).",
    );
    assert_eq!(calls(&counter), 3.0);
    use_tools_module();
}

#[wasm_bindgen_test]
async fn a_report_of_damage_is_confirmed_by_reading_again() {
    let c = superuser_client().await;
    let zip = write_zip(&backup(&[])).bytes;
    let counter = format!("verifiers_{}", unique());
    // The first verifier reports a sound backup damaged, as WebKit's did.
    crate::support::package::set_tools_loader(&verifier_loader(
        &counter,
        "finish() { const r = super.finish(); if (this.n !== 1) return r; \
         return JSON.stringify({ ...JSON.parse(r), ok: false, problems: [{ entry: 'data.db', \
         code: 'entry_crc_mismatch', message: 'Its data does not match its checksum.' }] }); }",
    ));
    let report = ok(c.backups().verify(blob(&zip).into(), None)).await;
    assert_sound(&report);
    assert_eq!(calls(&counter), 2.0);

    // Two readings in a row that report it damaged (seen once in WebKit): the third is
    // the answer.
    let counter = format!("verifiers_{}", unique());
    crate::support::package::set_tools_loader(&verifier_loader(
        &counter,
        "finish() { const r = super.finish(); if (this.n > 2) return r; \
         return JSON.stringify({ ...JSON.parse(r), ok: false, problems: [{ entry: 'data.db', \
         code: 'entry_bad_deflate', message: 'Its compressed data is damaged.' }] }); }",
    ));
    let report = ok(c.backups().verify(blob(&zip).into(), None)).await;
    assert_sound(&report);
    assert_eq!(calls(&counter), 3.0);

    // A damaged backup is damaged on every reading: that is the report.
    // data.db's first deflate block header turned to the reserved block type.
    let mut damaged = zip.clone();
    let at = 30
        + usize::from(u16::from_le_bytes([zip[26], zip[27]]))
        + usize::from(u16::from_le_bytes([zip[28], zip[29]]));
    damaged[at] |= 0b110;
    let counter = format!("verifiers_{}", unique());
    crate::support::package::set_tools_loader(&verifier_loader(&counter, ""));
    let report = ok(c.backups().verify(blob(&damaged).into(), None)).await;
    assert_eq!(get(&report, "ok"), JsValue::FALSE);
    let problem = js_sys::Array::from(&get(&report, "problems")).get(0);
    assert_eq!(
        (get_str(&problem, "entry"), get_str(&problem, "code")),
        ("data.db".to_string(), "entry_bad_deflate".to_string())
    );
    assert_eq!(calls(&counter), 3.0, "read three times");
    let sound = ok(c.backups().verify(blob(&zip).into(), None)).await;
    assert_sound(&sound);
    assert_eq!(calls(&counter), 4.0, "a sound backup is read once");
    use_tools_module();
}
