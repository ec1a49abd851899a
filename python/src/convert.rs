//! Conversions at the edge: Python inputs → the jobs' [`Inputs`], library rows → Python
//! objects.

use framescope::corpus::{records_to_articles, InputProblem, Record};
use framescope::jobs::Inputs;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString};
use serde::Serialize;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn is_nan(v: &Bound<'_, PyAny>) -> bool {
    v.cast::<PyFloat>().is_ok_and(|f| f.value().is_nan())
}

fn type_error(v: &Bound<'_, PyAny>, what: &str, key: &str, n: usize, name: &str) -> PyResult<PyErr> {
    Ok(PyTypeError::new_err(format!(
        "{name}:{n}: field `{key}` must be {what}, not {}",
        v.get_type().name()?
    )))
}

/// A row's value for `key`, absent when the key is missing, `None` or NaN (pandas' missing).
fn value<'py>(row: &Bound<'py, PyAny>, key: &str) -> Option<Bound<'py, PyAny>> {
    row.get_item(key).ok().filter(|v| !v.is_none() && !is_nan(v))
}

/// A text field as an optional string.
fn text(row: &Bound<'_, PyAny>, key: &str, n: usize, name: &str) -> PyResult<Option<String>> {
    match value(row, key) {
        None => Ok(None),
        Some(v) => match v.cast::<PyString>() {
            Ok(s) => Ok(Some(s.to_cow()?.into_owned())),
            Err(_) => Err(type_error(&v, "a string", key, n, name)?),
        },
    }
}

/// `id`: a string or an integer, as in JSONL.
fn id(row: &Bound<'_, PyAny>, n: usize, name: &str) -> PyResult<Option<Value>> {
    match value(row, "id") {
        None => Ok(None),
        Some(v) if v.is_instance_of::<PyInt>() && !v.is_instance_of::<PyBool>() => {
            Ok(Some(Value::from(v.extract::<i64>()?)))
        }
        Some(_) => Ok(text(row, "id", n, name)?.map(Value::String)),
    }
}

/// `date`: a string kept as written, a number as epoch seconds or milliseconds (the library
/// writes it as ISO), or a `datetime.date` / `datetime` / `pandas.Timestamp` as ISO 8601 —
/// a datetime at midnight as its date, as pandas parses "2022-02-10".
fn date(row: &Bound<'_, PyAny>, n: usize, name: &str) -> PyResult<Option<Value>> {
    let Some(v) = value(row, "date") else { return Ok(None) };
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(Some(Value::String(s.to_cow()?.into_owned())));
    }
    if v.is_instance(&row.py().import("datetime")?.getattr("date")?)? {
        let midnight = v.hasattr("hour")?
            && ["hour", "minute", "second", "microsecond"]
                .iter()
                .map(|a| v.getattr(*a).and_then(|x| x.extract::<i64>()))
                .collect::<PyResult<Vec<_>>>()?
                .iter()
                .all(|&x| x == 0);
        let d = if midnight { v.call_method0("date")? } else { v };
        return Ok(Some(Value::String(d.call_method0("isoformat")?.extract()?)));
    }
    if !v.is_instance_of::<PyBool>() {
        if let Ok(i) = v.extract::<i64>() {
            return Ok(Some(Value::from(i)));
        }
        if let Some(x) = v.extract::<f64>().ok().and_then(serde_json::Number::from_f64) {
            return Ok(Some(Value::Number(x)));
        }
    }
    Err(type_error(&v, "a string, a date or a number", "date", n, name)?)
}

/// A Python row (dict or mapping) as a library record.
fn record(row: &Bound<'_, PyAny>, n: usize, name: &str) -> PyResult<Record> {
    Ok(Record {
        id: id(row, n, name)?,
        title: text(row, "title", n, name)?,
        text: text(row, "text", n, name)?,
        outlet: text(row, "outlet", n, name)?,
        date: date(row, n, name)?,
        label: text(row, "label", n, name)?,
        side: text(row, "side", n, name)?,
        lang: text(row, "lang", n, name)?,
    })
}

/// Inputs as the jobs take them, and the rows that are not articles (in row order, to be
/// reported before anything the job finds). Each input is a path (`str` or `os.PathLike`;
/// `<built-in>/seeds` names the built-in seeds) or a tuple `(name, rows)` of records (dicts
/// or mappings with `text` and optionally `id, title, outlet, date, label, lang`); `name`
/// stands for a file name in messages (`name:row`). Paths are read by the job; rows are
/// converted here, with the GIL held, before the work starts.
pub fn inputs(inputs: &Bound<'_, PyAny>) -> PyResult<(Inputs, Vec<InputProblem>)> {
    let mut out = Inputs::default();
    let mut problems = Vec::new();
    for input in inputs.try_iter()? {
        let input = input?;
        if let Ok((name, rows)) = input.extract::<(String, Bound<'_, PyAny>)>() {
            let mut records = Vec::new();
            for (i, r) in rows.try_iter()?.enumerate() {
                records.push(record(&r?, i + 1, &name)?);
            }
            let (articles, bad) = records_to_articles(Path::new(&name), records);
            out.articles.extend(articles);
            problems.extend(bad);
        } else {
            out.paths.push(input.extract::<PathBuf>()?);
        }
    }
    Ok((out, problems))
}

/// A JSON value as the Python object `json.loads` would make.
pub fn json_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (_, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let l = PyList::empty(py);
            for x in a {
                l.append(json_to_py(py, x)?)?;
            }
            l.into_any()
        }
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, json_to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// Serializable rows as a list of dicts (field names as in the library's serde output,
/// which are the columns of scores.csv and sentences.csv).
pub fn rows<'py, T: Serialize>(py: Python<'py>, rows: impl IntoIterator<Item = T>) -> PyResult<Bound<'py, PyList>> {
    let l = PyList::empty(py);
    for r in rows {
        let v = serde_json::to_value(r).map_err(|e| PyTypeError::new_err(e.to_string()))?;
        l.append(json_to_py(py, &v)?)?;
    }
    Ok(l)
}

/// Problems as the CLI prints them (`path[:line]: skipped|warning: message`).
pub fn problem_lines(problems: &[InputProblem]) -> Vec<String> {
    problems.iter().map(|p| p.to_string()).collect()
}
