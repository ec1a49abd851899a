//! `framescope run`: the main job. Trains on the seeds plus any articles to compare (the
//! lexicon labels every sentence of the corpus under analysis: transductive weak
//! supervision), scores them all, writes tables, model and manifest to the output folder.
//!
//! Two streaming passes (train, then score), so memory stays bounded on large corpora; the
//! documents themselves are kept only for small corpora (charts and comparisons need them).

use super::common::{self, DataArgs, ModelArgs, ScoreArgs, Stages, Ui};
use super::score::{print_summary, TableWriters};
use framescope::charts;
use framescope::document::Document;
use framescope::pipeline;
use framescope::report::{self, RunManifest};
use framescope::score::{ArticleScore, SentenceScore};
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;

/// Up to this many articles, documents and sentence scores stay in memory after scoring (for
/// the similarity matrix, capped at 1,000 articles too, the arc chart and the report).
pub const IN_MEMORY_ARTICLES: usize = 1_000;

/// The seeds folder `run` (always) and `train` (without PATHs) learn from.
pub const DEFAULT_SEEDS: &str = "seeds";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seed articles (folder of .txt, JSONL or CSV).
    #[arg(long, default_value = DEFAULT_SEEDS)]
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
    /// Compare with an earlier output folder or model file (the --out folder itself means
    /// what it held before this run): writes diff.csv, charts/before_after.png and a "What
    /// changed" section in the report, and prints what changed.
    #[arg(long, value_name = "DIR|MODEL")]
    pub compare_to: Option<PathBuf>,
    /// More articles to compare with the seeds (files, folders, JSONL, CSV).
    pub paths: Vec<PathBuf>,
}

/// What a run keeps in memory after scoring, for charts and comparisons.
#[derive(Default)]
pub struct Kept {
    pub articles: Vec<ArticleScore>,
    /// Article ids and TF-IDF vectors ([`framescope::charts::article_vector`]) of the first
    /// IN_MEMORY_ARTICLES articles, for the similarity matrix: a vector is a few kilobytes
    /// where the analysed document was tens.
    pub vectors: Vec<(String, Vec<(u32, f64)>)>,
    /// Sentence scores of the first IN_MEMORY_ARTICLES articles.
    pub sentences: Vec<Vec<SentenceScore>>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let mut stages = Stages::new();
    let res = a.data.resources()?;
    let params = a.model.params();
    params.check()?;
    let sp = a.score.params(params.seed)?;
    let mut paths = vec![a.seeds.clone()];
    paths.extend(a.paths.iter().cloned());
    if paths.iter().any(|p| p.as_os_str() == "-") {
        anyhow::bail!("run reads its inputs twice (train, then score) and cannot take `-`: save stdin to a file, or use `score --stdout -` with a trained model");
    }
    let (sources, mut problems) = common::sources(&paths)?;
    report::prepare_dir(&a.out)?;
    // What to compare with, kept before this run replaces the folder's contents.
    let before = super::compare_out::Before::keep(a.compare_to.as_deref(), &a.out)?;
    // Actor lists are checked before the long passes.
    let mut compare = super::compare_out::Compare::new(a.data.data.as_deref(), &a.out)?;
    let mut manifest = RunManifest::new("run");
    manifest.inputs = common::input_records(&sources)?;
    stages.mark("hash_inputs");

    let pb = ui.spinner("pass 1/2: analysing articles");
    let (set, pass1) = pipeline::training_set_streaming(sources.clone(), &res, &params, |n| pb.set_position(n as u64))?;
    pb.finish_and_clear();
    problems.extend(pass1);
    common::report_problems(&problems);
    if set.articles == 0 {
        anyhow::bail!(
            "no usable articles in {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    stages.mark("analyse_count");
    let (mut model, _) = pipeline::train(set, &res, &params)?;
    model.training_inputs = manifest
        .inputs
        .iter()
        .map(|i| (i.path.clone(), i.sha256.clone()))
        .collect();
    stages.mark("train");

    let pb = ui.spinner("pass 2/2: scoring articles");
    let mut tables = TableWriters::create(&a.out)?;
    let mut kept = Kept::default();
    let actors = compare.actors().clone();
    let mut produced = 0;
    let produce = |b: pipeline::Loaded| {
        let mut docs = b.documents;
        let room = IN_MEMORY_ARTICLES.saturating_sub(produced).min(docs.len());
        produced += docs.len();
        let vectors: Vec<_> = docs[..room]
            .par_iter()
            .map(|d| (d.article.id.clone(), charts::article_vector(&model, d)))
            .collect();
        let (scored, atts) = super::compare_out::score_batch(&model, &actors, &mut docs, &sp);
        Ok((docs, scored, atts, vectors))
    };
    let consume = |(docs, scored, atts, vectors): (Vec<Document>, Vec<_>, _, Vec<_>)| -> anyhow::Result<()> {
        compare.record(&docs, &scored, atts)?;
        tables.write(&scored, docs.iter().map(|d| &d.article))?;
        let room = vectors.len();
        kept.vectors.extend(vectors);
        for (i, (art, sents)) in scored.into_iter().enumerate() {
            kept.articles.push(art);
            if i < room {
                kept.sentences.push(sents);
            }
        }
        pb.set_position(kept.articles.len() as u64);
        Ok(())
    };
    common::pipelined(sources, &res, pipeline::BATCH, produce, consume)?;
    pb.finish_and_clear();
    stages.mark("score_write_tables");

    let model_path = a.out.join("model.json");
    let saved = report::save_model(&model, &model_path)?;
    if let Some(b) = &saved.backup {
        eprintln!("framescope: previous model kept as {}", b.display());
    }
    tables.commit(&a.out, &mut manifest)?;
    compare.finish(
        &a.out,
        framescope::score::no_evidence_point(&model),
        Some(&mut kept.articles),
        sp.bootstrap,
        sp.seed,
        &mut manifest,
    )?;
    stages.mark("compare");
    let changes = before.compare(&a.out, &mut manifest)?;
    stages.mark("what_changed");
    manifest.add_output(&model_path)?;
    manifest.model_sha256 = Some(saved.sha256);
    manifest.lexicon_sha256 = Some(model.lexicon.hash());
    manifest.parameters = serde_json::json!({ "classifier": params, "scoring": sp, "seeds": a.seeds, "data": a.data.data, "lexicons": a.data.lexicons });
    stages.mark("write_model");
    let sentences: Vec<SentenceScore> = kept.sentences.into_iter().flatten().collect();
    super::chart::render_run(
        &a.out,
        &model,
        &kept.vectors,
        &kept.articles,
        &sentences,
        &sp,
        &mut manifest,
    )?;
    stages.mark("charts");
    let page = super::report::write_report(&a.out, Some(serde_json::to_value(&manifest)?), Some(&model))?;
    manifest.add_output(&page)?;
    stages.mark("report");
    let notes = std::mem::take(&mut manifest.problems);
    manifest.problems = problems.iter().map(|p| p.to_string()).chain(notes).collect();
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
    common::warn_if_weak(&model);
    print_summary(&kept.articles, kept.articles.len());
    if let Some(c) = &changes {
        println!();
        for line in framescope::compare::changes::rows::summary(c, 10) {
            println!("{line}");
        }
    }
    eprintln!("wrote {}", a.out.display());
    Ok(common::exit_code(&problems))
}
