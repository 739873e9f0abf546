//! `--where`, `--sample`, `--date-field` on the command line (issue 16): the selection is
//! applied once, in the engine, for every command; left-out documents are counted in
//! `corpus.filtered` / `corpus.not_sampled`; a subcorpus is analysed exactly as a corpus
//! holding only its documents would be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{tahlil, terms};
use serde_json::Value;
use std::io::Write;

/// Five records. Hand count of what each filter keeps:
/// * `source=A`: d1, d3 → 2 kept, 3 filtered;
/// * `source=A and date>=2018-03`: d3 only (d1 is February) → 1 kept, 4 filtered;
/// * `text has عقوبات` (word, clitic-aware: و+ال split off; عقوبة is another word):
///   d1 (والعقوبات), d4 (العقوبات) → 2 kept; d2 has عقوبة, d3 and d5 nothing;
/// * `text has country:IRN`: d1 (إيران), d2 (وإيران), d5 (لإيران), and d4, whose title
///   (عن إيران) is analysed as the headline of its text → 4 kept;
/// * `title has country:IRN`: d4 only (its title names إيران) → 1 kept.
const RECORDS: &str = r#"{"id":"d1","source":"A","date":"Sun, 18 Feb 2018 17:21:49 GMT","title":"خبر","text":"فرضت أمريكا والعقوبات على إيران اليوم."}
{"id":"d2","source":"B","date":"2018-03-05","title":"خبر","text":"عقوبة قاسية وإيران ترد."}
{"id":"d3","source":"A","date":"2018-03-20","title":"خبر","text":"سوق المال هادئ اليوم."}
{"id":"d4","source":"C","date":"2018-04-01","title":"عن إيران","text":"العقوبات الجديدة تبدأ."}
{"id":"d5","source":"B","date":"2018-04-02","title":"خبر","text":"وفد لإيران يصل اليوم."}
"#;

fn corpus(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    let mut f = std::fs::File::create(&p).unwrap();
    f.write_all(text.as_bytes()).unwrap();
    p.to_str().unwrap().to_string()
}

fn stats(path: &str, extra: &[&str]) -> Value {
    let mut args = vec!["stats", path, "--format", "json", "--top", "0", "-q"];
    args.extend_from_slice(extra);
    let r = tahlil(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.json()
}

fn ids_kept(path: &str, wheres: &[&str]) -> (u64, u64) {
    let mut extra = Vec::new();
    for w in wheres {
        extra.extend(["--where", w]);
    }
    let v = stats(path, &extra);
    (v["corpus"]["documents"].as_u64().unwrap(), v["corpus"]["filtered"].as_u64().unwrap())
}

#[test]
fn where_counts_kept_and_filtered_documents() {
    let dir = tempfile::tempdir().unwrap();
    let p = corpus(&dir, "c.jsonl", RECORDS);
    assert_eq!(ids_kept(&p, &[]), (5, 0));
    assert_eq!(ids_kept(&p, &["source=A"]), (2, 3));
    assert_eq!(ids_kept(&p, &["source=A", "date>=2018-03"]), (1, 4));
    assert_eq!(ids_kept(&p, &["source=A and date>=2018-03"]), (1, 4));
    assert_eq!(ids_kept(&p, &["source in (A, C)"]), (3, 2));
    assert_eq!(ids_kept(&p, &["text has عقوبات"]), (2, 3));
    assert_eq!(ids_kept(&p, &["text has country:IRN"]), (4, 1));
    assert_eq!(ids_kept(&p, &["title has country:IRN"]), (1, 4));
    // d1 d2 d4 d5 mention Iran; of those d2, d4 and d5 are not from A
    assert_eq!(ids_kept(&p, &["text has country:IRN and source!=A"]), (3, 2));
    // dates from March 2018 on: d2 d3 d4 d5 (d1 is 18 February)
    assert_eq!(ids_kept(&p, &["date>=2018-03"]), (4, 1));
    // --date-field: comparisons on another field; no record has `published`, and a missing
    // date satisfies only != and not in
    let v = stats(&p, &["--date-field", "published", "--where", "published>=2018-03"]);
    assert_eq!(v["corpus"]["filtered"], 5);
    let v = stats(&p, &["--date-field", "published", "--where", "published!=2018-03"]);
    assert_eq!(v["corpus"]["filtered"], 0);
}

#[test]
fn a_subcorpus_counts_like_a_corpus_of_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let all = corpus(&dir, "c.jsonl", RECORDS);
    let only: String = RECORDS
        .lines()
        .filter(|l| l.contains(r#""source":"A""#))
        .map(|l| format!("{l}\n"))
        .collect();
    let part = corpus(&dir, "a.jsonl", &only);
    let filtered = stats(&all, &["--where", "source=A"]);
    let alone = stats(&part, &[]);
    assert_eq!(terms(&filtered), terms(&alone));
    for k in ["documents", "tokens", "types", "sentences", "bytes"] {
        assert_eq!(filtered["corpus"][k], alone["corpus"][k], "{k}");
    }
    // with proclitic segmentation, attestation counts come from the subcorpus too
    let seg = ["--where", "source=A", "--segment", "proclitics"];
    assert_eq!(terms(&stats(&all, &seg)), terms(&stats(&part, &seg[2..])));
}

#[test]
fn parse_errors_exit_2_with_the_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = corpus(&dir, "c.jsonl", RECORDS);
    // `source=A and (date>=2018-13`: `(` is column 14, `date` 15–18, `>=` 19–20, the
    // literal `2018-13` starts at column 21.
    let r = tahlil(&["stats", &p, "--where", "source=A and (date>=2018-13", "-q"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--where 'source=A and (date>=2018-13': column "), "{}", r.stderr);
    assert!(r.stderr.contains("month 13 out of range"), "{}", r.stderr);
    let r = tahlil(&["stats", &p, "--where", "source=", "-q"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("column 8"), "{}", r.stderr);
    // an entry the lexicons do not have is a usage error, not an empty result
    let r = tahlil(&["stats", &p, "--where", "text has country:XXX", "-q"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("country:XXX"), "{}", r.stderr);
}

#[test]
fn every_command_reports_filtered_documents() {
    let dir = tempfile::tempdir().unwrap();
    let p = corpus(&dir, "c.jsonl", RECORDS);
    for cmd in ["stats", "cooc", "mentions", "sections"] {
        let r = tahlil(&[cmd, &p, "--where", "source=B", "--format", "json", "-q"]);
        assert_eq!(r.code, 0, "{cmd}: {}", r.stderr);
        let v = r.json();
        assert_eq!(v["corpus"]["documents"], 2, "{cmd}");
        assert_eq!(v["corpus"]["filtered"], 3, "{cmd}");
    }
    // mentions: only d2 and d5 rows (Iran in both)
    let r = tahlil(&["mentions", &p, "--where", "source=B", "--format", "json", "-q"]);
    let v = r.json();
    let docs: Vec<&str> =
        v["mentions"].as_array().unwrap().iter().map(|m| m["doc"].as_str().unwrap()).collect();
    assert!(docs.iter().all(|d| *d == "d2" || *d == "d5"), "{docs:?}");
    // a selection that keeps nothing: an empty report and a warning, not "no input"
    let r = tahlil(&["stats", &p, "--where", "source=Z", "--format", "json", "-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("left out all 5 documents"), "{}", r.stderr);
    assert_eq!(r.json()["corpus"]["filtered"], 5);
}

#[test]
fn samples_are_reproducible_and_thread_invariant() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for i in 0..200 {
        let src = if i % 2 == 0 { "A" } else { "B" };
        text.push_str(&format!(
            "{{\"id\":\"n{i}\",\"source\":\"{src}\",\"text\":\"كلمة{} ثانية{}\"}}\n",
            i % 17,
            i % 5
        ));
    }
    let p = corpus(&dir, "s.jsonl", &text);
    let run = |threads: &str, seed: &str| {
        stats(&p, &["--where", "source=A", "--sample", "30", "--seed", seed, "-j", threads])
    };
    let (one, four) = (run("1", "7"), run("4", "7"));
    assert_eq!(one, four);
    // 100 documents of source A pass the filter, 30 are drawn, 100 are filtered
    assert_eq!(one["corpus"]["documents"], 30);
    assert_eq!(one["corpus"]["filtered"], 100);
    assert_eq!(one["corpus"]["not_sampled"], 70);
    // the draw is the 30 smallest SipHash keys of the ids with seed 7 (bottom-k)
    let mut keys: Vec<tahlil::select::SampleKey> = (0..200)
        .filter(|i| i % 2 == 0)
        .map(|i| tahlil::select::SampleKey::new(7, &format!("n{i}"), &p, (i + 1) as u64))
        .collect();
    keys.sort();
    let drawn: Vec<String> = keys[..30].iter().map(|k| k.key.clone()).collect();
    let r = tahlil(&[
        "sections", &p, "--where", "source=A", "--sample", "30", "--seed", "7", "--format", "json",
        "-q",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut got: Vec<String> = r.json()["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    let mut want = drawn.clone();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    // another seed draws another sample of the same size
    let other = run("2", "8");
    assert_eq!(other["corpus"]["documents"], 30);
    assert_ne!(terms(&other), terms(&one));
    // a sample larger than the subcorpus keeps all of it
    let all = stats(&p, &["--where", "source=A", "--sample", "1000"]);
    assert_eq!(all["corpus"]["documents"], 100);
    assert_eq!(all["corpus"]["not_sampled"], 0);
}
