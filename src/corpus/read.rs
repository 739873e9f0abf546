//! The reader thread's half ([`CorpusReader`]) and the worker's half ([`Unit::load`]).

use super::decode::{
    RecordDecoding, SAMPLE_BYTES, binary_check, decide_stream, decode_document, decode_record,
};
use super::discover::{FileInput, Input, discover, io_reason, skip};
use super::jsonl::{self, FieldNames, Value};
use super::source::{Chunker, Counting, Line, Stream, Utf16ToUtf8, is_gzip, read_head, reassemble};
use super::{Document, InputFormat, InputOptions, Loaded, Skipped};
use std::borrow::Cow;
use std::fmt;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Iterates over the [`Unit`]s of a corpus, in input order.
///
/// It does only cheap, ordered work — listing inputs, opening files, decompressing gzip,
/// cutting streams into lines and CSV records — and keeps at most one buffer (256 KiB) and
/// one unit in memory. Run it on one thread and hand the units to workers that call
/// [`Unit::load`]; [`Unit::seq`] restores input order afterwards if needed.
///
/// ```no_run
/// use tahlil::corpus::{CorpusReader, InputOptions};
/// let opts = InputOptions { paths: vec!["corpus/".into()], ..Default::default() };
/// let loaded = CorpusReader::new(opts)?.load_all();
/// for s in &loaded.skipped {
///     eprintln!("skipped {s}");
/// }
/// println!("{} documents", loaded.docs.len());
/// # Ok::<(), anyhow::Error>(())
/// ```
pub struct CorpusReader {
    opts: Arc<InputOptions>,
    inputs: std::vec::IntoIter<Input>,
    total_bytes: Option<u64>,
    current: Option<Current>,
    /// Size and counter value at the start of the file being streamed, for progress.
    file_progress: (u64, u64),
    seq: u64,
    /// On-disk bytes read so far (all inputs).
    counter: Arc<AtomicU64>,
    /// Part of `counter` already handed out through [`Unit::progress_bytes`].
    reported: u64,
    /// Notices waiting to ride on the next unit.
    pending: Vec<String>,
    scratch: Vec<u8>,
}

impl fmt::Debug for CorpusReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CorpusReader")
            .field("inputs_left", &self.inputs.len())
            .field("total_bytes", &self.total_bytes)
            .field("seq", &self.seq)
            .finish_non_exhaustive()
    }
}

/// A piece of input read but not yet decoded or parsed: a whole text file, one JSONL line,
/// one CSV/TSV record, or an input that has to be skipped. Created by [`CorpusReader`];
/// turned into documents by [`Unit::load`].
pub struct Unit {
    seq: u64,
    progress: u64,
    notices: Vec<String>,
    kind: UnitKind,
}

impl fmt::Debug for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match &self.kind {
            UnitKind::Text { .. } => "text",
            UnitKind::Line { .. } => "jsonl line",
            UnitKind::Record { .. } => "csv record",
            UnitKind::Bad(_) => "skipped",
            UnitKind::Note => "notice",
        };
        f.debug_struct("Unit")
            .field("seq", &self.seq)
            .field("kind", &kind)
            .field("byte_len", &self.byte_len())
            .finish_non_exhaustive()
    }
}

/// What a file's units share.
struct FileCtx {
    opts: Arc<InputOptions>,
    /// The input as displayed (`-` for stdin).
    path: Arc<str>,
    /// Id of a text document.
    text_id: String,
    /// How JSONL lines / CSV fields are decoded.
    decoding: RecordDecoding,
    /// CSV/TSV header names (empty for other formats).
    columns: Vec<String>,
    /// Column of the text, id and title in a CSV/TSV file.
    text_col: usize,
    id_col: Option<usize>,
    title_col: Option<usize>,
}

enum UnitKind {
    Text { ctx: Arc<FileCtx>, bytes: Vec<u8> },
    Line { ctx: Arc<FileCtx>, line: u64, bytes: Vec<u8> },
    Record { ctx: Arc<FileCtx>, record: u64, bytes: Vec<u8>, ends: Vec<usize> },
    Bad(Skipped),
    Note,
}

/// A JSONL or CSV/TSV file being cut into units.
enum Current {
    Lines { ctx: Arc<FileCtx>, chunker: Chunker, line: u64, records: u64, gz: bool },
    Csv(Box<CsvState>),
}

struct CsvState {
    ctx: Arc<FileCtx>,
    split: CsvSplitter,
    record: u64,
    gz: bool,
}

/// Cuts a CSV/TSV stream into records with `csv_core`, in reused buffers.
struct CsvSplitter {
    chunker: Chunker,
    core: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    sink: Vec<u8>,
    sink_ends: Vec<usize>,
    /// The previous record ended at a `\r`: a `\n` right after it is part of its
    /// terminator, not of the next record (which `csv_core` reads in the next call).
    after_cr: bool,
}

/// What [`Current`] produced.
enum Step {
    Unit(UnitKind),
    /// The stream is damaged; the rest of the file is given up.
    Fail(Skipped),
    /// End of the file; `Some` carries a closing notice.
    Done(Option<String>),
}

/// How an input is named and what is known about it before it is opened.
struct Origin {
    display: Arc<str>,
    rel: String,
    size: Option<u64>,
    /// Format and gzip-ness from the file name (`None`: unknown extension, or stdin).
    ext_format: Option<InputFormat>,
    ext_gz: bool,
    by_default_filter: bool,
}

impl CorpusReader {
    /// Lists the inputs named in `opts` (walking folders, reading the `--files-from` list)
    /// and prepares to read them. Files are opened later, one at a time, by the iterator.
    ///
    /// Problems with single inputs are not errors: they come out of the iterator as units
    /// whose [`Unit::load`] reports a [`Skipped`] entry, in input order.
    ///
    /// # Errors
    /// Only fatal problems: the `files_from` list cannot be read, a glob pattern is invalid,
    /// or stdin is named both as the `files_from` list and as an input.
    pub fn new(opts: InputOptions) -> anyhow::Result<Self> {
        let inputs = discover(&opts)?;
        let total_bytes = inputs
            .iter()
            .map(|i| match i {
                Input::Stdin => None,
                Input::File(f) if f.stream => None,
                Input::File(f) => Some(f.size),
                Input::Bad(_) => Some(0),
            })
            .sum();
        Ok(CorpusReader {
            opts: Arc::new(opts),
            inputs: inputs.into_iter(),
            total_bytes,
            current: None,
            file_progress: (0, 0),
            seq: 0,
            counter: Arc::new(AtomicU64::new(0)),
            reported: 0,
            pending: Vec::new(),
            scratch: Vec::new(),
        })
    }

    /// The regular files not read yet, in input order: every input file when called
    /// before the first unit is taken. Stdin and inputs already known to be unreadable are
    /// not listed.
    pub fn files(&self) -> impl Iterator<Item = &std::path::Path> {
        self.inputs.as_slice().iter().filter_map(|i| match i {
            Input::File(f) => Some(f.path.as_path()),
            Input::Stdin | Input::Bad(_) => None,
        })
    }

    /// Total size in bytes of the input files as found on disk (compressed size for
    /// `.gz`), for a progress bar; `None` when stdin is one of the inputs. The
    /// [`Unit::progress_bytes`] of all units add up to exactly this (for files that do not
    /// change while being read); a unit may carry progress only (it loads to nothing).
    pub fn total_bytes_hint(&self) -> Option<u64> {
        self.total_bytes
    }

    /// Reads and loads every unit on the calling thread, in input order. Convenient for
    /// tests and small inputs; large corpora should hand units to worker threads instead.
    pub fn load_all(self) -> Loaded {
        let mut all = Loaded::default();
        for unit in self {
            all.append(unit.load());
        }
        all
    }

    fn emit(&mut self, kind: UnitKind) -> Unit {
        let notices = std::mem::take(&mut self.pending);
        let now = self.counter.load(Ordering::Relaxed);
        let progress = now.saturating_sub(self.reported);
        self.reported = now;
        let seq = self.seq;
        self.seq += 1;
        Unit { seq, progress, notices, kind }
    }

    /// Queues a notice for the next unit.
    fn note(&mut self, notice: String) {
        self.pending.push(notice);
    }

    /// Counts the unread rest of the current file as read, for progress.
    fn finish_file(&mut self) {
        let (size, start) = self.file_progress;
        let read = self.counter.load(Ordering::Relaxed).saturating_sub(start);
        if size > read {
            self.counter.fetch_add(size - read, Ordering::Relaxed);
        }
        self.file_progress = (0, self.counter.load(Ordering::Relaxed));
    }

    /// Starts reading one input. Returns a unit to emit now, or `None` when the input
    /// became [`CorpusReader::current`] (a JSONL/CSV stream).
    fn start(&mut self, input: Input) -> Option<UnitKind> {
        let (origin, opened) = match input {
            Input::Bad(s) => return Some(UnitKind::Bad(s)),
            Input::Stdin => {
                let origin = Origin {
                    display: "-".into(),
                    rel: "-".into(),
                    size: None,
                    ext_format: None,
                    ext_gz: false,
                    by_default_filter: false,
                };
                let raw: Stream = Box::new(Counting::new(io::stdin(), self.counter.clone()));
                (origin, Ok(raw))
            }
            Input::File(f) => {
                let origin = origin_of(&f);
                self.file_progress = (f.size, self.counter.load(Ordering::Relaxed));
                let is_txt = match self.opts.format {
                    InputFormat::Auto => origin.ext_format == Some(InputFormat::Txt),
                    fmt => fmt == InputFormat::Txt,
                };
                if is_txt && !origin.ext_gz && f.size > self.opts.max_record_bytes as u64 {
                    self.finish_file();
                    let reason = too_large("file", f.size, self.opts.max_record_bytes);
                    return Some(UnitKind::Bad(skip(&f.display, &reason)));
                }
                let opened = std::fs::File::open(&f.path)
                    .map(|file| Box::new(Counting::new(file, self.counter.clone())) as Stream);
                (origin, opened)
            }
        };
        let unit = match opened {
            Err(e) => Some(UnitKind::Bad(skip(&origin.display, &io_reason(&e)))),
            Ok(raw) => self.start_stream(origin, raw),
        };
        if unit.is_some() {
            self.finish_file();
        }
        unit
    }

    /// Opens the layers of one input (gzip, format, encoding) and either reads it whole
    /// (text) or sets it up as the current stream.
    fn start_stream(&mut self, o: Origin, mut raw: Stream) -> Option<UnitKind> {
        let opts = self.opts.clone();
        let bad = |offset: Option<u64>, reason: String| {
            Some(UnitKind::Bad(Skipped { path: o.display.to_string(), line: None, offset, reason }))
        };
        let head = match read_head(&mut raw, 2) {
            Ok(h) => h,
            Err(e) => return bad(None, io_reason(&e)),
        };
        let gz = o.ext_gz || is_gzip(&head);
        let mut chunker = Chunker::new(reassemble(head, raw, gz));
        let (format, complete, sample_err) = match chunker.peek(SAMPLE_BYTES) {
            Ok(sample) => {
                let format = match opts.format {
                    InputFormat::Auto => o.ext_format.unwrap_or_else(|| sniff_format(sample)),
                    f => f,
                };
                // Only data that will be decoded as UTF-16 is exempt from the binary check
                // (as in `decode_document`): a UTF-16 BOM does not count when another
                // encoding was chosen.
                let utf16 = match opts.encoding {
                    super::EncodingChoice::Utf16 => true,
                    super::EncodingChoice::Auto => matches!(
                        encoding_rs::Encoding::for_bom(sample),
                        Some((e, _)) if e != encoding_rs::UTF_8
                    ),
                    _ => false,
                };
                let binary = if utf16 { None } else { binary_check(sample) };
                (format, chunker.complete(), binary)
            }
            Err(e) => return bad(Some(0), stream_error(&e, gz, "the input is skipped")),
        };
        if let Some(e) = sample_err {
            // Damaged gzip data often decompresses to garbage just before the error: then
            // the data is read up to the line holding the first binary byte, and the damage
            // is reported from there.
            if !chunker.cut_before_damage(e.offset as usize) {
                return bad(Some(e.offset), e.reason);
            }
        }
        let mut ctx = FileCtx {
            opts: opts.clone(),
            path: o.display.clone(),
            text_id: o.rel.clone(),
            decoding: RecordDecoding::Utf8,
            columns: Vec::new(),
            text_col: 0,
            id_col: None,
            title_col: None,
        };
        if format == InputFormat::Txt {
            let hint = o.size.unwrap_or(0) as usize;
            return match chunker.read_rest(opts.max_record_bytes, hint) {
                Ok(Some(bytes)) => Some(UnitKind::Text { ctx: Arc::new(ctx), bytes }),
                Ok(None) => {
                    let what = if gz { "decompressed file" } else { "input" };
                    let reason = format!(
                        "{what} is larger than the record size limit of {} bytes",
                        opts.max_record_bytes
                    );
                    bad(None, reason)
                }
                Err((e, at)) => bad(Some(at), stream_error(&e, gz, "the document is skipped")),
            };
        }
        // JSONL / CSV / TSV: one decoding for the whole stream, decided from its start.
        let plan = decide_stream(chunker.buffered(), complete, opts.encoding);
        chunker.consume(plan.bom_len);
        if let Some(enc) = plan.transcode {
            chunker = Chunker::new(Box::new(Utf16ToUtf8::new(chunker.into_stream(), enc)));
        }
        ctx.decoding = plan.records;
        if let RecordDecoding::Legacy { encoding, detected: true } = plan.records {
            self.note(format!(
                "{}: not valid UTF-8; decoded as {} (detected from its content)",
                o.display,
                encoding.name()
            ));
        }
        if format == InputFormat::Jsonl {
            self.current =
                Some(Current::Lines { ctx: Arc::new(ctx), chunker, line: 0, records: 0, gz });
            return None;
        }
        let delimiter = if format == InputFormat::Tsv { b'\t' } else { b',' };
        let mut split = CsvSplitter {
            chunker,
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            out: vec![0; 4096],
            ends: vec![0; 64],
            sink: vec![0; 64 << 10],
            sink_ends: vec![0; 1024],
            after_cr: false,
        };
        let header = match split.next_record(opts.max_record_bytes) {
            Err(e) => {
                return bad(Some(split.chunker.mark), stream_error(&e, gz, "the file is skipped"));
            }
            Ok(None) => {
                self.note(format!("{}: empty, no header row; no documents", o.display));
                return Some(UnitKind::Note);
            }
            Ok(Some(CsvRec::TooLong { len })) => {
                return bad(None, too_large("header row", len, opts.max_record_bytes));
            }
            Ok(Some(CsvRec::Fields { bytes, ends })) => (bytes, ends),
        };
        let mut columns = Vec::with_capacity(header.1.len());
        for (i, field) in fields(&header.0, &header.1).enumerate() {
            match decode_record(field, plan.records) {
                Ok(name) => columns.push(name),
                Err(e) => {
                    let reason = format!("header row, column {}: {}", i + 1, e.reason);
                    return bad(None, reason);
                }
            }
        }
        let find = |name: &str| columns.iter().position(|c| c == name);
        let Some(text_col) = find(&opts.text_field) else {
            let listed = list_columns(&columns);
            if o.by_default_filter {
                self.note(format!(
                    "{}: not read: no {:?} column (columns: {listed}); taken for a side \
                     table, not part of the corpus (name it or use --glob to read it)",
                    o.display, opts.text_field
                ));
                return Some(UnitKind::Note);
            }
            return bad(
                None,
                format!(
                    "no {:?} column in the header row (columns: {listed}); choose the text \
                     column with --text-field",
                    opts.text_field
                ),
            );
        };
        ctx.id_col = find(&opts.id_field);
        ctx.title_col = if opts.title_field.is_empty() { None } else { find(&opts.title_field) };
        ctx.text_col = text_col;
        ctx.columns = columns;
        let st = CsvState { ctx: Arc::new(ctx), split, record: 0, gz };
        self.current = Some(Current::Csv(Box::new(st)));
        None
    }
}

impl Iterator for CorpusReader {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        loop {
            if let Some(cur) = &mut self.current {
                let max = self.opts.max_record_bytes;
                match cur.step(max, &mut self.scratch) {
                    Step::Unit(kind) => return Some(self.emit(kind)),
                    Step::Fail(skipped) => {
                        self.current = None;
                        self.finish_file();
                        return Some(self.emit(UnitKind::Bad(skipped)));
                    }
                    Step::Done(notice) => {
                        self.current = None;
                        self.finish_file();
                        if let Some(n) = notice {
                            self.note(n);
                        }
                        // A closing unit carries the notice, or the last bytes read (a
                        // gzip trailer) so that progress adds up exactly.
                        let unreported = self.counter.load(Ordering::Relaxed) > self.reported;
                        if !self.pending.is_empty() || unreported {
                            return Some(self.emit(UnitKind::Note));
                        }
                        continue;
                    }
                }
            }
            let input = self.inputs.next()?;
            if let Some(kind) = self.start(input) {
                return Some(self.emit(kind));
            }
        }
    }
}

impl Current {
    /// The next unit of the stream, or the end of it.
    fn step(&mut self, max: usize, scratch: &mut Vec<u8>) -> Step {
        match self {
            Current::Lines { ctx, chunker, line, records, gz } => loop {
                match chunker.next_line(max, scratch) {
                    Ok(None) => {
                        let note = (*records == 0).then(|| format!("{}: no records", ctx.path));
                        return Step::Done(note);
                    }
                    Ok(Some(Line::Bytes(bytes))) => {
                        *line += 1;
                        if bytes.iter().all(u8::is_ascii_whitespace) {
                            continue; // blank lines are ignored silently
                        }
                        *records += 1;
                        return Step::Unit(UnitKind::Line { ctx: ctx.clone(), line: *line, bytes });
                    }
                    Ok(Some(Line::TooLong { len })) => {
                        *line += 1;
                        *records += 1;
                        return Step::Unit(UnitKind::Bad(Skipped {
                            path: ctx.path.to_string(),
                            line: Some(*line),
                            offset: None,
                            reason: too_large("line", len, max),
                        }));
                    }
                    Err(e) => {
                        let rest =
                            format!("the rest of the file, from line {}, is skipped", *line + 1);
                        return Step::Fail(Skipped {
                            path: ctx.path.to_string(),
                            line: None,
                            offset: Some(chunker.mark),
                            reason: stream_error(&e, *gz, &rest),
                        });
                    }
                }
            },
            Current::Csv(st) => match st.split.next_record(max) {
                Ok(None) => {
                    let note = (st.record == 0)
                        .then(|| format!("{}: no records after the header row", st.ctx.path));
                    Step::Done(note)
                }
                Ok(Some(rec)) => {
                    st.record += 1;
                    let kind = match rec {
                        CsvRec::Fields { bytes, ends } => {
                            UnitKind::Record { ctx: st.ctx.clone(), record: st.record, bytes, ends }
                        }
                        CsvRec::TooLong { len } => UnitKind::Bad(Skipped {
                            path: st.ctx.path.to_string(),
                            line: Some(st.record),
                            offset: None,
                            reason: too_large("record", len, max),
                        }),
                    };
                    Step::Unit(kind)
                }
                Err(e) => {
                    let rest =
                        format!("the rest of the file, from record {}, is skipped", st.record + 1);
                    Step::Fail(Skipped {
                        path: st.ctx.path.to_string(),
                        line: None,
                        offset: Some(st.split.chunker.mark),
                        reason: stream_error(&e, st.gz, &rest),
                    })
                }
            },
        }
    }
}

/// One CSV record as cut by [`CsvSplitter::next_record`].
enum CsvRec {
    /// The unescaped field data, and where each field ends in it.
    Fields { bytes: Vec<u8>, ends: Vec<usize> },
    /// The record was larger than the limit; it was read and thrown away.
    TooLong { len: u64 },
}

impl CsvSplitter {
    /// Cuts the next record (quoted fields may hold delimiters and newlines). A record
    /// longer than `max` input bytes is parsed into a small sink buffer and dropped, so
    /// memory stays bounded. Returns `Ok(None)` at end of stream.
    fn next_record(&mut self, max: usize) -> io::Result<Option<CsvRec>> {
        use csv_core::ReadRecordResult as R;
        let (mut outlen, mut endlen, mut len, mut discard) = (0usize, 0usize, 0u64, false);
        self.chunker.mark();
        loop {
            let more = self.chunker.fill()?;
            // A read error is reported at the first byte of the first record not read: after
            // the `\n` of a `\r\n` that ended the previous record.
            if std::mem::take(&mut self.after_cr)
                && more
                && self.chunker.buffered().first() == Some(&b'\n')
            {
                self.chunker.mark += 1;
            }
            let input = if more { self.chunker.buffered() } else { &[][..] };
            let (res, nin, nout, nend) = if discard {
                self.core.read_record(input, &mut self.sink, &mut self.sink_ends)
            } else {
                self.core.read_record(input, &mut self.out[outlen..], &mut self.ends[endlen..])
            };
            let ended_cr = nin > 0 && input[nin - 1] == b'\r';
            self.chunker.consume(nin);
            len += nin as u64;
            if !discard {
                outlen += nout;
                endlen += nend;
                if len > max as u64 || endlen.saturating_mul(8) > max {
                    discard = true;
                }
            }
            match res {
                R::InputEmpty if !more => return Ok(None),
                R::InputEmpty => {}
                R::OutputFull => {
                    if !discard {
                        let n = self.out.len().saturating_mul(2);
                        self.out.resize(n, 0);
                    }
                }
                R::OutputEndsFull => {
                    if !discard {
                        let n = self.ends.len().saturating_mul(2);
                        self.ends.resize(n, 0);
                    }
                }
                R::Record => {
                    self.after_cr = ended_cr;
                    let rec = if discard {
                        CsvRec::TooLong { len }
                    } else {
                        CsvRec::Fields {
                            bytes: self.out[..outlen].to_vec(),
                            ends: self.ends[..endlen].to_vec(),
                        }
                    };
                    if self.out.len() > (4 << 20) {
                        self.out = vec![0; 4096];
                    }
                    if self.ends.len() > (1 << 16) {
                        self.ends = vec![0; 64];
                    }
                    return Ok(Some(rec));
                }
                R::End => return Ok(None),
            }
        }
    }
}

/// The fields of a CSV record given its data and field end offsets.
fn fields<'a>(bytes: &'a [u8], ends: &'a [usize]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut start = 0;
    ends.iter().map(move |&end| {
        let f = bytes.get(start..end).unwrap_or(&[]);
        start = end;
        f
    })
}

/// Naming, size and format-by-name of a discovered file.
fn origin_of(f: &FileInput) -> Origin {
    let name =
        f.path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let (base, ext_gz) = match name.strip_suffix(".gz") {
        Some(b) => (b, true),
        None => (name.as_str(), false),
    };
    let ext_format = match base.rsplit_once('.').map(|(_, ext)| ext) {
        Some("txt") => Some(InputFormat::Txt),
        Some("jsonl") => Some(InputFormat::Jsonl),
        Some("csv") => Some(InputFormat::Csv),
        Some("tsv") => Some(InputFormat::Tsv),
        _ => None,
    };
    Origin {
        display: f.display.as_str().into(),
        rel: f.rel.clone(),
        size: Some(f.size),
        ext_format,
        ext_gz,
        by_default_filter: f.by_default_filter,
    }
}

/// The format of an input with no known extension: JSONL if its first non-blank
/// character is `{`, else plain text.
fn sniff_format(sample: &[u8]) -> InputFormat {
    let first = match encoding_rs::Encoding::for_bom(sample) {
        Some((enc, bom)) if enc != encoding_rs::UTF_8 => {
            let head = &sample[bom..sample.len().min(bom + 1024)];
            let (text, _) = enc.decode_without_bom_handling(head);
            text.chars().find(|c| !c.is_whitespace())
        }
        Some((_, bom)) => {
            sample[bom..].iter().find(|b| !b.is_ascii_whitespace()).map(|&b| b as char)
        }
        None => sample.iter().find(|b| !b.is_ascii_whitespace()).map(|&b| b as char),
    };
    if first == Some('{') { InputFormat::Jsonl } else { InputFormat::Txt }
}

/// Plain English for a failure while streaming an input, followed by what was given up.
fn stream_error(e: &io::Error, gz: bool, rest: &str) -> String {
    use io::ErrorKind as K;
    let msg = e.to_string();
    let what = if msg.starts_with("malformed UTF-16") {
        msg
    } else if gz {
        match e.kind() {
            K::UnexpectedEof => "truncated gzip data (the file ends too early)".to_owned(),
            K::InvalidInput | K::InvalidData | K::Other => format!("damaged gzip data ({msg})"),
            _ => format!("read error ({})", io_reason(e)),
        }
    } else {
        format!("read error ({})", io_reason(e))
    };
    format!("{what}; {rest}")
}

/// The reason for a unit larger than the limit.
fn too_large(what: &str, len: u64, max: usize) -> String {
    format!("{what} is {len} bytes, larger than the record size limit of {max} bytes")
}

/// Column names for a message, the list cut after 20.
fn list_columns(columns: &[String]) -> String {
    let mut s = columns.iter().take(20).map(|c| format!("{c:?}")).collect::<Vec<_>>().join(", ");
    if columns.len() > 20 {
        s.push_str(&format!(", … ({} in all)", columns.len()));
    }
    if columns.is_empty() { "none".to_owned() } else { s }
}

impl Unit {
    /// Position of this unit in input order, counting from 0 (every unit counts, including
    /// those that only report a skipped input).
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// Size in bytes of the raw data this unit holds (after decompression, before
    /// decoding): the text file, the JSONL line without its terminator, or the CSV
    /// record's unescaped fields. 0 for units that only report a skip or a notice.
    pub fn byte_len(&self) -> usize {
        match &self.kind {
            UnitKind::Text { bytes, .. }
            | UnitKind::Line { bytes, .. }
            | UnitKind::Record { bytes, .. } => bytes.len(),
            UnitKind::Bad(_) | UnitKind::Note => 0,
        }
    }

    /// On-disk bytes (compressed bytes for `.gz`) read since the previous unit, for a
    /// progress bar whose length is [`CorpusReader::total_bytes_hint`].
    pub fn progress_bytes(&self) -> u64 {
        self.progress
    }

    /// Decodes and parses the unit; runs on a worker thread. Never fails: problems come
    /// back as [`Skipped`] entries in the result, informational messages (a detected legacy
    /// encoding, a file with no records) as notices.
    pub fn load(self) -> Loaded {
        let mut out = Loaded { notices: self.notices, ..Loaded::default() };
        let repair = match &self.kind {
            UnitKind::Text { ctx, .. }
            | UnitKind::Line { ctx, .. }
            | UnitKind::Record { ctx, .. } => ctx.opts.repair_mojibake,
            UnitKind::Note | UnitKind::Bad(_) => false,
        };
        match self.kind {
            UnitKind::Note => {}
            UnitKind::Bad(s) => out.skipped.push(s),
            UnitKind::Text { ctx, bytes } => match decode_document(bytes, ctx.opts.encoding) {
                Ok(d) => {
                    if d.detected {
                        out.notices.push(format!(
                            "{}: not valid UTF-8; decoded as {} (detected from its content)",
                            ctx.path,
                            d.encoding.unwrap_or("?")
                        ));
                    }
                    out.docs.push(Document {
                        id: ctx.text_id.clone(),
                        path: ctx.path.clone(),
                        record: None,
                        title: None,
                        text: d.text,
                        meta: Vec::new(),
                        encoding: d.encoding,
                    });
                }
                Err(e) => out.skipped.push(Skipped {
                    path: ctx.path.to_string(),
                    line: None,
                    offset: Some(e.offset),
                    reason: e.reason,
                }),
            },
            UnitKind::Line { ctx, line, bytes } => match load_line(&ctx, line, &bytes) {
                Ok(doc) => out.docs.push(doc),
                Err(s) => out.skipped.push(s),
            },
            UnitKind::Record { ctx, record, bytes, ends } => {
                match load_record(&ctx, record, &bytes, &ends) {
                    Ok(doc) => out.docs.push(doc),
                    Err(s) => out.skipped.push(s),
                }
            }
        }
        if repair {
            for doc in &mut out.docs {
                repair_document(doc, &mut out.notices);
            }
        }
        out
    }
}

/// `--repair-mojibake`: re-decodes double-encoded UTF-8 in the text and title of `doc`
/// (see [`super::mojibake`]) and adds a notice naming the document and the lines repaired.
fn repair_document(doc: &mut Document, notices: &mut Vec<String>) {
    let mut lines = 0;
    if let Some((text, n)) = super::mojibake::repair(&doc.text) {
        doc.text = text;
        lines += n;
    }
    if let Some((title, n)) = doc.title.as_deref().and_then(super::mojibake::repair) {
        doc.title = Some(title);
        lines += n;
    }
    if lines > 0 {
        notices.push(format!(
            "{}: repaired {lines} line{} of double-encoded UTF-8 (UTF-8 read as Windows-1252)",
            crate::analysis::doc_location(doc),
            if lines == 1 { "" } else { "s" }
        ));
    }
}

/// A JSONL line → a document.
fn load_line(ctx: &FileCtx, line: u64, bytes: &[u8]) -> Result<Document, Skipped> {
    let skipped = |offset: Option<u64>, reason: String| Skipped {
        path: ctx.path.to_string(),
        line: Some(line),
        offset,
        reason,
    };
    let text: Cow<'_, str> = match ctx.decoding {
        RecordDecoding::Utf8 | RecordDecoding::Transcoded { .. } => {
            // SIMD validation (~10 × faster than `core::str::from_utf8` on Arabic text);
            // errors are described by `decode_record`, as before
            match simdutf8::basic::from_utf8(bytes) {
                Ok(s) => Cow::Borrowed(s),
                Err(_) => {
                    let e = decode_record(bytes, RecordDecoding::Utf8).err();
                    let (offset, reason) = e.map_or((0, String::new()), |e| (e.offset, e.reason));
                    return Err(skipped(Some(offset), reason));
                }
            }
        }
        how => match decode_record(bytes, how) {
            Ok(s) => Cow::Owned(s),
            Err(e) => return Err(skipped(Some(e.offset), e.reason)),
        },
    };
    // A byte-order mark left at the start of a line (files concatenated with `cat`).
    let text = match text {
        Cow::Borrowed(t) => Cow::Borrowed(t.strip_prefix('\u{FEFF}').unwrap_or(t)),
        Cow::Owned(t) if t.starts_with('\u{FEFF}') => {
            Cow::Owned(t['\u{FEFF}'.len_utf8()..].to_owned())
        }
        owned => owned,
    };
    let o = &ctx.opts;
    let names = FieldNames { text: &o.text_field, id: &o.id_field, title: &o.title_field };
    let rec = jsonl::parse_record(&text, names).map_err(|e| skipped(e.offset, e.reason))?;
    let text = match rec.text {
        Some(Value::Str(s)) => s,
        None => return Err(skipped(None, format!("no {:?} field", o.text_field))),
        Some(v) => {
            let reason = format!("the {:?} field is {}, not a string", o.text_field, v.kind());
            return Err(skipped(None, reason));
        }
    };
    let id = match rec.id {
        Some(Value::Str(s)) if !s.is_empty() => s,
        Some(Value::Other { json, .. }) => json,
        _ => format!("{}:{line}", ctx.path),
    };
    let title = match rec.title {
        Some(Value::Str(s)) if !s.is_empty() => Some(s),
        Some(Value::Other { json, .. }) => Some(json),
        _ => None,
    };
    Ok(Document {
        id,
        path: ctx.path.clone(),
        record: Some(line),
        title,
        text,
        meta: rec.meta,
        encoding: ctx.decoding.encoding_name(),
    })
}

/// A CSV/TSV record → a document.
fn load_record(
    ctx: &FileCtx,
    record: u64,
    bytes: &[u8],
    ends: &[usize],
) -> Result<Document, Skipped> {
    let skipped = |offset: Option<u64>, reason: String| Skipped {
        path: ctx.path.to_string(),
        line: Some(record),
        offset,
        reason,
    };
    let o = &ctx.opts;
    if ends.len() <= ctx.text_col {
        return Err(skipped(
            None,
            format!(
                "the record has {} field(s), so no {:?} column (column {} of the header)",
                ends.len(),
                o.text_field,
                ctx.text_col + 1
            ),
        ));
    }
    let (mut text, mut id, mut title) = (String::new(), None, None);
    let mut meta = Vec::with_capacity(ends.len().saturating_sub(1));
    for (i, field) in fields(bytes, ends).enumerate() {
        let name = ctx.columns.get(i).map_or_else(|| format!("column {}", i + 1), Clone::clone);
        let value = decode_record(field, ctx.decoding)
            .map_err(|e| skipped(Some(e.offset), format!("column {name:?}: {}", e.reason)))?;
        if i == ctx.text_col {
            text = value;
        } else if Some(i) == ctx.id_col {
            id = Some(value).filter(|v| !v.is_empty());
        } else if Some(i) == ctx.title_col {
            title = Some(value).filter(|v| !v.is_empty());
        } else {
            meta.push((name, value));
        }
    }
    Ok(Document {
        id: id.unwrap_or_else(|| format!("{}:{record}", ctx.path)),
        path: ctx.path.clone(),
        record: Some(record),
        title,
        text,
        meta,
        encoding: ctx.decoding.encoding_name(),
    })
}
