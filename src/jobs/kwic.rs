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
    /// The phrase searched: the option's lexicon line without its weight and comment.
    pub phrase: String,
    pub hits: Vec<Occurrence>,
    /// Articles searched.
    pub articles: usize,
    pub problems: Vec<InputProblem>,
}

/// Find every occurrence of the phrase.
pub fn kwic(o: &KwicOptions, progress: &dyn Progress) -> Result<KwicOutput> {
    let res = o.data.resources_announced(progress)?;
    // The phrase is read as a lexicon line: a line pasted with its weight or comment
    // (`Kiev | 1.5`) matched nothing, and a too-short word (`Operation Z`) was dropped
    // without a word, where the lexicon refuses it (review, session 30).
    let (phrase, _) = crate::lexicon::parse_line(&o.phrase).map_err(|e| Error::Invalid(format!("phrase: {e}")))?;
    if res.analyzer.phrase_any(&phrase).is_empty() {
        return Err(Error::Invalid(format!(
            "`{phrase}` has no content words (only stop words or outlet names), so it can never match"
        )));
    }
    let lang = res.analyzer.detect(&phrase);
    // As the lexicon refuses it: a negation the analyzer drops (`without evidence`) showed
    // every bare "evidence" as a hit (review, session 33); «на» alone, every «на» (session 44).
    let stems = res.analyzer.phrase_in(lang, &phrase);
    if let Some(why) = crate::lexicon::entry_refusal(&res.analyzer, lang, &phrase, &stems) {
        return Err(Error::Invalid(format!("`{phrase}`: {why}")));
    }
    let (sources, mut problems) = o.inputs.read_once(None, progress).sources()?;
    let mut hits = Vec::new();
    let articles = common::stream_reported(sources, &mut problems, &res, progress, |docs| {
        hits.extend(find(&phrase, &docs, &res.analyzer, o.width));
        Ok(())
    })?;
    // "0 occurrences in 0 of 0 articles" from a mistyped path read as an answer (review,
    // session 33).
    if articles == 0 {
        return Err(Error::Invalid("no usable articles".into()));
    }
    Ok(KwicOutput {
        phrase,
        hits,
        articles,
        problems,
    })
}
