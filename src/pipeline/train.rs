//! Training: the material accumulated from documents (in memory or streamed in batches) and
//! the model fitted from it with checked parameters, assembled with the run's resources.

use super::{for_each_batch, Resources, BATCH};
use crate::analysis_cache::AnalysisCache;
use crate::corpus::{InputProblem, Source};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::model::{
    fit_logistic, CheckedClassifierParams, CrossFit, FramingModel, TrainingSet, TrainingSetBuilder, TrainingStats,
    MODEL_FORMAT_VERSION,
};
use std::sync::Arc;

/// Accumulate the training material of documents (term counts in parallel, labels in order).
pub fn training_set(docs: &[Document], params: &CheckedClassifierParams, ngram_max: usize) -> TrainingSet {
    let mut b = TrainingSetBuilder::new(params, ngram_max);
    for chunk in docs.chunks(BATCH) {
        b.add_counts(chunk);
        chunk.iter().for_each(|d| b.add_labels(d));
    }
    b.finish()
}

/// Pass 1 of a streaming run (and all of `train`'s reading): read every source in batches,
/// keeping only term counts and a bounded sample of labelled sentences (memory does not grow
/// with the corpus beyond the vocabulary), and in `keep` (when given) the analysed documents
/// up to its budget, for pass 2 ([`for_each_kept_batch`](super::for_each_kept_batch)).
/// Returns the training material and the input problems.
///
/// A batch's terms are counted on a thread of their own while the next batch is read and
/// analysed: both fork their work into the same thread pool, which fills the waits at the
/// end of each parallel step of one with the other's work. Batches are counted in order, one
/// at a time, so the counts are those of counting them in turn.
pub fn training_set_streaming(
    sources: Vec<Source>,
    res: &Resources,
    params: &CheckedClassifierParams,
    mut keep: Option<&mut AnalysisCache>,
    mut progress: impl FnMut(usize),
) -> Result<(TrainingSet, Vec<InputProblem>)> {
    let mut b = TrainingSetBuilder::new(params, res.analyzer.settings().ngram_max);
    let mut problems = Vec::new();
    let mut n = 0;
    let (mut counts, ngram_max) = (b.take_counts(), b.ngram_max());
    let (read, counts) = std::thread::scope(|scope| {
        // One batch waits while one is counted: at most two more batches in memory.
        let (tx, rx) = std::sync::mpsc::sync_channel::<Arc<Vec<Document>>>(1);
        let counter = scope.spawn(move || {
            for docs in rx {
                counts.add_documents(&docs, ngram_max);
            }
            counts
        });
        let read = for_each_batch(sources, res, BATCH, |batch| {
            problems.extend(batch.problems);
            let docs = Arc::new(batch.documents);
            if tx.send(Arc::clone(&docs)).is_err() {
                // The counter has panicked: stop reading. Its panic is raised below, before
                // this error could be returned.
                return Err(Error::Invalid("term counting stopped".into()));
            }
            docs.iter().for_each(|d| b.add_labels(d));
            if let Some(keep) = keep.as_deref_mut() {
                keep.keep(&docs, batch.articles);
            }
            n += docs.len();
            progress(n);
            Ok(())
        });
        drop(tx);
        let counts = counter.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (read, counts)
    });
    read?;
    b.put_counts(counts);
    Ok((b.finish(), problems))
}

/// Fit a model from accumulated training material. Also returns the training rows, as
/// indices into `set.labelled`, in order (repeated by balancing and, with label propagation,
/// by the weighting).
pub fn train(
    set: TrainingSet,
    res: &Resources,
    params: &CheckedClassifierParams,
) -> Result<(FramingModel, Vec<usize>)> {
    let (model, rows, _) = train_folds(set, res, params, Some(0))?;
    Ok((model, rows))
}

/// [`train`], plus the classifiers of k = min(folds, articles) cross-fitting folds
/// ([`crate::model::CrossFit`]): fold f fitted on the same training rows without those of
/// fold f's articles ([`crate::model::Assignment::for_run`]: by order when each article can
/// have its own fold, else by id). `folds`: `None` for the default
/// ([`crate::model::folds_for`]); the result is `None` with fewer than 2 folds.
pub fn train_folds(
    set: TrainingSet,
    res: &Resources,
    params: &CheckedClassifierParams,
    folds: Option<usize>,
) -> Result<(FramingModel, Vec<usize>, Option<CrossFit>)> {
    let sentences = set.counts.n_docs;
    let training_articles = set.article_digests.clone();
    if set.labelled.is_empty() {
        return Err(Error::OneSided {
            message: format!(
                "the lexicons labelled none of the {sentences} sentences; add phrases that occur in these articles to the lexicons (kremlin.txt and western.txt in data/lexicons/, or in the --lexicons folder), or lower --margin"
            ),
        });
    }
    // One side missing from the whole training text (the sample keeps every side that is
    // there, `model::reservoir`): said with the corpus's counts, not the sampled rows'.
    let kremlin = set.labelled_kremlin + set.propagated_kremlin;
    let western = set.labelled_western + set.propagated_western;
    if kremlin == 0 || western == 0 {
        let (have, n, missing) = if kremlin == 0 {
            ("Western", set.labelled_western, "Kremlin")
        } else {
            ("Kremlin", set.labelled_kremlin, "Western")
        };
        return Err(Error::OneSided {
            message: format!(
                "the lexicons labelled {n} {have} sentence(s) of {sentences} and no {missing} ones; add {missing}-side phrases that occur in these articles to the {} lexicon, add articles with {missing}-sourced framing, or lower --margin",
                missing.to_lowercase()
            ),
        });
    }
    let fired = set.entries_fired();
    let mut tfidf = params.tfidf.fit(set.counts)?;
    drop_pair_only(&mut tfidf, &res.analyzer);
    let masked = if params.mask_lexicon {
        mask(&mut tfidf, &res.lexicon, res.analyzer.settings().ngram_max)
    } else {
        0
    };
    let ngram_max = res.analyzer.settings().ngram_max;
    // Propagated rows weigh 1/k: lexicon-labelled rows repeated k times, alpha·k.
    let k = params.propagation_repeat().unwrap_or(1);
    let light: Vec<bool> = set.labelled.iter().map(|l| l.propagated).collect();
    let order = crate::model::weighted_rows(&light, k);
    let rows: Vec<_> = order
        .iter()
        .map(|&i| tfidf.transform_stem_keys(&set.labelled[i].keys, ngram_max))
        .collect();
    let sides: Vec<_> = order.iter().map(|&i| set.labelled[i].side).collect();
    let fit_params = params.with(|p| p.alpha *= k as f64)?;
    let fit = fit_logistic(&rows, &sides, tfidf.n_features(), &fit_params)?;
    let k = crate::model::folds_for(folds).min(set.articles);
    let cross = if k >= 2 {
        let article: Vec<usize> = order.iter().map(|&i| set.labelled[i].article).collect();
        Some(crate::model::cross_fit(
            &rows,
            &sides,
            &article,
            {
                let assignment = crate::model::Assignment::for_run(set.articles, k, &set.groups, set.id_keys);
                (set.groups, assignment)
            },
            tfidf.n_features(),
            &fit_params,
            k,
            &fit,
        )?)
    } else {
        None
    };
    // The learned weights shrunk toward the lexicon by each language's training size
    // (only in `eval --experiments`: n₀ is 0 otherwise).
    let (mut fit, mut cross) = (fit, cross);
    crate::model::shrink::apply(
        &mut fit.weights,
        cross.as_mut(),
        &tfidf.terms,
        &set.labelled,
        params.shrink,
    );
    let count = |s| set.labelled.iter().filter(|l| l.side == s && !l.propagated).count();
    let stats = TrainingStats {
        articles: set.articles,
        sentences,
        labelled_kremlin: set.labelled_kremlin,
        labelled_western: set.labelled_western,
        trained_kremlin: count(crate::corpus::Side::Kremlin),
        trained_western: count(crate::corpus::Side::Western),
        training_rows: fit.row_order.len(),
        active_features: fit.active_features,
        training_accuracy: fit.training_accuracy,
        final_gradient_norm: fit.final_gradient_norm,
        masked_terms: masked,
        // The entries that could fire in these articles' languages: a Russian entry cannot
        // fire in English text, so it does not count against an English model.
        lexicon_entries: if set.languages.is_empty() {
            res.lexicon.entries.len()
        } else {
            res.lexicon
                .entries_for_languages(set.languages.iter().map(String::as_str))
        },
        lexicon_entries_fired: fired,
        propagated_kremlin: set.propagated_kremlin,
        propagated_western: set.propagated_western,
        languages: set.languages.iter().cloned().collect(),
        labelled_by_language: if set.labelled_by_language.len() > 1 || set.languages.len() > 1 {
            set.languages
                .iter()
                .map(|lang| {
                    let (kremlin, western) = set.labelled_by_language.get(lang).copied().unwrap_or_default();
                    (lang.clone(), crate::model::LanguageLabels { kremlin, western })
                })
                .collect()
        } else {
            Default::default()
        },
        // Set by the job, which knows what its inputs were.
        corpus_mode: false,
    };
    let model = FramingModel {
        format_version: MODEL_FORMAT_VERSION,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        analyzer: res.analyzer.settings().clone(),
        cleaner: res.cleaner.settings().clone(),
        lexicon: res.lexicon.clone(),
        params: params.clone().into_inner(),
        tfidf,
        weights: fit.weights,
        intercept: fit.intercept,
        positive_class: "kremlin".into(),
        training: stats,
        training_inputs: Vec::new(),
        voice: res.voice.clone(),
        actors: Some(res.actors.lists()),
        training_articles,
    };
    // Rows of the fit index the repeated list; report them as indices into `set.labelled`.
    Ok((model, fit.row_order.iter().map(|&r| order[r]).collect(), cross))
}

/// Leave each language's `pair-only` words out of the vocabulary as unigrams (`ru:на`); their
/// bigrams (`ru:на ru:украине`) stay. Training and scoring both look terms up in the
/// vocabulary, so neither sees them alone.
fn drop_pair_only(tfidf: &mut crate::tfidf::FittedTfidf, analyzer: &crate::text::Analyzer) {
    let hide = analyzer.lone_pair_only_terms();
    if !hide.is_empty() {
        hide_terms(tfidf, &hide);
    }
}

/// Remove lexicon n-grams from the vocabulary (the lexicon-masked baseline).
fn mask(tfidf: &mut crate::tfidf::FittedTfidf, lex: &Lexicon, ngram_max: usize) -> usize {
    hide_terms(tfidf, &lex.ngrams(ngram_max).into_iter().collect())
}

/// Remove `hide` from the vocabulary; returns how many terms went. Most runs' vocabularies
/// hold none of them (an English corpus has no `ru:на`): found by lookup, not by reading
/// every term, and then the vocabulary is left as it is.
fn hide_terms(tfidf: &mut crate::tfidf::FittedTfidf, hide: &rustc_hash::FxHashSet<String>) -> usize {
    let mut gone: Vec<usize> = hide
        .iter()
        .filter_map(|t| tfidf.column(t).map(|j| j as usize))
        .filter(|&j| hide.contains(&tfidf.terms[j]))
        .collect();
    if gone.is_empty() {
        return 0;
    }
    gone.sort_unstable();
    let mut drop = gone.iter().copied().peekable();
    let (terms, idf): (Vec<String>, Vec<f64>) = std::mem::take(&mut tfidf.terms)
        .into_iter()
        .zip(std::mem::take(&mut tfidf.idf))
        .enumerate()
        .filter(|(j, _)| drop.next_if_eq(j).is_none())
        .map(|(_, x)| x)
        .collect();
    *tfidf = crate::tfidf::FittedTfidf::new(tfidf.params.clone(), tfidf.n_docs, terms, idf);
    gone.len()
}
