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
    /// Articles to learn from (files, folders, JSONL, CSV).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let res = a.data.resources()?;
    let params = a.params.params();
    params.check()?;
    let (mut sources, mut problems) = common::sources(&a.paths)?;
    report::guard::check_file_target(&a.model)?;
    report::guard::check_not_input(&a.model, false, &common::input_paths(&a.paths, &a.data))?;
    if let Some(dir) = a.model.parent().filter(|d| !d.as_os_str().is_empty()) {
        report::prepare_dir(dir)?;
    }
    let _lock = report::Lock::acquire(&a.model)?;
    let inputs = common::input_records(&mut sources, &mut problems);
    let docs = common::load_reported(sources, &mut problems, &res, ui)?;
    if docs.is_empty() {
        anyhow::bail!("no usable articles to train on");
    }
    let set = pipeline::training_set(&docs, &params, res.analyzer.settings().ngram_max);
    let (mut model, _) = pipeline::train(set, &res, &params)?;
    model.training_inputs = inputs.iter().map(|i| (i.path.clone(), i.sha256.clone())).collect();
    common::check_inputs_unchanged_records(&inputs)?;
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
