//! What two articles share, from their sentences' matches ([`super::find_matches`]): the
//! pairs above a share of words, with what each added or cut, and an article's own text.

use super::{Match, SentencePrint};
use rustc_hash::FxHashMap;

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
    use super::super::tests::prints;
    use super::super::{find_matches, OverlapParams};
    use super::*;

    #[test]
    fn pair_shares_are_word_weighted_and_name_unmatched_paragraphs() {
        let a = prints(&["one two three four", "five six seven eight nine ten", "alpha beta"]);
        let b = prints(&["one two three four", "zeta eta theta"]);
        let pa = vec![None, Some(0), Some(1)];
        let pb = vec![None, Some(0)];
        let m = find_matches(&[a.clone(), b.clone()], &OverlapParams::default()).unwrap();
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
