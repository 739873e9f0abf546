//! Term statistics (`tahlil stats`): term and document frequencies, n-grams and TF-IDF,
//! with the corpus counters, as an [`Analysis`].

use super::freq::{FinishOptions, NgramWindow, TermCounts, TermRow};
use super::{Analysis, AnalyzedDoc, Needs};
use crate::report::CorpusSummary;
use crate::text::TokenKind;
use crate::text::hashed::StrSet;
use crate::text::pipeline::Role;

/// Term statistics: counts n-grams of `n` terms (and, for `tahlil report`, n-grams of a
/// second size in the same walk); see [`TermStats`]. N-grams never cross a sentence end, a
/// stopword or an excluded token.
#[derive(Debug, Clone)]
pub struct Stats {
    /// Terms per n-gram (1–3).
    pub n: usize,
    /// A second n-gram size counted in the same walk ([`TermStats::extra`]), or `None`.
    pub extra_n: Option<usize>,
    /// How [`Analysis::finish`] turns counts into rows.
    pub finish: FinishOptions,
}

impl Stats {
    /// Unigram or n-gram statistics (`n` in 1–3), finished with `finish`.
    pub fn new(n: usize, finish: FinishOptions) -> Self {
        Stats { n: n.clamp(1, 3), extra_n: None, finish }
    }

    /// The result of `p` finished with `opts`: the corpus counters and the rows (and the
    /// rows of the second n-gram size, with rates per 10,000 corpus tokens).
    pub fn output(&self, p: &TermStats, opts: &FinishOptions) -> StatsOutput {
        let extra = p.extra.as_ref().map(|x| {
            let mut x = x.clone();
            x.tokens = p.counts.tokens;
            x.finish(opts)
        });
        StatsOutput { summary: p.summary(self.n == 1), terms: p.counts.finish(opts), extra }
    }
}

/// What [`Stats`] finishes into.
#[derive(Debug, Clone)]
pub struct StatsOutput {
    /// The corpus counters (no skipped inputs, warnings or notices).
    pub summary: CorpusSummary,
    /// The term rows, sorted and cut as asked.
    pub terms: Vec<TermRow>,
    /// The rows of the second n-gram size, when counted.
    pub extra: Option<Vec<TermRow>>,
}

/// Term counts of a set of documents, plus the stopword types (to count corpus types).
///
/// Every counter is an integer sum and the type sets are sets, so
/// [`Analysis::merge`] is associative and commutative.
#[derive(Debug, Default, Clone)]
pub struct TermStats {
    /// N-grams of [`Stats::n`] terms, with the corpus counters (documents, tokens,
    /// sentences, bytes, URLs…).
    pub counts: TermCounts,
    /// N-grams of [`Stats::extra_n`] terms, when asked: only terms, `df` and documents are
    /// counted in it.
    pub extra: Option<TermCounts>,
    /// Stopword types (normalised forms).
    stop_types: StrSet,
}

impl TermStats {
    /// Adds `other` into `self` (associative and commutative).
    pub fn merge(&mut self, other: TermStats) {
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
    /// [`TermStats::counts`] holds unigrams.
    pub fn types(&self, unigram_terms: bool) -> u64 {
        let extra = self
            .stop_types
            .iter()
            .filter(|s| !unigram_terms || self.counts.get(s).is_none())
            .count();
        (self.counts.types() + extra) as u64
    }

    /// The corpus counters (no skipped inputs, warnings or notices). `unigram_terms`:
    /// whether [`TermStats::counts`] holds unigrams.
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
}

/// Per-thread buffers of [`Stats`]: the n-gram windows and the document's term keys.
#[derive(Debug, Default)]
pub struct StatsScratch {
    window: Option<NgramWindow>,
    extra_window: Option<NgramWindow>,
    /// The indices of the current document's term tokens, in text order.
    terms: Vec<u32>,
}

impl Analysis for Stats {
    type Partial = TermStats;
    type Scratch = StatsScratch;
    type Output = StatsOutput;

    fn needs(&self) -> Needs {
        Needs::TOKENS
    }

    fn empty(&self) -> TermStats {
        TermStats { extra: self.extra_n.map(|_| TermCounts::default()), ..Default::default() }
    }

    /// Counts one document: its sentences, tokens, stopwords and terms.
    fn add(&self, p: &mut TermStats, s: &mut StatsScratch, doc: &AnalyzedDoc) {
        let n = self.n;
        let window = s.window.get_or_insert_with(|| NgramWindow::new(n));
        let extra_n = self.extra_n.unwrap_or(1);
        let extra_window = s.extra_window.get_or_insert_with(|| NgramWindow::new(extra_n));
        let terms = &mut s.terms;
        let c = &mut p.counts;
        let mut extra = p.extra.as_mut();
        c.begin_document(doc.text().len());
        if let Some(x) = extra.as_deref_mut() {
            x.begin_document(doc.text().len());
        }
        for sentence in &doc.sentences {
            c.sentences += 1;
            window.reset();
            extra_window.reset();
            for i in sentence.tokens.range() {
                let t = &doc.tokens[i];
                match (t.kind, t.role) {
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
                        p.stop_types.insert_hashed(doc.norm(t), t.norm_hash);
                        window.reset();
                        extra_window.reset();
                    }
                    (_, Role::Term) => {
                        c.tokens += 1;
                        if n == 1 {
                            terms.push(i as u32);
                        } else {
                            let key = doc.key(t);
                            c.add_type_hashed(key, t.key_hash);
                            if let Some(gram) = window.push(key) {
                                c.add(gram);
                            }
                        }
                        if let Some(x) = extra.as_deref_mut()
                            && let Some(gram) = extra_window.push(doc.key(t))
                        {
                            x.add(gram);
                        }
                    }
                }
            }
        }
        // the unigrams, counted after the walk: touch a run of slots, then count them
        // (independent loads whose cache misses overlap; see `TermCounts::add_batch`)
        for chunk in terms.chunks(TermCounts::PREFETCH) {
            for &i in chunk {
                c.touch(doc.tokens[i as usize].key_hash);
            }
            for &i in chunk {
                let t = &doc.tokens[i as usize];
                c.add_hashed(doc.key(t), t.key_hash);
            }
        }
        terms.clear();
    }

    fn merge(&self, into: &mut TermStats, other: TermStats) {
        into.merge(other);
    }

    fn finish(&self, p: TermStats) -> StatsOutput {
        self.output(&p, &self.finish)
    }
}
