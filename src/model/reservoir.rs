//! A seeded sample of a stream of items of two sides, stratified by side: each side keeps up
//! to half of the cap, and a side with fewer items than that leaves its share to the other.
//!
//! Why stratified and not one uniform sample of the whole stream: training balances the two
//! sides (the smaller side's rows are repeated), so what it needs is as many *distinct*
//! sentences of the smaller side as there are. A uniform sample keeps the sides in the
//! stream's proportion: on 10,000 synthetic articles 13% of the 2,000 sampled sentences were
//! Kremlin-side, each then counted about seven times, and in a corpus where one side is rare
//! (five seeds beside 200,000 articles of one side) it could keep none of the rare side at
//! all, and training stopped with "one-sided training set". Within a side the sample is
//! uniform (Algorithm R, then a uniform subset when the side must give up part of its
//! reservoir). Streams of at most `cap` items are kept whole, with no random draw.
//!
//! Written by hand: `rand::seq::index::sample` and friends need the whole population in
//! memory, and this runs over every labelled sentence of a corpus as it streams past.

use crate::corpus::Side;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// One side's reservoir: (arrival number, item) pairs, and how many items it was offered.
struct Part<T> {
    seen: usize,
    items: Vec<(usize, T)>,
}

impl<T> Default for Part<T> {
    fn default() -> Self {
        Part {
            seen: 0,
            items: Vec::new(),
        }
    }
}

/// Where an offered item goes (see [`SideReservoir::offer`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    side: usize,
    index: usize,
}

/// Stratified reservoir sample of at most `cap` items (see the module documentation).
pub struct SideReservoir<T> {
    cap: usize,
    /// One generator per side, so a side's sample depends on its own stream only: adding
    /// articles of one side does not change which sentences of the other are kept.
    rngs: [ChaCha8Rng; 2],
    parts: [Part<T>; 2],
}

fn part_of(side: Side) -> usize {
    match side {
        Side::Kremlin => 0,
        Side::Western => 1,
    }
}

impl<T> SideReservoir<T> {
    pub fn new(cap: usize, seed: u64) -> Self {
        SideReservoir {
            cap,
            rngs: [ChaCha8Rng::seed_from_u64(seed), {
                let mut r = ChaCha8Rng::seed_from_u64(seed);
                r.set_stream(1);
                r
            }],
            parts: [Part::default(), Part::default()],
        }
    }

    /// Offer the next item of `side`: where it goes, or `None` when the sample skips it.
    /// Decided before the item exists, so that a skipped item is never built; give a slot's
    /// item to [`put`](Self::put) before the next offer.
    pub fn offer(&mut self, side: Side) -> Option<Slot> {
        let side = part_of(side);
        let part = &mut self.parts[side];
        let n = part.seen;
        part.seen += 1;
        // Each side may fill the whole cap: how much of it a side keeps is known only at the
        // end, when the other side's count is.
        if part.items.len() < self.cap {
            return Some(Slot {
                side,
                index: part.items.len(),
            });
        }
        let j = self.rngs[side].gen_range(0..=n);
        (j < self.cap).then_some(Slot { side, index: j })
    }

    /// Put the item of an [`offer`](Self::offer)'s slot; `arrival` orders the final sample.
    pub fn put(&mut self, slot: Slot, arrival: usize, item: T) {
        let items = &mut self.parts[slot.side].items;
        if slot.index == items.len() {
            items.push((arrival, item));
        } else {
            items[slot.index] = (arrival, item);
        }
    }

    /// How many items each side keeps: everything when both fit in the cap; otherwise half
    /// the cap each (the Kremlin side's half rounded down), a side with fewer keeping all of
    /// its items and leaving the rest to the other.
    fn shares(&self) -> [usize; 2] {
        let [k, w] = [self.parts[0].items.len(), self.parts[1].items.len()];
        if k + w <= self.cap {
            return [k, w];
        }
        let kremlin = k.min((self.cap / 2).max(self.cap - w.min(self.cap)));
        [kremlin, w.min(self.cap - kremlin)]
    }

    /// The sample, in arrival order.
    pub fn finish(mut self) -> Vec<T> {
        let shares = self.shares();
        let mut all = Vec::with_capacity(shares[0] + shares[1]);
        for ((part, keep), rng) in self.parts.iter_mut().zip(shares).zip(&mut self.rngs) {
            let items = &mut part.items;
            // A uniform subset of a uniform sample is a uniform sample: a partial
            // Fisher–Yates shuffle draws `keep` of them.
            if keep < items.len() {
                for i in 0..keep {
                    let j = rng.gen_range(i..items.len());
                    items.swap(i, j);
                }
                items.truncate(keep);
            }
            all.append(items);
        }
        all.sort_by_key(|(n, _)| *n);
        all.into_iter().map(|(_, item)| item).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feed `sides` in order (arrival number = position) and return the kept positions.
    fn sample(sides: &[Side], cap: usize, seed: u64) -> Vec<usize> {
        let mut r = SideReservoir::new(cap, seed);
        for (n, &s) in sides.iter().enumerate() {
            if let Some(slot) = r.offer(s) {
                r.put(slot, n, n);
            }
        }
        r.finish()
    }

    fn stream(kremlin: usize, western: usize) -> Vec<Side> {
        // Interleaved, so that arrival order is not side order.
        let mut v = Vec::new();
        let (mut k, mut w) = (0, 0);
        while k < kremlin || w < western {
            if k < kremlin && (w >= western || k * western <= w * kremlin) {
                v.push(Side::Kremlin);
                k += 1;
            } else {
                v.push(Side::Western);
                w += 1;
            }
        }
        v
    }

    fn count(sides: &[Side], kept: &[usize], side: Side) -> usize {
        kept.iter().filter(|&&n| sides[n] == side).count()
    }

    #[test]
    fn a_stream_within_the_cap_is_kept_whole_in_order() {
        let s = stream(3, 4);
        assert_eq!(sample(&s, 7, 1), (0..7).collect::<Vec<_>>());
        assert_eq!(sample(&s, 100, 1), (0..7).collect::<Vec<_>>());
    }

    #[test]
    fn a_rare_side_keeps_every_item_and_the_other_side_fills_the_cap() {
        // 10 Kremlin among 100,000 Western, cap 100: a uniform sample would keep
        // 100 · 10 / 100,010 ≈ 0.01 of them.
        let s = stream(10, 100_000);
        let kept = sample(&s, 100, 7);
        assert_eq!(kept.len(), 100);
        assert_eq!(count(&s, &kept, Side::Kremlin), 10);
        assert_eq!(count(&s, &kept, Side::Western), 90);
        assert!(kept.windows(2).all(|w| w[0] < w[1]), "arrival order");
        // The same the other way round.
        let s: Vec<Side> = s
            .iter()
            .map(|&x| {
                if x == Side::Kremlin {
                    Side::Western
                } else {
                    Side::Kremlin
                }
            })
            .collect();
        let kept = sample(&s, 100, 7);
        assert_eq!(
            (count(&s, &kept, Side::Kremlin), count(&s, &kept, Side::Western)),
            (90, 10)
        );
    }

    #[test]
    fn two_large_sides_share_the_cap_equally() {
        let s = stream(3_000, 9_000);
        let kept = sample(&s, 101, 3);
        // 101 / 2 = 50 for the Kremlin side, the rest (51) for the Western side.
        assert_eq!(
            (count(&s, &kept, Side::Kremlin), count(&s, &kept, Side::Western)),
            (50, 51)
        );
        // Near the cap: 60 + 60 items, cap 100: 50 each.
        let s = stream(60, 60);
        let kept = sample(&s, 100, 3);
        assert_eq!(
            (count(&s, &kept, Side::Kremlin), count(&s, &kept, Side::Western)),
            (50, 50)
        );
        // 30 Kremlin + 90 Western, cap 100: all 30, and 70 Western.
        let s = stream(30, 90);
        let kept = sample(&s, 100, 3);
        assert_eq!(
            (count(&s, &kept, Side::Kremlin), count(&s, &kept, Side::Western)),
            (30, 70)
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_sample_and_another_seed_another() {
        let s = stream(500, 700);
        assert_eq!(sample(&s, 64, 11), sample(&s, 64, 11));
        assert_ne!(sample(&s, 64, 11), sample(&s, 64, 12));
    }

    #[test]
    fn a_sides_sample_does_not_depend_on_how_many_items_the_other_side_has() {
        // 300 Kremlin items interleaved with 400 or 900 Western ones, cap 100: both sides are
        // over their half (50), so each keeps 50, drawn from its own stream.
        let kremlin_kept = |western: usize| {
            let s = stream(300, western);
            let kept = sample(&s, 100, 5);
            // The Kremlin items by their number among the Kremlin items.
            let rank: Vec<usize> = s
                .iter()
                .scan(0, |k, &x| {
                    let r = *k;
                    *k += usize::from(x == Side::Kremlin);
                    Some(r)
                })
                .collect();
            kept.iter()
                .filter(|&&n| s[n] == Side::Kremlin)
                .map(|&n| rank[n])
                .collect::<Vec<_>>()
        };
        let (a, b) = (kremlin_kept(400), kremlin_kept(900));
        assert_eq!(a.len(), 50);
        assert_eq!(a, b);
    }

    #[test]
    fn within_a_side_every_item_is_equally_likely_to_be_kept() {
        // 40 Kremlin and 200 Western items, cap 20: each side keeps 10, so each Kremlin item
        // is kept with probability 10/40 and each Western item with 10/200, whether the
        // Kremlin side had to give up part of a full reservoir (it holds 20 of 40) or not.
        // Over 4,000 seeds the count of each item is binomial: expected 1,000 (sd 27.4)
        // and 200 (sd 13.8). Bounds at ±5 sd: a biased sampler (e.g. keeping the first
        // items, or the reservoir's first slots) lands far outside them.
        let s = stream(40, 200);
        let trials = 4_000;
        let mut kept = vec![0usize; s.len()];
        for seed in 0..trials {
            for n in sample(&s, 20, seed) {
                kept[n] += 1;
            }
        }
        for (n, &c) in kept.iter().enumerate() {
            let (p, side) = match s[n] {
                Side::Kremlin => (10.0 / 40.0, "Kremlin"),
                Side::Western => (10.0 / 200.0, "Western"),
            };
            let mean = trials as f64 * p;
            let sd = (trials as f64 * p * (1.0 - p)).sqrt();
            assert!(
                (c as f64 - mean).abs() <= 5.0 * sd,
                "{side} item {n} kept {c} times, expected {mean} ± {}",
                5.0 * sd
            );
        }
    }
}
