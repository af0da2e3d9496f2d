//! Building JS clients and option objects for the facade tests.

use bosbase_backups::js::{ClientOptionsArg, JsClient};
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

/// A client of `base` whose session lives in memory only.
pub fn client_of(base: &str) -> JsClient {
    let o: ClientOptionsArg = obj(&[("persistAuth", JsValue::FALSE)]).unchecked_into();
    JsClient::new(arg(base), Some(o)).unwrap()
}

/// A client of the test server, signed in as the superuser.
pub async fn superuser_client() -> JsClient {
    let c = client_of(PB_URL);
    let records = c.collection(JsValue::from_str("_superusers")).unwrap();
    ok(records.auth_with_password(ADMIN_EMAIL.into(), ADMIN_PASSWORD.into(), None)).await;
    c
}

/// Asserts that `e` is a `ClientResponseError` with this status and message.
pub fn assert_error(e: &JsValue, status: u16, message: &str) {
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error: {e:?}");
    assert_eq!(get_str(e, "name"), "ClientResponseError");
    let class = get(&js_sys::Object::get_prototype_of(e).into(), "constructor");
    assert_eq!(
        get_str(&class, "name"),
        "ClientResponseError",
        "an instance of the class"
    );
    assert!(bosbase_backups::js::is_client_response_error(e.clone()));
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
pub async fn keys(c: &JsClient) -> Vec<String> {
    let list = ok(c.backups().get_full_list(no_cancel())).await;
    js_sys::Array::from(&list)
        .iter()
        .map(|b| get_str(&b, "key"))
        .collect()
}

/// An optional string argument (`name` of `create`, `baseURL`), unchecked like JS's.
pub fn arg(v: impl Into<JsValue>) -> Option<bosbase_backups::js::OptStringArg> {
    Some(v.into().unchecked_into())
}
