//! A sentence's signed evidence and the article means built from it, measured from the
//! model's no-evidence point.

use super::SentenceScore;

pub(super) fn mean(e: &[f64]) -> f64 {
    if e.is_empty() {
        return 0.0;
    }
    e.iter().sum::<f64>() / e.len() as f64
}

/// One sentence's signed evidence in [-1, 1], what `framing_score` averages (before c, the
/// article's no-evidence point, is subtracted).
///
/// - `q = None` (a model before format 3, or `--mean-score`): 2·p_kremlin − 1.
/// - `q = Some(q)`, the voice-weighted score: with o own-voice and u quoted words, a = 2·p_own
///   − 1 and b = 2·p_quoted − 1, e = c + [o·(a − c) + q·u·(b − c)] / (o + u). Each word counts
///   once in the denominator, and a quoted word's evidence (its distance from no evidence,
///   c) is scaled by q: a sentence that is all quotation counts q of what the same sentence
///   in the outlet's own voice would (review K, session 51: with q in the denominator too,
///   e = [o·a + q·u·b] / (o + q·u), q cancelled in a sentence of quotation only, and an
///   article of quoted Kremlin statements scored as Kremlin as the Kremlin's own outlets).
///   `None` when the sentence has no word at all: it does not count.
pub fn sentence_evidence(s: &SentenceScore, q: Option<f64>, c: f64) -> Option<f64> {
    let Some(q) = q else {
        return Some(2.0 * s.p_kremlin - 1.0);
    };
    let (o, u) = (s.own_words as f64, s.quoted_words as f64);
    let own = s.p_own.filter(|_| o > 0.0).map(|p| (o, o * (2.0 * p - 1.0 - c)));
    let quoted = s.p_quoted.filter(|_| u > 0.0).map(|p| (u, q * u * (2.0 * p - 1.0 - c)));
    let (den, num) = [own, quoted]
        .into_iter()
        .flatten()
        .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
    (den > 0.0).then(|| c + num / den)
}

/// The evidence of every sentence that counts (see [`sentence_evidence`]; `c` the article's
/// no-evidence point). An article none of whose sentences has a word falls back to the
/// plain 2·p_kremlin − 1 of all of them, so every article with a sentence gets a score.
pub fn evidence<'a>(
    sentences: impl IntoIterator<Item = &'a SentenceScore> + Clone,
    q: Option<f64>,
    c: f64,
) -> Vec<f64> {
    let e: Vec<f64> = sentences
        .clone()
        .into_iter()
        .filter_map(|s| sentence_evidence(s, q, c))
        .collect();
    if e.is_empty() && q.is_some() {
        return sentences.into_iter().map(|s| 2.0 * s.p_kremlin - 1.0).collect();
    }
    e
}

pub(super) fn centre(x: f64, c: f64) -> f64 {
    (x - c).clamp(-1.0, 1.0)
}

/// A sentence's p_kremlin measured from the model's no-evidence point, on the same
/// 0–1 scale: p − c/2, where c = 2·sigmoid(intercept) − 1 is the article's `score_offset`.
/// A sentence with no known term (p = sigmoid(intercept)) is at exactly ½, so the sentence
/// thresholds (0.6 and 0.4 by default) mean "this far from no evidence" whatever the
/// intercept, as `framing_score` does. Without it, a model whose intercept leans Western
/// (c = −0.33 in a seeds fold: p = 0.33 with no evidence) counted every sentence without a
/// known term as Western-framed. Clamped to [0, 1].
pub fn centred_p(p: f64, c: f64) -> f64 {
    (p - c / 2.0).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_without_evidence_is_centred_at_one_half() {
        // Intercept b = −0.693147 (ln ½): sigmoid(b) = 1/3, c = 2/3 − 1 = −1/3.
        let b = (0.5f64).ln();
        let p0 = 1.0 / (1.0 + (-b).exp());
        let c = 2.0 * p0 - 1.0;
        assert!((p0 - 1.0 / 3.0).abs() < 1e-12 && (c + 1.0 / 3.0).abs() < 1e-12);
        assert!((centred_p(p0, c) - 0.5).abs() < 1e-12);
        // p = 0.45 is 0.1167 above no evidence: centred 0.6167, past the Kremlin threshold.
        assert!((centred_p(0.45, c) - (0.45 + 1.0 / 6.0)).abs() < 1e-12);
        // c = 0 changes nothing; the scale stays within [0, 1].
        assert_eq!(centred_p(0.42, 0.0), 0.42);
        assert_eq!(centred_p(0.95, c), 1.0);
        assert_eq!(centred_p(0.02, 0.5), 0.0);
    }

    fn voiced(own: usize, p_own: Option<f64>, quoted: usize, p_quoted: Option<f64>, p: f64) -> SentenceScore {
        SentenceScore {
            own_words: own,
            p_own,
            quoted_words: quoted,
            p_quoted,
            p_kremlin: p,
            ..Default::default()
        }
    }

    #[test]
    fn voice_weighted_evidence_by_hand() {
        // Sentence 1: 6 own words at p_own 0.75 (a = 0.5), 4 quoted at p_quoted 0.25
        // (b = −0.5), q = 0.5, c = 0.1: e = 0.1 + [6·(0.5 − 0.1) + 0.5·4·(−0.5 − 0.1)] / 10
        // = 0.1 + (2.4 − 1.2) / 10 = 0.22. Sentence 2: all own, 3 words at p 0.9:
        // e = 0.1 + 3·0.7 / 3 = 0.8. Sentence 3: no words: skipped.
        // Mean (0.22 + 0.8) / 2 = 0.51, minus c = 0.1: 0.41.
        let rows = [
            voiced(6, Some(0.75), 4, Some(0.25), 0.6),
            voiced(3, Some(0.9), 0, None, 0.9),
            voiced(0, None, 0, None, 0.5),
        ];
        let score = |rows: &[SentenceScore], q, c| centre(mean(&evidence(rows, q, c)), c);
        assert!((score(&rows, Some(0.5), 0.1) - 0.41).abs() < 1e-12);
        // q = 1, c = 0: e1 = (3 − 2) / 10 = 0.1; (0.1 + 0.8) / 2 = 0.45.
        assert!((score(&rows, Some(1.0), 0.0) - 0.45).abs() < 1e-12);
        // No q: the plain mean of 2·p_kremlin − 1: (0.2 + 0.8 + 0) / 3.
        assert!((score(&rows, None, 0.0) - 1.0 / 3.0).abs() < 1e-12);
        // Only quoted words at q = 0: the sentence counts as no evidence (e = c), score 0.
        assert!(score(&[voiced(0, None, 5, Some(0.9), 0.7)], Some(0.0), 0.2).abs() < 1e-12);
        assert_eq!(
            sentence_evidence(&voiced(0, None, 5, Some(0.9), 0.7), Some(0.0), 0.2),
            Some(0.2)
        );
        // Clamped: e = −0.5 + 2·1.5 / 2 = 1, minus c = −0.5: 1.5 → 1.
        assert_eq!(score(&[voiced(2, Some(1.0), 0, None, 1.0)], Some(0.5), -0.5), 1.0);
    }

    #[test]
    fn a_sentence_of_quotation_only_counts_q_of_the_same_in_own_voice() {
        // 4 words at p 0.8 (2p − 1 = 0.6), c = 0.1: in the outlet's voice e − c = 0.5; all
        // quoted at q = 0.5, e − c = 0.25, half as far from no evidence.
        let (c, q) = (0.1, Some(0.5));
        let own = sentence_evidence(&voiced(4, Some(0.8), 0, None, 0.8), q, c).unwrap();
        let quoted = sentence_evidence(&voiced(0, None, 4, Some(0.8), 0.8), q, c).unwrap();
        assert!((own - c - 0.5).abs() < 1e-12 && (quoted - c - 0.25).abs() < 1e-12);
        // A quotation with no evidence stays at no evidence.
        let neutral = sentence_evidence(&voiced(0, None, 4, Some(0.55), 0.55), q, c).unwrap();
        assert!((neutral - c).abs() < 1e-12);
    }
}
