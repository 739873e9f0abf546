//! Tokenisation: finding word, number, URL, e-mail and handle tokens in original text.
//!
//! Rules (all documented in the README):
//!
//! * Text is first cut into *chunks* at Unicode `White_Space` and at U+200B ZERO WIDTH SPACE.
//!   A chunk that is a URL (`scheme://…` or `www.…`), an e-mail address (`local@domain.tld`)
//!   or a handle (`@name`), once leading opening and trailing closing punctuation are
//!   trimmed, is one token of that kind. These are never words and never searched for
//!   lexicon entries.
//! * Other chunks are scanned for *runs*: a word is a run of letters of one script (Arabic,
//!   Latin, or any other); a number is a run of digits (ASCII, Arabic-Indic U+0660–U+0669,
//!   Persian U+06F0–U+06F9 or any other decimal digits) with `.`, `,`, U+066B or U+066C
//!   inside it only when a digit follows (`,` only before exactly three digits).
//! * Combining marks, tatweel and invisible format controls (see
//!   [`normalize::is_format_control`](super::normalize::is_format_control)) continue the
//!   current run without splitting it; they are never a token by themselves.
//! * A change of script, or between letters and digits, ends a run. When an Arabic run
//!   that ends this way is only a proclitic chain (و ف ب ك ل ال لل and their combinations,
//!   e.g. `بـ2025`, `الـBBC`), it is dropped: it is not a word of its own.
//! * Anything else (punctuation such as ، ؛ ؟ « » # _ and Latin punctuation, symbols)
//!   separates tokens.
//!
//! Token spans are byte offsets into the text given plus a base offset, always on `char`
//! boundaries, and `text[start..end]` starts and ends with a letter, digit or mark.

use super::clitics::is_proclitic_chain;
use super::normalize::{CharOp, CharTable, is_format_control};
use serde::Serialize;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A run of letters of one script.
    Word,
    /// A run of digits, with decimal/thousands separators inside.
    Number,
    /// A web address (`https://…`, `www.…`).
    Url,
    /// An e-mail address.
    Email,
    /// A social-media handle (`@name`).
    Handle,
}

impl TokenKind {
    /// True for the kinds counted as terms: words and numbers.
    pub fn is_term(self) -> bool {
        matches!(self, TokenKind::Word | TokenKind::Number)
    }
}

/// A token found in original text, before normalisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawToken {
    /// Its kind.
    pub kind: TokenKind,
    /// Start byte offset (inclusive) in the original text.
    pub start: usize,
    /// End byte offset (exclusive) in the original text.
    pub end: usize,
}

/// Is `c` a word or token separator? Unicode `White_Space` and U+200B.
#[inline]
pub fn is_separator_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}'
}

/// Character classes the scanner distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter(Script),
    Digit,
    /// Marks, tatweel, format controls: continue the current run.
    Joiner,
    Other,
}

/// Script classes that split words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Arabic,
    Latin,
    Other(unicode_script::Script),
}

#[inline]
fn is_arabic_letter_range(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Is `c` a decimal digit of any script? ASCII, Arabic-Indic U+0660–U+0669, Persian
/// U+06F0–U+06F9, and other numeric characters except superscripts, subscripts, fractions,
/// Roman numerals and circled or enclosed numbers (U+00B2–U+00BE, U+2070–U+218F,
/// U+2460–U+24FF, U+2776–U+2793), which are symbols, not digits of a number.
#[inline]
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
        || (!c.is_ascii()
            && !matches!(c, '\u{00B2}'..='\u{00BE}' | '\u{2070}'..='\u{218F}' | '\u{2460}'..='\u{24FF}' | '\u{2776}'..='\u{2793}')
            && c.is_numeric()
            && !c.is_alphabetic())
}

/// Is `c` a letter or digit (a character that makes a word or a number)? Fast for ASCII
/// and the Arabic block.
#[inline]
pub fn is_word_char(c: char) -> bool {
    matches!(classify(c), Class::Letter(_) | Class::Digit)
}

/// Class of a character of the Arabic block U+0600–U+06FF, by range. Equal to the general
/// classification below for every code point of the block (checked by a unit test); this
/// only avoids the slow Unicode table look-ups on the hot path.
#[inline]
const fn arabic_block_class(c: u32) -> Class {
    match c {
        0x0610..=0x061A
        | 0x061C
        | 0x0640
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06DC
        | 0x06DF..=0x06E4
        | 0x06E7
        | 0x06E8
        | 0x06EA..=0x06ED => Class::Joiner,
        0x0620..=0x063F
        | 0x0641..=0x064A
        | 0x066E
        | 0x066F
        | 0x0671..=0x06D3
        | 0x06D5
        | 0x06E5
        | 0x06E6
        | 0x06EE
        | 0x06EF
        | 0x06FA..=0x06FC
        | 0x06FF => Class::Letter(Script::Arabic),
        0x0660..=0x0669 | 0x06F0..=0x06F9 => Class::Digit,
        _ => Class::Other,
    }
}

#[inline]
fn classify(c: char) -> Class {
    if ('\u{0600}'..='\u{06FF}').contains(&c) {
        return arabic_block_class(c as u32);
    }
    classify_general(c)
}

#[inline]
fn classify_general(c: char) -> Class {
    // Latin-1 punctuation and symbols (« » no-break space, ¹ ² ³ ¼ ½ ¾…) are frequent in
    // Arabic news; only ª µ º are letters there.
    if ('\u{0080}'..='\u{00BF}').contains(&c) {
        return if matches!(c, 'ª' | 'µ' | 'º') {
            Class::Letter(Script::Latin)
        } else if c == '\u{00AD}' {
            Class::Joiner
        } else {
            Class::Other
        };
    }
    if c.is_ascii() {
        return if c.is_ascii_alphabetic() {
            Class::Letter(Script::Latin)
        } else if c.is_ascii_digit() {
            Class::Digit
        } else {
            Class::Other
        };
    }
    if c == '\u{0640}' || is_format_control(c) || unicode_normalization::char::is_combining_mark(c)
    {
        return Class::Joiner;
    }
    if is_digit(c) {
        return Class::Digit;
    }
    if c.is_alphabetic() {
        if is_arabic_letter_range(c) {
            return Class::Letter(Script::Arabic);
        }
        use unicode_script::UnicodeScript;
        return match c.script() {
            unicode_script::Script::Latin => Class::Letter(Script::Latin),
            unicode_script::Script::Arabic => Class::Letter(Script::Arabic),
            s => Class::Letter(Script::Other(s)),
        };
    }
    Class::Other
}

const OPENING: &[char] = &['(', '[', '{', '«', '"', '\'', '“', '‘', '<', '‹'];
const CLOSING: &[char] = &[
    '.', ',', ';', ':', '!', '?', ')', ']', '}', '»', '"', '\'', '”', '’', '>', '›', '،', '؛', '؟',
    '…', '۔',
];

/// Finds the tokens of `text` and calls `emit` for each, in order. `base` is added to every
/// offset (pass the offset of `text` in the document when tokenising a slice of it).
pub fn tokenize(text: &str, base: usize, emit: &mut impl FnMut(RawToken)) {
    let mut buf = String::new();
    scan(text, base, None, &mut buf, &mut |t, _, _| emit(t));
}

/// The normalised form of a word or number token built by [`scan`] while scanning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanNorm {
    /// The buffer holds the token's normalised form (before the removal of `,` in numbers).
    Ready,
    /// The token has characters whose normalisation depends on context: normalise
    /// `text[start..end]` with [`Normalizer::normalize_into`](super::normalize::Normalizer::normalize_into).
    Slow,
}

/// What the scanner knows about one character.
#[derive(Debug, Clone, Copy)]
struct CharInfo {
    class: Class,
    /// Is it a format control (a joiner that does not extend a token's span)?
    control: bool,
}

/// Classes of ASCII characters.
const fn ascii_class(b: u8) -> Class {
    if b.is_ascii_alphabetic() {
        Class::Letter(Script::Latin)
    } else if b.is_ascii_digit() {
        Class::Digit
    } else {
        Class::Other
    }
}

const ASCII_CLASS: [Class; 128] = {
    let mut t = [Class::Other; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = ascii_class(i as u8);
        i += 1;
    }
    t
};

/// Arabic letters of U+0600–U+06FF (the fast path of [`scan_runs_fused`]).
const ARABIC_PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = matches!(arabic_block_class(0x0600 + i as u32), Class::Letter(Script::Arabic));
        i += 1;
    }
    t
};

const ARABIC_CLASS: [Class; 256] = {
    let mut t = [Class::Other; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = arabic_block_class(0x0600 + i as u32);
        i += 1;
    }
    t
};

/// Is the ASCII byte `b` White_Space (tab, LF, VT, FF, CR, space)?
#[inline]
const fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// The character starting at byte `i` of `text` (a char boundary), with its length.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    match text.get(i..).and_then(|t| t.chars().next()) {
        Some(c) => (c, c.len_utf8()),
        None => ('\u{FFFD}', 1),
    }
}

/// Finds the chunk ending at the next separator from byte `s`: returns (end of the chunk,
/// start of the next chunk or `text.len()`, whether the chunk contains `:` or `@`).
#[inline]
fn chunk_end(text: &str, s: usize) -> (usize, usize, bool) {
    let b = text.as_bytes();
    let mut i = s;
    let mut special = false;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if is_ascii_space(c) {
                return (i, i + 1, special);
            }
            special |= c == b':' || c == b'@';
            i += 1;
        } else if (0xD8..=0xDB).contains(&c) {
            // U+0600–U+06FF: never a separator
            i += 2;
        } else {
            let (ch, n) = char_at(text, i);
            if is_separator_space(ch) {
                return (i, i + n, special);
            }
            i += n;
        }
    }
    (b.len(), b.len(), special)
}

/// Finds the tokens of `text` like [`tokenize`] and, when `table` is given, builds each word
/// and number token's normalised form in `buf` during the same scan. `emit` gets the token,
/// whether `buf` holds its normalised form, and `buf` (which it may change).
pub fn scan(
    text: &str,
    base: usize,
    table: Option<&CharTable>,
    buf: &mut String,
    emit: &mut impl FnMut(RawToken, ScanNorm, &mut String),
) {
    let b = text.as_bytes();
    // Every URL, e-mail and handle contains ':', '@' or "www.": without any of these
    // bytes no chunk is special, and the runs can be scanned across chunk boundaries (a
    // separator is an `Other` character, which ends a run, exactly as a chunk end does).
    if memchr::memchr3(b':', b'@', b'w', b).is_none() && memchr::memchr(b'W', b).is_none() {
        scan_runs_fused(text, 0, b.len(), base, table, buf, emit);
        return;
    }
    let mut i = 0;
    while i < b.len() {
        // skip separators
        let c = b[i];
        if c < 0x80 {
            if is_ascii_space(c) {
                i += 1;
                continue;
            }
        } else if !(0xD8..=0xDB).contains(&c) {
            let (ch, n) = char_at(text, i);
            if is_separator_space(ch) {
                i += n;
                continue;
            }
        }
        let (e, next, colon_or_at) = chunk_end(text, i);
        if let Some((cs, ce, kind)) = special_chunk_with(&text[i..e], colon_or_at) {
            emit(RawToken { kind, start: base + i + cs, end: base + i + ce }, ScanNorm::Slow, buf);
        } else {
            scan_runs_fused(text, i, e, base, table, buf, emit);
        }
        i = next;
    }
}

/// The run being built by [`scan_runs_fused`].
#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    /// End of the last content character (marks count, format controls do not).
    end: usize,
    class: Class,
    /// Length of the normalised form up to `end`.
    norm_len: usize,
    slow: bool,
}

/// Scans `text[s..e]` (one chunk) for word and number runs; see [`scan`].
#[allow(clippy::too_many_arguments)]
fn scan_runs_fused(
    text: &str,
    s: usize,
    e: usize,
    base: usize,
    table: Option<&CharTable>,
    buf: &mut String,
    emit: &mut impl FnMut(RawToken, ScanNorm, &mut String),
) {
    let b = text.as_bytes();
    let mut run: Option<Run> = None;
    let mut i = s;
    while i < e {
        // fast path: inside an Arabic word, a stretch of letters that the preset keeps as
        // they are is copied in one go
        if let Some(r) = &mut run
            && r.class == Class::Letter(Script::Arabic)
        {
            let from = i;
            while i + 1 < e {
                let lead = b[i];
                if !(0xD8..=0xDB).contains(&lead) {
                    break;
                }
                let k = ((usize::from(lead & 0x1F) << 6) | usize::from(b[i + 1] & 0x3F)) & 0xFF;
                if !ARABIC_PLAIN[k] || table.is_some_and(|t| !t.arabic_kept(k)) {
                    break;
                }
                i += 2;
            }
            if i > from {
                if table.is_some() {
                    buf.push_str(&text[from..i]);
                }
                r.end = i;
                r.norm_len = buf.len();
                if i >= e {
                    break;
                }
            }
        }
        let lead = b[i];
        // decode and classify: ASCII and the Arabic block by table
        let (info, op, n) = if lead < 0x80 {
            let class = ASCII_CLASS[usize::from(lead)];
            let op = match table {
                Some(t) => t.ascii(lead),
                None => CharOp::Skip,
            };
            (CharInfo { class, control: false }, op, 1)
        } else if (0xD8..=0xDB).contains(&lead) && i + 1 < e {
            let cp = (u32::from(lead & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F);
            let k = cp - 0x0600;
            let class = ARABIC_CLASS[(k & 0xFF) as usize];
            let op = match table {
                Some(t) => t.arabic(k),
                None => CharOp::Skip,
            };
            (CharInfo { class, control: cp == 0x061C }, op, 2)
        } else {
            let (c, n) = char_at(text, i);
            let class = classify(c);
            let op = match table {
                Some(t) => t.op(c),
                None => CharOp::Skip,
            };
            (CharInfo { class, control: is_format_control(c) }, op, n)
        };
        let next_i = i + n;
        match info.class {
            Class::Joiner => {
                if let Some(r) = &mut run {
                    push_op(buf, op, &mut r.slow);
                    // a mark or tatweel is content; a format control is not (so trailing
                    // controls stay outside the span)
                    if !info.control {
                        r.end = next_i;
                        r.norm_len = buf.len();
                    }
                }
            }
            Class::Letter(_) | Class::Digit => match &mut run {
                Some(r) if r.class == info.class => {
                    push_op(buf, op, &mut r.slow);
                    r.end = next_i;
                    r.norm_len = buf.len();
                }
                Some(r) => {
                    // change of script or letters↔digits: glued to the next run
                    let done = *r;
                    finish_fused(text, done, true, base, buf, emit);
                    run = Some(start_run(i, next_i, info.class, op, buf));
                }
                None => run = Some(start_run(i, next_i, info.class, op, buf)),
            },
            Class::Other => {
                if let Some(r) = &mut run
                    && r.class == Class::Digit
                    && lead < 0x80
                    && is_number_separator(lead as char)
                    && digits_follow(&text[next_i..e], lead as char)
                {
                    push_op(buf, op, &mut r.slow);
                    i = next_i;
                    continue;
                }
                if lead >= 0x80
                    && let Some(r) = &mut run
                    && r.class == Class::Digit
                {
                    let (c, _) = char_at(text, i);
                    if is_number_separator(c) && digits_follow(&text[next_i..e], c) {
                        push_op(buf, op, &mut r.slow);
                        i = next_i;
                        continue;
                    }
                }
                if let Some(r) = run.take() {
                    finish_fused(text, r, false, base, buf, emit);
                }
            }
        }
        i = next_i;
    }
    if let Some(r) = run {
        finish_fused(text, r, false, base, buf, emit);
    }
}

#[inline]
fn push_op(buf: &mut String, op: CharOp, slow: &mut bool) {
    match op {
        CharOp::Skip => {}
        CharOp::Char(c) => buf.push(c),
        CharOp::Slow => *slow = true,
    }
}

#[inline]
fn start_run(i: usize, next_i: usize, class: Class, op: CharOp, buf: &mut String) -> Run {
    buf.clear();
    let mut slow = false;
    push_op(buf, op, &mut slow);
    Run { start: i, end: next_i, class, norm_len: buf.len(), slow }
}

/// Emits the run unless it is an Arabic proclitic chain cut off by a change of script
/// (`glued`).
fn finish_fused(
    text: &str,
    r: Run,
    glued: bool,
    base: usize,
    buf: &mut String,
    emit: &mut impl FnMut(RawToken, ScanNorm, &mut String),
) {
    let kind = match r.class {
        Class::Digit => TokenKind::Number,
        Class::Letter(_) => TokenKind::Word,
        _ => return,
    };
    if glued
        && r.class == Class::Letter(Script::Arabic)
        && is_glued_proclitic(&text[r.start..r.end])
    {
        return;
    }
    buf.truncate(r.norm_len);
    let norm = if r.slow { ScanNorm::Slow } else { ScanNorm::Ready };
    emit(RawToken { kind, start: base + r.start, end: base + r.end }, norm, buf);
}

/// Is the raw Arabic run `raw` only a proclitic chain? Composes first (و + U+0654 is ؤ,
/// not the conjunction), then drops marks and tatweel.
fn is_glued_proclitic(raw: &str) -> bool {
    let letters: String = unicode_normalization::UnicodeNormalization::nfc(raw.chars())
        .filter(|&c| classify(c) != Class::Joiner)
        .collect();
    is_proclitic_chain(&letters)
}

/// If the whitespace-free `chunk` is a URL, e-mail address or handle once leading opening
/// and trailing closing punctuation are trimmed, returns the byte span of that core within
/// `chunk` and its kind. The sentence splitter uses this too, so that `?`, `!` and `.`
/// inside a URL never end a sentence.
pub fn special_chunk(chunk: &str) -> Option<(usize, usize, TokenKind)> {
    let b = chunk.as_bytes();
    special_chunk_with(chunk, b.contains(&b':') || b.contains(&b'@'))
}

/// [`special_chunk`] when the caller already knows whether `chunk` contains `:` or `@`.
#[inline]
fn special_chunk_with(chunk: &str, colon_or_at: bool) -> Option<(usize, usize, TokenKind)> {
    // every URL, e-mail and handle has ':' or '@', or starts with "www." (after opening
    // punctuation): a cheap test before any trimming
    let b = chunk.as_bytes();
    let www = |i: usize| b.len() > i + 4 && b[i..i + 4].eq_ignore_ascii_case(b"www.");
    if !(colon_or_at
        || www(0)
        || (b.len() > 5
            && starts_with_opening(b)
            && chunk
                .trim_start_matches(OPENING)
                .as_bytes()
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"www."))))
    {
        return None;
    }
    let trimmed_start = chunk.trim_start_matches(OPENING);
    let core = trimmed_start.trim_end_matches(CLOSING);
    let cs = chunk.len() - trimmed_start.len();
    special_kind(core).map(|k| (cs, cs + core.len(), k))
}

/// Does `b` start with one of [`OPENING`]? (Bytes: `( [ { " ' <`, « C2 AB, “ E2 80 9C,
/// ‘ E2 80 98, ‹ E2 80 B9.)
#[inline]
fn starts_with_opening(b: &[u8]) -> bool {
    matches!(
        b,
        [b'(' | b'[' | b'{' | b'"' | b'\'' | b'<', ..]
            | [0xC2, 0xAB, ..]
            | [0xE2, 0x80, 0x9C | 0x98 | 0xB9, ..]
    )
}

/// Classifies a chunk as URL, e-mail or handle.
fn special_kind(core: &str) -> Option<TokenKind> {
    if core.len() < 4 {
        return None;
    }
    let has_scheme = core.find("://").is_some_and(|p| {
        p > 0 && core[..p].chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    let www = core.len() > 4 && core.as_bytes()[..4].eq_ignore_ascii_case(b"www.");
    if has_scheme || www {
        return Some(TokenKind::Url);
    }
    if let Some(at) = core.find('@') {
        if at == 0 {
            let rest = &core[1..];
            if !rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || classify(c) == Class::Joiner)
            {
                return Some(TokenKind::Handle);
            }
            return None;
        }
        let (local, domain) = (&core[..at], &core[at + 1..]);
        if !domain.contains('@')
            && local.chars().all(|c| c.is_alphanumeric() || "._%+-".contains(c))
            && domain.split('.').count() >= 2
            && domain
                .split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '-'))
        {
            return Some(TokenKind::Email);
        }
    }
    None
}

#[inline]
fn is_number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '\u{066B}' | '\u{066C}')
}

/// After a separator `sep` inside a number: does a digit follow (skipping format controls)?
/// For `,` exactly three digits must follow, then a non-digit.
fn digits_follow(rest: &str, sep: char) -> bool {
    let mut digits = 0;
    for c in rest.chars() {
        if is_format_control(c) {
            continue;
        }
        if is_digit(c) {
            digits += 1;
            if sep != ',' {
                return true;
            }
        } else {
            break;
        }
    }
    if sep == ',' { digits == 3 } else { digits > 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer before the fused byte-level scan, kept as the reference.
    mod reference {
        use super::super::*;
        /// Finds the tokens of `text` and calls `emit` for each, in order. `base` is added to every
        /// offset (pass the offset of `text` in the document when tokenising a slice of it).
        pub fn tokenize(text: &str, base: usize, emit: &mut impl FnMut(RawToken)) {
            let mut chunk_start = None;
            for (i, c) in text.char_indices() {
                if is_separator_space(c) {
                    if let Some(s) = chunk_start.take() {
                        chunk(text, s, i, base, emit);
                    }
                } else if chunk_start.is_none() {
                    chunk_start = Some(i);
                }
            }
            if let Some(s) = chunk_start {
                chunk(text, s, text.len(), base, emit);
            }
        }

        /// Handles one whitespace-delimited chunk `text[s..e]`.
        fn chunk(text: &str, s: usize, e: usize, base: usize, emit: &mut impl FnMut(RawToken)) {
            if let Some((cs, ce, kind)) = special_chunk_ref(&text[s..e]) {
                emit(RawToken { kind, start: base + s + cs, end: base + s + ce });
                return;
            }
            scan_runs(text, s, e, base, emit);
        }

        /// If the whitespace-free `chunk` is a URL, e-mail address or handle once leading opening
        /// and trailing closing punctuation are trimmed, returns the byte span of that core within
        /// `chunk` and its kind. The sentence splitter uses this too, so that `?`, `!` and `.`
        /// inside a URL never end a sentence.
        pub fn special_chunk_ref(chunk: &str) -> Option<(usize, usize, TokenKind)> {
            // every URL, e-mail and handle has ':' or '@', or starts with "www." (after opening
            // punctuation): a cheap test before any trimming
            let b = chunk.as_bytes();
            let www = |i: usize| b.len() > i + 4 && b[i..i + 4].eq_ignore_ascii_case(b"www.");
            if !(b.contains(&b':')
                || b.contains(&b'@')
                || www(0)
                || (b.len() > 5
                    && !b[0].is_ascii_alphanumeric()
                    && chunk
                        .trim_start_matches(OPENING)
                        .as_bytes()
                        .get(..4)
                        .is_some_and(|p| p.eq_ignore_ascii_case(b"www."))))
            {
                return None;
            }
            let trimmed_start = chunk.trim_start_matches(OPENING);
            let core = trimmed_start.trim_end_matches(CLOSING);
            let cs = chunk.len() - trimmed_start.len();
            special_kind(core).map(|k| (cs, cs + core.len(), k))
        }

        /// Scans `text[s..e]` for word and number runs.
        fn scan_runs(text: &str, s: usize, e: usize, base: usize, emit: &mut impl FnMut(RawToken)) {
            // The run being built: (start, end of last content char, class of the run).
            let mut run: Option<(usize, usize, Class)> = None;
            let piece = &text[s..e];
            let mut iter = piece.char_indices().peekable();
            while let Some((off, c)) = iter.next() {
                let i = s + off;
                let next_i = i + c.len_utf8();
                let class = classify(c);
                match class {
                    Class::Joiner => {
                        if let Some((_, end, _)) = &mut run {
                            // a mark or tatweel is content; a format control is not (so trailing
                            // controls stay outside the span)
                            if !is_format_control(c) {
                                *end = next_i;
                            }
                        }
                    }
                    Class::Letter(_) | Class::Digit => match run {
                        Some((_, _, rc)) if rc == class => {
                            if let Some(r) = &mut run {
                                r.1 = next_i;
                            }
                        }
                        Some((rs, re, rc)) => {
                            // change of script or letters↔digits: glued to the next run
                            finish(text, rs, re, rc, true, base, emit);
                            run = Some((i, next_i, class));
                        }
                        None => run = Some((i, next_i, class)),
                    },
                    Class::Other => {
                        if let Some((rs, re, Class::Digit)) = run
                            && is_number_separator(c)
                            && digits_follow(&text[next_i..e], c)
                        {
                            let _ = (rs, re);
                            continue;
                        }
                        if let Some((rs, re, rc)) = run.take() {
                            finish(text, rs, re, rc, false, base, emit);
                        }
                    }
                }
                let _ = iter.peek();
            }
            if let Some((rs, re, rc)) = run {
                finish(text, rs, re, rc, false, base, emit);
            }
        }

        /// Emits the run `text[rs..re]` unless it is an Arabic proclitic chain cut off by a change
        /// of script (`glued`).
        fn finish(
            text: &str,
            rs: usize,
            re: usize,
            class: Class,
            glued: bool,
            base: usize,
            emit: &mut impl FnMut(RawToken),
        ) {
            let kind = match class {
                Class::Digit => TokenKind::Number,
                Class::Letter(_) => TokenKind::Word,
                _ => return,
            };
            if glued && class == Class::Letter(Script::Arabic) {
                // compose first (و + U+0654 is ؤ, not the conjunction), then drop marks and tatweel
                let letters: String =
                    unicode_normalization::UnicodeNormalization::nfc(text[rs..re].chars())
                        .filter(|&c| classify(c) != Class::Joiner)
                        .collect();
                if is_proclitic_chain(&letters) {
                    return;
                }
            }
            emit(RawToken { kind, start: base + rs, end: base + re });
        }
    }

    use crate::text::normalize::{Normalizer, Preset};
    use proptest::prelude::*;

    /// Text with everything that makes tokenising and normalising hard.
    fn hard_text() -> impl Strategy<Value = String> {
        let pool: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئىة ،؛؟.!ـًٌٍَُِّْٰٕٓٔ٠١٢٫٬۱۲کیۃہ۔\u{200C}\u{200D}\u{200E}\u{200F}\u{061C}\u{202A}\u{2067}\u{FEFF}\u{200B}ﻻﷲﻣﺪﺭﺳﺔﹷAbCwW9:/@#_-,.()«»\"'\n\r\t\u{00A0}\u{2003}\u{3000}éÉß\u{0301}ж١\u{0966}"
            .chars()
            .collect();
        proptest::collection::vec(proptest::sample::select(pool), 0..60)
            .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn fused_scan_matches_reference_tokenizer_and_normalizer(s in hard_text()) {
            let mut want = Vec::new();
            reference::tokenize(&s, 3, &mut |t| want.push(t));
            let mut got = Vec::new();
            tokenize(&s, 3, &mut |t| got.push(t));
            prop_assert_eq!(&got, &want);
            for preset in [Preset::None, Preset::Standard, Preset::Search] {
                let table = CharTable::new(preset);
                let n = Normalizer::new(preset);
                let mut buf = String::new();
                let mut got = Vec::new();
                scan(&s, 3, Some(&table), &mut buf, &mut |t, state, buf| {
                    let norm = match (t.kind, state) {
                        (TokenKind::Word | TokenKind::Number, ScanNorm::Ready) => Some(buf.clone()),
                        _ => None,
                    };
                    got.push((t, norm));
                });
                prop_assert_eq!(got.len(), want.len());
                for (t, norm) in got {
                    if let Some(norm) = norm {
                        prop_assert_eq!(norm, n.normalize(&s[t.start - 3..t.end - 3]), "{:?}", preset);
                    }
                }
            }
        }
    }

    #[test]
    fn opening_bytes_match_opening_chars() {
        for c in OPENING {
            assert!(starts_with_opening(c.to_string().as_bytes()), "{c}");
        }
        for cp in 0u32..0x3000 {
            let Some(c) = char::from_u32(cp) else { continue };
            let s = format!("{c}x");
            assert_eq!(starts_with_opening(s.as_bytes()), s.starts_with(OPENING), "U+{cp:04X}");
        }
    }

    /// Text without `:` `@` `w` `W`, which takes [`scan`]'s whole-text path.
    fn plain_text() -> impl Strategy<Value = String> {
        let pool: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئىة ،؛؟.!ـًٌٍَُِّْٰٕٓٔ٠١٢٫٬۱۲کیۃہ۔\u{200C}\u{200D}\u{200E}\u{200F}\u{061C}\u{202A}\u{2067}\u{FEFF}\u{200B}ﻻﷲﻣﺪﺭﺳﺔﹷAbC9/#_-,.()«»\"'\n\r\t\u{00A0}\u{2003}\u{3000}\u{0085}\u{1680}\u{2028}\u{202F}éÉß\u{0301}ж١\u{0966}"
            .chars()
            .collect();
        proptest::collection::vec(proptest::sample::select(pool), 0..60)
            .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn whole_text_path_matches_reference(s in plain_text()) {
            let mut want = Vec::new();
            reference::tokenize(&s, 3, &mut |t| want.push(t));
            let mut got = Vec::new();
            tokenize(&s, 3, &mut |t| got.push(t));
            prop_assert_eq!(&got, &want);
            let table = CharTable::new(Preset::Standard);
            let n = Normalizer::new(Preset::Standard);
            let mut buf = String::new();
            let mut norms = Vec::new();
            scan(&s, 3, Some(&table), &mut buf, &mut |t, state, buf| {
                if state == ScanNorm::Ready {
                    norms.push((buf.clone(), n.normalize(&s[t.start - 3..t.end - 3])));
                }
            });
            for (got, want) in norms {
                prop_assert_eq!(got, want);
            }
        }
    }

    #[test]
    fn separators_are_other_characters() {
        // the whole-text path of `scan` relies on this
        for cp in 0u32..=0x10FFFF {
            let Some(c) = char::from_u32(cp) else { continue };
            if is_separator_space(c) {
                assert_eq!(classify(c), Class::Other, "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn separators_match_unicode_white_space() {
        for cp in 0u32..0x3100 {
            let Some(c) = char::from_u32(cp) else { continue };
            let s = format!("a{c}b");
            let mut got = Vec::new();
            tokenize(&s, 0, &mut |t| got.push(t));
            let mut want = Vec::new();
            reference::tokenize(&s, 0, &mut |t| want.push(t));
            assert_eq!(got, want, "U+{cp:04X}");
        }
    }

    fn toks(s: &str) -> Vec<(TokenKind, &str)> {
        let mut v = Vec::new();
        tokenize(s, 0, &mut |t| v.push(t));
        v.into_iter().map(|t| (t.kind, &s[t.start..t.end])).collect()
    }

    fn words(s: &str) -> Vec<&str> {
        toks(s).into_iter().map(|(_, w)| w).collect()
    }

    #[test]
    fn arabic_block_table_matches_unicode_properties() {
        for cp in 0x0600u32..=0x06FF {
            let c = char::from_u32(cp).unwrap_or(' ');
            assert_eq!(arabic_block_class(cp), classify_general(c), "U+{cp:04X}");
        }
    }

    #[test]
    fn arabic_punctuation_separates() {
        assert_eq!(words("مصر، تونس؛ ليبيا؟ «الجزائر»"), ["مصر", "تونس", "ليبيا", "الجزائر"]);
    }

    #[test]
    fn marks_and_tatweel_stay_inside() {
        assert_eq!(words("كَتَبَ الطَّالِبُ جمـــيل"), ["كَتَبَ", "الطَّالِبُ", "جمـــيل"]);
    }

    #[test]
    fn controls_do_not_split_and_stay_outside_spans() {
        assert_eq!(words("\u{200F}مصر مصر\u{200F} م\u{200D}صر"), ["مصر", "مصر", "م\u{200D}صر"]);
        assert_eq!(toks("12\u{202A}.5"), [(TokenKind::Number, "12\u{202A}.5")]);
    }

    #[test]
    fn zero_width_space_splits() {
        assert_eq!(words("مصر\u{200B}تونس"), ["مصر", "تونس"]);
    }

    #[test]
    fn numbers_with_separators() {
        assert_eq!(
            words("٣٫٥٪ و١٢٬٥٠٠ و12,500 و1,5 و3.5."),
            ["٣٫٥", "١٢٬٥٠٠", "12,500", "1", "5", "3.5"]
        );
    }

    #[test]
    fn script_change_splits_and_drops_lone_proclitic() {
        assert_eq!(toks("بـ2025"), [(TokenKind::Number, "2025")]);
        assert_eq!(words("الـBBC"), ["BBC"]);
        assert_eq!(words("وبالـCNN"), ["CNN"]);
        // not a proclitic: kept
        assert_eq!(words("مصرBBC"), ["مصر", "BBC"]);
        // separated by a space: not glued, kept
        assert_eq!(words("ب 2025"), ["ب", "2025"]);
    }

    #[test]
    fn urls_emails_handles() {
        let t =
            toks("#مصر_تنتصر https://example.com/مصر?x=1 info@example.org (www.bbc.com) @user_1");
        assert_eq!(
            t,
            [
                (TokenKind::Word, "مصر"),
                (TokenKind::Word, "تنتصر"),
                (TokenKind::Url, "https://example.com/مصر?x=1"),
                (TokenKind::Email, "info@example.org"),
                (TokenKind::Url, "www.bbc.com"),
                (TokenKind::Handle, "@user_1"),
            ]
        );
    }

    #[test]
    fn sentence_dots_are_not_urls() {
        assert_eq!(words("مصر.تونس"), ["مصر", "تونس"]);
        assert_eq!(words("a.b"), ["a", "b"]);
    }
}
