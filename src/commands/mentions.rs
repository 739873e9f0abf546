//! `tahlil mentions`: every match of a lexicon entry, one per row, traceable to the text.

use super::{CommandError, Setup, build_lexicon, io_err, lexicon_setup};
use crate::analysis::CountTotals;
use crate::analysis::mentions::{MentionRow, Mentions};
use crate::cli::MentionsArgs;
use crate::report::{self, Format, JsonReport, Options, Output, RowWriter};
use serde::Serialize;
use std::process::ExitCode;

const FORMATS: &[Format] = &[Format::Table, Format::Json, Format::Jsonl, Format::Csv, Format::Tsv];

/// The `mentions` options of the JSON report (after the shared ones and the lexicons').
#[derive(Serialize)]
struct MentionsOptions<'a> {
    kind: &'a [String],
    id: &'a [String],
}

/// The results of the JSON report.
#[derive(Serialize)]
struct MentionsBody<'a> {
    mentions: &'a [MentionRow],
}

/// Runs `tahlil mentions`.
///
/// # Errors
/// See [`CommandError`].
pub fn run(args: &MentionsArgs) -> Result<ExitCode, CommandError> {
    let setup = Setup::new(&args.input, &args.text, &args.output, FORMATS)?;
    if args.output.by.is_some() {
        return Err(CommandError::Usage(
            "mentions has no --by: every row names its document (`doc`); group with the other \
             commands or afterwards"
                .into(),
        ));
    }
    let lex = build_lexicon(&args.lexicon, &setup.pipeline.normalizer)?;
    super::check_filters(&lex, "--kind", &args.kind, &args.id)?;
    let matcher = lex.matcher();
    let json = setup.format == Format::Json;
    let mut rows_out: Option<RowWriter<Output>> = None;
    let mut rows_kept: Vec<MentionRow> = Vec::new();
    let analysis = Mentions { lexicon: &lex, kinds: args.kind.clone(), ids: args.id.clone() };
    let (totals, info) =
        setup.stream(&analysis, &CountTotals, Some(&matcher), |rows: Vec<MentionRow>| {
            if json {
                rows_kept.extend(rows);
                return Ok(());
            }
            let w = match &mut rows_out {
                Some(w) => w,
                None => rows_out.insert(setup.row_writer::<MentionRow>(false)?),
            };
            w.rows::<MentionRow>(None, &rows).map_err(io_err)
        })?;
    let warnings = setup.group_warnings(&info, None, std::iter::empty::<&String>())?;
    if !json {
        let rows = match rows_out {
            Some(w) => w,
            None => setup.row_writer::<MentionRow>(false)?,
        };
        setup.finish_rows(rows)?;
        return Ok(setup.exit_code(&info, &warnings));
    }
    let t = totals;
    let mut corpus = report::model::counters(t.documents, t.tokens, t.sentences, t.bytes);
    setup.add_lists(&mut corpus, &info, &warnings);
    let options = Options {
        run: setup.run_options("mentions", None),
        lexicon: Some(lexicon_setup(&args.lexicon)),
        command: MentionsOptions { kind: &args.kind, id: &args.id },
    };
    let body = MentionsBody { mentions: &rows_kept };
    setup.write_output(|w| report::write_json(w, &JsonReport::new(&options, &corpus, &body)))?;
    Ok(setup.exit_code(&info, &warnings))
}
