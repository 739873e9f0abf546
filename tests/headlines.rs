//! Issue 11, item 1: the title field of a JSONL/CSV record is the document's headline,
//! analysed exactly as the first line of a `.txt` file; `--title-field none` turns it off.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

const TITLE: &str = "الهند والصين توقعان اتفاقا";
const BODY: &str = "زار وزير الهند بكين.\nوقال إن الصين شريك.";

/// Writes the article as `a.txt` (title line + text), `a.jsonl` (one record) and `a.csv`.
fn article(dir: &Path, title: &str, body: &str) {
    std::fs::write(dir.join("a.txt"), format!("{title}\n{body}")).unwrap();
    let rec = serde_json::json!({"id": "a", "title": title, "text": body});
    std::fs::write(dir.join("a.jsonl"), format!("{rec}\n")).unwrap();
    let mut w = csv::Writer::from_path(dir.join("a.csv")).unwrap();
    w.write_record(["id", "title", "text"]).unwrap();
    w.write_record(["a", title, body]).unwrap();
    w.flush().unwrap();
}

fn run_json(args: &[&str]) -> Value {
    let run = tahlil(args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.json()
}

/// `cooc` edges without the evidence's document path (which names the file).
fn edges(v: &Value) -> Vec<Value> {
    let mut e = v["edges"].as_array().unwrap().clone();
    for x in &mut e {
        for ev in x["evidence"].as_array_mut().unwrap() {
            ev.as_object_mut().unwrap().remove("doc");
        }
    }
    e
}

#[test]
fn title_field_is_the_headline_sentence() {
    let dir = tempfile::tempdir().unwrap();
    article(dir.path(), TITLE, BODY);
    let p = |f: &str| dir.path().join(f).to_string_lossy().into_owned();
    // Worked by hand: the title الهند والصين توقعان اتفاقا is 4 tokens and 1 sentence; the
    // text has 2 sentences of 4 tokens (زار وزير الهند بكين / وقال إن الصين شريك) → 12
    // tokens, 3 sentences. Bytes: title 47 + line break 1 + text 73 = 121, as the .txt.
    let j = run_json(&["stats", &p("a.jsonl"), "--format", "json", "--top", "0"]);
    assert_eq!(j["corpus"]["tokens"], 12);
    assert_eq!(j["corpus"]["sentences"], 3);
    assert_eq!(j["corpus"]["bytes"], 121);
    let t = run_json(&["stats", &p("a.txt"), "--format", "json", "--top", "0"]);
    let c = run_json(&["stats", &p("a.csv"), "--format", "json", "--top", "0"]);
    assert_eq!(j["terms"], t["terms"]);
    assert_eq!(j["terms"], c["terms"]);
    assert_eq!(j["corpus"], t["corpus"]);
    // الهند: once in the title, once in the text
    assert_eq!(terms(&j).iter().find(|(k, _)| k == "الهند").map(|p| p.1), Some(2));

    // cooc: India and China share only the title sentence → one edge of 1 unit, the same
    // in all three formats
    let cj = run_json(&["cooc", &p("a.jsonl"), "--format", "json"]);
    let ct = run_json(&["cooc", &p("a.txt"), "--format", "json"]);
    let cc = run_json(&["cooc", &p("a.csv"), "--format", "json"]);
    let e = edges(&cj);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!((e[0]["source"].as_str(), e[0]["units"].as_u64()), (Some("country:CHN"), Some(1)));
    assert_eq!(e[0]["evidence"][0]["text"], TITLE);
    assert_eq!(e, edges(&ct));
    assert_eq!(e, edges(&cc));
    assert_eq!(cj["nodes"], ct["nodes"]);

    // --title-field none: the text alone: 8 tokens, 2 sentences, and no edge (India and
    // China are in different sentences)
    let n = run_json(&["stats", &p("a.jsonl"), "--format", "json", "--title-field", "none"]);
    assert_eq!(
        (n["corpus"]["tokens"].as_u64(), n["corpus"]["sentences"].as_u64()),
        (Some(8), Some(2))
    );
    let cn = run_json(&["cooc", &p("a.jsonl"), "--format", "json", "--title-field", "none"]);
    assert!(edges(&cn).is_empty());
}

#[test]
fn title_mentions_have_no_section_and_line_breaks_in_titles_are_spaces() {
    let dir = tempfile::tempdir().unwrap();
    // a title over two lines is one headline line: «الهند» and «والصين» in one sentence
    article(dir.path(), "الهند\nوالصين", BODY);
    let p = dir.path().join("a.jsonl").to_string_lossy().into_owned();
    let run = tahlil(&["mentions", &p, "--format", "jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    // 2 in the title, 2 in the text
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(rows[0]["surface"], "الهند");
    assert_eq!(rows[0]["section"], Value::Null);
    assert_eq!(rows[1]["surface"], "والصين");
    assert_eq!(rows[1]["section"], Value::Null);
    assert_eq!(rows[0]["sentence"], rows[1]["sentence"]);
    assert!(rows[2]["section"].is_number());
    let c = run_json(&["cooc", &p, "--format", "json"]);
    assert_eq!(edges(&c).len(), 1);
}

/// One ANT article (the first CNN record) as `.txt` and as a one-line `.jsonl`: identical
/// `stats --format json` terms and `cooc` edges.
#[test]
fn ant_article_as_txt_and_jsonl() {
    let Some(corpora) = shared_corpora() else {
        eprintln!("headlines: ../shared/corpora is absent; ANT article check skipped");
        return;
    };
    let data = std::fs::read_to_string(corpora.join("ant-multisource/cnn.jsonl")).unwrap();
    let line = data.lines().next().unwrap();
    let v: Value = serde_json::from_str(line).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (title, text) = (v["title"].as_str().unwrap(), v["text"].as_str().unwrap());
    article(dir.path(), title, text);
    std::fs::write(dir.path().join("a.jsonl"), format!("{line}\n")).unwrap();
    let p = |f: &str| dir.path().join(f).to_string_lossy().into_owned();
    let j = run_json(&["stats", &p("a.jsonl"), "--format", "json", "--top", "0"]);
    let t = run_json(&["stats", &p("a.txt"), "--format", "json", "--top", "0"]);
    assert_eq!(j["terms"], t["terms"]);
    assert_eq!(j["corpus"]["tokens"], t["corpus"]["tokens"]);
    assert_eq!(j["corpus"]["sentences"], t["corpus"]["sentences"]);
    let cj = run_json(&["cooc", &p("a.jsonl"), "--format", "json"]);
    let ct = run_json(&["cooc", &p("a.txt"), "--format", "json"]);
    assert!(!edges(&cj).is_empty());
    assert_eq!(edges(&cj), edges(&ct));
    eprintln!(
        "headlines: ANT {} as .txt and .jsonl: {} tokens, {} edges",
        v["id"],
        j["corpus"]["tokens"],
        edges(&cj).len()
    );
}
