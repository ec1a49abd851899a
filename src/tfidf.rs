//! TF-IDF with scikit-learn's `TfidfVectorizer` formula, fitted once and reused.
//!
//! Written here rather than taken from linfa-preprocessing: its `TfIdfVectorizer` recomputes
//! idf from whatever documents it transforms (so a saved model could not score new text with
//! its training idf), has no l2 row normalisation, and orders columns by HashMap iteration
//! (so output changes between runs). Here the vocabulary is sorted and idf is stored.
//!
//! Formula (scikit-learn defaults, `smooth_idf=True`, `norm="l2"`):
//! idf(t) = ln((1 + n) / (1 + df(t))) + 1; tf = raw count, or 1 + ln(count) when sublinear;
//! each row is divided by its Euclidean norm.

use crate::error::{Error, Result};
use crate::text::keys::{feature_key, ngram_keys};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Vocabulary pruning and weighting options, checked before fitting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TfidfParams {
    /// Drop terms in fewer than this many documents.
    pub min_df: usize,
    /// Drop terms in more than this share of documents (0 < max_df ≤ 1).
    pub max_df: f64,
    /// Keep only the most frequent terms (by total count; ties by term order).
    pub max_features: Option<usize>,
    /// tf = 1 + ln(count) instead of count.
    pub sublinear_tf: bool,
}

impl Default for TfidfParams {
    fn default() -> Self {
        TfidfParams {
            min_df: 1,
            max_df: 1.0,
            max_features: None,
            sublinear_tf: true,
        }
    }
}

/// A sparse row: sorted column ids and their values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec {
    pub idx: Vec<u32>,
    pub val: Vec<f64>,
}

impl SparseVec {
    /// Dot product with a dense weight vector.
    pub fn dot(&self, w: &[f64]) -> f64 {
        self.idx.iter().zip(&self.val).map(|(&i, &v)| v * w[i as usize]).sum()
    }

    /// Dot product of two sparse rows (both sorted).
    pub fn dot_sparse(&self, other: &SparseVec) -> f64 {
        let (mut i, mut j, mut s) = (0, 0, 0.0);
        while i < self.idx.len() && j < other.idx.len() {
            match self.idx[i].cmp(&other.idx[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    s += self.val[i] * other.val[j];
                    i += 1;
                    j += 1;
                }
            }
        }
        s
    }

    pub fn is_empty(&self) -> bool {
        self.idx.is_empty()
    }
}

/// Document frequency and total count of one term: 8 bytes, so a count table entry is 16.
/// How to name an n-gram is kept apart ([`Shard::parts`]), only for the n-grams that can
/// survive `min_df`: most distinct n-grams of a large corpus occur once.
#[derive(Debug, Clone, Copy, Default)]
struct Count {
    df: u32,
    /// Total occurrences (saturating: only `max_features` ranks by it).
    tf: u32,
}

/// Part of the counts: terms whose key falls in this shard, so threads can count a batch
/// without locks and without merging maps afterwards.
#[derive(Debug, Clone, Default)]
struct Shard {
    counts: FxHashMap<u64, Count>,
    /// (key, prefix key, last stem key) of each n-gram, recorded once: when its df reaches
    /// the counts' `named_from`. Appended, never looked up while counting; sorted by key
    /// when names are rebuilt.
    parts: Vec<(u64, u64, u64)>,
    /// Stem of each single-stem key, recorded at first sight (stems are few).
    names: FxHashMap<u64, Box<str>>,
}

/// One distinct feature of one sentence, with its count there.
#[derive(Debug, Clone, Copy)]
struct Entry<'a> {
    key: u64,
    count: u32,
    prefix: u64,
    last: u64,
    /// The stem, for a single-stem feature; empty for n-grams.
    name: &'a str,
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
    named_from: u32,
}

impl Default for TermCounts {
    fn default() -> Self {
        TermCounts::with_shards(1)
    }
}

/// The shard of a key: its high 32 bits scaled to `0..n` (the low bits pick the hash bucket
/// inside the shard). Monotonic in the key, so entries sorted by key are grouped by shard.
fn shard_of(key: u64, n: usize) -> usize {
    (((key >> 32) * n as u64) >> 32) as usize
}

/// A document's entries grouped by shard (a counting sort on the shard id), and where each
/// shard's group starts: shard `i` owns `entries[starts[i]..starts[i + 1]]`.
fn group_by_shard<'a>(entries: Vec<Entry<'a>>, n: usize) -> (Vec<Entry<'a>>, Vec<u32>) {
    let mut starts = vec![0u32; n + 1];
    for e in &entries {
        starts[shard_of(e.key, n) + 1] += 1;
    }
    for i in 0..n {
        starts[i + 1] += starts[i];
    }
    let mut next = starts.clone();
    let mut grouped = entries.clone();
    for e in entries {
        let slot = &mut next[shard_of(e.key, n)];
        grouped[*slot as usize] = e;
        *slot += 1;
    }
    (grouped, starts)
}

/// The distinct 1..=ngram_max-grams of a sentence with their counts, sorted by key.
fn sentence_entries<'a>(keys: &[u64], name: impl Fn(usize) -> &'a str, ngram_max: usize, out: &mut Vec<Entry<'a>>) {
    let start = out.len();
    for (i, &k) in keys.iter().enumerate() {
        out.push(Entry {
            key: k,
            count: 1,
            prefix: 0,
            last: 0,
            name: name(i),
        });
    }
    let mut prev: Vec<u64> = keys.to_vec();
    for n in 2..=ngram_max.min(keys.len()) {
        let cur: Vec<u64> = (0..=keys.len() - n)
            .map(|i| crate::text::keys::join_key(prev[i], keys[i + n - 1]))
            .collect();
        for (i, &k) in cur.iter().enumerate() {
            out.push(Entry {
                key: k,
                count: 1,
                prefix: prev[i],
                last: keys[i + n - 1],
                name: "",
            });
        }
        prev = cur;
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
    pub fn add_stems<S: AsRef<str>>(&mut self, stems: &[S], ngram_max: usize) {
        let keys: Vec<u64> = stems.iter().map(|s| crate::text::keys::stem_key(s.as_ref())).collect();
        let mut entries = Vec::new();
        sentence_entries(&keys, |i| stems[i].as_ref(), ngram_max, &mut entries);
        self.n_docs += 1;
        self.ensure_shard();
        let n = self.shards.len();
        let from = self.named_from;
        for e in &entries {
            self.shards[shard_of(e.key, n)].add(e, from);
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
            let per_doc: Vec<(Vec<Entry<'_>>, Vec<u32>)> = chunk
                .par_iter()
                .map(|d| {
                    let mut out = Vec::new();
                    for s in &d.sentences {
                        sentence_entries(&s.keys, |i| s.terms[i].stem.as_str(), ngram_max, &mut out);
                    }
                    group_by_shard(out, n)
                })
                .collect();
            self.n_docs += chunk.iter().map(|d| d.sentences.len()).sum::<usize>();
            let from = self.named_from;
            self.shards.par_iter_mut().enumerate().for_each(|(i, shard)| {
                for (entries, starts) in &per_doc {
                    entries[starts[i] as usize..starts[i + 1] as usize]
                        .iter()
                        .for_each(|e| shard.add(e, from));
                }
            });
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
    fn kept(mut self, keep: impl Fn(u32) -> bool + Sync) -> Vec<(String, u32, u64)> {
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
        shards
            .par_iter()
            .flat_map_iter(|s| {
                let mut scratch = String::new();
                s.counts
                    .iter()
                    .filter(|(_, c)| keep(c.df))
                    .map(|(&k, c)| {
                        scratch.clear();
                        write_name(k, shards, parts, &mut scratch);
                        (scratch.as_str().to_owned(), c.df, c.tf as u64)
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

impl Shard {
    fn add(&mut self, e: &Entry<'_>, named_from: u32) {
        let c = self.counts.entry(e.key).or_default();
        c.df = c.df.saturating_add(1);
        c.tf = c.tf.saturating_add(e.count);
        if e.prefix != 0 || e.last != 0 {
            // df passes each value once (it grows by one per sentence), so this records
            // an n-gram's parts exactly once, and only if it can be kept.
            if c.df == named_from {
                self.parts.push((e.key, e.prefix, e.last));
            }
        } else if c.df == 1 && !e.name.is_empty() {
            self.names.insert(e.key, e.name.into());
        }
    }
}

/// A fitted vectoriser: sorted vocabulary and its idf.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedTfidf {
    pub params: TfidfParams,
    pub n_docs: usize,
    /// Vocabulary in sorted order: column j is `terms[j]`.
    pub terms: Vec<String>,
    pub idf: Vec<f64>,
    /// Feature key ([`crate::text::keys`]) → column.
    #[serde(skip)]
    index: KeyIndex,
}

/// Feature key → column: open addressing with linear probing in one flat array of
/// 12-byte (key, column) slots, at most 3/4 full.
///
/// Hand-written rather than an `FxHashMap<u64, u32>`: scoring probes this table (a million
/// terms or more, far larger than the cache) for every n-gram of every sentence, several
/// times per sentence (whole sentence and voice parts). A probe here reads one slot, where
/// hashbrown reads a control group and then a bucket elsewhere (two cache misses), and a
/// row's home slots are prefetched before the first is read. No crate in the tree offers
/// a prefetchable flat map. Keys are already 64-bit hashes; they are mixed once more so
/// that the top bits, which pick the slot, are uniform whatever the key function.
#[derive(Debug, Clone, Default, PartialEq)]
struct KeyIndex {
    slots: Vec<Slot>,
    /// 64 − log2(slots.len()).
    shift: u32,
}

/// One slot of a [`KeyIndex`]; `col == EMPTY` marks a free slot (columns are < u32::MAX).
#[derive(Debug, Clone, Copy, PartialEq)]
#[repr(C, packed)]
struct Slot {
    key: u64,
    col: u32,
}

const EMPTY: u32 = u32::MAX;

impl KeyIndex {
    /// An empty table with room for `n` keys.
    fn with_capacity(n: usize) -> KeyIndex {
        let len = (n + n / 3 + 1).next_power_of_two().max(8);
        KeyIndex {
            slots: vec![Slot { key: 0, col: EMPTY }; len],
            shift: 64 - len.trailing_zeros(),
        }
    }

    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Insert `key → col` unless `key` is there already: the first column wins (as
    /// `entry(key).or_insert(col)` did).
    fn insert_first(&mut self, key: u64, col: u32) {
        assert!(col != EMPTY, "column {col} out of range");
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let s = self.slots[i];
            if s.col == EMPTY {
                self.slots[i] = Slot { key, col };
                return;
            }
            if { s.key } == key {
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn get(&self, key: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let s = self.slots[i];
            if s.col == EMPTY {
                return None;
            }
            if { s.key } == key {
                return Some(s.col);
            }
            i = (i + 1) & mask;
        }
    }

    /// Ask the CPU to start loading `key`'s home slot (a hint: no effect on results).
    #[inline]
    fn prefetch(&self, key: u64) {
        #[cfg(target_arch = "x86_64")]
        if !self.slots.is_empty() {
            let slot: *const Slot = &self.slots[self.home(key)];
            // SAFETY: a prefetch of a valid address reads nothing and has no side effect
            // (SSE, which every x86_64 CPU has).
            unsafe { std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(slot.cast()) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = key;
    }
}

impl TfidfParams {
    /// Validate once, before fitting.
    pub fn check(&self) -> Result<()> {
        if !(self.max_df > 0.0 && self.max_df <= 1.0) {
            return Err(Error::InvalidParam {
                name: "max_df",
                message: format!("{} is not in (0, 1]", self.max_df),
            });
        }
        if self.max_features == Some(0) {
            return Err(Error::InvalidParam {
                name: "max_features",
                message: "must be at least 1".into(),
            });
        }
        Ok(())
    }

    /// Prune the vocabulary and compute idf.
    pub fn fit(&self, counts: TermCounts) -> Result<FittedTfidf> {
        self.check()?;
        let n = counts.n_docs;
        if (self.min_df.max(1) as u64) < counts.named_from as u64 {
            return Err(Error::InvalidParam {
                name: "min_df",
                message: format!(
                    "{} is below the {} the terms were counted for",
                    self.min_df, counts.named_from
                ),
            });
        }
        let max_count = self.max_df * n as f64;
        let kept = counts.kept(|df| (df as usize) >= self.min_df && (df as f64) <= max_count);
        let mut kept = kept;
        if let Some(m) = self.max_features {
            kept.sort_unstable_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
            kept.truncate(m);
        }
        kept.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        if kept.is_empty() {
            return Err(Error::NoArticles {
                message: format!(
                    "no terms remain after pruning (min_df={}, max_df={}) over {n} sentences",
                    self.min_df, self.max_df
                ),
            });
        }
        let idf = kept
            .iter()
            .map(|(_, df, _)| ((1.0 + n as f64) / (1.0 + *df as f64)).ln() + 1.0)
            .collect();
        let terms = kept.into_iter().map(|(t, _, _)| t).collect();
        Ok(FittedTfidf::new(self.clone(), n, terms, idf))
    }
}

impl FittedTfidf {
    pub fn new(params: TfidfParams, n_docs: usize, terms: Vec<String>, idf: Vec<f64>) -> FittedTfidf {
        let mut f = FittedTfidf {
            params,
            n_docs,
            terms,
            idf,
            index: KeyIndex::default(),
        };
        f.reindex();
        f
    }

    /// Rebuild the key → column map (after deserialising). Two terms sharing a 64-bit key
    /// (vanishingly rare, see [`crate::text::keys`]) would share the first one's column.
    pub fn reindex(&mut self) {
        let mut index = KeyIndex::with_capacity(self.terms.len());
        for (i, t) in self.terms.iter().enumerate() {
            index.insert_first(feature_key(t), i as u32);
        }
        self.index = index;
    }

    pub fn n_features(&self) -> usize {
        self.terms.len()
    }

    pub fn column(&self, term: &str) -> Option<u32> {
        self.index.get(feature_key(term))
    }

    /// The l2-normalised TF-IDF row of one document given as feature strings; unknown terms
    /// are ignored.
    pub fn transform<S: AsRef<str>>(&self, features: &[S]) -> SparseVec {
        let keys: Vec<u64> = features.iter().map(|f| feature_key(f.as_ref())).collect();
        self.transform_keys(&keys)
    }

    /// The row of a sentence from its stem keys (its n-grams are keyed here).
    pub fn transform_stem_keys(&self, stem_keys: &[u64], ngram_max: usize) -> SparseVec {
        let mut keys = Vec::with_capacity(stem_keys.len() * ngram_max.clamp(1, 4));
        ngram_keys(stem_keys, ngram_max, &mut keys);
        self.transform_keys(&keys)
    }

    /// The row of a document given as feature keys.
    pub fn transform_keys(&self, keys: &[u64]) -> SparseVec {
        keys.iter().for_each(|&k| self.index.prefetch(k));
        let mut ids: Vec<u32> = keys.iter().filter_map(|&k| self.index.get(k)).collect();
        ids.sort_unstable();
        let mut out = SparseVec {
            idx: Vec::with_capacity(ids.len()),
            val: Vec::with_capacity(ids.len()),
        };
        let mut k = 0;
        while k < ids.len() {
            let mut c = 1;
            while k + c < ids.len() && ids[k + c] == ids[k] {
                c += 1;
            }
            let tf = if self.params.sublinear_tf {
                1.0 + (c as f64).ln()
            } else {
                c as f64
            };
            out.idx.push(ids[k]);
            out.val.push(tf * self.idf[ids[k] as usize]);
            k += c;
        }
        let norm = out.val.iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm > 0.0 {
            out.val.iter_mut().for_each(|v| *v /= norm);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys whose home slot in `idx` is `home` (found by search: the mixing is fixed).
    fn keys_at(idx: &KeyIndex, home: usize, n: usize) -> Vec<u64> {
        (1u64..).filter(|&k| idx.home(k) == home).take(n).collect()
    }

    #[test]
    fn key_index_probes_linearly_wraps_and_keeps_the_first_column() {
        // Room for 3 keys: 3 + 1 + 1 = 5 → 8 slots.
        let mut idx = KeyIndex::with_capacity(3);
        assert_eq!((idx.slots.len(), idx.shift), (8, 61));
        assert_eq!(idx.get(42), None);
        // Three keys that all start at the last slot: they take slots 7, 0 and 1.
        let k = keys_at(&idx, 7, 3);
        for (c, &key) in k.iter().enumerate() {
            idx.insert_first(key, c as u32 + 10);
        }
        let at = |i: usize| (idx.slots[i].key, idx.slots[i].col);
        assert_eq!([at(7), at(0), at(1)], [(k[0], 10), (k[1], 11), (k[2], 12)]);
        assert_eq!(at(2).1, EMPTY);
        // A repeated key keeps its first column.
        idx.insert_first(k[1], 99);
        assert_eq!(
            (idx.get(k[0]), idx.get(k[1]), idx.get(k[2])),
            (Some(10), Some(11), Some(12))
        );
        // A missing key homed at 7 walks 7, 0, 1 and stops at the empty slot 2.
        assert_eq!(idx.get(keys_at(&idx, 7, 4)[3]), None);
        // The empty default (before `reindex`) finds nothing.
        assert_eq!(KeyIndex::default().get(k[0]), None);
    }

    #[test]
    fn key_index_agrees_with_a_hash_map() {
        let mut idx = KeyIndex::with_capacity(5000);
        let mut reference: FxHashMap<u64, u32> = FxHashMap::default();
        let mut x = 0x1234_5678_9abc_def0u64;
        let mut keys = Vec::new();
        for c in 0..5000u32 {
            // xorshift keys, each tenth one a repeat of an earlier key.
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let key = if c % 10 == 9 {
                keys[(x % keys.len() as u64) as usize]
            } else {
                x
            };
            keys.push(key);
            idx.insert_first(key, c);
            reference.entry(key).or_insert(c);
        }
        assert!(idx.slots.len() * 3 >= reference.len() * 4, "at most 3/4 full");
        for &k in &keys {
            assert_eq!(idx.get(k), reference.get(&k).copied());
        }
        for k in 0..2000u64 {
            assert_eq!(idx.get(k), reference.get(&k).copied());
        }
    }

    fn docs() -> Vec<Vec<String>> {
        [vec!["kiev", "talk", "kiev"], vec!["kyiv", "talk"], vec!["talk"]]
            .into_iter()
            .map(|d| d.into_iter().map(String::from).collect())
            .collect()
    }

    fn fit(p: TfidfParams) -> FittedTfidf {
        let mut c = TermCounts::default();
        docs().iter().for_each(|d| c.add_stems(d, 1));
        p.fit(c).unwrap()
    }

    #[test]
    fn matches_a_hand_computation() {
        // n = 3; df(kiev)=1, df(kyiv)=1, df(talk)=3.
        // idf(kiev) = ln(4/2)+1 = 1.693147…, idf(talk) = ln(4/4)+1 = 1.
        // Doc 0, raw tf: kiev 2, talk 1 → (3.386294, 1) / sqrt(3.386294² + 1).
        let f = fit(TfidfParams {
            sublinear_tf: false,
            ..Default::default()
        });
        assert_eq!(f.terms, vec!["kiev", "kyiv", "talk"]);
        let idf_kiev = 2f64.ln() + 1.0;
        assert!((f.idf[0] - idf_kiev).abs() < 1e-15);
        assert_eq!(f.idf[2], 1.0);
        let v = f.transform(&docs()[0]);
        let norm = ((2.0 * idf_kiev).powi(2) + 1.0).sqrt();
        assert_eq!(v.idx, vec![0, 2]);
        assert!((v.val[0] - 2.0 * idf_kiev / norm).abs() < 1e-15);
        assert!((v.val[1] - 1.0 / norm).abs() < 1e-15);
        // Sublinear: tf(kiev) = 1 + ln 2.
        let s = fit(TfidfParams::default()).transform(&docs()[0]);
        let a = (1.0 + 2f64.ln()) * idf_kiev;
        assert!((s.val[0] - a / (a * a + 1.0).sqrt()).abs() < 1e-15);
    }

    #[test]
    fn pruning_follows_min_df_max_df_and_max_features() {
        assert_eq!(
            fit(TfidfParams {
                min_df: 2,
                ..Default::default()
            })
            .terms,
            vec!["talk"]
        );
        assert_eq!(
            fit(TfidfParams {
                max_df: 0.5,
                ..Default::default()
            })
            .terms,
            vec!["kiev", "kyiv"]
        );
        // Total counts: kiev 2, kyiv 1, talk 3 → top 2 are talk, kiev; columns stay sorted.
        assert_eq!(
            fit(TfidfParams {
                max_features: Some(2),
                ..Default::default()
            })
            .terms,
            vec!["kiev", "talk"]
        );
        assert!(TfidfParams {
            max_df: 0.0,
            ..Default::default()
        }
        .check()
        .is_err());
    }

    #[test]
    fn counts_name_ngrams_and_do_not_depend_on_sharding() {
        // Sentences as stems; 1–3-grams. Hand count: "a b" in both sentences → df 2, tf 2;
        // "a b a" once; "b a" once; "a" three times in two sentences.
        let sentences = [vec!["a", "b", "a"], vec!["a", "b"]];
        let fit = |shards: usize| {
            let mut c = TermCounts::with_shards(shards);
            sentences.iter().for_each(|s| c.add_stems(s, 3));
            TfidfParams::default().fit(c).unwrap()
        };
        let one = fit(1);
        assert_eq!(one.terms, vec!["a", "a b", "a b a", "b", "b a"]);
        // idf(a b) = ln(3/3) + 1 = 1; idf(a b a) = ln(3/2) + 1.
        assert_eq!(one.idf[1], 1.0);
        assert!((one.idf[2] - (1.5f64.ln() + 1.0)).abs() < 1e-15);
        assert_eq!(one, fit(4));
        assert_eq!(one, fit(7));
        // Counting for min_df 2 names only what can reach df 2, and gives the same model as
        // counting everything and pruning; a lower min_df is refused, not misnamed.
        let min2 = TfidfParams {
            min_df: 2,
            ..Default::default()
        };
        let pruned = |shards: usize, named_from: usize| {
            let mut c = TermCounts::with_shards(shards).for_min_df(named_from);
            sentences.iter().for_each(|s| c.add_stems(s, 3));
            min2.fit(c).unwrap()
        };
        assert_eq!(pruned(1, 2).terms, vec!["a", "a b", "b"]);
        assert_eq!(pruned(1, 2), pruned(1, 1));
        assert_eq!(pruned(1, 2), pruned(5, 2));
        let mut c = TermCounts::with_shards(2).for_min_df(2);
        sentences.iter().for_each(|s| c.add_stems(s, 3));
        assert!(TfidfParams::default().fit(c).is_err());
        // The row of a sentence from its stem keys equals the row from its feature strings.
        let keys: Vec<u64> = ["a", "b", "a"].iter().map(|s| crate::text::keys::stem_key(s)).collect();
        assert_eq!(
            one.transform_stem_keys(&keys, 3),
            one.transform(&["a", "b", "a", "a b", "b a", "a b a"])
        );
    }

    #[test]
    fn grouping_by_shard_keeps_every_entry_in_its_shards_range() {
        let keys: Vec<u64> = (0..500u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect();
        let entries: Vec<Entry<'_>> = keys
            .iter()
            .map(|&key| Entry {
                key,
                count: 1,
                prefix: 0,
                last: 0,
                name: "",
            })
            .collect();
        for n in [1, 3, 16] {
            let (grouped, starts) = group_by_shard(entries.clone(), n);
            assert_eq!((starts[0], starts[n]), (0, 500));
            for i in 0..n {
                let mine = &grouped[starts[i] as usize..starts[i + 1] as usize];
                assert!(mine.iter().all(|e| shard_of(e.key, n) == i));
            }
            let mut a: Vec<u64> = grouped.iter().map(|e| e.key).collect();
            a.sort_unstable();
            let mut b = keys.clone();
            b.sort_unstable();
            assert_eq!(a, b);
        }
        // Monotonic: a larger key never goes to an earlier shard.
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert!(sorted.windows(2).all(|w| shard_of(w[0], 16) <= shard_of(w[1], 16)));
    }

    #[test]
    fn unknown_terms_are_ignored_and_empty_rows_stay_empty() {
        let f = fit(TfidfParams::default());
        assert!(f.transform(&["zzz"]).is_empty());
        let v = f.transform(&["kyiv".to_string(), "zzz".to_string()]);
        assert_eq!((v.idx, v.val), (vec![1], vec![1.0]));
    }
}
