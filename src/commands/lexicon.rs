//! `tahlil lexicon list|check|stopwords`: what the lexicons contain, whether a file is
//! valid, and which stopwords a run would use.

use super::{CommandError, build_lexicon};
use crate::cli::{LexiconAction, LexiconArgs};
use crate::lexicon::{Lexicon, Severity, check_file};
use crate::report::{self, Format, Output};
use crate::text::Normalizer;
use crate::text::stopwords::Stopwords;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

#[derive(Serialize)]
struct EntryRow<'a> {
    id: &'a str,
    kind: String,
    label_ar: &'a str,
    label_en: &'a str,
    patterns: usize,
    origin: String,
}

/// Runs `tahlil lexicon`.
///
/// # Errors
/// [`CommandError::Usage`] for a broken lexicon given to `list`; I/O errors.
pub fn run(args: &LexiconArgs) -> Result<ExitCode, CommandError> {
    let io = |e: std::io::Error| CommandError::Runtime(e.into());
    match &args.action {
        LexiconAction::List { lexicon, normalize, output } => {
            if let Some(o) = &output.output {
                super::check_output(o)?;
            }
            let lex = build_lexicon(lexicon, &Normalizer::new(*normalize))?;
            let format = super::output_format(output)?;
            let rows: Vec<EntryRow<'_>> = lex
                .entries()
                .iter()
                .map(|e| EntryRow {
                    id: &e.id,
                    kind: e.kind.to_string(),
                    label_ar: &e.label_ar,
                    label_en: &e.label_en,
                    patterns: e.patterns.len(),
                    origin: format!("{}:{}", e.origin.file, e.origin.line),
                })
                .collect();
            let mut w = Output::open(output.output.as_deref())
                .map_err(|e| CommandError::Runtime(e.into()))?;
            if output.excel {
                w = w.spreadsheet_csv().map_err(io)?;
            }
            let header = ["id", "kind", "label_ar", "label_en", "patterns", "origin"];
            let cells = || {
                rows.iter().map(|r| {
                    vec![
                        r.id.to_string(),
                        r.kind.clone(),
                        r.label_ar.to_string(),
                        r.label_en.to_string(),
                        r.patterns.to_string(),
                        r.origin.clone(),
                    ]
                })
            };
            match format {
                Format::Json => report::write_json(&mut w, &serde_json::json!({ "summary": lex.summary(), "entries": rows })),
                Format::Jsonl => report::write_jsonl(&mut w, &rows),
                Format::Csv => report::write_delimited(&mut w, b',', &header, cells()),
                Format::Table => w.write_all(report::table::render(&header, cells(), &[4]).as_bytes()),
                Format::Tsv => report::write_delimited(&mut w, b'\t', &header, cells()),
                other => {
                    return Err(CommandError::Usage(format!(
                        "--format {} is not available here (use one of: table, json, jsonl, csv, tsv)",
                        other.name()
                    )));
                }
            }
            .map_err(io)?;
            w.finish().map_err(|e| CommandError::Runtime(e.into()))?;
            Ok(ExitCode::SUCCESS)
        }
        LexiconAction::Check { files, normalize } => {
            let norm = Normalizer::new(*normalize);
            let mut errors = 0usize;
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for f in files {
                let problems = check_file(f, &norm);
                for p in &problems {
                    let sev = match p.severity {
                        Severity::Error => {
                            errors += 1;
                            "error"
                        }
                        Severity::Warning => "warning",
                    };
                    writeln!(out, "{}:{}: {sev}: {}", p.file, p.line, p.message).map_err(io)?;
                }
                if !problems.iter().any(|p| p.severity == Severity::Error)
                    && let Ok(lex) = Lexicon::load_file(f, &norm)
                {
                    let patterns: usize = lex.entries().iter().map(|e| e.patterns.len()).sum();
                    writeln!(
                        out,
                        "{}: ok: {} entries, {} patterns",
                        f.display(),
                        lex.len(),
                        patterns
                    )
                    .map_err(io)?;
                }
            }
            Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        LexiconAction::Stopwords { stopwords, normalize } => {
            let list = Stopwords::load(stopwords, &Normalizer::new(*normalize))
                .map_err(|e| CommandError::Usage(e.to_string()))?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            for w in list.sorted() {
                writeln!(out, "{w}").map_err(io)?;
            }
            out.flush().map_err(io)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
