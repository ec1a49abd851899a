//! `framescope run`: the main job ([`framescope::jobs::run`]).

use super::common::{self, DataArgs, ModelArgs, ScoreArgs, Ui};
use framescope::jobs::{self, RunOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seed articles (a folder of .txt files, or a JSONL, CSV or Parquet file) [default:
    /// ./seeds if present, else the five seed articles built in, `<built-in>/seeds`].
    #[arg(long, help_heading = "Input")]
    pub seeds: Option<PathBuf>,
    /// Output folder.
    #[arg(long, default_value = "output", help_heading = "Output")]
    pub out: PathBuf,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub score: ScoreArgs,
    /// Cross-fitting folds: every article is scored by a classifier fitted without its fold's
    /// articles (with at most K articles, one fold each; with more, folds by a hash of the
    /// article id, so adding or removing an article moves no other), so an article's own text
    /// never trains the classifier that scores it; model.json is the fit on every article,
    /// for `score`. 0 scores in-sample with that model (as runs did before).
    /// [default: 10]
    #[arg(long, value_name = "K", help_heading = "Scoring")]
    pub folds: Option<usize>,
    /// Compare with an earlier output folder or model file (the --out folder itself means
    /// what it held before this run): writes diff.csv, charts/before_after.png and a "What
    /// changed" section in the report, and prints what changed.
    #[arg(long, value_name = "DIR|MODEL", help_heading = "Output")]
    pub compare_to: Option<PathBuf>,
    /// More articles to compare with the seeds (.txt files, folders, JSONL, CSV, Parquet).
    #[arg(help_heading = "Input")]
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let o = RunOptions {
        seeds: Some(a.seeds.unwrap_or_else(jobs::default_seeds)),
        inputs: common::inputs(&a.paths),
        out: a.out,
        data: a.data.options(),
        params: a.model.params(),
        scoring: a.score.params(),
        folds: a.folds,
        compare_to: a.compare_to,
        keep_analysis: Default::default(),
        // The CLI prints only the summary table: rows without top terms bound memory.
        full_rows: false,
        corpus_mode: None,
    };
    let r = jobs::run(&o, ui)?;
    if !ui.quiet {
        crate::oprint!(
            "{}",
            framescope::jobs::score_table(r.articles.iter().map(|a| &a.score), r.articles.len())
        );
    }
    // The what-changed summary is diff.csv's and the report's too: `-q` leaves it out, as the
    // score table (review, session 34; `diff`, whose output it is, prints it anyway).
    if let Some(c) = r.changes.as_ref().filter(|_| !ui.quiet) {
        crate::oprintln!();
        for line in framescope::compare::changes::rows::summary(c, 10) {
            crate::oprintln!("{}", common::escape(&line));
        }
    }
    crate::eline!("wrote {}", o.out.display());
    Ok(common::exit_code(&r.problems, ui))
}

/// `retrain`: every option not typed takes the value the retrained run recorded in its
/// run.json, so a retrain that edits one thing changes only that (review, session 42:
/// `--alpha`, `--margin`, `--folds` and the thresholds went back to their defaults, and the
/// what-changed summary gave their moves to the edit). `typed(id)`: whether the option was on
/// the command line. Returns the options taken, as `--name value`.
pub fn reuse_options(a: &mut Args, r: &jobs::RecordedInputs, typed: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut said = Vec::new();
    macro_rules! take {
        ($id:literal, $field:expr, $recorded:expr) => {
            if !typed($id) && $field != $recorded {
                $field = $recorded;
                said.push(format!("--{} {}", $id.replace('_', "-"), $recorded));
            }
        };
    }
    macro_rules! flag {
        ($id:literal, $field:expr, $recorded:expr) => {
            if !typed($id) && $field != $recorded {
                $field = $recorded;
                said.push(format!(
                    "--{}{}",
                    $id.replace('_', "-"),
                    if $recorded { "" } else { " off" }
                ));
            }
        };
    }
    if let Some(c) = &r.classifier {
        let m = &mut a.model;
        take!("alpha", m.alpha, c.alpha);
        take!("margin", m.margin, c.margin);
        take!("max_train_sentences", m.max_train_sentences, c.max_train_sentences);
        take!("max_train_features", m.max_train_features, c.max_train_features);
        take!("seed", m.seed, c.seed);
        take!("min_df", m.min_df, c.tfidf.min_df);
        take!("max_df", m.max_df, c.tfidf.max_df);
        if !typed("max_features") && m.max_features != c.tfidf.max_features {
            m.max_features = c.tfidf.max_features;
            if let Some(n) = m.max_features {
                said.push(format!("--max-features {n}"));
            }
        }
        flag!("no_sublinear_tf", m.no_sublinear_tf, !c.tfidf.sublinear_tf);
        flag!("mask_lexicon", m.mask_lexicon, c.mask_lexicon);
        take!("lexicon_prior", m.lexicon_prior, c.lexicon_prior);
        take!("propagate_weight", m.propagate_weight, c.propagate_weight);
        take!("propagate_tau", m.propagate_tau, c.propagate_tau);
        if !typed("quoted_weight") && !typed("mean_score") {
            match c.quoted_weight {
                Some(q) => {
                    take!("quoted_weight", m.quoted_weight, q);
                    m.mean_score = false;
                }
                None => flag!("mean_score", m.mean_score, true),
            }
        }
    }
    if let Some(s) = &r.scoring {
        let t = &mut a.score.thresholds;
        take!("kremlin_threshold", t.kremlin_threshold, s.kremlin_threshold);
        take!("western_threshold", t.western_threshold, s.western_threshold);
        take!("bootstrap", a.score.bootstrap, s.bootstrap);
    }
    if let Some(k) = r.folds {
        if !typed("folds") && a.folds.unwrap_or(jobs::DEFAULT_FOLDS) != k {
            a.folds = Some(k);
            said.push(format!("--folds {k}"));
        }
    }
    said
}
