//! Collocation (association) measures: how strongly does a collocate y attract a node x
//! within a window of tokens around it?
//!
//! Inputs ([`CooccurrenceCounts`]): the observed co-occurrence count O = f_xy (how many
//! times y stands within the window of an occurrence of x), the corpus frequencies f_x and
//! f_y, the corpus size N in tokens, and the window span k = L + R (tokens looked at around
//! each node occurrence; 1 for adjacent bigrams).
//!
//! **Expected frequency and the window-size correction** (Evert 2008, "Corpora and
//! collocations", §3.1 and §5.1; as his `corpora::am.score(span.size = k)` computes it):
//! each occurrence of x opens k slots, so the node's windows hold R1 = k·f_x tokens and,
//! if y were spread at random, E = R1·f_y/N = k·f_x·f_y/N of them would be y. Without the
//! factor k, every collocate of a wide window looks k times too attracted. R1 is capped at
//! N − 1 when k > 1 (Evert's guard for nodes so frequent that their windows would exceed the
//! corpus). The 2×2 table behind G² is then
//!
//! |                  | y           | not y                 | total  |
//! |------------------|-------------|-----------------------|--------|
//! | in x's windows   | O           | R1 − O                | R1     |
//! | elsewhere        | f_y − O     | N − R1 − f_y + O      | N − R1 |
//! | total            | f_y         | N − f_y               | N      |
//!
//! (cells that would be negative — possible when windows overlap, so one y token is counted
//! for two nodes — are read as 0).
//!
//! | measure | formula | source |
//! |---|---|---|
//! | MI | log₂(O/E) | Church & Hanks 1990 |
//! | MI3 | log₂(O³/E) | Daille 1994; Oakes 1998 |
//! | t-score | (O − E)/√O | Church et al. 1991 |
//! | logDice | 14 + log₂(2·O/(f_x + f_y)) | Rychlý 2008 |
//! | G² | 2 Σ O·ln(O/E) over the table above, signed | Dunning 1993 |
//!
//! logDice uses the plain corpus frequencies f_x and f_y, as Rychlý defines it (no window
//! correction); it is at most 14 when O ≤ (f_x + f_y)/2.
//!
//! [`nltk`] holds the same measures exactly as NLTK's `BigramAssocMeasures` and
//! `TrigramAssocMeasures` define them on contingency counts, for comparison.

use super::stat::{Table2x2, signed};
use serde::Serialize;

/// Co-occurrence counts of a node x and a collocate y.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CooccurrenceCounts {
    /// O = f_xy: occurrences of y inside the windows of occurrences of x (a y standing in
    /// the windows of two occurrences of x counts twice).
    pub observed: u64,
    /// f_x: corpus frequency of the node.
    pub f_x: u64,
    /// f_y: corpus frequency of the collocate.
    pub f_y: u64,
    /// N: corpus size in tokens.
    pub n: u64,
    /// k = L + R: window positions looked at around each occurrence of the node (1 for
    /// adjacent bigrams, 10 for a 5,5 window). 0 is read as 1.
    pub span: u64,
}

/// The association measures of one node–collocate pair (see the [module](self) table).
/// Every field is finite.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Collocation {
    /// O = f_xy.
    pub observed: u64,
    /// E = k·f_x·f_y/N with the window-size correction ([`CooccurrenceCounts::expected`]).
    pub expected: f64,
    /// Pointwise mutual information log₂(O/E), in bits; > 0 means attraction.
    pub mi: f64,
    /// MI3 = log₂(O³/E), in bits: MI with a boost for frequent pairs.
    pub mi3: f64,
    /// t-score (O − E)/√O; about 2 or more is the usual threshold for a collocation.
    pub t_score: f64,
    /// logDice 14 + log₂(2·O/(f_x + f_y)); ≤ 14 unless windows overlap (see module docs).
    pub log_dice: f64,
    /// G², signed: positive for attraction (O > E), negative for repulsion.
    pub g2: f64,
}

impl CooccurrenceCounts {
    /// R1 = k·f_x, the tokens in the node's windows, capped at N − 1 when k > 1 (Evert's
    /// guard); for k = 1 it is f_x itself. In tokens.
    pub fn window_tokens(&self) -> f64 {
        let k = self.span.max(1);
        let r1 = k.saturating_mul(self.f_x);
        if k > 1 { r1.min(self.n.saturating_sub(1)) as f64 } else { r1 as f64 }
    }

    /// Expected co-occurrence count E = R1·f_y/N = k·f_x·f_y/N (Evert 2008), ≥ 0; 0 when
    /// N = 0.
    pub fn expected(&self) -> f64 {
        if self.n == 0 { 0.0 } else { self.window_tokens() * self.f_y as f64 / self.n as f64 }
    }

    /// The 2×2 table of the [module](self) docs (negative cells read as 0).
    pub fn table(&self) -> Table2x2 {
        let (o, r1, c1, n) =
            (self.observed as f64, self.window_tokens(), self.f_y as f64, self.n as f64);
        Table2x2::new(o, r1 - o, c1 - o, n - r1 - c1 + o)
    }

    /// MI = log₂(O/E) (Church & Hanks 1990, "Word association norms, mutual information,
    /// and lexicography"), in bits; `None` when O = 0 or E = 0 (undefined: −∞ or no data).
    pub fn mi(&self) -> Option<f64> {
        let (o, e) = (self.observed as f64, self.expected());
        (o > 0.0 && e > 0.0).then(|| (o / e).log2())
    }

    /// MI3 = log₂(O³/E) (Daille 1994; Oakes 1998), in bits, computed as 3·log₂O − log₂E;
    /// `None` when O = 0 or E = 0.
    pub fn mi3(&self) -> Option<f64> {
        let (o, e) = (self.observed as f64, self.expected());
        (o > 0.0 && e > 0.0).then(|| 3.0 * o.log2() - e.log2())
    }

    /// t-score (O − E)/√O (Church, Gale, Hanks & Hindle 1991, "Using statistics in lexical
    /// analysis"); `None` when O = 0 (the formula divides by √O).
    pub fn t_score(&self) -> Option<f64> {
        let (o, e) = (self.observed as f64, self.expected());
        (o > 0.0).then(|| (o - e) / o.sqrt())
    }

    /// logDice = 14 + log₂(2·O/(f_x + f_y)) (Rychlý 2008, "A lexicographer-friendly
    /// association score"), with the plain corpus frequencies; `None` when O = 0 or
    /// f_x + f_y = 0. Independent of the corpus size and of the window correction.
    pub fn log_dice(&self) -> Option<f64> {
        let o = self.observed as f64;
        let fxy = self.f_x as f64 + self.f_y as f64;
        (o > 0.0 && fxy > 0.0).then(|| 14.0 + (2.0 * o / fxy).log2())
    }

    /// Signed G² of [`CooccurrenceCounts::table`] (Dunning 1993): positive when O > E
    /// (attraction), negative when O < E; defined (and finite) also for O = 0.
    pub fn g2(&self) -> f64 {
        let t = self.table();
        signed(t.g2(), self.observed as f64 - self.expected())
    }

    /// Every measure at once; `None` when O = 0 or E = 0 (a pair that never co-occurs is
    /// not a collocate, and MI, t-score and logDice are undefined for it).
    pub fn measures(&self) -> Option<Collocation> {
        Some(Collocation {
            observed: self.observed,
            expected: self.expected(),
            mi: self.mi()?,
            mi3: self.mi3()?,
            t_score: self.t_score()?,
            log_dice: self.log_dice()?,
            g2: self.g2(),
        })
    }
}

/// The association measures as NLTK defines them (`nltk.metrics.association`, NLTK 3.x:
/// `BigramAssocMeasures`, `TrigramAssocMeasures`), on NLTK's marginal counts, computed with
/// the same operations in the same order — including NLTK's guard constant 10⁻²⁰ ([`nltk::SMALL`])
/// in `student_t`, `chi_sq` and `likelihood_ratio` — so that results agree to rounding.
///
/// Where NLTK raises (log of 0 or of a negative number, division by zero, the square root
/// of a negative number) these return `None`.
///
/// Relation to [`CooccurrenceCounts`] with span 1, O = n_ii, f_x = n_ix,
/// f_y = n_xi, N = n_xx: `pmi` = MI, `student_t` = t-score (for O ≥ 1),
/// `likelihood_ratio` = |G²|, and logDice = 14 + log₂(`dice`). (NLTK's collocation
/// *finders* correct for a window differently: `BigramCollocationFinder` with
/// `window_size` w divides the observed count by w − 1 instead of multiplying E.)
pub mod nltk {
    use serde::Serialize;

    /// NLTK's `_SMALL`, added to denominators and inside logarithms.
    pub const SMALL: f64 = 1e-20;

    /// NLTK's bigram marginals: `bigram_score_fn(n_ii, (n_ix, n_xi), n_xx)`.
    #[derive(Debug, Clone, Copy, PartialEq, Serialize)]
    pub struct Bigram {
        /// Count of the bigram (w1, w2).
        pub n_ii: f64,
        /// Count of (w1, *).
        pub n_ix: f64,
        /// Count of (*, w2).
        pub n_xi: f64,
        /// Count of all bigrams (*, *).
        pub n_xx: f64,
    }

    /// NLTK's trigram marginals:
    /// `trigram_score_fn(n_iii, (n_iix, n_ixi, n_xii), (n_ixx, n_xix, n_xxi), n_xxx)`.
    #[derive(Debug, Clone, Copy, PartialEq, Serialize)]
    pub struct Trigram {
        /// Count of the trigram (w1, w2, w3).
        pub n_iii: f64,
        /// Counts of (w1, w2, *), (w1, *, w3), (*, w2, w3).
        pub n_iix: [f64; 3],
        /// Counts of (w1, *, *), (*, w2, *), (*, *, w3) — the unigram marginals.
        pub n_ixx: [f64; 3],
        /// Count of all trigrams.
        pub n_xxx: f64,
    }

    fn finite(v: f64) -> Option<f64> {
        v.is_finite().then_some(v)
    }

    fn log2(x: f64) -> Option<f64> {
        // math.log2 raises for x ≤ 0.
        (x > 0.0).then(|| x.log2())
    }

    fn ln(x: f64) -> Option<f64> {
        (x > 0.0).then(|| x.ln())
    }

    fn product(v: &[f64]) -> f64 {
        v.iter().skip(1).fold(v.first().copied().unwrap_or(1.0), |a, b| a * b)
    }

    /// `NgramAssocMeasures._expected_values` for an n-way table of 2ⁿ cells.
    fn expected_values<const C: usize>(cont: &[f64; C], n: u32) -> Option<[f64; C]> {
        let n_all: f64 = cont.iter().fold(0.0, |a, b| a + b);
        let denom = n_all.powi(n as i32 - 1);
        if denom == 0.0 {
            return None; // ZeroDivisionError
        }
        let mut out = [0.0; C];
        for (i, slot) in out.iter_mut().enumerate() {
            let factors: Vec<f64> = (0..n)
                .map(|bit| {
                    let j = 1usize << bit;
                    (0..C).filter(|x| (x & j) == (i & j)).fold(0.0, |a, x| a + cont[x])
                })
                .collect();
            *slot = product(&factors) / denom;
        }
        Some(out)
    }

    fn likelihood_ratio<const C: usize>(cont: &[f64; C], exps: &[f64; C]) -> Option<f64> {
        let mut sum = 0.0;
        for (obs, exp) in cont.iter().zip(exps) {
            sum += obs * ln(obs / (exp + SMALL) + SMALL)?;
        }
        finite(2.0 * sum)
    }

    fn chi_sq<const C: usize>(cont: &[f64; C], exps: &[f64; C]) -> Option<f64> {
        let mut sum = 0.0;
        for (obs, exp) in cont.iter().zip(exps) {
            let d = exp + SMALL;
            if d == 0.0 {
                return None;
            }
            sum += (obs - exp).powi(2) / d;
        }
        finite(sum)
    }

    fn student_t(ngram: f64, unigrams: &[f64], total: f64, n: i32) -> Option<f64> {
        let denom = total.powi(n - 1);
        let root = ngram + SMALL;
        if denom == 0.0 || root < 0.0 {
            return None;
        }
        finite((ngram - product(unigrams) / denom) / root.sqrt())
    }

    fn pmi(ngram: f64, unigrams: &[f64], total: f64, n: i32) -> Option<f64> {
        finite(log2(ngram * total.powi(n - 1))? - log2(product(unigrams))?)
    }

    fn poisson_stirling(ngram: f64, unigrams: &[f64], total: f64, n: i32) -> Option<f64> {
        let denom = total.powi(n - 1);
        if denom == 0.0 {
            return None;
        }
        let exp = product(unigrams) / denom;
        if exp == 0.0 {
            return None;
        }
        finite(ngram * (log2(ngram / exp)? - 1.0))
    }

    fn mi_like(ngram: f64, unigrams: &[f64], power: f64) -> Option<f64> {
        let p = product(unigrams);
        if p == 0.0 {
            return None;
        }
        finite(ngram.powf(power) / p)
    }

    fn jaccard<const C: usize>(cont: &[f64; C]) -> Option<f64> {
        let denom = cont[..C - 1].iter().fold(0.0, |a, b| a + b);
        if denom == 0.0 {
            return None;
        }
        finite(cont[0] / denom)
    }

    impl Bigram {
        /// The contingency table in NLTK's order (n_ii, n_oi, n_io, n_oo), with
        /// n_oi = n_xi − n_ii, n_io = n_ix − n_ii, n_oo = n_xx − n_ii − n_oi − n_io.
        pub fn contingency(&self) -> [f64; 4] {
            let n_oi = self.n_xi - self.n_ii;
            let n_io = self.n_ix - self.n_ii;
            [self.n_ii, n_oi, n_io, self.n_xx - self.n_ii - n_oi - n_io]
        }

        /// Expected counts of the four cells: (c_i + c_{i^1})·(c_i + c_{i^2})/n_xx.
        pub fn expected_values(&self) -> Option<[f64; 4]> {
            let c = self.contingency();
            let n_xx = c.iter().fold(0.0, |a, b| a + b);
            if n_xx == 0.0 {
                return None;
            }
            let mut out = [0.0; 4];
            for (i, slot) in out.iter_mut().enumerate() {
                *slot = (c[i] + c[i ^ 1]) * (c[i] + c[i ^ 2]) / n_xx;
            }
            Some(out)
        }

        /// `raw_freq`: n_ii / n_xx.
        pub fn raw_freq(&self) -> Option<f64> {
            (self.n_xx != 0.0).then(|| self.n_ii / self.n_xx).and_then(finite)
        }

        /// `student_t`: (n_ii − n_ix·n_xi/n_xx) / √(n_ii + 10⁻²⁰).
        pub fn student_t(&self) -> Option<f64> {
            student_t(self.n_ii, &[self.n_ix, self.n_xi], self.n_xx, 2)
        }

        /// `pmi`: log₂(n_ii·n_xx) − log₂(n_ix·n_xi).
        pub fn pmi(&self) -> Option<f64> {
            pmi(self.n_ii, &[self.n_ix, self.n_xi], self.n_xx, 2)
        }

        /// `likelihood_ratio`: 2 Σ obs·ln(obs/(exp + 10⁻²⁰) + 10⁻²⁰) over the four cells.
        pub fn likelihood_ratio(&self) -> Option<f64> {
            likelihood_ratio(&self.contingency(), &self.expected_values()?)
        }

        /// `phi_sq`: (n_ii·n_oo − n_io·n_oi)² / ((n_ii+n_io)(n_ii+n_oi)(n_io+n_oo)(n_oi+n_oo)).
        pub fn phi_sq(&self) -> Option<f64> {
            // NLTK unpacks the contingency tuple (n_ii, n_oi, n_io, n_oo) under the names
            // n_ii, n_io, n_oi, n_oo; the formula is symmetric in the swap.
            let [n_ii, n_io, n_oi, n_oo] = self.contingency();
            let denom = (n_ii + n_io) * (n_ii + n_oi) * (n_io + n_oo) * (n_oi + n_oo);
            if denom == 0.0 {
                return None;
            }
            finite((n_ii * n_oo - n_io * n_oi).powi(2) / denom)
        }

        /// `chi_sq` (bigram override): n_xx · phi_sq.
        pub fn chi_sq(&self) -> Option<f64> {
            finite(self.n_xx * self.phi_sq()?)
        }

        /// `poisson_stirling`: n_ii·(log₂(n_ii/E) − 1), E = n_ix·n_xi/n_xx.
        pub fn poisson_stirling(&self) -> Option<f64> {
            poisson_stirling(self.n_ii, &[self.n_ix, self.n_xi], self.n_xx, 2)
        }

        /// `jaccard`: n_ii / (n_ii + n_oi + n_io).
        pub fn jaccard(&self) -> Option<f64> {
            jaccard(&self.contingency())
        }

        /// `mi_like(power=p)`: n_ii^p / (n_ix·n_xi); NLTK's default p is 3.
        pub fn mi_like(&self, power: f64) -> Option<f64> {
            mi_like(self.n_ii, &[self.n_ix, self.n_xi], power)
        }

        /// `dice`: 2·n_ii / (n_ix + n_xi). logDice (Rychlý 2008) is 14 + log₂ of it.
        pub fn dice(&self) -> Option<f64> {
            let d = self.n_ix + self.n_xi;
            (d != 0.0).then(|| 2.0 * self.n_ii / d).and_then(finite)
        }
    }

    impl Trigram {
        /// The 2×2×2 contingency cube in NLTK's order
        /// (n_iii, n_oii, n_ioi, n_ooi, n_iio, n_oio, n_ioo, n_ooo).
        pub fn contingency(&self) -> [f64; 8] {
            let [n_iix, n_ixi, n_xii] = self.n_iix;
            let [n_ixx, n_xix, n_xxi] = self.n_ixx;
            let n_iii = self.n_iii;
            let n_oii = n_xii - n_iii;
            let n_ioi = n_ixi - n_iii;
            let n_iio = n_iix - n_iii;
            let n_ooi = n_xxi - n_iii - n_oii - n_ioi;
            let n_oio = n_xix - n_iii - n_oii - n_iio;
            let n_ioo = n_ixx - n_iii - n_ioi - n_iio;
            let n_ooo = self.n_xxx - n_iii - n_oii - n_ioi - n_iio - n_ooi - n_oio - n_ioo;
            [n_iii, n_oii, n_ioi, n_ooi, n_iio, n_oio, n_ioo, n_ooo]
        }

        /// Expected counts of the eight cells: the product of the cell's three one-way
        /// margins / N².
        pub fn expected_values(&self) -> Option<[f64; 8]> {
            expected_values(&self.contingency(), 3)
        }

        /// `raw_freq`: n_iii / n_xxx.
        pub fn raw_freq(&self) -> Option<f64> {
            (self.n_xxx != 0.0).then(|| self.n_iii / self.n_xxx).and_then(finite)
        }

        /// `student_t`: (n_iii − n_ixx·n_xix·n_xxi/n_xxx²) / √(n_iii + 10⁻²⁰).
        pub fn student_t(&self) -> Option<f64> {
            student_t(self.n_iii, &self.n_ixx, self.n_xxx, 3)
        }

        /// `pmi`: log₂(n_iii·n_xxx²) − log₂(n_ixx·n_xix·n_xxi).
        pub fn pmi(&self) -> Option<f64> {
            pmi(self.n_iii, &self.n_ixx, self.n_xxx, 3)
        }

        /// `likelihood_ratio`: 2 Σ obs·ln(obs/(exp + 10⁻²⁰) + 10⁻²⁰) over the eight cells.
        pub fn likelihood_ratio(&self) -> Option<f64> {
            likelihood_ratio(&self.contingency(), &self.expected_values()?)
        }

        /// `chi_sq`: Σ (obs − exp)²/(exp + 10⁻²⁰) over the eight cells.
        pub fn chi_sq(&self) -> Option<f64> {
            chi_sq(&self.contingency(), &self.expected_values()?)
        }

        /// `poisson_stirling`: n_iii·(log₂(n_iii/E) − 1), E = n_ixx·n_xix·n_xxi/n_xxx².
        pub fn poisson_stirling(&self) -> Option<f64> {
            poisson_stirling(self.n_iii, &self.n_ixx, self.n_xxx, 3)
        }

        /// `jaccard`: n_iii / (sum of the seven cells other than n_ooo).
        pub fn jaccard(&self) -> Option<f64> {
            jaccard(&self.contingency())
        }

        /// `mi_like(power=p)`: n_iii^p / (n_ixx·n_xix·n_xxi).
        pub fn mi_like(&self, power: f64) -> Option<f64> {
            mi_like(self.n_iii, &self.n_ixx, power)
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::analysis::stat::rel_close;

    #[test]
    fn window_corrected_measures_by_hand() {
        // Node x: 100 times in N = 100,000 tokens; collocate y: 1,000 times; window 5,5
        // (k = 10); y seen 20 times in x's windows.
        // R1 = 10·100 = 1000 tokens in x's windows; E = 1000·1000/100000 = 10.
        // MI = log2(20/10) = 1; MI3 = log2(8000/10) = log2 800 = 9.643856189774724;
        // t = (20 − 10)/√20 = 2.23606797749979; logDice = 14 + log2(40/1100)
        //   = 14 − 4.78135971352466 = 9.21864028647534.
        // Table [[20, 980], [980, 98020]] (N − R1 − f_y + O = 100000 − 1000 − 1000 + 20):
        // E = [[10, 990], [990, 98010]] →
        // G² = 2·[20 ln 2 + 980 ln(980/990) + 980 ln(980/990) + 98020 ln(98020/98010)]
        //    = 2·[13.862943611198906 − 9.949409… − 9.949409… + 10.000663…] = 7.929…
        let c = CooccurrenceCounts { observed: 20, f_x: 100, f_y: 1000, n: 100_000, span: 10 };
        assert_eq!(c.window_tokens(), 1000.0);
        assert!(rel_close(c.expected(), 10.0, 1e-15));
        let m = c.measures().expect("O > 0");
        assert!(rel_close(m.mi, 1.0, 1e-15));
        assert!(rel_close(m.mi3, 800f64.log2(), 1e-15));
        assert!(rel_close(m.t_score, 10.0 / 20f64.sqrt(), 1e-15));
        assert!(rel_close(m.log_dice, 14.0 + (40.0f64 / 1100.0).log2(), 1e-15));
        let g2 = 2.0
            * (20.0 * 2f64.ln()
                + 2.0 * 980.0 * (980.0f64 / 990.0).ln()
                + 98020.0 * (98020.0f64 / 98010.0).ln());
        assert!(rel_close(m.g2, g2, 1e-11), "{} {g2}", m.g2);
        assert!(m.g2 > 0.0);
        // Without the window correction (span 1) E would be 1 and MI log2 20 = 4.32: the
        // inflation the correction removes.
        let raw = CooccurrenceCounts { span: 1, ..c };
        assert!(rel_close(raw.expected(), 1.0, 1e-15));
        assert!(rel_close(raw.mi().unwrap_or(0.0), 20f64.log2(), 1e-15));
    }

    #[test]
    fn repulsion_and_zero_counts() {
        // O = 2 < E = 10: negative MI (log2 0.2), negative t ((2−10)/√2), negative G².
        let c = CooccurrenceCounts { observed: 2, f_x: 100, f_y: 1000, n: 100_000, span: 10 };
        assert!(rel_close(c.mi().unwrap_or(0.0), 0.2f64.log2(), 1e-15));
        assert!(rel_close(c.t_score().unwrap_or(0.0), -8.0 / 2f64.sqrt(), 1e-15));
        assert!(c.g2() < 0.0);
        // O = 0: MI, MI3, t, logDice undefined → None; G² still defined and negative.
        let z = CooccurrenceCounts { observed: 0, ..c };
        assert_eq!((z.mi(), z.mi3(), z.t_score(), z.log_dice()), (None, None, None, None));
        assert!(z.measures().is_none());
        assert!(z.g2() < 0.0 && z.g2().is_finite());
        // Empty corpus: E = 0, everything None / 0.
        let e = CooccurrenceCounts { observed: 0, f_x: 0, f_y: 0, n: 0, span: 0 };
        assert_eq!(e.expected(), 0.0);
        assert_eq!(e.g2(), 0.0);
        assert!(e.measures().is_none());
    }

    #[test]
    fn evert_guard_and_overlapping_windows() {
        // A node of 30,000 in 100,000 tokens with k = 10: k·f_x = 300,000 > N, so R1 is
        // capped at N − 1 = 99,999 and E = 99,999·50/100,000 = 49.9995.
        let c = CooccurrenceCounts { observed: 60, f_x: 30_000, f_y: 50, n: 100_000, span: 10 };
        assert_eq!(c.window_tokens(), 99_999.0);
        assert!(rel_close(c.expected(), 49.9995, 1e-14));
        // O = 60 > f_y = 50 (y counted in the windows of several nodes): the cell f_y − O
        // would be −10 and is read as 0; every measure stays finite.
        let m = c.measures().expect("O > 0");
        for v in [m.expected, m.mi, m.mi3, m.t_score, m.log_dice, m.g2] {
            assert!(v.is_finite());
        }
        // logDice can pass 14 only in such overlap: 14 + log2(120/30050) < 14 here.
        assert!(m.log_dice < 14.0);
    }

    #[test]
    fn span_one_matches_nltk_bigram_formulas() {
        // NLTK's own unit test value: likelihood_ratio(2, (4, 4), 20) = 2.4142743368419755.
        let b = nltk::Bigram { n_ii: 2.0, n_ix: 4.0, n_xi: 4.0, n_xx: 20.0 };
        let lr = b.likelihood_ratio().expect("valid table");
        assert!((lr - 2.4142743368419755).abs() < 1e-12, "{lr}");
        // Our G² (cancellation-free) on the same table agrees.
        let c = CooccurrenceCounts { observed: 2, f_x: 4, f_y: 4, n: 20, span: 1 };
        assert!(rel_close(c.g2(), lr, 1e-12), "{} {lr}", c.g2());
        // pmi = log2(2·20) − log2(16) = log2 2.5 = MI; dice = 4/8 → logDice 14 + log2 0.5 = 13.
        assert!(rel_close(b.pmi().unwrap_or(0.0), 2.5f64.log2(), 1e-15));
        assert!(rel_close(c.mi().unwrap_or(0.0), 2.5f64.log2(), 1e-15));
        assert_eq!(b.dice(), Some(0.5));
        assert_eq!(c.log_dice(), Some(13.0));
        // student_t = (2 − 16/20)/√(2 + 1e-20) = 1.2/√2 = t-score.
        assert!(rel_close(b.student_t().unwrap_or(0.0), 1.2 / 2f64.sqrt(), 1e-15));
        assert!(rel_close(c.t_score().unwrap_or(0.0), 1.2 / 2f64.sqrt(), 1e-15));
        // chi_sq = 20·phi² with phi² = (2·14 − 2·2)²/(4·4·16·16) = 576/4096 = 0.140625.
        assert!(rel_close(b.chi_sq().unwrap_or(0.0), 20.0 * 0.140625, 1e-15));
        // NLTK's test: likelihood_ratio(1, (1, 1), 1) = 0.0; (0, (2, 2), 2) raises.
        let one = nltk::Bigram { n_ii: 1.0, n_ix: 1.0, n_xi: 1.0, n_xx: 1.0 };
        assert!(one.likelihood_ratio().unwrap_or(f64::NAN).abs() < 1e-12);
        let bad = nltk::Bigram { n_ii: 0.0, n_ix: 2.0, n_xi: 2.0, n_xx: 2.0 };
        assert_eq!(bad.likelihood_ratio(), None);
        assert_eq!(bad.pmi(), None);
    }

    #[test]
    fn nltk_trigram_contingency() {
        // NLTK's doctest: _contingency(1, (1, 1, 1), (1, 73, 1), 2000)
        //   = (1, 0, 0, 0, 0, 72, 0, 1927).
        let t =
            nltk::Trigram { n_iii: 1.0, n_iix: [1.0; 3], n_ixx: [1.0, 73.0, 1.0], n_xxx: 2000.0 };
        assert_eq!(t.contingency(), [1.0, 0.0, 0.0, 0.0, 0.0, 72.0, 0.0, 1927.0]);
        // Expected values sum to N; pmi = log2(1·2000²) − log2(73) = log2(4e6/73).
        let e = t.expected_values().expect("N > 0");
        assert!(rel_close(e.iter().sum::<f64>(), 2000.0, 1e-14));
        assert!(rel_close(t.pmi().unwrap_or(0.0), (4e6f64 / 73.0).log2(), 1e-14));
    }
}
