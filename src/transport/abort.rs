//! Cancelling a request: an `AbortController` per request, which the caller's own signal
//! aborts too for as long as the request runs.

use wasm_bindgen::prelude::*;
use web_sys::{AbortController, AbortSignal};

/// One request's `AbortController`. Clones share it.
#[derive(Clone)]
pub struct Controller(AbortController);

impl Controller {
    pub fn new() -> Result<Self, JsValue> {
        AbortController::new().map(Controller)
    }

    /// The signal handed to `fetch` or watched for an XHR.
    pub fn signal(&self) -> AbortSignal {
        self.0.signal()
    }

    pub fn abort(&self) {
        self.0.abort();
    }

    pub fn aborted(&self) -> bool {
        self.0.signal().aborted()
    }

    /// Aborts this controller, with the same reason, when `signal` aborts, until the
    /// link is dropped.
    pub fn follow(&self, signal: &AbortSignal) -> SignalLink {
        let controller = self.0.clone();
        let user = signal.clone();
        let listener = Closure::<dyn FnMut()>::new(move || controller.abort_with_reason(&user.reason()));
        let _ = signal.add_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
        SignalLink {
            signal: signal.clone(),
            listener,
        }
    }
}

/// The link of [`Controller::follow`]: removes its listener when dropped.
pub struct SignalLink {
    signal: AbortSignal,
    listener: Closure<dyn FnMut()>,
}

impl Drop for SignalLink {
    fn drop(&mut self) {
        let _ = self
            .signal
            .remove_event_listener_with_callback("abort", self.listener.as_ref().unchecked_ref());
    }
}

/// `future`'s outcome, or `Err` with the reason of `signal` as soon as it aborts (at
/// once if it already has): no wait outlives a request's timeout or cancellation,
/// whatever a hook or a caller's `fetch` does.
pub async fn unless_aborted<T>(
    future: impl std::future::Future<Output = Result<T, JsValue>>,
    signal: &AbortSignal,
) -> Result<T, JsValue> {
    use std::future::Future;
    use std::task::Poll;
    if signal.aborted() {
        return Err(signal.reason());
    }
    // A promise that settles when the signal aborts; `resolve` itself is the listener.
    let mut wake: Option<js_sys::Function> = None;
    let fired = js_sys::Promise::new(&mut |resolve, _reject| wake = Some(resolve));
    if let Some(wake) = &wake {
        let _ = signal.add_event_listener_with_callback("abort", wake);
    }
    let mut fired = wasm_bindgen_futures::JsFuture::from(fired);
    let mut future = std::pin::pin!(future);
    let outcome = std::future::poll_fn(|cx| {
        if let Poll::Ready(outcome) = future.as_mut().poll(cx) {
            return Poll::Ready(outcome);
        }
        match std::pin::Pin::new(&mut fired).poll(cx) {
            Poll::Ready(_) => Poll::Ready(Err(signal.reason())),
            Poll::Pending => Poll::Pending,
        }
    })
    .await;
    if let Some(wake) = &wake {
        let _ = signal.remove_event_listener_with_callback("abort", wake);
    }
    outcome
}
