//! Backup names: the server's rule for names given to `create`, and generation of
//! unique names when the caller gives none.

/// The longest name the server accepts.
pub const MAX_NAME_LEN: usize = 150;

use crate::core::text::padded;

/// A name the server would refuse, with the server's own error code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameError {
    /// The server's `data.name.code` for the same mistake.
    pub code: &'static str,
    /// The server's `data.name.message` for the same mistake.
    pub message: &'static str,
    /// The server's `data.name.params` (`{min, max}` for the length rule).
    pub params: Option<(usize, usize)>,
    /// Why the name is refused, in a sentence with the rule: the error's own message
    /// (`message` is the server's, which does not say it).
    pub reason: &'static str,
}

/// Checks `name` against the server's rule for `POST /api/backups`: 1–150 characters
/// (checked first), then `^[a-z0-9_-]+\.zip$`.
pub fn validate_name(name: &str) -> Result<(), NameError> {
    let len = name.chars().count();
    if !(1..=MAX_NAME_LEN).contains(&len) {
        return Err(NameError {
            code: "validation_length_out_of_range",
            message: "The length must be between 1 and 150.",
            params: Some((1, MAX_NAME_LEN)),
            reason: "The backup name is refused: a name has 1 to 150 characters.",
        });
    }
    let stem = name.strip_suffix(".zip").unwrap_or("");
    let ok = !stem.is_empty()
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if !ok {
        return Err(NameError {
            code: "validation_match_invalid",
            message: "Must be in a valid format.",
            params: None,
            reason: "The backup name is refused: a name has only lowercase letters (a-z), digits, \"_\" and \"-\", and ends in \".zip\".",
        });
    }
    Ok(())
}

/// A name that the server accepts and that no other call makes: the UTC time to the
/// millisecond plus `random` in base 36, e.g. `backup_20261128_120755_123_k3j9x2.zip`.
///
/// `epoch_ms` is milliseconds since 1970 (as `Date.now()` gives); `random` should come
/// from a random source.
pub fn generate_name(epoch_ms: f64, random: u32) -> String {
    let ms = if epoch_ms.is_finite() && epoch_ms > 0.0 {
        epoch_ms as i64
    } else {
        0
    };
    let (days, ms_of_day) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let (y, m, d) = civil_from_days(days);
    let secs = ms_of_day / 1000;
    let two = |n: i64| padded(n as u64, 2);
    [
        "backup_",
        &padded(y as u64, 4),
        &two(i64::from(m)),
        &two(i64::from(d)),
        "_",
        &two(secs / 3600),
        &two(secs / 60 % 60),
        &two(secs % 60),
        "_",
        &padded((ms_of_day % 1000) as u64, 3),
        "_",
        &base36(random),
        ".zip",
    ]
    .concat()
}

fn base36(mut n: u32) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [b'0'; 7];
    for slot in buf.iter_mut().rev() {
        *slot = DIGITS[(n % 36) as usize];
        n /= 36;
    }
    buf.iter().map(|&b| b as char).collect()
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar.
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_the_server_accepts() {
        for ok in [
            "a.zip",
            "my_backup-2024.zip",
            "0.zip",
            &format!("{}.zip", "a".repeat(146)),
        ] {
            assert_eq!(validate_name(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn refuses_with_the_servers_codes() {
        let code = |n: &str| validate_name(n).unwrap_err().code;
        assert_eq!(code(""), "validation_length_out_of_range");
        assert_eq!(
            code(&format!("{}.zip", "a".repeat(147))),
            "validation_length_out_of_range"
        );
        for bad in [
            "A.zip", "a b.zip", "a.b.zip", ".zip", "noext", "a.ZIP", "ü.zip", "a/b.zip", "a.zip ",
        ] {
            assert_eq!(code(bad), "validation_match_invalid", "{bad}");
        }
    }

    #[test]
    fn a_refusal_says_why_in_a_sentence() {
        let reason = |n: &str| validate_name(n).unwrap_err().reason;
        assert_eq!(
            reason("@test"),
            r#"The backup name is refused: a name has only lowercase letters (a-z), digits, "_" and "-", and ends in ".zip"."#
        );
        assert_eq!(
            reason(&"a".repeat(151)),
            "The backup name is refused: a name has 1 to 150 characters."
        );
    }

    #[test]
    fn generated_names_are_valid_and_distinct() {
        let a = generate_name(1_795_867_675_123.0, 1);
        let b = generate_name(1_795_867_675_123.0, 2);
        assert_eq!(a, "backup_20261128_120755_123_0000001.zip");
        assert_ne!(a, b);
        assert_eq!(validate_name(&a), Ok(()));
        assert_eq!(validate_name(&generate_name(0.0, u32::MAX)), Ok(()));
        assert_eq!(
            generate_name(f64::NAN, 0),
            "backup_19700101_000000_000_0000000.zip"
        );
    }

    #[test]
    fn calendar_matches_known_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_785), (2026, 11, 28));
    }
}

/// The key the server stores an uploaded file under, from the file's name.
///
/// The browser escapes `"`, CR and LF in multipart file names (`%22`, `%0D`, `%0A`);
/// the server then keeps only the last path element (so `../evil.zip` is stored as
/// `evil.zip`).
pub fn uploaded_key(file_name: &str) -> String {
    let mut sent = String::with_capacity(file_name.len());
    for c in file_name.chars() {
        match c {
            '"' => sent.push_str("%22"),
            '\r' => sent.push_str("%0D"),
            '\n' => sent.push_str("%0A"),
            c => sent.push(c),
        }
    }
    let trimmed = sent.trim_end_matches('/');
    if trimmed.is_empty() {
        return if sent.is_empty() {
            String::new()
        } else {
            "/".into()
        };
    }
    let last = trimmed
        .bytes()
        .rposition(|b| b == b'/')
        .map_or(0, |slash| slash + 1);
    trimmed[last..].to_string()
}

#[cfg(test)]
mod upload_tests {
    use super::uploaded_key;

    #[test]
    fn keeps_the_last_path_element() {
        assert_eq!(uploaded_key("backup.zip"), "backup.zip");
        assert_eq!(uploaded_key("../evil.zip"), "evil.zip");
        assert_eq!(uploaded_key("a/b/c.zip/"), "c.zip");
        assert_eq!(uploaded_key("my file ü.zip"), "my file ü.zip");
        assert_eq!(uploaded_key("a\"b\n.zip"), "a%22b%0A.zip");
        assert_eq!(uploaded_key("..zip"), "..zip");
    }
}
