//! `tahlil kwic` end to end (issue 15): the acceptance items on the sample article, exact
//! keyword spans, the same output for 1 and 4 threads, and ANT when it is present.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

const SAMPLE: &str = "data/corpus";
const SAMPLE_FILE: &str = "data/corpus/india-central-asia.txt";

fn hits(args: &[&str]) -> (Vec<Value>, Value) {
    let mut a = vec!["kwic"];
    a.extend_from_slice(args);
    a.extend(["--format", "json", "--quiet"]);
    let run = tahlil(&a);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j = run.json();
    (j["hits"].as_array().unwrap().clone(), j)
}

fn spans(h: &[Value]) -> Vec<(String, u64, u64)> {
    h.iter()
        .map(|h| {
            (
                h["doc"].as_str().unwrap().into(),
                h["start"].as_u64().unwrap(),
                h["end"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn sample_article_nine_hits_term_and_lexicon_id_agree() {
    let text = std::fs::read_to_string(SAMPLE_FILE).unwrap();
    let (term, j) = hits(&[SAMPLE, "--query", "الهند"]);
    // the article names India 9 times (grep -o '[^ ]*هند[^ ]*' gives 9 × الهند and no other
    // form: الهندسة would not match, and no clitic form occurs in it)
    assert_eq!(term.len(), 9);
    assert_eq!(j["hits_total"], 9);
    for h in &term {
        let (s, e) = (h["start"].as_u64().unwrap() as usize, h["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], h["keyword"].as_str().unwrap(), "{h}");
    }
    let (id, _) = hits(&[SAMPLE, "--query", "country:IND"]);
    assert_eq!(spans(&term), spans(&id));
    // TSV: a header and 9 lines
    let run = tahlil(&["kwic", SAMPLE, "--query", "الهند", "--format", "tsv"]);
    assert_eq!(run.stdout.lines().count(), 10, "{}", run.stdout);
    assert_eq!(
        run.stdout.lines().next().unwrap(),
        "doc\tsentence\tstart\tend\tleft\tkeyword\tright"
    );
}

#[test]
fn clitic_forms_and_exact_spans_in_a_corpus_of_files() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "زار الوزير الهند والهند. ثم عاد من بالهند إلى الهندسة.",
        "وللهند تاريخ. لا شيء هنا.",
        "كتب عن الهند\nوالهند مرة أخرى، وقال: الهند!",
    ];
    for (i, t) in texts.iter().enumerate() {
        std::fs::write(dir.path().join(format!("d{i}.txt")), t).unwrap();
    }
    let d = dir.path().to_str().unwrap();
    // d0: الهند والهند بالهند (3; not الهندسة); d1: وللهند (1); d2: الهند والهند الهند (3)
    let (h, _) = hits(&[d, "--query", "الهند", "-j", "1"]);
    let kws: Vec<&str> = h.iter().map(|h| h["keyword"].as_str().unwrap()).collect();
    assert_eq!(kws, ["الهند", "والهند", "بالهند", "وللهند", "الهند", "والهند", "الهند"]);
    for hit in &h {
        let t = texts[hit["doc"].as_str().unwrap()[1..2].parse::<usize>().unwrap()];
        let (s, e) =
            (hit["start"].as_u64().unwrap() as usize, hit["end"].as_u64().unwrap() as usize);
        assert_eq!(&t[s..e], hit["keyword"].as_str().unwrap());
    }
    // the line break in d2's context is shown as a space
    assert_eq!(h[5]["left"], "كتب عن الهند");
    // the same for any thread count, sorted or sampled
    for extra in
        [&[][..], &["--sort", "L1,R1"][..], &["--sample-hits", "4", "--hits-seed", "9"][..]]
    {
        let mut a1 = vec![d, "--query", "الهند", "-j", "1"];
        a1.extend_from_slice(extra);
        let mut a4 = vec![d, "--query", "الهند", "-j", "4"];
        a4.extend_from_slice(extra);
        assert_eq!(hits(&a1).0, hits(&a4).0, "{extra:?}");
    }
    let (s, j) = hits(&[d, "--query", "الهند", "--sample-hits", "4", "--hits-seed", "9"]);
    assert_eq!((s.len(), j["hits_total"].as_u64()), (4, Some(7)));
    // --sort R1: the words after each hit, by normalised form (ا < ت < م < و), missing last
    // word of a document first: d2's final الهند has no R1 ("")
    let (r, _) = hits(&[d, "--query", "الهند", "--sort", "R1", "--context", "1"]);
    let rights: Vec<&str> = r.iter().map(|h| h["right"].as_str().unwrap()).collect();
    // (the sentence end between والهند and ثم is shown: punctuation between tokens is kept)
    assert_eq!(rights, ["", "إلى", "تاريخ", ". ثم", "مرة", "والهند", "والهند"]);
}

#[test]
fn streamed_tsv_equals_json_order() {
    let run = tahlil(&["kwic", SAMPLE, "--query", "آسيا الوسطى|إرهاب*", "--format", "tsv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (h, _) = hits(&[SAMPLE, "--query", "آسيا الوسطى|إرهاب*"]);
    let tsv: Vec<String> =
        run.stdout.lines().skip(1).map(|l| l.split('\t').nth(2).unwrap().into()).collect();
    let json: Vec<String> = h.iter().map(|h| h["start"].to_string()).collect();
    assert_eq!(tsv, json);
    assert!(!h.is_empty());
}

#[test]
fn bad_queries_are_usage_errors() {
    for q in ["country:XXX", "", "a||b"] {
        let run = tahlil(&["kwic", SAMPLE, "--query", q]);
        assert_eq!(run.code, 2, "{q}: {}", run.stderr);
        assert_eq!(run.stderr_lines(), 1, "{}", run.stderr);
    }
}

/// ANT (skipped when absent): Iran near drug trafficking in CNN, the same for 1 and 4
/// threads, every keyword exactly the record's text[start..end].
#[test]
fn ant_iran_near_drugs() {
    let file = "../shared/corpora/ant-multisource/cnn.jsonl";
    if !Path::new(env!("CARGO_MANIFEST_DIR")).join(file).exists() {
        eprintln!("kwic_cli: {file} is absent; skipping the ANT check");
        return;
    }
    let q = ["--query", "country:IRN", "--near", "theme:drug-trafficking", "--window", "10"];
    let mut a1 = vec![file, "-j", "1"];
    a1.extend_from_slice(&q);
    let mut a4 = vec![file, "-j", "4"];
    a4.extend_from_slice(&q);
    let (h1, _) = hits(&a1);
    let (h4, _) = hits(&a4);
    assert_eq!(h1, h4);
    let texts: std::collections::HashMap<String, String> =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
            .unwrap()
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                // spans count from the headline line: the title field (its lines trimmed,
                // joined by spaces), a line break, then the text field
                let title: Vec<&str> = v["title"]
                    .as_str()
                    .unwrap_or("")
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect();
                let text = v["text"].as_str().unwrap();
                let full = if title.is_empty() {
                    text.to_string()
                } else {
                    format!("{}\n{text}", title.join(" "))
                };
                (v["id"].as_str().unwrap().into(), full)
            })
            .collect();
    for h in &h1 {
        let t = &texts[h["doc"].as_str().unwrap()];
        let (s, e) = (h["start"].as_u64().unwrap() as usize, h["end"].as_u64().unwrap() as usize);
        assert_eq!(&t[s..e], h["keyword"].as_str().unwrap());
    }
    eprintln!(
        "kwic_cli: ANT cnn.jsonl: {} hits of country:IRN near theme:drug-trafficking",
        h1.len()
    );
}
