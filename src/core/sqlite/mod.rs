//! A read-only reader of SQLite database files, for the backup explorer: the values of a
//! table's rows, read page by page from a file the reader never holds whole.
//!
//! The reader does no I/O. Each operation is a resumable object whose `step`/`next`
//! answers [`Step::Need`] with a page number when that page is not among the [`Pages`]
//! the driver holds; the driver loads it (with its neighbours, as it likes) and calls
//! again. An operation keeps what it needs of pages it has read, so it progresses
//! whenever the page it last asked for is present, whatever else was evicted.
//!
//! ```text
//! let db = Database::open(&file[..100], file_len)?;
//! let mut read = SchemaRead::new();
//! let schema = loop {
//!     match read.step(&db, &cache)? {
//!         Step::Ready(entries) => break entries,
//!         Step::Need(n) => cache.load_around(n).await,
//!     }
//! };
//! ```

mod columns;
mod error;
mod freelist;
mod header;
mod page;
mod record;
mod rows;
mod schema;
mod value;
mod wal;
mod walk;

pub use columns::{affinity, Affinity, Column, Columns};
pub use error::*;
pub use freelist::{Freelist, FreelistWalk};
pub use header::{Database, Encoding, HEADER_LEN};
pub use page::{Pages, Step};
pub use rows::{Find, Row, RowsAt, Scan, MAX_PAYLOAD};
pub use schema::{SchemaEntry, SchemaRead};
pub use value::Value;
pub use wal::{WalBuilder, WalIndex};
pub use walk::{LeafWalk, Leaves};

/// Against SQLite itself (rusqlite is a native dev-dependency).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
