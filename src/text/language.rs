//! Languages: the settings of one language's analysis (read from `data/<code>/`), the
//! Snowball algorithm a stemmer name means, and which language an article is written in.
//!
//! Detection uses `whatlang` (trigram profiles, no model files, pure Rust, MIT, maintained):
//! it is small and fast enough to run on every article, and it separates Cyrillic languages
//! by trigrams. `lingua` is more accurate on very short texts but carries hundreds of
//! megabytes of n-gram models; news articles are long enough for whatlang. Detection is
//! restricted to the languages the analyzer has (an allowlist), so an article is always
//! analysed by one of them; a `lang` field in the input overrides detection.

use crate::error::{Error, Result};
use rust_stemmers::Algorithm;
use serde::{Deserialize, Serialize};
use whatlang::{Detector, Lang};

/// The default language: the top-level analyzer settings (and English terms carry no prefix).
pub const DEFAULT_LANGUAGE: &str = "en";

/// How one language other than the default is analysed. Stored in `model.json` with the
/// rest of the analyzer settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LanguageSettings {
    /// ISO 639-1 code ("ru"): the `lang` value of an article and the data folder's name.
    pub code: String,
    /// Snowball algorithm name ("russian").
    pub stemmer: String,
    /// Lowercased words never used as terms.
    pub stop_words: Vec<String>,
    /// Outlet names of this language's press (matched by stem, so inflected forms
    /// — «Медузе», «Медузы» — are removed too).
    pub outlet_names: Vec<String>,
    /// Words ending in a period that do not end a sentence (lowercased, without the period).
    pub abbreviations: Vec<String>,
    /// Shortest token kept. Russian keeps one-letter words, so the preposition «в» of
    /// «в Украине» survives to form a bigram (scikit-learn's default pattern, used for
    /// English, drops them).
    pub min_token_chars: usize,
    /// Words kept as written (lowercased), not stemmed: where the case ending is itself the
    /// signal («украине» locative against «украину» accusative).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unstemmed: Vec<String>,
    /// Fold «ё» into «е» before stop words and stemming (Russian print mostly writes «е»
    /// for both; the Snowball algorithm in rust-stemmers does not fold it).
    pub fold_yo: bool,
}

impl LanguageSettings {
    /// The prefix this language's terms carry in a model's vocabulary ("ru:"), so its
    /// features never collide with another language's (a Latin "nato" inside Russian text is
    /// `ru:nato`, not English `nato`).
    pub fn prefix(&self) -> String {
        format!("{}:", self.code)
    }
}

/// The Snowball algorithm a stemmer name means (rust-stemmers' names, lowercase).
pub fn algorithm(name: &str) -> Result<Algorithm> {
    Ok(match name.to_ascii_lowercase().as_str() {
        "arabic" => Algorithm::Arabic,
        "danish" => Algorithm::Danish,
        "dutch" => Algorithm::Dutch,
        "english" => Algorithm::English,
        "french" => Algorithm::French,
        "german" => Algorithm::German,
        "greek" => Algorithm::Greek,
        "hungarian" => Algorithm::Hungarian,
        "italian" => Algorithm::Italian,
        "norwegian" => Algorithm::Norwegian,
        "portuguese" => Algorithm::Portuguese,
        "romanian" => Algorithm::Romanian,
        "russian" => Algorithm::Russian,
        "spanish" => Algorithm::Spanish,
        "swedish" => Algorithm::Swedish,
        "tamil" => Algorithm::Tamil,
        "turkish" => Algorithm::Turkish,
        _ => {
            return Err(Error::InvalidParam {
                name: "stemmer",
                message: format!(
                    "unknown Snowball stemmer `{name}` (known: arabic, danish, dutch, english, french, german, greek, hungarian, italian, norwegian, portuguese, romanian, russian, spanish, swedish, tamil, turkish)"
                ),
            })
        }
    })
}

/// Check a stemmer name (for data files, before any analyzer is built).
pub fn check_stemmer(name: &str) -> Result<()> {
    algorithm(name).map(|_| ())
}

/// The whatlang language a stemmer name stands for ("russian" → Russian).
fn whatlang_of(stemmer: &str) -> Option<Lang> {
    Lang::all()
        .iter()
        .copied()
        .find(|l| l.eng_name().eq_ignore_ascii_case(stemmer))
}

/// Picks each article's language among the analyzer's languages.
#[derive(Debug)]
pub struct LanguageDetector {
    /// (our code, whatlang language), default language first.
    langs: Vec<(String, Option<Lang>)>,
    detector: Option<Detector>,
}

impl LanguageDetector {
    /// `langs`: (code, stemmer name), the default language first.
    pub fn new(langs: &[(String, String)]) -> LanguageDetector {
        let langs: Vec<(String, Option<Lang>)> = langs.iter().map(|(c, s)| (c.clone(), whatlang_of(s))).collect();
        let allow: Vec<Lang> = langs.iter().filter_map(|(_, l)| *l).collect();
        // With one language there is nothing to detect (and English-only runs stay as fast).
        let detector = (allow.len() > 1).then(|| Detector::with_allowlist(allow));
        LanguageDetector { langs, detector }
    }

    /// The language of a text: the detected one among ours, else the default.
    pub fn detect(&self, text: &str) -> &str {
        let found = self.detector.as_ref().and_then(|d| d.detect_lang(sample(text)));
        found
            .and_then(|f| self.langs.iter().find(|(_, l)| *l == Some(f)))
            .unwrap_or(&self.langs[0])
            .0
            .as_str()
    }

    /// Resolve a `lang` value from an input ("ru", "rus", "Russian"): our code, or an error
    /// message listing the languages there are.
    pub fn resolve(&self, given: &str) -> std::result::Result<&str, String> {
        let g = given.trim().to_ascii_lowercase();
        self.langs
            .iter()
            .find(|(c, l)| *c == g || l.is_some_and(|l| l.code() == g || l.eng_name().eq_ignore_ascii_case(&g)))
            .map(|(c, _)| c.as_str())
            .ok_or_else(|| {
                let have: Vec<&str> = self.langs.iter().map(|(c, _)| c.as_str()).collect();
                format!(
                    "lang `{given}` has no analyzer (have: {}; add data/{g}/ to analyse it)",
                    have.join(", ")
                )
            })
    }
}

/// The first ~4 kB of a text (at a char boundary): plenty for trigram detection, and a
/// megabyte-long article costs no more than a short one.
fn sample(text: &str) -> &str {
    if text.len() <= 4096 {
        return text;
    }
    let mut end = 4096;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector() -> LanguageDetector {
        LanguageDetector::new(&[("en".into(), "english".into()), ("ru".into(), "russian".into())])
    }

    #[test]
    fn english_and_russian_prose_are_told_apart() {
        let d = detector();
        assert_eq!(
            d.detect("Президент заявил, что переговоры с Украиной продолжатся на следующей неделе."),
            "ru"
        );
        assert_eq!(
            d.detect("The president said talks with Ukraine would resume next week."),
            "en"
        );
        // Nothing to go on: the default.
        assert_eq!(d.detect("2022"), "en");
    }

    #[test]
    fn a_lang_field_resolves_by_code_iso3_or_name() {
        let d = detector();
        assert_eq!(d.resolve("ru"), Ok("ru"));
        assert_eq!(d.resolve(" RUS "), Ok("ru"));
        assert_eq!(d.resolve("Russian"), Ok("ru"));
        assert_eq!(d.resolve("en"), Ok("en"));
        let e = d.resolve("uk").unwrap_err();
        assert!(e.contains("`uk` has no analyzer (have: en, ru"), "{e}");
    }

    #[test]
    fn unknown_stemmer_names_are_errors() {
        assert!(algorithm("Russian").is_ok());
        let e = algorithm("klingon").unwrap_err().to_string();
        assert!(e.contains("unknown Snowball stemmer `klingon`"), "{e}");
    }
}
