//! Rendering reports: one serialisable struct per report, many formats.
//!
//! * `table`: a comfy-table for people (the default on a terminal);
//! * `tsv` / `csv`: a header row and one row per item (the default when stdout is not a
//!   terminal), written with the `csv` crate;
//! * `json`: the whole report, pretty-printed: `tool`, `options`, `corpus`, results;
//! * `jsonl`: one result item per line;
//! * `html` / `markdown` (`tahlil report`): a page for people, see [`page`], [`html`],
//!   [`markdown`], with drawings from [`svg`] laid out by [`layout`].
//!
//! [`Output`] writes to stdout or, with `--output FILE`, to a file: a regular file (or a new
//! one) atomically, through a temporary file in the same folder renamed over the target
//! only when complete, so a failed or killed run never leaves a half-written or lost file;
//! a symbolic link's target likewise (the link stays); a FIFO or device written through,
//! never replaced. See [`output`].

pub mod graph;
pub mod html;
pub mod layout;
pub mod markdown;
pub mod model;
pub mod output;
pub mod page;
pub mod records;
pub mod rows;
pub mod spreadsheet;
pub mod svg;
pub mod table;
pub mod xml;

pub use model::{JsonReport, LexiconSetup, Options, Record, RunOptions, SCHEMA_VERSION};
pub use output::{Output, OutputError};
pub use rows::{Layout, RowWriter};
pub use table::Wrap;

use crate::corpus::Skipped;
use serde::Serialize;

/// Output formats (`--format`). Not every command supports every format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `table` on a terminal, `tsv` otherwise (or from the `--output` file's extension).
    #[default]
    Auto,
    /// A table for people.
    Table,
    /// Pretty-printed JSON.
    Json,
    /// JSON Lines: one item per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// Markdown.
    Markdown,
    /// GraphML (networks).
    Graphml,
    /// GEXF (networks, Gephi).
    Gexf,
    /// Graphviz DOT (networks).
    Dot,
    /// A self-contained HTML page.
    Html,
}

impl Format {
    /// Resolves `auto`: from the output file's extension when there is one, else `table`
    /// when stdout is a terminal and `tsv` otherwise.
    pub fn resolve(self, output: Option<&std::path::Path>, stdout_is_tty: bool) -> Format {
        if self != Format::Auto {
            return self;
        }
        if let Some(p) = output::named(output) {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            return match ext.as_str() {
                "json" => Format::Json,
                "jsonl" | "ndjson" => Format::Jsonl,
                "csv" => Format::Csv,
                "md" | "markdown" => Format::Markdown,
                "graphml" => Format::Graphml,
                "gexf" => Format::Gexf,
                "dot" | "gv" => Format::Dot,
                "html" | "htm" => Format::Html,
                "txt" => Format::Table,
                _ => Format::Tsv,
            };
        }
        if stdout_is_tty { Format::Table } else { Format::Tsv }
    }

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Table => "table",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Markdown => "markdown",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Dot => "dot",
            Format::Html => "html",
        }
    }
}

/// The `tool` object of every JSON report.
#[derive(Debug, Clone, Serialize)]
pub struct ToolInfo {
    /// Always `tahlil`.
    pub name: &'static str,
    /// The crate version.
    pub version: &'static str,
}

impl Default for ToolInfo {
    fn default() -> Self {
        ToolInfo { name: "tahlil", version: env!("CARGO_PKG_VERSION") }
    }
}

/// The `corpus` object of every JSON report: what was read.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CorpusSummary {
    /// Documents read (including documents with no tokens).
    pub documents: u64,
    /// Word and number tokens (stopwords included; URLs, e-mails, handles excluded).
    pub tokens: u64,
    /// Distinct normalised word and number types (stopwords included); `stats` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub types: Option<u64>,
    /// Tokens counted as terms: `tokens` minus stopword tokens; `stats` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_tokens: Option<u64>,
    /// Distinct term keys (unigrams; after segmentation and stemming when asked); `stats`
    /// only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_types: Option<u64>,
    /// UTF-8 bytes of the documents' text.
    pub bytes: u64,
    /// Sentences.
    pub sentences: u64,
    /// URL tokens found (not counted as terms).
    pub urls: u64,
    /// E-mail tokens found (not counted as terms).
    pub emails: u64,
    /// Handle tokens (`@name`) found (not counted as terms).
    pub handles: u64,
    /// Documents read but left out by `--where` (0 without it).
    pub filtered: u64,
    /// Documents that pass `--where` but were not drawn by `--sample` (only with it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_sampled: Option<u64>,
    /// Inputs that could not be read, with reasons, in input order.
    pub skipped: Vec<Skipped>,
    /// Warnings about inputs that were read (zero tokens, lines left out), in input order.
    pub warnings: Vec<String>,
    /// Notices (e.g. a legacy encoding detected and used).
    pub notices: Vec<String>,
}

/// Formats a float for CSV/TSV: up to 6 decimals, trailing zeros removed.
pub fn fmt_float(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// Writes `value` as pretty JSON followed by a newline.
///
/// # Errors
/// I/O errors from `w`.
pub fn write_json<W: std::io::Write, T: Serialize>(w: &mut W, value: &T) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value).map_err(std::io::Error::from)?;
    w.write_all(b"\n")
}

/// Writes each item as one line of JSON.
///
/// # Errors
/// I/O errors from `w`.
pub fn write_jsonl<W: std::io::Write, T: Serialize>(
    w: &mut W,
    items: impl IntoIterator<Item = T>,
) -> std::io::Result<()> {
    for item in items {
        serde_json::to_writer(&mut *w, &item).map_err(std::io::Error::from)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes a header and rows as CSV (`delimiter` b',') or TSV (b'\t').
///
/// TSV fields are written without quoting; tabs and line breaks inside a field are replaced
/// by spaces so that every record stays on one line (safe for `cut`, `sort`, `awk`).
///
/// # Errors
/// I/O errors from `w`.
pub fn write_delimited<W: std::io::Write>(
    w: &mut W,
    delimiter: u8,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> std::io::Result<()> {
    if delimiter == b'\t' {
        let clean = |s: &str| -> String {
            s.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }).collect()
        };
        writeln!(w, "{}", header.join("\t"))?;
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| clean(c)).collect();
            writeln!(w, "{}", cells.join("\t"))?;
        }
        return Ok(());
    }
    let mut cw = csv::WriterBuilder::new().delimiter(delimiter).from_writer(w);
    cw.write_record(header).map_err(csv_io)?;
    for row in rows {
        cw.write_record(&row).map_err(csv_io)?;
    }
    cw.flush()
}

/// Writes `rows` as [`write_delimited`] does, without the header line: the records of one
/// document when the header was written once at the start (streamed CSV/TSV). `header`
/// only sets the number of columns.
///
/// # Errors
/// Any I/O error of `w`.
pub fn write_delimited_rows<W: std::io::Write>(
    w: &mut W,
    delimiter: u8,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    write_delimited(&mut buf, delimiter, header, rows)?;
    // the header's cells hold no line break, so its line is the first one
    let body = buf.iter().position(|&b| b == b'\n').map_or(&buf[..0], |p| &buf[p + 1..]);
    w.write_all(body)
}

fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats() {
        assert_eq!(fmt_float(1.0), "1");
        assert_eq!(fmt_float(26.946_107_784_431_14), "26.946108");
        assert_eq!(fmt_float(f64::NAN), "0");
        assert_eq!(fmt_float(0.0), "0");
    }
}
