//! `train`: fit a model from articles (new seed files, edited lexicons) and save it; the
//! previous model at that path is kept as a dated backup (inside a `run`'s output folder or a
//! folder holding a `diff`, the folder is replaced whole and kept as a dated backup:
//! [`report::ModelTarget`]).

use super::common::{self, DataOptions, Inputs};
use super::Progress;
use crate::corpus::InputProblem;
use crate::error::{Error, Result};
use crate::model::{ClassifierParams, FramingModel};
use crate::pipeline;
use crate::report;
use std::path::PathBuf;

/// What `train` learns from and where the model goes.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Where to write the model (`None`: keep it in memory only).
    pub model: Option<PathBuf>,
    pub inputs: Inputs,
    pub data: DataOptions,
    pub params: ClassifierParams,
    /// Also fit this many cross-fitting folds' classifiers ([`TrainOutput::cross`]): 0 for
    /// none (the default), `None` for what `run` does by default.
    pub folds: Option<usize>,
    /// The inputs hold articles to compare beside seed articles (corpus mode: `train --seeds
    /// S PATH…`): recorded in the model (`TrainingStats::corpus_mode`), a weak model's
    /// warning then names more of them as the remedy, not the corpus mode already in use.
    /// `false` (the default) when the inputs are the seeds.
    pub corpus_mode: bool,
    /// The seed folder or file among the inputs (`train --seeds`, or the default seeds): a
    /// seed file with the same bytes as another is reported and skipped, as `run` does.
    pub seeds: Option<PathBuf>,
}

impl TrainOptions {
    /// Default settings: learn from `inputs`, save nothing.
    pub fn new(inputs: Inputs) -> TrainOptions {
        TrainOptions {
            model: None,
            inputs,
            data: DataOptions::default(),
            params: ClassifierParams::default(),
            folds: Some(0),
            corpus_mode: false,
            seeds: None,
        }
    }
}

/// What `train` produced.
#[derive(Debug)]
pub struct TrainOutput {
    pub model: FramingModel,
    /// sha256 of the saved model file (when saved).
    pub sha256: Option<String>,
    /// The previous model, kept under this name when the new one differs.
    pub backup: Option<PathBuf>,
    /// When the model went into a `run`'s or `score`'s output folder: where that folder's
    /// outputs were kept (the folder is replaced whole, see [`report::ModelTarget`]).
    pub folder_backup: Option<PathBuf>,
    pub problems: Vec<InputProblem>,
    /// With [`TrainOptions::folds`] ≥ 2: the fold classifiers that score the training
    /// articles out-of-fold, as `run` does (give them to `score` in [`super::ScoreOptions::cross`]).
    pub cross: Option<crate::model::CrossFit>,
}

/// Fit a model and save it.
pub fn train(o: &TrainOptions, progress: &dyn Progress) -> Result<TrainOutput> {
    let res = o.data.resources_announced(progress)?;
    common::announce_builtin_seeds(o.inputs.paths.iter().map(PathBuf::as_path), progress);
    let params = &o.params.clone().check()?;
    super::run::check_folds(o.folds)?;
    let (mut sources, mut problems) = o.inputs.read_once(None, progress).sources()?;
    // Checked and locked before the work (a model inside a run's folder replaces the folder).
    let target = o
        .model
        .as_deref()
        .map(|m| report::ModelTarget::open(m, &common::input_paths(&o.inputs, &o.data)))
        .transpose()?;
    let inputs = common::input_records(&mut sources, &mut problems);
    if let Some(seeds) = o.seeds.as_deref() {
        common::drop_repeated_seeds(&mut sources, &inputs, |p| p.starts_with(seeds), &mut problems);
    }
    // Streamed as `run`'s pass 1 is (the same training material, so the same model): memory
    // holds the term counts and a bounded sample of sentences, never every article.
    progress.start("analysing articles");
    let (set, read) = pipeline::training_set_streaming(sources, &res, params, None, |n| progress.set(n as u64))?;
    progress.finish();
    problems.extend(read);
    common::report_problems(&problems, progress);
    if set.articles == 0 {
        return Err(Error::Invalid("no usable articles to train on".into()));
    }
    let (mut model, _, cross) = pipeline::train_folds(set, &res, params, o.folds)?;
    // Stdin is hashed as it is read: recorded once the articles are loaded.
    let inputs: Vec<_> = inputs.into_iter().chain(crate::corpus::stdin_record()).collect();
    model.training_inputs = common::training_inputs(&inputs, &problems);
    model.training.corpus_mode = o.corpus_mode;
    let (mut sha256, mut backup, mut folder_backup) = (None, None, None);
    if let Some(target) = target {
        report::check_unchanged(&inputs)?;
        // The model already there, to say when the new one is the same (nothing replaced,
        // no backup kept): it printed only the model line, as for a new file.
        let before = o
            .model
            .as_deref()
            .filter(|m| m.is_file())
            .and_then(|m| report::sha256_file(m).ok());
        let saved = target.save(&model)?;
        common::warn_if_too_large(&model, saved.bytes, progress);
        if let (Some(f), Some(m)) = (&saved.folder_backup, &o.model) {
            progress.warn(&report::folder_replaced_note(m, f));
        } else if let Some(b) = &saved.backup {
            progress.warn(&format!("previous model kept as {}", b.display()));
        } else if let (Some(m), Some(h)) = (&o.model, &before) {
            if *h == saved.sha256 {
                progress.info(&format!(
                    "note: the same model as {} already held (same bytes): nothing replaced, no backup kept",
                    m.display()
                ));
            }
        }
        sha256 = Some(saved.sha256);
        backup = saved.backup;
        folder_backup = saved.folder_backup;
    }
    common::warn_if_weak(&model, progress);
    Ok(TrainOutput {
        model,
        sha256,
        backup,
        folder_backup,
        problems,
        cross,
    })
}
