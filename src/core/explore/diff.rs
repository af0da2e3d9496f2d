//! Comparing a backup with the live server, collection by collection, with memory
//! bounded by the number of record ids (never by the records' data).
//!
//! A driver, for each collection pair ([`pairs`]):
//! 1. [`schema_diff`] of the two collections;
//! 2. for a pair of record-holding collections, a [`RecordDiff`]: every backup record
//!    ([`super::decode`] with [`super::decode::Shape::Api`]) into
//!    [`RecordDiff::add_backup_record`]; then the live pages
//!    ([`RecordDiff::live_request`], [`RecordDiff::add_live_page`] until it answers
//!    `None`); then the full records of ids whose `updated` differs
//!    ([`RecordDiff::fetch_requests`], each answer into [`RecordDiff::add_fetched_page`]);
//!    then [`RecordDiff::result_json`];
//! 3. for a collection only in the backup, [`only_in_backup_json`]; only live,
//!    [`count_request`] and [`only_live_json`] with its `totalItems`; a view in both,
//!    [`view_json`];
//! 4. [`compare_json`] of the results.

use std::collections::BTreeMap;

use super::collections::{Collection, Field};
use super::request::{pair, Request};
use crate::core::json::Json;
use crate::core::text;
use crate::core::url;

/// The largest `perPage` the records and collections lists honour: the server answers a
/// larger one with `perPage: 1000` (measured on PocketBase 0.40.6).
pub const MAX_PER_PAGE: usize = 1000;

/// The longest path-and-query a planned request may have, in bytes. The server itself
/// took a 770 KB URL (its filter, not its length, was refused); proxies commonly refuse
/// request lines over 4–8 KiB.
pub const MAX_URL_BYTES: usize = 4000;

/// The most `id="…"` terms one filter may hold: 200 pass, 201 are refused (400,
/// logged as "max filter length limit reached"; measured on PocketBase 0.40.6).
pub const MAX_FILTER_TERMS: usize = 200;

/// The longest filter text (bytes before URL encoding): 3500 pass, 3501 are
/// refused with the same 400 (measured on PocketBase 0.40.6).
pub const MAX_FILTER_BYTES: usize = 3500;

// ---------------------------------------------------------------------------------
// Canonical values and fingerprints

/// Where canonical bytes go: a fingerprint or a byte buffer.
trait Sink {
    fn put(&mut self, bytes: &[u8]);
}

/// FNV-1a, 64 bits.
struct Fnv(u64);

impl Sink for Fnv {
    fn put(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Writes `v` canonically: numbers by value (`1`, `1.0` and `1e0` alike, `-0` as `0`),
/// object members sorted by name (a repeated name as its last occurrence), strings as
/// they are.
fn canonical(v: &Json, out: &mut dyn Sink) {
    match v {
        Json::Null => out.put(&[0]),
        Json::Bool(b) => out.put(&[1, u8::from(*b)]),
        Json::Number(t) => match t.parse::<f64>() {
            Ok(f) => {
                let f = if f == 0.0 { 0.0 } else { f };
                out.put(&[2]);
                out.put(&f.to_bits().to_le_bytes());
            }
            Err(_) => {
                out.put(&[3]);
                string(t, out);
            }
        },
        Json::String(s) => {
            out.put(&[4]);
            string(s, out);
        }
        Json::Array(items) => {
            out.put(&[5]);
            out.put(&(items.len() as u64).to_le_bytes());
            for item in items {
                canonical(item, out);
            }
        }
        Json::Object(members) => {
            // A stable sort keeps repeated names in their order; the last of each run is
            // the one `Json::get` reads.
            let mut all: Vec<&(String, Json)> = members.iter().collect();
            all.sort_by(|a, b| a.0.cmp(&b.0));
            let mut sorted: Vec<&(String, Json)> = Vec::with_capacity(all.len());
            for m in all {
                match sorted.last_mut() {
                    Some(last) if last.0 == m.0 => *last = m,
                    _ => sorted.push(m),
                }
            }
            out.put(&[6]);
            out.put(&(sorted.len() as u64).to_le_bytes());
            for (k, v) in sorted {
                string(k, out);
                canonical(v, out);
            }
        }
    }
}

fn string(s: &str, out: &mut dyn Sink) {
    out.put(&(s.len() as u64).to_le_bytes());
    out.put(s.as_bytes());
}

/// True when `a` and `b` are the same value canonically (see [`fingerprint`]).
pub fn same_value(a: &Json, b: &Json) -> bool {
    let (mut x, mut y) = (Vec::new(), Vec::new());
    canonical(a, &mut x);
    canonical(b, &mut y);
    x == y
}

/// A 64-bit fingerprint of the values of `fields` in `record` (a missing member reads
/// as `null`): numbers compared by value (`1` == `1.0`), object members in any order,
/// strings as they are. `fields` must be in the same order on both sides.
pub fn fingerprint(record: &Json, fields: &[String]) -> u64 {
    let mut h = Fnv(FNV_OFFSET);
    for name in fields {
        string(name, &mut h);
        canonical(&record[name.as_str()], &mut h);
    }
    h.0
}

// ---------------------------------------------------------------------------------
// Schemas

/// How the fields of a collection pair differ (names, in the collections' order).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SchemaDiff {
    /// Fields live has and the backup does not.
    pub added: Vec<String>,
    /// Fields the backup has and live does not.
    pub removed: Vec<String>,
    /// Fields of the same name whose type, hidden flag or options differ.
    pub changed: Vec<String>,
    /// The collections' types differ.
    pub kind_changed: bool,
}

impl SchemaDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty() && !self.kind_changed
    }

    /// `{added, removed, changed}`.
    pub fn to_json(&self) -> Json {
        let list = |names: &[String]| Json::Array(names.iter().map(|n| Json::str(n)).collect());
        Json::object([
            ("added", list(&self.added)),
            ("removed", list(&self.removed)),
            ("changed", list(&self.changed)),
        ])
    }
}

fn field_changed(a: &Field, b: &Field) -> bool {
    a.kind != b.kind || a.hidden != b.hidden || !same_value(&a.options, &b.options)
}

/// The field differences of a backup collection and the live one of the same name.
pub fn schema_diff(backup: &Collection, live: &Collection) -> SchemaDiff {
    SchemaDiff {
        added: live
            .fields
            .iter()
            .filter(|f| backup.field(&f.name).is_none())
            .map(|f| f.name.clone())
            .collect(),
        removed: backup
            .fields
            .iter()
            .filter(|f| live.field(&f.name).is_none())
            .map(|f| f.name.clone())
            .collect(),
        changed: backup
            .fields
            .iter()
            .filter(|f| live.field(&f.name).is_some_and(|l| field_changed(f, l)))
            .map(|f| f.name.clone())
            .collect(),
        kind_changed: backup.kind != live.kind,
    }
}

/// The names of the fields whose values are compared: in both collections, not `id`,
/// not autodate (the server sets them), not password (the API gives `""` for any), not
/// an auth collection's `tokenKey` (never returned); hidden fields are compared (a
/// superuser gets them); sorted.
pub fn compared_fields(backup: &Collection, live: &Collection) -> Vec<String> {
    let auth = backup.is_auth() || live.is_auth();
    let usable = |f: &Field| {
        f.name != "id"
            && !matches!(f.kind.as_str(), "autodate" | "password")
            && !(auth && f.name == "tokenKey")
    };
    let mut names: Vec<String> = backup
        .fields
        .iter()
        .filter(|f| usable(f) && live.field(&f.name).is_some_and(usable))
        .map(|f| f.name.clone())
        .collect();
    names.sort();
    names
}

/// The collections of both sides paired by name: the backup's in its order, then those
/// only live.
pub fn pairs<'a>(
    backup: &'a [Collection],
    live: &'a [Collection],
) -> Vec<(Option<&'a Collection>, Option<&'a Collection>)> {
    let mut out: Vec<_> = backup
        .iter()
        .map(|b| (Some(b), live.iter().find(|l| l.name == b.name)))
        .collect();
    out.extend(
        live.iter()
            .filter(|l| !backup.iter().any(|b| b.name == l.name))
            .map(|l| (None, Some(l))),
    );
    out
}

// ---------------------------------------------------------------------------------
// Requests

/// `GET /api/collections?page=N&perPage=MAX`: a page of the live collections (then
/// [`next_page`]).
pub fn collections_request(page: u64) -> Request {
    Request::get(
        "/api/collections".into(),
        vec![
            pair("page", &text::uint(page)),
            pair("perPage", &text::uint(MAX_PER_PAGE as u64)),
        ],
    )
}

/// `GET /api/collections/{c}/records?page=1&perPage=1&fields=id`: its `totalItems` is
/// the collection's record count.
pub fn count_request(collection: &str) -> Request {
    Request::get(
        url::collection_path(collection, "records"),
        vec![pair("page", "1"), pair("perPage", "1"), pair("fields", "id")],
    )
}

/// The page to ask for after the answer to page `page` of a list: `None` after the
/// last one (by `totalPages`) or an empty page, so a driver's loop always ends.
pub fn next_page(answer: &Json, page: u64) -> Option<u64> {
    let pages = answer.get("totalPages").and_then(Json::as_u64).unwrap_or(0);
    let empty = answer
        .get("items")
        .and_then(Json::as_array)
        .is_none_or(<[Json]>::is_empty);
    (!empty && page < pages).then(|| page + 1)
}

/// `totalItems` of a list answer.
pub fn total_items(answer: &Json) -> Option<u64> {
    answer.get("totalItems")?.as_u64()
}

/// A filter text literal: `"…"` with `"` escaped (the filter parser unescapes only the
/// quote; ids of the default pattern `[a-z0-9]` need none).
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Requests that list the records of `collection` whose id is in `ids`, with `fields`
/// when given: `filter=id="a"||id="b"…` in chunks whose path-and-query stays within
/// [`MAX_URL_BYTES`] and whose filter holds at most [`MAX_FILTER_TERMS`] terms; each
/// chunk's `perPage` is its number of ids, so one page answers it. An id too long for
/// any request still gets one of its own. An empty id or one that ends with `\\` is left
/// out: the filter parser reads `"…\\"` as an escaped quote, and has no other escape, so
/// no literal can hold it (the default id pattern allows only `[a-z0-9]`).
pub fn id_requests(collection: &str, ids: &[String], fields: Option<&str>) -> Vec<Request> {
    let build = |filter: &str, n: usize| {
        let mut query = vec![
            pair("page", "1"),
            pair("perPage", &text::uint(n as u64)),
            pair("skipTotal", "1"),
            pair("filter", filter),
        ];
        if let Some(f) = fields {
            query.push(pair("fields", f));
        }
        Request::get(url::collection_path(collection, "records"), query)
    };
    // The request without a filter, then each term's encoded bytes.
    let base = build("", MAX_PER_PAGE).path_and_query().len();
    let mut out = Vec::new();
    let (mut filter, mut n, mut bytes) = (String::new(), 0usize, base);
    for id in ids.iter().filter(|id| !id.is_empty() && !id.ends_with('\\')) {
        let term = ["id=", &quoted(id)].concat();
        let cost = url::encode_component(&term).len() + if n > 0 { 6 } else { 0 };
        let chars = filter.len() + term.len() + 2;
        if n > 0 && (n >= MAX_FILTER_TERMS || bytes + cost > MAX_URL_BYTES || chars > MAX_FILTER_BYTES) {
            out.push(build(&filter, n));
            (filter, n, bytes) = (String::new(), 0, base);
        }
        if n > 0 {
            filter.push_str("||");
            bytes += 6;
        }
        bytes += url::encode_component(&term).len();
        filter.push_str(&term);
        n += 1;
    }
    if n > 0 {
        out.push(build(&filter, n));
    }
    out
}

// ---------------------------------------------------------------------------------
// Records

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Not in the live lists (yet).
    Unseen,
    Same,
    Changed,
    /// Live has it with another `updated`: its full record is to be fetched.
    Pending,
}

/// What is kept of a backup record: 17 bytes besides its id.
#[derive(Debug, Clone)]
struct Entry {
    /// A fingerprint of its `updated` text (`None` when matching by values, or when it
    /// has none: then it is always compared by values).
    updated: Option<u64>,
    fingerprint: u64,
    state: State,
}

/// A fingerprint of a non-empty `updated` text.
fn updated_key(record: &Json) -> Option<u64> {
    let text = record
        .get("updated")
        .and_then(Json::as_str)
        .filter(|u| !u.is_empty())?;
    let mut h = Fnv(FNV_OFFSET);
    h.put(text.as_bytes());
    Some(h.0)
}

/// The record comparison of one collection pair (see the module's steps).
#[derive(Debug, Clone)]
pub struct RecordDiff {
    collection: String,
    fields: Vec<String>,
    by_updated: bool,
    backup: BTreeMap<String, Entry>,
    live_total: Option<u64>,
    live_seen: u64,
    /// Live pages read so far.
    pages_read: u64,
    only_live: u64,
    only_live_ids: Vec<String>,
}

impl RecordDiff {
    /// The comparison of `backup` with `live` (the same collection on both sides).
    pub fn new(backup: &Collection, live: &Collection) -> RecordDiff {
        RecordDiff {
            collection: live.name.clone(),
            fields: compared_fields(backup, live),
            by_updated: backup.has_updated() && live.has_updated(),
            backup: BTreeMap::new(),
            live_total: None,
            live_seen: 0,
            pages_read: 0,
            only_live: 0,
            only_live_ids: Vec::new(),
        }
    }

    /// The fields whose values are compared.
    pub fn fields(&self) -> &[String] {
        &self.fields
    }

    /// True when records are matched by `updated` first (both sides have the autodate
    /// field `updated`): the live list then asks for `id,updated` only.
    pub fn by_updated(&self) -> bool {
        self.by_updated
    }

    /// One backup record, decoded as the records API gives it. All backup records come
    /// before the first live page.
    pub fn add_backup_record(&mut self, record: &Json) {
        let Some(id) = record.get("id").and_then(Json::as_str) else {
            return;
        };
        let updated = if self.by_updated {
            updated_key(record)
        } else {
            None
        };
        let entry = Entry {
            updated,
            fingerprint: fingerprint(record, &self.fields),
            state: State::Unseen,
        };
        self.backup.insert(id.to_string(), entry);
    }

    /// The number of backup records added.
    pub fn backup_count(&self) -> u64 {
        self.backup.len() as u64
    }

    /// Page `page` (from 1) of the live records, sorted by id: `fields=id,updated` when
    /// matching by `updated`, whole records otherwise.
    pub fn live_request(&self, page: u64) -> Request {
        let mut query = vec![
            pair("page", &text::uint(page)),
            pair("perPage", &text::uint(MAX_PER_PAGE as u64)),
            pair("sort", "id"),
        ];
        if self.by_updated {
            query.push(pair("fields", "id,updated"));
        }
        Request::get(url::collection_path(&self.collection, "records"), query)
    }

    /// The answer to the next live page (1, 2, … in turn); the next page to ask for, or
    /// `None` after the last one.
    pub fn add_live_page(&mut self, answer: &Json) -> Option<u64> {
        if let Some(total) = total_items(answer) {
            self.live_total = Some(total);
        }
        let items = answer.get("items").and_then(Json::as_array).unwrap_or(&[]);
        for item in items {
            let Some(id) = item.get("id").and_then(Json::as_str) else {
                continue;
            };
            self.live_seen += 1;
            let Some(entry) = self.backup.get_mut(id) else {
                self.only_live += 1;
                self.only_live_ids.push(id.to_string());
                continue;
            };
            entry.state = if self.by_updated {
                if entry.updated.is_some() && updated_key(item) == entry.updated {
                    State::Same
                } else {
                    State::Pending
                }
            } else if fingerprint(item, &self.fields) == entry.fingerprint {
                State::Same
            } else {
                State::Changed
            };
        }
        self.pages_read += 1;
        next_page(answer, self.pages_read)
    }

    /// The ids whose full live record must be fetched (their `updated` differs).
    pub fn pending_ids(&self) -> Vec<String> {
        self.ids(State::Pending)
    }

    /// The requests that fetch the pending records (see [`id_requests`]).
    pub fn fetch_requests(&self) -> Vec<Request> {
        id_requests(&self.collection, &self.pending_ids(), None)
    }

    /// An answer of a [`RecordDiff::fetch_requests`] request.
    pub fn add_fetched_page(&mut self, answer: &Json) {
        for item in answer.get("items").and_then(Json::as_array).unwrap_or(&[]) {
            let Some(id) = item.get("id").and_then(Json::as_str) else {
                continue;
            };
            if let Some(entry) = self.backup.get_mut(id) {
                if entry.state == State::Pending {
                    entry.state = if fingerprint(item, &self.fields) == entry.fingerprint {
                        State::Same
                    } else {
                        State::Changed
                    };
                }
            }
        }
    }

    fn ids(&self, state: State) -> Vec<String> {
        self.backup
            .iter()
            .filter(|(_, e)| e.state == state)
            .map(|(id, _)| id.clone())
            .collect()
    }

    fn count(&self, states: &[State]) -> u64 {
        self.backup.values().filter(|e| states.contains(&e.state)).count() as u64
    }

    /// Ids the backup has and live does not.
    /// The ids of the live records the backup does not have, in the order listed.
    pub fn only_live_ids(&self) -> Vec<String> {
        self.only_live_ids.clone()
    }

    pub fn only_in_backup_ids(&self) -> Vec<String> {
        self.ids(State::Unseen)
    }

    /// Ids whose values differ (a pending record never fetched counts as changed: it
    /// changed or vanished while the comparison ran).
    pub fn changed_ids(&self) -> Vec<String> {
        self.backup
            .iter()
            .filter(|(_, e)| matches!(e.state, State::Changed | State::Pending))
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// The collection's entry of `compare()`, with the ids behind its counts (`ids:
    /// {onlyInBackup, onlyLive, changed}`).
    pub fn result_json(&self, name: &str, schema: &SchemaDiff) -> Json {
        let only_in_backup = self.count(&[State::Unseen]);
        let changed = self.count(&[State::Changed, State::Pending]);
        let same = schema.is_empty() && only_in_backup == 0 && self.only_live == 0 && changed == 0;
        let records = Json::object([
            ("backup", Json::uint(self.backup_count())),
            ("live", Json::uint(self.live_total.unwrap_or(self.live_seen))),
            ("onlyInBackup", Json::uint(only_in_backup)),
            ("onlyLive", Json::uint(self.only_live)),
            ("changed", Json::uint(changed)),
        ]);
        let mut out = entry(name, if same { "same" } else { "changed" }, schema, records);
        let list = |ids: Vec<String>| Json::Array(ids.into_iter().map(Json::String).collect());
        out.set(
            "ids",
            Json::object([
                ("onlyInBackup", list(self.only_in_backup_ids())),
                ("onlyLive", list(self.only_live_ids())),
                ("changed", list(self.changed_ids())),
            ]),
        );
        out
    }
}

fn entry(name: &str, status: &str, schema: &SchemaDiff, records: Json) -> Json {
    Json::object([
        ("name", Json::str(name)),
        ("status", Json::str(status)),
        ("fields", schema.to_json()),
        ("records", records),
    ])
}

fn counts(backup: u64, live: u64, only_in_backup: u64, only_live: u64) -> Json {
    Json::object([
        ("backup", Json::uint(backup)),
        ("live", Json::uint(live)),
        ("onlyInBackup", Json::uint(only_in_backup)),
        ("onlyLive", Json::uint(only_live)),
        ("changed", Json::uint(0)),
    ])
}

/// The entry of a collection only in the backup, with `records` rows (`null` records
/// for a view).
pub fn only_in_backup_json(backup: &Collection, records: u64) -> Json {
    let schema = SchemaDiff {
        removed: backup.fields.iter().map(|f| f.name.clone()).collect(),
        ..SchemaDiff::default()
    };
    let records = if backup.is_view() {
        Json::Null
    } else {
        counts(records, 0, records, 0)
    };
    entry(&backup.name, "onlyInBackup", &schema, records)
}

/// The entry of a collection only live, with its list's `totalItems` (`null` records
/// for a view).
pub fn only_live_json(live: &Collection, total_items: u64) -> Json {
    let schema = SchemaDiff {
        added: live.fields.iter().map(|f| f.name.clone()).collect(),
        ..SchemaDiff::default()
    };
    let records = if live.is_view() {
        Json::Null
    } else {
        counts(0, total_items, 0, total_items)
    };
    entry(&live.name, "onlyLive", &schema, records)
}

/// The entry of a pair where either side is a view (a view stores no rows: only the
/// fields are compared, `records` is `null`).
pub fn view_json(backup: &Collection, live: &Collection) -> Json {
    let schema = schema_diff(backup, live);
    let status = if schema.is_empty() { "same" } else { "changed" };
    entry(&live.name, status, &schema, Json::Null)
}

/// `compare()`'s answer from the collections' entries.
pub fn compare_json(entries: Vec<Json>) -> Json {
    Json::object([("collections", Json::Array(entries))])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(text: &str) -> Json {
        Json::parse(text).unwrap()
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn numbers_by_value_objects_in_any_order_strings_as_they_are() {
        assert!(same_value(&j("1"), &j("1.0")));
        assert!(same_value(&j("1"), &j("1e0")));
        assert!(same_value(&j("0"), &j("-0")));
        assert!(same_value(&j("100"), &j("1E2")));
        assert!(!same_value(&j("1"), &j("\"1\"")));
        assert!(!same_value(&j("0.1"), &j("0.10000000000000002")));
        assert!(same_value(
            &j(r#"{"a":1,"b":[1,{"x":2,"y":3}]}"#),
            &j(r#"{"b":[1.0,{"y":3,"x":2}],"a":1}"#)
        ));
        assert!(!same_value(&j("[1,2]"), &j("[2,1]")));
        assert!(!same_value(&j(r#"{"a":1}"#), &j(r#"{"a":1,"b":null}"#)));
        assert!(same_value(&j(r#"{"a":1,"a":2}"#), &j(r#"{"a":2}"#)));
        assert!(!same_value(&j(r#""a b""#), &j(r#""a  b""#)));
        assert!(!same_value(&j("null"), &j("false")));
        assert!(!same_value(&j(r#"["ab"]"#), &j(r#"["a","b"]"#)));
    }

    #[test]
    fn a_fingerprint_covers_the_named_fields_only() {
        let fields = names(&["a", "n"]);
        let x = j(r#"{"id":"x","a":"s","n":1,"other":1}"#);
        let y = j(r#"{"n":1.0,"a":"s","id":"y","other":2}"#);
        assert_eq!(fingerprint(&x, &fields), fingerprint(&y, &fields));
        let z = j(r#"{"a":"s","n":2}"#);
        assert_ne!(fingerprint(&x, &fields), fingerprint(&z, &fields));
        // A missing member reads as null; the field name is part of the fingerprint.
        assert_eq!(
            fingerprint(&j(r#"{"a":null}"#), &names(&["a"])),
            fingerprint(&j("{}"), &names(&["a"]))
        );
        assert_ne!(
            fingerprint(&j(r#"{"a":1}"#), &names(&["a"])),
            fingerprint(&j(r#"{"b":1}"#), &names(&["b"]))
        );
    }

    #[test]
    fn id_requests_stay_under_the_url_limit_and_the_term_limit() {
        let ids: Vec<String> = (0..1000)
            .map(|i| ["r", &crate::core::text::padded(i, 14)].concat())
            .collect();
        let reqs = id_requests("posts", &ids, Some("id"));
        let mut seen = 0;
        for r in &reqs {
            assert!(
                r.path_and_query().len() <= MAX_URL_BYTES,
                "{}",
                r.path_and_query().len()
            );
            let filter = &r.query.iter().find(|(k, _)| k == "filter").unwrap().1;
            let n = filter.split("||").count();
            assert!(n <= MAX_FILTER_TERMS);
            assert_eq!(
                r.query.iter().find(|(k, _)| k == "perPage").unwrap().1,
                crate::core::text::uint(n as u64)
            );
            for (i, term) in filter.split("||").enumerate() {
                assert_eq!(term, ["id=\"", &ids[seen + i], "\""].concat());
            }
            seen += n;
        }
        assert_eq!(seen, 1000);
        assert!(reqs.len() >= 1000 / MAX_FILTER_TERMS);
        assert_eq!(
            reqs[0].path_and_query()[..80].to_string(),
            "/api/collections/posts/records?page=1&perPage=122&skipTotal=1&filter=id%3D%22r00000000000000%22%7C%7Cid"[..80].to_string()
        );
        assert!(id_requests("posts", &[], None).is_empty());
    }

    #[test]
    fn an_id_with_a_quote_is_escaped_and_a_huge_id_gets_its_own_request() {
        let reqs = id_requests("c d", &names(&["a\"b", &"x".repeat(5000), "", "y\\", "z"]), None);
        assert_eq!(reqs.len(), 3);
        assert_eq!(reqs[0].path, "/api/collections/c%20d/records");
        assert_eq!(reqs[0].query[3].1, "id=\"a\\\"b\"");
        assert_eq!(reqs[2].query[3].1, "id=\"z\"");
    }

    #[test]
    fn records_match_by_updated_then_by_values() {
        let c = Collection::from_api(&j(
            r#"{"name":"p","type":"base","fields":[{"name":"a","type":"text"},{"name":"updated","type":"autodate"}]}"#,
        ))
        .unwrap();
        let mut d = RecordDiff::new(&c, &c);
        assert!(d.by_updated());
        for (id, a, u) in [
            ("r1", "x", "t1"),
            ("r2", "x", "t1"),
            ("r3", "x", ""),
            ("r4", "x", "t1"),
            ("r5", "x", "t1"),
        ] {
            d.add_backup_record(&j(&[
                "{\"id\":\"",
                id,
                "\",\"a\":\"",
                a,
                "\",\"updated\":\"",
                u,
                "\"}",
            ]
            .concat()));
        }
        assert_eq!(
            d.live_request(1).path_and_query(),
            "/api/collections/p/records?page=1&perPage=1000&sort=id&fields=id%2Cupdated"
        );
        let page = j(
            r#"{"page":1,"totalPages":1,"totalItems":5,"items":[{"id":"r1","updated":"t1"},{"id":"r2","updated":"t2"},{"id":"r3","updated":""},{"id":"r4","updated":"t9"},{"id":"r9","updated":"t1"}]}"#,
        );
        assert_eq!(d.add_live_page(&page), None);
        // An empty `updated` proves nothing: compared by values.
        assert_eq!(d.pending_ids(), ["r2", "r3", "r4"]);
        assert_eq!(d.fetch_requests().len(), 1);
        d.add_fetched_page(&j(
            r#"{"items":[{"id":"r2","a":"x","updated":"t2"},{"id":"r3","a":"y"},{"id":"r4","a":"x"}]}"#,
        ));
        assert_eq!(d.changed_ids(), ["r3"]);
        assert_eq!(d.only_in_backup_ids(), ["r5"]);
        assert_eq!(
            d.result_json("p", &SchemaDiff::default()).to_text(),
            r#"{"name":"p","status":"changed","fields":{"added":[],"removed":[],"changed":[]},"records":{"backup":5,"live":5,"onlyInBackup":1,"onlyLive":1,"changed":1},"ids":{"onlyInBackup":["r5"],"onlyLive":["r9"],"changed":["r3"]}}"#
        );
    }

    #[test]
    fn schema_differences() {
        let b = Collection::from_api(&j(r#"{"name":"p","type":"base","fields":[{"name":"a","type":"text","max":5},{"name":"b","type":"number"},{"name":"c","type":"text","hidden":false},{"name":"gone","type":"bool"}]}"#)).unwrap();
        let l = Collection::from_api(&j(r#"{"name":"p","type":"base","fields":[{"name":"a","type":"text","max":5.0,"presentable":true},{"name":"b","type":"text"},{"name":"c","type":"text","hidden":true},{"name":"new","type":"bool"}]}"#)).unwrap();
        let s = schema_diff(&b, &l);
        assert_eq!(
            s.to_json().to_text(),
            r#"{"added":["new"],"removed":["gone"],"changed":["b","c"]}"#
        );
        assert!(!s.is_empty() && schema_diff(&b, &b).is_empty());
        assert_eq!(compared_fields(&b, &l), ["a", "b", "c"]);
    }

    #[test]
    fn paging_always_ends() {
        assert_eq!(
            next_page(&j(r#"{"page":1,"totalPages":3,"items":[1]}"#), 1),
            Some(2)
        );
        assert_eq!(next_page(&j(r#"{"page":3,"totalPages":3,"items":[1]}"#), 3), None);
        // A server that keeps answering page 1 with items: the count goes on from the
        // pages asked for, and ends at totalPages.
        assert_eq!(next_page(&j(r#"{"page":1,"totalPages":2,"items":[1]}"#), 2), None);
        assert_eq!(next_page(&j(r#"{"page":1,"totalPages":9,"items":[]}"#), 1), None);
        assert_eq!(next_page(&j(r#"{"totalPages":-1,"items":[1]}"#), 1), None);
        assert_eq!(next_page(&Json::Null, 1), None);
    }

    #[test]
    fn list_requests() {
        assert_eq!(
            collections_request(2).path_and_query(),
            "/api/collections?page=2&perPage=1000"
        );
        assert_eq!(
            count_request("é/x").path_and_query(),
            "/api/collections/%C3%A9%2Fx/records?page=1&perPage=1&fields=id"
        );
        assert_eq!(total_items(&j(r#"{"totalItems":7}"#)), Some(7));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = Json> {
        let leaf = prop_oneof![
            Just(Json::Null),
            any::<bool>().prop_map(Json::Bool),
            any::<i32>().prop_map(|n| Json::Number(n.to_string())),
            "[a-z ]{0,6}".prop_map(Json::String),
        ];
        leaf.prop_recursive(3, 24, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Json::Array),
                prop::collection::btree_map("[a-e]{1,2}", inner, 0..5)
                    .prop_map(|m| Json::Object(m.into_iter().collect())),
            ]
        })
    }

    /// The same value written differently: members reversed, integers as `N.0` or `Ne0`.
    fn respell(v: &Json, how: u8) -> Json {
        match v {
            Json::Number(t) => match how % 3 {
                0 => Json::Number([t.as_str(), ".0"].concat()),
                1 => Json::Number([t.as_str(), "e0"].concat()),
                _ => Json::Number(t.clone()),
            },
            Json::Array(items) => {
                Json::Array(items.iter().map(|i| respell(i, how.wrapping_add(1))).collect())
            }
            Json::Object(m) => Json::Object(
                m.iter()
                    .rev()
                    .map(|(k, v)| (k.clone(), respell(v, how.wrapping_add(1))))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    proptest! {
        #[test]
        fn respelled_values_have_the_same_fingerprint(v in value(), how in any::<u8>()) {
            let fields = vec!["f".to_string()];
            let a = Json::Object(vec![("f".into(), v.clone())]);
            let b = Json::Object(vec![("f".into(), respell(&v, how))]);
            prop_assert!(same_value(&v, &respell(&v, how)));
            prop_assert_eq!(fingerprint(&a, &fields), fingerprint(&b, &fields));
        }

        #[test]
        fn different_values_differ(a in value(), b in value()) {
            let fields = vec!["f".to_string()];
            let x = Json::Object(vec![("f".into(), a.clone())]);
            let y = Json::Object(vec![("f".into(), b.clone())]);
            // Generated objects have unique, sorted names and integers written once, so
            // equal texts are exactly the equal values.
            prop_assert_eq!(fingerprint(&x, &fields) == fingerprint(&y, &fields), a.to_text() == b.to_text());
        }

        #[test]
        fn any_answer_is_taken_without_a_panic(answers in prop::collection::vec(value(), 1..6), ids in prop::collection::vec("[a-c]{1,2}", 0..6)) {
            let item = Json::parse(r#"{"name":"c","type":"base","fields":[{"name":"a","type":"text"},{"name":"updated","type":"autodate"}]}"#).unwrap();
            let c = Collection::from_api(&item).unwrap();
            let mut d = RecordDiff::new(&c, &c);
            for id in &ids {
                d.add_backup_record(&Json::Object(vec![("id".into(), Json::str(id)), ("updated".into(), Json::str("u"))]));
            }
            let mut wrapped = Vec::new();
            for a in &answers {
                // As an answer, and as the items of one, with ids the backup may have.
                wrapped.push(a.clone());
                let items = ids.iter().map(|id| Json::Object(vec![("id".into(), Json::str(id)), ("a".into(), a.clone())])).collect();
                wrapped.push(Json::Object(vec![("items".into(), Json::Array(items)), ("totalPages".into(), a.clone())]));
            }
            for a in &wrapped {
                let _ = d.add_live_page(a);
                d.add_fetched_page(a);
                let _ = Collection::from_api(a);
                let _ = next_page(a, 1);
            }
            let _ = d.fetch_requests();
            let out = d.result_json("c", &schema_diff(&c, &c));
            prop_assert!(Json::parse(&out.to_text()).is_some());
        }

        #[test]
        fn id_requests_keep_every_id_once_and_encode_them(ids in prop::collection::vec("[a-z0-9\"\\\\ %&=?#/é]{1,20}", 0..300), coll in "[a-z_ /?]{1,10}") {
            let reqs = id_requests(&coll, &ids, Some("id"));
            let mut back = Vec::new();
            for r in &reqs {
                let q = r.path_and_query();
                prop_assert!(q.len() <= MAX_URL_BYTES);
                prop_assert!(q.is_ascii());
                prop_assert_eq!(q.matches('?').count(), 1);
                prop_assert!(!r.path[17..].trim_end_matches("/records").contains('/'));
                let filter = &r.query.iter().find(|(k, _)| k == "filter").unwrap().1;
                // Each term is id="…" with inner quotes escaped.
                let mut rest = filter.as_str();
                while !rest.is_empty() {
                    prop_assert!(rest.starts_with("id=\""));
                    let body = &rest[4..];
                    let mut end = None;
                    let mut prev = ' ';
                    for (i, c) in body.char_indices() {
                        if c == '"' && prev != '\\' { end = Some(i); break; }
                        prev = c;
                    }
                    let end = end.unwrap();
                    back.push(body[..end].replace("\\\"", "\""));
                    rest = &body[end + 1..];
                    rest = rest.strip_prefix("||").unwrap_or(rest);
                }
            }
            let expressible: Vec<String> = ids.into_iter().filter(|i| !i.ends_with('\\')).collect();
            prop_assert_eq!(back, expressible);
        }
    }
}
