//! JSONL articles, one object per line, read as a stream.

use super::{problem, record_items_noted};
use crate::corpus::record::Record;
use crate::corpus::{InputProblem, Item};
use std::collections::VecDeque;
use std::io::BufRead;
use std::path::PathBuf;

/// Read one line into `buf` (newline included), keeping at most `cap` bytes: the rest of a
/// longer line is consumed and dropped, so memory stays bounded whatever the line's length.
/// Returns the line's full length (0 at end of input).
fn read_line_capped(r: &mut dyn BufRead, buf: &mut Vec<u8>, cap: usize) -> std::io::Result<usize> {
    let mut total = 0;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(total);
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = cap.saturating_sub(buf.len()).min(take);
        buf.extend_from_slice(&chunk[..room]);
        r.consume(take);
        total += take;
        if done {
            return Ok(total);
        }
    }
}

/// JSONL, one object per line, read incrementally. Invalid UTF-8 in a line is decoded
/// lossily; a line that is not JSON, or lacks `text`, is reported and skipped.
pub(super) struct JsonlIter {
    path: PathBuf,
    reader: Box<dyn BufRead + Send>,
    line_no: usize,
    /// A non-blank line was read (the first one is where a JSON array would open).
    opened: bool,
    buf: Vec<u8>,
    /// A line's article, held back while the warning about its text is returned first.
    pending: VecDeque<Item>,
    /// Any line yet that was not blank (or could not be read): a file without one is
    /// reported as empty. A stream starts with it set: an empty stdin (a Spark partition
    /// with no record) has no record to give back and is routine.
    seen_line: bool,
    /// The first object's keys were checked ([`crate::corpus::record::misnamed_field`]); a file
    /// that fails the check ends with that problem (its records' keys are one program's).
    keys_checked: bool,
    done: bool,
}

impl JsonlIter {
    pub(super) fn new(path: PathBuf, reader: Box<dyn BufRead + Send>) -> Self {
        JsonlIter {
            path,
            reader,
            line_no: 0,
            opened: false,
            buf: Vec::new(),
            pending: VecDeque::new(),
            seen_line: false,
            keys_checked: false,
            done: false,
        }
    }

    /// The same reader for a stream (stdin, [`read_jsonl`]): no report when it is empty.
    pub(super) fn streamed(mut self) -> Self {
        self.seen_line = true;
        self
    }
}

/// serde_json's message without its " at line 1 column N" (a JSONL line is always line 1 of
/// its own parse, which read beside the file's line number looks like a contradiction).
fn json_message(e: &serde_json::Error) -> String {
    let m = e.to_string();
    match m.rfind(" at line ") {
        Some(i) if e.column() > 0 => format!("{} (column {})", &m[..i], e.column()),
        _ => m,
    }
}

/// Why a JSONL line that starts like an object did not read as a record: a field of the
/// wrong type, named (`field `text` is a number (42), not text`), or the JSON error.
fn record_fault(line: &str, e: &serde_json::Error) -> String {
    if e.is_data() {
        if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(line) {
            // The fields read as text (`id`, `date` and `outlet` take numbers too, `label`
            // and `side` anything).
            for f in ["text", "title", "outlet", "lang"] {
                let wanted = if f == "outlet" { "text or a number" } else { "text" };
                match map.get(f) {
                    Some(v @ serde_json::Value::Number(_)) if f != "outlet" => {
                        return format!(
                            "field `{f}` is a number ({}), not text",
                            crate::corpus::record::shown(v)
                        )
                    }
                    Some(v) => {
                        if let Some(m) = crate::corpus::record::wrong_type(f, v, wanted) {
                            return m;
                        }
                    }
                    None => {}
                }
            }
        }
        return format!("bad record: {}", json_message(e));
    }
    format!("not valid JSON: {}", json_message(e))
}

impl Iterator for JsonlIter {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        if let Some(item) = self.pending.pop_front() {
            return Some(item);
        }
        if self.done {
            return None;
        }
        loop {
            self.buf.clear();
            let cap = crate::corpus::MAX_ARTICLE_BYTES as usize;
            let n = match read_line_capped(&mut *self.reader, &mut self.buf, cap) {
                Ok(0) if !self.seen_line => {
                    self.seen_line = true;
                    return Some(problem(&self.path, None, "empty: no JSON lines in it".into()));
                }
                Ok(0) => return None,
                Ok(n) => n,
                Err(e) => {
                    self.seen_line = true;
                    return Some(problem(&self.path, Some(self.line_no + 1), e.to_string()));
                }
            };
            self.line_no += 1;
            // UTF-16 (Notepad's "Unicode"): one problem for the file, worded as for a `.txt` or
            // `.csv` file, not "not a JSON object" for each of its lines (review, session 48).
            if self.line_no == 1 && crate::corpus::decode::starts_utf16(&self.buf) {
                self.seen_line = true;
                self.done = true;
                return Some(problem(&self.path, None, crate::corpus::NotText::Utf16.to_string()));
            }
            if n > cap {
                self.seen_line = true;
                return Some(problem(
                    &self.path,
                    Some(self.line_no),
                    crate::corpus::too_large(n as u64),
                ));
            }
            // `from_utf8` first: the same text for a valid line, and its validation has an
            // ASCII fast path that `from_utf8_lossy`'s chunk walk lacks (3% of `analyze`).
            let (line, bad_byte) = match std::str::from_utf8(&self.buf) {
                Ok(s) => (std::borrow::Cow::Borrowed(s), None),
                Err(e) => (String::from_utf8_lossy(&self.buf), Some(e.valid_up_to())),
            };
            let line = line.trim_start_matches('\u{feff}').trim();
            if line.is_empty() {
                continue;
            }
            self.seen_line = true;
            let ln = Some(self.line_no);
            // A file that opens with an array is one JSON document (pandas' `to_json(orient=
            // "records")`), not JSON Lines: one problem for the file, not one per line.
            let first = !std::mem::replace(&mut self.opened, true);
            // An array of objects, opened on this line (`[` alone or `[{…`); a line that is an
            // array of other values is a line of its own ("not a JSON object" below).
            let opens_array = line
                .strip_prefix('[')
                .is_some_and(|rest| matches!(rest.trim_start().chars().next(), None | Some('{')));
            if first && opens_array {
                self.done = true;
                return Some(problem(
                    &self.path,
                    ln,
                    "a JSON array, not JSON Lines: write one {\"id\": …, \"text\": …} object per line (pandas: `df.to_json(path, orient=\"records\", lines=True)`)".into(),
                ));
            }
            // A first object that goes on past its line is one pretty-printed JSON document
            // (a saved model, a config, `json.dump(..., indent=2)`): one problem for the file,
            // not one per line of it.
            // Only a `{` alone on the first line: a record cut by a raw newline in its text
            // also ends early, and is one bad line of a file whose other lines may be fine.
            if first && line == "{" {
                self.done = true;
                return Some(problem(
                    &self.path,
                    ln,
                    "one JSON document over several lines (such as a saved model.json), not JSON Lines: articles need one {\"id\": …, \"text\": …} object per line".into(),
                ));
            }
            // Checked first: serde would read a JSON array positionally as (id, title, text).
            if !line.starts_with('{') {
                return Some(problem(
                    &self.path,
                    ln,
                    "not a JSON object (each line must be one {\"id\": …, \"text\": …} object)".into(),
                ));
            }
            // The first object that parses decides for the file (its lines come from one
            // program); a later line is parsed for its keys only when a scan finds a key
            // that is a field but for case (review J, session 51: `cat a.jsonl b.jsonl` with
            // `ID` keys in b lost b's ids and titles without a word). That line is skipped.
            if !self.keys_checked || has_cased_field_key(line) {
                let keys = serde_json::from_str::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(line);
                if let Ok(keys) = keys {
                    let first = !self.keys_checked;
                    self.keys_checked = true;
                    if let Some(m) = crate::corpus::record::misnamed_field(keys.keys().map(String::as_str), "key") {
                        if first {
                            self.done = true;
                            return Some(problem(&self.path, ln, format!("{m} (the file is skipped)")));
                        }
                        return Some(problem(
                            &self.path,
                            ln,
                            format!("{m} (this line is skipped; the file's first object used lowercase keys)"),
                        ));
                    }
                }
            }
            let rec: Record = match serde_json::from_str(line) {
                Ok(r) => r,
                Err(e) => {
                    // The record's id, when it gives one, stays with its fault (`--stdout`
                    // lines and the Python package name the record by it): a `text` of the
                    // wrong type came back as `"id": null` (review, session 30).
                    let id = serde_json::from_str::<serde_json::Value>(line)
                        .ok()
                        .and_then(|v| v.get("id").cloned())
                        .and_then(|id| match id {
                            serde_json::Value::String(s) if !s.trim().is_empty() => Some(s),
                            serde_json::Value::Number(n) => Some(crate::corpus::record::number_id(&n)),
                            _ => None,
                        });
                    return Some(match problem(&self.path, ln, record_fault(line, &e)) {
                        Item::Problem(p) => Item::Problem(InputProblem { id, ..p }),
                        item => item,
                    });
                }
            };
            // Read, as a `.txt` file is, with a warning (the article first held back).
            let lossy = bad_byte.map(crate::corpus::decode::lossy_note);
            self.pending
                .extend(record_items_noted(rec, &self.path, self.line_no, lossy));
            return self.pending.pop_front();
        }
    }
}

/// Whether a JSON line may have a key that is a record field but for case or spaces (`"ID":`,
/// `"Title" :`): a quote not escaped, up to 10 bytes that fold to a field (spaces trimmed), a
/// quote, spaces and a colon. Cheap (a scan for quotes), so every line can be checked; a hit is confirmed by
/// parsing the line's keys ([`crate::corpus::record::misnamed_field`]).
pub(super) fn has_cased_field_key(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr_iter(b'"', b).any(|i| {
        if i > 0 && b[i - 1] == b'\\' {
            return false;
        }
        let rest = &b[i + 1..];
        let Some(end) = rest.iter().take(10).position(|&c| c == b'"') else {
            return false;
        };
        let word = &rest[..end];
        let after = rest[end + 1..].iter().find(|c| !c.is_ascii_whitespace());
        after == Some(&b':')
            && word.iter().any(|c| c.is_ascii_uppercase() || *c == b' ')
            && crate::corpus::record::FIELDS
                .iter()
                .any(|f| f.as_bytes().eq_ignore_ascii_case(word.trim_ascii()))
    })
}

/// Read JSONL from any reader (`name` labels the problems), as a `.jsonl` file is read.
pub fn read_jsonl(name: PathBuf, reader: impl BufRead + Send + 'static) -> impl Iterator<Item = Item> + Send {
    JsonlIter::new(name, Box::new(std::io::BufReader::new(LoneCrAsLf::new(reader)))).streamed()
}

/// A reader that ends lines at a lone `\r` too (old Mac line ends; some Windows tools), by
/// giving it as `\n`; a `\r\n` becomes `\n`. JSON text cannot hold a raw CR inside a
/// string (it must be escaped), so only whitespace between records and tokens changes: each
/// record gets its own line number instead of the whole file being read as one line with
/// "trailing characters" (review, session 48). A file with no CR passes unchanged, at the
/// cost of one `memchr` per read. Written by hand: no crate found that normalises line ends
/// as a stream.
pub(crate) struct LoneCrAsLf<R> {
    inner: R,
    /// The last byte given out was a `\r` turned to `\n`: a `\n` right after it is dropped.
    after_cr: bool,
}

impl<R> LoneCrAsLf<R> {
    pub(crate) fn new(inner: R) -> Self {
        LoneCrAsLf { inner, after_cr: false }
    }
}

impl<R: std::io::Read> std::io::Read for LoneCrAsLf<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                return Ok(0);
            }
            if !self.after_cr && memchr::memchr(b'\r', &buf[..n]).is_none() {
                return Ok(n);
            }
            let mut w = 0;
            for i in 0..n {
                let b = buf[i];
                if b == b'\n' && self.after_cr {
                    self.after_cr = false;
                    continue;
                }
                self.after_cr = b == b'\r';
                buf[w] = if self.after_cr { b'\n' } else { b };
                w += 1;
            }
            // A read of a lone `\n` that ended a CRLF gives nothing: read on rather than
            // report the end of the input.
            if w > 0 {
                return Ok(w);
            }
        }
    }
}
