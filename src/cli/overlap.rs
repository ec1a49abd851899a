//! `framescope overlap`: shared copy between articles ([`framescope::jobs::overlap`]).

use super::common::{self, escape, shown, DataArgs, Ui};
use framescope::jobs::{self, OverlapOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output folder for overlap.csv, overlap_sentences.csv, overlap_paragraphs.csv.
    #[arg(long, default_value = "output", help_heading = "Output")]
    pub out: PathBuf,
    /// Jaccard similarity of word 3-shingles at which two sentences are near-duplicates.
    #[arg(long, default_value_t = 0.5)]
    pub threshold: f64,
    /// Pairs are listed when either article shares at least this share of its words with
    /// the other (0 = every pair sharing a sentence).
    #[arg(long, default_value_t = 0.2)]
    pub min_share: f64,
    /// Pairs sharing at least this share of either article are printed with what each
    /// added.
    #[arg(long, default_value_t = 0.5, help_heading = "Output")]
    pub show_share: f64,
    #[command(flatten)]
    pub data: DataArgs,
    /// Articles (files, folders, JSONL, CSV).
    #[arg(required = true)]
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
    println!(
        "{:<28} {:<28} {:>8} {:>8} {:>7}",
        "article A", "article B", "A shared", "B shared", "exact"
    );
    for p in &r.pairs {
        println!(
            "{:<28} {:<28} {:>7.0}% {:>7.0}% {:>7}",
            escape(&p.a),
            escape(&p.b),
            100.0 * p.share_a,
            100.0 * p.share_b,
            p.exact_sentences_a
        );
    }
    for p in r.pairs.iter().filter(|p| p.share_a.max(p.share_b) >= a.show_share) {
        for (x, y, only) in [(&p.a, &p.b, &p.only_a), (&p.b, &p.a, &p.only_b)] {
            println!(
                "\n{} has {} paragraph(s) that {} lacks:",
                escape(x),
                only.len(),
                escape(y)
            );
            for (name, text) in only {
                println!("  [{name}] {}", shown(text, 110));
            }
        }
    }
    eprintln!("wrote {}", a.out.display());
    Ok(common::exit_code(&r.problems, ui))
}
