//! `framescope diff`: what changed between two output folders ([`framescope::jobs::diff`]).

use super::common::{escape, shown};
use framescope::jobs::{self, DiffOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The earlier output folder (scores.csv, model.json).
    #[arg(long, help_heading = "Input")]
    pub old: PathBuf,
    /// The later output folder.
    #[arg(long, help_heading = "Input")]
    pub new: PathBuf,
    /// Where diff.csv goes [default: the --new folder].
    #[arg(long, help_heading = "Output")]
    pub out: Option<PathBuf>,
    /// Rows printed per section.
    #[arg(long, default_value_t = 15, help_heading = "Output")]
    pub top: usize,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let r = jobs::diff(&DiffOptions {
        old: a.old,
        new: a.new,
        out: a.out,
    })?;
    let f = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:+.3}"));
    println!("{:<28} {:>7} {:>7} {:>7}  title", "article", "old", "new", "change");
    for c in r.articles.iter().take(a.top) {
        let title = shown(c.title.as_deref().unwrap_or(""), 50);
        let id = shown(&c.id, 28);
        println!("{id:<28} {:>7} {:>7} {:>7}  {title}", f(c.old), f(c.new), f(c.change()));
    }
    if r.articles.len() > a.top {
        println!("… {} more articles in {}", r.articles.len() - a.top, r.path.display());
    }
    println!("\nlexicon: {} change(s)", r.lexicon.len());
    for c in &r.lexicon {
        println!(
            "  {:<20} {:<8} {:<40} {} → {}",
            c.kind(),
            c.side.as_str(),
            escape(&c.phrase),
            f(c.old_weight),
            f(c.new_weight)
        );
    }
    println!("\nterms whose weight moved most:");
    println!("  {:<32} {:>8} {:>8} {:>8}", "term", "old", "new", "change");
    for w in r.weights.iter().take(a.top) {
        println!("  {:<32} {:>+8.3} {:>+8.3} {:>+8.3}", w.term, w.old, w.new, w.change());
    }
    eprintln!("wrote {}", r.path.display());
    Ok(ExitCode::SUCCESS)
}
