//! Numbers as text without `core::fmt` (whose machinery would otherwise be compiled
//! into the module for a few messages).

/// The decimal digits of `n`.
pub fn uint(n: u64) -> String {
    let mut digits = [0u8; 20];
    let (mut n, mut i) = (n, digits.len());
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits[i..].iter().map(|&d| char::from(d)).collect()
}

#[cfg(test)]
mod tests {
    use super::uint;

    #[test]
    fn writes_every_magnitude() {
        for n in [0, 7, 10, 99, 100, 1_234_567, u64::MAX] {
            assert_eq!(uint(n), n.to_string());
        }
    }
}
