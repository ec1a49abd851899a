//! `explain`: `framescope inspect`'s explanation ([`InspectOutput::explain`]) of one article
//! from the rows the package returned, so Python prints the CLI's text, not its own.

use crate::convert::py_to_json;
use framescope::compare::{ArticleRow, ComparatorColumns};
use framescope::jobs::{ArticleFold, InspectOutput, Pull};
use framescope::score::{ArticleScore, SentenceScore};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use serde::de::DeserializeOwned;

/// A row (a dict of a DataFrame's row) as one of the library's row types, as `inspect`
/// reads a row of scores.csv or sentences.csv.
fn row<T: DeserializeOwned>(v: &serde_json::Value, what: &str) -> PyResult<T> {
    T::deserialize(v).map_err(|e| PyValueError::new_err(format!("{what}: {e}")))
}

/// A sentence row with a missing `voice_spans` (how the package returns an empty cell, as
/// the Parquet tables write it) given the empty text the row type holds.
fn spans_as_text(mut v: serde_json::Value) -> serde_json::Value {
    if let Some(x) = v.get_mut("voice_spans").filter(|x| x.is_null()) {
        *x = serde_json::Value::String(String::new());
    }
    v
}

/// Which cross-fitting fold scored an article, as Python holds it: (fold, folds,
/// `order`/`id`, articles in the fold, the fold classifier's training rows or `None` when it
/// fell back to the model's, the id of the article it copies).
pub type Fold = (usize, usize, String, usize, Option<usize>, Option<String>);

/// The folds of a run's articles, in order, for [`explain`]: `None` without cross-fitting.
pub fn folds(plan: Option<&framescope::report::FoldPlan>, ids: &[&str]) -> Option<Vec<Fold>> {
    plan.map(|p| {
        ArticleFold::all(p, ids)
            .into_iter()
            .map(|f| {
                (
                    f.fold,
                    f.k,
                    f.assigned_by.to_string(),
                    f.articles,
                    f.training_rows,
                    f.copy_of,
                )
            })
            .collect()
    })
}

/// Sentences listed on one side: (position in the article's sentences, pull e − c: what the
/// sentence adds to framing_score, [`InspectOutput::pulling`]).
pub type Positions = Vec<(usize, f64)>;

/// The explanation's text and the sentences it lists on the Kremlin and the Western side.
pub type Explained = (String, Positions, Positions);

/// The explanation `framescope inspect ID --top TOP` prints for an article, from its row of
/// `scores` (a dict), its rows of `sentences` in text order (dicts), the `quoted_weight` its
/// framing_score used (the model's) and the run's thresholds; with the sentences it lists
/// (by their pull on the score) on the Kremlin and the Western side.
pub fn explain(
    score: &Bound<'_, PyAny>,
    sentences: &Bound<'_, PyAny>,
    quoted_weight: Option<f64>,
    thresholds: (f64, f64),
    top: usize,
    fold: Option<Fold>,
) -> PyResult<Explained> {
    let article = py_to_json(score)?;
    let sentences = sentences
        .try_iter()?
        .map(|s| row::<SentenceScore>(&spans_as_text(py_to_json(&s?)?), "a row of `sentences`"))
        .collect::<PyResult<Vec<_>>>()?;
    let o = InspectOutput {
        article: ArticleRow {
            score: row::<ArticleScore>(&article, "a row of `scores`")?,
            compare: row::<ComparatorColumns>(&article, "a row of `scores`")?,
        },
        sentences,
        quoted_weight,
        thresholds,
        fold: fold.map(|(fold, k, by, articles, training_rows, copy_of)| {
            Ok(ArticleFold {
                fold,
                k,
                assigned_by: if by == "id" { "id" } else { "order" },
                articles,
                training_rows,
                copy_of,
            })
        }),
    };
    let (k, w) = o.pulling(top);
    let at = |l: Vec<Pull<'_>>| -> Positions {
        l.iter()
            .filter_map(|x| {
                o.sentences
                    .iter()
                    .position(|s| std::ptr::eq(s, x.sentence))
                    .map(|i| (i, x.pull))
            })
            .collect()
    };
    let (k, w) = (at(k), at(w));
    Ok((o.explain(top), k, w))
}
