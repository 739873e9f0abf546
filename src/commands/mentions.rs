//! `tahlil mentions`: every match of a lexicon entry, one per row, traceable to the text.

use super::{CommandError, Setup, build_lexicon, io_err};
use crate::analysis::mentions::{MentionScratch, document_mentions};
use crate::analysis::{VisualLines, doc_location};
use crate::cli::MentionsArgs;
use crate::corpus::Document;
use crate::engine::map_corpus_with;
use crate::lexicon::{Lexicon, Matcher};
use crate::report::{self, CorpusSummary, Format, Output, ToolInfo};
use crate::structure;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

const FORMATS: &[Format] = &[Format::Table, Format::Json, Format::Jsonl, Format::Csv, Format::Tsv];
const HEADER: &[&str] = &[
    "doc",
    "section",
    "paragraph",
    "sentence",
    "start",
    "end",
    "surface",
    "id",
    "kind",
    "label_ar",
    "label_en",
    "ambiguous",
];

/// One row of the report.
#[derive(Debug, Clone, Serialize)]
pub struct MentionRow {
    /// Document id.
    pub doc: String,
    /// Section index (`null` for the title line).
    pub section: Option<usize>,
    /// Paragraph index in the document (title and headings count), from 0.
    pub paragraph: usize,
    /// Sentence index in the document, from 0.
    pub sentence: usize,
    /// Byte offset of the mention's start in the document text.
    pub start: usize,
    /// Byte offset of its end (exclusive).
    pub end: usize,
    /// The original text at `start..end`.
    pub surface: String,
    /// Entry id, e.g. `country:IND`.
    pub id: String,
    /// Entry kind.
    pub kind: String,
    /// Arabic label.
    pub label_ar: String,
    /// English label.
    pub label_en: String,
    /// True for an ambiguous match (listed, not counted by `cooc` unless asked).
    pub ambiguous: bool,
}

impl MentionRow {
    fn cells(&self) -> Vec<String> {
        vec![
            self.doc.clone(),
            self.section.map_or_else(String::new, |s| s.to_string()),
            self.paragraph.to_string(),
            self.sentence.to_string(),
            self.start.to_string(),
            self.end.to_string(),
            self.surface.clone(),
            self.id.clone(),
            self.kind.clone(),
            self.label_ar.clone(),
            self.label_en.clone(),
            self.ambiguous.to_string(),
        ]
    }
}

#[derive(Serialize)]
struct MentionsReport<'a> {
    tool: ToolInfo,
    options: serde_json::Value,
    corpus: CorpusSummary,
    mentions: &'a [MentionRow],
}

/// Per-document result: rows plus counts and warnings.
struct DocOut {
    rows: Vec<MentionRow>,
    tokens: u64,
    sentences: u64,
    bytes: u64,
    warnings: Vec<String>,
}

/// The rows of one document, filtered by kind and id.
fn doc_rows(
    doc: &Document,
    setup: &Setup,
    lex: &Lexicon,
    matcher: &Matcher,
    args: &MentionsArgs,
    visual: VisualLines,
    buf: &mut MentionScratch,
) -> DocOut {
    let structure = structure::parse(&doc.text, &setup.structure_options(doc));
    let mut warnings = Vec::new();
    let found =
        document_mentions(doc, &structure, &setup.pipeline, matcher, visual, buf, &mut warnings);
    let mut rows = Vec::new();
    for m in &found.mentions {
        let e = lex.entry(m.entry);
        if !args.kind.is_empty() && !args.kind.iter().any(|k| k == "all" || k == e.kind.as_str()) {
            continue;
        }
        if !args.id.is_empty() && !args.id.contains(&e.id) {
            continue;
        }
        rows.push(MentionRow {
            doc: doc.id.clone(),
            section: m.pos.section,
            paragraph: m.pos.paragraph,
            sentence: m.pos.sentence,
            start: m.start,
            end: m.end,
            surface: doc.text[m.start..m.end].to_string(),
            id: e.id.clone(),
            kind: e.kind.to_string(),
            label_ar: e.label_ar.clone(),
            label_en: e.label_en.clone(),
            ambiguous: m.ambiguous,
        });
    }
    if found.tokens == 0 {
        warnings.push(format!("{}: no tokens found", doc_location(doc)));
    }
    DocOut {
        rows,
        tokens: found.tokens,
        sentences: found.sentences,
        bytes: doc.text.len() as u64,
        warnings,
    }
}

/// Runs `tahlil mentions`.
///
/// # Errors
/// See [`CommandError`].
pub fn run(args: &MentionsArgs) -> Result<ExitCode, CommandError> {
    let setup = Setup::new(&args.input, &args.text, &args.output, FORMATS)?;
    if args.output.by.is_some() {
        return Err(CommandError::Usage(
            "mentions has no --by: every row names its document (`doc`); group with the other \
             commands or afterwards"
                .into(),
        ));
    }
    let lex = build_lexicon(&args.lexicon, &setup.pipeline.normalizer)?;
    super::check_filters(&lex, "--kind", &args.kind, &args.id)?;
    let matcher = lex.matcher();
    let format = setup.format;
    let streaming = matches!(format, Format::Jsonl | Format::Csv | Format::Tsv);
    let mut out: Option<Output> = None;
    let mut rows_kept: Vec<MentionRow> = Vec::new();
    let mut summary = CorpusSummary::default();
    let mut warnings = Vec::new();
    let visual = args.text.visual_lines;
    let result = map_corpus_with(
        setup.reader()?,
        &setup.engine,
        MentionScratch::default,
        |buf, doc| doc_rows(doc, &setup, &lex, &matcher, args, visual, buf),
        |_doc, r: DocOut| -> Result<(), CommandError> {
            summary.documents += 1;
            summary.tokens += r.tokens;
            summary.sentences += r.sentences;
            summary.bytes += r.bytes;
            warnings.extend(r.warnings);
            if streaming {
                let w = match &mut out {
                    Some(w) => w,
                    None => out.insert(setup.open_output_with_header(HEADER)?),
                };
                match format {
                    Format::Jsonl => report::write_jsonl(w, &r.rows),
                    Format::Csv => write_rows(w, b',', &r.rows),
                    _ => write_rows(w, b'\t', &r.rows),
                }
                .map_err(io_err)?;
            } else {
                rows_kept.extend(r.rows);
            }
            Ok(())
        },
    )
    .map_err(|e| CommandError::Runtime(e.into()))?;
    let info = result?;
    setup.diagnostics(&info, &warnings)?;
    summary.skipped = info.skipped.clone();
    summary.notices = info.notices.clone();
    summary.warnings = warnings.clone();
    let mut w = match out {
        Some(w) => w,
        None => setup.open_output_with_header(HEADER)?,
    };
    match format {
        Format::Json => report::write_json(
            &mut w,
            &MentionsReport {
                tool: ToolInfo::default(),
                options: serde_json::json!({
                    "normalize": args.text.normalize,
                    "lexicons": args.lexicon.lexicons,
                    "builtin": !args.lexicon.no_builtin,
                    "capitals": args.lexicon.capitals,
                    "kind": args.kind,
                    "id": args.id,
                    "headings": args.text.headings,
                    "visual_lines": args.text.visual_lines,
                }),
                corpus: summary,
                mentions: &rows_kept,
            },
        ),
        Format::Table => {
            let rows = rows_kept.iter().map(|r| {
                vec![
                    r.doc.clone(),
                    r.sentence.to_string(),
                    format!("{}..{}", r.start, r.end),
                    r.surface.clone(),
                    r.id.clone(),
                    r.label_en.clone(),
                    if r.ambiguous { "ambiguous".into() } else { String::new() },
                ]
            });
            w.write_all(
                report::table::render(
                    &["doc", "sentence", "bytes", "surface", "id", "label", "note"],
                    rows,
                    &[1],
                )
                .as_bytes(),
            )
        }
        _ => Ok(()),
    }
    .map_err(io_err)?;
    w.finish().map_err(|e| CommandError::Runtime(e.into()))?;
    Ok(setup.exit_code(&info, &warnings))
}

fn write_rows<W: Write>(w: &mut W, delimiter: u8, rows: &[MentionRow]) -> std::io::Result<()> {
    // the header was written once; write the records only
    report::write_delimited_rows(w, delimiter, HEADER, rows.iter().map(MentionRow::cells))
}
