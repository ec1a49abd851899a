//! Sentence and article scores, with the reasons behind them (lexicon hits, top terms).
//!
//! Definitions (also in the README):
//! - `p_kremlin`: the model's probability that a sentence carries Kremlin-sourced framing.
//! - `framing_score` = mean over the article's sentences of (2·p_kremlin − 1), measured from
//!   the model's no-evidence point: minus (2·sigmoid(intercept) − 1), the value of a sentence
//!   with no known term, and clamped to [-1, +1]. +1 wholly Kremlin-sourced, −1 wholly
//!   Western-sourced, 0 balanced or no evidence. Why centre: the unpenalised intercept absorbs
//!   asymmetries between the weakly labelled sides, so uncentred scores of text sharing few
//!   terms with the training set all lean one way (measured in `eval`: accuracy at 0 rose on
//!   held-out halves and leave-one-out; the ranking, hence AUC within one model, is unchanged).
//! - `lede_score`: the same over the headline and the first two body sentences.
//! - shares: sentences with p ≥ kremlin_threshold are Kremlin, p ≤ western_threshold Western,
//!   the rest neutral.
//! - `score_low`/`score_high`: a 95% percentile bootstrap interval of framing_score over the
//!   article's sentences, seeded from the article id (deterministic, order-independent); the
//!   whole scale, −1 to +1, with fewer than four counted sentences (`resample::MIN_VALUES`).

mod article;
mod bootstrap;
mod evidence;
mod params;
mod rows;

pub use article::{score_document, score_document_with, score_document_words};
pub use bootstrap::bootstrap;
pub use evidence::{centred_p, evidence, sentence_evidence};
pub use params::ScoreParams;
pub use rows::{ArticleScore, Leaning, SentenceScore, Undecided};
