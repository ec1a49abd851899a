//! Copies in a corpus, so that cross-fitting keeps them in one fold.
//!
//! Cross-fitting scores each article by a classifier that did not train on its fold's
//! articles. A copy of an article in another fold (wire copy reprinted by two outlets, a
//! seed file that is also among the articles) would have taught that classifier the very
//! sentences it then scores — the article's score would not be out-of-fold. So an article
//! that repeats at least half of its sentences, word for word, from one earlier article joins
//! that article's group, and a group is one fold (the fold of its first article).
//!
//! Sentences shorter than [`MIN_SENTENCE_BYTES`] are not compared ("Read more.", a
//! dateline): many articles share them without being copies. The index of sentences seen
//! holds at most [`MAX_INDEXED_SENTENCES`] (about 1.8 million sentences, 80,000 news
//! articles; 34 MB): past it, later articles are still compared with the indexed ones, but
//! their own sentences are not added, so memory stays bounded at any corpus size.

use rustc_hash::FxHashMap;

/// Sentences shorter than this (in bytes) are not compared.
pub const MIN_SENTENCE_BYTES: usize = 20;

/// At most this many distinct sentences are indexed: 7/8 of 2²¹, the most a hash table of
/// 2²¹ buckets holds before it doubles (measured at 100,000 articles with 2²¹ as the cap:
/// +97 MB at pass 1's peak, the table growing to 2²² buckets while the old one was alive).
pub const MAX_INDEXED_SENTENCES: usize = 7 << 18;

/// A sentence is credited to at most this many earlier articles besides the first that had
/// it: one repeated more often is boilerplate-like, and its first holders are enough.
const MAX_MORE_HOLDERS: usize = 16;

/// Groups of copies, built article by article in corpus order.
#[derive(Debug, Default)]
pub struct CopyIndex {
    /// Sentence hash → the first article that had it.
    first: FxHashMap<u64, u32>,
    /// Sentence hash → the later articles that had it too (only sentences seen twice).
    more: FxHashMap<u64, Vec<u32>>,
    /// Entries in `first` and `more`, bounded by [`MAX_INDEXED_SENTENCES`].
    indexed: usize,
    /// Per article, the first article of its group (itself when it copies none).
    group: Vec<u32>,
}

impl CopyIndex {
    /// Add the next article, by its sentences' texts (headline included).
    pub fn add<'t>(&mut self, sentences: impl IntoIterator<Item = &'t str>) {
        let a = self.group.len() as u32;
        let mut distinct: Vec<u64> = sentences
            .into_iter()
            .filter(|s| s.len() >= MIN_SENTENCE_BYTES)
            .map(|s| xxhash_rust::xxh3::xxh3_64(s.as_bytes()))
            .collect();
        // Sentences found in each earlier article (a handful of articles per article).
        let mut found: Vec<(u32, usize)> = Vec::new();
        distinct.sort_unstable();
        distinct.dedup();
        // Every earlier article holding a sentence is credited with it, not only the first:
        // a reprint of a reprint shares its sentences with both.
        for h in &distinct {
            let Some(&b) = self.first.get(h) else { continue };
            let more = self.more.get(h).map_or(&[][..], Vec::as_slice);
            for &b in std::iter::once(&b).chain(more) {
                match found.iter_mut().find(|(x, _)| *x == b) {
                    Some((_, n)) => *n += 1,
                    None => found.push((b, 1)),
                }
            }
        }
        // The earlier article it shares most with (the first of equals).
        let best = found
            .iter()
            .max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(&x.0)))
            .filter(|&&(_, n)| !distinct.is_empty() && 2 * n >= distinct.len());
        let g = match best {
            Some(&(b, _)) => self.group[b as usize],
            None => a,
        };
        self.group.push(g);
        for h in distinct {
            if self.indexed >= MAX_INDEXED_SENTENCES {
                break;
            }
            match self.first.entry(h) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(a);
                    self.indexed += 1;
                }
                std::collections::hash_map::Entry::Occupied(_) => {
                    if self.more.get(&h).is_none_or(|m| m.len() < MAX_MORE_HOLDERS) {
                        self.more.entry(h).or_default().push(a);
                        self.indexed += 1;
                    }
                }
            }
        }
    }

    /// Articles that joined an earlier article's group.
    pub fn copies(&self) -> usize {
        (self.group.iter().enumerate())
            .filter(|&(a, &g)| g as usize != a)
            .count()
    }

    /// Per article (corpus order), the first article of its group.
    pub fn into_groups(self) -> Vec<u32> {
        self.group
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'t>(sentences: &[&'t str]) -> Vec<&'t str> {
        sentences.to_vec()
    }

    const A: &str = "Russia massed troops near the border on Monday.";
    const B: &str = "The West warned of severe sanctions if it invaded.";
    const C: &str = "Moscow denied any plan to attack its neighbour.";
    const D: &str = "Talks in Geneva ended without any agreement.";

    #[test]
    fn an_article_repeating_half_its_sentences_from_one_earlier_article_joins_its_group() {
        let mut ix = CopyIndex::default();
        ix.add(doc(&[A, B, C])); // 0
        ix.add(doc(&[D, "Kyiv asked for more air defence systems today."])); // 1: new
        ix.add(doc(&[A, B, "A wholly new closing sentence of the reprint."])); // 2: 2 of 3 from 0
        ix.add(doc(&[
            A,
            D,
            "Yet another sentence that is found nowhere else.",
            "And one more sentence of its very own here.",
        ])); // 3: 1 of 4 from 0, 1 from 1
        ix.add(doc(&[D, "Kyiv asked for more air defence systems today.", A])); // 4: 2 of 3 from 1
        ix.add(doc(&[A, B, "A wholly new closing sentence of the reprint."])); // 5: copy of 2 → 0's group
        ix.add(doc(&["Short.", "Read more.", A])); // 6: one comparable sentence, from 0
        assert_eq!(ix.copies(), 4);
        assert_eq!(ix.into_groups(), [0, 1, 0, 3, 1, 0, 0]);
    }

    #[test]
    fn a_sentence_counts_for_every_earlier_article_that_had_it() {
        // 3 repeats 4 of its 5 sentences from 2, though A and B were first seen in 0 and 1.
        let (p, q, r) = (
            "Sentence P is found in one place.",
            "Sentence Q is found in one place.",
            "Sentence R is found in one place.",
        );
        let (s, t, u) = (
            "Sentence S is found in one place.",
            "Sentence T is found in one place.",
            "Sentence U is found in one place.",
        );
        let (x, y, z) = (
            "Sentence X is found in two places.",
            "Sentence Y is found in two places.",
            "Sentence Z is found in one place.",
        );
        let mut ix = CopyIndex::default();
        ix.add(doc(&[A, p, q, r]));
        ix.add(doc(&[B, s, t, u]));
        ix.add(doc(&[A, B, x, y])); // 1 of 4 from 0, 1 of 4 from 1: its own group
        ix.add(doc(&[A, B, x, y, z])); // 4 of 5 from 2
        assert_eq!(ix.into_groups(), [0, 1, 2, 2]);
    }

    #[test]
    fn short_sentences_never_make_a_copy() {
        let mut ix = CopyIndex::default();
        ix.add(doc(&["Read more.", "Reuters"]));
        ix.add(doc(&["Read more.", "Reuters"]));
        assert_eq!(ix.into_groups(), [0, 1]);
    }
}
