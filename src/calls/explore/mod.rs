//! The backup explorer: a backup's database read in place (its collections, its
//! records), compared with the live server, and chosen records recovered through the
//! records API. Nothing here performs I/O: the explorer asks for bytes of the backup, for
//! its entries to be inflated into storage the caller keeps (the database and its WAL,
//! one after the other, as one file), for bytes of that file, and for requests; a
//! driver (the npm package's JS, the Rust API's) does them.

mod catalog;
mod compare;
mod database;
mod inflate;
mod open;
mod pages;
mod records;
mod recover;

pub use inflate::{Inflating, OUT_LIMIT};
pub use open::{backup_error, entry_error, Located, Opening};
pub use pages::{PageCache, CACHE_BYTES};

use crate::core::explore::recover::RecoverOptions;
use crate::core::explore::Request;
use crate::core::json::Json;
use crate::core::sqlite::{WalBuilder, WalIndex};
use crate::core::zip::entry::data_range;
use crate::core::zip::format::LOCAL_LEN;
use crate::core::zip::ZipEntry;
use crate::error::Error;
use catalog::{Catalog, CatalogRead};
use compare::Comparison;
use database::Db;
use open::Ask as OpenAsk;
use records::RecordsRead;
use recover::Recovering;

/// What the explorer asks its driver for next.
#[derive(Debug, Clone, PartialEq)]
pub enum Ask {
    /// Bytes `start..end` of the backup; then [`Explorer::read`].
    Read(u64, u64),
    /// Inflate the entry whose data is bytes `start..end` of the backup: hand its pieces
    /// to [`Explorer::inflate`] until it gives out nothing, then [`Explorer::inflated`].
    /// Its bytes are appended to the database file, or, with `file`, are a record's file
    /// that the next [`Ask::Send`] uploads (in the order asked).
    Inflate { start: u64, end: u64, file: bool },
    /// Bytes `start..end` of the database file; then [`Explorer::database`].
    Database(u64, u64),
    /// Send this request; then [`Explorer::answered`].
    Send(Outgoing),
    /// The backup is open: [`Explorer::collections`] lists its collections.
    Ready,
    /// The call is over: its result.
    Done(Json),
    /// Internal to the explorer: file `n` of the record a recovery sends next.
    File(usize),
}

/// A request an explorer's call sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub method: &'static str,
    /// The path and its query, encoded.
    pub path: String,
    pub body: Body,
    /// Whether the call reads an error answer too (else the driver fails the call with it).
    pub errors: bool,
}

impl Outgoing {
    /// A GET whose error answer fails the call.
    pub fn get(request: Request) -> Outgoing {
        Outgoing {
            method: request.method.as_str(),
            path: request.path_and_query(),
            body: Body::Empty,
            errors: false,
        }
    }
}

/// What a request sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Empty,
    /// JSON text.
    Json(String),
    /// A multipart form: `@jsonPayload` holds `json`, then the files read for it, each
    /// as the part `(name, file name)`.
    Form {
        json: String,
        files: Vec<(String, String)>,
    },
}

/// The first bytes of a SQLite database: its header.
pub const DB_HEADER_LEN: u64 = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Stage {
    Opening,
    Inflating {
        wal: bool,
    },
    FirstPage,
    Catalog,
    Ready,
    /// A record's file: its local header asked for.
    FileHeader(ZipEntry),
    /// A record's file being inflated.
    File,
}

/// The call being run.
enum Call {
    Records(RecordsRead),
    Compare(Comparison),
    Recover(Box<Recovering>),
}

/// A backup being explored.
pub struct Explorer {
    opening: Opening,
    stage: Stage,
    inflating: Option<Inflating>,
    /// The inflated database's length; the WAL's follows it in the database file.
    db_len: u64,
    wal: Option<WalBuilder>,
    wal_index: Option<WalIndex>,
    db: Option<Db>,
    catalog_read: Option<CatalogRead>,
    catalog: Catalog,
    call: Option<Call>,
    /// Random bytes for the recovery running (new passwords of auth records).
    random: Vec<u8>,
    /// The last recovery's records answered and records to send.
    progress: (usize, usize),
}

impl Explorer {
    /// Explores a backup of `size` bytes.
    pub fn new(size: u64) -> Self {
        Explorer {
            opening: Opening::new(size),
            stage: Stage::Opening,
            inflating: None,
            db_len: 0,
            wal: None,
            wal_index: None,
            db: None,
            catalog_read: None,
            catalog: Catalog::default(),
            call: None,
            random: Vec::new(),
            progress: (0, 0),
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
            return Ok(Ask::Inflate {
                start,
                end,
                file: true,
            });
        }
        let ask = self.opening.read(bytes)?;
        self.opened(ask)
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
                    file: false,
                };
                self.inflating = Some(Inflating::new(located));
                self.stage = Stage::Inflating { wal };
                if wal {
                    self.wal = Some(WalBuilder::new());
                }
                Ok(ask)
            }
            None => {
                self.stage = Stage::FirstPage;
                let (start, end) = Db::first_page(self.db_len, self.wal_index.as_ref());
                Ok(Ask::Database(start, end))
            }
        }
    }

    /// The next piece of the entry being inflated, and the next run of its bytes, at
    /// most `room` (see [`Inflating::next`]).
    pub fn inflate(&mut self, piece: &[u8], last: bool, room: usize) -> Result<Vec<u8>, Error> {
        let Some(i) = self.inflating.as_mut() else {
            return Err(Error::client("", "No entry of the backup is being inflated."));
        };
        let out = i.next(piece, last, room)?;
        if let Some(w) = self.wal.as_mut() {
            if let Err(e) = w.feed(&out) {
                // A log that is not one is left aside: the database is read as it is.
                let _ = e;
                self.wal = None;
            }
        }
        Ok(out)
    }

    /// The entry of the last [`Ask::Inflate`] is all out.
    pub fn inflated(&mut self) -> Result<Ask, Error> {
        let Some(inflating) = self.inflating.take() else {
            return Err(Error::client("", "No entry of the backup is being inflated."));
        };
        match self.stage {
            Stage::Inflating { wal: false } => {
                self.db_len = inflating.finish()?;
                self.inflate_next(true)
            }
            Stage::Inflating { wal: true } => {
                inflating.finish()?;
                self.wal_index = self.wal.take().map(WalBuilder::finish).filter(|w| !w.is_empty());
                self.stage = Stage::FirstPage;
                let (start, end) = Db::first_page(self.db_len, self.wal_index.as_ref());
                Ok(Ask::Database(start, end))
            }
            Stage::File => {
                self.stage = Stage::Ready;
                inflating.finish()?;
                if let Some(Call::Recover(r)) = self.call.as_mut() {
                    r.file_read();
                }
                self.resume(None)
            }
            _ => Err(Error::client("", "No entry of the backup is being inflated.")),
        }
    }

    /// The bytes of the database file from `start`, as the last [`Ask::Database`] asked.
    pub fn database(&mut self, start: u64, bytes: &[u8]) -> Result<Ask, Error> {
        match self.stage {
            Stage::FirstPage => {
                let db = Db::open(bytes, self.db_len, self.wal_index.take()).map_err(|e| {
                    if e.code() == Some("sqlite_not_a_database") {
                        backup_error(
                            "backup_not_pocketbase",
                            "The backup's data.db is not a SQLite database: it is not a backup of a PocketBase or BosBase server.",
                        )
                    } else {
                        e
                    }
                })?;
                self.db = Some(db);
                self.catalog_read = Some(CatalogRead::default());
                self.stage = Stage::Catalog;
                self.read_catalog()
            }
            Stage::Catalog => {
                self.db_mut()?.give(start, bytes);
                self.read_catalog()
            }
            _ => {
                self.db_mut()?.give(start, bytes);
                self.resume(None)
            }
        }
    }

    fn db_mut(&mut self) -> Result<&mut Db, Error> {
        self.db
            .as_mut()
            .ok_or_else(|| Error::client("", "The backup's database is not open."))
    }

    fn read_catalog(&mut self) -> Result<Ask, Error> {
        let (Some(read), Some(db)) = (self.catalog_read.as_mut(), self.db.as_mut()) else {
            return Err(Error::client("", "The backup's database is not open."));
        };
        match read.step(db)? {
            Err((start, end)) => Ok(Ask::Database(start, end)),
            Ok(catalog) => {
                self.catalog = catalog;
                self.catalog_read = None;
                self.stage = Stage::Ready;
                Ok(Ask::Ready)
            }
        }
    }

    /// `x.collections`, once open.
    pub fn collections(&self) -> Json {
        self.catalog.to_json()
    }

    /// Whether the backup carried a `data.db-wal`, and how many pages it held a
    /// committed version of (read over the database's own).
    pub fn wal_pages(&self) -> Option<usize> {
        self.db.as_ref().and_then(Db::wal_pages)
    }

    fn begin(&mut self, call: Call) -> Result<Ask, Error> {
        if self.db.is_none() || !matches!(self.stage, Stage::Ready | Stage::File | Stage::FileHeader(_)) {
            return Err(Error::client("", "The backup is not open."));
        }
        // A call abandoned before (an abort) is dropped with its file.
        self.stage = Stage::Ready;
        self.inflating = None;
        if let Some(db) = self.db.as_mut() {
            db.reset();
        }
        self.call = Some(call);
        self.resume(None)
    }

    /// `records()`: page `page` of `per_page` records of `name` (of those with `ids`).
    pub fn records(
        &mut self,
        name: &str,
        page: u64,
        per_page: u64,
        ids: Option<Vec<String>>,
    ) -> Result<Ask, Error> {
        let call = RecordsRead::new(&self.catalog, name, page, per_page, ids)?;
        self.begin(Call::Records(call))
    }

    /// `compare()` with the live server.
    pub fn compare(&mut self) -> Result<Ask, Error> {
        self.begin(Call::Compare(Comparison::default()))
    }

    /// `recover()`: `ids` of `name` created again live; `random`: 24 random bytes per id
    /// (new passwords of auth records).
    pub fn recover(
        &mut self,
        name: &str,
        ids: &[String],
        options: RecoverOptions,
        random: Vec<u8>,
    ) -> Result<Ask, Error> {
        let call = Recovering::new(&self.catalog, name, ids, options)?;
        self.random = random;
        self.progress = (0, 0);
        self.begin(Call::Recover(Box::new(call)))
    }

    /// Records a recovery has answered so far, and how many it sends in all (0 until
    /// the backup's rows are read).
    pub fn recovered(&self) -> (usize, usize) {
        self.progress
    }

    /// The answer to the last [`Ask::Send`]: its status and body text.
    pub fn answered(&mut self, status: u16, text: &str) -> Result<Ask, Error> {
        let body = Json::parse(text).unwrap_or_default();
        self.resume(Some((status, body)))
    }

    fn resume(&mut self, answer: Option<(u16, Json)>) -> Result<Ask, Error> {
        let (Some(call), Some(db)) = (self.call.as_mut(), self.db.as_mut()) else {
            return Err(Error::client("", "No call of the explorer is running."));
        };
        let ask = match call {
            Call::Records(r) => match r.step(&self.catalog, db)? {
                Err((start, end)) => Ask::Database(start, end),
                Ok(page) => Ask::Done(page),
            },
            Call::Compare(c) => c.step(&self.catalog, db, answer.map(|(_, body)| body))?,
            Call::Recover(r) => {
                let pool = &mut self.random;
                let mut random = |buf: &mut [u8]| {
                    let n = buf.len().min(pool.len());
                    buf[..n].copy_from_slice(&pool[pool.len() - n..]);
                    pool.truncate(pool.len() - n);
                };
                let stepped = r.step(&self.catalog, db, answer, &mut random);
                self.progress = (r.done, r.total());
                let mut ask = stepped?;
                // A file of the record to send: its local header first.
                while let Ask::File(index) = ask {
                    let collection_id = self
                        .catalog
                        .find(&r.name())
                        .map(|(c, _)| c.id.clone())
                        .unwrap_or_default();
                    let opening = &self.opening;
                    match r.file(
                        index,
                        |c, id, name| opening.storage_file(c, id, name),
                        &collection_id,
                    ) {
                        Some(entry) => {
                            let entry = entry.clone();
                            let start = entry.offset;
                            self.stage = Stage::FileHeader(entry);
                            return Ok(Ask::Read(
                                start,
                                start.saturating_add(LOCAL_LEN as u64).min(self.opening.size()),
                            ));
                        }
                        None => {
                            r.skip_file(index);
                            ask = r.step(&self.catalog, db, None, &mut random)?;
                            self.progress = (r.done, r.total());
                        }
                    }
                }
                ask
            }
        };
        if let Ask::Done(_) = ask {
            self.call = None;
            self.random.clear();
        }
        Ok(ask)
    }
}
