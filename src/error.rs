//! The library's one error type. Each variant carries the context a user needs to fix the
//! problem (file, line, what to add), so the CLI only prints it on one line.

use std::path::PathBuf;

/// Everything that can stop a framescope stage.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path given on the command line does not exist.
    #[error("{path}: no such file or directory")]
    NotFound { path: PathBuf },

    /// An I/O failure reading or writing a named file.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A data file (lexicon, boilerplate, stop words, actors) has a line that does not parse.
    #[error("{path}:{line}: {message}")]
    DataLine {
        path: PathBuf,
        line: usize,
        message: String,
    },

    /// A data file as a whole is unusable (e.g. an empty lexicon).
    #[error("{path}: {message}")]
    DataFile { path: PathBuf, message: String },

    /// A saved model cannot be used.
    #[error("{path}: {message}")]
    Model { path: PathBuf, message: String },

    /// Parameters rejected before any fitting.
    #[error("invalid parameter {name}: {message}")]
    InvalidParam { name: &'static str, message: String },

    /// The weakly labelled training set has sentences of only one side (or none).
    #[error("cannot train: {message}")]
    OneSided { message: String },

    /// No article survived loading and cleaning.
    #[error("no usable articles: {message}")]
    NoArticles { message: String },

    /// linfa-logistic failed to fit.
    #[error("logistic regression failed: {0}")]
    Fit(String),

    /// A table in an output folder (scores.csv, sentences.csv …) does not parse.
    #[error("{path}: {message}")]
    Table { path: PathBuf, message: String },

    /// A job was asked for something it cannot do (the message says what and why).
    #[error("{0}")]
    Invalid(String),

    /// A row of a table in an output folder does not parse or holds an impossible value:
    /// named by its file line (the header is line 1) and column.
    #[error("{path}:{line}: {message}")]
    TableLine { path: PathBuf, line: u64, message: String },

    /// A CSV table could not be written or read.
    #[error("{path}: {source}")]
    Csv {
        path: PathBuf,
        #[source]
        source: csv::Error,
    },

    /// A JSON document could not be written or read.
    #[error("{path}: {source}")]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },

    /// An output path framescope refuses to write: an input, a device or pipe, a symbolic
    /// link, a folder that holds the current directory.
    #[error("{path}: {message}")]
    Output { path: PathBuf, message: String },

    /// An input changed while the job was reading it.
    #[error("{path}: {message}")]
    InputChanged { path: PathBuf, message: String },

    /// Another framescope job is writing the same output folder or model.
    #[error("{path}: in use by another framescope job ({holder}); wait for it to finish or choose another output")]
    Locked { path: PathBuf, holder: String },

    /// A chart or report could not be drawn or encoded.
    #[error("{path}: cannot draw chart: {message}")]
    Chart { path: PathBuf, message: String },

    /// What `run` kept of its first pass for the second (its temporary file) did not read
    /// back as it was written.
    #[error("the analysis kept between run's two passes is unreadable: {0}")]
    Kept(String),
    /// The temporary file of that analysis could not be read back.
    #[error("the analysis kept between run's two passes could not be read back")]
    KeptUnreadable(#[source] std::io::Error),
}

/// Result alias used across the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wrap an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
