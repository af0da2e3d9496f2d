/// A value stored in a row, as SQLite's record format holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    /// Serial types 1–6, 8 and 9.
    Integer(i64),
    /// Serial type 7.
    Real(f64),
    /// Text, in the database's encoding, as UTF-8 (invalid sequences replaced).
    Text(String),
    Blob(Vec<u8>),
}
