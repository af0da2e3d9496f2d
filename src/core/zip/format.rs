//! The zip format's facts, in one place: record signatures and lengths, flag bits,
//! method numbers, the zip64 extra field, and little-endian reads that answer past the
//! end without panicking. The central-directory reader and the streaming verifier both
//! read archives with these.

/// Local file header.
pub const LOCAL_SIG: u32 = 0x0403_4b50;
/// Central directory file header.
pub const CENTRAL_SIG: u32 = 0x0201_4b50;
/// End of central directory record.
pub const EOCD_SIG: u32 = 0x0605_4b50;
/// Zip64 end of central directory record.
pub const EOCD64_SIG: u32 = 0x0606_4b50;
/// Zip64 end of central directory locator.
pub const LOCATOR_SIG: u32 = 0x0706_4b50;
/// Data descriptor (optional before the CRC and sizes that follow an entry's data).
pub const DESCRIPTOR_SIG: u32 = 0x0807_4b50;

/// The fixed part of a local file header.
pub const LOCAL_LEN: usize = 30;
/// The fixed part of a central directory file header.
pub const CENTRAL_LEN: usize = 46;
/// The end of central directory record without its comment.
pub const EOCD_LEN: usize = 22;
/// The zip64 locator.
pub const LOCATOR_LEN: usize = 20;
/// The zip64 end record's signature and its 8-byte size field.
pub const EOCD64_HEAD_LEN: usize = 12;
/// The fixed part of the zip64 end record after its size field.
pub const EOCD64_MIN_SIZE_FIELD: u64 = 44;
/// The longest archive comment.
pub const MAX_COMMENT_LEN: usize = 65_535;

/// The id of the zip64 extended-information block of an extra field.
pub const ZIP64_EXTRA_ID: u16 = 0x0001;

/// General-purpose flags.
pub const FLAG_ENCRYPTED: u16 = 0x0001;
pub const FLAG_DESCRIPTOR: u16 = 0x0008;
pub const FLAG_STRONG_ENCRYPTION: u16 = 0x0040;

/// Compression methods.
pub const METHOD_STORED: u16 = 0;
pub const METHOD_DEFLATED: u16 = 8;
/// WinZip AES encryption (the real method is in its extra field).
pub const METHOD_AES: u16 = 99;

/// Every record signature as bytes: finding one suggests a zip whose end is missing.
pub const ZIP_SIGNATURES: [[u8; 4]; 5] = [
    LOCAL_SIG.to_le_bytes(),
    CENTRAL_SIG.to_le_bytes(),
    EOCD_SIG.to_le_bytes(),
    EOCD64_SIG.to_le_bytes(),
    LOCATOR_SIG.to_le_bytes(),
];

/// The data of the first zip64 extended-information block of an extra field.
pub fn zip64_extra(extra: &[u8]) -> Option<&[u8]> {
    let mut r = Reader::at(extra, 0);
    while r.remaining() >= 4 {
        let id = r.u16()?;
        let size = r.u16()?;
        let data = r.take(size.into())?;
        if id == ZIP64_EXTRA_ID {
            return Some(data);
        }
    }
    None
}

/// The little-endian `u16` at `at`, 0 past the end.
pub fn le16(b: &[u8], at: usize) -> u16 {
    Reader::at(b, at).u16().unwrap_or(0)
}

/// The little-endian `u32` at `at`, 0 past the end.
pub fn le32(b: &[u8], at: usize) -> u32 {
    Reader::at(b, at).u32().unwrap_or(0)
}

/// The little-endian `u64` at `at`, 0 past the end.
pub fn le64(b: &[u8], at: usize) -> u64 {
    Reader::at(b, at).u64().unwrap_or(0)
}

/// A length as `u64` (saturating on a platform where `usize` were wider).
pub fn len_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// Little-endian reads in order that answer `None` past the end.
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Reads `buf` from `pos` on.
    pub fn at(buf: &'a [u8], pos: usize) -> Self {
        Reader { buf, pos }
    }

    /// How many bytes are left.
    pub fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let bytes = self.buf.get(self.pos..end)?;
        self.pos = end;
        Some(bytes)
    }

    /// Skips `n` bytes.
    pub fn skip(&mut self, n: usize) -> Option<()> {
        self.take(n).map(|_| ())
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    pub fn u16(&mut self) -> Option<u16> {
        self.array().map(u16::from_le_bytes)
    }

    pub fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    pub fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_past_the_end_answer_zero_or_none() {
        let b = [0x50, 0x4b, 0x03, 0x04, 0xff];
        assert_eq!(le32(&b, 0), LOCAL_SIG);
        assert_eq!((le32(&b, 2), le16(&b, 4), le64(&b, 0)), (0, 0, 0));
        assert_eq!(le16(&b, usize::MAX), 0);
        let mut r = Reader::at(&b, 3);
        assert_eq!((r.remaining(), r.u16(), r.u32()), (2, Some(0xff04), None));
        assert_eq!(Reader::at(&b, 9).take(1), None);
    }

    #[test]
    fn the_zip64_block_is_found_among_others_and_a_cut_one_is_not() {
        let extra = [0x55, 0x54, 1, 0, 9, 0x01, 0x00, 2, 0, 7, 8];
        assert_eq!(zip64_extra(&extra), Some(&[7u8, 8][..]));
        assert_eq!(zip64_extra(&extra[..10]), None);
        assert_eq!(ZIP_SIGNATURES[0], *b"PK\x03\x04");
        assert_eq!(ZIP_SIGNATURES[4], *b"PK\x06\x07");
    }
}
