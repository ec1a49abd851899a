//! Holdout evaluation (`eval --model`): a saved model scores labelled articles it was not
//! trained on, with the transductive, lexicon-only and masked settings beside it. Articles
//! that are in the model's training text after all are found by content and reported: the
//! evaluation is then in-sample for them, and not called a holdout.

use super::{
    baselines, chance_notes, check_sides, classifier_scored, classifier_scored_with, experiments, in_model_training,
    in_model_training_note, labelled, lexicon_settings, masked, overlap_notes, overlapping, scored_as, setting,
    train_on, unpropagated, with_mask_top, with_prior, EvalOptions, EvalReport, Scored, CROSSFIT, FROZEN,
    FROZEN_NO_PRIOR, FROZEN_PLAIN_SCORE, MASKED_FROZEN, MASKED_TRANSDUCTIVE, PRIOR_GRID, TRANSDUCTIVE,
    TRANSDUCTIVE_NO_PRIOR, TRANSDUCTIVE_PLAIN,
};
use crate::document::Document;
use crate::error::Result;
use crate::model::FramingModel;
use crate::pipeline::Resources;
use rayon::prelude::*;

/// Evaluate a saved model on labelled documents, with the baselines beside it.
///
/// - `classifier_frozen`: `model` scores the articles as they are (in-sample for those in
///   its training text, [`super::in_model_training`]: the report's `mode` is then
///   "in-sample", or "partly in-sample", instead of "holdout", and a note says so).
/// - `classifier_transductive`: retrained with the model's parameters on `train_docs` plus
///   the evaluated articles' text (lexicon weak labels, never the article labels), every
///   article scored in-sample (`run --folds 0`).
/// - `classifier_crossfit`: the same training, each evaluated article scored by its
///   cross-fitting fold's classifier, as `run` does by default.
/// - `*_no_prior`: the same fitted classifiers scored without the lexicon prior (λ = 0).
/// - `lexicon_net`, `lexicon_per_sentence`, `lexicon_ratio`: [`baselines`].
/// - `masked_frozen` / `masked_transductive`: the same two trainings with every lexicon
///   n-gram hidden from the classifier.
///
/// `train_docs` should be what the model was trained on (the seeds, for `run`'s model).
pub fn evaluate(
    model: &FramingModel,
    train_docs: &[Document],
    docs: &[Document],
    opts: &EvalOptions,
) -> Result<EvalReport> {
    with_mask_top(train_docs, docs, &model.lexicon, opts.mask_top, |t, d| {
        evaluate_docs(model, t, d, opts)
    })
}

fn evaluate_docs(
    model: &FramingModel,
    train_docs: &[Document],
    docs: &[Document],
    opts: &EvalOptions,
) -> Result<EvalReport> {
    let eval = labelled(docs);
    check_sides(&eval)?;
    let res = Resources::from_model(model)?;
    let params = model.params.clone().check()?;
    let both = || train_docs.iter().chain(eval.iter().copied());
    let transductive = train_on(both(), &res, &params)?;
    let (crossfit, cross) = super::train_folds_on(both(), &res, &params, None)?;
    let first = train_docs.len();
    let transductive_plain = train_on(both(), &res, &unpropagated(&params)?)?;
    let masked_frozen = train_on(train_docs, &res, &masked(&params)?)?;
    let masked_transductive = train_on(both(), &res, &masked(&params)?)?;
    let score_with = |m: &FramingModel| -> Vec<Scored> { eval.par_iter().map(|d| classifier_scored(m, d)).collect() };
    let in_training = in_model_training(model, &eval);
    let (mode, frozen) = match in_training.len() {
        0 => (
            "holdout",
            "the given model scores the articles (they were not in its training)".to_string(),
        ),
        n if n == eval.len() => (
            "in-sample",
            "the given model scores the articles (in-sample: every one is in its training text)".to_string(),
        ),
        n => (
            "partly in-sample",
            format!("the given model scores the articles (in-sample for the {n} of them in its training text)"),
        ),
    };
    let mut settings = vec![
        setting(FROZEN, &frozen, score_with(model), opts),
        setting(
            TRANSDUCTIVE,
            "retrained on the training articles plus the evaluated articles' text, lexicon weak labels only",
            score_with(&transductive),
            opts,
        ),
        setting(
            CROSSFIT,
            "as classifier_transductive, each article scored by a classifier fitted without its cross-fitting fold (10 folds on small corpora): what `run` does",
            eval.par_iter()
                .enumerate()
                .map(|(i, d)| classifier_scored_with(crossfit.scorer_for(cross.as_ref(), first + i), d))
                .collect(),
            opts,
        ),
        setting(
            FROZEN_NO_PRIOR,
            "the given model's classifier alone, without the lexicon prior (λ = 0)",
            score_with(&with_prior(model, 0.0)),
            opts,
        ),
        setting(
            TRANSDUCTIVE_NO_PRIOR,
            "the transductive model's classifier alone, without the lexicon prior (λ = 0)",
            score_with(&with_prior(&transductive, 0.0)),
            opts,
        ),
    ];
    settings.extend([
        setting(
            FROZEN_PLAIN_SCORE,
            "the given model, article score = plain mean of (2p − 1) over sentences (no voice weighting)",
            eval.par_iter().map(|d| scored_as(model, d, None)).collect(),
            opts,
        ),
        setting(
            TRANSDUCTIVE_PLAIN,
            "retrained transductively without label propagation, plain sentence mean: the method before issue 15's second step",
            eval.par_iter().map(|d| scored_as(&transductive_plain, d, None)).collect(),
            opts,
        ),
    ]);
    settings.extend(lexicon_settings(&eval, &res, opts));
    settings.extend([
        setting(
            MASKED_FROZEN,
            "classifier trained on the training articles with every lexicon n-gram hidden",
            score_with(&masked_frozen),
            opts,
        ),
        setting(
            MASKED_TRANSDUCTIVE,
            "classifier trained transductively with every lexicon n-gram hidden",
            score_with(&masked_transductive),
            opts,
        ),
    ]);
    let mut notes = Vec::new();
    if opts.experiments {
        let (st, added) = experiments::self_train(&both().collect::<Vec<_>>(), &res, &params)?;
        settings.push(setting(
            "classifier_frozen_mean_logit",
            "the given model, article score = mean sentence logit instead of mean (2p − 1)",
            eval.par_iter().map(|d| experiments::mean_logit(model, d)).collect(),
            opts,
        ));
        settings.push(setting(
            "classifier_transductive_mean_logit",
            "transductive model, article score = mean sentence logit",
            eval.par_iter()
                .map(|d| experiments::mean_logit(&transductive, d))
                .collect(),
            opts,
        ));
        settings.push(setting(
            "classifier_frozen_uncentred",
            "the given model, article score = plain mean (2p − 1), without centring on the no-evidence point",
            eval.par_iter().map(|d| experiments::uncentred(model, d)).collect(),
            opts,
        ));
        settings.push(setting(
            "classifier_transductive_uncentred",
            "transductive model, article score = plain mean (2p − 1), without centring",
            eval.par_iter()
                .map(|d| experiments::uncentred(&transductive, d))
                .collect(),
            opts,
        ));
        for &l in PRIOR_GRID.iter() {
            settings.push(setting(
                &format!("classifier_frozen_prior_{l}"),
                "the given model's classifier with lexicon prior λ as named",
                score_with(&with_prior(model, l)),
                opts,
            ));
            settings.push(setting(
                &format!("classifier_transductive_prior_{l}"),
                "the transductive classifier with lexicon prior λ as named",
                score_with(&with_prior(&transductive, l)),
                opts,
            ));
        }
        settings.push(setting(
            "masked_frozen_with_prior",
            "classifier with the lexicon masked, trained on the training articles, plus the lexicon prior",
            score_with(&with_prior(&masked_frozen, params.lexicon_prior)),
            opts,
        ));
        settings.push(setting(
            "masked_transductive_with_prior",
            "transductive classifier with the lexicon masked, plus the lexicon prior",
            score_with(&with_prior(&masked_transductive, params.lexicon_prior)),
            opts,
        ));
        settings.push(setting(
            "classifier_self_trained",
            "transductive model refit once with unlabelled sentences it scores at/beyond 0.6/0.4 as extra rows",
            score_with(&st),
            opts,
        ));
        notes.push(format!("self-training added {added} pseudo-labelled sentences"));
        let tau = params.propagate_tau;
        // (setting, name part, what model, the model, its fold classifiers): `scorer_for`
        // without folds is the model's own scorer.
        let modes = [
            (FROZEN, "frozen", "the given model", model, None),
            (TRANSDUCTIVE, "transductive", "transductive model", &transductive, None),
            (CROSSFIT, "crossfit", "cross-fitted as `run`", &crossfit, cross.as_ref()),
        ];
        for rule in [experiments::Hitless::Zero, experiments::Hitless::Exclude] {
            let what = rule.describe();
            for (_, name, who, m, folds) in &modes {
                settings.push(setting(
                    &format!("classifier_{name}_{}", rule.suffix()),
                    &format!("{who}; a sentence without lexicon hit whose |p − ½| < τ = {tau} {what}"),
                    eval.par_iter()
                        .enumerate()
                        .map(|(i, d)| experiments::evidence_thresholded(m.scorer_for(*folds, first + i), d, rule))
                        .collect(),
                    opts,
                ));
            }
        }
        for (label, _, _, m, folds) in &modes {
            notes.push(experiments::hitless_note(
                label,
                tau,
                eval.iter()
                    .enumerate()
                    .map(|(i, d)| experiments::hitless_confident(m.scorer_for(*folds, first + i), d)),
            ));
        }
    }
    notes.splice(0..0, chance_notes(&settings));
    notes.insert(
        0,
        format!(
            "the frozen model was trained on {} articles; {} labelled articles evaluated",
            model.training.articles,
            eval.len()
        ),
    );
    if let Some(n) = in_model_training_note(model, in_training.len(), eval.len()) {
        notes.insert(1, n);
    }
    let overlap = overlapping(train_docs, &eval);
    notes.extend(overlap_notes(&overlap));
    notes.extend(super::articles::copies_note(
        &eval,
        &super::articles::copy_groups(&eval),
    ));
    Ok(EvalReport {
        mode: mode.into(),
        in_model_training: in_training,
        overlapping: overlap,
        articles: eval.len(),
        training_articles: train_docs.len(),
        options: opts.clone(),
        params: params.into_inner(),
        gaps: baselines::gaps(&settings),
        settings,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Side;
    use crate::eval::fixtures::{doc, resources};
    use crate::model::ClassifierParams;

    /// `eval --model` on the model's own training articles (a corpus-mode run's model on the
    /// articles it ran on) is in-sample, not a holdout: said in the mode, the frozen
    /// setting's description and one note, with the articles listed.
    #[test]
    fn articles_in_the_models_training_text_are_not_called_a_holdout() {
        let res = resources();
        let params = ClassifierParams::default().check().unwrap();
        let seeds = [
            doc("s1", None, &["The Kiev regime shells towns. The Kiev regime again."]),
            doc("s2", None, &["Kyiv fears an invasion. Troops near Kyiv."]),
        ];
        let eval = [
            doc(
                "k1",
                Some(Side::Kremlin),
                &["Kiev regime forces fired. Kiev denies it."],
            ),
            doc(
                "w1",
                Some(Side::Western),
                &["The invasion of Kyiv looms. Kyiv prepares."],
            ),
            doc("w2", Some(Side::Western), &["An invasion, officials in Kyiv said."]),
        ];
        let opts = EvalOptions {
            bootstrap: 20,
            ..EvalOptions::default()
        };
        let frozen = |r: &EvalReport| r.setting(FROZEN).unwrap().description.clone();
        // Trained on the seeds alone: a holdout, no note.
        let m = train_on(seeds.iter(), &res, &params).unwrap();
        let r = evaluate(&m, &seeds, &eval, &opts).unwrap();
        assert_eq!(r.mode, "holdout");
        assert!(r.in_model_training.is_empty());
        assert!(frozen(&r).contains("not in its training"), "{}", frozen(&r));
        assert!(!r.notes.iter().any(|n| n.contains("training text")), "{:?}", r.notes);
        // Trained on the seeds and the evaluated articles (corpus mode): in-sample, one note.
        let m = train_on(seeds.iter().chain(&eval), &res, &params).unwrap();
        let r = evaluate(&m, &seeds, &eval, &opts).unwrap();
        assert_eq!(r.mode, "in-sample");
        assert_eq!(r.in_model_training, ["k1", "w1", "w2"]);
        assert!(frozen(&r).contains("in-sample"), "{}", frozen(&r));
        let said: Vec<&String> = r.notes.iter().filter(|n| n.contains("training text")).collect();
        assert_eq!(said.len(), 1, "{:?}", r.notes);
        assert!(
            said[0].starts_with("3 of the 3 evaluated articles are in the model's training text: ")
                && said[0].contains("not a holdout")
                && said[0].contains("eval --cv"),
            "{}",
            said[0]
        );
        // Trained on one of them, under another id (found by content): partly in-sample.
        let mut renamed = eval[1].clone();
        renamed.article.id = "copy".into();
        let m = train_on(seeds.iter().chain([&renamed]), &res, &params).unwrap();
        let r = evaluate(&m, &seeds, &eval, &opts).unwrap();
        assert_eq!(r.mode, "partly in-sample");
        assert_eq!(r.in_model_training, ["w1"]);
        assert!(
            r.notes.iter().any(|n| n.starts_with("1 of the 3 evaluated articles")),
            "{:?}",
            r.notes
        );
    }
}
