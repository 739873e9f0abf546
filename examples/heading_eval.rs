//! Scores `auto` heading detection against a hand-labelled ANT set
//! (`data/headings/ant-heldout.tsv` or `ant-tuning.tsv`): precision, recall and F1 of the
//! heading lines per source and overall, then every false positive and false negative.
//!
//! ```text
//! cargo run --release --example heading_eval [-- data/headings/ant-tuning.tsv]
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use tahlil::structure::{StructureOptions, lines, parse, trim_span};

#[derive(serde::Deserialize)]
struct Doc {
    id: String,
    text: String,
}

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let set = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("data/headings/ant-heldout.tsv"));
    let dir = root.join("../shared/corpora/ant-multisource");
    let mut labels: Vec<(String, String, HashSet<usize>)> = Vec::new();
    for line in std::fs::read_to_string(&set)?.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let heads = f.get(3).map_or("", |s| s).split(',').filter_map(|x| x.parse().ok()).collect();
        labels.push((f[0].to_string(), f[1].to_string(), heads));
    }
    let want: HashSet<&str> = labels.iter().map(|l| l.1.as_str()).collect();
    let mut texts: HashMap<String, String> = HashMap::new();
    for src in ["alarabia", "bbc", "cnn", "france24", "skynews"] {
        for line in std::fs::read_to_string(dir.join(format!("{src}.jsonl")))?.lines() {
            if line.trim().is_empty() {
                continue;
            }
            let d: Doc = serde_json::from_str(line)?;
            if want.contains(d.id.as_str()) {
                texts.insert(d.id, d.text);
            }
        }
    }
    let opts = StructureOptions { has_title_field: true, ..Default::default() };
    let mut per: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut errors = Vec::new();
    for (src, id, gold) in &labels {
        let Some(text) = texts.get(id) else {
            eprintln!("{id}: not found");
            continue;
        };
        let st = parse(text, &opts);
        let got: HashSet<usize> =
            st.sections.iter().filter_map(|s| s.heading.as_ref().map(|h| h.line)).collect();
        let e = per.entry(src.clone()).or_default();
        e.0 += got.intersection(gold).count();
        e.1 += got.difference(gold).count();
        e.2 += gold.difference(&got).count();
        let line_text = |n: usize| {
            lines(text).find(|(k, _)| *k == n).map(|(_, r)| text[trim_span(text, r)].to_string())
        };
        for &n in got.difference(gold) {
            errors.push(format!("FP {src} {id}:{n}\t{}", line_text(n).unwrap_or_default()));
        }
        for &n in gold.difference(&got) {
            errors.push(format!("FN {src} {id}:{n}\t{}", line_text(n).unwrap_or_default()));
        }
    }
    let prf = |(tp, fp, fn_): (usize, usize, usize)| {
        let p = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 1.0 };
        let r = if tp + fn_ > 0 { tp as f64 / (tp + fn_) as f64 } else { 1.0 };
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    };
    println!("{}: {} articles\n", set.display(), labels.len());
    println!("| source | headings | found | correct | precision | recall | F1 |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut all = (0, 0, 0);
    for (src, c) in &per {
        let (p, r, f) = prf(*c);
        println!("| {src} | {} | {} | {} | {p:.3} | {r:.3} | {f:.3} |", c.0 + c.2, c.0 + c.1, c.0);
        all = (all.0 + c.0, all.1 + c.1, all.2 + c.2);
    }
    let (p, r, f) = prf(all);
    println!(
        "| all | {} | {} | {} | {p:.3} | {r:.3} | {f:.3} |",
        all.0 + all.2,
        all.0 + all.1,
        all.0
    );
    errors.sort();
    println!();
    for e in errors {
        println!("{e}");
    }
    Ok(())
}
