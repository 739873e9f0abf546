//! `tahlil report`: one pass over the corpus computes the term statistics (unigrams and
//! bigrams, per `--by` group), the co-occurrence network and the section summaries of the
//! first documents together; the result is a [`ReportPage`] rendered as one self-contained
//! HTML page or as Markdown with the network as an SVG file next to it.
//!
//! The pieces are those of the other commands: [`GroupCounts::add_document`] (stats),
//! [`cooc::add_document`] and [`cooc::network`], [`sections::summarize_structure`]; each
//! document's structure is parsed once and shared by the three.

use super::{CommandError, Setup, build_lexicon, io_err, merge_groups, sorted_warnings};
use crate::analysis::cooc::{CoocCounts, UnitMention};
use crate::analysis::freq::{FinishOptions, SortBy};
use crate::analysis::mentions::MentionScratch;
use crate::analysis::summarize::Budget;
use crate::cli::ReportArgs;
use crate::commands::cooc::{self, CoocSpec, GroupCooc};
use crate::commands::sections::{self, DocumentOut, IdCount, SectionScratch, SectionSpec};
use crate::commands::stats::{Counter, GroupCounts, group_key};
use crate::corpus::Document;
use crate::engine::{DocKey, fold_corpus};
use crate::lexicon::Lexicon;
use crate::report::page::{
    DocView, GroupRow, Labelled, NetworkLimits, NetworkView, ReportPage, SectionView, text,
};
use crate::report::svg::Embed;
use crate::report::{Format, Output, ToolInfo, html, markdown, page, svg};
use crate::structure;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const FORMATS: &[Format] = &[Format::Html, Format::Markdown];

/// Terms listed per group under `--by`.
const GROUP_TOP_TERMS: usize = 5;

/// Groups listed under `--by` (the first in key order); the page says how many more there
/// are (e.g. `--by file` over a large folder).
const MAX_GROUPS: usize = 100;

/// One worker's accumulator.
struct Acc {
    groups: FxHashMap<Box<str>, GroupCounts>,
    cooc: GroupCooc,
    /// The section summaries of the documents with the smallest keys seen by this worker
    /// (at most `max_docs`).
    docs: BTreeMap<DocKey, DocumentOut>,
    warnings: Vec<(DocKey, String)>,
    counter: Counter,
    buf: MentionScratch,
    unit_buf: Vec<UnitMention>,
    /// Buffers of the section summaries.
    section_buf: SectionScratch,
}

impl Acc {
    fn new(evidence: usize) -> Self {
        Acc {
            groups: FxHashMap::default(),
            cooc: GroupCooc { counts: CoocCounts::new(evidence), ..Default::default() },
            docs: BTreeMap::new(),
            warnings: Vec::new(),
            counter: Counter::new(1, 2),
            buf: MentionScratch::default(),
            unit_buf: Vec::new(),
            section_buf: SectionScratch::default(),
        }
    }

    fn merge(&mut self, other: Acc, max_docs: usize) {
        merge_groups(&mut self.groups, other.groups, GroupCounts::merge);
        self.cooc.merge(other.cooc);
        self.docs.extend(other.docs);
        while self.docs.len() > max_docs {
            self.docs.pop_last();
        }
        self.warnings.extend(other.warnings);
    }
}

/// The output format: `--format` when given; else Markdown for a `.md`/`.markdown` output
/// and HTML otherwise (also on stdout).
pub fn resolve_format(format: Format, output: Option<&Path>) -> Format {
    match format {
        Format::Auto => match output.map(|p| Format::Auto.resolve(Some(p), false)) {
            Some(Format::Markdown) => Format::Markdown,
            _ => Format::Html,
        },
        other => other,
    }
}

/// Where the network drawing of a Markdown report goes: next to `md`, named after it with
/// `.network.svg` (`report.md` → `report.network.svg`).
pub fn svg_path_for(md: &Path) -> PathBuf {
    let stem = md.file_stem().map_or_else(|| "report".into(), |s| s.to_string_lossy().into_owned());
    md.with_file_name(format!("{stem}.network.svg"))
}

/// A value of a clap/serde enum as written on the command line.
fn name<T: serde::Serialize + std::fmt::Debug>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => format!("{v:?}"),
    }
}

/// Runs `tahlil report`.
///
/// # Errors
/// See [`CommandError`].
pub fn run(args: &ReportArgs) -> Result<ExitCode, CommandError> {
    let mut out_args = args.output.clone();
    out_args.format = resolve_format(args.output.format, args.output.output.as_deref());
    let setup = Setup::new(&args.input, &args.text, &out_args, FORMATS)?;
    let svg_out = match (setup.format, &setup.output) {
        (Format::Markdown, Some(md)) => {
            let p = svg_path_for(md);
            if crate::report::output::is_same_file(&p, &args.input.paths) {
                return Err(CommandError::Usage(format!(
                    "{}: refusing to write the network drawing over one of the inputs",
                    p.display()
                )));
            }
            super::check_output(&p)?;
            Some(p)
        }
        _ => None,
    };
    let lex = build_lexicon(&args.lexicon, &setup.pipeline.normalizer)?;
    super::check_filters(&lex, "--nodes", &args.nodes, &[])?;
    let kinds = super::kind_filter(&args.nodes);
    let matcher = lex.matcher();
    let by = args.output.by.as_deref();
    let visual = args.text.visual_lines;
    let pipeline = &setup.pipeline;
    let cooc_spec = CoocSpec {
        lexicon: &lex,
        matcher: &matcher,
        unit: args.unit,
        kinds: &kinds,
        count_ambiguous: args.lexicon.count_ambiguous,
        visual,
    };
    let section_spec = SectionSpec {
        pipeline,
        lexicon: &lex,
        matcher: &matcher,
        budget: Budget::Sentences(args.summary_sentences),
        top_terms: args.top_terms,
        count_ambiguous: args.lexicon.count_ambiguous,
        visual,
    };
    let max_docs = if args.max_docs == 0 { usize::MAX } else { args.max_docs };
    let evidence = args.evidence;
    let (acc, info) = fold_corpus(
        setup.reader()?,
        &setup.engine,
        || Acc::new(evidence),
        |acc: &mut Acc, doc: &Document, key: DocKey| {
            let st = structure::parse(&doc.text, &setup.structure_options(doc));
            let Acc { groups, cooc: c, docs, warnings, counter, buf, unit_buf, section_buf } = acc;
            let g = groups.entry(group_key(doc, by)).or_insert_with(GroupCounts::with_extra);
            let mut w = Vec::new();
            g.add_document(doc, &st, pipeline, visual, counter, &mut w);
            warnings.extend(w.into_iter().map(|w| (key, w)));
            // the same warnings again (no tokens, visual lines): already given above
            let mut again = Vec::new();
            cooc::add_document(c, doc, key, &st, pipeline, &cooc_spec, buf, unit_buf, &mut again);
            let wanted =
                docs.len() < max_docs || docs.last_key_value().is_some_and(|(k, _)| key < *k);
            if wanted {
                again.clear();
                let (d, _, _) =
                    sections::summarize_structure(doc, &st, &section_spec, section_buf, &mut again);
                docs.insert(key, d);
                if docs.len() > max_docs {
                    docs.pop_last();
                }
            }
        },
        |a: &mut Acc, b: Acc| a.merge(b, max_docs),
    )
    .map_err(|e| CommandError::Runtime(e.into()))?;
    let Acc { groups, cooc: whole_cooc, docs, warnings, .. } = acc;
    let mut warnings = sorted_warnings(warnings);
    warnings.extend(super::by_field_warning(by, groups.keys().map(|k| &**k)));
    setup.diagnostics(&info, &warnings)?;

    // term statistics: per group first (by value), then the whole corpus
    let mut groups: Vec<(Box<str>, GroupCounts)> = groups.into_iter().collect();
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    let finish = |top: usize| FinishOptions { min_count: 1, min_df: 1, sort: SortBy::Count, top };
    let mut group_rows = Vec::new();
    let mut whole = GroupCounts::with_extra();
    let group_count = groups.len();
    for (i, (key, g)) in groups.into_iter().enumerate() {
        if by.is_some() && i < MAX_GROUPS {
            group_rows.push(GroupRow {
                key: key.to_string(),
                summary: g.summary(true),
                top_terms: g
                    .counts
                    .finish(&finish(GROUP_TOP_TERMS))
                    .into_iter()
                    .map(|r| r.term)
                    .collect(),
            });
        }
        whole.merge(g);
    }
    let mut corpus = whole.summary(true);
    corpus.skipped = info.skipped.clone();
    corpus.warnings = warnings.clone();
    corpus.notices = info.notices.clone();
    let unigrams = whole.counts.finish(&finish(args.top));
    let bigrams = match &mut whole.extra {
        Some(x) => {
            // rates per 10,000 corpus tokens, like the unigrams
            x.tokens = whole.counts.tokens;
            x.finish(&finish(args.top))
        }
        None => Vec::new(),
    };
    drop(whole);

    // the network
    let min_count = args.min_count.unwrap_or(if corpus.documents > 1 { 2 } else { 1 });
    let (nodes, mut net) = cooc::network(&whole_cooc, &lex, min_count, args.measure, 0);
    // ties of the measure: more shared units first, then the stronger association (G²),
    // so that among equally frequent pairs the more specific ones are drawn
    net.edges.sort_by(|x, y| {
        let m = |e: &crate::report::graph::Edge| page::measure_value(args.measure, e);
        m(y).total_cmp(&m(x))
            .then_with(|| y.units.cmp(&x.units))
            .then_with(|| y.llr.total_cmp(&x.llr))
            .then_with(|| x.source.cmp(&y.source))
            .then_with(|| x.target.cmp(&y.target))
    });
    let limits = NetworkLimits { max_edges: args.max_edges, max_nodes: args.max_nodes };
    let sel = page::select_network(&nodes, &net, limits);
    let network = NetworkView {
        measure: args.measure,
        unit: args.unit.to_string(),
        units: whole_cooc.counts.units,
        min_count,
        max_edges: args.max_edges,
        max_nodes: args.max_nodes,
        total_nodes: nodes.iter().filter(|n| n.node.count > 0).count(),
        total_edges: net.edges.len(),
        table_rows: args.edge_table.min(sel.edges.len()),
        nodes: sel.nodes,
        edges: sel.edges,
    };
    drop(net);

    let documents: Vec<DocView> = docs.into_values().map(|d| doc_view(d, &lex)).collect();
    let page = ReportPage {
        title: args.title.clone().unwrap_or_else(|| text::DEFAULT_TITLE.to_string()),
        inputs: inputs(args),
        tool: ToolInfo::default(),
        corpus,
        by: by.map(str::to_string),
        groups: group_rows,
        groups_total: if by.is_some() { group_count } else { 0 },
        unigrams,
        bigrams,
        network,
        documents,
        options: options(args, setup.format, min_count),
    };

    match setup.format {
        Format::Markdown => {
            let svg_name = svg_out
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned());
            if let Some(p) = &svg_out {
                let mut w = Output::open(Some(p)).map_err(|e| CommandError::Runtime(e.into()))?;
                svg::network(&mut w, &page.network, Embed::File).map_err(io_err)?;
                w.finish().map_err(|e| CommandError::Runtime(e.into()))?;
            }
            let mut out = setup.open_output()?;
            out.write_all(markdown::render(&page, svg_name.as_deref()).as_bytes())
                .map_err(io_err)?;
            out.finish().map_err(|e| CommandError::Runtime(e.into()))?;
        }
        _ => {
            let mut out = setup.open_output()?;
            html::write(&mut out, &page).map_err(io_err)?;
            out.finish().map_err(|e| CommandError::Runtime(e.into()))?;
        }
    }
    Ok(setup.exit_code(&info, &warnings))
}

/// The inputs as given (relative paths stay relative), `-` for stdin.
fn inputs(args: &ReportArgs) -> Vec<String> {
    let mut v: Vec<String> = args.input.paths.iter().map(|p| p.display().to_string()).collect();
    if let Some(f) = &args.input.files_from {
        v.push(format!("--files-from {}", f.display()));
    }
    if v.is_empty() {
        v.push("-".into());
    }
    v
}

/// The options that shape the report, as (name, value) in display order. Threads and
/// progress are left out: they never change the output.
fn options(args: &ReportArgs, format: Format, min_count: u64) -> Vec<(String, String)> {
    let list = |v: &[String]| if v.is_empty() { "all".to_string() } else { v.join(",") };
    let files = |v: &[PathBuf]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        }
    };
    let t = &args.text;
    let i = &args.input;
    let l = &args.lexicon;
    let mut o: Vec<(&str, String)> = vec![
        ("tool", format!("tahlil {}", env!("CARGO_PKG_VERSION"))),
        ("command", "report".into()),
        ("inputs", inputs(args).join(" ")),
        ("format", format.name().into()),
        ("input-format", name(&i.input_format)),
        ("encoding", name(&i.encoding)),
        ("by", args.output.by.clone().unwrap_or_else(|| "none".into())),
        ("normalize", name(&t.normalize)),
        ("segment", name(&t.segment)),
        ("stem", name(&t.stem)),
        ("stopwords", t.stopwords.to_string()),
        ("numbers", (!t.no_numbers).to_string()),
        ("visual-lines", name(&t.visual_lines)),
        ("headings", name(&t.headings)),
        ("builtin lexicons", (!l.no_builtin).to_string()),
        ("lexicon", files(&l.lexicons)),
        ("capitals", l.capitals.to_string()),
        ("count-ambiguous", l.count_ambiguous.to_string()),
        ("top", args.top.to_string()),
        ("unit", args.unit.to_string()),
        ("nodes", list(&args.nodes)),
        ("measure", text::measure_name(args.measure).into()),
        ("min-count", min_count.to_string()),
        ("max-edges", args.max_edges.to_string()),
        ("max-nodes", args.max_nodes.to_string()),
        ("edge-table", args.edge_table.to_string()),
        ("evidence", args.evidence.to_string()),
        ("max-docs", args.max_docs.to_string()),
        ("summary-sentences", args.summary_sentences.to_string()),
        ("top-terms", args.top_terms.to_string()),
    ];
    if i.input_format == crate::corpus::InputFormat::Auto {
        o.retain(|(k, _)| *k != "input-format");
    }
    o.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// A section summary with labels for its lexicon entries.
fn doc_view(d: DocumentOut, lex: &Lexicon) -> DocView {
    let label = |v: &[IdCount]| -> Vec<Labelled> {
        v.iter()
            .map(|c| {
                let e = lex.find_id(&c.id).map(|e| lex.entry(e));
                let ar = e.map(|e| e.label_ar.clone()).filter(|s| !s.is_empty());
                Labelled {
                    id: c.id.clone(),
                    label_ar: ar.unwrap_or_else(|| c.id.clone()),
                    label_en: e.map(|e| e.label_en.clone()).unwrap_or_default(),
                    count: c.count,
                }
            })
            .collect()
    };
    DocView {
        id: d.id,
        path: d.path,
        title: d.title,
        sections: d
            .sections
            .into_iter()
            .map(|s| SectionView {
                heading: s.heading,
                sizes: (s.paragraphs, s.sentences, s.tokens),
                top_terms: s.top_terms.into_iter().map(|t| t.term).collect(),
                countries: label(&s.countries),
                regions: label(&s.regions),
                themes: label(&s.themes),
                key_sentences: s.summary,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_the_output_name() {
        assert_eq!(resolve_format(Format::Auto, None), Format::Html);
        assert_eq!(resolve_format(Format::Auto, Some(Path::new("r.html"))), Format::Html);
        assert_eq!(resolve_format(Format::Auto, Some(Path::new("r.md"))), Format::Markdown);
        assert_eq!(resolve_format(Format::Auto, Some(Path::new("r.txt"))), Format::Html);
        assert_eq!(resolve_format(Format::Markdown, None), Format::Markdown);
    }

    #[test]
    fn drawing_next_to_the_markdown() {
        assert_eq!(svg_path_for(Path::new("out/r.md")), Path::new("out/r.network.svg"));
        assert_eq!(svg_path_for(Path::new("report.md")), Path::new("report.network.svg"));
    }
}
