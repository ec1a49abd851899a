//! Counting terms: document frequency and total count of every 1..=n-gram, in shards
//! that threads fill without locks ([`TermCounts`]).

use rayon::prelude::*;
use rustc_hash::FxHashMap;

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
    pub(super) named_from: u32,
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
    pub(super) fn kept(mut self, keep: impl Fn(u32) -> bool + Sync) -> Vec<(String, u32, u64)> {
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
                    .map(|(&k, c)| (k, c.df, c.tf as u64))
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
                        (scratch.as_str().to_owned(), df, tf)
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
