//! An [`Inspection`](crate::Inspection) as the `ZipInspection` object, and its
//! TypeScript (the keys are `Inspection::to_json`'s: tests/typescript.rs holds them to
//! each other).

use wasm_bindgen::prelude::*;

use super::convert::to_js;

#[wasm_bindgen(typescript_custom_section)]
const TS_ZIP: &'static str = r#"
/** One file listed in a zip's central directory. */
export interface ZipEntryInfo {
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
  compressedSize: number;
  /** 0 = stored, 8 = deflate. */
  method: number;
  isDir: boolean;
}

/** What `backups.inspect` found in a file. */
export interface ZipInspection {
  /** The file's size in bytes. */
  size: number;
  /** True when the central directory could be read. */
  valid: boolean;
  /** True for a readable zip with `data.db` at its root: a backup of this server. */
  isBackup: boolean;
  zip64: boolean;
  entries: ZipEntryInfo[];
  /** Sum of the entries' uncompressed sizes. */
  totalUncompressed: number;
  /** Why the file is not a readable zip (`zip_empty`, `zip_not_zip`, `zip_truncated`, …). */
  error: { code: string; message: string } | null;
}
"#;

/// The `ZipInspection` of `i`.
pub fn inspection(i: &crate::Inspection) -> JsValue {
    to_js(&i.to_json())
}
