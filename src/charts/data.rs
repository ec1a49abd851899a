//! What the charts draw, computed from a run (or read back from its output folder): the
//! article similarity matrix and the model's strongest terms.
//!
//! **Article vectors.** An article's vector is the sum of its sentences' TF-IDF rows under
//! the model's fitted vectoriser ([`FittedTfidf`](crate::tfidf::FittedTfidf): the same
//! vocabulary, idf and stemmed 1–2-grams the classifier sees). Each sentence row is already
//! l2-normalised, so every sentence counts equally however long it is; cosine similarity then
//! divides out article length. Shared wire copy (identical sentences) therefore scores high
//! even when the rest of two articles differs. Terms pruned from the model's vocabulary
//! (`--min-df`, `--max-df`, `--mask-lexicon`) do not count.

use crate::document::Document;
use crate::error::{Error, Result};
use crate::model::FramingModel;
use crate::report::AtomicFile;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::path::Path;

/// Above this many articles the n×n similarity matrix is not computed (its table would grow
/// quadratically); the heatmap is skipped with a note.
pub const MAX_SIMILARITY_ARTICLES: usize = 1000;

/// Cosine similarity between articles, rows and columns in `ids` order.
#[derive(Debug, Clone, PartialEq)]
pub struct Similarity {
    pub ids: Vec<String>,
    pub matrix: Vec<Vec<f64>>,
}

/// The sum of an article's l2-normalised sentence TF-IDF rows (see the module docs), as a
/// sorted sparse map column → value, then l2-normalised.
pub fn article_vector(model: &FramingModel, doc: &Document) -> Vec<(u32, f64)> {
    let mut acc: FxHashMap<u32, f64> = FxHashMap::default();
    for s in &doc.sentences {
        let x = model.row(s);
        for (&j, &v) in x.idx.iter().zip(&x.val) {
            *acc.entry(j).or_insert(0.0) += v;
        }
    }
    let mut v: Vec<(u32, f64)> = acc.into_iter().collect();
    v.sort_unstable_by_key(|e| e.0);
    let norm = v.iter().map(|e| e.1 * e.1).sum::<f64>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|e| e.1 /= norm);
    }
    v
}

/// Cosine similarity of every pair of documents (`None` above [`MAX_SIMILARITY_ARTICLES`]).
/// The diagonal is 1 for any article with at least one known term.
pub fn similarity(model: &FramingModel, docs: &[Document]) -> Option<Similarity> {
    if docs.len() > MAX_SIMILARITY_ARTICLES {
        return None;
    }
    let vecs: Vec<(String, Vec<(u32, f64)>)> = docs
        .par_iter()
        .map(|d| (d.article.id.clone(), article_vector(model, d)))
        .collect();
    similarity_of_vectors(&vecs, model.tfidf.n_features())
}

/// Cosine similarity of articles given as (id, [`article_vector`]) over a vocabulary of
/// `width` columns (`None` above [`MAX_SIMILARITY_ARTICLES`]): what `run` keeps instead of
/// whole documents.
pub fn similarity_of_vectors(articles: &[(String, Vec<(u32, f64)>)], width: usize) -> Option<Similarity> {
    if articles.len() > MAX_SIMILARITY_ARTICLES {
        return None;
    }
    let vecs: Vec<&Vec<(u32, f64)>> = articles.iter().map(|a| &a.1).collect();
    let n = vecs.len();
    // Row i is scattered into a dense buffer once, then dotted with every later row by
    // lookups: no branchy merge per pair. Products are summed in the same column order as a
    // merge would, so values are identical.
    let upper: Vec<Vec<f64>> = (0..n)
        .into_par_iter()
        .map_init(
            || vec![0.0f64; width],
            |dense, i| {
                vecs[i].iter().for_each(|&(c, v)| dense[c as usize] = v);
                let row = vecs[i..]
                    .iter()
                    .map(|b| {
                        let dot: f64 = b.iter().map(|&(c, v)| dense[c as usize] * v).sum();
                        // Rounded so the table and the chart agree exactly and tiny float
                        // noise never pushes a value past 1.
                        ((dot * 1e6).round() / 1e6).clamp(0.0, 1.0)
                    })
                    .collect();
                vecs[i].iter().for_each(|&(c, _)| dense[c as usize] = 0.0);
                row
            },
        )
        .collect();
    let mut m = vec![vec![0.0; n]; n];
    for (i, row) in upper.iter().enumerate() {
        for (k, &c) in row.iter().enumerate() {
            m[i][i + k] = c;
            m[i + k][i] = c;
        }
    }
    Some(Similarity {
        ids: articles.iter().map(|a| a.0.clone()).collect(),
        matrix: m,
    })
}

/// Write `similarity.csv`: header `id,<id 1>,…,<id n>`, then one row per article.
pub fn write_similarity(path: &Path, s: &Similarity) -> Result<()> {
    let err = |e: csv::Error| Error::Table {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut w = csv::Writer::from_writer(crate::report::CellGuard::new(AtomicFile::create(path)?));
    let mut header = vec!["id".to_string()];
    header.extend(s.ids.iter().cloned());
    w.write_record(&header).map_err(err)?;
    for (id, row) in s.ids.iter().zip(&s.matrix) {
        let mut rec = vec![id.clone()];
        rec.extend(row.iter().map(|v| format!("{v:.6}")));
        w.write_record(&rec).map_err(err)?;
    }
    let f = w
        .into_inner()
        .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
    f.into_inner().commit()
}

/// Read `similarity.csv` back, checking that it is square and its rows match its header.
pub fn read_similarity(path: &Path) -> Result<Similarity> {
    let bad = |message: String| Error::Table {
        path: path.to_path_buf(),
        message,
    };
    let mut r = csv::Reader::from_path(path).map_err(|e| bad(e.to_string()))?;
    let h = r.headers().map_err(|e| bad(e.to_string()))?.clone();
    if h.get(0) != Some("id") {
        return Err(bad("not a similarity table (first column is not `id`)".into()));
    }
    let ids: Vec<String> = h
        .iter()
        .skip(1)
        .map(|i| crate::report::restore(i).to_string())
        .collect();
    let mut matrix = Vec::with_capacity(ids.len());
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| bad(e.to_string()))?;
        if ids.get(i).map(String::as_str) != rec.get(0).map(crate::report::restore) || rec.len() != ids.len() + 1 {
            return Err(bad(format!("row {} does not match the header", i + 1)));
        }
        let row = rec
            .iter()
            .skip(1)
            .map(|v| v.parse::<f64>().map_err(|_| bad(format!("`{v}` is not a number"))))
            .collect::<Result<Vec<f64>>>()?;
        matrix.push(row);
    }
    if matrix.len() != ids.len() {
        return Err(bad(format!("{} rows for {} columns", matrix.len(), ids.len())));
    }
    Ok(Similarity { ids, matrix })
}

/// The model's strongest terms on each side: the largest positive weights (Kremlin) and the
/// most negative (Western), strongest first, as (term, weight).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TopTerms {
    pub kremlin: Vec<(String, f64)>,
    pub western: Vec<(String, f64)>,
}

/// A side's order: strongest weight first, ties by term (a total order on distinct terms, so
/// an unstable sort or a selection gives the same list as a stable sort of everything).
type Order = fn(&(&String, f64), &(&String, f64)) -> std::cmp::Ordering;

impl TopTerms {
    pub fn from_model(model: &FramingModel, n: usize) -> TopTerms {
        Self::from_weights(&model.tfidf.terms, &model.weights, n)
    }

    /// The model has a weight for every term (1.7M at 100k articles) but few are nonzero, and
    /// only `n` per side are shown: those are selected before anything is sorted.
    fn from_weights(terms: &[String], weights: &[f64], n: usize) -> TopTerms {
        let strongest = |side: fn(f64) -> bool, order: Order| -> Vec<(String, f64)> {
            let mut w: Vec<(&String, f64)> = terms
                .iter()
                .zip(weights.iter().copied())
                .filter(|t| side(t.1))
                .collect();
            if n > 0 && w.len() > n {
                w.select_nth_unstable_by(n - 1, order);
            }
            w.truncate(n);
            w.sort_unstable_by(order);
            w.into_iter().map(|(t, v)| (t.clone(), v)).collect()
        };
        TopTerms {
            kremlin: strongest(|w| w > 0.0, |a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0))),
            western: strongest(|w| w < 0.0, |a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(a.0))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The strongest terms as they were found before: every weight sorted.
    fn top_terms_sorted(terms: &[String], weights: &[f64], n: usize) -> TopTerms {
        let mut w: Vec<(&String, f64)> = terms.iter().zip(weights.iter().copied()).collect();
        w.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let kremlin = w
            .iter()
            .filter(|t| t.1 > 0.0)
            .take(n)
            .map(|(t, v)| ((*t).clone(), *v))
            .collect();
        let western = w
            .iter()
            .rev()
            .filter(|t| t.1 < 0.0)
            .take(n)
            .map(|(t, v)| ((*t).clone(), *v))
            .collect();
        TopTerms { kremlin, western }
    }

    proptest::proptest! {
        #[test]
        fn top_terms_are_the_first_of_all_weights_sorted(
            weights in proptest::collection::vec(
                proptest::sample::select(vec![0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, -2.0, 0.25, -3.0, f64::NAN]),
                0..60,
            ),
            n in 0usize..12,
        ) {
            // Few distinct names, so equal weights tie on equal terms too.
            let terms: Vec<String> = (0..weights.len()).map(|i| format!("t{}", i % 7)).collect();
            proptest::prop_assert_eq!(
                format!("{:?}", TopTerms::from_weights(&terms, &weights, n)),
                format!("{:?}", top_terms_sorted(&terms, &weights, n))
            );
        }
    }

    #[test]
    fn similarity_table_round_trips_and_rejects_bad_tables() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("similarity.csv");
        let s = Similarity {
            ids: vec!["a".into(), "b,c".into()],
            matrix: vec![vec![1.0, 0.25], vec![0.25, 1.0]],
        };
        write_similarity(&p, &s).unwrap();
        assert_eq!(read_similarity(&p).unwrap(), s);
        std::fs::write(&p, "id,a,b\na,1,0\n").unwrap();
        assert!(read_similarity(&p).unwrap_err().to_string().contains("1 rows for 2"));
        std::fs::write(&p, "id,a\nb,1\n").unwrap();
        assert!(read_similarity(&p).is_err());
    }
}
