//! Helpers shared by the browser test binaries: server addresses, unique names, and
//! raw `fetch` calls that set up server state without going through the SDK.
#![allow(dead_code)]

/// Building JS clients and option objects for the facade tests.
pub mod js;
/// The built npm package, imported as an app imports it, and its classes for Rust.
pub mod package;
/// The zip writer (crates/test-zip), shared with the core's tests.
pub use bosbase_backups_test_zip as zip_writer;

use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File, RequestInit, Response};

/// The server every test but the restore tests uses (started by scripts/test.sh).
pub const PB_URL: &str = env!("PB_URL");
/// A server of the restore tests' own: a restore swaps all of its data.
pub const PB_RESTORE_URL: &str = env!("PB_RESTORE_URL");
/// The fault server (tests/fault_server.py): its first path segment picks the fault.
pub const FAULT_URL: &str = env!("FAULT_URL");
/// A server of the auth tests' own: they turn on OTP and MFA for `_superusers`, which
/// would stop every other test's password sign-in.
pub const PB_AUTH_URL: &str = env!("PB_AUTH_URL");
/// The mail helper (tests/mail_server.py): the SMTP server the auth server sends to,
/// with the received mails over HTTP.
pub const MAIL_URL: &str = env!("MAIL_URL");
/// The built package's tools module (scripts/build.sh), which the main test server
/// serves from its public folder (scripts/test.sh starts it with `--publicDir pkg`).
pub const TOOLS_MODULE_URL: &str = env!("TOOLS_MODULE_URL");

/// Makes the package import its tools module on its first verify or schedule call, as
/// its entries do (again, after a test that changed how it is loaded).
pub fn use_tools_module() {
    let load = js_sys::Function::new_no_args(&format!("return import({TOOLS_MODULE_URL:?});"));
    package::set_tools_loader(&load);
}

pub const ADMIN_EMAIL: &str = "admin@example.com";
pub const ADMIN_PASSWORD: &str = "password123";

pub const MSG_401: &str = "The request requires valid record authorization token.";
pub const MSG_403: &str = "The authorized record is not allowed to perform this action.";
pub const MSG_BUSY: &str = "Try again later - another backup/restore process has already been started.";
/// What the server answers when two creates collide inside its lock window.
pub const MSG_CREATE_FAILED: &str = "Failed to create backup.";
pub const MSG_DOWNLOAD_403: &str = "Insufficient permissions to access the resource.";
/// The server's answer to a download of a missing key with a valid file token, when
/// its backups are on its own disk (on S3 it is a 400: tests/s3/support.rs).
pub const MISSING_DOWNLOAD: (u16, &str) = (404, "The requested resource wasn't found.");
/// Whether the server under test keeps its backups on S3 (tests/s3 sets it): deleting a
/// missing key then succeeds, `modified` has whole seconds, and a key with `%` is
/// refused as "already exists" (measured with moto's S3 server).
pub const ON_S3: bool = false;
/// How far apart backups are made when a test needs them in order of `modified`.
pub const APART_MS: i32 = 20;

/// A suffix no other test run uses: `[a-z0-9]`, safe in backup names.
pub fn unique() -> String {
    let n = (js_sys::Math::random() * 1e12) as u64;
    let t = js_sys::Date::now() as u64;
    format!("{:x}{:x}", t % 0xffffff, n)
}

/// A JS property.
pub fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

pub fn get_str(v: &JsValue, key: &str) -> String {
    get(v, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key} is not a string: {:?}", get(v, key)))
}

pub fn get_f64(v: &JsValue, key: &str) -> f64 {
    get(v, key)
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is not a number: {:?}", get(v, key)))
}

/// Awaits a promise that must resolve.
pub async fn ok(p: Promise) -> JsValue {
    match JsFuture::from(p).await {
        Ok(v) => v,
        Err(e) => panic!(
            "expected success, got {:?}: {:?}",
            get(&e, "message"),
            get(&e, "response")
        ),
    }
}

/// Awaits a promise that must reject, and returns the rejection.
pub async fn err(p: Promise) -> JsValue {
    match JsFuture::from(p).await {
        Ok(v) => panic!("expected a rejection, got {v:?}"),
        Err(e) => e,
    }
}

/// A raw request, no SDK involved. Returns status and body bytes.
pub async fn raw(method: &str, url: &str, token: Option<&str>, json: Option<&str>) -> (u16, Vec<u8>) {
    try_raw(method, url, token, json)
        .await
        .unwrap_or_else(|e| panic!("{method} {url}: {e:?}"))
}

/// [`raw`], with a failure to connect as an `Err` (e.g. while a server restarts).
pub async fn try_raw(
    method: &str,
    url: &str,
    token: Option<&str>,
    json: Option<&str>,
) -> Result<(u16, Vec<u8>), JsValue> {
    let init = RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().unwrap();
    if let Some(t) = token {
        headers.set("Authorization", t).unwrap();
    }
    if let Some(body) = json {
        headers.set("Content-Type", "application/json").unwrap();
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    let window = web_sys::window().unwrap();
    let resp: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await?
        .into();
    let buf = JsFuture::from(resp.array_buffer()?).await?;
    Ok((resp.status(), Uint8Array::new(&buf).to_vec()))
}

/// A raw request whose answer is JSON.
pub async fn raw_json(method: &str, url: &str, token: Option<&str>, json: Option<&str>) -> (u16, JsValue) {
    let (status, body) = raw(method, url, token, json).await;
    let text = String::from_utf8(body).unwrap();
    (status, js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL))
}

/// A superuser token from a raw login.
pub async fn superuser_token(base: &str) -> String {
    let body = format!(r#"{{"identity":"{ADMIN_EMAIL}","password":"{ADMIN_PASSWORD}"}}"#);
    let (status, v) = raw_json(
        "POST",
        &format!("{base}/api/collections/_superusers/auth-with-password"),
        None,
        Some(&body),
    )
    .await;
    assert_eq!(status, 200);
    get_str(&v, "token")
}

/// A client of the typed Rust API at `base`, signed in as the superuser.
pub async fn rust_superuser(base: &str) -> bosbase_backups::Client {
    let c = bosbase_backups::Client::with_auth(base, std::rc::Rc::new(bosbase_backups::AuthStore::memory()));
    c.collection("_superusers")
        .auth_with_password(
            ADMIN_EMAIL,
            ADMIN_PASSWORD,
            &bosbase_backups::RequestOptions::new(),
        )
        .await
        .unwrap();
    c
}

/// Creates a base collection named `name` on the main server with one file field,
/// `field`, of at most `max_size` bytes.
pub async fn create_file_collection(token: &str, name: &str, field: &str, max_size: u64) {
    let schema = format!(
        r#"{{"name":"{name}","type":"base","fields":[{{"name":"{field}","type":"file","maxSelect":1,"maxSize":{max_size}}}]}}"#
    );
    let (status, _) = raw(
        "POST",
        &format!("{PB_URL}/api/collections"),
        Some(token),
        Some(&schema),
    )
    .await;
    assert_eq!(status, 200);
}

/// Creates a regular (non-superuser) user and returns its e-mail; password is
/// `ADMIN_PASSWORD`.
pub async fn create_regular_user(base: &str) -> String {
    let email = format!("user_{}@example.com", unique());
    let body = format!(
        r#"{{"email":"{email}","password":"{ADMIN_PASSWORD}","passwordConfirm":"{ADMIN_PASSWORD}"}}"#
    );
    let (status, _) = raw_json(
        "POST",
        &format!("{base}/api/collections/users/records"),
        None,
        Some(&body),
    )
    .await;
    assert_eq!(status, 200);
    email
}

/// A `File` with these bytes and this name.
pub fn file(bytes: &[u8], name: &str) -> File {
    let parts = Array::of1(&Uint8Array::from(bytes));
    File::new_with_u8_array_sequence(&parts, name).unwrap()
}

/// A `Blob` with these bytes.
pub fn blob(bytes: &[u8]) -> Blob {
    Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(bytes))).unwrap()
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let p = Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(p).await.unwrap();
}

/// A stored (uncompressed) zip with these entries of zero bytes, as a `Blob` built in
/// JS memory: a large one costs no wasm memory. CRCs are left 0; sizes and offsets are
/// exact, so the central directory is valid.
pub fn zip_blob(entries: &[(&str, usize)]) -> Blob {
    let files: Vec<_> = entries
        .iter()
        .map(|(name, size)| zip_writer::ZipFile::zeros(name, *size as u64))
        .collect();
    layout_blob(&zip_writer::write_zip(&files))
}

/// A written archive as a `Blob`, its zero runs made of one shared chunk of JS memory.
pub fn layout_blob(layout: &zip_writer::Layout) -> Blob {
    const CHUNK: u64 = 1 << 20;
    let zeros = Uint8Array::new_with_length(CHUNK as u32);
    let parts = Array::new();
    for piece in layout.pieces() {
        match piece {
            zip_writer::Piece::Bytes(b) => {
                parts.push(&Uint8Array::from(b));
            }
            zip_writer::Piece::Zeros(mut left) => {
                while left > 0 {
                    let n = left.min(CHUNK);
                    parts.push(&zeros.subarray(0, n as u32));
                    left -= n;
                }
            }
        }
    }
    Blob::new_with_u8_array_sequence(&parts).unwrap()
}

/// [`zip_blob`] as a `File` with this name.
pub fn zip_file(name: &str, entries: &[(&str, usize)]) -> File {
    File::new_with_blob_sequence(&Array::of1(&zip_blob(entries)), name).unwrap()
}

/// A zip64 archive (stored entries, every size and offset in zip64 records and extra
/// fields, the classic end record saturated) with these entries of zero bytes.
pub fn zip64_blob(entries: &[(&str, usize)]) -> Blob {
    let files = entries
        .iter()
        .map(|(name, size)| zip_writer::ZipFile {
            zip64: true,
            ..zip_writer::ZipFile::zeros(name, *size as u64)
        })
        .collect();
    layout_blob(&zip_writer::write_archive(&zip_writer::Archive {
        entries: files,
        zip64_end: true,
        saturate_eocd: true,
        ..Default::default()
    }))
}

/// The size of the tools module's memory (its initSync, once loaded, hands out its exports).
pub async fn tools_memory_bytes() -> f64 {
    let read = js_sys::Function::new_no_args(&format!(
        "return import({TOOLS_MODULE_URL:?}).then((m) => m.initSync().memory.buffer.byteLength);"
    ));
    let size = JsFuture::from(
        read.call0(&JsValue::UNDEFINED)
            .unwrap()
            .unchecked_into::<Promise>(),
    )
    .await
    .unwrap();
    size.as_f64().unwrap()
}

/// The size of the package core's memory (the module the default entry instantiated).
pub fn wasm_memory_bytes() -> f64 {
    package::memory_bytes()
}
