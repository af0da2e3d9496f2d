//! A backup row as the records API returns it to a superuser.
//!
//! Measured on PocketBase 0.40.6 (2026-12-07): each value created through the records
//! API, how the backup's `data.db` stores it (`typeof()`), and what the records API gives
//! a superuser. Column types: text/editor/email/url/date/autodate/select (single)/
//! relation (single)/file (single)/password `TEXT DEFAULT '' NOT NULL`; number `NUMERIC
//! DEFAULT 0`; bool `BOOLEAN DEFAULT FALSE`; json `JSON DEFAULT NULL`; multiple
//! select/relation/file `JSON DEFAULT '[]'`; geoPoint `JSON DEFAULT '{"lon":0,"lat":0}'`.
//! `JSON` and `BOOLEAN` columns have NUMERIC affinity, so numeric JSON is stored as a
//! number.
//!
//! | field (sent) | stored | API answer |
//! |---|---|---|
//! | text `"hello"`, empty | text `hello`, `''` | `"hello"`, `""` |
//! | editor, email, url | text | string |
//! | date `"2024-01-02"` | text `2024-01-02 00:00:00.000Z` | the same string |
//! | date empty | text `''` | `""` |
//! | autodate | text `2026-12-07 02:32:07.516Z` | the same string |
//! | number `1`, `-0`, empty | integer `1`, `0`, `0` | `1`, `0`, `0` |
//! | number `0.1`, `2.5`, `1.5e-7`, `1e21` | real | `0.1`, `2.5`, `1.5e-7`, `1e+21` |
//! | number `9007199254740993` | integer `9007199254740992` | `9007199254740992` |
//! | number `-12345678901` | integer | `-12345678901` |
//! | bool `true` / empty | integer `1` / `0` | `true` / `false` |
//! | json object / array / `"str"` / `true` / `{}` | text (compact JSON) | the JSON |
//! | json `0.1`, `1.2345678901234568e29` | real | `0.1`, `1.2345678901234568e+29` |
//! | json `null` or empty | NULL | `null` |
//! | select single `"b"`, empty | text `b`, `''` | `"b"`, `""` |
//! | select multiple `["c","a"]`, empty | text `["c","a"]`, `[]` | `["c","a"]`, `[]` |
//! | relation single / multiple | as select | as select |
//! | file single | text `hello_world_r2ixyt6q7z.txt` | the same string |
//! | file multiple | text `["a…_….txt","b…_….png"]` | the array |
//! | geoPoint `{lon:12.5,lat:-45.25}`, empty | text `{"lon":12.5,"lat":-45.25}`, `{"lon":0,"lat":0}` | `{"lon":12.5,"lat":-45.25}`, `{"lon":0,"lat":0}` |
//! | password (base collection) | text bcrypt hash `$2a$10$…`, or `''` | `""` always |
//! | hidden text field | text | the value (superusers get hidden fields) |
//! | auth `password`, `tokenKey` | text hash / 50 chars | never, not even with `fields=` |
//! | auth `email` with `emailVisibility` false | text | the email (superuser) |
//! | auth `emailVisibility`, `verified` | integer `0`/`1` | `false`/`true` |
//!
//! Changing a select from `maxSelect` 3 to 1 rewrites the stored `["c","a"]` as `a` (the
//! last item) and the column as `TEXT`; from 1 to 2, `b` becomes `["b"]` in a `JSON` column.
//! A stored list in a single-value field (or a single value in a multiple one) is read the
//! same way here.
//!
//! A superuser's answer holds `collectionId`, `collectionName`, `id` and every field
//! but those; its members come sorted by name (the order does not matter here).

use super::collections::{Collection, Field};
use crate::core::json::Json;
use crate::core::sqlite::Value;
use crate::core::text;

/// Which stored values a decoded record carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// What `GET /api/collections/{c}/records` gives a superuser: hidden fields too, a
    /// password field as `""`, an auth collection's `password` and `tokenKey` never.
    Api,
    /// Every value a create request may carry: hidden fields too; no password field
    /// (its hash cannot be set through the API) and no auth `tokenKey` (the server makes
    /// a new one).
    Recover,
}

/// Decodes rows of one collection whose column names are known once: the column of each
/// field is looked up once, not per row.
#[derive(Debug, Clone)]
pub struct Decoder<'c> {
    collection: &'c Collection,
    /// For each field the record carries: the field and its column (`None`: the row has
    /// no such column, and the field's empty value is given).
    slots: Vec<(&'c Field, Option<usize>)>,
    id: Option<usize>,
}

impl<'c> Decoder<'c> {
    /// A decoder of `collection`'s rows whose columns are `columns`.
    pub fn new<S: AsRef<str>>(collection: &'c Collection, columns: &[S], shape: Shape) -> Decoder<'c> {
        let index = |name: &str| columns.iter().position(|c| c.as_ref() == name);
        let slots = collection
            .fields
            .iter()
            .filter(|f| f.name != "id")
            .filter(|f| !(collection.is_auth() && matches!(f.name.as_str(), "password" | "tokenKey")))
            .filter(|f| shape == Shape::Api || f.kind != "password")
            .map(|f| (f, index(&f.name)))
            .collect();
        Decoder {
            collection,
            slots,
            id: index("id"),
        }
    }

    /// The row's `id` (empty when it has none readable).
    pub fn id(&self, values: &[Value]) -> String {
        match self.id.and_then(|i| values.get(i)) {
            Some(v) => string_of(v),
            None => String::new(),
        }
    }

    /// The record's JSON: `collectionId`, `collectionName`, `id` and each field's value.
    pub fn record(&self, values: &[Value]) -> Json {
        let mut members = Vec::with_capacity(self.slots.len() + 3);
        members.push(("collectionId".to_string(), Json::str(&self.collection.id)));
        members.push(("collectionName".to_string(), Json::str(&self.collection.name)));
        members.push(("id".to_string(), Json::String(self.id(values))));
        for (field, col) in &self.slots {
            let v = col.and_then(|i| values.get(i));
            members.push((field.name.clone(), field_value(field, v)));
        }
        Json::Object(members)
    }
}

/// One stored value as the records API gives it for `field` (`None`: no stored value,
/// the field's empty value). Never fails: a value of an unexpected storage class is
/// converted as the server's loader converts it.
pub fn field_value(field: &Field, value: Option<&Value>) -> Json {
    let value = value.unwrap_or(&Value::Null);
    match field.kind.as_str() {
        "number" => Json::Number(number_text(number_of(value))),
        // The API never shows a password hash, not even to a superuser.
        "password" => Json::str(""),
        "bool" => Json::Bool(bool_of(value)),
        "json" => json_of(value),
        "geoPoint" => geo_point_of(value),
        "select" | "relation" | "file" => {
            let list = string_list(value);
            if field.is_multiple() {
                Json::Array(list.into_iter().map(Json::String).collect())
            } else {
                // A list stored in a single-value field reads as its last item.
                Json::String(list.into_iter().next_back().unwrap_or_default())
            }
        }
        _ => Json::String(string_of(value)),
    }
}

/// A value as text: integers in decimal, reals as a number's JSON text, blobs as UTF-8.
fn string_of(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Integer(n) => int_text(*n),
        Value::Real(f) => number_text(*f),
        Value::Text(s) => s.clone(),
        Value::Blob(b) => String::from_utf8_lossy(b).into_owned(),
    }
}

fn int_text(n: i64) -> String {
    let digits = text::uint(n.unsigned_abs());
    if n < 0 {
        ["-", &digits].concat()
    } else {
        digits
    }
}

/// A number field's value: text is parsed (0 when it is not a number).
fn number_of(value: &Value) -> f64 {
    match value {
        Value::Integer(n) => *n as f64,
        Value::Real(f) => *f,
        Value::Text(s) => s.trim().parse::<f64>().unwrap_or(0.0),
        Value::Blob(b) => std::str::from_utf8(b)
            .ok()
            .and_then(|s| s.trim().parse::<f64>().ok())
            .unwrap_or(0.0),
        Value::Null => 0.0,
    }
}

fn bool_of(value: &Value) -> bool {
    match value {
        Value::Integer(n) => *n != 0,
        Value::Real(f) => *f != 0.0,
        Value::Text(s) => matches!(s.as_str(), "1" | "t" | "T" | "true" | "TRUE" | "True"),
        Value::Blob(_) | Value::Null => false,
    }
}

fn json_of(value: &Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Integer(n) => Json::Number(int_text(*n)),
        Value::Real(f) => Json::Number(number_text(*f)),
        Value::Text(s) => Json::parse(s).unwrap_or_else(|| Json::str(s)),
        Value::Blob(b) => {
            let s = String::from_utf8_lossy(b);
            Json::parse(&s).unwrap_or_else(|| Json::String(s.into_owned()))
        }
    }
}

fn geo_point_of(value: &Value) -> Json {
    let stored = match value {
        Value::Text(s) => Json::parse(s),
        Value::Blob(b) => Json::parse(&String::from_utf8_lossy(b)),
        _ => None,
    };
    let coord = |name: &str| {
        let n = match stored.as_ref().and_then(|v| v.get(name)) {
            Some(Json::Number(t)) => t.parse::<f64>().unwrap_or(0.0),
            _ => 0.0,
        };
        Json::Number(number_text(n))
    };
    Json::object([("lon", coord("lon")), ("lat", coord("lat"))])
}

/// A select, relation or file value as a list: a JSON array of strings, or one
/// non-empty text as a list of one; empty and repeated items dropped.
fn string_list(value: &Value) -> Vec<String> {
    let raw = string_of(value);
    let items: Vec<String> = if raw.is_empty() {
        Vec::new()
    } else if raw.contains('[') {
        match Json::parse(&raw) {
            Some(Json::Array(items)) => items
                .iter()
                .map(|i| match i {
                    Json::String(s) => s.clone(),
                    Json::Number(n) => n.clone(),
                    other => other.to_text(),
                })
                .collect(),
            _ => vec![raw],
        }
    } else {
        vec![raw]
    };
    let mut seen = std::collections::BTreeSet::new();
    items
        .into_iter()
        .filter(|item| !item.is_empty() && seen.insert(item.clone()))
        .collect()
}

/// The JSON text of a number as the server (Go's `encoding/json`) writes it: integers in
/// plain digits, fractions in the shortest text that reads back the same, an exponent
/// from 1e21 up and below 1e-6, signed (`1e+21`, `1.5e-7`), as JavaScript writes them
/// too. A value JSON cannot hold (NaN, infinity) is written as 0.
pub fn number_text(f: f64) -> String {
    if !f.is_finite() {
        return "0".into();
    }
    // -0 is written "-0", as the server writes it.
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    let a = f.abs();
    if f.fract() == 0.0 && a < 9.0e15 {
        return int_text(f as i64);
    }
    if (1e-6..1e21).contains(&a) {
        // Float to text needs core::fmt's float printing (shortest round-trip digits);
        // there is no smaller correct way to get them.
        return std::format!("{f}");
    }
    let e = std::format!("{f:e}");
    let Some((mantissa, exp)) = e.split_once('e') else {
        return e;
    };
    let sign = if exp.starts_with('-') { "" } else { "+" };
    [mantissa, "e", sign, exp].concat()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<i64>().prop_map(Value::Integer),
            any::<f64>().prop_map(Value::Real),
            ".{0,12}".prop_map(Value::Text),
            "[\\[\\]{}\",:0-9a-z.e\\-]{0,16}".prop_map(Value::Text),
            prop::collection::vec(any::<u8>(), 0..16).prop_map(Value::Blob),
        ]
    }

    const KINDS: [&str; 16] = [
        "text", "editor", "number", "bool", "email", "url", "date", "autodate", "select", "relation", "file",
        "json", "geoPoint", "password", "unknown", "",
    ];

    proptest! {
        #[test]
        fn any_value_of_any_field_decodes_to_valid_json(kind in 0usize..16, max in 0u64..4, v in value()) {
            let field = Field::from_json(&Json::Object(vec![
                ("name".into(), Json::str("f")),
                ("type".into(), Json::str(KINDS[kind])),
                ("maxSelect".into(), Json::uint(max)),
            ])).unwrap();
            let out = field_value(&field, Some(&v));
            let text = out.to_text();
            prop_assert_eq!(Json::parse(&text), Some(out));
        }

        #[test]
        fn number_text_reads_back_as_the_same_number(f in any::<f64>()) {
            let t = number_text(f);
            let back: f64 = t.parse().unwrap();
            prop_assert!(Json::parse(&t).is_some(), "{}", t);
            if f.is_finite() {
                prop_assert_eq!(back, f);
            } else {
                prop_assert_eq!(t, "0");
            }
        }
    }
}

/// `records()`'s paging, as the records API pages: `page` from 1 (0 reads as 1),
/// `perPage` 1–1000 (0 reads as the API's default 30, more as 1000).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub page: u64,
    pub per_page: u64,
}

impl Page {
    /// The paging asked for, brought into the API's bounds.
    pub fn new(page: u64, per_page: u64) -> Page {
        let per_page = match per_page {
            0 => 30,
            n => n.min(super::diff::MAX_PER_PAGE as u64),
        };
        Page {
            page: page.max(1),
            per_page,
        }
    }

    /// Which of `total` matching rows (counted from 0) the page holds.
    pub fn rows(&self, total: u64) -> std::ops::Range<u64> {
        let start = self
            .page
            .saturating_sub(1)
            .saturating_mul(self.per_page)
            .min(total);
        start..start.saturating_add(self.per_page).min(total)
    }

    /// `{page, perPage, totalItems, totalPages, items}`, the records API's list shape.
    pub fn json(&self, total: u64, items: Vec<Json>) -> Json {
        Json::object([
            ("page", Json::uint(self.page)),
            ("perPage", Json::uint(self.per_page)),
            ("totalItems", Json::uint(total)),
            ("totalPages", Json::uint(total.div_ceil(self.per_page.max(1)))),
            ("items", Json::Array(items)),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::super::diff::same_value;
    use super::super::fixtures::*;
    use super::*;

    fn collection(row: (&str, i64, &str, &str, &str)) -> Collection {
        let columns = ["id", "system", "type", "name", "fields"];
        let values = [
            Value::Text(row.0.into()),
            Value::Integer(row.1),
            Value::Text(row.2.into()),
            Value::Text(row.3.into()),
            Value::Text(row.4.into()),
        ];
        Collection::from_row(&columns, &values).unwrap()
    }

    #[test]
    fn backup_rows_decode_to_what_the_api_answered() {
        let allf = collection(ALLF_ROW);
        let decoder = Decoder::new(&allf, &ALLF_COLUMNS, Shape::Api);
        let api = Json::parse(ALLF_API).unwrap();
        let items = api["items"].as_array().unwrap();
        let rows = allf_rows();
        assert_eq!(rows.len(), 9);
        assert_eq!(items.len(), 9);
        for (row, item) in rows.iter().zip(items) {
            let ours = decoder.record(row);
            assert!(same_value(&ours, item), "{}\n{}", ours.to_text(), item.to_text());
            // Numbers as the server writes them, not only the same value.
            for name in ["n", "j"] {
                if let (Json::Number(a), Json::Number(b)) = (&ours[name], &item[name]) {
                    assert_eq!(a, b);
                }
            }
        }
        let first = decoder.record(&rows[0]);
        assert_eq!(first["pw"], Json::str(""));
        assert_eq!(first["ht"], Json::str("hidden value"));
        assert_eq!(decoder.id(&rows[2]), "rec000000000003");
        assert_eq!(decoder.record(&rows[2])["n"], Json::Number("1e+21".into()));
        assert_eq!(decoder.record(&rows[6])["n"], Json::Number("1.5e-7".into()));
        assert_eq!(
            decoder.record(&rows[6])["j"],
            Json::Number("1.2345678901234568e+29".into())
        );
    }

    #[test]
    fn auth_rows_lose_password_and_token_key_and_keep_the_email() {
        let members = collection(MEMBERS_ROW);
        let decoder = Decoder::new(&members, &MEMBERS_COLUMNS, Shape::Api);
        let api = Json::parse(MEMBERS_API).unwrap();
        for (row, item) in members_rows().iter().zip(api.as_array().unwrap()) {
            let ours = decoder.record(row);
            assert!(same_value(&ours, item), "{}", ours.to_text());
        }
        let recover = Decoder::new(&members, &MEMBERS_COLUMNS, Shape::Recover);
        assert_eq!(
            recover.record(&members_rows()[0]).to_text(),
            r#"{"collectionId":"pbc_2620428958","collectionName":"members","id":"mem000000000001","name":"M1","email":"m1@example.com","emailVisibility":false,"verified":true}"#
        );
    }

    #[test]
    fn the_recover_shape_keeps_hidden_fields_and_drops_password_fields() {
        let allf = collection(ALLF_ROW);
        let rows = allf_rows();
        let r = Decoder::new(&allf, &ALLF_COLUMNS, Shape::Recover).record(&rows[0]);
        assert_eq!(r["ht"], Json::str("hidden value"));
        assert!(r.get("pw").is_none());
        assert_eq!(
            r["fm"].to_text(),
            r#"["awvdz8mb231_xr5sk9w4m9.txt","b9ubqt3ag0z_yxdadv1nbh.png"]"#
        );
    }

    #[test]
    fn unexpected_storage_classes_convert_as_the_server_loads_them() {
        let field = |kind: &str, max: u64| {
            Field::from_json(&Json::object([
                ("name", Json::str("f")),
                ("type", Json::str(kind)),
                ("maxSelect", Json::uint(max)),
            ]))
            .unwrap()
        };
        let t = |s: &str| Value::Text(s.into());
        let cases: [(Field, Option<Value>, &str); 17] = [
            (field("number", 1), Some(t(" 12.5 ")), "12.5"),
            (field("number", 1), Some(t("x")), "0"),
            (field("number", 1), None, "0"),
            (field("number", 1), Some(Value::Real(f64::NAN)), "0"),
            (field("number", 1), Some(Value::Real(-0.0)), "-0"),
            (field("bool", 1), Some(t("true")), "true"),
            (field("bool", 1), Some(Value::Null), "false"),
            (field("text", 1), Some(Value::Integer(-7)), "\"-7\""),
            (field("text", 1), Some(Value::Blob(vec![104, 105])), "\"hi\""),
            (field("select", 1), Some(t(r#"["a","b"]"#)), "\"b\""),
            (field("select", 2), Some(t("a")), r#"["a"]"#),
            (field("select", 2), Some(t(r#"["a","","a","b"]"#)), r#"["a","b"]"#),
            (field("relation", 3), Some(t("[broken")), r#"["[broken"]"#),
            (field("file", 2), None, "[]"),
            (field("json", 1), Some(t("not json")), "\"not json\""),
            (field("json", 1), Some(Value::Integer(3)), "3"),
            (field("geoPoint", 1), Some(t("{}")), r#"{"lon":0,"lat":0}"#),
        ];
        for (f, v, want) in cases {
            assert_eq!(field_value(&f, v.as_ref()).to_text(), want, "{} {:?}", f.kind, v);
        }
    }

    #[test]
    fn pages_as_the_records_api_pages() {
        assert_eq!(
            Page::new(0, 0),
            Page {
                page: 1,
                per_page: 30
            }
        );
        assert_eq!(
            Page::new(3, 5000),
            Page {
                page: 3,
                per_page: 1000
            }
        );
        let p = Page::new(2, 4);
        assert_eq!(p.rows(9), 4..8);
        assert_eq!(Page::new(3, 4).rows(9), 8..9);
        assert_eq!(Page::new(9, 4).rows(9), 9..9);
        assert_eq!(Page::new(u64::MAX, 1000).rows(5), 5..5);
        assert_eq!(
            p.json(9, vec![Json::Null]).to_text(),
            r#"{"page":2,"perPage":4,"totalItems":9,"totalPages":3,"items":[null]}"#
        );
        assert_eq!(
            Page::new(1, 30).json(0, vec![]).to_text(),
            r#"{"page":1,"perPage":30,"totalItems":0,"totalPages":0,"items":[]}"#
        );
    }

    #[test]
    fn numbers_are_written_as_the_server_writes_them() {
        for (f, want) in [
            (1.0, "1"),
            (0.1, "0.1"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (1.5e-7, "1.5e-7"),
            (1e-6, "0.000001"),
            (1.2345678901234568e29, "1.2345678901234568e+29"),
            (9007199254740992.0, "9007199254740992"),
            (-12345678901.0, "-12345678901"),
            (-2.5e-300, "-2.5e-300"),
            (f64::INFINITY, "0"),
        ] {
            assert_eq!(number_text(f), want);
        }
    }
}
