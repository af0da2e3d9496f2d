//! An entry of the backup inflated for the caller, in runs of at most [`OUT_LIMIT`]
//! bytes: the caller hands each piece of the entry's compressed data it read, then
//! asks again with nothing until nothing more comes out.

use super::open::{entry_error, Located};
use crate::core::zip::entry::EntryReader;
use crate::error::Error;

/// The most bytes one call hands out (a piece may inflate to a thousand times its size).
pub const OUT_LIMIT: usize = 1024 * 1024;

/// One entry being inflated.
pub struct Inflating {
    pub located: Located,
    reader: EntryReader,
    /// Compressed bytes handed in and not used yet.
    pending: Vec<u8>,
    last: bool,
}

impl Inflating {
    pub fn new(located: Located) -> Self {
        let reader = EntryReader::new(&located.entry);
        Inflating {
            located,
            reader,
            pending: Vec::new(),
            last: false,
        }
    }

    /// Hands in `piece` (`last`: the entry's data ends with it) and gives out the next
    /// run of the entry's bytes; an empty piece gives out what is left of the pieces
    /// before; an empty run: all of them are out.
    pub fn next(&mut self, piece: &[u8], last: bool) -> Result<Vec<u8>, Error> {
        self.pending.extend_from_slice(piece);
        self.last |= last;
        let mut out = Vec::new();
        let used = self
            .reader
            .feed(&self.pending, self.last, OUT_LIMIT, &mut |run| {
                out.extend_from_slice(run)
            })
            .map_err(|e| entry_error(&self.located.entry.name, e))?;
        self.pending.drain(..used.min(self.pending.len()));
        Ok(out)
    }

    /// After the last run: the entry is whole and sound; its size.
    pub fn finish(&self) -> Result<u64, Error> {
        self.reader
            .finish()
            .map_err(|e| entry_error(&self.located.entry.name, e))?;
        Ok(self.reader.produced())
    }
}
