//! Accumulating what training needs in one streaming pass: term counts over every sentence
//! (for the vocabulary and idf) and a bounded, seeded sample of weakly labelled sentences.

use super::reservoir::SideReservoir;
use super::ClassifierParams;
use crate::corpus::Side;
use crate::document::Document;
use crate::lexicon::weak_label;
use crate::tfidf::TermCounts;

/// A weakly labelled sentence kept for training.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledSentence {
    pub article_id: String,
    /// The article's number in corpus order (from 0, every analysed article counted): what
    /// cross-fitting assigns folds by.
    pub article: usize,
    /// The article's language (`lang` code): [`super::shrink`] counts labelled sentences
    /// per language.
    pub lang: String,
    pub index: usize,
    /// Stem keys of the sentence (`Sentence::keys`); its row is
    /// `FittedTfidf::transform_stem_keys`.
    pub keys: Vec<u64>,
    pub side: Side,
    /// The side is the article's, by label propagation (the lexicon left the sentence
    /// unlabelled); trained at weight `ClassifierParams::propagate_weight`.
    pub propagated: bool,
}

/// The accumulated training material.
#[derive(Debug, Clone)]
pub struct TrainingSet {
    pub counts: TermCounts,
    /// The sampled labelled sentences (lexicon-labelled and propagated), sorted by (article
    /// id, sentence number) whatever the input order: all of them up to
    /// `max_train_sentences`, beyond it a sample stratified by side ([`super::reservoir`]).
    pub labelled: Vec<LabelledSentence>,
    pub labelled_kremlin: usize,
    pub labelled_western: usize,
    /// Sentences labelled by propagation (not in `labelled_*`).
    pub propagated_kremlin: usize,
    pub propagated_western: usize,
    pub articles: usize,
    /// `fired[e]`: lexicon entry e hit at least once in the text (entries past the end did
    /// not fire).
    pub fired: Vec<bool>,
    /// (id, [`article_digest`]) of the first [`super::MAX_RECORDED_ARTICLES`] articles.
    pub article_digests: Vec<(String, String)>,
    /// The articles' languages (`lang` codes; sorted, each once).
    pub languages: std::collections::BTreeSet<String>,
    /// Lexicon-labelled sentences (Kremlin, Western) per language, as `labelled_*` counts
    /// them: the figures of the per-language weak-model warning.
    pub labelled_by_language: std::collections::BTreeMap<String, (usize, usize)>,
    /// Per article (corpus order), the first article of its group of copies: cross-fitting
    /// keeps a group in one fold ([`super::CopyIndex`]).
    pub groups: Vec<u32>,
    /// Per article (corpus order), its id's [`super::id_key`]: what cross-fitting assigns
    /// folds by when there are more articles than folds.
    pub id_keys: Vec<u64>,
}

impl TrainingSet {
    /// Lexicon entries that hit at least once in the training text.
    pub fn entries_fired(&self) -> usize {
        self.fired.iter().filter(|&&f| f).count()
    }
}

/// A 64-bit digest (xxh3, hex) of an article's cleaned headline and paragraphs: what the
/// model learned from. Changes whenever the text training saw changes.
pub fn article_digest(a: &crate::clean::CleanArticle) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(a.title.as_deref().unwrap_or("").as_bytes());
    for p in &a.paragraphs {
        h.update(b"\n");
        h.update(p.as_bytes());
    }
    format!("{:016x}", h.digest())
}

/// Streaming builder: feed documents in corpus order, then [`finish`](Self::finish).
pub struct TrainingSetBuilder {
    margin: f64,
    /// `ClassifierParams::mask_hits`: sentences are kept with their hits' keys masked.
    mask_hits: bool,
    /// τ when label propagation is on.
    propagate: Option<f64>,
    ngram_max: usize,
    seed: u64,
    /// The sample of `max_train_sentences`, stratified by side, keyed by (article id,
    /// sentence number): the sentences train in that order, whatever the input order.
    reservoir: SideReservoir<(String, usize), LabelledSentence>,
    copies: super::CopyIndex,
    set: TrainingSet,
}

/// Count tables per thread. A hash table grows by doubling, and while it moves its old and
/// new bucket arrays are both alive: with one table per thread that briefly added half of all
/// counts to pass 1's peak memory (measured at 10,000 articles: 104 MB of tables at the peak
/// of a pass whose tables end at about 70 MB); with eight, a growing table is a sixteenth.
const COUNT_SHARDS_PER_THREAD: usize = 8;

impl TrainingSetBuilder {
    /// `ngram_max` is the analyzer's (which n-grams are counted).
    pub fn new(params: &ClassifierParams, ngram_max: usize) -> Self {
        TrainingSetBuilder {
            margin: params.margin,
            mask_hits: params.mask_hits,
            propagate: params.propagation_repeat().map(|_| params.propagate_tau),
            ngram_max,
            seed: params.seed,
            reservoir: SideReservoir::new(params.max_train_sentences),
            copies: Default::default(),
            set: TrainingSet {
                counts: TermCounts::with_shards(COUNT_SHARDS_PER_THREAD * rayon::current_num_threads())
                    .for_min_df(params.tfidf.min_df),
                labelled: Vec::new(),
                labelled_kremlin: 0,
                labelled_western: 0,
                propagated_kremlin: 0,
                propagated_western: 0,
                articles: 0,
                fired: Vec::new(),
                article_digests: Vec::new(),
                languages: Default::default(),
                labelled_by_language: Default::default(),
                groups: Vec::new(),
                id_keys: Vec::new(),
            },
        }
    }

    /// Count the terms of a batch of documents (in parallel; labels are added separately).
    pub fn add_counts(&mut self, docs: &[Document]) {
        self.set.counts.add_documents(docs, self.ngram_max);
    }

    /// The term counts, to be filled elsewhere (in order, by [`TermCounts::add_documents`]
    /// with [`ngram_max`](Self::ngram_max)) and given back by [`put_counts`](Self::put_counts)
    /// before [`finish`](Self::finish): a streaming pass counts one batch while it analyses
    /// the next.
    pub fn take_counts(&mut self) -> TermCounts {
        std::mem::take(&mut self.set.counts)
    }

    /// Give back the counts of [`take_counts`](Self::take_counts).
    pub fn put_counts(&mut self, counts: TermCounts) {
        self.set.counts = counts;
    }

    /// The n-grams counted: 1..=this.
    pub fn ngram_max(&self) -> usize {
        self.ngram_max
    }

    /// Add a document's labelled sentences (its counts must be added too, by
    /// [`add_counts`](Self::add_counts) or [`add_document`](Self::add_document)).
    pub fn add_labels(&mut self, doc: &Document) {
        self.set.articles += 1;
        self.set.id_keys.push(super::id_key(&doc.article.id));
        self.copies.add(doc.sentences.iter().map(|s| s.text.as_str()));
        if !self.set.languages.contains(&doc.article.lang) {
            self.set.languages.insert(doc.article.lang.clone());
        }
        if self.set.article_digests.len() < super::MAX_RECORDED_ARTICLES {
            self.set
                .article_digests
                .push((doc.article.id.clone(), article_digest(&doc.article)));
        }
        let lean = self.propagate.and_then(|tau| article_lean(doc, tau));
        for (i, s) in doc.sentences.iter().enumerate() {
            for h in &s.evidence.hits {
                if h.entry >= self.set.fired.len() {
                    self.set.fired.resize(h.entry + 1, false);
                }
                self.set.fired[h.entry] = true;
            }
            let (side, propagated) = match (weak_label(&s.evidence, self.margin), lean) {
                (Some(side), _) => (side, false),
                (None, Some(side)) => (side, true),
                (None, None) => continue,
            };
            let count = match (side, propagated) {
                (Side::Kremlin, false) => &mut self.set.labelled_kremlin,
                (Side::Western, false) => &mut self.set.labelled_western,
                (Side::Kremlin, true) => &mut self.set.propagated_kremlin,
                (Side::Western, true) => &mut self.set.propagated_western,
            };
            *count += 1;
            if !propagated {
                let by = match self.set.labelled_by_language.get_mut(&doc.article.lang) {
                    Some(by) => by,
                    None => self
                        .set
                        .labelled_by_language
                        .entry(doc.article.lang.clone())
                        .or_default(),
                };
                match side {
                    Side::Kremlin => by.0 += 1,
                    Side::Western => by.1 += 1,
                }
            }
            // Whether the sample takes it, decided before the sentence is copied.
            let id = &doc.article.id;
            let priority = super::reservoir::priority(self.seed, id, i);
            if !self.reservoir.wants(side, priority, || (id.clone(), i)) {
                continue;
            }
            let item = LabelledSentence {
                article_id: id.clone(),
                article: self.set.articles - 1,
                lang: doc.article.lang.clone(),
                index: i,
                keys: s.model_keys(self.mask_hits).into_owned(),
                side,
                propagated,
            };
            self.reservoir.put(side, priority, (id.clone(), i), item);
        }
    }

    /// Counts and labels of one document.
    pub fn add_document(&mut self, doc: &Document) {
        self.set.counts.add_documents(std::slice::from_ref(doc), self.ngram_max);
        self.add_labels(doc);
    }

    pub fn finish(mut self) -> TrainingSet {
        self.set.labelled = self.reservoir.finish();
        self.set.article_digests.sort();
        self.set.groups = self.copies.into_groups();
        self.set
    }
}

/// The side an article's lexicon-unlabelled sentences take by propagation: the sign of its
/// net lexicon weight per sentence m (`eval::baselines::lexicon_per_sentence_score`) when
/// |m| ≥ τ and m ≠ 0; `None` otherwise.
pub fn article_lean(doc: &Document, tau: f64) -> Option<Side> {
    let n = doc.sentences.len();
    if n == 0 {
        return None;
    }
    let m = doc.sentences.iter().map(|s| s.evidence.score()).sum::<f64>() / n as f64;
    if m.abs() < tau || m == 0.0 {
        return None;
    }
    Some(if m > 0.0 { Side::Kremlin } else { Side::Western })
}
