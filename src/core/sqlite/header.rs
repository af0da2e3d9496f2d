//! The 100-byte database header: page size, page count, text encoding, reserved space
//! and the freelist's start, checked with SQLite's own rules.

use super::error::{self, DbError};
use super::page::{be16, be32};

/// The length of the database header at the start of page 1.
pub const HEADER_LEN: usize = 100;

const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How the database stores text (values are always returned as UTF-8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (also what a header that names no encoding yet means).
    Utf8,
    /// UTF-16, little-endian.
    Utf16le,
    /// UTF-16, big-endian.
    Utf16be,
}

/// What the header says about the file, needed by every read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Database {
    page_size: u32,
    page_count: u32,
    reserved: u8,
    encoding: Encoding,
    freelist_trunk: u32,
    freelist_count: u32,
}

impl Database {
    /// Reads the header (the first 100 bytes of the file, or of page 1 as the WAL holds
    /// it) of a file of `file_len` bytes.
    pub fn open(header: &[u8], file_len: u64) -> Result<Database, DbError> {
        let not_db = || DbError::new(error::NOT_A_DATABASE, "The file is not a SQLite database.", 0);
        if header.len() < HEADER_LEN || header.get(..16) != Some(&MAGIC[..]) {
            return Err(not_db());
        }
        let page_size = match be16(header, 16) {
            1 => 65_536,
            n if (512..=32_768).contains(&n) && n.is_power_of_two() => u32::from(n),
            _ => {
                return Err(DbError::new(
                    error::BAD_PAGE_SIZE,
                    "The page size is not a power of two from 512 to 65536.",
                    1,
                ))
            }
        };
        // Read version 1 is a rollback journal, 2 WAL; a later one may change the format.
        let read_version = header.get(19).copied().unwrap_or(0);
        if read_version > 2 {
            return Err(DbError::new(
                error::UNSUPPORTED,
                "The file format is newer than this reader.",
                1,
            ));
        }
        // The payload fractions are fixed at 64, 32 and 32 since SQLite 3.0.
        if header.get(21..24) != Some(&[64, 32, 32][..]) {
            return Err(not_db());
        }
        let reserved = header.get(20).copied().unwrap_or(0);
        if page_size - u32::from(reserved) < 480 {
            return Err(DbError::new(
                error::BAD_PAGE_SIZE,
                "The reserved space leaves less than 480 usable bytes a page.",
                1,
            ));
        }
        let encoding = match be32(header, 56) {
            0 | 1 => Encoding::Utf8,
            2 => Encoding::Utf16le,
            3 => Encoding::Utf16be,
            _ => {
                return Err(DbError::new(
                    error::BAD_ENCODING,
                    "The text encoding is not UTF-8 or UTF-16.",
                    1,
                ))
            }
        };
        let in_file = u32::try_from(file_len / u64::from(page_size)).unwrap_or(u32::MAX);
        // SQLite trusts the in-header size only when the change counter says the header
        // was written by a version that keeps it (3.7.0 on); a size past the file's end
        // names pages no one can serve, so the file's length bounds it.
        let in_header = be32(header, 28);
        let page_count = if in_header != 0 && be32(header, 24) == be32(header, 92) {
            in_header.min(in_file)
        } else {
            in_file
        };
        Ok(Database {
            page_size,
            page_count,
            reserved,
            encoding,
            freelist_trunk: be32(header, 32),
            freelist_count: be32(header, 36),
        })
    }

    /// Bytes per page, 512 to 65536.
    pub fn page_size(&self) -> u32 {
        self.page_size
    }

    /// The number of pages; every page number read is checked against it.
    pub fn page_count(&self) -> u32 {
        self.page_count
    }

    /// Sets the page count, e.g. to the database size of a WAL's last commit.
    pub fn set_page_count(&mut self, pages: u32) {
        self.page_count = pages;
    }

    /// Bytes at the end of each page that the b-tree does not use (e.g. for encryption).
    pub fn reserved(&self) -> u8 {
        self.reserved
    }

    /// The bytes of each page the b-tree uses.
    pub fn usable_size(&self) -> u32 {
        self.page_size - u32::from(self.reserved)
    }

    /// How text is stored.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The first freelist trunk page, 0 when the freelist is empty.
    pub fn freelist_trunk(&self) -> u32 {
        self.freelist_trunk
    }

    /// The number of free pages, as the header counts them.
    pub fn freelist_count(&self) -> u32 {
        self.freelist_count
    }
}
