//! Rotation: which backups a retention policy deletes.

use crate::core::models::BackupFileInfo;

/// A retention policy. At least one of `keep` and `older_than_ms` must be set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PrunePolicy {
    /// Keep this many of the newest matching backups whatever their age.
    pub keep: Option<usize>,
    /// Delete only backups modified before this time (ms since 1970).
    pub older_than_ms: Option<f64>,
}

/// Why a policy cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError(pub &'static str);

/// `"2026-11-28 05:59:21.176Z"` (or with `T`) to milliseconds since 1970 (UTC).
pub fn parse_modified(s: &str) -> Option<f64> {
    let b = s.trim().as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(r)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    if b.len() < 19
        || b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !matches!(b.get(10), Some(b' ' | b'T'))
    {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut ms = 0.0;
    if b.get(19) == Some(&b'.') {
        if !b.get(20).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        // Digit by digit: `f64::from_str` would add its parser to the wasm module.
        let mut scale = 100.0;
        for d in b[20..].iter().take_while(|c| c.is_ascii_digit()) {
            ms += f64::from(d - b'0') * scale;
            scale /= 10.0;
        }
    }
    let days = days_from_civil(y, mo, d);
    Some((days * 86_400 + h * 3600 + mi * 60 + sec) as f64 * 1000.0 + ms)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The keys `policy` deletes among `backups` whose key `matches`, oldest first.
/// Backups whose time cannot be read are never deleted.
pub fn select(
    backups: &[BackupFileInfo],
    policy: &PrunePolicy,
    matches: &dyn Fn(&str) -> bool,
) -> Result<Vec<String>, PolicyError> {
    if policy.keep.is_none() && policy.older_than_ms.is_none() {
        return Err(PolicyError("A prune policy needs `keep`, `olderThan`, or both."));
    }
    let mut dated: Vec<(f64, &str)> = backups
        .iter()
        .filter(|b| matches(&b.key))
        .filter_map(|b| parse_modified(&b.modified).map(|t| (t, b.key.as_str())))
        .collect();
    // Newest first; equal times by key, so the choice is stable.
    dated.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then_with(|| b.1.cmp(a.1)));
    let mut chosen: Vec<(f64, &str)> = dated
        .into_iter()
        .skip(policy.keep.unwrap_or(0))
        .filter(|(t, _)| policy.older_than_ms.is_none_or(|cut| *t < cut))
        .collect();
    chosen.reverse();
    Ok(chosen.into_iter().map(|(_, k)| k.to_string()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(key: &str, modified: &str) -> BackupFileInfo {
        BackupFileInfo {
            key: key.into(),
            size: 1,
            modified: modified.into(),
        }
    }

    #[test]
    fn parses_the_servers_times() {
        assert_eq!(parse_modified("1970-01-01 00:00:00.000Z"), Some(0.0));
        assert_eq!(
            parse_modified("2026-11-28 05:59:21.176Z"),
            Some(1_795_845_561_176.0)
        );
        assert_eq!(parse_modified("2026-11-28T05:59:21Z"), Some(1_795_845_561_000.0));
        assert_eq!(
            parse_modified("2026-11-28 05:59:21.5Z"),
            Some(1_795_845_561_500.0)
        );
        let micro = parse_modified("2026-11-28 05:59:21.176250Z").unwrap();
        assert!((micro - 1_795_845_561_176.25).abs() < 1e-3, "{micro}");
        for bad in [
            "",
            "yesterday",
            "2026-13-01 00:00:00Z",
            "2026-11-28",
            "2026/11/28 05:59:21Z",
            "2026-11-28 25:00:00Z",
            "2026-11-28 05:59:21.Z",
        ] {
            assert_eq!(parse_modified(bad), None, "{bad}");
        }
    }

    #[test]
    fn keeps_the_newest_and_deletes_the_rest_oldest_first() {
        let all = [
            b("a.zip", "2026-01-01 00:00:00.000Z"),
            b("b.zip", "2026-01-02 00:00:00.000Z"),
            b("c.zip", "2026-01-03 00:00:00.000Z"),
            b("d.zip", "2026-01-04 00:00:00.000Z"),
            b("other.zip", "2020-01-01 00:00:00.000Z"),
            b("broken.zip", "not a time"),
        ];
        let ours = |k: &str| k.len() == 5;
        let keep2 = PrunePolicy {
            keep: Some(2),
            older_than_ms: None,
        };
        assert_eq!(select(&all, &keep2, &ours).unwrap(), ["a.zip", "b.zip"]);

        let cut = parse_modified("2026-01-03 00:00:00.000Z");
        let older = PrunePolicy {
            keep: None,
            older_than_ms: cut,
        };
        assert_eq!(select(&all, &older, &ours).unwrap(), ["a.zip", "b.zip"]);

        let both = PrunePolicy {
            keep: Some(3),
            older_than_ms: cut,
        };
        assert_eq!(select(&all, &both, &ours).unwrap(), ["a.zip"]);

        let everything = PrunePolicy {
            keep: Some(0),
            older_than_ms: None,
        };
        assert_eq!(
            select(&all, &everything, &|_| true).unwrap(),
            ["other.zip", "a.zip", "b.zip", "c.zip", "d.zip"]
        );
        assert!(select(&all, &PrunePolicy::default(), &ours).is_err());
        assert_eq!(
            select(
                &all,
                &PrunePolicy {
                    keep: Some(10),
                    older_than_ms: None
                },
                &ours
            )
            .unwrap(),
            Vec::<String>::new()
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_time_text_is_read_without_panic(s in "(\\PC|[0-9 :.TZ-]){0,40}") {
            let _ = parse_modified(&s);
        }

        #[test]
        fn times_round_trip(y in 1970i64..2200, mo in 1i64..=12, d in 1i64..=28, h in 0i64..24, mi in 0i64..60, s in 0i64..60, ms in 0i64..1000) {
            let text = format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}.{ms:03}Z");
            let t = parse_modified(&text).unwrap();
            let expected = (days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s) as f64 * 1000.0 + ms as f64;
            prop_assert_eq!(t, expected);
        }
    }
}
