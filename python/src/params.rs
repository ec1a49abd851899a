//! Keyword arguments into the library's parameter types: the CLI's options under their
//! Python names, the CLI's defaults when absent.

use framescope::model::ClassifierParams;
use framescope::score::ScoreParams;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The model options `train` and `run` take (`--alpha` is `alpha=` …).
pub const CLASSIFIER_OPTIONS: &[&str] = &[
    "alpha",
    "margin",
    "max_train_sentences",
    "max_train_features",
    "seed",
    "min_df",
    "max_df",
    "max_features",
    "sublinear_tf",
    "mask_lexicon",
    "lexicon_prior",
    "propagate_weight",
    "propagate_tau",
    "quoted_weight",
];

/// Classifier parameters from keyword arguments; an unknown name is a `TypeError` listing
/// the known ones. Values are checked by the job (`ClassifierParams::check`), so a bad one
/// gets the CLI's message.
pub fn classifier(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<ClassifierParams> {
    let mut p = ClassifierParams::default();
    let Some(kwargs) = kwargs else { return Ok(p) };
    for (k, v) in kwargs.iter() {
        let key: String = k.extract()?;
        match key.as_str() {
            "alpha" => p.alpha = v.extract()?,
            "margin" => p.margin = v.extract()?,
            "max_train_sentences" => p.max_train_sentences = v.extract()?,
            "max_train_features" => p.max_train_features = v.extract()?,
            "seed" => p.seed = v.extract()?,
            "min_df" => p.tfidf.min_df = v.extract()?,
            "max_df" => p.tfidf.max_df = v.extract()?,
            "max_features" => p.tfidf.max_features = v.extract()?,
            "sublinear_tf" => p.tfidf.sublinear_tf = v.extract()?,
            "mask_lexicon" => p.mask_lexicon = v.extract()?,
            "lexicon_prior" => p.lexicon_prior = v.extract()?,
            "propagate_weight" => p.propagate_weight = v.extract()?,
            "propagate_tau" => p.propagate_tau = v.extract()?,
            // None: the plain sentence mean (the CLI's --mean-score).
            "quoted_weight" => p.quoted_weight = v.extract()?,
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "unexpected keyword argument `{key}` (model options: {})",
                    CLASSIFIER_OPTIONS.join(", ")
                )))
            }
        }
    }
    Ok(p)
}

/// Scoring thresholds and bootstrap (the job sets the seed from the model's).
pub fn scoring(kremlin_threshold: f64, western_threshold: f64, bootstrap: usize) -> ScoreParams {
    ScoreParams {
        kremlin_threshold,
        western_threshold,
        bootstrap,
        ..ScoreParams::default()
    }
}
