//! Cross-fitting (out-of-fold scoring) for `run`.
//!
//! `run` labels the corpus it analyses with the lexicon and trains on it: an article's own
//! sentences (its lexicon-labelled ones, and with label propagation its unlabelled ones at
//! its own lean) would otherwise teach the model that article's names and topics, which then
//! score its other sentences (measured on the development set: 0.941 held out against 0.906
//! in-sample with the 10 most widespread lexicon entries masked; docs/eval.md). With k folds,
//! each article is in one fold ([`Assignment`]); fold f's classifier is fitted on every
//! training row of the other folds' articles and scores fold f's articles. The model saved
//! (and used by `score` on new articles) is the fit on every row.

use super::fit::{fit_logistic_from, LogisticFit};
use super::CheckedClassifierParams;
use crate::corpus::Side;
use crate::error::{Error, Result};
use crate::tfidf::SparseVec;
use rayon::prelude::*;

/// Cross-fitting folds by default: every article of a run is scored by a classifier that did
/// not train on it (ten fits besides the saved model's).
pub const DEFAULT_FOLDS: usize = 10;

/// The folds a run uses: `requested` when given (0 or 1: none), else [`DEFAULT_FOLDS`].
///
/// Until the sparse solver (`objective`), a run was cross-fitted by default only when it
/// trained on at most 2,000 rows: a fit on linfa-logistic's dense matrix cost ~9 s of CPU on a
/// full training sample (~5,600 rows). A fit now costs ~0.2 s there, so every run is scored
/// out-of-fold unless `--folds 0` asks otherwise (10,000 synthetic articles: +2 s CPU of 27).
pub fn folds_for(requested: Option<usize>) -> usize {
    requested.unwrap_or(DEFAULT_FOLDS)
}

/// One fold's classifier: weights on the columns it trained (sorted), 0 elsewhere.
#[derive(Debug, Clone, PartialEq)]
pub struct FoldFit {
    columns: Vec<u32>,
    weights: Vec<f64>,
    pub intercept: f64,
    /// Training rows (after weighting and balancing).
    pub rows: usize,
    /// Column → weight, for [`weight`](Self::weight).
    index: WeightIndex,
}

/// A fold's weights by column. A fold keeps at most `max_train_features` columns (2,000),
/// where a dense vector would cost the whole vocabulary; every term of every sentence a
/// cross-fitted run scores is looked up here, and most are not trained: one hash probe in a
/// table that stays in cache, where a binary search took a dozen unpredictable branches.
#[derive(Debug, Clone, Default)]
struct WeightIndex(rustc_hash::FxHashMap<u32, f64>);

/// The index is derived from the columns and weights, so it never makes two folds differ.
impl PartialEq for WeightIndex {
    fn eq(&self, _: &WeightIndex) -> bool {
        true
    }
}

impl FoldFit {
    /// A fold's classifier: `weights[i]` is the weight of column `columns[i]` (sorted).
    pub fn new(columns: Vec<u32>, weights: Vec<f64>, intercept: f64, rows: usize) -> FoldFit {
        assert_eq!(columns.len(), weights.len(), "one weight per column");
        let index = WeightIndex(columns.iter().copied().zip(weights.iter().copied()).collect());
        FoldFit {
            columns,
            weights,
            intercept,
            rows,
            index,
        }
    }

    fn from_fit(fit: &LogisticFit) -> FoldFit {
        FoldFit::new(
            fit.columns.clone(),
            fit.columns.iter().map(|&j| fit.weights[j as usize]).collect(),
            fit.intercept,
            fit.row_order.len(),
        )
    }

    /// The same fold with each weight multiplied by `factor[column]` ([`super::shrink`]).
    pub fn scaled(&self, factor: &[f64]) -> FoldFit {
        let w = self
            .columns
            .iter()
            .zip(&self.weights)
            .map(|(&j, &w)| w * factor[j as usize])
            .collect();
        FoldFit::new(self.columns.clone(), w, self.intercept, self.rows)
    }

    /// The columns it trained, sorted, and their weights.
    pub fn columns(&self) -> (&[u32], &[f64]) {
        (&self.columns, &self.weights)
    }

    /// The weight of column `j` (0 for a column it did not train).
    pub fn weight(&self, j: u32) -> f64 {
        self.index.0.get(&j).copied().unwrap_or(0.0)
    }
}

/// How a run's articles are assigned to its folds. Either way the copies of one group
/// ([`CrossFit::groups`]) share a fold, so no copy trains the classifier that scores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assignment {
    /// Article number a (corpus order, from 0) is in fold a mod k: with no more articles
    /// than folds, each article is a fold of its own (leave-one-out), whatever the order.
    /// Runs before session 39 assigned every corpus this way.
    Order,
    /// By article id: per article (corpus order), its [`id_key`] — for a group of copies the
    /// smallest key of the group ([`Assignment::by_id`]) —; the article is in fold key mod k.
    /// Adding, removing or reordering articles changes no other article's fold (a group's
    /// only when one of its copies comes or goes), where row order moved every article after
    /// the change (a seed added to 54 articles gave 35 of them other fold-mates).
    Id(Vec<u64>),
}

impl Assignment {
    /// The assignment of a run of `articles` articles in `k` folds: [`Assignment::Order`]
    /// when every article can have a fold of its own (`articles ≤ k`), else by id (`keys`:
    /// [`id_key`] per article). A hash leaves folds uneven, which costs nothing with many
    /// articles per fold; with a few it would put two of the five seeds in one fold (96% of
    /// the time) and train that fold on three articles where leave-one-out trains on four.
    pub fn for_run(articles: usize, k: usize, groups: &[u32], keys: Vec<u64>) -> Assignment {
        if articles <= k {
            Assignment::Order
        } else {
            Assignment::by_id(keys, groups)
        }
    }

    /// Folds by id from each article's [`id_key`] and the groups of copies
    /// ([`CrossFit::groups`]): a group takes the smallest key of its members, so its fold does
    /// not depend on which copy came first (taking the first one's, a copy read before its
    /// original moved the pair; review, session 39).
    pub fn by_id(mut keys: Vec<u64>, groups: &[u32]) -> Assignment {
        let n = keys.len();
        let copies =
            || (groups.iter().enumerate().take(n)).filter_map(|(a, &g)| (g as usize != a).then_some((a, g as usize)));
        for (a, g) in copies() {
            keys[g] = keys[g].min(keys[a]);
        }
        for (a, g) in copies() {
            keys[a] = keys[g];
        }
        Assignment::Id(keys)
    }

    /// The name `folds.json` records (`assigned_by`).
    pub fn name(&self) -> &'static str {
        match self {
            Assignment::Order => "order",
            Assignment::Id(_) => "id",
        }
    }
}

/// An article id's fold key: the first 8 bytes of the SHA-256 digest of its UTF-8 bytes, as
/// a big-endian number, so anyone can recompute a fold (Python:
/// `int.from_bytes(hashlib.sha256(id.encode()).digest()[:8], "big") % k`). A cryptographic
/// digest, not a faster hash, for that reason: one digest per article costs ~0.3 µs.
pub fn id_key(id: &str) -> u64 {
    use sha2::Digest;
    let d = sha2::Sha256::digest(id.as_bytes());
    u64::from_be_bytes(d[..8].try_into().expect("a SHA-256 digest has 32 bytes"))
}

/// The fold classifiers of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct CrossFit {
    /// `None`: the fold's training rows lacked one side; its articles are scored by the
    /// full model (the run says so).
    pub folds: Vec<Option<FoldFit>>,
    /// Per article, the first article of its group of copies ([`super::CopyIndex`]); an
    /// article past the end, or with an empty list, is its own group.
    pub groups: Vec<u32>,
    pub assignment: Assignment,
}

/// The fold of article `article` among `k`: its group's (by `assignment`: the first
/// article's number, or the group's key; an article past the end of [`Assignment::Id`]'s
/// keys by its number).
pub(crate) fn fold_in(groups: &[u32], assignment: &Assignment, article: usize, k: usize) -> usize {
    let g = groups.get(article).map_or(article, |&g| g as usize);
    match assignment {
        Assignment::Id(keys) if g < keys.len() => (keys[g] % k as u64) as usize,
        _ => g % k,
    }
}

impl CrossFit {
    pub fn k(&self) -> usize {
        self.folds.len()
    }

    /// The fold of article number `article` (corpus order, from 0), by the run's
    /// [`Assignment`], or the fold of the earlier article it copies.
    pub fn fold_of(&self, article: usize) -> usize {
        fold_in(&self.groups, &self.assignment, article, self.k())
    }

    /// (article, the earlier article whose fold it takes) for every copy.
    pub fn copies(&self) -> Vec<(usize, usize)> {
        (self.groups.iter().enumerate())
            .filter(|&(a, &g)| g as usize != a)
            .map(|(a, &g)| (a, g as usize))
            .collect()
    }

    /// The classifier that scores article number `article`; `None` for the full model.
    pub fn for_article(&self, article: usize) -> Option<&FoldFit> {
        self.folds[self.fold_of(article)].as_ref()
    }

    /// Folds scored by the full model instead of their own fit.
    pub fn fallbacks(&self) -> Vec<usize> {
        (0..self.k()).filter(|&f| self.folds[f].is_none()).collect()
    }
}

/// Fit the k fold classifiers. `rows[r]`, `sides[r]` and `article[r]` describe the r-th
/// training row as the full fit saw them (weighted order, before balancing); `groups` are
/// the articles' groups of copies ([`CrossFit::groups`]) and `assignment` their folds; `full`
/// is the full fit, every fold's starting point. `params` are the fit's (alpha already scaled).
#[allow(clippy::too_many_arguments)] // the fit's inputs, each used once
pub fn cross_fit(
    rows: &[SparseVec],
    sides: &[Side],
    article: &[usize],
    (groups, assignment): (Vec<u32>, Assignment),
    n_features: usize,
    params: &CheckedClassifierParams,
    k: usize,
    full: &LogisticFit,
) -> Result<CrossFit> {
    let folds = (0..k)
        .into_par_iter()
        .map(|f| {
            let keep: Vec<usize> = (0..rows.len())
                .filter(|&r| fold_in(&groups, &assignment, article[r], k) != f)
                .collect();
            let r: Vec<SparseVec> = keep.iter().map(|&i| rows[i].clone()).collect();
            let s: Vec<Side> = keep.iter().map(|&i| sides[i]).collect();
            match fit_logistic_from(&r, &s, n_features, params, Some((&full.weights, full.intercept))) {
                Ok(fit) => Ok(Some(FoldFit::from_fit(&fit))),
                Err(Error::OneSided { .. }) => Ok(None),
                Err(e) => Err(e),
            }
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(CrossFit {
        folds,
        groups,
        assignment,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(j: u32) -> SparseVec {
        SparseVec {
            idx: vec![j],
            val: vec![1.0],
        }
    }

    #[test]
    fn a_one_sided_fold_falls_back_to_the_full_model() {
        // Articles 0..4, k = 2: fold 0 holds articles 0 and 2 (both Kremlin), fold 1 holds
        // 1 and 3 (both Western). Each fold's training rows are then one-sided.
        let rows = [e(0), e(2), e(1), e(2)];
        let sides = [Side::Kremlin, Side::Western, Side::Kremlin, Side::Western];
        let article = [0, 1, 2, 3];
        let p = crate::model::ClassifierParams::default().check().unwrap();
        let full = fit_logistic_from(&rows, &sides, 3, &p, None).unwrap();
        let cf = cross_fit(&rows, &sides, &article, (vec![], Assignment::Order), 3, &p, 2, &full).unwrap();
        assert_eq!(cf.k(), 2);
        assert_eq!(cf.fold_of(2), 0);
        assert!(cf.for_article(0).is_none());
        assert!(cf.for_article(1).is_none());
        assert_eq!(cf.fallbacks(), vec![0, 1]);
        let m = crate::compare::changes::testing::model(&[("a", 0.5, 1), ("b", 0.0, 1), ("c", -0.5, 1)], &[]);
        let x = e(0);
        assert_eq!(m.scorer_for(Some(&cf), 0).classifier_logit(&x), m.classifier_logit(&x));
    }

    #[test]
    fn a_scaled_fold_scales_its_weights_by_column_and_keeps_its_intercept() {
        let f = FoldFit::new(vec![1, 2], vec![2.0, -1.0], 0.25, 2).scaled(&[0.0, 0.5, 0.25]);
        assert_eq!(f.columns(), (&[1u32, 2][..], &[1.0, -0.25][..]));
        assert_eq!((f.weight(1), f.weight(2), f.weight(0)), (1.0, -0.25, 0.0));
        assert_eq!((f.intercept, f.rows), (0.25, 2));
    }

    #[test]
    fn the_default_cross_fits_every_run() {
        assert_eq!(folds_for(None), DEFAULT_FOLDS);
        assert_eq!(folds_for(Some(5)), 5);
        assert_eq!(folds_for(Some(0)), 0);
    }

    #[test]
    fn a_fold_scorer_uses_the_folds_weights_and_intercept() {
        // Model weights (0.5, 0, −0.5), b = 0; fold 1 of 2: column 2 only, weight 2, b = 0.25.
        let m = crate::compare::changes::testing::model(&[("a", 0.5, 1), ("b", 0.0, 1), ("c", -0.5, 1)], &[]);
        let fold = FoldFit::new(vec![2], vec![2.0], 0.25, 2);
        let cf = CrossFit {
            folds: vec![None, Some(fold)],
            groups: vec![],
            assignment: Assignment::Order,
        };
        let x = SparseVec {
            idx: vec![0, 2],
            val: vec![0.6, 0.8],
        };
        // Article 3 is in fold 1: 0.8·2 + 0.25 = 1.85; with λ = 0.5 and L = −1: 1.35.
        let s = m.scorer_for(Some(&cf), 3);
        assert!((s.classifier_logit(&x) - 1.85).abs() < 1e-15);
        assert!((s.logit(&x, -1.0) - 1.35).abs() < 1e-15);
        assert_eq!((s.weight(0), s.weight(2)), (0.0, 2.0));
        assert!((s.no_evidence_point() - (2.0 / (1.0 + (-0.25f64).exp()) - 1.0)).abs() < 1e-15);
        // Article 2 is in fold 0 (no fit): the model's own 0.6·0.5 − 0.8·0.5 = −0.1.
        let s = m.scorer_for(Some(&cf), 2);
        assert!((s.classifier_logit(&x) + 0.1).abs() < 1e-15);
        assert_eq!(s.no_evidence_point(), 0.0);
    }

    #[test]
    fn the_logit_and_the_terms_come_from_one_lookup_per_term() {
        // Model weights (0.5, 0, −0.5), b = 0; fold 1 of 2 trained columns 1 and 2.
        let m = crate::compare::changes::testing::model(&[("a", 0.5, 1), ("b", 0.0, 1), ("c", -0.5, 1)], &[]);
        let cf = CrossFit {
            folds: vec![None, Some(FoldFit::new(vec![1, 2], vec![0.0, 2.0], 0.25, 2))],
            groups: vec![],
            assignment: Assignment::Order,
        };
        let x = SparseVec {
            idx: vec![0, 1, 2],
            val: vec![0.6, 0.3, 0.1],
        };
        // Model (article 0, fold 0 has no fit): terms 0.6·0.5 = 0.3 and 0.1·(−0.5) = −0.05,
        // column 1 (weight 0) not reported; logit 0.25, the bits of the dot product + b.
        let mut terms = vec![];
        let z = m
            .scorer_for(Some(&cf), 0)
            .classifier_logit_each(&x, |j, c| terms.push((j, c)));
        assert_eq!(terms, vec![(0, 0.6 * 0.5), (2, 0.1 * -0.5)]);
        assert_eq!(z.to_bits(), (x.dot(&m.weights) + m.intercept).to_bits());
        assert!((z - 0.25).abs() < 1e-15);
        // Fold 1 (article 1): only column 2 counts, 0.1·2 = 0.2; logit 0.2 + 0.25.
        terms.clear();
        let z = m
            .scorer_for(Some(&cf), 1)
            .classifier_logit_each(&x, |j, c| terms.push((j, c)));
        assert_eq!(terms, vec![(2, 0.1 * 2.0)]);
        assert!((z - 0.45).abs() < 1e-15);
        // p from the logit is p_kremlin's.
        let s = m.scorer_for(Some(&cf), 1);
        assert_eq!(s.p_from(z, -1.0), s.p_kremlin(&x, -1.0));
    }

    #[test]
    fn a_fold_fit_equals_a_fit_on_the_other_folds_rows() {
        // Six articles, k = 3; fold f's classifier must equal a cold fit on the rows of the
        // articles not in fold f.
        let (rows, sides, article, p, full) = alternating(6);
        let cf = cross_fit(&rows, &sides, &article, (vec![], Assignment::Order), 3, &p, 3, &full).unwrap();
        for f in 0..3 {
            let keep: Vec<usize> = (0..6).filter(|a| a % 3 != f).collect();
            assert_fold_is_a_fit_on(&cf, f, &keep, &rows, &sides, &p);
        }
        // Fold 2 holds articles 2 and 5; column 2 (article 4, fold 1) is trained there.
        assert!(cf.folds[2].as_ref().unwrap().weight(2) > 0.0);
        // Fold 1 holds article 4: column 2 was never seen by its classifier.
        assert_eq!(cf.folds[1].as_ref().unwrap().weight(2), 0.0);
    }

    #[test]
    fn a_copy_is_in_its_originals_fold_and_never_trains_the_classifier_that_scores_it() {
        // The same six articles, k = 3, but article 5 copies article 4 (group 4): both are
        // in fold 4 mod 3 = 1, so fold 1 trains on articles 0, 2, 3 only (not on 5's rows),
        // and fold 2 (article 2 alone now) trains on 0, 1, 3, 4, 5.
        let rows = [e(0), e(1), e(0), e(1), e(2), e(2)];
        let sides = [
            Side::Kremlin,
            Side::Western,
            Side::Kremlin,
            Side::Western,
            Side::Kremlin,
            Side::Kremlin,
        ];
        let article = [0, 1, 2, 3, 4, 5];
        let p = crate::model::ClassifierParams::default().check().unwrap();
        let full = fit_logistic_from(&rows, &sides, 3, &p, None).unwrap();
        let cf = cross_fit(
            &rows,
            &sides,
            &article,
            (vec![0, 1, 2, 3, 4, 4], Assignment::Order),
            3,
            &p,
            3,
            &full,
        )
        .unwrap();
        assert_eq!((0..6).map(|a| cf.fold_of(a)).collect::<Vec<_>>(), [0, 1, 2, 0, 1, 1]);
        assert_eq!(cf.copies(), [(5, 4)]);
        // Column 2 is only in articles 4 and 5: the classifier scoring them never saw it.
        assert_eq!(cf.for_article(5).unwrap().weight(2), 0.0);
        assert!(cf.folds[2].as_ref().unwrap().weight(2) > 0.0);
        for (f, keep) in [(1, vec![0, 2, 3]), (2, vec![0, 1, 3, 4, 5])] {
            assert_fold_is_a_fit_on(&cf, f, &keep, &rows, &sides, &p);
        }
    }

    #[test]
    fn an_id_key_is_the_first_8_bytes_of_its_sha256_big_endian() {
        // Python: int.from_bytes(hashlib.sha256(s.encode()).digest()[:8], "big").
        for (id, key) in [
            ("002", 11663593199460704859u64),
            ("kremlin_01", 17040342842280875807),
            ("б", 11141960674527023660),
            ("", 16406829232824261652),
        ] {
            assert_eq!(id_key(id), key, "{id:?}");
        }
    }

    #[test]
    fn a_run_with_more_articles_than_folds_assigns_them_by_id() {
        let keys = || vec![7, 8, 9];
        assert_eq!(Assignment::for_run(3, 3, &[], keys()), Assignment::Order);
        assert_eq!(Assignment::for_run(3, 2, &[], keys()), Assignment::Id(vec![7, 8, 9]));
        // Article 2 copies article 0: both take the smaller key.
        assert_eq!(
            Assignment::for_run(3, 2, &[0, 1, 0], vec![9, 8, 7]),
            Assignment::Id(vec![7, 8, 7])
        );
        assert_eq!(
            (Assignment::Order.name(), Assignment::Id(vec![]).name()),
            ("order", "id")
        );
    }

    #[test]
    fn folds_by_id_follow_the_ids_and_a_copy_its_original() {
        // Keys mod 3 (Python, as above): a → 1, б → 2, '' → 1, 002 → 0, kremlin_01 → 2.
        let ids = ["a", "б", "", "002", "kremlin_01"];
        let cf = |ids: &[&str], groups: Vec<u32>| CrossFit {
            folds: vec![None; 3],
            assignment: Assignment::by_id(ids.iter().map(|s| id_key(s)).collect(), &groups),
            groups,
        };
        let folds = |c: &CrossFit, n: usize| (0..n).map(|a| c.fold_of(a)).collect::<Vec<_>>();
        assert_eq!(folds(&cf(&ids, vec![]), 5), [1, 2, 1, 0, 2]);
        // Article 4 (kremlin_01) copies article 3 (002): the pair takes the smaller key,
        // 002's (11663593199460704859 against 17040342842280875807), fold 0 ...
        assert_eq!(folds(&cf(&ids, vec![0, 1, 2, 3, 3]), 5), [1, 2, 1, 0, 0]);
        // ... also when kremlin_01 comes first and 002 copies it.
        let swapped = ["a", "б", "", "kremlin_01", "002"];
        assert_eq!(folds(&cf(&swapped, vec![0, 1, 2, 3, 3]), 5), [1, 2, 1, 0, 0]);
        // A group of three (б, then '' and 002 copying it): б's key is the smallest, fold 2.
        assert_eq!(folds(&cf(&ids, vec![0, 1, 1, 1, 4]), 5), [1, 2, 2, 2, 2]);
        // One article taken out: the others keep their folds.
        assert_eq!(folds(&cf(&["a", "", "002", "kremlin_01"], vec![]), 4), [1, 1, 0, 2]);
        // Under row order the same removal moves every later article.
        let order = CrossFit {
            assignment: Assignment::Order,
            ..cf(&ids, vec![])
        };
        assert_eq!(folds(&order, 5), [0, 1, 2, 0, 1]);
    }

    #[test]
    fn a_fold_fit_by_id_equals_a_fit_on_the_other_folds_articles() {
        // Five articles a, б, '', 002, kremlin_01 in folds 1, 2, 1, 0, 2 of 3 (their ids'
        // keys mod 3, computed in Python): fold 1 trains on articles 1, 3, 4.
        let ids = ["a", "б", "", "002", "kremlin_01"];
        let (rows, sides, article, p, full) = alternating(5);
        let by_id = Assignment::Id(ids.iter().map(|s| id_key(s)).collect());
        let cf = cross_fit(&rows, &sides, &article, (vec![], by_id), 3, &p, 3, &full).unwrap();
        for (f, keep) in [(0, vec![0, 1, 2, 4]), (1, vec![1, 3, 4]), (2, vec![0, 2, 3])] {
            assert_fold_is_a_fit_on(&cf, f, &keep, &rows, &sides, &p);
        }
    }

    /// The first `n` of six one-row articles over columns 0, 1, 0, 1, 2, 1, Kremlin and
    /// Western in turn: rows, sides, article numbers, default parameters, the full fit.
    fn alternating(
        n: usize,
    ) -> (
        Vec<SparseVec>,
        Vec<Side>,
        Vec<usize>,
        CheckedClassifierParams,
        LogisticFit,
    ) {
        let rows: Vec<SparseVec> = [0, 1, 0, 1, 2, 1][..n].iter().map(|&j| e(j)).collect();
        let sides: Vec<Side> = (0..n)
            .map(|a| if a % 2 == 0 { Side::Kremlin } else { Side::Western })
            .collect();
        let p = crate::model::ClassifierParams::default().check().unwrap();
        let full = fit_logistic_from(&rows, &sides, 3, &p, None).unwrap();
        (rows, sides, (0..n).collect(), p, full)
    }

    /// Fold `f`'s classifier equals a cold fit on the rows of articles `keep` (one row each).
    fn assert_fold_is_a_fit_on(
        cf: &CrossFit,
        f: usize,
        keep: &[usize],
        rows: &[SparseVec],
        sides: &[Side],
        p: &CheckedClassifierParams,
    ) {
        let r: Vec<SparseVec> = keep.iter().map(|&i| rows[i].clone()).collect();
        let s: Vec<Side> = keep.iter().map(|&i| sides[i]).collect();
        let cold = fit_logistic_from(&r, &s, 3, p, None).unwrap();
        let fold = cf.folds[f].as_ref().expect("two-sided");
        for j in 0..3u32 {
            assert!(
                (fold.weight(j) - cold.weights[j as usize]).abs() < 1e-6,
                "fold {f} column {j}"
            );
        }
        assert!((fold.intercept - cold.intercept).abs() < 1e-6, "fold {f} intercept");
    }
}
