//! `framescope chart`: re-draw an output folder's charts ([`framescope::jobs::chart`]).

use super::common::Ui;
use framescope::jobs::{self, ChartJobOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output folder of `framescope run` (charts go to <out>/charts).
    #[arg(long, default_value = "output", help_heading = "Input")]
    pub out: PathBuf,
    /// Per-article charts show at most this many articles (half from each end).
    #[arg(long, default_value_t = 40, help_heading = "Output", allow_negative_numbers = true)]
    pub max_articles: usize,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let r = jobs::chart(
        &ChartJobOptions {
            out: a.out,
            max_articles: a.max_articles,
        },
        ui,
    )?;
    crate::eline!("wrote {} chart(s) to {}", r.rendered.written.len(), r.dir.display());
    Ok(ExitCode::SUCCESS)
}
