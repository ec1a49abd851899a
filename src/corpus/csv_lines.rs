//! The line a CSV record starts on, for messages and `origin` (`file.csv:N`).
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

/// The line a record (after the header) starts on, from the crate's position.
pub(crate) fn record_line(p: &csv::Position, crlf: bool) -> usize {
    p.line() as usize + usize::from(crlf)
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
