//! The comparator's tables: fixed columns, 6-decimal numbers, written atomically.

use super::keyness::KeyTerm;
use super::outlets::{OutletRow, TimelineRow};
use super::sourcing::Attribution;
use crate::error::Result;
use crate::report::rows::AttributionRow;
use crate::report::{f6, write_rows, CsvFile, Table};
use std::path::Path;

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
