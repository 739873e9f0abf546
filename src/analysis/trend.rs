//! Trend statistics for a series over equally spaced periods (e.g. a term's rate per 10,000
//! tokens, month by month): is there a monotonic trend, how steep is it, and where did the
//! series change most?
//!
//! * **Mann–Kendall test** ([`mann_kendall`]; Mann 1945, "Nonparametric tests against
//!   trend"; Kendall 1975, *Rank Correlation Methods*): S = Σ_{i<j} sign(y_j − y_i), its
//!   variance under "no trend" with the correction for tied values, the normal statistic
//!   Z with continuity correction and its two-sided p-value. Rank-based: robust to
//!   outliers, blind to the size of the change.
//! * **Theil–Sen slope** ([`theil_sen`]; Theil 1950; Sen 1968, "Estimates of the regression
//!   coefficient based on Kendall's tau"): the median of the slopes of all pairs of points,
//!   with the intercept and the confidence interval exactly as `scipy.stats.theilslopes`
//!   computes them. In units of the series per period.
//! * **Largest changes** ([`largest_changes`]): the periods whose value differs most from
//!   the previous period's.
//!
//! Time is the position in the series (0, 1, 2, …), so empty periods must be present (with
//! value 0) for the statistics to mean what they say. Non-finite values (NaN, ±∞) are left
//! out, with the remaining points keeping their positions. Nothing here panics or returns
//! NaN. Cost: O(n²) time for the test and O(n²) memory for the slope (n(n−1)/2 slopes: 11 MB
//! for 1,200 monthly periods, 53 MB for 3,650 daily ones).

use super::stat::{normal_isf, normal_two_sided_p};
use serde::Serialize;

/// The Mann–Kendall trend test of one series. Every field is finite.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MannKendall {
    /// Number of (finite) values in the series.
    pub n: u64,
    /// S = Σ_{i<j} sign(y_j − y_i): positive for an upward trend, negative for downward, in
    /// [−n(n−1)/2, n(n−1)/2].
    pub s: i64,
    /// Var(S) = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)] / 18, t running over the sizes of groups
    /// of equal values (Kendall 1975).
    pub var_s: f64,
    /// Z = (S − 1)/√Var(S) if S > 0, (S + 1)/√Var(S) if S < 0, 0 if S = 0 (continuity
    /// correction); 0 when Var(S) = 0.
    pub z: f64,
    /// Two-sided p-value P(|N(0,1)| ≥ |Z|), in [0, 1]; 1 when there is nothing to test.
    pub p_value: f64,
    /// Kendall's τ_b between time and value: S / √(n₀·(n₀ − n₁)), n₀ = n(n−1)/2, n₁ = Σ_t
    /// t(t−1)/2 over tied groups (time has no ties); in [−1, 1]; 0 when undefined. Equal to
    /// `scipy.stats.kendalltau(range(n), y)`'s statistic.
    pub tau_b: f64,
}

/// The Theil–Sen line through a series. Every field is finite.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TheilSen {
    /// Median of the pairwise slopes (y_j − y_i)/(x_j − x_i) over pairs with x_j > x_i, in
    /// series units per unit of x (per period for [`theil_sen`]).
    pub slope: f64,
    /// median(y) − slope·median(x) (scipy's default `method='separate'`).
    pub intercept: f64,
    /// Lower end of the confidence interval of the slope (Sen 1968, eq. 2.6, as scipy).
    pub low_slope: f64,
    /// Upper end of that interval.
    pub high_slope: f64,
    /// The confidence level of the interval, e.g. 0.95.
    pub confidence: f64,
}

/// One period-to-period change of a series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Change {
    /// Position of the period in the series (≥ 1): the change is from `index − 1` to `index`.
    pub index: usize,
    /// The previous period's value.
    pub from: f64,
    /// This period's value.
    pub to: f64,
    /// `to − from`, in series units (signed: a rise is positive).
    pub delta: f64,
}

/// Finite values with their positions.
fn finite_points(y: &[f64]) -> Vec<(f64, f64)> {
    y.iter().enumerate().filter(|(_, v)| v.is_finite()).map(|(i, &v)| (i as f64, v)).collect()
}

/// Sizes of groups of equal values (only groups of 2 or more matter to the formulas).
fn tie_groups(values: &[f64]) -> Vec<u64> {
    let mut sorted: Vec<f64> = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut groups = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i + 1;
        while j < sorted.len() && sorted[j] == sorted[i] {
            j += 1;
        }
        if j - i > 1 {
            groups.push((j - i) as u64);
        }
        i = j;
    }
    groups
}

/// The Mann–Kendall test of `y` (values in time order, equally spaced). See [`MannKendall`]
/// for the formulas; fewer than 2 values, or all values equal, give S = 0, Z = 0, p = 1.
pub fn mann_kendall(y: &[f64]) -> MannKendall {
    let v: Vec<f64> = y.iter().copied().filter(|x| x.is_finite()).collect();
    let n = v.len();
    let mut s: i64 = 0;
    for i in 0..n {
        for j in i + 1..n {
            s += match v[j].partial_cmp(&v[i]) {
                Some(std::cmp::Ordering::Greater) => 1,
                Some(std::cmp::Ordering::Less) => -1,
                _ => 0,
            };
        }
    }
    let nf = n as f64;
    let ties = tie_groups(&v);
    let tie_term: f64 =
        ties.iter().map(|&t| t as f64).map(|t| t * (t - 1.0) * (2.0 * t + 5.0)).sum();
    let var_s = ((nf * (nf - 1.0) * (2.0 * nf + 5.0) - tie_term) / 18.0).max(0.0);
    let z = if var_s > 0.0 {
        match s.signum() {
            1 => (s - 1) as f64 / var_s.sqrt(),
            -1 => (s + 1) as f64 / var_s.sqrt(),
            _ => 0.0,
        }
    } else {
        0.0
    };
    let n0 = nf * (nf - 1.0) / 2.0;
    let n1: f64 = ties.iter().map(|&t| t as f64 * (t as f64 - 1.0) / 2.0).sum();
    let denom = (n0 * (n0 - n1)).sqrt();
    let tau_b = if denom > 0.0 { (s as f64 / denom).clamp(-1.0, 1.0) } else { 0.0 };
    MannKendall { n: n as u64, s, var_s, z, p_value: normal_two_sided_p(z), tau_b }
}

/// The Theil–Sen slope of `y` against time 0, 1, …, n−1 (one unit = one period), with a
/// 95 % confidence interval. `None` with fewer than 2 finite values. See
/// [`theil_sen_xy`].
pub fn theil_sen(y: &[f64]) -> Option<TheilSen> {
    let pts = finite_points(y);
    let (x, y): (Vec<f64>, Vec<f64>) = pts.into_iter().unzip();
    theil_sen_xy(&x, &y, 0.95)
}

/// The Theil–Sen slope of `y` against `x` (paired; extra values of the longer slice are
/// ignored; pairs with a non-finite value are left out), as `scipy.stats.theilslopes(y, x,
/// alpha=confidence)` computes it:
///
/// * slope: the median (mean of the two middle values for an even count) of
///   (y_j − y_i)/(x_j − x_i) over all pairs with x_j > x_i;
/// * intercept: median(y) − slope·median(x);
/// * interval: with z the upper (1 − confidence)/2 normal quantile, m the number of slopes
///   and σ² = [n(n−1)(2n+5) − Σ_x-ties − Σ_y-ties]/18 (each tie group t adding
///   t(t−1)(2t+5)), the sorted slopes at positions max(round((m − zσ)/2) − 1, 0) and
///   min(round((m + zσ)/2), m − 1), `round` rounding halves to even as numpy does.
///
/// `confidence` is clamped into [0.5, 1 − 1e-12] (scipy reads a value below 0.5 as
/// 1 − value; so do we). `None` when fewer than 2 points remain or all x are equal.
pub fn theil_sen_xy(x: &[f64], y: &[f64], confidence: f64) -> Option<TheilSen> {
    let pts: Vec<(f64, f64)> = x
        .iter()
        .zip(y)
        .filter(|(a, b)| a.is_finite() && b.is_finite())
        .map(|(&a, &b)| (a, b))
        .collect();
    let n = pts.len();
    if n < 2 {
        return None;
    }
    let mut slopes: Vec<f64> = Vec::with_capacity(n * (n - 1) / 2);
    for i in 0..n {
        for j in 0..n {
            let dx = pts[i].0 - pts[j].0;
            if dx > 0.0 {
                let s = (pts[i].1 - pts[j].1) / dx;
                if s.is_finite() {
                    slopes.push(s);
                }
            }
        }
    }
    if slopes.is_empty() {
        return None;
    }
    slopes.sort_by(f64::total_cmp);
    let slope = median_sorted(&slopes);
    let mut xs: Vec<f64> = pts.iter().map(|p| p.0).collect();
    let mut ys: Vec<f64> = pts.iter().map(|p| p.1).collect();
    xs.sort_by(f64::total_cmp);
    ys.sort_by(f64::total_cmp);
    let intercept = median_sorted(&ys) - slope * median_sorted(&xs);

    let confidence = if confidence.is_nan() { 0.95 } else { confidence };
    let confidence = if confidence < 0.5 { 1.0 - confidence } else { confidence };
    let confidence = confidence.clamp(0.5, 1.0 - 1e-12);
    let alpha = 1.0 - confidence;
    let z = -normal_isf(alpha / 2.0); // scipy: norm.ppf(alpha/2) < 0
    let tie_sum = |v: &[f64]| -> f64 {
        tie_groups(v).iter().map(|&t| t as f64).map(|t| t * (t - 1.0) * (2.0 * t + 5.0)).sum()
    };
    let nf = n as f64;
    let sigsq = (nf * (nf - 1.0) * (2.0 * nf + 5.0) - tie_sum(&xs) - tie_sum(&ys)) / 18.0;
    let m = slopes.len();
    let (low_slope, high_slope) = if sigsq >= 0.0 {
        let sigma = sigsq.sqrt();
        let mf = m as f64;
        let ru = ((mf - z * sigma) / 2.0).round_ties_even();
        let rl = ((mf + z * sigma) / 2.0).round_ties_even() - 1.0;
        let ru = (ru.max(0.0) as usize).min(m - 1);
        let rl = rl.max(0.0) as usize;
        (slopes[rl.min(m - 1)], slopes[ru])
    } else {
        (slope, slope)
    };
    let fin = |v: f64| if v.is_finite() { v } else { 0.0 };
    Some(TheilSen {
        slope: fin(slope),
        intercept: fin(intercept),
        low_slope: fin(low_slope),
        high_slope: fin(high_slope),
        confidence,
    })
}

fn median_sorted(v: &[f64]) -> f64 {
    let n = v.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => v[n / 2],
        _ => 0.5 * (v[n / 2 - 1] + v[n / 2]),
    }
}

/// The `k` largest period-to-period changes of `y`, by |y_i − y_{i−1}| (absolute change in
/// series units, not relative: a rate that rises from 0 would otherwise always come first),
/// largest first; ties go to the earlier period. A change involving a non-finite value is
/// skipped. Fewer than 2 values: empty.
pub fn largest_changes(y: &[f64], k: usize) -> Vec<Change> {
    let mut changes: Vec<Change> = y
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w[0].is_finite() && w[1].is_finite())
        .map(|(i, w)| Change { index: i + 1, from: w[0], to: w[1], delta: w[1] - w[0] })
        .filter(|c| c.delta.is_finite())
        .collect();
    changes.sort_by(|a, b| b.delta.abs().total_cmp(&a.delta.abs()).then(a.index.cmp(&b.index)));
    changes.truncate(k);
    changes
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::analysis::stat::rel_close;

    #[test]
    fn mann_kendall_by_hand() {
        // y = 1, 3, 2, 5, 4 (n = 5).
        // Pairs (i<j): from 1: +,+,+,+ (4); from 3: −,+,+ (1); from 2: +,+ (2); from 5: − (−1)
        // S = 4 + 1 + 2 − 1 = 6.
        // Var(S) = 5·4·15/18 = 300/18 = 16.666…; Z = (6 − 1)/√16.666… = 5/4.0824829 =
        // 1.2247448713915890 (= √1.5); p = erfc(1.2247…/√2) = 0.22067136191984693.
        // τ_b = 6/√(10·10) = 0.6.
        let mk = mann_kendall(&[1.0, 3.0, 2.0, 5.0, 4.0]);
        assert_eq!(mk.s, 6);
        assert!(rel_close(mk.var_s, 300.0 / 18.0, 1e-15));
        assert!(rel_close(mk.z, 1.5f64.sqrt(), 1e-15));
        assert!(rel_close(mk.p_value, 0.22067136191984693, 1e-13), "{}", mk.p_value);
        assert!(rel_close(mk.tau_b, 0.6, 1e-15));
    }

    #[test]
    fn mann_kendall_with_ties() {
        // y = 0, 0, 1, 1, 1, 2 (n = 6): tie groups of 2 and 3.
        // S: pairs with y_j > y_i: 0→1 (2·3 = 6), 0→2 (2), 1→2 (3) = 11; no decreases; S = 11.
        // Var = [6·5·17 − 2·1·9 − 3·2·11]/18 = [510 − 18 − 66]/18 = 426/18 = 23.666….
        // Z = 10/√23.666… = 2.0555…; τ_b = 11/√(15·(15 − 1 − 3)) = 11/√165 = 0.856348838577675.
        let mk = mann_kendall(&[0.0, 0.0, 1.0, 1.0, 1.0, 2.0]);
        assert_eq!(mk.s, 11);
        assert!(rel_close(mk.var_s, 426.0 / 18.0, 1e-15));
        assert!(rel_close(mk.z, 10.0 / (426.0f64 / 18.0).sqrt(), 1e-15));
        assert!(rel_close(mk.tau_b, 11.0 / 165f64.sqrt(), 1e-15));
        // Decreasing: S < 0 and Z uses S + 1.
        let down = mann_kendall(&[5.0, 4.0, 3.0]);
        assert_eq!(down.s, -3);
        assert!(rel_close(down.z, -2.0 / (3.0 * 2.0 * 11.0 / 18.0f64).sqrt(), 1e-15));
    }

    #[test]
    fn mann_kendall_degenerate() {
        for y in [&[][..], &[3.0][..], &[2.0, 2.0, 2.0][..], &[f64::NAN, 1.0][..]] {
            let mk = mann_kendall(y);
            assert_eq!((mk.s, mk.z, mk.p_value, mk.tau_b), (0, 0.0, 1.0, 0.0), "{y:?}");
        }
        // NaN values are left out: [1, NaN, 2, 3] is tested as [1, 2, 3].
        assert_eq!(mann_kendall(&[1.0, f64::NAN, 2.0, 3.0]), mann_kendall(&[1.0, 2.0, 3.0]));
    }

    #[test]
    fn theil_sen_by_hand() {
        // y = 1, 3, 2, 5, 4 at x = 0..4. Pairwise slopes (x_j > x_i):
        // (0,1) 2, (0,2) 0.5, (0,3) 4/3, (0,4) 0.75, (1,2) −1, (1,3) 1, (1,4) 1/3,
        // (2,3) 3, (2,4) 1, (3,4) −1. Sorted: −1, −1, 1/3, 0.5, 0.75, 1, 1, 4/3, 2, 3;
        // m = 10, median = (0.75 + 1)/2 = 0.875. Intercept = median(y) − 0.875·median(x)
        // = 3 − 0.875·2 = 1.25.
        // Interval (95 %): z = −1.959963984540054, σ² = 5·4·15/18 = 16.666… (no ties),
        // σ = 4.08248290463863; Ru = round((10 + 8.00154)/2) = round(9.00077) = 9,
        // Rl = round((10 − 8.00154)/2) − 1 = round(0.99923) − 1 = 0 → slopes[0] = −1,
        // slopes[9] = 3.
        let ts = theil_sen(&[1.0, 3.0, 2.0, 5.0, 4.0]).expect("5 points");
        assert!(rel_close(ts.slope, 0.875, 1e-15));
        assert!(rel_close(ts.intercept, 1.25, 1e-15));
        assert_eq!((ts.low_slope, ts.high_slope), (-1.0, 3.0));
        assert_eq!(ts.confidence, 0.95);
        // A straight line: every slope 2, intercept 1.
        let line = theil_sen(&[1.0, 3.0, 5.0, 7.0]).expect("4 points");
        assert_eq!(
            (line.slope, line.intercept, line.low_slope, line.high_slope),
            (2.0, 1.0, 2.0, 2.0)
        );
        // An outlier barely moves it (least squares would): y = x except y_3 = 100.
        let robust = theil_sen(&[0.0, 1.0, 2.0, 100.0, 4.0, 5.0, 6.0]).expect("7 points");
        assert_eq!(robust.slope, 1.0);
    }

    #[test]
    fn theil_sen_edges() {
        assert!(theil_sen(&[]).is_none());
        assert!(theil_sen(&[1.0]).is_none());
        assert!(theil_sen(&[f64::NAN, 1.0, f64::INFINITY]).is_none());
        // All x equal: no slope.
        assert!(theil_sen_xy(&[1.0, 1.0], &[2.0, 3.0], 0.95).is_none());
        // A NaN keeps the other points at their positions: [0, NaN, 2] is the line y = x.
        let ts = theil_sen(&[0.0, f64::NAN, 2.0]).expect("2 points");
        assert_eq!(ts.slope, 1.0);
        assert_eq!(ts.intercept, 0.0);
    }

    #[test]
    fn largest_changes_by_hand() {
        // y = 1, 4, 4, 0, 2: changes +3 (at 1), 0 (at 2), −4 (at 3), +2 (at 4).
        let c = largest_changes(&[1.0, 4.0, 4.0, 0.0, 2.0], 2);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].index, c[0].from, c[0].to, c[0].delta), (3, 4.0, 0.0, -4.0));
        assert_eq!((c[1].index, c[1].delta), (1, 3.0));
        // Ties: earlier first.
        let t = largest_changes(&[0.0, 1.0, 0.0], 5);
        assert_eq!(t.iter().map(|c| (c.index, c.delta)).collect::<Vec<_>>(), [(1, 1.0), (2, -1.0)]);
        assert!(largest_changes(&[1.0], 3).is_empty());
        assert!(largest_changes(&[1.0, f64::NAN, 3.0], 3).is_empty());
    }
}
