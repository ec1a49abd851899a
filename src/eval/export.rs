//! What scikit-learn parity is checked against: framescope's per-sentence features (the
//! analyzer's n-grams), its TF-IDF rows, the balanced training rows and labels, alpha, the
//! fitted weights and every sentence's probability. `tests/sklearn_parity.py` refits
//! scikit-learn's `TfidfVectorizer` and `LogisticRegression` on the same inputs.

use crate::corpus::Side;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::model::CheckedClassifierParams;
use crate::pipeline::{self, Resources};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// One sentence of the corpus the vectoriser was fitted on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportSentence {
    pub article_id: String,
    pub index: usize,
    /// The analyzer's n-grams, in order, with repeats: what TF-IDF counts.
    pub features: Vec<String>,
    /// Sparse TF-IDF row: (column, value), columns ascending.
    pub tfidf: Vec<(u32, f64)>,
    /// The classifier's probability sigmoid(w·x + b), without the lexicon prior: what
    /// scikit-learn's `predict_proba` is compared to.
    pub p_kremlin: f64,
    /// Net lexicon weight of the sentence (Kremlin − Western).
    #[serde(default)]
    pub lexicon_score: f64,
    /// The model's sentence probability sigmoid(w·x + b + λ·lexicon_score), what `score`
    /// writes.
    #[serde(default)]
    pub p_sentence: f64,
}

/// Everything needed to refit framescope's model elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingExport {
    pub sublinear_tf: bool,
    pub smooth_idf: bool,
    pub norm: String,
    /// Vocabulary, sorted: column j is `terms[j]`.
    pub terms: Vec<String>,
    pub idf: Vec<f64>,
    pub sentences: Vec<ExportSentence>,
    /// Rows of the balanced training matrix, as indices into `sentences`, in training order
    /// (the smaller side's rows repeated by oversampling).
    pub train_rows: Vec<usize>,
    /// 1 = Kremlin, 0 = Western, one per training row.
    pub train_labels: Vec<u8>,
    /// L2 penalty (scikit-learn's C = 1/alpha).
    pub alpha: f64,
    /// λ of the lexicon-seeded logit (`ClassifierParams::lexicon_prior`).
    #[serde(default)]
    pub lexicon_prior: f64,
    pub weights: Vec<f64>,
    pub intercept: f64,
}

/// Train exactly as `train`/`run` do and export the intermediate results. Refuses the
/// lexicon-masked and pruned settings, which scikit-learn's plain vectoriser does not mirror.
pub fn export_training(docs: &[Document], res: &Resources, params: &CheckedClassifierParams) -> Result<TrainingExport> {
    let t = &params.tfidf;
    if params.mask_lexicon || t.min_df != 1 || t.max_df != 1.0 || t.max_features.is_some() {
        return Err(Error::InvalidParam {
            name: "export",
            message: "the parity export needs the unpruned, unmasked vocabulary (min_df 1, max_df 1, no max_features, no mask)".into(),
        });
    }
    let set = pipeline::training_set(docs, params, res.analyzer.settings().ngram_max);
    let labelled = set.labelled.clone();
    let (model, order) = pipeline::train(set, res, params)?;
    let mut at: FxHashMap<(&str, usize), usize> = FxHashMap::default();
    let mut sentences = Vec::new();
    for d in docs {
        for (i, s) in d.sentences.iter().enumerate() {
            at.insert((d.article.id.as_str(), i), sentences.len());
            let x = model.row(s);
            sentences.push(ExportSentence {
                article_id: d.article.id.clone(),
                index: i,
                features: s.features(&res.analyzer),
                tfidf: x.idx.iter().copied().zip(x.val.iter().copied()).collect(),
                p_kremlin: crate::model::sigmoid(model.classifier_logit(&x)),
                lexicon_score: s.evidence.score(),
                p_sentence: model.p_kremlin(&x, s.evidence.score()),
            });
        }
    }
    let train_rows: Vec<usize> = order
        .iter()
        .map(|&r| at[&(labelled[r].article_id.as_str(), labelled[r].index)])
        .collect();
    let train_labels = order
        .iter()
        .map(|&r| u8::from(labelled[r].side == Side::Kremlin))
        .collect();
    Ok(TrainingExport {
        sublinear_tf: t.sublinear_tf,
        smooth_idf: true,
        norm: "l2".into(),
        terms: model.tfidf.terms.clone(),
        idf: model.tfidf.idf.clone(),
        sentences,
        train_rows,
        train_labels,
        // The alpha of the fit: scaled by the repetition that emulates propagation's weights
        // (train_rows repeat the lexicon-labelled rows accordingly).
        alpha: params.alpha * params.propagation_repeat().unwrap_or(1) as f64,
        lexicon_prior: params.lexicon_prior,
        weights: model.weights,
        intercept: model.intercept,
    })
}
