//! `framescope train`: fit a model from articles (new seed files, edited lexicons) and save
//! it; the previous model at that path is kept as a dated backup.

use super::common::{self, DataArgs, ModelArgs, Ui};
use framescope::pipeline;
use framescope::report;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the model.
    #[arg(long, default_value = "output/model.json")]
    pub model: PathBuf,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub params: ModelArgs,
    /// Seed articles (folder of .txt, JSONL or CSV), learned from beside PATHs [default:
    /// `seeds`, as `run`, when no PATH is given].
    #[arg(long)]
    pub seeds: Option<PathBuf>,
    /// Articles to learn from (files, folders, JSONL, CSV) [default: the seeds, so `train`
    /// and `run` with the same options write the same model].
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let res = a.data.resources()?;
    let params = a.params.params();
    params.check()?;
    let mut paths: Vec<PathBuf> = a.seeds.iter().cloned().collect();
    paths.extend(a.paths.iter().cloned());
    if paths.is_empty() {
        paths.push(PathBuf::from(super::run::DEFAULT_SEEDS));
    }
    let (sources, mut problems) = common::sources(&paths)?;
    if let Some(dir) = a.model.parent().filter(|d| !d.as_os_str().is_empty()) {
        report::prepare_dir(dir)?;
    }
    let inputs = common::input_records(&sources)?;
    let docs = common::load_reported(sources, &mut problems, &res, ui)?;
    if docs.is_empty() {
        anyhow::bail!("no usable articles to train on");
    }
    let set = pipeline::training_set(&docs, &params, res.analyzer.settings().ngram_max);
    let (mut model, _) = pipeline::train(set, &res, &params)?;
    model.training_inputs = inputs.iter().map(|i| (i.path.clone(), i.sha256.clone())).collect();
    let saved = report::save_model(&model, &a.model)?;
    if let Some(b) = &saved.backup {
        eprintln!("framescope: previous model kept as {}", b.display());
    }
    let t = &model.training;
    common::warn_if_weak(&model);
    println!("model: {}", a.model.display());
    println!("sha256: {}", saved.sha256);
    println!(
        "articles: {}  sentences: {}  vocabulary: {} terms",
        t.articles,
        t.sentences,
        model.tfidf.n_features()
    );
    println!(
        "weakly labelled: {} Kremlin, {} Western (trained on {} + {})",
        t.labelled_kremlin, t.labelled_western, t.trained_kremlin, t.trained_western
    );
    println!(
        "training accuracy: {:.3}  final gradient norm: {:.2e}",
        t.training_accuracy, t.final_gradient_norm
    );
    Ok(common::exit_code(&problems))
}
