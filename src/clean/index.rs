//! The first pass: document fingerprints, their mergeable partial, and the index that the
//! counting pass reads.
//!
//! 1. [`Fingerprinter::fingerprint`] reads one document: the hash of each line's key
//!    ([`super::lines`]), the document's text hash (its words joined by single spaces, XXH3
//!    128 bits), the lines the user's `--drop-lines` list matches, and (for
//!    `--duplicates near`) its MinHash signature.
//! 2. [`CleanPartial::add`] folds fingerprints, [`CleanPartial::merge`] joins two partials
//!    (built on different threads, or on different shards of a corpus). Both are exact and
//!    order-free: the result does not depend on which partial saw which document.
//! 3. [`CleanPartial::finish`] decides, in corpus order (by [`DocKey`]), which documents are
//!    duplicates and which lines are boilerplate, and returns a [`CleanIndex`].
//!
//! # Why exact counts (and what they cost)
//!
//! A line is boilerplate when at least K *distinct* documents hold it. Counting over
//! distinct texts matters: five copies of one article must not make every line of it
//! boilerplate (and leave the kept copy empty). A count-min sketch (Cormode & Muthukrishnan
//! 2005) would bound memory, but it only adds, so it cannot take back the lines of a copy
//! found later, and it overestimates; a heavy-hitters summary (Misra–Gries) underestimates.
//! Both make the K decision approximate. So the partial keeps, for each distinct text, its
//! line hashes (8 bytes per line) and the ids of its copies; merging is a union by text
//! hash that keeps the copy first in corpus order. Memory is therefore 8 bytes per line of
//! each distinct document plus about 100 bytes per document (and 512 bytes per document
//! for the signature with `--duplicates near`): 4.6 MB for the 31,525 documents and
//! 425,000 lines of ANT, about 1/300 of the input size for news text. Exact duplicates keep
//! only their id. With `--boilerplate keep`, no `--drop-lines` and `--duplicates keep` no
//! first pass is needed at all.

use super::lines::{DropLines, LineHash, LineScratch, hash_key, hash_key_in_group, line_key};
use super::minhash::{self, MinHasher, Signature};
use crate::analysis::DocKey;
use crate::corpus::Document;
use crate::structure;
use crate::text::Normalizer;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::sync::Arc;

/// `--duplicates`: what to do with duplicate documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum DuplicateMode {
    /// Count every document, copies included.
    Keep,
    /// Count documents with the same normalised text once (the first in corpus order).
    #[default]
    Drop,
    /// As `drop`, and also drop near-duplicates: documents whose estimated resemblance
    /// (MinHash, word 5-shingles) with an earlier kept document is at least the threshold.
    Near,
}

/// `--boilerplate`: what to do with lines repeated across documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum BoilerplateMode {
    /// Leave boilerplate lines out of every count (the default).
    #[default]
    Drop,
    /// Count boilerplate lines like any other (they are still listed).
    Keep,
}

/// Options of the first pass and of its decisions.
#[derive(Debug, Clone)]
pub struct CleanOptions {
    /// Boilerplate lines dropped or kept.
    pub boilerplate: BoilerplateMode,
    /// A fixed K (`--boilerplate-min-docs`); `None`: K = max([`Self::min_docs_floor`],
    /// ⌈[`Self::min_docs_share`] × documents of the group⌉).
    pub min_docs: Option<u64>,
    /// The floor of the default K (5).
    pub min_docs_floor: u64,
    /// The share of the group's documents in the default K (0.005 = 0.5 %).
    pub min_docs_share: f64,
    /// Duplicate documents kept, dropped, or near-duplicates dropped too.
    pub duplicates: DuplicateMode,
    /// Estimated resemblance from which a document is a near-duplicate (0.9).
    pub near_threshold: f64,
    /// The user's `--drop-lines` list.
    pub drop_lines: Option<Arc<DropLines>>,
}

impl Default for CleanOptions {
    fn default() -> Self {
        CleanOptions {
            boilerplate: BoilerplateMode::Drop,
            min_docs: None,
            min_docs_floor: 5,
            min_docs_share: 0.005,
            duplicates: DuplicateMode::Drop,
            near_threshold: 0.9,
            drop_lines: None,
        }
    }
}

impl CleanOptions {
    /// Whether any first pass is needed: duplicates dropped, boilerplate dropped, or a
    /// `--drop-lines` list.
    pub fn needs_first_pass(&self) -> bool {
        self.duplicates != DuplicateMode::Keep
            || self.boilerplate == BoilerplateMode::Drop
            || self.drop_lines.as_ref().is_some_and(|d| !d.is_empty())
    }

    /// K for a group of `documents` distinct documents (see [`Self::min_docs`]); at least 1.
    pub fn threshold(&self, documents: u64) -> u64 {
        match self.min_docs {
            Some(k) => k.max(1),
            None => {
                let share = (self.min_docs_share * documents as f64).ceil();
                let share = if share.is_finite() && share > 0.0 { share as u64 } else { 0 };
                self.min_docs_floor.max(share).max(1)
            }
        }
    }
}

/// What the first pass keeps of one document.
#[derive(Debug, Clone)]
pub struct DocPrint {
    /// Position in the corpus.
    pub key: DocKey,
    /// Document id.
    pub id: Box<str>,
    /// Its group (`--by` value; empty without `--by`).
    pub group: Box<str>,
    /// Words in the document (see [`super::lines`]).
    pub words: u64,
    /// XXH3-128 of the document's words joined by single spaces (0 when it has none).
    pub text_hash: u128,
    /// For each line of the text in order ([`structure::lines`]): the hash of its key in its
    /// group, 0 for a line without words.
    pub lines: Vec<LineHash>,
    /// 1-based numbers of the lines matched by `--drop-lines`.
    pub user_dropped: Vec<u32>,
    /// The MinHash signature (`--duplicates near` only, and documents of 5 words or more).
    pub signature: Option<Signature>,
}

/// Builds [`DocPrint`]s; one per run, shared by the worker threads.
#[derive(Debug, Clone)]
pub struct Fingerprinter {
    normalizer: Normalizer,
    drop_lines: Option<Arc<DropLines>>,
    minhash: Option<MinHasher>,
}

/// Per-thread buffers of [`Fingerprinter::fingerprint`].
#[derive(Debug, Default, Clone)]
pub struct PrintScratch {
    line: LineScratch,
    words: Vec<u64>,
}

impl Fingerprinter {
    /// A fingerprinter normalising with `normalizer` (the run's preset).
    pub fn new(normalizer: Normalizer, opts: &CleanOptions) -> Self {
        Fingerprinter {
            normalizer,
            drop_lines: opts.drop_lines.clone().filter(|d| !d.is_empty()),
            minhash: (opts.duplicates == DuplicateMode::Near).then(MinHasher::new),
        }
    }

    /// The fingerprint of `doc` at corpus position `key`, in group `group`.
    pub fn fingerprint(
        &self,
        doc: &Document,
        key: DocKey,
        group: &str,
        scratch: &mut PrintScratch,
    ) -> DocPrint {
        let mut text = xxhash_rust::xxh3::Xxh3Default::new();
        let mut words = 0u64;
        let mut lines = Vec::new();
        let mut user_dropped = Vec::new();
        scratch.words.clear();
        for (no, span) in structure::lines(&doc.text) {
            let raw = &doc.text[span];
            let keyed = line_key(&self.normalizer, raw, &mut scratch.line);
            let mut plain = None;
            let h = match keyed {
                Some((k, w)) => {
                    if words > 0 {
                        text.update(b" ");
                    }
                    text.update(k.as_bytes());
                    words += w as u64;
                    if self.minhash.is_some() {
                        scratch.words.extend(k.split(' ').map(minhash::word_hash));
                    }
                    plain = Some(hash_key(k));
                    // never 0: 0 marks a line without words
                    hash_key_in_group(group, k).max(1)
                }
                None => 0,
            };
            lines.push(h);
            if let Some(d) = &self.drop_lines
                && d.matches(raw, plain)
            {
                user_dropped.push(no as u32);
            }
        }
        let signature = match &self.minhash {
            Some(m) => m.signature(&scratch.words),
            None => None,
        };
        DocPrint {
            key,
            id: doc.id.as_str().into(),
            group: group.into(),
            words,
            text_hash: if words > 0 { text.digest128() } else { 0 },
            lines,
            user_dropped,
            signature,
        }
    }
}

/// One distinct text: its first copy in corpus order and the others.
#[derive(Debug, Clone)]
struct Entry {
    first: DocPrint,
    /// The other copies; their lines and signature are kept only with `--duplicates keep`
    /// (they are counted then, and may differ in line breaks and raw text).
    copies: Vec<DocPrint>,
}

/// The mergeable result of the first pass.
#[derive(Debug, Clone, Default)]
pub struct CleanPartial {
    keep_copies: bool,
    texts: FxHashMap<u128, Entry>,
    /// Documents without any word: never duplicates of each other, no lines.
    wordless: Vec<(DocKey, Box<str>)>,
}

impl CleanPartial {
    /// An empty partial for a run with these options.
    pub fn new(opts: &CleanOptions) -> Self {
        CleanPartial { keep_copies: opts.duplicates == DuplicateMode::Keep, ..Default::default() }
    }

    /// A copy as stored: without lines and signature unless copies are counted.
    fn copy(keep_copies: bool, mut p: DocPrint) -> DocPrint {
        if !keep_copies {
            p.lines = Vec::new();
            p.user_dropped = Vec::new();
            p.signature = None;
        }
        p
    }

    /// Adds one document's fingerprint.
    pub fn add(&mut self, print: DocPrint) {
        if print.words == 0 {
            self.wordless.push((print.key, print.group));
            return;
        }
        let keep = self.keep_copies;
        match self.texts.get_mut(&print.text_hash) {
            None => {
                self.texts.insert(print.text_hash, Entry { first: print, copies: Vec::new() });
            }
            Some(e) => {
                let other = if print.key < e.first.key {
                    std::mem::replace(&mut e.first, print)
                } else {
                    print
                };
                e.copies.push(Self::copy(keep, other));
            }
        }
    }

    /// Adds `other` into `self`: the union of the two, each text's first copy the one first
    /// in corpus order. Associative and commutative.
    pub fn merge(&mut self, other: CleanPartial) {
        self.wordless.extend(other.wordless);
        let keep = self.keep_copies;
        for (h, e) in other.texts {
            match self.texts.get_mut(&h) {
                None => {
                    self.texts.insert(h, e);
                }
                Some(mine) => {
                    let Entry { first, copies } = e;
                    mine.copies.extend(copies);
                    let other = if first.key < mine.first.key {
                        std::mem::replace(&mut mine.first, first)
                    } else {
                        first
                    };
                    mine.copies.push(Self::copy(keep, other));
                }
            }
        }
    }

    /// Documents added so far.
    pub fn documents(&self) -> u64 {
        self.wordless.len() as u64
            + self.texts.values().map(|e| 1 + e.copies.len() as u64).sum::<u64>()
    }

    /// Decides duplicates and boilerplate (see [`CleanIndex`]).
    pub fn finish(self, opts: &CleanOptions) -> CleanIndex {
        let documents = self.documents();
        let mut entries: Vec<Entry> = self.texts.into_values().collect();
        entries.sort_by(|a, b| a.first.key.cmp(&b.first.key));
        for e in &mut entries {
            e.copies.sort_by(|a, b| a.key.cmp(&b.key));
        }
        let mut duplicates = Vec::new();
        // exact copies
        if opts.duplicates != DuplicateMode::Keep {
            for e in &entries {
                for c in &e.copies {
                    duplicates.push(Duplicate {
                        id: c.id.to_string(),
                        key: c.key.clone(),
                        kind: DuplicateKind::Exact,
                        same_as: e.first.id.to_string(),
                        resemblance: 1.0,
                    });
                }
            }
        }
        // near copies: greedy in corpus order against the documents kept so far
        let mut near_dropped = vec![false; entries.len()];
        if opts.duplicates == DuplicateMode::Near {
            let bucket = |b: usize, h: u64| h ^ (b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let mut buckets: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
            let mut seen = FxHashSet::default();
            for i in 0..entries.len() {
                let Some(sig) = &entries[i].first.signature else { continue };
                let bands = minhash::bands(sig);
                let mut best: Option<(usize, f64)> = None;
                seen.clear();
                for (b, h) in bands.iter().enumerate() {
                    let Some(cands) = buckets.get(&bucket(b, *h)) else { continue };
                    for &j in cands {
                        if !seen.insert(j) {
                            continue;
                        }
                        let Some(other) = &entries[j].first.signature else { continue };
                        let r = minhash::estimate(sig, other);
                        // the earliest kept document at or above the threshold
                        if r >= opts.near_threshold && best.is_none_or(|(bj, _)| j < bj) {
                            best = Some((j, r));
                        }
                    }
                }
                match best {
                    Some((j, r)) => {
                        near_dropped[i] = true;
                        let e = &entries[i].first;
                        duplicates.push(Duplicate {
                            id: e.id.to_string(),
                            key: e.key.clone(),
                            kind: DuplicateKind::Near,
                            same_as: entries[j].first.id.to_string(),
                            resemblance: r,
                        });
                    }
                    None => {
                        for (b, h) in bands.iter().enumerate() {
                            buckets.entry(bucket(b, *h)).or_default().push(i);
                        }
                    }
                }
            }
        }
        duplicates.sort_by(|a, b| a.key.cmp(&b.key));
        let positions: FxHashMap<DocKey, usize> =
            duplicates.iter().enumerate().map(|(i, d)| (d.key.clone(), i)).collect();

        // the documents counted: first copies not near-dropped, and every copy with
        // `--duplicates keep`
        let counted: Vec<&DocPrint> = entries
            .iter()
            .enumerate()
            .filter(|(i, _)| !near_dropped[*i])
            .flat_map(|(_, e)| {
                std::iter::once(&e.first).chain(e.copies.iter().filter(|_| self.keep_copies))
            })
            .collect();

        // documents per group, and line counts over the distinct (group, text) pairs
        let mut group_docs: FxHashMap<&str, u64> = FxHashMap::default();
        for (_, g) in &self.wordless {
            *group_docs.entry(g).or_default() += 1;
        }
        let mut counts: FxHashMap<LineHash, (u64, DocKey, u32)> = FxHashMap::default();
        let mut texts_seen: FxHashSet<(&str, u128)> = FxHashSet::default();
        let mut seen_in_doc: FxHashSet<LineHash> = FxHashSet::default();
        for p in &counted {
            *group_docs.entry(&p.group).or_default() += 1;
            if !texts_seen.insert((&p.group, p.text_hash)) {
                continue;
            }
            seen_in_doc.clear();
            for (n, &h) in p.lines.iter().enumerate() {
                if h != 0 && seen_in_doc.insert(h) {
                    counts.entry(h).or_insert((0, p.key.clone(), n as u32 + 1)).0 += 1;
                }
            }
        }
        let mut thresholds: Vec<GroupThreshold> = group_docs
            .iter()
            .map(|(g, &d)| GroupThreshold {
                group: g.to_string(),
                documents: d,
                min_docs: opts.threshold(d),
            })
            .collect();
        thresholds.sort_by(|a, b| a.group.cmp(&b.group));
        let k_of: FxHashMap<&str, u64> =
            thresholds.iter().map(|t| (t.group.as_str(), t.min_docs)).collect();

        // boilerplate lines (the hash is salted with the group: look K up by the group of
        // a document holding it)
        let mut boilerplate = Vec::new();
        let mut is_boiler: FxHashSet<LineHash> = FxHashSet::default();
        let ids: FxHashMap<DocKey, &str> =
            counted.iter().map(|p| (p.key.clone(), &*p.id)).collect();
        for p in &counted {
            let k = k_of.get(&*p.group).copied().unwrap_or(u64::MAX);
            for &h in &p.lines {
                if h == 0 || is_boiler.contains(&h) {
                    continue;
                }
                if let Some((c, key, line)) = counts.get(&h).cloned()
                    && c >= k
                {
                    is_boiler.insert(h);
                    boilerplate.push(BoilerplateLine {
                        group: p.group.to_string(),
                        hash: h,
                        documents: c,
                        first: (key.clone(), line),
                        first_id: ids.get(&key).map(|s| s.to_string()).unwrap_or_default(),
                    });
                }
            }
        }
        boilerplate.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.first.cmp(&b.first)));

        // the lines each counted document leaves out
        let drop_boiler = opts.boilerplate == BoilerplateMode::Drop;
        let mut skip: FxHashMap<DocKey, Box<[u32]>> = FxHashMap::default();
        for p in &counted {
            let mut nos: Vec<u32> = p.user_dropped.clone();
            if drop_boiler {
                for (n, h) in p.lines.iter().enumerate() {
                    if *h != 0 && is_boiler.contains(h) {
                        nos.push(n as u32 + 1);
                    }
                }
            }
            if !nos.is_empty() {
                nos.sort_unstable();
                nos.dedup();
                skip.insert(p.key.clone(), nos.into());
            }
        }
        CleanIndex {
            documents,
            duplicates,
            positions,
            boilerplate,
            thresholds,
            skip,
            boilerplate_dropped: drop_boiler,
        }
    }
}

/// How a dropped document duplicates a kept one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DuplicateKind {
    /// Same normalised text.
    Exact,
    /// Estimated resemblance at or above the threshold.
    Near,
}

/// A document left out as a duplicate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duplicate {
    /// Its id.
    pub id: String,
    /// Its position in the corpus.
    #[serde(skip)]
    pub key: DocKey,
    /// Exact or near.
    pub kind: DuplicateKind,
    /// The id of the kept document it duplicates (first in corpus order).
    pub same_as: String,
    /// Estimated resemblance (MinHash) with that document; 1 for exact copies.
    pub resemblance: f64,
}

/// A boilerplate line found by the first pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoilerplateLine {
    /// Group (`--by` value) it was counted in; empty without `--by`.
    pub group: String,
    /// Hash of its key in its group.
    #[serde(skip)]
    pub hash: LineHash,
    /// Distinct kept documents holding it.
    pub documents: u64,
    /// Where it occurs first: (document position, 1-based line number).
    #[serde(skip)]
    pub first: (DocKey, u32),
    /// Id of the first document holding it.
    pub first_id: String,
}

/// K and the documents it was computed from, per group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupThreshold {
    /// Group (`--by` value); empty without `--by`.
    pub group: String,
    /// Distinct kept documents in the group.
    pub documents: u64,
    /// K: a line in at least this many of them is boilerplate.
    pub min_docs: u64,
}

/// The decisions of the first pass, read by the counting pass.
#[derive(Debug, Clone, Default)]
pub struct CleanIndex {
    /// Documents seen by the first pass.
    pub documents: u64,
    /// Documents left out as duplicates, in corpus order.
    pub duplicates: Vec<Duplicate>,
    positions: FxHashMap<DocKey, usize>,
    /// Boilerplate lines, most documents first (ties in corpus order of first occurrence).
    pub boilerplate: Vec<BoilerplateLine>,
    /// K per group, sorted by group.
    pub thresholds: Vec<GroupThreshold>,
    skip: FxHashMap<DocKey, Box<[u32]>>,
    boilerplate_dropped: bool,
}

impl CleanIndex {
    /// The duplicate record of the document at `key`, when it is left out.
    pub fn duplicate(&self, key: DocKey) -> Option<&Duplicate> {
        self.positions.get(&key).map(|&i| &self.duplicates[i])
    }

    /// The 1-based numbers of the lines ([`structure::lines`]) of the document at `key` that
    /// are left out (boilerplate when dropped, and `--drop-lines` matches), ascending.
    pub fn skipped_lines(&self, key: DocKey) -> &[u32] {
        self.skip.get(&key).map_or(&[], |b| b)
    }

    /// Whether detected boilerplate lines are left out (`--boilerplate drop`).
    pub fn boilerplate_dropped(&self) -> bool {
        self.boilerplate_dropped
    }

    /// Documents kept (seen minus duplicates left out).
    pub fn kept(&self) -> u64 {
        self.documents - self.duplicates.len() as u64
    }
}
