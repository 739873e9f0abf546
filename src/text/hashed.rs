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

/// Interns strings as dense ids `0, 1, 2…` in order of first appearance, looked up with a
/// precomputed [`key_hash`]. The strings are stored back to back in one buffer, so
/// interning allocates only when that buffer or the table grows, and
/// [`Interner::clear`] keeps both for the next use (e.g. the next document).
#[derive(Debug, Clone, Default)]
pub struct Interner {
    arena: String,
    /// Byte range of each id's string in `arena`.
    spans: Vec<(u32, u32)>,
    hashes: Vec<u64>,
    table: HashTable<u32>,
}

impl Interner {
    /// An empty interner.
    pub fn new() -> Self {
        Interner::default()
    }

    /// The id of `s` (whose hash is `hash` = [`key_hash`]`(s)`), a new one when `s` was not
    /// interned yet.
    #[inline]
    pub fn intern_hashed(&mut self, s: &str, hash: u64) -> u32 {
        if let Some(id) = self.find_hashed(s, hash) {
            return id;
        }
        let Interner { arena, spans, hashes, table } = self;
        let id = spans.len() as u32;
        let start = arena.len() as u32;
        arena.push_str(s);
        spans.push((start, arena.len() as u32));
        hashes.push(hash);
        table.insert_unique(hash, id, |&k| hashes[k as usize]);
        id
    }

    /// The id of `s` (hash `hash`), if it is interned.
    #[inline]
    pub fn find_hashed(&self, s: &str, hash: u64) -> Option<u32> {
        let (arena, spans) = (&self.arena, &self.spans);
        self.table
            .find(hash, |&id| {
                let (a, b) = spans[id as usize];
                &arena[a as usize..b as usize] == s
            })
            .copied()
    }

    /// The id of `s`, a new one when `s` was not interned yet.
    pub fn intern(&mut self, s: &str) -> u32 {
        self.intern_hashed(s, key_hash(s))
    }

    /// The string of `id` (an id returned since the last [`Interner::clear`]).
    ///
    /// # Panics
    /// When `id` was not returned by this interner.
    #[inline]
    pub fn get(&self, id: u32) -> &str {
        let (a, b) = self.spans[id as usize];
        &self.arena[a as usize..b as usize]
    }

    /// The [`key_hash`] of the string of `id` (an id returned since the last
    /// [`Interner::clear`]).
    ///
    /// # Panics
    /// When `id` was not returned by this interner.
    #[inline]
    pub fn hash(&self, id: u32) -> u64 {
        self.hashes[id as usize]
    }

    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when nothing is interned.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Forgets every string, keeping the buffers.
    pub fn clear(&mut self) {
        self.arena.clear();
        self.spans.clear();
        self.hashes.clear();
        self.table.clear();
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

    #[test]
    fn interner_dense_ids_in_first_seen_order() {
        let mut i = Interner::new();
        assert_eq!(i.intern("مصر"), 0);
        assert_eq!(i.intern("تونس"), 1);
        assert_eq!(i.intern("مصر"), 0);
        assert_eq!(i.intern_hashed("ليبيا", key_hash("ليبيا")), 2);
        assert_eq!(i.find_hashed("ليبيا", key_hash("ليبيا")), Some(2));
        assert_eq!(i.find_hashed("ليبي", key_hash("ليبي")), None);
        assert_eq!((i.get(0), i.get(1), i.get(2), i.len()), ("مصر", "تونس", "ليبيا", 3));
        i.clear();
        assert!(i.is_empty());
        assert_eq!(i.intern("تونس"), 0);
        assert_eq!(i.get(0), "تونس");
    }
}
