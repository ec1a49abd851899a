//! Outlets side by side: per-outlet mean framing score with a bootstrap interval over its
//! articles, article count and mean sourcing balance; and a per-day timeline.

use crate::score::ArticleScore;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// One row of `outlets.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct OutletRow {
    pub outlet: String,
    pub articles: usize,
    pub mean_framing_score: f64,
    /// 95% percentile bootstrap interval of the mean over the outlet's articles.
    pub score_low: f64,
    pub score_high: f64,
    pub mean_own_framing_score: Option<f64>,
    pub mean_own_text_share: Option<f64>,
    /// Mean over articles whose balance is defined, and how many those are.
    pub mean_sourcing_balance: Option<f64>,
    pub articles_with_sourcing: usize,
}

/// One row of `timeline.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    pub date: String,
    pub outlet: String,
    pub articles: usize,
    pub mean_framing_score: f64,
    pub mean_sourcing_balance: Option<f64>,
}

fn mean(x: &[f64]) -> Option<f64> {
    (!x.is_empty()).then(|| x.iter().sum::<f64>() / x.len() as f64)
}

/// 95% percentile bootstrap of a mean, seeded from (seed, key).
pub fn bootstrap_mean(x: &[f64], resamples: usize, seed: u64, key: &str) -> (f64, f64) {
    let m = mean(x).unwrap_or(0.0);
    if x.len() < 2 || resamples == 0 {
        return (m, m);
    }
    let digest = Sha256::digest(format!("{seed}:{key}").as_bytes());
    let mut s = [0u8; 32];
    s.copy_from_slice(&digest);
    let mut rng = ChaCha8Rng::from_seed(s);
    let mut means: Vec<f64> = (0..resamples)
        .map(|_| (0..x.len()).map(|_| x[rng.gen_range(0..x.len())]).sum::<f64>() / x.len() as f64)
        .collect();
    means.sort_by(f64::total_cmp);
    let q = |f: f64| means[((f * (means.len() - 1) as f64).round() as usize).min(means.len() - 1)];
    (q(0.025), q(0.975))
}

/// Per-outlet summary, outlets sorted by name; articles without an outlet are left out.
pub fn outlet_table(scores: &[ArticleScore], resamples: usize, seed: u64) -> Vec<OutletRow> {
    let mut by: BTreeMap<&str, Vec<&ArticleScore>> = BTreeMap::new();
    for s in scores {
        if let Some(o) = s.outlet.as_deref().filter(|o| !o.is_empty()) {
            by.entry(o).or_default().push(s);
        }
    }
    by.into_iter()
        .map(|(outlet, rows)| {
            let f: Vec<f64> = rows.iter().map(|r| r.framing_score).collect();
            let (lo, hi) = bootstrap_mean(&f, resamples, seed, outlet);
            let bal: Vec<f64> = rows.iter().filter_map(|r| r.sourcing_balance).collect();
            let own: Vec<f64> = rows.iter().filter_map(|r| r.own_framing_score).collect();
            let share: Vec<f64> = rows.iter().filter_map(|r| r.own_text_share).collect();
            OutletRow {
                outlet: outlet.to_string(),
                articles: rows.len(),
                mean_framing_score: mean(&f).unwrap_or(0.0),
                score_low: lo,
                score_high: hi,
                mean_own_framing_score: mean(&own),
                mean_own_text_share: mean(&share),
                mean_sourcing_balance: mean(&bal),
                articles_with_sourcing: bal.len(),
            }
        })
        .collect()
}

/// Per (day, outlet) means; the day is the first 10 characters of the date (YYYY-MM-DD).
/// Articles without a date are left out; without an outlet they count under "(unknown)".
pub fn timeline(scores: &[ArticleScore]) -> Vec<TimelineRow> {
    let mut by: BTreeMap<(String, String), Vec<&ArticleScore>> = BTreeMap::new();
    for s in scores {
        let Some(d) = s.date.as_deref().filter(|d| !d.is_empty()) else {
            continue;
        };
        let day: String = d.chars().take(10).collect();
        let outlet = s
            .outlet
            .clone()
            .filter(|o| !o.is_empty())
            .unwrap_or_else(|| "(unknown)".into());
        by.entry((day, outlet)).or_default().push(s);
    }
    by.into_iter()
        .map(|((date, outlet), rows)| {
            let f: Vec<f64> = rows.iter().map(|r| r.framing_score).collect();
            let bal: Vec<f64> = rows.iter().filter_map(|r| r.sourcing_balance).collect();
            TimelineRow {
                date,
                outlet,
                articles: rows.len(),
                mean_framing_score: mean(&f).unwrap_or(0.0),
                mean_sourcing_balance: mean(&bal),
            }
        })
        .collect()
}
