//! The options of the scoring stage ([`ScoreParams`]), checked once.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// Options of the scoring stage, checked once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreParams {
    pub kremlin_threshold: f64,
    pub western_threshold: f64,
    /// Bootstrap resamples for the interval (0 = no interval).
    pub bootstrap: usize,
    pub seed: u64,
    /// Terms listed per side.
    pub top_terms: usize,
}

impl Default for ScoreParams {
    fn default() -> Self {
        ScoreParams {
            kremlin_threshold: 0.6,
            western_threshold: 0.4,
            bootstrap: 1000,
            seed: 42,
            top_terms: 5,
        }
    }
}

impl ScoreParams {
    pub fn check(&self) -> Result<()> {
        let (k, w) = (self.kremlin_threshold, self.western_threshold);
        if !(0.0..=1.0).contains(&k) || !(0.0..=1.0).contains(&w) || w > k {
            return Err(Error::InvalidParam {
                name: "thresholds",
                message: format!("need 0 ≤ western ({w}) ≤ kremlin ({k}) ≤ 1"),
            });
        }
        crate::resample::check_resamples("bootstrap", self.bootstrap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_checked() {
        assert!(ScoreParams {
            kremlin_threshold: 0.3,
            ..Default::default()
        }
        .check()
        .is_err());
    }

    #[test]
    fn a_handful_of_resamples_is_refused() {
        let with = |bootstrap| ScoreParams {
            bootstrap,
            ..Default::default()
        };
        let e = with(1).check().unwrap_err().to_string();
        assert!(e.contains("1 resample(s) are too few for a 95% interval"), "{e}");
        assert!(e.contains("give 0 (no interval) or at least 100"), "{e}");
        assert!(with(99).check().is_err());
        assert!(with(0).check().is_ok() && with(100).check().is_ok() && with(1000).check().is_ok());
    }
}
