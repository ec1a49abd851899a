//! Copies in a corpus, so that cross-fitting keeps them in one fold.
//!
//! Cross-fitting scores each article by a classifier that did not train on its fold's
//! articles. A copy of an article in another fold (wire copy reprinted by two outlets, a
//! seed file that is also among the articles) would have taught that classifier the very
//! sentences it then scores — the article's score would not be out-of-fold. So two articles
//! are copies when the sentences they share, word for word, are at least half of either
//! one's (in effect, of the shorter one's), and a group of copies — every article linked to
//! another by that rule, transitively — is one fold.
//!
//! The rule is symmetric, and a group is a connected component, so the groups do not depend
//! on the order the articles come in. Before session 50 an article joined the group of the
//! one earlier article it shared most with, when that was half of *its own* sentences: a
//! short brief after the long story it reprints was a copy, the same brief before it was not,
//! and reversing a corpus's order gave other folds and other scores (review G, session 50:
//! 802 of 895 articles moved, up to 0.05).
//!
//! Sentences shorter than [`MIN_SENTENCE_BYTES`] are not compared ("Read more.", a
//! dateline): many articles share them without being copies. The index of sentences seen
//! holds at most [`MAX_INDEXED_SENTENCES`] (about 1.8 million sentences, 80,000 news
//! articles; 34 MB): past it, later articles are still compared with the indexed ones, but
//! their own sentences are not added, so memory stays bounded at any corpus size. These two
//! bounds (and [`MAX_MORE_HOLDERS`]) are the only places where order can still matter: past
//! them, which articles are indexed is the first ones read.

/// Sentences shorter than this (in bytes) are not compared.
pub const MIN_SENTENCE_BYTES: usize = 20;

/// At most this many article sentences (distinct within their article) are indexed, those of
/// the first articles read: about 80,000 news articles, 43 MB (8 bytes each as read, 16 in
/// the sorted index). An article whose sentences no longer fit, and every one after it, is
/// compared with the indexed articles as it comes, and not with the other late ones.
pub const MAX_INDEXED_SENTENCES: usize = 7 << 18;

/// A sentence that more articles than this carry is boilerplate-like ("Follow our live
/// coverage of the war in Ukraine.") or a stock background line, not copy: it counts for no
/// pair of articles. The bound is on the final number of holders, so it does not depend on
/// order either. Without it, articles recombined from a few hundred stock sentences were all
/// linked into one group, one fold, and cross-fitting scored nothing out of fold (a
/// reprint carried by more outlets than this is not found either: before session 50 the
/// first 17 holders of a sentence were credited with it, whatever the order). It also bounds
/// the work, which grows with the square of a sentence's holders.
const MAX_HOLDERS: usize = 64;

/// Groups of copies. Articles are added in corpus order; the groups are decided once every
/// article is in ([`CopyIndex::into_groups`]).
#[derive(Debug, Default)]
pub struct CopyIndex {
    /// The indexed articles' distinct sentence hashes, one article after another, …
    hashes: Vec<u64>,
    /// … article `a`'s from `ends[a - 1]` (0 for the first) to `ends[a]`.
    ends: Vec<usize>,
    /// Once sealed (the first article that did not fit): (hash, article) of every indexed
    /// sentence, sorted, so a sentence's holders are one run.
    sorted: Option<Vec<(u64, u32)>>,
    /// Per article, its number of distinct compared sentences.
    size: Vec<u32>,
    /// Union–find over articles: each points towards its group's first article (the root
    /// is always the group's smallest number). Hand-written: a dozen lines, where a crate
    /// would bring its own index types for this one use.
    parent: Vec<u32>,
}

impl CopyIndex {
    /// Add the next article, by its sentences' texts (headline included).
    pub fn add<'t>(&mut self, sentences: impl IntoIterator<Item = &'t str>) {
        let a = self.parent.len() as u32;
        let mut distinct: Vec<u64> = sentences
            .into_iter()
            .filter(|s| s.len() >= MIN_SENTENCE_BYTES)
            .map(|s| xxhash_rust::xxh3::xxh3_64(s.as_bytes()))
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        self.parent.push(a);
        self.size.push(distinct.len() as u32);
        if self.sorted.is_none() && self.hashes.len() + distinct.len() <= MAX_INDEXED_SENTENCES {
            self.hashes.extend_from_slice(&distinct);
            self.ends.push(self.hashes.len());
            return;
        }
        // A late article: compared with every indexed one now.
        self.seal();
        let pairs = self.shared_with(a, &distinct, |_| true);
        self.join(a, &pairs);
    }

    /// Sort the indexed sentences by hash (once).
    fn seal(&mut self) {
        if self.sorted.is_some() {
            return;
        }
        let mut sorted = Vec::with_capacity(self.hashes.len());
        let mut start = 0;
        for (b, &end) in self.ends.iter().enumerate() {
            sorted.extend(self.hashes[start..end].iter().map(|&h| (h, b as u32)));
            start = end;
        }
        sorted.sort_unstable();
        self.sorted = Some(sorted);
    }

    /// The indexed articles `keep` accepts (other than `a`) that carry some of `distinct`,
    /// with how many: sentences carried by more than [`MAX_HOLDERS`] articles aside.
    fn shared_with(&self, a: u32, distinct: &[u64], keep: impl Fn(u32) -> bool) -> Vec<(u32, usize)> {
        let sorted = self.sorted.as_deref().unwrap_or_default();
        let mut holders: Vec<u32> = Vec::new();
        for &h in distinct {
            let from = sorted.partition_point(|&(x, _)| x < h);
            let run = sorted[from..].iter().take_while(|&&(x, _)| x == h).count();
            // An indexed article is among the run's holders; a late one is not, but holds it.
            let indexed = (a as usize) < self.ends.len();
            let carried = run + usize::from(!indexed);
            if !(2..=MAX_HOLDERS).contains(&carried) {
                continue;
            }
            holders.extend(
                sorted[from..from + run]
                    .iter()
                    .map(|&(_, b)| b)
                    .filter(|&b| b != a && keep(b)),
            );
        }
        holders.sort_unstable();
        holders.chunk_by(|x, y| x == y).map(|c| (c[0], c.len())).collect()
    }

    /// Join `a` with every article of `shared` whose shared sentences are at least half of
    /// either one's.
    fn join(&mut self, a: u32, shared: &[(u32, usize)]) {
        for &(b, n) in shared {
            let smaller = self.size[a as usize].min(self.size[b as usize]) as usize;
            if 2 * n >= smaller {
                self.union(a, b);
            }
        }
    }

    /// Decide the groups of the indexed articles: every pair compared once, from the later one.
    fn decide(&mut self) {
        self.seal();
        let mut start = 0;
        for a in 0..self.ends.len() {
            let end = self.ends[a];
            let pairs = self.shared_with(a as u32, &self.hashes[start..end], |b| (b as usize) < a);
            start = end;
            self.join(a as u32, &pairs);
        }
    }

    /// The first article of `a`'s group, shortening the path on the way.
    fn root(&mut self, mut a: u32) -> u32 {
        while self.parent[a as usize] != a {
            let up = self.parent[self.parent[a as usize] as usize];
            self.parent[a as usize] = up;
            a = up;
        }
        a
    }

    /// Join the groups of `a` and `b` under the smaller root.
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.root(a), self.root(b));
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        self.parent[hi as usize] = lo;
    }

    /// Per article (corpus order), the first article of its group.
    pub fn into_groups(mut self) -> Vec<u32> {
        self.decide();
        (0..self.parent.len() as u32).map(|a| self.root(a)).collect()
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

    /// The six articles of the first test, by number.
    fn six() -> Vec<Vec<&'static str>> {
        vec![
            doc(&[A, B, C]),
            doc(&[D, "Kyiv asked for more air defence systems today."]),
            doc(&[A, B, "A wholly new closing sentence of the reprint."]),
            doc(&[
                A,
                D,
                "Yet another sentence that is found nowhere else.",
                "And one more sentence of its very own here.",
            ]),
            doc(&[D, "Kyiv asked for more air defence systems today.", A]),
            doc(&[A, B, "A wholly new closing sentence of the reprint."]),
        ]
    }

    #[test]
    fn articles_sharing_half_of_either_ones_sentences_are_one_group() {
        let mut ix = CopyIndex::default();
        for d in six() {
            ix.add(d);
        }
        // 2 shares 2 of its 3 with 0; 3 shares D, half of 1's two, with 1; 4 shares both of
        // 1's with 1 and 2 of its 3 (A, D) with 3; 5 is 2 again. 3 and 0 share only A, one
        // of three: not copies.
        assert_eq!(ix.into_groups(), [0, 1, 0, 1, 1, 0]);
    }

    /// Review G, session 50: a short brief reprinting part of a long story was a copy when it
    /// came after the story and not before it, so reversing a corpus changed folds and scores.
    #[test]
    fn the_groups_are_the_same_in_every_order() {
        let articles = six();
        let expected: Vec<Vec<usize>> = vec![vec![0, 2, 5], vec![1, 3, 4]];
        let mut order: Vec<usize> = (0..articles.len()).collect();
        let mut seen = 0;
        // Heap's algorithm: every one of the 720 orders.
        fn permute(k: usize, order: &mut Vec<usize>, f: &mut impl FnMut(&[usize])) {
            if k == 1 {
                return f(order);
            }
            for i in 0..k {
                permute(k - 1, order, f);
                let j = if k.is_multiple_of(2) { i } else { 0 };
                order.swap(j, k - 1);
            }
        }
        permute(articles.len(), &mut order, &mut |order: &[usize]| {
            let mut ix = CopyIndex::default();
            for &a in order {
                ix.add(articles[a].clone());
            }
            let groups = ix.into_groups();
            let mut parts: Vec<Vec<usize>> = Vec::new();
            for root in 0..order.len() {
                let mut part: Vec<usize> = (0..order.len())
                    .filter(|&i| groups[i] as usize == root)
                    .map(|i| order[i])
                    .collect();
                part.sort_unstable();
                if part.len() > 1 {
                    parts.push(part);
                }
            }
            parts.sort();
            assert_eq!(parts, expected, "order {order:?}");
            seen += 1;
        });
        assert_eq!(seen, 720);
        // The brief of the review: 2 of its 3 sentences from a 17-sentence story, either way.
        let story: Vec<String> = (0..17)
            .map(|i| format!("Story sentence number {i} of the long report."))
            .collect();
        let story: Vec<&str> = story.iter().map(String::as_str).collect();
        let brief = [story[3], story[9], "The brief's own closing line, not in the story."];
        for brief_first in [false, true] {
            let mut ix = CopyIndex::default();
            if brief_first {
                ix.add(brief);
                ix.add(story.clone());
            } else {
                ix.add(story.clone());
                ix.add(brief);
            }
            assert_eq!(ix.into_groups(), [0, 0], "brief first: {brief_first}");
        }
    }

    /// A short article whose one compared sentence two groups both carry copies each of them,
    /// so its group is theirs together: no classifier that scores it may train on either.
    #[test]
    fn an_article_copying_two_groups_joins_them() {
        let mut ix = CopyIndex::default();
        for d in six() {
            ix.add(d);
        }
        ix.add(doc(&["Short.", "Read more.", A])); // 6: A, in 0, 2, 3, 4 and 5
        assert_eq!(ix.into_groups(), [0, 0, 0, 0, 0, 0, 0]);
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

    /// A stock line in more than [`MAX_HOLDERS`] articles links none of them; in fewer, it
    /// links every pair it is half of.
    #[test]
    fn a_line_most_articles_carry_links_none_of_them() {
        let stock = "Russia launched its full-scale invasion of Ukraine on 24 February.";
        let groups = |n: usize| {
            let own: Vec<String> = (0..n)
                .map(|i| format!("Article {i} has a sentence of its own here."))
                .collect();
            let mut ix = CopyIndex::default();
            for o in &own {
                ix.add([stock, o.as_str()]);
            }
            ix.into_groups()
        };
        assert!(groups(MAX_HOLDERS).iter().all(|&g| g == 0));
        let many = groups(MAX_HOLDERS + 1);
        assert!(many.iter().enumerate().all(|(a, &g)| g as usize == a), "{many:?}");
    }

    #[test]
    fn short_sentences_never_make_a_copy() {
        let mut ix = CopyIndex::default();
        ix.add(doc(&["Read more.", "Reuters"]));
        ix.add(doc(&["Read more.", "Reuters"]));
        assert_eq!(ix.into_groups(), [0, 1]);
    }
}
