//! What training saw and reached ([`TrainingStats`]), and when that makes a model weak.

use serde::{Deserialize, Serialize};

/// Below this many weakly labelled sentences a model is flagged as weak.
pub const WEAK_LABELLED_SENTENCES: usize = 200;
/// A model is flagged as weak when fewer than this share of its lexicon entries fired in the
/// text it was trained on (the classifier learnt nothing about the others).
pub const WEAK_FIRED_SHARE: f64 = 0.5;

/// A model is flagged as weak when one side has fewer than 1/this of the other side's
/// lexicon-labelled sentences.
pub const WEAK_SIDE_RATIO: usize = 10;

/// How every weak-model warning begins ([`TrainingStats::weaknesses_in`]), after the
/// `warning: ` the jobs print and record it under.
pub const WEAK_MODEL: &str = "weak model: ";

/// Whether a line of run.json's `problems` is a weak-model warning (`warning: weak model: …`).
pub fn is_weak_model_warning(line: &str) -> bool {
    line.strip_prefix("warning: ")
        .is_some_and(|w| w.starts_with(WEAK_MODEL))
}

/// What training saw and reached, kept in the model so a user can judge it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingStats {
    pub articles: usize,
    pub sentences: usize,
    pub labelled_kremlin: usize,
    pub labelled_western: usize,
    /// Lexicon-labelled sentences actually trained on (after the cap), before balancing and
    /// before the repetition that weights propagated rows (which are not counted here).
    pub trained_kremlin: usize,
    pub trained_western: usize,
    /// Rows of the balanced training matrix (the smaller side oversampled to the larger;
    /// with label propagation, lexicon-labelled rows repeated 1/β times first).
    pub training_rows: usize,
    /// Columns active in the training rows (others get weight exactly 0 under L2).
    pub active_features: usize,
    pub training_accuracy: f64,
    /// Euclidean norm of the objective's gradient at the returned weights: near 0 means the
    /// solver converged (the solver's iteration count is not recorded).
    pub final_gradient_norm: f64,
    pub masked_terms: usize,
    /// Entries of the model's lexicon in the training articles' languages, and how many fired
    /// at least once in the training text: the figures of the weak-model warning (0 and 0 in
    /// a model of format 1; models before session 7 counted every language's entries).
    #[serde(default)]
    pub lexicon_entries: usize,
    #[serde(default)]
    pub lexicon_entries_fired: usize,
    /// Sentences given their article's side by label propagation (not counted in
    /// `labelled_*`, which the weak-model warning uses); 0 with propagation off.
    #[serde(default)]
    pub propagated_kremlin: usize,
    #[serde(default)]
    pub propagated_western: usize,
    /// The training articles' languages (`lang` codes, sorted): `score` says when it meets an
    /// article in another language, which only the lexicon prior can score. Empty in models
    /// from before session 10 (then nothing is said) and left out of their JSON.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// Lexicon-labelled sentences per training language, when there were two or more
    /// languages (a one-language model's are `labelled_*`): a language with few of them is
    /// scored mostly by its lexicon prior, which the total hides (session 35: the 49 English
    /// and 20 Russian dev articles gave 230 in all, 37 of them Russian, and no warning).
    /// Left out of model.json when empty.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub labelled_by_language: std::collections::BTreeMap<String, LanguageLabels>,
    /// Trained in corpus mode (`run` or `train` given articles beside the seeds): the
    /// weak-model remedy is then more articles, not the mode already in use, also when
    /// `score` applies the model. Left out of model.json when false (models before session
    /// 23 read as false).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub corpus_mode: bool,
}

/// A language's lexicon-labelled training sentences, by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LanguageLabels {
    pub kremlin: usize,
    pub western: usize,
}

impl TrainingStats {
    /// Why a model trained on this is weak (empty when it is not), each reason with its
    /// remedy. `train` and `score` print these as warnings.
    /// In corpus mode ([`corpus_mode`](Self::corpus_mode)) the remedy is more articles, not
    /// the mode already in use.
    pub fn weaknesses(&self) -> Vec<String> {
        self.weakness_items().into_iter().map(|(_, m)| m).collect()
    }

    /// [`weaknesses`](Self::weaknesses), each with what it is about (`labelled`,
    /// `labelled:<lang>`, `fired`): a retrain's "what changed" pairs the two models' by it,
    /// so a weakness that went away (or came) is said, not silently dropped.
    pub fn weakness_items(&self) -> Vec<(String, String)> {
        let (more, cover) = if self.corpus_mode {
            (
                "retrain with more seed articles, or with more articles beside them",
                "retrain with more seed articles covering the events you score, or with more articles beside them",
            )
        } else {
            (
                "train on more seed articles, or give the articles to compare to `run` beside the seeds (corpus mode)",
                "train on more seed articles covering the events you score, or use corpus mode (`run` with the articles beside the seeds)",
            )
        };
        let mut out = Vec::new();
        let labelled = self.labelled_kremlin + self.labelled_western;
        if labelled < WEAK_LABELLED_SENTENCES {
            out.push((
                "labelled".to_string(),
                format!(
                "{WEAK_MODEL}trained on only {labelled} lexicon-labelled sentence(s) ({} Kremlin, {} Western; fewer than {WEAK_LABELLED_SENTENCES}), so its learned weights are uncertain and its scores rest mostly on the lexicon prior; remedy: {more}",
                self.labelled_kremlin, self.labelled_western
            ),
            ));
        } else {
            // Enough in all, but perhaps not in each language: a language's terms are learned
            // from its own sentences only.
            for (lang, l) in &self.labelled_by_language {
                let n = l.kremlin + l.western;
                if n < WEAK_LABELLED_SENTENCES {
                    let remedy = if self.corpus_mode {
                        format!("retrain with more `{lang}` articles beside the seeds")
                    } else {
                        format!("train on more `{lang}` seed articles, or use corpus mode (`run` with the `{lang}` articles beside the seeds)")
                    };
                    out.push((
                        format!("labelled:{lang}"),
                        format!(
                        "{WEAK_MODEL}trained on only {n} lexicon-labelled sentence(s) in `{lang}` ({} Kremlin, {} Western; fewer than {WEAK_LABELLED_SENTENCES}) of its {labelled}, so its learned weights for `{lang}` terms are uncertain and `{lang}` scores rest mostly on the `{lang}` lexicon prior; remedy: {remedy}",
                        l.kremlin, l.western
                    ),
                    ));
                }
            }
        }
        // Enough in all, but nearly all of one side: a corpus of one camp's outlets trains
        // the other side on the seeds' few sentences, repeated to balance (review G, session
        // 50: no word, and the seeds moved to the other side).
        let (k, w) = (self.labelled_kremlin, self.labelled_western);
        if labelled >= WEAK_LABELLED_SENTENCES && k.min(w) * WEAK_SIDE_RATIO < k.max(w) {
            let (small, few, many) = if k < w { ("Kremlin", k, w) } else { ("Western", w, k) };
            out.push((
                "sides".to_string(),
                format!(
                    "{WEAK_MODEL}one-sided training: {k} Kremlin against {w} Western lexicon-labelled sentences, so the {small} side is learned from {few} sentence(s) (repeated to balance the other side's {many}) and its learned weights are uncertain; remedy: add articles carrying {small}-side framing (seed articles, or articles beside them)"
                ),
            ));
        }
        if self.lexicon_entries > 0
            && (self.lexicon_entries_fired as f64) < WEAK_FIRED_SHARE * self.lexicon_entries as f64
        {
            out.push((
                "fired".to_string(),
                format!(
                "{WEAK_MODEL}only {} of the {} lexicon entries in its training languages fired in the training text, so the classifier learned nothing about the others (they count only through the lexicon prior); remedy: {cover}",
                self.lexicon_entries_fired, self.lexicon_entries
            ),
            ));
        }
        out
    }

    /// One note per language among `scored` (language → articles scored in it) that the
    /// model was not trained on: the classifier knows none of those articles' terms, so their
    /// scores are the lexicon prior alone. Empty when the model does not record its
    /// training languages (models before session 10).
    pub fn untrained_languages(&self, scored: &std::collections::BTreeMap<String, usize>) -> Vec<String> {
        if self.languages.is_empty() {
            return Vec::new();
        }
        scored
            .iter()
            .filter(|(lang, n)| **n > 0 && !self.languages.contains(lang))
            .map(|(lang, n)| {
                format!(
                    "{n} article(s) in `{lang}`, a language this model was not trained on (it was trained on {}): the classifier knows none of their terms, so their scores are the `{lang}` lexicon alone (as the lexicon prior); remedy: train with `{lang}` articles (`run` with them beside the seeds)",
                    self.languages.join(", ")
                )
            })
            .collect()
    }
}

#[cfg(test)]
pub(super) fn stats(labelled_kremlin: usize, labelled_western: usize, entries: usize, fired: usize) -> TrainingStats {
    TrainingStats {
        articles: 1,
        sentences: 10,
        labelled_kremlin,
        labelled_western,
        trained_kremlin: labelled_kremlin,
        trained_western: labelled_western,
        training_rows: 0,
        active_features: 0,
        training_accuracy: 1.0,
        final_gradient_norm: 0.0,
        masked_terms: 0,
        lexicon_entries: entries,
        lexicon_entries_fired: fired,
        propagated_kremlin: 0,
        propagated_western: 0,
        languages: vec![],
        labelled_by_language: Default::default(),
        corpus_mode: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Review G, session 50: a corpus of one camp's outlets gave no warning.
    #[test]
    fn a_side_with_under_a_tenth_of_the_others_sentences_is_a_weakness() {
        let keys = |s: TrainingStats| s.weakness_items().into_iter().map(|(k, _)| k).collect::<Vec<_>>();
        // 25 Western against 900 Kremlin: 25 × 10 = 250 < 900.
        let one_sided = stats(900, 25, 10, 10);
        assert_eq!(keys(one_sided.clone()), ["sides"]);
        assert_eq!(
            one_sided.weaknesses()[0],
            "weak model: one-sided training: 900 Kremlin against 25 Western lexicon-labelled sentences, so the Western side is learned from 25 sentence(s) (repeated to balance the other side's 900) and its learned weights are uncertain; remedy: add articles carrying Western-side framing (seed articles, or articles beside them)"
        );
        // At exactly a tenth it is not flagged; a small total is the other warning's.
        assert!(keys(stats(100, 1000, 10, 10)).is_empty());
        assert_eq!(keys(stats(99, 1000, 10, 10)), ["sides"]);
        assert_eq!(keys(stats(150, 10, 10, 10)), ["labelled"]);
    }

    #[test]
    fn articles_in_a_language_the_model_never_saw_are_named() {
        let scored: std::collections::BTreeMap<String, usize> =
            [("en".to_string(), 3), ("ru".to_string(), 2), ("de".to_string(), 0)].into();
        // A model trained on English: one note, for the two Russian articles (none for the
        // language with no article).
        let mut s = stats(100, 100, 92, 46);
        s.languages = vec!["en".into()];
        let notes = s.untrained_languages(&scored);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].starts_with("2 article(s) in `ru`"), "{}", notes[0]);
        assert!(
            notes[0].contains("trained on en") && notes[0].contains("remedy"),
            "{}",
            notes[0]
        );
        // Trained on both: nothing to say. A model that does not record its languages
        // (before session 10): nothing either.
        s.languages = vec!["en".into(), "ru".into()];
        assert!(s.untrained_languages(&scored).is_empty());
        assert!(stats(100, 100, 92, 46).untrained_languages(&scored).is_empty());
    }

    #[test]
    fn a_language_with_few_labelled_sentences_is_named_when_the_total_is_enough() {
        // 250 English + 37 Russian = 287 labelled in all (≥ 200: no overall warning), but
        // 37 < 200 in Russian: one warning, for `ru`, with its figures; none for `en`.
        let mut s = stats(134, 153, 216, 150);
        s.languages = vec!["en".into(), "ru".into()];
        let by = |k, w| LanguageLabels { kremlin: k, western: w };
        s.labelled_by_language = [("en".to_string(), by(120, 130)), ("ru".to_string(), by(14, 23))].into();
        let w = s.weaknesses();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].starts_with(
                "weak model: trained on only 37 lexicon-labelled sentence(s) in `ru` (14 Kremlin, 23 Western; fewer than 200) of its 287,"
            ) && w[0].ends_with("remedy: train on more `ru` seed articles, or use corpus mode (`run` with the `ru` articles beside the seeds)"),
            "{}",
            w[0]
        );
        assert!(is_weak_model_warning(&format!("warning: {}", w[0])));
        s.corpus_mode = true;
        assert!(s.weaknesses()[0].ends_with("remedy: retrain with more `ru` articles beside the seeds"));
        // 200 in each: nothing. Under 200 in all: the overall warning alone, not one per
        // language as well.
        s.labelled_by_language = [("en".to_string(), by(100, 100)), ("ru".to_string(), by(100, 100))].into();
        assert!(s.weaknesses().is_empty());
        let mut small = stats(10, 15, 216, 150);
        small.labelled_by_language = [("en".to_string(), by(5, 5)), ("ru".to_string(), by(5, 10))].into();
        let w = small.weaknesses();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].contains("only 25 lexicon-labelled sentence(s) (10 Kremlin"),
            "{}",
            w[0]
        );
        // model.json: left out when empty (one-language models keep their bytes), read back.
        let json = serde_json::to_string(&stats(1, 1, 1, 1)).unwrap();
        assert!(!json.contains("labelled_by_language"), "{json}");
        let back: TrainingStats = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn weak_models_are_named_with_their_figures_and_remedy() {
        // 10 + 15 labelled (< 200) and 26 of 92 entries fired (< half): both warnings.
        let w = stats(10, 15, 92, 26).weaknesses();
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w[0].contains("only 25 lexicon-labelled") && w[0].contains("more seed articles"),
            "{}",
            w[0]
        );
        assert!(
            w[1].contains("only 26 of the 92 lexicon entries in its training languages")
                && w[1].contains("corpus mode"),
            "{}",
            w[1]
        );
        // 200 labelled and exactly half the entries fired: not weak.
        assert!(stats(100, 100, 92, 46).weaknesses().is_empty());
        // As the jobs print and record them, they are recognised (the report shows them).
        assert!(w.iter().all(|m| is_weak_model_warning(&format!("warning: {m}"))));
        assert!(!is_weak_model_warning("note: 2 of the 2 scored articles are in …"));
        // 45 of 92 fired is under half.
        assert_eq!(stats(100, 100, 92, 45).weaknesses().len(), 1);
        // A format-1 model records no entry counts: only the sentence figure is judged.
        assert!(stats(150, 150, 0, 0).weaknesses().is_empty());
        // In corpus mode the remedy is more articles, not the mode already in use.
        let corpus = TrainingStats {
            corpus_mode: true,
            ..stats(10, 15, 92, 26)
        };
        let w = corpus.weaknesses();
        assert_eq!(w.len(), 2);
        assert!(
            w.iter()
                .all(|m| m.contains("with more articles beside them") && !m.contains("corpus mode")),
            "{w:?}"
        );
    }
}
