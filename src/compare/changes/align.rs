//! Matching an article's sentences of two runs: by text, in order (a longest common
//! subsequence), so a sentence inserted or deleted leaves the sentences around it matched.

use crate::score::SentenceScore;

/// A sentence of the old run, of the new run, or of both.
pub type Pair<'s> = (Option<&'s SentenceScore>, Option<&'s SentenceScore>);

/// Beyond this many cells (old × new sentences left after the common start and end), the
/// sentences between are not aligned: each counts as removed and added.
const MAX_ALIGN_CELLS: usize = 4_000_000;

/// Match an article's sentences of two runs (each in index order) by text, in order: the
/// longest common subsequence of their texts, so a sentence inserted or deleted leaves the
/// sentences after it matched. Returns every sentence once, in order: (old, new) for a
/// match, (old, None) removed, (None, new) added.
pub fn align<'s>(old: &[&'s SentenceScore], new: &[&'s SentenceScore]) -> Vec<Pair<'s>> {
    let same = |a: &SentenceScore, b: &SentenceScore| a.text == b.text;
    let head = old.iter().zip(new).take_while(|(a, b)| same(a, b)).count();
    let (o, n) = (&old[head..], &new[head..]);
    let tail = o
        .iter()
        .rev()
        .zip(n.iter().rev())
        .take_while(|(a, b)| same(a, b))
        .count();
    let (o, n) = (&o[..o.len() - tail], &n[..n.len() - tail]);
    let mut out: Vec<Pair<'s>> = old[..head].iter().zip(new).map(|(a, b)| (Some(*a), Some(*b))).collect();
    if o.len() * n.len() > MAX_ALIGN_CELLS {
        out.extend(o.iter().map(|a| (Some(*a), None)));
        out.extend(n.iter().map(|b| (None, Some(*b))));
    } else {
        out.extend(lcs(o, n, same));
    }
    let (ot, nt) = (&old[old.len() - tail..], &new[new.len() - tail..]);
    out.extend(ot.iter().zip(nt).map(|(a, b)| (Some(*a), Some(*b))));
    out
}

/// The longest-common-subsequence alignment of `o` and `n` (dynamic programming over the
/// suffixes), ties taking the removal first.
fn lcs<'s>(
    o: &[&'s SentenceScore],
    n: &[&'s SentenceScore],
    same: impl Fn(&SentenceScore, &SentenceScore) -> bool,
) -> Vec<Pair<'s>> {
    let w = n.len() + 1;
    // len[i * w + j]: the LCS length of o[i..] and n[j..].
    let mut len = vec![0u32; (o.len() + 1) * w];
    for i in (0..o.len()).rev() {
        for j in (0..n.len()).rev() {
            len[i * w + j] = if same(o[i], n[j]) {
                len[(i + 1) * w + j + 1] + 1
            } else {
                len[(i + 1) * w + j].max(len[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::with_capacity(o.len() + n.len()));
    while i < o.len() || j < n.len() {
        if i < o.len() && j < n.len() && same(o[i], n[j]) {
            out.push((Some(o[i]), Some(n[j])));
            (i, j) = (i + 1, j + 1);
        } else if j == n.len() || (i < o.len() && len[(i + 1) * w + j] >= len[i * w + j + 1]) {
            out.push((Some(o[i]), None));
            i += 1;
        } else {
            out.push((None, Some(n[j])));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(index: usize, text: &str) -> SentenceScore {
        SentenceScore {
            article_id: "a".into(),
            index,
            text: text.into(),
            ..SentenceScore::default()
        }
    }

    fn refs(v: &[SentenceScore]) -> Vec<&SentenceScore> {
        v.iter().collect()
    }

    /// Old A B C D, new A X B D: X inserted, C deleted, and B and D matched across both.
    #[test]
    fn sentences_align_by_text_in_order_across_an_insertion_and_a_deletion() {
        let old = [
            sentence(0, "A."),
            sentence(1, "B."),
            sentence(2, "C."),
            sentence(3, "D."),
        ];
        let new = [
            sentence(0, "A."),
            sentence(1, "X."),
            sentence(2, "B."),
            sentence(3, "D."),
        ];
        let got: Vec<(Option<usize>, Option<usize>)> = align(&refs(&old), &refs(&new))
            .into_iter()
            .map(|(o, n)| (o.map(|s| s.index), n.map(|s| s.index)))
            .collect();
        assert_eq!(
            got,
            [
                (Some(0), Some(0)),
                (None, Some(1)),
                (Some(1), Some(2)),
                (Some(2), None),
                (Some(3), Some(3)),
            ]
        );
    }
}
