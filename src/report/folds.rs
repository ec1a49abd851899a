//! `folds.json`: the cross-fitting classifiers that scored a run's articles (`run --folds`),
//! so that every `p_kremlin` of sentences.csv can be recomputed (model.json holds the full
//! fit, which scores new articles).

use super::write_atomic;
use crate::error::{Error, Result};
use crate::model::{CrossFit, FramingModel};
use serde::Serialize;
use std::path::Path;

/// The file as a whole.
#[derive(Debug, Serialize)]
pub struct FoldsFile<'a> {
    pub folds: usize,
    /// How articles are assigned (documentation inside the file).
    pub assignment: &'static str,
    /// Folds whose own fit was impossible (one side only): their articles were scored by
    /// model.json's classifier.
    pub fallback_folds: Vec<usize>,
    /// (article, the earlier article whose fold it is in) for every article that repeats
    /// at least half its sentences from an earlier one (see `assignment`).
    pub copies: Vec<(usize, usize)>,
    pub classifiers: Vec<FoldRecord<'a>>,
}

/// One fold's classifier: intercept and the weights of the columns it trained (every other
/// term weighs 0), named by term, in vocabulary order.
#[derive(Debug, Serialize)]
pub struct FoldRecord<'a> {
    pub fold: usize,
    pub intercept: f64,
    pub training_rows: usize,
    pub weights: Vec<(&'a str, f64)>,
}

const ASSIGNMENT: &str = "article number a (scores.csv row order, from 0) is in fold a mod folds and was scored by that fold's classifier, fitted without the training rows of its fold's articles; the lexicon prior and everything else are model.json's. An article that repeats at least half of its sentences (20 bytes or longer, word for word) from one earlier article is in that article's fold instead (`copies`: [article, earlier article]), so no copy trains the classifier that scores it";

/// Write `folds.json` for a run's cross-fitting.
pub fn write_folds(path: &Path, cross: &CrossFit, model: &FramingModel) -> Result<()> {
    let file = FoldsFile {
        folds: cross.k(),
        assignment: ASSIGNMENT,
        fallback_folds: cross.fallbacks(),
        copies: cross.copies(),
        classifiers: cross
            .folds
            .iter()
            .enumerate()
            .filter_map(|(f, c)| c.as_ref().map(|c| (f, c)))
            .map(|(fold, c)| FoldRecord {
                fold,
                intercept: c.intercept,
                training_rows: c.rows,
                weights: std::iter::zip(c.columns().0, c.columns().1)
                    .map(|(&j, &w)| (model.tfidf.terms[j as usize].as_str(), w))
                    .collect(),
            })
            .collect(),
    };
    let text = serde_json::to_string_pretty(&file).map_err(|e| Error::Json {
        path: path.to_path_buf(),
        source: e,
    })?;
    write_atomic(path, text.as_bytes())
}
