//! Building JS clients and option objects for the facade tests. `crate::support` is
//! the test binary's own (tests/s3 points its addresses at the S3-backed server).

use crate::support::package::{self, BaseAuthStore, Client};
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::support::*;

/// A JS object from key/value pairs.
pub fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

/// An options object (`SendOptions`, `CreateOptions` …) from key/value pairs.
pub fn opts<T: JsCast>(pairs: &[(&str, JsValue)]) -> Option<T> {
    Some(obj(pairs).unchecked_into())
}

/// Options that opt a call out of auto-cancellation.
pub fn no_cancel<T: JsCast>() -> Option<T> {
    opts(&[("requestKey", JsValue::NULL)])
}

/// A client of `base` whose session lives in memory only (a `BaseAuthStore`).
pub async fn client_of(base: &str) -> Client {
    package::ready().await;
    use_tools_module();
    Client::new(arg(base), Some(BaseAuthStore::new().into()), None).unwrap()
}

/// A client of the test server, signed in as the superuser.
pub async fn superuser_client() -> Client {
    let c = client_of(PB_URL).await;
    let records = c.collection(JsValue::from_str("_superusers")).unwrap();
    ok(records.auth_with_password(ADMIN_EMAIL.into(), ADMIN_PASSWORD.into(), None)).await;
    c
}

/// Asserts that `e` is a `ClientResponseError` with this status and message.
pub fn assert_error(e: &JsValue, status: u16, message: &str) {
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error: {e:?}");
    assert_eq!(
        get_str(e, "name"),
        format!("ClientResponseError {status}"),
        "{:?}",
        get(e, "message")
    );
    let class = get(&js_sys::Object::get_prototype_of(e).into(), "constructor");
    assert_eq!(
        get_str(&class, "name"),
        "ClientResponseError",
        "an instance of the class"
    );
    assert!(package::is_client_response_error(e.clone()));
    assert_eq!(
        get_f64(e, "status"),
        f64::from(status),
        "message: {:?}",
        get(e, "message")
    );
    assert_eq!(get_str(e, "message"), message);
}

/// `e.response.data[field].code`.
pub fn field_code(e: &JsValue, field: &str) -> String {
    get_str(&get(&get(&get(e, "response"), "data"), field), "code")
}

/// The keys of every backup on the server.
pub async fn keys(c: &Client) -> Vec<String> {
    let list = ok(c.backups().get_full_list(no_cancel())).await;
    js_sys::Array::from(&list)
        .iter()
        .map(|b| get_str(&b, "key"))
        .collect()
}

/// An optional argument (`name` of `create`, `baseURL`), unchecked like JS's.
pub fn arg(v: impl Into<JsValue>) -> Option<JsValue> {
    Some(v.into())
}

/// Asserts that `e` is a `TypeError` whose message contains `part`.
pub fn assert_type_error(e: &JsValue, part: &str) {
    assert!(e.is_instance_of::<js_sys::TypeError>(), "not a TypeError: {e:?}");
    let message = get_str(e, "message");
    assert!(message.contains(part), "{message:?} does not mention {part:?}");
}

/// What the tests read and call on `client.authStore` (any JS auth store).
pub trait AuthStoreExt {
    fn token(&self) -> String;
    fn is_superuser(&self) -> bool;
    fn is_valid(&self) -> bool;
    fn record(&self) -> JsValue;
    fn save(&self, token: JsValue, record: Option<JsValue>);
    fn clear(&self);
    /// `onChange(callback, fireImmediately)`, returning the unsubscribe function.
    fn on_change(&self, callback: JsValue, fire_immediately: bool) -> JsValue;
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> JsValue {
    let f: js_sys::Function = get(target, method).unchecked_into();
    f.apply(target, &args.iter().collect()).unwrap()
}

impl AuthStoreExt for JsValue {
    fn token(&self) -> String {
        get_str(self, "token")
    }
    fn is_superuser(&self) -> bool {
        get(self, "isSuperuser").as_bool().unwrap()
    }
    fn is_valid(&self) -> bool {
        get(self, "isValid").as_bool().unwrap()
    }
    fn record(&self) -> JsValue {
        get(self, "record")
    }
    fn save(&self, token: JsValue, record: Option<JsValue>) {
        call(self, "save", &[token, record.unwrap_or(JsValue::NULL)]);
    }
    fn clear(&self) {
        call(self, "clear", &[]);
    }
    fn on_change(&self, callback: JsValue, fire_immediately: bool) -> JsValue {
        call(
            self,
            "onChange",
            &[callback, JsValue::from_bool(fire_immediately)],
        )
    }
}

/// Waits (at most 30 s) until the server runs no backup or restore (`canBackup` in the
/// health check), so that a test leaves no work behind that the next one would meet.
pub async fn until_idle(c: &Client) {
    let started = js_sys::Date::now();
    while js_sys::Date::now() - started < 30_000.0 {
        let health = ok(c.health().check(no_cancel())).await;
        if get(&get(&health, "data"), "canBackup") == JsValue::TRUE {
            return;
        }
        sleep(50).await;
    }
    panic!("the server stayed busy for 30 s");
}

/// The SHA-256 of a Blob's bytes, computed by the browser (the bytes never enter wasm
/// memory, whatever their size).
pub async fn sha256(blob: &web_sys::Blob) -> String {
    let bytes = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .unwrap();
    let subtle = web_sys::window().map(|w| w.crypto().unwrap().subtle());
    let subtle = subtle.unwrap_or_else(|| {
        let crypto = get(&js_sys::global(), "crypto");
        get(&crypto, "subtle").unchecked_into()
    });
    let digest = subtle
        .digest_with_str_and_buffer_source("SHA-256", &bytes.unchecked_into())
        .unwrap();
    let digest = js_sys::Uint8Array::new(&wasm_bindgen_futures::JsFuture::from(digest).await.unwrap());
    digest.to_vec().iter().map(|b| format!("{b:02x}")).collect()
}

/// Downloads `key` again through the SDK and asserts it holds exactly `sent`'s bytes.
pub async fn assert_stored_as_sent(c: &Client, key: &str, sent: &web_sys::Blob) {
    let back: web_sys::Blob = ok(c.backups().download(key.into(), None)).await.unchecked_into();
    assert_eq!(back.size(), sent.size(), "{key}: size");
    assert_eq!(sha256(&back).await, sha256(sent).await, "{key}: bytes differ");
}

/// A backup the server makes now: its key and its bytes.
pub async fn real_backup(c: &Client) -> (String, Vec<u8>) {
    let key = ok(c.backups().create(None, None)).await.as_string().unwrap();
    let blob: web_sys::Blob = ok(c.backups().download(key.as_str().into(), None))
        .await
        .unchecked_into();
    let buf = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .unwrap();
    (key, js_sys::Uint8Array::new(&buf).to_vec())
}
