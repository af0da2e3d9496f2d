//! The record format (a header of serial types, then the values) and how much of a
//! table leaf cell's payload is on the page.

use super::error::{self, DbError};
use super::header::Encoding;
use super::page::varint;
use super::value::Value;

/// The bytes of a payload of `size` bytes that a table leaf page holds, the rest being
/// on overflow pages: X = U-35, M = ((U-12)*32/255)-23, K = M+((P-M)%(U-4)) (the file
/// format's rules).
pub(crate) fn local_size(size: u64, usable: u32) -> u64 {
    let u = u64::from(usable);
    let x = u - 35;
    if size <= x {
        return size;
    }
    let m = ((u - 12) * 32 / 255) - 23;
    let k = m + ((size - m) % (u - 4));
    if k <= x {
        k
    } else {
        m
    }
}

/// The values of a record.
pub(crate) fn decode(payload: &[u8], encoding: Encoding, page: u32) -> Result<Vec<Value>, DbError> {
    let bad = |m| DbError::new(error::BAD_RECORD, m, page);
    let (header_len, mut at) =
        varint(payload, 0).ok_or_else(|| bad("A record's header runs past its payload."))?;
    let header_len = usize::try_from(header_len)
        .ok()
        .filter(|&h| h >= at && h <= payload.len());
    let header_len = header_len.ok_or_else(|| bad("A record's header runs past its payload."))?;
    let mut body = header_len;
    let mut values = Vec::new();
    while at < header_len {
        let (serial, n) =
            varint(payload, at).ok_or_else(|| bad("A record's header runs past its payload."))?;
        at += n;
        if at > header_len {
            return Err(bad("A record's header runs past its payload."));
        }
        let len = match serial {
            0 | 8 | 9 => 0,
            1..=4 => serial as usize,
            5 => 6,
            6 | 7 => 8,
            10 | 11 => return Err(bad("A record uses a reserved serial type.")),
            // A length past the address space cannot fit the payload either.
            n => usize::try_from((n - 12) / 2).unwrap_or(usize::MAX),
        };
        let bytes = body
            .checked_add(len)
            .and_then(|end| payload.get(body..end))
            .ok_or_else(|| bad("A record's values run past its payload."))?;
        body += len;
        values.push(match serial {
            0 => Value::Null,
            8 => Value::Integer(0),
            9 => Value::Integer(1),
            1..=6 => Value::Integer(int(bytes)),
            7 => Value::Real(f64::from_bits(int(bytes) as u64)),
            n if n % 2 == 0 => Value::Blob(bytes.to_vec()),
            _ => Value::Text(text(bytes, encoding)),
        });
    }
    Ok(values)
}

/// A big-endian two's-complement integer of 1 to 8 bytes.
fn int(bytes: &[u8]) -> i64 {
    let mut v: i64 = if bytes.first().is_some_and(|b| b & 0x80 != 0) {
        -1
    } else {
        0
    };
    for &b in bytes {
        v = (v << 8) | i64::from(b);
    }
    v
}

/// Text in the database's encoding as UTF-8, invalid sequences replaced (an odd last
/// byte of UTF-16 dropped, as SQLite does).
pub(crate) fn text(bytes: &[u8], encoding: Encoding) -> String {
    let units = bytes.chunks_exact(2).map(|c| match (encoding, c) {
        (Encoding::Utf16be, &[a, b]) => u16::from_be_bytes([a, b]),
        (_, &[a, b]) => u16::from_le_bytes([a, b]),
        _ => 0,
    });
    match encoding {
        Encoding::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
        _ => char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_of_every_width_sign_extend() {
        assert_eq!(int(&[0xff]), -1);
        assert_eq!(int(&[0x7f, 0xff]), 0x7fff);
        assert_eq!(int(&[0x80, 0, 0]), -0x80_0000);
        assert_eq!(int(&[0xff; 8]), -1);
        assert_eq!(int(&[0x80, 0, 0, 0, 0, 0, 0, 0]), i64::MIN);
    }

    #[test]
    fn a_record_of_every_serial_type() {
        // header: len 8, types 0, 1, 8, 9, 7, 13+2*2 (text "hi"), 12+2*1 (blob)
        let mut p = vec![8, 0, 1, 8, 9, 7, 17, 14];
        p.push(0xfe);
        p.extend(1.5f64.to_bits().to_be_bytes());
        p.extend(b"hi");
        p.push(7);
        let v = decode(&p, Encoding::Utf8, 2).unwrap();
        assert_eq!(
            v,
            vec![
                Value::Null,
                Value::Integer(-2),
                Value::Integer(0),
                Value::Integer(1),
                Value::Real(1.5),
                Value::Text("hi".into()),
                Value::Blob(vec![7])
            ]
        );
    }

    #[test]
    fn reserved_and_short_records_are_errors() {
        assert_eq!(
            decode(&[2, 10], Encoding::Utf8, 2).unwrap_err().code(),
            error::BAD_RECORD
        );
        assert_eq!(
            decode(&[2, 6, 1], Encoding::Utf8, 2).unwrap_err().code(),
            error::BAD_RECORD
        );
        assert_eq!(
            decode(&[9, 0], Encoding::Utf8, 2).unwrap_err().code(),
            error::BAD_RECORD
        );
        assert_eq!(
            decode(&[], Encoding::Utf8, 2).unwrap_err().code(),
            error::BAD_RECORD
        );
    }

    #[test]
    fn utf16_both_orders() {
        assert_eq!(text(&[0x68, 0, 0xe9, 0], Encoding::Utf16le), "hé");
        assert_eq!(text(&[0, 0x68, 0, 0xe9, 0], Encoding::Utf16be), "hé");
    }

    #[test]
    fn local_sizes_follow_the_format() {
        // U = 4096: X = 4061, M = 489.
        assert_eq!(local_size(4061, 4096), 4061);
        // K = M + (P-M) % (U-4) = 4062 > X: only M bytes stay.
        assert_eq!(local_size(4062, 4096), 489);
        assert_eq!(local_size(100_000, 4096), 489 + (100_000 - 489) % 4092);
    }
}
