//! Command-line interface: one file per subcommand.

mod analyze;
mod chart;
pub(crate) mod common;
mod diff;
mod eval;
mod export;
mod inspect;
mod keyness;
mod kwic;
mod lexicon;
mod overlap;
mod report;
mod run;
mod score;
mod train;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::process::ExitCode;

/// Compare how news outlets frame the same events (Kremlin-sourced vs Western-sourced).
#[derive(Debug, Parser)]
#[command(name = "framescope", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Only errors, warnings, notes on what the results cover, skipped inputs and the final
    /// path: no progress bars, no status lines, no score table or what-changed summary.
    #[arg(long, short, global = true, help_heading = "Global")]
    quiet: bool,
    /// Worker threads (default: all cores; 0 is 1; at most 1024). Output is identical for
    /// any value.
    // Bounded: 20,000 threads exhausted memory inside thread start-up, a panic with a
    // backtrace rather than an error (review, session 34).
    #[arg(long, global = true, help_heading = "Global", value_parser = clap::value_parser!(u16).range(0..=1024))]
    jobs: Option<u16>,
    /// Write CSV cells exactly as they are. By default a cell that a spreadsheet would run
    /// as a formula (text starting with = + - @, a tab or CR) gets a leading `'`.
    #[arg(long, global = true, help_heading = "Global")]
    raw_csv: bool,
    /// Largest model file to load, in whole MiB of 1,048,576 bytes (default 1024). A model is
    /// about 57 bytes per vocabulary term; the cap keeps a corrupt file from exhausting memory.
    #[arg(long, global = true, value_name = "MB", help_heading = "Global")]
    max_model_mb: Option<u64>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Train on the seeds (plus any PATHs to compare), score them, write tables and model.
    Run(run::Args),
    /// `run`, then compare with what --out held before (as `run --compare-to <out>`): diff.csv,
    /// charts/before_after.png, a "What changed" report section and summary.
    Retrain(run::Args),
    /// Train a model from articles and save it (the previous model is kept as a backup).
    Train(train::Args),
    /// Score articles with a saved model (streaming; `-` reads JSONL from stdin).
    Score(score::Args),
    /// Show why one article scored as it did, from an output folder.
    Inspect(inspect::Args),
    /// Lexicon diagnostics: per-entry hits, coverage, entries firing on both sides.
    Lexicon(lexicon::Args),
    /// Shared copy between articles: exact and near-duplicate sentences, what each added.
    Overlap(overlap::Args),
    /// Terms that distinguish Kremlin- from Western-framed sentences, or two groups of articles.
    Keyness(keyness::Args),
    /// What changed between two output folders or model files: lexicon, training articles,
    /// statistics, terms (grouped), and why each article moved.
    Diff(diff::Args),
    /// Measure scores against known sides, beside lexicon-only and lexicon-masked baselines.
    Eval(eval::Args),
    /// Every occurrence of a lexicon-style phrase, with context (matched through the analyzer).
    Kwic(kwic::Args),
    /// Write training internals for the scikit-learn parity check.
    #[command(hide = true)]
    ExportTraining(export::Args),
    /// Load, clean, split, tokenize and stem only, and print counts (for benchmarks).
    #[command(hide = true)]
    Analyze(analyze::Args),
    /// Re-draw the charts (<out>/charts/*.png) from an output folder, without retraining.
    Chart(chart::Args),
    /// Write a self-contained HTML report (<out>/report.html) from an output folder.
    Report(report::Args),
}

/// Parse arguments and run the chosen command.
pub fn run() -> anyhow::Result<ExitCode> {
    // Parsed through the matches, which say which options were typed (`retrain` reads the
    // others from the run it retrains).
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    if let Some(n) = cli.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n.max(1)))
            .build_global()?;
    }
    if let Some(mb) = cli.max_model_mb {
        framescope::model::validate::set_max_model_bytes(mb.saturating_mul(1 << 20));
    }
    if cli.raw_csv {
        framescope::report::CellPolicy::Raw.set();
    }
    let ui = common::Ui::new(cli.quiet);
    match cli.command {
        Command::Run(a) => run::run(a, &ui),
        Command::Retrain(mut a) => {
            let before = a.compare_to.get_or_insert_with(|| a.out.clone()).clone();
            // What is not given is read as the earlier run read it: its seeds, data folder,
            // lexicons and articles (a retrain that edits one thing changes only that).
            // Nothing to retrain: a mistyped `--out` ran the seeds alone and dropped the
            // articles without a word, exit 0 (review, session 44). `run` starts a folder.
            let earlier = ["run.json", "model.json", "scores.csv"]
                .iter()
                .any(|f| before.join(f).is_file());
            if !earlier {
                anyhow::bail!(
                    "{}: holds no earlier run to retrain (no run.json, model.json or scores.csv); start one with `framescope run --out {} [PATH…]`",
                    before.display(),
                    before.display()
                );
            }
            if let Some(r) = framescope::jobs::recorded_inputs(&before)? {
                let (seeds_given, data_given) = (a.seeds.is_some(), a.data.data.is_some());
                let mut reused = r.fill_in(&mut a.seeds, &mut a.data.data, &mut a.data.lexicons, &mut a.paths)?;
                let typed = |id: &str| {
                    matches
                        .subcommand_matches("retrain")
                        .and_then(|m| m.try_get_raw(id).ok().flatten().map(|_| m.value_source(id)))
                        .flatten()
                        == Some(clap::parser::ValueSource::CommandLine)
                };
                reused.extend(run::reuse_options(&mut a, &r, &typed));
                // The earlier run read the built-in copies (it ran where there were none);
                // folders made here since are not read unless named (review, session 42: a
                // new ./seeds went unused, said only by a status line `-q` hides).
                use framescope::jobs::Progress;
                let builtin_seeds =
                    r.seeds.as_deref() == Some(std::path::Path::new(framescope::corpus::BUILTIN_SEEDS_NAME));
                let builtin_data = r.data.as_deref().is_some_and(framescope::data::is_builtin_dir);
                for (reread, folder, what, option) in [
                    (
                        builtin_seeds && !seeds_given,
                        "seeds",
                        "seeds",
                        "--seeds seeds to train on it",
                    ),
                    (
                        builtin_data && !data_given,
                        "data",
                        "data files",
                        "--data data to use it",
                    ),
                ] {
                    if reread && std::path::Path::new(folder).is_dir() {
                        ui.warn(&format!("warning: ./{folder} is here, but the run retrained read the built-in {what}, as this retrain does: give {option}"));
                    }
                }
                if !reused.is_empty() && !ui.quiet {
                    crate::eline!(
                        "framescope: retrain reads what the run in {} read: {} (give --seeds, --data, --lexicons, PATHs or options for others)",
                        before.display(),
                        common::escape(&reused.join("; "))
                    );
                }
            }
            run::run(a, &ui)
        }
        Command::Train(a) => train::run(a, &ui),
        Command::Score(a) => score::run(a, &ui),
        Command::Inspect(a) => inspect::run(a, &ui),
        Command::Lexicon(a) => lexicon::run(a, &ui),
        Command::Overlap(a) => overlap::run(a, &ui),
        Command::Keyness(a) => keyness::run(a, &ui),
        Command::Diff(a) => diff::run(a),
        Command::Eval(a) => eval::run(a, &ui),
        Command::Kwic(a) => kwic::run(a, &ui),
        Command::ExportTraining(a) => export::run(a, &ui),
        Command::Analyze(a) => analyze::run(a, &ui),
        Command::Chart(a) => chart::run(a, &ui),
        Command::Report(a) => report::run(a, &ui),
    }
}
