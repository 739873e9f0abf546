//! Dispersion: is a term spread evenly over the parts of a corpus (documents, or the groups
//! of `--by`), or is it frequent because of a few parts?
//!
//! Inputs: for each part i of n, the term's frequency v_i in it and the part's size s_i in
//! tokens; f = Σ v_i, S = Σ s_i. The measures:
//!
//! * **range**: the number of parts with v_i > 0 (Keniston 1920's range).
//! * **Juilland's D** (Juilland & Chang-Rodríguez 1964, in the form for parts of unequal
//!   size that Gries 2008 and Soenning's `tlda` use): with the relative frequencies
//!   r_i = v_i / s_i, D = 1 − (σ(r) / mean(r)) / √(n − 1), σ the population standard
//!   deviation (divisor n). In [0, 1]; **1 = perfectly even**, 0 = all in one part.
//! * **DP**, deviation of proportions (Gries 2008, "Dispersions and adjusted frequencies in
//!   corpora", IJCL 13(4)): DP = ½ Σ |v_i/f − s_i/S|, the share of the term's occurrences
//!   that would have to move for them to follow the part sizes. In [0, 1 − min_i s_i/S];
//!   **0 = perfectly even** (proportional to part sizes).
//! * **DP_norm** (Lijffijt & Gries 2012, "Correction to Stefan Th. Gries' 'Dispersions and
//!   adjusted frequencies in corpora'", IJCL 17(1)): DP / (1 − min_i s_i/S), which reaches 1
//!   exactly when the term is confined to the smallest part. In [0, 1]; 0 = even.
//!
//! Note the opposite directions: high D is even, high DP is uneven (Gries' scaling).
//!
//! **Edge cases** (each returns `None` for the measure, shown as an empty cell or `null`):
//! a term of frequency 0 has no dispersion; with fewer than 2 non-empty parts there is
//! nothing to spread over, so D, DP and DP_norm are all `None` (range is still given).
//! Parts of size 0 hold no tokens and are ignored (they count neither in n nor in S).
//!
//! Two entry points: [`dispersion`] takes every part, [`PartSizes::dispersion`] takes only
//! the parts where the term occurs (plus a summary of all part sizes), which is what a
//! term–document count table stores; both give the same numbers.

use serde::Serialize;

/// The dispersion of one term. Every present value is finite.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Dispersion {
    /// f = Σ v_i, the term's frequency over all parts.
    pub frequency: u64,
    /// n, the number of non-empty parts.
    pub parts: u64,
    /// Parts where the term occurs (v_i > 0), in [0, n].
    pub range: u64,
    /// Juilland's D in [0, 1] (1 = even); `None` when f = 0 or n < 2.
    pub juilland_d: Option<f64>,
    /// Gries' DP in [0, 1) (0 = even); `None` when f = 0 or n < 2.
    pub dp: Option<f64>,
    /// DP_norm = DP / (1 − min s_i/S) in [0, 1] (0 = even); `None` when f = 0 or n < 2.
    pub dp_norm: Option<f64>,
}

/// A summary of all the parts of a corpus, the same for every term: how many non-empty
/// parts, their total size and the smallest size (all in tokens).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct PartSizes {
    /// n, the number of parts of size > 0.
    pub parts: u64,
    /// S, their total size in tokens.
    pub total: u64,
    /// The smallest size among them (0 when there are none).
    pub smallest: u64,
}

impl PartSizes {
    /// The summary of parts of the given sizes (sizes of 0 are skipped).
    pub fn from_sizes(sizes: impl IntoIterator<Item = u64>) -> Self {
        let mut p = PartSizes::default();
        for s in sizes.into_iter().filter(|&s| s > 0) {
            p.smallest = if p.parts == 0 { s } else { p.smallest.min(s) };
            p.parts += 1;
            p.total += s;
        }
        p
    }

    /// The summary of two disjoint sets of parts (for merging shards).
    pub fn merge(self, other: PartSizes) -> PartSizes {
        let smallest = match (self.parts, other.parts) {
            (0, _) => other.smallest,
            (_, 0) => self.smallest,
            _ => self.smallest.min(other.smallest),
        };
        PartSizes { parts: self.parts + other.parts, total: self.total + other.total, smallest }
    }

    /// The dispersion of a term from the parts where it occurs only: `occurrences` yields
    /// (v_i, s_i) for each part with v_i > 0 (pairs with v_i = 0 or s_i = 0 are skipped), and
    /// `self` summarises all the parts, including those without the term. Equal to
    /// [`dispersion`] over all the parts; O(parts with the term).
    ///
    /// For bit-identical results whatever the order in which shards were merged, pass the
    /// occurrences in a fixed order (e.g. by part index): floating-point sums depend on
    /// order in the last bits.
    pub fn dispersion(&self, occurrences: impl IntoIterator<Item = (u64, u64)>) -> Dispersion {
        let occ: Vec<(f64, f64)> = occurrences
            .into_iter()
            .filter(|&(v, s)| v > 0 && s > 0)
            .map(|(v, s)| (v as f64, s as f64))
            .collect();
        let frequency: u64 = occ.iter().map(|&(v, _)| v as u64).sum();
        let range = occ.len() as u64;
        let n = self.parts.max(range); // a part with the term is non-empty
        let mut d =
            Dispersion { frequency, parts: n, range, juilland_d: None, dp: None, dp_norm: None };
        if frequency == 0 || n < 2 || self.total == 0 {
            return d;
        }
        let f = frequency as f64;
        let total = self.total as f64;
        let nf = n as f64;

        // DP: ½ Σ_i |v_i/f − s_i/S|; parts without the term add s_i/S each, i.e.
        // 1 − Σ_{v_i>0} s_i/S together.
        let mut dev = 0.0;
        let mut covered = 0.0;
        for &(v, s) in &occ {
            dev += (v / f - s / total).abs();
            covered += s / total;
        }
        dev += (1.0 - covered).max(0.0);
        let dp = (0.5 * dev).clamp(0.0, 1.0);
        d.dp = Some(dp);
        let min_share = self.smallest as f64 / total;
        d.dp_norm = (min_share < 1.0).then(|| (dp / (1.0 - min_share)).clamp(0.0, 1.0));

        // Juilland's D over r_i = v_i/s_i (0 for parts without the term): two-pass
        // population variance, the zero parts added in closed form.
        let mean = occ.iter().map(|&(v, s)| v / s).sum::<f64>() / nf;
        if mean > 0.0 {
            let zeros = nf - occ.len() as f64;
            let ss =
                occ.iter().map(|&(v, s)| (v / s - mean).powi(2)).sum::<f64>() + zeros * mean * mean;
            let sd = (ss / nf).sqrt();
            let dv = 1.0 - sd / mean / (nf - 1.0).sqrt();
            d.juilland_d = Some(dv.clamp(0.0, 1.0));
        }
        d
    }
}

/// The dispersion of a term over every part: `parts` holds (v_i, s_i), the term's frequency
/// in part i and the part's size in tokens, one pair per part (parts of size 0 are skipped).
/// See the [module](self) docs for the measures and the edge cases.
pub fn dispersion(parts: &[(u64, u64)]) -> Dispersion {
    PartSizes::from_sizes(parts.iter().map(|&(_, s)| s)).dispersion(parts.iter().copied())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64, tol: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() <= tol)
    }

    #[test]
    fn three_documents_by_hand() {
        // Three documents of 100, 200 and 700 tokens (S = 1000); the term occurs 2, 0 and 8
        // times (f = 10).
        // range = 2.
        // DP: expected shares s_i/S = 0.1, 0.2, 0.7; observed v_i/f = 0.2, 0, 0.8;
        //   ½·(|0.2−0.1| + |0−0.2| + |0.8−0.7|) = ½·(0.1 + 0.2 + 0.1) = 0.2.
        // DP_norm = 0.2 / (1 − 0.1) = 0.2222….
        // D: r_i = 2/100, 0/200, 8/700 = 0.02, 0, 0.0114285714…; mean = 0.0104761904…;
        //   deviations 0.0095238095, −0.0104761905, 0.0009523810; squares sum
        //   = 9.0702948e-5 + 1.0975057e-4 + 9.0703e-7 = 2.0136054e-4; σ = √(2.0136054e-4/3)
        //   = 0.00819269; CV = 0.00819269/0.01047619 = 0.7820296; D = 1 − 0.7820296/√2
        //   = 1 − 0.5529784 = 0.4470216.
        let d = dispersion(&[(2, 100), (0, 200), (8, 700)]);
        assert_eq!((d.frequency, d.parts, d.range), (10, 3, 2));
        assert!(close(d.dp, 0.2, 1e-15), "{d:?}");
        assert!(close(d.dp_norm, 0.2 / 0.9, 1e-15), "{d:?}");
        let r = [0.02, 0.0, 8.0 / 700.0];
        let mean = r.iter().sum::<f64>() / 3.0;
        let sd = (r.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 3.0).sqrt();
        let want = 1.0 - sd / mean / 2f64.sqrt();
        assert!(close(d.juilland_d, want, 1e-15), "{d:?} {want}");
        assert!(close(d.juilland_d, 0.4470216, 1e-7), "{d:?}");
    }

    #[test]
    fn lyne_allemand_matches_tlda() {
        // Lyne's (1985) ALLEMAND across ten parts, as in the README of Soenning's R package
        // tlda, which prints D = 0.6038797 for these data.
        let v = [2, 0, 1, 1, 3, 0, 3, 0, 0, 0];
        let s = [8143, 8058, 8271, 8125, 7959, 7941, 8146, 8001, 8003, 7930];
        let parts: Vec<(u64, u64)> = v.iter().zip(s).map(|(&v, s)| (v, s)).collect();
        let d = dispersion(&parts);
        assert!(close(d.juilland_d, 0.6038797, 5e-8), "{d:?}");
        assert_eq!(d.range, 5);
    }

    #[test]
    fn extremes() {
        // Proportional to the sizes: DP = 0, D = 1 (equal rates everywhere).
        let even = dispersion(&[(1, 100), (2, 200), (7, 700)]);
        assert!(close(even.dp, 0.0, 1e-15) && close(even.dp_norm, 0.0, 1e-15), "{even:?}");
        assert!(close(even.juilland_d, 1.0, 1e-15), "{even:?}");
        // All in the smallest part: DP = 1 − 0.1 = 0.9, DP_norm = 1, D = 0.
        let lumpy = dispersion(&[(10, 100), (0, 200), (0, 700)]);
        assert!(close(lumpy.dp, 0.9, 1e-15), "{lumpy:?}");
        assert!(close(lumpy.dp_norm, 1.0, 1e-15), "{lumpy:?}");
        assert!(close(lumpy.juilland_d, 0.0, 1e-15), "{lumpy:?}");
        // All in the largest part: DP = 0.3 (1 − 0.7), DP_norm = 0.3/0.9.
        let big = dispersion(&[(0, 100), (0, 200), (10, 700)]);
        assert!(close(big.dp, 0.3, 1e-15) && close(big.dp_norm, 0.3 / 0.9, 1e-15), "{big:?}");
    }

    #[test]
    fn edge_cases() {
        // Zero frequency: range 0, no measure.
        let z = dispersion(&[(0, 100), (0, 200)]);
        assert_eq!((z.range, z.juilland_d, z.dp, z.dp_norm), (0, None, None, None));
        // One part: nothing to spread over.
        let one = dispersion(&[(5, 100)]);
        assert_eq!(
            (one.parts, one.range, one.juilland_d, one.dp, one.dp_norm),
            (1, 1, None, None, None)
        );
        // Parts of size 0 are ignored: the same as without them.
        let with_empty = dispersion(&[(2, 100), (0, 0), (0, 200), (8, 700), (0, 0)]);
        assert_eq!(with_empty, dispersion(&[(2, 100), (0, 200), (8, 700)]));
        // No parts at all.
        let none = dispersion(&[]);
        assert_eq!((none.parts, none.dp), (0, None));
    }

    #[test]
    fn sparse_equals_dense() {
        let all = [(2, 100), (0, 200), (8, 700), (0, 50), (1, 1000)];
        let sizes = PartSizes::from_sizes(all.iter().map(|&(_, s)| s));
        assert_eq!(sizes, PartSizes { parts: 5, total: 2050, smallest: 50 });
        let sparse = sizes.dispersion(all.iter().copied().filter(|&(v, _)| v > 0));
        assert_eq!(sparse, dispersion(&all));
        // Merging the size summaries of two shards.
        let a = PartSizes::from_sizes([100, 200]);
        let b = PartSizes::from_sizes([700, 50, 1000]);
        assert_eq!(a.merge(b), sizes);
        assert_eq!(PartSizes::default().merge(a), a);
    }
}
