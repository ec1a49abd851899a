//! The comparator: what distinguishes groups of sentences or articles ([`keyness`]), which
//! text articles share ([`overlap`]), who they quote ([`sourcing`]), outlets side by side
//! ([`outlets`]) and what changed between two runs ([`diff`]). Library only: tables are
//! written by [`tables`], charts by `crate::charts::keyness`.

pub mod changes;
pub mod columns;
pub mod diff;
pub mod enrich;
pub mod forms;
pub mod keyness;
pub mod outlets;
pub mod overlap;
pub mod sourcing;
pub mod tables;

pub use columns::{ArticleRow, ComparatorColumns};
