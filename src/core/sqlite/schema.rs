//! The rows of sqlite_schema (the table on page 1): every table, index, view and trigger
//! with its root page and statement.

use super::columns::Columns;
use super::error::DbError;
use super::header::Database;
use super::page::{Pages, Step};
use super::rows::Scan;
use super::value::Value;

/// One row of sqlite_schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaEntry {
    /// `table`, `index`, `view` or `trigger`.
    pub kind: String,
    /// The object's name.
    pub name: String,
    /// The table an index or trigger belongs to (a table's own name for a table).
    pub table: String,
    /// The root page of a table or index b-tree; 0 for views and triggers.
    pub root: u32,
    /// The statement that created it; `None` for automatic indexes.
    pub sql: Option<String>,
}

impl SchemaEntry {
    /// The columns of a table entry (an error for a WITHOUT ROWID table).
    pub fn columns(&self) -> Result<Columns, DbError> {
        Columns::parse(self.sql.as_deref().unwrap_or(""))
    }
}

/// A resumable read of every row of sqlite_schema.
#[derive(Debug, Clone)]
pub struct SchemaRead {
    scan: Scan,
    entries: Vec<SchemaEntry>,
}

impl Default for SchemaRead {
    fn default() -> Self {
        SchemaRead::new()
    }
}

impl SchemaRead {
    /// A read from page 1.
    pub fn new() -> SchemaRead {
        SchemaRead {
            scan: Scan::new(1, Some(Columns::schema())),
            entries: Vec::new(),
        }
    }

    /// Reads on; every entry, in rowid order, once all are read.
    pub fn step(&mut self, db: &Database, pages: &dyn Pages) -> Result<Step<Vec<SchemaEntry>>, DbError> {
        loop {
            let row = match self.scan.next(db, pages)? {
                Step::Need(n) => return Ok(Step::Need(n)),
                Step::Ready(None) => return Ok(Step::Ready(std::mem::take(&mut self.entries))),
                Step::Ready(Some(row)) => row,
            };
            let mut v = row.values.into_iter();
            let mut text = || match v.next() {
                Some(Value::Text(s)) => Some(s),
                _ => None,
            };
            let (kind, name, table) = (
                text().unwrap_or_default(),
                text().unwrap_or_default(),
                text().unwrap_or_default(),
            );
            let root = match v.next() {
                Some(Value::Integer(n)) => u32::try_from(n).unwrap_or(0),
                _ => 0,
            };
            let sql = match v.next() {
                Some(Value::Text(s)) => Some(s),
                _ => None,
            };
            self.entries.push(SchemaEntry {
                kind,
                name,
                table,
                root,
                sql,
            });
        }
    }
}
