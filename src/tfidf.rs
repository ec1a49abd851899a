//! TF-IDF with scikit-learn's `TfidfVectorizer` formula, fitted once and reused.
//!
//! Written here rather than taken from linfa-preprocessing: its `TfIdfVectorizer` recomputes
//! idf from whatever documents it transforms (so a saved model could not score new text with
//! its training idf), has no l2 row normalisation, and orders columns by HashMap iteration
//! (so output changes between runs). Here the vocabulary is sorted and idf is stored.
//!
//! Formula (scikit-learn defaults, `smooth_idf=True`, `norm="l2"`):
//! idf(t) = ln((1 + n) / (1 + df(t))) + 1; tf = raw count, or 1 + ln(count) when sublinear;
//! each row is divided by its Euclidean norm.

use crate::error::{Error, Result};
use rustc_hash::FxHashMap;
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

/// A sparse row: sorted column ids and their values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec {
    pub idx: Vec<u32>,
    pub val: Vec<f64>,
}

impl SparseVec {
    /// Dot product with a dense weight vector.
    pub fn dot(&self, w: &[f64]) -> f64 {
        self.idx.iter().zip(&self.val).map(|(&i, &v)| v * w[i as usize]).sum()
    }

    /// Dot product of two sparse rows (both sorted).
    pub fn dot_sparse(&self, other: &SparseVec) -> f64 {
        let (mut i, mut j, mut s) = (0, 0, 0.0);
        while i < self.idx.len() && j < other.idx.len() {
            match self.idx[i].cmp(&other.idx[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    s += self.val[i] * other.val[j];
                    i += 1;
                    j += 1;
                }
            }
        }
        s
    }

    pub fn is_empty(&self) -> bool {
        self.idx.is_empty()
    }
}

/// Document frequency and total count of every term, accumulated document by document (and
/// mergeable, so threads can count separately).
#[derive(Debug, Clone, Default)]
pub struct TermCounts {
    pub n_docs: usize,
    pub counts: FxHashMap<String, (u32, u64)>,
}

impl TermCounts {
    /// Add one document's features (its n-grams, with repeats).
    pub fn add_document(&mut self, features: &[String]) {
        self.n_docs += 1;
        let mut sorted: Vec<&String> = features.iter().collect();
        sorted.sort_unstable();
        let mut k = 0;
        while k < sorted.len() {
            let mut n = 1;
            while k + n < sorted.len() && sorted[k + n] == sorted[k] {
                n += 1;
            }
            let e = match self.counts.get_mut(sorted[k].as_str()) {
                Some(e) => e,
                None => self.counts.entry(sorted[k].clone()).or_insert((0, 0)),
            };
            e.0 += 1;
            e.1 += n as u64;
            k += n;
        }
    }

    pub fn merge(&mut self, other: TermCounts) {
        self.n_docs += other.n_docs;
        for (t, (df, tf)) in other.counts {
            let e = self.counts.entry(t).or_insert((0, 0));
            e.0 += df;
            e.1 += tf;
        }
    }
}

/// A fitted vectoriser: sorted vocabulary and its idf.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedTfidf {
    pub params: TfidfParams,
    pub n_docs: usize,
    /// Vocabulary in sorted order: column j is `terms[j]`.
    pub terms: Vec<String>,
    pub idf: Vec<f64>,
    #[serde(skip)]
    index: FxHashMap<String, u32>,
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
        let max_count = self.max_df * n as f64;
        let mut kept: Vec<(String, u32, u64)> = counts
            .counts
            .into_iter()
            .filter(|(_, (df, _))| (*df as usize) >= self.min_df && (*df as f64) <= max_count)
            .map(|(t, (df, tf))| (t, df, tf))
            .collect();
        if let Some(m) = self.max_features {
            kept.sort_unstable_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
            kept.truncate(m);
        }
        kept.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        if kept.is_empty() {
            return Err(Error::NoArticles {
                message: format!(
                    "no terms remain after pruning (min_df={}, max_df={}) over {n} sentences",
                    self.min_df, self.max_df
                ),
            });
        }
        let idf = kept
            .iter()
            .map(|(_, df, _)| ((1.0 + n as f64) / (1.0 + *df as f64)).ln() + 1.0)
            .collect();
        let terms = kept.into_iter().map(|(t, _, _)| t).collect();
        Ok(FittedTfidf::new(self.clone(), n, terms, idf))
    }
}

impl FittedTfidf {
    pub fn new(params: TfidfParams, n_docs: usize, terms: Vec<String>, idf: Vec<f64>) -> FittedTfidf {
        let mut f = FittedTfidf {
            params,
            n_docs,
            terms,
            idf,
            index: FxHashMap::default(),
        };
        f.reindex();
        f
    }

    /// Rebuild the term → column map (after deserialising).
    pub fn reindex(&mut self) {
        self.index = self
            .terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
    }

    pub fn n_features(&self) -> usize {
        self.terms.len()
    }

    pub fn column(&self, term: &str) -> Option<u32> {
        self.index.get(term).copied()
    }

    /// The l2-normalised TF-IDF row of one document; unknown terms are ignored.
    pub fn transform(&self, features: &[String]) -> SparseVec {
        let mut ids: Vec<u32> = features
            .iter()
            .filter_map(|f| self.index.get(f.as_str()).copied())
            .collect();
        ids.sort_unstable();
        let mut out = SparseVec::default();
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
        out
    }
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
        docs().iter().for_each(|d| c.add_document(d));
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
    fn unknown_terms_are_ignored_and_empty_rows_stay_empty() {
        let f = fit(TfidfParams::default());
        assert!(f.transform(&["zzz".to_string()]).is_empty());
        let v = f.transform(&["kyiv".to_string(), "zzz".to_string()]);
        assert_eq!((v.idx, v.val), (vec![1], vec![1.0]));
    }
}
