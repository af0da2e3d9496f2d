//! The superuser token stays where it belongs: in the Authorization header of
//! requests to the server, never in a URL, an error, or the console.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::js::*;
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
    crate::support::package::ready().await;
    let key = format!("trace_{}", unique());
    let store = crate::support::package::LocalAuthStore::new(Some(key.as_str().into())).unwrap();
    let c = crate::support::package::Client::new(arg(PB_URL), Some(store.into()), None).unwrap();
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
    let signed_in = |base: String| {
        let token = token.clone();
        async move {
            let c = client_of(&base).await;
            c.auth_store().save(token.into(), None);
            c
        }
    };
    // Straight to the fault server, the header arrives...
    let list = js_sys::Array::from(
        &ok(signed_in(format!("{FAULT_URL}/echo"))
            .await
            .backups()
            .get_full_list(None))
        .await,
    );
    assert_eq!(get_str(&list.get(0), "key"), format!("auth:{token}"));
    // ...but a call the server redirects to another origin (localhost) is not followed.
    assert!(FAULT_URL.starts_with("http://127.0.0.1:"));
    let e = err(signed_in(format!("{FAULT_URL}/redirect"))
        .await
        .backups()
        .get_full_list(None))
    .await;
    assert_eq!(get_f64(&e, "status"), 0.0);
    assert!(
        get_str(&e, "message").starts_with("The server answered with a redirect"),
        "{e:?}"
    );
}

/// What the fault server's `echo` mode received for `run`: (POSTs, their Authorization).
async fn seen(run: &str) -> (f64, Vec<String>) {
    let (status, body) = raw("GET", &format!("{FAULT_URL}/seen/{run}"), None, None).await;
    assert_eq!(status, 200);
    let v = js_sys::JSON::parse(&String::from_utf8(body).unwrap()).unwrap();
    let auth = js_sys::Array::from(&get(&v, "auth"))
        .iter()
        .map(|a| a.as_string().unwrap())
        .collect();
    (get_f64(&v, "posts"), auth)
}

#[wasm_bindgen_test]
async fn an_upload_redirected_to_another_origin_is_refused() {
    let token = superuser_client().await.auth_store().token();
    let c = client_of(&format!("{FAULT_URL}/redirect")).await;
    c.auth_store().save(token.into(), None);
    let upload = |run: &str, progress: bool| {
        let mut options = vec![("query", obj(&[("run", run.into())]))];
        if progress {
            options.push(("onProgress", js_sys::Function::new_no_args("").into()));
        }
        c.backups().upload(
            zip_file("redirected.zip", &[("data.db", 64 << 10)]).into(),
            opts(&options),
        )
    };

    // Through fetch: the redirect is not followed, the file goes nowhere else.
    let run = unique();
    let e = err(upload(&run, false)).await;
    assert_eq!(get_f64(&e, "status"), 0.0);
    assert!(
        get_str(&e, "message").starts_with("The server answered with a redirect"),
        "{e:?}"
    );
    assert_eq!(seen(&run).await, (0.0, vec![]));

    // Through XMLHttpRequest (with onProgress), which always follows: the browser drops
    // the header on the way, and the other origin's answer is refused.
    let run = unique();
    let e = err(upload(&run, true)).await;
    assert_eq!(get_f64(&e, "status"), 0.0);
    assert!(
        get_str(&e, "message").starts_with("The server redirected the upload to another origin"),
        "{e:?}"
    );
    let (posts, auth) = seen(&run).await;
    assert!(posts <= 1.0);
    assert!(auth.iter().all(|a| a == "none"), "the token followed: {auth:?}");
}

#[wasm_bindgen_test]
async fn a_redirect_within_the_origin_is_followed_with_the_session_and_the_body() {
    let token = superuser_client().await.auth_store().token();
    // `moved` answers every request with a 307 to the same path under `echo`, on its
    // own origin: the browser hides where (an opaque redirect), the SDK learns it.
    let c = client_of(&format!("{FAULT_URL}/moved")).await;
    c.auth_store().save(token.clone().into(), None);
    let list = js_sys::Array::from(&ok(c.backups().get_full_list(None)).await);
    assert_eq!(list.length(), 1);
    assert_eq!(get_str(&list.get(0), "key"), format!("auth:{token}"));

    for progress in [false, true] {
        let run = unique();
        let mut options = vec![("query", obj(&[("run", run.as_str().into())]))];
        if progress {
            options.push(("onProgress", js_sys::Function::new_no_args("").into()));
        }
        let file = zip_file("moved.zip", &[("data.db", 64 << 10)]);
        let key = ok(c.backups().upload(file.into(), opts(&options))).await;
        assert_eq!(
            key.as_string().as_deref(),
            Some("moved.zip"),
            "progress: {progress}"
        );
        // The body and the session went once, to where the server pointed.
        assert_eq!(
            seen(&run).await,
            (1.0, vec![token.clone()]),
            "progress: {progress}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_redirect_that_never_ends_is_refused() {
    let token = superuser_client().await.auth_store().token();
    let c = client_of(&format!("{FAULT_URL}/circle")).await;
    c.auth_store().save(token.into(), None);
    let e = err(c.backups().get_full_list(None)).await;
    assert_eq!(get_f64(&e, "status"), 0.0);
    assert!(
        get_str(&e, "message").starts_with("The server answered with a redirect that is not followed"),
        "{e:?}"
    );
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
    let fault = client_of(&format!("{FAULT_URL}/drop")).await;
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
