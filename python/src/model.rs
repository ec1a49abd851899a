//! `Model`: a trained framing model (model.json) held in memory, scoring through
//! [`framescope::jobs::score`] with the rows kept in memory.

use crate::convert::{self, json_to_py};
use crate::progress::Warnings;
use crate::{params, py_err};
use framescope::jobs::{self, ScoreOptions, ScoreTarget};
use framescope::model::FramingModel;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A trained framing model. Load one with `Model.load(path)`, get one from `train(...)` or
/// `run(...)`.
#[pyclass(module = "framescope._framescope", frozen)]
pub struct Model {
    pub inner: Arc<FramingModel>,
    /// Whether a scoring call has returned the model's weaknesses (`warning: weak model: …`)
    /// already: they are the model's, not a batch's, so they are said on its first scoring
    /// only (a loop over groups of rows warns once, not once per group).
    said_weak: AtomicBool,
    /// What the job that trained it here read (input paths, the data folder, lexicons;
    /// empty for a loaded or unpickled model): `save` refuses a path among them or inside
    /// one of their folders, as `framescope train --model` does (review S, session 55:
    /// `m.save("seeds/model.json")` wrote into the seeds, and every later run on them
    /// skipped it with a warning and recorded it among the model's inputs).
    inputs: Vec<PathBuf>,
}

impl Model {
    pub fn new(model: FramingModel) -> Model {
        Model::trained(model, Vec::new())
    }

    /// A model trained here from `inputs` (see [`Model::inputs`](Model)).
    pub fn trained(model: FramingModel, inputs: Vec<PathBuf>) -> Model {
        Model {
            inner: Arc::new(model),
            said_weak: AtomicBool::new(false),
            inputs,
        }
    }
}

/// Score rows and sentence rows (as columns: [`convert::columns`]), problem lines (each
/// with the skipped record's id), the job's warnings, and what produced them (run.json's
/// fields: tool version, model and lexicon hashes, inputs with their hashes, parameters).
pub type Scored<'py> = (
    Bound<'py, PyDict>,
    Bound<'py, PyDict>,
    Vec<convert::ProblemLine>,
    Vec<String>,
    Bound<'py, PyAny>,
);

/// A job's manifest (run.json's fields) as a dict.
pub fn provenance<'py>(py: Python<'py>, m: &framescope::report::RunManifest) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::to_value(m).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    json_to_py(py, &v)
}

#[pymethods]
impl Model {
    /// Read and check a model file (errors name the file and the problem).
    #[staticmethod]
    #[pyo3(signature = (path, max_model_mb=None))]
    fn load(py: Python<'_>, path: PathBuf, max_model_mb: Option<&Bound<'_, PyAny>>) -> PyResult<Model> {
        let cap = match max_model_mb.filter(|v| !v.is_none()) {
            Some(v) => (params::count("max_model_mb", v)? as u64).saturating_mul(1 << 20),
            None => framescope::model::validate::max_model_bytes(),
        };
        let (m, _) = py
            .detach(|| framescope::report::load_model_capped(&path, cap))
            .map_err(py_err)?;
        Ok(Model::new(m))
    }

    /// The model from the JSON text of a model file (what `to_json` gives; pickling), checked
    /// as a file's is.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: String) -> PyResult<Model> {
        let m = py
            .detach(move || FramingModel::from_json(std::path::Path::new("<pickled model>"), &text))
            .map_err(py_err)?;
        Ok(Model::new(m))
    }

    /// The model as the JSON text its file holds (for pickling).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        let model = self.inner.clone();
        py.detach(move || model.to_json()).map_err(py_err)
    }

    /// Score inputs (see `convert::inputs`) as `framescope score` does; returns (score rows,
    /// sentence rows, problem lines, the job's warnings). With `sentences=False` no sentence
    /// row is kept (`score --no-sentences`): the list is empty, and memory and the time the
    /// rows' conversion holds the GIL grow with the articles only.
    #[pyo3(signature = (inputs, kremlin_threshold, western_threshold, bootstrap=None, sentences=true))]
    fn score<'py>(
        &self,
        py: Python<'py>,
        inputs: &Bound<'py, PyAny>,
        kremlin_threshold: &Bound<'py, PyAny>,
        western_threshold: &Bound<'py, PyAny>,
        bootstrap: Option<&Bound<'py, PyAny>>,
        sentences: bool,
    ) -> PyResult<Scored<'py>> {
        crate::fork_guard()?;
        let inputs = convert::inputs(inputs)?;
        let scoring = params::scoring(kremlin_threshold, western_threshold, bootstrap)?;
        let model = self.inner.clone();
        let warnings = Warnings::default();
        let out = py
            .detach(|| {
                let o = ScoreOptions {
                    loaded: Some(FramingModel::clone(&model)),
                    target: ScoreTarget::Memory,
                    scoring,
                    sentences,
                    ..ScoreOptions::new("<model>", inputs)
                };
                jobs::score(o, &warnings)
            })
            .map_err(py_err)?;
        let (articles, sentences): (Vec<_>, Vec<_>) = out.rows.into_iter().unzip();
        let problems = convert::problem_lines(&out.problems);
        let mut warnings = warnings.except(&problems);
        // A call that scored nothing (a mistyped path, which the Python layer then raises on)
        // does not use the warning up (review, session 47: every later call was silent).
        let said = match articles.is_empty() {
            true => self.said_weak.load(Ordering::Relaxed),
            false => self.said_weak.swap(true, Ordering::Relaxed),
        };
        if said {
            let weak: HashSet<String> = (self.inner.training.weaknesses().into_iter())
                .map(|w| format!("warning: {w}"))
                .collect();
            warnings.retain(|w| !weak.contains(w));
        }
        let made = match &out.manifest {
            Some(m) => provenance(py, m)?,
            None => py.None().into_bound(py),
        };
        Ok((
            convert::columns(py, &articles)?,
            convert::columns(py, sentences.iter().flatten())?,
            problems,
            warnings,
            made,
        ))
    }

    /// Save as model.json; a different model already at `path` is kept as a dated backup.
    /// Inside a `run` or `score` output folder (one holding run.json) or a folder a `diff`
    /// wrote into (diff.csv) the folder is replaced whole and its outputs kept beside it as a
    /// dated backup, as `framescope train` does.
    /// Returns (sha256, backup path of the previous model or None, the CLI's note when the
    /// folder was replaced, or None).
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<(String, Option<PathBuf>, Option<String>)> {
        let (model, target, inputs) = (self.inner.clone(), path.clone(), &self.inputs);
        let saved = py
            .detach(move || {
                // As `train` saves: in a run's output folder the folder is replaced whole.
                framescope::report::ModelTarget::open(&target, inputs)?.save(&model)
            })
            .map_err(py_err)?;
        let note = saved
            .folder_backup
            .map(|b| framescope::report::folder_replaced_note(&path, &b));
        Ok((saved.sha256, saved.backup, note))
    }

    /// sha256 of the model file this model saves as (the model hash run.json records).
    #[getter]
    fn sha256(&self, py: Python<'_>) -> PyResult<String> {
        let model = self.inner.clone();
        py.detach(move || model.hash()).map_err(py_err)
    }

    /// A summary of model.json: versions, analyzer and cleaner settings, parameters, training
    /// statistics, training inputs, actor lists, lexicon sha256, intercept, vocabulary size
    /// (not the vocabulary, idf, weights, lexicon, voice cues or training articles' digests).
    fn info<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let m = &self.inner;
        let d = PyDict::new(py);
        let v = |x: serde_json::Result<serde_json::Value>| {
            x.map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
        };
        d.set_item("format_version", m.format_version)?;
        d.set_item("tool_version", &m.tool_version)?;
        d.set_item("analyzer", json_to_py(py, &v(serde_json::to_value(&m.analyzer))?)?)?;
        d.set_item("cleaner", json_to_py(py, &v(serde_json::to_value(&m.cleaner))?)?)?;
        d.set_item("params", json_to_py(py, &v(serde_json::to_value(&m.params))?)?)?;
        d.set_item("training", json_to_py(py, &v(serde_json::to_value(&m.training))?)?)?;
        d.set_item("training_inputs", m.training_inputs.clone())?;
        d.set_item("actors", json_to_py(py, &v(serde_json::to_value(&m.actors))?)?)?;
        d.set_item("lexicon_sha256", m.lexicon.hash())?;
        d.set_item("intercept", m.intercept)?;
        d.set_item("n_features", m.tfidf.n_features())?;
        Ok(d)
    }

    /// `framescope inspect`'s explanation of an article this model scored, from its row of
    /// `scores` (a dict) and its rows of `sentences` (dicts, in text order), with the
    /// thresholds its scores used and `top` sentences per side, and the fold that scored it
    /// (`run`'s, see `explain::Fold`); returns (text, the Kremlin- and the Western-framed
    /// sentences it lists, each as (position in `sentences`, p − c/2)).
    #[pyo3(signature = (score, sentences, kremlin_threshold=0.6, western_threshold=0.4, top=None, fold=None))]
    #[allow(clippy::too_many_arguments)]
    fn explain(
        &self,
        score: &Bound<'_, PyAny>,
        sentences: &Bound<'_, PyAny>,
        kremlin_threshold: f64,
        western_threshold: f64,
        top: Option<&Bound<'_, PyAny>>,
        fold: Option<crate::explain::Fold>,
    ) -> PyResult<crate::explain::Explained> {
        // `top=-1` was an OverflowError ("can't convert negative int to unsigned").
        let top = top.map(|t| crate::params::count("top", t)).transpose()?.unwrap_or(3);
        let thresholds = (kremlin_threshold, western_threshold);
        crate::explain::explain(score, sentences, self.inner.params.quoted_weight, thresholds, top, fold)
    }

    /// (terms, idf, weights) of the vocabulary, in the model's column order.
    fn terms(&self) -> (Vec<String>, Vec<f64>, Vec<f64>) {
        let m = &self.inner;
        (m.tfidf.terms.clone(), m.tfidf.idf.clone(), m.weights.clone())
    }
}
