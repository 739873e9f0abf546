//! Sentence splitter audit: every sentence end mark of real text, sorted by the rule of
//! [`tahlil::structure::split_sentences`] that decides it, with counts and a sample of each
//! rule's decisions in context, to judge by hand (README, "Tokens"; the figures are there).
//!
//! ```text
//! cargo run --release --example splitter_audit -- FILE.jsonl[:FIELD] … [--sample N] [--seed S]
//! ```
//! Each line of each file is a JSON object whose `FIELD` (default `text`) is a document;
//! every line of it (see [`tahlil::structure::lines`]) is a paragraph. For each run of end
//! marks the report gives the rule (`word.`: a dot after a word of two or more letters;
//! `title.`: after a one-letter word that follows no number, `د. أحمد`; `era.`: after a
//! one-letter word closing a number, `1990 م.`; `number.`: after a number; `list.`: a list
//! marker; `glued.`: followed by a letter or digit with no space; `latin-abbr.`; `run`: `!`
//! `?` `؟` `…` and runs of several marks), whether it ended a sentence, and
//! `N` (default 20) samples per rule chosen by a hash of the position with seed `S`.

use std::collections::BTreeMap;
use tahlil::structure::{lines, split_sentences};
use tahlil::text::tokenize::{is_digit, is_word_char};

fn rule(para: &str, i: usize, run: &str) -> &'static str {
    if run != "." {
        return "run";
    }
    let after = para[i + 1..].chars().next();
    if after.is_some_and(|a| a.is_alphanumeric()) {
        return "glued.";
    }
    let before = &para[..i];
    let word: String = before
        .chars()
        .rev()
        .filter(|&c| !(unicode_normalization::char::is_combining_mark(c) || c == '\u{0640}'))
        .take_while(|&c| is_word_char(c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.is_empty() {
        return "after-punctuation.";
    }
    if word.chars().all(is_digit) {
        let lead = &before[..before.len() - word.len()];
        let lead = lead.strip_suffix('(').unwrap_or(lead);
        let trimmed = lead.trim_end();
        if word.chars().count() <= 3
            && (trimmed.is_empty()
                || (trimmed.len() < lead.len()
                    && trimmed.ends_with(['.', '!', '?', '؟', ':', '…'])))
        {
            return "list.";
        }
        return "number.";
    }
    if word.chars().count() == 1 {
        // what precedes the one-letter word: skip earlier `X.` links
        let mut rest = before[..before.len() - word.len()].trim_end();
        while let Some(r) = rest.strip_suffix('.') {
            let r = r.trim_end_matches(|c: char| {
                unicode_normalization::char::is_combining_mark(c) || c == '\u{0640}'
            });
            match r.chars().next_back() {
                Some(c) if c.is_alphabetic() => rest = r[..r.len() - c.len_utf8()].trim_end(),
                _ => break,
            }
        }
        return if rest.chars().next_back().is_some_and(is_digit) { "era." } else { "title." };
    }
    let lw = word.to_ascii_lowercase();
    if word.is_ascii()
        && [
            "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "no", "inc", "ltd", "co",
            "gen", "col", "lt",
        ]
        .contains(&lw.as_str())
    {
        return "latin-abbr.";
    }
    "word."
}

fn main() -> anyhow::Result<()> {
    let mut files = Vec::new();
    let (mut sample, mut seed) = (20usize, 1u64);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--sample" => sample = args.next().and_then(|s| s.parse().ok()).unwrap_or(sample),
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(seed),
            _ => files.push(a),
        }
    }
    // rule → (ended, kept, samples (hash, line))
    type Stats = (usize, usize, Vec<(u64, String)>);
    let mut stats: BTreeMap<&'static str, Stats> = BTreeMap::new();
    for spec in &files {
        let (path, field) =
            spec.rsplit_once(':').filter(|(_, f)| !f.contains('/')).unwrap_or((spec, "text"));
        let data = std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
        for (no, line) in data.lines().enumerate() {
            let v: serde_json::Value = serde_json::from_str(line)?;
            let Some(text) = v[field].as_str() else { continue };
            for (_, span) in lines(text) {
                let para = &text[span.clone()];
                let mut sents = Vec::new();
                split_sentences(text, span.clone(), &mut sents);
                let ends: Vec<usize> = sents.iter().map(|r| r.end - span.start).collect();
                let b = para.as_bytes();
                let mut k = 0;
                while k < para.len() {
                    let c = para[k..].chars().next().unwrap_or(' ');
                    if !tahlil::structure::is_sentence_end_mark(c) {
                        k += c.len_utf8();
                        continue;
                    }
                    let start = k;
                    while let Some(d) = para[k..]
                        .chars()
                        .next()
                        .filter(|&d| tahlil::structure::is_sentence_end_mark(d))
                    {
                        k += d.len_utf8();
                    }
                    let mut end = k;
                    while let Some(d) =
                        para[end..].chars().next().filter(|d| "\"'”’»›)]}\u{FD3E}".contains(*d))
                    {
                        end += d.len_utf8();
                    }
                    let r = rule(para, start, &para[start..k]);
                    let ended = ends.contains(&end) && end < para.len();
                    if end >= para.len() || b.len() == end {
                        continue; // the paragraph end decides anyway
                    }
                    let e = stats.entry(r).or_default();
                    if ended {
                        e.0 += 1
                    } else {
                        e.1 += 1
                    }
                    let h = {
                        use std::hash::{Hash, Hasher};
                        let mut h = std::collections::hash_map::DefaultHasher::new();
                        (seed, path, no, span.start + start).hash(&mut h);
                        h.finish()
                    };
                    let lo = para[..start].char_indices().rev().nth(50).map_or(0, |(p, _)| p);
                    let hi =
                        para[end..].char_indices().nth(30).map_or(para.len(), |(p, _)| end + p);
                    let ctx = format!(
                        "{}\t{path}:{}\t{}⟦{}⟧{}",
                        if ended { "END " } else { "KEEP" },
                        no + 1,
                        &para[lo..start].replace('\t', " "),
                        &para[start..end],
                        &para[end..hi].replace('\t', " ")
                    );
                    e.2.push((h, ctx));
                }
            }
        }
    }
    println!("| rule | ended | not ended |\n| --- | ---: | ---: |");
    for (r, (e, k, _)) in &stats {
        println!("| {r} | {e} | {k} |");
    }
    for (r, (_, _, s)) in &mut stats {
        s.sort();
        println!("\n## {r}");
        for (_, line) in s.iter().take(sample) {
            println!("{line}");
        }
    }
    Ok(())
}
