//! `pb.backups.verify`: a [`VerifyReport`](crate::VerifyReport) as the `VerifyReport`
//! object.

use wasm_bindgen::prelude::*;
use web_sys::Blob;

use super::backups::JsBackupService;
use super::convert::type_error;
use super::convert::{string, to_js};
use super::options::{self, request};
use super::promise::promise;
use crate::core::verify::VerifyReport;
use crate::services::VerifySource;

#[wasm_bindgen(js_class = BackupService)]
impl JsBackupService {
    /// A test restore without restoring: reads the whole backup once (from the server
    /// by key, through a file token, or a local `File`/`Blob`) and checks every entry
    /// as a restore would read it — inflated and its CRC-32 compared, `data.db` and
    /// `auxiliary.db` SQLite databases of a plausible size, the central directory
    /// matching, no zip bomb. Only 64 KiB at a time enter wasm memory. Resolves with a
    /// report for any bytes; `problems` lists what is wrong, each with a `code`.
    ///
    /// @example
    /// ```js
    /// const report = await pb.backups.verify("before_upgrade.zip", {
    ///   onProgress: ({ loaded, total }) => (bar.value = loaded / total),
    /// });
    /// if (!report.ok) for (const p of report.problems) console.warn(p.entry, p.code, p.message);
    /// ```
    /// @throws {ClientResponseError} 403 / 404 from the server; status 0 when the
    /// connection drops; `isAbort` when `signal` aborts.
    /// @throws {TypeError} when `source` is neither a key nor a `Blob`.
    #[wasm_bindgen(unchecked_return_type = "Promise<VerifyReport>")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Blob")] source: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        promise((|| {
            let source = if source.is_string() {
                VerifySource::Key(string(&source, "key")?)
            } else {
                VerifySource::Blob(
                    source
                        .dyn_into::<Blob>()
                        .map_err(|_| type_error("verify needs a backup key (string) or a File or Blob."))?,
                )
            };
            let options = options.unwrap_or_default();
            let request = request(&options, &["onProgress"])?;
            let sent = self
                .service()
                .verify(source, &request, options::on_progress(&options)?);
            Ok(async move { Ok(report(&sent.await?)) })
        })())
    }
}

// The report's TypeScript, beside its converter (the keys are
// VerifyReport::to_json's: tests/typescript.rs holds them to each other).
#[wasm_bindgen(typescript_custom_section)]
const TS_VERIFY: &'static str = r#"
/** Why `backups.verify` found a backup unsound. */
export type VerifyProblemCode =
  | "zip_empty"
  | "zip_not_zip"
  | "zip_truncated"
  | "zip_corrupt"
  | "zip_directory_mismatch"
  | "entry_encrypted"
  | "entry_unsupported_method"
  | "entry_size_unknown"
  | "entry_bad_deflate"
  | "entry_crc_mismatch"
  | "entry_size_mismatch"
  | "entry_zip_bomb"
  | "backup_missing_data_db"
  | "sqlite_not_database"
  | "sqlite_bad_page_size"
  | "sqlite_size_mismatch";

/** One thing `backups.verify` found wrong. */
export interface VerifyProblem {
  /** The entry's name (`"data.db"`, `"storage/…"`); `""` for the archive as a whole. */
  entry: string;
  code: VerifyProblemCode;
  /** A sentence for the user. */
  message: string;
}

/** What `backups.verify` found. */
export interface VerifyReport {
  /** True when no problem was found: the backup would restore. */
  ok: boolean;
  /** Entries read (directories included). */
  entries: number;
  /** Bytes of the zip read. */
  bytes: number;
  /** Bytes the entries inflated to. */
  inflatedBytes: number;
  /** Files under `storage/` (the server's uploaded files), not counting the `.attrs` metadata file it keeps beside each. */
  storageFiles: number;
  /** What is wrong, in file order (at most 100); empty when `ok`. */
  problems: VerifyProblem[];
}

/** Options of `backups.verify`. */
export interface VerifyOptions extends SendOptions {
  /**
   * Called with `{loaded, total}` bytes of the zip read (at most once per MiB, and at
   * the end); `total` is 0 when the server's length is not shown.
   */
  onProgress?: (progress: TransferProgress) => void;
}
"#;

/// The `VerifyReport` of `r`.
fn report(r: &VerifyReport) -> JsValue {
    to_js(&r.to_json())
}
