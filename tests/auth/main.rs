//! Sign-in beyond the password, through the typed Rust API, against a server of its
//! own: one-time passwords read from real mail, MFA on `_superusers`, token refresh.
//!
//! The first test to run configures the server through its API (SMTP pointing at
//! tests/mail_server.py, OTP on `users` and on `_superusers`, which turns MFA on for
//! them); later runs find it configured and sign the admin in with both methods.
//! PocketBase allows five OTP attempts per record in three minutes, so each test signs
//! in records of its own.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "../support/mod.rs"]
mod support;

use std::cell::RefCell;

use bosbase_backups::core::error_body::MFA_REQUIRED_MESSAGE;
use bosbase_backups::core::json::Json;
use bosbase_backups::core::token::jwt_payload;
use bosbase_backups::{AuthStore, Client, RequestOptions};
use js_sys::Promise;
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use support::*;

const MSG_OTP_INVALID: &str = "Invalid or expired OTP.";
const MSG_MFA_INVALID: &str = "Invalid or expired MFA session.";
const MSG_OTHER_METHOD: &str = "A different authentication method is required.";
/// The mails' sender, as the tests configure it.
const SENDER: &str = "auth-tests@example.com";

/// A client of the auth server and the memory store its session lives in.
struct Session {
    client: Client,
    store: AuthStore,
}

impl std::ops::Deref for Session {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

impl Session {
    fn auth_store(&self) -> &AuthStore {
        &self.store
    }
}

fn client() -> Session {
    let store = AuthStore::memory();
    Session {
        client: Client::with_auth(PB_AUTH_URL, std::rc::Rc::new(store.clone())),
        store,
    }
}

/// The SDK's JSON as serde JSON, to compare with `json!` values.
fn value(json: &Json) -> Value {
    serde_json::from_str(&json.to_text()).unwrap()
}

fn api(path: &str) -> String {
    format!("{PB_AUTH_URL}{path}")
}

/// A raw JSON request to the auth server, with the answer as serde JSON.
async fn call(method: &str, path: &str, token: Option<&str>, body: Value) -> (u16, Value) {
    let text = (!body.is_null()).then(|| body.to_string());
    let (status, bytes) = raw(method, &api(path), token, text.as_deref()).await;
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

/// How many mails reached `to` so far.
async fn mail_count(to: &str) -> u64 {
    mailbox(to).await["count"].as_u64().unwrap()
}

async fn mailbox(to: &str) -> Value {
    let url = format!("{MAIL_URL}/last?to={}", js_sys::encode_uri_component(to));
    let (status, bytes) = raw("GET", &url, None, None).await;
    assert_eq!(status, 200);
    serde_json::from_slice(&bytes).unwrap()
}

/// Waits for mail number `before + 1` to `to` and returns it.
async fn next_mail(to: &str, before: u64) -> Value {
    for _ in 0..100 {
        let inbox = mailbox(to).await;
        if inbox["count"].as_u64().unwrap() > before {
            return inbox["mail"].clone();
        }
        sleep(50).await;
    }
    panic!("no mail reached {to} within 5 s");
}

/// The code of an OTP mail: "Your one-time password is: 61689832".
fn otp_code(mail: &Value) -> String {
    let text = mail["text"].as_str().unwrap();
    let (_, after) = text
        .split_once("Your one-time password is: ")
        .unwrap_or_else(|| panic!("no code in {text:?}"));
    after.chars().take_while(char::is_ascii_digit).collect()
}

/// Asks for an OTP for `email` through the SDK and returns its id and the mailed code.
async fn otp_for(c: &Client, collection: &str, email: &str) -> (String, String) {
    let before = mail_count(email).await;
    let otp = c
        .collection(collection)
        .request_otp(email, &RequestOptions::new())
        .await
        .unwrap();
    assert_eq!(otp.otp_id.len(), 15, "{}", otp.otp_id);
    let mail = next_mail(email, before).await;
    assert_eq!(mail["subject"], "OTP for Acme");
    assert_eq!(mail["from"], SENDER);
    assert_eq!(mail["to"], json!([email]));
    let code = otp_code(&mail);
    assert_eq!(code.len(), 8, "the collection's default OTP length: {code:?}");
    (otp.otp_id, code)
}

thread_local! {
    /// The admin's token, signed in once per test run and shared by the tests as a
    /// promise, so that tests running at the same time sign in only once.
    static ADMIN_TOKEN: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// A superuser token for setting up records, configuring the server first if needed.
async fn admin_token() -> String {
    let promise = ADMIN_TOKEN.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                wasm_bindgen_futures::future_to_promise(async { Ok(JsValue::from(sign_in_admin().await)) })
            })
            .clone()
    });
    JsFuture::from(promise).await.unwrap().as_string().unwrap()
}

async fn sign_in_admin() -> String {
    let password = json!({ "identity": ADMIN_EMAIL, "password": ADMIN_PASSWORD });
    let (status, body) = call(
        "POST",
        "/api/collections/_superusers/auth-with-password",
        None,
        password,
    )
    .await;
    if status == 200 {
        // A fresh server: the password is enough, once.
        let token = body["token"].as_str().unwrap().to_string();
        configure(&token).await;
        return token;
    }
    assert_eq!(status, 401, "{body}");
    let mfa_id = body["mfaId"].as_str().unwrap();
    let before = mail_count(ADMIN_EMAIL).await;
    let (status, otp) = call(
        "POST",
        "/api/collections/_superusers/request-otp",
        None,
        json!({ "email": ADMIN_EMAIL }),
    )
    .await;
    assert_eq!(status, 200, "{otp}");
    let code = otp_code(&next_mail(ADMIN_EMAIL, before).await);
    let (status, body) = call(
        "POST",
        &format!("/api/collections/_superusers/auth-with-otp?mfaId={mfa_id}"),
        None,
        json!({ "otpId": otp["otpId"], "password": code }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["token"].as_str().unwrap().to_string()
}

/// SMTP to the mail helper, OTP on `users` and `_superusers` (MFA follows there).
async fn configure(token: &str) {
    let (status, bytes) = raw("GET", &format!("{MAIL_URL}/smtp"), None, None).await;
    assert_eq!(status, 200);
    let smtp: Value = serde_json::from_slice(&bytes).unwrap();
    let settings = json!({
        "smtp": { "enabled": true, "host": smtp["host"], "port": smtp["port"] },
        "meta": { "senderAddress": SENDER, "senderName": "Auth tests" },
    });
    let (status, body) = call("PATCH", "/api/settings", Some(token), settings).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["smtp"]["enabled"], true);
    let otp_on = json!({ "otp": { "enabled": true } });
    let (status, body) = call("PATCH", "/api/collections/users", Some(token), otp_on.clone()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (&body["otp"]["enabled"], &body["mfa"]["enabled"]),
        (&json!(true), &json!(false))
    );
    let (status, body) = call("PATCH", "/api/collections/_superusers", Some(token), otp_on).await;
    assert_eq!(status, 200, "{body}");
    // OTP alone never signs a superuser in: PocketBase turns MFA on with it.
    assert_eq!(
        (&body["otp"]["enabled"], &body["mfa"]["enabled"]),
        (&json!(true), &json!(true))
    );
}

/// A new record of `collection` with a unique e-mail and `ADMIN_PASSWORD`.
async fn new_record(collection: &str, prefix: &str) -> String {
    let token = admin_token().await;
    let email = format!("{prefix}_{}@example.com", unique());
    let record = json!({
        "email": email,
        "password": ADMIN_PASSWORD,
        "passwordConfirm": ADMIN_PASSWORD,
        "verified": true,
    });
    let path = format!("/api/collections/{collection}/records");
    let (status, body) = call("POST", &path, Some(&token), record).await;
    assert_eq!(status, 200, "{body}");
    email
}

#[wasm_bindgen_test]
async fn otp_sign_in_with_the_mailed_code() {
    let email = new_record("users", "otp").await;
    let c = client();
    let (otp_id, code) = otp_for(&c, "users", &email).await;

    let auth = c
        .collection("users")
        .auth_with_otp(&otp_id, &code, &RequestOptions::new())
        .await
        .unwrap();
    assert_eq!(value(&auth.record["email"]), json!(email.as_str()));
    assert_eq!(value(&auth.record["collectionName"]), json!("users"));
    assert_eq!(auth.meta, None);
    assert_eq!(c.auth_store().token(), auth.token);
    assert_eq!(c.auth_store().record(), auth.record);
    assert!(c.auth_store().is_valid());
    assert!(!c.auth_store().is_superuser());

    // An OTP signs in once.
    let e = c
        .collection("users")
        .auth_with_otp(&otp_id, &code, &RequestOptions::new())
        .await
        .unwrap_err();
    assert_eq!((e.status, e.message.as_str()), (400, MSG_OTP_INVALID));
}

#[wasm_bindgen_test]
async fn otp_for_an_unknown_address_gets_an_id_and_no_mail() {
    let email = format!("nobody_{}@example.com", unique());
    let otp = client()
        .collection("users")
        .request_otp(&email, &RequestOptions::new())
        .await
        .unwrap();
    assert_eq!(otp.otp_id.len(), 15);
    sleep(300).await;
    assert_eq!(mail_count(&email).await, 0);

    let e = client()
        .collection("users")
        .request_otp("not-an-address", &RequestOptions::new())
        .await
        .unwrap_err();
    assert_eq!(
        (e.status, e.message.as_str()),
        (400, "An error occurred while validating the submitted data.")
    );
    assert_eq!(e.field_code("email"), Some("validation_is_email"));
}

#[wasm_bindgen_test]
async fn a_wrong_otp_code_is_refused() {
    let email = new_record("users", "wrong").await;
    let c = client();
    let (otp_id, code) = otp_for(&c, "users", &email).await;
    let wrong = if code == "00000000" {
        "11111111"
    } else {
        "00000000"
    };
    let users = c.collection("users");
    let opts = RequestOptions::new();

    let e = users.auth_with_otp(&otp_id, wrong, &opts).await.unwrap_err();
    assert_eq!((e.status, e.message.as_str()), (400, MSG_OTP_INVALID));
    assert_eq!(
        value(&e.response),
        json!({ "status": 400, "message": MSG_OTP_INVALID, "data": {} })
    );
    assert_eq!(e.mfa_id(), None);
    assert!(
        e.url.ends_with("/api/collections/users/auth-with-otp"),
        "{}",
        e.url
    );
    assert_eq!(c.auth_store().token(), "");

    let e = users
        .auth_with_otp("nosuchotpid0000", &code, &opts)
        .await
        .unwrap_err();
    assert_eq!((e.status, e.message.as_str()), (400, MSG_OTP_INVALID));

    let e = users.auth_with_otp("", "", &opts).await.unwrap_err();
    assert_eq!(e.status, 400);
    assert_eq!(e.field_code("otpId"), Some("validation_required"));
    assert_eq!(e.field_code("password"), Some("validation_required"));

    // A wrong code does not use the OTP up.
    let auth = users.auth_with_otp(&otp_id, &code, &opts).await.unwrap();
    assert_eq!(value(&auth.record["email"]), json!(email.as_str()));
}

#[wasm_bindgen_test]
async fn mfa_password_then_otp_signs_a_superuser_in() {
    let email = new_record("_superusers", "mfa").await;
    let c = client();
    let admins = c.collection("_superusers");

    let e = admins
        .auth_with_password(&email, ADMIN_PASSWORD, &RequestOptions::new())
        .await
        .unwrap_err();
    assert_eq!(e.status, 401);
    let mfa_id = e.mfa_id().expect("an MFA challenge").to_string();
    assert_eq!(mfa_id.len(), 15);
    // The whole body is the id: no message, no data.
    assert_eq!(value(&e.response), json!({ "mfaId": mfa_id }));
    assert_eq!(e.message, MFA_REQUIRED_MESSAGE);
    assert_eq!(c.auth_store().token(), "");

    let (otp_id, code) = otp_for(&c, "_superusers", &email).await;
    let auth = admins
        .auth_with_otp(&otp_id, &code, &RequestOptions::new().mfa_id(&mfa_id))
        .await
        .unwrap();
    assert_eq!(value(&auth.record["email"]), json!(email.as_str()));
    assert_eq!(value(&auth.record["collectionName"]), json!("_superusers"));
    assert_eq!(c.auth_store().token(), auth.token);
    assert!(c.auth_store().is_valid());
    assert!(c.auth_store().is_superuser());

    let opts = RequestOptions::new();
    assert!(c.backups().get_full_list(&opts).await.is_ok());
    let health = c.health().check(&opts).await.unwrap();
    assert_eq!(health.data.can_backup, Some(true));

    // A refresh needs no second method.
    let refreshed = admins.auth_refresh(&opts).await.unwrap();
    assert_eq!(refreshed.record["id"], auth.record["id"]);
    assert!(c.auth_store().is_superuser());
}

#[wasm_bindgen_test]
async fn mfa_second_step_needs_another_method_and_the_right_id() {
    let email = new_record("_superusers", "mfa2").await;
    let c = client();
    let admins = c.collection("_superusers");
    let opts = RequestOptions::new();

    let first = admins
        .auth_with_password(&email, ADMIN_PASSWORD, &opts)
        .await
        .unwrap_err();
    let mfa_id = first.mfa_id().unwrap().to_string();

    // The same method twice.
    let e = admins
        .auth_with_password(&email, ADMIN_PASSWORD, &opts.clone().mfa_id(&mfa_id))
        .await
        .unwrap_err();
    assert_eq!((e.status, e.message.as_str()), (400, MSG_OTHER_METHOD));

    // The OTP without the id is a first method again: a new challenge.
    let (otp_id, code) = otp_for(&c, "_superusers", &email).await;
    let e = admins.auth_with_otp(&otp_id, &code, &opts).await.unwrap_err();
    assert_eq!(e.status, 401);
    let other = e.mfa_id().unwrap();
    assert_ne!(other, mfa_id);

    // An id the server never gave; the query parameter by hand, as a JS caller's
    // unknown option would send it.
    let (otp_id, code) = otp_for(&c, "_superusers", &email).await;
    let bogus = opts.clone().query("mfaId", "zzzzzzzzzzzzzzz");
    let e = admins.auth_with_otp(&otp_id, &code, &bogus).await.unwrap_err();
    assert_eq!((e.status, e.message.as_str()), (400, MSG_MFA_INVALID));
    assert_eq!(c.auth_store().token(), "");
}

#[wasm_bindgen_test]
async fn auth_refresh_returns_a_new_token_and_keeps_the_record() {
    let email = new_record("users", "refresh").await;
    let c = client();
    let users = c.collection("users");
    let opts = RequestOptions::new();
    let first = users
        .auth_with_password(&email, ADMIN_PASSWORD, &opts)
        .await
        .unwrap();

    // Tokens carry `exp` in seconds: a refresh within the same second is the same token.
    sleep(1100).await;
    let refreshed = users.auth_refresh(&opts).await.unwrap();
    assert_ne!(refreshed.token, first.token);
    assert!(exp(&refreshed.token) > exp(&first.token));
    assert_eq!(refreshed.record, first.record);
    assert_eq!(refreshed.meta, None);
    assert_eq!(c.auth_store().token(), refreshed.token);
    assert_eq!(value(&c.auth_store().record()["email"]), json!(email.as_str()));
    assert!(c.auth_store().is_valid());

    // The token of another collection's record.
    let e = c.collection("_superusers").auth_refresh(&opts).await.unwrap_err();
    assert_eq!(
        (e.status, e.message.as_str()),
        (403, "The request requires auth record from users collection.")
    );
    assert_eq!(c.auth_store().token(), refreshed.token);

    // No token.
    let anonymous = client();
    let e = anonymous
        .collection("users")
        .auth_refresh(&opts)
        .await
        .unwrap_err();
    assert_eq!((e.status, e.message.as_str()), (401, MSG_401));
    assert_eq!(anonymous.auth_store().token(), "");
}

/// The `exp` claim of a JWT.
fn exp(token: &str) -> u64 {
    jwt_payload(token).unwrap()["exp"].as_u64().unwrap()
}

/// The same flow through the JS API, as code written for the official SDK does it:
/// the 401's `response.mfaId` passed on as an option (which becomes `?mfaId=`).
#[wasm_bindgen_test]
async fn the_js_api_signs_a_superuser_in_with_password_then_otp() {
    crate::support::package::ready().await;
    use crate::support::package::{BaseAuthStore, Client as PocketBase};
    let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &k.into()).unwrap();
    let email = new_record("_superusers", "jsmfa").await;
    let pb = PocketBase::new(Some(PB_AUTH_URL.into()), Some(BaseAuthStore::new().into()), None).unwrap();
    let admins = pb.collection("_superusers".into()).unwrap();

    let e = err(admins.auth_with_password(email.as_str().into(), ADMIN_PASSWORD.into(), None)).await;
    assert_eq!(get(&e, "name").as_string().unwrap(), "ClientResponseError 401");
    let mfa_id = get(&get(&e, "response"), "mfaId")
        .as_string()
        .expect("response.mfaId");
    assert_eq!(mfa_id.len(), 15);
    assert_eq!(get(&pb.auth_store(), "token").as_string().unwrap(), "");

    let before = mail_count(&email).await;
    let otp = ok(admins.request_otp(email.as_str().into(), None)).await;
    let otp_id = get(&otp, "otpId").as_string().unwrap();
    let code = otp_code(&next_mail(&email, before).await);
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"mfaId".into(), &mfa_id.as_str().into()).unwrap();
    let auth = ok(admins.auth_with_otp(otp_id.into(), code.into(), Some(options.into()))).await;
    assert_eq!(get(&get(&auth, "record"), "email").as_string().unwrap(), email);
    let store = pb.auth_store();
    assert_eq!(get(&store, "token"), get(&auth, "token"));
    assert_eq!(get(&store, "isSuperuser"), JsValue::TRUE);
    let list = ok(pb.backups().get_full_list(None)).await;
    assert!(js_sys::Array::is_array(&list));

    let refreshed = ok(admins.auth_refresh(None)).await;
    assert_eq!(
        get(&get(&refreshed, "record"), "id"),
        get(&get(&auth, "record"), "id")
    );
    assert_eq!(get(&pb.auth_store(), "token"), get(&refreshed, "token"));
    let e = err(admins.request_otp(JsValue::from(5), None)).await;
    assert!(wasm_bindgen::JsCast::is_instance_of::<js_sys::TypeError>(&e));
}
