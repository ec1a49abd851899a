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
}

impl Default for OverlapParams {
    fn default() -> Self {
        OverlapParams {
            shingle: 3,
            near_threshold: 0.5,
            max_matches: 50,
        }
    }
}

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

/// Fingerprint one sentence.
pub fn fingerprint(text: &str, shingle: usize) -> SentencePrint {
    let words: Vec<String> = tokenize(text).into_iter().map(|t| t.text.to_lowercase()).collect();
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
pub fn find_matches(articles: &[Vec<SentencePrint>], params: &OverlapParams) -> Vec<Vec<Vec<Match>>> {
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
    for (g, h, similarity) in flat.near_pairs(t, params.near_threshold, &representative) {
        near[group_of[g as usize] as usize].push((group_of[h as usize], similarity));
    }
    drop(representative);
    let mut out: Vec<Vec<Vec<Match>>> = articles.iter().map(|s| vec![Vec::new(); s.len()]).collect();
    let mut found: Vec<Match> = Vec::new();
    for (g, &group) in group_of.iter().enumerate() {
        // No group: a sentence without words matches nothing.
        if group == u32::MAX {
            continue;
        }
        let (a, i) = flat.ids[g];
        let group = group as usize;
        found.clear();
        let other = |h: &&u32| flat.ids[**h as usize].0 != a;
        for &(near_group, similarity) in &near[group] {
            for &h in members[near_group as usize].iter().filter(other) {
                found.push(flat.match_of(h, similarity, false));
            }
        }
        for &h in members[group].iter().filter(other) {
            found.push(flat.match_of(h, 1.0, true));
        }
        out[a][i] = best_per_article(&mut found, params.max_matches);
    }
    out
}

/// The best match in each other article among `found` (the most similar, ties to the lowest
/// sentence index), at most `max_matches` of them (the most similar, ties by article order),
/// sorted by article.
fn best_per_article(found: &mut [Match], max_matches: usize) -> Vec<Match> {
    found.sort_unstable_by(|x, y| {
        (x.article.cmp(&y.article))
            .then(y.similarity.total_cmp(&x.similarity))
            .then(x.sentence.cmp(&y.sentence))
    });
    let mut v: Vec<Match> = Vec::new();
    for m in found.iter() {
        if v.last().is_none_or(|l: &Match| l.article != m.article) {
            v.push(m.clone());
        }
    }
    if v.len() > max_matches {
        v.sort_by(|x, y| y.similarity.total_cmp(&x.similarity).then(x.article.cmp(&y.article)));
        v.truncate(max_matches);
        v.sort_by_key(|m| m.article);
    }
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
    /// the threads.
    fn near_pairs(&self, t: f64, threshold: f64, indexed: &[bool]) -> Vec<(u32, u32, f64)> {
        use rayon::prelude::*;
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
        let found: Vec<Vec<(u32, u32, f64)>> = (0..self.len().div_ceil(CHUNK))
            .into_par_iter()
            .map(|c| {
                let mut probe = Probe::new(self.len());
                let mut near = Vec::new();
                for g in (c * CHUNK..((c + 1) * CHUNK).min(self.len())).filter(|&g| indexed[g]) {
                    self.probe(g, &index, t, threshold, &mut probe, &mut near);
                }
                near
            })
            .collect();
        let mut near: Vec<(u32, u32, f64)> = Vec::with_capacity(2 * found.iter().map(Vec::len).sum::<usize>());
        for (g, h, jac) in found.into_iter().flatten() {
            near.push((g, h, jac));
            near.push((h, g, jac));
        }
        near.sort_unstable_by_key(|&(g, h, _)| (g, h));
        near
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
mod tests {
    use super::*;

    /// Size of the intersection of two sorted, deduplicated lists.
    fn intersection(a: &[u64], b: &[u64]) -> usize {
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }

    /// The fingerprints of some sentences (3-shingles).
    pub(super) fn prints(sents: &[&str]) -> Vec<SentencePrint> {
        sents.iter().map(|s| fingerprint(s, 3)).collect()
    }

    #[test]
    fn exact_after_normalisation_and_near_by_jaccard() {
        let a = prints(&[
            "“Our Western partners — as you call them,” he said.",
            "Washington has estimated that some 30,000 Russian troops have deployed to Belarus.",
            "Something only A says about the weather today.",
        ]);
        let b = prints(&[
            "\"Our western partners - as you call them\" he said",
            // "30,000" is two tokens (30, 000). B: 12 words → 10 shingles; A's sentence has
            // 13 words → 11 shingles. The first 9 shingles are common ("washington has
            // estimated" … "troops have deployed"), so Jaccard = 9 / (11 + 10 − 9) = 0.75.
            "Washington has estimated that some 30,000 Russian troops have deployed there.",
        ]);
        let m = find_matches(&[a.clone(), b.clone()], &OverlapParams::default());
        assert_eq!(m[0][0].len(), 1);
        assert!(m[0][0][0].exact && m[0][0][0].similarity == 1.0);
        assert!(!m[0][1][0].exact);
        assert!(
            (m[0][1][0].similarity - 0.75).abs() < 1e-12,
            "{}",
            m[0][1][0].similarity
        );
        assert!(m[0][2].is_empty());
        // Symmetric.
        assert_eq!(m[1][1][0].sentence, 1);
        // Above the threshold the pair is gone.
        let strict = OverlapParams {
            near_threshold: 0.76,
            ..Default::default()
        };
        assert!(find_matches(&[a, b], &strict)[0][1].is_empty());
    }

    /// Prefix filtering finds exactly the pairs an all-pairs Jaccard computation finds.
    #[test]
    fn prefix_filtering_equals_brute_force() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let words = ["aa", "bb", "cc", "dd", "ee", "ff", "gg", "hh"];
        let arts: Vec<Vec<SentencePrint>> = (0..12)
            .map(|_| {
                (0..6)
                    .map(|_| {
                        let n = rng.gen_range(1..9);
                        let s: Vec<&str> = (0..n).map(|_| words[rng.gen_range(0..words.len())]).collect();
                        fingerprint(&s.join(" "), 3)
                    })
                    .collect()
            })
            .collect();
        for t in [0.3, 0.5, 0.8] {
            let params = OverlapParams {
                near_threshold: t,
                max_matches: usize::MAX,
                ..Default::default()
            };
            let got = find_matches(&arts, &params);
            let near = got.iter().flatten().flatten().filter(|m| !m.exact).count();
            assert!(
                t > 0.5 || near > 0,
                "t={t}: the test needs near (not exact) matches to mean something"
            );
            for (a, sents) in arts.iter().enumerate() {
                for (i, p) in sents.iter().enumerate() {
                    // Brute force: best similarity per other article.
                    let mut want: Vec<(usize, f64)> = Vec::new();
                    for (b, other) in arts.iter().enumerate().filter(|(b, _)| *b != a) {
                        let best = other
                            .iter()
                            .filter(|q| q.words > 0 && p.words > 0)
                            .map(|q| {
                                if q.exact == p.exact {
                                    1.0
                                } else {
                                    let c = intersection(&p.shingles, &q.shingles);
                                    c as f64 / (p.shingles.len() + q.shingles.len() - c) as f64
                                }
                            })
                            .filter(|&j| j >= t)
                            .fold(None, |m: Option<f64>, j| Some(m.map_or(j, |m| m.max(j))));
                        if let Some(j) = best {
                            want.push((b, j));
                        }
                    }
                    let have: Vec<(usize, f64)> = got[a][i].iter().map(|m| (m.article, m.similarity)).collect();
                    assert_eq!(have, want, "t={t} article {a} sentence {i}");
                }
            }
        }
    }

    /// All pairs, the slow way: for each sentence, the best match in each other article
    /// (highest Jaccard, exact = 1.0; ties to the lowest sentence index), capped at
    /// `max_matches` (the most similar, ties by article order).
    fn brute_force(arts: &[Vec<SentencePrint>], params: &OverlapParams) -> Vec<Vec<Vec<Match>>> {
        let t = params.near_threshold;
        arts.iter()
            .enumerate()
            .map(|(a, sents)| {
                sents
                    .iter()
                    .map(|p| {
                        let mut v: Vec<Match> = Vec::new();
                        for (b, other) in arts.iter().enumerate().filter(|(b, _)| *b != a) {
                            let mut best: Option<Match> = None;
                            for (j, q) in other.iter().enumerate().filter(|(_, q)| q.words > 0 && p.words > 0) {
                                let exact = q.exact == p.exact;
                                let c = intersection(&p.shingles, &q.shingles);
                                let s = if exact {
                                    1.0
                                } else {
                                    c as f64 / (p.shingles.len() + q.shingles.len() - c) as f64
                                };
                                if s >= t && best.as_ref().is_none_or(|m| s > m.similarity) {
                                    best = Some(Match {
                                        article: b,
                                        sentence: j,
                                        similarity: s,
                                        exact,
                                    });
                                }
                            }
                            v.extend(best);
                        }
                        while v.len() > params.max_matches {
                            // Drop the least similar, the last article among equals.
                            let worst = (0..v.len())
                                .min_by(|&x, &y| v[x].similarity.total_cmp(&v[y].similarity).then(y.cmp(&x)))
                                .unwrap();
                            v.remove(worst);
                        }
                        v
                    })
                    .collect()
            })
            .collect()
    }

    /// Templated text, like the synthetic corpora (and wire copy): sentences drawn from a
    /// few templates with some words replaced, so that near duplicates, exact repeats,
    /// repeats within an article and shingles common to most sentences all occur.
    fn templated(seed: u64, n_articles: usize) -> Vec<Vec<SentencePrint>> {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let templates: Vec<Vec<String>> = (0..6)
            .map(|k| {
                let n = rng.gen_range(2..16);
                let mut w: Vec<String> = vec!["the".into(), "kremlin".into(), "said".into()];
                w.extend((0..n).map(|i| format!("w{}", (i * 7 + k) % 11)));
                w
            })
            .collect();
        (0..n_articles)
            .map(|_| {
                (0..rng.gen_range(0..9))
                    .map(|_| {
                        let mut w = templates[rng.gen_range(0..templates.len())].clone();
                        for _ in 0..rng.gen_range(0..4) {
                            let at = rng.gen_range(0..w.len());
                            w[at] = format!("x{}", rng.gen_range(0..5));
                        }
                        w.truncate(rng.gen_range(0..=w.len()));
                        fingerprint(&w.join(" "), 3)
                    })
                    .collect()
            })
            .collect()
    }

    /// The indexed, once-per-pair, early-stopping search returns exactly what comparing
    /// every pair returns: same matches, same sentence, same similarity bits, same order.
    #[test]
    fn find_matches_equals_all_pairs_on_templated_text() {
        let mut near = 0;
        for seed in 0..6 {
            let arts = templated(seed, 40);
            for t in [0.2, 0.3, 0.5, 0.6, 0.75, 0.9, 1.0] {
                for max_matches in [2, 5, usize::MAX] {
                    let params = OverlapParams {
                        near_threshold: t,
                        max_matches,
                        ..Default::default()
                    };
                    let got = find_matches(&arts, &params);
                    assert_eq!(got, brute_force(&arts, &params), "seed {seed} t={t} max {max_matches}");
                    near += got.iter().flatten().flatten().filter(|m| !m.exact).count();
                }
            }
        }
        assert!(
            near > 1000,
            "the test needs many near matches to mean something: {near}"
        );
    }

    /// Audit finding (session 24): one sentence repeated 200,000 times in one article took
    /// the comparison 5 minutes (every copy probed every other). Copies are one group now;
    /// the matches are still those of the all-pairs computation, copies within and across
    /// articles, exact and near.
    #[test]
    fn repeated_sentences_match_as_all_pairs_do() {
        let s1 = "the kremlin said the drills were purely defensive and would end soon";
        let s1_near = "the kremlin said the drills were purely defensive and would end on sunday";
        let s2 = "moscow backed separatists shelled the village near the front line again";
        let s2_near = "moscow backed separatists shelled a village near the front line again";
        let s3 = "talks resumed in geneva on friday after a long pause in the negotiations";
        let rep = |s: &'static str, n: usize| std::iter::repeat_n(s, n);
        let a: Vec<&str> = rep(s1, 50).chain(rep(s2, 3)).chain([s3, "", s1]).collect();
        let b: Vec<&str> = [s3]
            .into_iter()
            .chain(rep(s1, 5))
            .chain(rep(s1_near, 4))
            .chain([s2])
            .collect();
        let c: Vec<&str> = [s2_near]
            .into_iter()
            .chain(rep(s3, 10))
            .chain(rep(s1_near, 2))
            .collect();
        let arts = vec![prints(&a), prints(&b), prints(&c), prints(&a)];
        for t in [0.3, 0.6, 0.9, 1.0] {
            for max_matches in [1, 2, usize::MAX] {
                let params = OverlapParams {
                    near_threshold: t,
                    max_matches,
                    ..Default::default()
                };
                let got = find_matches(&arts, &params);
                assert_eq!(got, brute_force(&arts, &params), "t={t} max {max_matches}");
                if t == 0.3 {
                    assert!(
                        got.iter().flatten().flatten().any(|m| !m.exact),
                        "no near match to check"
                    );
                }
            }
        }
    }

    #[test]
    fn matches_per_sentence_are_capped_most_similar_first() {
        let same = prints(&["one two three four five"]);
        let near = prints(&["one two three four five six"]); // Jaccard 3/4
        let arts = vec![same.clone(), near, same.clone(), same];
        let params = OverlapParams {
            max_matches: 2,
            ..Default::default()
        };
        let m = find_matches(&arts, &params);
        // Article 0 matches 1 (near), 2 and 3 (exact): the two exact ones are kept.
        let kept: Vec<usize> = m[0][0].iter().map(|x| x.article).collect();
        assert_eq!(kept, [2, 3]);
    }
}
