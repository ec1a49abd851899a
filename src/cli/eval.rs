//! `framescope eval`: scores against known sides, beside the baselines
//! ([`framescope::jobs::eval`]); prints a table, writes `eval.json` with --out.

use super::common::{self, DataArgs, ModelArgs, Ui};
use framescope::eval::EvalOptions;
use framescope::jobs::{self, EvalJobOptions, Inputs};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The model to evaluate (frozen). Its analyzer, cleaner, lexicon and classifier
    /// parameters are used for every setting (--data, --lexicons and the classifier options
    /// are then ignored). Required unless --cv.
    #[arg(long, required_unless_present = "cv", help_heading = "Model")]
    pub model: Option<PathBuf>,
    /// Leave-one-article-out cross-validation instead of a frozen model.
    #[arg(long, help_heading = "Model")]
    pub cv: bool,
    /// Articles the retrained settings learn from besides the evaluated ones' text
    /// (repeatable) [default: seeds]. For a model made by `run`, the seeds it was made from.
    #[arg(long = "train", value_name = "PATH", help_heading = "Input")]
    pub train: Vec<PathBuf>,
    /// Output folder for eval.json (none: print only).
    #[arg(long, value_name = "DIR", help_heading = "Output")]
    pub out: Option<PathBuf>,
    /// Bootstrap resamples of the articles for the AUC interval: 0 (none) or at least 100.
    #[arg(long, default_value_t = EvalOptions::default().bootstrap, help_heading = "Scoring")]
    pub bootstrap: usize,
    /// Also measure candidate improvements (mean-logit aggregation, centring on the
    /// empty-sentence score, self-training); defaults are unchanged.
    #[arg(long, help_heading = "Scoring")]
    pub experiments: bool,
    /// Remove the K lexicon entries that fire in the most evaluated articles from the
    /// lexicon in every setting (counts, weak labels, prior); their words stay visible to
    /// the classifier. A robustness check of where the lexicon is sparse.
    #[arg(long, value_name = "K", default_value_t = 0, help_heading = "Scoring")]
    pub mask_top: usize,
    /// Most wrongly scored articles shown.
    #[arg(long, default_value_t = EvalOptions::default().worst, help_heading = "Output", allow_negative_numbers = true)]
    pub worst: usize,
    #[command(flatten)]
    pub data: DataArgs,
    /// Classifier options (with --cv and no --model; otherwise the model's own are used).
    #[command(flatten)]
    pub params: ModelArgs,
    /// Labelled articles (label column, manifest.csv, or kremlin_/western_ file names).
    #[arg(required = true, help_heading = "Input")]
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let train = if a.train.is_empty() {
        vec![jobs::default_seeds()]
    } else {
        a.train.clone()
    };
    let o = EvalJobOptions {
        model: a.model,
        cv: a.cv,
        train: Inputs::paths(train),
        inputs: common::inputs(&a.paths),
        out: a.out,
        data: a.data.options(),
        params: a.params.params(),
        eval: EvalOptions {
            bootstrap: a.bootstrap,
            worst: a.worst,
            experiments: a.experiments,
            mask_top: a.mask_top,
            quoted_weight: a
                .params
                .params()
                .quoted_weight
                .unwrap_or(EvalOptions::default().quoted_weight),
            ..EvalOptions::default()
        },
    };
    let r = jobs::eval(&o, ui)?;
    crate::oprint!("{}", jobs::eval_table(&r.report));
    if let Some(p) = &r.path {
        crate::eline!("wrote {}", p.display());
    }
    Ok(common::exit_code(&r.problems, ui))
}
