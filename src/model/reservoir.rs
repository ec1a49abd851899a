//! A seeded sample of a stream of items of two sides, stratified by side: each side keeps up
//! to half of the cap, and a side with fewer items than that leaves its share to the other.
//!
//! Why stratified and not one uniform sample of the whole stream: training balances the two
//! sides (the smaller side's rows are repeated), so what it needs is as many *distinct*
//! sentences of the smaller side as there are. A uniform sample keeps the sides in the
//! stream's proportion: on 10,000 synthetic articles 13% of the 2,000 sampled sentences were
//! Kremlin-side, each then counted about seven times, and in a corpus where one side is rare
//! (five seeds beside 200,000 articles of one side) it could keep none of the rare side at
//! all, and training stopped with "one-sided training set".
//!
//! Within a side the sample is uniform and **does not depend on the order items arrive in**:
//! each item carries a priority, a seeded hash of its identity (for a sentence: its article's
//! id and its number in the article, [`priority`]), and a side keeps the items of smallest
//! priority (bottom-k sampling: the k smallest of independent uniform values mark a uniform
//! k-subset). The sample is returned sorted by the items' keys, so training sees the same rows
//! in the same order however the inputs were ordered (review, session 44: a reservoir drawn
//! by arrival, Algorithm R, and rows in corpus order made the model change with the order of
//! the articles). Streams of at most `cap` items are kept whole.
//!
//! Written by hand: `rand::seq::index::sample` and friends need the whole population in
//! memory, and this runs over every labelled sentence of a corpus as it streams past.

use crate::corpus::Side;
use std::collections::BinaryHeap;

/// The priority of the item `(id, index)` under `seed`: xxh3 of the id's bytes, a 0xff byte
/// (never in UTF-8, so ("a1", 2) and ("a", 12) differ) and the index, seeded.
pub fn priority(seed: u64, id: &str, index: usize) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::with_seed(seed);
    h.update(id.as_bytes());
    h.update(&[0xff]);
    h.update(&(index as u64).to_le_bytes());
    h.digest()
}

/// A kept item, ordered by (priority, key): the key breaks the (improbable) ties, so the
/// sample is a function of the items alone.
struct Entry<K, T> {
    priority: u64,
    key: K,
    item: T,
}

impl<K: Ord, T> PartialEq for Entry<K, T> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl<K: Ord, T> Eq for Entry<K, T> {}
impl<K: Ord, T> PartialOrd for Entry<K, T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<K: Ord, T> Ord for Entry<K, T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.priority, &self.key).cmp(&(other.priority, &other.key))
    }
}

/// Stratified sample of at most `cap` items (see the module documentation): per side a
/// max-heap of the `cap` smallest (priority, key) seen so far.
pub struct SideReservoir<K, T> {
    cap: usize,
    parts: [BinaryHeap<Entry<K, T>>; 2],
}

fn part_of(side: Side) -> usize {
    match side {
        Side::Kremlin => 0,
        Side::Western => 1,
    }
}

impl<K: Ord, T> SideReservoir<K, T> {
    pub fn new(cap: usize) -> Self {
        SideReservoir {
            cap,
            parts: [BinaryHeap::new(), BinaryHeap::new()],
        }
    }

    /// Whether an item of `side` with this priority and key would be kept now: decided
    /// before the item exists, so that a skipped item is never built. Each side may fill the
    /// whole cap: how much of it a side keeps is known only at the end, when the other
    /// side's count is.
    ///
    /// `key` is asked for only on a tie of priorities (a 64-bit hash: almost never), so a
    /// skipped item's key is never built either.
    pub fn wants(&self, side: Side, priority: u64, key: impl FnOnce() -> K) -> bool {
        let part = &self.parts[part_of(side)];
        part.len() < self.cap
            || part.peek().is_some_and(|top| match priority.cmp(&top.priority) {
                std::cmp::Ordering::Less => true,
                std::cmp::Ordering::Equal => key() < top.key,
                std::cmp::Ordering::Greater => false,
            })
    }

    /// Offer an item (after [`wants`](Self::wants) said yes, or without asking).
    pub fn put(&mut self, side: Side, priority: u64, key: K, item: T) {
        let part = &mut self.parts[part_of(side)];
        part.push(Entry { priority, key, item });
        if part.len() > self.cap {
            part.pop();
        }
    }

    /// How many items each side keeps: everything when both fit in the cap; otherwise half
    /// the cap each (the Kremlin side's half rounded down), a side with fewer keeping all of
    /// its items and leaving the rest to the other.
    fn shares(&self) -> [usize; 2] {
        let [k, w] = [self.parts[0].len(), self.parts[1].len()];
        if k + w <= self.cap {
            return [k, w];
        }
        let kremlin = k.min((self.cap / 2).max(self.cap - w.min(self.cap)));
        [kremlin, w.min(self.cap - kremlin)]
    }

    /// The sample, sorted by key. A side that gives up part of its items keeps those of
    /// smallest priority: a uniform subset of a uniform sample.
    pub fn finish(self) -> Vec<T> {
        let shares = self.shares();
        let mut all: Vec<(K, T)> = Vec::with_capacity(shares[0] + shares[1]);
        for (part, keep) in self.parts.into_iter().zip(shares) {
            let mut items = part.into_sorted_vec();
            items.truncate(keep);
            all.extend(items.into_iter().map(|e| (e.key, e.item)));
        }
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all.into_iter().map(|(_, item)| item).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feed `sides` in order (item n's identity is ("item", n)) and return the kept items.
    fn sample(sides: &[Side], cap: usize, seed: u64) -> Vec<usize> {
        sample_in(sides, cap, seed, (0..sides.len()).collect())
    }

    /// [`sample`] with the items offered in `order`.
    fn sample_in(sides: &[Side], cap: usize, seed: u64, order: Vec<usize>) -> Vec<usize> {
        let mut r = SideReservoir::new(cap);
        for n in order {
            let p = priority(seed, "item", n);
            if r.wants(sides[n], p, || n) {
                r.put(sides[n], p, n, n);
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
        assert!(kept.windows(2).all(|w| w[0] < w[1]), "key order");
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
    fn the_sample_does_not_depend_on_the_order_items_arrive_in() {
        // 300 Kremlin and 500 Western items, cap 100 (each side over its half, so both
        // reservoirs replace items as they go): reversed, and in a seeded shuffle.
        use rand::seq::SliceRandom;
        use rand::SeedableRng;
        let s = stream(300, 500);
        let forward = sample(&s, 100, 9);
        assert_eq!(forward.len(), 100);
        assert_eq!(forward, sample_in(&s, 100, 9, (0..s.len()).rev().collect()));
        let mut shuffled: Vec<usize> = (0..s.len()).collect();
        shuffled.shuffle(&mut rand_chacha::ChaCha8Rng::seed_from_u64(3));
        assert_eq!(forward, sample_in(&s, 100, 9, shuffled));
    }

    #[test]
    fn a_priority_is_a_function_of_seed_id_and_index() {
        assert_eq!(priority(1, "a", 12), priority(1, "a", 12));
        // The separator keeps ("a1", 2) apart from ("a", 12)'s bytes as well.
        assert_ne!(priority(1, "a1", 2), priority(1, "a", 12));
        assert_ne!(priority(1, "a", 12), priority(2, "a", 12));
        assert_ne!(priority(1, "a", 12), priority(1, "a", 13));
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
            // Each item named by its side and its number among that side's items, so a
            // Kremlin item is the same item in both streams.
            let mut seen = [0usize; 2];
            let names: Vec<(usize, usize)> = s
                .iter()
                .map(|&x| {
                    let side = part_of(x);
                    seen[side] += 1;
                    (side, seen[side] - 1)
                })
                .collect();
            let mut r = SideReservoir::new(100);
            for (&side, name) in s.iter().zip(&names) {
                let p = priority(5, &format!("{name:?}"), 0);
                if r.wants(side, p, || *name) {
                    r.put(side, p, *name, *name);
                }
            }
            r.finish()
                .into_iter()
                .filter(|&(side, _)| side == 0)
                .map(|(_, n)| n)
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
