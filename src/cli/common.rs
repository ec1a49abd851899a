//! Arguments and helpers shared by subcommands: data locations, model and score options,
//! progress bars, problem reporting and exit codes.

use framescope::corpus::{expand_paths, InputProblem, Source};
use framescope::model::ClassifierParams;
use framescope::pipeline::{self, Loaded, Resources};
use framescope::report::{sha256_file, InputRecord};
use framescope::score::ScoreParams;
use framescope::tfidf::TfidfParams;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// How the user wants to be talked to.
pub struct Ui {
    pub quiet: bool,
}

impl Ui {
    /// A spinner on stderr counting items; hidden with --quiet or when stderr is not a
    /// terminal (indicatif's stderr target checks that).
    pub fn spinner(&self, what: &str) -> ProgressBar {
        if self.quiet {
            return ProgressBar::hidden();
        }
        let pb = ProgressBar::new_spinner();
        pb.set_style(ProgressStyle::with_template("{spinner} {msg} {pos} ({per_sec}, {elapsed})").unwrap());
        pb.set_message(what.to_string());
        pb.enable_steady_tick(Duration::from_millis(200));
        pb
    }
}

/// Where the data files and lexicons come from.
#[derive(Debug, Clone, clap::Args)]
pub struct DataArgs {
    /// Folder with boilerplate.txt, self_references.txt, outlets.txt, stopwords.txt
    /// [default: ./data if present, else built-in copies].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Folder with kremlin.txt and western.txt [default: <data>/lexicons].
    #[arg(long, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,
}

impl DataArgs {
    pub fn resources(&self) -> anyhow::Result<Resources> {
        Ok(Resources::from_data(self.data.as_deref(), self.lexicons.as_deref())?)
    }
}

/// Classifier options.
#[derive(Debug, Clone, clap::Args)]
pub struct ModelArgs {
    /// L2 penalty (linfa-logistic alpha = 1/C of scikit-learn).
    #[arg(long, default_value_t = 1.0)]
    pub alpha: f64,
    /// Lexicon margin for a weak label (|Kremlin − Western weight| ≥ margin).
    #[arg(long, default_value_t = 1.0)]
    pub margin: f64,
    /// Cap on labelled training sentences (seeded sample beyond it).
    #[arg(long, default_value_t = 2_000)]
    pub max_train_sentences: usize,
    /// Cap on columns of the dense training matrix (most frequent in training rows).
    #[arg(long, default_value_t = 2_000)]
    pub max_train_features: usize,
    /// Seed for sampling, balancing and bootstrap.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Drop terms in fewer sentences than this.
    #[arg(long, default_value_t = 1)]
    pub min_df: usize,
    /// Drop terms in more than this share of sentences.
    #[arg(long, default_value_t = 1.0)]
    pub max_df: f64,
    /// Keep at most this many terms (most frequent).
    #[arg(long)]
    pub max_features: Option<usize>,
    /// Use raw term counts instead of 1 + ln(count).
    #[arg(long)]
    pub no_sublinear_tf: bool,
    /// Hide lexicon n-grams from the classifier (baseline: what is learned beyond it).
    #[arg(long)]
    pub mask_lexicon: bool,
    /// λ of the lexicon-seeded logit: a sentence's logit is w·x + b + λ·(its net lexicon
    /// weight); 0 = the classifier alone.
    #[arg(long, default_value_t = ClassifierParams::default().lexicon_prior)]
    pub lexicon_prior: f64,
}

impl ModelArgs {
    pub fn params(&self) -> ClassifierParams {
        ClassifierParams {
            alpha: self.alpha,
            margin: self.margin,
            max_train_sentences: self.max_train_sentences,
            max_train_features: self.max_train_features,
            seed: self.seed,
            mask_lexicon: self.mask_lexicon,
            lexicon_prior: self.lexicon_prior,
            tfidf: TfidfParams {
                min_df: self.min_df,
                max_df: self.max_df,
                max_features: self.max_features,
                sublinear_tf: !self.no_sublinear_tf,
            },
            ..ClassifierParams::default()
        }
    }
}

/// Print why a model is weak (few labelled sentences, most lexicon entries never fired),
/// each with its remedy, as warnings on stderr.
pub fn warn_if_weak(model: &framescope::model::FramingModel) {
    for w in model.training.weaknesses() {
        eprintln!("framescope: warning: {w}");
    }
}

/// Scoring options.
#[derive(Debug, Clone, clap::Args)]
pub struct ScoreArgs {
    /// p_kremlin at or above which a sentence counts as Kremlin-framed.
    #[arg(long, default_value_t = 0.6)]
    pub kremlin_threshold: f64,
    /// p_kremlin at or below which a sentence counts as Western-framed.
    #[arg(long, default_value_t = 0.4)]
    pub western_threshold: f64,
    /// Bootstrap resamples for the score interval (0 = none).
    #[arg(long, default_value_t = 1000)]
    pub bootstrap: usize,
}

impl ScoreArgs {
    pub fn params(&self, seed: u64) -> anyhow::Result<ScoreParams> {
        let p = ScoreParams {
            kremlin_threshold: self.kremlin_threshold,
            western_threshold: self.western_threshold,
            bootstrap: self.bootstrap,
            seed,
            top_terms: 5,
        };
        p.check()?;
        Ok(p)
    }
}

/// Expand paths, print problems found while listing folders.
pub fn sources(paths: &[PathBuf]) -> anyhow::Result<(Vec<Source>, Vec<InputProblem>)> {
    let (s, p) = expand_paths(paths)?;
    Ok((s, p))
}

/// The paths a job reads (articles, data and lexicon folders): no output may land on,
/// inside or around one of them.
pub fn input_paths(paths: &[PathBuf], data: &DataArgs) -> Vec<PathBuf> {
    paths
        .iter()
        .chain(data.data.iter())
        .chain(data.lexicons.iter())
        .cloned()
        .collect()
}

/// Stop before anything is swapped in when an input changed while it was being read.
pub fn check_inputs_unchanged(manifest: &framescope::report::RunManifest) -> anyhow::Result<()> {
    check_inputs_unchanged_records(&manifest.inputs)
}

pub fn check_inputs_unchanged_records(inputs: &[InputRecord]) -> anyhow::Result<()> {
    Ok(framescope::report::check_unchanged(inputs)?)
}

/// Swap a job's staged outputs in and say where the previous ones went.
pub fn commit_outputs(staged: framescope::report::StagedDir) -> anyhow::Result<()> {
    let target = staged.target().to_path_buf();
    if let Some(b) = staged.commit()?.backup {
        eprintln!(
            "framescope: previous contents of {} kept as {}",
            target.display(),
            b.display()
        );
    }
    Ok(())
}

/// sha256 of every input file (what `run.json` records). A file that cannot be read is a
/// per-file fault: reported, and dropped from `sources`.
pub fn input_records(sources: &mut Vec<Source>, problems: &mut Vec<InputProblem>) -> Vec<InputRecord> {
    let mut records = Vec::new();
    sources.retain(|s| {
        if matches!(s, Source::Stdin) {
            return true;
        }
        let p = s.path();
        let meta = std::fs::metadata(p).ok();
        match sha256_file(p) {
            Ok(sha256) => {
                records.push(InputRecord {
                    path: p.display().to_string(),
                    bytes: meta.as_ref().map_or(0, |m| m.len()),
                    sha256,
                    modified: meta.and_then(|m| m.modified().ok()),
                });
                true
            }
            Err(e) => {
                let why = match e {
                    framescope::Error::Io { source, .. } => source.to_string(),
                    e => e.to_string(),
                };
                problems.push(InputProblem {
                    path: p.to_path_buf(),
                    line: None,
                    message: format!("cannot read: {why}"),
                    skipped: true,
                });
                false
            }
        }
    });
    records
}

/// Load every article into memory with a progress spinner.
pub fn load(sources: Vec<Source>, res: &Resources, ui: &Ui) -> anyhow::Result<Loaded> {
    let pb = ui.spinner("analysing articles");
    let loaded = pipeline::load_all(sources, res, |n| pb.set_position(n as u64))?;
    pb.finish_and_clear();
    Ok(loaded)
}

/// Load every article, add the load's problems to those found while listing folders, and
/// report them all on stderr; returns the analysed documents.
pub fn load_reported(
    sources: Vec<Source>,
    problems: &mut Vec<InputProblem>,
    res: &Resources,
    ui: &Ui,
) -> anyhow::Result<Vec<framescope::document::Document>> {
    let loaded = load(sources, res, ui)?;
    problems.extend(loaded.problems);
    report_problems(problems);
    Ok(loaded.documents)
}

/// Print problems on stderr, one line each.
pub fn report_problems(problems: &[InputProblem]) {
    for p in problems {
        eprintln!("framescope: {}", framescope::report::escape_control(&p.to_string()));
    }
}

/// 0 when nothing was skipped, 1 when the run finished but skipped inputs.
pub fn exit_code(problems: &[InputProblem]) -> ExitCode {
    if problems.iter().any(|p| p.skipped) {
        let n = problems.iter().filter(|p| p.skipped).count();
        eprintln!("framescope: finished, but {n} input(s) were skipped (exit code 1)");
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Times stages and records their peak memory for run.json.
pub struct Stages {
    pub records: Vec<framescope::report::StageRecord>,
    started: Instant,
}

impl Stages {
    pub fn new() -> Stages {
        framescope::report::reset_peak_rss();
        Stages {
            records: vec![],
            started: Instant::now(),
        }
    }

    /// Close the current stage under `name` and start the next.
    pub fn mark(&mut self, name: &str) {
        self.records.push(framescope::report::StageRecord {
            stage: name.into(),
            seconds: (self.started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
            peak_rss_mb: framescope::report::peak_rss_mb().map(|m| (m * 10.0).round() / 10.0),
        });
        framescope::report::reset_peak_rss();
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
    mut produce: impl FnMut(Loaded) -> framescope::Result<T>,
    mut consume: impl FnMut(T) -> anyhow::Result<()> + Send,
) -> anyhow::Result<()> {
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<T>(1);
        let consumer = scope.spawn(move || -> anyhow::Result<()> {
            for item in rx {
                consume(item)?;
            }
            Ok(())
        });
        // A send fails only when the consumer stopped on an error, reported below.
        let produced = pipeline::for_each_batch(sources, res, batch, |b| {
            let item = produce(b)?;
            tx.send(item)
                .map_err(|_| framescope::Error::io("<output>", std::io::Error::other("writer stopped")))
        });
        drop(tx);
        let consumed = consumer.join().expect("writer thread panicked");
        consumed?;
        produced?;
        Ok(())
    })
}
