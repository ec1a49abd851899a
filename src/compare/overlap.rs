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

/// What two articles share (a row of `overlap.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct PairOverlap {
    pub a: usize,
    pub b: usize,
    /// Sentences of A with a match in B (and the converse).
    pub shared_sentences_a: usize,
    pub shared_sentences_b: usize,
    /// Of A's shared sentences, how many match exactly.
    pub exact_sentences_a: usize,
    /// Share of A's words in sentences matched in B, and the converse.
    pub share_a: f64,
    pub share_b: f64,
    /// Paragraphs (by kept-paragraph index; `None` = headline) of A with no sentence matched
    /// in B: what A added, or B cut. And the converse.
    pub only_a: Vec<Option<usize>>,
    pub only_b: Vec<Option<usize>>,
}

fn words_share(prints: &[SentencePrint], shared: impl Fn(usize) -> bool) -> f64 {
    let total: usize = prints.iter().map(|p| p.words).sum();
    if total == 0 {
        return 0.0;
    }
    let s: usize = (0..prints.len()).filter(|&i| shared(i)).map(|i| prints[i].words).sum();
    s as f64 / total as f64
}

/// Paragraph of each sentence (`None` = headline) for the pair summary.
pub type Paragraphs = Vec<Option<usize>>;

fn unmatched_paragraphs(paragraphs: &Paragraphs, matched: impl Fn(usize) -> bool) -> Vec<Option<usize>> {
    let mut all: Vec<Option<usize>> = paragraphs.clone();
    all.dedup();
    all.into_iter()
        .filter(|p| !(0..paragraphs.len()).any(|i| paragraphs[i] == *p && matched(i)))
        .collect()
}

/// Every pair of articles where either shares at least `min_share` of its words with the
/// other (and at least one sentence), in (a, b) order. One pass over the matches counts
/// every pair; unmatched paragraphs are listed only for the pairs kept.
pub fn pairs(
    prints: &[Vec<SentencePrint>],
    paragraphs: &[Paragraphs],
    matches: &[Vec<Vec<Match>>],
    min_share: f64,
) -> Vec<PairOverlap> {
    #[derive(Default)]
    struct Acc {
        shared: [usize; 2],
        words: [usize; 2],
        exact_a: usize,
    }
    let mut acc: FxHashMap<(usize, usize), Acc> = FxHashMap::default();
    for (x, sents) in matches.iter().enumerate() {
        for (i, ms) in sents.iter().enumerate() {
            for m in ms {
                let (key, side) = if x < m.article {
                    ((x, m.article), 0)
                } else {
                    ((m.article, x), 1)
                };
                let e = acc.entry(key).or_default();
                e.shared[side] += 1;
                e.words[side] += prints[x][i].words;
                if side == 0 && m.exact {
                    e.exact_a += 1;
                }
            }
        }
    }
    let total = |a: usize| prints[a].iter().map(|p| p.words).sum::<usize>().max(1) as f64;
    let mut keys: Vec<(usize, usize)> = acc.keys().copied().collect();
    keys.sort_unstable();
    keys.into_iter()
        .filter_map(|(a, b)| {
            let e = &acc[&(a, b)];
            let (share_a, share_b) = (e.words[0] as f64 / total(a), e.words[1] as f64 / total(b));
            if share_a.max(share_b) < min_share {
                return None;
            }
            let in_other = |x: usize, y: usize, i: usize| matches[x][i].iter().any(|m| m.article == y);
            Some(PairOverlap {
                a,
                b,
                shared_sentences_a: e.shared[0],
                shared_sentences_b: e.shared[1],
                exact_sentences_a: e.exact_a,
                share_a,
                share_b,
                only_a: unmatched_paragraphs(&paragraphs[a], |i| in_other(a, b, i)),
                only_b: unmatched_paragraphs(&paragraphs[b], |i| in_other(b, a, i)),
            })
        })
        .collect()
}

/// An article's own text: the share of its words in sentences matched in no other article
/// of the corpus, and the framing score over those sentences only, measured like
/// `framing_score`: the mean of the sentences' evidence `e` (`score::sentence_evidence`;
/// `None` for a sentence that does not count) minus the model's no-evidence point `centre`,
/// clamped to [-1, +1] (`None` when no own sentence counts).
pub fn own_text(
    prints: &[SentencePrint],
    matches: &[Vec<Match>],
    e: &[Option<f64>],
    centre: f64,
) -> (f64, Option<f64>) {
    let own: Vec<f64> = (0..prints.len())
        .filter(|&i| matches[i].is_empty())
        .filter_map(|i| e[i])
        .collect();
    let share = if prints.iter().all(|p| p.words == 0) {
        1.0
    } else {
        words_share(prints, |i| matches[i].is_empty())
    };
    let score = (!own.is_empty()).then(|| {
        let mean = own.iter().sum::<f64>() / own.len() as f64;
        (mean - centre).clamp(-1.0, 1.0)
    });
    (share, score)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prints(sents: &[&str]) -> Vec<SentencePrint> {
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

    #[test]
    fn pair_shares_are_word_weighted_and_name_unmatched_paragraphs() {
        let a = prints(&["one two three four", "five six seven eight nine ten", "alpha beta"]);
        let b = prints(&["one two three four", "zeta eta theta"]);
        let pa = vec![None, Some(0), Some(1)];
        let pb = vec![None, Some(0)];
        let m = find_matches(&[a.clone(), b.clone()], &OverlapParams::default());
        let p = pairs(&[a.clone(), b.clone()], &[pa.clone(), pb.clone()], &m, 0.0);
        assert_eq!(p.len(), 1);
        // A: 4 of 4+6+2 = 12 words shared; B: 4 of 7.
        assert!((p[0].share_a - 4.0 / 12.0).abs() < 1e-12);
        assert!((p[0].share_b - 4.0 / 7.0).abs() < 1e-12);
        assert_eq!(p[0].only_a, vec![Some(0), Some(1)]);
        assert_eq!(p[0].only_b, vec![Some(0)]);
        // Neither shares 60% of its words: dropped at min_share 0.6, kept at 0.5.
        assert!(pairs(&[a.clone(), b.clone()], &[pa.clone(), pb.clone()], &m, 0.6).is_empty());
        assert_eq!(pairs(&[a.clone(), b.clone()], &[pa, pb], &m, 0.5).len(), 1);
        // Own text of A: sentences 1 and 2 (8 of 12 words), scored (0.8 + (−0.6))/2.
        let e = [Some(0.0), Some(0.8), Some(-0.6)];
        let (share, score) = own_text(&a, &m[0], &e, 0.0);
        assert!((share - 8.0 / 12.0).abs() < 1e-12);
        assert!((score.unwrap() - 0.1).abs() < 1e-12);
        // Measured from a no-evidence point of −0.2: 0.1 − (−0.2) = 0.3; clamped at ±1.
        assert!((own_text(&a, &m[0], &e, -0.2).1.unwrap() - 0.3).abs() < 1e-12);
        assert_eq!(own_text(&a, &m[0], &[None, Some(1.0), Some(1.0)], -0.5).1, Some(1.0));
        // A sentence that does not count is left out: only sentence 2's 0.8.
        assert!((own_text(&a, &m[0], &[None, Some(0.8), None], 0.0).1.unwrap() - 0.8).abs() < 1e-12);
        assert_eq!(own_text(&a, &m[0], &[Some(0.3), None, None], 0.0).1, None);
    }
}
