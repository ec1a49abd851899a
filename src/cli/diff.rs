//! `framescope diff` ([`framescope::jobs::diff`]): what changed between two trainings: two output folders, two model
//! files, or one of each. Lexicon entries, training articles, training statistics, weight
//! changes grouped by term, and per article the sentences that moved most with their causes.

use super::common::escape;
use framescope::jobs::{self, DiffOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The earlier output folder or model file.
    #[arg(
        value_name = "OLD",
        required_unless_present = "old",
        help_heading = "Input",
        display_order = 1
    )]
    pub old_pos: Option<PathBuf>,
    /// The later output folder or model file.
    #[arg(
        value_name = "NEW",
        required_unless_present = "new",
        help_heading = "Input",
        display_order = 2
    )]
    pub new_pos: Option<PathBuf>,
    /// The earlier side (same as OLD).
    #[arg(long, conflicts_with = "old_pos", help_heading = "Input", display_order = 3)]
    pub old: Option<PathBuf>,
    /// The later side (same as NEW).
    #[arg(long, conflicts_with = "new_pos", help_heading = "Input", display_order = 4)]
    pub new: Option<PathBuf>,
    /// Where diff.csv and charts/before_after.png go [default: NEW when it is a folder, else
    /// the folder of the NEW model file].
    #[arg(long, help_heading = "Output")]
    pub out: Option<PathBuf>,
    /// Rows printed per section (and articles explained).
    #[arg(long, default_value_t = 15, help_heading = "Output", allow_negative_numbers = true)]
    pub top: usize,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let r = jobs::diff(&DiffOptions {
        old: a.old.or(a.old_pos).expect("clap requires OLD"),
        new: a.new.or(a.new_pos).expect("clap requires NEW"),
        out: a.out,
        top: a.top,
    })?;
    for line in framescope::compare::changes::rows::summary(&r.changes, a.top) {
        crate::oprintln!("{}", escape(&line));
    }
    for w in &r.written {
        crate::eline!("wrote {}", w.display());
    }
    Ok(ExitCode::SUCCESS)
}
