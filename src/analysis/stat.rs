//! Statistical building blocks shared by [`super::keyness`], [`super::assoc`] and
//! [`super::trend`]: the tails of the standard normal and of the χ² distribution with one
//! degree of freedom, their inverses, and the 2×2 contingency table with its G², Pearson
//! χ² and Yates-corrected χ².
//!
//! Every function here returns a finite number for every input (NaN inputs aside, which
//! are documented per function); none panics.
//!
//! The error function comes from the `libm` crate (a port of the FreeBSD/musl `erfc`,
//! accurate to about one unit in the last place). Two identities make it enough:
//!
//! * P(Z > z) = ½·erfc(z/√2) for a standard normal Z;
//! * P(χ²₁ > x) = P(|Z| > √x) = erfc(√(x/2)), since χ²₁ is the square of a standard
//!   normal. Both keep their relative precision far into the tail (down to about 1e-300),
//!   where `1 − cdf` would lose it.

use serde::Serialize;
use std::f64::consts::{FRAC_1_SQRT_2, PI};

/// Upper tail P(Z > z) of the standard normal distribution, in [0, 1].
///
/// ½·erfc(z/√2). Relative precision is kept in the upper tail (z up to about 37, where the
/// result is ~1e-300; beyond that it underflows to 0). `normal_sf(-z) = 1 − normal_sf(z)`.
/// NaN gives NaN.
pub fn normal_sf(z: f64) -> f64 {
    0.5 * libm::erfc(z * FRAC_1_SQRT_2)
}

/// Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|) = erfc(|z|/√2), in
/// [0, 1]. NaN gives NaN.
pub fn normal_two_sided_p(z: f64) -> f64 {
    libm::erfc(z.abs() * FRAC_1_SQRT_2)
}

/// Upper tail P(χ²₁ > x) of the chi-square distribution with one degree of freedom, in
/// [0, 1]: the p-value of a G² or χ² statistic from a 2×2 table.
///
/// erfc(√(x/2)) for x > 0; 1 for x ≤ 0 (a statistic of 0 is no evidence at all). The sign of
/// a signed statistic must be dropped by the caller (use `x.abs()`). NaN gives 1.
pub fn chi2_1df_sf(x: f64) -> f64 {
    if x > 0.0 { libm::erfc((0.5 * x).sqrt()) } else { 1.0 }
}

/// Density φ(z) of the standard normal.
fn normal_pdf(z: f64) -> f64 {
    (-0.5 * z * z).exp() / (2.0 * PI).sqrt()
}

/// Inverse of [`normal_sf`]: the z with P(Z > z) = p (the upper p-quantile), e.g.
/// `normal_isf(0.025)` = 1.959963984540054.
///
/// `p` is clamped into [1e-300, 1 − 1e-16] (so the result is finite, within ±37); NaN is
/// treated as 0.5. Computed from the Abramowitz & Stegun 26.2.23 starting value (absolute
/// error < 4.5e-4) refined by Newton steps on ln P(Z > z) − ln p, whose derivative
/// −φ(z)/P(Z > z) stays representable deep in the tail; the result is as precise as
/// `erfc` (about 1e-15 relative in p).
pub fn normal_isf(p: f64) -> f64 {
    let p = if p.is_nan() { 0.5 } else { p.clamp(1e-300, 1.0 - 1e-16) };
    if p > 0.5 {
        return -normal_isf(1.0 - p);
    }
    if p == 0.5 {
        return 0.0;
    }
    let t = (-2.0 * p.ln()).sqrt();
    let mut z = t
        - (2.515517 + 0.802853 * t + 0.010328 * t * t)
            / (1.0 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
    let ln_p = p.ln();
    for _ in 0..50 {
        let sf = normal_sf(z);
        let pdf = normal_pdf(z);
        if sf <= 0.0 || pdf <= 0.0 {
            break;
        }
        // g(z) = ln sf(z) − ln p, g'(z) = −pdf/sf: z ← z + (ln sf − ln p)·sf/pdf.
        let step = (sf.ln() - ln_p) * sf / pdf;
        if !step.is_finite() {
            break;
        }
        z += step;
        if step.abs() <= 1e-15 * z.abs().max(1e-3) {
            break;
        }
    }
    z
}

/// Inverse of [`chi2_1df_sf`]: the critical value x with P(χ²₁ > x) = p, e.g. 3.841458820694124
/// for p = 0.05 and 10.827566170662733 for p = 0.001.
///
/// Equal to `normal_isf(p / 2)²`; `p` is clamped into [1e-300, 1] (p = 1 gives 0).
pub fn chi2_1df_isf(p: f64) -> f64 {
    let p = if p.is_nan() { 1.0 } else { p.clamp(1e-300, 1.0) };
    if p >= 1.0 {
        return 0.0;
    }
    let z = normal_isf(0.5 * p);
    z * z
}

/// A 2×2 contingency table of counts (or of expected-count-like reals, for the window
/// correction of [`super::assoc`]):
///
/// |           | column 1 | column 2 | total |
/// |-----------|----------|----------|-------|
/// | **row 1** | `o11`    | `o12`    | R1    |
/// | **row 2** | `o21`    | `o22`    | R2    |
/// | **total** | C1       | C2       | N     |
///
/// Cells are ≥ 0 (negative or NaN cells are read as 0 by every method, so a malformed table
/// gives finite numbers rather than NaN). The expected count of a cell under independence
/// is E_ij = R_i·C_j / N.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Table2x2 {
    /// Row 1, column 1.
    pub o11: f64,
    /// Row 1, column 2.
    pub o12: f64,
    /// Row 2, column 1.
    pub o21: f64,
    /// Row 2, column 2.
    pub o22: f64,
}

/// `u − ln(1 + u)` for u > −1, accurate also for small |u| (where the two terms nearly
/// cancel): the series u²/2 − u³/3 + … below |u| < 0.1, the direct form elsewhere. ≥ 0.
fn u_minus_ln1p(u: f64) -> f64 {
    if u.abs() < 0.1 {
        // 34 terms: the first left out is below 0.1³⁴/36 relative to u²/2.
        let mut power = u * u; // u^k for k = 2
        let mut sum = 0.0;
        for k in 2..36 {
            let t = power / k as f64;
            sum += if k % 2 == 0 { t } else { -t };
            power *= u;
        }
        sum
    } else {
        (u - u.ln_1p()).max(0.0)
    }
}

/// 2 Σ [O·ln(O/E) − (O − E)] over cells given as (O, O − E, E), for cells whose O − E sum
/// to 0 (so this equals 2 Σ O·ln(O/E)). Each bracket is ≥ 0 and computed without
/// cancellation as O·(u − ln(1 + u)) with u = (E − O)/O when |u| < ½ (O and E close), and
/// as O·ln(O/E) − (O − E) otherwise (no cancellation there); a cell with O = 0 contributes
/// E (the limit of O·ln(O/E) is 0). The result is ≥ 0.
pub(crate) fn g2_sum(cells: &[(f64, f64, f64)]) -> f64 {
    let mut sum = 0.0;
    for &(o, o_minus_e, e) in cells {
        if o <= 0.0 {
            sum += e.max(0.0);
            continue;
        }
        let u = -o_minus_e / o; // E/O − 1
        let term = if u.abs() < 0.5 {
            // O and E close: O·(u − ln(1+u)) from the exact O − E, no cancellation.
            o * u_minus_ln1p(u)
        } else if e > 0.0 {
            // O and E far apart: the terms do not cancel, and E/O straight from E keeps
            // its precision where 1 + u would not (E ≪ O).
            o * (o / e).ln() - o_minus_e
        } else {
            0.0
        };
        if term.is_finite() {
            sum += term.max(0.0);
        }
    }
    (2.0 * sum).max(0.0)
}

/// a·d − b·c with one rounding error (Kahan's algorithm with fused multiply-adds), so it
/// stays exact for integer inputs whose products exceed 2^53.
pub(crate) fn cross_difference(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let w = b * c;
    let e = (-b).mul_add(c, w); // the rounding error of w
    let f = a.mul_add(d, -w);
    f + e
}

impl Table2x2 {
    /// A table from its four cells, each clamped to ≥ 0 (NaN → 0).
    pub fn new(o11: f64, o12: f64, o21: f64, o22: f64) -> Self {
        let c = |v: f64| if v > 0.0 { v } else { 0.0 };
        Table2x2 { o11: c(o11), o12: c(o12), o21: c(o21), o22: c(o22) }
    }

    /// The table with cells read as ≥ 0 (see [`Table2x2`]).
    fn cells(&self) -> [f64; 4] {
        let c = |v: f64| if v > 0.0 { v } else { 0.0 };
        [c(self.o11), c(self.o12), c(self.o21), c(self.o22)]
    }

    /// Sample size N = o11 + o12 + o21 + o22.
    pub fn n(&self) -> f64 {
        self.cells().iter().sum()
    }

    /// Expected counts under independence [E11, E12, E21, E22], E_ij = R_i·C_j / N; all 0
    /// when N = 0.
    pub fn expected(&self) -> [f64; 4] {
        let [a, b, c, d] = self.cells();
        let n = a + b + c + d;
        if n <= 0.0 {
            return [0.0; 4];
        }
        let (r1, r2, c1, c2) = (a + b, c + d, a + c, b + d);
        [r1 * c1 / n, r1 * c2 / n, r2 * c1 / n, r2 * c2 / n]
    }

    /// o11·o22 − o12·o21, computed with one rounding error (Kahan's fused
    /// multiply-add algorithm) so it stays exact for integer cells far beyond 2^26.
    fn cross_difference(&self) -> f64 {
        let [a, b, c, d] = self.cells();
        cross_difference(a, b, c, d)
    }

    /// O11 − E11 = (o11·o22 − o12·o21) / N: positive when row 1 and column 1 attract each
    /// other (the sign used for signed G² and χ²); 0 when N = 0. Every cell deviates from
    /// its expectation by ± this amount.
    pub fn deviation(&self) -> f64 {
        let n = self.n();
        if n <= 0.0 { 0.0 } else { self.cross_difference() / n }
    }

    /// Log-likelihood ratio statistic G² = 2 Σ O·ln(O/E) over the four cells (Dunning 1993,
    /// "Accurate methods for the statistics of surprise and coincidence"), ≥ 0; cells with
    /// O = 0 add 0 (the limit of O·ln O). 0 when a margin is 0.
    ///
    /// Computed as 2 Σ [O·ln(O/E) − (O − E)] (the added terms sum to 0), where each bracket is
    /// ≥ 0; when O and E are close it is evaluated as O·(u − ln(1+u)) with u = (E − O)/O and
    /// O − E = ±(o11·o22 − o12·o21)/N from one exact cross product. So no large terms
    /// cancel: the result keeps ~1e-14 relative precision even for a rare term in a corpus of
    /// 10⁹ tokens, where the textbook sum loses up to N·1e-16 in absolute terms.
    pub fn g2(&self) -> f64 {
        let cells = self.cells();
        let [a, b, c, d] = cells;
        if a + b <= 0.0 || c + d <= 0.0 || a + c <= 0.0 || b + d <= 0.0 {
            return 0.0;
        }
        let dev = self.deviation(); // O11 − E11 = O22 − E22 = −(O12 − E12) = −(O21 − E21)
        let e = self.expected();
        g2_sum(&[(a, dev, e[0]), (b, -dev, e[1]), (c, -dev, e[2]), (d, dev, e[3])])
    }

    /// [`Table2x2::g2`] with the sign of [`Table2x2::deviation`]: positive when o11 is above
    /// its expectation.
    pub fn g2_signed(&self) -> f64 {
        signed(self.g2(), self.deviation())
    }

    /// Pearson's χ² = N·(o11·o22 − o12·o21)² / (R1·R2·C1·C2), ≥ 0 (equal to Σ (O − E)²/E
    /// over the four cells); 0 when a margin is 0.
    pub fn chi2(&self) -> f64 {
        self.chi2_with_correction(0.0)
    }

    /// Pearson's χ² with Yates' continuity correction (Yates 1934):
    /// N·max(|o11·o22 − o12·o21| − N/2, 0)² / (R1·R2·C1·C2), ≥ 0; 0 when a margin is 0.
    ///
    /// Each |O − E| is reduced by ½ but never below 0, which is what
    /// `scipy.stats.chi2_contingency(correction=True)` computes for a 2×2 table and the form
    /// Evert (2004: 82) gives.
    pub fn chi2_yates(&self) -> f64 {
        self.chi2_with_correction(0.5)
    }

    fn chi2_with_correction(&self, half: f64) -> f64 {
        let [a, b, c, d] = self.cells();
        let n = a + b + c + d;
        let denom = (a + b) * (c + d) * (a + c) * (b + d);
        if n <= 0.0 || denom <= 0.0 {
            return 0.0;
        }
        let diff = (self.cross_difference().abs() - half * n).max(0.0);
        // N·diff²/denom, arranged to avoid overflow for large tables.
        let v = (diff / (a + b)) * (diff / (c + d)) * (n / (a + c)) / (b + d);
        if v.is_finite() { v } else { 0.0 }
    }
}

/// `magnitude` with the sign of `direction` (0 when `direction` is 0): how signed
/// statistics are formed.
pub fn signed(magnitude: f64, direction: f64) -> f64 {
    if direction > 0.0 {
        magnitude
    } else if direction < 0.0 {
        -magnitude
    } else {
        0.0
    }
}

/// |a − b| ≤ tol·|b| (with |b| floored at 1e-300): the closeness test of the unit tests.
#[cfg(test)]
pub(crate) fn rel_close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1e-300)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn normal_tails_at_known_points() {
        // Φ̄(0) = ½ exactly; Φ̄(1.959963984540054) = 0.025 (the 97.5 % quantile);
        // Φ̄(−z) = 1 − Φ̄(z).
        assert_eq!(normal_sf(0.0), 0.5);
        assert!(rel_close(normal_sf(1.959963984540054), 0.025, 1e-14));
        assert!(rel_close(normal_sf(-1.0) + normal_sf(1.0), 1.0, 1e-15));
        // Deep tail keeps relative precision: Φ̄(10) = 7.619853024160527e-24 (a textbook
        // value, e.g. scipy.stats.norm.sf(10)), where 1 − Φ(10) would round to 0.
        assert!(rel_close(normal_sf(10.0), 7.619853024160527e-24, 1e-13));
        assert_eq!(normal_two_sided_p(0.0), 1.0);
        assert!(rel_close(normal_two_sided_p(-1.959963984540054), 0.05, 1e-14));
    }

    #[test]
    fn chi2_tail_is_the_squared_normal() {
        // P(χ²₁ > 3.841458820694124) = 0.05 = P(|Z| > 1.959963984540054), since
        // 1.959963984540054² = 3.841458820694124.
        assert!(rel_close(chi2_1df_sf(3.841458820694124), 0.05, 1e-14));
        assert_eq!(chi2_1df_sf(0.0), 1.0);
        assert_eq!(chi2_1df_sf(-3.0), 1.0);
        assert_eq!(chi2_1df_sf(f64::NAN), 1.0);
        // P(χ²₁ > 1) = P(|Z| > 1) = 2·Φ̄(1) = 0.31731050786291415.
        assert!(rel_close(chi2_1df_sf(1.0), 0.31731050786291415, 1e-14));
    }

    #[test]
    fn inverse_tails_round_trip() {
        // The critical values every keyness tool prints (CQPweb hard-codes them from R's
        // qchisq to 7 digits): 3.841459 (p 0.05), 6.634897 (0.01), 10.82757 (0.001),
        // 15.13671 (0.0001).
        for (p, crit) in [(0.05, 3.841459), (0.01, 6.634897), (0.001, 10.82757), (1e-4, 15.13671)] {
            assert!((chi2_1df_isf(p) - crit).abs() < 5e-6 * crit, "p {p}");
        }
        // Round trips: sf(isf(p)) = p up to the conditioning of the tail, whose relative
        // sensitivity to z is ~z² (z = 30 at p = 1e-200): 1e-12 covers it.
        for p in [0.5, 0.3, 0.025, 1e-5, 1e-12, 1e-50, 1e-200, 0.9, 0.999999] {
            let z = normal_isf(p);
            assert!(rel_close(normal_sf(z), p, 1e-12), "p {p}: z {z} sf {}", normal_sf(z));
            let x = chi2_1df_isf(p.min(1.0));
            assert!(rel_close(chi2_1df_sf(x), p, 1e-12), "p {p}: x {x}");
        }
        assert_eq!(normal_isf(0.5), 0.0);
        assert_eq!(chi2_1df_isf(1.0), 0.0);
        assert!(normal_isf(0.0).is_finite() && normal_isf(1.0).is_finite());
        assert!(chi2_1df_isf(0.0).is_finite());
    }

    #[test]
    fn g2_of_a_small_table_by_hand() {
        // Table [[10, 990], [2, 998]]: N = 2000, R1 = R2 = 1000, C1 = 12, C2 = 1988.
        // E11 = E21 = 1000·12/2000 = 6, E12 = E22 = 994.
        // G² = 2·[10 ln(10/6) + 990 ln(990/994) + 2 ln(2/6) + 998 ln(998/994)]
        //    = 2·[5.108256237659907 − 3.991940892659067 − 2.197224577336220 + 4.008037515580185]
        //    = 5.854256…; in full precision 5.854256566489611 (mpmath, 50 digits).
        let t = Table2x2::new(10.0, 990.0, 2.0, 998.0);
        let naive = 2.0
            * (10.0 * (10.0f64 / 6.0).ln()
                + 990.0 * (990.0f64 / 994.0).ln()
                + 2.0 * (2.0f64 / 6.0).ln()
                + 998.0 * (998.0f64 / 994.0).ln());
        assert!(rel_close(t.g2(), naive, 1e-12), "{} vs {naive}", t.g2());
        assert!(rel_close(t.g2(), 5.854256566489611, 1e-13), "{}", t.g2());
        assert!(t.g2_signed() > 0.0);
        // Swapping the rows flips only the sign.
        let s = Table2x2::new(2.0, 998.0, 10.0, 990.0);
        assert!(rel_close(s.g2_signed(), -t.g2(), 1e-15));
        // O11 − E11 = 10 − 6 = 4 = (10·998 − 990·2)/2000 = (9980 − 1980)/2000.
        assert_eq!(t.deviation(), 4.0);
    }

    #[test]
    fn chi2_and_yates_by_hand() {
        // Same table: ad − bc = 8000, R1R2C1C2 = 1000·1000·12·1988 = 2.3856e10.
        // χ² = 2000·8000²/2.3856e10 = 1.28e11/2.3856e10 = 5.365526492287056.
        // Yates: (8000 − 1000)² = 4.9e7 → 2000·4.9e7/2.3856e10 = 4.107981220657277.
        let t = Table2x2::new(10.0, 990.0, 2.0, 998.0);
        assert!(rel_close(t.chi2(), 2000.0 * 8000.0f64.powi(2) / 2.3856e10, 1e-14));
        assert!(rel_close(t.chi2_yates(), 2000.0 * 7000.0f64.powi(2) / 2.3856e10, 1e-14));
        // Σ (O−E)²/E = 16/6 + 16/994 + 16/6 + 16/994 — the same number.
        let pearson = 2.0 * (16.0 / 6.0 + 16.0 / 994.0);
        assert!(rel_close(t.chi2(), pearson, 1e-14));
        // |ad − bc| < N/2: Yates' correction stops at 0 instead of growing again.
        // [[1, 1], [1, 2]]: ad − bc = 1, N/2 = 2.5.
        assert_eq!(Table2x2::new(1.0, 1.0, 1.0, 2.0).chi2_yates(), 0.0);
    }

    #[test]
    fn degenerate_tables_give_zero_not_nan() {
        for t in [
            Table2x2::new(0.0, 0.0, 0.0, 0.0),
            Table2x2::new(5.0, 0.0, 3.0, 0.0), // an empty column
            Table2x2::new(5.0, 7.0, 0.0, 0.0), // an empty row
        ] {
            for v in [t.g2(), t.g2_signed(), t.chi2(), t.chi2_yates(), t.deviation()] {
                assert_eq!(v, 0.0, "{t:?}");
            }
        }
        // NaN and negative cells are read as 0: [[0, 1], [2, 0]].
        let t = Table2x2 { o11: f64::NAN, o12: 1.0, o21: 2.0, o22: -4.0 };
        assert_eq!(t.n(), 3.0);
        for v in [t.g2(), t.g2_signed(), t.chi2(), t.chi2_yates(), t.deviation()] {
            assert!(v.is_finite(), "{t:?}: {v}");
        }
        // G² of [[0, 1], [2, 0]] = 2·(1·ln 3 + 2·ln(3/2)) = 3.8191...: E12 = 1/3, E21 = 4/3.
        let by_hand = 2.0 * (3.0f64.ln() + 2.0 * 1.5f64.ln());
        assert!(rel_close(t.g2(), by_hand, 1e-14), "{} {by_hand}", t.g2());
        // Independence exactly: G² = χ² = 0.
        let t = Table2x2::new(10.0, 20.0, 30.0, 60.0);
        assert_eq!(t.deviation(), 0.0);
        assert!(t.g2().abs() < 1e-12);
        assert_eq!(t.chi2(), 0.0);
    }

    #[test]
    fn g2_keeps_precision_in_a_huge_corpus() {
        // A term seen 30 times in 10⁹ tokens against 10 in 10⁹: the non-term cells are ~10⁹,
        // so the textbook sum loses ~1e-7 absolute; ours matches the two-term-dominated
        // value: G² = 2·[30 ln(30/20) + 10 ln(10/20)] + 2·[(10⁹−30) ln((10⁹−30)/(10⁹−20))
        // + (10⁹−10) ln((10⁹−10)/(10⁹−20))] = 10.46496307529096 (mpmath, 50 digits).
        let t = Table2x2::new(30.0, 1e9 - 30.0, 10.0, 1e9 - 10.0);
        assert!(rel_close(t.g2(), 10.46496307529096, 1e-13), "{}", t.g2());
    }

    #[test]
    fn series_and_direct_forms_meet() {
        // u − ln(1+u) is continuous across the switch at |u| = 0.1.
        for u in [0.0999999, 0.1000001, -0.0999999, -0.1000001] {
            let direct = u - f64::ln_1p(u);
            assert!(rel_close(u_minus_ln1p(u), direct, 1e-13), "u {u}");
        }
        assert_eq!(u_minus_ln1p(0.0), 0.0);
        // u = 1e-6: u²/2 − u³/3 + u⁴/4 = 4.999996666669166…e-13 (mpmath), where the
        // direct u − ln(1+u) keeps only ~4 digits.
        assert!(rel_close(u_minus_ln1p(1e-6), 4.999996666669167e-13, 1e-14));
    }
}
