//! `framescope kwic PHRASE`: every occurrence of a lexicon-style phrase in context, matched
//! through the analyzer (stems, stop words skipped) exactly as lexicon entries are.

use super::common::{self, DataArgs, Ui};
use framescope::eval::kwic::kwic;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The phrase, written as a lexicon entry ("security guarantees").
    pub phrase: String,
    /// Words of context either side.
    #[arg(long, default_value_t = 8)]
    pub width: usize,
    #[command(flatten)]
    pub data: DataArgs,
    /// Articles to search (files, folders, JSONL, CSV).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let res = a.data.resources()?;
    if res.analyzer.stems(&a.phrase).is_empty() {
        anyhow::bail!(
            "`{}` has no content words (only stop words or outlet names), so it can never match",
            a.phrase
        );
    }
    let (sources, mut problems) = common::sources(&a.paths)?;
    let docs = common::load_reported(sources, &mut problems, &res, ui)?;
    let hits = kwic(&a.phrase, &docs, &res.analyzer, a.width);
    let left_w = hits.iter().map(|h| h.left.chars().count()).max().unwrap_or(0);
    for h in &hits {
        println!(
            "{}#{}\t{:>left_w$} [{}] {}",
            h.article_id, h.sentence, h.left, h.matched, h.right
        );
    }
    let articles: std::collections::BTreeSet<&str> = hits.iter().map(|h| h.article_id.as_str()).collect();
    eprintln!(
        "{} occurrence(s) of `{}` in {} of {} article(s)",
        hits.len(),
        a.phrase,
        articles.len(),
        docs.len()
    );
    Ok(common::exit_code(&problems))
}
