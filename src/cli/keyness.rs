//! `framescope keyness`: terms that distinguish two groups ([`framescope::jobs::keyness`]).

use super::common::{self, DataArgs, ModelArgs, ThresholdArgs, Ui};
use framescope::compare::keyness::KeynessParams;
use framescope::jobs::{self, KeynessOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// Sentences the model calls Kremlin (p − c/2 ≥ --kremlin-threshold, p measured from the
    /// model's no-evidence point c) vs Western (p − c/2 ≤ --western-threshold); the model is
    /// --model, else one trained on PATHs as `run` does (in-sample: the groups then follow the
    /// model's own top terms).
    Label,
    /// Sentences the lexicon labels Kremlin vs Western (weak labels).
    Weak,
    /// Articles of outlet --a vs outlet --b (default: every other outlet).
    Outlet,
    /// Articles listed in file --a vs file --b (default: the rest); one article id or path
    /// per line.
    FileList,
}

impl From<By> for jobs::By {
    fn from(b: By) -> jobs::By {
        match b {
            By::Label => jobs::By::Label,
            By::Weak => jobs::By::Weak,
            By::Outlet => jobs::By::Outlet,
            By::FileList => jobs::By::FileList,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output folder for keyness.csv and keyness.png.
    #[arg(long, default_value = "output", help_heading = "Output")]
    pub out: PathBuf,
    /// A saved model (for --by label); without it a model is trained on PATHs.
    #[arg(long, help_heading = "Model")]
    pub model: Option<PathBuf>,
    /// What the two groups are.
    #[arg(long, value_enum, default_value_t = By::Label, help_heading = "Groups")]
    pub by: By,
    /// Group A: an outlet name (--by outlet) or a file listing article ids/paths (--by file-list).
    #[arg(long, help_heading = "Groups")]
    pub a: Option<String>,
    /// Group B, likewise [default: everything not in A].
    #[arg(long, help_heading = "Groups")]
    pub b: Option<String>,
    /// Leave out terms seen fewer times than this in A and B together.
    #[arg(long, default_value_t = KeynessParams::default().min_count, help_heading = "Groups")]
    pub min_count: u64,
    /// α_0, the prior's total pseudo-count [default: (n_A + n_B) / 2].
    #[arg(long, help_heading = "Groups")]
    pub prior_size: Option<f64>,
    /// Count shared copy once: a sentence that repeats (exactly or nearly, as `overlap`
    /// finds) a sentence of an earlier article is left out of every count.
    #[arg(long, help_heading = "Groups")]
    pub dedupe: bool,
    /// Terms printed (and labelled in the chart) per side.
    #[arg(long, default_value_t = 15, help_heading = "Output", allow_negative_numbers = true)]
    pub top: usize,
    /// Skip keyness.png.
    #[arg(long, help_heading = "Output")]
    pub no_chart: bool,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub train: ModelArgs,
    #[command(flatten)]
    pub score: ThresholdArgs,
    /// Articles (.txt files, folders, JSONL, CSV, Parquet).
    #[arg(required = true, help_heading = "Input")]
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let o = KeynessOptions {
        out: a.out.clone(),
        model: a.model,
        by: a.by.into(),
        a: a.a,
        b: a.b,
        keyness: KeynessParams {
            prior_size: a.prior_size,
            min_count: a.min_count,
        },
        top: a.top,
        chart: !a.no_chart,
        dedupe: a.dedupe,
        data: a.data.options(),
        params: a.train.params(),
        scoring: a.score.params(),
        inputs: common::inputs(&a.paths),
    };
    let r = jobs::keyness(&o, ui)?;
    crate::oprint!("{}", jobs::keyness_table(&r, a.top));
    crate::eline!("wrote {}", a.out.display());
    Ok(common::exit_code(&r.problems, ui))
}
