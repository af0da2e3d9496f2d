//! CRC-32 (the IEEE polynomial zip uses), updated chunk by chunk, eight bytes a step
//! ("slicing by 8"). Its 8 KiB of tables are computed when a [`Crc32Table`] is made
//! rather than shipped in the module.

/// The slicing-by-8 tables of the reflected polynomial 0xEDB88320.
pub struct Crc32Table(Box<[[u32; 256]; 8]>);

impl Default for Crc32Table {
    fn default() -> Self {
        Self::new()
    }
}

impl Crc32Table {
    pub fn new() -> Self {
        let mut t = Box::new([[0u32; 256]; 8]);
        for i in 0..256 {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            t[0][i] = c;
        }
        for i in 0..256 {
            for k in 1..8 {
                let prev = t[k - 1][i];
                t[k][i] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
            }
        }
        Crc32Table(t)
    }

    /// Adds `bytes` to `crc`.
    pub fn update(&self, crc: &mut Crc32, bytes: &[u8]) {
        let t = &self.0;
        let mut c = crc.0;
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let one = u32::from_le_bytes([w[0], w[1], w[2], w[3]]) ^ c;
            let two = u32::from_le_bytes([w[4], w[5], w[6], w[7]]);
            c = t[7][(one & 0xFF) as usize]
                ^ t[6][((one >> 8) & 0xFF) as usize]
                ^ t[5][((one >> 16) & 0xFF) as usize]
                ^ t[4][(one >> 24) as usize]
                ^ t[3][(two & 0xFF) as usize]
                ^ t[2][((two >> 8) & 0xFF) as usize]
                ^ t[1][((two >> 16) & 0xFF) as usize]
                ^ t[0][(two >> 24) as usize];
        }
        for &b in words.remainder() {
            c = t[0][((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
        }
        crc.0 = c;
    }
}

/// A running CRC-32: feed it bytes in any pieces (through a [`Crc32Table`]), read the
/// value at any time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crc32(u32);

impl Default for Crc32 {
    fn default() -> Self {
        Self::new()
    }
}

impl Crc32 {
    /// The CRC of no bytes.
    pub const fn new() -> Self {
        Crc32(0xFFFF_FFFF)
    }

    /// The CRC-32 of everything added so far.
    pub const fn value(&self) -> u32 {
        !self.0
    }
}

/// The CRC-32 of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut c = Crc32::new();
    Crc32Table::new().update(&mut c, bytes);
    c.value()
}

// Native only: proptest is a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"The quick brown fox jumps over the lazy dog"), 0x414F_A339);
        assert_eq!(crc32(&[0u8; 32]), 0x190A_55AD);
    }

    proptest! {
        #[test]
        fn any_split_gives_the_reference_value(bytes in proptest::collection::vec(any::<u8>(), 0..2000), cut in 0usize..2000) {
            let cut = cut.min(bytes.len());
            let (t, mut c) = (Crc32Table::new(), Crc32::new());
            t.update(&mut c, &bytes[..cut]);
            t.update(&mut c, &bytes[cut..]);
            prop_assert_eq!(c.value(), bosbase_backups_test_zip::reference_crc(&bytes));
        }
    }
}
