//! The application: one job function per command, typed options in, a typed result out.
//!
//! The `framescope` binary and the Python package both call these; they only translate
//! arguments and print. A job reports progress and messages through a [`Progress`] (use
//! [`NoProgress`] when nobody watches), never prints, and returns what it produced (rows, the
//! model, paths) together with the input problems it skipped, so the caller picks the exit
//! code. Inputs are paths or articles already in memory ([`Inputs`]).
//!
//! ```no_run
//! use framescope::jobs::{self, NoProgress, RunOptions};
//! let out = jobs::run(&RunOptions::new("seeds", "output"), &NoProgress)?;
//! println!("{} articles, model {}", out.articles.len(), out.model_sha256);
//! # Ok::<(), framescope::Error>(())
//! ```

mod analyze;
mod chart;
mod common;
mod comparator;
mod diff;
mod eval;
mod export;
mod inspect;
mod keyness;
mod kwic;
mod lexicon;
mod overlap;
mod progress;
mod report;
mod run;
mod score;
mod tables;
mod text;
mod train;

pub use analyze::{analyze, AnalyzeOptions, AnalyzeOutput};
pub use chart::{chart, ChartJobOptions, ChartOutput};
pub use common::{input_paths, DataOptions, Inputs};
pub use comparator::OWN_TEXT_MAX_ARTICLES;
pub use diff::{diff, DiffOptions, DiffOutput};
pub use eval::{eval, EvalJobOptions, EvalOutput};
pub use export::{export_training, ExportOptions, ExportOutput};
pub use inspect::{inspect, near_ids, ArticleFold, InspectOptions, InspectOutput, Listed, Pull};
pub use keyness::{keyness, By, KeynessOptions, KeynessOutput};
pub use kwic::{kwic, KwicOptions, KwicOutput};
pub use lexicon::{lexicon, LexiconOptions, LexiconOutput};
pub use overlap::{overlap, OverlapOptions, OverlapOutput, SharedPair};
pub use progress::{NoProgress, Progress};
pub use report::{report, ReportOptions, ReportOutput, MAX_REPORT_ARTICLES};
pub use run::{
    default_seeds, fallback_note, none_exist_warning, recorded_inputs, run, RecordedInputs, RunOptions, RunOutput,
    DEFAULT_FOLDS, IN_MEMORY_ARTICLES,
};
pub use score::{by_score, nothing_to_score, score, ScoreOptions, ScoreOutput, ScoreTarget, TableFormat};
pub use text::{
    eval_table, keyness_table, kwic_lines, lexicon_table, overlap_table, score_table, shown, train_summary,
};
pub use train::{train, TrainOptions, TrainOutput};

/// An article's score and its sentences' scores.
pub type Scored = (crate::compare::ArticleRow, Vec<crate::score::SentenceScore>);

#[cfg(test)]
mod tests;
