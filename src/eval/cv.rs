//! Leave-one-article-out cross-validation (`eval --cv`): one fold per labelled article,
//! each trained without it.

use super::{
    baselines, chance_notes, check_sides, classifier_scored, experiments, labelled, lexicon_settings, masked,
    overlap_notes, overlapping, propagated, scored_as, setting, train_on, unpropagated, voice_weight, with_mask_top,
    with_prior, EvalOptions, EvalReport, Scored, LOO, LOO_NO_PRIOR, LOO_PLAIN, LOO_PROPAGATED, LOO_VOICE, MASKED_LOO,
    PRIOR_GRID,
};
use crate::document::Document;
use crate::error::Result;
use crate::model::CheckedClassifierParams;
use crate::pipeline::Resources;
use rayon::prelude::*;

/// Leave-one-article-out: for each labelled article, train on `train_docs` plus every other
/// evaluated article's text (weak labels) and score the held-out article, whose sentences
/// are never in that fold's vocabulary, idf or training rows.
pub fn cross_validate(
    train_docs: &[Document],
    docs: &[Document],
    res: &Resources,
    params: &CheckedClassifierParams,
    opts: &EvalOptions,
) -> Result<EvalReport> {
    with_mask_top(train_docs, docs, &res.lexicon, opts.mask_top, |t, d| {
        cross_validate_docs(t, d, res, params, opts)
    })
}

fn cross_validate_docs(
    train_docs: &[Document],
    docs: &[Document],
    res: &Resources,
    params: &CheckedClassifierParams,
    opts: &EvalOptions,
) -> Result<EvalReport> {
    let eval = labelled(docs);
    check_sides(&eval)?;
    let lambda = params.lexicon_prior;
    let q = voice_weight(params);
    let (m0_params, mp_params) = (unpropagated(params)?, propagated(params)?);
    // Copies stay out of each other's folds, as cross-fitting keeps them in one (review,
    // session 29: a wire copy of the held-out article trained its fold, and with three
    // copies a side its score moved from +0.14 to +0.48). An article repeating at least half
    // of its sentences from another is in that article's group; a fold leaves out the held-out
    // article's whole group.
    let group = super::articles::copy_groups(&eval);
    // Per fold, in this order: LOO, masked, uncentred, masked uncentred, no prior, masked
    // with the prior, voice only, propagated only, plain, the evidence threshold on hit-less
    // sentences (zero, excluded), one per λ of the grid, then (with --experiments) the shrunk weights.
    let folds: Vec<(Vec<Scored>, [usize; 2])> = (0..eval.len())
        .into_par_iter()
        .map(|i| {
            let others = || {
                train_docs.iter().chain(
                    eval.iter()
                        .enumerate()
                        .filter(|(j, _)| group[*j] != group[i])
                        .map(|(_, d)| *d),
                )
            };
            let m = train_on(others(), res, params)?;
            let mm = train_on(others(), res, &masked(params)?)?;
            // The default propagates: its model is the propagated one, and only the model
            // without propagation is an extra fit (and the other way round).
            let m0 = if *params == m0_params {
                m.clone()
            } else {
                train_on(others(), res, &m0_params)?
            };
            let mp = if *params == mp_params {
                m.clone()
            } else {
                train_on(others(), res, &mp_params)?
            };
            let mut v = vec![
                classifier_scored(&m, eval[i]),
                classifier_scored(&mm, eval[i]),
                experiments::uncentred(&m, eval[i]),
                experiments::uncentred(&mm, eval[i]),
                classifier_scored(&with_prior(&m, 0.0), eval[i]),
                classifier_scored(&with_prior(&mm, lambda), eval[i]),
                scored_as(&m0, eval[i], Some(q)),
                scored_as(&mp, eval[i], None),
                scored_as(&m0, eval[i], None),
                experiments::evidence_thresholded(m.scorer(), eval[i], experiments::Hitless::Zero),
                experiments::evidence_thresholded(m.scorer(), eval[i], experiments::Hitless::Exclude),
            ];
            v.extend(
                PRIOR_GRID
                    .iter()
                    .map(|&l| classifier_scored(&with_prior(&m, l), eval[i])),
            );
            // The shrunk weights, an extra fit measured only with --experiments.
            if opts.experiments {
                v.push(classifier_scored(
                    &train_on(others(), res, &experiments::shrunk(params)?)?,
                    eval[i],
                ));
                v.push(classifier_scored(
                    &train_on(others(), res, &experiments::hits_masked(params)?)?,
                    eval[i],
                ));
            }
            Ok((v, experiments::hitless_confident(m.scorer(), eval[i])))
        })
        .collect::<Result<_>>()?;
    let width = 11 + PRIOR_GRID.len() + 2 * usize::from(opts.experiments);
    let mut columns: Vec<Vec<Scored>> = (0..width).map(|_| Vec::new()).collect();
    let mut hitless = Vec::with_capacity(folds.len());
    for (fold, h) in folds {
        hitless.push(h);
        for (c, s) in columns.iter_mut().zip(fold) {
            c.push(s);
        }
    }
    let mut columns = columns.into_iter();
    let mut next = || columns.next().expect("one column per fold entry");
    let (plain, masked_scores, centred, masked_centred, no_prior, masked_prior) =
        (next(), next(), next(), next(), next(), next());
    let (voice, prop, before) = (next(), next(), next());
    let (ev_zero, ev_excluded) = (next(), next());
    let mut settings = vec![
        setting(
            LOO,
            "each article scored by a model trained without it (training articles + the other evaluated articles' text, weak labels only)",
            plain,
            opts,
        ),
        setting(
            LOO_NO_PRIOR,
            "leave-one-article-out, the classifier alone without the lexicon prior (λ = 0)",
            no_prior,
            opts,
        ),
        setting(
            LOO_PLAIN,
            "leave-one-article-out, no label propagation and the plain sentence mean: the method before issue 15's second step",
            before,
            opts,
        ),
        setting(
            LOO_PROPAGATED,
            "leave-one-article-out, propagated weak labels, plain sentence mean (no voice weighting)",
            prop,
            opts,
        ),
        setting(
            LOO_VOICE,
            "leave-one-article-out, no label propagation, voice-weighted article score",
            voice,
            opts,
        ),
    ];
    settings.extend(lexicon_settings(&eval, res, opts));
    settings.push(setting(
        MASKED_LOO,
        "leave-one-article-out with every lexicon n-gram hidden from the classifier",
        masked_scores,
        opts,
    ));
    if opts.experiments {
        settings.push(setting(
            "classifier_loo_uncentred",
            "leave-one-article-out, plain mean (2p − 1) without centring",
            centred,
            opts,
        ));
        settings.push(setting(
            "masked_loo_uncentred",
            "leave-one-article-out with the lexicon masked, without centring",
            masked_centred,
            opts,
        ));
        settings.push(setting(
            "masked_loo_with_prior",
            "leave-one-article-out, classifier with the lexicon masked plus the lexicon prior (no double counting of lexicon n-grams)",
            masked_prior,
            opts,
        ));
        let tau = params.propagate_tau;
        for (rule, scored) in [
            (experiments::Hitless::Zero, ev_zero),
            (experiments::Hitless::Exclude, ev_excluded),
        ] {
            settings.push(setting(
                &format!("classifier_loo_{}", rule.suffix()),
                &format!(
                    "leave-one-article-out; a sentence without lexicon hit whose |p − ½| < τ = {tau} {}",
                    rule.describe()
                ),
                scored,
                opts,
            ));
        }
        for &l in PRIOR_GRID.iter() {
            settings.push(setting(
                &format!("classifier_loo_prior_{l}"),
                "leave-one-article-out with lexicon prior λ as named",
                next(),
                opts,
            ));
        }
        settings.push(setting(
            &format!("classifier_loo_shrunk_{}", experiments::SHRINK_N0),
            &format!(
                "leave-one-article-out, each language's learned weights multiplied by n/(n + {}), n = its lexicon-labelled training sentences (not adopted)",
                experiments::SHRINK_N0
            ),
            next(),
            opts,
        ));
        settings.push(setting(
            "classifier_loo_mask_hits",
            "leave-one-article-out, the words of every lexicon hit hidden from the classifier in training and scoring (they count through the lexicon prior only; not adopted)",
            next(),
            opts,
        ));
    }
    let mut notes = chance_notes(&settings);
    if opts.experiments {
        notes.push(experiments::hitless_note(LOO, params.propagate_tau, hitless));
    }
    // A held-out article's copies leave its fold with it: those folds train on fewer.
    let left = |a: usize| eval.len() - group.iter().filter(|&&g| g == group[a]).count();
    let (fewest, most) = (0..eval.len()).fold((usize::MAX, 0), |(lo, hi), a| (lo.min(left(a)), hi.max(left(a))));
    let evaluated = if fewest == most {
        most.to_string()
    } else {
        format!("{fewest} to {most}")
    };
    notes.insert(
        0,
        format!(
            "{} folds, each trained on {} training article(s) plus {evaluated} evaluated article(s): a small corpus, so expect wide intervals",
            eval.len(),
            train_docs.len(),
        ),
    );
    notes.extend(super::articles::copies_note(&eval, &group));
    let overlap = overlapping(train_docs, &eval);
    notes.extend(overlap_notes(&overlap));
    Ok(EvalReport {
        mode: "leave-one-article-out".into(),
        overlapping: overlap,
        in_model_training: Vec::new(),
        articles: eval.len(),
        training_articles: train_docs.len(),
        options: opts.clone(),
        params: (**params).clone(),
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

    /// Review finding (session 29): a copy of the held-out article among the evaluated ones
    /// trained its fold. Now a fold leaves out the held-out article's copies, so its score is
    /// what it is when the copy is not evaluated at all.
    #[test]
    fn a_copy_of_the_held_out_article_is_not_in_its_fold() {
        let k1 = "The Kiev regime shells towns near the line. The Kiev regime denied the reports on Monday.";
        let docs = |with_copy: bool| {
            let mut d = vec![
                doc("k1", Some(Side::Kremlin), &[k1]),
                doc(
                    "k2",
                    Some(Side::Kremlin),
                    &["The Kiev regime blamed the West for the talks. Officials in Kiev said nothing."],
                ),
                doc(
                    "w1",
                    Some(Side::Western),
                    &["Kyiv fears a full invasion soon. Troops massed near Kyiv overnight."],
                ),
                doc(
                    "w2",
                    Some(Side::Western),
                    &["The invasion began at dawn, officials in Kyiv said. Kyiv asked for help."],
                ),
            ];
            if with_copy {
                // The same text under another label: a wire copy a Western outlet reprinted.
                d.push(doc("copy", Some(Side::Western), &[k1]));
            }
            d
        };
        let res = resources();
        let params = crate::model::ClassifierParams::default().check().unwrap();
        let opts = EvalOptions {
            bootstrap: 0,
            ..EvalOptions::default()
        };
        let score = |with_copy: bool| {
            let r = cross_validate(&[], &docs(with_copy), &res, &params, &opts).unwrap();
            let loo = r.settings.iter().find(|s| s.name == LOO).unwrap();
            loo.articles.iter().find(|a| a.id == "k1").unwrap().score
        };
        assert_eq!(score(true), score(false));
    }
}
