//! A small JSON value with its reader and writer: what the SDK needs of the server's
//! answers and of the bodies it sends, without a general-purpose JSON library in the
//! shipped module. Numbers keep the text they were written as; integers are read from
//! that text, so no float parsing or printing is ever compiled in.

use std::ops::Index;

/// A JSON value. Objects keep their members in order; a repeated name reads as its
/// last occurrence, as `JSON.parse` does.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Json {
    #[default]
    Null,
    Bool(bool),
    /// A number, as the text of a valid JSON number (`-12`, `3.5e2`).
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// How deep arrays and objects may nest before a text is refused (a hostile answer
/// must not exhaust the stack).
const MAX_DEPTH: usize = 128;

static NULL: Json = Json::Null;

impl Json {
    /// Parses a whole JSON text (whitespace around it allowed); `None` for anything
    /// else, never a panic.
    pub fn parse(text: &str) -> Option<Json> {
        let mut p = Parser {
            s: text.as_bytes(),
            i: 0,
        };
        let v = p.value(0)?;
        p.ws();
        (p.i == p.s.len()).then_some(v)
    }

    /// An object from `(name, value)` pairs.
    pub fn object<const N: usize>(members: [(&str, Json); N]) -> Json {
        Json::members(Vec::from(members))
    }

    /// [`Json::object`] for any number of members (one body, whatever `N` is).
    fn members(members: Vec<(&str, Json)>) -> Json {
        Json::Object(members.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }

    /// A string value.
    pub fn str(s: &str) -> Json {
        Json::String(s.to_string())
    }

    /// A number value from an unsigned integer.
    pub fn uint(n: u64) -> Json {
        Json::Number(crate::core::text::uint(n))
    }

    /// A member of an object (`None` for a missing name or a non-object).
    pub fn get(&self, name: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Sets a member of an object (replacing one of the same name); does nothing to a
    /// non-object.
    pub fn set(&mut self, name: &str, value: Json) {
        if let Json::Object(members) = self {
            members.retain(|(k, _)| k != name);
            members.push((name.to_string(), value));
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A non-negative integer written without fraction or exponent.
    pub fn as_u64(&self) -> Option<u64> {
        let Json::Number(text) = self else { return None };
        text.bytes().try_fold(0u64, |n, b| {
            b.is_ascii_digit().then_some(())?;
            n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
        })
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Json::Object(_))
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// The JSON text of this value.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => write_string(s, out),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(k, out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// `value["name"]`: the member, or `null` when there is none.
impl Index<&str> for Json {
    type Output = Json;
    fn index(&self, name: &str) -> &Json {
        self.get(name).unwrap_or(&NULL)
    }
}

fn write_string(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 0xF] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.i += 1)
    }

    fn literal(&mut self, word: &[u8], v: Json) -> Option<Json> {
        let end = self.i.checked_add(word.len())?;
        (self.s.get(self.i..end)? == word).then(|| {
            self.i = end;
            v
        })
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        self.ws();
        match self.peek()? {
            b'n' => self.literal(b"null", Json::Null),
            b't' => self.literal(b"true", Json::Bool(true)),
            b'f' => self.literal(b"false", Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'[' if depth < MAX_DEPTH => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.eat(b']').is_some() {
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    match self.peek()? {
                        b',' => self.i += 1,
                        b']' => {
                            self.i += 1;
                            return Some(Json::Array(items));
                        }
                        _ => return None,
                    }
                }
            }
            b'{' if depth < MAX_DEPTH => {
                self.i += 1;
                let mut members = Vec::new();
                self.ws();
                if self.eat(b'}').is_some() {
                    return Some(Json::Object(members));
                }
                loop {
                    self.ws();
                    let name = self.string()?;
                    self.ws();
                    self.eat(b':')?;
                    let v = self.value(depth + 1)?;
                    members.push((name, v));
                    self.ws();
                    match self.peek()? {
                        b',' => self.i += 1,
                        b'}' => {
                            self.i += 1;
                            return Some(Json::Object(members));
                        }
                        _ => return None,
                    }
                }
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Option<Json> {
        let start = self.i;
        let _ = self.eat(b'-');
        match self.peek()? {
            b'0' => self.i += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        if self.eat(b'.').is_some() && self.digits() == 0 {
            return None;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        let text = std::str::from_utf8(self.s.get(start..self.i)?).ok()?;
        Some(Json::Number(text.to_string()))
    }

    fn hex4(&mut self) -> Option<u32> {
        let end = self.i.checked_add(4)?;
        let digits = self.s.get(self.i..end)?;
        self.i = end;
        digits
            .iter()
            .try_fold(0u32, |n, &b| Some(n * 16 + char::from(b).to_digit(16)?))
    }

    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let mut out = Vec::new();
        loop {
            let b = self.peek()?;
            self.i += 1;
            match b {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let e = self.peek()?;
                    self.i += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                // A surrogate pair; a lone surrogate is refused.
                                self.eat(b'\\')?;
                                self.eat(b'u')?;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return None;
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            char::from_u32(code)?
                        }
                        _ => return None,
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                0x00..=0x1F => return None,
                _ => out.push(b),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_server_sends() {
        let v = Json::parse(r#" {"status":400,"message":"Bad \"x\" \u00e9\ud83d\ude00","data":{"name":{"code":"c"}},"ok":true,"n":null,"a":[1,-2.5e3,[]]} "#).unwrap();
        assert_eq!(v["status"].as_u64(), Some(400));
        assert_eq!(v["message"].as_str(), Some("Bad \"x\" é😀"));
        assert_eq!(v["data"]["name"]["code"].as_str(), Some("c"));
        assert_eq!(v["ok"].as_bool(), Some(true));
        assert!(v["n"].is_null() && v["missing"].is_null());
        assert_eq!(v["a"].as_array().unwrap()[1], Json::Number("-2.5e3".into()));
        assert_eq!(v["a"].as_array().unwrap()[1].as_u64(), None);
    }

    #[test]
    fn refuses_what_is_not_json() {
        for text in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "-",
            "1e",
            "tru",
            "\"\\ud800\"",
            "\"\\ud800\\u0041\"",
            "\"\u{1}\"",
            "[1] x",
            "{a:1}",
            "'a'",
            "\"\\x\"",
            "NaN",
        ] {
            assert_eq!(Json::parse(text), None, "{text:?}");
        }
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(Json::parse(&deep), None);
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(Json::parse(&ok).is_some());
    }

    #[test]
    fn the_last_of_a_repeated_name_wins_and_set_replaces() {
        let mut v = Json::parse(r#"{"a":1,"a":2}"#).unwrap();
        assert_eq!(v["a"].as_u64(), Some(2));
        v.set("a", Json::str("x"));
        v.set("b", Json::uint(18_446_744_073_709_551_615));
        assert_eq!(v.to_text(), r#"{"a":"x","b":18446744073709551615}"#);
        assert_eq!(Json::parse("18446744073709551616").unwrap().as_u64(), None);
    }

    #[test]
    fn writes_strings_that_read_back() {
        let s = "q\"b\\s/n\nr\rt\tc\u{1}\u{1f}é😀";
        let text = Json::str(s).to_text();
        assert_eq!(text, "\"q\\\"b\\\\s/n\\nr\\rt\\tc\\u0001\\u001fé😀\"");
        assert_eq!(Json::parse(&text).unwrap().as_str(), Some(s));
    }
}

/// Against serde_json, the reference: both read the same texts to the same values,
/// and each reads the other's output.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use proptest::prelude::*;

    use super::Json;

    fn same(ours: &Json, reference: &serde_json::Value) -> bool {
        use serde_json::Value as V;
        match (ours, reference) {
            (Json::Null, V::Null) => true,
            (Json::Bool(a), V::Bool(b)) => a == b,
            (Json::Number(a), V::Number(b)) => match (a.parse::<f64>(), b.as_f64()) {
                (Ok(x), Some(y)) => x == y || (x - y).abs() <= f64::EPSILON * x.abs().max(y.abs()),
                _ => false,
            },
            (Json::String(a), V::String(b)) => a == b,
            (Json::Array(a), V::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y)),
            (Json::Object(_), V::Object(b)) => {
                b.iter().all(|(k, v)| ours.get(k).is_some_and(|o| same(o, v)))
                    && match ours {
                        Json::Object(m) => m.iter().all(|(k, _)| b.contains_key(k)),
                        _ => false,
                    }
            }
            _ => false,
        }
    }

    fn value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(|n| serde_json::json!(n)),
            any::<u64>().prop_map(|n| serde_json::json!(n)),
            (-1e12f64..1e12).prop_map(|n| serde_json::json!(n)),
            ".*".prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                prop::collection::btree_map(".{0,8}", inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn reads_what_serde_json_writes(v in value(), pretty in any::<bool>()) {
            let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
            let ours = Json::parse(&text).expect("parsed");
            prop_assert!(same(&ours, &v), "{text}");
            // Numbers keep their text, so writing gives serde_json's compact text back.
            prop_assert_eq!(ours.to_text(), serde_json::to_string(&v).unwrap());
        }

        #[test]
        fn any_text_is_read_or_refused_as_serde_json_does(text in "[\\[\\]{}\",:0-9a-z.eE+\\- \\\\u]{0,40}") {
            let ours = Json::parse(&text);
            let reference = serde_json::from_str::<serde_json::Value>(&text).ok();
            prop_assert_eq!(ours.is_some(), reference.is_some(), "{}", text);
            if let (Some(o), Some(r)) = (ours, reference) {
                prop_assert!(same(&o, &r), "{}", text);
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
            let _ = Json::parse(&String::from_utf8_lossy(&bytes));
        }
    }
}
