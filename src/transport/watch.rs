//! Noticing a server restart: a realtime (SSE) connection the server keeps open drops
//! the moment its process goes away, which no polling can be sure to see. The browser
//! reconnects it by itself, so a later drop is seen too.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{AbortSignal, EventSource};

use super::runtime;

/// An open realtime connection, closed when dropped.
pub struct ConnectionWatch {
    source: EventSource,
    opened: Rc<Cell<bool>>,
    failed: Rc<Cell<bool>>,
    dropped_at: Rc<Cell<Option<f64>>>,
    _on_open: Closure<dyn Fn()>,
    _on_error: Closure<dyn Fn()>,
}

impl ConnectionWatch {
    /// Connects to `url` (the server's `/api/realtime`) and waits up to `timeout_ms` for
    /// the connection to open, no longer once `signal` aborts. `None` where there is no
    /// `EventSource` (Node), or it fails or does not open in time.
    pub async fn open(url: &str, timeout_ms: u32, signal: Option<&AbortSignal>) -> Option<Self> {
        runtime::global("EventSource")?;
        let source = EventSource::new(url).ok()?;
        let opened = Rc::new(Cell::new(false));
        let failed = Rc::new(Cell::new(false));
        let dropped_at = Rc::new(Cell::new(None));
        let on_open = {
            let opened = opened.clone();
            Closure::<dyn Fn()>::new(move || opened.set(true))
        };
        let on_error = {
            let (opened, failed, dropped_at) = (opened.clone(), failed.clone(), dropped_at.clone());
            Closure::<dyn Fn()>::new(move || {
                if opened.replace(false) {
                    // Keep the first drop not yet taken.
                    if dropped_at.get().is_none() {
                        dropped_at.set(Some(runtime::clock_ms()));
                    }
                } else {
                    failed.set(true);
                }
            })
        };
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let watch = ConnectionWatch {
            source,
            opened,
            failed,
            dropped_at,
            _on_open: on_open,
            _on_error: on_error,
        };
        let deadline = runtime::clock_ms() + f64::from(timeout_ms);
        while !watch.opened.get() && !watch.failed.get() && !signal.is_some_and(|s| s.aborted()) {
            let left = deadline - runtime::clock_ms();
            if left <= 0.0 {
                break;
            }
            runtime::sleep_unless_aborted(left.min(20.0).ceil() as u32, signal).await;
        }
        watch.opened.get().then_some(watch)
    }

    /// Whether the connection dropped since the last [`ConnectionWatch::take_drop`].
    pub fn dropped(&self) -> bool {
        self.dropped_at.get().is_some()
    }

    /// The time (ms since 1970) of the first drop since the last call, if any.
    pub fn take_drop(&self) -> Option<f64> {
        self.dropped_at.take()
    }
}

impl Drop for ConnectionWatch {
    fn drop(&mut self) {
        self.source.set_onopen(None);
        self.source.set_onerror(None);
        self.source.close();
    }
}
