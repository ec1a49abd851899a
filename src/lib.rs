//! # framescope
//!
//! Compares how news outlets frame the same events. The pipeline: load articles
//! ([`corpus`]) → strip boilerplate and outlet self-references ([`clean`]) → split sentences,
//! tokenize, stem ([`text`], gathered per article in [`document`]) → TF-IDF per sentence
//! ([`tfidf`]) → seed lexicons give weak labels ([`lexicon`]) → logistic regression
//! (linfa-logistic) learns beyond the lexicon ([`model`]) → per-sentence and per-article
//! framing scores with their reasons ([`score`]) → tables and manifests ([`report`]) and
//! charts ([`charts`]). [`pipeline`] wires the stages together; [`eval`] measures them.
//! [`compare`] sets articles, outlets and runs side by side: keyness, shared copy, sourcing,
//! per-outlet tables and run-to-run diffs.
//!
//! The library never prints and never exits; the `framescope` binary does that.

pub mod analysis_cache;
pub mod charts;
pub mod clean;
pub mod compare;
pub mod corpus;
pub mod data;
pub mod document;
pub mod error;
pub mod eval;
pub mod jobs;
pub mod languages;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod report;
pub mod resample;
pub mod score;
pub mod style;
pub mod text;
pub mod tfidf;
pub mod voice;

pub use error::{Error, Result};
