//! `tahlil stats` end to end: golden values on the sample article (worked out by hand),
//! small corpora with hand-computed df and TF-IDF, formats, pipes, errors, thread counts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use std::io::{BufRead, BufReader, Write};

const SAMPLE: &str = "data/corpus";

#[test]
fn sample_golden_values() {
    let run = tahlil(&["stats", SAMPLE, "--format", "json", "--top", "0"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let v = run.json();
    for key in ["tool", "options", "corpus", "terms"] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert_eq!(v["tool"]["name"], "tahlil");
    assert_eq!(v["corpus"]["documents"], 1);
    assert_eq!(v["corpus"]["bytes"], 4436);
    // `wc -w` on the file gives 347, and every whitespace-separated word of this article is
    // exactly one token (no URLs, no mixed-script or hyphenated words; 2025 is a number).
    assert_eq!(v["corpus"]["tokens"], 347);
    assert!(v["corpus"]["skipped"].as_array().unwrap().is_empty());
    let t = terms(&v);
    // By hand (grep -o over the file, punctuation stripped): الهند 9 times as a bare word
    // (no والهند/بالهند/للهند), الإرهاب 8 (→ الارهاب), آسيا 7 (→ اسيا), التعاون 7, الوسطى 6.
    assert_eq!(
        &t[..5],
        &pairs(&[("الهند", 9), ("الارهاب", 8), ("اسيا", 7), ("التعاون", 7), ("الوسطى", 6)])[..]
    );
    let first = &v["terms"][0];
    assert_eq!(first["df"], 1);
    // per_10k = 9 × 10000 / 347; tfidf = 9 × ln(1/1) = 0 in a one-document corpus
    assert!((first["per_10k"].as_f64().unwrap() - 90000.0 / 347.0).abs() < 1e-9);
    assert_eq!(first["tfidf"].as_f64(), Some(0.0));
    // no stopword in the top 20
    for (term, _) in t.iter().take(20) {
        assert!(
            !["في", "من", "على", "الى", "ان", "التي", "مع", "هذا", "هذه"].contains(&term.as_str()),
            "{term}"
        );
    }
}

#[test]
fn sample_table_first_row_is_india() {
    let run = tahlil(&["stats", SAMPLE, "--format", "table"]);
    assert_eq!(run.code, 0);
    let first_row = run.stdout.lines().nth(3).unwrap_or("");
    assert!(first_row.contains("الهند") && first_row.contains(" 9 "), "{}", run.stdout);
}

#[test]
fn piped_output_is_tsv_with_header() {
    let run = tahlil(&["stats", SAMPLE]);
    assert_eq!(run.code, 0);
    let mut lines = run.stdout.lines();
    assert_eq!(lines.next(), Some("term\tcount\tdf\tper_10k\ttfidf"));
    assert!(lines.next().unwrap_or("").starts_with("الهند\t9\t1\t"));
}

fn temp_corpus(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

#[test]
fn df_and_tfidf_hand_computed() {
    // a.txt: مصر تونس مصر ; b.txt: مصر ليبيا ; N = 2
    // مصر: count 3, df 2, tfidf = 3 × ln(2/2) = 0
    // تونس: count 1, df 1, tfidf = ln 2 = 0.6931471805599453; ليبيا the same
    let dir = temp_corpus(&[("a.txt", "مصر تونس مصر"), ("b.txt", "مصر ليبيا")]);
    let d = dir.path().to_str().unwrap();
    let v = tahlil(&["stats", d, "--format", "json", "--sort", "tfidf"]).json();
    assert_eq!(v["corpus"]["documents"], 2);
    assert_eq!(v["corpus"]["tokens"], 5);
    let rows: Vec<(String, u64, u64, f64)> = v["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["term"].as_str().unwrap().to_string(),
                r["count"].as_u64().unwrap(),
                r["df"].as_u64().unwrap(),
                r["tfidf"].as_f64().unwrap(),
            )
        })
        .collect();
    let ln2 = 2f64.ln();
    // ties on tfidf are broken by term: تونس (U+062A…) before ليبيا (U+0644…)
    assert_eq!(rows[0].0, "تونس");
    assert!((rows[0].3 - ln2).abs() < 1e-12);
    assert_eq!(rows[1].0, "ليبيا");
    assert_eq!((rows[2].0.as_str(), rows[2].1, rows[2].2, rows[2].3), ("مصر", 3, 2, 0.0));
    // per_10k of مصر = 3 × 10000 / 5 = 6000
    let v = tahlil(&["stats", d, "--format", "json"]).json();
    assert_eq!(v["terms"][0]["per_10k"].as_f64(), Some(6000.0));
}

#[test]
fn min_count_min_df_top_and_sort_by_term() {
    let dir = temp_corpus(&[("a.txt", "مصر تونس مصر"), ("b.txt", "مصر ليبيا")]);
    let d = dir.path().to_str().unwrap();
    let v = tahlil(&["stats", d, "--format", "json", "--min-df", "2"]).json();
    assert_eq!(terms(&v), pairs(&[("مصر", 3)]));
    let v = tahlil(&["stats", d, "--format", "json", "--min-count", "2"]).json();
    assert_eq!(terms(&v), pairs(&[("مصر", 3)]));
    let v = tahlil(&["stats", d, "--format", "json", "--sort", "term", "--top", "2"]).json();
    assert_eq!(terms(&v), pairs(&[("تونس", 1), ("ليبيا", 1)]));
}

#[test]
fn bigrams_break_at_stopwords_and_sentences() {
    // "وزير الخارجية في القاهرة. وزير الخارجية" : في is a stopword, the dot ends a sentence.
    // bigrams: وزير الخارجية ×2; never "الخارجية في", "الخارجية القاهرة" or "القاهرة وزير".
    let dir = temp_corpus(&[("a.txt", "وزير الخارجية في القاهرة. وزير الخارجية")]);
    let v = tahlil(&[
        "stats",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
        "--ngram",
        "2",
        "--top",
        "0",
    ])
    .json();
    assert_eq!(terms(&v), pairs(&[("وزير الخارجية", 2)]));
    let v = tahlil(&[
        "stats",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
        "--ngram",
        "3",
        "--top",
        "0",
    ])
    .json();
    assert!(terms(&v).is_empty());
}

#[test]
fn csv_jsonl_formats_and_stdin() {
    let run = tahlil(&["stats", SAMPLE, "--format", "csv", "--top", "2"]);
    assert_eq!(run.stdout.lines().next(), Some("term,count,df,per_10k,tfidf"));
    assert_eq!(run.stdout.lines().count(), 3);
    let run = tahlil(&["stats", SAMPLE, "--format", "jsonl", "--top", "3"]);
    let lines: Vec<serde_json::Value> =
        run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["term"], "الهند");
    let text = std::fs::read("data/corpus/india-central-asia.txt").unwrap();
    let run = tahlil_stdin(&["stats", "-", "--format", "json", "--top", "1"], Some(&text));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(terms(&run.json()), pairs(&[("الهند", 9)]));
}

#[test]
fn nonexistent_path_exits_1_naming_it() {
    let run = tahlil(&["stats", "no/such/path"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no/such/path"));
    assert!(run.stdout.is_empty());
    // a missing path beside a good one: skipped, listed, exit 0 (1 with --strict)
    let run = tahlil(&["stats", "no/such/path", SAMPLE, "--format", "json"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.json()["corpus"]["skipped"][0]["path"], "no/such/path");
    let run = tahlil(&["stats", "no/such/path", SAMPLE, "--format", "json", "--strict"]);
    assert_eq!(run.code, 1);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(tahlil(&["stats", "--ngram", "4", SAMPLE]).code, 2);
    assert_eq!(tahlil(&["stats", "--normalize", "weird", SAMPLE]).code, 2);
    assert_eq!(tahlil(&["stats", "--format", "graphml", SAMPLE]).code, 2);
    assert_eq!(tahlil(&["stats", "--threads", "0", SAMPLE]).code, 2);
    assert_eq!(tahlil(&["nosuchcommand"]).code, 2);
}

#[test]
fn closed_pipe_ends_quietly_with_0() {
    // enough distinct terms to overflow a pipe buffer many times over
    let mut text = String::new();
    for i in 0..60_000u32 {
        let w: String = format!("{i:05}")
            .chars()
            .map(|d| char::from_u32(0x0628 + d as u32 - '0' as u32).unwrap())
            .collect();
        text.push_str(&w);
        // a sentence end now and then: one 60,000-word "sentence" would be cut with a
        // warning (structure::MAX_SENTENCE_WORDS), and stderr must stay empty here
        text.push_str(if i % 1000 == 999 { ". " } else { " " });
    }
    let dir = temp_corpus(&[("big.txt", &text)]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tahlil"))
        .args(["stats", "--top", "0", "--stopwords", "none", dir.path().to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).unwrap();
    assert_eq!(first.trim_end(), "term\tcount\tdf\tper_10k\ttfidf");
    // the reader is dropped here: the pipe is closed
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    // The same through the JSON writers (serde_json wraps the write error; it must still be
    // seen as a closed pipe): stats JSON, and mentions/sections JSONL of a long corpus.
    let mentions: String = "زار وفد من مصر تونس والهند. ".repeat(20_000);
    let many = temp_corpus(&[("big.txt", &text), ("m.txt", &mentions)]);
    let d = many.path().to_str().unwrap();
    for args in [
        vec!["stats", "--top", "0", "--stopwords", "none", "--format", "json", d],
        vec!["mentions", "--format", "jsonl", d],
        vec!["sections", "--format", "jsonl", "--summary-sentences", "1", d],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tahlil"))
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        assert!(first.starts_with('{'), "{args:?}: {first}");
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(out.stderr.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn output_file_is_written_atomically_and_never_over_an_input() {
    let dir = temp_corpus(&[("a.txt", "مصر تونس")]);
    let out = dir.path().join("out.json");
    std::fs::write(&out, "old").unwrap();
    let d = dir.path().join("a.txt");
    let run = tahlil(&["stats", d.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["corpus"]["documents"], 1);
    // no temporary file left behind
    let names: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    // refuse to overwrite an input
    let run = tahlil(&["stats", d.to_str().unwrap(), "-o", d.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert_eq!(std::fs::read_to_string(&d).unwrap(), "مصر تونس");
}

/// The process umask, from /proc/self/status (Linux); `None` elsewhere.
#[cfg(unix)]
fn umask() -> Option<u32> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("Umask:"))?;
    u32::from_str_radix(line["Umask:".len()..].trim(), 8).ok()
}

#[cfg(unix)]
#[test]
fn output_file_gets_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_corpus(&[("a.txt", "مصر تونس")]);
    let d = dir.path().join("a.txt");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // A new file: 0666 minus the umask, like any program's new file (the child inherits
    // the test's umask), not the temporary file's private 0600.
    let fresh = dir.path().join("new.json");
    let run = tahlil(&["stats", d.to_str().unwrap(), "-o", fresh.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    if let Some(mask) = umask() {
        assert_eq!(mode(&fresh), 0o666 & !mask);
    }
    // Replacing a file keeps its mode.
    let old = dir.path().join("old.json");
    std::fs::write(&old, "old").unwrap();
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640)).unwrap();
    let run = tahlil(&["stats", d.to_str().unwrap(), "-o", old.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(mode(&old), 0o640);
    assert!(std::fs::read_to_string(&old).unwrap().contains("\"documents\": 1"));
}

#[test]
fn identical_output_for_any_thread_count() {
    let mut files = Vec::new();
    for i in 0..40 {
        files.push((
            format!("d{i:02}.txt"),
            format!("مصر {} تونس. الهند {} ليبيا و{}", i % 7, i % 3, i % 5),
        ));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let dir = temp_corpus(&refs);
    let d = dir.path().to_str().unwrap();
    for ngram in ["1", "2"] {
        let one =
            tahlil(&["stats", d, "-j", "1", "--format", "json", "--top", "0", "--ngram", ngram])
                .stdout;
        let four =
            tahlil(&["stats", d, "-j", "4", "--format", "json", "--top", "0", "--ngram", ngram])
                .stdout;
        assert_eq!(one, four);
    }
}

#[test]
fn by_file_groups_partition_the_corpus() {
    let dir = temp_corpus(&[("a.txt", "مصر تونس مصر"), ("b.txt", "مصر ليبيا")]);
    let d = dir.path().to_str().unwrap();
    let v = tahlil(&["stats", d, "--format", "json", "--by", "file"]).json();
    let groups = v["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0]["corpus"]["tokens"], 3);
    assert_eq!(groups[1]["corpus"]["tokens"], 2);
    assert_eq!(terms(&groups[0]), pairs(&[("مصر", 2), ("تونس", 1)]));
    assert_eq!(terms(&v), pairs(&[("مصر", 3), ("تونس", 1), ("ليبيا", 1)]));
    let run = tahlil(&["stats", d, "--format", "tsv", "--by", "file"]);
    assert_eq!(run.stdout.lines().next(), Some("group\tterm\tcount\tdf\tper_10k\ttfidf"));
    // header + a.txt (مصر, تونس) + b.txt (مصر, ليبيا)
    assert_eq!(run.stdout.lines().count(), 1 + 2 + 2);
}

#[test]
fn stemming_modes_are_reported_and_applied() {
    let dir = temp_corpus(&[("a.txt", "المكتبات والمكتبات مكتبة")]);
    let d = dir.path().to_str().unwrap();
    // light10: المكتبات → مكتب (ال, then ات); والمكتبات → مكتب (و, ال, ات); مكتبة → مكتب (ة)
    let v =
        tahlil(&["stats", d, "--format", "json", "--stem", "light", "--stopwords", "none"]).json();
    assert_eq!(terms(&v), pairs(&[("مكتب", 3)]));
    assert_eq!(v["options"]["stem"], "light");
    let v = tahlil(&["stats", d, "--format", "json", "--stem", "snowball", "--stopwords", "none"])
        .json();
    assert_eq!(v["options"]["stem"], "snowball");
    assert_eq!(v["corpus"]["tokens"], 3);
}

#[test]
fn writes_to_stdout_flush_even_when_stdin_is_used_with_other_paths() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tahlil"))
        .args(["stats", "-", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all("مصر مصر".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(terms(&v), pairs(&[("مصر", 2)]));
}

#[test]
fn by_a_field_no_document_has_warns() {
    // Two JSONL records with a `source` field: `--by source` is silent, `--by sourse`
    // (misspelt) puts both in "(missing)" and says so in one warning line.
    let dir = temp_corpus(&[(
        "a.jsonl",
        "{\"id\":\"1\",\"text\":\"مصر\",\"source\":\"x\"}\n{\"id\":\"2\",\"text\":\"تونس\",\"source\":\"y\"}\n",
    )]);
    let d = dir.path().to_str().unwrap();
    for cmd in ["stats", "cooc", "sections"] {
        let ok = tahlil(&[cmd, d, "--by", "source", "--format", "json"]);
        assert_eq!(ok.code, 0, "{cmd}: {}", ok.stderr);
        assert!(!ok.stderr.contains("--by"), "{cmd}: {}", ok.stderr);
        let bad = tahlil(&[cmd, d, "--by", "sourse", "--format", "json"]);
        assert_eq!(bad.code, 0, "{cmd}");
        let lines: Vec<&str> = bad.stderr.lines().filter(|l| l.contains("--by sourse")).collect();
        assert_eq!(lines.len(), 1, "{cmd}: {}", bad.stderr);
        assert_eq!(bad.json()["groups"][0]["key"], "(missing)", "{cmd}");
        assert_eq!(tahlil(&[cmd, d, "--by", "sourse", "--strict"]).code, 1, "{cmd}");
    }
}
