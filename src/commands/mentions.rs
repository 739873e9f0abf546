//! `tahlil mentions`: every match of a lexicon entry, one per row, traceable to the text.

use super::{CommandError, Setup, build_lexicon, io_err};
use crate::analysis::CountTotals;
use crate::analysis::mentions::{MentionRow, Mentions};
use crate::cli::MentionsArgs;
use crate::report::{self, CorpusSummary, Format, Output, ToolInfo};
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

/// The CSV/TSV cells of a row.
fn cells(r: &MentionRow) -> Vec<String> {
    vec![
        r.doc.clone(),
        r.section.map_or_else(String::new, |s| s.to_string()),
        r.paragraph.to_string(),
        r.sentence.to_string(),
        r.start.to_string(),
        r.end.to_string(),
        r.surface.clone(),
        r.id.clone(),
        r.kind.clone(),
        r.label_ar.clone(),
        r.label_en.clone(),
        r.ambiguous.to_string(),
    ]
}

#[derive(Serialize)]
struct MentionsReport<'a> {
    tool: ToolInfo,
    options: serde_json::Value,
    corpus: CorpusSummary,
    mentions: &'a [MentionRow],
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
    let analysis = Mentions { lexicon: &lex, kinds: args.kind.clone(), ids: args.id.clone() };
    let (totals, info) =
        setup.stream(&analysis, &CountTotals, Some(&matcher), |rows: Vec<MentionRow>| {
            if streaming {
                let w = match &mut out {
                    Some(w) => w,
                    None => out.insert(setup.open_output_with_header(HEADER)?),
                };
                match format {
                    Format::Jsonl => report::write_jsonl(w, &rows),
                    Format::Csv => write_rows(w, b',', &rows),
                    _ => write_rows(w, b'\t', &rows),
                }
                .map_err(io_err)?;
            } else {
                rows_kept.extend(rows);
            }
            Ok(())
        })?;
    let warnings = info.warnings.clone();
    setup.diagnostics(&info, &warnings)?;
    let mut summary = CorpusSummary {
        documents: totals.documents,
        tokens: totals.tokens,
        sentences: totals.sentences,
        bytes: totals.bytes,
        ..Default::default()
    };
    setup.fill_summary(&mut summary, &info, &warnings);
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
    report::write_delimited_rows(w, delimiter, HEADER, rows.iter().map(cells))
}
