//! One module per subcommand, plus the set-up they share: building the text pipeline and
//! the corpus reader from the arguments, printing diagnostics, and deciding the exit code.

pub mod cooc;
pub mod kwic;
pub mod lexicon;
pub mod mentions;
pub mod report;
pub mod sections;
pub mod stats;

use crate::analysis::vocab::Vocabulary;
use crate::analysis::{Analysis, Analyzer, VisualLines};
use crate::cli::{Cli, Command, InputArgs, LexiconOptions, OutputArgs, TextArgs};
use crate::corpus::{CorpusReader, InputOptions};
use crate::engine::{self, EngineOptions, RunInfo};
use crate::lexicon::{BuiltinOptions, Lexicon};
use crate::report::{
    CorpusSummary, Format, Layout, LexiconSetup, Output, Record, RowWriter, RunOptions, Wrap,
};
use crate::select::{Filter, FilterOptions, SampleKeys, Selection};
use crate::structure::{HeadingMode, LineBreaks, StructureOptions};
use crate::text::Normalizer;
use crate::text::clitics::Segmenter;
use crate::text::pipeline::{Pipeline, SegmentMode, TextOptions};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Errors that end a command, with their exit codes.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// A usage problem (exit 2): a bad option value, an unreadable stopword or lexicon
    /// file, an output that would overwrite an input.
    #[error("{0}")]
    Usage(String),
    /// No input could be read (exit 1); the reasons were already printed.
    #[error("no input could be read")]
    NoInput,
    /// Anything else that stops the run (exit 1).
    #[error(transparent)]
    Runtime(#[from] anyhow::Error),
}

/// An I/O error while writing a report, as a [`CommandError::Runtime`].
pub fn io_err(e: std::io::Error) -> CommandError {
    CommandError::Runtime(e.into())
}

impl CommandError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            CommandError::Usage(_) => 2,
            CommandError::NoInput | CommandError::Runtime(_) => 1,
        }
    }
}

/// Runs the subcommand chosen in `cli`.
///
/// # Errors
/// See [`CommandError`]. Writing to a closed pipe is reported as a `Runtime` error whose
/// chain contains an `io::Error` of kind `BrokenPipe`; `main` turns it into exit 0.
pub fn run(cli: Cli) -> Result<ExitCode, CommandError> {
    match cli.command {
        Command::Stats(args) => stats::run(&args),
        Command::Cooc(args) => cooc::run(&args),
        Command::Mentions(args) => mentions::run(&args),
        Command::Sections(args) => sections::run(&args),
        Command::Lexicon(args) => lexicon::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Kwic(args) => kwic::run(&args),
    }
}

/// What every corpus command needs, built from the shared arguments.
pub struct Setup {
    /// The text pipeline (with the proclitic segmenter installed when asked).
    pub pipeline: Pipeline,
    /// Corpus reading options.
    pub input: InputOptions,
    /// Threads and progress.
    pub engine: EngineOptions,
    /// Structure parser options (`has_title_field` is set per document).
    pub headings: HeadingMode,
    /// `--line-breaks`.
    pub line_breaks: LineBreaks,
    /// `--visual-lines`.
    pub visual: VisualLines,
    /// The text options the pipeline was built from.
    pub text: TextOptions,
    /// The resolved output format.
    pub format: Format,
    /// Table wrapping: to the terminal only when the table goes to a terminal.
    pub wrap: Wrap,
    /// `--output` (`None` for stdout, also when given as `-`).
    pub output: Option<PathBuf>,
    /// `--quiet`.
    pub quiet: bool,
    /// `--strict`.
    pub strict: bool,
    /// `--where` and `--sample`: the documents analysed.
    pub selection: Selection,
    /// `--excel`: spreadsheet-bound CSV.
    pub excel: bool,
    /// Temporary copies of stdin and FIFOs for `--segment proclitics` (deleted on drop).
    _spool: crate::corpus::Spool,
}

impl Setup {
    /// Validates the shared arguments. `formats` lists the formats the command supports.
    ///
    /// # Errors
    /// [`CommandError::Usage`] for an unsupported format, an unreadable stopword file, an
    /// output path that is one of the inputs or cannot be written (a directory, a missing
    /// folder); [`CommandError::Runtime`] when stdin or a FIFO cannot be copied for
    /// `--segment proclitics` (see [`crate::corpus::spool_streams`]).
    pub fn new(
        input: &InputArgs,
        text: &TextArgs,
        out: &OutputArgs,
        formats: &[Format],
    ) -> Result<Self, CommandError> {
        let format = output_format(out)?;
        if !formats.contains(&format) {
            let names: Vec<&str> = formats.iter().map(|f| f.name()).collect();
            return Err(CommandError::Usage(format!(
                "--format {} is not available here (use one of: {})",
                format.name(),
                names.join(", ")
            )));
        }
        let opts = text_options(text);
        let pipeline = Pipeline::new(&opts).map_err(|e| CommandError::Usage(e.to_string()))?;
        let input_opts = input_options(input);
        let output = crate::report::output::named(out.output.as_deref()).map(PathBuf::from);
        if let Some(o) = &output {
            if output_is_an_input(o, &input_opts) {
                return Err(CommandError::Usage(format!(
                    "{}: refusing to write the output over one of the inputs",
                    o.display()
                )));
            }
            check_output(o)?;
        }
        let mut input_opts = input_opts;
        // Two passes over stdin or a FIFO: read them once into temporary copies.
        let spool = if text.segment == SegmentMode::Proclitics {
            crate::corpus::spool_streams(&mut input_opts, crate::corpus::SPOOL_LIMIT)?
        } else {
            crate::corpus::Spool::default()
        };
        let engine = engine_options(out)?;
        let mut setup = Setup {
            pipeline,
            input: input_opts,
            engine,
            headings: text.headings,
            line_breaks: text.line_breaks,
            visual: text.visual_lines,
            text: opts,
            format,
            wrap: Wrap::for_output(output.is_some()),
            output,
            quiet: out.quiet,
            strict: input.strict,
            selection: Selection::default(),
            excel: out.excel,
            _spool: spool,
        };
        setup.selection = setup.build_selection(&input.select)?;
        if text.segment == SegmentMode::Proclitics {
            let seg = setup.build_segmenter()?;
            setup.pipeline.set_segmenter(seg);
        }
        Ok(setup)
    }

    /// `--where` (parse errors are usage errors naming the column), the lexicon its
    /// `has` terms need, and the first pass of `--sample` (over the documents that pass the
    /// filter).
    fn build_selection(&self, args: &crate::cli::SelectArgs) -> Result<Selection, CommandError> {
        let options =
            FilterOptions { date_fields: vec![args.date_field.clone()], ..Default::default() };
        let filter =
            Filter::parse(&args.wheres, options).map_err(|e| CommandError::Usage(e.to_string()))?;
        let needs_lexicon = filter
            .text_terms()
            .iter()
            .any(|(_, t)| matches!(t, crate::select::TextTerm::Entry { .. }));
        let lexicon = if needs_lexicon {
            Some(
                Lexicon::builtin(&self.pipeline.normalizer, &BuiltinOptions::default())
                    .map_err(|e| CommandError::Usage(e.to_string()))?,
            )
        } else {
            None
        };
        let mut selection = Selection::new(filter, lexicon.as_ref(), &self.pipeline)
            .map_err(|e| CommandError::Usage(e.to_string()))?;
        if let Some(k) = args.sample {
            let keys = SampleKeys { k, seed: args.seed };
            let reader = self.reader()?;
            let engine = EngineOptions { total_bytes: reader.total_bytes_hint(), ..self.engine };
            let analyzer = self.analyzer().with_selection(&selection);
            let (first, _) = engine::fold(reader, &engine, &analyzer, &keys)
                .map_err(|e| CommandError::Runtime(e.into()))?;
            selection.set_sample(k, args.seed, first);
        }
        Ok(selection)
    }

    /// The shared `options` of the JSON report of `command`, grouped by `by`.
    pub fn run_options(&self, command: &'static str, by: Option<&str>) -> RunOptions {
        RunOptions::new(command, &self.text, self.headings, self.visual, by)
    }

    /// How tabular rows are written: the format, table wrapping, and whether rows carry a
    /// `--by` group.
    pub fn layout(&self, grouped: bool) -> Layout {
        Layout { format: self.format, wrap: self.wrap, grouped }
    }

    /// Runs `write` on the opened output and commits it.
    ///
    /// # Errors
    /// When the output cannot be opened, written or committed.
    pub fn write_output(
        &self,
        write: impl FnOnce(&mut Output) -> std::io::Result<()>,
    ) -> Result<(), CommandError> {
        let mut out = self.open_output()?;
        write(&mut out).map_err(io_err)?;
        out.finish().map_err(|e| CommandError::Runtime(e.into()))
    }

    /// A reader over the corpus.
    ///
    /// # Errors
    /// When the `--files-from` list cannot be read.
    pub fn reader(&self) -> Result<CorpusReader, CommandError> {
        CorpusReader::new(self.input.clone()).map_err(CommandError::Runtime)
    }

    /// Structure options for `doc`.
    pub fn structure_options(&self, doc: &crate::corpus::Document) -> StructureOptions {
        StructureOptions {
            headings: self.headings,
            line_breaks: self.line_breaks,
            has_title_field: doc.title.is_some(),
            ..Default::default()
        }
    }

    /// First pass of `--segment proclitics`: counts the normalised word types of the
    /// corpus and builds the [`Segmenter`]. Stopwords are protected.
    fn build_segmenter(&self) -> Result<Segmenter, CommandError> {
        let vocab = Vocabulary { pipeline: &self.pipeline };
        let mut engine = self.engine;
        engine.progress = false;
        let reader = self.reader()?;
        engine.total_bytes = reader.total_bytes_hint();
        let (counts, _) = engine::fold(reader, &engine, &self.analyzer(), &vocab)
            .map_err(|e| CommandError::Runtime(e.into()))?;
        Ok(vocab.segmenter(&counts))
    }

    /// The analyzer of this run: the pipeline, `--headings`, `--line-breaks`,
    /// `--visual-lines`, and the
    /// lexicon `matcher` when there is one.
    pub fn analyzer<'a>(&'a self) -> Analyzer<'a> {
        Analyzer::new(&self.pipeline)
            .with_headings(self.headings)
            .with_line_breaks(self.line_breaks)
            .with_visual_lines(self.visual)
            .with_selection(&self.selection)
    }

    /// Runs `analysis` over the corpus (with `matcher` for the analyses that need
    /// mentions) and returns its merged partial result and what the run saw.
    ///
    /// # Errors
    /// When the corpus cannot be listed or the worker threads cannot start.
    pub fn fold<A>(
        &self,
        analysis: &A,
        matcher: Option<&crate::lexicon::Matcher>,
    ) -> Result<(A::Partial, RunInfo), CommandError>
    where
        A: Analysis + Sync,
        A::Partial: Send,
        A::Scratch: Send,
    {
        let reader = self.reader()?;
        let engine = EngineOptions { total_bytes: reader.total_bytes_hint(), ..self.engine };
        let mut analyzer = self.analyzer();
        if let Some(m) = matcher {
            analyzer = analyzer.with_matcher(m);
        }
        engine::fold(reader, &engine, &analyzer, analysis)
            .map_err(|e| CommandError::Runtime(e.into()))
    }

    /// Runs `per_doc` on each document on its own and hands its result to `sink` in input
    /// order, while folding `totals` over the corpus (see [`engine::stream`]); returns the
    /// merged partial of `totals` and what the run saw.
    ///
    /// # Errors
    /// When the corpus cannot be listed, the worker threads cannot start, or `sink` fails
    /// (its error is returned).
    pub fn stream<A, B, F>(
        &self,
        per_doc: &A,
        totals: &B,
        matcher: Option<&crate::lexicon::Matcher>,
        sink: F,
    ) -> Result<(B::Partial, RunInfo), CommandError>
    where
        A: Analysis + Sync,
        A::Output: Send,
        A::Scratch: Send,
        B: Analysis + Sync,
        B::Partial: Send,
        B::Scratch: Send,
        F: FnMut(A::Output) -> Result<(), CommandError> + Send,
    {
        let reader = self.reader()?;
        let engine = EngineOptions { total_bytes: reader.total_bytes_hint(), ..self.engine };
        let mut analyzer = self.analyzer();
        if let Some(m) = matcher {
            analyzer = analyzer.with_matcher(m);
        }
        engine::stream(reader, &engine, &analyzer, per_doc, totals, sink)
            .map_err(|e| CommandError::Runtime(e.into()))?
    }

    /// The run's warnings (the reader's, then one for a `--by` field that no document
    /// has, when `by` is given and `keys` are the groups found), after printing the
    /// diagnostics ([`Setup::diagnostics`]).
    ///
    /// # Errors
    /// [`CommandError::NoInput`].
    pub fn group_warnings<'k, K: std::ops::Deref<Target = str> + 'k>(
        &self,
        info: &RunInfo,
        by: Option<&crate::analysis::GroupBy>,
        keys: impl Iterator<Item = &'k K>,
    ) -> Result<Vec<String>, CommandError> {
        let mut warnings = info.warnings.clone();
        if let Some(b) = by {
            warnings.extend(b.missing_field_warning(keys.map(|k| &**k)));
        }
        self.diagnostics(info, &warnings)?;
        Ok(warnings)
    }

    /// Copies the run's skipped inputs, `warnings` and notices into `corpus` (the whole
    /// corpus's summary in JSON reports).
    pub fn add_lists(&self, corpus: &mut CorpusSummary, info: &RunInfo, warnings: &[String]) {
        corpus.skipped = info.skipped.clone();
        corpus.warnings = warnings.to_vec();
        corpus.notices = info.notices.clone();
        corpus.filtered = info.left_out.filtered;
        corpus.not_sampled = self.selection.sample().map(|_| info.left_out.not_sampled);
    }

    /// Prints skipped inputs, warnings and (unless `--quiet`) notices to stderr, one line
    /// each, in input order. Fails with [`CommandError::NoInput`] when no document was read
    /// and nothing else can be reported.
    ///
    /// # Errors
    /// [`CommandError::NoInput`].
    pub fn diagnostics(&self, info: &RunInfo, warnings: &[String]) -> Result<(), CommandError> {
        let stderr = std::io::stderr();
        let mut err = stderr.lock();
        use std::io::Write;
        for s in &info.skipped {
            let _ = writeln!(err, "tahlil: skipped {s}");
        }
        for w in warnings {
            let _ = writeln!(err, "tahlil: warning: {w}");
        }
        if !self.quiet {
            for n in &info.notices {
                let _ = writeln!(err, "tahlil: note: {n}");
            }
        }
        let left_out = info.left_out.filtered + info.left_out.not_sampled;
        if info.documents == 0 && left_out > 0 {
            let _ = writeln!(
                err,
                "tahlil: warning: the selection (--where, --sample) left out all {left_out} documents read"
            );
            return Ok(());
        }
        if info.documents == 0 {
            let _ = writeln!(
                err,
                "tahlil: no input could be read{}",
                if info.skipped.is_empty() { " (no documents found)" } else { "" }
            );
            return Err(CommandError::NoInput);
        }
        Ok(())
    }

    /// Opens the output (stdout or a file, see [`Output::open`]); under `--excel` as
    /// spreadsheet-bound CSV ([`Output::spreadsheet_csv`]).
    ///
    /// # Errors
    /// When the output file's folder is not writable.
    pub fn open_output(&self) -> Result<Output, CommandError> {
        let out =
            Output::open(self.output.as_deref()).map_err(|e| CommandError::Runtime(e.into()))?;
        if self.excel { out.spreadsheet_csv().map_err(io_err) } else { Ok(out) }
    }

    /// Opens the output and a [`RowWriter`] of rows of `R` on it (which writes the CSV/TSV
    /// header now).
    ///
    /// # Errors
    /// When the output cannot be opened or the header written.
    pub fn row_writer<R: Record>(&self, grouped: bool) -> Result<RowWriter<Output>, CommandError> {
        RowWriter::new::<R>(self.open_output()?, self.layout(grouped)).map_err(io_err)
    }

    /// Draws what `rows` holds (a table), then commits the output.
    ///
    /// # Errors
    /// When the output cannot be written or committed.
    pub fn finish_rows(&self, rows: RowWriter<Output>) -> Result<(), CommandError> {
        let out = rows.finish().map_err(io_err)?;
        out.finish().map_err(|e| CommandError::Runtime(e.into()))
    }

    /// Opens the output like [`Setup::open_output`] and, when the format is CSV or TSV,
    /// writes the header line `header` (the commands that stream rows: `mentions`,
    /// `sections`).
    ///
    /// # Errors
    /// When the output cannot be opened or the header written.
    pub fn open_output_with_header(&self, header: &[&str]) -> Result<Output, CommandError> {
        let mut w = self.open_output()?;
        match self.format {
            Format::Csv => crate::report::write_delimited(&mut w, b',', header, std::iter::empty()),
            Format::Tsv => {
                crate::report::write_delimited(&mut w, b'\t', header, std::iter::empty())
            }
            _ => Ok(()),
        }
        .map_err(io_err)?;
        Ok(w)
    }

    /// The exit code after a report was written: 1 under `--strict` when anything was
    /// skipped or any warning given, else 0.
    pub fn exit_code(&self, info: &RunInfo, warnings: &[String]) -> ExitCode {
        if self.strict && (!info.skipped.is_empty() || !warnings.is_empty()) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// The text options of `text`.
fn text_options(text: &TextArgs) -> TextOptions {
    TextOptions {
        normalize: text.normalize,
        superscript_alef: text.superscript_alef,
        segment: text.segment,
        stem: text.stem,
        stopwords: text.stopwords.clone(),
        numbers: !text.no_numbers,
    }
}

/// The corpus reading options of `input` (`--title-field none`: no title field).
fn input_options(input: &InputArgs) -> InputOptions {
    InputOptions {
        paths: input.paths.clone(),
        files_from: input.files_from.clone(),
        globs: input.globs.clone(),
        format: input.input_format,
        text_field: input.text_field.clone(),
        id_field: input.id_field.clone(),
        title_field: if input.title_field == "none" {
            String::new()
        } else {
            input.title_field.clone()
        },
        encoding: input.encoding,
        max_record_bytes: input.max_record_bytes,
        spooled: Vec::new(),
        repair_mojibake: input.repair_mojibake,
    }
}

/// Threads (at most [`crate::engine::max_threads`], with a note when more were asked)
/// and progress from `out`.
///
/// # Errors
/// [`CommandError::Usage`] for `--threads 0`.
fn engine_options(out: &OutputArgs) -> Result<EngineOptions, CommandError> {
    let mut engine = EngineOptions::default();
    if let Some(n) = out.threads {
        if n == 0 {
            return Err(CommandError::Usage("--threads must be at least 1".into()));
        }
        let max = crate::engine::max_threads();
        if n > max && !out.quiet {
            eprintln!(
                "tahlil: note: --threads {n} is more than the most useful here, {max} \
             (256, or 4 per logical CPU if more); using {max}"
            );
        }
        engine.threads = n.min(max);
    }
    engine.progress = !(out.quiet || out.no_progress);
    Ok(engine)
}

/// The output format of `out`: `--format`, resolved from the output's extension or the
/// terminal when `auto`; `--excel` means CSV.
///
/// # Errors
/// [`CommandError::Usage`] for `--excel` with a format other than CSV.
pub fn output_format(out: &OutputArgs) -> Result<Format, CommandError> {
    let asked = if out.excel && out.format == Format::Auto { Format::Csv } else { out.format };
    let format = asked.resolve(out.output.as_deref(), std::io::stdout().is_terminal());
    if out.excel && format != Format::Csv {
        return Err(CommandError::Usage(format!(
            "--excel is for CSV output, not --format {} (use --format csv)",
            format.name()
        )));
    }
    Ok(format)
}

/// Refuses, before any input is read, an output path that cannot be written: a directory,
/// a missing folder, a loop of symbolic links (see [`crate::report::output::plan`]).
///
/// # Errors
/// [`CommandError::Usage`] with the one-line reason naming the path.
pub fn check_output(o: &std::path::Path) -> Result<(), CommandError> {
    crate::report::output::check(Some(o)).map_err(|e| CommandError::Usage(e.to_string()))
}

/// True when the output file `o` is one of the inputs: named as one, or an existing file
/// that would be read from an input folder (or a `--files-from` list file). A list read
/// from stdin is not consulted (stdin can be read only once).
fn output_is_an_input(o: &std::path::Path, input: &InputOptions) -> bool {
    if crate::report::output::is_same_file(o, &input.paths) {
        return true;
    }
    let Ok(target) = std::fs::canonicalize(o) else { return false };
    let mut opts = input.clone();
    if opts.files_from.as_ref().is_some_and(|p| p.as_os_str() == "-") {
        opts.files_from = None;
    }
    if opts.paths.is_empty() && opts.files_from.is_none() {
        return false;
    }
    let Ok(reader) = CorpusReader::new(opts) else { return false };
    let names = [o.file_name(), target.file_name()];
    reader.files().any(|f| {
        names.contains(&f.file_name()) && std::fs::canonicalize(f).is_ok_and(|c| c == target)
    })
}

/// Builds the lexicon chosen by `opts`: the built-ins (unless `--no-builtin`, with capitals
/// under `--capitals`) and then each `--lexicon` file, all normalised with `normalizer`.
///
/// # Errors
/// [`CommandError::Usage`] naming the file and line of the first error in a lexicon file,
/// or when no entry is left.
pub fn build_lexicon(
    opts: &LexiconOptions,
    normalizer: &Normalizer,
) -> Result<Lexicon, CommandError> {
    let usage = |e: crate::lexicon::LexiconError| CommandError::Usage(e.to_string());
    let mut lex = if opts.no_builtin {
        Lexicon::empty(normalizer)
    } else {
        Lexicon::builtin(
            normalizer,
            &BuiltinOptions { capitals: opts.capitals, ..Default::default() },
        )
        .map_err(usage)?
    };
    for path in &opts.lexicons {
        let extra = Lexicon::load_file(path, normalizer).map_err(usage)?;
        lex.merge(extra).map_err(usage)?;
    }
    if lex.is_empty() {
        return Err(CommandError::Usage(
            "no lexicon entries: --no-builtin needs at least one --lexicon FILE".into(),
        ));
    }
    Ok(lex)
}

/// The lexicons of a run, for the JSON `options`.
pub fn lexicon_setup(opts: &LexiconOptions) -> LexiconSetup {
    LexiconSetup {
        lexicons: opts.lexicons.clone(),
        builtin: !opts.no_builtin,
        capitals: opts.capitals,
        count_ambiguous: opts.count_ambiguous,
    }
}

/// Checks the kind filter `kinds` (from option `option`, e.g. `--nodes`) and the id filter
/// `ids` (`--id`) against the entries of `lex`, so that a misspelt value is a usage error
/// rather than an empty result. `all` in `kinds` is accepted and means no filter.
///
/// # Errors
/// [`CommandError::Usage`] naming the first unknown kind or id and the known kinds.
pub fn check_filters(
    lex: &Lexicon,
    option: &str,
    kinds: &[String],
    ids: &[String],
) -> Result<(), CommandError> {
    let known: Vec<String> = lex.summary().iter().map(|k| k.kind.as_str().to_string()).collect();
    if let Some(bad) = kinds.iter().find(|k| k.as_str() != "all" && !known.contains(k)) {
        return Err(CommandError::Usage(format!(
            "{option} {bad:?}: no such kind in the lexicons (known: {}, or all)",
            known.join(", ")
        )));
    }
    if let Some(bad) = ids.iter().find(|id| lex.find_id(id).is_none()) {
        return Err(CommandError::Usage(format!(
            "--id {bad:?}: no such entry in the lexicons (see `tahlil lexicon list`)"
        )));
    }
    Ok(())
}

/// The kind filter with `all` removed (an empty filter keeps every kind).
pub fn kind_filter(kinds: &[String]) -> Vec<String> {
    if kinds.iter().any(|k| k == "all") { Vec::new() } else { kinds.to_vec() }
}
