//! An [`Inspection`](crate::Inspection) as the `ZipInspection` object.

use wasm_bindgen::JsValue;

use super::convert::to_js;
use crate::core::json::Json;

/// The `ZipInspection` of `i`.
pub fn inspection(i: &crate::Inspection) -> JsValue {
    let (entries, zip64, total, error) = match &i.verdict {
        Ok(s) => (&s.entries[..], s.zip64, s.total_uncompressed, Json::Null),
        Err(e) => (
            &[][..],
            false,
            0,
            Json::object([("code", Json::str(e.code())), ("message", Json::str(e.message()))]),
        ),
    };
    let entries = entries
        .iter()
        .map(|e| {
            Json::object([
                ("name", Json::str(&e.name)),
                ("size", Json::uint(e.uncompressed_size)),
                ("compressedSize", Json::uint(e.compressed_size)),
                ("method", Json::uint(u64::from(e.method))),
                ("isDir", Json::Bool(e.is_dir)),
            ])
        })
        .collect();
    to_js(&Json::object([
        ("size", Json::uint(i.size)),
        ("valid", Json::Bool(i.verdict.is_ok())),
        ("isBackup", Json::Bool(i.is_backup())),
        ("zip64", Json::Bool(zip64)),
        ("entries", Json::Array(entries)),
        ("totalUncompressed", Json::uint(total)),
        ("error", error),
    ]))
}
