//! `framescope export-training` (hidden): training internals for the scikit-learn parity
//! check ([`framescope::jobs::export_training`]).

use super::common::{self, DataArgs, ModelArgs, Ui};
use framescope::jobs::{self, ExportOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output folder for training_export.json.
    #[arg(long, help_heading = "Output")]
    pub out: PathBuf,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub params: ModelArgs,
    /// Articles to train on.
    #[arg(required = true, help_heading = "Input")]
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let r = jobs::export_training(
        &ExportOptions {
            out: a.out,
            data: a.data.options(),
            params: a.params.params(),
            inputs: common::inputs(&a.paths),
        },
        ui,
    )?;
    let x = &r.export;
    crate::eline!(
        "wrote {}: {} sentences, {} terms, {} training rows",
        r.path.display(),
        x.sentences.len(),
        x.terms.len(),
        x.train_rows.len()
    );
    Ok(common::exit_code(&r.problems, ui))
}
