//! `framescope run`: the main job ([`framescope::jobs::run`]).

use super::common::{self, DataArgs, ModelArgs, ScoreArgs, Ui};
use framescope::jobs::{self, RunOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seed articles (a folder of .txt files, or a JSONL, CSV or Parquet file) [default:
    /// ./seeds if present, else the five seed articles built in, `<built-in>/seeds`].
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
    /// Cross-fitting folds: every article is scored by a classifier fitted without its fold's
    /// articles (with at most K articles, one fold each; with more, folds by a hash of the
    /// article id, so adding or removing an article moves no other), so an article's own text
    /// never trains the classifier that scores it; model.json is the fit on every article,
    /// for `score`. 0 scores in-sample with that model (as runs did before).
    /// [default: 10]
    #[arg(long, value_name = "K", help_heading = "Scoring")]
    pub folds: Option<usize>,
    /// Compare with an earlier output folder or model file (the --out folder itself means
    /// what it held before this run): writes diff.csv, charts/before_after.png and a "What
    /// changed" section in the report, and prints what changed.
    #[arg(long, value_name = "DIR|MODEL", help_heading = "Output")]
    pub compare_to: Option<PathBuf>,
    /// More articles to compare with the seeds (.txt files, folders, JSONL, CSV, Parquet).
    #[arg(help_heading = "Input")]
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
        folds: a.folds,
        compare_to: a.compare_to,
        keep_analysis: Default::default(),
        // The CLI prints only the summary table: rows without top terms bound memory.
        full_rows: false,
        corpus_mode: None,
    };
    let r = jobs::run(&o, ui)?;
    if !ui.quiet {
        print!(
            "{}",
            framescope::jobs::score_table(r.articles.iter().map(|a| &a.score), r.articles.len())
        );
    }
    // The what-changed summary is diff.csv's and the report's too: `-q` leaves it out, as the
    // score table (review, session 34; `diff`, whose output it is, prints it anyway).
    if let Some(c) = r.changes.as_ref().filter(|_| !ui.quiet) {
        println!();
        for line in framescope::compare::changes::rows::summary(c, 10) {
            println!("{}", common::escape(&line));
        }
    }
    crate::eline!("wrote {}", o.out.display());
    Ok(common::exit_code(&r.problems, ui))
}
