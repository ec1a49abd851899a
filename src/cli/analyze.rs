//! `framescope analyze` (hidden): analysis counts for benchmarks
//! ([`framescope::jobs::analyze`]).

use super::common::{self, DataArgs, Ui};
use framescope::jobs::{self, AnalyzeOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Articles (.txt files, folders, JSONL, CSV, Parquet).
    #[arg(required = true, help_heading = "Input")]
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let r = jobs::analyze(
        &AnalyzeOptions {
            data: a.data.options(),
            inputs: common::inputs(&a.paths),
        },
        ui,
    )?;
    crate::oprintln!(
        "{{\"articles\": {}, \"sentences\": {}, \"terms\": {}}}",
        r.articles,
        r.sentences,
        r.terms
    );
    Ok(common::exit_code(&r.problems, ui))
}
