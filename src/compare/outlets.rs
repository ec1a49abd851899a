//! Outlets side by side: per-outlet mean framing score with a bootstrap interval over its
//! articles, article count and mean sourcing balance; and a per-day timeline.

use super::ArticleRow;
use crate::report::cell;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One row of `outlets.csv` (its columns are these fields).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutletRow {
    pub outlet: String,
    /// The articles' language (`lang` of scores.csv): an outlet's editions in two languages
    /// are two rows (BBC News and BBC Russian, RT and RT на русском are separate newsrooms,
    /// and a score's scale is the same but its lexicon is not; README, "Languages").
    pub lang: String,
    pub articles: usize,
    #[serde(serialize_with = "cell::f6")]
    pub mean_framing_score: f64,
    /// 95% percentile bootstrap interval of the mean over the outlet's articles.
    #[serde(serialize_with = "cell::f6")]
    pub score_low: f64,
    #[serde(serialize_with = "cell::f6")]
    pub score_high: f64,
    /// Mean over the articles whose own-text share is known (empty past the own-text
    /// comparison's article cap).
    #[serde(serialize_with = "cell::o6")]
    pub mean_own_text_share: Option<f64>,
    /// Mean over the articles that have text of their own (an article that only copies
    /// others has no own framing score), and how many those are: an outlet's copies would
    /// otherwise vanish from this mean unseen.
    #[serde(serialize_with = "cell::o6")]
    pub mean_own_framing_score: Option<f64>,
    pub articles_with_own_text: usize,
    /// Mean over articles whose balance is defined, and how many those are.
    #[serde(serialize_with = "cell::o6")]
    pub mean_sourcing_balance: Option<f64>,
    pub articles_with_sourcing: usize,
}

/// One row of `timeline.csv` (its columns are these fields).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineRow {
    pub date: String,
    pub outlet: String,
    /// As in [`OutletRow::lang`].
    pub lang: String,
    pub articles: usize,
    #[serde(serialize_with = "cell::f6")]
    pub mean_framing_score: f64,
    #[serde(serialize_with = "cell::o6")]
    pub mean_sourcing_balance: Option<f64>,
}

/// The mean of values as the tables write them (6 decimals), summed in order of value: a
/// float sum depends on the order it adds in, and a corpus read in reverse gave other 6th
/// decimals (review G, session 50). Two values give what anyone recomputing from the table
/// gets, (a + b) / 2, in either order.
fn mean(x: &[f64]) -> Option<f64> {
    let mut v = x.to_vec();
    v.sort_by(f64::total_cmp);
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// 95% percentile bootstrap interval of a mean, drawn from the stream of (seed, key) by the
/// crate's one bootstrap ([`crate::resample`]). With fewer than
/// [`MIN_VALUES`](crate::resample::MIN_VALUES) values (four), the whole scale (−1, 1): one
/// article says nothing about how its outlet's articles spread, and the resampled interval of
/// two or three is just their range, which would claim a side for the outlet from articles
/// each undecided on its own (the rule of an article's sentences, `score::article`). With the
/// bootstrap off (`resamples` 0), the mean itself.
pub fn bootstrap_mean(x: &[f64], resamples: usize, seed: u64, key: &str) -> (f64, f64) {
    use crate::resample::{mean_interval, MIN_VALUES, WHOLE_SCALE};
    if x.len() < MIN_VALUES {
        return WHOLE_SCALE;
    }
    let m = mean(x).unwrap_or(0.0);
    mean_interval(x, resamples, seed, key).map_or((m, m), |iv| iv.bounds(|v| v))
}

/// Values as the tables write them, for their [`mean`]: 8 bytes per article.
#[derive(Debug, Clone, Default)]
struct Mean {
    values: Vec<f64>,
}

impl Mean {
    fn add(&mut self, x: Option<f64>) {
        self.values.extend(x);
    }

    fn n(&self) -> usize {
        self.values.len()
    }

    fn get(&self) -> Option<f64> {
        mean(&self.values)
    }
}

#[derive(Debug, Clone, Default)]
struct OutletAcc {
    /// Every framing score (the bootstrap resamples them): 8 bytes per article.
    framing: Vec<f64>,
    own: Mean,
    share: Mean,
    balance: Mean,
}

#[derive(Debug, Clone, Default)]
struct DayAcc {
    framing: Mean,
    balance: Mean,
}

/// The outlet and timeline tables, accumulated article by article, so a scores table of a
/// whole crawl can be streamed through instead of held in memory.
#[derive(Debug, Clone, Default)]
pub struct OutletAccumulator {
    /// By (outlet, language).
    outlets: BTreeMap<(String, String), OutletAcc>,
    /// By (day, outlet, language).
    days: BTreeMap<(String, String, String), DayAcc>,
    /// Articles whose date names no day (left out of the timeline), for the job's warning.
    pub dates: crate::corpus::dates::DateCheck,
}

impl OutletAccumulator {
    /// Count one article, with its numbers as `scores.csv` writes them (6 decimals), so the
    /// tables are the same whether the article comes from memory (`run`) or is read back
    /// from scores.csv (`score`, `chart`), and are what a researcher recomputes from
    /// scores.csv: a mean of unrounded scores can round the other way on a half-way 6th
    /// decimal.
    pub fn add(&mut self, s: &ArticleRow) {
        use crate::report::as_written;
        let written = |x: Option<f64>| x.map(as_written);
        let framing = as_written(s.framing_score);
        let balance = written(s.compare.sourcing_balance);
        if let Some(o) = s.outlet.as_deref().filter(|o| !o.is_empty()) {
            let a = self.outlets.entry((o.to_string(), s.lang.clone())).or_default();
            a.framing.push(framing);
            a.own.add(written(s.compare.own_framing_score));
            a.share.add(written(s.compare.own_text_share));
            a.balance.add(balance);
        }
        let dated = s.date.as_deref().filter(|d| !d.is_empty());
        if let Some(day) = dated
            .filter(|d| self.dates.add(&s.origin, d))
            .and_then(crate::corpus::dates::iso_day)
        {
            let day = day.to_string();
            let outlet = s
                .outlet
                .clone()
                .filter(|o| !o.is_empty())
                .unwrap_or_else(|| "(unknown)".into());
            let a = self.days.entry((day, outlet, s.lang.clone())).or_default();
            a.framing.add(Some(framing));
            a.balance.add(balance);
        }
    }

    /// Per-outlet summary, one row per (outlet, language), sorted by outlet then language;
    /// articles without an outlet are left out. Outlets are bootstrapped in parallel (each
    /// from its own seed, so the rows do not depend on the threads). The stream is keyed by
    /// the outlet name alone, as before languages split the rows, so a one-language run's
    /// intervals are unchanged; an outlet's editions in two languages resample different
    /// articles with the same draws, which leaves each row's interval what it would be alone.
    pub fn outlets(&self, resamples: usize, seed: u64) -> Vec<OutletRow> {
        use rayon::prelude::*;
        self.outlets
            .par_iter()
            .map(|((outlet, lang), a)| {
                // The scores in order of value: the bootstrap's draws index them and the mean
                // sums them, so neither depends on the order the articles came in (review G,
                // session 50: a corpus read in reverse gave an outlet another interval).
                let mut framing = a.framing.clone();
                framing.sort_by(f64::total_cmp);
                let (lo, hi) = bootstrap_mean(&framing, resamples, seed, outlet);
                OutletRow {
                    outlet: outlet.clone(),
                    lang: lang.clone(),
                    articles: framing.len(),
                    mean_framing_score: mean(&framing).unwrap_or(0.0),
                    score_low: lo,
                    score_high: hi,
                    mean_own_text_share: a.share.get(),
                    mean_own_framing_score: a.own.get(),
                    articles_with_own_text: a.own.n(),
                    mean_sourcing_balance: a.balance.get(),
                    articles_with_sourcing: a.balance.n(),
                }
            })
            .collect()
    }

    /// Per (day, outlet, language) means; the day is the date's `YYYY-MM-DD`
    /// ([`crate::corpus::dates::iso_day`]). Articles without a date, or with one that names no
    /// day ([`Self::dates`] counts them), are left out; without an outlet they count under
    /// "(unknown)".
    pub fn timeline(&self) -> Vec<TimelineRow> {
        self.days
            .iter()
            .map(|((date, outlet, lang), a)| TimelineRow {
                date: date.clone(),
                outlet: outlet.clone(),
                lang: lang.clone(),
                articles: a.framing.n(),
                mean_framing_score: a.framing.get().unwrap_or(0.0),
                mean_sourcing_balance: a.balance.get(),
            })
            .collect()
    }
}

/// Per-outlet summary, outlets sorted by name; articles without an outlet are left out.
pub fn outlet_table(scores: &[ArticleRow], resamples: usize, seed: u64) -> Vec<OutletRow> {
    let mut acc = OutletAccumulator::default();
    scores.iter().for_each(|s| acc.add(s));
    acc.outlets(resamples, seed)
}

/// Per (day, outlet) means (see [`OutletAccumulator::timeline`]).
pub fn timeline(scores: &[ArticleRow]) -> Vec<TimelineRow> {
    let mut acc = OutletAccumulator::default();
    scores.iter().for_each(|s| acc.add(s));
    acc.timeline()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, outlet: &str, date: &str, framing: f64, balance: Option<f64>) -> ArticleRow {
        ArticleRow {
            score: crate::score::ArticleScore {
                id: id.into(),
                outlet: Some(outlet.into()),
                date: Some(date.into()),
                lang: "en".into(),
                framing_score: framing,
                ..Default::default()
            },
            compare: crate::compare::ComparatorColumns {
                sourcing_balance: balance,
                ..Default::default()
            },
        }
    }

    /// Review G, session 50: the same articles in reverse order gave an outlet another
    /// interval (its draws indexed the articles in input order) and sums in another order.
    /// 0.1 + 0.2 + 0.3 is 0.6000000000000001 as floats and 0.3 + 0.2 + 0.1 is 0.6.
    #[test]
    fn outlet_and_timeline_rows_do_not_depend_on_the_articles_order() {
        let values = [0.1, 0.2, 0.3, -0.45, 0.7, 0.05, -0.2];
        let rows: Vec<ArticleRow> = values
            .iter()
            .enumerate()
            .map(|(i, &v)| row(&format!("a{i}"), "Daily Courier", "2022-02-24", v, Some(v)))
            .collect();
        let reversed: Vec<ArticleRow> = rows.iter().rev().cloned().collect();
        let (fwd, rev) = (outlet_table(&rows, 1000, 7), outlet_table(&reversed, 1000, 7));
        assert_eq!(fwd, rev);
        assert_eq!(timeline(&rows), timeline(&reversed));
        // The mean of the written values, summed in order of value.
        let mut sorted = values;
        sorted.sort_by(f64::total_cmp);
        assert_eq!(fwd[0].mean_sourcing_balance, Some(sorted.iter().sum::<f64>() / 7.0));
        let three: Vec<ArticleRow> = [0.1, 0.2, 0.3]
            .iter()
            .map(|&v| row("x", "O", "2022-02-24", v, Some(v)))
            .collect();
        let three_rev: Vec<ArticleRow> = three.iter().rev().cloned().collect();
        let ascending = (0.1 + 0.2 + 0.3) / 3.0;
        assert_eq!(timeline(&three)[0].mean_framing_score, ascending);
        assert_eq!(timeline(&three_rev)[0].mean_framing_score, ascending);
        assert_eq!(
            outlet_table(&three_rev, 1000, 7)[0].mean_sourcing_balance,
            Some(ascending)
        );
    }

    #[test]
    fn an_outlet_with_fewer_than_four_articles_has_the_whole_scale_as_its_interval() {
        assert_eq!(bootstrap_mean(&[0.4], 1000, 1, "x"), (-1.0, 1.0));
        assert_eq!(bootstrap_mean(&[], 1000, 1, "x"), (-1.0, 1.0));
        // Two or three articles: the percentile bootstrap gave their range ([0.3, 0.5], drawn
        // Kremlin-leaning); no claim is made.
        assert_eq!(bootstrap_mean(&[0.3, 0.5], 1000, 1, "x"), (-1.0, 1.0));
        assert_eq!(bootstrap_mean(&[0.3, 0.5, 0.4], 1000, 1, "x"), (-1.0, 1.0));
        assert_eq!(bootstrap_mean(&[0.3, 0.5], 0, 1, "x"), (-1.0, 1.0));
        // Four: resampled. 0, ¼, ½, ¾ give [0.125, 0.625] (derived by hand in
        // `resample::tests::four_values_give_a_resampled_interval_inside_their_range`); the
        // bootstrap off gives the mean, 0.375.
        let x = [0.0, 0.25, 0.5, 0.75];
        assert_eq!(bootstrap_mean(&x, 20_000, 3, "x"), (0.125, 0.625));
        assert_eq!(bootstrap_mean(&x, 0, 3, "x"), (0.375, 0.375));
    }
}
