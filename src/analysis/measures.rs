//! Association measures for two nodes a and b observed over N units.
//!
//! Inputs: `n_ab` units containing both, `n_a` and `n_b` units containing each, `n` units
//! in all (so `n_ab ≤ min(n_a, n_b)` and `n_a + n_b − n_ab ≤ n`). The 2×2 contingency
//! table is
//!
//! |        | b              | not b                     |
//! |--------|----------------|---------------------------|
//! | a      | O11 = n_ab     | O12 = n_a − n_ab          |
//! | not a  | O21 = n_b − n_ab | O22 = n − n_a − n_b + n_ab |

use serde::Serialize;

/// An association measure of an edge, or its shared units: what `cooc --sort` and
/// `report --measure` rank by (descending).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Units containing both nodes (n_ab).
    #[default]
    Units,
    /// Jaccard coefficient.
    Jaccard,
    /// Dice coefficient.
    Dice,
    /// Pointwise mutual information.
    Pmi,
    /// Normalised PMI.
    Npmi,
    /// Log-likelihood ratio G².
    Llr,
}

impl Measure {
    /// The name used on the command line and in reports (`units`, `jaccard`, …).
    pub fn name(self) -> &'static str {
        match self {
            Measure::Units => "units",
            Measure::Jaccard => "jaccard",
            Measure::Dice => "dice",
            Measure::Pmi => "pmi",
            Measure::Npmi => "npmi",
            Measure::Llr => "llr",
        }
    }

    /// The value of this measure among `units` (n_ab) and `m`.
    pub fn of(self, units: u64, m: &Measures) -> f64 {
        match self {
            Measure::Units => units as f64,
            Measure::Jaccard => m.jaccard,
            Measure::Dice => m.dice,
            Measure::Pmi => m.pmi,
            Measure::Npmi => m.npmi,
            Measure::Llr => m.llr,
        }
    }
}

/// The five measures of one pair, all finite.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Measures {
    /// Jaccard coefficient n_ab / (n_a + n_b − n_ab), in [0, 1].
    pub jaccard: f64,
    /// Dice coefficient 2·n_ab / (n_a + n_b), in [0, 1].
    pub dice: f64,
    /// Pointwise mutual information log2(n_ab·N / (n_a·n_b)) in bits (Church & Hanks
    /// 1990); 0 when n_ab = 0 (undefined; such pairs are never reported).
    pub pmi: f64,
    /// Normalised PMI: PMI / −log2(n_ab / N), in [−1, 1] (Bouma 2009); 1 when n_ab = N.
    pub npmi: f64,
    /// Log-likelihood ratio G² = 2 Σ O·ln(O/E) over the four cells of the 2×2 table, with
    /// E = row total × column total / N (Dunning 1993); cells with O = 0 add 0. ≥ 0.
    pub llr: f64,
}

/// Computes the [`Measures`] of a pair. Inconsistent inputs (e.g. `n_ab > n_a`) are clamped
/// into range rather than producing NaN; zero denominators give 0.
pub fn measures(n_ab: u64, n_a: u64, n_b: u64, n: u64) -> Measures {
    let n_ab = n_ab.min(n_a).min(n_b);
    let n = n.max(n_a + n_b - n_ab);
    let (ab, a, b, nf) = (n_ab as f64, n_a as f64, n_b as f64, n as f64);
    let union = a + b - ab;
    let jaccard = if union > 0.0 { ab / union } else { 0.0 };
    let dice = if a + b > 0.0 { 2.0 * ab / (a + b) } else { 0.0 };
    let (pmi, npmi) = if n_ab == 0 || n == 0 {
        (0.0, if n_ab == 0 && n_a > 0 && n_b > 0 { -1.0 } else { 0.0 })
    } else {
        let pmi = (ab * nf / (a * b)).log2();
        let h = -(ab / nf).log2();
        (pmi, if h > 0.0 { pmi / h } else { 1.0 })
    };
    let llr = g2(n_ab, n_a - n_ab, n_b - n_ab, n + n_ab - n_a - n_b);
    let clean = |v: f64| if v.is_finite() { v } else { 0.0 };
    Measures { jaccard, dice, pmi: clean(pmi), npmi: clean(npmi), llr: clean(llr).max(0.0) }
}

/// G² of a 2×2 table given its four cells (Dunning 1993, "Accurate Methods for the
/// Statistics of Surprise and Coincidence"): 2 Σ O·ln(O/E).
pub fn g2(o11: u64, o12: u64, o21: u64, o22: u64) -> f64 {
    let n = (o11 + o12 + o21 + o22) as f64;
    if n == 0.0 {
        return 0.0;
    }
    let (r1, r2) = ((o11 + o12) as f64, (o21 + o22) as f64);
    let (c1, c2) = ((o11 + o21) as f64, (o12 + o22) as f64);
    let cell = |o: u64, r: f64, c: f64| {
        if o == 0 {
            0.0
        } else {
            let e = r * c / n;
            o as f64 * (o as f64 / e).ln()
        }
    };
    2.0 * (cell(o11, r1, c1) + cell(o12, r1, c2) + cell(o21, r2, c1) + cell(o22, r2, c2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn hand_computed_table() {
        // N = 10 units, a in 4, b in 5, both in 3.
        // Jaccard = 3 / (4 + 5 − 3) = 0.5; Dice = 6 / 9 = 0.666…
        // PMI = log2(3·10 / (4·5)) = log2(1.5) = 0.5849625007211562
        // NPMI = 0.58496 / −log2(0.3) = 0.58496 / 1.7369655941662063 = 0.33677…
        // Table: O11 3, O12 1, O21 2, O22 4; rows 4, 6; columns 5, 5; E = 2, 2, 3, 3
        // G² = 2(3 ln 1.5 + 1 ln 0.5 + 2 ln(2/3) + 4 ln(4/3))
        //    = 2(1.2163953 − 0.6931472 − 0.8109302 + 1.1507283) = 1.7260924
        let m = measures(3, 4, 5, 10);
        assert!(close(m.jaccard, 0.5));
        assert!(close(m.dice, 2.0 / 3.0));
        assert!(close(m.pmi, 1.5f64.log2()));
        assert!(close(m.npmi, 1.5f64.log2() / -(0.3f64.log2())));
        let expect = 2.0
            * (3.0 * 1.5f64.ln()
                + 0.5f64.ln()
                + 2.0 * (2.0f64 / 3.0).ln()
                + 4.0 * (4.0f64 / 3.0).ln());
        assert!(close(m.llr, expect));
        assert!((m.llr - 1.726_092_4).abs() < 1e-6);
    }

    #[test]
    fn independence_gives_zero() {
        // N = 100, a in 20, b in 50, both in 10 = 20·50/100: PMI 0, NPMI 0, G² 0
        let m = measures(10, 20, 50, 100);
        assert!(close(m.pmi, 0.0));
        assert!(close(m.npmi, 0.0));
        assert!(close(m.llr, 0.0));
    }

    #[test]
    fn always_together_in_every_unit() {
        // both in all N units: PMI = log2(1) = 0, NPMI defined as 1, G² = 0
        let m = measures(5, 5, 5, 5);
        assert!(close(m.jaccard, 1.0) && close(m.dice, 1.0));
        assert!(close(m.npmi, 1.0));
        assert!(close(m.llr, 0.0));
    }

    #[test]
    fn perfect_association_npmi_one() {
        // a and b only ever together, in 2 of 8 units: PMI = log2(2·8/4) = 2, NPMI = 2/2 = 1
        let m = measures(2, 2, 2, 8);
        assert!(close(m.pmi, 2.0));
        assert!(close(m.npmi, 1.0));
        // G² = 2(2 ln 4 + 6 ln(6/4.5)) = 2(2.7725887 + 1.7260924) = 8.9973622
        assert!((m.llr - 8.997_362_2).abs() < 1e-6);
    }

    #[test]
    fn degenerate_inputs_are_finite() {
        for m in [measures(0, 0, 0, 0), measures(0, 3, 4, 10), measures(9, 1, 1, 0)] {
            for v in [m.jaccard, m.dice, m.pmi, m.npmi, m.llr] {
                assert!(v.is_finite());
            }
        }
        assert_eq!(measures(0, 3, 4, 10).npmi, -1.0);
    }
}
