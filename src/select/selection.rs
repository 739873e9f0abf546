//! The selection of a run: the `--where` [`Filter`], the `--sample` draw, and the
//! clitic-aware matcher that answers `text has …`, packed for the engine
//! ([`crate::engine`]), which asks it about every document before and after the walk.
//!
//! * Metadata conditions are decided before the document is analysed
//!   ([`Selection::before_walk`]); a document that fails them costs no walk.
//! * `has` conditions are answered on the walked document ([`Selection::after_walk`]): the
//!   term is matched by a lexicon [`Matcher`] over the normalised tokens of each sentence,
//!   so the rules of the lexicons apply (whole tokens, proclitics و ف ب ك ل and the article
//!   split off, phrases, `*` prefix globs). A `KIND:ID` term is a lexicon entry (its
//!   patterns, ambiguous mentions not counted, as in the analyses); any other term is a word
//!   or phrase matched as a pattern of a user category (the article may be removed:
//!   `text has عقوبات` finds العقوبات and وبالعقوبات, not عقوبة).
//! * A sample keeps a document when its [`SampleKey`] is at most the threshold found by a
//!   first pass over the documents that pass the filter ([`Selection::set_sample`]).

use super::filter::{Filter, TextScope, TextTerm};
use super::sample::{BottomK, SampleKey, Threshold};
use crate::analysis::{Analysis, AnalyzedDoc, Needs};
use crate::corpus::Document;
use crate::lexicon::{EntryId, Lexicon, Matcher, Mention, SentenceTokens};
use crate::text::{Pipeline, Scratch};
use rustc_hash::FxHashMap;

/// Why a document is left out, or that it is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Analysed.
    Keep,
    /// Left out by `--where`.
    Filtered,
    /// Passes `--where` but is not in the `--sample`.
    NotSampled,
}

/// Documents left out by the selection, by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SelectionCounts {
    /// Left out by `--where`.
    pub filtered: u64,
    /// Passing `--where` but not drawn by `--sample`.
    pub not_sampled: u64,
}

impl SelectionCounts {
    /// Counts one verdict (nothing for [`Verdict::Keep`]).
    pub fn count(&mut self, v: Verdict) {
        match v {
            Verdict::Keep => {}
            Verdict::Filtered => self.filtered += 1,
            Verdict::NotSampled => self.not_sampled += 1,
        }
    }

    /// Adds `other`.
    pub fn add(&mut self, other: SelectionCounts) {
        self.filtered += other.filtered;
        self.not_sampled += other.not_sampled;
    }
}

/// The `has` terms of a filter compiled into one matcher.
#[derive(Debug)]
struct TextTerms {
    matcher: Matcher,
    /// Entry of each term, in the order of [`Filter::text_terms`].
    entries: FxHashMap<TextTerm, EntryId>,
}

/// The selection of a run (see the module documentation). Shared by the worker threads.
#[derive(Debug, Default)]
pub struct Selection {
    filter: Filter,
    text: Option<TextTerms>,
    sample: Option<(usize, u64)>,
    threshold: Option<Threshold<SampleKey>>,
}

/// An error building a [`Selection`]: a `has` term that names no lexicon entry, or a word
/// that is not a valid pattern.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--where: {0}")]
pub struct SelectionError(pub String);

impl Selection {
    /// A selection by `filter` only. `has` terms are resolved against `lexicon` (entries
    /// `KIND:ID`; words and phrases are added as patterns of a category of their own) and
    /// normalised with `pipeline`'s normaliser (give the run's pipeline).
    ///
    /// # Errors
    /// [`SelectionError`] naming an entry id that `lexicon` does not have, or a word that is
    /// not a valid lexicon pattern.
    pub fn new(
        filter: Filter,
        lexicon: Option<&Lexicon>,
        pipeline: &Pipeline,
    ) -> Result<Selection, SelectionError> {
        let text = if filter.needs_text() {
            Some(compile_terms(&filter, lexicon, pipeline)?)
        } else {
            None
        };
        Ok(Selection { filter, text, sample: None, threshold: None })
    }

    /// The filter.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// True when the selection keeps every document (no expression, no sample).
    pub fn is_empty(&self) -> bool {
        self.filter.is_empty() && self.sample.is_none()
    }

    /// The sample asked for: `(N, seed)`.
    pub fn sample(&self) -> Option<(usize, u64)> {
        self.sample
    }

    /// Draws a sample of `k` documents with `seed` among those the filter keeps, given the
    /// first pass's [`BottomK`] of their sample keys (see [`SampleKeys`]).
    pub fn set_sample(&mut self, k: usize, seed: u64, first_pass: BottomK<SampleKey>) {
        self.sample = Some((k, seed));
        self.threshold = Some(first_pass.threshold());
    }

    /// What the walk must build for the selection to decide: tokens when a `has`
    /// condition exists.
    pub fn needs(&self) -> Needs {
        if self.text.is_some() { Needs::TOKENS } else { Needs::NONE }
    }

    /// The verdict from the metadata alone, or `None` when it depends on the text.
    pub fn before_walk(&self, doc: &Document) -> Option<Verdict> {
        match self.filter.decide_without_text(doc) {
            Some(false) => Some(Verdict::Filtered),
            Some(true) => Some(self.sampled(doc)),
            None => None,
        }
    }

    /// The verdict on a walked document (built with at least [`Selection::needs`] by
    /// `pipeline`, which also tokenises the title for `title has`).
    pub fn after_walk(&self, doc: &AnalyzedDoc, pipeline: &Pipeline) -> Verdict {
        let mut has = |scope: TextScope, term: &TextTerm| self.has(doc, pipeline, scope, term);
        if self.filter.matches(&doc.doc, &mut has) {
            self.sampled(&doc.doc)
        } else {
            Verdict::Filtered
        }
    }

    fn sampled(&self, doc: &Document) -> Verdict {
        match (&self.threshold, self.sample) {
            (Some(t), Some((_, seed))) => {
                if t.selects(&SampleKey::of_document(seed, doc)) {
                    Verdict::Keep
                } else {
                    Verdict::NotSampled
                }
            }
            _ => Verdict::Keep,
        }
    }

    /// True when `scope` of `doc` has a mention of `term` that is not ambiguous.
    fn has(
        &self,
        doc: &AnalyzedDoc,
        pipeline: &Pipeline,
        scope: TextScope,
        term: &TextTerm,
    ) -> bool {
        let Some(t) = &self.text else { return false };
        let Some(&entry) = t.entries.get(term) else { return false };
        let hit = |m: &Mention| m.entry == entry && !m.ambiguous;
        let mut found = Vec::new();
        match scope {
            TextScope::Text => {
                let mut norms: Vec<&str> = Vec::new();
                for s in &doc.sentences {
                    norms.clear();
                    norms.extend(doc.tokens_of(s).iter().map(|tok| doc.norm(tok)));
                    found.clear();
                    t.matcher.find(&norms, &mut found);
                    if found.iter().any(hit) {
                        return true;
                    }
                }
                false
            }
            TextScope::Title => {
                let Some(title) = doc.title() else { return false };
                let mut toks = SentenceTokens::new();
                toks.fill(pipeline, title, 0..title.len(), &mut Scratch::default());
                t.matcher.find(toks.tokens(), &mut found);
                found.iter().any(hit)
            }
        }
    }
}

/// The lexicon of the `has` terms: the entries named (from `lexicon`) and one entry of
/// kind `where` per word or phrase.
fn compile_terms(
    filter: &Filter,
    lexicon: Option<&Lexicon>,
    pipeline: &Pipeline,
) -> Result<TextTerms, SelectionError> {
    let normalizer = &pipeline.normalizer;
    let mut lex = Lexicon::empty(normalizer);
    let mut words = String::from("id\tkind\tlabel_ar\tlabel_en\tpatterns\n");
    let mut word_ids: Vec<(TextTerm, String)> = Vec::new();
    let mut entry_terms: Vec<TextTerm> = Vec::new();
    for (_, term) in filter.text_terms() {
        match term {
            TextTerm::Entry { kind, id } => {
                let full = format!("{kind}:{id}");
                let Some(source) = lexicon else {
                    return Err(SelectionError(format!("text has {full}: no lexicon loaded")));
                };
                if source.find_id(&full).is_none() {
                    return Err(SelectionError(format!(
                        "text has {full}: no such entry in the lexicons (see `tahlil lexicon list`)"
                    )));
                }
                entry_terms.push(term.clone());
            }
            TextTerm::Word(w) => {
                if w.chars().any(|c| matches!(c, '\t' | '\n' | '\r' | '|')) {
                    return Err(SelectionError(format!(
                        "text has {term}: a term cannot hold a tab, a line break or |"
                    )));
                }
                if word_ids.iter().any(|(t, _)| t == term) {
                    continue;
                }
                let id = format!("where:{}", word_ids.len());
                words.push_str(&format!("{id}\twhere\t{w}\t{w}\t{w}\n"));
                word_ids.push((term.clone(), id));
            }
        }
    }
    if let Some(source) = lexicon
        && !entry_terms.is_empty()
    {
        // the whole lexicon: longest-match and blocking rules between entries stay as in
        // the analyses (a longer phrase of another entry hides a name inside it)
        lex.merge(source.clone()).map_err(|e| SelectionError(e.to_string()))?;
    }
    if !word_ids.is_empty() {
        let extra = Lexicon::parse_tsv(&words, "--where", normalizer)
            .map_err(|e| SelectionError(format!("text has: {e}")))?;
        lex.merge(extra).map_err(|e| SelectionError(e.to_string()))?;
    }
    let mut entries = FxHashMap::default();
    for term in entry_terms {
        let TextTerm::Entry { kind, id } = &term else { continue };
        if let Some(e) = lex.find_id(&format!("{kind}:{id}")) {
            entries.insert(term, e);
        }
    }
    for (term, id) in word_ids {
        if let Some(e) = lex.find_id(&id) {
            entries.insert(term, e);
        }
    }
    Ok(TextTerms { matcher: lex.matcher(), entries })
}

/// The first pass of `--sample`: the [`BottomK`] of the sample keys of the documents that
/// pass the filter (the engine applies the filter). Needs nothing walked.
#[derive(Debug, Clone, Copy)]
pub struct SampleKeys {
    /// Sample size `N`.
    pub k: usize,
    /// `--seed`.
    pub seed: u64,
}

impl Analysis for SampleKeys {
    type Partial = BottomK<SampleKey>;
    type Scratch = ();
    type Output = BottomK<SampleKey>;
    fn needs(&self) -> Needs {
        Needs::NONE
    }
    fn empty(&self) -> Self::Partial {
        BottomK::new(self.k)
    }
    fn add(&self, p: &mut Self::Partial, _: &mut (), doc: &AnalyzedDoc) {
        p.offer(SampleKey::of_document(self.seed, &doc.doc));
    }
    fn merge(&self, into: &mut Self::Partial, other: Self::Partial) {
        into.merge(other);
    }
    fn finish(&self, p: Self::Partial) -> Self::Output {
        p
    }
}
