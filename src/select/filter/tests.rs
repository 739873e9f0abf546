//! Tests of the `--where` grammar and its evaluation, with values worked out by hand.

use super::*;

fn filter(exprs: &[&str]) -> Filter {
    match Filter::parse(exprs, FilterOptions::default()) {
        Ok(f) => f,
        Err(e) => panic!("{e}"),
    }
}

fn error(expr: &str) -> String {
    match Filter::parse(&[expr], FilterOptions::default()) {
        Ok(f) => panic!("{expr:?} parsed as {f}"),
        Err(e) => e.to_string(),
    }
}

fn doc(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// A matcher for tests: the text is a list of words and entries.
struct Words(Vec<&'static str>, usize);

impl TextMatcher for Words {
    fn has(&mut self, _scope: TextScope, term: &TextTerm) -> bool {
        self.1 += 1;
        let t = term.to_string();
        self.0.contains(&t.as_str())
    }
}

fn keeps(f: &Filter, d: &[(String, String)]) -> bool {
    f.matches(d, &mut Words(vec![], 0))
}

fn bbc() -> Vec<(String, String)> {
    doc(&[
        ("source", "BBC"),
        ("category", "internationalNews"),
        ("date", "Thu, 01 Mar 2018 02:34:05 +0400"),
        ("words", "412"),
        ("author", "القاهرة - بي بي سي"),
    ])
}

#[test]
fn equality_and_inequality() {
    let d = bbc();
    assert!(keeps(&filter(&["source=BBC"]), &d));
    assert!(keeps(&filter(&["source==BBC"]), &d));
    assert!(!keeps(&filter(&["source=bbc"]), &d)); // case matters
    assert!(keeps(&filter(&["source!=CNN"]), &d));
    assert!(!keeps(&filter(&["source!=BBC"]), &d));
    // A missing field: `=` false, `!=` true.
    assert!(!keeps(&filter(&["lang=ar"]), &d));
    assert!(keeps(&filter(&["lang!=ar"]), &d));
    // Quoted values with spaces and Arabic text.
    assert!(keeps(&filter(&["author=\"القاهرة - بي بي سي\""]), &d));
    assert!(keeps(&filter(&["author='القاهرة - بي بي سي'"]), &d));
    assert!(!keeps(&filter(&["author=القاهرة"]), &d));
    // An empty value matches an empty field only.
    assert!(keeps(&filter(&["x=\"\""]), &doc(&[("x", "")])));
    assert!(!keeps(&filter(&["x=\"\""]), &d));
}

#[test]
fn repeated_expressions_are_anded() {
    let d = bbc();
    assert!(keeps(&filter(&["source=BBC", "category=internationalNews"]), &d));
    assert!(!keeps(&filter(&["source=BBC", "category=sport"]), &d));
    assert!(keeps(&filter(&[]), &d));
    assert!(filter(&[]).is_empty());
}

#[test]
fn regex_and_sets() {
    let d = bbc();
    assert!(keeps(&filter(&["category~News$"]), &d));
    assert!(!keeps(&filter(&["category~^News"]), &d));
    assert!(keeps(&filter(&["source~'(?i)^bbc$'"]), &d));
    assert!(keeps(&filter(&["category!~sport"]), &d));
    assert!(keeps(&filter(&["author~القاهرة"]), &d));
    assert!(keeps(&filter(&["source in (CNN, BBC)"]), &d));
    assert!(keeps(&filter(&["source IN (CNN,BBC)"]), &d));
    assert!(!keeps(&filter(&["source in (CNN,skynews)"]), &d));
    assert!(keeps(&filter(&["source not in (CNN,skynews)"]), &d));
    assert!(keeps(&filter(&["author in (\"القاهرة - بي بي سي\", x)"]), &d));
    // Missing field: `~` false, `!~` true, `in` false, `not in` true.
    assert!(!keeps(&filter(&["lang~."]), &d));
    assert!(keeps(&filter(&["lang!~."]), &d));
    assert!(!keeps(&filter(&["lang in (ar)"]), &d));
    assert!(keeps(&filter(&["lang not in (ar)"]), &d));
    // Backslashes other than \" \' \\ reach the regex as written.
    assert!(keeps(&filter(&["words~'^\\d+$'"]), &d));
}

#[test]
fn numbers() {
    let d = bbc();
    assert!(keeps(&filter(&["words>400"]), &d));
    assert!(keeps(&filter(&["words>=412"]), &d));
    assert!(!keeps(&filter(&["words>412"]), &d));
    assert!(keeps(&filter(&["words<=412.0"]), &d));
    assert!(keeps(&filter(&["words<1e3"]), &d));
    // Not a number in the document: no match.
    assert!(!keeps(&filter(&["source>1"]), &d));
    assert!(!keeps(&filter(&["lang<1"]), &d));
}

#[test]
fn dates_compare_by_period() {
    // The document's date is 1 March 2018 as written (+04:00), 28 February in UTC.
    let d = bbc();
    let yes = |e: &str| assert!(keeps(&filter(&[e]), &d), "{e} should keep it");
    let no = |e: &str| assert!(!keeps(&filter(&[e]), &d), "{e} should drop it");
    yes("date>=2018-03-01");
    yes("date>=2018-03");
    yes("date>=2018");
    yes("date>2018-02");
    no("date>2018-03");
    yes("date>2018-02-28");
    no("date>2018-03-01");
    yes("date<2018-03-02");
    no("date<2018-03-01");
    yes("date<=2018-03-01");
    yes("date<=2018-Q1");
    yes("date=2018-03");
    yes("date=2018-Q1");
    yes("date=2018-W09"); // 26 Feb – 4 Mar 2018
    yes("date=2018");
    no("date=2018-03-02");
    yes("date!=2018-02");
    yes("date in (2018-01, 2018-03)");
    no("date in (2018-01, 2018-02)");
    yes("date not in (2018-02)");
    yes("date>=2018-03-01 and date<2018-04");
    // Regex on a date field is on the raw text.
    yes("date~^Thu");
    // UTC basis: 28 February.
    let utc = FilterOptions { basis: DateBasis::Utc, ..Default::default() };
    let f = Filter::parse(&["date=2018-02-28"], utc).unwrap();
    assert!(keeps(&f, &d));
}

#[test]
fn dates_missing_unparsable_and_coarse() {
    let none = doc(&[("source", "BBC")]);
    let bad = doc(&[("date", "yesterday")]);
    for d in [&none, &bad] {
        assert!(!keeps(&filter(&["date>=2000"]), d));
        assert!(!keeps(&filter(&["date<3000"]), d));
        assert!(!keeps(&filter(&["date=2018"]), d));
        assert!(!keeps(&filter(&["date in (2018)"]), d));
        assert!(keeps(&filter(&["date!=2018"]), d));
        assert!(keeps(&filter(&["date not in (2018)"]), d));
    }
    // A month-precision date (all of March 2018) is inside 2018-Q1 and 2018, not inside
    // 2018-03-15 nor after 2018-03-15, and entirely before April.
    let march = doc(&[("date", "2018-03")]);
    assert!(keeps(&filter(&["date=2018-Q1"]), &march));
    assert!(keeps(&filter(&["date=2018-03"]), &march));
    assert!(!keeps(&filter(&["date=2018-03-15"]), &march));
    assert!(!keeps(&filter(&["date>=2018-03-15"]), &march));
    assert!(keeps(&filter(&["date>=2018-03-01"]), &march));
    assert!(keeps(&filter(&["date<2018-04"]), &march));
    assert!(!keeps(&filter(&["date<2018-03-31"]), &march));
    // Other date fields by option.
    let opts = FilterOptions { date_fields: vec!["published".into()], ..Default::default() };
    let f = Filter::parse(&["published>=2018-03"], opts).unwrap();
    assert!(keeps(&f, &doc(&[("published", "2018-03-05")])));
    // `date` is then an ordinary field: `>=` wants a number.
    let opts = FilterOptions { date_fields: vec!["published".into()], ..Default::default() };
    assert!(Filter::parse(&["date>=2018-03"], opts).is_err());
}

#[test]
fn boolean_structure() {
    let d = bbc();
    assert!(keeps(&filter(&["source=CNN or source=BBC"]), &d));
    assert!(!keeps(&filter(&["not source=BBC"]), &d));
    assert!(keeps(&filter(&["not (source=CNN or category=sport)"]), &d));
    // `and` binds tighter than `or`: CNN or (BBC and sport) → false; (CNN or BBC) and
    // internationalNews → true.
    assert!(!keeps(&filter(&["source=CNN or source=BBC and category=sport"]), &d));
    assert!(keeps(&filter(&["(source=CNN or source=BBC) and category=internationalNews"]), &d));
    assert!(keeps(&filter(&["source=CNN OR source=BBC AND NOT category=sport"]), &d));
    assert!(keeps(&filter(&["not not source=BBC"]), &d));
}

#[test]
fn text_conditions_are_delegated() {
    let f = filter(&["source=BBC and text has country:IRN"]);
    assert!(f.needs_text());
    let terms: Vec<String> = f.text_terms().iter().map(|(_, t)| t.to_string()).collect();
    assert_eq!(terms, vec!["country:IRN"]);
    match &f.text_terms()[0].1 {
        TextTerm::Entry { kind, id } => {
            assert_eq!((kind.as_str(), id.as_str()), ("country", "IRN"))
        }
        other => panic!("{other:?}"),
    }
    let d = bbc();
    assert!(f.matches(&d[..], &mut Words(vec!["country:IRN"], 0)));
    assert!(!f.matches(&d[..], &mut Words(vec!["theme:oil"], 0)));
    // Decided without the text: a CNN document fails whatever its text holds, and the
    // matcher is not asked.
    let cnn = doc(&[("source", "CNN")]);
    let mut m = Words(vec!["country:IRN"], 0);
    assert!(!f.matches(&cnn[..], &mut m));
    assert_eq!(m.1, 0);
    assert_eq!(f.decide_without_text(&cnn[..]), Some(false));
    assert_eq!(f.decide_without_text(&d[..]), None);
    let g = filter(&["source=BBC or text has sanctions"]);
    assert_eq!(g.decide_without_text(&d[..]), Some(true));
    assert_eq!(g.decide_without_text(&cnn[..]), None);
    assert_eq!(filter(&["not text has x"]).decide_without_text(&d[..]), None);
    // Words, phrases and Arabic terms; a quoted KIND:ID is a word.
    let f = filter(&["text has \"الأمم المتحدة\" and title has عقوبات and text has 'country:IRN'"]);
    let t = f.text_terms();
    assert_eq!(t[0], (TextScope::Text, &TextTerm::Word("الأمم المتحدة".into())));
    assert_eq!(t[1], (TextScope::Title, &TextTerm::Word("عقوبات".into())));
    assert_eq!(t[2], (TextScope::Text, &TextTerm::Word("country:IRN".into())));
    // theme ids may hold any bare characters; the kind is lower-cased.
    let f = filter(&["text has Theme:oil-prices"]);
    assert_eq!(
        f.text_terms()[0].1,
        &TextTerm::Entry { kind: "theme".into(), id: "oil-prices".into() }
    );
    // A closure is a matcher.
    let f = filter(&["text has x"]);
    assert!(f.matches(&d[..], &mut |_: TextScope, t: &TextTerm| t.to_string() == "x"));
}

#[test]
fn documents_are_records() {
    let d = crate::corpus::Document {
        id: "BB-1".into(),
        path: std::sync::Arc::from("bbc.jsonl"),
        record: Some(3),
        title: Some("عنوان".into()),
        text: "نص".into(),
        meta: vec![("source".into(), "BBC".into()), ("date".into(), "2018-03-01".into())],
        encoding: None,
    };
    let f = filter(&["source=BBC and id~^BB- and title=عنوان and path=bbc.jsonl and date=2018-03"]);
    assert!(f.matches(&d, &mut Words(vec![], 0)));
    assert_eq!(f.fields(), vec!["date", "id", "path", "source", "title"]);
}

#[test]
fn errors_carry_the_column() {
    assert_eq!(
        error("date>=2018-13-01"),
        "--where 'date>=2018-13-01': column 12: month 13 out of range (1–12)"
    );
    assert_eq!(
        error("date>=2018-02-30"),
        "--where 'date>=2018-02-30': column 15: day 30 out of range for 2018-02 (1–28)"
    );
    // Quoted literal: the column is inside the quotes.
    assert_eq!(
        error("date>='2018-13'"),
        "--where 'date>='2018-13'': column 13: month 13 out of range (1–12)"
    );
    assert_eq!(
        error("date>=2018-W53"),
        "--where 'date>=2018-W53': column 13: week 53 out of range for 2018 (1–52)"
    );
    assert!(error("date>=March").contains("column 7: expected a date or period"));
    // Columns count characters, not bytes: «مصدر» is 4 characters.
    assert_eq!(error("مصدر=1 x").split(": ").nth(1), Some("column 8"));
    assert!(error("source=BBC category=sport").contains("column 12: unexpected «category»"));
    assert!(error("source=BBC category=sport").contains("quote values that hold spaces"));
    assert!(error("source").contains("column 7: expected an operator after «source»"));
    assert!(error("source=").contains("column 8: expected a value after «=»"));
    assert!(error("source!BBC").contains("column 7: «!» must be followed"));
    assert!(error("source=\"BBC").contains("column 8: unterminated string"));
    assert!(error("(source=BBC").contains("column 12: missing «)» for the «(» at column 1"));
    assert!(error("source in BBC").contains("column 11: expected «(»"));
    assert!(error("source in (BBC").contains("column 15: missing «)»"));
    assert!(error("source not BBC").contains("column 12: expected «in» after «not»"));
    assert!(error("and=1").contains("column 1: expected a field name, found the keyword «and»"));
    assert!(error("").contains("column 1: empty expression"));
    assert!(error("words>many").contains("column 7: «>» compares numbers"));
    assert!(error("text=x").contains("column 5: the text is searched with «text has TERM»"));
    assert!(error("source has x").contains("column 1: «has» searches the text or the title"));
    assert!(error("text has").contains("column 9: expected a term"));
    assert!(error("source=BBC and").contains("column 15: expected a condition"));
    // Regex errors point into the pattern: the unclosed group opens at column 13.
    let e = error("category~'ab(cd'");
    assert!(e.contains("invalid regular expression: unclosed group"), "{e}");
    assert!(e.contains("column 13"), "{e}");
    // Unquoted, the parenthesis ends the bare word.
    assert!(error("category~ab(cd").contains("column 12: unexpected «(»"));
}

#[test]
fn display_is_canonical_and_parses_back() {
    let cases = [
        ("source=BBC", "source=BBC"),
        ("source = 'BBC'  AND  category ~ News", "source=BBC and category~News"),
        ("source=\"Sky News\"", "source=\"Sky News\""),
        ("not (a=1 or b=2) and c in (x, \"y z\")", "not (a=1 or b=2) and c in (x, \"y z\")"),
        ("(a=1 or b=2) and c=3", "(a=1 or b=2) and c=3"),
        ("a=1 or b=2 and c=3", "a=1 or b=2 and c=3"),
        ("date >= 2018-03 and date<2018-W20", "date>=2018-03 and date<2018-W20"),
        ("date in (2018-Q1,2018)", "date in (2018-Q1, 2018)"),
        (
            "text has country:IRN or title has \"الأمم المتحدة\"",
            "text has country:IRN or title has \"الأمم المتحدة\"",
        ),
        ("words>=10.5", "words>=10.5"),
        ("\"and\"=x", "\"and\"=x"),
    ];
    for (input, want) in cases {
        let f = filter(&[input]);
        assert_eq!(f.to_string(), want, "{input}");
        assert_eq!(filter(&[want]).to_string(), want);
    }
    assert_eq!(filter(&["a=1 or b=2", "c=3"]).to_string(), "(a=1 or b=2) and c=3");
}
