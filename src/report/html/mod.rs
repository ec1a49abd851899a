//! `report.html`: one self-contained page per output folder. No network: charts are PNG data
//! URIs, the stylesheet and the small sorting script are inline, and a Content-Security-Policy
//! (`default-src 'none'`) forbids the browser from fetching anything. The page is askama
//! templates (`templates/`, `page`), which escape every value with the report's escaper
//! (`text::Esc`); only fragments built and escaped by tested code go in unescaped (`|safe`).
//!
//! Contents: an overview (score table sortable by clicking a header, linking to each
//! article; the charts; model facts from `model.json` and `run.json`), then one section per
//! article: headline, outlet and date, framing_score with its interval, sentence shares, the
//! cleaned text with each sentence shaded by p_kremlin on the charts' diverging palette
//! (probability and hits on hover) and lexicon hits underlined (the entry on hover; how hits
//! are located is in `text`), the lines cut as boilerplate (collapsed, struck through) and
//! the article's top terms on each side.

mod changes;
mod comparator;
mod page;
mod text;

pub use comparator::{Marks, QuotedMark, SharedMark};

use crate::corpus::Side;
use crate::error::Result;
use crate::model::{FramingModel, TrainingStats};
use crate::report::RunManifest;
use crate::score::{ArticleScore, SentenceScore};
use askama::Template;
use std::path::Path;

pub use crate::report::rows::CutLine;

/// Read the cuts of `cleaning.csv` of the articles `keep` accepts (streamed: the table may
/// cover a whole crawl).
pub fn read_cleaning(path: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<CutLine>> {
    crate::report::read_rows(path, keep)
}

/// What the report says about the model and the run.
#[derive(Debug, Clone, Default)]
pub struct ModelFacts {
    pub tool_version: Option<String>,
    /// run.json's `tool_build` (the commit), when recorded.
    pub tool_build: Option<String>,
    pub command: Option<String>,
    pub created: Option<String>,
    pub model_sha256: Option<String>,
    pub lexicon_sha256: Option<String>,
    pub training: Option<TrainingStats>,
    /// Entries per side that can fire in the languages the model trained on (all of them
    /// for a model that does not record its languages).
    pub lexicon_entries_kremlin: usize,
    pub lexicon_entries_western: usize,
    /// Entries of the lexicon's other languages (code, count): an English-only run's page
    /// counted the Russian lists among its entries (review, session 35).
    pub lexicon_entries_other: Vec<(String, usize)>,
    pub kremlin_threshold: Option<f64>,
    pub western_threshold: Option<f64>,
    /// `run`'s cross-fitting folds (0: in-sample; `None`: not recorded).
    pub folds: Option<usize>,
    /// How they were assigned (`folds.json`'s `assigned_by`: `order` or `id`), when known.
    pub folds_assigned_by: Option<&'static str>,
    /// How framing_score weighs a sentence's quoted words, as `run.json` records it (as
    /// `inspect` reads it; `None`: the plain sentence mean, 2·p_kremlin − 1).
    pub quoted_weight: Option<f64>,
    /// Why the model is weak, each with its remedy (`weak model: …`): as the job warned and
    /// recorded in `run.json`'s `problems`, else (no run.json, or one from before they were
    /// recorded) from the model's training figures.
    pub weaknesses: Vec<String>,
    /// The inputs the job reported and skipped (`PATH[:LINE]: skipped: …`), as `run.json`'s
    /// `problems` records them: articles that are not in these scores. A reader of the page
    /// alone did not see the terminal that listed them.
    pub skipped: Vec<String>,
    /// Every other warning the job recorded in `run.json`'s `problems` (a date that names no
    /// day, an id renamed, …), without its `warning: ` prefix: the page showed only the
    /// weak-model ones and the skipped inputs (review, session 35).
    pub warnings: Vec<String>,
    /// The folder or model the "What changed" section compares with, as `run.json` records
    /// it (`compared_with`); the section did not say (review, session 34).
    pub compared_with: Option<String>,
}

impl ModelFacts {
    /// From a parsed `run.json` and the model, either of which may be missing.
    pub fn new(run: Option<&RunManifest>, model: Option<&FramingModel>) -> ModelFacts {
        // A text run.json lacks (an empty string read by default) is not known.
        let s = |k: fn(&RunManifest) -> &String| run.map(k).filter(|v| !v.is_empty()).cloned();
        let scoring = run.and_then(|r| r.parameters.scoring.as_ref());
        let trained = |m: &FramingModel, e: &crate::lexicon::Entry| {
            let langs = &m.training.languages;
            langs.is_empty() || m.lexicon.can_fire_in(e, langs.iter().map(String::as_str))
        };
        let count = |side| {
            model.map_or(0, |m| {
                m.lexicon
                    .entries
                    .iter()
                    .filter(|e| e.side == side && trained(m, e))
                    .count()
            })
        };
        let mut other: std::collections::BTreeMap<String, usize> = Default::default();
        if let Some(m) = model {
            for e in m.lexicon.entries.iter().filter(|e| !trained(m, e)) {
                *other
                    .entry(m.lexicon.entry_language(e).unwrap_or("default").to_string())
                    .or_default() += 1;
            }
        }
        ModelFacts {
            tool_version: s(|r| &r.tool_version).or_else(|| model.map(|m| m.tool_version.clone())),
            tool_build: run.and_then(|r| r.tool_build.clone()),
            // The command line as typed when recorded (`framescope retrain …`): the command
            // alone said "(run)" after a `retrain` (review, session 35).
            command: run
                .and_then(|r| r.arguments.as_deref())
                .filter(|a| a.len() > 1)
                .map(|a| {
                    let quoted = a[1..].iter().map(|x| {
                        if x.is_empty() || x.contains(char::is_whitespace) {
                            format!("'{x}'")
                        } else {
                            x.clone()
                        }
                    });
                    std::iter::once("framescope".to_string())
                        .chain(quoted)
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .or_else(|| s(|r| &r.command)),
            created: s(|r| &r.created),
            model_sha256: run
                .and_then(|r| r.model_sha256.clone())
                .or_else(|| model.and_then(|m| m.hash().ok())),
            lexicon_sha256: run
                .and_then(|r| r.lexicon_sha256.clone())
                .or_else(|| model.map(|m| m.lexicon.hash())),
            training: model.map(|m| m.training.clone()),
            lexicon_entries_kremlin: count(Side::Kremlin),
            lexicon_entries_western: count(Side::Western),
            lexicon_entries_other: other.into_iter().collect(),
            kremlin_threshold: scoring.map(|s| s.kremlin_threshold),
            western_threshold: scoring.map(|s| s.western_threshold),
            folds: run.and_then(|r| r.parameters.folds),
            folds_assigned_by: None,
            quoted_weight: run
                .and_then(|r| r.parameters.classifier.as_ref())
                .and_then(|c| c.quoted_weight),
            weaknesses: weaknesses(run, model),
            skipped: run
                .into_iter()
                .flat_map(|r| &r.problems)
                .filter(|p| p.contains(": skipped: "))
                .cloned()
                .collect(),
            warnings: run
                .into_iter()
                .flat_map(|r| &r.problems)
                .filter(|p| !p.contains(": skipped: ") && !crate::model::is_weak_model_warning(p))
                .map(|p| p.trim_start_matches("warning: ").to_string())
                .collect(),
            compared_with: run.and_then(|r| r.compared_with.clone()),
        }
    }
}

/// The model's weaknesses for the report: those the job recorded (worded for how it trained:
/// seeds alone or corpus mode), else the model's own (worded for seeds alone).
fn weaknesses(run: Option<&RunManifest>, model: Option<&FramingModel>) -> Vec<String> {
    let recorded: Vec<String> = run
        .into_iter()
        .flat_map(|r| &r.problems)
        .filter(|p| crate::model::is_weak_model_warning(p))
        .map(|p| p.trim_start_matches("warning: ").to_string())
        .collect();
    if !recorded.is_empty() {
        return recorded;
    }
    model.map_or_else(Vec::new, |m| m.training.weaknesses())
}

/// Everything the page is built from.
#[derive(Debug, Clone)]
pub struct ReportInput<'a> {
    pub scores: &'a [ArticleScore],
    pub sentences: &'a [SentenceScore],
    pub cuts: &'a [CutLine],
    pub facts: &'a ModelFacts,
    /// (file name, PNG bytes) of the charts to embed, in order.
    pub charts: &'a [(String, Vec<u8>)],
    /// Shared copy and quoted actors per sentence (the comparator's marks).
    pub marks: &'a Marks,
    /// `diff.csv` rows when the folder was compared with earlier outputs (else empty), and
    /// the before/after chart.
    pub changes: &'a [crate::compare::changes::rows::DiffRow],
    pub changes_chart: Option<&'a [u8]>,
    /// The folder's articles and sentences in all, when the page shows only some of them
    /// (`scores` is then a subset): the header says both (review, session 32: a page of 500
    /// of 2,005 articles said "500 articles").
    pub totals: Option<(usize, usize)>,
}

/// Build the page.
pub fn render(input: &ReportInput) -> String {
    let mut h = String::with_capacity(1 << 20);
    // Rendering into a String fails only when a value's Display does; none of the page's does.
    let _ = page::Page::new(input).render_into(&mut h);
    h
}

/// Build the page and write it atomically.
pub fn write_report(path: &Path, input: &ReportInput) -> Result<()> {
    crate::report::write_atomic(path, render(input).as_bytes())
}

#[cfg(test)]
mod tests;
