//! The backup's database as the explorer reads it: the pages the reader asks for, served
//! from the inflated `data.db` or, for a page a `data.db-wal` beside it holds a committed
//! version of, from that log (which follows the database in the caller's file).

use super::pages::{PageCache, CACHE_BYTES};
use crate::core::sqlite::{Database, DbError, Pages, Step, WalIndex};
use crate::error::Error;

/// How many bytes a read of the database asks for at once: the page the reader needs and
/// those after it (a table's leaves are mostly in order), up to this.
pub const READ_AHEAD: u64 = 256 * 1024;

/// A database error as the explorer's error: `response.code` is the reader's.
pub fn db_error(e: &DbError) -> Error {
    let at = if e.page() > 0 {
        [" (page ", &crate::core::text::uint(u64::from(e.page())), ")"].concat()
    } else {
        String::new()
    };
    Error::unreadable(
        e.code(),
        &[
            "The backup's data.db cannot be read: ",
            e.message().trim_end_matches('.'),
            &at,
            ".",
        ]
        .concat(),
    )
}

/// The open database.
pub struct Db {
    pub db: Database,
    pub cache: PageCache,
    wal: Option<WalIndex>,
    db_len: u64,
    /// The page of the last read asked from the log.
    asked: Option<u32>,
    /// The page the reader last needed, until another step goes by: needed twice in a
    /// row, the bytes given did not hold it.
    needed: Option<u32>,
}

impl Db {
    /// Opens the database of `db_len` bytes from its first page as served (`page1`, at
    /// least its 100-byte header), with the log's index if it has one.
    pub fn open(page1: &[u8], db_len: u64, wal: Option<WalIndex>) -> Result<Db, Error> {
        let mut db = Database::open(page1, db_len).map_err(|e| db_error(&e))?;
        if let Some(w) = &wal {
            if w.db_pages() > 0 {
                db.set_page_count(w.db_pages());
            }
        }
        let cache = PageCache::new(db.page_size() as usize, CACHE_BYTES);
        Ok(Db {
            db,
            cache,
            wal,
            db_len,
            asked: None,
            needed: None,
        })
    }

    /// Where page 1 is in the caller's file (the log's copy when it has one), for
    /// [`Db::open`]: `(start, end)`.
    pub fn first_page(db_len: u64, wal: Option<&WalIndex>) -> (u64, u64) {
        match wal.and_then(|w| w.offset(1).map(|o| (o, w.page_size()))) {
            Some((offset, size)) => (db_len + offset, db_len + offset + u64::from(size)),
            None => (0, db_len.min(65_536)),
        }
    }

    /// The bytes of the caller's file that hold page `number`: `(start, end)`.
    fn ask(&mut self, number: u32) -> Result<(u64, u64), Error> {
        let size = u64::from(self.db.page_size());
        if let Some(offset) = self.wal.as_ref().and_then(|w| w.offset(number)) {
            self.asked = Some(number);
            let start = self.db_len + offset;
            return Ok((start, start + size));
        }
        let start = u64::from(number.saturating_sub(1)) * size;
        if number == 0 || start + size > self.db_len {
            return Err(Error::unreadable(
                "sqlite_page_out_of_range",
                "The backup's data.db cannot be read: a page it points to is past the end of the file.",
            ));
        }
        Ok((start, start.saturating_add(READ_AHEAD.max(size)).min(self.db_len)))
    }

    /// Bytes of the caller's file from `start`, as asked.
    pub fn give(&mut self, start: u64, bytes: &[u8]) {
        let size = u64::from(self.db.page_size());
        if start >= self.db_len {
            if let Some(n) = self.asked.take() {
                self.cache.put(n, bytes);
            }
            return;
        }
        if size == 0 || start % size != 0 {
            return;
        }
        let first = u32::try_from(start / size + 1).unwrap_or(u32::MAX);
        let wal = self.wal.as_ref();
        for (i, page) in bytes.chunks_exact(size as usize).enumerate() {
            let Some(n) = u32::try_from(i).ok().and_then(|i| first.checked_add(i)) else {
                break;
            };
            // A page the log has a newer version of is served from the log only.
            if wal.is_some_and(|w| w.offset(n).is_some()) {
                continue;
            }
            self.cache.put(n, page);
        }
    }

    /// Runs one step of a reader operation: its value, or the bytes to read first.
    pub fn run<T>(
        &mut self,
        step: impl FnOnce(&Database, &dyn Pages) -> Result<Step<T>, DbError>,
    ) -> Result<Result<T, (u64, u64)>, Error> {
        match step(&self.db, &self.cache).map_err(|e| db_error(&e))? {
            Step::Ready(v) => {
                self.needed = None;
                Ok(Ok(v))
            }
            Step::Need(n) if self.needed == Some(n) => Err(Error::unreadable(
                "sqlite_page_unreadable",
                "The backup's data.db cannot be read: a page could not be read from the inflated file.",
            )),
            Step::Need(n) => {
                self.needed = Some(n);
                Ok(Err(self.ask(n)?))
            }
        }
    }

    /// Whether the backup carried a write-ahead log, and how many pages it holds a
    /// committed version of.
    pub fn wal_pages(&self) -> Option<usize> {
        self.wal.as_ref().map(WalIndex::len)
    }
}
