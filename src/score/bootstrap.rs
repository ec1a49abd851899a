//! The 95% percentile bootstrap interval of an article's score, and the unbiased index
//! draws ([`IndexDraws`]) it resamples with.

use super::ScoreParams;
use rand::RngCore;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use sha2::{Digest, Sha256};

/// Uniform indices in 0..n, two per 64-bit draw: the bootstrap makes hundreds of millions
/// of draws on a large corpus, and halving generator calls halves most of its cost. Each
/// 32-bit half is mapped with Lemire's multiply-shift and the exact rejection step, so the
/// indices are unbiased (not just nearly so).
struct IndexDraws {
    n: u32,
    threshold: u32,
    spare: Option<u32>,
}

impl IndexDraws {
    fn new(n: u32) -> Self {
        IndexDraws {
            n,
            threshold: n.wrapping_neg() % n.max(1),
            spare: None,
        }
    }

    fn half(&mut self, rng: &mut impl RngCore) -> u32 {
        match self.spare.take() {
            Some(h) => h,
            None => {
                let x = rng.next_u64();
                self.spare = Some((x >> 32) as u32);
                x as u32
            }
        }
    }

    fn next(&mut self, rng: &mut impl RngCore) -> u32 {
        loop {
            let m = u64::from(self.half(rng)) * u64::from(self.n);
            if (m as u32) >= self.threshold {
                return (m >> 32) as u32;
            }
        }
    }
}

/// Resamples summed side by side in [`bootstrap`]: one running sum waits on the previous
/// addition, several independent ones keep the core busy. Each is still summed in its own
/// draw order, so every mean is the same float as a sum of one resample at a time.
const LANES: usize = 4;

/// Per-thread buffers of [`bootstrap`] (it runs once per article): the signed scores, a
/// block's drawn indices, the resampled means.
#[derive(Default)]
struct BootstrapScratch {
    signed: Vec<f64>,
    drawn: Vec<u32>,
    means: Vec<f64>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<BootstrapScratch> = Default::default();
}

/// 95% percentile bootstrap of the mean of the sentences' evidence `e` (2p − 1, or the
/// voice-weighted [`sentence_evidence`](super::sentence_evidence)), resampling sentences with replacement.
/// The generator is seeded from (seed, article id) so results do not depend on run order.
pub fn bootstrap(e: &[f64], params: &ScoreParams, id: &str) -> (Option<f64>, Option<f64>) {
    if params.bootstrap == 0 || e.is_empty() {
        return (None, None);
    }
    let digest = Sha256::digest(format!("{}:{id}", params.seed).as_bytes());
    let mut seed = [0u8; 32];
    seed.copy_from_slice(&digest);
    // Xoshiro256++: the bootstrap needs speed, not cryptographic strength (hundreds of
    // millions of draws on a large corpus), and its output is fixed by its published
    // algorithm, so intervals are reproducible across machines and versions.
    let mut rng = Xoshiro256PlusPlus::from_seed(seed);
    // One `Uniform` for all draws: `gen_range` would redo its rejection-zone division on every
    // call, which made the bootstrap the largest cost of scoring.
    let n = u32::try_from(e.len()).unwrap_or(u32::MAX);
    let mut draw = IndexDraws::new(n);
    SCRATCH.with(|s| {
        let s = &mut *s.borrow_mut();
        s.signed.clear();
        s.signed.extend_from_slice(e);
        s.means.clear();
        // The resamples in blocks of LANES: a block's indices are drawn first, resample after
        // resample (the generator's sequence is the same as drawing while summing), then its
        // sums run side by side.
        let n = n as usize;
        let mut left = params.bootstrap;
        while left > 0 {
            let k = left.min(LANES);
            s.drawn.clear();
            s.drawn.extend((0..k * n).map(|_| draw.next(&mut rng)));
            if k == LANES {
                s.means
                    .extend(sums_side_by_side(&s.signed, &s.drawn, n).map(|t| t / n as f64));
            } else {
                s.means.extend(
                    s.drawn
                        .chunks_exact(n)
                        .map(|r| r.iter().map(|&i| s.signed[i as usize]).sum::<f64>() / n as f64),
                );
            }
            left -= k;
        }
        let (lo, hi) = (quantile_rank(0.025, s.means.len()), quantile_rank(0.975, s.means.len()));
        (Some(nth(&mut s.means, lo)), Some(nth(&mut s.means, hi)))
    })
}

/// The sums of LANES resamples of `n` indices each (`drawn` holds them one after another),
/// each added up in its own order from the start value of `Iterator::sum`.
fn sums_side_by_side(signed: &[f64], drawn: &[u32], n: usize) -> [f64; LANES] {
    let zero: f64 = std::iter::empty::<f64>().sum();
    let mut t = [zero; LANES];
    let r: [&[u32]; LANES] = std::array::from_fn(|l| &drawn[l * n..(l + 1) * n]);
    for j in 0..n {
        for (t, r) in t.iter_mut().zip(&r) {
            *t += signed[r[j] as usize];
        }
    }
    t
}

/// The position of quantile `f` among `len` sorted values (nearest rank, as the sorted
/// vector's index was computed).
fn quantile_rank(f: f64, len: usize) -> usize {
    ((f * (len - 1) as f64).round() as usize).min(len - 1)
}

/// The value at position `k` of `x` sorted by `f64::total_cmp`, without sorting it all.
/// Values equal under `total_cmp` have the same bits, so this is the sorted vector's value
/// bit for bit. Reorders `x`.
fn nth(x: &mut [f64], k: usize) -> f64 {
    *x.select_nth_unstable_by(k, f64::total_cmp).1
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
        // A constant article has a zero-width interval.
        assert_eq!(
            bootstrap(&[0.6000000000000001, 0.6000000000000001], &params, "b"),
            (Some(0.6000000000000001), Some(0.6000000000000001))
        );
    }

    /// The bootstrap as it was: one resample summed at a time, all means sorted.
    fn bootstrap_sorted(p: &[f64], params: &ScoreParams, id: &str) -> (Option<f64>, Option<f64>) {
        if params.bootstrap == 0 || p.is_empty() {
            return (None, None);
        }
        let digest = Sha256::digest(format!("{}:{id}", params.seed).as_bytes());
        let mut seed = [0u8; 32];
        seed.copy_from_slice(&digest);
        let mut rng = Xoshiro256PlusPlus::from_seed(seed);
        let n = u32::try_from(p.len()).unwrap_or(u32::MAX);
        let mut draw = IndexDraws::new(n);
        let signed: Vec<f64> = p.iter().map(|p| 2.0 * p - 1.0).collect();
        let mut means: Vec<f64> = (0..params.bootstrap)
            .map(|_| (0..n).map(|_| signed[draw.next(&mut rng) as usize]).sum::<f64>() / n as f64)
            .collect();
        means.sort_by(f64::total_cmp);
        let q = |f: f64| means[((f * (means.len() - 1) as f64).round() as usize).min(means.len() - 1)];
        (Some(q(0.025)), Some(q(0.975)))
    }

    proptest::proptest! {
        #[test]
        fn bootstrap_bounds_are_the_sorted_means_bit_for_bit(
            p in proptest::collection::vec(
                proptest::prop_oneof![0.0..=1.0f64, proptest::sample::select(vec![0.0, 0.5, 1.0, 0.25])],
                1..60,
            ),
            resamples in proptest::prop_oneof![1usize..20, proptest::sample::select(vec![1000usize, 997])],
            seed in 0u64..1000,
        ) {
            let params = ScoreParams { bootstrap: resamples, seed, ..Default::default() };
            let bits = |(lo, hi): (Option<f64>, Option<f64>)| (lo.map(f64::to_bits), hi.map(f64::to_bits));
            proptest::prop_assert_eq!(
                bits(bootstrap(&p.iter().map(|p| 2.0 * p - 1.0).collect::<Vec<_>>(), &params, "x")),
                bits(bootstrap_sorted(&p, &params, "x"))
            );
        }
    }

    #[test]
    fn index_draws_are_uniform_and_in_range() {
        // n = 3 does not divide 2^32, so without the rejection step index 0 would be drawn
        // slightly more often; over 300k draws each count stays within 1% of 100k.
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
        let mut d = IndexDraws::new(3);
        let mut counts = [0u32; 3];
        for _ in 0..300_000 {
            counts[d.next(&mut rng) as usize] += 1;
        }
        assert!(counts.iter().all(|&c| (99_000..101_000).contains(&c)), "{counts:?}");
        // The rejection threshold is 2^32 mod n.
        assert_eq!(IndexDraws::new(3).threshold, ((1u64 << 32) % 3) as u32);
        assert_eq!(IndexDraws::new(1).threshold, 0);
        let mut one = IndexDraws::new(1);
        assert!((0..100).all(|_| one.next(&mut rng) == 0));
    }
}
