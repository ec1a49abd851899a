//! `framescope run`: the main job ([`framescope::jobs::run`]).

use super::common::{self, DataArgs, ModelArgs, ScoreArgs, Ui};
use super::score::print_summary;
use framescope::jobs::{self, RunOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seed articles (folder of .txt, JSONL or CSV) [default: ./seeds if present, else the
    /// five seed articles built in, `<built-in>/seeds`].
    #[arg(long, help_heading = "Input")]
    pub seeds: Option<PathBuf>,
    /// Output folder.
    #[arg(long, default_value = "output", help_heading = "Output")]
    pub out: PathBuf,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub score: ScoreArgs,
    /// More articles to compare with the seeds (files, folders, JSONL, CSV).
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let o = RunOptions {
        seeds: Some(a.seeds.unwrap_or_else(jobs::default_seeds)),
        inputs: common::inputs(&a.paths),
        out: a.out,
        data: a.data.options(),
        params: a.model.params(),
        scoring: a.score.params(),
    };
    let r = jobs::run(&o, ui)?;
    if !ui.quiet {
        print_summary(&r.articles, r.articles.len());
    }
    eprintln!("wrote {}", o.out.display());
    Ok(common::exit_code(&r.problems, ui))
}
