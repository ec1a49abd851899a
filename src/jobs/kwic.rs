//! `kwic`: every occurrence of a lexicon-style phrase in context, matched through the
//! analyzer (stems, stop words skipped) exactly as lexicon entries are.

use super::common::{self, DataOptions, Inputs};
use super::Progress;
use crate::corpus::InputProblem;
use crate::error::{Error, Result};
use crate::eval::kwic::{kwic as find, Occurrence};

/// The phrase and where to look.
#[derive(Debug, Clone, PartialEq)]
pub struct KwicOptions {
    /// Written as a lexicon entry ("security guarantees").
    pub phrase: String,
    /// Words of context either side.
    pub width: usize,
    pub data: DataOptions,
    pub inputs: Inputs,
}

/// Occurrences found.
#[derive(Debug)]
pub struct KwicOutput {
    pub hits: Vec<Occurrence>,
    /// Articles searched.
    pub articles: usize,
    pub problems: Vec<InputProblem>,
}

/// Find every occurrence of the phrase.
pub fn kwic(o: &KwicOptions, progress: &dyn Progress) -> Result<KwicOutput> {
    let res = o.data.resources_announced(progress)?;
    if res.analyzer.phrase_any(&o.phrase).is_empty() {
        return Err(Error::Invalid(format!(
            "`{}` has no content words (only stop words or outlet names), so it can never match",
            o.phrase
        )));
    }
    let (sources, mut problems) = o.inputs.sources()?;
    let docs = common::load_reported(sources, &mut problems, &res, progress)?;
    let hits = find(&o.phrase, &docs, &res.analyzer, o.width);
    Ok(KwicOutput {
        hits,
        articles: docs.len(),
        problems,
    })
}
