//! `analyze` (hidden): the analysis stages alone — read, clean, split, tokenize, stem,
//! n-grams — over inputs, streaming, counting (the benchmark compares it with `wc -w`).

use super::common::{DataOptions, Inputs};
use super::Progress;
use crate::corpus::InputProblem;
use crate::error::Result;
use crate::pipeline;
use rayon::prelude::*;

/// What to analyse.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalyzeOptions {
    pub data: DataOptions,
    pub inputs: Inputs,
}

/// Counts of what the analysis produced.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct AnalyzeOutput {
    pub articles: usize,
    pub sentences: usize,
    pub terms: usize,
    pub problems: Vec<InputProblem>,
}

/// Analyse every input, keeping only counts.
pub fn analyze(o: &AnalyzeOptions, progress: &dyn Progress) -> Result<AnalyzeOutput> {
    let res = o.data.resources_announced(progress)?;
    let (sources, mut problems) = o.inputs.read_once(None, progress).sources()?;
    let mut out = AnalyzeOutput::default();
    progress.start("analysing");
    pipeline::for_each_batch(sources, &res, pipeline::BATCH, |b| {
        problems.extend(b.problems);
        out.articles += b.documents.len();
        for d in &b.documents {
            out.sentences += d.sentences.len();
            out.terms += d.sentences.iter().map(|s| s.terms.len()).sum::<usize>();
        }
        progress.set(out.articles as u64);
        // Freed on the pool, where the documents were built: dropped here, on this thread,
        // the batch's ~10^5 allocations were freed serially (and remotely, for the
        // allocator) while the pool waited for the next batch.
        b.documents.into_par_iter().for_each(drop);
        Ok(())
    })?;
    progress.finish();
    super::common::report_problems(&problems, progress);
    out.problems = problems;
    Ok(out)
}
