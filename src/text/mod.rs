//! The text pipeline: normalise → tokenise → (segment proclitics) → stopwords → (stem).
//!
//! Each stage is a small module usable on its own; [`pipeline::Pipeline`] chains them.

pub mod clitics;
pub mod hashed;
pub mod normalize;
pub mod pipeline;
pub mod stem;
pub mod stopwords;
pub mod tokenize;
pub mod visual;

pub use normalize::{Normalizer, Preset, SuperscriptAlef};
pub use pipeline::{Pipeline, Role, Scratch, SegmentMode, Term, TextOptions};
pub use tokenize::{RawToken, TokenKind};
