//! What an evaluation reports: its options, each setting's metrics and articles, and the
//! `eval.json` report.

use super::metrics::Metrics;
use crate::corpus::Side;
use crate::model::ClassifierParams;
use serde::{Deserialize, Serialize};

/// Options of an evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalOptions {
    /// Bootstrap resamples of the articles for the AUC interval.
    pub bootstrap: usize,
    pub seed: u64,
    /// Most wrongly scored articles listed per setting.
    pub worst: usize,
    /// Sentences shown for each of them (those pulling hardest the wrong way).
    pub top_sentences: usize,
    /// Also measure the candidate improvements of [`experiments`](super::experiments).
    #[serde(default)]
    pub experiments: bool,
    /// Remove the K lexicon entries firing in the most evaluated articles from the lexicon
    /// in every setting ([`mask`](super::mask)); 0 = the full lexicon.
    #[serde(default)]
    pub mask_top: usize,
    /// q: weight of quoted hits in `lexicon_per_sentence_voice` (the CLI passes the model's
    /// `quoted_weight`; the classifier settings take theirs from the model's parameters).
    #[serde(default = "default_quoted_weight")]
    pub quoted_weight: f64,
}

fn default_quoted_weight() -> f64 {
    crate::model::DEFAULT_QUOTED_WEIGHT
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            bootstrap: 2000,
            seed: 42,
            worst: 3,
            top_sentences: 3,
            experiments: false,
            mask_top: 0,
            quoted_weight: default_quoted_weight(),
        }
    }
}

/// One article's score in one setting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleResult {
    pub id: String,
    pub label: Side,
    pub score: f64,
}

/// A sentence shown as a reason: its index, its signed value in the setting (2p − 1 for a
/// classifier, net lexicon weight for the lexicon) and its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceReason {
    pub index: usize,
    pub value: f64,
    pub text: String,
}

/// An article scored on the wrong side (or least on its side), with its top sentences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorstArticle {
    pub id: String,
    pub label: Side,
    pub score: f64,
    pub sentences: Vec<SentenceReason>,
}

/// The metrics of one way of scoring the articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SettingResult {
    pub name: String,
    pub description: String,
    pub metrics: Metrics,
    /// The AUC interval contains 0.5 (or there is no AUC): no evidence of beating chance.
    /// False when there is no interval (`--bootstrap 0`): nothing is claimed either way.
    pub near_chance: bool,
    pub articles: Vec<ArticleResult>,
    pub worst: Vec<WorstArticle>,
}

/// Difference classifier − lexicon-only in one mode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    pub classifier: String,
    /// The lexicon setting it is measured against: the strongest count on these articles.
    #[serde(default)]
    pub baseline: String,
    pub auc: Option<f64>,
    pub accuracy: f64,
}

/// What `eval.json` holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalReport {
    /// "holdout" (`eval --model` on articles the model was not trained on), "in-sample" or
    /// "partly in-sample" (`eval --model` on articles all or some of which are in the
    /// model's training text: [`in_model_training`](Self::in_model_training)), or
    /// "leave-one-article-out" (`eval --cv`).
    pub mode: String,
    pub articles: usize,
    /// Articles (besides the evaluated ones) the retrained settings learn from.
    pub training_articles: usize,
    pub options: EvalOptions,
    pub params: ClassifierParams,
    pub settings: Vec<SettingResult>,
    /// classifier − the strongest lexicon count, per classifier and masked setting.
    pub gaps: Vec<Gap>,
    /// Evaluated articles with at least half their sentences (by exact text) also in the
    /// training articles, with that share: their frozen and transductive scores are not
    /// held out.
    #[serde(default)]
    pub overlapping: Vec<(String, f64)>,
    /// `eval --model`: ids of the evaluated articles in the model's own training text (by
    /// content, `model.json`'s `training_articles`): the frozen settings score them
    /// in-sample. Empty with `--cv`.
    #[serde(default)]
    pub in_model_training: Vec<String>,
    pub notes: Vec<String>,
}

impl EvalReport {
    pub fn setting(&self, name: &str) -> Option<&SettingResult> {
        self.settings.iter().find(|s| s.name == name)
    }
}
