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
