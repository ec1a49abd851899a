//! The jobs' messages for Python: what the CLI prints as `framescope: …` (a weak model, a
//! folder's previous contents kept, a cross-fitting note) is collected while the job runs and
//! handed back to be raised as `FramescopeWarning`s.

use crate::convert::ProblemLine;
use framescope::corpus::InputProblem;
use framescope::jobs::Progress;
use pyo3::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

/// A [`Progress`] that keeps the job's warnings and ignores its progress bars and status lines.
#[derive(Debug, Default)]
pub struct Warnings(Mutex<Vec<String>>);

impl Progress for Warnings {
    fn warn(&self, message: &str) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(message.to_string());
    }

    /// Status lines are dropped but one: the built-in data files standing in for a missing
    /// ./data, which the CLI notes on stderr. A notebook run outside the clone read the
    /// built-in lexicons without a word, so an edited `data/` went unused unseen (review,
    /// session 42). Worded with the package's argument.
    fn info(&self, message: &str) {
        use framescope::data::NO_DATA_FOLDER;
        if message.starts_with(NO_DATA_FOLDER) {
            self.warn(&format!(
                "{NO_DATA_FOLDER}: using the built-in data files (pass data=DIR, or run where data/ is)"
            ));
        }
    }
}

impl Warnings {
    /// A job's error as the Python exception, with what the job said before it failed (the
    /// CLI prints those lines before its error) in the exception's `said`: `(line, id)` pairs,
    /// the id of each row `rejected` (the rows the conversion refused). Every row unusable
    /// raised only "no usable articles to train on", the reasons lost (review H M4).
    pub fn failed(self, py: Python<'_>, e: framescope::Error, rejected: &[InputProblem]) -> PyErr {
        let err = crate::py_err(e);
        let ids: HashMap<String, Option<String>> = rejected.iter().map(|p| (p.to_string(), p.id.clone())).collect();
        let said: Vec<ProblemLine> = (self.except(&[]).into_iter())
            .map(|w| {
                let id = ids.get(&w).cloned().flatten();
                (w, id)
            })
            .collect();
        if let Err(e) = err.value(py).setattr("said", said) {
            return e;
        }
        err
    }

    /// The job's warnings worded as the CLI prints them (without its `framescope: ` prefix),
    /// each once, leaving out the input problems (the job reports those through `warn` too;
    /// they come back as `problems`).
    pub fn except(self, problems: &[ProblemLine]) -> Vec<String> {
        let mut seen: HashSet<String> = problems.iter().map(|(line, _)| line.clone()).collect();
        let all = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        all.into_iter().filter(|w| seen.insert(w.clone())).collect()
    }
}
