//! The mining behind the superscript-alef rule (README, "Normalisation", step 7a): every
//! Quran word with U+0670, normalised with `--superscript-alef strip` and `long-vowel`, looked
//! up in the modern-spelling vocabulary of the ANT news corpus.
//!
//! ```text
//! cargo run --release --example superscript_alef_mining [-- CORPORA_DIR [N]]
//! ```
//! `CORPORA_DIR` defaults to `../shared/corpora`. Prints the share of those tokens (and
//! types) whose normalised form is an ANT word under each mode, then the `N` (default 40)
//! most frequent Quran words found under one mode and not the other, and the most frequent
//! words found under neither, for reading by hand.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use tahlil::text::normalize::{Normalizer, Preset, SuperscriptAlef};
use tahlil::text::tokenize::{TokenKind, tokenize};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .filter(|s| !s.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"));
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(40);
    let modern = Normalizer::new(Preset::Standard);
    let strip = modern.with_superscript_alef(SuperscriptAlef::Strip);

    // the ANT vocabulary (modern spelling; ANT has 3 superscript alefs in 47 M characters)
    let mut vocab: HashSet<String> = HashSet::new();
    for src in ["alarabia", "bbc", "cnn", "france24", "skynews"] {
        let path = dir.join(format!("ant-multisource/{src}.jsonl"));
        let data = std::fs::read_to_string(&path)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        for line in data.lines() {
            let v: serde_json::Value = serde_json::from_str(line)?;
            for field in ["title", "text"] {
                let text = v[field].as_str().unwrap_or_default();
                tokenize(text, 0, &mut |t| {
                    if t.kind == TokenKind::Word {
                        vocab.insert(modern.normalize(&text[t.start..t.end]));
                    }
                });
            }
        }
    }

    // Quran words with U+0670, by raw form
    let path = dir.join("quran-uthmani/quran.jsonl");
    let data =
        std::fs::read_to_string(&path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let mut words: BTreeMap<String, u64> = BTreeMap::new();
    for line in data.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let text = v["text"].as_str().unwrap_or_default();
        tokenize(text, 0, &mut |t| {
            let w = &text[t.start..t.end];
            if t.kind == TokenKind::Word && w.contains('\u{0670}') {
                *words.entry(w.to_string()).or_default() += 1;
            }
        });
    }
    let tokens: u64 = words.values().sum();
    println!(
        "Quran words with U+0670: {tokens} tokens, {} types; ANT vocabulary: {} types\n",
        words.len(),
        vocab.len()
    );
    println!("| mode | tokens found in ANT | share | types found | share |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    let mut rows = Vec::new();
    for (name, norm) in [("strip", &strip), ("long-vowel", &modern)] {
        let (mut t, mut ty) = (0u64, 0usize);
        for (w, c) in &words {
            if vocab.contains(&norm.normalize(w)) {
                t += c;
                ty += 1;
            }
        }
        rows.push((name, t, ty));
        println!(
            "| `{name}` | {t} | {:.1} % | {ty} | {:.1} % |",
            100.0 * t as f64 / tokens.max(1) as f64,
            100.0 * ty as f64 / words.len().max(1) as f64
        );
    }
    let mut by_count: Vec<(&String, &u64)> = words.iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (title, want_strip, want_long) in [
        ("found with long-vowel only", false, true),
        ("found with strip only", true, false),
        ("found with neither", false, false),
    ] {
        println!("\n{title} (count, word, strip, long-vowel):");
        let mut shown = 0;
        for (w, c) in &by_count {
            let (s, l) = (strip.normalize(w), modern.normalize(w));
            if vocab.contains(&s) == want_strip && vocab.contains(&l) == want_long {
                println!("{c}\t{w}\t{s}\t{l}");
                shown += 1;
                if shown == n {
                    break;
                }
            }
        }
    }
    Ok(())
}
