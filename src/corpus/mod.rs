//! Reading a corpus: discovering input files, decoding them and splitting them into
//! [`Document`]s.
//!
//! The reader is split in two halves so that a corpus can be streamed through a bounded
//! pipeline:
//!
//! * [`CorpusReader`] runs on one thread and does only cheap, ordered work: it walks the
//!   input paths (sorted), opens files and cuts them into [`Unit`]s (a whole text file, one
//!   JSONL line, one CSV record…). Its memory use is bounded by one unit.
//! * [`Unit::load`] does the expensive part (decoding, JSON/CSV parsing) and runs on the
//!   worker threads. It returns a [`Loaded`]: the documents, plus any inputs that had to be
//!   skipped and notices for stderr.
//!
//! Units come out in input order, and each carries a sequence number, so a consumer can
//! restore input order after parallel processing.

mod decode;
mod discover;
mod jsonl;
mod read;
mod source;

pub use read::{CorpusReader, Unit};

use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

/// How the input files are to be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// By file extension (`.txt`, `.jsonl`, `.csv`, `.tsv`, each optionally `.gz`), then by
    /// content for stdin and for files named explicitly with another extension.
    #[default]
    Auto,
    /// Plain text: one document per file.
    Txt,
    /// JSON Lines: one document per line.
    Jsonl,
    /// Comma-separated values with a header row: one document per record.
    Csv,
    /// Tab-separated values with a header row: one document per record.
    Tsv,
}

/// Which character encoding to decode the input bytes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EncodingChoice {
    /// UTF-8 (with or without BOM) as is; UTF-16 with a BOM; otherwise detect a legacy
    /// encoding and decode only when the guess is confident.
    #[default]
    Auto,
    /// Strict UTF-8 (an optional BOM is removed); invalid bytes skip the input.
    #[value(name = "utf-8")]
    Utf8,
    /// UTF-8 with invalid sequences replaced by U+FFFD (only on request).
    #[value(name = "utf-8-lossy")]
    Utf8Lossy,
    /// Windows-1256 (Arabic).
    #[value(name = "windows-1256")]
    Windows1256,
    /// ISO-8859-6 (Arabic).
    #[value(name = "iso-8859-6")]
    Iso8859_6,
    /// UTF-16; the byte order comes from the BOM, little-endian without one.
    #[value(name = "utf-16")]
    Utf16,
}

/// Options that say where the corpus is and how to read it.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// Files and folders to read, in the order given. Empty, or a single `-`, means stdin.
    /// A folder is walked recursively in sorted order; hidden entries are skipped.
    pub paths: Vec<PathBuf>,
    /// A file (or `-` for stdin) listing more input paths, one per line.
    pub files_from: Option<PathBuf>,
    /// Glob patterns (matched against the path relative to the folder given) that replace
    /// the extension filter used inside folders.
    pub globs: Vec<String>,
    /// How to parse the inputs.
    pub format: InputFormat,
    /// JSONL key / CSV column holding the document text.
    pub text_field: String,
    /// JSONL key / CSV column holding the document id.
    pub id_field: String,
    /// JSONL key / CSV column holding the document title.
    pub title_field: String,
    /// Character encoding of the inputs.
    pub encoding: EncodingChoice,
    /// Largest unit (text file, JSONL line, CSV record) read, in bytes; larger ones are
    /// skipped with a reason instead of being loaded into memory.
    pub max_record_bytes: usize,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            paths: Vec::new(),
            files_from: None,
            globs: Vec::new(),
            format: InputFormat::Auto,
            text_field: "text".into(),
            id_field: "id".into(),
            title_field: "title".into(),
            encoding: EncodingChoice::Auto,
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
        }
    }
}

/// Default for [`InputOptions::max_record_bytes`]: 64 MiB.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 64 << 20;

/// One document: a text file, or one record of a JSONL/CSV/TSV file.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Document id: the JSONL/CSV id field when present, else `FILE:LINE` for records, or
    /// the path relative to the folder given for text files (the path as given for files
    /// named directly, `-` for stdin).
    pub id: String,
    /// The input file as the user would name it (`-` for stdin).
    pub path: Arc<str>,
    /// 1-based line number (JSONL) or record number (CSV/TSV, header excluded); `None` for
    /// text files.
    pub record: Option<u64>,
    /// The title field of a record, if any. Text files leave this `None` (the structure
    /// parser finds a headline in the text itself).
    pub title: Option<String>,
    /// The decoded text, with a leading BOM removed and otherwise unchanged. Every byte
    /// offset reported by tahlil points into this string.
    pub text: String,
    /// Other fields of a JSONL/CSV record, as strings, in input order (e.g. `source`,
    /// `category`, `date`). Non-string JSON values are kept as their JSON text.
    pub meta: Vec<(String, String)>,
    /// Name of the encoding the text was decoded from when it was not UTF-8.
    pub encoding: Option<&'static str>,
}

impl Document {
    /// The value of metadata field `key`, if the record had one.
    pub fn meta_value(&self, key: &str) -> Option<&str> {
        self.meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// An input (file, record or path) that could not be read and was left out of the counts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Skipped {
    /// The input as the user named it (or as found in a folder); `-` for stdin.
    pub path: String,
    /// 1-based line or record number, when the problem is one record of a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Byte offset of the problem within the file or record, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// Why it was skipped, one line of plain English.
    pub reason: String,
}

impl std::fmt::Display for Skipped {
    /// The one-line message printed on stderr: `PATH[:LINE]: REASON`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.reason),
            None => write!(f, "{}: {}", self.path, self.reason),
        }
    }
}

/// What loading one [`Unit`] produced.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Documents, in input order.
    pub docs: Vec<Document>,
    /// Inputs or records that were skipped, in input order.
    pub skipped: Vec<Skipped>,
    /// Informational one-line messages for stderr, e.g. which legacy encoding a file was
    /// decoded from.
    pub notices: Vec<String>,
}

impl Loaded {
    /// Appends everything in `other` after what is already here (keeps input order when
    /// units are appended in [`Unit::seq`] order).
    pub fn append(&mut self, other: Loaded) {
        self.docs.extend(other.docs);
        self.skipped.extend(other.skipped);
        self.notices.extend(other.notices);
    }
}
