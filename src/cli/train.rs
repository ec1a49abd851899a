//! `framescope train`: fit a model and save it ([`framescope::jobs::train`]).

use super::common::{self, DataArgs, ModelArgs, Ui};
use framescope::jobs::{self, TrainOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the model. A model inside a `run` or `score` output folder (one holding
    /// run.json) or a folder a `diff` wrote into (diff.csv) replaces the folder whole; its
    /// outputs are kept beside it as a dated backup.
    #[arg(long, default_value = "output/model.json", help_heading = "Output")]
    pub model: PathBuf,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub params: ModelArgs,
    /// Seed articles (a folder of .txt files, or a JSONL, CSV or Parquet file), learned from
    /// beside PATHs [default: as `run`: ./seeds if present, else the built-in seeds, when no
    /// PATH is given].
    #[arg(long, help_heading = "Input")]
    pub seeds: Option<PathBuf>,
    /// Articles to learn from (.txt files, folders, JSONL, CSV, Parquet) [default: the seeds,
    /// so `train` and `run` with the same options write the same model; with PATHs, `run`
    /// learns from its seeds too: give `train` `--seeds DIR` as well for the same model].
    #[arg(help_heading = "Input")]
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let mut paths: Vec<PathBuf> = a.seeds.iter().cloned().collect();
    paths.extend(a.paths.iter().cloned());
    let mut seeds = a.seeds.clone();
    if paths.is_empty() {
        paths.push(jobs::default_seeds());
        seeds = Some(jobs::default_seeds());
    }
    let o = TrainOptions {
        model: Some(a.model.clone()),
        inputs: common::inputs(&paths),
        data: a.data.options(),
        params: a.params.params(),
        folds: Some(0),
        corpus_mode: a.seeds.is_some() && !a.paths.is_empty(),
        seeds,
    };
    let r = jobs::train(&o, ui)?;
    if ui.quiet {
        // Quiet: only the final path, as every other command prints it.
        crate::eline!("wrote {}", a.model.display());
    } else {
        crate::oprint!("{}", jobs::train_summary(&r.model, &a.model, r.sha256.as_deref()));
    }
    Ok(common::exit_code(&r.problems, ui))
}
