//! The comparator's tables: fixed columns, 6-decimal numbers, written atomically.

use super::keyness::KeyTerm;
use super::outlets::{OutletRow, TimelineRow};
use super::sourcing::Attribution;
use crate::error::Result;
use crate::report::CsvFile;
use std::path::Path;

use crate::report::{f6, o6};

/// Write a table: header then rows, committed atomically.
pub fn write_table(path: &Path, header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Result<()> {
    let mut t = CsvFile::create(path, header)?;
    for r in rows {
        t.row(&r)?;
    }
    t.commit()
}

pub const KEYNESS_COLUMNS: &[&str] = &[
    "term",
    "surface",
    "count_a",
    "count_b",
    "background",
    "per_mille_a",
    "per_mille_b",
    "prior",
    "log_odds",
    "z",
    "leans",
];

/// `keyness.csv`; `surface` gives each stem's most frequent written form; `leans` names the
/// group when |z| ≥ 1.96.
pub fn write_keyness(
    path: &Path,
    rows: &[KeyTerm],
    surface: impl Fn(&str) -> String,
    names: (&str, &str),
) -> Result<()> {
    write_table(
        path,
        KEYNESS_COLUMNS,
        rows.iter().map(|t| {
            let leans = if t.z >= 1.96 {
                names.0
            } else if t.z <= -1.96 {
                names.1
            } else {
                ""
            };
            vec![
                t.term.clone(),
                surface(&t.term),
                t.count_a.to_string(),
                t.count_b.to_string(),
                t.background.to_string(),
                f6(t.per_mille_a),
                f6(t.per_mille_b),
                f6(t.prior),
                f6(t.delta),
                f6(t.z),
                leans.to_string(),
            ]
        }),
    )
}

pub const OUTLET_COLUMNS: &[&str] = &[
    "outlet",
    "articles",
    "mean_framing_score",
    "score_low",
    "score_high",
    "mean_own_framing_score",
    "mean_own_text_share",
    "mean_sourcing_balance",
    "articles_with_sourcing",
];

pub fn write_outlets(path: &Path, rows: &[OutletRow]) -> Result<()> {
    write_table(
        path,
        OUTLET_COLUMNS,
        rows.iter().map(|r| {
            vec![
                r.outlet.clone(),
                r.articles.to_string(),
                f6(r.mean_framing_score),
                f6(r.score_low),
                f6(r.score_high),
                o6(r.mean_own_framing_score),
                o6(r.mean_own_text_share),
                o6(r.mean_sourcing_balance),
                r.articles_with_sourcing.to_string(),
            ]
        }),
    )
}

pub const TIMELINE_COLUMNS: &[&str] = &[
    "date",
    "outlet",
    "articles",
    "mean_framing_score",
    "mean_sourcing_balance",
];

pub fn write_timeline(path: &Path, rows: &[TimelineRow]) -> Result<()> {
    write_table(
        path,
        TIMELINE_COLUMNS,
        rows.iter().map(|r| {
            vec![
                r.date.clone(),
                r.outlet.clone(),
                r.articles.to_string(),
                f6(r.mean_framing_score),
                o6(r.mean_sourcing_balance),
            ]
        }),
    )
}

pub const SHARED_COLUMNS: &[&str] = &[
    "article_id",
    "index",
    "shared_with",
    "other_index",
    "exact",
    "similarity",
];

/// `shared_sentences.csv`: every sentence another article of the run also carries.
pub fn write_shared(path: &Path, rows: &[super::enrich::SharedSentence]) -> Result<()> {
    write_table(
        path,
        SHARED_COLUMNS,
        rows.iter().map(|r| {
            vec![
                r.article_id.clone(),
                r.index.to_string(),
                r.other_id.clone(),
                r.other_index.to_string(),
                r.exact.to_string(),
                f6(r.similarity),
            ]
        }),
    )
}

pub const ATTRIBUTION_COLUMNS: &[&str] = &["article_id", "index", "cue", "actor", "side", "text"];

/// Streams `attributions.csv`: every sentence with a speech cue, as articles arrive.
pub struct AttributionsWriter {
    t: CsvFile,
}

impl AttributionsWriter {
    pub fn create(path: &Path) -> Result<Self> {
        Ok(AttributionsWriter {
            t: CsvFile::create(path, ATTRIBUTION_COLUMNS)?,
        })
    }

    /// One article's attributions; `text(i)` is sentence i's text.
    pub fn write<'a>(&mut self, article_id: &str, rows: &[Attribution], text: impl Fn(usize) -> &'a str) -> Result<()> {
        for a in rows {
            self.t.row([
                article_id,
                &a.index.to_string(),
                &a.cue,
                &a.actor,
                a.voice.map_or("", |v| v.as_str()),
                text(a.index),
            ])?;
        }
        Ok(())
    }

    pub fn commit(self) -> Result<()> {
        self.t.commit()
    }
}
