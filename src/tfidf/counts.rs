//! Counting terms: document frequency and total count of every 1..=n-gram, in shards
//! that threads fill without locks ([`TermCounts`]).

use super::count_table::CountTable;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Part of the counts: terms whose key falls in this shard, so threads can count a batch
/// without locks and without merging maps afterwards.
#[derive(Debug, Clone, Default)]
struct Shard {
    counts: CountTable,
    /// (key, prefix key, last stem key) of each n-gram, recorded once: when its df reaches
    /// the counts' `named_from`. Appended, never looked up while counting; sorted by key
    /// when names are rebuilt.
    parts: Vec<(u64, u64, u64)>,
    /// Stem of each single-stem key, recorded at first sight (stems are few).
    names: FxHashMap<u64, Box<str>>,
}

/// One distinct feature of one sentence, with its count there: 16 bytes. Its name's parts
/// are not carried (they are needed only the first time a term is seen, or when its df
/// reaches `named_from`) but found again from where it was seen ([`Origin`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Entry {
    key: u64,
    count: u32,
    /// Its n-gram's number among the sentences' n-grams (shifted left by one), and in the
    /// low bit whether it is a single stem.
    origin: u32,
}

impl Entry {
    fn is_stem(&self) -> bool {
        self.origin & 1 == 1
    }

    /// The number of the n-gram it was first seen as.
    fn at(&self) -> usize {
        (self.origin >> 1) as usize
    }
}

/// Sentences as counting sees them: each one's stem keys and, by position, its stems.
trait Sentences: Sync {
    fn len(&self) -> usize;
    fn keys(&self, j: usize) -> &[u64];
    fn stem(&self, j: usize, i: usize) -> &str;
}

impl Sentences for [crate::document::Sentence] {
    fn len(&self) -> usize {
        <[_]>::len(self)
    }
    fn keys(&self, j: usize) -> &[u64] {
        &self[j].keys
    }
    fn stem(&self, j: usize, i: usize) -> &str {
        &self[j].terms[i].stem
    }
}

/// One sentence given as stems ([`TermCounts::add_stems`]).
struct Stems<'a, S> {
    keys: Vec<u64>,
    stems: &'a [S],
}

impl<S: AsRef<str> + Sync> Sentences for Stems<'_, S> {
    fn len(&self) -> usize {
        1
    }
    fn keys(&self, _: usize) -> &[u64] {
        &self.keys
    }
    fn stem(&self, _: usize, i: usize) -> &str {
        self.stems[i].as_ref()
    }
}

/// The n-grams a sentence of `len` stems has: `len` single stems, `len − 1` bigrams, … up
/// to `ngram_max`-grams (single stems are counted even when `ngram_max` is 0).
fn ngram_count(len: usize, ngram_max: usize) -> usize {
    (1..=ngram_max.max(1).min(len)).map(|n| len - n + 1).sum()
}

/// Where each distinct feature of some sentences was seen, so that its name's parts can be
/// rebuilt: n-grams are numbered sentence after sentence, in each sentence all single
/// stems, then all bigrams, and so on (the order [`sentence_entries`] makes them in).
struct Origin<'a, T: ?Sized> {
    sentences: &'a T,
    /// The number of each sentence's first n-gram.
    firsts: Vec<u32>,
}

impl<'a, T: Sentences + ?Sized> Origin<'a, T> {
    /// (sentence, position of its first stem, length) of n-gram number `at`.
    fn locate(&self, at: usize, ngram_max: usize) -> (usize, usize, usize) {
        // The last sentence starting at or before `at` holds it (an empty sentence starts
        // where the next one does).
        let j = self.firsts.partition_point(|&f| f as usize <= at) - 1;
        let len = self.sentences.keys(j).len();
        let mut r = at - self.firsts[j] as usize;
        let mut n = 1;
        while r > len - n && n < ngram_max {
            r -= len - n + 1;
            n += 1;
        }
        (j, r, n)
    }

    fn stem(&self, at: usize, ngram_max: usize) -> &'a str {
        let (j, i, _) = self.locate(at, ngram_max);
        self.sentences.stem(j, i)
    }

    /// (prefix key, last stem key) of an n-gram of two stems or more.
    fn parts(&self, at: usize, ngram_max: usize) -> (u64, u64) {
        let (j, i, n) = self.locate(at, ngram_max);
        let keys = &self.sentences.keys(j)[i..i + n];
        let prefix = keys[1..n - 1]
            .iter()
            .fold(keys[0], |p, &k| crate::text::keys::join_key(p, k));
        (prefix, keys[n - 1])
    }
}

/// The shard of a key: its high 32 bits scaled to `0..n` (the low bits pick the hash bucket
/// inside the shard). Monotonic in the key, so entries sorted by key are grouped by shard.
fn shard_of(key: u64, n: usize) -> usize {
    (((key >> 32) * n as u64) >> 32) as usize
}

/// Entries grouped by shard (a counting sort on the shard id) into a new vector of their
/// exact length, and where each shard's group starts: shard `i` owns
/// `grouped[starts[i]..starts[i + 1]]`.
fn group_by_shard(entries: &[Entry], n: usize) -> (Vec<Entry>, Vec<u32>) {
    let mut starts = vec![0u32; n + 1];
    for e in entries {
        starts[shard_of(e.key, n) + 1] += 1;
    }
    for i in 0..n {
        starts[i + 1] += starts[i];
    }
    let mut next = starts.clone();
    let mut grouped = vec![Entry::default(); entries.len()];
    for e in entries {
        let slot = &mut next[shard_of(e.key, n)];
        grouped[*slot as usize] = *e;
        *slot += 1;
    }
    (grouped, starts)
}

/// The distinct 1..=ngram_max-grams of a sentence with their counts, sorted by key, appended
/// to `out`; its n-grams are numbered from `first` ([`Origin`]).
fn sentence_entries(keys: &[u64], first: usize, ngram_max: usize, out: &mut Vec<Entry>) {
    let origin = |at: usize, stem: bool| -> u32 {
        u32::try_from(at)
            .ok()
            .and_then(|a| a.checked_mul(2))
            // A document of 2^31 n-grams would need 32 GB for its entries alone.
            .expect("a document with fewer than 2^31 n-grams")
            | u32::from(stem)
    };
    let start = out.len();
    out.extend(keys.iter().enumerate().map(|(i, &k)| Entry {
        key: k,
        count: 1,
        origin: origin(first + i, true),
    }));
    // Each n-gram's key from its prefix's, the (n − 1)-gram at the same position.
    let mut prev = start;
    for n in 2..=ngram_max.min(keys.len()) {
        let level = out.len();
        for i in 0..=keys.len() - n {
            let key = crate::text::keys::join_key(out[prev + i].key, keys[i + n - 1]);
            let at = first + (level - start) + i;
            out.push(Entry {
                key,
                count: 1,
                origin: origin(at, false),
            });
        }
        prev = level;
    }
    let mine = &mut out[start..];
    mine.sort_unstable_by_key(|e| e.key);
    // Collapse repeats in place, summing counts.
    let mut w = start;
    for r in start..out.len() {
        if w > start && out[w - 1].key == out[r].key {
            out[w - 1].count += 1;
        } else {
            out[w] = out[r];
            w += 1;
        }
    }
    out.truncate(w);
}

/// Some sentences' distinct features per sentence, grouped by shard, and where they came from.
struct Grouped<'a, T: ?Sized> {
    entries: Vec<Entry>,
    starts: Vec<u32>,
    origin: Origin<'a, T>,
}

thread_local! {
    /// [`grouped`]'s entries before grouping, reused from one document to the next.
    static ENTRIES: std::cell::RefCell<Vec<Entry>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The distinct features of each of `sentences`, grouped into `n` shards.
fn grouped<T: Sentences + ?Sized>(sentences: &T, ngram_max: usize, n: usize) -> Grouped<'_, T> {
    ENTRIES.with(|scratch| {
        let out = &mut *scratch.borrow_mut();
        out.clear();
        let mut firsts = Vec::with_capacity(sentences.len());
        let mut first = 0;
        for j in 0..sentences.len() {
            let keys = sentences.keys(j);
            firsts.push(u32::try_from(first).unwrap_or(u32::MAX));
            sentence_entries(keys, first, ngram_max, out);
            first += ngram_count(keys.len(), ngram_max);
        }
        let (entries, starts) = group_by_shard(out, n);
        Grouped {
            entries,
            starts,
            origin: Origin { sentences, firsts },
        }
    })
}

/// Document frequency and total count of every term (a "document" here is a sentence),
/// keyed by 64-bit term keys ([`crate::text::keys`]), so counting never builds an n-gram
/// string: names are only rebuilt for the terms that survive pruning.
#[derive(Debug, Clone)]
pub struct TermCounts {
    pub n_docs: usize,
    shards: Vec<Shard>,
    /// An n-gram's parts are recorded when its df reaches this: `min_df` (at least 1), the
    /// lowest df a term needs to be kept. Fitting with a lower `min_df` is refused.
    pub(super) named_from: u32,
}

impl Default for TermCounts {
    fn default() -> Self {
        TermCounts::with_shards(1)
    }
}

impl TermCounts {
    /// Counts split into `n` shards (several per thread keep a growing table small), naming
    /// every term (any `min_df` can be fitted).
    pub fn with_shards(n: usize) -> TermCounts {
        TermCounts {
            n_docs: 0,
            shards: vec![Shard::default(); n.max(1)],
            named_from: 1,
        }
    }

    /// Name only the n-grams that reach `min_df`: counts then take about 17 bytes per
    /// distinct term plus 24 per n-gram that can be kept, instead of 33 per term.
    pub fn for_min_df(mut self, min_df: usize) -> TermCounts {
        self.named_from = min_df.clamp(1, u32::MAX as usize) as u32;
        self
    }

    fn ensure_shard(&mut self) {
        if self.shards.is_empty() {
            self.shards.push(Shard::default());
        }
    }

    /// Add one sentence, given its stems (1..=ngram_max-grams are counted).
    pub fn add_stems<S: AsRef<str> + Sync>(&mut self, stems: &[S], ngram_max: usize) {
        let keys = stems.iter().map(|s| crate::text::keys::stem_key(s.as_ref())).collect();
        let sentence = Stems { keys, stems };
        self.ensure_shard();
        let g = grouped(&sentence, ngram_max, self.shards.len());
        self.n_docs += 1;
        let from = self.named_from;
        for (i, shard) in self.shards.iter_mut().enumerate() {
            shard.add_groups(std::slice::from_ref(&g), i, from, ngram_max);
        }
    }

    /// Add every sentence of some documents: distinct features per sentence are found in
    /// parallel across documents and grouped by shard, then each shard takes its own group
    /// of every document, shards in parallel.
    pub fn add_documents(&mut self, docs: &[crate::document::Document], ngram_max: usize) {
        self.ensure_shard();
        let n = self.shards.len();
        // In chunks, so the per-sentence entries in flight stay a few megabytes.
        for chunk in docs.chunks(128) {
            let per_doc: Vec<Grouped<'_, [crate::document::Sentence]>> = chunk
                .par_iter()
                .map(|d| grouped(&d.sentences[..], ngram_max, n))
                .collect();
            self.n_docs += chunk.iter().map(|d| d.sentences.len()).sum::<usize>();
            let from = self.named_from;
            self.shards
                .par_iter_mut()
                .enumerate()
                .for_each(|(i, shard)| shard.add_groups(&per_doc, i, from, ngram_max));
        }
    }

    /// Number of distinct terms counted.
    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| s.counts.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// (term, df, tf) of every term whose df passes `keep` (which must imply df ≥
    /// `named_from`), with its name rebuilt: shards in order, each in its table's order.
    ///
    /// Each shard's parts go into a hash map (one probe per stem instead of a binary search
    /// of the sorted list, most of them misses for single stems), and a name is written
    /// into a scratch string, then copied out once at its exact length (one allocation per
    /// term instead of three and a join). Shards are named in parallel; `collect` keeps
    /// their order. Same names as joining the stems with single spaces, a missing stem
    /// giving "" (as before).
    /// The terms whose df `keep` accepts, as (name, df, tf, key): the key is the one counting
    /// used, which is [`crate::text::keys::feature_key`] of the name, so the fitted vocabulary's
    /// index is built without hashing every name again.
    pub(super) fn kept(mut self, keep: impl Fn(u32) -> bool + Sync) -> Vec<(String, u32, u64, u64)> {
        // First the kept (key, df, tf) of every shard, in its table's order, each table freed
        // as soon as it is read: the tables hold every distinct term ever counted (most of them
        // pruned), which at a million articles is about as much memory as the names built
        // next, so the two are never whole at once.
        let kept: Vec<Vec<(u64, u32, u64)>> = self
            .shards
            .par_iter_mut()
            .map(|s| {
                std::mem::take(&mut s.counts)
                    .iter()
                    .filter(|(_, c)| keep(c.df))
                    .map(|(k, c)| (k, c.df, c.tf as u64))
                    .collect()
            })
            .collect();
        // Each list is freed as its map is built, so the two are not both whole in memory.
        let parts: Vec<FxHashMap<u64, (u64, u64)>> = self
            .shards
            .par_iter_mut()
            .map(|s| {
                std::mem::take(&mut s.parts)
                    .into_iter()
                    .map(|(k, prefix, last)| (k, (prefix, last)))
                    .collect()
            })
            .collect();
        let shards = &self.shards;
        // name(k) = name(prefix) + " " + stem(last) for an n-gram, stem(k) for a stem.
        fn write_name(k: u64, shards: &[Shard], parts: &[FxHashMap<u64, (u64, u64)>], out: &mut String) {
            let stem = |k: u64| shards[shard_of(k, shards.len())].names.get(&k).map_or("", |b| &**b);
            match parts[shard_of(k, parts.len())].get(&k) {
                Some(&(prefix, last)) => {
                    write_name(prefix, shards, parts, out);
                    out.push(' ');
                    out.push_str(stem(last));
                }
                None => out.push_str(stem(k)),
            }
        }
        let parts = &parts;
        kept.into_par_iter()
            .flat_map_iter(|list| {
                let mut scratch = String::new();
                list.into_iter()
                    .map(|(k, df, tf)| {
                        scratch.clear();
                        write_name(k, shards, parts, &mut scratch);
                        (scratch.as_str().to_owned(), df, tf, k)
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

impl Shard {
    /// Count this shard's group of each of `groups`, in order. The home slots of the terms
    /// a few entries ahead are prefetched, so that their cache misses overlap.
    fn add_groups<T: Sentences + ?Sized>(
        &mut self,
        groups: &[Grouped<'_, T>],
        i: usize,
        named_from: u32,
        ngram_max: usize,
    ) {
        const AHEAD: usize = 8;
        let entries = groups.iter().flat_map(|g| {
            g.entries[g.starts[i] as usize..g.starts[i + 1] as usize]
                .iter()
                .map(move |e| (g, e))
        });
        let mut ahead = entries.clone();
        ahead
            .by_ref()
            .take(AHEAD)
            .for_each(|(_, e)| self.counts.prefetch(e.key));
        for (g, e) in entries {
            if let Some((_, next)) = ahead.next() {
                self.counts.prefetch(next.key);
            }
            self.add(e, named_from, &g.origin, ngram_max);
        }
    }

    fn add<T: Sentences + ?Sized>(&mut self, e: &Entry, named_from: u32, origin: &Origin<'_, T>, ngram_max: usize) {
        let df = self.counts.add(e.key, e.count);
        if !e.is_stem() {
            // df passes each value once (it grows by one per sentence), so this records
            // an n-gram's parts exactly once, and only if it can be kept.
            if df == named_from {
                let (prefix, last) = origin.parts(e.at(), ngram_max);
                self.parts.push((e.key, prefix, last));
            }
        } else if df == 1 {
            let name = origin.stem(e.at(), ngram_max);
            if !name.is_empty() {
                self.names.insert(e.key, name.into());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::keys::{feature_key, stem_key};

    #[test]
    fn grouping_by_shard_keeps_every_entry_in_its_shards_range() {
        let keys: Vec<u64> = (0..500u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect();
        let entries: Vec<Entry> = keys
            .iter()
            .enumerate()
            .map(|(i, &key)| Entry {
                key,
                count: 1,
                origin: i as u32,
            })
            .collect();
        for n in [1, 3, 16] {
            let (grouped, starts) = group_by_shard(&entries, n);
            assert_eq!((starts[0], starts[n]), (0, 500));
            for i in 0..n {
                let mine = &grouped[starts[i] as usize..starts[i + 1] as usize];
                assert!(mine.iter().all(|e| shard_of(e.key, n) == i));
            }
            let mut a = grouped.clone();
            a.sort_unstable_by_key(|e| e.origin);
            assert_eq!(a, entries);
        }
        // Monotonic: a larger key never goes to an earlier shard.
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert!(sorted.windows(2).all(|w| shard_of(w[0], 16) <= shard_of(w[1], 16)));
    }

    /// Sentences of stems, for [`Origin`].
    struct Texts(Vec<(Vec<u64>, Vec<String>)>);

    impl Sentences for Texts {
        fn len(&self) -> usize {
            self.0.len()
        }
        fn keys(&self, j: usize) -> &[u64] {
            &self.0[j].0
        }
        fn stem(&self, j: usize, i: usize) -> &str {
            &self.0[j].1[i]
        }
    }

    fn texts(sentences: &[&str]) -> Texts {
        Texts(
            sentences
                .iter()
                .map(|s| {
                    let stems: Vec<String> = s.split_whitespace().map(String::from).collect();
                    (stems.iter().map(|t| stem_key(t)).collect(), stems)
                })
                .collect(),
        )
    }

    #[test]
    fn every_entry_finds_its_ngrams_stem_or_parts_again() {
        // Empty sentences between and at the ends; a repeated stem and bigram.
        let t = texts(&["", "a b a b c", "", "d", "e f g", ""]);
        for ngram_max in [0, 1, 2, 3, 7] {
            let g = grouped(&t, ngram_max, 3);
            let mut seen = 0;
            for e in &g.entries {
                // The n-gram's name from its origin, against its key (computed from the name).
                let name = if e.is_stem() {
                    g.origin.stem(e.at(), ngram_max).to_string()
                } else {
                    let (prefix, last) = g.origin.parts(e.at(), ngram_max);
                    let (j, i, n) = g.origin.locate(e.at(), ngram_max);
                    assert!((2..=ngram_max).contains(&n));
                    let stems = &t.0[j].1[i..i + n];
                    assert_eq!(prefix, feature_key(&stems[..n - 1].join(" ")));
                    assert_eq!(last, stem_key(&stems[n - 1]));
                    stems.join(" ")
                };
                assert_eq!(feature_key(&name), e.key, "{name}");
                seen += e.count as usize;
            }
            let total: usize = t.0.iter().map(|s| ngram_count(s.0.len(), ngram_max)).sum();
            assert_eq!(seen, total);
        }
    }

    /// (name, df, tf) of every 1..=ngram_max-gram of `sentences` (single stems even for an
    /// `ngram_max` of 0), counted by brute force.
    fn naive(sentences: &[Vec<String>], ngram_max: usize) -> Vec<(String, u32, u64)> {
        let mut counts: FxHashMap<String, (u32, u64)> = FxHashMap::default();
        for s in sentences {
            let mut mine: FxHashMap<String, u64> = FxHashMap::default();
            for n in 1..=ngram_max.max(1).min(s.len()) {
                for w in s.windows(n) {
                    *mine.entry(w.join(" ")).or_default() += 1;
                }
            }
            for (t, c) in mine {
                let e = counts.entry(t).or_default();
                e.0 += 1;
                e.1 += c;
            }
        }
        let mut out: Vec<_> = counts.into_iter().map(|(t, (df, tf))| (t, df, tf)).collect();
        out.sort();
        out
    }

    #[test]
    fn documents_count_as_the_naive_count_of_their_sentences_stems() {
        use crate::text::{Analyzer, AnalyzerSettings};
        let analyzer = Analyzer::new(AnalyzerSettings {
            stop_words: vec!["the".into()],
            outlet_names: vec![],
            ngram_max: 3,
            stemmer: "english".into(),
            languages: vec![],
        })
        .unwrap();
        let text = |path: &str, text: &str| crate::data::DataText {
            path: path.into(),
            text: text.into(),
        };
        let lexicon =
            crate::lexicon::Lexicon::from_files(&text("k", "Kiev\n"), &text("w", "Kyiv\n"), &analyzer).unwrap();
        let doc = |id: &str, paragraphs: &[&str]| {
            let a = crate::clean::CleanArticle {
                id: id.into(),
                title: Some("Talks in Kiev resume".into()),
                outlet: None,
                date: None,
                label: None,
                lang: "en".into(),
                origin: id.into(),
                paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
                cuts: vec![],
            };
            crate::document::analyze(a, &analyzer, &lexicon)
        };
        let docs = [
            doc(
                "a",
                &["The talks resumed in Kyiv. Talks resumed, talks stalled.", "Nothing."],
            ),
            doc("b", &[]),
            doc("c", &["Kyiv talks resumed in Kyiv today. The the the."]),
        ];
        let sentences: Vec<Vec<String>> = docs
            .iter()
            .flat_map(|d| d.sentences.iter().map(|s| s.stems()))
            .collect();
        assert!(sentences.len() >= 6 && sentences.iter().any(|s| s.len() >= 4));
        for (shards, ngram_max) in [(1, 1), (3, 2), (16, 3), (5, 9)] {
            let mut c = TermCounts::with_shards(shards).for_min_df(2);
            // Two calls, as pass 1 adds batch after batch.
            c.add_documents(&docs[..1], ngram_max);
            c.add_documents(&docs[1..], ngram_max);
            assert_eq!(c.n_docs, sentences.len());
            let mut got = keyed(c.kept(|df| df >= 2));
            got.sort();
            let mut want = naive(&sentences, ngram_max);
            want.retain(|t| t.1 >= 2);
            assert!(want.len() >= 3);
            assert_eq!(got, want);
        }
    }

    /// `kept`'s terms without their keys, each key checked to be the name's feature key
    /// (the fitted index is built from these keys instead of hashing the names).
    fn keyed(kept: Vec<(String, u32, u64, u64)>) -> Vec<(String, u32, u64)> {
        kept.into_iter()
            .map(|(t, df, tf, k)| {
                assert_eq!(k, crate::text::keys::feature_key(&t), "{t}");
                (t, df, tf)
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn counts_equal_a_naive_count(
            sentences in proptest::collection::vec(proptest::collection::vec(0u8..6, 0..12), 0..40),
            ngram_max in 0usize..5,
            shards in 1usize..40,
            named_from in 1u32..4,
        ) {
            let sentences: Vec<Vec<String>> = sentences
                .iter()
                .map(|s| s.iter().map(|&c| ((b'a' + c) as char).to_string()).collect())
                .collect();
            let mut c = TermCounts::with_shards(shards).for_min_df(named_from as usize);
            sentences.iter().for_each(|s| c.add_stems(s, ngram_max));
            proptest::prop_assert_eq!(c.n_docs, sentences.len());
            let mut got = keyed(c.kept(|df| df >= named_from));
            got.sort();
            let mut want = naive(&sentences, ngram_max);
            want.retain(|t| t.1 >= named_from);
            proptest::prop_assert_eq!(got, want);
        }
    }
}
