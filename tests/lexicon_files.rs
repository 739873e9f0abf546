//! User lexicon files: loading TSV and JSON, errors naming file and line, merging with the
//! built-ins, `--no-builtin`, `lexicon check` and `lexicon list`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::Path;
use tahlil::lexicon::{BuiltinOptions, Kind, Lexicon, Severity, check_file};
use tahlil::text::{Normalizer, Preset};

fn n() -> Normalizer {
    Normalizer::new(Preset::Standard)
}

fn write(dir: &Path, name: &str, content: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    let mut f = std::fs::File::create(&p).unwrap();
    f.write_all(content.as_bytes()).unwrap();
    p
}

fn find_ids(lex: &Lexicon, sentence: &str) -> Vec<String> {
    let toks: Vec<String> = sentence.split_whitespace().map(|t| n().normalize(t)).collect();
    let m = lex.matcher();
    let mut out = Vec::new();
    m.find(&toks, &mut out);
    out.iter().filter(|x| !x.ambiguous).map(|x| m.id(x.entry).to_string()).collect()
}

const USER_TSV: &str = "\
# my lexicon
id\tkind\tlabel_ar\tlabel_en\tpatterns
person:putin\tperson\tبوتين\tPutin\tبوتين|فلاديمير بوتين
theme:water\ttheme\tالمياه\tWater\tمياه|سد|سدود|جفاف
country:EGY\tcountry\t\t\tأرض الكنانة
";

#[test]
fn load_tsv_and_merge_with_builtins() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "user.tsv", USER_TSV);
    let user = Lexicon::load_file(&p, &n()).unwrap();
    assert_eq!(user.len(), 3);
    assert_eq!(user.entries()[0].kind, Kind::User("person".into()));
    // patterns carry their file and line
    assert_eq!(user.entries()[1].patterns[1].origin.line, 4);
    assert!(user.entries()[1].patterns[1].origin.file.ends_with("user.tsv"));

    let mut lex = Lexicon::builtin(&n(), &BuiltinOptions::default()).unwrap();
    let before = lex.len();
    lex.merge(user).unwrap();
    assert_eq!(lex.len(), before + 2, "country:EGY is extended, not added");
    let egy = lex.entry(lex.find_id("country:EGY").unwrap());
    assert_eq!(egy.label_en, "Egypt");
    assert_eq!(
        find_ids(&lex, "زار بوتين أرض الكنانة والسدود"),
        ["person:putin", "country:EGY", "theme:water"]
    );
    let kinds: Vec<String> = lex.summary().iter().map(|k| k.kind.to_string()).collect();
    assert_eq!(kinds, ["country", "region", "theme", "person"]);
}

#[test]
fn no_builtin_uses_only_user_files() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "user.tsv", USER_TSV);
    let mut lex = Lexicon::empty(&n());
    lex.merge(Lexicon::load_file(&p, &n()).unwrap()).unwrap();
    assert_eq!(find_ids(&lex, "بوتين في مصر"), ["person:putin"]);
    // the continuation row for country:EGY alone makes an entry without labels
    let egy = lex.entry(lex.find_id("country:EGY").unwrap());
    assert!(egy.label_en.is_empty());
}

#[test]
fn errors_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "bad.tsv",
        "theme:a\ttheme\tأ\tA\tإرهاب*\n\ncountry:XXX\tcountry\tس\tX\tمصر*\n",
    );
    let err = Lexicon::load_file(&p, &n()).unwrap_err();
    assert_eq!(err.line, 3);
    assert!(err.file.ends_with("bad.tsv"));
    let shown = err.to_string();
    assert!(shown.contains("bad.tsv:3:") && shown.contains("not allowed"), "{shown}");

    let missing = Lexicon::load_file(&dir.path().join("nope.tsv"), &n()).unwrap_err();
    assert_eq!(missing.line, 0);
    assert!(missing.message.contains("cannot read"));

    let latin1 = dir.path().join("latin1.tsv");
    std::fs::write(&latin1, b"theme:a\ttheme\ta\tA\tok\ntheme:b\ttheme\tb\tB\t\xE9\n").unwrap();
    let err = Lexicon::load_file(&latin1, &n()).unwrap_err();
    assert_eq!(err.line, 2);
    assert!(err.message.contains("UTF-8"));
}

#[test]
fn check_reports_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "check.tsv",
        "\
theme:a\ttheme\tأ\tA\tار*هاب
only two\tcolumns
theme:b\ttheme\tب\tB\t
country:AAA\tcountry\tا\tA\tالكونغو
country:BBB\tcountry\tب\tB\tالكونغو
label\tperson\tx\tX\tفلان
",
    );
    let problems = check_file(&p, &n());
    let summary: Vec<(usize, Severity)> = problems.iter().map(|p| (p.line, p.severity)).collect();
    assert_eq!(
        summary,
        [
            (1, Severity::Error),   // `*` inside a word
            (1, Severity::Warning), // theme:a has no (valid) pattern left
            (2, Severity::Error),   // column count
            (3, Severity::Warning), // no patterns
            (5, Severity::Warning), // الكونغو shared by two countries without `?`
            (6, Severity::Warning), // id without `kind:`
        ],
        "{problems:#?}"
    );
    assert!(problems.iter().all(|p| p.file.ends_with("check.tsv")));
    // a clean file has no problems
    let ok = write(dir.path(), "ok.tsv", USER_TSV);
    assert!(check_file(&ok, &n()).is_empty());
}

#[test]
fn json_dictionary_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "dict.json",
        r#"{
  "security": {
    "terror": ["إرهاب*", "متطرف*"],
    "cyber": ["سيبراني*", "هجمات الكتروني*"]
  },
  "country:EGY": ["أرض الكنانة"]
}"#,
    );
    let lex = Lexicon::load_file(&p, &n()).unwrap();
    let ids: Vec<&str> = lex.entries().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["country:EGY", "user:security.cyber", "user:security.terror"]);
    assert_eq!(
        find_ids(&lex, "الإرهابيين والهجمات الإلكترونية في أرض الكنانة"),
        ["user:security.terror", "user:security.cyber", "country:EGY"]
    );
    // a JSON error names the line
    let bad = write(dir.path(), "bad.json", "{\n  \"a\": [\"x\"\n  \"b\": []\n}");
    let err = Lexicon::load_file(&bad, &n()).unwrap_err();
    assert_eq!(err.line, 3, "{err}");
}

#[test]
fn merge_errors() {
    let a = Lexicon::parse_tsv("x:1\tx\ta\tA\tمصر\n", "a.tsv", &n()).unwrap();
    let b = Lexicon::parse_tsv("x:1\ty\tb\tB\tليبيا\n", "b.tsv", &n());
    // the id prefix must match a built-in kind; for user kinds it is only a warning
    assert!(b.is_ok());
    let mut a2 = a.clone();
    let err = a2.merge(b.unwrap()).unwrap_err();
    assert!(err.message.contains("kind"), "{err}");
    assert_eq!(err.file, "b.tsv");
    let other_preset =
        Lexicon::parse_tsv("x:2\tx\ta\tA\tمصر\n", "c.tsv", &Normalizer::new(Preset::Search))
            .unwrap();
    let mut a3 = a;
    assert!(a3.merge(other_preset).is_err());
}
