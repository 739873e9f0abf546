//! # tahlil — analysis of Arabic text corpora
//!
//! The library behind the `tahlil` command: reading corpora ([`corpus`]), Arabic text
//! processing ([`text`]: normalisation, tokenisation, clitics, stemming, stopwords),
//! document structure ([`structure`]), the analyses ([`analysis`]) and report rendering
//! ([`report`]).
//!
//! ```
//! use tahlil::text::{Normalizer, Preset};
//! let n = Normalizer::new(Preset::Standard);
//! assert_eq!(n.normalize("الطَّالِبُ"), "الطالب");
//! ```

pub mod corpus;
pub mod lexicon;
pub mod structure;
pub mod text;
