//! `train` and `run`: the library's jobs ([`framescope::jobs::train`],
//! [`framescope::jobs::run`]) with Python inputs.

use crate::convert;
use crate::model::{Model, Scored};
use crate::{params, py_err};
use framescope::jobs::{self, DataOptions, NoProgress, RunOptions, ScoreOptions, ScoreTarget, TrainOptions};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::PathBuf;
use std::sync::Arc;

/// Train on inputs (see `convert::inputs`) as `framescope train` does; returns (model,
/// problem lines). Model options as keyword arguments (`params::CLASSIFIER_OPTIONS`).
#[pyfunction]
#[pyo3(signature = (inputs, data=None, lexicons=None, **options))]
pub fn train(
    py: Python<'_>,
    inputs: &Bound<'_, PyAny>,
    data: Option<PathBuf>,
    lexicons: Option<PathBuf>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<(Model, Vec<convert::ProblemLine>)> {
    let (inputs, mut problems) = convert::inputs(inputs)?;
    let o = TrainOptions {
        data: DataOptions { data, lexicons },
        params: params::classifier(options)?,
        ..TrainOptions::new(inputs)
    };
    let out = py.detach(move || jobs::train(&o, &NoProgress)).map_err(py_err)?;
    problems.extend(out.problems);
    Ok((
        Model {
            inner: Arc::new(out.model),
        },
        convert::problem_lines(&problems),
    ))
}

/// `framescope run` into the folder `out` (every table, chart, report and run.json); returns
/// (model, score rows, sentence rows, problem lines). Sentence rows cover the first
/// `IN_MEMORY_ARTICLES` articles, as the job keeps them.
#[pyfunction]
#[pyo3(signature = (inputs, out, data=None, lexicons=None, kremlin_threshold=0.6, western_threshold=0.4, bootstrap=1000, folds=None, **options))]
#[allow(clippy::too_many_arguments)]
pub fn run<'py>(
    py: Python<'py>,
    inputs: &Bound<'py, PyAny>,
    out: PathBuf,
    data: Option<PathBuf>,
    lexicons: Option<PathBuf>,
    kremlin_threshold: f64,
    western_threshold: f64,
    bootstrap: usize,
    folds: Option<usize>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<(Model, Scored<'py>)> {
    let (inputs, mut problems) = convert::inputs(inputs)?;
    let o = RunOptions {
        seeds: None,
        inputs,
        out,
        data: DataOptions { data, lexicons },
        params: params::classifier(options)?,
        scoring: params::scoring(kremlin_threshold, western_threshold, bootstrap),
        folds,
        compare_to: None,
        keep_analysis: Default::default(),
        // Every row goes back to Python whole.
        full_rows: true,
    };
    let r = py.detach(move || jobs::run(&o, &NoProgress)).map_err(py_err)?;
    problems.extend(r.problems);
    let scored = (
        convert::rows(py, &r.articles)?,
        convert::rows(py, &r.sentences)?,
        convert::problem_lines(&problems),
    );
    Ok((
        Model {
            inner: Arc::new(r.model),
        },
        scored,
    ))
}

/// `run` without an output folder: train on the inputs (with `folds` cross-fitting folds,
/// as `framescope run`), then score them out-of-fold in memory; every row comes back, as
/// the CLI's tables hold them. Returns (model, score rows, sentence rows, problem lines).
#[pyfunction]
#[pyo3(signature = (inputs, data=None, lexicons=None, kremlin_threshold=0.6, western_threshold=0.4, bootstrap=1000, folds=None, **options))]
#[allow(clippy::too_many_arguments)]
pub fn run_in_memory<'py>(
    py: Python<'py>,
    inputs: &Bound<'py, PyAny>,
    data: Option<PathBuf>,
    lexicons: Option<PathBuf>,
    kremlin_threshold: f64,
    western_threshold: f64,
    bootstrap: usize,
    folds: Option<usize>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<(Model, Scored<'py>)> {
    let (inputs, mut problems) = convert::inputs(inputs)?;
    let t = TrainOptions {
        data: DataOptions { data, lexicons },
        params: params::classifier(options)?,
        folds,
        ..TrainOptions::new(inputs.clone())
    };
    let scoring = params::scoring(kremlin_threshold, western_threshold, bootstrap);
    let (trained, scored) = py
        .detach(move || -> framescope::error::Result<_> {
            let trained = jobs::train(&t, &NoProgress)?;
            let o = ScoreOptions {
                loaded: Some(trained.model.clone()),
                target: ScoreTarget::Memory,
                scoring,
                cross: trained.cross.clone(),
                ..ScoreOptions::new("<model>", inputs)
            };
            let scored = jobs::score(o, &NoProgress)?;
            Ok((trained, scored))
        })
        .map_err(py_err)?;
    // Training and scoring read the same inputs: report each problem once.
    problems.extend(trained.problems);
    let (articles, sentences): (Vec<_>, Vec<_>) = scored.rows.into_iter().unzip();
    Ok((
        Model {
            inner: Arc::new(trained.model),
        },
        (
            convert::rows(py, &articles)?,
            convert::rows(py, sentences.iter().flatten())?,
            convert::problem_lines(&problems),
        ),
    ))
}
