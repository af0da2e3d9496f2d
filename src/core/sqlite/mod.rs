//! A read-only reader of SQLite database files, for the backup explorer: the values of a
//! table's rows, read page by page from a file the reader never holds whole.

mod value;

pub use value::Value;
