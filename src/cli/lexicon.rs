//! `framescope lexicon`: how each lexicon entry behaves on a corpus
//! ([`framescope::jobs::lexicon`]).

use super::common::{self, shown, DataArgs, Ui};
use framescope::jobs::{self, LexiconOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Weak-label margin used to count conflicts.
    #[arg(long, default_value_t = framescope::model::ClassifierParams::default().margin, help_heading = "Model")]
    pub margin: f64,
    /// Also write lexicon_report.csv and lexicon_cooccurrence.csv to this folder.
    #[arg(long, value_name = "DIR", help_heading = "Output")]
    pub report: Option<PathBuf>,
    /// Size of the co-occurrence matrix (most-used entries; at most 1000).
    #[arg(long, default_value_t = 15, help_heading = "Output")]
    pub top: usize,
    /// Articles to run the lexicons over [default: seeds].
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from("seeds")]
    } else {
        a.paths.clone()
    };
    let out = jobs::lexicon(
        &LexiconOptions {
            data: a.data.options(),
            margin: a.margin,
            report: a.report,
            top: a.top,
            inputs: common::inputs(&paths),
        },
        ui,
    )?;
    let r = &out.report;
    println!(
        "{} articles, {} sentences: {} weakly labelled Kremlin, {} Western, {} unlabelled ({:.0}%); lexicon coverage {:.0}%",
        r.articles,
        r.sentences,
        r.labelled_kremlin,
        r.labelled_western,
        r.unlabelled,
        100.0 * r.unlabelled as f64 / r.sentences.max(1) as f64,
        100.0 * r.coverage
    );
    println!(
        "{:<30} {:>7} {:>6} {:>5} {:>5} {:>6} {:>7} {:>9} {:>15}",
        "entry", "side", "weight", "hits", "sents", "overlp", "conflct", "precision", "95% Wilson"
    );
    let mut rows: Vec<_> = r.entries.iter().filter(|e| e.sentences > 0).collect();
    rows.sort_by(|x, y| y.sentences.cmp(&x.sentences).then(x.phrase.cmp(&y.phrase)));
    for e in rows {
        let prec = e.precision.map(|p| format!("{p:.2}")).unwrap_or_default();
        let iv = match (e.precision_low, e.precision_high) {
            (Some(l), Some(h)) => format!("[{l:.2}, {h:.2}]"),
            _ => String::new(),
        };
        let phrase = shown(&e.phrase, 30);
        println!(
            "{phrase:<30} {:>7} {:>6.1} {:>5} {:>5} {:>6} {:>7} {prec:>9} {iv:>15}",
            e.side.as_str(),
            e.weight,
            e.occurrences,
            e.sentences,
            e.overlaps,
            e.conflicts
        );
    }
    if !r.never_fire.is_empty() {
        println!("never fire ({}): {}", r.never_fire.len(), r.never_fire.join(", "));
    }
    let both: Vec<&str> = r
        .entries
        .iter()
        .filter(|e| e.overlaps > 0)
        .map(|e| e.phrase.as_str())
        .collect();
    if !both.is_empty() {
        println!("fire in sentences the other side also hits: {}", both.join(", "));
    }
    if let Some(p) = &out.path {
        eprintln!("wrote {} and lexicon_cooccurrence.csv", p.display());
    }
    Ok(common::exit_code(&out.problems, ui))
}
