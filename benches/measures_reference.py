#!/usr/bin/env python3
"""Reference values for tahlil's statistical formulas (src/analysis/{stat,keyness,assoc,
dispersion,trend}.rs), from independent implementations, written to
tests/fixtures/measures_reference.json and checked by tests/measures_reference.rs.

Run it through benches/measures_reference.sh, which builds a throwaway venv outside the
repository with pinned versions of the packages below. Sources of each value:

  nltk       nltk.metrics.association.BigramAssocMeasures / TrigramAssocMeasures on the same
             marginal counts (pmi, likelihood_ratio, student_t, chi_sq, dice, phi_sq,
             poisson_stirling, jaccard, mi_like, raw_freq).
  scipy      scipy.stats: norm.sf, norm.isf, chi2.sf, chi2.isf, chi2_contingency (G² with
             lambda_="log-likelihood", Pearson χ² with and without Yates), kendalltau
             (τ_b and its asymptotic p-value), theilslopes.
  pmk        pymannkendall.original_test (S, Var(S), Z with continuity correction, p).
  exact      mpmath with 50 significant digits, from the formulas as the papers give them
             (G² full 2×2 and Rayson & Garside two-cell, Log Ratio with Hardie's 0.5, %DIFF
             with 1e-18, the window-corrected collocation measures after Evert 2008,
             dispersion D / DP / DP_norm), rounded once to a double.

Nothing here is copied from tahlil: the "exact" values are written from the formulas.
"""

import json
import math
import random
import sys
from importlib.metadata import version

import mpmath as mp
import numpy as np
import pymannkendall as pmk
from nltk.metrics.association import BigramAssocMeasures as B
from nltk.metrics.association import TrigramAssocMeasures as T
from scipy import stats

mp.mp.dps = 50


def f(x):
    """A JSON number (None for NaN/inf, which JSON cannot hold)."""
    x = float(x)
    return x if math.isfinite(x) else None


def call(fn, *args, **kw):
    """An NLTK measure, None where NLTK raises (as tahlil's nltk module returns None)."""
    try:
        v = fn(*args, **kw)
        if isinstance(v, complex):
            return None
        return f(v)
    except (ValueError, ZeroDivisionError, OverflowError):
        return None


# ---------------------------------------------------------------- distributions
def distributions():
    zs = [-3.0, -1.0, 0.0, 0.5, 1.0, 1.959963984540054, 2.5, 4.0, 6.0, 8.5, 10.0, 20.0, 30.0]
    xs = [0.0, 0.001, 0.5, 1.0, 2.0, 3.841458820694124, 5.0, 10.83, 15.0, 25.0, 50.0, 100.0,
          300.0, 1000.0]
    ps = [0.5, 0.25, 0.1, 0.05, 0.025, 0.01, 1e-3, 1e-4, 1e-6, 5e-6, 1e-9, 1e-12, 1e-20,
          1e-50, 1e-100]
    return {
        "normal_sf": [[z, f(stats.norm.sf(z))] for z in zs],
        "chi2_1df_sf": [[x, f(stats.chi2.sf(x, 1))] for x in xs],
        "normal_isf": [[p, f(stats.norm.isf(p))] for p in ps],
        "chi2_1df_isf": [[p, f(stats.chi2.isf(p, 1))] for p in ps],
    }


# ---------------------------------------------------------------- keyness
def g2_exact(cells):
    a, b, c, d = map(mp.mpf, cells)
    n = a + b + c + d
    r1, r2, c1, c2 = a + b, c + d, a + c, b + d
    if n == 0 or 0 in (r1, r2, c1, c2):
        return mp.mpf(0)
    s = mp.mpf(0)
    for o, e in ((a, r1 * c1 / n), (b, r1 * c2 / n), (c, r2 * c1 / n), (d, r2 * c2 / n)):
        if o > 0:
            s += o * mp.log(o / e)
    return 2 * s


def keyness_case(ft, nt, fr, nr):
    sign = (ft * nr > fr * nt) - (ft * nr < fr * nt)
    cells = [ft, nt - ft, fr, nr - fr]
    g2 = g2_exact(cells)
    # Rayson & Garside (2000) two-cell form.
    n, fsum = mp.mpf(nt + nr), mp.mpf(ft + fr)
    two = mp.mpf(0)
    if fsum > 0:
        for o, e in ((ft, nt * fsum / n), (fr, nr * fsum / n)):
            if o > 0:
                two += o * mp.log(mp.mpf(o) / e)
        two *= 2
    # Hardie (2014) Log Ratio with 0.5 for a zero frequency.
    if ft == 0 and fr == 0:
        lr = mp.mpf(0)
    else:
        lr = mp.log((mp.mpf(ft or 0.5) / nt) / (mp.mpf(fr or 0.5) / nr), 2)
    # Gabrielatos & Marchi (2012) %DIFF, per million, 1e-18 for a zero reference NF.
    nf_t, nf_r = mp.mpf(ft) / nt * 10**6, mp.mpf(fr) / nr * 10**6
    pd = mp.mpf(0) if (nf_t == 0 and nf_r == 0) else (nf_t - nf_r) * 100 / (nf_r or mp.mpf("1e-18"))
    table = np.array([[ft, nt - ft], [fr, nr - fr]], dtype=float)
    out = {
        "f_target": ft, "n_target": nt, "f_reference": fr, "n_reference": nr,
        "exact_g2": f(sign * g2),
        "exact_g2_two_cell": f(sign * two),
        "exact_p": f(mp.erfc(mp.sqrt(g2 / 2))),
        "exact_log_ratio": f(lr),
        "exact_percent_diff": f(pd),
    }
    if table.sum(axis=0).min() > 0 and table.sum(axis=1).min() > 0:
        g2s = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
        out["scipy_g2"] = f(sign * g2s)
        out["scipy_p"] = f(stats.chi2.sf(float(g2), 1))
        out["scipy_chi2_yates"] = f(sign * stats.chi2_contingency(table, correction=True)[0])
        out["scipy_chi2"] = f(stats.chi2_contingency(table, correction=False)[0])
    return out


KEYNESS = [
    (10, 1000, 2, 1000), (2, 1000, 10, 1000), (30, 3_000_000, 10, 1_000_000),
    (8, 1000, 0, 2000), (0, 1000, 8, 2000), (1, 50_000, 0, 2_000_000),
    (120, 250_000, 400, 4_000_000), (5000, 2_000_000, 20_000, 30_000_000),
    (1, 100, 1, 100_000), (3, 10_000, 7, 10_000), (999, 1000, 1, 1000),
    (30, 1_000_000_000, 10, 1_000_000_000), (4_500_000, 60_000_000, 900_000, 40_000_000),
    (17, 123_456, 250, 7_654_321), (0, 500, 0, 700),
]


# ---------------------------------------------------------------- collocations
def colloc_exact(o, fx, fy, n, span):
    k = max(span, 1)
    r1 = k * fx
    if k > 1:
        r1 = min(r1, n - 1)
    o, r1, fy_, n_ = mp.mpf(o), mp.mpf(r1), mp.mpf(fy), mp.mpf(n)
    e = r1 * fy_ / n_
    cells = [max(o, 0), max(r1 - o, 0), max(fy_ - o, 0), max(n_ - r1 - fy_ + o, 0)]
    g2 = g2_exact(cells)
    sign = (o > e) - (o < e)
    res = {"expected": f(e), "g2": f(sign * g2)}
    if o > 0 and e > 0:
        res.update({
            "mi": f(mp.log(o / e, 2)),
            "mi3": f(mp.log(o**3 / e, 2)),
            "t_score": f((o - e) / mp.sqrt(o)),
            "log_dice": f(14 + mp.log(2 * o / (fx + fy), 2)),
        })
    return res


def bigram_case(n_ii, n_ix, n_xi, n_xx):
    m = (n_ii, (n_ix, n_xi), n_xx)
    return {
        "n_ii": n_ii, "n_ix": n_ix, "n_xi": n_xi, "n_xx": n_xx,
        "nltk": {
            "raw_freq": call(B.raw_freq, *m), "student_t": call(B.student_t, *m),
            "chi_sq": call(B.chi_sq, *m), "phi_sq": call(B.phi_sq, *m),
            "pmi": call(B.pmi, *m), "likelihood_ratio": call(B.likelihood_ratio, *m),
            "poisson_stirling": call(B.poisson_stirling, *m), "jaccard": call(B.jaccard, *m),
            "mi_like": call(B.mi_like, *m), "dice": call(B.dice, *m),
        },
        # The same pair as a span-1 collocation (O = n_ii, f_x = n_ix, f_y = n_xi, N = n_xx).
        "exact": colloc_exact(n_ii, n_ix, n_xi, n_xx, 1),
    }


BIGRAMS = [
    (2, 4, 4, 20), (1, 1, 1, 1), (0, 2, 2, 2), (1, 1, 1, 2000), (8, 15, 12, 14_307),
    (30, 150, 400, 100_000), (500, 20_000, 8_000, 5_000_000), (3, 90_000, 120_000, 40_000_000),
    (0, 30, 50, 100_000), (12_000, 45_000, 60_000, 2_500_000), (7, 7, 7, 1_000_000),
    (40, 5_000, 30, 1_000_000_000),
]


def windowed_case(o, fx, fy, n, span):
    return {"observed": o, "f_x": fx, "f_y": fy, "n": n, "span": span,
            "exact": colloc_exact(o, fx, fy, n, span)}


WINDOWED = [
    (20, 100, 1000, 100_000, 10), (2, 100, 1000, 100_000, 10), (0, 100, 1000, 100_000, 10),
    (60, 30_000, 50, 100_000, 10), (9, 9, 2_000, 64_000, 10), (150, 2_400, 9_000, 3_000_000, 4),
    (3, 40, 25, 500_000, 8), (1, 1, 1, 10, 6),
]


def trigram_case(n_iii, n_iix, n_ixx, n_xxx):
    m = (n_iii, tuple(n_iix), tuple(n_ixx), n_xxx)
    return {
        "n_iii": n_iii, "n_iix": list(n_iix), "n_ixx": list(n_ixx), "n_xxx": n_xxx,
        "nltk": {
            "raw_freq": call(T.raw_freq, *m), "student_t": call(T.student_t, *m),
            "chi_sq": call(T.chi_sq, *m), "pmi": call(T.pmi, *m),
            "likelihood_ratio": call(T.likelihood_ratio, *m),
            "poisson_stirling": call(T.poisson_stirling, *m), "jaccard": call(T.jaccard, *m),
            "mi_like": call(T.mi_like, *m),
        },
    }


def trigrams():
    # NLTK's doctest table, and the marginals of real trigrams of a seeded random text.
    cases = [(1, (1, 1, 1), (1, 73, 1), 2000)]
    rng = random.Random(20261206)
    words = [f"w{int(rng.paretovariate(1.2)) % 40}" for _ in range(20_000)]
    tri = list(zip(words, words[1:], words[2:]))
    from collections import Counter
    c3, c_iix, c_ixi, c_xii = Counter(tri), Counter(), Counter(), Counter()
    c_ixx, c_xix, c_xxi = Counter(), Counter(), Counter()
    for a, b, c in tri:
        c_iix[(a, b)] += 1; c_ixi[(a, c)] += 1; c_xii[(b, c)] += 1
        c_ixx[a] += 1; c_xix[b] += 1; c_xxi[c] += 1
    for (a, b, c), n in sorted(c3.items(), key=lambda kv: (-kv[1], kv[0]))[:4] + \
            sorted(c3.items(), key=lambda kv: (kv[1], kv[0]))[:2]:
        cases.append((n, (c_iix[(a, b)], c_ixi[(a, c)], c_xii[(b, c)]),
                      (c_ixx[a], c_xix[b], c_xxi[c]), len(tri)))
    return [trigram_case(*c) for c in cases]


# ---------------------------------------------------------------- dispersion
def dispersion_exact(parts):
    parts = [(v, s) for v, s in parts if s > 0]
    n = len(parts)
    fsum = sum(v for v, _ in parts)
    out = {"range": sum(1 for v, _ in parts if v > 0)}
    if fsum == 0 or n < 2:
        return {**out, "juilland_d": None, "dp": None, "dp_norm": None}
    S = mp.mpf(sum(s for _, s in parts))
    r = [mp.mpf(v) / s for v, s in parts]
    mean = sum(r) / n
    sd = mp.sqrt(sum((x - mean) ** 2 for x in r) / n)
    d = 1 - sd / mean / mp.sqrt(n - 1)
    dp = sum(abs(mp.mpf(v) / fsum - s / S) for v, s in parts) / 2
    dpn = dp / (1 - min(s for _, s in parts) / S)
    # numpy's population SD as a second opinion on D
    rn = np.array([v / s for v, s in parts])
    d_np = 1 - rn.std(ddof=0) / rn.mean() / math.sqrt(n - 1)
    return {**out, "juilland_d": f(d), "juilland_d_numpy": f(d_np), "dp": f(dp),
            "dp_norm": f(dpn)}


def dispersion_cases():
    rng = random.Random(7)
    cases = [
        [(2, 100), (0, 200), (8, 700)],
        [(2, 8143), (0, 8058), (1, 8271), (1, 8125), (3, 7959), (0, 7941), (3, 8146),
         (0, 8001), (0, 8003), (0, 7930)],  # Lyne's ALLEMAND (tlda README: D = 0.6038797)
        [(10, 100), (0, 200), (0, 700)], [(1, 100), (2, 200), (7, 700)], [(5, 100)],
        [(0, 100), (0, 300)], [(3, 10), (0, 0), (4, 90)],
    ]
    sizes = [rng.randint(50, 3000) for _ in range(200)]
    for rate, burst in ((0.01, 0.0), (0.002, 0.9), (0.0005, 0.5)):
        parts = []
        for s in sizes:
            lam = rate * s * (20 if rng.random() < 0.05 and burst else 1)
            v = sum(1 for _ in range(s) if rng.random() < lam / s)
            parts.append((v, s))
        cases.append(parts)
    return [{"parts": p, "exact": dispersion_exact(p)} for p in cases]


# ---------------------------------------------------------------- trends
def trend_case(y):
    y = list(map(float, y))
    n = len(y)
    out = {"y": y}
    r = pmk.original_test(np.array(y))
    out["pmk"] = {"s": int(r.s), "var_s": f(r.var_s), "z": f(r.z)}
    # The continuity-corrected two-sided p-value, from the upper tail (pymannkendall computes
    # 2·(1 − cdf), which loses relative precision below ~1e-8).
    out["scipy_p_from_pmk_z"] = f(2 * stats.norm.sf(abs(r.z)))
    kt = stats.kendalltau(np.arange(n), np.array(y), method="asymptotic")
    out["scipy_kendalltau"] = {"tau_b": f(kt.statistic), "p_uncorrected": f(kt.pvalue)}
    ts = stats.theilslopes(np.array(y), np.arange(n, dtype=float), 0.95)
    out["scipy_theilslopes"] = {"slope": f(ts.slope), "intercept": f(ts.intercept),
                                "low_slope": f(ts.low_slope), "high_slope": f(ts.high_slope)}
    ts90 = stats.theilslopes(np.array(y), np.arange(n, dtype=float), 0.90)
    out["scipy_theilslopes_90"] = {"low_slope": f(ts90.low_slope), "high_slope": f(ts90.high_slope)}
    return out


def trend_cases():
    rng = random.Random(16)
    series = [
        [1, 3, 2, 5, 4],
        [0, 0, 1, 1, 1, 2],
        [5, 4, 3],
        [2.5, 2.5, 2.5, 2.5],
        [0, 1, 2, 100, 4, 5, 6],
    ]
    # Monthly rates per 10,000 tokens: counts / tokens, with zero months and ties.
    for months, drift in ((12, 0.3), (36, 0.0), (60, -0.1), (100, 0.05)):
        ys = []
        for m in range(months):
            tokens = rng.randint(20_000, 90_000)
            lam = max(0.0, 3 + drift * m + rng.gauss(0, 2)) * tokens / 10_000
            count = sum(1 for _ in range(int(lam * 3)) if rng.random() < 1 / 3)
            ys.append(round(count / tokens * 10_000, 6) if rng.random() > 0.1 else 0.0)
        series.append(ys)
    series.append([float(i % 7 == 0) for i in range(40)])  # many ties
    series.append([i * 0.5 + (3 if i == 20 else 0) for i in range(45)])  # strong trend: tiny p
    return [trend_case(y) for y in series]


def main():
    out_path = sys.argv[1]
    data = {
        "generated_by": "benches/measures_reference.py (via benches/measures_reference.sh)",
        "versions": {p: version(p) for p in ("nltk", "scipy", "numpy", "mpmath", "pymannkendall")},
        "python": sys.version.split()[0],
        "distributions": distributions(),
        "keyness": [keyness_case(*c) for c in KEYNESS],
        "bigrams": [bigram_case(*c) for c in BIGRAMS],
        "windowed": [windowed_case(*c) for c in WINDOWED],
        "trigrams": trigrams(),
        "dispersion": dispersion_cases(),
        "trends": trend_cases(),
    }
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    print(f"wrote {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
