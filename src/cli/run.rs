//! `framescope run`: the main job. Trains on the seeds plus any articles to compare (the
//! lexicon labels every sentence of the corpus under analysis: transductive weak
//! supervision), scores them all, writes tables, model and manifest to the output folder.

use super::common::{self, DataArgs, ModelArgs, ScoreArgs, Stages, Ui};
use super::score::{print_summary, write_scored};
use framescope::pipeline;
use framescope::report::{self, RunManifest};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seed articles (folder of .txt, JSONL or CSV).
    #[arg(long, default_value = "seeds")]
    pub seeds: PathBuf,
    /// Output folder.
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub score: ScoreArgs,
    /// More articles to compare with the seeds (files, folders, JSONL, CSV).
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let mut stages = Stages::new();
    let res = a.data.resources()?;
    let params = a.model.params();
    params.check()?;
    let sp = a.score.params(params.seed)?;
    let mut paths = vec![a.seeds.clone()];
    paths.extend(a.paths.iter().cloned());
    let (sources, mut problems) = common::sources(&paths)?;
    report::prepare_dir(&a.out)?;
    let mut manifest = RunManifest::new("run");
    manifest.inputs = common::input_records(&sources)?;
    let loaded = common::load(sources, &res, ui)?;
    problems.extend(loaded.problems);
    common::report_problems(&problems);
    let docs = loaded.documents;
    if docs.is_empty() {
        anyhow::bail!(
            "no usable articles in {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    stages.mark("load_clean_analyze");
    let set = pipeline::training_set(&docs, &params);
    let (mut model, _) = pipeline::train(set, &res, &params)?;
    model.training_inputs = manifest
        .inputs
        .iter()
        .map(|i| (i.path.clone(), i.sha256.clone()))
        .collect();
    stages.mark("train");
    let scored = pipeline::score_all(&model, &docs, &sp);
    stages.mark("score");
    let model_path = a.out.join("model.json");
    if let Some(b) = report::save_model(&model, &model_path)? {
        eprintln!("framescope: previous model kept as {}", b.display());
    }
    manifest.add_output(&model_path)?;
    manifest.model_sha256 = Some(model.hash()?);
    manifest.lexicon_sha256 = Some(model.lexicon.hash());
    manifest.parameters = serde_json::json!({ "classifier": params, "scoring": sp, "seeds": a.seeds, "data": a.data.data, "lexicons": a.data.lexicons });
    write_scored(&a.out, &scored, docs.iter().map(|d| &d.article), &mut manifest)?;
    stages.mark("write");
    super::chart::render_run(&a.out, &model, &docs, &scored, &sp, &mut manifest)?;
    stages.mark("charts");
    let page = super::report::write_report(&a.out, Some(serde_json::to_value(&manifest)?), Some(&model))?;
    manifest.add_output(&page)?;
    stages.mark("report");
    manifest.problems = problems.iter().map(|p| p.to_string()).collect();
    manifest.stages = stages.records;
    manifest.write(&a.out.join("run.json"))?;
    let t = &model.training;
    eprintln!(
        "trained on {} weakly labelled sentences ({} Kremlin, {} Western) of {} in {} articles; training accuracy {:.3}",
        t.trained_kremlin + t.trained_western,
        t.trained_kremlin,
        t.trained_western,
        t.sentences,
        t.articles,
        t.training_accuracy
    );
    print_summary(&scored.iter().map(|s| s.0.clone()).collect::<Vec<_>>());
    eprintln!("wrote {}", a.out.display());
    Ok(common::exit_code(&problems))
}
