//! `tahlil stats`: term and document frequencies, n-grams and TF-IDF, for the whole corpus
//! and optionally per group of documents (`--by`).

use super::{CommandError, Setup};
use crate::analysis::freq::{FinishOptions, TermRow};
use crate::analysis::stats::{Stats, TermStats};
use crate::analysis::{GroupBy, Grouped};
use crate::cli::StatsArgs;
use crate::report::{self, CorpusSummary, Format, ToolInfo, fmt_float};
use serde::Serialize;
use std::process::ExitCode;

const FORMATS: &[Format] = &[Format::Table, Format::Json, Format::Jsonl, Format::Csv, Format::Tsv];

/// The `options` object of the JSON report.
#[derive(Debug, Serialize)]
struct OptionsOut {
    normalize: crate::text::Preset,
    segment: crate::text::SegmentMode,
    stem: crate::text::stem::StemMode,
    stopwords: String,
    numbers: bool,
    ngram: u8,
    top: usize,
    min_count: u64,
    min_df: u64,
    sort: crate::analysis::freq::SortBy,
    by: Option<String>,
    headings: crate::structure::HeadingMode,
    visual_lines: crate::analysis::VisualLines,
}

/// One `--by` group in the JSON report.
#[derive(Debug, Serialize)]
struct GroupOut {
    key: String,
    corpus: CorpusSummary,
    terms: Vec<TermRow>,
}

/// The JSON report.
#[derive(Debug, Serialize)]
struct StatsReport {
    tool: ToolInfo,
    options: OptionsOut,
    corpus: CorpusSummary,
    terms: Vec<TermRow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<Vec<GroupOut>>,
}

/// A row of JSONL output under `--by`.
#[derive(Serialize)]
struct GroupRow<'a> {
    group: &'a str,
    #[serde(flatten)]
    row: &'a TermRow,
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
    let mut warnings = info.warnings.clone();
    if let Some(b) = &analysis.by {
        warnings.extend(b.missing_field_warning(partial.keys().map(|k| &**k)));
    }
    setup.diagnostics(&info, &warnings)?;

    let (whole, groups) = analysis.split(partial);
    let summary = |g: &TermStats, with_lists: bool| {
        let mut s = g.summary(n == 1);
        if with_lists {
            setup.fill_summary(&mut s, &info, &warnings);
        }
        s
    };
    let report = StatsReport {
        tool: ToolInfo::default(),
        options: OptionsOut {
            normalize: args.text.normalize,
            segment: args.text.segment,
            stem: args.text.stem,
            stopwords: args.text.stopwords.to_string(),
            numbers: !args.text.no_numbers,
            ngram: args.ngram,
            top: args.top,
            min_count: args.min_count,
            min_df: args.min_df,
            sort: args.sort,
            by: by.map(str::to_string),
            headings: args.text.headings,
            visual_lines: args.text.visual_lines,
        },
        corpus: summary(&whole, true),
        terms: whole.counts.finish(&finish),
        groups: by.map(|_| {
            groups
                .iter()
                .map(|(k, g)| GroupOut {
                    key: k.clone(),
                    corpus: summary(g, false),
                    terms: g.counts.finish(&finish),
                })
                .collect()
        }),
    };

    let mut out = setup.open_output()?;
    write_report(&mut out, setup.format, &report).map_err(|e| CommandError::Runtime(e.into()))?;
    out.finish().map_err(|e| CommandError::Runtime(e.into()))?;
    Ok(setup.exit_code(&info, &warnings))
}

fn write_report<W: std::io::Write>(
    w: &mut W,
    format: Format,
    r: &StatsReport,
) -> std::io::Result<()> {
    let grouped = r.groups.as_deref();
    let header: Vec<&str> = match grouped {
        Some(_) => vec!["group", "term", "count", "df", "per_10k", "tfidf"],
        None => vec!["term", "count", "df", "per_10k", "tfidf"],
    };
    let rows = |decimals: Option<usize>| -> Vec<Vec<String>> {
        let f = |v: f64| match decimals {
            Some(d) => format!("{v:.d$}"),
            None => fmt_float(v),
        };
        let row = |g: Option<&str>, t: &TermRow| {
            let mut v = Vec::with_capacity(6);
            if let Some(g) = g {
                v.push(g.to_string());
            }
            v.extend([
                t.term.clone(),
                t.count.to_string(),
                t.df.to_string(),
                f(t.per_10k),
                f(t.tfidf),
            ]);
            v
        };
        match grouped {
            Some(gs) => {
                gs.iter().flat_map(|g| g.terms.iter().map(|t| row(Some(&g.key), t))).collect()
            }
            None => r.terms.iter().map(|t| row(None, t)).collect(),
        }
    };
    match format {
        Format::Json => report::write_json(w, r),
        Format::Jsonl => match grouped {
            Some(gs) => report::write_jsonl(
                w,
                gs.iter().flat_map(|g| g.terms.iter().map(|t| GroupRow { group: &g.key, row: t })),
            ),
            None => report::write_jsonl(w, &r.terms),
        },
        Format::Csv => report::write_delimited(w, b',', &header, rows(None)),
        Format::Table => {
            let off = usize::from(grouped.is_some());
            let numeric: Vec<usize> = (off + 1..off + 5).collect();
            w.write_all(report::table::render(&header, rows(Some(2)), &numeric).as_bytes())?;
            writeln!(
                w,
                "{} documents · {} tokens · {} types · {} skipped",
                r.corpus.documents,
                r.corpus.tokens,
                r.corpus.types.unwrap_or(0),
                r.corpus.skipped.len()
            )
        }
        _ => report::write_delimited(w, b'\t', &header, rows(None)),
    }
}

#[cfg(test)]
mod tests {
    use crate::structure::{self, HeadingMode, StructureOptions};

    /// (line, paragraph span, sentences) of every paragraph, in walk order.
    fn flat(text: &str, headings: HeadingMode, has_title_field: bool) -> Vec<String> {
        let s = structure::parse(text, &StructureOptions { headings, has_title_field });
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
