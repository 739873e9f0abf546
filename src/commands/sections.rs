//! `tahlil sections`: each document's title and sections, with their sizes, distinctive
//! terms, countries, regions, themes and key sentences.

use super::{CommandError, Setup, build_lexicon, io_err};
use crate::analysis::sections::{DocumentOut, IdCount, SectionOut, Sections};
use crate::analysis::summarize::Budget;
use crate::analysis::{Analysis, CountTotals, GroupBy, Grouped, Totals};
use crate::cli::SectionsArgs;
use crate::report::{self, CorpusSummary, Format, Output, ToolInfo};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

const FORMATS: &[Format] =
    &[Format::Table, Format::Json, Format::Jsonl, Format::Markdown, Format::Csv, Format::Tsv];

#[derive(Serialize)]
struct SectionLine<'a> {
    doc: &'a str,
    #[serde(flatten)]
    section: &'a SectionOut,
}

#[derive(Serialize)]
struct GroupOut {
    key: String,
    corpus: CorpusSummary,
}

#[derive(Serialize)]
struct SectionsReport<'a> {
    tool: ToolInfo,
    options: serde_json::Value,
    corpus: CorpusSummary,
    documents: &'a [DocumentOut],
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<Vec<GroupOut>>,
}

/// The corpus counters of `t` (no lists).
fn summary_of(t: &Totals) -> CorpusSummary {
    CorpusSummary {
        documents: t.documents,
        tokens: t.tokens,
        sentences: t.sentences,
        bytes: t.bytes,
        ..Default::default()
    }
}

fn joined(v: &[IdCount]) -> String {
    v.iter().map(|c| format!("{} {}", c.id, c.count)).collect::<Vec<_>>().join(", ")
}

fn cells(d: &DocumentOut, s: &SectionOut) -> Vec<String> {
    let mut v = Vec::with_capacity(12);
    if let Some(g) = &d.group {
        v.push(g.clone());
    }
    v.extend([
        d.id.clone(),
        s.index.to_string(),
        s.heading.clone().unwrap_or_default(),
        s.paragraphs.to_string(),
        s.sentences.to_string(),
        s.tokens.to_string(),
        s.top_terms.iter().map(|t| t.term.clone()).collect::<Vec<_>>().join(" · "),
        joined(&s.countries),
        joined(&s.regions),
        joined(&s.themes),
        s.summary.join(" | "),
    ]);
    v
}

/// CSV/TSV columns under `--by`: the group, then [`HEADER`]'s.
const HEADER_GROUP: &[&str] = &[
    "group",
    "doc",
    "section",
    "heading",
    "paragraphs",
    "sentences",
    "tokens",
    "top_terms",
    "countries",
    "regions",
    "themes",
    "summary",
];

/// CSV/TSV columns: one row per section.
const HEADER: &[&str] = HEADER_GROUP.split_at(1).1;

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let t: String = s.chars().take(n).collect();
        format!("{t}…")
    }
}

/// Writes one document as Markdown: a heading per document and section, bullets for key
/// sentences.
fn write_markdown<W: Write>(w: &mut W, d: &DocumentOut) -> std::io::Result<()> {
    writeln!(w, "## {}", d.title.as_deref().unwrap_or(&d.id))?;
    writeln!(w)?;
    writeln!(w, "`{}` · {}", d.id, d.path)?;
    writeln!(w)?;
    for s in &d.sections {
        match &s.heading {
            Some(h) => writeln!(w, "### {h}")?,
            None => writeln!(w, "### (lead)")?,
        }
        writeln!(w)?;
        writeln!(
            w,
            "{} paragraphs · {} sentences · {} tokens",
            s.paragraphs, s.sentences, s.tokens
        )?;
        writeln!(w)?;
        if !s.top_terms.is_empty() {
            let t: Vec<&str> = s.top_terms.iter().map(|t| t.term.as_str()).collect();
            writeln!(w, "- **Terms:** {}", t.join("، "))?;
        }
        for (name, v) in
            [("Countries", &s.countries), ("Regions", &s.regions), ("Themes", &s.themes)]
        {
            if !v.is_empty() {
                writeln!(w, "- **{name}:** {}", joined(v))?;
            }
        }
        if !s.summary.is_empty() {
            writeln!(w, "- **Key sentences:**")?;
            for k in &s.summary {
                writeln!(w, "  - {k}")?;
            }
        }
        writeln!(w)?;
    }
    Ok(())
}

/// Runs `tahlil sections`.
///
/// # Errors
/// See [`CommandError`].
pub fn run(args: &SectionsArgs) -> Result<ExitCode, CommandError> {
    let setup = Setup::new(&args.input, &args.text, &args.output, FORMATS)?;
    let lex = build_lexicon(&args.lexicon, &setup.pipeline.normalizer)?;
    let matcher = lex.matcher();
    let budget = match &args.summary_ratio {
        Some(r) => match r.parse::<Budget>() {
            Ok(Budget::Ratio(x)) => Budget::Ratio(x),
            Ok(Budget::Sentences(_)) | Err(_) => {
                return Err(CommandError::Usage(format!(
                    "--summary-ratio {r}: give a share of words such as 0.4 or 40%"
                )));
            }
        },
        None => Budget::Sentences(args.summary_sentences),
    };
    let format = setup.format;
    let by = args.output.by.as_deref().map(GroupBy::parse);
    let analysis = Sections {
        lexicon: &lex,
        budget,
        top_terms: args.top_terms,
        count_ambiguous: args.lexicon.count_ambiguous,
        by: by.clone(),
        max_docs: usize::MAX,
    };
    let totals = Grouped { by: by.clone(), inner: CountTotals };
    let header: &[&str] = if by.is_some() { HEADER_GROUP } else { HEADER };
    let streaming = matches!(format, Format::Jsonl | Format::Csv | Format::Tsv | Format::Markdown);
    let mut out: Option<Output> = None;
    let mut kept: Vec<DocumentOut> = Vec::new();
    let (groups, info) =
        setup.stream(&analysis, &totals, Some(&matcher), |docs: Vec<DocumentOut>| {
            if !streaming {
                kept.extend(docs);
                return Ok(());
            }
            let w = match &mut out {
                Some(w) => w,
                None => out.insert(setup.open_output_with_header(header)?),
            };
            for d in &docs {
                match format {
                    Format::Jsonl => report::write_jsonl(
                        w,
                        d.sections.iter().map(|s| SectionLine { doc: &d.id, section: s }),
                    ),
                    Format::Markdown => write_markdown(w, d),
                    Format::Csv | Format::Tsv => {
                        let delim = if format == Format::Csv { b',' } else { b'\t' };
                        report::write_delimited_rows(
                            w,
                            delim,
                            header,
                            d.sections.iter().map(|s| cells(d, s)),
                        )
                    }
                    _ => Ok(()),
                }
                .map_err(io_err)?;
            }
            Ok(())
        })?;
    let mut warnings = info.warnings.clone();
    if let Some(b) = &by {
        warnings.extend(b.missing_field_warning(groups.keys().map(|k| &**k)));
    }
    setup.diagnostics(&info, &warnings)?;
    let grouped = totals.finish(groups);
    let mut summary = summary_of(&grouped.whole);
    setup.fill_summary(&mut summary, &info, &warnings);
    let mut w = match out {
        Some(w) => w,
        None => setup.open_output_with_header(header)?,
    };
    match format {
        Format::Json => report::write_json(
            &mut w,
            &SectionsReport {
                tool: ToolInfo::default(),
                options: serde_json::json!({
                    "headings": args.text.headings,
                    "summary": budget.to_string(),
                    "summary_method": "position-biased LexRank (Erkan & Radev 2004; Otterbacher et al. 2009)",
                    "top_terms": args.top_terms,
                    "top_terms_score": "G² keyness against the rest of the document (count when the document has one section)",
                    "normalize": args.text.normalize,
                    "stopwords": args.text.stopwords.to_string(),
                    "lexicons": args.lexicon.lexicons,
                    "builtin": !args.lexicon.no_builtin,
                    "count_ambiguous": args.lexicon.count_ambiguous,
                    "by": args.output.by,
                }),
                corpus: summary,
                documents: &kept,
                groups: by.as_ref().map(|_| {
                    grouped
                        .groups
                        .iter()
                        .map(|(key, t)| GroupOut { key: key.clone(), corpus: summary_of(t) })
                        .collect()
                }),
            },
        ),
        Format::Table => {
            let rows = kept.iter().flat_map(|d| {
                d.sections.iter().map(move |s| {
                    let mut row = Vec::with_capacity(8);
                    if let Some(g) = &d.group {
                        row.push(g.clone());
                    }
                    row.extend([
                        truncate(&d.id, 24),
                        truncate(s.heading.as_deref().unwrap_or("—"), 40),
                        format!("{}/{}/{}", s.paragraphs, s.sentences, s.tokens),
                        truncate(&s.top_terms.iter().map(|t| t.term.clone()).collect::<Vec<_>>().join(" · "), 48),
                        truncate(&s.countries.iter().map(|c| c.id.trim_start_matches("country:")).collect::<Vec<_>>().join(" "), 40),
                        truncate(&s.themes.iter().map(|c| c.id.trim_start_matches("theme:")).collect::<Vec<_>>().join(" "), 40),
                        truncate(s.summary.first().map_or("", String::as_str), 80),
                    ]);
                    row
                })
            });
            let mut cols = vec!["doc", "heading", "para/sent/tok", "top terms", "countries", "themes", "first key sentence"];
            if by.is_some() {
                cols.insert(0, "group");
            }
            w.write_all(report::table::render(&cols, rows, &[]).as_bytes())
        }
        _ => Ok(()),
    }
    .map_err(io_err)?;
    w.finish().map_err(|e| CommandError::Runtime(e.into()))?;
    Ok(setup.exit_code(&info, &warnings))
}
