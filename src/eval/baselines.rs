//! The lexicon baselines every classifier setting is measured against, and the gaps to the
//! strongest of them.
//!
//! Three simple counts of the same lexicon, each its own setting:
//! - `lexicon_net`: Σ (Kremlin − Western weight) over the article's sentences (the
//!   `lexicon_score` column of `scores.csv`): how much evidence, not only which way.
//! - `lexicon_per_sentence`: the same divided by the number of sentences (evidence density:
//!   long articles do not win by length).
//! - `lexicon_ratio`: (K − W) / (K + W), in [-1, +1]; throws away how much evidence there
//!   is (one hit scores like a hundred). Kept because it was eval's only baseline before.
//! - `lexicon_per_sentence_voice`: per sentence, hits in quoted or reported speech at weight
//!   q (`EvalOptions::quoted_weight`, 0.5), scare-quoted hits counted for the other side,
//!   own-voice hits as they are; summed and divided by the number of sentences.
//!
//! The gap of a classifier is taken to the strongest of them on the evaluated articles (the
//! highest AUC; choosing the best baseline on the same articles favours the baseline, which
//! is the conservative direction).

use super::{Gap, Scored, SentenceReason, SettingResult};
use crate::document::Document;
use crate::pipeline::Resources;

pub const LEXICON_NET: &str = "lexicon_net";
pub const LEXICON_PER_SENTENCE: &str = "lexicon_per_sentence";
pub const LEXICON_RATIO: &str = "lexicon_ratio";
pub const LEXICON_PER_SENTENCE_VOICE: &str = "lexicon_per_sentence_voice";

/// The lexicon settings' names, in the order they are reported.
pub const LEXICON_SETTINGS: [&str; 4] = [
    LEXICON_NET,
    LEXICON_PER_SENTENCE,
    LEXICON_RATIO,
    LEXICON_PER_SENTENCE_VOICE,
];

fn sums(doc: &Document) -> (f64, f64) {
    doc.sentences.iter().fold((0.0, 0.0), |(k, w), s| {
        (k + s.evidence.kremlin_weight, w + s.evidence.western_weight)
    })
}

/// Σ over sentences of (Kremlin − Western lexicon weight).
pub fn lexicon_net_score(doc: &Document) -> f64 {
    let (k, w) = sums(doc);
    k - w
}

/// [`lexicon_net_score`] / number of sentences (0 for an article without sentences).
pub fn lexicon_per_sentence_score(doc: &Document) -> f64 {
    lexicon_net_score(doc) / doc.sentences.len().max(1) as f64
}

/// (K − W) / (K + W) summed over the article's sentences; 0 when no entry fires.
pub fn lexicon_ratio_score(doc: &Document) -> f64 {
    let (k, w) = sums(doc);
    if k + w > 0.0 {
        (k - w) / (k + w)
    } else {
        0.0
    }
}

/// Σ over sentences of the voice-weighted net weight
/// ([`crate::voice::voice_lexicon_weights`]) / number of sentences.
pub fn lexicon_per_sentence_voice_score(doc: &Document, res: &Resources, q: f64) -> f64 {
    let w = crate::voice::voice_lexicon_weights(&res.voice, &res.lexicon, doc, q);
    w.iter().sum::<f64>() / doc.sentences.len().max(1) as f64
}

/// What each lexicon setting computes, for its description.
pub fn description(name: &str) -> &'static str {
    match name {
        LEXICON_NET => {
            "net lexicon weight Σ(Kremlin − Western) over the article (the lexicon_score column); no classifier"
        }
        LEXICON_PER_SENTENCE => "net lexicon weight / number of sentences; no classifier",
        LEXICON_PER_SENTENCE_VOICE => {
            "net lexicon weight / number of sentences, quoted and reported hits × quoted_weight, scare-quoted hits for the other side; no classifier"
        }
        _ => "(Kremlin − Western weight) / (Kremlin + Western weight) over the article; no classifier",
    }
}

/// The article scored by one lexicon count, with its sentences' net weights as reasons.
pub(super) fn lexicon_scored(name: &str, doc: &Document, res: &Resources, q: f64) -> Scored {
    let score = match name {
        LEXICON_NET => lexicon_net_score(doc),
        LEXICON_PER_SENTENCE => lexicon_per_sentence_score(doc),
        LEXICON_PER_SENTENCE_VOICE => lexicon_per_sentence_voice_score(doc, res, q),
        _ => lexicon_ratio_score(doc),
    };
    Scored {
        id: doc.article.id.clone(),
        label: doc.article.label.expect("labelled"),
        score,
        sentences: doc
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| SentenceReason {
                index: i,
                value: s.evidence.score(),
                text: s.text.clone(),
            })
            .collect(),
    }
}

/// The lexicon setting with the highest AUC (the first of equals, in report order).
pub fn strongest(settings: &[SettingResult]) -> Option<&SettingResult> {
    let auc = |s: &SettingResult| s.metrics.auc.unwrap_or(f64::NEG_INFINITY);
    LEXICON_SETTINGS
        .iter()
        .filter_map(|n| settings.iter().find(|s| s.name == *n))
        .fold(None, |best: Option<&SettingResult>, s| match best {
            Some(b) if auc(b) >= auc(s) => Some(b),
            _ => Some(s),
        })
}

/// Each classifier or masked setting minus the strongest lexicon count.
pub fn gaps(settings: &[SettingResult]) -> Vec<Gap> {
    let Some(lex) = strongest(settings) else {
        return vec![];
    };
    settings
        .iter()
        .filter(|s| s.name.starts_with("classifier") || s.name.starts_with("masked"))
        .map(|s| Gap {
            classifier: s.name.clone(),
            baseline: lex.name.clone(),
            auc: s.metrics.auc.zip(lex.metrics.auc).map(|(a, b)| a - b),
            accuracy: s.metrics.accuracy - lex.metrics.accuracy,
        })
        .collect()
}

/// Metrics of a lexicon setting, for tests that build settings by hand.
#[cfg(test)]
fn fake(name: &str, auc: f64) -> SettingResult {
    use super::metrics::Metrics;
    let m = Metrics::new(
        &[1.0, 0.0],
        &[crate::corpus::Side::Kremlin, crate::corpus::Side::Western],
        0,
        1,
    );
    SettingResult {
        name: name.into(),
        description: String::new(),
        metrics: Metrics { auc: Some(auc), ..m },
        near_chance: false,
        articles: vec![],
        worst: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::fixtures::{doc, resources};

    #[test]
    fn gaps_are_taken_to_the_strongest_count() {
        let s = vec![
            fake("classifier_frozen", 0.95),
            fake(LEXICON_NET, 0.947),
            fake(LEXICON_PER_SENTENCE, 0.949),
            fake(LEXICON_RATIO, 0.895),
            fake("masked_frozen", 0.5),
        ];
        assert_eq!(strongest(&s).unwrap().name, LEXICON_PER_SENTENCE);
        let g = gaps(&s);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].baseline, LEXICON_PER_SENTENCE);
        assert!((g[0].auc.unwrap() - 0.001).abs() < 1e-12);
        assert!((g[1].auc.unwrap() + 0.449).abs() < 1e-12);
        // Equal AUCs: the first in report order (net) is the baseline.
        let t = vec![fake(LEXICON_NET, 0.9), fake(LEXICON_PER_SENTENCE, 0.9)];
        assert_eq!(strongest(&t).unwrap().name, LEXICON_NET);
    }

    #[test]
    fn lexicon_scores_by_hand() {
        // "the Kiev regime" hits Kiev (1.5) and Kiev regime (2); "Kyiv" 1.5 Western:
        // net 3.5 − 1.5 = 2; over 2 sentences 1; ratio (3.5 − 1.5) / (3.5 + 1.5) = 0.4.
        // No hit at all → 0 in all three.
        let d = doc("a", None, &["They blamed the Kiev regime. Officials in Kyiv replied."]);
        assert!((lexicon_net_score(&d) - 2.0).abs() < 1e-15);
        assert!((lexicon_per_sentence_score(&d) - 1.0).abs() < 1e-15);
        assert!((lexicon_ratio_score(&d) - 0.4).abs() < 1e-15);
        let none = doc("b", None, &["Nothing to see."]);
        assert_eq!(lexicon_net_score(&none), 0.0);
        assert_eq!(lexicon_per_sentence_score(&none), 0.0);
        assert_eq!(lexicon_ratio_score(&none), 0.0);
    }

    #[test]
    fn voice_count_weighs_quotes_by_q() {
        let res = resources();
        // Sentence 1, own voice: Kiev regime 3.5 Kremlin. Sentence 2 quotes "Kyiv" (1.5
        // Western) in a direct quote: −1.5 · q. Per sentence, q = 0.5: (3.5 − 0.75) / 2.
        let d = doc(
            "a",
            None,
            &[
                "They blamed the Kiev regime.",
                "\"Kyiv will stand and fight on,\" the mayor said.",
            ],
        );
        assert!((lexicon_per_sentence_voice_score(&d, &res, 0.5) - 1.375).abs() < 1e-12);
        assert!((lexicon_per_sentence_voice_score(&d, &res, 1.0) - 1.0).abs() < 1e-12);
        assert!((lexicon_per_sentence_voice_score(&d, &res, 1.0) - lexicon_per_sentence_score(&d)).abs() < 1e-12);
    }
}
