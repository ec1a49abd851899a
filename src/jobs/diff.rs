//! `diff`: what changed between two trainings — two output folders, two model files, or one
//! of each: lexicon entries, training articles, training statistics, weight changes grouped by
//! term, and per article the sentences that moved most with their causes. Writes diff.csv
//! (and charts/before_after.png when articles are in both).

use crate::compare::changes::Changes;
use crate::error::{Error, Result};
use crate::report;
use std::path::{Path, PathBuf};

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
    // A mistyped side is named first (review, session 48: `diff OLD nosuchdir` refused the
    // current folder, where diff.csv would have gone, for the files in it).
    for side in [&o.old, &o.new] {
        if std::fs::metadata(side).is_err() {
            return Err(Error::Table {
                path: side.clone(),
                message: "not found (give an output folder or a model file)".into(),
            });
        }
    }
    let out = o.out.clone().unwrap_or_else(|| folder_of(&o.new));
    check_sides(o, &out)?;
    // Checked and locked before any work; diff.csv and its chart move in together
    // (report::StagedFiles). The files read: a model file, or a folder's model, tables, fold
    // classifiers (which terms pushed its sentences) and run.json (its scoring options, the
    // model a `score` folder names); review, session 48: folds.json was read, not recorded.
    let reads: Vec<PathBuf> = [&o.old, &o.new]
        .into_iter()
        .flat_map(|p| match p.is_dir() {
            true => ["model.json", "scores.csv", "sentences.csv", "folds.json", "run.json"]
                .iter()
                .map(|f| p.join(f))
                .collect(),
            false => vec![p.clone()],
        })
        .collect();
    let staged = report::StagedFiles::create(&out, &["diff.csv", "charts/before_after.png", "diff.run.json"], &reads)?;
    // What produced diff.csv: the two sides' files that are there, with their sha256.
    let mut record = report::RunManifest::new("diff");
    record.inputs = reads
        .iter()
        .filter(|p| p.is_file())
        .map(|p| super::common::file_record(p))
        .collect::<Result<_>>()?;
    let changes = report::compare_paths(&o.old, &o.new, None, o.top)?;
    // What could not be compared (no folds.json, a model changed since) is a problem of the
    // record too, not only a note row of diff.csv.
    record.problems = changes.notes.clone();
    let written = report::write_changes(staged.path(), &changes)?
        .iter()
        .map(|p| staged.shown(p))
        .collect();
    staged.write_record(record)?;
    staged.commit()?;
    Ok(DiffOutput { changes, written })
}

/// The model a side names: the file itself, or a folder's model.json.
fn model_of(side: &Path) -> PathBuf {
    match side.is_dir() {
        true => side.join("model.json"),
        false => side.to_path_buf(),
    }
}

/// The folder a side's outputs live in: the folder itself, or a model file's folder.
fn folder_of(side: &Path) -> PathBuf {
    match side.is_dir() {
        true => side.to_path_buf(),
        false => side
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), PathBuf::from),
    }
}

/// Refuse a comparison of one side with itself (it would replace a diff.csv with "nothing
/// changed"), and diff.csv written beside the OLD side, whose report would then describe
/// changes *from* it as its own.
fn check_sides(o: &DiffOptions, out: &Path) -> Result<()> {
    let same = |a: &Path, b: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(&o.old, &o.new) || same(&model_of(&o.old), &model_of(&o.new)) {
        return Err(Error::Output {
            path: o.new.clone(),
            message: format!(
                "OLD and NEW are the same model ({}); compare two different output folders or model files",
                o.old.display()
            ),
        });
    }
    // Another job's output folder (review finding, session 28: `diff RA RB --out UNREL` put
    // a "What changed" from RA to RB at the top of UNREL's report, about none of its
    // articles): diff.csv goes beside NEW, or into a folder of its own.
    if !same(out, &folder_of(&o.new)) && !same(out, &folder_of(&o.old)) {
        if let Some(marker) = ["run.json", "model.json"].into_iter().find(|m| out.join(m).is_file()) {
            return Err(Error::Output {
                path: out.to_path_buf(),
                message: format!("holds another job's outputs ({marker}), which diff.csv would be mixed with (its report would show changes between two other runs); give --out the NEW side's folder (the default) or a new one"),
            });
        }
    }
    if same(out, &folder_of(&o.old)) {
        return Err(Error::Output {
            path: out.to_path_buf(),
            message: "this is the OLD side's folder, and diff.csv there would describe changes from it as its own; give --out the NEW side's folder or a new one".into(),
        });
    }
    Ok(())
}
