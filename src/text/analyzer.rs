//! The analyzer: tokenize → lowercase → drop outlet names → drop stop words → stem
//! (→ n-grams for the vectoriser). Built once from settings stored in the model.
//!
//! Order matters: rust-stemmers does not lowercase, so tokens are lowercased first; outlet
//! names are dropped before stop words so a multi-word name ("Moscow Times") is seen whole.

use super::tokenize;
use compact_str::CompactString;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::ops::Range;

/// Everything that decides what a text's terms are. Stored in `model.json` so a saved model
/// analyses new text exactly as it analysed its training text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalyzerSettings {
    /// Lowercased words never used as terms.
    pub stop_words: Vec<String>,
    /// Outlet names (possibly several words) removed so no score can come from a name.
    pub outlet_names: Vec<String>,
    /// Longest n-gram the vectoriser builds (1 = unigrams only).
    pub ngram_max: usize,
    /// Snowball algorithm; only "english" is used.
    pub stemmer: String,
}

/// One analysed term: its stem and where it came from in the sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// Inline up to 24 bytes (nearly every stem): a term costs no allocation of its own, and
    /// a run's batches of analysed documents hold a third less memory than with `String`.
    pub stem: CompactString,
    /// Byte span of the original token in the sentence text.
    pub span: Range<usize>,
}

/// The analyzer, built once from [`AnalyzerSettings`].
pub struct Analyzer {
    settings: AnalyzerSettings,
    stop: FxHashSet<String>,
    /// Outlet names as lowercased token sequences, by first token, longest first.
    names: FxHashMap<String, Vec<Vec<String>>>,
    stemmer: Stemmer,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").field("settings", &self.settings).finish()
    }
}

thread_local! {
    /// Memo in front of Snowball: distinct words are few next to word occurrences, and
    /// stemming each occurrence dominates the analysis time otherwise.
    static STEMS: RefCell<FxHashMap<String, (CompactString, u64)>> = RefCell::new(FxHashMap::default());
}
/// Words memoised per thread (about 100 bytes each). When full, the memo keeps what it has
/// and new words are stemmed without being stored: word frequencies are Zipfian, so the
/// words met first are the frequent ones, and memory stays bounded however large the
/// vocabulary of the corpus (measured: a 1 M-entry memo made `score`'s memory grow from 100k
/// to 1M articles).
const STEM_MEMO_LIMIT: usize = 1 << 17;

impl Analyzer {
    pub fn new(settings: AnalyzerSettings) -> Analyzer {
        let stop = settings.stop_words.iter().map(|w| w.to_lowercase()).collect();
        let mut names: Vec<Vec<String>> = settings
            .outlet_names
            .iter()
            .map(|n| {
                tokenize(n)
                    .into_iter()
                    .map(|t| t.text.to_lowercase())
                    .collect::<Vec<_>>()
            })
            .filter(|v: &Vec<String>| !v.is_empty())
            .collect();
        names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let mut by_first: FxHashMap<String, Vec<Vec<String>>> = FxHashMap::default();
        for n in names {
            by_first.entry(n[0].clone()).or_default().push(n);
        }
        let names = by_first;
        Analyzer {
            settings,
            stop,
            names,
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    pub fn settings(&self) -> &AnalyzerSettings {
        &self.settings
    }

    /// The stemmed content terms of a sentence, in order.
    pub fn terms(&self, text: &str) -> Vec<Term> {
        self.terms_and_keys(text).0
    }

    /// The terms and their keys ([`super::keys::stem_key`] of each stem), in order. This is
    /// the hot loop of every command: lowercased tokens share one buffer (one allocation per
    /// sentence, not per token) and the memo returns each stem with its key.
    pub fn terms_and_keys(&self, text: &str) -> (Vec<Term>, Vec<u64>) {
        let toks = tokenize(text);
        let mut buf = String::with_capacity(text.len());
        let mut bounds = Vec::with_capacity(toks.len());
        for t in &toks {
            let start = buf.len();
            if t.text.is_ascii() {
                buf.extend(t.text.bytes().map(|b| b.to_ascii_lowercase() as char));
            } else {
                buf.push_str(&t.text.to_lowercase());
            }
            bounds.push(start..buf.len());
        }
        let lower: Vec<&str> = bounds.iter().map(|r| &buf[r.clone()]).collect();
        // Which tokens are kept first, so both vectors are allocated at their exact length:
        // stop words are about half the tokens, and a run holds batches of these vectors.
        let mut kept = Vec::with_capacity(toks.len());
        let mut i = 0;
        while i < toks.len() {
            if let Some(n) = self.name_at(&lower, i) {
                i += n;
                continue;
            }
            if !self.stop.contains(lower[i]) {
                kept.push(i);
            }
            i += 1;
        }
        let mut terms = Vec::with_capacity(kept.len());
        let mut keys = Vec::with_capacity(kept.len());
        for i in kept {
            let (stem, key) = self.stem(lower[i]);
            terms.push(Term {
                stem,
                span: toks[i].span.clone(),
            });
            keys.push(key);
        }
        (terms, keys)
    }

    /// The stems only (what lexicon matching and the vectoriser consume).
    pub fn stems(&self, text: &str) -> Vec<String> {
        self.terms(text).into_iter().map(|t| t.stem.into_string()).collect()
    }

    /// 1..=ngram_max grams over adjacent kept terms, joined by a space (as scikit-learn's
    /// analyzer does after stop-word removal).
    pub fn ngrams(&self, stems: &[String]) -> Vec<String> {
        let mut out: Vec<String> = stems.to_vec();
        // Bounded by the sentence length too: a model file may carry any ngram_max.
        for n in 2..=self.settings.ngram_max.min(stems.len()) {
            for w in stems.windows(n) {
                out.push(w.join(" "));
            }
        }
        out
    }

    /// Features of a sentence: its n-grams.
    pub fn features(&self, text: &str) -> Vec<String> {
        self.ngrams(&self.stems(text))
    }

    /// Analyse a lexicon phrase to the stem sequence it must match.
    pub fn phrase(&self, phrase: &str) -> Vec<String> {
        self.stems(phrase)
    }

    fn name_at(&self, lower: &[&str], i: usize) -> Option<usize> {
        self.names
            .get(lower[i])?
            .iter()
            .find(|n| lower.len() >= i + n.len() && lower[i..i + n.len()].iter().zip(n.iter()).all(|(a, b)| a == b))
            .map(Vec::len)
    }

    /// The stem of a lowercased word and its key, memoised per thread.
    fn stem(&self, word: &str) -> (CompactString, u64) {
        STEMS.with(|m| {
            let mut m = m.borrow_mut();
            if let Some((s, k)) = m.get(word) {
                return (s.clone(), *k);
            }
            let s = CompactString::from(self.stemmer.stem(word));
            let k = super::keys::stem_key(&s);
            if m.len() < STEM_MEMO_LIMIT {
                m.insert(word.to_string(), (s.clone(), k));
            }
            (s, k)
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn analyzer() -> Analyzer {
        Analyzer::new(AnalyzerSettings {
            stop_words: ["the", "of", "to", "and", "in", "a", "has"].map(String::from).to_vec(),
            outlet_names: vec!["Moscow Times".into(), "TASS".into()],
            ngram_max: 2,
            stemmer: "english".into(),
        })
    }

    fn assert_tokens(text: &str, expected: &[&str]) {
        assert_eq!(analyzer().stems(text), expected, "analysing {text:?}");
    }

    #[test]
    fn lowercases_before_stemming_and_keeps_compounds() {
        assert_tokens(
            "Negotiations with Moscow-backed separatists",
            &["negoti", "with", "moscow-back", "separatist"],
        );
        assert_tokens("NEGOTIATION", &["negoti"]);
        assert_tokens("the self-proclaimed republics", &["self-proclaim", "republ"]);
    }

    #[test]
    fn outlet_names_are_never_terms_but_the_city_is() {
        assert_tokens("Moscow Times reported, TASS said", &["report", "said"]);
        assert_tokens("talks in Moscow", &["talk", "moscow"]);
    }

    #[test]
    fn bigrams_join_adjacent_kept_terms() {
        let a = analyzer();
        assert_eq!(
            a.features("purely defensive drills"),
            vec!["pure", "defens", "drill", "pure defens", "defens drill"]
        );
    }

    #[test]
    fn any_ngram_max_from_a_model_file_is_bounded_by_the_sentence() {
        let mut s = analyzer().settings().clone();
        s.ngram_max = usize::MAX;
        let a = Analyzer::new(s);
        assert_eq!(a.features("purely defensive").len(), 3);
    }

    #[test]
    fn spelling_variants_stay_apart() {
        assert_tokens("Kiev Kyiv Donbass Donbas", &["kiev", "kyiv", "donbass", "donba"]);
    }
}
