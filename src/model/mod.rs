//! The framing classifier: `ClassifierParams` (checked once) → fitted `FramingModel`, which is
//! what `model.json` holds. Training minimises linfa-logistic's L2 logistic objective, with
//! linfa-logistic's solver, over the weakly labelled sentences (`objective`).

mod copies;
mod crossfit;
mod fit;
mod framing;
mod json;
mod objective;
mod params;
mod reservoir;
pub mod shrink;
mod stats;
mod training_set;
pub mod validate;

pub use copies::CopyIndex;
pub(crate) use crossfit::fold_in;
pub use crossfit::{cross_fit, folds_for, id_key, Assignment, CrossFit, FoldFit, DEFAULT_FOLDS};
pub use fit::{fit_logistic, fit_logistic_from, fit_logistic_linfa, weighted_rows, LogisticFit};
pub use framing::{sigmoid, FramingModel, Scorer, MAX_RECORDED_ARTICLES};
pub use json::MODEL_FORMAT_VERSION;
pub use params::{CheckedClassifierParams, ClassifierParams, DEFAULT_PROPAGATE_WEIGHT, DEFAULT_QUOTED_WEIGHT};
pub use stats::{
    is_weak_model_warning, LanguageLabels, TrainingStats, WEAK_FIRED_SHARE, WEAK_LABELLED_SENTENCES, WEAK_MODEL,
};
pub use training_set::{article_digest, article_lean, LabelledSentence, TrainingSet, TrainingSetBuilder};
