//! `tahlil report` end to end: the sample page, Markdown with its SVG, escaping, output
//! options, the network limits, determinism for any thread count, and the ANT corpus.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use std::path::Path;

const SAMPLE: &str = "data/corpus";
const SOURCES: [&str; 3] = ["alpha", "beta", "gamma"];

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// A JSONL corpus of `n` short articles from three sources, built from the sample's
/// sentences so that countries and themes co-occur.
fn jsonl_corpus(dir: &Path, n: usize) -> String {
    let text = std::fs::read_to_string("data/corpus/india-central-asia.txt").unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut out = String::new();
    for i in 0..n {
        let body = format!("{}\n{}", lines[i % lines.len()], lines[(i * 3 + 1) % lines.len()]);
        let rec = serde_json::json!({
            "id": format!("doc-{i:02}"),
            "title": format!("عنوان {i}"),
            "source": SOURCES[i % 3],
            "text": body,
        });
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    let path = dir.join("news.jsonl");
    std::fs::write(&path, out).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn sample_page_is_self_contained_rtl_and_complete() {
    let run = tahlil(&["report", SAMPLE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = &run.stdout;
    assert!(page.starts_with("<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\">"), "{}", &page[..200]);
    for banned in ["<script", "<link", " src=", "url(", "@import", "<img", "<iframe"] {
        assert!(!page.contains(banned), "{banned}");
    }
    assert_eq!(count(page, "<svg"), 3, "two bar charts and the network");
    // the sample's title and its two headed sections (the lead is the third)
    for s in [
        "الهند تعزز قدرتها الدفاعية مع آسيا الوسطى للسيطرة على الإرهاب والقرصنة الإلكترونية",
        "البنية التحتية الرقمية تُشكل أساس التنمية",
        "الالتزامات بمكافحة الإرهاب والجرائم الإلكترونية",
        "المقدّمة",
    ] {
        assert!(
            page.contains(&format!("<h4>{s}</h4>")) || page.contains(&format!("<h3>{s}</h3>")),
            "{s}"
        );
    }
    // India linked to the five republics, Central Asia, terrorism and cyber security
    for other in [
        "country:KAZ",
        "country:KGZ",
        "country:TJK",
        "country:TKM",
        "country:UZB",
        "region:central-asia",
        "theme:terrorism",
        "theme:cyber-security",
    ] {
        let (a, b) =
            if "country:IND" < other { ("country:IND", other) } else { (other, "country:IND") };
        assert!(
            page.contains(&format!("data-source=\"{a}\" data-target=\"{b}\"")),
            "edge {a} — {b}"
        );
    }
    // a single article: every edge (70) and node (19) is drawn. (72 before the theme audit
    // of issue 11: "البنية التحتية الرقمية" (digital infrastructure) is no longer
    // connectivity, which removes the connectivity–cyber-security and
    // connectivity–technology edges of its two sentences.)
    assert_eq!(count(page, "data-source=\""), 70);
    assert_eq!(count(page, "<circle cx="), 19 + 3, "19 nodes and 3 legend swatches");
    // counts of the overview
    assert!(page.contains("<dt>الوثائق</dt><dd>1</dd>"));
    assert!(page.contains("<dt>الكلمات</dt><dd>347</dd>"));
    // the strongest edge: 5 of the 18 sentences name both الهند and آسيا الوسطى (the headline
    // and four body sentences); its tooltip names the units once, and on phones its number
    // is labelled
    assert!(page.contains("<title>الهند — آسيا الوسطى · الوحدات: 5</title>"));
    assert!(page.contains("<td class=\"num\" data-label=\"الوحدات\">5</td>"));
    assert!(page.contains("share at least 1 unit (70 edges among 19 nodes)"));
    // phone-only hint under the drawing
    assert_eq!(count(page, "<p class=\"note swipe\">"), 1);
    // the options and version explain the report
    assert!(page.contains(concat!("tahlil ", env!("CARGO_PKG_VERSION"))));
    assert!(page.contains("Fruchterman"));
}

#[test]
fn markdown_writes_the_drawing_next_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("r.md");
    let run = tahlil(&["report", SAMPLE, "-o", md.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.starts_with("# تقرير تحليل المدوّنة\n"));
    assert!(text.contains("![Co-occurrence network](r.network.svg)"));
    assert!(text.contains("| 1 | الهند | 9 | ████████████████████ | 1 | 259.4 |"), "{text}");
    let svg = std::fs::read_to_string(dir.path().join("r.network.svg")).unwrap();
    assert!(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns="));
    well_formed(&svg);
    // to stdout: Markdown without a drawing
    let run = tahlil(&["report", SAMPLE, "--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("only with `--output FILE.md`"));
}

fn well_formed(xml: &str) {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut depth = 0i64;
    loop {
        match r.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML: {e}"),
        }
    }
    assert_eq!(depth, 0);
}

#[test]
fn output_options() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("a.html");
    let run = tahlil(&["report", SAMPLE, "--out", html.to_str().unwrap(), "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::read_to_string(&html).unwrap().starts_with("<!DOCTYPE html>"));
    let run = tahlil(&["report", SAMPLE, "--format", "json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("html, markdown"), "{}", run.stderr);
    // the drawing may not overwrite an input
    let input = dir.path().join("x.network.svg");
    std::fs::write(&input, "الهند").unwrap();
    let md = dir.path().join("x.md");
    let run = tahlil(&["report", input.to_str().unwrap(), "-o", md.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn corpus_text_is_escaped_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("x.txt");
    std::fs::write(
        &doc,
        "<script>alert(1)</script> | *الهند* & \"باكستان\" [رابط](javascript:x)\n\
         زارت الهند <b>باكستان</b> لمكافحة الإرهاب.\n",
    )
    .unwrap();
    let run = tahlil(&["report", doc.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("<script"), "raw script tag in the page");
    assert!(!run.stdout.contains("<b>"));
    assert!(run.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let md = dir.path().join("x.md");
    let run = tahlil(&["report", doc.to_str().unwrap(), "-o", md.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("\\<script\\>alert(1)\\</script\\> \\| \\*الهند\\* \\& \"باكستان\" \\[رابط\\](javascript:x)"), "{text}");
    assert!(!text.contains("<b>"));
    well_formed(&std::fs::read_to_string(dir.path().join("x.network.svg")).unwrap());
}

#[test]
fn same_report_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = jsonl_corpus(dir.path(), 60);
    let mut pages = Vec::new();
    for j in ["1", "2", "3"] {
        let run = tahlil(&["report", &corpus, "--by", "source", "--max-docs", "7", "-j", j]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        pages.push(run.stdout);
    }
    assert_eq!(pages[0], pages[1]);
    assert_eq!(pages[0], pages[2]);
    let page = &pages[0];
    // the first seven documents in input order, and the groups
    assert_eq!(count(page, "<article class=\"doc\">"), 7);
    let ids: Vec<usize> =
        (0..7).map(|i| page.find(&format!("<code>doc-{i:02}</code>")).unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "input order");
    assert!(!page.contains("<code>doc-07</code>"));
    assert!(page.contains("--max-docs"));
    for g in ["alpha", "beta", "gamma"] {
        assert!(page.contains(&format!("<td><bdi>{g}</bdi></td>")), "{g}");
    }
}

#[test]
fn network_limits_and_all_documents() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = jsonl_corpus(dir.path(), 12);
    let run =
        tahlil(&["report", &corpus, "--max-edges", "5", "--max-nodes", "4", "--max-docs", "0"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = &run.stdout;
    assert!(count(page, "data-source=\"") <= 5);
    assert!(count(page, "data-id=\"") <= 4);
    assert!(count(page, "data-id=\"") >= 2);
    assert_eq!(count(page, "<article class=\"doc\">"), 12);
    // measure other than units: shown in the edge table
    let run = tahlil(&["report", &corpus, "--measure", "npmi", "--min-count", "2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("<th class=\"ltr\">npmi</th>"));
    assert!(run.stdout.contains("data-label=\"npmi\""));
}

#[test]
fn ant_multisource_by_source() {
    let ant = "../shared/corpora/ant-multisource";
    if !Path::new(ant).exists() {
        eprintln!("SKIPPED: {ant} is absent");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ant.html");
    let run = tahlil(&["report", ant, "--by", "source", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.len() < 2_000_000, "{} bytes", page.len());
    assert!(count(&page, "data-source=\"") <= 80);
    assert!(count(&page, "data-id=\"") <= 40);
    assert!(count(&page, "data-id=\"") >= 10);
    assert_eq!(count(&page, "<article class=\"doc\">"), 20);
    for g in ["BBC", "CNN", "alarabia", "france24", "skynews"] {
        assert!(page.contains(&format!("<td><bdi>{g}</bdi></td>")), "{g}");
    }
    assert!(page.contains("<dt>الوثائق</dt><dd>31,525</dd>"));
}
