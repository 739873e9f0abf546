//! `tahlil cooc`: the co-occurrence network of countries, regions and themes, with
//! association measures and evidence, for the whole corpus and optionally per group.

use super::{
    CommandError, Setup, build_lexicon, check_filters, kind_filter, merge_groups, sorted_warnings,
};
use crate::analysis::cooc::{CoocCounts, NodeId, UnitKind, UnitMention, window_count, window_span};
use crate::analysis::measures::Measure;
use crate::analysis::measures::measures;
use crate::analysis::mentions::{DocMention, MentionScratch, document_mentions};
use crate::analysis::{VisualLines, doc_location};
use crate::cli::CoocArgs;
use crate::corpus::Document;
use crate::engine::{SeqKey as DocKey, fold_corpus};
use crate::lexicon::{Lexicon, Matcher};
use crate::report::graph::{Edge, Network, Node};
use crate::report::{self, CorpusSummary, Format, ToolInfo, fmt_float};
use crate::structure::{self, Structure};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::process::ExitCode;
use std::sync::Arc;

const FORMATS: &[Format] = &[
    Format::Table,
    Format::Json,
    Format::Jsonl,
    Format::Csv,
    Format::Tsv,
    Format::Graphml,
    Format::Gexf,
    Format::Dot,
];

/// Counts of one group of documents.
#[derive(Debug, Clone, Default)]
pub struct GroupCooc {
    /// Co-occurrence counts.
    pub counts: CoocCounts,
    /// Ambiguous mentions per node, listed but not counted (unless `--count-ambiguous`).
    pub ambiguous: FxHashMap<NodeId, u64>,
    /// Documents, tokens, sentences, bytes.
    pub summary: CorpusSummary,
}

impl GroupCooc {
    /// Adds `other` into `self` (associative and commutative; see [`CoocCounts::merge`]).
    pub fn merge(&mut self, other: GroupCooc) {
        self.counts.merge(other.counts);
        for (k, v) in other.ambiguous {
            *self.ambiguous.entry(k).or_default() += v;
        }
        self.summary.documents += other.summary.documents;
        self.summary.tokens += other.summary.tokens;
        self.summary.sentences += other.summary.sentences;
        self.summary.bytes += other.summary.bytes;
    }
}

#[derive(Default)]
struct Acc {
    groups: FxHashMap<Box<str>, GroupCooc>,
    warnings: Vec<(DocKey, String)>,
    buf: MentionScratch,
    unit_buf: Vec<UnitMention>,
}

/// The options needed per document.
pub struct CoocSpec<'a> {
    /// The lexicon.
    pub lexicon: &'a Lexicon,
    /// Its matcher.
    pub matcher: &'a Matcher,
    /// The unit.
    pub unit: UnitKind,
    /// Node kinds kept (empty: all).
    pub kinds: &'a [String],
    /// Count ambiguous mentions.
    pub count_ambiguous: bool,
    /// Visual-order lines.
    pub visual: VisualLines,
}

/// Adds one document to `g`: finds its mentions, cuts them into units and counts them.
#[allow(clippy::too_many_arguments)]
pub fn add_document(
    g: &mut GroupCooc,
    doc: &Document,
    key: &crate::analysis::DocKey,
    structure: &Structure,
    pipeline: &crate::text::Pipeline,
    spec: &CoocSpec<'_>,
    buf: &mut MentionScratch,
    unit_buf: &mut Vec<UnitMention>,
    warnings: &mut Vec<String>,
) {
    let found =
        document_mentions(doc, structure, pipeline, spec.matcher, spec.visual, buf, warnings);
    g.summary.documents += 1;
    g.summary.tokens += found.tokens;
    g.summary.sentences += found.sentences;
    g.summary.bytes += doc.text.len() as u64;
    if found.tokens == 0 {
        warnings.push(format!("{}: no tokens found", doc_location(doc)));
    }
    let mut kept: Vec<DocMention> = Vec::with_capacity(found.mentions.len());
    for m in &found.mentions {
        let e = spec.lexicon.entry(m.entry);
        if !spec.kinds.is_empty() && !spec.kinds.iter().any(|k| k == e.kind.as_str()) {
            continue;
        }
        if m.ambiguous && !spec.count_ambiguous {
            *g.ambiguous.entry(m.entry.index() as NodeId).or_default() += 1;
            continue;
        }
        kept.push(*m);
    }
    let doc_id: Arc<str> = Arc::from(doc.id.as_str());
    let text_of = |i: usize| -> String {
        found
            .mentions
            .iter()
            .find(|m| m.pos.sentence == i)
            .map(|m| doc.text[m.pos.span.0..m.pos.span.1].to_string())
            .unwrap_or_default()
    };
    let node =
        |m: &DocMention| UnitMention { node: m.entry.index() as NodeId, sentence: m.pos.sentence };
    // the number of units of this document, and each mention's unit (or window range)
    type UnitOf<'a> = Box<dyn Fn(&DocMention) -> (usize, usize) + 'a>;
    let (units, unit_of): (u64, UnitOf<'_>) = match spec.unit {
        UnitKind::Sentence => {
            (found.sentences, Box::new(|m: &DocMention| (m.pos.sentence, m.pos.sentence)))
        }
        UnitKind::Paragraph => {
            let n = structure.all_paragraphs().count() as u64;
            (n, Box::new(|m: &DocMention| (m.pos.paragraph, m.pos.paragraph)))
        }
        UnitKind::Section => {
            let n = structure.sections.len() as u64 + u64::from(structure.title.is_some());
            // the title is unit 0, sections follow
            (
                n,
                Box::new(|m: &DocMention| {
                    let u = m.pos.section.map_or(0, |s| s + 1);
                    (u, u)
                }),
            )
        }
        UnitKind::Document => (1, Box::new(|_: &DocMention| (0, 0))),
        UnitKind::Window(k) => {
            let len = found.positions;
            (
                window_count(len, k) as u64,
                Box::new(move |m: &DocMention| window_span(m.token, len, k)),
            )
        }
    };
    // group mentions by unit: (unit, mention) pairs sorted by unit
    let mut by_unit: Vec<(usize, UnitMention)> = Vec::new();
    for m in &kept {
        let (first, last) = unit_of(m);
        for u in first..=last {
            by_unit.push((u, node(m)));
        }
    }
    by_unit.sort_by_key(|&(u, m)| (u, m.sentence, m.node));
    let mut with_mentions = 0u64;
    let mut i = 0;
    while i < by_unit.len() {
        let u = by_unit[i].0;
        unit_buf.clear();
        while i < by_unit.len() && by_unit[i].0 == u {
            unit_buf.push(by_unit[i].1);
            i += 1;
        }
        g.counts.add_unit(key, &doc_id, unit_buf, &text_of);
        with_mentions += 1;
    }
    g.counts.add_empty_units(units.saturating_sub(with_mentions));
}

/// The network of one group: nodes sorted by count (ties by id), edges filtered and sorted.
pub fn network(
    g: &GroupCooc,
    lex: &Lexicon,
    min_count: u64,
    sort: Measure,
    top: usize,
) -> (Vec<NodeOut>, Network) {
    let id_of = |n: NodeId| lex.entries().get(n as usize);
    let mut nodes: Vec<NodeOut> = Vec::new();
    let mut all: Vec<NodeId> =
        g.counts.nodes.keys().copied().chain(g.ambiguous.keys().copied()).collect();
    all.sort_unstable();
    all.dedup();
    for n in all {
        let Some(e) = id_of(n) else { continue };
        let c = g.counts.nodes.get(&n).copied().unwrap_or_default();
        nodes.push(NodeOut {
            node: Node {
                id: e.id.clone(),
                kind: e.kind.to_string(),
                label_ar: e.label_ar.clone(),
                label_en: e.label_en.clone(),
                count: c.count,
                units: c.units,
            },
            ambiguous: g.ambiguous.get(&n).copied().unwrap_or(0),
        });
    }
    nodes.sort_by(|a, b| b.node.count.cmp(&a.node.count).then_with(|| a.node.id.cmp(&b.node.id)));
    let n_units = g.counts.units;
    let mut edges: Vec<Edge> = Vec::new();
    for (&(a, b), p) in &g.counts.pairs {
        if p.units < min_count {
            continue;
        }
        let (Some(ea), Some(eb)) = (id_of(a), id_of(b)) else { continue };
        let na = g.counts.nodes.get(&a).map_or(0, |c| c.units);
        let nb = g.counts.nodes.get(&b).map_or(0, |c| c.units);
        let m = measures(p.units, na, nb, n_units);
        let (source, target) = if ea.id <= eb.id {
            (ea.id.clone(), eb.id.clone())
        } else {
            (eb.id.clone(), ea.id.clone())
        };
        edges.push(Edge {
            source,
            target,
            units: p.units,
            jaccard: m.jaccard,
            dice: m.dice,
            pmi: m.pmi,
            npmi: m.npmi,
            llr: m.llr,
            evidence: p.evidence.clone(),
        });
    }
    edges.sort_by(|x, y| {
        let key = |e: &Edge| match sort {
            Measure::Units => e.units as f64,
            Measure::Jaccard => e.jaccard,
            Measure::Dice => e.dice,
            Measure::Pmi => e.pmi,
            Measure::Npmi => e.npmi,
            Measure::Llr => e.llr,
        };
        key(y)
            .total_cmp(&key(x))
            .then_with(|| y.units.cmp(&x.units))
            .then_with(|| x.source.cmp(&y.source))
            .then_with(|| x.target.cmp(&y.target))
    });
    if top > 0 {
        edges.truncate(top);
    }
    let net = Network { nodes: nodes.iter().map(|n| n.node.clone()).collect(), edges };
    (nodes, net)
}

/// A node in the JSON report: the graph node plus its ambiguous mentions.
#[derive(Debug, Clone, Serialize)]
pub struct NodeOut {
    /// The node.
    #[serde(flatten)]
    pub node: Node,
    /// Ambiguous mentions of this node, not counted in `count`/`units` (unless
    /// `--count-ambiguous`).
    pub ambiguous: u64,
}

#[derive(Serialize)]
struct CorpusOut {
    #[serde(flatten)]
    summary: CorpusSummary,
    units: u64,
}

#[derive(Serialize)]
struct GroupOut {
    key: String,
    corpus: CorpusOut,
    nodes: Vec<NodeOut>,
    edges: Vec<Edge>,
}

#[derive(Serialize)]
struct CoocReport {
    tool: ToolInfo,
    options: serde_json::Value,
    corpus: CorpusOut,
    nodes: Vec<NodeOut>,
    edges: Vec<Edge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<Vec<GroupOut>>,
}

/// Runs `tahlil cooc`.
///
/// # Errors
/// See [`CommandError`].
pub fn run(args: &CoocArgs) -> Result<ExitCode, CommandError> {
    let setup = Setup::new(&args.input, &args.text, &args.output, FORMATS)?;
    let lex = build_lexicon(&args.lexicon, &setup.pipeline.normalizer)?;
    check_filters(&lex, "--nodes", &args.nodes, &[])?;
    let kinds = kind_filter(&args.nodes);
    let matcher = lex.matcher();
    let by = args.output.by.as_deref();
    let spec = CoocSpec {
        lexicon: &lex,
        matcher: &matcher,
        unit: args.unit,
        kinds: &kinds,
        count_ambiguous: args.lexicon.count_ambiguous,
        visual: args.text.visual_lines,
    };
    let evidence = args.evidence;
    let (acc, info) = fold_corpus(
        setup.reader()?,
        &setup.engine,
        Acc::default,
        |acc: &mut Acc, doc: &Document, key: DocKey| {
            let structure = structure::parse(&doc.text, &setup.structure_options(doc));
            let Acc { groups, warnings, buf, unit_buf } = acc;
            let group: &str = by.map_or("", |b| crate::analysis::GroupBy::parse(b).key(doc));
            let g = groups.entry(Box::from(group)).or_insert_with(|| GroupCooc {
                counts: CoocCounts::new(evidence),
                ..Default::default()
            });
            let mut w = Vec::new();
            let doc_key = crate::analysis::DocKey::of(doc);
            add_document(
                g,
                doc,
                &doc_key,
                &structure,
                &setup.pipeline,
                &spec,
                buf,
                unit_buf,
                &mut w,
            );
            warnings.extend(w.into_iter().map(|w| (key, w)));
        },
        |a: &mut Acc, b: Acc| {
            merge_groups(&mut a.groups, b.groups, GroupCooc::merge);
            a.warnings.extend(b.warnings);
        },
    )
    .map_err(|e| CommandError::Runtime(e.into()))?;
    let mut warnings = sorted_warnings(acc.warnings);
    warnings.extend(super::by_field_warning(by, acc.groups.keys().map(|k| &**k)));
    setup.diagnostics(&info, &warnings)?;

    let mut groups: Vec<(Box<str>, GroupCooc)> = acc.groups.into_iter().collect();
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    let mut whole = GroupCooc { counts: CoocCounts::new(evidence), ..Default::default() };
    for (_, g) in &groups {
        whole.merge(g.clone());
    }
    let min_count = args.min_count.unwrap_or(if whole.summary.documents > 1 { 2 } else { 1 });
    let (nodes, net) = network(&whole, &lex, min_count, args.sort, args.top);
    let mut summary = whole.summary.clone();
    summary.skipped = info.skipped.clone();
    summary.notices = info.notices.clone();
    summary.warnings = warnings.clone();
    let group_out: Option<Vec<GroupOut>> = by.map(|_| {
        groups
            .iter()
            .map(|(k, g)| {
                let (nodes, net) = network(g, &lex, min_count, args.sort, args.top);
                GroupOut {
                    key: k.to_string(),
                    corpus: CorpusOut { summary: g.summary.clone(), units: g.counts.units },
                    nodes,
                    edges: net.edges,
                }
            })
            .collect()
    });
    let report = CoocReport {
        tool: ToolInfo::default(),
        options: serde_json::json!({
            "unit": args.unit,
            "nodes": if args.nodes.is_empty() { vec!["all".to_string()] } else { args.nodes.clone() },
            "min_count": min_count,
            "top": args.top,
            "sort": args.sort,
            "evidence": args.evidence,
            "count_ambiguous": args.lexicon.count_ambiguous,
            "normalize": args.text.normalize,
            "lexicons": args.lexicon.lexicons,
            "builtin": !args.lexicon.no_builtin,
            "capitals": args.lexicon.capitals,
            "by": by,
            "headings": args.text.headings,
        }),
        corpus: CorpusOut { summary, units: whole.counts.units },
        nodes,
        edges: net.edges.clone(),
        groups: group_out,
    };
    let mut out = setup.open_output()?;
    write_report(&mut out, setup.format, &report, &net, &lex)
        .map_err(|e| CommandError::Runtime(e.into()))?;
    out.finish().map_err(|e| CommandError::Runtime(e.into()))?;
    Ok(setup.exit_code(&info, &warnings))
}

fn write_report<W: std::io::Write>(
    w: &mut W,
    format: Format,
    r: &CoocReport,
    net: &Network,
    lex: &Lexicon,
) -> std::io::Result<()> {
    let label = |id: &str| {
        lex.find_id(id).map(|e| lex.entry(e)).map_or_else(String::new, |e| e.label_en.clone())
    };
    let grouped = r.groups.as_deref();
    let edge_sets: Vec<(Option<&str>, &[Edge])> = match grouped {
        Some(gs) => gs.iter().map(|g| (Some(g.key.as_str()), g.edges.as_slice())).collect(),
        None => vec![(None, r.edges.as_slice())],
    };
    let mut header = vec![
        "source",
        "target",
        "source_label",
        "target_label",
        "units",
        "jaccard",
        "dice",
        "pmi",
        "npmi",
        "llr",
    ];
    if grouped.is_some() {
        header.insert(0, "group");
    }
    let rows = |decimals: Option<usize>| -> Vec<Vec<String>> {
        let f = |v: f64| match decimals {
            Some(d) => format!("{v:.d$}"),
            None => fmt_float(v),
        };
        let mut out = Vec::new();
        for (g, edges) in &edge_sets {
            for e in *edges {
                let mut row = Vec::with_capacity(11);
                if let Some(g) = g {
                    row.push(g.to_string());
                }
                row.extend([
                    e.source.clone(),
                    e.target.clone(),
                    label(&e.source),
                    label(&e.target),
                    e.units.to_string(),
                    f(e.jaccard),
                    f(e.dice),
                    f(e.pmi),
                    f(e.npmi),
                    f(e.llr),
                ]);
                out.push(row);
            }
        }
        out
    };
    match format {
        Format::Json => report::write_json(w, r),
        Format::Jsonl => report::write_jsonl(w, &r.edges),
        Format::Csv => report::write_delimited(w, b',', &header, rows(None)),
        Format::Graphml => report::graph::write_graphml(w, net),
        Format::Gexf => report::graph::write_gexf(w, net),
        Format::Dot => report::graph::write_dot(w, net),
        Format::Table => {
            let node_rows = r.nodes.iter().map(|n| {
                vec![
                    n.node.id.clone(),
                    n.node.label_ar.clone(),
                    n.node.label_en.clone(),
                    n.node.count.to_string(),
                    n.node.units.to_string(),
                    if n.ambiguous > 0 { n.ambiguous.to_string() } else { String::new() },
                ]
            });
            w.write_all(
                report::table::render(
                    &["node", "label_ar", "label_en", "count", "units", "ambiguous"],
                    node_rows,
                    &[3, 4, 5],
                )
                .as_bytes(),
            )?;
            let off = usize::from(grouped.is_some());
            let numeric: Vec<usize> = (off + 4..off + 10).collect();
            w.write_all(report::table::render(&header, rows(Some(3)), &numeric).as_bytes())?;
            writeln!(
                w,
                "{} documents · {} units ({}) · {} nodes · {} edges (min-count {})",
                r.corpus.summary.documents,
                r.corpus.units,
                r.options["unit"].as_str().unwrap_or(""),
                r.nodes.len(),
                r.edges.len(),
                r.options["min_count"]
            )
        }
        _ => report::write_delimited(w, b'\t', &header, rows(None)),
    }
}
