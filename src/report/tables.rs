//! Tables: a row struct ([`super::rows`]) written with the csv crate's `serialize` and read
//! back with `deserialize`, so its fields are the table's one column list. `scores.csv`,
//! `sentences.csv` and `cleaning.csv` are streamed row by row and committed atomically.

use super::cells::{restore, CellGuard};
use super::columns::columns;
use super::rows::{CutLine, ScoreRow, SentenceRow};
use super::AtomicFile;
use crate::clean::CleanArticle;
use crate::compare::ArticleRow;
use crate::error::{Error, Result};
use crate::score::SentenceScore;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::marker::PhantomData;
use std::path::Path;

/// The columns of `scores.csv` ([`ScoreRow`]'s fields).
pub fn score_columns() -> &'static [&'static str] {
    columns::<ScoreRow>()
}

/// The columns of `sentences.csv` ([`SentenceRow`]'s fields).
pub fn sentence_columns() -> &'static [&'static str] {
    columns::<SentenceRow>()
}

pub(super) fn csv_err(path: &Path, e: csv::Error) -> Error {
    // A row that does not parse is named by its file line; the csv crate's own message gave
    // its record number and a 0-based field number (review J7).
    match (e.kind(), e.position()) {
        (csv::ErrorKind::Deserialize { err, .. }, Some(pos)) => Error::TableLine {
            path: path.to_path_buf(),
            line: pos.line(),
            message: match err.field() {
                Some(i) => format!("column {}: {}", i + 1, de_kind(err.kind())),
                None => de_kind(err.kind()),
            },
        },
        _ => Error::Table {
            path: path.to_path_buf(),
            message: e.to_string(),
        },
    }
}

/// [`csv_err`] for a row `rec` of a table with the header `columns` that did not deserialize:
/// `scores.csv:4: framing_score: invalid float literal "abc"` — the file line the row starts
/// on (the csv crate's [`csv::Position::line`]: 1-based, the header being line 1, a quoted
/// cell's line breaks counted), the column by its name, and the cell as written.
pub(super) fn row_err<C: AsRef<str>>(path: &Path, rec: &csv::StringRecord, columns: &[C], e: csv::Error) -> Error {
    let line = e.position().or(rec.position()).map(|p| p.line());
    let csv::ErrorKind::Deserialize { err, .. } = e.kind() else {
        return csv_err(path, e);
    };
    let Some(line) = line else {
        return csv_err(path, e);
    };
    let message = match err.field().map(|i| i as usize) {
        Some(i) => {
            let name = columns
                .get(i)
                .map_or_else(|| format!("column {}", i + 1), |c| c.as_ref().to_string());
            let cell = rec.get(i).unwrap_or("");
            format!(
                "{name}: {} {:?}",
                de_kind(err.kind()),
                crate::report::escape_control(cell)
            )
        }
        None => de_kind(err.kind()),
    };
    Error::TableLine {
        path: path.to_path_buf(),
        line,
        message,
    }
}

/// What the csv crate says of a cell that did not parse, without its own field number.
fn de_kind(k: &csv::DeserializeErrorKind) -> String {
    match k {
        csv::DeserializeErrorKind::Message(m) => m.clone(),
        k => k.to_string(),
    }
}

/// A CSV table being written: header first, rows as they come, committed atomically
/// (under every [`Table`]: rows are written only as row structs).
struct CsvFile {
    w: csv::Writer<CellGuard<Tally<AtomicFile>>>,
    path: std::path::PathBuf,
}

/// Counts the bytes that reach the file, so a table can say where a row starts
/// ([`Table::position`]) and [`save_model`](super::save_model) how large a model is. A flush stops here: the CSV writer is flushed only to learn the
/// position, and the file is flushed and synced by [`AtomicFile::commit`] (a flush per
/// article would cost a write call each).
pub(crate) struct Tally<W> {
    pub(crate) inner: W,
    pub(crate) written: u64,
}

impl<W: std::io::Write> std::io::Write for Tally<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl CsvFile {
    pub fn create(path: &Path, header: &[&str]) -> Result<Self> {
        // The header is written here, so a table without rows has one too (`serialize`
        // would write it only with the first row).
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(CellGuard::new(Tally {
                inner: AtomicFile::create(path)?,
                written: 0,
            }));
        w.write_record(header).map_err(|e| csv_err(path, e))?;
        Ok(CsvFile { w, path: path.into() })
    }

    /// A row struct as one record.
    pub fn serialize(&mut self, row: &impl Serialize) -> Result<()> {
        self.w.serialize(row).map_err(|e| csv_err(&self.path, e))
    }

    /// The byte offset the next record starts at.
    pub fn position(&mut self) -> Result<u64> {
        self.w.flush().map_err(|e| Error::io(&self.path, e))?;
        Ok(self.w.get_ref().get_ref().written)
    }

    /// Flush, fsync and rename into place.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        let f = self
            .w
            .into_inner()
            .map_err(|e| Error::io(&path, std::io::Error::other(e.to_string())))?;
        f.into_inner().inner.commit()
    }
}

/// A table of rows `R`: header from `R`'s fields, one record per row, committed atomically.
pub struct Table<R> {
    t: CsvFile,
    rows: PhantomData<fn(&R)>,
}

impl<R: Serialize + DeserializeOwned> Table<R> {
    pub fn create(path: &Path) -> Result<Self> {
        Ok(Table {
            t: CsvFile::create(path, columns::<R>())?,
            rows: PhantomData,
        })
    }

    pub fn write(&mut self, row: &R) -> Result<()> {
        self.t.serialize(row)
    }

    /// The byte offset the next row starts at.
    pub fn position(&mut self) -> Result<u64> {
        self.t.position()
    }

    /// Flush, fsync and rename into place.
    pub fn commit(self) -> Result<()> {
        self.t.commit()
    }
}

/// Write a whole table at once.
pub fn write_rows<'a, R: Serialize + DeserializeOwned + 'a>(
    path: &Path,
    rows: impl IntoIterator<Item = &'a R>,
) -> Result<()> {
    let mut t = Table::create(path)?;
    rows.into_iter().try_for_each(|r| t.write(r))?;
    t.commit()
}

/// Streams `scores.csv`.
pub struct ScoresWriter {
    t: Table<ScoreRow>,
}

impl ScoresWriter {
    pub fn create(path: &Path) -> Result<Self> {
        Ok(ScoresWriter {
            t: Table::create(path)?,
        })
    }

    pub fn write(&mut self, a: &ArticleRow) -> Result<()> {
        self.t.write(&ScoreRow::from(a))
    }

    pub fn commit(self) -> Result<()> {
        self.t.commit()
    }
}

/// Write all scores at once.
pub fn write_scores(path: &Path, rows: &[ArticleRow]) -> Result<()> {
    let mut w = ScoresWriter::create(path)?;
    rows.iter().try_for_each(|r| w.write(r))?;
    w.commit()
}

/// Streams `cleaning.csv`: every cut line with its reason.
pub struct CleaningWriter {
    t: Table<CutLine>,
}

impl CleaningWriter {
    pub fn create(path: &Path) -> Result<Self> {
        Ok(CleaningWriter {
            t: Table::create(path)?,
        })
    }

    pub fn write(&mut self, a: &CleanArticle) -> Result<()> {
        for c in &a.cuts {
            self.t.write(&CutLine {
                article_id: a.id.clone(),
                before_paragraph: c.before_paragraph,
                reason: c.reason.clone(),
                text: c.text.clone(),
            })?;
        }
        Ok(())
    }

    pub fn commit(self) -> Result<()> {
        self.t.commit()
    }
}

/// Write `cleaning.csv` at once.
pub fn write_cleaning<'a>(path: &Path, articles: impl IntoIterator<Item = &'a CleanArticle>) -> Result<()> {
    let mut w = CleaningWriter::create(path)?;
    articles.into_iter().try_for_each(|a| w.write(a))?;
    w.commit()
}

/// Stream a table's records (checked header first), so a table of a whole crawl is never
/// held in memory. Cells neutralised on writing are restored.
pub(crate) fn for_each_record(
    path: &Path,
    columns: &[&str],
    each: impl FnMut(&csv::StringRecord) -> Result<()>,
) -> Result<()> {
    for_each_record_as(path, columns, true, each)
}

/// [`for_each_record`], cells restored or (`restore` false) read as they are: a table this
/// process wrote under `--raw-csv` is read raw ([`super::restore`] cannot tell a raw `'=x`
/// from a neutralised `=x`; the process that wrote the table can).
fn for_each_record_as(
    path: &Path,
    columns: &[&str],
    restore: bool,
    each: impl FnMut(&csv::StringRecord) -> Result<()>,
) -> Result<()> {
    let err = |message: String| Error::Table {
        path: path.to_path_buf(),
        message,
    };
    if !path.exists() {
        if path.with_extension("parquet").exists() {
            return Err(err(
                "not found: this folder holds the Parquet form (`score --format parquet`), and `inspect`, `report` and `chart` read the CSV tables; score again without `--format parquet`".into(),
            ));
        }
        // A `score --no-sentences` folder: its scores are here (review, session 49: `report`
        // told the user to run `run` or `score` first).
        if path.file_name().is_some_and(|n| n == "sentences.csv") && path.with_file_name("scores.csv").exists() {
            return Err(err(
                "not in this folder, which holds scores without their sentences (written with `--no-sentences`?); score again without it".into(),
            ));
        }
        return Err(err(
            "not found (run `framescope run` or `framescope score` first)".into()
        ));
    }
    let mut r = csv::Reader::from_path(path).map_err(|e| csv_err(path, e))?;
    check_header(&mut r, path, columns)?;
    each_record_as(&mut r, path, restore, each)
}

/// Stop unless a table's header is `columns`.
pub(super) fn check_header<T: std::io::Read>(r: &mut csv::Reader<T>, path: &Path, columns: &[&str]) -> Result<()> {
    let h = r.headers().map_err(|e| csv_err(path, e))?;
    if h.iter().ne(columns.iter().copied()) {
        return Err(Error::Table {
            path: path.to_path_buf(),
            message: "unexpected columns (not a framescope table of this version)".into(),
        });
    }
    Ok(())
}

/// Every record a reader has left, cells restored.
pub(super) fn each_record<T: std::io::Read>(
    r: &mut csv::Reader<T>,
    path: &Path,
    each: impl FnMut(&csv::StringRecord) -> Result<()>,
) -> Result<()> {
    each_record_as(r, path, true, each)
}

/// [`each_record`], cells restored only when `restore` ([`for_each_record_as`]).
fn each_record_as<T: std::io::Read>(
    r: &mut csv::Reader<T>,
    path: &Path,
    restore: bool,
    mut each: impl FnMut(&csv::StringRecord) -> Result<()>,
) -> Result<()> {
    let mut rec = csv::StringRecord::new();
    while r.read_record(&mut rec).map_err(|e| csv_err(path, e))? {
        if restore {
            each(&restored(&rec))?;
        } else {
            each(&rec)?;
        }
    }
    Ok(())
}

/// A record with neutralised cells ([`super::neutralise`]) back to their text; borrowed
/// when no cell was neutralised (the usual case).
pub(crate) fn restored(rec: &csv::StringRecord) -> std::borrow::Cow<'_, csv::StringRecord> {
    if rec.iter().any(|f| f.starts_with('\'')) {
        let mut owned: csv::StringRecord = rec.iter().map(restore).collect();
        // Kept, so a row that does not parse is still named by its line.
        owned.set_position(rec.position().cloned());
        std::borrow::Cow::Owned(owned)
    } else {
        std::borrow::Cow::Borrowed(rec)
    }
}

/// Stream the rows of a table of `R` whose first column (an article id) `keep` accepts: only
/// kept rows are parsed and held.
pub fn for_each_row<R: DeserializeOwned>(
    path: &Path,
    keep: impl Fn(&str) -> bool,
    mut each: impl FnMut(R) -> Result<()>,
) -> Result<()> {
    for_each_record(path, columns::<R>(), |rec| {
        if !keep(&rec[0]) {
            return Ok(());
        }
        each(
            rec.deserialize(None)
                .map_err(|e| row_err(path, rec, columns::<R>(), e))?,
        )
    })
}

/// Read the rows of a table of `R` whose first column `keep` accepts.
pub fn read_rows<R: DeserializeOwned>(path: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<R>> {
    let mut rows = Vec::new();
    for_each_row(path, keep, |r| {
        rows.push(r);
        Ok(())
    })?;
    Ok(rows)
}

/// Read `scores.csv` back.
pub fn read_scores(path: &Path) -> Result<Vec<ArticleRow>> {
    let mut rows = Vec::new();
    for_each_score(path, |s| {
        rows.push(s);
        Ok(())
    })?;
    Ok(rows)
}

/// Stream `scores.csv`, one article at a time.
/// A row holding an impossible value ([`ScoreRow::impossible`]) stops the reading, named by
/// its line and column.
pub fn for_each_score(path: &Path, mut each: impl FnMut(ArticleRow) -> Result<()>) -> Result<()> {
    for_each_record(path, score_columns(), |rec| {
        let r: ScoreRow = rec
            .deserialize(None)
            .map_err(|e| row_err(path, rec, score_columns(), e))?;
        if let Some((column, value, range)) = r.impossible() {
            // The cell as written: `1e308` rather than its 309 digits.
            let cell = score_columns()
                .iter()
                .position(|c| *c == column)
                .and_then(|i| rec.get(i))
                .map_or_else(|| value.to_string(), |c| c.trim().to_string());
            return Err(Error::TableLine {
                path: path.to_path_buf(),
                line: rec.position().map_or(0, |p| p.line()),
                message: format!(
                    "{column}: {:?} is not {range} (edited by hand?)",
                    super::escape_control(&cell)
                ),
            });
        }
        each(r.into())
    })
}

/// Read `sentences.csv` back.
pub fn read_sentences(path: &Path) -> Result<Vec<SentenceScore>> {
    read_sentences_where(path, |_| true)
}

/// Read the rows of `sentences.csv` whose article id passes `keep`, streaming (only kept
/// rows are held in memory: the report of a 100,000-article run reads a few hundred).
pub fn read_sentences_where(path: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<SentenceScore>> {
    let mut out = Vec::new();
    for_each_row(path, keep, |r: SentenceRow| {
        out.push(r.into());
        Ok(())
    })?;
    Ok(out)
}

/// Rewrite `scores.csv` in place (atomically, row by row) with the `own_text_share` and
/// `own_framing_score` columns filled from `own` (one entry per row, in row order). Used by
/// `score`, which streams scores before the whole run's shared copy is known.
pub fn fill_own_text(path: &Path, own: &[(f64, Option<f64>)]) -> Result<()> {
    let mut rows = own.iter();
    let mut t: Table<ScoreRow> = Table::create(path)?;
    // Read as this process wrote it: with `--raw-csv` an id `'=x` stays `'=x` (review,
    // session 39: it became `=x`, and `diff` then rebuilt its fold from another id).
    let restore = super::CellPolicy::current() == super::CellPolicy::Neutralise;
    for_each_record_as(path, columns::<ScoreRow>(), restore, |rec| {
        let mut r: ScoreRow = rec
            .deserialize(None)
            .map_err(|e| row_err(path, rec, score_columns(), e))?;
        if let Some((s, f)) = rows.next() {
            r.own_text_share = Some(*s);
            r.own_framing_score = *f;
        }
        t.write(&r)
    })?;
    t.commit()
}

#[cfg(test)]
mod missing_table_tests {
    use super::*;

    #[test]
    fn a_missing_table_beside_its_parquet_form_says_so() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("scores.csv");
        let e = for_each_record(&p, &["id"], |_| Ok(())).unwrap_err().to_string();
        assert!(e.contains("framescope run"), "{e}");
        std::fs::write(d.path().join("scores.parquet"), b"PAR1").unwrap();
        let e = for_each_record(&p, &["id"], |_| Ok(())).unwrap_err().to_string();
        assert!(e.contains("Parquet form") && e.contains("--format parquet"), "{e}");
    }
}

#[cfg(test)]
mod row_error_tests {
    use super::*;

    /// Review finding J7: `record 3 (line: 3, byte: …): field 5`. The row is named by the
    /// line it starts on in the file (the header is line 1, a quoted cell's line break
    /// counts) and the cell by its column.
    #[test]
    fn a_bad_cell_is_named_by_file_line_and_column() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("t.csv");
        std::fs::write(&p, "id,title,framing_score\na,\"two\nlines\",0.5\nb,,abc\n").unwrap();
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Row {
            id: String,
            title: String,
            framing_score: f64,
        }
        let e = read_rows::<Row>(&p, |_| true).unwrap_err().to_string();
        assert_eq!(
            e,
            format!("{}:4: framing_score: invalid float literal \"abc\"", p.display())
        );
        // A neutralised cell restored keeps its row's line.
        std::fs::write(&p, "id,title,framing_score\n'=a,x,abc\n").unwrap();
        let e = read_rows::<Row>(&p, |_| true).unwrap_err().to_string();
        assert!(
            e.ends_with("t.csv:2: framing_score: invalid float literal \"abc\""),
            "{e}"
        );
    }
}
