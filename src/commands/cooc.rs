//! `tahlil cooc`: the co-occurrence network of countries, regions and themes, with
//! association measures and evidence, for the whole corpus and optionally per group.

use super::{CommandError, Setup, build_lexicon, check_filters, kind_filter, lexicon_setup};
use crate::analysis::cooc::UnitKind;
use crate::analysis::measures::Measure;
use crate::analysis::network::{Cooc, CoocPartial, Edge, Network, NetworkOptions, Node};
use crate::analysis::{GroupBy, Grouped};
use crate::cli::CoocArgs;
use crate::lexicon::Lexicon;
use crate::report::records::LabelledEdge;
use crate::report::{self, CorpusSummary, Format, JsonReport, Layout, Options};
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

/// What was read, with the units counted.
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

/// The results of the JSON report.
#[derive(Serialize)]
struct CoocBody {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<Vec<GroupOut>>,
}

/// The `cooc` options of the JSON report (after the shared ones and the lexicons').
#[derive(Serialize)]
struct CoocOptions {
    unit: UnitKind,
    nodes: Vec<String>,
    min_count: u64,
    top: usize,
    sort: Measure,
    evidence: usize,
}

/// The corpus counters of a partial network (no lists).
fn corpus_of(p: &CoocPartial) -> CorpusOut {
    let t = p.totals;
    CorpusOut {
        summary: report::model::counters(t.documents, t.tokens, t.sentences, t.bytes),
        units: p.counts.units,
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
    let warnings = setup.group_warnings(&info, analysis.by.as_ref(), partial.keys())?;

    let (whole, groups) = analysis.split(partial);
    let min_count = options.min_count_for(whole.totals.documents);
    let cooc = &analysis.inner;
    let net = cooc.network(&whole, min_count, &options);
    let mut corpus = corpus_of(&whole);
    setup.add_lists(&mut corpus.summary, &info, &warnings);
    let groups = by.map(|_| {
        groups
            .iter()
            .map(|(k, g)| {
                let n = cooc.network(g, min_count, &options);
                GroupOut { key: k.clone(), corpus: corpus_of(g), nodes: n.nodes, edges: n.edges }
            })
            .collect()
    });
    let body = CoocBody { nodes: net.nodes.clone(), edges: net.edges.clone(), groups };
    let all = vec!["all".to_string()];
    let options = Options {
        run: setup.run_options("cooc", by),
        lexicon: Some(lexicon_setup(&args.lexicon)),
        command: CoocOptions {
            unit: args.unit,
            nodes: if args.nodes.is_empty() { all } else { args.nodes.clone() },
            min_count,
            top: args.top,
            sort: args.sort,
            evidence: args.evidence,
        },
    };
    let layout = setup.layout(by.is_some());
    setup.write_output(|w| write_report(w, layout, &options, &corpus, &body, &net, &lex))?;
    Ok(setup.exit_code(&info, &warnings))
}

fn write_report<W: std::io::Write>(
    w: &mut W,
    layout: Layout,
    options: &Options<CoocOptions>,
    corpus: &CorpusOut,
    r: &CoocBody,
    net: &Network,
    lex: &Lexicon,
) -> std::io::Result<()> {
    match layout.format {
        Format::Json => return report::write_json(w, &JsonReport::new(options, corpus, r)),
        Format::Graphml => return report::graph::write_graphml(w, net),
        Format::Gexf => return report::graph::write_gexf(w, net),
        Format::Dot => return report::graph::write_dot(w, net),
        _ => {}
    }
    let sets: Vec<(Option<&str>, Vec<LabelledEdge<'_>>)> = match &r.groups {
        Some(gs) => gs.iter().map(|g| (Some(g.key.as_str()), labelled(&g.edges, lex))).collect(),
        None => vec![(None, labelled(&r.edges, lex))],
    };
    if layout.format == Format::Table {
        let nodes = Layout { grouped: false, ..layout };
        report::rows::write_groups(&mut *w, nodes, [(None, r.nodes.as_slice())])?;
    }
    let w = report::rows::write_groups(w, layout, sets.iter().map(|(g, e)| (*g, e.as_slice())))?;
    if layout.format == Format::Table {
        writeln!(
            w,
            "{} documents · {} units ({}) · {} nodes · {} edges (min-count {})",
            corpus.summary.documents,
            corpus.units,
            options.command.unit,
            r.nodes.len(),
            r.edges.len(),
            options.command.min_count
        )?;
    }
    Ok(())
}

/// `edges` with the English labels of their ends.
fn labelled<'e>(edges: &'e [Edge], lex: &Lexicon) -> Vec<LabelledEdge<'e>> {
    let label = |id: &str| {
        lex.find_id(id).map(|e| lex.entry(e)).map_or_else(String::new, |e| e.label_en.clone())
    };
    edges
        .iter()
        .map(|e| LabelledEdge {
            edge: e,
            source_label: label(&e.source),
            target_label: label(&e.target),
        })
        .collect()
}
