//! `sentences.csv`: written row by row, with an index of where each article's rows lie so
//! that `run`'s report reads the few hundred articles it shows instead of parsing the whole
//! table (hundreds of megabytes at 100,000 articles).

use super::rows::SentenceRow;
use super::tables::{check_header, each_record, row_err, sentence_columns, Table};
use crate::error::{Error, Result};
use crate::score::SentenceScore;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::Path;

/// Where the rows of each article lie in a `sentences.csv` (byte ranges, in file order):
/// one entry per run of consecutive rows with the same `article_id`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceIndex {
    articles: Vec<(String, Range<u64>)>,
}

impl SentenceIndex {
    /// The ranges of the articles `keep` accepts, in file order.
    fn ranges<'a>(&'a self, keep: &'a impl Fn(&str) -> bool) -> impl Iterator<Item = &'a Range<u64>> {
        self.articles.iter().filter(move |(id, _)| keep(id)).map(|(_, r)| r)
    }
}

/// Streams `sentences.csv`, noting where each article's rows start and end.
pub struct SentencesWriter {
    t: Table<SentenceRow>,
    index: SentenceIndex,
}

impl SentencesWriter {
    pub fn create(path: &Path) -> Result<Self> {
        Ok(SentencesWriter {
            t: Table::create(path)?,
            index: SentenceIndex::default(),
        })
    }

    pub fn write(&mut self, s: &SentenceScore) -> Result<()> {
        if self.index.articles.last().is_none_or(|(id, _)| *id != s.article_id) {
            self.close_article()?;
            let at = self.t.position()?;
            self.index.articles.push((s.article_id.clone(), at..at));
        }
        self.t.write(&SentenceRow::from(s))
    }

    /// The last article's rows end here.
    fn close_article(&mut self) -> Result<()> {
        if let Some((_, r)) = self.index.articles.last_mut() {
            r.end = self.t.position()?;
        }
        Ok(())
    }

    /// Commit the table; the index of its rows.
    pub fn commit(mut self) -> Result<SentenceIndex> {
        self.close_article()?;
        self.t.commit()?;
        Ok(self.index)
    }
}

/// Write all sentences at once.
pub fn write_sentences<'a>(path: &Path, rows: impl IntoIterator<Item = &'a SentenceScore>) -> Result<()> {
    let mut w = SentencesWriter::create(path)?;
    rows.into_iter().try_for_each(|r| w.write(r))?;
    w.commit().map(|_| ())
}

/// The rows of `sentences.csv` whose article id `keep` accepts, read through the `index`
/// written with it: the same rows as [`super::read_sentences_where`], reading only theirs.
pub fn read_sentences_indexed(
    path: &Path,
    index: &SentenceIndex,
    keep: impl Fn(&str) -> bool,
) -> Result<Vec<SentenceScore>> {
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    check_header(&mut csv::Reader::from_reader(&mut f), path, sentence_columns())?;
    let mut out = Vec::new();
    let mut buf = Vec::new();
    for r in index.ranges(&keep) {
        buf.clear();
        f.seek(SeekFrom::Start(r.start)).map_err(|e| Error::io(path, e))?;
        (&mut f)
            .take(r.end - r.start)
            .read_to_end(&mut buf)
            .map_err(|e| Error::io(path, e))?;
        let mut rows = csv::ReaderBuilder::new().has_headers(false).from_reader(&buf[..]);
        each_record(&mut rows, path, |rec| {
            if keep(&rec[0]) {
                let row: SentenceRow = rec.deserialize(None).map_err(|e| {
                    // A row read by its byte range: its offset in the file is known, its line not.
                    let at = r.start + rec.position().map_or(0, |p| p.byte());
                    match row_err(path, rec, sentence_columns(), e) {
                        Error::TableLine { path, message, .. } => Error::Table {
                            path,
                            message: format!("row at byte {at}: {message}"),
                        },
                        other => other,
                    }
                })?;
                out.push(row.into());
            }
            Ok(())
        })?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(article: &str, index: usize, text: &str) -> SentenceScore {
        SentenceScore {
            article_id: article.into(),
            index,
            text: text.into(),
            p_kremlin: index as f64 / 7.0,
            ..Default::default()
        }
    }

    /// Rows with what a CSV writer has to quote or a cell guard to neutralise, an article
    /// whose rows come back later (a repeated id) and one id that is a prefix of another.
    fn rows() -> Vec<SentenceScore> {
        vec![
            sentence("a1", 0, "Plain text."),
            sentence("a1", 1, "Commas, \"quotes\" and\na line break."),
            sentence("=cmd", 0, "=1+2 looks like a formula"),
            sentence("a", 0, "Short id."),
            sentence("a1", 2, "Back again."),
            sentence("b", 0, "-3 starts with a sign"),
            sentence("b", 1, "é ünïcödé"),
        ]
    }

    /// Where each run of rows with one article id lies, found by parsing the file.
    fn scanned_ranges(path: &Path) -> Vec<(String, Range<u64>)> {
        let mut r = csv::Reader::from_path(path).unwrap();
        r.headers().unwrap();
        let mut found: Vec<(String, Range<u64>)> = Vec::new();
        let mut rec = csv::StringRecord::new();
        loop {
            let at = r.position().byte();
            if let Some((_, last)) = found.last_mut() {
                last.end = at;
            }
            if !r.read_record(&mut rec).unwrap() {
                break;
            }
            let id = crate::report::restore(&rec[0]).to_string();
            if found.last().is_none_or(|(last, _)| *last != id) {
                found.push((id, at..at));
            }
        }
        found
    }

    /// [`rows`] written to `sentences.csv` in `dir`: its path and index.
    fn written(dir: &Path) -> (std::path::PathBuf, SentenceIndex) {
        let path = dir.join("sentences.csv");
        let mut w = SentencesWriter::create(&path).unwrap();
        rows().iter().for_each(|s| w.write(s).unwrap());
        (path, w.commit().unwrap())
    }

    #[test]
    fn index_ranges_are_where_a_scan_finds_each_articles_rows() {
        let dir = tempfile::tempdir().unwrap();
        let (path, index) = written(dir.path());
        assert_eq!(index.articles, scanned_ranges(&path));
        let ids: Vec<&str> = index.articles.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["a1", "=cmd", "a", "a1", "b"]);
    }

    #[test]
    fn indexed_read_gives_the_rows_a_scan_gives() {
        let dir = tempfile::tempdir().unwrap();
        let (path, index) = written(dir.path());
        let kept: [&[&str]; 5] = [&["a1"], &["=cmd", "b"], &["a"], &[], &["a1", "=cmd", "a", "b"]];
        for keep in kept {
            let keep = |id: &str| keep.contains(&id);
            let scan = crate::report::read_sentences_where(&path, keep).unwrap();
            let indexed = read_sentences_indexed(&path, &index, keep).unwrap();
            assert_eq!(indexed, scan);
        }
        let all = read_sentences_indexed(&path, &index, |_| true).unwrap();
        assert_eq!(all.len(), rows().len());
        assert_eq!(all[1].text, rows()[1].text);
    }

    #[test]
    fn a_table_without_rows_has_an_empty_index() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sentences.csv");
        let index = SentencesWriter::create(&path).unwrap().commit().unwrap();
        assert_eq!(index, SentenceIndex::default());
        assert!(read_sentences_indexed(&path, &index, |_| true).unwrap().is_empty());
    }

    #[test]
    fn an_indexed_read_checks_the_header() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sentences.csv");
        std::fs::write(&path, "id,text\na1,x\n").unwrap();
        let index = SentenceIndex {
            articles: vec![("a1".into(), 8..13)],
        };
        assert!(read_sentences_indexed(&path, &index, |_| true).is_err());
    }
}
