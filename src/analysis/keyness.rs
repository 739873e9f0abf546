//! Keyness: is a term more (or less) frequent in a target corpus than in a reference
//! corpus, and by how much?
//!
//! Inputs are one term's frequency in each corpus and the two corpus sizes, all in tokens
//! ([`TermCounts`]). The measures:
//!
//! | measure | what it says | formula | source |
//! |---|---|---|---|
//! | G² ([`TermCounts::g2`]) | evidence of a difference (significance) | 2 Σ O·ln(O/E) over the 2×2 table | Dunning 1993 |
//! | p ([`TermCounts::p_value`]) | how surprising G² is if the rates were equal | P(χ²₁ > G²) | — |
//! | Log Ratio ([`TermCounts::log_ratio`]) | size of the difference (effect size) | log₂ of the ratio of relative frequencies | Hardie 2014 |
//! | %DIFF ([`TermCounts::percent_diff`]) | size of the difference, in per cent | 100·(NF_t − NF_r)/NF_r | Gabrielatos & Marchi 2012 |
//! | χ² Yates ([`TermCounts::chi2_yates`]) | older significance statistic | N·(\|ad−bc\| − N/2)²/(R1R2C1C2) | Yates 1934 |
//!
//! **Sign convention.** Every signed value is positive when the term's relative frequency
//! is higher in the target than in the reference (a *positive keyword*), negative when it
//! is lower (a *negative keyword*), and 0 when the rates are exactly equal
//! ([`TermCounts::direction`]). G² and χ² are made signed this way; Log Ratio and %DIFF are
//! signed by construction.
//!
//! **Which G².** Two forms are in use and they differ:
//!
//! * the **full 2×2 form** (Dunning 1993; what CQPweb and Evert's `corpora` R package
//!   compute): the table has the term and *all other tokens* in each corpus, and G² sums
//!   over all four cells. This is the log-likelihood-ratio test statistic itself, the one
//!   whose null distribution is asymptotically χ² with 1 degree of freedom, so its p-value
//!   is justified. [`TermCounts::g2`] — the default everywhere in tahlil.
//! * the **two-cell form** of Rayson & Garside (2000, "Comparing corpora using frequency
//!   profiling"; the UCREL log-likelihood calculator): only the term's two cells,
//!   G² = 2·[f_t·ln(f_t/E_t) + f_r·ln(f_r/E_r)], E_t = N_t·(f_t+f_r)/(N_t+N_r). It leaves
//!   out the other-tokens row, whose contribution is ≥ 0, so it is always ≤ the full form;
//!   the gap is of relative order f/N (for f = 10 in 1,000 tokens vs 2 in 1,000: 5.8543
//!   against 5.8221, 0.55 % lower). [`TermCounts::g2_two_cell`] reproduces published
//!   UCREL-calculator numbers.
//!
//! Zero frequencies are handled as each source specifies (see each method); no method
//! returns NaN or an infinity, and none panics. Frequencies larger than their corpus size
//! are clamped to it.

use super::stat::{Table2x2, chi2_1df_isf, chi2_1df_sf, cross_difference, g2_sum, signed};
use serde::Serialize;

/// One term's frequency in a target and a reference corpus, with the corpus sizes.
///
/// All four are token counts. `f_target ≤ n_target` and `f_reference ≤ n_reference` are
/// expected; a larger frequency is read as equal to its corpus size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TermCounts {
    /// The term's frequency in the target corpus (f_t).
    pub f_target: u64,
    /// Tokens in the target corpus (N_t).
    pub n_target: u64,
    /// The term's frequency in the reference corpus (f_r).
    pub f_reference: u64,
    /// Tokens in the reference corpus (N_r).
    pub n_reference: u64,
}

/// Whether a term is relatively more frequent in the target than in the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// f_t/N_t > f_r/N_r: a positive keyword.
    Positive,
    /// f_t/N_t < f_r/N_r: a negative keyword.
    Negative,
    /// Equal relative frequencies (or a corpus of size 0).
    Neither,
}

/// All keyness measures of one term (see the [module](self) table). Every field is finite.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Keyness {
    /// The counts these were computed from.
    pub counts: TermCounts,
    /// Positive, negative or neither (the sign of every signed measure below).
    pub direction: Direction,
    /// Signed G², full 2×2 form ([`TermCounts::g2`]).
    pub g2: f64,
    /// p-value of |G²| under χ²₁ ([`TermCounts::p_value`]), in [0, 1].
    pub p_value: f64,
    /// Log Ratio in bits ([`TermCounts::log_ratio`]).
    pub log_ratio: f64,
    /// %DIFF in per cent ([`TermCounts::percent_diff`]).
    pub percent_diff: f64,
    /// Signed χ² with Yates' correction ([`TermCounts::chi2_yates`]).
    pub chi2_yates: f64,
}

/// Per-million normalisation for %DIFF (Gabrielatos & Marchi's NF).
const PER_MILLION: f64 = 1e6;
/// What %DIFF puts in place of a zero normalised reference frequency.
const PERCENT_DIFF_ZERO: f64 = 1e-18;
/// What Log Ratio puts in place of a zero frequency.
const LOG_RATIO_ZERO: f64 = 0.5;

impl TermCounts {
    /// The counts, with each frequency clamped to its corpus size, as f64
    /// (f_t, N_t, f_r, N_r).
    fn values(&self) -> (f64, f64, f64, f64) {
        (
            self.f_target.min(self.n_target) as f64,
            self.n_target as f64,
            self.f_reference.min(self.n_reference) as f64,
            self.n_reference as f64,
        )
    }

    /// The 2×2 table: row 1 the target (f_t, N_t − f_t), row 2 the reference
    /// (f_r, N_r − f_r); column 1 the term, column 2 every other token.
    pub fn table(&self) -> Table2x2 {
        let (ft, nt, fr, nr) = self.values();
        Table2x2::new(ft, nt - ft, fr, nr - fr)
    }

    /// [`Direction::Positive`] when f_t/N_t > f_r/N_r, [`Direction::Negative`] when
    /// lower, [`Direction::Neither`] when equal or when a corpus is empty. Decided exactly
    /// (f_t·N_r against f_r·N_t in 128-bit integers).
    pub fn direction(&self) -> Direction {
        if self.n_target == 0 || self.n_reference == 0 {
            return Direction::Neither;
        }
        let ft = u128::from(self.f_target.min(self.n_target));
        let fr = u128::from(self.f_reference.min(self.n_reference));
        let lhs = ft * u128::from(self.n_reference);
        let rhs = fr * u128::from(self.n_target);
        match lhs.cmp(&rhs) {
            std::cmp::Ordering::Greater => Direction::Positive,
            std::cmp::Ordering::Less => Direction::Negative,
            std::cmp::Ordering::Equal => Direction::Neither,
        }
    }

    fn sign(&self) -> f64 {
        match self.direction() {
            Direction::Positive => 1.0,
            Direction::Negative => -1.0,
            Direction::Neither => 0.0,
        }
    }

    /// Signed log-likelihood G², full 2×2 form (Dunning 1993, "Accurate methods for the
    /// statistics of surprise and coincidence"): 2 Σ O·ln(O/E) over the four cells of
    /// [`TermCounts::table`], E = row total × column total / N, 0·ln 0 = 0; with the sign of
    /// [`TermCounts::direction`]. |G²| ≥ 0, unbounded; 0 when the rates are equal or a
    /// corpus is empty. Compared with χ²₁: |G²| ≥ 3.84 is p < 0.05, ≥ 6.63 p < 0.01,
    /// ≥ 10.83 p < 0.001, ≥ 15.13 p < 0.0001. See [`Table2x2::g2`] for the
    /// cancellation-free evaluation.
    pub fn g2(&self) -> f64 {
        signed(self.table().g2(), self.sign())
    }

    /// Signed log-likelihood in the two-cell form of Rayson & Garside (2000), as the UCREL
    /// log-likelihood calculator computes it: E_t = N_t·(f_t + f_r)/(N_t + N_r),
    /// E_r = N_r·(f_t + f_r)/(N_t + N_r), G² = 2·[f_t·ln(f_t/E_t) + f_r·ln(f_r/E_r)] with
    /// 0·ln 0 = 0, signed as [`TermCounts::g2`]. Always ≤ |[`TermCounts::g2`]| (the module
    /// docs say why); 0 when both frequencies are 0 or a corpus is empty.
    pub fn g2_two_cell(&self) -> f64 {
        let (ft, nt, fr, nr) = self.values();
        let n = nt + nr;
        let f = ft + fr;
        if n <= 0.0 || f <= 0.0 || nt <= 0.0 || nr <= 0.0 {
            return 0.0;
        }
        // O_t − E_t = f_t − N_t·(f_t + f_r)/N = (f_t·N_r − f_r·N_t)/N, exactly; O_r − E_r is
        // its negative, so the two (O − E) sum to 0 as g2_sum requires.
        let dev = cross_difference(ft, fr, nt, nr) / n;
        let (et, er) = (nt * f / n, nr * f / n);
        signed(g2_sum(&[(ft, dev, et), (fr, -dev, er)]), self.sign())
    }

    /// p-value of G² ([`TermCounts::g2`]): P(χ²₁ > |G²|), in [0, 1]; 1 when G² = 0. Two-sided:
    /// it asks whether the rates differ, in either direction.
    pub fn p_value(&self) -> f64 {
        chi2_1df_sf(self.g2().abs())
    }

    /// Log Ratio (Hardie 2014, "Log Ratio — an informal introduction", CASS; as CQPweb
    /// computes it): log₂[(f_t/N_t) / (f_r/N_r)], in bits. Each unit is a doubling: +1 means
    /// twice as frequent (per token) in the target, −2 a quarter as frequent, 0 equal.
    ///
    /// Zero frequencies: a frequency of 0 is replaced by 0.5 (Hardie's adjustment; CQPweb
    /// does the same for a zero reference frequency), so a term absent from the reference
    /// gets a large but finite value, log₂(2·f_t·N_r/N_t). Both frequencies 0, or an empty
    /// corpus: 0 (no evidence either way).
    pub fn log_ratio(&self) -> f64 {
        let (ft, nt, fr, nr) = self.values();
        if nt <= 0.0 || nr <= 0.0 || (ft <= 0.0 && fr <= 0.0) {
            return 0.0;
        }
        let ft = if ft > 0.0 { ft } else { LOG_RATIO_ZERO };
        let fr = if fr > 0.0 { fr } else { LOG_RATIO_ZERO };
        // One rounding in each product and in the quotient: the ratio is within 2 ulp.
        let v = ((ft * nr) / (fr * nt)).log2();
        if v.is_finite() { v } else { 0.0 }
    }

    /// %DIFF (Gabrielatos & Marchi 2012, "Keyness: appropriate metrics and practical
    /// issues", CADS 2012): 100·(NF_t − NF_r)/NF_r, where NF = f/N·1,000,000 is the
    /// frequency per million tokens. +100 means twice as frequent in the target, −50 half
    /// as frequent, 0 equal; the lower bound is −100 (absent from the target).
    ///
    /// Zero reference frequency: NF_r = 0 is replaced by 10⁻¹⁸ (the "very small number"
    /// of Gabrielatos 2018, "Keyness analysis: nature, metrics and techniques"), so a term
    /// absent from the reference gets a huge finite value (e.g. 10²¹ for NF_t = 10 per
    /// million) that sorts it above every term the reference has. That value depends on the
    /// normalisation basis (per million here; tools that normalise per token, such as the R
    /// package KeynessMeasures, print values 10⁶ times smaller): read it as "only in the
    /// target", not as a size. Both frequencies 0: 0. An empty corpus counts as NF = 0.
    pub fn percent_diff(&self) -> f64 {
        let (ft, nt, fr, nr) = self.values();
        let nf = |f: f64, n: f64| if n > 0.0 { f / n * PER_MILLION } else { 0.0 };
        let (nf_t, nf_r) = (nf(ft, nt), nf(fr, nr));
        if nf_t <= 0.0 && nf_r <= 0.0 {
            return 0.0;
        }
        let denom = if nf_r > 0.0 { nf_r } else { PERCENT_DIFF_ZERO };
        let v = (nf_t - nf_r) * 100.0 / denom;
        if v.is_finite() { v } else { f64::MAX.copysign(v) }
    }

    /// Signed Pearson χ² with Yates' continuity correction on [`TermCounts::table`]
    /// (see [`Table2x2::chi2_yates`]), signed as [`TermCounts::g2`]. Offered for
    /// comparison with older keyword lists (WordSmith's and AntConc's χ² option); G² is the
    /// better-behaved statistic for rare terms (Dunning 1993).
    pub fn chi2_yates(&self) -> f64 {
        signed(self.table().chi2_yates(), self.sign())
    }

    /// Every measure at once.
    pub fn keyness(&self) -> Keyness {
        let g2 = self.g2();
        Keyness {
            counts: *self,
            direction: self.direction(),
            g2,
            p_value: chi2_1df_sf(g2.abs()),
            log_ratio: self.log_ratio(),
            percent_diff: self.percent_diff(),
            chi2_yates: self.chi2_yates(),
        }
    }
}

/// Bonferroni-corrected significance level α/m for `tests` = m simultaneous tests (one per
/// term compared), in (0, 1]; m = 0 is read as 1. E.g. α = 0.05 over 10,000 terms: 5e-6.
pub fn bonferroni_alpha(alpha: f64, tests: u64) -> f64 {
    alpha / tests.max(1) as f64
}

/// Šidák-corrected level 1 − (1 − α)^(1/m), slightly less strict than Bonferroni; CQPweb's
/// family-wise correction. Computed as −expm1(ln(1 − α)/m) to stay precise for large m;
/// m = 0 is read as 1.
pub fn sidak_alpha(alpha: f64, tests: u64) -> f64 {
    -((-alpha).ln_1p() / tests.max(1) as f64).exp_m1()
}

/// The G² (or χ²) value a term must reach to be significant at level α after Bonferroni
/// correction for `tests` tests: the upper α/m quantile of χ²₁. E.g. α = 0.05: 3.841 for one
/// test, 20.84 for 10,000 tests (α/m = 5e-6), 25.26 for 100,000. Compare with |G²|.
pub fn bonferroni_critical_value(alpha: f64, tests: u64) -> f64 {
    chi2_1df_isf(bonferroni_alpha(alpha, tests))
}

/// Bonferroni-adjusted p-value min(1, p·m): compare with α itself. m = 0 is read as 1.
pub fn bonferroni_p(p: f64, tests: u64) -> f64 {
    (p * tests.max(1) as f64).min(1.0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::analysis::stat::rel_close;

    fn counts(f_target: u64, n_target: u64, f_reference: u64, n_reference: u64) -> TermCounts {
        TermCounts { f_target, n_target, f_reference, n_reference }
    }

    #[test]
    fn g2_for_10_in_1000_against_2_in_1000_step_by_step() {
        // Target: 10 of 1,000 tokens; reference: 2 of 1,000.
        // Table (rows = corpora, columns = term / other):
        //   [[10, 990], [2, 998]], N = 2000, R1 = R2 = 1000, C1 = 12, C2 = 1988.
        // E11 = 1000·12/2000 = 6, E12 = 994, E21 = 6, E22 = 994.
        // Full form: 2·[10 ln(10/6) + 990 ln(990/994) + 2 ln(2/6) + 998 ln(998/994)]
        //   = 2·[5.108256237659907 − 3.991940892659067 − 2.197224577336220
        //        + 4.008037515580185] = 5.854256566489611 (50-digit mpmath: …6114).
        // Two-cell form (Rayson & Garside): E_t = 1000·12/2000 = 6, E_r = 6:
        //   2·[10 ln(10/6) + 2 ln(2/6)] = 2·[5.108256237659907 − 2.197224577336220]
        //   = 5.822063320647374.
        let c = counts(10, 1000, 2, 1000);
        assert!(rel_close(c.g2(), 5.854256566489611, 1e-13), "{}", c.g2());
        assert!(rel_close(c.g2_two_cell(), 5.822063320647374, 1e-13), "{}", c.g2_two_cell());
        assert!(c.g2_two_cell() < c.g2());
        assert_eq!(c.direction(), Direction::Positive);
        // p = P(χ²₁ > 5.854256566489611) = erfc(√(5.854…/2)) = 0.015539420784095691
        // (scipy.stats.chi2.sf(5.854256566489611, 1)): significant at 0.05, not at 0.01.
        let p = c.p_value();
        assert!(rel_close(p, 0.015539420784095691, 1e-13), "{p}");
        assert!(rel_close(p, libm::erfc((5.854256566489611f64 / 2.0).sqrt()), 1e-14));
        // Swapping target and reference: same magnitude, negative sign.
        let s = counts(2, 1000, 10, 1000);
        assert!(rel_close(s.g2(), -c.g2(), 1e-15));
        assert!(rel_close(s.g2_two_cell(), -c.g2_two_cell(), 1e-15));
        assert_eq!(s.direction(), Direction::Negative);
    }

    #[test]
    fn log_ratio_and_percent_diff_by_hand() {
        // 10/1000 against 2/1000: ratio of relative frequencies 0.01/0.002 = 5;
        // Log Ratio = log2 5 = 2.321928094887362; %DIFF: NF_t = 10,000 per million,
        // NF_r = 2,000 → 100·(10000 − 2000)/2000 = 400.
        let c = counts(10, 1000, 2, 1000);
        assert!(rel_close(c.log_ratio(), 5f64.log2(), 1e-15));
        assert!(rel_close(c.percent_diff(), 400.0, 1e-15));
        // Unequal sizes: 30 in 3,000,000 vs 10 in 1,000,000 — the same rate:
        // Log Ratio 0, %DIFF 0, G² 0, direction neither.
        let e = counts(30, 3_000_000, 10, 1_000_000);
        assert_eq!(e.log_ratio(), 0.0);
        assert_eq!(e.percent_diff(), 0.0);
        assert_eq!(e.direction(), Direction::Neither);
        assert_eq!(e.g2(), 0.0);
        assert_eq!(e.p_value(), 1.0);
        // Half as frequent: 5/1000 vs 10/1000: Log Ratio −1, %DIFF −50.
        let h = counts(5, 1000, 10, 1000);
        assert!(rel_close(h.log_ratio(), -1.0, 1e-15));
        assert!(rel_close(h.percent_diff(), -50.0, 1e-15));
    }

    #[test]
    fn zero_frequencies_as_the_sources_say() {
        // Absent from the reference: Hardie's 0.5 → log2((8/1000)/(0.5/2000)) = log2 32 = 5.
        let c = counts(8, 1000, 0, 2000);
        assert!(rel_close(c.log_ratio(), 5.0, 1e-15));
        // %DIFF: NF_t = 8000 per million, NF_r = 0 → 1e-18: 100·8000/1e-18 = 8e23.
        assert!(rel_close(c.percent_diff(), 8e23, 1e-15));
        // G²: [[8, 992], [0, 2000]]: E11 = 1000·8/3000 = 8/3 → 2·8·ln(8/(8/3)) from the term
        // cells plus the other-token row: 2·[8 ln 3 + 992 ln(992/(1000·2992/3000))
        // + 2000 ln(2000/(2000·2992/3000))] = 2·[8.788898309344878 + 992 ln(0.994652…)
        // + 2000 ln(1.002674…)] = 11.05347…; positive.
        let by_hand = 2.0
            * (8.0 * 3f64.ln()
                + 992.0 * (992.0f64 / (1000.0 * 2992.0 / 3000.0)).ln()
                + 2000.0 * (2000.0f64 / (2000.0 * 2992.0 / 3000.0)).ln());
        assert!(rel_close(c.g2(), by_hand, 1e-12), "{} {by_hand}", c.g2());
        assert_eq!(c.direction(), Direction::Positive);
        // Absent from the target: Log Ratio log2((0.5/1000)/(8/2000)) = log2(1/8) = −3,
        // %DIFF = −100 (NF_t = 0).
        let d = counts(0, 1000, 8, 2000);
        assert!(rel_close(d.log_ratio(), -3.0, 1e-15));
        assert_eq!(d.percent_diff(), -100.0);
        assert!(d.g2() < 0.0);
        // Absent from both: everything 0, p = 1.
        let z = counts(0, 1000, 0, 2000);
        let k = z.keyness();
        assert_eq!(
            (k.g2, k.log_ratio, k.percent_diff, k.chi2_yates, k.p_value),
            (0.0, 0.0, 0.0, 0.0, 1.0)
        );
        assert_eq!(z.g2_two_cell(), 0.0);
        // Empty corpora and over-large frequencies stay finite.
        for c in [
            counts(5, 0, 3, 100),
            counts(5, 100, 3, 0),
            counts(0, 0, 0, 0),
            counts(500, 100, 3, 10),
        ] {
            let k = c.keyness();
            for v in [k.g2, k.p_value, k.log_ratio, k.percent_diff, k.chi2_yates, c.g2_two_cell()] {
                assert!(v.is_finite(), "{c:?}: {k:?}");
            }
        }
        // 500 of 100 is read as 100 of 100.
        assert_eq!(counts(500, 100, 3, 10).g2(), counts(100, 100, 3, 10).g2());
    }

    #[test]
    fn chi2_yates_by_hand() {
        // [[10, 990], [2, 998]]: ad − bc = 9980 − 1980 = 8000; N/2 = 1000;
        // χ²_Y = 2000·7000²/(1000·1000·12·1988) = 9.8e10/2.3856e10 = 4.107981220657277.
        let c = counts(10, 1000, 2, 1000);
        assert!(rel_close(c.chi2_yates(), 4.107981220657277, 1e-14));
        assert!(rel_close(counts(2, 1000, 10, 1000).chi2_yates(), -4.107981220657277, 1e-14));
    }

    #[test]
    fn bonferroni_thresholds() {
        // α = 0.05 over 1 test: the plain 3.841459; over 10,000: α/m = 5e-6 and the χ²₁
        // upper 5e-6 quantile is scipy.stats.chi2.isf(5e-6, 1) = 20.837287022522908.
        assert!(rel_close(bonferroni_alpha(0.05, 10_000), 5e-6, 1e-15));
        assert!((bonferroni_critical_value(0.05, 1) - 3.841459).abs() < 1e-6);
        let crit = bonferroni_critical_value(0.05, 10_000);
        assert!(rel_close(chi2_1df_sf(crit), 5e-6, 1e-12), "{crit}");
        assert!(rel_close(crit, 20.837287022522908, 1e-12), "{crit}");
        assert_eq!(bonferroni_alpha(0.05, 0), 0.05);
        assert_eq!(bonferroni_p(0.02, 10), 0.2);
        assert_eq!(bonferroni_p(0.2, 10), 1.0);
        // Šidák: 1 − 0.95^(1/2) = 0.025320565519103666.
        assert!(rel_close(sidak_alpha(0.05, 2), 1.0 - 0.95f64.sqrt(), 1e-14));
        assert!(sidak_alpha(0.05, 10_000) > bonferroni_alpha(0.05, 10_000));
    }

    #[test]
    fn large_corpora_keep_precision() {
        // 30 in 10⁹ vs 10 in 10⁹ (see stat::tests): 10.46496307529096, positive.
        let c = counts(30, 1_000_000_000, 10, 1_000_000_000);
        assert!(rel_close(c.g2(), 10.46496307529096, 1e-13), "{}", c.g2());
        // Two-cell: 2·[30 ln(30/20) + 10 ln(10/20)] = 24.327906486489862 − 13.862943611198906
        //   = 10.464962875290956, 2e-8 relative below the full form.
        let two = 2.0 * (30.0 * 1.5f64.ln() + 10.0 * 0.5f64.ln());
        assert!(rel_close(c.g2_two_cell(), two, 1e-13));
    }
}
