//! `framescope eval`: how well scores separate articles of known side, beside the baselines
//! (lexicon alone, classifier with the lexicon masked), frozen and transductive, or by
//! leave-one-article-out cross-validation (`--cv`). Writes `eval.json`, prints a table.

use super::common::{self, DataArgs, ModelArgs, Ui};
use framescope::corpus::Side;
use framescope::eval::{self, EvalOptions, EvalReport};
use framescope::pipeline::Resources;
use framescope::report::{self, write_atomic};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The model to evaluate (frozen). Its analyzer, cleaner, lexicon and classifier
    /// parameters are used for every setting (--data, --lexicons and the classifier options
    /// are then ignored). Required unless --cv.
    #[arg(long, required_unless_present = "cv")]
    pub model: Option<PathBuf>,
    /// Leave-one-article-out cross-validation instead of a frozen model.
    #[arg(long)]
    pub cv: bool,
    /// Articles the retrained settings learn from besides the evaluated ones' text
    /// (repeatable) [default: seeds]. For a model made by `run`, the seeds it was made from.
    #[arg(long = "train", value_name = "PATH")]
    pub train: Vec<PathBuf>,
    /// Output folder for eval.json (none: print only).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Bootstrap resamples of the articles for the AUC interval.
    #[arg(long, default_value_t = 2000)]
    pub bootstrap: usize,
    /// Also measure candidate improvements (mean-logit aggregation, centring on the
    /// empty-sentence score, self-training); defaults are unchanged.
    #[arg(long)]
    pub experiments: bool,
    /// Most wrongly scored articles shown.
    #[arg(long, default_value_t = 3)]
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
    let model = match &a.model {
        Some(p) => Some(report::load_model(p)?),
        None => None,
    };
    let (res, params) = match &model {
        Some(m) => (Resources::from_model(m)?, m.params.clone()),
        None => (a.data.resources()?, a.params.params()),
    };
    params.check()?;
    let train_paths = if a.train.is_empty() {
        vec![PathBuf::from("seeds")]
    } else {
        a.train.clone()
    };
    let (train_sources, mut problems) = common::sources(&train_paths)?;
    let (eval_sources, p) = common::sources(&a.paths)?;
    problems.extend(p);
    let train = common::load(train_sources, &res, ui)?;
    let docs = common::load(eval_sources, &res, ui)?;
    problems.extend(train.problems);
    problems.extend(docs.problems);
    common::report_problems(&problems);
    let unlabelled: Vec<&str> = docs
        .documents
        .iter()
        .filter(|d| d.article.label.is_none())
        .map(|d| d.article.id.as_str())
        .collect();
    if !unlabelled.is_empty() {
        eprintln!(
            "framescope: {} article(s) without a label are not evaluated: {}",
            unlabelled.len(),
            unlabelled.join(", ")
        );
    }
    let opts = EvalOptions {
        bootstrap: a.bootstrap,
        seed: a.params.seed,
        worst: a.worst,
        experiments: a.experiments,
        ..EvalOptions::default()
    };
    let r = match (&model, a.cv) {
        (_, true) => eval::cross_validate(&train.documents, &docs.documents, &res, &params, &opts)?,
        (Some(m), false) => eval::evaluate(m, &train.documents, &docs.documents, &opts)?,
        (None, false) => unreachable!("clap requires --model without --cv"),
    };
    print_report(&r);
    if let Some(dir) = &a.out {
        report::prepare_dir(dir)?;
        let path = dir.join("eval.json");
        write_atomic(&path, serde_json::to_string_pretty(&r)?.as_bytes())?;
        eprintln!("wrote {}", path.display());
    }
    Ok(common::exit_code(&problems))
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
            println!("  {} (labelled {arrow}) score {:+.3}", w.id, w.score);
            for x in &w.sentences {
                let text: String = x.text.chars().take(110).collect();
                println!("    #{:<3} {:+.3}  {text}", x.index, x.value);
            }
        }
    }
}
