//! Draws the ANT articles of the heading sets and prints, for hand labelling, every line
//! that could be a heading (at most 15 words), with its line number, whether `auto`
//! detection takes it now (`H`), and the start of the next non-blank line.
//!
//! ```text
//! cargo run --release --example heading_sample -- heldout|tuning [random|enriched]
//! ```
//!
//! `heldout` draws from buckets 8–9 of `examples/common` (`bucket`: FNV-1a of the id mod
//! 10), `tuning` from buckets 6–7; buckets 0–5 train the summary ranker. Within the buckets,
//! documents are ordered by FNV-1a of `"headings:" + id` (a fixed pseudo-random order) and
//! the first 32 (held-out) or 20 (tuning) of each source are taken, skipping documents
//! listed in `duplicates.tsv` as a copy of another and texts of fewer than 3 non-blank
//! lines. The `enriched` part: among the other documents of the buckets that have a
//! candidate line (not the first or last non-blank line; 1–12 words; not ending in `. : ،
//! , ؛ ;`; not starting with `* • - – —`), ordered by FNV-1a of `"headings-enriched:" +
//! id`, the first 20 (held-out) or 12 (tuning) per source (see `data/headings/README.md`).
//! Lines are numbered as `tahlil::structure::lines` numbers them (1-based, in the `text`
//! field).

#[path = "common/mod.rs"]
mod common;

use common::{bucket, fnv1a};
use std::collections::HashSet;
use std::path::PathBuf;
use tahlil::structure::{StructureOptions, lines, parse, trim_span};

#[derive(serde::Deserialize)]
struct Doc {
    id: String,
    text: String,
}

/// A document id and its text.
type IdText = (String, String);

/// A line that may be a heading, for the enriched draw.
fn candidate(line: &str) -> bool {
    let w = line.split_whitespace().count();
    (1..=12).contains(&w)
        && !line.ends_with(['.', ':', '،', ',', '؛', ';'])
        && !line.starts_with(['*', '•', '-', '–', '—'])
}

/// The sampled documents of `set` ("heldout" or "tuning") and `part` ("random" or
/// "enriched"), per source, in sample order.
pub fn sample(
    dir: &std::path::Path,
    set: &str,
    part: &str,
) -> anyhow::Result<Vec<(String, Vec<IdText>)>> {
    let (buckets, per_random, per_enriched): (&[u64], usize, usize) =
        if set == "heldout" { (&[8, 9], 32, 20) } else { (&[6, 7], 20, 12) };
    let dups: HashSet<String> = std::fs::read_to_string(dir.join("duplicates.tsv"))?
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next().map(str::to_string))
        .collect();
    let mut out = Vec::new();
    for src in ["alarabia", "bbc", "cnn", "france24", "skynews"] {
        let data = std::fs::read_to_string(dir.join(format!("{src}.jsonl")))?;
        let mut random: Vec<(u64, String, String)> = Vec::new();
        let mut enriched: Vec<(u64, String, String)> = Vec::new();
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let d: Doc = serde_json::from_str(line)?;
            if !buckets.contains(&bucket(&d.id)) || dups.contains(&d.id) {
                continue;
            }
            let nb: Vec<&str> =
                d.text.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect();
            if nb.len() < 3 {
                continue;
            }
            if nb[1..nb.len() - 1].iter().any(|l| candidate(l)) {
                enriched.push((
                    fnv1a(&format!("headings-enriched:{}", d.id)),
                    d.id.clone(),
                    d.text.clone(),
                ));
            }
            random.push((fnv1a(&format!("headings:{}", d.id)), d.id, d.text));
        }
        random.sort();
        enriched.sort();
        random.truncate(per_random);
        let taken: HashSet<&str> = random.iter().map(|r| r.1.as_str()).collect();
        let docs: Vec<IdText> = if part == "enriched" {
            enriched
                .into_iter()
                .filter(|e| !taken.contains(e.1.as_str()))
                .take(per_enriched)
                .map(|(_, id, t)| (id, t))
                .collect()
        } else {
            random.into_iter().map(|(_, id, t)| (id, t)).collect()
        };
        out.push((src.to_string(), docs));
    }
    Ok(out)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let set = args.first().map_or("heldout", String::as_str);
    let part = args.get(1).map_or("random", String::as_str);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/ant-multisource");
    let opts = StructureOptions { has_title_field: true, ..Default::default() };
    for (src, docs) in sample(&dir, set, part)? {
        for (id, text) in docs {
            let st = parse(&text, &opts);
            let heads: HashSet<usize> =
                st.sections.iter().filter_map(|s| s.heading.as_ref().map(|h| h.line)).collect();
            let nonblank: Vec<(usize, std::ops::Range<usize>)> = lines(&text)
                .map(|(n, r)| (n, trim_span(&text, r)))
                .filter(|(_, r)| !r.is_empty())
                .collect();
            println!("=== {src} {id} ({} lines)", nonblank.len());
            for (k, (n, r)) in nonblank.iter().enumerate() {
                let t = &text[r.clone()];
                let words = t.split_whitespace().count();
                if words > 15 {
                    continue;
                }
                let next: String = nonblank
                    .get(k + 1)
                    .map(|(_, r)| text[r.clone()].chars().take(50).collect())
                    .unwrap_or_default();
                let mark = if heads.contains(n) { "H" } else { "." };
                println!("{n}\t{mark}\t{t}\t⟶ {next}");
            }
        }
    }
    Ok(())
}
