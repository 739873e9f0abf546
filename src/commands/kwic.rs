//! `tahlil kwic`: key word in context (see [`crate::analysis::kwic`]).

use super::{CommandError, Setup, build_lexicon, io_err};
use crate::analysis::CountTotals;
use crate::analysis::kwic::{Hit, Kwic, KwicOutput, Query, SampleSpec};
use crate::cli::KwicArgs;
use crate::report::{self, CorpusSummary, Format, Output, ToolInfo};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

const FORMATS: &[Format] = &[Format::Table, Format::Json, Format::Jsonl, Format::Csv, Format::Tsv];
const HEADER: &[&str] = &["doc", "sentence", "start", "end", "left", "keyword", "right"];

fn cells(h: &Hit) -> Vec<String> {
    vec![
        h.doc.clone(),
        h.sentence.to_string(),
        h.start.to_string(),
        h.end.to_string(),
        h.left.clone(),
        h.keyword.clone(),
        h.right.clone(),
    ]
}

#[derive(Serialize)]
struct KwicReport<'a> {
    tool: ToolInfo,
    options: serde_json::Value,
    corpus: CorpusSummary,
    /// Hits found (before --sample).
    hits_total: u64,
    hits: &'a [Hit],
}

/// Runs `tahlil kwic`.
///
/// # Errors
/// See [`CommandError`].
pub fn run(args: &KwicArgs) -> Result<ExitCode, CommandError> {
    let setup = Setup::new(&args.input, &args.text, &args.output, FORMATS)?;
    if args.output.by.is_some() {
        return Err(CommandError::Usage(
            "kwic has no --by: every line names its document (`doc`)".into(),
        ));
    }
    if args.window == 0 {
        return Err(CommandError::Usage("--window must be at least 1".into()));
    }
    let normalizer = setup.pipeline.normalizer;
    let lex = build_lexicon(&args.lexicon, &normalizer)?;
    let parse = |q: &str, opt: &str| {
        Query::parse(q, opt, Some(&lex), &normalizer)
            .map_err(|e| CommandError::Usage(e.to_string()))
    };
    let query = parse(&args.query, "--query")?;
    let near = match &args.near {
        Some(q) => Some((parse(q, "--near")?, args.window)),
        None => None,
    };
    let kwic = Kwic {
        query,
        near,
        context: args.context,
        unit: args.context_unit,
        sort: args.sort.clone(),
        ambiguous: args.lexicon.count_ambiguous,
        sample: args.sample_hits.map(|size| SampleSpec { size, seed: args.hits_seed }),
    };
    let matcher = lex.matcher();
    let format = setup.format;
    // corpus order without a sample: stream the hits document by document (bounded memory)
    let streaming = kwic.sort.is_empty()
        && kwic.sample.is_none()
        && matches!(format, Format::Jsonl | Format::Csv | Format::Tsv);
    let mut out: Option<Output> = None;
    let (result, totals, info) = if streaming {
        let mut total = 0u64;
        let (totals, info) =
            setup.stream(&kwic, &CountTotals, Some(&matcher), |o: KwicOutput| {
                total += o.total;
                let w = match &mut out {
                    Some(w) => w,
                    None => out.insert(setup.open_output_with_header(HEADER)?),
                };
                write_rows(w, format, &o.hits).map_err(io_err)
            })?;
        (KwicOutput { hits: Vec::new(), total }, totals, info)
    } else {
        let ((partial, totals), info) = setup.fold(&(&kwic, CountTotals), Some(&matcher))?;
        (crate::analysis::Analysis::finish(&kwic, partial), totals, info)
    };
    let warnings = info.warnings.clone();
    setup.diagnostics(&info, &warnings)?;
    let mut w = match out {
        Some(w) => w,
        None => setup.open_output_with_header(HEADER)?,
    };
    let summary = CorpusSummary {
        documents: totals.documents,
        tokens: totals.tokens,
        sentences: totals.sentences,
        bytes: totals.bytes,
        skipped: info.skipped.clone(),
        notices: info.notices.clone(),
        warnings: warnings.clone(),
        ..Default::default()
    };
    match format {
        Format::Json => report::write_json(
            &mut w,
            &KwicReport {
                tool: ToolInfo::default(),
                options: serde_json::json!({
                    "query": args.query,
                    "near": args.near,
                    "window": args.near.as_ref().map(|_| args.window),
                    "context": args.context,
                    "context_unit": args.context_unit,
                    "sort": args.sort.iter().map(ToString::to_string).collect::<Vec<_>>(),
                    "sample_hits": args.sample_hits,
                    "hits_seed": args.sample_hits.map(|_| args.hits_seed),
                    "normalize": args.text.normalize,
                    "count_ambiguous": args.lexicon.count_ambiguous,
                }),
                corpus: summary,
                hits_total: result.total,
                hits: &result.hits,
            },
        ),
        Format::Table => w.write_all(table(&result.hits, args.width).as_bytes()).and_then(|()| {
            writeln!(
                w,
                "{} hits{} · {} documents · {} tokens",
                result.total,
                if result.hits.len() as u64 != result.total {
                    format!(" ({} shown)", result.hits.len())
                } else {
                    String::new()
                },
                totals.documents,
                totals.tokens
            )
        }),
        _ if !streaming => write_rows(&mut w, format, &result.hits),
        _ => Ok(()),
    }
    .map_err(io_err)?;
    w.finish().map_err(|e| CommandError::Runtime(e.into()))?;
    Ok(setup.exit_code(&info, &warnings))
}

fn write_rows<W: Write>(w: &mut W, format: Format, hits: &[Hit]) -> std::io::Result<()> {
    match format {
        Format::Jsonl => report::write_jsonl(w, hits),
        Format::Csv => report::write_delimited_rows(w, b',', HEADER, hits.iter().map(cells)),
        _ => report::write_delimited_rows(w, b'\t', HEADER, hits.iter().map(cells)),
    }
}

/// Display width of `s` in a terminal: characters, combining marks counting 0.
fn width(s: &str) -> usize {
    s.chars().filter(|&c| !unicode_normalization::char::is_combining_mark(c)).count()
}

/// The last `w` columns of `s` (cut at a character that is not a mark, `…` in front).
fn tail(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let mut cols = 0;
    let mut start = s.len();
    // a mark belongs to the letter before it: move the cut only at letters
    for (i, c) in s.char_indices().rev() {
        if !unicode_normalization::char::is_combining_mark(c) {
            if cols + 1 >= w {
                break;
            }
            cols += 1;
            start = i;
        }
    }
    format!("…{}", &s[start..])
}

/// The first `w` columns of `s` (`…` at the end).
fn head(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let mut cols = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if !unicode_normalization::char::is_combining_mark(c) {
            if cols + 1 >= w {
                break;
            }
            cols += 1;
        }
        end = i + c.len_utf8();
    }
    format!("{}…", &s[..end])
}

/// A fixed-width concordance for a terminal: `doc:start`, the left context right-aligned,
/// the keyword in the middle, the right context left-aligned, columns separated by `│`.
/// Contexts are in logical (reading) order: the left column is the text before the
/// keyword.
fn table(hits: &[Hit], w: usize) -> String {
    let w = w.max(4);
    let loc: Vec<String> = hits.iter().map(|h| format!("{}:{}", h.doc, h.start)).collect();
    let lw = loc.iter().map(|l| width(l)).max().unwrap_or(0);
    let kw = hits.iter().map(|h| width(&h.keyword)).max().unwrap_or(0);
    let mut s = String::new();
    for (h, l) in hits.iter().zip(&loc) {
        let left = tail(&h.left, w);
        let right = head(&h.right, w);
        let pad = |n: usize| " ".repeat(n);
        s.push_str(l);
        s.push_str(&pad(lw - width(l)));
        s.push_str(" │ ");
        s.push_str(&pad(w - width(&left)));
        s.push_str(&left);
        s.push_str(" │ ");
        s.push_str(&h.keyword);
        s.push_str(&pad(kw - width(&h.keyword)));
        s.push_str(" │ ");
        s.push_str(&right);
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_to_width() {
        assert_eq!(tail("abcdef", 4), "…def");
        assert_eq!(head("abcdef", 4), "abc…");
        assert_eq!(head("abc", 4), "abc");
        // a mark stays with its letter and takes no column: بَ is one column
        assert_eq!(width("بَب"), 2);
        // 3 columns (ا بَ بَ) cut to 2: the ellipsis and the last letter with its mark
        assert_eq!(tail("ابَبَ", 2), "…بَ");
        assert_eq!(tail("ابَبَ", 3), "ابَبَ");
    }
}
