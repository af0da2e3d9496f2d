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
