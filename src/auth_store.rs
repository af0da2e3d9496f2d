//! The signed-in session: token and record, kept in memory and, unless turned off,
//! in `localStorage` so that it survives reloads (in the official SDKs' format, so an
//! app that switches SDKs keeps its session).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use crate::core::json::Json;

use crate::core::token::{is_token_valid, jwt_payload};
use crate::transport::{runtime, storage};

/// The `localStorage` key of the persisted session: the official SDKs' key.
pub const DEFAULT_STORAGE_KEY: &str = "pocketbase_auth";

/// What a [`Client`](crate::Client) needs of a session store: the token to send, and
/// where a new session goes or is cleared. [`AuthStore`] is one; an app may adapt a
/// store of its own.
pub trait AuthBackend {
    /// The token sent as `Authorization`, empty when signed out.
    fn token(&self) -> String;
    /// Stores a new session (after a sign-in or a refresh).
    fn save(&self, token: &str, record: &Json);
    /// Forgets the session (e.g. when restored data no longer accepts it).
    fn clear(&self);
}

impl AuthBackend for AuthStore {
    fn token(&self) -> String {
        AuthStore::token(self)
    }
    fn save(&self, token: &str, record: &Json) {
        AuthStore::save(self, token, record.clone());
    }
    fn clear(&self) {
        AuthStore::clear(self);
    }
}

/// The superusers collection's fixed id, for records that do not name their collection.
const SUPERUSERS_COLLECTION_ID: &str = "pbc_3142635823";

type Listener = Rc<dyn Fn(&str, &Json)>;

/// The token and record of the signed-in user. Cheap to clone: clones share state.
#[derive(Clone)]
pub struct AuthStore {
    inner: Rc<Inner>,
}

struct Inner {
    token: RefCell<String>,
    record: RefCell<Json>,
    storage_key: Option<String>,
    listeners: RefCell<Vec<(u32, Listener)>>,
    next_listener: Cell<u32>,
    /// Follows changes other tabs make to the stored session.
    _other_tabs: RefCell<Option<storage::Watch>>,
}

impl AuthStore {
    /// A store kept only in memory.
    pub fn memory() -> Self {
        Self::with_storage_key(None)
    }

    /// A store persisted in `localStorage` under `key` (memory only where there is no
    /// `localStorage`), loaded from what is stored there, and following the changes
    /// other tabs make to it (their sign-in or sign-out reaches the listeners here).
    pub fn persisted(key: &str) -> Self {
        let key = storage::available().then(|| key.to_string());
        let store = Self::with_storage_key(key);
        let Some(key) = store.inner.storage_key.clone() else {
            return store;
        };
        store.load(storage::load(&key).as_deref());
        let weak: Weak<Inner> = Rc::downgrade(&store.inner);
        let watch = storage::watch(&key, move |value| {
            if let Some(inner) = weak.upgrade() {
                let store = AuthStore { inner };
                store.load(value.as_deref());
                store.notify();
            }
        });
        *store.inner._other_tabs.borrow_mut() = watch;
        store
    }

    /// Takes the session from a stored `{"token", "record"}` (or the older `"model"`)
    /// text; anything else is a signed-out session.
    fn load(&self, saved: Option<&str>) {
        let v = saved.and_then(Json::parse).unwrap_or_default();
        let token = v.get("token").and_then(Json::as_str).unwrap_or_default();
        let record = v.get("record").or_else(|| v.get("model")).cloned();
        *self.inner.token.borrow_mut() = token.to_string();
        *self.inner.record.borrow_mut() = record.filter(|_| !token.is_empty()).unwrap_or_default();
    }

    fn with_storage_key(storage_key: Option<String>) -> Self {
        AuthStore {
            inner: Rc::new(Inner {
                token: RefCell::new(String::new()),
                record: RefCell::new(Json::Null),
                storage_key,
                listeners: RefCell::new(Vec::new()),
                next_listener: Cell::new(1),
                _other_tabs: RefCell::new(None),
            }),
        }
    }

    /// The stored token, empty when signed out.
    pub fn token(&self) -> String {
        self.inner.token.borrow().clone()
    }

    /// The stored record, `Json::Null` when signed out.
    pub fn record(&self) -> Json {
        self.inner.record.borrow().clone()
    }

    /// Whether this store persists to `localStorage`.
    pub fn is_persisted(&self) -> bool {
        self.inner.storage_key.is_some()
    }

    /// True when there is a token and its `exp` is still in the future.
    pub fn is_valid(&self) -> bool {
        is_token_valid(&self.inner.token.borrow(), runtime::now_ms() / 1000.0)
    }

    /// True when the token is an auth token of a superuser.
    pub fn is_superuser(&self) -> bool {
        let Some(payload) = jwt_payload(&self.inner.token.borrow()) else {
            return false;
        };
        if payload.get("type").and_then(Json::as_str) != Some("auth") {
            return false;
        }
        let record = self.inner.record.borrow();
        match record.get("collectionName").and_then(Json::as_str) {
            Some(name) => name == "_superusers",
            None => payload.get("collectionId").and_then(Json::as_str) == Some(SUPERUSERS_COLLECTION_ID),
        }
    }

    /// Stores a new session and tells the listeners.
    pub fn save(&self, token: &str, record: Json) {
        *self.inner.token.borrow_mut() = token.to_string();
        *self.inner.record.borrow_mut() = record.clone();
        if let Some(key) = &self.inner.storage_key {
            storage::save(
                key,
                &Json::object([("token", Json::str(token)), ("record", record)]).to_text(),
            );
        }
        self.notify();
    }

    /// Forgets the session, in memory and in `localStorage`, and tells the listeners.
    pub fn clear(&self) {
        self.inner.token.borrow_mut().clear();
        *self.inner.record.borrow_mut() = Json::Null;
        if let Some(key) = &self.inner.storage_key {
            storage::remove(key);
        }
        self.notify();
    }

    /// Calls `listener(token, record)` after every `save` and `clear`. Returns an id for
    /// [`AuthStore::remove_listener`].
    pub fn on_change(&self, listener: impl Fn(&str, &Json) + 'static) -> u32 {
        let id = self.inner.next_listener.get();
        self.inner.next_listener.set(id.wrapping_add(1));
        self.inner.listeners.borrow_mut().push((id, Rc::new(listener)));
        id
    }

    /// Stops calling a listener added by [`AuthStore::on_change`].
    pub fn remove_listener(&self, id: u32) {
        self.inner.listeners.borrow_mut().retain(|(i, _)| *i != id);
    }

    fn notify(&self) {
        // Copy the list first: a listener may save, clear or unsubscribe.
        let listeners: Vec<Listener> = self
            .inner
            .listeners
            .borrow()
            .iter()
            .map(|(_, l)| l.clone())
            .collect();
        let (token, record) = (self.token(), self.record());
        for l in listeners {
            l(&token, &record);
        }
    }
}
