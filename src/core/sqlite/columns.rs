//! A table's columns from its CREATE TABLE statement: names in order, declared types,
//! literal defaults (what a row written before ALTER TABLE ADD COLUMN reads as), and the
//! rowid alias. Only what reading rows needs: constraints and expressions are skipped.

use super::error::{self, DbError};
use super::value::Value;

/// One column of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The name as declared, quotes removed.
    pub name: String,
    /// The declared type as written (`TEXT`, `VARCHAR(255)`), empty when none.
    pub declared_type: String,
    /// The type affinity the declared type gives.
    pub affinity: Affinity,
    /// A literal default with the column's affinity applied; `None` when there is none
    /// or it is an expression (`CURRENT_TIMESTAMP`, `('r'||lower(hex(randomblob(7))))`).
    pub default: Option<Value>,
    /// `INTEGER PRIMARY KEY`: the column is the rowid (the record holds NULL).
    pub rowid_alias: bool,
    /// Whether the record holds the column: false for a VIRTUAL generated column.
    pub stored: bool,
}

/// The columns of a rowid table, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Columns {
    /// Every column, in the order of the statement (and of the record).
    pub columns: Vec<Column>,
}

/// A token of SQL.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A bare word: a keyword or an identifier.
    Word(String),
    /// A quoted identifier: "x", `x` or [x].
    Quoted(String),
    /// A string literal 'x' (also an identifier where one is expected).
    Str(String),
    Num(String),
    Blob(Vec<u8>),
    Punct(u8),
}

impl Tok {
    fn is(&self, keyword: &str) -> bool {
        matches!(self, Tok::Word(w) if w.eq_ignore_ascii_case(keyword))
    }
}

/// The tokens of a statement, comments and spaces dropped; `None` for an unterminated
/// quote.
fn tokens(sql: &str) -> Option<Vec<Tok>> {
    let b = sql.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // The text between `i + 1` and the next `close` (a doubled close is one character).
    let quoted = |i: usize, close: u8| -> Option<(String, usize)> {
        let mut s = Vec::new();
        let mut j = i + 1;
        loop {
            let c = *b.get(j)?;
            if c == close {
                if close != b']' && b.get(j + 1) == Some(&close) {
                    s.push(c);
                    j += 2;
                    continue;
                }
                return Some((String::from_utf8_lossy(&s).into_owned(), j + 1));
            }
            s.push(c);
            j += 1;
        }
    };
    while let Some(&c) = b.get(i) {
        match c {
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => i += 1,
            b'-' if b.get(i + 1) == Some(&b'-') => {
                while b.get(i).is_some_and(|&c| c != b'\n') {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while b.get(i).is_some() && !(b.get(i) == Some(&b'*') && b.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                i += 2;
            }
            b'x' | b'X' if b.get(i + 1) == Some(&b'\'') => {
                let (s, next) = quoted(i + 1, b'\'')?;
                out.push(Tok::Blob(hex(&s)?));
                i = next;
            }
            b'\'' => {
                let (s, next) = quoted(i, b'\'')?;
                out.push(Tok::Str(s));
                i = next;
            }
            b'"' | b'`' | b'[' => {
                let close = if c == b'[' { b']' } else { c };
                let (s, next) = quoted(i, close)?;
                out.push(Tok::Quoted(s));
                i = next;
            }
            b'0'..=b'9' | b'.' if c != b'.' || b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                let start = i;
                let hex = c == b'0' && matches!(b.get(i + 1), Some(b'x' | b'X'));
                i += if hex { 2 } else { 1 };
                while let Some(&d) = b.get(i) {
                    let sign_of_exponent =
                        matches!(d, b'+' | b'-') && matches!(b.get(i - 1), Some(b'e' | b'E')) && !hex;
                    if d.is_ascii_alphanumeric() || d == b'.' || d == b'_' || sign_of_exponent {
                        i += 1;
                    } else {
                        break;
                    }
                }
                out.push(Tok::Num(sql.get(start..i)?.to_string()));
            }
            c if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                let start = i;
                while b
                    .get(i)
                    .is_some_and(|&d| d.is_ascii_alphanumeric() || d == b'_' || d == b'$' || d >= 0x80)
                {
                    i += 1;
                }
                out.push(Tok::Word(sql.get(start..i)?.to_string()));
            }
            _ => {
                out.push(Tok::Punct(c));
                i += 1;
            }
        }
    }
    Some(out)
}

/// The bytes of a blob literal's hex digits.
fn hex(s: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let b = s.as_bytes();
    if b.len() % 2 != 0 {
        return None;
    }
    b.chunks_exact(2)
        .map(|p| Some(digit(*p.first()?)? << 4 | digit(*p.get(1)?)?))
        .collect()
}

/// Words that start a column constraint, ending the type name.
const CONSTRAINT_WORDS: [&str; 11] = [
    "CONSTRAINT",
    "PRIMARY",
    "NOT",
    "NULL",
    "UNIQUE",
    "CHECK",
    "DEFAULT",
    "COLLATE",
    "REFERENCES",
    "GENERATED",
    "AS",
];

/// Words that start a table constraint instead of a column.
const TABLE_CONSTRAINT_WORDS: [&str; 5] = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"];

fn not_readable(message: &'static str) -> DbError {
    DbError::new(error::NOT_READABLE, message, 0)
}

/// Reads tokens, one at a time.
struct Parser {
    toks: Vec<Tok>,
    i: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.i).cloned();
        self.i += 1;
        t
    }

    fn eat(&mut self, keyword: &str) -> bool {
        let yes = self.peek().is_some_and(|t| t.is(keyword));
        if yes {
            self.i += 1;
        }
        yes
    }

    fn at_punct(&self, c: u8) -> bool {
        self.peek() == Some(&Tok::Punct(c))
    }

    /// Skips one token, or a parenthesised group whole.
    fn skip(&mut self) {
        let mut depth = 0usize;
        while let Some(t) = self.next() {
            match t {
                Tok::Punct(b'(') => depth += 1,
                Tok::Punct(b')') => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth == 0 {
                return;
            }
        }
    }

    /// A name: a word, a quoted identifier or a string.
    fn name(&mut self) -> Option<String> {
        match self.next()? {
            Tok::Word(s) | Tok::Quoted(s) | Tok::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Skips to the `,` or `)` that ends the current definition.
    fn skip_definition(&mut self) {
        while self.peek().is_some() && !self.at_punct(b',') && !self.at_punct(b')') {
            self.skip();
        }
    }
}

impl Columns {
    /// The columns of `sql`, a CREATE TABLE statement as sqlite_schema holds it. WITHOUT
    /// ROWID tables are refused: their rows are stored in an index b-tree.
    pub fn parse(sql: &str) -> Result<Columns, DbError> {
        let toks = tokens(sql).ok_or_else(|| not_readable("The statement has an unterminated quote."))?;
        let mut p = Parser { toks, i: 0 };
        let not_create = || not_readable("The statement is not a CREATE TABLE.");
        if !p.eat("CREATE") {
            return Err(not_create());
        }
        let _ = p.eat("TEMP") || p.eat("TEMPORARY");
        if !p.eat("TABLE") {
            return Err(not_create());
        }
        if p.eat("IF") && !(p.eat("NOT") && p.eat("EXISTS")) {
            return Err(not_create());
        }
        p.name().ok_or_else(not_create)?;
        if p.at_punct(b'.') {
            p.i += 1;
            p.name().ok_or_else(not_create)?;
        }
        if !p.at_punct(b'(') {
            return Err(not_create());
        }
        p.i += 1;
        let mut columns = Vec::new();
        let mut table_pk: Option<Vec<String>> = None;
        loop {
            let starts_constraint = p
                .peek()
                .is_some_and(|t| TABLE_CONSTRAINT_WORDS.iter().any(|w| t.is(w)));
            if starts_constraint {
                if p.eat("CONSTRAINT") {
                    p.name();
                }
                if p.eat("PRIMARY") && p.eat("KEY") && p.at_punct(b'(') {
                    p.i += 1;
                    let mut names = Vec::new();
                    while let Some(name) = p.name() {
                        names.push(name);
                        // ASC, DESC, COLLATE x: not part of the name.
                        while p.peek().is_some() && !p.at_punct(b',') && !p.at_punct(b')') {
                            p.skip();
                        }
                        if !p.at_punct(b',') {
                            break;
                        }
                        p.i += 1;
                    }
                    table_pk = Some(names);
                }
                p.skip_definition();
            } else {
                columns.push(
                    column(&mut p).ok_or_else(|| not_readable("A column definition could not be read."))?,
                );
            }
            match p.next() {
                Some(Tok::Punct(b',')) => continue,
                Some(Tok::Punct(b')')) => break,
                _ => return Err(not_readable("The column list does not end.")),
            }
        }
        while let Some(t) = p.next() {
            if t.is("WITHOUT") {
                return Err(not_readable("A WITHOUT ROWID table cannot be read."));
            }
        }
        if let Some([name]) = table_pk.as_deref() {
            let c = columns.iter_mut().find(|c| c.name.eq_ignore_ascii_case(name));
            if let Some(c) = c.filter(|c| c.declared_type.eq_ignore_ascii_case("INTEGER")) {
                c.rowid_alias = true;
            }
        }
        // A table has one rowid alias at most (a second PRIMARY KEY is an error to SQLite).
        let mut seen = false;
        for c in &mut columns {
            let first = !seen;
            seen |= c.rowid_alias;
            c.rowid_alias &= first;
        }
        Ok(Columns { columns })
    }

    /// The columns of sqlite_schema.
    pub fn schema() -> Columns {
        let text = |name: &str, declared: &str| Column {
            name: name.to_string(),
            declared_type: declared.to_string(),
            affinity: affinity(declared),
            default: None,
            rowid_alias: false,
            stored: true,
        };
        Columns {
            columns: vec![
                text("type", "text"),
                text("name", "text"),
                text("tbl_name", "text"),
                text("rootpage", "int"),
                text("sql", "text"),
            ],
        }
    }
}

/// A column definition, up to the `,` or `)` after it.
fn column(p: &mut Parser) -> Option<Column> {
    let name = p.name()?;
    let mut declared = String::new();
    while let Some(Tok::Word(w)) = p.peek() {
        if CONSTRAINT_WORDS.iter().any(|k| w.eq_ignore_ascii_case(k)) {
            break;
        }
        if !declared.is_empty() {
            declared.push(' ');
        }
        declared.push_str(w);
        p.i += 1;
    }
    if p.at_punct(b'(') {
        // Size arguments: VARCHAR(255), DECIMAL(10, 2).
        while let Some(t) = p.next() {
            match t {
                Tok::Punct(b')') => {
                    declared.push(')');
                    break;
                }
                Tok::Punct(c) => declared.push(c as char),
                Tok::Num(s) | Tok::Word(s) => declared.push_str(&s),
                _ => {}
            }
        }
    }
    let mut c = Column {
        name,
        affinity: affinity(&declared),
        declared_type: declared,
        default: None,
        rowid_alias: false,
        stored: true,
    };
    let mut primary = false;
    let mut descending = false;
    while p.peek().is_some() && !p.at_punct(b',') && !p.at_punct(b')') {
        if p.eat("CONSTRAINT") {
            p.name();
        } else if p.eat("PRIMARY") {
            p.eat("KEY");
            primary = true;
            descending = p.eat("DESC");
        } else if p.eat("DEFAULT") {
            c.default = default(p).map(|v| with_affinity(v, &c.declared_type));
        } else if p.eat("GENERATED") || p.peek().is_some_and(|t| t.is("AS")) {
            p.eat("ALWAYS");
            p.eat("AS");
            p.skip();
            c.stored = p.eat("STORED");
        } else {
            p.skip();
        }
    }
    c.rowid_alias = primary && !descending && c.declared_type.eq_ignore_ascii_case("INTEGER");
    Some(c)
}

/// A DEFAULT's value when it is a literal, the tokens of the expression consumed either way.
fn default(p: &mut Parser) -> Option<Value> {
    if p.at_punct(b'(') {
        // A parenthesised literal is that literal; any other expression is not read.
        let start = p.i;
        p.i += 1;
        let v = literal(p);
        if v.is_some() && p.at_punct(b')') {
            p.i += 1;
            return v;
        }
        p.i = start;
        p.skip();
        return None;
    }
    let start = p.i;
    let v = literal(p);
    if v.is_none() && p.i == start {
        p.skip();
    }
    v
}

/// A literal value: a string, a (signed) number, NULL, TRUE, FALSE or a blob.
fn literal(p: &mut Parser) -> Option<Value> {
    let negative = match p.peek() {
        Some(Tok::Punct(b'-')) => {
            p.i += 1;
            true
        }
        Some(Tok::Punct(b'+')) => {
            p.i += 1;
            false
        }
        _ => false,
    };
    let t = p.next()?;
    match t {
        Tok::Num(s) => number(&s, negative),
        _ if negative => None,
        Tok::Str(s) => Some(Value::Text(s)),
        Tok::Blob(b) => Some(Value::Blob(b)),
        t if t.is("NULL") => Some(Value::Null),
        t if t.is("TRUE") => Some(Value::Integer(1)),
        t if t.is("FALSE") => Some(Value::Integer(0)),
        _ => None,
    }
}

/// A numeric literal's value: an integer when it is one and fits, else a real.
fn number(s: &str, negative: bool) -> Option<Value> {
    if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        // Hex literals are 64-bit two's complement.
        let v = u64::from_str_radix(h, 16).ok()? as i64;
        return Some(Value::Integer(if negative { v.wrapping_neg() } else { v }));
    }
    if s.bytes().all(|c| c.is_ascii_digit()) {
        let magnitude: u64 = s.parse().unwrap_or(u64::MAX);
        if negative && magnitude <= 1 << 63 {
            return Some(Value::Integer((magnitude as i64).wrapping_neg()));
        }
        if !negative && magnitude <= i64::MAX as u64 {
            return Some(Value::Integer(magnitude as i64));
        }
    }
    let f: f64 = s.parse().ok()?;
    Some(Value::Real(if negative { -f } else { f }))
}

/// How a column converts the values stored in it (SQLite's type affinity).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affinity {
    /// A type containing `INT`.
    Integer,
    /// `CHAR`, `CLOB` or `TEXT`.
    Text,
    /// `BLOB` or no type: values are kept as given.
    Blob,
    /// `REAL`, `FLOA` or `DOUB`.
    Real,
    /// Anything else (`NUMERIC`, `BOOLEAN`, `JSON`, `DATE`).
    Numeric,
}

/// The affinity of a declared type (the five rules of SQLite's documentation, in order).
pub fn affinity(declared: &str) -> Affinity {
    let t = declared.to_ascii_uppercase();
    if t.contains("INT") {
        Affinity::Integer
    } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
        Affinity::Text
    } else if t.contains("BLOB") || t.is_empty() {
        Affinity::Blob
    } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
        Affinity::Real
    } else {
        Affinity::Numeric
    }
}

/// A default as SQLite gives it for a row written before its column was added: converted
/// by the column's affinity.
fn with_affinity(v: Value, declared: &str) -> Value {
    let a = affinity(declared);
    // Text of a number becomes the number under the numeric affinities.
    let v = match v {
        Value::Text(s) if matches!(a, Affinity::Integer | Affinity::Numeric | Affinity::Real) => {
            let trimmed = s.trim();
            match number_text(trimmed).filter(|_| !trimmed.is_empty()) {
                Some(n) => n,
                None => Value::Text(s),
            }
        }
        v => v,
    };
    match (a, v) {
        (Affinity::Text, Value::Integer(i)) => Value::Text(int_text(i)),
        (Affinity::Real, Value::Integer(i)) => Value::Real(i as f64),
        // A whole real that an i64 holds exactly is an integer to INTEGER and NUMERIC.
        (Affinity::Integer | Affinity::Numeric, Value::Real(f))
            if f.fract() == 0.0 && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f) =>
        {
            Value::Integer(f as i64)
        }
        (_, v) => v,
    }
}

/// The number a text spells, with an optional sign (as numeric affinity reads it).
fn number_text(s: &str) -> Option<Value> {
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..)?),
        Some(b'+') => (false, s.get(1..)?),
        _ => (false, s),
    };
    let plain = digits
        .bytes()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'));
    if !plain
        || digits.is_empty()
        || !digits
            .as_bytes()
            .first()
            .is_some_and(|c| c.is_ascii_digit() || *c == b'.')
    {
        return None;
    }
    number(digits, negative)
}

/// An integer in decimal, without the formatting machinery.
fn int_text(i: i64) -> String {
    let digits = crate::core::text::uint(i.unsigned_abs());
    if i < 0 {
        let mut s = String::from("-");
        s.push_str(&digits);
        s
    } else {
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(name: &str, ty: &str, default: Option<Value>) -> Column {
        Column {
            name: name.into(),
            declared_type: ty.into(),
            affinity: affinity(ty),
            default,
            rowid_alias: false,
            stored: true,
        }
    }

    #[test]
    fn pocketbase_notes() {
        let c = Columns::parse(
            "CREATE TABLE notes (doc TEXT DEFAULT '' NOT NULL, id TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL, title TEXT DEFAULT '' NOT NULL)",
        )
        .unwrap();
        assert_eq!(
            c.columns,
            vec![
                col("doc", "TEXT", Some(Value::Text(String::new()))),
                col("id", "TEXT", None),
                col("title", "TEXT", Some(Value::Text(String::new())))
            ]
        );
    }

    #[test]
    fn pocketbase_posts_with_backquotes() {
        let c = Columns::parse(
            "CREATE TABLE `posts` (`id` TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL, `n` NUMERIC DEFAULT 0 NOT NULL, `ok` BOOLEAN DEFAULT FALSE NOT NULL, `data` JSON DEFAULT NULL)",
        )
        .unwrap();
        assert_eq!(
            c.columns,
            vec![
                col("id", "TEXT", None),
                col("n", "NUMERIC", Some(Value::Integer(0))),
                col("ok", "BOOLEAN", Some(Value::Integer(0))),
                col("data", "JSON", Some(Value::Null))
            ]
        );
    }

    #[test]
    fn pocketbase_superusers_and_migrations() {
        let c = Columns::parse(
            "CREATE TABLE `_superusers` (`created` TEXT DEFAULT '' NOT NULL, `email` TEXT DEFAULT '' NOT NULL, `emailVisibility` BOOLEAN DEFAULT FALSE NOT NULL, `id` TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL, `password` TEXT DEFAULT '' NOT NULL, `tokenKey` TEXT DEFAULT '' NOT NULL, `updated` TEXT DEFAULT '' NOT NULL, `verified` BOOLEAN DEFAULT FALSE NOT NULL)",
        )
        .unwrap();
        let names: Vec<&str> = c.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "created",
                "email",
                "emailVisibility",
                "id",
                "password",
                "tokenKey",
                "updated",
                "verified"
            ]
        );
        let c = Columns::parse(
            "CREATE TABLE _migrations (file VARCHAR(255) PRIMARY KEY NOT NULL, applied INTEGER NOT NULL)",
        )
        .unwrap();
        assert_eq!(
            c.columns,
            vec![col("file", "VARCHAR(255)", None), col("applied", "INTEGER", None)]
        );
    }

    #[test]
    fn table_constraints_are_not_columns() {
        let c = Columns::parse(
            "CREATE TABLE IF NOT EXISTS main.t (\"a b\" INTEGER, [c] text, 'd', e, CONSTRAINT pk PRIMARY KEY (\"a b\"), UNIQUE (c, d), CHECK (e > 0), FOREIGN KEY (e) REFERENCES u(x)) STRICT",
        )
        .unwrap();
        let names: Vec<&str> = c.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["a b", "c", "d", "e"]);
        assert!(c.columns[0].rowid_alias);
        assert_eq!(c.columns[3].declared_type, "");
    }

    #[test]
    fn the_rowid_alias_is_integer_primary_key_only() {
        let alias = |sql: &str| {
            Columns::parse(sql)
                .unwrap()
                .columns
                .iter()
                .map(|c| c.rowid_alias)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            alias("CREATE TABLE t(id INTEGER PRIMARY KEY AUTOINCREMENT, x)"),
            [true, false]
        );
        assert_eq!(
            alias("CREATE TABLE t(id integer primary key asc, x)"),
            [true, false]
        );
        assert_eq!(
            alias("CREATE TABLE t(id INTEGER PRIMARY KEY DESC, x)"),
            [false, false]
        );
        assert_eq!(alias("CREATE TABLE t(id INT PRIMARY KEY, x)"), [false, false]);
        assert_eq!(
            alias("CREATE TABLE t(x, id INTEGER, PRIMARY KEY(id DESC))"),
            [false, true]
        );
        assert_eq!(
            alias("CREATE TABLE t(x INTEGER, id INTEGER, PRIMARY KEY(x, id))"),
            [false, false]
        );
    }

    #[test]
    fn literal_defaults() {
        let d = |sql: &str| {
            Columns::parse(sql)
                .unwrap()
                .columns
                .into_iter()
                .map(|c| c.default)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            d("CREATE TABLE t(a DEFAULT -5, b REAL DEFAULT 1.5e3, c DEFAULT (7), d DEFAULT x'00ff', e DEFAULT 'it''s', f DEFAULT CURRENT_TIMESTAMP, g INT DEFAULT '12', h TEXT DEFAULT 3, i DEFAULT TRUE, j DEFAULT (1 + 2), k DEFAULT 0x10, l INTEGER DEFAULT -9223372036854775808)"),
            [
                Some(Value::Integer(-5)),
                Some(Value::Real(1500.0)),
                Some(Value::Integer(7)),
                Some(Value::Blob(vec![0, 255])),
                Some(Value::Text("it's".into())),
                None,
                Some(Value::Integer(12)),
                Some(Value::Text("3".into())),
                Some(Value::Integer(1)),
                None,
                Some(Value::Integer(16)),
                Some(Value::Integer(i64::MIN)),
            ]
        );
    }

    #[test]
    fn generated_columns_and_comments() {
        let c = Columns::parse(
            "CREATE TABLE t( -- a comment\n a INT, /* another */ b INT GENERATED ALWAYS AS (a * 2) VIRTUAL, c AS (a + 1) STORED, d)",
        )
        .unwrap();
        let stored: Vec<bool> = c.columns.iter().map(|c| c.stored).collect();
        assert_eq!(stored, [true, false, true, true]);
    }

    #[test]
    fn without_rowid_and_other_statements_are_refused() {
        let code = |sql: &str| Columns::parse(sql).unwrap_err().code();
        assert_eq!(
            code("CREATE TABLE t(a TEXT PRIMARY KEY, b) WITHOUT ROWID"),
            error::NOT_READABLE
        );
        assert_eq!(code("CREATE INDEX i ON t(a)"), error::NOT_READABLE);
        assert_eq!(code("CREATE TABLE t(a 'unterminated"), error::NOT_READABLE);
        assert_eq!(code("CREATE TABLE t(a"), error::NOT_READABLE);
        assert_eq!(code(""), error::NOT_READABLE);
    }
}

/// Arbitrary and damaged statements (proptest is a native dev-dependency).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::Columns;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]

        /// Any text, and real statements with bytes changed or cut, parse or are refused.
        #[test]
        fn any_statement_parses_or_is_refused(text in ".{0,200}", cut in 0usize..400, at in 0usize..400, c in proptest::prelude::any::<char>()) {
            let _ = Columns::parse(&text);
            let real = "CREATE TABLE `posts` (`id` TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL, \"n\" NUMERIC DEFAULT -0x1F NOT NULL, [ok] BOOLEAN DEFAULT FALSE, d DEFAULT x'0a' /* c */, CONSTRAINT u UNIQUE (n), PRIMARY KEY(id)) -- end";
            let mut chars: Vec<char> = real.chars().collect();
            chars.truncate(cut.min(chars.len()));
            if let Some(x) = chars.get_mut(at) {
                *x = c;
            }
            let _ = Columns::parse(&chars.into_iter().collect::<String>());
        }
    }
}
