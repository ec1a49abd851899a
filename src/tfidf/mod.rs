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

mod count_table;
mod counts;
mod fitted;
mod key_index;
mod sparse;

pub use counts::TermCounts;
pub use fitted::{FittedTfidf, TfidfParams};
pub use sparse::SparseVec;
