//! Hashing a term once: every table on the hot path (stopwords, term counts, type sets) is
//! keyed by [`key_hash`], which the pipeline computes once per token and hands on in
//! [`Term`](super::pipeline::Term), so no token is hashed twice.

use hashbrown::HashTable;
use std::hash::Hasher;

/// The hash of a term key (rustc-hash's FxHasher over the UTF-8 bytes): fast,
/// deterministic, not DoS-resistant (irrelevant for a corpus tool).
#[inline]
pub fn key_hash(s: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// A set of strings looked up with a precomputed [`key_hash`].
#[derive(Debug, Clone, Default)]
pub struct StrSet {
    table: HashTable<Box<str>>,
}

impl StrSet {
    /// An empty set.
    pub fn new() -> Self {
        StrSet::default()
    }

    /// Does the set hold `s`, whose hash is `hash` (= [`key_hash`]`(s)`)?
    #[inline]
    pub fn contains_hashed(&self, s: &str, hash: u64) -> bool {
        self.table.find(hash, |k| **k == *s).is_some()
    }

    /// Does the set hold `s`?
    pub fn contains(&self, s: &str) -> bool {
        self.contains_hashed(s, key_hash(s))
    }

    /// Adds `s` (hash `hash`); returns true when it was not there yet.
    #[inline]
    pub fn insert_hashed(&mut self, s: &str, hash: u64) -> bool {
        match self.table.entry(hash, |k| **k == *s, |k| key_hash(k)) {
            hashbrown::hash_table::Entry::Occupied(_) => false,
            hashbrown::hash_table::Entry::Vacant(v) => {
                v.insert(Box::from(s));
                true
            }
        }
    }

    /// Adds `s`; returns true when it was not there yet.
    pub fn insert(&mut self, s: &str) -> bool {
        self.insert_hashed(s, key_hash(s))
    }

    /// Adds every string of `other`.
    pub fn extend(&mut self, other: StrSet) {
        for s in other.table {
            let h = key_hash(&s);
            if self.table.find(h, |k| *k == s).is_none() {
                self.table.insert_unique(h, s, |k| key_hash(k));
            }
        }
    }

    /// Number of strings.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// True when the set is empty.
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// The strings, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.table.iter().map(|s| &**s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_semantics() {
        let mut a = StrSet::new();
        assert!(a.insert("مصر"));
        assert!(!a.insert("مصر"));
        assert!(a.contains("مصر") && !a.contains("مص"));
        let mut b = StrSet::new();
        b.insert("مصر");
        b.insert("تونس");
        a.extend(b);
        assert_eq!(a.len(), 2);
        let mut v: Vec<&str> = a.iter().collect();
        v.sort();
        assert_eq!(v, ["تونس", "مصر"]);
    }
}
