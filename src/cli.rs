//! Command-line arguments (clap derive). Each option is documented once, here; `--help`
//! is generated from these comments.

use crate::analysis::VisualLines;
use crate::analysis::freq::SortBy;
use crate::analysis::measures::Measure;
use crate::corpus::{EncodingChoice, InputFormat};
use crate::report::Format;
use crate::structure::{HeadingMode, LineBreaks};
use crate::text::normalize::{Preset, SuperscriptAlef};
use crate::text::pipeline::SegmentMode;
use crate::text::stem::StemMode;
use crate::text::stopwords::StopwordsChoice;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// tahlil (تحليل): fast, correct analysis of Arabic text corpora.
#[derive(Debug, Parser)]
#[command(name = "tahlil", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    /// The analysis to run.
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "\
Examples:
  tahlil stats data/corpus                         top 50 terms as a table
  tahlil stats corpus/ --ngram 2 --top 0 -o bigrams.csv
  tahlil stats corpus/ | sort -t$'\\t' -k2nr | head   (TSV when piped)
  tahlil stats news.jsonl --by source --format json
  tahlil report data/corpus -o report.html         one page to open in a browser

Exit codes: 0 success; 1 runtime failure, no readable input, or any warning with --strict;
2 usage error (bad option, unreadable stopword or lexicon file). A closed pipe exits 0.";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Term and document frequencies, n-grams and TF-IDF.
    Stats(StatsArgs),
    /// Co-occurrence network of countries, regions and themes, with association measures.
    Cooc(CoocArgs),
    /// Every mention of a lexicon entry (country, region, theme…), one per row.
    Mentions(MentionsArgs),
    /// Each document's sections: headings, sizes, distinctive terms, countries, themes and
    /// key sentences.
    Sections(SectionsArgs),
    /// List the lexicons' categories, or check a lexicon file.
    Lexicon(LexiconArgs),
    /// One self-contained HTML page (or Markdown) for people: corpus overview, top terms,
    /// the co-occurrence network drawn, and each document's sections.
    Report(ReportArgs),
    // --- corpus linguist's toolkit (issue 15) ---
    /// Key word in context: every occurrence of a term, phrase, glob or lexicon entry, with
    /// the text around it.
    Kwic(KwicArgs),
}

/// Which lexicons to match.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Lexicons")]
pub struct LexiconOptions {
    /// Add the entries of a lexicon file (TSV as in data/lexicons, or a quanteda-style JSON
    /// dictionary). Repeatable.
    #[arg(long = "lexicon", value_name = "FILE")]
    pub lexicons: Vec<PathBuf>,
    /// Leave out the built-in countries, regions and themes.
    #[arg(long)]
    pub no_builtin: bool,
    /// Also match capitals and seats of government as their countries (واشنطن → USA).
    #[arg(long)]
    pub capitals: bool,
    /// Count ambiguous mentions (مالي: Mali or "financial"; عمان: Oman or Amman) as if they
    /// were certain. By default they are listed but not counted.
    #[arg(long)]
    pub count_ambiguous: bool,
}

/// `tahlil mentions`.
#[derive(Debug, Clone, Args)]
pub struct MentionsArgs {
    /// Input options.
    #[command(flatten)]
    pub input: InputArgs,
    /// Text options.
    #[command(flatten)]
    pub text: TextArgs,
    /// Output options.
    #[command(flatten)]
    pub output: OutputArgs,
    /// Lexicon options.
    #[command(flatten)]
    pub lexicon: LexiconOptions,
    /// Only these kinds (comma-separated: country, region, theme or a user kind).
    #[arg(long, value_delimiter = ',', value_name = "KIND", help_heading = "Mentions")]
    pub kind: Vec<String>,
    /// Only these entry ids (comma-separated, e.g. country:IND,theme:terrorism).
    #[arg(long, value_delimiter = ',', value_name = "ID", help_heading = "Mentions")]
    pub id: Vec<String>,
}

/// `tahlil cooc`.
#[derive(Debug, Clone, Args)]
pub struct CoocArgs {
    /// Input options.
    #[command(flatten)]
    pub input: InputArgs,
    /// Text options.
    #[command(flatten)]
    pub text: TextArgs,
    /// Output options.
    #[command(flatten)]
    pub output: OutputArgs,
    /// Lexicon options.
    #[command(flatten)]
    pub lexicon: LexiconOptions,
    /// The unit of co-occurrence: sentence, paragraph, section, document, or window:K (a
    /// window of K tokens sliding over each document).
    #[arg(long, default_value = "sentence", value_name = "UNIT", help_heading = "Network")]
    pub unit: crate::analysis::cooc::UnitKind,
    /// Node kinds to include (comma-separated; default: all).
    #[arg(long, value_delimiter = ',', value_name = "KINDS", help_heading = "Network")]
    pub nodes: Vec<String>,
    /// Keep edges whose two nodes share at least N units (default: 1 for a single document,
    /// 2 for a corpus; the value used is shown in the output).
    #[arg(long, value_name = "N", help_heading = "Network")]
    pub min_count: Option<u64>,
    /// Keep the N first edges after sorting (0 = all).
    #[arg(long, default_value_t = 0, value_name = "N", help_heading = "Network")]
    pub top: usize,
    /// Sort edges by this measure, descending (ties by source, then target id).
    #[arg(long, value_enum, default_value_t = Measure::Units, help_heading = "Network")]
    pub sort: Measure,
    /// Evidence references kept per edge (the first ones in corpus order).
    #[arg(long, default_value_t = 3, value_name = "K", help_heading = "Network")]
    pub evidence: usize,
}

/// `tahlil sections`.
#[derive(Debug, Clone, Args)]
pub struct SectionsArgs {
    /// Input options.
    #[command(flatten)]
    pub input: InputArgs,
    /// Text options.
    #[command(flatten)]
    pub text: TextArgs,
    /// Output options.
    #[command(flatten)]
    pub output: OutputArgs,
    /// Lexicon options.
    #[command(flatten)]
    pub lexicon: LexiconOptions,
    /// Key sentences per section.
    #[arg(
        long,
        default_value_t = 2,
        value_name = "N",
        help_heading = "Sections",
        conflicts_with = "summary_ratio"
    )]
    pub summary_sentences: usize,
    /// Key sentences up to this share of each section's words instead (e.g. 0.4 or 40%).
    #[arg(long, value_name = "R", help_heading = "Sections")]
    pub summary_ratio: Option<String>,
    /// Distinctive terms listed per section.
    #[arg(long, default_value_t = 5, value_name = "K", help_heading = "Sections")]
    pub top_terms: usize,
}

/// `tahlil lexicon`.
#[derive(Debug, Clone, Args)]
pub struct LexiconArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: LexiconAction,
}

/// `tahlil lexicon list|check|stopwords`.
#[derive(Debug, Clone, Subcommand)]
pub enum LexiconAction {
    /// List the entries (id, kind, labels, number of patterns) of the lexicons in use.
    List {
        /// Lexicon options.
        #[command(flatten)]
        lexicon: LexiconOptions,
        /// Normalisation preset applied to the patterns.
        #[arg(long = "normalize", value_enum, default_value_t = Preset::Standard)]
        normalize: Preset,
        /// Output options.
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Check lexicon files and report every problem with its line number (exit 1 if any
    /// error).
    Check {
        /// The files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Normalisation preset applied to the patterns.
        #[arg(long = "normalize", value_enum, default_value_t = Preset::Standard)]
        normalize: Preset,
    },
    /// Print the stopword list a run would use: every entry after normalisation, one per
    /// line, sorted by code point.
    Stopwords {
        /// The list, as for the other commands: `default`, `news`, `none`, a file, or
        /// several joined by `+` (`default+news+mine.txt`).
        #[arg(long, default_value = "default", value_name = "LIST")]
        stopwords: StopwordsChoice,
        /// Normalisation preset applied to the entries.
        #[arg(long = "normalize", value_enum, default_value_t = Preset::Standard)]
        normalize: Preset,
    },
}

/// Where the corpus is and how to read it.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Input")]
pub struct InputArgs {
    /// Files and folders to read (folders recursively, sorted; hidden files skipped; inside
    /// folders only .txt .jsonl .csv .tsv, optionally .gz). None or `-` reads stdin.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Read more input paths from FILE (one per line; `-` for stdin).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// Inside folders, read the files matching PATTERN instead of the known extensions
    /// (repeatable; matched against the path relative to the folder).
    #[arg(long = "glob", value_name = "PATTERN")]
    pub globs: Vec<String>,
    /// How to parse the inputs: by extension (then content), or one format for all.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// JSONL key / CSV column holding the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_field: String,
    /// JSONL key / CSV column holding the document id.
    #[arg(long, default_value = "id", value_name = "NAME")]
    pub id_field: String,
    /// JSONL key / CSV column holding the title. The title is the document's headline:
    /// analysed as its first line, exactly like the first line of a .txt file (its own
    /// sentence, paragraph and section; counted by every command). `none`: no title field
    /// (the key is then ordinary metadata and only the text is analysed).
    #[arg(long, default_value = "title", value_name = "NAME|none")]
    pub title_field: String,
    /// Character encoding of the inputs. `auto`: UTF-8 (BOM optional) or UTF-16 with a BOM
    /// as is; otherwise a confident guess of a legacy Arabic code page, with a notice.
    #[arg(long, value_enum, default_value_t = EncodingChoice::Auto)]
    pub encoding: EncodingChoice,
    /// Repair double-encoded UTF-8 (Arabic whose UTF-8 was read as Windows-1252 or Latin-1
    /// and saved again, shown as `Ø²Ø§Ø±`): re-decode it, with a notice per document.
    /// Without it such documents are read as they are, with a warning.
    #[arg(long)]
    pub repair_mojibake: bool,
    /// Skip any text file, JSONL line or CSV record larger than this many bytes.
    #[arg(long, default_value_t = crate::corpus::DEFAULT_MAX_RECORD_BYTES, value_name = "BYTES")]
    pub max_record_bytes: usize,
    /// Exit with status 1 (after the report) when any input was skipped or any warning given.
    #[arg(long)]
    pub strict: bool,
    /// Which documents to analyse (`--where`, `--sample`, `--date-field`).
    #[command(flatten)]
    pub select: SelectArgs,
}

/// Choosing documents: `--where`, `--sample`, `--date-field` (docs/where.md).
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Selection")]
pub struct SelectArgs {
    /// Analyse only the documents for which EXPR holds (repeatable; all must hold):
    /// `source=BBC`, `category!=sport`, `source in (BBC, CNN)`, `title~"إيران"`,
    /// `date>=2018-03`, `text has country:IRN`, `text has عقوبات`, joined with and/or/not
    /// and parentheses. Grammar and meaning: docs/where.md. Left-out documents are counted
    /// in `corpus.filtered`.
    #[arg(long = "where", value_name = "EXPR")]
    pub wheres: Vec<String>,
    /// Analyse a random sample of N of the documents that pass --where: the N with the
    /// smallest SipHash-2-4 of their id keyed by --seed (bottom-k sampling; the same for
    /// any thread count, input order or sharding). Reads the corpus twice.
    #[arg(long, value_name = "N")]
    pub sample: Option<usize>,
    /// The seed of --sample (any 64-bit number; the same seed draws the same documents).
    #[arg(long, default_value_t = 0, value_name = "S", requires = "sample")]
    pub seed: u64,
    /// The metadata field holding the document's date, for date comparisons in --where and
    /// `--by date:PERIOD` (default: `date`).
    #[arg(long, default_value = "date", value_name = "NAME")]
    pub date_field: String,
}

/// How text is normalised, tokenised and filtered.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Text")]
pub struct TextArgs {
    /// Normalisation preset (see the README's table): `standard` removes diacritics,
    /// tatweel and invisible controls, folds alef forms, look-alike letters, digits and
    /// presentation forms; `search` also folds ى ة ؤ ئ; `none` only applies NFC.
    #[arg(long = "normalize", value_enum, default_value_t = Preset::Standard)]
    pub normalize: Preset,
    /// The superscript (dagger) alef U+0670 under `standard` and `search`: `long-vowel`
    /// writes it ا as modern spelling does (ٱلۡكِتَٰبُ → الكتاب), dropping it in ذلك هذا لكن
    /// الرحمن الله إله… (see the README, step 7a); `strip` removes it like any other mark.
    #[arg(long, value_enum, default_value_t = SuperscriptAlef::LongVowel)]
    pub superscript_alef: SuperscriptAlef,
    /// Proclitic segmentation: `proclitics` splits و ف ب ك ل ال لل off a word when the rest
    /// is attested in the corpus at least as often (reads the corpus twice).
    #[arg(long, value_enum, default_value_t = SegmentMode::None)]
    pub segment: SegmentMode,
    /// Stemming of term keys: `light` (Larkey's light10) or `snowball`.
    #[arg(long, value_enum, default_value_t = StemMode::None)]
    pub stem: StemMode,
    /// Stopwords: `default` (built-in Arabic list), `news` (weekdays, months, agencies,
    /// reporting verbs; opt-in), `none`, a UTF-8 file (one per line), or a union joined by
    /// `+`: `default+news`, `default+mine.txt`. `tahlil lexicon stopwords` prints the list.
    #[arg(long, default_value = "default", value_name = "default|news|none|FILE[+…]")]
    pub stopwords: StopwordsChoice,
    /// Leave number tokens out entirely (every digit set alike).
    #[arg(long)]
    pub no_numbers: bool,
    /// Lines that look like Arabic in visual (reversed) order: `skip` leaves them out, `keep`
    /// counts them; both warn.
    #[arg(long, value_enum, default_value_t = VisualLines::Skip)]
    pub visual_lines: VisualLines,
    /// How section headings are found: `auto` (Markdown `#` and short unpunctuated lines
    /// followed by a paragraph), `markdown`, or `none`.
    #[arg(long, value_enum, default_value_t = HeadingMode::Auto)]
    pub headings: HeadingMode,
    /// How a line break inside a paragraph is read: `hard` (every line is a paragraph, as
    /// in one-paragraph-per-line news text), `soft` (a single line break is a space and a
    /// blank line ends a paragraph: hard-wrapped text from PDFs, e-mail, OCR), or `auto`
    /// (soft for documents that look hard-wrapped, hard otherwise; README "Structure").
    #[arg(long, value_enum, default_value_t = LineBreaks::Auto)]
    pub line_breaks: LineBreaks,
}

/// Output and run options.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// Output format. `auto`: a table on a terminal, TSV when piped, or from the
    /// extension of --output.
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    pub format: Format,
    /// Write the report to FILE: a regular or new file atomically (a temporary file renamed
    /// when complete), a symbolic link's target likewise (the link stays), a FIFO or device
    /// written through; `-` is stdout.
    #[arg(short, long, visible_alias = "out", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Spreadsheet-bound CSV (Excel, LibreOffice, Google Sheets): a UTF-8 byte-order mark
    /// first, and every cell starting with = + - @, a tab or a carriage return prefixed with
    /// ' so it is shown as text, never run as a formula (plain numbers stay numbers).
    /// Implies --format csv.
    #[arg(long)]
    pub excel: bool,
    /// Worker threads (default: all cores; at most 256, or 4 per logical CPU if more).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar and no notices on stderr (warnings and errors still shown).
    #[arg(short, long)]
    pub quiet: bool,
    /// No progress bar.
    #[arg(long)]
    pub no_progress: bool,
    /// Report per group of documents: a metadata field of the records (e.g. `source`,
    /// `category`) or `file`.
    #[arg(long, value_name = "FIELD")]
    pub by: Option<String>,
}

/// `tahlil stats`.
#[derive(Debug, Clone, Args)]
pub struct StatsArgs {
    /// Input options.
    #[command(flatten)]
    pub input: InputArgs,
    /// Text options.
    #[command(flatten)]
    pub text: TextArgs,
    /// Output options.
    #[command(flatten)]
    pub output: OutputArgs,
    /// Count n-grams of N terms (1–3). N-grams never cross a sentence end, a stopword or a
    /// URL.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=3), help_heading = "Stats")]
    pub ngram: u8,
    /// Show the N first terms (0 = all).
    #[arg(long, default_value_t = 50, value_name = "N", help_heading = "Stats")]
    pub top: usize,
    /// Keep terms occurring at least N times.
    #[arg(long, default_value_t = 1, value_name = "N", help_heading = "Stats")]
    pub min_count: u64,
    /// Keep terms found in at least N documents.
    #[arg(long, default_value_t = 1, value_name = "N", help_heading = "Stats")]
    pub min_df: u64,
    /// Sort order (ties always by term, code-point order).
    #[arg(long, value_enum, default_value_t = SortBy::Count, help_heading = "Stats")]
    pub sort: SortBy,
}

/// `tahlil report`.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Input options.
    #[command(flatten)]
    pub input: InputArgs,
    /// Text options.
    #[command(flatten)]
    pub text: TextArgs,
    /// Output options. `--format html` (the default, also from a .html output) writes one
    /// self-contained page; `markdown` (also from a .md output) writes Markdown and the
    /// network drawing as FILE's name with `.network.svg` next to it.
    #[command(flatten)]
    pub output: OutputArgs,
    /// Lexicon options.
    #[command(flatten)]
    pub lexicon: LexiconOptions,
    /// The report's title (default: تقرير تحليل المدوّنة, "corpus analysis report").
    #[arg(long, value_name = "TEXT", help_heading = "Report")]
    pub title: Option<String>,
    /// Terms shown in each bar chart and table (unigrams and bigrams).
    #[arg(long, default_value_t = 20, value_name = "N", help_heading = "Report")]
    pub top: usize,
    /// Documents whose sections are shown: the first N in input order (0 = all).
    #[arg(long, default_value_t = 20, value_name = "N", help_heading = "Report")]
    pub max_docs: usize,
    /// Key sentences per section.
    #[arg(long, default_value_t = 2, value_name = "N", help_heading = "Report")]
    pub summary_sentences: usize,
    /// Distinctive terms listed per section.
    #[arg(long, default_value_t = 5, value_name = "K", help_heading = "Report")]
    pub top_terms: usize,
    /// The unit of co-occurrence: sentence, paragraph, section, document, or window:K.
    #[arg(long, default_value = "sentence", value_name = "UNIT", help_heading = "Network")]
    pub unit: crate::analysis::cooc::UnitKind,
    /// Node kinds to include (comma-separated; default: all).
    #[arg(long, value_delimiter = ',', value_name = "KINDS", help_heading = "Network")]
    pub nodes: Vec<String>,
    /// The measure that ranks the edges (which are drawn) and sets their width.
    #[arg(long, value_enum, default_value_t = Measure::Units, help_heading = "Network")]
    pub measure: Measure,
    /// Keep edges whose two nodes share at least N units (default: 1 for a single document,
    /// 2 for a corpus).
    #[arg(long, value_name = "N", help_heading = "Network")]
    pub min_count: Option<u64>,
    /// Draw at most N edges: the strongest by --measure, ties by shared units, then by G²
    /// (0 = all).
    #[arg(long, default_value_t = 80, value_name = "N", help_heading = "Network")]
    pub max_edges: usize,
    /// Draw at most N nodes: an edge that would add a node beyond N is passed over (0 = no
    /// limit).
    #[arg(long, default_value_t = 40, value_name = "N", help_heading = "Network")]
    pub max_nodes: usize,
    /// Edges listed in the table under the drawing, with their evidence.
    #[arg(long, default_value_t = 15, value_name = "N", help_heading = "Network")]
    pub edge_table: usize,
    /// Evidence sentences shown per edge (the first ones in corpus order).
    #[arg(long, default_value_t = 2, value_name = "K", help_heading = "Network")]
    pub evidence: usize,
}

// --- corpus linguist's toolkit (issue 15): kwic, keyness, collocates ---

/// `tahlil kwic`.
#[derive(Debug, Clone, Args)]
pub struct KwicArgs {
    /// Input options.
    #[command(flatten)]
    pub input: InputArgs,
    /// Text options.
    #[command(flatten)]
    pub text: TextArgs,
    /// Output options.
    #[command(flatten)]
    pub output: OutputArgs,
    /// Lexicon options (for lexicon ids in --query and --near).
    #[command(flatten)]
    pub lexicon: LexiconOptions,
    /// What to find: a term (`الهند`, matched on normalised forms, with proclitics: also
    /// والهند بالهند للهند), a phrase (`آسيا الوسطى`), a glob (`إرهاب*`), or a lexicon id
    /// (`country:IRN`, `theme:drug-trafficking`); alternatives joined by `|`.
    #[arg(long, value_name = "Q", help_heading = "KWIC")]
    pub query: String,
    /// Keep only hits with a match of this query (same language as --query) within
    /// --window tokens, in the same sentence.
    #[arg(long, value_name = "Q", help_heading = "KWIC")]
    pub near: Option<String>,
    /// The distance for --near, in tokens (1: adjacent).
    #[arg(long, default_value_t = 10, value_name = "N", help_heading = "KWIC")]
    pub window: usize,
    /// Context shown on each side: N tokens (or characters with --context-unit chars).
    #[arg(long, default_value_t = 8, value_name = "N", help_heading = "KWIC")]
    pub context: usize,
    /// Unit of --context.
    #[arg(long, value_enum, default_value_t = crate::analysis::kwic::ContextUnit::Tokens, help_heading = "KWIC")]
    pub context_unit: crate::analysis::kwic::ContextUnit,
    /// Sort by context words, as AntConc: comma-separated levels L1…L9 (the n-th token
    /// before the keyword), R1…R9 (after) or KW (the keyword), compared by normalised form
    /// in code-point order; ties in corpus order. Default: corpus order.
    #[arg(long, value_delimiter = ',', value_name = "LEVELS", help_heading = "KWIC")]
    pub sort: Vec<crate::analysis::kwic::SortLevel>,
    /// Show a reproducible random sample of N hits (the same for any thread count). Not
    /// `--sample`, which samples documents for every command.
    #[arg(long, value_name = "N", help_heading = "KWIC")]
    pub sample_hits: Option<usize>,
    /// Seed of --sample-hits.
    #[arg(long, default_value_t = 0, value_name = "S", help_heading = "KWIC")]
    pub hits_seed: u64,
    /// Width of each context column in the table, in characters.
    #[arg(long, default_value_t = 40, value_name = "N", help_heading = "KWIC")]
    pub width: usize,
}
