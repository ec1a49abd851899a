//! The feature key → column lookup table ([`KeyIndex`]) a fitted vectoriser probes.

/// Feature key → column: open addressing with linear probing in one flat array of
/// 12-byte (key, column) slots, at most 3/4 full.
///
/// Hand-written rather than an `FxHashMap<u64, u32>`: scoring probes this table (a million
/// terms or more, far larger than the cache) for every n-gram of every sentence, several
/// times per sentence (whole sentence and voice parts). A probe here reads one slot, where
/// hashbrown reads a control group and then a bucket elsewhere (two cache misses), and a
/// row's home slots are prefetched before the first is read. No crate in the tree offers
/// a prefetchable flat map. Keys are already 64-bit hashes; they are mixed once more so
/// that the top bits, which pick the slot, are uniform whatever the key function.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct KeyIndex {
    slots: Vec<Slot>,
    /// 64 − log2(slots.len()).
    shift: u32,
}

/// One slot of a [`KeyIndex`]; `col == EMPTY` marks a free slot (columns are < u32::MAX).
#[derive(Debug, Clone, Copy, PartialEq)]
#[repr(C, packed)]
struct Slot {
    key: u64,
    col: u32,
}

const EMPTY: u32 = u32::MAX;

impl KeyIndex {
    /// An empty table with room for `n` keys.
    pub(super) fn with_capacity(n: usize) -> KeyIndex {
        let len = (n + n / 3 + 1).next_power_of_two().max(8);
        KeyIndex {
            slots: vec![Slot { key: 0, col: EMPTY }; len],
            shift: 64 - len.trailing_zeros(),
        }
    }

    pub(super) fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Insert `key → col` unless `key` is there already: the first column wins (as
    /// `entry(key).or_insert(col)` did).
    pub(super) fn insert_first(&mut self, key: u64, col: u32) {
        assert!(col != EMPTY, "column {col} out of range");
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let s = self.slots[i];
            if s.col == EMPTY {
                self.slots[i] = Slot { key, col };
                return;
            }
            if { s.key } == key {
                return;
            }
            i = (i + 1) & mask;
        }
    }

    pub(super) fn get(&self, key: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let s = self.slots[i];
            if s.col == EMPTY {
                return None;
            }
            if { s.key } == key {
                return Some(s.col);
            }
            i = (i + 1) & mask;
        }
    }

    /// Ask the CPU to start loading `key`'s home slot (a hint: no effect on results).
    #[inline]
    pub(super) fn prefetch(&self, key: u64) {
        if !self.slots.is_empty() {
            super::prefetch(&self.slots[self.home(key)]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashMap;

    /// Keys whose home slot in `idx` is `home` (found by search: the mixing is fixed).
    fn keys_at(idx: &KeyIndex, home: usize, n: usize) -> Vec<u64> {
        (1u64..).filter(|&k| idx.home(k) == home).take(n).collect()
    }

    #[test]
    fn key_index_probes_linearly_wraps_and_keeps_the_first_column() {
        // Room for 3 keys: 3 + 1 + 1 = 5 → 8 slots.
        let mut idx = KeyIndex::with_capacity(3);
        assert_eq!((idx.slots.len(), idx.shift), (8, 61));
        assert_eq!(idx.get(42), None);
        // Three keys that all start at the last slot: they take slots 7, 0 and 1.
        let k = keys_at(&idx, 7, 3);
        for (c, &key) in k.iter().enumerate() {
            idx.insert_first(key, c as u32 + 10);
        }
        let at = |i: usize| (idx.slots[i].key, idx.slots[i].col);
        assert_eq!([at(7), at(0), at(1)], [(k[0], 10), (k[1], 11), (k[2], 12)]);
        assert_eq!(at(2).1, EMPTY);
        // A repeated key keeps its first column.
        idx.insert_first(k[1], 99);
        assert_eq!(
            (idx.get(k[0]), idx.get(k[1]), idx.get(k[2])),
            (Some(10), Some(11), Some(12))
        );
        // A missing key homed at 7 walks 7, 0, 1 and stops at the empty slot 2.
        assert_eq!(idx.get(keys_at(&idx, 7, 4)[3]), None);
        // The empty default (before `reindex`) finds nothing.
        assert_eq!(KeyIndex::default().get(k[0]), None);
    }

    #[test]
    fn key_index_agrees_with_a_hash_map() {
        let mut idx = KeyIndex::with_capacity(5000);
        let mut reference: FxHashMap<u64, u32> = FxHashMap::default();
        let mut x = 0x1234_5678_9abc_def0u64;
        let mut keys = Vec::new();
        for c in 0..5000u32 {
            // xorshift keys, each tenth one a repeat of an earlier key.
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let key = if c % 10 == 9 {
                keys[(x % keys.len() as u64) as usize]
            } else {
                x
            };
            keys.push(key);
            idx.insert_first(key, c);
            reference.entry(key).or_insert(c);
        }
        assert!(idx.slots.len() * 3 >= reference.len() * 4, "at most 3/4 full");
        for &k in &keys {
            assert_eq!(idx.get(k), reference.get(&k).copied());
        }
        for k in 0..2000u64 {
            assert_eq!(idx.get(k), reference.get(&k).copied());
        }
    }
}
