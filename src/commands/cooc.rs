//! `tahlil cooc`: the co-occurrence network of countries, regions and themes, with
//! association measures and evidence, for the whole corpus and optionally per group.

use super::{CommandError, Setup, build_lexicon, check_filters, kind_filter};
use crate::analysis::network::{Cooc, CoocPartial, Edge, Network, NetworkOptions, Node};
use crate::analysis::{GroupBy, Grouped};
use crate::cli::CoocArgs;
use crate::lexicon::Lexicon;
use crate::report::{self, CorpusSummary, Format, ToolInfo, fmt_float};
use serde::Serialize;
use std::process::ExitCode;

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
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}

#[derive(Serialize)]
struct CoocReport {
    tool: ToolInfo,
    options: serde_json::Value,
    corpus: CorpusOut,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<Vec<GroupOut>>,
}

/// The corpus counters of a partial network (no lists).
fn corpus_summary(p: &CoocPartial) -> CorpusSummary {
    let t = p.totals;
    CorpusSummary {
        documents: t.documents,
        tokens: t.tokens,
        sentences: t.sentences,
        bytes: t.bytes,
        ..Default::default()
    }
}

/// Runs `tahlil cooc`.
///
/// # Errors
/// See [`CommandError`].
pub fn run(args: &CoocArgs) -> Result<ExitCode, CommandError> {
    let setup = Setup::new(&args.input, &args.text, &args.output, FORMATS)?;
    let lex = build_lexicon(&args.lexicon, &setup.pipeline.normalizer)?;
    check_filters(&lex, "--nodes", &args.nodes, &[])?;
    let matcher = lex.matcher();
    let by = args.output.by.as_deref();
    let options = NetworkOptions { min_count: args.min_count, sort: args.sort, top: args.top };
    let analysis = Grouped {
        by: by.map(GroupBy::parse),
        inner: Cooc {
            lexicon: &lex,
            unit: args.unit,
            kinds: kind_filter(&args.nodes),
            count_ambiguous: args.lexicon.count_ambiguous,
            evidence: args.evidence,
            options,
        },
    };
    let (partial, info) = setup.fold(&analysis, Some(&matcher))?;
    let mut warnings = info.warnings.clone();
    if let Some(b) = &analysis.by {
        warnings.extend(b.missing_field_warning(partial.keys().map(|k| &**k)));
    }
    setup.diagnostics(&info, &warnings)?;

    let (whole, groups) = analysis.split(partial);
    let min_count = options.min_count_for(whole.totals.documents);
    let cooc = &analysis.inner;
    let net = cooc.network(&whole, min_count, &options);
    let mut summary = corpus_summary(&whole);
    setup.fill_summary(&mut summary, &info, &warnings);
    let group_out: Option<Vec<GroupOut>> = by.map(|_| {
        groups
            .iter()
            .map(|(k, g)| {
                let n = cooc.network(g, min_count, &options);
                GroupOut {
                    key: k.clone(),
                    corpus: CorpusOut { summary: corpus_summary(g), units: g.counts.units },
                    nodes: n.nodes,
                    edges: n.edges,
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
        nodes: net.nodes.clone(),
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
                    f(e.measures.jaccard),
                    f(e.measures.dice),
                    f(e.measures.pmi),
                    f(e.measures.npmi),
                    f(e.measures.llr),
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
                    n.id.clone(),
                    n.label_ar.clone(),
                    n.label_en.clone(),
                    n.count.to_string(),
                    n.units.to_string(),
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
