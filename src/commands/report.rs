//! `tahlil report`: one pass over the corpus computes the term statistics (unigrams and
//! bigrams, per `--by` group), the co-occurrence network and the section summaries of the
//! first documents together; the result is a [`ReportPage`] rendered as one self-contained
//! HTML page or as Markdown with the network as an SVG file next to it.
//!
//! The pieces are the analyses of the other commands, [`Stats`] (per group), [`Cooc`] and
//! [`Sections`] (the first documents), run as one analysis over one walk: each document
//! is parsed, tokenised and matched once.

use super::{CommandError, Setup, build_lexicon, io_err};
use crate::analysis::freq::{FinishOptions, SortBy};
use crate::analysis::network::{Cooc, CoocPartial, NetworkOptions};
use crate::analysis::sections::{DocumentOut, IdCount, Sections};
use crate::analysis::stats::Stats;
use crate::analysis::summarize::Budget;
use crate::analysis::{GroupBy, Grouped};
use crate::cli::ReportArgs;
use crate::lexicon::Lexicon;
use crate::report::page::{
    DocView, GroupRow, Labelled, NetworkLimits, NetworkView, ReportPage, SectionView, text,
};
use crate::report::svg::Embed;
use crate::report::{Format, Output, ToolInfo, html, markdown, page, svg};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const FORMATS: &[Format] = &[Format::Html, Format::Markdown];

/// Terms listed per group under `--by`.
const GROUP_TOP_TERMS: usize = 5;

/// Groups listed under `--by` (the first in key order); the page says how many more there
/// are (e.g. `--by file` over a large folder).
const MAX_GROUPS: usize = 100;

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
    let svg_out = svg_target(&setup, args)?;
    let lex = build_lexicon(&args.lexicon, &setup.pipeline.normalizer)?;
    super::check_filters(&lex, "--nodes", &args.nodes, &[])?;
    let matcher = lex.matcher();
    let by = args.output.by.as_deref();
    let stats = Grouped {
        by: by.map(GroupBy::parse),
        inner: Stats { n: 1, extra_n: Some(2), finish: finish(args.top) },
    };
    let cooc = Cooc {
        lexicon: &lex,
        unit: args.unit,
        kinds: super::kind_filter(&args.nodes),
        count_ambiguous: args.lexicon.count_ambiguous,
        evidence: args.evidence,
        options: NetworkOptions { min_count: args.min_count, sort: args.measure, top: 0 },
    };
    let sections = Sections {
        lexicon: &lex,
        budget: Budget::Sentences(args.summary_sentences),
        top_terms: args.top_terms,
        count_ambiguous: args.lexicon.count_ambiguous,
        by: None,
        max_docs: if args.max_docs == 0 { usize::MAX } else { args.max_docs },
    };
    let ((groups, whole_cooc, docs), info) =
        setup.fold(&(&stats, &cooc, &sections), Some(&matcher))?;
    let warnings = setup.group_warnings(&info, stats.by.as_ref(), groups.keys())?;

    let mut page = terms_page(&stats, groups, args.top);
    setup.add_lists(&mut page.corpus, &info, &warnings);
    let min_count = cooc.options.min_count_for(page.corpus.documents);
    page.network = network_view(args, &cooc, &whole_cooc, min_count);
    page.documents = docs.into_values().map(|d| doc_view(d, &lex)).collect();
    page.title = args.title.clone().unwrap_or_else(|| text::DEFAULT_TITLE.to_string());
    page.inputs = inputs(args);
    page.by = by.map(str::to_string);
    page.options = options(args, setup.format, min_count);
    write_page(&setup, &page, svg_out.as_deref())?;
    Ok(setup.exit_code(&info, &warnings))
}

/// Term lists keep every term of count ≥ 1, most frequent first, the first `top`.
fn finish(top: usize) -> FinishOptions {
    FinishOptions { min_count: 1, min_df: 1, sort: SortBy::Count, top }
}

/// Where the network drawing of a Markdown report to a file goes (`None` otherwise).
fn svg_target(setup: &Setup, args: &ReportArgs) -> Result<Option<PathBuf>, CommandError> {
    let (Format::Markdown, Some(md)) = (setup.format, &setup.output) else { return Ok(None) };
    let p = svg_path_for(md);
    if crate::report::output::is_same_file(&p, &args.input.paths) {
        return Err(CommandError::Usage(format!(
            "{}: refusing to write the network drawing over one of the inputs",
            p.display()
        )));
    }
    super::check_output(&p)?;
    Ok(Some(p))
}

/// The page with its term statistics filled in: the whole corpus's counters and top
/// unigrams and bigrams, and the groups' rows under `--by` (the other parts empty).
fn terms_page(
    stats: &Grouped<Stats>,
    partial: <Grouped<Stats> as crate::analysis::Analysis>::Partial,
    top: usize,
) -> ReportPage {
    let (whole, groups) = stats.split(partial);
    let group_rows = groups
        .iter()
        .take(MAX_GROUPS)
        .map(|(key, g)| GroupRow {
            key: key.clone(),
            summary: g.summary(true),
            top_terms: g
                .counts
                .finish(&finish(GROUP_TOP_TERMS))
                .into_iter()
                .map(|r| r.term)
                .collect(),
        })
        .collect();
    let out = stats.inner.output(&whole, &finish(top));
    ReportPage {
        title: String::new(),
        inputs: Vec::new(),
        tool: ToolInfo::default(),
        corpus: whole.summary(true),
        by: None,
        groups: group_rows,
        groups_total: if stats.by.is_some() { groups.len() } else { 0 },
        unigrams: out.terms,
        bigrams: out.extra.unwrap_or_default(),
        network: NetworkView::default(),
        documents: Vec::new(),
        options: Vec::new(),
    }
}

/// The network as drawn: edges by the measure (ties: more shared units, then the stronger
/// association G², so that among equally frequent pairs the more specific ones are
/// drawn), the selection of `--max-edges`/`--max-nodes`.
fn network_view(
    args: &ReportArgs,
    cooc: &Cooc<'_>,
    partial: &CoocPartial,
    min_count: u64,
) -> NetworkView {
    let options = NetworkOptions { min_count: Some(min_count), ..cooc.options };
    let mut net = cooc.network(partial, min_count, &options);
    net.edges.sort_by(|x, y| {
        let m = |e: &crate::report::graph::Edge| e.value(args.measure);
        m(y).total_cmp(&m(x))
            .then_with(|| y.units.cmp(&x.units))
            .then_with(|| y.measures.llr.total_cmp(&x.measures.llr))
            .then_with(|| x.source.cmp(&y.source))
            .then_with(|| x.target.cmp(&y.target))
    });
    let limits = NetworkLimits { max_edges: args.max_edges, max_nodes: args.max_nodes };
    let sel = page::select_network(&net.nodes, &net, limits);
    NetworkView {
        measure: args.measure,
        unit: args.unit.to_string(),
        units: partial.counts.units,
        min_count,
        max_edges: args.max_edges,
        max_nodes: args.max_nodes,
        total_nodes: net.nodes.iter().filter(|n| n.count > 0).count(),
        total_edges: net.edges.len(),
        table_rows: args.edge_table.min(sel.edges.len()),
        nodes: sel.nodes,
        edges: sel.edges,
    }
}

/// Writes the page as HTML, or as Markdown with the drawing in `svg_out` next to it.
fn write_page(
    setup: &Setup,
    page: &ReportPage,
    svg_out: Option<&Path>,
) -> Result<(), CommandError> {
    if setup.format != Format::Markdown {
        return setup.write_output(|w| html::write(w, page));
    }
    if let Some(p) = svg_out {
        let mut w = Output::open(Some(p)).map_err(|e| CommandError::Runtime(e.into()))?;
        svg::network(&mut w, &page.network, Embed::File).map_err(io_err)?;
        w.finish().map_err(|e| CommandError::Runtime(e.into()))?;
    }
    let svg_name = svg_out.and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned());
    setup.write_output(|w| w.write_all(markdown::render(page, svg_name.as_deref()).as_bytes()))
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
        ("measure", args.measure.name().into()),
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
