//! Why a database could not be read: a stable code for programs, a short sentence for
//! people, and the page it was found on.

/// A reading failure. The code is one of the `sqlite_*` constants of this module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbError {
    code: &'static str,
    message: &'static str,
    page: u32,
}

impl DbError {
    /// An error found on `page` (0 when no page is concerned).
    pub(crate) fn new(code: &'static str, message: &'static str, page: u32) -> DbError {
        DbError { code, message, page }
    }

    /// The stable code, e.g. `sqlite_bad_page`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// A short English sentence.
    pub fn message(&self) -> &'static str {
        self.message
    }

    /// The page the problem was found on, or 0.
    pub fn page(&self) -> u32 {
        self.page
    }
}

/// The first 100 bytes are not a SQLite header.
pub const NOT_A_DATABASE: &str = "sqlite_not_a_database";
/// The header's page size or reserved space is impossible.
pub const BAD_PAGE_SIZE: &str = "sqlite_bad_page_size";
/// The header names a text encoding SQLite does not have.
pub const BAD_ENCODING: &str = "sqlite_bad_encoding";
/// A later file format than this reader knows (the header's read version).
pub const UNSUPPORTED: &str = "sqlite_unsupported";
/// A page number of 0 or past the end of the database.
pub const PAGE_OUT_OF_RANGE: &str = "sqlite_page_out_of_range";
/// A page reached twice in one walk: the file's pointers form a loop.
pub const CYCLE: &str = "sqlite_cycle";
/// A b-tree page whose header or cells do not fit its rules.
pub const BAD_PAGE: &str = "sqlite_bad_page";
/// A record whose header or values do not fit its payload.
pub const BAD_RECORD: &str = "sqlite_bad_record";
/// A row whose payload is larger than the reader holds in memory.
pub const ROW_TOO_LARGE: &str = "sqlite_row_too_large";
/// A b-tree deeper than any real database.
pub const TOO_DEEP: &str = "sqlite_too_deep";
/// The freelist's pages or count disagree with the header.
pub const BAD_FREELIST: &str = "sqlite_bad_freelist";
/// A table this reader cannot read (WITHOUT ROWID) or a statement it cannot parse.
pub const NOT_READABLE: &str = "sqlite_table_not_readable";
/// A write-ahead log whose header is not one.
pub const BAD_WAL: &str = "sqlite_bad_wal";
