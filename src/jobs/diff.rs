//! `diff`: what changed between two trainings — two output folders, two model files, or one
//! of each: lexicon entries, training articles, training statistics, weight changes grouped by
//! term, and per article the sentences that moved most with their causes. Writes diff.csv
//! (and charts/before_after.png when articles are in both).

use crate::compare::changes::Changes;
use crate::error::Result;
use crate::report;
use std::path::PathBuf;

/// What to compare and where the comparison goes.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffOptions {
    /// The earlier output folder or model file.
    pub old: PathBuf,
    /// The later output folder or model file.
    pub new: PathBuf,
    /// Where diff.csv and charts/before_after.png go (`None`: `new` when it is a folder, else
    /// the folder of the `new` model file).
    pub out: Option<PathBuf>,
    /// Rows kept per section (and articles explained).
    pub top: usize,
}

/// What changed.
#[derive(Debug)]
pub struct DiffOutput {
    pub changes: Changes,
    /// diff.csv (and the chart).
    pub written: Vec<PathBuf>,
}

/// Compare two trainings and write diff.csv.
pub fn diff(o: &DiffOptions) -> Result<DiffOutput> {
    let out = o.out.clone().unwrap_or_else(|| {
        if o.new.is_dir() {
            o.new.clone()
        } else {
            o.new
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), PathBuf::from)
        }
    });
    // Checked and locked before any work; diff.csv and its chart move in together
    // (report::StagedFiles). The files read: a model file, or a folder's model and tables.
    let reads: Vec<PathBuf> = [&o.old, &o.new]
        .into_iter()
        .flat_map(|p| match p.is_dir() {
            true => ["model.json", "scores.csv", "sentences.csv"]
                .iter()
                .map(|f| p.join(f))
                .collect(),
            false => vec![p.clone()],
        })
        .collect();
    let staged = report::StagedFiles::create(&out, &["diff.csv", "charts/before_after.png"], &reads)?;
    let changes = report::compare_paths(&o.old, &o.new, o.top)?;
    let written = report::write_changes(staged.path(), &changes)?
        .iter()
        .map(|p| staged.shown(p))
        .collect();
    staged.commit()?;
    Ok(DiffOutput { changes, written })
}
