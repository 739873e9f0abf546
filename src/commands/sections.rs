//! `tahlil sections`: each document's title and sections, with their sizes, distinctive
//! terms, countries, regions, themes and key sentences.

use super::{CommandError, Setup, build_lexicon, io_err};
use crate::analysis::measures::g2;
use crate::analysis::mentions::{MentionScratch, document_mentions_walk};
use crate::analysis::summarize::{Budget, IdSentences, key_sentences_ids};
use crate::analysis::{Event, SentencePos, VisualLines, doc_location};
use crate::cli::SectionsArgs;
use crate::corpus::Document;
use crate::engine::map_corpus_with;
use crate::lexicon::{EntryId, Kind, Lexicon, Matcher};
use crate::report::{self, CorpusSummary, Format, Output, ToolInfo};
use crate::structure;
use crate::text::hashed::Interner;
use crate::text::pipeline::Role;
use crate::text::{Pipeline, TokenKind};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

const FORMATS: &[Format] =
    &[Format::Table, Format::Json, Format::Jsonl, Format::Markdown, Format::Csv, Format::Tsv];

/// A term and its distinctiveness score.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScoredTerm {
    /// The term key.
    pub term: String,
    /// G² keyness of the term in the section against the rest of its document (Dunning
    /// 1993; Rayson & Garside 2000); the term's count when the document has one section.
    pub score: f64,
}

/// An entry id and its mentions in a section.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct IdCount {
    /// Entry id.
    pub id: String,
    /// Mentions (ambiguous ones excluded unless `--count-ambiguous`).
    pub count: u64,
}

/// One section of a document.
#[derive(Debug, Clone, Serialize)]
pub struct SectionOut {
    /// Position in the document, from 0 (0 is the lead when the document has one).
    pub index: usize,
    /// The heading's original text; `null` for the lead section.
    pub heading: Option<String>,
    /// Paragraphs under the heading.
    pub paragraphs: usize,
    /// Sentences in those paragraphs.
    pub sentences: usize,
    /// Word and number tokens in the section (heading included).
    pub tokens: u64,
    /// The most distinctive terms.
    pub top_terms: Vec<ScoredTerm>,
    /// Countries mentioned, by count (ties by id).
    pub countries: Vec<IdCount>,
    /// Regions mentioned.
    pub regions: Vec<IdCount>,
    /// Themes mentioned.
    pub themes: Vec<IdCount>,
    /// Key sentences, original text, in document order.
    pub summary: Vec<String>,
}

/// One document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentOut {
    /// Document id.
    pub id: String,
    /// Its group under `--by FIELD` (absent without `--by`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Input file.
    pub path: String,
    /// Title: the title field, or the headline line.
    pub title: Option<String>,
    /// The key sentences of all sections, in document order.
    pub summary: Vec<String>,
    /// The sections, in document order.
    pub sections: Vec<SectionOut>,
}

#[derive(Serialize)]
struct SectionLine<'a> {
    doc: &'a str,
    #[serde(flatten)]
    section: &'a SectionOut,
}

#[derive(Serialize)]
struct GroupOut {
    key: String,
    corpus: CorpusSummary,
}

#[derive(Serialize)]
struct SectionsReport<'a> {
    tool: ToolInfo,
    options: serde_json::Value,
    corpus: CorpusSummary,
    documents: &'a [DocumentOut],
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<Vec<GroupOut>>,
}

struct DocResult {
    doc: DocumentOut,
    tokens: u64,
    sentences: u64,
    bytes: u64,
    warnings: Vec<String>,
}

/// Everything the per-document work needs.
pub struct SectionSpec<'a> {
    /// The text pipeline.
    pub pipeline: &'a Pipeline,
    /// The lexicon.
    pub lexicon: &'a Lexicon,
    /// Its matcher.
    pub matcher: &'a Matcher,
    /// Key sentence budget per section.
    pub budget: Budget,
    /// Distinctive terms per section.
    pub top_terms: usize,
    /// Count ambiguous mentions.
    pub count_ambiguous: bool,
    /// Visual-order lines.
    pub visual: VisualLines,
}

/// Reusable buffers of [`summarize_document`], one per worker thread: the per-document
/// term interner, the mention finder's buffers and the keyness counters.
#[derive(Debug, Default)]
pub struct SectionScratch {
    keys: Interner,
    mentions: MentionScratch,
    /// Term occurrences per id in the current section, and in the whole document.
    count: Vec<u64>,
    total: Vec<u64>,
    /// The ids with a non-zero `count`.
    distinct: Vec<u32>,
    /// The term ids of the sentence being walked.
    open_terms: Vec<u32>,
    /// Per section of the current document (the first `n_sections`; the rest are spare
    /// buffers from earlier documents).
    sections: Vec<SectionTerms>,
}

/// The sentence the walk is inside: its position, its word and number tokens; its term
/// ids are in [`SectionScratch::open_terms`].
struct OpenSentence {
    pos: SentencePos,
    words: usize,
}

/// What the walk over a document collects per section: the sentence term lists and spans of
/// its paragraphs (headings excluded), its term occurrences (heading included) and its
/// word and number tokens.
#[derive(Debug, Default, Clone)]
struct SectionTerms {
    sentences: IdSentences,
    spans: Vec<(usize, usize)>,
    occurrences: Vec<u32>,
    tokens: u64,
}

impl SectionTerms {
    /// Empties it for the next document, keeping the buffers.
    fn clear(&mut self) {
        self.sentences.clear();
        self.spans.clear();
        self.occurrences.clear();
        self.tokens = 0;
    }
}

/// Summarises one document: parses its structure with `opts`, then
/// [`summarize_structure`]. Returns the document, its word and number tokens and its
/// sentences.
pub fn summarize_document(
    doc: &Document,
    opts: &structure::StructureOptions,
    spec: &SectionSpec<'_>,
    scratch: &mut SectionScratch,
    warnings: &mut Vec<String>,
) -> (DocumentOut, u64, u64) {
    let st = structure::parse(&doc.text, opts);
    summarize_structure(doc, &st, spec, scratch, warnings)
}

/// Summarises one document whose structure `st` was already parsed (with
/// [`structure::parse`]): per section its sizes, distinctive terms, lexicon entries and key
/// sentences. Returns the document, its word and number tokens and its sentences; pushes a
/// warning when it has no tokens and for each visual-order line.
///
/// One walk over its sentences feeds both the lexicon matcher and, through the same
/// pipeline tokens, the per-section term lists: term keys are interned per document, so no
/// string is allocated per token. `scratch` holds the reusable buffers (one per worker
/// thread).
pub fn summarize_structure(
    doc: &Document,
    st: &structure::Structure,
    spec: &SectionSpec<'_>,
    scratch: &mut SectionScratch,
    warnings: &mut Vec<String>,
) -> (DocumentOut, u64, u64) {
    let n_sections = st.sections.len();
    let SectionScratch { keys, mentions, count, total, distinct, open_terms, sections } = scratch;
    keys.clear();
    if sections.len() < n_sections {
        sections.resize_with(n_sections, SectionTerms::default);
    }
    let per_section = &mut sections[..n_sections];
    per_section.iter_mut().for_each(SectionTerms::clear);
    let mut doc_tokens = 0u64;
    let mut doc_sentences = 0u64;
    let mut close = |open: OpenSentence, terms: &[u32]| {
        doc_sentences += 1;
        doc_tokens += open.words as u64;
        let Some(sec) = open.pos.section.and_then(|s| per_section.get_mut(s)) else { return };
        sec.tokens += open.words as u64;
        sec.occurrences.extend_from_slice(terms);
        if !open.pos.heading {
            sec.sentences.push(terms, open.words);
            sec.spans.push(open.pos.span);
        }
    };
    let mut open: Option<OpenSentence> = None;
    open_terms.clear();
    let found = document_mentions_walk(
        doc,
        st,
        spec.pipeline,
        spec.matcher,
        spec.visual,
        mentions,
        warnings,
        |event| match event {
            Event::Sentence(pos) => {
                if let Some(done) = open.replace(OpenSentence { pos, words: 0 }) {
                    close(done, open_terms);
                }
                open_terms.clear();
            }
            Event::Term(t) => {
                let Some(cur) = open.as_mut() else { return };
                if matches!(t.kind, TokenKind::Word | TokenKind::Number) && t.role != Role::Excluded
                {
                    cur.words += 1;
                }
                if t.role == Role::Term {
                    open_terms.push(keys.intern_hashed(t.key, t.key_hash));
                }
            }
        },
    );
    if let Some(done) = open.take() {
        close(done, open_terms);
    }
    if doc_tokens == 0 {
        warnings.push(format!("{}: no tokens found", doc_location(doc)));
    }
    // lexicon mentions per section: entry indices per kind, counted below
    let mut per_kind: Vec<[Vec<u32>; 3]> = vec![Default::default(); n_sections];
    for m in &found.mentions {
        let (Some(s), false) = (m.pos.section, m.ambiguous && !spec.count_ambiguous) else {
            continue;
        };
        let slot = match spec.lexicon.entry(m.entry).kind {
            Kind::Country => 0,
            Kind::Region => 1,
            Kind::Theme => 2,
            Kind::User(_) => continue,
        };
        per_kind[s][slot].push(m.entry.index() as u32);
    }
    // keyness: each section against the rest of the document
    count.clear();
    count.resize(keys.len(), 0);
    total.clear();
    total.resize(keys.len(), 0);
    for sec in per_section.iter() {
        for &id in &sec.occurrences {
            total[id as usize] += 1;
        }
    }
    let total_n: u64 = per_section.iter().map(|s| s.occurrences.len() as u64).sum();
    let mut sections_out = Vec::with_capacity(n_sections);
    let mut doc_summary = Vec::new();
    for (i, (sec, terms)) in st.sections.iter().zip(per_section.iter()).enumerate() {
        distinct.clear();
        for &id in &terms.occurrences {
            if count[id as usize] == 0 {
                distinct.push(id);
            }
            count[id as usize] += 1;
        }
        let top = top_terms(keys, count, total, distinct, total_n, spec.top_terms);
        for &id in distinct.iter() {
            count[id as usize] = 0;
        }
        let picked = key_sentences_ids(&terms.sentences, spec.budget);
        let summary: Vec<String> = picked
            .iter()
            .filter_map(|&k| terms.spans.get(k))
            .map(|&(a, b)| doc.text[a..b].to_string())
            .collect();
        doc_summary.extend(summary.iter().cloned());
        let ids = |entries: &[u32]| id_counts(spec.lexicon, entries);
        sections_out.push(SectionOut {
            index: i,
            heading: sec.heading.as_ref().map(|h| doc.text[h.span.clone()].to_string()),
            paragraphs: sec.paragraphs.len(),
            sentences: sec.paragraphs.iter().map(|p| p.sentences.len()).sum(),
            tokens: terms.tokens,
            top_terms: top,
            countries: ids(&per_kind[i][0]),
            regions: ids(&per_kind[i][1]),
            themes: ids(&per_kind[i][2]),
            summary,
        });
    }
    let title = doc
        .title
        .clone()
        .or_else(|| st.title.as_ref().map(|t| doc.text[t.span.clone()].to_string()));
    (
        DocumentOut {
            id: doc.id.clone(),
            group: None,
            path: doc.path.to_string(),
            title,
            summary: doc_summary,
            sections: sections_out,
        },
        doc_tokens,
        doc_sentences,
    )
}

/// The `k` most distinctive terms of a section: G² keyness of each of its `distinct` term
/// ids (`count`: occurrences in the section, `total`: in the document of `total_n` term
/// occurrences), best first, ties by term; terms relatively rarer in the section than in
/// the rest of the document are left out. With a single section (nothing to compare
/// against) the score is the count.
fn top_terms(
    keys: &Interner,
    count: &[u64],
    total: &[u64],
    distinct: &[u32],
    total_n: u64,
    k: usize,
) -> Vec<ScoredTerm> {
    if k == 0 {
        return Vec::new();
    }
    let c_n: u64 = distinct.iter().map(|&id| count[id as usize]).sum();
    let rest_n = total_n - c_n;
    let scores = distinct.iter().filter_map(|&id| {
        let a = count[id as usize];
        let b = total[id as usize] - a;
        if rest_n == 0 {
            return Some((id, a as f64));
        }
        // keep terms relatively more frequent here than in the rest of the document
        if (a as f64) * (rest_n as f64) <= (b as f64) * (c_n as f64) {
            return None;
        }
        Some((id, g2(a, c_n - a, b, rest_n - b)))
    });
    // best first: higher score, then the smaller term (terms are distinct, so the order is
    // total and the k best are what sorting everything would put first)
    let better = |x: &(u32, f64), y: &(u32, f64)| match x.1.total_cmp(&y.1) {
        std::cmp::Ordering::Equal => keys.get(x.0) < keys.get(y.0),
        o => o == std::cmp::Ordering::Greater,
    };
    // the k best so far, sorted: most terms lose to the k-th on the score alone
    let mut scored: Vec<(u32, f64)> = Vec::with_capacity(k + 1);
    for t in scores {
        if scored.len() == k && scored.last().is_some_and(|last| !better(&t, last)) {
            continue;
        }
        let at = scored.iter().position(|s| better(&t, s)).unwrap_or(scored.len());
        scored.insert(at, t);
        scored.truncate(k);
    }
    scored
        .into_iter()
        .map(|(id, score)| ScoredTerm { term: keys.get(id).to_string(), score })
        .collect()
}

/// The entries mentioned in `entries` (entry indices, repeats counted), by count, ties by
/// id.
fn id_counts(lexicon: &Lexicon, entries: &[u32]) -> Vec<IdCount> {
    let mut sorted = entries.to_vec();
    sorted.sort_unstable();
    let mut v: Vec<IdCount> = sorted
        .chunk_by(|a, b| a == b)
        .map(|run| IdCount {
            id: lexicon.entry(EntryId(run[0])).id.clone(),
            count: run.len() as u64,
        })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
    v
}

fn joined(v: &[IdCount]) -> String {
    v.iter().map(|c| format!("{} {}", c.id, c.count)).collect::<Vec<_>>().join(", ")
}

fn cells(d: &DocumentOut, s: &SectionOut) -> Vec<String> {
    let mut v = Vec::with_capacity(12);
    if let Some(g) = &d.group {
        v.push(g.clone());
    }
    v.extend([
        d.id.clone(),
        s.index.to_string(),
        s.heading.clone().unwrap_or_default(),
        s.paragraphs.to_string(),
        s.sentences.to_string(),
        s.tokens.to_string(),
        s.top_terms.iter().map(|t| t.term.clone()).collect::<Vec<_>>().join(" · "),
        joined(&s.countries),
        joined(&s.regions),
        joined(&s.themes),
        s.summary.join(" | "),
    ]);
    v
}

/// CSV/TSV columns under `--by`: the group, then [`HEADER`]'s.
const HEADER_GROUP: &[&str] = &[
    "group",
    "doc",
    "section",
    "heading",
    "paragraphs",
    "sentences",
    "tokens",
    "top_terms",
    "countries",
    "regions",
    "themes",
    "summary",
];

/// CSV/TSV columns: one row per section.
const HEADER: &[&str] = HEADER_GROUP.split_at(1).1;

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let t: String = s.chars().take(n).collect();
        format!("{t}…")
    }
}

/// Writes one document as Markdown: a heading per document and section, bullets for key
/// sentences.
fn write_markdown<W: Write>(w: &mut W, d: &DocumentOut) -> std::io::Result<()> {
    writeln!(w, "## {}", d.title.as_deref().unwrap_or(&d.id))?;
    writeln!(w)?;
    writeln!(w, "`{}` · {}", d.id, d.path)?;
    writeln!(w)?;
    for s in &d.sections {
        match &s.heading {
            Some(h) => writeln!(w, "### {h}")?,
            None => writeln!(w, "### (lead)")?,
        }
        writeln!(w)?;
        writeln!(
            w,
            "{} paragraphs · {} sentences · {} tokens",
            s.paragraphs, s.sentences, s.tokens
        )?;
        writeln!(w)?;
        if !s.top_terms.is_empty() {
            let t: Vec<&str> = s.top_terms.iter().map(|t| t.term.as_str()).collect();
            writeln!(w, "- **Terms:** {}", t.join("، "))?;
        }
        for (name, v) in
            [("Countries", &s.countries), ("Regions", &s.regions), ("Themes", &s.themes)]
        {
            if !v.is_empty() {
                writeln!(w, "- **{name}:** {}", joined(v))?;
            }
        }
        if !s.summary.is_empty() {
            writeln!(w, "- **Key sentences:**")?;
            for k in &s.summary {
                writeln!(w, "  - {k}")?;
            }
        }
        writeln!(w)?;
    }
    Ok(())
}

/// Runs `tahlil sections`.
///
/// # Errors
/// See [`CommandError`].
pub fn run(args: &SectionsArgs) -> Result<ExitCode, CommandError> {
    let setup = Setup::new(&args.input, &args.text, &args.output, FORMATS)?;
    let lex = build_lexicon(&args.lexicon, &setup.pipeline.normalizer)?;
    let matcher = lex.matcher();
    let budget = match &args.summary_ratio {
        Some(r) => match r.parse::<Budget>() {
            Ok(Budget::Ratio(x)) => Budget::Ratio(x),
            Ok(Budget::Sentences(_)) | Err(_) => {
                return Err(CommandError::Usage(format!(
                    "--summary-ratio {r}: give a share of words such as 0.4 or 40%"
                )));
            }
        },
        None => Budget::Sentences(args.summary_sentences),
    };
    let spec = SectionSpec {
        pipeline: &setup.pipeline,
        lexicon: &lex,
        matcher: &matcher,
        budget,
        top_terms: args.top_terms,
        count_ambiguous: args.lexicon.count_ambiguous,
        visual: args.text.visual_lines,
    };
    let format = setup.format;
    let by = args.output.by.as_deref();
    let header: &[&str] = if by.is_some() { HEADER_GROUP } else { HEADER };
    let mut group_sums: std::collections::BTreeMap<String, CorpusSummary> = Default::default();
    let streaming = matches!(format, Format::Jsonl | Format::Csv | Format::Tsv | Format::Markdown);
    let mut out: Option<Output> = None;
    let mut kept: Vec<DocumentOut> = Vec::new();
    let mut summary = CorpusSummary::default();
    let mut warnings = Vec::new();
    let result = map_corpus_with(
        setup.reader()?,
        &setup.engine,
        SectionScratch::default,
        |scratch, doc| {
            let mut w = Vec::new();
            let (mut d, tokens, sentences) =
                summarize_document(doc, &setup.structure_options(doc), &spec, scratch, &mut w);
            d.group = by.map(|b| crate::analysis::GroupBy::parse(b).key(doc).to_string());
            DocResult { doc: d, tokens, sentences, bytes: doc.text.len() as u64, warnings: w }
        },
        |_doc, r: DocResult| -> Result<(), CommandError> {
            let add = |s: &mut CorpusSummary| {
                s.documents += 1;
                s.tokens += r.tokens;
                s.sentences += r.sentences;
                s.bytes += r.bytes;
            };
            add(&mut summary);
            if let Some(g) = &r.doc.group {
                add(group_sums.entry(g.clone()).or_default());
            }
            warnings.extend(r.warnings);
            if streaming {
                let w = match &mut out {
                    Some(w) => w,
                    None => out.insert(setup.open_output_with_header(header)?),
                };
                match format {
                    Format::Jsonl => report::write_jsonl(
                        w,
                        r.doc.sections.iter().map(|s| SectionLine { doc: &r.doc.id, section: s }),
                    ),
                    Format::Markdown => write_markdown(w, &r.doc),
                    Format::Csv | Format::Tsv => {
                        let delim = if format == Format::Csv { b',' } else { b'\t' };
                        report::write_delimited_rows(
                            w,
                            delim,
                            header,
                            r.doc.sections.iter().map(|s| cells(&r.doc, s)),
                        )
                    }
                    _ => Ok(()),
                }
                .map_err(io_err)?;
            } else {
                kept.push(r.doc);
            }
            Ok(())
        },
    )
    .map_err(|e| CommandError::Runtime(e.into()))?;
    let info = result?;
    warnings.extend(super::by_field_warning(by, group_sums.keys().map(|k| k.as_str())));
    setup.diagnostics(&info, &warnings)?;
    summary.skipped = info.skipped.clone();
    summary.notices = info.notices.clone();
    summary.warnings = warnings.clone();
    let mut w = match out {
        Some(w) => w,
        None => setup.open_output_with_header(header)?,
    };
    match format {
        Format::Json => report::write_json(
            &mut w,
            &SectionsReport {
                tool: ToolInfo::default(),
                options: serde_json::json!({
                    "headings": args.text.headings,
                    "summary": budget.to_string(),
                    "summary_method": "position-biased LexRank (Erkan & Radev 2004; Otterbacher et al. 2009)",
                    "top_terms": args.top_terms,
                    "top_terms_score": "G² keyness against the rest of the document (count when the document has one section)",
                    "normalize": args.text.normalize,
                    "stopwords": args.text.stopwords.to_string(),
                    "lexicons": args.lexicon.lexicons,
                    "builtin": !args.lexicon.no_builtin,
                    "count_ambiguous": args.lexicon.count_ambiguous,
                    "by": by,
                }),
                corpus: summary,
                documents: &kept,
                groups: by.map(|_| {
                    group_sums.into_iter().map(|(key, corpus)| GroupOut { key, corpus }).collect()
                }),
            },
        ),
        Format::Table => {
            let rows = kept.iter().flat_map(|d| {
                d.sections.iter().map(move |s| {
                    let mut row = Vec::with_capacity(8);
                    if let Some(g) = &d.group {
                        row.push(g.clone());
                    }
                    row.extend([
                        truncate(&d.id, 24),
                        truncate(s.heading.as_deref().unwrap_or("—"), 40),
                        format!("{}/{}/{}", s.paragraphs, s.sentences, s.tokens),
                        truncate(&s.top_terms.iter().map(|t| t.term.clone()).collect::<Vec<_>>().join(" · "), 48),
                        truncate(&s.countries.iter().map(|c| c.id.trim_start_matches("country:")).collect::<Vec<_>>().join(" "), 40),
                        truncate(&s.themes.iter().map(|c| c.id.trim_start_matches("theme:")).collect::<Vec<_>>().join(" "), 40),
                        truncate(s.summary.first().map_or("", String::as_str), 80),
                    ]);
                    row
                })
            });
            let mut cols = vec!["doc", "heading", "para/sent/tok", "top terms", "countries", "themes", "first key sentence"];
            if by.is_some() {
                cols.insert(0, "group");
            }
            w.write_all(report::table::render(&cols, rows, &[]).as_bytes())
        }
        _ => Ok(()),
    }
    .map_err(io_err)?;
    w.finish().map_err(|e| CommandError::Runtime(e.into()))?;
    Ok(setup.exit_code(&info, &warnings))
}
