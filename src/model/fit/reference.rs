//! The reference fit: linfa-logistic's own dense fit, which the sparse solver of
//! [`super::fit_logistic`] is held to.

use super::{LogisticFit, Prepared};
use crate::corpus::Side;
use crate::error::{Error, Result};
use crate::model::CheckedClassifierParams;
use crate::tfidf::SparseVec;
use linfa::prelude::*;
use linfa_logistic::LogisticRegression;
use ndarray::{Array1, Array2, ShapeBuilder};

/// The same fit by `linfa_logistic::LogisticRegression` itself, on the dense matrix with
/// every row repeated as balancing takes it: what framescope did before the sparse solver,
/// kept as the reference the sparse solver is held to (equal to the solver's tolerance).
/// Its cost grows with rows × columns at every evaluation.
pub fn fit_logistic_linfa(
    rows: &[SparseVec],
    sides: &[Side],
    n_features: usize,
    params: &CheckedClassifierParams,
    start: Option<(&[f64], f64)>,
) -> Result<LogisticFit> {
    let prep = Prepared::new(rows, sides, n_features, params)?;
    let mut x = Array2::<f64>::zeros((prep.order.len(), prep.active.len()).f());
    let mut y = Array1::<usize>::zeros(prep.order.len());
    for (r, &i) in prep.order.iter().enumerate() {
        for (&j, &v) in rows[i].idx.iter().zip(&rows[i].val) {
            if let Some(c) = prep.column(j) {
                x[[r, c as usize]] = v;
            }
        }
        y[r] = usize::from(sides[i] == Side::Kremlin);
    }
    // linfa orients its parameters towards its positive class: the start is given, and the
    // result read, in that orientation.
    let s = if linfa_positive_is_kremlin(&y) { 1.0 } else { -1.0 };
    let mut lr = LogisticRegression::default()
        .alpha(params.alpha)
        .gradient_tolerance(params.gradient_tolerance)
        .max_iterations(params.max_iterations);
    if let Some((w0, b0)) = start {
        lr = lr.initial_params(prep.start_params(w0, b0, s));
    }
    let fitted = lr.fit(&Dataset::new(x, y)).map_err(|e| Error::Fit(e.to_string()))?;
    debug_assert_eq!(s > 0.0, fitted.labels().pos.class == 1, "linfa's positive class");
    let mut p: Vec<f64> = fitted.params().to_vec();
    p.push(fitted.intercept());
    Ok(prep.finish(rows, sides, params, &p, s))
}

/// Whether linfa-logistic will take label 1 (Kremlin) as its positive class: the label seen
/// first, unless the other is more frequent (`linfa_logistic::label_classes`, 0.8).
fn linfa_positive_is_kremlin(y: &Array1<usize>) -> bool {
    let first = y.first().copied().unwrap_or(1);
    let same = y.iter().filter(|&&v| v == first).count();
    let pos = if same < y.len() - same { 1 - first } else { first };
    pos == 1
}

#[cfg(test)]
mod tests {
    use super::super::fit_logistic_from;
    use super::*;

    #[test]
    fn sparse_fit_equals_linfa_logistic_on_a_balanced_problem() {
        // 30 rows over 12 features (8 Western, 22 Kremlin, so balancing repeats Western rows
        // and samples the remainder), one feature absent from every row, a feature cap of 10.
        let mut rows = Vec::new();
        let mut sides = Vec::new();
        for i in 0..30u32 {
            let side = if i % 4 == 1 { Side::Western } else { Side::Kremlin };
            let mut idx: Vec<u32> = vec![
                i % 5,
                5 + (i * 7) % 6,
                if side == Side::Western { 11 } else { (i * 3) % 11 },
            ];
            idx.sort_unstable();
            idx.dedup();
            idx.retain(|&j| j != 10);
            let val = idx.iter().map(|&j| 0.2 + ((j + i) % 7) as f64 / 10.0).collect();
            rows.push(SparseVec { idx, val });
            sides.push(side);
        }
        let params = crate::model::ClassifierParams {
            alpha: 0.7,
            max_train_features: 10,
            gradient_tolerance: 1e-10,
            ..crate::model::ClassifierParams::default()
        }
        .check()
        .unwrap();
        for start in [None, Some((&[0.3; 12][..], -0.2))] {
            let a = fit_logistic_from(&rows, &sides, 12, &params, start).unwrap();
            let b = fit_logistic_linfa(&rows, &sides, 12, &params, start).unwrap();
            assert_eq!(a.columns, b.columns);
            assert_eq!(a.columns.len(), 10);
            assert_eq!(a.row_order, b.row_order);
            for (x, y) in a.weights.iter().zip(&b.weights) {
                assert!((x - y).abs() < 1e-6, "{:?}\n{:?}", a.weights, b.weights);
            }
            assert!(
                (a.intercept - b.intercept).abs() < 1e-6,
                "{} {}",
                a.intercept,
                b.intercept
            );
            assert_eq!(a.training_accuracy, b.training_accuracy);
            assert!(a.final_gradient_norm < 1e-6 && b.final_gradient_norm < 1e-6);
        }
    }

    #[test]
    fn linfa_positive_class_rule() {
        assert!(linfa_positive_is_kremlin(&Array1::from(vec![1, 0, 0, 1])));
        assert!(!linfa_positive_is_kremlin(&Array1::from(vec![0, 1, 1, 0])));
        assert!(linfa_positive_is_kremlin(&Array1::from(vec![0, 1, 1])));
        assert!(!linfa_positive_is_kremlin(&Array1::from(vec![1, 0, 0])));
    }
}
