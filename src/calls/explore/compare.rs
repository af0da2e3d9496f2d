//! `compare()`: the backup's collections and records against the live server's, one
//! collection at a time (the backup's rows scanned, then the live records listed), so
//! that memory holds one collection's ids and fingerprints.

use super::catalog::Catalog;
use super::database::Db;
use super::{Ask, Outgoing};
use crate::core::explore::collections::Collection;
use crate::core::explore::decode::{Decoder, Shape};
use crate::core::explore::diff::{self, RecordDiff};
use crate::core::explore::Request;
use crate::core::json::Json;
use crate::core::sqlite::Scan;
use crate::error::Error;

enum Stage {
    /// Listing the live collections: the page asked for.
    Live(u64),
    /// At pair `at`; what is being done for it.
    Pair {
        at: usize,
        step: PairStep,
    },
    Over,
}

enum PairStep {
    Start,
    Scan {
        diff: Box<RecordDiff>,
        scan: Box<Scan>,
    },
    /// The live records' page asked for.
    LivePage {
        diff: Box<RecordDiff>,
        page: u64,
    },
    /// The full records of those whose `updated` differs: the requests left.
    Fetch {
        diff: Box<RecordDiff>,
        left: Vec<Request>,
    },
    /// The live count of a collection the backup does not have.
    Count,
}

/// A comparison, resumable.
pub struct Comparison {
    stage: Stage,
    live: Vec<Collection>,
    pairs: Vec<(Option<usize>, Option<usize>)>,
    entries: Vec<Json>,
}

impl Default for Comparison {
    fn default() -> Self {
        Comparison {
            stage: Stage::Live(1),
            live: Vec::new(),
            pairs: Vec::new(),
            entries: Vec::new(),
        }
    }
}

fn send(request: Request) -> Ask {
    Ask::Send(Outgoing::get(request))
}

impl Comparison {
    /// Goes on with `answer`, the JSON of the last request's 2xx answer: the next ask,
    /// [`Ask::Done`] with the result at the end.
    pub fn step(&mut self, catalog: &Catalog, db: &mut Db, answer: Option<Json>) -> Result<Ask, Error> {
        let mut answer = answer;
        loop {
            match &mut self.stage {
                Stage::Live(page) => {
                    let Some(a) = answer.take() else {
                        return Ok(send(diff::collections_request(*page)));
                    };
                    for item in a.get("items").and_then(Json::as_array).unwrap_or(&[]) {
                        if let Ok(c) = Collection::from_api(item) {
                            self.live.push(c);
                        }
                    }
                    let pages = a.get("totalPages").and_then(Json::as_u64).unwrap_or(0);
                    if *page < pages {
                        *page += 1;
                        continue;
                    }
                    let backup = &catalog.collections;
                    let index =
                        |list: &[Collection], c: &Collection| list.iter().position(|x| std::ptr::eq(x, c));
                    self.pairs = diff::pairs(backup, &self.live)
                        .into_iter()
                        .map(|(b, l)| {
                            (
                                b.and_then(|b| index(backup, b)),
                                l.and_then(|l| index(&self.live, l)),
                            )
                        })
                        .collect();
                    self.stage = Stage::Pair {
                        at: 0,
                        step: PairStep::Start,
                    };
                }
                Stage::Pair { at, step } => {
                    let Some(&(b, l)) = self.pairs.get(*at) else {
                        self.stage = Stage::Over;
                        continue;
                    };
                    let backup = b.and_then(|i| catalog.collections.get(i));
                    let live = l.and_then(|i| self.live.get(i));
                    let table = b.and_then(|i| catalog.tables.get(i)).and_then(Option::as_ref);
                    let entry = match (backup, live, std::mem::replace(step, PairStep::Start)) {
                        (Some(b), Some(l), PairStep::Start)
                            if b.is_view() || l.is_view() || table.is_none() =>
                        {
                            Some(diff::view_json(b, l))
                        }
                        (Some(b), Some(l), PairStep::Start) => {
                            let t =
                                table.ok_or_else(|| Error::client("", "A collection's table is missing."))?;
                            let diff = Box::new(RecordDiff::new(b, l));
                            *step = PairStep::Scan {
                                diff,
                                scan: Box::new(Scan::new(t.root, Some(t.columns.clone()))),
                            };
                            None
                        }
                        (Some(b), Some(_), PairStep::Scan { mut diff, mut scan }) => {
                            let t =
                                table.ok_or_else(|| Error::client("", "A collection's table is missing."))?;
                            let decoder = Decoder::new(b, &t.names, Shape::Api);
                            loop {
                                match db.run(|d, p| scan.next(d, p))? {
                                    Err(range) => {
                                        *step = PairStep::Scan { diff, scan };
                                        return Ok(Ask::Database(range.0, range.1));
                                    }
                                    Ok(Some(row)) => diff.add_backup_record(&decoder.record(&row.values)),
                                    Ok(None) => break,
                                }
                            }
                            let request = diff.live_request(1);
                            *step = PairStep::LivePage { diff, page: 1 };
                            return Ok(send(request));
                        }
                        (Some(_), Some(_), PairStep::LivePage { mut diff, page }) => {
                            let a = answer.take().unwrap_or_default();
                            match diff.add_live_page(&a) {
                                Some(next) if next > page => {
                                    let request = diff.live_request(next);
                                    *step = PairStep::LivePage { diff, page: next };
                                    return Ok(send(request));
                                }
                                _ => {
                                    let left = diff.fetch_requests();
                                    *step = PairStep::Fetch { diff, left };
                                    None
                                }
                            }
                        }
                        (Some(b), Some(l), PairStep::Fetch { mut diff, mut left }) => {
                            if let Some(a) = answer.take() {
                                diff.add_fetched_page(&a);
                            }
                            match left.pop() {
                                Some(request) => {
                                    *step = PairStep::Fetch { diff, left };
                                    return Ok(send(request));
                                }
                                None => Some(diff.result_json(&b.name, &diff::schema_diff(b, l))),
                            }
                        }
                        (Some(b), None, _) => {
                            let rows = table.map_or(0, |t| t.leaves.rows);
                            Some(diff::only_in_backup_json(b, rows))
                        }
                        (None, Some(l), PairStep::Start) => {
                            *step = PairStep::Count;
                            return Ok(send(diff::count_request(&l.name)));
                        }
                        (None, Some(l), PairStep::Count) => {
                            let total = answer.take().as_ref().and_then(diff::total_items).unwrap_or(0);
                            Some(diff::only_live_json(l, total))
                        }
                        _ => Some(Json::Null),
                    };
                    if let Some(entry) = entry {
                        if !entry.is_null() {
                            self.entries.push(entry);
                        }
                        *at += 1;
                        *step = PairStep::Start;
                    }
                }
                Stage::Over => return Ok(Ask::Done(diff::compare_json(std::mem::take(&mut self.entries)))),
            }
        }
    }
}
