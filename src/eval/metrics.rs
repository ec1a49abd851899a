//! Article-level metrics of a signed score against known sides (Kremlin positive).
//!
//! Definitions (also in `docs/eval.md`):
//! - ROC AUC: the probability that a random Kremlin article scores above a random Western
//!   one, ties counting 1/2 (the Mann–Whitney statistic divided by n_K·n_W).
//! - Prediction at threshold 0: score > 0 → Kremlin, score < 0 → Western, score = 0 →
//!   undecided. An undecided article counts as wrong for accuracy and recall, and is no one's
//!   prediction for precision.
//! - Precision, recall and F1 per side, both sides always; a ratio with a zero denominator
//!   is reported as 0 (scikit-learn's `zero_division=0`).
//! - Bootstrap interval for AUC: articles resampled with replacement (seeded); resamples
//!   holding a single side are redrawn; 2.5% and 97.5% percentiles.

use crate::corpus::Side;
use serde::{Deserialize, Serialize};

/// ROC AUC of `scores` for telling Kremlin (positive) from Western articles; `None` when a
/// side is missing.
pub fn roc_auc(scores: &[f64], labels: &[Side]) -> Option<f64> {
    let (mut wins, mut nk, mut nw) = (0.0, 0usize, 0usize);
    for (i, &li) in labels.iter().enumerate() {
        if li != Side::Kremlin {
            nw += 1;
            continue;
        }
        nk += 1;
        for (j, &lj) in labels.iter().enumerate() {
            if lj == Side::Western {
                // `+ 0.0` turns −0 into +0: `total_cmp` orders −0 below +0, and an article
                // without evidence scores either (the lexicon counts give −0 for "no hit"), so
                // two articles with no evidence were ranked instead of tied.
                wins += match (scores[i] + 0.0).total_cmp(&(scores[j] + 0.0)) {
                    std::cmp::Ordering::Greater => 1.0,
                    std::cmp::Ordering::Equal => 0.5,
                    std::cmp::Ordering::Less => 0.0,
                };
            }
        }
    }
    if nk == 0 || nw == 0 {
        return None;
    }
    Some(wins / (nk as f64 * nw as f64))
}

/// The side a score predicts at threshold 0 (`None` for exactly 0).
pub fn predict(score: f64) -> Option<Side> {
    if score > 0.0 {
        Some(Side::Kremlin)
    } else if score < 0.0 {
        Some(Side::Western)
    } else {
        None
    }
}

/// Counts of (actual side, predicted side); rows Kremlin, Western; columns Kremlin, Western,
/// undecided.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confusion {
    pub kremlin_as_kremlin: usize,
    pub kremlin_as_western: usize,
    pub kremlin_undecided: usize,
    pub western_as_kremlin: usize,
    pub western_as_western: usize,
    pub western_undecided: usize,
}

impl Confusion {
    pub fn new(scores: &[f64], labels: &[Side]) -> Confusion {
        let mut c = Confusion::default();
        for (&s, &l) in scores.iter().zip(labels) {
            let cell = match (l, predict(s)) {
                (Side::Kremlin, Some(Side::Kremlin)) => &mut c.kremlin_as_kremlin,
                (Side::Kremlin, Some(Side::Western)) => &mut c.kremlin_as_western,
                (Side::Kremlin, None) => &mut c.kremlin_undecided,
                (Side::Western, Some(Side::Kremlin)) => &mut c.western_as_kremlin,
                (Side::Western, Some(Side::Western)) => &mut c.western_as_western,
                (Side::Western, None) => &mut c.western_undecided,
            };
            *cell += 1;
        }
        c
    }

    pub fn total(&self) -> usize {
        self.kremlin_as_kremlin
            + self.kremlin_as_western
            + self.kremlin_undecided
            + self.western_as_kremlin
            + self.western_as_western
            + self.western_undecided
    }

    /// Share of articles whose predicted side is their side (undecided = wrong).
    pub fn accuracy(&self) -> f64 {
        ratio(self.kremlin_as_kremlin + self.western_as_western, self.total())
    }

    /// Precision, recall and F1 of one side.
    pub fn side(&self, side: Side) -> SideMetrics {
        let (tp, actual, predicted) = match side {
            Side::Kremlin => (
                self.kremlin_as_kremlin,
                self.kremlin_as_kremlin + self.kremlin_as_western + self.kremlin_undecided,
                self.kremlin_as_kremlin + self.western_as_kremlin,
            ),
            Side::Western => (
                self.western_as_western,
                self.western_as_western + self.western_as_kremlin + self.western_undecided,
                self.western_as_western + self.kremlin_as_western,
            ),
        };
        let precision = ratio(tp, predicted);
        let recall = ratio(tp, actual);
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        SideMetrics {
            precision,
            recall,
            f1,
            support: actual,
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Precision, recall, F1 and number of articles of one side.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SideMetrics {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

/// Percentile bootstrap interval of the AUC over articles: `resamples` draws of n articles
/// with replacement (a draw with only one side is redrawn, at most 100 times in a row).
/// `None` when a side is missing or `resamples` is 0.
pub fn auc_interval(scores: &[f64], labels: &[Side], resamples: usize, seed: u64) -> Option<(f64, f64)> {
    roc_auc(scores, labels)?;
    if resamples == 0 {
        return None;
    }
    let n = scores.len();
    let mut draw = crate::resample::Draws::new(seed, "auc", n);
    let mut aucs = Vec::with_capacity(resamples);
    let (mut s, mut l) = (vec![0.0; n], vec![Side::Kremlin; n]);
    while aucs.len() < resamples {
        let mut tries = 0;
        let auc = loop {
            for k in 0..n {
                let i = draw.next();
                s[k] = scores[i];
                l[k] = labels[i];
            }
            if let Some(a) = roc_auc(&s, &l) {
                break Some(a);
            }
            tries += 1;
            if tries == 100 {
                break None;
            }
        };
        aucs.push(auc?);
    }
    Some(crate::resample::percentile_interval(&mut aucs))
}

/// Everything measured for one scoring of a labelled set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub articles: usize,
    pub kremlin_articles: usize,
    pub western_articles: usize,
    pub auc: Option<f64>,
    pub auc_low: Option<f64>,
    pub auc_high: Option<f64>,
    pub accuracy: f64,
    pub kremlin: SideMetrics,
    pub western: SideMetrics,
    pub confusion: Confusion,
}

impl Metrics {
    pub fn new(scores: &[f64], labels: &[Side], resamples: usize, seed: u64) -> Metrics {
        let confusion = Confusion::new(scores, labels);
        let iv = auc_interval(scores, labels, resamples, seed);
        let k = labels.iter().filter(|&&l| l == Side::Kremlin).count();
        Metrics {
            articles: labels.len(),
            kremlin_articles: k,
            western_articles: labels.len() - k,
            auc: roc_auc(scores, labels),
            auc_low: iv.map(|i| i.0),
            auc_high: iv.map(|i| i.1),
            accuracy: confusion.accuracy(),
            kremlin: confusion.side(Side::Kremlin),
            western: confusion.side(Side::Western),
            confusion,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Side::{Kremlin as K, Western as W};

    #[test]
    fn auc_counts_pairs_with_ties_as_half() {
        // K scores 0.9, 0.4, 0.4; W scores 0.4, 0.1. Pairs (K, W):
        // 0.9>0.4 1, 0.9>0.1 1, 0.4=0.4 ½, 0.4>0.1 1, 0.4=0.4 ½, 0.4>0.1 1 → 5/6.
        let s = [0.9, 0.4, 0.4, 0.4, 0.1];
        let l = [K, K, K, W, W];
        assert!((roc_auc(&s, &l).unwrap() - 5.0 / 6.0).abs() < 1e-15);
        // Perfect, reversed, all tied.
        assert_eq!(roc_auc(&[1.0, -1.0], &[K, W]), Some(1.0));
        assert_eq!(roc_auc(&[-1.0, 1.0], &[K, W]), Some(0.0));
        assert_eq!(roc_auc(&[0.0, 0.0, 0.0], &[K, W, W]), Some(0.5));
        assert_eq!(roc_auc(&[0.3, 0.2], &[K, K]), None);
        // Zero is zero whatever its sign: a tie, not a win.
        assert_eq!(roc_auc(&[0.0, -0.0], &[K, W]), Some(0.5));
        assert_eq!(roc_auc(&[-0.0, 0.0], &[K, W]), Some(0.5));
    }

    #[test]
    fn auc_matches_a_second_hand_example_in_any_order() {
        // K: 3, 1; W: 2, 0, 1. Pairs: 3 beats all three (3); 1 vs 2 loses, vs 0 wins, vs 1
        // ties (1.5) → 4.5 / 6 = 0.75. Shuffling rows must not change it.
        let s = [2.0, 3.0, 0.0, 1.0, 1.0];
        let l = [W, K, W, K, W];
        assert_eq!(roc_auc(&s, &l), Some(0.75));
    }

    #[test]
    fn confusion_accuracy_and_per_side_scores_by_hand() {
        // K: +0.5 (right), -0.2 (wrong), 0 (undecided); W: -0.4, -0.1 (right), +0.3 (wrong).
        let s = [0.5, -0.2, 0.0, -0.4, -0.1, 0.3];
        let l = [K, K, K, W, W, W];
        let c = Confusion::new(&s, &l);
        assert_eq!(
            c,
            Confusion {
                kremlin_as_kremlin: 1,
                kremlin_as_western: 1,
                kremlin_undecided: 1,
                western_as_kremlin: 1,
                western_as_western: 2,
                western_undecided: 0,
            }
        );
        assert_eq!(c.accuracy(), 0.5);
        // Kremlin: precision 1/2, recall 1/3, F1 = 2·(1/6)/(5/6) = 0.4.
        let k = c.side(K);
        assert_eq!((k.precision, k.support), (0.5, 3));
        assert!((k.recall - 1.0 / 3.0).abs() < 1e-15);
        assert!((k.f1 - 0.4).abs() < 1e-15);
        // Western: precision 2/3, recall 2/3, F1 2/3.
        let w = c.side(W);
        assert!((w.precision - 2.0 / 3.0).abs() < 1e-15 && (w.f1 - 2.0 / 3.0).abs() < 1e-15);
    }

    #[test]
    fn a_side_never_predicted_reports_zeros_not_nan() {
        let c = Confusion::new(&[-1.0, -1.0], &[K, W]);
        let k = c.side(K);
        assert_eq!((k.precision, k.recall, k.f1, k.support), (0.0, 0.0, 0.0, 1));
        let w = c.side(W);
        assert_eq!((w.precision, w.recall), (0.5, 1.0));
        assert!((w.f1 - 2.0 / 3.0).abs() < 1e-15);
    }

    #[test]
    fn bootstrap_interval_is_seeded_and_degenerates_when_separable() {
        // Perfectly separated: every resample with both sides has AUC 1.
        let s = [0.9, 0.8, 0.7, -0.1, -0.5, -0.9];
        let l = [K, K, K, W, W, W];
        assert_eq!(auc_interval(&s, &l, 200, 1), Some((1.0, 1.0)));
        // Overlapping: the interval contains the point estimate, is reproducible, and is
        // not degenerate.
        let s = [0.9, -0.2, 0.3, 0.1, -0.5, 0.4, -0.3, 0.2];
        let l = [K, K, K, K, W, W, W, W];
        let auc = roc_auc(&s, &l).unwrap();
        let (lo, hi) = auc_interval(&s, &l, 500, 7).unwrap();
        assert!(lo < auc && auc < hi, "{lo} {auc} {hi}");
        assert_eq!(auc_interval(&s, &l, 500, 7), Some((lo, hi)));
        assert_eq!(auc_interval(&s, &l, 0, 7), None);
    }
}
