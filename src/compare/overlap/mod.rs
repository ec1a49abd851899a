//! Shared copy: which sentences two articles have in common (wire copy reused, rewritten or
//! trimmed), how much of each article is shared, and what each outlet added or cut.
//!
//! Method. Every sentence becomes a *fingerprint*: its lowercased word tokens (the tokenizer
//! drops punctuation, so typography never matters), the set of its word 3-shingles, and its
//! word count. Two sentences of different articles match
//! - **exactly** when their token sequences are equal, or
//! - **nearly** when the Jaccard similarity of their shingle sets is at least
//!   [`OverlapParams::near_threshold`] (default 0.5: at least half of the two sentences'
//!   distinct 3-word runs are common; a reworded lead that keeps its clauses passes, a
//!   different sentence on the same topic does not).
//!
//! Jaccard is computed exactly, not estimated by MinHash; candidates are found by prefix
//! filtering (see [`find_matches`]), which finds every pair at or above the threshold.
//! Sentences of fewer than 3 words use their whole token sequence as their one shingle.
//! At most [`OverlapParams::max_matches`] (50) other articles are recorded per sentence.

mod pairs;

pub use pairs::{own_text, pairs, PairOverlap, Paragraphs};

use crate::document::Document;
use crate::text::tokenize;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};

/// How near-duplicates are found.
#[derive(Debug, Clone, PartialEq)]
pub struct OverlapParams {
    pub shingle: usize,
    pub near_threshold: f64,
    /// At most this many matches (other articles) are kept per sentence, the most similar
    /// first (ties by article order), so a line repeated across thousands of articles does
    /// not fill memory; the sentence still counts as shared.
    pub max_matches: usize,
    /// At most this many near pairs of distinct sentences (each pair once): past it the
    /// comparison stops with [`TooManyNearPairs`]. Pairs grow with the square of the number
    /// of similar sentences: 8,000 short sentences differing in one number took 2 GB, and a
    /// 5 MB article of 100,000 such lines 17 GB before it was killed (review, session 48).
    pub max_near_pairs: usize,
}

/// A comparison stopped past [`OverlapParams::max_near_pairs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooManyNearPairs {
    pub limit: usize,
}

impl std::fmt::Display for TooManyNearPairs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "more than {} pairs of near-identical sentences (templated or boilerplate text: their pairs grow with the square of their number)",
            self.limit
        )
    }
}

impl Default for OverlapParams {
    fn default() -> Self {
        OverlapParams {
            shingle: 3,
            near_threshold: 0.5,
            max_matches: 50,
            max_near_pairs: MAX_NEAR_PAIRS,
        }
    }
}

/// The default [`OverlapParams::max_near_pairs`]: about 100 MB of pairs (16 bytes each way,
/// and the expanded lists). A `run` of 1,995 articles of the benchmark's templated corpus
/// (`make_corpus.py`, 12,840 shared sentences) stays under it, with the same tables as
/// before the budget (session 48).
pub const MAX_NEAR_PAIRS: usize = 2_000_000;

/// One sentence reduced to what matching needs.
#[derive(Debug, Clone, PartialEq)]
pub struct SentencePrint {
    pub exact: u64,
    pub shingles: Vec<u64>,
    pub words: usize,
}

fn hash<T: Hash + ?Sized>(t: &T) -> u64 {
    let mut h = FxHasher::default();
    t.hash(&mut h);
    h.finish()
}

/// The hash of one lowercased word. A word with no uppercase letter (nearly all) is hashed
/// as it is, without building its lowercase copy.
fn word_hash(word: &str) -> u64 {
    if word.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        hash(&word.to_lowercase())
    } else {
        hash(word)
    }
}

/// Fingerprint one sentence. Shingles and the exact print hash the words' hashes: equal
/// lowercased token sequences give equal prints, and no string is built per word (this runs
/// for every sentence of the first 2,000 articles of every `run` and `score`).
pub fn fingerprint(text: &str, shingle: usize) -> SentencePrint {
    let words: Vec<u64> = tokenize(text).into_iter().map(|t| word_hash(t.text)).collect();
    let mut shingles: Vec<u64> = if words.len() < shingle.max(1) {
        vec![hash(&words)]
    } else {
        words.windows(shingle.max(1)).map(hash).collect()
    };
    shingles.sort_unstable();
    shingles.dedup();
    SentencePrint {
        exact: hash(&words),
        shingles,
        words: words.len(),
    }
}

/// Fingerprints of a document's sentences, in order.
pub fn fingerprint_document(doc: &Document, shingle: usize) -> Vec<SentencePrint> {
    doc.sentences.iter().map(|s| fingerprint(&s.text, shingle)).collect()
}

/// A sentence's best match in one other article.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Index of the other article in the input slice.
    pub article: usize,
    /// Sentence index in the other article.
    pub sentence: usize,
    pub similarity: f64,
    pub exact: bool,
}

/// For every article, for every sentence, its best match in each other article (sorted by
/// article index). Deterministic: ties go to the lowest sentence index.
///
/// Near-duplicate candidates come from *prefix filtering* (Chaudhuri, Ganti & Kaushik 2006;
/// Bayardo, Ma & Srikant 2007): order every sentence's shingles from rarest to most common
/// in the corpus; if J(A, B) ≥ t then |A ∩ B| ≥ t·|A|, so the first |A| − ⌈t·|A|⌉ + 1
/// shingles of A and of B must share one. Only those prefixes are indexed, so stock phrases
/// (common shingles, late in every order) rarely generate candidates; each candidate's
/// Jaccard is then computed exactly by merging the two shingle lists. The result equals the
/// all-pairs computation (a unit test checks it against brute force).
///
/// Each pair of sentences is compared once (the later one probes the prefixes indexed so
/// far) and recorded for both. Shingles become dense ranks in that rare-first order, so a
/// prefix is the start of a sorted list and the index is a vector. The merge of two lists
/// starts after their first common shingle, since nothing before it in either list can be
/// common (the *positional filter* of PPJoin, Xiao et al. 2008), and stops as soon as the
/// shingles left cannot reach the threshold.
///
/// Sentences with the same exact print are one *group*: only each group's first sentence
/// (its representative) is indexed and probes, and a group keeps only its first sentence in
/// each article (the one a match to that article names, ties going to the lowest index).
/// So a sentence repeated n times in one article costs n, not n² (an audit's 200,000 copies
/// of one sentence in one article took 5 minutes before).
///
/// More than `params.max_near_pairs` near pairs stop it ([`TooManyNearPairs`]), in bounded
/// time and memory; whether they do does not depend on the threads.
pub fn find_matches(
    articles: &[Vec<SentencePrint>],
    params: &OverlapParams,
) -> Result<Vec<Vec<Vec<Match>>>, TooManyNearPairs> {
    let t = params.near_threshold.clamp(f64::MIN_POSITIVE, 1.0);
    let flat = RankedPrints::new(articles, t);
    // Groups, in order of their first sentence; sentences are in article order, so an
    // article's copies of a group come one after another in `members`' growth.
    let mut group_of: Vec<u32> = vec![u32::MAX; flat.len()];
    let mut members: Vec<Vec<u32>> = Vec::new();
    let mut representative: Vec<bool> = vec![false; flat.len()];
    let mut by_print: FxHashMap<u64, u32> = FxHashMap::default();
    for (g, slot) in group_of.iter_mut().enumerate() {
        if flat.words[g] == 0 {
            continue;
        }
        let id = *by_print.entry(flat.exact[g]).or_insert_with(|| {
            representative[g] = true;
            members.push(Vec::new());
            (members.len() - 1) as u32
        });
        *slot = id;
        let m = &mut members[id as usize];
        if m.last().is_none_or(|&h| flat.ids[h as usize].0 != flat.ids[g].0) {
            m.push(g as u32);
        }
    }
    drop(by_print);
    // Near pairs between representatives, as pairs of groups.
    let mut near: Vec<Vec<(u32, f64)>> = vec![Vec::new(); members.len()];
    let pairs = flat.near_pairs(t, params.near_threshold, &representative, params.max_near_pairs);
    for (g, h, similarity) in pairs.ok_or(TooManyNearPairs {
        limit: params.max_near_pairs,
    })? {
        near[group_of[g as usize] as usize].push((group_of[h as usize], similarity));
    }
    drop(representative);
    let mut out: Vec<Vec<Vec<Match>>> = articles.iter().map(|s| vec![Vec::new(); s.len()]).collect();
    // The sentences with words, group by group (a stable sort keeps each group's in order).
    let mut by_group: Vec<u32> = (0..group_of.len() as u32)
        .filter(|&g| group_of[g as usize] != u32::MAX)
        .collect();
    by_group.sort_by_key(|&g| group_of[g as usize]);
    // Every sentence of a group has the same candidates: the members of its near groups and
    // its own group's, less those of its own article. So each article's best match is found
    // once per group, over all articles, and each of its sentences takes that list without
    // its own article: a whole article is left out, so the other articles' bests are the
    // same. (Found per sentence, a sentence copied into k articles sorted the same candidates
    // k times: with wire copy shared by many outlets that was most of this function.)
    let mut found: Vec<Match> = Vec::new();
    let mut best: Vec<Option<u32>> = vec![None; articles.len()];
    let mut ranked: Vec<u32> = Vec::new();
    for sentences in by_group.chunk_by(|&g, &h| group_of[g as usize] == group_of[h as usize]) {
        let group = group_of[sentences[0] as usize] as usize;
        found.clear();
        for &(near_group, similarity) in &near[group] {
            for &h in &members[near_group as usize] {
                found.push(flat.match_of(h, similarity, false));
            }
        }
        for &h in &members[group] {
            found.push(flat.match_of(h, 1.0, true));
        }
        let all = best_per_article(&found, &mut best);
        // The order a capped list keeps: the most similar first, ties by article order (each
        // article is once in `all`, so the order is total). A sentence leaves out at most its
        // own article, so the first `max_matches` + 1 of that order are all it can keep.
        ranked.clear();
        if all.len() > params.max_matches {
            ranked.extend(0..all.len() as u32);
            let order = |x: &u32, y: &u32| {
                let (x, y) = (&all[*x as usize], &all[*y as usize]);
                y.similarity.total_cmp(&x.similarity).then(x.article.cmp(&y.article))
            };
            let keep = params.max_matches.saturating_add(1).min(ranked.len());
            if keep < ranked.len() {
                ranked.select_nth_unstable_by(keep, order);
                ranked.truncate(keep);
            }
            ranked.sort_unstable_by(order);
        }
        for &g in sentences {
            let (a, i) = flat.ids[g as usize];
            out[a][i] = without_article(&all, &ranked, a, params.max_matches);
        }
    }
    Ok(out)
}

/// The best match in each article among `found` (the most similar, ties to the lowest
/// sentence index), sorted by article. `best` is indexed by article and all `None`, and is
/// left so. (A slot per article, then the articles found sorted: sorting all of `found` by
/// article first was half of this comparison's time on text shared by many articles.)
fn best_per_article(found: &[Match], best: &mut [Option<u32>]) -> Vec<Match> {
    let mut touched: Vec<u32> = Vec::new();
    for (k, m) in found.iter().enumerate() {
        let slot = &mut best[m.article];
        match *slot {
            None => {
                *slot = Some(k as u32);
                touched.push(m.article as u32);
            }
            Some(b) => {
                let b = &found[b as usize];
                let better = m.similarity.total_cmp(&b.similarity).then(b.sentence.cmp(&m.sentence));
                if better.is_gt() {
                    *slot = Some(k as u32);
                }
            }
        }
    }
    touched.sort_unstable();
    touched
        .iter()
        .map(|&a| found[best[a as usize].take().expect("a slot per article found") as usize].clone())
        .collect()
}
/// `all` (one match per article, by article) without article `a`'s, at most `max_matches`
/// of them: the first in `ranked` (`all`'s indices, most similar first; filled when `all`
/// holds more than `max_matches`), sorted by article.
fn without_article(all: &[Match], ranked: &[u32], a: usize, max_matches: usize) -> Vec<Match> {
    let own = all.binary_search_by_key(&a, |m| m.article).is_ok();
    let others = all.len() - usize::from(own);
    if others <= max_matches {
        return all.iter().filter(|m| m.article != a).cloned().collect();
    }
    let mut v: Vec<Match> = ranked
        .iter()
        .map(|&k| &all[k as usize])
        .filter(|m| m.article != a)
        .take(max_matches)
        .cloned()
        .collect();
    v.sort_by_key(|m| m.article);
    v
}

/// Every sentence of the input under one global id (articles in order, then sentences), its
/// shingles as ranks in the rare-first order (ascending), and the length of its prefix.
struct RankedPrints {
    ids: Vec<(usize, usize)>,
    exact: Vec<u64>,
    words: Vec<usize>,
    /// Sentence g's ranks are `ranks[starts[g]..starts[g + 1]]`.
    starts: Vec<usize>,
    ranks: Vec<u32>,
    prefix: Vec<usize>,
    distinct: usize,
}

impl RankedPrints {
    fn new(articles: &[Vec<SentencePrint>], t: f64) -> Self {
        let mut ids: Vec<(usize, usize)> = Vec::new();
        for (a, s) in articles.iter().enumerate() {
            ids.extend((0..s.len()).map(|i| (a, i)));
        }
        let print = |g: usize| &articles[ids[g].0][ids[g].1];
        // Document frequency of each shingle, over sentences with words.
        let mut df: FxHashMap<u64, u32> = FxHashMap::default();
        for g in 0..ids.len() {
            let p = print(g);
            if p.words > 0 {
                for &s in &p.shingles {
                    *df.entry(s).or_insert(0) += 1;
                }
            }
        }
        // One global order: rarest first, ties by hash value.
        let mut order: Vec<(u32, u64)> = df.iter().map(|(&s, &n)| (n, s)).collect();
        order.sort_unstable();
        // Each shingle's count becomes its rank, in place: a second map would double the
        // peak of this pass (about 16 MB at 2,000 articles).
        let mut rank = df;
        for (r, &(_, s)) in order.iter().enumerate() {
            *rank.get_mut(&s).expect("every shingle was counted") = r as u32;
        }
        let distinct = order.len();
        drop(order);
        let (mut starts, mut ranks, mut prefix) = (vec![0], Vec::new(), Vec::with_capacity(ids.len()));
        let (mut exact, mut words) = (Vec::with_capacity(ids.len()), Vec::with_capacity(ids.len()));
        for g in 0..ids.len() {
            let p = print(g);
            exact.push(p.exact);
            words.push(p.words);
            let from = ranks.len();
            if p.words > 0 {
                ranks.extend(p.shingles.iter().map(|s| rank[s]));
                ranks[from..].sort_unstable();
            }
            let n = ranks.len() - from;
            let keep = n - ((t * n as f64).ceil() as usize).min(n) + 1;
            prefix.push(keep.min(n));
            starts.push(ranks.len());
        }
        RankedPrints {
            ids,
            exact,
            words,
            starts,
            ranks,
            prefix,
            distinct,
        }
    }

    fn len(&self) -> usize {
        self.ids.len()
    }

    fn shingles(&self, g: usize) -> &[u32] {
        &self.ranks[self.starts[g]..self.starts[g + 1]]
    }

    fn match_of(&self, h: u32, similarity: f64, exact: bool) -> Match {
        let (article, sentence) = self.ids[h as usize];
        Match {
            article,
            sentence,
            similarity,
            exact,
        }
    }

    /// Every pair (g, h) of `indexed` sentences (the groups' representatives), not exactly
    /// equal, whose Jaccard is at least `threshold`, with it; each pair in both directions,
    /// sorted.
    /// Sentences probe in parallel, in chunks; the sort makes the result independent of
    /// the threads. `None` as soon as more than `budget` pairs are found: the count is
    /// shared, and it passes the budget only when the whole set of pairs does, whatever the
    /// threads.
    fn near_pairs(&self, t: f64, threshold: f64, indexed: &[bool], budget: usize) -> Option<Vec<(u32, u32, f64)>> {
        use rayon::prelude::*;
        use std::sync::atomic::{AtomicUsize, Ordering};
        // Postings of each rank, in sentence order: (sentence, position of the rank in its
        // list). One array cut by rank (counted, then filled), not a vector per shingle:
        // most shingles are in no prefix, and a vector each cost 18 MB at 2,000 articles.
        let mut start = vec![0usize; self.distinct + 1];
        for g in (0..self.len()).filter(|&g| indexed[g]) {
            for &r in &self.shingles(g)[..self.prefix[g]] {
                start[r as usize + 1] += 1;
            }
        }
        for r in 0..self.distinct {
            start[r + 1] += start[r];
        }
        let mut postings = vec![(0u32, 0u32); start[self.distinct]];
        let mut next = start.clone();
        for g in (0..self.len()).filter(|&g| indexed[g]) {
            for (i, &r) in self.shingles(g)[..self.prefix[g]].iter().enumerate() {
                postings[next[r as usize]] = (g as u32, i as u32);
                next[r as usize] += 1;
            }
        }
        drop(next);
        let index = Postings { start, postings };
        const CHUNK: usize = 1024;
        let count = AtomicUsize::new(0);
        let found: Vec<Vec<(u32, u32, f64)>> = (0..self.len().div_ceil(CHUNK))
            .into_par_iter()
            .map(|c| {
                let mut probe = Probe::new(self.len());
                let mut near = Vec::new();
                for g in (c * CHUNK..((c + 1) * CHUNK).min(self.len())).filter(|&g| indexed[g]) {
                    let before = near.len();
                    self.probe(g, &index, t, threshold, &mut probe, &mut near);
                    let added = near.len() - before;
                    if count.fetch_add(added, Ordering::Relaxed) + added > budget {
                        break;
                    }
                }
                near
            })
            .collect();
        if count.load(Ordering::Relaxed) > budget {
            return None;
        }
        let mut near: Vec<(u32, u32, f64)> = Vec::with_capacity(2 * found.iter().map(Vec::len).sum::<usize>());
        for (g, h, jac) in found.into_iter().flatten() {
            near.push((g, h, jac));
            near.push((h, g, jac));
        }
        near.sort_unstable_by_key(|&(g, h, _)| (g, h));
        Some(near)
    }

    /// The pairs (g, h) with h < g: each pair of sentences is compared once, by the later.
    fn probe(
        &self,
        g: usize,
        index: &Postings,
        t: f64,
        threshold: f64,
        probe: &mut Probe,
        near: &mut Vec<(u32, u32, f64)>,
    ) {
        let p = self.shingles(g);
        probe.candidates.clear();
        for (i, &r) in p[..self.prefix[g]].iter().enumerate() {
            for &(h, j) in index.of(r).iter().take_while(|&&(h, _)| (h as usize) < g) {
                if probe.met[h as usize] != g as u32 {
                    probe.met[h as usize] = g as u32;
                    // The first common shingle, in both lists (see find_matches).
                    probe.candidates.push((h, i, j as usize));
                }
            }
        }
        for &(h, i, j) in &probe.candidates {
            let q = self.shingles(h as usize);
            // Representatives of two groups may share an article: their groups' other
            // sentences may not, so the pair is kept (matches to the same article are
            // dropped where groups are expanded, in `find_matches`).
            if self.exact[h as usize] == self.exact[g] {
                continue;
            }
            // Size filter: J ≤ min/max, so skip pairs that cannot reach t.
            let (x, y) = (p.len().min(q.len()), p.len().max(q.len()));
            if (x as f64) < t * y as f64 {
                continue;
            }
            if let Some(c) = overlap_from(p, q, i, j, threshold) {
                let jac = jaccard(c, p.len(), q.len());
                if jac >= threshold {
                    near.push((g as u32, h, jac));
                }
            }
        }
    }
}

/// The sentences whose prefix holds each rank: `postings[start[r]..start[r + 1]]`.
struct Postings {
    start: Vec<usize>,
    postings: Vec<(u32, u32)>,
}

impl Postings {
    fn of(&self, r: u32) -> &[(u32, u32)] {
        &self.postings[self.start[r as usize]..self.start[r as usize + 1]]
    }
}

/// One thread's buffers for [`RankedPrints::probe`].
struct Probe {
    /// The last sentence that met each sentence as a candidate.
    met: Vec<u32>,
    /// (sentence, position of the first common shingle in the prober's list, in its own).
    candidates: Vec<(u32, usize, usize)>,
}

impl Probe {
    fn new(sentences: usize) -> Self {
        Probe {
            met: vec![u32::MAX; sentences],
            candidates: Vec::new(),
        }
    }
}

/// Jaccard of two shingle lists with `c` common shingles, computed as the result is.
fn jaccard(c: usize, n: usize, m: usize) -> f64 {
    c as f64 / (n + m - c) as f64
}

/// |p ∩ q| for sorted lists whose first common element is p[i] = q[j], or `None` as soon as
/// the elements left cannot make the Jaccard reach `threshold`. The bound uses the same
/// floating-point formula as the final test, and that formula grows with `c` (exact integer
/// conversion, correctly rounded division), so no pair the test accepts is cut.
fn overlap_from(p: &[u32], q: &[u32], i: usize, j: usize, threshold: f64) -> Option<usize> {
    let (n, m) = (p.len(), q.len());
    let reachable = |c: usize| jaccard(c, n, m) >= threshold;
    // The smallest count that passes, from the bound up.
    let need = {
        let most = n.min(m);
        let mut c = ((threshold * (n + m) as f64) / (1.0 + threshold))
            .ceil()
            .clamp(0.0, most as f64) as usize;
        while c > 0 && reachable(c - 1) {
            c -= 1;
        }
        while c <= most && !reachable(c) {
            c += 1;
        }
        c
    };
    let (mut a, mut b, mut c) = (i + 1, j + 1, 1);
    while a < n && b < m {
        if c + (n - a).min(m - b) < need {
            return None;
        }
        match p[a].cmp(&q[b]) {
            std::cmp::Ordering::Less => a += 1,
            std::cmp::Ordering::Greater => b += 1,
            std::cmp::Ordering::Equal => {
                c += 1;
                a += 1;
                b += 1;
            }
        }
    }
    (c >= need).then_some(c)
}

#[cfg(test)]
mod tests;
