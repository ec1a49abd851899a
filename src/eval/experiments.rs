//! Candidate improvements measured beside the standard settings (`eval --experiments`);
//! none of them changes what `run` does.
//!
//! - Aggregation by mean logit instead of mean (2p − 1): a sentence the model is sure about
//!   counts for more than its probability's distance from ½ says.
//! - Uncentred: the article score without the centring `score` applies (framing_score +
//!   (2·sigmoid(b) − 1)). Centring was measured here first and then adopted as the default:
//!   the intercept b is unpenalised and absorbs asymmetries between the weakly labelled
//!   sides, so on text sharing few terms with the training set every sentence drifts to
//!   sigmoid(b) and uncentred scores lean to one side (AUC is unchanged, accuracy at 0 is
//!   not). Kept as an experiment so the comparison stays reproducible.
//! - Self-training: after the transductive fit, sentences the lexicon left unlabelled whose
//!   p_kremlin is at or beyond the scoring thresholds (0.6 / 0.4 by default) become extra
//!   training rows with that side, and the model is refit once. Labels are never used.

use super::{quiet, train_on, Scored, SentenceReason};
use crate::corpus::Side;
use crate::document::Document;
use crate::error::Result;
use crate::lexicon::weak_label;
use crate::model::{CheckedClassifierParams, FramingModel, TrainingSetBuilder};
use crate::pipeline::{self, Resources};

/// Score = mean over sentences of the logit w·x + b.
pub(super) fn mean_logit(model: &FramingModel, doc: &Document) -> Scored {
    let logits: Vec<f64> = doc
        .sentences
        .iter()
        .map(|s| model.logit(&model.row(s), s.evidence.score()))
        .collect();
    Scored {
        id: doc.article.id.clone(),
        label: doc.article.label.expect("labelled"),
        score: logits.iter().sum::<f64>() / logits.len().max(1) as f64,
        sentences: doc
            .sentences
            .iter()
            .zip(&logits)
            .enumerate()
            .map(|(i, (s, &l))| SentenceReason {
                index: i,
                value: l,
                text: s.text.clone(),
            })
            .collect(),
    }
}

/// One round of self-training on top of a model fitted on `docs` (see the module docs).
/// Returns the refit model and the number of pseudo-labelled sentences added.
pub fn self_train(
    docs: &[&Document],
    res: &Resources,
    params: &CheckedClassifierParams,
) -> Result<(FramingModel, usize)> {
    let first = train_on(docs.iter().copied(), res, params)?;
    let t = quiet();
    let mut b = TrainingSetBuilder::new(params, res.analyzer.settings().ngram_max);
    for d in docs {
        b.add_document(d);
    }
    let mut set = b.finish();
    let mut added = 0;
    for (a, d) in docs.iter().enumerate() {
        for (i, s) in d.sentences.iter().enumerate() {
            if weak_label(&s.evidence, params.margin).is_some() {
                continue;
            }
            let p = first.p_sentence(s);
            let side = if p >= t.kremlin_threshold {
                Side::Kremlin
            } else if p <= t.western_threshold {
                Side::Western
            } else {
                continue;
            };
            set.labelled.push(crate::model::LabelledSentence {
                article_id: d.article.id.clone(),
                article: a,
                index: i,
                keys: s.keys.clone(),
                side,
                propagated: false,
            });
            added += 1;
        }
    }
    Ok((pipeline::train(set, res, params)?.0, added))
}

/// Score = mean (2p − 1) without centring (see the module docs).
pub(super) fn uncentred(model: &FramingModel, doc: &Document) -> Scored {
    let mut s = super::classifier_scored(model, doc);
    s.score = s.sentences.iter().map(|r| r.value).sum::<f64>() / s.sentences.len().max(1) as f64;
    s
}
