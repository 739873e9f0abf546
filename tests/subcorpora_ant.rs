//! Issue 16's acceptance items on the ANT corpus (../shared/corpora/ant-multisource), run
//! through the command line. Skipped, with a message on stderr, when the corpus is absent.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::tahlil;
use std::path::Path;

const ANT: &str = "../shared/corpora/ant-multisource";

fn ant() -> bool {
    let ok = Path::new(env!("CARGO_MANIFEST_DIR")).join(ANT).is_dir();
    if !ok {
        eprintln!("subcorpora_ant: {ANT} is absent; skipping the ANT acceptance checks");
    }
    ok
}

/// Every ANT record as JSON, for filters written the way a Python user would.
fn records() -> Vec<serde_json::Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(ANT);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        for line in std::fs::read_to_string(f).unwrap().lines() {
            if !line.trim().is_empty() {
                out.push(serde_json::from_str(line).unwrap());
            }
        }
    }
    out
}

#[test]
fn where_source_and_category_counts_as_a_jsonl_filter() {
    if !ant() {
        return;
    }
    let recs = records();
    // Python: sum(d['source'] == 'BBC' and d['category'] == 'internationalNews') = 1220
    let want = recs
        .iter()
        .filter(|d| d["source"] == "BBC" && d["category"] == "internationalNews")
        .count() as u64;
    assert_eq!(want, 1220);
    let r = tahlil(&[
        "stats",
        ANT,
        "--where",
        "source=BBC",
        "--where",
        "category=internationalNews",
        "--format",
        "json",
        "--top",
        "5",
        "-q",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    assert_eq!(v["corpus"]["documents"].as_u64(), Some(want));
    assert_eq!(v["corpus"]["filtered"].as_u64(), Some(recs.len() as u64 - want));
}
