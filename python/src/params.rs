//! Keyword arguments into the library's parameter types: the CLI's options under their
//! Python names, the CLI's defaults when absent.

use framescope::model::ClassifierParams;
use framescope::score::ScoreParams;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt};

/// The model options `train` and `run` take (`--alpha` is `alpha=` …).
pub const CLASSIFIER_OPTIONS: &[&str] = &[
    "alpha",
    "margin",
    "max_train_sentences",
    "max_train_features",
    "seed",
    "min_df",
    "max_df",
    "max_features",
    "sublinear_tf",
    "mask_lexicon",
    "lexicon_prior",
    "propagate_weight",
    "propagate_tau",
    "quoted_weight",
];

/// Classifier parameters from keyword arguments; an unknown name is a `TypeError` listing
/// the known ones. Values are checked by the job (`ClassifierParams::check`), so a bad one
/// gets the CLI's message.
pub fn classifier(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<ClassifierParams> {
    let mut p = ClassifierParams::default();
    let Some(kwargs) = kwargs else { return Ok(p) };
    // Numbers through `number`/`count`, which refuse a bool: `lexicon_prior=False` was taken
    // as 0 and `alpha=True` as 1 (review, session 47), where `bootstrap=True` was refused.
    for (k, v) in kwargs.iter() {
        let key: String = k.extract()?;
        let v = &v;
        match key.as_str() {
            "alpha" => p.alpha = number(&key, v)?,
            "margin" => p.margin = number(&key, v)?,
            "max_train_sentences" => p.max_train_sentences = count(&key, v)?,
            "max_train_features" => p.max_train_features = count(&key, v)?,
            "seed" => p.seed = count(&key, v)? as u64,
            "min_df" => p.tfidf.min_df = count(&key, v)?,
            "max_df" => p.tfidf.max_df = number(&key, v)?,
            "max_features" => p.tfidf.max_features = if v.is_none() { None } else { Some(count(&key, v)?) },
            "sublinear_tf" => p.tfidf.sublinear_tf = arg(&key, FLAG, v, v.extract())?,
            "mask_lexicon" => p.mask_lexicon = arg(&key, FLAG, v, v.extract())?,
            "lexicon_prior" => p.lexicon_prior = number(&key, v)?,
            "propagate_weight" => p.propagate_weight = number(&key, v)?,
            "propagate_tau" => p.propagate_tau = number(&key, v)?,
            // None: the plain sentence mean (the CLI's --mean-score).
            "quoted_weight" => {
                p.quoted_weight = match v.is_none() {
                    true => None,
                    false => Some(arg(&key, "a number or None", v, number(&key, v))?),
                }
            }
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "unexpected keyword argument `{key}` (model options: {})",
                    CLASSIFIER_OPTIONS.join(", ")
                )))
            }
        }
    }
    Ok(p)
}

const NUMBER: &str = "a number";
const COUNT: &str = "a whole number ≥ 0";
const FLAG: &str = "True or False";

/// An argument's extracted value, or an error naming the argument and what it must be: a
/// `ValueError` for a number out of range (`bootstrap=-1`), a `TypeError` for another type.
/// Ranges beyond the type (`max_df` in (0, 1]) are the job's to check, with the CLI's message.
pub fn arg<T>(name: &str, what: &str, v: &Bound<'_, PyAny>, extracted: PyResult<T>) -> PyResult<T> {
    extracted.map_err(|_| {
        let shown = v.repr().map(|r| r.to_string()).unwrap_or_else(|_| "?".into());
        let number = is_real(v);
        let message = format!("`{name}` must be {what}, not {shown}");
        if number {
            PyValueError::new_err(message)
        } else {
            PyTypeError::new_err(message)
        }
    })
}

/// Whether `v` is a real number for Python (`numbers.Real`: int, float, NumPy's and
/// Fraction's numbers; not a bool, NumPy's bool or a string). NumPy scalars such as
/// `np.float32(0.7)` were refused as "not a number" (review, session 34).
fn is_real(v: &Bound<'_, PyAny>) -> bool {
    if v.is_instance_of::<PyBool>() {
        return false;
    }
    if v.is_instance_of::<PyInt>() || v.is_instance_of::<PyFloat>() {
        return true;
    }
    let py = v.py();
    py.import("numbers")
        .and_then(|m| m.getattr("Real"))
        .and_then(|real| v.is_instance(&real))
        .unwrap_or(false)
}

/// A count (`bootstrap`, `min_df` …): a whole number ≥ 0 (`2.0` and NumPy integers too),
/// not a bool.
pub fn count(name: &str, v: &Bound<'_, PyAny>) -> PyResult<usize> {
    let extracted = if !is_real(v) {
        Err(PyTypeError::new_err(""))
    } else {
        v.extract::<usize>().or_else(|e| {
            // A whole float (`min_df=2.0`): the README refuses only counts that are not whole.
            let f: f64 = v.extract()?;
            if f.fract() == 0.0 && (0.0..=9.0e15).contains(&f) {
                Ok(f as usize)
            } else {
                Err(e)
            }
        })
    };
    // A whole number past the largest count (`seed=2**70`) was "must be a whole number ≥ 0"
    // (review S, session 55): say the limit instead.
    let too_large = extracted.is_err() && is_real(v) && v.is_instance_of::<PyInt>() && v.ge(0).unwrap_or(false);
    let what = match too_large {
        true => format!("at most {}", usize::MAX),
        false => COUNT.to_string(),
    };
    arg(name, &what, v, extracted)
}

/// A number (an int or a float, NumPy's too; not a bool or a string).
pub fn number(name: &str, v: &Bound<'_, PyAny>) -> PyResult<f64> {
    let extracted = if !is_real(v) {
        Err(PyTypeError::new_err(""))
    } else {
        v.extract()
    };
    arg(name, NUMBER, v, extracted)
}

/// Scoring thresholds and bootstrap (the job sets the seed from the model's and checks the
/// thresholds, with the CLI's messages).
/// `bootstrap=None` is the default (1000 resamples).
/// A threshold given as anything but a number (`"0.6"`, `None`) is a `TypeError` naming it.
pub fn scoring(
    kremlin_threshold: &Bound<'_, PyAny>,
    western_threshold: &Bound<'_, PyAny>,
    bootstrap: Option<&Bound<'_, PyAny>>,
) -> PyResult<ScoreParams> {
    let d = ScoreParams::default();
    Ok(ScoreParams {
        kremlin_threshold: number("kremlin_threshold", kremlin_threshold)?,
        western_threshold: number("western_threshold", western_threshold)?,
        bootstrap: bootstrap
            .map(|b| count("bootstrap", b))
            .transpose()?
            .unwrap_or(d.bootstrap),
        ..d
    })
}

/// `folds`: None (the CLI's default) or a count.
pub fn folds(v: Option<&Bound<'_, PyAny>>) -> PyResult<Option<usize>> {
    v.filter(|v| !v.is_none()).map(|v| count("folds", v)).transpose()
}
