//! # tahlil — analysis of Arabic text corpora
//!
//! The library behind the `tahlil` command: reading corpora ([`corpus`]), Arabic text
//! processing ([`text`]: normalisation, tokenisation, clitics, stemming, stopwords),
//! document structure ([`structure`]), streaming over threads ([`engine`]), the analyses
//! ([`analysis`]) and report rendering ([`report`]). [`cli`] and [`commands`] hold the
//! command-line front end.
//!
//! ```
//! use tahlil::text::{Normalizer, Preset};
//! let n = Normalizer::new(Preset::Standard);
//! assert_eq!(n.normalize("الطَّالِبُ"), "الطالب");
//! ```

pub mod analysis;
pub mod clean;
pub mod cli;
pub mod commands;
pub mod corpus;
pub mod date;
pub mod engine;
pub mod lexicon;
pub mod report;
pub mod structure;
pub mod text;
