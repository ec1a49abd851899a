//! Text analysis: normalisation, sentence splitting, tokens, and the one [`Analyzer`] that
//! TF-IDF and lexicon matching share (so a lexicon phrase matches exactly what the
//! vectoriser sees).

mod analyzer;
pub mod keys;
mod normalize;
mod sentences;
mod tokens;
pub mod voice;

pub use analyzer::{Analyzer, AnalyzerSettings, Term};
pub use normalize::normalize;
pub use sentences::split_sentences;
pub use tokens::{tokenize, Token};
