//! The constructors of the tools module's calls (feature `tool-calls`), loaded on first
//! use: inspect (which a verified upload runs first), prune, and the schedule and
//! storage calls.

use bosbase_backups::calls::{
    self, CheckUpload, Inspect, Prune, PruneRequest, RunScheduledNow, Schedule, TestStorage,
};
use bosbase_backups::calls::{Env, Plan, Step};
use bosbase_backups::core::json::Json;
use bosbase_backups::core::models::FromJson;
use bosbase_backups::core::settings::ScheduleCheck;
use bosbase_backups::{Error, PrunePolicy, S3Settings};
use wasm_bindgen::prelude::*;

use crate::{typed, Call};

/// The calls of the tools module (loaded on first use): inspect (which a verified upload
/// runs first), prune, and the schedule and storage calls.
#[wasm_bindgen]
impl Call {
    /// The check before an upload of a file of `size` bytes: resolves with `true`, or
    /// fails as the server would refuse the file, before a byte is sent.
    #[wasm_bindgen(js_name = checkUpload)]
    pub fn check_upload(size: f64) -> Call {
        typed(CheckUpload::new(size as u64))
    }

    /// The contents of a local zip of `size` bytes, from its central directory.
    pub fn inspect(size: f64) -> Call {
        typed(Inspect::new(size as u64))
    }

    /// `backups.prune`; with `filtering`, the caller's `match` is asked about the
    /// listed keys by a `filter` step. `base` is the server's address.
    #[allow(clippy::too_many_arguments)]
    pub fn prune(
        keep: Option<u32>,
        older_than_ms: Option<f64>,
        max_age_ms: Option<f64>,
        only: Option<Vec<String>>,
        dry_run: bool,
        filtering: bool,
        base: String,
    ) -> Call {
        let request = PruneRequest {
            policy: PrunePolicy {
                keep: keep.map(|k| k as usize),
                older_than_ms,
                max_age_ms,
            },
            // Only its presence counts: the JS applies the filter itself.
            matches: filtering.then(|| std::rc::Rc::new(|_: &str| true) as calls::KeyFilter),
            only,
            dry_run,
        };
        typed(Prune::new(request, base))
    }

    #[wasm_bindgen(js_name = getSchedule)]
    pub fn get_schedule() -> Call {
        typed(Schedule::get())
    }

    #[wasm_bindgen(js_name = setSchedule)]
    pub fn set_schedule(cron: &str, max_keep: Option<f64>) -> Call {
        typed(Schedule::set(cron, max_keep.map(|k| k as i64)))
    }

    #[wasm_bindgen(js_name = getStorage)]
    pub fn get_storage() -> Call {
        typed(calls::storage())
    }

    /// S3 storage with these settings (`secret` undefined keeps the server's), or, with
    /// no `bucket`, the server's disk.
    #[wasm_bindgen(js_name = setStorage)]
    pub fn set_storage(
        bucket: Option<String>,
        region: String,
        endpoint: String,
        access_key: String,
        secret: Option<String>,
        force_path_style: bool,
    ) -> Call {
        let s3 = bucket.map(|bucket| S3Settings {
            bucket,
            region,
            endpoint,
            access_key,
            secret,
            force_path_style,
        });
        typed(calls::set_storage(s3.as_ref()))
    }

    #[wasm_bindgen(js_name = testStorage)]
    pub fn test_storage() -> Call {
        typed(TestStorage)
    }

    #[wasm_bindgen(js_name = runScheduledNow)]
    pub fn run_scheduled_now() -> Call {
        typed(RunScheduledNow::default())
    }

    /// The bytes of the last `read` step (copied in: a zip's tail and directory, never
    /// a whole file).
    pub fn read(&mut self, bytes: &[u8]) -> String {
        let env = self.env;
        let step = self.driven.plan().read(Ok(bytes), env);
        self.emit(step)
    }
}

/// What [`Call::step`] is told of the tools module's own steps: `"readFailed"`, the
/// file could not be read (`text`, as the browser said); `"scheduled"`, the schedule
/// check (`text`, its JSON); `"filtered"`, the keys the caller's filter kept (`text`, a
/// JSON array).
pub(crate) fn told(plan: &mut dyn Plan, event: &str, text: &str, env: Env) -> Step {
    match event {
        "readFailed" => {
            let error = Error::client("", ["The file could not be read: ", text].concat());
            plan.read(Err(error), env)
        }
        "scheduled" => {
            let check = Json::parse(text)
                .and_then(|j| ScheduleCheck::from_json(&j))
                .ok_or_else(|| {
                    Error::client("", "The tools module's schedule check is not the expected shape.")
                });
            plan.scheduled(check, env)
        }
        _ => {
            let kept = Json::parse(text)
                .and_then(|j| {
                    j.as_array().map(|keys| {
                        keys.iter()
                            .filter_map(|k| k.as_str().map(str::to_string))
                            .collect()
                    })
                })
                .unwrap_or_default();
            plan.filtered(kept, env)
        }
    }
}
