//! Looking inside a zip before uploading it: only its central directory is read
//! (`Blob.slice`), so the cost does not depend on the file's size.

use web_sys::Blob;

use super::BackupService;
use crate::core::json::Json;
use crate::core::zip::{
    locate_central_directory, locate_from_zip64_record, summarize, CdLocation, CentralDirectoryParser,
    ZipError, ZipSummary, MAX_CENTRAL_DIRECTORY_SIZE, TAIL_LEN,
};
use crate::error::Error;
use crate::transport::blob::read_range;
use crate::transport::runtime;

/// What [`BackupService::inspect`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// The file's size in bytes.
    pub size: u64,
    /// The archive's contents, or why it cannot be read as a zip.
    pub verdict: Result<ZipSummary, ZipError>,
}

impl Inspection {
    /// As JSON: the `ZipInspection` object of the JS API (declared beside its use in
    /// src/js/zip.rs; tests/typescript.rs holds the two to each other).
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

impl BackupService {
    /// Reads a zip's central directory and reports its entries and whether it looks
    /// like a backup of this server (`data.db` at its root). Reads at most the last
    /// 64 KiB and the directory itself, whatever the file's size, the directory in
    /// pieces of 256 KiB (a forged one is refused at its first bad entry). Never fails for what
    /// the bytes hold (the verdict says what is wrong); fails only if the browser
    /// cannot read the file.
    pub async fn inspect(&self, file: &Blob) -> Result<Inspection, Error> {
        let size = file.size() as u64;
        let verdict = read_summary(file, size).await?;
        Ok(Inspection { size, verdict })
    }
}

async fn read_summary(file: &Blob, size: u64) -> Result<Result<ZipSummary, ZipError>, Error> {
    let read = |start: u64, end: u64| async move {
        read_range(file, start, end).await.map_err(|e| {
            let why = runtime::error_message(&e).unwrap_or_else(|| "unknown error".into());
            Error::client("", format!("The file could not be read: {why}"))
        })
    };
    if size == 0 {
        return Ok(Err(ZipError::Empty));
    }
    let tail = read(size.saturating_sub(TAIL_LEN), size).await?;
    let mut location = locate_central_directory(size, &tail);
    if let Ok(CdLocation::NeedZip64Record { offset, len }) = location {
        let record = read(offset, offset.saturating_add(len)).await?;
        location = locate_from_zip64_record(size, &record);
    }
    let (offset, cd_size, entries, zip64) = match location {
        Ok(CdLocation::Found {
            offset,
            size,
            entries,
            zip64,
        }) => (offset, size, entries, zip64),
        Ok(CdLocation::NeedZip64Record { .. }) => return Ok(Err(ZipError::Corrupt)),
        Err(e) => return Ok(Err(e)),
    };
    if cd_size > MAX_CENTRAL_DIRECTORY_SIZE {
        return Ok(Err(ZipError::CentralDirectoryTooLarge));
    }
    // Piece by piece: wasm memory holds the entries read so far and one piece, never
    // the directory the end record claims, and a directory that is not one is refused
    // at its first bad entry.
    let mut parser = match CentralDirectoryParser::new(entries, zip64) {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let end = offset.saturating_add(cd_size);
    let mut at = offset;
    while at < end {
        let next = at.saturating_add(CD_PIECE).min(end);
        let piece = read(at, next).await?;
        if let Err(e) = parser.feed(&piece) {
            return Ok(Err(e));
        }
        at = next;
    }
    Ok(parser.finish().map(|e| summarize(e, zip64)))
}

/// How much of the central directory is read at a time.
const CD_PIECE: u64 = 256 * 1024;
