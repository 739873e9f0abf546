//! Stopword lists: unions (`default+news+FILE`), `tahlil lexicon stopwords`, and their effect
//! on `stats`, on small inputs worked out by hand.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Run, tahlil, terms};
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

/// The lines `tahlil lexicon stopwords --stopwords LIST [extra]` prints.
fn list(spec: &str, extra: &[&str]) -> Vec<String> {
    let run = tahlil(&[&["lexicon", "stopwords", "--stopwords", spec][..], extra].concat());
    assert_eq!(run.code, 0, "{spec}: {}", run.stderr);
    run.stdout.lines().map(str::to_string).collect()
}

fn sorted_union(a: &[String], b: &[String]) -> Vec<String> {
    let mut v: Vec<String> = a.iter().chain(b).cloned().collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn a_file_is_normalised_sorted_and_printed_one_per_line() {
    let dir = tempfile::tempdir().unwrap();
    // a BOM, a comment, a two-word line (ignored: stopwords are single tokens), a blank
    // line, إلى and فِي (normalised by the preset), and a duplicate after normalisation
    let f = write(dir.path(), "mine.txt", "\u{FEFF}# mine\nفِي\nإلى\nكرة القدم\n\nالى\nالخميس\n");
    // standard: إلى → الى (alef folded), فِي → في (diacritic removed); sorted by code point
    assert_eq!(list(&f, &[]), ["الخميس", "الى", "في"]);
    // none: NFC only, every spelling its own entry
    assert_eq!(list(&f, &["--normalize", "none"]), ["إلى", "الخميس", "الى", "فِي"]);
    assert!(list("none", &[]).is_empty());
}

#[test]
fn unions_add_lists() {
    let dir = tempfile::tempdir().unwrap();
    // الخميس is in the news list, زيارة in neither built-in list (removed from the
    // default list on purpose), في in the default list
    let f = write(dir.path(), "mine.txt", "الخميس\nزيارة\nفي\n");
    let default = list("default", &[]);
    let news = list("news", &[]);
    let mine = list(&f, &[]);
    assert!(default.contains(&"في".to_string()) && !default.contains(&"الخميس".to_string()));
    assert!(news.contains(&"الخميس".to_string()) && !news.contains(&"زيارة".to_string()));
    assert_eq!(list("default+news", &[]), sorted_union(&default, &news));
    // news+mine adds only زيارة (الخميس is already there, في is not in news)
    let nm = list(&format!("news+{f}"), &[]);
    assert_eq!(nm.len(), news.len() + 2);
    assert_eq!(nm, sorted_union(&news, &mine));
    // order and repetition do not matter
    assert_eq!(
        list(&format!("{f}+default+news+default"), &[]),
        sorted_union(&sorted_union(&default, &news), &mine)
    );
    // no two built-in lists overlap: every news entry is new to the default list
    assert_eq!(list("default+news", &[]).len(), default.len() + news.len());
}

#[test]
fn a_path_with_a_plus_is_a_file_and_bad_unions_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "c+d.txt", "الخميس\n");
    assert_eq!(list(&f, &[]), ["الخميس"]);
    for (spec, says) in [
        ("default+", "empty list name"),
        ("+news", "empty list name"),
        ("default+none", "`none` cannot be combined"),
    ] {
        let run = tahlil(&["lexicon", "stopwords", "--stopwords", spec]);
        assert_eq!(run.code, 2, "{spec}");
        assert!(run.stderr.contains(says), "{spec}: {}", run.stderr);
    }
    let missing = dir.path().join("missing.txt").display().to_string();
    let run = tahlil(&["lexicon", "stopwords", "--stopwords", &format!("default+{missing}")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.txt: cannot read stopword list"), "{}", run.stderr);
}

fn stats(doc: &str, spec: &str) -> (Run, Vec<(String, u64)>) {
    let run = tahlil(&["stats", doc, "--stopwords", spec, "--format", "json", "--top", "0"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t = terms(&run.json());
    (run, t)
}

#[test]
fn stats_with_the_news_list() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "mine.txt", "بيروت\n");
    // 10 tokens: قال الرئيس يوم الخميس إن الرئيس سيزور بيروت في مارس
    let doc =
        write(dir.path(), "doc.txt", "قال الرئيس يوم الخميس إن الرئيس سيزور بيروت في مارس.\n");
    // default: قال, يوم, إن, في are stopwords → الرئيس 2, الخميس, سيزور, بيروت, مارس 1
    // (ties by key)
    let (run, t) = stats(&doc, "default");
    let want = |p: &[(&str, u64)]| -> Vec<(String, u64)> {
        p.iter().map(|&(a, n)| (a.to_string(), n)).collect()
    };
    assert_eq!(t, want(&[("الرئيس", 2), ("الخميس", 1), ("بيروت", 1), ("سيزور", 1), ("مارس", 1)]));
    let v = run.json();
    assert_eq!(v["corpus"]["tokens"], 10);
    assert_eq!(v["corpus"]["term_tokens"], 6);
    // default+news: الخميس (weekday) and مارس (month) go too
    let (run, t) = stats(&doc, "default+news");
    assert_eq!(t, want(&[("الرئيس", 2), ("بيروت", 1), ("سيزور", 1)]));
    let v = run.json();
    assert_eq!(
        (v["corpus"]["tokens"].as_u64(), v["corpus"]["term_tokens"].as_u64()),
        (Some(10), Some(4))
    );
    assert_eq!(v["options"]["stopwords"], "default+news");
    // and a user file on top: بيروت
    let (_, t) = stats(&doc, &format!("default+news+{f}"));
    assert_eq!(t, want(&[("الرئيس", 2), ("سيزور", 1)]));
}
