//! Calls as promises. Each async method reads its arguments and sends its request
//! before it returns (so `cancelRequest` works at once, as in the official SDK); a
//! wrong argument gives a rejected promise like any other failure, never a throw.

use std::future::Future;
use std::pin::Pin;

use js_sys::Promise;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::future_to_promise;

use super::error::to_js_error;
use crate::error::Error;

/// The promise of a started call, or a rejected promise when it could not start.
pub fn promise<F>(started: Result<F, JsValue>) -> Promise
where
    F: Future<Output = Result<JsValue, Error>> + 'static,
{
    match started {
        Ok(fut) => spawn(Box::pin(fut)),
        Err(e) => Promise::reject(&e),
    }
}

/// One non-generic `future_to_promise` for every method (instead of one copy each).
pub fn spawn(fut: Pin<Box<dyn Future<Output = Result<JsValue, Error>>>>) -> Promise {
    future_to_promise(async move { fut.await.map_err(to_js_error) })
}
