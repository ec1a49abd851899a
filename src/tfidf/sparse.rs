//! A sparse row ([`SparseVec`]): sorted column ids and their values.

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
