//! One analysed document: what every analysis reads, built by **one walk** over the
//! document.
//!
//! [`Analyzer::analyze`] parses the document's structure, walks its sentences once (title,
//! then each section's heading and paragraphs), runs each sentence through the text
//! [`Pipeline`] and, when an analysis asks for them, through the lexicon [`Matcher`]. The
//! result, an [`AnalyzedDoc`], holds
//!
//! * the document itself ([`Document`]: id, path, metadata, title field, text) and its
//!   global key ([`DocKey`]);
//! * its [`Structure`] (title, sections, paragraphs, sentences as byte ranges);
//! * the [`Sentence`]s walked, in order, each with its byte [`Span`], its place (section,
//!   paragraph), its [`TokenRange`] and room for per-sentence [`SentenceFlags`];
//! * the [`Token`]s of all sentences, in text order: byte span, kind, role, and the
//!   normalised form and term key ([`AnalyzedDoc::norm`], [`AnalyzedDoc::key`]), stored
//!   back to back in one buffer per document, with their precomputed hashes, so that no
//!   string is allocated per token and tables are probed with the hash (an analysis that
//!   wants dense ids per distinct term interns them, e.g. with
//!   [`crate::text::hashed::Interner`]);
//! * the lexicon mentions ([`DocMention`]), each with its byte `span` and its `tokens`;
//! * the warnings the walk produced (visual-order lines, no tokens).
//!
//! What is built depends on [`Needs`]: `stats` asks for tokens only (no matcher, and no
//! automatic heading detection, which changes no sentence), `cooc` for mentions, a toy
//! analysis that counts sentences for sentences only.
//!
//! Units: every `span` is a byte range into [`AnalyzedDoc::text`]; every `tokens` is a range
//! of indices into [`AnalyzedDoc::tokens`]; sentence indices index
//! [`AnalyzedDoc::sentences`].

use crate::corpus::Document;
use crate::lexicon::{EntryId, MatchMemo, Matcher};
use crate::structure::{self, HeadingMode, LineBreaks, Structure, StructureOptions};
use crate::text::TokenKind;
use crate::text::pipeline::{Pipeline, Role, Scratch};
use crate::text::visual::looks_visual_order;
use serde::Serialize;
use std::cmp::Ordering;
use std::sync::Arc;

/// What to do with lines that look like Arabic in visual (reversed) order (`--visual-lines`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum VisualLines {
    /// Leave the line out of every count, with a warning naming it (the default).
    #[default]
    Skip,
    /// Count the line as it is, with a warning naming it.
    Keep,
}

/// The global key of a document: the input it came from and its record number there.
///
/// Unlike a position in one run, the key is the same whichever machine, shard or thread
/// reads the document, so partial results keyed or ordered by it merge exactly. Keys are
/// ordered by input path (compared component by component: `/` sorts before any other
/// character, so a folder's files come in the order a sorted folder walk gives them), then
/// by record. A source must give distinct documents distinct keys.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct DocKey {
    /// The input file as the user named it (or as found in a folder); `-` for stdin.
    pub input: Arc<str>,
    /// 1-based line (JSONL) or record (CSV/TSV) number in the input; 0 for a text file.
    pub record: u64,
}

impl DocKey {
    /// The key of `doc`: its [`Document::path`] and [`Document::record`] (0 when `None`).
    pub fn of(doc: &Document) -> DocKey {
        DocKey { input: doc.path.clone(), record: doc.record.unwrap_or(0) }
    }
}

impl Ord for DocKey {
    fn cmp(&self, other: &Self) -> Ordering {
        let inputs = if Arc::ptr_eq(&self.input, &other.input) {
            Ordering::Equal
        } else {
            let sep_first = |c: u8| if c == b'/' { 0 } else { c };
            self.input.bytes().map(sep_first).cmp(other.input.bytes().map(sep_first))
        };
        inputs.then(self.record.cmp(&other.record))
    }
}

impl PartialOrd for DocKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A byte range `start..end` in the document text ([`AnalyzedDoc::text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// As a `Range`.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// A range `start..end` of token indices in [`AnalyzedDoc::tokens`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct TokenRange {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
}

impl TokenRange {
    /// As a `Range`.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Number of tokens.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the range holds no token.
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

/// Where a token's normalised form or key is stored: a byte range of the document's
/// string buffer (read it with [`AnalyzedDoc::norm`] or [`AnalyzedDoc::key`]). Empty for
/// URLs, e-mail addresses and handles, which have no normalised form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StrRef {
    start: u32,
    end: u32,
}

/// Flags of one sentence (a set of bits), for the analyses that leave some sentences out
/// or weigh them differently. The walk sets none today; per-line detectors (datelines,
/// boilerplate, headlines) add theirs here, so that every analysis sees the same marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SentenceFlags(pub u8);

impl SentenceFlags {
    /// No flag.
    pub const EMPTY: SentenceFlags = SentenceFlags(0);

    /// True when every flag of `other` is set.
    pub fn contains(self, other: SentenceFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Sets the flags of `other`.
    pub fn insert(&mut self, other: SentenceFlags) {
        self.0 |= other.0;
    }
}

/// One sentence of the walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Section index in [`Structure::sections`] (`None` for the title line).
    pub section: Option<usize>,
    /// Paragraph index in the document (title and headings included), from 0.
    pub paragraph: usize,
    /// Byte span of the sentence.
    pub span: Span,
    /// True when the sentence is a heading or the title.
    pub heading: bool,
    /// Its tokens (empty when the analyses asked for no tokens).
    pub tokens: TokenRange,
    /// Per-sentence marks (see [`SentenceFlags`]).
    pub flags: SentenceFlags,
}

/// One token after the text pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the document text.
    pub span: Span,
    /// Its normalised form ([`AnalyzedDoc::norm`]; empty for URLs, e-mail addresses and
    /// handles).
    pub norm: StrRef,
    /// Its term key: the normalised form after segmentation and stemming
    /// ([`AnalyzedDoc::key`]).
    pub key: StrRef,
    /// [`key_hash`](crate::text::hashed::key_hash) of the normalised form (0 when empty).
    pub norm_hash: u64,
    /// [`key_hash`](crate::text::hashed::key_hash) of the key (0 when empty).
    pub key_hash: u64,
    /// Token kind.
    pub kind: TokenKind,
    /// What it counts as.
    pub role: Role,
}

impl Token {
    /// True for a word or number token that is counted (a term or a stopword): what every
    /// report calls a token.
    #[inline]
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Number) && self.role != Role::Excluded
    }
}

/// One lexicon mention in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocMention {
    /// The entry mentioned (an index into the lexicon's entries).
    pub entry: EntryId,
    /// True when the match is ambiguous (see [`crate::lexicon::Mention::ambiguous`]).
    pub ambiguous: bool,
    /// The sentence it is in (index into [`AnalyzedDoc::sentences`]).
    pub sentence: usize,
    /// Byte span: from the start of its first token to the end of its last.
    pub span: Span,
    /// Its tokens.
    pub tokens: TokenRange,
}

/// What an analysis needs built for each document (see [`Analyzer::analyze`]); the union
/// of the needs of the analyses of a run is built once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Needs {
    /// The structure and the sentences.
    pub sentences: bool,
    /// The tokens (implies `sentences`).
    pub tokens: bool,
    /// The lexicon mentions (implies `tokens`).
    pub mentions: bool,
    /// Headings found as the user asked (`--headings auto` finds short subheading lines,
    /// which costs time). Without it, `auto` finds Markdown headings only: the sentences,
    /// paragraphs and tokens are the same, only section boundaries differ.
    pub headings: bool,
}

impl Needs {
    /// Nothing: the document and its key only.
    pub const NONE: Needs =
        Needs { sentences: false, tokens: false, mentions: false, headings: false };
    /// Structure and sentences.
    pub const SENTENCES: Needs = Needs { sentences: true, ..Needs::NONE };
    /// Sentences and tokens.
    pub const TOKENS: Needs = Needs { tokens: true, ..Needs::SENTENCES };
    /// Sentences, tokens and lexicon mentions.
    pub const MENTIONS: Needs = Needs { mentions: true, ..Needs::TOKENS };

    /// These needs with headings found as asked.
    pub const fn with_headings(self) -> Needs {
        Needs { headings: true, ..self }
    }

    /// What both `self` and `other` need.
    pub const fn union(self, other: Needs) -> Needs {
        Needs {
            sentences: self.sentences || other.sentences,
            tokens: self.tokens || other.tokens,
            mentions: self.mentions || other.mentions,
            headings: self.headings || other.headings,
        }
    }

    /// With the implied needs added (mentions need tokens, tokens need sentences).
    const fn closed(self) -> Needs {
        let tokens = self.tokens || self.mentions;
        Needs {
            sentences: self.sentences || tokens,
            tokens,
            mentions: self.mentions,
            headings: self.headings,
        }
    }
}

/// One document after the walk. Made by [`Analyzer::analyze`]; reused from document to
/// document by the engine (its buffers are kept).
#[derive(Debug, Default)]
pub struct AnalyzedDoc {
    /// The document's global key.
    pub key: DocKey,
    /// The document: id, path, record number, title field, metadata and text.
    pub doc: Document,
    /// Its structure (empty when no sentences were asked for).
    pub structure: Structure,
    /// The sentences walked, in document order: the title, then each section's heading and
    /// paragraphs; lines in visual order are left out under [`VisualLines::Skip`].
    pub sentences: Vec<Sentence>,
    /// The tokens of all sentences, in text order (URLs, e-mails, handles and excluded
    /// numbers included: token indices are positions for windows of tokens).
    pub tokens: Vec<Token>,
    /// Lexicon mentions in text order (several entries may share a span).
    pub mentions: Vec<DocMention>,
    /// Warnings about the document, in the order found (each names the document).
    pub warnings: Vec<String>,
    /// Word and number tokens counted ([`Token::is_word`]).
    pub word_tokens: u64,
    /// The tokens' normalised forms and keys, back to back.
    strings: String,
    scratch: WalkScratch,
}

/// The walk's reusable buffers.
#[derive(Debug, Default)]
struct WalkScratch {
    pipeline: Scratch,
    memo: MatchMemo,
    found: Vec<crate::lexicon::Mention>,
    hashes: Vec<u64>,
    /// The text buffer swapped with the document's when its title is put first.
    text: String,
}

/// True when `title` has something other than white space (a title to analyse).
fn has_text(title: &str) -> bool {
    !title.trim().is_empty()
}

/// Replaces `doc.text` by its title (its lines joined by single spaces, trimmed), a line
/// break, and the text. `buf` is a reusable buffer: it receives the old text's allocation.
fn put_title_first(doc: &mut Document, buf: &mut String) {
    let Some(title) = doc.title.as_deref() else { return };
    buf.clear();
    for (_, span) in structure::lines(title) {
        let line = title[span].trim();
        if line.is_empty() {
            continue;
        }
        if !buf.is_empty() {
            buf.push(' ');
        }
        buf.push_str(line);
    }
    buf.push('\n');
    buf.push_str(&doc.text);
    std::mem::swap(&mut doc.text, buf);
}

impl AnalyzedDoc {
    /// The document text; every [`Span`] points into it.
    #[inline]
    pub fn text(&self) -> &str {
        &self.doc.text
    }

    /// The normalised form of `t` (empty for URLs, e-mail addresses and handles).
    #[inline]
    pub fn norm(&self, t: &Token) -> &str {
        &self.strings[t.norm.start as usize..t.norm.end as usize]
    }

    /// The term key of `t`: its normalised form after segmentation and stemming.
    #[inline]
    pub fn key(&self, t: &Token) -> &str {
        &self.strings[t.key.start as usize..t.key.end as usize]
    }

    /// The tokens of sentence `s`.
    #[inline]
    pub fn tokens_of(&self, s: &Sentence) -> &[Token] {
        &self.tokens[s.tokens.range()]
    }

    /// The original text of `span`.
    #[inline]
    pub fn slice(&self, span: Span) -> &str {
        &self.doc.text[span.range()]
    }

    /// The title: the title field, else the headline line of the text.
    pub fn title(&self) -> Option<&str> {
        self.doc
            .title
            .as_deref()
            .or_else(|| self.structure.title.as_ref().map(|t| &self.doc.text[t.span.clone()]))
    }

    /// `PATH` for a text file, `PATH:LINE` for a record, for messages about the document.
    pub fn location(&self) -> String {
        doc_location(&self.doc)
    }

    /// Takes the document out (leaving an empty one), keeping the buffers for the next.
    pub fn take_document(&mut self) -> Document {
        std::mem::take(&mut self.doc)
    }

    fn reset(&mut self, doc: Document, key: DocKey) {
        self.key = key;
        self.doc = doc;
        self.structure = Structure::default();
        self.sentences.clear();
        self.tokens.clear();
        self.mentions.clear();
        self.warnings.clear();
        self.word_tokens = 0;
        self.strings.clear();
    }
}

/// `PATH` for a text file, `PATH:LINE` for a record, for messages about a document.
pub fn doc_location(doc: &Document) -> String {
    match doc.record {
        Some(r) => format!("{}:{}", doc.path, r),
        None => doc.path.to_string(),
    }
}

/// Builds [`AnalyzedDoc`]s: the text pipeline, the lexicon matcher (when mentions are
/// needed), and how structure and visual-order lines are handled. Shared by all threads.
#[derive(Debug, Clone, Copy)]
pub struct Analyzer<'a> {
    pipeline: &'a Pipeline,
    matcher: Option<&'a Matcher>,
    selection: Option<&'a crate::select::Selection>,
    headings: HeadingMode,
    line_breaks: LineBreaks,
    visual: VisualLines,
    headlines: bool,
}

impl<'a> Analyzer<'a> {
    /// An analyzer running `pipeline`, with automatic headings, visual-order lines skipped
    /// and no lexicon.
    pub fn new(pipeline: &'a Pipeline) -> Self {
        Analyzer {
            pipeline,
            matcher: None,
            selection: None,
            headings: HeadingMode::Auto,
            line_breaks: LineBreaks::Auto,
            visual: VisualLines::Skip,
            headlines: true,
        }
    }

    /// Whether a record's title field is analysed as its headline (the default, `true`):
    /// put in front of the text as its first line (line breaks inside the title become
    /// spaces), and taken as the title sentence, paragraph and section exactly as a `.txt`
    /// file's headline line is. Spans then point into that text (the title, a line break,
    /// the text field). With `false` the title field is metadata only and the text field is
    /// analysed alone. (`--title-field none` reads no title field at all.)
    pub fn with_headlines(self, headlines: bool) -> Self {
        Analyzer { headlines, ..self }
    }

    /// Finds lexicon mentions with `matcher` (when an analysis needs them).
    pub fn with_matcher(self, matcher: &'a Matcher) -> Self {
        Analyzer { matcher: Some(matcher), ..self }
    }

    /// Analyses only the documents `selection` keeps (`--where`, `--sample`); the engine
    /// asks it about each document and counts those left out ([`crate::engine::RunInfo`]).
    pub fn with_selection(self, selection: &'a crate::select::Selection) -> Self {
        Analyzer { selection: Some(selection), ..self }
    }

    /// The selection, when one was given and it is not empty.
    pub fn selection(&self) -> Option<&'a crate::select::Selection> {
        self.selection.filter(|s| !s.is_empty())
    }

    /// How headings are found (`--headings`).
    pub fn with_headings(self, headings: HeadingMode) -> Self {
        Analyzer { headings, ..self }
    }

    /// How line breaks inside a paragraph are read (`--line-breaks`).
    pub fn with_line_breaks(self, line_breaks: LineBreaks) -> Self {
        Analyzer { line_breaks, ..self }
    }

    /// What to do with visual-order lines (`--visual-lines`).
    pub fn with_visual_lines(self, visual: VisualLines) -> Self {
        Analyzer { visual, ..self }
    }

    /// The text pipeline.
    pub fn pipeline(&self) -> &'a Pipeline {
        self.pipeline
    }

    /// True when mentions can be found (a matcher was given).
    pub fn has_matcher(&self) -> bool {
        self.matcher.is_some()
    }

    /// The structure options for `doc` under `needs`.
    pub fn structure_options(&self, doc: &Document, needs: Needs) -> StructureOptions {
        let headings = match self.headings {
            HeadingMode::Auto if !needs.headings => HeadingMode::Markdown,
            h => h,
        };
        StructureOptions {
            headings,
            line_breaks: self.line_breaks,
            has_title_field: doc.title.is_some(),
            title_line: self.headlines && doc.title.as_deref().is_some_and(has_text),
        }
    }

    /// Analyses `doc` (key `key`) into `out`, building what `needs` asks for: one walk over
    /// its sentences through the pipeline, then the matcher over each sentence's tokens.
    /// Mentions are found only when a matcher was given. Pushes one warning per
    /// visual-order line and, when tokens were asked for and none was found, `no tokens
    /// found`.
    pub fn analyze(&self, doc: Document, key: DocKey, needs: Needs, out: &mut AnalyzedDoc) {
        let needs = needs.closed();
        out.reset(doc, key);
        if !needs.sentences {
            return;
        }
        let opts = self.structure_options(&out.doc, needs);
        if opts.title_line {
            put_title_first(&mut out.doc, &mut out.scratch.text);
        }
        out.structure = structure::parse(&out.doc.text, &opts);
        let AnalyzedDoc {
            doc,
            structure,
            sentences,
            tokens,
            warnings,
            word_tokens,
            strings,
            scratch,
            ..
        } = out;
        let text = doc.text.as_str();
        walk_sentences(doc, structure, self.visual, warnings, |mut s| {
            let first = tokens.len();
            if needs.tokens {
                self.pipeline.terms(text, s.span.range(), &mut scratch.pipeline, |t| {
                    let mut store = |s: &str| {
                        let start = strings.len() as u32;
                        strings.push_str(s);
                        StrRef { start, end: strings.len() as u32 }
                    };
                    let norm = store(t.norm);
                    let key = if std::ptr::eq(t.key, t.norm) { norm } else { store(t.key) };
                    let token = Token {
                        span: Span { start: t.span.0, end: t.span.1 },
                        norm,
                        key,
                        norm_hash: t.norm_hash,
                        key_hash: t.key_hash,
                        kind: t.kind,
                        role: t.role,
                    };
                    *word_tokens += u64::from(token.is_word());
                    tokens.push(token);
                });
            }
            s.tokens = TokenRange { start: first, end: tokens.len() };
            sentences.push(s);
        });
        if needs.mentions
            && let Some(m) = self.matcher
        {
            find_mentions(out, m);
        }
        if needs.tokens && out.word_tokens == 0 {
            let w = format!("{}: no tokens found", out.location());
            out.warnings.push(w);
        }
    }
}

/// Runs the matcher over each sentence's normalised tokens (URLs and the like as empty
/// strings, which break phrases) and records the mentions with their spans and tokens.
fn find_mentions(out: &mut AnalyzedDoc, matcher: &Matcher) {
    let AnalyzedDoc { sentences, tokens, mentions, strings, scratch, .. } = out;
    let WalkScratch { memo, found, hashes, .. } = scratch;
    // one sentence's forms and hashes at a time: memory bounded by the longest sentence
    // (see structure::MAX_SENTENCE_WORDS), not by the document
    let mut norms: Vec<&str> = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        norms.clear();
        hashes.clear();
        for t in &tokens[s.tokens.range()] {
            norms.push(&strings[t.norm.start as usize..t.norm.end as usize]);
            hashes.push(t.norm_hash);
        }
        found.clear();
        matcher.find_memo(&norms, hashes, memo, found);
        for m in found.iter() {
            let (a, b) = (s.tokens.start + m.start, s.tokens.start + m.end);
            let start = tokens.get(a).map_or(0, |t| t.span.start);
            let end = b.checked_sub(1).and_then(|i| tokens.get(i)).map_or(start, |t| t.span.end);
            mentions.push(DocMention {
                entry: m.entry,
                ambiguous: m.ambiguous,
                sentence: i,
                span: Span { start, end },
                tokens: TokenRange { start: a, end: b },
            });
        }
    }
}

/// Calls `f` with every sentence of `doc` in order (title, then each section's heading and
/// paragraphs), with an empty token range.
///
/// Lines that look like visual-order Arabic (see [`crate::text::visual`]) are left out
/// under [`VisualLines::Skip`]; either way one warning per such line is pushed to
/// `warnings`, naming the document and the line. Sentence indices count only the sentences
/// passed to `f`. A document holding double-encoded UTF-8 (see [`crate::corpus::mojibake`])
/// gets one warning naming it and the number of lines, and one whose structure cut
/// over-long sentences ([`Structure::long_sentences`]) one warning saying how many.
pub fn walk_sentences(
    doc: &Document,
    structure: &Structure,
    visual: VisualLines,
    warnings: &mut Vec<String>,
    mut f: impl FnMut(Sentence),
) {
    if let Some(w) = mojibake_warning(doc) {
        warnings.push(w);
    }
    if structure.long_sentences > 0 {
        let (n, max) = (structure.long_sentences, crate::structure::MAX_SENTENCE_WORDS);
        warnings.push(format!(
            "{}: {n} sentence{} longer than {max} words cut into pieces of {max} words (no \
             sentence end found)",
            doc_location(doc),
            if n == 1 { "" } else { "s" },
        ));
    }
    for (paragraph, (section, p)) in structure.all_paragraphs().enumerate() {
        let heading = match section {
            None => true,
            Some(i) => structure
                .sections
                .get(i)
                .is_some_and(|s| s.heading.as_ref().is_some_and(|h| h.span == p.span)),
        };
        if looks_visual_order(&doc.text[p.span.clone()]) {
            warnings.push(format!(
                "{}: line {} looks like Arabic in visual (reversed) order (presentation forms){}",
                doc_location(doc),
                p.line,
                match visual {
                    VisualLines::Skip => "; left out of the counts (--visual-lines keep counts it)",
                    VisualLines::Keep => "; counted as it is",
                }
            ));
            if visual == VisualLines::Skip {
                continue;
            }
        }
        for s in &p.sentences {
            f(Sentence {
                section,
                paragraph,
                span: Span { start: s.start, end: s.end },
                heading,
                tokens: TokenRange::default(),
                flags: SentenceFlags::EMPTY,
            });
        }
    }
}

/// The warning for a document whose text holds double-encoded UTF-8 (Arabic read as
/// Windows-1252 and saved again as UTF-8), naming it and the number of lines; `None` for
/// correct text.
pub fn mojibake_warning(doc: &Document) -> Option<String> {
    use crate::corpus::mojibake::double_encoded_lines;
    let n = double_encoded_lines(&doc.text) + doc.title.as_deref().map_or(0, double_encoded_lines);
    (n > 0).then(|| {
        format!(
            "{}: {n} line{} look{} like UTF-8 read as Windows-1252 (double-encoded, shown as \
             Ø§Ù„…); counted as Latin junk (--repair-mojibake decodes it)",
            doc_location(doc),
            if n == 1 { "" } else { "s" },
            if n == 1 { "s" } else { "" },
        )
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::lexicon::{BuiltinOptions, Lexicon};
    use crate::text::TextOptions;

    fn doc(text: &str) -> Document {
        Document {
            id: "d".into(),
            path: Arc::from("d.txt"),
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn keys_order_by_path_components_then_record() {
        let k = |p: &str, r| DocKey { input: Arc::from(p), record: r };
        // a folder walk visits d/a/… before d/a-b (the sorted names "a" < "a-b")
        assert!(k("d/a/x.txt", 0) < k("d/a-b.txt", 0));
        assert!(k("d/b.jsonl", 2) < k("d/b.jsonl", 10));
        assert!(k("d/b.jsonl", 99) < k("d/c.jsonl", 1));
    }

    #[test]
    fn one_walk_builds_sentences_tokens_and_mentions() {
        let p = Pipeline::new(&TextOptions::default()).unwrap();
        let lex = Lexicon::builtin(&p.normalizer, &BuiltinOptions::default()).unwrap();
        let m = lex.matcher();
        let a = Analyzer::new(&p).with_matcher(&m);
        let mut out = AnalyzedDoc::default();
        // two sentences; "في الهند" mentions India in the second
        let text = "زار الوزير المدينة. ثم سافر إلى الهند في الربيع.";
        a.analyze(doc(text), DocKey::default(), Needs::MENTIONS, &mut out);
        assert_eq!(out.sentences.len(), 2);
        let s1 = out.sentences[1];
        assert_eq!(out.slice(s1.span), "ثم سافر إلى الهند في الربيع.");
        // tokens of sentence 1: ثم سافر إلى الهند في الربيع → 6 tokens, indices 3..9
        assert_eq!(s1.tokens, TokenRange { start: 3, end: 9 });
        assert_eq!(out.word_tokens, 9);
        let india: Vec<&DocMention> =
            out.mentions.iter().filter(|m| lex.entry(m.entry).id == "country:IND").collect();
        assert_eq!(india.len(), 1);
        assert_eq!(out.slice(india[0].span), "الهند");
        assert_eq!(india[0].tokens, TokenRange { start: 6, end: 7 });
        assert_eq!(india[0].sentence, 1);
        let t = &out.tokens;
        assert_eq!(out.norm(&t[6]), "الهند");
        assert_eq!(out.key(&t[6]), "الهند");
        // tokens only: no mentions, same tokens
        let mut plain = AnalyzedDoc::default();
        a.analyze(doc(text), DocKey::default(), Needs::TOKENS, &mut plain);
        assert!(plain.mentions.is_empty());
        assert_eq!(plain.tokens, out.tokens);
        // sentences only: no tokens, no warning
        a.analyze(doc(text), DocKey::default(), Needs::SENTENCES, &mut plain);
        assert_eq!((plain.sentences.len(), plain.tokens.len()), (2, 0));
        assert!(plain.warnings.is_empty());
    }

    #[test]
    fn no_tokens_warns_once() {
        let p = Pipeline::new(&TextOptions::default()).unwrap();
        let mut out = AnalyzedDoc::default();
        Analyzer::new(&p).analyze(doc("... !!"), DocKey::default(), Needs::TOKENS, &mut out);
        assert_eq!(out.warnings, ["d.txt: no tokens found"]);
    }
}
