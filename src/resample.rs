//! The one bootstrap: seeded draws with replacement ([`Draws`]), the 95% percentile interval
//! of resampled means ([`mean_interval`]) and of any resampled statistic
//! ([`percentile_interval`]). An article's `score_low`/`score_high` (its sentences
//! resampled), an outlet's interval in `outlets.csv` (its articles resampled) and `eval`'s
//! AUC interval (the labelled articles resampled) all draw from here.
//!
//! A stream is seeded from (seed, key) — the article id, the outlet, `"auc"` — through
//! SHA-256, so a result depends neither on the order things are computed in nor on threads.
//!
//! A mean of fewer than [`MIN_VALUES`] values is not resampled ([`MeanInterval::TooFew`]): its
//! percentile interval would be the range of the values, not an estimate of anything.

use rand::RngCore;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use sha2::{Digest, Sha256};

/// Uniform indices in 0..n from a stream seeded by (seed, key), two per 64-bit draw: the
/// bootstrap makes hundreds of millions of draws on a large corpus, and halving generator
/// calls halves most of its cost. Each 32-bit half is mapped with Lemire's multiply-shift and
/// the exact rejection step, so the indices are unbiased (not just nearly so). Hand-written
/// because rand's `Uniform` draws one 32-bit value per 64-bit call.
pub struct Draws {
    rng: Xoshiro256PlusPlus,
    n: u32,
    threshold: u32,
    spare: Option<u32>,
}

impl Draws {
    /// Draws of indices in 0..n (n ≥ 1; at most u32::MAX) from the stream of (seed, key).
    pub fn new(seed: u64, key: &str, n: usize) -> Draws {
        let digest = Sha256::digest(format!("{seed}:{key}").as_bytes());
        let mut bytes = [0u8; 32];
        bytes.copy_from_slice(&digest);
        // Xoshiro256++: the bootstrap needs speed, not cryptographic strength, and its output
        // is fixed by its published algorithm, so intervals are reproducible across machines
        // and versions.
        Draws::from_rng(Xoshiro256PlusPlus::from_seed(bytes), n)
    }

    fn from_rng(rng: Xoshiro256PlusPlus, n: usize) -> Draws {
        let n = u32::try_from(n).unwrap_or(u32::MAX).max(1);
        Draws {
            rng,
            n,
            threshold: n.wrapping_neg() % n,
            spare: None,
        }
    }

    fn half(&mut self) -> u32 {
        match self.spare.take() {
            Some(h) => h,
            None => {
                let x = self.rng.next_u64();
                self.spare = Some((x >> 32) as u32);
                x as u32
            }
        }
    }

    /// Append the next `k` indices to `out`: the same indices, in the same order, as `k`
    /// calls of [`next`](Self::next), and the stream is left where those calls leave it. The
    /// bootstrap draws hundreds of millions of indices; this loop keeps a drawn pair's halves
    /// in registers instead of passing one through `spare`, which halves the cost per index.
    pub fn fill(&mut self, k: usize, out: &mut Vec<u32>) {
        let from = out.len();
        out.resize(from + k, 0);
        let buf = &mut out[from..];
        let (n, t) = (u64::from(self.n), self.threshold);
        let mut i = 0;
        loop {
            // A leftover half (from an earlier call or a rejection) comes first, as in `next`.
            while i < k && self.spare.is_some() {
                buf[i] = self.next() as u32;
                i += 1;
            }
            // Whole pairs while both halves are accepted: nearly always, since a half is
            // rejected with probability under n / 2^32. One branch per pair, no bounds checks.
            let (pairs, _) = buf[i..].as_chunks_mut::<2>();
            let mut rejected = None;
            for pair in pairs.iter_mut() {
                let x = self.rng.next_u64();
                let (a, b) = (u64::from(x as u32) * n, u64::from((x >> 32) as u32) * n);
                *pair = [(a >> 32) as u32, (b >> 32) as u32];
                if ((a as u32) < t) | ((b as u32) < t) {
                    rejected = Some(x);
                    break;
                }
                i += 2;
            }
            let Some(x) = rejected else { break };
            // A rejected half: the steps of `next` on this draw (its first half, already in
            // place, kept if accepted; its second half the spare).
            self.spare = Some((x >> 32) as u32);
            if (u64::from(x as u32) * n) as u32 >= t {
                i += 1;
            }
        }
        // An odd last index.
        while i < k {
            buf[i] = self.next() as u32;
            i += 1;
        }
    }

    /// The next index.
    #[allow(clippy::should_implement_trait)] // an endless stream, not an `Iterator` of Options
    pub fn next(&mut self) -> usize {
        loop {
            let m = u64::from(self.half()) * u64::from(self.n);
            if (m as u32) >= self.threshold {
                return (m >> 32) as usize;
            }
        }
    }
}

/// Resamples summed side by side in [`mean_interval`]: one running sum waits on the previous
/// addition, several independent ones keep the core busy. Each is still summed in its own
/// draw order, so every mean is the same float as a sum of one resample at a time.
const LANES: usize = 4;

/// Per-thread buffers of [`mean_interval`] (it runs once per article): the values, a block's
/// drawn indices, the resampled means.
#[derive(Default)]
struct Scratch {
    values: Vec<f64>,
    drawn: Vec<u32>,
    means: Vec<f64>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = Default::default();
}

/// The fewest values whose mean is resampled: below it, a score has no interval to claim
/// (the whole scale, [`WHOLE_SCALE`], and undecided), for an article (its counted sentences)
/// and an outlet (its articles) alike.
///
/// Why 4: a resample of n values repeats one value alone (all n draws the same) with
/// probability n·n^(−n), and each extreme in particular with n^(−n). The 2.5th percentile is
/// the 26th smallest of 1,000 resampled means, so when the smallest value is drawn alone in
/// more than about 2.5% of resamples, the lower bound is that value, and likewise the upper
/// bound is the largest: n = 2 (n^(−n) = 1/4; a constant resample 1/2) and n = 3 (1/27 ≈ 0.037,
/// about 37 of 1,000 resamples; a constant resample 1/9 ≈ 0.111) give [min, max], the values'
/// range, whatever they are (n = 3 in about 97% of seeds). Two undecided articles would draw
/// their outlet leaning; two sentences would claim a side for their article at [+0.93, +1.00].
/// From n = 4 (1/256 ≈ 0.004; a constant resample 1/64 ≈ 0.016, both under 0.025) the bounds
/// fall inside the range: a resampling estimate, however rough.
///
/// `eval`'s AUC interval ([`crate::eval::metrics::auc_interval`]) does not use this rule: it
/// resamples articles for a rank statistic, not a mean on the −1..+1 scale (there is no whole
/// scale of "no side" to fall back to), and a resample with one side only is redrawn. Its
/// degenerate cases are of another kind (an AUC of 1 has the zero-width interval [1, 1] at any
/// number of articles) and `eval` prints the articles of each side beside it.
pub const MIN_VALUES: usize = 4;

/// The fewest resamples a 95% percentile interval is drawn from (`--bootstrap`, 0 aside: no
/// interval). With B resamples the 2.5th percentile is the (0.025·(B − 1))-th smallest mean:
/// from one resample the "interval" was that one mean, a point that decided the article's
/// side by chance (`--bootstrap 1`: every article with a nonzero resample claimed a side, and
/// `eval`'s AUC interval [0.993, 0.993] excluded its own AUC, 0.992). From 100 it is the
/// third-smallest of 100; the default, 1,000, the 25th.
pub const MIN_RESAMPLES: usize = 100;

/// `resamples` is 0 (no interval) or at least [`MIN_RESAMPLES`].
pub fn check_resamples(name: &'static str, resamples: usize) -> crate::error::Result<()> {
    if resamples == 0 || resamples >= MIN_RESAMPLES {
        return Ok(());
    }
    Err(crate::error::Error::InvalidParam {
        name,
        message: format!(
            "{resamples} resample(s) are too few for a 95% interval (its bounds would be among the most extreme few); give 0 (no interval) or at least {MIN_RESAMPLES}"
        ),
    })
}

/// The interval of a score on the −1..+1 scale that resampling cannot bound: all of it.
pub const WHOLE_SCALE: (f64, f64) = (-1.0, 1.0);

/// What the bootstrap says about a mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MeanInterval {
    /// The 2.5th and 97.5th percentiles of the resampled means.
    Resampled(f64, f64),
    /// Fewer than [`MIN_VALUES`] values: nothing is claimed; the interval is [`WHOLE_SCALE`].
    TooFew,
}

impl MeanInterval {
    /// The bounds: resampled ones through `f` (an article's are measured from its offset),
    /// else the whole scale as it is.
    pub fn bounds(self, f: impl Fn(f64) -> f64) -> (f64, f64) {
        match self {
            MeanInterval::Resampled(lo, hi) => (f(lo), f(hi)),
            MeanInterval::TooFew => WHOLE_SCALE,
        }
    }
}

/// 95% percentile bootstrap interval of the mean of `x`: `resamples` resamples of len(x)
/// values drawn with replacement from the stream of (seed, key); [`MeanInterval::TooFew`]
/// below [`MIN_VALUES`] values. `None` when `x` is empty or `resamples` is 0 (no bootstrap).
pub fn mean_interval(x: &[f64], resamples: usize, seed: u64, key: &str) -> Option<MeanInterval> {
    if resamples == 0 || x.is_empty() {
        return None;
    }
    if x.len() < MIN_VALUES {
        return Some(MeanInterval::TooFew);
    }
    let (lo, hi) = resampled_interval(x, resamples, seed, key);
    Some(MeanInterval::Resampled(lo, hi))
}

/// The percentile interval of `resamples` (≥ 1) resampled means of non-empty `x`, whatever
/// its length.
fn resampled_interval(x: &[f64], resamples: usize, seed: u64, key: &str) -> (f64, f64) {
    let mut draw = Draws::new(seed, key, x.len());
    let n = draw.n as usize;
    SCRATCH.with(|s| {
        let s = &mut *s.borrow_mut();
        s.values.clear();
        s.values.extend_from_slice(x);
        s.means.clear();
        // The resamples in blocks of LANES: a block's indices are drawn first, resample after
        // resample (the generator's sequence is the same as drawing while summing), then its
        // sums run side by side.
        let mut left = resamples;
        while left > 0 {
            let k = left.min(LANES);
            s.drawn.clear();
            draw.fill(k * n, &mut s.drawn);
            if k == LANES {
                s.means
                    .extend(sums_side_by_side(&s.values, &s.drawn, n).map(|t| t / n as f64));
            } else {
                s.means.extend(
                    s.drawn
                        .chunks_exact(n)
                        .map(|r| r.iter().map(|&i| s.values[i as usize]).sum::<f64>() / n as f64),
                );
            }
            left -= k;
        }
        percentile_interval(&mut s.means)
    })
}

/// The sums of LANES resamples of `n` indices each (`drawn` holds them one after another),
/// each added up in its own order from the start value of `Iterator::sum`.
fn sums_side_by_side(values: &[f64], drawn: &[u32], n: usize) -> [f64; LANES] {
    let zero: f64 = std::iter::empty::<f64>().sum();
    let mut t = [zero; LANES];
    let r: [&[u32]; LANES] = std::array::from_fn(|l| &drawn[l * n..(l + 1) * n]);
    for j in 0..n {
        for (t, r) in t.iter_mut().zip(&r) {
            *t += values[r[j] as usize];
        }
    }
    t
}

/// The 2.5% and 97.5% percentiles (nearest rank) of non-empty `stats`, without sorting them
/// all. Values equal under `total_cmp` have the same bits, so each bound is the sorted
/// vector's value at that position, bit for bit. Reorders `stats`.
pub fn percentile_interval(stats: &mut [f64]) -> (f64, f64) {
    let mut at = |f: f64| {
        let k = ((f * (stats.len() - 1) as f64).round() as usize).min(stats.len() - 1);
        *stats.select_nth_unstable_by(k, f64::total_cmp).1
    };
    (at(0.025), at(0.975))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mean(x: &[f64]) -> f64 {
        x.iter().sum::<f64>() / x.len() as f64
    }

    #[test]
    fn mean_interval_is_deterministic_and_brackets_the_mean() {
        let e = [0.8, -0.6, 0.0, 0.4, -0.8, 0.9];
        let Some(MeanInterval::Resampled(lo, hi)) = mean_interval(&e, 1000, 42, "a") else {
            panic!("six values are resampled")
        };
        assert_eq!(mean_interval(&e, 1000, 42, "a"), Some(MeanInterval::Resampled(lo, hi)));
        let m = mean(&e);
        assert!(lo < m && m < hi && lo >= -0.8 && hi <= 0.9, "{lo} {m} {hi}");
        // Another key is another stream.
        assert_ne!(mean_interval(&e, 1000, 42, "b"), Some(MeanInterval::Resampled(lo, hi)));
        // A constant sample has a zero-width interval; nothing to resample gives none.
        let c = 0.6000000000000001;
        assert_eq!(
            mean_interval(&[c; 4], 1000, 1, "b"),
            Some(MeanInterval::Resampled(c, c))
        );
        assert_eq!(mean_interval(&[], 1000, 1, "b"), None);
        assert_eq!(mean_interval(&e, 0, 1, "b"), None);
    }

    #[test]
    fn fewer_than_four_values_are_not_resampled() {
        // Two values: a resample is both draws of a (¼), one each (½) or both of b (¼), so
        // the 2.5th and 97.5th percentiles of its means were a and b, the range. Three: each
        // value alone is 1/27 ≈ 3.7% of resamples, again past 2.5%. No claim is made.
        for x in [&[0.3][..], &[0.3, 0.5], &[0.93, 0.95, 1.0], &[-0.2, 0.1, 0.4]] {
            assert_eq!(mean_interval(x, 1000, 1, "x"), Some(MeanInterval::TooFew), "{x:?}");
            assert_eq!(MeanInterval::TooFew.bounds(|v| v - 0.5), (-1.0, 1.0));
        }
        assert_eq!(mean_interval(&[0.3, 0.5], 0, 1, "x"), None);
    }

    #[test]
    fn four_values_give_a_resampled_interval_inside_their_range() {
        // x = 0, ¼, ½, ¾: a resample's mean is S/16, S the sum of four draws from {0, 1, 2, 3}
        // (uniform, 256 outcomes). Counting outcomes by hand: S = 0 has 1, S = 1 has 4 (one
        // draw 1), S = 2 has 10 (one draw 2: 4; two draws 1: 6). P(S ≤ 1) = 5/256 ≈ 0.020 <
        // 0.025 ≤ P(S ≤ 2) = 15/256 ≈ 0.059, so the 2.5% quantile is S = 2 → 0.125, and by
        // symmetry (S ↔ 12 − S) the 97.5% one is S = 10 → 0.625. With 20,000 resamples the
        // 501st smallest mean lies about 5 standard deviations from either neighbouring level.
        let x = [0.0, 0.25, 0.5, 0.75];
        assert_eq!(
            mean_interval(&x, 20_000, 3, "x"),
            Some(MeanInterval::Resampled(0.125, 0.625))
        );
        assert_eq!(
            MeanInterval::Resampled(0.125, 0.625).bounds(|v| v - 0.5),
            (-0.375, 0.125)
        );
    }

    /// The bootstrap written plainly: one resample summed at a time, all means sorted, the
    /// bounds at the nearest-rank positions.
    fn sorted_reference(x: &[f64], resamples: usize, seed: u64, key: &str) -> (f64, f64) {
        let mut d = Draws::new(seed, key, x.len());
        let mut means: Vec<f64> = (0..resamples)
            .map(|_| (0..x.len()).map(|_| x[d.next()]).sum::<f64>() / x.len() as f64)
            .collect();
        means.sort_by(f64::total_cmp);
        let q = |f: f64| means[((f * (means.len() - 1) as f64).round() as usize).min(means.len() - 1)];
        (q(0.025), q(0.975))
    }

    proptest::proptest! {
        #[test]
        fn bounds_are_the_sorted_means_bit_for_bit(
            x in proptest::collection::vec(
                proptest::prop_oneof![-1.0..=1.0f64, proptest::sample::select(vec![-1.0, 0.0, 1.0, 0.5])],
                1..60,
            ),
            resamples in proptest::prop_oneof![1usize..20, proptest::sample::select(vec![1000usize, 997])],
            seed in 0u64..1000,
        ) {
            let bits = |(lo, hi): (f64, f64)| (lo.to_bits(), hi.to_bits());
            proptest::prop_assert_eq!(
                bits(resampled_interval(&x, resamples, seed, "x")),
                bits(sorted_reference(&x, resamples, seed, "x"))
            );
        }
    }

    #[test]
    fn percentiles_by_hand() {
        // 41 values 0..=40: positions round(0.025·40) = 1 and round(0.975·40) = 39.
        let mut v: Vec<f64> = (0..=40).rev().map(f64::from).collect();
        assert_eq!(percentile_interval(&mut v), (1.0, 39.0));
        assert_eq!(percentile_interval(&mut [7.0]), (7.0, 7.0));
    }

    #[test]
    fn fill_draws_what_next_draws() {
        // n = 3e9 rejects about 30% of halves, so every path of `fill` runs; odd and even
        // counts leave a spare half between calls.
        for n in [1usize, 3, 23, 1000, 3_000_000_000] {
            let mut a = Draws::new(7, "k", n);
            let mut b = Draws::new(7, "k", n);
            let mut got = Vec::new();
            let mut want = Vec::new();
            for k in [0usize, 1, 2, 5, 64, 3, 1000, 7] {
                a.fill(k, &mut got);
                want.extend((0..k).map(|_| b.next() as u32));
                assert_eq!(got, want, "n {n} k {k}");
            }
            assert_eq!(a.next(), b.next());
        }
    }

    #[test]
    fn draws_are_uniform_and_in_range() {
        // n = 3 does not divide 2^32, so without the rejection step index 0 would be drawn
        // slightly more often; over 300k draws each count stays within 1% of 100k.
        let mut d = Draws::from_rng(Xoshiro256PlusPlus::seed_from_u64(1), 3);
        let mut counts = [0u32; 3];
        for _ in 0..300_000 {
            counts[d.next()] += 1;
        }
        assert!(counts.iter().all(|&c| (99_000..101_000).contains(&c)), "{counts:?}");
        // The rejection threshold is 2^32 mod n.
        assert_eq!(d.threshold, ((1u64 << 32) % 3) as u32);
        assert_eq!(Draws::new(0, "k", 1).threshold, 0);
        let mut one = Draws::new(0, "k", 1);
        assert!((0..100).all(|_| one.next() == 0));
    }
}
