//! linfa-logistic's binary objective over sparse, weighted rows, minimised by the solver
//! linfa-logistic itself uses.
//!
//! Why not `linfa_logistic::LogisticRegression` directly: it takes a dense matrix and no sample
//! weights, so weights were emulated by repeating rows, and every cost or gradient
//! evaluation multiplied the whole dense matrix (`x.dot(w as n×1)` is a matrix product in
//! linfa-logistic 0.8, which packs all n × d values again each time). At 2,000 training
//! sentences that was 5,600 × 2,000 values per evaluation and ~80% of a run's CPU, and it made
//! cross-fitting (one fit per fold) unaffordable beyond small corpora. A sentence row holds
//! ~20 non-zeros, so the same sums over sparse rows cost a few hundred times less.
//!
//! The objective is linfa-logistic's, term for term (`logistic_loss`, `logistic_grad` in
//! linfa-logistic 0.8.1): Σᵢ cᵢ·(−log σ(yᵢ·(xᵢ·w + b))) + (α/2)·‖w‖², y ∈ {−1, +1}, the
//! intercept unpenalised, where a row repeated cᵢ times there has weight cᵢ here. The solver
//! is linfa-logistic's: argmin's L-BFGS with memory 10 and the More–Thuente line search, the
//! same gradient tolerance and iteration cap, from the same start, and the best parameters
//! argmin reports. Only the order of floating-point summation differs, so the fitted weights
//! agree with linfa-logistic's to the solver's tolerance (`tests` below hold this against
//! linfa-logistic on the repeated dense matrix).

use argmin::core::{CostFunction, Executor, Gradient};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use ndarray::Array1;

/// Training rows in compressed sparse row form over `n_cols` columns, with a label
/// (+1 or −1) and a weight per row.
#[derive(Debug, Clone, Default)]
pub struct WeightedRows {
    pub n_cols: usize,
    /// Row r's entries are `cols[start[r]..start[r + 1]]`, `vals[..]` alike.
    start: Vec<usize>,
    cols: Vec<u32>,
    vals: Vec<f64>,
    y: Vec<f64>,
    weight: Vec<f64>,
}

impl WeightedRows {
    pub fn new(n_cols: usize) -> Self {
        WeightedRows {
            n_cols,
            start: vec![0],
            ..Default::default()
        }
    }

    /// Append a row: (column, value) entries with columns < `n_cols`, label `positive`
    /// (y = +1) or not (y = −1), weight > 0.
    pub fn push(&mut self, entries: impl IntoIterator<Item = (u32, f64)>, positive: bool, weight: f64) {
        for (c, v) in entries {
            debug_assert!((c as usize) < self.n_cols);
            self.cols.push(c);
            self.vals.push(v);
        }
        self.start.push(self.cols.len());
        self.y.push(if positive { 1.0 } else { -1.0 });
        self.weight.push(weight);
    }

    pub fn len(&self) -> usize {
        self.y.len()
    }

    /// Margins yᵢ·(xᵢ·w + b) for parameters [w…, b].
    fn margins(&self, p: &Array1<f64>) -> Vec<f64> {
        let (w, b) = (p.as_slice().expect("contiguous"), p[self.n_cols]);
        (0..self.len())
            .map(|r| {
                let (s, e) = (self.start[r], self.start[r + 1]);
                let z: f64 = self.cols[s..e]
                    .iter()
                    .zip(&self.vals[s..e])
                    .map(|(&c, &v)| w[c as usize] * v)
                    .sum();
                self.y[r] * (z + b)
            })
            .collect()
    }
}

/// The penalised objective, handed to argmin.
struct Problem<'a> {
    rows: &'a WeightedRows,
    alpha: f64,
    /// The last parameters' margins: the line search asks for the cost and then the gradient
    /// at the same point, and the margins (a pass over every non-zero) are most of both.
    last: std::cell::RefCell<Option<(Array1<f64>, Vec<f64>)>>,
}

impl Problem<'_> {
    fn new(rows: &WeightedRows, alpha: f64) -> Problem<'_> {
        Problem {
            rows,
            alpha,
            last: Default::default(),
        }
    }

    /// `f` of the margins at `p`, computed once per distinct `p` (bit for bit: a cached
    /// margin is the float a fresh computation gives).
    fn with_margins<T>(&self, p: &Array1<f64>, f: impl FnOnce(&[f64]) -> T) -> T {
        let mut last = self.last.borrow_mut();
        let same = |q: &Array1<f64>| q.iter().zip(p).all(|(a, b)| a.to_bits() == b.to_bits());
        match &*last {
            Some((q, _)) if q.len() == p.len() && same(q) => {}
            _ => *last = Some((p.clone(), self.rows.margins(p))),
        }
        f(&last.as_ref().expect("just set").1)
    }
}

/// log σ(x), computed stably (linfa-logistic's `log_logistic`, from scikit-learn).
fn log_logistic(x: f64) -> f64 {
    if x > 0.0 {
        -(1.0 + (-x).exp()).ln()
    } else {
        x - (1.0 + x.exp()).ln()
    }
}

/// σ(x) in linfa-logistic's form (its `logistic`), so the iterates follow linfa-logistic's;
/// `model::sigmoid`'s stable form differs from it in the last bits for negative x.
fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// An error for parameters that are not all finite. argmin 0.11's L-BFGS divides by
/// y·y when it scales its direction, and when a line search ends where it began (the cost
/// flat to the last bit, the gradient still above the tolerance) y = 0 and the direction is
/// NaN; its More–Thuente line search runs without an iteration cap and never ends on NaN
/// costs (found on 12 short dev articles: `eval --cv` hung). An error from the cost ends the
/// line search, and L-BFGS then stops with the best parameters found so far.
fn finite(p: &Array1<f64>) -> Result<(), argmin::core::Error> {
    if p.iter().all(|v| v.is_finite()) {
        Ok(())
    } else {
        Err(argmin::core::Error::msg("non-finite parameters"))
    }
}

impl CostFunction for Problem<'_> {
    type Param = Array1<f64>;
    type Output = f64;

    fn cost(&self, p: &Self::Param) -> Result<f64, argmin::core::Error> {
        finite(p)?;
        let loss: f64 = self.with_margins(p, |m| {
            m.iter()
                .zip(&self.rows.weight)
                .map(|(&m, &c)| -c * log_logistic(m))
                .sum()
        });
        let w = p.slice(ndarray::s![..self.rows.n_cols]);
        Ok(loss + 0.5 * self.alpha * w.dot(&w))
    }
}

impl Gradient for Problem<'_> {
    type Param = Array1<f64>;
    type Gradient = Array1<f64>;

    fn gradient(&self, p: &Self::Param) -> Result<Array1<f64>, argmin::core::Error> {
        finite(p)?;
        let rows = self.rows;
        let n = rows.n_cols;
        let mut g = Array1::<f64>::zeros(n + 1);
        self.with_margins(p, |m| {
            let gs = g.as_slice_mut().expect("contiguous");
            for (r, &mr) in m.iter().enumerate() {
                // ∂/∂z of −c·log σ(y·z) = c·(σ(y·z) − 1)·y
                let d = rows.weight[r] * (logistic(mr) - 1.0) * rows.y[r];
                gs[n] += d;
                let (s, e) = (rows.start[r], rows.start[r + 1]);
                for (&c, &v) in rows.cols[s..e].iter().zip(&rows.vals[s..e]) {
                    gs[c as usize] += d * v;
                }
            }
            for j in 0..n {
                gs[j] += self.alpha * p[j];
            }
        });
        Ok(g)
    }
}

/// Minimise the objective from `start` ([w…, b]; zeros when `None`). Returns [w…, b].
pub fn minimise(
    rows: &WeightedRows,
    alpha: f64,
    gradient_tolerance: f64,
    max_iterations: u64,
    start: Option<Array1<f64>>,
) -> Result<Array1<f64>, argmin::core::Error> {
    let init = start.unwrap_or_else(|| Array1::zeros(rows.n_cols + 1));
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 10).with_tolerance_grad(gradient_tolerance)?;
    let result = Executor::new(Problem::new(rows, alpha), solver)
        .configure(|state| state.param(init.clone()).max_iters(max_iterations))
        .run()?;
    Ok(result.state.best_param.unwrap_or(init))
}

#[cfg(test)]
mod tests {
    use super::*;
    use linfa::prelude::*;
    use linfa_logistic::LogisticRegression;
    use ndarray::Array2;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// A random sparse problem: `n` distinct rows over `d` columns, about a third of the
    /// cells non-zero, labels from a noisy linear rule, each row with a multiplicity 1–3.
    /// Rows as (column, value) lists, labels, multiplicities.
    type Problem3 = (Vec<Vec<(u32, f64)>>, Vec<bool>, Vec<usize>);

    fn random_problem(seed: u64, n: usize, d: usize) -> Problem3 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let truth: Vec<f64> = (0..d).map(|_| rng.gen_range(-2.0..2.0)).collect();
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        let mut reps = Vec::new();
        for _ in 0..n {
            let mut row: Vec<(u32, f64)> = Vec::new();
            for c in 0..d as u32 {
                if rng.gen_bool(0.35) {
                    row.push((c, rng.gen_range(0.05..1.0)));
                }
            }
            let z: f64 = row.iter().map(|&(c, v)| truth[c as usize] * v).sum::<f64>() + rng.gen_range(-1.0..1.0);
            ys.push(z > 0.0);
            xs.push(row);
            reps.push(rng.gen_range(1..=3));
        }
        (xs, ys, reps)
    }

    #[test]
    fn weighted_sparse_fit_equals_linfa_logistic_on_repeated_dense_rows() {
        for (seed, n, d, alpha) in [(1, 40, 6, 1.0), (2, 120, 15, 0.3), (3, 25, 30, 3.0)] {
            let (xs, ys, reps) = random_problem(seed, n, d);
            // linfa-logistic: every row repeated, dense.
            let total: usize = reps.iter().sum();
            let mut x = Array2::<f64>::zeros((total, d));
            let mut y = Array1::<usize>::zeros(total);
            let mut r = 0;
            for i in 0..n {
                for _ in 0..reps[i] {
                    for &(c, v) in &xs[i] {
                        x[[r, c as usize]] = v;
                    }
                    y[r] = usize::from(ys[i]);
                    r += 1;
                }
            }
            let fitted = LogisticRegression::default()
                .alpha(alpha)
                .gradient_tolerance(1e-10)
                .max_iterations(1000)
                .fit(&Dataset::new(x, y))
                .unwrap();
            // linfa orients towards its positive class; turn it towards label 1.
            let sign = if fitted.labels().pos.class == 1 { 1.0 } else { -1.0 };
            // Here: each row once, weighted by its multiplicity.
            let mut rows = WeightedRows::new(d);
            for i in 0..n {
                rows.push(xs[i].iter().copied(), ys[i], reps[i] as f64);
            }
            let p = minimise(&rows, alpha, 1e-10, 1000, None).unwrap();
            for j in 0..d {
                let want = sign * fitted.params()[j];
                assert!(
                    (p[j] - want).abs() < 1e-6,
                    "seed {seed} column {j}: {} vs linfa {want}",
                    p[j]
                );
            }
            let b = sign * fitted.intercept();
            assert!((p[d] - b).abs() < 1e-6, "seed {seed} intercept: {} vs linfa {b}", p[d]);
        }
    }

    #[test]
    fn cost_and_gradient_by_hand() {
        // Two rows: x = (1, 0) y = +1 weight 2; x = (0.5, 1) y = −1 weight 1; alpha = 0.5.
        // At w = (1, −1), b = 0.5: margins +1·(1 + 0.5) = 1.5 and −1·(0.5 − 1 + 0.5) = 0.
        // cost = 2·ln(1 + e^−1.5) + ln 2 + 0.25·2 = 2·0.201413 + 0.693147 + 0.5 = 1.595974.
        // d₁ = 2·(σ(1.5) − 1)·1 = −0.364851, d₂ = (σ(0) − 1)·(−1) = 0.5.
        // g = (d₁ + 0.5·d₂ + 0.5·1, d₂ − 0.5, d₁ + d₂) = (0.385149, 0.0, 0.135149).
        let mut rows = WeightedRows::new(2);
        rows.push([(0, 1.0)], true, 2.0);
        rows.push([(0, 0.5), (1, 1.0)], false, 1.0);
        let pr = Problem::new(&rows, 0.5);
        let p = Array1::from(vec![1.0, -1.0, 0.5]);
        let c = pr.cost(&p).unwrap();
        assert!((c - 1.595974).abs() < 1e-6, "{c}");
        let g = pr.gradient(&p).unwrap();
        for (got, want) in g.iter().zip([0.385149, 0.0, 0.135149]) {
            assert!((got - want).abs() < 1e-6, "{g:?}");
        }
        // The margins cached at p are not reused at another point: at w = 0, b = 0 every
        // margin is 0, so cost = 3·ln 2 (row weights 2 + 1); d₁ = 2·(σ(0) − 1)·1 = −1,
        // d₂ = (σ(0) − 1)·(−1) = ½, g = (d₁ + 0.5·d₂, d₂, d₁ + d₂) = (−0.75, 0.5, −0.5).
        let zero = Array1::zeros(3);
        assert!((pr.cost(&zero).unwrap() - 3.0 * std::f64::consts::LN_2).abs() < 1e-12);
        let g0 = pr.gradient(&zero).unwrap();
        for (got, want) in g0.iter().zip([-0.75, 0.5, -0.5]) {
            assert!((got - want).abs() < 1e-12, "{g0:?}");
        }
        // And back at p, the same values as the first time.
        assert_eq!(pr.cost(&p).unwrap().to_bits(), c.to_bits());
    }

    #[test]
    fn a_line_search_that_ends_where_it_began_stops_the_fit_instead_of_hanging() {
        // A fold of `eval --cv` on twelve short dev articles (153 weighted rows, 1,131
        // columns, alpha 3; column numbers and TF-IDF values only): L-BFGS reached a point
        // where its line search could not lower the cost, its next direction was NaN
        // (0/0), and the More–Thuente search looped for ever. Now it stops there.
        let d: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/fit/flat_line_search.json")).unwrap();
        let get = |k: &str| d[k].clone();
        let start: Vec<usize> = serde_json::from_value(get("start")).unwrap();
        let cols: Vec<u32> = serde_json::from_value(get("cols")).unwrap();
        let vals: Vec<f64> = serde_json::from_value(get("vals")).unwrap();
        let y: Vec<f64> = serde_json::from_value(get("y")).unwrap();
        let weight: Vec<f64> = serde_json::from_value(get("weight")).unwrap();
        let alpha = d["alpha"].as_f64().unwrap();
        let mut rows = WeightedRows::new(d["n_cols"].as_u64().unwrap() as usize);
        for r in 0..y.len() {
            rows.push(
                (start[r]..start[r + 1]).map(|i| (cols[i], vals[i])),
                y[r] > 0.0,
                weight[r],
            );
        }
        // In a thread, so that a regression fails the test instead of hanging the suite.
        let (tx, rx) = std::sync::mpsc::channel();
        let problem = rows.clone();
        std::thread::spawn(move || tx.send(minimise(&problem, alpha, 1e-8, 1000, None)).ok());
        let p = rx
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("the fit returned")
            .expect("the fit succeeded");
        assert!(p.iter().all(|v| v.is_finite()));
        // Where it stopped is the optimum to within what the cost can resolve.
        let pr = Problem::new(&rows, alpha);
        let g = pr.gradient(&p).unwrap();
        let norm = g.dot(&g).sqrt();
        assert!(norm < 1e-6, "gradient norm {norm}");
        assert!(pr.cost(&p).unwrap() < pr.cost(&Array1::zeros(p.len())).unwrap());
    }

    #[test]
    fn non_finite_parameters_are_an_error_not_a_cost() {
        let mut rows = WeightedRows::new(1);
        rows.push([(0, 1.0)], true, 1.0);
        let pr = Problem::new(&rows, 1.0);
        assert!(pr.cost(&Array1::from(vec![f64::NAN, 0.0])).is_err());
        assert!(pr.gradient(&Array1::from(vec![0.0, f64::INFINITY])).is_err());
        assert!(pr.cost(&Array1::from(vec![0.0, 0.0])).is_ok());
    }
}
