//! `tahlil stats`: term and document frequencies, n-grams and TF-IDF, for the whole corpus
//! and optionally per group of documents (`--by`).

use super::{CommandError, Setup, merge_groups, sorted_warnings};
use crate::analysis::freq::{FinishOptions, NgramWindow, TermBatch, TermCounts, TermRow};
use crate::analysis::{Event, doc_location, walk};
use crate::cli::StatsArgs;
use crate::corpus::Document;
use crate::engine::{DocKey, fold_corpus};
use crate::report::{self, CorpusSummary, Format, ToolInfo, fmt_float};
use crate::structure;
use crate::text::TokenKind;
use crate::text::hashed::StrSet;
use crate::text::pipeline::{Role, Scratch};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::process::ExitCode;

const FORMATS: &[Format] = &[Format::Table, Format::Json, Format::Jsonl, Format::Csv, Format::Tsv];

/// Term counts of one group of documents, plus the types that are not terms.
///
/// Filled one document at a time with [`GroupCounts::add_document`] (one per worker thread
/// and group) and combined with [`GroupCounts::merge`]; every counter is an integer sum, so
/// the result does not depend on the thread count.
#[derive(Debug, Default, Clone)]
pub struct GroupCounts {
    /// Unigrams, or the n-grams of the [`Counter`]'s first size, with the corpus counters
    /// (documents, tokens, sentences, bytes, URLs…).
    pub counts: TermCounts,
    /// N-grams of the [`Counter`]'s second size, counted in the same walk when the group was
    /// made with [`GroupCounts::with_extra`] (`tahlil report`: bigrams). Only terms, `df`
    /// and documents are counted in it.
    pub extra: Option<TermCounts>,
    /// Stopword types (normalised forms), to count corpus types.
    stop_types: StrSet,
}

/// One worker's reusable state for [`GroupCounts::add_document`]: the n-gram windows, the
/// pipeline scratch space and the batch of unigram occurrences counted at the end of each
/// document (see [`TermBatch`]).
#[derive(Debug, Default)]
pub struct Counter {
    n: usize,
    window: NgramWindow,
    extra_window: NgramWindow,
    scratch: Scratch,
    /// Unigram occurrences of the current document waiting to be counted.
    batch: TermBatch,
}

impl Counter {
    /// A counter for n-grams of `n` terms (1–3) and, for groups that have
    /// [`GroupCounts::extra`], of `extra_n` terms.
    pub fn new(n: usize, extra_n: usize) -> Self {
        Counter {
            n: n.max(1),
            window: NgramWindow::new(n),
            extra_window: NgramWindow::new(extra_n),
            scratch: Scratch::default(),
            batch: TermBatch::default(),
        }
    }
}

impl GroupCounts {
    /// An empty group that also counts the [`Counter`]'s second n-gram size.
    pub fn with_extra() -> Self {
        GroupCounts { extra: Some(TermCounts::default()), ..Default::default() }
    }

    /// Adds `other` into `self` (associative and commutative).
    pub fn merge(&mut self, other: GroupCounts) {
        self.counts.merge(other.counts);
        match (&mut self.extra, other.extra) {
            (Some(a), Some(b)) => a.merge(b),
            (None, Some(b)) => self.extra = Some(b),
            _ => {}
        }
        if other.stop_types.len() > self.stop_types.len() {
            let mine = std::mem::replace(&mut self.stop_types, other.stop_types);
            self.stop_types.extend(mine);
        } else {
            self.stop_types.extend(other.stop_types);
        }
    }

    /// Distinct word/number types, stopwords included. `unigram_terms`: whether
    /// [`GroupCounts::counts`] holds unigrams.
    pub fn types(&self, unigram_terms: bool) -> u64 {
        let extra = self
            .stop_types
            .iter()
            .filter(|s| !unigram_terms || self.counts.get(s).is_none())
            .count();
        (self.counts.types() + extra) as u64
    }

    /// The corpus counters of this group (no skipped inputs, warnings or notices).
    /// `unigram_terms`: whether [`GroupCounts::counts`] holds unigrams.
    pub fn summary(&self, unigram_terms: bool) -> CorpusSummary {
        let c = &self.counts;
        CorpusSummary {
            documents: c.documents,
            tokens: c.tokens,
            types: Some(self.types(unigram_terms)),
            term_tokens: Some(c.tokens - c.stopword_tokens),
            term_types: Some(c.types() as u64),
            bytes: c.bytes,
            sentences: c.sentences,
            urls: c.urls,
            emails: c.emails,
            handles: c.handles,
            ..Default::default()
        }
    }

    /// Counts one document: its sentences, tokens, stopwords and terms (n-grams never cross
    /// a sentence end, a stopword or an excluded token). Pushes a warning naming the
    /// document when it has no tokens, and the warnings of [`walk`] (visual-order lines).
    #[allow(clippy::too_many_arguments)]
    pub fn add_document(
        &mut self,
        doc: &Document,
        structure: &structure::Structure,
        pipeline: &crate::text::Pipeline,
        visual: crate::analysis::VisualLines,
        counter: &mut Counter,
        warnings: &mut Vec<String>,
    ) {
        let Counter { n, window, extra_window, scratch, batch } = counter;
        let n = *n;
        let c = &mut self.counts;
        let stop_types = &mut self.stop_types;
        let mut extra = self.extra.as_mut();
        c.begin_document(doc.text.len());
        if let Some(x) = extra.as_deref_mut() {
            x.begin_document(doc.text.len());
        }
        window.reset();
        extra_window.reset();
        let tokens_before = c.tokens;
        walk(doc, structure, pipeline, visual, scratch, warnings, |ev| match ev {
            Event::Sentence(_) => {
                c.sentences += 1;
                window.reset();
                extra_window.reset();
            }
            Event::Term(t) => match (t.kind, t.role) {
                (TokenKind::Url, _) => c.urls += 1,
                (TokenKind::Email, _) => c.emails += 1,
                (TokenKind::Handle, _) => c.handles += 1,
                (_, Role::Excluded) => {
                    window.reset();
                    extra_window.reset();
                }
                (_, Role::Stopword) => {
                    c.tokens += 1;
                    c.stopword_tokens += 1;
                    stop_types.insert_hashed(t.norm, t.norm_hash);
                    window.reset();
                    extra_window.reset();
                }
                (_, Role::Term) => {
                    c.tokens += 1;
                    if n == 1 {
                        batch.push(t.key, t.key_hash);
                        if batch.is_full() {
                            c.add_batch(batch);
                        }
                    } else {
                        c.add_type_hashed(t.key, t.key_hash);
                        if let Some(gram) = window.push(t.key) {
                            c.add(gram);
                        }
                    }
                    if let Some(x) = extra.as_deref_mut()
                        && let Some(gram) = extra_window.push(t.key)
                    {
                        x.add(gram);
                    }
                }
            },
        });
        c.add_batch(batch);
        if c.tokens == tokens_before {
            warnings.push(format!("{}: no tokens found", doc_location(doc)));
        }
    }
}

/// One worker's accumulator.
#[derive(Default)]
struct Acc {
    groups: FxHashMap<Box<str>, GroupCounts>,
    warnings: Vec<(DocKey, String)>,
    counter: Counter,
}

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

/// The group a document belongs to under `--by FIELD`.
pub fn group_key(doc: &Document, by: Option<&str>) -> Box<str> {
    match by {
        None => Box::from(""),
        Some("file") => Box::from(&*doc.path),
        Some(field) => Box::from(doc.meta_value(field).unwrap_or("(missing)")),
    }
}

/// The structure options `stats` parses with.
///
/// `--headings auto` finds subheadings by comparing each short line with the next one,
/// which is a good share of the parser's time. For `stats` it changes nothing: an auto
/// heading keeps its paragraph's span, line and sentences (only Markdown headings change a
/// span, by dropping the `#` marks), and `stats` does not report sections. So `stats`
/// asks for Markdown headings only under `auto`; `auto_headings_change_no_sentence` checks
/// that the paragraphs and sentences are the same.
fn stats_structure_options(setup: &Setup, doc: &Document) -> structure::StructureOptions {
    let mut o = setup.structure_options(doc);
    if o.headings == structure::HeadingMode::Auto {
        o.headings = structure::HeadingMode::Markdown;
    }
    o
}

/// Runs `tahlil stats`.
///
/// # Errors
/// See [`CommandError`].
pub fn run(args: &StatsArgs) -> Result<ExitCode, CommandError> {
    let setup = Setup::new(&args.input, &args.text, &args.output, FORMATS)?;
    let n = usize::from(args.ngram);
    let by = args.output.by.as_deref();
    let pipeline = &setup.pipeline;
    let visual = args.text.visual_lines;
    let (acc, info) = fold_corpus(
        setup.reader()?,
        &setup.engine,
        || Acc { counter: Counter::new(n, 1), ..Default::default() },
        |acc: &mut Acc, doc: &Document, key: DocKey| {
            let structure = structure::parse(&doc.text, &stats_structure_options(&setup, doc));
            let Acc { groups, warnings, counter } = acc;
            let g = match by {
                // no allocation per document for the usual single group
                None => match groups.get_mut("") {
                    Some(g) => g,
                    None => groups.entry(Box::from("")).or_default(),
                },
                Some(_) => groups.entry(group_key(doc, by)).or_default(),
            };
            let mut doc_warnings = Vec::new();
            g.add_document(doc, &structure, pipeline, visual, counter, &mut doc_warnings);
            warnings.extend(doc_warnings.into_iter().map(|w| (key, w)));
        },
        |a: &mut Acc, b: Acc| {
            merge_groups(&mut a.groups, b.groups, GroupCounts::merge);
            a.warnings.extend(b.warnings);
        },
    )
    .map_err(|e| CommandError::Runtime(e.into()))?;

    let warnings = sorted_warnings(acc.warnings);
    setup.diagnostics(&info, &warnings)?;

    let finish = FinishOptions {
        min_count: args.min_count,
        min_df: args.min_df,
        sort: args.sort,
        top: args.top,
    };
    let mut groups: Vec<(Box<str>, GroupCounts)> = acc.groups.into_iter().collect();
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    let whole = match by {
        // a single group: the whole corpus, no copy needed
        None => groups.pop().map(|(_, g)| g).unwrap_or_default(),
        Some(_) => {
            let mut whole = GroupCounts::default();
            for (_, g) in &groups {
                whole.merge(g.clone());
            }
            whole
        }
    };
    let summary = |g: &GroupCounts, with_lists: bool| {
        let mut s = g.summary(n == 1);
        if with_lists {
            s.skipped = info.skipped.clone();
            s.warnings = warnings.clone();
            s.notices = info.notices.clone();
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
            visual_lines: visual,
        },
        corpus: summary(&whole, true),
        terms: whole.counts.finish(&finish),
        groups: by.map(|_| {
            groups
                .iter()
                .map(|(k, g)| GroupOut {
                    key: k.to_string(),
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
