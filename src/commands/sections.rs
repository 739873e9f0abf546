//! `tahlil sections`: each document's title and sections, with their sizes, distinctive
//! terms, countries, regions, themes and key sentences.

use super::{CommandError, Setup, build_lexicon, io_err, lexicon_setup};
use crate::analysis::sections::{DocumentOut, Sections};
use crate::analysis::summarize::Budget;
use crate::analysis::{Analysis, CountTotals, GroupBy, Grouped, Totals};
use crate::cli::SectionsArgs;
use crate::report::records::SectionLine;
use crate::report::{self, CorpusSummary, Format, JsonReport, Options, Output, RowWriter};
use serde::Serialize;
use std::process::ExitCode;

const FORMATS: &[Format] =
    &[Format::Table, Format::Json, Format::Jsonl, Format::Markdown, Format::Csv, Format::Tsv];

#[derive(Serialize)]
struct GroupOut {
    key: String,
    corpus: CorpusSummary,
}

/// The results of the JSON report.
#[derive(Serialize)]
struct SectionsBody<'a> {
    documents: &'a [DocumentOut],
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<Vec<GroupOut>>,
}

/// The `sections` options of the JSON report (after the shared ones and the lexicons').
#[derive(Serialize)]
struct SectionsOptions {
    summary: String,
    summary_method: &'static str,
    top_terms: usize,
    top_terms_score: &'static str,
}

/// The corpus counters of `t` (no lists).
fn summary_of(t: &Totals) -> CorpusSummary {
    report::model::counters(t.documents, t.tokens, t.sentences, t.bytes)
}

/// Where documents go as they come: rows (table, CSV, TSV, JSONL), Markdown, or kept for
/// the JSON report.
enum Sink {
    Rows(RowWriter<Output>),
    Markdown(Output),
    Kept(Vec<DocumentOut>),
}

impl Sink {
    fn open(setup: &Setup, grouped: bool) -> Result<Sink, CommandError> {
        Ok(match setup.format {
            Format::Json => Sink::Kept(Vec::new()),
            Format::Markdown => Sink::Markdown(setup.open_output()?),
            _ => Sink::Rows(setup.row_writer::<SectionLine<'_>>(grouped)?),
        })
    }

    fn add(&mut self, docs: Vec<DocumentOut>) -> Result<(), CommandError> {
        match self {
            Sink::Kept(kept) => kept.extend(docs),
            Sink::Markdown(w) => {
                for d in &docs {
                    report::markdown::write_sections_document(w, d).map_err(io_err)?;
                }
            }
            Sink::Rows(w) => {
                for d in &docs {
                    w.rows::<SectionLine<'_>>(d.group.as_deref(), SectionLine::of(d))
                        .map_err(io_err)?;
                }
            }
        }
        Ok(())
    }
}

/// The key sentence budget of `--summary-ratio` or `--summary-sentences`.
fn budget(args: &SectionsArgs) -> Result<Budget, CommandError> {
    match &args.summary_ratio {
        Some(r) => match r.parse::<Budget>() {
            Ok(Budget::Ratio(x)) => Ok(Budget::Ratio(x)),
            Ok(Budget::Sentences(_)) | Err(_) => Err(CommandError::Usage(format!(
                "--summary-ratio {r}: give a share of words such as 0.4 or 40%"
            ))),
        },
        None => Ok(Budget::Sentences(args.summary_sentences)),
    }
}

/// Runs `tahlil sections`.
///
/// # Errors
/// See [`CommandError`].
pub fn run(args: &SectionsArgs) -> Result<ExitCode, CommandError> {
    let setup = Setup::new(&args.input, &args.text, &args.output, FORMATS)?;
    let lex = build_lexicon(&args.lexicon, &setup.pipeline.normalizer)?;
    let matcher = lex.matcher();
    let budget = budget(args)?;
    let by = args.output.by.as_deref().map(GroupBy::parse);
    let analysis = Sections {
        lexicon: &lex,
        budget,
        top_terms: args.top_terms,
        count_ambiguous: args.lexicon.count_ambiguous,
        by: by.clone(),
        max_docs: usize::MAX,
    };
    let totals = Grouped { by: by.clone(), inner: CountTotals };
    let mut sink: Option<Sink> = None;
    let (groups, info) =
        setup.stream(&analysis, &totals, Some(&matcher), |docs: Vec<DocumentOut>| {
            let s = match &mut sink {
                Some(s) => s,
                None => sink.insert(Sink::open(&setup, by.is_some())?),
            };
            s.add(docs)
        })?;
    let warnings = setup.group_warnings(&info, by.as_ref(), groups.keys())?;
    let sink = match sink {
        Some(s) => s,
        None => Sink::open(&setup, by.is_some())?,
    };
    let kept = match sink {
        Sink::Rows(w) => return finish(&setup, setup.finish_rows(w), &info, &warnings),
        Sink::Markdown(w) => {
            let done = w.finish().map_err(|e| CommandError::Runtime(e.into()));
            return finish(&setup, done, &info, &warnings);
        }
        Sink::Kept(kept) => kept,
    };
    let grouped = totals.finish(groups);
    let mut corpus = summary_of(&grouped.whole);
    setup.add_lists(&mut corpus, &info, &warnings);
    let options = Options {
        run: setup.run_options("sections", args.output.by.as_deref()),
        lexicon: Some(lexicon_setup(&args.lexicon)),
        command: SectionsOptions {
            summary: budget.to_string(),
            summary_method: "position-biased LexRank (Erkan & Radev 2004; Otterbacher et al. 2009)",
            top_terms: args.top_terms,
            top_terms_score: "G² keyness against the rest of the document (count when the document has one section)",
        },
    };
    let groups = by.as_ref().map(|_| {
        let g = grouped.groups.iter();
        g.map(|(key, t)| GroupOut { key: key.clone(), corpus: summary_of(t) }).collect()
    });
    let body = SectionsBody { documents: &kept, groups };
    setup.write_output(|w| report::write_json(w, &JsonReport::new(&options, &corpus, &body)))?;
    Ok(setup.exit_code(&info, &warnings))
}

/// The exit code once the output is committed (`done`).
fn finish(
    setup: &Setup,
    done: Result<(), CommandError>,
    info: &crate::engine::RunInfo,
    warnings: &[String],
) -> Result<ExitCode, CommandError> {
    done?;
    Ok(setup.exit_code(info, warnings))
}
