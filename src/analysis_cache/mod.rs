//! What `run` keeps of pass 1's analysis for pass 2, so that pass 2 scores the documents pass
//! 1 analysed instead of reading, cleaning and analysing every article again.
//!
//! Each pass-1 batch's documents are encoded into one compact record (about 6.6 KB an
//! article of news text: sentence texts become spans of their paragraph, a stem is written
//! once per document and its key recomputed, numbers are varints) and queued in a
//! [`Spill`]: in memory up to [`MEMORY_BUDGET`], then in an anonymous file in the job's
//! staging folder up to [`DISK_BUDGET`]. Beyond both, no later batch is kept: pass 2 replays the kept batches and
//! re-analyses the articles after them from the inputs, as every run did before. Either way
//! pass 2 sees the same documents in the same batches, so the outputs are byte-identical.
//!
//! Decoding gives back exactly the [`Document`] that was encoded (every field; a key that is
//! not its stem's [`stem_key`], or a sentence that is not a span of its paragraph, is
//! written out in full), so nothing downstream can tell a kept document from a fresh one.

use crate::clean::{CleanArticle, Cut};
use crate::corpus::Side;
use crate::document::{Document, Sentence};
use crate::error::{Error, Result};
use crate::lexicon::{Hit, LexiconEvidence};
use crate::report::{Spill, SpillBudget, SpillRecords};
use crate::text::keys::stem_key;
use crate::text::Term;
use compact_str::CompactString;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::path::Path;

mod codec;
#[cfg(test)]
mod tests;

use codec::{decode_batch, encode_batch};

/// Encoded analysis kept in memory: 32 MB, about 5,000 articles of news text (an article
/// encodes to about 6.6 KB, its JSON line was 4 KB). Small runs never touch the disk; a large
/// run's peak memory grows by at most this much, as beyond it the file takes the rest (read
/// and written through the page cache, which is about as fast).
pub const MEMORY_BUDGET: usize = 32 << 20;

/// Encoded analysis kept in the temporary file beyond [`MEMORY_BUDGET`]: 2 GB, about 300,000
/// articles. Larger corpora re-analyse the articles beyond it in pass 2 (as does a run whose
/// disk fills up), so a run never needs more scratch space than this beside its outputs.
pub const DISK_BUDGET: u64 = 2 << 30;

/// How much of pass 1's analysis `run` may keep for pass 2, in encoded bytes: the budget of
/// the [`Spill`] that keeps it.
pub type AnalysisBudget = SpillBudget;

impl AnalysisBudget {
    /// Keep nothing: pass 2 re-analyses every article.
    pub const NONE: AnalysisBudget = AnalysisBudget { memory: 0, disk: 0 };
}

impl Default for AnalysisBudget {
    fn default() -> Self {
        AnalysisBudget {
            memory: MEMORY_BUDGET,
            disk: DISK_BUDGET,
        }
    }
}

/// Pass 1's batches of documents, kept up to the budget (see the module's documentation).
#[derive(Debug)]
pub struct AnalysisCache {
    spill: Spill,
    /// Reader articles (skipped ones included) the kept batches cover.
    articles: usize,
    batches: usize,
}

impl AnalysisCache {
    /// Up to `budget`, the part beyond its memory in an anonymous file in `dir`.
    pub fn new(budget: AnalysisBudget, dir: &Path) -> AnalysisCache {
        AnalysisCache {
            spill: Spill::new(budget, dir),
            articles: 0,
            batches: 0,
        }
    }

    /// Keep a batch's documents, which cover `articles` articles of the reader (those
    /// skipped by analysis too), unless an earlier batch did not fit.
    pub fn keep(&mut self, docs: &[Document], articles: usize) {
        if !self.spill.complete() {
            return;
        }
        if self.spill.push(encode_batch(docs)) {
            self.articles += articles;
            self.batches += 1;
        }
    }

    /// Whether every batch offered was kept.
    pub fn complete(&self) -> bool {
        self.spill.complete()
    }

    /// Reader articles the kept batches cover: pass 2 reads on from the article after them.
    pub fn articles(&self) -> usize {
        self.articles
    }

    /// Batches kept.
    pub fn batches(&self) -> usize {
        self.batches
    }

    /// Encoded bytes kept in memory and on disk.
    pub fn bytes(&self) -> (usize, u64) {
        self.spill.bytes()
    }

    /// The kept batches' documents, in order.
    pub fn into_batches(self) -> Result<KeptBatches> {
        Ok(KeptBatches {
            records: self.spill.into_records().map_err(spill_error)?,
        })
    }
}

fn spill_error(e: std::io::Error) -> Error {
    Error::KeptUnreadable(e)
}

/// The batches an [`AnalysisCache`] kept, decoded one at a time (in parallel within one).
#[derive(Debug)]
pub struct KeptBatches {
    records: SpillRecords,
}

impl Iterator for KeptBatches {
    type Item = Result<Vec<Document>>;

    fn next(&mut self) -> Option<Self::Item> {
        let record = self.records.next()?;
        Some(record.map_err(spill_error).and_then(|r| decode_batch(&r)))
    }
}
