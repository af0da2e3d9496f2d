//! The zip writer of the tests, native and in the browser: entries deflated the way the
//! server's Go writer does it (sizes and CRC in a data descriptor after the data, a Unix
//! mode of 0644) or stored with their sizes up front, zip64 fields and end records, and
//! knobs to break any of it (sizes that lie, a wrong CRC, flags, modes, comments, bytes
//! after the end, a file that starts past 4 GiB without holding those bytes). Its CRC-32 is computed bit by
//! bit, independently of the code under test.

/// One entry to write.
#[derive(Debug, Clone)]
pub struct ZipFile {
    pub name: String,
    pub data: Vec<u8>,
    /// 8 deflates (level 6), anything else stores the bytes under that method number.
    pub method: u16,
    /// Sizes and CRC after the data (flag 0x0008), as the server writes.
    pub descriptor: bool,
    /// A zip64 extra field in the local header, 8-byte sizes in the descriptor, and every
    /// size and the offset in the central header's zip64 field.
    pub zip64: bool,
    /// Extra general-purpose flags (e.g. 0x0001, encrypted).
    pub flags: u16,
    /// The CRC written instead of the real one.
    pub crc: Option<u32>,
    /// The sizes written instead of the real ones: (compressed, uncompressed).
    pub claimed: Option<(u64, u64)>,
    /// The central header's zip64 field for every size and the offset, even small ones.
    pub force_zip64: bool,
    /// An extra block (an extended timestamp) before the zip64 one in the central header.
    pub other_extra: bool,
    /// This many zero bytes as the (stored) data instead of `data`, not held in memory:
    /// [`Layout::holes`] says where they stand. Their CRC is written as 0 unless `crc`
    /// says otherwise (the central-directory reader does not check it).
    pub zeros: u64,
    /// The entry's data as written, instead of `data` compressed (with method 8, a
    /// deflate stream made once and written many times); its `crc` and `claimed` sizes
    /// are then the caller's to give.
    pub raw: Option<Vec<u8>>,
    /// The host of the central header's "version made by" (3 = Unix, 0 = MS-DOS …).
    pub host: u8,
    /// The central header's external attributes instead of the server's own (a Unix
    /// mode, `S_IFREG | 0644` for a file and `S_IFDIR | 0755` for a folder, in the high
    /// 16 bits).
    pub external: Option<u32>,
}

impl ZipFile {
    /// Deflated with a data descriptor, like the server's backups.
    pub fn deflated(name: &str, data: &[u8]) -> Self {
        ZipFile {
            name: name.into(),
            data: data.to_vec(),
            method: 8,
            descriptor: true,
            zip64: false,
            flags: 0,
            crc: None,
            claimed: None,
            force_zip64: false,
            other_extra: false,
            zeros: 0,
            raw: None,
            host: 3,
            external: None,
        }
    }

    /// Stored, `size` zero bytes that are not held in memory (a large file for the
    /// central-directory reader).
    pub fn zeros(name: &str, size: u64) -> Self {
        ZipFile {
            zeros: size,
            ..ZipFile::stored(name, &[])
        }
    }

    /// Stored, with its sizes in the local header.
    pub fn stored(name: &str, data: &[u8]) -> Self {
        ZipFile {
            method: 0,
            descriptor: false,
            ..ZipFile::deflated(name, data)
        }
    }

    /// The sizes the central directory states for a stored entry: (compressed,
    /// uncompressed).
    pub fn sizes(&self) -> (u64, u64) {
        let len = self.data.len() as u64 + self.zeros;
        self.claimed.unwrap_or((len, len))
    }
}

/// A whole archive: its entries and how its end is written.
#[derive(Debug, Clone, Default)]
pub struct Archive {
    pub entries: Vec<ZipFile>,
    /// The archive comment.
    pub comment: Vec<u8>,
    /// Writes the zip64 end record and locator.
    pub zip64_end: bool,
    /// Writes 0xFFFF / 0xFFFFFFFF in the end record (with `zip64_end`).
    pub saturate_eocd: bool,
    /// Zero bytes before the archive, not held in memory (to reach offsets past 4 GiB).
    pub virtual_prefix: u64,
    /// Bytes after the end record and its comment.
    pub trailing: Vec<u8>,
}

/// A written archive: `prefix` zero bytes (not held) then `bytes`, with the zero bytes of
/// [`ZipFile::zeros`] entries standing at `holes`; where each entry's data starts in
/// `bytes`, and its length there.
#[derive(Debug, Clone)]
pub struct Layout {
    pub prefix: u64,
    pub bytes: Vec<u8>,
    pub data: Vec<(usize, usize)>,
    /// `(at, n)`: `n` zero bytes stand before `bytes[at]`.
    pub holes: Vec<(usize, u64)>,
}

impl Layout {
    /// A file of these bytes (not necessarily a zip).
    pub fn plain(bytes: Vec<u8>) -> Self {
        Layout {
            prefix: 0,
            bytes,
            data: Vec::new(),
            holes: Vec::new(),
        }
    }

    pub fn size(&self) -> u64 {
        self.prefix + self.bytes.len() as u64 + self.holes.iter().map(|h| h.1).sum::<u64>()
    }

    /// The file as pieces in order: held bytes, and runs of zero bytes (the prefix and
    /// the holes), for building a large `Blob` without holding it.
    pub fn pieces(&self) -> Vec<Piece<'_>> {
        let mut out = vec![Piece::Zeros(self.prefix)];
        let mut at = 0;
        for &(hole, n) in &self.holes {
            out.push(Piece::Bytes(&self.bytes[at..hole]));
            out.push(Piece::Zeros(n));
            at = hole;
        }
        out.push(Piece::Bytes(&self.bytes[at..]));
        out.retain(|p| !matches!(p, Piece::Zeros(0) | Piece::Bytes([])));
        out
    }

    /// Like `Blob.slice`, but panics outside the file: ranges a reader asks for must lie
    /// in it.
    pub fn read(&self, offset: u64, len: u64) -> Vec<u8> {
        let end = offset.checked_add(len).expect("range overflows");
        assert!(
            end <= self.size(),
            "range {offset}..{end} outside a file of {}",
            self.size()
        );
        let mut out = Vec::new();
        let mut start = 0u64; // where the current piece starts in the file
        for piece in self.pieces() {
            let n = piece.len();
            let (from, to) = (offset.max(start), end.min(start + n));
            if from < to {
                match piece {
                    Piece::Zeros(_) => out.resize(out.len() + (to - from) as usize, 0),
                    Piece::Bytes(b) => {
                        out.extend_from_slice(&b[(from - start) as usize..(to - start) as usize])
                    }
                }
            }
            start += n;
        }
        out
    }

    /// The last `len` bytes (all of them when the file is shorter).
    pub fn tail(&self, len: u64) -> Vec<u8> {
        let len = self.size().min(len);
        self.read(self.size() - len, len)
    }
}

/// A piece of a [`Layout`]'s file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Bytes(&'a [u8]),
    Zeros(u64),
}

impl Piece<'_> {
    pub fn len(&self) -> u64 {
        match self {
            Piece::Bytes(b) => b.len() as u64,
            Piece::Zeros(n) => *n,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// CRC-32 bit by bit.
pub fn reference_crc(bytes: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}

fn p16(o: &mut Vec<u8>, v: u16) {
    o.extend_from_slice(&v.to_le_bytes());
}
fn p32(o: &mut Vec<u8>, v: u32) {
    o.extend_from_slice(&v.to_le_bytes());
}
fn p64(o: &mut Vec<u8>, v: u64) {
    o.extend_from_slice(&v.to_le_bytes());
}

/// `v` as a 4-byte field, or 0xFFFFFFFF (and `true`: it goes in the zip64 field).
fn sat32(v: u64, force: bool) -> (u32, bool) {
    if force || v >= u64::from(u32::MAX) {
        (u32::MAX, true)
    } else {
        (v as u32, false)
    }
}

/// Writes `files` as one archive with a plain end record.
pub fn write_zip(files: &[ZipFile]) -> Layout {
    write_archive(&Archive {
        entries: files.to_vec(),
        ..Archive::default()
    })
}

/// Writes an archive: local headers, data and descriptors, the central directory, the
/// end records.
pub fn write_archive(archive: &Archive) -> Layout {
    let base = archive.virtual_prefix;
    let mut out = Vec::new();
    let mut central = Vec::new();
    let mut data_at = Vec::new();
    let mut holes: Vec<(usize, u64)> = Vec::new();
    // Where the next byte of `out` stands in the file.
    let at = |out: &Vec<u8>, holes: &Vec<(usize, u64)>| {
        base + out.len() as u64 + holes.iter().map(|h| h.1).sum::<u64>()
    };
    for f in &archive.entries {
        let offset = at(&out, &holes);
        let payload = match (&f.raw, f.method) {
            (Some(raw), _) => raw.clone(),
            (None, 8) => miniz_oxide::deflate::compress_to_vec(&f.data, 6),
            (None, _) => f.data.clone(),
        };
        let crc = f
            .crc
            .unwrap_or_else(|| if f.zeros > 0 { 0 } else { reference_crc(&f.data) });
        let (c, u) = f
            .claimed
            .unwrap_or((payload.len() as u64 + f.zeros, f.data.len() as u64 + f.zeros));
        let flags = f.flags | if f.descriptor { 0x0008 } else { 0 } | 0x0800;
        let version = if f.zip64 || f.force_zip64 { 45 } else { 20 };

        let mut extra = Vec::new();
        if f.zip64 {
            p16(&mut extra, 1);
            p16(&mut extra, 16);
            p64(&mut extra, if f.descriptor { 0 } else { u });
            p64(&mut extra, if f.descriptor { 0 } else { c });
        }
        p32(&mut out, 0x0403_4b50);
        p16(&mut out, version);
        p16(&mut out, flags);
        p16(&mut out, f.method);
        p32(&mut out, 0);
        let small = |v: u64| if f.zip64 { u32::MAX } else { sat32(v, false).0 };
        if f.descriptor {
            p32(&mut out, 0);
            p32(&mut out, if f.zip64 { u32::MAX } else { 0 });
            p32(&mut out, if f.zip64 { u32::MAX } else { 0 });
        } else {
            p32(&mut out, crc);
            p32(&mut out, small(c));
            p32(&mut out, small(u));
        }
        p16(&mut out, f.name.len() as u16);
        p16(&mut out, extra.len() as u16);
        out.extend_from_slice(f.name.as_bytes());
        out.extend_from_slice(&extra);
        data_at.push((out.len(), payload.len()));
        if f.zeros > 0 {
            holes.push((out.len(), f.zeros));
        }
        out.extend_from_slice(&payload);
        if f.descriptor {
            p32(&mut out, 0x0807_4b50);
            p32(&mut out, crc);
            if f.zip64 {
                p64(&mut out, c);
                p64(&mut out, u);
            } else {
                p32(&mut out, c as u32);
                p32(&mut out, u as u32);
            }
        }

        // The central header: a size or the offset that does not fit (or that zip64 or
        // force_zip64 puts there) is 0xFFFFFFFF, with its value in the zip64 field, in
        // the order uncompressed, compressed, offset.
        let force = f.zip64 || f.force_zip64;
        let (u32_, need_u) = sat32(u, force);
        let (c32, need_c) = sat32(c, force);
        let (o32, need_o) = sat32(offset, force);
        let mut cextra = Vec::new();
        if f.other_extra {
            p16(&mut cextra, 0x5455);
            p16(&mut cextra, 5);
            cextra.extend_from_slice(&[1, 0xFF, 0xFF, 0xFF, 0x01]);
        }
        if need_u || need_c || need_o {
            let mut z = Vec::new();
            for (need, v) in [(need_u, u), (need_c, c), (need_o, offset)] {
                if need {
                    p64(&mut z, v);
                }
            }
            p16(&mut cextra, 1);
            p16(&mut cextra, z.len() as u16);
            cextra.extend_from_slice(&z);
        }
        // The server's Go writer: a Unix mode, and the MS-DOS folder bit for a folder.
        let external = f.external.unwrap_or(if f.name.ends_with('/') {
            (0o040_755 << 16) | 0x10
        } else {
            0o100_644 << 16
        });
        p32(&mut central, 0x0201_4b50);
        p16(&mut central, (u16::from(f.host) << 8) | version);
        p16(&mut central, version);
        p16(&mut central, flags);
        p16(&mut central, f.method);
        p32(&mut central, 0);
        p32(&mut central, crc);
        p32(&mut central, c32);
        p32(&mut central, u32_);
        p16(&mut central, f.name.len() as u16);
        p16(&mut central, cextra.len() as u16);
        p16(&mut central, 0);
        p16(&mut central, 0);
        p16(&mut central, 0);
        p32(&mut central, external);
        p32(&mut central, o32);
        central.extend_from_slice(f.name.as_bytes());
        central.extend_from_slice(&cextra);
    }

    let cd_offset = at(&out, &holes);
    let cd_size = central.len() as u64;
    out.extend_from_slice(&central);
    let n = archive.entries.len() as u64;
    if archive.zip64_end {
        let record_offset = at(&out, &holes);
        p32(&mut out, 0x0606_4b50);
        p64(&mut out, 44);
        p16(&mut out, 45);
        p16(&mut out, 45);
        p32(&mut out, 0);
        p32(&mut out, 0);
        p64(&mut out, n);
        p64(&mut out, n);
        p64(&mut out, cd_size);
        p64(&mut out, cd_offset);
        p32(&mut out, 0x0706_4b50);
        p32(&mut out, 0);
        p64(&mut out, record_offset);
        p32(&mut out, 1);
    }
    let sat = archive.saturate_eocd;
    let n16 = if sat || n >= 0xFFFF { 0xFFFF } else { n as u16 };
    p32(&mut out, 0x0605_4b50);
    p16(&mut out, 0);
    p16(&mut out, 0);
    p16(&mut out, n16);
    p16(&mut out, n16);
    p32(&mut out, sat32(cd_size, sat).0);
    p32(&mut out, sat32(cd_offset, sat).0);
    p16(&mut out, archive.comment.len() as u16);
    out.extend_from_slice(&archive.comment);
    out.extend_from_slice(&archive.trailing);
    Layout {
        prefix: base,
        bytes: out,
        data: data_at,
        holes,
    }
}

/// A well-formed SQLite database image of `pages` pages of `page_size` bytes: the
/// header with a valid page count, then filler that compresses like real pages.
pub fn sqlite_image(page_size: u32, pages: u32) -> Vec<u8> {
    let mut db = vec![0u8; page_size as usize * pages as usize];
    db[..16].copy_from_slice(b"SQLite format 3\0");
    let raw = if page_size == 65_536 { 1 } else { page_size as u16 };
    db[16..18].copy_from_slice(&raw.to_be_bytes());
    db[24..28].copy_from_slice(&7u32.to_be_bytes());
    db[28..32].copy_from_slice(&pages.to_be_bytes());
    db[92..96].copy_from_slice(&7u32.to_be_bytes());
    let mut x = 0x1234_5678u32;
    for (i, b) in db.iter_mut().enumerate().skip(100) {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        *b = if i % 7 == 0 {
            (x >> 24) as u8
        } else {
            b'a' + (i % 13) as u8
        };
    }
    db
}

/// A backup as the server writes it: `data.db`, `auxiliary.db`, `types.d.ts`, and the
/// given storage files, all deflated with descriptors.
pub fn backup(storage: &[(&str, &[u8])]) -> Vec<ZipFile> {
    let mut files = vec![
        ZipFile::deflated("data.db", &sqlite_image(4096, 12)),
        ZipFile::deflated("auxiliary.db", &sqlite_image(4096, 3)),
        ZipFile::deflated("types.d.ts", b"declare type X = string;\n".repeat(200).as_slice()),
    ];
    for (name, data) in storage {
        files.push(ZipFile::deflated(name, data));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_read_as_zeros_where_their_entry_stands() {
        let solid = write_zip(&[ZipFile::stored("a", &[0; 300]), ZipFile::stored("b", b"xyz")]);
        let sparse = write_zip(&[ZipFile::zeros("a", 300), ZipFile::stored("b", b"xyz")]);
        // The same file, but the CRC of the zero entry (written as 0 when not held).
        assert_eq!(sparse.size(), solid.size());
        assert_eq!(sparse.holes, [(solid.data[0].0, 300)]);
        let (mut a, b) = (solid.read(0, solid.size()), sparse.read(0, sparse.size()));
        // The entry's CRC in its local header and in its central header.
        let eocd = a.len() - 22;
        let central = u32::from_le_bytes(a[eocd + 16..eocd + 20].try_into().unwrap()) as usize;
        for at in [14, central + 16] {
            a[at..at + 4].copy_from_slice(&0u32.to_le_bytes());
        }
        assert_eq!(a, b);
        assert_eq!(sparse.pieces().iter().map(Piece::len).sum::<u64>(), sparse.size());
        assert_eq!(reference_crc(b"123456789"), 0xCBF4_3926);
    }
}
