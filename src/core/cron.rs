//! Cron expressions as the server reads them (`backups.cron`): parsing with the
//! server's rules and messages, and the next times a schedule runs.
//!
//! The server's rules (measured on PocketBase 0.40.6): one of the macros `@yearly`,
//! `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly` (exactly, case
//! and spaces included), or exactly 5 segments separated by single spaces — minute
//! (0–59), hour (0–23), day of the month (1–31), month (1–12), day of the week (0–6,
//! Sunday 0). A segment is a comma-separated list of `*`, `n`, `a-b`, `*/s` or `a-b/s`
//! (`n/1` too); numbers are read as Go's `strconv.Atoi` reads them (`+5` and `05` are
//! 5). A time is due when every field matches (day of the month AND day of the week),
//! in UTC, at the start of a minute.

use crate::core::text;

/// The server's `data.backups.cron.code` for an expression it refuses.
pub const INVALID_CRON: &str = "validation_invalid_cron";

const MS_PER_MINUTE: i64 = 60_000;
const MINUTES_PER_DAY: i64 = 1_440;
/// The Gregorian calendar repeats every 400 years: a schedule with no run in that span
/// never runs (e.g. `0 0 30 2 *`).
const DAYS_PER_400_YEARS: i64 = 146_097;
/// The span of a JS `Date`, in ms either side of 1970.
const MAX_DATE_MS: f64 = 8.64e15;

/// A parsed schedule: which minutes, hours, days, months and weekdays are due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    minutes: u64,
    hours: u32,
    days: u32,
    months: u16,
    weekdays: u8,
}

/// Why the server would refuse an expression: its `data.backups.cron.message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CronError {
    pub message: String,
}

fn error(message: &str) -> CronError {
    CronError {
        message: message.to_string(),
    }
}

/// The macros and what they stand for.
const MACROS: [(&str, &str); 7] = [
    ("@yearly", "0 0 1 1 *"),
    ("@annually", "0 0 1 1 *"),
    ("@monthly", "0 0 1 * *"),
    ("@weekly", "0 0 * * 0"),
    ("@daily", "0 0 * * *"),
    ("@midnight", "0 0 * * *"),
    ("@hourly", "0 * * * *"),
];

impl Schedule {
    /// Parses an expression with the server's rules; the error carries the server's
    /// message for the same expression.
    pub fn parse(expr: &str) -> Result<Schedule, CronError> {
        let expr = MACROS.iter().find(|(m, _)| *m == expr).map_or(expr, |(_, e)| e);
        let segments: Vec<&str> = expr.split(' ').collect();
        let [min, hour, day, month, weekday] = segments[..] else {
            return Err(error(
                "Invalid cron expression - must be a valid macro or to have exactly 5 space separated segments.",
            ));
        };
        Ok(Schedule {
            minutes: segment(min, 0, 59)?,
            hours: segment(hour, 0, 23)? as u32,
            days: segment(day, 1, 31)? as u32,
            months: segment(month, 1, 12)? as u16,
            weekdays: segment(weekday, 0, 6)? as u8,
        })
    }

    /// Whether the minute starting at `minute` (minutes since 1970, UTC) is due.
    pub fn is_due(&self, minute: i64) -> bool {
        let (day, of_day) = (
            minute.div_euclid(MINUTES_PER_DAY),
            minute.rem_euclid(MINUTES_PER_DAY),
        );
        self.day_matches(day)
            && self.hours >> (of_day / 60) & 1 == 1
            && self.minutes >> (of_day % 60) & 1 == 1
    }

    fn day_matches(&self, day: i64) -> bool {
        let (_, month, dom) = crate::core::names::civil_from_days(day);
        // 1970-01-01 was a Thursday (4).
        let weekday = (day + 4).rem_euclid(7);
        self.months >> month & 1 == 1 && self.days >> dom & 1 == 1 && self.weekdays >> weekday & 1 == 1
    }

    /// The first run strictly after `epoch_ms` (ms since 1970), in ms since 1970;
    /// `None` when the schedule never runs or the time is outside a JS `Date`'s span.
    pub fn next_after(&self, epoch_ms: f64) -> Option<f64> {
        if epoch_ms.is_nan() || epoch_ms.abs() > MAX_DATE_MS {
            return None;
        }
        let start = (epoch_ms / MS_PER_MINUTE as f64).floor() as i64 + 1;
        let (mut day, mut from) = (
            start.div_euclid(MINUTES_PER_DAY),
            start.rem_euclid(MINUTES_PER_DAY),
        );
        for _ in 0..=DAYS_PER_400_YEARS {
            if self.day_matches(day) {
                for of_day in from..MINUTES_PER_DAY {
                    if self.hours >> (of_day / 60) & 1 == 1 && self.minutes >> (of_day % 60) & 1 == 1 {
                        let ms = ((day * MINUTES_PER_DAY + of_day) * MS_PER_MINUTE) as f64;
                        return (ms <= MAX_DATE_MS).then_some(ms);
                    }
                }
            }
            (day, from) = (day + 1, 0);
        }
        None
    }

    /// The next `count` runs after `epoch_ms` (fewer when the schedule runs no more).
    pub fn next_runs(&self, epoch_ms: f64, count: usize) -> Vec<f64> {
        let mut runs = Vec::with_capacity(count);
        let mut at = epoch_ms;
        while runs.len() < count {
            let Some(next) = self.next_after(at) else { break };
            runs.push(next);
            at = next;
        }
        runs
    }
}

/// One segment as a bit set of its due values, with the server's checks in its order.
fn segment(text: &str, min: i64, max: i64) -> Result<u64, CronError> {
    let mut slots = 0u64;
    for part in text.split(',') {
        let step_parts: Vec<&str> = part.split('/').collect();
        let step = match step_parts[..] {
            [_] => 1,
            [_, s] => {
                let s = atoi(s)?;
                if s < 1 || s > max {
                    return Err(error(
                        &[
                            "Invalid segment step boundary - the step must be between 1 and the ",
                            &int(max),
                            ".",
                        ]
                        .concat(),
                    ));
                }
                s
            }
            _ => {
                return Err(error(
                    "Invalid segment step format - must be in the format */n or 1-30/n.",
                ))
            }
        };
        let (from, to) = if step_parts[0] == "*" {
            (min, max)
        } else {
            match step_parts[0].split('-').collect::<Vec<_>>()[..] {
                [value] => {
                    if step != 1 {
                        return Err(error(
                            "Invalid segment step - step > 1 could be used only with the wildcard or range format.",
                        ));
                    }
                    let v = atoi(value)?;
                    if v < min || v > max {
                        return Err(error(
                            "Invalid segment value - must be between the min and max of the segment.",
                        ));
                    }
                    (v, v)
                }
                [a, b] => {
                    let a = atoi(a)?;
                    if a < min || a > max {
                        return Err(error(
                            &[
                                "Invalid segment range minimum - must be between ",
                                &int(min),
                                " and ",
                                &int(max),
                                ".",
                            ]
                            .concat(),
                        ));
                    }
                    let b = atoi(b)?;
                    if b < a || b > max {
                        return Err(error(
                            &[
                                "Invalid segment range maximum - must be between ",
                                &int(a),
                                " and ",
                                &int(max),
                                ".",
                            ]
                            .concat(),
                        ));
                    }
                    (a, b)
                }
                _ => {
                    return Err(error(
                        "Invalid segment range format - the range must have 1 or 2 parts.",
                    ))
                }
            }
        };
        let mut v = from;
        while v <= to {
            slots |= 1 << v;
            v += step;
        }
    }
    Ok(slots)
}

/// A signed decimal integer as Go's `strconv.Atoi` reads it (an optional sign, then
/// at least one digit), with its error text as the server shows it.
fn atoi(s: &str) -> Result<i64, CronError> {
    let fail = |why: &str| error(&["Strconv.Atoi: parsing ", &go_quote(s), ": ", why, "."].concat());
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() {
        return Err(fail("invalid syntax"));
    }
    // Go reads digit by digit: a bad character or an overflow, whichever comes first.
    let mut n: u64 = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return Err(fail("invalid syntax"));
        }
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(u64::from(b - b'0')))
            .ok_or_else(|| fail("value out of range"))?;
    }
    let limit = if negative { 1u64 << 63 } else { (1u64 << 63) - 1 };
    if n > limit {
        return Err(fail("value out of range"));
    }
    Ok(if negative {
        (n as i64).wrapping_neg()
    } else {
        n as i64
    })
}

/// `s` in double quotes with Go's escapes for quotes, backslashes and control
/// characters (as `strconv.Quote` writes the common ones).
fn go_quote(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str("\\x");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 0xF] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn int(n: i64) -> String {
    if n < 0 {
        ["-", &text::uint(n.unsigned_abs())].concat()
    } else {
        text::uint(n as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What PocketBase 0.40.6 answered to `PATCH /api/settings` with each expression
    /// (`None`: accepted).
    const SERVER: &[(&str, Option<&str>)] = &[
        ("0 0 * * *", None),
        ("@yearly", None),
        ("@annually", None),
        ("@monthly", None),
        ("@weekly", None),
        ("@daily", None),
        ("@midnight", None),
        ("@hourly", None),
        ("0 0 * * 0", None),
        ("+5 * * * *", None),
        ("05 * * * *", None),
        ("*/59 * * * *", None),
        ("5/1 * * * *", None),
        ("1-5/2 * * * *", None),
        ("1-1 * * * *", None),
        ("1,2,3 * * * *", None),
        ("* * * * */6", None),
        ("*/+3 * * * *", None),
        ("@every 5m", Some("Invalid cron expression - must be a valid macro or to have exactly 5 space separated segments.")),
        ("@reboot", Some("Invalid cron expression - must be a valid macro or to have exactly 5 space separated segments.")),
        ("@YEARLY", Some("Invalid cron expression - must be a valid macro or to have exactly 5 space separated segments.")),
        (" @daily", Some("Invalid cron expression - must be a valid macro or to have exactly 5 space separated segments.")),
        ("0  0 * * *", Some("Invalid cron expression - must be a valid macro or to have exactly 5 space separated segments.")),
        ("0 0 * * * *", Some("Invalid cron expression - must be a valid macro or to have exactly 5 space separated segments.")),
        ("0 0 * *", Some("Invalid cron expression - must be a valid macro or to have exactly 5 space separated segments.")),
        ("0 0 * * * ", Some("Invalid cron expression - must be a valid macro or to have exactly 5 space separated segments.")),
        ("0\t0 * * *", Some("Invalid cron expression - must be a valid macro or to have exactly 5 space separated segments.")),
        ("0 0 * * 7", Some("Invalid segment value - must be between the min and max of the segment.")),
        ("* * 0 * *", Some("Invalid segment value - must be between the min and max of the segment.")),
        ("* * 32 * *", Some("Invalid segment value - must be between the min and max of the segment.")),
        ("* * * 13 *", Some("Invalid segment value - must be between the min and max of the segment.")),
        ("* 24 * * *", Some("Invalid segment value - must be between the min and max of the segment.")),
        ("60 * * * *", Some("Invalid segment value - must be between the min and max of the segment.")),
        ("*/60 * * * *", Some("Invalid segment step boundary - the step must be between 1 and the 59.")),
        ("*/0 * * * *", Some("Invalid segment step boundary - the step must be between 1 and the 59.")),
        ("* * * * */7", Some("Invalid segment step boundary - the step must be between 1 and the 6.")),
        ("5/2 * * * *", Some("Invalid segment step - step > 1 could be used only with the wildcard or range format.")),
        ("5-1 * * * *", Some("Invalid segment range maximum - must be between 5 and 59.")),
        ("* * * * 1-7", Some("Invalid segment range maximum - must be between 1 and 6.")),
        ("1,2,,3 * * * *", Some("Strconv.Atoi: parsing \"\": invalid syntax.")),
        ("JAN * * * *", Some("Strconv.Atoi: parsing \"JAN\": invalid syntax.")),
        ("* * * JAN *", Some("Strconv.Atoi: parsing \"JAN\": invalid syntax.")),
        ("* * * * MON", Some("Strconv.Atoi: parsing \"MON\": invalid syntax.")),
        ("? * * * *", Some("Strconv.Atoi: parsing \"?\": invalid syntax.")),
        ("-1 * * * *", Some("Strconv.Atoi: parsing \"\": invalid syntax.")),
        ("1- * * * *", Some("Strconv.Atoi: parsing \"\": invalid syntax.")),
        ("*/ * * * *", Some("Strconv.Atoi: parsing \"\": invalid syntax.")),
        ("2-*/3 * * * *", Some("Strconv.Atoi: parsing \"*\": invalid syntax.")),
        ("*-5 * * * *", Some("Strconv.Atoi: parsing \"*\": invalid syntax.")),
        ("1-2-3 * * * *", Some("Invalid segment range format - the range must have 1 or 2 parts.")),
        ("*/2/3 * * * *", Some("Invalid segment step format - must be in the format */n or 1-30/n.")),
        ("99999999999999999999 * * * *", Some("Strconv.Atoi: parsing \"99999999999999999999\": value out of range.")),
    ];

    #[test]
    fn accepts_and_refuses_as_the_server_did() {
        for (expr, expected) in SERVER {
            let got = Schedule::parse(expr).err().map(|e| e.message);
            assert_eq!(got.as_deref(), *expected, "{expr:?}");
        }
    }

    /// 2026-11-30 14:10:30 UTC, a Monday.
    const NOW: f64 = 1_796_047_830_000.0;
    const MIN: f64 = 60_000.0;

    fn runs(expr: &str, count: usize) -> Vec<f64> {
        Schedule::parse(expr).unwrap().next_runs(NOW, count)
    }

    #[test]
    fn next_runs_in_utc() {
        let minute_start = NOW - 30_000.0;
        assert_eq!(
            runs("* * * * *", 2),
            [minute_start + MIN, minute_start + 2.0 * MIN]
        );
        // Midnight of Tuesday 2026-12-01.
        let midnight = 1_796_083_200_000.0;
        assert_eq!(runs("@daily", 2), [midnight, midnight + 1440.0 * MIN]);
        assert_eq!(runs("@hourly", 1), [minute_start + 50.0 * MIN]);
        // Day of the month AND day of the week: the next Friday the 13th is 2027-08-13.
        assert_eq!(runs("0 0 13 * 5", 1), [1_818_115_200_000.0]);
        // February 29th: 2028.
        assert_eq!(runs("0 12 29 2 *", 1), [1_835_438_400_000.0]);
        // Never.
        assert_eq!(runs("0 0 30 2 *", 3), Vec::<f64>::new());
        assert_eq!(Schedule::parse("* * * * *").unwrap().next_after(f64::NAN), None);
        assert_eq!(Schedule::parse("* * * * *").unwrap().next_after(9e15), None);
    }

    #[test]
    fn before_1970_too() {
        // 1969-12-31 23:59:00 → the next minute is 1970-01-01 00:00.
        assert_eq!(
            Schedule::parse("* * * * *").unwrap().next_after(-60_000.0),
            Some(0.0)
        );
        assert_eq!(Schedule::parse("0 0 1 1 *").unwrap().next_after(-1.0), Some(0.0));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use chrono::{TimeZone, Utc};
    use croner::parser::CronParser;
    use proptest::prelude::*;

    /// One list item of a field whose values are `min..=max`: `n`, `a-b` or `a-b/s`.
    fn item(min: i64, max: i64) -> impl Strategy<Value = String> {
        (min..=max, min..=max, 1..=max, 0..3u8).prop_map(move |(a, b, step, kind)| {
            let (lo, hi) = (a.min(b), a.max(b));
            match kind {
                0 => format!("{a}"),
                1 => format!("{lo}-{hi}"),
                _ => format!("{lo}-{hi}/{step}"),
            }
        })
    }

    /// A field: `*`, `*/s`, or a list of items (the reference takes `*` only alone).
    fn field(min: i64, max: i64) -> impl Strategy<Value = String> {
        prop_oneof![
            1 => Just("*".to_string()),
            1 => (1..=max).prop_map(|s| format!("*/{s}")),
            3 => prop::collection::vec(item(min, max), 1..4).prop_map(|items| items.join(",")),
        ]
    }

    fn expression() -> impl Strategy<Value = String> {
        (
            field(0, 59),
            field(0, 23),
            field(1, 31),
            field(1, 12),
            field(0, 6),
        )
            .prop_map(|(a, b, c, d, e)| format!("{a} {b} {c} {d} {e}"))
    }

    proptest! {
        /// The next runs agree with croner's (day of the month AND day of the week).
        #[test]
        fn next_runs_match_the_reference(expr in expression(), at in 0i64..4_102_444_800_000) {
            let ours = Schedule::parse(&expr).expect("a valid expression");
            let reference = CronParser::builder().dom_and_dow(true).build().parse(&expr).expect("croner parses it");
            let start = Utc.timestamp_millis_opt(at).unwrap();
            let expected = reference.find_next_occurrence(&start, false).ok().map(|t| t.timestamp_millis() as f64);
            let got = ours.next_after(at as f64);
            // croner searches a bounded span; where it finds a run, ours is the same.
            if let Some(expected) = expected {
                prop_assert_eq!(got, Some(expected), "{}", expr);
            }
            if let Some(got) = got {
                let t = Utc.timestamp_millis_opt(got as i64).unwrap();
                prop_assert!(reference.is_time_matching(&t).unwrap(), "{} at {}", expr, t);
            }
        }

        /// Any text is parsed or refused, never a panic, and a refusal has a message.
        #[test]
        fn any_text_is_parsed_or_refused(expr in "[0-9*/,@ a-z+-]{0,24}") {
            if let Err(e) = Schedule::parse(&expr) {
                prop_assert!(!e.message.is_empty());
            }
        }
    }
}
