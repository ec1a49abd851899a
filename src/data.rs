//! The editable data files under `data/`: where they live and how their lines are read.
//! Every file is plain text, one entry per line, `#` comments. When no `data/` folder is
//! given or found, the copies built into the binary are used, so the tool works from any
//! directory.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Built-in copies of the data files, used when a file is not on disk.
pub const BUILTIN: &[(&str, &str)] = &[
    ("boilerplate.txt", include_str!("../data/boilerplate.txt")),
    ("self_references.txt", include_str!("../data/self_references.txt")),
    ("outlets.txt", include_str!("../data/outlets.txt")),
    ("stopwords.txt", include_str!("../data/stopwords.txt")),
    ("lexicons/kremlin.txt", include_str!("../data/lexicons/kremlin.txt")),
    ("lexicons/western.txt", include_str!("../data/lexicons/western.txt")),
    ("actors/kremlin.txt", include_str!("../data/actors/kremlin.txt")),
    ("actors/western.txt", include_str!("../data/actors/western.txt")),
    ("actors/ukraine.txt", include_str!("../data/actors/ukraine.txt")),
    ("voice/english.txt", include_str!("../data/voice/english.txt")),
    ("voice/russian.txt", include_str!("../data/voice/russian.txt")),
    ("languages.txt", include_str!("../data/languages.txt")),
    ("ru/stopwords.txt", include_str!("../data/ru/stopwords.txt")),
    ("ru/outlets.txt", include_str!("../data/ru/outlets.txt")),
    ("ru/abbreviations.txt", include_str!("../data/ru/abbreviations.txt")),
    (
        "ru/final_abbreviations.txt",
        include_str!("../data/ru/final_abbreviations.txt"),
    ),
    ("ru/unstemmed.txt", include_str!("../data/ru/unstemmed.txt")),
    ("ru/boilerplate.txt", include_str!("../data/ru/boilerplate.txt")),
    ("ru/self_references.txt", include_str!("../data/ru/self_references.txt")),
    (
        "lexicons/ru/kremlin.txt",
        include_str!("../data/lexicons/ru/kremlin.txt"),
    ),
    (
        "lexicons/ru/western.txt",
        include_str!("../data/lexicons/ru/western.txt"),
    ),
];

/// A data file's text and the name to report errors against.
#[derive(Debug, Clone)]
pub struct DataText {
    pub path: PathBuf,
    pub text: String,
}

/// The name that stands for the built-in data files where a data folder is accepted
/// (`--data <built-in>/data`): `run.json` records it when a run read no data folder, so a
/// `retrain` elsewhere reads the same files and not that folder's `./data`.
pub const BUILTIN_DATA_NAME: &str = "<built-in>/data";

/// Whether `dir` is [`BUILTIN_DATA_NAME`].
pub fn is_builtin_dir(dir: &Path) -> bool {
    dir == Path::new(BUILTIN_DATA_NAME)
}

/// A named data folder that is not there, said so rather than as its first file missing
/// (review, session 34: `--data nosuchdir` was "nosuchdir/stopwords.txt: No such file or
/// directory").
pub fn check_dir(dir: Option<&Path>) -> Result<()> {
    match dir.filter(|d| !is_builtin_dir(d) && !d.is_dir()) {
        Some(d) => Err(Error::Invalid(format!(
            "{}: no such data folder (--data names a folder holding stopwords.txt, lexicons/ …: README › Data files)",
            d.display()
        ))),
        None => Ok(()),
    }
}

/// The data folder a job reads when none is given: `./data` when it exists (else the
/// built-in copies, no folder).
pub fn default_dir() -> Option<PathBuf> {
    Some(PathBuf::from("data")).filter(|p| p.is_dir())
}

/// The data folder a job given `dir` reads, as `run.json` records it: `dir`, else `./data`
/// when it exists, else [`BUILTIN_DATA_NAME`].
pub fn dir_read(dir: Option<&Path>) -> PathBuf {
    dir.map(Path::to_path_buf)
        .or_else(default_dir)
        .unwrap_or_else(|| PathBuf::from(BUILTIN_DATA_NAME))
}

/// Read `name` from `dir` when given (the file must exist there), else from `./data` if it
/// exists, else the built-in copy.
pub fn load(dir: Option<&Path>, name: &str) -> Result<DataText> {
    let candidate = match dir {
        Some(d) if is_builtin_dir(d) => None,
        Some(d) => Some(d.join(name)),
        None => Some(Path::new("data").join(name)).filter(|p| present(p)),
    };
    if let Some(p) = candidate {
        let text = read_text(&p)?;
        return Ok(DataText { path: p, text });
    }
    builtin(name)
}

/// The most a data file may hold: the largest built-in one is a few kilobytes.
pub const MAX_DATA_BYTES: u64 = 64 << 20;

/// Whether a data folder holds `p` at all (a pipe or device too, which [`read_text`] then
/// refuses: with `is_file` a FIFO at `voice/english.txt` was "missing", and the built-in copy
/// read instead with exit 0; review, session 48).
fn present(p: &Path) -> bool {
    std::fs::metadata(p).is_ok()
}

/// A data file's text. Only a regular file is opened (a FIFO blocked the job for ever, and
/// `/dev/zero` was read until memory ran out), at most [`MAX_DATA_BYTES`] of it, and it must
/// be UTF-8. Errors name the file.
fn read_text(p: &Path) -> Result<String> {
    use std::io::Read;
    let bad = |message: String| Error::DataFile {
        path: p.to_path_buf(),
        message,
    };
    let m = std::fs::metadata(p).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            bad("not found: the data folder named must hold it (README › Data files)".into())
        }
        _ => Error::io(p, e),
    })?;
    if !m.is_file() {
        let what = crate::report::guard::kind_of(&m.file_type());
        return Err(bad(format!("{what}, not a regular file: a data file is plain text")));
    }
    if m.len() > MAX_DATA_BYTES {
        return Err(bad(format!(
            "too large ({} MB; a data file may hold at most {} MB)",
            m.len() >> 20,
            MAX_DATA_BYTES >> 20
        )));
    }
    let mut bytes = Vec::with_capacity(m.len() as usize);
    std::fs::File::open(p)
        .and_then(|f| f.take(MAX_DATA_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io(p, e))?;
    if bytes.len() as u64 > MAX_DATA_BYTES {
        return Err(bad(format!("grew past {} MB while read", MAX_DATA_BYTES >> 20)));
    }
    String::from_utf8(bytes).map_err(|e| {
        bad(format!(
            "not UTF-8 text (invalid byte at {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Like [`load`], but a file missing from a given `dir` is the built-in copy when there is
/// one (a file added to `data/` after the folder was made, or left out of a copy: the
/// language files, `languages.txt`; [`provenance`] records it as built-in, and the run warns
/// naming it). A file with no built-in copy (an added language's) must be in `dir`.
pub fn load_or_builtin(dir: Option<&Path>, name: &str) -> Result<DataText> {
    match dir {
        Some(d) if !present(&d.join(name)) && BUILTIN.iter().any(|(n, _)| *n == name) => builtin(name),
        _ => load(dir, name),
    }
}

/// Read a file by explicit path.
pub fn load_path(path: &Path) -> Result<DataText> {
    if !path.exists() {
        return Err(Error::NotFound { path: path.into() });
    }
    let text = read_text(path)?;
    Ok(DataText {
        path: path.into(),
        text,
    })
}

/// The meaningful lines of a data file: (1-based line number, trimmed content), with blank
/// lines and `#` comment lines skipped.
pub fn entries(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// Lines of a word-list file (stop words, outlet names, abbreviations …), each without a
/// trailing `# comment`, as lexicon lines may carry: `putin   # the president` was the
/// entry `putin   # the president`, a stop word no text has (review, session 30).
pub fn word_list(d: &DataText) -> Vec<String> {
    entries(&d.text).map(|(_, l)| without_comment(l).to_string()).collect()
}

/// A line without its trailing comment: from the first `#` that follows whitespace, trimmed.
pub fn without_comment(line: &str) -> &str {
    let cut = line
        .char_indices()
        .find(|&(i, c)| c == '#' && line[..i].ends_with(char::is_whitespace))
        .map_or(line.len(), |(i, _)| i);
    line[..cut].trim()
}

/// The actor lists (`actors/{kremlin,western,ukraine}.txt`) as `model.json` carries them,
/// one name per entry, so scoring with a model never reads `./data` (issue 20).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorLists {
    pub kremlin: Vec<String>,
    pub western: Vec<String>,
    pub ukraine: Vec<String>,
}

impl ActorLists {
    /// The three lists as data files named after the model they came from.
    pub fn files(&self) -> [DataText; 3] {
        let one = |side: &str, names: &[String]| DataText {
            path: PathBuf::from(format!("<model.json>/actors/{side}.txt")),
            text: names.join("\n"),
        };
        [
            one("kremlin", &self.kremlin),
            one("western", &self.western),
            one("ukraine", &self.ukraine),
        ]
    }
}

/// One data file a run read: its name under `data/`, where it came from (a path, or
/// `<built-in>/data/NAME`) and the sha256 of its bytes. `run.json` lists them all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DataFileRecord {
    pub name: String,
    pub path: String,
    pub sha256: String,
}

impl DataFileRecord {
    fn new(name: &str, d: &DataText) -> DataFileRecord {
        use sha2::{Digest, Sha256};
        DataFileRecord {
            name: name.to_string(),
            path: d.path.display().to_string(),
            sha256: format!("{:x}", Sha256::digest(d.text.as_bytes())),
        }
    }

    /// Did the file come from the copies built into the binary?
    pub fn is_builtin(&self) -> bool {
        self.path.starts_with("<built-in>")
    }
}

/// The built-in copy of `name`.
fn builtin(name: &str) -> Result<DataText> {
    let text = BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t.to_string())
        .ok_or_else(|| Error::NotFound { path: name.into() })?;
    Ok(DataText {
        path: PathBuf::from(format!("<built-in>/data/{name}")),
        text,
    })
}

/// Every data file a run reads, found as the loaders find them (`Resources::from_data`,
/// `Actors::load`, `VoiceCues::load`, the languages of `languages.txt`), with its origin and
/// the sha256 of the text read. Call it after the resources loaded, so its errors are theirs.
pub fn provenance(data_dir: Option<&Path>, lexicon_dir: Option<&Path>) -> Result<Vec<DataFileRecord>> {
    check_dir(data_dir)?;
    let mut out = Vec::new();
    for name in ["stopwords.txt", "outlets.txt", "boilerplate.txt", "self_references.txt"] {
        out.push(DataFileRecord::new(name, &load(data_dir, name)?));
    }
    for side in ["kremlin", "western"] {
        let name = format!("lexicons/{side}.txt");
        let d = match lexicon_dir {
            Some(l) => load_path(&l.join(format!("{side}.txt")))?,
            None => load(data_dir, &name)?,
        };
        out.push(DataFileRecord::new(&name, &d));
    }
    // Actor lists and voice cues missing from a data folder come from the built-in copies.
    for name in ["actors/kremlin.txt", "actors/western.txt", "actors/ukraine.txt"] {
        let d = match data_dir {
            Some(dir) if !present(&dir.join(name)) => builtin(name)?,
            _ => load(data_dir, name)?,
        };
        out.push(DataFileRecord::new(name, &d));
    }
    let root = data_dir.map(Path::to_path_buf).or_else(default_dir);
    for name in crate::text::voice::VOICE_FILES {
        let d = match &root {
            Some(r) if present(&r.join(name)) => load_path(&r.join(name))?,
            _ => builtin(name)?,
        };
        out.push(DataFileRecord::new(name, &d));
    }
    if let Some(r) = &root {
        let mut extra: Vec<PathBuf> = std::fs::read_dir(r.join("voice"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .filter(|p| !crate::text::voice::VOICE_FILES.iter().any(|n| r.join(n) == *p))
            .collect();
        extra.sort();
        for p in extra {
            let name = format!("voice/{}", p.file_name().unwrap_or_default().to_string_lossy());
            out.push(DataFileRecord::new(&name, &load_path(&p)?));
        }
    }
    {
        let langs = load_or_builtin(data_dir, "languages.txt")?;
        out.push(DataFileRecord::new("languages.txt", &langs));
        for l in crate::languages::parse(&langs)? {
            let c = &l.code;
            for f in [
                "stopwords.txt",
                "outlets.txt",
                "abbreviations.txt",
                "unstemmed.txt",
                "boilerplate.txt",
                "self_references.txt",
            ] {
                let name = format!("{c}/{f}");
                out.push(DataFileRecord::new(&name, &load_or_builtin(data_dir, &name)?));
            }
            let name = format!("{c}/final_abbreviations.txt");
            out.push(DataFileRecord::new(&name, &load_or_builtin(data_dir, &name)?));
            let (k, w) = crate::languages::lexicon_files(c, data_dir, lexicon_dir)?;
            out.push(DataFileRecord::new(&format!("lexicons/{c}/kremlin.txt"), &k));
            out.push(DataFileRecord::new(&format!("lexicons/{c}/western.txt"), &w));
        }
    }
    Ok(out)
}

/// What to tell the user about the built-in copies a run reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuiltinNotice {
    /// No data folder in use at all (an installed binary run elsewhere): a status note.
    Note(String),
    /// A data folder lacks files, which came from the built-in copies: a warning naming them.
    Warning(String),
}

/// How the note on a missing data folder opens (the Python package words its own from it).
pub const NO_DATA_FOLDER: &str = "note: no ./data folder here";

/// The notice `files` (from [`provenance`]) call for, if any.
pub fn builtin_notice(data_dir: Option<&Path>, files: &[DataFileRecord]) -> Option<BuiltinNotice> {
    let builtin: Vec<&str> = files
        .iter()
        .filter(|f| f.is_builtin())
        .map(|f| f.name.as_str())
        .collect();
    if builtin.is_empty() {
        return None;
    }
    let folder = match data_dir {
        // Named: it said what it wanted.
        Some(d) if is_builtin_dir(d) => return None,
        Some(d) => d.display().to_string(),
        None if Path::new("data").is_dir() => "./data".into(),
        None => {
            return Some(BuiltinNotice::Note(format!(
                "{NO_DATA_FOLDER}: using the built-in data files (pass --data DIR, or run where data/ is)"
            )))
        }
    };
    Some(BuiltinNotice::Warning(format!(
        "warning: {folder} lacks {}: using the built-in copies",
        builtin.join(", ")
    )))
}

#[cfg(test)]
mod tests {
    #[test]
    fn word_lists_drop_trailing_comments() {
        let d = DataText {
            path: "stopwords.txt".into(),
            text: "\u{feff}# header\nputin   # the president\n\nthe\n Kremlin Times\t# an outlet\n".into(),
        };
        assert_eq!(word_list(&d), ["putin", "the", "Kremlin Times"]);
        assert_eq!(without_comment("C# developer"), "C# developer");
    }

    use super::*;

    #[test]
    fn comments_and_blanks_are_skipped_with_line_numbers_kept() {
        let got: Vec<_> = entries("# c\n\nkiev\n  # x\n  donbass  \n").collect();
        assert_eq!(got, vec![(3, "kiev"), (5, "donbass")]);
    }

    #[test]
    fn provenance_names_each_file_and_the_built_in_copies_a_folder_lacks() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("stopwords.txt"), "the\n").unwrap();
        let lex = tempfile::tempdir().unwrap();
        std::fs::write(lex.path().join("kremlin.txt"), "kiev\n").unwrap();
        std::fs::write(lex.path().join("western.txt"), "kyiv\n").unwrap();
        // An explicit data folder must hold the four main files, as the loaders require.
        assert!(provenance(Some(d), Some(lex.path())).is_err());
        for f in ["outlets.txt", "boilerplate.txt", "self_references.txt"] {
            std::fs::write(d.join(f), "x\n").unwrap();
        }
        let files = provenance(Some(d), Some(lex.path())).unwrap();
        let stop = files.iter().find(|f| f.name == "stopwords.txt").unwrap();
        assert_eq!(stop.path, d.join("stopwords.txt").display().to_string());
        // sha256("the\n"), by `printf 'the\n' | sha256sum`.
        assert_eq!(
            stop.sha256,
            "a587693500a37d17d90e7a8d1512d4c3ebfb38b53f9d07feeff1c2e6abb8ad55"
        );
        let k = files.iter().find(|f| f.name == "lexicons/kremlin.txt").unwrap();
        assert_eq!(k.path, lex.path().join("kremlin.txt").display().to_string());
        // Actor lists, voice cues, languages.txt and the Russian files come from the built-in
        // copies (review finding, session 28: a folder without languages.txt read Russian
        // articles as English, scoring 0 without a word), and the warning names them.
        let builtin = |files: &[DataFileRecord]| -> Vec<String> {
            files
                .iter()
                .filter(|f| f.is_builtin())
                .map(|f| f.name.clone())
                .collect()
        };
        let ru = [
            "ru/stopwords.txt",
            "ru/outlets.txt",
            "ru/abbreviations.txt",
            "ru/unstemmed.txt",
            "ru/boilerplate.txt",
            "ru/self_references.txt",
            "ru/final_abbreviations.txt",
            "lexicons/ru/kremlin.txt",
            "lexicons/ru/western.txt",
        ];
        let english = [
            "actors/kremlin.txt",
            "actors/western.txt",
            "actors/ukraine.txt",
            "voice/english.txt",
            "voice/russian.txt",
        ];
        let want: Vec<&str> = english.iter().copied().chain(["languages.txt"]).chain(ru).collect();
        assert_eq!(builtin(&files), want);
        assert_eq!(files.len(), 6 + 5 + 1 + 9);
        let Some(BuiltinNotice::Warning(note)) = builtin_notice(Some(d), &files) else {
            panic!("a data folder lacking files is a warning")
        };
        assert!(
            note.starts_with("warning: ")
                && note.contains("lacks actors/kremlin.txt, actors/western.txt, actors/ukraine.txt, voice/english.txt, voice/russian.txt, languages.txt, ru/stopwords.txt"),
            "{note}"
        );
        // An English-only folder says so: a languages.txt listing no language.
        std::fs::write(d.join("languages.txt"), "# English only\n").unwrap();
        let files = provenance(Some(d), Some(lex.path())).unwrap();
        assert_eq!(builtin(&files), english);
        assert_eq!(files.len(), 6 + 5 + 1);
        // A listed language's file with no built-in copy must be in the folder.
        std::fs::write(d.join("languages.txt"), "fr french\n").unwrap();
        let e = provenance(Some(d), Some(lex.path())).unwrap_err().to_string();
        assert!(e.contains(&d.join("fr/stopwords.txt").display().to_string()), "{e}");
    }

    #[test]
    fn the_repository_data_folder_has_every_built_in_file() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let files = provenance(Some(&data), None).unwrap();
        assert!(files.iter().all(|f| !f.is_builtin()), "{files:?}");
        let mut names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        names.sort_unstable();
        let mut all: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
        all.sort_unstable();
        assert_eq!(names, all);
        assert_eq!(builtin_notice(Some(&data), &files), None);
    }
}
