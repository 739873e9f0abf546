//! The matcher: a trie over normalised tokens, with proclitic handling on the first token.
//!
//! Why a token trie and not aho-corasick: aho-corasick matches byte substrings, so over raw
//! text it finds الهند inside الهندسة and مصر inside ومصرف; over tokens joined by spaces it
//! still needs boundary checks, cannot strip proclitics per token, and cannot express
//! prefix globs on one token or context words. Lexicons are small (a few thousand
//! patterns, 1–4 tokens each), so a trie whose edges are `FxHashMap<token, node>` costs one
//! hash lookup per corpus token in the common case (a token that starts no pattern), with
//! no allocation.
//!
//! Matching at token `i` (see the module docs of [`super`] for the rules):
//!
//! 1. Walk the trie from the root with the token as it is; glob edges are kept in buckets
//!    keyed by the first three characters of their prefix. Later tokens of a phrase are
//!    looked up as they are, and, for themes and user kinds, also without the article ال.
//! 2. Only when step 1 finds no match: walk with each proclitic split of the token (the
//!    same splits as [`crate::text::clitics::proclitic_splits`], computed here without
//!    allocating); splits that remove the article are not accepted for names.
//! 3. Of all matches found, keep those with the largest end; per entry the most specific
//!    pattern (most context words) decides: block → nothing, otherwise a mention, ambiguous
//!    when all deciding patterns are `?`. Matching resumes after the match.
//!
//! Finally an ambiguous country mention with a single candidate is resolved when it is
//! joined by و to an unambiguous country mention (`النيجر ومالي`, `مالي والنيجر`).

use super::pattern::{MIN_GLOB_CHARS, Mode, TokSpec};
use super::rule::{CompiledRule, RuleCache};
use super::{EntryId, Kind, Lexicon};
#[cfg(doc)]
use crate::text::hashed::key_hash;
use rustc_hash::FxHashMap;
use serde::Serialize;

/// One mention found by [`Matcher::find`]: tokens `start..end` (half-open, indices into the
/// `tokens` slice given to `find`) are a mention of `entry`.
///
/// Mentions of different entries may share a span (a pattern in two entries, e.g.
/// `?الكونغو` in both Congos, or a word in two themes); they come out sorted by
/// `(start, end, entry)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Mention {
    /// First token of the mention (inclusive).
    pub start: usize,
    /// One past the last token of the mention (exclusive).
    pub end: usize,
    /// The entry mentioned.
    pub entry: EntryId,
    /// True when the mention comes from an ambiguous pattern (`?مالي`: Mali, or "financial")
    /// that no context rule resolved. **Recommended default for callers: list ambiguous
    /// mentions separately and do not count them** as nodes or in co-occurrences unless the
    /// user asks for it.
    pub ambiguous: bool,
}

impl Mention {
    /// The token range `start..end`.
    pub fn tokens(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// Trie edges of one node.
#[derive(Debug, Default, Clone)]
struct Edges {
    exact: FxHashMap<Box<str>, u32>,
    /// Glob edges bucketed by the first [`MIN_GLOB_CHARS`] characters of the prefix.
    glob: FxHashMap<Box<str>, Vec<(Box<str>, u32)>>,
}

impl Edges {
    /// Calls `f` with every child whose edge matches `tok`.
    #[inline]
    fn for_each(&self, tok: &str, mut f: impl FnMut(u32)) {
        if let Some(&n) = self.exact.get(tok) {
            f(n);
        }
        if !self.glob.is_empty()
            && let Some(key) = glob_key(tok)
            && let Some(bucket) = self.glob.get(key)
        {
            for (p, n) in bucket {
                if tok.starts_with(&**p) {
                    f(*n);
                }
            }
        }
    }

    /// Is there any edge for `tok`?
    #[inline]
    fn has(&self, tok: &str) -> bool {
        let mut any = false;
        self.for_each(tok, |_| any = true);
        any
    }

    fn child(&mut self, spec: &TokSpec, next: u32) -> Result<u32, u32> {
        match spec {
            TokSpec::Exact(s) => {
                // keyed by every spelling of the word's final letter (see `final_variants`),
                // so a token matches whichever it uses, with no work per token
                let variants = final_variants(s);
                match self.exact.get(variants[0].as_str()) {
                    Some(&n) => Ok(n),
                    None => {
                        for v in variants {
                            self.exact.insert(v.into_boxed_str(), next);
                        }
                        Err(next)
                    }
                }
            }
            TokSpec::Prefix(p) => {
                let key = glob_key(p).unwrap_or(p);
                let bucket = self.glob.entry(key.into()).or_default();
                match bucket.iter().find(|(q, _)| **q == **p) {
                    Some(&(_, n)) => Ok(n),
                    None => {
                        bucket.push((p.as_str().into(), next));
                        Err(next)
                    }
                }
            }
        }
    }
}

/// Letters that end a word in several spellings across the Arab world: ي, ى (Egyptian print
/// writes a final ي as ى: الهندى، جيبوتى) and Persian ی; ة, ه (informal writing: السعوديه)
/// and Urdu ۃ. Each group is one letter for matching, whatever `--normalize` says.
const FINAL_GROUPS: [&[char]; 2] = [&['ي', 'ى', '\u{06CC}'], &['ه', 'ة', '\u{06C3}']];

/// Spellings with a final ى that are other words than the entry spelled with ي: اليمنى
/// "the right (side, hand, knee)", never "the Yemeni" in ANT (247 of 247 occurrences after
/// الجهة، الزاوية، القدم، ركبته…). These variants are not keys.
const NOT_VARIANTS: &[&str] = &["اليمنى", "يمنى"];

/// Every spelling of `word` with its final letter replaced by each member of its group in
/// [`FINAL_GROUPS`], the canonical one (ي, ه) first; `[word]` when it ends otherwise. A
/// spelling in [`NOT_VARIANTS`] is left out unless it is `word` itself.
fn final_variants(word: &str) -> Vec<String> {
    let Some(last) = word.chars().next_back() else { return vec![String::new()] };
    let stem = &word[..word.len() - last.len_utf8()];
    match FINAL_GROUPS.iter().find(|g| g.contains(&last)) {
        Some(group) => group
            .iter()
            .map(|c| format!("{stem}{c}"))
            .filter(|v| v == word || !NOT_VARIANTS.contains(&v.as_str()))
            .collect(),
        None => vec![word.to_string()],
    }
}

/// Are `a` and `b` equal once their final letters are folded by [`FINAL_GROUPS`]?
fn eq_final_folded(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (Some(x), Some(y)) = (a.chars().next_back(), b.chars().next_back()) else { return false };
    a[..a.len() - x.len_utf8()] == b[..b.len() - y.len_utf8()]
        && FINAL_GROUPS.iter().any(|g| g.contains(&x) && g.contains(&y))
}

/// Letters that some Arab writers add for sounds Arabic lacks, in names (ڤيتنام، پاكستان،
/// گوگل), with the Arabic letters standard spelling uses for the same sound, most usual
/// first. /v/: ڤ (Levant, Gulf, Iraq), ڥ and ڢ (Maghreb) → ف. /p/: پ → ب. /g/: گ (Iraq,
/// Gulf, Levant), ڨ (Tunisia, Algeria), ݣ and ڭ (Morocco), ګ → غ, ج (Egypt writes /g/
/// ج), ك, ق. /tʃ/: چ (Iraq, Gulf; Egypt for /ʒ/ or /g/) → تش, ش, ج. /ʒ/: ژ → ج, ز. Maghrebi
/// forms of ق: ڧ, ٯ → ق. The Persian look-alikes ک ڪ → ك (folded by step 4 of `standard`,
/// here for `none` too).
fn regional_letter(c: char) -> Option<&'static [&'static str]> {
    Some(match c {
        '\u{06A4}' | '\u{06A5}' | '\u{06A2}' => &["ف"],
        '\u{067E}' => &["ب"],
        '\u{06AF}' | '\u{06A8}' | '\u{0763}' | '\u{06AD}' | '\u{06AB}' => &["غ", "ج", "ك", "ق"],
        '\u{0686}' => &["تش", "ش", "ج"],
        '\u{0698}' => &["ج", "ز"],
        '\u{06A7}' | '\u{066F}' => &["ق"],
        '\u{06A9}' | '\u{06AA}' => &["ك"],
        _ => return None,
    })
}

/// Could `tok` hold a regional letter of [`regional_letter`]? (Lead byte DA, or پ D9 BE,
/// ٯ D9 AF, ݣ DD A3: one byte test per byte, no decoding.)
#[inline]
fn may_have_regional_letter(tok: &str) -> bool {
    let b = tok.as_bytes();
    b.iter().enumerate().any(|(i, &x)| {
        x == 0xDA
            || (x == 0xD9 && matches!(b.get(i + 1), Some(0xBE | 0xAF)))
            || (x == 0xDD && b.get(i + 1) == Some(&0xA3))
    })
}

/// The first [`MIN_GLOB_CHARS`] characters of `s`, if it has that many.
#[inline]
fn glob_key(s: &str) -> Option<&str> {
    first_chars(s, MIN_GLOB_CHARS)
}

/// The first `n` characters of `s`, if it has at least `n` (a byte scan: a character
/// starts at every byte that is not a UTF-8 continuation byte).
#[inline]
fn first_chars(s: &str, n: usize) -> Option<&str> {
    let b = s.as_bytes();
    let mut seen = 0;
    for (i, &x) in b.iter().enumerate() {
        if x & 0xC0 != 0x80 {
            if seen == n {
                return Some(&s[..i]);
            }
            seen += 1;
        }
    }
    (seen == n).then_some(s)
}

#[derive(Debug, Default, Clone)]
struct Node {
    edges: Edges,
    outs: Vec<u32>,
}

/// What a pattern ending at a trie node produces.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Out {
    entry: EntryId,
    mode: Mode,
    before: Box<[TokSpec]>,
    after: Box<[TokSpec]>,
    /// The entry is a name (country, region): no article stripping.
    name: bool,
    /// Index into [`Matcher::rules`] of the pattern's sentence rule.
    rule: Option<u32>,
}

impl Out {
    /// How specific the pattern is: adjacent context words first, then a sentence rule.
    fn specificity(&self) -> (usize, bool) {
        (self.before.len() + self.after.len(), self.rule.is_some())
    }
}

/// A candidate match: a valid output reached at token `end`.
#[derive(Debug, Clone, Copy)]
struct Cand {
    end: usize,
    out: u32,
}

/// Per-thread memo for [`Matcher::find_memo`]: whether a match may start at a token
/// ([`Matcher::starts_any`]), for recently seen tokens.
///
/// A direct-mapped cache of [`MatchMemo::SLOTS`] slots of 32 bytes (the token's hash, its
/// bytes inline, the answer), 256 KiB: small enough to stay in a core's L2 cache, which a
/// hash table over the whole vocabulary does not (measured on ANT: such a table made
/// `cooc` slower than no memo at all, each look-up missing the cache two or three times).
/// Word frequencies being Zipfian, most tokens hit. Tokens longer than
/// [`MatchMemo::MAX_KEY`] bytes are not remembered. Exact: a hit needs the same bytes. Use
/// one memo with one matcher only.
#[derive(Debug, Clone)]
pub struct MatchMemo {
    slots: Box<[MemoSlot]>,
}

/// One slot of [`MatchMemo`]; `len == 0` is an empty slot (tokens are never empty).
#[derive(Debug, Clone, Copy, Default)]
struct MemoSlot {
    hash: u64,
    len: u8,
    starts: bool,
    key: [u8; MatchMemo::MAX_KEY],
}

impl Default for MatchMemo {
    /// An empty memo; its slots are allocated at the first look-up, so an unused memo
    /// costs nothing.
    fn default() -> Self {
        MatchMemo { slots: Box::default() }
    }
}

impl MatchMemo {
    /// Number of slots (a power of two).
    pub const SLOTS: usize = 1 << 13;
    /// Longest token remembered, in bytes (11 Arabic letters).
    pub const MAX_KEY: usize = 22;

    /// Whether a match may start at `tok` (hash `hash`).
    #[inline]
    fn starts(&mut self, matcher: &Matcher, tok: &str, hash: u64) -> bool {
        let b = tok.as_bytes();
        if b.len() > Self::MAX_KEY {
            return matcher.starts_any(tok);
        }
        if self.slots.is_empty() {
            self.slots = vec![MemoSlot::default(); Self::SLOTS].into_boxed_slice();
        }
        // Fibonacci hashing: the top bits of the product mix all bits of the hash
        let i = (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Self::SLOTS.trailing_zeros()))
            as usize;
        let slot = &mut self.slots[i % Self::SLOTS];
        if slot.hash == hash && usize::from(slot.len) == b.len() && slot.key[..b.len()] == *b {
            return slot.starts;
        }
        let v = matcher.starts_any(tok);
        slot.hash = hash;
        slot.len = b.len() as u8;
        slot.starts = v;
        slot.key[..b.len()].copy_from_slice(b);
        v
    }
}

/// Finds lexicon mentions in sentences. Built by [`Lexicon::matcher`]; immutable, `Send`
/// and `Sync`, so one matcher serves all threads.
#[derive(Debug, Clone)]
pub struct Matcher {
    nodes: Vec<Node>,
    outs: Vec<Out>,
    ids: Vec<String>,
    kinds: Vec<Kind>,
    /// Pre-filter for the root's exact edges (see [`RootFilter`]).
    filter: RootFilter,
    /// Every exact edge key of the trie (for [`Matcher::regional_key`]).
    words: rustc_hash::FxHashSet<Box<str>>,
    /// The sentence rules of the patterns (see [`super::SentenceRule`]).
    rules: Vec<CompiledRule>,
}

/// Bit sets that answer "can no root edge match?" without a hash-map lookup, for the common
/// case of a token that starts no pattern.
///
/// * Exact edges: every reading of a token (the token itself, its proclitic splits, ال +
///   the remainder after لل) ends with the same characters as the token, and keeps at
///   least two of them. So a root key can only be hit if its last four characters (all of
///   them for keys of two or three characters) are the token's last four (two, three).
///   `suffix[n]` holds 16-bit hashes of those endings.
/// * Glob edges: `glob3` holds the hashes of the bucket keys (first three characters).
#[derive(Debug, Clone)]
struct RootFilter {
    /// Endings of keys: index 0 for two-character keys, 1 for three, 2 for the last four
    /// characters of longer keys.
    suffix: [BitSet; 3],
    /// Which of `suffix` have any key.
    used: [bool; 3],
    glob3: BitSet,
    /// A root key shorter than two characters exists: the suffix filter is off.
    short_keys: bool,
}

#[derive(Debug, Clone)]
struct BitSet(Box<[u64]>);

impl BitSet {
    const BITS: usize = 1 << 16;

    fn new() -> Self {
        BitSet(vec![0u64; Self::BITS / 64].into_boxed_slice())
    }

    #[inline]
    fn index(s: &str) -> usize {
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        h.write(s.as_bytes());
        (h.finish() >> 48) as usize
    }

    fn insert(&mut self, s: &str) {
        self.insert_index(Self::index(s));
    }

    fn insert_index(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    #[inline]
    fn contains(&self, s: &str) -> bool {
        self.contains_index(Self::index(s))
    }

    #[inline]
    fn contains_index(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

/// Bit-set indices (16-bit hashes) of the last 2, 3 and 4 characters of `s` (`None` when
/// `s` is shorter), in one backward pass over its bytes: each index hashes exactly the
/// bytes of its suffix, so equal suffixes of a key and of a token get equal indices.
#[inline]
fn suffix_indices(s: &str) -> [Option<usize>; 3] {
    let mut out = [None; 3];
    let mut seen = 0;
    let mut h: u64 = 0;
    for &x in s.as_bytes().iter().rev() {
        // FNV-1a step per byte (from the end)
        h = (h ^ u64::from(x)).wrapping_mul(0x0000_0100_0000_01B3);
        if x & 0xC0 != 0x80 {
            seen += 1;
            if seen >= 2 {
                // Fibonacci hashing of the running hash: its top 16 bits
                out[seen - 2] = Some((h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize);
                if seen == 4 {
                    break;
                }
            }
        }
    }
    out
}

impl RootFilter {
    fn new(root: &Edges) -> Self {
        let mut f = RootFilter {
            suffix: [BitSet::new(), BitSet::new(), BitSet::new()],
            used: [false; 3],
            glob3: BitSet::new(),
            short_keys: false,
        };
        for k in root.exact.keys() {
            let n = k.chars().count().min(4);
            match n.checked_sub(2).and_then(|i| Some((i, suffix_indices(k)[i]?))) {
                Some((i, index)) => {
                    f.suffix[i].insert_index(index);
                    f.used[i] = true;
                }
                None => f.short_keys = true,
            }
        }
        for k in root.glob.keys() {
            f.glob3.insert(k);
        }
        f
    }

    /// Can any reading of `tok` hit an exact root edge?
    #[inline]
    fn exact_possible(&self, tok: &str) -> bool {
        if self.short_keys {
            return true;
        }
        let ends = suffix_indices(tok);
        (0..3).any(|k| self.used[k] && ends[k].is_some_and(|i| self.suffix[k].contains_index(i)))
    }

    /// Can `text` (one reading) hit a glob root edge?
    #[inline]
    fn glob_possible(&self, text: &str) -> bool {
        glob_key(text).is_some_and(|k| self.glob3.contains(k))
    }
}

const ROOT: u32 = 0;

impl Matcher {
    /// Compiles the patterns of `lex`.
    pub fn new(lex: &Lexicon) -> Self {
        let mut m = Matcher {
            nodes: vec![Node::default()],
            outs: Vec::new(),
            ids: lex.entries().iter().map(|e| e.id.clone()).collect(),
            kinds: lex.entries().iter().map(|e| e.kind.clone()).collect(),
            filter: RootFilter::new(&Edges::default()),
            words: Default::default(),
            rules: Vec::new(),
        };
        // one compiled rule per row (the patterns of a row share their rule's `Arc`)
        let mut rule_ids: FxHashMap<*const super::SentenceRule, u32> = FxHashMap::default();
        for (ei, e) in lex.entries().iter().enumerate() {
            let entry = EntryId(ei as u32);
            for p in &e.patterns {
                let mut node = ROOT;
                for spec in &p.core {
                    let next = m.nodes.len() as u32;
                    node = match m.nodes[node as usize].edges.child(spec, next) {
                        Ok(n) => n,
                        Err(n) => {
                            m.nodes.push(Node::default());
                            n
                        }
                    };
                }
                let rule = p.rule.as_ref().map(|r| {
                    *rule_ids.entry(std::sync::Arc::as_ptr(r)).or_insert_with(|| {
                        m.rules.push(CompiledRule::new(r, lex.normalizer()));
                        (m.rules.len() - 1) as u32
                    })
                });
                let out = Out {
                    entry,
                    mode: p.mode,
                    before: p.before.clone().into_boxed_slice(),
                    after: p.after.clone().into_boxed_slice(),
                    name: e.kind.is_name(),
                    rule,
                };
                let outs = &m.outs;
                if m.nodes[node as usize].outs.iter().any(|&o| outs[o as usize] == out) {
                    continue; // the same pattern after normalisation
                }
                m.nodes[node as usize].outs.push(m.outs.len() as u32);
                m.outs.push(out);
            }
        }
        m.filter = RootFilter::new(&m.nodes[ROOT as usize].edges);
        m.words = m.nodes.iter().flat_map(|n| n.edges.exact.keys().cloned()).collect();
        m
    }

    /// The node id of an entry (e.g. `country:IND`).
    pub fn id(&self, entry: EntryId) -> &str {
        self.ids.get(entry.index()).map_or("", String::as_str)
    }

    /// The kind of an entry.
    pub fn kind(&self, entry: EntryId) -> Option<&Kind> {
        self.kinds.get(entry.index())
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when the matcher has no entries.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Appends to `out` the mentions found in one sentence.
    ///
    /// `tokens` are the normalised forms (`Term::norm`, normalised with the same
    /// [`crate::text::Normalizer`] as the lexicon) of the consecutive word and number tokens
    /// of **one sentence**, in order; pass an empty string for a token that must break
    /// phrases (a URL, an e-mail address). [`super::SentenceTokens`] builds this list from
    /// the pipeline. Mention token indices index `tokens`. Mentions come out sorted by
    /// `(start, end, entry)`; the output does not depend on anything but the input.
    pub fn find<T: AsRef<str>>(&self, tokens: &[T], out: &mut Vec<Mention>) {
        self.find_where(tokens, out, |_, _| true);
    }

    /// [`Matcher::find`] for a caller that matches many sentences on one thread: `hashes`
    /// are the tokens' [`key_hash`]es (e.g. [`crate::text::Term::norm_hash`]; any value for
    /// empty tokens) and `memo` remembers, per distinct token, whether any reading of it
    /// has an edge from the trie's root, so that the usual token, which starts no pattern,
    /// costs one table look-up instead of its proclitic readings and their filters. The
    /// mentions are exactly those of [`Matcher::find`].
    ///
    /// # Panics
    /// When `hashes` is shorter than `tokens`.
    pub fn find_memo<T: AsRef<str>>(
        &self,
        tokens: &[T],
        hashes: &[u64],
        memo: &mut MatchMemo,
        out: &mut Vec<Mention>,
    ) {
        self.find_where(tokens, out, |i, tok| memo.starts(self, tok, hashes[i]));
    }

    /// The matching loop; `may_start(i, token)` must be true whenever a match can start at
    /// token `i` (it skips the token otherwise).
    fn find_where<T: AsRef<str>>(
        &self,
        tokens: &[T],
        out: &mut Vec<Mention>,
        may_start: impl FnMut(usize, &str) -> bool,
    ) {
        if tokens.iter().any(|t| may_have_regional_letter(t.as_ref())) {
            let keys: Vec<std::borrow::Cow<'_, str>> =
                tokens.iter().map(|t| self.regional_key(t.as_ref())).collect();
            self.find_keys(&keys, out, may_start);
        } else {
            self.find_keys(tokens, out, may_start);
        }
    }

    /// The matching key of a token with regional letters ([`regional_letter`]): each
    /// replaced by its standard letters, trying the alternatives of the ambiguous ones (گ
    /// is غ, ج, ك or ق) until the key is a word of the lexicon (an edge of the trie, or the
    /// start of a match after proclitics); the first alternatives when none is. Tokens
    /// without such letters are returned as they are.
    fn regional_key<'t>(&self, tok: &'t str) -> std::borrow::Cow<'t, str> {
        if !may_have_regional_letter(tok) || !tok.chars().any(|c| regional_letter(c).is_some()) {
            return std::borrow::Cow::Borrowed(tok);
        }
        // the ambiguous letters (at most 3 are varied; the rest take their first reading)
        let choices: Vec<&[&str]> =
            tok.chars().filter_map(regional_letter).filter(|alts| alts.len() > 1).take(3).collect();
        let combos: usize = choices.iter().map(|a| a.len()).product();
        let build = |mut k: usize| {
            let (mut out, mut varied) = (String::with_capacity(tok.len() + 2), 0);
            for c in tok.chars() {
                match regional_letter(c) {
                    Some(alts) if alts.len() > 1 && varied < 3 => {
                        out.push_str(alts[k % alts.len()]);
                        k /= alts.len();
                        varied += 1;
                    }
                    Some(alts) => out.push_str(alts[0]),
                    None => out.push(c),
                }
            }
            out
        };
        for k in 0..combos {
            let key = build(k);
            if self.words.contains(key.as_str()) || self.starts_any(&key) {
                return std::borrow::Cow::Owned(key);
            }
        }
        std::borrow::Cow::Owned(build(0))
    }

    /// The matching loop over matching keys; `may_start(i, key)` must be true whenever a
    /// match can start at token `i` (it skips the token otherwise).
    fn find_keys<T: AsRef<str>>(
        &self,
        tokens: &[T],
        out: &mut Vec<Mention>,
        mut may_start: impl FnMut(usize, &str) -> bool,
    ) {
        let base = out.len();
        let mut cands: Vec<Cand> = Vec::new();
        let mut buf = String::new();
        let mut rules = RuleCache::default();
        rules.reset(self.rules.len());
        let mut i = 0;
        while i < tokens.len() {
            let tok = tokens[i].as_ref();
            if tok.is_empty() || !may_start(i, tok) {
                i += 1;
                continue;
            }
            cands.clear();
            self.candidates_at(tokens, i, &mut cands, &mut buf, &mut rules);
            match self.resolve(&mut cands, i, out) {
                Some(end) => i = end,
                None => i += 1,
            }
        }
        if out[base..].iter().any(|m| m.ambiguous) {
            self.resolve_coordination(tokens, &mut out[base..]);
        }
    }

    /// Does any reading of `tok` (the token itself, then its proclitic splits) have an
    /// edge from the root? When not, no match starts at `tok`, whatever its neighbours:
    /// [`Matcher::candidates_at`] walks only from such edges, behind the same filters.
    fn starts_any(&self, tok: &str) -> bool {
        let root = &self.nodes[ROOT as usize].edges;
        let exact = self.filter.exact_possible(tok);
        if (exact || self.filter.glob_possible(tok)) && root.has(tok) {
            return true;
        }
        let mut buf = String::new();
        Readings::new(tok).any(|r| {
            let text = reading_text(tok, &r, &mut buf);
            (exact || self.filter.glob_possible(text)) && root.has(text)
        })
    }

    /// Collects the valid candidates for a match whose core starts at token `i`.
    fn candidates_at<T: AsRef<str>>(
        &self,
        toks: &[T],
        i: usize,
        cands: &mut Vec<Cand>,
        buf: &mut String,
        rules: &mut RuleCache,
    ) {
        let tok = toks[i].as_ref();
        if tok.is_empty() {
            return;
        }
        let root = &self.nodes[ROOT as usize].edges;
        let exact = self.filter.exact_possible(tok);
        if exact || self.filter.glob_possible(tok) {
            root.for_each(tok, |child| self.walk(child, i, i + 1, false, toks, cands, rules));
        }
        if !cands.is_empty() || !tok.starts_with(['و', 'ف', 'ب', 'ك', 'ل', 'ا']) {
            return;
        }
        for r in Readings::new(tok) {
            let text = reading_text(tok, &r, buf);
            if exact || self.filter.glob_possible(text) {
                root.for_each(text, |child| {
                    self.walk(child, i, i + 1, r.removes_article, toks, cands, rules)
                });
            }
        }
    }

    /// Depth-first walk: `node` was reached after consuming tokens `start..pos`.
    #[allow(clippy::too_many_arguments)]
    fn walk<T: AsRef<str>>(
        &self,
        node: u32,
        start: usize,
        pos: usize,
        art: bool,
        toks: &[T],
        cands: &mut Vec<Cand>,
        rules: &mut RuleCache,
    ) {
        let n = &self.nodes[node as usize];
        for &o in &n.outs {
            let out = &self.outs[o as usize];
            if art && out.name {
                continue;
            }
            if self.context_ok(out, toks, start, pos)
                && out.rule.is_none_or(|r| {
                    let seen = &mut rules.0[r as usize];
                    self.rules[r as usize].holds(toks, start, pos, seen)
                })
            {
                cands.push(Cand { end: pos, out: o });
            }
        }
        let Some(tok) = toks.get(pos).map(AsRef::as_ref) else { return };
        if tok.is_empty() || (n.edges.exact.is_empty() && n.edges.glob.is_empty()) {
            return;
        }
        n.edges.for_each(tok, |child| self.walk(child, start, pos + 1, art, toks, cands, rules));
        // themes and user kinds: the article may go on every word of a phrase
        if let Some(rest) = tok.strip_prefix("ال")
            && rest.chars().nth(1).is_some()
        {
            n.edges
                .for_each(rest, |child| self.walk(child, start, pos + 1, true, toks, cands, rules));
        }
    }

    /// Are the context words of `out` present around the core `start..end`?
    fn context_ok<T: AsRef<str>>(&self, out: &Out, toks: &[T], start: usize, end: usize) -> bool {
        if out.before.is_empty() && out.after.is_empty() {
            return true;
        }
        let Some(b0) = start.checked_sub(out.before.len()) else { return false };
        if end + out.after.len() > toks.len() {
            return false;
        }
        let before = out.before.iter().zip(&toks[b0..start]);
        let after = out.after.iter().zip(&toks[end..end + out.after.len()]);
        before.chain(after).all(|(spec, t)| context_word_matches(spec, t.as_ref()))
    }

    /// Turns the candidates at one position into mentions; returns the end of the match.
    fn resolve(&self, cands: &mut [Cand], start: usize, out: &mut Vec<Mention>) -> Option<usize> {
        let end = cands.iter().map(|c| c.end).max()?;
        // the longest candidates, grouped by entry, most specific first
        let outs = &self.outs;
        let key = |c: &Cand| {
            let o = &outs[c.out as usize];
            (c.end != end, o.entry, std::cmp::Reverse(o.specificity()))
        };
        cands.sort_unstable_by_key(key);
        let mut k = 0;
        while k < cands.len() && cands[k].end == end {
            let first = &outs[cands[k].out as usize];
            let spec = first.specificity();
            let (mut block, mut all_ambiguous) = (false, true);
            while k < cands.len() && cands[k].end == end {
                let o = &outs[cands[k].out as usize];
                if o.entry != first.entry {
                    break;
                }
                if o.specificity() == spec {
                    block |= o.mode == Mode::Block;
                    all_ambiguous &= o.mode == Mode::Ambiguous;
                }
                k += 1;
            }
            if !block {
                out.push(Mention { start, end, entry: first.entry, ambiguous: all_ambiguous });
            }
        }
        Some(end)
    }

    /// An ambiguous country mention that is the only mention of its span is resolved when
    /// it is joined by و to an adjacent unambiguous country mention.
    fn resolve_coordination<T: AsRef<str>>(&self, toks: &[T], ms: &mut [Mention]) {
        let is_country = |m: &Mention| self.kinds.get(m.entry.index()) == Some(&Kind::Country);
        let joined = |i: usize| {
            let t = toks[i].as_ref();
            t.starts_with('و') && !self.nodes[ROOT as usize].edges.has(t)
        };
        let mut resolved = Vec::new();
        for (k, m) in ms.iter().enumerate() {
            if !m.ambiguous || !is_country(m) {
                continue;
            }
            if ms.iter().filter(|o| o.start == m.start && o.end == m.end).count() != 1 {
                continue;
            }
            let solid = |o: &&Mention| !o.ambiguous && is_country(o);
            let prev = ms.iter().filter(solid).any(|o| o.end == m.start) && joined(m.start);
            let next = ms.iter().filter(solid).any(|o| o.start == m.end && joined(o.start));
            if prev || next {
                resolved.push(k);
            }
        }
        for k in resolved {
            ms[k].ambiguous = false;
        }
    }
}

/// A context word matches a token as it is or after conjunctions/prepositions (never after
/// removing the article).
fn context_word_matches(spec: &TokSpec, tok: &str) -> bool {
    let matches = |spec: &TokSpec, t: &str| match spec {
        TokSpec::Exact(s) => eq_final_folded(s, t),
        TokSpec::Prefix(p) => t.starts_with(p.as_str()),
    };
    if matches(spec, tok) {
        return true;
    }
    Readings::new(tok).any(|r| {
        if r.removes_article {
            false
        } else if r.restore {
            match spec {
                TokSpec::Exact(s) => {
                    s.strip_prefix("ال").is_some_and(|s| eq_final_folded(s, &tok[r.start..]))
                }
                TokSpec::Prefix(p) => {
                    let full = format!("ال{}", &tok[r.start..]);
                    full.starts_with(p.as_str())
                }
            }
        } else {
            matches(spec, &tok[r.start..])
        }
    })
}

/// One split rule: the proclitic letters, whether the remainder gets its article back (لل
/// written for ل + ال), and whether the split removes the article.
type Rule = (&'static [char], bool, bool);

/// The proclitic splits of [`crate::text::clitics::proclitic_splits`] in its output order
/// (longest chain first), grouped by first letter (a token can only match the rules of its
/// own first letter, and each group keeps the global order). A test checks that these give
/// the same splits as `proclitic_splits`; the order does not depend on the word, since two
/// different prefixes of one word never leave the same remainder.
fn rules_for(first: char) -> &'static [Rule] {
    const WAW: &[Rule] = &[
        (&['و', 'ب', 'ا', 'ل'], false, true),
        (&['و', 'ك', 'ا', 'ل'], false, true),
        (&['و', 'ل', 'ل'], false, true),
        (&['و', 'ا', 'ل'], false, true),
        (&['و', 'ل', 'ل'], true, false),
        (&['و', 'ب'], false, false),
        (&['و', 'ك'], false, false),
        (&['و', 'ل'], false, false),
        (&['و'], false, false),
    ];
    const FA: &[Rule] = &[
        (&['ف', 'ب', 'ا', 'ل'], false, true),
        (&['ف', 'ك', 'ا', 'ل'], false, true),
        (&['ف', 'ل', 'ل'], false, true),
        (&['ف', 'ا', 'ل'], false, true),
        (&['ف', 'ل', 'ل'], true, false),
        (&['ف', 'ب'], false, false),
        (&['ف', 'ك'], false, false),
        (&['ف', 'ل'], false, false),
        (&['ف'], false, false),
    ];
    const BA: &[Rule] = &[(&['ب', 'ا', 'ل'], false, true), (&['ب'], false, false)];
    const KAF: &[Rule] = &[(&['ك', 'ا', 'ل'], false, true), (&['ك'], false, false)];
    const LAM: &[Rule] =
        &[(&['ل', 'ل'], false, true), (&['ل', 'ل'], true, false), (&['ل'], false, false)];
    const ALIF: &[Rule] = &[(&['ا', 'ل'], false, true)];
    match first {
        'و' => WAW,
        'ف' => FA,
        'ب' => BA,
        'ك' => KAF,
        'ل' => LAM,
        'ا' => ALIF,
        _ => &[],
    }
}

/// One proclitic split of a token: the remainder is `token[start..]`, preceded by `ال` when
/// `restore` (لل written for ل + ال).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Reading {
    start: usize,
    restore: bool,
    removes_article: bool,
}

/// The text a reading `r` of `tok` is looked up as: the remainder after the proclitics, with
/// the article restored (`ال` + remainder, written into `buf`) when `r.restore` is set.
fn reading_text<'a>(tok: &'a str, r: &Reading, buf: &'a mut String) -> &'a str {
    let rest = &tok[r.start..];
    if r.restore {
        buf.clear();
        buf.push_str("ال");
        buf.push_str(rest);
        buf.as_str()
    } else {
        rest
    }
}

/// The proclitic splits of a token whose remainder has at least two characters, longest
/// chain first, computed from the first six characters without allocating.
struct Readings {
    rules: &'static [Rule],
    chars: [char; 6],
    /// Byte offset of the end of each of the first six characters.
    ends: [usize; 6],
    n: usize,
    next: usize,
}

impl Readings {
    fn new(word: &str) -> Self {
        let rules = word.chars().next().map_or(&[][..], rules_for);
        let mut r = Readings { rules, chars: ['\0'; 6], ends: [0; 6], n: 0, next: 0 };
        if rules.is_empty() {
            return r;
        }
        for (i, c) in word.char_indices().take(6) {
            r.chars[r.n] = c;
            r.ends[r.n] = i + c.len_utf8();
            r.n += 1;
        }
        r
    }
}

impl Iterator for Readings {
    type Item = Reading;
    fn next(&mut self) -> Option<Reading> {
        while let Some(&(prefix, restore, removes_article)) = self.rules.get(self.next) {
            self.next += 1;
            let k = prefix.len();
            // the remainder must keep at least two characters
            if self.n >= k + 2 && prefix.iter().zip(&self.chars).all(|(a, b)| a == b) {
                return Some(Reading { start: self.ends[k - 1], restore, removes_article });
            }
        }
        None
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::text::clitics::proclitic_splits;

    #[test]
    fn readings_equal_proclitic_splits() {
        let words = [
            "وللكويت",
            "بمصر",
            "وبالهند",
            "والهندية",
            "للكويت",
            "لبنان",
            "فلسطين",
            "فرنسا",
            "بريطانيا",
            "كندا",
            "ليبيا",
            "بلغاريا",
            "البرازيل",
            "الكويت",
            "فللبنان",
            "ولل",
            "وب",
            "والاب",
            "كالعادة",
            "فبالتالي",
            "وكالة",
            "للا",
            "لل",
            "ال",
            "و",
            "فالبحرين",
            "وكالهند",
            "فكالهند",
            "ولليبيا",
            "بالي",
            "والي",
            "فلل",
        ];
        for w in words {
            let expected: Vec<(String, bool)> = proclitic_splits(w)
                .into_iter()
                .map(|s| (s.remainder.into_owned(), s.removes_article))
                .collect();
            let got: Vec<(String, bool)> = Readings::new(w)
                .map(|r| {
                    let rest = &w[r.start..];
                    (
                        if r.restore { format!("ال{rest}") } else { rest.to_string() },
                        r.removes_article,
                    )
                })
                .collect();
            assert_eq!(got, expected, "{w}");
        }
    }

    use crate::lexicon::Lexicon;
    use crate::text::{Normalizer, Preset};

    const TSV: &str = "\
country:LBN\tcountry\tلبنان\tLebanon\tلبنان
country:XXX\tcountry\tبنان\tTest\tبنان
country:QAT\tcountry\tقطر\tQatar\tقطر|![نصف] قطر
country:IND\tcountry\tالهند\tIndia\tالهند|الهندية|!المحيط الهندي
country:USA\tcountry\tالولايات المتحدة\tUS\tالولايات المتحدة|الولايات المتحدة الأمريكية
country:NER\tcountry\tالنيجر\tNiger\tالنيجر
country:MLI\tcountry\tمالي\tMali\t?مالي|[في] مالي|جمهورية مالي
country:OMN\tcountry\tعمان\tOman\t?عمان|![العاصمة الأردنية] عمان
country:COG\tcountry\tالكونغو\tCongo\t?الكونغو
country:COD\tcountry\tالكونغو الديمقراطية\tDR Congo\t?الكونغو|الكونغو الديمقراطية
region:asia\tregion\tآسيا\tAsia\tآسيا
region:south-asia\tregion\tجنوب آسيا\tSouth Asia\tجنوب آسيا
theme:terrorism\ttheme\tإرهاب\tTerrorism\tإرهاب*|تنظيم القاعدة
theme:cyber\ttheme\tسيبراني\tCyber\tهجمات الكتروني*
theme:migration\ttheme\tلجوء\tMigration\tلجوء|!لجوء [إلى]|الاتجار بالبشر
theme:crime\ttheme\tجريمة\tCrime\tالاتجار بالبشر
";

    fn matcher() -> (Lexicon, Matcher) {
        let n = Normalizer::new(Preset::Standard);
        let lex = Lexicon::parse_tsv(TSV, "test.tsv", &n).unwrap();
        let m = lex.matcher();
        (lex, m)
    }

    /// (id, start, end, ambiguous) for whitespace-separated, already normalised tokens.
    fn find(m: &Matcher, sentence: &str) -> Vec<(String, usize, usize, bool)> {
        let n = Normalizer::new(Preset::Standard);
        let toks: Vec<String> = sentence.split_whitespace().map(|t| n.normalize(t)).collect();
        let mut out = Vec::new();
        m.find(&toks, &mut out);
        out.iter().map(|x| (m.id(x.entry).to_string(), x.start, x.end, x.ambiguous)).collect()
    }

    fn ids(m: &Matcher, sentence: &str) -> Vec<String> {
        find(m, sentence).into_iter().map(|x| x.0).collect()
    }

    #[test]
    fn matcher_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Matcher>();
    }

    #[test]
    fn plain_token_first_then_proclitics() {
        let (_, m) = matcher();
        // لبنان is an entry: never ل + بنان
        assert_eq!(ids(&m, "لبنان"), ["country:LBN"]);
        assert_eq!(ids(&m, "بنان"), ["country:XXX"]);
        // وللبنان: و + ل + لبنان (the split whose remainder is an entry)
        assert_eq!(ids(&m, "وللبنان"), ["country:LBN"]);
        assert_eq!(ids(&m, "وبالهند والهندية للهند"), ["country:IND"; 3]);
    }

    #[test]
    fn the_article_belongs_to_names() {
        let (_, m) = matcher();
        assert!(ids(&m, "القطر").is_empty());
        assert!(ids(&m, "والقطر بالقطر").is_empty());
        assert_eq!(ids(&m, "وقطر لقطر"), ["country:QAT"; 2]);
        // themes: the article goes, on every word of a phrase
        assert_eq!(ids(&m, "الإرهابيين والإرهاب"), ["theme:terrorism"; 2]);
        assert_eq!(find(&m, "شن الهجمات الإلكترونية"), [("theme:cyber".into(), 1, 3, false)]);
        assert_eq!(find(&m, "هجمات إلكترونية"), [("theme:cyber".into(), 0, 2, false)]);
    }

    #[test]
    fn globs_match_prefixes_of_whole_tokens_only() {
        let (_, m) = matcher();
        assert_eq!(ids(&m, "إرهابي للإرهاب"), ["theme:terrorism"; 2]);
        // ارهاب inside a token (after something that is not a proclitic) is not a match
        assert!(ids(&m, "مكافحةالإرهاب ضدإرهاب").is_empty());
    }

    #[test]
    fn longest_match_wins_and_resumes_after_it() {
        let (_, m) = matcher();
        assert_eq!(find(&m, "جنوب آسيا"), [("region:south-asia".into(), 0, 2, false)]);
        assert_eq!(
            find(&m, "وجنوب آسيا وآسيا"),
            [("region:south-asia".into(), 0, 2, false), ("region:asia".into(), 2, 3, false),]
        );
        assert_eq!(
            find(&m, "الولايات المتحدة الأمريكية والهند"),
            [("country:USA".into(), 0, 3, false), ("country:IND".into(), 3, 4, false),]
        );
        // only the first word of a phrase may carry proclitics
        assert!(ids(&m, "الولايات والمتحدة").is_empty());
        assert_eq!(find(&m, "بالولايات المتحدة"), [("country:USA".into(), 0, 2, false)]);
        // a block consumes its phrase
        assert!(ids(&m, "المحيط الهندي").is_empty());
        assert_eq!(ids(&m, "والمحيط الهندي والهندية"), ["country:IND"]);
    }

    #[test]
    fn empty_tokens_break_phrases() {
        let (_, m) = matcher();
        let toks = ["الولايات", "", "المتحدة"];
        let mut out = Vec::new();
        m.find(&toks, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn context_words_and_specificity() {
        let (_, m) = matcher();
        assert_eq!(find(&m, "دعم مالي"), [("country:MLI".into(), 1, 2, true)]);
        // [في] مالي: resolved, and في is not part of the mention
        assert_eq!(find(&m, "هجوم في مالي"), [("country:MLI".into(), 2, 3, false)]);
        assert_eq!(find(&m, "وفي مالي"), [("country:MLI".into(), 1, 2, false)]);
        assert_eq!(find(&m, "جمهورية مالي"), [("country:MLI".into(), 0, 2, false)]);
        // a block with context beats the ambiguous pattern
        assert_eq!(find(&m, "في العاصمة الأردنية عمان"), []);
        assert_eq!(find(&m, "في عمان"), [("country:OMN".into(), 1, 2, true)]);
        // trailing context: اللجوء إلى (resorting to) is not asylum
        assert!(ids(&m, "اللجوء إلى القوة").is_empty());
        assert_eq!(ids(&m, "طلب اللجوء"), ["theme:migration"]);
        // context that is missing at the sentence edge
        assert_eq!(find(&m, "مالي"), [("country:MLI".into(), 0, 1, true)]);
    }

    #[test]
    fn coordination_resolves_single_candidates() {
        let (_, m) = matcher();
        assert_eq!(
            find(&m, "النيجر ومالي"),
            [("country:NER".into(), 0, 1, false), ("country:MLI".into(), 1, 2, false),]
        );
        assert_eq!(
            find(&m, "مالي والنيجر"),
            [("country:MLI".into(), 0, 1, false), ("country:NER".into(), 1, 2, false),]
        );
        // no و: not resolved; a non-country neighbour does not resolve
        assert_eq!(find(&m, "النيجر مالي")[1], ("country:MLI".into(), 1, 2, true));
        assert_eq!(find(&m, "الإرهاب ومالي")[1], ("country:MLI".into(), 1, 2, true));
        // two candidates (both Congos): coordination cannot choose
        assert_eq!(
            find(&m, "النيجر والكونغو"),
            [
                ("country:NER".into(), 0, 1, false),
                ("country:COG".into(), 1, 2, true),
                ("country:COD".into(), 1, 2, true),
            ]
        );
    }

    #[test]
    fn shared_patterns_give_one_mention_per_entry_sorted() {
        let (lex, m) = matcher();
        let got = find(&m, "الاتجار بالبشر");
        assert_eq!(got.len(), 2);
        let a = lex.find_id("theme:migration").unwrap();
        let b = lex.find_id("theme:crime").unwrap();
        assert!(a < b);
        assert_eq!(got[0].0, "theme:migration");
        assert_eq!(got[1].0, "theme:crime");
        assert_eq!(find(&m, "الكونغو الديمقراطية"), [("country:COD".into(), 0, 2, false)]);
    }

    #[test]
    fn regional_spellings_match_the_entry() {
        let (_, m) = matcher();
        // final ى for ي, final ه for ة (also in later words of a phrase and in context words)
        assert_eq!(ids(&m, "الهنديه وللهنديه"), ["country:IND"; 2]);
        assert!(ids(&m, "المحيط الهندى").is_empty());
        assert_eq!(ids(&m, "الولايات المتحده"), ["country:USA"]);
        assert_eq!(find(&m, "هجوم فى مالى"), [("country:MLI".into(), 2, 3, false)]);
        // regional letters: ڤ ڥ → ف, پ → ب, گ ڨ ݣ → the reading that is an entry
        let n = Normalizer::new(Preset::Standard);
        let lex = Lexicon::parse_tsv(
            "country:VNM\tcountry\tفيتنام\tViet Nam\tفيتنام\ncountry:PAK\tcountry\tباكستان\tPakistan\tباكستان\ncountry:AGO\tcountry\tأنغولا\tAngola\tأنغولا\ncountry:GEO\tcountry\tجورجيا\tGeorgia\tجورجيا\ncountry:TCD\tcountry\tتشاد\tChad\tتشاد\n",
            "t.tsv",
            &n,
        )
        .unwrap();
        let m = lex.matcher();
        assert_eq!(
            ids(&m, "ڤيتنام ڥيتنام وپاكستان"),
            ["country:VNM", "country:VNM", "country:PAK"]
        );
        assert_eq!(ids(&m, "أنگولا أنڨولا"), ["country:AGO"; 2]);
        assert_eq!(ids(&m, "گورگيا"), ["country:GEO"]);
        assert_eq!(ids(&m, "چاد"), ["country:TCD"]);
        // a regional letter in a word that is no entry finds nothing
        assert!(ids(&m, "گرفت").is_empty());
    }

    #[test]
    fn final_variants_and_folded_equality() {
        assert_eq!(final_variants("اليمني"), ["اليمني", "اليمنی"]);
        assert_eq!(final_variants("الهندي"), ["الهندي", "الهندى", "الهندی"]);
        assert_eq!(final_variants("السعودية"), ["السعوديه", "السعودية", "السعودي\u{06C3}"]);
        assert_eq!(final_variants("مصر"), ["مصر"]);
        assert!(eq_final_folded("مالي", "مالى"));
        assert!(eq_final_folded("المتحدة", "المتحده"));
        assert!(!eq_final_folded("مالي", "ماله"));
    }

    #[test]
    fn glob_keys() {
        assert_eq!(glob_key("ارهاب"), Some("اره"));
        assert_eq!(glob_key("اره"), Some("اره"));
        assert_eq!(glob_key("ار"), None);
    }
}
