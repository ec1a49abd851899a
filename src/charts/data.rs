//! What the charts draw, computed from a run: the article similarity matrix and the model's
//! strongest terms. The matrix is written to and read back from `similarity.csv` by
//! the `report` module (`write_similarity`, `read_similarity`), the only writer.
//!
//! **Article vectors.** An article's vector is the sum of its sentences' TF-IDF rows under
//! the model's fitted vectoriser ([`FittedTfidf`](crate::tfidf::FittedTfidf): the same
//! vocabulary, idf and stemmed 1–2-grams the classifier sees). Each sentence row is already
//! l2-normalised, so every sentence counts equally however long it is; cosine similarity then
//! divides out article length. Shared wire copy (identical sentences) therefore scores high
//! even when the rest of two articles differs. Terms pruned from the model's vocabulary
//! (`--min-df`, `--max-df`, `--mask-lexicon`) do not count.

use crate::document::Document;
use crate::model::FramingModel;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

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
    let upper = upper_triangle(&vecs, width);
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

/// Row i of the result: the rounded cosine of article i with articles i, i+1, …, n−1.
///
/// Through an inverted index: every column lists the articles that have it (in article
/// order) and their values, so row i touches only the articles sharing a column with it,
/// and only those at or after i. For each pair the products are added in ascending column
/// order (row i's order), the order of a merge of the two sorted vectors, so the values are
/// those of the plain pairwise dot product (tested against it).
fn upper_triangle(vecs: &[&Vec<(u32, f64)>], width: usize) -> Vec<Vec<f64>> {
    let n = vecs.len();
    // Columns used by these articles, numbered densely.
    let mut local = vec![u32::MAX; width];
    let mut postings: Vec<Vec<(u32, f64)>> = Vec::new();
    for (j, v) in vecs.iter().enumerate() {
        for &(c, x) in v.iter() {
            let slot = &mut local[c as usize];
            if *slot == u32::MAX {
                *slot = postings.len() as u32;
                postings.push(Vec::new());
            }
            postings[*slot as usize].push((j as u32, x));
        }
    }
    let (local, postings) = (&local, &postings);
    (0..n)
        .into_par_iter()
        .map_init(
            || vec![0.0f64; n],
            |acc, i| {
                for &(c, x) in vecs[i].iter() {
                    let list = &postings[local[c as usize] as usize];
                    let from = list.partition_point(|&(j, _)| (j as usize) < i);
                    for &(j, y) in &list[from..] {
                        acc[j as usize] += x * y;
                    }
                }
                acc[i..]
                    .iter_mut()
                    .map(|dot| {
                        let d = std::mem::take(dot);
                        // Rounded so the table and the chart agree exactly and tiny float
                        // noise never pushes a value past 1.
                        ((d * 1e6).round() / 1e6).clamp(0.0, 1.0)
                    })
                    .collect()
            },
        )
        .collect()
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

    /// The pairwise form the index replaced: row i scattered into a dense buffer, dotted
    /// with every later article in that article's column order.
    fn upper_triangle_pairwise(vecs: &[&Vec<(u32, f64)>], width: usize) -> Vec<Vec<f64>> {
        let mut dense = vec![0.0f64; width];
        (0..vecs.len())
            .map(|i| {
                vecs[i].iter().for_each(|&(c, v)| dense[c as usize] = v);
                let row = vecs[i..]
                    .iter()
                    .map(|b| {
                        let dot: f64 = b.iter().map(|&(c, v)| dense[c as usize] * v).sum();
                        // An empty sum is −0.0 in Rust: written "-0.000000" for an article
                        // with no known term. The index gives 0 there (the one difference).
                        ((dot * 1e6).round() / 1e6).clamp(0.0, 1.0) + 0.0
                    })
                    .collect();
                vecs[i].iter().for_each(|&(c, _)| dense[c as usize] = 0.0);
                row
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn the_inverted_index_gives_the_pairwise_dot_products_bit_for_bit(
            raw in proptest::collection::vec(
                proptest::collection::btree_map(0u32..40, 1u32..1000, 0..12),
                0..25,
            ),
        ) {
            // Sorted sparse vectors, l2-normalised as article vectors are (some empty).
            let vecs: Vec<Vec<(u32, f64)>> = raw
                .iter()
                .map(|m| {
                    let v: Vec<(u32, f64)> = m.iter().map(|(&c, &x)| (c, x as f64 / 7.0)).collect();
                    let norm = v.iter().map(|e| e.1 * e.1).sum::<f64>().sqrt();
                    v.into_iter().map(|(c, x)| (c, x / norm)).collect()
                })
                .collect();
            let refs: Vec<&Vec<(u32, f64)>> = vecs.iter().collect();
            let a = upper_triangle(&refs, 40);
            let b = upper_triangle_pairwise(&refs, 40);
            // Bits, so that a −0.0 against 0.0 would count as a difference.
            let bits = |r: &Vec<Vec<f64>>| r.iter().map(|x| x.iter().map(|v| v.to_bits()).collect::<Vec<_>>()).collect::<Vec<_>>();
            proptest::prop_assert_eq!(bits(&a), bits(&b));
        }
    }

    #[test]
    fn an_article_without_known_terms_is_0_similar_not_minus_0() {
        let empty: Vec<(u32, f64)> = Vec::new();
        let one = vec![(3u32, 1.0)];
        let s = similarity_of_vectors(&[("a".into(), one), ("b".into(), empty)], 5).unwrap();
        assert_eq!(s.matrix, vec![vec![1.0, 0.0], vec![0.0, 0.0]]);
        assert!(s.matrix.iter().flatten().all(|v| v.is_sign_positive()));
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
}
