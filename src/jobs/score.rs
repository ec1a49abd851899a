//! `score`: score articles a saved model never saw. Streams: at most one batch of articles is
//! in memory (unless the caller asks for every row back), so memory stays flat however large
//! the input.

use super::common::{self, Inputs, Stages};
use super::comparator::{self, Compare};
use super::tables::TableWriters;
use super::{Progress, Scored};
use crate::compare::enrich::OwnTextAccumulator;
use crate::compare::overlap::OverlapParams;
use crate::corpus::InputProblem;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::model::FramingModel;
use crate::pipeline::{self, Resources};
use crate::report::{self, jsonl, RunManifest, RunParameters};
use crate::score::{ArticleScore, ScoreParams};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;

/// Where scores go.
pub enum ScoreTarget {
    /// scores.csv, sentences.csv, cleaning.csv, attributions.csv … and run.json in a folder.
    Folder(PathBuf),
    /// One JSON object per article (`{"article": …, "sentences": […]}`) per line, for
    /// `RDD.pipe` or any batch system.
    JsonLines(Box<dyn Write + Send>),
    /// Nothing written: every article's rows come back in [`ScoreOutput::rows`], with the
    /// same values as the tables of [`ScoreTarget::Folder`] (own-text columns included).
    Memory,
}

impl std::fmt::Debug for ScoreTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScoreTarget::Folder(p) => f.debug_tuple("Folder").field(p).finish(),
            ScoreTarget::JsonLines(_) => f.write_str("JsonLines(..)"),
            ScoreTarget::Memory => f.write_str("Memory"),
        }
    }
}

/// Format of the scores and sentences tables of [`ScoreTarget::Folder`] (the other tables
/// stay CSV).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TableFormat {
    #[default]
    Csv,
    /// Parquet (snappy), for Spark, pandas, DuckDB …; `inspect`, `report` and `chart` read
    /// CSV only. Needs the default cargo feature `parquet`.
    Parquet,
}

/// What `score` reads and how.
#[derive(Debug)]
pub struct ScoreOptions {
    /// The model file (recorded in run.json), unless `loaded` is given.
    pub model: PathBuf,
    /// A model already in memory, used instead of reading `model`.
    pub loaded: Option<FramingModel>,
    pub inputs: Inputs,
    pub target: ScoreTarget,
    /// Articles per parallel batch (bounds memory).
    pub batch: usize,
    /// Scoring thresholds and bootstrap; its seed is replaced by the model's.
    pub scoring: ScoreParams,
    /// Per-sentence rows (sentences.csv, `sentences` in JSON lines, [`Scored`] rows).
    pub sentences: bool,
    pub format: TableFormat,
    /// A folder job where every record was skipped still writes its (empty) tables instead
    /// of failing (a pipe or batch stage, where empty partitions are routine).
    pub allow_empty: bool,
    /// With [`ScoreTarget::Memory`] only: the inputs are the articles the model was trained
    /// on, in the same order, and article number a is scored by its cross-fitting fold's
    /// classifier ([`super::TrainOutput::cross`]), as `run` scores them. An error with other targets.
    pub cross: Option<crate::model::CrossFit>,
    /// The inputs are the articles the model was just trained on, scored as `run` scores its
    /// own (by `cross`, or in-sample as `run --folds 0` does): the note on articles in the
    /// model's training text is then not given. Implied by `cross`.
    pub as_run: bool,
}

impl ScoreOptions {
    /// Default settings: score `inputs` with the model at `model`, rows back in memory.
    pub fn new(model: impl Into<PathBuf>, inputs: Inputs) -> ScoreOptions {
        ScoreOptions {
            model: model.into(),
            loaded: None,
            inputs,
            target: ScoreTarget::Memory,
            batch: pipeline::BATCH,
            scoring: ScoreParams::default(),
            sentences: true,
            format: TableFormat::Csv,
            allow_empty: false,
            cross: None,
            as_run: false,
        }
    }
}

/// What `score` produced.
#[derive(Debug, Default)]
pub struct ScoreOutput {
    /// Articles scored.
    pub total: usize,
    /// The 10 highest and 10 lowest article scores (every one when few), for a summary.
    pub extremes: Vec<ArticleScore>,
    /// Every article's rows, with [`ScoreTarget::Memory`] only.
    pub rows: Vec<Scored>,
    /// What `run.json` holds (with [`ScoreTarget::Folder`]).
    pub manifest: Option<RunManifest>,
    pub problems: Vec<InputProblem>,
    /// The previous contents of the output folder, kept under this name when they differ.
    pub backup: Option<PathBuf>,
}

/// The largest `--batch`: a batch of articles is held in memory at once.
pub const MAX_BATCH: usize = 100_000;

/// Score every input article with a saved model.
pub fn score(o: ScoreOptions, progress: &dyn Progress) -> Result<ScoreOutput> {
    // The batch's slots are allocated up front: `--batch 18446744073709551615` panicked
    // (capacity overflow) and 10⁸ aborted under a memory limit (review, session 48).
    // 0 was taken without a word (review, session 49).
    if o.batch > MAX_BATCH || o.batch == 0 {
        return Err(Error::InvalidParam {
            name: "batch",
            message: format!(
                "{} articles per batch: give 1 to {MAX_BATCH} (a batch is held in memory; the default is {})",
                o.batch,
                pipeline::BATCH
            ),
        });
    }
    if o.cross.is_some() && !matches!(o.target, ScoreTarget::Memory) {
        return Err(Error::Invalid(
            "cross-fitted scoring returns rows in memory only (use `run` for an output folder)".into(),
        ));
    }
    // The output folder is checked before the model is read: its warnings came first, as if
    // work had started, when `--out` was the model's own folder (review, session 48).
    if let ScoreTarget::Folder(out) = &o.target {
        let mut reads = common::input_paths(&o.inputs, &Default::default());
        reads.push(o.model.clone());
        report::StagedDir::check(out, &reads)?;
    }
    let mut stages = Stages::new();
    // The hash run.json records: of the file's bytes, or of what a model held in memory
    // would be saved as.
    let in_memory = o.loaded.is_some();
    let (model, model_sha256) = match o.loaded {
        Some(m) => {
            let h = m.hash()?;
            (m, h)
        }
        None => report::load_model_hashed(&o.model)?,
    };
    let weak = common::warn_if_weak(&model, progress);
    let res = Resources::from_model(&model)?;
    let sp = ScoreParams {
        seed: model.params.seed,
        ..o.scoring.clone()
    };
    sp.check()?;
    let (mut sources, mut problems) = o.inputs.read_once(None, progress).sources()?;
    let mut manifest = RunManifest::new("score");
    manifest.inputs = common::input_records(&mut sources, &mut problems);
    common::report_problems(&problems, progress);
    manifest.model_sha256 = Some(model_sha256);
    manifest.lexicon_sha256 = Some(model.lexicon.hash());
    manifest.parameters = RunParameters {
        // Absolute, so that `chart`, `report` and `diff` find it from any folder (a model
        // held in memory has no file).
        model: Some(match in_memory {
            true => o.model.clone(),
            false => std::path::absolute(&o.model).unwrap_or_else(|_| o.model.clone()),
        }),
        classifier: Some(model.params.clone()),
        scoring: Some(sp.clone()),
        ..RunParameters::default()
    };
    let batch = o.batch.max(1);
    let mut output = ScoreOutput::default();
    // Articles per language, for the note on languages the model was not trained on.
    let mut langs = std::collections::BTreeMap::<String, usize>::new();
    // Articles the model was trained on (scored in-sample), for the note that says so.
    let mut trained = InTraining::new(&model, o.as_run || o.cross.is_some());
    let out = match o.target {
        ScoreTarget::Folder(out) => out,
        ScoreTarget::JsonLines(w) => {
            // Every input record comes back as one line, scored or skipped (report::jsonl).
            let actors = &res.actors;
            progress.start("scoring articles");
            let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
            for line in problems.iter().filter_map(jsonl::skipped_line) {
                writeln!(w, "{line}").map_err(|e| Error::io("<stdout>", e))?;
            }
            let sentences = o.sentences;
            let produce = |b: pipeline::Loaded| {
                common::report_problems(&b.problems, progress);
                let mut docs = b.documents;
                trained.add(&docs);
                let (scored, _) = comparator::score_batch(&model, actors, &mut docs, &sp);
                drop(docs);
                tally(&mut langs, &scored);
                // JSON lines are formatted in parallel too; the writer only copies bytes.
                let done: Vec<String> = scored
                    .par_iter()
                    .map(|(art, sents)| jsonl::scored_line(art, sentences.then_some(sents.as_slice())))
                    .collect();
                // Skipped records back in their input places among the scored ones.
                let lines = jsonl::in_input_order(done, &b.problems, &b.problem_at);
                problems.extend(b.problems);
                Ok((lines, scored.len()))
            };
            let consume = |(lines, n): (Vec<String>, usize)| -> Result<()> {
                for line in &lines {
                    writeln!(w, "{line}").map_err(|e| Error::io("<stdout>", e))?;
                }
                progress.inc(n as u64);
                output.total += n;
                Ok(())
            };
            common::pipelined(sources, &res, batch, produce, consume)?;
            w.flush().map_err(|e| Error::io("<stdout>", e))?;
            progress.finish();
            warn_untrained_languages(&model, &langs, progress);
            trained.note(&model, output.total, progress);
            output.problems = problems;
            return Ok(output);
        }
        ScoreTarget::Memory => {
            let actors = &res.actors;
            // Own text as the tables get it: filled once every article is seen, up to
            // OWN_TEXT_MAX_ARTICLES (beyond, the two columns stay empty, as in scores.csv).
            let mut own = Some(OwnTextAccumulator::new(
                OverlapParams::default(),
                model.params.quoted_weight,
            ));
            progress.start("scoring articles");
            pipeline::for_each_batch(sources, &res, batch, |b| {
                common::report_problems(&b.problems, progress);
                problems.extend(b.problems);
                let mut docs = b.documents;
                trained.add(&docs);
                let first = output.rows.len();
                let cross = o.cross.as_ref();
                let (mut scored, _) = comparator::score_batch_folds(&model, cross, first, actors, &mut docs, &sp);
                if output.rows.len() + scored.len() > comparator::OWN_TEXT_MAX_ARTICLES {
                    own = None;
                }
                if let Some(acc) = own.as_mut() {
                    for (d, (art, sents)) in docs.iter().zip(&scored) {
                        acc.add(d, sents, art.score_offset);
                    }
                }
                if !o.sentences {
                    scored.iter_mut().for_each(|(_, sents)| *sents = Vec::new());
                }
                progress.inc(scored.len() as u64);
                tally(&mut langs, &scored);
                output.rows.extend(scored);
                Ok(())
            })?;
            progress.finish();
            let untrained = warn_untrained_languages(&model, &langs, progress);
            let in_training = trained.note(&model, output.rows.len(), progress);
            // Dates that name no day, said as the tables' job says them (no timeline here).
            let mut dates = crate::corpus::dates::DateCheck::default();
            for (art, _) in &output.rows {
                if let Some(d) = art.score.date.as_deref().filter(|d| !d.is_empty()) {
                    dates.add(&art.score.origin, d);
                }
            }
            if let Some(w) = dates.warning(false) {
                progress.warn(&w);
            }
            let mut own_note = None;
            match own.map(OwnTextAccumulator::finish) {
                Some(Ok(found)) => {
                    for ((art, _), (share, score)) in output.rows.iter_mut().zip(found.per_article) {
                        art.compare.own_text_share = Some(share);
                        art.compare.own_framing_score = score;
                    }
                }
                Some(Err(e)) => {
                    let note = comparator::own_text_note(&e.to_string());
                    progress.warn(&note);
                    own_note = Some(note);
                }
                // Said and recorded as the tables' job does (review H M1: the Python
                // package's columns came back empty without a word).
                None => {
                    let why = format!("more than {} articles", comparator::OWN_TEXT_MAX_ARTICLES);
                    let note = comparator::own_text_note(&why);
                    progress.warn(&note);
                    own_note = Some(note);
                }
            }
            output.total = output.rows.len();
            output.extremes = output.rows.iter().map(|r| r.0.score.clone()).collect();
            keep_extremes(&mut output.extremes, 10);
            // What run.json would record, for callers that keep the rows (the Python
            // package's provenance): no outputs, no folder.
            stages.mark("load_clean_analyze_score");
            manifest.articles = output.total;
            manifest.sentences = output.rows.iter().map(|(a, _)| a.score.n_sentences).sum();
            manifest.problems = (problems.iter().map(|p| p.to_string()))
                .chain(weak)
                .chain(untrained)
                .chain(in_training)
                .chain(own_note)
                .collect();
            manifest.stages = stages.records;
            output.manifest = Some(manifest);
            output.problems = problems;
            return Ok(output);
        }
    };
    // Every output goes to a staging folder, swapped in whole at the end (report::StagedDir).
    let mut reads = common::input_paths(&o.inputs, &Default::default());
    reads.push(o.model.clone());
    let staged = report::StagedDir::create(&out, &reads)?;
    let target = out;
    let out = staged.path().to_path_buf();
    manifest.staging = Some((out.clone(), target));
    #[cfg(not(feature = "parquet"))]
    if o.format == TableFormat::Parquet {
        return Err(Error::Invalid(
            "this framescope was built without Parquet support (cargo feature `parquet`)".into(),
        ));
    }
    let mut tables = TableWriters::with_sentences(&out, o.sentences)?;
    let mut compare = Compare::new(res.actors.clone(), &out, model.params.quoted_weight)?;
    let actors = compare.actors().clone();
    progress.start("scoring articles");
    let produce = |b: pipeline::Loaded| {
        common::report_problems(&b.problems, progress);
        problems.extend(b.problems);
        let mut docs = b.documents;
        trained.add(&docs);
        let (scored, atts) = comparator::score_batch(&model, &actors, &mut docs, &sp);
        Ok((docs, scored, atts))
    };
    let (mut total, mut summary) = (0, Vec::new());
    let consume = |(documents, scored, atts): (Vec<Document>, Vec<_>, _)| -> Result<()> {
        compare.record(&documents, &scored, atts)?;
        tables.write(&scored, documents.iter().map(|d| &d.article))?;
        total += scored.len();
        tally(&mut langs, &scored);
        summary.extend(scored.into_iter().map(|s| s.0.score));
        keep_extremes(&mut summary, 10);
        progress.inc(documents.len() as u64);
        Ok(())
    };
    common::pipelined(sources, &res, batch, produce, consume)?;
    progress.finish();
    if tables.articles == 0 && !o.allow_empty {
        // Nothing is swapped in: the output folder stays as it was.
        let skipped = problems.iter().filter(|p| p.skipped).count();
        return Err(Error::Invalid(nothing_to_score(skipped)));
    }
    stages.mark("load_clean_analyze_score");
    manifest.inputs.extend(crate::corpus::stdin_record());
    tables.commit(&out, &mut manifest)?;
    // Own text needs the whole run: fill those two columns now, then the outlet tables.
    compare.finish(&out, None, &sp, &mut manifest, progress)?;
    #[cfg(feature = "parquet")]
    if o.format == TableFormat::Parquet {
        to_parquet(&out, &mut manifest)?;
    }
    stages.mark("write");
    // The model's weaknesses and the notes on these articles, in run.json too.
    manifest.problems.extend(weak);
    let untrained = warn_untrained_languages(&model, &langs, progress);
    manifest.problems.extend(untrained);
    manifest.problems.extend(trained.note(&model, total, progress));
    common::record_problems(&mut manifest, &problems);
    let backup = common::finish_folder(staged, &mut manifest, stages, progress)?;
    Ok(ScoreOutput {
        backup,
        total,
        extremes: summary,
        rows: Vec::new(),
        manifest: Some(manifest),
        problems,
    })
}

/// Count the scored articles per language.
fn tally(langs: &mut std::collections::BTreeMap<String, usize>, scored: &[Scored]) {
    for (a, _) in scored {
        *langs.entry(a.lang.clone()).or_default() += 1;
    }
}

/// Say (once per language) when articles were in a language the model was not trained on;
/// returns the notes, for run.json.
fn warn_untrained_languages(
    model: &FramingModel,
    langs: &std::collections::BTreeMap<String, usize>,
    progress: &dyn Progress,
) -> Vec<String> {
    common::warn_each("note", model.training.untrained_languages(langs), progress)
}

/// The scored articles that are in the model's training text, found by content
/// ([`FramingModel::training_digests`]): the full model learned from their own sentences, so
/// it scores them in-sample.
struct InTraining<'m> {
    digests: rustc_hash::FxHashSet<&'m str>,
    found: usize,
}

impl<'m> InTraining<'m> {
    /// `off`: the inputs are the model's training articles scored as `run` scores them.
    fn new(model: &'m FramingModel, off: bool) -> Self {
        InTraining {
            digests: if off {
                Default::default()
            } else {
                model.training_digests()
            },
            found: 0,
        }
    }

    fn add(&mut self, docs: &[Document]) {
        if !self.digests.is_empty() {
            let digests = &self.digests;
            self.found += docs
                .par_iter()
                .filter(|d| digests.contains(crate::model::article_digest(&d.article).as_str()))
                .count();
        }
    }

    /// Say how many of the `scored` articles were in the training text, once, and what that
    /// means; returns the note, for run.json.
    fn note(&self, model: &FramingModel, scored: usize, progress: &dyn Progress) -> Option<String> {
        (self.found > 0).then(|| {
            let n = format!(
                "note: {} of the {scored} scored articles are in the model's training text{}: their scores are in-sample, typically higher in magnitude than out-of-fold ones (a cross-fitted `run`, the default, scores each of its articles by a classifier fitted without it, so its scores.csv has those); for out-of-sample scores of these articles use such a run's scores.csv, or score with a model trained without them",
                self.found,
                model.training_list_caveat()
            );
            progress.warn(&n);
            n
        })
    }
}

/// [`TableFormat::Parquet`]: the finished scores and sentences tables rewritten as Parquet
/// (the CSV versions removed, run.json listing the Parquet files). Converted once complete,
/// because scores.csv is filled in place (own-text columns) and read back for the outlet
/// tables.
#[cfg(feature = "parquet")]
fn to_parquet(out: &std::path::Path, manifest: &mut RunManifest) -> Result<()> {
    for name in ["scores", "sentences"] {
        let csv = out.join(format!("{name}.csv"));
        if !csv.is_file() {
            continue;
        }
        let parquet = out.join(format!("{name}.parquet"));
        report::parquet::csv_to_parquet(&csv, &parquet)?;
        std::fs::remove_file(&csv).map_err(|e| Error::io(&csv, e))?;
        let listed = manifest.listed(&csv).display().to_string();
        manifest.outputs.retain(|o| o.path != listed);
        manifest.add_output(&parquet)?;
    }
    Ok(())
}

/// Most Kremlin-framed first, ties by id.
pub fn by_score(a: &ArticleScore, b: &ArticleScore) -> std::cmp::Ordering {
    b.framing_score
        .total_cmp(&a.framing_score)
        .then_with(|| a.id.cmp(&b.id))
}

/// Keep only the `n` highest and `n` lowest scores (bounded memory for the summary).
pub(super) fn keep_extremes(rows: &mut Vec<ArticleScore>, n: usize) {
    if rows.len() > 2 * n {
        rows.sort_by(by_score);
        rows.drain(n..rows.len() - n);
    }
}

/// The error of a `score` that read no article: an empty stdin is named (review J, session
/// 51: `score -` on an empty pipe said only "0 input(s) skipped", naming nothing).
pub fn nothing_to_score(skipped: usize) -> String {
    match crate::corpus::stdin_record() {
        Some(r) if r.bytes == 0 => {
            format!("no usable articles to score: standard input (`-`) was empty ({skipped} input(s) skipped)")
        }
        _ => format!("no usable articles to score ({skipped} input(s) skipped)"),
    }
}
