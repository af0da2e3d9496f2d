//! Reading one entry of a zip found through its central directory (the explorer's
//! `data.db` and a record's files): where its data starts, then its bytes inflated
//! piece by piece and checked against the directory's CRC-32 and size. The caller
//! reads the slices; this module only looks at bytes and never panics.
//!
//! 1. Read [`LOCAL_LEN`] bytes at [`ZipEntry::offset`] and call [`data_range`].
//! 2. Feed that range, in pieces of any size, to an [`EntryReader`]; it hands on the
//!    entry's bytes as they come out; [`EntryReader::finish`] checks the whole.

use miniz_oxide::inflate::core::inflate_flags::TINFL_FLAG_HAS_MORE_INPUT;
use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

use super::format::{
    le16, le32, FLAG_ENCRYPTED, FLAG_STRONG_ENCRYPTION, LOCAL_LEN, LOCAL_SIG, METHOD_DEFLATED, METHOD_STORED,
};
use super::ZipEntry;
use crate::core::crc32::{Crc32, Crc32Table};

/// The inflate window: deflate refers back at most this far.
const WINDOW: usize = 32 * 1024;

/// Why an entry's bytes cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryError {
    /// The entry is encrypted.
    Encrypted,
    /// A compression method other than stored or deflate.
    UnsupportedMethod,
    /// No local header where the directory says, or its data runs past the file.
    BadHeader,
    /// The deflate stream is damaged, or ends before or after its size.
    BadDeflate,
    /// The bytes do not have the CRC-32 the directory records.
    CrcMismatch,
    /// More or fewer bytes than the directory records.
    SizeMismatch,
}

impl EntryError {
    /// A stable identifier, for programs (the codes `verify` reports the same problems with).
    pub fn code(&self) -> &'static str {
        match self {
            EntryError::Encrypted => "entry_encrypted",
            EntryError::UnsupportedMethod => "entry_unsupported_method",
            EntryError::BadHeader => "entry_header_mismatch",
            EntryError::BadDeflate => "entry_bad_deflate",
            EntryError::CrcMismatch => "entry_crc_mismatch",
            EntryError::SizeMismatch => "entry_size_mismatch",
        }
    }

    /// A sentence for the user.
    pub fn message(&self) -> &'static str {
        match self {
            EntryError::Encrypted => "The entry is encrypted: its data cannot be read.",
            EntryError::UnsupportedMethod => {
                "The entry uses a compression method other than stored or deflate, which cannot be read."
            }
            EntryError::BadHeader => {
                "The entry's local header is missing or damaged, or its data runs past the end of the file."
            }
            EntryError::BadDeflate => "The entry's compressed data is damaged.",
            EntryError::CrcMismatch => {
                "The entry's data does not match its CRC-32 checksum: the archive is damaged."
            }
            EntryError::SizeMismatch => {
                "The entry's data is not as long as the archive's list of files says: the archive is damaged."
            }
        }
    }
}

/// Where `entry`'s data is in a file of `file_size` bytes, from the [`LOCAL_LEN`] bytes
/// of its local header (`local`): `(start, end)`.
pub fn data_range(entry: &ZipEntry, local: &[u8], file_size: u64) -> Result<(u64, u64), EntryError> {
    if entry.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION) != 0 {
        return Err(EntryError::Encrypted);
    }
    if entry.method != METHOD_STORED && entry.method != METHOD_DEFLATED {
        return Err(EntryError::UnsupportedMethod);
    }
    if local.len() < LOCAL_LEN || le32(local, 0) != LOCAL_SIG {
        return Err(EntryError::BadHeader);
    }
    let skip = LOCAL_LEN as u64 + u64::from(le16(local, 26)) + u64::from(le16(local, 28));
    let start = entry.offset.checked_add(skip).ok_or(EntryError::BadHeader)?;
    let end = start
        .checked_add(entry.compressed_size)
        .ok_or(EntryError::BadHeader)?;
    if end > file_size {
        return Err(EntryError::BadHeader);
    }
    Ok((start, end))
}

/// An entry's data, read piece by piece: stored bytes passed on, deflated ones inflated
/// through a 32 KiB window, all checked against the directory's CRC-32 and size.
pub struct EntryReader {
    deflated: bool,
    inflater: Box<DecompressorOxide>,
    window: Box<[u8]>,
    window_pos: usize,
    crc_table: Crc32Table,
    crc: Crc32,
    expected_crc: u32,
    expected_size: u64,
    produced: u64,
    ended: bool,
}

impl EntryReader {
    /// A reader of `entry`'s data (checked by [`data_range`] first).
    pub fn new(entry: &ZipEntry) -> Self {
        EntryReader {
            deflated: entry.method == METHOD_DEFLATED,
            inflater: Box::default(),
            window: vec![0; WINDOW].into_boxed_slice(),
            window_pos: 0,
            crc_table: Crc32Table::new(),
            crc: Crc32::new(),
            expected_crc: entry.crc,
            expected_size: entry.uncompressed_size,
            produced: 0,
            ended: false,
        }
    }

    /// Bytes of the entry handed on so far.
    pub fn produced(&self) -> u64 {
        self.produced
    }

    /// The next compressed bytes (`last`: no more follow); each run of the entry's
    /// bytes goes to `out`, in order. Stops once `limit` bytes came out (a small input
    /// may inflate to a thousand times its size): the answer is how many bytes of
    /// `input` were used, and the caller hands the rest again.
    pub fn feed(
        &mut self,
        input: &[u8],
        last: bool,
        limit: usize,
        out: &mut dyn FnMut(&[u8]),
    ) -> Result<usize, EntryError> {
        if !self.deflated {
            let take = input.len().min(limit.max(1));
            self.emit(&input[..take], out)?;
            return Ok(take);
        }
        let (mut used_in_all, mut written_in_all) = (0usize, 0usize);
        loop {
            let rest = &input[used_in_all..];
            if self.ended {
                // Bytes after the end of the deflate stream belong to no entry.
                return if rest.is_empty() {
                    Ok(used_in_all)
                } else {
                    Err(EntryError::BadDeflate)
                };
            }
            let flags = if last { 0 } else { TINFL_FLAG_HAS_MORE_INPUT };
            let (status, used, written) =
                decompress(&mut self.inflater, rest, &mut self.window, self.window_pos, flags);
            let used = used.min(rest.len());
            used_in_all += used;
            let start = self.window_pos;
            let end = start.saturating_add(written).min(WINDOW);
            self.window_pos = end % WINDOW;
            let run = &self.window[start..end];
            self.crc_table.update(&mut self.crc, run);
            self.produced = self.produced.saturating_add(run.len() as u64);
            written_in_all += run.len();
            if self.produced > self.expected_size {
                return Err(EntryError::SizeMismatch);
            }
            out(run);
            match status {
                TINFLStatus::Done => self.ended = true,
                TINFLStatus::HasMoreOutput => {}
                TINFLStatus::NeedsMoreInput if used_in_all == input.len() => return Ok(used_in_all),
                TINFLStatus::NeedsMoreInput => {}
                _ => return Err(EntryError::BadDeflate),
            }
            if written_in_all >= limit {
                return Ok(used_in_all);
            }
            if used == 0 && written == 0 && status != TINFLStatus::Done {
                // No step forward: the stream wants input it was told will not come.
                return Err(EntryError::BadDeflate);
            }
        }
    }

    fn emit(&mut self, bytes: &[u8], out: &mut dyn FnMut(&[u8])) -> Result<(), EntryError> {
        self.produced = self.produced.saturating_add(bytes.len() as u64);
        if self.produced > self.expected_size {
            return Err(EntryError::SizeMismatch);
        }
        self.crc_table.update(&mut self.crc, bytes);
        out(bytes);
        Ok(())
    }

    /// After the last piece: the entry is whole and sound.
    pub fn finish(&self) -> Result<(), EntryError> {
        if self.deflated && !self.ended {
            return Err(EntryError::BadDeflate);
        }
        if self.produced != self.expected_size {
            return Err(EntryError::SizeMismatch);
        }
        if self.crc.value() != self.expected_crc {
            return Err(EntryError::CrcMismatch);
        }
        Ok(())
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::zip::fixtures::{central_directory, write_archive, Archive, ZipFile};
    use crate::core::zip::parse_central_directory;
    use proptest::prelude::*;

    /// Feeds all of `input`, at most 1000 bytes out per call, as a driver does.
    fn feed_all(
        reader: &mut EntryReader,
        mut input: &[u8],
        last: bool,
        out: &mut Vec<u8>,
    ) -> Result<(), EntryError> {
        for _ in 0..1_000_000 {
            let before = out.len();
            let used = reader.feed(input, last, 1000, &mut |b| out.extend_from_slice(b))?;
            assert!(out.len() - before <= 1000 + WINDOW, "bounded output");
            input = &input[used..];
            if input.is_empty() && (out.len() - before < 1000 || reader.ended || !reader.deflated) {
                return Ok(());
            }
        }
        panic!("the reader never ended");
    }

    fn archive(entries: Vec<ZipFile>) -> Archive {
        Archive {
            entries,
            ..Archive::default()
        }
    }

    /// Each entry's bytes read back through the directory, fed in pieces of `piece` bytes.
    fn read_all(archive: &Archive, piece: usize) -> Vec<(String, Result<Vec<u8>, EntryError>)> {
        let layout = write_archive(archive);
        let (cd, entries, zip64) = central_directory(&layout).expect("a directory");
        let entries = parse_central_directory(&cd, entries, zip64).expect("entries");
        let size = layout.size();
        entries
            .iter()
            .map(|e| {
                let read = || -> Result<Vec<u8>, EntryError> {
                    let local = layout.read(e.offset, (LOCAL_LEN as u64).min(size - e.offset.min(size)));
                    let (start, end) = data_range(e, &local, size)?;
                    let data = layout.read(start, end - start);
                    let mut reader = EntryReader::new(e);
                    let mut bytes = Vec::new();
                    let chunks: Vec<&[u8]> = data.chunks(piece.max(1)).collect();
                    if chunks.is_empty() {
                        feed_all(&mut reader, &[], true, &mut bytes)?;
                    }
                    for (i, chunk) in chunks.iter().enumerate() {
                        feed_all(&mut reader, chunk, i + 1 == chunks.len(), &mut bytes)?;
                    }
                    reader.finish()?;
                    Ok(bytes)
                };
                (e.name.clone(), read())
            })
            .collect()
    }

    #[test]
    fn entries_read_back_whole_stored_or_deflated() {
        let text: Vec<u8> = (0..200_000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        let archive = archive(vec![
            ZipFile::deflated("data.db", &text),
            ZipFile::stored("storage/c/r/a.txt", b"hello"),
            ZipFile::deflated("empty", b""),
            // Sizes and the offset in the zip64 field of the central header.
            ZipFile {
                force_zip64: true,
                ..ZipFile::deflated("storage/c/r/b.bin", &text[..5000])
            },
        ]);
        for piece in [1, 7, 4096, 1 << 20] {
            let read = read_all(&archive, piece);
            assert_eq!(read[0], ("data.db".into(), Ok(text.clone())), "piece {piece}");
            assert_eq!(read[1], ("storage/c/r/a.txt".into(), Ok(b"hello".to_vec())));
            assert_eq!(read[2], ("empty".into(), Ok(Vec::new())));
            assert_eq!(read[3], ("storage/c/r/b.bin".into(), Ok(text[..5000].to_vec())));
        }
    }

    #[test]
    fn a_changed_byte_is_caught() {
        let data = b"some text some text some text".repeat(100);
        let mut file = ZipFile::stored("data.db", &data);
        file.crc = Some(crate::core::crc32::crc32(&data) ^ 1);
        let archive = archive(vec![file]);
        assert_eq!(read_all(&archive, 64)[0].1, Err(EntryError::CrcMismatch));
    }

    #[test]
    fn a_wrong_header_or_method_is_refused() {
        let e = ZipEntry {
            name: "data.db".into(),
            compressed_size: 10,
            uncompressed_size: 10,
            method: 8,
            is_dir: false,
            offset: 0,
            crc: 0,
            flags: 0,
        };
        let mut local = vec![0u8; LOCAL_LEN];
        local[..4].copy_from_slice(&LOCAL_SIG.to_le_bytes());
        assert_eq!(data_range(&e, &local, 40), Ok((30, 40)));
        assert_eq!(data_range(&e, &local, 39), Err(EntryError::BadHeader));
        assert_eq!(data_range(&e, &local[..29], 40), Err(EntryError::BadHeader));
        assert_eq!(data_range(&e, &[0; LOCAL_LEN], 40), Err(EntryError::BadHeader));
        let odd = ZipEntry {
            method: 12,
            ..e.clone()
        };
        assert_eq!(data_range(&odd, &local, 40), Err(EntryError::UnsupportedMethod));
        let locked = ZipEntry { flags: 1, ..e };
        assert_eq!(data_range(&locked, &local, 40), Err(EntryError::Encrypted));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Damaged compressed bytes end in an error or in the right bytes, never a panic or
        /// a loop.
        #[test]
        fn damaged_data_never_panics(data in proptest::collection::vec(any::<u8>(), 0..5000),
                                     flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
                                     piece in 1usize..3000) {
            let archive = archive(vec![ZipFile::deflated("data.db", &data)]);
            let layout = write_archive(&archive);
            let (cd, n, zip64) = central_directory(&layout).expect("a directory");
            let e = &parse_central_directory(&cd, n, zip64).expect("entries")[0];
            let local = layout.read(e.offset, LOCAL_LEN as u64);
            let (start, end) = data_range(e, &local, layout.size()).expect("a range");
            let mut bytes = layout.read(start, end - start);
            for (at, x) in flips {
                if !bytes.is_empty() {
                    let i = at % bytes.len();
                    bytes[i] ^= x;
                }
            }
            let mut reader = EntryReader::new(e);
            let mut out = Vec::new();
            let chunks: Vec<&[u8]> = bytes.chunks(piece).collect();
            let mut result = if chunks.is_empty() { feed_all(&mut reader, &[], true, &mut out) } else { Ok(()) };
            for (i, chunk) in chunks.iter().enumerate() {
                if result.is_err() { break; }
                result = feed_all(&mut reader, chunk, i + 1 == chunks.len(), &mut out);
            }
            if result.is_ok() && reader.finish().is_ok() {
                prop_assert_eq!(out, data);
            }
        }
    }
}
