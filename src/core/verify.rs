//! Verifying a backup in one pass over its bytes, as a test restore would read it but
//! without writing anything: every entry is inflated and its CRC-32 checked, `data.db`
//! and `auxiliary.db` must be SQLite databases of a plausible size, and the central
//! directory must list what the file holds. The server's restore opens the entries the
//! central directory describes and writes each where its name leads
//! ([`crate::core::zip::extract`]): each local header must agree with the directory, no
//! name may lead out of the restored folder or to where another entry was written, and
//! `data.db` must become a file its server can read and write.
//!
//! The bytes arrive in pieces of any size ([`Verifier::feed`]); the state kept between
//! them is bounded (a record being read, at most ~192 KiB; the 32 KiB inflate window;
//! the first 100 bytes of a database), whatever the archive's size, but for about 32
//! bytes per entry (what its local header said, and where it is extracted to) for at
//! most [`MAX_ENTRIES`] entries. Entries are read
//! from their local headers, so the sizes that the server's zip writer puts only after
//! the data (a data descriptor, what PocketBase writes) are no obstacle: the end of a
//! deflated entry is where its deflate stream ends. Any input gives a report, never a
//! panic.

use miniz_oxide::inflate::core::inflate_flags::TINFL_FLAG_HAS_MORE_INPUT;
use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

use super::crc32::{Crc32, Crc32Table};
use super::json::Json;
use super::models::FromJson;
use super::zip::extract::{extraction_path, is_portable, ExtractedMode, FileKind, AUXILIARY_DB, DATA_DB};
use super::zip::format::{
    le16, le32, le64, len_u64, zip64_extra, CENTRAL_LEN, CENTRAL_SIG, DESCRIPTOR_SIG, EOCD64_HEAD_LEN,
    EOCD64_SIG, EOCD_LEN, EOCD_SIG, FLAG_DESCRIPTOR, FLAG_ENCRYPTED, FLAG_STRONG_ENCRYPTION, LOCAL_LEN,
    LOCAL_SIG, LOCATOR_LEN, LOCATOR_SIG, METHOD_AES, METHOD_DEFLATED, METHOD_STORED,
};
use super::zip::{ZipError, MAX_ENTRIES};

/// An entry whose inflated size passes [`BOMB_MIN_SIZE`] while exceeding its compressed
/// size this many times over is a zip bomb (real databases compress far less).
pub const MAX_RATIO: u64 = 500;
/// Below this inflated size an entry is never called a zip bomb (8 MiB).
pub const BOMB_MIN_SIZE: u64 = 8 * 1024 * 1024;
/// Past this many bytes inflated in all (1 GiB), the entries together must not inflate
/// to more than [`MAX_RATIO`] times the compressed bytes they were read from. Each entry
/// is held to that ratio only past [`BOMB_MIN_SIZE`], and deflate reaches about 1,000×:
/// 10,000 entries of 8 MiB of zeros are an 80 MB zip that a restore writes as 80 GiB,
/// which this stops after the first GiB. A real backup is nowhere near: its databases
/// deflate 2 to 10 times and its uploaded files (images, documents, archives) barely,
/// so a pb_data of a 4 GiB `data.db` and 20 GiB of files is about 1.2× as a whole (and
/// a database past 8 MiB is held to 500× on its own already).
pub const ARCHIVE_BOMB_MIN_SIZE: u64 = 1 << 30;
/// The most the entries may inflate to in all (1 TiB), whatever their ratio: a bound on
/// what the ratio lets through from a large file (a 4 GiB zip at 500× is 2 TiB). The
/// restore extracts beside the data it replaces, so the server would need twice this on
/// one disk; a pb_data of a multi-GB `data.db` and hundreds of GB of uploaded files
/// stays well under it.
pub const MAX_ARCHIVE_SIZE: u64 = 1 << 40;
/// The most problems reported; verification goes on, further ones are not listed.
pub const MAX_PROBLEMS: usize = 100;

/// The folder of the archive that holds the server's uploaded files.
const STORAGE_PREFIX: &[u8] = b"storage/";
/// The suffix of the metadata file the server stores beside each uploaded file.
const ATTRS_SUFFIX: &[u8] = b".attrs";
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
const SQLITE_HEADER_LEN: usize = 100;

const WINDOW: usize = 32 * 1024;

/// The flags that change how the server reads an entry's data (encryption, a data
/// descriptor after it); the others (e.g. UTF-8 names) may differ between the two
/// headers.
const READING_FLAGS: u16 = FLAG_ENCRYPTED | FLAG_DESCRIPTOR | FLAG_STRONG_ENCRYPTION;

/// What is wrong, as a stable identifier for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// The file has no bytes.
    Empty,
    /// The file does not start like a zip archive.
    NotZip,
    /// The file ends before the archive does.
    Truncated,
    /// Bytes where a zip record should start are something else.
    Corrupt,
    /// The entry is encrypted: its data cannot be checked (and the server cannot restore it).
    Encrypted,
    /// The entry uses a compression method other than stored (0) or deflate (8).
    UnsupportedMethod,
    /// The entry's size is stated only after its data, and its method does not show where
    /// the data ends (stored or unknown with a data descriptor).
    SizeUnknown,
    /// The deflated data is not a valid deflate stream.
    BadDeflate,
    /// The data's CRC-32 differs from the one recorded.
    CrcMismatch,
    /// The data's size differs from the one recorded.
    SizeMismatch,
    /// The entry inflates to more than [`MAX_RATIO`] times its compressed size.
    ZipBomb,
    /// The central directory does not list the entries the file holds.
    DirectoryMismatch,
    /// More than [`MAX_ENTRIES`] entries: too many to check.
    TooManyEntries,
    /// The entries inflate to more than [`MAX_ARCHIVE_SIZE`] in all, or past
    /// [`ARCHIVE_BOMB_MIN_SIZE`] to more than [`MAX_RATIO`] times their compressed size.
    ArchiveTooLarge,
    /// An entry's local header and its central directory record disagree on its name,
    /// compression method or the flags that change how it is read: the server extracts
    /// what the directory describes, not what was checked.
    HeaderMismatch,
    /// An entry's name leads out of the folder the server extracts into (which refuses
    /// the archive), or is absolute or climbs out with backslashes (which other tools
    /// extract outside their folder).
    UnsafePath,
    /// An entry is extracted to the path of an earlier one, which it overwrites.
    DuplicatePath,
    /// The archive has no `data.db`: restoring it would do nothing.
    MissingDataDb,
    /// `data.db` is stored as a symbolic link (which the restore skips) or a folder:
    /// the restored server has no database.
    DataDbNotAFile,
    /// A database's stored permissions do not let its owner read and write it: a
    /// server not running as root cannot open it after the restore.
    DatabaseMode,
    /// A database entry does not start with the SQLite header.
    NotSqlite,
    /// A database's page size is not a power of two from 512 to 65536.
    SqlitePageSize,
    /// A database's size is not a whole number of pages, or not the page count its
    /// header states.
    SqliteSize,
}

impl Code {
    /// Every code, in the order of the TypeScript `VerifyProblemCode`.
    pub const ALL: [Code; 23] = [
        Code::Empty,
        Code::NotZip,
        Code::Truncated,
        Code::Corrupt,
        Code::DirectoryMismatch,
        Code::TooManyEntries,
        Code::ArchiveTooLarge,
        Code::Encrypted,
        Code::UnsupportedMethod,
        Code::SizeUnknown,
        Code::BadDeflate,
        Code::CrcMismatch,
        Code::SizeMismatch,
        Code::ZipBomb,
        Code::HeaderMismatch,
        Code::UnsafePath,
        Code::DuplicatePath,
        Code::MissingDataDb,
        Code::DataDbNotAFile,
        Code::DatabaseMode,
        Code::NotSqlite,
        Code::SqlitePageSize,
        Code::SqliteSize,
    ];

    /// The code whose identifier is `s`.
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The identifier, e.g. `"entry_crc_mismatch"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            // The archive's own problems: the codes the central-directory reader gives.
            Code::Empty => ZipError::Empty.code(),
            Code::NotZip => ZipError::NotZip.code(),
            Code::Truncated => ZipError::Truncated.code(),
            Code::Corrupt => ZipError::Corrupt.code(),
            Code::TooManyEntries => ZipError::TooManyEntries.code(),
            Code::ArchiveTooLarge => "archive_too_large",
            Code::Encrypted => "entry_encrypted",
            Code::UnsupportedMethod => "entry_unsupported_method",
            Code::SizeUnknown => "entry_size_unknown",
            Code::BadDeflate => "entry_bad_deflate",
            Code::CrcMismatch => "entry_crc_mismatch",
            Code::SizeMismatch => "entry_size_mismatch",
            Code::ZipBomb => "entry_zip_bomb",
            Code::DirectoryMismatch => "zip_directory_mismatch",
            Code::HeaderMismatch => "entry_header_mismatch",
            Code::UnsafePath => "entry_unsafe_path",
            Code::DuplicatePath => "entry_duplicate_path",
            Code::MissingDataDb => "backup_missing_data_db",
            Code::DataDbNotAFile => "backup_data_db_not_a_file",
            Code::DatabaseMode => "backup_database_bad_mode",
            Code::NotSqlite => "sqlite_not_database",
            Code::SqlitePageSize => "sqlite_bad_page_size",
            Code::SqliteSize => "sqlite_size_mismatch",
        }
    }
}

/// One thing found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The entry's name; empty for the archive as a whole.
    pub entry: String,
    pub code: Code,
    /// A sentence for the user.
    pub message: String,
}

/// What verification found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VerifyReport {
    /// Entries read (directories included).
    pub entries: u64,
    /// Bytes of the archive read.
    pub bytes: u64,
    /// Bytes the entries inflated to.
    pub inflated_bytes: u64,
    /// Files under `storage/` (the server's uploaded files), not counting the `.attrs`
    /// metadata file the server keeps beside each.
    pub storage_files: u64,
    /// Everything found wrong, in file order; empty when the backup is sound.
    pub problems: Vec<Problem>,
}

impl VerifyReport {
    /// True when nothing was found wrong.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// The report as JSON: the `VerifyReport` object of the JS API, and what crosses
    /// from the tools module to the core.
    pub fn to_json(&self) -> Json {
        let problems = self
            .problems
            .iter()
            .map(|p| {
                Json::object([
                    ("entry", Json::str(&p.entry)),
                    ("code", Json::str(p.code.as_str())),
                    ("message", Json::str(&p.message)),
                ])
            })
            .collect();
        Json::object([
            ("ok", Json::Bool(self.ok())),
            ("entries", Json::uint(self.entries)),
            ("bytes", Json::uint(self.bytes)),
            ("inflatedBytes", Json::uint(self.inflated_bytes)),
            ("storageFiles", Json::uint(self.storage_files)),
            ("problems", Json::Array(problems)),
        ])
    }
}

impl FromJson for VerifyReport {
    fn from_json(v: &Json) -> Option<Self> {
        let text = |o: &Json, f: &str| o.get(f).and_then(Json::as_str).map(str::to_string);
        let problems = v.get("problems")?.as_array()?.iter().map(|p| {
            Some(Problem {
                entry: text(p, "entry")?,
                code: Code::parse(p.get("code")?.as_str()?)?,
                message: text(p, "message")?,
            })
        });
        Some(VerifyReport {
            entries: v.get("entries")?.as_u64()?,
            bytes: v.get("bytes")?.as_u64()?,
            inflated_bytes: v.get("inflatedBytes")?.as_u64()?,
            storage_files: v.get("storageFiles")?.as_u64()?,
            problems: problems.collect::<Option<_>>()?,
        })
    }
}

/// Checks the first bytes (at least 100 for a pass) of a database entry of `size` bytes:
/// the SQLite header, a page size that is a power of two from 512 to 65536, and a size
/// that is a whole number of pages and, where the header's page count is valid (its
/// change counter matches), that count of pages.
pub fn check_sqlite(head: &[u8], size: u64) -> Result<(), (Code, String)> {
    let header = match head.get(..SQLITE_HEADER_LEN) {
        Some(h) if h.starts_with(SQLITE_MAGIC) => h,
        _ => {
            return Err((
                Code::NotSqlite,
                "It is not an SQLite database: it does not start with the SQLite header.".into(),
            ))
        }
    };
    let be32 = |at: usize| {
        header
            .get(at..at + 4)
            .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let raw = u16::from_be_bytes([header[16], header[17]]);
    let page = if raw == 1 { 65_536 } else { u64::from(raw) };
    if !(512..=65_536).contains(&page) || !page.is_power_of_two() {
        return Err((
            Code::SqlitePageSize,
            format!("Its page size ({raw}) is not a power of two from 512 to 65536."),
        ));
    }
    if size % page != 0 {
        return Err((
            Code::SqliteSize,
            format!("Its size ({size} bytes) is not a whole number of {page}-byte pages."),
        ));
    }
    let (count, changes, valid_for) = (u64::from(be32(28)), be32(24), be32(92));
    if count != 0 && changes == valid_for && count.saturating_mul(page) != size {
        return Err((
            Code::SqliteSize,
            format!("Its header counts {count} pages of {page} bytes, but it holds {size} bytes."),
        ));
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a record (local header, central directory header, end records).
    Record,
    /// In an entry's data.
    Data,
    /// In an entry's data descriptor.
    Descriptor,
    /// Skipping bytes that are not checked, then back to `Record`.
    Skip(u64),
    /// Past the end record (its comment, anything after).
    Done,
    /// Stopped at a problem after which the rest cannot be found.
    Failed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Database,
    Storage,
    Other,
}

/// The entry being read.
struct Entry {
    name: String,
    offset: u64,
    flags: u16,
    method: u16,
    /// CRC and sizes from the local header (0 when a descriptor follows).
    crc: u32,
    compressed: u64,
    size: u64,
    /// The local header has a zip64 extra field (so a descriptor has 8-byte sizes).
    zip64: bool,
    kind: Kind,
    /// Whether the data is inflated and checked (false for encrypted and unknown methods).
    checked: bool,
    actual_crc: Crc32,
    read: u64,
    inflated: u64,
    head: [u8; SQLITE_HEADER_LEN],
    head_len: usize,
}

/// The streaming verifier: [`Verifier::feed`] the archive's bytes in order, then
/// [`Verifier::finish`].
pub struct Verifier {
    state: State,
    /// The record or descriptor being read.
    buf: Vec<u8>,
    entry: Option<Entry>,
    inflater: Box<DecompressorOxide>,
    crc: Crc32Table,
    window: Box<[u8; WINDOW]>,
    window_pos: usize,
    /// The last inflate step wrote output.
    produced: bool,
    report: VerifyReport,
    /// The compressed bytes of the entries inflated (as `report.inflated_bytes` counts
    /// what they inflated to).
    deflated_bytes: u64,
    /// The central directory lists a file (or a folder) the restore writes to `data.db`.
    has_data_db: bool,
    /// The first entry at `data.db` that the restore skips (a symbolic link), reported
    /// when no file is written there.
    skipped_data_db: Option<String>,
    /// Where the last file under `storage/` is extracted to, to tell its `.attrs`
    /// metadata file.
    last_storage: Vec<u8>,
    /// Order-independent digests of the entries found and of those the central directory
    /// lists (offsets, CRCs and sizes), and their counts.
    local_sum: u64,
    central_sum: u64,
    central_count: u64,
    /// What each local header said, in file order (so by offset).
    seen: Vec<Seen>,
    /// Where the regular files the central directory lists are extracted to.
    targets: DigestSet,
}

/// What an entry's local header said, to hold its central directory record to.
#[derive(Debug, Clone, Copy)]
struct Seen {
    offset: u64,
    /// [`header_digest`] of its name, method and flags.
    header: u64,
}

impl Default for Verifier {
    fn default() -> Self {
        Self::new()
    }
}

impl Verifier {
    pub fn new() -> Self {
        Verifier {
            state: State::Record,
            buf: Vec::new(),
            entry: None,
            inflater: Box::default(),
            crc: Crc32Table::new(),
            window: Box::new([0; WINDOW]),
            window_pos: 0,
            produced: false,
            report: VerifyReport::default(),
            deflated_bytes: 0,
            has_data_db: false,
            skipped_data_db: None,
            last_storage: Vec::new(),
            local_sum: 0,
            central_sum: 0,
            central_count: 0,
            seen: Vec::new(),
            targets: DigestSet::default(),
        }
    }

    /// True once more bytes cannot change the report (a problem stopped the reading).
    pub fn stopped(&self) -> bool {
        self.state == State::Failed
    }

    /// Reads the next bytes of the archive.
    pub fn feed(&mut self, mut input: &[u8]) {
        self.report.bytes = self.report.bytes.saturating_add(input.len() as u64);
        while !input.is_empty() {
            let before = input.len();
            let state = self.state;
            match state {
                State::Record => self.record(&mut input),
                State::Data => self.data(&mut input),
                State::Descriptor => self.descriptor(&mut input),
                State::Skip(left) => {
                    let n = left.min(input.len() as u64) as usize;
                    input = &input[n..];
                    let left = left - n as u64;
                    if let Some(e) = self.entry.as_mut() {
                        e.read = e.read.saturating_add(n as u64);
                    }
                    self.state = State::Skip(left);
                    if left == 0 {
                        self.end_of_data();
                    }
                }
                State::Done | State::Failed => input = &[],
            }
            // Every step reads a byte, inflates some, or changes state; a step that did
            // none would loop forever, so it ends the reading instead.
            let inflated = std::mem::take(&mut self.produced);
            if input.len() == before && self.state == state && !inflated {
                self.fail("", Code::Corrupt, "The archive could not be read further.".into());
            }
        }
    }

    /// The report, once every byte was fed.
    pub fn finish(mut self) -> VerifyReport {
        match self.state {
            State::Done => {
                if !self.has_data_db {
                    match self.skipped_data_db.take() {
                        Some(name) => self.problem(
                            &name,
                            Code::DataDbNotAFile,
                            "The database is stored as a symbolic link (or another kind of file that is not \
                             restored): the server skips it, so the restore fails for want of data.db."
                                .into(),
                        ),
                        None => self.problem(
                            "data.db",
                            Code::MissingDataDb,
                            "The archive has no data.db, so it is not a backup of this server: restoring it \
                             would do nothing."
                                .into(),
                        ),
                    }
                }
            }
            State::Failed => {}
            State::Record if self.report.bytes == 0 => {
                self.problem("", Code::Empty, "The file is empty.".into());
            }
            _ => {
                let bytes = self.report.bytes;
                let (name, message) = match &self.entry {
                    Some(e) => (
                        e.name.clone(),
                        format!("The file ends after {bytes} bytes, inside this entry: it was cut short."),
                    ),
                    None => (
                        String::new(),
                        format!(
                            "The file ends after {bytes} bytes, before the end of the archive: it was cut short."
                        ),
                    ),
                };
                self.problem(&name, Code::Truncated, message);
            }
        }
        self.report
    }

    fn problem(&mut self, entry: &str, code: Code, message: String) {
        if self.report.problems.len() < MAX_PROBLEMS {
            self.report.problems.push(Problem {
                entry: entry.to_string(),
                code,
                message,
            });
        }
    }

    fn fail(&mut self, entry: &str, code: Code, message: String) {
        self.problem(entry, code, message);
        self.state = State::Failed;
    }

    fn entry_problem(&mut self, code: Code, message: String) {
        let name = self.entry.as_ref().map(|e| e.name.clone()).unwrap_or_default();
        self.problem(&name, code, message);
    }

    fn entry_fail(&mut self, code: Code, message: String) {
        self.entry_problem(code, message);
        self.state = State::Failed;
    }

    /// Fills `buf` up to `n` bytes from `input`; true once it holds them.
    fn fill(&mut self, input: &mut &[u8], n: usize) -> bool {
        let want = n.saturating_sub(self.buf.len()).min(input.len());
        self.buf.extend_from_slice(&input[..want]);
        *input = &input[want..];
        self.buf.len() >= n
    }

    /// Where the record being read started.
    fn record_offset(&self, input: &[u8]) -> u64 {
        self.report.bytes - input.len() as u64 - self.buf.len() as u64
    }

    fn record(&mut self, input: &mut &[u8]) {
        if !self.fill(input, 4) {
            return;
        }
        let sig = le32(&self.buf, 0);
        let fixed = match sig {
            LOCAL_SIG => LOCAL_LEN,
            CENTRAL_SIG => CENTRAL_LEN,
            EOCD_SIG => EOCD_LEN,
            EOCD64_SIG => EOCD64_HEAD_LEN,
            LOCATOR_SIG => LOCATOR_LEN,
            _ => {
                let at = self.record_offset(input);
                let (code, message) = if at == 0 {
                    (
                        Code::NotZip,
                        "This file is not a zip archive: it does not start with a zip entry.".to_string(),
                    )
                } else {
                    (
                        Code::Corrupt,
                        format!(
                            "At byte {at}, where the next zip record should start, there is something else."
                        ),
                    )
                };
                self.fail("", code, message);
                return;
            }
        };
        if !self.fill(input, fixed) {
            return;
        }
        let variable = match sig {
            LOCAL_SIG => le16(&self.buf, 26) as usize + le16(&self.buf, 28) as usize,
            CENTRAL_SIG => {
                le16(&self.buf, 28) as usize + le16(&self.buf, 30) as usize + le16(&self.buf, 32) as usize
            }
            _ => 0,
        };
        if !self.fill(input, fixed + variable) {
            return;
        }
        let offset = self.record_offset(input);
        let record = std::mem::take(&mut self.buf);
        match sig {
            LOCAL_SIG => self.local_header(&record, offset),
            CENTRAL_SIG => self.central_header(&record),
            EOCD_SIG => self.end_record(&record),
            EOCD64_SIG => self.state = State::Skip(le64(&record, 4)),
            _ => {}
        }
        // The buffer's memory is kept for the next record.
        self.buf = record;
        self.buf.clear();
    }

    fn local_header(&mut self, h: &[u8], offset: u64) {
        if self.central_count > 0 {
            self.fail(
                "",
                Code::Corrupt,
                format!("At byte {offset}, an entry follows the central directory."),
            );
            return;
        }
        if len_u64(self.seen.len()) >= MAX_ENTRIES {
            self.fail(
                "",
                Code::TooManyEntries,
                format!("The archive holds more than {MAX_ENTRIES} entries, too many to check."),
            );
            return;
        }
        let flags = le16(h, 6);
        let method = le16(h, 8);
        let name_len = le16(h, 26) as usize;
        let name_bytes = h.get(LOCAL_LEN..LOCAL_LEN + name_len).unwrap_or_default();
        self.seen.push(Seen {
            offset,
            header: header_digest(name_bytes, method, flags),
        });
        let name = String::from_utf8_lossy(name_bytes).into_owned();
        let extra = h.get(LOCAL_LEN + name_len..).unwrap_or_default();
        let (mut compressed, mut size) = (u64::from(le32(h, 18)), u64::from(le32(h, 22)));
        let zip64 = zip64_extra(extra).is_some();
        if let Some(z) = zip64_extra(extra) {
            // The local header's zip64 extra holds both sizes, in this order.
            if z.len() >= 16 {
                size = le64(z, 0);
                compressed = le64(z, 8);
            }
        }
        // Told by where the restore writes it (`./data.db` is the database); should the
        // central directory name it otherwise, that is reported there.
        let path = extraction_path(name_bytes).filter(|_| !name.ends_with('/'));
        let kind = match path.as_deref() {
            Some(DATA_DB | AUXILIARY_DB) => Kind::Database,
            Some(p) if p.starts_with(STORAGE_PREFIX) => Kind::Storage,
            _ => Kind::Other,
        };
        self.report.entries += 1;
        if let (Kind::Storage, Some(path)) = (kind, path) {
            // The server keeps a `<file>.attrs` metadata file right after each file it
            // stores: counted with its file, not as one of its own.
            let sidecar = path.strip_suffix(ATTRS_SUFFIX) == Some(self.last_storage.as_slice());
            if !sidecar {
                self.report.storage_files += 1;
            }
            self.last_storage = path;
        }
        let encrypted = flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION) != 0 || method == METHOD_AES;
        let descriptor = flags & FLAG_DESCRIPTOR != 0;
        let mut entry = Entry {
            name,
            offset,
            flags,
            method,
            crc: le32(h, 14),
            compressed,
            size,
            zip64,
            kind,
            checked: false,
            actual_crc: Crc32::new(),
            read: 0,
            inflated: 0,
            head: [0; SQLITE_HEADER_LEN],
            head_len: 0,
        };
        let (problem, readable) = if encrypted {
            (
                Some((
                    Code::Encrypted,
                    "The entry is encrypted: its data cannot be checked, and the server cannot restore it.",
                )),
                false,
            )
        } else if method != METHOD_STORED && method != METHOD_DEFLATED {
            (
                Some((
                    Code::UnsupportedMethod,
                    "The entry uses a compression method other than stored or deflate, which the server \
                     cannot restore.",
                )),
                false,
            )
        } else {
            (None, true)
        };
        entry.checked = readable;
        self.entry = Some(entry);
        if let Some((code, message)) = problem {
            self.entry_problem(code, message.into());
        }
        if readable && method == METHOD_DEFLATED {
            self.inflater.init();
            self.window_pos = 0;
            self.state = State::Data;
        } else if descriptor && problem.is_some() {
            // Already reported; where it ends cannot be told, so reading stops here.
            self.state = State::Failed;
        } else if descriptor {
            self.entry_fail(
                Code::SizeUnknown,
                "The entry's size is recorded only after its data, and its compression method does not \
                 show where the data ends, so the rest of the archive cannot be read in one pass."
                    .into(),
            );
        } else if compressed == 0 {
            self.end_of_data();
        } else {
            self.state = if readable {
                State::Data
            } else {
                State::Skip(compressed)
            };
        }
    }

    fn data(&mut self, input: &mut &[u8]) {
        let Some(e) = self.entry.as_mut() else {
            self.state = State::Failed;
            return;
        };
        let known = e.flags & FLAG_DESCRIPTOR == 0;
        // With the size known, the entry's data is no more than it.
        let take = if known {
            e.compressed.saturating_sub(e.read).min(input.len() as u64) as usize
        } else {
            input.len()
        };
        let (chunk, rest) = input.split_at(take);
        if e.method == METHOD_STORED {
            e.read += take as u64;
            *input = rest;
            self.output_stored(chunk);
            if self.past_archive_limits() {
                return;
            }
            if self.entry.as_ref().is_some_and(|e| e.read >= e.compressed) {
                self.end_of_data();
            }
            return;
        }
        let more = !known || e.read + (take as u64) < e.compressed;
        let flags = if more { TINFL_FLAG_HAS_MORE_INPUT } else { 0 };
        let (status, used, out) = decompress(
            &mut self.inflater,
            chunk,
            &mut self.window[..],
            self.window_pos,
            flags,
        );
        let used = used.min(chunk.len());
        *input = &input[used..];
        let start = self.window_pos;
        let end = (start + out).min(WINDOW);
        self.window_pos = end % WINDOW;
        self.produced = end > start;
        if let Some(e) = self.entry.as_mut() {
            e.read += used as u64;
            let produced = &self.window[start..end];
            self.crc.update(&mut e.actual_crc, produced);
            e.inflated += produced.len() as u64;
            keep_head(e, produced);
        }
        let Some(e) = self.entry.as_ref() else { return };
        let (read, inflated, compressed) = (e.read, e.inflated, e.compressed);
        if inflated > BOMB_MIN_SIZE && inflated > read.saturating_mul(MAX_RATIO) {
            self.entry_fail(
                Code::ZipBomb,
                format!(
                    "The entry inflates to more than {MAX_RATIO} times its compressed size ({inflated} bytes \
                     from {read} so far): a zip bomb, not a backup."
                ),
            );
            return;
        }
        if self.past_archive_limits() {
            return;
        }
        match status {
            TINFLStatus::Done => {
                if known && read < compressed {
                    let (left, declared) = (compressed - read, compressed);
                    self.entry_problem(
                        Code::SizeMismatch,
                        format!("Its deflate stream ends after {read} of the {declared} compressed bytes recorded."),
                    );
                    self.state = State::Skip(left);
                } else {
                    self.end_of_data();
                }
            }
            TINFLStatus::NeedsMoreInput | TINFLStatus::HasMoreOutput => {}
            TINFLStatus::FailedCannotMakeProgress if known => {
                self.entry_fail(
                    Code::SizeMismatch,
                    format!("Its deflate stream goes on past the {read} compressed bytes recorded."),
                );
            }
            _ => self.entry_fail(
                Code::BadDeflate,
                format!(
                    "Its compressed data is damaged: not valid deflate data (at byte {read} of the entry)."
                ),
            ),
        }
    }

    /// Stops the reading when the entries so far, the current one included, inflate to
    /// more than a restore should write ([`archive_too_large`]).
    fn past_archive_limits(&mut self) -> bool {
        let Some(e) = self.entry.as_ref() else {
            return false;
        };
        let inflated = self.report.inflated_bytes.saturating_add(e.inflated);
        let read = self.deflated_bytes.saturating_add(e.read);
        if !archive_too_large(inflated, read) {
            return false;
        }
        let message = if inflated > MAX_ARCHIVE_SIZE {
            format!(
                "The entries inflate to more than {MAX_ARCHIVE_SIZE} bytes (1 TiB) in all: more than a \
                 restore should write."
            )
        } else {
            format!(
                "The entries inflate to more than {MAX_RATIO} times their compressed size in all \
                 ({inflated} bytes from {read} so far): a zip bomb, not a backup."
            )
        };
        self.fail("", Code::ArchiveTooLarge, message);
        true
    }

    fn output_stored(&mut self, chunk: &[u8]) {
        if let Some(e) = self.entry.as_mut() {
            self.crc.update(&mut e.actual_crc, chunk);
            e.inflated += chunk.len() as u64;
            keep_head(e, chunk);
        }
    }

    /// The entry's data was read: its descriptor, or its checks.
    fn end_of_data(&mut self) {
        let Some(e) = self.entry.as_ref() else {
            self.state = State::Record;
            return;
        };
        if e.flags & FLAG_DESCRIPTOR != 0 {
            self.state = State::Descriptor;
        } else {
            let (crc, compressed, size) = (e.crc, e.compressed, e.size);
            self.end_of_entry(crc, compressed, size);
        }
    }

    fn descriptor(&mut self, input: &mut &[u8]) {
        if !self.fill(input, 4) {
            return;
        }
        let Some(e) = self.entry.as_ref() else {
            self.state = State::Failed;
            return;
        };
        let signed = le32(&self.buf, 0) == DESCRIPTOR_SIG;
        let wide = e.zip64 || e.read >= 0xFFFF_FFFF || e.inflated >= 0xFFFF_FFFF;
        let at = if signed { 4 } else { 0 };
        let len = at + 4 + if wide { 16 } else { 8 };
        if !self.fill(input, len) {
            return;
        }
        let crc = le32(&self.buf, at);
        let (compressed, size) = if wide {
            (le64(&self.buf, at + 4), le64(&self.buf, at + 12))
        } else {
            (
                u64::from(le32(&self.buf, at + 4)),
                u64::from(le32(&self.buf, at + 8)),
            )
        };
        self.buf.clear();
        self.end_of_entry(crc, compressed, size);
    }

    /// Checks the entry against the CRC and sizes recorded for it.
    fn end_of_entry(&mut self, crc: u32, compressed: u64, size: u64) {
        let Some(e) = self.entry.take() else {
            self.state = State::Record;
            return;
        };
        self.state = State::Record;
        self.local_sum = self
            .local_sum
            .wrapping_add(digest(e.offset, crc, compressed, size));
        if !e.checked {
            return;
        }
        self.report.inflated_bytes = self.report.inflated_bytes.saturating_add(e.inflated);
        self.deflated_bytes = self.deflated_bytes.saturating_add(e.read);
        let actual = e.actual_crc.value();
        let mut problems = Vec::new();
        if e.read != compressed || e.inflated != size {
            problems.push((
                Code::SizeMismatch,
                format!(
                    "Its data is {} bytes ({} compressed), but {size} ({compressed} compressed) are recorded.",
                    e.inflated, e.read
                ),
            ));
        }
        if actual != crc {
            problems.push((
                Code::CrcMismatch,
                format!(
                    "Its data does not match its checksum (CRC-32 {} recorded, {} computed): it is damaged.",
                    hex(crc),
                    hex(actual)
                ),
            ));
        }
        if e.kind == Kind::Database && problems.is_empty() {
            if let Err(p) = check_sqlite(&e.head[..e.head_len], e.inflated) {
                problems.push(p);
            }
        }
        for (code, message) in problems {
            self.problem(&e.name, code, message);
        }
    }

    fn central_header(&mut self, h: &[u8]) {
        let name_len = le16(h, 28) as usize;
        let extra_len = le16(h, 30) as usize;
        let name = h.get(CENTRAL_LEN..CENTRAL_LEN + name_len).unwrap_or_default();
        let extra = h
            .get(CENTRAL_LEN + name_len..CENTRAL_LEN + name_len + extra_len)
            .unwrap_or_default();
        let mut compressed = u64::from(le32(h, 20));
        let mut size = u64::from(le32(h, 24));
        let mut offset = u64::from(le32(h, 42));
        // The zip64 extra holds, in this order, those of the three that are saturated.
        if let Some(z) = zip64_extra(extra) {
            let mut at = 0;
            for field in [&mut size, &mut compressed, &mut offset] {
                if *field == 0xFFFF_FFFF && z.len() >= at + 8 {
                    *field = le64(z, at);
                    at += 8;
                }
            }
        }
        self.central_count += 1;
        self.central_sum = self
            .central_sum
            .wrapping_add(digest(offset, le32(h, 16), compressed, size));
        let (made_by, flags, method, external) = (le16(h, 4), le16(h, 8), le16(h, 10), le32(h, 38));
        let shown = String::from_utf8_lossy(name).into_owned();
        // The server opens the entry the directory describes: its name, method and flags.
        let local = self
            .seen
            .binary_search_by_key(&offset, |s| s.offset)
            .ok()
            .and_then(|i| self.seen.get(i));
        if let Some(local) = local {
            let differ = header_differences(local.header, header_digest(name, method, flags));
            if !differ.is_empty() {
                self.problem(
                    &shown,
                    Code::HeaderMismatch,
                    format!(
                        "Its local header and the central directory disagree on its {differ}: the server \
                         extracts the entry as the central directory describes it, which is not what was \
                         checked here."
                    ),
                );
            }
        }
        let Some(path) = extraction_path(name) else {
            self.problem(
                &shown,
                Code::UnsafePath,
                "Its name leads out of the folder the server extracts the backup into (or is that folder \
                 itself): the server refuses such an archive, so restoring it would do nothing."
                    .into(),
            );
            return;
        };
        let at = String::from_utf8_lossy(&path).into_owned();
        if !is_portable(name) {
            self.problem(
                &shown,
                Code::UnsafePath,
                format!(
                    "Its name is absolute, or climbs out of its folder where a backslash separates folders: \
                     the server writes it inside the restored data as \"{at}\", but other tools would \
                     extract it outside the folder they extract into. The server's own backups never hold \
                     such a name."
                ),
            );
        }
        let mode = ExtractedMode::of(made_by, external, name.last() == Some(&b'/'));
        if mode.kind == FileKind::Regular && !self.targets.insert(fnv(&path)) {
            self.problem(
                &shown,
                Code::DuplicatePath,
                format!(
                    "It is extracted to \"{at}\", where an entry before it is too: the restore would \
                     overwrite that entry with this one."
                ),
            );
        }
        let database = path == DATA_DB || path == AUXILIARY_DB;
        if path == DATA_DB {
            match mode.kind {
                FileKind::Regular => self.has_data_db = true,
                FileKind::Directory => {
                    self.has_data_db = true;
                    self.problem(
                        &shown,
                        Code::DataDbNotAFile,
                        "The database is stored as a folder: the server restores a folder named data.db, \
                         then cannot start."
                            .into(),
                    );
                }
                // Skipped by the restore: a problem only if no file is written there.
                FileKind::Skipped => {
                    self.skipped_data_db.get_or_insert(shown.clone());
                }
            }
        }
        if database && mode.kind == FileKind::Regular && !mode.owner_can_read_and_write() {
            let permissions = octal(mode.permissions);
            self.problem(
                &shown,
                Code::DatabaseMode,
                format!(
                    "It is stored with permissions {permissions}, which do not let its owner read and write \
                     it: after the restore, a server that does not run as root cannot open it, and stops."
                ),
            );
        }
    }

    fn end_record(&mut self, h: &[u8]) {
        let listed = u64::from(le16(h, 10));
        self.state = State::Done;
        let count_differs = listed != 0xFFFF && listed != self.central_count;
        if self.central_count != self.report.entries || self.central_sum != self.local_sum || count_differs {
            let (found, central) = (self.report.entries, self.central_count);
            self.problem(
                "",
                Code::DirectoryMismatch,
                format!(
                    "The archive's central directory (its list of files) does not match the entries it \
                     holds ({found} entries found, {central} listed, or their offsets, sizes or checksums \
                     differ)."
                ),
            );
        }
    }
}

/// Keeps the first bytes of a database entry, for its header check.
fn keep_head(e: &mut Entry, bytes: &[u8]) {
    if e.kind == Kind::Database && e.head_len < SQLITE_HEADER_LEN {
        let n = (SQLITE_HEADER_LEN - e.head_len).min(bytes.len());
        e.head[e.head_len..e.head_len + n].copy_from_slice(&bytes[..n]);
        e.head_len += n;
    }
}

/// The 64-bit FNV-1a digest of `bytes`.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h: u64, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A digest of an entry's local offset, CRC and sizes, summed over entries so that the
/// order of the central directory does not matter.
fn digest(offset: u64, crc: u32, compressed: u64, size: u64) -> u64 {
    let fields = [
        offset.to_le_bytes(),
        u64::from(crc).to_le_bytes(),
        compressed.to_le_bytes(),
        size.to_le_bytes(),
    ];
    fnv(fields.as_flattened())
}

/// An entry's name (40 bits of its digest), method (16) and reading flags (8), in one
/// `u64`, for [`header_differences`].
fn header_digest(name: &[u8], method: u16, flags: u16) -> u64 {
    (fnv(name) << 24) | (u64::from(method) << 8) | u64::from(flags & READING_FLAGS)
}

/// What differs between two [`header_digest`]s, in words ("" when nothing).
fn header_differences(local: u64, central: u64) -> String {
    let parts = [
        (local >> 24 != central >> 24, "name"),
        (
            (local >> 8) & 0xFFFF != (central >> 8) & 0xFFFF,
            "compression method",
        ),
        (local & 0xFF != central & 0xFF, "flags"),
    ];
    let differ: Vec<&str> = parts.iter().filter(|p| p.0).map(|p| p.1).collect();
    differ.join(" and ")
}

/// A set of 64-bit digests (open addressing, linear probing), at most three quarters
/// full: 11 to 22 bytes per digest held.
#[derive(Default)]
struct DigestSet {
    slots: Vec<u64>,
    len: usize,
}

impl DigestSet {
    /// Adds `d`; false when the set held it already.
    fn insert(&mut self, d: u64) -> bool {
        // 0 marks a free slot.
        let d = d.max(1);
        if self.len * 4 >= self.slots.len() * 3 {
            self.grow();
        }
        let mask = self.slots.len().saturating_sub(1);
        // Fibonacci hashing: the top bits of the product depend on all of the digest's.
        let mut i = (d.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask;
        while let Some(slot) = self.slots.get_mut(i) {
            if *slot == d {
                return false;
            }
            if *slot == 0 {
                *slot = d;
                self.len += 1;
                return true;
            }
            i = (i + 1) & mask;
        }
        true
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        self.len = 0;
        for d in old.into_iter().filter(|&d| d != 0) {
            self.insert(d);
        }
    }
}

/// `0` and the octal digits of permission bits (`0644`), without `core::fmt`'s radix
/// formatting.
fn octal(permissions: u32) -> String {
    let mut s = String::from("0");
    for shift in [6, 3, 0] {
        s.push(char::from(b'0' + ((permissions >> shift) & 7) as u8));
    }
    s
}

/// `0x` and eight hex digits, without `core::fmt`'s integer-to-hex machinery.
fn hex(v: u32) -> String {
    let digits = b"0123456789abcdef";
    let mut s = String::from("0x");
    for shift in (0..8).rev() {
        s.push(char::from(digits[((v >> (shift * 4)) & 0xF) as usize]));
    }
    s
}

/// Whether entries that inflated to `inflated` bytes in all from `read` compressed
/// bytes are more than a restore should write: past [`MAX_ARCHIVE_SIZE`], or past
/// [`ARCHIVE_BOMB_MIN_SIZE`] at more than [`MAX_RATIO`] times what they were read from.
fn archive_too_large(inflated: u64, read: u64) -> bool {
    inflated > MAX_ARCHIVE_SIZE
        || (inflated > ARCHIVE_BOMB_MIN_SIZE && inflated > read.saturating_mul(MAX_RATIO))
}

/// Verifies a whole archive held in memory (tests, small files).
pub fn verify_bytes(bytes: &[u8]) -> VerifyReport {
    let mut v = Verifier::new();
    v.feed(bytes);
    v.finish()
}

// Native only: proptest is a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use bosbase_backups_test_zip::*;

    fn codes(r: &VerifyReport) -> Vec<(&str, &str)> {
        r.problems
            .iter()
            .map(|p| (p.entry.as_str(), p.code.as_str()))
            .collect()
    }

    fn sound() -> Layout {
        write_zip(&backup(&[
            ("storage/abc/photo.png", &[7u8; 3000]),
            ("storage/abc/", b""),
        ]))
    }

    #[test]
    fn a_report_crosses_as_json_unchanged() {
        let damaged = {
            let mut z = sound().bytes;
            let last = z.len() - 30;
            z.truncate(last);
            z
        };
        for bytes in [sound().bytes, damaged, b"<html>".to_vec()] {
            let r = verify_bytes(&bytes);
            let back = VerifyReport::from_json(&Json::parse(&r.to_json().to_text()).unwrap());
            assert_eq!(back.as_ref(), Some(&r));
        }
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(code));
        }
        assert_eq!(Code::parse("zip_nothing"), None);
    }

    #[test]
    fn a_sound_backup_passes_with_its_counts() {
        let zip = sound();
        let r = verify_bytes(&zip.bytes);
        assert_eq!(codes(&r), vec![]);
        assert!(r.ok());
        assert_eq!(r.entries, 5);
        assert_eq!(r.storage_files, 1);
        assert_eq!(r.bytes, zip.bytes.len() as u64);
        let inflated = 4096 * 12 + 4096 * 3 + 25 * 200 + 3000;
        assert_eq!(r.inflated_bytes, inflated);
    }

    #[test]
    fn storage_files_are_counted_without_their_attrs_files() {
        let r = verify_bytes(
            &write_zip(&backup(&[
                ("storage/c1/r1/a_x1.txt", b"a"),
                ("storage/c1/r1/a_x1.txt.attrs", b"{}"),
                ("storage/c1/r1/b_x2.attrs", b"a user's file named .attrs"),
                ("storage/c1/r1/b_x2.attrs.attrs", b"{}"),
                ("storage/c1/r2/", b""),
                ("storage/c1/r2/c_x3.png", b"png"),
            ]))
            .bytes,
        );
        assert_eq!(codes(&r), vec![]);
        assert_eq!((r.entries, r.storage_files), (9, 3));
    }

    #[test]
    fn stored_zip64_and_unsigned_descriptors_pass() {
        let mut files = backup(&[]);
        files[1] = ZipFile::stored("auxiliary.db", &sqlite_image(512, 9));
        files[2].zip64 = true;
        files.push(ZipFile {
            zip64: true,
            descriptor: false,
            ..ZipFile::deflated("storage/x/a.txt", b"hello hello hello")
        });
        let zip = write_zip(&files);
        assert_eq!(codes(&verify_bytes(&zip.bytes)), vec![]);

        // A descriptor without its optional signature.
        let plain = write_zip(&[ZipFile::deflated("data.db", &sqlite_image(1024, 4))]);
        let (at, len) = plain.data[0];
        let mut bytes = plain.bytes.clone();
        assert_eq!(&bytes[at + len..at + len + 4], b"PK\x07\x08");
        bytes.drain(at + len..at + len + 4);
        // The central directory's offset moved by 4 bytes.
        let n = bytes.len();
        let cd = u32::from_le_bytes(bytes[n - 6..n - 2].try_into().unwrap()) - 4;
        bytes[n - 6..n - 2].copy_from_slice(&cd.to_le_bytes());
        assert_eq!(codes(&verify_bytes(&bytes)), vec![]);
    }

    #[test]
    fn a_wrong_crc_is_its_own_code() {
        let mut files = backup(&[]);
        files[2].crc = Some(0x1234_5678);
        let r = verify_bytes(&write_zip(&files).bytes);
        assert_eq!(codes(&r), vec![("types.d.ts", "entry_crc_mismatch")]);
        assert!(
            r.problems[0].message.contains("0x12345678"),
            "{}",
            r.problems[0].message
        );
        assert_eq!(r.entries, 3);
    }

    #[test]
    fn a_flipped_byte_in_deflated_data() {
        let zip = write_zip(&backup(&[]));
        let (at, _) = zip.data[0];
        let mut bytes = zip.bytes.clone();
        // The first byte holds the block header: 0b111 is a reserved block type.
        bytes[at] |= 0b110;
        let r = verify_bytes(&bytes);
        assert_eq!(codes(&r), vec![("data.db", "entry_bad_deflate")]);
        assert_eq!(r.entries, 1);
    }

    #[test]
    fn cut_anywhere_is_truncated() {
        let zip = write_zip(&backup(&[("storage/f", b"file")]));
        for cut in 1..zip.bytes.len() {
            let r = verify_bytes(&zip.bytes[..cut]);
            assert_eq!(r.problems.len(), 1, "cut at {cut}: {:?}", r.problems);
            assert_eq!(r.problems[0].code, Code::Truncated, "cut at {cut}");
            assert_eq!(r.bytes, cut as u64);
        }
        let (at, _) = zip.data[1];
        let r = verify_bytes(&zip.bytes[..at + 10]);
        assert_eq!(codes(&r), vec![("auxiliary.db", "zip_truncated")]);
        assert_eq!(codes(&verify_bytes(&[])), vec![("", "zip_empty")]);
    }

    #[test]
    fn a_zip_bomb_is_stopped() {
        let mut files = backup(&[]);
        files.insert(1, ZipFile::deflated("storage/bomb.bin", &vec![0u8; 16 << 20]));
        let r = verify_bytes(&write_zip(&files).bytes);
        assert_eq!(codes(&r), vec![("storage/bomb.bin", "entry_zip_bomb")]);
        // Stopped early, not after inflating all of it.
        assert!(r.inflated_bytes < 16 << 20);

        // Highly compressible but small: fine.
        let mut files = backup(&[]);
        files.push(ZipFile::deflated("storage/zeros.bin", &vec![0u8; 4 << 20]));
        assert_eq!(codes(&verify_bytes(&write_zip(&files).bytes)), vec![]);
    }

    /// `n` entries named `storage/z<i>` of `size` zero bytes each, deflated once.
    fn zero_entries(n: usize, size: usize) -> Vec<ZipFile> {
        let one = write_zip(&[ZipFile::deflated("z", &vec![0u8; size])]);
        let (at, len) = one.data[0];
        // The data descriptor after the data: signature, CRC.
        let crc = u32::from_le_bytes(one.bytes[at + len + 4..at + len + 8].try_into().unwrap());
        let deflated = one.bytes[at..at + len].to_vec();
        (0..n)
            .map(|i| ZipFile {
                raw: Some(deflated.clone()),
                crc: Some(crc),
                claimed: Some((len as u64, size as u64)),
                ..ZipFile::deflated(&format!("storage/z{i}"), b"")
            })
            .collect()
    }

    #[test]
    fn an_archive_inflating_to_far_more_than_it_holds_is_stopped() {
        // 10,000 entries of 8 MiB of zeros: each within the limit of an entry, an 80 MB
        // zip that a restore would write as 80 GiB.
        let mut entries = backup(&[]);
        entries.extend(zero_entries(10_000, BOMB_MIN_SIZE as usize));
        let zip = write_archive(&Archive {
            entries,
            ..Archive::default()
        });
        assert!(zip.bytes.len() < 100 << 20);
        let r = verify_bytes(&zip.bytes);
        assert_eq!(codes(&r), vec![("", "archive_too_large")]);
        // Stopped early, after about a GiB of the 80.
        assert!(r.inflated_bytes < 2 << 30, "{}", r.inflated_bytes);
        assert!(r.entries < 300, "{}", r.entries);
        assert_eq!(r.bytes, zip.bytes.len() as u64);
        // A few of them are no bomb.
        let mut entries = backup(&[]);
        entries.extend(zero_entries(20, BOMB_MIN_SIZE as usize));
        assert_eq!(codes(&verify_bytes(&write_zip(&entries).bytes)), vec![]);
    }

    #[test]
    fn what_a_whole_archive_may_inflate_to() {
        const GIB: u64 = 1 << 30;
        // Real backups: databases deflate 2 to 10 times, uploaded files barely.
        for (inflated, read) in [
            (4 * GIB + 20 * GIB, 4 * GIB / 5 + 19 * GIB),
            (50 * GIB, 5 * GIB),
            (200 * GIB, GIB),
            // Under a GiB, any ratio (as under 8 MiB for one entry).
            (GIB, 0),
            (GIB, GIB / 1000),
            (900 * GIB, 800 * GIB),
        ] {
            assert!(!archive_too_large(inflated, read), "{inflated} from {read}");
        }
        for (inflated, read) in [
            (80 * GIB, 80 << 20),
            (GIB + 1, 2 << 20),
            (GIB + 1, 0),
            // Past 1 TiB, whatever the ratio.
            ((1 << 40) + 1, 1 << 40),
            (u64::MAX, u64::MAX),
        ] {
            assert!(archive_too_large(inflated, read), "{inflated} from {read}");
        }
    }

    #[test]
    fn encrypted_entries() {
        // Sizes known: reported, skipped, and the rest is read.
        let mut files = backup(&[]);
        files.insert(
            1,
            ZipFile {
                flags: 1,
                ..ZipFile::stored("secret.bin", b"0123456789ab")
            },
        );
        let r = verify_bytes(&write_zip(&files).bytes);
        assert_eq!(codes(&r), vec![("secret.bin", "entry_encrypted")]);
        assert_eq!(r.entries, 4);
        // With a data descriptor its end cannot be found: reading stops there.
        let mut files = backup(&[]);
        files[1].flags = 1;
        let r = verify_bytes(&write_zip(&files).bytes);
        assert_eq!(codes(&r), vec![("auxiliary.db", "entry_encrypted")]);
        assert_eq!(r.entries, 2);
    }

    #[test]
    fn unsupported_methods_and_unknown_sizes() {
        let mut files = backup(&[]);
        files.push(ZipFile {
            method: 12,
            ..ZipFile::stored("storage/x.bz2", b"BZh91AY&SY")
        });
        let r = verify_bytes(&write_zip(&files).bytes);
        assert_eq!(codes(&r), vec![("storage/x.bz2", "entry_unsupported_method")]);
        assert_eq!((r.entries, r.storage_files), (4, 1));

        let mut files = backup(&[]);
        files.insert(
            0,
            ZipFile {
                descriptor: true,
                ..ZipFile::stored("notes.txt", b"text")
            },
        );
        let r = verify_bytes(&write_zip(&files).bytes);
        assert_eq!(codes(&r), vec![("notes.txt", "entry_size_unknown")]);
    }

    #[test]
    fn databases_must_be_sqlite_of_a_plausible_size() {
        let case = |name: &str, data: Vec<u8>| {
            let mut files = backup(&[]);
            let at = files.iter().position(|f| f.name == name).unwrap();
            files[at] = ZipFile::deflated(name, &data);
            let r = verify_bytes(&write_zip(&files).bytes);
            r.problems
                .iter()
                .map(|p| (p.entry.clone(), p.code.as_str()))
                .collect::<Vec<_>>()
        };
        let one = |name: &str, code: &'static str| vec![(name.to_string(), code)];
        assert_eq!(
            case("data.db", b"not a database at all".repeat(10)),
            one("data.db", "sqlite_not_database")
        );
        assert_eq!(case("data.db", Vec::new()), one("data.db", "sqlite_not_database"));
        assert_eq!(
            case("auxiliary.db", b"PK\x03\x04 a zip".to_vec()),
            one("auxiliary.db", "sqlite_not_database")
        );
        let mut odd = sqlite_image(4096, 2);
        odd[16..18].copy_from_slice(&1000u16.to_be_bytes());
        assert_eq!(case("data.db", odd), one("data.db", "sqlite_bad_page_size"));
        let mut cut = sqlite_image(4096, 3);
        cut.truncate(4096 * 2 + 100);
        assert_eq!(case("data.db", cut), one("data.db", "sqlite_size_mismatch"));
        let mut short = sqlite_image(4096, 3);
        short.truncate(4096 * 2);
        assert_eq!(case("data.db", short), one("data.db", "sqlite_size_mismatch"));
        // A stale page count (change counters differ) is not held against it.
        let mut stale = sqlite_image(4096, 3);
        stale[28..32].copy_from_slice(&9u32.to_be_bytes());
        stale[92..96].copy_from_slice(&6u32.to_be_bytes());
        assert_eq!(case("data.db", stale), vec![]);
        assert_eq!(case("data.db", sqlite_image(65_536, 2)), vec![]);
    }

    #[test]
    fn check_sqlite_page_sizes() {
        for (raw, ok) in [
            (512u16, true),
            (1, true),
            (32_768, true),
            (256, false),
            (0, false),
            (3000, false),
            (2, false),
        ] {
            let mut h = sqlite_image(512, 1);
            h[16..18].copy_from_slice(&raw.to_be_bytes());
            h[28..32].copy_from_slice(&0u32.to_be_bytes());
            let size = if raw == 1 { 65_536 } else { 65_536 * 2 };
            let got = check_sqlite(&h, size).map_err(|e| e.0);
            assert_eq!(got.is_ok(), ok, "{raw}: {got:?}");
        }
    }

    #[test]
    fn missing_data_db_and_not_a_zip() {
        let r = verify_bytes(&write_zip(&[ZipFile::deflated("notes.txt", b"hi")]).bytes);
        assert_eq!(codes(&r), vec![("data.db", "backup_missing_data_db")]);
        let r = verify_bytes(b"<html>403 Forbidden</html>");
        assert_eq!(codes(&r), vec![("", "zip_not_zip")]);
        assert_eq!(r.entries, 0);
    }

    /// The report of a backup whose `data.db` is changed by `change`.
    fn with_data_db(change: impl FnOnce(&mut ZipFile)) -> VerifyReport {
        let mut files = backup(&[]);
        change(&mut files[0]);
        verify_bytes(&write_zip(&files).bytes)
    }

    #[test]
    fn the_database_is_found_where_the_server_writes_it() {
        // The server joins each name to the folder it extracts into (Go's filepath.Join):
        // these are its data.db (measured: a restore of `./data.db` and `x/../data.db`).
        for name in ["./data.db", "x/../data.db", "storage//../data.db", "././data.db"] {
            let r = with_data_db(|f| f.name = name.into());
            assert_eq!(codes(&r), vec![], "{name}");
        }
        // Checked as the database.
        let r = with_data_db(|f| *f = ZipFile::deflated("./data.db", b"plain text"));
        assert_eq!(codes(&r), vec![("./data.db", "sqlite_not_database")]);
        // On the server a backslash is no separator: `.\data.db` is a file of that name,
        // and the restore fails for want of data.db (measured).
        let r = with_data_db(|f| f.name = ".\\data.db".into());
        assert_eq!(codes(&r), vec![("data.db", "backup_missing_data_db")]);
        // Storage files are counted where they land.
        let mut files = backup(&[
            ("./storage/c/r/a.txt", b"a"),
            ("storage/c/r/../r/a.txt.attrs", b"{}"),
        ]);
        files.push(ZipFile::deflated("storage/c/r/b.txt", b"b"));
        let r = verify_bytes(&write_zip(&files).bytes);
        assert_eq!((codes(&r), r.storage_files), (vec![], 2));
    }

    #[test]
    fn two_entries_extracted_to_one_path() {
        // The later one overwrites the earlier (measured: data.db then ./data.db restores
        // the second), so a sound data.db can be replaced by what follows it.
        for (first, second) in [
            ("data.db", "data.db"),
            ("data.db", "./data.db"),
            ("./data.db", "./data.db"),
            ("data.db", "x/../data.db"),
        ] {
            let mut files = backup(&[]);
            files[0].name = first.into();
            files.push(ZipFile::deflated(second, &sqlite_image(4096, 2)));
            let r = verify_bytes(&write_zip(&files).bytes);
            assert_eq!(
                codes(&r),
                vec![(second, "entry_duplicate_path")],
                "{first} {second}"
            );
            assert!(
                r.problems[0].message.contains("data.db"),
                "{}",
                r.problems[0].message
            );
        }
        let r = verify_bytes(
            &write_zip(&backup(&[("storage/c/a.png", b"1"), ("storage/c/./a.png", b"2")])).bytes,
        );
        assert_eq!(codes(&r), vec![("storage/c/./a.png", "entry_duplicate_path")]);
        // A folder listed twice, or a file beside a folder of another name, is no overwrite;
        // nor are names that differ in case (Linux tells them apart).
        let r = verify_bytes(
            &write_zip(&backup(&[
                ("storage/", b""),
                ("storage/", b""),
                ("storage/c/x", b"1"),
                ("storage/c/x.attrs", b"{}"),
                ("storage/c/X", b"2"),
            ]))
            .bytes,
        );
        assert_eq!(codes(&r), vec![]);
    }

    #[test]
    fn names_that_leave_the_restored_folder() {
        // The server refuses these, and with them the whole restore (measured: "invalid
        // file path", nothing restored).
        for name in [
            "../evil",
            "a/../../evil",
            "storage/../../evil",
            "./",
            "x/..",
            "/..",
        ] {
            let r = verify_bytes(&write_zip(&backup(&[(name, b"x")])).bytes);
            assert_eq!(codes(&r), vec![(name, "entry_unsafe_path")], "{name}");
            assert!(
                r.problems[0].message.contains("refuses"),
                "{}",
                r.problems[0].message
            );
        }
        // The server writes these inside the folder (`/etc/x` as `etc/x`; on Linux a
        // backslash is part of a name), but as names they are absolute or climb out of
        // the folder on another system, which other tools extract them on.
        for name in [
            "/etc/x",
            "C:\\x",
            "c:x",
            "\\x",
            "..\\evil",
            "a\\..\\..\\evil",
            "//x",
        ] {
            let r = verify_bytes(&write_zip(&backup(&[(name, b"x")])).bytes);
            assert_eq!(codes(&r), vec![(name, "entry_unsafe_path")], "{name}");
            assert!(
                !r.problems[0].message.contains("refuses"),
                "{}",
                r.problems[0].message
            );
        }
        // `/data.db` is restored as data.db (measured): reported, but not as missing.
        let r = with_data_db(|f| f.name = "/data.db".into());
        assert_eq!(codes(&r), vec![("/data.db", "entry_unsafe_path")]);
        // Names that only look odd.
        let r = verify_bytes(
            &write_zip(&backup(&[
                ("storage/..x", b"1"),
                ("storage/x..", b"2"),
                ("storage/a:b", b"3"),
            ]))
            .bytes,
        );
        assert_eq!(codes(&r), vec![]);
    }

    #[test]
    fn the_database_must_be_a_file_the_server_can_read_and_write() {
        // A symbolic link is skipped by the restore, which then has no data.db (measured).
        let r = with_data_db(|f| {
            *f = ZipFile {
                external: Some(0o120_777 << 16),
                ..ZipFile::deflated("data.db", b"/srv/pb_data/data.db")
            }
        });
        assert_eq!(
            codes(&r),
            vec![
                ("data.db", "sqlite_not_database"),
                ("data.db", "backup_data_db_not_a_file")
            ]
        );
        // Beside a data.db that is a file, a link of that name is only skipped (its data,
        // read before the directory tells it is a link, is no database).
        let link = ZipFile {
            external: Some(0o120_777 << 16),
            ..ZipFile::stored("./data.db", b"data.db")
        };
        let mut files = backup(&[]);
        files.push(link);
        let beside = vec![("./data.db", "sqlite_not_database")];
        assert_eq!(codes(&verify_bytes(&write_zip(&files).bytes)), beside);
        files.rotate_right(1);
        assert_eq!(codes(&verify_bytes(&write_zip(&files).bytes)), beside);
        // A folder: the server makes one, and stops at its restart (measured).
        let r = with_data_db(|f| f.external = Some(0o040_755 << 16));
        assert_eq!(codes(&r), vec![("data.db", "backup_data_db_not_a_file")]);
        let r = verify_bytes(&write_zip(&[ZipFile::stored("data.db/", b"")]).bytes);
        assert_eq!(codes(&r), vec![("data.db/", "backup_data_db_not_a_file")]);
        // Modes the owner cannot read and write: a server not running as root stops at
        // its restart ("attempt to write a readonly database", "unable to open database
        // file": measured with 0444, 0000, MS-DOS read-only, and a host Go gives no mode).
        for (host, external) in [
            (3, 0o100_444 << 16),
            (3, 0o100_000 << 16),
            (3, 0o100_200 << 16),
            (3, 0o100_400 << 16),
            (3, 0),
            (19, 0o100_444 << 16),
            (0, 0x21),
            (11, 0x01),
            (10, 0x20),
        ] {
            let r = with_data_db(|f| (f.host, f.external) = (host, Some(external)));
            assert_eq!(
                codes(&r),
                vec![("data.db", "backup_database_bad_mode")],
                "{host} {external:o}"
            );
            let mut files = backup(&[]);
            (files[1].host, files[1].external) = (host, Some(external));
            let r = verify_bytes(&write_zip(&files).bytes);
            assert_eq!(codes(&r), vec![("auxiliary.db", "backup_database_bad_mode")]);
        }
        // What the server writes (0644), other modes with the owner's read and write, a
        // mode without a file type (Go takes it for a file), MS-DOS without read-only.
        for (host, external) in [
            (3, 0o100_644 << 16),
            (3, 0o100_600 << 16),
            (3, 0o104_755 << 16),
            (3, 0o644 << 16),
            (19, 0o100_666 << 16),
            (0, 0x20),
            (14, 0),
        ] {
            let r = with_data_db(|f| (f.host, f.external) = (host, Some(external)));
            assert_eq!(codes(&r), vec![], "{host} {external:o}");
        }
        // Another file's mode is not the database's business.
        let mut files = backup(&[("storage/c/r/a.txt", b"a")]);
        files[3].external = Some(0o120_777 << 16);
        files[2].external = Some(0o100_000 << 16);
        assert_eq!(codes(&verify_bytes(&write_zip(&files).bytes)), vec![]);
    }

    #[test]
    fn more_entries_than_can_be_checked() {
        // What is kept of each entry is bounded by a number of entries: past it, reading
        // stops. Local headers of empty stored entries, one after another.
        let one = write_zip(&[ZipFile::stored("0000000", b"")]).bytes;
        let header = &one[..LOCAL_LEN + 7];
        let mut bytes = Vec::with_capacity(header.len() * (MAX_ENTRIES as usize + 1));
        for i in 0..=MAX_ENTRIES {
            bytes.extend_from_slice(&header[..LOCAL_LEN]);
            bytes.extend_from_slice(format!("{i:07}").as_bytes());
        }
        let r = verify_bytes(&bytes);
        assert_eq!(codes(&r), vec![("", "zip_too_many_entries")]);
        assert_eq!(r.entries, MAX_ENTRIES);
        assert_eq!(r.bytes, bytes.len() as u64);
    }

    #[test]
    fn the_digest_set_holds_what_was_put_in() {
        let mut set = DigestSet::default();
        let mut reference = std::collections::HashSet::new();
        let mut x = 1u64;
        for i in 0..50_000u64 {
            // Digests that differ in their low bits only, and scattered ones; 0 and 1 are one.
            let d = if i % 2 == 0 { i / 2 } else { x };
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            assert_eq!(set.insert(d), reference.insert(d.max(1)), "{d}");
            assert!(!set.insert(d));
        }
        assert_eq!(set.len, reference.len());
        assert!(set.slots.len() <= 4 * set.len, "{} slots", set.slots.len());
    }

    /// Where the central header of the entry named `name` starts.
    fn central_header_of(bytes: &[u8], name: &[u8]) -> usize {
        let at = bytes.windows(name.len()).rposition(|w| w == name).unwrap();
        at - CENTRAL_LEN
    }

    #[test]
    fn local_headers_must_agree_with_the_directory() {
        let zip = write_zip(&backup(&[]));
        // The server opens entries by the directory's names, methods and flags; the
        // verifier reads the local headers. A local header that says `xata.db`: the
        // server restores that data as data.db (measured).
        let mut bytes = zip.bytes.clone();
        let local = bytes.windows(7).position(|w| w == b"data.db").unwrap();
        bytes[local] = b'x';
        let r = verify_bytes(&bytes);
        assert_eq!(codes(&r), vec![("data.db", "entry_header_mismatch")]);
        assert!(
            r.problems[0].message.contains("name"),
            "{}",
            r.problems[0].message
        );
        // The method: stored in the directory, deflated in the local header.
        let mut bytes = zip.bytes.clone();
        let cd = central_header_of(&bytes, b"types.d.ts");
        bytes[cd + 10] = 0;
        let r = verify_bytes(&bytes);
        assert_eq!(codes(&r), vec![("types.d.ts", "entry_header_mismatch")]);
        assert!(
            r.problems[0].message.contains("method"),
            "{}",
            r.problems[0].message
        );
        // The data descriptor's flag; the encryption flag.
        for bit in [0x08u8, 0x01] {
            let mut bytes = zip.bytes.clone();
            let cd = central_header_of(&bytes, b"auxiliary.db");
            bytes[cd + 8] ^= bit;
            let r = verify_bytes(&bytes);
            assert_eq!(
                codes(&r),
                vec![("auxiliary.db", "entry_header_mismatch")],
                "{bit}"
            );
            assert!(
                r.problems[0].message.contains("flags"),
                "{}",
                r.problems[0].message
            );
        }
        // Flags the reading does not depend on (UTF-8 names) may differ.
        let mut bytes = zip.bytes.clone();
        let cd = central_header_of(&bytes, b"auxiliary.db");
        bytes[cd + 9] ^= 0x08;
        assert_eq!(codes(&verify_bytes(&bytes)), vec![]);
    }

    #[test]
    fn a_central_directory_that_lies() {
        let zip = write_zip(&backup(&[]));
        let mut bytes = zip.bytes.clone();
        // The last "types.d.ts" in the file is the central directory's.
        let at = bytes.windows(10).rposition(|w| w == b"types.d.ts").unwrap();
        bytes[at] = b'T';
        let r = verify_bytes(&bytes);
        // The entry is there; its name differs from its local header's.
        assert_eq!(codes(&r), vec![("Types.d.ts", "entry_header_mismatch")]);

        let mut files = backup(&[]);
        files.push(ZipFile::stored("storage/a", b"a"));
        let two = write_zip(&files);
        // Drop the last entry's central directory record.
        let mut bytes = two.bytes.clone();
        let cd_at = bytes.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
        let eocd_at = bytes.len() - 22;
        bytes.drain(cd_at..eocd_at);
        let r = verify_bytes(&bytes);
        assert_eq!(codes(&r), vec![("", "zip_directory_mismatch")]);
    }

    #[test]
    fn sizes_in_the_descriptor_must_match() {
        let zip = write_zip(&backup(&[]));
        let (at, len) = zip.data[0];
        let mut bytes = zip.bytes.clone();
        // Descriptor: signature, CRC, compressed size, size.
        let size_at = at + len + 12;
        bytes[size_at] ^= 1;
        let r = verify_bytes(&bytes);
        assert_eq!(codes(&r)[0], ("data.db", "entry_size_mismatch"));
    }

    fn report_in_pieces(bytes: &[u8], pieces: &[usize]) -> VerifyReport {
        let mut v = Verifier::new();
        let mut rest = bytes;
        for &n in pieces {
            let n = n.min(rest.len());
            v.feed(&rest[..n]);
            rest = &rest[n..];
        }
        v.feed(rest);
        v.finish()
    }

    proptest! {
        #[test]
        fn pieces_of_any_size_give_the_same_report(pieces in proptest::collection::vec(0usize..3000, 0..40)) {
            let zip = sound();
            prop_assert_eq!(report_in_pieces(&zip.bytes, &pieces), verify_bytes(&zip.bytes));
        }

        #[test]
        fn any_changed_data_byte_is_found(entry in 0usize..3, pos in any::<prop::sample::Index>(), bit in 0u8..8) {
            let zip = write_zip(&backup(&[]));
            let (at, len) = zip.data[entry];
            // The last byte may hold only padding bits after the final block.
            let i = at + pos.index(len - 1);
            let mut bytes = zip.bytes.clone();
            bytes[i] ^= 1 << bit;
            let r = verify_bytes(&bytes);
            prop_assert!(!r.ok());
            let name = ["data.db", "auxiliary.db", "types.d.ts"][entry];
            prop_assert!(r.problems.iter().any(|p| p.entry == name), "{:?}", r.problems);
        }

        #[test]
        fn any_bytes_give_a_report(bytes in proptest::collection::vec(any::<u8>(), 0..4000), pieces in proptest::collection::vec(1usize..500, 0..10)) {
            let r = report_in_pieces(&bytes, &pieces);
            prop_assert!(r.problems.len() <= MAX_PROBLEMS);
            prop_assert_eq!(r.bytes, bytes.len() as u64);
        }

        #[test]
        fn mutated_archives_give_a_report(i in any::<prop::sample::Index>(), v in any::<u8>(), cut in any::<prop::sample::Index>()) {
            let zip = sound();
            let mut bytes = zip.bytes.clone();
            let at = i.index(bytes.len());
            bytes[at] = v;
            let end = bytes.len() - cut.index(bytes.len() / 4);
            let r = verify_bytes(&bytes[..end]);
            prop_assert_eq!(r.bytes, end as u64);
            if end < bytes.len() {
                prop_assert!(!r.ok());
            }
        }
    }
}
