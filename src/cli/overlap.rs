//! `framescope overlap`: shared copy between articles ([`framescope::jobs::overlap`]).

use super::common::{self, DataArgs, Ui};
use framescope::jobs::{self, OverlapOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output folder for overlap.csv, overlap_sentences.csv, overlap_paragraphs.csv.
    #[arg(long, default_value = "output", help_heading = "Output")]
    pub out: PathBuf,
    /// Jaccard similarity of word 3-shingles at which two sentences are near-duplicates.
    #[arg(long, default_value_t = 0.5, help_heading = "Scoring")]
    pub threshold: f64,
    /// Pairs are listed when either article shares at least this share of its words with
    /// the other (0 = every pair sharing a sentence).
    #[arg(long, default_value_t = 0.2, help_heading = "Scoring")]
    pub min_share: f64,
    /// Pairs sharing at least this share of either article are printed with what each
    /// added.
    #[arg(long, default_value_t = 0.5, help_heading = "Output", value_parser = share)]
    pub show_share: f64,
    #[command(flatten)]
    pub data: DataArgs,
    /// Articles (.txt files, folders, JSONL, CSV, Parquet).
    #[arg(required = true, help_heading = "Input")]
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let o = OverlapOptions {
        out: a.out.clone(),
        threshold: a.threshold,
        min_share: a.min_share,
        data: a.data.options(),
        inputs: common::inputs(&a.paths),
    };
    let r = jobs::overlap(&o, ui)?;
    crate::oprint!("{}", jobs::overlap_table(&r.pairs, a.show_share, a.min_share));
    crate::eline!("wrote {}", a.out.display());
    Ok(common::exit_code(&r.problems, ui))
}

/// A share in [0, 1]: `--show-share nan` printed every pair and `2` none (review, session 33).
/// Only the CLI prints the table, so the check is the argument parser's.
fn share(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|e| format!("{e}"))?;
    match (0.0..=1.0).contains(&v) {
        true => Ok(v),
        false => Err("must be in [0, 1] (a share of the article's words)".into()),
    }
}
