//! The superuser token stays where it belongs: in the Authorization header of
//! requests to the server, never in a URL, an error, or the console.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::js_helpers::*;
use crate::support::*;

const CAPTURE: &str = "
  globalThis.__captured = [];
  globalThis.__restore = {};
  for (const k of ['log', 'info', 'warn', 'error', 'debug']) {
    const original = console[k];
    globalThis.__restore[k] = original;
    console[k] = (...args) => { globalThis.__captured.push(args.map(String).join(' ')); original.apply(console, args); };
  }";
const RELEASE: &str = "
  for (const k in globalThis.__restore) console[k] = globalThis.__restore[k];
  return globalThis.__captured.join('\\n');";

#[wasm_bindgen_test]
async fn the_token_never_appears_in_urls_errors_or_the_console() {
    let c = superuser_client().await;
    let token = c.auth_store().token();
    assert!(token.len() > 20);
    js_sys::Function::new_no_args(CAPTURE)
        .call0(&JsValue::NULL)
        .unwrap();

    let missing = format!("missing_{}.zip", unique());
    let failures = vec![
        c.backups().delete(missing.as_str().into(), None),
        c.backups().restore(missing.as_str().into(), None),
        c.backups().create(arg("Bad Name.zip"), None),
        c.backups().download(missing.as_str().into(), None),
        c.backups().save(missing.as_str().into(), None),
        c.backups().upload(file(b"not a zip", "x.zip").into(), None),
        c.backups().upload(
            file(b"not a zip", "x.zip").into(),
            opts(&[("verify", JsValue::FALSE)]),
        ),
        c.backups()
            .get_full_list(opts(&[("headers", obj(&[("Authorization", "wrong".into())]))])),
    ];
    for p in failures {
        let e = err(p).await;
        let whole = format!(
            "{} {} {} {:?}",
            get_str(&e, "message"),
            get_str(&e, "url"),
            js_sys::JSON::stringify(&get(&e, "response"))
                .unwrap()
                .as_string()
                .unwrap(),
            e
        );
        assert!(!whole.contains(&token), "token leaked in: {whole}");
    }
    let url = c
        .backups()
        .get_download_url(ok(c.files().get_token(None)).await, "k.zip".into(), None)
        .unwrap();
    assert!(!url.contains(&token));

    let console = js_sys::Function::new_no_args(RELEASE)
        .call0(&JsValue::NULL)
        .unwrap()
        .as_string()
        .unwrap();
    assert!(!console.contains(&token), "token in the console");
}

#[wasm_bindgen_test]
async fn clearing_the_session_leaves_no_trace_in_storage() {
    let key = format!("trace_{}", unique());
    let store = bosbase_backups::js::LocalAuthStore::new(Some(key.as_str().into())).unwrap();
    let c = bosbase_backups::js::Client::new(arg(PB_URL), Some(store.into()), None).unwrap();
    ok(c.collection("_superusers".into()).unwrap().auth_with_password(
        ADMIN_EMAIL.into(),
        ADMIN_PASSWORD.into(),
        None,
    ))
    .await;
    let token = c.auth_store().token();
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let holds_token = || {
        (0..storage.length().unwrap()).any(|i| {
            let k = storage.key(i).unwrap().unwrap_or_default();
            storage.get_item(&k).unwrap().unwrap_or_default().contains(&token)
        })
    };
    assert!(holds_token());
    c.auth_store().clear();
    assert!(!holds_token(), "no stored value holds the token");
    assert_eq!(c.auth_store().token(), "");
    assert_eq!(c.auth_store().record(), JsValue::NULL);
}

#[wasm_bindgen_test]
async fn the_token_does_not_follow_a_redirect_to_another_origin() {
    let token = superuser_client().await.auth_store().token();
    let arrived = |base: String| {
        let token = token.clone();
        async move {
            let c = client_of(&base);
            c.auth_store().save(token.into(), None);
            let list = js_sys::Array::from(&ok(c.backups().get_full_list(None)).await);
            get_str(&list.get(0), "key")
        }
    };
    // Straight to the fault server, the header arrives...
    assert_eq!(
        arrived(format!("{FAULT_URL}/echo")).await,
        format!("auth:{token}")
    );
    // ...but not after it redirects the call to another origin (localhost).
    assert!(FAULT_URL.starts_with("http://127.0.0.1:"));
    assert_eq!(arrived(format!("{FAULT_URL}/redirect")).await, "auth:none");
}

/// Everything an error reporter could be handed: the fields, `toJSON()`, `String(e)`,
/// the stack and `originalError` (as JSON, and as text where it is an `Error`).
fn everything_in(e: &JsValue) -> String {
    js_sys::Function::new_with_args(
        "e",
        "const o = e.originalError;
         return [e.message, e.url, String(e), e.stack, JSON.stringify(e), JSON.stringify(e.toJSON()),
                 JSON.stringify(o), o instanceof Error ? String(o) + o.stack : ''].join('\\n');",
    )
    .call1(&JsValue::NULL, e)
    .unwrap()
    .as_string()
    .unwrap()
}

#[wasm_bindgen_test]
async fn the_file_token_is_redacted_from_errors_and_the_console() {
    let c = superuser_client().await;
    // A fetch that records every URL, to learn the file tokens the SDK used.
    js_sys::Function::new_no_args(
        "globalThis.__urls = [];
         globalThis.__recording = (url, init) => { globalThis.__urls.push(String(url)); return fetch(url, init); };",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    let recording = js_sys::Reflect::get(&js_sys::global(), &"__recording".into()).unwrap();
    js_sys::Function::new_no_args(CAPTURE)
        .call0(&JsValue::NULL)
        .unwrap();

    let missing = format!("missing_{}.zip", unique());
    let with_fetch = || opts(&[("fetch", recording.clone())]);
    let mut errors = vec![
        err(c.backups().download(missing.as_str().into(), with_fetch())).await,
        err(c.backups().save(missing.as_str().into(), with_fetch())).await,
    ];
    // A download that ends early (fault server: its file token is "file-token").
    let fault = client_of(&format!("{FAULT_URL}/drop"));
    fault
        .auth_store()
        .save(superuser_token(&format!("{FAULT_URL}/ok")).await.into(), None);
    errors.push(err(fault.backups().download("big.zip".into(), with_fetch())).await);

    let urls = js_sys::Array::from(&js_sys::Reflect::get(&js_sys::global(), &"__urls".into()).unwrap());
    let tokens: Vec<String> = urls
        .iter()
        .filter_map(|u| {
            let u = u.as_string().unwrap();
            u.split_once("?token=")
                .map(|(_, t)| t.split('&').next().unwrap().to_string())
        })
        .collect();
    assert_eq!(
        tokens.len(),
        3,
        "three download requests carried a file token: {tokens:?}"
    );
    assert!(tokens.iter().any(|t| t == "file-token"));

    for e in &errors {
        let url = get_str(e, "url");
        assert!(url.contains("/api/backups/"), "{url}");
        assert!(
            url.ends_with("?token=[redacted]"),
            "the token is redacted in: {url}"
        );
        let whole = everything_in(e);
        for t in &tokens {
            assert!(!whole.contains(t.as_str()), "file token leaked in: {whole}");
        }
    }
    assert_eq!(get_f64(&errors[0], "status"), 404.0);
    assert_eq!(
        get_str(&get(&errors[0], "originalError"), "url"),
        get_str(&errors[0], "url")
    );

    let console = js_sys::Function::new_no_args(RELEASE)
        .call0(&JsValue::NULL)
        .unwrap()
        .as_string()
        .unwrap();
    for t in &tokens {
        assert!(!console.contains(t.as_str()), "file token in the console");
    }
}
