//! How a setting scores the articles (classifier or lexicon, with the per-sentence reasons)
//! and becomes a [`SettingResult`] with its metrics and worst-scored articles.

use super::baselines;
use super::metrics::Metrics;
use super::{ArticleResult, EvalOptions, SentenceReason, SettingResult, WorstArticle};
use crate::corpus::Side;
use crate::document::Document;
use crate::model::{ClassifierParams, FramingModel};
use crate::pipeline::Resources;
use crate::score::{ScoreParams, SentenceScore};

/// Per-article scores plus the per-sentence values behind them.
pub(super) struct Scored {
    pub(super) id: String,
    pub(super) label: Side,
    pub(super) score: f64,
    pub(super) sentences: Vec<SentenceReason>,
}

pub(super) fn quiet() -> ScoreParams {
    ScoreParams {
        bootstrap: 0,
        ..ScoreParams::default()
    }
}

pub(super) fn classifier_scored(model: &FramingModel, doc: &Document) -> Scored {
    classifier_scored_with(model.scorer(), doc)
}

/// [`classifier_scored`] with a given classifier (a cross-fitting fold's).
pub(super) fn classifier_scored_with(scorer: crate::model::Scorer<'_>, doc: &Document) -> Scored {
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
pub(super) fn scored_as(model: &FramingModel, doc: &Document, quoted_weight: Option<f64>) -> Scored {
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

pub(super) fn setting(name: &str, description: &str, scored: Vec<Scored>, opts: &EvalOptions) -> SettingResult {
    let scores: Vec<f64> = scored.iter().map(|s| s.score).collect();
    let labels: Vec<Side> = scored.iter().map(|s| s.label).collect();
    let metrics = Metrics::new(&scores, &labels, opts.bootstrap, opts.seed);
    // Near chance when the interval contains ½; with no interval (`--bootstrap 0`) there is
    // nothing to contain it (every setting was marked, AUC 0.99 too: review, session 29),
    // unless there is no AUC either.
    let near_chance = match (metrics.auc_low, metrics.auc_high, metrics.auc) {
        (Some(l), Some(h), _) => l <= 0.5 && 0.5 <= h,
        (_, _, Some(_)) => false,
        _ => true,
    };
    let mut order: Vec<usize> = (0..scored.len()).collect();
    order.sort_by(|&a, &b| {
        // `+ 0.0`: −0 and +0 tie (`total_cmp` orders them), as in the AUC.
        (toward(scored[a].label, scored[a].score) + 0.0)
            .total_cmp(&(toward(scored[b].label, scored[b].score) + 0.0))
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

/// The same fitted model with another article score (`ClassifierParams::quoted_weight`).
pub fn with_quoted_weight(model: &FramingModel, quoted_weight: Option<f64>) -> FramingModel {
    let mut m = model.clone();
    m.params.quoted_weight = quoted_weight;
    m
}

/// q of the voice-weighted settings: the parameters' own, else the default.
pub(super) fn voice_weight(params: &ClassifierParams) -> f64 {
    params.quoted_weight.unwrap_or(crate::model::DEFAULT_QUOTED_WEIGHT)
}

/// The same fitted model with another lexicon prior λ (the classifier's weights unchanged).
pub fn with_prior(model: &FramingModel, lambda: f64) -> FramingModel {
    let mut m = model.clone();
    m.params.lexicon_prior = lambda;
    m
}

pub(super) fn lexicon_settings(eval: &[&Document], res: &Resources, opts: &EvalOptions) -> Vec<SettingResult> {
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

pub(super) fn chance_notes(settings: &[SettingResult]) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::experiments;
    use crate::eval::fixtures::{doc, resources};
    use crate::eval::train_on;

    #[test]
    fn without_an_interval_no_setting_is_near_chance() {
        let scored = |s: &[(Side, f64)]| -> Vec<Scored> {
            s.iter()
                .enumerate()
                .map(|(i, &(label, score))| Scored {
                    id: format!("a{i}"),
                    label,
                    score,
                    sentences: Vec::new(),
                })
                .collect()
        };
        // AUC 1 (every Kremlin article above every Western one), then 0.5 (all tied).
        let perfect = || {
            scored(&[
                (Side::Kremlin, 0.9),
                (Side::Kremlin, 0.8),
                (Side::Western, -0.5),
                (Side::Western, -0.6),
            ])
        };
        let tied = || {
            scored(&[
                (Side::Kremlin, 0.0),
                (Side::Kremlin, 0.0),
                (Side::Western, 0.0),
                (Side::Western, 0.0),
            ])
        };
        for bootstrap in [0, 200] {
            let opts = EvalOptions {
                bootstrap,
                ..EvalOptions::default()
            };
            let p = setting("p", "", perfect(), &opts);
            assert_eq!(p.metrics.auc, Some(1.0));
            assert!(!p.near_chance, "bootstrap {bootstrap}");
            let t = setting("t", "", tied(), &opts);
            assert_eq!(t.metrics.auc, Some(0.5));
            // With an interval, [0.5, 0.5] contains ½; without one nothing is claimed.
            assert_eq!(t.near_chance, bootstrap > 0, "bootstrap {bootstrap}");
        }
    }

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
        let m = train_on(docs.iter(), &res, &ClassifierParams::default().check().unwrap()).unwrap();
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
}
