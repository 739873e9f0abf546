//! Key word in context (`tahlil kwic`): every occurrence of a query, with the text around
//! it, traceable to the exact bytes of the document.
//!
//! A [`Query`] is one or more alternatives separated by `|`:
//!
//! * a **lexicon id** (`country:IRN`, `theme:drug-trafficking`): the entry's mentions as the
//!   lexicon matcher finds them (clitics, spelling variants, phrases, context rules), the
//!   same mentions `tahlil mentions` lists;
//! * a **term**, a **phrase** or a **glob** (`الهند`, `آسيا الوسطى`, `إرهاب*`): written in
//!   the lexicons' pattern language and matched by the same matcher, on normalised forms,
//!   with proclitics: a term matches a token equal to it after normalisation, or, when the
//!   token itself matches nothing, a token whose proclitics (و ف ب ك ل, their combinations,
//!   the article ال and لل) can be split off to leave it (`الهند` finds `والهند`, `بالهند`,
//!   `للهند`; `كتاب` finds `الكتاب`). Only the first word of a phrase may carry
//!   proclitics; a trailing `*` makes a word a prefix glob (at least 3 letters).
//!
//! `--near Q2 --window N` keeps a hit only when a match of Q2 lies within N tokens of it, in
//! the same sentence, on either side, not overlapping it.
//!
//! Each [`Hit`] has its document, sentence, byte span (`keyword` is exactly
//! `text[start..end]`), and its left and right context: `N` tokens (the text from the start
//! of the N-th token before to the end of the N-th token after, within the document) or `N`
//! characters, with runs of white space shown as one space.
//!
//! The partial result is the hits (or a sample of them: the `N` with the smallest keyed
//! hash of (seed, document key, start), [`crate::select::sample`]), so merges are exact and
//! the output is the same for any thread count; the hits are sorted by the requested
//! context words (`L1`, `R2`…, compared by normalised form, code-point order), then by
//! corpus order (document key, start byte).

use super::{Analysis, AnalyzedDoc, DocKey, Needs, TokenRange};
use crate::lexicon::{EntryId, Lexicon, MatchMemo, Matcher, Mention};
use crate::select::BottomK;
use crate::text::Normalizer;
use serde::Serialize;
use std::cmp::Ordering;

/// A compiled query: the lexicon entries it names and a matcher for its terms.
#[derive(Debug)]
pub struct Query {
    /// The query as written.
    pub source: String,
    /// Lexicon entries named by id (their mentions in the documents are hits).
    pub entries: Vec<EntryId>,
    /// The terms, phrases and globs, compiled into a matcher of one entry (`None` when the
    /// query names only lexicon ids).
    terms: Option<Matcher>,
}

/// Errors in a query.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// Empty query, or an empty alternative.
    #[error("{option}: empty query")]
    Empty {
        /// The option (`--query`, `--near`, `--node`).
        option: String,
    },
    /// A tab or line break in the query.
    #[error("{option}: a query cannot contain a tab or a line break")]
    BadChar {
        /// The option.
        option: String,
    },
    /// A lexicon id that no lexicon defines.
    #[error("{option} {id:?}: no such entry in the lexicons (see `tahlil lexicon list`)")]
    UnknownId {
        /// The option.
        option: String,
        /// The id.
        id: String,
    },
    /// A term the pattern language rejects.
    #[error("{option} {query:?}: {message}")]
    Pattern {
        /// The option.
        option: String,
        /// The query.
        query: String,
        /// Why.
        message: String,
    },
}

/// True when `alt` is written like a lexicon id: ASCII `kind:name` without spaces.
fn looks_like_id(alt: &str) -> bool {
    match alt.split_once(':') {
        Some((kind, name)) => {
            !kind.is_empty()
                && !name.is_empty()
                && kind.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                && name.bytes().all(|b| b.is_ascii_graphic() && b != b'|')
        }
        None => false,
    }
}

impl Query {
    /// Compiles `source` (given with option `option`, for messages). Alternatives are
    /// separated by `|`; an alternative written `kind:name` (ASCII, no spaces) is a lexicon
    /// id looked up in `lexicon`; anything else is a pattern of the lexicon pattern language
    /// (words, phrases, trailing `*` globs), normalised with `normalizer`.
    ///
    /// # Errors
    /// [`QueryError`] for an empty query, a tab or line break, an unknown id (or any id
    /// when `lexicon` is `None`), or a pattern the pattern language rejects.
    pub fn parse(
        source: &str,
        option: &str,
        lexicon: Option<&Lexicon>,
        normalizer: &Normalizer,
    ) -> Result<Query, QueryError> {
        if source.contains(['\t', '\n', '\r']) {
            return Err(QueryError::BadChar { option: option.into() });
        }
        let mut entries = Vec::new();
        let mut patterns = Vec::new();
        for alt in source.split('|').map(str::trim) {
            if alt.is_empty() {
                return Err(QueryError::Empty { option: option.into() });
            }
            if looks_like_id(alt) {
                let id = lexicon.and_then(|l| l.find_id(alt)).ok_or_else(|| {
                    QueryError::UnknownId { option: option.into(), id: alt.into() }
                })?;
                if !entries.contains(&id) {
                    entries.push(id);
                }
            } else {
                patterns.push(alt);
            }
        }
        let terms = if patterns.is_empty() {
            None
        } else {
            let row = format!("query:q\tquery\t\t\t{}", patterns.join("|"));
            let lex =
                Lexicon::parse_tsv(&row, option, normalizer).map_err(|e| QueryError::Pattern {
                    option: option.into(),
                    query: source.into(),
                    message: e.message,
                })?;
            Some(lex.matcher())
        };
        Ok(Query { source: source.to_string(), entries, terms })
    }

    /// True when the query names lexicon entries (the documents need their mentions).
    pub fn needs_mentions(&self) -> bool {
        !self.entries.is_empty()
    }

    /// Appends to `out` the token ranges of `doc` that match, with their sentence index,
    /// sorted by (start, end) and without duplicates. Ambiguous lexicon mentions count only
    /// when `ambiguous` is true.
    pub fn find(
        &self,
        doc: &AnalyzedDoc,
        ambiguous: bool,
        scratch: &mut QueryScratch,
        out: &mut Vec<(usize, TokenRange)>,
    ) {
        let first = out.len();
        for m in &doc.mentions {
            if self.entries.contains(&m.entry) && (ambiguous || !m.ambiguous) {
                out.push((m.sentence, m.tokens));
            }
        }
        if let Some(matcher) = &self.terms {
            let QueryScratch { memo, found, hashes } = scratch;
            for (i, s) in doc.sentences.iter().enumerate() {
                let toks = doc.tokens_of(s);
                if toks.is_empty() {
                    continue;
                }
                let norms: Vec<&str> = toks.iter().map(|t| doc.norm(t)).collect();
                hashes.clear();
                hashes.extend(toks.iter().map(|t| t.norm_hash));
                found.clear();
                matcher.find_memo(&norms, hashes, memo, found);
                for m in found.iter() {
                    let r =
                        TokenRange { start: s.tokens.start + m.start, end: s.tokens.start + m.end };
                    out.push((i, r));
                }
            }
        }
        out[first..].sort_unstable_by_key(|&(s, r)| (r.start, r.end, s));
        let mut kept = first;
        for i in first..out.len() {
            if kept == first || out[kept - 1].1 != out[i].1 {
                out[kept] = out[i];
                kept += 1;
            }
        }
        out.truncate(kept);
    }
}

/// Reusable buffers for [`Query::find`].
#[derive(Debug, Default)]
pub struct QueryScratch {
    memo: MatchMemo,
    found: Vec<Mention>,
    hashes: Vec<u64>,
}

/// The unit of the context width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum ContextUnit {
    /// Tokens (words, numbers, URLs…; punctuation between them is shown).
    #[default]
    Tokens,
    /// Characters (Unicode scalar values; never starting on a combining mark).
    Chars,
}

/// One level of a KWIC sort: the n-th token left (`L1` is the word just before the
/// keyword) or right (`R1` just after) of the keyword, or the keyword itself (`KW`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SortLevel {
    /// The n-th token before the keyword (n ≥ 1).
    Left(usize),
    /// The n-th token after the keyword (n ≥ 1).
    Right(usize),
    /// The keyword's normalised form.
    Keyword,
}

impl std::str::FromStr for SortLevel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let up = s.trim().to_ascii_uppercase();
        if up == "KW" || up == "K" {
            return Ok(SortLevel::Keyword);
        }
        let bad = || format!("bad sort level {s:?}: use L1…L9, R1…R9 or KW");
        let (side, n) = up.split_at(1.min(up.len()));
        let n: usize = n.parse().map_err(|_| bad())?;
        if !(1..=9).contains(&n) {
            return Err(bad());
        }
        match side {
            "L" => Ok(SortLevel::Left(n)),
            "R" => Ok(SortLevel::Right(n)),
            _ => Err(bad()),
        }
    }
}

impl std::fmt::Display for SortLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SortLevel::Left(n) => write!(f, "L{n}"),
            SortLevel::Right(n) => write!(f, "R{n}"),
            SortLevel::Keyword => f.write_str("KW"),
        }
    }
}

/// One concordance line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// The document's global key (input and record), for ordering.
    #[serde(skip)]
    pub key: DocKey,
    /// Document id.
    pub doc: String,
    /// Sentence index in the document, from 0.
    pub sentence: usize,
    /// Byte offset of the keyword's start in the document text.
    pub start: usize,
    /// Byte offset of its end (exclusive).
    pub end: usize,
    /// The context before the keyword (white space runs as one space, trimmed).
    pub left: String,
    /// The keyword: exactly `text[start..end]` of the document.
    pub keyword: String,
    /// The context after the keyword.
    pub right: String,
    /// The normalised forms of the sort levels, in the order asked (missing tokens: "").
    #[serde(skip)]
    pub sort_keys: Vec<Box<str>>,
}

impl Hit {
    /// Corpus order: document key, then start and end byte.
    pub fn corpus_cmp(&self, other: &Hit) -> Ordering {
        self.key.cmp(&other.key).then(self.start.cmp(&other.start)).then(self.end.cmp(&other.end))
    }

    /// The order of the sort keys (code-point order, "" first), then corpus order.
    pub fn sort_cmp(&self, other: &Hit) -> Ordering {
        self.sort_keys.cmp(&other.sort_keys).then_with(|| self.corpus_cmp(other))
    }
}

/// A hit in a sample: ordered by its keyed hash first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sampled {
    /// SipHash of (seed, document input, record, start); see [`crate::select::sample`].
    pub hash: u64,
    /// The hit.
    pub hit: Hit,
}

impl Ord for Sampled {
    fn cmp(&self, other: &Self) -> Ordering {
        self.hash.cmp(&other.hash).then_with(|| self.hit.corpus_cmp(&other.hit))
    }
}

impl PartialOrd for Sampled {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `--sample-hits N --hits-seed S`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleSpec {
    /// Hits kept.
    pub size: usize,
    /// The hash seed.
    pub seed: u64,
}

/// The KWIC analysis.
#[derive(Debug)]
pub struct Kwic {
    /// What to find.
    pub query: Query,
    /// `--near`: keep only hits with a match of this query within `window` tokens.
    pub near: Option<(Query, usize)>,
    /// Context width.
    pub context: usize,
    /// Unit of the context width.
    pub unit: ContextUnit,
    /// Sort levels (empty: corpus order).
    pub sort: Vec<SortLevel>,
    /// Count ambiguous lexicon mentions as hits.
    pub ambiguous: bool,
    /// Keep a reproducible random sample of the hits.
    pub sample: Option<SampleSpec>,
}

/// The partial result: every hit (or the sample), and the number of hits found.
#[derive(Debug, Clone, Default)]
pub struct KwicPartial {
    /// All hits, when not sampling.
    pub hits: Vec<Hit>,
    /// The sample, when sampling.
    pub sample: Option<BottomK<Sampled>>,
    /// Hits found (before sampling).
    pub total: u64,
}

/// The result: the hits in output order and how many were found.
#[derive(Debug, Clone, Default)]
pub struct KwicOutput {
    /// Hits shown, sorted.
    pub hits: Vec<Hit>,
    /// Hits found (equal to `hits.len()` unless sampling).
    pub total: u64,
}

/// Per-thread buffers of [`Kwic`].
#[derive(Debug, Default)]
pub struct KwicScratch {
    query: QueryScratch,
    near: QueryScratch,
    found: Vec<(usize, TokenRange)>,
    near_found: Vec<(usize, TokenRange)>,
}

/// `s` with every run of white space replaced by one space, trimmed.
fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// The byte where the last `n` characters of `text[..end]` start, moved back so as not to
/// start on a combining mark.
fn chars_before(text: &str, end: usize, n: usize) -> usize {
    let head = &text[..end];
    let mut start = head.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    if n == 0 {
        return end;
    }
    while start > 0 && head[start..].chars().next().is_some_and(is_mark) {
        start = head[..start].char_indices().next_back().map_or(0, |(i, _)| i);
    }
    start
}

/// The byte where the first `n` characters of `text[start..]` end, moved on past combining
/// marks.
fn chars_after(text: &str, start: usize, n: usize) -> usize {
    let tail = &text[start..];
    let mut it = tail.char_indices().skip(n);
    loop {
        match it.next() {
            Some((i, c)) if !is_mark(c) => return start + i,
            Some(_) => {}
            None => return text.len(),
        }
    }
}

impl Kwic {
    /// The hit for tokens `r` of sentence `sentence` of `doc`.
    fn hit(&self, doc: &AnalyzedDoc, sentence: usize, r: TokenRange) -> Hit {
        let toks = &doc.tokens;
        let text = doc.text();
        let start = toks[r.start].span.start;
        let end = toks[r.end - 1].span.end;
        let (lo, hi) = match self.unit {
            ContextUnit::Tokens => {
                let lo = if self.context == 0 {
                    start
                } else {
                    toks[r.start.saturating_sub(self.context)].span.start
                };
                let last = (r.end + self.context).min(toks.len());
                let hi =
                    if self.context == 0 || last <= r.end { end } else { toks[last - 1].span.end };
                (lo.min(start), hi.max(end))
            }
            ContextUnit::Chars => {
                (chars_before(text, start, self.context), chars_after(text, end, self.context))
            }
        };
        let sort_keys = self
            .sort
            .iter()
            .map(|l| {
                let t = match *l {
                    SortLevel::Left(n) => r.start.checked_sub(n).map(|i| &toks[i]),
                    SortLevel::Right(n) => toks.get(r.end + n - 1),
                    SortLevel::Keyword => {
                        let words: Vec<&str> =
                            toks[r.range()].iter().map(|t| doc.norm(t)).collect();
                        return words.join(" ").into_boxed_str();
                    }
                };
                t.map_or("", |t| doc.norm(t)).into()
            })
            .collect();
        Hit {
            key: doc.key.clone(),
            doc: doc.doc.id.clone(),
            sentence,
            start,
            end,
            left: squeeze(&text[lo..start]),
            keyword: text[start..end].to_string(),
            right: squeeze(&text[end..hi]),
            sort_keys,
        }
    }

    /// Sorts hits in output order.
    pub fn sort_hits(&self, hits: &mut [Hit]) {
        if self.sort.is_empty() {
            hits.sort_by(Hit::corpus_cmp);
        } else {
            hits.sort_by(Hit::sort_cmp);
        }
    }
}

/// True when some range of `near` (sorted by start) lies in the same sentence as `hit`,
/// within `window` tokens of it, without overlapping it.
fn has_near(hit: (usize, TokenRange), near: &[(usize, TokenRange)], window: usize) -> bool {
    let (s, h) = hit;
    near.iter().any(|&(ns, n)| {
        ns == s
            && ((n.start >= h.end && n.start - h.end < window)
                || (n.end <= h.start && h.start - n.end < window))
    })
}

impl Analysis for Kwic {
    type Partial = KwicPartial;
    type Scratch = KwicScratch;
    type Output = KwicOutput;

    fn needs(&self) -> Needs {
        let mentions = self.query.needs_mentions()
            || self.near.as_ref().is_some_and(|(q, _)| q.needs_mentions());
        if mentions { Needs::MENTIONS } else { Needs::TOKENS }
    }

    fn empty(&self) -> KwicPartial {
        KwicPartial { sample: self.sample.map(|s| BottomK::new(s.size)), ..KwicPartial::default() }
    }

    fn add(&self, p: &mut KwicPartial, s: &mut KwicScratch, doc: &AnalyzedDoc) {
        s.found.clear();
        self.query.find(doc, self.ambiguous, &mut s.query, &mut s.found);
        if s.found.is_empty() {
            return;
        }
        if let Some((near, window)) = &self.near {
            s.near_found.clear();
            near.find(doc, self.ambiguous, &mut s.near, &mut s.near_found);
            let nf = &s.near_found;
            s.found.retain(|&h| has_near(h, nf, *window));
        }
        for &(sentence, r) in &s.found {
            p.total += 1;
            let hit = self.hit(doc, sentence, r);
            match (&mut p.sample, self.sample) {
                (Some(sample), Some(spec)) => {
                    let id = format!("{}\0{}\0{}", hit.key.input, hit.key.record, hit.start);
                    let hash = crate::select::sample::key_hash(spec.seed, id.as_bytes());
                    sample.offer(Sampled { hash, hit });
                }
                _ => p.hits.push(hit),
            }
        }
    }

    fn merge(&self, into: &mut KwicPartial, other: KwicPartial) {
        into.total += other.total;
        into.hits.extend(other.hits);
        match (&mut into.sample, other.sample) {
            (Some(a), Some(b)) => a.merge(b),
            (None, Some(b)) => into.sample = Some(b),
            _ => {}
        }
    }

    fn finish(&self, p: KwicPartial) -> KwicOutput {
        let mut hits = p.hits;
        if let Some(sample) = p.sample {
            hits.extend(sample.into_sorted().into_iter().map(|s| s.hit));
        }
        self.sort_hits(&mut hits);
        KwicOutput { hits, total: p.total }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;
    use crate::corpus::Document;
    use crate::lexicon::BuiltinOptions;
    use crate::text::{Pipeline, TextOptions};
    use std::sync::Arc;

    fn run(kwic: &Kwic, lex: &Lexicon, texts: &[&str]) -> KwicOutput {
        let p = Pipeline::new(&TextOptions::default()).unwrap();
        let m = lex.matcher();
        let a = Analyzer::new(&p).with_matcher(&m);
        let mut part = kwic.empty();
        let mut s = KwicScratch::default();
        let mut out = AnalyzedDoc::default();
        for (i, t) in texts.iter().enumerate() {
            let doc = Document {
                id: format!("d{i}"),
                path: Arc::from(format!("d{i}.txt").as_str()),
                text: (*t).into(),
                ..Default::default()
            };
            let key = DocKey::of(&doc);
            a.analyze(doc, key, kwic.needs(), &mut out);
            kwic.add(&mut part, &mut s, &out);
        }
        kwic.finish(part)
    }

    fn setup() -> (Pipeline, Lexicon) {
        let p = Pipeline::new(&TextOptions::default()).unwrap();
        let lex = Lexicon::builtin(&p.normalizer, &BuiltinOptions::default()).unwrap();
        (p, lex)
    }

    fn kwic(q: Query) -> Kwic {
        Kwic {
            query: q,
            near: None,
            context: 2,
            unit: ContextUnit::Tokens,
            sort: Vec::new(),
            ambiguous: false,
            sample: None,
        }
    }

    #[test]
    fn term_with_proclitics_and_exact_spans() {
        let (p, lex) = setup();
        let q = Query::parse("الهند", "--query", Some(&lex), &p.normalizer).unwrap();
        let text = "زار الهند. ثم والهند وبالهند؛ وللهند والهندسة!";
        let out = run(&kwic(q), &lex, &[text]);
        // الهند, والهند (و), وبالهند (وب), وللهند (ول + ال): 4; الهندسة is another word
        let kws: Vec<&str> = out.hits.iter().map(|h| h.keyword.as_str()).collect();
        assert_eq!(kws, ["الهند", "والهند", "وبالهند", "وللهند"]);
        for h in &out.hits {
            assert_eq!(&text[h.start..h.end], h.keyword);
        }
        // 2 tokens of context each side, across the sentence end, punctuation shown
        assert_eq!(out.hits[1].left, "الهند. ثم"); // tokens 1..3 (زار is token 0)
        assert_eq!(out.hits[1].right, "وبالهند؛ وللهند");
        assert_eq!(out.hits[1].sentence, 1);
        assert_eq!(out.hits[0].left, "زار");
        assert_eq!(out.total, 4);
    }

    #[test]
    fn lexicon_id_glob_phrase_and_near() {
        let (p, lex) = setup();
        let text = "إيران تكافح تهريب المخدرات. إيران والعراق جاران. الإرهابيون في آسيا الوسطى.";
        let q = Query::parse("country:IRN", "--query", Some(&lex), &p.normalizer).unwrap();
        let out = run(&kwic(q), &lex, &[text]);
        assert_eq!(out.hits.len(), 2);
        // near theme:drug-trafficking within 3 tokens: only the first sentence's إيران
        // (تهريب is token 2 after it: distance 1 token between)
        let q = Query::parse("country:IRN", "--query", Some(&lex), &p.normalizer).unwrap();
        let near =
            Query::parse("theme:drug-trafficking", "--near", Some(&lex), &p.normalizer).unwrap();
        let mut k = kwic(q);
        k.near = Some((near, 3));
        let out = run(&k, &lex, &[text]);
        assert_eq!(out.hits.len(), 1);
        assert_eq!(out.hits[0].start, 0);
        // window 1: تهريب is 2 tokens away (تكافح between) → no hit
        let q = Query::parse("country:IRN", "--query", Some(&lex), &p.normalizer).unwrap();
        let near =
            Query::parse("theme:drug-trafficking", "--near", Some(&lex), &p.normalizer).unwrap();
        let mut k = kwic(q);
        k.near = Some((near, 1));
        assert!(run(&k, &lex, &[text]).hits.is_empty());
        // a glob (article split off) and a phrase, as alternatives
        let q = Query::parse("إرهاب* | آسيا الوسطى", "--query", Some(&lex), &p.normalizer).unwrap();
        let out = run(&kwic(q), &lex, &[text]);
        let kws: Vec<&str> = out.hits.iter().map(|h| h.keyword.as_str()).collect();
        assert_eq!(kws, ["الإرهابيون", "آسيا الوسطى"]);
        assert!(matches!(
            Query::parse("country:XXX", "--query", Some(&lex), &p.normalizer),
            Err(QueryError::UnknownId { .. })
        ));
        assert!(Query::parse("a||b", "--query", Some(&lex), &p.normalizer).is_err());
    }

    #[test]
    fn sort_levels_and_chars() {
        let (p, lex) = setup();
        // R1 of each هند: ب, ج, أ → sorted أ (U+0623) < ب (U+0628) < ج (U+062C)
        let text = "هند ب. هند ج. هند أ.";
        let q = Query::parse("هند", "--query", Some(&lex), &p.normalizer).unwrap();
        let mut k = kwic(q);
        k.sort = vec![SortLevel::Right(1)];
        let out = run(&k, &lex, &[text]);
        let rights: Vec<&str> = out.hits.iter().map(|h| h.right.as_str()).collect();
        // the right context ends with its last token (the final "." is not part of it)
        assert_eq!(rights, ["أ", "ب. هند", "ج. هند"]);
        // 3 characters each side: "ب. " before the second هند, " ج." after it
        let q = Query::parse("هند", "--query", Some(&lex), &p.normalizer).unwrap();
        let mut k = kwic(q);
        k.unit = ContextUnit::Chars;
        k.context = 3;
        let out = run(&k, &lex, &[text]);
        assert_eq!((out.hits[1].left.as_str(), out.hits[1].right.as_str()), ("ب.", "ج."));
        assert_eq!("L2".parse::<SortLevel>(), Ok(SortLevel::Left(2)));
        assert!("X1".parse::<SortLevel>().is_err());
        assert!("L0".parse::<SortLevel>().is_err());
    }

    #[test]
    fn chars_never_start_on_a_mark() {
        // "بَ" is ب + fatha: 2 chars; the last 1 char before byte end is the fatha → moved
        // back to ب
        let t = "xبَ";
        assert_eq!(&t[chars_before(t, t.len(), 1)..], "بَ");
        assert_eq!(&t[..chars_after(t, 0, 2)], "xبَ");
    }

    #[test]
    fn sample_and_hits_independent_of_merge_order() {
        let (p, lex) = setup();
        let texts = ["هند هند هند", "هند و هند", "هند"];
        let mut k = kwic(Query::parse("هند", "--query", Some(&lex), &p.normalizer).unwrap());
        k.sample = Some(SampleSpec { size: 3, seed: 7 });
        let m = lex.matcher();
        let a = Analyzer::new(&p).with_matcher(&m);
        // one partial per document
        let parts: Vec<KwicPartial> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let doc = Document {
                    id: format!("d{i}"),
                    path: Arc::from(format!("d{i}.txt").as_str()),
                    text: (*t).into(),
                    ..Default::default()
                };
                let mut out = AnalyzedDoc::default();
                let key = DocKey::of(&doc);
                a.analyze(doc, key, k.needs(), &mut out);
                let mut part = k.empty();
                k.add(&mut part, &mut KwicScratch::default(), &out);
                part
            })
            .collect();
        let merged = |order: [usize; 3]| {
            let mut acc = k.empty();
            for i in order {
                k.merge(&mut acc, parts[i].clone());
            }
            k.finish(acc)
        };
        let x = merged([0, 1, 2]);
        assert_eq!((x.hits.len(), x.total), (3, 6));
        assert_eq!(merged([2, 0, 1]).hits, x.hits);
        assert_eq!(merged([1, 2, 0]).hits, x.hits);
        // another seed draws from the same 6 hits; all hits are in corpus order
        assert_eq!(run(&k, &lex, &texts).hits, x.hits);
        assert!(x.hits.windows(2).all(|w| w[0].corpus_cmp(&w[1]) == Ordering::Less));
    }
}
