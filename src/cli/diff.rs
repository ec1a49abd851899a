//! `framescope diff`: what changed between two output folders: article scores (sorted by
//! |change|), lexicon entries added/removed/reweighted, and the terms whose weight moved most.

use framescope::compare::diff::{article_changes, lexicon_changes, read_score_lines, weight_changes};
use framescope::compare::tables::write_diff;
use framescope::report;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The earlier output folder (scores.csv, model.json).
    #[arg(long)]
    pub old: PathBuf,
    /// The later output folder.
    #[arg(long)]
    pub new: PathBuf,
    /// Where diff.csv goes [default: the --new folder].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Rows printed per section.
    #[arg(long, default_value_t = 15)]
    pub top: usize,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let old = read_score_lines(&a.old.join("scores.csv"))?;
    let new = read_score_lines(&a.new.join("scores.csv"))?;
    let (om, nm) = (
        report::load_model(&a.old.join("model.json"))?,
        report::load_model(&a.new.join("model.json"))?,
    );
    let articles = article_changes(&old, &new);
    let lexicon = lexicon_changes(&om, &nm);
    let weights = weight_changes(&om, &nm);
    let out = a.out.clone().unwrap_or_else(|| a.new.clone());
    report::prepare_dir(&out)?;
    let path = out.join("diff.csv");
    write_diff(&path, &articles, &lexicon, &weights)?;
    let f = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:+.3}"));
    println!("{:<28} {:>7} {:>7} {:>7}  title", "article", "old", "new", "change");
    for c in articles.iter().take(a.top) {
        let title: String = c.title.as_deref().unwrap_or("").chars().take(50).collect();
        let id: String = c.id.chars().take(28).collect();
        println!("{id:<28} {:>7} {:>7} {:>7}  {title}", f(c.old), f(c.new), f(c.change()));
    }
    if articles.len() > a.top {
        println!("… {} more articles in {}", articles.len() - a.top, path.display());
    }
    println!("\nlexicon: {} change(s)", lexicon.len());
    for c in &lexicon {
        println!(
            "  {:<20} {:<8} {:<40} {} → {}",
            c.kind(),
            c.side.as_str(),
            c.phrase,
            f(c.old_weight),
            f(c.new_weight)
        );
    }
    println!("\nterms whose weight moved most:");
    println!("  {:<32} {:>8} {:>8} {:>8}", "term", "old", "new", "change");
    for w in weights.iter().take(a.top) {
        println!("  {:<32} {:>+8.3} {:>+8.3} {:>+8.3}", w.term, w.old, w.new, w.change());
    }
    eprintln!("wrote {}", path.display());
    Ok(ExitCode::SUCCESS)
}
