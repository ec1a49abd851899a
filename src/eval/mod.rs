//! Evidence that the scores mean something: metrics on articles of known side ([`metrics`]),
//! the settings every evaluation reports side by side (the classifier frozen and
//! transductive, the lexicon alone, the classifier with the lexicon masked),
//! leave-one-article-out cross-validation, keyword-in-context ([`kwic`]) and the export that
//! scikit-learn parity is checked against ([`export`]).
//!
//! Labels are only ever read here, to measure: no training path below sees them. Training in
//! the transductive settings sees the evaluated articles' *text*, weakly labelled by the
//! lexicon exactly as `framescope run` does.

pub mod baselines;
pub mod experiments;
pub mod export;
pub mod kwic;
pub mod mask;
pub mod metrics;

mod articles;
mod cv;
#[cfg(test)]
pub(crate) mod fixtures;
mod holdout;
mod results;
mod settings;
mod training;

pub use articles::{in_model_training, labelled, overlapping};
pub use cv::cross_validate;
pub use holdout::evaluate;
pub use results::{ArticleResult, EvalOptions, EvalReport, Gap, SentenceReason, SettingResult, WorstArticle};
pub use settings::{with_prior, with_quoted_weight};
pub use training::{propagated, train_folds_on, train_on, unpropagated};

use articles::{check_sides, in_model_training_note, overlap_notes, with_mask_top};
use settings::{
    chance_notes, classifier_scored, classifier_scored_with, lexicon_settings, quiet, scored_as, setting, voice_weight,
    Scored,
};
use training::masked;

/// Setting names, as they appear in `eval.json`.
pub const FROZEN: &str = "classifier_frozen";
pub const TRANSDUCTIVE: &str = "classifier_transductive";
/// What `run` does by default: trained transductively, each article scored out-of-fold.
pub const CROSSFIT: &str = "classifier_crossfit";
pub const FROZEN_NO_PRIOR: &str = "classifier_frozen_no_prior";
pub const TRANSDUCTIVE_NO_PRIOR: &str = "classifier_transductive_no_prior";
pub const LOO_NO_PRIOR: &str = "classifier_loo_no_prior";

/// The lexicon priors λ that `--experiments` compares (the chosen default among them).
pub const PRIOR_GRID: [f64; 4] = [0.25, 0.5, 1.0, 2.0];
pub const MASKED_FROZEN: &str = "masked_frozen";
pub const MASKED_TRANSDUCTIVE: &str = "masked_transductive";
pub const LOO: &str = "classifier_loo";
pub const MASKED_LOO: &str = "masked_loo";
/// The method before issue 15's second step (no label propagation, the plain sentence
/// mean), beside today's default (propagated weak labels, voice-weighted score).
pub const LOO_PLAIN: &str = "classifier_loo_plain";
/// Ablations of the default: propagation with the plain mean; the voice-weighted score
/// without propagation.
pub const LOO_PROPAGATED: &str = "classifier_loo_propagated";
pub const LOO_VOICE: &str = "classifier_loo_voice";
pub const TRANSDUCTIVE_PLAIN: &str = "classifier_transductive_plain";
pub const FROZEN_PLAIN_SCORE: &str = "classifier_frozen_mean";
