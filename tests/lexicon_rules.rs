//! Sentence rules in user lexicons (`requires` / `unless` columns): `lexicon check`,
//! `mentions` and `cooc` on a small input worked out by hand.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::tahlil;
use serde_json::Value;
use std::path::Path;

/// Smuggling (تهريب*) counts as drugs only with a drug word in the sentence and no arms.
const RULES: &str = "\
id\tkind\tlabel_ar\tlabel_en\tpatterns\trequires\tunless
country:IRN\tcountry\tإيران\tIran\tإيران
country:YEM\tcountry\tاليمن\tYemen\tاليمن
theme:drugs\ttheme\tمخدرات\tDrugs\tمخدر*
theme:drugs\ttheme\t\t\tتهريب*\tمخدر*|حشيش\tسلاح*|أسلحة
";

/// The same lexicon without the rule: every smuggling is drugs.
const NO_RULES: &str = "\
country:IRN\tcountry\tإيران\tIran\tإيران
country:YEM\tcountry\tاليمن\tYemen\tاليمن
theme:drugs\ttheme\tمخدرات\tDrugs\tمخدر*|تهريب*
";

/// Three sentences (one per line):
/// 0. Iran broke up a hashish smuggling gang: IRN, تهريب (حشيش is there) → drugs.
/// 1. Yemen accuses Iran of smuggling arms: YEM, IRN; بتهريب has no drug word → nothing.
/// 2. Iran fights drugs: IRN, المخدرات → drugs.
const TEXT: &str =
    "ضبطت إيران عصابة تهريب حشيش.\nتتهم اليمن إيران بتهريب الأسلحة.\nإيران تحارب المخدرات.\n";

fn setup(dir: &Path) -> (String, String, String) {
    let w = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    (w("rules.tsv", RULES), w("plain.tsv", NO_RULES), w("doc.txt", TEXT))
}

fn cooc(lexicon: &str, doc: &str, threads: &str) -> Value {
    let args =
        ["cooc", doc, "--no-builtin", "--lexicon", lexicon, "--min-count", "1", "--format", "json"];
    let run = tahlil(&[&args[..], &["--threads", threads]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()
}

/// (source, target, units) of every edge.
fn edges(v: &Value) -> Vec<(String, String, u64)> {
    v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap().to_string();
            (s("source"), s("target"), e["units"].as_u64().unwrap())
        })
        .collect()
}

/// (id, count) of every node.
fn nodes(v: &Value) -> Vec<(String, u64)> {
    v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap().to_string(), n["count"].as_u64().unwrap()))
        .collect()
}

fn e(a: &str, b: &str, units: u64) -> (String, String, u64) {
    (a.to_string(), b.to_string(), units)
}

#[test]
fn mentions_follow_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let (rules, _, doc) = setup(dir.path());
    let run = tahlil(&["mentions", &doc, "--no-builtin", "--lexicon", &rules, "--format", "tsv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<(String, String)> = run
        .stdout
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c[6].to_string(), c[7].to_string())
        })
        .collect();
    let want = [
        ("إيران", "country:IRN"),
        ("تهريب", "theme:drugs"), // sentence 0: حشيش satisfies the rule
        ("اليمن", "country:YEM"),
        ("إيران", "country:IRN"), // sentence 1: بتهريب is not a mention
        ("إيران", "country:IRN"),
        ("المخدرات", "theme:drugs"),
    ];
    let want: Vec<(String, String)> =
        want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(rows, want);
}

#[test]
fn cooc_counts_with_and_without_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let (rules, plain, doc) = setup(dir.path());
    // With the rule: drugs in sentences 0 and 2; Iran in 0, 1, 2; Yemen in 1.
    // Iran–drugs share sentences 0 and 2 (2 units), Iran–Yemen sentence 1 (1 unit).
    let v = cooc(&rules, &doc, "1");
    assert_eq!(
        nodes(&v),
        [("country:IRN".into(), 3), ("theme:drugs".into(), 2), ("country:YEM".into(), 1)]
    );
    assert_eq!(edges(&v), [e("country:IRN", "theme:drugs", 2), e("country:IRN", "country:YEM", 1)]);
    // Jaccard = 2 / (3 + 2 − 2) = 2/3
    let j = v["edges"][0]["jaccard"].as_f64().unwrap();
    assert!((j - 2.0 / 3.0).abs() < 1e-12, "{j}");
    // the same for any thread count
    assert_eq!(edges(&cooc(&rules, &doc, "2")), edges(&v));

    // Without the rule, بتهريب الأسلحة (sentence 1) is drugs too: drugs in all three
    // sentences, Iran–drugs 3 units, and a false Yemen–drugs edge.
    let v = cooc(&plain, &doc, "1");
    assert_eq!(nodes(&v)[1], ("theme:drugs".into(), 3));
    assert_eq!(
        edges(&v),
        [
            e("country:IRN", "theme:drugs", 3),
            e("country:IRN", "country:YEM", 1),
            e("country:YEM", "theme:drugs", 1),
        ]
    );
}

#[test]
fn lexicon_check_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let (rules, _, _) = setup(dir.path());
    let run = tahlil(&["lexicon", "check", &rules]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.ends_with("ok: 3 entries, 4 patterns\n"), "{}", run.stdout);

    let bad = dir.path().join("bad.tsv");
    std::fs::write(
        &bad,
        "theme:a\ttheme\tأ\tA\tتهريب*\tمخدر*\n\
         theme:a\ttheme\t\t\tمهرب*\t?مخدر\n\
         theme:a\ttheme\t\t\tقرصنة\tالكتروني*\tبث\tقنوات\n",
    )
    .unwrap();
    let run = tahlil(&["lexicon", "check", bad.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    let shown = bad.display().to_string();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].starts_with(&format!("{shown}:2: error: theme:a: rule word `?مخدر`")),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with(&format!("{shown}:3: error: expected 5 to 7")), "{}", lines[1]);
}
