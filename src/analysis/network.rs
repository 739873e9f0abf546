//! The co-occurrence network (`tahlil cooc`) as an [`Analysis`]: lexicon mentions cut into
//! units and counted ([`CoocCounts`]), then nodes and edges with their association
//! [`Measures`].

use super::cooc::{
    CoocCounts, Evidence, EvidenceSource, NodeId, UnitKind, UnitMention, window_count,
};
use super::measures::{Measure, Measures, measures};
use super::{Analysis, AnalyzedDoc, DocMention, Needs, Totals};
use crate::lexicon::Lexicon;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::sync::Arc;

/// A node of the network: a lexicon entry.
#[derive(Debug, Clone, Serialize)]
pub struct Node {
    /// Node id, e.g. `country:IND` (the lexicon entry's id).
    pub id: String,
    /// `country`, `region`, `theme` or a user category.
    pub kind: String,
    /// Arabic label.
    pub label_ar: String,
    /// English label.
    pub label_en: String,
    /// Mentions of the node (ambiguous ones only under `--count-ambiguous`).
    pub count: u64,
    /// Units containing the node (n_a).
    pub units: u64,
    /// Ambiguous mentions of this node, not counted in `count`/`units` (unless
    /// `--count-ambiguous`).
    pub ambiguous: u64,
}

/// An undirected edge with its association measures.
#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    /// One end (the smaller id in code-point order).
    pub source: String,
    /// The other end.
    pub target: String,
    /// Units containing both (n_ab).
    pub units: u64,
    /// The association measures of the pair.
    #[serde(flatten)]
    pub measures: Measures,
    /// Where the pair occurs: the first references in document-key order.
    pub evidence: Vec<Evidence>,
}

impl Edge {
    /// The value of `m` for this edge (units as a float).
    pub fn value(&self, m: Measure) -> f64 {
        m.of(self.units, &self.measures)
    }
}

/// Nodes and edges, in report order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Network {
    /// The nodes, by count descending (ties by id).
    pub nodes: Vec<Node>,
    /// The edges (both ends are among `nodes`).
    pub edges: Vec<Edge>,
    /// Units counted (N).
    pub units: u64,
}

/// The co-occurrence counts of a set of documents.
#[derive(Debug, Clone, Default)]
pub struct CoocPartial {
    /// Co-occurrence counts.
    pub counts: CoocCounts,
    /// Ambiguous mentions per node, listed but not counted (unless `--count-ambiguous`).
    pub ambiguous: FxHashMap<NodeId, u64>,
    /// Documents, tokens, sentences, bytes.
    pub totals: Totals,
}

impl CoocPartial {
    /// Adds `other` into `self` (associative and commutative; see [`CoocCounts::merge`]).
    pub fn merge(&mut self, other: CoocPartial) {
        self.counts.merge(other.counts);
        for (k, v) in other.ambiguous {
            *self.ambiguous.entry(k).or_default() += v;
        }
        self.totals.add(other.totals);
    }
}

/// The co-occurrence network of lexicon entries over units of text.
#[derive(Debug, Clone)]
pub struct Cooc<'l> {
    /// The lexicon (node ids are its entry indices).
    pub lexicon: &'l Lexicon,
    /// The unit of co-occurrence.
    pub unit: UnitKind,
    /// Node kinds kept (empty: all).
    pub kinds: Vec<String>,
    /// Count ambiguous mentions as if they were certain.
    pub count_ambiguous: bool,
    /// Evidence references kept per edge.
    pub evidence: usize,
    /// How [`Analysis::finish`] builds the network.
    pub options: NetworkOptions,
}

/// Which edges a network keeps and in what order.
#[derive(Debug, Clone, Copy, Default)]
pub struct NetworkOptions {
    /// Keep edges with at least this many shared units; `None`: 1 for a single document,
    /// 2 for a corpus (see [`NetworkOptions::min_count_for`]).
    pub min_count: Option<u64>,
    /// Sort edges by this measure, descending (ties by shared units, source, target).
    pub sort: Measure,
    /// Keep the first `top` edges (0 = all).
    pub top: usize,
}

impl NetworkOptions {
    /// The minimum shared units for a corpus of `documents` documents.
    pub fn min_count_for(&self, documents: u64) -> u64 {
        self.min_count.unwrap_or(if documents > 1 { 2 } else { 1 })
    }
}

/// Per-thread buffers of [`Cooc`].
#[derive(Debug, Default)]
pub struct CoocScratch {
    by_unit: Vec<(usize, UnitMention)>,
    unit: Vec<UnitMention>,
}

impl Cooc<'_> {
    /// The unit mention `m` of `doc` belongs to (not for windows: see
    /// [`CoocCounts::add_windows`]).
    fn unit_of(&self, doc: &AnalyzedDoc, m: &DocMention) -> usize {
        let s = &doc.sentences[m.sentence];
        match self.unit {
            UnitKind::Sentence | UnitKind::Window(_) => m.sentence,
            UnitKind::Paragraph => s.paragraph,
            // the title is unit 0, sections follow
            UnitKind::Section => s.section.map_or(0, |i| i + 1),
            UnitKind::Document => 0,
        }
    }

    /// The number of units of `doc`.
    fn unit_count(&self, doc: &AnalyzedDoc) -> u64 {
        let st = &doc.structure;
        match self.unit {
            UnitKind::Sentence => doc.sentences.len() as u64,
            UnitKind::Paragraph => st.all_paragraphs().count() as u64,
            UnitKind::Section => st.sections.len() as u64 + u64::from(st.title.is_some()),
            UnitKind::Document => 1,
            UnitKind::Window(k) => window_count(doc.tokens.len(), k) as u64,
        }
    }

    /// The network of `p`: nodes by count (ties by id); edges with at least `min_count`
    /// shared units, sorted by `opts.sort` (ties by shared units, then source and target
    /// id), the first `opts.top` kept.
    pub fn network(&self, p: &CoocPartial, min_count: u64, opts: &NetworkOptions) -> Network {
        let lex = self.lexicon;
        let id_of = |n: NodeId| lex.entries().get(n as usize);
        let mut all: Vec<NodeId> =
            p.counts.nodes.keys().copied().chain(p.ambiguous.keys().copied()).collect();
        all.sort_unstable();
        all.dedup();
        let mut nodes: Vec<Node> = all
            .into_iter()
            .filter_map(|n| {
                let e = id_of(n)?;
                let c = p.counts.nodes.get(&n).copied().unwrap_or_default();
                Some(Node {
                    id: e.id.clone(),
                    kind: e.kind.to_string(),
                    label_ar: e.label_ar.clone(),
                    label_en: e.label_en.clone(),
                    count: c.count,
                    units: c.units,
                    ambiguous: p.ambiguous.get(&n).copied().unwrap_or(0),
                })
            })
            .collect();
        nodes.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
        let n_units = p.counts.units;
        let mut edges: Vec<Edge> = Vec::new();
        for (&(a, b), pc) in &p.counts.pairs {
            if pc.units < min_count {
                continue;
            }
            let (Some(ea), Some(eb)) = (id_of(a), id_of(b)) else { continue };
            let na = p.counts.nodes.get(&a).map_or(0, |c| c.units);
            let nb = p.counts.nodes.get(&b).map_or(0, |c| c.units);
            let (source, target) = if ea.id <= eb.id { (&ea.id, &eb.id) } else { (&eb.id, &ea.id) };
            edges.push(Edge {
                source: source.clone(),
                target: target.clone(),
                units: pc.units,
                measures: measures(pc.units, na, nb, n_units),
                evidence: pc.evidence.clone(),
            });
        }
        edges.sort_by(|x, y| {
            y.value(opts.sort)
                .total_cmp(&x.value(opts.sort))
                .then_with(|| y.units.cmp(&x.units))
                .then_with(|| x.source.cmp(&y.source))
                .then_with(|| x.target.cmp(&y.target))
        });
        if opts.top > 0 {
            edges.truncate(opts.top);
        }
        Network { nodes, edges, units: n_units }
    }
}

impl Analysis for Cooc<'_> {
    type Partial = CoocPartial;
    type Scratch = CoocScratch;
    type Output = Network;

    fn needs(&self) -> Needs {
        // only section units depend on where the headings are
        match self.unit {
            UnitKind::Section => Needs::MENTIONS.with_headings(),
            _ => Needs::MENTIONS,
        }
    }

    fn empty(&self) -> CoocPartial {
        CoocPartial { counts: CoocCounts::new(self.evidence), ..Default::default() }
    }

    /// Adds one document: its mentions (kinds filtered; ambiguous ones set aside unless
    /// counted) grouped by unit, each unit counted once; units without mentions count
    /// towards N.
    fn add(&self, g: &mut CoocPartial, s: &mut CoocScratch, doc: &AnalyzedDoc) {
        g.totals.add(Totals::of(doc));
        let by_unit = &mut s.by_unit;
        by_unit.clear();
        let sentence_span =
            |i: usize| doc.sentences.get(i).map_or((0, 0), |s| (s.span.start, s.span.end));
        let source = EvidenceSource { text: &doc.doc.text, sentence_span: &sentence_span };
        let doc_id: Arc<str> = Arc::from(doc.doc.id.as_str());
        let window = match self.unit {
            UnitKind::Window(k) => Some(k),
            _ => None,
        };
        for m in &doc.mentions {
            let e = self.lexicon.entry(m.entry);
            if !self.kinds.is_empty() && !self.kinds.iter().any(|k| k == e.kind.as_str()) {
                continue;
            }
            let node = m.entry.index() as NodeId;
            if m.ambiguous && !self.count_ambiguous {
                *g.ambiguous.entry(node).or_default() += 1;
                continue;
            }
            let mention =
                UnitMention { node, sentence: m.sentence, start: m.span.start, end: m.span.end };
            // windows: the token position; other units: the unit
            let at = if window.is_some() { m.tokens.start } else { self.unit_of(doc, m) };
            by_unit.push((at, mention));
        }
        if let Some(k) = window {
            // Windows holding the same mentions are counted together: no per-window list.
            by_unit.sort_by_key(|&(at, m)| (at, m.sentence, m.node, m.start));
            g.counts.add_windows(
                &doc.key,
                &doc_id,
                by_unit,
                doc.tokens.len(),
                k,
                &source,
                &mut s.unit,
            );
            return;
        }
        by_unit.sort_by_key(|&(u, m)| (u, m.sentence, m.node, m.start));
        let mut with_mentions = 0u64;
        for run in by_unit.chunk_by(|a, b| a.0 == b.0) {
            s.unit.clear();
            s.unit.extend(run.iter().map(|&(_, m)| m));
            g.counts.add_unit(&doc.key, &doc_id, &s.unit, &source);
            with_mentions += 1;
        }
        g.counts.add_empty_units(self.unit_count(doc).saturating_sub(with_mentions));
    }

    fn merge(&self, into: &mut CoocPartial, other: CoocPartial) {
        into.merge(other);
    }

    fn finish(&self, p: CoocPartial) -> Network {
        let min_count = self.options.min_count_for(p.totals.documents);
        self.network(&p, min_count, &self.options)
    }
}
