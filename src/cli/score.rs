//! `framescope score`: score articles with a saved model ([`framescope::jobs::score`]); with
//! `--stdout`, one JSON line per input record goes to stdout, scored or skipped (for
//! `RDD.pipe` or any batch system; [`framescope::report::jsonl`]).

use super::common::{self, ScoreArgs, Ui};
use framescope::jobs::{self, ScoreOptions, ScoreTarget, TableFormat};
use framescope::pipeline;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The model to score with.
    #[arg(long, default_value = "output/model.json", help_heading = "Model")]
    pub model: PathBuf,
    /// Output folder for scores.csv, sentences.csv (not with --no-sentences), cleaning.csv,
    /// attributions.csv, shared_sentences.csv (up to 2,000 articles), run.json and README.md
    /// (outlets.csv, timeline.csv when outlets /
    /// dates are known; --format parquet: scores.parquet, sentences.parquet instead of the
    /// CSV two). Replaced as a whole; its previous contents are kept as a dated backup beside
    /// it.
    #[arg(long, default_value = "scored", help_heading = "Output")]
    pub out: PathBuf,
    /// Write one JSON line per input record to stdout instead of tables: the article's scores
    /// and sentences, or `{"id", "skipped", "origin"}` for a record that was skipped.
    #[arg(long, help_heading = "Output", conflicts_with_all = ["out", "format"])]
    pub stdout: bool,
    /// Leave sentences out: no `sentences` in --stdout lines, no sentences table.
    #[arg(long, help_heading = "Output")]
    pub no_sentences: bool,
    /// Skipped records are expected (a pipe stage): exit 0 once the job ran, even when some
    /// or all records were skipped (each is still reported). Without it: 1 when some were
    /// skipped, 2 when none could be scored.
    #[arg(long, help_heading = "Output")]
    pub skip_ok: bool,
    /// Format of the scores and sentences tables (the other tables stay CSV).
    #[arg(long, value_enum, default_value_t = Format::Csv, help_heading = "Output")]
    pub format: Format,
    /// Articles per parallel batch (bounds memory).
    #[arg(long, default_value_t = pipeline::BATCH, help_heading = "Input")]
    pub batch: usize,
    #[command(flatten)]
    pub score: ScoreArgs,
    /// Articles to score (.txt files, folders, JSONL, CSV, Parquet; `-` = JSONL on stdin).
    #[arg(required = true, help_heading = "Input")]
    pub paths: Vec<PathBuf>,
}

/// Table format for scores and sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    /// Parquet (snappy), for Spark, pandas, DuckDB …; `inspect`/`report`/`chart` need CSV.
    Parquet,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let target = if a.stdout {
        ScoreTarget::JsonLines(Box::new(std::io::stdout()))
    } else {
        ScoreTarget::Folder(a.out.clone())
    };
    let o = ScoreOptions {
        target,
        batch: a.batch,
        scoring: a.score.params(),
        sentences: !a.no_sentences,
        format: match a.format {
            Format::Csv => TableFormat::Csv,
            Format::Parquet => TableFormat::Parquet,
        },
        allow_empty: a.skip_ok,
        ..ScoreOptions::new(a.model, common::inputs(&a.paths))
    };
    let r = jobs::score(o, ui)?;
    if !a.stdout {
        if !ui.quiet {
            crate::oprint!("{}", jobs::score_table(&r.extremes, r.total));
        }
        crate::eline!("wrote {}", a.out.display());
    }
    common::score_exit_code(r.total, &r.problems, a.skip_ok, ui)
}
