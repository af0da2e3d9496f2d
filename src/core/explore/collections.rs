//! Collections and their fields, read from a backup's `_collections` rows or from the
//! live server's `GET /api/collections` items (both hold the same `fields` JSON).

use super::column;
use crate::core::json::Json;
use crate::core::sqlite::Value;

/// A field of a collection.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub id: String,
    pub name: String,
    /// The field's `type`: `text`, `number`, `bool`, `email`, `url`, `editor`, `date`,
    /// `autodate`, `select`, `file`, `relation`, `json`, `geoPoint`, `password`, or one
    /// this SDK does not know.
    pub kind: String,
    pub hidden: bool,
    pub system: bool,
    /// The field's JSON object without `id`, `name`, `type`, `hidden`, `system` and
    /// `presentable` (a dashboard display flag): `required`, `maxSelect`, `values`, ….
    pub options: Json,
}

/// Members of a field's JSON that are not its options.
const NOT_OPTIONS: [&str; 6] = ["id", "name", "type", "hidden", "system", "presentable"];

impl Field {
    /// A field from its JSON object (`None` without a string `name`).
    pub fn from_json(v: &Json) -> Option<Field> {
        let Json::Object(members) = v else { return None };
        let text = |k: &str| v.get(k).and_then(Json::as_str).unwrap_or("").to_string();
        let flag = |k: &str| v.get(k).and_then(Json::as_bool).unwrap_or(false);
        let name = v.get("name")?.as_str()?.to_string();
        let options = members
            .iter()
            .filter(|(k, _)| !NOT_OPTIONS.contains(&k.as_str()))
            .cloned()
            .collect();
        Some(Field {
            id: text("id"),
            name,
            kind: text("type"),
            hidden: flag("hidden"),
            system: flag("system"),
            options: Json::Object(options),
        })
    }

    /// `maxSelect` of a select, relation or file field (1 when absent or unreadable).
    pub fn max_select(&self) -> u64 {
        self.options.get("maxSelect").and_then(Json::as_u64).unwrap_or(1)
    }

    /// True for a select, relation or file field that holds a list (`maxSelect` > 1).
    pub fn is_multiple(&self) -> bool {
        matches!(self.kind.as_str(), "select" | "relation" | "file") && self.max_select() > 1
    }
}

/// A collection and its fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Collection {
    pub id: String,
    pub name: String,
    /// The collection's `type`: `base`, `auth` or `view`.
    pub kind: String,
    pub system: bool,
    pub fields: Vec<Field>,
}

/// Why a collection could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CollectionError {
    /// The row or item has no `name` text.
    NoName,
    /// The `fields` column or member is not a JSON array of field objects.
    BadFields,
}

impl CollectionError {
    /// A sentence for the user.
    pub fn message(&self) -> &'static str {
        match self {
            CollectionError::NoName => "A collection of the backup has no name.",
            CollectionError::BadFields => "A collection's fields are not readable JSON.",
        }
    }
}

impl Collection {
    /// A collection from a row of the backup's `_collections` table.
    pub fn from_row<S: AsRef<str>>(columns: &[S], values: &[Value]) -> Result<Collection, CollectionError> {
        let text = |name: &str| match column(columns, values, name) {
            Some(Value::Text(s)) => Some(s.as_str()),
            _ => None,
        };
        let name = text("name")
            .filter(|n| !n.is_empty())
            .ok_or(CollectionError::NoName)?;
        let system = match column(columns, values, "system") {
            Some(Value::Integer(n)) => *n != 0,
            Some(Value::Real(n)) => *n != 0.0,
            Some(Value::Text(s)) => matches!(s.as_str(), "1" | "true" | "TRUE"),
            _ => false,
        };
        let fields = text("fields")
            .and_then(Json::parse)
            .and_then(|f| fields_from_json(&f))
            .ok_or(CollectionError::BadFields)?;
        Ok(Collection {
            id: text("id").unwrap_or("").to_string(),
            name: name.to_string(),
            kind: text("type").unwrap_or("base").to_string(),
            system,
            fields,
        })
    }

    /// A collection from an item of the live server's `GET /api/collections`.
    pub fn from_api(item: &Json) -> Result<Collection, CollectionError> {
        let name = item
            .get("name")
            .and_then(Json::as_str)
            .filter(|n| !n.is_empty())
            .ok_or(CollectionError::NoName)?;
        let fields = item
            .get("fields")
            .and_then(fields_from_json)
            .ok_or(CollectionError::BadFields)?;
        Ok(Collection {
            id: item.get("id").and_then(Json::as_str).unwrap_or("").to_string(),
            name: name.to_string(),
            kind: item
                .get("type")
                .and_then(Json::as_str)
                .unwrap_or("base")
                .to_string(),
            system: item.get("system").and_then(Json::as_bool).unwrap_or(false),
            fields,
        })
    }

    /// The field named `name`.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    pub fn is_view(&self) -> bool {
        self.kind == "view"
    }

    pub fn is_auth(&self) -> bool {
        self.kind == "auth"
    }

    /// True when the collection has an autodate field named `updated`: then a record
    /// whose `updated` is unchanged is taken as unchanged.
    pub fn has_updated(&self) -> bool {
        self.field("updated").is_some_and(|f| f.kind == "autodate")
    }

    /// The collection as `x.collections` lists it: `{name, type, system, fields:
    /// [{name, type}], records}`; `records` is `null` for a view (it stores no rows) and
    /// when the caller has no count.
    pub fn summary_json(&self, records: Option<u64>) -> Json {
        let fields = self
            .fields
            .iter()
            .map(|f| Json::object([("name", Json::str(&f.name)), ("type", Json::str(&f.kind))]))
            .collect();
        let records = match records {
            Some(n) if !self.is_view() => Json::uint(n),
            _ => Json::Null,
        };
        Json::object([
            ("name", Json::str(&self.name)),
            ("type", Json::str(&self.kind)),
            ("system", Json::Bool(self.system)),
            ("fields", Json::Array(fields)),
            ("records", records),
        ])
    }
}

fn fields_from_json(v: &Json) -> Option<Vec<Field>> {
    v.as_array()?.iter().map(Field::from_json).collect()
}

/// The collections of a backup's `_collections` rows, or the first row's error.
pub fn from_rows<S: AsRef<str>>(
    columns: &[S],
    rows: &[Vec<Value>],
) -> Result<Vec<Collection>, CollectionError> {
    rows.iter().map(|r| Collection::from_row(columns, r)).collect()
}

/// `x.collections`: each collection with its record count (`counts[i]` for
/// `collections[i]`; a missing count reads as `null`).
pub fn summaries_json(collections: &[Collection], counts: &[Option<u64>]) -> Json {
    Json::Array(
        collections
            .iter()
            .enumerate()
            .map(|(i, c)| c.summary_json(counts.get(i).copied().flatten()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    fn row(r: (&str, i64, &str, &str, &str)) -> Vec<Value> {
        vec![
            Value::Text(r.0.into()),
            Value::Integer(r.1),
            Value::Text(r.2.into()),
            Value::Text(r.3.into()),
            Value::Text(r.4.into()),
        ]
    }

    const COLUMNS: [&str; 5] = ["id", "system", "type", "name", "fields"];

    #[test]
    fn a_backup_row_and_the_api_item_read_the_same() {
        let from_row = Collection::from_row(&COLUMNS, &row(ALLF_ROW)).unwrap();
        let from_api = Collection::from_api(&Json::parse(ALLF_COLLECTION_API).unwrap()).unwrap();
        assert_eq!(from_row, from_api);
        assert_eq!(
            (
                from_row.id.as_str(),
                from_row.name.as_str(),
                from_row.kind.as_str(),
                from_row.system
            ),
            ("pbc_2844260936", "allf", "base", false)
        );
        let kinds: Vec<&str> = from_row.fields.iter().map(|f| f.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "text", "text", "editor", "number", "bool", "email", "url", "date", "select", "select",
                "relation", "relation", "file", "file", "json", "geoPoint", "password", "text", "autodate",
                "autodate"
            ]
        );
        let fm = from_row.field("fm").unwrap();
        assert!(fm.is_multiple() && !from_row.field("f1").unwrap().is_multiple());
        assert!(from_row.field("ht").unwrap().hidden && from_row.field("id").unwrap().system);
        assert_eq!(
            fm.options.to_text(),
            r#"{"help":"","maxSelect":5,"maxSize":1000000,"mimeTypes":[],"protected":false,"required":false,"thumbs":[],"type":"file"}"#
                .replace(r#","type":"file""#, "")
        );
        assert!(from_row.has_updated());
    }

    #[test]
    fn auth_and_view_collections() {
        let members = Collection::from_row(&COLUMNS, &row(MEMBERS_ROW)).unwrap();
        assert!(members.is_auth() && !members.has_updated());
        let names: Vec<&str> = members.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "id",
                "name",
                "password",
                "tokenKey",
                "email",
                "emailVisibility",
                "verified"
            ]
        );
        assert!(members.field("password").unwrap().hidden && members.field("tokenKey").unwrap().hidden);
        let view = Collection::from_row(&COLUMNS, &row(V1_ROW)).unwrap();
        assert!(view.is_view());
        assert_eq!(
            summaries_json(&[view, members], &[Some(5), Some(2)]).to_text(),
            r#"[{"name":"v1","type":"view","system":false,"fields":[{"name":"id","type":"text"},{"name":"t","type":"text"}],"records":null},{"name":"members","type":"auth","system":false,"fields":[{"name":"id","type":"text"},{"name":"name","type":"text"},{"name":"password","type":"password"},{"name":"tokenKey","type":"text"},{"name":"email","type":"email"},{"name":"emailVisibility","type":"bool"},{"name":"verified","type":"bool"}],"records":2}]"#
        );
    }

    #[test]
    fn unreadable_rows_are_errors_not_panics() {
        let bad = |fields: Value, name: Value| {
            Collection::from_row(
                &COLUMNS,
                &[
                    Value::Text("x".into()),
                    Value::Integer(1),
                    Value::Null,
                    name,
                    fields,
                ],
            )
        };
        assert_eq!(
            bad(Value::Text("[]".into()), Value::Null),
            Err(CollectionError::NoName)
        );
        assert_eq!(
            bad(Value::Text("{".into()), Value::Text("a".into())),
            Err(CollectionError::BadFields)
        );
        assert_eq!(
            bad(Value::Text("[1]".into()), Value::Text("a".into())),
            Err(CollectionError::BadFields)
        );
        assert_eq!(
            bad(Value::Blob(vec![]), Value::Text("a".into())),
            Err(CollectionError::BadFields)
        );
        let ok = bad(Value::Text(r#"[{"name":"f"}]"#.into()), Value::Text("a".into())).unwrap();
        assert_eq!(
            (ok.kind.as_str(), ok.system, ok.fields[0].kind.as_str()),
            ("base", true, "")
        );
        assert!(Collection::from_row(&["name"], &[]).is_err());
        assert_eq!(Collection::from_api(&Json::Null), Err(CollectionError::NoName));
        assert_eq!(
            from_rows(&COLUMNS, &[row(ALLF_ROW), vec![]]).unwrap_err(),
            CollectionError::NoName
        );
    }
}
