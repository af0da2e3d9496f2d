//! A backup row as the records API returns it to a superuser.
//!
//! MEASURED_TABLE

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
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        if !item.is_empty() && !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// The JSON text of a number as the server (Go's `encoding/json`) writes it: integers in
/// plain digits, fractions in the shortest text that reads back the same, an exponent
/// from 1e21 up and below 1e-6 with a sign and at least two digits (`1e+21`,
/// `1.5e-07`). A value JSON cannot hold (NaN, infinity) is written as 0.
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
    let (sign, digits) = match exp.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("+", exp),
    };
    let pad = if digits.len() < 2 { "0" } else { "" };
    [mantissa, "e", sign, pad, digits].concat()
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
