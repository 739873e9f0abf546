//! Every lexicon mention (`tahlil mentions`), one row each, traceable to the text.

use super::{Analysis, AnalyzedDoc, DocKey, Needs};
use crate::lexicon::Lexicon;
use serde::Serialize;
use std::sync::Arc;

/// One mention.
#[derive(Debug, Clone, Serialize)]
pub struct MentionRow {
    /// Document id (shared by the rows of one document).
    pub doc: Arc<str>,
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
    /// Entry id, e.g. `country:IND` (the entry's strings are shared by its rows, so that
    /// one long document's rows cost one allocation each, for `surface`).
    pub id: Arc<str>,
    /// Entry kind.
    pub kind: Arc<str>,
    /// Arabic label.
    pub label_ar: Arc<str>,
    /// English label.
    pub label_en: Arc<str>,
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
    /// Each entry's id, kind and labels, shared by its rows (by entry index).
    type Scratch = Vec<Option<[Arc<str>; 4]>>;
    /// The rows in document-key order, each document's in text order.
    type Output = Vec<MentionRow>;

    fn needs(&self) -> Needs {
        Needs::MENTIONS.with_headings()
    }

    fn empty(&self) -> Self::Partial {
        Vec::new()
    }

    fn add(&self, p: &mut Self::Partial, strs: &mut Self::Scratch, doc: &AnalyzedDoc) {
        let mut rows = Vec::new();
        let doc_id: Arc<str> = Arc::from(doc.doc.id.as_str());
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
            let at = m.entry.index();
            if strs.len() <= at {
                strs.resize(at + 1, None);
            }
            let [id, kind, label_ar, label_en] = strs[at]
                .get_or_insert_with(|| {
                    [&*e.id, e.kind.as_str(), &*e.label_ar, &*e.label_en].map(Arc::from)
                })
                .clone();
            rows.push(MentionRow {
                doc: doc_id.clone(),
                section: s.section,
                paragraph: s.paragraph,
                sentence: m.sentence,
                start: m.span.start,
                end: m.span.end,
                surface: doc.slice(m.span).to_string(),
                id,
                kind,
                label_ar,
                label_en,
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
