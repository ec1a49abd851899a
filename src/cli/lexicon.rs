//! `framescope lexicon`: how each lexicon entry behaves on a corpus
//! ([`framescope::jobs::lexicon`]).

use super::common::{self, DataArgs, Ui};
use framescope::jobs::{self, LexiconOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Weak-label margin used to count conflicts.
    #[arg(long, default_value_t = framescope::model::ClassifierParams::default().margin, help_heading = "Model")]
    pub margin: f64,
    /// Also write lexicon_report.csv and lexicon_cooccurrence.csv to this folder.
    #[arg(long, value_name = "DIR", help_heading = "Output")]
    pub report: Option<PathBuf>,
    /// Size of the co-occurrence matrix (most-used entries; at most 1000).
    #[arg(long, default_value_t = 15, help_heading = "Output", allow_negative_numbers = true)]
    pub top: usize,
    /// Articles to run the lexicons over (.txt files, folders, JSONL, CSV, Parquet)
    /// [default: as `run`: ./seeds if present, else the built-in seeds].
    #[arg(help_heading = "Input")]
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let paths = if a.paths.is_empty() {
        vec![jobs::default_seeds()]
    } else {
        a.paths.clone()
    };
    let out = jobs::lexicon(
        &LexiconOptions {
            data: a.data.options(),
            margin: a.margin,
            report: a.report,
            top: a.top,
            inputs: common::inputs(&paths),
        },
        ui,
    )?;
    crate::oprint!("{}", jobs::lexicon_table(&out.report));
    if let Some(p) = &out.path {
        crate::eline!("wrote {} and lexicon_cooccurrence.csv", p.display());
    }
    Ok(common::exit_code(&out.problems, ui))
}
