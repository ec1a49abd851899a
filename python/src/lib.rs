//! `framescope._framescope`: the PyO3 layer of the Python package. It only translates:
//! Python records and paths into the jobs' inputs ([`framescope::jobs::Inputs`]), keyword
//! arguments into the library's options, the jobs' rows into Python dicts and lists, their
//! errors into `FramescopeError` with the message the CLI prints. The work runs in the
//! library's jobs (`jobs::train`, `jobs::score`, `jobs::run`) with the GIL released. The
//! pandas-facing API is in `framescope/__init__.py`.

mod convert;
mod explain;
mod model;
mod params;
mod progress;
mod train;

use pyo3::prelude::*;
use std::path::PathBuf;

pyo3::create_exception!(
    framescope,
    FramescopeError,
    pyo3::exceptions::PyException,
    "An error from the framescope library; the message is the one the CLI prints after `framescope: error:`."
);

/// The process that first ran a job in this module (0: none yet). The jobs run on rayon's
/// worker threads, which a fork does not copy: a child forked after its parent ran a job
/// (multiprocessing's default start method on Linux, joblib's "multiprocessing" backend)
/// inherits the pool without its threads, and its first parallel batch waited forever
/// (review S, session 55). The value is inherited by a forked child, so the child sees
/// another process's id here and gets an error naming the remedy instead. rayon's global
/// pool cannot be rebuilt, and the library's stage threads use it, so there is no pool the
/// child could get afresh.
static FIRST_JOB_PID: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// Refuse a job in a process forked after its parent ran one (see [`FIRST_JOB_PID`]).
pub(crate) fn fork_guard() -> PyResult<()> {
    use std::sync::atomic::Ordering::SeqCst;
    let pid = std::process::id();
    match FIRST_JOB_PID.compare_exchange(0, pid, SeqCst, SeqCst) {
        Ok(_) => Ok(()),
        Err(first) if first == pid => Ok(()),
        Err(first) => Err(FramescopeError::new_err(format!(
            "this process ({pid}) was forked from process {first} after that one had run framescope, and framescope's worker threads do not survive a fork: start the workers with multiprocessing.get_context(\"spawn\") (or \"forkserver\"), or use joblib's default backend (loky); a framescope.Model pickles to them"
        ))),
    }
}

/// A library error as a Python exception, with the CLI's message.
pub(crate) fn py_err(e: framescope::Error) -> PyErr {
    FramescopeError::new_err(e.to_string())
}

/// The seeds `run` and `train` read when none are given: "seeds" when ./seeds is a folder,
/// else the built-in seed articles (`BUILTIN_SEEDS`), as the CLI decides.
#[pyfunction]
fn default_seeds() -> PathBuf {
    framescope::jobs::default_seeds()
}

/// Up to five of `ids` like `id` (containing it, ignoring case, else a few edits away), as
/// `framescope inspect` suggests them: `Result.explain` offered substrings only.
#[pyfunction]
fn near_ids(ids: Vec<String>, id: &str) -> Vec<String> {
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    framescope::jobs::near_ids(&refs, id)
        .into_iter()
        .map(String::from)
        .collect()
}

/// One article's rows of an output folder's `sentences.csv`, as `run` returns sentence rows
/// (streamed: only its rows are kept). `Result.explain` reads them for an article whose
/// sentences a `run(out=...)` past 1,000 articles left out of `sentences`.
#[pyfunction]
fn article_sentences(py: Python<'_>, path: PathBuf, id: String) -> PyResult<Bound<'_, pyo3::types::PyDict>> {
    let rows = py
        .detach(|| framescope::report::read_sentences_where(&path, |a| a == id))
        .map_err(py_err)?;
    convert::columns(py, &rows)
}

/// The declared type of every column of scores.csv and sentences.csv (`"text"`, `"int"`,
/// `"float"`, `"bool"`: the types `--format parquet` writes), so a DataFrame's dtypes never
/// depend on the values of one batch.
fn column_kinds(py: Python<'_>) -> PyResult<Bound<'_, pyo3::types::PyDict>> {
    use framescope::report::parquet::{column_kind, ColumnKind};
    let d = pyo3::types::PyDict::new(py);
    let columns = framescope::report::score_columns()
        .iter()
        .chain(framescope::report::sentence_columns());
    for c in columns {
        let kind = match column_kind(c) {
            Some(ColumnKind::Int) => "int",
            Some(ColumnKind::Float) => "float",
            Some(ColumnKind::Bool) => "bool",
            Some(ColumnKind::Text) | None => "text",
        };
        d.set_item(*c, kind)?;
    }
    Ok(d)
}

#[pymodule]
fn _framescope(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("FramescopeError", m.py().get_type::<FramescopeError>())?;
    m.add("SCORE_COLUMNS", framescope::report::score_columns().to_vec())?;
    m.add("SENTENCE_COLUMNS", framescope::report::sentence_columns().to_vec())?;
    m.add("COLUMN_KINDS", column_kinds(m.py())?)?;
    m.add("BUILTIN_SEEDS", framescope::corpus::BUILTIN_SEEDS_NAME)?;
    m.add("MODEL_OPTIONS", params::CLASSIFIER_OPTIONS.to_vec())?;
    m.add_class::<model::Model>()?;
    m.add_function(wrap_pyfunction!(train::train, m)?)?;
    m.add_function(wrap_pyfunction!(train::run, m)?)?;
    m.add_function(wrap_pyfunction!(train::run_in_memory, m)?)?;
    m.add_function(wrap_pyfunction!(default_seeds, m)?)?;
    m.add_function(wrap_pyfunction!(near_ids, m)?)?;
    m.add_function(wrap_pyfunction!(article_sentences, m)?)?;
    Ok(())
}
