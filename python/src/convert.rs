//! Conversions at the edge: Python inputs → the jobs' [`Inputs`], library rows → Python
//! objects.

use framescope::corpus::{too_large, Article, InputProblem, Record, RecordFault, MAX_ARTICLE_BYTES};
use framescope::jobs::Inputs;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::Serialize;
use serde_json::Value;
use std::path::PathBuf;

/// Missing as pandas means it: `None`, NaN, `NaT` (pandas' and numpy's), `pd.NA`.
fn is_missing(v: &Bound<'_, PyAny>) -> bool {
    if v.is_none() || v.get_type().name().is_ok_and(|n| n == "NAType" || n == "NaTType") {
        return true;
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    // numpy's NaT and float32 NaN: unequal to themselves (a str or list never is).
    is_numpy(v) && v.ne(v).unwrap_or(false)
}

/// The name of a value's type, for messages (`int`, `list`, `numpy.int64` as `int64`).
fn type_name(v: &Bound<'_, PyAny>) -> String {
    v.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

fn is_numpy(v: &Bound<'_, PyAny>) -> bool {
    v.get_type()
        .module()
        .is_ok_and(|m| m.to_cow().is_ok_and(|m| m == "numpy"))
}

fn is_bool(v: &Bound<'_, PyAny>) -> bool {
    v.is_instance_of::<PyBool>() || (is_numpy(v) && type_name(v).starts_with("bool"))
}

/// An integer: Python's `int` or a numpy integer (not a bool).
fn integer(v: &Bound<'_, PyAny>) -> Option<Value> {
    if is_bool(v) || !(v.is_instance_of::<PyInt>() || (is_numpy(v) && v.hasattr("__index__").unwrap_or(false))) {
        return None;
    }
    v.extract::<i64>()
        .map(Value::from)
        .or_else(|_| v.extract::<u64>().map(Value::from))
        .ok()
}

/// A float: Python's `float` or a numpy floating-point number.
fn float(v: &Bound<'_, PyAny>) -> Option<f64> {
    if v.is_instance_of::<PyFloat>() || (is_numpy(v) && type_name(v).starts_with("float")) {
        v.extract::<f64>().ok()
    } else {
        None
    }
}

/// A row's value for `key`, absent when the key is missing or the value is missing.
fn value<'py>(row: &Bound<'py, PyAny>, key: &str) -> Option<Bound<'py, PyAny>> {
    row.get_item(key).ok().filter(|v| !is_missing(v))
}

/// Why a row is not a record: a message for `<articles>:ROW: skipped: …`.
type Fault = String;

/// A text field as an optional string (`str` or `numpy.str_`, or `bytes` holding UTF-8);
/// `what` says what it must be.
fn text(row: &Bound<'_, PyAny>, key: &str, what: &str) -> PyResult<Result<Option<String>, Fault>> {
    Ok(match value(row, key) {
        None => Ok(None),
        Some(v) => match v.cast::<PyString>() {
            Ok(s) => utf8(s, key)?.map(Some),
            Err(_) => match v.cast::<PyBytes>() {
                Ok(b) => binary(b.as_bytes(), key).map(Some),
                Err(_) => Err(not_text(key, &v, what)),
            },
        },
    })
}

/// Why `v` is not text, in JSONL's words for the same value (`field `text` is a number
/// (12345), not text`, `… is true or false (true), not text or a number`; review H L2),
/// or naming its Python type when JSON has no such value (`must be a string, not set`).
fn not_text(key: &str, v: &Bound<'_, PyAny>, what: &str) -> Fault {
    let wanted = if what.ends_with("or a number") {
        "text or a number"
    } else {
        "text"
    };
    let kind = match py_to_json(v) {
        Ok(j @ Value::Number(_)) => Some(("a number", j)),
        Ok(j @ Value::Bool(_)) => Some(("true or false", j)),
        Ok(j @ Value::Array(_)) => Some(("a list", j)),
        Ok(j @ Value::Object(_)) => Some(("an object", j)),
        _ => None,
    };
    match kind {
        Some((kind, j)) => format!("field `{key}` is {kind} ({}), not {wanted}", shown(&j)),
        None => format!("field `{key}` must be {what}, not {}", type_name(v)),
    }
}

/// A JSON value as the library's messages show it: its text, cut at 40 characters.
fn shown(v: &Value) -> String {
    let text = v.to_string();
    match text.chars().count() > 40 {
        true => text.chars().take(40).collect::<String>() + "…",
        false => text,
    }
}

/// A value JSON holds but no reader takes for `id` or `date` (true, a list, an object), as
/// JSON: the library refuses it in JSONL's words (review H L2: `not bool`, `not list`).
fn json_refused(v: &Bound<'_, PyAny>) -> Option<Value> {
    py_to_json(v)
        .ok()
        .filter(|j| matches!(j, Value::Bool(_) | Value::Array(_) | Value::Object(_)))
}

/// `bytes` (what `pd.read_parquet` gives for a BINARY column without the UTF8 annotation) as
/// the Parquet reader takes them: text when they are UTF-8, else the row is skipped in its
/// words (review H M2: every such row was skipped as "must be a string, not bytes", where
/// `Model.score(path)` and the CLI read the same file's rows).
fn binary(b: &[u8], key: &str) -> Result<String, Fault> {
    std::str::from_utf8(b)
        .map(str::to_string)
        .map_err(|_| format!("field `{key}` is binary data, not UTF-8 text"))
}

/// A Python string as UTF-8, or the fault of a string that has none: a lone surrogate
/// (`"\ud83d"`, half of an emoji cut by a byte-level truncation, or JSON decoded by a lenient
/// tool) cannot be encoded, and the row is skipped with that reason, as the CLI skips a JSONL
/// line with one; the other rows are read.
fn utf8(s: &Bound<'_, PyString>, key: &str) -> PyResult<Result<String, Fault>> {
    match s.to_cow() {
        Ok(c) => Ok(Ok(c.into_owned())),
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyUnicodeEncodeError>(s.py()) => {
            let at = s
                .to_string_lossy()
                .chars()
                .position(|c| c == char::REPLACEMENT_CHARACTER)
                .unwrap_or(0);
            Ok(Err(format!(
                "field `{key}` is not valid Unicode text: a lone surrogate at character {at} (half of a character such as an emoji, cut in two)"
            )))
        }
        Err(e) => Err(e),
    }
}

/// `id`: a string or a number, as in JSONL (`corpus::number_id` writes a number as the id);
/// a float with an integral value is that integer (an integer column with missing values is
/// float64 in pandas). A Python integer beyond 64 bits is exact in Python and keeps its
/// digits, as text (a JSONL reader would have read it as a float and lost them: the library
/// refuses such an id there, and a float id from 2^53 up here too).
fn id(row: &Bound<'_, PyAny>) -> PyResult<Result<Option<Value>, Fault>> {
    let Some(v) = value(row, "id") else { return Ok(Ok(None)) };
    if let Some(i) = integer(&v) {
        return Ok(Ok(Some(i)));
    }
    if !is_bool(&v) && v.is_instance_of::<PyInt>() {
        return Ok(Ok(Some(Value::String(v.str()?.to_cow()?.into_owned()))));
    }
    if let Some(j) = json_refused(&v) {
        return Ok(Ok(Some(j)));
    }
    if let Some(x) = float(&v) {
        // Exactly representable integers as integers (|x| < 2^53), other numbers as JSONL
        // reads them.
        return Ok(if x.fract() == 0.0 && x.abs() < 9.007_199_254_740_992e15 {
            Ok(Some(Value::from(x as i64)))
        } else {
            serde_json::Number::from_f64(x)
                .map(|n| Some(Value::Number(n)))
                .ok_or_else(|| format!("field `id` must be a string or a finite number, not {x}"))
        });
    }
    Ok(text(row, "id", "a string or a number")?.map(|s| s.map(Value::String)))
}

/// `outlet`: a string, or a number as its text (an integral float as the integer: an
/// integer column with missing values is float64 in pandas), as a JSONL line reads it.
fn outlet(row: &Bound<'_, PyAny>) -> PyResult<Result<Option<String>, Fault>> {
    let Some(v) = value(row, "outlet") else {
        return Ok(Ok(None));
    };
    let number = integer(&v).or_else(|| float(&v).and_then(serde_json::Number::from_f64).map(Value::Number));
    if let Some(Value::Number(n)) = number {
        return Ok(Ok(Some(framescope::corpus::number_id(&n))));
    }
    text(row, "outlet", "a string or a number")
}

/// `date`: a string as the library records it (ISO kept as written, a few unambiguous forms
/// rewritten as ISO: `corpus::dates`), a number as epoch seconds or milliseconds (the library
/// writes it as ISO), or a `datetime.date` / `datetime` / `pandas.Timestamp` /
/// `numpy.datetime64` as ISO 8601 — a datetime at midnight as its date, as pandas parses
/// "2022-02-10", unless it names a zone other than UTC: Moscow's midnight
/// `2022-02-24T00:00:00+03:00` is not the UTC day a bare date is read as, so it keeps its
/// offset (review, session 43: it came back as `2022-02-24`, three hours late). A bool is
/// passed on for the library to refuse, as it refuses one in JSONL.
fn date(row: &Bound<'_, PyAny>) -> PyResult<Result<Option<Value>, Fault>> {
    let Some(mut v) = value(row, "date") else {
        return Ok(Ok(None));
    };
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(utf8(s, "date")?.map(|s| Some(Value::String(s))));
    }
    if is_bool(&v) {
        return Ok(Ok(Some(Value::Bool(v.is_truthy()?))));
    }
    if let Some(i) = integer(&v) {
        return Ok(Ok(Some(i)));
    }
    if let Some(x) = float(&v) {
        return Ok(Ok(serde_json::Number::from_f64(x).map(Value::Number)));
    }
    let py = row.py();
    if is_numpy(&v) && type_name(&v) == "datetime64" {
        v = py.import("pandas")?.getattr("Timestamp")?.call1((v,))?;
    }
    if v.is_instance(&py.import("datetime")?.getattr("date")?)? {
        let midnight = v.hasattr("hour")?
            && ["hour", "minute", "second", "microsecond"]
                .iter()
                .map(|a| v.getattr(*a).and_then(|x| x.extract::<i64>()))
                .collect::<PyResult<Vec<_>>>()?
                .iter()
                .all(|&x| x == 0);
        // The offset in seconds: none (naive, or a plain date) or zero reads the same as a date.
        let offset = match v.hasattr("utcoffset")? {
            true => v.call_method0("utcoffset")?,
            false => py.None().into_bound(py),
        };
        let utc = offset.is_none() || offset.call_method0("total_seconds")?.extract::<f64>()? == 0.0;
        let d = if midnight && utc { v.call_method0("date")? } else { v };
        return Ok(Ok(Some(Value::String(d.call_method0("isoformat")?.extract()?))));
    }
    if let Some(j) = json_refused(&v) {
        return Ok(Ok(Some(j)));
    }
    Ok(Err(format!(
        "field `date` must be an ISO date string or a number (epoch seconds or milliseconds), not {}",
        type_name(&v)
    )))
}

/// `label`/`side`, read as a JSONL line reads them (`corpus::Record`): a string as written,
/// a number or boolean as its text (which names no side, so it is ignored, as in CSV and
/// Parquet), anything else nothing. A label is evaluation metadata: it never skips a row.
fn side_text(row: &Bound<'_, PyAny>, key: &str) -> PyResult<Option<String>> {
    let Some(v) = value(row, key) else { return Ok(None) };
    let json = if let Ok(s) = v.cast::<PyString>() {
        // A label that is not valid text names no side (and never skips its row).
        Value::String(s.to_string_lossy().into_owned())
    } else if let Ok(b) = v.cast::<PyBytes>() {
        // As a Parquet BINARY label: text when UTF-8, else no side.
        binary(b.as_bytes(), key).map_or(Value::Null, Value::String)
    } else if is_bool(&v) {
        Value::Bool(v.is_truthy()?)
    } else if let Some(i) = integer(&v) {
        i
    } else if let Some(f) = float(&v) {
        serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
    } else {
        Value::Null
    };
    Ok(framescope::corpus::label_text(json))
}

/// A Python row (dict or mapping) as a library record, or why it is not one (with the id
/// it gives, when it gives one).
fn record(row: &Bound<'_, PyAny>) -> PyResult<Result<Record, (Option<String>, Fault)>> {
    let id = match id(row)? {
        Ok(id) => id,
        Err(f) => return Ok(Err((None, f))),
    };
    let given = Record {
        id: id.clone(),
        ..Default::default()
    }
    .given_id();
    let fields = (|| -> PyResult<Result<Record, Fault>> {
        macro_rules! field {
            ($e:expr) => {
                match $e? {
                    Ok(x) => x,
                    Err(f) => return Ok(Err(f)),
                }
            };
        }
        Ok(Ok(Record {
            id: id.clone(),
            title: field!(text(row, "title", "a string")),
            text: field!(text(row, "text", "a string")),
            outlet: field!(outlet(row)),
            date: field!(date(row)),
            label: side_text(row, "label")?,
            side: side_text(row, "side")?,
            lang: field!(text(row, "lang", "a string")),
        }))
    })()?;
    Ok(fields.map_err(|f| (given, f)))
}

/// The bytes of a row's fields as UTF-8 text: over [`MAX_ARTICLE_BYTES`] the row is skipped as
/// "too large", as a JSONL line or CSV record over it is (the analysis of one record needs
/// several times its size).
fn record_bytes(r: &Record) -> u64 {
    let text = [&r.title, &r.text, &r.outlet, &r.label, &r.side, &r.lang];
    let values = [&r.id, &r.date];
    let n = text.iter().filter_map(|x| x.as_ref()).map(|x| x.len()).sum::<usize>()
        + values
            .iter()
            .filter_map(|x| x.as_ref())
            .map(|x| x.as_str().map_or(0, str::len))
            .sum::<usize>();
    n as u64
}

/// Row `n` (from 1) of `name` as an article, or the problem that skips it — as a JSONL line
/// is read (`corpus::Record::into_article`), after the checks of its Python values and its
/// size.
/// An article kept comes with the warning on what was done to its text (HTML tags removed…),
/// as a JSONL line's does.
fn row_item(
    row: &Bound<'_, PyAny>,
    name: &str,
    n: usize,
) -> PyResult<Result<(Article, Option<InputProblem>), InputProblem>> {
    let problem = |id: Option<String>, message: String, skipped: bool| InputProblem {
        path: PathBuf::from(name),
        line: Some(n),
        message,
        skipped,
        id,
    };
    Ok(match record(row)? {
        Err((id, fault)) => Err(problem(id, fault, true)),
        Ok(rec) => match record_bytes(&rec) {
            bytes if bytes > MAX_ARTICLE_BYTES => Err(problem(rec.given_id(), too_large(bytes), true)),
            _ => rec
                .into_noted_article(format!("{name}:{n}"))
                .map(|(a, note)| (a, note.map(|m| problem(None, m, false))))
                .map_err(|RecordFault { id, message }| problem(id, message, true)),
        },
    })
}

/// Inputs as the jobs take them, the rows that are not articles (and the warnings on rows
/// kept) in `rejected`, in row order: the job reports them before anything it finds and
/// records them in its run.json. Each input is a path (`str` or `os.PathLike`;
/// `<built-in>/seeds` names the built-in seeds) or a tuple `(name, rows)` of records (dicts
/// or mappings with `text` and optionally `id, title, outlet, date, label, lang`); `name`
/// stands for a file name in messages (`name:row`). Paths are read by the job; rows are
/// converted here, with the GIL held, before the work starts.
pub fn inputs(inputs: &Bound<'_, PyAny>) -> PyResult<Inputs> {
    let mut out = Inputs::default();
    for input in inputs.try_iter()? {
        let input = input?;
        if let Ok((name, rows)) = input.extract::<(String, Bound<'_, PyAny>)>() {
            for (i, r) in rows.try_iter()?.enumerate() {
                match row_item(&r?, &name, i + 1)? {
                    Ok((a, note)) => {
                        out.rejected.extend(note);
                        out.articles.push(a);
                    }
                    Err(p) => out.rejected.push(p),
                }
            }
        } else {
            out.paths.push(input.extract::<PathBuf>()?);
        }
    }
    Ok(out)
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

/// A Python value as JSON, the inverse of [`json_to_py`] for what a DataFrame row holds:
/// missing (None, NaN, NaT, `pd.NA`) is null, Python and numpy numbers and bools are numbers
/// and bools, strings strings, lists and tuples arrays, a dict (or a Series' `to_dict()`) an
/// object. Anything else is a `TypeError` naming its type.
pub fn py_to_json(v: &Bound<'_, PyAny>) -> PyResult<Value> {
    if is_missing(v) {
        return Ok(Value::Null);
    }
    if is_bool(v) {
        return Ok(Value::Bool(v.is_truthy()?));
    }
    if let Some(i) = integer(v) {
        return Ok(i);
    }
    if let Some(x) = float(v) {
        return Ok(serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number));
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(d) = v.cast::<PyDict>() {
        let mut o = serde_json::Map::new();
        for (k, x) in d.iter() {
            o.insert(k.str()?.to_cow()?.into_owned(), py_to_json(&x)?);
        }
        return Ok(Value::Object(o));
    }
    if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
        return v
            .try_iter()?
            .map(|x| py_to_json(&x?))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    Err(PyTypeError::new_err(format!(
        "cannot read a value of type {}",
        type_name(v)
    )))
}

/// Serializable rows as columns: a dict of field name → list of the rows' values (field
/// names as in the library's serde output, which are the columns of scores.csv and
/// sentences.csv; a field a row leaves out is `None` there), which pandas takes column by
/// column. Rows are serialised in chunks with the GIL released, and only the chunk's Python
/// objects are built holding it, so other Python threads run between chunks (a
/// 461,000-sentence result held the GIL for 4 s in one stretch) and only one chunk's JSON
/// values are alive at a time. Columns rather than a dict per row (review 45): a row's dict
/// is a container Python's cyclic GC tracks, and the full collections 230,000 of them set
/// off, each scanning every container alive with the GIL held, kept other threads waiting
/// 0.5–1.5 s at a time; pandas then needed a pass over the dicts as well. The cells' lists
/// (`kremlin_hits` …) are still containers. Pausing the GC while they are built only moves
/// its collections to just after, one of them as long as a full scan, so it is left running.
pub fn columns<'py, T: Serialize + Sync>(
    py: Python<'py>,
    rows: impl IntoIterator<Item = T>,
) -> PyResult<Bound<'py, PyDict>> {
    const CHUNK: usize = 2048;
    let rows: Vec<T> = rows.into_iter().collect();
    let columns = PyDict::new(py);
    let mut lists: Vec<Bound<'py, PyList>> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut n = 0;
    for chunk in rows.chunks(CHUNK) {
        let values = py
            .detach(|| {
                chunk
                    .iter()
                    .map(serde_json::to_value)
                    .collect::<serde_json::Result<Vec<Value>>>()
            })
            .map_err(|e| PyTypeError::new_err(e.to_string()))?;
        for v in &values {
            let Value::Object(fields) = v else {
                return Err(PyTypeError::new_err("a row is not a record"));
            };
            for (k, x) in fields {
                let i = match at.get(k) {
                    Some(&i) => i,
                    None => {
                        // A field first seen here: missing in the rows before.
                        let l = PyList::new(py, (0..n).map(|_| py.None()))?;
                        columns.set_item(k, &l)?;
                        lists.push(l);
                        at.insert(k.clone(), lists.len() - 1);
                        lists.len() - 1
                    }
                };
                lists[i].append(json_to_py(py, x)?)?;
            }
            n += 1;
            for l in lists.iter().filter(|l| l.len() < n) {
                l.append(py.None())?;
            }
        }
    }
    Ok(columns)
}

/// A problem as the CLI prints it (`path[:line]: skipped|warning: message`) and the id of
/// the record it skips, when the record gave one.
pub type ProblemLine = (String, Option<String>);

/// Problems as the CLI prints them, each with the skipped record's id.
pub fn problem_lines(problems: &[InputProblem]) -> Vec<ProblemLine> {
    problems.iter().map(|p| (p.to_string(), p.id.clone())).collect()
}
