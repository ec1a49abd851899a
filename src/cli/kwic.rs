//! `framescope kwic PHRASE`: every occurrence of a phrase in context
//! ([`framescope::jobs::kwic`]).

use super::common::{self, DataArgs, Ui};
use framescope::jobs::{self, KwicOptions, Progress};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The phrase, written as a lexicon entry ("security guarantees").
    pub phrase: String,
    #[command(flatten)]
    pub data: DataArgs,
    /// Articles to search (.txt files, folders, JSONL, CSV, Parquet).
    #[arg(required = true, help_heading = "Input")]
    pub paths: Vec<PathBuf>,
    /// Words of context either side.
    #[arg(long, default_value_t = 8, help_heading = "Output", allow_negative_numbers = true)]
    pub width: usize,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let r = jobs::kwic(
        &KwicOptions {
            phrase: a.phrase.clone(),
            width: a.width,
            data: a.data.options(),
            inputs: common::inputs(&a.paths),
        },
        ui,
    )?;
    crate::oprint!("{}", jobs::kwic_lines(&r.hits));
    let articles: std::collections::BTreeSet<&str> = r.hits.iter().map(|h| h.article_id.as_str()).collect();
    ui.info(&format!(
        "{} occurrence(s) of `{}` in {} of {} article(s)",
        r.hits.len(),
        r.phrase,
        articles.len(),
        r.articles
    ));
    Ok(common::exit_code(&r.problems, ui))
}
