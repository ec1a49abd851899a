//! The comparator's tables: one serde row struct each (its fields are the columns), 6-decimal
//! numbers, written atomically.

use super::keyness::KeyTerm;
use super::outlets::{OutletRow, TimelineRow};
use super::sourcing::Attribution;
use crate::error::Result;
use crate::report::rows::AttributionRow;
use crate::report::{cell, write_rows, Table};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One row of `keyness.csv` (its columns are these fields): a [`KeyTerm`] with its most
/// frequent written form and the group it leans to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeynessRow {
    pub term: String,
    /// The stem's most frequent written form.
    pub surface: String,
    pub count_a: u64,
    pub count_b: u64,
    pub background: u64,
    #[serde(serialize_with = "cell::f6")]
    pub per_mille_a: f64,
    #[serde(serialize_with = "cell::f6")]
    pub per_mille_b: f64,
    #[serde(serialize_with = "cell::f6")]
    pub prior: f64,
    #[serde(serialize_with = "cell::f6")]
    pub log_odds: f64,
    #[serde(serialize_with = "cell::f6")]
    pub z: f64,
    /// The group's name when |z| ≥ 1.96, else empty.
    pub leans: String,
}

/// `keyness.csv`; `surface` gives each stem's most frequent written form; `leans` names the
/// group when |z| ≥ 1.96.
pub fn write_keyness(
    path: &Path,
    rows: &[KeyTerm],
    surface: impl Fn(&str) -> String,
    names: (&str, &str),
) -> Result<()> {
    let mut t = Table::create(path)?;
    for k in rows {
        let leans = if k.z >= crate::compare::keyness::Z_LEANS {
            names.0
        } else if k.z <= -crate::compare::keyness::Z_LEANS {
            names.1
        } else {
            ""
        };
        t.write(&KeynessRow {
            term: k.term.clone(),
            surface: surface(&k.term),
            count_a: k.count_a,
            count_b: k.count_b,
            background: k.background,
            per_mille_a: k.per_mille_a,
            per_mille_b: k.per_mille_b,
            prior: k.prior,
            log_odds: k.delta,
            z: k.z,
            leans: leans.to_string(),
        })?;
    }
    t.commit()
}

/// `outlets.csv`.
pub fn write_outlets(path: &Path, rows: &[OutletRow]) -> Result<()> {
    write_rows(path, rows)
}

/// `timeline.csv`.
pub fn write_timeline(path: &Path, rows: &[TimelineRow]) -> Result<()> {
    write_rows(path, rows)
}

/// `shared_sentences.csv`: every sentence another article of the run also carries.
pub fn write_shared(path: &Path, rows: &[super::enrich::SharedSentence]) -> Result<()> {
    write_rows(path, rows)
}

/// Streams `attributions.csv`: every sentence with a speech cue, as articles arrive.
pub struct AttributionsWriter {
    t: Table<AttributionRow>,
}

impl AttributionsWriter {
    pub fn create(path: &Path) -> Result<Self> {
        Ok(AttributionsWriter {
            t: Table::create(path)?,
        })
    }

    /// One article's attributions; `text(i)` is sentence i's text.
    pub fn write<'a>(&mut self, article_id: &str, rows: &[Attribution], text: impl Fn(usize) -> &'a str) -> Result<()> {
        for a in rows {
            self.t.write(&AttributionRow {
                article_id: article_id.to_string(),
                index: a.index,
                cue: a.cue.clone(),
                actor: a.actor.clone(),
                side: a.voice.map_or("", |v| v.as_str()).to_string(),
                text: text(a.index).to_string(),
            })?;
        }
        Ok(())
    }

    pub fn commit(self) -> Result<()> {
        self.t.commit()
    }
}

/// One row of `overlap.csv`: two articles sharing copy
/// ([`PairOverlap`](super::overlap::PairOverlap)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverlapRow {
    pub article_a: String,
    pub article_b: String,
    pub outlet_a: String,
    pub outlet_b: String,
    pub sentences_a: usize,
    pub sentences_b: usize,
    pub shared_sentences_a: usize,
    pub shared_sentences_b: usize,
    pub exact_sentences_a: usize,
    #[serde(serialize_with = "cell::f6")]
    pub share_a: f64,
    #[serde(serialize_with = "cell::f6")]
    pub share_b: f64,
    /// How many paragraphs of A the other lacks (listed in `overlap_paragraphs.csv`).
    pub paragraphs_only_a: usize,
    pub paragraphs_only_b: usize,
}

/// One row of `overlap_sentences.csv`: a sentence and the articles it is shared with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverlapSentenceRow {
    pub article_id: String,
    pub index: usize,
    /// The kept paragraph's index, or `headline`.
    pub paragraph: String,
    pub words: usize,
    /// `own` (shared with no other article), `exact` or `near`.
    pub status: String,
    /// `article:sentence:similarity` of each match, `; `-separated.
    pub shared_with: String,
    pub text: String,
}

/// One row of `overlap_paragraphs.csv`: a paragraph of an article that the other article of
/// a pair lacks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverlapParagraphRow {
    pub article_id: String,
    pub other_id: String,
    /// The kept paragraph's index, or `headline`.
    pub paragraph: String,
    pub text: String,
}
