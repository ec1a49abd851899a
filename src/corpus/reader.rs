//! Streaming article reader over a list of [`Source`]s.

use super::{decode, split_headline, Article, InputProblem, Item, Side, Source};
use rustc_hash::FxHashMap;
use serde::Deserialize;
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
}

impl ArticleReader {
    pub fn new(sources: Vec<Source>) -> Self {
        ArticleReader {
            sources: sources.into(),
            current: None,
            seen: FxHashMap::default(),
            origin_paths: Vec::new(),
            origin_index: FxHashMap::default(),
        }
    }

    fn open(source: Source) -> Box<dyn Iterator<Item = Item> + Send> {
        match source {
            Source::Text { path, manifest } => Box::new(read_text_file(&path, manifest.as_deref()).into_iter()),
            Source::Jsonl { path } => match File::open(&path) {
                Ok(f) => Box::new(JsonlIter::new(path, Box::new(BufReader::new(f)))),
                Err(e) => Box::new(std::iter::once(problem(&path, None, e.to_string()))),
            },
            Source::Stdin => Box::new(JsonlIter::new(
                PathBuf::from("<stdin>"),
                Box::new(BufReader::new(std::io::stdin())),
            )),
            Source::Csv { path } => Box::new(read_csv(&path).into_iter()),
            Source::Memory { articles, .. } => {
                Box::new((0..articles.len()).map(move |i| Item::Article(articles[i].clone())))
            }
        }
    }

    /// Skip an article whose id was already seen, naming where it was first seen.
    fn dedupe(&mut self, item: Item) -> Item {
        match item {
            Item::Article(a) => {
                let key = xxhash_rust::xxh3::xxh3_64(a.id.as_bytes());
                let (path, line) = split_origin(&a.origin);
                if let Some(&(p, l)) = self.seen.get(&key) {
                    let first = match l {
                        0 => self.origin_paths[p as usize].clone(),
                        l => format!("{}:{l}", self.origin_paths[p as usize]),
                    };
                    return Item::Problem(InputProblem {
                        path,
                        line,
                        message: format!("duplicate id `{}` (first seen in {first})", a.id),
                        skipped: true,
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
                Item::Article(a)
            }
            p => p,
        }
    }
}

impl Iterator for ArticleReader {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
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

fn problem(path: &Path, line: Option<usize>, message: String) -> Item {
    Item::Problem(InputProblem {
        path: path.to_path_buf(),
        line,
        message,
        skipped: true,
    })
}

fn warning(path: &Path, line: Option<usize>, message: String) -> Item {
    Item::Problem(InputProblem {
        path: path.to_path_buf(),
        line,
        message,
        skipped: false,
    })
}

/// A `.txt` article: headline on line 1 (when it is one), body after.
fn read_text_file(path: &Path, manifest: Option<&super::Manifest>) -> Vec<Item> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return vec![problem(path, None, format!("cannot read: {e}"))],
    };
    let decoded = match decode(&bytes) {
        Ok(d) => d,
        Err(e) => return vec![problem(path, None, e.to_string())],
    };
    let mut out: Vec<Item> = decoded.warnings.into_iter().map(|w| warning(path, None, w)).collect();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let row = manifest.and_then(|m| m.get(&name, &stem));
    let (title, body) = split_headline(&decoded.text);
    out.push(Item::Article(Article {
        label: row.and_then(|r| r.label).or_else(|| Side::from_file_name(&stem)),
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

/// The record shape shared by JSONL objects and CSV rows.
#[derive(Debug, Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    title: Option<String>,
    text: Option<String>,
    outlet: Option<String>,
    date: Option<String>,
    label: Option<String>,
    side: Option<String>,
    lang: Option<String>,
}

impl Record {
    /// Turn a record into an article, or say what is wrong with it.
    fn into_article(self, origin: String, fallback_id: String) -> Result<Article, String> {
        let text = self.text.ok_or("missing field `text`")?;
        let text = super::unify_newlines(&text);
        if text.trim().is_empty() {
            return Err("field `text` is empty".into());
        }
        let id = match self.id {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => fallback_id,
        };
        let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let label = nonempty(self.label).or(nonempty(self.side));
        Ok(Article {
            label: label.as_deref().and_then(Side::parse),
            title: nonempty(self.title),
            outlet: nonempty(self.outlet),
            date: nonempty(self.date),
            lang: nonempty(self.lang),
            id,
            body: text,
            origin,
        })
    }
}

/// JSONL, one object per line, read incrementally. Invalid UTF-8 in a line is decoded
/// lossily; a line that is not JSON, or lacks `text`, is reported and skipped.
struct JsonlIter {
    path: PathBuf,
    reader: Box<dyn BufRead + Send>,
    line_no: usize,
    buf: Vec<u8>,
    stem: String,
}

impl JsonlIter {
    fn new(path: PathBuf, reader: Box<dyn BufRead + Send>) -> Self {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        JsonlIter {
            path,
            reader,
            line_no: 0,
            buf: Vec::new(),
            stem,
        }
    }
}

impl Iterator for JsonlIter {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        loop {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => return Some(problem(&self.path, Some(self.line_no + 1), e.to_string())),
            }
            self.line_no += 1;
            let line = String::from_utf8_lossy(&self.buf);
            let line = line.trim_start_matches('\u{feff}').trim();
            if line.is_empty() {
                continue;
            }
            let ln = Some(self.line_no);
            // Checked first: serde would read a JSON array positionally as (id, title, text).
            if !line.starts_with('{') {
                return Some(problem(
                    &self.path,
                    ln,
                    "not a JSON object (each line must be one {\"id\": …, \"text\": …} object)".into(),
                ));
            }
            let rec: Record = match serde_json::from_str(line) {
                Ok(r) => r,
                Err(e) => return Some(problem(&self.path, ln, format!("not a JSON object: {e}"))),
            };
            let origin = format!("{}:{}", self.path.display(), self.line_no);
            let fallback = format!("{}-{}", self.stem, self.line_no);
            return Some(match rec.into_article(origin, fallback) {
                Ok(a) => Item::Article(a),
                Err(m) => problem(&self.path, ln, m),
            });
        }
    }
}

/// Read JSONL from any reader (`name` labels the problems), as a `.jsonl` file is read.
pub fn read_jsonl(name: PathBuf, reader: impl BufRead + Send + 'static) -> impl Iterator<Item = Item> + Send {
    JsonlIter::new(name, Box::new(reader))
}

/// CSV with a header row naming at least `text` (and usually `id`, `title`).
fn read_csv(path: &Path) -> Vec<Item> {
    let mut bytes = Vec::new();
    if let Err(e) = File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)) {
        return vec![problem(path, None, format!("cannot read: {e}"))];
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => return vec![problem(path, Some(1), format!("bad CSV header: {e}"))],
    };
    if !headers.iter().any(|h| h.trim() == "text") {
        return vec![problem(
            path,
            Some(1),
            "missing column `text` (need at least id,title,text)".into(),
        )];
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut line = 1;
    for rec in rdr.records() {
        // The line a record starts on (a quoted field may span several lines).
        let rec = rec.and_then(|r| {
            line = r.position().map_or(line + 1, |p| p.line() as usize);
            r.deserialize::<Record>(Some(&headers))
        });
        if let Err(e) = &rec {
            line = e.position().map_or(line, |p| p.line() as usize);
        }
        match rec {
            Ok(r) => {
                let origin = format!("{}:{line}", path.display());
                match r.into_article(origin, format!("{stem}-{line}")) {
                    Ok(a) => out.push(Item::Article(a)),
                    Err(m) => out.push(problem(path, Some(line), m)),
                }
            }
            Err(e) => out.push(problem(path, Some(line), format!("bad CSV row: {e}"))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

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
        assert!(matches!(&items[3], Item::Article(a) if a.id == "c-5"));
    }

    #[test]
    fn a_json_array_is_not_read_positionally_as_a_record() {
        let items = jsonl("[\"a\", \"T\", \"Some text.\"]\n");
        assert!(
            matches!(&items[0], Item::Problem(p) if p.line == Some(1) && p.message.starts_with("not a JSON object"))
        );
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
