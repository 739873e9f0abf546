//! The second round of shared failure cases (`../shared/cases` 16, 18–21, copied byte for
//! byte into `tests/fixtures/cases`), one test per expected result of each case's `.md`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use serde_json::Value;

/// `cooc --unit sentence --min-count 1 --format json FILE` and its country–country edges.
fn country_edges(file: &str, extra: &[&str]) -> (Value, Vec<(String, String)>) {
    let path = case(file);
    let mut args =
        vec!["cooc", "--unit", "sentence", "--min-count", "1", "--format", "json", path.as_str()];
    args.extend_from_slice(extra);
    let run = tahlil(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    let edges = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (e["source"].as_str().unwrap().to_string(), e["target"].as_str().unwrap().to_string())
        })
        .filter(|(a, b)| a.starts_with("country:") && b.starts_with("country:"))
        .collect();
    (v, edges)
}

/// `sections --format json FILE` (plus `extra`).
fn sections_json(file: &str, extra: &[&str]) -> Value {
    let path = case(file);
    let mut args = vec!["sections", "--format", "json", path.as_str()];
    args.extend_from_slice(extra);
    let run = tahlil(&args);
    assert_eq!((run.code, run.stderr_lines()), (0, 0), "{}", run.stderr);
    run.json()
}

// ---- 16-dagger-alef -------------------------------------------------------------------

#[test]
fn case16_dagger_alef_is_a_long_vowel() {
    // ذَٰلِكَ ٱلۡكِتَٰبُ هَٰذَا: U+0670 is ا in الكتاب and dropped in ذلك and هذا (words modern
    // spelling writes without it); never الكتب
    let (run, v) = stats_json("standard", &["16-dagger-alef.input"], &[]);
    assert_eq!((run.code, run.stderr_lines()), (0, 0), "{}", run.stderr);
    assert_eq!(v["corpus"]["tokens"], 3);
    assert_eq!(terms(&v), pairs(&[("الكتاب", 1), ("ذلك", 1), ("هذا", 1)]));
    let cps: Vec<String> = terms(&v).iter().map(|(t, _)| code_points(t)).collect();
    assert_eq!(cps, ["0627 0644 0643 062A 0627 0628", "0630 0644 0643", "0647 0630 0627"]);
    assert!(!run.stdout.contains("الكتب"));
}

#[test]
fn case16_rahman_variant() {
    // بسم الله الرحمن الرحيم / قال الرحمن علم القرآن: الرحمن 2 (no alef), القران 1 (ءَا is
    // آ, then the alef fold), الله 1; no token made of a mark alone
    let (run, v) = stats_json("standard", &["16-dagger-alef.rahman.input"], &[]);
    assert_eq!((run.code, run.stderr_lines()), (0, 0), "{}", run.stderr);
    assert_eq!(v["corpus"]["tokens"], 8);
    assert_eq!(
        terms(&v),
        pairs(&[
            ("الرحمن", 2),
            ("الرحيم", 1),
            ("القران", 1),
            ("الله", 1),
            ("بسم", 1),
            ("علم", 1),
            ("قال", 1)
        ])
    );
    for (t, _) in terms(&v) {
        assert!(t.chars().any(char::is_alphabetic), "{t}");
        assert!(!t.contains('\u{0670}'), "{t}");
    }
}

#[test]
fn case16_strip_option_keeps_the_old_rule() {
    let (_, v) =
        stats_json("standard", &["16-dagger-alef.input"], &["--superscript-alef", "strip"]);
    assert_eq!(terms(&v), pairs(&[("الكتب", 1), ("ذلك", 1), ("هذا", 1)]));
}

#[test]
fn case16_search_preset_and_idempotence_through_the_cli() {
    // the keys of the output, fed back in, give the same table (the rule is idempotent)
    let (_, v) = stats_json("search", &["16-dagger-alef.rahman.input"], &[]);
    let once = terms(&v);
    let text: String = once.iter().map(|(t, c)| format!("{t} ").repeat(*c as usize)).collect();
    let run = tahlil_stdin(
        &[
            "stats",
            "--stopwords",
            "none",
            "--normalize",
            "search",
            "--top",
            "0",
            "--format",
            "json",
        ],
        Some(text.as_bytes()),
    );
    assert_eq!(terms(&run.json()), once);
}

// ---- 18-era-markers ---------------------------------------------------------------------

#[test]
fn case18_era_letters_end_sentences() {
    // lines 1–3 two sentences each (1990 م. / 1445 هـ. / 300 ق.م. then a word), line 4 one
    // (د. أحمد is a title before a name): 7
    let v = sections_json("18-era-markers.input", &[]);
    assert_eq!(v["corpus"]["sentences"], 7);
    let (v, edges) = country_edges("18-era-markers.input", &[]);
    assert!(edges.is_empty(), "{edges:?}");
    // every country is still found (the sentences were cut, not lost)
    let nodes: Vec<&str> =
        v["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    for id in [
        "country:IND",
        "country:RUS",
        "country:EGY",
        "country:IRQ",
        "country:GRC",
        "country:TUR",
        "country:JOR",
    ] {
        assert!(nodes.contains(&id), "{id} in {nodes:?}");
    }
}

// ---- 19-line-separators -------------------------------------------------------------------

#[test]
fn case19_nel_vt_ff_ls_ps_are_line_ends() {
    // five lines, each cut in two by NEL, VT, FF, LS or PS: 10 sentences
    let v = sections_json("19-line-separators.input", &[]);
    assert_eq!(v["corpus"]["sentences"], 10);
    let (v, edges) = country_edges("19-line-separators.input", &[]);
    assert!(edges.is_empty(), "{edges:?}");
    let counts: Vec<(String, u64)> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap().to_string(), n["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(counts, [("country:IND".to_string(), 5), ("country:RUS".to_string(), 5)]);
    // words still separate at each of them: 5 × (زار الوزير الهند + وصل الوزير روسيا)
    let (_, v) = stats_json("standard", &["19-line-separators.input"], &[]);
    assert_eq!(v["corpus"]["tokens"], 30);
    assert_eq!(
        terms(&v),
        pairs(&[("الوزير", 10), ("الهند", 5), ("روسيا", 5), ("زار", 5), ("وصل", 5)])
    );
}

#[test]
fn case18_19_same_output_for_any_thread_count() {
    for file in ["18-era-markers.input", "19-line-separators.input"] {
        let path = case(file);
        let one =
            tahlil(&["cooc", "--min-count", "1", "--format", "json", "--threads", "1", &path]);
        let two =
            tahlil(&["cooc", "--min-count", "1", "--format", "json", "--threads", "2", &path]);
        assert_eq!(one.stdout, two.stdout, "{file}");
    }
}

// ---- 21-lexicon-spelling-variants ---------------------------------------------------------

/// The ids of `mentions --format jsonl FILE` (plus `extra`) as (line of the input, id), in
/// order; checks that every surface is the text at its byte span.
fn mention_ids_by_line(file: &str, extra: &[&str]) -> Vec<(usize, String)> {
    let path = case(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut args = vec!["mentions", "--format", "jsonl", path.as_str()];
    args.extend_from_slice(extra);
    let run = tahlil(&args);
    assert_eq!((run.code, run.stderr_lines()), (0, 0), "{}", run.stderr);
    run.stdout
        .lines()
        .map(|l| {
            let m: Value = serde_json::from_str(l).unwrap();
            let start = m["start"].as_u64().unwrap() as usize;
            let end = m["end"].as_u64().unwrap() as usize;
            assert_eq!(m["surface"].as_str().unwrap(), &text[start..end]);
            let line = text[..start].matches('\n').count() + 1;
            (line, m["id"].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn case21_regional_spellings_are_found() {
    // line 1: الهندى جيبوتى المصرى (final ى), الصين, وتشيلى; line 2: السعوديه, المملكه المتحده
    // (final ه); line 3: ڤيتنام وڤنزويلا (ڤ), وپاكستان وپولندا (پ)
    let want: Vec<(usize, String)> = [
        (1, "country:IND"),
        (1, "country:DJI"),
        (1, "country:EGY"),
        (1, "country:CHN"),
        (1, "country:CHL"),
        (2, "country:SAU"),
        (2, "country:GBR"),
        (3, "country:VNM"),
        (3, "country:VEN"),
        (3, "country:PAK"),
        (3, "country:POL"),
    ]
    .iter()
    .map(|&(l, id)| (l, id.to_string()))
    .collect();
    for preset in ["standard", "none", "search"] {
        let got = mention_ids_by_line(
            "21-lexicon-spelling-variants.input",
            &["--kind", "country", "--normalize", preset],
        );
        assert_eq!(got, want, "--normalize {preset}");
    }
}
