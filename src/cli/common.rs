//! Arguments shared by subcommands (data locations, model and score options), the progress
//! bars, and printing helpers. Defaults come from the library's parameter types, so each is
//! written once.

use framescope::corpus::InputProblem;
use framescope::jobs::{DataOptions, Inputs, Progress};
use framescope::model::ClassifierParams;
use framescope::score::ScoreParams;
use framescope::tfidf::TfidfParams;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

/// Progress bars and messages on stderr. Bars are hidden with --quiet or when stderr is not a
/// terminal (indicatif's stderr target checks that); status lines are hidden with --quiet;
/// warnings always show. Control characters in messages (from article ids) are escaped.
pub struct Ui {
    pub quiet: bool,
    bar: Mutex<Option<ProgressBar>>,
}

impl Ui {
    pub fn new(quiet: bool) -> Ui {
        Ui {
            quiet,
            bar: Mutex::new(None),
        }
    }

    fn with_bar(&self, f: impl FnOnce(&ProgressBar)) {
        if let Some(b) = self.bar.lock().expect("progress bar lock").as_ref() {
            f(b);
        }
    }

    /// Print a line on stderr without tearing a bar that is drawing.
    fn line(&self, text: &str) {
        let text = escape(text);
        match self.bar.lock().expect("progress bar lock").as_ref() {
            Some(b) => b.suspend(|| put_line(&text)),
            None => put_line(&text),
        }
    }
}

/// A line on stderr in one write: `eprintln!` writes the text and its newline separately
/// (stderr is unbuffered), so the lines of processes sharing one stderr — Spark's workers —
/// ran into each other (review, session 32). A write of up to 4 kB to a pipe is atomic.
pub fn put_line(text: &str) {
    use std::io::Write;
    let mut line = String::with_capacity(text.len() + 1);
    line.push_str(text);
    line.push('\n');
    // As `eprintln!` does not, a failed write (a closed stderr) is not a panic.
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Text on stdout. Rust ignores SIGPIPE, so a closed pipe (`framescope inspect … | head`) is
/// an error here, and `print!` would panic on it: instead the rest of the printing is dropped
/// quietly, as Unix tools do. The job's outputs are written by the time anything is printed.
/// (Restoring SIGPIPE's default instead, as before, let a closed *stderr* — `framescope run …
/// 2>&1 | head` — kill a job outright, leaving its staging folder and lock; review, session 45.)
pub fn put_out(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// `print!` that does not panic on a closed stdout ([`put_out`]).
#[macro_export]
macro_rules! oprint {
    ($($t:tt)*) => {
        $crate::cli::common::put_out(&format!($($t)*))
    };
}

/// `println!` that does not panic on a closed stdout ([`put_out`]).
#[macro_export]
macro_rules! oprintln {
    () => {
        $crate::cli::common::put_out("\n")
    };
    ($($t:tt)*) => {
        $crate::cli::common::put_out(&format!("{}\n", format_args!($($t)*)))
    };
}

/// `eprintln!` in one write ([`put_line`]).
#[macro_export]
macro_rules! eline {
    ($($t:tt)*) => {
        $crate::cli::common::put_line(&format!($($t)*))
    };
}

impl Progress for Ui {
    fn start(&self, stage: &str) {
        let pb = if self.quiet {
            ProgressBar::hidden()
        } else {
            let pb = ProgressBar::new_spinner();
            pb.set_style(ProgressStyle::with_template("{spinner} {msg} {pos} ({per_sec}, {elapsed})").unwrap());
            pb.set_message(stage.to_string());
            pb.enable_steady_tick(Duration::from_millis(200));
            pb
        };
        if let Some(old) = self.bar.lock().expect("progress bar lock").replace(pb) {
            old.finish_and_clear();
        }
    }

    fn set(&self, done: u64) {
        self.with_bar(|b| b.set_position(done));
    }

    fn inc(&self, n: u64) {
        self.with_bar(|b| b.inc(n));
    }

    fn finish(&self) {
        if let Some(b) = self.bar.lock().expect("progress bar lock").take() {
            b.finish_and_clear();
        }
    }

    fn warn(&self, message: &str) {
        self.line(&format!("framescope: {message}"));
    }

    fn info(&self, message: &str) {
        if !self.quiet {
            // A status note is named like every other line framescope prints about a job
            // (`framescope: note: …`); the other status lines (the summary table, `wrote`)
            // are the job's output.
            if message.starts_with("note: ") {
                self.line(&format!("framescope: {message}"));
            } else {
                self.line(message);
            }
        }
    }
}

/// Text from inputs (ids, titles, sentences) made safe for a terminal (one function for
/// the library and the CLI).
pub use framescope::report::escape_control as escape;

/// Where the data files and lexicons come from.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Input")]
pub struct DataArgs {
    /// Folder of data files (README, "Data files"): boilerplate.txt, self_references.txt,
    /// outlets.txt, stopwords.txt, languages.txt, voice/, actors/, ru/, lexicons/
    /// [default: ./data if present, else built-in copies].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Folder with kremlin.txt and western.txt, and ru/ with the Russian ones (without
    /// DIR/ru/, <data>/lexicons/ru/ is used) [default: <data>/lexicons].
    #[arg(long, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,
}

impl DataArgs {
    pub fn options(&self) -> DataOptions {
        DataOptions {
            data: self.data.clone(),
            lexicons: self.lexicons.clone(),
        }
    }
}

/// Classifier options.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Model")]
pub struct ModelArgs {
    /// L2 penalty (linfa-logistic alpha = 1/C of scikit-learn).
    #[arg(long, default_value_t = ClassifierParams::default().alpha)]
    pub alpha: f64,
    /// Lexicon margin for a weak label (|Kremlin − Western weight| ≥ margin).
    #[arg(long, default_value_t = ClassifierParams::default().margin)]
    pub margin: f64,
    /// Cap on labelled training sentences (beyond it a seeded sample, stratified by side).
    #[arg(long, default_value_t = ClassifierParams::default().max_train_sentences)]
    pub max_train_sentences: usize,
    /// Cap on columns of the dense training matrix (most frequent in training rows).
    #[arg(long, default_value_t = ClassifierParams::default().max_train_features)]
    pub max_train_features: usize,
    /// Seed for sampling, balancing and bootstrap.
    #[arg(long, default_value_t = ClassifierParams::default().seed)]
    pub seed: u64,
    /// Drop terms in fewer sentences than this.
    #[arg(long, default_value_t = TfidfParams::default().min_df)]
    pub min_df: usize,
    /// Drop terms in more than this share of sentences.
    #[arg(long, default_value_t = TfidfParams::default().max_df)]
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
    /// Label propagation (0 = off): sentences the lexicon leaves unlabelled take their
    /// article's side at this sample weight β (1/k, e.g. 0.3333333333333333) when the
    /// article's net lexicon weight per sentence is at least --propagate-tau.
    #[arg(long, value_name = "BETA", default_value_t = ClassifierParams::default().propagate_weight)]
    pub propagate_weight: f64,
    /// τ of label propagation (see --propagate-weight).
    #[arg(long, value_name = "TAU", default_value_t = ClassifierParams::default().propagate_tau)]
    pub propagate_tau: f64,
    /// Weight q of quoted words in the voice-weighted framing_score: a sentence's evidence is
    /// the word-weighted mean of its own-voice and quoted parts' (2p − 1), quoted words at q
    /// (0 = quotes ignored, 1 = as the outlet's own words).
    #[arg(long, value_name = "Q", default_value_t = ClassifierParams::default().quoted_weight.unwrap_or_default(), conflicts_with = "mean_score")]
    pub quoted_weight: f64,
    /// framing_score as the plain mean of (2·p_kremlin − 1) over sentences, without the
    /// voice weighting (the score of models before format 3).
    #[arg(long)]
    pub mean_score: bool,
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
            propagate_weight: self.propagate_weight,
            propagate_tau: self.propagate_tau,
            quoted_weight: (!self.mean_score).then_some(self.quoted_weight),
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

/// Scoring options.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Scoring")]
pub struct ScoreArgs {
    #[command(flatten)]
    pub thresholds: ThresholdArgs,
    /// Bootstrap resamples for the score interval: 0 (none) or at least 100.
    #[arg(long, default_value_t = ScoreParams::default().bootstrap)]
    pub bootstrap: usize,
}

impl ScoreArgs {
    /// The scoring parameters (the job sets the seed).
    pub fn params(&self) -> ScoreParams {
        ScoreParams {
            bootstrap: self.bootstrap,
            ..self.thresholds.params()
        }
    }
}

/// The sentence thresholds alone: `keyness --by label` groups sentences by them, and an
/// article's interval (`--bootstrap`) would do nothing there (it was offered and ignored).
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Scoring")]
pub struct ThresholdArgs {
    /// p_kremlin, measured from the no-evidence point (p − c/2, c = score_offset), at or
    /// above which a sentence counts as Kremlin-framed.
    #[arg(long, default_value_t = ScoreParams::default().kremlin_threshold)]
    pub kremlin_threshold: f64,
    /// p_kremlin, measured from the no-evidence point (p − c/2), at or below which a sentence
    /// counts as Western-framed.
    #[arg(long, default_value_t = ScoreParams::default().western_threshold)]
    pub western_threshold: f64,
}

impl ThresholdArgs {
    /// The scoring parameters with these thresholds and no bootstrap (the job sets the seed).
    pub fn params(&self) -> ScoreParams {
        ScoreParams {
            kremlin_threshold: self.kremlin_threshold,
            western_threshold: self.western_threshold,
            bootstrap: 0,
            ..ScoreParams::default()
        }
    }
}

/// Inputs read from paths.
pub fn inputs(paths: &[PathBuf]) -> Inputs {
    Inputs::paths(paths.iter().cloned())
}

/// The exit status of `score`, one rule for `--stdout` and tables: 0 when every record was
/// scored, 1 when some were skipped, 2 (an error) when none could be scored. With `skip_ok`
/// (a pipe stage, where bad records and empty partitions are routine): 0 once the job ran;
/// the skips were reported already.
pub fn score_exit_code(scored: usize, problems: &[InputProblem], skip_ok: bool, ui: &Ui) -> anyhow::Result<ExitCode> {
    let skipped = problems.iter().filter(|p| p.skipped).count();
    if skip_ok {
        if skipped > 0 {
            ui.warn(&format!(
                "finished; {skipped} input(s) skipped and reported (--skip-ok: exit code 0)"
            ));
        }
        return Ok(ExitCode::SUCCESS);
    }
    if scored == 0 {
        anyhow::bail!(framescope::jobs::nothing_to_score(skipped));
    }
    Ok(exit_code(problems, ui))
}

/// 0 when nothing was skipped, 1 when the job finished but skipped inputs.
pub fn exit_code(problems: &[InputProblem], ui: &Ui) -> ExitCode {
    match skipped_summary(problems) {
        Some(what) => {
            ui.warn(&format!("finished, but {what} (exit code 1)"));
            ExitCode::from(1)
        }
        None => ExitCode::SUCCESS,
    }
}

/// What was skipped, said as what it is: `manifest.csv` rows that were not used (a row naming
/// no file of its folder, a malformed row) are counted apart from skipped inputs, so a folder
/// holding part of a larger manifest does not read as lost articles. `None` when nothing was.
fn skipped_summary(problems: &[InputProblem]) -> Option<String> {
    let skipped = problems.iter().filter(|p| p.skipped);
    // A row is on line 2 or later: a manifest.csv given as an input and skipped whole (no
    // `text` column, on line 1) is a skipped input (review, session 41).
    let rows = skipped
        .clone()
        .filter(|p| p.path.file_name().is_some_and(|f| f == "manifest.csv") && p.line.is_some_and(|l| l >= 2))
        .count();
    match (skipped.count() - rows, rows) {
        (0, 0) => None,
        (n, 0) => Some(format!("{n} input(s) were skipped")),
        (0, r) => Some(format!("{r} manifest.csv row(s) were not used (each reported above)")),
        (n, r) => Some(format!(
            "{n} input(s) were skipped and {r} manifest.csv row(s) not used"
        )),
    }
}

#[cfg(test)]
mod skipped_tests {
    use super::*;

    fn problem(path: &str) -> InputProblem {
        InputProblem {
            path: path.into(),
            line: Some(2),
            message: "x".into(),
            skipped: true,
            id: None,
        }
    }

    #[test]
    fn unused_manifest_rows_are_not_called_skipped_inputs() {
        let (a, m) = (problem("in/bad.jsonl"), problem("in/manifest.csv"));
        let warn = InputProblem {
            skipped: false,
            ..problem("in/a.txt")
        };
        assert_eq!(skipped_summary(std::slice::from_ref(&warn)), None);
        assert_eq!(skipped_summary(&[a.clone(), warn]).unwrap(), "1 input(s) were skipped");
        assert_eq!(
            skipped_summary(&[m.clone(), m.clone()]).unwrap(),
            "2 manifest.csv row(s) were not used (each reported above)"
        );
        assert_eq!(
            skipped_summary(&[a, m]).unwrap(),
            "1 input(s) were skipped and 1 manifest.csv row(s) not used"
        );
        // A manifest.csv given as a CSV of articles and skipped whole (line 1: its header has
        // no `text` column) is a skipped input, not a row.
        let whole = InputProblem {
            line: Some(1),
            ..problem("in/manifest.csv")
        };
        assert_eq!(skipped_summary(&[whole]).unwrap(), "1 input(s) were skipped");
    }
}
