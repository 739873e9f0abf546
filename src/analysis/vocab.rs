//! The first pass of `--segment proclitics`: the corpus's word types and their counts, from
//! which the [`Segmenter`] decides which proclitic splits are attested.

use super::{Analysis, AnalyzedDoc, Needs};
use crate::text::TokenKind;
use crate::text::clitics::Segmenter;
use crate::text::pipeline::{Pipeline, Role, Scratch};
use rustc_hash::FxHashMap;

/// Counts the normalised word tokens (stopwords included, numbers and URLs not) of each
/// document's whole text, tokenised by `pipeline` (which must have no segmenter yet). The
/// text is read as one piece, sentence boundaries and visual-order lines included, so the
/// analysis needs nothing built.
#[derive(Debug, Clone, Copy)]
pub struct Vocabulary<'a> {
    /// The pipeline, without segmenter.
    pub pipeline: &'a Pipeline,
}

impl Vocabulary<'_> {
    /// The segmenter for the counted vocabulary: stopwords are never split.
    pub fn segmenter(&self, counts: &FxHashMap<Box<str>, u64>) -> Segmenter {
        let stop = &self.pipeline.stopwords;
        Segmenter::from_counts(counts, &|_| false, &|w| stop.contains(w))
    }
}

impl Analysis for Vocabulary<'_> {
    type Partial = FxHashMap<Box<str>, u64>;
    type Scratch = Scratch;
    type Output = FxHashMap<Box<str>, u64>;

    fn needs(&self) -> Needs {
        Needs::NONE
    }

    fn empty(&self) -> Self::Partial {
        FxHashMap::default()
    }

    fn add(&self, counts: &mut Self::Partial, scratch: &mut Scratch, doc: &AnalyzedDoc) {
        let text = doc.text();
        self.pipeline.terms(text, 0..text.len(), scratch, |t| {
            if t.kind == TokenKind::Word && t.role != Role::Excluded {
                match counts.get_mut(t.norm) {
                    Some(c) => *c += 1,
                    None => {
                        counts.insert(Box::from(t.norm), 1);
                    }
                }
            }
        });
    }

    fn merge(&self, into: &mut Self::Partial, other: Self::Partial) {
        for (k, v) in other {
            *into.entry(k).or_default() += v;
        }
    }

    fn finish(&self, p: Self::Partial) -> Self::Output {
        p
    }
}
