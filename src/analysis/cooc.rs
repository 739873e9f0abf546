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

/// One mention inside a unit: the node and the sentence (index in its document) it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitMention {
    /// The node.
    pub node: NodeId,
    /// Sentence index in the document, from 0.
    pub sentence: usize,
}

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
    /// The text of `sentence`, as in the original document.
    pub text: String,
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
    /// node may repeat). A unit without mentions still counts towards N.
    /// `text_of(i)` gives the original text of sentence `i` (for evidence).
    pub fn add_unit(
        &mut self,
        doc: &DocKey,
        doc_id: &Arc<str>,
        mentions: &[UnitMention],
        text_of: &dyn Fn(usize) -> String,
    ) {
        self.units += 1;
        if mentions.is_empty() {
            return;
        }
        self.seen.clear();
        for m in mentions {
            self.nodes.entry(m.node).or_default().count += 1;
            self.seen.push(m.node);
        }
        self.seen.sort_unstable();
        self.seen.dedup();
        for &n in &self.seen {
            self.nodes.entry(n).or_default().units += 1;
        }
        let limit = self.evidence_limit;
        for (i, &a) in self.seen.iter().enumerate() {
            for &b in &self.seen[i + 1..] {
                let p = self.pairs.entry((a, b)).or_default();
                p.units += 1;
                // Keep the `limit` smallest distinct references in corpus order. Documents
                // reach a worker in any order, so a full list may still take an earlier one.
                let may_enter = p.evidence.len() < limit
                    || p.evidence.last().is_some_and(|last| *doc <= last.key);
                if limit > 0 && may_enter {
                    let e = evidence_for(doc, doc_id, a, b, mentions, text_of);
                    if let Err(at) = p.evidence.binary_search(&e) {
                        p.evidence.insert(at, e);
                        p.evidence.truncate(limit);
                    }
                }
            }
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

/// The evidence for pair (a, b) in a unit: the first sentence holding both, else the first
/// mention sentences of each.
fn evidence_for(
    doc: &DocKey,
    doc_id: &Arc<str>,
    a: NodeId,
    b: NodeId,
    mentions: &[UnitMention],
    text_of: &dyn Fn(usize) -> String,
) -> Evidence {
    let sentences_of = |n: NodeId| mentions.iter().filter(move |m| m.node == n).map(|m| m.sentence);
    let both = sentences_of(a).filter(|s| sentences_of(b).any(|t| t == *s)).min();
    match both {
        Some(s) => Evidence {
            key: doc.clone(),
            doc: doc_id.clone(),
            sentence: s,
            other_sentence: None,
            text: text_of(s),
        },
        None => {
            let sa = sentences_of(a).min().unwrap_or(0);
            let sb = sentences_of(b).min().unwrap_or(0);
            Evidence {
                key: doc.clone(),
                doc: doc_id.clone(),
                sentence: sa,
                other_sentence: Some(sb),
                text: text_of(sa),
            }
        }
    }
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
        UnitMention { node, sentence }
    }

    fn no_text(_: usize) -> String {
        String::new()
    }

    /// Record `r` of one input.
    fn k(r: u64) -> DocKey {
        DocKey { input: Arc::from("in.jsonl"), record: r }
    }

    #[test]
    fn counts_units_nodes_pairs() {
        let id: Arc<str> = Arc::from("d");
        let mut c = CoocCounts::new(3);
        c.add_unit(&k(0), &id, &[m(1, 0), m(2, 0), m(1, 0)], &no_text);
        c.add_unit(&k(0), &id, &[m(1, 1)], &no_text);
        c.add_unit(&k(0), &id, &[], &no_text);
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
        c.add_unit(&k(0), &id, &[m(1, 4), m(2, 5), m(1, 5)], &no_text);
        let e = &c.pairs[&(1, 2)].evidence[0];
        assert_eq!((e.sentence, e.other_sentence), (5, None));
        let mut c = CoocCounts::new(3);
        c.add_unit(&k(0), &id, &[m(2, 7), m(1, 4)], &no_text);
        let e = &c.pairs[&(1, 2)].evidence[0];
        assert_eq!((e.sentence, e.other_sentence), (4, Some(7)));
    }

    #[test]
    fn merge_keeps_first_evidence_in_corpus_order() {
        let (x, y): (Arc<str>, Arc<str>) = (Arc::from("x"), Arc::from("y"));
        let mut late = CoocCounts::new(1);
        late.add_unit(&k(5), &y, &[m(1, 0), m(2, 0)], &no_text);
        let mut early = CoocCounts::new(1);
        early.add_unit(&k(1), &x, &[m(1, 2), m(2, 2)], &no_text);
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
        c.add_unit(&k(5), &y, &[m(1, 0), m(2, 0)], &no_text);
        c.add_unit(&k(5), &y, &[m(1, 0), m(2, 0)], &no_text);
        c.add_unit(&k(7), &y, &[m(1, 0), m(2, 0)], &no_text);
        c.add_unit(&k(2), &x, &[m(1, 3), m(2, 3)], &no_text);
        let ev = &c.pairs[&(1, 2)].evidence;
        let got: Vec<(u64, usize)> = ev.iter().map(|e| (e.key.record, e.sentence)).collect();
        assert_eq!(got, [(2, 3), (5, 0)]);
        assert_eq!(c.pairs[&(1, 2)].units, 4);
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
