//! Heading detection on real news (ANT corpus v2.1): share of documents per source with at
//! least one `auto` heading, and a sample of detected headings with their context.
//!
//! ```text
//! cargo run --release --example ant_headings [-- DIR [SAMPLES_PER_SOURCE [SEED]]]
//! ```
//! `DIR` defaults to `../shared/corpora/ant-multisource`. Each document's `text` field is
//! parsed with `has_title_field: true` (the `title` field is the headline). With the
//! environment variable `ANT_DUMP` set, every detected heading is also written to stderr
//! (source, id, heading, start of the next paragraph; tab-separated). It also times the
//! parser and the key-sentence step (2 sentences per section) over all documents.

use std::path::PathBuf;
use std::time::{Duration, Instant};
use tahlil::analysis::summarize::{Budget, key_sentences, section_sentences, sentence_terms};
use tahlil::structure::{StructureOptions, parse};
use tahlil::text::{Pipeline, Scratch, TextOptions};

#[derive(serde::Deserialize)]
struct Doc {
    id: String,
    text: String,
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().filter(|s| !s.is_empty()).map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/ant-multisource")
    });
    let per_source: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(5);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let opts = StructureOptions { has_title_field: true, ..Default::default() };
    let pipeline = Pipeline::new(&TextOptions { numbers: true, ..Default::default() })?;
    let mut scratch = Scratch::default();
    let (mut parse_time, mut key_time) = (Duration::ZERO, Duration::ZERO);
    let (mut n_docs, mut n_sections, mut n_sentences, mut max_sentences) =
        (0usize, 0usize, 0usize, 0usize);
    println!("| source | docs | docs with ≥1 heading | share | headings |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    let mut samples = Vec::new();
    for src in ["bbc", "france24", "cnn", "alarabia", "skynews"] {
        let path = dir.join(format!("{src}.jsonl"));
        let data = std::fs::read_to_string(&path)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let (mut docs, mut with, mut heads) = (0usize, 0usize, 0usize);
        let mut found = Vec::new();
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let d: Doc = serde_json::from_str(line)?;
            docs += 1;
            let t0 = Instant::now();
            let st = parse(&d.text, &opts);
            parse_time += t0.elapsed();
            // key sentences per section (2 sentences), timed: the `sections` workload
            let t1 = Instant::now();
            for sec in &st.sections {
                let spans = section_sentences(sec);
                let terms = sentence_terms(&pipeline, &d.text, &spans, &mut scratch);
                let picked = key_sentences(&terms, Budget::default());
                n_sentences += spans.len();
                max_sentences = max_sentences.max(spans.len());
                n_sections += usize::from(!picked.is_empty());
            }
            key_time += t1.elapsed();
            n_docs += 1;
            let hs: Vec<_> = st.sections.iter().filter_map(|s| s.heading.as_ref()).collect();
            if !hs.is_empty() {
                with += 1;
            }
            heads += hs.len();
            for h in hs {
                let next = st
                    .sections
                    .iter()
                    .find(|s| s.heading.as_ref() == Some(h))
                    .and_then(|s| s.paragraphs.first())
                    .map(|p| d.text[p.span.clone()].chars().take(60).collect::<String>())
                    .unwrap_or_default();
                if std::env::var_os("ANT_DUMP").is_some() {
                    eprintln!("{src}\t{}\t{}\t{next}", d.id, &d.text[h.span.clone()]);
                }
                found.push((d.id.clone(), d.text[h.span.clone()].to_string(), next));
            }
        }
        println!(
            "| {src} | {docs} | {with} | {:.1}% | {heads} |",
            100.0 * with as f64 / docs.max(1) as f64
        );
        // deterministic pseudo-random sample (xorshift)
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        for _ in 0..per_source.min(found.len()) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let k = (x % found.len() as u64) as usize;
            let f = found.swap_remove(k);
            samples.push((src, f));
        }
    }
    println!(
        "\n{n_docs} documents, {n_sentences} sentences, {n_sections} non-empty sections \
         (longest: {max_sentences} sentences); one thread: parse {:.2} s, \
         key sentences (terms + ranking) {:.2} s",
        parse_time.as_secs_f64(),
        key_time.as_secs_f64()
    );
    println!("\nSample of detected headings (heading ⟶ start of the next paragraph):");
    for (src, (id, h, next)) in samples {
        println!("- {src} {id}: «{h}» ⟶ {next}…");
    }
    Ok(())
}
