//! The vectoriser: its options ([`TfidfParams`]), fitting them to term counts (pruning, idf)
//! and the fitted vocabulary that turns text into rows ([`FittedTfidf`]).

use super::key_index::KeyIndex;
use super::{SparseVec, TermCounts};
use crate::error::{Error, Result};
use crate::text::keys::{feature_key, ngram_keys};
use serde::{Deserialize, Serialize};

/// Vocabulary pruning and weighting options, checked before fitting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TfidfParams {
    /// Drop terms in fewer than this many documents.
    pub min_df: usize,
    /// Drop terms in more than this share of documents (0 < max_df ≤ 1).
    pub max_df: f64,
    /// Keep only the most frequent terms (by total count; ties by term order).
    pub max_features: Option<usize>,
    /// tf = 1 + ln(count) instead of count.
    pub sublinear_tf: bool,
}

impl Default for TfidfParams {
    fn default() -> Self {
        TfidfParams {
            min_df: 1,
            max_df: 1.0,
            max_features: None,
            sublinear_tf: true,
        }
    }
}

impl TfidfParams {
    /// Validate once, before fitting.
    pub fn check(&self) -> Result<()> {
        if !(self.max_df > 0.0 && self.max_df <= 1.0) {
            return Err(Error::InvalidParam {
                name: "max_df",
                message: format!("{} is not in (0, 1]", self.max_df),
            });
        }
        if self.max_features == Some(0) {
            return Err(Error::InvalidParam {
                name: "max_features",
                message: "must be at least 1".into(),
            });
        }
        Ok(())
    }

    /// Prune the vocabulary and compute idf.
    pub fn fit(&self, counts: TermCounts) -> Result<FittedTfidf> {
        self.check()?;
        let n = counts.n_docs;
        if (self.min_df.max(1) as u64) < counts.named_from as u64 {
            return Err(Error::InvalidParam {
                name: "min_df",
                message: format!(
                    "{} is below the {} the terms were counted for",
                    self.min_df, counts.named_from
                ),
            });
        }
        let max_count = self.max_df * n as f64;
        let kept = counts.kept(|df| (df as usize) >= self.min_df && (df as f64) <= max_count);
        let mut kept = kept;
        if let Some(m) = self.max_features {
            kept.sort_unstable_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
            kept.truncate(m);
        }
        if kept.is_empty() {
            // The setting is the problem, not the articles (review, session 49: it read "no
            // usable articles: …").
            return Err(Error::OneSided {
                message: format!(
                    "no terms remain after pruning (min_df={}, max_df={}) over {n} sentences: lower --min-df or raise --max-df",
                    self.min_df, self.max_df
                ),
            });
        }
        let order = name_order(&kept);
        // One pass in column order over `kept`: a random walk through it, one cache miss per
        // term where three passes took three, each load started 8–16 terms ahead (1.5 → 0.6 s
        // for 5.7 M terms). The names are copied before the originals go: `kept` made them on
        // the counting threads, among the count tables' allocations; fresh and in order they
        // sit together, and the freed tables' pages can go back. Without this copy a
        // 100k-article run scored 7% slower and its resident memory stayed ~100 MB higher to
        // the end (measured, session 40).
        let mut index = KeyIndex::with_capacity(kept.len());
        let (mut terms, mut idf) = (Vec::with_capacity(kept.len()), Vec::with_capacity(kept.len()));
        for (j, &i) in order.iter().enumerate() {
            // Loads started ahead: the tuple 16 terms on, the index slot and name 8 on.
            if let Some(&a) = order.get(j + 16) {
                super::prefetch(&kept[a as usize]);
            }
            if let Some(&b) = order.get(j + 8) {
                let t = &kept[b as usize];
                index.prefetch(t.3);
                if let Some(c) = t.0.as_bytes().first() {
                    super::prefetch(c);
                }
            }
            let (name, df, _, key) = &kept[i as usize];
            idf.push(((1.0 + n as f64) / (1.0 + *df as f64)).ln() + 1.0);
            index.insert_first(*key, j as u32);
            terms.push(name.as_str().to_owned());
        }
        drop(kept);
        Ok(FittedTfidf {
            params: self.clone(),
            n_docs: n,
            terms,
            idf,
            index,
        })
    }
}

/// The positions of `kept`'s terms in name order (bytewise, as `String`'s `Ord`): compared
/// by their first 8 bytes as a number, then, where those are equal, by the whole names, on
/// every core. Sorting the 48-byte tuples by name was a fifth of the training stage of a
/// 100k-article run (8 M terms), most of it in `memcmp` and moving tuples.
fn name_order(kept: &[(String, u32, u64, u64)]) -> Vec<u32> {
    use rayon::slice::ParallelSliceMut;
    // Zero-padded: a name shorter than 8 bytes sorts before every longer name it begins,
    // and a tie (a name with NUL bytes, or a shared 8-byte start) goes to the full compare.
    let prefix = |t: &str| {
        let mut b = [0u8; 8];
        let n = t.len().min(8);
        b[..n].copy_from_slice(&t.as_bytes()[..n]);
        u64::from_be_bytes(b)
    };
    let mut order: Vec<(u64, u32)> = (kept.iter().enumerate())
        .map(|(i, t)| (prefix(&t.0), i as u32))
        .collect();
    order.par_sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| kept[a.1 as usize].0.cmp(&kept[b.1 as usize].0))
    });
    order.into_iter().map(|(_, i)| i).collect()
}

/// A fitted vectoriser: sorted vocabulary and its idf.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedTfidf {
    pub params: TfidfParams,
    pub n_docs: usize,
    /// Vocabulary in sorted order: column j is `terms[j]`.
    pub terms: Vec<String>,
    pub idf: Vec<f64>,
    /// Feature key ([`crate::text::keys`]) → column.
    #[serde(skip)]
    index: KeyIndex,
}

impl FittedTfidf {
    pub fn new(params: TfidfParams, n_docs: usize, terms: Vec<String>, idf: Vec<f64>) -> FittedTfidf {
        let mut f = FittedTfidf {
            params,
            n_docs,
            terms,
            idf,
            index: KeyIndex::default(),
        };
        f.reindex();
        f
    }

    /// Rebuild the key → column map (after deserialising). Two terms sharing a 64-bit key
    /// (vanishingly rare, see [`crate::text::keys`]) would share the first one's column.
    pub fn reindex(&mut self) {
        let mut index = KeyIndex::with_capacity(self.terms.len());
        for (i, t) in self.terms.iter().enumerate() {
            index.insert_first(feature_key(t), i as u32);
        }
        self.index = index;
    }

    pub fn n_features(&self) -> usize {
        self.terms.len()
    }

    pub fn column(&self, term: &str) -> Option<u32> {
        self.index.get(feature_key(term))
    }

    /// The l2-normalised TF-IDF row of one document given as feature strings; unknown terms
    /// are ignored.
    pub fn transform<S: AsRef<str>>(&self, features: &[S]) -> SparseVec {
        let keys: Vec<u64> = features.iter().map(|f| feature_key(f.as_ref())).collect();
        self.transform_keys(&keys)
    }

    /// The row of a sentence from its stem keys (its n-grams are keyed here).
    pub fn transform_stem_keys(&self, stem_keys: &[u64], ngram_max: usize) -> SparseVec {
        let mut out = SparseVec::default();
        self.transform_stem_keys_into(stem_keys, ngram_max, &mut out);
        out
    }

    /// [`transform_stem_keys`](Self::transform_stem_keys) into `out` (cleared first): scoring
    /// makes a row per sentence and per voice part, and reuses one row's buffers and the
    /// thread's key and column buffers instead of allocating four vectors each time.
    pub fn transform_stem_keys_into(&self, stem_keys: &[u64], ngram_max: usize, out: &mut SparseVec) {
        ROW_SCRATCH.with(|scratch| {
            let (keys, ids) = &mut *scratch.borrow_mut();
            keys.clear();
            ngram_keys(stem_keys, ngram_max, keys);
            self.row_into(keys, ids, out);
        })
    }

    /// The row of a document given as feature keys.
    pub fn transform_keys(&self, keys: &[u64]) -> SparseVec {
        let mut out = SparseVec::default();
        self.row_into(keys, &mut Vec::new(), &mut out);
        out
    }

    /// The row of `keys` into `out`, with `ids` as the columns' buffer.
    fn row_into(&self, keys: &[u64], ids: &mut Vec<u32>, out: &mut SparseVec) {
        keys.iter().for_each(|&k| self.index.prefetch(k));
        ids.clear();
        ids.extend(keys.iter().filter_map(|&k| self.index.get(k)));
        ids.sort_unstable();
        out.idx.clear();
        out.val.clear();
        let mut k = 0;
        while k < ids.len() {
            let mut c = 1;
            while k + c < ids.len() && ids[k + c] == ids[k] {
                c += 1;
            }
            let tf = if self.params.sublinear_tf {
                1.0 + (c as f64).ln()
            } else {
                c as f64
            };
            out.idx.push(ids[k]);
            out.val.push(tf * self.idf[ids[k] as usize]);
            k += c;
        }
        let norm = out.val.iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm > 0.0 {
            out.val.iter_mut().for_each(|v| *v /= norm);
        }
    }
}

thread_local! {
    /// [`FittedTfidf::transform_stem_keys_into`]'s n-gram keys and columns.
    static ROW_SCRATCH: std::cell::RefCell<(Vec<u64>, Vec<u32>)> = Default::default();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs() -> Vec<Vec<String>> {
        [vec!["kiev", "talk", "kiev"], vec!["kyiv", "talk"], vec!["talk"]]
            .into_iter()
            .map(|d| d.into_iter().map(String::from).collect())
            .collect()
    }

    fn fit(p: TfidfParams) -> FittedTfidf {
        let mut c = TermCounts::default();
        docs().iter().for_each(|d| c.add_stems(d, 1));
        p.fit(c).unwrap()
    }

    #[test]
    fn matches_a_hand_computation() {
        // n = 3; df(kiev)=1, df(kyiv)=1, df(talk)=3.
        // idf(kiev) = ln(4/2)+1 = 1.693147…, idf(talk) = ln(4/4)+1 = 1.
        // Doc 0, raw tf: kiev 2, talk 1 → (3.386294, 1) / sqrt(3.386294² + 1).
        let f = fit(TfidfParams {
            sublinear_tf: false,
            ..Default::default()
        });
        assert_eq!(f.terms, vec!["kiev", "kyiv", "talk"]);
        let idf_kiev = 2f64.ln() + 1.0;
        assert!((f.idf[0] - idf_kiev).abs() < 1e-15);
        assert_eq!(f.idf[2], 1.0);
        let v = f.transform(&docs()[0]);
        let norm = ((2.0 * idf_kiev).powi(2) + 1.0).sqrt();
        assert_eq!(v.idx, vec![0, 2]);
        assert!((v.val[0] - 2.0 * idf_kiev / norm).abs() < 1e-15);
        assert!((v.val[1] - 1.0 / norm).abs() < 1e-15);
        // Sublinear: tf(kiev) = 1 + ln 2.
        let s = fit(TfidfParams::default()).transform(&docs()[0]);
        let a = (1.0 + 2f64.ln()) * idf_kiev;
        assert!((s.val[0] - a / (a * a + 1.0).sqrt()).abs() < 1e-15);
    }

    /// Name order by 8-byte prefixes and full compares is `String`'s order: names shorter
    /// than 8 bytes, sharing 8 bytes, with NUL bytes and multi-byte characters.
    #[test]
    fn name_order_is_the_strings_order() {
        let names = [
            "abcdefghi",
            "ab",
            "",
            "abcdefgh",
            "abcdefgh\0",
            "ab\0",
            "ru:на",
            "ru:наш",
            "é",
            "z",
            "abcdefgg",
            "ab c",
        ];
        let kept: Vec<(String, u32, u64, u64)> = names.iter().map(|s| (s.to_string(), 1, 1, 0)).collect();
        let got: Vec<&str> = name_order(&kept).iter().map(|&i| names[i as usize]).collect();
        let mut want = names.to_vec();
        want.sort();
        assert_eq!(got, want);
    }

    proptest::proptest! {
        #[test]
        fn name_order_sorts_like_strings(names in proptest::collection::hash_set("[ab\\x00é ]{0,11}", 0..60)) {
            let names: Vec<String> = names.into_iter().collect();
            let kept: Vec<(String, u32, u64, u64)> = names.iter().map(|s| (s.clone(), 1, 1, 0)).collect();
            let got: Vec<&String> = name_order(&kept).iter().map(|&i| &names[i as usize]).collect();
            let mut want: Vec<&String> = names.iter().collect();
            want.sort();
            proptest::prop_assert_eq!(got, want);
        }
    }

    /// The index a fit builds from the counts' keys is the one hashing every name builds
    /// (as a model read from model.json gets it), with bigrams and prefixed stems, after
    /// pruning and `max_features`.
    #[test]
    fn a_fits_index_is_the_index_of_its_names() {
        let docs = [
            vec!["kiev", "talk", "kiev"],
            vec!["kyiv", "talk"],
            vec!["ru:на", "ru:украин", "talk"],
        ];
        for p in [
            TfidfParams::default(),
            TfidfParams {
                max_features: Some(3),
                ..Default::default()
            },
        ] {
            let mut c = TermCounts::default();
            docs.iter()
                .for_each(|d| c.add_stems(&d.iter().map(|s| s.to_string()).collect::<Vec<_>>(), 2));
            let f = p.fit(c).unwrap();
            assert!(f.terms.iter().any(|t| t == "ru:на ru:украин") || p.max_features.is_some());
            let mut again = f.clone();
            again.reindex();
            assert_eq!(again, f);
            for (j, t) in f.terms.iter().enumerate() {
                assert_eq!(f.column(t), Some(j as u32), "{t}");
            }
        }
    }

    #[test]
    fn pruning_follows_min_df_max_df_and_max_features() {
        assert_eq!(
            fit(TfidfParams {
                min_df: 2,
                ..Default::default()
            })
            .terms,
            vec!["talk"]
        );
        assert_eq!(
            fit(TfidfParams {
                max_df: 0.5,
                ..Default::default()
            })
            .terms,
            vec!["kiev", "kyiv"]
        );
        // Total counts: kiev 2, kyiv 1, talk 3 → top 2 are talk, kiev; columns stay sorted.
        assert_eq!(
            fit(TfidfParams {
                max_features: Some(2),
                ..Default::default()
            })
            .terms,
            vec!["kiev", "talk"]
        );
        assert!(TfidfParams {
            max_df: 0.0,
            ..Default::default()
        }
        .check()
        .is_err());
    }

    #[test]
    fn counts_name_ngrams_and_do_not_depend_on_sharding() {
        // Sentences as stems; 1–3-grams. Hand count: "a b" in both sentences → df 2, tf 2;
        // "a b a" once; "b a" once; "a" three times in two sentences.
        let sentences = [vec!["a", "b", "a"], vec!["a", "b"]];
        let fit = |shards: usize| {
            let mut c = TermCounts::with_shards(shards);
            sentences.iter().for_each(|s| c.add_stems(s, 3));
            TfidfParams::default().fit(c).unwrap()
        };
        let one = fit(1);
        assert_eq!(one.terms, vec!["a", "a b", "a b a", "b", "b a"]);
        // idf(a b) = ln(3/3) + 1 = 1; idf(a b a) = ln(3/2) + 1.
        assert_eq!(one.idf[1], 1.0);
        assert!((one.idf[2] - (1.5f64.ln() + 1.0)).abs() < 1e-15);
        assert_eq!(one, fit(4));
        assert_eq!(one, fit(7));
        // Counting for min_df 2 names only what can reach df 2, and gives the same model as
        // counting everything and pruning; a lower min_df is refused, not misnamed.
        let min2 = TfidfParams {
            min_df: 2,
            ..Default::default()
        };
        let pruned = |shards: usize, named_from: usize| {
            let mut c = TermCounts::with_shards(shards).for_min_df(named_from);
            sentences.iter().for_each(|s| c.add_stems(s, 3));
            min2.fit(c).unwrap()
        };
        assert_eq!(pruned(1, 2).terms, vec!["a", "a b", "b"]);
        assert_eq!(pruned(1, 2), pruned(1, 1));
        assert_eq!(pruned(1, 2), pruned(5, 2));
        let mut c = TermCounts::with_shards(2).for_min_df(2);
        sentences.iter().for_each(|s| c.add_stems(s, 3));
        assert!(TfidfParams::default().fit(c).is_err());
        // The row of a sentence from its stem keys equals the row from its feature strings.
        let keys: Vec<u64> = ["a", "b", "a"].iter().map(|s| crate::text::keys::stem_key(s)).collect();
        assert_eq!(
            one.transform_stem_keys(&keys, 3),
            one.transform(&["a", "b", "a", "a b", "b a", "a b a"])
        );
    }

    #[test]
    fn unknown_terms_are_ignored_and_empty_rows_stay_empty() {
        let f = fit(TfidfParams::default());
        assert!(f.transform(&["zzz"]).is_empty());
        let v = f.transform(&["kyiv".to_string(), "zzz".to_string()]);
        assert_eq!((v.idx, v.val), (vec![1], vec![1.0]));
    }

    #[test]
    fn a_reused_row_is_the_row_of_its_last_sentence() {
        // Stem keys, so `transform_stem_keys` keys the n-grams (none of which is in this
        // unigram vocabulary); the hand computation is `matches_a_hand_computation`'s.
        let f = fit(TfidfParams {
            sublinear_tf: false,
            ..Default::default()
        });
        let stems = |d: &[&str]| d.iter().map(|s| crate::text::keys::stem_key(s)).collect::<Vec<u64>>();
        let mut out = f.transform_stem_keys(&stems(&["kyiv", "talk"]), 2);
        f.transform_stem_keys_into(&stems(&["kiev", "talk", "kiev"]), 2, &mut out);
        let idf_kiev = 2f64.ln() + 1.0;
        let norm = ((2.0 * idf_kiev).powi(2) + 1.0).sqrt();
        assert_eq!(out.idx, vec![0, 2]);
        assert!((out.val[0] - 2.0 * idf_kiev / norm).abs() < 1e-15);
        assert!((out.val[1] - 1.0 / norm).abs() < 1e-15);
        assert_eq!(out, f.transform_stem_keys(&stems(&["kiev", "talk", "kiev"]), 2));
        f.transform_stem_keys_into(&stems(&["zzz"]), 2, &mut out);
        assert!(out.is_empty());
    }
}
