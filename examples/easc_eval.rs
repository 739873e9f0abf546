//! Evaluates the key-sentence rankers on EASC (El-Haj, Kruschwitz & Fox 2010: 153 Arabic
//! articles, 5 human extractive summaries each), which no parameter was chosen on: the
//! learned ranker and its MMR λ were fitted on ANT (`examples/ant_train.rs`).
//!
//! ```text
//! cargo run --release --example easc_eval [-- [--raw] [PATH/easc.jsonl]]
//! ```
//!
//! Protocol (printed with the tables):
//! * each article is one unit (no headings; EASC's `title` field was written by a third
//!   party, so it is not given to the rankers), with a budget of 40 % of its words
//!   ([`Budget::Ratio`]`(0.4)`), except lead-3;
//! * sentences come from `tahlil::structure`. About a third of EASC's newspaper articles are
//!   hard-wrapped at ~80 columns; unless `--raw` is given, a line of ≥ 8 words that does not
//!   end in `. ! ? ؟ … : " » )` and is followed by a line that does not start with white space
//!   is joined to that line first. Every method gets the same sentences;
//! * ROUGE-1, ROUGE-2 and ROUGE-L F1 (Lin 2004; `rouge_n`, `rouge_l`) of the selected
//!   sentences against each of the 5 references, averaged over the references, then over
//!   articles; tokens on both sides are the word and number tokens of the `standard` preset
//!   (which folds the hamza/madda alefs that EASC's summaries lack), with stopwords kept
//!   (first table) and with the default stopword list removed from both sides (second);
//! * the 95 % intervals are percentile bootstraps over the 153 articles (10,000 resamples,
//!   fixed seed); the paired comparison resamples the per-article differences.

#[path = "common/mod.rs"]
mod common;

use common::*;
use std::path::PathBuf;
use tahlil::analysis::summarize::{
    Budget, PositionPrior, Ranker, Redundancy, SummaryOptions, TfVectors, key_sentences_ids,
    key_sentences_ranked, lead, scores_ids, select, select_mmr,
};
use tahlil::text::Scratch;
use tahlil::text::hashed::Interner;

#[derive(serde::Deserialize)]
struct Article {
    id: String,
    text: String,
    summaries: Vec<String>,
}

/// Joins hard-wrapped lines (see the module docs).
fn unwrap_lines(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::with_capacity(text.len());
    for (k, line) in lines.iter().enumerate() {
        out.push_str(line);
        let Some(next) = lines.get(k + 1) else { break };
        let t = line.trim();
        let ends = t.chars().last().is_some_and(|c| {
            tahlil::structure::is_sentence_end_mark(c) || matches!(c, ':' | '"' | '»' | ')')
        });
        let wrapped = t.split_whitespace().count() >= 8
            && !ends
            && !next.starts_with(char::is_whitespace)
            && !next.trim().is_empty();
        out.push(if wrapped { ' ' } else { '\n' });
    }
    out
}

struct Row {
    name: String,
    words: f64,
    /// Per article: ROUGE-1, -2, -L F1 with stopwords, then without.
    per_doc: Vec<[f64; 6]>,
}

fn evaluate(name: &str, docs: &[EvalDoc], choose: impl Fn(&EvalDoc) -> Vec<usize>) -> Row {
    let mut words = 0.0;
    let per_doc = docs
        .iter()
        .map(|d| {
            let chosen = choose(d);
            words += chosen.iter().map(|&i| d.words()[i]).sum::<usize>() as f64;
            let a = rouge_doc(d, &chosen, true);
            let b = rouge_doc(d, &chosen, false);
            [a[0], a[1], a[2], b[0], b[1], b[2]]
        })
        .collect();
    Row { name: name.to_string(), words: words / docs.len().max(1) as f64, per_doc }
}

fn main() -> anyhow::Result<()> {
    let mut raw = false;
    let mut path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/easc/easc.jsonl");
    for a in std::env::args().skip(1) {
        if a == "--raw" {
            raw = true;
        } else {
            path = PathBuf::from(a);
        }
    }
    let data = std::fs::read_to_string(&path)
        .map_err(|e| anyhow::anyhow!("{}: {e} (pass the path to easc.jsonl)", path.display()))?;
    let pipes = Pipes::new()?;
    let (mut keys, mut vocab, mut sc) = (Interner::new(), Interner::new(), Scratch::default());
    let mut docs = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let a: Article = serde_json::from_str(line)?;
        let text = if raw { a.text.clone() } else { unwrap_lines(&a.text) };
        let refs: Vec<&str> = a.summaries.iter().map(String::as_str).collect();
        docs.push(eval_doc(&pipes, &a.id, &text, None, &refs, &mut keys, &mut vocab, &mut sc));
    }
    let budget = Budget::Ratio(0.4);
    // EASC_DUMP=1: the default method's summary and each reference of the first 5 articles
    // as normalised tokens, with our ROUGE F1, for checking against another implementation
    if std::env::var_os("EASC_DUMP").is_some() {
        for d in docs.iter().take(5) {
            let chosen = key_sentences_ids(&d.unit, budget);
            let cand: Vec<&str> = chosen
                .iter()
                .flat_map(|&i| d.sent_tokens[i].iter().map(|t| vocab.get(t.0)))
                .collect();
            for r in &d.refs {
                let x = rouge3(d, &chosen, r, true);
                let rt: Vec<&str> = r.iter().map(|t| vocab.get(t.0)).collect();
                eprintln!(
                    "{}",
                    serde_json::json!({"id": d.id, "cand": cand.join(" "), "ref": rt.join(" "),
                        "rouge1": x[0], "rouge2": x[1], "rougeL": x[2]})
                );
            }
        }
    }
    let copies = Redundancy { lambda: 1.0, ..Default::default() };
    let mmr = Redundancy { lambda: 0.7, ..Default::default() };
    let ranked = |scores: Vec<f64>, d: &EvalDoc, red: Redundancy| {
        let tf = TfVectors::of_ids(&d.unit);
        select_mmr(&scores, d.words(), budget, red, |i, j| tf.cosine(i, j))
    };
    let lexrank =
        SummaryOptions { prior: PositionPrior::Uniform, damping: 0.85, ..Default::default() };
    let rows = vec![
        evaluate("lead-3 (first 3 sentences)", &docs, |d| lead(d.words(), Budget::Sentences(3))),
        evaluate("lead-40% (first sentences while they fit)", &docs, |d| lead(d.words(), budget)),
        evaluate("lead-40%, fill (skip a sentence that overflows, go on)", &docs, |d| {
            let n = d.unit.len();
            select(&(0..n).map(|i| (n - i) as f64).collect::<Vec<_>>(), d.words(), budget)
        }),
        evaluate("LexRank (Erkan & Radev 2004; uniform, d=0.85)", &docs, |d| {
            ranked(scores_ids(&d.unit, &lexrank), d, copies)
        }),
        evaluate("TextRank (Mihalcea & Tarau 2004)", &docs, |d| {
            ranked(textrank_scores(&d.unit), d, copies)
        }),
        evaluate("position-biased LexRank, d=0.15", &docs, |d| {
            key_sentences_ranked(&d.unit, budget, Ranker::LexRank, copies)
        }),
        evaluate("learned ranker, no MMR (λ=1)", &docs, |d| {
            key_sentences_ranked(&d.unit, budget, Ranker::Learned, copies)
        }),
        evaluate("learned ranker + MMR λ=0.7", &docs, |d| {
            key_sentences_ranked(&d.unit, budget, Ranker::Learned, mmr)
        }),
        evaluate("**default (`key_sentences_ids`)**", &docs, |d| {
            key_sentences_ids(&d.unit, budget)
        }),
        evaluate("greedy ROUGE oracle (upper bound, sees the references)", &docs, |d| {
            let total: usize = d.words().iter().sum();
            greedy_oracle(d, 0.4 * total as f64)
        }),
    ];
    println!(
        "EASC: {} articles, {} references; sentences: {}; budget 40% of words (lead-3: 3 \
         sentences); avg article words {:.1}, sentences {:.1}\n",
        docs.len(),
        docs.iter().map(|d| d.refs.len()).sum::<usize>(),
        if raw { "raw lines" } else { "hard-wrapped lines joined" },
        docs.iter().map(|d| d.words().iter().sum::<usize>()).sum::<usize>() as f64
            / docs.len() as f64,
        docs.iter().map(|d| d.unit.len()).sum::<usize>() as f64 / docs.len() as f64,
    );
    for (title, off) in [("stopwords kept", 0), ("stopwords removed (default list)", 3)] {
        println!("ROUGE F1, {title}, mean [95% bootstrap interval]:\n");
        println!("| method | ROUGE-1 | ROUGE-2 | ROUGE-L | words |");
        println!("| --- | --- | --- | --- | ---: |");
        for r in &rows {
            let cell = |k: usize| {
                let v: Vec<f64> = r.per_doc.iter().map(|p| p[off + k]).collect();
                let m = v.iter().sum::<f64>() / v.len().max(1) as f64;
                let (lo, hi) = bootstrap(&v);
                format!("{m:.4} [{lo:.4}, {hi:.4}]")
            };
            println!("| {} | {} | {} | {} | {:.1} |", r.name, cell(0), cell(1), cell(2), r.words);
        }
        println!();
    }
    let ours = rows.iter().position(|r| r.name.contains("**default")).unwrap_or(0);
    println!("Paired per-article differences (default − baseline), bootstrap 95% interval:\n");
    for base in [1, 2, 6] {
        for (m, k) in [("ROUGE-1", 0), ("ROUGE-2", 1), ("ROUGE-L", 2)] {
            let d: Vec<f64> = rows[ours]
                .per_doc
                .iter()
                .zip(&rows[base].per_doc)
                .map(|(a, b)| a[k] - b[k])
                .collect();
            let mean = d.iter().sum::<f64>() / d.len() as f64;
            let (lo, hi) = bootstrap(&d);
            let (w, l) = (
                d.iter().filter(|&&x| x > 1e-12).count(),
                d.iter().filter(|&&x| x < -1e-12).count(),
            );
            println!(
                "- vs {}: {m} {mean:+.4} [{lo:+.4}, {hi:+.4}], better on {w} articles, worse on {l}",
                rows[base].name
            );
        }
    }
    // the budget of `sections` by default: 2 sentences per unit
    let two = Budget::Sentences(2);
    let rows2 = [
        evaluate("lead-2", &docs, |d| lead(d.words(), two)),
        evaluate("position-biased LexRank, d=0.15", &docs, |d| {
            key_sentences_ranked(&d.unit, two, Ranker::LexRank, copies)
        }),
        evaluate("learned ranker, λ=1", &docs, |d| {
            key_sentences_ranked(&d.unit, two, Ranker::Learned, copies)
        }),
        evaluate("learned ranker + MMR λ=0.7", &docs, |d| {
            key_sentences_ranked(&d.unit, two, Ranker::Learned, mmr)
        }),
        evaluate("**default (`key_sentences_ids`)**", &docs, |d| key_sentences_ids(&d.unit, two)),
    ];
    println!("\nBudget 2 sentences (the `sections` default), ROUGE F1, stopwords kept:\n");
    println!("| method | ROUGE-1 | ROUGE-2 | ROUGE-L | words |");
    println!("| --- | --- | --- | --- | ---: |");
    for r in &rows2 {
        let cell = |k: usize| {
            let v: Vec<f64> = r.per_doc.iter().map(|p| p[k]).collect();
            let m = v.iter().sum::<f64>() / v.len().max(1) as f64;
            let (lo, hi) = bootstrap(&v);
            format!("{m:.4} [{lo:.4}, {hi:.4}]")
        };
        println!("| {} | {} | {} | {} | {:.1} |", r.name, cell(0), cell(1), cell(2), r.words);
    }
    println!();
    for base in [0, 2] {
        for (m, k) in [("ROUGE-1", 0), ("ROUGE-2", 1), ("ROUGE-L", 2)] {
            let d: Vec<f64> = rows2[4]
                .per_doc
                .iter()
                .zip(&rows2[base].per_doc)
                .map(|(a, b)| a[k] - b[k])
                .collect();
            let mean = d.iter().sum::<f64>() / d.len() as f64;
            let (lo, hi) = bootstrap(&d);
            println!("- default − {}: {m} {mean:+.4} [{lo:+.4}, {hi:+.4}]", rows2[base].name);
        }
    }
    Ok(())
}
