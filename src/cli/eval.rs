//! `framescope eval`: scores against known sides, beside the baselines
//! ([`framescope::jobs::eval`]); prints a table, writes `eval.json` with --out.

use super::common::{self, escape, shown, DataArgs, ModelArgs, Ui};
use framescope::corpus::Side;
use framescope::eval::{EvalOptions, EvalReport};
use framescope::jobs::{self, EvalJobOptions, Inputs};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The model to evaluate (frozen). Its analyzer, cleaner, lexicon and classifier
    /// parameters are used for every setting (--data, --lexicons and the classifier options
    /// are then ignored). Required unless --cv.
    #[arg(long, required_unless_present = "cv", help_heading = "Model")]
    pub model: Option<PathBuf>,
    /// Leave-one-article-out cross-validation instead of a frozen model.
    #[arg(long, help_heading = "Model")]
    pub cv: bool,
    /// Articles the retrained settings learn from besides the evaluated ones' text
    /// (repeatable) [default: seeds]. For a model made by `run`, the seeds it was made from.
    #[arg(long = "train", value_name = "PATH", help_heading = "Input")]
    pub train: Vec<PathBuf>,
    /// Output folder for eval.json (none: print only).
    #[arg(long, value_name = "DIR", help_heading = "Output")]
    pub out: Option<PathBuf>,
    /// Bootstrap resamples of the articles for the AUC interval.
    #[arg(long, default_value_t = EvalOptions::default().bootstrap, help_heading = "Scoring")]
    pub bootstrap: usize,
    /// Also measure candidate improvements (mean-logit aggregation, centring on the
    /// empty-sentence score, self-training); defaults are unchanged.
    #[arg(long, help_heading = "Scoring")]
    pub experiments: bool,
    /// Remove the K lexicon entries that fire in the most evaluated articles from the
    /// lexicon in every setting (counts, weak labels, prior); their words stay visible to
    /// the classifier. A robustness check of where the lexicon is sparse.
    #[arg(long, value_name = "K", default_value_t = 0, help_heading = "Scoring")]
    pub mask_top: usize,
    /// Most wrongly scored articles shown.
    #[arg(long, default_value_t = EvalOptions::default().worst, help_heading = "Output")]
    pub worst: usize,
    #[command(flatten)]
    pub data: DataArgs,
    /// Classifier options (with --cv and no --model; otherwise the model's own are used).
    #[command(flatten)]
    pub params: ModelArgs,
    /// Labelled articles (label column, manifest.csv, or kremlin_/western_ file names).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let train = if a.train.is_empty() {
        vec![jobs::default_seeds()]
    } else {
        a.train.clone()
    };
    let o = EvalJobOptions {
        model: a.model,
        cv: a.cv,
        train: Inputs::paths(train),
        inputs: common::inputs(&a.paths),
        out: a.out,
        data: a.data.options(),
        params: a.params.params(),
        eval: EvalOptions {
            bootstrap: a.bootstrap,
            worst: a.worst,
            experiments: a.experiments,
            mask_top: a.mask_top,
            quoted_weight: a
                .params
                .params()
                .quoted_weight
                .unwrap_or(EvalOptions::default().quoted_weight),
            ..EvalOptions::default()
        },
    };
    let r = jobs::eval(&o, ui)?;
    print_report(&r.report);
    if let Some(p) = &r.path {
        eprintln!("wrote {}", p.display());
    }
    Ok(common::exit_code(&r.problems, ui))
}

fn opt(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.3}")).unwrap_or_else(|| "-".into())
}

/// The metrics table, the gaps, the notes and the worst articles.
pub fn print_report(r: &EvalReport) {
    println!(
        "{} evaluation: {} labelled articles ({} Kremlin, {} Western); {} training article(s)",
        r.mode,
        r.articles,
        r.settings.first().map_or(0, |s| s.metrics.kremlin_articles),
        r.settings.first().map_or(0, |s| s.metrics.western_articles),
        r.training_articles
    );
    println!(
        "{:<34} {:>6} {:>15} {:>6} {:>6} {:>6}   {:>11} {:>11}",
        "setting", "AUC", "95% interval", "acc", "F1 K", "F1 W", "K: K/W/0", "W: K/W/0"
    );
    for s in &r.settings {
        let m = &s.metrics;
        let c = &m.confusion;
        let iv = format!("[{}, {}]", opt(m.auc_low), opt(m.auc_high));
        println!(
            "{:<34} {:>6} {:>15} {:>6.3} {:>6.3} {:>6.3}   {:>11} {:>11}{}",
            s.name,
            opt(m.auc),
            iv,
            m.accuracy,
            m.kremlin.f1,
            m.western.f1,
            format!(
                "{}/{}/{}",
                c.kremlin_as_kremlin, c.kremlin_as_western, c.kremlin_undecided
            ),
            format!(
                "{}/{}/{}",
                c.western_as_kremlin, c.western_as_western, c.western_undecided
            ),
            if s.near_chance { "  (near chance)" } else { "" }
        );
    }
    for g in &r.gaps {
        println!(
            "gap {} − {} (strongest lexicon count): AUC {}  accuracy {:+.3}",
            g.classifier,
            g.baseline,
            g.auc.map(|x| format!("{x:+.3}")).unwrap_or_else(|| "-".into()),
            g.accuracy
        );
    }
    println!("accuracy at threshold 0 (score = 0 is undecided, counted wrong); K: K/W/0 = Kremlin articles predicted Kremlin/Western/undecided");
    for n in &r.notes {
        println!("note: {n}");
    }
    if let Some(s) = r.settings.first() {
        println!("\nmost wrongly scored by {}:", s.name);
        for w in &s.worst {
            let arrow = if w.label == Side::Kremlin { "Kremlin" } else { "Western" };
            println!("  {} (labelled {arrow}) score {:+.3}", escape(&w.id), w.score);
            for x in &w.sentences {
                let text = shown(&x.text, 110);
                println!("    #{:<3} {:+.3}  {text}", x.index, x.value);
            }
        }
    }
}
