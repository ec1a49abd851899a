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
pub fn find_matches(articles: &[Vec<SentencePrint>], params: &OverlapParams) -> Vec<Vec<Vec<Match>>> {
    let t = params.near_threshold.clamp(f64::MIN_POSITIVE, 1.0);
    // Global sentence ids.
    let mut ids: Vec<(usize, usize)> = Vec::new();
    for (a, s) in articles.iter().enumerate() {
        ids.extend((0..s.len()).map(|i| (a, i)));
    }
    let print = |g: usize| &articles[ids[g].0][ids[g].1];
    let mut exact: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    let mut df: FxHashMap<u64, u32> = FxHashMap::default();
    for g in 0..ids.len() {
        let p = print(g);
        if p.words == 0 {
            continue;
        }
        exact.entry(p.exact).or_default().push(g);
        for &s in &p.shingles {
            *df.entry(s).or_insert(0) += 1;
        }
    }
    // Prefixes: the rarest shingles of each sentence (ties by hash value: one global order).
    let prefixes: Vec<Vec<u64>> = (0..ids.len())
        .map(|g| {
            let p = print(g);
            if p.words == 0 {
                return Vec::new();
            }
            let mut sh = p.shingles.clone();
            sh.sort_unstable_by_key(|s| (df[s], *s));
            let n = sh.len();
            let keep = n - ((t * n as f64).ceil() as usize).min(n) + 1;
            sh.truncate(keep.min(n));
            sh
        })
        .collect();
    let mut index: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (g, pre) in prefixes.iter().enumerate() {
        for &s in pre {
            index.entry(s).or_default().push(g);
        }
    }
    let mut out: Vec<Vec<Vec<Match>>> = articles.iter().map(|s| vec![Vec::new(); s.len()]).collect();
    let mut seen: Vec<usize> = Vec::new();
    for g in 0..ids.len() {
        let (a, i) = ids[g];
        let p = print(g);
        if p.words == 0 {
            continue;
        }
        let mut best: FxHashMap<usize, Match> = FxHashMap::default();
        let mut consider = |h: usize, similarity: f64, is_exact: bool| {
            let (b, j) = ids[h];
            let m = Match {
                article: b,
                sentence: j,
                similarity,
                exact: is_exact,
            };
            match best.get(&b) {
                Some(o) if (o.similarity, std::cmp::Reverse(o.sentence)) >= (similarity, std::cmp::Reverse(j)) => {}
                _ => {
                    best.insert(b, m);
                }
            }
        };
        for &h in &exact[&p.exact] {
            if ids[h].0 != a {
                consider(h, 1.0, true);
            }
        }
        seen.clear();
        for s in &prefixes[g] {
            seen.extend(index[s].iter().copied().filter(|&h| ids[h].0 != a));
        }
        seen.sort_unstable();
        seen.dedup();
        for &h in &seen {
            let q = print(h);
            if q.exact == p.exact {
                continue;
            }
            // Size filter: J ≤ min/max, so skip pairs that cannot reach t.
            let (x, y) = (
                p.shingles.len().min(q.shingles.len()),
                p.shingles.len().max(q.shingles.len()),
            );
            if (x as f64) < t * y as f64 {
                continue;
            }
            let c = intersection(&p.shingles, &q.shingles);
            let jac = c as f64 / (p.shingles.len() + q.shingles.len() - c) as f64;
            if jac >= params.near_threshold {
                consider(h, jac, false);
            }
        }
        let mut v: Vec<Match> = best.into_values().collect();
        if v.len() > params.max_matches {
            v.sort_by(|x, y| y.similarity.total_cmp(&x.similarity).then(x.article.cmp(&y.article)));
            v.truncate(params.max_matches);
        }
        v.sort_by_key(|m| m.article);
        out[a][i] = v;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
