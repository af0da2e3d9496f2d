//! Bringing chosen backup records back to the live server through the records API.
//!
//! A driver:
//! 1. [`find_collection`] of the backup's collections, then [`Recovery::new`] (a view or
//!    no ids is refused) and, when the live collection is known,
//!    [`Recovery::set_live_collection`];
//! 2. every backup row of the collection whose id [`Recovery::wants`] decoded with
//!    [`super::decode::Shape::Recover`] into [`Recovery::add_backup_record`]; then
//!    [`Recovery::check`] (ids the backup does not have: one error naming them, nothing
//!    is sent);
//! 3. the [`Recovery::existence_requests`], each answer into
//!    [`Recovery::add_existing_page`];
//! 4. [`Recovery::plan`]: one [`Planned`] request per record (records that exist live
//!    without `overwrite` fail here);
//! 5. [`batch_groups`] with [`batch_limit`] of `GET /api/settings` (0 when the batch API is
//!    off): each group sent as `POST /api/batch` with the JSON body
//!    [`batch_payload`], its answer into [`Recovery::add_batch_answer`]; a group that
//!    fails (a batch is one transaction: nothing of it is kept) or a batch API found off
//!    ([`batch_unavailable`]) is sent one by one instead, like the requests with files:
//!    [`Planned::method`] to [`Planned::path`] with a multipart body of
//!    [`Planned::payload`] as `@jsonPayload` and each [`Attachment`] as a file part named
//!    its field, the answer into [`Recovery::add_answer`];
//! 6. [`Recovery::result_json`].

use std::collections::{BTreeMap, BTreeSet};

use super::collections::{Collection, Field};
use super::diff::id_requests;
use super::request::Method;
use crate::core::json::Json;
use crate::core::url;

/// What `recover()` was asked to do besides creating missing records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecoverOptions {
    /// Upload each record's files from the backup (otherwise file fields are left out).
    pub files: bool,
    /// Replace records that exist live (otherwise they fail).
    pub overwrite: bool,
}

impl Default for RecoverOptions {
    fn default() -> Self {
        RecoverOptions {
            files: true,
            overwrite: false,
        }
    }
}

/// Why nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecoverError {
    /// The backup has no collection of this name.
    UnknownCollection(String),
    /// A view stores no records.
    View(String),
    /// No ids were given.
    NoIds,
    /// The backup's collection has no record with these ids.
    NotInBackup(Vec<String>),
}

impl RecoverError {
    /// A sentence for the user.
    pub fn message(&self) -> String {
        match self {
            RecoverError::UnknownCollection(name) => {
                ["The backup has no collection \"", name, "\"."].concat()
            }
            RecoverError::View(name) => [
                "\"",
                name,
                "\" is a view collection: it stores no records to recover.",
            ]
            .concat(),
            RecoverError::NoIds => "No record ids were given to recover.".into(),
            RecoverError::NotInBackup(ids) => [
                "The backup has no record with these ids: ",
                &ids.join(", "),
                ". Nothing was sent.",
            ]
            .concat(),
        }
    }
}

/// The backup's collection named `name`.
pub fn find_collection<'a>(backup: &'a [Collection], name: &str) -> Result<&'a Collection, RecoverError> {
    backup
        .iter()
        .find(|c| c.name == name)
        .ok_or_else(|| RecoverError::UnknownCollection(name.to_string()))
}

/// A file to attach to a request: read from the backup's zip at `zip_path`, sent as a
/// file part named `field` with the file name `upload_name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub field: String,
    /// The name the backup stores it under (the record's value).
    pub stored_name: String,
    /// `storage/<collectionId>/<recordId>/<stored name>`.
    pub zip_path: String,
    /// The stored name without the random suffix the server added on upload
    /// (`photo_ab12cd34ef.png` → `photo.png`); the server adds a new one.
    pub upload_name: String,
}

/// One record's request.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub id: String,
    /// `POST` to create, `PATCH` to replace an existing record.
    pub method: Method,
    /// `/api/collections/{c}/records` or `/api/collections/{c}/records/{id}`.
    pub path: String,
    /// The `@jsonPayload` part: the non-file values.
    pub payload: Json,
    pub files: Vec<Attachment>,
}

impl Planned {
    /// True when the request may go in a batch: it has no files. A file sent through
    /// `/api/batch` is renamed twice (`a.txt` → `a_<random>_<random>.txt`, measured), so
    /// records with files are sent one by one.
    pub fn batchable(&self) -> bool {
        self.files.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Created,
    Updated,
    Failed(String),
}

/// The recovery of chosen records of one collection (see the module's steps).
#[derive(Debug, Clone)]
pub struct Recovery {
    collection: Collection,
    options: RecoverOptions,
    /// The chosen ids, without repeats, in the caller's order.
    ids: Vec<String>,
    /// The same ids, for lookups.
    wanted: BTreeSet<String>,
    records: BTreeMap<String, Json>,
    existing: BTreeSet<String>,
    outcomes: BTreeMap<String, Outcome>,
    /// Per record: each file's stored name in the backup → its new name live.
    renamed: BTreeMap<String, Vec<(String, String)>>,
    /// Auth records created with a new random password.
    new_passwords: Vec<String>,
    /// Fields of the backup's collection the live one lacks (see
    /// [`Recovery::set_live_collection`]).
    not_live: Vec<String>,
}

/// The answer when a record exists live and `overwrite` is off.
pub const EXISTS_MESSAGE: &str =
    "a record with this id exists on the server; pass overwrite: true to replace it";

impl Recovery {
    /// A recovery of `ids` of the backup's `collection`.
    pub fn new(
        collection: &Collection,
        ids: &[String],
        options: RecoverOptions,
    ) -> Result<Recovery, RecoverError> {
        if collection.is_view() {
            return Err(RecoverError::View(collection.name.clone()));
        }
        let mut wanted = BTreeSet::new();
        let mut unique: Vec<String> = Vec::with_capacity(ids.len());
        for id in ids {
            if wanted.insert(id.clone()) {
                unique.push(id.clone());
            }
        }
        if unique.is_empty() {
            return Err(RecoverError::NoIds);
        }
        Ok(Recovery {
            collection: collection.clone(),
            options,
            ids: unique,
            wanted,
            records: BTreeMap::new(),
            existing: BTreeSet::new(),
            outcomes: BTreeMap::new(),
            renamed: BTreeMap::new(),
            new_passwords: Vec::new(),
            not_live: Vec::new(),
        })
    }

    /// The live collection of the same name: values of fields it lacks are not sent (the
    /// server would ignore them, measured) and the result names those fields.
    pub fn set_live_collection(&mut self, live: &Collection) {
        self.not_live = self
            .collection
            .fields
            .iter()
            .filter(|f| f.kind != "autodate" && f.kind != "password" && live.field(&f.name).is_none())
            .map(|f| f.name.clone())
            .collect();
    }

    /// True when the row with this id is one of the chosen ones.
    pub fn wants(&self, id: &str) -> bool {
        self.wanted.contains(id)
    }

    /// A backup record (decoded with `Shape::Recover`); others than the chosen are
    /// ignored.
    pub fn add_backup_record(&mut self, record: Json) {
        if let Some(id) = record.get("id").and_then(Json::as_str) {
            if self.wants(id) {
                self.records.insert(id.to_string(), record);
            }
        }
    }

    /// After every backup row: an error naming the chosen ids the backup does not have.
    pub fn check(&self) -> Result<(), RecoverError> {
        let missing: Vec<String> = self
            .ids
            .iter()
            .filter(|id| !self.records.contains_key(*id))
            .cloned()
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(RecoverError::NotInBackup(missing))
        }
    }

    /// The requests that list which chosen ids exist live (`fields=id`).
    pub fn existence_requests(&self) -> Vec<super::Request> {
        id_requests(&self.collection.name, &self.ids, Some("id"))
    }

    /// An answer of an existence request.
    pub fn add_existing_page(&mut self, answer: &Json) {
        for item in answer.get("items").and_then(Json::as_array).unwrap_or(&[]) {
            if let Some(id) = item.get("id").and_then(Json::as_str) {
                if self.wants(id) {
                    self.existing.insert(id.to_string());
                }
            }
        }
    }

    /// The request of each chosen record, in the caller's order. A record that exists
    /// live without `overwrite` fails here and gets none. `random` fills a buffer with
    /// random bytes (for the passwords of auth records created anew; a replaced auth
    /// record keeps its live password).
    pub fn plan(&mut self, random: &mut dyn FnMut(&mut [u8])) -> Vec<Planned> {
        let mut out = Vec::with_capacity(self.ids.len());
        for id in self.ids.clone() {
            let Some(record) = self.records.get(&id) else {
                continue;
            };
            let exists = self.existing.contains(&id);
            if exists && !self.options.overwrite {
                self.outcomes.insert(id, Outcome::Failed(EXISTS_MESSAGE.into()));
                continue;
            }
            let mut payload = Vec::new();
            let mut files = Vec::new();
            for (name, value) in record_members(record) {
                let name = name.as_str();
                let field = self.collection.field(name);
                match field.map(|f| f.kind.as_str()) {
                    _ if matches!(name, "collectionId" | "collectionName") => {}
                    _ if self.not_live.iter().any(|n| n == name) => {}
                    // The server makes a new token key; the old one would revive old tokens.
                    _ if name == "tokenKey" && self.collection.is_auth() => {}
                    Some("autodate" | "password") => {}
                    Some("file") => {
                        if let (true, Some(f)) = (self.options.files, field) {
                            let found = attachments(&self.collection, &id, f, value);
                            if found.is_empty() && exists {
                                // Files sent for a field replace its files; a field the
                                // backup holds empty is emptied by value.
                                let empty = if f.is_multiple() {
                                    Json::Array(Vec::new())
                                } else {
                                    Json::str("")
                                };
                                payload.push((name.to_string(), empty));
                            }
                            files.extend(found);
                        }
                    }
                    _ => payload.push((name.to_string(), value.clone())),
                }
            }
            // A new auth record needs a password; a replaced one keeps its live password
            // (the backup's hash cannot be sent, and a random one would lock the user out).
            if self.collection.is_auth() && !exists {
                let password = new_password(random);
                payload.push(("password".into(), Json::String(password.clone())));
                payload.push(("passwordConfirm".into(), Json::String(password)));
                self.new_passwords.push(id.clone());
            }
            let (method, path) = if exists {
                (
                    Method::Patch,
                    url::collection_path(
                        &self.collection.name,
                        &["records/", &url::encode_component(&id)].concat(),
                    ),
                )
            } else {
                (
                    Method::Post,
                    url::collection_path(&self.collection.name, "records"),
                )
            };
            if exists {
                // The id is in the path; a PATCH body's `id` would be read as a rename.
                payload.retain(|(k, _)| k != "id");
            }
            out.push(Planned {
                id,
                method,
                path,
                payload: Json::Object(payload),
                files,
            });
        }
        out
    }

    /// The answer of one record's own request: `status` and its JSON body.
    pub fn add_answer(&mut self, planned: &Planned, status: u16, body: &Json) {
        if (200..300).contains(&status) {
            self.note_files(planned, body);
            let outcome = if planned.method == Method::Patch {
                Outcome::Updated
            } else {
                Outcome::Created
            };
            self.outcomes.insert(planned.id.clone(), outcome);
        } else {
            self.outcomes
                .insert(planned.id.clone(), Outcome::Failed(reason(status, body)));
        }
    }

    /// The answer of the batch of `group` (indexes into `planned`): true when it was
    /// applied (each record's answer is recorded); false when the batch failed as a
    /// whole (the server keeps nothing of a failed batch: send the group one by one).
    pub fn add_batch_answer(
        &mut self,
        planned: &[Planned],
        group: &[usize],
        status: u16,
        body: &Json,
    ) -> bool {
        let Some(answers) = body
            .as_array()
            .filter(|a| (200..300).contains(&status) && a.len() == group.len())
        else {
            return false;
        };
        for (planned, answer) in group.iter().filter_map(|&i| planned.get(i)).zip(answers) {
            let status = answer
                .get("status")
                .and_then(Json::as_u64)
                .and_then(|s| u16::try_from(s).ok())
                .unwrap_or(0);
            let body = answer.get("body").cloned().unwrap_or_default();
            self.add_answer(planned, status, &body);
        }
        true
    }

    /// A failure the driver met itself for record `id` (a file missing from the zip, a
    /// network error): `reason` is what the result says.
    pub fn add_failure(&mut self, id: &str, reason: &str) {
        if self.wants(id) {
            self.outcomes
                .insert(id.to_string(), Outcome::Failed(reason.to_string()));
        }
    }

    /// When the new file names were in the answer: the stored names in the backup,
    /// paired in upload order with the answer's names that were not there before.
    fn note_files(&mut self, planned: &Planned, body: &Json) {
        let mut fields: Vec<&str> = planned.files.iter().map(|a| a.field.as_str()).collect();
        fields.dedup();
        for field in fields {
            let sent: Vec<&Attachment> = planned.files.iter().filter(|a| a.field == field).collect();
            let now: Vec<String> = match body.get(field) {
                Some(Json::String(s)) if !s.is_empty() => vec![s.clone()],
                Some(Json::Array(items)) => items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect(),
                _ => Vec::new(),
            };
            // The new names are the last ones of the list, in upload order.
            let start = now.len().saturating_sub(sent.len());
            for (a, new) in sent.iter().zip(&now[start..]) {
                self.renamed
                    .entry(planned.id.clone())
                    .or_default()
                    .push((a.stored_name.clone(), new.clone()));
            }
        }
    }

    /// `recover()`'s answer: `{created, updated, failed: [{id, error}], files: {id:
    /// {old: new}}, notes}`.
    pub fn result_json(&self) -> Json {
        let mut created = Vec::new();
        let mut updated = Vec::new();
        let mut failed = Vec::new();
        for id in &self.ids {
            match self.outcomes.get(id) {
                Some(Outcome::Created) => created.push(Json::str(id)),
                Some(Outcome::Updated) => updated.push(Json::str(id)),
                Some(Outcome::Failed(e)) => {
                    failed.push(Json::object([("id", Json::str(id)), ("error", Json::str(e))]))
                }
                None => failed.push(Json::object([
                    ("id", Json::str(id)),
                    ("error", Json::str("no answer was received for this record")),
                ])),
            }
        }
        let done = |id: &String| matches!(self.outcomes.get(id), Some(Outcome::Created | Outcome::Updated));
        let mut notes = Vec::new();
        let autodates: Vec<&str> = self
            .collection
            .fields
            .iter()
            .filter(|f| f.kind == "autodate")
            .map(|f| f.name.as_str())
            .collect();
        if !autodates.is_empty() && self.ids.iter().any(done) {
            notes.push(Json::String(
                [
                    "The server sets the autodate fields (",
                    &autodates.join(", "),
                    ") itself: they hold the time of recovery, not the backup's values (a replaced record keeps those set only on create).",
                ]
                .concat(),
            ));
        }
        let files: Vec<(String, Json)> = self
            .renamed
            .iter()
            .filter(|(id, _)| done(id))
            .map(|(id, pairs)| {
                let map = pairs.iter().map(|(o, n)| (o.clone(), Json::str(n))).collect();
                (id.clone(), Json::Object(map))
            })
            .collect();
        if !files.is_empty() {
            notes.push(Json::str(
                "Uploaded files got new names from the server (see files: old name → new name per record).",
            ));
        }
        if !self.not_live.is_empty() && self.ids.iter().any(done) {
            notes.push(Json::String(
                [
                    "The live collection lacks these fields of the backup: ",
                    &self.not_live.join(", "),
                    "; their values were not recovered.",
                ]
                .concat(),
            ));
        }
        let has_files = self.collection.fields.iter().any(|f| f.kind == "file");
        if has_files && !self.options.files && self.ids.iter().any(done) {
            notes.push(Json::str(
                "Files were not recovered (files: false): created records have none, replaced ones keep their live files.",
            ));
        }
        let passwords: Vec<&String> = self.new_passwords.iter().filter(|id| done(id)).collect();
        if !passwords.is_empty() {
            let ids: Vec<&str> = passwords.iter().map(|s| s.as_str()).collect();
            notes.push(Json::String(
                [
                    "Auth records got a new random password (a backup's password hash cannot be restored through the API); their users need a password reset: ",
                    &ids.join(", "),
                    ".",
                ]
                .concat(),
            ));
        }
        Json::object([
            ("created", Json::Array(created)),
            ("updated", Json::Array(updated)),
            ("failed", Json::Array(failed)),
            ("files", Json::Object(files)),
            ("notes", Json::Array(notes)),
        ])
    }
}

fn record_members(record: &Json) -> &[(String, Json)] {
    match record {
        Json::Object(m) => m,
        _ => &[],
    }
}

/// The files of a record's file field as attachments.
fn attachments(collection: &Collection, id: &str, field: &Field, value: &Json) -> Vec<Attachment> {
    let names: Vec<&str> = match value {
        Json::String(s) if !s.is_empty() => vec![s.as_str()],
        Json::Array(items) => items
            .iter()
            .filter_map(Json::as_str)
            .filter(|s| !s.is_empty())
            .collect(),
        _ => Vec::new(),
    };
    names
        .into_iter()
        .map(|name| Attachment {
            field: field.name.clone(),
            stored_name: name.to_string(),
            zip_path: ["storage/", &collection.id, "/", id, "/", name].concat(),
            upload_name: upload_name(name),
        })
        .collect()
}

/// The name to upload a stored file under: without the `_` and 10 random characters
/// the server put before the extension (`a_b_0123456789.tar.gz` → `a_b.tar.gz`); a name
/// without that suffix as it is.
pub fn upload_name(stored: &str) -> String {
    let (stem, ext) = match stored.find('.') {
        Some(i) if i > 0 => stored.split_at(i),
        _ => (stored, ""),
    };
    let b = stem.as_bytes();
    let n = b.len();
    if n > 11 && b[n - 11] == b'_' && b[n - 10..].iter().all(|c| c.is_ascii_alphanumeric()) {
        [&stem[..n - 11], ext].concat()
    } else {
        stored.to_string()
    }
}

/// 32 characters of `[A-Za-z0-9_-]` from `random` (6 bits a character, no bias).
fn new_password(random: &mut dyn FnMut(&mut [u8])) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    let mut bytes = [0u8; 32];
    random(&mut bytes);
    bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b & 63)]))
        .collect()
}

/// A readable reason from an error answer: its message, then each field error as
/// `field: code (message)`.
pub fn reason(status: u16, body: &Json) -> String {
    let mut out = body
        .get("message")
        .and_then(Json::as_str)
        .filter(|m| !m.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| crate::core::error_body::fallback_message(status));
    if let Some(Json::Object(fields)) = body.get("data") {
        for (name, err) in fields {
            let code = err.get("code").and_then(Json::as_str).unwrap_or("");
            let msg = err.get("message").and_then(Json::as_str).unwrap_or("");
            if code.is_empty() && msg.is_empty() {
                continue;
            }
            out.push(' ');
            out.push_str(name);
            out.push_str(": ");
            out.push_str(code);
            if !msg.is_empty() {
                out.push_str(" (");
                out.push_str(msg);
                out.push(')');
            }
            out.push('.');
        }
    }
    out
}

/// True when a batch answer says the batch API is off: 403 `"Batch requests are not
/// allowed."` (measured); then every request goes one by one.
pub fn batch_unavailable(status: u16, body: &Json) -> bool {
    status == 403 && body.get("message").and_then(Json::as_str) == Some("Batch requests are not allowed.")
}

/// The batch size to plan with from `GET /api/settings`: `batch.maxRequests` when
/// `batch.enabled`, else 0 (one by one).
pub fn batch_limit(settings: &Json) -> usize {
    let batch = &settings["batch"];
    if batch["enabled"].as_bool() != Some(true) {
        return 0;
    }
    batch["maxRequests"]
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(0)
}

/// How `recover()` sends `planned`: groups of at most `max_requests` (the server's
/// `settings.batch.maxRequests`, 50 by default; more → 400
/// `validation_length_too_long`) of the requests without files, each a
/// [`batch_payload`]; and the indexes of the requests to send one by one (those with
/// files, see [`Planned::batchable`]). With `max_requests` 0 (the batch API off),
/// everything goes one by one.
pub fn batch_groups(planned: &[Planned], max_requests: usize) -> (Vec<Vec<usize>>, Vec<usize>) {
    if max_requests == 0 {
        return (Vec::new(), (0..planned.len()).collect());
    }
    let (batchable, single): (Vec<usize>, Vec<usize>) =
        (0..planned.len()).partition(|&i| planned[i].batchable());
    let groups = batchable.chunks(max_requests).map(<[usize]>::to_vec).collect();
    (groups, single)
}

/// The body of `POST /api/batch` for `group` (indexes into `planned`):
/// `{"requests":[{method, url, body}]}`.
pub fn batch_payload(planned: &[Planned], group: &[usize]) -> Json {
    let requests = group
        .iter()
        .filter_map(|&i| planned.get(i))
        .map(|p| {
            Json::object([
                ("method", Json::str(p.method.as_str())),
                ("url", Json::str(&p.path)),
                ("body", p.payload.clone()),
            ])
        })
        .collect();
    Json::object([("requests", Json::Array(requests))])
}

/// The form part name of a file of the `index`th request of a batch sent as multipart
/// (`@jsonPayload` = [`batch_payload`]): `requests.<index>.<field>`. Not used by the
/// plan (files are renamed twice that way) but what the server reads.
pub fn batch_file_part(index: usize, field: &str) -> String {
    ["requests.", &crate::core::text::uint(index as u64), ".", field].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coll(kind: &str, fields: &str) -> Collection {
        let item = Json::parse(
            &[
                "{\"id\":\"pbc_1\",\"name\":\"posts\",\"type\":\"",
                kind,
                "\",\"fields\":",
                fields,
                "}",
            ]
            .concat(),
        )
        .unwrap();
        Collection::from_api(&item).unwrap()
    }

    const FIELDS: &str = r#"[{"id":"i","name":"id","type":"text","system":true,"primaryKey":true},
        {"id":"t","name":"title","type":"text"},
        {"id":"f","name":"doc","type":"file","maxSelect":1},
        {"id":"g","name":"pics","type":"file","maxSelect":5},
        {"id":"h","name":"secret","type":"text","hidden":true},
        {"id":"c","name":"created","type":"autodate","onCreate":true},
        {"id":"u","name":"updated","type":"autodate","onCreate":true,"onUpdate":true}]"#;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn record(id: &str) -> Json {
        Json::parse(&[r#"{"collectionId":"pbc_1","collectionName":"posts","id":""#, id, r#"","title":"T","doc":"report_abcdefghij.pdf","pics":["a_0123456789.png","b.png"],"secret":"s","created":"2024-01-01 00:00:00.000Z","updated":"2024-01-01 00:00:00.000Z"}"#].concat()).unwrap()
    }

    #[test]
    fn upload_names_lose_the_random_suffix() {
        assert_eq!(upload_name("report_abcdefghij.pdf"), "report.pdf");
        assert_eq!(upload_name("a_b_0123456789.tar.gz"), "a_b.tar.gz");
        assert_eq!(upload_name("noext_0123456789"), "noext");
        assert_eq!(upload_name("b.png"), "b.png");
        assert_eq!(upload_name("_0123456789.png"), "_0123456789.png");
        assert_eq!(upload_name("x_012345678.png"), "x_012345678.png");
        assert_eq!(upload_name(""), "");
        assert_eq!(upload_name("é_0123456789"), "é");
        assert_eq!(upload_name(".hidden"), ".hidden");
    }

    #[test]
    fn refuses_views_no_ids_unknown_collections_and_ids_the_backup_lacks() {
        let v = coll("view", "[]");
        assert_eq!(
            Recovery::new(&v, &ids(&["a"]), RecoverOptions::default()).unwrap_err(),
            RecoverError::View("posts".into())
        );
        let c = coll("base", FIELDS);
        assert_eq!(
            Recovery::new(&c, &[], RecoverOptions::default()).unwrap_err(),
            RecoverError::NoIds
        );
        assert_eq!(
            find_collection(std::slice::from_ref(&c), "nope")
                .unwrap_err()
                .message(),
            "The backup has no collection \"nope\"."
        );
        let mut r = Recovery::new(&c, &ids(&["a", "b", "a", "c"]), RecoverOptions::default()).unwrap();
        assert!(r.wants("a") && !r.wants("z"));
        r.add_backup_record(record("b"));
        r.add_backup_record(record("z"));
        let e = r.check().unwrap_err();
        assert_eq!(e, RecoverError::NotInBackup(ids(&["a", "c"])));
        assert_eq!(
            e.message(),
            "The backup has no record with these ids: a, c. Nothing was sent."
        );
    }

    #[test]
    fn plans_creates_updates_and_refusals() {
        let c = coll("base", FIELDS);
        let opts = RecoverOptions {
            files: true,
            overwrite: false,
        };
        let mut r = Recovery::new(&c, &ids(&["new1", "old1"]), opts).unwrap();
        r.add_backup_record(record("new1"));
        r.add_backup_record(record("old1"));
        r.check().unwrap();
        let reqs = r.existence_requests();
        assert_eq!(reqs.len(), 1);
        assert_eq!(reqs[0].path_and_query(), "/api/collections/posts/records?page=1&perPage=2&skipTotal=1&filter=id%3D%22new1%22%7C%7Cid%3D%22old1%22&fields=id");
        r.add_existing_page(&Json::parse(r#"{"items":[{"id":"old1"},{"id":"other"}]}"#).unwrap());
        let plan = r.plan(&mut |_| panic!("no auth records here"));
        assert_eq!(plan.len(), 1);
        let p = &plan[0];
        assert_eq!(
            (p.id.as_str(), p.method, p.path.as_str()),
            ("new1", Method::Post, "/api/collections/posts/records")
        );
        assert_eq!(p.payload.to_text(), r#"{"id":"new1","title":"T","secret":"s"}"#);
        assert_eq!(
            p.files,
            vec![
                Attachment {
                    field: "doc".into(),
                    stored_name: "report_abcdefghij.pdf".into(),
                    zip_path: "storage/pbc_1/new1/report_abcdefghij.pdf".into(),
                    upload_name: "report.pdf".into()
                },
                Attachment {
                    field: "pics".into(),
                    stored_name: "a_0123456789.png".into(),
                    zip_path: "storage/pbc_1/new1/a_0123456789.png".into(),
                    upload_name: "a.png".into()
                },
                Attachment {
                    field: "pics".into(),
                    stored_name: "b.png".into(),
                    zip_path: "storage/pbc_1/new1/b.png".into(),
                    upload_name: "b.png".into()
                },
            ]
        );
        r.add_answer(p, 200, &Json::parse(r#"{"id":"new1","doc":"report_zzzzzzzzzz.pdf","pics":["a_yyyyyyyyyy.png","b_xxxxxxxxxx.png"]}"#).unwrap());
        assert_eq!(
            r.result_json().to_text(),
            r#"{"created":["new1"],"updated":[],"failed":[{"id":"old1","error":"a record with this id exists on the server; pass overwrite: true to replace it"}],"files":{"new1":{"report_abcdefghij.pdf":"report_zzzzzzzzzz.pdf","a_0123456789.png":"a_yyyyyyyyyy.png","b.png":"b_xxxxxxxxxx.png"}},"notes":["The server sets the autodate fields (created, updated) itself: they hold the time of recovery, not the backup's values (a replaced record keeps those set only on create).","Uploaded files got new names from the server (see files: old name → new name per record)."]}"#
        );
    }

    #[test]
    fn overwrite_patches_without_the_id_and_files_off_leaves_files_out() {
        let c = coll("base", FIELDS);
        let mut r = Recovery::new(
            &c,
            &ids(&["old1"]),
            RecoverOptions {
                files: false,
                overwrite: true,
            },
        )
        .unwrap();
        r.add_backup_record(record("old1"));
        r.add_existing_page(&Json::parse(r#"{"items":[{"id":"old1"}]}"#).unwrap());
        let plan = r.plan(&mut |_| {});
        assert_eq!(
            (plan[0].method, plan[0].path.as_str()),
            (Method::Patch, "/api/collections/posts/records/old1")
        );
        assert_eq!(plan[0].payload.to_text(), r#"{"title":"T","secret":"s"}"#);
        assert!(plan[0].files.is_empty());
        r.add_answer(&plan[0], 400, &Json::parse(r#"{"status":400,"message":"Failed to update record.","data":{"title":{"code":"validation_required","message":"Cannot be blank."}}}"#).unwrap());
        assert_eq!(
            r.result_json().to_text(),
            r#"{"created":[],"updated":[],"failed":[{"id":"old1","error":"Failed to update record. title: validation_required (Cannot be blank.)."}],"files":{},"notes":[]}"#
        );
        r.add_answer(&plan[0], 200, &Json::parse(r#"{"id":"old1"}"#).unwrap());
        let out = r.result_json();
        assert_eq!(out["updated"].to_text(), r#"["old1"]"#);
        assert_eq!(
            out["notes"].as_array().unwrap()[1].as_str(),
            Some("Files were not recovered (files: false): created records have none, replaced ones keep their live files.")
        );
    }

    #[test]
    fn auth_records_get_a_random_password_and_a_note() {
        let c = coll(
            "auth",
            r#"[{"name":"id","type":"text"},{"name":"password","type":"password","hidden":true},{"name":"tokenKey","type":"text","hidden":true},{"name":"email","type":"email"},{"name":"verified","type":"bool"}]"#,
        );
        let mut r = Recovery::new(&c, &ids(&["u1"]), RecoverOptions::default()).unwrap();
        r.add_backup_record(
            Json::parse(r#"{"id":"u1","email":"a@b.c","verified":true,"tokenKey":"k"}"#).unwrap(),
        );
        let plan = r.plan(&mut |buf| {
            buf.iter_mut()
                .enumerate()
                .for_each(|(i, b)| *b = (i as u8).wrapping_mul(9))
        });
        let p = &plan[0].payload;
        assert_eq!(p["password"].as_str(), Some("AJSbkt2-IRajs1_HQZir09GPYhqz8FOX"));
        assert_eq!(p["password"], p["passwordConfirm"]);
        assert!(p.get("tokenKey").is_none());
        r.add_answer(&plan[0], 200, &Json::parse(r#"{"id":"u1"}"#).unwrap());
        let out = r.result_json();
        assert_eq!(out["created"].to_text(), r#"["u1"]"#);
        assert!(out["notes"].as_array().unwrap()[0]
            .as_str()
            .unwrap()
            .contains("new random password"));
    }

    #[test]
    fn measured_server_answers_read_as_outcomes() {
        let c = coll("base", FIELDS);
        let mut r = Recovery::new(&c, &ids(&["a", "b"]), RecoverOptions::default()).unwrap();
        r.add_backup_record(Json::parse(r#"{"id":"a","title":"x"}"#).unwrap());
        r.add_backup_record(Json::parse(r#"{"id":"b","title":"y"}"#).unwrap());
        let plan = r.plan(&mut |_| {});
        let (groups, single) = batch_groups(&plan, 50);
        assert_eq!((groups.clone(), single), (vec![vec![0, 1]], vec![]));
        // A failed batch (measured): nothing kept, so the group goes one by one.
        let failed = Json::parse(r#"{"data":{"requests":{"1":{"code":"batch_request_failed","message":"Batch request failed.","response":{"data":{"id":{"code":"validation_not_unique","message":"Value must be unique."}},"message":"Failed to create record.","status":400}}}},"message":"Batch transaction failed.","status":400}"#).unwrap();
        assert!(!r.add_batch_answer(&plan, &groups[0], 400, &failed));
        let missing = Json::parse(r#"{"data":{"r1":{"code":"validation_missing_rel_records","message":"Failed to find all relation records with the provided ids."}},"message":"Failed to create record.","status":400}"#).unwrap();
        r.add_answer(&plan[0], 400, &missing);
        r.add_answer(&plan[1], 200, &Json::parse(r#"{"id":"b"}"#).unwrap());
        assert_eq!(
            r.result_json()["failed"].to_text(),
            r#"[{"id":"a","error":"Failed to create record. r1: validation_missing_rel_records (Failed to find all relation records with the provided ids.)."}]"#
        );
        // A batch that went through (measured shape).
        let mut r = Recovery::new(&c, &ids(&["a", "b"]), RecoverOptions::default()).unwrap();
        r.add_backup_record(Json::parse(r#"{"id":"a"}"#).unwrap());
        r.add_backup_record(Json::parse(r#"{"id":"b"}"#).unwrap());
        let plan = r.plan(&mut |_| {});
        let ok = Json::parse(
            r#"[{"body":{"id":"a","title":""},"status":200},{"body":{"id":"b","title":""},"status":200}]"#,
        )
        .unwrap();
        assert!(r.add_batch_answer(&plan, &[0, 1], 200, &ok));
        assert_eq!(r.result_json()["created"].to_text(), r#"["a","b"]"#);
        assert!(
            !r.add_batch_answer(&plan, &[0], 200, &ok),
            "an answer of another length is not taken"
        );
        assert_eq!(
            batch_limit(
                &Json::parse(r#"{"batch":{"enabled":true,"maxRequests":50,"timeout":3,"maxBodySize":0}}"#)
                    .unwrap()
            ),
            50
        );
        assert_eq!(
            batch_limit(&Json::parse(r#"{"batch":{"enabled":false,"maxRequests":50}}"#).unwrap()),
            0
        );
        assert_eq!(batch_limit(&Json::Null), 0);
        r.add_failure("b", "the backup's zip has no storage/pbc_1/b/x.png");
        r.add_failure("zz", "not chosen: ignored");
        assert_eq!(
            r.result_json()["failed"].to_text(),
            r#"[{"id":"b","error":"the backup's zip has no storage/pbc_1/b/x.png"}]"#
        );
    }

    #[test]
    fn fields_the_live_collection_lacks_are_not_sent_and_named() {
        let c = coll("base", FIELDS);
        let live = coll(
            "base",
            r#"[{"name":"id","type":"text"},{"name":"title","type":"text"},{"name":"doc","type":"file"}]"#,
        );
        let mut r = Recovery::new(&c, &ids(&["n"]), RecoverOptions::default()).unwrap();
        r.set_live_collection(&live);
        r.add_backup_record(record("n"));
        let plan = r.plan(&mut |_| {});
        assert_eq!(plan[0].payload.to_text(), r#"{"id":"n","title":"T"}"#);
        assert_eq!(plan[0].files.len(), 1);
        r.add_answer(
            &plan[0],
            200,
            &Json::parse(r#"{"id":"n","doc":"report_zzzzzzzzzz.pdf"}"#).unwrap(),
        );
        assert_eq!(
            r.result_json()["notes"].as_array().unwrap()[2].as_str(),
            Some("The live collection lacks these fields of the backup: pics, secret; their values were not recovered.")
        );
    }

    #[test]
    fn a_replaced_auth_record_keeps_its_live_password() {
        let c = coll(
            "auth",
            r#"[{"name":"id","type":"text"},{"name":"password","type":"password","hidden":true},{"name":"email","type":"email"}]"#,
        );
        let mut r = Recovery::new(
            &c,
            &ids(&["u1"]),
            RecoverOptions {
                files: true,
                overwrite: true,
            },
        )
        .unwrap();
        r.add_backup_record(Json::parse(r#"{"id":"u1","email":"a@b.c"}"#).unwrap());
        r.add_existing_page(&Json::parse(r#"{"items":[{"id":"u1"}]}"#).unwrap());
        let plan = r.plan(&mut |_| panic!("no password is made for a replaced record"));
        assert_eq!(plan[0].payload.to_text(), r#"{"email":"a@b.c"}"#);
        r.add_answer(&plan[0], 200, &Json::parse(r#"{"id":"u1"}"#).unwrap());
        assert_eq!(r.result_json()["notes"].to_text(), "[]");
    }

    #[test]
    fn reasons_and_batches() {
        assert_eq!(reason(502, &Json::Null), "The server answered with status 502.");
        assert_eq!(reason(0, &Json::Null), "The connection to the server failed.");
        let planned: Vec<Planned> = (0..5)
            .map(|i| Planned {
                id: crate::core::text::uint(i),
                method: Method::Post,
                path: "/api/collections/posts/records".into(),
                payload: Json::object([("id", Json::str("x"))]),
                files: vec![],
            })
            .collect();
        let mut planned = planned;
        planned[1].files.push(Attachment {
            field: "f".into(),
            stored_name: "a_0123456789.txt".into(),
            zip_path: "storage/c/1/a_0123456789.txt".into(),
            upload_name: "a.txt".into(),
        });
        assert_eq!(batch_groups(&planned, 2), (vec![vec![0, 2], vec![3, 4]], vec![1]));
        assert_eq!(batch_groups(&planned, 0), (vec![], vec![0, 1, 2, 3, 4]));
        assert_eq!(batch_groups(&[], 50), (vec![], vec![]));
        assert_eq!(
            batch_payload(&planned, &[0]).to_text(),
            r#"{"requests":[{"method":"POST","url":"/api/collections/posts/records","body":{"id":"x"}}]}"#
        );
        assert!(batch_unavailable(
            403,
            &Json::parse(r#"{"data":{},"message":"Batch requests are not allowed.","status":403}"#).unwrap()
        ));
        assert!(!batch_unavailable(
            403,
            &Json::parse(r#"{"message":"The authorized record is not allowed to perform this action."}"#)
                .unwrap()
        ));
        assert_eq!(batch_file_part(3, "pics"), "requests.3.pics");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn percent_decode(s: &str) -> Vec<u8> {
        let b = s.as_bytes();
        let (mut out, mut i) = (Vec::new(), 0);
        while i < b.len() {
            if b[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        out
    }

    proptest! {
        #[test]
        fn a_patch_path_holds_the_collection_and_the_id_as_one_segment_each(name in "\\PC{1,12}", id in "\\PC{1,20}") {
            let item = Json::object([("name", Json::str(&name)), ("type", Json::str("base")), ("fields", Json::Array(vec![]))]);
            let c = Collection::from_api(&item).unwrap();
            let mut r = Recovery::new(&c, std::slice::from_ref(&id), RecoverOptions { files: true, overwrite: true }).unwrap();
            r.add_backup_record(Json::object([("id", Json::str(&id))]));
            r.add_existing_page(&Json::object([("items", Json::Array(vec![Json::object([("id", Json::str(&id))])]))]));
            let plan = r.plan(&mut |_| {});
            prop_assert_eq!(plan.len(), 1);
            let segments: Vec<&str> = plan[0].path.split('/').collect();
            prop_assert_eq!(segments.len(), 6);
            prop_assert_eq!(&segments[..3], &["", "api", "collections"]);
            prop_assert_eq!(percent_decode(segments[3]), name.as_bytes());
            prop_assert_eq!(segments[4], "records");
            prop_assert_eq!(percent_decode(segments[5]), id.as_bytes());
            prop_assert!(plan[0].path.is_ascii());
        }

        #[test]
        fn upload_names_never_panic_and_only_shorten(name in "\\PC{0,30}") {
            let n = upload_name(&name);
            prop_assert!(n.len() <= name.len());
        }
    }
}
