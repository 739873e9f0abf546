//! Extractive key sentences: position-biased LexRank, and ROUGE-N for evaluating it.
//!
//! # Method
//!
//! Sentences are ranked with **continuous LexRank** (G. Erkan and D. R. Radev, 2004,
//! "LexRank: Graph-based Lexical Centrality as Salience in Text Summarization", *Journal of
//! Artificial Intelligence Research* 22:457–479):
//!
//! 1. each sentence is a vector of its term keys (normalised, stopword-free: the
//!    [`Role::Term`] tokens of [`Pipeline::terms`]), weighted tf × idf;
//! 2. the graph links every pair of sentences by their idf-modified cosine similarity
//!    (the paper's eq. 1; no self-loops);
//! 3. the score vector is the stationary distribution of a random walk on the
//!    row-normalised graph that, with probability `1 − d`, jumps to a sentence drawn from a
//!    *teleport vector* `v` (the paper's eq. 5 with damping `d`), found by power iteration.
//!
//! With the uniform teleport vector this is the paper's continuous LexRank. The default
//! teleport vector is instead a **position prior**, `v_i ∝ 1/(i+1)` for the sentence at
//! 0-based position `i` of the unit — the biased random walk of Biased LexRank (J.
//! Otterbacher, G. Erkan and D. R. Radev, 2009, "Biased LexRank: Passage retrieval using
//! random walks with question-based priors", *Information Processing & Management*
//! 45(1):42–54), with the position of a sentence as the bias instead of a query, as news
//! text puts its key facts first. See [`PositionPrior`] and [`DEFAULT_DAMPING`].
//!
//! On EASC (`examples/easc_eval.rs`, 40 % word budget, ROUGE F1 against 5 references)
//! plain LexRank scores far below the lead baseline (ROUGE-1 0.436 vs 0.503); the
//! position-biased walk scores 0.509 / 0.434 (ROUGE-1 / ROUGE-2) against lead-40 %'s
//! 0.503 / 0.431 — above it, but within noise (paired bootstrap 95 % intervals include 0),
//! and slightly below the first sentences taken with the same skip-and-fill selection
//! (0.512 / 0.438). The EASC references follow reading order more than lexical centrality.
//!
//! Selection ([`select`]) walks the sentences from the highest score down (ties: earlier
//! sentence first) and keeps each one that still fits the [`Budget`]; the chosen indices
//! are returned in document order. Everything is deterministic.
//!
//! # Cost
//!
//! Similarities are accumulated through an inverted index, so building the graph costs
//! `Σ_t df_t²` (df = sentences containing term `t`), at most `n²` for `n` sentences; each
//! power-iteration step costs one pass over the edges, with at most
//! [`SummaryOptions::max_iterations`] steps. Units longer than
//! [`SummaryOptions::max_graph_sentences`] sentences are ranked in consecutive blocks of that
//! size, which bounds the cost at `n × max_graph_sentences` pairs.
//!
//! [`Role::Term`]: crate::text::Role::Term
//! [`Pipeline::terms`]: crate::text::Pipeline::terms

use crate::structure::Section;
use crate::text::{Pipeline, Role, Scratch, TokenKind};
use rustc_hash::FxHashMap;
use std::hash::Hash;
use std::ops::Range;

/// Damping factor `d` of the random walk used by default: the probability of following a
/// similarity edge rather than jumping back to the teleport vector. LexRank's paper uses
/// 0.85 with a uniform teleport vector. With the position prior, `d` sets how far
/// centrality may move a sentence away from its place in the reading order. 0.15 was
/// chosen on EASC (the only Arabic gold set we have, so it is not a held-out estimate):
/// there, ROUGE falls as `d` grows (0.15: above the lead-40 % baseline on ROUGE-1 and -2;
/// 0.3: level with it; 0.5 and above: below it), i.e. the human EASC summaries follow
/// position more than centrality.
pub const DEFAULT_DAMPING: f64 = 0.15;

/// MMR trade-off `λ` of the default selection (see [`Redundancy`]): 1, i.e. the ranking
/// decides and only near copies are dropped. On ANT (`examples/ant_train.rs`, validation
/// bucket) `λ` = 0.7 scored best with 2 sentences per article (ROUGE-1 +0.0017 over `λ` = 1
/// for the learned ranker) and `λ` = 1 with 40 % of the words; on EASC, which no parameter
/// was fitted on, `λ` = 0.7 lowered ROUGE-1 at both budgets (−0.0154 at 40 %, −0.0054 at 2
/// sentences): human extracts there follow the reading order rather than variety.
pub const DEFAULT_MMR_LAMBDA: f64 = 1.0;

/// Weights of the learned ranker, one per [`features`] entry (see [`FEATURE_NAMES`]): an
/// L2-regularised logistic regression fitted on ANT (BBC and CNN articles whose abstract
/// is not their first paragraph; labels from a greedy ROUGE oracle against the abstract,
/// Nallapati et al. 2017), printed by `examples/ant_train.rs`. Never fitted on EASC.
pub const LEARNED_WEIGHTS: [f64; N_FEATURES] = [
    -2.8893, // bias
    0.5877,  // first sentence
    4.4601,  // 1/(position+1)
    -0.0295, // relative position
    -0.8177, // ln(1+words)
    -0.6871, // short (≤ 6 words)
    0.6320,  // LexRank centrality × n
    1.6363,  // title overlap
    0.0000,  // heading overlap
    0.4165,  // term frequency in the unit
    -0.2411, // numbers
    -0.2194, // quotation
    -0.7048, // paragraph start
    0.5247,  // term density
    0.8211,  // last sentence
    -0.2269, // relative position²
];

/// How much text to select, per unit (a section, or a whole document).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Budget {
    /// At most this many sentences (the best-scored ones).
    Sentences(usize),
    /// At most this share, in `[0, 1]`, of the unit's words (word and number tokens, see
    /// [`SentenceTerms::words`]); e.g. `0.4` for 40 %. Sentences are taken whole, so the
    /// summary is usually a little shorter than the budget; when not even the best sentence
    /// fits, that one sentence is taken alone (a non-empty unit never gets an empty summary
    /// unless the share is 0).
    Ratio(f64),
}

impl Default for Budget {
    /// Two sentences per unit.
    fn default() -> Self {
        Budget::Sentences(2)
    }
}

/// Error parsing a [`Budget`] from text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid budget {0:?}: use a sentence count (\"2\"), a percentage of words (\"40%\") or a share (\"0.4\")"
)]
pub struct BudgetParseError(pub String);

impl std::str::FromStr for Budget {
    type Err = BudgetParseError;
    /// `"2"` → 2 sentences; `"40%"` → 40 % of the words; `"0.4"` → 40 % of the words.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let err = || BudgetParseError(s.to_string());
        if let Some(p) = t.strip_suffix('%') {
            let v: f64 = p.trim().parse().map_err(|_| err())?;
            return if (0.0..=100.0).contains(&v) {
                Ok(Budget::Ratio(v / 100.0))
            } else {
                Err(err())
            };
        }
        if let Ok(n) = t.parse::<usize>() {
            return Ok(Budget::Sentences(n));
        }
        let v: f64 = t.parse().map_err(|_| err())?;
        if (0.0..=1.0).contains(&v) { Ok(Budget::Ratio(v)) } else { Err(err()) }
    }
}

impl std::fmt::Display for Budget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Budget::Sentences(n) => write!(f, "{n} sentences"),
            Budget::Ratio(r) => write!(f, "{}% of words", r * 100.0),
        }
    }
}

/// The teleport (personalisation) vector of the random walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionPrior {
    /// Uniform: plain continuous LexRank (Erkan & Radev 2004).
    Uniform,
    /// `v_i ∝ 1/(i+1)` for the sentence at 0-based position `i` in the unit (the default):
    /// a biased LexRank walk that favours the first sentences, as news does.
    #[default]
    Harmonic,
}

/// Options of the ranking. `Default` gives the documented defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SummaryOptions {
    /// Damping `d` in `[0, 1]` (see [`DEFAULT_DAMPING`]).
    pub damping: f64,
    /// The teleport vector.
    pub prior: PositionPrior,
    /// Power iteration stops when the L1 change of the score vector falls below this.
    pub tolerance: f64,
    /// Power iteration stops after this many steps at most.
    pub max_iterations: usize,
    /// Units with more sentences are ranked in consecutive blocks of this many sentences
    /// (bounds the quadratic similarity step). At least 2.
    pub max_graph_sentences: usize,
}

impl Default for SummaryOptions {
    fn default() -> Self {
        SummaryOptions {
            damping: DEFAULT_DAMPING,
            prior: PositionPrior::Harmonic,
            tolerance: 1e-7,
            max_iterations: 200,
            max_graph_sentences: 1000,
        }
    }
}

/// One sentence as the ranking sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SentenceTerms<K> {
    /// Its term keys in text order, repeats kept (they are the term frequencies):
    /// normalised, stopword-free keys, e.g. the [`Role::Term`] keys of [`Pipeline::terms`].
    pub terms: Vec<K>,
    /// Its length in words, for [`Budget::Ratio`]: word and number tokens, stopwords
    /// included (URLs, e-mails and handles are not words).
    pub words: usize,
}

/// The term keys of each sentence span of `text`, through `pipeline`: the keys of
/// [`Role::Term`] tokens, and the count of word and number tokens (any role).
pub fn sentence_terms(
    pipeline: &Pipeline,
    text: &str,
    sentences: &[Range<usize>],
    scratch: &mut Scratch,
) -> Vec<SentenceTerms<String>> {
    sentences
        .iter()
        .map(|span| {
            let mut s = SentenceTerms { terms: Vec::new(), words: 0 };
            pipeline.terms(text, span.clone(), scratch, |t| {
                if matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                    s.words += 1;
                }
                if t.role == Role::Term {
                    s.terms.push(t.key.to_string());
                }
            });
            s
        })
        .collect()
}

/// The sentence spans of a section's paragraphs (its heading excluded), in document order:
/// the unit that the `sections` command summarises.
pub fn section_sentences(section: &Section) -> Vec<Range<usize>> {
    section.paragraphs.iter().flat_map(|p| p.sentences.iter().cloned()).collect()
}

/// The unit of a section as `tahlil sections` builds it: the sentences of `section`'s
/// paragraphs as term ids interned in `keys` (the [`Role::Term`] keys of `pipeline`), their
/// lengths in words (word and number tokens not excluded by the pipeline), their
/// [`SentenceInfo`], and the title's (`title`, e.g. the document's title field) and
/// heading's term ids as context.
pub fn section_unit(
    pipeline: &Pipeline,
    text: &str,
    title: Option<&str>,
    section: &Section,
    keys: &mut crate::text::hashed::Interner,
    scratch: &mut Scratch,
) -> IdSentences {
    let mut ids = |t: &str, span: Range<usize>, scratch: &mut Scratch, out: &mut Vec<u32>| {
        let (mut words, mut numbers) = (0usize, 0u32);
        pipeline.terms(t, span, scratch, |term| {
            if matches!(term.kind, TokenKind::Word | TokenKind::Number)
                && term.role != Role::Excluded
            {
                words += 1;
                numbers += u32::from(term.kind == TokenKind::Number);
            }
            if term.role == Role::Term {
                out.push(keys.intern_hashed(term.key, term.key_hash));
            }
        });
        (words, numbers)
    };
    let (mut title_ids, mut heading_ids, mut buf) = (Vec::new(), Vec::new(), Vec::new());
    if let Some(t) = title {
        ids(t, 0..t.len(), scratch, &mut title_ids);
    }
    if let Some(h) = &section.heading {
        ids(text, h.span.clone(), scratch, &mut heading_ids);
    }
    let mut unit = IdSentences::new();
    for p in &section.paragraphs {
        for (k, span) in p.sentences.iter().enumerate() {
            buf.clear();
            let (words, numbers) = ids(text, span.clone(), scratch, &mut buf);
            unit.push_with(&buf, words, SentenceInfo::of(&text[span.clone()], numbers, k == 0));
        }
    }
    unit.set_context(&title_ids, &heading_ids);
    unit
}

/// Key sentences of one unit with the default options and in-unit term weights: indices
/// into `sentences`, in document order. See the module docs for the method.
///
/// Empty input gives an empty result; sentences with no words are never selected.
pub fn key_sentences<K: Hash + Eq>(sentences: &[SentenceTerms<K>], budget: Budget) -> Vec<usize> {
    key_sentences_ids(&IdSentences::from_terms(sentences), budget)
}

/// [`key_sentences`] with explicit options and, optionally, corpus idf weights: `idf(key)`
/// must be finite and ≥ 0 (e.g. `ln(N / df)` over a corpus of N documents). Without it,
/// terms are weighted by their in-unit inverse sentence frequency `ln(1 + n / sf)` (n
/// sentences, sf of them containing the term).
pub fn key_sentences_with<K: Hash + Eq>(
    sentences: &[SentenceTerms<K>],
    budget: Budget,
    opts: &SummaryOptions,
    idf: Option<&dyn Fn(&K) -> f64>,
) -> Vec<usize> {
    let scores = scores(sentences, opts, idf);
    let words: Vec<usize> = sentences.iter().map(|s| s.words).collect();
    let tf = TfVectors::of_ids(&IdSentences::from_terms(sentences));
    let copies_only = Redundancy { lambda: 1.0, copy_cosine: COPY_COSINE };
    select_mmr(&scores, &words, budget, copies_only, |i, j| tf.cosine(i, j))
}

/// The LexRank scores of the sentences (see the module docs): one per sentence, each ≥ 0,
/// summing to 1 (0 sentences: empty; 1 sentence: `[1.0]`). Never NaN, provided `idf`
/// returns finite values.
pub fn scores<K: Hash + Eq>(
    sentences: &[SentenceTerms<K>],
    opts: &SummaryOptions,
    idf: Option<&dyn Fn(&K) -> f64>,
) -> Vec<f64> {
    let mut keys: FxHashMap<&K, u32> = FxHashMap::default();
    block_scores(sentences.len(), opts, idf.is_some(), |range, block| {
        keys.clear();
        for s in &sentences[range] {
            for k in &s.terms {
                let next = keys.len() as u32;
                let id = *keys.entry(k).or_insert_with(|| {
                    block.weight.push(idf.map_or(0.0, |f| f(k)));
                    next
                });
                block.ids.push(id);
            }
            block.ends.push(block.ids.len());
        }
    })
}

/// Sentences of one unit as term ids (small integers, e.g. interned per document by
/// [`crate::text::hashed::Interner`]), stored back to back: one allocation for the whole
/// unit instead of one per sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdSentences {
    ids: Vec<u32>,
    ends: Vec<usize>,
    words: Vec<usize>,
    info: Vec<SentenceInfo>,
    /// The unit's title term ids then its heading term ids (see [`IdSentences::set_context`]).
    context: Vec<u32>,
    title_len: usize,
}

/// What the learned ranker knows of a sentence beyond its terms (see [`features`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SentenceInfo {
    /// Number tokens in the sentence.
    pub numbers: u32,
    /// True when the sentence holds a quotation mark (`"` `«` `»` `“` `”`).
    pub quote: bool,
    /// True when the sentence opens its paragraph.
    pub paragraph_start: bool,
}

impl SentenceInfo {
    /// The [`SentenceInfo`] of sentence `text` (one of its paragraph, the first when
    /// `paragraph_start`) with `numbers` number tokens.
    pub fn of(text: &str, numbers: u32, paragraph_start: bool) -> Self {
        let quote =
            memchr::memchr(b'"', text.as_bytes()).is_some() || text.contains(['«', '»', '“', '”']);
        SentenceInfo { numbers, quote, paragraph_start }
    }
}

impl IdSentences {
    /// No sentences.
    pub fn new() -> Self {
        Self::default()
    }

    /// The sentences of `sentences` with their keys numbered from 0 in first-seen order
    /// (no [`SentenceInfo`], no title or heading).
    pub fn from_terms<K: Hash + Eq>(sentences: &[SentenceTerms<K>]) -> Self {
        let mut keys: FxHashMap<&K, u32> = FxHashMap::default();
        let mut out = IdSentences::new();
        let mut buf = Vec::new();
        for s in sentences {
            buf.clear();
            for k in &s.terms {
                let next = keys.len() as u32;
                buf.push(*keys.entry(k).or_insert(next));
            }
            out.push(&buf, s.words);
        }
        out
    }

    /// Appends a sentence: its term ids in text order, repeats kept (see
    /// [`SentenceTerms::terms`]), and its length in words (see [`SentenceTerms::words`]).
    pub fn push(&mut self, terms: &[u32], words: usize) {
        self.push_with(terms, words, SentenceInfo::default());
    }

    /// [`IdSentences::push`] with what the learned ranker knows of the sentence.
    pub fn push_with(&mut self, terms: &[u32], words: usize, info: SentenceInfo) {
        self.ids.extend_from_slice(terms);
        self.ends.push(self.ids.len());
        self.words.push(words);
        self.info.push(info);
    }

    /// Sets the term ids of the unit's title (the document's headline) and of its heading
    /// (the section's; empty for a lead section), used by [`features`].
    pub fn set_context(&mut self, title: &[u32], heading: &[u32]) {
        self.context.clear();
        self.context.extend_from_slice(title);
        self.context.extend_from_slice(heading);
        self.title_len = title.len();
    }

    /// The title term ids set by [`IdSentences::set_context`].
    pub fn title(&self) -> &[u32] {
        &self.context[..self.title_len]
    }

    /// The heading term ids set by [`IdSentences::set_context`].
    pub fn heading(&self) -> &[u32] {
        &self.context[self.title_len..]
    }

    /// What is known of each sentence besides its terms.
    pub fn info(&self) -> &[SentenceInfo] {
        &self.info
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Removes every sentence, keeping the buffers.
    pub fn clear(&mut self) {
        self.ids.clear();
        self.ends.clear();
        self.words.clear();
        self.info.clear();
        self.context.clear();
        self.title_len = 0;
    }

    /// True when there are no sentences.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The term ids of sentence `i`.
    ///
    /// # Panics
    /// When `i` is out of range.
    pub fn terms(&self, i: usize) -> &[u32] {
        self.ids_of(i..i + 1)
    }

    /// The term ids of the sentences in `range` (not empty, in range), back to back.
    fn ids_of(&self, range: Range<usize>) -> &[u32] {
        let start = if range.start == 0 { 0 } else { self.ends[range.start - 1] };
        &self.ids[start..self.ends[range.end - 1]]
    }

    /// The sentences' lengths in words.
    pub fn words(&self) -> &[usize] {
        &self.words
    }
}

/// [`key_sentences`] for sentences of term ids: the same choice as [`key_sentences`] on
/// the equivalent `[SentenceTerms<u32>]`, score for score (block-local ids are assigned
/// in the same first-seen order, through an array indexed by id instead of a hash map).
pub fn key_sentences_ids(sentences: &IdSentences, budget: Budget) -> Vec<usize> {
    key_sentences_ranked(sentences, budget, Ranker::default(), Redundancy::default())
}

/// [`scores`] for sentences of term ids, with in-unit term weights: equal to [`scores`] on
/// the equivalent `[SentenceTerms<u32>]`, bit for bit.
pub fn scores_ids(sentences: &IdSentences, opts: &SummaryOptions) -> Vec<f64> {
    let max = sentences.ids.iter().max().map_or(0, |&m| m as usize + 1);
    let mut local = vec![u32::MAX; max];
    block_scores(sentences.len(), opts, false, |range, block| {
        let ids = sentences.ids_of(range.clone()).len();
        block.ids.reserve(ids);
        block.weight.reserve(ids);
        block.ends.reserve(range.len());
        for i in range.clone() {
            for &k in sentences.terms(i) {
                let slot = &mut local[k as usize];
                if *slot == u32::MAX {
                    *slot = block.weight.len() as u32;
                    block.weight.push(0.0);
                }
                block.ids.push(*slot);
            }
            block.ends.push(block.ids.len());
        }
        // forget this block's ids
        for i in range {
            for &k in sentences.terms(i) {
                local[k as usize] = u32::MAX;
            }
        }
    })
}

/// One block of sentences as the ranking sees it: block-local term ids (numbered from 0 in
/// first-seen order over the block), the end of each sentence's ids, and each id's
/// initial weight (the caller's idf, or 0 when the weights are computed in the unit).
#[derive(Debug, Default)]
struct BlockIds {
    ids: Vec<u32>,
    ends: Vec<usize>,
    weight: Vec<f64>,
}

/// The scores of `n` sentences (see [`scores`]), ranked in blocks of
/// [`SummaryOptions::max_graph_sentences`]; `fill(range, block)` writes the [`BlockIds`]
/// of the sentences in `range` into the empty `block`. `given_idf`: the weights `fill`
/// writes are the caller's idf, else they are computed from the block.
fn block_scores(
    n: usize,
    opts: &SummaryOptions,
    given_idf: bool,
    mut fill: impl FnMut(Range<usize>, &mut BlockIds),
) -> Vec<f64> {
    if n == 0 {
        return Vec::new();
    }
    let prior = prior_weights(n, opts.prior);
    let block = opts.max_graph_sentences.max(2);
    let mut out = Vec::with_capacity(n);
    let mut ids = BlockIds::default();
    let mut start = 0;
    while start < n {
        let end = (start + block).min(n);
        let mass: f64 = prior[start..end].iter().sum();
        let v: Vec<f64> = prior[start..end].iter().map(|p| p / mass).collect();
        let s = if end - start == 1 {
            vec![1.0]
        } else {
            ids.ids.clear();
            ids.ends.clear();
            ids.weight.clear();
            fill(start..end, &mut ids);
            rank_block(&mut ids, &v, opts, given_idf)
        };
        out.extend(s.into_iter().map(|x| x * mass));
        start = end;
    }
    out
}

/// Unnormalised teleport weights for `n` sentences (they sum to the total prior mass).
fn prior_weights(n: usize, prior: PositionPrior) -> Vec<f64> {
    let w: Vec<f64> = match prior {
        PositionPrior::Uniform => vec![1.0; n],
        PositionPrior::Harmonic => (0..n).map(|i| 1.0 / (i as f64 + 1.0)).collect(),
    };
    let total: f64 = w.iter().sum();
    w.into_iter().map(|x| x / total).collect()
}

/// A sparse matrix in compressed-row form: row `i` is `entries[offsets[i]..offsets[i + 1]]`,
/// each entry a (column, value) pair. One allocation per matrix instead of one per row.
#[derive(Debug, Default)]
struct Rows {
    offsets: Vec<usize>,
    entries: Vec<(u32, f64)>,
}

impl Rows {
    /// Row `i`.
    #[inline]
    fn row(&self, i: usize) -> &[(u32, f64)] {
        &self.entries[self.offsets[i]..self.offsets[i + 1]]
    }

    /// Number of rows.
    fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// The rows of `lens.len()` rows of the given lengths, filled by `fill`, which gets a
    /// push function `(row, column, value)` and must push exactly `lens[row]` entries to
    /// each row; entries keep the order they were pushed in.
    fn build(lens: &[usize], fill: impl FnOnce(&mut dyn FnMut(usize, u32, f64))) -> Rows {
        let mut offsets = Vec::with_capacity(lens.len() + 1);
        offsets.push(0);
        for &l in lens {
            offsets.push(offsets[offsets.len() - 1] + l);
        }
        let mut entries = vec![(0u32, 0.0f64); offsets[lens.len()]];
        let mut next: Vec<usize> = offsets[..lens.len()].to_vec();
        fill(&mut |row, col, val| {
            entries[next[row]] = (col, val);
            next[row] += 1;
        });
        Rows { offsets, entries }
    }
}

/// Biased LexRank on one block; `v` is its teleport vector (sums to 1). Returns scores
/// summing to 1.
///
/// Every sum is taken in the same order as the straightforward version with one vector per
/// sentence, per term and per graph node (terms of a sentence by block-local id, sentences
/// by position), so the scores are the same to the last bit; the matrices are stored in
/// compressed rows ([`Rows`]) to avoid a small allocation per row.
fn rank_block(block: &mut BlockIds, v: &[f64], opts: &SummaryOptions, given_idf: bool) -> Vec<f64> {
    let n = block.ends.len();
    if n == 1 {
        return vec![1.0];
    }
    // per-sentence term frequencies by id (ids in increasing order)
    let weight = &mut block.weight;
    let mut sf: Vec<u32> = vec![0; weight.len()];
    let mut tf =
        Rows { offsets: Vec::with_capacity(n + 1), entries: Vec::with_capacity(block.ids.len()) };
    tf.offsets.push(0);
    let mut start = 0;
    for &end in &block.ends {
        let sentence_ids = &mut block.ids[start..end];
        start = end;
        sentence_ids.sort_unstable();
        for run in sentence_ids.chunk_by(|a, b| a == b) {
            tf.entries.push((run[0], run.len() as f64));
            sf[run[0] as usize] += 1;
        }
        tf.offsets.push(tf.entries.len());
    }
    if !given_idf {
        // ln(1 + n / sf) depends on sf alone (1..=n here): computed once per value
        let mut by_sf: Vec<f64> = vec![f64::NAN; n + 1];
        for (w, &f) in weight.iter_mut().zip(&sf) {
            let f = f.max(1) as usize;
            if by_sf[f].is_nan() {
                by_sf[f] = (1.0 + n as f64 / f as f64).ln();
            }
            *w = by_sf[f];
        }
    }
    for w in weight.iter_mut() {
        if !w.is_finite() || *w < 0.0 {
            *w = 0.0;
        }
    }
    let vecs = unit_vectors(&tf, weight);
    // inverted index: term → (sentence, weight), sentences in order
    let mut df = vec![0usize; weight.len()];
    for &(id, _) in &vecs.entries {
        df[id as usize] += 1;
    }
    let postings = Rows::build(&df, |push| {
        for i in 0..n {
            for &(id, w) in vecs.row(i) {
                push(id as usize, i as u32, w);
            }
        }
    });
    let (adj, row_sum) = similarity_graph(&vecs, &postings);
    power_iteration(&adj, &row_sum, v, opts)
}

/// The tf × idf vectors of the sentences (`tf` rows, `weight` per term id), normalised to
/// unit length; zero weights are dropped and zero vectors stay empty.
fn unit_vectors(tf: &Rows, weight: &[f64]) -> Rows {
    let mut out = Rows {
        offsets: Vec::with_capacity(tf.offsets.len()),
        entries: Vec::with_capacity(tf.entries.len()),
    };
    out.offsets.push(0);
    for i in 0..tf.len() {
        let start = out.entries.len();
        out.entries.extend(
            tf.row(i)
                .iter()
                .map(|&(id, c)| (id, c * weight[id as usize]))
                .filter(|&(_, w)| w > 0.0),
        );
        let x = &mut out.entries[start..];
        let norm = x.iter().map(|&(_, w)| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            for e in x {
                e.1 /= norm;
            }
        }
        out.offsets.push(out.entries.len());
    }
    out
}

/// The cosine similarity of every pair of sentences that share a term, through the
/// inverted index `postings`: the symmetric adjacency rows (neighbours in increasing order)
/// and each row's sum.
fn similarity_graph(vecs: &Rows, postings: &Rows) -> (Rows, Vec<f64>) {
    let n = vecs.len();
    let mut edges: Vec<(u32, u32, f64)> = Vec::new();
    let mut degree = vec![0usize; n];
    let mut acc = vec![0.0f64; n];
    let mut touched: Vec<u32> = Vec::new();
    // postings rows are in sentence order: skip, once and for all, those up to `i`
    let mut first = postings.offsets[..postings.len()].to_vec();
    for i in 0..n {
        for &(id, w) in vecs.row(i) {
            let id = id as usize;
            let end = postings.offsets[id + 1];
            while first[id] < end && postings.entries[first[id]].0 as usize <= i {
                first[id] += 1;
            }
            for &(j, wj) in &postings.entries[first[id]..end] {
                if acc[j as usize] == 0.0 {
                    touched.push(j);
                }
                acc[j as usize] += w * wj;
            }
        }
        touched.sort_unstable();
        for &j in &touched {
            let s = acc[j as usize];
            acc[j as usize] = 0.0;
            if s > 0.0 {
                edges.push((i as u32, j, s));
                degree[i] += 1;
                degree[j as usize] += 1;
            }
        }
        touched.clear();
    }
    // edges come by increasing (i, j): row j gets its smaller neighbours (from earlier i)
    // before its larger ones, so every row is in increasing order
    let adj = Rows::build(&degree, |push| {
        for &(i, j, s) in &edges {
            push(i as usize, j, s);
            push(j as usize, i, s);
        }
    });
    let row_sum = (0..n).map(|i| adj.row(i).iter().map(|&(_, w)| w).sum()).collect();
    (adj, row_sum)
}

/// Stationary distribution of `p ← (1−d)·v + d·(Pᵀp + dangling·v)`, `P` the row-normalised
/// adjacency; rows without edges (dangling) send their mass through `v`.
fn power_iteration(adj: &Rows, row_sum: &[f64], v: &[f64], opts: &SummaryOptions) -> Vec<f64> {
    let n = adj.len();
    let d = if opts.damping.is_finite() { opts.damping.clamp(0.0, 1.0) } else { DEFAULT_DAMPING };
    let mut p = v.to_vec();
    let mut next = vec![0.0; n];
    for _ in 0..opts.max_iterations {
        let mut dangling = 0.0;
        next.iter_mut().for_each(|x| *x = 0.0);
        for i in 0..n {
            if row_sum[i] > 0.0 {
                let share = p[i] / row_sum[i];
                for &(j, w) in adj.row(i) {
                    next[j as usize] += share * w;
                }
            } else {
                dangling += p[i];
            }
        }
        let mut delta = 0.0;
        let mut total = 0.0;
        for i in 0..n {
            let x = (1.0 - d) * v[i] + d * (next[i] + dangling * v[i]);
            delta += (x - p[i]).abs();
            total += x;
            next[i] = x;
        }
        // renormalise against rounding drift
        if total > 0.0 {
            next.iter_mut().for_each(|x| *x /= total);
        }
        std::mem::swap(&mut p, &mut next);
        if delta < opts.tolerance {
            break;
        }
    }
    p
}

/// Number of features of the learned ranker (see [`features`]).
pub const N_FEATURES: usize = 16;

/// The names of the [`features`], in order.
pub const FEATURE_NAMES: [&str; N_FEATURES] = [
    "bias",
    "first sentence",
    "1/(position+1)",
    "relative position",
    "ln(1+words)",
    "short (≤ 6 words)",
    "LexRank centrality × n",
    "title overlap",
    "heading overlap",
    "term frequency in the unit",
    "numbers",
    "quotation",
    "paragraph start",
    "term density",
    "last sentence",
    "relative position²",
];

/// The feature vector of each sentence of a unit, for the learned ranker ([`Ranker::Learned`]);
/// `n` sentences, sentence `i` from 0:
///
/// | # | feature | value |
/// |---|---|---|
/// | 0 | bias | 1 |
/// | 1 | first sentence | 1 when `i = 0` |
/// | 2 | harmonic position | `1/(i+1)` |
/// | 3 | relative position | `i/(n−1)` (0 when `n = 1`) |
/// | 4 | length | `ln(1 + words)` |
/// | 5 | short | 1 when `words ≤ 6` |
/// | 6 | centrality | continuous LexRank score (uniform prior, `d` = 0.85; Erkan & Radev 2004) × `n` |
/// | 7 | title overlap | distinct title terms in the sentence ÷ distinct title terms (0 without a title) |
/// | 8 | heading overlap | the same for the section heading |
/// | 9 | term frequency | mean over the sentence's term occurrences of `ln(tf in the unit)` (the centroid idea of Radev et al. 2004, MEAD; SumBasic's frequency, Nenkova & Vanderwende 2005) |
/// | 10 | numbers | `min(number tokens, 3) / 3` |
/// | 11 | quotation | 1 when it holds a quotation mark |
/// | 12 | paragraph start | 1 when it opens its paragraph |
/// | 13 | term density | terms ÷ words (0 without words): content words vs stopwords |
/// | 14 | last sentence | 1 when `i = n − 1` and `n > 1` (sign-offs, promos) |
/// | 15 | relative position² | feature 3 squared |
///
/// Everything is computed from the unit alone (no corpus statistics), in `O(tokens)` plus
/// one LexRank run.
pub fn features(sentences: &IdSentences) -> Vec<[f64; N_FEATURES]> {
    let n = sentences.len();
    if n == 0 {
        return Vec::new();
    }
    let centrality = scores_ids(
        sentences,
        &SummaryOptions { prior: PositionPrior::Uniform, damping: 0.85, ..Default::default() },
    );
    // term frequencies in the unit and the title / heading term sets, by id
    let max = sentences.ids.iter().chain(&sentences.context).max().map_or(0, |&m| m as usize + 1);
    let mut tf = vec![0u32; max];
    for &k in &sentences.ids {
        tf[k as usize] += 1;
    }
    // bit 1: title term, bit 2: heading term, bit 4: seen in the current sentence
    let mut mark = vec![0u8; max];
    let distinct = |ids: &[u32], bit: u8, mark: &mut Vec<u8>| {
        let mut c = 0usize;
        for &k in ids {
            if mark[k as usize] & bit == 0 {
                mark[k as usize] |= bit;
                c += 1;
            }
        }
        c
    };
    let n_title = distinct(sentences.title(), 1, &mut mark);
    let n_heading = distinct(sentences.heading(), 2, &mut mark);
    let mut out = Vec::with_capacity(n);
    for (i, &central) in centrality.iter().enumerate() {
        let terms = sentences.terms(i);
        let words = sentences.words[i];
        let info = sentences.info.get(i).copied().unwrap_or_default();
        let (mut in_title, mut in_heading) = (0usize, 0usize);
        let mut freq = 0.0;
        for &k in terms {
            let m = &mut mark[k as usize];
            if *m & 4 == 0 {
                *m |= 4;
                in_title += usize::from(*m & 1 != 0);
                in_heading += usize::from(*m & 2 != 0);
            }
            freq += f64::from(tf[k as usize]).ln();
        }
        for &k in terms {
            mark[k as usize] &= !4;
        }
        let rel = if n > 1 { i as f64 / (n - 1) as f64 } else { 0.0 };
        let share = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
        out.push([
            1.0,
            f64::from(u8::from(i == 0)),
            1.0 / (i as f64 + 1.0),
            rel,
            (1.0 + words as f64).ln(),
            f64::from(u8::from(words <= 6)),
            central * n as f64,
            share(in_title, n_title),
            share(in_heading, n_heading),
            if terms.is_empty() { 0.0 } else { freq / terms.len() as f64 },
            f64::from(info.numbers.min(3)) / 3.0,
            f64::from(u8::from(info.quote)),
            f64::from(u8::from(info.paragraph_start)),
            share(terms.len(), words).min(1.0),
            f64::from(u8::from(n > 1 && i == n - 1)),
            rel * rel,
        ]);
    }
    out
}

/// The learned ranker's score of each sentence: `w · x` with `x` its [`features`] and `w`
/// [`LEARNED_WEIGHTS`] (a logistic regression's log-odds that the sentence belongs in the
/// summary).
pub fn learned_scores(sentences: &IdSentences) -> Vec<f64> {
    learned_scores_with(sentences, &LEARNED_WEIGHTS)
}

/// [`learned_scores`] with other weights (for training and evaluation).
pub fn learned_scores_with(sentences: &IdSentences, weights: &[f64; N_FEATURES]) -> Vec<f64> {
    features(sentences).iter().map(|x| x.iter().zip(weights).map(|(a, b)| a * b).sum()).collect()
}

/// How sentences are scored before selection.
///
/// The default is the ranker that scored best on EASC, the evaluation no parameter was
/// fitted on (`examples/easc_eval.rs`): position-biased LexRank. The learned ranker, fitted
/// on ANT, beats it there (ROUGE-1 against the BBC and CNN abstracts, 2 sentences: 0.5074
/// vs 0.4929) but not on EASC (40 % of the words: 0.5052 vs 0.5098, paired difference
/// −0.0047 [−0.0106, +0.0009]; 2 sentences: 0.3689 vs 0.3746).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ranker {
    /// The learned linear scorer ([`learned_scores`]).
    Learned,
    /// Position-biased LexRank ([`scores_ids`] with the default [`SummaryOptions`]).
    #[default]
    LexRank,
}

/// The scores of a unit's sentences under `ranker`.
pub fn rank_ids(sentences: &IdSentences, ranker: Ranker) -> Vec<f64> {
    match ranker {
        Ranker::Learned => learned_scores(sentences),
        Ranker::LexRank => scores_ids(sentences, &SummaryOptions::default()),
    }
}

/// Key sentences of a unit of term-id sentences with the given ranker and redundancy
/// control: indices in document order.
pub fn key_sentences_ranked(
    sentences: &IdSentences,
    budget: Budget,
    ranker: Ranker,
    redundancy: Redundancy,
) -> Vec<usize> {
    let scores = rank_ids(sentences, ranker);
    let tf = TfVectors::of_ids(sentences);
    select_mmr(&scores, sentences.words(), budget, redundancy, |i, j| tf.cosine(i, j))
}

/// Cosine at or above which a sentence counts as a near copy of one already selected, which
/// is then never selected (Carbonell & Goldstein 1998's redundancy measure taken as a hard
/// threshold). Compared on the sentences' term-frequency vectors (see [`TfVectors`]); two
/// sentences with the same terms in any order and number have cosine 1.
pub const COPY_COSINE: f64 = 0.9;

/// Redundancy control of the selection: maximal marginal relevance (J. Carbonell and J.
/// Goldstein, 1998, "The use of MMR, diversity-based reranking for reordering documents and
/// producing summaries", *SIGIR '98*, 335–336). The next sentence is the one that maximises
/// `λ · score_i / max score − (1 − λ) · max_{j selected} cos(i, j)`; sentences with a cosine
/// of at least `copy_cosine` to a selected one are dropped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Redundancy {
    /// `λ` in `[0, 1]`: 1 ranks by score alone (only near copies are dropped).
    pub lambda: f64,
    /// Near-copy threshold in `[0, 1]` (see [`COPY_COSINE`]); above 1 drops nothing.
    pub copy_cosine: f64,
}

impl Default for Redundancy {
    /// `λ` = [`DEFAULT_MMR_LAMBDA`], near copies at [`COPY_COSINE`].
    fn default() -> Self {
        Redundancy { lambda: DEFAULT_MMR_LAMBDA, copy_cosine: COPY_COSINE }
    }
}

/// The sentences' term-frequency vectors (stopword-free term keys, raw counts), normalised
/// to unit length, for the cosine of [`Redundancy`]. A sentence without terms has the zero
/// vector: its cosine with any sentence is 0, so it is never a near copy.
#[derive(Debug, Default)]
pub struct TfVectors {
    rows: Rows,
}

impl TfVectors {
    /// The vectors of a unit of term-id sentences.
    pub fn of_ids(sentences: &IdSentences) -> Self {
        let mut rows = Rows {
            offsets: Vec::with_capacity(sentences.len() + 1),
            entries: Vec::with_capacity(sentences.ids.len()),
        };
        rows.offsets.push(0);
        let mut buf: Vec<u32> = Vec::new();
        for i in 0..sentences.len() {
            buf.clear();
            buf.extend_from_slice(sentences.terms(i));
            buf.sort_unstable();
            let start = rows.entries.len();
            for run in buf.chunk_by(|a, b| a == b) {
                rows.entries.push((run[0], run.len() as f64));
            }
            let x = &mut rows.entries[start..];
            let norm = x.iter().map(|&(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                x.iter_mut().for_each(|e| e.1 /= norm);
            }
            rows.offsets.push(rows.entries.len());
        }
        TfVectors { rows }
    }

    /// The cosine of sentences `i` and `j`, in `[0, 1]`.
    pub fn cosine(&self, i: usize, j: usize) -> f64 {
        let (a, b) = (self.rows.row(i), self.rows.row(j));
        let (mut x, mut y, mut dot) = (0, 0, 0.0);
        while x < a.len() && y < b.len() {
            match a[x].0.cmp(&b[y].0) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    dot += a[x].1 * b[y].1;
                    x += 1;
                    y += 1;
                }
            }
        }
        dot.min(1.0)
    }
}

/// [`select`] with redundancy control (see [`Redundancy`]): `cosine(i, j)` gives the
/// similarity of two sentences in `[0, 1]`. Sentences are taken greedily by their MMR value
/// (ties: earlier sentence first) while they fit `budget`, as in [`select`]; a sentence that
/// is a near copy of a selected one is never taken. With `lambda = 1` and no near copies
/// this is [`select`]. Returns indices in document order.
pub fn select_mmr(
    scores: &[f64],
    words: &[usize],
    budget: Budget,
    redundancy: Redundancy,
    mut cosine: impl FnMut(usize, usize) -> f64,
) -> Vec<usize> {
    let n = scores.len();
    let lambda =
        if redundancy.lambda.is_finite() { redundancy.lambda.clamp(0.0, 1.0) } else { 1.0 };
    let top = scores.iter().copied().filter(|s| s.is_finite()).fold(0.0f64, f64::max);
    let rel = |i: usize| if top > 0.0 && scores[i].is_finite() { scores[i] / top } else { 0.0 };
    let mut alive: Vec<bool> = words.iter().map(|&w| w > 0).collect();
    let mut max_sim = vec![0.0f64; n];
    let (limit, max_count) = match budget {
        Budget::Sentences(k) => (f64::INFINITY, k),
        Budget::Ratio(r) => {
            let r = if r.is_finite() { r.clamp(0.0, 1.0) } else { 0.0 };
            if r == 0.0 {
                return Vec::new();
            }
            (r * words.iter().sum::<usize>() as f64 + 1e-9, usize::MAX)
        }
    };
    let mut chosen: Vec<usize> = Vec::new();
    let mut used = 0usize;
    while chosen.len() < max_count {
        let mut best: Option<(usize, f64)> = None;
        for i in (0..n).filter(|&i| alive[i]) {
            let v = lambda * rel(i) - (1.0 - lambda) * max_sim[i];
            if best.is_none_or(|(_, b)| v > b) {
                best = Some((i, v));
            }
        }
        let Some((b, _)) = best else { break };
        alive[b] = false;
        if (used + words[b]) as f64 > limit {
            if chosen.is_empty() {
                // not even the best sentence fits: take it alone
                chosen.push(b);
                break;
            }
            continue;
        }
        used += words[b];
        chosen.push(b);
        for j in 0..n {
            if alive[j] {
                let c = cosine(b, j);
                if c >= redundancy.copy_cosine {
                    alive[j] = false;
                }
                max_sim[j] = max_sim[j].max(c);
            }
        }
    }
    chosen.sort_unstable();
    chosen
}

/// The sentence indices `order`-ed by score, highest first, ties broken by position.
fn by_score(scores: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    order
}

/// Selects sentences by score within `budget`: walks them from the highest score down
/// (ties: earlier first), skips sentences with 0 words, and keeps each that still fits
/// (for [`Budget::Ratio`], a sentence that would overflow is skipped and shorter ones after
/// it may still fit). Returns indices in document order. `scores` and `words` are parallel.
pub fn select(scores: &[f64], words: &[usize], budget: Budget) -> Vec<usize> {
    pick(by_score(scores), words, budget, false)
}

/// The lead baseline: the first sentences of the unit, in order, while they fit `budget`
/// (stops at the first sentence that does not fit; the first sentence is taken alone when
/// not even it fits). `words` gives each sentence's length.
pub fn lead(words: &[usize], budget: Budget) -> Vec<usize> {
    pick((0..words.len()).collect(), words, budget, true)
}

fn pick(order: Vec<usize>, words: &[usize], budget: Budget, stop_at_overflow: bool) -> Vec<usize> {
    let mut chosen = Vec::new();
    match budget {
        Budget::Sentences(k) => {
            chosen.extend(order.into_iter().filter(|&i| words[i] > 0).take(k));
        }
        Budget::Ratio(r) => {
            let r = if r.is_finite() { r.clamp(0.0, 1.0) } else { 0.0 };
            let total: usize = words.iter().sum();
            let limit = r * total as f64;
            if r == 0.0 {
                return chosen;
            }
            let mut used = 0usize;
            for i in order {
                if words[i] == 0 {
                    continue;
                }
                if (used + words[i]) as f64 <= limit + 1e-9 {
                    used += words[i];
                    chosen.push(i);
                } else if chosen.is_empty() && used == 0 {
                    // not even the best sentence fits: take it alone
                    chosen.push(i);
                    break;
                } else if stop_at_overflow {
                    break;
                }
            }
        }
    }
    chosen.sort_unstable();
    chosen
}

/// ROUGE-N precision, recall and F1 of one candidate against one reference.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rouge {
    /// Overlapping n-grams / candidate n-grams.
    pub precision: f64,
    /// Overlapping n-grams / reference n-grams.
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
}

/// ROUGE-N (C.-Y. Lin, 2004, "ROUGE: A Package for Automatic Evaluation of Summaries",
/// *Text Summarization Branches Out*, ACL workshop): the n-grams of the candidate and of
/// the reference token sequences are counted, and their overlap is the sum over distinct
/// n-grams of `min(count in candidate, count in reference)` (clipped counts, so a repeated
/// n-gram is matched at most as often as it occurs in the reference). Precision = overlap /
/// candidate n-grams, recall = overlap / reference n-grams, F1 their harmonic mean. Each
/// side is one token sequence (a summary's sentences joined), so n-grams may span a
/// sentence join, as in the original package. A side with fewer than `n` tokens, or
/// `n == 0`, gives all zeros. Tokens are compared as given: normalise them first.
pub fn rouge_n<T: Hash + Eq>(candidate: &[T], reference: &[T], n: usize) -> Rouge {
    if n == 0 || candidate.len() < n || reference.len() < n {
        return Rouge::default();
    }
    let mut counts: FxHashMap<&[T], (u32, u32)> = FxHashMap::default();
    for g in candidate.windows(n) {
        counts.entry(g).or_default().0 += 1;
    }
    for g in reference.windows(n) {
        counts.entry(g).or_default().1 += 1;
    }
    let overlap: u32 = counts.values().map(|&(c, r)| c.min(r)).sum();
    let precision = f64::from(overlap) / (candidate.len() - n + 1) as f64;
    let recall = f64::from(overlap) / (reference.len() - n + 1) as f64;
    let f1 = if overlap == 0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    Rouge { precision, recall, f1 }
}

/// ROUGE-L (Lin 2004, section 3): the longest common subsequence (LCS) of the candidate and
/// reference token sequences; precision = LCS / candidate tokens, recall = LCS / reference
/// tokens, F1 their harmonic mean (β = 1). Each side is one sequence (a summary's sentences
/// joined), as the `rougeL` of Google's `rouge-score` package computes it (not the
/// union-LCS summary-level variant). An empty side gives all zeros. Costs
/// `O(|candidate| · |reference|)` time and `O(|reference|)` memory.
pub fn rouge_l<T: Eq>(candidate: &[T], reference: &[T]) -> Rouge {
    if candidate.is_empty() || reference.is_empty() {
        return Rouge::default();
    }
    let mut prev = vec![0u32; reference.len() + 1];
    let mut cur = vec![0u32; reference.len() + 1];
    for c in candidate {
        for (j, r) in reference.iter().enumerate() {
            cur[j + 1] = if c == r { prev[j] + 1 } else { cur[j].max(prev[j + 1]) };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let lcs = f64::from(prev[reference.len()]);
    let precision = lcs / candidate.len() as f64;
    let recall = lcs / reference.len() as f64;
    let f1 = if lcs == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    Rouge { precision, recall, f1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(terms: &[&'static str], words: usize) -> SentenceTerms<&'static str> {
        SentenceTerms { terms: terms.to_vec(), words }
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// The id-based ranking gives the generic one's scores bit for bit, whatever the
        /// block size.
        #[test]
        fn id_sentences_score_like_sentence_terms(
            sents in proptest::collection::vec(
                (proptest::collection::vec(0u32..40, 0..12), 0usize..15), 0..30),
            block in 2usize..12,
        ) {
            let mut flat = IdSentences::new();
            let terms: Vec<SentenceTerms<u32>> = sents
                .iter()
                .map(|(t, w)| {
                    flat.push(t, *w);
                    SentenceTerms { terms: t.clone(), words: *w }
                })
                .collect();
            for opts in [
                SummaryOptions::default(),
                SummaryOptions { max_graph_sentences: block, ..Default::default() },
                SummaryOptions { prior: PositionPrior::Uniform, damping: 0.85, ..Default::default() },
            ] {
                let a: Vec<u64> = scores(&terms, &opts, None).iter().map(|x| x.to_bits()).collect();
                let b: Vec<u64> = scores_ids(&flat, &opts).iter().map(|x| x.to_bits()).collect();
                prop_assert_eq!(a, b);
            }
            prop_assert_eq!(
                key_sentences(&terms, Budget::Sentences(2)),
                key_sentences_ids(&flat, Budget::Sentences(2))
            );
        }
    }

    /// Hand-computed ROUGE-L. Candidate "a b c d e", reference "a x c e b": the longest
    /// common subsequence is "a c e" (3; "a c d" fails, d is not in the reference) →
    /// P = 3/5, R = 3/5, F1 = 3/5. Candidate "b a", reference "a b": LCS 1 → F1 1/2.
    #[test]
    fn rouge_l_hand_computed() {
        let r = rouge_l(&["a", "b", "c", "d", "e"], &["a", "x", "c", "e", "b"]);
        assert!((r.precision - 0.6).abs() < 1e-12 && (r.recall - 0.6).abs() < 1e-12);
        assert!((r.f1 - 0.6).abs() < 1e-12);
        assert!((rouge_l(&["b", "a"], &["a", "b"]).f1 - 0.5).abs() < 1e-12);
        // unequal lengths: "a b" vs "a c b d": LCS 2, P = 1, R = 1/2, F1 = 2/3
        let r = rouge_l(&["a", "b"], &["a", "c", "b", "d"]);
        assert!((r.f1 - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(rouge_l::<&str>(&[], &["a"]), Rouge::default());
    }

    /// MMR by hand. Scores 0.9, 0.8, 0.5 (relative: 1, 0.889, 0.556); sentence 1 is a
    /// near copy of 0 (cosine 0.95), sentence 2 is unlike both (cosine 0.1).
    /// λ = 1: 0 is taken, 1 is dropped as a copy (0.95 ≥ 0.9), then 2 → [0, 2].
    /// With copies allowed (threshold 1.1), λ = 1 takes 0 then 1 (0.889 > 0.556);
    /// λ = 0.5 takes 0, then compares 0.5·0.889 − 0.5·0.95 = −0.031 with
    /// 0.5·0.556 − 0.5·0.1 = 0.228 → 2.
    #[test]
    fn mmr_by_hand() {
        let sim = |i: usize, j: usize| -> f64 {
            match (i.min(j), i.max(j)) {
                (0, 1) => 0.95,
                _ => 0.1,
            }
        };
        let sc = [0.9, 0.8, 0.5];
        let w = [5, 5, 5];
        let k2 = Budget::Sentences(2);
        assert_eq!(select_mmr(&sc, &w, k2, Redundancy::default(), sim), [0, 2]);
        let loose = |lambda| Redundancy { lambda, copy_cosine: 1.1 };
        assert_eq!(select_mmr(&sc, &w, k2, loose(1.0), sim), [0, 1]);
        assert_eq!(select_mmr(&sc, &w, k2, loose(0.5), sim), [0, 2]);
        // asking for 3 never brings the copy back
        assert_eq!(select_mmr(&sc, &w, Budget::Sentences(3), Redundancy::default(), sim), [0, 2]);
        // without near copies, λ = 1 is `select`
        let none = |_: usize, _: usize| 0.0;
        for b in [Budget::Sentences(2), Budget::Ratio(0.5), Budget::Ratio(0.1)] {
            assert_eq!(select_mmr(&sc, &w, b, Redundancy::default(), none), select(&sc, &w, b));
        }
    }

    /// Term-frequency cosine by hand: "a a b" = (2, 1), "a b c" = (1, 1, 1):
    /// 3 / (√5 · √3) = 0.7746; the same terms in another order: 1; no terms: 0.
    #[test]
    fn tf_cosine_by_hand() {
        let mut u = IdSentences::new();
        u.push(&[0, 0, 1], 3);
        u.push(&[0, 1, 2], 3);
        u.push(&[1, 0, 0], 3);
        u.push(&[], 2);
        let tf = TfVectors::of_ids(&u);
        assert!((tf.cosine(0, 1) - 3.0 / (5f64.sqrt() * 3f64.sqrt())).abs() < 1e-12);
        assert!((tf.cosine(0, 2) - 1.0).abs() < 1e-12);
        assert_eq!(tf.cosine(0, 3), 0.0);
    }

    /// Features by hand for a unit of 3 sentences with a title {t1, t2} and a heading {h}:
    /// s0 = [t1, x, x] (4 words, 1 number, quote, paragraph start), s1 = [h, y] (2 words),
    /// s2 = [x, y, t2, t1] (10 words). Unit tf: t1 2, x 3, y 2, h 1, t2 1.
    #[test]
    fn features_by_hand() {
        let (t1, t2, h, x, y) = (0u32, 1, 2, 3, 4);
        let mut u = IdSentences::new();
        u.push_with(
            &[t1, x, x],
            4,
            SentenceInfo { numbers: 1, quote: true, paragraph_start: true },
        );
        u.push_with(&[h, y], 2, SentenceInfo::default());
        u.push_with(&[x, y, t2, t1], 10, SentenceInfo::default());
        u.set_context(&[t1, t2], &[h]);
        let f = features(&u);
        assert_eq!(f.len(), 3);
        // position features
        assert_eq!((f[0][1], f[1][1]), (1.0, 0.0));
        assert!((f[1][2] - 0.5).abs() < 1e-12 && (f[2][3] - 1.0).abs() < 1e-12);
        assert!((f[1][3] - 0.5).abs() < 1e-12 && (f[1][15] - 0.25).abs() < 1e-12);
        assert_eq!((f[0][14], f[2][14]), (0.0, 1.0));
        // length: ln 5, short (≤ 6 words) for s0 and s1 only
        assert!((f[0][4] - 5f64.ln()).abs() < 1e-12);
        assert_eq!((f[0][5], f[1][5], f[2][5]), (1.0, 1.0, 0.0));
        // title overlap: s0 has t1 (1 of 2), s2 has both; heading overlap: s1 has h
        assert_eq!((f[0][7], f[1][7], f[2][7]), (0.5, 0.0, 1.0));
        assert_eq!((f[0][8], f[1][8], f[2][8]), (0.0, 1.0, 0.0));
        // term frequency: s0 (ln 2 + ln 3 + ln 3) / 3; s1 (ln 1 + ln 2) / 2
        assert!((f[0][9] - (2f64.ln() + 2.0 * 3f64.ln()) / 3.0).abs() < 1e-12);
        assert!((f[1][9] - 2f64.ln() / 2.0).abs() < 1e-12);
        // numbers 1/3, quotation, paragraph start; density 3/4, 2/2, 4/10
        assert!((f[0][10] - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!((f[0][11], f[0][12], f[1][12]), (1.0, 1.0, 0.0));
        assert_eq!((f[0][13], f[1][13], f[2][13]), (0.75, 1.0, 0.4));
        // centrality × n averages 1
        assert!(((f[0][6] + f[1][6] + f[2][6]) / 3.0 - 1.0).abs() < 1e-9);
        assert!(f.iter().all(|v| v[0] == 1.0));
        // the learned score is the weighted sum
        let s = learned_scores(&u);
        let by_hand: f64 = f[1].iter().zip(&LEARNED_WEIGHTS).map(|(a, b)| a * b).sum();
        assert!((s[1] - by_hand).abs() < 1e-12);
    }

    #[test]
    fn quote_marks() {
        assert!(SentenceInfo::of("قال «نعم»", 0, false).quote);
        assert!(SentenceInfo::of("قال \"نعم\"", 0, false).quote);
        assert!(!SentenceInfo::of("قال نعم", 0, true).quote);
    }

    #[test]
    fn empty_and_single() {
        let none: Vec<SentenceTerms<&str>> = Vec::new();
        assert!(key_sentences(&none, Budget::Sentences(2)).is_empty());
        assert!(scores(&none, &SummaryOptions::default(), None).is_empty());
        let one = [s(&["a"], 1)];
        assert_eq!(scores(&one, &SummaryOptions::default(), None), [1.0]);
        assert_eq!(key_sentences(&one, Budget::Ratio(0.4)), [0]);
    }

    #[test]
    fn no_terms_no_nan() {
        let v = [s(&[], 3), s(&[], 2), s(&[], 0)];
        for prior in [PositionPrior::Uniform, PositionPrior::Harmonic] {
            let opts = SummaryOptions { prior, ..Default::default() };
            let sc = scores(&v, &opts, None);
            assert!(sc.iter().all(|x| x.is_finite()));
            assert!((sc.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        }
        // ties broken by position; the empty sentence is never chosen
        let opts = SummaryOptions { prior: PositionPrior::Uniform, ..Default::default() };
        assert_eq!(key_sentences_with(&v, Budget::Sentences(3), &opts, None), [0, 1]);
    }

    #[test]
    fn budget_parse() {
        assert_eq!("2".parse(), Ok(Budget::Sentences(2)));
        assert_eq!("40%".parse(), Ok(Budget::Ratio(0.4)));
        assert_eq!("0.25".parse(), Ok(Budget::Ratio(0.25)));
        assert!("1.5".parse::<Budget>().is_err());
        assert!("x".parse::<Budget>().is_err());
    }

    #[test]
    fn ratio_selection_skips_what_does_not_fit() {
        // scores favour 0 then 1 then 2; budget 60 % of 18 words = 10.8
        let sc = [0.5, 0.3, 0.2];
        assert_eq!(select(&sc, &[6, 8, 4], Budget::Ratio(0.6)), [0, 2]);
        assert_eq!(lead(&[6, 8, 4], Budget::Ratio(0.6)), [0]);
        // nothing fits: the best sentence alone
        assert_eq!(select(&[0.1, 0.9], &[10, 10], Budget::Ratio(0.1)), [1]);
        assert!(select(&sc, &[6, 8, 4], Budget::Ratio(0.0)).is_empty());
    }

    #[test]
    fn blocks_cover_long_units() {
        let v: Vec<_> =
            (0..25).map(|i| s(if i % 2 == 0 { &["x", "y"] } else { &["x", "z"] }, 2)).collect();
        let opts = SummaryOptions { max_graph_sentences: 10, ..Default::default() };
        let sc = scores(&v, &opts, None);
        assert_eq!(sc.len(), 25);
        assert!((sc.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    /// Hand-computed ROUGE. Candidate "a b a c", reference "a a b d a".
    /// Unigrams: candidate a×2 b c (4), reference a×3 b d (5); clipped overlap
    /// min(2,3) + min(1,1) + min(1,0) = 3 → P = 3/4, R = 3/5, F1 = 2·0.75·0.6/1.35 = 2/3.
    /// Bigrams: candidate "a b" "b a" "a c" (3), reference "a a" "a b" "b d" "d a" (4);
    /// overlap 1 ("a b") → P = 1/3, R = 1/4, F1 = 2·(1/12)/(7/12) = 2/7.
    #[test]
    fn rouge_hand_computed() {
        let c = ["a", "b", "a", "c"];
        let r = ["a", "a", "b", "d", "a"];
        let r1 = rouge_n(&c, &r, 1);
        assert!((r1.precision - 0.75).abs() < 1e-12);
        assert!((r1.recall - 0.6).abs() < 1e-12);
        assert!((r1.f1 - 2.0 / 3.0).abs() < 1e-12);
        let r2 = rouge_n(&c, &r, 2);
        assert!((r2.precision - 1.0 / 3.0).abs() < 1e-12);
        assert!((r2.recall - 0.25).abs() < 1e-12);
        assert!((r2.f1 - 2.0 / 7.0).abs() < 1e-12);
        // clipping: a repeated candidate n-gram counts at most as often as in the reference
        assert!((rouge_n(&["a", "a", "a"], &["a"], 1).precision - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(rouge_n(&["a"], &["a"], 2), Rouge::default());
        assert_eq!(rouge_n::<&str>(&[], &["a"], 1), Rouge::default());
    }
}
