//! The [`Record`] form of each tabular result: which columns CSV/TSV and tables show, and
//! how a row becomes cells. The serde form of each type is its JSONL line.

use super::model::{Floats, Record};
use crate::analysis::freq::TermRow;
use crate::analysis::mentions::MentionRow;
use crate::analysis::network::{Edge, Node};
use crate::analysis::sections::{DocumentOut, IdCount, SectionOut};
use serde::Serialize;

impl Record for TermRow {
    const COLUMNS: &'static [&'static str] = &["term", "count", "df", "per_10k", "tfidf"];
    const TABLE_NUMERIC: &'static [usize] = &[1, 2, 3, 4];
    fn cells(&self, f: Floats) -> Vec<String> {
        vec![
            self.term.clone(),
            self.count.to_string(),
            self.df.to_string(),
            f.fmt(self.per_10k),
            f.fmt(self.tfidf),
        ]
    }
}

/// An edge with the English labels of its ends (CSV/TSV and tables; its JSONL line is the
/// edge's).
#[derive(Debug, Clone, Serialize)]
pub struct LabelledEdge<'a> {
    /// The edge.
    #[serde(flatten)]
    pub edge: &'a Edge,
    /// English label of `edge.source` (empty when unknown).
    #[serde(skip)]
    pub source_label: String,
    /// English label of `edge.target`.
    #[serde(skip)]
    pub target_label: String,
}

impl Record for LabelledEdge<'_> {
    const COLUMNS: &'static [&'static str] = &[
        "source",
        "target",
        "source_label",
        "target_label",
        "units",
        "jaccard",
        "dice",
        "pmi",
        "npmi",
        "llr",
    ];
    const TABLE_NUMERIC: &'static [usize] = &[4, 5, 6, 7, 8, 9];
    const TABLE_DECIMALS: usize = 3;
    fn cells(&self, f: Floats) -> Vec<String> {
        let (e, m) = (self.edge, &self.edge.measures);
        vec![
            e.source.clone(),
            e.target.clone(),
            self.source_label.clone(),
            self.target_label.clone(),
            e.units.to_string(),
            f.fmt(m.jaccard),
            f.fmt(m.dice),
            f.fmt(m.pmi),
            f.fmt(m.npmi),
            f.fmt(m.llr),
        ]
    }
}

impl Record for Node {
    const COLUMNS: &'static [&'static str] =
        &["node", "label_ar", "label_en", "count", "units", "ambiguous"];
    const TABLE_NUMERIC: &'static [usize] = &[3, 4, 5];
    fn cells(&self, _: Floats) -> Vec<String> {
        vec![
            self.id.clone(),
            self.label_ar.clone(),
            self.label_en.clone(),
            self.count.to_string(),
            self.units.to_string(),
            if self.ambiguous > 0 { self.ambiguous.to_string() } else { String::new() },
        ]
    }
}

impl Record for MentionRow {
    const COLUMNS: &'static [&'static str] = &[
        "doc",
        "section",
        "paragraph",
        "sentence",
        "start",
        "end",
        "surface",
        "id",
        "kind",
        "label_ar",
        "label_en",
        "ambiguous",
    ];
    const TABLE_COLUMNS: &'static [&'static str] =
        &["doc", "sentence", "bytes", "surface", "id", "label", "note"];
    const TABLE_NUMERIC: &'static [usize] = &[1];
    fn cells(&self, _: Floats) -> Vec<String> {
        vec![
            self.doc.clone(),
            self.section.map_or_else(String::new, |s| s.to_string()),
            self.paragraph.to_string(),
            self.sentence.to_string(),
            self.start.to_string(),
            self.end.to_string(),
            self.surface.clone(),
            self.id.clone(),
            self.kind.clone(),
            self.label_ar.clone(),
            self.label_en.clone(),
            self.ambiguous.to_string(),
        ]
    }
    fn table_cells(&self) -> Vec<String> {
        vec![
            self.doc.clone(),
            self.sentence.to_string(),
            format!("{}..{}", self.start, self.end),
            self.surface.clone(),
            self.id.clone(),
            self.label_en.clone(),
            if self.ambiguous { "ambiguous".into() } else { String::new() },
        ]
    }
}

/// One section of a document: a row of `sections` (its JSONL line is the document id as
/// `doc`, then the section's keys).
#[derive(Debug, Clone, Serialize)]
pub struct SectionLine<'a> {
    /// The document id.
    pub doc: &'a str,
    /// The section.
    #[serde(flatten)]
    pub section: &'a SectionOut,
}

impl<'a> SectionLine<'a> {
    /// The rows of document `d`.
    pub fn of(d: &'a DocumentOut) -> impl Iterator<Item = SectionLine<'a>> {
        d.sections.iter().map(|s| SectionLine { doc: &d.id, section: s })
    }
}

/// `id count, id count, …`.
pub fn id_counts(v: &[IdCount]) -> String {
    v.iter().map(|c| format!("{} {}", c.id, c.count)).collect::<Vec<_>>().join(", ")
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let t: String = s.chars().take(n).collect();
        format!("{t}…")
    }
}

impl Record for SectionLine<'_> {
    const COLUMNS: &'static [&'static str] = &[
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
    const TABLE_COLUMNS: &'static [&'static str] = &[
        "doc",
        "heading",
        "para/sent/tok",
        "top terms",
        "countries",
        "themes",
        "first key sentence",
    ];
    fn cells(&self, _: Floats) -> Vec<String> {
        let s = self.section;
        vec![
            self.doc.to_string(),
            s.index.to_string(),
            s.heading.clone().unwrap_or_default(),
            s.paragraphs.to_string(),
            s.sentences.to_string(),
            s.tokens.to_string(),
            s.top_terms.iter().map(|t| t.term.clone()).collect::<Vec<_>>().join(" · "),
            id_counts(&s.countries),
            id_counts(&s.regions),
            id_counts(&s.themes),
            s.summary.join(" | "),
        ]
    }
    fn table_cells(&self) -> Vec<String> {
        let s = self.section;
        let ids = |v: &[IdCount], prefix: &str| {
            v.iter().map(|c| c.id.trim_start_matches(prefix)).collect::<Vec<_>>().join(" ")
        };
        vec![
            truncate(self.doc, 24),
            truncate(s.heading.as_deref().unwrap_or("—"), 40),
            format!("{}/{}/{}", s.paragraphs, s.sentences, s.tokens),
            truncate(
                &s.top_terms.iter().map(|t| t.term.clone()).collect::<Vec<_>>().join(" · "),
                48,
            ),
            truncate(&ids(&s.countries, "country:"), 40),
            truncate(&ids(&s.themes, "theme:"), 40),
            truncate(s.summary.first().map_or("", String::as_str), 80),
        ]
    }
}
