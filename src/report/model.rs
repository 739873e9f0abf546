//! The result model every writer takes: the JSON envelope (`schema_version`, `tool`,
//! `options`, `corpus`), built once per run and identical in shape across commands, and
//! [`Record`], one row of a tabular result (a term, an edge, a mention, a section) that the
//! table, CSV/TSV and JSONL writers of [`rows`](super::rows) write the same way for every
//! command, `--by` groups included.

use super::{CorpusSummary, ToolInfo};
use crate::analysis::VisualLines;
use crate::structure::HeadingMode;
use crate::text::normalize::{Preset, SuperscriptAlef};
use crate::text::pipeline::{SegmentMode, TextOptions};
use crate::text::stem::StemMode;
use serde::Serialize;
use std::path::PathBuf;

/// The version of the JSON report layout (`schema_version`): raised when a key is removed
/// or changes meaning (adding a key keeps it).
pub const SCHEMA_VERSION: u32 = 1;

/// The options every corpus command shares, written first in the `options` object of every
/// JSON report, with the same keys in the same order whatever the command.
#[derive(Debug, Clone, Serialize)]
pub struct RunOptions {
    /// The subcommand (`stats`, `cooc`, …).
    pub command: &'static str,
    /// `--normalize`.
    pub normalize: Preset,
    /// `--superscript-alef`.
    pub superscript_alef: SuperscriptAlef,
    /// `--segment`.
    pub segment: SegmentMode,
    /// `--stem`.
    pub stem: StemMode,
    /// `--stopwords`, as given (`default`, `none`, `default+news`, a file…).
    pub stopwords: String,
    /// Number tokens counted as terms (false under `--no-numbers`).
    pub numbers: bool,
    /// `--headings`.
    pub headings: HeadingMode,
    /// `--visual-lines`.
    pub visual_lines: VisualLines,
    /// `--by FIELD` (`null` without).
    pub by: Option<String>,
}

impl RunOptions {
    /// The shared options of a run of `command` with text options `text`.
    pub fn new(
        command: &'static str,
        text: &TextOptions,
        headings: HeadingMode,
        visual_lines: VisualLines,
        by: Option<&str>,
    ) -> Self {
        RunOptions {
            command,
            normalize: text.normalize,
            superscript_alef: text.superscript_alef,
            segment: text.segment,
            stem: text.stem,
            stopwords: text.stopwords.to_string(),
            numbers: text.numbers,
            headings,
            visual_lines,
            by: by.map(str::to_string),
        }
    }
}

/// The lexicons a run matched, in the `options` of the commands that match lexicons
/// (`cooc`, `mentions`, `sections`).
#[derive(Debug, Clone, Serialize)]
pub struct LexiconSetup {
    /// `--lexicon` files, in order.
    pub lexicons: Vec<PathBuf>,
    /// The built-in lexicons are used (false under `--no-builtin`).
    pub builtin: bool,
    /// `--capitals`.
    pub capitals: bool,
    /// `--count-ambiguous`.
    pub count_ambiguous: bool,
}

/// The `options` object of a JSON report: the shared [`RunOptions`], then the lexicons
/// when the command matches them, then the command's own options `C` (a struct whose
/// fields become keys of the same object).
#[derive(Debug, Clone, Serialize)]
pub struct Options<C> {
    /// The shared options.
    #[serde(flatten)]
    pub run: RunOptions,
    /// The lexicons, for the commands that match them.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub lexicon: Option<LexiconSetup>,
    /// The command's own options.
    #[serde(flatten)]
    pub command: C,
}

/// A whole JSON report: `schema_version`, `tool`, `options`, `corpus`, then the results
/// `body` (a struct whose fields become top-level keys: `terms`, `nodes`/`edges`,
/// `documents`, `mentions`, `groups`…).
#[derive(Debug, Clone, Serialize)]
pub struct JsonReport<'a, O, C, B> {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Name and version of the tool.
    pub tool: ToolInfo,
    /// The run's options.
    pub options: &'a O,
    /// What was read: a [`CorpusSummary`], or a struct that flattens one and adds to it.
    pub corpus: &'a C,
    /// The results.
    #[serde(flatten)]
    pub body: B,
}

impl<'a, O: Serialize, C: Serialize, B: Serialize> JsonReport<'a, O, C, B> {
    /// A report of the current [`SCHEMA_VERSION`] and tool.
    pub fn new(options: &'a O, corpus: &'a C, body: B) -> Self {
        JsonReport {
            schema_version: SCHEMA_VERSION,
            tool: ToolInfo::default(),
            options,
            corpus,
            body,
        }
    }
}

/// The corpus counters of a run (no lists), for [`CorpusSummary`]'s shared fields.
pub fn counters(documents: u64, tokens: u64, sentences: u64, bytes: u64) -> CorpusSummary {
    CorpusSummary { documents, tokens, sentences, bytes, ..Default::default() }
}

/// How floats are written in cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Floats {
    /// Up to 6 decimals, trailing zeros removed ([`fmt_float`](super::fmt_float)): CSV/TSV.
    Exact,
    /// Exactly this many decimals: tables for people.
    Fixed(usize),
}

impl Floats {
    /// `v` written this way.
    pub fn fmt(self, v: f64) -> String {
        match self {
            Floats::Exact => super::fmt_float(v),
            Floats::Fixed(d) => format!("{v:.d$}"),
        }
    }
}

/// One row of a tabular result. Its serde form is the JSONL line (and the JSON array
/// item); [`Record::cells`] gives the CSV/TSV record under [`Record::COLUMNS`];
/// [`Record::table_cells`] the table row for people under [`Record::TABLE_COLUMNS`]
/// (by default the CSV columns with floats at [`Record::TABLE_DECIMALS`] decimals). Under
/// `--by` the writers add the group: a first `group` column, or a `group` key first in
/// each JSONL line.
pub trait Record: Serialize {
    /// CSV/TSV column names, in order (without `group`).
    const COLUMNS: &'static [&'static str];
    /// The CSV/TSV cells, one per column of [`Record::COLUMNS`], floats written by
    /// `floats`.
    fn cells(&self, floats: Floats) -> Vec<String>;
    /// Table column names (without `group`).
    const TABLE_COLUMNS: &'static [&'static str] = Self::COLUMNS;
    /// Indices (in [`Record::TABLE_COLUMNS`]) of the right-aligned columns.
    const TABLE_NUMERIC: &'static [usize] = &[];
    /// Decimals of floats in the default [`Record::table_cells`].
    const TABLE_DECIMALS: usize = 2;
    /// The table cells, one per column of [`Record::TABLE_COLUMNS`].
    fn table_cells(&self) -> Vec<String> {
        self.cells(Floats::Fixed(Self::TABLE_DECIMALS))
    }
}
