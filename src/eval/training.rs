//! Training for evaluation: a model fitted on documents' text (weak lexicon labels only),
//! and the parameter variants the settings train with (masked, propagated, unpropagated).

use crate::document::Document;
use crate::error::Result;
#[cfg(test)]
use crate::model::ClassifierParams;
use crate::model::{CheckedClassifierParams, FramingModel, TrainingSetBuilder};
use crate::pipeline::{self, Resources};

/// Fit a model on the text of some documents (weak lexicon labels only).
pub fn train_on<'a>(
    docs: impl IntoIterator<Item = &'a Document>,
    res: &Resources,
    params: &CheckedClassifierParams,
) -> Result<FramingModel> {
    Ok(train_folds_on(docs, res, params, Some(0))?.0)
}

/// [`train_on`] with `folds` cross-fitting folds, as `run` trains ([`pipeline::train_folds`]):
/// folds assigned as `run` assigns them ([`crate::model::Assignment::for_run`]).
pub fn train_folds_on<'a>(
    docs: impl IntoIterator<Item = &'a Document>,
    res: &Resources,
    params: &CheckedClassifierParams,
    folds: Option<usize>,
) -> Result<(FramingModel, Option<crate::model::CrossFit>)> {
    let mut b = TrainingSetBuilder::new(params, res.analyzer.settings().ngram_max);
    for d in docs {
        b.add_document(d);
    }
    let (m, _, cross) = pipeline::train_folds(b.finish(), res, params, folds)?;
    Ok((m, cross))
}

/// The lexicon-masked baseline: every lexicon n-gram hidden and no lexicon prior, so it
/// shows what the classifier learns beyond the lexicon.
pub(super) fn masked(params: &CheckedClassifierParams) -> Result<CheckedClassifierParams> {
    params.with(|p| {
        p.mask_lexicon = true;
        p.lexicon_prior = 0.0;
        // Nothing to shrink toward: the baseline shows the classifier's weights as fitted.
        p.shrink = 0.0;
    })
}

/// The recommended corpus-mode method's training (issue 15, goal 2): label propagation at
/// β = 1/3, τ = 0.2, unless `params` already sets a propagation weight.
pub fn propagated(params: &CheckedClassifierParams) -> Result<CheckedClassifierParams> {
    params.with(|p| {
        if p.propagation_repeat().is_none() {
            p.propagate_weight = crate::model::DEFAULT_PROPAGATE_WEIGHT;
        }
    })
}

/// The parameters without label propagation: the training before issue 15's second step.
pub fn unpropagated(params: &CheckedClassifierParams) -> Result<CheckedClassifierParams> {
    params.with(|p| p.propagate_weight = 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Side;
    use crate::eval::fixtures::{doc, resources};

    #[test]
    fn training_records_how_many_lexicon_entries_fired() {
        let res = resources();
        // Kiev, Kiev regime and Kyiv fire; "invasion" never does: 3 of 4 entries.
        let docs = [
            doc("k", None, &["The Kiev regime shells towns. The Kiev regime again."]),
            doc("w", None, &["Kyiv fears the worst. Troops near Kyiv."]),
        ];
        let m = train_on(docs.iter(), &res, &ClassifierParams::default().check().unwrap()).unwrap();
        assert_eq!((m.training.lexicon_entries, m.training.lexicon_entries_fired), (4, 3));
        // 2 + 2 labelled sentences, 3 of 4 entries fired: weak only for its few sentences.
        let w = m.training.weaknesses();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("only 4 lexicon-labelled"), "{}", w[0]);
    }

    #[test]
    fn unlabelled_sentences_take_their_articles_lean() {
        use crate::model::{article_lean, TrainingSetBuilder};
        // k: "the Kiev regime" = Kiev 1.5 + Kiev regime 2 = 3.5 in sentence 1 of 3, so
        // m = 3.5 / 3 ≈ 1.17 ≥ τ = 0.2: sentences 2 and 3 are propagated Kremlin.
        let k = doc(
            "k",
            None,
            &["They blamed the Kiev regime. Towns were shelled. Nobody came."],
        );
        // w: one Kyiv (1.5 Western) in sentence 1 of 10: m = −0.15, |m| < 0.2: no lean.
        let w = doc(
            "w",
            None,
            &["Kyiv waited. Rain fell. Birds sang. Cars moved. Dogs barked. Bells rang. Doors shut. Lights dimmed. Wind blew. Night came."],
        );
        assert_eq!(w.sentences.len(), 10);
        assert_eq!(article_lean(&k, 0.2), Some(Side::Kremlin));
        assert_eq!(article_lean(&w, 0.2), None);
        assert_eq!(article_lean(&w, 0.15), Some(Side::Western));
        let params = ClassifierParams {
            propagate_weight: 1.0 / 3.0,
            ..ClassifierParams::default()
        }
        .check()
        .unwrap();
        let mut b = TrainingSetBuilder::new(&params, 2);
        b.add_document(&k);
        b.add_document(&w);
        let set = b.finish();
        let got: Vec<(&str, usize, Side, bool)> = set
            .labelled
            .iter()
            .map(|l| (l.article_id.as_str(), l.index, l.side, l.propagated))
            .collect();
        assert_eq!(
            got,
            vec![
                ("k", 0, Side::Kremlin, false),
                ("k", 1, Side::Kremlin, true),
                ("k", 2, Side::Kremlin, true),
                ("w", 0, Side::Western, false),
            ]
        );
        // The weak-model figures count lexicon labels only.
        assert_eq!((set.labelled_kremlin, set.labelled_western), (1, 1));
        assert_eq!((set.propagated_kremlin, set.propagated_western), (2, 0));
        // … and per language (the per-language warning's figures), lexicon labels only.
        let lang = |l: &str, k: usize, w: usize| (l.to_string(), (k, w));
        assert_eq!(set.labelled_by_language, [lang("en", 1, 1)].into());
        let mut w_ru = w.clone();
        w_ru.article.lang = "ru".into();
        let mut b = TrainingSetBuilder::new(&params, 2);
        b.add_document(&k);
        b.add_document(&w_ru);
        assert_eq!(
            b.finish().labelled_by_language,
            [lang("en", 1, 0), lang("ru", 0, 1)].into()
        );
        // Off (β = 0): the same documents give the lexicon labels alone.
        let mut b = TrainingSetBuilder::new(&unpropagated(&ClassifierParams::default().check().unwrap()).unwrap(), 2);
        b.add_document(&k);
        b.add_document(&w);
        assert_eq!(b.finish().labelled.len(), 2);
    }

    #[test]
    fn shrunk_training_scales_the_learned_weights_by_n_over_n_plus_n0() {
        let res = resources();
        let docs = [
            doc("k", None, &["The Kiev regime shells towns. The Kiev regime again."]),
            doc("w", None, &["Kyiv fears the worst. Troops near Kyiv."]),
        ];
        let plain = ClassifierParams::default().check().unwrap();
        let m = train_on(docs.iter(), &res, &plain).unwrap();
        // 2 + 2 lexicon-labelled English sentences, n₀ = 4: every weight times 4/(4 + 4).
        let shrunk = plain.with(|p| p.shrink = 4.0).unwrap();
        let s = train_on(docs.iter(), &res, &shrunk).unwrap();
        assert_eq!(m.training.trained_kremlin + m.training.trained_western, 4);
        assert!(m.weights.iter().any(|&w| w != 0.0));
        for (a, b) in m.weights.iter().zip(&s.weights) {
            assert_eq!(*b, a * 0.5);
        }
        assert_eq!(s.intercept, m.intercept, "the intercept is not shrunk");
        // n₀ = 0 is no shrinkage, and leaves the parameter out of model.json.
        assert!(!serde_json::to_string(&m.params).unwrap().contains("shrink"));
        assert!(serde_json::to_string(&s.params).unwrap().contains("\"shrink\":4.0"));
    }

    #[test]
    fn propagated_training_records_its_rows() {
        let res = resources();
        let docs = [
            doc("k", None, &["The Kiev regime shells towns. Towns burn."]),
            doc("w", None, &["Kyiv fears an invasion. Troops gather."]),
        ];
        let params = propagated(&ClassifierParams::default().check().unwrap()).unwrap();
        let m = train_on(docs.iter(), &res, &params).unwrap();
        // 1 + 1 lexicon-labelled rows, repeated 3 times; 1 + 1 propagated rows once: 8 rows.
        assert_eq!((m.training.propagated_kremlin, m.training.propagated_western), (1, 1));
        assert_eq!((m.training.trained_kremlin, m.training.trained_western), (1, 1));
        assert_eq!(m.training.training_rows, 8);
        // The returned training rows index the labelled sentences: lexicon ones 3 times,
        // propagated ones once.
        let set = crate::pipeline::training_set(&docs, &params, 2);
        let propagated: Vec<bool> = set.labelled.iter().map(|l| l.propagated).collect();
        let (_, order) = crate::pipeline::train(set, &res, &params).unwrap();
        for (i, &p) in propagated.iter().enumerate() {
            let n = order.iter().filter(|&&r| r == i).count();
            assert_eq!(n, if p { 1 } else { 3 }, "row {i}");
        }
    }
}
