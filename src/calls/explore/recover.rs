//! `recover()`: chosen records of the backup created again on the live server through
//! the records API, with their ids and their files. Nothing is sent before the backup's
//! rows show that every chosen id is there; then which exist live is asked, then each
//! record's request is sent (in batches where the server's batch API is on and the record
//! has no file), its files read out of the backup first.

use super::catalog::Catalog;
use super::database::Db;
use super::records::readable;
use super::{Ask, Body, Outgoing};
use crate::core::explore::decode::{Decoder, Shape};
use crate::core::explore::recover::{self, Planned, RecoverError, RecoverOptions, Recovery};
use crate::core::explore::{Method, Request};
use crate::core::json::Json;
use crate::core::sqlite::Scan;
use crate::core::zip::ZipEntry;
use crate::error::Error;

/// Where the settings are read (the batch API's switch and size).
const SETTINGS: &str = "/api/settings";

fn refused(e: RecoverError) -> Error {
    let code = match e {
        RecoverError::UnknownCollection(_) => "explore_unknown_collection",
        RecoverError::View(_) => "explore_view_collection",
        RecoverError::NoIds => "explore_no_ids",
        RecoverError::NotInBackup(_) => "explore_unknown_records",
    };
    Error::unreadable(code, &e.message())
}

enum Stage {
    Scan(Scan),
    Existing(Vec<Request>),
    Settings,
    /// Sending: the batch groups left, then the records sent one by one.
    Send,
    Over,
}

/// A recovery, resumable.
pub struct Recovering {
    name: String,
    recovery: Recovery,
    stage: Stage,
    plan: Vec<Planned>,
    groups: Vec<Vec<usize>>,
    singles: Vec<usize>,
    /// What was last sent: a batch group, or one record.
    sent: Option<Sent>,
    /// The files of the record being sent, read so far (their attachments' indexes).
    files_read: usize,
    /// Records answered so far, of all chosen.
    pub done: usize,
}

enum Sent {
    Group(Vec<usize>),
    One(usize),
}

impl Recovering {
    /// A recovery of `ids` of `name`; refused at once for an unknown or view collection.
    pub fn new(
        catalog: &Catalog,
        name: &str,
        ids: &[String],
        options: RecoverOptions,
    ) -> Result<Self, Error> {
        let (collection, table) = readable(catalog, name)?;
        let recovery = Recovery::new(collection, ids, options).map_err(refused)?;
        Ok(Recovering {
            name: name.to_string(),
            recovery,
            stage: Stage::Scan(Scan::new(table.root, Some(table.columns.clone()))),
            plan: Vec::new(),
            groups: Vec::new(),
            singles: Vec::new(),
            sent: None,
            files_read: 0,
            done: 0,
        })
    }

    /// How many records it will send (known once the backup's rows are read).
    pub fn total(&self) -> usize {
        self.plan.len()
    }

    /// Goes on with what came of the last ask: `answer` is the status and JSON of the
    /// last request's answer (any status); `file_read` that the file asked for is read.
    /// `random` fills buffers with random bytes (new passwords of auth records).
    pub fn step(
        &mut self,
        catalog: &Catalog,
        db: &mut Db,
        answer: Option<(u16, Json)>,
        random: &mut dyn FnMut(&mut [u8]),
    ) -> Result<Ask, Error> {
        let mut answer = answer;
        loop {
            match &mut self.stage {
                Stage::Scan(scan) => {
                    let (collection, table) = readable(catalog, &self.name)?;
                    let decoder = Decoder::new(collection, &table.names, Shape::Recover);
                    loop {
                        match db.run(|d, p| scan.next(d, p))? {
                            Err((start, end)) => return Ok(Ask::Database(start, end)),
                            Ok(Some(row)) => {
                                if self.recovery.wants(&decoder.id(&row.values)) {
                                    self.recovery.add_backup_record(decoder.record(&row.values));
                                }
                            }
                            Ok(None) => break,
                        }
                    }
                    self.recovery.check().map_err(refused)?;
                    let mut requests = self.recovery.existence_requests();
                    requests.reverse();
                    self.stage = Stage::Existing(requests);
                }
                Stage::Existing(left) => {
                    if let Some((status, body)) = answer.take() {
                        if !(200..300).contains(&status) {
                            return Err(Error::from_response(status, "", &body.to_text()));
                        }
                        self.recovery.add_existing_page(&body);
                    }
                    match left.pop() {
                        Some(request) => return Ok(Ask::Send(Outgoing::get(request))),
                        None => {
                            self.stage = Stage::Settings;
                            return Ok(Ask::Send(Outgoing::get(Request::get(
                                SETTINGS.into(),
                                Vec::new(),
                            ))));
                        }
                    }
                }
                Stage::Settings => {
                    // Settings that cannot be read leave the batch API aside.
                    let limit = match answer.take() {
                        Some((200..=299, settings)) => recover::batch_limit(&settings),
                        _ => 0,
                    };
                    self.plan = self.recovery.plan(random);
                    let (mut groups, mut singles) = recover::batch_groups(&self.plan, limit);
                    groups.reverse();
                    singles.reverse();
                    self.groups = groups;
                    self.singles = singles;
                    self.stage = Stage::Send;
                }
                Stage::Send => {
                    if let Some((status, body)) = answer.take() {
                        match self.sent.take() {
                            Some(Sent::Group(group)) => {
                                if self.recovery.add_batch_answer(&self.plan, &group, status, &body) {
                                    self.done += group.len();
                                } else {
                                    // A batch that failed as a whole kept nothing: one by one.
                                    self.singles.extend(group.into_iter().rev());
                                    if recover::batch_unavailable(status, &body) {
                                        let rest: Vec<usize> = self.groups.drain(..).flatten().collect();
                                        self.singles.extend(rest.into_iter().rev());
                                    }
                                }
                            }
                            Some(Sent::One(i)) => {
                                if let Some(p) = self.plan.get(i) {
                                    self.recovery.add_answer(p, status, &body);
                                }
                                self.done += 1;
                            }
                            None => {}
                        }
                    }
                    if let Some(group) = self.groups.pop() {
                        let body = recover::batch_payload(&self.plan, &group).to_text();
                        self.sent = Some(Sent::Group(group));
                        return Ok(Ask::Send(Outgoing {
                            method: "POST",
                            path: "/api/batch".into(),
                            body: Body::Json(body),
                            errors: true,
                        }));
                    }
                    let Some(&i) = self.singles.last() else {
                        self.stage = Stage::Over;
                        continue;
                    };
                    let Some(p) = self.plan.get(i) else {
                        self.singles.pop();
                        continue;
                    };
                    if self.files_read < p.files.len() {
                        return Ok(Ask::File(self.files_read));
                    }
                    self.singles.pop();
                    self.files_read = 0;
                    let files = p
                        .files
                        .iter()
                        .map(|a| (a.field.clone(), a.upload_name.clone()))
                        .collect();
                    let body = Body::Form {
                        json: p.payload.to_text(),
                        files,
                    };
                    self.sent = Some(Sent::One(i));
                    return Ok(Ask::Send(Outgoing {
                        method: if p.method == Method::Patch {
                            "PATCH"
                        } else {
                            "POST"
                        },
                        path: p.path.clone(),
                        body,
                        errors: true,
                    }));
                }
                Stage::Over => return Ok(Ask::Done(self.recovery.result_json())),
            }
        }
    }

    /// The zip entry of file `index` of the record about to be sent (asked by
    /// [`Ask::File`]), found by `find(collection id, record id, stored name)`.
    pub fn file<'o>(
        &self,
        index: usize,
        find: impl Fn(&str, &str, &str) -> Option<&'o ZipEntry>,
        collection_id: &str,
    ) -> Option<&'o ZipEntry> {
        let p = self.plan.get(*self.singles.last()?)?;
        let a = p.files.get(index)?;
        find(collection_id, &p.id, &a.stored_name)
    }

    /// The collection it recovers into.
    pub fn name(&self) -> String {
        self.name.clone()
    }

    /// File `index` of the record about to be sent is not in the backup: it is sent
    /// without it.
    pub fn skip_file(&mut self, index: usize) {
        if let Some(p) = self.singles.last().and_then(|&i| self.plan.get_mut(i)) {
            if index < p.files.len() {
                p.files.remove(index);
            }
        }
    }

    /// The file of the last [`Ask::File`] is read.
    pub fn file_read(&mut self) {
        self.files_read += 1;
    }
}
