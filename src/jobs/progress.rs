//! How a job tells its caller what it is doing: counted stages and messages. The CLI shows
//! progress bars; a library caller passes [`NoProgress`] or its own implementation.

/// Progress and messages of a running job. Every method has a do-nothing default. A job calls
/// it from its worker threads too, hence `Sync`.
pub trait Progress: Sync {
    /// A counted stage begins ("pass 1/2: analysing articles"); ends the previous one.
    fn start(&self, _stage: &str) {}
    /// Items done so far in the current stage.
    fn set(&self, _done: u64) {}
    /// `n` more items done in the current stage.
    fn inc(&self, _n: u64) {}
    /// The current stage is over.
    fn finish(&self) {}
    /// Something the user must see even when they asked for quiet: a skipped input, a
    /// backup made, a table left partly empty (one line, no trailing newline).
    fn warn(&self, _message: &str) {}
    /// A status line (what was trained, what was written), hidden when quiet.
    fn info(&self, _message: &str) {}
}

/// Progress for callers who do not watch: ignores everything.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {}
