//! The explorer's results as Rust types, read from the JSON its calls end with
//! ([`crate::calls::explore::Ask::Done`], [`crate::calls::explore::Explorer::collections`]):
//! the one place the Rust API learns their shape. The npm package passes the same JSON
//! on as is.

use std::collections::BTreeMap;

use crate::core::json::Json;
use crate::core::models::FromJson;

/// A collection's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CollectionKind {
    Base,
    Auth,
    View,
    /// A type this SDK does not know (a newer server's), as written.
    Other(String),
}

impl CollectionKind {
    fn from_name(name: &str) -> CollectionKind {
        match name {
            "base" => CollectionKind::Base,
            "auth" => CollectionKind::Auth,
            "view" => CollectionKind::View,
            other => CollectionKind::Other(other.to_string()),
        }
    }
}

/// A field of a collection in the backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExploredField {
    pub name: String,
    /// Its type as the server names it: `text`, `number`, `file`, `relation`…
    pub kind: String,
}

/// A collection of the backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExploredCollection {
    pub name: String,
    pub kind: CollectionKind,
    /// A collection of the server's own (`_superusers`, `_mfas`…).
    pub system: bool,
    pub fields: Vec<ExploredField>,
    /// How many records the backup holds; `None` for a view (it stores none).
    pub records: Option<u64>,
}

/// A page of a collection's records in the backup, in the records API's list shape.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordsPage {
    pub page: u64,
    pub per_page: u64,
    pub total_items: u64,
    pub total_pages: u64,
    /// The records as the records API returns them (a superuser's view: hidden fields
    /// included).
    pub items: Vec<Json>,
}

/// How a collection of the backup compares with the live one of the same name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompareStatus {
    /// Same fields, same records.
    Same,
    /// Fields or records differ.
    Changed,
    /// The live server has no collection of this name.
    OnlyInBackup,
    /// Only the live server has it.
    OnlyLive,
}

/// Field names that differ between the backup's collection and the live one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldChanges {
    /// Fields live has and the backup does not.
    pub added: Vec<String>,
    /// Fields the backup has and live does not.
    pub removed: Vec<String>,
    /// Fields of both whose type, hidden flag or options differ.
    pub changed: Vec<String>,
}

/// Record counts of a compared collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordCounts {
    pub backup: u64,
    pub live: u64,
    /// Records (by id) the backup has and live does not: what `recover` can bring back.
    pub only_in_backup: u64,
    pub only_live: u64,
    /// Records of both whose compared values differ.
    pub changed: u64,
}

/// The ids behind [`RecordCounts`], for a collection both sides have.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecordIds {
    pub only_in_backup: Vec<String>,
    pub only_live: Vec<String>,
    pub changed: Vec<String>,
}

/// One collection of a [`Comparison`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionComparison {
    pub name: String,
    pub status: CompareStatus,
    pub fields: FieldChanges,
    /// `None` when either side is a view.
    pub records: Option<RecordCounts>,
    /// The ids, for collections both sides have and neither is a view.
    pub ids: Option<RecordIds>,
}

/// The backup compared with the live server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub collections: Vec<CollectionComparison>,
}

impl Comparison {
    /// The entry of the collection named `name`.
    pub fn collection(&self, name: &str) -> Option<&CollectionComparison> {
        self.collections.iter().find(|c| c.name == name)
    }
}

/// A record `recover` could not bring back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryFailure {
    pub id: String,
    /// Why: the server's message, or what the explorer met itself.
    pub error: String,
}

/// What `recover` did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecoveryReport {
    /// Ids created anew.
    pub created: Vec<String>,
    /// Ids that existed and were replaced (`overwrite`).
    pub updated: Vec<String>,
    pub failed: Vec<RecoveryFailure>,
    /// The files the server stored under new names: record id → (backup's name → new
    /// name).
    pub files: BTreeMap<String, BTreeMap<String, String>>,
    /// What the caller should know (autodate fields set anew, new passwords…).
    pub notes: Vec<String>,
}

fn string(v: &Json, name: &str) -> Option<String> {
    v.get(name)?.as_str().map(str::to_string)
}

fn strings(v: &Json) -> Option<Vec<String>> {
    v.as_array()?
        .iter()
        .map(|s| s.as_str().map(str::to_string))
        .collect()
}

fn strings_of(v: &Json, name: &str) -> Option<Vec<String>> {
    strings(v.get(name)?)
}

fn uint(v: &Json, name: &str) -> Option<u64> {
    v.get(name)?.as_u64()
}

/// `None` for a missing or `null` member, else what `read` makes of it (which must
/// succeed).
fn nullable<T>(v: &Json, name: &str, read: impl FnOnce(&Json) -> Option<T>) -> Option<Option<T>> {
    match v.get(name) {
        None | Some(Json::Null) => Some(None),
        Some(x) => read(x).map(Some),
    }
}

impl FromJson for ExploredField {
    fn from_json(v: &Json) -> Option<Self> {
        Some(ExploredField {
            name: string(v, "name")?,
            kind: string(v, "type")?,
        })
    }
}

impl FromJson for ExploredCollection {
    fn from_json(v: &Json) -> Option<Self> {
        Some(ExploredCollection {
            name: string(v, "name")?,
            kind: CollectionKind::from_name(v.get("type")?.as_str()?),
            system: v.get("system")?.as_bool()?,
            fields: Vec::from_json(v.get("fields")?)?,
            records: nullable(v, "records", Json::as_u64)?,
        })
    }
}

impl FromJson for RecordsPage {
    fn from_json(v: &Json) -> Option<Self> {
        Some(RecordsPage {
            page: uint(v, "page")?,
            per_page: uint(v, "perPage")?,
            total_items: uint(v, "totalItems")?,
            total_pages: uint(v, "totalPages")?,
            items: v.get("items")?.as_array()?.to_vec(),
        })
    }
}

impl FromJson for CompareStatus {
    fn from_json(v: &Json) -> Option<Self> {
        match v.as_str()? {
            "same" => Some(CompareStatus::Same),
            "changed" => Some(CompareStatus::Changed),
            "onlyInBackup" => Some(CompareStatus::OnlyInBackup),
            "onlyLive" => Some(CompareStatus::OnlyLive),
            _ => None,
        }
    }
}

impl FromJson for FieldChanges {
    fn from_json(v: &Json) -> Option<Self> {
        Some(FieldChanges {
            added: strings_of(v, "added")?,
            removed: strings_of(v, "removed")?,
            changed: strings_of(v, "changed")?,
        })
    }
}

impl FromJson for RecordCounts {
    fn from_json(v: &Json) -> Option<Self> {
        Some(RecordCounts {
            backup: uint(v, "backup")?,
            live: uint(v, "live")?,
            only_in_backup: uint(v, "onlyInBackup")?,
            only_live: uint(v, "onlyLive")?,
            changed: uint(v, "changed")?,
        })
    }
}

impl FromJson for RecordIds {
    fn from_json(v: &Json) -> Option<Self> {
        Some(RecordIds {
            only_in_backup: strings_of(v, "onlyInBackup")?,
            only_live: strings_of(v, "onlyLive")?,
            changed: strings_of(v, "changed")?,
        })
    }
}

impl FromJson for CollectionComparison {
    fn from_json(v: &Json) -> Option<Self> {
        Some(CollectionComparison {
            name: string(v, "name")?,
            status: CompareStatus::from_json(v.get("status")?)?,
            fields: FieldChanges::from_json(v.get("fields")?)?,
            records: nullable(v, "records", RecordCounts::from_json)?,
            ids: nullable(v, "ids", RecordIds::from_json)?,
        })
    }
}

impl FromJson for Comparison {
    fn from_json(v: &Json) -> Option<Self> {
        Some(Comparison {
            collections: Vec::from_json(v.get("collections")?)?,
        })
    }
}

impl FromJson for RecoveryFailure {
    fn from_json(v: &Json) -> Option<Self> {
        Some(RecoveryFailure {
            id: string(v, "id")?,
            error: string(v, "error")?,
        })
    }
}

impl FromJson for RecoveryReport {
    fn from_json(v: &Json) -> Option<Self> {
        let Json::Object(records) = v.get("files")? else {
            return None;
        };
        let files = records
            .iter()
            .map(|(id, renames)| {
                let Json::Object(pairs) = renames else {
                    return None;
                };
                let pairs = pairs
                    .iter()
                    .map(|(old, new)| Some((old.clone(), new.as_str()?.to_string())))
                    .collect::<Option<BTreeMap<_, _>>>()?;
                Some((id.clone(), pairs))
            })
            .collect::<Option<BTreeMap<_, _>>>()?;
        Some(RecoveryReport {
            created: strings_of(v, "created")?,
            updated: strings_of(v, "updated")?,
            failed: Vec::from_json(v.get("failed")?)?,
            files,
            notes: strings_of(v, "notes")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::explore::collections::Collection;
    use crate::core::explore::diff::{self, SchemaDiff};

    fn j(text: &str) -> Json {
        Json::parse(text).unwrap()
    }

    #[test]
    fn collections_read_from_the_summaries_the_explorer_writes() {
        let posts = Collection::from_api(&j(
            r#"{"id":"pbc_1","name":"posts","type":"base","system":false,
               "fields":[{"name":"id","type":"text"},{"name":"title","type":"text"},{"name":"cover","type":"file"}]}"#,
        ))
        .unwrap();
        let view = Collection::from_api(&j(
            r#"{"id":"pbc_2","name":"stats","type":"view","system":false,"fields":[{"name":"n","type":"number"}]}"#,
        ))
        .unwrap();
        let users = Collection::from_api(&j(
            r#"{"id":"_pb_users_auth_","name":"users","type":"auth","system":true,"fields":[]}"#,
        ))
        .unwrap();
        let summaries = crate::core::explore::collections::summaries_json(
            &[posts, view, users],
            &[Some(3), Some(9), None],
        );
        let read = Vec::<ExploredCollection>::from_json(&summaries).unwrap();
        assert_eq!(
            read,
            vec![
                ExploredCollection {
                    name: "posts".into(),
                    kind: CollectionKind::Base,
                    system: false,
                    fields: ["id", "title", "cover"]
                        .iter()
                        .zip(["text", "text", "file"])
                        .map(|(n, k)| ExploredField {
                            name: n.to_string(),
                            kind: k.to_string(),
                        })
                        .collect(),
                    records: Some(3),
                },
                ExploredCollection {
                    name: "stats".into(),
                    kind: CollectionKind::View,
                    system: false,
                    fields: vec![ExploredField {
                        name: "n".into(),
                        kind: "number".into()
                    }],
                    records: None,
                },
                ExploredCollection {
                    name: "users".into(),
                    kind: CollectionKind::Auth,
                    system: true,
                    fields: vec![],
                    records: None,
                },
            ]
        );
        assert_eq!(
            ExploredCollection::from_json(&j(
                r#"{"name":"x","type":"graph","system":false,"fields":[],"records":0}"#
            ))
            .map(|c| (c.kind, c.records)),
            Some((CollectionKind::Other("graph".into()), Some(0)))
        );
        assert_eq!(
            ExploredCollection::from_json(&j(r#"{"name":"x","type":"base","system":0,"fields":[]}"#)),
            None
        );
    }

    #[test]
    fn a_records_page() {
        let page = RecordsPage::from_json(&j(
            r#"{"page":2,"perPage":1,"totalItems":3,"totalPages":3,"items":[{"id":"b","n":1.5}]}"#,
        ))
        .unwrap();
        assert_eq!(
            (page.page, page.per_page, page.total_items, page.total_pages),
            (2, 1, 3, 3)
        );
        assert_eq!(page.items, vec![j(r#"{"id":"b","n":1.5}"#)]);
        assert_eq!(
            RecordsPage::from_json(&j(r#"{"page":1,"perPage":1,"totalItems":0,"totalPages":0}"#)),
            None
        );
    }

    #[test]
    fn a_comparison_read_from_the_entries_the_explorer_writes() {
        let backup = Collection::from_api(&j(
            r#"{"id":"pbc_1","name":"gone","type":"base","system":false,"fields":[{"name":"a","type":"text"}]}"#,
        ))
        .unwrap();
        let live = Collection::from_api(&j(
            r#"{"id":"pbc_2","name":"new","type":"base","system":false,"fields":[{"name":"b","type":"bool"}]}"#,
        ))
        .unwrap();
        let mut pair = j(r#"{"name":"posts","status":"changed",
            "fields":{"added":["x"],"removed":[],"changed":["y"]},
            "records":{"backup":3,"live":2,"onlyInBackup":1,"onlyLive":0,"changed":1},
            "ids":{"onlyInBackup":["a"],"onlyLive":[],"changed":["c"]}}"#);
        let text = diff::compare_json(vec![
            diff::only_in_backup_json(&backup, 4),
            diff::only_live_json(&live, 7),
            std::mem::take(&mut pair),
        ]);
        let c = Comparison::from_json(&text).unwrap();
        assert_eq!(
            c.collection("gone"),
            Some(&CollectionComparison {
                name: "gone".into(),
                status: CompareStatus::OnlyInBackup,
                fields: FieldChanges {
                    removed: vec!["a".into()],
                    ..FieldChanges::default()
                },
                records: Some(RecordCounts {
                    backup: 4,
                    live: 0,
                    only_in_backup: 4,
                    only_live: 0,
                    changed: 0
                }),
                ids: None,
            })
        );
        assert_eq!(
            c.collection("new")
                .map(|e| (&e.status, e.records.as_ref().map(|r| r.only_live))),
            Some((&CompareStatus::OnlyLive, Some(7)))
        );
        let posts = c.collection("posts").unwrap();
        assert_eq!(
            posts.ids,
            Some(RecordIds {
                only_in_backup: vec!["a".into()],
                only_live: vec![],
                changed: vec!["c".into()],
            })
        );
        assert_eq!(posts.fields.added, vec!["x".to_string()]);
        assert_eq!(posts.fields.changed, vec!["y".to_string()]);
        let schema = SchemaDiff::default().to_json();
        assert_eq!(FieldChanges::from_json(&schema), Some(FieldChanges::default()));
        assert_eq!(CompareStatus::from_json(&j(r#""odd""#)), None);
    }

    #[test]
    fn a_recovery_report() {
        let r = RecoveryReport::from_json(&j(r#"{"created":["a"],"updated":["b"],
            "failed":[{"id":"c","error":"Failed to create record."}],
            "files":{"a":{"x_1.png":"x_2.png"}},"notes":["n"]}"#))
        .unwrap();
        assert_eq!(r.created, vec!["a".to_string()]);
        assert_eq!(r.updated, vec!["b".to_string()]);
        assert_eq!(
            r.failed,
            vec![RecoveryFailure {
                id: "c".into(),
                error: "Failed to create record.".into()
            }]
        );
        assert_eq!(r.files["a"]["x_1.png"], "x_2.png");
        assert_eq!(r.notes, vec!["n".to_string()]);
        assert_eq!(
            RecoveryReport::from_json(&j(
                r#"{"created":[],"updated":[],"failed":[],"files":[],"notes":[]}"#
            )),
            None
        );
    }
}
