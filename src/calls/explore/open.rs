//! Opening a backup to explore it: its central directory read through the inspection's
//! steps, then where its `data.db` (and a `data.db-wal` beside it, if any) and its
//! record files are. The caller reads the bytes asked for and inflates the entries
//! named (with [`EntryReader`](crate::core::zip::entry::EntryReader)) into storage of
//! its own; nothing here holds the backup's bytes.

use super::super::{Env, Inspect, Output, Plan, Step};
use crate::core::zip::entry::{data_range, EntryError};
use crate::core::zip::extract::{extraction_path, DATA_DB};
use crate::core::zip::format::LOCAL_LEN;
use crate::core::zip::{ZipEntry, ZipError};
use crate::error::Error;

/// The folder of record files in a backup: `storage/<collectionId>/<recordId>/<file>`.
const STORAGE: &[u8] = b"storage";
/// The write-ahead log a database copied while in WAL mode leaves beside it.
const DATA_DB_WAL: &[u8] = b"data.db-wal";

/// What the opening asks the caller for next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Read bytes `start..end` of the backup; then [`Opening::read`].
    Read(u64, u64),
    /// The backup's entries are known: the caller inflates the database (and the WAL).
    Ready,
}

/// An error about the backup itself (not a request): status 0, `response.code` says
/// what is wrong.
pub fn backup_error(code: &str, message: &str) -> Error {
    Error::unreadable(code, message)
}

fn zip_error(e: ZipError) -> Error {
    backup_error(e.code(), e.message())
}

/// An entry's error, naming the entry.
pub fn entry_error(name: &str, e: EntryError) -> Error {
    backup_error(e.code(), &[name, ": ", e.message()].concat())
}

/// An entry the caller inflates: where its data is in the backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub entry: ZipEntry,
    pub start: u64,
    pub end: u64,
}

/// Where the reading is.
#[derive(Debug)]
enum Stage {
    Directory(Inspect),
    /// The local header of the database (then of the WAL), to find where its data starts.
    Header {
        wal: bool,
    },
    Ready,
}

/// Opening a backup of `size` bytes.
#[derive(Debug)]
pub struct Opening {
    size: u64,
    stage: Stage,
    entries: Vec<ZipEntry>,
    db: Option<ZipEntry>,
    wal: Option<ZipEntry>,
    /// Found so far.
    pub data_db: Option<Located>,
    pub data_db_wal: Option<Located>,
}

impl Opening {
    pub fn new(size: u64) -> Self {
        Opening {
            size,
            stage: Stage::Directory(Inspect::new(size)),
            entries: Vec::new(),
            db: None,
            wal: None,
            data_db: None,
            data_db_wal: None,
        }
    }

    /// The first ask.
    pub fn start(&mut self) -> Result<Ask, Error> {
        match &mut self.stage {
            Stage::Directory(inspect) => {
                let step = inspect.start(Env::default());
                self.directory_step(step)
            }
            _ => Ok(self.ask()),
        }
    }

    /// The bytes of the last `Ask::Read`.
    pub fn read(&mut self, bytes: &[u8]) -> Result<Ask, Error> {
        match &mut self.stage {
            Stage::Directory(inspect) => {
                let step = inspect.read(Ok(bytes), Env::default());
                self.directory_step(step)
            }
            Stage::Header { wal } => {
                let wal = *wal;
                let entry = if wal { self.wal.as_ref() } else { self.db.as_ref() };
                let Some(entry) = entry else { return Ok(self.ask()) };
                let (start, end) =
                    data_range(entry, bytes, self.size).map_err(|e| entry_error(&entry.name, e))?;
                let located = Located {
                    entry: entry.clone(),
                    start,
                    end,
                };
                if wal {
                    self.data_db_wal = Some(located);
                } else {
                    self.data_db = Some(located);
                }
                self.stage = match (wal, &self.wal) {
                    (false, Some(_)) => Stage::Header { wal: true },
                    _ => Stage::Ready,
                };
                Ok(self.ask())
            }
            Stage::Ready => Ok(Ask::Ready),
        }
    }

    fn directory_step(&mut self, step: Step) -> Result<Ask, Error> {
        let Stage::Directory(inspect) = &mut self.stage else {
            return Ok(self.ask());
        };
        match step {
            Step::Read(start, end) => Ok(Ask::Read(start, end)),
            Step::Done(Err(e)) => Err(e),
            Step::Done(Ok(())) => {
                let done = std::mem::replace(inspect, Inspect::new(0));
                let summary = done.output()?.verdict.map_err(zip_error)?;
                self.found(summary.entries)
            }
            _ => Err(Error::client(
                "",
                "The backup's reading asked for something unexpected.",
            )),
        }
    }

    /// The entries are known: the database is the last file the restore would write to
    /// `data.db` (a later one overwrites an earlier one).
    fn found(&mut self, entries: Vec<ZipEntry>) -> Result<Ask, Error> {
        let path = |e: &ZipEntry| extraction_path(e.name.as_bytes()).filter(|_| !e.is_dir);
        self.db = entries
            .iter()
            .rev()
            .find(|e| path(e).as_deref() == Some(DATA_DB))
            .cloned();
        self.wal = entries
            .iter()
            .rev()
            .find(|e| path(e).as_deref() == Some(DATA_DB_WAL))
            .cloned();
        self.entries = entries;
        if self.db.is_none() {
            return Err(backup_error(
                "backup_missing_data_db",
                "The zip has no data.db: it is not a backup of a PocketBase or BosBase server.",
            ));
        }
        self.stage = Stage::Header { wal: false };
        Ok(self.ask())
    }

    fn ask(&self) -> Ask {
        let entry = match self.stage {
            Stage::Header { wal: false } => self.db.as_ref(),
            Stage::Header { wal: true } => self.wal.as_ref(),
            _ => None,
        };
        match entry {
            Some(e) => Ask::Read(e.offset, e.offset.saturating_add(LOCAL_LEN as u64).min(self.size)),
            None => Ask::Ready,
        }
    }

    /// The record file `storage/<collection_id>/<record_id>/<name>` (as the restore would
    /// write it), if the backup holds it.
    pub fn storage_file(&self, collection_id: &str, record_id: &str, name: &str) -> Option<&ZipEntry> {
        let want = [
            STORAGE,
            b"/",
            collection_id.as_bytes(),
            b"/",
            record_id.as_bytes(),
            b"/",
            name.as_bytes(),
        ]
        .concat();
        self.entries
            .iter()
            .rev()
            .find(|e| !e.is_dir && extraction_path(e.name.as_bytes()).as_deref() == Some(&want[..]))
    }

    /// The backup's size in bytes.
    pub fn size(&self) -> u64 {
        self.size
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bosbase_backups_test_zip::{write_archive, Archive, Layout, ZipFile};

    /// Runs an opening over `layout` to its end.
    fn open(layout: &Layout) -> Result<Opening, Error> {
        let mut opening = Opening::new(layout.size());
        let mut ask = opening.start()?;
        for _ in 0..100 {
            match ask {
                Ask::Read(start, end) => ask = opening.read(&layout.read(start, end - start))?,
                Ask::Ready => return Ok(opening),
            }
        }
        panic!("the opening never ended");
    }

    fn archive(entries: Vec<ZipFile>) -> Layout {
        write_archive(&Archive {
            entries,
            ..Archive::default()
        })
    }

    #[test]
    fn finds_the_database_its_wal_and_the_record_files() {
        let layout = archive(vec![
            ZipFile::deflated("data.db", b"first"),
            ZipFile::deflated("storage/c1/r1/a_x1.txt", b"a"),
            ZipFile::deflated("./data.db", b"the one the restore keeps"),
            ZipFile::stored("data.db-wal", b"wal"),
        ]);
        let o = open(&layout).expect("opened");
        let db = o.data_db.as_ref().expect("data.db");
        assert_eq!(db.entry.name, "./data.db");
        assert_eq!(
            layout.read(db.start, db.end - db.start).len() as u64,
            db.entry.compressed_size
        );
        let wal = o.data_db_wal.as_ref().expect("the wal");
        assert_eq!(layout.read(wal.start, wal.end - wal.start), b"wal");
        assert_eq!(
            o.storage_file("c1", "r1", "a_x1.txt").map(|e| e.name.as_str()),
            Some("storage/c1/r1/a_x1.txt")
        );
        assert_eq!(o.storage_file("c1", "r1", "b.txt"), None);
    }

    #[test]
    fn a_zip_without_a_database_or_not_a_zip_is_refused() {
        let e = open(&archive(vec![ZipFile::deflated("notes.txt", b"x")])).unwrap_err();
        assert_eq!(e.code(), Some("backup_missing_data_db"));
        assert_eq!(e.status, 0);
        let e = open(&Layout::plain(b"not a zip at all, just text".to_vec())).unwrap_err();
        assert_eq!(e.code(), Some("zip_not_zip"));
    }
}
