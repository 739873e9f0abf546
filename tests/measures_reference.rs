//! tahlil's statistical formulas against independent implementations: NLTK's
//! `BigramAssocMeasures`/`TrigramAssocMeasures`, scipy (`norm`, `chi2`,
//! `chi2_contingency`, `kendalltau`, `theilslopes`), pymannkendall, and 50-digit mpmath
//! evaluations of the papers' formulas. The values are in
//! tests/fixtures/measures_reference.json, made by benches/measures_reference.sh (a
//! throwaway venv outside the repository; see benches/measures_reference.py for which value
//! comes from where), so this test needs no Python.
//!
//! Tolerances: 1e-9 relative against NLTK and scipy's G²/χ² (which evaluate the textbook
//! sums and lose ~N·1e-16 themselves), 1e-12 relative against mpmath, scipy's tail
//! functions and the formulas we reproduce operation for operation. Run with
//! `--nocapture` to see the largest disagreement in each group.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use std::collections::BTreeMap;
use tahlil::analysis::assoc::{CooccurrenceCounts, nltk};
use tahlil::analysis::dispersion::dispersion;
use tahlil::analysis::keyness::TermCounts;
use tahlil::analysis::stat::{
    chi2_1df_isf, chi2_1df_sf, normal_isf, normal_sf, normal_two_sided_p,
};
use tahlil::analysis::trend::{mann_kendall, theil_sen, theil_sen_xy};

const FIXTURE: &str = "tests/fixtures/measures_reference.json";

/// Per group: the largest relative disagreement among values where the relative tolerance
/// governs, the largest absolute one among values so close to 0 that the absolute floor
/// governs, and how many values were compared.
#[derive(Default)]
struct Agreement {
    worst: BTreeMap<&'static str, (f64, f64, usize)>,
    failures: Vec<String>,
}

impl Agreement {
    /// Checks |ours − theirs| ≤ max(rel·|theirs|, abs); `theirs = None` (the reference has no
    /// value: NLTK raised, or the measure is undefined) must meet `ours = None`.
    fn check(
        &mut self,
        group: &'static str,
        what: String,
        ours: Option<f64>,
        theirs: Option<f64>,
        rel: f64,
        abs: f64,
    ) {
        let entry = self.worst.entry(group).or_insert((0.0, 0.0, 0));
        entry.2 += 1;
        match (ours, theirs) {
            (None, None) => {}
            (Some(a), Some(b)) => {
                let err = (a - b).abs();
                if rel * b.abs() >= abs {
                    entry.0 = entry.0.max(err / b.abs());
                } else {
                    entry.1 = entry.1.max(err);
                }
                if !a.is_finite() || err > (rel * b.abs()).max(abs) {
                    self.failures.push(format!("{group}: {what}: ours {a:e}, reference {b:e}"));
                }
            }
            _ => {
                self.failures.push(format!("{group}: {what}: ours {ours:?}, reference {theirs:?}"))
            }
        }
    }

    fn finish(self) {
        eprintln!("largest disagreement per group: relative | absolute (near 0) | values");
        for (group, (relative, absolute, count)) in &self.worst {
            eprintln!("  {group:<48} {relative:9.2e} | {absolute:9.2e} | {count}");
        }
        assert!(
            self.failures.is_empty(),
            "{} disagreements:\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
    }
}

fn fixture() -> Value {
    let text = std::fs::read_to_string(FIXTURE).unwrap_or_else(|e| panic!("{FIXTURE}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{FIXTURE}: {e}"))
}

fn num(v: &Value, key: &str) -> Option<f64> {
    v.get(key).and_then(Value::as_f64)
}

fn int(v: &Value, key: &str) -> u64 {
    v.get(key).and_then(Value::as_u64).unwrap_or_else(|| panic!("{key} missing in {v}"))
}

fn list<'a>(v: &'a Value, key: &str) -> &'a Vec<Value> {
    v.get(key).and_then(Value::as_array).unwrap_or_else(|| panic!("{key} missing"))
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().map(|a| a.iter().filter_map(Value::as_f64).collect()).unwrap_or_default()
}

#[test]
fn measures_agree_with_nltk_scipy_and_mpmath() {
    let data = fixture();
    let mut a = Agreement::default();

    // ------------------------------------------------------------ distributions (scipy)
    let d = &data["distributions"];
    for (key, fun, group) in [
        ("normal_sf", normal_sf as fn(f64) -> f64, "scipy norm.sf"),
        ("chi2_1df_sf", chi2_1df_sf, "scipy chi2.sf(x, 1)"),
        ("normal_isf", normal_isf, "scipy norm.isf"),
        ("chi2_1df_isf", chi2_1df_isf, "scipy chi2.isf(p, 1)"),
    ] {
        for pair in list(d, key) {
            let xy = floats(pair);
            a.check(
                group,
                format!("{key}({})", xy[0]),
                Some(fun(xy[0])),
                Some(xy[1]),
                1e-12,
                1e-300,
            );
        }
    }

    // ------------------------------------------------------------ keyness
    for k in list(&data, "keyness") {
        let c = TermCounts {
            f_target: int(k, "f_target"),
            n_target: int(k, "n_target"),
            f_reference: int(k, "f_reference"),
            n_reference: int(k, "n_reference"),
        };
        let what = format!("{c:?}");
        let exact = |key: &str| num(k, key);
        a.check(
            "keyness G² vs mpmath",
            what.clone(),
            Some(c.g2()),
            exact("exact_g2"),
            1e-12,
            1e-12,
        );
        a.check(
            "keyness G² two-cell vs mpmath",
            what.clone(),
            Some(c.g2_two_cell()),
            exact("exact_g2_two_cell"),
            1e-12,
            1e-12,
        );
        a.check(
            "keyness p vs mpmath",
            what.clone(),
            Some(c.p_value()),
            exact("exact_p"),
            1e-12,
            1e-300,
        );
        a.check(
            "keyness Log Ratio vs mpmath",
            what.clone(),
            Some(c.log_ratio()),
            exact("exact_log_ratio"),
            1e-13,
            1e-13,
        );
        a.check(
            "keyness %DIFF vs mpmath",
            what.clone(),
            Some(c.percent_diff()),
            exact("exact_percent_diff"),
            1e-13,
            1e-13,
        );
        if k.get("scipy_g2").is_some() {
            a.check(
                "keyness G² vs scipy chi2_contingency",
                what.clone(),
                Some(c.g2()),
                exact("scipy_g2"),
                1e-9,
                1e-9,
            );
            a.check(
                "keyness p vs scipy chi2.sf",
                what.clone(),
                Some(c.p_value()),
                exact("scipy_p"),
                1e-9,
                1e-300,
            );
            a.check(
                "keyness χ² Yates vs scipy chi2_contingency",
                what.clone(),
                Some(c.chi2_yates()),
                exact("scipy_chi2_yates"),
                1e-9,
                1e-9,
            );
            a.check(
                "keyness χ² vs scipy chi2_contingency",
                what,
                Some(c.table().chi2()),
                exact("scipy_chi2"),
                1e-9,
                1e-9,
            );
        }
    }

    // ------------------------------------------------------------ bigrams
    for b in list(&data, "bigrams") {
        let (n_ii, n_ix, n_xi, n_xx) =
            (int(b, "n_ii"), int(b, "n_ix"), int(b, "n_xi"), int(b, "n_xx"));
        let what = format!("({n_ii}, ({n_ix}, {n_xi}), {n_xx})");
        let nl = &b["nltk"];
        let m = nltk::Bigram {
            n_ii: n_ii as f64,
            n_ix: n_ix as f64,
            n_xi: n_xi as f64,
            n_xx: n_xx as f64,
        };
        let g = "nltk module vs NLTK BigramAssocMeasures";
        for (key, ours) in [
            ("raw_freq", m.raw_freq()),
            ("student_t", m.student_t()),
            ("chi_sq", m.chi_sq()),
            ("phi_sq", m.phi_sq()),
            ("pmi", m.pmi()),
            ("likelihood_ratio", m.likelihood_ratio()),
            ("poisson_stirling", m.poisson_stirling()),
            ("jaccard", m.jaccard()),
            ("mi_like", m.mi_like(3.0)),
            ("dice", m.dice()),
        ] {
            a.check(g, format!("{key}{what}"), ours, num(nl, key), 1e-12, 1e-12);
        }
        // Our collocation measures (span 1) against NLTK's and against mpmath.
        let c = CooccurrenceCounts { observed: n_ii, f_x: n_ix, f_y: n_xi, n: n_xx, span: 1 };
        if n_ii > 0 && n_ii <= n_ix.min(n_xi) {
            a.check("MI vs NLTK pmi", what.clone(), c.mi(), num(nl, "pmi"), 1e-9, 1e-9);
            a.check(
                "t-score vs NLTK student_t",
                what.clone(),
                c.t_score(),
                num(nl, "student_t"),
                1e-9,
                1e-9,
            );
            a.check(
                "logDice vs 14 + log2(NLTK dice)",
                what.clone(),
                c.log_dice(),
                num(nl, "dice").map(|d| 14.0 + d.log2()),
                1e-9,
                1e-9,
            );
            a.check(
                "|G²| vs NLTK likelihood_ratio",
                what.clone(),
                Some(c.g2().abs()),
                num(nl, "likelihood_ratio"),
                1e-9,
                1e-9,
            );
        }
        let ex = &b["exact"];
        collocation_vs_exact(&mut a, "collocation (span 1) vs mpmath", &what, &c, ex);
    }

    // ------------------------------------------------------------ windowed collocations
    for w in list(&data, "windowed") {
        let c = CooccurrenceCounts {
            observed: int(w, "observed"),
            f_x: int(w, "f_x"),
            f_y: int(w, "f_y"),
            n: int(w, "n"),
            span: int(w, "span"),
        };
        collocation_vs_exact(
            &mut a,
            "collocation (window-corrected) vs mpmath",
            &format!("{c:?}"),
            &c,
            &w["exact"],
        );
    }

    // ------------------------------------------------------------ trigrams
    for t in list(&data, "trigrams") {
        let arr = |key: &str| -> [f64; 3] {
            let v = floats(&t[key]);
            [v[0], v[1], v[2]]
        };
        let m = nltk::Trigram {
            n_iii: int(t, "n_iii") as f64,
            n_iix: arr("n_iix"),
            n_ixx: arr("n_ixx"),
            n_xxx: int(t, "n_xxx") as f64,
        };
        let what = format!("{m:?}");
        let nl = &t["nltk"];
        for (key, ours) in [
            ("raw_freq", m.raw_freq()),
            ("student_t", m.student_t()),
            ("chi_sq", m.chi_sq()),
            ("pmi", m.pmi()),
            ("likelihood_ratio", m.likelihood_ratio()),
            ("poisson_stirling", m.poisson_stirling()),
            ("jaccard", m.jaccard()),
            ("mi_like", m.mi_like(3.0)),
        ] {
            a.check(
                "nltk module vs NLTK TrigramAssocMeasures",
                format!("{key} {what}"),
                ours,
                num(nl, key),
                1e-12,
                1e-12,
            );
        }
    }

    // ------------------------------------------------------------ dispersion
    for case in list(&data, "dispersion") {
        let parts: Vec<(u64, u64)> = case["parts"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .map(|p| (p[0].as_u64().unwrap_or(0), p[1].as_u64().unwrap_or(0)))
                    .collect()
            })
            .unwrap_or_default();
        let d = dispersion(&parts);
        let ex = &case["exact"];
        let what = format!("{} parts", parts.len());
        assert_eq!(d.range, int(ex, "range"), "{what}");
        let g = "dispersion vs mpmath";
        a.check(g, format!("D {what}"), d.juilland_d, num(ex, "juilland_d"), 1e-12, 1e-12);
        a.check(g, format!("DP {what}"), d.dp, num(ex, "dp"), 1e-12, 1e-12);
        a.check(g, format!("DP_norm {what}"), d.dp_norm, num(ex, "dp_norm"), 1e-12, 1e-12);
        if num(ex, "juilland_d_numpy").is_some() {
            a.check(
                "Juilland's D vs numpy std",
                what,
                d.juilland_d,
                num(ex, "juilland_d_numpy"),
                1e-12,
                1e-12,
            );
        }
    }

    // ------------------------------------------------------------ trends
    for case in list(&data, "trends") {
        let y = floats(&case["y"]);
        let what = format!("{} values", y.len());
        let mk = mann_kendall(&y);
        let p = &case["pmk"];
        assert_eq!(mk.s, p["s"].as_i64().unwrap_or(i64::MIN), "S {what}");
        a.check(
            "Mann–Kendall Var(S) vs pymannkendall",
            what.clone(),
            Some(mk.var_s),
            num(p, "var_s"),
            1e-12,
            1e-12,
        );
        a.check(
            "Mann–Kendall Z vs pymannkendall",
            what.clone(),
            Some(mk.z),
            num(p, "z"),
            1e-12,
            1e-12,
        );
        a.check(
            "Mann–Kendall p vs scipy 2·norm.sf(|Z|)",
            what.clone(),
            Some(mk.p_value),
            num(case, "scipy_p_from_pmk_z"),
            1e-12,
            1e-300,
        );
        let kt = &case["scipy_kendalltau"];
        if num(kt, "tau_b").is_none() {
            // A constant series: scipy gives NaN; we give τ_b = 0 and p = 1 (documented).
            assert_eq!((mk.var_s, mk.tau_b, mk.p_value), (0.0, 0.0, 1.0), "{what}");
            continue;
        }
        a.check(
            "Kendall τ_b vs scipy kendalltau",
            what.clone(),
            Some(mk.tau_b),
            num(kt, "tau_b"),
            1e-12,
            1e-12,
        );
        // scipy's asymptotic p has no continuity correction: erfc(|S|/σ/√2) with its own
        // variance — equal to ours exactly when our Var(S) is scipy's.
        let uncorrected =
            if mk.var_s > 0.0 { normal_two_sided_p(mk.s as f64 / mk.var_s.sqrt()) } else { 1.0 };
        a.check(
            "Var(S) via scipy kendalltau's p (no correction)",
            what.clone(),
            Some(uncorrected),
            num(kt, "p_uncorrected"),
            1e-12,
            1e-300,
        );
        let ts = theil_sen(&y).unwrap_or_else(|| panic!("Theil–Sen of {what}"));
        let st = &case["scipy_theilslopes"];
        for (key, ours) in [
            ("slope", ts.slope),
            ("intercept", ts.intercept),
            ("low_slope", ts.low_slope),
            ("high_slope", ts.high_slope),
        ] {
            a.check(
                "Theil–Sen vs scipy theilslopes",
                format!("{key} {what}"),
                Some(ours),
                num(st, key),
                1e-12,
                1e-12,
            );
        }
        let x: Vec<f64> = (0..y.len()).map(|i| i as f64).collect();
        let ts90 = theil_sen_xy(&x, &y, 0.90).unwrap_or_else(|| panic!("Theil–Sen of {what}"));
        let st90 = &case["scipy_theilslopes_90"];
        a.check(
            "Theil–Sen 90 % interval vs scipy",
            format!("low {what}"),
            Some(ts90.low_slope),
            num(st90, "low_slope"),
            1e-12,
            1e-12,
        );
        a.check(
            "Theil–Sen 90 % interval vs scipy",
            format!("high {what}"),
            Some(ts90.high_slope),
            num(st90, "high_slope"),
            1e-12,
            1e-12,
        );
    }

    a.finish();
}

fn collocation_vs_exact(
    a: &mut Agreement,
    group: &'static str,
    what: &str,
    c: &CooccurrenceCounts,
    ex: &Value,
) {
    a.check(group, format!("E {what}"), Some(c.expected()), num(ex, "expected"), 1e-12, 1e-12);
    a.check(group, format!("G² {what}"), Some(c.g2()), num(ex, "g2"), 1e-12, 1e-12);
    a.check(group, format!("MI {what}"), c.mi(), num(ex, "mi"), 1e-12, 1e-12);
    a.check(group, format!("MI3 {what}"), c.mi3(), num(ex, "mi3"), 1e-12, 1e-12);
    a.check(group, format!("t {what}"), c.t_score(), num(ex, "t_score"), 1e-12, 1e-12);
    a.check(group, format!("logDice {what}"), c.log_dice(), num(ex, "log_dice"), 1e-12, 1e-12);
}
