//! Noticing a server restart: a realtime (SSE) connection the server keeps open drops
//! the moment its process goes away, which no polling can be sure to see.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::EventSource;

use super::runtime;

/// An open realtime connection, closed when dropped.
pub struct ConnectionWatch {
    source: EventSource,
    opened: Rc<Cell<bool>>,
    lost: Rc<Cell<bool>>,
    _on_open: Closure<dyn Fn()>,
    _on_error: Closure<dyn Fn()>,
}

impl ConnectionWatch {
    /// Connects to `url` (the server's `/api/realtime`) and waits up to `timeout_ms` for
    /// the connection to open. `None` where there is no `EventSource` (Node) or it
    /// does not open.
    pub async fn open(url: &str, timeout_ms: u32) -> Option<Self> {
        runtime::global("EventSource")?;
        let source = EventSource::new(url).ok()?;
        let (opened, lost) = (Rc::new(Cell::new(false)), Rc::new(Cell::new(false)));
        let on_open = {
            let opened = opened.clone();
            Closure::<dyn Fn()>::new(move || opened.set(true))
        };
        let on_error = {
            let (opened, lost) = (opened.clone(), lost.clone());
            Closure::<dyn Fn()>::new(move || {
                if opened.get() {
                    lost.set(true);
                }
            })
        };
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let watch = ConnectionWatch {
            source,
            opened,
            lost,
            _on_open: on_open,
            _on_error: on_error,
        };
        let mut waited = 0;
        while !watch.opened.get() && waited < timeout_ms {
            runtime::sleep(20).await;
            waited += 20;
        }
        watch.opened.get().then_some(watch)
    }

    /// True once the open connection has dropped.
    pub fn lost(&self) -> bool {
        self.lost.get()
    }
}

impl Drop for ConnectionWatch {
    fn drop(&mut self) {
        self.source.set_onopen(None);
        self.source.set_onerror(None);
        self.source.close();
    }
}
