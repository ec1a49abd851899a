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
//! Jaccard is computed exactly (shared shingles counted through an inverted index), not
//! estimated by MinHash. Shingles that occur in more than [`OverlapParams::max_postings`]
//! sentences are not indexed (they are stock phrases, not copy); exact matches are unaffected.
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
    pub max_postings: usize,
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
            max_postings: 1000,
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
pub fn find_matches(articles: &[Vec<SentencePrint>], params: &OverlapParams) -> Vec<Vec<Vec<Match>>> {
    // Global sentence ids.
    let mut ids: Vec<(usize, usize)> = Vec::new();
    for (a, s) in articles.iter().enumerate() {
        ids.extend((0..s.len()).map(|i| (a, i)));
    }
    let print = |g: usize| &articles[ids[g].0][ids[g].1];
    let mut exact: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    let mut postings: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for g in 0..ids.len() {
        let p = print(g);
        if p.words == 0 {
            continue;
        }
        exact.entry(p.exact).or_default().push(g);
        for &s in &p.shingles {
            postings.entry(s).or_default().push(g);
        }
    }
    let mut out: Vec<Vec<Vec<Match>>> = articles.iter().map(|s| vec![Vec::new(); s.len()]).collect();
    let mut common: FxHashMap<usize, usize> = FxHashMap::default();
    for g in 0..ids.len() {
        let (a, i) = ids[g];
        let p = print(g);
        if p.words == 0 {
            continue;
        }
        common.clear();
        for s in &p.shingles {
            let list = &postings[s];
            if list.len() > params.max_postings {
                continue;
            }
            for &h in list {
                if ids[h].0 != a {
                    *common.entry(h).or_insert(0) += 1;
                }
            }
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
        for (&h, &c) in &common {
            let q = print(h);
            if q.exact == p.exact {
                continue;
            }
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

/// Every pair of articles sharing at least one sentence, in (a, b) order.
pub fn pairs(
    prints: &[Vec<SentencePrint>],
    paragraphs: &[Paragraphs],
    matches: &[Vec<Vec<Match>>],
) -> Vec<PairOverlap> {
    let mut keys: Vec<(usize, usize)> = Vec::new();
    for (a, sents) in matches.iter().enumerate() {
        for ms in sents {
            keys.extend(ms.iter().filter(|m| m.article > a).map(|m| (a, m.article)));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter()
        .map(|(a, b)| {
            let in_other = |x: usize, y: usize, i: usize| matches[x][i].iter().any(|m| m.article == y);
            let exact = |x: usize, y: usize, i: usize| matches[x][i].iter().any(|m| m.article == y && m.exact);
            PairOverlap {
                a,
                b,
                shared_sentences_a: (0..prints[a].len()).filter(|&i| in_other(a, b, i)).count(),
                shared_sentences_b: (0..prints[b].len()).filter(|&i| in_other(b, a, i)).count(),
                exact_sentences_a: (0..prints[a].len()).filter(|&i| exact(a, b, i)).count(),
                share_a: words_share(&prints[a], |i| in_other(a, b, i)),
                share_b: words_share(&prints[b], |i| in_other(b, a, i)),
                only_a: unmatched_paragraphs(&paragraphs[a], |i| in_other(a, b, i)),
                only_b: unmatched_paragraphs(&paragraphs[b], |i| in_other(b, a, i)),
            }
        })
        .collect()
}

/// An article's own text: the share of its words in sentences matched in no other article
/// of the corpus, and the framing score over those sentences only (`None` when every
/// sentence is shared).
pub fn own_text(prints: &[SentencePrint], matches: &[Vec<Match>], p_kremlin: &[f64]) -> (f64, Option<f64>) {
    let own: Vec<usize> = (0..prints.len()).filter(|&i| matches[i].is_empty()).collect();
    let share = if prints.iter().all(|p| p.words == 0) {
        1.0
    } else {
        words_share(prints, |i| matches[i].is_empty())
    };
    let score =
        (!own.is_empty()).then(|| own.iter().map(|&i| 2.0 * p_kremlin[i] - 1.0).sum::<f64>() / own.len() as f64);
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
        let p = pairs(&[a.clone(), b.clone()], &[pa, pb], &m);
        assert_eq!(p.len(), 1);
        // A: 4 of 4+6+2 = 12 words shared; B: 4 of 7.
        assert!((p[0].share_a - 4.0 / 12.0).abs() < 1e-12);
        assert!((p[0].share_b - 4.0 / 7.0).abs() < 1e-12);
        assert_eq!(p[0].only_a, vec![Some(0), Some(1)]);
        assert_eq!(p[0].only_b, vec![Some(0)]);
        // Own text of A: sentences 1 and 2 (8 of 12 words), scored (2·0.9−1 + 2·0.2−1)/2.
        let (share, score) = own_text(&a, &m[0], &[0.5, 0.9, 0.2]);
        assert!((share - 8.0 / 12.0).abs() < 1e-12);
        assert!((score.unwrap() - 0.1).abs() < 1e-12);
    }
}
