//! `inspect`: one article's scores and sentence scores, read from an output folder.

use crate::error::{Error, Result};
use crate::report::{read_scores, read_sentences, RunManifest};
use crate::score::{ArticleScore, SentenceScore};
use std::path::PathBuf;

/// Which article, in which folder.
#[derive(Debug, Clone, PartialEq)]
pub struct InspectOptions {
    /// Article id (file stem or JSONL id).
    pub id: String,
    /// Output folder holding scores.csv and sentences.csv.
    pub out: PathBuf,
}

/// The article's row of scores.csv and its rows of sentences.csv.
#[derive(Debug)]
pub struct InspectOutput {
    pub article: ArticleScore,
    pub sentences: Vec<SentenceScore>,
    /// How the folder's `framing_score` weighs sentences: the model's `quoted_weight` as
    /// `run.json` records it (`parameters.classifier`). `None`, the plain sentence mean, when
    /// it records none (a folder written before the voice-weighted score).
    pub quoted_weight: Option<f64>,
}

/// Find an article's scores; an unknown id is an error suggesting close ones.
pub fn inspect(o: &InspectOptions) -> Result<InspectOutput> {
    let path = o.out.join("scores.csv");
    let scores = read_scores(&path)?;
    let Some(article) = scores.iter().find(|s| s.id == o.id).cloned() else {
        let near: Vec<&str> = scores
            .iter()
            .map(|s| s.id.as_str())
            .filter(|id| id.contains(&o.id))
            .take(5)
            .collect();
        let hint = if near.is_empty() {
            String::new()
        } else {
            format!(" (did you mean {}?)", near.join(", "))
        };
        return Err(Error::Invalid(format!(
            "{}: no article with id `{}`{hint}",
            path.display(),
            o.id
        )));
    };
    let sentences = read_sentences(&o.out.join("sentences.csv"))?
        .into_iter()
        .filter(|x| x.article_id == o.id)
        .collect();
    Ok(InspectOutput {
        article,
        sentences,
        quoted_weight: recorded_quoted_weight(&o.out.join("run.json")),
    })
}

/// `parameters.classifier.quoted_weight` of a run.json; `None` when absent or unreadable
/// (inspect then explains the score as the plain mean, which such folders hold).
fn recorded_quoted_weight(path: &std::path::Path) -> Option<f64> {
    RunManifest::read(path).ok()?.parameters.classifier?.quoted_weight
}
