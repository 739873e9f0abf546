//! Every lexicon mention (`tahlil mentions`), one row each, traceable to the text.

use super::{Analysis, AnalyzedDoc, DocKey, Needs};
use crate::lexicon::Lexicon;
use serde::Serialize;

/// One mention.
#[derive(Debug, Clone, Serialize)]
pub struct MentionRow {
    /// Document id.
    pub doc: String,
    /// Section index (`null` for the title line).
    pub section: Option<usize>,
    /// Paragraph index in the document (title and headings count), from 0.
    pub paragraph: usize,
    /// Sentence index in the document, from 0.
    pub sentence: usize,
    /// Byte offset of the mention's start in the document text.
    pub start: usize,
    /// Byte offset of its end (exclusive).
    pub end: usize,
    /// The original text at `start..end`.
    pub surface: String,
    /// Entry id, e.g. `country:IND`.
    pub id: String,
    /// Entry kind.
    pub kind: String,
    /// Arabic label.
    pub label_ar: String,
    /// English label.
    pub label_en: String,
    /// True for an ambiguous match (listed, not counted by `cooc` unless asked).
    pub ambiguous: bool,
}

/// The mentions of the lexicon's entries, filtered by kind and id.
#[derive(Debug, Clone)]
pub struct Mentions<'l> {
    /// The lexicon.
    pub lexicon: &'l Lexicon,
    /// Only these kinds (empty, or containing `all`: every kind).
    pub kinds: Vec<String>,
    /// Only these entry ids (empty: every entry).
    pub ids: Vec<String>,
}

impl Analysis for Mentions<'_> {
    /// The rows of each document, by document key.
    type Partial = Vec<(DocKey, Vec<MentionRow>)>;
    type Scratch = ();
    /// The rows in document-key order, each document's in text order.
    type Output = Vec<MentionRow>;

    fn needs(&self) -> Needs {
        Needs::MENTIONS.with_headings()
    }

    fn empty(&self) -> Self::Partial {
        Vec::new()
    }

    fn add(&self, p: &mut Self::Partial, _: &mut (), doc: &AnalyzedDoc) {
        let mut rows = Vec::new();
        for m in &doc.mentions {
            let e = self.lexicon.entry(m.entry);
            if !self.kinds.is_empty()
                && !self.kinds.iter().any(|k| k == "all" || k == e.kind.as_str())
            {
                continue;
            }
            if !self.ids.is_empty() && !self.ids.contains(&e.id) {
                continue;
            }
            let s = &doc.sentences[m.sentence];
            rows.push(MentionRow {
                doc: doc.doc.id.clone(),
                section: s.section,
                paragraph: s.paragraph,
                sentence: m.sentence,
                start: m.span.start,
                end: m.span.end,
                surface: doc.slice(m.span).to_string(),
                id: e.id.clone(),
                kind: e.kind.to_string(),
                label_ar: e.label_ar.clone(),
                label_en: e.label_en.clone(),
                ambiguous: m.ambiguous,
            });
        }
        p.push((doc.key.clone(), rows));
    }

    fn merge(&self, into: &mut Self::Partial, other: Self::Partial) {
        into.extend(other);
    }

    fn finish(&self, mut p: Self::Partial) -> Vec<MentionRow> {
        p.sort_by(|a, b| a.0.cmp(&b.0));
        p.into_iter().flat_map(|(_, rows)| rows).collect()
    }
}
