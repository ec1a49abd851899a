//! 64-bit keys for terms, so the hot loops (counting, TF-IDF lookup) hash and compare
//! integers instead of building and comparing n-gram strings.
//!
//! A stem's key is XXH3-64 of its UTF-8 bytes; an n-gram's key folds its last stem's key into
//! the key of its (n − 1)-gram prefix. Keys are the same on every machine and every run.
//! Two different terms sharing a key would have their counts merged: with 64-bit keys the
//! chance over ten million distinct terms is about 3 in a million, which we accept (and the
//! vocabulary index reports it, see `FittedTfidf::reindex`).

use xxhash_rust::xxh3::xxh3_64;

/// Key of one stem.
pub fn stem_key(stem: &str) -> u64 {
    xxh3_64(stem.as_bytes())
}

/// Key of an n-gram from the key of its prefix and the key of its last stem (order matters).
pub fn join_key(prefix: u64, last: u64) -> u64 {
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&prefix.to_le_bytes());
    b[8..].copy_from_slice(&last.to_le_bytes());
    xxh3_64(&b)
}

/// Key of a feature written as stems joined by single spaces ("pure defens"), equal to the
/// key the analyzer computes for the same n-gram.
pub fn feature_key(feature: &str) -> u64 {
    let mut parts = feature.split(' ');
    let first = stem_key(parts.next().unwrap_or(""));
    parts.fold(first, |k, p| join_key(k, stem_key(p)))
}

/// Keys of every 1..=`ngram_max`-gram of a sentence, in the order of `Analyzer::ngrams`
/// (all unigrams, then all bigrams, …), appended to `out`.
pub fn ngram_keys(unigrams: &[u64], ngram_max: usize, out: &mut Vec<u64>) {
    out.extend_from_slice(unigrams);
    let mut prev_start = out.len() - unigrams.len();
    for n in 2..=ngram_max.min(unigrams.len()) {
        let start = out.len();
        for i in 0..=unigrams.len() - n {
            let k = join_key(out[prev_start + i], unigrams[i + n - 1]);
            out.push(k);
        }
        prev_start = start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_keys_match_ngram_keys() {
        let stems = ["pure", "defens", "drill"];
        let u: Vec<u64> = stems.iter().map(|s| stem_key(s)).collect();
        let mut out = Vec::new();
        ngram_keys(&u, 3, &mut out);
        let want: Vec<u64> = [
            "pure",
            "defens",
            "drill",
            "pure defens",
            "defens drill",
            "pure defens drill",
        ]
        .iter()
        .map(|f| feature_key(f))
        .collect();
        assert_eq!(out, want);
    }

    #[test]
    fn order_and_grouping_change_the_key() {
        assert_ne!(feature_key("a b"), feature_key("b a"));
        assert_ne!(feature_key("a b"), stem_key("a b"));
        assert_ne!(feature_key("ab"), feature_key("a b"));
    }

    #[test]
    fn ngram_max_beyond_the_sentence_is_bounded() {
        let mut out = Vec::new();
        ngram_keys(&[1, 2], usize::MAX, &mut out);
        assert_eq!(out.len(), 3);
        out.clear();
        ngram_keys(&[], 2, &mut out);
        assert!(out.is_empty());
    }
}
