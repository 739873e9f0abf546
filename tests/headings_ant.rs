//! `--headings auto` against the hand-labelled held-out ANT set
//! (`data/headings/ant-heldout.tsv`, see `data/headings/README.md`): precision, recall and F1
//! of heading lines per source and overall. Skipped, with a note on stderr, when
//! `../shared/corpora` is absent.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;

use std::collections::{BTreeMap, HashMap, HashSet};
use tahlil::structure::{StructureOptions, parse};

#[derive(serde::Deserialize)]
struct Doc {
    id: String,
    text: String,
}

/// (true positives, false positives, false negatives) per source.
fn score(set: &str) -> Option<BTreeMap<String, (usize, usize, usize)>> {
    let Some(corpora) = common::shared_corpora() else {
        eprintln!("headings_ant: ../shared/corpora not found, skipping the ANT heading set");
        return None;
    };
    let dir = corpora.join("ant-multisource");
    let labels: Vec<(String, String, HashSet<usize>)> = std::fs::read_to_string(set)
        .expect("read the labelled set")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let heads = f[3].split(',').filter_map(|x| x.parse().ok()).collect();
            (f[0].to_string(), f[1].to_string(), heads)
        })
        .collect();
    let want: HashSet<&str> = labels.iter().map(|l| l.1.as_str()).collect();
    let mut texts: HashMap<String, String> = HashMap::new();
    for src in ["alarabia", "bbc", "cnn", "france24", "skynews"] {
        let data = std::fs::read_to_string(dir.join(format!("{src}.jsonl"))).expect("read ANT");
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            // only the sampled documents are parsed in full (ANT lines start with the id)
            let quick = line.strip_prefix("{\"id\": \"").and_then(|r| r.split('"').next());
            if quick.is_some_and(|id| !want.contains(id)) {
                continue;
            }
            let d: Doc = serde_json::from_str(line).expect("ANT JSON");
            if want.contains(d.id.as_str()) {
                texts.insert(d.id, d.text);
            }
        }
    }
    let opts = StructureOptions { has_title_field: true, ..Default::default() };
    let mut per: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for (src, id, gold) in &labels {
        let text = texts.get(id).unwrap_or_else(|| panic!("{id} not in ANT"));
        let got: HashSet<usize> = parse(text, &opts)
            .sections
            .iter()
            .filter_map(|s| s.heading.as_ref().map(|h| h.line))
            .collect();
        let e = per.entry(src.clone()).or_default();
        e.0 += got.intersection(gold).count();
        e.1 += got.difference(gold).count();
        e.2 += gold.difference(&got).count();
    }
    Some(per)
}

fn prf((tp, fp, fn_): (usize, usize, usize)) -> (f64, f64, f64) {
    let p = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 1.0 };
    let r = if tp + fn_ > 0 { tp as f64 / (tp + fn_) as f64 } else { 1.0 };
    (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
}

#[test]
fn heldout_heading_set() {
    let Some(per) = score("data/headings/ant-heldout.tsv") else { return };
    let mut all = (0, 0, 0);
    for (src, c) in &per {
        let (p, r, f) = prf(*c);
        eprintln!("{src}: {c:?} P {p:.3} R {r:.3} F1 {f:.3}");
        all = (all.0 + c.0, all.1 + c.1, all.2 + c.2);
    }
    let (p, r, f) = prf(all);
    eprintln!("all: {all:?} P {p:.3} R {r:.3} F1 {f:.3}");
    // 160 labelled headings in 273 articles (253 of round 2 + 20 Al Arabiya, part extension)
    assert_eq!(all.0 + all.2, 160);
    // measured when the round-3 rules were fixed (data/headings/README.md, "Results"):
    // P 140/146 = 0.959, R 140/160 = 0.875, F1 0.915. The targets are met overall
    // (P ≥ 0.95, F1 ≥ 0.90) and for every source but Al Arabiya (F1 0.765: 13 of 18 found,
    // 3 false). These floors are the reached values rounded down.
    assert!(p >= 0.95, "precision {p:.3}");
    assert!(r >= 0.87, "recall {r:.3}");
    assert!(f >= 0.91, "F1 {f:.3}");
    let floor = |src: &str| match src {
        "skynews" => 0.99,
        "cnn" | "france24" => 0.90,
        "bbc" => 0.86,
        _ => 0.76,
    };
    for (src, c) in &per {
        assert!(prf(*c).2 >= floor(src), "{src}: F1 {:.3}", prf(*c).2);
    }
}
