//! `scores.csv`, `sentences.csv` and `cleaning.csv`: fixed column order, fixed number
//! formatting (6 decimals), streamed row by row, committed atomically.

use super::cells::{restore, CellGuard};
use super::AtomicFile;
use crate::clean::CleanArticle;
use crate::corpus::Side;
use crate::error::{Error, Result};
use crate::score::{ArticleScore, SentenceScore};
use std::path::Path;

pub const SCORE_COLUMNS: &[&str] = &[
    "id",
    "title",
    "outlet",
    "date",
    "n_sentences",
    "framing_score",
    "score_low",
    "score_high",
    "lede_score",
    "share_kremlin",
    "share_neutral",
    "share_western",
    "lexicon_hits_kremlin",
    "lexicon_hits_western",
    "lexicon_score",
    "n_cut",
    "label",
    "top_terms_kremlin",
    "top_terms_western",
    "own_text_share",
    "own_framing_score",
    "n_attributed",
    "sourced_kremlin",
    "sourced_western",
    "sourced_ukraine",
    "sourcing_balance",
    "voice_score",
    "quoted_score",
    "own_voice_share",
    "score_offset",
    "origin",
    "lang",
];

pub const SENTENCE_COLUMNS: &[&str] = &[
    "article_id",
    "index",
    "is_headline",
    "text",
    "p_kremlin",
    "lexicon_score",
    "weak_label",
    "kremlin_hits",
    "western_hits",
    "voice",
    "own_words",
    "quoted_words",
    "p_own",
    "p_quoted",
    "voice_spans",
];

/// A number as every table writes it: 6 decimals, never `-0.000000`.
pub(crate) fn f6(x: f64) -> String {
    let s = format!("{x:.6}");
    if s == "-0.000000" {
        "0.000000".into()
    } else {
        s
    }
}

/// [`f6`] of a number that may be absent (empty cell).
pub(crate) fn o6(x: Option<f64>) -> String {
    x.map(f6).unwrap_or_default()
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

fn side(s: Option<Side>) -> &'static str {
    s.map_or("", Side::as_str)
}

fn terms(t: &[(String, f64)]) -> String {
    t.iter()
        .map(|(t, w)| format!("{t}:{w:.4}"))
        .collect::<Vec<_>>()
        .join("; ")
}

pub(super) fn csv_err(path: &Path, e: csv::Error) -> Error {
    Error::Table {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// A CSV table being written: header first, rows as they come, committed atomically
/// (every table writer of framescope is one of these).
pub struct CsvFile {
    w: csv::Writer<CellGuard<AtomicFile>>,
    path: std::path::PathBuf,
}

impl CsvFile {
    pub fn create(path: &Path, header: &[&str]) -> Result<Self> {
        let mut w = csv::Writer::from_writer(CellGuard::new(AtomicFile::create(path)?));
        w.write_record(header).map_err(|e| csv_err(path, e))?;
        Ok(CsvFile { w, path: path.into() })
    }

    pub fn row<I, T>(&mut self, record: I) -> Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        self.w.write_record(record).map_err(|e| csv_err(&self.path, e))
    }

    /// Flush, fsync and rename into place.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        let f = self
            .w
            .into_inner()
            .map_err(|e| Error::io(&path, std::io::Error::other(e.to_string())))?;
        f.into_inner().commit()
    }
}

/// Streams `scores.csv`.
pub struct ScoresWriter {
    t: CsvFile,
}

impl ScoresWriter {
    pub fn create(path: &Path) -> Result<Self> {
        Ok(ScoresWriter {
            t: CsvFile::create(path, SCORE_COLUMNS)?,
        })
    }

    pub fn write(&mut self, a: &ArticleScore) -> Result<()> {
        let o = |x: Option<f64>| x.map(f6).unwrap_or_default();
        self.t.row([
            a.id.as_str(),
            opt(&a.title),
            opt(&a.outlet),
            opt(&a.date),
            &a.n_sentences.to_string(),
            &f6(a.framing_score),
            &o(a.score_low),
            &o(a.score_high),
            &f6(a.lede_score),
            &f6(a.share_kremlin),
            &f6(a.share_neutral),
            &f6(a.share_western),
            &a.lexicon_hits_kremlin.to_string(),
            &a.lexicon_hits_western.to_string(),
            &f6(a.lexicon_score),
            &a.n_cut.to_string(),
            side(a.label),
            &terms(&a.top_terms_kremlin),
            &terms(&a.top_terms_western),
            &o(a.own_text_share),
            &o(a.own_framing_score),
            &a.n_attributed.to_string(),
            &o(a.sourced_kremlin),
            &o(a.sourced_western),
            &o(a.sourced_ukraine),
            &o(a.sourcing_balance),
            &o(a.voice_score),
            &o(a.quoted_score),
            &o(a.own_voice_share),
            &f6(a.score_offset),
            a.origin.as_str(),
            a.lang.as_str(),
        ])
    }

    pub fn commit(self) -> Result<()> {
        self.t.commit()
    }
}

/// Streams `sentences.csv`.
pub struct SentencesWriter {
    t: CsvFile,
}

impl SentencesWriter {
    pub fn create(path: &Path) -> Result<Self> {
        Ok(SentencesWriter {
            t: CsvFile::create(path, SENTENCE_COLUMNS)?,
        })
    }

    pub fn write(&mut self, s: &SentenceScore) -> Result<()> {
        self.t.row([
            s.article_id.as_str(),
            &s.index.to_string(),
            if s.is_headline { "true" } else { "false" },
            s.text.as_str(),
            &f6(s.p_kremlin),
            &f6(s.lexicon_score),
            side(s.weak_label),
            &s.kremlin_hits.join("; "),
            &s.western_hits.join("; "),
            s.voice.as_str(),
            &s.own_words.to_string(),
            &s.quoted_words.to_string(),
            &s.p_own.map(f6).unwrap_or_default(),
            &s.p_quoted.map(f6).unwrap_or_default(),
            s.voice_spans.as_str(),
        ])
    }

    pub fn commit(self) -> Result<()> {
        self.t.commit()
    }
}

/// Write all scores at once.
pub fn write_scores(path: &Path, rows: &[ArticleScore]) -> Result<()> {
    let mut w = ScoresWriter::create(path)?;
    rows.iter().try_for_each(|r| w.write(r))?;
    w.commit()
}

/// Write all sentences at once.
pub fn write_sentences<'a>(path: &Path, rows: impl IntoIterator<Item = &'a SentenceScore>) -> Result<()> {
    let mut w = SentencesWriter::create(path)?;
    rows.into_iter().try_for_each(|r| w.write(r))?;
    w.commit()
}

/// Streams `cleaning.csv`: every cut line with its reason.
pub struct CleaningWriter {
    t: CsvFile,
}

impl CleaningWriter {
    pub fn create(path: &Path) -> Result<Self> {
        Ok(CleaningWriter {
            t: CsvFile::create(path, &["article_id", "before_paragraph", "reason", "text"])?,
        })
    }

    pub fn write(&mut self, a: &CleanArticle) -> Result<()> {
        for c in &a.cuts {
            self.t
                .row([a.id.as_str(), &c.before_paragraph.to_string(), &c.reason, &c.text])?;
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

fn parse_terms(s: &str) -> Vec<(String, f64)> {
    s.split("; ")
        .filter(|t| !t.is_empty())
        .filter_map(|t| {
            t.rsplit_once(':')
                .and_then(|(a, b)| b.parse().ok().map(|w| (a.to_string(), w)))
        })
        .collect()
}

/// Read a CSV written by framescope, checking its header.
/// Stream a table's records (checked header first), so a table of a whole crawl is never
/// held in memory.
pub(crate) fn for_each_record(
    path: &Path,
    columns: &[&str],
    mut each: impl FnMut(&csv::StringRecord) -> Result<()>,
) -> Result<()> {
    let err = |message: String| Error::Table {
        path: path.to_path_buf(),
        message,
    };
    if !path.exists() {
        return Err(err(
            "not found (run `framescope run` or `framescope score` first)".into()
        ));
    }
    let mut r = csv::Reader::from_path(path).map_err(|e| csv_err(path, e))?;
    let h = r.headers().map_err(|e| csv_err(path, e))?.clone();
    if h.iter().collect::<Vec<_>>() != columns {
        return Err(err("unexpected columns (not a framescope table of this version)".into()));
    }
    let mut rec = csv::StringRecord::new();
    while r.read_record(&mut rec).map_err(|e| csv_err(path, e))? {
        each(&restored(&rec))?;
    }
    Ok(())
}

/// A record with neutralised cells ([`super::neutralise`]) back to their text; borrowed
/// when no cell was neutralised (the usual case).
pub(crate) fn restored(rec: &csv::StringRecord) -> std::borrow::Cow<'_, csv::StringRecord> {
    if rec.iter().any(|f| f.starts_with('\'')) {
        std::borrow::Cow::Owned(rec.iter().map(restore).collect())
    } else {
        std::borrow::Cow::Borrowed(rec)
    }
}

/// Read `scores.csv` back.
pub fn read_scores(path: &Path) -> Result<Vec<ArticleScore>> {
    let mut rows = Vec::new();
    for_each_score(path, |s| {
        rows.push(s);
        Ok(())
    })?;
    Ok(rows)
}

/// Stream `scores.csv`, one article at a time.
pub fn for_each_score(path: &Path, mut each: impl FnMut(ArticleScore) -> Result<()>) -> Result<()> {
    for_each_record(path, SCORE_COLUMNS, |r| each(parse_score(path, r)?))
}

fn parse_score(path: &Path, r: &csv::StringRecord) -> Result<ArticleScore> {
    let num = |rec: &csv::StringRecord, i: usize| -> Result<f64> {
        rec[i].parse().map_err(|_| Error::Table {
            path: path.to_path_buf(),
            message: format!("column {} is not a number: `{}`", SCORE_COLUMNS[i], &rec[i]),
        })
    };
    let s = |rec: &csv::StringRecord, i: usize| Some(rec[i].to_string()).filter(|s| !s.is_empty());
    Ok(ArticleScore {
        id: r[0].to_string(),
        title: s(r, 1),
        outlet: s(r, 2),
        date: s(r, 3),
        n_sentences: num(r, 4)? as usize,
        framing_score: num(r, 5)?,
        score_low: num(r, 6).ok(),
        score_high: num(r, 7).ok(),
        lede_score: num(r, 8)?,
        share_kremlin: num(r, 9)?,
        share_neutral: num(r, 10)?,
        share_western: num(r, 11)?,
        lexicon_hits_kremlin: num(r, 12)? as usize,
        lexicon_hits_western: num(r, 13)? as usize,
        lexicon_score: num(r, 14)?,
        n_cut: num(r, 15)? as usize,
        label: Side::parse(&r[16]),
        top_terms_kremlin: parse_terms(&r[17]),
        top_terms_western: parse_terms(&r[18]),
        own_text_share: num(r, 19).ok(),
        own_framing_score: num(r, 20).ok(),
        n_attributed: num(r, 21)? as usize,
        sourced_kremlin: num(r, 22).ok(),
        sourced_western: num(r, 23).ok(),
        sourced_ukraine: num(r, 24).ok(),
        sourcing_balance: num(r, 25).ok(),
        voice_score: num(r, 26).ok(),
        quoted_score: num(r, 27).ok(),
        own_voice_share: num(r, 28).ok(),
        score_offset: num(r, 29)?,
        origin: r[30].to_string(),
        lang: r[31].to_string(),
    })
}

/// Read `sentences.csv` back.
pub fn read_sentences(path: &Path) -> Result<Vec<SentenceScore>> {
    read_sentences_where(path, |_| true)
}

/// Read the rows of `sentences.csv` whose article id passes `keep`, streaming (only kept
/// rows are held in memory: the report of a 100,000-article run reads a few hundred).
pub fn read_sentences_where(path: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<SentenceScore>> {
    let num = |rec: &csv::StringRecord, i: usize| -> Result<f64> {
        rec[i].parse().map_err(|_| Error::Table {
            path: path.to_path_buf(),
            message: format!("column {} is not a number: `{}`", SENTENCE_COLUMNS[i], &rec[i]),
        })
    };
    let list = |s: &str| s.split("; ").filter(|x| !x.is_empty()).map(String::from).collect();
    let mut out = Vec::new();
    for_each_record(path, SENTENCE_COLUMNS, |r| {
        if !keep(&r[0]) {
            return Ok(());
        }
        out.push(SentenceScore {
            article_id: r[0].to_string(),
            index: num(r, 1)? as usize,
            is_headline: &r[2] == "true",
            text: r[3].to_string(),
            p_kremlin: num(r, 4)?,
            lexicon_score: num(r, 5)?,
            weak_label: Side::parse(&r[6]),
            kremlin_hits: list(&r[7]),
            western_hits: list(&r[8]),
            voice: r[9].to_string(),
            own_words: num(r, 10)? as usize,
            quoted_words: num(r, 11)? as usize,
            p_own: num(r, 12).ok(),
            p_quoted: num(r, 13).ok(),
            voice_spans: r[14].to_string(),
        });
        Ok(())
    })?;
    Ok(out)
}

/// Rewrite `scores.csv` in place (atomically, row by row) with the `own_text_share` and
/// `own_framing_score` columns filled from `own` (one entry per row, in row order). Used by
/// `score`, which streams scores before the whole run's shared copy is known.
pub fn fill_own_text(path: &Path, own: &[(f64, Option<f64>)]) -> Result<()> {
    let col = |name: &str| SCORE_COLUMNS.iter().position(|c| *c == name).unwrap_or(0);
    let (share, score) = (col("own_text_share"), col("own_framing_score"));
    let mut r = csv::Reader::from_path(path).map_err(|e| csv_err(path, e))?;
    let mut w = csv::Writer::from_writer(CellGuard::new(AtomicFile::create(path)?));
    w.write_record(SCORE_COLUMNS).map_err(|e| csv_err(path, e))?;
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| csv_err(path, e))?;
        let mut fields: Vec<String> = rec.iter().map(|f| restore(f).to_string()).collect();
        if let Some((s, f)) = own.get(i) {
            fields[share] = f6(*s);
            fields[score] = f.map(f6).unwrap_or_default();
        }
        w.write_record(&fields).map_err(|e| csv_err(path, e))?;
    }
    let f = w
        .into_inner()
        .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
    f.into_inner().commit()
}
