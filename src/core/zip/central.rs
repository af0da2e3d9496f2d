//! The central-directory reader: from a few slices of the end of a possibly multi-GB file,
//! where the directory is and what it lists.

use super::extract::{extraction_path, DATA_DB};
use super::format::{
    len_u64, zip64_extra, Reader, CENTRAL_LEN, CENTRAL_SIG, EOCD64_MIN_SIZE_FIELD, EOCD64_SIG, EOCD_LEN,
    EOCD_SIG, LOCATOR_LEN, LOCATOR_SIG, MAX_COMMENT_LEN, ZIP_SIGNATURES,
};

/// How many bytes at the end of the file to read first: the end-of-central-directory record
/// (22 bytes plus a comment of up to 65,535) and the zip64 locator before it (20).
pub const TAIL_LEN: u64 = 22 + 65_535 + 20;

/// How many bytes to read for the zip64 end-of-central-directory record.
pub const ZIP64_RECORD_LEN: u64 = 56;

/// The most entries inspected; archives listing more are refused.
pub const MAX_ENTRIES: u64 = 1_000_000;

/// The largest central directory inspected (256 MiB); larger ones are refused before the caller
/// reads them into memory.
pub const MAX_CENTRAL_DIRECTORY_SIZE: u64 = 256 * 1024 * 1024;

/// The most bytes of entry names kept (64 MiB); a directory whose names take more is
/// refused at the entry that passes it, before that name is kept. Without it a valid
/// directory of [`MAX_CENTRAL_DIRECTORY_SIZE`] could keep 256 MiB of names in wasm
/// memory (4,096 names of 65,535 bytes), and the answer built from them as much again.
/// A server's backup names its entries `data.db`, `storage/<collection>/<record>/<file>`
/// and the like, 60 to 100 bytes, up to about 300 for a thumbnail of a file with a long
/// name: 64 MiB is some 700,000 such entries, near [`MAX_ENTRIES`] (a pb_data of 350,000
/// uploaded files, each with its `.attrs`).
pub const MAX_NAME_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file cannot be inspected as a zip archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZipError {
    /// The file has no bytes.
    Empty,
    /// No end-of-central-directory record at the end of the file.
    NotZip,
    /// The central directory points outside the file, or fewer bytes than declared were given.
    Truncated,
    /// The central directory or the records that point to it are inconsistent: bad signature,
    /// entry count mismatch, lengths overflowing their record, missing zip64 fields.
    Corrupt,
    /// More than [`MAX_ENTRIES`] entries.
    TooManyEntries,
    /// A central directory larger than [`MAX_CENTRAL_DIRECTORY_SIZE`].
    CentralDirectoryTooLarge,
    /// Entry names taking more than [`MAX_NAME_BYTES`] in all.
    NamesTooLarge,
    /// The archive is split over several disks (parts).
    MultiDisk,
}

impl ZipError {
    /// A sentence for the user.
    pub fn message(&self) -> &'static str {
        match self {
            ZipError::Empty => "The file is empty.",
            ZipError::NotZip => {
                "This file is not a zip archive: it has no end-of-central-directory record at its end."
            }
            ZipError::Truncated => {
                "The zip archive is incomplete: it ends before the data its central directory \
                 describes (was it cut short while downloading or copying?)."
            }
            ZipError::Corrupt => {
                "The zip archive is corrupt: its central directory (the list of files) is damaged."
            }
            ZipError::TooManyEntries => {
                "The zip archive lists more than 1,000,000 files, too many to inspect."
            }
            ZipError::CentralDirectoryTooLarge => {
                "The zip archive's list of files is larger than 256 MiB, too large to inspect."
            }
            ZipError::NamesTooLarge => {
                "The zip archive's file names take more than 64 MiB in all, too much to inspect."
            }
            ZipError::MultiDisk => {
                "The zip archive is split into several parts (multi-disk), which is not supported: \
                 join the parts into one file first."
            }
        }
    }

    /// A stable identifier, for programs.
    pub fn code(&self) -> &'static str {
        match self {
            ZipError::Empty => "zip_empty",
            ZipError::NotZip => "zip_not_zip",
            ZipError::Truncated => "zip_truncated",
            ZipError::Corrupt => "zip_corrupt",
            ZipError::TooManyEntries => "zip_too_many_entries",
            ZipError::CentralDirectoryTooLarge => "zip_directory_too_large",
            ZipError::NamesTooLarge => "zip_names_too_large",
            ZipError::MultiDisk => "zip_multi_disk",
        }
    }
}

impl std::fmt::Display for ZipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for ZipError {}

/// Where the central directory is, or which bytes to read to find out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CdLocation {
    /// The central directory is `[offset, offset + size)` of the file and lists `entries`
    /// entries. `zip64` tells whether the zip64 end records were used.
    Found {
        offset: u64,
        size: u64,
        entries: u64,
        zip64: bool,
    },
    /// The archive is zip64 and its end record is not inside the tail: read
    /// `[offset, offset + len)` and call [`locate_from_zip64_record`].
    NeedZip64Record { offset: u64, len: u64 },
}

/// One entry of the central directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipEntry {
    /// The name, as stored (lossy UTF-8), e.g. `"data.db"` or `"storage/abc/"`.
    pub name: String,
    pub compressed_size: u64,
    pub uncompressed_size: u64,
    /// The compression method (0 stored, 8 deflate, …).
    pub method: u16,
    /// The name ends with `/`.
    pub is_dir: bool,
    /// Where the entry's local header starts in the file.
    pub offset: u64,
    /// The CRC-32 of the uncompressed data, as the directory records it.
    pub crc: u32,
    /// The general purpose flags (encryption, data descriptor).
    pub flags: u16,
}

/// What an archive holds, for the checks before upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipSummary {
    pub entries: Vec<ZipEntry>,
    /// The zip64 end records were used.
    pub zip64: bool,
    /// A file the server's restore writes to `data.db` at the top of its data: named
    /// `data.db`, or a name its join makes that (`./data.db`, `x/../data.db`).
    pub has_data_db: bool,
    /// The sum of the uncompressed sizes (saturating).
    pub total_uncompressed: u64,
}

/// Sums up parsed entries.
pub fn summarize(entries: Vec<ZipEntry>, zip64: bool) -> ZipSummary {
    let has_data_db = entries
        .iter()
        .any(|e| !e.is_dir && extraction_path(e.name.as_bytes()).as_deref() == Some(DATA_DB));
    let total_uncompressed = entries
        .iter()
        .fold(0u64, |sum, e| sum.saturating_add(e.uncompressed_size));
    ZipSummary {
        entries,
        zip64,
        has_data_db,
        total_uncompressed,
    }
}

/// Step 1: finds the central directory from the file size and the last
/// `min(file_size, TAIL_LEN)` bytes of the file (`tail`).
///
/// A shorter tail is searched as given (an end record with a long comment may then be missed);
/// a tail longer than the file is refused as [`ZipError::Truncated`].
pub fn locate_central_directory(file_size: u64, tail: &[u8]) -> Result<CdLocation, ZipError> {
    if file_size == 0 {
        return Err(ZipError::Empty);
    }
    let tail_start = file_size
        .checked_sub(len_u64(tail.len()))
        .ok_or(ZipError::Truncated)?;
    let eocd_pos = match find_eocd(tail) {
        Some(pos) => pos,
        None if looks_like_zip(tail) => return Err(ZipError::Truncated),
        None => return Err(ZipError::NotZip),
    };
    let eocd_abs = tail_start
        .checked_add(len_u64(eocd_pos))
        .ok_or(ZipError::Truncated)?;

    let Eocd {
        disk,
        cd_disk,
        disk_entries,
        entries,
        cd_size,
        cd_offset,
    } = tail
        .get(eocd_pos..)
        .and_then(Eocd::read)
        .ok_or(ZipError::Truncated)?;

    let locator = eocd_pos
        .checked_sub(LOCATOR_LEN)
        .and_then(|start| tail.get(start..eocd_pos))
        .filter(|loc| Reader::at(loc, 0).u32() == Some(LOCATOR_SIG));
    let Some(locator) = locator else {
        if disk != 0 || cd_disk != 0 || disk_entries != entries {
            return Err(ZipError::MultiDisk);
        }
        if cd_size == u32::MAX || cd_offset == u32::MAX {
            // Zip64 markers, but no locator for the zip64 record. (0xFFFF entries alone can be
            // a zip32 archive with exactly 65,535 entries.)
            return Err(ZipError::Corrupt);
        }
        return found(
            file_size,
            eocd_abs,
            cd_offset.into(),
            cd_size.into(),
            entries.into(),
            false,
        );
    };

    // Zip64: the EOCD fields may hold 0xFFFF / 0xFFFFFFFF; the real values are in the zip64 record.
    if ![0, u16::MAX].contains(&disk) || ![0, u16::MAX].contains(&cd_disk) {
        return Err(ZipError::MultiDisk);
    }
    let Locator {
        record_disk,
        record_offset,
        total_disks,
    } = Locator::read(locator).ok_or(ZipError::Truncated)?;
    if record_disk != 0 || total_disks > 1 {
        return Err(ZipError::MultiDisk);
    }
    let locator_abs = eocd_abs
        .checked_sub(len_u64(LOCATOR_LEN))
        .ok_or(ZipError::Corrupt)?;
    let record_end = record_offset
        .checked_add(ZIP64_RECORD_LEN)
        .ok_or(ZipError::Truncated)?;
    if record_end > file_size {
        return Err(ZipError::Truncated);
    }
    if record_end > locator_abs {
        return Err(ZipError::Corrupt);
    }
    match record_offset
        .checked_sub(tail_start)
        .and_then(|rel| usize::try_from(rel).ok())
    {
        Some(rel) => {
            let record = tail.get(rel..).ok_or(ZipError::Truncated)?;
            parse_zip64_record(file_size, record, record_offset)
        }
        None => Ok(CdLocation::NeedZip64Record {
            offset: record_offset,
            len: ZIP64_RECORD_LEN,
        }),
    }
}

/// Step 1b: finds the central directory from the zip64 end record, the bytes
/// `[offset, offset + len)` named by [`CdLocation::NeedZip64Record`].
pub fn locate_from_zip64_record(file_size: u64, record: &[u8]) -> Result<CdLocation, ZipError> {
    if file_size == 0 {
        return Err(ZipError::Empty);
    }
    // The record is followed at least by the locator and the EOCD record.
    let latest_start = file_size.saturating_sub(ZIP64_RECORD_LEN + len_u64(LOCATOR_LEN + EOCD_LEN));
    parse_zip64_record(file_size, record, latest_start)
}

/// Step 2: parses the central directory (the bytes `[offset, offset + size)` of
/// [`CdLocation::Found`]), which must list exactly `expected_entries` entries.
///
/// A field holding 0xFFFFFFFF is read from the zip64 extra field. When that is missing, the
/// archive is corrupt, except for an uncompressed size in a non-zip64 archive, which is then
/// taken as is (as Go's `archive/zip` does).
pub fn parse_central_directory(
    cd: &[u8],
    expected_entries: u64,
    zip64: bool,
) -> Result<Vec<ZipEntry>, ZipError> {
    let mut parser = CentralDirectoryParser::new(expected_entries, zip64)?;
    parser.feed(cd)?;
    parser.finish()
}

/// [`parse_central_directory`] fed in pieces, so that a large directory is never held
/// whole: only the entries read so far (their names at most [`MAX_NAME_BYTES`] in all)
/// and at most one incomplete entry are kept (an entry is at most 46 + 3 × 65,535 bytes). A directory that is not what it claims
/// fails at its first bad entry, before the rest is read. Feeding the directory in any
/// pieces gives the same answer as [`parse_central_directory`] of the whole.
#[derive(Debug)]
pub struct CentralDirectoryParser {
    expected: usize,
    zip64: bool,
    entries: Vec<ZipEntry>,
    /// The bytes of the names kept.
    name_bytes: u64,
    /// Bytes of the entry being read; after the last entry, up to 4 bytes that follow.
    pending: Vec<u8>,
}

impl CentralDirectoryParser {
    /// A parser for a directory of `expected_entries` entries.
    pub fn new(expected_entries: u64, zip64: bool) -> Result<Self, ZipError> {
        if expected_entries > MAX_ENTRIES {
            return Err(ZipError::TooManyEntries);
        }
        let expected = usize::try_from(expected_entries).map_err(|_| ZipError::TooManyEntries)?;
        Ok(CentralDirectoryParser {
            expected,
            zip64,
            entries: Vec::new(),
            name_bytes: 0,
            pending: Vec::new(),
        })
    }

    /// Reads the next bytes of the directory. Fails as soon as an entry is bad.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), ZipError> {
        if self.entries.len() >= self.expected {
            // Only whether another entry follows matters: keep its signature's bytes.
            let room = 4usize.saturating_sub(self.pending.len());
            self.pending.extend_from_slice(&chunk[..chunk.len().min(room)]);
            return Ok(());
        }
        self.pending.extend_from_slice(chunk);
        let mut pos = 0;
        while self.entries.len() < self.expected {
            let rest = &self.pending[pos..];
            let Some(header) = rest.get(..CENTRAL_LEN) else {
                break;
            };
            let h = CdHeader::read(header).ok_or(ZipError::Truncated)?;
            if h.signature != CENTRAL_SIG {
                return Err(ZipError::Corrupt);
            }
            let len =
                CENTRAL_LEN + usize::from(h.name_len) + usize::from(h.extra_len) + usize::from(h.comment_len);
            if rest.len() < len {
                break;
            }
            self.name_bytes = self.name_bytes.saturating_add(h.name_len.into());
            if self.name_bytes > MAX_NAME_BYTES {
                return Err(ZipError::NamesTooLarge);
            }
            let mut r = Reader::at(rest, CENTRAL_LEN);
            let entry = parse_entry(header, &mut r, self.zip64)?;
            if self.entries.len() == self.entries.capacity() {
                // Grow with what has been read, never with what the end record claims.
                self.entries.reserve(self.entries.len().clamp(4, 4096));
            }
            self.entries.push(entry);
            pos += len;
        }
        self.pending.drain(..pos);
        if self.entries.len() >= self.expected {
            self.pending.truncate(4);
        }
        Ok(())
    }

    /// The entries, once the whole directory has been fed.
    pub fn finish(mut self) -> Result<Vec<ZipEntry>, ZipError> {
        if self.entries.len() < self.expected {
            if self.pending.is_empty() {
                // Fewer entries than the end record declares.
                return Err(ZipError::Corrupt);
            }
            // An entry cut short: its header, or what its header announces.
            let header = self.pending.get(..CENTRAL_LEN).ok_or(ZipError::Truncated)?;
            let mut r = Reader::at(&self.pending, CENTRAL_LEN);
            parse_entry(header, &mut r, self.zip64)?;
            return Err(ZipError::Corrupt);
        }
        if Reader::at(&self.pending, 0).u32() == Some(CENTRAL_SIG) {
            // More entries than the end record declares.
            return Err(ZipError::Corrupt);
        }
        self.entries.shrink_to_fit();
        Ok(self.entries)
    }
}

/// One central directory entry: its fixed 46-byte `header`, then its name, extra field and
/// comment read from `r`.
fn parse_entry(header: &[u8], r: &mut Reader<'_>, zip64: bool) -> Result<ZipEntry, ZipError> {
    let CdHeader {
        signature,
        flags,
        method,
        crc,
        compressed,
        uncompressed,
        name_len,
        extra_len,
        comment_len,
        offset,
    } = CdHeader::read(header).ok_or(ZipError::Truncated)?;
    if signature != CENTRAL_SIG {
        return Err(ZipError::Corrupt);
    }
    let name = r.take(name_len.into()).ok_or(ZipError::Corrupt)?;
    let extra = r.take(extra_len.into()).ok_or(ZipError::Corrupt)?;
    r.take(comment_len.into()).ok_or(ZipError::Corrupt)?;

    let need_uncompressed = uncompressed == u32::MAX;
    let need_compressed = compressed == u32::MAX;
    let need_offset = offset == u32::MAX;
    let mut uncompressed_size = u64::from(uncompressed);
    let mut compressed_size = u64::from(compressed);
    let mut local_offset = u64::from(offset);
    if need_uncompressed || need_compressed || need_offset {
        match zip64_extra(extra) {
            Some(data) => {
                // Only the saturated fields are present, in this order.
                let mut z = Reader::at(data, 0);
                if need_uncompressed {
                    uncompressed_size = z.u64().ok_or(ZipError::Corrupt)?;
                }
                if need_compressed {
                    compressed_size = z.u64().ok_or(ZipError::Corrupt)?;
                }
                if need_offset {
                    local_offset = z.u64().ok_or(ZipError::Corrupt)?;
                }
            }
            None if zip64 || need_compressed || need_offset => return Err(ZipError::Corrupt),
            None => {}
        }
    }
    Ok(ZipEntry {
        name: String::from_utf8_lossy(name).into_owned(),
        compressed_size,
        uncompressed_size,
        method,
        is_dir: name.last() == Some(&b'/'),
        offset: local_offset,
        crc,
        flags,
    })
}

/// Parses the zip64 end record (`record` starts with it); the central directory must end at or
/// before `cd_limit`.
fn parse_zip64_record(file_size: u64, record: &[u8], cd_limit: u64) -> Result<CdLocation, ZipError> {
    let Eocd64 {
        signature,
        size,
        disk,
        cd_disk,
        disk_entries,
        entries,
        cd_size,
        cd_offset,
    } = Eocd64::read(record).ok_or(ZipError::Truncated)?;
    if signature != EOCD64_SIG || size < EOCD64_MIN_SIZE_FIELD {
        return Err(ZipError::Corrupt);
    }
    if disk != 0 || cd_disk != 0 || disk_entries != entries {
        return Err(ZipError::MultiDisk);
    }
    found(file_size, cd_limit, cd_offset, cd_size, entries, true)
}

/// Checks a central directory location against the file.
fn found(
    file_size: u64,
    cd_limit: u64,
    offset: u64,
    size: u64,
    entries: u64,
    zip64: bool,
) -> Result<CdLocation, ZipError> {
    let end = offset.checked_add(size).ok_or(ZipError::Truncated)?;
    if end > file_size {
        return Err(ZipError::Truncated);
    }
    if entries > MAX_ENTRIES {
        return Err(ZipError::TooManyEntries);
    }
    if size > MAX_CENTRAL_DIRECTORY_SIZE {
        return Err(ZipError::CentralDirectoryTooLarge);
    }
    if end > cd_limit {
        return Err(ZipError::Corrupt);
    }
    let min_size = entries
        .checked_mul(len_u64(CENTRAL_LEN))
        .ok_or(ZipError::Corrupt)?;
    if size < min_size {
        return Err(ZipError::Corrupt);
    }
    // No entry is longer than its header and three fields of at most 65,535 bytes: a
    // directory claiming more for its entries is not one, and is not read.
    let max_size = entries.saturating_mul(len_u64(CENTRAL_LEN) + 3 * 65_535);
    if size > max_size {
        return Err(ZipError::Corrupt);
    }
    Ok(CdLocation::Found {
        offset,
        size,
        entries,
        zip64,
    })
}

/// The position in `tail` of the end-of-central-directory record: the last signature whose
/// comment ends exactly at the end of `tail`, else the last one whose comment fits before it
/// (bytes appended after the archive).
fn find_eocd(tail: &[u8]) -> Option<usize> {
    let last = tail.len().checked_sub(EOCD_LEN)?;
    let first = last.saturating_sub(MAX_COMMENT_LEN);
    let mut loose = None;
    for pos in (first..=last).rev() {
        let mut r = Reader::at(tail, pos);
        if r.u32() != Some(EOCD_SIG) {
            continue;
        }
        let Some(comment_len) = Reader::at(tail, pos.saturating_add(20)).u16() else {
            continue;
        };
        let Some(end) = pos
            .checked_add(EOCD_LEN)
            .and_then(|p| p.checked_add(comment_len.into()))
        else {
            continue;
        };
        if end == tail.len() {
            return Some(pos);
        }
        if end < tail.len() && loose.is_none() {
            loose = Some(pos);
        }
    }
    loose
}

fn looks_like_zip(tail: &[u8]) -> bool {
    tail.windows(4).any(|w| ZIP_SIGNATURES.iter().any(|sig| w == sig))
}

/// The end-of-central-directory record (after its signature, which the search checked).
struct Eocd {
    disk: u16,
    cd_disk: u16,
    disk_entries: u16,
    entries: u16,
    cd_size: u32,
    cd_offset: u32,
}

impl Eocd {
    fn read(b: &[u8]) -> Option<Self> {
        let mut r = Reader::at(b, 4);
        Some(Eocd {
            disk: r.u16()?,
            cd_disk: r.u16()?,
            disk_entries: r.u16()?,
            entries: r.u16()?,
            cd_size: r.u32()?,
            cd_offset: r.u32()?,
        })
    }
}

/// The zip64 end-of-central-directory locator (after its signature).
struct Locator {
    record_disk: u32,
    record_offset: u64,
    total_disks: u32,
}

impl Locator {
    fn read(b: &[u8]) -> Option<Self> {
        let mut r = Reader::at(b, 4);
        Some(Locator {
            record_disk: r.u32()?,
            record_offset: r.u64()?,
            total_disks: r.u32()?,
        })
    }
}

/// The fixed part of the zip64 end-of-central-directory record.
struct Eocd64 {
    signature: u32,
    size: u64,
    disk: u32,
    cd_disk: u32,
    disk_entries: u64,
    entries: u64,
    cd_size: u64,
    cd_offset: u64,
}

impl Eocd64 {
    fn read(b: &[u8]) -> Option<Self> {
        let mut r = Reader::at(b, 0);
        let signature = r.u32()?;
        let size = r.u64()?;
        r.skip(4)?; // version made by, version needed
        Some(Eocd64 {
            signature,
            size,
            disk: r.u32()?,
            cd_disk: r.u32()?,
            disk_entries: r.u64()?,
            entries: r.u64()?,
            cd_size: r.u64()?,
            cd_offset: r.u64()?,
        })
    }
}

/// The fixed 46 bytes of a central directory file header.
struct CdHeader {
    signature: u32,
    flags: u16,
    method: u16,
    crc: u32,
    compressed: u32,
    uncompressed: u32,
    name_len: u16,
    extra_len: u16,
    comment_len: u16,
    offset: u32,
}

impl CdHeader {
    fn read(b: &[u8]) -> Option<Self> {
        let mut r = Reader::at(b, 0);
        let signature = r.u32()?;
        r.skip(4)?; // version made by, version needed
        let flags = r.u16()?;
        let method = r.u16()?;
        r.skip(4)?; // time, date
        let crc = r.u32()?;
        let compressed = r.u32()?;
        let uncompressed = r.u32()?;
        let name_len = r.u16()?;
        let extra_len = r.u16()?;
        let comment_len = r.u16()?;
        r.skip(8)?; // disk number start, internal attributes, external attributes
        let offset = r.u32()?;
        Some(CdHeader {
            signature,
            flags,
            method,
            crc,
            compressed,
            uncompressed,
            name_len,
            extra_len,
            comment_len,
            offset,
        })
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! The tests' zip writer (crates/test-zip) and a reader that drives the two steps like
    //! the browser code does.

    pub use bosbase_backups_test_zip::{write_archive, Archive, Layout, ZipFile};

    use super::*;

    /// The central directory the end record of `file` points to: its bytes, its entry
    /// count and whether it is zip64; `None` when the end record is not found.
    pub fn central_directory(file: &Layout) -> Option<(Vec<u8>, u64, bool)> {
        match locate_central_directory(file.size(), &file.tail(TAIL_LEN)) {
            Ok(CdLocation::Found {
                offset,
                size,
                entries,
                zip64,
            }) => Some((file.read(offset, size), entries, zip64)),
            _ => None,
        }
    }

    /// What the browser code does: tail, maybe the zip64 record, then the central directory.
    pub fn inspect(file: &Layout) -> Result<ZipSummary, ZipError> {
        let size = file.size();
        let mut location = locate_central_directory(size, &file.tail(TAIL_LEN))?;
        if let CdLocation::NeedZip64Record { offset, len } = location {
            let record = file.read(offset, len);
            location = locate_from_zip64_record(size, &record)?;
        }
        match location {
            CdLocation::Found {
                offset,
                size,
                entries,
                zip64,
            } => {
                let cd = file.read(offset, size);
                let parsed = parse_central_directory(&cd, entries, zip64)?;
                assert_eq!(parsed.len() as u64, entries);
                Ok(summarize(parsed, zip64))
            }
            CdLocation::NeedZip64Record { .. } => panic!("a second NeedZip64Record"),
        }
    }

    /// Checks that `summary` lists exactly `spec`'s entries.
    pub fn assert_same(spec: &Archive, summary: &ZipSummary) {
        assert_eq!(summary.entries.len(), spec.entries.len());
        for (got, want) in summary.entries.iter().zip(&spec.entries) {
            let (c, u) = want.sizes();
            assert_eq!(got.name, want.name);
            assert_eq!(got.compressed_size, c, "{}", want.name);
            assert_eq!(got.uncompressed_size, u, "{}", want.name);
            assert_eq!(got.method, 0);
            assert_eq!(got.is_dir, want.name.ends_with('/'));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;

    fn spec(entries: &[(&str, &[u8])]) -> Archive {
        Archive {
            entries: entries.iter().map(|(n, d)| ZipFile::stored(n, d)).collect(),
            ..Archive::default()
        }
    }

    fn backup_spec() -> Archive {
        spec(&[
            ("data.db", b"SQLite format 3\0 pretend"),
            ("auxiliary.db", b"aux"),
            ("types.d.ts", b"export {}"),
            ("storage/", b""),
            ("storage/abc/file.txt", b"hello"),
        ])
    }

    fn roundtrip(spec: &Archive) -> ZipSummary {
        let file = write_archive(spec);
        let summary = inspect(&file).unwrap();
        assert_same(spec, &summary);
        summary
    }

    #[test]
    fn round_trip_of_a_small_archive() {
        let spec = backup_spec();
        let summary = roundtrip(&spec);
        assert!(!summary.zip64);
        assert!(summary.has_data_db);
        assert_eq!(summary.total_uncompressed, 24 + 3 + 9 + 5);
        assert!(summary.entries[3].is_dir);
        let file = write_archive(&spec);
        match locate_central_directory(file.size(), &file.tail(TAIL_LEN)).unwrap() {
            CdLocation::Found { entries, zip64, .. } => assert_eq!((entries, zip64), (5, false)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn archive_with_a_comment() {
        let mut s = backup_spec();
        s.comment = b"made by a test".to_vec();
        roundtrip(&s);
        s.comment = vec![b'x'; 65_535];
        roundtrip(&s);
    }

    #[test]
    fn a_fake_end_record_in_the_comment_is_skipped() {
        let mut s = backup_spec();
        // A signature whose comment length (7) does not reach the end of the file.
        let mut comment = b"PK\x05\x06".to_vec();
        comment.extend_from_slice(&[0; 16]);
        comment.extend_from_slice(&7u16.to_le_bytes());
        comment.extend_from_slice(b" and more text after it");
        s.comment = comment;
        roundtrip(&s);
    }

    #[test]
    fn bytes_after_the_archive_are_tolerated() {
        let mut s = backup_spec();
        s.trailing = vec![0; 100];
        roundtrip(&s);
    }

    #[test]
    fn empty_archive() {
        let s = Archive::default();
        let file = write_archive(&s);
        assert_eq!(file.size(), 22);
        assert_eq!(
            locate_central_directory(22, &file.bytes),
            Ok(CdLocation::Found {
                offset: 0,
                size: 0,
                entries: 0,
                zip64: false
            })
        );
        let summary = roundtrip(&s);
        assert!(summary.entries.is_empty());
        assert!(!summary.has_data_db);
        assert_eq!(summary.total_uncompressed, 0);
    }

    #[test]
    fn data_db_counts_where_the_server_writes_it() {
        assert!(roundtrip(&backup_spec()).has_data_db);
        let nested = spec(&[
            ("sub/data.db", b"x"),
            ("auxiliary.db", b"x"),
            ("types.d.ts", b"x"),
            ("data.db/", b""),
            ("./data.db/", b""),
            ("data.db.bak", b"x"),
            (".\\data.db", b"x"),
            ("../data.db", b"x"),
            ("DATA.DB", b"x"),
        ]);
        assert!(!roundtrip(&nested).has_data_db);
        // The server's restore writes each of these to data.db (Go's filepath.Join).
        for name in ["./data.db", "x/../data.db", "/data.db", "storage//.././data.db"] {
            assert!(roundtrip(&spec(&[(name, b"x")])).has_data_db, "{name}");
        }
    }

    #[test]
    fn summarize_saturates_the_total() {
        let entry = |u| ZipEntry {
            name: "a".into(),
            compressed_size: 0,
            uncompressed_size: u,
            method: 8,
            is_dir: false,
            offset: 0,
            crc: 0,
            flags: 0,
        };
        let summary = summarize(vec![entry(u64::MAX), entry(5)], true);
        assert_eq!(summary.total_uncompressed, u64::MAX);
        assert!(summary.zip64);
    }

    fn zip64_spec() -> Archive {
        let mut s = backup_spec();
        s.zip64_end = true;
        s.saturate_eocd = true;
        s.entries[0].claimed = Some((5_000_000_000, 6_000_000_000));
        s.entries[1].claimed = Some((100, 4_294_967_295)); // only the uncompressed size saturates
        s.entries[2].claimed = Some((4_294_967_296, 7)); // only the compressed size saturates
        s.entries[3].force_zip64 = true; // every field in the extra, even small ones
        s.entries[4].other_extra = true;
        s.entries[4].force_zip64 = true;
        s
    }

    #[test]
    fn zip64_archive_with_saturated_end_record() {
        let s = zip64_spec();
        let file = write_archive(&s);
        let eocd = &file.bytes[file.bytes.len() - 22..];
        assert_eq!(&eocd[8..20], &[0xFF; 12]);
        let summary = roundtrip(&s);
        assert!(summary.zip64);
        assert!(summary.has_data_db);
        assert_eq!(summary.entries[0].compressed_size, 5_000_000_000);
        assert_eq!(summary.entries[1].uncompressed_size, 4_294_967_295);
        assert_eq!(summary.entries[2].compressed_size, 4_294_967_296);
        assert_eq!(summary.total_uncompressed, 6_000_000_000 + 4_294_967_295 + 7 + 5);
    }

    #[test]
    fn zip64_records_with_plain_end_record_values() {
        let mut s = zip64_spec();
        s.saturate_eocd = false;
        assert!(roundtrip(&s).zip64);
    }

    #[test]
    fn zip64_extra_fields_without_zip64_end_records() {
        let mut s = zip64_spec();
        s.zip64_end = false;
        s.saturate_eocd = false;
        assert!(!roundtrip(&s).zip64);
    }

    #[test]
    fn zip64_offsets_past_4_gib_and_more_than_65535_entries() {
        let mut s = Archive {
            entries: (0..70_000)
                .map(|i| ZipFile::stored(&format!("f{i}"), b""))
                .collect(),
            zip64_end: true,
            saturate_eocd: true,
            virtual_prefix: 5 << 30,
            ..Archive::default()
        };
        s.entries.push(ZipFile::stored("data.db", b"db"));
        let file = write_archive(&s);
        match locate_central_directory(file.size(), &file.tail(TAIL_LEN)).unwrap() {
            CdLocation::Found {
                offset,
                entries,
                zip64,
                ..
            } => {
                assert!(offset > 5 << 30);
                assert_eq!((entries, zip64), (70_001, true));
            }
            other => panic!("{other:?}"),
        }
        let summary = roundtrip(&s);
        assert!(summary.has_data_db);
    }

    #[test]
    fn zip64_record_outside_the_tail() {
        let mut s = zip64_spec();
        s.comment = vec![b'c'; 65_535];
        let file = write_archive(&s);
        let size = file.size();
        assert!(size > TAIL_LEN);
        let record_offset = size - 22 - 65_535 - 20 - 56;
        assert_eq!(
            locate_central_directory(size, &file.tail(TAIL_LEN)),
            Ok(CdLocation::NeedZip64Record {
                offset: record_offset,
                len: ZIP64_RECORD_LEN
            })
        );
        let summary = roundtrip(&s);
        assert!(summary.zip64);
        // A wrong range is refused, not misread.
        let wrong = file.read(record_offset + 1, 56);
        assert_eq!(locate_from_zip64_record(size, &wrong), Err(ZipError::Corrupt));
        let short = file.read(record_offset, 40);
        assert_eq!(locate_from_zip64_record(size, &short), Err(ZipError::Truncated));
        assert_eq!(locate_from_zip64_record(0, &short), Err(ZipError::Empty));
    }

    #[test]
    fn empty_input() {
        assert_eq!(locate_central_directory(0, &[]), Err(ZipError::Empty));
        assert_eq!(inspect(&Layout::plain(Vec::new())).unwrap_err(), ZipError::Empty);
    }

    #[test]
    fn junk_is_not_a_zip() {
        for junk in [
            b"hello, this is a text file and not a zip archive at all\n".repeat(50),
            b"\x89PNG\r\n\x1a\n".to_vec(),
            vec![0; 10],
            vec![0; 100_000],
            b"PK".to_vec(),
        ] {
            assert_eq!(inspect(&Layout::plain(junk)).unwrap_err(), ZipError::NotZip);
        }
    }

    #[test]
    fn a_tail_longer_than_the_file_is_refused() {
        let file = write_archive(&backup_spec());
        assert_eq!(
            locate_central_directory(10, &file.bytes),
            Err(ZipError::Truncated)
        );
    }

    #[test]
    fn cut_files_are_truncated_never_ok() {
        for s in [backup_spec(), zip64_spec(), {
            let mut s = backup_spec();
            s.comment = b"note".to_vec();
            s
        }] {
            let full = write_archive(&s).bytes;
            for cut in 0..full.len() {
                let result = inspect(&Layout::plain(full[..cut].to_vec()));
                let want = match cut {
                    0 => ZipError::Empty,
                    1..=3 => ZipError::NotZip,
                    _ => ZipError::Truncated,
                };
                assert_eq!(result.unwrap_err(), want, "cut at {cut}");
            }
            // The start of the file missing instead: offsets point past the end or at the wrong bytes.
            for skip in 1..=full.len() - 22 - s.comment.len() {
                let result = inspect(&Layout::plain(full[skip..].to_vec()));
                assert!(
                    matches!(result, Err(ZipError::Truncated | ZipError::Corrupt)),
                    "skip {skip}: {result:?}"
                );
            }
        }
    }

    #[test]
    fn cut_central_directories_are_refused() {
        for s in [backup_spec(), zip64_spec()] {
            let file = write_archive(&s);
            let (cd, entries, zip64) = central_directory(&file).expect("found");
            assert!(parse_central_directory(&cd, entries, zip64).is_ok());
            for cut in 0..cd.len() {
                let result = parse_central_directory(&cd[..cut], entries, zip64);
                assert!(
                    matches!(result, Err(ZipError::Truncated | ZipError::Corrupt)),
                    "cut {cut}: {result:?}"
                );
            }
        }
    }

    fn backup_cd() -> (Vec<u8>, u64) {
        let file = write_archive(&backup_spec());
        match locate_central_directory(file.size(), &file.tail(TAIL_LEN)).unwrap() {
            CdLocation::Found {
                offset,
                size,
                entries,
                ..
            } => (file.read(offset, size), entries),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn corrupt_central_directories() {
        let (cd, n) = backup_cd();
        // Entry count mismatch, both ways.
        assert_eq!(parse_central_directory(&cd, n + 1, false), Err(ZipError::Corrupt));
        assert_eq!(parse_central_directory(&cd, n - 1, false), Err(ZipError::Corrupt));
        // Bad signature.
        let mut bad = cd.clone();
        bad[0] = b'X';
        assert_eq!(parse_central_directory(&bad, n, false), Err(ZipError::Corrupt));
        // A name length running past the directory.
        let mut long = cd.clone();
        long[28..30].copy_from_slice(&0xFFFFu16.to_le_bytes());
        assert_eq!(parse_central_directory(&long, n, false), Err(ZipError::Corrupt));
        // 0 entries and no bytes is fine.
        assert_eq!(parse_central_directory(&[], 0, false), Ok(Vec::new()));
        assert_eq!(parse_central_directory(&[], 1, false), Err(ZipError::Corrupt));
    }

    #[test]
    fn saturated_fields_need_the_zip64_extra() {
        let (cd, _) = backup_cd();
        let first_len = 46 + "data.db".len();
        let one = &cd[..first_len];
        let with = |at: usize| {
            let mut e = one.to_vec();
            e[at..at + 4].copy_from_slice(&[0xFF; 4]);
            e
        };
        // Uncompressed size 0xFFFFFFFF: literal in a zip32 archive, corrupt in a zip64 one.
        let entries = parse_central_directory(&with(24), 1, false).unwrap();
        assert_eq!(entries[0].uncompressed_size, u64::from(u32::MAX));
        assert_eq!(
            parse_central_directory(&with(24), 1, true),
            Err(ZipError::Corrupt)
        );
        // Compressed size or offset without the extra: corrupt.
        assert_eq!(
            parse_central_directory(&with(20), 1, false),
            Err(ZipError::Corrupt)
        );
        assert_eq!(
            parse_central_directory(&with(42), 1, false),
            Err(ZipError::Corrupt)
        );
    }

    #[test]
    fn a_zip64_extra_too_short_is_corrupt() {
        let mut s = spec(&[("a", b"x")]);
        s.entries[0].force_zip64 = true;
        let file = write_archive(&s);
        let (mut cd, ..) = central_directory(&file).expect("found");
        // The extra holds 24 bytes; claim 16 (the last field is missing, the rest is padding).
        let block = 46 + 1;
        cd[block + 2..block + 4].copy_from_slice(&16u16.to_le_bytes());
        assert_eq!(parse_central_directory(&cd, 1, true), Err(ZipError::Corrupt));
    }

    #[test]
    fn names_are_lossy_utf8() {
        let (mut cd, n) = backup_cd();
        cd[46] = 0xFF; // first byte of "data.db"
        let entries = parse_central_directory(&cd, n, false).unwrap();
        assert_eq!(entries[0].name, "\u{FFFD}ata.db");
    }

    #[test]
    fn too_many_entries() {
        assert_eq!(
            parse_central_directory(&[], MAX_ENTRIES + 1, false),
            Err(ZipError::TooManyEntries)
        );
        assert_eq!(
            parse_central_directory(&[], u64::MAX, true),
            Err(ZipError::TooManyEntries)
        );
        let file = write_archive(&zip64_spec());
        let mut bytes = file.bytes.clone();
        let record = bytes.len() - 22 - 20 - 56;
        bytes[record + 24..record + 40]
            .copy_from_slice(&[&2_000_000u64.to_le_bytes()[..], &2_000_000u64.to_le_bytes()[..]].concat());
        assert_eq!(
            inspect(&Layout::plain(bytes)).unwrap_err(),
            ZipError::TooManyEntries
        );
    }

    /// An archive of `n` empty stored entries, each with a name of 65,535 bytes.
    fn long_names(n: u64) -> Layout {
        let name = "n".repeat(65_535);
        let entries = (0..n).map(|_| ZipFile::stored(&name, b"")).collect();
        write_archive(&Archive {
            entries,
            ..Archive::default()
        })
    }

    #[test]
    fn names_past_their_limit_are_refused_before_they_are_kept() {
        // As many of the longest names as fit in the limit: read (64 MiB of them).
        let fit = MAX_NAME_BYTES / 65_535;
        let file = long_names(fit);
        assert_eq!(inspect(&file).map(|s| s.entries.len() as u64), Ok(fit));
        // One more: refused, with a code of its own, at the entry that passes the limit
        // (the directory fed in pieces stops there).
        let file = long_names(fit + 1);
        assert_eq!(inspect(&file).unwrap_err(), ZipError::NamesTooLarge);
        let (cd, entries, zip64) = central_directory(&file).expect("found");
        let mut parser = CentralDirectoryParser::new(entries, zip64).unwrap();
        let record = 46 + 65_535;
        parser.feed(&cd[..fit as usize * record]).unwrap();
        assert_eq!(
            parser.feed(&cd[fit as usize * record..]),
            Err(ZipError::NamesTooLarge)
        );
        assert_eq!(ZipError::NamesTooLarge.code(), "zip_names_too_large");
    }

    #[test]
    fn huge_central_directory_is_refused_before_reading() {
        let mut s = zip64_spec();
        s.virtual_prefix = 300 << 20;
        let file = write_archive(&s);
        let mut bytes = file.bytes.clone();
        let record = bytes.len() - 22 - 20 - 56;
        // The whole virtual prefix and more as the central directory: inside the file, too large.
        bytes[record + 40..record + 48].copy_from_slice(&((300u64 << 20) + 10).to_le_bytes());
        bytes[record + 48..record + 56].copy_from_slice(&0u64.to_le_bytes());
        let file = Layout { bytes, ..file };
        assert_eq!(inspect(&file).unwrap_err(), ZipError::CentralDirectoryTooLarge);
    }

    #[test]
    fn multi_disk_archives_are_refused() {
        let file = write_archive(&backup_spec());
        let eocd = file.bytes.len() - 22;
        for field in [4, 6, 8] {
            let mut bytes = file.bytes.clone();
            bytes[eocd + field] = 1;
            assert_eq!(
                inspect(&Layout::plain(bytes)).unwrap_err(),
                ZipError::MultiDisk,
                "field {field}"
            );
        }
        let file = write_archive(&zip64_spec());
        let n = file.bytes.len();
        let (record, locator) = (n - 22 - 20 - 56, n - 22 - 20);
        for at in [locator + 4, locator + 16, record + 16, record + 20, record + 24] {
            let mut bytes = file.bytes.clone();
            bytes[at] = 2;
            assert_eq!(
                inspect(&Layout::plain(bytes)).unwrap_err(),
                ZipError::MultiDisk,
                "byte {at}"
            );
        }
    }

    #[test]
    fn end_records_pointing_outside_the_file() {
        let file = write_archive(&backup_spec());
        let eocd = file.bytes.len() - 22;
        let mut bytes = file.bytes.clone();
        bytes[eocd + 16..eocd + 20].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
        assert_eq!(inspect(&Layout::plain(bytes)).unwrap_err(), ZipError::Truncated);
        // A size too small for the declared entries.
        let mut bytes = file.bytes.clone();
        bytes[eocd + 12..eocd + 16].copy_from_slice(&10u32.to_le_bytes());
        assert_eq!(inspect(&Layout::plain(bytes)).unwrap_err(), ZipError::Corrupt);
        // A zip64 record offset past the end.
        let file = write_archive(&zip64_spec());
        let locator = file.bytes.len() - 22 - 20;
        let mut bytes = file.bytes.clone();
        bytes[locator + 8..locator + 16].copy_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(inspect(&Layout::plain(bytes)).unwrap_err(), ZipError::Truncated);
    }

    #[test]
    fn messages_are_sentences() {
        let all = [
            ZipError::Empty,
            ZipError::NotZip,
            ZipError::Truncated,
            ZipError::Corrupt,
            ZipError::TooManyEntries,
            ZipError::CentralDirectoryTooLarge,
            ZipError::NamesTooLarge,
            ZipError::MultiDisk,
        ];
        for (i, e) in all.iter().enumerate() {
            assert!(e.message().ends_with('.') && e.message().len() > 10);
            assert_eq!(e.to_string(), e.message());
            assert!(e.code().starts_with("zip_"));
            for other in &all[i + 1..] {
                assert_ne!(e.message(), other.message());
                assert_ne!(e.code(), other.code());
            }
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::fixtures::*;
    use super::*;
    use proptest::prelude::*;

    /// Found and NeedZip64Record ranges lie inside the file.
    fn in_file(location: &CdLocation, file_size: u64) -> bool {
        let (offset, len) = match *location {
            CdLocation::Found { offset, size, .. } => (offset, size),
            CdLocation::NeedZip64Record { offset, len } => (offset, len),
        };
        offset.checked_add(len).is_some_and(|end| end <= file_size)
    }

    fn entry() -> impl Strategy<Value = ZipFile> {
        (
            "[a-z0-9_./]{1,40}",
            proptest::collection::vec(any::<u8>(), 0..64),
            proptest::option::of((any::<u64>(), any::<u64>())),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(name, data, claimed, force_zip64, other_extra)| ZipFile {
                claimed,
                force_zip64,
                other_extra,
                ..ZipFile::stored(&name, &data)
            })
    }

    fn archive() -> impl Strategy<Value = Archive> {
        (
            proptest::collection::vec(entry(), 0..20),
            proptest::collection::vec(any::<u8>(), 0..100),
            any::<bool>(),
            any::<bool>(),
            prop_oneof![Just(0u64), Just(1u64 << 32), 0u64..1000],
        )
            .prop_map(|(entries, comment, zip64_end, saturate, prefix)| Archive {
                entries,
                comment,
                // Offsets past 4 GiB need the zip64 end records.
                zip64_end: zip64_end || prefix >= u64::from(u32::MAX),
                saturate_eocd: zip64_end && saturate,
                virtual_prefix: prefix,
                trailing: Vec::new(),
            })
    }

    /// Keeps a random comment from being read as an end record (that archive would be ambiguous).
    fn unambiguous(spec: &Archive) -> bool {
        !spec.comment.windows(4).any(|w| w == b"PK\x05\x06")
    }

    proptest! {
        #[test]
        fn locate_never_panics(file_size in any::<u64>(), tail in proptest::collection::vec(any::<u8>(), 0..4096)) {
            if let Ok(location) = locate_central_directory(file_size, &tail) {
                prop_assert!(in_file(&location, file_size));
            }
            let small = (tail.len() as u64).saturating_add(file_size % 1000);
            if let Ok(location) = locate_central_directory(small, &tail) {
                prop_assert!(in_file(&location, small));
            }
        }

        #[test]
        fn locate_with_an_end_record_never_panics(
            file_size in any::<u64>(),
            mut tail in proptest::collection::vec(any::<u8>(), 22..4096),
            with_locator in any::<bool>(),
        ) {
            // Plant signatures so the deeper paths run on random values.
            let n = tail.len();
            tail[n - 22..n - 18].copy_from_slice(b"PK\x05\x06");
            tail[n - 2..].copy_from_slice(&[0, 0]);
            if with_locator && n >= 42 {
                tail[n - 42..n - 38].copy_from_slice(b"PK\x06\x07");
            }
            let file_size = file_size.max(n as u64);
            if let Ok(location) = locate_central_directory(file_size, &tail) {
                prop_assert!(in_file(&location, file_size));
            }
        }

        #[test]
        fn locate_from_zip64_record_never_panics(
            file_size in any::<u64>(),
            mut record in proptest::collection::vec(any::<u8>(), 0..4096),
            plant in any::<bool>(),
        ) {
            if plant && record.len() >= 4 {
                record[..4].copy_from_slice(b"PK\x06\x06");
            }
            if let Ok(location) = locate_from_zip64_record(file_size, &record) {
                let is_found = matches!(location, CdLocation::Found { .. });
                prop_assert!(is_found);
                prop_assert!(in_file(&location, file_size));
            }
        }

        #[test]
        fn parse_never_panics(
            mut cd in proptest::collection::vec(any::<u8>(), 0..4096),
            expected in prop_oneof![0u64..20, any::<u64>()],
            zip64 in any::<bool>(),
            plant in any::<bool>(),
        ) {
            if plant && cd.len() >= 4 {
                cd[..4].copy_from_slice(b"PK\x01\x02");
            }
            if let Ok(entries) = parse_central_directory(&cd, expected, zip64) {
                prop_assert_eq!(entries.len() as u64, expected);
            }
        }

        #[test]
        fn mutated_archives_never_panic(
            spec in archive(),
            at in any::<prop::sample::Index>(),
            byte in any::<u8>(),
            cut in any::<prop::sample::Index>(),
        ) {
            let file = write_archive(&spec);
            let mut mutated = file.clone();
            let i = at.index(mutated.bytes.len());
            mutated.bytes[i] = byte;
            let _ = inspect(&mutated);
            // Cut short, it is refused (unless its comment holds what looks like an end record).
            let mut shorter = file.clone();
            shorter.bytes.truncate(cut.index(file.bytes.len()));
            prop_assert!(inspect(&shorter).is_err() || !unambiguous(&spec));
        }

        #[test]
        fn a_directory_fed_in_pieces_reads_as_the_whole(
            spec in archive(),
            mutation in proptest::option::of((any::<prop::sample::Index>(), any::<u8>())),
            cut in proptest::option::of(any::<prop::sample::Index>()),
            piece in 1usize..200,
            extra_entries in 0u64..3,
        ) {
            let file = write_archive(&spec);
            let Some((mut cd, entries, zip64)) = central_directory(&file) else {
                return Ok(());
            };
            if let (Some((at, byte)), false) = (mutation, cd.is_empty()) {
                let i = at.index(cd.len());
                cd[i] = byte;
            }
            if let (Some(at), false) = (cut, cd.is_empty()) {
                cd.truncate(at.index(cd.len()));
            }
            for expected in [entries, entries + extra_entries] {
                let whole = parse_central_directory(&cd, expected, zip64);
                let pieces = CentralDirectoryParser::new(expected, zip64).and_then(|mut p| {
                    for chunk in cd.chunks(piece) {
                        p.feed(chunk)?;
                    }
                    p.finish()
                });
                prop_assert_eq!(pieces, whole);
            }
        }

        #[test]
        fn valid_archives_round_trip(spec in archive()) {
            prop_assume!(unambiguous(&spec));
            let file = write_archive(&spec);
            let summary = inspect(&file).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            assert_same(&spec, &summary);
            prop_assert_eq!(summary.zip64, spec.zip64_end);
            let data_db = spec
                .entries
                .iter()
                .any(|e| !e.name.ends_with('/') && extraction_path(e.name.as_bytes()).as_deref() == Some(DATA_DB));
            prop_assert_eq!(summary.has_data_db, data_db);
        }
    }
}
