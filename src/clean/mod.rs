//! Cleaning the corpus before counting: boilerplate lines, datelines and duplicate
//! documents — what an analyst means by "the text of the articles".
//!
//! # The two-step flow
//!
//! 1. **First pass** ([`index`]): every document is read once and fingerprinted
//!    ([`Fingerprinter`]): the hash of each line's key ([`lines`]), the hash of its whole
//!    normalised text, the lines the user's `--drop-lines` list matches and, for
//!    `--duplicates near`, a MinHash signature ([`minhash`]). Fingerprints fold into a
//!    [`CleanPartial`] per worker (or per shard of a distributed run); partials merge
//!    exactly and in any order ([`CleanPartial::merge`]). [`CleanPartial::finish`] then
//!    decides, in corpus order, which documents are duplicates and which lines are
//!    boilerplate, and returns a [`CleanIndex`].
//! 2. **Counting pass**: the corpus is read again; each document asks the index whether it
//!    is left out ([`CleanIndex::duplicate`]) and which of its lines are
//!    ([`CleanIndex::skipped_lines`]); datelines ([`dateline`]) need no first pass: they are
//!    found in the document's first body paragraph as it is analysed.
//!
//! Both passes name documents by their [`crate::analysis::DocKey`] (input path and record
//! number), which is the same in both as long as the input does not change in between.
//!
//! # Definitions
//!
//! * **Exact duplicates**: documents whose text has the same normalised words in the same
//!   order (see [`lines`]; punctuation, spacing, line breaks, tashkeel and alef forms do not
//!   matter). The first in corpus order is kept, the others are left out. Documents without
//!   any word are never duplicates.
//! * **Near-duplicates** (`--duplicates near`): a document whose estimated resemblance
//!   (Broder 1997; Jaccard index of word 5-shingles, MinHash with 128 permutations and LSH
//!   banding, see [`minhash`]) with an earlier *kept* document is at least 0.9 is left out.
//! * **Boilerplate**: a line whose key occurs in at least K distinct kept documents of its
//!   group (the `--by` value, or the whole corpus), with
//!   K = max(5, ⌈0.005 × documents of the group⌉) by default.

pub mod dateline;
pub mod index;
pub mod lines;
pub mod minhash;

pub use dateline::{Dateline, DatelineForm, DatelineRules};
pub use index::{
    BoilerplateLine, BoilerplateMode, CleanIndex, CleanOptions, CleanPartial, DocPrint, Duplicate,
    DuplicateKind, DuplicateMode, Fingerprinter, GroupThreshold, PrintScratch,
};
pub use lines::{DropLines, DropLinesError};
