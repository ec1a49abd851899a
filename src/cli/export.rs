//! `framescope export-training` (hidden): train as `train` does and write the intermediate
//! results (features, TF-IDF rows, balanced training rows, weights, probabilities) for the
//! scikit-learn parity check, `tests/sklearn_parity.py`.

use super::common::{self, DataArgs, ModelArgs, Ui};
use framescope::eval::export::export_training;
use framescope::report::{self, write_atomic};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output folder for training_export.json.
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub params: ModelArgs,
    /// Articles to train on.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let res = a.data.resources()?;
    let params = a.params.params();
    params.check()?;
    let (sources, mut problems) = common::sources(&a.paths)?;
    let docs = common::load_reported(sources, &mut problems, &res, ui)?;
    let x = export_training(&docs, &res, &params)?;
    report::prepare_dir(&a.out)?;
    let path = a.out.join("training_export.json");
    write_atomic(&path, serde_json::to_string(&x)?.as_bytes())?;
    eprintln!(
        "wrote {}: {} sentences, {} terms, {} training rows",
        path.display(),
        x.sentences.len(),
        x.terms.len(),
        x.train_rows.len()
    );
    Ok(common::exit_code(&problems))
}
