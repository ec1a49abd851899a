//! Articles and where they come from: `.txt` folders (with an optional `manifest.csv`),
//! JSONL and CSV tables. This is the only module that reads article files.
//!
//! Reading is streaming: [`ArticleReader`] yields one article at a time, so a million-line
//! JSONL file never sits in memory. A fault in one file (or one JSONL line) is yielded as an
//! [`InputProblem`] and the reader moves on; only a path that does not exist stops the run.

mod builtin;
mod csv_lines;
pub mod dates;
mod decode;
mod manifest;
#[cfg(feature = "parquet")]
mod parquet;
mod reader;
mod record;
mod stdin;

pub use builtin::{builtin_seed_articles, builtin_seeds, BUILTIN_SEEDS, BUILTIN_SEEDS_NAME};
pub use decode::{decode, unify_newlines, Decoded, NotText};
pub use manifest::Manifest;
pub use reader::{read_jsonl, ArticleReader};
pub use record::{content_id, label_text, number_id, records_to_articles, Record, RecordFault};
pub use stdin::{stdin_record, HashedStdin, STDIN_NAME};

use crate::error::Result;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The two framings framescope tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Kremlin,
    Western,
}

impl Side {
    /// Parse a label as researchers write it (`kremlin`, `Kremlin-sourced`, `western` …).
    pub fn parse(s: &str) -> Option<Side> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("kremlin") || s == "russian" || s == "russia" {
            Some(Side::Kremlin)
        } else if s.starts_with("western") || s == "west" {
            Some(Side::Western)
        } else {
            None
        }
    }

    /// The side a file name announces (`kremlin_tass_01.txt`), if any.
    pub fn from_file_name(stem: &str) -> Option<Side> {
        let lower = stem.to_ascii_lowercase();
        if lower.starts_with("kremlin_") {
            Some(Side::Kremlin)
        } else if lower.starts_with("western_") {
            Some(Side::Western)
        } else {
            None
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Side::Kremlin => "kremlin",
            Side::Western => "western",
        }
    }

    pub fn other(self) -> Side {
        match self {
            Side::Kremlin => Side::Western,
            Side::Western => Side::Kremlin,
        }
    }
}

/// One news article as loaded, before cleaning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Unique within a run: the file stem for `.txt`, the `id` field for JSONL/CSV.
    pub id: String,
    /// The headline, when the source has one (never invented).
    pub title: Option<String>,
    /// Body text, paragraphs separated by line breaks.
    pub body: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    /// Known side, for evaluation only (never used in training).
    pub label: Option<Side>,
    /// Language as given by the input (`lang` field or manifest column); detected when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Where it came from: `path` or `path:line`.
    pub origin: String,
}

/// A per-file (or per-line) fault: reported, skipped, and the run goes on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputProblem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
    /// Warnings keep the article; errors skip it.
    pub skipped: bool,
    /// The skipped record's id, when it named one (for in-band skip reports).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl std::fmt::Display for InputProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        let what = if self.skipped { "skipped" } else { "warning" };
        write!(f, ": {what}: {}", self.message)
    }
}

/// What a reader yields: an article, or a problem with a file.
#[derive(Debug, Clone)]
pub enum Item {
    Article(Article),
    Problem(InputProblem),
}

/// One input file and how to parse it.
#[derive(Debug, Clone)]
pub enum Source {
    Text {
        path: PathBuf,
        manifest: Option<Arc<Manifest>>,
    },
    Jsonl {
        path: PathBuf,
    },
    Csv {
        path: PathBuf,
    },
    /// A Parquet file (read when built with the default `parquet` feature).
    Parquet {
        path: PathBuf,
    },
    /// Standard input, read as JSONL (for `score -` in batch systems).
    Stdin,
    /// Articles already in memory (a library caller's, e.g. the Python package's), read in
    /// order like a file's; `name` stands for a path in problems and `run.json`.
    Memory {
        name: PathBuf,
        articles: Arc<Vec<Article>>,
    },
}

impl Source {
    pub fn path(&self) -> &Path {
        match self {
            Source::Text { path, .. } | Source::Jsonl { path } | Source::Csv { path } | Source::Parquet { path } => {
                path
            }
            Source::Stdin => Path::new("-"),
            Source::Memory { name, .. } => name,
        }
    }
}

/// The largest article framescope reads: a `.txt` file, a JSONL line or a CSV record over
/// this is skipped as "too large". A news article is rarely over 100 KB; the cap keeps one
/// runaway record (a whole dump on one line) from taking the machine's memory, since the
/// analysis of one record needs several times its size.
pub const MAX_ARTICLE_BYTES: u64 = 32 << 20;

/// Why an article of `bytes` bytes over [`MAX_ARTICLE_BYTES`] is skipped, as every reader
/// (and the Python package, for rows held in memory) words it.
/// An outlet name as the tables group it: trimmed, in Unicode's composed form (NFC). One
/// name written composed ("Süddeutsche", `ü`) and decomposed (`u` + U+0308, as some CMSs
/// and scrapers emit it) prints the same and was two outlets, with two rows and two bars
/// (review G, session 50). Case is kept: "RT" and "rt" are what the data says.
pub fn outlet_name(name: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let name = name.trim();
    (!name.is_empty()).then(|| name.nfc().collect())
}

pub fn too_large(bytes: u64) -> String {
    format!(
        "too large ({:.1} MB; the limit is {} MB per article)",
        // One decimal, rounded down, so a size past the limit never reads as the limit
        // ("32 MB; the limit is 32 MB" for 32.9 MB; review, session 31).
        (bytes as f64 / 1_048_576.0 * 10.0).floor() / 10.0,
        MAX_ARTICLE_BYTES >> 20
    )
}

fn skipped(path: &Path, message: String) -> InputProblem {
    InputProblem {
        path: path.to_path_buf(),
        line: None,
        message,
        skipped: true,
        id: None,
    }
}

/// What a path is, with links followed; `Err` says why it cannot be read.
enum Kind {
    File,
    Dir,
}

fn kind(p: &Path) -> std::result::Result<Kind, String> {
    let link = std::fs::symlink_metadata(p).map_err(|e| format!("cannot read: {e}"))?;
    let meta = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) if link.file_type().is_symlink() => {
            let to = std::fs::read_link(p)
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            return Err(if e.raw_os_error() == Some(libc::ELOOP) {
                "symbolic link loop (the link leads back to itself), not read".into()
            } else if e.kind() == std::io::ErrorKind::NotFound {
                format!("dangling symbolic link (its target {to} does not exist)")
            } else {
                format!("cannot follow symbolic link to {to}: {e}")
            });
        }
        Err(e) => return Err(format!("cannot read: {e}")),
    };
    let ft = meta.file_type();
    if ft.is_dir() {
        Ok(Kind::Dir)
    } else if ft.is_file() {
        // A link may lead into an output folder from anywhere; a plain file's folder is
        // checked where it is named (a listed folder was checked once, as a whole).
        if link.file_type().is_symlink() {
            output_folder_file(&p.canonicalize().unwrap_or_else(|_| p.to_path_buf()))?;
        }
        Ok(Kind::File)
    } else {
        Err(format!(
            "{}, not a regular file: not read (to stream JSONL, pipe it into `-`)",
            crate::report::guard::kind_of(&ft)
        ))
    }
}

/// A file of a framescope output folder is refused: its tables are not articles (review J,
/// session 51: a link in an input folder to the `--out` folder's sentences.csv was read as 71
/// articles, and run.json recorded bytes the link no longer led to once the folder was
/// replaced; `run out/scores.csv` read its rows as articles too).
fn output_folder_file(real: &Path) -> std::result::Result<(), String> {
    let folder = crate::report::guard::folder_of(real);
    match is_output_folder(folder) {
        true => Err(format!(
            "is a file of the framescope output folder {} (it holds run.json): its tables are not articles; name the articles themselves",
            folder.display()
        )),
        false => Ok(()),
    }
}

/// Expand command-line paths into input files: folders are listed (sorted, one level deep:
/// `.txt`/`.jsonl`/`.csv`), a `manifest.csv` in a folder annotates its `.txt` files. A path
/// that does not exist stops the run; one that cannot be read (permissions, a pipe or
/// device, a dangling link or link loop) is reported and skipped, and so is anything in a
/// folder that is not an article file. Pipes and devices are never opened. The name
/// [`BUILTIN_SEEDS_NAME`] (`<built-in>/seeds`) is the seed articles built into the binary.
pub fn expand_paths(paths: &[PathBuf]) -> Result<(Vec<Source>, Vec<InputProblem>)> {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    // A `.txt` file named on its own (a shell glob: `labeled/kremlin_*.txt`) is annotated by
    // the manifest.csv of its folder, as when the folder is named; each manifest is read once.
    let mut manifests: std::collections::HashMap<PathBuf, Option<Arc<Manifest>>> = Default::default();
    for p in paths {
        if p.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        if p.as_os_str() == BUILTIN_SEEDS_NAME {
            sources.push(builtin_seeds());
            continue;
        }
        // A path that is not there is one bad input among the others: reported and skipped
        // (a job left with no articles says so then).
        if std::fs::symlink_metadata(p).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
            problems.push(skipped(p, "no such file or directory".into()));
            continue;
        }
        match kind(p).and_then(|k| match k {
            Kind::File => output_folder_file(p).map(|_| k),
            Kind::Dir => Ok(k),
        }) {
            Ok(Kind::Dir) => expand_dir(p, &mut sources, &mut problems),
            Ok(Kind::File) if extension(p) == "txt" => {
                let dir = p
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                let m = manifests
                    .entry(dir.to_path_buf())
                    .or_insert_with(|| load_manifest(&dir.join("manifest.csv"), &mut problems));
                sources.push(source_for_file(p, m.clone()));
            }
            Ok(Kind::File) => match named_file_reading(&extension(p)) {
                Ok(None) => sources.push(source_for_file(p, None)),
                Ok(Some(note)) => {
                    problems.push(InputProblem {
                        skipped: false,
                        ..skipped(p, note)
                    });
                    sources.push(source_for_file(p, None));
                }
                Err(why) => problems.push(skipped(p, why)),
            },
            Err(why) => problems.push(skipped(p, why)),
        }
    }
    Ok((sources, problems))
}

/// How a file named on the command line with an extension a folder's listing does not read
/// is taken: as one plain-text article, quietly when it has no extension or a text one
/// (`.text`, `.md`, `.html`), with a warning for any other; a table or document format no
/// reader here parses is skipped, naming what to give instead. A `.tsv` file was read as one
/// article, its header as the headline, without a word (review, session 49).
fn named_file_reading(ext: &str) -> std::result::Result<Option<String>, String> {
    const TEXT: &[&str] = &["", "text", "md", "htm", "html", "xhtml"];
    const NOT_TEXT: &[&str] = &[
        "tsv", "tab", "xls", "xlsx", "xlsm", "ods", "doc", "docx", "odt", "rtf", "pdf", "epub", "zip", "gz", "bz2",
        "xz", "zst", "7z", "tar", "png", "jpg", "jpeg", "gif", "webp", "sqlite", "db", "pkl", "pickle", "feather",
        "arrow", "avro", "orc",
    ];
    let expected = "articles are .txt, .jsonl (or .json), .csv or .parquet";
    if is_article_extension(ext) || TEXT.contains(&ext) {
        Ok(None)
    } else if NOT_TEXT.contains(&ext) {
        Err(format!(
            "not an article file (extension .{ext}, which framescope does not parse; {expected}: save a table as CSV with commas, or as JSONL)"
        ))
    } else {
        Ok(Some(format!(
            "read as one plain-text article (extension .{ext}; {expected})"
        )))
    }
}

/// `_SUCCESS`, `_committed_…`, `_started_…`, `_temporary`: what Hadoop and Spark leave
/// beside the parts of an output folder. Any other `_name` is an ordinary file.
fn is_engine_marker(name: &str) -> bool {
    name == "_SUCCESS" || name == "_temporary" || name.starts_with("_committed_") || name.starts_with("_started_")
}

/// The `manifest.csv` at `path`, when there is one (a manifest that does not load is
/// reported and ignored).
fn load_manifest(path: &Path, problems: &mut Vec<InputProblem>) -> Option<Arc<Manifest>> {
    if !path.is_file() {
        return None;
    }
    match Manifest::load(path, problems) {
        Ok(m) => Some(Arc::new(m)),
        Err(e) => {
            problems.push(InputProblem {
                path: path.to_path_buf(),
                line: None,
                message: format!("manifest ignored: {e}"),
                skipped: false,
                id: None,
            });
            None
        }
    }
}

fn expand_dir(dir: &Path, out: &mut Vec<Source>, problems: &mut Vec<InputProblem>) {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => return problems.push(skipped(dir, format!("cannot read folder: {e}"))),
    };
    let mut entries: Vec<PathBuf> = Vec::new();
    for e in rd {
        match e {
            Ok(e) => entries.push(e.path()),
            Err(e) => problems.push(skipped(dir, format!("cannot list folder: {e}"))),
        }
    }
    entries.sort();
    // An output folder named as an input (`./seeds` being an earlier run's `--out seeds`)
    // had its tables read as 67 "articles" with dozens of skips (review, session 30).
    if is_output_folder(dir) {
        return problems.push(skipped(
            dir,
            "is a framescope output folder (it holds run.json), not a folder of articles: name the articles' folder"
                .into(),
        ));
    }
    let found_before = out.len();
    let manifest_path = dir.join("manifest.csv");
    let manifest = load_manifest(&manifest_path, problems);
    let mut text_files = Vec::new();
    for f in entries {
        if f == manifest_path {
            continue;
        }
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Hidden files (an interrupted write's `.name.tmp`, editor swap files, Spark's
        // `.part-….crc`), the markers Hadoop and Spark write beside their parts and a README
        // are passed over without a word.
        if !read_by_folder(&name) {
            continue;
        }
        let ext = extension(&f);
        match kind(&f) {
            Err(why) => problems.push(skipped(&f, why)),
            Ok(Kind::Dir) => problems.push(skipped(
                &f,
                "is a folder: folders are read one level deep (name it on the command line to read it)".into(),
            )),
            Ok(Kind::File) if is_article_extension(&ext) => {
                if ext == "txt" {
                    text_files.push(name);
                }
                out.push(source_for_file(&f, manifest.clone()));
            }
            Ok(Kind::File) => problems.push(skipped(
                &f,
                format!(
                    "not an article file ({}; expected .txt, .jsonl (or .json), .csv or .parquet)",
                    if ext.is_empty() {
                        "no extension".to_string()
                    } else {
                        format!("extension .{ext}")
                    }
                ),
            )),
        }
    }
    if let Some(m) = &manifest {
        m.check_files(&manifest_path, &text_files, problems);
    }
    // A folder named as an input that gives nothing is said, not passed over (a wrong
    // folder, or an engine's output with no parts).
    if out.len() == found_before {
        problems.push(skipped(
            dir,
            "no article files in this folder (.txt, .jsonl, .ndjson, .csv or .parquet)".into(),
        ));
    }
}

/// Whether a folder is a framescope job's output: it holds a `run.json` that reads as one
/// (any job, any table format: `score --format parquet` writes no scores.csv).
pub fn is_output_folder(dir: &Path) -> bool {
    let p = dir.join("run.json");
    p.is_file() && crate::report::RunManifest::read(&p).is_ok()
}

/// Whether a folder's listing reads a file of this (lowercase) extension as articles.
pub fn is_article_extension(ext: &str) -> bool {
    matches!(ext, "txt" | "jsonl" | "json" | "csv" | "ndjson" | "parquet")
}

/// Whether a folder's listing reads the file of this name as an input: hidden files, the
/// engines' markers, a README, the manifest and the files Windows leaves in folders it shows
/// (`Thumbs.db`, `desktop.ini`: as `.DS_Store` is hidden on a Mac; review, session 44: a
/// folder copied from Windows exited 1 on every run) are passed over.
pub fn read_by_folder(name: &str) -> bool {
    let windows = ["thumbs.db", "ehthumbs.db", "desktop.ini"].contains(&name.to_ascii_lowercase().as_str());
    !(name.starts_with('.') || windows || is_engine_marker(name) || name == "README.md" || name == "manifest.csv")
}

/// The id of a `.txt` article: its file stem. Bytes that are not UTF-8 are written as `\xNN`
/// (not replaced by U+FFFD, which would give `café` in Latin-1 and `cafè` in Latin-1 the same
/// id, and drop one as a duplicate).
#[cfg(unix)]
pub fn file_id(stem: &std::ffi::OsStr) -> String {
    escaped(stem, |valid| valid.into())
}

/// `name` as text: its UTF-8 runs through `valid`, every other byte as `\xNN`.
#[cfg(unix)]
fn escaped(name: &std::ffi::OsStr, valid: impl Fn(&str) -> std::borrow::Cow<'_, str>) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in name.as_bytes().utf8_chunks() {
        out.push_str(&valid(chunk.valid()));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// A path as run.json, model.json and the tables' `origin` write it: bytes that are not UTF-8
/// as `\xNN`, as in ids, so `caf\xE9.txt` and `caf\xE8.txt` stay two files in the records
/// (review, session 45: both were written `caf\u{FFFD}.txt`, and `retrain` could not find
/// them again). [`text_path`] reads it back.
#[cfg(unix)]
pub fn path_text(p: &Path) -> String {
    // A backslash is doubled, so a name holding `\xE9` as text reads back as text.
    escaped(p.as_os_str(), |valid| valid.replace('\\', "\\\\").into())
}

/// A path as the records write it (lossy where it is not Unicode).
#[cfg(not(unix))]
pub fn path_text(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// The path [`path_text`] wrote: `\\\\` is a backslash again and `\\xNN` the byte NN (a
/// backslash of the name itself is always doubled, so a single one opens an escape).
#[cfg(unix)]
pub fn text_path(s: &str) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let escape = (b[i] == b'\\').then(|| b.get(i + 1)).flatten();
        let byte = match escape {
            Some(b'\\') => Some((b'\\', 2)),
            // Only what `path_text` writes: two upper-case hex digits of a byte that is not
            // UTF-8 on its own (0x80 and above). `from_str_radix` alone also took "+F",
            // lower case and ASCII, which a record written before backslashes were doubled
            // can hold as text.
            Some(b'x') => b
                .get(i + 2..i + 4)
                .filter(|h| h.iter().all(|c| matches!(c, b'0'..=b'9' | b'A'..=b'F')))
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .filter(|&v| v >= 0x80)
                .map(|v| (v, 4)),
            _ => None,
        };
        let (v, n) = byte.unwrap_or((b[i], 1));
        out.push(v);
        i += n;
    }
    PathBuf::from(std::ffi::OsString::from_vec(out))
}

/// The path [`path_text`] wrote.
#[cfg(not(unix))]
pub fn text_path(s: &str) -> PathBuf {
    PathBuf::from(s)
}

/// The id of a `.txt` article: its file stem (lossy where it is not Unicode).
#[cfg(not(unix))]
pub fn file_id(stem: &std::ffi::OsStr) -> String {
    stem.to_string_lossy().into_owned()
}

fn extension(p: &Path) -> String {
    p.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

fn source_for_file(p: &Path, manifest: Option<Arc<Manifest>>) -> Source {
    match extension(p).as_str() {
        // `.json`: what pandas' `to_json(lines=True)` is often named; an array (its default
        // `orient="records"` without lines) is reported by the reader.
        "jsonl" | "ndjson" | "json" => Source::Jsonl { path: p.to_path_buf() },
        "csv" => Source::Csv { path: p.to_path_buf() },
        "parquet" => Source::Parquet { path: p.to_path_buf() },
        _ => Source::Text {
            path: p.to_path_buf(),
            manifest,
        },
    }
}

/// Split a `.txt` file's text into headline and body. Line 1 is the headline only when it
/// reads like one: non-empty, at most 30 words, and not ending like a sentence (seed 002
/// opens with a full body sentence ending in "said."). Otherwise the whole text is body.
pub fn split_headline(text: &str) -> (Option<String>, String) {
    let (first, rest) = match text.split_once('\n') {
        Some((a, b)) => (a, b),
        None => (text, ""),
    };
    let first_t = first.trim();
    if first_t.is_empty() {
        return (None, rest.to_string());
    }
    if rest.trim().is_empty() || !looks_like_headline(first_t) {
        return (None, text.to_string());
    }
    (Some(first_t.to_string()), rest.to_string())
}

fn looks_like_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let trimmed = line.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    let ends_like_sentence = trimmed.ends_with(['.', '!', '?', ':', ';']);
    words <= 30 && !ends_like_sentence
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_txt_file_named_on_its_own_is_annotated_by_its_folders_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(
            d.join("manifest.csv"),
            "file,outlet,date\na.txt,TASS,2022-02-18\nb.txt,AP,\n",
        )
        .unwrap();
        std::fs::write(d.join("a.txt"), "Moscow said the drills were defensive.\n").unwrap();
        std::fs::write(d.join("b.txt"), "Kyiv said the drills were a threat.\n").unwrap();
        std::fs::create_dir(d.join("bare")).unwrap();
        std::fs::write(d.join("bare/c.txt"), "A sentence.\n").unwrap();
        let (sources, problems) = expand_paths(&[d.join("a.txt"), d.join("b.txt"), d.join("bare/c.txt")]).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let arts: Vec<Article> = reader::ArticleReader::new(sources)
            .map(|i| match i {
                Item::Article(a) => a,
                Item::Problem(p) => panic!("{p}"),
            })
            .collect();
        let meta: Vec<(&str, Option<&str>, Option<&str>)> = arts
            .iter()
            .map(|a| (a.id.as_str(), a.outlet.as_deref(), a.date.as_deref()))
            .collect();
        assert_eq!(
            meta,
            [
                ("a", Some("TASS"), Some("2022-02-18")),
                ("b", Some("AP"), None),
                ("c", None, None)
            ]
        );
    }

    /// Review, session 49: a `.tsv` named on the command line was read as one article.
    #[test]
    fn a_named_file_of_another_extension_is_read_as_text_with_a_warning_or_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in ["t.tsv", "n.dat", "story", "page.html", "DOC.PDF"] {
            std::fs::write(d.join(f), "Headline\nA sentence.\n").unwrap();
        }
        let names = ["t.tsv", "n.dat", "story", "page.html", "DOC.PDF"].map(|f| d.join(f));
        let (sources, problems) = expand_paths(&names).unwrap();
        assert_eq!(sources.len(), 3);
        let said: Vec<String> = problems
            .iter()
            .map(|p| p.to_string().replace(&format!("{}/", d.display()), ""))
            .collect();
        assert_eq!(
            said,
            [
                "t.tsv: skipped: not an article file (extension .tsv, which framescope does not parse; articles are .txt, .jsonl (or .json), .csv or .parquet: save a table as CSV with commas, or as JSONL)",
                "n.dat: warning: read as one plain-text article (extension .dat; articles are .txt, .jsonl (or .json), .csv or .parquet)",
                "DOC.PDF: skipped: not an article file (extension .pdf, which framescope does not parse; articles are .txt, .jsonl (or .json), .csv or .parquet: save a table as CSV with commas, or as JSONL)",
            ]
        );
    }

    #[test]
    fn spark_and_hadoop_markers_and_system_files_are_passed_over_and_other_files_named() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "_SUCCESS",
            "_committed_123",
            ".part-0.parquet.crc",
            "NOTES",
            "a.txt",
            "_b.txt",
            "Thumbs.db",
            "desktop.ini",
            ".DS_Store",
        ] {
            std::fs::write(d.join(f), "Moscow said the drills were defensive.\n").unwrap();
        }
        let (sources, problems) = expand_paths(&[d.to_path_buf()]).unwrap();
        // a.txt, and _b.txt: a `_` name that is no engine's marker is an article file.
        assert_eq!(sources.len(), 2);
        let got: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].contains("NOTES") && got[0].contains("not an article file (no extension;"),
            "{got:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn file_names_that_are_not_utf8_keep_distinct_ids() {
        use std::os::unix::ffi::OsStrExt;
        let id = |b: &[u8]| file_id(std::ffi::OsStr::from_bytes(b));
        assert_eq!(id(b"caf\xe9"), "caf\\xE9");
        assert_eq!(id(b"caf\xe8"), "caf\\xE8");
        assert_eq!(id("café".as_bytes()), "café");
        // Paths are written the same way and read back byte for byte.
        for raw in [
            &b"nu/caf\xe9.txt"[..],
            b"nu/caf\xe8.txt",
            "nu/café.txt".as_bytes(),
            b"a\\x41\\xZZ.txt",
            b"lit\\xE9",
            b"two\\\\xE9\xe9",
        ] {
            let p = Path::new(std::ffi::OsStr::from_bytes(raw));
            assert_eq!(text_path(&path_text(p)), p, "{raw:?}");
        }
        assert_eq!(
            path_text(Path::new(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"))),
            "caf\\xE9.txt"
        );
        // Read back, only an escape `path_text` writes is a byte: not ASCII, lower case or a
        // sign (a record from before backslashes were doubled holds such text as itself).
        for text in ["a\\x41", "a\\xe9", "a\\x+F", "a\\x7F"] {
            assert_eq!(text_path(text), Path::new(text), "{text}");
        }
    }

    #[test]
    fn headline_is_detected_only_when_it_reads_like_one() {
        let (t, b) = split_headline("Putin hosts Belarus strongman\n\nBody one.");
        assert_eq!(t.as_deref(), Some("Putin hosts Belarus strongman"));
        assert_eq!(b, "\nBody one.");
        let (t, _) = split_headline("Drills are “purely defensive”, Putin has said.\nMore.");
        assert_eq!(t, None);
        let (t, b) = split_headline("\nBody only.");
        assert_eq!((t, b.as_str()), (None, "Body only."));
        let (t, _) = split_headline("Just one line");
        assert_eq!(t, None);
    }

    #[test]
    fn sides_parse_from_labels_and_file_names() {
        assert_eq!(Side::parse(" Kremlin-sourced"), Some(Side::Kremlin));
        assert_eq!(Side::parse("western"), Some(Side::Western));
        assert_eq!(Side::parse("neutral"), None);
        assert_eq!(Side::from_file_name("western_ap_02"), Some(Side::Western));
        assert_eq!(Side::from_file_name("003_abc"), None);
    }
}
