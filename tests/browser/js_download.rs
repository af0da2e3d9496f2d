//! Download URLs: their exact form, and what the server answers for them.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::js_helpers::*;
use crate::support::*;

#[wasm_bindgen_test]
fn download_url_is_absolute_and_carries_only_the_file_token() {
    let c = client_of(&format!("{PB_URL}///"));
    let url = c
        .backups()
        .get_download_url("tok en".into(), "a b/ü.zip".into(), None)
        .unwrap();
    assert_eq!(
        url,
        format!("{PB_URL}/api/backups/a%20b%2F%C3%BC.zip?token=tok%20en")
    );

    let query = obj(&[("download", JsValue::TRUE), ("skip", JsValue::NULL)]);
    let url = c
        .backups()
        .get_download_url(
            "t".into(),
            "k.zip".into(),
            Some(wasm_bindgen::JsCast::unchecked_into(query)),
        )
        .unwrap();
    assert_eq!(url, format!("{PB_URL}/api/backups/k.zip?token=t&download=true"));
    let alias = c
        .backups()
        .get_download_url_alias("t".into(), "k.zip".into(), None)
        .unwrap();
    assert_eq!(alias, format!("{PB_URL}/api/backups/k.zip?token=t"));
}

#[wasm_bindgen_test]
async fn download_serves_the_bytes_and_refuses_bad_tokens() {
    let c = superuser_client().await;
    let key = ok(c.backups().create(None, None)).await.as_string().unwrap();
    let listed = js_sys::Array::from(&ok(c.backups().get_full_list(None)).await);
    let size = get_f64(&listed.iter().find(|b| get_str(b, "key") == key).unwrap(), "size") as usize;

    let token = ok(c.files().get_token(None)).await.as_string().unwrap();
    assert_ne!(token, c.auth_store().token());
    let url = c
        .backups()
        .get_download_url(token.as_str().into(), key.as_str().into(), None)
        .unwrap();
    assert!(!url.contains(&c.auth_store().token()));
    let (status, bytes) = raw("GET", &url, None, None).await;
    assert_eq!(status, 200);
    assert_eq!(bytes.len(), size);
    assert_eq!(&bytes[..4], b"PK\x03\x04");

    // No token, a garbage token, and the auth token instead of a file token: 403.
    for bad in ["", "garbage", c.auth_store().token().as_str()] {
        let url = c
            .backups()
            .get_download_url(bad.into(), key.as_str().into(), None)
            .unwrap();
        let (status, body) = raw_json("GET", &url, None, None).await;
        assert_eq!(status, 403, "token {bad:?}");
        assert_eq!(get_str(&body, "message"), MSG_DOWNLOAD_403);
    }

    // A valid file token and a missing key: 404.
    let missing = format!("missing_{}.zip", unique());
    let url = c
        .backups()
        .get_download_url(token.into(), missing.as_str().into(), None)
        .unwrap();
    let (status, _) = raw("GET", &url, None, None).await;
    assert_eq!(status, 404);

    ok(c.backups().delete(key.into(), None)).await;
}
