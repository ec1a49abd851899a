//! The framing classifier: `ClassifierParams` (checked once) → fitted `FramingModel`, which is
//! what `model.json` holds. Training minimises linfa-logistic's L2 logistic objective, with
//! linfa-logistic's solver, over the weakly labelled sentences (`objective`).

mod crossfit;
mod fit;
mod objective;
mod training_set;
pub mod validate;

pub use crossfit::{cross_fit, folds_for, CrossFit, FoldFit, DEFAULT_FOLDS};
pub use fit::{fit_logistic, fit_logistic_from, fit_logistic_linfa, weighted_rows, LogisticFit};
pub use training_set::{article_digest, article_lean, LabelledSentence, TrainingSet, TrainingSetBuilder};

use crate::clean::CleanerSettings;
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::text::AnalyzerSettings;
use crate::tfidf::{FittedTfidf, SparseVec, TfidfParams};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Format of `model.json` this build writes; it reads this and older. Version 2 added
/// `params.lexicon_prior` and the training figures behind the weak-model warnings; a
/// version-1 model reads with `lexicon_prior` 0, which scores exactly as it did. Version 3
/// added `params.quoted_weight` (the voice-weighted article score); an older model reads
/// with none, so its `framing_score` stays the plain sentence mean it was.
pub const MODEL_FORMAT_VERSION: u32 = 3;

/// Below this many weakly labelled sentences a model is flagged as weak.
pub const WEAK_LABELLED_SENTENCES: usize = 200;
/// A model is flagged as weak when fewer than this share of its lexicon entries fired in the
/// text it was trained on (the classifier learnt nothing about the others).
pub const WEAK_FIRED_SHARE: f64 = 0.5;

/// Everything that decides how a model is trained. Validated by [`ClassifierParams::check`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassifierParams {
    /// L2 penalty of linfa-logistic's objective, sum of log-losses + alpha/2·‖w‖²: this is
    /// scikit-learn's `1/C`.
    pub alpha: f64,
    /// A sentence is weakly labelled when |Kremlin − Western lexicon weight| ≥ margin.
    pub margin: f64,
    /// At most this many labelled sentences are trained on (a seeded uniform sample beyond
    /// it), which bounds training time and memory on any corpus.
    pub max_train_sentences: usize,
    /// At most this many columns are trained: the ones present in the most training rows
    /// (ties by column). Columns beyond it get weight 0. (It bounded linfa-logistic's dense
    /// matrix, rows × columns × 8 bytes, before the sparse solver; kept so models stay the same.)
    #[serde(default = "default_max_train_features")]
    pub max_train_features: usize,
    /// Seed for sampling and class balancing.
    pub seed: u64,
    pub gradient_tolerance: f64,
    pub max_iterations: u64,
    /// Hide every n-gram that occurs in a lexicon entry from the classifier (the
    /// "lexicon-masked" baseline: what does it learn beyond the lexicon?).
    pub mask_lexicon: bool,
    /// λ of the lexicon-seeded logit: a sentence's logit is w·x + b + λ·(its net lexicon
    /// weight). The lexicon is part of the model: every entry counts even where training
    /// never saw it fire. 0 = the classifier alone (what a model of format 1 is).
    #[serde(default)]
    pub lexicon_prior: f64,
    /// Weight β of propagated weak labels; 0 = off (default 1/3). When > 0, a sentence the
    /// lexicon leaves unlabelled takes its article's side when the article's net lexicon
    /// weight per sentence m satisfies |m| ≥ `propagate_tau`, at sample weight β relative to
    /// a lexicon-labelled sentence. 1/β must be a whole number: lexicon rows are repeated
    /// 1/β times and alpha scaled by 1/β (`model::fit::weighted_rows`), the form
    /// linfa-logistic, which takes no sample weights, can check (`fit_logistic_linfa`).
    #[serde(default)]
    pub propagate_weight: f64,
    /// τ of label propagation: the least |net lexicon weight per sentence| of an article
    /// whose unlabelled sentences take its side.
    #[serde(default = "default_propagate_tau")]
    pub propagate_tau: f64,
    /// How sentences make the article's `framing_score` (`score::evidence`). `Some(q)`: the
    /// voice-weighted score — a sentence's evidence is the word-weighted mean of its
    /// own-voice part's (2·p_own − 1) and its quoted part's (2·p_quoted − 1), quoted words
    /// at weight q (default ½: what an outlet quotes is part of its framing, but less than
    /// what it says itself). `None`: the plain mean of (2·p_kremlin − 1) over sentences,
    /// which is what a model written before format 3 reads as.
    #[serde(default)]
    pub quoted_weight: Option<f64>,
    pub tfidf: TfidfParams,
}

impl Default for ClassifierParams {
    fn default() -> Self {
        ClassifierParams {
            alpha: 1.0,
            margin: 1.0,
            max_train_sentences: 2_000,
            max_train_features: 2_000,
            seed: 42,
            gradient_tolerance: 1e-8,
            max_iterations: 1000,
            mask_lexicon: false,
            lexicon_prior: 0.5,
            propagate_weight: DEFAULT_PROPAGATE_WEIGHT,
            propagate_tau: default_propagate_tau(),
            quoted_weight: Some(DEFAULT_QUOTED_WEIGHT),
            tfidf: TfidfParams::default(),
        }
    }
}

/// β of label propagation by default: a propagated label weighs a third of a lexicon one
/// (chosen on half A of the development set, confirmed on B; docs/eval.md).
pub const DEFAULT_PROPAGATE_WEIGHT: f64 = 1.0 / 3.0;
/// q of the voice-weighted article score by default.
pub const DEFAULT_QUOTED_WEIGHT: f64 = 0.5;

fn default_max_train_features() -> usize {
    2_000
}

fn default_propagate_tau() -> f64 {
    0.2
}

impl ClassifierParams {
    /// With label propagation on, how many times a lexicon-labelled row is repeated (1/β);
    /// `None` when propagation is off or 1/β is not a whole number.
    pub fn propagation_repeat(&self) -> Option<usize> {
        let b = self.propagate_weight;
        if !(b.is_finite() && b > 0.0 && b <= 1.0) {
            return None;
        }
        let k = (1.0 / b).round();
        ((k * b - 1.0).abs() < 1e-6).then_some(k as usize)
    }

    pub fn check(&self) -> Result<()> {
        let bad = |name, message: String| Err(Error::InvalidParam { name, message });
        if !(self.alpha.is_finite() && self.alpha > 0.0) {
            return bad(
                "alpha",
                format!("{} must be a positive number (alpha = 1/C)", self.alpha),
            );
        }
        if !(self.margin.is_finite() && self.margin > 0.0) {
            return bad("margin", format!("{} must be a positive number", self.margin));
        }
        if !(self.lexicon_prior.is_finite() && self.lexicon_prior >= 0.0) {
            return bad(
                "lexicon_prior",
                format!("{} must be a number ≥ 0 (0 = the classifier alone)", self.lexicon_prior),
            );
        }
        if self.propagate_weight != 0.0 && self.propagation_repeat().is_none() {
            return bad(
                "propagate_weight",
                format!(
                    "{} must be 0 (off) or 1/k for a whole k ≥ 1 (e.g. 0.3333333333333333)",
                    self.propagate_weight
                ),
            );
        }
        if !(self.propagate_tau.is_finite() && self.propagate_tau >= 0.0) {
            return bad("propagate_tau", format!("{} must be a number ≥ 0", self.propagate_tau));
        }
        if let Some(q) = self
            .quoted_weight
            .filter(|q| !(q.is_finite() && (0.0..=1.0).contains(q)))
        {
            return bad(
                "quoted_weight",
                format!("{q} must be a number from 0 (quotes ignored) to 1 (quoted words count as the outlet's own)"),
            );
        }
        if self.max_train_features == 0 {
            return bad("max_train_features", "must be at least 1".into());
        }
        if self.max_train_sentences < 2 {
            return bad("max_train_sentences", "must be at least 2".into());
        }
        if self.gradient_tolerance.is_nan() || self.gradient_tolerance <= 0.0 || self.max_iterations == 0 {
            return bad("gradient_tolerance", "tolerance and iterations must be positive".into());
        }
        self.tfidf.check()
    }
}

/// What training saw and reached, kept in the model so a user can judge it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingStats {
    pub articles: usize,
    pub sentences: usize,
    pub labelled_kremlin: usize,
    pub labelled_western: usize,
    /// Lexicon-labelled sentences actually trained on (after the cap), before balancing and
    /// before the repetition that weights propagated rows (which are not counted here).
    pub trained_kremlin: usize,
    pub trained_western: usize,
    /// Rows of the balanced training matrix (the smaller side oversampled to the larger;
    /// with label propagation, lexicon-labelled rows repeated 1/β times first).
    pub training_rows: usize,
    /// Columns active in the training rows (others get weight exactly 0 under L2).
    pub active_features: usize,
    pub training_accuracy: f64,
    /// Euclidean norm of the objective's gradient at the returned weights: near 0 means the
    /// solver converged (the solver's iteration count is not recorded).
    pub final_gradient_norm: f64,
    pub masked_terms: usize,
    /// Entries of the model's lexicon in the training articles' languages, and how many fired
    /// at least once in the training text: the figures of the weak-model warning (0 and 0 in
    /// a model of format 1; models before session 7 counted every language's entries).
    #[serde(default)]
    pub lexicon_entries: usize,
    #[serde(default)]
    pub lexicon_entries_fired: usize,
    /// Sentences given their article's side by label propagation (not counted in
    /// `labelled_*`, which the weak-model warning uses); 0 with propagation off.
    #[serde(default)]
    pub propagated_kremlin: usize,
    #[serde(default)]
    pub propagated_western: usize,
}

impl TrainingStats {
    /// Why a model trained on this is weak (empty when it is not), each reason with its
    /// remedy. `run`, `train` and `score` print these as warnings.
    pub fn weaknesses(&self) -> Vec<String> {
        let mut out = Vec::new();
        let labelled = self.labelled_kremlin + self.labelled_western;
        if labelled < WEAK_LABELLED_SENTENCES {
            out.push(format!(
                "weak model: trained on only {labelled} lexicon-labelled sentence(s) ({} Kremlin, {} Western; fewer than {WEAK_LABELLED_SENTENCES}), so its learned weights are mostly noise and its scores rest on the lexicon; remedy: train on more seed articles, or give the articles to compare to `run` beside the seeds (corpus mode)",
                self.labelled_kremlin, self.labelled_western
            ));
        }
        if self.lexicon_entries > 0
            && (self.lexicon_entries_fired as f64) < WEAK_FIRED_SHARE * self.lexicon_entries as f64
        {
            out.push(format!(
                "weak model: only {} of the {} lexicon entries in its training languages fired in the training text, so the classifier learned nothing about the others (they count only through the lexicon prior); remedy: train on more seed articles covering the events you score, or use corpus mode (`run` with the articles beside the seeds)",
                self.lexicon_entries_fired, self.lexicon_entries
            ));
        }
        out
    }
}

/// A trained framing model: analyzer and cleaner settings, lexicon, vocabulary, idf and
/// weights oriented so that a positive logit means Kremlin-sourced framing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FramingModel {
    pub format_version: u32,
    pub tool_version: String,
    pub analyzer: AnalyzerSettings,
    pub cleaner: CleanerSettings,
    pub lexicon: Lexicon,
    pub params: ClassifierParams,
    pub tfidf: FittedTfidf,
    /// One weight per vocabulary column; positive pushes towards Kremlin-sourced.
    pub weights: Vec<f64>,
    pub intercept: f64,
    /// Which side p = sigmoid(w·x + b) is the probability of (always "kremlin").
    pub positive_class: String,
    pub training: TrainingStats,
    /// (path, sha256) of every input file the model was trained on.
    #[serde(default)]
    pub training_inputs: Vec<(String, String)>,
    /// The voice cues (speech verbs, "according to", scare markers) the own-voice split uses
    /// (`data/voice/`); a model saved before they were stored uses the built-in English ones.
    #[serde(default)]
    pub voice: crate::text::voice::VoiceCues,
    /// The actor lists sourcing uses, so scoring never depends on the current directory.
    /// `None` in models saved before they carried them: those score with the built-in lists.
    #[serde(default)]
    pub actors: Option<crate::data::ActorLists>,
    /// (article id, digest of its cleaned headline and text) of every article trained on,
    /// sorted by id, so `diff` can name the articles added, removed or edited between two
    /// trainings. At most [`MAX_RECORDED_ARTICLES`] (the first in corpus order beyond that:
    /// fewer entries than `training.articles` means the list is partial).
    #[serde(default)]
    pub training_articles: Vec<(String, String)>,
}

/// The classifier (w, b) that scores, with everything else (vocabulary, lexicon prior, voice
/// cues) from `model`: the model's own, or a cross-fitting fold's ([`CrossFit`]).
#[derive(Debug, Clone, Copy)]
pub struct Scorer<'a> {
    pub model: &'a FramingModel,
    fold: Option<&'a FoldFit>,
}

impl Scorer<'_> {
    /// w_j.
    pub fn weight(&self, j: u32) -> f64 {
        match self.fold {
            None => self.model.weights[j as usize],
            Some(f) => f.weight(j),
        }
    }

    /// b.
    pub fn intercept(&self) -> f64 {
        self.fold.map_or(self.model.intercept, |f| f.intercept)
    }

    /// w·x + b.
    pub fn classifier_logit(&self, x: &SparseVec) -> f64 {
        match self.fold {
            None => self.model.classifier_logit(x),
            Some(f) => x.idx.iter().zip(&x.val).map(|(&j, v)| v * f.weight(j)).sum::<f64>() + f.intercept,
        }
    }

    /// w·x + b + λ·lexicon_score ([`FramingModel::logit`]).
    pub fn logit(&self, x: &SparseVec, lexicon_score: f64) -> f64 {
        self.classifier_logit(x) + self.model.params.lexicon_prior * lexicon_score
    }

    pub fn p_kremlin(&self, x: &SparseVec, lexicon_score: f64) -> f64 {
        sigmoid(self.logit(x, lexicon_score))
    }

    /// 2·sigmoid(b) − 1: the signed score of a sentence with no known term.
    pub fn no_evidence_point(&self) -> f64 {
        2.0 * sigmoid(self.intercept()) - 1.0
    }
}

/// How many training articles a model lists by id (about 45 bytes each in model.json).
pub const MAX_RECORDED_ARTICLES: usize = 100_000;

impl FramingModel {
    /// The TF-IDF row of an analysed sentence (its n-grams keyed from its stem keys).
    pub fn row(&self, s: &crate::document::Sentence) -> SparseVec {
        self.tfidf.transform_stem_keys(&s.keys, self.analyzer.ngram_max)
    }

    /// Probability of Kremlin-sourced framing of a sentence: its row and its net lexicon
    /// weight (`LexiconEvidence::score`, Kremlin − Western).
    pub fn p_kremlin(&self, x: &SparseVec, lexicon_score: f64) -> f64 {
        sigmoid(self.logit(x, lexicon_score))
    }

    /// The lexicon-seeded logit w·x + b + λ·lexicon_score (λ = `params.lexicon_prior`).
    ///
    /// The classifier (w, b) is fitted on the lexicon's weak labels alone, without the
    /// λ term: measured on the labelled set (docs/eval.md), fitting a residual on top of the
    /// lexicon (the lexicon score as a training feature) learned almost nothing beyond it,
    /// because the weak labels are a function of that score; the two added as independent
    /// evidence ranked articles best, frozen and leave-one-out.
    pub fn logit(&self, x: &SparseVec, lexicon_score: f64) -> f64 {
        self.classifier_logit(x) + self.params.lexicon_prior * lexicon_score
    }

    /// The classifier's part of the logit, w·x + b (what scikit-learn's fit is compared to).
    pub fn classifier_logit(&self, x: &SparseVec) -> f64 {
        x.dot(&self.weights) + self.intercept
    }

    /// What scores with this model's own classifier.
    pub fn scorer(&self) -> Scorer<'_> {
        Scorer {
            model: self,
            fold: None,
        }
    }

    /// What scores article number `article` of a cross-fitted run: its fold's classifier
    /// (the full model's when there is no cross-fitting or the fold had none).
    pub fn scorer_for<'a>(&'a self, cross: Option<&'a CrossFit>, article: usize) -> Scorer<'a> {
        Scorer {
            model: self,
            fold: cross.and_then(|c| c.for_article(article)),
        }
    }

    /// The sentence's probability from its analysed form.
    pub fn p_sentence(&self, s: &crate::document::Sentence) -> f64 {
        self.p_kremlin(&self.row(s), s.evidence.score())
    }

    /// Serialise to pretty JSON (deterministic: no timestamps, sorted vocabulary).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::Fit(format!("serialising model: {e}")))
    }

    /// Serialise (as [`to_json`](Self::to_json) does) straight into a writer, returning the
    /// sha256 of what was written: a model of a million articles is hundreds of megabytes of
    /// JSON, which need not be held in memory nor serialised twice to be hashed.
    pub fn write_json<W: std::io::Write>(&self, w: W) -> Result<String> {
        let mut tee = HashingWriter {
            inner: w,
            hash: Sha256::new(),
        };
        serde_json::to_writer_pretty(&mut tee, self).map_err(|e| Error::Fit(format!("serialising model: {e}")))?;
        Ok(format!("{:x}", tee.hash.finalize()))
    }

    /// sha256 of the serialised model: the "model hash" recorded beside every output.
    pub fn hash(&self) -> Result<String> {
        self.write_json(std::io::sink())
    }

    /// Parse and check a model file's contents (`path` only names it in errors), and build
    /// its lookup indexes.
    pub fn from_json(path: &Path, text: &str) -> Result<FramingModel> {
        let mut m = Self::parse_checked(path, text)?;
        m.index();
        Ok(m)
    }

    /// Build the lookup indexes a parsed model needs (vocabulary and lexicon): separate from
    /// [`parse_checked`](Self::parse_checked) so a caller can free the file's text first (at
    /// 9 M terms the index is ~200 MB beside ~700 MB of JSON).
    pub fn index(&mut self) {
        self.tfidf.reindex();
        self.lexicon.reindex();
    }

    /// Parse and check a model file's contents, without the lookup indexes ([`index`](Self::index)).
    ///
    /// Parsed once: a model that parses is then checked (version first); only a file that does
    /// not parse is scanned again, for its `format_version` alone, so that a newer, older or
    /// mistyped version is named rather than a missing field.
    pub fn parse_checked(path: &Path, text: &str) -> Result<FramingModel> {
        let err = |message: String| Error::Model {
            path: path.to_path_buf(),
            message,
        };
        let m: FramingModel = match serde_json::from_str(text) {
            Ok(m) => m,
            Err(parse) => {
                // The scan builds nothing but the version.
                #[derive(Deserialize)]
                struct Version {
                    format_version: Option<serde_json::Value>,
                }
                let v: Version = serde_json::from_str(text)
                    .map_err(|e| err(format!("not a framescope model (invalid JSON: {e})")))?;
                validate::check_version(v.format_version.as_ref()).map_err(err)?;
                return Err(err(format!("not a valid model: {parse}")));
            }
        };
        validate::check_version(Some(&serde_json::Value::from(m.format_version))).map_err(err)?;
        validate::check_model(&m).map_err(err)?;
        Ok(m)
    }
}

/// The logistic function, written to stay accurate for large |z|.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// A writer that hashes everything passing through it.
struct HashingWriter<W> {
    inner: W,
    hash: Sha256,
}

impl<W: std::io::Write> std::io::Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_is_symmetric_and_stable() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert!((sigmoid(2.0) + sigmoid(-2.0) - 1.0).abs() < 1e-15);
        assert!((sigmoid(1.0) - 0.7310585786300049).abs() < 1e-15);
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(sigmoid(1000.0), 1.0);
    }

    #[test]
    fn params_are_checked_before_fitting() {
        assert!(ClassifierParams::default().check().is_ok());
        let e = ClassifierParams {
            alpha: 0.0,
            ..Default::default()
        }
        .check()
        .unwrap_err();
        assert!(e.to_string().contains("alpha"));
        assert!(ClassifierParams {
            margin: f64::NAN,
            ..Default::default()
        }
        .check()
        .is_err());
    }

    fn stats(labelled_kremlin: usize, labelled_western: usize, entries: usize, fired: usize) -> TrainingStats {
        TrainingStats {
            articles: 1,
            sentences: 10,
            labelled_kremlin,
            labelled_western,
            trained_kremlin: labelled_kremlin,
            trained_western: labelled_western,
            training_rows: 0,
            active_features: 0,
            training_accuracy: 1.0,
            final_gradient_norm: 0.0,
            masked_terms: 0,
            lexicon_entries: entries,
            lexicon_entries_fired: fired,
            propagated_kremlin: 0,
            propagated_western: 0,
        }
    }

    #[test]
    fn propagation_weight_must_be_one_over_a_whole_number() {
        let p = |w| ClassifierParams {
            propagate_weight: w,
            ..Default::default()
        };
        assert_eq!(p(0.0).propagation_repeat(), None);
        assert!(p(0.0).check().is_ok());
        assert_eq!(p(1.0 / 3.0).propagation_repeat(), Some(3));
        assert_eq!(p(0.5).propagation_repeat(), Some(2));
        assert_eq!(p(1.0).propagation_repeat(), Some(1));
        assert_eq!(p(0.4).propagation_repeat(), None);
        assert!(p(0.4).check().unwrap_err().to_string().contains("propagate_weight"));
        assert!(p(-0.5).check().is_err());
    }

    #[test]
    fn the_lexicon_prior_adds_lambda_times_the_net_lexicon_weight() {
        let lexicon = crate::lexicon::Lexicon::new(vec![], String::new(), String::new());
        let tfidf =
            crate::tfidf::FittedTfidf::new(TfidfParams::default(), 1, vec!["a".into(), "b".into()], vec![1.0, 1.0]);
        let m = FramingModel {
            format_version: MODEL_FORMAT_VERSION,
            tool_version: "t".into(),
            analyzer: AnalyzerSettings {
                stop_words: vec![],
                outlet_names: vec![],
                ngram_max: 1,
                stemmer: "english".into(),
                languages: vec![],
            },
            cleaner: CleanerSettings::from_files(
                &crate::data::DataText {
                    path: "b".into(),
                    text: String::new(),
                },
                &crate::data::DataText {
                    path: "s".into(),
                    text: String::new(),
                },
            )
            .unwrap(),
            lexicon,
            params: ClassifierParams {
                lexicon_prior: 0.5,
                ..Default::default()
            },
            tfidf,
            weights: vec![2.0, -1.0],
            intercept: 0.25,
            positive_class: "kremlin".into(),
            training: stats(1, 1, 0, 0),
            training_inputs: vec![],
            voice: Default::default(),
            actors: None,
            training_articles: vec![],
        };
        let x = SparseVec {
            idx: vec![0, 1],
            val: vec![0.6, 0.8],
        };
        // w·x + b = 2·0.6 − 1·0.8 + 0.25 = 0.65; λ·L = 0.5·(−3) = −1.5; sum −0.85.
        assert!((m.classifier_logit(&x) - 0.65).abs() < 1e-15);
        assert!((m.logit(&x, -3.0) + 0.85).abs() < 1e-15);
        assert!((m.p_kremlin(&x, -3.0) - 1.0 / (1.0 + 0.85f64.exp())).abs() < 1e-15);
        // λ = 0 is the classifier alone (a format-1 model).
        let mut old = m.clone();
        old.params.lexicon_prior = 0.0;
        assert_eq!(old.logit(&x, -3.0), old.classifier_logit(&x));
    }

    #[test]
    fn format_1_models_load_with_no_lexicon_prior() {
        let json = r#"{"alpha":1.0,"margin":1.0,"max_train_sentences":2,"seed":1,"gradient_tolerance":1e-8,"max_iterations":10,"mask_lexicon":false,"tfidf":{"min_df":1,"max_df":1.0,"max_features":null,"sublinear_tf":true}}"#;
        let p: ClassifierParams = serde_json::from_str(json).unwrap();
        assert_eq!(p.lexicon_prior, 0.0);
        // Nor a voice-weighted score or propagation: the plain sentence mean it always had.
        assert_eq!((p.quoted_weight, p.propagate_weight), (None, 0.0));
        let q = |q| ClassifierParams {
            quoted_weight: Some(q),
            ..Default::default()
        };
        assert!(q(0.0).check().is_ok() && q(1.0).check().is_ok());
        for bad in [-0.1, 1.5, f64::NAN] {
            assert!(q(bad).check().unwrap_err().to_string().contains("quoted_weight"));
        }
        let d = ClassifierParams::default();
        assert_eq!((d.quoted_weight, d.propagation_repeat()), (Some(0.5), Some(3)));
        assert!(ClassifierParams {
            lexicon_prior: -1.0,
            ..Default::default()
        }
        .check()
        .unwrap_err()
        .to_string()
        .contains("lexicon_prior"));
    }

    #[test]
    fn weak_models_are_named_with_their_figures_and_remedy() {
        // 10 + 15 labelled (< 200) and 26 of 92 entries fired (< half): both warnings.
        let w = stats(10, 15, 92, 26).weaknesses();
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w[0].contains("only 25 lexicon-labelled") && w[0].contains("more seed articles"),
            "{}",
            w[0]
        );
        assert!(
            w[1].contains("only 26 of the 92 lexicon entries in its training languages")
                && w[1].contains("corpus mode"),
            "{}",
            w[1]
        );
        // 200 labelled and exactly half the entries fired: not weak.
        assert!(stats(100, 100, 92, 46).weaknesses().is_empty());
        // 45 of 92 fired is under half.
        assert_eq!(stats(100, 100, 92, 45).weaknesses().len(), 1);
        // A format-1 model records no entry counts: only the sentence figure is judged.
        assert!(stats(300, 0, 0, 0).weaknesses().is_empty());
    }

    #[test]
    fn newer_and_truncated_models_are_refused_with_the_reason() {
        let p = Path::new("m.json");
        let e = FramingModel::from_json(p, "{\"format_version\": 99}")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("m.json: written by a newer framescope (model format 99"),
            "{e}"
        );
        let e = FramingModel::from_json(p, "{\"format_version\": 1, \"weig")
            .unwrap_err()
            .to_string();
        assert!(e.contains("invalid JSON"), "{e}");
    }
}
