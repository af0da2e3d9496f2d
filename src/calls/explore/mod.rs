//! The backup explorer: a backup's database read in place (its collections, its
//! records), compared with the live server, and chosen records recovered through the
//! records API. Nothing here performs I/O: the explorer asks for bytes of the backup, for
//! its entries to be inflated into storage the caller keeps (the database and its WAL,
//! one after the other, as one file), for bytes of that file, and for requests; a
//! driver (the npm package's JS, the Rust API's) does them.

mod inflate;
mod open;

pub use inflate::{Inflating, OUT_LIMIT};
pub use open::{backup_error, entry_error, Located, Opening};

use crate::core::zip::entry::data_range;
use crate::core::zip::format::LOCAL_LEN;
use crate::core::zip::ZipEntry;
use crate::error::Error;
use open::Ask as OpenAsk;

/// The first bytes of a SQLite database: its header.
pub const DB_HEADER_LEN: u64 = 100;

/// What the explorer asks its driver for next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Bytes `start..end` of the backup; then [`Explorer::read`].
    Read(u64, u64),
    /// Inflate the entry whose data is bytes `start..end` of the backup, appending its
    /// bytes to the database file: hand its pieces to [`Explorer::inflate`] until it
    /// gives out nothing, then [`Explorer::inflated`].
    Inflate { start: u64, end: u64 },
    /// Bytes `start..end` of the database file; then [`Explorer::database`].
    Database(u64, u64),
    /// Open.
    Ready,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Stage {
    Opening,
    Inflating {
        wal: bool,
    },
    Header,
    Ready,
    /// A record's file: its local header asked for.
    FileHeader(ZipEntry),
    /// A record's file being inflated.
    File,
}

/// A backup being explored.
pub struct Explorer {
    opening: Opening,
    stage: Stage,
    inflating: Option<Inflating>,
    /// The inflated database's length; the WAL's follows it in the database file.
    db_len: u64,
    wal_len: Option<u64>,
    header: Vec<u8>,
}

impl Explorer {
    /// Explores a backup of `size` bytes.
    pub fn new(size: u64) -> Self {
        Explorer {
            opening: Opening::new(size),
            stage: Stage::Opening,
            inflating: None,
            db_len: 0,
            wal_len: None,
            header: Vec::new(),
        }
    }

    /// The first ask.
    pub fn start(&mut self) -> Result<Ask, Error> {
        let ask = self.opening.start()?;
        self.opened(ask)
    }

    /// The bytes of the last [`Ask::Read`].
    pub fn read(&mut self, bytes: &[u8]) -> Result<Ask, Error> {
        if let Stage::FileHeader(entry) = &self.stage {
            let entry = entry.clone();
            self.stage = Stage::Ready;
            let (start, end) =
                data_range(&entry, bytes, self.opening.size()).map_err(|e| entry_error(&entry.name, e))?;
            self.inflating = Some(Inflating::new(Located { entry, start, end }));
            self.stage = Stage::File;
            return Ok(Ask::Inflate { start, end });
        }
        let ask = self.opening.read(bytes)?;
        self.opened(ask)
    }

    /// Reads the record file `storage/<collection_id>/<record_id>/<name>` out of the
    /// backup: the asks end in an [`Ask::Inflate`] whose bytes are the file (not part of
    /// the database file), then [`Ask::Ready`]. `None` when the backup does not hold it.
    pub fn file(&mut self, collection_id: &str, record_id: &str, name: &str) -> Option<Ask> {
        // A file read before and abandoned (an abort) is dropped.
        if !matches!(self.stage, Stage::Ready | Stage::FileHeader(_) | Stage::File) {
            return None;
        }
        self.inflating = None;
        self.stage = Stage::Ready;
        let entry = self.opening.storage_file(collection_id, record_id, name)?.clone();
        let ask = Ask::Read(
            entry.offset,
            entry
                .offset
                .saturating_add(LOCAL_LEN as u64)
                .min(self.opening.size()),
        );
        self.stage = Stage::FileHeader(entry);
        Some(ask)
    }

    fn opened(&mut self, ask: OpenAsk) -> Result<Ask, Error> {
        match ask {
            OpenAsk::Read(start, end) => Ok(Ask::Read(start, end)),
            OpenAsk::Ready => self.inflate_next(false),
        }
    }

    fn inflate_next(&mut self, wal: bool) -> Result<Ask, Error> {
        let located = if wal {
            self.opening.data_db_wal.clone()
        } else {
            self.opening.data_db.clone()
        };
        match located {
            Some(located) => {
                let ask = Ask::Inflate {
                    start: located.start,
                    end: located.end,
                };
                self.inflating = Some(Inflating::new(located));
                self.stage = Stage::Inflating { wal };
                Ok(ask)
            }
            None => {
                self.stage = Stage::Header;
                Ok(Ask::Database(0, DB_HEADER_LEN.min(self.db_len)))
            }
        }
    }

    /// The next piece of the entry being inflated (see [`Inflating::next`]).
    pub fn inflate(&mut self, piece: &[u8], last: bool) -> Result<Vec<u8>, Error> {
        match self.inflating.as_mut() {
            Some(i) => i.next(piece, last),
            None => Err(Error::client("", "No entry of the backup is being inflated.")),
        }
    }

    /// The entry of the last [`Ask::Inflate`] is all out.
    pub fn inflated(&mut self) -> Result<Ask, Error> {
        let Some(inflating) = self.inflating.take() else {
            return Err(Error::client("", "No entry of the backup is being inflated."));
        };
        let wal = match self.stage {
            Stage::Inflating { wal } => wal,
            Stage::File => {
                self.stage = Stage::Ready;
                inflating.finish()?;
                return Ok(Ask::Ready);
            }
            _ => return Err(Error::client("", "No entry of the backup is being inflated.")),
        };
        let len = inflating.finish()?;
        if wal {
            self.wal_len = Some(len);
            self.stage = Stage::Header;
            Ok(Ask::Database(0, DB_HEADER_LEN.min(self.db_len)))
        } else {
            self.db_len = len;
            self.inflate_next(true)
        }
    }

    /// The bytes of the last [`Ask::Database`].
    pub fn database(&mut self, start: u64, bytes: &[u8]) -> Result<Ask, Error> {
        if self.stage == Stage::Header && start == 0 {
            self.header = bytes.to_vec();
            self.stage = Stage::Ready;
        }
        Ok(Ask::Ready)
    }

    /// The inflated database's length, and its WAL's (which follows it in the file).
    pub fn lengths(&self) -> (u64, Option<u64>) {
        (self.db_len, self.wal_len)
    }

    /// The opening: where the backup's entries are.
    pub fn opening(&self) -> &Opening {
        &self.opening
    }
}
