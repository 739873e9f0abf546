//! Choosing the documents to analyse: `--where` expressions ([`filter`]) and reproducible
//! random samples ([`sample`]).
//!
//! Both work per document and are independent of thread count and sharding: a filter is a
//! pure function of one document, and a sample is the set of the `N` documents with the
//! smallest keyed hashes, which partial samples computed on any split of the corpus merge
//! into exactly.

pub mod filter;
pub mod sample;
pub mod selection;

pub use filter::{Filter, FilterOptions, Record, TextMatcher, TextScope, TextTerm, WhereError};
pub use sample::{BottomK, SampleKey};
pub use selection::{SampleKeys, Selection, SelectionCounts, SelectionError, Verdict};
