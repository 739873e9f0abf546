//! Document structure: title, sections, paragraphs and sentences, as byte spans into the
//! document text. One parser shared by every command, so a "sentence" means the same thing
//! in `stats` (n-grams never cross one), `cooc` (the default unit) and `sections`.
//!
//! * **Lines**: CR LF, lone CR, LF, NEL U+0085, VT, FF, LS U+2028 and PS U+2029 are each
//!   one line break (the mandatory breaks of UAX #14).
//! * **Paragraphs**: under [`LineBreaks::Hard`] every non-blank line is a paragraph (news
//!   text puts one paragraph per line); under [`LineBreaks::Soft`] a single line break is a
//!   space and a paragraph runs to a blank line (hard-wrapped text from PDFs, e-mail and
//!   OCR); [`LineBreaks::Auto`] (the default) reads a document as soft when
//!   [`looks_hard_wrapped`] says so and as hard otherwise. Spans are byte offsets into the
//!   original text either way (a joined paragraph's span contains its line breaks).
//! * **Title**: the document's title field when it has one; otherwise the first line, when
//!   it looks like a headline (see [`looks_like_headline`]) and more text follows.
//! * **Sections**: a heading and the paragraphs up to the next heading; the paragraphs
//!   before the first heading form the lead section (heading `None`). See [`HeadingMode`]
//!   for what counts as a heading.
//! * **Sentences**: see [`split_sentences`].

use serde::Serialize;
use std::ops::Range;

/// How headings are recognised (`--headings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum HeadingMode {
    /// Markdown `#` headings, and short lines that look like subheadings (README,
    /// "Sections").
    #[default]
    Auto,
    /// Markdown `#` headings only.
    Markdown,
    /// No headings: the whole document is one section.
    None,
}

/// How a single line break inside a paragraph is read (`--line-breaks`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum LineBreaks {
    /// Each document is read as `soft` when it looks hard-wrapped (see
    /// [`looks_hard_wrapped`]), as `hard` otherwise.
    #[default]
    Auto,
    /// Every line break ends a paragraph: one paragraph per non-blank line.
    Hard,
    /// A single line break is a space: a paragraph runs until a blank line, a Markdown
    /// heading or a list item (a line opening with `-` `*` `•` `·` `–` `—`, or `1.` `2)` `(3)`
    /// and white space). A paragraph of more than one line is never the title or a heading.
    Soft,
}

/// Options of the structure parser.
#[derive(Debug, Clone, Copy, Default)]
pub struct StructureOptions {
    /// How headings are found.
    pub headings: HeadingMode,
    /// How line breaks inside a paragraph are read.
    pub line_breaks: LineBreaks,
    /// True when the document already has a title (a title field), so the first line is
    /// never taken as the title.
    pub has_title_field: bool,
    /// True when the first line of the text *is* the title: a record's title field put in
    /// front of its text by [`crate::analysis::Analyzer`] (one line, then the text). It is
    /// taken as the title whatever it looks like, and never as a heading.
    pub title_line: bool,
}

/// A paragraph: one non-blank line, or under soft line breaks a run of lines (see
/// [`LineBreaks`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// Byte span of the paragraph's content (from the start of its first line to the end of
    /// its last, trimmed of white space; the line breaks between its lines are inside).
    pub span: Range<usize>,
    /// 1-based number of its first line in the document text.
    pub line: usize,
    /// Byte spans of its sentences, in order, covering the paragraph's non-space text.
    pub sentences: Vec<Range<usize>>,
}

/// A section: an optional heading and the paragraphs under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// The heading line (its text without Markdown `#` marks), `None` for the lead section.
    pub heading: Option<Paragraph>,
    /// The paragraphs under the heading, in order.
    pub paragraphs: Vec<Paragraph>,
}

/// The structure of one document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Structure {
    /// The headline line, when the first line was taken as the title.
    pub title: Option<Paragraph>,
    /// The sections, in order. A document without text has no sections; one without
    /// headings has a single lead section.
    pub sections: Vec<Section>,
    /// Sentences longer than [`MAX_SENTENCE_WORDS`] words that were cut into pieces (see
    /// [`cap_sentence_length`]); 0 for ordinary text.
    pub long_sentences: usize,
}

/// The most words a sentence may have: a longer "sentence" (a page without punctuation, a
/// PDF dump on one line) is cut into pieces of this many words, so that no stage works on
/// one unbounded sentence (token buffers, matching, summaries) and memory stays bounded by
/// this, not by the document. 5,000 words is about 15 pages; real sentences stay far below
/// (the longest in the ANT corpus has a few hundred words).
pub const MAX_SENTENCE_WORDS: usize = 5_000;

/// Cuts every sentence of `sentences` (byte spans into `text`) that holds more than
/// `max_words` words into consecutive pieces of `max_words` words, cut before a word's
/// first character (pieces are trimmed of white space). A word is a maximal run of
/// letters, marks and digits, as the tokeniser sees them. Returns the number of sentences
/// that were cut. Linear in the text's length.
pub fn cap_sentence_length(
    text: &str,
    sentences: &mut Vec<Range<usize>>,
    max_words: usize,
) -> usize {
    let max_words = max_words.max(1);
    // fast path: a sentence of fewer bytes than words allowed cannot be too long
    if sentences.iter().all(|s| s.len() <= max_words) {
        return 0;
    }
    let mut cut = 0;
    let mut out = Vec::with_capacity(sentences.len());
    for s in sentences.drain(..) {
        if s.len() <= max_words {
            out.push(s);
            continue;
        }
        let mut piece_start = s.start;
        let mut words = 0usize;
        let mut in_word = false;
        let mut was_cut = false;
        for (i, c) in text[s.clone()].char_indices() {
            let wordy = c.is_alphanumeric() || is_mark(c);
            if wordy && !in_word {
                words += 1;
                if words > max_words {
                    let piece = trim_span(text, piece_start..s.start + i);
                    if !piece.is_empty() {
                        out.push(piece);
                    }
                    piece_start = s.start + i;
                    words = 1;
                    was_cut = true;
                }
            }
            in_word = wordy;
        }
        let last = trim_span(text, piece_start..s.end);
        if !last.is_empty() {
            out.push(last);
        }
        cut += usize::from(was_cut);
    }
    *sentences = out;
    cut
}

/// Whether `c` is a combining mark (Arabic tashkeel and the like): part of a word.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}'
        | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{08D3}'..='\u{08FF}' | '\u{0640}')
}

impl Structure {
    /// Every paragraph in document order, headline and headings included, with the index of
    /// the section it belongs to (`None` for the title).
    pub fn all_paragraphs(&self) -> impl Iterator<Item = (Option<usize>, &Paragraph)> {
        self.title.iter().map(|p| (None, p)).chain(self.sections.iter().enumerate().flat_map(
            |(i, s)| s.heading.iter().chain(s.paragraphs.iter()).map(move |p| (Some(i), p)),
        ))
    }
}

/// Splits `text` into lines: yields (1-based line number, byte span without the break).
/// Every mandatory break of Unicode UAX #14 ends a line: CR LF (one break), lone CR, LF,
/// NEL U+0085, VT U+000B, FF U+000C, LS U+2028 and PS U+2029. (NEL comes from EBCDIC and
/// CP1252 round trips and some PDF extractors, FF from `pdftotext` page breaks.)
pub fn lines(text: &str) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
    let bytes = text.as_bytes();
    let mut finder = BreakFinder::new(bytes);
    let mut pos = 0;
    let mut no = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        no += 1;
        let start = pos;
        match finder.next_from(pos) {
            Some((i, len)) => {
                pos = i + len;
                Some((no, start..i))
            }
            None => {
                pos = bytes.len();
                Some((no, start..bytes.len()))
            }
        }
    })
}

/// The byte length of the line break starting at byte `i` of `b`, if one does (see
/// [`lines`]): CR LF 2, CR, LF, VT, FF 1, NEL (C2 85) 2, LS and PS (E2 80 A8, E2 80 A9) 3.
#[inline]
fn line_break_len(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i..)? {
        [b'\r', b'\n', ..] => Some(2),
        [b'\n' | b'\r' | 0x0B | 0x0C, ..] => Some(1),
        [0xC2, 0x85, ..] => Some(2),
        [0xE2, 0x80, 0xA8 | 0xA9, ..] => Some(3),
        _ => None,
    }
}

/// Finds line breaks without decoding characters: two `memchr3` searches, one for the
/// common `\n` `\r` and the lead byte E2 of LS/PS, one for the rare VT, FF and the lead
/// byte C2 of NEL (C2 also leads no-break space and « », so its hits are checked), each
/// hit checked with [`line_break_len`]. Each search's next hit is remembered, so a text is
/// searched once whatever the number of lines.
struct BreakFinder<'a> {
    bytes: &'a [u8],
    common: Option<usize>,
    rare: Option<usize>,
}

impl<'a> BreakFinder<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        BreakFinder {
            bytes,
            common: memchr::memchr3(b'\n', b'\r', 0xE2, bytes),
            rare: memchr::memchr3(0x0B, 0x0C, 0xC2, bytes),
        }
    }

    /// The first line break starting at or after byte `from` (at or after the previous
    /// call's `from`): its start and length.
    fn next_from(&mut self, from: usize) -> Option<(usize, usize)> {
        let b = self.bytes;
        loop {
            if self.common.is_some_and(|p| p < from) {
                self.common = memchr::memchr3(b'\n', b'\r', 0xE2, &b[from..]).map(|p| from + p);
            }
            if self.rare.is_some_and(|p| p < from) {
                self.rare = memchr::memchr3(0x0B, 0x0C, 0xC2, &b[from..]).map(|p| from + p);
            }
            let (hit, common) = match (self.common, self.rare) {
                (Some(c), Some(r)) if r < c => (r, false),
                (Some(c), _) => (c, true),
                (None, Some(r)) => (r, false),
                (None, None) => return None,
            };
            if let Some(len) = line_break_len(b, hit) {
                return Some((hit, len));
            }
            // not a break (E2 or C2 leading another character): search on after it
            let after = hit + 1;
            let next = |bytes: [u8; 3]| {
                memchr::memchr3(bytes[0], bytes[1], bytes[2], &b[after..]).map(|p| after + p)
            };
            if common {
                self.common = next([b'\n', b'\r', 0xE2]);
            } else {
                self.rare = next([0x0B, 0x0C, 0xC2]);
            }
        }
    }
}

/// Trims Unicode white space (and U+200B, U+FEFF) from both ends of `text[span]`.
pub fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let s = &text[span.clone()];
    let is_blank = |c: char| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}';
    let t = s.trim_start_matches(is_blank);
    let start = span.start + (s.len() - t.len());
    let t2 = t.trim_end_matches(is_blank);
    start..start + t2.len()
}

/// Characters that end a sentence: `.` `!` `?` `؟` U+061F, `…` U+2026, `۔` U+06D4, and
/// `‼` `⁇` `⁈` `⁉`.
pub fn is_sentence_end_mark(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{061F}' | '\u{2026}' | '\u{06D4}' | '‼' | '⁇' | '⁈' | '⁉')
}

/// Closing quotes and brackets that stay with the sentence they close (`﴾` U+FD3E closes a
/// Quranic quotation opened with `﴿` U+FD3F in logical order).
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '\u{FD3E}')
}

/// Latin abbreviations (lower-case, without the dot) after which `.` does not end a
/// sentence.
const LATIN_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "no", "inc", "ltd", "co", "gen",
    "col", "lt",
];

/// Splits the paragraph `text[span]` into sentences and pushes their byte spans to `out`.
///
/// A sentence ends after a run of end marks (see [`is_sentence_end_mark`]: `.` `!` `?` `؟`
/// `…` `۔`; a run such as `؟!`, `!!` or `...` is one end), together with any closing quotes
/// or brackets right after it, and at the end of the paragraph — nowhere else (not at `،`
/// `؛` `:`). An end mark does *not* end a sentence:
/// * a single `.` between digits or before a Latin letter or digit with no space (`3.5`,
///   `٣.٥`, `1.1.2020`, `10.30`, `bbc.com`, `U.S.`); the Arabic decimal separator `٫`
///   U+066B is no end mark at all;
/// * a single `.` after a one-letter word, Arabic or Latin (`د.` doctor, `أ.` professor,
///   `م.` for years, `هـ.`, `ص.ب.`, `J. Smith`), or after a common Latin abbreviation (`Dr.`,
///   `Mr.`, `vs.` …);
/// * a single `.` or `)` marker after a number of at most 3 digits that opens the paragraph
///   (a numbered list item, `1. ` `(2). `);
/// * any mark inside a URL, e-mail address or handle (`example.com/a?b=1`);
/// * an ellipsis (`…`, `..` or `...`) inside a quotation (`"` `«` `“` `﴿` opened earlier
///   in the sentence) that closes later in the paragraph: a pause in quoted speech.
///
/// Decisions: `إلخ.` ("etc.") ends a sentence like any other word followed by `.`; a `.`
/// after a digit ends it (`بلغ عددهم 25. ثم`), except the list marker above.
///
/// Sentences are trimmed of white space, never empty, and cover the paragraph's text: a
/// piece without a letter or digit joins the sentence before it (or, at the paragraph
/// start, the one after it).
pub fn split_sentences(text: &str, span: Range<usize>, out: &mut Vec<Range<usize>>) {
    let para = &text[span.clone()];
    let base = span.start;
    let mut start = 0usize;
    let mut marks = EndMarks::new(para.as_bytes());
    let mut pos = 0usize;
    while let Some((i, len)) = marks.next_from(pos) {
        // the whole run of end marks
        let mut end = i + len;
        let mut only_dots = len == 1 && para.as_bytes()[i] == b'.';
        while let Some(l) = end_mark_len(para.as_bytes(), end) {
            only_dots &= l == 1 && para.as_bytes()[end] == b'.';
            end += l;
        }
        pos = end;
        if only_dots && end == i + 1 && (!dot_ends_sentence(para, i) || is_list_marker(para, i)) {
            continue;
        }
        if inside_special_token(para, i) {
            continue;
        }
        if is_ellipsis_run(&para[i..end]) && inside_open_quote(&para[start..i], &para[end..]) {
            continue;
        }
        while let Some(d) = para[end..].chars().next().filter(|&d| is_closer(d)) {
            end += d.len_utf8();
        }
        pos = end;
        if push_trimmed(text, base + start..base + end, out, false) {
            start = end;
        }
    }
    push_trimmed(text, base + start..span.end, out, true);
}

/// The byte length of the sentence end mark (see [`is_sentence_end_mark`]) that starts at
/// byte `i` of `b`, if one does: `.` `!` `?`, `؟` D8 9F, `۔` DB 94, `…` E2 80 A6, `‼` E2 80
/// BC, `⁇` `⁈` `⁉` E2 81 87–89.
#[inline]
fn end_mark_len(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i..)? {
        [b'.' | b'!' | b'?', ..] => Some(1),
        [0xD8, 0x9F, ..] | [0xDB, 0x94, ..] => Some(2),
        [0xE2, 0x80, 0xA6 | 0xBC, ..] | [0xE2, 0x81, 0x87..=0x89, ..] => Some(3),
        _ => None,
    }
}

/// Finds the sentence end marks of a paragraph without decoding its characters: two
/// `memchr3` searches, one for `.` `!` `?` and one for the bytes that single out the
/// others (`؟` is the only common character with the continuation byte 9F; `۔` starts with
/// DB and the rest with E2, both rare in Arabic text), each hit checked with
/// [`end_mark_len`].
struct EndMarks<'a> {
    bytes: &'a [u8],
    /// The next hit of each search at or after the position it was made from (`None`:
    /// no more hits), and that position.
    ascii: Option<usize>,
    other: Option<usize>,
    searched: usize,
}

impl<'a> EndMarks<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        EndMarks {
            bytes,
            ascii: memchr::memchr3(b'.', b'!', b'?', bytes),
            other: memchr::memchr3(0x9F, 0xDB, 0xE2, bytes),
            searched: 0,
        }
    }

    /// The first end mark starting at or after byte `from` (a character boundary): its
    /// start and length.
    fn next_from(&mut self, from: usize) -> Option<(usize, usize)> {
        debug_assert!(from >= self.searched);
        self.searched = from;
        let b = self.bytes;
        if self.ascii.is_some_and(|p| p < from) {
            self.ascii = memchr::memchr3(b'.', b'!', b'?', &b[from..]).map(|p| from + p);
        }
        loop {
            if self.other.is_some_and(|p| p < from) {
                self.other = memchr::memchr3(0x9F, 0xDB, 0xE2, &b[from..]).map(|p| from + p);
            }
            // a hit of the second search, as the start of a possible mark: 9F is the second
            // byte of ؟ (D8 9F)
            let other = self.other.map(|p| if b[p] == 0x9F { p.saturating_sub(1) } else { p });
            match (self.ascii, other) {
                (Some(a), Some(o)) if a < o => return Some((a, 1)),
                (Some(a), None) => return Some((a, 1)),
                (_, Some(o)) => {
                    if o >= from
                        && let Some(len) = end_mark_len(b, o)
                    {
                        return Some((o, len));
                    }
                    // not a mark: search again after this hit
                    let after = self.other.map_or(b.len(), |p| p + 1);
                    self.other = memchr::memchr3(0x9F, 0xDB, 0xE2, &b[after..]).map(|p| after + p);
                }
                (None, None) => return None,
            }
        }
    }
}

/// Pushes the trimmed `span` as a sentence; returns false when it was not consumed. A piece
/// with no letter or digit (stray punctuation) joins the previous sentence; with no
/// previous sentence it is left to join the next one (not consumed), unless `last` (the
/// paragraph end), where it becomes a sentence of its own so that the paragraph's text stays
/// covered.
fn push_trimmed(text: &str, span: Range<usize>, out: &mut Vec<Range<usize>>, last: bool) -> bool {
    let t = trim_span(text, span);
    if t.is_empty() {
        return true;
    }
    if !text[t.clone()].chars().any(crate::text::tokenize::is_word_char) {
        match out.last_mut() {
            Some(prev) if prev.end <= t.start => prev.end = t.end,
            Some(_) => {}
            None if last => out.push(t),
            None => return false,
        }
        return true;
    }
    out.push(t);
    true
}

/// Is byte `i` of `para` inside a URL, e-mail address or handle (see
/// [`crate::text::tokenize::special_chunk`])?
fn inside_special_token(para: &str, i: usize) -> bool {
    let is_space = |c: char| crate::text::tokenize::is_separator_space(c);
    let start = para[..i]
        .rfind(is_space)
        .map_or(0, |p| p + para[p..].chars().next().map_or(1, char::len_utf8));
    let end = para[i..].find(is_space).map_or(para.len(), |p| i + p);
    match crate::text::tokenize::special_chunk(&para[start..end]) {
        Some((cs, ce, _)) => start + cs <= i && i < start + ce,
        None => false,
    }
}

/// Is the `.` at byte `i` the marker of a numbered list item (`1.`, `12.`, `(3).`, `٤.`
/// and the like: 1 to 3 digits before it, a space after it) that opens the paragraph or
/// follows a sentence end or a colon (an inline list: `التالية: ١. الإرهاب … كمهرجان. ٢.
/// الإرهاب …`)? Such a dot starts a sentence rather than ending one.
fn is_list_marker(para: &str, i: usize) -> bool {
    if !para[i + 1..].starts_with(char::is_whitespace) {
        return false;
    }
    let before = para[..i].strip_suffix(')').unwrap_or(&para[..i]);
    let lead = before.trim_end_matches(crate::text::tokenize::is_digit);
    if !(1..=3).contains(&before[lead.len()..].chars().count()) {
        return false;
    }
    let lead = lead.strip_suffix('(').unwrap_or(lead);
    let trimmed = lead.trim_end();
    // after a sentence end or a colon and a space (not `54.0.` or `00:39:49.`)
    trimmed.is_empty()
        || (trimmed.len() < lead.len()
            && trimmed.ends_with(['.', '!', '?', '\u{061F}', '\u{2026}', '\u{06D4}', ':']))
}

/// Is `run` an ellipsis: `…` characters and/or two or more dots?
fn is_ellipsis_run(run: &str) -> bool {
    run.chars().all(|c| c == '.' || c == '\u{2026}')
        && (run.contains('\u{2026}') || run.chars().count() >= 2)
}

/// Is a quotation open at the end of `before` (the sentence so far) and closed somewhere
/// in `after` (the rest of the paragraph)? Pairs `«»`, `“”`, `﴿﴾` and the straight `"`
/// (open when an odd number precede).
fn inside_open_quote(before: &str, after: &str) -> bool {
    let count = |s: &str, c: char| s.chars().filter(|&x| x == c).count();
    let straight = count(before, '"') % 2 == 1 && after.contains('"');
    let paired = [('«', '»'), ('“', '”'), ('\u{FD3F}', '\u{FD3E}')]
        .iter()
        .any(|&(o, c)| count(before, o) > count(before, c) && after.contains(c));
    straight || paired
}

/// Does the single `.` at byte `i` of `para` end a sentence?
fn dot_ends_sentence(para: &str, i: usize) -> bool {
    let after = para[i + 1..].chars().next();
    if let Some(a) = after
        && (a.is_ascii_alphanumeric() || crate::text::tokenize::is_digit(a))
    {
        return false;
    }
    if after.is_some_and(char::is_alphabetic) && inside_dotted_abbreviation(para, i) {
        return false;
    }
    // the letters of the word before the dot (marks and tatweel skipped), at most 6, last
    // first
    let before = &para[..i];
    let mut letters = 0usize;
    let mut rev = ['\0'; 6];
    let mut word_start = i;
    for (k, c) in before.char_indices().rev() {
        if crate::text::tokenize::is_word_char(c) {
            if letters == 6 {
                return true;
            }
            rev[letters] = c;
            letters += 1;
            word_start = k;
        } else if !(unicode_normalization::char::is_combining_mark(c) || c == '\u{0640}') {
            break;
        }
    }
    let word = &rev[..letters];
    if letters == 1 && !crate::text::tokenize::is_digit(word[0]) {
        // a one-letter abbreviation: a title or an initial before a name (`د. أحمد`) never
        // ends the sentence; an era or unit letter closing a number (`1990 م.`, `300 ق.م.`)
        // does, when white space (or a closing bracket) follows
        return closes_number(&para[..word_start]) && era_letter_ends(after, &para[i + 1..]);
    }
    if letters > 1
        && !crate::text::tokenize::is_digit(word[0])
        && word[1..].iter().all(|&c| crate::text::tokenize::is_digit(c))
        && one_letter_abbreviation_follows(&para[i + 1..])
    {
        // an era letter glued to its number inside a chain: the first dot of `300ق.م.`
        return false;
    }
    if word.iter().all(char::is_ascii) {
        let mut lower = [0u8; 6];
        for (k, c) in word.iter().rev().enumerate() {
            lower[k] = (*c as u8).to_ascii_lowercase();
        }
        if LATIN_ABBREVIATIONS.iter().any(|a| a.as_bytes() == &lower[..letters]) {
            return false;
        }
    }
    true
}

/// Is the `.` at byte `i` of `para`, with a letter right after it, inside a dotted
/// abbreviation rather than a full stop whose space was forgotten? Arabic writes
/// transliterated acronyms and domain names with dots and no spaces (`سي.إن.إن`,
/// `بي.بي.سي`, `إف.بي.آي`, `العربية.نت`, `بيت.كوم`): about 1,950 of the 2,350 dots glued
/// between Arabic letters in the ANT corpus. The dot is inside one when (a piece is the run
/// of letters, marks and tatweel on one side of the dot):
/// * both pieces are names of Latin letters as Arabic writes them (`أر.تي`, `بي.بي`, see
///   [`LETTER_NAMES`]);
/// * the chain goes on: the piece after is followed by a dot and a letter (`دي.إن.إيه`,
///   `باتون.بارتون.دورستين`), or the piece before follows a letter and a dot (the second dot
///   of `بي.بي.سي`);
/// * the piece after is a domain ending (`نت`, `كوم`, `أورغ`), or a letter name that ends
///   the word (a closing quote or bracket, a comma, a digit, a hyphen or the end follows).
///
/// A full stop without its space between words (`الماء.التكوين`, `المرصد.إلا`, `رع.وفي`)
/// still ends the sentence.
fn inside_dotted_abbreviation(para: &str, i: usize) -> bool {
    let is_piece = |c: char| {
        c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c) || c == '\u{0640}'
    };
    let is_letter = |c: &char| c.is_alphabetic() && *c != '\u{0640}';
    let before = &para[..i];
    let piece_b = &before[before.trim_end_matches(is_piece).len()..];
    let rest = &para[i + 1..];
    let piece_a = &rest[..rest.len() - rest.trim_start_matches(is_piece).len()];
    if !piece_b.chars().any(|c| is_letter(&c)) || !piece_a.chars().any(|c| is_letter(&c)) {
        return false;
    }
    let (name_b, name_a) = (is_letter_name(piece_b), is_letter_name(piece_a));
    if name_b && name_a {
        return true;
    }
    let after_a = &rest[piece_a.len()..];
    let before_b = &before[..before.len() - piece_b.len()];
    let chain_after =
        after_a.strip_prefix('.').and_then(|t| t.chars().next()).is_some_and(|c| is_letter(&c));
    let chain_before = before_b
        .strip_suffix('.')
        .and_then(|t| t.chars().next_back())
        .is_some_and(|c| is_letter(&c));
    if chain_after || chain_before || DOMAIN_ENDINGS.contains(&fold_for_match(piece_a).as_str()) {
        return true;
    }
    name_a
        && after_a.chars().next().is_none_or(|c| {
            is_closer(c)
                || matches!(c, '"' | '“' | '«' | ',' | '،' | '؛' | ';' | '-' | '–')
                || crate::text::tokenize::is_digit(c)
        })
}

/// Names of Latin letters in Arabic transliterated acronyms (`سي.إن.إن`, `إف.بي.آي`), after
/// the alef fold of [`fold_for_match`].
const LETTER_NAMES: &[&str] = &[
    "اي",
    "ايه",
    "بي",
    "سي",
    "دي",
    "اف",
    "جي",
    "اتش",
    "اش",
    "جيه",
    "كي",
    "كيه",
    "ال",
    "ام",
    "ان",
    "او",
    "كيو",
    "ار",
    "اس",
    "تي",
    "يو",
    "في",
    "ڤي",
    "دبليو",
    "اكس",
    "واي",
    "زد",
    "زي",
];

/// Domain endings written after a dot in Arabic (`العربية.نت`, `بيت.كوم`).
const DOMAIN_ENDINGS: &[&str] = &["نت", "كوم", "اورغ", "اورج", "نيت"];

/// Is the piece `p` (letters with their marks) the Arabic name of a Latin letter?
fn is_letter_name(p: &str) -> bool {
    LETTER_NAMES.contains(&fold_for_match(p).as_str())
}

/// Does `rest` start with a one-letter abbreviation, a letter (with its marks) and a dot
/// (`م.` after the `ق.` of `300ق.م.`)?
fn one_letter_abbreviation_follows(rest: &str) -> bool {
    let mut it = rest.chars();
    if !it.next().is_some_and(char::is_alphabetic) {
        return false;
    }
    it.find(|&c| !(unicode_normalization::char::is_combining_mark(c) || c == '\u{0640}'))
        == Some('.')
}

/// Does the dot of a one-letter abbreviation closing a number (`1990 م.`) end the
/// sentence, given the character `after` it and the text `rest` after it? At the end, or
/// before white space or a closing bracket, unless the abbreviation goes on after a space
/// (`ق. م،`) or the next word is في, which places the dated event (`ولد عام 1950 م. في
/// القاهرة`, `منذ عام 2000 ق.م. في ملحمة جلجامش`: the one era letter of EASC and ANT
/// followed by a word that did not start a sentence); before a word of two or more letters
/// with the space forgotten (`5000 م.أما`); never inside the abbreviation (`ق.م`).
fn era_letter_ends(after: Option<char>, rest: &str) -> bool {
    match after {
        None => true,
        Some(a) if a.is_whitespace() || is_closer(a) => {
            !spaced_chain_follows(rest) && !continues_with_fi(rest)
        }
        Some(a) if a.is_alphabetic() => {
            rest.chars().take_while(|&c| c.is_alphabetic() && c != '\u{0640}').nth(1).is_some()
        }
        _ => false,
    }
}

/// Is the first word of `rest` the preposition في?
fn continues_with_fi(rest: &str) -> bool {
    let w = rest.trim_start().split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    w == "في"
}

/// Does `rest` (after the dot of a one-letter era abbreviation) continue the abbreviation
/// with a space: white space, one letter, then a dot, comma or the end (`ق. م،` in
/// `2550 ق. م، هي`)?
fn spaced_chain_follows(rest: &str) -> bool {
    let t = rest.trim_start_matches(char::is_whitespace);
    if t.len() == rest.len() {
        return false;
    }
    let mut it = t.chars();
    if !it.next().is_some_and(char::is_alphabetic) {
        return false;
    }
    match it.find(|&c| !(unicode_normalization::char::is_combining_mark(c) || c == '\u{0640}')) {
        None => true,
        Some(c) => matches!(c, '.' | '،' | ',' | '؛' | ';'),
    }
}

/// Does a one-letter abbreviation that follows `before` close a number? True when
/// `before` ends with a digit, possibly followed by white space (`1990 م.`, `1990 هـ.`), or
/// with a chain of one-letter abbreviations with their dots after such a digit (the `ق.` of
/// `300 ق.م.`, `300ق.م.`, `5 p.m.`). At most four links are followed.
fn closes_number(before: &str) -> bool {
    let mut rest = before;
    for _ in 0..4 {
        let t = rest.trim_end_matches(char::is_whitespace);
        let Some(last) = t.chars().next_back() else { return false };
        if crate::text::tokenize::is_digit(last) {
            return true;
        }
        // an earlier link of the chain: `X.` with X one letter (marks and tatweel skipped)
        let Some(t) = t.strip_suffix('.') else { return false };
        let t = t.trim_end_matches(|c: char| {
            unicode_normalization::char::is_combining_mark(c) || c == '\u{0640}'
        });
        let Some(letter) = t.chars().next_back().filter(|&c| c.is_alphabetic()) else {
            return false;
        };
        rest = &t[..t.len() - letter.len_utf8()];
        // one letter only: `الق.م.` is no chain
        if rest.chars().next_back().is_some_and(char::is_alphabetic) {
            return false;
        }
    }
    false
}

/// Does the line `text[span]` look like a headline: at most 25 words, not ending in `.`,
/// `:` or `،` and with no sentence end inside?
pub fn looks_like_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let last = line.trim_end().chars().last();
    words > 0
        && words <= 25
        && !matches!(last, Some('.' | ':' | '،' | ',' | '؛' | ';'))
        && !has_inner_sentence_end(line)
}

fn has_inner_sentence_end(line: &str) -> bool {
    let mut v = Vec::new();
    split_sentences(line, 0..line.len(), &mut v);
    v.len() > 1
}

/// The `auto` heading rule without context of the line before (see
/// [`is_auto_heading_in_context`], of which this is the case `prev = None`).
pub fn is_auto_heading(line: &str, next: Option<&str>) -> bool {
    is_auto_heading_in_context(None, line, next)
}

/// Words of a line up to which it can be an `auto` heading. Real subheadings in the ANT news
/// corpus (BBC, France 24, CNN, Sky News) mostly have 2–6 words; the 7–12-word
/// headline-like lines between paragraphs there are mostly links to related stories (BBC
/// puts several in most articles).
pub const MAX_HEADING_WORDS: usize = 6;
// `is_auto_heading_in_context` counts the next line's words only up to 13
const _: () = assert!(MAX_HEADING_WORDS < 13);

/// Teaser and link prefixes of news sites: a line starting with one is a link to another
/// story, not a heading (compared after the `standard`-like alef fold, see
/// [`is_auto_heading_in_context`]).
const LINK_PREFIXES: &[&str] = &[
    "اقرا",
    "شاهد",
    "طالع",
    "للمزيد",
    "المزيد",
    "قد يهمك",
    "تابع",
    "اضغط",
    "انقر",
    "اقرا ايضا",
    "اقرا المزيد",
    "فيديو:",
    "لمتابعة",
    "بالفيديو",
    "بالصور",
];

/// Byline and source prefixes: a line starting with one names an author or a source.
const BYLINE_PREFIXES: &[&str] = &[
    "بقلم",
    "كتب",
    "كتبت",
    "كتبه",
    "اعداد",
    "ترجمة",
    "تحرير",
    "المصدر",
    "المصادر",
    "تصوير",
    "نقلا عن",
    "بواسطة",
    "مراسل",
    "مراسلة",
    "الناشر",
    "تاليف",
    "حوار",
    "اجرى الحوار",
];

/// Month and weekday names (Arabic, Levantine/Iraqi and transliterated), after the alef fold:
/// a line made only of these, numbers and punctuation is a date, not a heading.
const DATE_WORDS: &[&str] = &[
    "يناير",
    "فبراير",
    "مارس",
    "ابريل",
    "مايو",
    "يونيو",
    "يونيه",
    "يوليو",
    "يوليه",
    "اغسطس",
    "سبتمبر",
    "اكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون",
    "شباط",
    "اذار",
    "نيسان",
    "ايار",
    "حزيران",
    "تموز",
    "اب",
    "ايلول",
    "تشرين",
    "الاول",
    "الثاني",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "عام",
    "سنة",
    "م",
    "ه",
    "هـ",
    "صباحا",
    "مساء",
    "مساء",
    "الساعة",
    "بتوقيت",
    "غرينتش",
    "جرينتش",
    "في",
    "من",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "gmt",
    "am",
    "pm",
];

/// Folds the hamza/madda alef forms to bare alef and lower-cases Latin, for prefix tests.
fn fold_for_match(s: &str) -> String {
    s.chars()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c) && *c != '\u{0640}')
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            _ => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Does `line` start with one of `prefixes` as whole words (the prefix followed by the end,
/// white space or punctuation)?
fn starts_with_word(line: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| {
        line.strip_prefix(p).is_some_and(|rest| {
            rest.chars().next().is_none_or(|c| !crate::text::tokenize::is_word_char(c))
        })
    })
}

/// Is `line` a dateline, byline or date rather than a heading?
/// * `PLACE - SOURCE` datelines and `NAME - ROLE` bylines: a spaced dash (`-` `–` `—`, or
///   a lone tatweel `ـ` used as one) with 1–4 words on each side, the left side not a
///   numeral (`لندن - بي بي سي`, `أبوظبي - سكاي نيوز عربية`, `دنيا الشطيري ـ مبرمجة`);
/// * a byline or source prefix (`بقلم` `كتب` `إعداد` `المصدر` `نقلا عن` …);
/// * a date: nothing left but numbers, month and weekday names (`8 أكتوبر`,
///   `الأحد 12 مايو 2018`, `1.1.2020`, `12/3/2018`).
pub fn is_dateline_or_byline(line: &str) -> bool {
    let t = line.trim().trim_start_matches(['*', '•', '(', '[']).trim_start();
    let raw: Vec<&str> = t.split_whitespace().collect();
    let is_dash =
        |w: &str| matches!(w, "-" | "–" | "—" | "--") || w.chars().all(|c| c == '\u{0640}');
    if let Some(k) = raw.iter().position(|w| is_dash(w)) {
        let right = raw.len() - k - 1;
        // a numeral before the dash is a numbered title (`II ـ …`, `3 - …`), not a place
        let numeral = k == 1
            && raw[0].chars().all(|c| {
                crate::text::tokenize::is_digit(c)
                    || matches!(c, 'I' | 'V' | 'X' | 'i' | 'v' | 'x' | '.' | ')')
            });
        if (1..=4).contains(&k) && (1..=4).contains(&right) && !numeral {
            return true;
        }
    }
    let f = fold_for_match(t);
    let words: Vec<&str> = f.split_whitespace().collect();
    if starts_with_word(&f, BYLINE_PREFIXES) {
        return true;
    }
    // a date: every word is a number, a date word or punctuation
    let mut has_number = false;
    let parts: Vec<&str> = words.iter().flat_map(|w| w.split('/')).collect();
    let all_date = parts.iter().all(|w| {
        let w = w.trim_matches(|c: char| !crate::text::tokenize::is_word_char(c));
        let stripped = w.strip_prefix('و').filter(|r| DATE_WORDS.contains(r));
        if w.chars().any(crate::text::tokenize::is_digit)
            && w.chars()
                .all(|c| crate::text::tokenize::is_digit(c) || matches!(c, '.' | '/' | '-' | ':'))
        {
            has_number = true;
            true
        } else {
            w.is_empty() || DATE_WORDS.contains(&w) || stripped.is_some()
        }
    });
    all_date && has_number
}

/// A line "in a run of short lines": at most 12 words and not closed by a sentence end, or
/// a question of 6 to 12 words (closing quotes and brackets skipped). Questions of up to 5
/// words (`فما الذي يحدث؟`) are text before a subheading; longer short questions are
/// mostly related-story links (`ما هي الجماعات المسلحة في مصر؟`). Verse, lists, link blocks and captions come as
/// such runs; a heading does not follow one.
fn is_short_open_line(line: &str) -> bool {
    let t = line.trim_end().trim_end_matches(is_closer);
    let words = t.split_whitespace().count();
    match t.chars().last() {
        Some('.' | '!' | '\u{2026}' | '\u{06D4}') => false,
        // a short rhetorical question is text; a headline-like one is a link
        Some('?' | '\u{061F}') => (6..=12).contains(&words),
        _ => words <= 12,
    }
}

/// The `auto` heading rule for a body line (not the title), tuned on the ANT news corpus
/// (the hand-labelled tuning set `data/headings/ant-tuning.tsv`; scored on the held-out set
/// `data/headings/ant-heldout.tsv` by `tests/headings_ant.rs`). `line` is a heading when
/// all of these hold:
/// 1. **Shape**: 1 to [`MAX_LONG_HEADING_WORDS`] words, at most 80 characters, more letters
///    than digits (`«2»`, `FHD+ 2220×1080` are not headings); no sentence end inside (an
///    ellipsis `..` `…` may join two parts: `عفرين.. وعودة داعش`) and no `. … ۔ : ، , ؛ ; -
///    –` at its end (closing quotes skipped); no `:` or `|` inside (`ترامب: …` headline
///    links, `الناشر: …` references, `قد يهمك| …`). It may end in `!` (`الفيفا يرد!`) or,
///    as a **question heading**, in `?` `؟` (`كيف بدأت الفضيحة؟`) when it has at most
///    [`MAX_QUESTION_HEADING_WORDS`] words and does not open with a conjunction (`لكن، هل
///    هي صحية؟`, `ولماذا …؟` are questions in the text).
/// 2. **Not a list item, link, byline or date**: does not start with a dash, bullet or `*`
///    (dialogue, lists, `*نقلا عن …` source notes); does not start with a teaser prefix
///    (`اقرأ` `شاهد` `طالع` `للمزيد` …, see `LINK_PREFIXES`); not
///    [`is_dateline_or_byline`]. Numbered titles (`5- ميزة الوضع السري`, `2. اطلب
///    توضيحاً`) may be headings; the items of a numbered list (`1-كيليان مبابي` followed by
///    `2-محمد صلاح`) are rejected by the context rule.
/// 3. **Context**: the next non-blank line is a body paragraph — more than
///    `max(words, 12)` words, or closed by a sentence end other than a question mark and
///    longer than the line, or, for a line of at most 3 words, at least 8 words — and the
///    previous non-blank line (`prev`, `None` at the start of the body) is not a short open
///    line (≤ 12 words and not closed by a sentence end, or a question of 6–12 words): runs
///    of short lines are verse (Al Arabiya and CNN quote poetry line by line), lists or
///    blocks of related links.
/// 4. **Long and question headings** (more than [`MAX_HEADING_WORDS`] words, or a
///    question): France 24 and Sky News write subheadings of up to 12 words, but lines of
///    that length between two paragraphs are mostly links to related stories (BBC), which
///    are rarely about the paragraph after them. So such a line must also follow a
///    paragraph closed by a sentence end, come before one closed by a sentence end (not a
///    question mark) or a colon, share a content word with it
///    (compared after the alef fold, a leading `و ف ب ل ال` removed), and not be followed by
///    a paragraph that continues reported speech (`وأضاف` `وتابع` `وقال` …); a question
///    must not be followed by such a paragraph either.
pub fn is_auto_heading_in_context(prev: Option<&str>, line: &str, next: Option<&str>) -> bool {
    // 80 characters are at most 320 bytes: longer lines are never headings
    if line.len() > 320 {
        return false;
    }
    let t = line.trim();
    // counted up to one past the limit: only whether there are more matters
    let words = t.split_whitespace().take(MAX_LONG_HEADING_WORDS + 1).count();
    if words == 0 || words > MAX_LONG_HEADING_WORDS || t.chars().count() > 80 {
        return false;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let digits = t.chars().filter(|&c| crate::text::tokenize::is_digit(c)).count();
    if letters == 0 || letters <= digits {
        return false;
    }
    let core = t.trim_end_matches(is_closer).trim_end();
    // a final run of `? ؟ !`: a question or exclamation heading
    let stem = core.trim_end_matches(['?', '\u{061F}', '!']).trim_end();
    let question = core[stem.len()..].contains(['?', '\u{061F}']);
    let last = stem.chars().last();
    if last.is_none_or(|c| {
        is_sentence_end_mark(c) || matches!(c, ':' | '،' | ',' | '؛' | ';' | '-' | '–' | '—')
    }) {
        return false;
    }
    if t.starts_with(['-', '–', '—', '•', '*', '·', '|']) || t.contains(['|', ':', '：']) {
        return false;
    }
    if has_inner_sentence_end_but_ellipsis(stem) {
        return false;
    }
    let folded = fold_for_match(t.trim_start_matches(['(', '[', '"', '«']));
    if starts_with_word(&folded, LINK_PREFIXES)
        || folded.contains("اضغط هنا")
        || is_dateline_or_byline(t)
    {
        return false;
    }
    if question && (words > MAX_QUESTION_HEADING_WORDS || starts_with_word(&folded, CONJUNCTIONS)) {
        return false;
    }
    if prev.is_some_and(is_short_open_line) {
        return false;
    }
    let Some(next) = next else { return false };
    // compared with `words.max(12)` and `words` (≤ 12): 13 is as good as more
    let next_words = next.split_whitespace().take(13).count();
    let next_last = next.trim_end().trim_end_matches(is_closer).chars().last();
    let body_next = next_words > words.max(12)
        || matches!(next_last, Some(c) if is_sentence_end_mark(c)
            && !matches!(c, '?' | '\u{061F}') && next_words > words)
        || (words <= 3 && next_words >= 8);
    if !body_next {
        return false;
    }
    let long = words > MAX_HEADING_WORDS;
    if (long || question) && starts_with_word(&fold_for_match(next.trim()), SPEECH_VERBS) {
        return false;
    }
    if long {
        let after_paragraph = prev.is_some_and(|p| {
            p.trim_end()
                .trim_end_matches(is_closer)
                .chars()
                .last()
                .is_some_and(is_sentence_end_mark)
        });
        let paragraph_next = matches!(next_last, Some(c) if c == ':' || is_sentence_end_mark(c)
            && !matches!(c, '?' | '\u{061F}'));
        return after_paragraph && paragraph_next && shares_content_word(t, next);
    }
    true
}

/// Words of a line up to which it can be an `auto` heading when it is also about the
/// paragraph after it (see [`is_auto_heading_in_context`], rule 4).
pub const MAX_LONG_HEADING_WORDS: usize = 12;

/// Words of a question heading at most (longer questions between paragraphs are links).
pub const MAX_QUESTION_HEADING_WORDS: usize = 10;

/// Conjunctions and particles that open a question in the running text rather than a
/// question heading (after the alef fold).
const CONJUNCTIONS: &[&str] = &[
    "لكن",
    "ولكن",
    "لكنه",
    "لكنها",
    "وهل",
    "فهل",
    "وما",
    "فما",
    "وماذا",
    "فماذا",
    "ولماذا",
    "فلماذا",
    "وكيف",
    "فكيف",
    "ومن",
    "فمن",
    "واين",
    "فاين",
    "ومتى",
    "فمتى",
    "اذن",
    "اذا",
    "ثم",
    "بل",
    "او",
    "ام",
];

/// Verbs that continue reported speech at the start of a paragraph (after the alef fold):
/// a line before such a paragraph interrupts the text (a link), it does not head a section.
const SPEECH_VERBS: &[&str] = &[
    "واضاف",
    "واضافت",
    "وتابع",
    "وتابعت",
    "واوضح",
    "واوضحت",
    "واشار",
    "واشارت",
    "واكد",
    "واكدت",
    "وقال",
    "وقالت",
    "وختم",
    "وختمت",
    "واردف",
    "واردفت",
];

/// Does `line` share a content word with the first 40 words of `next`? Words are compared
/// after [`fold_for_match`], with final `ة` → `ه` and `ى` → `ي` and one leading `وال` `بال`
/// `فال` `كال` `لل` `ال` `و` `ف` `ب` `ل` removed (when 3 letters remain); words of fewer
/// than 3 letters and a few function words do not count.
fn shares_content_word(line: &str, next: &str) -> bool {
    const FUNCTION: &[&str] = &[
        "علي", "الي", "في", "من", "عن", "مع", "بعد", "قبل", "التي", "الذي", "هذا", "هذه", "بين",
        "حول", "ضد", "غير", "كان", "كانت", "لدي", "عند", "منذ", "خلال",
    ];
    let key = |w: &str| -> Option<String> {
        let f = fold_for_match(w.trim_matches(|c: char| !crate::text::tokenize::is_word_char(c)));
        let mut k: String = f
            .chars()
            .map(|c| match c {
                'ى' => 'ي',
                _ => c,
            })
            .collect();
        if k.ends_with('ة') {
            k.pop();
            k.push('ه');
        }
        for p in ["وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل"] {
            if let Some(r) = k.strip_prefix(p)
                && r.chars().count() >= 3
            {
                k = r.to_string();
                break;
            }
        }
        (k.chars().count() >= 3 && !FUNCTION.contains(&k.as_str())).then_some(k)
    };
    let mine: Vec<String> = line.split_whitespace().filter_map(key).collect();
    next.split_whitespace().take(40).filter_map(key).any(|k| mine.contains(&k))
}

/// Like [`has_inner_sentence_end`], but a break after an ellipsis (`..`, `...`, `…`) does
/// not count: news subheadings join two parts with one (`الكاريبي.. جنسيات "سهلة"`).
fn has_inner_sentence_end_but_ellipsis(line: &str) -> bool {
    let mut v = Vec::new();
    split_sentences(line, 0..line.len(), &mut v);
    v.len() > 1
        && v[..v.len() - 1].iter().any(|r| {
            let piece = line[r.clone()].trim_end().trim_end_matches(is_closer);
            !(piece.ends_with("..") || piece.ends_with('\u{2026}'))
        })
}

/// A Markdown ATX heading (`# …` to `###### …`): the span of its text, else `None`.
fn markdown_heading(text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let line = &text[span.clone()];
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t']) {
        let inner = trim_span(text, span.start + hashes..span.end);
        let t = &text[inner.clone()];
        let t2 = t.trim_end_matches('#').trim_end();
        return Some(inner.start..inner.start + t2.len());
    }
    None
}

/// Longest line, in characters, of a text that [`looks_hard_wrapped`] can take as wrapped:
/// e-mail wraps at 72–80 characters, `pdftotext` and OCR lines of Arabic pages run to about
/// 130; one-paragraph-per-line news text has longer lines (all but 0.3 % of the 31,525 ANT
/// articles have one).
pub const MAX_WRAPPED_LINE_CHARS: usize = 160;

/// Does the document look hard-wrapped (text from PDFs, e-mail or OCR, where line breaks
/// fall inside sentences) rather than written one paragraph per line? `lines` are its
/// non-blank lines (1-based number, trimmed span), in order. With W the length of the
/// longest line in characters, a line is *full* when it has at least 0.6·W characters, and
/// the break after a full line (followed directly by another line that does not open a
/// list item or Markdown heading, see [`LineBreaks::Soft`]) is *open* when the full line
/// does not end with a sentence end mark or a colon (closing quotes, brackets and format
/// controls skipped). The document looks wrapped when all of these hold:
/// 1. W is at most [`MAX_WRAPPED_LINE_CHARS`] and there are at least 3 lines;
/// 2. at least 2 breaks after full lines are open, and at least 60 % of them are: in
///    wrapped text nearly every full line ends mid-sentence, in news text a full line is a
///    paragraph ended by a full stop;
/// 3. some line ends with a sentence end mark: the text is prose (verse, such as the lines of
///    the Quran or of a poem, has no end marks and stays one line per paragraph).
///
/// Measured (`tests/line_breaks.rs` and the README): 0 of the 31,525 ANT news articles and
/// 0 of the 114 suras of the Quran corpus look wrapped; 42 of the 153 EASC articles do,
/// exactly the 42 whose lines are all at most 160 characters (hard-wrapped newspaper
/// text); ANT paragraphs re-wrapped at 40–100 characters are recognised in 93.6–99.9 % of
/// documents (see the README for each width).
pub fn looks_hard_wrapped(text: &str, lines: &[(usize, Range<usize>)]) -> bool {
    if lines.len() < 3 {
        return false;
    }
    let mut chars = Vec::with_capacity(lines.len());
    for (_, span) in lines {
        // a line of more bytes than 4 × the limit has more characters than it
        if span.len() > 4 * MAX_WRAPPED_LINE_CHARS {
            return false;
        }
        let n = text[span.clone()].chars().count();
        if n > MAX_WRAPPED_LINE_CHARS {
            return false;
        }
        chars.push(n);
    }
    let ends_with = |span: &Range<usize>| {
        text[span.clone()]
            .trim_end_matches(|c: char| {
                is_closer(c) || c.is_whitespace() || crate::text::normalize::is_format_control(c)
            })
            .chars()
            .next_back()
    };
    if !lines.iter().any(|(_, s)| ends_with(s).is_some_and(is_sentence_end_mark)) {
        return false;
    }
    let width = chars.iter().copied().max().unwrap_or(0);
    let (mut full, mut open) = (0usize, 0usize);
    for (k, pair) in lines.windows(2).enumerate() {
        let ((no, span), (next_no, next)) = (&pair[0], &pair[1]);
        // full: at least 0.6·W characters
        if *next_no != no + 1 || 5 * chars[k] < 3 * width || opens_block(&text[next.clone()]) {
            continue;
        }
        full += 1;
        if !ends_with(span).is_some_and(|c| is_sentence_end_mark(c) || c == ':') {
            open += 1;
        }
    }
    // at least 60 % open
    open >= 2 && 5 * open >= 3 * full
}

/// Joins the non-blank `lines` (1-based number, trimmed span) into soft-wrapped paragraphs
/// (see [`LineBreaks::Soft`]): (first line number, span, more than one line).
fn join_soft_lines(
    text: &str,
    lines: &[(usize, Range<usize>)],
) -> Vec<(usize, Range<usize>, bool)> {
    let mut out: Vec<(usize, Range<usize>, bool)> = Vec::new();
    let mut last_no = 0usize;
    let mut last_heading = false;
    for (no, span) in lines {
        let line = &text[span.clone()];
        let heading = markdown_heading(text, span.clone()).is_some();
        let continues = !out.is_empty()
            && *no == last_no + 1
            && !last_heading
            && !heading
            && !opens_block(line);
        match out.last_mut() {
            Some(p) if continues => {
                p.1.end = span.end;
                p.2 = true;
            }
            _ => out.push((*no, span.clone(), false)),
        }
        last_no = *no;
        last_heading = heading;
    }
    out
}

/// Does `line` open a list item or a Markdown heading, which starts a paragraph even
/// without a blank line before it: a bullet `-` `*` `•` `·` `–` `—`, 1–6 `#`, or a number
/// of 1–3 digits (any digit set) with `.` `)` or `-` (or in brackets: `(3)`), then white
/// space?
fn opens_block(line: &str) -> bool {
    let spaced = |rest: &str| rest.starts_with(char::is_whitespace);
    if let Some(c) = line.chars().next()
        && matches!(c, '-' | '*' | '•' | '·' | '–' | '—')
    {
        return spaced(&line[c.len_utf8()..]);
    }
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) {
        return spaced(&line[hashes..]);
    }
    let inner = line.strip_prefix('(').unwrap_or(line);
    let rest = inner.trim_start_matches(crate::text::tokenize::is_digit);
    let digits = inner[..inner.len() - rest.len()].chars().count();
    if !(1..=3).contains(&digits) {
        return false;
    }
    let rest = if inner.len() < line.len() {
        match rest.strip_prefix(')') {
            Some(r) => r,
            None => return false,
        }
    } else {
        match rest.strip_prefix(['.', ')', '-']) {
            Some(r) => r,
            None => return false,
        }
    };
    spaced(rest)
}

/// Parses `text` into its [`Structure`].
pub fn parse(text: &str, opts: &StructureOptions) -> Structure {
    let mut nonblank: Vec<(usize, Range<usize>)> = Vec::new();
    for (no, span) in lines(text) {
        let t = trim_span(text, span);
        if !t.is_empty() {
            nonblank.push((no, t));
        }
    }
    // a title line put in front of the text stays a line of its own, and the text after it
    // is judged and joined alone
    let body_from = usize::from(opts.title_line && !nonblank.is_empty());
    let soft = match opts.line_breaks {
        LineBreaks::Hard => false,
        LineBreaks::Soft => true,
        LineBreaks::Auto => looks_hard_wrapped(text, &nonblank[body_from..]),
    };
    // the paragraphs: (first line number, span, true when made of more than one line)
    let nonblank: Vec<(usize, Range<usize>, bool)> = if soft {
        let mut v: Vec<_> =
            nonblank[..body_from].iter().map(|(no, span)| (*no, span.clone(), false)).collect();
        v.extend(join_soft_lines(text, &nonblank[body_from..]));
        v
    } else {
        nonblank.into_iter().map(|(no, span)| (no, span, false)).collect()
    };
    let long = std::cell::Cell::new(0usize);
    let para = |no: usize, span: Range<usize>| {
        let mut sentences = Vec::new();
        split_sentences(text, span.clone(), &mut sentences);
        long.set(long.get() + cap_sentence_length(text, &mut sentences, MAX_SENTENCE_WORDS));
        Paragraph { span, line: no, sentences }
    };
    let mut out = Structure::default();
    let mut rest = &nonblank[..];
    if opts.title_line
        && let Some((no, span, _)) = nonblank.first()
    {
        out.title = Some(para(*no, span.clone()));
        rest = &nonblank[1..];
    } else if !opts.has_title_field
        && nonblank.len() > 1
        && !nonblank[0].2
        && markdown_heading(text, nonblank[0].1.clone()).is_none()
        && looks_like_headline(&text[nonblank[0].1.clone()])
    {
        out.title = Some(para(nonblank[0].0, nonblank[0].1.clone()));
        rest = &nonblank[1..];
    } else if !opts.has_title_field
        && opts.headings != HeadingMode::None
        && let Some(&(no, ref span, _)) = nonblank.first()
        && let Some(h) = markdown_heading(text, span.clone())
    {
        // a Markdown document starting with "# Title"
        out.title = Some(para(no, h));
        rest = &nonblank[1..];
    }
    let mut current = Section { heading: None, paragraphs: Vec::new() };
    for (k, (no, span, joined)) in rest.iter().enumerate() {
        let heading = match opts.headings {
            HeadingMode::None => None,
            _ if *joined => None,
            HeadingMode::Markdown => markdown_heading(text, span.clone()),
            HeadingMode::Auto => markdown_heading(text, span.clone()).or_else(|| {
                let next = rest.get(k + 1).map(|(_, s, _)| &text[s.clone()]);
                let prev =
                    k.checked_sub(1).and_then(|j| rest.get(j)).map(|(_, s, _)| &text[s.clone()]);
                is_auto_heading_in_context(prev, &text[span.clone()], next).then(|| span.clone())
            }),
        };
        match heading {
            Some(h) => {
                if current.heading.is_some() || !current.paragraphs.is_empty() {
                    out.sections.push(std::mem::replace(
                        &mut current,
                        Section { heading: None, paragraphs: Vec::new() },
                    ));
                }
                current.heading = Some(para(*no, h));
            }
            None => current.paragraphs.push(para(*no, span.clone())),
        }
    }
    if current.heading.is_some() || !current.paragraphs.is_empty() {
        out.sections.push(current);
    }
    out.long_sentences = long.get();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        split_sentences(s, 0..s.len(), &mut v);
        v.into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)]
    fn over_long_sentences_are_cut_by_words() {
        // 12 words without an end mark, at most 5 words a sentence: 5 + 5 + 2
        let text = "و1 و2 و3 و4 و5 و6 و7 و8 و9 و10 و11 و12";
        let mut s = vec![0..text.len()];
        assert_eq!(cap_sentence_length(text, &mut s, 5), 1);
        let got: Vec<&str> = s.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(got, ["و1 و2 و3 و4 و5", "و6 و7 و8 و9 و10", "و11 و12"]);
        // marks and punctuation do not make words; short sentences are left alone
        let text = "كَتَبَ، الطالبُ الدرسَ";
        let mut s = vec![0..text.len()];
        assert_eq!(cap_sentence_length(text, &mut s, 3), 0);
        assert_eq!(s, [0..text.len()]);
        // parse() counts the cut sentences
        let long = "كلمة ".repeat(MAX_SENTENCE_WORDS * 2 + 1);
        let st = parse(&long, &StructureOptions::default());
        assert_eq!(st.long_sentences, 1);
        let sentences = &st.sections[0].paragraphs[0].sentences;
        assert_eq!(sentences.len(), 3);
        assert_eq!(parse("جملة قصيرة.", &StructureOptions::default()).long_sentences, 0);
    }

    #[test]
    fn arabic_question_mark_and_runs() {
        assert_eq!(
            sents("هل زرت مصر؟ نعم زرتها. يا لها من رحلة! حقا؟! طبعا."),
            ["هل زرت مصر؟", "نعم زرتها.", "يا لها من رحلة!", "حقا؟!", "طبعا."]
        );
        assert_eq!(sents("زرت مصر۔ ثم عدت۔"), ["زرت مصر۔", "ثم عدت۔"]);
    }

    #[test]
    fn dots_that_do_not_end() {
        assert_eq!(
            sents("بلغت النسبة 3.5 في المئة. ثم ارتفعت."),
            ["بلغت النسبة 3.5 في المئة.", "ثم ارتفعت."]
        );
        assert_eq!(sents("قال د. محمد إن الوضع صعب."), ["قال د. محمد إن الوضع صعب."]);
        // an era letter closing a year ends the sentence (case 18); a title before a name
        // does not
        assert_eq!(sents("ولد عام 1950 م. ثم انتقل."), ["ولد عام 1950 م.", "ثم انتقل."]);
        assert_eq!(sents("ولد عام 1950 م. في القاهرة."), ["ولد عام 1950 م. في القاهرة."]);
        assert_eq!(sents("زار موقع bbc.com أمس. وعاد."), ["زار موقع bbc.com أمس.", "وعاد."]);
        assert_eq!(sents("Dr. Smith left."), ["Dr. Smith left."]);
    }

    #[test]
    fn abbreviations_closing_a_number_end_the_sentence() {
        for (text, want) in [
            ("توفي سنة 1445 هـ. ثم دفن.", vec!["توفي سنة 1445 هـ.", "ثم دفن."]),
            ("توفي سنة 1445 ه. ثم دفن.", vec!["توفي سنة 1445 ه.", "ثم دفن."]),
            ("بنيت عام 300 ق.م. وهي اليوم.", vec!["بنيت عام 300 ق.م.", "وهي اليوم."]),
            ("بنيت عام 300ق.م. وهي اليوم.", vec!["بنيت عام 300ق.م.", "وهي اليوم."]),
            ("بنيت عام 30 ب.م. وهي اليوم.", vec!["بنيت عام 30 ب.م.", "وهي اليوم."]),
            ("بنيت حوالي 2550 ق. م، هي أهرامات.", vec!["بنيت حوالي 2550 ق. م، هي أهرامات."]),
            ("بنيت حوالي 2550 ق. م. هي أهرامات.", vec!["بنيت حوالي 2550 ق. م.", "هي أهرامات."]),
            ("ولد عام 1990 م. و تم ذلك.", vec!["ولد عام 1990 م.", "و تم ذلك."]),
            ("بين 2000 و 5000 م.أما السلاسل", vec!["بين 2000 و 5000 م.", "أما السلاسل"]),
            ("قبل ثوران بركان فيزوف (79 ق.م) وكذلك", vec!["قبل ثوران بركان فيزوف (79 ق.م) وكذلك"]),
            ("ولد عام 1990م. ثم انتقل.", vec!["ولد عام 1990م.", "ثم انتقل."]),
            ("ولد عام ١٩٩٠ م. ثم انتقل.", vec!["ولد عام ١٩٩٠ م.", "ثم انتقل."]),
            ("(عام 1990 م.) ثم انتقل.", vec!["(عام 1990 م.)", "ثم انتقل."]),
            ("He left at 5 p.m. Then he slept.", vec!["He left at 5 p.m.", "Then he slept."]),
            // titles and initials before names do not end it
            ("وصل د. أحمد إلى الأردن أمس.", vec!["وصل د. أحمد إلى الأردن أمس."]),
            ("قال أ.د. محمد علي.", vec!["قال أ.د. محمد علي."]),
            ("صندوق ص.ب. 1234 في عمان.", vec!["صندوق ص.ب. 1234 في عمان."]),
            ("the U.S. President spoke.", vec!["the U.S. President spoke."]),
            // a chain of initials after a word, not a number
            ("وصل ع.م. أحمد إلى عمان.", vec!["وصل ع.م. أحمد إلى عمان."]),
        ] {
            assert_eq!(sents(text), want, "{text}");
        }
    }

    #[test]
    fn dotted_abbreviations_are_not_sentence_ends() {
        for (text, want) in [
            (
                "ونقلت شبكة \"سي.إن.إن\" عن سامنثا قولها.",
                vec!["ونقلت شبكة \"سي.إن.إن\" عن سامنثا قولها."],
            ),
            (
                "بحسب هيئة الإذاعة البريطانية (بي.بي.سي) فإن",
                vec!["بحسب هيئة الإذاعة البريطانية (بي.بي.سي) فإن"],
            ),
            ("قال لـ\"العربية.نت\" إن الوضع صعب", vec!["قال لـ\"العربية.نت\" إن الوضع صعب"]),
            ("قام بيت.كوم، بإجراء استبيان", vec!["قام بيت.كوم، بإجراء استبيان"]),
            ("الحمض النووي (دي.إن.إيه) للمتهم", vec!["الحمض النووي (دي.إن.إيه) للمتهم"]),
            (
                "وكالة \"باتون.بارتون.دورستين.أوزبورن\" للإعلان",
                vec!["وكالة \"باتون.بارتون.دورستين.أوزبورن\" للإعلان"],
            ),
            ("وذكرت قناة \"كيه.آي.آر.أو7\" أن", vec!["وذكرت قناة \"كيه.آي.آر.أو7\" أن"]),
            ("قال ترامب لشبكة \"سي.بي.إس\" إنه", vec!["قال ترامب لشبكة \"سي.بي.إس\" إنه"]),
            ("وذكر مراسل \"العربية.نت الفارسي\" أن", vec!["وذكر مراسل \"العربية.نت الفارسي\" أن"]),
            ("قناة (أر.تي) أن", vec!["قناة (أر.تي) أن"]),
            // forgotten spaces after full stops between words still end sentences
            ("ترمز للإله رع.وفي المساء", vec!["ترمز للإله رع.", "وفي المساء"]),
            ("لكسب فيتامين سي.كما تأكل", vec!["لكسب فيتامين سي.", "كما تأكل"]),
            (
                "أقل من كثافة الماء.التكوين الداخلي لكوكب",
                vec!["أقل من كثافة الماء.", "التكوين الداخلي لكوكب"],
            ),
            (
                "حسب ما أضاف المرصد.إلا أن وسائل الإعلام",
                vec!["حسب ما أضاف المرصد.", "إلا أن وسائل الإعلام"],
            ),
        ] {
            assert_eq!(sents(text), want, "{text}");
        }
    }

    #[test]
    fn inline_numbered_lists() {
        assert_eq!(
            sents("الأمور التالية: ١. الإرهاب استهدف الأمن. ٢. الإرهاب استهدف مهرجان. 3. انتهى"),
            ["الأمور التالية: ١. الإرهاب استهدف الأمن.", "٢. الإرهاب استهدف مهرجان.", "3. انتهى"]
        );
        assert_eq!(sents("1. أولا. (2). ثانيا"), ["1. أولا.", "(2). ثانيا"]);
        // a number closing a sentence still ends it
        assert_eq!(sents("بلغ عددهم 25. ثم عادوا"), ["بلغ عددهم 25.", "ثم عادوا"]);
        assert_eq!(sents("بلغ عددهم ٢٥. ثم عادوا"), ["بلغ عددهم ٢٥.", "ثم عادوا"]);
        assert_eq!(sents("عام ١٩٧١. أما الثانية"), ["عام ١٩٧١.", "أما الثانية"]);
        // decimals and times before a full stop are no list markers
        assert_eq!(sents("عند 54.0. وثمة مسوح"), ["عند 54.0.", "وثمة مسوح"]);
        assert_eq!(sents("في زمن 00:39:49. وبالنسبة"), ["في زمن 00:39:49.", "وبالنسبة"]);
    }

    /// (first line, paragraph text) of every paragraph of `t` under `line_breaks`.
    fn paras(t: &str, line_breaks: LineBreaks) -> Vec<(usize, &str)> {
        let opts =
            StructureOptions { line_breaks, headings: HeadingMode::None, ..Default::default() };
        parse(t, &opts).all_paragraphs().map(|(_, p)| (p.line, &t[p.span.clone()])).collect()
    }

    fn nonblank(t: &str) -> Vec<(usize, Range<usize>)> {
        lines(t).map(|(n, s)| (n, trim_span(t, s))).filter(|(_, s)| !s.is_empty()).collect()
    }

    #[test]
    fn soft_breaks_join_lines_up_to_a_blank_line_list_item_or_heading() {
        let t = "سطر أول\r\nيكمل الجملة.\n\nفقرة ثانية\n- بند\n- بند ثان\n# عنوان\nنص";
        assert_eq!(
            paras(t, LineBreaks::Soft),
            [
                (1, "سطر أول\r\nيكمل الجملة."),
                (4, "فقرة ثانية"),
                (5, "- بند"),
                (6, "- بند ثان"),
                (7, "# عنوان"),
                (8, "نص")
            ]
        );
        // hard: one paragraph per line
        assert_eq!(paras(t, LineBreaks::Hard).len(), 7);
        // a joined paragraph's sentences span its line breaks
        let s = parse(t, &StructureOptions { line_breaks: LineBreaks::Soft, ..Default::default() });
        let first = &s.sections[0].paragraphs[0];
        assert_eq!(first.sentences.len(), 1);
        assert_eq!(&t[first.sentences[0].clone()], "سطر أول\r\nيكمل الجملة.");
    }

    #[test]
    fn a_joined_paragraph_is_never_a_title_or_heading() {
        // soft: the first paragraph has two lines, so it is no title even though each line
        // looks like a headline; a short one-line paragraph between paragraphs still can be
        // a heading
        let body = "قال المسؤول إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة بحضور جميع الأطراف المعنية بالأزمة.";
        let t = format!("عنوان قصير\nعلى سطرين\n\n{body}\n\nعنوان آخر\n\n{body}");
        let opts = StructureOptions { line_breaks: LineBreaks::Soft, ..Default::default() };
        let s = parse(&t, &opts);
        assert!(s.title.is_none());
        assert_eq!(s.sections.len(), 2);
        assert!(s.sections[0].heading.is_none());
        assert_eq!(s.sections[1].heading.as_ref().map(|h| &t[h.span.clone()]), Some("عنوان آخر"));
    }

    #[test]
    fn list_items_and_headings_open_blocks() {
        for l in
            ["- بند", "* بند", "• بند", "— بند", "1. بند", "12) بند", "٣- بند", "(4) بند", "# ع"]
        {
            assert!(opens_block(l), "{l}");
        }
        for l in ["-بند", "1990. بند", "بند - آخر", "3.5 بند", "(4). بند", "####### ع", "#ع"]
        {
            assert!(!opens_block(l), "{l}");
        }
    }

    #[test]
    fn hard_wrapped_text_is_recognised() {
        // lines of 40, 40, 22 (with `.`), 40, 40, 13 (with `.`) characters: W = 40, full
        // lines >= 24; breaks after full lines 1→2, 2→3, 4→5, 5→6 (3→4 crosses the blank
        // line), all open: 4 >= 2 and 4 >= 60 % of 4; prose (lines end with `.`): wrapped
        let a = "كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة"; // 8 × 4 + 7 = 39
        let a = format!("{a}ة"); // 40
        assert_eq!(a.chars().count(), 40);
        let end = "نهاية الجملة هنا الآن."; // 5 + 6 + 3 + 4 letters, 3 spaces, `.`
        assert_eq!(end.chars().count(), 22);
        let t = format!("{a}\n{a}\n{end}\n\n{a}\n{a}\nنهاية الفقرة.");
        assert!(looks_hard_wrapped(&t, &nonblank(&t)));
        assert_eq!(paras(&t, LineBreaks::Auto).len(), 2);
        // the same lines without any end mark (verse, a list): not wrapped
        let verse = t.replace('.', "");
        assert!(!looks_hard_wrapped(&verse, &nonblank(&verse)));
        // one line longer than 160 characters: one paragraph per line
        let long = format!("{t}\n{}", "ك ".repeat(81));
        assert!(!looks_hard_wrapped(&long, &nonblank(&long)));
        assert_eq!(paras(&long, LineBreaks::Auto).len(), 7);
        // 2 open breaks of 4 after full lines (lines 2 and 5 end with `.`): 2 < 60 % of 4
        let t2 = format!("{a}\n{a}.\n{end}\n\n{a}\n{a}.\nنهاية الفقرة.");
        assert!(!looks_hard_wrapped(&t2, &nonblank(&t2)));
        // 3 of 4 (line 5 ends with `.`): 3 >= 2.4
        let t3 = format!("{a}\n{a}\n{end}\n\n{a}\n{a}.\nنهاية الفقرة.");
        assert!(looks_hard_wrapped(&t3, &nonblank(&t3)));
        // short lines (under 0.6·W) are not full: a list of names under a long line
        let list = format!("{a}.\nمصر\nالمملكة العربية السعودية\nإيران\nفرنسا.");
        assert!(!looks_hard_wrapped(&list, &nonblank(&list)));
        // fewer than 3 lines
        let two = format!("{a}\nنهاية.");
        assert!(!looks_hard_wrapped(&two, &nonblank(&two)));
        // a closing quote and an RLM after the full stop still end the line
        let q = format!("{a}\n{a}.»{}\n{end}\n\n{a}\n{a}.\nنهاية الفقرة.", '\u{200F}');
        assert!(!looks_hard_wrapped(&q, &nonblank(&q)));
    }

    #[test]
    fn every_mandatory_break_ends_a_line() {
        let t = "a\u{85}b\u{0B}c\u{0C}d\u{2028}e\u{2029}f\r\ng\rh\ni";
        let v: Vec<_> = lines(t).map(|(n, r)| (n, &t[r])).collect();
        assert_eq!(
            v,
            [
                (1, "a"),
                (2, "b"),
                (3, "c"),
                (4, "d"),
                (5, "e"),
                (6, "f"),
                (7, "g"),
                (8, "h"),
                (9, "i")
            ]
        );
        // « » and no-break space share NEL's lead byte C2 and are no breaks
        let t = "«a»\u{A0}b";
        assert_eq!(lines(t).count(), 1);
    }

    #[test]
    fn ellipsis_and_quotes() {
        assert_eq!(
            sents("قال: \"انتهى الأمر.\" ثم خرج… وعاد"),
            ["قال: \"انتهى الأمر.\"", "ثم خرج…", "وعاد"]
        );
        assert_eq!(sents("انتظر... ثم تكلم"), ["انتظر...", "ثم تكلم"]);
        assert_eq!(sents("(كما قال.) ثم"), ["(كما قال.)", "ثم"]);
    }

    #[test]
    fn urls_and_emails_do_not_end() {
        assert_eq!(
            sents("انظر https://example.com/مصر?x=1! ثم راسل info@example.org. وانتهى"),
            ["انظر https://example.com/مصر?x=1!", "ثم راسل info@example.org.", "وانتهى"]
        );
    }

    #[test]
    fn commas_semicolons_colons_do_not_end() {
        assert_eq!(sents("أولا، ثانيا؛ ثالثا: رابعا"), ["أولا، ثانيا؛ ثالثا: رابعا"]);
    }

    #[test]
    fn line_breaks_crlf_cr_lf() {
        let t = "a\r\nb\rc\n\r\nd";
        let v: Vec<_> = lines(t).map(|(n, r)| (n, &t[r])).collect();
        assert_eq!(v, [(1, "a"), (2, "b"), (3, "c"), (4, ""), (5, "d")]);
    }

    #[test]
    fn sample_structure() {
        let text = "عنوان الخبر هنا\nفقرة أولى طويلة بما يكفي لتكون فقرة حقيقية في النص. وجملة ثانية.\nعنوان فرعي قصير\nفقرة تحت العنوان الفرعي فيها كلام كثير ومفيد جدا للقارئ الكريم اليوم.\n\n";
        let s = parse(text, &StructureOptions::default());
        assert_eq!(
            &text[s.title.as_ref().map(|p| p.span.clone()).unwrap_or_default()],
            "عنوان الخبر هنا"
        );
        assert_eq!(s.sections.len(), 2);
        assert!(s.sections[0].heading.is_none());
        assert_eq!(s.sections[0].paragraphs[0].sentences.len(), 2);
        let h = s.sections[1].heading.as_ref().map(|p| &text[p.span.clone()]);
        assert_eq!(h, Some("عنوان فرعي قصير"));
    }

    /// The splitter, line splitter and heading rule as they were before the byte-level
    /// scans (character by character, a `String` per dot), kept as the reference the
    /// property tests below compare the fast versions with.
    mod reference {
        use super::super::*;

        /// Character by character: every UAX #14 mandatory break (BK, CR, LF, NL classes).
        pub fn lines(text: &str) -> Vec<(usize, Range<usize>)> {
            let (mut out, mut no, mut start) = (Vec::new(), 0, 0);
            let mut it = text.char_indices().peekable();
            while let Some((i, c)) = it.next() {
                if matches!(
                    c,
                    '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
                ) {
                    let mut end = i + c.len_utf8();
                    if c == '\r' && it.peek().is_some_and(|&(_, d)| d == '\n') {
                        it.next();
                        end += 1;
                    }
                    no += 1;
                    out.push((no, start..i));
                    start = end;
                }
            }
            if start < text.len() {
                out.push((no + 1, start..text.len()));
            }
            out
        }

        pub fn split_sentences(text: &str, span: Range<usize>, out: &mut Vec<Range<usize>>) {
            let para = &text[span.clone()];
            let base = span.start;
            let mut start = 0usize;
            let mut chars = para.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                if !is_sentence_end_mark(c) {
                    continue;
                }
                let mut end = i + c.len_utf8();
                let mut only_dots = c == '.';
                while let Some(&(j, d)) = chars.peek() {
                    if is_sentence_end_mark(d) {
                        only_dots &= d == '.';
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                if only_dots
                    && end == i + 1
                    && (!dot_ends_sentence(para, i) || is_list_marker(para, i))
                {
                    continue;
                }
                if inside_special_token(para, i) {
                    continue;
                }
                if is_ellipsis_run(&para[i..end])
                    && inside_open_quote(&para[start..i], &para[end..])
                {
                    continue;
                }
                while let Some(&(j, d)) = chars.peek() {
                    if is_closer(d) {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                if push_trimmed(text, base + start..base + end, out, false) {
                    start = end;
                }
            }
            push_trimmed(text, base + start..span.end, out, true);
        }

        fn dot_ends_sentence(para: &str, i: usize) -> bool {
            let after = para[i + 1..].chars().next();
            if let Some(a) = after
                && (a.is_ascii_alphanumeric() || crate::text::tokenize::is_digit(a))
            {
                return false;
            }
            if after.is_some_and(char::is_alphabetic) && inside_dotted_abbreviation(para, i) {
                return false;
            }
            let before = &para[..i];
            let mut letters = 0usize;
            let mut word = String::new();
            let mut word_start = i;
            for (k, c) in before.char_indices().rev() {
                if crate::text::tokenize::is_word_char(c) {
                    letters += 1;
                    if letters > 6 {
                        return true;
                    }
                    word.insert(0, c);
                    word_start = k;
                } else if !(unicode_normalization::char::is_combining_mark(c) || c == '\u{0640}') {
                    break;
                }
            }
            if letters == 1 && !word.chars().all(crate::text::tokenize::is_digit) {
                return closes_number(&para[..word_start])
                    && era_letter_ends(after, &para[i + 1..]);
            }
            let last = word.chars().next_back().unwrap_or(' ');
            if letters > 1
                && !crate::text::tokenize::is_digit(last)
                && word[..word.len() - last.len_utf8()].chars().all(crate::text::tokenize::is_digit)
                && one_letter_abbreviation_follows(&para[i + 1..])
            {
                return false;
            }
            if word.is_ascii() && LATIN_ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
            {
                return false;
            }
            true
        }
    }

    use proptest::prelude::*;

    /// Text with every sentence end mark, look-alike bytes (other characters whose UTF-8
    /// shares a byte with a mark: ؠ D8 A0, ٟ D9 9F, ڟ DA 9F, ۟ DB 9F, ە DB 95, ۰ DB B0, — E2
    /// 80 94, € E2 82 AC, ⁊ E2 81 8A), quotes, closers, URLs, abbreviations, numbers and
    /// line breaks.
    fn hard_text() -> impl Strategy<Value = String> {
        let pool: Vec<&str> = vec![
            "مصر",
            "د",
            "م",
            "ـ",
            "\u{064E}",
            " ",
            " ",
            " ",
            ".",
            ".",
            "!",
            "?",
            "؟",
            "۔",
            "…",
            "‼",
            "⁇",
            "⁈",
            "⁉",
            "ؠ",
            "ٟ",
            "ڟ",
            "۟",
            "ە",
            "۰",
            "—",
            "€",
            "⁊",
            "3",
            "٣",
            "12",
            "Dr",
            "mr",
            "J",
            "a",
            "\"",
            "«",
            "»",
            "“",
            "”",
            "'",
            ")",
            "(",
            "]",
            "﴾",
            "﴿",
            "،",
            ":",
            "/",
            "www.",
            "http://x.com/a?b=1",
            "a@b.org",
            "@user",
            "\n",
            "\r",
            "\r\n",
            "\u{2028}",
            "\u{2029}",
            "\u{0085}",
            "\u{000B}",
            "\u{000C}",
            "\u{00AB}",
            "\u{00C2}",
            "\u{00A0}",
            "\u{200B}",
            "\t",
        ];
        proptest::collection::vec(proptest::sample::select(pool), 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn byte_scans_match_the_reference(s in hard_text()) {
            let got: Vec<_> = lines(&s).collect();
            prop_assert_eq!(&got, &reference::lines(&s));
            let (mut a, mut b) = (Vec::new(), Vec::new());
            split_sentences(&s, 0..s.len(), &mut a);
            reference::split_sentences(&s, 0..s.len(), &mut b);
            prop_assert_eq!(a, b);
            for (_, span) in got {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                split_sentences(&s, span.clone(), &mut a);
                reference::split_sentences(&s, span, &mut b);
                prop_assert_eq!(a, b);
            }
        }
    }
}
