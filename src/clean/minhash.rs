//! MinHash signatures over word 5-shingles and LSH banding, for near-duplicate documents.
//!
//! * **Shingles** (Broder 1997, "On the resemblance and containment of documents"): the
//!   document's normalised words (the same words as the line keys, see
//!   [`super::lines`]), every run of [`SHINGLE`] consecutive words. A document of fewer than
//!   [`SHINGLE`] words has no shingle and no signature (it can only be an exact duplicate).
//! * **Resemblance** of documents A and B: the Jaccard index of their shingle sets,
//!   J = |S(A) ∩ S(B)| / |S(A) ∪ S(B)|.
//! * **Signature**: [`PERMUTATIONS`] = 128 minima. Each shingle is hashed to 64 bits with
//!   XXH3; permutation k maps a shingle hash x to the high 32 bits of `a_k·x + b_k` (mod
//!   2⁶⁴; multiply-shift hashing, Dietzfelbinger et al. 1997), with odd `a_k` and `b_k` drawn
//!   from a fixed-seed SplitMix64 generator, so signatures are the same on every run and
//!   machine. For each k the signature keeps the minimum over the shingles.
//! * **Estimate**: the share of the 128 positions where two signatures agree estimates J
//!   (Broder 1997); its standard error is √(J(1−J)/128), 0.027 at J = 0.9.
//! * **Banding** (Indyk & Motwani 1998; Leskovec, Rajaraman & Ullman, *Mining of Massive
//!   Datasets*, ch. 3): the signature is cut into [`BANDS`] = 16 bands of [`ROWS`] = 8
//!   positions; two documents are candidates when any band is equal. A pair of resemblance
//!   J becomes a candidate with probability 1 − (1 − J⁸)¹⁶: 0.99989 at J = 0.9, 0.96 at
//!   J = 0.7, 0.23 at J = 0.5. Candidates are then kept only when the estimate reaches the
//!   threshold.

use xxhash_rust::xxh3::xxh3_64;

/// Words per shingle.
pub const SHINGLE: usize = 5;
/// Minima per signature.
pub const PERMUTATIONS: usize = 128;
/// LSH bands.
pub const BANDS: usize = 16;
/// Signature positions per band (`BANDS × ROWS = PERMUTATIONS`).
pub const ROWS: usize = 8;

/// A MinHash signature: [`PERMUTATIONS`] minima of 32 bits.
pub type Signature = Box<[u32]>;

/// The permutations of a MinHash signature (fixed: every run uses the same ones).
#[derive(Debug, Clone)]
pub struct MinHasher {
    a: [u64; PERMUTATIONS],
    b: [u64; PERMUTATIONS],
}

impl Default for MinHasher {
    fn default() -> Self {
        Self::new()
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): the generator of the permutation parameters.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl MinHasher {
    /// The permutations, from the fixed seed 0x74686c696c ("thlil").
    pub fn new() -> Self {
        let mut state = 0x0074_686c_696c_u64;
        let mut a = [0u64; PERMUTATIONS];
        let mut b = [0u64; PERMUTATIONS];
        for k in 0..PERMUTATIONS {
            a[k] = splitmix64(&mut state) | 1;
            b[k] = splitmix64(&mut state);
        }
        MinHasher { a, b }
    }

    /// The signature of a document given the 64-bit hashes of its words in order (see
    /// [`word_hash`]); `None` when it has fewer than [`SHINGLE`] words.
    pub fn signature(&self, words: &[u64]) -> Option<Signature> {
        if words.len() < SHINGLE {
            return None;
        }
        let mut sig = vec![u32::MAX; PERMUTATIONS].into_boxed_slice();
        let mut bytes = [0u8; 8 * SHINGLE];
        for w in words.windows(SHINGLE) {
            for (i, h) in w.iter().enumerate() {
                bytes[8 * i..8 * i + 8].copy_from_slice(&h.to_le_bytes());
            }
            let x = xxh3_64(&bytes);
            for ((m, a), b) in sig.iter_mut().zip(&self.a).zip(&self.b) {
                let v = (a.wrapping_mul(x).wrapping_add(*b) >> 32) as u32;
                if v < *m {
                    *m = v;
                }
            }
        }
        Some(sig)
    }
}

/// The 64-bit hash of one normalised word.
#[inline]
pub fn word_hash(word: &str) -> u64 {
    xxh3_64(word.as_bytes())
}

/// The estimated resemblance of two documents: the share of signature positions where
/// they agree, in [0, 1].
pub fn estimate(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len() as f64
}

/// The [`BANDS`] band hashes of a signature; band `i`'s hash also depends on `i`, so equal
/// values in different bands never meet in one bucket.
pub fn bands(sig: &[u32]) -> [u64; BANDS] {
    let mut out = [0u64; BANDS];
    let mut bytes = [0u8; 4 * ROWS + 1];
    for (i, o) in out.iter_mut().enumerate() {
        bytes[0] = i as u8;
        for (r, v) in sig.iter().skip(i * ROWS).take(ROWS).enumerate() {
            bytes[1 + 4 * r..5 + 4 * r].copy_from_slice(&v.to_le_bytes());
        }
        *o = xxh3_64(&bytes);
    }
    out
}

/// The exact resemblance (Jaccard index) of the shingle sets of two word sequences; 0 when
/// either has no shingle. For tests and audits (it holds both sets in memory).
pub fn jaccard_exact(a: &[u64], b: &[u64]) -> f64 {
    use rustc_hash::FxHashSet;
    let set =
        |w: &[u64]| -> FxHashSet<Vec<u64>> { w.windows(SHINGLE).map(|s| s.to_vec()).collect() };
    let (sa, sb) = (set(a), set(b));
    if sa.is_empty() || sb.is_empty() {
        return 0.0;
    }
    let inter = sa.intersection(&sb).count();
    inter as f64 / (sa.len() + sb.len() - inter) as f64
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn words(n: usize, offset: u64) -> Vec<u64> {
        (0..n as u64).map(|i| word_hash(&format!("w{}", i + offset))).collect()
    }

    #[test]
    fn short_documents_have_no_signature() {
        let m = MinHasher::new();
        assert!(m.signature(&words(4, 0)).is_none());
        assert!(m.signature(&words(5, 0)).is_some());
    }

    #[test]
    fn identical_and_disjoint() {
        let m = MinHasher::new();
        let a = m.signature(&words(50, 0)).expect("50 words");
        let b = m.signature(&words(50, 0)).expect("50 words");
        assert_eq!(estimate(&a, &b), 1.0);
        assert_eq!(bands(&a), bands(&b));
        let c = m.signature(&words(50, 1000)).expect("50 words");
        // disjoint shingle sets: J = 0; two 32-bit minima agree by chance with p ≈ 2⁻³²
        assert_eq!(estimate(&a, &c), 0.0);
        assert!(bands(&a).iter().zip(bands(&c)).all(|(x, y)| *x != y));
    }

    #[test]
    fn estimate_tracks_exact_jaccard() {
        // 100 words; the copy changes the last word: A has 96 shingles, B 96, they share 95
        // (every shingle but the last), so J = 95 / (96 + 96 − 95) = 95/97 = 0.979.
        let a = words(100, 0);
        let mut b = a.clone();
        b[99] = word_hash("other");
        assert!((jaccard_exact(&a, &b) - 95.0 / 97.0).abs() < 1e-12);
        let m = MinHasher::new();
        let (sa, sb) = (m.signature(&a).expect("a"), m.signature(&b).expect("b"));
        let e = estimate(&sa, &sb);
        // within 3 standard errors: √(0.979·0.021/128) = 0.0127
        assert!((e - 95.0 / 97.0).abs() < 3.0 * 0.0127, "estimate {e}");
        // 40 of the 100 words changed (the even positions 0, 2, …, 78): a window of 5
        // words starting at s is untouched only when it holds no even position below 80,
        // i.e. s ≥ 79 (window 79..83 holds 79, 80–83): the 17 windows s = 79..95 are shared,
        // so J = 17 / (96 + 96 − 17) = 17/175.
        let mut c = a.clone();
        for i in (0..80).step_by(2) {
            c[i] = word_hash(&format!("x{i}"));
        }
        let j = jaccard_exact(&a, &c);
        assert!((j - 17.0 / 175.0).abs() < 1e-12, "{j}");
        let sc = m.signature(&c).expect("c");
        assert!(estimate(&sa, &sc) < 0.3);
    }
}
