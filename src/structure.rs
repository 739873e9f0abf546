//! Document structure: title, sections, paragraphs and sentences, as byte spans into the
//! document text. One parser shared by every command, so a "sentence" means the same thing
//! in `stats` (n-grams never cross one), `cooc` (the default unit) and `sections`.
//!
//! * **Lines**: CR LF, lone CR and LF are each one line break (U+2028 and U+2029 too).
//! * **Paragraphs**: every non-blank line is a paragraph (news text puts one paragraph per
//!   line).
//! * **Title**: the document's title field when it has one; otherwise the first line, when
//!   it looks like a headline (see [`looks_like_headline`]) and more text follows.
//! * **Sections**: a heading and the paragraphs up to the next heading; the paragraphs
//!   before the first heading form the lead section (heading `None`). See [`HeadingMode`]
//!   for what counts as a heading.
//! * **Sentences**: see [`split_sentences`].

use serde::Serialize;
use std::ops::Range;

/// How headings are recognised (`--headings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HeadingMode {
    /// Markdown `#` headings, and short lines that look like subheadings (see
    /// [`is_auto_heading`]).
    #[default]
    Auto,
    /// Markdown `#` headings only.
    Markdown,
    /// No headings: the whole document is one section.
    None,
}

/// Options of the structure parser.
#[derive(Debug, Clone, Copy, Default)]
pub struct StructureOptions {
    /// How headings are found.
    pub headings: HeadingMode,
    /// True when the document already has a title (a title field), so the first line is
    /// never taken as the title.
    pub has_title_field: bool,
}

/// A paragraph: one non-blank line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// Byte span of the line's content (without the line break, trimmed of white space).
    pub span: Range<usize>,
    /// 1-based line number in the document text.
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
/// CR LF, CR, LF, U+2028 and U+2029 each end a line.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut no = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        no += 1;
        let start = pos;
        let mut i = pos;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    pos = i + 1;
                    return Some((no, start..i));
                }
                b'\r' => {
                    pos = if bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
                    return Some((no, start..i));
                }
                // U+2028 / U+2029 are E2 80 A8 / E2 80 A9
                0xE2 if bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(&0xA8) | Some(&0xA9)) =>
                {
                    pos = i + 3;
                    return Some((no, start..i));
                }
                _ => i += 1,
            }
        }
        pos = bytes.len();
        Some((no, start..bytes.len()))
    })
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

/// Closing quotes and brackets that stay with the sentence they close.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}')
}

/// Latin abbreviations (lower-case, without the dot) after which `.` does not end a
/// sentence.
const LATIN_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "no", "inc", "ltd", "co", "gen",
    "col", "lt",
];

/// Splits the paragraph `text[span]` into sentences and pushes their byte spans to `out`.
///
/// A sentence ends after a run of end marks (see [`is_sentence_end_mark`]; `؟!` and `...`
/// are one end), together with any closing quotes or brackets right after it, and at the
/// end of the paragraph. A `.` is *not* an end:
/// * between digits (`3.5`) or before a Latin letter or digit with no space (`bbc.com`,
///   `U.S.`);
/// * after a single letter, Arabic or Latin (`د.` doctor, `أ.` professor, `م.` for years,
///   `J. Smith`);
/// * after a common Latin abbreviation (`Dr.`, `Mr.`, `vs.` …).
///
/// Sentences are trimmed of white space and are never empty.
pub fn split_sentences(text: &str, span: Range<usize>, out: &mut Vec<Range<usize>>) {
    let para = &text[span.clone()];
    let base = span.start;
    let mut start = 0usize;
    let mut chars = para.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_sentence_end_mark(c) {
            continue;
        }
        // the whole run of end marks
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
        if only_dots && end == i + 1 && !dot_ends_sentence(para, i) {
            continue;
        }
        if inside_special_token(para, i) {
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
        push_trimmed(text, base + start..base + end, out);
        start = end;
    }
    push_trimmed(text, base + start..span.end, out);
}

fn push_trimmed(text: &str, span: Range<usize>, out: &mut Vec<Range<usize>>) {
    let t = trim_span(text, span);
    // a piece with no letter or digit (stray punctuation) joins the previous sentence
    if !text[t.clone()].chars().any(crate::text::tokenize::is_word_char) {
        if let Some(last) = out.last_mut()
            && !t.is_empty()
            && last.end <= t.start
        {
            last.end = t.end;
        }
        return;
    }
    out.push(t);
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

/// Does the single `.` at byte `i` of `para` end a sentence?
fn dot_ends_sentence(para: &str, i: usize) -> bool {
    let after = para[i + 1..].chars().next();
    if let Some(a) = after
        && (a.is_ascii_alphanumeric() || crate::text::tokenize::is_digit(a))
    {
        return false;
    }
    // the letters of the word before the dot (marks and tatweel skipped), at most 6
    let before = &para[..i];
    let mut letters = 0usize;
    let mut word = String::new();
    for c in before.chars().rev() {
        if crate::text::tokenize::is_word_char(c) {
            letters += 1;
            if letters > 6 {
                return true;
            }
            word.insert(0, c);
        } else if !(unicode_normalization::char::is_combining_mark(c) || c == '\u{0640}') {
            break;
        }
    }
    if letters == 1 && !word.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    if word.is_ascii() && LATIN_ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str()) {
        return false;
    }
    true
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

/// The `auto` heading rule for a line that is not the title: at most 12 words and 100
/// characters; no sentence-final punctuation or `:` `،` at its end and no sentence end
/// inside; does not start with a list or dialogue dash; and the next non-blank line is a
/// longer paragraph (more words, or ends with sentence punctuation) — so runs of short
/// lines such as verse are not headings.
pub fn is_auto_heading(line: &str, next: Option<&str>) -> bool {
    // 100 characters are at most 400 bytes: longer lines are never headings
    if line.len() > 400 {
        return false;
    }
    let words = line.split_whitespace().count();
    if words == 0 || words > 12 || line.chars().count() > 100 {
        return false;
    }
    let t = line.trim_end();
    let last = t.chars().last();
    if matches!(last, Some(c) if is_sentence_end_mark(c) || matches!(c, ':' | '،' | ',' | '؛' | ';' | '-' | '–'))
    {
        return false;
    }
    if t.starts_with(['-', '–', '—', '•', '*']) || has_inner_sentence_end(t) {
        return false;
    }
    let Some(next) = next else { return false };
    let next_words = next.split_whitespace().count();
    let next_last = next.trim_end().chars().last();
    next_words > words.max(12)
        || matches!(next_last, Some(c) if is_sentence_end_mark(c) && next_words > words)
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

/// Parses `text` into its [`Structure`].
pub fn parse(text: &str, opts: &StructureOptions) -> Structure {
    let mut nonblank: Vec<(usize, Range<usize>)> = Vec::new();
    for (no, span) in lines(text) {
        let t = trim_span(text, span);
        if !t.is_empty() {
            nonblank.push((no, t));
        }
    }
    let para = |no: usize, span: Range<usize>| {
        let mut sentences = Vec::new();
        split_sentences(text, span.clone(), &mut sentences);
        Paragraph { span, line: no, sentences }
    };
    let mut out = Structure::default();
    let mut rest = &nonblank[..];
    if !opts.has_title_field
        && nonblank.len() > 1
        && markdown_heading(text, nonblank[0].1.clone()).is_none()
        && looks_like_headline(&text[nonblank[0].1.clone()])
    {
        out.title = Some(para(nonblank[0].0, nonblank[0].1.clone()));
        rest = &nonblank[1..];
    } else if !opts.has_title_field
        && opts.headings != HeadingMode::None
        && let Some(&(no, ref span)) = nonblank.first()
        && let Some(h) = markdown_heading(text, span.clone())
    {
        // a Markdown document starting with "# Title"
        out.title = Some(para(no, h));
        rest = &nonblank[1..];
    }
    let mut current = Section { heading: None, paragraphs: Vec::new() };
    for (k, (no, span)) in rest.iter().enumerate() {
        let heading = match opts.headings {
            HeadingMode::None => None,
            HeadingMode::Markdown => markdown_heading(text, span.clone()),
            HeadingMode::Auto => markdown_heading(text, span.clone()).or_else(|| {
                let next = rest.get(k + 1).map(|(_, s)| &text[s.clone()]);
                is_auto_heading(&text[span.clone()], next).then(|| span.clone())
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
        assert_eq!(sents("ولد عام 1950 م. في القاهرة."), ["ولد عام 1950 م. في القاهرة."]);
        assert_eq!(sents("زار موقع bbc.com أمس. وعاد."), ["زار موقع bbc.com أمس.", "وعاد."]);
        assert_eq!(sents("Dr. Smith left."), ["Dr. Smith left."]);
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
}
