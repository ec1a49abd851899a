//! `framescope report`: write `<out>/report.html` ([`framescope::jobs::report`]).

use super::common::Ui;
use framescope::jobs::{self, ReportOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output folder of `framescope run` (the page goes to <out>/report.html).
    #[arg(long, default_value = "output", help_heading = "Input")]
    pub out: PathBuf,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let r = jobs::report(&ReportOptions { out: a.out }, ui)?;
    crate::eline!("wrote {}", r.path.display());
    Ok(ExitCode::SUCCESS)
}
