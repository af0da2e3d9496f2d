//! Numbers as text without `core::fmt` (whose machinery would otherwise be compiled
//! into the module for a few messages).

/// The decimal digits of `n`.
pub fn uint(n: u64) -> String {
    padded(n, 1)
}

/// The decimal digits of `n`, with zeros in front up to `width` digits (at most 20,
/// the digits of `u64::MAX`).
pub fn padded(n: u64, width: usize) -> String {
    let mut digits = [b'0'; 20];
    let first = digits.len().saturating_sub(width);
    let (mut n, mut i) = (n, digits.len());
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 && i <= first {
            break;
        }
    }
    digits[i..].iter().map(|&d| char::from(d)).collect()
}

/// Where `needle` first occurs in `text` (a byte offset), as `str::find` says: a plain
/// scan, for the few short messages searched, instead of the standard library's
/// two-way searcher (whose code would be compiled into the module for them).
pub fn find(text: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    text.as_bytes()
        .windows(needle.len())
        .position(|w| w == needle.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::{padded, uint};

    #[test]
    fn writes_every_magnitude() {
        for n in [0, 7, 10, 99, 100, 1_234_567, u64::MAX] {
            assert_eq!(uint(n), n.to_string());
        }
    }

    #[test]
    fn pads_with_zeros_up_to_a_width_and_never_cuts() {
        for (n, width) in [
            (0, 2),
            (7, 4),
            (123, 3),
            (12_345, 4),
            (5, 0),
            (0, 20),
            (u64::MAX, 20),
            (9, 25),
        ] {
            assert_eq!(padded(n, width), format!("{n:0w$}", w = width.min(20)));
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests {
    use super::find;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn finds_what_str_find_finds(text in "[ab\\u{e9}]{0,12}", needle in "[ab\\u{e9}]{0,3}") {
            prop_assert_eq!(find(&text, &needle), text.find(needle.as_str()));
        }
    }
}
