//! The constructors of the tools module's calls (feature `tool-calls`), loaded on first
//! use: inspect (which a verified upload runs first), prune, and the schedule and
//! storage calls.

use bosbase_backups::calls::{
    self, CheckUpload, Inspect, Prune, PruneRequest, RunScheduledNow, Schedule, TestStorage,
};
use bosbase_backups::{PrunePolicy, S3Settings};
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
}
