//! The npm package's core module: every call's plan (`bosbase_backups::calls`, the same
//! code the Rust API runs) behind one class, [`Call`], whose steps the package's JS
//! performs — the requests, the waits, the realtime connection, the reads of a file,
//! the session, the tools. No I/O and no futures here: a call is made by one
//! constructor, started, and told what happened after each step; each step and the
//! result cross as JSON text ([`wire`] has the shapes).
//!
//! ```text
//! const call = Call.list();
//! call.env(Date.now(), Math.random(), undefined, signedIn);
//! let step = JSON.parse(call.start());
//! while (!("done" in step)) { …perform it…; call.env(…); step = JSON.parse(call.step("answered", …)); }
//! const { value, error } = JSON.parse(call.result());
//! ```

// A panic would poison the module for the whole page: errors are values here.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod wire;

use bosbase_backups::calls::{
    self, Answer, ByToken, Create, Env, Inspect, Output, Plan, Prune, PruneRequest, Purpose, Restore,
    RunScheduledNow, Schedule, SignIn, Step, TestStorage, Upload,
};
use bosbase_backups::core::json::Json;
use bosbase_backups::core::models::FromJson;
use bosbase_backups::core::settings::ScheduleCheck;
use bosbase_backups::core::url;
use bosbase_backups::{Backoff, Error, PrunePolicy, S3Settings};
use wasm_bindgen::prelude::*;
use wire::ToWire;

/// A plan with its result as the JS API gives it.
trait Driven {
    fn plan(&mut self) -> &mut dyn Plan;
    fn result(self: Box<Self>) -> Result<Json, Error>;
}

/// A plan whose result crosses through [`ToWire`].
struct Typed<P>(P);

impl<P> Driven for Typed<P>
where
    P: Plan + Output,
    P::Value: ToWire,
{
    fn plan(&mut self) -> &mut dyn Plan {
        &mut self.0
    }
    fn result(self: Box<Self>) -> Result<Json, Error> {
        self.0.output().map(ToWire::to_wire)
    }
}

/// A plan whose result is the server's answer as it came (what the official SDK
/// resolves with): the plan reads it, to refuse an answer of the wrong shape, and the
/// JS gets the text the plan read.
struct Raw<P> {
    plan: P,
    text: Option<String>,
}

impl<P: Plan> Plan for Raw<P> {
    fn start(&mut self, env: Env) -> Step {
        self.plan.start(env)
    }
    fn answered(&mut self, outcome: Result<Answer, Error>, env: Env) -> Step {
        self.text = outcome.as_ref().ok().map(|a| a.text.clone());
        self.plan.answered(outcome, env)
    }
    fn resumed(&mut self, env: Env) -> Step {
        self.plan.resumed(env)
    }
    fn read(&mut self, bytes: Result<&[u8], Error>, env: Env) -> Step {
        self.plan.read(bytes, env)
    }
    fn scheduled(&mut self, check: Result<ScheduleCheck, Error>, env: Env) -> Step {
        self.plan.scheduled(check, env)
    }
    fn filtered(&mut self, kept: Vec<String>, env: Env) -> Step {
        self.plan.filtered(kept, env)
    }
    fn connected(&mut self, open: bool, env: Env) -> Step {
        self.plan.connected(open, env)
    }
    fn take_status(&mut self) -> Option<&'static str> {
        self.plan.take_status()
    }
}

impl<P: Plan + Output> Driven for Raw<P> {
    fn plan(&mut self) -> &mut dyn Plan {
        self
    }
    fn result(self: Box<Self>) -> Result<Json, Error> {
        self.plan.output()?;
        let text = self.text.unwrap_or_default();
        Json::parse(&text).ok_or_else(calls::unfinished)
    }
}

/// One call: made by one of the constructors, then driven step by step.
#[wasm_bindgen]
pub struct Call {
    driven: Box<dyn Driven>,
    env: Env,
    /// How the call ended, when it failed.
    failure: Option<Error>,
}

fn typed<P>(plan: P) -> Call
where
    P: Plan + Output + 'static,
    P::Value: ToWire,
{
    Call {
        driven: Box::new(Typed(plan)),
        env: Env::default(),
        failure: None,
    }
}

fn raw<P: Plan + Output + 'static>(plan: P) -> Call {
    Call {
        driven: Box::new(Raw { plan, text: None }),
        env: Env::default(),
        failure: None,
    }
}

/// The milliseconds a JS number holds, within `u32` (a wait or a timeout).
fn millis(ms: f64) -> u32 {
    if ms.is_nan() || ms <= 0.0 {
        0
    } else {
        ms.min(f64::from(u32::MAX)) as u32
    }
}

/// The calls of the core module: every request of the drop-in contract, transfers and
/// restores.
#[cfg(feature = "core-calls")]
#[wasm_bindgen]
impl Call {
    /// `GET /api/backups`: the server's list.
    pub fn list() -> Call {
        raw(calls::single::list())
    }
    pub fn delete(key: &str) -> Call {
        typed(calls::single::delete(key))
    }
    /// A restore requested, not waited for.
    pub fn restore(key: &str) -> Call {
        typed(calls::single::restore(key))
    }
    #[wasm_bindgen(js_name = fileToken)]
    pub fn file_token() -> Call {
        typed(calls::single::file_token())
    }
    pub fn health() -> Call {
        raw(calls::single::health())
    }
    pub fn crons() -> Call {
        raw(calls::single::crons())
    }
    #[wasm_bindgen(js_name = runCron)]
    pub fn run_cron(job_id: &str) -> Call {
        typed(calls::single::run_cron(job_id))
    }
    /// Every setting (`GET /api/settings`), as the server sends them.
    pub fn settings() -> Call {
        raw(calls::single::settings::<Json>())
    }
    /// `PATCH /api/settings` with `body` (JSON text), resolving with the settings.
    #[wasm_bindgen(js_name = updateSettings)]
    pub fn update_settings(body: &str) -> Call {
        match Json::parse(body) {
            Some(body) => raw(calls::single::update_settings::<Json>(&body)),
            None => raw(calls::Single::<()>::new(
                Err(Error::invalid_argument("The settings must be JSON.")),
                |_| Ok(()),
            )),
        }
    }
    #[wasm_bindgen(js_name = testS3)]
    pub fn test_s3(filesystem: &str) -> Call {
        typed(calls::single::test_s3(filesystem))
    }
    #[wasm_bindgen(js_name = requestOtp)]
    pub fn request_otp(collection: &str, email: &str) -> Call {
        raw(calls::single::request_otp(collection, email))
    }
    /// A sign-in at `collection`'s route `action` (`auth-with-password`…) with `body`
    /// (JSON text): the session is handed over by a `signIn` step.
    #[wasm_bindgen(js_name = signIn)]
    pub fn sign_in(collection: &str, action: &str, body: Option<String>) -> Call {
        raw(SignIn::new(
            collection,
            action,
            body.as_deref().and_then(Json::parse),
        ))
    }
    /// `backups.create`, named or not; with `retry_max_total_ms`, a busy server is
    /// waited out (back-off from `retry_initial_ms` up to `retry_max_delay_ms`).
    pub fn create(
        name: Option<String>,
        now_ms: f64,
        random: f64,
        retry_initial_ms: Option<f64>,
        retry_max_delay_ms: Option<f64>,
        retry_max_total_ms: Option<f64>,
    ) -> Call {
        let retry = retry_max_total_ms.map(|total| {
            let d = Backoff::default();
            Backoff {
                initial_ms: retry_initial_ms.map_or(d.initial_ms, millis),
                max_delay_ms: retry_max_delay_ms.map_or(d.max_delay_ms, millis),
                max_total_ms: millis(total),
            }
        });
        let env = Env {
            now_ms,
            random,
            ..Env::default()
        };
        typed(Create::new(name.as_deref(), retry, env))
    }
    /// A restore that waits for the server's restart; `url` is the restore's absolute
    /// URL (the one errors name).
    #[wasm_bindgen(js_name = restoreAndWait)]
    pub fn restore_and_wait(key: &str, url: String, timeout_ms: f64, now_ms: f64) -> Call {
        let env = Env {
            now_ms,
            ..Env::default()
        };
        match url::restore_path(key) {
            Ok(path) => typed(Restore::new(path, url, millis(timeout_ms), env)),
            Err(e) => typed(calls::Single::<()>::new(
                Err(Error::invalid_argument(e.message())),
                |_| Ok(()),
            )),
        }
    }
    /// The wait alone, for a restore already requested; `url` is the health check's.
    #[wasm_bindgen(js_name = watchRestore)]
    pub fn watch_restore(url: String, timeout_ms: f64, now_ms: f64) -> Call {
        let env = Env {
            now_ms,
            ..Env::default()
        };
        typed(Restore::watch(url, millis(timeout_ms), env))
    }
    /// A backup's file through a file token: `purpose` is `"download"`, `"save"` or
    /// `"stream"`. Resolves with the token used.
    #[wasm_bindgen(js_name = byToken)]
    pub fn by_token(key: &str, purpose: &str) -> Call {
        let purpose = match purpose {
            "save" => Purpose::Save,
            "stream" => Purpose::Stream,
            _ => Purpose::Download,
        };
        typed(ByToken::new(key, purpose))
    }
    /// An upload of a file named `file_name`, checked first with `verify`.
    pub fn upload(file_name: &str, size: f64, verify: bool) -> Call {
        typed(Upload::new(file_name, size as u64, verify))
    }
}

/// The calls of the tools module (loaded on first use): inspect (which a verified upload
/// runs first), prune, and the schedule and storage calls.
#[cfg(feature = "tool-calls")]
#[wasm_bindgen]
impl Call {
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

/// How every call is driven, in both modules.
#[wasm_bindgen]
impl Call {
    /// What the next step is told: the time, a random number in `[0, 1)`, when the
    /// realtime connection dropped (if it did since the last step) and whether the
    /// client holds a session.
    pub fn env(&mut self, now_ms: f64, random: f64, dropped_at: Option<f64>, signed_in: bool) {
        self.env = Env {
            now_ms,
            random,
            dropped_at,
            signed_in,
        };
    }

    /// The first step.
    pub fn start(&mut self) -> String {
        let env = self.env;
        let step = self.driven.plan().start(env);
        self.emit(step)
    }

    /// What happened after the last step, and so the next step. `event`:
    /// - `"answered"`: the request's 2xx answer, `status`, body `text`, `Date` header
    ///   `number` (ms);
    /// - `"response"`, `"network"`, `"aborted"`, `"timedOut"`: the request failed, as
    ///   [`wire::failure`] reads `status`, `url`, `text` (and the timeout, `number` ms);
    /// - `"resumed"`: the wait is over, or the session was kept or cleared;
    /// - `"connected"` / `"closed"`: the realtime connection opened, or did not;
    /// - `"readFailed"`: the file could not be read (`text`, as the browser said);
    /// - `"scheduled"`: the tools module's schedule check (`text`, its JSON);
    /// - `"filtered"`: the keys the caller's filter kept (`text`, a JSON array).
    pub fn step(&mut self, event: &str, status: u16, text: String, url: &str, number: Option<f64>) -> String {
        let (env, plan) = (self.env, self.driven.plan());
        let step = match event {
            "answered" => plan.answered(
                Ok(Answer {
                    status,
                    text,
                    date: number,
                }),
                env,
            ),
            "response" | "network" | "aborted" => {
                plan.answered(Err(wire::failure(event, status, url, &text)), env)
            }
            "timedOut" => {
                let ms = millis(number.unwrap_or(0.0));
                plan.answered(Err(Error::timed_out(url, ms)), env)
            }
            "connected" | "closed" => plan.connected(event == "connected", env),
            "readFailed" => {
                let error = Error::client("", ["The file could not be read: ", &text].concat());
                plan.read(Err(error), env)
            }
            "scheduled" => {
                let check = Json::parse(&text)
                    .and_then(|j| ScheduleCheck::from_json(&j))
                    .ok_or_else(|| {
                        Error::client("", "The tools module's schedule check is not the expected shape.")
                    });
                plan.scheduled(check, env)
            }
            "filtered" => {
                let kept = Json::parse(&text)
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
            _ => plan.resumed(env),
        };
        self.emit(step)
    }

    /// The bytes of the last `read` step (copied in: a zip's tail and directory, never
    /// a whole file).
    pub fn read(&mut self, bytes: &[u8]) -> String {
        let env = self.env;
        let step = self.driven.plan().read(Ok(bytes), env);
        self.emit(step)
    }

    /// The next status for the caller's `onStatus`, oldest first (ask after each step).
    pub fn status(&mut self) -> Option<String> {
        self.driven.plan().take_status().map(str::to_string)
    }

    /// The call's result once it is done: `{"value": …}` or `{"error": …}` as JSON
    /// text (the call is freed).
    pub fn result(self) -> String {
        wire::result(match self.failure {
            Some(e) => Err(e),
            None => self.driven.result(),
        })
    }
}

impl Call {
    /// A step as JSON text; the error it ends with is kept for [`Call::result`].
    fn emit(&mut self, step: Step) -> String {
        if let Step::Done(Err(e)) = &step {
            self.failure = Some(e.clone());
        }
        wire::step(step)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Json {
        Json::parse(text).unwrap_or_default()
    }

    #[test]
    fn a_list_resolves_with_the_servers_answer_as_it_came() {
        let mut call = Call::list();
        let step = json(&call.start());
        assert_eq!(step["send"]["path"].as_str(), Some("/api/backups"));
        let answer = r#"[{"key":"a.zip","size":1,"modified":"2026-11-01 00:00:00.000Z","extra":1}]"#;
        assert_eq!(
            call.step("answered", 200, answer.into(), "", None),
            r#"{"done":null}"#
        );
        let result = json(&call.result());
        assert_eq!(
            result["value"].as_array().unwrap_or_default()[0]["extra"].as_u64(),
            Some(1)
        );
    }

    #[test]
    fn an_answer_of_the_wrong_shape_is_refused_and_a_failure_named() {
        let mut call = Call::list();
        call.start();
        let done = json(&call.step("answered", 200, r#"{"not":"a list"}"#.into(), "", None));
        assert_eq!(
            done["done"]["message"]
                .as_str()
                .map(|m| m.contains("not the expected shape")),
            Some(true)
        );
        let mut call = Call::delete("a.zip");
        call.start();
        let missing = r#"{"message":"Missing."}"#.to_string();
        let done = json(&call.step("response", 400, missing, "http://x/api/backups/a.zip", None));
        assert_eq!(
            (done["done"]["status"].as_u64(), done["done"]["message"].as_str()),
            (Some(400), Some("Missing."))
        );
        assert_eq!(
            json(&call.result())["error"]["url"].as_str(),
            Some("http://x/api/backups/a.zip")
        );
    }

    #[test]
    fn a_bad_key_ends_before_any_request() {
        let mut call = Call::delete("..");
        let done = json(&call.start());
        assert_eq!(done["done"]["kind"].as_str(), Some("invalidArgument"));
    }

    #[test]
    fn a_sign_in_hands_over_its_session_then_resolves_with_the_answer() {
        let mut call = Call::sign_in(
            "_superusers",
            "auth-with-password",
            Some(r#"{"identity":"a","password":"b"}"#.into()),
        );
        let step = json(&call.start());
        assert_eq!(
            step["send"]["path"].as_str(),
            Some("/api/collections/_superusers/auth-with-password")
        );
        let answer = r#"{"token":"tk","record":{"id":"r1","collectionName":"_superusers"}}"#;
        let step = json(&call.step("answered", 200, answer.into(), "", None));
        assert_eq!(step["signIn"]["token"].as_str(), Some("tk"));
        assert_eq!(
            call.step("resumed", 0, String::new(), "", None),
            r#"{"done":null}"#
        );
        assert_eq!(json(&call.result())["value"]["record"]["id"].as_str(), Some("r1"));
    }

    #[test]
    fn a_create_resolves_with_its_key_and_a_prune_asks_for_its_filter() {
        let mut call = Call::create(Some("a.zip".into()), 0.0, 0.0, None, None, None);
        call.start();
        call.step("answered", 204, String::new(), "", None);
        assert_eq!(call.result(), r#"{"value":"a.zip"}"#);
        let mut call = Call::prune(Some(0), None, None, None, false, true, "http://x".into());
        call.start();
        let list = r#"[{"key":"a.zip","size":1,"modified":"2026-11-01 00:00:00.000Z"},{"key":"b.zip","size":1,"modified":"2026-11-02 00:00:00.000Z"}]"#;
        call.step("answered", 200, list.into(), "", None);
        let idle = r#"{"code":200,"message":"","data":{"canBackup":true}}"#.to_string();
        let step = json(&call.step("answered", 200, idle, "", None));
        assert_eq!(step.to_text(), r#"{"filter":["a.zip","b.zip"]}"#);
        let step = json(&call.step("filtered", 0, r#"["b.zip"]"#.into(), "", None));
        assert_eq!(step["send"]["path"].as_str(), Some("/api/backups/b.zip"));
        call.step("answered", 204, String::new(), "", None);
        let result = json(&call.result());
        assert_eq!(result["value"]["deleted"].to_text(), r#"["b.zip"]"#);
    }
}
