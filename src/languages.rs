//! `data/languages.txt` and each language's data folder: what builds the analyzer's lanes
//! other than the default (English) one.
//!
//! `languages.txt` lists one language per line: `code stemmer [option…]`, options
//! `min-token-chars=N` (shortest token kept; default 2), `fold-yo` (read «ё» as «е») and
//! `elide=l,d,qu` (words written before an apostrophe and dropped from the word after it) and
//! `pair-only=в,на` (words that are features only in the bigrams they start or end, never
//! alone).
//! The language's files are `data/<code>/stopwords.txt`, `outlets.txt`, `abbreviations.txt`,
//! `final_abbreviations.txt`, `unstemmed.txt`, `boilerplate.txt`, `self_references.txt` and
//! `data/lexicons/<code>/kremlin.txt`, `western.txt`.

use crate::data::{self, entries, DataText};
use crate::error::{Error, Result};
use crate::text::{LanguageSettings, DEFAULT_LANGUAGE};
use std::path::Path;

/// One line of `languages.txt`.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageLine {
    pub code: String,
    pub stemmer: String,
    pub min_token_chars: usize,
    pub fold_yo: bool,
    pub elisions: Vec<String>,
    pub pair_only: Vec<String>,
}

/// Parse `languages.txt`; errors name file:line (bad option, unknown stemmer, a code twice).
pub fn parse(d: &DataText) -> Result<Vec<LanguageLine>> {
    let mut out: Vec<LanguageLine> = Vec::new();
    for (line, text) in entries(&d.text) {
        let err = |message: String| Error::DataLine {
            path: d.path.clone(),
            line,
            message,
        };
        let mut parts = text.split_whitespace();
        let (Some(code), Some(stemmer)) = (parts.next(), parts.next()) else {
            return Err(err(
                "expected `code stemmer [options]`, e.g. `ru russian fold-yo`".into()
            ));
        };
        let code = code.to_ascii_lowercase();
        if code == DEFAULT_LANGUAGE || out.iter().any(|l| l.code == code) {
            return Err(err(format!(
                "language `{code}` is listed twice (or is the default language)"
            )));
        }
        if !code.chars().all(|c| c.is_ascii_lowercase()) {
            return Err(err(format!(
                "language code `{code}` must be letters (ISO 639-1, e.g. `ru`)"
            )));
        }
        crate::text::check_stemmer(stemmer).map_err(|e| err(e.to_string()))?;
        let mut l = LanguageLine {
            code,
            stemmer: stemmer.to_ascii_lowercase(),
            min_token_chars: 2,
            fold_yo: false,
            elisions: Vec::new(),
            pair_only: Vec::new(),
        };
        for opt in parts {
            match opt.split_once('=') {
                Some(("min-token-chars", n)) => {
                    l.min_token_chars = n
                        .parse()
                        .ok()
                        .filter(|&n| n >= 1)
                        .ok_or_else(|| err(format!("min-token-chars `{n}` must be a whole number ≥ 1")))?;
                }
                None if opt == "fold-yo" => l.fold_yo = true,
                Some(("elide", words)) => l.elisions = word_list("elide", words, "l,d,qu").map_err(err)?,
                Some(("pair-only", words)) => l.pair_only = word_list("pair-only", words, "в,на").map_err(err)?,
                _ => {
                    return Err(err(format!(
                        "unknown option `{opt}` (known: min-token-chars=N, fold-yo, elide=WORD,WORD…, pair-only=WORD,WORD…)"
                    )))
                }
            }
        }
        out.push(l);
    }
    Ok(out)
}

/// An option's comma-separated words, lowercased; every one a word (letters only).
fn word_list(option: &str, words: &str, example: &str) -> std::result::Result<Vec<String>, String> {
    let list: Vec<String> = words.split(',').map(str::to_lowercase).collect();
    match list.iter().any(|w| w.is_empty() || !w.chars().all(char::is_alphabetic)) {
        true => Err(format!(
            "{option}=`{words}` must be words separated by commas, e.g. `{option}={example}`"
        )),
        false => Ok(list),
    }
}

/// Read one language's word lists into its analyzer settings.
pub fn load(l: &LanguageLine, data_dir: Option<&Path>) -> Result<LanguageSettings> {
    let read = |d: DataText| -> Vec<String> { data::word_list(&d) };
    let list = |name: &str| -> Result<Vec<String>> {
        Ok(read(data::load_or_builtin(data_dir, &format!("{}/{name}", l.code))?))
    };
    // Added after the language's other files: a data folder made before it has the
    // built-in list (as with actor lists), not an error.
    let finals = read(data::load_or_builtin(
        data_dir,
        &format!("{}/final_abbreviations.txt", l.code),
    )?);
    Ok(LanguageSettings {
        code: l.code.clone(),
        stemmer: l.stemmer.clone(),
        stop_words: list("stopwords.txt")?,
        outlet_names: list("outlets.txt")?,
        abbreviations: list("abbreviations.txt")?
            .into_iter()
            .map(|a| a.trim_end_matches('.').to_lowercase())
            .collect(),
        // «т. д.» and «т.\u{a0}д.» alike: the splitter asks with one space between words.
        final_abbreviations: finals
            .iter()
            .map(|a| {
                a.trim_end_matches('.')
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .collect(),
        unstemmed: list("unstemmed.txt")?,
        min_token_chars: l.min_token_chars,
        fold_yo: l.fold_yo,
        elisions: l.elisions.clone(),
        pair_only: l.pair_only.clone(),
    })
}

/// A language's two lexicon files: from `<lexicon_dir>/<code>/` when a lexicon folder is
/// given and has that subfolder, else `<data>/lexicons/<code>/` (so `--lexicons` with only
/// edited English files keeps the Russian lexicons).
pub fn lexicon_files(code: &str, data_dir: Option<&Path>, lexicon_dir: Option<&Path>) -> Result<(DataText, DataText)> {
    if let Some(d) = lexicon_dir.map(|d| d.join(code)).filter(|d| d.is_dir()) {
        return Ok((
            data::load_path(&d.join("kremlin.txt"))?,
            data::load_path(&d.join("western.txt"))?,
        ));
    }
    Ok((
        data::load_or_builtin(data_dir, &format!("lexicons/{code}/kremlin.txt"))?,
        data::load_or_builtin(data_dir, &format!("lexicons/{code}/western.txt"))?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> DataText {
        DataText {
            path: "languages.txt".into(),
            text: text.into(),
        }
    }

    #[test]
    fn lines_give_code_stemmer_and_options() {
        let got = parse(&d(
            "# c\nru russian min-token-chars=1 fold-yo\nde German\nfr french elide=l,D,qu\n",
        ))
        .unwrap();
        assert_eq!(
            got,
            vec![
                LanguageLine {
                    code: "ru".into(),
                    stemmer: "russian".into(),
                    min_token_chars: 1,
                    fold_yo: true,
                    elisions: vec![],
                    pair_only: vec![],
                },
                LanguageLine {
                    code: "de".into(),
                    stemmer: "german".into(),
                    min_token_chars: 2,
                    fold_yo: false,
                    elisions: vec![],
                    pair_only: vec![],
                },
                LanguageLine {
                    code: "fr".into(),
                    stemmer: "french".into(),
                    min_token_chars: 2,
                    fold_yo: false,
                    elisions: vec!["l".into(), "d".into(), "qu".into()],
                    pair_only: vec![],
                },
            ]
        );
    }

    #[test]
    fn bad_lines_name_the_line() {
        for (text, want) in [
            ("ru\n", "languages.txt:1: expected `code stemmer"),
            (
                "ru russian\nru russian\n",
                "languages.txt:2: language `ru` is listed twice",
            ),
            ("ru klingon\n", "unknown Snowball stemmer `klingon`"),
            ("ru russian fold\n", "unknown option `fold`"),
            ("ru russian min-token-chars=0\n", "min-token-chars `0`"),
            ("fr french elide=l,,d\n", "languages.txt:1: elide=`l,,d` must be words"),
            ("fr french elide=l'\n", "elide=`l'` must be words"),
        ] {
            let e = parse(&d(text)).unwrap_err().to_string();
            assert!(e.contains(want), "{text:?}: {e}");
        }
    }
}
