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
    ("languages.txt", include_str!("../data/languages.txt")),
    ("ru/stopwords.txt", include_str!("../data/ru/stopwords.txt")),
    ("ru/outlets.txt", include_str!("../data/ru/outlets.txt")),
    ("ru/abbreviations.txt", include_str!("../data/ru/abbreviations.txt")),
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

/// Read `name` from `dir` when given (the file must exist there), else from `./data` if it
/// exists, else the built-in copy.
pub fn load(dir: Option<&Path>, name: &str) -> Result<DataText> {
    let candidate = match dir {
        Some(d) => Some(d.join(name)),
        None => Some(Path::new("data").join(name)).filter(|p| p.is_file()),
    };
    if let Some(p) = candidate {
        let bytes = std::fs::read(&p).map_err(|e| Error::io(&p, e))?;
        let text = String::from_utf8(bytes).map_err(|e| Error::DataFile {
            path: p.clone(),
            message: format!("not UTF-8 text (invalid byte at {})", e.utf8_error().valid_up_to()),
        })?;
        return Ok(DataText { path: p, text });
    }
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

/// Like [`load`], but a file missing from a given `dir` is `None` (an older data folder
/// without `languages.txt` is an English-only one).
pub fn load_optional(dir: Option<&Path>, name: &str) -> Result<Option<DataText>> {
    match dir {
        Some(d) if !d.join(name).is_file() => Ok(None),
        _ => load(dir, name).map(Some),
    }
}

/// Read a file by explicit path.
pub fn load_path(path: &Path) -> Result<DataText> {
    if !path.exists() {
        return Err(Error::NotFound { path: path.into() });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| Error::DataFile {
        path: path.into(),
        message: format!("not UTF-8 text (invalid byte at {})", e.utf8_error().valid_up_to()),
    })?;
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

/// Lines of a word-list file (stop words, outlet names).
pub fn word_list(d: &DataText) -> Vec<String> {
    entries(&d.text).map(|(_, l)| l.to_string()).collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blanks_are_skipped_with_line_numbers_kept() {
        let got: Vec<_> = entries("# c\n\nkiev\n  # x\n  donbass  \n").collect();
        assert_eq!(got, vec![(3, "kiev"), (5, "donbass")]);
    }
}
