//! `--sample N --seed S`: a reproducible random subset of `N` documents, the same for any
//! thread count, input order or sharding.
//!
//! # Method: bottom-k sampling
//!
//! Every document gets a key `h = SipHash-2-4(k0 = S, k1 = K1; document key)` (64 bits;
//! J.-P. Aumasson and D. J. Bernstein, "SipHash: a fast short-input PRF", INDOCRYPT 2012),
//! and the sample is the `N` documents with the smallest `(h, document key, path, record)`
//! ([`SampleKey`]). This is *bottom-k* sampling (E. Cohen and H. Kaplan, "Summarizing data
//! using bottom-k sketches", PODC 2007):
//!
//! * **Uniform.** SipHash is a pseudo-random function of its key, so for a fixed seed the
//!   hashes of distinct documents behave as independent uniform draws; the `N` smallest of
//!   `n` exchangeable values are then a uniformly random `N`-subset, i.e. the sample has the
//!   distribution of simple random sampling without replacement. Different seeds give
//!   independent samples.
//! * **Mergeable.** The bottom `N` of a union is the bottom `N` of the union of each part's
//!   bottom `N`, so partial samples ([`BottomK`]) computed per thread, per file or per
//!   machine merge, in any order and grouping, into exactly the same sample.
//! * **Order-free.** Nothing depends on the order documents are met in, unlike sequential
//!   reservoir sampling (Vitter's Algorithm R), whose result changes with the input order
//!   and the thread schedule even for a fixed random seed.
//! * **Stable.** SipHash-2-4 is fully specified (checked against the paper's test vector),
//!   so a seed selects the same documents on every machine and in every version that keeps
//!   the document key.
//!
//! The **document key** should identify the document independently of how the corpus was
//! read: its id when ids are unique (ANT's `SK-middleEast-1-20180223`), which survives
//! moving or renaming files. Documents with equal ids get equal hashes and are ordered by
//! the rest of the [`SampleKey`] (path as given, record number), so the sample is still
//! deterministic.
//!
//! # Using it on a corpus
//!
//! A filter (`--where`) is applied first; the sample is drawn from the documents that pass.
//! The selection is known only when every document has been seen, so the run has two passes:
//! the first offers the [`SampleKey`] of every passing document to a [`BottomK`] (memory:
//! `N` keys) and ends with [`BottomK::threshold`]; the second analyses the documents whose
//! key is `≤` the threshold ([`Threshold::selects`]): a comparison, no set look-up. When
//! the corpus holds `N` documents or fewer, the threshold is `None` and all are kept.

use siphasher::sip::SipHasher24;
use std::collections::BinaryHeap;
use std::hash::Hasher;

/// The second SipHash key word (the first is the seed): the bytes `tahlil/sample` padded,
/// fixed so that samples stay the same across versions.
pub const K1: u64 = u64::from_le_bytes(*b"tahlil/s");

/// The 64-bit SipHash-2-4 of `key` with the keys `(seed, K1)`.
pub fn key_hash(seed: u64, key: &[u8]) -> u64 {
    let mut h = SipHasher24::new_with_keys(seed, K1);
    h.write(key);
    h.finish()
}

/// A document's place in the sampling order: its hash, then its key, path and record number
/// to break ties. Smaller keys are sampled first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SampleKey {
    /// [`key_hash`] of the document key.
    pub hash: u64,
    /// The document key (usually its id).
    pub key: String,
    /// The input file as named.
    pub path: String,
    /// Line or record number in the file (0 for a text file).
    pub record: u64,
}

impl SampleKey {
    /// The sample key of a document with key `key` (its id), read from `path`, record
    /// `record`.
    pub fn new(seed: u64, key: &str, path: &str, record: u64) -> SampleKey {
        SampleKey {
            hash: key_hash(seed, key.as_bytes()),
            key: key.to_string(),
            path: path.to_string(),
            record,
        }
    }

    /// The sample key of a corpus document: its id, path and record number.
    pub fn of_document(seed: u64, doc: &crate::corpus::Document) -> SampleKey {
        SampleKey::new(seed, &doc.id, &doc.path, doc.record.unwrap_or(0))
    }
}

/// The `k` smallest items offered so far: a partial sample that merges with others.
#[derive(Debug, Clone)]
pub struct BottomK<T: Ord> {
    k: usize,
    /// A max-heap of at most `k` items: its top is the largest kept.
    heap: BinaryHeap<T>,
}

impl<T: Ord> BottomK<T> {
    /// An empty sample of size `k` (keeps nothing when `k` is 0).
    pub fn new(k: usize) -> BottomK<T> {
        BottomK { k, heap: BinaryHeap::with_capacity(k.min(1 << 16) + 1) }
    }

    /// The sample size `k`.
    pub fn k(&self) -> usize {
        self.k
    }

    /// Items kept (at most `k`).
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// True when nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// Offers one item: it is kept if it is among the `k` smallest seen. O(log k).
    pub fn offer(&mut self, item: T) {
        if self.heap.len() < self.k {
            self.heap.push(item);
        } else if let Some(mut top) = self.heap.peek_mut()
            && item < *top
        {
            *top = item;
        }
    }

    /// Adds everything `other` kept: the result is the bottom `k` of both inputs together,
    /// whatever the order or grouping of merges.
    pub fn merge(&mut self, other: BottomK<T>) {
        for item in other.heap {
            self.offer(item);
        }
    }

    /// The items kept, smallest first.
    pub fn into_sorted(self) -> Vec<T> {
        self.heap.into_sorted_vec()
    }

    /// The largest item kept once `k` items are kept (`None` while fewer than `k` were
    /// offered, when everything offered is in the sample).
    pub fn threshold(self) -> Threshold<T> {
        let full = self.heap.len() >= self.k && self.k > 0;
        Threshold {
            largest: if full { self.heap.into_sorted_vec().pop() } else { None },
            k: self.k,
        }
    }
}

/// The second pass's test: an item is in the sample when it is `≤` the largest kept item.
#[derive(Debug, Clone)]
pub struct Threshold<T> {
    largest: Option<T>,
    k: usize,
}

impl<T: Ord> Threshold<T> {
    /// True when `item` belongs to the sample (always true when fewer than `k` items were
    /// offered in the first pass; never when `k` is 0).
    pub fn selects(&self, item: &T) -> bool {
        match &self.largest {
            Some(largest) => item <= largest,
            None => self.k > 0,
        }
    }

    /// The largest item of the sample, when the first pass saw at least `k` items.
    pub fn largest(&self) -> Option<&T> {
        self.largest.as_ref()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn siphash_matches_the_reference_vector() {
        // Aumasson & Bernstein (2012), appendix A: key 00 01 … 0f, message 00 01 … 0e
        // → a129ca6149be45e5.
        let k0 = u64::from_le_bytes([0, 1, 2, 3, 4, 5, 6, 7]);
        let k1 = u64::from_le_bytes([8, 9, 10, 11, 12, 13, 14, 15]);
        let msg: Vec<u8> = (0u8..15).collect();
        let mut h = SipHasher24::new_with_keys(k0, k1);
        h.write(&msg);
        assert_eq!(h.finish(), 0xa129_ca61_49be_45e5);
        // Our key is the seed and K1; the hash of a key is fixed forever.
        assert_eq!(K1, u64::from_le_bytes(*b"tahlil/s"));
        assert_eq!(key_hash(7, b"x"), key_hash(7, b"x"));
        assert_ne!(key_hash(7, b"x"), key_hash(8, b"x"));
    }

    #[test]
    fn bottom_k_keeps_the_smallest() {
        let mut b = BottomK::new(3);
        for x in [5, 1, 9, 3, 7, 2, 8] {
            b.offer(x);
        }
        assert_eq!(b.clone().into_sorted(), vec![1, 2, 3]);
        let t = b.threshold();
        assert_eq!(t.largest(), Some(&3));
        assert!(t.selects(&3) && t.selects(&1) && !t.selects(&4));
        // Fewer items than k: all selected.
        let mut b = BottomK::new(10);
        b.offer(4);
        let t = b.threshold();
        assert_eq!(t.largest(), None);
        assert!(t.selects(&1_000));
        // k = 0 keeps nothing.
        let mut b = BottomK::new(0);
        b.offer(1);
        assert!(b.is_empty());
        assert!(!b.threshold().selects(&1));
    }

    fn keys(n: usize, seed: u64) -> Vec<SampleKey> {
        (0..n)
            .map(|i| SampleKey::new(seed, &format!("doc-{i}"), "corpus.jsonl", i as u64 + 1))
            .collect()
    }

    #[test]
    fn the_same_sample_for_any_split_and_order() {
        let all = keys(5000, 42);
        let mut one = BottomK::new(100);
        all.iter().cloned().for_each(|k| one.offer(k));
        let want = one.into_sorted();
        assert_eq!(want.len(), 100);
        // Shards of uneven sizes, offered in reverse, merged in another order.
        let mut shards: Vec<BottomK<SampleKey>> = Vec::new();
        for chunk in all.rchunks(777) {
            let mut b = BottomK::new(100);
            chunk.iter().rev().cloned().for_each(|k| b.offer(k));
            shards.push(b);
        }
        let mut merged = BottomK::new(100);
        for s in shards.into_iter().rev() {
            merged.merge(s);
        }
        assert_eq!(merged.into_sorted(), want);
        // The second pass selects exactly those documents.
        let mut b = BottomK::new(100);
        all.iter().cloned().for_each(|k| b.offer(k));
        let t = b.threshold();
        let picked: Vec<&SampleKey> = all.iter().filter(|k| t.selects(k)).collect();
        assert_eq!(picked.len(), 100);
        assert!(picked.iter().all(|k| want.contains(k)));
    }

    #[test]
    fn samples_spread_over_the_corpus_and_differ_by_seed() {
        // 1000 of 10,000 documents: each tenth of the corpus (by position) should hold about
        // 100 (binomial sd ≈ 9.5); we accept 70–130, i.e. ±3 sd.
        for seed in [1u64, 2, 3] {
            let all = keys(10_000, seed);
            let mut b = BottomK::new(1000);
            all.iter().cloned().for_each(|k| b.offer(k));
            let mut deciles = [0u32; 10];
            for k in b.into_sorted() {
                deciles[(k.record as usize - 1) / 1000] += 1;
            }
            assert!(deciles.iter().all(|&n| (70..=130).contains(&n)), "seed {seed}: {deciles:?}");
        }
        let pick = |seed| {
            let mut b = BottomK::new(50);
            keys(1000, seed).into_iter().for_each(|k| b.offer(k));
            b.into_sorted().into_iter().map(|k| k.key).collect::<Vec<_>>()
        };
        let (a, b) = (pick(1), pick(2));
        let common = a.iter().filter(|k| b.contains(k)).count();
        // Expected overlap of two independent 50-of-1000 samples: 50·50/1000 = 2.5.
        assert!(common < 15, "{common}");
        assert_eq!(pick(1), a);
    }

    #[test]
    fn equal_ids_are_ordered_by_path_and_record() {
        let a = SampleKey::new(9, "same", "a.jsonl", 2);
        let b = SampleKey::new(9, "same", "a.jsonl", 1);
        let c = SampleKey::new(9, "same", "b.jsonl", 1);
        assert_eq!(a.hash, b.hash);
        let mut k = BottomK::new(2);
        for x in [a.clone(), b.clone(), c] {
            k.offer(x);
        }
        assert_eq!(k.into_sorted(), vec![b, a]);
    }
}
