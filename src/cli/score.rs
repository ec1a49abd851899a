//! `framescope score`: score articles with a saved model ([`framescope::jobs::score`]); with
//! `--stdout`, one JSON line per input record goes to stdout, scored or skipped (for
//! `RDD.pipe` or any batch system; [`framescope::report::jsonl`]).

use super::common::{self, shown, ScoreArgs, Ui};
use framescope::jobs::{self, ScoreOptions, ScoreTarget, TableFormat};
use framescope::pipeline;
use framescope::score::ArticleScore;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The model to score with.
    #[arg(long, default_value = "output/model.json", help_heading = "Model")]
    pub model: PathBuf,
    /// Output folder for scores.csv, sentences.csv, cleaning.csv, run.json (replaced as a
    /// whole; its previous contents are kept as a dated backup beside it).
    #[arg(long, default_value = "scored", help_heading = "Output")]
    pub out: PathBuf,
    /// Write one JSON line per input record to stdout instead of tables: the article's scores
    /// and sentences, or `{"id", "skipped", "origin"}` for a record that was skipped.
    #[arg(long, help_heading = "Output")]
    pub stdout: bool,
    /// Leave sentences out: no `sentences` in --stdout lines, no sentences table.
    #[arg(long, help_heading = "Output")]
    pub no_sentences: bool,
    /// Skipped records are expected (a pipe stage): exit 0 once the job ran, even when some
    /// or all records were skipped (each is still reported). Without it: 1 when some were
    /// skipped, 2 when none could be scored.
    #[arg(long, help_heading = "Output")]
    pub skip_ok: bool,
    /// Format of the scores and sentences tables (the other tables stay CSV).
    #[arg(long, value_enum, default_value_t = Format::Csv, help_heading = "Output")]
    pub format: Format,
    /// Articles per parallel batch (bounds memory).
    #[arg(long, default_value_t = pipeline::BATCH, help_heading = "Input")]
    pub batch: usize,
    #[command(flatten)]
    pub score: ScoreArgs,
    /// Articles to score (files, folders, JSONL, CSV; `-` = JSONL on stdin).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// Table format for scores and sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    /// Parquet (snappy), for Spark, pandas, DuckDB …; `inspect`/`report`/`chart` need CSV.
    Parquet,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let target = if a.stdout {
        ScoreTarget::JsonLines(Box::new(std::io::stdout()))
    } else {
        ScoreTarget::Folder(a.out.clone())
    };
    let o = ScoreOptions {
        target,
        batch: a.batch,
        scoring: a.score.params(),
        sentences: !a.no_sentences,
        format: match a.format {
            Format::Csv => TableFormat::Csv,
            Format::Parquet => TableFormat::Parquet,
        },
        allow_empty: a.skip_ok,
        ..ScoreOptions::new(a.model, common::inputs(&a.paths))
    };
    let r = jobs::score(o, ui)?;
    if !a.stdout {
        if !ui.quiet {
            print_summary(&r.extremes, r.total);
        }
        eprintln!("wrote {}", a.out.display());
    }
    common::score_exit_code(r.total, &r.problems, a.skip_ok, ui)
}

/// The score table on stdout: every article when few, else the 10 most Kremlin-framed and
/// the 10 most Western-framed of `total`.
pub fn print_summary(scores: &[ArticleScore], total: usize) {
    let mut rows: Vec<&ArticleScore> = scores.iter().collect();
    rows.sort_by(|a, b| jobs::by_score(a, b));
    println!(
        "{:<28} {:>7} {:>17} {:<9} {:>7} {:>7} {:>7} {:>5} {:>5} {:>5}  title",
        "id", "score", "95% interval", "leaning", "voice", "quoted", "lede", "K%", "N%", "W%"
    );
    let line = |s: &ArticleScore| {
        let iv = match (s.score_low, s.score_high) {
            (Some(l), Some(h)) => format!("[{l:+.2}, {h:+.2}]"),
            _ => String::new(),
        };
        let leaning = match s.leaning() {
            framescope::score::Leaning::Kremlin => "Kremlin",
            framescope::score::Leaning::Western => "Western",
            framescope::score::Leaning::Undecided => "undecided",
        };
        let opt = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:+.3}"));
        let title = shown(s.title.as_deref().unwrap_or("(no headline)"), 60);
        let id = shown(&s.id, 28);
        println!(
            "{id:<28} {:>+7.3} {iv:>17} {leaning:<9} {:>7} {:>7} {:>+7.3} {:>5.0} {:>5.0} {:>5.0}  {title}",
            s.framing_score,
            opt(s.voice_score),
            opt(s.quoted_score),
            s.lede_score,
            100.0 * s.share_kremlin,
            100.0 * s.share_neutral,
            100.0 * s.share_western
        );
    };
    if rows.len() <= 40 && total == rows.len() {
        rows.iter().for_each(|s| line(s));
    } else {
        let n = rows.len().min(20) / 2;
        rows[..n].iter().for_each(|s| line(s));
        println!("… {} more (all in scores.csv) …", total - 2 * n);
        rows[rows.len() - n..].iter().for_each(|s| line(s));
    }
    println!(
        "score: +1 = Kremlin-sourced framing, -1 = Western-sourced; undecided = the 95% interval contains 0 (no side can be claimed); voice / quoted = the outlet's own words / what it quotes (- = nothing quoted); K/N/W = share of Kremlin/neutral/Western sentences"
    );
}
