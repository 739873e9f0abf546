//! Each document's sections (`tahlil sections`): headings, sizes, distinctive terms,
//! countries, regions, themes and key sentences, as an [`Analysis`] whose partial keeps
//! the first documents by key.

use super::measures::g2;
use super::summarize::{Budget, IdSentences, key_sentences_ids};
use super::{Analysis, AnalyzedDoc, DocKey, GroupBy, Needs};
use crate::lexicon::{EntryId, Kind, Lexicon};
use crate::text::hashed::Interner;
use crate::text::pipeline::Role;
use serde::Serialize;
use std::collections::BTreeMap;

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

/// Section summaries of documents.
#[derive(Debug, Clone)]
pub struct Sections<'l> {
    /// The lexicon whose countries, regions and themes are listed.
    pub lexicon: &'l Lexicon,
    /// Key sentence budget per section.
    pub budget: Budget,
    /// Distinctive terms per section.
    pub top_terms: usize,
    /// Count ambiguous mentions.
    pub count_ambiguous: bool,
    /// Fills [`DocumentOut::group`] with each document's group.
    pub by: Option<GroupBy>,
    /// The partial keeps the first `max_docs` documents by key (`usize::MAX`: all).
    pub max_docs: usize,
}

/// Reusable buffers of [`Sections`], one per worker thread: the per-document term
/// interner and the keyness counters.
#[derive(Debug, Default)]
pub struct SectionScratch {
    keys: Interner,
    /// Term occurrences per id in the current section, and in the whole document.
    count: Vec<u64>,
    total: Vec<u64>,
    /// The ids with a non-zero `count`.
    distinct: Vec<u32>,
    /// The term ids of the sentence being walked.
    terms: Vec<u32>,
    /// Per section of the current document (the first `n_sections`; the rest are spare
    /// buffers from earlier documents).
    sections: Vec<SectionTerms>,
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

impl Sections<'_> {
    /// Summarises one document: per section its sizes, distinctive terms, lexicon entries
    /// and key sentences. Term keys are interned per document, so no string is allocated
    /// per token.
    pub fn summarize(&self, doc: &AnalyzedDoc, scratch: &mut SectionScratch) -> DocumentOut {
        let st = &doc.structure;
        let n_sections = st.sections.len();
        let SectionScratch { keys, count, total, distinct, terms, sections } = scratch;
        keys.clear();
        if sections.len() < n_sections {
            sections.resize_with(n_sections, SectionTerms::default);
        }
        let per_section = &mut sections[..n_sections];
        per_section.iter_mut().for_each(SectionTerms::clear);
        for s in &doc.sentences {
            let Some(sec) = s.section.and_then(|i| per_section.get_mut(i)) else { continue };
            terms.clear();
            let mut words = 0usize;
            for t in doc.tokens_of(s) {
                words += usize::from(t.is_word());
                if t.role == Role::Term {
                    terms.push(keys.intern_hashed(doc.key(t), t.key_hash));
                }
            }
            sec.tokens += words as u64;
            sec.occurrences.extend_from_slice(terms);
            if !s.heading {
                sec.sentences.push(terms, words);
                sec.spans.push((s.span.start, s.span.end));
            }
        }
        // lexicon mentions per section: entry indices per kind, counted below
        let mut per_kind: Vec<[Vec<u32>; 3]> = vec![Default::default(); n_sections];
        for m in &doc.mentions {
            let section = doc.sentences[m.sentence].section;
            let (Some(s), false) = (section, m.ambiguous && !self.count_ambiguous) else {
                continue;
            };
            let slot = match self.lexicon.entry(m.entry).kind {
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
            let top = top_terms(keys, count, total, distinct, total_n, self.top_terms);
            for &id in distinct.iter() {
                count[id as usize] = 0;
            }
            let picked = key_sentences_ids(&terms.sentences, self.budget);
            let summary: Vec<String> = picked
                .iter()
                .filter_map(|&k| terms.spans.get(k))
                .map(|&(a, b)| doc.text()[a..b].to_string())
                .collect();
            doc_summary.extend(summary.iter().cloned());
            let ids = |entries: &[u32]| id_counts(self.lexicon, entries);
            sections_out.push(SectionOut {
                index: i,
                heading: sec.heading.as_ref().map(|h| doc.text()[h.span.clone()].to_string()),
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
        DocumentOut {
            id: doc.doc.id.clone(),
            group: self.by.as_ref().map(|b| b.key(&doc.doc).to_string()),
            path: doc.doc.path.to_string(),
            title: doc.title().map(str::to_string),
            summary: doc_summary,
            sections: sections_out,
        }
    }
}

impl Analysis for Sections<'_> {
    /// The first documents (at most `max_docs`) by key.
    type Partial = BTreeMap<DocKey, DocumentOut>;
    type Scratch = SectionScratch;
    /// The documents in key order.
    type Output = Vec<DocumentOut>;

    fn needs(&self) -> Needs {
        Needs::MENTIONS.with_headings()
    }

    fn empty(&self) -> Self::Partial {
        BTreeMap::new()
    }

    fn add(&self, docs: &mut Self::Partial, s: &mut SectionScratch, doc: &AnalyzedDoc) {
        let key = &doc.key;
        let wanted =
            docs.len() < self.max_docs || docs.last_key_value().is_some_and(|(k, _)| key < k);
        if wanted {
            docs.insert(key.clone(), self.summarize(doc, s));
            if docs.len() > self.max_docs {
                docs.pop_last();
            }
        }
    }

    fn merge(&self, into: &mut Self::Partial, other: Self::Partial) {
        into.extend(other);
        while into.len() > self.max_docs {
            into.pop_last();
        }
    }

    fn finish(&self, p: Self::Partial) -> Vec<DocumentOut> {
        p.into_values().collect()
    }
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
