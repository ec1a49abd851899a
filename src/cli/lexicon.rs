//! `framescope lexicon`: how each lexicon entry behaves on a corpus.

use super::common::{self, DataArgs, Ui};
use framescope::lexicon::diagnostics::diagnose;
use framescope::report::write_atomic;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Weak-label margin used to count conflicts.
    #[arg(long, default_value_t = 1.0)]
    pub margin: f64,
    /// Also write lexicon_report.csv and lexicon_cooccurrence.csv to this folder.
    #[arg(long, value_name = "DIR")]
    pub report: Option<PathBuf>,
    /// Size of the co-occurrence matrix (most-used entries).
    #[arg(long, default_value_t = 15)]
    pub top: usize,
    /// Articles to run the lexicons over [default: seeds].
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let res = a.data.resources()?;
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from("seeds")]
    } else {
        a.paths.clone()
    };
    let (sources, mut problems) = common::sources(&paths)?;
    let docs = common::load_reported(sources, &mut problems, &res, ui)?;
    let r = diagnose(&res.lexicon, &docs, a.margin, a.top);
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
        let phrase: String = e.phrase.chars().take(30).collect();
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
    if let Some(dir) = &a.report {
        framescope::report::prepare_dir(dir)?;
        let mut w = csv::Writer::from_writer(framescope::report::CellGuard::new(vec![]));
        for e in &r.entries {
            w.serialize(e)?;
        }
        write_atomic(&dir.join("lexicon_report.csv"), &w.into_inner()?.into_inner())?;
        let mut w = csv::Writer::from_writer(framescope::report::CellGuard::new(vec![]));
        let mut header = vec!["entry".to_string()];
        header.extend(r.top_entries.iter().cloned());
        w.write_record(&header)?;
        for (i, row) in r.cooccurrence.iter().enumerate() {
            let mut rec = vec![r.top_entries[i].clone()];
            rec.extend(row.iter().map(|c| c.to_string()));
            w.write_record(&rec)?;
        }
        write_atomic(&dir.join("lexicon_cooccurrence.csv"), &w.into_inner()?.into_inner())?;
        eprintln!(
            "wrote {} and lexicon_cooccurrence.csv",
            dir.join("lexicon_report.csv").display()
        );
    }
    Ok(common::exit_code(&problems))
}
