//! `framescope analyze` (hidden): the analysis stages alone — read, clean, split, tokenize,
//! stem, n-grams — over inputs, streaming, printing counts. The benchmark compares it with
//! `wc -w` on the same file.

use super::common::{self, DataArgs, Ui};
use framescope::pipeline;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Articles (files, folders, JSONL, CSV).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(a: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let res = a.data.resources()?;
    let (sources, mut problems) = common::sources(&a.paths)?;
    let pb = ui.spinner("analysing");
    let (mut articles, mut sentences, mut terms) = (0usize, 0usize, 0usize);
    pipeline::for_each_batch(sources, &res, pipeline::BATCH, |b| {
        problems.extend(b.problems);
        articles += b.documents.len();
        for d in &b.documents {
            sentences += d.sentences.len();
            terms += d.sentences.iter().map(|s| s.terms.len()).sum::<usize>();
        }
        pb.set_position(articles as u64);
        Ok(())
    })?;
    pb.finish_and_clear();
    common::report_problems(&problems);
    println!("{{\"articles\": {articles}, \"sentences\": {sentences}, \"terms\": {terms}}}");
    Ok(common::exit_code(&problems))
}
