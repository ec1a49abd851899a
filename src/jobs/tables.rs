//! The three per-article tables of `run` and `score` (scores.csv, sentences.csv,
//! cleaning.csv), written as batches arrive.

use super::Scored;
use crate::clean::CleanArticle;
use crate::error::Result;
use crate::report::{CleaningWriter, RunManifest, ScoresWriter, SentenceIndex, SentencesWriter};
use std::path::Path;

/// The three tables, open until [`TableWriters::commit`].
pub struct TableWriters {
    scores: ScoresWriter,
    /// `None` when sentences are left out.
    sentences: Option<SentencesWriter>,
    cleaning: CleaningWriter,
    pub articles: usize,
    pub sentence_count: usize,
}

impl TableWriters {
    pub fn create(out: &Path) -> Result<TableWriters> {
        TableWriters::with_sentences(out, true)
    }

    /// The tables, sentences.csv only when `sentences`.
    pub fn with_sentences(out: &Path, sentences: bool) -> Result<TableWriters> {
        Ok(TableWriters {
            scores: ScoresWriter::create(&out.join("scores.csv"))?,
            sentences: match sentences {
                true => Some(SentencesWriter::create(&out.join("sentences.csv"))?),
                false => None,
            },
            cleaning: CleaningWriter::create(&out.join("cleaning.csv"))?,
            articles: 0,
            sentence_count: 0,
        })
    }

    pub fn write<'a>(&mut self, scored: &[Scored], articles: impl IntoIterator<Item = &'a CleanArticle>) -> Result<()> {
        for (a, ss) in scored {
            self.scores.write(a)?;
            if let Some(w) = self.sentences.as_mut() {
                for s in ss {
                    w.write(s)?;
                }
            }
            self.articles += 1;
            self.sentence_count += ss.len();
        }
        for a in articles {
            self.cleaning.write(a)?;
        }
        Ok(())
    }

    /// Commit the tables; where each article's rows lie in sentences.csv, when written.
    pub fn commit(self, out: &Path, manifest: &mut RunManifest) -> Result<Option<SentenceIndex>> {
        manifest.articles = self.articles;
        manifest.sentences = self.sentence_count;
        self.scores.commit()?;
        let index = self.sentences.map(|w| w.commit()).transpose()?;
        self.cleaning.commit()?;
        for f in ["scores.csv", "sentences.csv", "cleaning.csv"] {
            if f != "sentences.csv" || index.is_some() {
                manifest.add_output(&out.join(f))?;
            }
        }
        Ok(index)
    }
}
