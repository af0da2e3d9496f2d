//! A small zip writer for the verifier's tests, native and in the browser: entries
//! deflated the way the server's Go writer does it (sizes and CRC in a data descriptor
//! after the data) or stored with their sizes up front, and knobs to break them.
//! Its CRC-32 is computed bit by bit, independently of the code under test.

#![allow(dead_code)]

/// One entry to write.
#[derive(Debug, Clone)]
pub struct ZipFile {
    pub name: String,
    pub data: Vec<u8>,
    /// 8 deflates (level 6), anything else stores the bytes under that method number.
    pub method: u16,
    /// Sizes and CRC after the data (flag 0x0008), as the server writes.
    pub descriptor: bool,
    /// A zip64 extra field in the local header and 8-byte sizes in the descriptor.
    pub zip64: bool,
    /// Extra general-purpose flags (e.g. 0x0001, encrypted).
    pub flags: u16,
    /// The CRC written instead of the real one.
    pub crc: Option<u32>,
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

/// Where each entry's data starts in a written archive, and its compressed length.
pub struct Layout {
    pub bytes: Vec<u8>,
    pub data: Vec<(usize, usize)>,
}

/// Writes `files` as one archive: local headers and data, the central directory, the
/// end record.
pub fn write_zip(files: &[ZipFile]) -> Layout {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let mut data_at = Vec::new();
    for f in files {
        let offset = out.len() as u64;
        let payload = if f.method == 8 {
            miniz_oxide::deflate::compress_to_vec(&f.data, 6)
        } else {
            f.data.clone()
        };
        let crc = f.crc.unwrap_or_else(|| reference_crc(&f.data));
        let (c, u) = (payload.len() as u64, f.data.len() as u64);
        let flags = f.flags | if f.descriptor { 0x0008 } else { 0 } | 0x0800;
        let mut extra = Vec::new();
        if f.zip64 {
            p16(&mut extra, 1);
            p16(&mut extra, 16);
            p64(&mut extra, if f.descriptor { 0 } else { u });
            p64(&mut extra, if f.descriptor { 0 } else { c });
        }
        p32(&mut out, 0x0403_4b50);
        p16(&mut out, 20);
        p16(&mut out, flags);
        p16(&mut out, f.method);
        p32(&mut out, 0);
        let small = |v: u64| if f.zip64 { u32::MAX } else { v as u32 };
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
        let mut cextra = Vec::new();
        if f.zip64 {
            p16(&mut cextra, 1);
            p16(&mut cextra, 24);
            p64(&mut cextra, u);
            p64(&mut cextra, c);
            p64(&mut cextra, offset);
        }
        p32(&mut central, 0x0201_4b50);
        p16(&mut central, 0x0314);
        p16(&mut central, 20);
        p16(&mut central, flags);
        p16(&mut central, f.method);
        p32(&mut central, 0);
        p32(&mut central, crc);
        p32(&mut central, small(c));
        p32(&mut central, small(u));
        p16(&mut central, f.name.len() as u16);
        p16(&mut central, cextra.len() as u16);
        p16(&mut central, 0);
        p16(&mut central, 0);
        p16(&mut central, 0);
        p32(&mut central, 0);
        p32(&mut central, if f.zip64 { u32::MAX } else { offset as u32 });
        central.extend_from_slice(f.name.as_bytes());
        central.extend_from_slice(&cextra);
    }
    let cd_offset = out.len() as u32;
    let cd_size = central.len() as u32;
    out.extend_from_slice(&central);
    p32(&mut out, 0x0605_4b50);
    p16(&mut out, 0);
    p16(&mut out, 0);
    p16(&mut out, files.len() as u16);
    p16(&mut out, files.len() as u16);
    p32(&mut out, cd_size);
    p32(&mut out, cd_offset);
    p16(&mut out, 0);
    Layout {
        bytes: out,
        data: data_at,
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
