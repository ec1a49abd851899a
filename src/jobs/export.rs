//! `export-training` (hidden): train as `train` does and write the intermediate results
//! (features, TF-IDF rows, balanced training rows, weights, probabilities) for the
//! scikit-learn parity check, `tests/sklearn_parity.py`.

use super::common::{self, DataOptions, Inputs};
use super::Progress;
use crate::corpus::InputProblem;
use crate::error::{Error, Result};
use crate::eval::export::{export_training as export, TrainingExport};
use crate::model::ClassifierParams;
use crate::report::{self, write_atomic};
use std::path::PathBuf;

/// What to train on and where training_export.json goes.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportOptions {
    pub out: PathBuf,
    pub data: DataOptions,
    pub params: ClassifierParams,
    pub inputs: Inputs,
}

/// The export, and where it was written.
#[derive(Debug)]
pub struct ExportOutput {
    pub export: TrainingExport,
    pub path: PathBuf,
    pub problems: Vec<InputProblem>,
}

/// Train and write the training internals.
pub fn export_training(o: &ExportOptions, progress: &dyn Progress) -> Result<ExportOutput> {
    let res = o.data.resources_announced(progress)?;
    let params = o.params.clone().check()?;
    let (mut sources, mut problems) = o.inputs.read_once(None, progress).sources()?;
    // Checked and locked before any work (report::StagedFiles).
    let name = "training_export.json";
    let staged = report::StagedFiles::create(
        &o.out,
        &[name, "training_export.run.json"],
        &common::input_paths(&o.inputs, &o.data),
    )?;
    let mut record = common::addon_record("export-training", &mut sources, &mut problems, &o.data, &res, None)?;
    let docs = common::load_reported(sources, &mut problems, &res, progress)?;
    let x = export(&docs, &res, &params)?;
    let path = o.out.join(name);
    let json = serde_json::to_string(&x).map_err(|e| Error::Json {
        path: path.clone(),
        source: e,
    })?;
    write_atomic(&staged.path().join(name), json.as_bytes())?;
    common::record_problems(&mut record, &problems);
    staged.write_record(record)?;
    staged.commit()?;
    Ok(ExportOutput {
        export: x,
        path,
        problems,
    })
}
