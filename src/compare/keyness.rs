//! Keyness: which terms distinguish group A from group B (Kremlin- from Western-framed
//! sentences, one outlet from another).
//!
//! The statistic is the log-odds ratio with an informative Dirichlet prior (Monroe,
//! Colaresi & Quinn 2008, "Fightin' words", eq. 16–22). For term w with counts y_a, y_b in
//! the two groups (totals n_a, n_b) and prior pseudo-counts α_w (total α_0):
//!
//! ```text
//! δ_w  = ln((y_a + α_w) / (n_a + α_0 − y_a − α_w)) − ln((y_b + α_w) / (n_b + α_0 − y_b − α_w))
//! σ²_w ≈ 1 / (y_a + α_w) + 1 / (y_b + α_w)
//! z_w  = δ_w / √σ²_w
//! ```
//!
//! The prior is the background corpus (every sentence of every article, in either group or
//! neither) scaled as scattertext does with its class-size scaling: α_w = α_0 · bg_w / N_bg
//! with α_0 = (n_a + n_b) / 2 unless [`KeynessParams::prior_size`] sets it. z > 0 leans A.

use rustc_hash::FxHashMap;

/// |z| from which a term is said to lean to a group (`leans` in keyness.csv, `*` in the
/// printed table): the two-sided 5% point of the normal distribution.
pub const Z_LEANS: f64 = 1.96;

/// Options of the statistic.
#[derive(Debug, Clone, PartialEq)]
pub struct KeynessParams {
    /// α_0, the prior's total pseudo-count; `None` = (n_a + n_b) / 2.
    pub prior_size: Option<f64>,
    /// Terms with fewer occurrences in A and B together are left out of the table.
    pub min_count: u64,
}

impl Default for KeynessParams {
    fn default() -> Self {
        KeynessParams {
            prior_size: None,
            min_count: 2,
        }
    }
}

/// Term counts of one group (or of the background).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub terms: FxHashMap<String, u64>,
    pub total: u64,
}

impl Counts {
    pub fn add<'a>(&mut self, terms: impl IntoIterator<Item = &'a String>) {
        for t in terms {
            *self.terms.entry(t.clone()).or_insert(0) += 1;
            self.total += 1;
        }
    }

    pub fn get(&self, t: &str) -> u64 {
        self.terms.get(t).copied().unwrap_or(0)
    }
}

/// One row of `keyness.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyTerm {
    pub term: String,
    pub count_a: u64,
    pub count_b: u64,
    pub background: u64,
    /// Occurrences per 1,000 terms in each group.
    pub per_mille_a: f64,
    pub per_mille_b: f64,
    pub prior: f64,
    pub delta: f64,
    pub z: f64,
}

/// Score every term seen in A or B (at least `min_count` times together), sorted by z
/// descending (ties by term), so the head leans A and the tail leans B.
pub fn log_odds(a: &Counts, b: &Counts, background: &Counts, params: &KeynessParams) -> Vec<KeyTerm> {
    let (na, nb) = (a.total as f64, b.total as f64);
    let a0 = params.prior_size.unwrap_or((na + nb) / 2.0);
    let nbg = background.total.max(1) as f64;
    let mut terms: Vec<&String> = a.terms.keys().chain(b.terms.keys()).collect();
    terms.sort();
    terms.dedup();
    let mut out: Vec<KeyTerm> = terms
        .into_iter()
        .filter_map(|t| {
            let (ya, yb) = (a.get(t), b.get(t));
            if ya + yb < params.min_count {
                return None;
            }
            // A term in a group is in the background by construction; guard anyway.
            let bg = background.get(t).max(ya + yb);
            let alpha = a0 * bg as f64 / nbg;
            let (ya, yb) = (ya as f64, yb as f64);
            let delta = ((ya + alpha) / (na + a0 - ya - alpha)).ln() - ((yb + alpha) / (nb + a0 - yb - alpha)).ln();
            let var = 1.0 / (ya + alpha) + 1.0 / (yb + alpha);
            Some(KeyTerm {
                term: t.clone(),
                count_a: ya as u64,
                count_b: yb as u64,
                background: bg,
                per_mille_a: if na > 0.0 { 1000.0 * ya / na } else { 0.0 },
                per_mille_b: if nb > 0.0 { 1000.0 * yb / nb } else { 0.0 },
                prior: alpha,
                delta,
                z: delta / var.sqrt(),
            })
        })
        .collect();
    out.sort_by(|x, y| y.z.total_cmp(&x.z).then_with(|| x.term.cmp(&y.term)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[(&str, u64)]) -> Counts {
        let mut c = Counts::default();
        for (t, n) in pairs {
            c.terms.insert(t.to_string(), *n);
            c.total += n;
        }
        c
    }

    /// Worked example, computed by hand (and by `tests/keyness_reference.py`):
    /// A = {nato: 8, drill: 2}, n_a = 10; B = {nato: 1, drill: 9}, n_b = 10;
    /// background = {nato: 10, drill: 12, talk: 8}, N_bg = 30; α_0 = (10 + 10)/2 = 10.
    /// α_nato = 10 · 10/30 = 10/3.
    /// δ_nato = ln((8 + 10/3)/(10 + 10 − 8 − 10/3)) − ln((1 + 10/3)/(10 + 10 − 1 − 10/3))
    ///        = ln(34/26) − ln(13/47) = ln(1.307692) − ln(0.276596) = 0.268264 + 1.285198
    ///        = 1.553462
    /// σ²     = 1/(34/3) + 1/(13/3) = 3/34 + 3/13 = 0.088235 + 0.230769 = 0.319005
    /// z      = 1.553462 / 0.564805 = 2.750441
    #[test]
    fn matches_the_worked_example() {
        let a = counts(&[("nato", 8), ("drill", 2)]);
        let b = counts(&[("nato", 1), ("drill", 9)]);
        let bg = counts(&[("nato", 10), ("drill", 12), ("talk", 8)]);
        let r = log_odds(&a, &b, &bg, &KeynessParams::default());
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].term, "nato");
        assert!((r[0].prior - 10.0 / 3.0).abs() < 1e-12);
        assert!((r[0].delta - 1.553462).abs() < 1e-6, "{}", r[0].delta);
        assert!((r[0].z - 2.750441).abs() < 1e-6, "{}", r[0].z);
        assert_eq!((r[0].count_a, r[0].count_b), (8, 1));
        // drill leans B: α = 4; δ = ln(6/14) − ln(13/7) = −0.847298 − 0.619039 = −1.466337;
        // σ² = 1/6 + 1/13 = 0.243590; z = −1.466337 / 0.493548 = −2.971011.
        assert_eq!(r[1].term, "drill");
        assert!((r[1].z - -2.971011).abs() < 1e-6, "{}", r[1].z);
    }

    #[test]
    fn min_count_and_prior_size_apply() {
        let a = counts(&[("x", 1), ("y", 5)]);
        let b = counts(&[("y", 5)]);
        let bg = counts(&[("x", 1), ("y", 10)]);
        let r = log_odds(&a, &b, &bg, &KeynessParams::default());
        assert_eq!(r.len(), 1);
        let r = log_odds(
            &a,
            &b,
            &bg,
            &KeynessParams {
                prior_size: Some(1000.0),
                min_count: 1,
            },
        );
        // x: α = 1000/11; the big prior pulls the log-odds of a one-off toward zero.
        let x = r.iter().find(|t| t.term == "x").unwrap();
        assert!((x.prior - 1000.0 / 11.0).abs() < 1e-9);
        assert!(x.z > 0.0 && x.z < 0.2, "{}", x.z);
    }
}

/// The most frequent written form (lowercased) of each stem, to show "negotiations" rather
/// than "negoti". Ties go to the alphabetically first form.
#[derive(Debug, Clone, Default)]
pub struct Surfaces {
    forms: FxHashMap<String, FxHashMap<String, u64>>,
}

impl Surfaces {
    pub fn add_document(&mut self, doc: &crate::document::Document) {
        for s in &doc.sentences {
            let mut previous: Option<(&str, String)> = None;
            for t in &s.terms {
                let form = s.text[t.span.clone()].to_lowercase();
                // Two-word terms get the forms written together: each word's own commonest
                // form made phrases nobody wrote in an inflected language («российские
                // агрессии» from «российская агрессия» and «российской агрессии»: review,
                // session 49).
                if let Some((stem, word)) = previous.take() {
                    *self
                        .forms
                        .entry(format!("{stem} {}", t.stem))
                        .or_default()
                        .entry(format!("{word} {form}"))
                        .or_insert(0) += 1;
                }
                *self
                    .forms
                    .entry(t.stem.to_string())
                    .or_default()
                    .entry(form.clone())
                    .or_insert(0) += 1;
                previous = Some((&t.stem, form));
            }
        }
    }

    /// A term (one or more stems joined by spaces) in written form: the commonest form it
    /// was written in, else each word's.
    pub fn show(&self, term: &str) -> String {
        if let Some(whole) = self.most_frequent(term) {
            return whole;
        }
        term.split(' ')
            .map(|stem| self.most_frequent(stem).unwrap_or_else(|| stem.to_string()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn most_frequent(&self, key: &str) -> Option<String> {
        self.forms
            .get(key)?
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(w, _)| w.clone())
    }
}
