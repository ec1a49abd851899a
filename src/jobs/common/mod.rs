//! What jobs share: where data and inputs come from, loading with progress, stage timing, and
//! the two-thread batch pipeline of `run` and `score`.

use super::Progress;
use crate::corpus::{expand_paths, Article, InputProblem, Source};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::pipeline::{self, Loaded, Resources};
use crate::report::{self, sha256_file, InputRecord, StageRecord};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// Where the data files and lexicons come from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DataOptions {
    /// Folder with boilerplate.txt, self_references.txt, outlets.txt, stopwords.txt
    /// (`None`: ./data if present, else built-in copies).
    pub data: Option<PathBuf>,
    /// Folder with kremlin.txt and western.txt (`None`: `<data>/lexicons`).
    pub lexicons: Option<PathBuf>,
}

impl DataOptions {
    /// The analyzer, cleaner and lexicon these files make.
    pub fn resources(&self) -> Result<Resources> {
        Resources::from_data(self.data.as_deref(), self.lexicons.as_deref())
    }

    /// [`resources`](Self::resources), saying first which built-in copies stand in
    /// ([`announce_builtin_data`]): what every job that reads the data files starts with.
    pub fn resources_announced(&self, progress: &dyn Progress) -> Result<Resources> {
        let files = crate::data::provenance(self.data.as_deref(), self.lexicons.as_deref())?;
        announce_builtin_data(self, &files, progress);
        self.resources()
    }
}

/// Built-in data copies in use: a status note when there is no data folder at all (an
/// installed binary run elsewhere), a warning naming the files a data folder lacks (they are
/// read from the built-in copies: a folder without `languages.txt` still analyses Russian).
/// Returns the warning, which `run` also records in run.json.
pub fn announce_builtin_data(
    data: &DataOptions,
    files: &[crate::data::DataFileRecord],
    progress: &dyn Progress,
) -> Option<String> {
    match crate::data::builtin_notice(data.data.as_deref(), files) {
        Some(crate::data::BuiltinNotice::Note(n)) => {
            progress.info(&n);
            None
        }
        Some(crate::data::BuiltinNotice::Warning(w)) => {
            progress.warn(&w);
            Some(w)
        }
        None => None,
    }
}

/// A note when a job reads the built-in seed articles (`path` is one of its inputs): `run`,
/// `train`, `lexicon` and `eval` fall back to them outside the repository, and a model or
/// report of the five built-in seeds made in the wrong folder should say so (review U,
/// session 56: `train` and `lexicon` did it without a word).
pub fn announce_builtin_seeds<'a>(paths: impl IntoIterator<Item = &'a Path>, progress: &dyn Progress) {
    if !paths
        .into_iter()
        .any(|p| p == Path::new(crate::corpus::BUILTIN_SEEDS_NAME))
    {
        return;
    }
    let n = crate::corpus::BUILTIN_SEEDS.len();
    progress.info(&if Path::new("seeds").is_dir() {
        format!(
            "note: using the {n} built-in seed articles ({})",
            crate::corpus::BUILTIN_SEEDS_NAME
        )
    } else {
        format!("note: no ./seeds folder here: using the {n} built-in seed articles (pass --seeds DIR for others)")
    });
}

/// How articles held in memory by a library caller are named in problems and run.json.
pub const MEMORY_NAME: &str = "<memory>";

/// A job's articles: files and folders (`-` = JSONL on stdin), then articles already in
/// memory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inputs {
    /// Files, folders, JSONL, CSV, in order.
    pub paths: Vec<PathBuf>,
    /// Articles held by the caller, read after `paths` (named `<memory>` in problems).
    pub articles: Vec<Article>,
    /// Records the caller could not make articles of (the Python package's rows with a
    /// value of the wrong type, say): reported by the job first, with the problems it finds,
    /// and recorded in its run.json, as a skipped JSONL line is.
    pub rejected: Vec<InputProblem>,
}

impl Inputs {
    /// Inputs read from these paths.
    pub fn paths<P: Into<PathBuf>>(paths: impl IntoIterator<Item = P>) -> Inputs {
        Inputs {
            paths: paths.into_iter().map(Into::into).collect(),
            articles: Vec::new(),
            rejected: Vec::new(),
        }
    }

    /// Inputs already in memory.
    pub fn articles(articles: Vec<Article>) -> Inputs {
        Inputs {
            paths: Vec::new(),
            articles,
            rejected: Vec::new(),
        }
    }

    /// No paths and no articles (a job on the seeds alone; `run` and `train` beside seeds
    /// are in corpus mode otherwise).
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && self.articles.is_empty()
    }

    /// Expand the paths into sources (the records rejected before the job, then the problems
    /// found while listing folders, come back too).
    pub fn sources(&self) -> Result<(Vec<Source>, Vec<InputProblem>)> {
        let (mut sources, listed) = expand_paths(&self.paths)?;
        let problems = self.rejected.iter().cloned().chain(listed).collect();
        if !self.articles.is_empty() {
            sources.push(Source::Memory {
                name: PathBuf::from(MEMORY_NAME),
                articles: Arc::new(self.articles.clone()),
            });
        }
        Ok((sources, problems))
    }

    /// The inputs named for a message: the paths, comma-separated.
    pub fn describe(&self) -> String {
        let mut names: Vec<String> = self.paths.iter().map(|p| p.display().to_string()).collect();
        if !self.articles.is_empty() {
            names.push(MEMORY_NAME.into());
        }
        names.join(", ")
    }

    /// Drop every path that names the same file or folder as an earlier one (compared by
    /// canonical path; `-` and names that do not resolve, such as `<built-in>/seeds`, by
    /// spelling), so that `run seeds` reads the seed folder once instead of reporting each
    /// seed as a duplicate of itself. A folder (or file) holding exactly the built-in seed
    /// files, byte for byte, is the same as `<built-in>/seeds` (or that seed): `run
    /// ~/framescope/seeds` run elsewhere, where the seeds are the built-in ones. Returns
    /// (dropped, the earlier path), in order.
    pub fn drop_repeated_paths(&mut self) -> Vec<(PathBuf, PathBuf)> {
        let mut seen: Vec<(PathBuf, PathBuf)> = Vec::new();
        let mut dropped = Vec::new();
        let builtin = Path::new(crate::corpus::BUILTIN_SEEDS_NAME);
        // Every folder named, before or after: a file in one is read with it.
        let folders: Vec<(PathBuf, PathBuf)> = self
            .paths
            .iter()
            .filter(|p| p.is_dir())
            .filter_map(|p| Some((std::fs::canonicalize(p).ok()?, p.clone())))
            .collect();
        self.paths.retain(|p| {
            let key = if p.as_os_str() == "-" {
                p.clone()
            } else if let Some(copy) = builtin_seed_copy(p) {
                copy
            } else {
                std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())
            };
            // One built-in seed's copy is read already when all of them are.
            let whole = (key.parent() == Some(builtin))
                .then(|| seen.iter().find(|(k, _)| k == builtin))
                .flatten();
            // A file in a folder also named (`labeled labeled/a.txt`, `labeled/a.txt labeled`,
            // or a link to `labeled/a.txt` under another name) is read with that folder: read
            // twice under two ids, it was trained on twice without a word (review, session 30).
            let in_folder = || {
                let parent = key.parent()?;
                let article = key
                    .extension()
                    .is_some_and(|x| crate::corpus::is_article_extension(&x.to_string_lossy().to_ascii_lowercase()));
                let name = key.file_name()?.to_string_lossy();
                let read = article
                    && key.is_file()
                    && crate::corpus::read_by_folder(&name)
                    && !crate::corpus::is_output_folder(parent);
                read.then(|| folders.iter().find(|(k, _)| k == parent)).flatten()
            };
            match whole
                .or_else(|| seen.iter().find(|(k, _)| *k == key))
                .or_else(in_folder)
            {
                Some((_, first)) if p.as_os_str() != "-" => {
                    dropped.push((p.clone(), first.clone()));
                    false
                }
                _ => {
                    seen.push((key, p.clone()));
                    true
                }
            }
        });
        dropped
    }

    /// These inputs with every path that repeats an earlier one dropped
    /// ([`drop_repeated_paths`](Self::drop_repeated_paths)), each said in a note: every
    /// command reads a path named twice once (`run` did; the others reported each article of
    /// it as a duplicate). `seeds` names the seed folder in the note.
    pub fn read_once(&self, seeds: Option<&Path>, progress: &dyn super::Progress) -> Inputs {
        let mut inputs = self.clone();
        for (again, first) in inputs.drop_repeated_paths() {
            let builtin = Path::new(crate::corpus::BUILTIN_SEEDS_NAME);
            let what = if again.as_path() != builtin && first.as_path() == builtin {
                if again.is_dir() {
                    format!(
                        "a copy of the built-in seed articles ({}), byte for byte",
                        builtin.display()
                    )
                } else {
                    format!(
                        "a copy of a built-in seed article ({}), byte for byte",
                        builtin.display()
                    )
                }
            } else if seeds == Some(first.as_path()) {
                // The seeds may be one file (a JSONL of seeds): not "the seed folder" then
                // (review, session 42).
                let kind = if first.is_dir() { "seed folder" } else { "seed file" };
                format!("the {kind} {} too", first.display())
            } else if again.is_file() && first.is_dir() {
                format!("in {}, also named", first.display())
            } else {
                format!("the same as {}", first.display())
            };
            progress.info(&format!("note: {} is {what}: read once", again.display()));
        }
        inputs
    }

    /// Is any path `-` (stdin, readable only once)?
    pub fn reads_stdin(&self) -> bool {
        self.paths.iter().any(|p| p.as_os_str() == "-")
    }
}

/// `<built-in>/seeds` when `p` is a folder whose files (dot-files aside) are exactly the
/// built-in seed files, name and bytes; `<built-in>/seeds/NAME` when `p` is a file with a
/// built-in seed's name and bytes; otherwise `None`. Reads at most the seeds' few kilobytes:
/// a folder is given up on at its first file that is not a seed.
fn builtin_seed_copy(p: &Path) -> Option<PathBuf> {
    use crate::corpus::{BUILTIN_SEEDS, BUILTIN_SEEDS_NAME};
    let same = |file: &Path, name: &str| {
        BUILTIN_SEEDS
            .iter()
            .find(|(n, _)| *n == name)
            .is_some_and(|(_, text)| std::fs::read(file).is_ok_and(|b| b == text.as_bytes()))
    };
    let meta = std::fs::metadata(p).ok()?;
    if meta.is_file() {
        let name = p.file_name()?.to_str()?;
        return same(p, name).then(|| Path::new(BUILTIN_SEEDS_NAME).join(name));
    }
    let mut found = 0;
    for entry in std::fs::read_dir(p).ok()? {
        let entry = entry.ok()?;
        let name = entry.file_name();
        let name = name.to_str()?;
        if name.starts_with('.') {
            continue;
        }
        if !std::fs::metadata(entry.path()).ok()?.is_file() || !same(&entry.path(), name) {
            return None;
        }
        found += 1;
    }
    (found == BUILTIN_SEEDS.len()).then(|| PathBuf::from(BUILTIN_SEEDS_NAME))
}

/// Seed files with the same bytes as an earlier seed file (one article copied under another
/// name) are each reported and skipped: a labelled article given twice counts twice in
/// training, and the retrain summary then showed only a seed added (review, session 32).
/// Articles beside the seeds are kept: wire copy under two outlets' names is two
/// publications. `records` are [`input_records`]' for `sources`.
pub fn drop_repeated_seeds(
    sources: &mut Vec<Source>,
    records: &[InputRecord],
    is_seed: impl Fn(&Path) -> bool,
    problems: &mut Vec<InputProblem>,
) {
    // By the path as read (`os_path`): two names that differ only in bytes that are not
    // UTF-8 display alike.
    let sha: std::collections::HashMap<&Path, &str> = records
        .iter()
        .filter_map(|r| Some((r.os_path.as_deref()?, r.sha256.as_str())))
        .collect();
    let mut first: std::collections::HashMap<&str, PathBuf> = Default::default();
    sources.retain(|s| {
        let Source::Text { path, .. } = s else { return true };
        if !is_seed(path) {
            return true;
        }
        let Some(&h) = sha.get(path.as_path()) else {
            return true;
        };
        match first.get(h) {
            Some(f) => {
                problems.push(InputProblem {
                    path: path.clone(),
                    line: None,
                    message: format!(
                        "the same bytes as the seed {}: a seed given twice would count twice in training",
                        f.display()
                    ),
                    skipped: true,
                    id: None,
                });
                false
            }
            None => {
                first.insert(h, path.clone());
                true
            }
        }
    });
}

/// sha256 of every input file (what `run.json` records; stdin has none), with size and
/// modification time to see a change during the job. Articles in memory are hashed as the
/// JSON lines of their articles ([`memory_record`]). A file that cannot be read is a
/// per-file fault: reported in `problems` and dropped from `sources`.
///
/// A folder's `manifest.csv` is recorded once, before the first file it describes, with the
/// hash of the bytes it was read from ([`crate::corpus::Manifest::record`]).
pub fn input_records(sources: &mut Vec<Source>, problems: &mut Vec<InputProblem>) -> Vec<InputRecord> {
    let mut records: Vec<InputRecord> = Vec::new();
    // Manifests recorded so far (a scan of `records` per file was quadratic in a folder).
    let mut manifests: std::collections::HashSet<String> = Default::default();
    sources.retain(|s| {
        if let Source::Memory { name, articles } = s {
            records.push(memory_record(name, articles));
            return true;
        }
        if let Source::Text { manifest: Some(m), .. } = s {
            if manifests.insert(m.record.path.clone()) {
                records.push(m.record.clone());
            }
        }
        if matches!(s, Source::Stdin) {
            return true;
        }
        let p = s.path();
        match file_record(p) {
            Ok(r) => {
                records.push(r);
                true
            }
            Err(e) => {
                let why = match e {
                    Error::Io { source, .. } => source.to_string(),
                    e => e.to_string(),
                };
                problems.push(InputProblem {
                    path: p.to_path_buf(),
                    line: None,
                    message: format!("cannot read: {why}"),
                    skipped: true,
                    id: None,
                });
                false
            }
        }
    });
    records
}

/// What an add-on job (`keyness`, `overlap`, `lexicon --report`, `eval --out`, `diff`,
/// `export-training`) read, for the `<command>.run.json` it writes beside its files
/// ([`report::StagedFiles::write_record`]): its inputs with their sha256 (files that cannot
/// be read are reported in `problems` and dropped from `sources`, as `run` does), the data
/// files and lexicon hash of `res`, and the model file's sha256 when it read one.
pub fn addon_record(
    command: &str,
    sources: &mut Vec<Source>,
    problems: &mut Vec<InputProblem>,
    data: &DataOptions,
    res: &Resources,
    model: Option<&Path>,
) -> Result<report::RunManifest> {
    let mut m = report::RunManifest::new(command);
    m.inputs = input_records(sources, problems);
    m.lexicon_sha256 = Some(res.lexicon.hash());
    match model {
        Some(p) => m.model_sha256 = Some(report::sha256_file(p)?),
        None => m.data_files = crate::data::provenance(data.data.as_deref(), data.lexicons.as_deref())?,
    }
    Ok(m)
}

/// One input file's record: its sha256, size and modification time.
pub fn file_record(p: &Path) -> Result<InputRecord> {
    let meta = std::fs::metadata(p).ok();
    Ok(InputRecord {
        path: crate::corpus::path_text(p),
        bytes: meta.as_ref().map_or(0, |m| m.len()),
        sha256: sha256_file(p)?,
        modified: meta.as_ref().map(crate::report::FileStamp::of),
        in_memory: false,
        os_path: Some(p.to_path_buf()),
    })
}

/// Articles in memory as an input record: the sha256 and size of their JSON lines (one
/// article per line, in order), so the same articles always get the same hash.
pub fn memory_record(name: &Path, articles: &[Article]) -> InputRecord {
    let mut h = Sha256::new();
    let mut bytes = 0;
    for a in articles {
        // An Article (strings, options, an enum) always serialises.
        let line = serde_json::to_string(a).unwrap_or_default();
        h.update(line.as_bytes());
        h.update(b"\n");
        bytes += line.len() as u64 + 1;
    }
    InputRecord {
        path: name.display().to_string(),
        bytes,
        sha256: format!("{:x}", h.finalize()),
        modified: None,
        in_memory: true,
        os_path: None,
    }
}

/// The paths a job reads (articles, data and lexicon folders): no output may land on, inside
/// or around one of them.
pub fn input_paths(inputs: &Inputs, data: &DataOptions) -> Vec<PathBuf> {
    // The data folder read: `--data`, else `./data` when there (a job reads it as much as
    // a named one, so `train --model data/lexicons/kremlin.txt` must be refused too).
    let data_dir = data.data.clone().or_else(crate::data::default_dir);
    inputs
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .chain(data_dir.iter())
        .chain(data.lexicons.iter())
        .cloned()
        .collect()
}

/// Stage an update of the output folder `out` (`chart`, `report`: [`report::StagedDir::update`]).
/// A folder that is not there, or holds no scores, is said as the reading of its scores says
/// it ("not found (run `framescope run` or `framescope score` first)"), before anything else.
pub fn stage_update(out: &Path) -> Result<report::StagedDir> {
    if !out.join("scores.csv").is_file() {
        report::read_scores(&out.join("scores.csv"))?;
    }
    report::StagedDir::update(out)
}

/// Swap a job's staged outputs in; the previous contents' new name, when kept (as
/// [`report::StagedDir::plan_backup`] planned it, when it was called).
pub fn commit_outputs(staged: report::StagedDir, progress: &dyn Progress) -> Result<Option<PathBuf>> {
    let target = staged.target().to_path_buf();
    let backup = staged.commit()?.backup;
    if let Some(b) = &backup {
        progress.warn(&format!(
            "previous contents of {} kept as {}",
            target.display(),
            b.display()
        ));
    }
    Ok(backup)
}

/// The input problems, as printed, ahead of the manifest's notes (run.json's `problems`).
/// Before the report is written: it lists the skipped inputs.
pub fn record_problems(manifest: &mut report::RunManifest, problems: &[InputProblem]) {
    let notes = std::mem::take(&mut manifest.problems);
    manifest.problems = problems.iter().map(|p| p.to_string()).chain(notes).collect();
}

/// The last steps of a job writing a folder (`run`, `score`): the stage timings, the folder's README, a check that no input
/// changed meanwhile, run.json, then the staged folder swapped in ([`commit_outputs`]).
/// A `compared_with` naming the folder being replaced (`retrain`) is set to where its
/// contents are kept, decided before run.json is written.
pub fn finish_folder(
    mut staged: report::StagedDir,
    manifest: &mut report::RunManifest,
    stages: Stages,
    progress: &dyn Progress,
) -> Result<Option<PathBuf>> {
    let out = staged.path().to_path_buf();
    manifest.stages = stages.records;
    settle_compared_with(&mut staged, manifest)?;
    report::check_unchanged(&manifest.inputs)?;
    manifest.write(&out.join("run.json"))?;
    commit_outputs(staged, progress)
}

/// Write the folder's README (once) and, when `compared_with` names the folder being
/// replaced (`retrain`), set it to where its contents will be kept. Called before the report
/// is rendered too, so that its "What changed" names the kept folder (`output.<time>/`), not
/// the folder the new outputs replace (review, session 34); only run.json and report.html
/// may be written after it (the backup is planned without them). Returns where the earlier
/// outputs compared with will be kept, as the backup is named (`out.<time>`, or a file in
/// it), when they are `--out`'s own.
pub fn settle_compared_with(
    staged: &mut report::StagedDir,
    manifest: &mut report::RunManifest,
) -> Result<Option<PathBuf>> {
    let out = staged.path().to_path_buf();
    if !out.join("README.md").exists() {
        let readme = report::write_folder_readme(&out)?;
        manifest.add_output(&readme)?;
    }
    // Both absolute: `compared_with` is ([`super::run`]).
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let target = absolute(staged.target());
    // The folder itself, or a file in it (`--compare-to output/model.json`, review, session
    // 42: run.json named the path the new model took): where the earlier one is kept now.
    let within = (manifest.compared_with.as_deref())
        .and_then(|c| Path::new(c).strip_prefix(&target).ok().map(Path::to_path_buf));
    if let Some(rest) = within {
        if let Some(b) = staged.plan_backup() {
            let kept = if rest.as_os_str().is_empty() { b } else { b.join(rest) };
            manifest.compared_with = Some(absolute(&kept).display().to_string());
            return Ok(Some(kept));
        }
    }
    Ok(None)
}

/// The inputs a model was trained on, as model.json records them (path, sha256): every input
/// read, less the files skipped whole (an empty or binary seed file gave no article; review,
/// session 42: they were listed as training inputs). A file with some bad lines is kept: its
/// other lines trained the model. Sorted by path: the model does not depend on the order
/// the inputs were named in (a shell glob's order follows the locale), so its record does not
/// either.
pub fn training_inputs(inputs: &[report::InputRecord], problems: &[InputProblem]) -> Vec<(String, String)> {
    let skipped: std::collections::HashSet<String> = problems
        .iter()
        .filter(|p| p.skipped && p.line.is_none())
        .map(|p| p.path.display().to_string())
        .collect();
    inputs
        .iter()
        .filter(|i| !skipped.contains(&i.path))
        .map(|i| (i.path.clone(), i.sha256.clone()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Load every article into memory, counting them under `stage`.
pub fn load(sources: Vec<Source>, res: &Resources, stage: &str, progress: &dyn Progress) -> Result<Loaded> {
    progress.start(stage);
    let loaded = pipeline::load_all(sources, res, |n| progress.set(n as u64))?;
    progress.finish();
    Ok(loaded)
}

/// Load every article, add the load's problems to those found while listing folders, and
/// report them all; returns the analysed documents.
pub fn load_reported(
    sources: Vec<Source>,
    problems: &mut Vec<InputProblem>,
    res: &Resources,
    progress: &dyn Progress,
) -> Result<Vec<Document>> {
    let loaded = load(sources, res, "analysing articles", progress)?;
    problems.extend(loaded.problems);
    report_problems(problems, progress);
    Ok(loaded.documents)
}

/// [`load_reported`] without holding the corpus: each batch's analysed documents go to
/// `each` and are dropped after it, so memory holds a batch, not every article (`kwic`,
/// `lexicon` at a million articles). Returns the number of documents.
pub fn stream_reported(
    sources: Vec<Source>,
    problems: &mut Vec<InputProblem>,
    res: &Resources,
    progress: &dyn Progress,
    mut each: impl FnMut(Vec<Document>) -> Result<()>,
) -> Result<usize> {
    progress.start("analysing articles");
    let mut n = 0;
    pipeline::for_each_batch(sources, res, pipeline::BATCH, |b| {
        problems.extend(b.problems);
        n += b.documents.len();
        progress.set(n as u64);
        each(b.documents)
    })?;
    progress.finish();
    report_problems(problems, progress);
    Ok(n)
}

/// Report problems, one message each.
pub fn report_problems(problems: &[InputProblem], progress: &dyn Progress) {
    for p in problems {
        progress.warn(&p.to_string());
    }
}

/// Report why a model is weak (few labelled sentences, most lexicon entries never fired),
/// each with its remedy; returns the warnings as reported (`warning: weak model: …`), for
/// run.json's `problems`.
pub fn warn_if_weak(model: &crate::model::FramingModel, progress: &dyn Progress) -> Vec<String> {
    warn_each("warning", model.training.weaknesses(), progress)
}

/// Warn when the model just written (`bytes` long) is over the size that loading it allows
/// by default ([`crate::model::validate::size_warning`]); returns the line as reported, for
/// run.json's `problems`.
pub fn warn_if_too_large(model: &crate::model::FramingModel, bytes: u64, progress: &dyn Progress) -> Vec<String> {
    let cap = crate::model::validate::max_model_bytes();
    let warning = crate::model::validate::size_warning(bytes, cap, model.tfidf.n_features());
    warn_each("warning", warning.into_iter().collect(), progress)
}

/// Report each message on stderr as `<kind>: message`; returns them as reported, for
/// run.json's `problems`.
pub fn warn_each(kind: &str, messages: Vec<String>, progress: &dyn Progress) -> Vec<String> {
    let lines: Vec<String> = messages.into_iter().map(|m| format!("{kind}: {m}")).collect();
    lines.iter().for_each(|l| progress.warn(l));
    lines
}

/// Times stages and records their peak memory for run.json.
pub struct Stages {
    pub records: Vec<StageRecord>,
    started: Instant,
}

impl Stages {
    pub fn new() -> Stages {
        report::reset_peak_rss();
        Stages {
            records: vec![],
            started: Instant::now(),
        }
    }

    /// Close the current stage under `name` and start the next.
    pub fn mark(&mut self, name: &str) {
        self.records.push(StageRecord {
            stage: name.into(),
            seconds: (self.started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
            peak_rss_mb: report::stage_peak_rss_mb().map(|m| (m * 10.0).round() / 10.0),
        });
        report::reset_peak_rss();
        self.started = Instant::now();
    }
}

/// Read, analyse and `produce` batch by batch on this thread (which fans out to the thread
/// pool), while `consume` runs on a second thread: sequential work such as writing tables
/// then overlaps the next batch's analysis instead of leaving the other cores idle. Batches
/// reach `consume` in input order; at most one waits between the two.
pub fn pipelined<T: Send>(
    sources: Vec<Source>,
    res: &Resources,
    batch: usize,
    produce: impl FnMut(Loaded) -> Result<T>,
    consume: impl FnMut(T) -> Result<()> + Send,
) -> Result<()> {
    pipelined_from(
        |each| pipeline::for_each_batch(sources, res, batch, each),
        produce,
        consume,
    )
}

/// [`pipelined`] over the batches `batches` gives its callback, in order (`run`'s pass 2:
/// the batches pass 1 kept, [`pipeline::for_each_kept_batch`]). Three stages, each on its
/// own thread: `batches` reads (and decodes or analyses) the next batch while this thread
/// `produce`s the current one on the pool and `consume` writes the one before, so the
/// sequential parts (reading, decoding, writing) overlap the parallel one instead of leaving
/// the pool idle. At most one batch waits between two stages; order is kept.
pub fn pipelined_from<T: Send>(
    batches: impl FnOnce(&mut dyn FnMut(Loaded) -> Result<()>) -> Result<()> + Send,
    mut produce: impl FnMut(Loaded) -> Result<T>,
    mut consume: impl FnMut(T) -> Result<()> + Send,
) -> Result<()> {
    // A send fails only when the next stage stopped on an error, reported below.
    let stopped = || Error::io("<output>", std::io::Error::other("writer stopped"));
    std::thread::scope(|scope| {
        let (tx_in, rx_in) = std::sync::mpsc::sync_channel::<Loaded>(1);
        let (tx_out, rx_out) = std::sync::mpsc::sync_channel::<T>(1);
        let reader = scope.spawn(move || -> Result<()> { batches(&mut |b| tx_in.send(b).map_err(|_| stopped())) });
        let consumer = scope.spawn(move || -> Result<()> {
            for item in rx_out {
                consume(item)?;
            }
            Ok(())
        });
        let produced = rx_in
            .into_iter()
            .try_for_each(|b| tx_out.send(produce(b)?).map_err(|_| stopped()));
        // Dropping the receiver and the sender ends the other two stages, error or not.
        drop(tx_out);
        let read = reader.join().expect("reader thread panicked");
        let consumed = consumer.join().expect("writer thread panicked");
        // A stage that stops on an error makes the stages before it fail to send ("writer
        // stopped"), never the ones after it: so the last stage's error is the cause.
        consumed?;
        produced?;
        read?;
        Ok(())
    })
}

pub use crate::report::{folder_model, FolderModel};

#[cfg(test)]
mod tests;
