//! Finding lexicon mentions in a document: one sentence at a time through the pipeline
//! and the [`Matcher`], with positions back into the original text.

use super::{Event, SentencePos, VisualLines, sentences};
use crate::corpus::Document;
use crate::lexicon::{EntryId, MatchMemo, Matcher, Mention, SentenceTokens};
use crate::structure::Structure;
use crate::text::pipeline::{Pipeline, Scratch};

/// One mention in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocMention {
    /// The entry mentioned.
    pub entry: EntryId,
    /// True when the match is ambiguous (see [`Mention::ambiguous`]).
    pub ambiguous: bool,
    /// The sentence it is in.
    pub pos: SentencePos,
    /// Index of its first token among the document's tokens (words, numbers, URLs…), from 0.
    pub token: usize,
    /// Byte offset of its start in the document text.
    pub start: usize,
    /// Byte offset of its end in the document text (exclusive).
    pub end: usize,
}

/// Reusable buffers for [`document_mentions`], with the matcher's [`MatchMemo`]: keep one
/// per worker thread, and use it with one matcher only.
#[derive(Debug, Default)]
pub struct MentionScratch {
    tokens: SentenceTokens,
    found: Vec<Mention>,
    scratch: Scratch,
    memo: MatchMemo,
}

/// What [`document_mentions`] found in one document.
#[derive(Debug, Clone, Default)]
pub struct DocMentions {
    /// The mentions, in text order (mentions of several entries may share a span).
    pub mentions: Vec<DocMention>,
    /// Token positions used (all tokens, URLs included): the length of the document for
    /// token windows.
    pub positions: usize,
    /// Word and number tokens.
    pub tokens: u64,
    /// Sentences.
    pub sentences: u64,
}

/// All mentions in `doc`, with the document's token and sentence counts. Sentences are the ones of
/// [`super::sentences`] (visual-order lines skipped or kept per `visual`, with warnings).
pub fn document_mentions(
    doc: &Document,
    structure: &Structure,
    pipeline: &Pipeline,
    matcher: &Matcher,
    visual: VisualLines,
    buf: &mut MentionScratch,
    warnings: &mut Vec<String>,
) -> DocMentions {
    document_mentions_walk(doc, structure, pipeline, matcher, visual, buf, warnings, |_| {})
}

/// [`document_mentions`] that also hands every sentence and token it runs through the
/// pipeline to `f`, as [`super::walk`] does ([`Event::Sentence`] then that sentence's
/// [`Event::Term`]s), so a caller that needs both the mentions and the terms tokenises the
/// document once.
#[allow(clippy::too_many_arguments)]
pub fn document_mentions_walk(
    doc: &Document,
    structure: &Structure,
    pipeline: &Pipeline,
    matcher: &Matcher,
    visual: VisualLines,
    buf: &mut MentionScratch,
    warnings: &mut Vec<String>,
    mut f: impl FnMut(Event<'_, '_>),
) -> DocMentions {
    let mut out = DocMentions::default();
    let mut token_base = 0usize;
    let MentionScratch { tokens, found, scratch, memo } = buf;
    sentences(doc, structure, visual, warnings, |pos| {
        f(Event::Sentence(pos));
        tokens.clear();
        pipeline.terms(&doc.text, pos.span.0..pos.span.1, scratch, |t| {
            tokens.push(t);
            f(Event::Term(t));
        });
        found.clear();
        matcher.find_memo(tokens.tokens(), tokens.hashes(), memo, found);
        for m in found.iter() {
            let span = tokens.span_of(m);
            out.mentions.push(DocMention {
                entry: m.entry,
                ambiguous: m.ambiguous,
                pos,
                token: token_base + m.start,
                start: span.start,
                end: span.end,
            });
        }
        token_base += tokens.len();
        out.tokens += tokens.tokens().iter().filter(|t| !t.is_empty()).count() as u64;
        out.sentences += 1;
    });
    out.positions = token_base;
    out
}
