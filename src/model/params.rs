//! What decides how a model is trained ([`ClassifierParams`]), with its defaults and the
//! checks run once before fitting.

use crate::error::{Error, Result};
use crate::tfidf::TfidfParams;
use serde::{Deserialize, Serialize};

/// Everything that decides how a model is trained. Validated by [`ClassifierParams::check`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassifierParams {
    /// L2 penalty of linfa-logistic's objective, sum of log-losses + alpha/2·‖w‖²: this is
    /// scikit-learn's `1/C`.
    pub alpha: f64,
    /// A sentence is weakly labelled when |Kremlin − Western lexicon weight| ≥ margin.
    pub margin: f64,
    /// At most this many labelled sentences are trained on (beyond it a seeded sample
    /// stratified by side, `model::reservoir`), which bounds training time and memory on
    /// any corpus.
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
    /// n₀ of the learned weights' shrinkage toward the lexicon (`model::shrink`); 0 = off,
    /// always, except in `eval --experiments`, which measured it and found it no better
    /// (docs/eval.md, "Session 23"). Left out of model.json when 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub shrink: f64,
    /// Hide the words of every lexicon hit from the classifier, in training and in scoring:
    /// a sentence's n-grams that touch a matched phrase are left out of its row, so the
    /// phrase counts once, through the lexicon prior, and the classifier learns from the
    /// words around it (not the phrase's own words, such as the name in "Zelensky regime").
    /// An `eval --experiments` setting (session 29); off, and left out of model.json, always
    /// else.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mask_hits: bool,
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
            shrink: 0.0,
            mask_hits: false,
            tfidf: TfidfParams::default(),
        }
    }
}

/// β of label propagation by default: a propagated label weighs a third of a lexicon one
/// (chosen on half A of the development set, confirmed on B; docs/eval.md).
pub const DEFAULT_PROPAGATE_WEIGHT: f64 = 1.0 / 3.0;
/// q of the voice-weighted article score by default.
pub const DEFAULT_QUOTED_WEIGHT: f64 = 0.5;

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

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

    /// Validate once, where parameters enter (linfa's `ParamGuard`): the checked parameters
    /// are the only kind the fit takes.
    pub fn check(self) -> Result<CheckedClassifierParams> {
        self.check_ref()?;
        Ok(CheckedClassifierParams(self))
    }

    /// [`ClassifierParams::check`] without taking the parameters: the first problem found.
    pub fn check_ref(&self) -> Result<()> {
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
        // Bounded as a loaded model's is (`model::validate`): `--lexicon-prior 2e6` wrote a
        // model every other command refused as corrupt (review, session 48).
        let most = crate::model::validate::MAX_MAGNITUDE;
        if !(self.lexicon_prior.is_finite() && (0.0..=most).contains(&self.lexicon_prior)) {
            return bad(
                "lexicon_prior",
                format!(
                    "{} must be a number from 0 (the classifier alone) to {most:e}",
                    self.lexicon_prior
                ),
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
        if !(self.shrink.is_finite() && self.shrink >= 0.0) {
            return bad("shrink", format!("{} must be a number ≥ 0 (0 = off)", self.shrink));
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

/// [`ClassifierParams`] that passed [`ClassifierParams::check`]: what the fit functions
/// (`model::fit_logistic`, `pipeline::train`, `eval::train_on` …) take, so parameters cannot
/// reach a fit unvalidated. Read the values through `Deref`; change them only through
/// [`CheckedClassifierParams::with`], which checks again.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedClassifierParams(ClassifierParams);

impl std::ops::Deref for CheckedClassifierParams {
    type Target = ClassifierParams;
    fn deref(&self) -> &ClassifierParams {
        &self.0
    }
}

impl CheckedClassifierParams {
    /// Changed parameters (a setting's variant of these), checked again.
    pub fn with(&self, change: impl FnOnce(&mut ClassifierParams)) -> Result<Self> {
        let mut p = self.0.clone();
        change(&mut p);
        p.check()
    }

    pub fn into_inner(self) -> ClassifierParams {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_checked_params_variant_is_checked_again() {
        let p = ClassifierParams::default().check().unwrap();
        let scaled = p.with(|p| p.alpha *= 3.0).unwrap();
        assert_eq!(scaled.alpha, 3.0 * p.alpha);
        let e = p.with(|p| p.alpha = 0.0).unwrap_err();
        assert!(matches!(e, Error::InvalidParam { name: "alpha", .. }), "{e}");
        let e = p.with(|p| p.tfidf.max_df = 2.0).unwrap_err();
        assert!(matches!(e, Error::InvalidParam { name: "max_df", .. }), "{e}");
        assert_eq!(p.clone().into_inner(), ClassifierParams::default());
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
        // The bound a loaded model is held to (review, session 48: 2e6 wrote a model every
        // other command refused as corrupt).
        let prior = |v| ClassifierParams {
            lexicon_prior: v,
            ..Default::default()
        };
        assert!(prior(1e6).check().is_ok());
        assert!(prior(2e6)
            .check()
            .unwrap_err()
            .to_string()
            .contains("from 0 (the classifier alone) to 1e6"));
    }
}
