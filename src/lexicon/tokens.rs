//! Building the token list of one sentence for [`super::Matcher::find`].

use super::Mention;
use crate::text::pipeline::Term;
use crate::text::{Pipeline, Scratch, TokenKind};
use std::ops::Range;

/// The normalised tokens of one sentence and their byte spans, reusable from sentence to
/// sentence without reallocating.
///
/// Every token the pipeline yields is kept, stopwords and numbers included, so that
/// phrases and context words (`[في] مالي`) are seen. URLs, e-mail addresses and handles
/// are kept as empty strings: they match nothing and break phrases, and the token indices
/// stay aligned with [`SentenceTokens::spans`].
#[derive(Debug, Default, Clone)]
pub struct SentenceTokens {
    norms: Vec<String>,
    hashes: Vec<u64>,
    spans: Vec<(usize, usize)>,
    len: usize,
}

impl SentenceTokens {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces the contents with the tokens of `text[sentence]` (byte range of one
    /// sentence, e.g. from [`crate::structure::Paragraph::sentences`]).
    pub fn fill(
        &mut self,
        pipeline: &Pipeline,
        text: &str,
        sentence: Range<usize>,
        scratch: &mut Scratch,
    ) {
        self.clear();
        pipeline.terms(text, sentence, scratch, |t| self.push(t));
    }

    /// Empties the list (keeping its buffers), before [`SentenceTokens::push`]ing the
    /// tokens of the next sentence.
    pub fn clear(&mut self) {
        self.len = 0;
        self.spans.clear();
        self.hashes.clear();
    }

    /// Appends one token as [`Pipeline::terms`] yields it: its normalised form for words
    /// and numbers, an empty string for anything else (URLs, e-mails, handles). Reuses the
    /// string buffers of earlier sentences, so it allocates only when a token is longer
    /// than any seen at its position before.
    #[inline]
    pub fn push(&mut self, t: &Term<'_>) {
        let norm = if matches!(t.kind, TokenKind::Word | TokenKind::Number) { t.norm } else { "" };
        if self.len == self.norms.len() {
            self.norms.push(String::new());
        }
        let slot = &mut self.norms[self.len];
        slot.clear();
        slot.push_str(norm);
        self.len += 1;
        self.spans.push(t.span);
        self.hashes.push(t.norm_hash);
    }

    /// The normalised tokens, to pass to [`super::Matcher::find`].
    pub fn tokens(&self) -> &[String] {
        &self.norms[..self.len]
    }

    /// The tokens' hashes ([`Term::norm_hash`]), for [`super::Matcher::find_memo`].
    pub fn hashes(&self) -> &[u64] {
        &self.hashes
    }

    /// Byte spans of the tokens in the document text (same indices as
    /// [`SentenceTokens::tokens`]).
    pub fn spans(&self) -> &[(usize, usize)] {
        &self.spans
    }

    /// The byte span of a mention in the document text: from the start of its first token
    /// to the end of its last.
    pub fn span_of(&self, m: &Mention) -> Range<usize> {
        let s = self.spans.get(m.start).map_or(0, |s| s.0);
        let e = m.end.checked_sub(1).and_then(|i| self.spans.get(i)).map_or(s, |s| s.1);
        s..e
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the sentence has no tokens.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}
