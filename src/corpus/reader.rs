//! Streaming article reader over a list of [`Source`]s.

use super::record::{Record, RecordFault};
use super::{decode, split_headline, Article, InputProblem, Item, Side, Source};
use rustc_hash::FxHashMap;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Yields articles one at a time from files, folders, JSONL and CSV, in input order.
/// Duplicate ids are reported and the later article skipped.
pub struct ArticleReader {
    sources: VecDeque<Source>,
    current: Option<Box<dyn Iterator<Item = Item> + Send>>,
    /// Ids seen so far, for duplicate detection: XXH3-64 of the id → where it was first seen
    /// (index into `origin_paths`, line or 0). About 16 bytes per article instead of the id and
    /// origin strings, so reading a crawl of millions stays small. Two distinct ids sharing a
    /// 64-bit hash (about 3 in 100 million over a million articles) would be reported as a
    /// duplicate, naming both places.
    seen: FxHashMap<u64, (u32, u32)>,
    origin_paths: Vec<String>,
    origin_index: FxHashMap<String, u32>,
    /// What to yield before reading on (an article renamed by [`Self::dedupe`] after its note).
    pending: VecDeque<Item>,
}

impl ArticleReader {
    pub fn new(sources: Vec<Source>) -> Self {
        ArticleReader {
            sources: sources.into(),
            current: None,
            seen: FxHashMap::default(),
            origin_paths: Vec::new(),
            origin_index: FxHashMap::default(),
            pending: VecDeque::new(),
        }
    }

    fn open(source: Source) -> Box<dyn Iterator<Item = Item> + Send> {
        match source {
            Source::Text { path, manifest } => Box::new(read_text_file(&path, manifest.as_deref()).into_iter()),
            Source::Jsonl { path } => match File::open(&path) {
                Ok(f) => Box::new(JsonlIter::new(path, Box::new(BufReader::new(f)))),
                Err(e) => Box::new(std::iter::once(problem(&path, None, e.to_string()))),
            },
            Source::Stdin => Box::new(
                JsonlIter::new(PathBuf::from("<stdin>"), Box::new(BufReader::new(std::io::stdin()))).streamed(),
            ),
            Source::Csv { path } => Box::new(read_csv(&path).into_iter()),
            Source::Memory { articles, .. } => {
                Box::new((0..articles.len()).map(move |i| Item::Article(articles[i].clone())))
            }
            #[cfg(feature = "parquet")]
            Source::Parquet { path } => super::parquet::read_parquet(&path),
            #[cfg(not(feature = "parquet"))]
            Source::Parquet { path } => Box::new(std::iter::once(problem(
                &path,
                None,
                "this framescope was built without Parquet support (cargo feature `parquet`)".into(),
            ))),
        }
    }

    /// Skip an article whose id was already seen, naming where it was first seen; except a
    /// `.txt` file whose name an earlier, different `.txt` file has (the same article set in
    /// two languages' folders, `en/tass_01.txt` and `ru/tass_01.txt`): two articles, so the
    /// later one's id becomes `FOLDER/STEM` (`ru/tass_01`), with a note. A file with the same
    /// bytes is the same article: a duplicate, as before.
    fn dedupe(&mut self, item: Item) -> Item {
        match item {
            Item::Article(mut a) => {
                let mut key = xxhash_rust::xxh3::xxh3_64(a.id.as_bytes());
                let (path, line) = split_origin(&a.origin);
                let mut note = None;
                // Set when the id's first holder is a text file like this one: how the two relate.
                let mut pair = None;
                if let Some(&(p, l)) = self.seen.get(&key) {
                    let first = &self.origin_paths[p as usize];
                    pair = (l == 0 && line.is_none())
                        .then(|| text_pair(Path::new(first), &path))
                        .flatten();
                    let candidates = (pair == Some(TextPair::Different))
                        .then(|| other_file_ids(&path, &a.id))
                        .flatten();
                    let renamed = candidates.as_ref().and_then(|ids| {
                        ids.iter()
                            .map(|id| (xxhash_rust::xxh3::xxh3_64(id.as_bytes()), id.clone()))
                            .find(|(k, _)| !self.seen.contains_key(k))
                    });
                    if let (Some(ids), None) = (&candidates, &renamed) {
                        return Item::Problem(InputProblem {
                            path,
                            line,
                            message: format!(
                                "id `{}` is taken by {first}, a different file of the same name, and so {} (tried {}); give the file another name",
                                a.id,
                                if ids.len() == 1 { "is its folder-qualified id" } else { "are its folder-qualified ids" },
                                ids.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
                            ),
                            skipped: true,
                            id: Some(a.id),
                        });
                    }
                    if let Some((k, id)) = renamed {
                        note = Some(InputProblem {
                            path: path.clone(),
                            line: None,
                            message: format!(
                                "id `{}` is taken by {first}, a different file of the same name: this article's id is `{id}`",
                                a.id
                            ),
                            skipped: false,
                            id: Some(id.clone()),
                        });
                        a.id = id;
                        key = k;
                    }
                }
                if let Some(&(p, l)) = self.seen.get(&key) {
                    let first = match l {
                        0 => self.origin_paths[p as usize].clone(),
                        l => format!("{}:{l}", self.origin_paths[p as usize]),
                    };
                    // Two text files with one name and the same bytes are one article given
                    // twice (a copied folder): say so, not only that the id repeats.
                    let message = match pair {
                        Some(TextPair::SameFile) => format!("duplicate id `{}`: the same file as {first}", a.id),
                        Some(TextPair::SameBytes) => format!("duplicate id `{}`: the same bytes as {first}", a.id),
                        _ => format!("duplicate id `{}` (first seen in {first})", a.id),
                    };
                    return Item::Problem(InputProblem {
                        path,
                        line,
                        message,
                        skipped: true,
                        id: Some(a.id),
                    });
                }
                let shown = path.display().to_string();
                let p = match self.origin_index.get(&shown) {
                    Some(&p) => p,
                    None => {
                        let p = self.origin_paths.len() as u32;
                        self.origin_index.insert(shown.clone(), p);
                        self.origin_paths.push(shown);
                        p
                    }
                };
                let l = line.and_then(|l| u32::try_from(l).ok()).unwrap_or(0);
                self.seen.insert(key, (p, l));
                match note {
                    // The note first, then the renamed article.
                    Some(note) => {
                        self.pending.push_back(Item::Article(a));
                        Item::Problem(note)
                    }
                    None => Item::Article(a),
                }
            }
            p => p,
        }
    }
}

/// How a `.txt` file relates to the earlier `.txt` file that took its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextPair {
    /// The same path, given twice.
    SameFile,
    /// Two files with the same bytes: the same article.
    SameBytes,
    /// Two files with other bytes: two articles.
    Different,
}

/// How two files relate, when both are `.txt` files that can be read (`None` otherwise).
fn text_pair(first: &Path, later: &Path) -> Option<TextPair> {
    let txt = |p: &Path| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt"));
    if !txt(first) || !txt(later) {
        return None;
    }
    let (a, b) = (std::fs::canonicalize(first).ok()?, std::fs::canonicalize(later).ok()?);
    Some(if a == b {
        TextPair::SameFile
    } else if std::fs::read(&a).ok()? == std::fs::read(&b).ok()? {
        TextPair::SameBytes
    } else {
        TextPair::Different
    })
}

/// The ids to try, in order, for the `.txt` file `later` whose id `id` an earlier, different
/// `.txt` file took ([`TextPair::Different`]): `FOLDER/ID`, then with more of `later`'s
/// folders (`p/ru/ID`, `a/p/ru/ID`, …, up to four).
fn other_file_ids(later: &Path, id: &str) -> Option<Vec<String>> {
    let b = std::fs::canonicalize(later).ok()?;
    let folders: Vec<String> = b
        .parent()?
        .components()
        .rev()
        .filter_map(|c| match c {
            std::path::Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .take(4)
        .collect();
    Some(
        (1..=folders.len())
            .map(|k| {
                let mut parts: Vec<&str> = folders[..k].iter().rev().map(String::as_str).collect();
                parts.push(id);
                parts.join("/")
            })
            .collect(),
    )
}

impl Iterator for ArticleReader {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        if let Some(item) = self.pending.pop_front() {
            return Some(item);
        }
        loop {
            if let Some(it) = self.current.as_mut() {
                if let Some(item) = it.next() {
                    return Some(self.dedupe(item));
                }
                self.current = None;
            }
            let src = self.sources.pop_front()?;
            self.current = Some(Self::open(src));
        }
    }
}

fn split_origin(origin: &str) -> (PathBuf, Option<usize>) {
    match origin.rsplit_once(':') {
        Some((p, l)) if l.parse::<usize>().is_ok() => (PathBuf::from(p), l.parse().ok()),
        _ => (PathBuf::from(origin), None),
    }
}

pub(super) fn problem(path: &Path, line: Option<usize>, message: String) -> Item {
    Item::Problem(InputProblem {
        path: path.to_path_buf(),
        line,
        message,
        skipped: true,
        id: None,
    })
}

/// A record turned into an article (after the warning about its text, when something was
/// done to it), or its fault as a problem keeping the record's id. `lossy`: a note that the
/// record's bytes were decoded lossily, given only for an article that is kept.
pub(super) fn record_items(rec: Record, path: &Path, line: usize) -> Vec<Item> {
    record_items_noted(rec, path, line, None)
}

pub(super) fn record_items_noted(rec: Record, path: &Path, line: usize, lossy: Option<String>) -> Vec<Item> {
    match rec.into_noted_article(format!("{}:{line}", path.display())) {
        Ok((a, note)) => {
            let notes: Vec<String> = lossy.into_iter().chain(note).collect();
            let mut items: Vec<Item> = if notes.is_empty() {
                Vec::new()
            } else {
                vec![warning(path, Some(line), notes.join("; "))]
            };
            items.push(Item::Article(a));
            items
        }
        Err(RecordFault { id, message }) => vec![Item::Problem(InputProblem {
            path: path.to_path_buf(),
            line: Some(line),
            message,
            skipped: true,
            id,
        })],
    }
}

fn warning(path: &Path, line: Option<usize>, message: String) -> Item {
    Item::Problem(InputProblem {
        path: path.to_path_buf(),
        line,
        message,
        skipped: false,
        id: None,
    })
}

/// A `.txt` article: headline on line 1 (when it is one), body after.
fn read_text_file(path: &Path, manifest: Option<&super::Manifest>) -> Vec<Item> {
    match read_capped(path) {
        Ok(bytes) => text_items(path, &bytes, manifest),
        Err(m) => vec![problem(path, None, m)],
    }
}

/// The article of a `.txt` file's bytes (`path` names it: id = file stem), after any
/// decoding warnings, or the problem that skips it. Also builds the built-in seeds.
pub(super) fn text_items(path: &Path, bytes: &[u8], manifest: Option<&super::Manifest>) -> Vec<Item> {
    let decoded = match decode(bytes) {
        Ok(d) => d,
        Err(e) => return vec![problem(path, None, e.to_string())],
    };
    let mut out: Vec<Item> = decoded.warnings.into_iter().map(|w| warning(path, None, w)).collect();
    let stem = path.file_stem().map(super::file_id).unwrap_or_default();
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let row = manifest.and_then(|m| m.get(&name, &stem));
    let (title, body) = split_headline(&decoded.text);
    // The manifest's side wins over the file name's prefix; when they disagree it is said,
    // since one of them is a mistake in a labelled set (review, session 29).
    let named = Side::from_file_name(&stem);
    if let (Some(m), Some(n)) = (row.and_then(|r| r.label), named) {
        if m != n {
            out.push(warning(
                path,
                None,
                format!(
                    "manifest.csv gives the side `{}`, the file name `{}_`: the manifest's side is used",
                    m.as_str(),
                    n.as_str()
                ),
            ));
        }
    }
    out.push(Item::Article(Article {
        label: row.and_then(|r| r.label).or(named),
        outlet: row.and_then(|r| r.outlet.clone()),
        date: row.and_then(|r| r.date.clone()),
        lang: row.and_then(|r| r.lang.clone()),
        id: stem,
        title,
        body,
        origin: path.display().to_string(),
    }));
    out
}

/// A whole file, refused unread when over [`super::MAX_ARTICLE_BYTES`] (also when it grows
/// past it while being read). Only regular files get here: pipes and devices were refused
/// when the paths were listed.
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let cap = super::MAX_ARTICLE_BYTES;
    let f = File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    if len > cap {
        return Err(super::too_large(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    f.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > cap {
        return Err(super::too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

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
struct JsonlIter {
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
    /// The first object's keys were checked ([`super::record::misnamed_field`]); a file
    /// that fails the check ends with that problem (its records' keys are one program's).
    keys_checked: bool,
    done: bool,
}

impl JsonlIter {
    fn new(path: PathBuf, reader: Box<dyn BufRead + Send>) -> Self {
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
    fn streamed(mut self) -> Self {
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
                        return format!("field `{f}` is a number ({}), not text", super::record::shown(v))
                    }
                    Some(v) => {
                        if let Some(m) = super::record::wrong_type(f, v, wanted) {
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
            let cap = super::MAX_ARTICLE_BYTES as usize;
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
            if n > cap {
                self.seen_line = true;
                return Some(problem(&self.path, Some(self.line_no), super::too_large(n as u64)));
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
            if !self.keys_checked {
                // The first object that parses only: a file's lines come from one program,
                // and reading every line's keys twice would cost each line a second parse.
                let keys = serde_json::from_str::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(line);
                if let Ok(keys) = keys {
                    self.keys_checked = true;
                    if let Some(m) = super::record::misnamed_field(keys.keys().map(String::as_str), "key") {
                        self.done = true;
                        return Some(problem(&self.path, ln, format!("{m} (the file is skipped)")));
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
                            serde_json::Value::Number(n) => Some(super::record::number_id(&n)),
                            _ => None,
                        });
                    return Some(match problem(&self.path, ln, record_fault(line, &e)) {
                        Item::Problem(p) => Item::Problem(InputProblem { id, ..p }),
                        item => item,
                    });
                }
            };
            // Read, as a `.txt` file is, with a warning (the article first held back).
            let lossy = bad_byte.map(super::decode::lossy_note);
            self.pending
                .extend(record_items_noted(rec, &self.path, self.line_no, lossy));
            return self.pending.pop_front();
        }
    }
}

/// Read JSONL from any reader (`name` labels the problems), as a `.jsonl` file is read.
pub fn read_jsonl(name: PathBuf, reader: impl BufRead + Send + 'static) -> impl Iterator<Item = Item> + Send {
    JsonlIter::new(name, Box::new(reader)).streamed()
}

/// CSV with a header row naming at least `text` (and usually `id`, `title`).
fn read_csv(path: &Path) -> Vec<Item> {
    let mut file = match File::open(path) {
        Ok(f) => BufReader::new(f),
        Err(e) => return vec![problem(path, None, format!("cannot read: {e}"))],
    };
    if file.fill_buf().is_ok_and(|b| b.starts_with(b"\xEF\xBB\xBF")) {
        file.consume(3);
    }
    // Said as what they are, not as a header without `text` (review, session 30).
    match file.fill_buf() {
        Ok([]) => return vec![problem(path, None, super::decode::NotText::Empty.to_string())],
        Ok(b) if b.starts_with(b"\xFF\xFE") || b.starts_with(b"\xFE\xFF") => {
            return vec![problem(path, None, super::decode::NotText::Utf16.to_string())]
        }
        _ => {}
    }
    let crlf = file.fill_buf().is_ok_and(super::csv_lines::ends_first_line_with_crlf);
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(super::csv_lines::QuoteCheck::new(file));
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => return vec![problem(path, Some(1), format!("bad CSV header: {e}"))],
    };
    if let Some(m) = super::record::misnamed_field(headers.iter(), "column") {
        return vec![problem(path, Some(1), format!("{m} (the file is skipped)"))];
    }
    if !headers.iter().any(|h| h.trim() == "text") {
        return vec![problem(
            path,
            Some(1),
            "missing column `text` (the header row must name a `text` column; `id`, `title` and the others are optional)".into(),
        )];
    }
    let cols = CellColumns {
        id: headers.iter().position(|h| h == "id"),
        outlet: headers.iter().position(|h| h == "outlet"),
        date: headers.iter().position(|h| h == "date"),
    };
    let typed_headers = csv_headers(&headers);
    let mut out = Vec::new();
    let mut line = 1;
    let mut start = rdr.position().byte();
    let mut bytes = csv::ByteRecord::new();
    loop {
        // Read as bytes: a row that is not UTF-8 is decoded lossily with a warning, as a
        // `.txt` or JSONL article is (the csv crate's own text records refuse it).
        let mut lossy = None;
        let rec = match rdr.read_byte_record(&mut bytes) {
            Ok(false) => break,
            Ok(true) => {
                // The line a record starts on (a quoted field may span several lines).
                line = bytes
                    .position()
                    .map_or(line + 1, |p| super::csv_lines::record_line(p, crlf));
                let record = match csv::StringRecord::from_byte_record(std::mem::take(&mut bytes)) {
                    Ok(r) => r,
                    Err(e) => {
                        let at = e.utf8_error().valid_up_to();
                        let field = e.utf8_error().field() + 1;
                        lossy = Some(format!("field {field}: {}", super::decode::lossy_note(at)));
                        csv::StringRecord::from_byte_record_lossy(e.into_byte_record())
                    }
                };
                record.deserialize::<Record>(Some(&typed_headers)).map(|mut r| {
                    cells_as_written(&mut r, &record, cols);
                    r
                })
            }
            Err(e) => Err(e),
        };
        if let Err(e) = &rec {
            line = e.position().map_or(line, |p| super::csv_lines::record_line(p, crlf));
        }
        match rec {
            Ok(_) if rdr.position().byte() - start > super::MAX_ARTICLE_BYTES => out.push(problem(
                path,
                Some(line),
                super::too_large(rdr.position().byte() - start),
            )),
            Ok(r) => {
                // The lossy-decoding warning only for an article that is kept, as for JSONL.
                out.extend(record_items_noted(r, path, line, lossy))
            }
            Err(e) => out.push(problem(path, Some(line), format!("bad CSV row: {}", csv_message(&e)))),
        }
        start = rdr.position().byte();
    }
    // Every record read gave an item (an article or its fault), so none means no rows.
    if out.is_empty() {
        out.push(problem(path, None, "empty: no rows after the header".into()));
    }
    if let Some((line, message)) = rdr.into_inner().fault() {
        out.push(warning(path, Some(line), message));
    }
    out
}

/// A CSV cell is text: the csv crate's deserializer guesses a type for each cell, which made
/// an id `007` the number 7 (and `true` a boolean), a year `2022` or a day `20220224` epoch
/// seconds in 1970, and an outlet `true` a boolean that skipped its row. The `id`, `outlet`
/// and `date` cells are taken as written instead (the outlet column is hidden from the
/// deserializer by [`csv_headers`]), with two exceptions that keep what the cells mean: an
/// integral id or outlet written as a float (`7.0`, as pandas writes an integer column with
/// gaps) is the integer, and a date of ten or more digits alone is epoch seconds
/// (milliseconds from 10¹¹ on, as in JSONL).
fn cells_as_written(r: &mut Record, record: &csv::StringRecord, cols: CellColumns) {
    use serde_json::Value;
    let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).map(str::trim).filter(|t| !t.is_empty());
    r.id = cell(cols.id).map(|t| Value::String(integral_as_integer(t).to_string()));
    r.outlet = cell(cols.outlet).map(|t| integral_as_integer(t).to_string());
    r.date = cell(cols.date).map(|t| match t.parse::<u64>() {
        Ok(n) if t.len() >= 10 => Value::from(n),
        _ => Value::String(t.to_string()),
    });
}

/// The columns [`cells_as_written`] reads itself.
#[derive(Clone, Copy)]
struct CellColumns {
    id: Option<usize>,
    outlet: Option<usize>,
    date: Option<usize>,
}

/// The header the deserializer sees: `outlet` renamed to a name no field has, so that the
/// cell is not typed by guess (the record's `outlet` deserializer takes JSON numbers, and
/// the csv crate offers `true` as a boolean, `007` as 7); [`cells_as_written`] sets it.
fn csv_headers(headers: &csv::StringRecord) -> csv::StringRecord {
    headers
        .iter()
        .map(|h| if h == "outlet" { "outlet (read as written)" } else { h })
        .collect()
}

/// `7.0` → `7` (an integer written as a float, as pandas writes an integer column with
/// gaps); any other text as it is (`007`, `1.50`, `7.5`).
fn integral_as_integer(t: &str) -> &str {
    match t.split_once('.') {
        Some((int, zeros))
            if !int.trim_start_matches('-').is_empty()
                && int.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit())
                && !zeros.is_empty()
                && zeros.bytes().all(|b| b == b'0') =>
        {
            int
        }
        _ => t,
    }
}

/// A csv error without the crate's "CSV … error: record N (line …, byte …):" prefix: the
/// problem already names the file and line.
fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("{len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(f) => format!("field {}: {}", f + 1, err.kind()),
            None => err.kind().to_string(),
        },
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// What a reader over these paths yields: ("article", id) or ("note"/"skipped", message).
    fn read(paths: &[PathBuf]) -> Vec<(String, String)> {
        let (sources, _) = super::super::expand_paths(paths).unwrap();
        ArticleReader::new(sources)
            .map(|i| match i {
                Item::Article(a) => ("article".to_string(), a.id),
                Item::Problem(p) => ((if p.skipped { "skipped" } else { "note" }).to_string(), p.message),
            })
            .collect()
    }

    /// Session 19: the same file name in two folders (an article set and its translation)
    /// is two articles; before, the second was skipped as a duplicate id.
    #[test]
    fn a_text_file_named_like_an_earlier_different_one_gets_its_folders_name() {
        let d = tempfile::tempdir().unwrap();
        for (dir, text) in [
            ("en", "Troops moved.\nThe town fell."),
            ("ru", "Войска ушли.\nГород пал."),
            ("copy", "Troops moved.\nThe town fell."),
        ] {
            std::fs::create_dir(d.path().join(dir)).unwrap();
            std::fs::write(d.path().join(dir).join("tass_01.txt"), text).unwrap();
        }
        let (en, ru, copy) = (d.path().join("en"), d.path().join("ru"), d.path().join("copy"));
        let got = read(&[en.clone(), ru.clone()]);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], ("article".to_string(), "tass_01".to_string()));
        assert_eq!(got[1].0, "note");
        assert!(
            got[1].1.starts_with("id `tass_01` is taken by ")
                && got[1].1.ends_with("this article's id is `ru/tass_01`"),
            "{}",
            got[1].1
        );
        assert_eq!(got[2], ("article".to_string(), "ru/tass_01".to_string()));
        // The same bytes in another folder: the same article, skipped as a duplicate.
        let got = read(&[en.clone(), copy]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].0, "skipped");
        assert!(
            got[1].1.starts_with("duplicate id `tass_01`: the same bytes as ") && got[1].1.ends_with("tass_01.txt"),
            "{}",
            got[1].1
        );
        // The same file given twice (a folder and a file in it): said so.
        let got = read(&[en.clone(), en.join("tass_01.txt")]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got[1].1.starts_with("duplicate id `tass_01`: the same file as "),
            "{}",
            got[1].1
        );
        // Three folders of the same name: the third takes one more folder's name.
        for (dir, text) in [("p/ru", "One."), ("q/ru", "Two."), ("r/ru", "Three.")] {
            std::fs::create_dir_all(d.path().join(dir)).unwrap();
            std::fs::write(d.path().join(dir).join("art.txt"), text).unwrap();
        }
        let got = read(&[d.path().join("p/ru"), d.path().join("q/ru"), d.path().join("r/ru")]);
        let ids: Vec<&str> = got.iter().filter(|g| g.0 == "article").map(|g| g.1.as_str()).collect();
        assert_eq!(ids, ["art", "ru/art", "r/ru/art"], "{got:?}");
        // Every qualified id taken (here by JSONL records): skipped, saying so.
        let tried = other_file_ids(&d.path().join("q/ru/art.txt"), "art").unwrap();
        assert_eq!(tried[..2], ["ru/art", "q/ru/art"]);
        let lines: String = tried
            .iter()
            .map(|id| format!("{{\"id\":\"{id}\",\"text\":\"{id}.\"}}\n"))
            .collect();
        std::fs::write(d.path().join("ids.jsonl"), lines).unwrap();
        let got = read(&[d.path().join("ids.jsonl"), d.path().join("p/ru"), d.path().join("q/ru")]);
        let last = got.last().unwrap();
        assert_eq!(last.0, "skipped", "{got:?}");
        assert!(last.1.contains("tried `ru/art`, `q/ru/art`"), "{}", last.1);
        // A JSONL record with an id a text file took is a duplicate: its id was chosen.
        std::fs::write(d.path().join("a.jsonl"), "{\"id\":\"tass_01\",\"text\":\"Other.\"}\n").unwrap();
        let got = read(&[en, d.path().join("a.jsonl")]);
        assert_eq!(got[1].0, "skipped", "{got:?}");
    }

    fn jsonl(s: &str) -> Vec<Item> {
        JsonlIter::new("c.jsonl".into(), Box::new(Cursor::new(s.as_bytes().to_vec()))).collect()
    }

    #[test]
    fn jsonl_lines_become_articles_and_bad_lines_problems() {
        let items = jsonl("{\"id\":\"a\",\"title\":\"T\",\"text\":\"Hello.\",\"label\":\"western\"}\n\nnot json\n{\"id\":\"b\"}\n{\"text\":\"x y.\"}\n");
        assert_eq!(items.len(), 4);
        match &items[0] {
            Item::Article(a) => {
                assert_eq!(
                    (a.id.as_str(), a.title.as_deref(), a.label),
                    ("a", Some("T"), Some(Side::Western))
                );
                assert_eq!(a.origin, "c.jsonl:1");
            }
            _ => panic!("expected article"),
        }
        assert!(matches!(&items[1], Item::Problem(p) if p.line == Some(3) && p.message.starts_with("not a JSON")));
        assert!(matches!(&items[2], Item::Problem(p) if p.line == Some(4) && p.message.contains("`text`")));
        assert!(matches!(&items[2], Item::Problem(p) if p.id.as_deref() == Some("b")));
        // No id: one derived from the content, not from the position (issue 20).
        let id = super::super::record::content_id(None, "x y.");
        assert!(matches!(&items[3], Item::Article(a) if a.id == id));
    }

    /// A line that is not UTF-8 is decoded lossily (U+FFFD for the bad byte) with a warning
    /// naming its line (the article is kept), a valid line after it as it is, with a BOM
    /// before the first dropped.
    #[test]
    fn jsonl_lines_that_are_not_utf8_are_read_lossily_with_a_warning() {
        let data =
            b"\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"Caf\xE9 talks.\"}\n{\"id\":\"b\",\"text\":\"Caf\xC3\xA9 talks.\"}\n";
        let items: Vec<Item> = JsonlIter::new("c.jsonl".into(), Box::new(Cursor::new(data.to_vec()))).collect();
        assert_eq!(items.len(), 3);
        // The BOM (3 bytes) and `{"id":"a","text":"Caf` (21) come before the bad byte.
        assert!(
            matches!(&items[0], Item::Problem(p) if p.line == Some(1) && !p.skipped
                && p.message == "invalid UTF-8 at byte 24: decoded lossily (bad bytes became U+FFFD)"),
            "{:?}",
            items[0]
        );
        let texts: Vec<(&str, &str)> = items[1..]
            .iter()
            .map(|i| match i {
                Item::Article(a) => (a.id.as_str(), a.body.as_str()),
                Item::Problem(p) => panic!("{}", p.message),
            })
            .collect();
        assert_eq!(texts, [("a", "Caf\u{FFFD} talks."), ("b", "Caf\u{E9} talks.")]);
    }

    #[test]
    fn an_empty_jsonl_file_is_reported_once() {
        for data in ["", "\n  \n"] {
            let items = jsonl(data);
            assert_eq!(items.len(), 1, "{data:?}");
            assert!(
                matches!(&items[0], Item::Problem(p) if p.skipped && p.line.is_none() && p.message.starts_with("empty"))
            );
        }
    }

    /// Review finding (session 30): a record whose `text` or `title` had the wrong type was
    /// skipped without its id (`"id": null` in `--stdout` lines).
    #[test]
    fn a_record_of_the_wrong_field_type_keeps_its_id() {
        let items =
            jsonl("{\"id\":\"k1\",\"text\":[\"x\"]}\n{\"id\":7.0,\"title\":[1],\"text\":\"T.\"}\n{\"text\":5}\n");
        let ids: Vec<Option<String>> = items
            .iter()
            .map(|i| match i {
                Item::Problem(p) => p.id.clone(),
                _ => panic!("not skipped"),
            })
            .collect();
        assert_eq!(ids, [Some("k1".to_string()), Some("7".to_string()), None]);
    }

    /// Review finding (session 30): an empty CSV was "missing column `text`", a UTF-16 one
    /// garbage; each is said as what it is.
    #[test]
    fn an_empty_or_utf16_csv_file_is_said_so() {
        let dir = tempfile::tempdir().unwrap();
        for (bytes, want) in [(&b""[..], "empty file"), (&b"\xFF\xFEi\x00d\x00"[..], "UTF-16 text")] {
            let p = dir.path().join("a.csv");
            std::fs::write(&p, bytes).unwrap();
            let items = read_csv(&p);
            assert_eq!(items.len(), 1);
            assert!(
                matches!(&items[0], Item::Problem(p) if p.skipped && p.line.is_none() && p.message.starts_with(want)),
                "{want}"
            );
        }
    }

    #[test]
    fn an_empty_stream_is_not_a_record() {
        let empty: Vec<Item> = read_jsonl("<stdin>".into(), Cursor::new(Vec::new())).collect();
        assert!(empty.is_empty());
    }

    #[test]
    fn a_file_of_faulty_records_is_not_also_empty() {
        // Every row faulty: each reported, no "empty" besides.
        let items = csv_items(b"id,text\na\nb\n");
        assert_eq!(items.len(), 2);
        assert!(items
            .iter()
            .all(|i| matches!(i, Item::Problem(p) if p.message.starts_with("bad CSV row"))));
        let items = jsonl("{not json\n");
        assert_eq!(items.len(), 1);
    }

    #[test]
    fn a_bad_jsonl_line_names_its_column_not_line_1() {
        let items = jsonl("{\"id\":\"a\",\"text\":\"x.\"}\n{\"id\": \"b\", \"text\": }\n");
        let Item::Problem(p) = &items[1] else { panic!() };
        assert_eq!(p.line, Some(2));
        assert!(p.message.ends_with("(column 21)"), "{}", p.message);
        assert!(!p.message.contains("line 1"), "{}", p.message);
    }

    #[test]
    fn a_csv_outlet_is_read_as_written_whatever_it_looks_like() {
        // The outlet went through the deserializer's type guess: `true` skipped its row,
        // `007` became 7, `1.50` became 1.5 and `NaN` was no outlet.
        let csv = b"id,outlet,text\na,true,One sentence here.\nb,007,Two sentences here.\nc,1.50,Three.\nd,NaN,Four.\ne,12.0,Five.\nf,,Six.\ng, Reuters ,Seven.\n";
        let outlets: Vec<(String, Option<String>)> = csv_items(csv)
            .into_iter()
            .map(|i| match i {
                Item::Article(a) => (a.id, a.outlet),
                Item::Problem(p) => panic!("{}", p.message),
            })
            .collect();
        let want = [
            ("a", Some("true")),
            ("b", Some("007")),
            ("c", Some("1.50")),
            ("d", Some("NaN")),
            // An integer column with gaps, as pandas writes it: the integer, as for ids.
            ("e", Some("12")),
            ("f", None),
            ("g", Some("Reuters")),
        ];
        let want: Vec<(String, Option<String>)> =
            want.iter().map(|(i, o)| (i.to_string(), o.map(String::from))).collect();
        assert_eq!(outlets, want);
    }

    fn csv_items(bytes: &[u8]) -> Vec<Item> {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("c.csv");
        std::fs::write(&p, bytes).unwrap();
        read_csv(&p)
    }

    /// (line, message) of each problem, and the ids of the articles, in order.
    fn outcome(items: Vec<Item>) -> (Vec<(Option<usize>, String)>, Vec<String>) {
        let (mut problems, mut ids) = (Vec::new(), Vec::new());
        for i in items {
            match i {
                Item::Problem(p) => problems.push((p.line, p.message)),
                Item::Article(a) => ids.push(a.id),
            }
        }
        (problems, ids)
    }

    #[test]
    fn a_table_whose_id_or_title_is_named_in_capitals_is_reported_and_skipped_not_read_without_ids() {
        // Before, `ID` and `Title` were not read: the articles got content ids and no titles.
        let (problems, ids) = outcome(csv_items(b"ID,Title,text\na1,T,Some text here.\n"));
        assert_eq!(ids, Vec::<String>::new());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, Some(1));
        assert!(
            problems[0].1.starts_with("column `ID` is not read")
                && problems[0].1.ends_with("rename it to `id` (the file is skipped)"),
            "{}",
            problems[0].1
        );
        let jsonl = "\n{\"ID\": \"a1\", \"text\": \"One.\"}\n{\"ID\": \"a2\", \"text\": \"Two.\"}\n";
        let (problems, ids) = outcome(read_jsonl("x.jsonl".into(), Cursor::new(jsonl.as_bytes().to_vec())).collect());
        assert_eq!(ids, Vec::<String>::new());
        assert_eq!(problems.len(), 1, "one problem for the file: {problems:?}");
        assert_eq!(problems[0].0, Some(2), "the first object's line");
        assert!(problems[0].1.starts_with("key `ID` is not read"), "{}", problems[0].1);
        // A malformed first object does not end the check: the next object is checked.
        let jsonl = "{\"id\": \"j1\", \"text\": \"bad\",}\n{\"ID\": \"j2\", \"text\": \"Two.\"}\n";
        let (problems, ids) = outcome(read_jsonl("x.jsonl".into(), Cursor::new(jsonl.as_bytes().to_vec())).collect());
        assert_eq!(ids, Vec::<String>::new());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].1.starts_with("not valid JSON: trailing comma")
                && problems[1].1.starts_with("key `ID` is not read"),
            "{problems:?}"
        );
        // Lowercase fields, and other keys beside them, are read as before.
        let jsonl = "{\"id\": \"a1\", \"text\": \"One.\", \"url\": \"u\"}\n";
        let (problems, ids) = outcome(read_jsonl("x.jsonl".into(), Cursor::new(jsonl.as_bytes().to_vec())).collect());
        assert_eq!((problems, ids), (vec![], vec!["a1".to_string()]));
    }

    #[test]
    fn csv_rows_that_are_not_utf8_are_read_lossily_with_a_warning() {
        let items = csv_items(b"id,text\na,Caf\xE9 talks.\nb,Fine.\n");
        assert_eq!(items.len(), 3);
        assert!(
            matches!(&items[0], Item::Problem(p) if p.line == Some(2) && !p.skipped
                && p.message == "field 2: invalid UTF-8 at byte 3: decoded lossily (bad bytes became U+FFFD)"),
            "{:?}",
            items[0]
        );
        assert!(matches!(&items[1], Item::Article(a) if a.body == "Caf\u{FFFD} talks."));
        assert!(matches!(&items[2], Item::Article(a) if a.id == "b"));
    }

    #[test]
    fn csv_problems_read_as_one_plain_line() {
        let items = csv_items(b"id,text\na,One.\nb\n");
        let Item::Problem(p) = &items[1] else {
            panic!("{:?}", items[1])
        };
        assert_eq!(
            (p.line, p.message.as_str()),
            (Some(3), "bad CSV row: 1 fields where the header has 2")
        );
        let items = csv_items(b"id,title\na,One.\n");
        let Item::Problem(p) = &items[0] else { panic!() };
        assert!(p.message.contains("must name a `text` column"), "{}", p.message);
        let items = csv_items(b"id,text\n");
        assert!(matches!(&items[..], [Item::Problem(p)] if p.skipped && p.message.starts_with("empty")));
    }

    #[test]
    fn a_pretty_printed_json_document_is_one_problem_and_a_cut_record_one_bad_line() {
        let items = jsonl("{\n  \"framescope\": \"0.1\",\n  \"weights\": [1, 2]\n}\n");
        assert_eq!(items.len(), 1, "{items:?}");
        assert!(
            matches!(&items[0], Item::Problem(p) if p.line == Some(1) && p.message.starts_with("one JSON document over several lines")),
            "{items:?}"
        );
        // A raw newline inside the first record's text: that line is bad, the rest is read.
        let items = jsonl("{\"id\": \"a\", \"text\": \"cut\nhere.\"}\n{\"id\": \"b\", \"text\": \"Fine.\"}\n");
        assert!(
            matches!(&items[0], Item::Problem(p) if p.line == Some(1) && p.message.starts_with("not valid JSON")),
            "{items:?}"
        );
        assert!(
            items.iter().any(|i| matches!(i, Item::Article(a) if a.id == "b")),
            "{items:?}"
        );
    }

    #[test]
    fn a_json_array_is_not_read_positionally_as_a_record() {
        let items = jsonl("[\"a\", \"T\", \"Some text.\"]\n");
        assert!(
            matches!(&items[0], Item::Problem(p) if p.line == Some(1) && p.message.starts_with("not a JSON object"))
        );
        // A file that is one array of objects (pandas' `to_json(orient="records")`, on one
        // line or pretty-printed): one problem for the file.
        for file in [
            "[{\"id\": \"a\", \"text\": \"x.\"}]\n",
            "[\n {\"id\": \"a\", \"text\": \"x.\"}\n]\n",
        ] {
            let items = jsonl(file);
            assert_eq!(items.len(), 1, "{items:?}");
            assert!(
                matches!(&items[0], Item::Problem(p) if p.line == Some(1) && p.message.starts_with("a JSON array, not JSON Lines")),
                "{items:?}"
            );
        }
    }

    #[test]
    fn csv_problems_name_the_line_a_record_starts_on() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.csv");
        std::fs::write(&p, "id,title,text\na,T,\"Line one.\nLine two.\"\nb,T,\nc,only\n").unwrap();
        let items = read_csv(&p);
        assert!(matches!(&items[0], Item::Article(a) if a.origin.ends_with("c.csv:2")));
        assert!(
            matches!(&items[1], Item::Problem(p) if p.line == Some(4) && p.message.contains("`text`")),
            "{:?}",
            items[1]
        );
        assert!(
            matches!(&items[2], Item::Problem(p) if p.line == Some(5)),
            "{:?}",
            items[2]
        );
    }
}
