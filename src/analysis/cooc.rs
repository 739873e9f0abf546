//! Co-occurrence counting over units (sentences, paragraphs, sections, documents or
//! sliding windows) with evidence, merged across threads.
//!
//! Nodes are small integers (lexicon entry ids). For each unit the caller passes the
//! mentions it contains; [`CoocCounts::add_unit`] counts each node once per unit (`n_a`),
//! each unordered pair once per unit (`n_ab`) and every mention (`count`), and keeps the
//! first [`CoocCounts::evidence_limit`] evidence sentences of each pair in corpus order, so
//! the result does not depend on the thread count.

use crate::analysis::DocKey;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::sync::Arc;

/// A node id (an index into the lexicon's entries).
pub type NodeId = u32;

/// The unit of co-occurrence (`--unit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnitKind {
    /// A sentence (the default).
    #[default]
    Sentence,
    /// A paragraph (one line).
    Paragraph,
    /// A section (a heading and its paragraphs; the title line is a unit of its own).
    Section,
    /// A whole document.
    Document,
    /// Every window of K consecutive tokens of a document (a document shorter than K is one
    /// window).
    Window(usize),
}

impl std::str::FromStr for UnitKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "sentence" => Ok(UnitKind::Sentence),
            "paragraph" => Ok(UnitKind::Paragraph),
            "section" => Ok(UnitKind::Section),
            "document" => Ok(UnitKind::Document),
            _ => match s.strip_prefix("window:").map(str::parse::<usize>) {
                Some(Ok(k)) if k >= 2 => Ok(UnitKind::Window(k)),
                _ => Err(format!(
                    "unknown unit {s:?}: use sentence, paragraph, section, document or window:K (K ≥ 2)"
                )),
            },
        }
    }
}

impl std::fmt::Display for UnitKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UnitKind::Sentence => f.write_str("sentence"),
            UnitKind::Paragraph => f.write_str("paragraph"),
            UnitKind::Section => f.write_str("section"),
            UnitKind::Document => f.write_str("document"),
            UnitKind::Window(k) => write!(f, "window:{k}"),
        }
    }
}

impl serde::Serialize for UnitKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One mention inside a unit: the node, the sentence (index in its document) it is in, and
/// its byte span in the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UnitMention {
    /// The node.
    pub node: NodeId,
    /// Sentence index in the document, from 0.
    pub sentence: usize,
    /// Byte offset of the mention's start in the document text.
    pub start: usize,
    /// Byte offset of the mention's end in the document text (exclusive).
    pub end: usize,
}

/// The longest evidence text, in characters: a longer sentence is cut to about this many
/// characters around the two mentions, with `…` where text was left out (the whole
/// sentence stays available through [`Evidence::start`] and [`Evidence::end`]).
pub const EVIDENCE_CHARS: usize = 300;

/// A reference to the text that supports an edge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Evidence {
    /// Position of the document in the corpus (for ordering; not serialised).
    #[serde(skip)]
    pub key: DocKey,
    /// Document id.
    pub doc: Arc<str>,
    /// A sentence (index in the document, from 0) that contains both nodes; when no
    /// sentence of the unit contains both, the sentence of the first node's first mention.
    pub sentence: usize,
    /// When `sentence` does not contain both nodes: the sentence of the other node's first
    /// mention in the unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_sentence: Option<usize>,
    /// The text of `sentence`, as in the original document; a sentence longer than
    /// [`EVIDENCE_CHARS`] characters is cut around the mentions, `…` marking each cut.
    pub text: String,
    /// Byte offset of the whole sentence's start in the document text.
    pub start: usize,
    /// Byte offset of the whole sentence's end in the document text (exclusive).
    pub end: usize,
}

/// Where evidence text comes from: the document text and the byte span of each sentence.
pub struct EvidenceSource<'a> {
    /// The document text.
    pub text: &'a str,
    /// The byte span of sentence `i` (index in the document) in `text`.
    pub sentence_span: &'a dyn Fn(usize) -> (usize, usize),
}

/// Counters of one pair.
#[derive(Debug, Clone, Default)]
pub struct PairCounts {
    /// Units containing both nodes (n_ab).
    pub units: u64,
    /// The first evidence references, in corpus order.
    pub evidence: Vec<Evidence>,
}

/// Counters of one node.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NodeCounts {
    /// Mentions.
    pub count: u64,
    /// Units containing the node (n_a).
    pub units: u64,
}

/// Co-occurrence counts of a corpus (or of one thread's share of it).
#[derive(Debug, Clone, Default)]
pub struct CoocCounts {
    /// Units seen (N).
    pub units: u64,
    /// Per-node counters.
    pub nodes: FxHashMap<NodeId, NodeCounts>,
    /// Per-pair counters, keyed by (smaller id, larger id).
    pub pairs: FxHashMap<(NodeId, NodeId), PairCounts>,
    /// Evidence references kept per pair.
    pub evidence_limit: usize,
    seen: Vec<NodeId>,
}

impl CoocCounts {
    /// Empty counts keeping up to `evidence_limit` evidence references per pair.
    pub fn new(evidence_limit: usize) -> Self {
        CoocCounts { evidence_limit, ..Default::default() }
    }

    /// Counts one unit of document `doc` (id `doc_id`) with its `mentions` (any order, a
    /// node may repeat): every mention towards its node's `count`, each node once towards
    /// `n_a`, each unordered pair once towards `n_ab`, and the pair's evidence while fewer
    /// than [`CoocCounts::evidence_limit`] are kept (text from `source`). A unit without
    /// mentions still counts towards N.
    ///
    /// Cost: O(m log m) for m mentions, plus O(m log m + [`EVIDENCE_CHARS`]) per pair
    /// whose evidence list can still take this unit: a document's units come in order, so
    /// once a pair has its evidence from earlier units no later unit of the same document
    /// can enter, and the evidence is not even built.
    pub fn add_unit(
        &mut self,
        doc: &DocKey,
        doc_id: &Arc<str>,
        mentions: &[UnitMention],
        source: &EvidenceSource<'_>,
    ) {
        for m in mentions {
            self.nodes.entry(m.node).or_default().count += 1;
        }
        self.add_units(1, doc, doc_id, mentions, source);
    }

    /// Counts `times` units holding the same `mentions` (not counted towards the nodes'
    /// `count`: the caller counts each mention once).
    fn add_units(
        &mut self,
        times: u64,
        doc: &DocKey,
        doc_id: &Arc<str>,
        mentions: &[UnitMention],
        source: &EvidenceSource<'_>,
    ) {
        self.units += times;
        if mentions.is_empty() {
            return;
        }
        self.seen.clear();
        self.seen.extend(mentions.iter().map(|m| m.node));
        self.seen.sort_unstable();
        self.seen.dedup();
        for &n in &self.seen {
            self.nodes.entry(n).or_default().units += times;
        }
        let limit = self.evidence_limit;
        for (i, &a) in self.seen.iter().enumerate() {
            for &b in &self.seen[i + 1..] {
                let p = self.pairs.entry((a, b)).or_default();
                p.units += times;
                // Keep the `limit` smallest distinct references in corpus order. Documents
                // reach a worker in any order, so a full list may still take one of an
                // earlier document; a later unit of the same document never comes first.
                let may_enter = p.evidence.len() < limit
                    || p.evidence.last().is_some_and(|last| *doc < last.key);
                if limit > 0 && may_enter {
                    let (sentence, other_sentence, marks) = evidence_place(a, b, mentions);
                    let found = p.evidence.binary_search_by(|e| {
                        (&e.key, &*e.doc, e.sentence, e.other_sentence).cmp(&(
                            doc,
                            &**doc_id,
                            sentence,
                            other_sentence,
                        ))
                    });
                    if let Err(at) = found
                        && at < limit
                    {
                        let (start, end) = (source.sentence_span)(sentence);
                        let text = evidence_text(source.text, (start, end), &marks);
                        let e = Evidence {
                            key: doc.clone(),
                            doc: doc_id.clone(),
                            sentence,
                            other_sentence,
                            text,
                            start,
                            end,
                        };
                        p.evidence.insert(at, e);
                        p.evidence.truncate(limit);
                    }
                }
            }
        }
    }

    /// Counts the sliding windows of `k` tokens over a document of `positions` tokens:
    /// `placed` holds its mentions with their token positions, sorted by token position.
    /// Every mention counts once towards its node's `count`; each window is a unit. Windows
    /// holding the same mentions are counted together, so time is O(m log m) for m
    /// mentions (plus evidence) and memory O(mentions in one window), whatever the
    /// document's length.
    #[allow(clippy::too_many_arguments)]
    pub fn add_windows(
        &mut self,
        doc: &DocKey,
        doc_id: &Arc<str>,
        placed: &[(usize, UnitMention)],
        positions: usize,
        k: usize,
        source: &EvidenceSource<'_>,
        buf: &mut Vec<UnitMention>,
    ) {
        let windows = window_count(positions, k);
        for (_, m) in placed {
            self.nodes.entry(m.node).or_default().count += 1;
        }
        // Mention i is in windows first_i..=last_i, both non-decreasing in the token
        // position: the mentions of a window are a slice lo..hi of `placed`.
        let span = |i: usize| window_span(placed[i].0, positions, k);
        let mut bounds: Vec<usize> = Vec::with_capacity(2 * placed.len() + 2);
        bounds.push(0);
        bounds.push(windows);
        for i in 0..placed.len() {
            let (first, last) = span(i);
            bounds.push(first);
            bounds.push(last + 1);
        }
        bounds.sort_unstable();
        bounds.dedup();
        let (mut lo, mut hi) = (0usize, 0usize);
        for w in bounds.windows(2) {
            let (from, to) = (w[0], w[1]);
            if from >= windows {
                break;
            }
            while hi < placed.len() && span(hi).0 <= from {
                hi += 1;
            }
            while lo < hi && span(lo).1 < from {
                lo += 1;
            }
            buf.clear();
            buf.extend(placed[lo..hi].iter().map(|&(_, m)| m));
            // (sentence, node) order, as the other units are built
            buf.sort_by_key(|m| (m.sentence, m.node, m.start));
            self.add_units((to.min(windows) - from) as u64, doc, doc_id, buf, source);
        }
    }

    /// Counts `n` units that contain no mention (they still count towards N).
    pub fn add_empty_units(&mut self, n: u64) {
        self.units += n;
    }

    /// Adds `other` into `self`: sums all counters; keeps the `evidence_limit` first
    /// distinct evidence references of each pair in corpus order, whatever order the
    /// documents were counted in. Associative and commutative.
    pub fn merge(&mut self, other: CoocCounts) {
        self.units += other.units;
        for (k, v) in other.nodes {
            let e = self.nodes.entry(k).or_default();
            e.count += v.count;
            e.units += v.units;
        }
        let limit = self.evidence_limit.max(other.evidence_limit);
        self.evidence_limit = limit;
        for (k, v) in other.pairs {
            let e = self.pairs.entry(k).or_default();
            e.units += v.units;
            e.evidence.extend(v.evidence);
            e.evidence.sort();
            e.evidence.dedup();
            e.evidence.truncate(limit);
        }
    }
}

/// Where the evidence for pair (a, b) in a unit is: the first sentence holding both, else
/// the first mention sentences of each; with the byte spans of the mentions to show (the
/// first of each node in that sentence). O(m log m) for m mentions.
fn evidence_place(
    a: NodeId,
    b: NodeId,
    mentions: &[UnitMention],
) -> (usize, Option<usize>, Vec<(usize, usize)>) {
    let sentences = |n: NodeId| {
        let mut v: Vec<usize> =
            mentions.iter().filter(|m| m.node == n).map(|m| m.sentence).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (sa, sb) = (sentences(a), sentences(b));
    // the smallest sentence in both sorted lists
    let (mut i, mut j) = (0, 0);
    let mut both = None;
    while i < sa.len() && j < sb.len() {
        match sa[i].cmp(&sb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both = Some(sa[i]);
                break;
            }
        }
    }
    let (sentence, other) = match both {
        Some(s) => (s, None),
        None => {
            let first_b = sb.first().copied().unwrap_or(0);
            (sa.first().copied().unwrap_or(0), Some(first_b))
        }
    };
    let first_in = |n: NodeId| {
        mentions
            .iter()
            .filter(|m| m.node == n && m.sentence == sentence)
            .map(|m| (m.start, m.end))
            .min()
    };
    let marks = [first_in(a), first_in(b)].into_iter().flatten().collect();
    (sentence, other, marks)
}

/// The evidence text of the sentence at `span` in `text`: the whole sentence when it has
/// at most [`EVIDENCE_CHARS`] characters; else about that many characters around the
/// mention spans `marks` (byte spans inside the sentence), centred on them, or, when the
/// mentions are too far apart for one piece, a piece around each joined by ` … `; `…`
/// marks every cut.
pub fn evidence_text(text: &str, span: (usize, usize), marks: &[(usize, usize)]) -> String {
    let (s, e) = span;
    let Some(sentence) = text.get(s..e) else { return String::new() };
    if sentence.chars().nth(EVIDENCE_CHARS).is_none() {
        return sentence.to_string();
    }
    let marks: Vec<(usize, usize)> = marks
        .iter()
        .filter(|&&(a, b)| s <= a && a <= b && b <= e)
        .map(|&(a, b)| (a - s, b - s))
        .collect();
    // grow [from, to) by characters on both sides to about `budget` characters
    let piece = |from: usize, to: usize, budget: usize| -> (usize, usize) {
        let extra = budget.saturating_sub(sentence[from..to].chars().count());
        let room_left = sentence[..from].chars().rev().take(extra).count();
        let room_right = sentence[to..].chars().take(extra).count();
        let l = (extra / 2).min(room_left);
        let r = (extra - l).min(room_right);
        let l = (extra - r).min(room_left);
        let left: usize = sentence[..from].chars().rev().take(l).map(char::len_utf8).sum();
        let right: usize = sentence[to..].chars().take(r).map(char::len_utf8).sum();
        let (mut a, mut b) = (from - left, to + right);
        // never cut inside a word: drop the partial words at either end
        if a > 0 && !sentence[..a].ends_with(char::is_whitespace) {
            a = sentence[a..from].find(char::is_whitespace).map_or(from, |k| a + k);
        }
        if b < sentence.len() && !sentence[b..].starts_with(char::is_whitespace) {
            b = sentence[to..b].rfind(char::is_whitespace).map_or(to, |k| to + k);
        }
        (a, b)
    };
    let cut = |(a, b): (usize, usize)| {
        let mut out = String::new();
        if a > 0 {
            out.push('…');
        }
        out.push_str(sentence[a..b].trim());
        if b < sentence.len() {
            out.push('…');
        }
        out
    };
    let (from, to) = match (marks.iter().map(|m| m.0).min(), marks.iter().map(|m| m.1).max()) {
        (Some(a), Some(b)) => (a, b),
        _ => (0, 0),
    };
    if sentence[from..to].chars().count() <= EVIDENCE_CHARS {
        return cut(piece(from, to, EVIDENCE_CHARS));
    }
    // the mentions are far apart: a piece around the first and one around the last
    let half = EVIDENCE_CHARS / 2;
    let first = marks.iter().min().copied().unwrap_or((0, 0));
    let last = marks.iter().max_by_key(|m| m.1).copied().unwrap_or((0, 0));
    let (a1, b1) = piece(first.0, first.1, half);
    let (a2, b2) = piece(last.0, last.1, half);
    let one = cut((a1, b1));
    let two = cut((a2.max(b1), b2));
    let one = one.strip_suffix('…').unwrap_or(&one);
    let two = two.strip_prefix('…').unwrap_or(&two);
    format!("{one} … {two}")
}

/// Windows of `k` tokens over a token sequence of length `len`: the number of windows
/// (`max(1, len − k + 1)`; a text shorter than `k` is one window) and, for mentions at token
/// positions, the units (windows) each belongs to, as `(first, last)` inclusive window
/// indices.
pub fn window_span(pos: usize, len: usize, k: usize) -> (usize, usize) {
    let k = k.max(1);
    let windows = if len >= k { len - k + 1 } else { 1 };
    let first = pos.saturating_sub(k - 1).min(windows - 1);
    let last = pos.min(windows - 1);
    (first, last)
}

/// Number of windows of `k` tokens over `len` tokens (at least 1).
pub fn window_count(len: usize, k: usize) -> usize {
    let k = k.max(1);
    if len >= k { len - k + 1 } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(node: NodeId, sentence: usize) -> UnitMention {
        UnitMention { node, sentence, ..Default::default() }
    }

    fn no_span(_: usize) -> (usize, usize) {
        (0, 0)
    }

    const NO_TEXT: EvidenceSource<'static> = EvidenceSource { text: "", sentence_span: &no_span };

    /// Record `r` of one input.
    fn k(r: u64) -> DocKey {
        DocKey { input: Arc::from("in.jsonl"), record: r }
    }

    #[test]
    fn counts_units_nodes_pairs() {
        let id: Arc<str> = Arc::from("d");
        let mut c = CoocCounts::new(3);
        c.add_unit(&k(0), &id, &[m(1, 0), m(2, 0), m(1, 0)], &NO_TEXT);
        c.add_unit(&k(0), &id, &[m(1, 1)], &NO_TEXT);
        c.add_unit(&k(0), &id, &[], &NO_TEXT);
        assert_eq!(c.units, 3);
        assert_eq!(c.nodes[&1], NodeCounts { count: 3, units: 2 });
        assert_eq!(c.nodes[&2], NodeCounts { count: 1, units: 1 });
        assert_eq!(c.pairs[&(1, 2)].units, 1);
        assert_eq!(c.pairs[&(1, 2)].evidence[0].sentence, 0);
    }

    #[test]
    fn evidence_prefers_a_sentence_with_both() {
        let id: Arc<str> = Arc::from("d");
        let mut c = CoocCounts::new(3);
        c.add_unit(&k(0), &id, &[m(1, 4), m(2, 5), m(1, 5)], &NO_TEXT);
        let e = &c.pairs[&(1, 2)].evidence[0];
        assert_eq!((e.sentence, e.other_sentence), (5, None));
        let mut c = CoocCounts::new(3);
        c.add_unit(&k(0), &id, &[m(2, 7), m(1, 4)], &NO_TEXT);
        let e = &c.pairs[&(1, 2)].evidence[0];
        assert_eq!((e.sentence, e.other_sentence), (4, Some(7)));
    }

    #[test]
    fn merge_keeps_first_evidence_in_corpus_order() {
        let (x, y): (Arc<str>, Arc<str>) = (Arc::from("x"), Arc::from("y"));
        let mut late = CoocCounts::new(1);
        late.add_unit(&k(5), &y, &[m(1, 0), m(2, 0)], &NO_TEXT);
        let mut early = CoocCounts::new(1);
        early.add_unit(&k(1), &x, &[m(1, 2), m(2, 2)], &NO_TEXT);
        let mut a = late.clone();
        a.merge(early.clone());
        let mut b = early;
        b.merge(late);
        assert_eq!(a.pairs[&(1, 2)].evidence, b.pairs[&(1, 2)].evidence);
        assert_eq!(&*a.pairs[&(1, 2)].evidence[0].doc, "x");
        assert_eq!(a.pairs[&(1, 2)].units, 2);
    }

    #[test]
    fn evidence_is_first_distinct_whatever_the_counting_order() {
        // A worker may count document 5 before document 2: with a limit of 2 the kept
        // references must still be those of documents 2 and 5 in that order, and two
        // windows pointing at the same sentence count once.
        let (x, y): (Arc<str>, Arc<str>) = (Arc::from("x"), Arc::from("y"));
        let mut c = CoocCounts::new(2);
        c.add_unit(&k(5), &y, &[m(1, 0), m(2, 0)], &NO_TEXT);
        c.add_unit(&k(5), &y, &[m(1, 0), m(2, 0)], &NO_TEXT);
        c.add_unit(&k(7), &y, &[m(1, 0), m(2, 0)], &NO_TEXT);
        c.add_unit(&k(2), &x, &[m(1, 3), m(2, 3)], &NO_TEXT);
        let ev = &c.pairs[&(1, 2)].evidence;
        let got: Vec<(u64, usize)> = ev.iter().map(|e| (e.key.record, e.sentence)).collect();
        assert_eq!(got, [(2, 3), (5, 0)]);
        assert_eq!(c.pairs[&(1, 2)].units, 4);
    }

    /// The sweep of [`CoocCounts::add_windows`] gives the counts of cutting every window
    /// out one by one (the definition), and counts each mention once.
    #[test]
    fn windows_sweep_equals_window_by_window() {
        let id: Arc<str> = Arc::from("d");
        // tokens: node 1 at 0, 7, 30; node 2 at 5, 31; node 3 at 18; 40 tokens, windows of 6
        let placed: Vec<(usize, UnitMention)> = [(0, 1), (5, 2), (7, 1), (18, 3), (30, 1), (31, 2)]
            .iter()
            .map(|&(t, n)| (t, UnitMention { node: n, sentence: t / 10, start: t, end: t + 1 }))
            .collect();
        let (len, width) = (40, 6);
        let mut swept = CoocCounts::new(0);
        swept.add_windows(&k(0), &id, &placed, len, width, &NO_TEXT, &mut Vec::new());
        let mut brute = CoocCounts::new(0);
        for w in 0..window_count(len, width) {
            let inside: Vec<UnitMention> = placed
                .iter()
                .filter(|(t, _)| {
                    let (a, b) = window_span(*t, len, width);
                    a <= w && w <= b
                })
                .map(|&(_, m)| m)
                .collect();
            brute.add_units(1, &k(0), &id, &inside, &NO_TEXT);
        }
        assert_eq!(swept.units, 35);
        assert_eq!(swept.units, brute.units);
        for n in 1..=3 {
            assert_eq!(swept.nodes[&n].units, brute.nodes[&n].units, "node {n}");
        }
        // mentions counted once each: node 1 three times, not once per window
        assert_eq!(swept.nodes[&1].count, 3);
        assert_eq!(swept.nodes[&2].count, 2);
        let mut keys: Vec<_> = brute.pairs.keys().copied().collect();
        keys.sort_unstable();
        assert_eq!(keys, [(1, 2)]);
        // pair (1, 2): windows with tokens 0 and 5 (w = 0), 5 and 7 (w = 2..=5), 30 and 31
        // (w = 26..=30): 1 + 4 + 5 = 10
        assert_eq!(swept.pairs[&(1, 2)].units, 10);
        assert_eq!(brute.pairs[&(1, 2)].units, 10);
    }

    /// One edge in every sentence of a long document: evidence stays the first K and is
    /// built K times only (the rest cannot enter); the counts are all there.
    #[test]
    fn evidence_of_one_document_is_the_first_k() {
        let id: Arc<str> = Arc::from("d");
        let built = std::cell::Cell::new(0usize);
        let span = |i: usize| {
            built.set(built.get() + 1);
            (i, i)
        };
        let source = EvidenceSource { text: "", sentence_span: &span };
        let mut c = CoocCounts::new(3);
        for s in 0..10_000 {
            c.add_unit(&k(4), &id, &[m(1, s), m(2, s)], &source);
        }
        let got: Vec<usize> = c.pairs[&(1, 2)].evidence.iter().map(|e| e.sentence).collect();
        assert_eq!(got, [0, 1, 2]);
        assert_eq!(built.get(), 3);
        assert_eq!(c.pairs[&(1, 2)].units, 10_000);
        // an earlier document still enters a full list
        c.add_unit(&k(2), &id, &[m(1, 9), m(2, 9)], &source);
        let got: Vec<(u64, usize)> =
            c.pairs[&(1, 2)].evidence.iter().map(|e| (e.key.record, e.sentence)).collect();
        assert_eq!(got, [(2, 9), (4, 0), (4, 1)]);
    }

    #[test]
    fn evidence_text_is_cut_around_the_mentions() {
        // short: whole
        let t = "زار الوزير الهند وروسيا.";
        assert_eq!(evidence_text(t, (0, t.len()), &[]), t);
        // 1,000 characters with the mentions in the middle
        let filler = "ا".repeat(500);
        let t = format!("{filler}الهند وروسيا{filler}");
        let a = filler.len();
        let b = a + "الهند".len();
        let c = b + " و".len();
        let d = c + "روسيا".len();
        let got = evidence_text(&t, (0, t.len()), &[(a, b), (c, d)]);
        assert!(got.starts_with('…') && got.ends_with('…'), "{got}");
        assert!(got.contains("الهند وروسيا"));
        // at most 300 characters kept, plus the two ellipses
        assert!(got.chars().count() <= EVIDENCE_CHARS + 2);
        // words are never cut: 100 words of 5 letters around the mentions
        let words = "كلمات ".repeat(100);
        let t = format!("{words}الهند وروسيا {words}");
        let a = words.len();
        let d = a + "الهند وروسيا".len();
        let got = evidence_text(&t, (0, t.len()), &[(a, d)]);
        let inner = got.trim_start_matches('…').trim_end_matches('…');
        assert!(inner.split(' ').all(|w| ["كلمات", "الهند", "وروسيا"].contains(&w)), "{got}");
        // 300 characters = the 12-character mentions plus 48 words of 6 on each side
        assert_eq!(inner.chars().count(), 12 + 2 * (6 * 24 - 1) + 2);
        // mentions far apart: a piece around each, joined by " … "
        let t = format!("الهند{}روسيا", " ب".repeat(1000));
        let far = evidence_text(
            &t,
            (0, t.len()),
            &[(0, "الهند".len()), (t.len() - "روسيا".len(), t.len())],
        );
        assert!(far.starts_with("الهند") && far.ends_with("روسيا") && far.contains(" … "), "{far}");
        assert!(far.chars().count() <= EVIDENCE_CHARS + 3, "{}", far.chars().count());
    }

    #[test]
    fn windows() {
        // 10 tokens, windows of 4: starts 0..=6 → 7 windows; token 5 is in windows 2..=5
        assert_eq!(window_count(10, 4), 7);
        assert_eq!(window_span(5, 10, 4), (2, 5));
        assert_eq!(window_span(0, 10, 4), (0, 0));
        assert_eq!(window_span(9, 10, 4), (6, 6));
        // shorter than the window: one window
        assert_eq!(window_count(2, 4), 1);
        assert_eq!(window_span(1, 2, 4), (0, 0));
    }
}
