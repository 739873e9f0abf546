//! `tahlil stats`: term and document frequencies, n-grams and TF-IDF, for the whole corpus
//! and optionally per group of documents (`--by`).

use super::{CommandError, Setup};
use crate::analysis::freq::{FinishOptions, TermRow};
use crate::analysis::stats::Stats;
use crate::analysis::{GroupBy, Grouped};
use crate::cli::StatsArgs;
use crate::report::{self, CorpusSummary, Format, JsonReport, Layout, Options};
use serde::Serialize;
use std::process::ExitCode;

const FORMATS: &[Format] = &[Format::Table, Format::Json, Format::Jsonl, Format::Csv, Format::Tsv];

/// The `stats` options of the JSON report (after the shared ones).
#[derive(Debug, Serialize)]
struct StatsOptions {
    ngram: u8,
    top: usize,
    min_count: u64,
    min_df: u64,
    sort: crate::analysis::freq::SortBy,
}

/// One `--by` group in the JSON report.
#[derive(Debug, Serialize)]
struct GroupOut {
    key: String,
    corpus: CorpusSummary,
    terms: Vec<TermRow>,
}

/// The results of the JSON report.
#[derive(Debug, Serialize)]
struct StatsBody {
    terms: Vec<TermRow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<Vec<GroupOut>>,
}

/// Runs `tahlil stats`.
///
/// # Errors
/// See [`CommandError`].
pub fn run(args: &StatsArgs) -> Result<ExitCode, CommandError> {
    let setup = Setup::new(&args.input, &args.text, &args.output, FORMATS)?;
    let n = usize::from(args.ngram);
    let finish = FinishOptions {
        min_count: args.min_count,
        min_df: args.min_df,
        sort: args.sort,
        top: args.top,
    };
    let by = args.output.by.as_deref();
    let analysis = Grouped { by: by.map(GroupBy::parse), inner: Stats::new(n, finish) };
    let (partial, info) = setup.fold(&analysis, None)?;
    let warnings = setup.group_warnings(&info, analysis.by.as_ref(), partial.keys())?;

    let (whole, groups) = analysis.split(partial);
    let mut corpus = whole.summary(n == 1);
    setup.add_lists(&mut corpus, &info, &warnings);
    let body = StatsBody {
        terms: whole.counts.finish(&finish),
        groups: by.map(|_| {
            groups
                .iter()
                .map(|(k, g)| GroupOut {
                    key: k.clone(),
                    corpus: g.summary(n == 1),
                    terms: g.counts.finish(&finish),
                })
                .collect()
        }),
    };
    let options = Options {
        run: setup.run_options("stats", by),
        lexicon: None,
        command: StatsOptions {
            ngram: args.ngram,
            top: args.top,
            min_count: args.min_count,
            min_df: args.min_df,
            sort: args.sort,
        },
    };
    setup
        .write_output(|w| write_report(w, setup.layout(by.is_some()), &options, &corpus, &body))?;
    Ok(setup.exit_code(&info, &warnings))
}

fn write_report<W: std::io::Write>(
    w: &mut W,
    layout: Layout,
    options: &Options<StatsOptions>,
    corpus: &CorpusSummary,
    r: &StatsBody,
) -> std::io::Result<()> {
    if layout.format == Format::Json {
        return report::write_json(w, &JsonReport::new(options, corpus, r));
    }
    let sets: Vec<(Option<&str>, &[TermRow])> = match &r.groups {
        Some(gs) => gs.iter().map(|g| (Some(g.key.as_str()), g.terms.as_slice())).collect(),
        None => vec![(None, r.terms.as_slice())],
    };
    let w = report::rows::write_groups(w, layout, sets)?;
    if layout.format == Format::Table {
        writeln!(
            w,
            "{} documents · {} tokens · {} types · {} skipped",
            corpus.documents,
            corpus.tokens,
            corpus.types.unwrap_or(0),
            corpus.skipped.len()
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::structure::{self, HeadingMode, StructureOptions};

    /// (line, paragraph span, sentences) of every paragraph, in walk order.
    fn flat(text: &str, headings: HeadingMode, has_title_field: bool) -> Vec<String> {
        let s = structure::parse(
            text,
            &StructureOptions { headings, has_title_field, ..Default::default() },
        );
        s.all_paragraphs()
            .map(|(_, p)| format!("{} {:?} {:?}", p.line, p.span, p.sentences))
            .collect()
    }

    #[test]
    fn auto_headings_change_no_sentence() {
        let sample = include_str!("../../data/corpus/india-central-asia.txt");
        let texts = [
            sample,
            "عنوان قصير\nفقرة طويلة تتبعه وفيها كلام كثير جدا عن الهند وآسيا الوسطى. وجملة ثانية.\n\nعنوان آخر\nنص.",
            "# عنوان\n## قسم أول ##\nنص القسم. جملة؟ نعم!\n### \nسطر\nسطر\nسطر أطول من السطر الذي قبله بكثير.",
            "سطر قصير\nسطر قصير\nسطر قصير",
            "Title line\n\nIntro: a short line\nA long paragraph that follows, with many more words than the line above it has.\n- list item\n* item",
            "\u{FEFF}عنوان\r\nنص طويل بما يكفي ليكون فقرة بعد العنوان القصير الذي سبقه هنا.\r\n",
        ];
        for t in texts {
            for title in [false, true] {
                assert_eq!(
                    flat(t, HeadingMode::Auto, title),
                    flat(t, HeadingMode::Markdown, title),
                    "{t:?} (title field: {title})"
                );
            }
        }
    }
}
