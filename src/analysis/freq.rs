//! Term and document frequencies, n-grams and TF-IDF (`tahlil stats`).
//!
//! Counting happens in [`TermCounts`], one per worker thread, filled document by document
//! and merged once at the end with [`TermCounts::merge`] (associative and commutative: all
//! fields are integer sums, so any thread count gives the same result). Ratios are computed
//! only after the merge, in [`TermCounts::finish`].

use crate::text::hashed::{StrSet, key_hash};
use compact_str::CompactString;
use hashbrown::HashTable;
use serde::Serialize;

/// Per-term counters inside a [`TermCounts`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TermEntry {
    /// Occurrences (tokens or n-gram tokens).
    pub count: u64,
    /// Documents containing the term at least once.
    pub df: u64,
    /// The last document (worker-local sequence number + 1) that counted towards `df`.
    last_doc: u64,
}

/// A term and its counters.
#[derive(Debug, Clone)]
struct Slot {
    /// Inline up to 24 bytes (most Arabic words and many bigrams), so comparing a key
    /// needs no pointer chase: a look-up touches the control bytes and this slot only.
    key: CompactString,
    entry: TermEntry,
}

/// Counts for one corpus or one group of documents.
///
/// The terms live in a hash table looked up with the hash the pipeline computed once per
/// token ([`TermCounts::add_hashed`]); keys are stored inline in the slots. (Measured
/// against a `HashMap<CompactString, _>` and against a dense `Vec` of slots behind a
/// `u32` index table: the inline table with a precomputed hash was fastest, because a
/// look-up costs at most two cache misses; see BENCHMARKS.md.)
#[derive(Debug, Clone, Default)]
pub struct TermCounts {
    table: HashTable<Slot>,
    /// Distinct unigram keys (terms and stopwords), only kept when `terms` holds n-grams or
    /// stopwords are removed; see [`TermCounts::types`].
    types: StrSet,
    /// Documents seen.
    pub documents: u64,
    /// Word and number tokens counted (stopwords included; URLs, e-mails, handles and
    /// numbers under `--no-numbers` excluded).
    pub tokens: u64,
    /// Tokens that were stopwords.
    pub stopword_tokens: u64,
    /// URL tokens (not terms).
    pub urls: u64,
    /// E-mail tokens (not terms).
    pub emails: u64,
    /// Handle tokens (not terms).
    pub handles: u64,
    /// Sentences seen.
    pub sentences: u64,
    /// UTF-8 bytes of the documents' text.
    pub bytes: u64,
    /// Worker-local document sequence (for `df`).
    doc_seq: u64,
}

impl TermCounts {
    /// Starts a new document: the next [`TermCounts::add`] calls count towards its `df`.
    pub fn begin_document(&mut self, text_bytes: usize) {
        self.documents += 1;
        self.bytes += text_bytes as u64;
        self.doc_seq += 1;
    }

    /// Counts one occurrence of `key` in the current document.
    #[inline]
    pub fn add(&mut self, key: &str) {
        self.add_hashed(key, key_hash(key));
    }

    /// [`TermCounts::add`] with `hash` = [`key_hash`]`(key)` already computed (the
    /// pipeline's [`Term::key_hash`](crate::text::pipeline::Term::key_hash)).
    #[inline]
    pub fn add_hashed(&mut self, key: &str, hash: u64) {
        self.add_n_hashed(key, hash, 1);
    }

    /// Counts `n` occurrences of `key` (hash `hash` = [`key_hash`]`(key)`) in the current
    /// document: `count` grows by `n`, `df` by 1 the first time the key is counted in the
    /// document.
    #[inline]
    pub fn add_n_hashed(&mut self, key: &str, hash: u64, n: u64) {
        let seq = self.doc_seq;
        let e = self.entry_mut(key, hash);
        e.count += n;
        if e.last_doc != seq {
            e.last_doc = seq;
            e.df += 1;
        }
    }

    /// Looks up the slot of `hash` and throws the answer away: called for a run of keys
    /// before counting them, it issues independent loads whose cache misses the processor
    /// overlaps (safe code has no prefetch instruction); see [`TermCounts::add_batch`].
    #[inline]
    pub fn touch(&self, hash: u64) {
        let _ = self.table.find(hash, |s| std::hint::black_box(s.entry.count) == u64::MAX);
    }

    /// The counters of `key` (hash `hash`), inserted empty when new.
    #[inline]
    fn entry_mut(&mut self, key: &str, hash: u64) -> &mut TermEntry {
        match self.table.entry(hash, |s| s.key == key, |s| key_hash(&s.key)) {
            hashbrown::hash_table::Entry::Occupied(o) => &mut o.into_mut().entry,
            hashbrown::hash_table::Entry::Vacant(v) => {
                &mut v
                    .insert(Slot { key: CompactString::from(key), entry: TermEntry::default() })
                    .into_mut()
                    .entry
            }
        }
    }

    /// Records a unigram type (for [`TermCounts::types`]) when unigrams are not the terms.
    #[inline]
    pub fn add_type(&mut self, key: &str) {
        self.types.insert(key);
    }

    /// [`TermCounts::add_type`] with the key's hash already computed.
    #[inline]
    pub fn add_type_hashed(&mut self, key: &str, hash: u64) {
        self.types.insert_hashed(key, hash);
    }

    /// Distinct unigram types: the keys recorded with [`TermCounts::add_type`] when any
    /// were, else the term keys.
    pub fn types(&self) -> usize {
        if self.types.is_empty() { self.len() } else { self.types.len() }
    }

    /// The raw counters of `key`, if it was seen.
    pub fn get(&self, key: &str) -> Option<&TermEntry> {
        self.table.find(key_hash(key), |s| s.key == key).map(|s| &s.entry)
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// True when no term was counted.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every term and its counters, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &TermEntry)> {
        self.table.iter().map(|s| (s.key.as_str(), &s.entry))
    }

    /// Adds `other` into `self`. Associative and commutative for all counters; `df` adds
    /// correctly because the two sides never share a document.
    pub fn merge(&mut self, mut other: TermCounts) {
        if other.len() > self.len() {
            std::mem::swap(&mut self.table, &mut other.table);
        }
        for Slot { key, entry: v } in std::mem::take(&mut other.table) {
            let e = self.entry_mut(&key, key_hash(&key));
            e.count += v.count;
            e.df += v.df;
        }
        if other.types.len() > self.types.len() {
            std::mem::swap(&mut self.types, &mut other.types);
        }
        self.types.extend(other.types);
        self.documents += other.documents;
        self.tokens += other.tokens;
        self.stopword_tokens += other.stopword_tokens;
        self.urls += other.urls;
        self.emails += other.emails;
        self.handles += other.handles;
        self.sentences += other.sentences;
        self.bytes += other.bytes;
        // the worker-local sequence numbers are meaningless after a merge; keep them
        // disjoint in case counting continues
        self.doc_seq = self.doc_seq.max(other.doc_seq) + 1;
    }

    /// Turns the counts into sorted rows: the `top` first ones (all when `top` is 0) in
    /// `sort` order, ties by term in code-point order.
    ///
    /// With a `top`, the rows are selected before they are sorted (partial selection, then
    /// a sort of the `top` kept), and only the kept rows own their term string.
    pub fn finish(&self, opts: &FinishOptions) -> Vec<TermRow> {
        let n_docs = self.documents as f64;
        let tokens = self.tokens as f64;
        let mut rows: Vec<RowRef<'_>> = self
            .iter()
            .filter(|(_, e)| e.count >= opts.min_count && e.df >= opts.min_df)
            .map(|(k, e)| RowRef {
                term: k,
                count: e.count,
                df: e.df,
                per_10k: if tokens > 0.0 { e.count as f64 * 10_000.0 / tokens } else { 0.0 },
                tfidf: tfidf(e.count, e.df, n_docs),
            })
            .collect();
        let by = opts.sort;
        let cmp = |a: &RowRef<'_>, b: &RowRef<'_>| {
            cmp_rows((a.term, a.count, a.df, a.tfidf), (b.term, b.count, b.df, b.tfidf), by)
        };
        if opts.top > 0 && rows.len() > opts.top {
            rows.select_nth_unstable_by(opts.top - 1, cmp);
            rows.truncate(opts.top);
        }
        rows.sort_unstable_by(cmp);
        rows.into_iter()
            .map(|r| TermRow {
                term: r.term.to_string(),
                count: r.count,
                df: r.df,
                per_10k: r.per_10k,
                tfidf: r.tfidf,
            })
            .collect()
    }
}

/// Term occurrences of the current document waiting to be counted (see
/// [`TermCounts::add_batch`]).
///
/// Counting a document's terms in one tight loop after the document has been scanned,
/// instead of one look-up between every two tokens, lets the processor overlap the cache
/// misses of consecutive look-ups and keeps the scanner's data and the term table from
/// evicting each other.
#[derive(Debug, Default, Clone)]
pub struct TermBatch {
    keys: String,
    items: Vec<(usize, usize, u64)>,
}

impl TermBatch {
    /// A batch is flushed once its keys reach this many bytes, so it stays in cache.
    pub const FLUSH_BYTES: usize = 32 << 10;

    /// Queues one occurrence of `key` (hash `hash`).
    #[inline]
    pub fn push(&mut self, key: &str, hash: u64) {
        let start = self.keys.len();
        self.keys.push_str(key);
        self.items.push((start, self.keys.len(), hash));
    }

    /// True when the batch should be counted now ([`TermBatch::FLUSH_BYTES`]).
    #[inline]
    pub fn is_full(&self) -> bool {
        self.keys.len() >= Self::FLUSH_BYTES
    }

    /// Number of queued occurrences.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when nothing is queued.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl TermCounts {
    /// Look-ups touched ahead in [`TermCounts::add_batch`].
    pub const PREFETCH: usize = 16;

    /// Counts every occurrence queued in `batch` (all in the current document) and empties
    /// it. Same result as calling [`TermCounts::add_hashed`] for each, in any order.
    pub fn add_batch(&mut self, batch: &mut TermBatch) {
        for chunk in batch.items.chunks(Self::PREFETCH) {
            // first touch the slots of the whole chunk: independent loads whose cache
            // misses the processor overlaps (safe code has no prefetch instruction)
            for &(_, _, hash) in chunk {
                self.touch(hash);
            }
            for &(start, end, hash) in chunk {
                if let Some(key) = batch.keys.get(start..end) {
                    self.add_hashed(key, hash);
                }
            }
        }
        batch.keys.clear();
        batch.items.clear();
    }
}

/// A row of [`TermCounts::finish`] before it owns its term.
#[derive(Debug, Clone, Copy)]
struct RowRef<'a> {
    term: &'a str,
    count: u64,
    df: u64,
    per_10k: f64,
    tfidf: f64,
}

/// The order of the term table: `by` first, then the term in code-point order (a total
/// order, since terms are distinct). Fields: (term, count, df, tfidf).
fn cmp_rows(a: (&str, u64, u64, f64), b: (&str, u64, u64, f64), by: SortBy) -> std::cmp::Ordering {
    let primary = match by {
        SortBy::Count => b.1.cmp(&a.1),
        SortBy::Df => b.2.cmp(&a.2).then(b.1.cmp(&a.1)),
        SortBy::Tfidf => b.3.total_cmp(&a.3),
        SortBy::Term => std::cmp::Ordering::Equal,
    };
    primary.then_with(|| a.0.cmp(b.0))
}

/// TF-IDF of a term over a corpus: `count × ln(N / df)` with the natural logarithm, where
/// `count` is the term's total occurrences, `df` the documents containing it and `N` the
/// documents in the corpus (Spärck Jones 1972; Salton & Buckley 1988, "tf × idf" weighting).
/// A term in every document scores 0; `df = 0` or `N = 0` gives 0 (never NaN or infinity).
pub fn tfidf(count: u64, df: u64, n_docs: f64) -> f64 {
    if df == 0 || n_docs <= 0.0 {
        return 0.0;
    }
    let v = count as f64 * (n_docs / df as f64).ln();
    if v.is_finite() { v.max(0.0) } else { 0.0 }
}

/// Sort order of the term table (`--sort`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Count, descending (the default).
    #[default]
    Count,
    /// Document frequency, descending.
    Df,
    /// TF-IDF, descending.
    Tfidf,
    /// Term, ascending code-point order.
    Term,
}

/// How to turn counts into rows.
#[derive(Debug, Clone, Copy, Default)]
pub struct FinishOptions {
    /// Keep terms with at least this count.
    pub min_count: u64,
    /// Keep terms in at least this many documents.
    pub min_df: u64,
    /// Sort order; ties are always broken by term in code-point order.
    pub sort: SortBy,
    /// Keep the first `top` rows; 0 keeps all.
    pub top: usize,
}

/// One row of the term table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermRow {
    /// The term key (normalised; segmented/stemmed when asked; n-grams joined by a space).
    pub term: String,
    /// Occurrences.
    pub count: u64,
    /// Documents containing it.
    pub df: u64,
    /// Occurrences per 10,000 corpus tokens (`corpus.tokens`, stopwords included).
    pub per_10k: f64,
    /// `count × ln(N / df)`, see [`tfidf`].
    pub tfidf: f64,
}

/// Sorts rows by `by` (descending for numbers), ties by term in code-point order.
pub fn sort_rows(rows: &mut [TermRow], by: SortBy) {
    rows.sort_by(|a, b| {
        cmp_rows((&a.term, a.count, a.df, a.tfidf), (&b.term, b.count, b.df, b.tfidf), by)
    });
}

/// Builds n-gram keys from a stream of term keys within one sentence: feed each term with
/// [`NgramWindow::push`] and call [`NgramWindow::reset`] at every break (sentence end,
/// stopword, excluded token).
#[derive(Debug, Default)]
pub struct NgramWindow {
    n: usize,
    keys: std::collections::VecDeque<String>,
    spare: Vec<String>,
    buf: String,
}

impl NgramWindow {
    /// A window for n-grams of `n` terms (n ≥ 1).
    pub fn new(n: usize) -> Self {
        NgramWindow { n: n.max(1), ..Default::default() }
    }

    /// Forgets the previous terms (an n-gram never spans a break).
    pub fn reset(&mut self) {
        while let Some(s) = self.keys.pop_front() {
            self.spare.push(s);
        }
    }

    /// Adds a term; returns the n-gram ending with it once `n` terms are in the window.
    pub fn push(&mut self, key: &str) -> Option<&str> {
        let mut s = self.spare.pop().unwrap_or_default();
        s.clear();
        s.push_str(key);
        self.keys.push_back(s);
        if self.keys.len() > self.n
            && let Some(old) = self.keys.pop_front()
        {
            self.spare.push(old);
        }
        if self.keys.len() < self.n {
            return None;
        }
        self.buf.clear();
        for (i, k) in self.keys.iter().enumerate() {
            if i > 0 {
                self.buf.push(' ');
            }
            self.buf.push_str(k);
        }
        Some(&self.buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn df_counts_documents_not_tokens() {
        let mut c = TermCounts::default();
        c.begin_document(10);
        c.add("a");
        c.add("a");
        c.add("b");
        c.begin_document(10);
        c.add("a");
        assert_eq!(c.get("a").map(|e| (e.count, e.df)), Some((3, 2)));
        assert_eq!(c.get("b").map(|e| (e.count, e.df)), Some((1, 1)));
    }

    #[test]
    fn merge_is_order_independent() {
        let mk = |docs: &[&[&str]]| {
            let mut c = TermCounts::default();
            for d in docs {
                c.begin_document(1);
                for w in *d {
                    c.add(w);
                }
            }
            c
        };
        let (a, b, c) = (mk(&[&["x", "y"]]), mk(&[&["x"], &["z", "x"]]), mk(&[&["y"]]));
        let mut ab_c = a.clone();
        ab_c.merge(b.clone());
        ab_c.merge(c.clone());
        let mut c_ba = c;
        let mut ba = b;
        ba.merge(a);
        c_ba.merge(ba);
        let o = FinishOptions::default();
        assert_eq!(ab_c.finish(&o), c_ba.finish(&o));
        // x: once in a's one document and once in each of b's two documents → count 3, df 3
        assert_eq!(ab_c.get("x").map(|e| (e.count, e.df)), Some((3, 3)));
        // y: in a's document and in c's document → count 2, df 2
        assert_eq!(ab_c.get("y").map(|e| (e.count, e.df)), Some((2, 2)));
    }

    #[test]
    fn tfidf_hand_computed() {
        // N = 4 documents, a term in 1 of them 3 times: 3 × ln(4) = 4.1588830833596715
        assert!((tfidf(3, 1, 4.0) - 3.0 * 4f64.ln()).abs() < 1e-12);
        assert_eq!(tfidf(5, 4, 4.0), 0.0);
        assert_eq!(tfidf(1, 0, 0.0), 0.0);
    }

    #[test]
    fn sort_ties_by_term() {
        let row =
            |t: &str, c| TermRow { term: t.into(), count: c, df: 1, per_10k: 0.0, tfidf: 0.0 };
        let mut v = vec![row("ب", 2), row("ا", 2), row("ج", 3)];
        sort_rows(&mut v, SortBy::Count);
        let terms: Vec<_> = v.iter().map(|r| r.term.as_str()).collect();
        assert_eq!(terms, ["ج", "ا", "ب"]);
    }

    #[test]
    fn ngram_window() {
        let mut w = NgramWindow::new(2);
        assert_eq!(w.push("a"), None);
        assert_eq!(w.push("b"), Some("a b"));
        assert_eq!(w.push("c"), Some("b c"));
        w.reset();
        assert_eq!(w.push("d"), None);
        assert_eq!(w.push("e"), Some("d e"));
    }
}
