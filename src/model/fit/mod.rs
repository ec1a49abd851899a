//! Fitting the L2 logistic regression on the balanced, weakly labelled sentence rows.

mod reference;

pub use reference::fit_logistic_linfa;

use super::objective::{minimise, WeightedRows};
use super::{sigmoid, CheckedClassifierParams, ClassifierParams};
use crate::corpus::Side;
use crate::error::{Error, Result};
use crate::tfidf::SparseVec;
use ndarray::Array1;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// The fitted weights over all columns (positive = Kremlin), the intercept, and facts.
#[derive(Debug, Clone)]
pub struct LogisticFit {
    pub weights: Vec<f64>,
    pub intercept: f64,
    /// The columns trained (sorted); every other column's weight is 0.
    pub columns: Vec<u32>,
    /// Index into the input rows of every training row (after balancing).
    pub row_order: Vec<usize>,
    pub active_features: usize,
    pub training_accuracy: f64,
    pub final_gradient_norm: f64,
}

/// Balance by oversampling: every row of the larger side once; the smaller side's rows
/// repeated ⌊large/small⌋ times plus a seeded sample without replacement for the remainder,
/// so both sides contribute exactly equal row counts (scikit-learn's `class_weight=
/// "balanced"` up to a constant factor on the loss). linfa-logistic takes no sample weights.
pub fn balanced_rows(sides: &[Side], seed: u64) -> Vec<usize> {
    let k: Vec<usize> = (0..sides.len()).filter(|&i| sides[i] == Side::Kremlin).collect();
    let w: Vec<usize> = (0..sides.len()).filter(|&i| sides[i] == Side::Western).collect();
    let (large, small) = if k.len() >= w.len() { (k, w) } else { (w, k) };
    let mut rows = large.clone();
    if small.is_empty() {
        return rows;
    }
    for _ in 0..large.len() / small.len() {
        rows.extend_from_slice(&small);
    }
    let mut extra = small.clone();
    extra.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
    rows.extend_from_slice(&extra[..large.len() % small.len()]);
    rows.sort_unstable();
    rows
}

/// Sample weights by repetition, for linfa-logistic, which takes none: with weights 1 for
/// ordinary rows and 1/k for `light` ones (k = `repeat`), every ordinary row is repeated k
/// times and every light row taken once; fit with alpha·k. Then
/// Σ k·ℓ_i + Σ ℓ_j + (k·alpha/2)‖w‖² = k·(Σ ℓ_i + Σ ℓ_j / k + (alpha/2)‖w‖²):
/// the same minimiser as the weighted objective. Returns input row indices, in order.
pub fn weighted_rows(light: &[bool], repeat: usize) -> Vec<usize> {
    light
        .iter()
        .enumerate()
        .flat_map(|(i, &l)| std::iter::repeat_n(i, if l { 1 } else { repeat }))
        .collect()
}

/// Fit L2 logistic regression: linfa-logistic's objective and solver over sparse weighted
/// rows (see `model::objective` for why not linfa-logistic's dense fit itself).
///
/// Only the columns active in some training row are fitted: a column that is zero in every
/// row has gradient alpha·w_j, so its optimum is exactly 0.
pub fn fit_logistic(
    rows: &[SparseVec],
    sides: &[Side],
    n_features: usize,
    params: &CheckedClassifierParams,
) -> Result<LogisticFit> {
    fit_logistic_from(rows, sides, n_features, params, None)
}

/// [`fit_logistic`] started from a nearby solution (`start`: weights over all columns and
/// the intercept) instead of zero. The objective is strictly convex, so the solution is the
/// same to the gradient tolerance.
pub fn fit_logistic_from(
    rows: &[SparseVec],
    sides: &[Side],
    n_features: usize,
    params: &CheckedClassifierParams,
    start: Option<(&[f64], f64)>,
) -> Result<LogisticFit> {
    let prep = Prepared::new(rows, sides, n_features, params)?;
    // Each input row once, weighted by how often balancing takes it.
    let mut times = vec![0usize; rows.len()];
    for &i in &prep.order {
        times[i] += 1;
    }
    let mut problem = WeightedRows::new(prep.active.len());
    for (i, row) in rows.iter().enumerate().filter(|(i, _)| times[*i] > 0) {
        let entries = row
            .idx
            .iter()
            .zip(&row.val)
            .filter_map(|(&j, &v)| prep.column(j).map(|c| (c, v)));
        problem.push(entries, sides[i] == Side::Kremlin, times[i] as f64);
    }
    let p0 = start.map(|(w0, b0)| prep.start_params(w0, b0, 1.0));
    let p = minimise(
        &problem,
        params.alpha,
        params.gradient_tolerance,
        params.max_iterations,
        p0,
    )
    .map_err(|e| Error::Fit(e.to_string()))?;
    Ok(prep.finish(rows, sides, params, p.as_slice().expect("contiguous"), 1.0))
}

/// What both solvers share: the one-sided check, balancing, the trained columns.
struct Prepared {
    order: Vec<usize>,
    active: Vec<u32>,
    col_of: Vec<u32>,
}

impl Prepared {
    fn new(rows: &[SparseVec], sides: &[Side], n_features: usize, params: &ClassifierParams) -> Result<Self> {
        let nk = sides.iter().filter(|s| **s == Side::Kremlin).count();
        let nw = sides.len() - nk;
        if nk == 0 || nw == 0 {
            let (have, missing) = if nk == 0 {
                ("Western", "Kremlin")
            } else {
                ("Kremlin", "Western")
            };
            return Err(Error::OneSided {
                message: format!(
                    "the lexicons labelled {} {have} sentence(s) and no {missing} ones; add {missing}-side phrases that occur in these articles to the {} lexicon, add articles with {missing}-sourced framing, or lower --margin",
                    nk.max(nw),
                    missing.to_lowercase()
                ),
            });
        }
        let order = balanced_rows(sides, params.seed);
        let active = training_columns(rows, n_features, params.max_train_features);
        let mut col_of = vec![u32::MAX; n_features];
        for (c, &j) in active.iter().enumerate() {
            col_of[j as usize] = c as u32;
        }
        Ok(Prepared { order, active, col_of })
    }

    /// The trained column of feature j, if it is trained.
    fn column(&self, j: u32) -> Option<u32> {
        self.col_of.get(j as usize).copied().filter(|&c| c != u32::MAX)
    }

    /// [w over the active columns…, b] from weights over all columns, times `sign`.
    fn start_params(&self, w0: &[f64], b0: f64, sign: f64) -> Array1<f64> {
        let mut p0 = Array1::<f64>::zeros(self.active.len() + 1);
        for (c, &j) in self.active.iter().enumerate() {
            p0[c] = sign * w0.get(j as usize).copied().unwrap_or(0.0);
        }
        p0[self.active.len()] = sign * b0;
        p0
    }

    /// The fit from solver parameters [w over the active columns…, b] times `sign`
    /// (positive = Kremlin afterwards).
    fn finish(
        self,
        rows: &[SparseVec],
        sides: &[Side],
        params: &ClassifierParams,
        p: &[f64],
        sign: f64,
    ) -> LogisticFit {
        let mut weights = vec![0.0; self.col_of.len()];
        for (c, &j) in self.active.iter().enumerate() {
            weights[j as usize] = sign * p[c];
        }
        let intercept = sign * p[self.active.len()];
        let (accuracy, grad) = diagnostics(
            rows,
            sides,
            &self.order,
            &weights,
            intercept,
            params.alpha,
            &self.col_of,
        );
        LogisticFit {
            weights,
            intercept,
            active_features: self.active.len(),
            columns: self.active,
            row_order: self.order,
            training_accuracy: accuracy,
            final_gradient_norm: grad,
        }
    }
}

/// The columns of the dense training matrix: every column present in some row, or, when
/// there are more than `cap`, the `cap` present in the most rows (ties by column), sorted.
fn training_columns(rows: &[SparseVec], n_features: usize, cap: usize) -> Vec<u32> {
    let mut df = vec![0u32; n_features];
    rows.iter()
        .flat_map(|r| r.idx.iter())
        .for_each(|&j| df[j as usize] += 1);
    let mut active: Vec<u32> = (0..n_features as u32).filter(|&j| df[j as usize] > 0).collect();
    if active.len() > cap {
        active.sort_by(|&a, &b| df[b as usize].cmp(&df[a as usize]).then(a.cmp(&b)));
        active.truncate(cap);
        active.sort_unstable();
    }
    active
}

/// Training accuracy over the distinct labelled rows, and the gradient norm of the balanced
/// objective at the solution.
#[allow(clippy::too_many_arguments)]
fn diagnostics(
    rows: &[SparseVec],
    sides: &[Side],
    order: &[usize],
    w: &[f64],
    b: f64,
    alpha: f64,
    col_of: &[u32],
) -> (f64, f64) {
    let p: Vec<f64> = rows.iter().map(|r| sigmoid(r.dot(w) + b)).collect();
    let correct = (0..rows.len())
        .filter(|&i| (p[i] >= 0.5) == (sides[i] == Side::Kremlin))
        .count();
    let mut g: Vec<f64> = w.iter().map(|wj| alpha * wj).collect();
    let mut gb = 0.0;
    for &i in order {
        let resid = p[i] - if sides[i] == Side::Kremlin { 1.0 } else { 0.0 };
        gb += resid;
        for (&j, &v) in rows[i].idx.iter().zip(&rows[i].val) {
            g[j as usize] += resid * v;
        }
    }
    // Only the trained columns: a column left out by the feature cap is fixed at 0.
    let g2: f64 = g
        .iter()
        .zip(col_of)
        .filter(|(_, &c)| c != u32::MAX)
        .map(|(x, _)| x * x)
        .sum();
    let norm = (g2 + gb * gb).sqrt();
    (correct as f64 / rows.len() as f64, norm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balancing_gives_equal_counts_deterministically() {
        use Side::*;
        let sides = [Kremlin, Western, Western, Western, Western, Western, Western, Kremlin];
        let rows = balanced_rows(&sides, 1);
        let k = rows.iter().filter(|&&i| sides[i] == Kremlin).count();
        let w = rows.len() - k;
        assert_eq!((k, w), (6, 6));
        assert_eq!(rows, balanced_rows(&sides, 1));
    }

    #[test]
    fn weighted_rows_repeat_ordinary_rows() {
        assert_eq!(weighted_rows(&[false, true, false], 3), vec![0, 0, 0, 1, 2, 2, 2]);
        assert_eq!(weighted_rows(&[true, false], 1), vec![0, 1]);
    }

    #[test]
    fn repetition_with_scaled_alpha_is_the_weighted_fit() {
        // Weighted problem, alpha = 1: one Kremlin row x = e0 at weight 1, three Western
        // rows x = e1 at weight 1/3 each. Both sides carry weight 1 on their own column, so
        // by symmetry b = 0, w0 = a, w1 = −a, and ∂/∂w0 = −(1 − σ(a)) + a = 0:
        // a = 1 − σ(a) = 0.401058137541547 (fixed point, computed by hand iteration).
        // By repetition: the Kremlin row 3 times, the Western rows once, alpha = 3.
        let r = |j| SparseVec {
            idx: vec![j],
            val: vec![1.0],
        };
        let base = [r(0), r(1), r(1), r(1)];
        let base_sides = [Side::Kremlin, Side::Western, Side::Western, Side::Western];
        let light = [false, true, true, true];
        let order = weighted_rows(&light, 3);
        let rows: Vec<SparseVec> = order.iter().map(|&i| base[i].clone()).collect();
        let sides: Vec<Side> = order.iter().map(|&i| base_sides[i]).collect();
        let params = ClassifierParams {
            alpha: 3.0,
            ..ClassifierParams::default()
        }
        .check()
        .unwrap();
        let f = fit_logistic(&rows, &sides, 2, &params).unwrap();
        let a = 0.401058137541547;
        assert!((f.weights[0] - a).abs() < 1e-6, "{:?}", f.weights);
        assert!((f.weights[1] + a).abs() < 1e-6, "{:?}", f.weights);
        assert!(f.intercept.abs() < 1e-6, "{}", f.intercept);
        // Unweighted (every row weight 1, alpha 1, balanced by oversampling the Kremlin
        // row 3 times) is a different problem: a = 3·(1 − σ(a)) = 0.879712240117983.
        let plain = fit_logistic(&base, &base_sides, 2, &ClassifierParams::default().check().unwrap()).unwrap();
        assert!(
            (plain.weights[0] - 0.879712240117983).abs() < 1e-6,
            "{:?}",
            plain.weights
        );
    }

    #[test]
    fn a_warm_start_reaches_the_same_solution() {
        // The problem of `repetition_with_scaled_alpha_is_the_weighted_fit` (unweighted
        // form): a = 3·(1 − σ(a)) = 0.879712240117983, by hand iteration. Started from the
        // wrong side (w0 = −2, w1 = +2, b = 1) in both linfa orientations.
        let r = |j| SparseVec {
            idx: vec![j],
            val: vec![1.0],
        };
        let a = 0.879712240117983;
        for sides in [
            [Side::Kremlin, Side::Western, Side::Western, Side::Western],
            [Side::Western, Side::Kremlin, Side::Kremlin, Side::Kremlin],
        ] {
            let rows: Vec<SparseVec> = sides
                .iter()
                .map(|s| r(if *s == Side::Kremlin { 0 } else { 1 }))
                .collect();
            let p = ClassifierParams::default().check().unwrap();
            let f = fit_logistic_from(&rows, &sides, 2, &p, Some((&[-2.0, 2.0], 1.0))).unwrap();
            assert!((f.weights[0] - a).abs() < 1e-6, "{:?}", f.weights);
            assert!((f.weights[1] + a).abs() < 1e-6, "{:?}", f.weights);
            assert!(f.intercept.abs() < 1e-6, "{}", f.intercept);
            assert_eq!(f.columns, vec![0, 1]);
        }
    }

    #[test]
    fn one_sided_training_says_what_to_add() {
        let rows = vec![SparseVec {
            idx: vec![0],
            val: vec![1.0],
        }];
        let e = fit_logistic(
            &rows,
            &[Side::Western],
            1,
            &ClassifierParams::default().check().unwrap(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("no Kremlin ones; add Kremlin-side phrases"), "{e}");
    }

    #[test]
    fn separable_toy_data_orients_weights_towards_kremlin() {
        // Column 0 only in Kremlin rows, column 1 only in Western rows; three Western rows
        // make Western the more frequent class, so linfa's positive class is Western.
        let r = |j| SparseVec {
            idx: vec![j],
            val: vec![1.0],
        };
        let rows = vec![r(0), r(1), r(1), r(1)];
        let sides = [Side::Kremlin, Side::Western, Side::Western, Side::Western];
        let f = fit_logistic(&rows, &sides, 3, &ClassifierParams::default().check().unwrap()).unwrap();
        assert!(f.weights[0] > 0.0 && f.weights[1] < 0.0, "{:?}", f.weights);
        assert_eq!(f.weights[2], 0.0);
        assert_eq!(f.training_accuracy, 1.0);
        assert!(f.final_gradient_norm < 1e-6, "{}", f.final_gradient_norm);
    }
}
