//! Rotation: which backups a retention policy deletes, measured against the server's
//! clock, and what a prune that may only delete a previewed set deletes.

use crate::core::models::BackupFileInfo;

/// While the server is busy, backups modified this recently (ms before the server's
/// now) may still be being written, and prune leaves them alone.
pub const BUSY_GRACE_MS: f64 = 5.0 * 60.0 * 1000.0;

/// A retention policy. At least one of `keep`, `older_than_ms` and `max_age_ms` must
/// be set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PrunePolicy {
    /// Keep this many of the newest matching backups whatever their age. Unset, a
    /// policy by age keeps 1: the newest backup is deleted only with an explicit
    /// `Some(0)`.
    pub keep: Option<usize>,
    /// Delete only backups modified before this time (ms since 1970).
    pub older_than_ms: Option<f64>,
    /// Delete only backups older than this many ms, counted back from the server's
    /// clock (its `Date` header where the browser shows it), not the client's.
    pub max_age_ms: Option<f64>,
}

/// Why a policy cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError(pub &'static str);

/// Why a key a prune was limited to (`only`) was not deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// It is no longer on the server (someone else deleted it).
    Gone,
    /// The policy, applied now, keeps it (e.g. newer backups were deleted meanwhile).
    Kept,
}

impl Refusal {
    /// A sentence for the user.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::Gone => "The backup is no longer on the server.",
            Refusal::Kept => "The policy keeps this backup now; it was not deleted.",
        }
    }
}

/// What a prune deletes: `delete` (oldest first), and the keys of `only` it will not
/// delete, with the reason.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub delete: Vec<String>,
    pub refused: Vec<(String, Refusal)>,
}

/// What [`plan`] decides from.
pub struct PlanInput<'a> {
    /// The backups as listed now.
    pub backups: &'a [BackupFileInfo],
    pub policy: &'a PrunePolicy,
    /// Only keys for which this is true take part.
    pub matches: &'a dyn Fn(&str) -> bool,
    /// The server's now (ms since 1970).
    pub now_ms: f64,
    /// The server reports a backup or restore in progress.
    pub busy: bool,
    /// Delete nothing outside these keys (a previewed set).
    pub only: Option<&'a [String]>,
}

/// The policy's selection ([`select`]) without the backups that may still be being
/// written (while busy: modified within [`BUSY_GRACE_MS`] of now, or of unreadable
/// time), limited to `only`; the keys of `only` left out are reported.
#[inline(never)]
pub fn plan(input: &PlanInput<'_>) -> Result<Plan, PolicyError> {
    let mut chosen = select(input.backups, input.policy, input.matches, input.now_ms)?;
    if input.busy {
        let since = input.now_ms - BUSY_GRACE_MS;
        let recent = |key: &str| {
            input
                .backups
                .iter()
                .any(|b| b.key == key && parse_modified(&b.modified).is_none_or(|t| t >= since))
        };
        chosen.retain(|k| !recent(k));
    }
    let Some(only) = input.only else {
        return Ok(Plan {
            delete: chosen,
            refused: Vec::new(),
        });
    };
    chosen.retain(|k| only.contains(k));
    let mut refused: Vec<(String, Refusal)> = Vec::new();
    for key in only {
        if chosen.contains(key) || refused.iter().any(|(k, _)| k == key) {
            continue;
        }
        let listed = input.backups.iter().any(|b| &b.key == key);
        refused.push((key.clone(), if listed { Refusal::Kept } else { Refusal::Gone }));
    }
    Ok(Plan {
        delete: chosen,
        refused,
    })
}

/// The message of a prune that did not delete everything it meant to:
/// `"Pruning deleted 1 of 3 backups; not deleted: b.zip (…), c.zip (…)."`.
pub fn failure_summary(deleted: usize, failed: &[(&str, &str)]) -> String {
    let uint = |n: usize| crate::core::text::uint(n as u64);
    let total = deleted + failed.len();
    let noun = if total == 1 { " backup" } else { " backups" };
    let mut s = [
        "Pruning deleted ",
        &uint(deleted),
        " of ",
        &uint(total),
        noun,
        "; not deleted: ",
    ]
    .concat();
    for (i, (key, why)) in failed.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.extend([*key, " (", why.trim_end_matches('.'), ")"]);
    }
    s.push('.');
    s
}

/// An HTTP `Date` header (IMF-fixdate, `"Mon, 30 Nov 2026 12:45:19 GMT"`) to
/// milliseconds since 1970.
#[inline(never)]
pub fn parse_http_date(s: &str) -> Option<f64> {
    let rest = s.trim().split_once(", ")?.1;
    let mut parts = rest.split(' ');
    let (day, month, year, time, zone) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if parts.next().is_some() || zone != "GMT" || day.len() != 2 || year.len() != 4 {
        return None;
    }
    const MONTHS: [(&str, &str); 12] = [
        ("Jan", "01"),
        ("Feb", "02"),
        ("Mar", "03"),
        ("Apr", "04"),
        ("May", "05"),
        ("Jun", "06"),
        ("Jul", "07"),
        ("Aug", "08"),
        ("Sep", "09"),
        ("Oct", "10"),
        ("Nov", "11"),
        ("Dec", "12"),
    ];
    let mo = MONTHS.iter().find(|(name, _)| *name == month)?.1;
    parse_modified(&[year, "-", mo, "-", day, " ", time, "Z"].concat())
}

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

/// The keys `policy` deletes among `backups` whose key `matches`, oldest first, with
/// ages counted back from `now_ms` (the server's clock). A policy by age without
/// `keep` keeps the newest backup. Backups whose time cannot be read are never
/// deleted.
pub fn select(
    backups: &[BackupFileInfo],
    policy: &PrunePolicy,
    matches: &dyn Fn(&str) -> bool,
    now_ms: f64,
) -> Result<Vec<String>, PolicyError> {
    let by_age = [policy.older_than_ms, policy.max_age_ms.map(|age| now_ms - age)];
    let cutoff = by_age.into_iter().flatten().reduce(f64::min);
    if policy.keep.is_none() && cutoff.is_none() {
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
        .skip(policy.keep.unwrap_or(1))
        .filter(|(t, _)| cutoff.is_none_or(|cut| *t < cut))
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
            ..PrunePolicy::default()
        };
        assert_eq!(select(&all, &keep2, &ours, 0.0).unwrap(), ["a.zip", "b.zip"]);

        let cut = parse_modified("2026-01-03 00:00:00.000Z");
        let older = PrunePolicy {
            older_than_ms: cut,
            ..PrunePolicy::default()
        };
        assert_eq!(select(&all, &older, &ours, 0.0).unwrap(), ["a.zip", "b.zip"]);

        let both = PrunePolicy {
            keep: Some(3),
            older_than_ms: cut,
            ..PrunePolicy::default()
        };
        assert_eq!(select(&all, &both, &ours, 0.0).unwrap(), ["a.zip"]);

        let everything = PrunePolicy {
            keep: Some(0),
            ..PrunePolicy::default()
        };
        assert_eq!(
            select(&all, &everything, &|_| true, 0.0).unwrap(),
            ["other.zip", "a.zip", "b.zip", "c.zip", "d.zip"]
        );
        assert!(select(&all, &PrunePolicy::default(), &ours, 0.0).is_err());
        assert_eq!(
            select(
                &all,
                &PrunePolicy {
                    keep: Some(10),
                    ..PrunePolicy::default()
                },
                &ours,
                0.0
            )
            .unwrap(),
            Vec::<String>::new()
        );
    }

    const DAY: f64 = 86_400_000.0;

    fn days_ago(now: f64, days: f64) -> String {
        // Back to the server's text: whole days before `now` (a round day count).
        let t = now - days * DAY;
        let d = (t / DAY).floor() as i64;
        let (y, m, day) = civil(d);
        format!("{y:04}-{m:02}-{day:02} 00:00:00.000Z")
    }

    pub(super) fn civil(z: i64) -> (i64, i64, i64) {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        (yoe + era * 400 + i64::from(m <= 2), m, d)
    }

    #[test]
    fn reads_the_http_date_header() {
        assert_eq!(
            parse_http_date("Mon, 30 Nov 2026 12:45:19 GMT"),
            parse_modified("2026-11-30 12:45:19Z")
        );
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        for bad in [
            "",
            "Mon, 30 Nov 2026 12:45:19 UTC",
            "Mon, 30 Foo 2026 12:45:19 GMT",
            "Monday, 30-Nov-26 12:45:19 GMT",
            "Mon, 30 Nov 2026 12:45 GMT",
            "Mon, 30 Nov 2026 12:45:19 GMT extra",
            "Mon Nov 30 12:45:19 2026",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_age_counts_from_the_servers_now_and_keeps_the_newest_unless_told() {
        let server_now = parse_modified("2026-11-30 12:00:00.000Z").unwrap();
        let all = [
            b("old.zip", &days_ago(server_now, 40.0)),
            b("week.zip", &days_ago(server_now, 8.0)),
            b("recent.zip", &days_ago(server_now, 2.0)),
            b("today.zip", &days_ago(server_now, 0.0)),
        ];
        let week = PrunePolicy {
            max_age_ms: Some(7.0 * DAY),
            ..PrunePolicy::default()
        };
        let every = |_: &str| true;
        assert_eq!(
            select(&all, &week, &every, server_now).unwrap(),
            ["old.zip", "week.zip"]
        );
        // A clock 30 days ahead: everything looks old, yet the newest stays.
        let ahead = server_now + 30.0 * DAY;
        assert_eq!(
            select(&all, &week, &every, ahead).unwrap(),
            ["old.zip", "week.zip", "recent.zip"]
        );
        // Only `keep: 0` lets an age policy delete the newest.
        let none_kept = PrunePolicy {
            keep: Some(0),
            ..week.clone()
        };
        assert_eq!(select(&all, &none_kept, &every, ahead).unwrap().len(), 4);
        // A `Date` cutoff and an age together: the earlier one wins.
        let both = PrunePolicy {
            older_than_ms: Some(server_now - 30.0 * DAY),
            ..week
        };
        assert_eq!(select(&all, &both, &every, server_now).unwrap(), ["old.zip"]);
    }

    #[test]
    fn a_prune_limited_to_a_preview_deletes_nothing_else() {
        let now = parse_modified("2026-11-30 12:00:00.000Z").unwrap();
        let keep2 = PrunePolicy {
            keep: Some(2),
            ..PrunePolicy::default()
        };
        let mut list = vec![
            b("a.zip", &days_ago(now, 4.0)),
            b("b.zip", &days_ago(now, 3.0)),
            b("c.zip", &days_ago(now, 2.0)),
            b("d.zip", &days_ago(now, 1.0)),
        ];
        let every = |_: &str| true;
        let input = |list: &'_ [BackupFileInfo], only: Option<&'_ [String]>| -> Plan {
            plan(&PlanInput {
                backups: list,
                policy: &keep2,
                matches: &every,
                now_ms: now,
                busy: false,
                only,
            })
            .unwrap()
        };
        let preview = input(&list, None).delete;
        assert_eq!(preview, ["a.zip", "b.zip"]);
        // A scheduled backup lands between preview and confirm: the policy alone would
        // now delete c.zip as well.
        list.push(b("@auto_pb_backup_x.zip", &days_ago(now, 0.0)));
        assert_eq!(input(&list, None).delete, ["a.zip", "b.zip", "c.zip"]);
        let confirmed = input(&list, Some(&preview));
        assert_eq!(confirmed.delete, ["a.zip", "b.zip"]);
        assert!(confirmed.refused.is_empty());

        // Someone deleted b.zip and the two newest meanwhile: b.zip is gone, a.zip is
        // now one of the two to keep; both are reported, neither deleted.
        list.retain(|x| !matches!(x.key.as_str(), "b.zip" | "d.zip" | "@auto_pb_backup_x.zip"));
        let confirmed = input(&list, Some(&preview));
        assert!(confirmed.delete.is_empty());
        assert_eq!(
            confirmed.refused,
            [
                ("a.zip".to_string(), Refusal::Kept),
                ("b.zip".to_string(), Refusal::Gone)
            ]
        );
    }

    #[test]
    fn while_busy_recent_backups_are_left_alone_by_the_servers_clock() {
        let now = parse_modified("2026-11-30 12:00:00.000Z").unwrap();
        let all = [
            b("old.zip", &days_ago(now, 2.0)),
            b("fresh.zip", "2026-11-30 11:58:00.000Z"),
            b("unreadable.zip", "soon"),
        ];
        let policy = PrunePolicy {
            keep: Some(0),
            ..PrunePolicy::default()
        };
        let run = |busy: bool, now_ms: f64| {
            plan(&PlanInput {
                backups: &all,
                policy: &policy,
                matches: &|_| true,
                now_ms,
                busy,
                only: None,
            })
            .unwrap()
            .delete
        };
        assert_eq!(run(false, now), ["old.zip", "fresh.zip"]);
        assert_eq!(run(true, now), ["old.zip"]);
    }

    #[test]
    fn names_every_key_not_deleted() {
        assert_eq!(
            failure_summary(1, &[("b.zip", "Invalid or already deleted backup file."), ("c.zip", "gone")]),
            "Pruning deleted 1 of 3 backups; not deleted: b.zip (Invalid or already deleted backup file), c.zip (gone)."
        );
        assert_eq!(
            failure_summary(0, &[("a.zip", "x")]),
            "Pruning deleted 0 of 1 backup; not deleted: a.zip (x)."
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn text_of(ms: i64) -> String {
        let (secs, milli) = (ms.div_euclid(1000), ms.rem_euclid(1000));
        let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        let (y, m, d) = super::tests::civil(days);
        format!(
            "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}.{milli:03}Z",
            rest / 3600,
            rest % 3600 / 60,
            rest % 60
        )
    }

    proptest! {
            #[test]
            fn any_time_text_is_read_without_panic(s in "(\\PC|[0-9 :.TZ-]){0,40}") {
                let _ = parse_modified(&s);
            let _ = parse_http_date(&s);
            }

            #[test]
            fn times_round_trip(y in 1970i64..2200, mo in 1i64..=12, d in 1i64..=28, h in 0i64..24, mi in 0i64..60, s in 0i64..60, ms in 0i64..1000) {
                let text = format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}.{ms:03}Z");
                let t = parse_modified(&text).unwrap();
                let expected = (days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s) as f64 * 1000.0 + ms as f64;
                prop_assert_eq!(t, expected);
            }

            #[test]
            fn without_keep_the_newest_is_never_selected(
                times in proptest::collection::vec(0i64..4_000_000_000_000, 1..12),
                now in 0f64..8.0e12,
                age in 0f64..4.0e12,
                cut in proptest::option::of(0f64..8.0e12),
            ) {
                let list: Vec<BackupFileInfo> = times.iter().enumerate().map(|(i, t)| BackupFileInfo {
                    key: format!("k{i}.zip"),
                    size: 1,
                    modified: text_of(*t),
                }).collect();
                let policy = PrunePolicy { keep: None, older_than_ms: cut, max_age_ms: Some(age) };
                let chosen = select(&list, &policy, &|_| true, now).unwrap();
                prop_assert!(chosen.len() < list.len());
                let newest = list.iter().max_by(|a, b| {
                    parse_modified(&a.modified).unwrap().total_cmp(&parse_modified(&b.modified).unwrap())
                        .then_with(|| a.key.cmp(&b.key))
                }).unwrap();
                prop_assert!(!chosen.contains(&newest.key));
            }

            #[test]
            fn confirming_a_preview_deletes_only_what_it_showed(
                times in proptest::collection::vec(0i64..4_000_000_000_000, 0..10),
                added in proptest::collection::vec(0i64..4_000_000_000_000, 0..4),
                removed in proptest::collection::vec(any::<bool>(), 10),
                keep in proptest::option::of(0usize..5),
                age in proptest::option::of(0f64..4.0e12),
                now in 0f64..8.0e12,
                later in 0f64..3.0e12,
            ) {
                let info = |i: usize, t: i64, p: &str| BackupFileInfo { key: format!("{p}{i}.zip"), size: 1, modified: text_of(t) };
                let before: Vec<BackupFileInfo> = times.iter().enumerate().map(|(i, t)| info(i, *t, "k")).collect();
                let policy = PrunePolicy { keep: keep.or(Some(1)), older_than_ms: None, max_age_ms: age };
                let every = |_: &str| true;
                let shown = plan(&PlanInput { backups: &before, policy: &policy, matches: &every, now_ms: now, busy: false, only: None }).unwrap().delete;
                // Meanwhile: new backups at any time, some deleted by someone else, the clock moved on.
                let mut after: Vec<BackupFileInfo> = before.iter().zip(&removed).filter(|(_, r)| !**r).map(|(b, _)| b.clone()).collect();
                after.extend(added.iter().enumerate().map(|(i, t)| info(i, *t, "new")));
                let done = plan(&PlanInput { backups: &after, policy: &policy, matches: &every, now_ms: now + later, busy: false, only: Some(&shown) }).unwrap();
                prop_assert!(done.delete.iter().all(|k| shown.contains(k)));
                // Every previewed key is either deleted or reported.
                for k in &shown {
                    prop_assert!(done.delete.contains(k) != done.refused.iter().any(|(r, _)| r == k));
                }
            }
    }
}
