//! `tahlil lexicon list|check|stopwords`: what the lexicons contain, whether a file is
//! valid, and which stopwords a run would use.

use super::{CommandError, build_lexicon, io_err};
use crate::cli::{LexiconAction, LexiconArgs, LexiconOptions, OutputArgs};
use crate::lexicon::{Lexicon, Severity, check_file};
use crate::report::model::Floats;
use crate::report::{self, Format, Layout, Output, Record, Wrap};
use crate::text::Normalizer;
use crate::text::normalize::Preset;
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

impl Record for EntryRow<'_> {
    const COLUMNS: &'static [&'static str] =
        &["id", "kind", "label_ar", "label_en", "patterns", "origin"];
    const TABLE_NUMERIC: &'static [usize] = &[4];
    fn cells(&self, _: Floats) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.kind.clone(),
            self.label_ar.to_string(),
            self.label_en.to_string(),
            self.patterns.to_string(),
            self.origin.clone(),
        ]
    }
}

/// Runs `tahlil lexicon`.
///
/// # Errors
/// [`CommandError::Usage`] for a broken lexicon given to `list`; I/O errors.
pub fn run(args: &LexiconArgs) -> Result<ExitCode, CommandError> {
    match &args.action {
        LexiconAction::List { lexicon, normalize, output } => list(lexicon, *normalize, output),
        LexiconAction::Check { files, normalize } => check(files, *normalize),
        LexiconAction::Stopwords { stopwords, normalize } => {
            let list = Stopwords::load(stopwords, &Normalizer::new(*normalize))
                .map_err(|e| CommandError::Usage(e.to_string()))?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            for w in list.sorted() {
                writeln!(out, "{w}").map_err(io_err)?;
            }
            out.flush().map_err(io_err)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `tahlil lexicon list`: the entries, one row each.
fn list(
    lexicon: &LexiconOptions,
    normalize: Preset,
    output: &OutputArgs,
) -> Result<ExitCode, CommandError> {
    if let Some(o) = &output.output {
        super::check_output(o)?;
    }
    let lex = build_lexicon(lexicon, &Normalizer::new(normalize))?;
    let format = super::output_format(output)?;
    if !matches!(format, Format::Json | Format::Jsonl | Format::Csv | Format::Table | Format::Tsv) {
        return Err(CommandError::Usage(format!(
            "--format {} is not available here (use one of: table, json, jsonl, csv, tsv)",
            format.name()
        )));
    }
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
    let mut w =
        Output::open(output.output.as_deref()).map_err(|e| CommandError::Runtime(e.into()))?;
    if output.excel {
        w = w.spreadsheet_csv().map_err(io_err)?;
    }
    let to_file = report::output::named(output.output.as_deref()).is_some();
    let layout = Layout { format, wrap: Wrap::for_output(to_file), grouped: false };
    if format == Format::Json {
        let json = serde_json::json!({ "summary": lex.summary(), "entries": rows });
        report::write_json(&mut w, &json).map_err(io_err)?;
    } else {
        w = report::rows::write_groups(w, layout, [(None, rows.as_slice())]).map_err(io_err)?;
    }
    w.finish().map_err(|e| CommandError::Runtime(e.into()))?;
    Ok(ExitCode::SUCCESS)
}

/// `tahlil lexicon check`: each file's problems, one line each, then `ok` or not.
fn check(files: &[std::path::PathBuf], normalize: Preset) -> Result<ExitCode, CommandError> {
    let norm = Normalizer::new(normalize);
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
            writeln!(out, "{}:{}: {sev}: {}", p.file, p.line, p.message).map_err(io_err)?;
        }
        if !problems.iter().any(|p| p.severity == Severity::Error)
            && let Ok(lex) = Lexicon::load_file(f, &norm)
        {
            let patterns: usize = lex.entries().iter().map(|e| e.patterns.len()).sum();
            writeln!(out, "{}: ok: {} entries, {} patterns", f.display(), lex.len(), patterns)
                .map_err(io_err)?;
        }
    }
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
