//! The analyzer: tokenize → lowercase → drop outlet names → drop stop words → stem
//! (→ n-grams for the vectoriser). Built once from settings stored in the model.
//!
//! Order matters: rust-stemmers does not lowercase, so tokens are lowercased first; outlet
//! names are dropped before stop words so a multi-word name ("Moscow Times") is seen whole.
//!
//! One analyzer holds a *lane* per language: the default (English) settings at the top level
//! and one [`LanguageSettings`] per other language. Each document goes through its own
//! language's lane; a non-default language's stems carry its prefix ("ru:войн"), so one
//! model's vocabulary holds several languages without any term of one matching the other.

mod lane;

use super::language::{LanguageDetector, LanguageSettings, DEFAULT_LANGUAGE};
use super::sentences::split_sentences_ending;
use crate::error::Result;
use crate::text::normalize::normalize;
use compact_str::CompactString;
use lane::{push_lower, Lane};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Everything that decides what a text's terms are. Stored in `model.json` so a saved model
/// analyses new text exactly as it analysed its training text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalyzerSettings {
    /// Lowercased words never used as terms (default language).
    pub stop_words: Vec<String>,
    /// Outlet names (possibly several words) removed so no score can come from a name.
    pub outlet_names: Vec<String>,
    /// Longest n-gram the vectoriser builds (1 = unigrams only).
    pub ngram_max: usize,
    /// Snowball algorithm of the default language ("english"); an unknown name is an error.
    pub stemmer: String,
    /// Languages besides the default one, each analysed by its own settings. Absent from
    /// the JSON when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageSettings>,
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

/// A word as an exact-form lexicon entry compares it: lowercased, «ё» as «е» (as the
/// Russian analyzer folds it; no English word has it), a possessive `'s` (or `’s`) or a
/// plural's bare apostrophe cut ("Kiev's" is the form "kiev", as the analyzer reads it).
pub fn exact_form(word: &str) -> String {
    let w = word.to_lowercase().replace('ё', "е");
    let bare = ["'s", "\u{2019}s", "'", "\u{2019}"]
        .iter()
        .find_map(|p| w.strip_suffix(p))
        .filter(|b| !b.is_empty());
    bare.map_or_else(|| w.clone(), str::to_string)
}

/// The analyzer, built once from [`AnalyzerSettings`].
pub struct Analyzer {
    settings: AnalyzerSettings,
    /// The default language first.
    lanes: Vec<Lane>,
    detector: LanguageDetector,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").field("settings", &self.settings).finish()
    }
}

impl Analyzer {
    /// Build every language's lane. An unknown stemmer name (in the data or in a model
    /// file) is an error, never a silent fallback to English.
    pub fn new(settings: AnalyzerSettings) -> Result<Analyzer> {
        let mut lanes = vec![Lane::new(
            DEFAULT_LANGUAGE,
            String::new(),
            &settings.stemmer,
            &settings.stop_words,
            &settings.outlet_names,
            false,
        )?];
        for l in &settings.languages {
            let mut lane = Lane::new(&l.code, l.prefix(), &l.stemmer, &[], &[], true)?;
            lane.min_chars = l.min_token_chars.max(1);
            lane.fold_yo = l.fold_yo;
            lane.elisions = l.elisions.iter().map(|w| w.to_lowercase()).collect();
            lane.abbreviations = l.abbreviations.iter().map(|a| a.to_lowercase()).collect();
            lane.final_abbreviations = l.final_abbreviations.iter().map(|a| a.to_lowercase()).collect();
            lane.unstemmed = l
                .unstemmed
                .iter()
                .map(|w| {
                    let mut b = String::new();
                    push_lower(&mut b, w, l.fold_yo);
                    b
                })
                .collect();
            // The default language's outlet names are written in Latin letters inside this
            // language's text too ("RT", "BBC").
            let names: Vec<String> = l.outlet_names.iter().chain(&settings.outlet_names).cloned().collect();
            lane.set_words(&l.stop_words, &names);
            lanes.push(lane);
        }
        let codes: Vec<(String, String)> = std::iter::once((DEFAULT_LANGUAGE.to_string(), settings.stemmer.clone()))
            .chain(settings.languages.iter().map(|l| (l.code.clone(), l.stemmer.clone())))
            .collect();
        Ok(Analyzer {
            detector: LanguageDetector::new(&codes),
            settings,
            lanes,
        })
    }

    pub fn settings(&self) -> &AnalyzerSettings {
        &self.settings
    }

    /// The language codes this analyzer has, the default first.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.lanes.iter().map(|l| l.code.as_str())
    }

    /// The detected language of a text, among this analyzer's.
    pub fn detect(&self, text: &str) -> &str {
        self.detector.detect(text)
    }

    /// An article's detected language, or a message when it is in a language detected only
    /// to be refused (Ukrainian: see `text::language::UNSUPPORTED`).
    pub fn detect_article(&self, text: &str) -> std::result::Result<&str, String> {
        self.detector.detect_article(text)
    }

    /// Our code for a `lang` value from an input, or a message saying there is no analyzer.
    pub fn resolve_language(&self, given: &str) -> std::result::Result<&str, String> {
        self.detector.resolve(given)
    }

    /// [`resolve_language`](Self::resolve_language) for an article's text: a Latin-script
    /// language given for text mostly in another script is refused.
    pub fn resolve_language_for(&self, given: &str, text: &str) -> std::result::Result<&str, String> {
        self.detector.resolve_for(given, text)
    }

    /// An article's sentences in a script its language `lang` does not read, when there are
    /// enough to warn of ([`crate::text::language::LanguageDetector::foreign_sentences`]):
    /// (how many, of how many, the script's name).
    pub fn foreign_sentences<'t>(
        &self,
        lang: &str,
        sentences: impl IntoIterator<Item = &'t str>,
    ) -> Option<(usize, usize, String)> {
        self.detector.foreign_sentences(lang, sentences)
    }

    /// The lane of a language code; the default for an unknown code (callers resolve codes
    /// first).
    fn lane(&self, lang: &str) -> &Lane {
        self.lanes.iter().find(|l| l.code == lang).unwrap_or(&self.lanes[0])
    }

    /// The stemmed content terms of a sentence in the default language, in order.
    pub fn terms(&self, text: &str) -> Vec<Term> {
        self.terms_and_keys(text).0
    }

    /// The terms and their keys ([`super::keys::stem_key`] of each stem), in order, in the
    /// default language. This is the hot loop of every command: lowercased tokens share one
    /// buffer (one allocation per sentence, not per token) and the memo returns each stem
    /// with its key.
    pub fn terms_and_keys(&self, text: &str) -> (Vec<Term>, Vec<u64>) {
        self.lanes[0].terms_and_keys(text)
    }

    /// The same in a given language.
    pub fn terms_and_keys_in(&self, lang: &str, text: &str) -> (Vec<Term>, Vec<u64>) {
        self.lane(lang).terms_and_keys(text)
    }

    /// Sentences of a paragraph, knowing the language's abbreviations and which of them end
    /// a sentence before a capitalised word.
    pub fn sentences_in(&self, lang: &str, text: &str) -> Vec<Range<usize>> {
        let lane = self.lane(lang);
        split_sentences_ending(text, &|w| lane.abbreviations.contains(w), &|w| {
            lane.final_abbreviations.contains(w)
        })
    }

    /// The stems only (what lexicon matching and the vectoriser consume), default language.
    pub fn stems(&self, text: &str) -> Vec<String> {
        self.stems_in(DEFAULT_LANGUAGE, text)
    }

    /// The stems of a text in a given language.
    pub fn stems_in(&self, lang: &str, text: &str) -> Vec<String> {
        self.lane(lang)
            .terms_and_keys(text)
            .0
            .into_iter()
            .map(|t| t.stem.into_string())
            .collect()
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

    /// Features of a sentence in the default language: its n-grams.
    pub fn features(&self, text: &str) -> Vec<String> {
        self.ngrams(&self.stems(text))
    }

    /// The first word of `text` that the language's analyzer drops for being shorter than
    /// its minimum token length (`Z` in "Operation Z"), with that length: a lexicon phrase
    /// holding one would match as if the word were not there. Stop words ("a", "I") are not
    /// counted: they would be dropped anyway, and keep the phrase's sense.
    /// The phrase is normalised first, as article text is ([`Self::phrase_in`]).
    pub fn first_too_short_in(&self, lang: &str, text: &str) -> Option<(String, usize)> {
        let lane = self.lane(lang);
        let text = normalize(text);
        super::tokens::tokenize_min(&text, 1)
            .into_iter()
            .filter(|t| t.text.chars().count() < lane.min_chars)
            .find(|t| {
                let mut w = String::new();
                push_lower(&mut w, t.text, lane.fold_yo);
                !lane.stop.contains(&w)
            })
            .map(|t| (t.text.to_string(), lane.min_chars))
    }

    /// Every language's `pair-only` words as terms (`ru:на`): no feature alone (training
    /// leaves them out of the vocabulary; `keyness` out of its counts).
    pub fn lone_pair_only_terms(&self) -> rustc_hash::FxHashSet<String> {
        (self.settings().languages.iter())
            .flat_map(|l| self.pair_only_terms(&l.code))
            .collect()
    }

    /// The terms of a language's `pair-only` words (`ru:на`): features only inside their
    /// bigrams (`languages.txt`).
    pub fn pair_only_terms(&self, lang: &str) -> Vec<String> {
        let prefix = self.lane(lang).prefix.clone();
        self.settings()
            .languages
            .iter()
            .filter(|l| l.code == lang)
            .flat_map(|l| l.pair_only.iter().map(|w| format!("{prefix}{w}")))
            .collect()
    }

    /// The words of `text` (lowercased) that the `lang` lane drops as stop words or outlet
    /// names, in order, as a lexicon phrase loses them.
    pub fn dropped_in(&self, lang: &str, text: &str) -> Vec<String> {
        super::tokens::tokenize_min(&normalize(text), 1)
            .into_iter()
            .map(|t| t.text.to_lowercase())
            .filter(|w| self.stems_in(lang, w).is_empty())
            .collect()
    }

    /// Analyse a lexicon phrase to the stem sequence it must match (default language).
    pub fn phrase(&self, phrase: &str) -> Vec<String> {
        self.phrase_in(DEFAULT_LANGUAGE, phrase)
    }

    /// Analyse a lexicon phrase in a given language, normalised first as the cleaner
    /// normalises article text: a phrase pasted from an article with a curly apostrophe
    /// (`people’s republics`) split at it and never matched, while the article's own
    /// `People’s` had become `People's` (review, session 33).
    pub fn phrase_in(&self, lang: &str, phrase: &str) -> Vec<String> {
        self.stems_in(lang, &normalize(phrase))
    }

    /// The words of a phrase as written, lowercased, one for each stem
    /// [`phrase_in`](Self::phrase_in) gives (stop words left out as there): what an
    /// exact-form lexicon entry (`"demilitarisation"`) must match.
    pub fn phrase_forms_in(&self, lang: &str, phrase: &str) -> Vec<String> {
        let text = normalize(phrase);
        let (terms, _) = self.lane(lang).terms_and_keys(&text);
        terms.iter().map(|t| exact_form(&text[t.span.clone()])).collect()
    }

    /// Analyse a phrase in the language it is written in (detected among ours: a Cyrillic
    /// phrase is Russian when Russian is the only Cyrillic language), as `kwic` does.
    pub fn phrase_any(&self, phrase: &str) -> Vec<String> {
        self.phrase_in(self.detect(phrase), phrase)
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
            languages: vec![],
        })
        .unwrap()
    }

    /// Review finding (session 33): a phrase pasted from an article with a curly apostrophe
    /// split at it (`s` too short, refused), where the article's text had been normalised.
    #[test]
    fn a_phrase_is_normalised_as_article_text_is() {
        let a = analyzer();
        assert_eq!(a.phrase("people’s republics"), a.phrase("people's republics"));
        assert_eq!(
            a.phrase("people's republics"),
            ["peopl", "republ"],
            "Snowball step 0 takes the 's"
        );
        assert_eq!(a.first_too_short_in("en", "people’s republics"), None);
        assert_eq!(a.first_too_short_in("en", "Operation Z"), Some(("Z".to_string(), 2)));
        assert_eq!(a.phrase_any("“Kiev regime”"), a.phrase("Kiev regime"));
    }

    #[test]
    fn elided_words_are_cut_from_the_word_they_are_written_onto() {
        let fr = |elisions: &[&str]| {
            Analyzer::new(AnalyzerSettings {
                languages: vec![LanguageSettings {
                    code: "fr".into(),
                    stemmer: "french".into(),
                    stop_words: vec!["il".into()],
                    outlet_names: vec![],
                    abbreviations: vec![],
                    final_abbreviations: vec![],
                    min_token_chars: 2,
                    unstemmed: vec![],
                    fold_yo: false,
                    elisions: elisions.iter().map(|w| w.to_string()).collect(),
                    pair_only: vec![],
                }],
                ..analyzer().settings().clone()
            })
            .unwrap()
        };
        let with = fr(&["l", "d", "qu"]);
        // The same stems as the bare words (and the same spans as the words in the text).
        assert_eq!(
            with.stems_in("fr", "L'invasion russe d'Ukraine qu'il redoute"),
            with.stems_in("fr", "invasion russe Ukraine redoute")
        );
        let terms = with.terms_and_keys_in("fr", "Après l'invasion").0;
        assert_eq!(terms.iter().map(|t| t.span.clone()).collect::<Vec<_>>(), [0..6, 9..17]); // "Après": è is two bytes
                                                                                             // Not a listed elision: one token, as without the option; "l'a": the rest is too short.
        assert_eq!(
            with.stems_in("fr", "aujourd'hui"),
            fr(&[]).stems_in("fr", "aujourd'hui")
        );
        assert_eq!(with.stems_in("fr", "il l'a dit"), with.stems_in("fr", "dit"));
        // Without the option the elided word stays on: the case the option is for.
        assert_ne!(fr(&[]).stems_in("fr", "l'invasion"), with.stems_in("fr", "invasion"));
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
        // The possessive is the name too, one word or several.
        assert_tokens("the Moscow Times's reporter, TASS's editor", &["report", "editor"]);
        assert_tokens("Moscow's reporter", &["moscow", "report"]);
    }

    /// A name whose first word is a stop word ("The Kyiv Independent": one table flags
    /// "the" as both): the name goes whole, the stop word alone still goes, and the name's
    /// other words alone are kept.
    #[test]
    fn a_name_starting_with_a_stop_word_goes_whole() {
        let mut s = analyzer().settings().clone();
        s.outlet_names.push("The Kyiv Independent".into());
        let a = Analyzer::new(s).unwrap();
        assert_eq!(a.stems("The Kyiv Independent reported"), ["report"]);
        assert_eq!(a.stems("the independent press in Kyiv"), ["independ", "press", "kyiv"]);
        assert_eq!(a.stems("Moscow and the times"), ["moscow", "time"]);
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
        let a = Analyzer::new(s).unwrap();
        assert_eq!(a.features("purely defensive").len(), 3);
    }

    /// The per-thread memo holds each word's stop-word and name flags: two analyzers whose
    /// lists differ must not see each other's, in either order, on the same thread.
    #[test]
    fn analyzers_with_different_word_lists_do_not_share_flags() {
        let with = analyzer();
        let mut s = with.settings().clone();
        s.stop_words.clear();
        s.outlet_names.clear();
        let without = Analyzer::new(s).unwrap();
        for _ in 0..2 {
            assert_eq!(with.stems("the TASS report"), ["report"]);
            assert_eq!(without.stems("the TASS report"), ["the", "tass", "report"]);
        }
        // The same lists in another order are the same configuration.
        let mut r = with.settings().clone();
        r.stop_words.reverse();
        assert_eq!(Analyzer::new(r).unwrap().stems("the TASS report"), ["report"]);
    }

    #[test]
    fn spelling_variants_stay_apart() {
        assert_tokens("Kiev Kyiv Donbass Donbas", &["kiev", "kyiv", "donbass", "donba"]);
    }
}
