//! Evaluates the key-sentence method on EASC (El-Haj, Kruschwitz & Fox 2010: 153 Arabic
//! articles, 5 human extractive summaries each).
//!
//! ```text
//! cargo run --release --example easc_eval [-- [--raw] [PATH/easc.jsonl]]
//! ```
//!
//! Protocol (printed with the table):
//! * each article is summarised whole (no headings, its `title` field is not text) with a
//!   budget of 40 % of its words ([`Budget::Ratio`]`(0.4)`);
//! * sentences come from `tahlil::structure` (one paragraph per line, a paragraph end closes
//!   a sentence). About a third of EASC's newspaper articles are hard-wrapped at ~80
//!   columns (a line break inside a sentence; new paragraphs start with a space); unless
//!   `--raw` is given, a line of ≥ 8 words that does not end in `. ! ? ؟ … : " » )` and is
//!   followed by a line that does not start with white space is joined to that line first.
//!   The same sentences are given to every method;
//! * ROUGE-1 and ROUGE-2 F1 (Lin 2004, [`rouge_n`]) of the selected sentences against each
//!   of the 5 references, averaged over the references and then over articles. Tokens on
//!   both sides: word and number tokens of the `standard` preset (which strips the
//!   hamza/madda alefs that the EASC summaries lack; ى and ة are spelled alike on both sides
//!   in EASC, so no further fold is needed — the coverage line shows it), **stopwords
//!   kept** (they are part of the text a reader gets; removing them would inflate the
//!   scores of every method alike);
//! * the summariser sees each sentence's stopword-free term keys (default stopword list,
//!   no stemming); "corpus idf" variants weight terms by `ln(N/df)` over the 153 articles;
//! * the default method is then compared with both lead baselines article by article: mean
//!   difference, a paired bootstrap 95% interval (10,000 resamples of the articles, fixed
//!   seed) and the number of articles where it is better or worse.

use std::collections::HashMap;
use std::path::PathBuf;
use tahlil::analysis::summarize::{
    Budget, DEFAULT_DAMPING, PositionPrior, SentenceTerms, SummaryOptions, key_sentences_with,
    lead, rouge_n, scores, select, sentence_terms,
};
use tahlil::structure::{HeadingMode, StructureOptions, parse};
use tahlil::text::stopwords::StopwordsChoice;
use tahlil::text::{Pipeline, Preset, Role, Scratch, TextOptions, TokenKind};

#[derive(serde::Deserialize)]
struct Article {
    id: String,
    text: String,
    summaries: Vec<String>,
}

struct Doc {
    sents: Vec<SentenceTerms<String>>,
    /// ROUGE tokens of each sentence.
    rouge_tokens: Vec<Vec<String>>,
    refs: Vec<Vec<String>>,
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

fn rouge_tokens(p: &Pipeline, text: &str, sc: &mut Scratch) -> Vec<String> {
    let mut v = Vec::new();
    p.terms(text, 0..text.len(), sc, |t| {
        if matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            v.push(t.norm.to_string());
        }
    });
    v
}

struct Row {
    name: String,
    r1: f64,
    r2: f64,
    words: f64,
    /// Per-article (ROUGE-1, ROUGE-2) F1, averaged over the references.
    per_doc: Vec<(f64, f64)>,
}

/// Paired bootstrap (Koehn 2004 style, 10,000 resamples of the articles, fixed seed) of the
/// mean per-article difference `a − b`: (mean, 2.5th percentile, 97.5th percentile, wins,
/// losses).
fn paired(a: &[f64], b: &[f64]) -> (f64, f64, f64, usize, usize) {
    let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| x - y).collect();
    let n = d.len().max(1);
    let mean = d.iter().sum::<f64>() / n as f64;
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut means = Vec::with_capacity(10_000);
    for _ in 0..10_000 {
        let mut s = 0.0;
        for _ in 0..n {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s += d[(x % n as u64) as usize];
        }
        means.push(s / n as f64);
    }
    means.sort_by(f64::total_cmp);
    let lo = means[250];
    let hi = means[9_749];
    let wins = d.iter().filter(|&&v| v > 1e-12).count();
    let losses = d.iter().filter(|&&v| v < -1e-12).count();
    (mean, lo, hi, wins, losses)
}

fn evaluate(name: &str, docs: &[Doc], choose: impl Fn(usize, &Doc) -> Vec<usize>) -> Row {
    let (mut r1, mut r2, mut words) = (0.0, 0.0, 0.0);
    let mut per_doc = Vec::with_capacity(docs.len());
    for (k, d) in docs.iter().enumerate() {
        let chosen = choose(k, d);
        let cand: Vec<&str> =
            chosen.iter().flat_map(|&i| d.rouge_tokens[i].iter().map(String::as_str)).collect();
        words += chosen.iter().map(|&i| d.sents[i].words).sum::<usize>() as f64;
        let (mut a1, mut a2) = (0.0, 0.0);
        for r in &d.refs {
            let r: Vec<&str> = r.iter().map(String::as_str).collect();
            a1 += rouge_n(&cand, &r, 1).f1;
            a2 += rouge_n(&cand, &r, 2).f1;
        }
        let k = d.refs.len().max(1) as f64;
        r1 += a1 / k;
        r2 += a2 / k;
        per_doc.push((a1 / k, a2 / k));
    }
    let n = docs.len().max(1) as f64;
    Row { name: name.to_string(), r1: r1 / n, r2: r2 / n, words: words / n, per_doc }
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
    let terms_pipe = Pipeline::new(&TextOptions {
        normalize: Preset::Standard,
        numbers: true,
        ..Default::default()
    })?;
    let rouge_pipe = Pipeline::new(&TextOptions {
        normalize: Preset::Standard,
        stopwords: StopwordsChoice::None,
        numbers: true,
        ..Default::default()
    })?;
    let sopts = StructureOptions { headings: HeadingMode::None, has_title_field: true };
    let mut sc = Scratch::default();
    let mut docs = Vec::new();
    let (mut ref_tokens, mut ref_found) = (0usize, 0usize);
    let mut df: HashMap<String, u32> = HashMap::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let a: Article = serde_json::from_str(line)?;
        let text = if raw { a.text.clone() } else { unwrap_lines(&a.text) };
        let st = parse(&text, &sopts);
        let spans: Vec<_> = st
            .sections
            .iter()
            .flat_map(|s| s.paragraphs.iter().flat_map(|p| p.sentences.iter().cloned()))
            .collect();
        let sents = sentence_terms(&terms_pipe, &text, &spans, &mut sc);
        let rt: Vec<Vec<String>> =
            spans.iter().map(|s| rouge_tokens(&rouge_pipe, &text[s.clone()], &mut sc)).collect();
        let refs: Vec<Vec<String>> =
            a.summaries.iter().map(|s| rouge_tokens(&rouge_pipe, s, &mut sc)).collect();
        let vocab: std::collections::HashSet<&str> =
            rt.iter().flatten().map(String::as_str).collect();
        for r in &refs {
            ref_tokens += r.len();
            ref_found += r.iter().filter(|t| vocab.contains(t.as_str())).count();
        }
        let mut seen = std::collections::HashSet::new();
        terms_pipe.terms(&text, 0..text.len(), &mut sc, |t| {
            if t.role == Role::Term && seen.insert(t.key.to_string()) {
                *df.entry(t.key.to_string()).or_default() += 1;
            }
        });
        if sents.is_empty() {
            eprintln!("{}: no sentences", a.id);
        }
        docs.push(Doc { sents, rouge_tokens: rt, refs });
    }
    let n_docs = docs.len() as f64;
    let idf = |k: &String| (n_docs / f64::from(df.get(k).copied().unwrap_or(1).max(1))).ln();
    let budget = Budget::Ratio(0.4);
    let words = |d: &Doc| d.sents.iter().map(|s| s.words).collect::<Vec<_>>();

    let lexrank = |d: f64, prior: PositionPrior, corpus_idf: bool| {
        let opts = SummaryOptions { damping: d, prior, ..Default::default() };
        let idf = &idf;
        move |_: usize, doc: &Doc| {
            let f: &dyn Fn(&String) -> f64 = idf;
            key_sentences_with(&doc.sents, budget, &opts, corpus_idf.then_some(f))
        }
    };
    let mut rows = vec![
        evaluate("lead-40% (first sentences while they fit)", &docs, |_, d| {
            lead(&words(d), budget)
        }),
        evaluate("lead-40%, fill (skip a sentence that overflows, go on)", &docs, |_, d| {
            let n = d.sents.len();
            select(&(0..n).map(|i| (n - i) as f64).collect::<Vec<_>>(), &words(d), budget)
        }),
        evaluate(
            "LexRank, uniform prior, d=0.85 (Erkan & Radev 2004)",
            &docs,
            lexrank(0.85, PositionPrior::Uniform, false),
        ),
        evaluate(
            "LexRank, uniform prior, d=0.85, corpus idf",
            &docs,
            lexrank(0.85, PositionPrior::Uniform, true),
        ),
        evaluate(
            &format!("**position-biased LexRank, d={DEFAULT_DAMPING} (default)**"),
            &docs,
            lexrank(DEFAULT_DAMPING, PositionPrior::Harmonic, false),
        ),
        evaluate(
            &format!("position-biased LexRank, d={DEFAULT_DAMPING}, corpus idf"),
            &docs,
            lexrank(DEFAULT_DAMPING, PositionPrior::Harmonic, true),
        ),
    ];
    for d in [0.05, 0.3, 0.5, 0.85] {
        rows.push(evaluate(
            &format!("position-biased LexRank, d={d}"),
            &docs,
            lexrank(d, PositionPrior::Harmonic, false),
        ));
    }
    // the prior alone (d = 0): ranking by position with the same fill selection
    rows.push(evaluate("position prior alone (d=0)", &docs, |_, d| {
        let opts = SummaryOptions { damping: 0.0, ..Default::default() };
        select(&scores(&d.sents, &opts, None), &words(d), budget)
    }));

    println!(
        "EASC: {} articles, {} references; sentences: {}; budget 40% of words; \
         stopwords kept for ROUGE; reference tokens found in the article: {:.1}%",
        docs.len(),
        docs.iter().map(|d| d.refs.len()).sum::<usize>(),
        if raw { "raw lines" } else { "hard-wrapped lines joined" },
        100.0 * ref_found as f64 / ref_tokens.max(1) as f64
    );
    println!(
        "avg article words: {:.1}; avg sentences: {:.1}\n",
        docs.iter().map(|d| d.sents.iter().map(|s| s.words).sum::<usize>()).sum::<usize>() as f64
            / n_docs,
        docs.iter().map(|d| d.sents.len()).sum::<usize>() as f64 / n_docs
    );
    println!("| method | ROUGE-1 F1 | ROUGE-2 F1 | avg words selected |");
    println!("| --- | ---: | ---: | ---: |");
    for r in &rows {
        println!("| {} | {:.4} | {:.4} | {:.1} |", r.name, r.r1, r.r2, r.words);
    }
    // paired comparison of the default method with the two lead baselines
    println!("\nPaired per-article differences (default method − baseline), bootstrap 95% CI:");
    let default_row = rows.iter().position(|r| r.name.contains("(default)")).unwrap_or(0);
    for base in [0, 1] {
        for (m, pick) in [("ROUGE-1", 0), ("ROUGE-2", 1)] {
            let get = |r: &Row| -> Vec<f64> {
                r.per_doc.iter().map(|p| if pick == 0 { p.0 } else { p.1 }).collect()
            };
            let (mean, lo, hi, w, l) = paired(&get(&rows[default_row]), &get(&rows[base]));
            println!(
                "- vs {}: {m} {mean:+.4} [{lo:+.4}, {hi:+.4}], better on {w} articles, worse on {l}",
                rows[base].name
            );
        }
    }
    Ok(())
}
