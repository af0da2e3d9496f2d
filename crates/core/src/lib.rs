//! The npm package's two wasm modules: every call's plan
//! (`bosbase_backups::calls`, the same code the Rust API runs) behind one class,
//! [`Call`], whose steps the package's JS (src/npm/) performs — the requests, the waits,
//! the realtime connection, the reads of a file, the session, the tools. No I/O and no
//! futures here: a call is made by one constructor, started, and told what happened
//! after each step; each step and the result cross as JSON text ([`wire`] has the
//! shapes). Built three times: the core module with the constructors of `core_calls`
//! (feature `core-calls`), the tools module, loaded on first use, with those of
//! `tool_calls` (feature `tool-calls`), and the backup explorer's module, loaded on the
//! first `explore`, with `explorer.rs` (feature `explorer`).
//!
//! ```text
//! const call = Call.list();
//! call.env(Date.now(), performance.now(), Math.random(), undefined, signedIn);
//! let step = JSON.parse(call.start());
//! while (!("done" in step)) { …perform it…; call.env(…); step = JSON.parse(call.step("answered", …)); }
//! const { value, error } = JSON.parse(call.result());
//! ```

// A panic would poison the module for the whole page: errors are values here.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

#[cfg(feature = "core-calls")]
mod core_calls;
#[cfg(feature = "explorer")]
mod explorer;
#[cfg(feature = "tool-calls")]
mod tool_calls;
pub mod wire;

use bosbase_backups::calls::{Answer, Env, Output, Plan, Step};
use bosbase_backups::core::json::Json;
#[cfg(feature = "core-calls")]
use bosbase_backups::core::progress::ProgressTracker;
use bosbase_backups::Error;
use wasm_bindgen::prelude::*;
use wire::ToWire;

/// A plan with its result as the JS API gives it.
pub(crate) trait Driven {
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

/// One call: made by one of the constructors, then driven step by step.
#[wasm_bindgen]
pub struct Call {
    pub(crate) driven: Box<dyn Driven>,
    pub(crate) env: Env,
    /// How the call ended, when it failed.
    pub(crate) failure: Option<Error>,
    /// An upload's progress as the caller hears it (`Call::progress`).
    #[cfg(feature = "core-calls")]
    pub(crate) progress: Option<ProgressTracker>,
}

pub(crate) fn typed<P>(plan: P) -> Call
where
    P: Plan + Output + 'static,
    P::Value: ToWire,
{
    Call {
        driven: Box::new(Typed(plan)),
        env: Env::default(),
        failure: None,
        #[cfg(feature = "core-calls")]
        progress: None,
    }
}

/// The milliseconds a JS number holds, within `u32` (a wait or a timeout).
pub(crate) fn millis(ms: f64) -> u32 {
    if ms.is_nan() || ms <= 0.0 {
        0
    } else {
        ms.min(f64::from(u32::MAX)) as u32
    }
}

/// How every call is driven, in both modules.
#[wasm_bindgen]
impl Call {
    /// What the next step is told: the time (`Date.now()`, and `performance.now()`
    /// for deadlines), a random number in `[0, 1)`, when the realtime connection
    /// dropped (if it did since the last step, on the second clock) and whether the
    /// client holds a session.
    pub fn env(&mut self, now_ms: f64, clock_ms: f64, random: f64, dropped_at: Option<f64>, signed_in: bool) {
        self.env = Env {
            now_ms,
            clock_ms,
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
    /// - `"response"`, `"network"`, `"aborted"`, `"unusable"`, `"timedOut"`: the
    ///   request failed, as
    ///   [`wire::failure`] reads `status`, `url`, `text` (and the timeout, `number` ms);
    /// - `"resumed"`: the wait is over, or the session was kept or cleared;
    /// - `"connected"` / `"closed"`: the realtime connection opened, or did not;
    /// - the tools module's own (`tool_calls::told`): `"readFailed"`, `"scheduled"`,
    ///   `"filtered"`.
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
            "response" | "network" | "aborted" | "unusable" => {
                plan.answered(Err(wire::failure(event, status, url, &text)), env)
            }
            "timedOut" => {
                let ms = millis(number.unwrap_or(0.0));
                plan.answered(Err(Error::timed_out(url, ms)), env)
            }
            "connected" | "closed" => plan.connected(event == "connected", env),
            #[cfg(feature = "tool-calls")]
            "readFailed" | "scheduled" | "filtered" => tool_calls::told(plan, event, &text, env),
            _ => plan.resumed(env),
        };
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
    pub(crate) fn emit(&mut self, step: Step) -> String {
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
    fn a_list_checks_the_answers_kind_and_leaves_the_answer_to_the_js() {
        let mut call = Call::list();
        let step = json(&call.start());
        assert_eq!(step["send"]["path"].as_str(), Some("/api/backups"));
        // Any array: `fields` may have left out any member.
        let answer = r#"[{"key":"a.zip","extra":1}]"#;
        assert_eq!(
            call.step("answered", 200, answer.into(), "", None),
            r#"{"done":null}"#
        );
        assert_eq!(call.result(), r#"{"value":null}"#);
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
    fn an_uploads_progress_is_in_bytes_of_its_file_and_never_goes_back() {
        let mut call = Call::upload("a.zip");
        let mut progress = |loaded, total, done| call.progress(1000.0, loaded, total, done);
        assert_eq!(progress(0.0, 0.0, false), 0.0);
        assert_eq!(
            progress(600.0, 1200.0, false),
            500.0,
            "multipart overhead scaled out"
        );
        assert_eq!(progress(300.0, 1200.0, false), -1.0, "never backwards");
        assert_eq!(progress(1200.0, 1200.0, false), 999.0, "the size once stored");
        assert_eq!(progress(0.0, 0.0, true), 1000.0);
    }

    #[test]
    fn a_download_that_ended_early_names_its_url_without_the_token() {
        let mut call = Call::by_token("a.zip", "download");
        call.start();
        let file = json(&call.step("answered", 200, r#"{"token":"t0"}"#.into(), "", None));
        assert_eq!(file["send"]["read"].as_str(), Some("blob"));
        let why = "The download ended early: 5 of 9 bytes arrived.";
        let url = "http://x/api/backups/a.zip?token=t0";
        let done = json(&call.step("unusable", 0, why.into(), url, None));
        assert_eq!(done["done"]["status"].as_u64(), Some(0));
        assert_eq!(done["done"]["message"].as_str(), Some(why));
        assert_eq!(
            done["done"]["url"].as_str(),
            Some("http://x/api/backups/a.zip?token=[redacted]")
        );
    }

    #[test]
    fn a_bad_key_ends_before_any_request() {
        let mut call = Call::delete("..");
        let done = json(&call.start());
        assert_eq!(done["done"]["kind"].as_str(), Some("invalidArgument"));
    }

    #[test]
    fn a_sign_in_hands_over_its_session_and_leaves_the_answer_to_the_js() {
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
        assert_eq!(call.result(), r#"{"value":null}"#, "the JS has the answer");
    }

    #[test]
    fn a_create_resolves_with_its_key_and_a_prune_asks_for_its_filter() {
        let mut call = Call::create(Some("a.zip".into()), 0.0, 0.0, false, None);
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

// The core module's allocator: a free list (sorted, neighbours merged) instead of std's
// dlmalloc, 2.2 KB gzip smaller, in the module every page loads (README "Dependencies").
// The tools module keeps dlmalloc: it inflates and holds larger buffers.
#[cfg(all(target_arch = "wasm32", feature = "core-calls", not(feature = "tool-calls")))]
#[global_allocator]
// SAFETY: the module runs on one thread (wasm32-unknown-unknown, no atomics).
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
