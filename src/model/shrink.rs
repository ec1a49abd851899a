//! Shrinking the learned weights toward the lexicon where a language's training is thin:
//! an idea measured in `eval --experiments` and **not adopted** (docs/eval.md, "Session 23").
//!
//! A sentence's logit is w·x + b + λ·(net lexicon weight): the lexicon prior is fixed, the
//! classifier's part w·x is learned from the weak labels. Learned from a few dozen short
//! sentences, w holds the training articles' names and topics as much as their framing
//! (Russian dev: leave-one-out 0.910 against the lexicon count's 0.985). The idea: after the
//! fit, multiply every weight of a language's terms by n / (n + n₀), n = that language's
//! lexicon-labelled sentences trained on, so the classifier's part counts little where its
//! language's training is thin and almost fully where it is large (a Russian term's weight
//! is learned from Russian sentences only). The intercept is not shrunk. Chosen on half A
//! of the English dev set (n₀ = 200, best or within 0.002 of the best at every training size
//! tried), it lost on half B at every size, so models are trained with n₀ = 0 (`ClassifierParams::shrink`).

use super::{CrossFit, LabelledSentence};
use crate::text::DEFAULT_LANGUAGE;
use std::collections::BTreeMap;

/// The language of a vocabulary term: the code before the first ':' of a prefixed term
/// (`ru:спецоперац`, `ru:на ru:украине` → `ru`), the default language for an unprefixed one
/// (analysed tokens never contain ':').
pub fn term_language(term: &str) -> &str {
    term.split_once(':').map_or(DEFAULT_LANGUAGE, |(code, _)| code)
}

/// n / (n + n₀); 1 when n₀ = 0 (off), 0 when n = 0 < n₀.
pub fn factor(n: usize, n0: f64) -> f64 {
    if n0 == 0.0 {
        1.0
    } else {
        n as f64 / (n as f64 + n0)
    }
}

/// Each language's factor, from its lexicon-labelled training sentences.
pub fn factors(labelled: &BTreeMap<String, usize>, n0: f64) -> BTreeMap<String, f64> {
    labelled.iter().map(|(l, &n)| (l.clone(), factor(n, n0))).collect()
}

/// Lexicon-labelled (not propagated) sentences trained on, per language.
pub fn labelled_by_language<'a>(labelled: impl IntoIterator<Item = &'a LabelledSentence>) -> BTreeMap<String, usize> {
    let mut by = BTreeMap::new();
    for l in labelled.into_iter().filter(|l| !l.propagated) {
        *by.entry(l.lang.clone()).or_insert(0) += 1;
    }
    by
}

/// Shrink a fit's weights (over every column, `terms` in column order) and its folds'
/// by their languages' factors: the full fit's from every labelled sentence, each fold's
/// from the sentences that fold trained on (those of the articles outside it), as a model
/// trained on those articles alone would be shrunk. Nothing to do when n₀ = 0 (every factor
/// is 1), which is every model's training: no pass over the vocabulary then.
pub fn apply(
    weights: &mut [f64],
    cross: Option<&mut CrossFit>,
    terms: &[String],
    labelled: &[LabelledSentence],
    n0: f64,
) {
    if n0 == 0.0 {
        return;
    }
    let factor = column_factors(terms, &factors(&labelled_by_language(labelled), n0), n0);
    for (w, f) in weights.iter_mut().zip(&factor) {
        *w *= f;
    }
    let Some(cross) = cross else { return };
    let fold_factors: Vec<Vec<f64>> = (0..cross.k())
        .map(|f| {
            let trained = labelled.iter().filter(|l| cross.fold_of(l.article) != f);
            column_factors(terms, &factors(&labelled_by_language(trained), n0), n0)
        })
        .collect();
    for (fold, factor) in cross.folds.iter_mut().zip(&fold_factors) {
        if let Some(fold) = fold {
            *fold = fold.scaled(factor);
        }
    }
}

/// The factor of every column (`terms` in column order); a language without labelled
/// sentences gets [`factor`]`(0, n₀)`.
pub fn column_factors(terms: &[String], by_language: &BTreeMap<String, f64>, n0: f64) -> Vec<f64> {
    terms
        .iter()
        .map(|t| {
            by_language
                .get(term_language(t))
                .copied()
                .unwrap_or_else(|| factor(0, n0))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_belongs_to_its_prefix_language() {
        assert_eq!(term_language("ru:спецоперац"), "ru");
        assert_eq!(term_language("ru:на ru:украине"), "ru");
        assert_eq!(term_language("kiev regim"), "en");
    }

    #[test]
    fn the_factor_is_n_over_n_plus_n0() {
        // 60 sentences, n₀ = 40: 60/100.
        assert_eq!(factor(60, 40.0), 0.6);
        assert_eq!(factor(0, 40.0), 0.0);
        assert_eq!(factor(0, 0.0), 1.0);
        assert_eq!(factor(7, 0.0), 1.0);
    }

    /// Each fold is shrunk by the sentences it trained on, not by the whole set's.
    #[test]
    fn each_fold_is_shrunk_by_its_own_training_sentences() {
        use crate::corpus::Side;
        use crate::model::{Assignment, FoldFit};
        // Articles 0 and 1 (fold 0 and 1 of two, by order). Article 0: 3 English and 1
        // Russian labelled sentences (and a propagated Russian one, not counted); article 1: 1
        // English and 3 Russian.
        let s = |article: usize, lang: &str, propagated: bool| LabelledSentence {
            article_id: article.to_string(),
            article,
            lang: lang.to_string(),
            index: 0,
            keys: vec![],
            side: Side::Kremlin,
            propagated,
        };
        let labelled = vec![
            s(0, "en", false),
            s(0, "en", false),
            s(0, "en", false),
            s(0, "ru", false),
            s(0, "ru", true),
            s(1, "en", false),
            s(1, "ru", false),
            s(1, "ru", false),
            s(1, "ru", false),
        ];
        let terms: Vec<String> = ["nato", "ru:нато"].iter().map(|t| t.to_string()).collect();
        let fold = || Some(FoldFit::new(vec![0, 1], vec![1.0, 1.0], 0.5, 4));
        let mut cross = CrossFit {
            folds: vec![fold(), fold()],
            groups: vec![],
            assignment: Assignment::Order,
        };
        let mut weights = vec![1.0, 1.0];
        apply(&mut weights, Some(&mut cross), &terms, &labelled, 4.0);
        // Full fit, n₀ = 4: English 4 → 4/8, Russian 4 → 4/8.
        assert_eq!(weights, vec![0.5, 0.5]);
        // Fold 0 trained on article 1: English 1 → 1/5, Russian 3 → 3/7.
        assert_eq!(cross.folds[0].as_ref().unwrap().columns().1, &[0.2, 3.0 / 7.0]);
        // Fold 1 trained on article 0: English 3 → 3/7, Russian 1 → 1/5.
        assert_eq!(cross.folds[1].as_ref().unwrap().columns().1, &[3.0 / 7.0, 0.2]);
        // The intercept is not shrunk.
        assert_eq!(cross.folds[1].as_ref().unwrap().intercept, 0.5);
    }

    #[test]
    fn columns_take_their_language_factor() {
        // English 300 sentences, Russian 20, n₀ = 100: 0.75 and 1/6; Greek unseen: 0.
        let labelled = BTreeMap::from([("en".to_string(), 300), ("ru".to_string(), 20)]);
        let by = factors(&labelled, 100.0);
        let terms: Vec<String> = ["nato", "ru:нато", "el:νατο"].iter().map(|s| s.to_string()).collect();
        let f = column_factors(&terms, &by, 100.0);
        assert_eq!(f[0], 0.75);
        assert!((f[1] - 20.0 / 120.0).abs() < 1e-15);
        assert_eq!(f[2], 0.0);
    }
}
