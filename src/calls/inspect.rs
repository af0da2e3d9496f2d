//! Looking inside a zip (`backups.inspect`, and an upload's check before it sends a
//! byte): only its central directory is read, through [`Step::Read`] of ranges of the
//! file, so the cost does not depend on the file's size.

use super::{Answer, Env, Output, Plan, Step};
use crate::core::json::Json;
use crate::core::zip::{
    locate_central_directory, locate_from_zip64_record, summarize, CdLocation, CentralDirectoryParser,
    ZipError, ZipSummary, MAX_CENTRAL_DIRECTORY_SIZE, TAIL_LEN,
};
use crate::error::Error;

/// How much of the central directory is read at a time.
pub const CD_PIECE: u64 = 256 * 1024;

/// What an inspection found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// The file's size in bytes.
    pub size: u64,
    /// The archive's contents, or why it cannot be read as a zip.
    pub verdict: Result<ZipSummary, ZipError>,
}

impl Inspection {
    /// As JSON: the `ZipInspection` object of the JS API (declared in
    /// src/npm/package.d.ts; tests/typescript.rs holds the two to each other).
    pub fn to_json(&self) -> Json {
        let (entries, zip64, total, error) = match &self.verdict {
            Ok(s) => (&s.entries[..], s.zip64, s.total_uncompressed, Json::Null),
            Err(e) => (
                &[][..],
                false,
                0,
                Json::object([("code", Json::str(e.code())), ("message", Json::str(e.message()))]),
            ),
        };
        let entries = entries.iter().map(|e| {
            Json::object([
                ("name", Json::str(&e.name)),
                ("size", Json::uint(e.uncompressed_size)),
                ("compressedSize", Json::uint(e.compressed_size)),
                ("method", Json::uint(u64::from(e.method))),
                ("isDir", Json::Bool(e.is_dir)),
            ])
        });
        Json::object([
            ("size", Json::uint(self.size)),
            ("valid", Json::Bool(self.verdict.is_ok())),
            ("isBackup", Json::Bool(self.is_backup())),
            ("zip64", Json::Bool(zip64)),
            ("entries", Json::Array(entries.collect())),
            ("totalUncompressed", Json::uint(total)),
            ("error", error),
        ])
    }

    /// True for a readable zip holding `data.db`: what this server's backups hold.
    pub fn is_backup(&self) -> bool {
        self.verdict.as_ref().is_ok_and(|s| s.has_data_db)
    }

    /// Why an upload of this file is refused, shaped like the server's own answer for
    /// a file it refuses (400, `response.data.file.code`); `None` when it looks right.
    pub fn upload_error(&self) -> Option<Error> {
        match &self.verdict {
            Err(e) => Some(Error::validation("file", e.code(), e.message(), None)),
            Ok(s) if !s.has_data_db => Some(Error::validation(
                "file",
                "backup_missing_data_db",
                "The zip has no data.db, so it is not a backup of this server: restoring it would do nothing.",
                None,
            )),
            Ok(_) => None,
        }
    }
}

/// Where the reading is.
#[derive(Debug)]
enum Stage {
    Tail,
    Zip64Record,
    /// The directory, up to `end`, read up to `at`.
    Directory {
        parser: CentralDirectoryParser,
        at: u64,
        end: u64,
        zip64: bool,
    },
    Over,
}

/// The plan of an inspection of a file of `size` bytes. Resolves with an
/// [`Inspection`] for any bytes; fails only when the file cannot be read.
#[derive(Debug)]
pub struct Inspect {
    size: u64,
    stage: Stage,
    verdict: Option<Result<ZipSummary, ZipError>>,
}

impl Inspect {
    pub fn new(size: u64) -> Self {
        Inspect {
            size,
            stage: Stage::Tail,
            verdict: None,
        }
    }

    fn done(&mut self, verdict: Result<ZipSummary, ZipError>) -> Step {
        self.stage = Stage::Over;
        self.verdict = Some(verdict);
        Step::Done(Ok(()))
    }

    /// The directory found: read piece by piece, so that wasm memory holds the entries
    /// read so far and one piece, never the directory the end record claims, and a
    /// directory that is not one is refused at its first bad entry.
    fn located(&mut self, location: Result<CdLocation, ZipError>) -> Step {
        match location {
            Ok(CdLocation::Found {
                offset,
                size,
                entries,
                zip64,
            }) => {
                if size > MAX_CENTRAL_DIRECTORY_SIZE {
                    return self.done(Err(ZipError::CentralDirectoryTooLarge));
                }
                match CentralDirectoryParser::new(entries, zip64) {
                    Ok(parser) => {
                        let end = offset.saturating_add(size);
                        self.stage = Stage::Directory {
                            parser,
                            at: offset,
                            end,
                            zip64,
                        };
                        self.next_piece()
                    }
                    Err(e) => self.done(Err(e)),
                }
            }
            Ok(CdLocation::NeedZip64Record { offset, len }) if matches!(self.stage, Stage::Tail) => {
                self.stage = Stage::Zip64Record;
                Step::Read(offset, offset.saturating_add(len))
            }
            Ok(CdLocation::NeedZip64Record { .. }) => self.done(Err(ZipError::Corrupt)),
            Err(e) => self.done(Err(e)),
        }
    }

    fn next_piece(&mut self) -> Step {
        let Stage::Directory { at, end, .. } = &self.stage else {
            return Step::Done(Ok(()));
        };
        let (at, end) = (*at, *end);
        if at < end {
            return Step::Read(at, at.saturating_add(CD_PIECE).min(end));
        }
        match std::mem::replace(&mut self.stage, Stage::Over) {
            Stage::Directory { parser, zip64, .. } => {
                let verdict = parser.finish().map(|e| summarize(e, zip64));
                self.done(verdict)
            }
            _ => Step::Done(Ok(())),
        }
    }
}

impl Output for Inspect {
    type Value = Inspection;
    fn output(self) -> Result<Inspection, Error> {
        Ok(Inspection {
            size: self.size,
            verdict: self.verdict.unwrap_or(Err(ZipError::Corrupt)),
        })
    }
}

impl Plan for Inspect {
    fn start(&mut self, _env: Env) -> Step {
        if self.size == 0 {
            return self.done(Err(ZipError::Empty));
        }
        Step::Read(self.size.saturating_sub(TAIL_LEN), self.size)
    }

    fn read(&mut self, bytes: Result<&[u8], Error>, _env: Env) -> Step {
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => return Step::Done(Err(e)),
        };
        match &mut self.stage {
            Stage::Tail => {
                let location = locate_central_directory(self.size, bytes);
                self.located(location)
            }
            Stage::Zip64Record => {
                let location = locate_from_zip64_record(self.size, bytes);
                self.located(location)
            }
            Stage::Directory { parser, at, end, .. } => {
                if let Err(e) = parser.feed(bytes) {
                    return self.done(Err(e));
                }
                *at = at.saturating_add(CD_PIECE).min(*end);
                self.next_piece()
            }
            Stage::Over => Step::Done(Ok(())),
        }
    }

    fn answered(&mut self, _outcome: Result<Answer, Error>, _env: Env) -> Step {
        Step::Done(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::zip::MAX_NAME_BYTES;
    use bosbase_backups_test_zip::{write_archive, Archive, ZipFile};

    /// Runs the plan over `bytes`, as a driver reading ranges of a file does.
    fn inspect(bytes: &[u8]) -> (Inspection, usize) {
        let mut plan = Inspect::new(bytes.len() as u64);
        let mut step = plan.start(Env::default());
        let mut reads = 0;
        loop {
            step = match step {
                Step::Read(start, end) => {
                    reads += 1;
                    plan.read(Ok(&bytes[start as usize..end as usize]), Env::default())
                }
                Step::Done(Ok(())) => return (plan.output().unwrap(), reads),
                other => panic!("{other:?}"),
            };
        }
    }

    #[test]
    fn a_backup_is_read_from_its_directory_only() {
        let archive = Archive {
            entries: vec![ZipFile::stored("data.db", b"SQLite format 3\0")],
            ..Default::default()
        };
        let bytes = write_archive(&archive).bytes;
        let (found, reads) = inspect(&bytes);
        assert!(found.is_backup());
        assert_eq!(found.size, bytes.len() as u64);
        assert_eq!(reads, 2);
        assert!(found.upload_error().is_none());
    }

    #[test]
    fn what_is_not_a_backup_says_why() {
        let (empty, reads) = inspect(&[]);
        assert_eq!((empty.verdict, reads), (Err(ZipError::Empty), 0));
        let (junk, _) = inspect(b"not a zip at all");
        assert_eq!(junk.upload_error().map(|e| e.status), Some(400));
        let no_db = Archive {
            entries: vec![ZipFile::stored("notes.txt", b"hi")],
            ..Default::default()
        };
        let (other, _) = inspect(&write_archive(&no_db).bytes);
        assert_eq!(
            other
                .upload_error()
                .and_then(|e| e.field_code("file").map(str::to_string))
                .as_deref(),
            Some("backup_missing_data_db")
        );
    }

    #[test]
    fn names_past_their_limit_are_refused_with_their_own_code() {
        // A valid directory of the longest names, past MAX_NAME_BYTES: refused while
        // it is read (not after), and the verdict reaches the caller as every other.
        let name = "n".repeat(65_535);
        let n = MAX_NAME_BYTES / 65_535 + 1;
        let mut entries: Vec<ZipFile> = (0..n).map(|_| ZipFile::stored(&name, b"")).collect();
        entries.push(ZipFile::stored("data.db", b"SQLite format 3\0"));
        let bytes = write_archive(&Archive {
            entries,
            ..Default::default()
        })
        .bytes;
        let (found, reads) = inspect(&bytes);
        assert_eq!(found.verdict.as_ref().err(), Some(&ZipError::NamesTooLarge));
        let pieces = (MAX_NAME_BYTES / CD_PIECE) as usize;
        assert!((pieces..pieces + 3).contains(&reads), "{reads} reads");
        let json = found.to_json();
        let error = json
            .get("error")
            .and_then(|e| e.get("code"))
            .and_then(Json::as_str);
        assert_eq!(error, Some("zip_names_too_large"));
        let refused = found.upload_error().unwrap();
        assert_eq!(refused.status, 400);
        assert_eq!(refused.field_code("file"), Some("zip_names_too_large"));
    }

    #[test]
    fn a_file_that_cannot_be_read_fails_the_call() {
        let mut plan = Inspect::new(100);
        assert!(matches!(plan.start(Env::default()), Step::Read(0, 100)));
        let unreadable = Error::client("", "The file could not be read: gone");
        assert!(matches!(
            plan.read(Err(unreadable), Env::default()),
            Step::Done(Err(_))
        ));
    }
}
