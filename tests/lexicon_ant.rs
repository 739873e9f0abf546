//! The built-in lexicons over the ANT news corpus (`../shared/corpora/ant-multisource`).
//!
//! The test reads the first 400 articles of each source (about 2,000 articles, a few
//! seconds) and checks that the most frequent countries and every theme are found, and
//! that known false friends are not. It is skipped, with a message, when the corpus is
//! absent. Set `TAHLIL_ANT_REPORT=1` to read the whole corpus and print the most frequent
//! entries, the surface forms behind each and sample contexts (used to tune the lexicons).

use std::collections::BTreeMap;
use std::path::Path;
use tahlil::lexicon::{BuiltinOptions, Lexicon, Matcher, Mention, SentenceTokens};
use tahlil::structure::{self, StructureOptions};
use tahlil::text::{Pipeline, Scratch, TextOptions};

const ANT: &str = "../shared/corpora/ant-multisource";
const SOURCES: &[&str] = &["alarabia", "bbc", "cnn", "france24", "skynews"];

#[derive(Default)]
struct Stats {
    docs: usize,
    /// entry id → (unambiguous count, ambiguous count)
    counts: BTreeMap<String, (usize, usize)>,
    /// entry id → surface form (raw text of the span) → count
    forms: BTreeMap<String, BTreeMap<String, usize>>,
    /// entry id → a few contexts
    samples: BTreeMap<String, Vec<String>>,
    /// only keep samples of this surface form (`TAHLIL_ANT_FORM`)
    form: Option<String>,
}

fn run(limit: Option<usize>, capitals: bool) -> Option<Stats> {
    if !Path::new(ANT).is_dir() {
        eprintln!("skipped: {ANT} not found (the ANT corpus is only on the development machine)");
        return None;
    }
    let pipeline = Pipeline::new(&TextOptions::default()).ok()?;
    let opts = BuiltinOptions { capitals, ..Default::default() };
    let lex = Lexicon::builtin(&pipeline.normalizer, &opts).ok()?;
    let matcher = lex.matcher();
    let mut stats = Stats { form: std::env::var("TAHLIL_ANT_FORM").ok(), ..Default::default() };
    let mut scratch = Scratch::default();
    let mut toks = SentenceTokens::new();
    let mut ms: Vec<Mention> = Vec::new();
    for src in SOURCES {
        let file = std::fs::File::open(format!("{ANT}/{src}.jsonl")).ok()?;
        for line in
            std::io::BufRead::lines(std::io::BufReader::new(file)).take(limit.unwrap_or(usize::MAX))
        {
            let v: serde_json::Value = serde_json::from_str(&line.ok()?).ok()?;
            let doc = format!(
                "{}\n{}",
                v["title"].as_str().unwrap_or(""),
                v["text"].as_str().unwrap_or("")
            );
            stats.docs += 1;
            scan(&doc, &pipeline, &matcher, &mut scratch, &mut toks, &mut ms, &mut stats);
        }
    }
    Some(stats)
}

fn scan(
    doc: &str,
    pipeline: &Pipeline,
    matcher: &Matcher,
    scratch: &mut Scratch,
    toks: &mut SentenceTokens,
    ms: &mut Vec<Mention>,
    stats: &mut Stats,
) {
    let s = structure::parse(doc, &StructureOptions::default());
    for (_, p) in s.all_paragraphs() {
        for sent in &p.sentences {
            toks.fill(pipeline, doc, sent.clone(), scratch);
            ms.clear();
            matcher.find(toks.tokens(), ms);
            for m in ms.iter() {
                let id = matcher.id(m.entry).to_string();
                let c = stats.counts.entry(id.clone()).or_default();
                if m.ambiguous {
                    c.1 += 1
                } else {
                    c.0 += 1
                }
                let span = toks.span_of(m);
                let form = doc[span.clone()].to_string();
                *stats.forms.entry(id.clone()).or_default().entry(form).or_default() += 1;
                let keep = stats.form.as_deref().is_none_or(|f| f == doc[span.clone()].trim());
                let samples = stats.samples.entry(id).or_default();
                if keep && samples.len() < 400 {
                    let a = boundary(doc, span.start.saturating_sub(60), false);
                    let b = boundary(doc, (span.end + 60).min(doc.len()), true);
                    let mark = if m.ambiguous { "?" } else { "" };
                    samples.push(
                        format!(
                            "{}⟦{mark}{}⟧{}",
                            &doc[a..span.start],
                            &doc[span.clone()],
                            &doc[span.end..b]
                        )
                        .replace('\n', " "),
                    );
                }
            }
        }
    }
}

/// The nearest char boundary at or before (or after, when `up`) byte `i`.
fn boundary(s: &str, mut i: usize, up: bool) -> usize {
    while !s.is_char_boundary(i) {
        if up { i += 1 } else { i -= 1 }
    }
    i
}

fn count(stats: &Stats, id: &str) -> usize {
    stats.counts.get(id).map_or(0, |c| c.0)
}

fn form_count(stats: &Stats, id: &str, form: &str) -> usize {
    stats.forms.get(id).and_then(|f| f.get(form)).copied().unwrap_or(0)
}

#[test]
fn ant_sample_finds_countries_and_every_theme() {
    let Some(stats) = run(Some(400), false) else { return };
    assert_eq!(stats.docs, 2000);
    for id in ["country:SYR", "country:USA", "country:IRN", "country:RUS", "country:EGY"] {
        assert!(count(&stats, id) > 100, "{id}: {}", count(&stats, id));
    }
    for theme in [
        "terrorism",
        "cyber-security",
        "drug-trafficking",
        "defence",
        "connectivity",
        "trade",
        "energy",
        "diplomacy",
        "technology",
        "migration",
    ] {
        let id = format!("theme:{theme}");
        assert!(count(&stats, &id) > 10, "{id}: {}", count(&stats, &id));
    }
    // false friends never counted
    for (id, form) in [
        ("country:QAT", "القطر"),
        ("country:IND", "المحيط الهندي"),
        ("country:TUR", "تركي"),
        ("country:MLI", "مالية"),
        ("country:MLI", "المالي"),
    ] {
        let n = form_count(&stats, id, form);
        assert_eq!(n, 0, "{id} via {form}: {n}");
    }
    // مالي is mostly "financial" in economy news: many are left ambiguous
    let mli = stats.counts.get("country:MLI").copied().unwrap_or_default();
    assert!(mli.1 > 0, "{mli:?}");
}

#[test]
fn ant_report() {
    if std::env::var_os("TAHLIL_ANT_REPORT").is_none() {
        return;
    }
    let capitals = std::env::var_os("TAHLIL_ANT_CAPITALS").is_some();
    let Some(stats) = run(None, capitals) else { return };
    let filter = std::env::var("TAHLIL_ANT_ENTRY").ok();
    let mut top: Vec<(&String, &(usize, usize))> = stats.counts.iter().collect();
    top.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    println!("documents: {}", stats.docs);
    for (id, (n, amb)) in &top {
        if filter.as_deref().is_some_and(|f| !id.starts_with(f)) {
            continue;
        }
        let mut forms: Vec<(&String, &usize)> = stats.forms[*id].iter().collect();
        forms.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let nforms =
            std::env::var("TAHLIL_ANT_NFORMS").ok().and_then(|s| s.parse().ok()).unwrap_or(25);
        let forms: Vec<String> =
            forms.iter().take(nforms).map(|(f, c)| format!("{f}:{c}")).collect();
        println!("{id}\t{n}\t(ambiguous {amb})\t{}", forms.join(" "));
        if filter.is_some() {
            let samples = &stats.samples[*id];
            let step = (samples.len() / 25).max(1);
            for s in samples.iter().step_by(step) {
                println!("    {s}");
            }
        }
    }
}
