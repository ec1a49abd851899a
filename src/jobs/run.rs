//! `run`: the main job. Trains on the seeds plus any articles to compare (the lexicon labels
//! every sentence of the corpus under analysis: transductive weak supervision), scores them
//! all, writes tables, model, charts, report and manifest to the output folder.
//!
//! Two streaming passes (train, then score), so memory stays bounded on large corpora; the
//! documents themselves are kept only for small corpora (charts and comparisons need them).
//! Pass 2 scores the documents pass 1 analysed, kept encoded in memory and then in a
//! temporary file up to a budget ([`crate::analysis_cache`]); beyond it, it reads and
//! analyses the remaining articles again.

use super::common::{self, DataOptions, Inputs, Stages};
use super::comparator::{self, Before, Compare};
use super::tables::TableWriters;
use super::Progress;
use crate::analysis_cache::{AnalysisBudget, AnalysisCache};
use crate::charts;
use crate::compare::changes::Changes;
use crate::compare::ArticleRow;
use crate::corpus::{InputProblem, BUILTIN_SEEDS_NAME};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::model::{ClassifierParams, FramingModel};
use crate::pipeline;
use crate::report::{self, RunManifest, RunParameters};
use crate::score::{ScoreParams, SentenceScore};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Up to this many articles, documents and sentence scores stay in memory after scoring (for
/// the similarity matrix, capped at 1,000 articles too, the arc chart and the report).
pub const IN_MEMORY_ARTICLES: usize = 1_000;

pub use crate::model::DEFAULT_FOLDS;

/// What `run` reads, how it trains and scores, and where it writes.
#[derive(Debug, Clone, PartialEq)]
pub struct RunOptions {
    /// Seed articles (folder of .txt, JSONL or CSV, or `<built-in>/seeds`), read first;
    /// [`default_seeds`] is what the CLI reads when none are named.
    pub seeds: Option<PathBuf>,
    /// More articles to compare with the seeds.
    pub inputs: Inputs,
    /// Output folder.
    pub out: PathBuf,
    pub data: DataOptions,
    pub params: ClassifierParams,
    /// Scoring thresholds and bootstrap; its seed is replaced by `params.seed`.
    pub scoring: ScoreParams,
    /// Cross-fitting folds: each article is scored by a classifier fitted without its fold's
    /// articles ([`crate::model::CrossFit`]); 0 or 1 scores every article with the saved
    /// model, which trained on it too (in-sample, as every run did before cross-fitting).
    /// `None`: [`DEFAULT_FOLDS`].
    pub folds: Option<usize>,
    /// Compare with an earlier output folder or model file (`out` itself: what it held
    /// before this run): diff.csv, charts/before_after.png, a "What changed" report section.
    pub compare_to: Option<PathBuf>,
    /// How much of pass 1's analysis to keep for pass 2, which otherwise reads and analyses
    /// the articles again ([`crate::analysis_cache`]; the outputs are the same either way).
    pub keep_analysis: AnalysisBudget,
    /// Keep every article's whole score row for [`RunOutput::articles`] (the default).
    /// `false` keeps only what the charts, the outlet tables and the printed summary read:
    /// each row without its top terms and origin (`slim`; the first row whose date names no
    /// day keeps its origin, for the warning), about half of a row's memory
    /// (≈ 0.5 GB at a million articles). The tables are written before, whole either way.
    pub full_rows: bool,
    /// Whether the training text holds articles beside the seeds (corpus mode), for the
    /// weak-model warning's remedy. `None`: when `inputs` is not empty. A caller that puts
    /// the seeds themselves in `inputs` (the Python package, whose seeds may be a DataFrame)
    /// says so here.
    pub corpus_mode: Option<bool>,
}

impl RunOptions {
    /// Default settings: the seeds in `seeds`, outputs to `out`.
    pub fn new(seeds: impl Into<PathBuf>, out: impl Into<PathBuf>) -> RunOptions {
        RunOptions {
            seeds: Some(seeds.into()),
            inputs: Inputs::default(),
            out: out.into(),
            data: DataOptions::default(),
            params: ClassifierParams::default(),
            scoring: ScoreParams::default(),
            folds: None,
            compare_to: None,
            keep_analysis: AnalysisBudget::default(),
            full_rows: true,
            corpus_mode: None,
        }
    }
}

/// What `run` produced (everything is also in the output folder).
#[derive(Debug)]
pub struct RunOutput {
    /// The trained model, saved as `<out>/model.json`.
    pub model: FramingModel,
    pub model_path: PathBuf,
    pub model_sha256: String,
    /// The previous contents of the output folder, kept under this name when they differ.
    pub backup: Option<PathBuf>,
    /// Every article's score, in input order (as in scores.csv); without top terms and
    /// origin (but one, see `slim`) when [`RunOptions::full_rows`] is false.
    pub articles: Vec<ArticleRow>,
    /// Sentence scores of the first [`IN_MEMORY_ARTICLES`] articles.
    pub sentences: Vec<SentenceScore>,
    /// What `run.json` holds.
    pub manifest: RunManifest,
    /// Which fold scored each article, as folds.json records it (`None`: scored in-sample).
    pub folds: Option<crate::report::FoldPlan>,
    /// Inputs reported and skipped (or kept with a warning).
    pub problems: Vec<InputProblem>,
    /// What changed since the outputs of `compare_to`.
    pub changes: Option<Changes>,
}

/// What a run keeps in memory after scoring, for charts and comparisons.
#[derive(Default)]
struct Kept {
    articles: Vec<ArticleRow>,
    /// Article ids and TF-IDF vectors ([`charts::article_vector`]) of the first
    /// IN_MEMORY_ARTICLES articles, for the similarity matrix: a vector is a few kilobytes
    /// where the analysed document was tens.
    vectors: Vec<(String, Vec<(u32, f64)>)>,
    /// Sentence scores of the first IN_MEMORY_ARTICLES articles.
    sentences: Vec<Vec<SentenceScore>>,
}

/// Train, score, and write every output of a run.
pub fn run(o: &RunOptions, progress: &dyn Progress) -> Result<RunOutput> {
    let mut stages = Stages::new();
    let res = o.data.resources()?;
    let params = &o.params.clone().check()?;
    let sp = ScoreParams {
        seed: params.seed,
        ..o.scoring.clone()
    };
    sp.check()?;
    check_folds(o.folds)?;
    let data_files = crate::data::provenance(o.data.data.as_deref(), o.data.lexicons.as_deref())?;
    let data_warning = common::announce_builtin_data(&o.data, &data_files, progress);
    common::announce_builtin_seeds(o.seeds.as_deref(), progress);
    if let Some(w) = none_exist_warning(&o.inputs) {
        progress.warn(&w);
    }
    let missing = |p: &PathBuf| std::fs::symlink_metadata(p).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
    let mut inputs = o.inputs.clone();
    if let Some(s) = &o.seeds {
        // Seeds that are not there are a mistyped setting, not one bad input among others.
        if missing(s) && s.as_path() != Path::new(BUILTIN_SEEDS_NAME) {
            return Err(Error::Invalid(format!(
                "{}: no such file or directory (the seeds)",
                s.display()
            )));
        }
        inputs.paths.insert(0, s.clone());
    }
    let inputs = inputs.read_once(o.seeds.as_deref(), progress);
    if inputs.reads_stdin() {
        return Err(Error::Invalid("run reads its inputs twice (train, then score) and cannot take `-`: save stdin to a file, or use `score --stdout -` with a trained model".into()));
    }
    let (mut sources, mut problems) = inputs.sources()?;
    // Every output goes to a staging folder, swapped in whole at the end (report::StagedDir).
    let mut staged = report::StagedDir::create(&o.out, &common::input_paths(&inputs, &o.data))?;
    let out = staged.path().to_path_buf();
    // What to compare with: checked now, read in place (the old folder is untouched until
    // the swap).
    let before = Before::keep(o.compare_to.as_deref(), &o.out, progress)?;
    // Actor lists are checked before the long passes.
    let mut compare = Compare::new(res.actors.clone(), &out, params.quoted_weight)?;
    let mut manifest = RunManifest::new("run");
    manifest.staging = Some((out.clone(), o.out.clone()));
    manifest.inputs = common::input_records(&mut sources, &mut problems);
    if let Some(seeds) = o.seeds.as_deref() {
        common::drop_repeated_seeds(&mut sources, &manifest.inputs, |p| p.starts_with(seeds), &mut problems);
    }
    manifest.data_files = data_files;
    // Recorded as printed, before the notes on results (README, run.json `problems`).
    manifest.problems.extend(data_warning);
    stages.mark("hash_inputs");

    progress.start("pass 1/2: analysing articles");
    let mut analysis = AnalysisCache::new(o.keep_analysis, &out);
    let (set, pass1) = pipeline::training_set_streaming(sources.clone(), &res, params, Some(&mut analysis), |n| {
        progress.set(n as u64)
    })?;
    progress.finish();
    problems.extend(pass1);
    common::report_problems(&problems, progress);
    if set.articles == 0 {
        return Err(Error::Invalid(format!("no usable articles in {}", inputs.describe())));
    }
    stages.mark("analyse_count");
    let (mut model, _, cross) = pipeline::train_folds(set, &res, params, o.folds)?;
    // Corpus mode: articles beside the seeds (or no seeds: the articles alone).
    model.training.corpus_mode = o.corpus_mode.unwrap_or(!o.inputs.is_empty());
    model.training_inputs = common::training_inputs(&manifest.inputs, &problems);
    stages.mark("train");
    progress.info(&trained_line(&model));
    let weak = common::warn_if_weak(&model, progress);
    manifest.problems.extend(weak);
    if let Some(c) = &cross {
        progress.info(&cross_fit_line(c));
        if let Some(note) = fallback_note(c) {
            // Recorded as printed (README, run.json `problems`).
            progress.warn(&note);
            manifest.problems.push(note);
        }
    }

    progress.start("pass 2/2: scoring articles");
    let mut tables = TableWriters::create(&out)?;
    let mut kept = Kept::default();
    let actors = compare.actors().clone();
    let mut produced = 0;
    let produce = |b: pipeline::Loaded| {
        let mut docs = b.documents;
        let first = produced;
        let room = IN_MEMORY_ARTICLES.saturating_sub(produced).min(docs.len());
        produced += docs.len();
        let vectors: Vec<_> = docs[..room]
            .par_iter()
            .map(|d| (d.article.id.clone(), charts::article_vector(&model, d)))
            .collect();
        let (scored, atts) = comparator::score_batch_folds(&model, cross.as_ref(), first, &actors, &mut docs, &sp);
        Ok((docs, scored, atts, vectors))
    };
    let mut first_bad_date = false;
    let consume = |(docs, scored, atts, vectors): (Vec<Document>, Vec<_>, _, Vec<_>)| -> Result<()> {
        compare.record(&docs, &scored, atts)?;
        tables.write(&scored, docs.iter().map(|d| &d.article))?;
        let room = vectors.len();
        kept.vectors.extend(vectors);
        for (i, (mut art, sents)) in scored.into_iter().enumerate() {
            if !o.full_rows {
                slim(&mut art, &mut first_bad_date);
            }
            kept.articles.push(art);
            if i < room {
                kept.sentences.push(sents);
            }
        }
        progress.set(kept.articles.len() as u64);
        Ok(())
    };
    // Pass 1's documents where it kept them, read and analysed again after that.
    common::pipelined_from(
        |each| pipeline::for_each_kept_batch(analysis, sources, &res, pipeline::BATCH, each),
        produce,
        consume,
    )?;
    progress.finish();
    stages.mark("score_write_tables");

    let saved = report::save_model(&model, &out.join("model.json"))?;
    manifest
        .problems
        .extend(common::warn_if_too_large(&model, saved.bytes, progress));
    if let Some(c) = &cross {
        let p = out.join("folds.json");
        report::write_folds(&p, c, &model)?;
        manifest.add_output(&p)?;
    }
    let index = tables.commit(&out, &mut manifest)?;
    // The outputs so far are final (scores.csv, when rewritten, is recorded again): hashed
    // while the comparison, charts and report are made; the comparison's while the charts
    // and report are.
    let mut hashing: Vec<_> = manifest.hash_in_background().into_iter().collect();
    // The outlet rows of outlets.csv are the charts' too (same articles, same bootstrap).
    let outlets = compare.finish(&out, Some(&mut kept.articles), &sp, &mut manifest, progress)?;
    hashing.extend(manifest.hash_in_background());
    stages.mark("compare");
    let mut changes = before.compare(&out, &sp, &mut manifest)?;
    stages.mark("what_changed");
    manifest.add_output_hashed(&out.join("model.json"), saved.sha256.clone());
    manifest.model_sha256 = Some(saved.sha256.clone());
    manifest.lexicon_sha256 = Some(model.lexicon.hash());
    manifest.parameters = RunParameters {
        classifier: Some((**params).clone()),
        scoring: Some(sp.clone()),
        // Made absolute, as `paths` are: `retrain` reads them again, maybe from elsewhere.
        seeds: Some(o.seeds.as_deref().map(absolute_input)),
        // The folder read, also when it was the default (`./data`, or the built-in files):
        // a retrain from another folder read that folder's `./data` (review, session 34).
        data: Some(Some(absolute_input(&crate::data::dir_read(o.data.data.as_deref())))),
        folds: Some(cross.as_ref().map_or(0, |c| c.k())),
        lexicons: Some(o.data.lexicons.as_deref().map(absolute_input)),
        compare_to: Some(o.compare_to.clone()),
        model: None,
        paths: Some(o.inputs.paths.iter().map(|p| absolute_input(p)).collect()),
    };
    // Absolute, as the inputs are: `diff`, `report` or a reader of run.json from another
    // folder finds it (it read `one` for `--compare-to one`).
    manifest.compared_with = before
        .compared_with(&o.out)
        .map(|p| absolute_input(&p).display().to_string());
    stages.mark("write_model");
    let sentences_kept = kept.sentences.len();
    let sentences: Vec<SentenceScore> = kept.sentences.into_iter().flatten().collect();
    // Past IN_MEMORY_ARTICLES the framing arc's articles (the run's most framed) are read
    // back from sentences.csv: those kept are the first articles' only.
    let arc_sentences = match (&index, sentences_kept < kept.articles.len()) {
        (Some(index), true) => {
            let (chosen, _) = charts::select_articles(&kept.articles, charts::ChartOptions::default().max_panels);
            let ids: std::collections::HashSet<&str> = chosen.iter().map(|a| a.id.as_str()).collect();
            Some(report::read_sentences_indexed(
                &out.join("sentences.csv"),
                index,
                |id| ids.contains(id),
            )?)
        }
        _ => None,
    };
    super::chart::render_run(
        &out,
        &model,
        &kept.vectors,
        &kept.articles,
        arc_sentences.as_deref().unwrap_or(&sentences),
        &outlets,
        &sp,
        &mut manifest,
        progress,
    )?;
    stages.mark("charts");
    common::record_problems(&mut manifest, &problems);
    if let (Some(kept), Some(c)) = (
        common::settle_compared_with(&mut staged, &mut manifest)?,
        changes.as_mut(),
    ) {
        // The summary names where the outputs compared with are kept, not "out (before this
        // run)" → out (review, session 48).
        c.old_label = kept.display().to_string();
    }
    let page = super::report::write_report(&out, &out, Some(&manifest), Some(&model), index.as_ref(), progress)?;
    manifest.add_output(&page)?;
    stages.mark("report");
    hashing.into_iter().for_each(|h| manifest.take_hashes(h));
    let backup = common::finish_folder(staged, &mut manifest, stages, progress)?;
    Ok(RunOutput {
        model,
        model_path: o.out.join("model.json"),
        model_sha256: saved.sha256,
        backup,
        articles: kept.articles,
        sentences,
        manifest,
        folds: cross.as_ref().map(crate::report::FoldPlan::of_cross),
        problems,
        changes,
    })
}

/// Drop what nothing after pass 2 reads from a kept row (the charts, the outlet tables and
/// the printed summary do not): its top terms and its origin, which scores.csv already
/// holds. The origin stays on the first row whose date names no day (`first_bad_date`
/// says whether it was kept already): the outlet tables' warning names where the first such
/// date came from, and a corpus dated in one unread form throughout keeps one origin, not
/// one per row.
pub fn slim(row: &mut ArticleRow, first_bad_date: &mut bool) {
    row.score.top_terms_kremlin = Vec::new();
    row.score.top_terms_western = Vec::new();
    let dated_badly = row
        .score
        .date
        .as_deref()
        .is_some_and(|d| !d.is_empty() && crate::corpus::dates::iso_day(d).is_none());
    if dated_badly && !*first_bad_date {
        *first_bad_date = true;
    } else {
        row.score.origin = String::new();
    }
}

/// An input path as run.json records it: absolute, except the built-in seeds' name.
fn absolute_input(p: &Path) -> PathBuf {
    if p == Path::new(BUILTIN_SEEDS_NAME) || crate::data::is_builtin_dir(p) {
        return p.to_path_buf();
    }
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// What the `run` whose outputs `retrain` compares with read (its run.json's `parameters`):
/// `retrain` reads the same where it is given nothing else, so a retrain that changes one
/// thing (a lexicon, a seed folder) changes only that.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordedInputs {
    /// The article paths beside the seeds (`[]`: the seeds alone); `None` when that run
    /// compared articles its run.json does not name (written before run.json recorded them,
    /// or articles a library caller held in memory): [`RecordedInputs::paths`] refuses then.
    pub paths: Option<Vec<PathBuf>>,
    /// Some of those articles were passed in memory (the Python package's rows): nothing to
    /// read again, said as such.
    pub in_memory: bool,
    /// The run.json read.
    pub manifest: PathBuf,
    /// The seeds (a path, or [`BUILTIN_SEEDS_NAME`]); `None` when not recorded.
    pub seeds: Option<PathBuf>,
    /// That run was given no seed path: its seeds, if any, were among its articles (the
    /// Python package's `run(seeds=[…], out=…)` with a list of paths, or `seeds=[]`), so the
    /// default seeds were not read and must not be added by a retrain.
    pub seeds_among_articles: bool,
    /// `--data`, when that run was given one.
    pub data: Option<PathBuf>,
    /// `--lexicons`, when that run was given one.
    pub lexicons: Option<PathBuf>,
    /// Its training options (`--alpha`, `--margin` …), as run.json records them.
    pub classifier: Option<crate::model::ClassifierParams>,
    /// Its scoring options (thresholds, `--bootstrap`).
    pub scoring: Option<crate::score::ScoreParams>,
    /// Its `--folds`.
    pub folds: Option<usize>,
}

impl RecordedInputs {
    /// Fill in what a retrain was not given — seeds, data folder, lexicons, articles — from
    /// what the earlier run read; returns what was filled in, in words (`seeds /a/b`), for the
    /// caller to say.
    pub fn fill_in(
        &self,
        seeds: &mut Option<PathBuf>,
        data: &mut Option<PathBuf>,
        lexicons: &mut Option<PathBuf>,
        paths: &mut Vec<PathBuf>,
    ) -> Result<Vec<String>> {
        // Review, session 47: `retrain` added the default seeds to such a run's articles (13
        // articles trained on where the run had 8), with only a note.
        if seeds.is_none() && self.seeds_among_articles {
            return Err(Error::Invalid(format!(
                "{}: the run there was given no seed folder (its seeds, if any, were among its articles: a list of paths or none, from the Python package), so the default seeds cannot stand in for them; name them: framescope retrain --seeds DIR [PATH...]",
                self.manifest.display()
            )));
        }
        let mut reused: Vec<String> = Vec::new();
        for (given, recorded, what) in [
            (seeds, &self.seeds, "seeds"),
            (data, &self.data, "data"),
            (lexicons, &self.lexicons, "lexicons"),
        ] {
            if let (None, Some(p)) = (&given, recorded) {
                reused.push(format!("{what} {}", p.display()));
                *given = Some(p.clone());
            }
        }
        if paths.is_empty() {
            *paths = self.paths()?;
            // Gone since (moved, renamed): the retrain scored the seeds alone and listed every
            // article as in one run only (review, session 33); named, as a gone seed folder is.
            let gone: Vec<String> = paths
                .iter()
                .filter(|p| !p.exists())
                .map(|p| p.display().to_string())
                .collect();
            if !gone.is_empty() {
                return Err(Error::Invalid(format!(
                    "{}: the articles its run read, {}, are not there any more (or not from this folder); name them: framescope retrain PATH...",
                    self.manifest.display(),
                    gone.join(", ")
                )));
            }
            if !paths.is_empty() {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                reused.push(format!("articles {}", names.join(", ")));
            }
        }
        Ok(reused)
    }

    /// The article paths to read again, or an error saying they must be named.
    pub fn paths(&self) -> Result<Vec<PathBuf>> {
        self.paths.clone().ok_or_else(|| {
            Error::Invalid(match self.in_memory {
                // Review, session 41: a folder the Python package's run(frame, out=…) wrote
                // got the message for an old run.json without paths.
                true => format!(
                    "{}: the run there compared articles passed in memory (rows of a DataFrame or list, from the Python package), which cannot be read again; save them to a file (JSONL, CSV or Parquet) and name it: framescope retrain PATH...",
                    self.manifest.display()
                ),
                false => format!(
                    "{}: the run there compared articles beside the seeds that it does not list as paths; name them again: framescope retrain PATH...",
                    self.manifest.display()
                ),
            })
        })
    }
}

/// What the earlier run in `folder` read ([`RecordedInputs`]). `None` when `folder` holds no
/// run's run.json (a first run, a model file). An error for a `score` folder, and when a
/// recorded seed, data or lexicon folder is no longer there.
pub fn recorded_inputs(folder: &Path) -> Result<Option<RecordedInputs>> {
    let path = folder.join("run.json");
    if !folder.is_dir() || !path.is_file() {
        return Ok(None);
    }
    let m = RunManifest::read(&path)?;
    // A `score` folder's articles were scored by a saved model, not trained on: a retrain
    // there ran the seeds alone and compared them with it, saying nothing (review finding,
    // session 28).
    if m.command == "score" {
        return Err(Error::Invalid(format!(
            "{}: is the output of `score`, whose articles a saved model scored; `retrain` retrains a `run`'s folder. To see what a new model changes for these articles: framescope score --model NEW/model.json --out OTHER PATH... and framescope diff {} OTHER",
            folder.display(),
            folder.display()
        )));
    }
    if m.command != "run" {
        return Ok(None);
    }
    let seeds_among_articles = matches!(m.parameters.seeds, Some(None));
    let seeds = m.parameters.seeds.clone().flatten();
    let beside_seeds = |p: &str| match &seeds {
        Some(s) => !Path::new(p).starts_with(s),
        None => !p.starts_with(BUILTIN_SEEDS_NAME),
    };
    // A run.json that records `paths` (even none) says what was beside the seeds; an older
    // one is read for inputs that were not seeds.
    let unlisted = m.parameters.paths.is_none() && m.inputs.iter().any(|i| beside_seeds(&i.path));
    let in_memory = m.inputs.iter().any(|i| i.path == common::MEMORY_NAME);
    // Only for a run of the binary: the library and the Python package record no arguments
    // and read absolute paths, which a retrain reads as they are.
    let given = m.arguments.as_deref().map(spellings).unwrap_or_default();
    let as_given = |p: PathBuf| given.iter().find(|g| absolute_input(g) == p).cloned().unwrap_or(p);
    let recorded = (!in_memory && !unlisted).then(|| {
        m.parameters
            .paths
            .clone()
            .unwrap_or_default()
            .into_iter()
            .map(as_given)
            .collect()
    });
    // A folder recorded there and gone since is named, with the option that replaces it.
    let present = |what: &str, option: &str, p: Option<PathBuf>| {
        match p {
        Some(p) if p != Path::new(BUILTIN_SEEDS_NAME) && !crate::data::is_builtin_dir(&p) && !p.exists() => Err(Error::Invalid(format!(
            "{}: the {what} its run read, {}, is not there any more (or not from this folder); name them: framescope retrain {option} DIR",
            path.display(),
            p.display()
        ))),
        p => Ok(p),
    }
    };
    Ok(Some(RecordedInputs {
        paths: recorded,
        in_memory,
        manifest: path.clone(),
        seeds: present("seeds", "--seeds", seeds.map(as_given))?,
        seeds_among_articles,
        data: present(
            "data folder",
            "--data",
            m.parameters.data.clone().flatten().map(as_given),
        )?,
        lexicons: present(
            "lexicons",
            "--lexicons",
            m.parameters.lexicons.clone().flatten().map(as_given),
        )?,
        classifier: m.parameters.classifier.clone(),
        scoring: m.parameters.scoring.clone(),
        // run.json records the folds used, min(--folds, articles): the option itself only
        // when it is 0 or fewer than the articles (a run of 8 articles by default used 8, and
        // `--folds 8` would score a retrain with a ninth article otherwise).
        folds: m.parameters.folds.filter(|&k| k == 0 || k < m.articles),
    }))
}

/// The paths a run of the binary may have been given, as spelled: its command line's
/// arguments (and `--opt=VALUE` values), then the default folders `seeds` and `data` (read
/// when no path was named for them). run.json records inputs as absolute paths; a retrain reads a recorded
/// path by the first spelling that, from where the retrain runs, is the same path, so the
/// articles' `origin` cells and the model's recorded inputs come out as the run wrote them
/// (review U, session 56: a retrain of a plain `framescope run` changed every `origin` to an
/// absolute path, so the folder always differed and was always kept as a backup). The
/// arguments come first, so `--seeds /abs/seeds` stays absolute where `seeds` names it too.
fn spellings(arguments: &[String]) -> Vec<PathBuf> {
    let values = arguments.iter().skip(1).map(|a| {
        a.split_once('=')
            .filter(|_| a.starts_with("--"))
            .map_or(a.as_str(), |(_, v)| v)
    });
    values
        .chain(["seeds", "data"])
        .filter(|p| !p.is_empty() && *p != "-")
        .map(PathBuf::from)
        .collect()
}

/// The seeds `run` reads when none are named: `./seeds` when that folder exists (the
/// repository), else the seed articles built into the binary (an installed binary run
/// anywhere else), named [`BUILTIN_SEEDS_NAME`].
pub fn default_seeds() -> PathBuf {
    let here = Path::new("seeds");
    if here.is_dir() {
        here.to_path_buf()
    } else {
        PathBuf::from(BUILTIN_SEEDS_NAME)
    }
}

/// `--folds 1` asked: one fold holds every article, so nothing is cross-fitted, and the run
/// scored in-sample as with 0 without a word, recording 0 (review, session 49).
pub fn check_folds(folds: Option<usize>) -> Result<()> {
    match folds {
        Some(1) => Err(Error::Invalid(
            "--folds 1: one fold would hold every article, so no article could be scored by a classifier fitted without it; give 0 (in-sample) or 2 or more".into(),
        )),
        _ => Ok(()),
    }
}

/// Articles named and none of them there (a mistyped path): each is reported and skipped
/// (exit 1) as any bad input is, and the run goes on with the seeds; said once more in plain
/// words, since the folder then holds the seeds alone under the articles' name (review,
/// session 30). Also warned by the Python package's `run` (review, session 34).
pub fn none_exist_warning(inputs: &Inputs) -> Option<String> {
    // `-` (stdin) is no file: `run -` is refused on its own (review, session 34: it was
    // warned of as missing first).
    let missing = |p: &PathBuf| {
        p.as_os_str() != "-" && std::fs::symlink_metadata(p).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
    };
    (!inputs.paths.is_empty() && inputs.articles.is_empty() && inputs.paths.iter().all(missing)).then(|| {
        format!(
            "warning: none of the articles named exist ({}): this run scores the seeds alone",
            inputs
                .paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

/// The note when some cross-fitting folds had training sentences of one side only (their
/// articles are scored in-sample), for stderr and run.json's `problems`.
pub fn fallback_note(c: &crate::model::CrossFit) -> Option<String> {
    let fallbacks = c.fallbacks();
    (!fallbacks.is_empty()).then(|| {
        format!(
            "note: {} of {} cross-fitting folds had training sentences of one side only; their articles are scored by the full model (in-sample)",
            fallbacks.len(),
            c.k()
        )
    })
}

/// How the run's articles are scored, when cross-fitted, and how folds were assigned.
pub fn cross_fit_line(c: &crate::model::CrossFit) -> String {
    let how = match c.assignment {
        crate::model::Assignment::Order if c.copies().is_empty() => "one per article",
        crate::model::Assignment::Order => "one per article, a copy in its original's",
        crate::model::Assignment::Id(_) => "assigned by article id",
    };
    format!(
        "scoring out-of-fold: {} folds ({how}), each article by a classifier fitted without its fold's articles",
        c.k()
    )
}

/// "trained on N weakly labelled sentences …", the line `run` reports after training.
pub fn trained_line(model: &FramingModel) -> String {
    let t = &model.training;
    format!(
        "trained on {} lexicon-labelled sentences ({} Kremlin, {} Western){} of {} in {} articles; training accuracy {:.3}",
        t.trained_kremlin + t.trained_western,
        t.trained_kremlin,
        t.trained_western,
        propagated_part(model),
        t.sentences,
        t.articles,
        t.training_accuracy
    )
}

/// " and N given their article's side (…)" when label propagation trained on any sentence:
/// those rows are trained on too (at weight β), so a count without them understates training.
pub fn propagated_part(model: &FramingModel) -> String {
    let t = &model.training;
    match t.propagated_kremlin + t.propagated_western {
        0 => String::new(),
        n => format!(
            " and {n} given their article's side by label propagation ({} Kremlin, {} Western, each at weight {:.3})",
            t.propagated_kremlin, t.propagated_western, model.params.propagate_weight
        ),
    }
}
