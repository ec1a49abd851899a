//! The three per-article tables of `run` and `score` (scores.csv, sentences.csv,
//! cleaning.csv), written as batches arrive.

use super::Scored;
use crate::clean::CleanArticle;
use crate::error::Result;
use crate::report::{CleaningWriter, RunManifest, ScoresWriter, SentencesWriter};
use std::path::Path;

/// The three tables, open until [`TableWriters::commit`].
pub struct TableWriters {
    scores: ScoresWriter,
    sentences: SentencesWriter,
    cleaning: CleaningWriter,
    pub articles: usize,
    pub sentence_count: usize,
}

impl TableWriters {
    pub fn create(out: &Path) -> Result<TableWriters> {
        Ok(TableWriters {
            scores: ScoresWriter::create(&out.join("scores.csv"))?,
            sentences: SentencesWriter::create(&out.join("sentences.csv"))?,
            cleaning: CleaningWriter::create(&out.join("cleaning.csv"))?,
            articles: 0,
            sentence_count: 0,
        })
    }

    pub fn write<'a>(&mut self, scored: &[Scored], articles: impl IntoIterator<Item = &'a CleanArticle>) -> Result<()> {
        for (a, ss) in scored {
            self.scores.write(a)?;
            for s in ss {
                self.sentences.write(s)?;
            }
            self.articles += 1;
            self.sentence_count += ss.len();
        }
        for a in articles {
            self.cleaning.write(a)?;
        }
        Ok(())
    }

    pub fn commit(self, out: &Path, manifest: &mut RunManifest) -> Result<()> {
        manifest.articles = self.articles;
        manifest.sentences = self.sentence_count;
        self.scores.commit()?;
        self.sentences.commit()?;
        self.cleaning.commit()?;
        for f in ["scores.csv", "sentences.csv", "cleaning.csv"] {
            manifest.add_output(&out.join(f))?;
        }
        Ok(())
    }
}
