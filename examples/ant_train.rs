//! Trains the learned key-sentence ranker on ANT (never on EASC) and prints its weights
//! (for `LEARNED_WEIGHTS` in `src/analysis/summarize.rs`) and a validation table.
//!
//! ```text
//! cargo run --release --example ant_train [-- DIR]
//! ```
//!
//! Data: ANT v2.1 (`DIR`, default `../shared/corpora/ant-multisource`), the sources whose
//! `abstract` is written apart from the body: BBC (an editorial standfirst) and CNN (a
//! sentence picked from the text, or a separate lead), keeping the documents whose abstract
//! is not the start of the text and whose text has 3 to 200 sentences. Sky News, France 24
//! and Al Arabiya are left out: their abstract is the first paragraph (or its first 200
//! characters), i.e. lead by construction. Documents are split by a hash of their id
//! (`examples/common`, `bucket`): buckets 0–4 train, bucket 5 validates; 6–9 are kept for
//! the heading sets and never read here.
//!
//! Labels: the greedy ROUGE oracle against the abstract (Nallapati, Zhai & Zhou 2017),
//! capped at the abstract's length in words + 50 %. Model: L2-regularised logistic
//! regression (penalty 1.0 on every weight but the bias), fitted by Newton's method
//! (deterministic), over `tahlil::analysis::summarize::features`.
//!
//! Validation (bucket 5): ROUGE F1 against the abstract with a budget of 2 sentences and
//! of 40 % of the words, for lead, LexRank, TextRank, position-biased LexRank and the
//! learned ranker with several MMR λ; the best λ (mean of ROUGE-1 at both budgets) is the
//! one to ship as `DEFAULT_MMR_LAMBDA`.

#![allow(clippy::needless_range_loop)] // dense linear algebra reads best with indices

#[path = "common/mod.rs"]
mod common;

use common::*;
use std::path::PathBuf;
use tahlil::analysis::summarize::{
    Budget, FEATURE_NAMES, N_FEATURES, PositionPrior, Ranker, Redundancy, SummaryOptions,
    TfVectors, features, lead, learned_scores_with, rank_ids, scores_ids, select_mmr,
};
use tahlil::text::Scratch;
use tahlil::text::hashed::Interner;

#[derive(serde::Deserialize)]
struct Doc {
    id: String,
    title: String,
    text: String,
    #[serde(rename = "abstract")]
    abstract_: String,
}

fn fold_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Solves `a x = b` (n × n, symmetric positive definite) by Gaussian elimination with
/// partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for c in 0..n {
        let p = (c..n).max_by(|&x, &y| a[x][c].abs().total_cmp(&a[y][c].abs())).unwrap_or(c);
        a.swap(c, p);
        b.swap(c, p);
        for r in c + 1..n {
            let f = a[r][c] / a[c][c];
            for k in c..n {
                a[r][k] -= f * a[c][k];
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; n];
    for c in (0..n).rev() {
        let s: f64 = (c + 1..n).map(|k| a[c][k] * x[k]).sum();
        x[c] = (b[c] - s) / a[c][c];
    }
    x
}

/// L2-regularised logistic regression by Newton's method (30 steps at most).
fn logistic(x: &[[f64; N_FEATURES]], y: &[f64], l2: f64) -> [f64; N_FEATURES] {
    let mut w = [0.0; N_FEATURES];
    for _ in 0..30 {
        let mut g = vec![0.0; N_FEATURES];
        let mut h = vec![vec![0.0; N_FEATURES]; N_FEATURES];
        for (xi, &yi) in x.iter().zip(y) {
            let z: f64 = xi.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            for a in 0..N_FEATURES {
                g[a] += (p - yi) * xi[a];
                for b in 0..N_FEATURES {
                    h[a][b] += p * (1.0 - p) * xi[a] * xi[b];
                }
            }
        }
        for a in 1..N_FEATURES {
            g[a] += l2 * w[a];
            h[a][a] += l2;
        }
        h[0][0] += 1e-9;
        let step = solve(h, g);
        let mut change = 0.0;
        for a in 0..N_FEATURES {
            w[a] -= step[a];
            change += step[a].abs();
        }
        if change < 1e-9 {
            break;
        }
    }
    w
}

fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/ant-multisource")
    });
    let pipes = Pipes::new()?;
    let (mut keys, mut vocab, mut sc) = (Interner::new(), Interner::new(), Scratch::default());
    let (mut train, mut valid) = (Vec::new(), Vec::new());
    for src in ["bbc", "cnn"] {
        let path = dir.join(format!("{src}.jsonl"));
        let data = std::fs::read_to_string(&path)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let d: Doc = serde_json::from_str(line)?;
            let b = bucket(&d.id);
            if b > 5 {
                continue;
            }
            let (a, t) = (fold_ws(&d.abstract_), fold_ws(&d.text));
            if a.split_whitespace().count() < 5 || t.starts_with(&a) {
                continue;
            }
            let e = eval_doc(
                &pipes,
                &d.id,
                &d.text,
                Some(&d.title),
                &[&d.abstract_],
                &mut keys,
                &mut vocab,
                &mut sc,
            );
            if !(3..=200).contains(&e.unit.len()) {
                continue;
            }
            if b == 5 { valid.push(e) } else { train.push(e) }
        }
    }
    eprintln!("training documents: {}, validation: {}", train.len(), valid.len());
    let (mut x, mut y) = (Vec::new(), Vec::new());
    let mut positives = 0usize;
    for d in &train {
        let abstract_words = d.refs[0].len() as f64;
        let oracle = greedy_oracle(d, abstract_words * 1.5);
        positives += oracle.len();
        for (i, f) in features(&d.unit).into_iter().enumerate() {
            x.push(f);
            y.push(f64::from(u8::from(oracle.contains(&i))));
        }
    }
    eprintln!("sentences: {}, oracle positives: {positives}", x.len());
    let w = logistic(&x, &y, 1.0);
    println!("/// Weights of the learned ranker (examples/ant_train.rs), one per feature:");
    println!("pub const LEARNED_WEIGHTS: [f64; N_FEATURES] = [");
    for (k, v) in w.iter().enumerate() {
        println!("    {v:.4}, // {}", FEATURE_NAMES[k]);
    }
    println!("];\n");

    // validation
    let lexrank =
        SummaryOptions { prior: PositionPrior::Uniform, damping: 0.85, ..Default::default() };
    let copies = Redundancy { lambda: 1.0, ..Default::default() };
    println!("Validation (bucket 5, {} documents), ROUGE F1 against the abstract:\n", valid.len());
    println!("| method | budget | ROUGE-1 | ROUGE-2 | ROUGE-L |");
    println!("| --- | --- | ---: | ---: | ---: |");
    for budget in [Budget::Sentences(2), Budget::Ratio(0.4)] {
        let mut rows: Vec<(String, Vec<[f64; 3]>)> = Vec::new();
        let mut run = |name: String, f: &dyn Fn(&EvalDoc) -> Vec<usize>| {
            rows.push((name, valid.iter().map(|d| rouge_doc(d, &f(d), true)).collect()));
        };
        run("lead".into(), &|d| lead(d.words(), budget));
        run("LexRank d=0.85".into(), &|d| {
            let tf = TfVectors::of_ids(&d.unit);
            select_mmr(&scores_ids(&d.unit, &lexrank), d.words(), budget, copies, |i, j| {
                tf.cosine(i, j)
            })
        });
        run("TextRank".into(), &|d| {
            let tf = TfVectors::of_ids(&d.unit);
            select_mmr(&textrank_scores(&d.unit), d.words(), budget, copies, |i, j| tf.cosine(i, j))
        });
        run("position-biased LexRank".into(), &|d| {
            let tf = TfVectors::of_ids(&d.unit);
            select_mmr(&rank_ids(&d.unit, Ranker::LexRank), d.words(), budget, copies, |i, j| {
                tf.cosine(i, j)
            })
        });
        for lambda in [1.0, 0.9, 0.8, 0.7, 0.6] {
            let red = Redundancy { lambda, ..Default::default() };
            run(format!("learned, MMR λ={lambda}"), &|d| {
                let tf = TfVectors::of_ids(&d.unit);
                select_mmr(&learned_scores_with(&d.unit, &w), d.words(), budget, red, |i, j| {
                    tf.cosine(i, j)
                })
            });
        }
        for (name, v) in rows {
            let n = v.len().max(1) as f64;
            let m: Vec<f64> = (0..3).map(|k| v.iter().map(|r| r[k]).sum::<f64>() / n).collect();
            println!("| {name} | {budget} | {:.4} | {:.4} | {:.4} |", m[0], m[1], m[2]);
        }
    }
    Ok(())
}
