//! The stages wired together: resources from data files, documents from inputs (in parallel
//! batches, order preserved), training, and scoring. Printing and file output are the
//! caller's; this module reports progress through a callback.

use crate::analysis_cache::AnalysisCache;
use crate::clean::{Cleaner, CleanerSettings};
use crate::compare::sourcing::Actors;
use crate::corpus::{ArticleReader, InputProblem, Item, Source};
use crate::data;
use crate::document::{analyze, Document};
use crate::error::Result;
use crate::lexicon::Lexicon;
use crate::model::{CrossFit, FramingModel};
use crate::score::{score_document, score_document_words, ArticleScore, ScoreParams, SentenceScore};
use crate::text::voice::Words;
use crate::text::{Analyzer, AnalyzerSettings};
use rayon::prelude::*;
use std::path::Path;

mod train;
pub use train::{train, train_folds, training_set, training_set_streaming};

/// Articles processed per parallel batch: large enough to keep every core busy, small enough
/// that a batch's analysed sentences stay about ten megabytes. Up to four batches are alive
/// at once (read ahead, analysed, scored, being written): 256 instead of 512 lowered a
/// 10,000-article run's peak memory by about 10 MB at the same speed.
pub const BATCH: usize = 256;

/// The analyzer, cleaner and lexicon a run uses, built once.
#[derive(Debug)]
pub struct Resources {
    pub analyzer: Analyzer,
    pub cleaner: Cleaner,
    pub lexicon: Lexicon,
    /// Voice cues (`data/voice/`), stored in the model.
    pub voice: crate::text::voice::VoiceCues,
    /// Actor lists for sourcing (saved into the model by [`train`]).
    pub actors: Actors,
}

impl Resources {
    /// Build from the data files (`data_dir`, else `./data`, else built-in copies) and the
    /// lexicon folder (`lexicon_dir`, else `<data>/lexicons`). Each language listed in
    /// `languages.txt` adds its folder `<data>/<code>/` and its lexicons `lexicons/<code>/`.
    pub fn from_data(data_dir: Option<&Path>, lexicon_dir: Option<&Path>) -> Result<Resources> {
        data::check_dir(data_dir)?;
        let stop = data::load(data_dir, "stopwords.txt")?;
        let outlets = data::load(data_dir, "outlets.txt")?;
        // A data folder without languages.txt (an older copy) has the built-in one, as it
        // has the other built-in files it lacks; an English-only folder lists no language.
        let languages = crate::languages::parse(&data::load_or_builtin(data_dir, "languages.txt")?)?;
        let mut settings = Vec::new();
        let mut cleaner = CleanerSettings::from_files(
            &data::load(data_dir, "boilerplate.txt")?,
            &data::load(data_dir, "self_references.txt")?,
        )?;
        for l in &languages {
            settings.push(crate::languages::load(l, data_dir)?);
            cleaner.add_files(
                &data::load_or_builtin(data_dir, &format!("{}/boilerplate.txt", l.code))?,
                &data::load_or_builtin(data_dir, &format!("{}/self_references.txt", l.code))?,
            )?;
        }
        let analyzer = Analyzer::new(AnalyzerSettings {
            stop_words: data::word_list(&stop),
            outlet_names: data::word_list(&outlets),
            ngram_max: 2,
            stemmer: "english".into(),
            languages: settings,
        })?;
        let cleaner = Cleaner::new(cleaner)?;
        let (k, w) = match lexicon_dir {
            Some(d) => (
                data::load_path(&d.join("kremlin.txt"))?,
                data::load_path(&d.join("western.txt"))?,
            ),
            None => (
                data::load(data_dir, "lexicons/kremlin.txt")?,
                data::load(data_dir, "lexicons/western.txt")?,
            ),
        };
        let mut lexicon = Lexicon::from_files(&k, &w, &analyzer)?;
        for l in &languages {
            let (k, w) = crate::languages::lexicon_files(&l.code, data_dir, lexicon_dir)?;
            lexicon.add_language(&l.code, &k, &w, &analyzer)?;
        }
        Ok(Resources {
            analyzer,
            cleaner,
            lexicon,
            voice: crate::text::voice::VoiceCues::load(data_dir)?,
            actors: Actors::load(data_dir)?,
        })
    }

    /// The resources a saved model was trained with: everything from the model, nothing from
    /// `./data` (a model saved before it carried actor lists gets the built-in ones).
    pub fn from_model(m: &FramingModel) -> Result<Resources> {
        Ok(Resources {
            analyzer: Analyzer::new(m.analyzer.clone())?,
            cleaner: Cleaner::new(m.cleaner.clone())?,
            lexicon: m.lexicon.clone(),
            voice: m.voice.clone(),
            actors: match &m.actors {
                Some(lists) => Actors::from_lists(lists)?,
                None => Actors::builtin()?,
            }
            .with_cues(m.voice.clone()),
        })
    }
}

/// What a batch of inputs produced.
#[derive(Debug, Default)]
pub struct Loaded {
    pub documents: Vec<Document>,
    pub problems: Vec<InputProblem>,
    /// Articles the reader gave for this batch, those skipped by analysis too.
    pub articles: usize,
    /// For each of `problems`, how many of `documents` came before it in the input: what
    /// `score --stdout` needs to give every record back in input order.
    pub problem_at: Vec<usize>,
}

/// Clean and analyse a batch of reader items in parallel, keeping input order. Articles with
/// no sentence left after cleaning become problems (reported, skipped).
pub fn analyze_batch(items: Vec<Item>, res: &Resources) -> Loaded {
    let articles = items.iter().filter(|i| matches!(i, Item::Article(_))).count();
    let out: Vec<std::result::Result<Document, InputProblem>> = items
        .into_par_iter()
        .flat_map_iter(|item| match item {
            Item::Problem(p) => vec![Err(p)],
            Item::Article(mut a) => {
                // The article's language: its `lang` field, else detected among the
                // analyzer's languages. A language with no analyzer (given, or detected as
                // Ukrainian) is reported and skipped.
                let found = match a.lang.as_deref() {
                    Some(given) => res.analyzer.resolve_language_for(given, &a.body),
                    None => res.analyzer.detect_article(&a.body),
                };
                let lang = match found {
                    Ok(code) => code.to_string(),
                    Err(message) => {
                        let (path, line) = origin_parts(&a.origin);
                        return vec![Err(InputProblem {
                            path,
                            line,
                            message,
                            skipped: true,
                            id: Some(a.id.clone()),
                        })];
                    }
                };
                a.lang = Some(lang);
                let doc = analyze(res.cleaner.clean(&a), &res.analyzer, &res.lexicon);
                // Sentences of punctuation alone ("!!! ???") are no text: such an article was
                // scored 0 and entered the outlet means, where a file of zero-width
                // characters was skipped (review, session 48). Terms first: cheap, and an
                // article with one has words.
                let wordless = || {
                    doc.sentences.iter().all(|s| {
                        s.terms.is_empty() && crate::text::tokenize(&s.text).is_empty()
                    })
                };
                if doc.sentences.is_empty() || wordless() {
                    let (path, line) = origin_parts(&a.origin);
                    return vec![Err(InputProblem {
                        path,
                        line,
                        message: doc.article.why_no_sentences(res.cleaner.settings().teaser_max_words),
                        skipped: true,
                        id: Some(a.id),
                    })];
                }
                let warning = |message: String| {
                    let (path, line) = origin_parts(&doc.article.origin);
                    Err(InputProblem {
                        path,
                        line,
                        message,
                        skipped: false,
                        id: None,
                    })
                };
                let mut out = Vec::new();
                // A body cut whole leaves the headline alone to score: an API's headline and
                // one-line snippet without a final stop is common, and its score then came from
                // the headline's few words without a word said (review U, session 56).
                let cut = doc.article.what_was_cut(res.cleaner.settings().teaser_max_words);
                if let Some(why) = cut.filter(|_| doc.article.paragraphs.is_empty()) {
                    out.push(warning(format!(
                        "article `{}`: its whole body was cut ({why}), so it is scored on its headline alone; end a body line with a full stop to keep it as text (cleaning.csv lists the cut lines)",
                        doc.article.id
                    )));
                }
                // A bilingual article is read in one language: the other's words are ignored.
                // Said, and kept (the sentences of its own language are scored as ever).
                let lang = doc.article.lang.as_str();
                let mixed = res
                    .analyzer
                    .foreign_sentences(lang, doc.sentences.iter().map(|s| s.text.as_str()));
                if let Some((k, n, script)) = mixed {
                    out.push(warning(format!(
                        "article `{}`: {k} of its {n} sentences are in {script} script, which its language `{lang}` does not read, so their words are ignored: give each language's part as an article of its own (with its `lang`)",
                        doc.article.id
                    )));
                }
                out.push(Ok(doc));
                out
            }
        })
        .collect();
    let mut loaded = Loaded {
        articles,
        ..Loaded::default()
    };
    for r in out {
        match r {
            Ok(d) => loaded.documents.push(d),
            Err(p) => {
                loaded.problem_at.push(loaded.documents.len());
                loaded.problems.push(p);
            }
        }
    }
    loaded
}

fn origin_parts(origin: &str) -> (std::path::PathBuf, Option<usize>) {
    match origin.rsplit_once(':') {
        Some((p, l)) if l.parse::<usize>().is_ok() => (p.into(), l.parse().ok()),
        _ => (origin.into(), None),
    }
}

/// Read every source in batches, calling `each` with each analysed batch in input order.
///
/// A reader thread reads and parses the next batch while this one is analysed: reading is
/// sequential, and would otherwise leave every other core idle between batches. At most one
/// batch waits in the channel, so memory stays at about two batches of raw articles.
pub fn for_each_batch(
    sources: Vec<Source>,
    res: &Resources,
    batch: usize,
    each: impl FnMut(Loaded) -> Result<()>,
) -> Result<()> {
    for_each_batch_after(sources, res, batch, 0, each)
}

/// [`for_each_batch`] from the article after the first `skip` the reader gives (articles
/// analysis skips count; the items before it, problems too, are read and dropped). Batches
/// are counted from there, so with `skip` at the end of a batch of [`for_each_batch`] the
/// batches that follow are the same.
pub fn for_each_batch_after(
    sources: Vec<Source>,
    res: &Resources,
    batch: usize,
    skip: usize,
    mut each: impl FnMut(Loaded) -> Result<()>,
) -> Result<()> {
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(1);
        scope.spawn(move || {
            let mut reader = ArticleReader::new(sources);
            let mut skipped = 0;
            while skipped < skip {
                match reader.next() {
                    Some(Item::Article(_)) => skipped += 1,
                    Some(Item::Problem(_)) => {}
                    None => return,
                }
            }
            loop {
                let mut items = Vec::with_capacity(batch);
                let mut articles = 0;
                for item in reader.by_ref() {
                    articles += usize::from(matches!(item, Item::Article(_)));
                    items.push(item);
                    if articles >= batch {
                        break;
                    }
                }
                // Stop at the end, or when the consumer has stopped (an error downstream).
                if items.is_empty() || tx.send(items).is_err() {
                    return;
                }
            }
        });
        for items in rx {
            each(analyze_batch(items, res))?;
        }
        Ok(())
    })
}

/// Load everything into memory (for corpora that fit: `run`, `train`, `eval`).
pub fn load_all(sources: Vec<Source>, res: &Resources, mut progress: impl FnMut(usize)) -> Result<Loaded> {
    let mut all = Loaded::default();
    for_each_batch(sources, res, BATCH, |b| {
        let before = all.documents.len();
        all.problem_at.extend(b.problem_at.iter().map(|&at| before + at));
        all.documents.extend(b.documents);
        all.problems.extend(b.problems);
        progress(all.documents.len());
        Ok(())
    })?;
    Ok(all)
}

/// Pass 2 of a streaming run: the batches pass 1 kept in `kept` (their documents, no
/// problems: pass 1 reported them), then, when it could not keep them all, the batches after
/// them read and analysed again, as [`for_each_batch`] would give them.
pub fn for_each_kept_batch(
    kept: AnalysisCache,
    sources: Vec<Source>,
    res: &Resources,
    batch: usize,
    mut each: impl FnMut(Loaded) -> Result<()>,
) -> Result<()> {
    let (complete, skip) = (kept.complete(), kept.articles());
    for documents in kept.into_batches()? {
        each(Loaded {
            documents: documents?,
            ..Loaded::default()
        })?;
    }
    if complete {
        return Ok(());
    }
    for_each_batch_after(sources, res, batch, skip, |mut b| {
        // Pass 1 reported these.
        b.problems.clear();
        b.problem_at.clear();
        each(b)
    })
}

/// Score documents in parallel, keeping their order.
pub fn score_all(
    model: &FramingModel,
    docs: &[Document],
    params: &ScoreParams,
) -> Vec<(ArticleScore, Vec<SentenceScore>)> {
    docs.par_iter().map(|d| score_document(model, d, params)).collect()
}

/// [`score_all`] for articles number `first`, `first` + 1, … of a cross-fitted run: each
/// scored by its fold's classifier ([`FramingModel::scorer_for`]), given
/// each document's sentence [`Words`] ([`sentence_words`], which sourcing reads too).
pub fn score_all_folds(
    model: &FramingModel,
    cross: Option<&CrossFit>,
    first: usize,
    docs: &[Document],
    words: &[Vec<Words>],
    params: &ScoreParams,
) -> Vec<(ArticleScore, Vec<SentenceScore>)> {
    docs.par_iter()
        .zip(words)
        .enumerate()
        .map(|(i, (d, w))| score_document_words(model.scorer_for(cross, first + i), d, params, w))
        .collect()
}

/// Each document's sentences tokenized for the voice split and sourcing ([`Words`]).
pub fn sentence_words(docs: &[Document]) -> Vec<Vec<Words<'_>>> {
    docs.par_iter()
        .map(|d| d.sentences.iter().map(|s| Words::new(&s.text)).collect())
        .collect()
}
