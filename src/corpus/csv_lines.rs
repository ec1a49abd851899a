//! The line a CSV record starts on, for messages and `origin` (`file.csv:N`), and a check
//! for stray quotes that make the csv crate merge rows ([`QuoteCheck`]).
//!
//! The csv crate ends a record at the `\r` of a CRLF line ending and counts the line when it
//! meets the `\n`, at the start of the next record, so it reports every record after the
//! header of a CRLF file on the line before its own (Excel and Python's `csv` module write
//! CRLF). The crate has no option for this, hence the correction here: when the header line
//! ends in CRLF, a record starts one line after the crate's position. A file that mixes line
//! endings is numbered by its header's.

/// Whether the first line in `buf` (the start of the file) ends in `\r\n`.
pub(crate) fn ends_first_line_with_crlf(buf: &[u8]) -> bool {
    memchr::memchr(b'\n', buf).is_some_and(|i| i > 0 && buf[i - 1] == b'\r')
}

/// Whether the first line in `buf` ends in a lone `\r` (old Mac line ends, Excel's "CSV
/// (Macintosh)"), which the crate ends records at but does not count as lines.
pub(crate) fn ends_first_line_with_lone_cr(buf: &[u8]) -> bool {
    memchr::memchr2(b'\r', b'\n', buf).is_some_and(|i| buf[i] == b'\r' && buf.get(i + 1).is_some_and(|&b| b != b'\n'))
}

/// A file with lone-CR line ends read with LF ones, so that records get their own line
/// numbers (review, session 44: every record and error of such a file was at line 1, and
/// every origin the same). Text loses nothing: lone CRs become LFs in articles anyway.
pub(crate) struct CrAsLf<R>(pub(crate) R);

impl<R: std::io::Read> std::io::Read for CrAsLf<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        buf[..n].iter_mut().filter(|b| **b == b'\r').for_each(|b| *b = b'\n');
        Ok(n)
    }
}

/// The line a record (after the header) starts on, from the crate's position.
pub(crate) fn record_line(p: &csv::Position, crlf: bool) -> usize {
    p.line() as usize + usize::from(crlf)
}

/// Watches the bytes a CSV reader reads for a quoted field closed by a `"` that text follows
/// (`"one" two`), which is not CSV. The csv crate reads such a field on as unquoted text
/// without a word, so one stray `"` in a row opens a quoted field that swallows the rows after
/// it, up to the next `"`: those rows become part of one row's text. Hand-written because the
/// crate has no strict mode that would report it; it follows RFC 4180's quoting only
/// (delimiter `,`, quote `"`), as the readers here are configured.
pub(crate) struct QuoteCheck<R> {
    inner: R,
    state: Scan,
    line: usize,
    opened: usize,
    /// Whether the last byte read was a line break (the line after it holds nothing yet).
    at_line_start: bool,
    /// The first bad close: (line the quoted field opened on, line of the stray text).
    pub(crate) first_bad: Option<(usize, usize)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Scan {
    FieldStart,
    Unquoted,
    Quoted,
    /// A `"` inside a quoted field: `""` (an escaped quote), the field's end, or the fault.
    QuoteSeen,
}

impl<R> QuoteCheck<R> {
    /// Watch `inner` from the start of the file (line 1).
    pub(crate) fn new(inner: R) -> QuoteCheck<R> {
        QuoteCheck {
            inner,
            state: Scan::FieldStart,
            line: 1,
            opened: 1,
            at_line_start: true,
            first_bad: None,
        }
    }

    fn scan(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.state = match (self.state, b) {
                (Scan::Quoted, b'"') => Scan::QuoteSeen,
                (Scan::Quoted, _) => Scan::Quoted,
                (Scan::FieldStart, b'"') => {
                    self.opened = self.line;
                    Scan::Quoted
                }
                (Scan::QuoteSeen, b'"') => Scan::Quoted,
                (_, b',' | b'\r' | b'\n') => Scan::FieldStart,
                (Scan::QuoteSeen, _) => {
                    self.first_bad.get_or_insert((self.opened, self.line));
                    Scan::Unquoted
                }
                _ => Scan::Unquoted,
            };
            if b == b'\n' {
                self.line += 1;
            }
        }
        if let Some(&b) = bytes.last() {
            self.at_line_start = b == b'\n';
        }
    }

    /// Whether the fault ([`fault`](Self::fault)) made one row of several lines: a field never
    /// closed, or closed on a later line than it opened on. That row's text holds the rows
    /// after it, so it is no article.
    pub(crate) fn merged_rows(&self) -> bool {
        match self.first_bad {
            Some((opened, at)) => at > opened,
            None => self.state == Scan::Quoted,
        }
    }

    /// The stray quote found, once the reader has read to the end: (line to report, message).
    /// Either a quoted field closed by a `"` that text follows, or one never closed (the file
    /// ends inside it).
    pub(crate) fn fault(&self) -> Option<(usize, String)> {
        if let Some((opened, at)) = self.first_bad {
            let span = match at > opened {
                true => format!(
                    "; lines {opened}–{at} were read as one row, so the rows after line {opened} may be part of its text: check for an unbalanced `\"`"
                ),
                false => String::new(),
            };
            return Some((
                opened,
                format!("a quoted field (opened on line {opened}) is closed by a `\"` followed by text on line {at}, which is not CSV{span}"),
            ));
        }
        // After a final line break the line count is one past the file's last line.
        let last = self.line - usize::from(self.at_line_start && self.line > self.opened);
        (self.state == Scan::Quoted).then(|| {
            (
                self.opened,
                format!(
                    "a quoted field opened on line {} is never closed: lines {}–{last} were read as one row's text; check for an unbalanced `\"`",
                    self.opened, self.opened
                ),
            )
        })
    }
}

impl<R: std::io::Read> std::io::Read for QuoteCheck<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.scan(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each record's line as a person counts them, through the crate and this correction.
    fn lines(bytes: &[u8]) -> Vec<usize> {
        let crlf = ends_first_line_with_crlf(bytes);
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let mut rec = csv::ByteRecord::new();
        let mut out = Vec::new();
        while rdr.read_byte_record(&mut rec).unwrap() {
            out.push(record_line(rec.position().unwrap(), crlf));
        }
        out
    }

    fn check(bytes: &[u8]) -> QuoteCheck<&[u8]> {
        let mut q = QuoteCheck::new(bytes);
        std::io::copy(&mut q, &mut std::io::sink()).unwrap();
        q
    }

    fn first_bad(bytes: &[u8]) -> Option<(usize, usize)> {
        check(bytes).first_bad
    }

    #[test]
    fn a_stray_quote_that_swallows_rows_is_found() {
        // Well-formed: quoted commas, escaped quotes, quoted line breaks, CRLF, a quote in an
        // unquoted field (the crate reads it as text; it swallows nothing).
        let good = b"id,text\r\na,\"x, \"\"y\"\" z\"\r\nb,\"two\nlines\"\nc,5\" gun\n";
        assert_eq!(first_bad(good), None);
        // The reviewer's file: row a3's text opens a quote that the `"` of row a4 closes.
        let bad = b"id,text\na1,\"ok\"\na3,\"Kiev regime\na4,\"NATO expanded.\"\na5,\"fine\"\n";
        assert_eq!(first_bad(bad), Some((3, 4)));
        let (line, msg) = check(bad).fault().unwrap();
        assert_eq!(line, 3);
        assert!(msg.contains("lines 3–4 were read as one row"), "{msg}");
        assert!(check(bad).merged_rows());
        assert_eq!(check(good).fault(), None);
        assert!(!check(good).merged_rows());
        // Never closed: the file ends inside the field opened on line 2 (the reviewer's).
        let open = b"id,title,text\na3,T3,\"Separatists shelled villages.\na4,T4,Kiev regime.\na5,T5,Fine.\n";
        assert_eq!(first_bad(open), None);
        let (line, msg) = check(open).fault().unwrap();
        assert_eq!(line, 2);
        assert!(msg.contains("opened on line 2 is never closed: lines 2–4"), "{msg}");
        assert!(check(open).merged_rows());
        let (_, msg) = check(&open[..open.len() - 1]).fault().unwrap();
        assert!(msg.contains("lines 2–4"), "without the final line break: {msg}");
        // On one line: `"a"b` is not CSV either.
        assert_eq!(first_bad(b"id,text\nx,\"a\"b\n"), Some((2, 2)));
        assert!(!check(b"id,text\nx,\"a\"b\n").merged_rows(), "one row's own fault");
    }

    #[test]
    fn crlf_and_lf_files_number_their_records_alike() {
        // Line 1 the header; line 2 a record; lines 3–4 one record with a quoted line break;
        // line 5 a record.
        let lf = b"id,text\na,one\nb,\"two\nlines\"\nc,three\n";
        let crlf = b"id,text\r\na,one\r\nb,\"two\r\nlines\"\r\nc,three\r\n";
        assert_eq!(lines(lf), [2, 3, 5]);
        assert_eq!(lines(crlf), [2, 3, 5]);
        assert!(!ends_first_line_with_crlf(b"id,text\n"));
        assert!(!ends_first_line_with_crlf(b"\nid"));
        assert!(!ends_first_line_with_crlf(b"id,text"));
    }
}
