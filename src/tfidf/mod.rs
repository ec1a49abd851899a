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

/// Ask the CPU to start loading the cache line of `at` (a hint: no effect on results). The
/// count tables and the key index probe slots at random in tables larger than the caches;
/// issuing the loads of the next few keys first lets their misses overlap.
#[inline]
fn prefetch<T>(at: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch of a valid address reads nothing and has no side effect (SSE, which
    // every x86_64 CPU has).
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((at as *const T).cast())
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}
