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
    /// Bytes inflated and not given out yet (a run may pass the room asked for).
    spill: Vec<u8>,
    last: bool,
}

impl Inflating {
    pub fn new(located: Located) -> Self {
        let reader = EntryReader::new(&located.entry);
        Inflating {
            located,
            reader,
            pending: Vec::new(),
            spill: Vec::new(),
            last: false,
        }
    }

    /// Hands in `piece` (`last`: the entry's data ends with it) and gives out the next
    /// run of the entry's bytes, at most `room` (and [`OUT_LIMIT`]) of them; an empty
    /// piece gives out what is left of the pieces before; an empty run: all of them are
    /// out.
    pub fn next(&mut self, piece: &[u8], last: bool, room: usize) -> Result<Vec<u8>, Error> {
        self.pending.extend_from_slice(piece);
        self.last |= last;
        let room = room.clamp(1, OUT_LIMIT);
        if self.spill.len() < room {
            let spill = &mut self.spill;
            let used = self
                .reader
                .feed(&self.pending, self.last, room - spill.len(), &mut |run| {
                    spill.extend_from_slice(run)
                })
                .map_err(|e| entry_error(&self.located.entry.name, e))?;
            self.pending.drain(..used.min(self.pending.len()));
        }
        let n = room.min(self.spill.len());
        Ok(self.spill.drain(..n).collect())
    }

    /// After the last run: the entry is whole and sound; its size.
    pub fn finish(&self) -> Result<u64, Error> {
        self.reader
            .finish()
            .map_err(|e| entry_error(&self.located.entry.name, e))?;
        Ok(self.reader.produced())
    }
}
