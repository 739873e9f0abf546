//! # tahlil — analysis of Arabic text corpora
//!
//! The library behind the `tahlil` command: reading corpora ([`corpus`]), Arabic text
//! processing ([`text`]: normalisation, tokenisation, clitics, stemming, stopwords),
//! document structure ([`structure`]), metadata dates and periods ([`date`]), document
//! filters and samples ([`select`]), streaming over threads ([`engine`]), the analyses
//! ([`analysis`]) and report rendering ([`report`]). With the `cli` feature (on by
//! default), `cli` and `commands` hold the command-line front end.
//!
//! ```
//! use tahlil::text::{Normalizer, Preset};
//! let n = Normalizer::new(Preset::Standard);
//! assert_eq!(n.normalize("الطَّالِبُ"), "الطالب");
//! ```

pub mod analysis;
pub mod clean;
#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "cli")]
pub mod commands;
pub mod corpus;
pub mod date;
pub mod engine;
pub mod lexicon;
pub mod report;
pub mod select;
pub mod structure;
pub mod text;
