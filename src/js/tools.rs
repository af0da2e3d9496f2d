//! The npm package's tools port: verify and the cron rules run in the second wasm
//! module (crates/tools), imported on the first call that needs one. Only bytes and
//! plain data cross: this module reads the backup's stream and feeds the tools'
//! verifier piece by piece (the tools module runs no futures of its own), and the report
//! comes back as JSON text.

use std::future::Future;
use std::pin::Pin;

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::core::json::Json;
use crate::core::models::FromJson;
use crate::core::settings::ScheduleCheck;
use crate::core::verify::VerifyReport;
use crate::error::Error;
use crate::tools::{feed_stream, StreamError, ToolFuture, Tools, VerifyInput};

// `catch` on both: each then goes through the glue's import object, the one import
// module that the build's renaming of import names expects.
#[wasm_bindgen(module = "/src/js/tools_loader.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = __loadTools)]
    fn load_tools() -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch, js_name = __setToolsLoader)]
    fn register_loader(load: &Function) -> Result<(), JsValue>;
}

/// Says how to import the tools module: `load()` resolves to its exports, ready to call
/// (the package's entries do this; a page that builds the package itself, or a test,
/// passes its own).
pub fn set_tools_loader(load: &Function) {
    // Storing a function cannot throw.
    let _ = register_loader(load);
}

/// The tools of the module that [`set_tools_loader`] loads.
pub struct ModuleTools;

/// One export of the loaded tools module.
async fn export(name: &str) -> Result<Function, Error> {
    let module = JsFuture::from(load_tools().map_err(Error::tools_unavailable)?)
        .await
        .map_err(Error::tools_unavailable)?;
    Reflect::get(&module, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| {
            Error::client(
                "",
                format!("The tools module has no `{name}`: it is not this version's."),
            )
        })
}

/// A tool that threw: the module's own failure (nothing was sent).
fn failed(e: JsValue) -> Error {
    Error::tools_unavailable(e)
}

fn parse<T: FromJson>(text: &JsValue, what: &str) -> Result<T, Error> {
    text.as_string()
        .and_then(|t| Json::parse(&t))
        .and_then(|j| T::from_json(&j))
        .ok_or_else(|| {
            Error::client(
                "",
                format!("The tools module's {what} is not the expected shape."),
            )
        })
}

impl Tools for ModuleTools {
    fn verify(&self, input: VerifyInput) -> Pin<Box<dyn Future<Output = Result<VerifyReport, StreamError>>>> {
        Box::pin(async move {
            let class = export("StreamVerifier").await.map_err(StreamError::Tools)?;
            let verifier =
                Reflect::construct(&class, &Array::new()).map_err(|e| StreamError::Tools(failed(e)))?;
            let method = |name: &str| {
                Reflect::get(&verifier, &name.into())
                    .ok()
                    .and_then(|f| f.dyn_into::<Function>().ok())
                    .ok_or_else(|| StreamError::Tools(failed(name.into())))
            };
            let (feed, stopped, finish) = (method("feed")?, method("stopped")?, method("finish")?);
            // The core reads the stream; the tools module only gets its bytes, a piece
            // at a time, and runs nothing of its own in between.
            let mut fault = None;
            let read = feed_stream(input, |piece| match feed.call1(&verifier, piece) {
                Ok(_) => !stopped.call0(&verifier).is_ok_and(|s| s.is_truthy()),
                Err(e) => {
                    fault = Some(e);
                    false
                }
            })
            .await;
            read.map_err(StreamError::Read)?;
            if let Some(e) = fault {
                return Err(StreamError::Tools(failed(e)));
            }
            let text = finish
                .call0(&verifier)
                .map_err(|e| StreamError::Tools(failed(e)))?;
            parse(&text, "verify report").map_err(StreamError::Tools)
        })
    }

    fn schedule(
        &self,
        cron: &str,
        max_keep: Option<i64>,
        now_ms: f64,
        count: usize,
    ) -> ToolFuture<ScheduleCheck> {
        let cron = cron.to_string();
        Box::pin(async move {
            let schedule = export("schedule").await?;
            let args = Array::of4(
                &cron.into(),
                &max_keep.map_or(JsValue::UNDEFINED, |k| JsValue::from_f64(k as f64)),
                &JsValue::from_f64(now_ms),
                &JsValue::from_f64(count as f64),
            );
            // A throw here is the module's own failure (nothing was sent).
            let text = schedule.apply(&JsValue::UNDEFINED, &args).map_err(failed)?;
            parse(&text, "schedule check")
        })
    }
}
