//! `backups.prune`: what a retention policy selects among the backups, by the
//! server's clock, deleted one by one — every key it meant to delete and did not
//! reported.

use std::rc::Rc;

use super::{read_json, Answer, Env, Exchange, Output, Plan, Scope, Step};
use crate::core::models::{BackupFileInfo, HealthCheckResponse};
use crate::core::prune::{plan, PlanInput, PrunePolicy};
use crate::core::url;
use crate::error::Error;

/// A filter on backup keys.
pub type KeyFilter = Rc<dyn Fn(&str) -> bool>;

/// What to prune.
#[derive(Clone, Default)]
pub struct PruneRequest {
    /// The retention policy.
    pub policy: PrunePolicy,
    /// Only keys for which this is true take part (all when `None`).
    pub matches: Option<KeyFilter>,
    /// Delete nothing outside these keys: pass a dry run's `selected` to delete exactly
    /// what was previewed. A key of it that the policy no longer selects, or that is
    /// gone, is reported in [`PruneReport::failed`].
    pub only: Option<Vec<String>>,
    /// Select, and delete nothing.
    pub dry_run: bool,
}

/// A key a prune meant to delete and did not.
#[derive(Debug, Clone)]
pub struct PruneFailure {
    pub key: String,
    /// The server's answer to the delete, or (status 0) why it was not sent.
    pub error: Error,
}

/// What a prune did.
#[derive(Debug, Clone, Default)]
pub struct PruneReport {
    /// The keys the policy selected (within `only`), oldest first: with `dry_run`,
    /// what it would delete.
    pub selected: Vec<String>,
    /// The keys deleted, oldest first.
    pub deleted: Vec<String>,
    /// The keys selected or named in `only` that were not deleted.
    pub failed: Vec<PruneFailure>,
    /// The now that ages were counted back from (ms since 1970).
    pub now_ms: f64,
    /// True when `now_ms` is the server's `Date` header; false when the browser hid
    /// it (a cross-origin server without `Access-Control-Expose-Headers: Date`) and
    /// the client's clock was used.
    pub server_clock: bool,
}

impl PruneReport {
    /// A sentence naming each key not deleted, and why (the message of the error a
    /// prune rejects with in JS).
    pub fn failure_summary(&self) -> String {
        let named: Vec<(&str, &str)> = self
            .failed
            .iter()
            .map(|f| (f.key.as_str(), f.error.message.as_str()))
            .collect();
        crate::core::prune::failure_summary(self.deleted.len(), &named)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Listing,
    Checking,
    /// The caller's filter is asked about the listed keys (the server was busy or not).
    Filtering {
        busy: bool,
    },
    /// The delete of `selected[i]` is out.
    Deleting(usize),
}

/// The plan of a prune. Resolves with the [`PruneReport`]; fails only when nothing
/// could be decided (the list or the health check failed, or the policy says nothing).
pub struct Prune {
    /// The request, but its filter: the plan asks the driver to apply it
    /// ([`Step::Filter`]), and keeps the keys it kept.
    request: PruneRequest,
    filtering: bool,
    kept: Option<Vec<String>>,
    /// The server's address, which the failures' URLs start with.
    base: String,
    stage: Stage,
    list: Vec<BackupFileInfo>,
    date: Option<f64>,
    report: PruneReport,
}

impl Prune {
    /// `base` is the server's address (`Client::build_url("")`). With a filter in
    /// `request.matches`, the plan asks for it to be applied to the listed keys
    /// ([`Step::Filter`]): the driver holds it, the plan does not.
    pub fn new(mut request: PruneRequest, base: String) -> Self {
        let filtering = request.matches.take().is_some();
        Prune {
            request,
            filtering,
            kept: None,
            base,
            stage: Stage::Listing,
            list: Vec::new(),
            date: None,
            report: PruneReport::default(),
        }
    }

    /// Every request of a prune is one of several: none is auto-cancelled.
    fn quiet(method: &'static str, path: impl Into<String>) -> Step {
        Step::Send(Exchange {
            scope: Scope::Quiet,
            ..Exchange::new(method, path)
        })
    }

    /// Decides what to delete, by the server's clock where the browser shows its `Date`
    /// header (else the client's).
    fn decide(&mut self, busy: bool, env: Env) -> Step {
        let kept = self.kept.take();
        let matches = |key: &str| kept.as_ref().is_none_or(|k| k.iter().any(|x| x == key));
        let now_ms = self.date.unwrap_or(env.now_ms);
        let chosen = plan(&PlanInput {
            backups: &self.list,
            policy: &self.request.policy,
            matches: &matches,
            now_ms,
            busy,
            only: self.request.only.as_deref(),
        });
        let chosen = match chosen {
            Ok(c) => c,
            Err(e) => return Step::Done(Err(Error::invalid_argument(e.0))),
        };
        self.report = PruneReport {
            selected: chosen.delete,
            now_ms,
            server_clock: self.date.is_some(),
            ..PruneReport::default()
        };
        for (key, why) in chosen.refused {
            let address = url::backup_path(&key)
                .map(|p| url::join(&self.base, &p))
                .unwrap_or_default();
            self.report.failed.push(PruneFailure {
                error: Error::client(&address, why.message()),
                key,
            });
        }
        if self.request.dry_run {
            return Step::Done(Ok(()));
        }
        self.delete(0)
    }

    /// The delete of `selected[i]`, or the end. Every key is tried (once the caller's
    /// signal aborts, each fails at once with the abort, unsent).
    fn delete(&mut self, mut i: usize) -> Step {
        while let Some(key) = self.report.selected.get(i) {
            match url::backup_path(key) {
                Ok(path) => {
                    self.stage = Stage::Deleting(i);
                    return Prune::quiet("DELETE", path);
                }
                Err(e) => {
                    let failure = PruneFailure {
                        key: key.clone(),
                        error: Error::invalid_argument(e.message()),
                    };
                    self.report.failed.push(failure);
                    i += 1;
                }
            }
        }
        Step::Done(Ok(()))
    }
}

impl Output for Prune {
    type Value = PruneReport;
    fn output(self) -> Result<PruneReport, Error> {
        Ok(self.report)
    }
}

impl Plan for Prune {
    fn filtered(&mut self, kept: Vec<String>, env: Env) -> Step {
        match self.stage {
            Stage::Filtering { busy } => {
                self.kept = Some(kept);
                self.decide(busy, env)
            }
            _ => Step::Done(Err(super::unfinished())),
        }
    }

    fn start(&mut self, _env: Env) -> Step {
        self.stage = Stage::Listing;
        Prune::quiet("GET", "/api/backups")
    }

    fn answered(&mut self, outcome: Result<Answer, Error>, env: Env) -> Step {
        match self.stage {
            Stage::Listing => {
                let listed = outcome.and_then(|a| Ok((read_json::<Vec<BackupFileInfo>>(&a)?, a.date)));
                match listed {
                    Ok((list, date)) => (self.list, self.date) = (list, date),
                    Err(e) => return Step::Done(Err(e)),
                }
                self.stage = Stage::Checking;
                Prune::quiet("GET", "/api/health")
            }
            Stage::Checking => match outcome.and_then(|a| read_json::<HealthCheckResponse>(&a)) {
                Ok(health) => {
                    let busy = health.data.can_backup == Some(false);
                    if !self.filtering {
                        return self.decide(busy, env);
                    }
                    self.stage = Stage::Filtering { busy };
                    Step::Filter(self.list.iter().map(|b| b.key.clone()).collect())
                }
                Err(e) => Step::Done(Err(e)),
            },
            Stage::Filtering { .. } => Step::Done(Err(super::unfinished())),
            Stage::Deleting(i) => {
                let key = self.report.selected.get(i).cloned().unwrap_or_default();
                match outcome {
                    Ok(_) => self.report.deleted.push(key),
                    Err(error) => self.report.failed.push(PruneFailure { key, error }),
                }
                self.delete(i + 1)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str, date: Option<f64>) -> Result<Answer, Error> {
        Ok(Answer {
            status: 200,
            text: text.into(),
            date,
        })
    }

    const DAY: f64 = 86_400_000.0;
    const LIST: &str = r#"[{"key":"a.zip","size":1,"modified":"2026-11-01 00:00:00.000Z"},{"key":"b.zip","size":1,"modified":"2026-11-02 00:00:00.000Z"},{"key":"c.zip","size":1,"modified":"2026-11-03 00:00:00.000Z"}]"#;
    const IDLE: &str = r#"{"code":200,"message":"API is healthy.","data":{"canBackup":true}}"#;

    fn keep(n: usize) -> PruneRequest {
        PruneRequest {
            policy: PrunePolicy {
                keep: Some(n),
                ..PrunePolicy::default()
            },
            ..PruneRequest::default()
        }
    }

    #[test]
    fn lists_checks_then_deletes_the_oldest_beyond_keep_reporting_each_failure() {
        let mut plan = Prune::new(keep(1), "http://x".into());
        let Step::Send(list) = plan.start(Env::default()) else {
            panic!()
        };
        assert_eq!(
            (list.method, list.path.as_str(), list.scope),
            ("GET", "/api/backups", Scope::Quiet)
        );
        let server_now = 1_764_000_000_000.0;
        let Step::Send(health) = plan.answered(ok(LIST, Some(server_now)), Env::default()) else {
            panic!()
        };
        assert_eq!(health.path, "/api/health");
        let Step::Send(first) = plan.answered(ok(IDLE, None), Env::default()) else {
            panic!()
        };
        assert_eq!(
            (first.method, first.path.as_str(), first.scope),
            ("DELETE", "/api/backups/a.zip", Scope::Quiet)
        );
        let Step::Send(second) = plan.answered(ok("", None), Env::default()) else {
            panic!()
        };
        assert_eq!(second.path, "/api/backups/b.zip");
        let gone = Err(Error::from_response(400, "http://x/api/backups/b.zip", "{}"));
        assert!(matches!(plan.answered(gone, Env::default()), Step::Done(Ok(()))));
        let report = plan.output().unwrap();
        assert_eq!(report.selected, ["a.zip", "b.zip"]);
        assert_eq!(report.deleted, ["a.zip"]);
        assert_eq!((report.failed.len(), report.failed[0].key.as_str()), (1, "b.zip"));
        assert_eq!((report.now_ms, report.server_clock), (server_now, true));
    }

    #[test]
    fn a_dry_run_deletes_nothing_and_only_reports_what_it_keeps() {
        let request = PruneRequest {
            only: Some(vec!["c.zip".into(), "gone.zip".into()]),
            dry_run: true,
            ..keep(1)
        };
        let mut plan = Prune::new(request, "http://x".into());
        plan.start(Env::default());
        plan.answered(
            ok(LIST, None),
            Env {
                now_ms: 1_764_000_000_000.0 + DAY,
                ..Env::default()
            },
        );
        assert!(matches!(
            plan.answered(ok(IDLE, None), Env::default()),
            Step::Done(Ok(()))
        ));
        let report = plan.output().unwrap();
        assert!(report.selected.is_empty() && report.deleted.is_empty() && !report.server_clock);
        let failed: Vec<_> = report
            .failed
            .iter()
            .map(|f| (f.key.as_str(), f.error.url.as_str()))
            .collect();
        assert_eq!(
            failed,
            [
                ("c.zip", "http://x/api/backups/c.zip"),
                ("gone.zip", "http://x/api/backups/gone.zip")
            ]
        );
    }

    #[test]
    fn a_filter_is_applied_by_the_driver_to_the_listed_keys() {
        let request = PruneRequest {
            matches: Some(Rc::new(|_: &str| panic!("the plan never calls the filter"))),
            ..keep(0)
        };
        let mut plan = Prune::new(request, "http://x".into());
        plan.start(Env::default());
        plan.answered(ok(LIST, None), Env::default());
        let Step::Filter(keys) = plan.answered(ok(IDLE, None), Env::default()) else {
            panic!()
        };
        assert_eq!(keys, ["a.zip", "b.zip", "c.zip"]);
        // The driver kept two of them: only those are deleted (keep 0: all it kept).
        let Step::Send(first) = plan.filtered(vec!["a.zip".into(), "c.zip".into()], Env::default()) else {
            panic!()
        };
        assert_eq!(first.path, "/api/backups/a.zip");
        let Step::Send(second) = plan.answered(ok("", None), Env::default()) else {
            panic!()
        };
        assert_eq!(second.path, "/api/backups/c.zip");
        assert!(matches!(
            plan.answered(ok("", None), Env::default()),
            Step::Done(Ok(()))
        ));
        let report = plan.output().unwrap();
        assert_eq!(
            (report.selected, report.deleted),
            (
                vec!["a.zip".to_string(), "c.zip".into()],
                vec!["a.zip".to_string(), "c.zip".into()]
            )
        );
    }

    #[test]
    fn no_policy_or_a_failed_list_decides_nothing() {
        let mut plan = Prune::new(PruneRequest::default(), "http://x".into());
        plan.start(Env::default());
        plan.answered(ok(LIST, None), Env::default());
        let Step::Done(Err(e)) = plan.answered(ok(IDLE, None), Env::default()) else {
            panic!()
        };
        assert_eq!(e.kind, crate::error::ErrorKind::InvalidArgument);
        let mut plan = Prune::new(keep(1), "http://x".into());
        plan.start(Env::default());
        let Step::Done(Err(e)) = plan.answered(Err(Error::from_response(401, "", "{}")), Env::default())
        else {
            panic!()
        };
        assert_eq!(e.status, 401);
    }
}
