//! Text analysis: normalisation, sentence splitting, tokens, and the one [`Analyzer`] that
//! TF-IDF and lexicon matching share (so a lexicon phrase matches exactly what the
//! vectoriser sees).

mod analyzer;
pub(crate) mod gate;
pub mod keys;
mod language;
mod normalize;
mod sentences;
mod tokens;
pub mod voice;

pub use analyzer::{exact_form, Analyzer, AnalyzerSettings, Term};
pub use language::{check_stemmer, LanguageSettings, DEFAULT_LANGUAGE};
pub use normalize::normalize;
pub use sentences::{split_sentences, split_sentences_ending, split_sentences_with};
pub use tokens::{tokenize, tokenize_min, Token};
