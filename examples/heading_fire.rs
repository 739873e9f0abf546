//! Prints every line that `auto` heading detection takes in the ANT documents of the given
//! buckets and source, with the lines around it, for judging precision on fresh documents.
//!
//! ```text
//! cargo run --release --example heading_fire -- SOURCE BUCKETS [SKIP_TSV...]
//! ```
//! `BUCKETS` is a comma-separated list of buckets (`examples/common`), e.g. `6,7`; documents
//! listed in the given TSV files (labelled sets) and in `duplicates.tsv` as copies are
//! skipped. Output: one block per heading, documents in `FNV-1a("fire:" + id)` order.

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

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let src = args.first().map_or("bbc", String::as_str);
    let buckets: Vec<u64> = args
        .get(1)
        .map_or("6,7", String::as_str)
        .split(',')
        .filter_map(|b| b.parse().ok())
        .collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("../shared/corpora/ant-multisource");
    let mut skip: HashSet<String> = std::fs::read_to_string(dir.join("duplicates.tsv"))?
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next().map(str::to_string))
        .collect();
    for f in args.iter().skip(2) {
        for l in std::fs::read_to_string(f)?.lines() {
            if let Some(id) = l.split('\t').nth(1) {
                skip.insert(id.to_string());
            }
        }
    }
    let opts = StructureOptions { has_title_field: true, ..Default::default() };
    let mut docs: Vec<(u64, Doc)> = Vec::new();
    for line in std::fs::read_to_string(dir.join(format!("{src}.jsonl")))?.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let d: Doc = serde_json::from_str(line)?;
        if buckets.contains(&bucket(&d.id)) && !skip.contains(&d.id) {
            docs.push((fnv1a(&format!("fire:{}", d.id)), d));
        }
    }
    docs.sort_by_key(|d| d.0);
    let (mut n_docs, mut n_heads) = (0, 0);
    for (_, d) in &docs {
        n_docs += 1;
        let text = &d.text;
        let st = parse(text, &opts);
        let heads: HashSet<usize> =
            st.sections.iter().filter_map(|s| s.heading.as_ref().map(|h| h.line)).collect();
        let nb: Vec<(usize, std::ops::Range<usize>)> = lines(text)
            .map(|(n, r)| (n, trim_span(text, r)))
            .filter(|(_, r)| !r.is_empty())
            .collect();
        let short = |r: &std::ops::Range<usize>| -> String {
            let s = &text[r.clone()];
            let w: Vec<&str> = s.split_whitespace().collect();
            if w.len() > 14 {
                format!("[{}w] {} …", w.len(), w[..10].join(" "))
            } else {
                s.to_string()
            }
        };
        for (k, (n, r)) in nb.iter().enumerate() {
            if !heads.contains(n) {
                continue;
            }
            n_heads += 1;
            println!("## {}:{}", d.id, n);
            if k > 0 {
                println!("   < {}", short(&nb[k - 1].1));
            }
            println!("   H {}", &text[r.clone()]);
            if let Some((_, r2)) = nb.get(k + 1) {
                println!("   > {}", short(r2));
            }
        }
    }
    eprintln!("{n_docs} documents, {n_heads} headings");
    Ok(())
}
