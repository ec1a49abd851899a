//! The trained model ([`FramingModel`], what `model.json` holds) and what scores with it:
//! its own classifier or a cross-fitting fold's ([`Scorer`]), through [`sigmoid`].

use super::{ClassifierParams, CrossFit, FoldFit, TrainingStats};
use crate::clean::CleanerSettings;
use crate::lexicon::Lexicon;
use crate::text::AnalyzerSettings;
use crate::tfidf::{FittedTfidf, SparseVec};
use serde::{Deserialize, Serialize};

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
        self.classifier_logit_each(x, |_, _| {})
    }

    /// w·x + b, calling `each(j, x_j·w_j)` for every term with a non-zero contribution, in
    /// row order: what the logit and an article's top terms both need, with one weight lookup
    /// per term. The sum is `Iterator::sum`'s (the same start value, the terms added in row
    /// order), so the logit has the bits of [`FramingModel::classifier_logit`]'s dot product.
    pub fn classifier_logit_each(&self, x: &SparseVec, mut each: impl FnMut(u32, f64)) -> f64 {
        let mut z: f64 = std::iter::empty::<f64>().sum();
        for (&j, &v) in x.idx.iter().zip(&x.val) {
            let c = v * self.weight(j);
            z += c;
            if c != 0.0 {
                each(j, c);
            }
        }
        z + self.intercept()
    }

    /// The probability from a classifier logit (w·x + b) and the net lexicon weight:
    /// sigmoid(z + λ·lexicon_score), what [`p_kremlin`](Self::p_kremlin) computes.
    pub fn p_from(&self, classifier_logit: f64, lexicon_score: f64) -> f64 {
        sigmoid(classifier_logit + self.model.params.lexicon_prior * lexicon_score)
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
    /// The digests of the articles it was trained on (`training_articles`): an article is
    /// among them when [`super::article_digest`] of its cleaned text is (by content: a copy
    /// under another id is, an edited version is not). Empty for models from before they
    /// recorded their articles.
    pub fn training_digests(&self) -> rustc_hash::FxHashSet<&str> {
        self.training_articles.iter().map(|(_, d)| d.as_str()).collect()
    }

    /// What a count of articles found among [`training_digests`](Self::training_digests)
    /// must add when the model lists only some of its training articles
    /// ([`MAX_RECORDED_ARTICLES`]): " (at least: …)", else nothing.
    pub fn training_list_caveat(&self) -> String {
        let listed = self.training_articles.len();
        if listed < self.training.articles {
            format!(
                " (at least: the model lists {listed} of its {} training articles)",
                self.training.articles
            )
        } else {
            String::new()
        }
    }

    /// The TF-IDF row of an analysed sentence (its n-grams keyed from its stem keys).
    pub fn row(&self, s: &crate::document::Sentence) -> SparseVec {
        let mut x = SparseVec::default();
        self.row_into(s, &mut x);
        x
    }

    /// [`row`](Self::row) into `out`, reusing its buffers.
    pub fn row_into(&self, s: &crate::document::Sentence, out: &mut SparseVec) {
        self.tfidf
            .transform_stem_keys_into(&s.model_keys(self.params.mask_hits), self.analyzer.ngram_max, out);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::stats::stats;
    use crate::model::MODEL_FORMAT_VERSION;
    use crate::tfidf::TfidfParams;

    #[test]
    fn sigmoid_is_symmetric_and_stable() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert!((sigmoid(2.0) + sigmoid(-2.0) - 1.0).abs() < 1e-15);
        assert!((sigmoid(1.0) - 0.7310585786300049).abs() < 1e-15);
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(sigmoid(1000.0), 1.0);
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
}
