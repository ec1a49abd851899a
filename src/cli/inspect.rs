//! `framescope inspect ID`: why one article scored as it did ([`framescope::jobs::inspect`]).

use super::common::Ui;
use framescope::jobs::{self, InspectOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Article id (file stem or JSONL id).
    pub id: String,
    /// Output folder holding scores.csv and sentences.csv.
    #[arg(long, default_value = "output", help_heading = "Input")]
    pub out: PathBuf,
    /// Sentences listed per side (0: no lists).
    #[arg(long, default_value_t = 3, help_heading = "Output", allow_negative_numbers = true)]
    pub top: usize,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let r = jobs::inspect(
        &InspectOptions {
            id: a.id.clone(),
            out: a.out.clone(),
        },
        ui,
    )?;
    crate::oprint!("{}", r.explain(a.top));
    Ok(ExitCode::SUCCESS)
}
