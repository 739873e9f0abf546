//! Reading a corpus: discovering input files, decoding them and splitting them into
//! [`Document`]s.
//!
//! # Architecture
//!
//! The reader is split in two halves so that a corpus can be streamed through a bounded
//! pipeline:
//!
//! * [`CorpusReader`] runs on one thread and does only cheap, ordered work: it lists the
//!   inputs (sorted), opens files, decompresses gzip and cuts the streams into [`Unit`]s (a
//!   whole text file, one JSONL line, one CSV/TSV record). It never holds a whole JSONL or
//!   CSV file: its memory is one 256 KiB buffer plus the unit being cut.
//! * [`Unit::load`] does the expensive part (decoding, JSON/CSV field handling) and runs on
//!   worker threads. It returns a [`Loaded`]: the documents, plus any inputs that had to be
//!   skipped and notices for stderr.
//!
//! Units come out in input order and carry a sequence number ([`Unit::seq`]), so a consumer
//! can restore input order after parallel processing. Every problem — a missing path found
//! while listing inputs, a bad JSON line, a damaged gzip stream — comes out as a unit in its
//! place in that order, and its `load()` returns the [`Skipped`] entry.
//!
//! # Inputs
//!
//! * Paths are files or folders; no path, or `-`, means stdin. Folders are walked
//!   recursively, sorted by file name; hidden files and folders (name starting with `.`)
//!   are skipped; symbolic links are followed (a link back to an ancestor is reported, not
//!   followed). Inside folders only names ending in `.txt`, `.jsonl`, `.csv` or `.tsv`
//!   (each optionally followed by `.gz`; case ignored) are read, so a corpus folder's
//!   `README.md` or `SOURCE.md` is not counted. `--glob` patterns replace that filter (a
//!   leading `!` excludes). A file named explicitly is always read.
//! * A FIFO or character device *named explicitly* (`/dev/stdin`, `/dev/fd/N`, a shell's
//!   `<(zcat a.gz)`) is read like a file, once, as a stream (its size is unknown, so the
//!   progress bar shows no total). Found inside a folder, FIFOs, sockets and devices are
//!   recognised from their metadata and never opened (a FIFO would block): each is skipped
//!   with a reason (if its name passes the filter). Sockets and block devices named
//!   explicitly are skipped too. A run that reads the corpus twice copies stdin and named
//!   FIFOs to temporary files first ([`spool_streams`]).
//!
//! # Formats ([`InputFormat`])
//!
//! * `.txt`: one document per file; its id is the path relative to the folder given (the
//!   path as given for a file named directly, `-` for stdin).
//! * `.jsonl`: one document per line (`\n` or `\r\n`). Blank lines are ignored silently but
//!   still counted for line numbers. The text, id and title come from
//!   [`InputOptions::text_field`], [`InputOptions::id_field`] and
//!   [`InputOptions::title_field`]; every other field goes to [`Document::meta`] in input
//!   order (strings as they are, other values as compact JSON text).
//! * `.csv` / `.tsv`: a header row names the columns (same three options); quoted fields
//!   may hold delimiters, doubled quotes and newlines (RFC 4180 style, also in TSV).
//!   Empty lines are ignored. Fields beyond the header are kept in `meta` as `column N`.
//! * Gzip is transparent for every format: a `.gz` name or the gzip magic bytes (so
//!   compressed stdin works too); concatenated gzip members are read as one stream.
//! * `auto` picks the format by extension (`.gz` removed first); for stdin and other
//!   extensions it looks at the content: JSONL if the first non-blank character is `{`,
//!   else plain text. CSV/TSV is never guessed from content.
//!
//! Document ids: the id field when present and not empty (a non-string id as its JSON
//! text); otherwise `FILE:LINE` for JSONL (1-based physical line) and `FILE:RECORD` for
//! CSV/TSV (1-based, header excluded).
//!
//! # Encodings ([`EncodingChoice`])
//!
//! In `auto` (the default): a UTF-8 byte-order mark means UTF-8 (the BOM is removed); a
//! UTF-16 BOM means UTF-16; valid UTF-8 is used as is. Anything else is given to chardetng,
//! and its guess is used only when it is confident by our own checks: it must be
//! Windows-1256 or ISO-8859-6, the text must decode without error, hold at least 20 Arabic
//! letters and read as Arabic, and the *other* Arabic code page must be ruled out. Then the
//! input is decoded, [`Document::encoding`] is set and one notice names the file and the
//! encoding. Otherwise the input is skipped with a reason naming the byte offset and value
//! of the first invalid UTF-8 byte (`not valid UTF-8 (byte 0: 0xC7), …`) and pointing to
//! `--encoding windows-1256` / `--encoding iso-8859-6`. A 7-byte word like العربية is valid
//! in both code pages with different letters, so it is skipped, never guessed.
//!
//! An explicit encoding is strict: malformed bytes skip the input (or record) with their
//! offset. Only `utf-8-lossy` replaces invalid sequences with U+FFFD; nothing else ever
//! decodes lossily.
//!
//! JSONL and CSV files are decoded consistently: the encoding is decided once per file
//! from its first 64 KiB (BOM, valid UTF-8, or a confident legacy guess; failing all
//! these, strict UTF-8) and every record is decoded with it. A record that does not decode
//! is skipped with its line (record) number; the other records are read. UTF-16 JSONL/CSV
//! is transcoded to UTF-8 on the reader thread before it is cut into records.
//!
//! # Bad inputs
//!
//! Every input that cannot be read becomes a [`Skipped`] entry with a one-line reason, and
//! the run goes on: missing or unreadable paths; special files; binary data (a NUL byte,
//! or more than one control byte in ten in the first 64 KiB; checked on the start of every
//! input and on the whole of a text file); undecodable bytes (see above); invalid JSON
//! lines, non-object lines, lines whose text field is missing or not a string (with their
//! line number); CSV records without the text column (record number); a CSV/TSV file
//! whose header has no text column (whole file; the reason lists the columns found); a
//! line, record or text file larger than [`InputOptions::max_record_bytes`] (skipped
//! without being held in memory: it is read and dropped in chunks).
//!
//! A CSV/TSV file that was *found in a folder by the extension filter* and has no text
//! column is taken for a side table (like the ANT corpus's `duplicates.tsv`): it is left
//! out with a notice instead of a [`Skipped`] entry. Named explicitly or chosen by
//! `--glob`, the same file is skipped.
//!
//! **Damaged gzip.** A truncated or corrupt gzip stream is read up to the damage: the
//! lines/records read completely before it are kept as documents, and one [`Skipped`]
//! entry (without a line number) gives the offset, in the decompressed data, of the first
//! line/record not read and says from which line/record the rest of the file was skipped.
//! Corrupt data may also decompress to garbage just before the error is detected; such
//! lines are reported like any other bad line. A damaged `.txt.gz` is skipped whole.
//!
//! **Empty inputs are documents.** An empty file, or one holding only whitespace and/or a
//! byte-order mark, is read fine, so it is *not* skipped: it is one document with an empty
//! (or whitespace-only) text. The skipped list is for inputs that could not be read or
//! decoded; an input with zero tokens is the caller's to report (case 12 counts such files
//! as documents and warns about zero tokens). An empty JSONL/CSV file has no records and
//! gives no documents, with a notice.

mod decode;
mod discover;
mod jsonl;
pub mod mojibake;
mod read;
mod source;
mod spool;

pub use read::{CorpusReader, Unit};
pub use spool::{SPOOL_LIMIT, Spool, spool_streams};

use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

/// How the input files are to be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum EncodingChoice {
    /// UTF-8 (with or without BOM) as is; UTF-16 with a BOM; otherwise detect a legacy
    /// encoding and decode only when the guess is confident.
    #[default]
    Auto,
    /// Strict UTF-8 (an optional BOM is removed); invalid bytes skip the input.
    #[cfg_attr(feature = "cli", value(name = "utf-8"))]
    Utf8,
    /// UTF-8 with invalid sequences replaced by U+FFFD (only on request).
    #[cfg_attr(feature = "cli", value(name = "utf-8-lossy"))]
    Utf8Lossy,
    /// Windows-1256 (Arabic).
    #[cfg_attr(feature = "cli", value(name = "windows-1256"))]
    Windows1256,
    /// ISO-8859-6 (Arabic).
    #[cfg_attr(feature = "cli", value(name = "iso-8859-6"))]
    Iso8859_6,
    /// UTF-16; the byte order comes from the BOM, little-endian without one.
    #[cfg_attr(feature = "cli", value(name = "utf-16"))]
    Utf16,
}

/// Options that say where the corpus is and how to read it.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// Files and folders to read, in the order given; `-` is stdin (read once). Empty, with
    /// no `files_from`, means stdin. A folder is walked recursively in sorted order; hidden
    /// entries are skipped.
    pub paths: Vec<PathBuf>,
    /// A file (or `-` for stdin) listing more input paths, one per line, read after
    /// `paths` (`\r\n` accepted, blank lines ignored, relative paths taken from the current
    /// directory). A list that cannot be read is an error of [`CorpusReader::new`].
    pub files_from: Option<PathBuf>,
    /// Glob patterns that replace the extension filter used inside folders. A pattern is
    /// matched against the path relative to the folder given (`*` does not cross `/`, `**`
    /// does) and, if it has no `/`, against the file name. A leading `!` excludes. Files
    /// named explicitly are always read. An invalid pattern is an error of
    /// [`CorpusReader::new`].
    pub globs: Vec<String>,
    /// How to parse the inputs.
    pub format: InputFormat,
    /// JSONL key / CSV column holding the document text.
    pub text_field: String,
    /// JSONL key / CSV column holding the document id.
    pub id_field: String,
    /// JSONL key / CSV column holding the document title; empty for none (the key is then
    /// an ordinary metadata field).
    pub title_field: String,
    /// Character encoding of the inputs.
    pub encoding: EncodingChoice,
    /// Largest unit (text file, JSONL line without its terminator, raw CSV record) read,
    /// in bytes (decompressed size for `.gz`); larger ones are skipped with a reason
    /// instead of being loaded into memory.
    pub max_record_bytes: usize,
    /// Inputs already copied to temporary files because they can be read only once (stdin
    /// `-`, a FIFO or character device named explicitly), as (path as given, copy): the
    /// copy is read and named as the input was given. Filled by [`spool_streams`] for runs
    /// that read the corpus twice; empty by default.
    pub spooled: Vec<(PathBuf, PathBuf)>,
    /// Repair double-encoded UTF-8 (Arabic read as Windows-1252 and saved again as UTF-8,
    /// see [`mojibake`]) in each document's text and title, with a notice per document
    /// repaired. Off by default: such documents are then read as they are and
    /// [`mojibake::double_encoded_lines`] lets the caller warn about them.
    pub repair_mojibake: bool,
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
            spooled: Vec::new(),
            repair_mojibake: false,
        }
    }
}

/// Default for [`InputOptions::max_record_bytes`]: 64 MiB.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 64 << 20;

/// One document: a text file, or one record of a JSONL/CSV/TSV file.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Document id: the JSONL/CSV id field when present and not empty (non-string JSON ids
    /// as their JSON text), else `FILE:LINE` (JSONL) or `FILE:RECORD` (CSV/TSV); for text
    /// files the path relative to the folder given (the path as given for files named
    /// directly, `-` for stdin). Ids are not checked for uniqueness.
    pub id: String,
    /// The input file as the user would name it (`-` for stdin).
    pub path: Arc<str>,
    /// 1-based line number (JSONL) or record number (CSV/TSV, header excluded); `None` for
    /// text files.
    pub record: Option<u64>,
    /// The title field of a record, if present and not empty (non-string JSON values as
    /// their JSON text). Text files leave this `None` (the structure parser finds a
    /// headline in the text itself).
    pub title: Option<String>,
    /// The decoded text, with a leading BOM removed and otherwise unchanged. Every byte
    /// offset reported by tahlil points into this string.
    pub text: String,
    /// Other fields of a JSONL/CSV record, as strings, in input order (e.g. `source`,
    /// `category`, `date`). Non-string JSON values are kept as their JSON text.
    pub meta: Vec<(String, String)>,
    /// Name of the encoding the text was decoded from when it was not UTF-8, as spelled by
    /// the WHATWG Encoding Standard: `windows-1256`, `ISO-8859-6`, `UTF-16LE`, `UTF-16BE`.
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
    /// 1-based line (JSONL) or record (CSV/TSV, header excluded) number, when the problem
    /// is one record of a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Byte offset of the problem, when known: within the line when `line` is set (for
    /// CSV, within the field named in the reason); otherwise within the file (the
    /// decompressed data for gzip).
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
