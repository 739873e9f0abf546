//! `--line-breaks hard|soft|auto` (issue 12, item 3): the shared case `20-hard-wrapped`
//! (`../shared/cases/20-hard-wrapped.input`, copied byte for byte into
//! `tests/fixtures/cases`), and the `auto` rule on the shared corpora: ANT news text stays
//! one paragraph per line (every document parses exactly as under `hard`), the Quran's
//! verses stay one per line, and EASC's hard-wrapped newspaper articles are joined.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use serde_json::Value;
use tahlil::structure::{self, LineBreaks, StructureOptions};

const CASE: &str = "20-hard-wrapped.input";

/// `sections --format json` on case 20 with `extra` options.
fn sections(extra: &[&str]) -> Value {
    let path = case(CASE);
    let mut args = vec!["sections", "--format", "json", path.as_str()];
    args.extend_from_slice(extra);
    let run = tahlil(&args);
    assert_eq!((run.code, run.stderr_lines()), (0, 0), "{}", run.stderr);
    run.json()
}

/// `mentions --format json` on case 20 with `extra` options: the mentions array.
fn mentions(extra: &[&str]) -> Vec<Value> {
    let path = case(CASE);
    let mut args = vec!["mentions", "--format", "json", path.as_str()];
    args.extend_from_slice(extra);
    let run = tahlil(&args);
    assert_eq!((run.code, run.stderr_lines()), (0, 0), "{}", run.stderr);
    run.json()["mentions"].as_array().unwrap().clone()
}

fn country_ids(m: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = m
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .filter(|id| id.starts_with("country:"))
        .collect();
    ids.sort();
    ids
}

#[test]
fn case20_hard_wrapped_soft_and_auto() {
    // The input: lines of 41, 42, 41 characters (the third ends with `.`), a blank line,
    // then 39 and 22 (the last ends with `.`). `soft`: a paragraph runs to the blank line,
    // so 2 paragraphs; neither has an end mark before its last character, so one sentence
    // each. `auto`: W = 42, full lines have >= 0.6·42 = 25.2 characters (lines 1, 2, 3, 5);
    // the breaks after them that go straight on to another line are 1→2, 2→3 and 5→6, and
    // all 3 are open (lines end `الولايات`, `وأن`, `مع`): 3 >= 2 and 3 >= 60 % of 3, and
    // lines 3 and 6 end with `.` (prose), so the document is read as soft.
    let bytes = std::fs::read(case(CASE)).unwrap();
    for extra in [&[][..], &["--line-breaks", "soft"][..], &["--line-breaks", "auto"][..]] {
        let v = sections(extra);
        assert_eq!(v["corpus"]["sentences"], 2, "{extra:?}");
        let doc = &v["documents"][0];
        // no title (a first paragraph of 3 lines is not a headline) and no headings
        assert_eq!(doc["title"], Value::Null, "{extra:?}");
        let secs = doc["sections"].as_array().unwrap();
        assert_eq!(secs.len(), 1, "{extra:?}");
        assert_eq!(secs[0]["heading"], Value::Null, "{extra:?}");
        assert_eq!(
            (secs[0]["paragraphs"].as_u64(), secs[0]["sentences"].as_u64()),
            (Some(2), Some(2))
        );

        let m = mentions(extra);
        assert_eq!(country_ids(&m), ["country:IND", "country:PAK", "country:RUS", "country:USA"]);
        // spans are byte offsets into the original file: the United States' span holds the
        // line break between its two words
        for x in &m {
            let (s, e) =
                (x["start"].as_u64().unwrap() as usize, x["end"].as_u64().unwrap() as usize);
            let raw = std::str::from_utf8(&bytes[s..e]).unwrap();
            assert_eq!(raw, x["surface"].as_str().unwrap(), "{extra:?}");
            if x["id"] == "country:USA" {
                assert_eq!(raw, "الولايات\nالمتحدة");
                // "أعلنت وزارة الخارجية في الهند أن " is 6 words: 5 + 5 + 8 + 2 + 5 + 2
                // letters, 2 bytes each, and 6 spaces: 27 × 2 + 6 = 60
                assert_eq!((s, e), (60, 60 + 16 + 1 + 14));
            }
        }
    }
}

#[test]
fn case20_hard_keeps_every_line_a_paragraph() {
    // `hard` (the old reading): each of the 5 lines is a paragraph of one sentence, the first
    // line (8 words, no end mark) is taken as the title, and `الولايات` / `المتحدة` fall in
    // two sentences, so the United States is not found.
    let v = sections(&["--line-breaks", "hard"]);
    assert_eq!(v["corpus"]["sentences"], 5);
    assert_ne!(v["documents"][0]["title"], Value::Null);
    let m = mentions(&["--line-breaks", "hard"]);
    assert_eq!(country_ids(&m), ["country:IND", "country:PAK", "country:RUS"]);
}

#[test]
fn case20_same_output_for_any_thread_count() {
    let path = case(CASE);
    let run =
        |j: &str| tahlil(&["cooc", "--min-count", "1", "--format", "json", "-j", j, &path]).stdout;
    assert_eq!(run("1"), run("2"));
}

/// The `text` and `title` fields of every line of a JSONL file.
fn jsonl_docs(path: &std::path::Path) -> Vec<(String, Option<String>, String)> {
    let data = std::fs::read_to_string(path).expect("read corpus");
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("JSON line");
            (
                v["id"].as_str().unwrap_or("").to_string(),
                v["title"].as_str().map(str::to_string),
                v["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn auto_changes_no_ant_document_and_joins_easc_wrapped_articles() {
    let Some(corpora) = shared_corpora() else {
        eprintln!("line_breaks: ../shared/corpora is absent; corpus checks skipped");
        return;
    };
    // each document parsed as the library reads it alone, and as the commands read a record
    // by default: its title field put in front of the text as its first line
    let parse = |title: &Option<String>, text: &str, line_breaks| {
        let alone = structure::parse(
            text,
            &StructureOptions {
                line_breaks,
                has_title_field: title.is_some(),
                ..Default::default()
            },
        );
        let headline = title.as_ref().map(|t| {
            let joined = format!("{}\n{text}", t.split_whitespace().collect::<Vec<_>>().join(" "));
            let opts = StructureOptions {
                line_breaks,
                has_title_field: true,
                title_line: true,
                ..Default::default()
            };
            structure::parse(&joined, &opts)
        });
        (alone, headline)
    };
    // ANT: one paragraph per line; `auto` must parse every article exactly as `hard`
    let mut ant = 0;
    for src in ["alarabia", "bbc", "cnn", "france24", "skynews"] {
        for (id, title, text) in jsonl_docs(&corpora.join(format!("ant-multisource/{src}.jsonl"))) {
            ant += 1;
            assert_eq!(
                parse(&title, &text, LineBreaks::Auto),
                parse(&title, &text, LineBreaks::Hard),
                "{id}"
            );
        }
    }
    assert_eq!(ant, 31_525);
    // the Quran: one verse per line, no end marks: never joined
    let quran = jsonl_docs(&corpora.join("quran-uthmani/quran.jsonl"));
    assert_eq!(quran.len(), 114);
    for (id, title, text) in &quran {
        assert_eq!(
            parse(title, text, LineBreaks::Auto),
            parse(title, text, LineBreaks::Hard),
            "{id}"
        );
    }
    // EASC: 42 of the 153 articles are hard-wrapped newspaper text (every line at most 160
    // characters, most ending mid-sentence); the other 111 are one paragraph per line and
    // have longer lines
    let easc = jsonl_docs(&corpora.join("easc/easc.jsonl"));
    assert_eq!(easc.len(), 153);
    let mut joined = 0;
    for (id, title, text) in &easc {
        let auto = parse(title, text, LineBreaks::Auto);
        let short_lines = text.lines().all(|l| l.trim().chars().count() <= 160);
        if short_lines {
            joined += 1;
            assert_eq!(auto, parse(title, text, LineBreaks::Soft), "{id}");
            assert_ne!(auto, parse(title, text, LineBreaks::Hard), "{id}");
        } else {
            assert_eq!(auto, parse(title, text, LineBreaks::Hard), "{id}");
        }
    }
    assert_eq!(joined, 42);
}
