//! Dates as researchers' files give them: `timeline.csv` groups articles by day, so a date
//! must name one. ISO dates are kept as written; a few unambiguous other forms are rewritten
//! as ISO (RFC 2822 as RSS feeds write it, a month by name, day.month.year); anything else is
//! kept as written and left out of the timeline, with a warning ([`DateCheck`]).
//!
//! Parsing by chrono (the version Parquet uses): calendar validity
//! (29 February, 31 April) and month names are what a hand-written parser gets wrong.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime};

/// The day (`YYYY-MM-DD`) an ISO 8601 date or date-time starts with, when it is a real
/// calendar day and what follows it is a time (`T`, a space) or nothing. A clock time that
/// cannot be (`T25:00`, `10:61`) makes the whole value suspect, so it names no day either.
pub fn iso_day(s: &str) -> Option<&str> {
    let day = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return None;
    }
    if !rest.is_empty() && !clock_is_possible(&rest[1..]) {
        return None;
    }
    let b = day.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok().map(|_| day)
}

/// False when `t` starts with an `HH:MM` or `HH:MM:SS` clock that is no time of day (hour
/// over 23, minute over 59, second over 60); anything else after the day (a zone name, a
/// time in another form) is left to the reader, since the day is what framescope uses.
fn clock_is_possible(t: &str) -> bool {
    let b = t.as_bytes();
    let two = |i: usize| b.get(i..i + 2).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if !(two(0) && b.get(2) == Some(&b':') && two(3)) {
        return true;
    }
    let form = if b.get(5) == Some(&b':') && two(6) {
        "%H:%M:%S"
    } else {
        "%H:%M"
    };
    NaiveTime::parse_and_remainder(t, form).is_ok()
}

/// A date string as it is recorded: trimmed (`None` when empty); ISO kept as written;
/// RFC 2822 (`Thu, 24 Feb 2022 10:00:00 +0300`) as RFC 3339 in its own offset
/// (`2022-02-24T10:00:00+03:00`, so its day stays the day it was published there); a month
/// by name (`24 February 2022`, `Feb 24, 2022`) or day.month.year (`24.02.2022`) as
/// `YYYY-MM-DD`; anything else kept as written (day/month order with slashes is ambiguous,
/// and guessing would move articles between days).
pub fn normalize(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if iso_day(s).is_some() {
        return Some(s.to_string());
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(t.to_rfc3339());
    }
    if let Some(d) = compact_day(s) {
        return Some(d);
    }
    // Commas and a dot after an abbreviated month ("Feb. 24, 2022") are not part of the
    // forms below; removing them first keeps their number small.
    let plain: String = s.replace([',', '.'], " ");
    // "Sept" (AP style) is not one of chrono's month names.
    let tokens: Vec<&str> = plain
        .split_whitespace()
        .map(|t| if t.eq_ignore_ascii_case("sept") { "Sep" } else { t })
        .collect();
    if let Some(d) = named_month_day(without_time(&tokens)) {
        return Some(d);
    }
    if s.len() == 10 && s.as_bytes()[2] == b'.' && s.as_bytes()[5] == b'.' {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%d.%m.%Y") {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    Some(s.to_string())
}

/// A day written with its month's name (English or Russian genitive), as `YYYY-MM-DD`.
fn named_month_day(tokens: &[&str]) -> Option<String> {
    if let Some(d) = russian_day(tokens) {
        return Some(d);
    }
    // chrono lets a field take fewer digits than it has ("Feb 2022" would parse as the 20th
    // of the year 22), so the shape is checked first: the year last, four digits.
    let year_last = tokens
        .last()
        .is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
    if !year_last {
        return None;
    }
    let plain = tokens.join(" ");
    ["%d %B %Y", "%B %d %Y", "%A %d %B %Y", "%A %B %d %Y"]
        .into_iter()
        .filter(|form| form.split(' ').count() == tokens.len())
        .find_map(|form| NaiveDate::parse_from_str(&plain, form).ok())
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// The tokens of a date without a time of day written after it, as pages and feeds print
/// one (`February 24, 2022 10:30 AM ET`, `24 Feb 2022, 10:00 GMT`, `Feb 24, 2022 at 9:15
/// p.m.`, «24 февраля 2022, 10:00»): a possible `H:MM[:SS]` clock, optionally after `at`,
/// followed by nothing but short words (am/pm, a zone name) or a UTC offset. The day is what
/// is kept (the day it was published where it was dated, as for the other named forms).
/// Anything else after the clock leaves the tokens as they are.
fn without_time<'a, 'b>(tokens: &'b [&'a str]) -> &'b [&'a str] {
    let Some(at) = tokens.iter().position(|t| t.contains(':')) else {
        return tokens;
    };
    let clock = tokens[at];
    let digits_colon = clock.bytes().all(|b| b.is_ascii_digit() || b == b':');
    let padded = if clock.find(':') == Some(1) {
        format!("0{clock}")
    } else {
        clock.to_string()
    };
    let is_clock = digits_colon && matches!(padded.len(), 5 | 8) && clock_is_possible(&padded);
    // am/pm (`p.m.` is `p m` here, the dots gone), a zone's capitals (ET, GMT, МСК) or an
    // offset; a lowercase word is more text ("local time in Kyiv"), not a zone.
    let tail = &tokens[at + 1..];
    let tail_is_zone = tail.len() <= 3
        && tail.iter().all(|t| {
            let n = t.chars().count();
            matches!(t.to_ascii_lowercase().as_str(), "am" | "pm" | "a" | "p" | "m")
                || ((2..=5).contains(&n) && t.chars().all(|c| c.is_uppercase()))
                || (t.starts_with(['+', '-'])
                    && (3..=6).contains(&t.len())
                    && t[1..].bytes().all(|b| b.is_ascii_digit() || b == b':'))
        });
    if !is_clock || !tail_is_zone {
        return tokens;
    }
    let head = &tokens[..at];
    match head.last() {
        Some(w) if w.eq_ignore_ascii_case("at") => &head[..head.len() - 1],
        _ => head,
    }
}

/// `YYYYMMDD` (ISO 8601's basic form; GDELT writes dates so) as `YYYY-MM-DD`, when it is a
/// real day.
pub fn compact_day(s: &str) -> Option<String> {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y%m%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// Russian month names in the genitive, as Russian outlets date their articles («24 февраля
/// 2022», «24 февраля 2022 г.», «24 февраля 2022 года»).
const RUSSIAN_MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// Their abbreviations, as RIA Novosti's datelines («21 фев») and many sites print them (the
/// dot is gone before this is asked); May has none.
const RUSSIAN_MONTH_ABBREVIATIONS: [&[&str]; 12] = [
    &["янв"],
    &["фев", "февр"],
    &["мар"],
    &["апр"],
    &["мая"],
    &["июн"],
    &["июл"],
    &["авг"],
    &["сен", "сент"],
    &["окт"],
    &["ноя", "нояб"],
    &["дек"],
];

/// Russian weekdays, which may open a date («вторник, 24 февраля 2022»).
const RUSSIAN_WEEKDAYS: [&str; 7] = [
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
    "воскресенье",
];

fn russian_day(tokens: &[&str]) -> Option<String> {
    // A weekday first is passed over (review, session 49: it, and the abbreviated months,
    // left such dates out of timeline.csv; the English forms were read).
    let (weekday, tokens) = match tokens {
        [w, rest @ ..] => match RUSSIAN_WEEKDAYS.iter().position(|d| *d == w.to_lowercase()) {
            Some(i) => (Some(i as u32), rest),
            None => (None, tokens),
        },
        _ => (None, tokens),
    };
    let tokens = match tokens {
        [d, m, y, g] if matches!(g.to_lowercase().as_str(), "г" | "года") => [*d, *m, *y],
        [d, m, y] => [*d, *m, *y],
        _ => return None,
    };
    let [d, m, y] = tokens;
    let m = m.to_lowercase();
    let month = RUSSIAN_MONTHS
        .iter()
        .position(|n| *n == m)
        .or_else(|| RUSSIAN_MONTH_ABBREVIATIONS.iter().position(|a| a.contains(&m.as_str())))? as u32
        + 1;
    if y.len() != 4 || d.len() > 2 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, month, d.parse().ok()?)?;
    // A weekday that is not the date's makes it no day, as in English (chrono's `%A`).
    if weekday.is_some_and(|w| w != date.weekday().num_days_from_monday()) {
        return None;
    }
    Some(date.format("%Y-%m-%d").to_string())
}

/// Articles whose date names no day (counted as they are added), for one warning per job.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateCheck {
    pub bad: usize,
    /// The first one: (where it came from, the date as written).
    pub first: Option<(String, String)>,
}

impl DateCheck {
    /// Note an article's date; true when it names a day.
    pub fn add(&mut self, origin: &str, date: &str) -> bool {
        if iso_day(date).is_some() {
            return true;
        }
        self.bad += 1;
        if self.first.is_none() {
            self.first = Some((origin.to_string(), date.to_string()));
        }
        false
    }

    /// The warning, without the `framescope: ` prefix, when any date named no day. `tables`:
    /// the job writes scores.csv and timeline.csv (else its rows are returned in memory).
    pub fn warning(&self, tables: bool) -> Option<String> {
        let (origin, date) = self.first.as_ref()?;
        let n = self.bad;
        let (them, are) = if n == 1 { ("it", "is") } else { ("they", "are") };
        let what = if tables {
            format!("kept as written in scores.csv, {them} {are} left out of timeline.csv")
        } else {
            format!(
                "kept as written in `date`; a table by day (timeline.csv) leaves {} out",
                if n == 1 { "it" } else { "them" }
            )
        };
        // A weekday that is not the date's (`Thu, 25 Feb 2022`: a Friday) was told only that
        // it "names no day" (review, session 49).
        let why = if weekday_mismatch(date) {
            " — its weekday is not that date's"
        } else {
            ""
        };
        Some(format!(
            "warning: {n} article(s) have a date that names no day (first: {origin}: `{date}`{why}): {what}; write dates as YYYY-MM-DD (ISO 8601; a time may follow), RFC 2822, `24 February 2022` or `24.02.2022`"
        ))
    }
}

/// Whether a date that names no day would name one without the weekday it opens with.
fn weekday_mismatch(date: &str) -> bool {
    let Some((first, rest)) = date.trim().split_once([',', ' ']) else {
        return false;
    };
    first.chars().all(char::is_alphabetic)
        && !first.is_empty()
        && normalize(rest).is_some_and(|d| d != rest.trim() && iso_day(&d).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_days_are_real_calendar_days() {
        assert_eq!(iso_day("2022-02-24"), Some("2022-02-24"));
        assert_eq!(iso_day("2022-02-24T10:00:00+03:00"), Some("2022-02-24"));
        assert_eq!(iso_day("2022-02-24 10:00"), Some("2022-02-24"));
        assert_eq!(iso_day("2024-02-29"), Some("2024-02-29"));
        // pandas' and Spark's text; a leap second; a zone by name; a fraction; no clock.
        for good in [
            "2022-02-24 00:00:00+00:00",
            "2022-02-24T23:59:60Z",
            "2022-02-24 10:00 MSK",
            "2022-02-24T10:00:00.123456",
            "2022-02-24T",
            "2022-02-24T1000",
        ] {
            assert_eq!(iso_day(good), Some("2022-02-24"), "{good}");
        }
        for bad in [
            "2022-02-29",
            "2022-04-31",
            "2022-13-01",
            "2022-2-24",
            "2022/02/24",
            "2022-02",
            "2022-02-245",
            "24-02-2022",
            "",
            "2022-02-24x",
            "2022-02-24T25:00",
            "2022-02-24 10:61",
            "2022-02-24T10:00:61Z",
        ] {
            assert_eq!(iso_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn unambiguous_forms_become_iso_and_the_rest_is_kept() {
        let n = |s: &str| normalize(s);
        assert_eq!(n("  2022-02-24  ").as_deref(), Some("2022-02-24"));
        assert_eq!(n("2022-02-24T10:00:00Z").as_deref(), Some("2022-02-24T10:00:00Z"));
        assert_eq!(n("   "), None);
        // RFC 2822 keeps its own offset: 23:30 in Moscow is still the 24th there.
        assert_eq!(
            n("Thu, 24 Feb 2022 23:30:00 +0300").as_deref(),
            Some("2022-02-24T23:30:00+03:00")
        );
        assert_eq!(
            n("24 Feb 2022 06:00:00 GMT").as_deref(),
            Some("2022-02-24T06:00:00+00:00")
        );
        for s in [
            "24 February 2022",
            "February 24, 2022",
            "Feb 24, 2022",
            "Feb. 24, 2022",
            "24 Feb 2022",
            "Thursday, 24 February 2022",
            "24.02.2022",
        ] {
            assert_eq!(n(s).as_deref(), Some("2022-02-24"), "{s}");
        }
        // Ambiguous or not a day: as written.
        assert_eq!(n("1 March 2022").as_deref(), Some("2022-03-01"));
        for s in [
            "20220224",
            "24 февраля 2022",
            "24 Февраля 2022 г.",
            "24 февраля 2022 года",
            "Sept. 24, 2022",
        ] {
            let want = if s.starts_with("Sept") {
                "2022-09-24"
            } else {
                "2022-02-24"
            };
            assert_eq!(n(s).as_deref(), Some(want), "{s}");
        }
        // A time of day after a named day (pages and feeds print one): the day is kept.
        for s in [
            "February 24, 2022 10:30 AM",
            "February 24, 2022 10:30 AM ET",
            "24 Feb 2022, 10:00 GMT",
            "Feb. 24, 2022 at 9:15 p.m.",
            "Thursday, 24 February 2022 23:59:59 +03:00",
            "24 февраля 2022, 10:00",
            "24 фев 2022",
            "24 февр. 2022 г.",
            "четверг, 24 февраля 2022",
            "24 февраля 2022 г., 10:00 МСК",
        ] {
            assert_eq!(n(s).as_deref(), Some("2022-02-24"), "{s}");
        }
        // An impossible clock, or more than a zone after it: as written.
        for s in [
            "February 24, 2022 25:30",
            "February 24, 2022 10:61",
            "February 24, 2022 10:30 local time in Kyiv",
            "February 24 10:30",
        ] {
            assert_eq!(n(s).as_deref(), Some(s), "{s}");
        }
        for s in [
            "20220230",
            "2022022",
            "32 февраля 2022",
            "24 февраль 2022",
            "вторник, 24 февраля 2022",
            "24 ма 2022",
        ] {
            assert_eq!(n(s).as_deref(), Some(s), "{s}");
        }
        for s in [
            "02/03/2022",
            "yesterday",
            "2022-02-30",
            "30.02.2022",
            "Feb 2022",
            "24 Feb 22",
            "2022",
            "Feb 24 2022 extra",
        ] {
            assert_eq!(n(s).as_deref(), Some(s), "{s}");
        }
    }

    #[test]
    fn the_check_counts_dates_naming_no_day_and_names_the_first() {
        let mut c = DateCheck::default();
        assert_eq!(c.warning(true), None);
        assert!(c.add("a.jsonl:1", "2022-02-24"));
        assert!(!c.add("a.jsonl:2", "02/03/2022"));
        assert!(!c.add("a.jsonl:3", "soon"));
        assert_eq!(c.bad, 2);
        assert!(c
            .warning(false)
            .unwrap()
            .contains("kept as written in `date`; a table by day (timeline.csv) leaves them out"));
        let w = c.warning(true).unwrap();
        assert!(
            w.starts_with("warning: 2 article(s) have a date that names no day (first: a.jsonl:2: `02/03/2022`)"),
            "{w}"
        );
        assert!(w.contains("they are left out of timeline.csv"), "{w}");
    }

    /// Review, session 49: a weekday that is not the date's was only "a date that names no
    /// day". 25 February 2022 was a Friday.
    #[test]
    fn a_wrong_weekday_is_named() {
        for (date, wrong) in [
            ("Thu, 25 Feb 2022 10:00:00 +0000", true),
            ("Thursday, 25 February 2022", true),
            ("вторник, 24 февраля 2022", true),
            ("Fri, 25 Feb 2022 10:00:00 +0000", false),
            ("02/03/2022", false),
            ("soon", false),
        ] {
            let normalized = normalize(date).unwrap();
            let mut c = DateCheck::default();
            assert_eq!(
                c.add("a.jsonl:1", &normalized),
                !wrong && date.starts_with("Fri"),
                "{date}"
            );
            if c.bad == 0 {
                continue;
            }
            let w = c.warning(true).unwrap();
            assert_eq!(w.contains("— its weekday is not that date's"), wrong, "{w}");
        }
    }
}
