//! `train` and `run`: the library's jobs ([`framescope::jobs::train`],
//! [`framescope::jobs::run`]) with Python inputs.

use crate::convert::{self, ProblemLine};
use crate::explain::Fold;
use crate::model::{Model, Scored};
use crate::progress::Warnings;
use crate::{params, py_err};
use framescope::jobs::{self, DataOptions, Progress, RunOptions, ScoreOptions, ScoreTarget, TrainOptions};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::PathBuf;

/// Train on inputs (see `convert::inputs`) as `framescope train` does; returns (model,
/// problem lines, the job's warnings). Model options as keyword arguments (`params::CLASSIFIER_OPTIONS`).
#[pyfunction]
#[pyo3(signature = (inputs, data=None, lexicons=None, corpus_mode=false, **options))]
pub fn train(
    py: Python<'_>,
    inputs: &Bound<'_, PyAny>,
    data: Option<PathBuf>,
    lexicons: Option<PathBuf>,
    corpus_mode: bool,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<(Model, Vec<convert::ProblemLine>, Vec<String>)> {
    crate::fork_guard()?;
    let inputs = convert::inputs(inputs)?;
    let rejected = inputs.rejected.clone();
    let o = TrainOptions {
        data: DataOptions { data, lexicons },
        params: params::classifier(options)?,
        corpus_mode,
        ..TrainOptions::new(inputs)
    };
    let warnings = Warnings::default();
    let out = match py.detach(|| jobs::train(&o, &warnings)) {
        Ok(out) => out,
        Err(e) => return Err(warnings.failed(py, e, &rejected)),
    };
    let problems = convert::problem_lines(&out.problems);
    let warnings = warnings.except(&problems);
    let read = jobs::input_paths(&o.inputs, &o.data);
    Ok((Model::trained(out.model, read), problems, warnings))
}

/// `framescope run` into the folder `out` (every table, chart, report and run.json); returns
/// (model, score rows, sentence rows, problem lines, the job's warnings). Sentence rows cover the first
/// `IN_MEMORY_ARTICLES` articles, as the job keeps them (a warning says how many are left out).
#[pyfunction]
///
/// `seeds`: the seeds as one path (as `framescope run --seeds`), recorded as run.json's
/// `seeds` so that `retrain` reads them as seeds again; `None` when they are among `inputs`
/// (a DataFrame or a list of paths).
#[pyo3(signature = (inputs, out, data, lexicons, kremlin_threshold, western_threshold, bootstrap=None, folds=None, corpus_mode=false, seeds=None, **options))]
#[allow(clippy::too_many_arguments)]
pub fn run<'py>(
    py: Python<'py>,
    inputs: &Bound<'py, PyAny>,
    out: PathBuf,
    data: Option<PathBuf>,
    lexicons: Option<PathBuf>,
    kremlin_threshold: &Bound<'py, PyAny>,
    western_threshold: &Bound<'py, PyAny>,
    bootstrap: Option<&Bound<'py, PyAny>>,
    folds: Option<&Bound<'py, PyAny>>,
    corpus_mode: bool,
    seeds: Option<PathBuf>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<(Model, Scored<'py>, Option<Vec<Fold>>)> {
    crate::fork_guard()?;
    let inputs = convert::inputs(inputs)?;
    let o = RunOptions {
        seeds,
        inputs,
        out,
        data: DataOptions { data, lexicons },
        params: params::classifier(options)?,
        scoring: params::scoring(kremlin_threshold, western_threshold, bootstrap)?,
        folds: params::folds(folds)?,
        compare_to: None,
        keep_analysis: Default::default(),
        // Every row goes back to Python whole.
        full_rows: true,
        // The seeds may be among `inputs` (a DataFrame): the caller says which are articles.
        corpus_mode: Some(corpus_mode),
    };
    let warnings = Warnings::default();
    let r = match py.detach(|| jobs::run(&o, &warnings)) {
        Ok(r) => r,
        Err(e) => return Err(warnings.failed(py, e, &o.inputs.rejected)),
    };
    let problems = convert::problem_lines(&r.problems);
    let mut warnings = warnings.except(&problems);
    if let Some(left_out) = r
        .articles
        .len()
        .checked_sub(jobs::IN_MEMORY_ARTICLES)
        .filter(|&n| n > 0)
    {
        warnings.push(format!(
            "warning: `sentences` holds the sentences of the first {} of the {} articles: {left_out} articles' sentences are left out; {} has all of them",
            jobs::IN_MEMORY_ARTICLES,
            r.articles.len(),
            o.out.join("sentences.csv").display()
        ));
    }
    let ids: Vec<&str> = r.articles.iter().map(|a| a.id.as_str()).collect();
    let folds = crate::explain::folds(r.folds.as_ref(), &ids);
    let scored = (
        convert::columns(py, &r.articles)?,
        convert::columns(py, &r.sentences)?,
        problems,
        warnings,
        crate::model::provenance(py, &r.manifest)?,
    );
    let mut read = jobs::input_paths(&o.inputs, &o.data);
    read.extend(o.seeds.clone());
    Ok((Model::trained(r.model, read), scored, folds))
}

/// `run` without an output folder: train on the inputs (with `folds` cross-fitting folds,
/// as `framescope run`), then score them out-of-fold in memory; every row comes back, as
/// the CLI's tables hold them. Returns (model, score rows, sentence rows, problem lines,
/// the job's warnings).
#[pyfunction]
#[pyo3(signature = (inputs, data, lexicons, kremlin_threshold, western_threshold, bootstrap=None, folds=None, corpus_mode=false, named=Vec::new(), **options))]
#[allow(clippy::too_many_arguments)]
pub fn run_in_memory<'py>(
    py: Python<'py>,
    inputs: &Bound<'py, PyAny>,
    data: Option<PathBuf>,
    lexicons: Option<PathBuf>,
    kremlin_threshold: &Bound<'py, PyAny>,
    western_threshold: &Bound<'py, PyAny>,
    bootstrap: Option<&Bound<'py, PyAny>>,
    folds: Option<&Bound<'py, PyAny>>,
    corpus_mode: bool,
    named: Vec<PathBuf>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<(Model, Scored<'py>, Option<Vec<Fold>>)> {
    crate::fork_guard()?;
    let inputs = convert::inputs(inputs)?;
    let scoring = params::scoring(kremlin_threshold, western_threshold, bootstrap)?;
    // As `framescope run` (and `run(out=…)`) warns: the article paths beside the seeds all
    // missing, and folds scored in-sample (review, session 34).
    let (warnings, scoring_warnings) = (Warnings::default(), Warnings::default());
    let named = jobs::Inputs {
        paths: named,
        ..jobs::Inputs::default()
    };
    if let Some(w) = jobs::none_exist_warning(&named) {
        warnings.warn(&w);
    }
    let data_files = framescope::data::provenance(data.as_deref(), lexicons.as_deref()).map_err(py_err)?;
    let t = TrainOptions {
        data: DataOptions { data, lexicons },
        params: params::classifier(options)?,
        folds: params::folds(folds)?,
        corpus_mode,
        ..TrainOptions::new(inputs.clone())
    };
    let rejected = inputs.rejected.clone();
    let trained_scored = py.detach(|| -> framescope::error::Result<_> {
        let trained = jobs::train(&t, &warnings)?;
        if let Some(note) = trained.cross.as_ref().and_then(jobs::fallback_note) {
            warnings.warn(&note);
        }
        let o = ScoreOptions {
            loaded: Some(trained.model.clone()),
            target: ScoreTarget::Memory,
            scoring,
            cross: trained.cross.clone(),
            // The model's own training articles, scored as `run` scores them (out-of-fold,
            // or in-sample with folds=0): no note that they are in its training text.
            as_run: true,
            ..ScoreOptions::new("<model>", inputs)
        };
        let scored = jobs::score(o, &scoring_warnings)?;
        Ok((trained, scored))
    });
    let (trained, scored) = match trained_scored {
        Ok(x) => x,
        Err(e) => return Err(warnings.failed(py, e, &rejected)),
    };
    // What produced the rows: scoring's record, as `run` would write it (run.json).
    let mut made = scored
        .manifest
        .unwrap_or_else(|| framescope::report::RunManifest::new("run"));
    made.command = "run".into();
    made.data_files = data_files;
    made.parameters.folds = Some(trained.cross.as_ref().map_or(0, |c| c.k()));
    made.parameters.data = Some(t.data.data.clone());
    made.parameters.lexicons = Some(t.data.lexicons.clone());
    made.parameters.model = None;
    made.problems
        .extend(trained.cross.as_ref().and_then(jobs::fallback_note));
    // Training and scoring read the same inputs: report each problem once.
    let problems = trained.problems;
    let (articles, sentences): (Vec<_>, Vec<_>) = scored.rows.into_iter().unzip();
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    let plan = trained.cross.as_ref().map(framescope::report::FoldPlan::of_cross);
    let folds = crate::explain::folds(plan.as_ref(), &ids);
    // As `framescope run`: the weak model is warned of by training (in its corpus-mode
    // wording), not again by scoring; scoring's other warnings follow training's.
    let problems = convert::problem_lines(&problems);
    let mut said: Vec<ProblemLine> = problems.clone();
    said.extend(
        trained
            .model
            .training
            .weaknesses()
            .into_iter()
            .map(|w| (format!("warning: {w}"), None)),
    );
    let mut warnings = warnings.except(&problems);
    said.extend(warnings.iter().map(|w| (w.clone(), None)));
    warnings.extend(scoring_warnings.except(&said));
    let read = jobs::input_paths(&t.inputs, &t.data);
    Ok((
        Model::trained(trained.model, read),
        (
            convert::columns(py, &articles)?,
            convert::columns(py, sentences.iter().flatten())?,
            problems,
            warnings,
            crate::model::provenance(py, &made)?,
        ),
        folds,
    ))
}
