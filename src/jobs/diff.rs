//! `diff`: what changed between two output folders: article scores (sorted by |change|),
//! lexicon entries added/removed/reweighted, and the terms whose weight moved most. Writes
//! diff.csv.

use crate::compare::diff::{
    article_changes, lexicon_changes, read_score_lines, weight_changes, ArticleChange, LexiconChange, WeightChange,
};
use crate::compare::tables::write_diff;
use crate::error::Result;
use crate::report;
use std::path::PathBuf;

/// Which two output folders to compare.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffOptions {
    /// The earlier output folder (scores.csv, model.json).
    pub old: PathBuf,
    /// The later output folder.
    pub new: PathBuf,
    /// Where diff.csv goes (`None`: the `new` folder).
    pub out: Option<PathBuf>,
}

/// What changed.
#[derive(Debug)]
pub struct DiffOutput {
    pub articles: Vec<ArticleChange>,
    pub lexicon: Vec<LexiconChange>,
    pub weights: Vec<WeightChange>,
    /// diff.csv.
    pub path: PathBuf,
}

/// Compare two runs and write diff.csv.
pub fn diff(o: &DiffOptions) -> Result<DiffOutput> {
    let old = read_score_lines(&o.old.join("scores.csv"))?;
    let new = read_score_lines(&o.new.join("scores.csv"))?;
    let (om, nm) = (
        report::load_model(&o.old.join("model.json"))?,
        report::load_model(&o.new.join("model.json"))?,
    );
    let articles = article_changes(&old, &new);
    let lexicon = lexicon_changes(&om, &nm);
    let weights = weight_changes(&om, &nm);
    let out = o.out.clone().unwrap_or_else(|| o.new.clone());
    report::prepare_dir(&out)?;
    let path = out.join("diff.csv");
    write_diff(&path, &articles, &lexicon, &weights)?;
    Ok(DiffOutput {
        articles,
        lexicon,
        weights,
        path,
    })
}
