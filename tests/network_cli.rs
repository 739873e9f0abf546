//! `tahlil mentions`, `cooc`, `sections` and `lexicon` end to end: the sample article, the
//! shared cases that concern them, hand-computed measures, graph formats, thread counts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeMap;

const SAMPLE: &str = "data/corpus";
const SAMPLE_FILE: &str = "data/corpus/india-central-asia.txt";

fn jsonl(s: &str) -> Vec<Value> {
    s.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// Counted (non-ambiguous) mentions per id.
fn mention_counts(rows: &[Value]) -> BTreeMap<String, u64> {
    let mut m = BTreeMap::new();
    for r in rows {
        if r["ambiguous"] == false {
            *m.entry(r["id"].as_str().unwrap().to_string()).or_default() += 1;
        }
    }
    m
}

fn mentions_of(file: &str) -> BTreeMap<String, u64> {
    let run = tahlil(&["mentions", file, "--format", "jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    mention_counts(&jsonl(&run.stdout))
}

#[test]
fn sample_mentions() {
    let run = tahlil(&["mentions", SAMPLE, "--format", "jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = jsonl(&run.stdout);
    let c = mention_counts(&rows);
    // India: الهند 9 times as a bare word (grep -o), no cliticised forms in the article
    assert_eq!(c.get("country:IND"), Some(&9));
    for id in
        ["country:KAZ", "country:KGZ", "country:TJK", "country:TKM", "country:UZB", "country:AFG"]
    {
        assert!(c.contains_key(id), "{id}");
    }
    for id in ["region:central-asia", "region:south-asia", "region:middle-east", "region:europe"] {
        assert!(c.contains_key(id), "{id}");
    }
    assert!(!c.contains_key("region:asia"), "every آسيا belongs to a longer name");
    // every surface is the original text at start..end (byte offsets)
    let text = std::fs::read(SAMPLE_FILE).unwrap();
    for r in &rows {
        let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        assert_eq!(std::str::from_utf8(&text[s..e]).unwrap(), r["surface"].as_str().unwrap());
    }
    // the Uzbekistan mention carries its و in the text but is found
    assert!(rows.iter().any(|r| r["id"] == "country:UZB" && r["surface"] == "وأوزبكستان"));
}

#[test]
fn mentions_filters() {
    let run = tahlil(&["mentions", SAMPLE, "--format", "jsonl", "--kind", "region"]);
    assert!(jsonl(&run.stdout).iter().all(|r| r["kind"] == "region"));
    let run = tahlil(&["mentions", SAMPLE, "--format", "jsonl", "--id", "country:IND,country:AFG"]);
    let c = mention_counts(&jsonl(&run.stdout));
    assert_eq!(c.keys().cloned().collect::<Vec<_>>(), ["country:AFG", "country:IND"]);
    let run = tahlil(&["mentions", SAMPLE, "--format", "csv", "--id", "country:AFG"]);
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next(),
        Some(
            "doc,section,paragraph,sentence,start,end,surface,id,kind,label_ar,label_en,ambiguous"
        )
    );
    assert_eq!(lines.count(), 1);
}

#[test]
fn sample_cooc_edges_with_measures_and_evidence() {
    let run =
        tahlil(&["cooc", SAMPLE, "--unit", "sentence", "--min-count", "1", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    for key in ["tool", "options", "corpus", "nodes", "edges"] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert_eq!(v["options"]["min_count"], 1);
    let units = v["corpus"]["units"].as_u64().unwrap();
    assert_eq!(units, v["corpus"]["sentences"].as_u64().unwrap());
    // which sentences mention which ids, from `mentions`
    let rows = jsonl(&tahlil(&["mentions", SAMPLE, "--format", "jsonl"]).stdout);
    let in_sentence = |id: &str, s: u64| {
        rows.iter().any(|r| r["id"] == id && r["sentence"] == s && r["ambiguous"] == false)
    };
    for theme in ["theme:terrorism", "theme:cyber-security"] {
        let e = v["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["source"] == "country:IND" && e["target"] == theme)
            .unwrap_or_else(|| panic!("no edge IND–{theme}"));
        for m in ["units", "jaccard", "dice", "pmi", "npmi", "llr"] {
            assert!(e[m].is_number(), "{m}");
        }
        let ev = e["evidence"].as_array().unwrap();
        assert!(!ev.is_empty() && ev.len() <= 3);
        for x in ev {
            let s = x["sentence"].as_u64().unwrap();
            assert!(
                in_sentence("country:IND", s) && in_sentence(theme, s),
                "sentence {s} lacks one end of {theme}"
            );
            assert!(x["text"].as_str().unwrap().contains("الهند"));
        }
        // the measures agree with the node counts: recompute PMI from n_ab, n_a, n_b, N
        let node_units = |id: &str| {
            v["nodes"].as_array().unwrap().iter().find(|n| n["id"] == id).unwrap()["units"]
                .as_f64()
                .unwrap()
        };
        let (nab, na, nb, n) = (
            e["units"].as_f64().unwrap(),
            node_units("country:IND"),
            node_units(theme),
            units as f64,
        );
        assert!((e["pmi"].as_f64().unwrap() - (nab * n / (na * nb)).log2()).abs() < 1e-9);
    }
}

fn temp_corpus(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn cooc_measures_hand_computed_by_document() {
    // 5 documents: EGY+TUN, EGY+TUN, EGY, LBY, LBY → N = 5, n_EGY = 3, n_TUN = 2, n_ab = 2.
    // Jaccard = 2/(3+2−2) = 2/3; Dice = 4/5; PMI = log2(2·5/(3·2)) = 0.7369655941662062;
    // NPMI = PMI / −log2(2/5) = 0.5574929506502402;
    // 2×2 table O = [2 1; 0 2], rows 3, 2, columns 2, 3, E = [1.2 1.8; 0.8 1.2]:
    // G² = 2(2 ln(2/1.2) + ln(1/1.8) + 2 ln(2/1.2)) = 2.9110316603236877.
    let dir = temp_corpus(&[
        ("1.txt", "زار وفد من مصر تونس"),
        ("2.txt", "مصر وتونس"),
        ("3.txt", "في مصر"),
        ("4.txt", "ليبيا"),
        ("5.txt", "ليبيا اليوم"),
    ]);
    let v =
        tahlil(&["cooc", dir.path().to_str().unwrap(), "--unit", "document", "--format", "json"])
            .json();
    assert_eq!(v["corpus"]["units"], 5);
    assert_eq!(v["options"]["min_count"], 2, "a corpus defaults to min-count 2");
    let edges = v["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1);
    let e = &edges[0];
    assert_eq!(
        (e["source"].as_str(), e["target"].as_str()),
        (Some("country:EGY"), Some("country:TUN"))
    );
    assert_eq!(e["units"], 2);
    let close =
        |k: &str, x: f64| assert!((e[k].as_f64().unwrap() - x).abs() < 1e-9, "{k} = {}", e[k]);
    close("jaccard", 2.0 / 3.0);
    close("dice", 0.8);
    close("pmi", 0.7369655941662062);
    close("npmi", 0.5574929506502402);
    close("llr", 2.9110316603236877);
}

#[test]
fn cooc_units_paragraph_section_window() {
    // one document, two paragraphs: "مصر وتونس. ليبيا" / "الجزائر"
    let dir = temp_corpus(&[("a.txt", "مصر وتونس. ليبيا\nالجزائر والمغرب ومصر")]);
    let d = dir.path().to_str().unwrap();
    let get = |unit: &str| {
        tahlil(&["cooc", d, "--unit", unit, "--format", "json", "--min-count", "1"]).json()
    };
    // sentences: [مصر تونس] [ليبيا] [الجزائر المغرب مصر] → N = 3
    assert_eq!(get("sentence")["corpus"]["units"], 3);
    // paragraphs: N = 2; EGY in both
    let p = get("paragraph");
    assert_eq!(p["corpus"]["units"], 2);
    let egy =
        p["nodes"].as_array().unwrap().iter().find(|n| n["id"] == "country:EGY").unwrap().clone();
    assert_eq!((egy["count"].as_u64(), egy["units"].as_u64()), (Some(2), Some(2)));
    // document: one unit, every pair once
    let doc = get("document");
    assert_eq!(doc["corpus"]["units"], 1);
    assert_eq!(doc["edges"].as_array().unwrap().len(), 10, "5 countries → 10 pairs");
    // window:2 over 6 tokens: 5 windows; مصر(0) تونس(1) | ليبيا(2) | الجزائر(3) المغرب(4) مصر(5)
    let w = get("window:2");
    assert_eq!(w["corpus"]["units"], 5);
    let pair = |v: &Value, a: &str, b: &str| {
        v["edges"].as_array().unwrap().iter().any(|e| e["source"] == a && e["target"] == b)
    };
    assert!(pair(&w, "country:EGY", "country:TUN"));
    assert!(pair(&w, "country:LBY", "country:TUN"), "window [1,2] spans the sentence end");
    assert!(pair(&w, "country:DZA", "country:MAR"));
    assert!(!pair(&w, "country:DZA", "country:EGY"), "tokens 3 and 5 never share a window of 2");
    assert_eq!(tahlil(&["cooc", d, "--unit", "window:1"]).code, 2);
    assert_eq!(tahlil(&["cooc", d, "--unit", "chapter"]).code, 2);
}

#[test]
fn cooc_graph_formats_parse() {
    for fmt in ["graphml", "gexf"] {
        let run = tahlil(&["cooc", SAMPLE, "--min-count", "1", "--format", fmt]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let mut reader = quick_xml::Reader::from_str(&run.stdout);
        let mut depth = 0i32;
        let mut nodes = 0;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Start(e)) => {
                    depth += 1;
                    if e.name().as_ref() == "node" {
                        nodes += 1;
                    }
                }
                Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                Ok(_) => {}
                Err(e) => panic!("{fmt} is not well-formed XML: {e}"),
            }
        }
        assert_eq!(depth, 0);
        assert!(nodes >= 10, "{fmt}: {nodes} nodes");
        assert!(run.stdout.contains("الهند"));
    }
    let run = tahlil(&["cooc", SAMPLE, "--min-count", "1", "--format", "dot"]);
    assert!(run.stdout.starts_with("graph cooc {"));
    match std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    {
        Ok(mut child) => {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(run.stdout.as_bytes()).unwrap();
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "dot -Tsvg failed");
            assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
        }
        Err(_) => eprintln!("SKIPPED: graphviz `dot` is not installed; .ci/run installs it"),
    }
}

#[test]
fn cooc_and_sections_identical_for_any_thread_count() {
    let mut files = Vec::new();
    for i in 0..30 {
        files.push((
            format!("d{i:02}.txt"),
            format!("عنوان الخبر {i}\nزار وفد من مصر تونس لبحث مكافحة الإرهاب {i}. وناقش الهجمات الإلكترونية مع الهند.\nثم سافر إلى {}.", ["ليبيا", "الجزائر", "إيران"][i % 3]),
        ));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let dir = temp_corpus(&refs);
    let d = dir.path().to_str().unwrap();
    for args in [
        vec!["cooc", d, "--format", "json"],
        vec!["cooc", d, "--format", "json", "--unit", "window:5"],
        vec!["sections", d, "--format", "json"],
        vec!["mentions", d, "--format", "jsonl"],
    ] {
        let mut one = args.clone();
        one.extend(["-j", "1"]);
        let a = tahlil(&one);
        assert_eq!(a.code, 0, "{}", a.stderr);
        // Several runs per thread count: which worker gets which document varies by run.
        for j in ["2", "3", "4", "4", "4"] {
            let mut many = args.clone();
            many.extend(["-j", j]);
            assert_eq!(a.stdout, tahlil(&many).stdout, "{args:?} -j {j}");
        }
    }
}

#[test]
fn sample_sections() {
    let run = tahlil(&["sections", SAMPLE, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    let text = std::fs::read_to_string(SAMPLE_FILE).unwrap();
    assert_eq!(d["title"].as_str(), text.lines().next());
    let secs = d["sections"].as_array().unwrap();
    let headings: Vec<Option<&str>> = secs.iter().map(|s| s["heading"].as_str()).collect();
    assert_eq!(
        headings,
        [
            None,
            Some("البنية التحتية الرقمية تُشكل أساس التنمية"),
            Some("الالتزامات بمكافحة الإرهاب والجرائم الإلكترونية")
        ]
    );
    let paragraphs: Vec<u64> = secs.iter().map(|s| s["paragraphs"].as_u64().unwrap()).collect();
    assert_eq!(paragraphs, [3, 2, 1]);
    // tokens of the sections plus the 12 of the headline add up to the 347 of `stats`
    let tokens: u64 = secs.iter().map(|s| s["tokens"].as_u64().unwrap()).sum();
    assert_eq!(tokens + 12, 347);
    // every key sentence is a verbatim substring of its own section
    let lines: Vec<&str> = text.lines().collect();
    let section_text = [lines[1..4].join("\n"), lines[4..7].join("\n"), lines[7..9].join("\n")];
    for (s, own) in secs.iter().zip(section_text.iter()) {
        let summary = s["summary"].as_array().unwrap();
        assert_eq!(summary.len(), 2);
        for k in summary {
            assert!(own.contains(k.as_str().unwrap()), "{k}");
        }
    }
    let countries: Vec<&str> = secs[0]["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    for id in
        ["country:IND", "country:KAZ", "country:KGZ", "country:TJK", "country:TKM", "country:UZB"]
    {
        assert!(countries.contains(&id), "{id}");
    }
    assert!(!secs[1]["top_terms"].as_array().unwrap().is_empty());
    // the document summary is the sections' key sentences in order
    assert_eq!(d["summary"].as_array().unwrap().len(), 6);
}

#[test]
fn sections_formats() {
    let run = tahlil(&["sections", SAMPLE, "--format", "jsonl"]);
    let rows = jsonl(&run.stdout);
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r["doc"] == "india-central-asia.txt"));
    let run = tahlil(&["sections", SAMPLE, "--format", "markdown"]);
    assert!(run.stdout.contains("### البنية التحتية الرقمية تُشكل أساس التنمية"));
    let run = tahlil(&["sections", SAMPLE, "--summary-ratio", "40%", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(tahlil(&["sections", SAMPLE, "--summary-ratio", "abc"]).code, 2);
    let run = tahlil(&["sections", SAMPLE, "--format", "table"]);
    assert!(run.stdout.contains("الالتزامات"));
}

#[test]
fn case06_bidi_mentions() {
    assert_eq!(mentions_of(&case("06-bidi-controls.input")).get("country:EGY"), Some(&4));
}

#[test]
fn case08_sentences_and_mentions() {
    assert_eq!(mentions_of(&case("08-arabic-sentence-ends.input")).get("country:EGY"), Some(&1));
    let sentences = |f: &str| {
        let v =
            tahlil(&["sections", &case(f), "--format", "json", "--summary-sentences", "10"]).json();
        v["corpus"]["sentences"].as_u64().unwrap()
    };
    assert_eq!(sentences("08-arabic-sentence-ends.input"), 5);
    assert_eq!(sentences("08-arabic-sentence-ends.full-stop-06d4.input"), 2);
    // the key sentences come back verbatim: `؟!` stays with its sentence
    let v = tahlil(&[
        "sections",
        &case("08-arabic-sentence-ends.input"),
        "--format",
        "json",
        "--summary-sentences",
        "10",
    ])
    .json();
    let all: Vec<&str> = v["documents"][0]["summary"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(all, ["هل زرت مصر؟", "نعم زرتها.", "يا لها من رحلة!", "حقا؟!", "طبعا."]);
}

#[test]
fn case09_clitic_mentions() {
    let run = tahlil(&["mentions", &case("09-attached-clitics.input"), "--format", "jsonl"]);
    let rows = jsonl(&run.stdout);
    let egy: Vec<&str> = rows
        .iter()
        .filter(|r| r["id"] == "country:EGY")
        .map(|r| r["surface"].as_str().unwrap())
        .collect();
    assert_eq!(egy, ["مصر", "ومصر", "بمصر", "لمصر"]);
    assert!(!rows.iter().any(|r| r["surface"] == "المصرف"));
}

#[test]
fn case12_zero_tokens_all_commands() {
    for f in ["12-zero-tokens.input", "12-zero-tokens.empty.input", "12-zero-tokens.bom-crlf.input"]
    {
        for cmd in ["sections", "cooc", "mentions"] {
            let run = tahlil(&[cmd, &case(f), "--format", "json"]);
            assert_eq!(run.code, 0, "{cmd} {f}: {}", run.stderr);
            assert!(!run.stdout.contains("NaN") && !run.stdout.contains("inf"));
            let v = run.json();
            assert_eq!(v["corpus"]["documents"], 1);
            assert_eq!(v["corpus"]["tokens"], 0);
            assert_eq!(run.stderr_lines(), 1, "{cmd} {f}: {}", run.stderr);
        }
    }
}

#[test]
fn case13_mentions_and_sections_line_breaks() {
    let c = mentions_of(&case("13-line-endings-whitespace.input"));
    for id in ["country:DZA", "country:EGY", "country:LBY", "country:MAR", "country:TUN"] {
        assert_eq!(c.get(id), Some(&1), "{id}");
    }
    let strip = |f: &str| {
        let mut v =
            tahlil(&["sections", &case(f), "--format", "json", "--headings", "none"]).json();
        v["corpus"]["bytes"] = Value::Null;
        v["documents"][0]["id"] = Value::Null;
        v["documents"][0]["path"] = Value::Null;
        (v["corpus"]["sentences"].clone(), v["documents"].clone())
    };
    let (crlf, lf) =
        (strip("13-line-endings-whitespace.input"), strip("13-line-endings-whitespace.lf.input"));
    assert_eq!(crlf, lf);
    let with_headings = |f: &str| {
        let v = tahlil(&["sections", &case(f), "--format", "json"]).json();
        (
            v["corpus"]["sentences"].clone(),
            v["documents"][0]["sections"].clone(),
            v["documents"][0]["title"].clone(),
        )
    };
    assert_eq!(
        with_headings("13-line-endings-whitespace.input"),
        with_headings("13-line-endings-whitespace.lf.input")
    );
    // 4 non-empty lines; the first is taken as a title only when it looks like a headline,
    // the rest are paragraphs: sentences 4 in all
    assert_eq!(crlf.0, 4);
}

#[test]
fn case14_mentions_ignore_urls() {
    let run = tahlil(&["mentions", &case("14-hashtag-url-email-mixed.input"), "--format", "jsonl"]);
    let rows = jsonl(&run.stdout);
    assert_eq!(rows.iter().filter(|r| r["id"] == "country:EGY").count(), 1);
    assert_eq!(rows[0]["surface"], "مصر");
    assert!(rows[0]["start"].as_u64().unwrap() < 10, "from the hashtag, not the URL");
}

#[test]
fn lexicon_list_and_check() {
    let run = tahlil(&["lexicon", "list", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    let entries = v["entries"].as_array().unwrap();
    assert!(entries.len() >= 250 + 12 + 10);
    assert!(entries.iter().any(|e| e["id"] == "theme:cyber-security"));
    let dir = temp_corpus(&[
        ("good.tsv", "person:khan\tperson\tعمران خان\tImran Khan\tعمران خان|خان\n"),
        ("bad.tsv", "# comment\nperson:x\tperson\tس\tX\n"),
    ]);
    let good = dir.path().join("good.tsv");
    let bad = dir.path().join("bad.tsv");
    let run = tahlil(&["lexicon", "check", good.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("ok: 1 entries"));
    let run = tahlil(&["lexicon", "check", bad.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("bad.tsv:2:"), "{}", run.stdout);
    // a user lexicon with the built-ins dropped
    let text = dir.path().join("t.txt");
    std::fs::write(&text, "قال عمران خان إن باكستان").unwrap();
    let run = tahlil(&[
        "mentions",
        text.to_str().unwrap(),
        "--no-builtin",
        "--lexicon",
        good.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    let rows = jsonl(&run.stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], "person:khan");
    assert_eq!(rows[0]["surface"], "عمران خان");
    // a broken lexicon stops the run with its file and line, exit 2
    let run = tahlil(&["mentions", text.to_str().unwrap(), "--lexicon", bad.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad.tsv:2"), "{}", run.stderr);
}

#[test]
fn unknown_kinds_and_ids_are_usage_errors() {
    // A misspelt filter must not give an empty network or list with exit 0.
    for args in [
        vec!["cooc", SAMPLE, "--nodes", "bogus"],
        vec!["cooc", SAMPLE, "--nodes", "country,themes"],
        vec!["mentions", SAMPLE, "--kind", "bogus"],
        vec!["mentions", SAMPLE, "--id", "country:XXX"],
        vec!["mentions", SAMPLE, "--by", "source"],
    ] {
        let run = tahlil(&args);
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}");
    }
    // `all` is the documented default: the same network as no filter.
    let all = tahlil(&["cooc", SAMPLE, "--nodes", "all", "--format", "json"]).json();
    let none = tahlil(&["cooc", SAMPLE, "--format", "json"]).json();
    assert_eq!(all["edges"], none["edges"]);
    assert!(!none["edges"].as_array().unwrap().is_empty());
}
