//! `eval`: how well scores separate articles of known side, beside the baselines (lexicon
//! alone, classifier with the lexicon masked), frozen and transductive, or by
//! leave-one-article-out cross-validation. Writes `eval.json` when given a folder.

use super::common::{self, DataOptions, Inputs};
use super::Progress;
use crate::corpus::InputProblem;
use crate::error::{Error, Result};
use crate::eval::{self, EvalOptions, EvalReport};
use crate::model::ClassifierParams;
use crate::pipeline::Resources;
use crate::report::{self, write_atomic};
use std::path::PathBuf;

/// What `eval` measures.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalJobOptions {
    /// The model to evaluate (frozen); its analyzer, cleaner, lexicon and parameters are used
    /// for every setting. Required unless `cv`.
    pub model: Option<PathBuf>,
    /// Leave-one-article-out cross-validation instead of a frozen model.
    pub cv: bool,
    /// Articles the retrained settings learn from besides the evaluated ones' text.
    pub train: Inputs,
    /// The labelled articles.
    pub inputs: Inputs,
    /// Folder for eval.json (`None`: nothing written).
    pub out: Option<PathBuf>,
    /// With `cv` and no model.
    pub data: DataOptions,
    /// With `cv` and no model (otherwise the model's own).
    pub params: ClassifierParams,
    /// Bootstrap, worst articles shown, experiments; its seed is `params.seed`.
    pub eval: EvalOptions,
}

/// What `eval` produced.
#[derive(Debug)]
pub struct EvalOutput {
    pub report: EvalReport,
    /// ids of articles without a label (not evaluated).
    pub unlabelled: Vec<String>,
    /// `eval.json`, when written.
    pub path: Option<PathBuf>,
    pub problems: Vec<InputProblem>,
}

/// Evaluate a model (or settings, by cross-validation) on labelled articles.
pub fn eval(o: &EvalJobOptions, progress: &dyn Progress) -> Result<EvalOutput> {
    crate::resample::check_resamples("bootstrap", o.eval.bootstrap)?;
    // Checked and locked before any work (report::StagedFiles).
    let staged = match &o.out {
        Some(dir) => {
            let mut reads = common::input_paths(&o.inputs, &o.data);
            reads.extend(common::input_paths(&o.train, &o.data));
            reads.extend(o.model.iter().cloned());
            Some(report::StagedFiles::create(
                dir,
                &["eval.json", "eval.run.json"],
                &reads,
            )?)
        }
        None => None,
    };
    let model = match &o.model {
        Some(p) => Some(report::load_model(p)?),
        None => None,
    };
    let (res, params) = match &model {
        Some(m) => (Resources::from_model(m)?, m.params.clone()),
        None => (o.data.resources_announced(progress)?, o.params.clone()),
    };
    let params = params.check()?;
    common::announce_builtin_seeds(o.train.paths.iter().map(PathBuf::as_path), progress);
    let (mut train_sources, mut problems) = o.train.read_once(None, progress).sources()?;
    let (mut eval_sources, p) = o.inputs.read_once(None, progress).sources()?;
    problems.extend(p);
    // What produced eval.json: the evaluated articles' inputs, then the training ones.
    let record = match &staged {
        Some(_) => {
            let mut m = common::addon_record(
                "eval",
                &mut eval_sources,
                &mut problems,
                &o.data,
                &res,
                o.model.as_deref(),
            )?;
            m.inputs
                .extend(common::input_records(&mut train_sources, &mut problems));
            Some(m)
        }
        None => None,
    };
    let train = common::load(train_sources, &res, "analysing articles", progress)?;
    let docs = common::load(eval_sources, &res, "analysing articles", progress)?;
    problems.extend(train.problems);
    problems.extend(docs.problems);
    common::report_problems(&problems, progress);
    let unlabelled: Vec<String> = docs
        .documents
        .iter()
        .filter(|d| d.article.label.is_none())
        .map(|d| d.article.id.clone())
        .collect();
    if !unlabelled.is_empty() {
        progress.warn(&format!(
            "{} article(s) without a label are not evaluated: {}",
            unlabelled.len(),
            unlabelled.join(", ")
        ));
    }
    let opts = EvalOptions {
        seed: o.params.seed,
        ..o.eval.clone()
    };
    // Evaluated articles in a language the frozen model was not trained on are scored by
    // their lexicon alone: said, as `score` says it (review, session 30).
    if let (Some(m), false) = (&model, o.cv) {
        let mut langs = std::collections::BTreeMap::<String, usize>::new();
        for d in docs.documents.iter().filter(|d| d.article.label.is_some()) {
            *langs.entry(d.article.lang.clone()).or_default() += 1;
        }
        common::warn_each("note", m.training.untrained_languages(&langs), progress);
        // The masked settings are retrained on --train (the English seeds by default): in a
        // language it holds no text of they score every article 0, which read as "what is
        // learned beyond the lexicon is at chance" (review, session 49).
        let trained: std::collections::BTreeSet<&str> =
            train.documents.iter().map(|d| d.article.lang.as_str()).collect();
        for (lang, n) in langs.iter().filter(|(l, _)| !trained.contains(l.as_str())) {
            progress.warn(&format!(
                "note: --train holds no `{lang}` text, so masked_frozen (retrained on it without the lexicon) scores the {n} `{lang}` article(s) 0; give `{lang}` articles with --train to measure it"
            ));
        }
    }
    let r = match (&model, o.cv) {
        (_, true) => eval::cross_validate(&train.documents, &docs.documents, &res, &params, &opts)?,
        (Some(m), false) => eval::evaluate(m, &train.documents, &docs.documents, &opts)?,
        (None, false) => return Err(Error::Invalid("eval needs a model unless cross-validating".into())),
    };
    let mut path = None;
    if let (Some(dir), Some(staged)) = (&o.out, staged) {
        let p = dir.join("eval.json");
        let json = serde_json::to_string_pretty(&r).map_err(|e| Error::Json {
            path: p.clone(),
            source: e,
        })?;
        write_atomic(&staged.path().join("eval.json"), json.as_bytes())?;
        if let Some(mut record) = record {
            common::record_problems(&mut record, &problems);
            staged.write_record(record)?;
        }
        staged.commit()?;
        path = Some(p);
    }
    Ok(EvalOutput {
        report: r,
        unlabelled,
        path,
        problems,
    })
}
