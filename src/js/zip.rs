//! An [`Inspection`](crate::Inspection) as the `ZipInspection` object.

use wasm_bindgen::JsValue;

use super::convert::to_js;

/// The `ZipInspection` of `i`.
pub fn inspection(i: &crate::Inspection) -> JsValue {
    let (entries, zip64, total, error) = match &i.verdict {
        Ok(s) => (&s.entries[..], s.zip64, s.total_uncompressed, None),
        Err(e) => (
            &[][..],
            false,
            0,
            Some(serde_json::json!({ "code": e.code(), "message": e.message() })),
        ),
    };
    let entries: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            serde_json::json!({
                "name": e.name, "size": e.uncompressed_size as f64, "compressedSize": e.compressed_size as f64,
                "method": e.method, "isDir": e.is_dir,
            })
        })
        .collect();
    to_js(&serde_json::json!({
        "size": i.size as f64, "valid": i.verdict.is_ok(), "isBackup": i.is_backup(), "zip64": zip64,
        "entries": entries, "totalUncompressed": total as f64, "error": error,
    }))
}
