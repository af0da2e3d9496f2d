//! The write-ahead log: a 32-byte header, then frames of a 24-byte header and a page.
//! [`WalBuilder`] reads a -wal file fed in pieces of any size and finds, for each page,
//! its latest frame in a committed transaction; frames after the last valid commit are
//! ignored, as SQLite ignores them.
//!
//! A driver serves page `n` from the log at [`WalIndex::offset`] when the index has it,
//! from the database file otherwise; it opens the [`Database`](super::Database) from page
//! 1 as served so, and sets its page count to [`WalIndex::db_pages`] when that is not 0.

use std::collections::BTreeMap;

use super::error::{self, DbError};
use super::page::be32;

const HEADER_LEN: usize = 32;
const FRAME_HEADER_LEN: usize = 24;
/// The magic with checksums over little-endian words, and with big-endian ones.
const MAGIC_LE: u32 = 0x377f_0682;
const MAGIC_BE: u32 = 0x377f_0683;

/// Where each page's latest committed version is in the WAL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WalIndex {
    page_size: u32,
    frames: BTreeMap<u32, u64>,
    db_pages: u32,
}

impl WalIndex {
    /// The page size of the log (it must be the database's).
    pub fn page_size(&self) -> u32 {
        self.page_size
    }

    /// The byte offset in the WAL of page `number`'s data, when the log has a committed
    /// version of it.
    pub fn offset(&self, number: u32) -> Option<u64> {
        self.frames.get(&number).copied()
    }

    /// The database size in pages after the last commit; 0 when nothing was committed.
    pub fn db_pages(&self) -> u32 {
        self.db_pages
    }

    /// How many pages the log holds a committed version of.
    pub fn len(&self) -> usize {
        self.frames.len()
    }

    /// Whether the log holds no committed page.
    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }
}

/// A streaming reader of a WAL file.
#[derive(Debug, Clone, Default)]
pub struct WalBuilder {
    /// The bytes of the header or frame being read.
    buf: Vec<u8>,
    /// Bytes fed so far.
    offset: u64,
    big_endian: bool,
    salts: [u32; 2],
    sum: [u32; 2],
    page_size: u32,
    /// Whether the header has been read; false also after an invalid frame ends the log.
    reading: bool,
    done: bool,
    pending: Vec<(u32, u64)>,
    index: WalIndex,
}

impl WalBuilder {
    /// A reader at the start of the file.
    pub fn new() -> WalBuilder {
        WalBuilder::default()
    }

    /// Reads the next piece of the file. An error only for a header that is not a WAL's
    /// (a log whose header is valid but whose frames are not ends at the last good commit).
    pub fn feed(&mut self, mut bytes: &[u8]) -> Result<(), DbError> {
        while !bytes.is_empty() && !self.done {
            let want = if self.reading {
                FRAME_HEADER_LEN + self.page_size as usize
            } else {
                HEADER_LEN
            };
            let take = (want - self.buf.len()).min(bytes.len());
            let (head, rest) = bytes.split_at(take);
            self.buf.extend_from_slice(head);
            bytes = rest;
            if self.buf.len() < want {
                break;
            }
            if self.reading {
                self.frame();
                self.offset += want as u64;
            } else {
                self.header()?;
                self.offset = HEADER_LEN as u64;
                self.reading = true;
            }
            self.buf.clear();
        }
        Ok(())
    }

    /// The index of the committed frames (an empty one for a file shorter than a header).
    pub fn finish(self) -> WalIndex {
        self.index
    }

    fn header(&mut self) -> Result<(), DbError> {
        let bad = || DbError::new(error::BAD_WAL, "The file is not a SQLite write-ahead log.", 0);
        let h = &self.buf;
        self.big_endian = match be32(h, 0) {
            MAGIC_LE => false,
            MAGIC_BE => true,
            _ => return Err(bad()),
        };
        let page_size = be32(h, 8);
        if !(512..=65_536).contains(&page_size) || !page_size.is_power_of_two() || be32(h, 4) != 3_007_000 {
            return Err(bad());
        }
        let sum = checksum(self.big_endian, [0, 0], h.get(..24).unwrap_or_default());
        if sum != [be32(h, 24), be32(h, 28)] {
            return Err(bad());
        }
        self.page_size = page_size;
        self.index.page_size = page_size;
        self.salts = [be32(h, 16), be32(h, 20)];
        self.sum = sum;
        Ok(())
    }

    /// Checks the frame in `buf`; records it, and commits the frames before it when it
    /// ends a transaction. An invalid frame ends the log.
    fn frame(&mut self) {
        let f = &self.buf;
        let page = be32(f, 0);
        let commit = be32(f, 4);
        let sum = checksum(self.big_endian, self.sum, f.get(..8).unwrap_or_default());
        let sum = checksum(
            self.big_endian,
            sum,
            f.get(FRAME_HEADER_LEN..).unwrap_or_default(),
        );
        let valid = page != 0 && [be32(f, 8), be32(f, 12)] == self.salts && sum == [be32(f, 16), be32(f, 20)];
        if !valid {
            self.done = true;
            return;
        }
        self.sum = sum;
        self.pending.push((page, self.offset + FRAME_HEADER_LEN as u64));
        if commit != 0 {
            for (p, at) in self.pending.drain(..) {
                self.index.frames.insert(p, at);
            }
            self.index.db_pages = commit;
        }
    }
}

/// SQLite's WAL checksum: over 32-bit words in the log's byte order, two running sums.
fn checksum(big_endian: bool, [mut s0, mut s1]: [u32; 2], data: &[u8]) -> [u32; 2] {
    for pair in data.chunks_exact(8) {
        let word = |i: usize| {
            let w = [
                pair.get(i).copied().unwrap_or(0),
                pair.get(i + 1).copied().unwrap_or(0),
                pair.get(i + 2).copied().unwrap_or(0),
                pair.get(i + 3).copied().unwrap_or(0),
            ];
            if big_endian {
                u32::from_be_bytes(w)
            } else {
                u32::from_le_bytes(w)
            }
        };
        s0 = s0.wrapping_add(word(0)).wrapping_add(s1);
        s1 = s1.wrapping_add(word(4)).wrapping_add(s0);
    }
    [s0, s1]
}
