//! The table of one counting shard ([`CountTable`]): term key → (df, tf).

/// Document frequency and total count of one term: 8 bytes, so a slot is 16.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Count {
    /// Sentences the term occurs in; 0 marks a free slot (a counted term has df ≥ 1).
    pub(super) df: u32,
    /// Total occurrences (saturating: only `max_features` ranks by it).
    pub(super) tf: u32,
}

/// Term key → [`Count`]: open addressing with linear probing in one flat array of 16-byte
/// slots, at most 3/4 full.
///
/// Hand-written rather than an `FxHashMap<u64, Count>` for the same reasons as
/// [`super::key_index::KeyIndex`]: counting probes these tables (every distinct term of
/// the corpus, far larger than the cache) once per distinct term of every sentence. A probe
/// here reads one slot where hashbrown reads a control group and then a bucket elsewhere
/// (two cache misses), and the next terms' home slots are prefetched while one is counted
/// ([`prefetch`](Self::prefetch)), so the misses overlap instead of following one another.
#[derive(Debug, Clone, Default)]
pub(super) struct CountTable {
    slots: Vec<Slot>,
    /// 64 − log2(slots.len()).
    shift: u32,
    len: usize,
}

#[derive(Debug, Clone, Copy, Default)]
#[repr(C)]
struct Slot {
    key: u64,
    count: Count,
}

/// Slots of a table's first allocation.
const FIRST_LEN: usize = 1 << 10;

impl CountTable {
    /// Terms counted.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    fn home(&self, key: u64) -> usize {
        // Keys are hashes already, but a shard holds a range of their top bits: mix again
        // so the top bits, which pick the slot, are uniform.
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Count one more sentence of `key`, holding it `count` times; returns its new df.
    pub(super) fn add(&mut self, key: u64, count: u32) -> u32 {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let s = &mut self.slots[i];
            if s.count.df == 0 {
                *s = Slot {
                    key,
                    count: Count { df: 1, tf: count },
                };
                self.len += 1;
                return 1;
            }
            if s.key == key {
                s.count.df = s.count.df.saturating_add(1);
                s.count.tf = s.count.tf.saturating_add(count);
                return s.count.df;
            }
            i = (i + 1) & mask;
        }
    }

    /// Twice the slots, every term moved to its new home.
    fn grow(&mut self) {
        let len = (self.slots.len() * 2).max(FIRST_LEN);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); len]);
        self.shift = 64 - len.trailing_zeros();
        let mask = len - 1;
        for s in old.into_iter().filter(|s| s.count.df != 0) {
            let mut i = self.home(s.key);
            while self.slots[i].count.df != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }

    /// Ask the CPU to start loading `key`'s home slot (a hint: no effect on results).
    #[inline]
    pub(super) fn prefetch(&self, key: u64) {
        if !self.slots.is_empty() {
            super::prefetch(&self.slots[self.home(key)]);
        }
    }

    /// Every (key, count), in slot order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (u64, Count)> + '_ {
        self.slots.iter().filter(|s| s.count.df != 0).map(|s| (s.key, s.count))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashMap;

    #[test]
    fn count_table_agrees_with_a_hash_map_through_growth() {
        let mut t = CountTable::default();
        let mut reference: FxHashMap<u64, Count> = FxHashMap::default();
        let mut x = 0x1234_5678_9abc_def0u64;
        let mut keys = Vec::new();
        for c in 0..20_000u32 {
            // xorshift keys, each third one a repeat of an earlier key; 0 is a key too.
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let key = match c {
                7 => 0,
                _ if c % 3 == 2 => keys[(x % keys.len() as u64) as usize],
                _ => x,
            };
            keys.push(key);
            let n = (c % 5) + 1;
            let r = reference.entry(key).or_default();
            r.df += 1;
            r.tf += n;
            assert_eq!(t.add(key, n), r.df);
        }
        assert_eq!(t.len(), reference.len());
        assert!(t.slots.len() * 3 >= t.len() * 4, "at most 3/4 full");
        let mut got: Vec<(u64, Count)> = t.iter().collect();
        let mut want: Vec<(u64, Count)> = reference.into_iter().collect();
        got.sort_unstable_by_key(|p| p.0);
        want.sort_unstable_by_key(|p| p.0);
        assert_eq!(got, want);
    }

    #[test]
    fn counts_saturate_instead_of_wrapping() {
        let mut t = CountTable::default();
        t.add(5, u32::MAX);
        assert_eq!(t.add(5, 3), 2);
        assert_eq!(t.iter().collect::<Vec<_>>(), vec![(5, Count { df: 2, tf: u32::MAX })]);
        assert_eq!(CountTable::default().iter().count(), 0);
    }
}
