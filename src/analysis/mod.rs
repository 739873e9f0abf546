//! The analyses, and the one shape they all share.
//!
//! Every document is walked once into an [`AnalyzedDoc`] ([`doc`]); an [`Analysis`] adds
//! analysed documents to a mergeable partial result and finishes it into its result. The
//! engine ([`crate::engine`]) runs any analysis over any document source on many threads;
//! [`Grouped`] runs one per `--by` group; a tuple of analyses is an analysis, so several
//! share one walk (`tahlil report` is stats, cooc and sections over one walk).
//!
//! The analyses: term frequencies ([`stats`], counting with [`freq`]), the first pass of
//! `--segment proclitics` ([`vocab`]), the co-occurrence network ([`network`], counting
//! with [`cooc`], association measures in [`measures`]), lexicon mentions ([`mentions`]),
//! section summaries ([`sections`], key sentences with [`summarize`]).

pub mod assoc;
pub mod cooc;
pub mod dispersion;
pub mod doc;
pub mod freq;
pub mod group;
pub mod keyness;
pub mod kwic;
pub mod measures;
pub mod mentions;
pub mod network;
pub mod sections;
pub mod stat;
pub mod stats;
pub mod summarize;
pub mod trend;
pub mod vocab;

pub use doc::{
    AnalyzedDoc, Analyzer, DocKey, DocMention, Needs, Sentence, SentenceFlags, Span, StrRef, Token,
    TokenRange, VisualLines, doc_location, walk_sentences,
};
pub use group::{GroupBy, Grouped, MISSING_GROUP};

/// An analysis: what it needs built for each document, how it adds one analysed document
/// to a partial result, how two partial results merge, and how a partial result becomes
/// the result.
///
/// The engine gives every worker thread its own [`Analysis::Partial`] (from
/// [`Analysis::empty`]) and [`Analysis::Scratch`], adds each document to the partial of the
/// thread that analysed it, and merges the partials at the end. So that the result is the
/// same for any thread count and any sharding of the corpus, `merge` must be associative
/// and commutative, and a partial must not depend on the order in which documents were
/// added (order by [`DocKey`], never by arrival). A partial holds only results; reusable
/// buffers go in the scratch value, which is never merged.
///
/// Partials are keyed for exact merges across runs: lexicon nodes by entry id, documents
/// by their global [`DocKey`], evidence ordered by it.
pub trait Analysis {
    /// The mergeable partial result.
    type Partial;
    /// Per-thread reusable buffers (not part of the result; `()` when none).
    type Scratch: Default;
    /// The finished result.
    type Output;

    /// What each document must have built (the walk builds the union over the run).
    fn needs(&self) -> Needs;

    /// An empty partial result.
    fn empty(&self) -> Self::Partial;

    /// Adds one analysed document to `partial`.
    fn add(&self, partial: &mut Self::Partial, scratch: &mut Self::Scratch, doc: &AnalyzedDoc);

    /// Adds `other` into `into` (associative and commutative).
    fn merge(&self, into: &mut Self::Partial, other: Self::Partial);

    /// The result of a partial (after all merges).
    fn finish(&self, partial: Self::Partial) -> Self::Output;
}

/// No analysis: needs nothing, adds nothing (for a run that only streams).
impl Analysis for () {
    type Partial = ();
    type Scratch = ();
    type Output = ();
    fn needs(&self) -> Needs {
        Needs::NONE
    }
    fn empty(&self) {}
    fn add(&self, _: &mut (), _: &mut (), _: &AnalyzedDoc) {}
    fn merge(&self, _: &mut (), _: ()) {}
    fn finish(&self, _: ()) {}
}

macro_rules! tuple_analysis {
    ($($a:ident $i:tt),+) => {
        /// Several analyses over one walk: needs are united, partials, scratch values and
        /// results are tuples.
        impl<$($a: Analysis),+> Analysis for ($($a,)+) {
            type Partial = ($($a::Partial,)+);
            type Scratch = ($($a::Scratch,)+);
            type Output = ($($a::Output,)+);
            fn needs(&self) -> Needs {
                Needs::NONE$(.union(self.$i.needs()))+
            }
            fn empty(&self) -> Self::Partial {
                ($(self.$i.empty(),)+)
            }
            fn add(&self, p: &mut Self::Partial, s: &mut Self::Scratch, doc: &AnalyzedDoc) {
                $(self.$i.add(&mut p.$i, &mut s.$i, doc);)+
            }
            fn merge(&self, into: &mut Self::Partial, other: Self::Partial) {
                $(self.$i.merge(&mut into.$i, other.$i);)+
            }
            fn finish(&self, p: Self::Partial) -> Self::Output {
                ($(self.$i.finish(p.$i),)+)
            }
        }
    };
}

tuple_analysis!(A 0, B 1);
tuple_analysis!(A 0, B 1, C 2);
tuple_analysis!(A 0, B 1, C 2, D 3);

/// An analysis by reference is the analysis.
impl<A: Analysis + ?Sized> Analysis for &A {
    type Partial = A::Partial;
    type Scratch = A::Scratch;
    type Output = A::Output;
    fn needs(&self) -> Needs {
        (**self).needs()
    }
    fn empty(&self) -> Self::Partial {
        (**self).empty()
    }
    fn add(&self, p: &mut Self::Partial, s: &mut Self::Scratch, doc: &AnalyzedDoc) {
        (**self).add(p, s, doc)
    }
    fn merge(&self, into: &mut Self::Partial, other: Self::Partial) {
        (**self).merge(into, other)
    }
    fn finish(&self, p: Self::Partial) -> Self::Output {
        (**self).finish(p)
    }
}

/// Documents, word tokens, sentences and text bytes: the `corpus` counters every report
/// shows, counted the same way for every command.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Documents.
    pub documents: u64,
    /// Word and number tokens ([`Token::is_word`]).
    pub tokens: u64,
    /// Sentences walked.
    pub sentences: u64,
    /// UTF-8 bytes of the documents' text.
    pub bytes: u64,
}

impl Totals {
    /// The totals of one document.
    pub fn of(doc: &AnalyzedDoc) -> Totals {
        Totals {
            documents: 1,
            tokens: doc.word_tokens,
            sentences: doc.sentences.len() as u64,
            bytes: doc.text().len() as u64,
        }
    }

    /// Adds `other` into `self`.
    pub fn add(&mut self, other: Totals) {
        self.documents += other.documents;
        self.tokens += other.tokens;
        self.sentences += other.sentences;
        self.bytes += other.bytes;
    }
}

/// The analysis that counts [`Totals`] (with tokens: it needs them counted).
#[derive(Debug, Clone, Copy, Default)]
pub struct CountTotals;

impl Analysis for CountTotals {
    type Partial = Totals;
    type Scratch = ();
    type Output = Totals;
    fn needs(&self) -> Needs {
        Needs::TOKENS
    }
    fn empty(&self) -> Totals {
        Totals::default()
    }
    fn add(&self, p: &mut Totals, _: &mut (), doc: &AnalyzedDoc) {
        p.add(Totals::of(doc));
    }
    fn merge(&self, into: &mut Totals, other: Totals) {
        into.add(other);
    }
    fn finish(&self, p: Totals) -> Totals {
        p
    }
}
