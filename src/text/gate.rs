//! A cheap pre-check before a hash lookup of a word: the voice split and sourcing look up
//! every token of every sentence (as a speech cue, as an actor's first word), and nearly all
//! of them are in no list. Hashing a string and probing the table cost some 75–95 instructions a token; this
//! test costs a handful and turns most tokens away.
//!
//! Hand-written (a 2 KB bit table, not a crate's Bloom filter): the keys are a few hundred
//! short words known at load time, and one table load with one bit test is all it needs.

/// For each (first two bytes, byte length) of a key set: whether some key has them. A word
/// whose bit is clear is in no key set; one whose bit is set may be (the lookup decides).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Gate {
    /// Slot [`slot`] of the first two bytes; bit `min(len, 63)`.
    bits: Box<[u64; 256]>,
}

/// The table slot of a word: its first two bytes hashed into 0..256 (a missing byte counts
/// as 0; Fibonacci hashing, so "us" and "US" land apart). Two bytes, not one: every
/// Cyrillic word starts with 0xD0 or 0xD1.
fn slot(word: &[u8]) -> usize {
    let b0 = word.first().copied().unwrap_or(0) as u32;
    let b1 = word.get(1).copied().unwrap_or(0) as u32;
    ((b0 << 8 | b1).wrapping_mul(0x9E37_79B9) >> 24) as usize
}

fn bit(word: &[u8]) -> u64 {
    1 << word.len().min(63)
}

/// The gate of no key: it holds every word back.
impl Default for Gate {
    fn default() -> Gate {
        Gate::new([])
    }
}

impl Gate {
    /// The gate of a key set.
    pub(crate) fn new<'a>(keys: impl IntoIterator<Item = &'a str>) -> Gate {
        let mut bits = Box::new([0u64; 256]);
        for k in keys {
            bits[slot(k.as_bytes())] |= bit(k.as_bytes());
        }
        Gate { bits }
    }

    /// False only when `word` is none of the keys.
    #[inline]
    pub(crate) fn may_hold(&self, word: &str) -> bool {
        let w = word.as_bytes();
        self.bits[slot(w)] & bit(w) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keys_pass_and_most_other_words_do_not() {
        let g = Gate::new(["putin", "US", "кремл", "according", "", "a"]);
        for k in ["putin", "US", "кремл", "according", "", "a"] {
            assert!(g.may_hold(k), "{k}");
        }
        assert!(!g.may_hold("the") && !g.may_hold("putins") && !g.may_hold("us"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        /// Never a false negative: every key passes, whatever the keys (any length, any script).
        #[test]
        fn every_key_passes(keys in proptest::collection::vec("\\PC{0,70}", 0..40)) {
            let g = Gate::new(keys.iter().map(String::as_str));
            for k in &keys {
                prop_assert!(g.may_hold(k), "{:?}", k);
            }
        }
    }
}
