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

mod cv;
#[cfg(test)]
mod fixtures;
mod holdout;

pub use cv::cross_validate;
pub use holdout::evaluate;

use crate::corpus::Side;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::model::{ClassifierParams, FramingModel, TrainingSetBuilder};
use crate::pipeline::{self, Resources};
use crate::score::{ScoreParams, SentenceScore};
use metrics::Metrics;
use rayon::prelude::*;
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
    /// Also measure the candidate improvements of [`experiments`].
    #[serde(default)]
    pub experiments: bool,
    /// Remove the K lexicon entries firing in the most evaluated articles from the lexicon
    /// in every setting ([`mask`]); 0 = the full lexicon.
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
    /// "holdout" (`eval --model`) or "leave-one-article-out" (`eval --cv`).
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
    pub notes: Vec<String>,
}

impl EvalReport {
    pub fn setting(&self, name: &str) -> Option<&SettingResult> {
        self.settings.iter().find(|s| s.name == name)
    }
}

/// Fit a model on the text of some documents (weak lexicon labels only).
pub fn train_on<'a>(
    docs: impl IntoIterator<Item = &'a Document>,
    res: &Resources,
    params: &ClassifierParams,
) -> Result<FramingModel> {
    Ok(train_folds_on(docs, res, params, Some(0))?.0)
}

/// [`train_on`] with `folds` cross-fitting folds, as `run` trains ([`pipeline::train_folds`]):
/// document number a (in `docs` order) is in fold a mod k.
pub fn train_folds_on<'a>(
    docs: impl IntoIterator<Item = &'a Document>,
    res: &Resources,
    params: &ClassifierParams,
    folds: Option<usize>,
) -> Result<(FramingModel, Option<crate::model::CrossFit>)> {
    let mut b = TrainingSetBuilder::new(params, res.analyzer.settings().ngram_max);
    for d in docs {
        b.add_document(d);
    }
    let (m, _, cross) = pipeline::train_folds(b.finish(), res, params, folds)?;
    Ok((m, cross))
}

/// The labelled documents (evaluation needs a side for every article).
pub fn labelled(docs: &[Document]) -> Vec<&Document> {
    docs.iter().filter(|d| d.article.label.is_some()).collect()
}

fn check_sides(docs: &[&Document]) -> Result<()> {
    let k = docs.iter().filter(|d| d.article.label == Some(Side::Kremlin)).count();
    if k == 0 || k == docs.len() {
        return Err(Error::NoArticles {
            message: format!(
                "evaluation needs labelled articles of both sides; got {k} Kremlin and {} Western (labels come from a label column, manifest.csv, or a kremlin_/western_ file-name prefix)",
                docs.len() - k
            ),
        });
    }
    Ok(())
}

/// Evaluated articles sharing at least half their sentences (exact text, headline
/// included) with the training articles, and the shared fraction.
pub fn overlapping(train_docs: &[Document], eval: &[&Document]) -> Vec<(String, f64)> {
    let seen: rustc_hash::FxHashSet<&str> = train_docs
        .iter()
        .flat_map(|d| d.sentences.iter().map(|s| s.text.as_str()))
        .collect();
    eval.iter()
        .filter_map(|d| {
            let n = d.sentences.len().max(1) as f64;
            let shared = d.sentences.iter().filter(|s| seen.contains(s.text.as_str())).count() as f64 / n;
            (shared >= 0.5).then(|| (d.article.id.clone(), shared))
        })
        .collect()
}

fn overlap_notes(o: &[(String, f64)]) -> Vec<String> {
    o.iter()
        .map(|(id, f)| {
            format!(
                "{id}: {:.0}% of its sentences are also in the training articles, so it is not held out (drop it or the duplicate for a clean measurement)",
                100.0 * f
            )
        })
        .collect()
}

/// Per-article scores plus the per-sentence values behind them.
struct Scored {
    id: String,
    label: Side,
    score: f64,
    sentences: Vec<SentenceReason>,
}

fn quiet() -> ScoreParams {
    ScoreParams {
        bootstrap: 0,
        ..ScoreParams::default()
    }
}

fn classifier_scored(model: &FramingModel, doc: &Document) -> Scored {
    classifier_scored_with(model.scorer(), doc)
}

/// [`classifier_scored`] with a given classifier (a cross-fitting fold's).
fn classifier_scored_with(scorer: crate::model::Scorer<'_>, doc: &Document) -> Scored {
    let (a, ss) = crate::score::score_document_with(scorer, doc, &quiet());
    Scored {
        id: a.id,
        label: doc.article.label.expect("labelled"),
        score: a.framing_score,
        sentences: reasons(&ss, |s| 2.0 * s.p_kremlin - 1.0),
    }
}

/// The article scored with another article score (`quoted_weight`: `Some(q)` voice-weighted,
/// `None` the plain sentence mean), the fitted model unchanged.
fn scored_as(model: &FramingModel, doc: &Document, quoted_weight: Option<f64>) -> Scored {
    classifier_scored(&with_quoted_weight(model, quoted_weight), doc)
}

fn reasons(ss: &[SentenceScore], value: impl Fn(&SentenceScore) -> f64) -> Vec<SentenceReason> {
    ss.iter()
        .map(|s| SentenceReason {
            index: s.index,
            value: value(s),
            text: s.text.clone(),
        })
        .collect()
}

/// Signed correctness: positive when the score points to the article's side.
fn toward(label: Side, v: f64) -> f64 {
    match label {
        Side::Kremlin => v,
        Side::Western => -v,
    }
}

fn setting(name: &str, description: &str, scored: Vec<Scored>, opts: &EvalOptions) -> SettingResult {
    let scores: Vec<f64> = scored.iter().map(|s| s.score).collect();
    let labels: Vec<Side> = scored.iter().map(|s| s.label).collect();
    let metrics = Metrics::new(&scores, &labels, opts.bootstrap, opts.seed);
    let near_chance = match (metrics.auc_low, metrics.auc_high) {
        (Some(l), Some(h)) => l <= 0.5 && 0.5 <= h,
        _ => true,
    };
    let mut order: Vec<usize> = (0..scored.len()).collect();
    order.sort_by(|&a, &b| {
        toward(scored[a].label, scored[a].score)
            .total_cmp(&toward(scored[b].label, scored[b].score))
            .then_with(|| scored[a].id.cmp(&scored[b].id))
    });
    let worst = order
        .iter()
        .take(opts.worst)
        .map(|&i| {
            let s = &scored[i];
            let mut sentences: Vec<SentenceReason> = s
                .sentences
                .iter()
                .filter(|r| toward(s.label, r.value) < 0.0)
                .cloned()
                .collect();
            sentences.sort_by(|a, b| {
                toward(s.label, a.value)
                    .total_cmp(&toward(s.label, b.value))
                    .then(a.index.cmp(&b.index))
            });
            sentences.truncate(opts.top_sentences);
            WorstArticle {
                id: s.id.clone(),
                label: s.label,
                score: s.score,
                sentences,
            }
        })
        .collect();
    SettingResult {
        name: name.into(),
        description: description.into(),
        metrics,
        near_chance,
        articles: scored
            .into_iter()
            .map(|s| ArticleResult {
                id: s.id,
                label: s.label,
                score: s.score,
            })
            .collect(),
        worst,
    }
}

/// The lexicon-masked baseline: every lexicon n-gram hidden and no lexicon prior, so it
/// shows what the classifier learns beyond the lexicon.
fn masked(params: &ClassifierParams) -> ClassifierParams {
    ClassifierParams {
        mask_lexicon: true,
        lexicon_prior: 0.0,
        ..params.clone()
    }
}

/// The recommended corpus-mode method's training (issue 15, goal 2): label propagation at
/// β = 1/3, τ = 0.2, unless `params` already sets a propagation weight.
pub fn propagated(params: &ClassifierParams) -> ClassifierParams {
    let mut p = params.clone();
    if p.propagation_repeat().is_none() {
        p.propagate_weight = crate::model::DEFAULT_PROPAGATE_WEIGHT;
    }
    p
}

/// The parameters without label propagation: the training before issue 15's second step.
pub fn unpropagated(params: &ClassifierParams) -> ClassifierParams {
    ClassifierParams {
        propagate_weight: 0.0,
        ..params.clone()
    }
}

/// The same fitted model with another article score (`ClassifierParams::quoted_weight`).
pub fn with_quoted_weight(model: &FramingModel, quoted_weight: Option<f64>) -> FramingModel {
    let mut m = model.clone();
    m.params.quoted_weight = quoted_weight;
    m
}

/// q of the voice-weighted settings: the parameters' own, else the default.
fn voice_weight(params: &ClassifierParams) -> f64 {
    params.quoted_weight.unwrap_or(crate::model::DEFAULT_QUOTED_WEIGHT)
}

/// The same fitted model with another lexicon prior λ (the classifier's weights unchanged).
pub fn with_prior(model: &FramingModel, lambda: f64) -> FramingModel {
    let mut m = model.clone();
    m.params.lexicon_prior = lambda;
    m
}

fn lexicon_settings(eval: &[&Document], res: &Resources, opts: &EvalOptions) -> Vec<SettingResult> {
    baselines::LEXICON_SETTINGS
        .iter()
        .map(|&n| {
            setting(
                n,
                baselines::description(n),
                eval.iter()
                    .map(|d| baselines::lexicon_scored(n, d, res, opts.quoted_weight))
                    .collect(),
                opts,
            )
        })
        .collect()
}

/// With `--mask-top K`: copies of the training and evaluated documents without the K
/// entries, and the note naming them; `None` when nothing is masked.
fn mask_top(
    train_docs: &[Document],
    docs: &[Document],
    lexicon: &crate::lexicon::Lexicon,
    k: usize,
) -> Option<(Vec<Document>, Vec<Document>, String)> {
    if k == 0 {
        return None;
    }
    let dropped = mask::top_entries(&labelled(docs), k);
    let strip = |ds: &[Document]| -> Vec<Document> {
        ds.par_iter()
            .map(|d| mask::without_entries(d, lexicon, &dropped))
            .collect()
    };
    Some((strip(train_docs), strip(docs), mask::note(lexicon, &dropped)))
}

fn chance_notes(settings: &[SettingResult]) -> Vec<String> {
    settings
        .iter()
        .filter(|s| s.near_chance)
        .map(|s| {
            format!(
                "{}: the AUC interval contains 0.5, so this setting is not distinguishable from chance on these articles",
                s.name
            )
        })
        .collect()
}

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

#[cfg(test)]
mod tests {
    use super::fixtures::{doc, resources};
    use super::*;

    #[test]
    fn centring_puts_text_without_known_terms_at_zero() {
        let res = resources();
        let docs = [
            doc("k", None, &["The Kiev regime shells towns. The Kiev regime again."]),
            doc(
                "w",
                None,
                &["Kyiv fears an invasion. Troops near Kyiv. Invasion talk grows."],
            ),
        ];
        let m = train_on(docs.iter(), &res, &ClassifierParams::default()).unwrap();
        assert!(m.intercept != 0.0);
        let unknown = doc(
            "u",
            Some(Side::Kremlin),
            &["Completely unrelated words here. Other words."],
        );
        // A text with no known term scores exactly 0 (the no-evidence point) …
        assert!(classifier_scored(&m, &unknown).score.abs() < 1e-15);
        // … and 2·sigmoid(b) − 1 without centring.
        let plain = experiments::uncentred(&m, &unknown).score;
        assert!((plain - (2.0 * crate::model::sigmoid(m.intercept) - 1.0)).abs() < 1e-15);
    }

    #[test]
    fn training_records_how_many_lexicon_entries_fired() {
        let res = resources();
        // Kiev, Kiev regime and Kyiv fire; "invasion" never does: 3 of 4 entries.
        let docs = [
            doc("k", None, &["The Kiev regime shells towns. The Kiev regime again."]),
            doc("w", None, &["Kyiv fears the worst. Troops near Kyiv."]),
        ];
        let m = train_on(docs.iter(), &res, &ClassifierParams::default()).unwrap();
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
        };
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
        // Off (β = 0): the same documents give the lexicon labels alone.
        let mut b = TrainingSetBuilder::new(&unpropagated(&ClassifierParams::default()), 2);
        b.add_document(&k);
        b.add_document(&w);
        assert_eq!(b.finish().labelled.len(), 2);
    }

    #[test]
    fn propagated_training_records_its_rows() {
        let res = resources();
        let docs = [
            doc("k", None, &["The Kiev regime shells towns. Towns burn."]),
            doc("w", None, &["Kyiv fears an invasion. Troops gather."]),
        ];
        let params = propagated(&ClassifierParams::default());
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

    #[test]
    fn overlap_with_training_articles_is_flagged() {
        let train = [doc("t", None, &["One sentence here. Another one there."])];
        let a = doc("a", Some(Side::Kremlin), &["One sentence here. Something new."]);
        let b = doc(
            "b",
            Some(Side::Western),
            &["Nothing shared. Nothing at all. Still nothing."],
        );
        // a shares 1 of 2 sentences (flagged at ½), b none.
        assert_eq!(overlapping(&train, &[&a, &b]), vec![("a".to_string(), 0.5)]);
    }
}
