//! Streaming article reader over a list of [`Source`]s.

use super::record::{Record, RecordFault};
use super::{InputProblem, Item, Source};
use rustc_hash::FxHashMap;
use std::collections::VecDeque;
use std::fs::File;
use std::io::BufReader;
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
                Ok(f) => Box::new(JsonlIter::new(
                    path,
                    Box::new(BufReader::new(jsonl::LoneCrAsLf::new(f))),
                )),
                Err(e) => Box::new(std::iter::once(problem(&path, None, e.to_string()))),
            },
            Source::Stdin => Box::new(
                JsonlIter::new(
                    PathBuf::from(super::STDIN_NAME),
                    Box::new(BufReader::new(jsonl::LoneCrAsLf::new(super::HashedStdin::new()))),
                )
                .streamed(),
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
        Err(fault) => vec![fault_item(path, line, fault)],
    }
}

/// A record's fault as the problem that skips it, keeping the record's id.
pub(super) fn fault_item(path: &Path, line: usize, RecordFault { id, message }: RecordFault) -> Item {
    Item::Problem(InputProblem {
        path: path.to_path_buf(),
        line: Some(line),
        message,
        skipped: true,
        id,
    })
}

pub(super) fn warning(path: &Path, line: Option<usize>, message: String) -> Item {
    Item::Problem(InputProblem {
        path: path.to_path_buf(),
        line,
        message,
        skipped: false,
        id: None,
    })
}

mod csv_file;
mod jsonl;
mod text_file;

use csv_file::read_csv;
pub use jsonl::read_jsonl;
use jsonl::JsonlIter;
use text_file::read_text_file;
pub(super) use text_file::text_items;
#[cfg(test)]
mod tests;
