//! The 95% percentile bootstrap interval of an article's score (`score_low`, `score_high`),
//! drawn by the crate's one bootstrap ([`crate::resample`]).

use super::ScoreParams;
use crate::resample::MeanInterval;

/// 95% percentile bootstrap of the mean of the sentences' evidence `e` (2p − 1, or the
/// voice-weighted [`sentence_evidence`](super::sentence_evidence)), resampling sentences with
/// replacement; [`MeanInterval::TooFew`] for fewer than [`crate::resample::MIN_VALUES`]
/// counted sentences (the article's interval is then the whole scale and it is undecided).
/// The stream is seeded from (seed, article id), so results do not depend on run order.
/// `None` when the bootstrap is off or there is no sentence.
pub fn bootstrap(e: &[f64], params: &ScoreParams, id: &str) -> Option<MeanInterval> {
    crate::resample::mean_interval(e, params.bootstrap, params.seed, id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::evidence::mean;

    #[test]
    fn bootstrap_is_deterministic_and_brackets_the_mean() {
        let p = [0.9, 0.2, 0.5, 0.7, 0.1, 0.95];
        let params = ScoreParams::default();
        let e: Vec<f64> = p.iter().map(|p| 2.0 * p - 1.0).collect();
        let iv = bootstrap(&e, &params, "a");
        assert_eq!(iv, bootstrap(&e, &params, "a"));
        let Some(MeanInterval::Resampled(lo, hi)) = iv else {
            panic!("{iv:?}")
        };
        let m = mean(&e);
        assert!(lo < m && m < hi && lo >= -1.0 && hi <= 1.0, "{lo} {m} {hi}");
        // Off, or nothing to resample: no interval.
        let off = ScoreParams {
            bootstrap: 0,
            ..Default::default()
        };
        assert_eq!(bootstrap(&e, &off, "a"), None);
        assert_eq!(bootstrap(&[], &params, "a"), None);
        // Three sentences: no resampling claim.
        assert_eq!(bootstrap(&e[..3], &params, "a"), Some(MeanInterval::TooFew));
    }
}
