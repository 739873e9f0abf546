//! Issue 13's drift bugs, each pinned: `cooc --by FIELD --format jsonl` keeps the groups
//! (as CSV does); `sections --format markdown` escapes corpus text (as `report --format
//! markdown` does); a table written with `-o FILE` is never wrapped; the JSON `options` is
//! one envelope, complete and identical in its shared keys across commands.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use serde_json::Value;

/// Three records, two sources. Sentences (one per record, ". " splits none here):
/// - a1 (source a): الهند and الصين → one edge IND–CHN in group a;
/// - a2 (source a): الهند and باكستان → one edge IND–PAK in group a;
/// - b1 (source b): الصين and باكستان → one edge CHN–PAK in group b.
fn grouped_corpus(dir: &std::path::Path) -> String {
    let p = dir.join("news.jsonl");
    let lines = [
        r#"{"id":"a1","source":"a","text":"زار وزير الهند الصين أمس"}"#,
        r#"{"id":"a2","source":"a","text":"تحدث رئيس الهند مع باكستان"}"#,
        r#"{"id":"b1","source":"b","text":"اتفقت الصين مع باكستان"}"#,
    ];
    std::fs::write(&p, lines.join("\n") + "\n").unwrap();
    p.display().to_string()
}

fn jsonl(s: &str) -> Vec<Value> {
    s.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn cooc_by_jsonl_keeps_the_groups() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = grouped_corpus(dir.path());
    let args = ["cooc", &corpus, "-q", "--by", "source", "--min-count", "1"];
    let lines = tahlil(&[&args[..], &["--format", "jsonl"]].concat());
    assert_eq!(lines.code, 0, "{}", lines.stderr);
    let rows = jsonl(&lines.stdout);
    // by hand (see grouped_corpus): group a has IND–CHN and IND–PAK, group b has CHN–PAK
    let got: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_string();
            (s("group"), s("source"), s("target"))
        })
        .collect();
    let e = |g: &str, a: &str, b: &str| (g.to_string(), a.to_string(), b.to_string());
    assert_eq!(
        got,
        vec![
            e("a", "country:CHN", "country:IND"),
            e("a", "country:IND", "country:PAK"),
            e("b", "country:CHN", "country:PAK"),
        ]
    );
    // `group` is the first key of every line, as in `stats --by`
    assert!(lines.stdout.lines().all(|l| l.starts_with(r#"{"group":"#)), "{}", lines.stdout);
    // the same rows as CSV (one per edge, group first)
    let csv = tahlil(&[&args[..], &["--format", "csv"]].concat());
    let csv_rows: Vec<&str> = csv.stdout.lines().skip(1).collect();
    assert_eq!(csv_rows.len(), 3, "{}", csv.stdout);
    assert!(csv_rows[0].starts_with("a,country:CHN,country:IND,"), "{}", csv.stdout);
    assert!(csv_rows[2].starts_with("b,country:CHN,country:PAK,"), "{}", csv.stdout);
}

#[test]
fn sections_markdown_escapes_corpus_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("doc.txt");
    // a title line with markup, then a paragraph whose sentence holds HTML, emphasis and a
    // link: all are corpus text and must come out inert
    std::fs::write(
        &p,
        "عنوان *مهم* <b>\n\nقال الوزير إن <b>الهند</b> و*الصين* [رابط](http://example.com) شريكان مهمان في المنطقة كلها.\n",
    )
    .unwrap();
    let run = tahlil(&["sections", p.to_str().unwrap(), "-q", "--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = &run.stdout;
    assert!(!md.contains("<b>"), "raw HTML in the Markdown:\n{md}");
    assert!(!md.contains("*الصين*"), "live emphasis in the Markdown:\n{md}");
    assert!(!md.contains("[رابط](http"), "live link in the Markdown:\n{md}");
    assert!(md.contains("\\<b\\>الهند\\</b\\>"), "{md}");
    assert!(md.contains("\\*الصين\\*"), "{md}");
    assert!(md.contains("\\[رابط\\](http://example.com)"), "{md}");
    assert!(md.contains("## عنوان \\*مهم\\* \\<b\\>"), "{md}");
}

#[test]
fn table_to_a_file_is_never_wrapped() {
    use tahlil::report::Wrap;
    use tahlil::report::table::render_wrapped;
    // a file never gets terminal wrapping, whatever stdout is
    assert_eq!(Wrap::for_output(true), Wrap::None);
    // an unwrapped cell of 300 characters stays on one line
    let long = "ب".repeat(300);
    let t = render_wrapped(&["a", "b"], [vec!["x".to_string(), long.clone()]], &[], Wrap::None);
    assert_eq!(t.lines().count(), 5, "{t}"); // top, header, separator, the row, bottom
    assert!(t.lines().any(|l| l.contains(&long)), "{t}");
    // and through the CLI: the sections table written with -o holds whole cells
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sections.txt");
    let run = tahlil(&[
        "sections",
        "data/corpus",
        "-q",
        "--format",
        "table",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = std::fs::read_to_string(&out).unwrap();
    // one line per section (the JSON report counts them), plus the top border, the header,
    // its separator and the bottom border: no cell was wrapped onto a second line
    let json = tahlil(&["sections", "data/corpus", "-q", "--format", "json"]).json();
    let sections: usize = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["sections"].as_array().unwrap().len())
        .sum();
    assert!(sections > 1);
    assert_eq!(file.lines().count(), sections + 4, "{file}");
    // and it is the table written to a pipe, byte for byte
    let piped = tahlil(&["sections", "data/corpus", "-q", "--format", "table"]);
    assert_eq!(file, piped.stdout);
}

/// The shared option keys, in order, in every command's JSON `options`.
const SHARED: &[&str] = &[
    "command",
    "normalize",
    "superscript_alef",
    "segment",
    "stem",
    "stopwords",
    "numbers",
    "headings",
    "visual_lines",
    "by",
];

#[test]
fn options_one_envelope_for_every_command() {
    let mut shared_values = Vec::new();
    for cmd in ["stats", "cooc", "sections", "mentions"] {
        let run = tahlil(&[
            cmd,
            "data/corpus",
            "-q",
            "--format",
            "json",
            "--no-numbers",
            "--stem",
            "light",
        ]);
        assert_eq!(run.code, 0, "{cmd}: {}", run.stderr);
        // key order as written (serde_json's Map sorts keys, so look at the text)
        let at = |key: &str, indent: &str, from: usize| {
            run.stdout[from..].find(&format!("\n{indent}\"{key}\":")).map(|i| i + from)
        };
        let top: Vec<Option<usize>> = ["schema_version", "tool", "options", "corpus"]
            .iter()
            .map(|k| at(k, "  ", 0))
            .collect();
        assert!(top.iter().all(Option::is_some), "{cmd}: {top:?}");
        assert!(top.windows(2).all(|w| w[0] < w[1]), "{cmd}: {top:?}");
        let options_at = top[2].unwrap();
        let shared: Vec<Option<usize>> = SHARED.iter().map(|k| at(k, "    ", options_at)).collect();
        assert!(shared.iter().all(Option::is_some), "{cmd}: {shared:?}");
        assert!(shared.windows(2).all(|w| w[0] < w[1]), "{cmd}: {shared:?}");
        assert!(shared.last().unwrap().unwrap() < top[3].unwrap(), "{cmd}");
        let v = run.json();
        assert_eq!(v["schema_version"], 1, "{cmd}");
        let o = v["options"].as_object().unwrap();
        assert_eq!(o["command"], cmd);
        // the values asked for, in every command (cooc used to omit stem and numbers)
        assert_eq!(o["stem"], "light", "{cmd}");
        assert_eq!(o["numbers"], false, "{cmd}");
        assert_eq!(o["stopwords"], "default", "{cmd}");
        let shared: Vec<&Value> = SHARED[1..].iter().map(|k| &o[*k]).collect();
        shared_values.push(serde_json::to_string(&shared).unwrap());
        let lexicon = ["lexicons", "builtin", "capitals", "count_ambiguous"];
        for k in lexicon {
            assert_eq!(o.contains_key(k), cmd != "stats", "{cmd}: {k}");
        }
    }
    shared_values.dedup();
    assert_eq!(shared_values.len(), 1, "{shared_values:?}");
}
