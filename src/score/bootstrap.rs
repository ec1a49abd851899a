//! The 95% percentile bootstrap interval of an article's score (`score_low`, `score_high`),
//! drawn by the crate's one bootstrap ([`crate::resample`]).

use super::ScoreParams;

/// 95% percentile bootstrap of the mean of the sentences' evidence `e` (2p − 1, or the
/// voice-weighted [`sentence_evidence`](super::sentence_evidence)), resampling sentences with
/// replacement. The stream is seeded from (seed, article id), so results do not depend on run
/// order. `(None, None)` when the bootstrap is off or there is no sentence.
pub fn bootstrap(e: &[f64], params: &ScoreParams, id: &str) -> (Option<f64>, Option<f64>) {
    match crate::resample::mean_interval(e, params.bootstrap, params.seed, id) {
        Some((lo, hi)) => (Some(lo), Some(hi)),
        None => (None, None),
    }
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
        let (lo, hi) = bootstrap(&e, &params, "a");
        assert_eq!((lo, hi), bootstrap(&e, &params, "a"));
        let (lo, hi) = (lo.unwrap(), hi.unwrap());
        let m = mean(&e);
        assert!(lo < m && m < hi && lo >= -1.0 && hi <= 1.0, "{lo} {m} {hi}");
        // Off, or nothing to resample: no interval.
        let off = ScoreParams {
            bootstrap: 0,
            ..Default::default()
        };
        assert_eq!(bootstrap(&e, &off, "a"), (None, None));
        assert_eq!(bootstrap(&[], &params, "a"), (None, None));
    }
}
