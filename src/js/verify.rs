//! `pb.backups.verify`: a [`VerifyReport`](crate::VerifyReport) as the `VerifyReport`
//! object.

use wasm_bindgen::prelude::*;
use web_sys::Blob;

use super::backups::JsBackupService;
use super::convert::{string, to_js};
use super::error::type_error;
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

/// The `VerifyReport` of `r`.
fn report(r: &VerifyReport) -> JsValue {
    to_js(&r.to_json())
}
