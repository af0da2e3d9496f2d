//! A restore from S3: the data really reverts, and the server keeps its S3 storage.

use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::js::*;
use crate::support::*;

async fn collection_status(token: &str, name: &str) -> u16 {
    raw(
        "GET",
        &format!("{PB_S3_URL}/api/collections/{name}"),
        Some(token),
        None,
    )
    .await
    .0
}

#[wasm_bindgen_test]
async fn a_backup_on_s3_restores_and_the_data_reverts() {
    let c = superuser_client().await;
    until_idle(&c).await;
    let key = format!("before_{}.zip", unique());
    ok(c.backups().create(arg(key.as_str()), None)).await;
    let token = c.auth_store().token();
    let name = format!("added_{}", unique());
    let schema = format!(r#"{{"name":"{name}","type":"base","fields":[{{"name":"title","type":"text"}}]}}"#);
    let (status, _) = raw_json(
        "POST",
        &format!("{PB_S3_URL}/api/collections"),
        Some(&token),
        Some(&schema),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(collection_status(&token, &name).await, 200);

    let report = ok(c.backups().restore(
        key.as_str().into(),
        opts(&[("wait", JsValue::TRUE), ("timeoutMs", 60_000.into())]),
    ))
    .await;
    assert_eq!(get(&report, "waited"), JsValue::TRUE);
    assert_eq!(get(&report, "authCleared"), JsValue::FALSE);
    assert_eq!(
        collection_status(&c.auth_store().token(), &name).await,
        404,
        "the collection made after the backup is gone"
    );

    let storage = ok(c.backups().get_storage(None)).await;
    assert_eq!(
        get(&storage, "local"),
        JsValue::FALSE,
        "still on S3 after the restore"
    );
    assert!(keys(&c).await.contains(&key));
    ok(c.backups().delete(key.as_str().into(), None)).await;
}
